//! Vietnamese text helpers shared by the parser and the rules.

mod case;
mod nfc;

/// Upper and lower case for Latin, Greek and Cyrillic letters (`case.rs`).
pub use case::{lower, lower_of, upper, upper_of, Case};

/// NFC for Latin letters and their marks (`nfc.rs`), and whether a character is
/// one of those marks.
pub use nfc::{is_mark as is_combining_mark, nfc};

/// At most the first `max` bytes of `t`, cut at a character boundary: the part a
/// prefix test (`fold(head(t, 16)).starts_with("NƠI NHẬN")`) needs to read, however
/// long the line.
pub fn head(t: &str, max: usize) -> &str {
    &t[..floor_char_boundary(t, max)]
}

/// At most the last `max` bytes of `t`, cut at a character boundary: the words
/// just before a match (`… tầm nhìn đến năm 2045`).
pub fn tail(t: &str, max: usize) -> &str {
    &t[ceil_char_boundary(t, t.len().saturating_sub(max))..]
}

/// NFC, upper case, old word-final tone placement folded (`HOÀ`→`HÒA`, `UỶ`→`ỦY`):
/// the form used to compare fixed phrases (`KẾ HOẠCH`, `CỘNG HÒA …`, `NƠI NHẬN`).
pub fn fold(s: &str) -> String {
    let text = nfc(s);
    let mut upper = String::with_capacity(text.len());
    let mut moves = false;
    let mut prev = '\0';
    for c in text.chars() {
        let u = upper_char(c);
        match u {
            Some(u) => {
                moves |= matches!(
                    (prev, u),
                    ('O', 'À' | 'Á' | 'Ả' | 'Ã' | 'Ạ') | ('U', 'Ỷ' | 'Ý')
                );
                upper.push(u);
                prev = u;
            }
            None => {
                upper.push(upper_of(c));
                prev = '\0';
            }
        }
    }
    if !moves {
        return upper;
    }
    move_tone_marks(&upper)
}

/// Whether `fold(t)` starts with one of `prefixes`, each tried only if it starts with
/// `t`'s first letter in upper case. Every prefix must start with a consonant or a
/// sign (`C`, `Đ`, `(`…): folding moves a tone mark only between vowels and composes
/// only marks onto a letter, so it never changes such a first character, and a
/// line with another first letter cannot fold to the prefix. Most capitalised
/// lines are then compared with one prefix or none instead of all of them.
pub fn fold_starts_with_any(t: &str, prefixes: &[&str]) -> bool {
    let Some(first) = t.chars().next().map(upper_of) else {
        return false;
    };
    prefixes
        .iter()
        .filter(|p| p.starts_with(first))
        .any(|p| fold_starts_with(t, p))
}

/// `fold(t).starts_with(prefix)`, reading `t` only as far as the prefix needs and
/// without allocating: most lines fail at their first letter. Falls back to `fold`
/// when a character near the compared ones is outside `upper_char`'s table (a
/// combining mark that NFC would compose, a letter of another script).
pub fn fold_starts_with(t: &str, prefix: &str) -> bool {
    // An ASCII letter folds to its capital, or to that capital with a mark composed
    // onto it or a tone moved onto it, never to another letter: against a prefix
    // that opens with an ASCII capital, the first byte decides a mismatch (whatever
    // marks follow: `U` + U+0309 folds to `Ủ`, which is no `C` either).
    if let (Some(&a), Some(&p)) = (t.as_bytes().first(), prefix.as_bytes().first()) {
        if a.is_ascii() && p.is_ascii() && a.to_ascii_uppercase() != p {
            return false;
        }
    }
    let mut src = t.chars().map(upper_char);
    // The upper-case characters at the next three positions: `None` past the end,
    // `Some(None)` for a character outside the table.
    let mut window = [src.next(), src.next(), src.next()];
    let mut want = prefix.chars();
    let mut moved_second: Option<char> = None;
    loop {
        let Some(w) = want.next() else { return true };
        let got = if let Some(second) = moved_second.take() {
            second
        } else {
            if window.iter().any(|c| matches!(c, Some(None))) {
                return fold_head_starts_with(t, prefix);
            }
            let [Some(Some(a)), b, c] = window else {
                return false;
            };
            let (b, c) = (b.flatten(), c.flatten());
            let moved = tone_move(a, b);
            match moved {
                Some((first, second)) if c.is_none_or(|c| !is_letter(c)) => {
                    moved_second = Some(second);
                    window = [window[2], src.next(), src.next()];
                    first
                }
                _ => {
                    window = [window[1], window[2], src.next()];
                    a
                }
            }
        };
        if got != w {
            return false;
        }
    }
}

/// `fold(t).starts_with(prefix)`, folding only a head of `t` that ends before a
/// space past four times the prefix's length: folding composes marks onto the
/// letter before them, changes case letter by letter and moves a tone mark only at
/// a word's end, never across a space, so `fold(t)` is `fold(head)` and then the
/// rest's. (A line of many short decomposed parts asked once per part folded 64
/// bytes each time.)
fn fold_head_starts_with(t: &str, prefix: &str) -> bool {
    let from = floor_char_boundary(t, 4 * prefix.len());
    let cut = t[from..].find(' ').map_or(t.len(), |i| from + i);
    let folded = fold(&t[..cut]);
    if folded.len() >= prefix.len() || cut == t.len() {
        return folded.starts_with(prefix);
    }
    fold(t).starts_with(prefix)
}

/// The upper case of a letter of Vietnamese (or ASCII) by arithmetic; `None` for
/// others (the caller asks `upper_of`, or `fold_starts_with` falls back to `fold`).
/// `upper_of` answers these letters too, but `fold` runs on many lines and one
/// match here is 4 % faster on reference-heavy text than asking which letters
/// qualify and then `upper_of` (callgrind); `fold`'s property test holds the two
/// to Unicode's mapping.
fn upper_char(c: char) -> Option<char> {
    let n = c as u32;
    Some(match n {
        0..=0x7F => c.to_ascii_uppercase(),
        // Latin-1 letters: à…þ are À…Þ plus 0x20 (÷ is no letter, ÿ's capital is far).
        0xE0..=0xFE if n != 0xF7 => char::from_u32(n - 0x20)?,
        0xC0..=0xDE | 0xA0..=0xB4 | 0xB6..=0xBF => c,
        // ă đ ĩ ũ ơ ư
        0x103 | 0x111 | 0x129 | 0x169 | 0x1A1 => char::from_u32(n - 1)?,
        0x1B0 => 'Ư',
        0x102 | 0x110 | 0x128 | 0x168 | 0x1A0 | 0x1AF => c,
        // Vietnamese letters with a tone mark: capitals even, small letters odd.
        0x1EA0..=0x1EF9 => char::from_u32(n & !1)?,
        _ => return None,
    })
}

/// Moves a word-final tone mark to where the new rule puts it (`HOÀ`→`HÒA`,
/// `UỶ`→`ỦY`), in an upper-case text. Every `KẾ HOẠCH` comes here (`OẠ`), so the
/// letter test runs only where a pair matches.
fn move_tone_marks(upper: &str) -> String {
    let mut out = String::with_capacity(upper.len());
    let mut chars = upper.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let moved = tone_move(c, next);
        if let Some((a, b)) = moved {
            let mut after = chars.clone();
            after.next();
            if after.peek().is_none_or(|&c| !is_letter(c)) {
                out.push(a);
                out.push(b);
                chars.next();
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// The new placement of an old word-final tone mark on the pair `a b` (`OÀ`→`ÒA`,
/// `UỶ`→`ỦY`), in upper case; the caller checks that the pair ends the word.
fn tone_move(a: char, b: Option<char>) -> Option<(char, char)> {
    match (a, b?) {
        ('O', 'À') => Some(('Ò', 'A')),
        ('O', 'Á') => Some(('Ó', 'A')),
        ('O', 'Ả') => Some(('Ỏ', 'A')),
        ('O', 'Ã') => Some(('Õ', 'A')),
        ('O', 'Ạ') => Some(('Ọ', 'A')),
        ('U', 'Ỷ') => Some(('Ủ', 'Y')),
        ('U', 'Ý') => Some(('Ú', 'Y')),
        _ => None,
    }
}

/// `char::is_alphabetic`, answered by arithmetic for ASCII and the Vietnamese
/// letters (the general test is a table search per character).
pub fn is_letter(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphabetic(),
        0xC0..=0xFF => c != '×' && c != '÷',
        0x100..=0x1B0 | 0x1EA0..=0x1EF9 => true,
        _ => c.is_alphabetic(),
    }
}

/// `char::is_alphanumeric`, the same way as [`is_letter`] (no Latin letter range it
/// answers holds a numeric character).
pub fn is_letter_or_digit(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0xC0..=0x1B0 | 0x1EA0..=0x1EF9 => is_letter(c),
        _ => c.is_alphanumeric(),
    }
}

/// `char::is_lowercase`, the same way as [`is_letter`].
pub fn is_lower(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_lowercase(),
        0xDF..=0xFF => c != '÷',
        0xC0..=0xDE => false,
        // ă đ ĩ ũ ơ ư and their capitals (even, but ư/Ư at 0x1B0/0x1AF).
        0x102 | 0x103 | 0x110 | 0x111 | 0x128 | 0x129 | 0x168 | 0x169 | 0x1A0 | 0x1A1 => {
            c as u32 & 1 == 1
        }
        0x1AF => false,
        0x1B0 => true,
        0x1EA0..=0x1EF9 => c as u32 & 1 == 1,
        _ => c.is_lowercase(),
    }
}

/// `v` with at most two decimals, trailing zeros dropped (`13.5`, `20`, `1.27`), as
/// findings quote sizes and margins. Written with integers: formatting an `f64`
/// would bring `core`'s float printing into the app (16 KB of wasm), and prints
/// `1.2699999999999998` where a reader expects `1.27`.
pub fn decimal(v: f64) -> String {
    let hundredths = (v * 100.0).round() as i64;
    let sign = if hundredths < 0 { "-" } else { "" };
    let (whole, frac) = (
        hundredths.unsigned_abs() / 100,
        hundredths.unsigned_abs() % 100,
    );
    match frac {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
        f => format!("{sign}{whole}.{f:02}"),
    }
}

/// `s.trim()`, with the ends tested as bytes: the line passes trim every line several
/// times, and most lines start and end with an ASCII letter, figure or mark. Only a
/// non-ASCII end is decoded (it may be a no-break or ideographic space).
pub fn trim(s: &str) -> &str {
    let ascii_space = |c: &u8| matches!(c, b'\t'..=b'\r' | b' ');
    let b = s.as_bytes();
    let start = b.iter().position(|c| !ascii_space(c)).unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !ascii_space(c))
        .map_or(start, |e| e + 1);
    // Both are next to an ASCII byte or at an end: character boundaries.
    let mut t = &s[start..end];
    if t.as_bytes().first().is_some_and(|&c| c >= 0x80) {
        t = t.trim_start();
    }
    if t.as_bytes().last().is_some_and(|&c| c >= 0x80) {
        t = t.trim_end();
    }
    t
}

/// How many brackets and quotes a text holds (what the balance check and the
/// joining of wrapped lines weigh).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Brackets {
    pub open: usize,
    pub close: usize,
    pub straight: usize,
    pub curly_open: usize,
    pub curly_close: usize,
}

/// The brackets and quotes of `b`: `(`, `)` and `"` in one pass the compiler
/// vectorizes (as fast where they are few, a paragraph, as where they are all there
/// is); the curly quotes (E2 80 9C/9D) searched for, only where an E2 byte is.
pub fn count_brackets(b: &[u8]) -> Brackets {
    let mut total = Brackets::default();
    // Byte-wide counters (sixteen to a vector) over chunks short enough that they
    // never overflow.
    for chunk in b.chunks(255) {
        let (mut open, mut close, mut straight) = (0u8, 0u8, 0u8);
        for &c in chunk {
            open += u8::from(c == b'(');
            close += u8::from(c == b')');
            straight += u8::from(c == b'"');
        }
        total.open += usize::from(open);
        total.close += usize::from(close);
        total.straight += usize::from(straight);
    }
    if memchr::memchr(0xE2, b).is_some() {
        let count = |q: &str| memchr::memmem::find_iter(b, q).count();
        total.curly_open = count("\u{201c}");
        total.curly_close = count("\u{201d}");
    }
    total
}

/// How many `|` the text holds (`str::matches` walks a char searcher; this
/// counts bytes many at a time).
pub fn count_pipes(s: &str) -> usize {
    memchr::memchr_iter(b'|', s.as_bytes()).count()
}

/// Whether `s` has at most `n` characters, without counting a long line through:
/// a character takes at most four bytes, so more than `4 n` bytes are more than `n`
/// characters. (Headings and labels are told from prose by their length; prose
/// lines run to thousands of bytes.)
pub fn at_most_chars(s: &str, n: usize) -> bool {
    s.len() <= n || (s.len() <= n.saturating_mul(4) && s.chars().count() <= n)
}

/// `s` as a finding quotes it: whole up to `max` characters, else its first `max`
/// and "…". A message is read in a list and a tooltip; a pasted line can run to
/// megabytes.
pub fn excerpt(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if at_most_chars(s, max) {
        return std::borrow::Cow::Borrowed(s);
    }
    let cut = s.char_indices().nth(max).map_or(s.len(), |(i, _)| i);
    std::borrow::Cow::Owned(format!("{}…", s[..cut].trim_end()))
}

/// How many characters a finding quotes of a line at most.
pub const QUOTE_CHARS: usize = 80;

/// True when the text has letters and none of them is lower case.
pub fn is_upper_text(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if is_lower(c) {
            return false;
        }
        if is_letter(c) {
            letters += 1;
        }
    }
    letters >= 2
}

/// The Vietnamese letters used for điểm, in order (no `f j w z`, `đ` after `d`).
pub const VIETNAMESE_LETTERS: [char; 23] = [
    'a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't',
    'u', 'v', 'x', 'y',
];

/// 1-based position of a letter in the Vietnamese order, `None` for `f j w z` and others.
pub fn letter_ordinal(c: char) -> Option<u32> {
    VIETNAMESE_LETTERS
        .iter()
        .position(|&l| l == c)
        .map(|p| p as u32 + 1)
}

pub fn letter_at(ordinal: u32) -> Option<char> {
    VIETNAMESE_LETTERS
        .get((ordinal as usize).checked_sub(1)?)
        .copied()
}

/// Value of a Roman numeral (`I`..`MMM`), `None` when not a well-formed numeral.
pub fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 12 {
        return None;
    }
    let val = |c: char| match c {
        'I' => Some(1i64),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let values: Vec<i64> = s.chars().map(val).collect::<Option<_>>()?;
    let mut total: i64 = 0;
    for (i, &v) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|&n| n > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    let total = u32::try_from(total).ok()?;
    // Round-trip check rejects forms like `IIII` or `VX`.
    (total > 0 && to_roman(total) == s).then_some(total)
}

pub fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Upper case of the first letter only.
pub fn capitalize_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => std::iter::once(upper_of(f)).chain(c).collect(),
        None => String::new(),
    }
}

/// Words that open an administrative-unit name (`TỈNH CÀ MAU`): a second agency line
/// starting with one continues the first rather than being the agency under a parent.
pub const ADMIN_UNIT_WORDS: [&str; 8] = [
    "TỈNH",
    "THÀNH PHỐ",
    "HUYỆN",
    "QUẬN",
    "THỊ XÃ",
    "XÃ",
    "PHƯỜNG",
    "THỊ TRẤN",
];

/// White space runs as one space, trimmed: a phrase wrapped over lines, read whole.
pub fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The largest character boundary of `s` at or before byte `i` (clamped to the text):
/// where a byte window around a match may safely be cut.
pub fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The first character boundary at or after `i` (clamped into `s`).
pub fn ceil_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Placeholders are written in square brackets: `[Họ và tên]` (the template's
/// blanks, which checks report as "fill this in", never as errors).
pub fn is_placeholder(s: &str) -> bool {
    let t = s.trim();
    t.starts_with('[') && t.ends_with(']')
}

/// A document's symbol cut at its hyphen (`Chỉ thị số 52-` / `CT/TW`): the two
/// halves join with no space.
pub fn symbol_split(before: &str, after: &str) -> bool {
    let b = before.as_bytes();
    b.len() >= 2
        && b[b.len() - 1] == b'-'
        && b[b.len() - 2].is_ascii_digit()
        && after.starts_with(|c: char| c.is_uppercase())
        && after
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ')'))
            .next()
            .is_some_and(|w| w.contains('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text of brackets and nothing else (a pathological family) overflows no
    /// byte-wide counter.
    #[test]
    fn a_run_of_one_bracket_is_counted_whole() {
        let s = format!(
            "{}{}{}",
            "(".repeat(1000),
            ")".repeat(256),
            "\"".repeat(255)
        );
        let b = count_brackets(s.as_bytes());
        assert_eq!((b.open, b.close, b.straight), (1000, 256, 255));
    }
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    /// `fold` as it was written first: the general Unicode tables for NFC and
    /// upper case, and the tone marks moved on every text. (Upper case one
    /// character for one, as `fold` has it since: `ß` stays `ß`, not `SS`.)
    fn fold_by_tables(s: &str) -> String {
        let upper: String = s
            .nfc()
            .map(|c| {
                let mut u = c.to_uppercase();
                match (u.next(), u.next()) {
                    (Some(one), None) => one,
                    _ => c,
                }
            })
            .collect();
        move_tone_marks_by_tables(&upper)
    }

    /// `move_tone_marks` as it was written first: every character's look-ahead
    /// asked of the general letter table.
    fn move_tone_marks_by_tables(upper: &str) -> String {
        let chars: Vec<char> = upper.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            let word_final = chars.get(i + 2).is_none_or(|c| !c.is_alphabetic());
            let moved = match (chars[i], chars.get(i + 1)) {
                ('O', Some('À')) => Some(('Ò', 'A')),
                ('O', Some('Á')) => Some(('Ó', 'A')),
                ('O', Some('Ả')) => Some(('Ỏ', 'A')),
                ('O', Some('Ã')) => Some(('Õ', 'A')),
                ('O', Some('Ạ')) => Some(('Ọ', 'A')),
                ('U', Some('Ỷ')) => Some(('Ủ', 'Y')),
                ('U', Some('Ý')) => Some(('Ú', 'Y')),
                _ => None,
            };
            match moved {
                Some((a, b)) if word_final => {
                    out.push(a);
                    out.push(b);
                    i += 2;
                }
                _ => {
                    out.push(chars[i]);
                    i += 1;
                }
            }
        }
        out
    }

    #[test]
    fn an_excerpt_is_the_text_or_its_start_and_an_ellipsis() {
        assert_eq!(excerpt("Sở Y tế", 7), "Sở Y tế");
        assert_eq!(excerpt("Sở Y tế tỉnh", 7), "Sở Y tế…");
        assert_eq!(excerpt("Sở Y  tế", 5), "Sở Y…");
        assert_eq!(
            excerpt(&"ệ".repeat(100_000), QUOTE_CHARS).chars().count(),
            QUOTE_CHARS + 1
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn brackets_are_counted_as_each_byte_is(s in "[()\"a\u{1ec7}“”]{0,700}") {
            let b = s.as_bytes();
            let naive = |x: u8| b.iter().filter(|&&c| c == x).count();
            let got = count_brackets(b);
            prop_assert_eq!(
                (got.open, got.close, got.straight, got.curly_open, got.curly_close),
                (naive(b'('), naive(b')'), naive(b'"'), s.matches('“').count(), s.matches('”').count())
            );
        }
        /// Trying only the prefixes with the line's first letter decides as trying all.
        #[test]
        fn fold_starts_with_any_is_any_fold_starts_with(
            first in "[cCĐđ(sSnNoOuUdD\u{301}\u{323}ćç]{0,2}",
            rest in "[ỘỐÒÀÁNG HÒAXÃĐỘCLẬPƠIẬ:ÝàáạỷýyY\u{301}\u{323}]{0,10}",
        ) {
            let t = format!("{first}{rest}");
            let prefixes = ["CỘNG HÒA XÃ", "CỘNG HÒA", "ĐỘC LẬP", "(ĐÃ KÝ", "SỐ:", "NƠI NHẬN", "C"];
            prop_assert_eq!(
                fold_starts_with_any(&t, &prefixes),
                prefixes.iter().any(|p| fold(&t).starts_with(p))
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]
        /// Spaces of every kind at either end, ASCII and not, in any order.
        #[test]
        fn trim_is_str_trim(s in "[ \t\n\r\u{b}\u{c}\u{85}\u{a0}\u{2003}\u{3000}\u{1c}a\u{1ec7}|]{0,12}") {
            prop_assert_eq!(trim(&s), s.trim());
        }
    }

    proptest! {
        #[test]
        fn at_most_chars_is_the_count_compared(s in "[a\u{1ec7}\u{1F600}\u{20AC}]{0,40}", n in 0usize..45) {
            prop_assert_eq!(at_most_chars(&s, n), s.chars().count() <= n);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn fold_starts_with_equals_fold_then_starts_with(
            s in "[a-zA-Z0-9 .,(ÀÁÃÒÓÔÙÚÝàáãòóôùúýĂăĐđƠơƯưẠ-ỹßÿ÷\u{301}\u{323}Σσ]{0,16}",
            cut in 0usize..20,
            other in "[A-ZÀÒÓỌỦĐẠ ]{0,6}",
        ) {
            let folded = fold(&s);
            let prefix: String = folded.chars().take(cut).collect();
            prop_assert!(fold_starts_with(&s, &prefix));
            let mut changed = prefix.clone();
            changed.push_str(&other);
            prop_assert_eq!(fold_starts_with(&s, &changed), folded.starts_with(&changed));
            prop_assert_eq!(fold_starts_with(&s, &other), folded.starts_with(&other));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, failure_persistence: None, ..ProptestConfig::default() })]
        /// Long decomposed lines with spaces, short prefixes: the head folded is
        /// often shorter than the line, and must answer as the whole line would.
        #[test]
        fn fold_head_starts_with_equals_fold_then_starts_with(
            // (The second: stacks of marks, so the head's cut falls among them.)
            s in prop_oneof![
                "[a-zA-Z .,ÀÒÓÔàáòóôùƠơƯưĐđẠ-ỹ\u{300}\u{301}\u{302}\u{303}\u{309}\u{323}\u{31b}\u{306}]{0,60}",
                "[oaO \u{300}\u{301}\u{302}\u{303}\u{309}\u{323}]{0,60}",
            ],
            cut in 0usize..10,
            other in "[A-ZÀÒÓỌỦĐẠ ]{0,6}",
        ) {
            let folded = fold(&s);
            let prefix: String = folded.chars().take(cut).collect();
            prop_assert!(fold_head_starts_with(&s, &prefix));
            prop_assert!(fold_starts_with(&s, &prefix));
            let mut changed = prefix.clone();
            changed.push_str(&other);
            prop_assert_eq!(fold_head_starts_with(&s, &changed), folded.starts_with(&changed));
            prop_assert_eq!(fold_head_starts_with(&s, &other), folded.starts_with(&other));
        }
    }

    #[test]
    fn fold_starts_with_reads_old_tone_marks_and_phrases() {
        assert!(fold_starts_with(
            "(Kèm theo Kế hoạch số 1)",
            "(KÈM THEO KẾ HOẠCH"
        ));
        assert!(fold_starts_with("Uỷ ban nhân dân", "ỦY BAN"));
        assert!(fold_starts_with("hoà", "HÒA"));
        assert!(!fold_starts_with("hoàng", "HÒA"));
        assert!(fold_starts_with("hoàng", "HOÀNG"));
        assert!(!fold_starts_with("Kế", "KẾ HOẠCH"));
        assert!(fold_starts_with("Ke\u{302}\u{301} hoạch", "KẾ HOẠCH"));
    }

    #[test]
    fn letter_tests_agree_with_the_unicode_tables() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?} U+{:04X}", c as u32);
            assert_eq!(
                is_letter_or_digit(c),
                c.is_alphanumeric(),
                "{c:?} U+{:04X}",
                c as u32
            );
            assert_eq!(is_lower(c), c.is_lowercase(), "{c:?} U+{:04X}", c as u32);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn fold_equals_the_table_driven_fold(s in "[a-zA-Z0-9 .,ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯưẠ-ỹßÿ÷×µİıΣσςДд\u{300}\u{301}\u{303}\u{309}\u{323}ǅ]{0,24}") {
            prop_assert_eq!(fold(&s), fold_by_tables(&s));
            let composed: String = s.nfc().collect();
            prop_assert_eq!(nfc(&s).into_owned(), composed);
        }
    }

    #[test]
    fn decimals_are_written_as_a_reader_writes_them() {
        assert_eq!(decimal(13.5), "13.5");
        assert_eq!(decimal(14.0), "14");
        assert_eq!(decimal(12.7 / 10.0), "1.27");
        assert_eq!(decimal(250.0 / 240.0), "1.04");
        assert_eq!(decimal(20.05), "20.05");
        assert_eq!(decimal(0.0), "0");
        assert_eq!(decimal(-3.25), "-3.25");
        assert_eq!(decimal(2.999), "3");
    }

    #[test]
    fn fold_moves_old_tone_marks() {
        assert_eq!(fold("Hoà bình, Uỷ ban"), "HÒA BÌNH, ỦY BAN");
        assert_eq!(fold("hoàng"), "HOÀNG");
    }

    #[test]
    fn vietnamese_letter_order() {
        assert_eq!(letter_ordinal('d'), Some(4));
        assert_eq!(letter_ordinal('đ'), Some(5));
        assert_eq!(letter_ordinal('i'), Some(9));
        assert_eq!(letter_ordinal('k'), Some(10));
        assert_eq!(letter_ordinal('j'), None);
        assert_eq!(letter_at(11), Some('l'));
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman_value("IV"), Some(4));
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("ABC"), None);
    }

    #[test]
    fn fold_accepts_old_tone_placement() {
        assert_eq!(fold("Cộng hoà xã hội"), "CỘNG HÒA XÃ HỘI");
        assert_eq!(fold("Kế hoạch"), "KẾ HOẠCH");
        assert_eq!(fold("Ủy ban"), fold("Uỷ ban"));
        assert!(is_upper_text("KẾ HOẠCH"));
        assert!(!is_upper_text("Kế hoạch"));
    }
}
