//! The text as the parser and the rules read it: [`Source`], the text with its
//! physical lines, the first pass's blocks and reading text, and the logical lines.

use crate::blocks::Blocks;
use crate::model::Field;
use crate::source::{line_views, LineIndex, LineView, Span};

/// The text with its line views and index: what the parser and the rules share.
///
/// `lines` are the physical lines of the text (hygiene reads them); `logical` are the
/// lines of the reading text of [`crate::blocks`] (wrapped lines joined, Markdown marks
/// blanked, same byte offsets), which the parser reads.
pub struct Source<'a> {
    pub text: &'a str,
    pub lines: Vec<LineView>,
    pub index: LineIndex,
    pub blocks: Blocks,
    pub logical: Vec<LineView>,
}

impl<'a> Source<'a> {
    pub fn new(text: &'a str) -> Self {
        let lines = line_views(text);
        let blocks = crate::blocks::scan_lines(text, &lines);
        let joins: Vec<Span> = blocks.joins.iter().map(|j| j.gap).collect();
        let logical = crate::source::line_views_reusing(&blocks.read, text, &lines, &joins);
        Source {
            text,
            index: LineIndex::from_lines(text, &lines),
            lines,
            blocks,
            logical,
        }
    }
    /// The reading text: the source with joined line breaks and marks as spaces.
    pub fn read(&self) -> &str {
        &self.blocks.read
    }
    /// A field of the reading text. Its text has exactly the span's length (a joined
    /// line break or a removed mark reads as spaces), so rules may compute offsets in
    /// it; renderers collapse the spaces.
    pub fn field(&self, span: Span) -> Field {
        Field {
            text: span.text(self.read()).to_string(),
            range: self.index.range(self.text, span),
        }
    }
    /// The reading text under a span, white space that stands for a joined line break
    /// or a removed mark collapsed to one space.
    pub fn read_text(&self, span: Span) -> String {
        let read = span.text(self.read());
        let orig = span.text(self.text).as_bytes();
        if read.as_bytes() == orig {
            return read.to_string();
        }
        let rb = read.as_bytes();
        let mut out = String::with_capacity(read.len());
        let mut k = 0;
        while k < rb.len() {
            if rb[k] == b' ' {
                let run = rb[k..].iter().take_while(|&&b| b == b' ').count();
                let synthetic = orig[k..k + run].iter().any(|&b| b != b' ');
                let keep = if synthetic { 1 } else { run };
                // A removed mark inside brackets (`(*Kèm theo …*)`) leaves no space.
                let hugs = synthetic
                    && (out.ends_with(['(', '['])
                        || rb
                            .get(k + run)
                            .is_some_and(|b| matches!(b, b')' | b']' | b',' | b'.' | b';' | b':')));
                let inside = !out.is_empty() && k + run < rb.len();
                if !hugs && (inside || !synthetic) {
                    out.extend(std::iter::repeat_n(' ', keep));
                }
                k += run;
            } else {
                let ch_len = read[k..].chars().next().map_or(1, char::len_utf8);
                out.push_str(&read[k..k + ch_len]);
                k += ch_len;
            }
        }
        out
    }
    pub fn range(&self, span: Span) -> crate::source::SourceRange {
        self.index.range(self.text, span)
    }
    /// The range of a span that starts after `prev` ends ([`LineIndex::range_after`]).
    pub fn range_after(
        &self,
        prev: &crate::source::SourceRange,
        span: Span,
    ) -> crate::source::SourceRange {
        self.index.range_after(self.text, prev, span)
    }
    /// The data table a logical line belongs to, if any.
    pub fn table_of(&self, l: &LineView) -> Option<usize> {
        self.blocks.table_at(l.span.start)
    }
}
