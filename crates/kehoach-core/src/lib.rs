//! kehoach-core: the domain of Vietnamese administrative plans (Kế hoạch).
//!
//! One way for data: text → [`parse`] → [`model::Plan`] → [`rules::validate`] →
//! [`diagnostics::Diagnostic`]s; [`fix`] applies their edits, [`render`] writes the plan
//! as JSON or clean text. No I/O and no web dependency: the web app and the CLI are
//! thin shells over this crate.

pub mod blocks;
pub mod compose;
pub mod dates;
pub mod diagnostics;
pub mod fix;
pub mod hash;
pub mod import;
pub mod json;
pub mod legacy;
pub mod legal;
pub mod markers;
pub mod model;
pub mod order;
pub mod parse;
mod pattern;
pub mod reading;
pub mod render;
pub mod rules;
pub mod settings;
pub mod source;
pub mod text;
pub mod vocab;
pub mod word;

use diagnostics::{Diagnostic, Lang, OutDiagnostic, Severity};
use model::Plan;
use serde::Serialize;

/// A checked text: the parsed plan and the findings, in source order.
#[derive(Debug, Clone)]
pub struct Report {
    pub plan: Plan,
    pub diagnostics: Vec<Diagnostic>,
    /// The text's line index, built for the check: the findings' lines and
    /// columns come from it (`Diagnostic::to_out`) without reading the text again.
    pub index: source::LineIndex,
}

impl Report {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }
}

/// Parses and validates a text.
pub fn check(text: &str) -> Report {
    let src = reading::Source::new(text);
    let plan = parse::parse_source(&src);
    let diagnostics = rules::validate(&src, &plan);
    Report {
        plan,
        diagnostics,
        index: src.index,
    }
}

/// The changes to a Word file that set its presentation findings right, one per
/// finding that has one ("Tải .docx đã sửa", `kehoach fix FILE.docx -o`).
pub fn presentation_fixes(
    text: &str,
    presentation: &word::Presentation,
) -> Vec<word::fix::FileFix> {
    let plan = parse(text);
    rules::format::check_with_fixes(presentation, text, &plan).1
}

/// The check of a text and, for a Word file, of its presentation (`KH9xx`).
pub fn check_presented(text: &str, presentation: Option<&word::Presentation>) -> Report {
    let mut report = check(text);
    if let Some(p) = presentation {
        report
            .diagnostics
            .extend(rules::format::check(p, text, &report.plan));
    }
    report
}

pub use parse::parse;

/// A file's result in the CLI's JSON contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileReport {
    pub path: String,
    pub kind: &'static str,
    pub diagnostics: Vec<OutDiagnostic>,
}

/// Checks `text` under an office's rule `settings` and shapes the result as the CLI
/// shows it.
pub fn check_for_output(
    path: &str,
    text: &str,
    presentation: Option<&word::Presentation>,
    lang: Lang,
    settings: &settings::Settings,
) -> FileReport {
    let mut report = check_presented(text, presentation);
    settings.apply(&mut report.diagnostics);
    let index = source::LineIndex::new(text);
    FileReport {
        path: path.to_string(),
        kind: report.plan.kind.as_str(),
        diagnostics: report
            .diagnostics
            .iter()
            .map(|d| d.to_out(text, &index, lang))
            .collect(),
    }
}
