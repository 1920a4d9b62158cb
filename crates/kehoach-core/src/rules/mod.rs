//! The rule set: one module per family of findings, each declaring its rules beside
//! the code that checks them (`RULES`), the way clippy declares lints.
//!
//! A [`Rule`] is the documentation of a finding: stable code, default severity,
//! what it means and why (with its source in Decree 30 or "practice"), and a bad and a
//! good example. `docs/rules.md` and the app's catalogue are generated from
//! [`registry`]; a test checks every rule's examples against the validator.

use crate::diagnostics::{Diagnostic, Fix, Message, Severity, TextEdit};
use crate::model::Plan;
use crate::reading::Source;
use crate::source::Span;
use crate::text::Case;

mod annex;
mod document;
mod footer;
pub mod format;
mod header;
mod hygiene;
mod legal;
mod numbering;
mod signature;
mod tables;
mod tasks;
mod title;

/// The codes of the findings that convert a legacy encoding (TCVN3, VNI) to Unicode.
/// Until those are applied, other rules read the text as nonsense, so "every safe
/// fix" applies them first ([`crate::fix::apply_safe_fixes`]).
pub const LEGACY_ENCODING_CODES: [&str; 2] = [hygiene::TCVN3.code, hygiene::VNI.code];

/// The documentation and identity of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable code, e.g. `KH101`. Never reused for another meaning.
    pub code: &'static str,
    /// Short kebab-case name.
    pub name: &'static str,
    pub severity: Severity,
    /// What the rule finds.
    pub what_vi: &'static str,
    pub what_en: &'static str,
    /// Why it matters.
    pub why_vi: &'static str,
    pub why_en: &'static str,
    /// `NĐ 30/2020, Phụ lục I, mục II.1` or `practice`.
    pub source: &'static str,
    /// A complete text that triggers the rule.
    pub bad: &'static str,
    /// The same text done right.
    pub good: &'static str,
    /// Whether the finding carries a safe fix.
    pub safe_fix: bool,
}

/// Every rule, in code order.
pub fn registry() -> Vec<&'static Rule> {
    let mut all: Vec<&'static Rule> = [
        document::RULES,
        header::RULES,
        title::RULES,
        legal::RULES,
        numbering::RULES,
        tasks::RULES,
        tables::RULES,
        annex::RULES,
        footer::RULES,
        signature::RULES,
        hygiene::RULES,
        format::RULES,
    ]
    .into_iter()
    .flatten()
    .collect();
    crate::order::sort_by_key(&mut all, |r| r.code);
    all
}

pub fn rule(code: &str) -> Option<&'static Rule> {
    registry().into_iter().find(|r| r.code == code)
}

/// The catalogue as Markdown: the content of `docs/rules.md`.
pub fn catalogue_markdown() -> String {
    let mut out = String::from(
        "# Rule catalogue\n\n<!-- Generated from crates/kehoach-core/src/rules by `kehoach rules --format markdown`; do not edit by hand (a test fails when it is stale). -->\n\nSeverity: **error** for what Decree 30/2020/NĐ-CP requires, **warning** for practice and noise, **info** for what a draft may leave open. A rule marked *safe fix* is repaired by \"Sửa tất cả lỗi an toàn\" and `kehoach fix`.\n\n| code | name | severity | what | safe fix |\n|---|---|---|---|---|\n",
    );
    for r in registry() {
        out.push_str(&format!(
            "| [{}](#{}) | {} | {} | {} | {} |\n",
            r.code,
            r.code.lower(),
            r.name,
            r.severity.as_str(),
            r.what_en,
            if r.safe_fix { "yes" } else { "" }
        ));
    }
    for r in registry() {
        out.push_str(&format!(
            "\n## {}\n\n**{}** ({}) · source: {}\n\n- {} / {}\n- Why: {}\n- Vì sao: {}\n\nBad:\n```text\n{}\n```\nGood:\n```text\n{}\n```\n",
            r.code,
            r.name,
            r.severity.as_str(),
            r.source,
            r.what_vi,
            r.what_en,
            r.why_en,
            r.why_vi,
            control_pictures(r.bad.trim_end()),
            control_pictures(r.good.trim_end())
        ));
    }
    out
}

/// An example's control characters other than its line breaks and tabs, shown by their
/// Unicode pictures (a form feed as `␌`): in the catalogue they would be invisible.
fn control_pictures(example: &str) -> String {
    example
        .chars()
        .map(|c| match c {
            '\n' | '\t' => c,
            '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The catalogue as plain text, one rule per paragraph, in one language.
pub fn catalogue_text(lang: crate::diagnostics::Lang) -> String {
    use crate::diagnostics::Lang;
    let mut out = String::new();
    for r in registry() {
        let (what, why) = match lang {
            Lang::Vi => (r.what_vi, r.why_vi),
            Lang::En => (r.what_en, r.why_en),
        };
        out.push_str(&format!(
            "{} {} [{}]{}\n    {}\n    {}\n    ({})\n",
            r.code,
            r.name,
            r.severity.as_str(),
            if r.safe_fix { " (safe fix)" } else { "" },
            what,
            why,
            r.source
        ));
    }
    out
}

/// What the checks share: the source, the parsed plan and the findings so far.
pub(crate) struct Ctx<'a> {
    pub src: &'a Source<'a>,
    pub plan: &'a Plan,
    pub out: Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    pub fn text(&self) -> &'a str {
        self.src.text
    }

    /// Byte range of the content, shared by the families that read only it: after
    /// the title block, before the foot.
    pub fn content_span(&self) -> (usize, usize) {
        let plan = self.plan;
        let start = plan.title_end().unwrap_or(0);
        // A plan after the signature of the decision issuing it runs to its annexes
        // or the text's end: the foot before it is the decision's.
        let end = plan
            .footer_start()
            .filter(|&f| f >= start)
            .or_else(|| plan.annexes.first().map(|a| a.range.start))
            .filter(|&e| e >= start)
            .unwrap_or(self.text().len());
        (start, end)
    }

    /// Adds a finding of `rule` and returns it for fixes and related ranges.
    pub fn report(
        &mut self,
        rule: &Rule,
        span: Span,
        vi: impl Into<String>,
        en: impl Into<String>,
    ) -> &mut Diagnostic {
        self.out.push(Diagnostic {
            code: rule.code,
            severity: rule.severity,
            message: Message::new(vi, en),
            span,
            related: Vec::new(),
            fixes: Vec::new(),
        });
        let last = self.out.len() - 1;
        &mut self.out[last]
    }
}

impl Diagnostic {
    /// Adds a fix of one edit.
    pub fn fix(
        &mut self,
        safe: bool,
        vi: impl Into<String>,
        en: impl Into<String>,
        span: Span,
        new_text: impl Into<String>,
    ) -> &mut Self {
        self.fixes.push(Fix {
            title: Message::new(vi, en),
            safe,
            edits: vec![TextEdit {
                span,
                new_text: new_text.into(),
            }],
        });
        self
    }
    pub fn related(&mut self, span: Span) -> &mut Self {
        self.related.push(span);
        self
    }
}

/// Runs every rule on a parsed plan. One finding per root cause: a document that is
/// not a plan gets the document-level finding and hygiene only.
pub fn validate(src: &Source, plan: &Plan) -> Vec<Diagnostic> {
    let mut cx = Ctx {
        src,
        plan,
        out: Vec::new(),
    };
    let is_plan = document::check(&mut cx);
    document::placeholders(&mut cx);
    if is_plan {
        header::check(&mut cx);
        title::check(&mut cx);
        legal::check(&mut cx);
        numbering::check(&mut cx);
        tasks::check(&mut cx);
        tables::check(&mut cx);
        annex::check(&mut cx);
        footer::check(&mut cx);
        signature::check(&mut cx);
    }
    hygiene::check(&mut cx);
    let mut out = cx.out;
    crate::order::sort_by_key(&mut out, |d| (d.span.start, d.span.end, d.code));
    out
}

/// Span of a field in the source.
pub(crate) fn span_of(f: &crate::model::Field) -> Span {
    f.range.span()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check;

    fn frame(example: &str) -> String {
        example.to_string()
    }

    /// A draft's date line with the year blank is a draft's date (info), a
    /// two-digit year is an error, and neither is "missing".
    #[test]
    fn draft_dates_are_not_missing_dates() {
        let header = |date: &str| {
            let text = format!("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH CÀ MAU\tĐộc lập - Tự do - Hạnh phúc\nSố:    /KH-UBND\t{date}\n\nKẾ HOẠCH\nTriển khai công tác năm 2024\n");
            check(&text)
                .diagnostics
                .into_iter()
                .filter(|d| d.code.starts_with("KH11"))
                .map(|d| (d.code, d.message.vi))
                .collect::<Vec<_>>()
        };
        for blank in [
            "Cà Mau, ngày      tháng     năm",
            "Cà Mau, ngày ... tháng ... năm ...",
        ] {
            assert_eq!(
                header(blank),
                [(
                    "KH115",
                    "Ngày, tháng, năm ban hành còn để trống: điền khi ký.".to_string()
                )],
                "{blank}"
            );
        }
        assert_eq!(
            header("Cà Mau, ngày 14 tháng 02 năm 20"),
            [(
                "KH114",
                "Năm ban hành \"20\" phải viết đủ 4 chữ số.".to_string()
            )]
        );
        assert_eq!(header("Cà Mau, ngày 14 tháng 02 năm 2017"), []);
    }

    /// KH501 asks for a lead where partners are named; `Cơ quan thực hiện:` names
    /// who does the work (QĐ 2623/QĐ-TTg), so the task has one.
    #[test]
    fn performing_units_answer_for_a_task() {
        let task = |who: &str| {
            let text = format!("KẾ HOẠCH\nThử\n\nII. NỘI DUNG\n1. Tổ chức tuyên truyền\n{who}- Cơ quan phối hợp: các bộ, cơ quan ngang bộ.\n- Thời gian thực hiện: năm 2025.\n");
            check(&text)
                .diagnostics
                .iter()
                .filter(|d| d.code == "KH501")
                .count()
        };
        assert_eq!(task(""), 1);
        assert_eq!(task("- Cơ quan thực hiện: Bộ Công an, Bộ Tư pháp.\n"), 0);
        assert_eq!(task("- Cơ quan chủ trì: Bộ Công an.\n"), 0);
    }

    /// A plan after the signature of the decision that issues it is content: its
    /// broken sentences are found (the foot before it is the decision's).
    #[test]
    fn a_plan_after_its_decision_is_checked_for_broken_lines() {
        let text = "QUYẾT ĐỊNH\nBan hành Kế hoạch mẫu\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch mẫu.\nĐiều 2. Quyết định này có hiệu lực từ ngày ký.\nNơi nhận:\n- Như Điều 2;\n- Lưu: VT.\nCHỦ TỊCH\nNguyễn Văn A\n\nKẾ HOẠCH\nMẫu\n(Kèm theo Quyết định số 12/QĐ-UBND ngày 05/3/2025 của Ủy ban nhân dân tỉnh)\nI. MỤC ĐÍCH\n1. Tổ chức tuyên truyền, phổ biến, giáo dục pháp luật về bảo vệ dữ liệu cá nhân\ncho cán bộ, công chức, viên chức và người lao động.\n";
        let report = check(text);
        assert_eq!(report.plan.kind.as_str(), "plan_in_decision");
        let broken: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == "KH808")
            .collect();
        assert_eq!(broken.len(), 1, "{:?}", report.diagnostics);
    }

    /// `docs/rules.md` is generated from the registry; regenerate it with
    /// `UPDATE_DOCS=1 cargo test -p kehoach-core catalogue` or
    /// `cargo run -p kehoach-cli -- rules --format markdown > docs/rules.md`.
    #[test]
    fn catalogue_in_docs_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
        let generated = catalogue_markdown();
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(&path, &generated).expect("write docs/rules.md");
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == generated,
            "docs/rules.md is stale: run `UPDATE_DOCS=1 cargo test -p kehoach-core catalogue`"
        );
    }

    #[test]
    fn registry_codes_are_unique_and_documented() {
        let all = registry();
        let mut codes: Vec<_> = all.iter().map(|r| r.code).collect();
        codes.dedup();
        assert_eq!(codes.len(), all.len(), "duplicate rule code");
        for r in all {
            assert!(r.code.starts_with("KH") && r.code.len() == 5, "{}", r.code);
            for s in [
                r.what_vi, r.what_en, r.why_vi, r.why_en, r.source, r.bad, r.good,
            ] {
                assert!(!s.trim().is_empty(), "{} lacks documentation", r.code);
            }
        }
    }

    /// For every rule: the bad example is reported, the good one is not, and where the
    /// rule has a safe fix, applying the safe fixes removes the finding.
    #[test]
    fn every_rule_bad_good_and_fixed() {
        // A Word file's presentation (`KH9xx`) is no text: `word.rs` tests those.
        for r in registry()
            .into_iter()
            .filter(|r| !r.code.starts_with("KH9"))
        {
            let bad = frame(r.bad);
            let report = check(&bad);
            assert!(
                report.diagnostics.iter().any(|d| d.code == r.code),
                "{}: bad example not reported\n{bad}\n{:#?}",
                r.code,
                report.diagnostics
            );
            let good = frame(r.good);
            let report = check(&good);
            assert!(
                !report.diagnostics.iter().any(|d| d.code == r.code),
                "{}: good example reported\n{good}\n{:#?}",
                r.code,
                report.diagnostics
            );
            let bad_report = check(&bad);
            let has_safe = bad_report
                .diagnostics
                .iter()
                .any(|d| d.code == r.code && d.has_safe_fix());
            assert_eq!(has_safe, r.safe_fix, "{}: safe_fix flag disagrees", r.code);
            if r.safe_fix {
                let fixed = crate::fix::apply_safe_fixes(&bad);
                let after = check(&fixed);
                assert!(
                    !after.diagnostics.iter().any(|d| d.code == r.code),
                    "{}: still reported after its fix\n{fixed}",
                    r.code
                );
            }
        }
    }
}
