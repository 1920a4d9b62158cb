//! The plan as JSON (`docs/json-format.md`) and back.

use crate::model::{Plan, SCHEMA_VERSION};

/// The JSON document: the plan's fields, with `schema_version` first. (Not a serde
/// `flatten`: its generic buffering code cost about 50 KB of the app's wasm.)
pub fn to_json(plan: &Plan) -> String {
    match serde_json::to_string_pretty(plan) {
        Ok(fields) => match fields.strip_prefix("{\n") {
            Some(rest) => format!("{{\n  \"schema_version\": {SCHEMA_VERSION},\n{rest}"),
            None => fields,
        },
        Err(e) => format!("{{\"error\": \"{e}\"}}"),
    }
}

/// Why a JSON import was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Not JSON at all, or not an object.
    Malformed(String),
    /// A `schema_version` this build does not read.
    WrongVersion(Option<u64>),
    /// JSON of the right version but not a plan.
    NotAPlan(String),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Malformed(e) => write!(f, "Tệp không phải JSON hợp lệ (not valid JSON): {e}"),
            ImportError::WrongVersion(Some(v)) => write!(
                f,
                "Phiên bản định dạng {v} không được hỗ trợ; cần {SCHEMA_VERSION} (unsupported schema_version {v}, expected {SCHEMA_VERSION})"
            ),
            ImportError::WrongVersion(None) => write!(
                f,
                "Tệp JSON không có schema_version: không phải kế hoạch xuất từ kehoach (no schema_version: not a kehoach export)"
            ),
            ImportError::NotAPlan(e) => write!(f, "Tệp JSON không chứa kế hoạch hợp lệ (not a plan): {e}"),
        }
    }
}

impl std::error::Error for ImportError {}

pub fn from_json(s: &str) -> Result<Plan, ImportError> {
    let value: serde_json::Value =
        serde_json::from_str(s).map_err(|e| ImportError::Malformed(e.to_string()))?;
    let obj = value
        .as_object()
        .ok_or_else(|| ImportError::Malformed("expected a JSON object".into()))?;
    match obj.get("schema_version").and_then(|v| v.as_u64()) {
        // Schema 1 is schema 2 without tables, annexes, the decision and the tasks'
        // source: every new field has a default, so it reads as it is.
        Some(v) if v == 1 || v == u64::from(SCHEMA_VERSION) => {}
        other => return Err(ImportError::WrongVersion(other)),
    }
    // The plan's fields sit beside `schema_version`, which `Plan` ignores. Read from
    // the text, not from `value`: one deserializer's copy of the plan's code, not two.
    serde_json::from_str(s).map_err(|e| ImportError::NotAPlan(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file written by schema 1 (no tables, annexes, decision, task source or
    /// annex) still imports, as the same plan less what schema 1 did not have.
    #[test]
    fn schema_1_files_still_import() {
        let plan = crate::parse("KẾ HOẠCH\nCông tác năm 2025\nI. NHIỆM VỤ\n1. Sở A\n- Nội dung: Rà soát.\n- Đơn vị chủ trì: Sở A.\n");
        let mut v: serde_json::Value = serde_json::from_str(&to_json(&plan)).expect("JSON");
        v["schema_version"] = 1.into();
        let obj = v.as_object_mut().expect("object");
        for added in ["tables", "annexes", "decision", "footnotes"] {
            obj.remove(added);
        }
        for t in obj["tasks"].as_array_mut().expect("tasks") {
            let t = t.as_object_mut().expect("task");
            for added in ["source", "annex", "group", "product"] {
                t.remove(added);
            }
        }
        let back = from_json(&v.to_string()).expect("schema 1 imports");
        assert_eq!(back, plan);
        assert!(matches!(
            from_json(
                &v.to_string()
                    .replace("\"schema_version\":1", "\"schema_version\":3")
            ),
            Err(ImportError::WrongVersion(Some(3)))
        ));
    }
}
