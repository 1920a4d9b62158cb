//! Findings and fixes, and their output form (the CLI's JSON contract).

use crate::source::{LineIndex, Span};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::Vi) => "Lỗi",
            (Severity::Warning, Lang::Vi) => "Cảnh báo",
            (Severity::Info, Lang::Vi) => "Thông tin",
            (Severity::Error, Lang::En) => "Error",
            (Severity::Warning, Lang::En) => "Warning",
            (Severity::Info, Lang::En) => "Info",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub vi: String,
    pub en: String,
}

impl Message {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Message {
            vi: vi.into(),
            en: en.into(),
        }
    }
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// Replace the text under `span` with `new_text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextEdit {
    pub span: Span,
    pub new_text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub title: Message,
    /// Applies without judgement (normalisation, spacing, markers, noise removal).
    pub safe: bool,
    pub edits: Vec<TextEdit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: Message,
    pub span: Span,
    /// Other places involved (the previous sibling of a numbering gap, …).
    pub related: Vec<Span>,
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    pub fn has_safe_fix(&self) -> bool {
        self.fixes.iter().any(|f| f.safe)
    }
}

// -----------------------------------------------------------------------------------
// Output form

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutEdit {
    /// Byte offsets of the edit (beyond the CLI contract's fields, for editors).
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub new_text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutFix {
    pub title: String,
    pub safe: bool,
    pub edits: Vec<OutEdit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutRange {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// A finding as the CLI and the app show it: positions as 1-based line/column,
/// message in one language. Byte offsets are kept for the editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutDiagnostic {
    pub code: String,
    pub severity: Severity,
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<OutRange>,
    pub fixes: Vec<OutFix>,
}

impl Diagnostic {
    pub fn to_out(&self, text: &str, index: &LineIndex, lang: Lang) -> OutDiagnostic {
        let r = index.range(text, self.span);
        OutDiagnostic {
            code: self.code.to_string(),
            severity: self.severity,
            message: self.message.get(lang).to_string(),
            line: r.line,
            column: r.column,
            end_line: r.end_line,
            end_column: r.end_column,
            start: self.span.start,
            end: self.span.end,
            related: self
                .related
                .iter()
                .map(|s| {
                    let r = index.range(text, *s);
                    OutRange {
                        line: r.line,
                        column: r.column,
                        end_line: r.end_line,
                        end_column: r.end_column,
                    }
                })
                .collect(),
            fixes: self
                .fixes
                .iter()
                .map(|f| OutFix {
                    title: f.title.get(lang).to_string(),
                    safe: f.safe,
                    edits: f
                        .edits
                        .iter()
                        .map(|e| {
                            let r = index.range(text, e.span);
                            OutEdit {
                                start: e.span.start,
                                end: e.span.end,
                                line: r.line,
                                column: r.column,
                                end_line: r.end_line,
                                end_column: r.end_column,
                                new_text: e.new_text.clone(),
                            }
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

// -----------------------------------------------------------------------------------
// The same forms through `crate::json`, as the web page reads and writes them (the
// worker's findings, the `.docx` module's): the fields and names serde gives them.

use crate::json::{field, field_or_default, Error as JsonError, FromJson, ToJson, Value, Writer};

impl FromJson for Severity {
    fn from_json(value: &Value<'_>) -> Result<Self, JsonError> {
        match value.as_str() {
            Some("error") => Ok(Severity::Error),
            Some("warning") => Ok(Severity::Warning),
            Some("info") => Ok(Severity::Info),
            _ => Err(JsonError(format!(
                "unknown severity {}, expected \"error\", \"warning\" or \"info\"",
                value.to_json_string()
            ))),
        }
    }
}

impl ToJson for Severity {
    fn write_json(&self, w: &mut Writer) {
        w.string(self.as_str());
    }
}

impl FromJson for Message {
    fn from_json(value: &Value<'_>) -> Result<Self, JsonError> {
        Ok(Message {
            vi: field(value, "vi")?,
            en: field(value, "en")?,
        })
    }
}

impl ToJson for Message {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("vi", &self.vi);
        w.field("en", &self.en);
        w.end_object();
    }
}

impl FromJson for TextEdit {
    fn from_json(value: &Value<'_>) -> Result<Self, JsonError> {
        Ok(TextEdit {
            span: field(value, "span")?,
            new_text: field(value, "new_text")?,
        })
    }
}

impl FromJson for Fix {
    fn from_json(value: &Value<'_>) -> Result<Self, JsonError> {
        Ok(Fix {
            title: field(value, "title")?,
            safe: field(value, "safe")?,
            edits: field(value, "edits")?,
        })
    }
}

impl FromJson for OutEdit {
    fn from_json(value: &Value<'_>) -> Result<Self, JsonError> {
        Ok(OutEdit {
            start: field(value, "start")?,
            end: field(value, "end")?,
            line: field(value, "line")?,
            column: field(value, "column")?,
            end_line: field(value, "end_line")?,
            end_column: field(value, "end_column")?,
            new_text: field(value, "new_text")?,
        })
    }
}

impl ToJson for OutEdit {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("start", &self.start);
        w.field("end", &self.end);
        w.field("line", &self.line);
        w.field("column", &self.column);
        w.field("end_line", &self.end_line);
        w.field("end_column", &self.end_column);
        w.field("new_text", &self.new_text);
        w.end_object();
    }
}

impl FromJson for OutFix {
    fn from_json(value: &Value<'_>) -> Result<Self, JsonError> {
        Ok(OutFix {
            title: field(value, "title")?,
            safe: field(value, "safe")?,
            edits: field(value, "edits")?,
        })
    }
}

impl ToJson for OutFix {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("title", &self.title);
        w.field("safe", &self.safe);
        w.field("edits", &self.edits);
        w.end_object();
    }
}

impl FromJson for OutRange {
    fn from_json(value: &Value<'_>) -> Result<Self, JsonError> {
        Ok(OutRange {
            line: field(value, "line")?,
            column: field(value, "column")?,
            end_line: field(value, "end_line")?,
            end_column: field(value, "end_column")?,
        })
    }
}

impl ToJson for OutRange {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("line", &self.line);
        w.field("column", &self.column);
        w.field("end_line", &self.end_line);
        w.field("end_column", &self.end_column);
        w.end_object();
    }
}

impl FromJson for OutDiagnostic {
    fn from_json(value: &Value<'_>) -> Result<Self, JsonError> {
        Ok(OutDiagnostic {
            code: field(value, "code")?,
            severity: field(value, "severity")?,
            message: field(value, "message")?,
            line: field(value, "line")?,
            column: field(value, "column")?,
            end_line: field(value, "end_line")?,
            end_column: field(value, "end_column")?,
            start: field(value, "start")?,
            end: field(value, "end")?,
            related: field_or_default(value, "related")?,
            fixes: field(value, "fixes")?,
        })
    }
}

impl ToJson for OutDiagnostic {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("code", &self.code);
        w.field("severity", &self.severity);
        w.field("message", &self.message);
        w.field("line", &self.line);
        w.field("column", &self.column);
        w.field("end_line", &self.end_line);
        w.field("end_column", &self.end_column);
        w.field("start", &self.start);
        w.field("end", &self.end);
        if !self.related.is_empty() {
            w.field("related", &self.related);
        }
        w.field("fixes", &self.fixes);
        w.end_object();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    /// Findings of every kind a real plan has, with fixes, related places and
    /// escapes in their texts.
    fn findings() -> (Vec<Diagnostic>, Vec<OutDiagnostic>) {
        let mut diagnostics = Vec::new();
        let mut outs = Vec::new();
        let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/seeds");
        let mut read = 0;
        for entry in std::fs::read_dir(seeds).into_iter().flatten().flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            let report = crate::check(&text);
            for d in &report.diagnostics {
                outs.push(d.to_out(&text, &report.index, Lang::Vi));
            }
            diagnostics.extend(report.diagnostics);
            read += 1;
        }
        assert!(
            read >= 5 && outs.len() > 20,
            "the seeds beside the repository: {read} read, {} findings",
            outs.len()
        );
        assert!(outs.iter().any(|o| !o.related.is_empty()));
        assert!(outs.iter().any(|o| !o.fixes.is_empty()));
        let mut escaped = outs[0].clone();
        escaped.message = "\"quoted\" \\ line\nbreak\ttab \u{1} đ 😀".into();
        outs.push(escaped);
        (diagnostics, outs)
    }

    #[test]
    fn the_pages_json_forms_read_and_write_what_serde_does() {
        let (diagnostics, outs) = findings();
        for out in &outs {
            let by_serde = serde_json::to_string(out).unwrap();
            assert_eq!(json::from_str::<OutDiagnostic>(&by_serde).as_ref(), Ok(out));
            let ours = json::to_string(out);
            assert_eq!(ours, by_serde, "written as serde writes it");
        }
        for d in &diagnostics {
            for fix in &d.fixes {
                let by_serde = serde_json::to_string(fix).unwrap();
                assert_eq!(json::from_str::<Fix>(&by_serde).as_ref(), Ok(fix));
            }
            let by_serde = serde_json::to_string(&d.message).unwrap();
            assert_eq!(
                json::from_str::<Message>(&by_serde).as_ref(),
                Ok(&d.message)
            );
            assert_eq!(json::to_string(&d.message), by_serde);
            assert_eq!(
                json::to_string(&d.severity),
                serde_json::to_string(&d.severity).unwrap()
            );
        }
    }
}
