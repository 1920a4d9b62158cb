//! Source text, byte spans and the line/cell view the parser works on.
//!
//! Every structure the parser builds points back into the original text with a
//! [`Span`] of byte offsets. Line and column (1-based, columns counted in Unicode
//! scalar values) are computed from a [`LineIndex`] only when a range is shown, so
//! the hot path stays on byte offsets.
//!
//! Pasted text is noisy: leading tabs and pdftotext indentation, Markdown marks,
//! table pipes, no-break and zero-width spaces. [`LineView`] gives each physical line
//! a `content` span with that noise trimmed and `cells`: the columns of a two-column
//! header or footer flattened onto one line (split by `|`, a tab or a run of spaces).
//! Both are sub-spans of the original line, so findings still point at real text.

use crate::text::floor_char_boundary;
use serde::{Deserialize, Serialize};

#[cfg(any(
    all(target_arch = "x86_64", target_feature = "sse2"),
    all(target_arch = "wasm32", target_feature = "simd128")
))]
mod wide;

/// Without SIMD lanes (the page's wasm) every byte goes through the byte loop.
#[cfg(not(any(
    all(target_arch = "x86_64", target_feature = "sse2"),
    all(target_arch = "wasm32", target_feature = "simd128")
)))]
mod wide {
    pub(super) fn scan_blocks(b: &[u8]) -> (u16, usize, &[u8]) {
        (0, 0, b)
    }
}

/// A half-open range of byte offsets into the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl crate::json::FromJson for Span {
    fn from_json(value: &crate::json::Value<'_>) -> Result<Self, crate::json::Error> {
        Ok(Span {
            start: crate::json::field(value, "start")?,
            end: crate::json::field(value, "end")?,
        })
    }
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The text under the span; empty when the span does not fit the text.
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        src.get(self.start..self.end).unwrap_or("")
    }
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A position shown to people: 1-based line and column (in Unicode scalar values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// A span together with its line/column form, as stored in the plan model and JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRange {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl SourceRange {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// Maps byte offsets to line/column. Built once per text in O(n).
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts.
    starts: Vec<usize>,
    /// The line that holds each LINE_BLOCK-th byte: an offset's line is searched for
    /// among the few lines of its block, not among all (a binary search over the
    /// starts of a 1 MB text missed the cache at each step, for every field).
    line_of_block: Vec<u32>,
    /// Characters before each CHUNK-byte boundary: a column is counted from the
    /// nearest boundary, not from the line's start. A paragraph is one line of a
    /// few hundred bytes and every field in it asks for its column; a 1 MB line
    /// with thousands of findings stays linear.
    chars_before: Vec<u32>,
}

/// Small enough that a column costs a few dozen bytes counted; the checkpoints
/// take 1/16 of the text's size.
const CHUNK: usize = 64;

/// A block of bytes whose first line is kept (`LineIndex::line_of_block`): about
/// four lines of a plan, 1/64 of the text's size.
const LINE_BLOCK: usize = 256;

/// Characters (UTF-8 lead bytes) in a byte slice: its length less its continuation
/// bytes (`10xxxxxx`), counted eight at a time (the index counts the whole text).
pub(crate) fn count_chars(b: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let (words, remainder) = b.as_chunks::<8>();
    let mut continuation = 0;
    // Each byte's count in its own lane, summed across the lanes once per 31 words
    // (a lane holds at most 31, the eight at most 248: the multiply's top byte is
    // their sum). A `count_ones` per word cost four times as much without `popcnt`.
    for group in words.chunks(31) {
        let mut lanes = 0u64;
        for w in group {
            let x = u64::from_le_bytes(*w);
            // Bit 7 set and bit 6 clear, in each byte (shifting moves bit 6 onto bit 7
            // of the same byte), as 1 in the byte.
            lanes += (x & !(x << 1) & HIGH) >> 7;
        }
        continuation += (lanes.wrapping_mul(ONES) >> 56) as usize;
    }
    continuation += remainder.iter().filter(|&&x| x & 0xC0 == 0x80).count();
    b.len() - continuation
}

impl LineIndex {
    pub fn new(src: &str) -> Self {
        let mut starts = vec![0];
        for_each_break(src.as_bytes(), |_, next_line| starts.push(next_line));
        Self::with_starts(src, starts)
    }

    /// The index of the text `lines` are the views of (`line_views(src)`): its line
    /// starts are theirs, not searched for again.
    pub fn from_lines(src: &str, lines: &[LineView]) -> Self {
        Self::with_starts(src, lines.iter().map(|l| l.span.start).collect())
    }

    fn with_starts(src: &str, starts: Vec<usize>) -> Self {
        let bytes = src.as_bytes();
        let chars_before = std::iter::once(0)
            .chain(bytes.chunks(CHUNK).scan(0u32, |acc, c| {
                // Wraps only past 4 G characters: columns there are wrong, not a panic.
                *acc = acc.wrapping_add(count_chars(c) as u32);
                Some(*acc)
            }))
            .collect();
        let mut line_of_block = Vec::with_capacity(bytes.len() / LINE_BLOCK + 2);
        let mut line = 0;
        for at in (0..=bytes.len() + LINE_BLOCK).step_by(LINE_BLOCK) {
            while starts.get(line + 1).is_some_and(|&s| s <= at) {
                line += 1;
            }
            line_of_block.push(u32::try_from(line).unwrap_or(u32::MAX));
        }
        LineIndex {
            starts,
            line_of_block,
            chars_before,
        }
    }

    /// The 0-based line that holds `offset` (a character boundary within the text).
    fn line_of(&self, offset: usize) -> usize {
        let block = offset / LINE_BLOCK;
        let line_at = |b: usize| self.line_of_block.get(b).map(|&l| l as usize);
        let last = self.starts.len() - 1;
        let lo = line_at(block).unwrap_or(0).min(last);
        let hi = line_at(block + 1).unwrap_or(last).min(last);
        // starts[lo] <= offset, so at least one start is counted.
        (lo + self.starts[lo..=hi].partition_point(|&s| s <= offset)).saturating_sub(1)
    }

    /// Characters in `src[..at]`.
    fn chars_upto(&self, src: &str, at: usize) -> usize {
        let k = at / CHUNK;
        let base = self.chars_before.get(k).copied().unwrap_or(0) as usize;
        base + count_chars(src.as_bytes().get(k * CHUNK..at).unwrap_or(&[]))
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Start offset of the 0-based line `idx`.
    pub fn line_start(&self, idx: usize) -> usize {
        self.starts.get(idx).copied().unwrap_or(0)
    }

    /// 1-based line and column of a byte offset (clamped into the text and onto a
    /// character boundary).
    pub fn line_col(&self, src: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(src, offset);
        let line = self.line_of(offset);
        let start = self.starts[line];
        // Most lines are short: count from the line's start; on a long line, from the
        // nearest checkpoint.
        let column = if offset - start <= 2 * CHUNK {
            count_chars(&src.as_bytes()[start..offset]) + 1
        } else {
            self.chars_upto(src, offset)
                .wrapping_sub(self.chars_upto(src, start))
                .wrapping_add(1)
        };
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// Byte offset of a 1-based line and column; `None` when out of range.
    pub fn offset(&self, src: &str, pos: LineCol) -> Option<usize> {
        let start = *self.starts.get(pos.line.checked_sub(1)?)?;
        let line_end = self
            .starts
            .get(pos.line)
            .copied()
            .unwrap_or(src.len())
            .min(src.len());
        let mut col = 1;
        for (i, _) in src[start..line_end].char_indices() {
            if col == pos.column {
                return Some(start + i);
            }
            col += 1;
        }
        (col == pos.column).then_some(line_end)
    }

    pub fn range(&self, src: &str, span: Span) -> SourceRange {
        self.range_from(src, span, self.line_col(src, span.start))
    }

    /// The range of `span`, which starts after `prev` ends: on the line `prev` ends
    /// on, its column counted on from there. A row's cells are read left to right,
    /// each a few bytes after the last; searching the lines again for each cost more
    /// than reading the cell.
    pub fn range_after(&self, src: &str, prev: &SourceRange, span: Span) -> SourceRange {
        let from = floor_char_boundary(src, prev.end);
        let at = floor_char_boundary(src, span.start);
        let next_line = self
            .starts
            .get(prev.end_line)
            .copied()
            .unwrap_or(usize::MAX);
        if from <= at && at < next_line && at - from <= 2 * CHUNK {
            let start = LineCol {
                line: prev.end_line,
                column: prev.end_column + count_chars(&src.as_bytes()[from..at]),
            };
            self.range_from(src, span, start)
        } else {
            self.range(src, span)
        }
    }

    /// The range of `span` whose start is at `a`.
    fn range_from(&self, src: &str, span: Span, a: LineCol) -> SourceRange {
        // Most spans end on the line they start on: count on from the start rather
        // than search the lines again (every field of every table cell comes here).
        let from = floor_char_boundary(src, span.start);
        let to = floor_char_boundary(src, span.end);
        let next_line = self.starts.get(a.line).copied().unwrap_or(usize::MAX);
        let b = if from <= to && to < next_line && to - from <= 2 * CHUNK {
            LineCol {
                line: a.line,
                column: a.column + count_chars(&src.as_bytes()[from..to]),
            }
        } else {
            self.line_col(src, span.end)
        };
        SourceRange {
            start: span.start,
            end: span.end,
            line: a.line,
            column: a.column,
            end_line: b.line,
            end_column: b.column,
        }
    }
}

/// Characters that count as white space in pasted text, beyond ASCII.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// Zero-width and other invisible characters Word and PDFs leave behind.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'
            | '\u{200C}'
            | '\u{200D}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{00AD}'
            | '\u{0800}'
            | '\u{1100}'
    )
}

/// One physical line with its noise-trimmed content and its cells.
#[derive(Debug, Clone)]
pub struct LineView {
    /// 0-based line number.
    pub idx: usize,
    /// The whole line without its line break.
    pub span: Span,
    /// The line with surrounding white space and Markdown marks trimmed.
    pub content: Span,
    /// Columns of the line (split on `|`, tabs or runs of 3+ spaces), each trimmed
    /// like `content`; empty cells are dropped.
    pub cells: Cells,
    /// Which marks the line holds, found as it is read: the later passes skip a
    /// line that holds none of theirs instead of scanning it again.
    pub marks: LineMarks,
}

/// A line's cells: none, one (most lines: the content; kept inline, so reading a
/// line allocates nothing), or several. Reads as a slice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Cells {
    #[default]
    None,
    One(Span),
    Many(Vec<Span>),
}

impl Cells {
    /// A cell of one piece, or of none when the piece is empty (a cell a row's
    /// separators leave empty).
    pub fn of_piece(piece: Span) -> Cells {
        if piece.is_empty() {
            Cells::None
        } else {
            Cells::One(piece)
        }
    }

    /// Moves `other`'s pieces to the end of these, leaving `other` empty.
    pub fn append(&mut self, other: &mut Cells) {
        self.extend(std::mem::take(other));
    }

    pub fn push(&mut self, cell: Span) {
        *self = match std::mem::take(self) {
            Cells::None => Cells::One(cell),
            Cells::One(first) => Cells::Many(vec![first, cell]),
            Cells::Many(mut all) => {
                all.push(cell);
                Cells::Many(all)
            }
        };
    }
}

impl std::ops::Deref for Cells {
    type Target = [Span];
    fn deref(&self) -> &[Span] {
        match self {
            Cells::None => &[],
            Cells::One(cell) => std::slice::from_ref(cell),
            Cells::Many(all) => all,
        }
    }
}

/// A line's cells by value (see [`Cells`]).
pub enum CellsIntoIter {
    Inline(Option<Span>),
    Many(std::vec::IntoIter<Span>),
}

impl Iterator for CellsIntoIter {
    type Item = Span;
    fn next(&mut self) -> Option<Span> {
        match self {
            CellsIntoIter::Inline(cell) => cell.take(),
            CellsIntoIter::Many(all) => all.next(),
        }
    }
}

impl IntoIterator for Cells {
    type Item = Span;
    type IntoIter = CellsIntoIter;
    fn into_iter(self) -> CellsIntoIter {
        match self {
            Cells::None => CellsIntoIter::Inline(None),
            Cells::One(cell) => CellsIntoIter::Inline(Some(cell)),
            Cells::Many(all) => CellsIntoIter::Many(all.into_iter()),
        }
    }
}

impl From<Vec<Span>> for Cells {
    fn from(all: Vec<Span>) -> Self {
        match all.len() {
            0 => Cells::None,
            1 => Cells::One(all[0]),
            _ => Cells::Many(all),
        }
    }
}

impl Extend<Span> for Cells {
    fn extend<I: IntoIterator<Item = Span>>(&mut self, cells: I) {
        for cell in cells {
            self.push(cell);
        }
    }
}

impl<'a> Extend<&'a Span> for Cells {
    fn extend<I: IntoIterator<Item = &'a Span>>(&mut self, cells: I) {
        self.extend(cells.into_iter().copied());
    }
}

impl FromIterator<Span> for Cells {
    fn from_iter<I: IntoIterator<Item = Span>>(cells: I) -> Self {
        let mut all = Cells::None;
        all.extend(cells);
        all
    }
}

impl<'a> IntoIterator for &'a Cells {
    type Item = &'a Span;
    type IntoIter = std::slice::Iter<'a, Span>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// [`LineMarks`] bits (the low twelve) and a class in the top four.
const MARKS: u16 = (1 << 12) - 1;
const SPACE: u16 = 1;
const PUNCT: u16 = 2;
const LETTER: u16 = 3;

/// Each byte's own marks and its class (other, space, `,;:.`, letter).
const BYTE: [u16; 256] = {
    let mut t = [0u16; 256];
    let mut c = 0;
    while c < 256 {
        let byte = c as u8;
        if byte.is_ascii_alphabetic() || byte >= 0x80 {
            t[c] = LETTER << 12;
        }
        c += 1;
    }
    t[b' ' as usize] = SPACE << 12;
    t[b',' as usize] = PUNCT << 12;
    t[b';' as usize] = PUNCT << 12;
    t[b':' as usize] = PUNCT << 12;
    t[b'.' as usize] = PUNCT << 12;
    t[b'|' as usize] = LineMarks::PIPE;
    t[b'\t' as usize] = LineMarks::TAB;
    t[b'*' as usize] = LineMarks::EMPHASIS;
    t[b'_' as usize] = LineMarks::EMPHASIS;
    t[b'`' as usize] = LineMarks::BACKTICK;
    t[b'(' as usize] = LineMarks::BRACKET;
    t[b')' as usize] = LineMarks::BRACKET;
    t[b'"' as usize] = LineMarks::BRACKET;
    t[0x0C] = LineMarks::FORM_FEED;
    t[0xC2] = LineMarks::LEAD_C2 | LETTER << 12;
    t[0xE2] = LineMarks::LEAD_E2 | LETTER << 12;
    t[b'#' as usize] = LineMarks::HASH;
    t
};

/// The bytes of a line that some pass looks for, one bit each, from one pass over
/// the line ([`LineMarks::scan`]). Most lines of a plan hold none but spaces.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LineMarks(u16);

impl LineMarks {
    pub const PIPE: u16 = 1;
    pub const TAB: u16 = 1 << 1;
    /// `*` or `_`: emphasis or a Markdown bullet.
    pub const EMPHASIS: u16 = 1 << 2;
    pub const BACKTICK: u16 = 1 << 3;
    /// `(`, `)` or `"`.
    pub const BRACKET: u16 = 1 << 4;
    pub const FORM_FEED: u16 = 1 << 5;
    /// 0xC2: the lead byte of a no-break space (and other Latin-1 signs).
    pub const LEAD_C2: u16 = 1 << 6;
    /// 0xE2: the lead byte of curly quotes, dashes, zero-width spaces.
    pub const LEAD_E2: u16 = 1 << 7;
    /// A run of three spaces or more (a column break).
    pub const SPACES3: u16 = 1 << 8;
    /// Two spaces in a row.
    pub const SPACES2: u16 = 1 << 9;
    /// `#`: a Markdown heading.
    pub const HASH: u16 = 1 << 10;
    /// `,;:.` after a space, or before a letter: spacing to look at.
    pub const PUNCT_SPACING: u16 = 1 << 11;

    /// One pass: sixteen bytes at a time where the target has SIMD lanes
    /// ([`wide`]), then byte by byte ([`LineMarks::scan_bytes`]) for the rest.
    pub fn scan(b: &[u8]) -> Self {
        let (marks, before, rest) = wide::scan_blocks(b);
        let mut marks = Self::scan_bytes(rest, marks, before);
        // Three spaces only where there are two (a few lines): searched for apart.
        if marks & LineMarks::SPACES2 != 0 && memchr::memmem::find(b, b"   ").is_some() {
            marks |= LineMarks::SPACES3;
        }
        LineMarks(marks)
    }

    /// The marks of `b` or-ed into `marks`, the byte before `b` being of class
    /// `before`, without a branch per byte: each byte gives its own marks and its
    /// class (other, space, `,;:.`, letter); the classes of two bytes in a row give
    /// the marks of runs (two spaces, spacing around punctuation).
    fn scan_bytes(b: &[u8], mut marks: u16, mut before: usize) -> u16 {
        // By the classes of two bytes in a row (the first in the high nibble). A
        // byte's work waits on no arithmetic of the byte before's, only on its class.
        const PAIR: [u16; 256] = {
            let mut t = [0u16; 256];
            let mut w = 0;
            while w < 256 {
                let (first, second) = ((w >> 4) as u16, (w & 15) as u16);
                if first == SPACE && second == SPACE {
                    t[w] |= LineMarks::SPACES2;
                }
                if (first == SPACE && second == PUNCT) || (first == PUNCT && second == LETTER) {
                    t[w] |= LineMarks::PUNCT_SPACING;
                }
                w += 1;
            }
            t
        };
        for &c in b {
            let e = BYTE[c as usize];
            let class = usize::from(e >> 12);
            marks |= (e & MARKS) | PAIR[before << 4 | class];
            before = class;
        }
        marks
    }

    /// Whether the line holds any of `marks` (bits or-ed together).
    pub fn any(self, marks: u16) -> bool {
        self.0 & marks != 0
    }
}

impl LineView {
    pub fn is_blank(&self) -> bool {
        self.content.is_empty()
    }
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        self.content.text(src)
    }
}

/// Splits text into line views. Line breaks are `\n`, `\r\n`, `\r` and the form feed
/// (a page break in pdftotext output). Linear in the text size.
pub fn line_views(src: &str) -> Vec<LineView> {
    // Sized once from the `\n` line breaks (counted many bytes at a time; a text
    // broken by `\r` alone grows as before): grown by doubling, a text of short
    // lines copied its table of views over and over.
    let mut out = Vec::with_capacity(memchr::memchr_iter(b'\n', src.as_bytes()).count() + 1);
    for_each_line(src, |idx, span| out.push(view(src, idx, span)));
    out
}

/// The line views of `read`, a text of the same length as `text` whose lines
/// `physical` are (the first pass's reading text): a line that is the same line with
/// the same bytes in both takes its view from `physical` instead of reading it again
/// (most lines of a document). `joins` are the gaps where the first pass joined two
/// lines (in order): read as spaces, a gap of three or more is no column break.
pub fn line_views_reusing(
    read: &str,
    text: &str,
    physical: &[LineView],
    joins: &[Span],
) -> Vec<LineView> {
    let mut out = Vec::with_capacity(physical.len());
    let mut p = 0;
    let mut j = 0;
    for_each_line(read, |idx, span| {
        while j < joins.len() && joins[j].end <= span.start {
            j += 1;
        }
        let joins_here =
            &joins[j..j + joins[j..].iter().take_while(|g| g.start < span.end).count()];
        while p < physical.len() && physical[p].span.start < span.start {
            p += 1;
        }
        let same = physical.get(p).filter(|v| {
            v.span == span
                && read.as_bytes().get(span.start..span.end)
                    == text.as_bytes().get(span.start..span.end)
        });
        out.push(match same {
            Some(v) => LineView { idx, ..v.clone() },
            None if read.as_bytes()[span.start..span.end]
                .iter()
                .all(|&b| b == b' ') =>
            {
                blank_view(idx, span)
            }
            None => {
                let mut v = view(read, idx, span);
                if !joins_here.is_empty() {
                    join_cells(read, &mut v.cells, joins_here);
                }
                v
            }
        });
    });
    out
}

/// Cells apart only by spaces that hold a joined line break are one cell: the
/// spaces stand for the break (and the indent of the line below), not a column.
fn join_cells(read: &str, cells: &mut Cells, joins: &[Span]) {
    let all = match std::mem::take(cells) {
        Cells::Many(all) => all,
        fewer => {
            *cells = fewer;
            return;
        }
    };
    for cell in all {
        let prev = match cells {
            Cells::None => None,
            Cells::One(last) => Some(last),
            Cells::Many(v) => v.last_mut(),
        };
        let between = prev.as_ref().map(|last| Span::new(last.end, cell.start));
        let across_join = between.is_some_and(|b| {
            b.text(read).bytes().all(|c| c == b' ')
                && joins.iter().any(|g| g.start < b.end && b.start < g.end)
        });
        match prev {
            Some(last) if across_join => last.end = cell.end,
            _ => cells.push(cell),
        }
    }
}

/// Calls `f` with each line's number and span (without its line break).
fn for_each_line(src: &str, mut f: impl FnMut(usize, Span)) {
    let mut start = 0;
    let mut idx = 0;
    for_each_break(src.as_bytes(), |end, next_line| {
        f(idx, Span::new(start, end));
        idx += 1;
        start = next_line;
    });
    f(idx, Span::new(start, src.len()));
}

/// Calls `f` with where each line break (`\n`, `\r\n` or `\r`) starts and where the
/// next line starts. Found with `memchr`, many bytes at a time: every text is split
/// into lines several times.
fn for_each_break(bytes: &[u8], mut f: impl FnMut(usize, usize)) {
    let is_break = |b: &u8| *b == b'\n' || *b == b'\r';
    let mut i = 0;
    while i < bytes.len() {
        // A short line's break is found by hand: memchr pays off on longer ones.
        let rest = &bytes[i..];
        let Some(k) = rest[..rest.len().min(16)]
            .iter()
            .position(is_break)
            .or_else(|| memchr::memchr2(b'\n', b'\r', rest))
        else {
            break;
        };
        let at = i + k;
        i = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
            at + 2
        } else {
            at + 1
        };
        f(at, i);
    }
}

/// `view` of a line of spaces (a line the first pass blanked: a `|`, marks, page
/// chrome), without reading it: `trim_noise` stops halfway, taking one space from
/// each end in turn, and there are no cells.
fn blank_view(idx: usize, span: Span) -> LineView {
    let middle = span.start + span.len().div_ceil(2);
    LineView {
        idx,
        span,
        content: Span::new(middle, middle),
        cells: Cells::None,
        marks: LineMarks(match span.len() {
            0 | 1 => 0,
            2 => LineMarks::SPACES2,
            _ => LineMarks::SPACES2 | LineMarks::SPACES3,
        }),
    }
}

fn view(src: &str, idx: usize, span: Span) -> LineView {
    let content = trim_noise(src, span);
    let mut cells = Cells::None;
    let bytes = span.text(src).as_bytes();
    let marks = LineMarks::scan(bytes);
    if content.is_empty()
        && bytes
            .iter()
            .all(|b| matches!(b, b'|' | b' ' | b'*' | b'\t'))
    {
        // `|`, `| |`, `* *`: every cell would be spaces and marks, trimmed away.
    } else if marks.any(CELL_BREAKS) {
        // The split's own list becomes the cells (no second list built cell by cell).
        let mut parts = split_cells(src, span, marks);
        parts.retain_mut(|part| {
            *part = trim_noise(src, *part);
            !part.is_empty() && !is_table_rule(part.text(src))
        });
        cells = Cells::from(parts);
    } else if !content.is_empty() {
        // No separator at all: one cell, the line's content (what the split gives).
        cells.push(content);
    }
    LineView {
        idx,
        span,
        content,
        cells,
        marks,
    }
}

/// The bytes [`split_cells`] splits at: a pipe, a tab, a form feed, a no-break
/// space's lead byte or a run of three spaces. Most lines have none.
const CELL_BREAKS: u16 = LineMarks::PIPE
    | LineMarks::TAB
    | LineMarks::FORM_FEED
    | LineMarks::LEAD_C2
    | LineMarks::SPACES3;

/// [`CELL_BREAKS`] by a scan of its own (the first way, kept to check the marks).
#[cfg(test)]
fn may_have_cells(b: &[u8]) -> bool {
    let mut spaces = 0;
    for &c in b {
        match c {
            b'|' | b'\t' | 0x0C | 0xC2 => return true,
            b' ' => {
                spaces += 1;
                if spaces == 3 {
                    return true;
                }
            }
            _ => spaces = 0,
        }
    }
    false
}

/// `|---|---|` separator rows of Markdown tables.
fn is_table_rule(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| matches!(c, '-' | ':' | '|' | ' '))
        && s.contains("--")
        && s.contains('|')
}

/// The line's columns: split at each `|` (found with `memchr`) where that is all
/// its marks may split at (a Markdown table's row); otherwise byte by byte.
fn split_cells(src: &str, span: Span, marks: LineMarks) -> Vec<Span> {
    const OTHER_BREAKS: u16 = CELL_BREAKS & !LineMarks::PIPE;
    if marks.any(OTHER_BREAKS) {
        return split_cells_bytewise(src, span);
    }
    let mut parts = Vec::with_capacity(8);
    let mut cell_start = span.start;
    for at in memchr::memchr_iter(b'|', span.text(src).as_bytes()) {
        parts.push(Span::new(cell_start, span.start + at));
        cell_start = span.start + at + 1;
    }
    parts.push(Span::new(cell_start, span.end));
    parts
}

/// Split at `|`, tabs, form feeds and runs of three spaces (a no-break space counts
/// as one), a byte at a time.
fn split_cells_bytewise(src: &str, span: Span) -> Vec<Span> {
    /// The bytes the loop below acts on: separators, spaces and a no-break
    /// space's lead byte. Any other byte outside a run of spaces changes nothing.
    const SPLITS_OR_SPACES: [bool; 256] = {
        let mut t = [false; 256];
        t[b'|' as usize] = true;
        t[b'\t' as usize] = true;
        t[0x0C] = true;
        t[b' ' as usize] = true;
        t[0xC2] = true;
        t
    };
    let line = span.text(src);
    let b = line.as_bytes();
    let mut parts = Vec::new();
    let mut cell_start = 0;
    let mut spaces_from: Option<usize> = None;
    let mut space_run = 0;
    let mut i = 0;
    // Bytes, not chars: every separator is ASCII except the no-break space (C2 A0),
    // and UTF-8 continuation bytes never look like either.
    while i < b.len() {
        // Outside a run of spaces, the bytes up to the next that may split or start
        // a run are passed over at once (a line's words; the loop's work is for
        // its spaces and separators).
        if space_run == 0 {
            i += b[i..]
                .iter()
                .take_while(|&&c| !SPLITS_OR_SPACES[c as usize])
                .count();
            if i == b.len() {
                break;
            }
        }
        let c = b[i];
        let width = if c == 0xC2 && b.get(i + 1) == Some(&0xA0) {
            2
        } else {
            1
        };
        if c == b'|' || c == b'\t' || c == 0x0C {
            parts.push((cell_start, i));
            cell_start = i + 1;
            spaces_from = None;
            space_run = 0;
        } else if c == b' ' || width == 2 {
            if spaces_from.is_none() {
                spaces_from = Some(i);
            }
            space_run += 1;
        } else {
            if space_run >= 3 {
                if let Some(s) = spaces_from {
                    if !is_fill_in_blank(&line[cell_start..s], &line[i..])
                        && !is_marker_only(&line[cell_start..s])
                    {
                        parts.push((cell_start, s));
                        cell_start = i;
                    }
                }
            }
            spaces_from = None;
            space_run = 0;
        }
        i += width;
    }
    parts.push((cell_start, line.len()));
    parts
        .into_iter()
        .map(|(a, b)| Span::new(span.start + a, span.start + b))
        .collect()
}

/// A list marker alone (`-`, `*`, `a)`, `1.`): the spaces after it indent its item,
/// they do not start a column.
fn is_marker_only(before: &str) -> bool {
    let t = before.trim();
    !t.is_empty()
        && t.len() <= 6
        && (matches!(t, "-" | "+" | "*" | "•" | "–")
            || crate::markers::marker_of(t).is_some_and(|m| m.len == t.len()))
}

/// A run of spaces left for a draft's blank number or date (`Số:      /KH-UBND`,
/// `ngày    tháng    năm 2024`) is not a column break.
/// Only the last 64 bytes before the run are read: a line of many runs between
/// other white space (`\u{2003}  \u{2003}  …`) had each run trim all the white
/// space before it.
pub(crate) fn is_fill_in_blank(before: &str, after: &str) -> bool {
    let from = floor_char_boundary(before, before.len().saturating_sub(64));
    let tail = before[from..].trim_end();
    let word_at = tail.rfind(' ').map_or(0, |k| k + 1);
    // A word the window cut is no word of the list.
    let cut = word_at == 0 && from > 0 && !before[..from].ends_with(' ');
    let last_word = if cut { "" } else { &tail[word_at..] };
    matches!(last_word, "Số:" | "Số" | "ngày" | "tháng" | "năm")
        || after.starts_with('/')
        || after.starts_with("tháng")
        || after.starts_with("năm")
}

/// Trims white space, invisible characters and Markdown marks (`#`, `>`, `*`, `_`,
/// table pipes) from both ends of a span, leaving list markers (`-`, `+`) alone.
pub fn trim_noise(src: &str, span: Span) -> Span {
    let s = span.text(src);
    // Most lines and cells start and end with a letter, a digit or a stop: nothing
    // to trim, decided on a byte or two at each end. (`_`, `#` need the loop's look
    // at their runs.) Beyond ASCII a character may be a space, so only Vietnamese
    // letters are told clean, by their lead bytes: two-byte characters from U+00C0
    // (C3-DF: `à`, `Đ`, `ư`; the spaces of two bytes lead with C2) and
    // U+1E80-U+1EFF (E1 BA, E1 BB: `ế`, `ệ`, `Ủ`; E1's spaces are elsewhere).
    let clean = |b: u8| b.is_ascii_graphic() && !matches!(b, b'|' | b'>' | b'*' | b'#' | b'_');
    let clean_start = |b: &[u8]| match b {
        [first, ..] if first.is_ascii() => clean(*first),
        [0xC3..=0xDF, ..] | [0xE1, 0xBA | 0xBB, ..] => true,
        _ => false,
    };
    let clean_end = |b: &[u8]| match b {
        [.., last] if last.is_ascii() => clean(*last),
        [.., 0xC3..=0xDF, _] | [.., 0xE1, 0xBA | 0xBB, _] => true,
        _ => false,
    };
    let bytes = s.as_bytes();
    if clean_start(bytes) && clean_end(bytes) {
        return span;
    }
    // A table cell between pipes (`| Sở A |`): one space each side, then clean.
    let a = usize::from(bytes.first() == Some(&b' '));
    let b = bytes.len() - usize::from(bytes.len() > a && bytes.last() == Some(&b' '));
    if a < b && clean_start(&bytes[a..b]) && clean_end(&bytes[a..b]) {
        return Span::new(span.start + a, span.start + b);
    }
    trim_noise_slowly(s, span)
}

fn trim_noise_slowly(s: &str, span: Span) -> Span {
    let bytes = s.as_bytes();
    let mut a = 0;
    let mut b = s.len();
    // One character from each end in turn, read as a byte when it is ASCII (the
    // usual noise: `|`, `*`, spaces); a lead byte of a longer character is decoded.
    while a < b {
        let before = (a, b);
        let first = bytes[a];
        if first.is_ascii() {
            match first {
                b'|' | b'>' | b'*' => a += 1,
                _ if first.is_ascii_whitespace() || first == 0x0B => a += 1,
                b'#' => {
                    let hashes = bytes[a..b].iter().take_while(|&&x| x == b'#').count();
                    if bytes.get(a + hashes) == Some(&b' ') && a + hashes < b || a + hashes == b {
                        a += hashes;
                    } else {
                        break;
                    }
                }
                // The whole run at once: one step per underscore would rescan the rest.
                b'_' if bytes[a..b].starts_with(b"__") => {
                    a += bytes[a..b].iter().take_while(|&&x| x == b'_').count();
                }
                _ => {}
            }
        } else if let Some(c) = s[a..b].chars().next().filter(|&c| is_space(c)) {
            a += c.len_utf8();
        }
        if a < b {
            let last = bytes[b - 1];
            if last.is_ascii() {
                match last {
                    b'|' | b'*' => b -= 1,
                    _ if last.is_ascii_whitespace() || last == 0x0B => b -= 1,
                    // (A text of underscores alone was consumed from the front above.)
                    b'_' if bytes[a..b].ends_with(b"__") && bytes[a] != b'_' => {
                        b -= bytes[a..b].iter().rev().take_while(|&&x| x == b'_').count();
                    }
                    _ => {}
                }
            } else if let Some(c) = s[a..b].chars().next_back().filter(|&c| is_space(c)) {
                b -= c.len_utf8();
            }
        }
        if (a, b) == before {
            break;
        }
    }
    Span::new(span.start + a, span.start + b.max(a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// [`split_cells_bytewise`] as first written, every byte through the loop.
    fn split_cells_one_byte_at_a_time(src: &str, span: Span) -> Vec<Span> {
        let line = span.text(src);
        let b = line.as_bytes();
        let mut parts = Vec::new();
        let mut cell_start = 0;
        let mut spaces_from: Option<usize> = None;
        let mut space_run = 0;
        let mut i = 0;
        // Bytes, not chars: every separator is ASCII except the no-break space (C2 A0),
        // and UTF-8 continuation bytes never look like either.
        while i < b.len() {
            let c = b[i];
            let width = if c == 0xC2 && b.get(i + 1) == Some(&0xA0) {
                2
            } else {
                1
            };
            if c == b'|' || c == b'\t' || c == 0x0C {
                parts.push((cell_start, i));
                cell_start = i + 1;
                spaces_from = None;
                space_run = 0;
            } else if c == b' ' || width == 2 {
                if spaces_from.is_none() {
                    spaces_from = Some(i);
                }
                space_run += 1;
            } else {
                if space_run >= 3 {
                    if let Some(s) = spaces_from {
                        if !is_fill_in_blank(&line[cell_start..s], &line[i..])
                            && !is_marker_only(&line[cell_start..s])
                        {
                            parts.push((cell_start, s));
                            cell_start = i;
                        }
                    }
                }
                spaces_from = None;
                space_run = 0;
            }
            i += width;
        }
        parts.push((cell_start, line.len()));
        parts
            .into_iter()
            .map(|(a, b)| Span::new(span.start + a, span.start + b))
            .collect()
    }

    /// `trim_noise` as first written: a character at a time from each end.
    fn trim_noise_by_chars(s: &str, span: Span) -> Span {
        let mut a = 0;
        let mut b = s.len();
        loop {
            let before = (a, b);
            let t = &s[a..b];
            // Leading noise.
            if let Some(c) = t.chars().next() {
                if is_space(c) || c == '|' || c == '>' || c == '*' || c == '\u{000C}' {
                    a += c.len_utf8();
                } else if c == '#' {
                    let hashes = t.bytes().take_while(|&x| x == b'#').count();
                    if t[hashes..].starts_with(' ') || hashes == t.len() {
                        a += hashes;
                    } else {
                        break;
                    }
                } else if t.starts_with("__") {
                    // The whole run at once: one step per underscore would rescan the rest.
                    a += t.bytes().take_while(|&x| x == b'_').count();
                }
            }
            let t = &s[a..b];
            if let Some(c) = t.chars().next_back() {
                if is_space(c) || c == '|' || c == '*' {
                    b -= c.len_utf8();
                } else if t.ends_with("__") && !t.starts_with('_') {
                    // (A text of underscores alone was consumed from the front above.)
                    b -= t.bytes().rev().take_while(|&x| x == b'_').count();
                }
            }
            if (a, b) == before || a >= b {
                break;
            }
        }
        if a >= b {
            return Span::new(span.start + a.min(s.len()), span.start + a.min(s.len()));
        }
        Span::new(span.start + a, span.start + b)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn a_range_is_its_two_ends_line_and_column(
            s in "[ab\u{1ec7}\n\r ]{0,40}",
            x in 0usize..50,
            y in 0usize..50,
        ) {
            let index = LineIndex::new(&s);
            let span = Span::new(x.min(y), x.max(y));
            let r = index.range(&s, span);
            let (a, b) = (index.line_col(&s, span.start), index.line_col(&s, span.end));
            prop_assert_eq!((r.line, r.column, r.end_line, r.end_column), (a.line, a.column, b.line, b.column));
        }

        /// Columns counted from the checkpoints are the characters since the line's
        /// start, on lines longer than a checkpoint's reach too.
        #[test]
        fn a_column_is_the_characters_since_the_line_start(
            s in "[ab\u{1ec7}\u{1F600}\n\r ]{0,400}",
            x in 0usize..1200,
        ) {
            let index = LineIndex::new(&s);
            let at = floor_char_boundary(&s, x.min(s.len()));
            // (Inside a `\r\n` break the offset is its line's end: not asked here.)
            prop_assume!(!(s[..at].ends_with('\r') && s[at..].starts_with('\n')));
            let start = s[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            // A `\r\n` break: the line starts after the `\n`.
            let line = s[..start].matches('\n').count() + s[..start].matches('\r').count()
                - s[..start].matches("\r\n").count();
            let got = index.line_col(&s, at);
            prop_assert_eq!((got.line, got.column), (line + 1, s[start..at].chars().count() + 1));
        }

        /// A range counted on from the one before it is the range found afresh.
        #[test]
        fn a_range_after_another_is_the_range(
            s in "[aệ😀\n|  ]{0,60}", cuts in proptest::collection::vec(0usize..64, 4)
        ) {
            let index = LineIndex::new(&s);
            let mut at: Vec<usize> = cuts.iter().map(|&c| c.min(s.len())).collect();
            crate::order::sort(&mut at);
            let prev = index.range(&s, Span::new(at[0], at[1]));
            let span = Span::new(at[2], at[3]);
            prop_assert_eq!(index.range_after(&s, &prev, span), index.range(&s, span));
        }

        /// Splitting at the pipes alone, where the marks allow it, splits as the byte
        /// loop does.
        #[test]
        fn a_split_at_pipes_is_the_bytewise_split(s in "[|a\u{1ec7} \t\u{a0}\u{c}]{0,30}") {
            let span = Span::new(0, s.len());
            prop_assert_eq!(
                split_cells(&s, span, LineMarks::scan(s.as_bytes())),
                split_cells_bytewise(&s, span)
            );
        }

        /// Passing over a line's words at once splits where the byte loop did.
        #[test]
        fn the_bytewise_split_skips_to_what_the_loop_acts_on(
            s in "[|a\u{1ec7}\u{c2}\u{a0}\u{a9} \t\u{c}/:ốSnày]{0,40}"
        ) {
            let span = Span::new(0, s.len());
            prop_assert_eq!(split_cells_bytewise(&s, span), split_cells_one_byte_at_a_time(&s, span));
        }

        #[test]
        fn a_line_of_pipes_and_marks_has_the_cells_its_split_gives(s in "[|* \ta#>_]{0,10}") {
            let span = Span::new(0, s.len());
            let split: Vec<Span> = split_cells(&s, span, LineMarks::scan(s.as_bytes()))
                .into_iter()
                .map(|p| trim_noise(&s, p))
                .filter(|c| !c.is_empty() && !is_table_rule(c.text(&s)))
                .collect();
            let v = view(&s, 0, span);
            if may_have_cells(s.as_bytes()) {
                prop_assert_eq!(&*v.cells, &split[..]);
            }
        }

        #[test]
        fn lines_split_as_a_byte_at_a_time_splits_them(s in "[a\u{1ec7}\n\r]{0,30}") {
            let mut lines = Vec::new();
            for_each_line(&s, |idx, span| lines.push((idx, span)));
            // A byte at a time, as first written.
            let (b, mut expected, mut starts) = (s.as_bytes(), Vec::new(), vec![0]);
            let (mut start, mut i) = (0, 0);
            while i <= b.len() {
                if i == b.len() {
                    expected.push((expected.len(), Span::new(start, i)));
                    break;
                }
                if matches!(b[i], b'\n' | b'\r') {
                    expected.push((expected.len(), Span::new(start, i)));
                    if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    start = i + 1;
                    starts.push(start);
                }
                i += 1;
            }
            prop_assert_eq!(lines, expected);
            prop_assert_eq!(&LineIndex::from_lines(&s, &line_views(&s)).starts, &starts);
            prop_assert_eq!(LineIndex::new(&s).starts, starts);
        }

        #[test]
        fn count_chars_counts_the_characters(s in "[aệ€😀\u{301} ]{0,400}", from in 0usize..8) {
            let from = crate::text::floor_char_boundary(&s, from);
            prop_assert_eq!(count_chars(&s.as_bytes()[from..]), s[from..].chars().count());
        }

        #[test]
        fn a_blank_view_is_the_view_of_its_spaces(n in 0usize..40) {
            let text = " ".repeat(n);
            let span = Span::new(0, n);
            let (a, b) = (blank_view(3, span), view(&text, 3, span));
            prop_assert_eq!((a.idx, a.span, a.content, a.cells, a.marks), (b.idx, b.span, b.content, b.cells, b.marks));
        }

        /// Sixteen bytes at a time (where the target has lanes) finds what the byte
        /// loop finds, whatever the bytes and wherever a block starts.
        #[test]
        fn the_wide_scan_finds_what_the_byte_loop_finds(
            b in prop::collection::vec(prop::sample::select(vec![
                b'a', b'Z', b'0', b' ', b' ', b' ', b',', b';', b':', b'.', b'|', b'\t', b'*', b'_',
                b'`', b'(', b')', b'"', b'#', 0x0C, 0xC2, 0xE2, 0x80, 0xBB, 0x7F, 0x40, 0x5B, 0x60, 0x7B,
            ]), 0..80)
        ) {
            let mut bytewise = LineMarks::scan_bytes(&b, 0, 0);
            if b.windows(3).any(|w| w == b"   ") {
                bytewise |= LineMarks::SPACES3;
            }
            prop_assert_eq!(LineMarks::scan(&b).0, bytewise);
        }

        #[test]
        fn line_marks_say_what_the_line_holds(s in "[aệ|*_`()\"#\t \u{c}\u{a0}\u{201c},.;:]{0,40}") {
            let m = LineMarks::scan(s.as_bytes());
            prop_assert_eq!(m.any(CELL_BREAKS), may_have_cells(s.as_bytes()));
            prop_assert_eq!(m.any(LineMarks::PIPE), s.contains('|'));
            prop_assert_eq!(m.any(LineMarks::TAB), s.contains('\t'));
            prop_assert_eq!(m.any(LineMarks::EMPHASIS), s.contains(['*', '_']));
            prop_assert_eq!(m.any(LineMarks::BACKTICK), s.contains('`'));
            prop_assert_eq!(m.any(LineMarks::BRACKET), s.contains(['(', ')', '"']));
            prop_assert_eq!(m.any(LineMarks::SPACES3), s.contains("   "));
            prop_assert_eq!(m.any(LineMarks::SPACES2), s.contains("  "));
            prop_assert_eq!(m.any(LineMarks::HASH), s.contains('#'));
            let b = s.as_bytes();
            let punctuation_spacing = b.iter().enumerate().any(|(i, c)| {
                matches!(c, b',' | b';' | b':' | b'.')
                    && ((i > 0 && b[i - 1] == b' ')
                        || b.get(i + 1).is_some_and(|n| n.is_ascii_alphabetic() || *n >= 0x80))
            });
            prop_assert_eq!(m.any(LineMarks::PUNCT_SPACING), punctuation_spacing);
        }

        /// The shortcut and the byte loop give what the first loop gives.
        #[test]
        fn trim_noise_equals_the_loop_by_characters(s in "[a-zđàệỦ1.:;)(|>*#_ \t\n\r\u{b}\u{1c}\u{a0}\u{ad}\u{85}\u{800}\u{1100}\u{1680}\u{200b}\u{c}\u{3000}]{0,12}") {
            let span = Span::new(0, s.len());
            prop_assert_eq!(trim_noise(&s, span), trim_noise_by_chars(&s, span));
        }
    }

    /// A joined line break read as three spaces or more (an indented line below, or
    /// spaces left at the end of the line above) is no column break; a run of
    /// spaces written on the line still is.
    #[test]
    fn a_joined_break_splits_no_cells() {
        let text = "- Bí thư Chi bộ, Trưởng thôn, Ban công\n\n tác MT thôn;\nSở A    Quý I\n";
        let physical = line_views(text);
        let blocks = crate::blocks::scan_lines(text, &physical);
        let joins: Vec<Span> = blocks.joins.iter().map(|j| j.gap).collect();
        assert_eq!(joins.len(), 1, "{:?}", blocks.joins);
        let logical = line_views_reusing(&blocks.read, text, &physical, &joins);
        let cells =
            |l: &LineView| -> Vec<&str> { l.cells.iter().map(|c| c.text(&blocks.read)).collect() };
        assert_eq!(
            cells(&logical[0]),
            ["- Bí thư Chi bộ, Trưởng thôn, Ban công   tác MT thôn;"]
        );
        assert_eq!(cells(&logical[1]), ["Sở A", "Quý I"]);
        // Without the joins, the break's spaces split the line.
        let unjoined = line_views_reusing(&blocks.read, text, &physical, &[]);
        assert_eq!(cells(&unjoined[0]).len(), 2);
    }
    /// Taking unchanged lines' views from the physical lines gives what reading
    /// the reading text again gives, on text with joined wraps, marks and tables.
    #[test]
    fn reused_line_views_equal_fresh_ones() {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/seeds");
        let mut texts: Vec<String> = std::fs::read_dir(seeds)
            .expect("seeds")
            .filter_map(Result::ok)
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect();
        texts.push("**KẾ HOẠCH**\nCăn cứ Nghị định số 11/2020/NĐ-CP của Chính phủ về quản lý hoạt\nđộng mẫu trên địa bàn\r\n| TT | Nội dung |\n|---|---|\n| 1 | Tổ chức |\n".into());
        for text in &texts {
            let physical = line_views(text);
            let read = crate::blocks::scan_lines(text, &physical).read;
            let fresh = line_views(&read);
            // (Without the joins: they only merge cells, tested below.)
            let reused = line_views_reusing(&read, text, &physical, &[]);
            assert_eq!(fresh.len(), reused.len());
            for (a, b) in fresh.iter().zip(&reused) {
                assert_eq!(
                    (a.idx, a.span, a.content, &a.cells),
                    (b.idx, b.span, b.content, &b.cells)
                );
            }
        }
    }

    #[test]
    fn line_col_counts_scalar_values() {
        let src = "Kế hoạch\nSố: 05/KH";
        let idx = LineIndex::new(src);
        let off = src.find("Số").unwrap();
        assert_eq!(idx.line_col(src, off), LineCol { line: 2, column: 1 });
        let off = src.find("hoạch").unwrap();
        assert_eq!(idx.line_col(src, off), LineCol { line: 1, column: 4 });
        assert_eq!(idx.offset(src, LineCol { line: 1, column: 4 }), Some(off));
        assert_eq!(idx.offset(src, LineCol { line: 9, column: 1 }), None);
    }

    #[test]
    fn crlf_and_cr_are_line_breaks() {
        let src = "a\r\nb\rc\nd";
        let v = line_views(src);
        let texts: Vec<_> = v.iter().map(|l| l.text(src)).collect();
        assert_eq!(texts, ["a", "b", "c", "d"]);
        assert_eq!(LineIndex::new(src).line_count(), 4);
    }

    #[test]
    fn markdown_and_invisible_noise_is_trimmed() {
        let src = "**KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**\n## I. MỤC ĐÍCH\n\u{200B}\u{00A0}d) *Triển khai*";
        let v = line_views(src);
        let texts: Vec<_> = v.iter().map(|l| l.text(src)).collect();
        assert_eq!(
            texts,
            [
                "KT. CHỦ TỊCH",
                "PHÓ CHỦ TỊCH",
                "I. MỤC ĐÍCH",
                "d) *Triển khai"
            ]
        );
    }

    proptest! {
        /// Reading only the last 64 bytes finds the word the whole text gives, when
        /// less than 32 bytes of white space end it.
        #[test]
        fn a_fill_in_blank_reads_a_bounded_tail(
            parts in prop::collection::vec(prop::sample::select(vec![
                "Số:", "Số", "ngày", "tháng", "năm", "xnăm", "a", "bcdefghijk", " ", "\u{2003}", "\t",
            ]), 0..40),
            after in prop::sample::select(vec!["/KH", "tháng 3", "x", ""]),
        ) {
            let before = parts.concat();
            let by_whole_text = {
                let t = before.trim_end();
                let last_word = t.rsplit(' ').next().unwrap_or("");
                matches!(last_word, "Số:" | "Số" | "ngày" | "tháng" | "năm")
                    || after.starts_with('/')
                    || after.starts_with("tháng")
                    || after.starts_with("năm")
            };
            if before.len() - before.trim_end().len() < 32 {
                prop_assert_eq!(is_fill_in_blank(&before, after), by_whole_text);
            }
        }
    }

    /// Past 64 bytes of white space the word before is not read, and a word the
    /// window cuts (`xnăm` read as `năm`) is none of the list.
    #[test]
    fn a_fill_in_blank_never_takes_a_cut_word() {
        let before = format!("xnăm{}", "\u{2003}".repeat(20));
        assert!(!is_fill_in_blank(&before, "x"));
        let before = format!("năm{}", "\u{2003}".repeat(20));
        assert!(!is_fill_in_blank(&format!("x{before}"), "x"));
        assert!(is_fill_in_blank(&format!("x {before}"), "x"));
    }

    /// Cells built piece by piece keep one form per count (none, one inline, many),
    /// so two cells holding the same pieces are equal however they were built.
    #[test]
    fn cells_keep_one_form_per_count() {
        let piece = |k: usize| Span::new(k, k + 1);
        let mut grown = Cells::None;
        grown.push(piece(0));
        assert_eq!(grown, Cells::One(piece(0)));
        let mut more: Cells = [piece(1), piece(2)].into_iter().collect();
        grown.append(&mut more);
        assert_eq!(more, Cells::None);
        assert_eq!(grown, Cells::Many(vec![piece(0), piece(1), piece(2)]));
        assert_eq!(
            grown.into_iter().collect::<Vec<_>>(),
            [piece(0), piece(1), piece(2)]
        );
        assert_eq!(std::iter::empty().collect::<Cells>(), Cells::None);
        assert_eq!(
            std::iter::once(piece(4)).collect::<Cells>(),
            Cells::One(piece(4))
        );
        assert_eq!(Cells::from(vec![piece(5)]), Cells::One(piece(5)));
        assert_eq!(Cells::from(Vec::new()), Cells::None);
        assert_eq!(Cells::of_piece(piece(6)), Cells::One(piece(6)));
        assert_eq!(Cells::of_piece(Span::new(7, 7)), Cells::None);
    }

    #[test]
    fn header_columns_split_into_cells() {
        let blanks = "Số:      /KH-UBND      Hà Nội, ngày    tháng    năm 2024";
        let v = line_views(blanks);
        let cells: Vec<&str> = v[0].cells.iter().map(|c| c.text(blanks)).collect();
        assert_eq!(
            cells,
            ["Số:      /KH-UBND", "Hà Nội, ngày    tháng    năm 2024"]
        );
        let src = "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n| Số: 11/KH-UBND | Cà Mau, ngày 14 tháng 02 năm 2017 |\nSố: 23 /KH      Kiên Giang";
        let v = line_views(src);
        let cells = |i: usize| -> Vec<&str> { v[i].cells.iter().map(|c| c.text(src)).collect() };
        assert_eq!(
            cells(0),
            ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
        );
        assert_eq!(
            cells(1),
            ["Số: 11/KH-UBND", "Cà Mau, ngày 14 tháng 02 năm 2017"]
        );
        assert_eq!(cells(2), ["Số: 23 /KH", "Kiên Giang"]);
    }
}
