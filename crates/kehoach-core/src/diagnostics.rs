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
