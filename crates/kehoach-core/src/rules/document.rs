//! Document-level findings: the text is not a plan, or is empty.

use super::{Ctx, Rule};
use crate::diagnostics::Severity;
use crate::source::Span;

/// ### What
/// The pasted text is another kind of document (a decision, directive, notice, report
/// or công văn), not a plan.
/// ### Why
/// Plan rules do not apply to it; one clear finding beats a hundred wrong ones.
pub const NOT_A_PLAN: Rule = Rule {
    code: "KH001",
    name: "not-a-plan",
    severity: Severity::Warning,
    what_vi: "Văn bản không phải là kế hoạch",
    what_en: "The document is not a plan",
    why_vi: "Các quy tắc của kế hoạch không áp dụng cho loại văn bản khác; chỉ kiểm tra chính tả, mã hóa.",
    why_en: "Plan rules do not apply to other document kinds; only text hygiene is checked.",
    source: "NĐ 30/2020, Phụ lục III",
    bad: "QUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\nĐiều 1. Thành lập Tổ công tác.",
    good: "KẾ HOẠCH\nCông tác năm 2024\nI. MỤC ĐÍCH, YÊU CẦU",
    safe_fix: false,
};

/// ### What
/// The text is empty.
/// ### Why
/// Nothing to check yet: start from the template or paste a plan.
pub const EMPTY: Rule = Rule {
    code: "KH002",
    name: "empty-document",
    severity: Severity::Info,
    what_vi: "Chưa có nội dung",
    what_en: "The document is empty",
    why_vi: "Chưa có gì để kiểm tra: dán kế hoạch hoặc bắt đầu từ mẫu.",
    why_en: "Nothing to check yet: paste a plan or start from the template.",
    source: "practice",
    bad: "KẾ HOẠCH\n",
    good: "KẾ HOẠCH\nCông tác năm 2024\nI. MỤC ĐÍCH, YÊU CẦU",
    safe_fix: false,
};

/// ### What
/// A `[placeholder]` of the template is still to be filled in.
/// ### Why
/// A draft started from the template shows what is left to write, as notes, not errors.
pub const PLACEHOLDER: Rule = Rule {
    code: "KH003",
    name: "placeholder",
    severity: Severity::Info,
    what_vi: "Chỗ cần điền nội dung",
    what_en: "A placeholder to fill in",
    why_vi: "Văn bản tạo từ mẫu còn chỗ trong ngoặc vuông [ ] chưa điền.",
    why_en: "A text started from the template still has a [bracketed] placeholder.",
    source: "practice",
    bad: "KẾ HOẠCH\n[Trích yếu nội dung kế hoạch]\n",
    good: "KẾ HOẠCH\nCông tác thông tin đối ngoại năm 2024\n",
    safe_fix: false,
};

pub const RULES: &[Rule] = &[NOT_A_PLAN, EMPTY, PLACEHOLDER];

/// Text in square brackets on one line: `\[[^\[\]\n]{1,80}\]`.
fn bracketed(mut c: crate::pattern::Cursor) -> Option<((), usize)> {
    c.eat('[').then_some(())?;
    let inside = c.eat_while(81, |ch| !matches!(ch, '[' | ']' | '\n'));
    ((1..=80).contains(&inside) && c.eat(']')).then_some(((), c.pos))
}

/// `[…]` placeholders left from the template: one note each.
pub(super) fn placeholders(cx: &mut Ctx) {
    let text = cx.text();
    for (start, (), end) in crate::pattern::search_byte(text, b'[', bracketed) {
        let found = &text[start..end];
        let what = found.trim_matches(['[', ']']).to_string();
        // A signature's mark from a web copy (`[đã ký]`) or a footnote (`[1]`) is no
        // blank to fill in.
        if crate::parse::shapes::is_signature_mark(found)
            || what.bytes().all(|b| b.is_ascii_digit())
            || cx.src.blocks.in_chrome(start)
        {
            continue;
        }
        cx.report(
            &PLACEHOLDER,
            Span::new(start, end),
            format!("Điền vào chỗ này: {what}."),
            format!("Fill this in: {what}."),
        );
    }
}

/// Returns whether the plan rules should run.
pub(super) fn check(cx: &mut Ctx) -> bool {
    let text = cx.text();
    let plan = cx.plan;
    let has_content = plan.title.as_ref().is_some_and(|t| t.summary.is_some())
        || !plan.body.is_empty()
        || !plan.opening.is_empty();
    if text.trim().is_empty()
        || (plan.kind.is_plan() && !has_content && plan.header.number.is_none())
    {
        cx.report(
            &EMPTY,
            Span::new(0, text.len().min(text.find('\n').unwrap_or(text.len()))),
            "Chưa có nội dung kế hoạch: dán văn bản hoặc chọn \"Kế hoạch mới\".",
            "No plan yet: paste a text or choose \"New plan\".",
        );
        return false;
    }
    if plan.kind.is_plan() {
        return true;
    }
    let span = plan
        .title
        .as_ref()
        .map(|t| super::span_of(&t.kind_word))
        .or_else(|| plan.header.subject_line.as_ref().map(super::span_of))
        .unwrap_or_else(|| {
            let first = cx.src.lines.iter().find(|l| !l.is_blank());
            first.map_or(Span::new(0, 0), |l| l.content)
        });
    let kind = plan.kind;
    // Another kind the reader knows by its word only (a resolution, a law, a
    // programme): named by that word, not as "unrecognised".
    let word = plan
        .title
        .as_ref()
        .map(|t| {
            t.kind_word
                .text
                .trim()
                .trim_end_matches(|c: char| c.is_ascii_digit())
        })
        .filter(|w| kind == crate::model::DocKind::Other && !w.is_empty());
    let (vi, en) = match word {
        Some(w) => (crate::text::lower(w), format!("document titled \"{w}\"")),
        None => (kind.name_vi().to_string(), kind.name_en().to_string()),
    };
    cx.report(
        &NOT_A_PLAN,
        span,
        format!("Đây là {vi}, không phải kế hoạch: chỉ kiểm tra chính tả và mã hóa."),
        format!("This is a {en}, not a plan: only text hygiene is checked."),
    );
    false
}

#[cfg(test)]
mod tests {
    use crate::pattern::differential::{check, same_all};
    use crate::pattern::search_byte;

    #[test]
    fn placeholder_shape_matches_its_regex() {
        check(
            r"\[[^\[\]\n]{1,80}\]",
            &["[", "]", "[[", "đã ký", "Tên cơ quan", "]]"],
            &["[Tên cơ quan] và [1]", "[a[b]c]"],
            |re, t| {
                let ours = search_byte(t, b'[', super::bracketed)
                    .map(|(s, (), e)| (s, vec![], e))
                    .collect();
                same_all(re, t, ours)
            },
        );
    }
}
