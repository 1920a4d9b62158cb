//! A cursor for the few fixed shapes the parser looks for (`Số: 11/KH-UBND`,
//! `ngày 06 tháng 11 năm 2018`, `72/2015/NĐ-CP`, …).
//!
//! These shapes were regular expressions. The regex crate's engines and Unicode
//! tables were a third of the app's wasm, and the patterns are small enough to be
//! read by hand in one pass. Each matcher names the regex it stands for in its doc
//! comment, and `pattern_tests` checks it against that regex on generated text
//! (the regex crate is a dev-dependency only).

// Case-insensitive matching lower-cases one character for one, as `(?i)` does.
use crate::text::lower_of;

/// A position in a text, moved forward by the `eat_*` methods. A method that does
/// not match leaves the cursor where it was.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cursor<'a> {
    text: &'a str,
    pub(crate) pos: usize,
}

/// What `\w` matches: letters, digits, combining marks and `_`.
pub(crate) fn is_word_char(c: char) -> bool {
    crate::text::is_letter_or_digit(c) || c == '_' || ('\u{300}'..='\u{36f}').contains(&c)
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Self { text, pos: 0 }
    }

    pub(crate) fn at(text: &'a str, pos: usize) -> Self {
        Self { text, pos }
    }

    /// The whole text the cursor moves over.
    pub(crate) fn haystack(&self) -> &'a str {
        self.text
    }

    pub(crate) fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or("")
    }

    pub(crate) fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// The char before the cursor.
    pub(crate) fn prev(&self) -> Option<char> {
        self.text.get(..self.pos)?.chars().next_back()
    }

    pub(crate) fn eat(&mut self, want: char) -> bool {
        self.eat_if(|c| c == want)
    }

    pub(crate) fn eat_if(&mut self, f: impl Fn(char) -> bool) -> bool {
        match self.peek() {
            Some(c) if f(c) => {
                self.pos += c.len_utf8();
                true
            }
            _ => false,
        }
    }

    /// `lit`, exactly.
    pub(crate) fn eat_str(&mut self, lit: &str) -> bool {
        if self.rest().starts_with(lit) {
            self.pos += lit.len();
            true
        } else {
            false
        }
    }

    /// `lit` (written in lower case) in any case, as `(?i)lit`.
    pub(crate) fn eat_ci(&mut self, lit: &str) -> bool {
        let mut chars = self.rest().char_indices();
        for want in lit.chars() {
            match chars.next() {
                // Most text is in the literal's case already: equal, no mapping.
                Some((_, c)) if c == want || lower_of(c) == want => {}
                _ => return false,
            }
        }
        self.pos += chars.next().map_or(self.rest().len(), |(i, _)| i);
        true
    }

    /// The first of `lits` that matches here, case-insensitively (an alternation).
    pub(crate) fn eat_any_ci(&mut self, lits: &[&str]) -> Option<usize> {
        lits.iter().position(|lit| self.eat_ci(lit))
    }

    /// Chars while `f` holds, at most `max`; returns how many.
    pub(crate) fn eat_while(&mut self, max: usize, f: impl Fn(char) -> bool) -> usize {
        let mut n = 0;
        while n < max && self.eat_if(&f) {
            n += 1;
        }
        n
    }

    /// `\s*`; returns whether any white space was there (`\s+`).
    pub(crate) fn eat_ws(&mut self) -> bool {
        self.eat_while(usize::MAX, char::is_whitespace) > 0
    }

    /// `[0-9]{min,max}`, greedy; the byte range taken.
    pub(crate) fn digits(&mut self, min: usize, max: usize) -> Option<std::ops::Range<usize>> {
        let start = self.pos;
        let n = self.eat_while(max, |c| c.is_ascii_digit());
        if n < min {
            self.pos = start;
            return None;
        }
        Some(start..self.pos)
    }
}

/// Every match of `at`, tried at each byte of `text` that `first` accepts, leftmost
/// first and without overlap (as a regex's `find_iter`). `first` sees ASCII bytes
/// only: every shape here starts with an ASCII character. `at` returns what it
/// found and the byte where its match ends.
pub(crate) fn search<'a, T>(
    text: &'a str,
    first: impl Fn(u8) -> bool + 'a,
    at: impl Fn(Cursor<'a>) -> Option<(T, usize)> + 'a,
) -> impl Iterator<Item = (usize, T, usize)> + 'a {
    // `position` over a slice compiles to a tight loop: most bytes are no candidate.
    search_from(text, move |b| b.iter().position(|&c| first(c)), at)
}

/// [`search`] for a shape that starts with one byte, found with `memchr` (a search
/// over a whole text).
pub(crate) fn search_byte<'a, T>(
    text: &'a str,
    first: u8,
    at: impl Fn(Cursor<'a>) -> Option<(T, usize)> + 'a,
) -> impl Iterator<Item = (usize, T, usize)> + 'a {
    search_from(text, move |b| memchr::memchr(first, b), at)
}

/// The matches of `at` where `next` (the first candidate in a slice) points.
fn search_from<'a, T>(
    text: &'a str,
    next: impl Fn(&[u8]) -> Option<usize> + 'a,
    at: impl Fn(Cursor<'a>) -> Option<(T, usize)> + 'a,
) -> impl Iterator<Item = (usize, T, usize)> + 'a {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let bytes = text.as_bytes();
        while pos < bytes.len() {
            let i = pos + next(&bytes[pos..])?;
            pos = i + 1;
            if let Some((found, end)) = at(Cursor::at(text, i)) {
                pos = end.max(i + 1);
                return Some((i, found, end));
            }
        }
        None
    })
}

/// An ASCII byte test for `search`: one of `letters` (lower case) in any case.
pub(crate) fn starts_with_letter_of(letters: &'static [u8]) -> impl Fn(u8) -> bool {
    move |b| letters.contains(&b.to_ascii_lowercase())
}

/// Checks a hand-written matcher against the regex it replaces, on texts made of
/// the words and signs these shapes are built of (with shifted case, doubled
/// spaces and line breaks), and on real examples.
#[cfg(test)]
pub(crate) mod differential {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestCaseError, TestRunner};
    use std::ops::Range;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Signs and figures every shape is tried with; each check adds its own words.
    const COMMON: &[&str] = &[
        " ", " ", "  ", "\n", "\t", ",", ".", "/", "-", ":", "(", ")", "x", "Đ", "0", "1", "4",
        "12", "06", "123", "2023", "20231", "123456",
    ];

    /// A start cut from one of the examples (often nothing), then tokens: near
    /// misses of real shapes as well as noise.
    fn texts(
        words: &'static [&'static str],
        examples: Vec<String>,
    ) -> impl Strategy<Value = String> {
        let tokens: Vec<&'static str> = COMMON.iter().chain(words).copied().collect();
        let mut starts = examples;
        starts.push(String::new());
        (
            prop::sample::select(starts),
            any::<prop::sample::Index>(),
            prop::collection::vec(prop::sample::select(tokens), 0..14),
        )
            .prop_map(|(start, cut, tail)| {
                let chars: Vec<char> = start.chars().collect();
                let kept = if chars.is_empty() {
                    0
                } else {
                    chars.len() - cut.index(chars.len() / 2 + 1)
                };
                let mut t: String = chars[..kept].iter().collect();
                t.push_str(&tail.concat());
                t
            })
    }

    pub(crate) type Groups = Vec<Option<Range<usize>>>;

    /// Every match of `re` (as `find_iter`): start, the groups after the whole, end.
    pub(crate) fn regex_all(re: &regex::Regex, t: &str) -> Vec<(usize, Groups, usize)> {
        re.captures_iter(t)
            .map(|c| {
                let whole = c.get(0).map_or(0..0, |m| m.range());
                let groups = (1..c.len()).map(|i| c.get(i).map(|m| m.range())).collect();
                (whole.start, groups, whole.end)
            })
            .collect()
    }

    /// Runs `same` (which compares the two and says whether anything matched) on
    /// `examples` and on generated texts. Fails if nothing ever matched: a check
    /// that never sees a match proves nothing.
    pub(crate) fn check(
        pattern: &str,
        words: &'static [&'static str],
        examples: &[&str],
        same: impl Fn(&regex::Regex, &str) -> Result<bool, String>,
    ) {
        let re = regex::Regex::new(pattern).expect("valid regex");
        let hits = AtomicUsize::new(0);
        let run = |t: &str| -> Result<(), TestCaseError> {
            match same(&re, t) {
                Ok(true) => {
                    hits.fetch_add(1, Ordering::Relaxed);
                    Ok(())
                }
                Ok(false) => Ok(()),
                Err(e) => Err(TestCaseError::fail(format!("{e} on {t:?}"))),
            }
        };
        for t in examples {
            if let Err(e) = run(t) {
                panic!("{pattern}: {e}");
            }
        }
        let mut runner = TestRunner::new(Config {
            cases: 3000,
            failure_persistence: None,
            ..Config::default()
        });
        if let Err(e) = runner.run(
            &texts(words, examples.iter().map(|e| e.to_string()).collect()),
            |t| run(&t),
        ) {
            panic!("{pattern}: {e}");
        }
        // Most generated texts hold no match; a fair share must, or the check is weak.
        let hits = hits.load(Ordering::Relaxed);
        assert!(hits >= 100, "{pattern}: only {hits} texts matched");
    }

    /// Compares all matches found by `search`-style code with the regex's.
    pub(crate) fn same_all(
        re: &regex::Regex,
        t: &str,
        ours: Vec<(usize, Groups, usize)>,
    ) -> Result<bool, String> {
        same(&ours, &regex_all(re, t))
    }

    /// Whether our matches are the regex's (`Err` says how they differ), and whether
    /// there were any: what a `check` closure returns.
    pub(crate) fn same<T: PartialEq + std::fmt::Debug>(
        ours: &[T],
        theirs: &[T],
    ) -> Result<bool, String> {
        if ours == theirs {
            Ok(!ours.is_empty())
        } else {
            Err(format!("ours {ours:?}, regex {theirs:?}"))
        }
    }

    /// `search`'s matches of a matcher that gives `N` ranges, in `regex_all`'s form.
    pub(crate) fn as_groups<const N: usize>(
        found: impl Iterator<Item = (usize, [Range<usize>; N], usize)>,
    ) -> Vec<(usize, Groups, usize)> {
        found
            .map(|(s, g, e)| (s, g.into_iter().map(Some).collect(), e))
            .collect()
    }
}
