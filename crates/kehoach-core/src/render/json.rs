//! The plan as JSON (`docs/json-format.md`) and back.

use crate::model::{Plan, SCHEMA_VERSION};
use serde::{Deserialize, Serialize};

/// The JSON document: the plan under a schema version.
#[derive(Debug, Serialize, Deserialize)]
struct Envelope {
    schema_version: u32,
    #[serde(flatten)]
    plan: Plan,
}

pub fn to_json(plan: &Plan) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        schema_version: u32,
        #[serde(flatten)]
        plan: &'a Plan,
    }
    serde_json::to_string_pretty(&Out {
        schema_version: SCHEMA_VERSION,
        plan,
    })
    .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
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
    let env: Envelope =
        serde_json::from_value(value).map_err(|e| ImportError::NotAPlan(e.to_string()))?;
    Ok(env.plan)
}
