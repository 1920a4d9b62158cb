//! Dates and periods as Vietnamese documents write them.

use crate::model::{PartialDate, Period};
use crate::pattern::{is_word_char, search, starts_with_letter_of, Cursor};
use crate::text::Case;
use std::ops::Range;

fn date_from(d: &str, m: &str, y: &str) -> Option<PartialDate> {
    Some(PartialDate::full(
        y.parse().ok()?,
        m.parse().ok()?,
        d.parse().ok()?,
    ))
}

/// Day, month and year as byte ranges, and where the date ends.
type DateParts = ([Range<usize>; 3], usize);

/// `07/9/2015`, `01.11.2017` at the cursor:
/// `^(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b`.
pub(crate) fn numeric_date(mut c: Cursor) -> Option<DateParts> {
    let d = c.digits(1, 2)?;
    c.eat_if(|ch| ch == '/' || ch == '.').then_some(())?;
    let m = c.digits(1, 2)?;
    c.eat_if(|ch| ch == '/' || ch == '.').then_some(())?;
    let y = c.digits(4, 4)?;
    if c.peek().is_some_and(is_word_char) {
        return None;
    }
    Some(([d, m, y], c.pos))
}

/// `ngày 06 tháng 11 năm 2018`, `15 tháng 11 năm 2023` at the cursor:
/// `^(?i:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})`.
pub(crate) fn worded_date(mut c: Cursor) -> Option<DateParts> {
    let before = c;
    if !(c.eat_ci("ngày") && c.eat_ws()) {
        c = before;
    }
    let d = c.digits(1, 2)?;
    (c.eat_ws() && c.eat_str("tháng") && c.eat_ws()).then_some(())?;
    let m = c.digits(1, 2)?;
    (c.eat_ws() && c.eat_str("năm") && c.eat_ws()).then_some(())?;
    let y = c.digits(4, 4)?;
    Some(([d, m, y], c.pos))
}

/// The date at the very start of `s` (after white space), with its byte length.
pub fn date_at_start(s: &str) -> Option<(PartialDate, usize)> {
    let lead = s.len() - s.trim_start().len();
    // A date is short: never look further than this.
    let end = crate::text::floor_char_boundary(s, lead + 48);
    let t = &s[lead..end];
    let ([d, m, y], len) = numeric_date(Cursor::new(t)).or_else(|| worded_date(Cursor::new(t)))?;
    Some((date_from(&t[d], &t[m], &t[y])?, lead + len))
}

/// `(?:/|năm)` between a month or quarter and its year, with the white space around:
/// `\s*(?:/|năm)\s*(\d{4})`.
fn slash_or_year(mut c: Cursor) -> Option<(Range<usize>, usize)> {
    c.eat_ws();
    (c.eat('/') || c.eat_ci("năm")).then_some(())?;
    c.eat_ws();
    let y = c.digits(4, 4)?;
    Some((y, c.pos))
}

/// `(?i)quý\s+(I{1,3}|IV|[1-4])\s*(?:/|năm)\s*(\d{4})`: the quarter and the year.
pub(crate) fn quarter(mut c: Cursor) -> Option<([Range<usize>; 2], usize)> {
    (c.eat_ci("quý") && c.eat_ws()).then_some(())?;
    let start = c.pos;
    // The alternatives in the regex's order, `I{1,3}` longest first.
    let ones = {
        let mut k = c;
        k.eat_while(3, |ch| ch == 'I' || ch == 'i')
    };
    // At most five ends (three I's, IV, a figure): a list on the stack.
    let mut tries = [0usize; 5];
    let mut n_tries = 0;
    for n in (1..=ones).rev() {
        tries[n_tries] = start + n;
        n_tries += 1;
    }
    let mut k = c;
    if k.eat_ci("iv") {
        tries[n_tries] = k.pos;
        n_tries += 1;
    }
    let mut k = c;
    if k.eat_if(|ch| ('1'..='4').contains(&ch)) {
        tries[n_tries] = k.pos;
        n_tries += 1;
    }
    tries[..n_tries].iter().find_map(|&q_end| {
        let (y, end) = slash_or_year(Cursor::at(c.haystack(), q_end))?;
        Some(([start..q_end, y], end))
    })
}

/// `(?i)tháng\s+(\d{1,2})\s*(?:/|năm)\s*(\d{4})`: the month and the year.
pub(crate) fn month(mut c: Cursor) -> Option<([Range<usize>; 2], usize)> {
    (c.eat_ci("tháng") && c.eat_ws()).then_some(())?;
    let m = c.digits(1, 2)?;
    let (y, end) = slash_or_year(c)?;
    Some(([m, y], end))
}

/// `(?i)(?:năm|giai đoạn)\s+(\d{4})\s*[-–]\s*(\d{4})`: two years.
pub(crate) fn year_range(mut c: Cursor) -> Option<([Range<usize>; 2], usize)> {
    c.eat_any_ci(&["năm", "giai đoạn"])?;
    c.eat_ws().then_some(())?;
    let from = c.digits(4, 4)?;
    c.eat_ws();
    c.eat_if(|ch| ch == '-' || ch == '–').then_some(())?;
    c.eat_ws();
    let to = c.digits(4, 4)?;
    Some(([from, to], c.pos))
}

/// `(?i)năm\s+(\d{4})`: the year.
pub(crate) fn year(mut c: Cursor) -> Option<(Range<usize>, usize)> {
    (c.eat_ci("năm") && c.eat_ws()).then_some(())?;
    let y = c.digits(4, 4)?;
    Some((y, c.pos))
}

/// `(?i)(?:trước|chậm nhất)\s+ngày\s+`.
pub(crate) fn before_day(mut c: Cursor) -> Option<((), usize)> {
    c.eat_any_ci(&["trước", "chậm nhất"])?;
    (c.eat_ws() && c.eat_ci("ngày") && c.eat_ws()).then_some(((), c.pos))
}

/// A numeric date that starts a word: `\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b`.
pub(crate) fn numeric_date_word(c: Cursor) -> Option<DateParts> {
    if c.prev().is_some_and(is_word_char) {
        return None;
    }
    numeric_date(c)
}

/// What the first match found.
fn first<T>(mut matches: impl Iterator<Item = (usize, T, usize)>) -> Option<T> {
    matches.next().map(|(_, found, _)| found)
}

fn parse_num<T: std::str::FromStr>(text: &str, r: Range<usize>) -> Option<T> {
    text.get(r)?.parse().ok()
}

/// Parses a timeline as written after `Thời gian thực hiện:`.
pub fn parse_period(text: &str) -> Period {
    for (_, (), end) in search(text, starts_with_letter_of(b"tc"), before_day).take(1) {
        if let Some((date, _)) = date_at_start(&text[end..]) {
            return Period::Before { date };
        }
    }
    if let Some([q, y]) = first(search(text, starts_with_letter_of(b"q"), quarter)) {
        // The quarter is ASCII (`quarter` takes I, II, III, IV or 1-4, either case).
        let t = text[q].as_bytes();
        let q = if t == b"1" || t.eq_ignore_ascii_case(b"I") {
            1
        } else if t == b"2" || t.eq_ignore_ascii_case(b"II") {
            2
        } else if t == b"3" || t.eq_ignore_ascii_case(b"III") {
            3
        } else {
            4
        };
        if let Some(year) = parse_num(text, y) {
            return Period::Quarter { quarter: q, year };
        }
    }
    if let Some([m, y]) = first(search(text, starts_with_letter_of(b"t"), month)) {
        if let (Some(month), Some(year)) = (parse_num(text, m), parse_num(text, y)) {
            return Period::Month { month, year };
        }
    }
    if let Some([f, t]) = first(search(text, starts_with_letter_of(b"ng"), year_range)) {
        if let (Some(from), Some(to)) = (parse_num(text, f), parse_num(text, t)) {
            return Period::Years { from, to };
        }
    }
    if let Some(y) = first(search(text, starts_with_letter_of(b"n"), year)) {
        if let Some(year) = parse_num(text, y) {
            return Period::Year { year };
        }
    }
    // (Lower-cased only here, and only when an `ng` of the three words is there: most
    // timelines are a quarter, a month or a year, and a table's rows may be many.)
    let has_ng = text
        .as_bytes()
        .windows(2)
        .any(|w| w[0] | 0x20 == b'n' && w[1] | 0x20 == b'g');
    if has_ng {
        let lower = text.lower();
        if lower.contains("thường xuyên")
            || lower.contains("hằng năm")
            || lower.contains("hàng năm")
        {
            return Period::Regular;
        }
    }
    if let Some((date, _)) = search(text, |b| b.is_ascii_digit(), numeric_date_word)
        .find(|(start, _, _)| !is_citation_date(&text[..*start]))
        .and_then(|(start, _, _)| date_at_start(&text[start..]))
    {
        return Period::Before { date };
    }
    Period::Unparsed
}

/// Whether a date after `before` is the date of a cited document, not a deadline:
/// `Quyết định số 1441/QĐ-UBND ngày 25/9/2025`, `Nghị định số 52/2015/NĐ-CP ngày …`
/// (a symbol with `/`, then `ngày`).
fn is_citation_date(before: &str) -> bool {
    let before = before.trim_end();
    let Some(head) = before
        .strip_suffix("ngày")
        .or_else(|| before.strip_suffix("Ngày"))
    else {
        return false;
    };
    head.trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .is_some_and(|symbol| {
            symbol.contains('/')
                && symbol.starts_with(|c: char| c.is_ascii_digit())
                && symbol.chars().any(|c| c.is_uppercase())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cell that points at another document's milestones names that document's
    /// date, which is no deadline of this plan (a real annex, fixture 161).
    #[test]
    fn a_cited_documents_date_is_no_deadline() {
        for cell in [
            "Theo các mốc thời gian tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh",
            "Theo Điều 17 Nghị định số 52/2015/NĐ-CP ngày 28/5/2015 của Chính phủ",
        ] {
            assert_eq!(parse_period(cell), Period::Unparsed, "{cell}");
        }
        assert!(matches!(
            parse_period("Hoàn thành ngày 30/6/2026"),
            Period::Before { .. }
        ));
        assert!(matches!(
            parse_period("Theo Kế hoạch số 12/KH-UBND ngày 5/1/2026, xong 30/6/2026"),
            Period::Before { date } if date.month == Some(6)
        ));
    }
    use crate::pattern::differential::{as_groups as all, check, same_all, Groups};

    fn at_start<const N: usize>(
        found: Option<([Range<usize>; N], usize)>,
    ) -> Vec<(usize, Groups, usize)> {
        all(found.map(|(g, e)| (0, g, e)).into_iter())
    }

    #[test]
    fn date_shapes_match_their_regexes() {
        check(
            r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b",
            &["a", "_"],
            &["07/9/2015", "01.11.2017 và", "1/2/20231"],
            |re, t| same_all(re, t, at_start(numeric_date(Cursor::new(t)))),
        );
        check(
            r"^(?i:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})",
            &[
                "ngày ", "NGÀY ", "Ngày", " tháng ", "tháng", "Tháng", " năm ", "năm", "NĂM",
            ],
            &[
                "ngày 06 tháng 11 năm 2018",
                "15 tháng 11 năm 2023",
                "NGÀY 1 tháng 2 năm 20245",
            ],
            |re, t| same_all(re, t, at_start(worded_date(Cursor::new(t)))),
        );
        check(
            r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b",
            &["a", "_", "ạ", "3/4/", "12.1."],
            &["trước 15/11/2023", "x1/2/2023 và 3/4/2024"],
            |re, t| {
                same_all(
                    re,
                    t,
                    all(search(t, |b| b.is_ascii_digit(), numeric_date_word)),
                )
            },
        );
        check(
            r"(?i)quý\s+(I{1,3}|IV|[1-4])\s*(?:/|năm)\s*(\d{4})",
            &[
                "quý ", "Quý", "QUÝ ", "I", "II", "IV", "V", "i", "iv", "năm", "Năm ", "/2023",
            ],
            &[
                "Quý III/2023;",
                "Quý II năm 2021.",
                "quý IV/2024",
                "quý ii / 2025",
                "Quý IIII/2023",
            ],
            |re, t| same_all(re, t, all(search(t, starts_with_letter_of(b"q"), quarter))),
        );
        check(
            r"(?i)tháng\s+(\d{1,2})\s*(?:/|năm)\s*(\d{4})",
            &["tháng ", "Tháng", "THÁNG ", "năm", " năm ", "/2023"],
            &["Tháng 7 năm 2021.", "trong tháng 6/2026"],
            |re, t| same_all(re, t, all(search(t, starts_with_letter_of(b"t"), month))),
        );
        check(
            r"(?i)(?:năm|giai đoạn)\s+(\d{4})\s*[-–]\s*(\d{4})",
            &["năm ", "Năm", "giai đoạn ", "GIAI ĐOẠN", "–", " - ", "2025"],
            &["giai đoạn 2021 - 2025", "năm 2021–2025"],
            |re, t| {
                same_all(
                    re,
                    t,
                    all(search(t, starts_with_letter_of(b"ng"), year_range)),
                )
            },
        );
        check(
            r"(?i)năm\s+(\d{4})",
            &["năm ", "Năm", "NĂM ", "nă"],
            &["Thường xuyên trong năm 2021.", "NĂM 2023 và năm 2024"],
            |re, t| {
                let ours = search(t, starts_with_letter_of(b"n"), year)
                    .map(|(s, y, e)| (s, vec![Some(y)], e))
                    .collect();
                same_all(re, t, ours)
            },
        );
        check(
            r"(?i)(?:trước|chậm nhất)\s+ngày\s+",
            &[
                "trước ",
                "Trước",
                "chậm nhất ",
                "CHẬM NHẤT",
                "ngày ",
                "Ngày",
                "ngày",
            ],
            &["Trước ngày 15/11/2023", "chậm nhất  ngày 1"],
            |re, t| {
                let ours = search(t, starts_with_letter_of(b"tc"), before_day)
                    .map(|(s, (), e)| (s, vec![], e))
                    .collect();
                same_all(re, t, ours)
            },
        );
    }

    #[test]
    fn timelines_of_the_seeds() {
        assert_eq!(
            parse_period("Quý III/2023;"),
            Period::Quarter {
                quarter: 3,
                year: 2023
            }
        );
        assert_eq!(
            parse_period("Quý II năm 2021."),
            Period::Quarter {
                quarter: 2,
                year: 2021
            }
        );
        assert_eq!(
            parse_period("Tháng 7 năm 2021."),
            Period::Month {
                month: 7,
                year: 2021
            }
        );
        assert_eq!(
            parse_period("Thường xuyên trong năm 2021."),
            Period::Year { year: 2021 }
        );
        assert_eq!(parse_period("Thường xuyên."), Period::Regular);
        assert_eq!(parse_period("HẰNG NĂM"), Period::Regular);
        assert_eq!(parse_period("Hàng năm"), Period::Regular);
        assert_eq!(parse_period("THƯỜNG XUYÊN"), Period::Regular);
        assert_eq!(
            parse_period("Trước ngày 15/11/2023"),
            Period::Before {
                date: PartialDate::full(2023, 11, 15)
            }
        );
        assert_eq!(parse_period("Theo kế hoạch"), Period::Unparsed);
    }
}
