//! Title (`KẾ HOẠCH`) and summary (trích yếu).

use super::{span_of, Ctx, Rule};
use crate::diagnostics::Severity;
use crate::text::{is_upper_text, Case};

pub const TITLE_MISSING: Rule = Rule {
    code: "KH201",
    name: "title-missing",
    severity: Severity::Error,
    what_vi: "Thiếu tên loại văn bản \"KẾ HOẠCH\"",
    what_en: "The document kind line \"KẾ HOẠCH\" is missing",
    why_vi: "Tên loại \"KẾ HOẠCH\" đứng riêng một dòng, canh giữa, trên trích yếu.",
    why_en: "The kind \"KẾ HOẠCH\" stands on its own line, centred, above the summary.",
    source: "NĐ 30/2020, Điều 8; Phụ lục I, mục II.5",
    bad: "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nII. TỔ CHỨC THỰC HIỆN\n",
    good: "KẾ HOẠCH\nCông tác năm 2024\nI. MỤC ĐÍCH, YÊU CẦU\n",
    safe_fix: false,
};

pub const TITLE_CASE: Rule = Rule {
    code: "KH202",
    name: "title-case",
    severity: Severity::Warning,
    what_vi: "Tên loại \"KẾ HOẠCH\" không viết in hoa",
    what_en: "\"KẾ HOẠCH\" is not in upper case",
    why_vi: "Tên loại văn bản được trình bày bằng chữ in hoa, đậm.",
    why_en: "The document kind is set in bold upper case.",
    source: "NĐ 30/2020, Phụ lục I, mục II.5",
    bad: "Kế hoạch\nCông tác năm 2024\n",
    good: "KẾ HOẠCH\nCông tác năm 2024\n",
    safe_fix: true,
};

pub const SUMMARY_MISSING: Rule = Rule {
    code: "KH203",
    name: "summary-missing",
    severity: Severity::Error,
    what_vi: "Thiếu trích yếu nội dung",
    what_en: "The summary (trích yếu) is missing",
    why_vi: "Dưới \"KẾ HOẠCH\" là một dòng trích yếu nêu kế hoạch về việc gì.",
    why_en: "Under \"KẾ HOẠCH\" a one-line summary says what the plan is about.",
    source: "NĐ 30/2020, Phụ lục I, mục II.5",
    bad: "KẾ HOẠCH\n\nI. MỤC ĐÍCH, YÊU CẦU\n",
    good: "KẾ HOẠCH\nCông tác thông tin đối ngoại năm 2024\n\nI. MỤC ĐÍCH, YÊU CẦU\n",
    safe_fix: false,
};

pub const SUMMARY_UPPER: Rule = Rule {
    code: "KH204",
    name: "summary-upper-case",
    severity: Severity::Warning,
    what_vi: "Trích yếu viết toàn chữ in hoa",
    what_en: "The summary is all upper case",
    why_vi: "Nghị định trình bày trích yếu bằng chữ thường (in đậm); viết hoa toàn bộ tuy phổ biến nhưng không đúng mẫu.",
    why_en: "The decree sets the summary in sentence case (bold); all capitals is common but off-template.",
    source: "NĐ 30/2020, Phụ lục I, mục II.5",
    bad: "KẾ HOẠCH\nCÔNG TÁC THÔNG TIN ĐỐI NGOẠI NĂM 2024\n",
    good: "KẾ HOẠCH\nCông tác thông tin đối ngoại năm 2024\n",
    safe_fix: false,
};

pub const RULES: &[Rule] = &[TITLE_MISSING, TITLE_CASE, SUMMARY_MISSING, SUMMARY_UPPER];

pub(super) fn check(cx: &mut Ctx) {
    let Some(title) = &cx.plan.title else {
        let at = cx
            .src
            .lines
            .iter()
            .find(|l| !l.is_blank())
            .map(|l| l.content)
            .unwrap_or_default();
        cx.report(
            &TITLE_MISSING,
            at,
            "Thiếu dòng tên loại \"KẾ HOẠCH\" trước trích yếu.",
            "The \"KẾ HOẠCH\" line before the summary is missing.",
        );
        return;
    };
    let word = &title.kind_word;
    if !is_upper_text(&word.text) {
        let span = span_of(word);
        let up = word.text.upper();
        cx.report(
            &TITLE_CASE,
            span,
            format!("Viết tên loại bằng chữ in hoa: \"{up}\"."),
            format!("Set the document kind in upper case: \"{up}\"."),
        )
        .fix(true, "Viết in hoa", "Make upper case", span, up);
    }
    match &title.summary {
        None => {
            cx.report(
                &SUMMARY_MISSING,
                span_of(word),
                "Thiếu trích yếu: ghi một dòng nêu kế hoạch về việc gì dưới \"KẾ HOẠCH\".",
                "The summary is missing: add a line under \"KẾ HOẠCH\" saying what the plan is about.",
            );
        }
        Some(s) if is_upper_text(&s.text) => {
            cx.report(
                &SUMMARY_UPPER,
                span_of(s),
                "Trích yếu viết toàn chữ in hoa; theo mẫu chỉ viết hoa chữ đầu (và tên riêng).",
                "The summary is all upper case; the template capitalises only the first word and names.",
            );
        }
        Some(_) => {}
    }
}
