//! The numbering marker at the start of a line: `I.`, `1.`, `1.2.`, `a)`, `-`, `Phần I`,
//! `Điều 3.`… What the first pass (`blocks`), the line views (`source`), the parser and
//! the numbering rules all need, so it depends only on `text`. The model re-exports
//! [`Level`] and [`MarkerStyle`].

use crate::text::{fold, letter_ordinal, roman_value};
use serde::{Deserialize, Serialize};

/// Levels of the body, from the top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// `Phần I`
    Part,
    /// `I.` (Mục)
    Section,
    /// `1.` (Khoản)
    Clause,
    /// `1.1.` (sub-khoản), depth in `ordinal_path`
    SubClause,
    /// `a)` (Điểm)
    Point,
    /// `-` (Tiết)
    Dash,
    /// `+` (Tiểu tiết)
    Plus,
}

impl Level {
    pub fn rank(self) -> u8 {
        match self {
            Level::Part => 0,
            Level::Section => 1,
            Level::Clause => 2,
            Level::SubClause => 3,
            Level::Point => 10,
            Level::Dash => 11,
            Level::Plus => 12,
        }
    }
    pub fn name_vi(self) -> &'static str {
        match self {
            Level::Part => "phần",
            Level::Section => "mục",
            Level::Clause => "khoản",
            Level::SubClause => "tiểu khoản",
            Level::Point => "điểm",
            Level::Dash => "tiết",
            Level::Plus => "tiểu tiết",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            Level::Part => "part",
            Level::Section => "section",
            Level::Clause => "clause",
            Level::SubClause => "sub-clause",
            Level::Point => "point",
            Level::Dash => "dash item",
            Level::Plus => "plus item",
        }
    }
}

/// How a marker was written, when it deviates from the canonical form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkerStyle {
    Canonical,
    /// `a.`
    Dot,
    /// `a/`
    Slash,
    /// `a/.`
    SlashDot,
    /// `1.1` without the closing dot
    NoTrailingDot,
    /// `1.Bộ`: the space after the marker forgotten
    NoSpace,
}

/// A marker recognised at the start of a body line.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub level: Level,
    /// Byte length of the marker in the line (`a)`, `3.1.`).
    pub len: usize,
    pub style: MarkerStyle,
    pub ordinal: Option<u32>,
    pub path: Vec<u32>,
    pub letter: Option<char>,
}

/// Where a marker's closing `.` or `)` stands at `i`, past emphasis closed just
/// before it (`**3**. 100% các xã`, `*a*)`: a page that set the number in bold),
/// as written or as the reading text blanks the marks (`3  . 100% …`).
fn past_closing_emphasis(bytes: &[u8], i: usize) -> usize {
    let stars = bytes
        .get(i..)
        .map_or(0, |r| r.iter().take_while(|&&b| b == b'*').count());
    let stars = if stars == 0 {
        bytes
            .get(i..)
            .map_or(0, |r| r.iter().take_while(|&&b| b == b' ').count())
    } else {
        stars
    };
    if (1..=2).contains(&stars) && matches!(bytes.get(i + stars), Some(b'.' | b')')) {
        i + stars
    } else {
        i
    }
}

/// A dotted marker's numbers as they are read: the first few kept inline, so a
/// line that turns out to hold no marker (`1/2025`, a table's `1`, a date) costs no
/// allocation; a long run (`1.1.1.…`) moves to the heap once.
#[derive(Default)]
struct Numbers {
    inline: [u32; 8],
    len: usize,
    spill: Vec<u32>,
}

impl Numbers {
    fn push(&mut self, n: u32) {
        if self.len < self.inline.len() {
            self.inline[self.len] = n;
        } else {
            self.spill.push(n);
        }
        self.len += 1;
    }
    fn len(&self) -> usize {
        self.len
    }
    fn is_empty(&self) -> bool {
        self.len == 0
    }
    fn last(&self) -> Option<u32> {
        match self.len {
            0 => None,
            n if n <= self.inline.len() => Some(self.inline[n - 1]),
            _ => self.spill.last().copied(),
        }
    }
    /// The numbers as the marker's path, sized once.
    fn into_vec(self) -> Vec<u32> {
        let kept = self.len.min(self.inline.len());
        let mut path = Vec::with_capacity(self.len);
        path.extend_from_slice(&self.inline[..kept]);
        path.extend_from_slice(&self.spill);
        path
    }
}

/// A part's capital letter and its place: `A` to `H` as plans letter them (`I`
/// would be a Roman one).
fn part_letter_ordinal(c: char) -> Option<u32> {
    matches!(c, 'A'..='H').then(|| u32::from(c) - u32::from('A') + 1)
}

/// The capital letter of a lettered part at `ordinal` (`3` → `C`).
pub fn part_letter(ordinal: u32) -> char {
    char::from_u32(u32::from('A') + ordinal.clamp(1, 8) - 1).unwrap_or('A')
}

/// A word of two letters or more in capitals (`MỤC`, `NỘI`), a title's first.
fn starts_capitals_word(rest: &str) -> bool {
    let word = rest
        .split(|c: char| !crate::text::is_letter(c))
        .next()
        .unwrap_or("");
    word.chars().count() >= 2 && !word.chars().any(crate::text::is_lower)
}

/// A word in sentence case right after a clause's dot, the space forgotten
/// (`1.Bộ Khoa học và Công nghệ thành lập …`, `5.Thúc đẩy …`): the item it starts.
/// Not a code in capitals (`3.ĐTB + 2.ĐTNTH`, `09.MTCN`, `6.STT`).
fn starts_sentence_case_word(rest: &str) -> bool {
    let mut chars = rest.chars();
    let upper = |c: char| crate::text::is_letter(c) && !crate::text::is_lower(c);
    chars.next().is_some_and(upper) && chars.next().is_some_and(crate::text::is_lower)
}

/// Recognises the numbering marker at the start of a trimmed line.
pub fn marker_of(t: &str) -> Option<Marker> {
    let bytes = t.as_bytes();
    let first = t.chars().next()?;
    let after_ok = |i: usize| -> bool {
        // A marker is followed by white space (or ends the line).
        t.get(i..)
            .and_then(|r| r.chars().next())
            .is_none_or(|c| c.is_whitespace())
    };
    // Phần I / PHẦN I
    if first == 'P' {
        let f = t.get(..7).map(fold).unwrap_or_default();
        if f.starts_with("PHẦN ") {
            let rest = &t["Phần".len()..];
            let word_end = rest
                .trim_start()
                .find(|c: char| !crate::text::is_letter_or_digit(c))
                .unwrap_or(rest.trim_start().len());
            let lead = rest.len() - rest.trim_start().len();
            let w = &rest.trim_start()[..word_end];
            let ord = roman_value(w).or_else(|| w.parse().ok());
            if ord.is_some() && !w.is_empty() {
                let mut len = "Phần".len() + lead + word_end;
                if t[len..].starts_with(['.', ':']) {
                    len += 1;
                }
                return Some(Marker {
                    level: Level::Part,
                    len,
                    style: MarkerStyle::Canonical,
                    ordinal: ord,
                    path: vec![],
                    letter: None,
                });
            }
        }
    }
    // A part lettered in capitals over a title in capitals: `A. MỤC ĐÍCH, YÊU CẦU`,
    // `B. NỘI DUNG`, `C. TỔ CHỨC THỰC HIỆN` (a Ban Chỉ đạo's plan). `C.` is no Roman
    // hundred here: no plan has a hundred sections.
    if let Some(ordinal) = part_letter_ordinal(first) {
        if bytes.get(1) == Some(&b'.')
            && bytes.get(2) == Some(&b' ')
            && starts_capitals_word(&t[3..])
        {
            return Some(Marker {
                level: Level::Part,
                len: 2,
                style: MarkerStyle::Canonical,
                ordinal: Some(ordinal),
                path: vec![],
                letter: Some(first),
            });
        }
    }
    // Roman: `II.`
    if matches!(first, 'I' | 'V' | 'X' | 'L' | 'C') {
        let n = bytes
            .iter()
            .take_while(|b| matches!(b, b'I' | b'V' | b'X' | b'L' | b'C'))
            .count();
        let dot = past_closing_emphasis(bytes, n);
        if bytes.get(dot) == Some(&b'.') && after_ok(dot + 1) {
            if let Some(v) = roman_value(&t[..n]) {
                return Some(Marker {
                    level: Level::Section,
                    len: dot + 1,
                    style: MarkerStyle::Canonical,
                    ordinal: Some(v),
                    path: vec![],
                    letter: None,
                });
            }
        }
    }
    // Arabic: `1.`, `3.1.`, `3.1`
    if first.is_ascii_digit() {
        let mut path = Numbers::default();
        let mut i = 0;
        loop {
            let d = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
            let limit = if path.is_empty() { 3 } else { 2 };
            if d == 0 || d > limit {
                break;
            }
            // At most three figures: no overflow, and no `str::parse` for each.
            path.push(
                bytes[i..i + d]
                    .iter()
                    .fold(0u32, |n, &b| n * 10 + u32::from(b - b'0')),
            );
            i += d;
            let dot = past_closing_emphasis(bytes, i);
            // (Only the last number's: `1**.2` is no marker.)
            if dot > i && !bytes.get(dot + 1).is_some_and(|b| b.is_ascii_digit()) {
                i = dot;
            }
            if bytes.get(i) == Some(&b'.') {
                i += 1;
                if bytes.get(i).is_some_and(|b| b.is_ascii_digit()) {
                    continue;
                }
                let glued = !after_ok(i) && path.len() == 1 && starts_sentence_case_word(&t[i..]);
                if after_ok(i) || glued {
                    let level = if path.len() == 1 {
                        Level::Clause
                    } else {
                        Level::SubClause
                    };
                    return Some(Marker {
                        level,
                        len: i,
                        style: if glued {
                            MarkerStyle::NoSpace
                        } else {
                            MarkerStyle::Canonical
                        },
                        ordinal: path.last(),
                        path: path.into_vec(),
                        letter: None,
                    });
                }
                return None;
            }
            if path.len() >= 2 && after_ok(i) {
                return Some(Marker {
                    level: Level::SubClause,
                    len: i,
                    style: MarkerStyle::NoTrailingDot,
                    ordinal: path.last(),
                    path: path.into_vec(),
                    letter: None,
                });
            }
            return None;
        }
        return None;
    }
    // Letter: `a)`, `đ)`, variants `a.`, `a/`, `a/.`
    if crate::text::is_lower(first) && crate::text::is_letter(first) {
        let l = past_closing_emphasis(bytes, first.len_utf8());
        let rest = &t[l..];
        let (style, len) = if rest.starts_with(')') {
            (MarkerStyle::Canonical, l + 1)
        } else if rest.starts_with("/.") {
            (MarkerStyle::SlashDot, l + 2)
        } else if rest.starts_with('/') {
            (MarkerStyle::Slash, l + 1)
        } else if rest.starts_with('.') {
            (MarkerStyle::Dot, l + 1)
        } else {
            return None;
        };
        if !first.is_ascii() && first != 'đ' {
            return None;
        }
        // An empty item (`b)` just inserted) is still an item.
        if !after_ok(len) {
            return None;
        }
        return Some(Marker {
            level: Level::Point,
            len,
            style,
            ordinal: letter_ordinal(first),
            path: vec![],
            letter: Some(first),
        });
    }
    if matches!(first, '-' | '–' | '—' | '•') && after_ok(first.len_utf8()) {
        return Some(Marker {
            level: Level::Dash,
            len: first.len_utf8(),
            style: MarkerStyle::Canonical,
            ordinal: None,
            path: vec![],
            letter: None,
        });
    }
    if first == '+' && after_ok(1) {
        return Some(Marker {
            level: Level::Plus,
            len: 1,
            style: MarkerStyle::Canonical,
            ordinal: None,
            path: vec![],
            letter: None,
        });
    }
    None
}
