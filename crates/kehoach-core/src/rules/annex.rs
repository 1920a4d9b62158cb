//! Annexes: the "kèm theo" line agrees with the document it is attached to, labels
//! go in order, and the body cites only annexes the text has.

use super::{Ctx, Rule};
use crate::diagnostics::Severity;
use crate::model::{Annex, PartialDate};
use crate::source::Span;
use crate::text::{fold, roman_value};
use regex::Regex;
use std::sync::LazyLock;

pub const ATTACHED_MISMATCH: Rule = Rule {
    code: "KH211",
    name: "annex-attached-mismatch",
    severity: Severity::Warning,
    what_vi: "Dòng \"kèm theo\" của phụ lục ghi số hoặc ngày khác với văn bản",
    what_en: "An annex's \"kèm theo\" line gives another number or date than the document",
    why_vi: "Phụ lục là một phần của văn bản: số, ký hiệu và ngày ở dòng \"(Kèm theo Kế hoạch số … ngày …)\" phải đúng với số và ngày ban hành ở đầu văn bản; để trống số khi văn bản đã có số là sót khi hoàn thiện.",
    why_en: "An annex is part of its document: the number and date in \"(Kèm theo Kế hoạch số … ngày …)\" must be the document's own; a blank number in a numbered document was missed when it was finalised.",
    source: "NĐ 30/2020, Phụ lục I, mục III (phụ lục văn bản)",
    bad: "Số: 12/KH-UBND\tHà Bắc, ngày 05 tháng 3 năm 2025\nKẾ HOẠCH\nCông tác năm 2025\nI. NỘI DUNG\n1. Triển khai./.\nPHỤ LỤC I\nDANH MỤC NHIỆM VỤ\n(Kèm theo Kế hoạch số 15/KH-UBND ngày 05/3/2025 của UBND tỉnh)\n",
    good: "Số: 12/KH-UBND\tHà Bắc, ngày 05 tháng 3 năm 2025\nKẾ HOẠCH\nCông tác năm 2025\nI. NỘI DUNG\n1. Triển khai./.\nPHỤ LỤC I\nDANH MỤC NHIỆM VỤ\n(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/3/2025 của UBND tỉnh)\n",
    safe_fix: false,
};

pub const LABEL_ORDER: Rule = Rule {
    code: "KH212",
    name: "annex-order",
    severity: Severity::Warning,
    what_vi: "Số thứ tự phụ lục không liên tục",
    what_en: "Annex labels are out of order",
    why_vi: "Phụ lục đánh số I, II, III (hoặc 01, 02, 03) theo thứ tự; nhảy số hoặc lặp số làm sai chỗ dẫn chiếu trong văn bản.",
    why_en: "Annexes are numbered I, II, III (or 01, 02, 03) in order; a gap or a repeat breaks the references to them.",
    source: "practice",
    bad: "KẾ HOẠCH\nCông tác năm 2025\nI. NỘI DUNG\n1. Triển khai./.\nPHỤ LỤC I\nDANH MỤC A\nPHỤ LỤC III\nDANH MỤC B\n",
    good: "KẾ HOẠCH\nCông tác năm 2025\nI. NỘI DUNG\n1. Triển khai./.\nPHỤ LỤC I\nDANH MỤC A\nPHỤ LỤC II\nDANH MỤC B\n",
    safe_fix: false,
};

pub const CITED_MISSING: Rule = Rule {
    code: "KH213",
    name: "annex-cited-missing",
    severity: Severity::Info,
    what_vi: "Nội dung dẫn chiếu phụ lục mà văn bản không có",
    what_en: "The text cites an annex it does not contain",
    why_vi: "Nội dung nhắc \"Phụ lục 02\" nhưng văn bản dán vào chỉ có ít phụ lục hơn: có thể thiếu phụ lục, hoặc dẫn chiếu sai số.",
    why_en: "The text cites \"Phụ lục 02\" but the pasted text has fewer annexes: an annex is missing or the reference is wrong.",
    source: "practice",
    bad: "KẾ HOẠCH\nCông tác năm 2025\nI. NỘI DUNG\n1. Triển khai theo Phụ lục 02 kèm theo./.\nPHỤ LỤC 01\nDANH MỤC A\n",
    good: "KẾ HOẠCH\nCông tác năm 2025\nI. NỘI DUNG\n1. Triển khai theo Phụ lục 01 kèm theo./.\nPHỤ LỤC 01\nDANH MỤC A\n",
    safe_fix: false,
};

pub const RULES: &[Rule] = &[ATTACHED_MISMATCH, LABEL_ORDER, CITED_MISSING];

/// The number of an annex label (`PHỤ LỤC II` → 2, `Phụ lục 01` → 1, `PHỤ LỤC SỐ 3`).
pub(crate) fn label_number(label: &str) -> Option<u32> {
    let rest = label.get("PHỤ LỤC".len()..)?.trim();
    let rest = rest
        .strip_prefix("SỐ")
        .or_else(|| rest.strip_prefix("số"))
        .or_else(|| rest.strip_prefix("Số"))
        .unwrap_or(rest)
        .trim()
        .trim_end_matches(['.', ':']);
    roman_value(rest).or_else(|| rest.parse().ok())
}

/// What a "kèm theo" line says of its document: the type word, the number (empty for
/// a blank), the symbol, and the date.
struct AttachedTo {
    type_word: String,
    number: String,
    symbol: String,
    date: Option<PartialDate>,
}

fn attached_to(t: &str) -> Option<AttachedTo> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(kế hoạch|quyết định|nghị quyết|chương trình)(?:\s+\S+){0,6}?\s+số\s*(?P<num>[0-9]*)\s*/\s*(?P<sym>[^\s,;)]+)")
            .expect("valid regex")
    });
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)ngày\s+(?P<d>[0-9]{1,2})\s*(?:/|tháng)\s*(?P<m>[0-9]{1,2})\s*(?:/|năm)\s*(?P<y>[0-9]{4})")
            .expect("valid regex")
    });
    let c = RE.captures(t)?;
    let date = DATE.captures(t).map(|d| PartialDate {
        year: d["y"].parse().ok(),
        month: d["m"].parse().ok(),
        day: d["d"].parse().ok(),
    });
    Some(AttachedTo {
        type_word: fold(&c[1]),
        number: c["num"].to_string(),
        symbol: c["sym"].to_string(),
        date,
    })
}

pub(super) fn check(cx: &mut Ctx) {
    let plan = cx.plan;
    let annexes = &plan.annexes;
    if annexes.is_empty() {
        return;
    }
    check_attached(cx, annexes);
    // Labels in order: each numbered label is the one before it plus one.
    let mut prev: Option<u32> = None;
    for a in annexes {
        let Some(label) = &a.label else { continue };
        let Some(n) = label_number(&label.text) else {
            continue;
        };
        if let Some(p) = prev {
            if n != p + 1 {
                cx.report(
                    &LABEL_ORDER,
                    label.range.span(),
                    format!(
                        "Phụ lục \"{}\" đứng sau phụ lục số {p}: số thứ tự phải là {}.",
                        label.text,
                        p + 1
                    ),
                    format!(
                        "Annex \"{}\" follows annex {p}: it should be number {}.",
                        label.text,
                        p + 1
                    ),
                );
            }
        }
        prev = Some(n);
    }
    check_citations(cx, annexes.len());
}

fn check_attached(cx: &mut Ctx, annexes: &[Annex]) {
    let h = &cx.plan.header;
    let Some(number) = &h.number else { return };
    let doc_word = match number.type_code.as_str() {
        "KH" => "KẾ HOẠCH",
        "QĐ" => "QUYẾT ĐỊNH",
        "NQ" => "NGHỊ QUYẾT",
        "CTr" => "CHƯƠNG TRÌNH",
        _ => return,
    };
    let doc_date = h
        .place_date
        .as_ref()
        .map(|p| p.date)
        .filter(|d| d.is_complete());
    for a in annexes {
        let Some(line) = &a.attached_to else { continue };
        let Some(att) = attached_to(&line.text) else {
            continue;
        };
        if att.type_word != doc_word {
            continue;
        }
        let doc_symbol: String = number.symbol.split_whitespace().collect();
        let wrong_number = match (&number.number, att.number.is_empty()) {
            // A numbered document with a blank number in its annex.
            (Some(_), true) => true,
            (Some(n), false) => {
                n.trim_start_matches('0') != att.number.trim_start_matches('0')
                    || !doc_symbol.eq_ignore_ascii_case(&att.symbol)
            }
            (None, _) => false,
        };
        let wrong_date = matches!((doc_date, att.date), (Some(d), Some(x)) if d != x);
        if wrong_number || wrong_date {
            let written = if wrong_number {
                format!("số {}/{}", att.number, att.symbol)
            } else {
                att.date.map(|d| d.to_iso()).unwrap_or_default()
            };
            cx.report(
                &ATTACHED_MISMATCH,
                line.range.span(),
                format!(
                    "Dòng \"kèm theo\" ghi {written}, khác với văn bản ({}{}).",
                    number.code(),
                    doc_date
                        .map(|d| format!(", ngày {}", d.to_iso()))
                        .unwrap_or_default()
                ),
                format!(
                    "The \"kèm theo\" line says {written}, not the document's ({}{}).",
                    number.code(),
                    doc_date
                        .map(|d| format!(", {}", d.to_iso()))
                        .unwrap_or_default()
                ),
            );
        }
    }
}

/// `Phụ lục 02`, `phụ lục II`, `Phụ lục số 3` cited in the content beyond the count.
fn check_citations(cx: &mut Ctx, count: usize) {
    static CITE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)phụ lục\s+(?:số\s+)?([0-9]{1,2}|[IVX]{1,5})").expect("valid regex")
    });
    let (start, end) = super::tasks::content_span(cx);
    let text = cx.text();
    let Some(content) = text.get(start..end) else {
        return;
    };
    for c in CITE.captures_iter(content) {
        let Some(m) = c.get(1) else { continue };
        // A whole number or numeral, not the start of a word (`Phụ lục Ix…`).
        if content[m.end()..].starts_with(char::is_alphanumeric) {
            continue;
        }
        let n = roman_value(m.as_str()).or_else(|| m.as_str().parse().ok());
        if let Some(n) = n.filter(|&n| n as usize > count) {
            let whole = c.get(0).map_or(m.range(), |w| w.range());
            cx.report(
                &CITED_MISSING,
                Span::new(start + whole.start, start + whole.end),
                format!("Nội dung dẫn chiếu phụ lục số {n} nhưng văn bản chỉ có {count} phụ lục."),
                format!("The text cites annex {n} but has only {count} annex(es)."),
            );
        }
    }
}
