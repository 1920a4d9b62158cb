//! Legal references: `Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ`,
//! `Kế hoạch số 109-KH/TU` (Party form), anywhere in the text.

use crate::dates::date_at_start;
use crate::model::LegalRef;
use crate::pattern::Cursor;
use crate::reading::Source;
use crate::source::Span;
use crate::text::{floor_char_boundary, is_letter, Case};
use std::ops::Range;
use std::sync::LazyLock;

/// Every symbol of either form, found in one pass over the text's runs of figures:
/// for each form, every match (as its own `search` would find them, each form
/// resuming after its last match), state form first at a same start.
fn symbols(text: &str) -> Vec<(SymbolParts, usize, bool)> {
    let forms: [(SymbolForm, bool); 2] = [(state_form, false), (party_form, true)];
    let mut resume = [0usize; 2];
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    // Both forms go on from the number with `/` or `-`: found many bytes at a time,
    // each looks back for the run of figures before it (most figures, dates,
    // amounts and item numbers, are never visited).
    let mut from = 0;
    while let Some(found) = memchr::memchr2(b'/', b'-', &bytes[from..]) {
        let sep = from + found;
        // Only the first of a run of separators (a rule of dashes) can follow figures.
        from = sep
            + bytes[sep..]
                .iter()
                .take_while(|&&b| b == b'/' || b == b'-')
                .count();
        let run = bytes[..sep]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if run == 0 {
            continue;
        }
        let at = sep - run;
        for (k, (form, party)) in forms.iter().enumerate() {
            if at >= resume[k] {
                if let Some((parts, end)) = form(Cursor::at(text, at)) {
                    resume[k] = end;
                    out.push((parts, end, *party));
                }
            }
        }
    }
    out
}

/// [`symbols`] the first way: every run of figures in turn (the test's oracle).
#[cfg(test)]
fn symbols_by_figures(text: &str) -> Vec<(SymbolParts, usize, bool)> {
    let forms: [(SymbolForm, bool); 2] = [(state_form, false), (party_form, true)];
    let mut resume = [0usize; 2];
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(rel) = bytes
        .get(i..)
        .and_then(|b| b.iter().position(u8::is_ascii_digit))
    {
        let at = i + rel;
        let run_end = at
            + bytes[at..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
        let goes_on = matches!(bytes.get(run_end), Some(b'/' | b'-'));
        for (k, (form, party)) in forms.iter().enumerate() {
            if goes_on && at >= resume[k] {
                if let Some((parts, end)) = form(Cursor::at(text, at)) {
                    resume[k] = end;
                    out.push((parts, end, *party));
                }
            }
        }
        i = run_end;
    }
    out
}

/// A matcher of one form of symbol.
type SymbolForm = fn(Cursor) -> Option<(SymbolParts, usize)>;

/// The parts of a symbol, as byte ranges.
pub(crate) struct SymbolParts {
    pub(crate) num: Range<usize>,
    pub(crate) year: Option<Range<usize>>,
    pub(crate) code: Range<usize>,
    pub(crate) issuer: Range<usize>,
}

fn is_letter_or_digit(c: char) -> bool {
    c.is_alphabetic() || c.is_numeric()
}

/// The number before a symbol: at most five figures, so in a longer run of figures
/// it is the last five (where a regex search would start it).
fn symbol_number(c: &mut Cursor) -> Option<Range<usize>> {
    // Read a run of figures once, from its first figure: a search that tried every
    // figure of a long run would go over it again and again.
    if c.prev().is_some_and(|p| p.is_ascii_digit()) {
        return None;
    }
    let run = c.digits(1, usize::MAX)?;
    Some(run.start.max(run.end.saturating_sub(5))..run.end)
}

/// `72/2015/NĐ-CP`, `11/KH-UBND`, `4884/VP-KGVX`, `4422/GN-BTTTT-BTLBĐBP`:
/// `(?P<num>\d{1,5})/(?:(?P<year>\d{4})/)?(?P<code>\p{L}{1,6})-(?P<issuer>[\p{L}\d]+(?:-[\p{L}\d]+)*)`.
/// The match starts at `num.start`.
pub(crate) fn state_form(mut c: Cursor) -> Option<(SymbolParts, usize)> {
    let num = symbol_number(&mut c)?;
    c.eat('/').then_some(())?;
    let mut y = c;
    let year = y.digits(4, 4).filter(|_| y.eat('/'));
    if year.is_some() {
        c = y;
    }
    let code_start = c.pos;
    let letters = c.eat_while(7, is_letter);
    if !(1..=6).contains(&letters) {
        return None;
    }
    let code = code_start..c.pos;
    c.eat('-').then_some(())?;
    let issuer_start = c.pos;
    (c.eat_while(usize::MAX, is_letter_or_digit) > 0).then_some(())?;
    loop {
        let mut k = c;
        if k.eat('-') && k.eat_while(usize::MAX, is_letter_or_digit) > 0 {
            c = k;
        } else {
            break;
        }
    }
    let issuer = issuer_start..c.pos;
    Some((
        SymbolParts {
            num,
            year,
            code,
            issuer,
        },
        c.pos,
    ))
}

/// `109-KH/TU`, `34-NQ/TW`:
/// `(?P<num>\d{1,5})-(?P<code>\p{Lu}\p{L}{0,4})/(?P<issuer>\p{Lu}[\p{L}\d]*)`.
pub(crate) fn party_form(mut c: Cursor) -> Option<(SymbolParts, usize)> {
    let num = symbol_number(&mut c)?;
    c.eat('-').then_some(())?;
    let code_start = c.pos;
    c.eat_if(char::is_uppercase).then_some(())?;
    let more = c.eat_while(5, is_letter);
    if more > 4 {
        return None;
    }
    let code = code_start..c.pos;
    c.eat('/').then_some(())?;
    let issuer_start = c.pos;
    c.eat_if(char::is_uppercase).then_some(())?;
    c.eat_while(usize::MAX, is_letter_or_digit);
    Some((
        SymbolParts {
            num,
            year: None,
            code,
            issuer: issuer_start..c.pos,
        },
        c.pos,
    ))
}

/// The types a plan cites by number (`Quyết định số …`), longest first where one
/// name starts another; their codes are in [`crate::vocab::DOC_TYPES`].
pub const TYPE_WORDS: [&str; 20] = [
    "Thông tư liên tịch",
    "Nghị định",
    "Nghị quyết",
    "Quyết định",
    "Thông tư",
    "Chỉ thị",
    "Kế hoạch",
    "Hướng dẫn",
    "Công văn",
    "Luật",
    "Đề án",
    "Chương trình",
    "Thông báo",
    "Báo cáo",
    "Kết luận",
    "Tờ trình",
    "Phương án",
    "Quy chế",
    "Quy định",
    "Dự án",
];

/// [`TYPE_WORDS`] in lower case, in the same order.
static TYPE_WORDS_LOWER: LazyLock<Vec<String>> =
    LazyLock::new(|| TYPE_WORDS.iter().map(|t| t.lower()).collect());

/// [`TYPE_WORDS`] in lower case, each as its words from the last to the first.
static TYPE_WORDS_LOWER_WORDS: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    TYPE_WORDS_LOWER
        .iter()
        .map(|t| t.split(' ').rev().map(str::to_string).collect())
        .collect()
});

/// The last place `needle` starts in a short `hay`. (A match starts at a character
/// boundary: `needle` starts with one, and no lead byte is a continuation byte.)
fn rfind_short(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let first = *n.first()?;
    let last_start = h.len().checked_sub(n.len())?;
    // From one place of the first byte to the one before, not every position.
    memchr::memrchr_iter(first, &h[..=last_start]).find(|&i| h[i..].starts_with(n))
}

/// The code a type word goes with (empty: its symbol carries none).
pub fn code_for_type_word(word: &str) -> Option<&'static str> {
    crate::vocab::code_of(word)
}

/// The type word standing before `… số` at the end of `before`, if any.
fn type_word_before(before: &str) -> Option<String> {
    let t = before.trim_end();
    let t = t
        .strip_suffix("số")
        .or_else(|| t.strip_suffix("Số"))?
        .trim_end();
    // Only the last few words can belong to the reference.
    let mut last = [""; 6];
    let mut n = 0;
    for w in t.split_whitespace().rev().take(6) {
        last[n] = w;
        n += 1;
    }
    // Most references name their type right before `số`: a type word that ends the
    // window ends last, so the longest such word is the answer, found without
    // building and lower-casing the window.
    let words = &last[..n];
    // The last word's first letter, lower-cased once: most type words differ there.
    let initial = words
        .first()
        .and_then(|w| w.chars().next())
        .map(crate::text::lower_of);
    let mut at_end: Option<&str> = None;
    for (tw, tw_words) in TYPE_WORDS.iter().zip(TYPE_WORDS_LOWER_WORDS.iter()) {
        let ends_window = tw_words.len() <= n
            && tw_words
                .first()
                .is_some_and(|w| w.chars().next() == initial)
            && tw_words
                .iter()
                .zip(words)
                .all(|(want, w)| w.chars().map(crate::text::lower_of).eq(want.chars()));
        if ends_window && at_end.is_none_or(|best| tw.len() > best.len()) {
            at_end = Some(tw);
        }
    }
    if let Some(tw) = at_end {
        return Some(tw.to_string());
    }
    let words: Vec<&str> = words.to_vec();
    let window: String = words.into_iter().rev().collect::<Vec<_>>().join(" ");
    // Match on the lower-case form; offsets into it are only used on it.
    let lower = window.lower();
    let mut best: Option<(usize, &str)> = None;
    for (tw, tl) in TYPE_WORDS.iter().zip(TYPE_WORDS_LOWER.iter()) {
        // The window is a few words: a plain backward scan beats building a
        // substring searcher for each of twenty words.
        if let Some(pos) = rfind_short(&lower, tl) {
            let end = pos + tl.len();
            // Words after the type word must be qualifiers in lower case (`hành động`).
            let tail_ok = window
                .get(window.len().saturating_sub(lower.len() - end)..)
                .is_some_and(|t| t.chars().all(|c| c.is_lowercase() || c == ' '));
            if !tail_ok || (pos > 0 && !lower[..pos].ends_with(' ')) {
                continue;
            }
            // The match ending last wins; at equal ends the longer (`Thông tư liên tịch`).
            let better = match best {
                None => true,
                Some((best_end, best_word)) => {
                    end > best_end || (end == best_end && tw.len() > best_word.len())
                }
            };
            if better {
                best = Some((end, tw));
            }
        }
    }
    best.map(|(_, tw)| tw.to_string())
}

pub fn find_references(src: &Source) -> Vec<LegalRef> {
    let text = src.read();
    let mut refs = Vec::new();
    for (parts, end, party) in symbols(text) {
        {
            let m = Span::new(parts.num.start, end);
            // A symbol starts a word (checked here: the search starts at figures).
            if text[..m.start]
                .chars()
                .next_back()
                .is_some_and(|ch| ch.is_alphanumeric())
            {
                continue;
            }
            let code = &text[parts.code.clone()];
            let issuer = &text[parts.issuer.clone()];
            // `Lê-nin/…`-like words are not symbols: a code has an upper-case start.
            if !code.chars().next().is_some_and(|ch| ch.is_uppercase()) {
                continue;
            }
            let from = floor_char_boundary(text, m.start.saturating_sub(90));
            // Only the 90 bytes before the symbol, and not across a line break.
            let line_start = text[from..m.start]
                .rfind('\n')
                .map_or(from, |i| from + i + 1);
            let type_word = type_word_before(&text[line_start..m.start]);
            let after = &text[m.end..];
            let (mut date, mut date_range, mut end) = (None, None, m.end);
            let trimmed = after.trim_start();
            let skip = after.len() - trimmed.len();
            let rest = trimmed
                .strip_prefix("ngày")
                .or_else(|| trimmed.strip_prefix("Ngày"))
                .map(|r| (r, skip + "ngày".len()));
            if let Some((r, off)) = rest {
                if let Some((d, len)) = date_at_start(r) {
                    let lead = r.len() - r.trim_start().len();
                    let s = m.end + off + lead;
                    date = Some(d);
                    date_range = Some(src.range(Span::new(s, m.end + off + len)));
                    end = m.end + off + len;
                }
            }
            // The issuer is short: look at most 160 bytes ahead.
            let window_end = floor_char_boundary(text, end + 160);
            let issuer_text = text[end..window_end]
                .strip_prefix(" của ")
                .map(|r| {
                    let stop = r
                        .find([',', ';', '.', ')', '\n', '(', '“', '"'])
                        .unwrap_or(r.len())
                        .min(r.find(" về ").unwrap_or(r.len()));
                    r[..stop].trim().to_string()
                })
                .filter(|s| !s.is_empty());
            refs.push(LegalRef {
                range: src.range(Span::new(m.start, m.end)),
                type_word,
                number: text[parts.num.clone()].to_string(),
                year: parts.year.and_then(|y| text[y].parse().ok()),
                type_code: code.to_string(),
                issuer_code: issuer.to_string(),
                party_form: party,
                date,
                date_range,
                issuer: issuer_text,
            });
        }
    }
    crate::order::sort_by_key(&mut refs, |r| r.range.start);
    refs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::differential::{check, same_all, Groups};
    use crate::pattern::search;

    proptest::proptest! {
        /// Looking back from each `/` and `-` finds the symbols that reading every
        /// run of figures finds.
        #[test]
        fn symbols_from_separators_are_symbols_by_figures(s in "([0-9]{1,7}|[/-]|[A-ZĐ]{1,3}|[a-zđ ]|Số |KH-UBND|NĐ-CP){0,16}") {
            let key = |v: Vec<(SymbolParts, usize, bool)>| {
                v.into_iter()
                    .map(|(p, end, party)| (p.num, p.year, p.code, p.issuer, end, party))
                    .collect::<Vec<_>>()
            };
            proptest::prop_assert_eq!(key(symbols(&s)), key(symbols_by_figures(&s)));
        }

        /// The last match, as `str::rfind` finds it.
        #[test]
        fn rfind_short_is_rfind(hay in "[ab ệq]{0,24}", needle in "[ab ệ]{1,3}") {
            proptest::prop_assert_eq!(rfind_short(&hay, &needle), hay.rfind(needle.as_str()));
        }
    }

    /// `type_word_before` as first written: every type word searched for in the
    /// lower-cased window.
    fn type_word_before_by_window(before: &str) -> Option<String> {
        let t = before.trim_end();
        let t = t
            .strip_suffix("số")
            .or_else(|| t.strip_suffix("Số"))?
            .trim_end();
        // Only the last few words can belong to the reference.
        let words: Vec<&str> = t.split_whitespace().rev().take(6).collect();
        let window: String = words.into_iter().rev().collect::<Vec<_>>().join(" ");
        // Match on the lower-case form; offsets into it are only used on it.
        let lower = window.lower();
        let mut best: Option<(usize, &str)> = None;
        for (tw, tl) in TYPE_WORDS.iter().zip(TYPE_WORDS_LOWER.iter()) {
            // The window is a few words: a plain backward scan beats building a
            // substring searcher for each of twenty words.
            if let Some(pos) = rfind_short(&lower, tl) {
                let end = pos + tl.len();
                // Words after the type word must be qualifiers in lower case (`hành động`).
                let tail_ok = window
                    .get(window.len().saturating_sub(lower.len() - end)..)
                    .is_some_and(|t| t.chars().all(|c| c.is_lowercase() || c == ' '));
                if !tail_ok || (pos > 0 && !lower[..pos].ends_with(' ')) {
                    continue;
                }
                // The match ending last wins; at equal ends the longer (`Thông tư liên tịch`).
                let better = match best {
                    None => true,
                    Some((best_end, best_word)) => {
                        end > best_end || (end == best_end && tw.len() > best_word.len())
                    }
                };
                if better {
                    best = Some((end, tw));
                }
            }
        }
        best.map(|(_, tw)| tw.to_string())
    }

    proptest::proptest! {
        /// The shortcut for a type word right before `số` finds what searching the
        /// lower-cased window finds, in any case and with words around it.
        #[test]
        fn type_word_before_is_what_the_window_search_finds(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "Thông tư", "thông tư", "THÔNG TƯ", "liên tịch", "Liên tịch", "Nghị định",
                "nghị", "định", "Quyết định", "quyết định", "Luật", "luật", "Dự án", "(Nghị",
                "hành động", "Căn cứ", "theo", "và", "Kế hoạch", "Chương trình", "x",
            ]), 0..5),
            gap in proptest::sample::select(vec![" ", "  ", "\t", " \u{a0}"]),
            tail in proptest::sample::select(vec![" số", " Số", "số", " số ", ""]),
        ) {
            let before = format!("{}{tail}", words.join(gap));
            proptest::prop_assert_eq!(
                type_word_before(&before),
                type_word_before_by_window(&before)
            );
        }
    }

    fn parts(
        found: impl Iterator<Item = (usize, SymbolParts, usize)>,
    ) -> Vec<(usize, Groups, usize)> {
        found
            .map(|(_, p, e)| {
                let groups = vec![Some(p.num.clone()), p.year, Some(p.code), Some(p.issuer)];
                (p.num.start, groups, e)
            })
            .collect()
    }

    /// The one-pass `symbols` finds what a search per form finds, on every seed and
    /// real fixture.
    #[test]
    fn one_pass_finds_what_two_searches_find() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
        for dir in ["seeds", "fixtures/real"] {
            for e in std::fs::read_dir(root.join(dir)).expect("dir").flatten() {
                let Ok(text) = std::fs::read_to_string(e.path()) else {
                    continue;
                };
                let key = |(p, e, party): &(SymbolParts, usize, bool)| {
                    (p.num.clone(), p.code.clone(), p.issuer.clone(), *e, *party)
                };
                let mut two: Vec<_> = search(&text, |b| b.is_ascii_digit(), state_form)
                    .map(|(_, p, e)| (p, e, false))
                    .chain(
                        search(&text, |b| b.is_ascii_digit(), party_form)
                            .map(|(_, p, e)| (p, e, true)),
                    )
                    .map(|m| key(&m))
                    .collect();
                crate::order::sort_by_key(&mut two, |k| k.0.start);
                let mut one: Vec<_> = symbols(&text).iter().map(key).collect();
                crate::order::sort_by_key(&mut one, |k| k.0.start);
                assert_eq!(one, two, "{}", e.path().display());
                assert!(dir != "seeds" || !one.is_empty());
            }
        }
    }

    #[test]
    fn symbol_shapes_match_their_regexes() {
        const WORDS: &[&str] = &[
            "KH", "UBND", "NĐ", "CP", "QĐ", "TU", "Tw", "ĐĐQH15", "a", "BTTTT", "Lê", "nin",
            "/2015/", "-KH/",
        ];
        check(
            r"(?P<num>\d{1,5})/(?:(?P<year>\d{4})/)?(?P<code>\p{L}{1,6})-(?P<issuer>[\p{L}\d]+(?:-[\p{L}\d]+)*)",
            WORDS,
            &[
                "số 72/2015/NĐ-CP ngày",
                "11/KH-UBND",
                "4422/GN-BTTTT-BTLBĐBP",
                "123456/KH-UB",
                "12/ABCDEFG-X",
            ],
            |re, t| {
                let ours = search(t, |b| b.is_ascii_digit(), state_form);
                same_all(re, t, parts(ours))
            },
        );
        check(
            r"(?P<num>\d{1,5})-(?P<code>\p{Lu}\p{L}{0,4})/(?P<issuer>\p{Lu}[\p{L}\d]*)",
            WORDS,
            &[
                "Kế hoạch số 109-KH/TU ngày",
                "3260-KH/ĐĐQH15",
                "34-NQ/TW",
                "1-Lênin/X",
            ],
            |re, t| {
                let ours = search(t, |b| b.is_ascii_digit(), party_form).map(|(s, mut p, e)| {
                    p.year = None;
                    (s, p, e)
                });
                let ours: Vec<_> = parts(ours)
                    .into_iter()
                    .map(|(s, g, e)| (s, vec![g[0].clone(), g[2].clone(), g[3].clone()], e))
                    .collect();
                same_all(re, t, ours)
            },
        );
    }
    use crate::model::PartialDate;

    #[test]
    fn state_and_party_forms() {
        let text = "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý; Kế hoạch hành động số 81/KH-UBND ngày 28/11/2016 của Ủy ban nhân dân tỉnh; Kế hoạch số 109-KH/TU ngày 06 tháng 11 năm 2018.";
        let src = Source::new(text);
        let r = find_references(&src);
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].type_word.as_deref(), Some("Nghị định"));
        assert_eq!(
            (
                r[0].year,
                r[0].type_code.as_str(),
                r[0].issuer_code.as_str()
            ),
            (Some(2015), "NĐ", "CP")
        );
        assert_eq!(r[0].date, Some(PartialDate::full(2015, 9, 7)));
        assert_eq!(r[0].issuer.as_deref(), Some("Chính phủ"));
        assert_eq!(r[1].type_word.as_deref(), Some("Kế hoạch"));
        assert!(r[2].party_form);
        assert_eq!(
            (r[2].type_code.as_str(), r[2].issuer_code.as_str()),
            ("KH", "TU")
        );
        assert_eq!(r[2].date, Some(PartialDate::full(2018, 11, 6)));
    }

    #[test]
    fn dates_and_noise_are_not_references() {
        let src = Source::new("trước ngày 15/5/2016 và 01/11/2017; VTV4 - Đài; b/c; 2011-2020");
        assert!(find_references(&src).is_empty());
    }
}
