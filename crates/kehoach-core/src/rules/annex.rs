//! Annexes: the "kèm theo" line agrees with the document it is attached to, labels
//! go in order, and the body cites only annexes the text has.

use super::{Ctx, Rule};
use crate::diagnostics::Severity;
use crate::model::{Annex, PartialDate};
use crate::pattern::{search, starts_with_letter_of, Cursor};
use crate::source::Span;
use crate::text::{fold, roman_value};
use std::ops::Range;

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

/// The number of an annex label (`PHỤ LỤC II` → 2, `Phụ lục 01` → 1, `PHỤ LỤC SỐ 3`,
/// a form's `Mẫu biểu số 02` → 2).
pub(crate) fn label_number(label: &str) -> Option<u32> {
    let folded = crate::text::fold(label);
    let rest = ["PHỤ LỤC", "MẪU BIỂU", "BIỂU MẪU", "BIỂU", "MẪU"]
        .iter()
        .find_map(|w| folded.strip_prefix(w))?
        .trim();
    let rest = rest
        .strip_prefix("SỐ")
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

/// `Kèm theo Kế hoạch số 12/KH-UBND`: the type word, the number and the symbol:
/// `(?i)(kế hoạch|quyết định|nghị quyết|chương trình)(?:\s+\S+){0,6}?\s+số:?\s*([0-9]*)\s*/\s*([^\s,;)]+)`.
fn attached_reference(c: Cursor) -> Option<([Range<usize>; 3], usize)> {
    let start = c.pos;
    let mut words = c;
    words.eat_any_ci(&["kế hoạch", "quyết định", "nghị quyết", "chương trình"])?;
    let type_word = start..words.pos;
    // Up to six words between the type word and `số`, as few as will do.
    for _ in 0..=6 {
        let mut k = words;
        if k.eat_ws() && k.eat_ci("số") {
            // `Kế hoạch số: 188 /KH-UBND` (a colon some offices type).
            k.eat(':');
            k.eat_ws();
            let num = k.digits(0, usize::MAX)?;
            k.eat_ws();
            if k.eat('/') {
                k.eat_ws();
                let sym_start = k.pos;
                if k.eat_while(usize::MAX, |ch| {
                    !ch.is_whitespace() && !matches!(ch, ',' | ';' | ')')
                }) > 0
                {
                    return Some(([type_word, num, sym_start..k.pos], k.pos));
                }
            }
        }
        if !(words.eat_ws() && words.eat_while(usize::MAX, |ch| !ch.is_whitespace()) > 0) {
            break;
        }
    }
    None
}

/// `ngày 12/3/2025`, `ngày 12 tháng 3 năm 2025`:
/// `(?i)ngày\s+([0-9]{1,2})\s*(?:/|tháng)\s*([0-9]{1,2})\s*(?:/|năm)\s*([0-9]{4})`.
fn attached_date(mut c: Cursor) -> Option<([Range<usize>; 3], usize)> {
    (c.eat_ci("ngày") && c.eat_ws()).then_some(())?;
    let d = c.digits(1, 2)?;
    c.eat_ws();
    (c.eat('/') || c.eat_ci("tháng")).then_some(())?;
    c.eat_ws();
    let m = c.digits(1, 2)?;
    c.eat_ws();
    (c.eat('/') || c.eat_ci("năm")).then_some(())?;
    c.eat_ws();
    let y = c.digits(4, 4)?;
    Some(([d, m, y], c.pos))
}

fn attached_to(t: &str) -> Option<AttachedTo> {
    let (_, [type_word, num, sym], _) =
        search(t, starts_with_letter_of(b"kqnc"), attached_reference).next()?;
    let date = search(t, starts_with_letter_of(b"n"), attached_date)
        .next()
        .map(|(_, [d, m, y], _)| PartialDate {
            year: t[y].parse().ok(),
            month: t[m].parse().ok(),
            day: t[d].parse().ok(),
        });
    Some(AttachedTo {
        type_word: fold(&t[type_word]),
        number: t[num].to_string(),
        symbol: t[sym].to_string(),
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

/// `Phụ lục 02`, `phụ lục II`, `Phụ lục số 3`: the annex's number or numeral:
/// `(?i)phụ lục\s+(?:số\s+)?([0-9]{1,2}|[IVX]{1,5})`.
fn annex_citation(mut c: Cursor) -> Option<(Range<usize>, usize)> {
    (c.eat_ci("phụ lục") && c.eat_ws()).then_some(())?;
    let mut so = c;
    if so.eat_ci("số") && so.eat_ws() {
        c = so;
    }
    let start = c.pos;
    if c.digits(1, 2).is_none() {
        let n = c.eat_while(5, |ch| matches!(ch, 'I' | 'V' | 'X' | 'i' | 'v' | 'x'));
        (n > 0).then_some(())?;
    }
    Some((start..c.pos, c.pos))
}

/// `Phụ lục 02`, `phụ lục II`, `Phụ lục số 3` cited in the content beyond the count.
fn check_citations(cx: &mut Ctx, count: usize) {
    let (start, end) = cx.content_span();
    let text = cx.text();
    let Some(content) = text.get(start..end) else {
        return;
    };
    for (cite_start, m, cite_end) in search(content, starts_with_letter_of(b"p"), annex_citation) {
        // A whole number or numeral, not the start of a word (`Phụ lục Ix…`).
        if content[m.end..].starts_with(char::is_alphanumeric) {
            continue;
        }
        let n = roman_value(&content[m.clone()]).or_else(|| content[m].parse().ok());
        if let Some(n) = n.filter(|&n| n as usize > count) {
            let whole = cite_start..cite_end;
            cx.report(
                &CITED_MISSING,
                Span::new(start + whole.start, start + whole.end),
                format!("Nội dung dẫn chiếu phụ lục số {n} nhưng văn bản chỉ có {count} phụ lục."),
                format!("The text cites annex {n} but has only {count} annex(es)."),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::differential::{as_groups as all, check, regex_all, same, same_all};

    #[test]
    fn annex_shapes_match_their_regexes() {
        check(
            r"(?i)(kế hoạch|quyết định|nghị quyết|chương trình)(?:\s+\S+){0,6}?\s+số:?\s*(?P<num>[0-9]*)\s*/\s*(?P<sym>[^\s,;)]+)",
            &[
                "Kế hoạch",
                "kế hoạch",
                "KẾ HOẠCH",
                "Quyết định",
                "chương trình",
                " số",
                "số ",
                "SỐ",
                ":",
                "hành động",
                "của",
                "KH-UBND",
                ";",
                ")",
            ],
            &[
                "(Kèm theo Kế hoạch số 12/KH-UBND ngày 3/4/2025)",
                "Kế hoạch hành động số /KH-UB",
                "kế hoạch a b c d e f g số 1/X",
                "(Kèm theo Kế hoạch số:\n/KH-UBND ngày / /2025 của",
            ],
            // Only the first match is used: compare the first.
            |re, t| {
                let theirs: Vec<_> = regex_all(re, t).into_iter().take(1).collect();
                let ours: Vec<_> = all(search(
                    t,
                    starts_with_letter_of(b"kqnc"),
                    attached_reference,
                ))
                .into_iter()
                .take(1)
                .collect();
                same(&ours, &theirs)
            },
        );
        check(
            r"(?i)ngày\s+(?P<d>[0-9]{1,2})\s*(?:/|tháng)\s*(?P<m>[0-9]{1,2})\s*(?:/|năm)\s*(?P<y>[0-9]{4})",
            &[
                "ngày ", "Ngày", "NGÀY ", "tháng", " tháng ", "năm", " năm ", "/3/", "2025",
            ],
            &["ngày 12/3/2025", "ngày 12 tháng 3 năm 2025"],
            |re, t| {
                same_all(
                    re,
                    t,
                    all(search(t, starts_with_letter_of(b"n"), attached_date)),
                )
            },
        );
        check(
            r"(?i)phụ lục\s+(?:số\s+)?([0-9]{1,2}|[IVX]{1,5})",
            &[
                "phụ lục",
                "Phụ lục ",
                "PHỤ LỤC",
                "số ",
                "Số",
                "I",
                "II",
                "IV",
                "VI",
                "x",
                "v",
                "iii",
                "XIVIX",
            ],
            &[
                "Phụ lục 02",
                "phụ lục II",
                "Phụ lục số 3",
                "Phụ lục số III và phụ lục IIIIII",
            ],
            |re, t| {
                let ours = search(t, starts_with_letter_of(b"p"), annex_citation)
                    .map(|(s, g, e)| (s, vec![Some(g)], e))
                    .collect();
                same_all(re, t, ours)
            },
        );
    }
}
