//! Dates and periods as Vietnamese documents write them.

use crate::model::{PartialDate, Period};
use regex::Regex;
use std::sync::LazyLock;

/// `07/9/2015`, `15/5/2016`, `01.11.2017`.
pub static NUMERIC_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b").expect("valid regex"));

/// `ngày 06 tháng 11 năm 2018`, `15 tháng 11 năm 2023`.
pub static WORDED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
        .expect("valid regex")
});

fn date_from(d: &str, m: &str, y: &str) -> Option<PartialDate> {
    Some(PartialDate::full(
        y.parse().ok()?,
        m.parse().ok()?,
        d.parse().ok()?,
    ))
}

/// The same two forms, anchored: only a date at the very start matches, so looking
/// for one costs the length of the date, not of the rest of the text.
static NUMERIC_DATE_AT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b").expect("valid regex"));
static WORDED_DATE_AT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})").expect("valid regex")
});

/// The date at the very start of `s` (after white space), with its byte length.
pub fn date_at_start(s: &str) -> Option<(PartialDate, usize)> {
    let lead = s.len() - s.trim_start().len();
    // A date is short: never look further than this.
    let end = crate::source::floor_char_boundary(s, lead + 48);
    let t = &s[lead..end];
    for re in [&*NUMERIC_DATE_AT, &*WORDED_DATE_AT] {
        if let Some(c) = re.captures(t) {
            let m = c.get(0)?;
            return Some((date_from(&c[1], &c[2], &c[3])?, lead + m.end()));
        }
    }
    None
}

/// Parses a timeline as written after `Thời gian thực hiện:`.
pub fn parse_period(text: &str) -> Period {
    static QUARTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)quý\s+(I{1,3}|IV|[1-4])\s*(?:/|năm)\s*(\d{4})").expect("valid regex")
    });
    static MONTH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)tháng\s+(\d{1,2})\s*(?:/|năm)\s*(\d{4})").expect("valid regex")
    });
    static YEARS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:năm|giai đoạn)\s+(\d{4})\s*[-–]\s*(\d{4})").expect("valid regex")
    });
    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)năm\s+(\d{4})").expect("valid regex"));
    static BEFORE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)(?:trước|chậm nhất)\s+ngày\s+").expect("valid regex"));

    let lower = text.to_lowercase();
    if let Some(m) = BEFORE.find(text) {
        if let Some((date, _)) = date_at_start(&text[m.end()..]) {
            return Period::Before { date };
        }
    }
    if let Some(c) = QUARTER.captures(text) {
        let q = match &c[1] {
            "I" | "1" => 1,
            "II" | "2" => 2,
            "III" | "3" => 3,
            _ => 4,
        };
        if let Ok(year) = c[2].parse() {
            return Period::Quarter { quarter: q, year };
        }
    }
    if let Some(c) = MONTH.captures(text) {
        if let (Ok(month), Ok(year)) = (c[1].parse(), c[2].parse()) {
            return Period::Month { month, year };
        }
    }
    if let Some(c) = YEARS.captures(text) {
        if let (Ok(from), Ok(to)) = (c[1].parse(), c[2].parse()) {
            return Period::Years { from, to };
        }
    }
    if let Some(c) = YEAR.captures(text) {
        if let Ok(year) = c[1].parse() {
            return Period::Year { year };
        }
    }
    if lower.contains("thường xuyên") || lower.contains("hằng năm") || lower.contains("hàng năm")
    {
        return Period::Regular;
    }
    if let Some((date, _)) = NUMERIC_DATE
        .find(text)
        .and_then(|m| date_at_start(&text[m.start()..]))
    {
        return Period::Before { date };
    }
    Period::Unparsed
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(
            parse_period("Trước ngày 15/11/2023"),
            Period::Before {
                date: PartialDate::full(2023, 11, 15)
            }
        );
        assert_eq!(parse_period("Theo kế hoạch"), Period::Unparsed);
    }
}
