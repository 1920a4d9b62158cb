//! Which lines of the highlight layer are rendered as elements.
//!
//! A long text would make the layer thousands of line elements, each laid out again
//! by the browser while typing. Only the lines around the view are elements (with
//! their underline marks and line numbers); the lines before and after them are
//! blocks of plain text of [`CHUNK_LINES`] lines, which wrap exactly as the textarea
//! does, so every line keeps its place and the layer its height. Blocks are keyed by
//! their lines, so an edit away from the view (a fix, a paste) lays out one block
//! again, not the whole text. A text of up to [`ALL_LINES_UP_TO`] lines is rendered
//! whole.

use crate::analysis::LayerLine;
use kehoach_core::hash::FxHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlTextAreaElement};

/// Texts with at most this many lines render every line as an element.
pub const ALL_LINES_UP_TO: usize = 600;

/// Lines per block of plain text; blocks start at multiples of it.
pub const CHUNK_LINES: usize = 200;

/// How far beyond the view the window reaches, in view heights, above and below.
const MARGIN_VIEWS: f64 = 1.5;

/// The lines rendered as elements: `first..last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayerWindow {
    pub first: usize,
    pub last: usize,
}

impl LayerWindow {
    /// The first lines of a text (the view of a page just opened).
    pub fn start() -> LayerWindow {
        LayerWindow {
            first: 0,
            last: ALL_LINES_UP_TO,
        }
    }

    /// This window for a text of `n` lines: every line when the text is short.
    pub fn clamped(self, n: usize) -> LayerWindow {
        if n <= ALL_LINES_UP_TO {
            return LayerWindow { first: 0, last: n };
        }
        let last = self.last.min(n);
        LayerWindow {
            first: self.first.min(last),
            last,
        }
    }

    /// A window around line `line` (0-based), to scroll to it.
    pub fn around(line: usize, n: usize) -> LayerWindow {
        let half = ALL_LINES_UP_TO / 2;
        LayerWindow {
            first: line.saturating_sub(half),
            last: line + half,
        }
        .clamped(n)
    }
}

/// The plain text standing for `lines`: one line each, and a final line break, which
/// a block of `pre-wrap` text does not show but which keeps a last empty line.
pub fn plain_text(lines: &[Arc<LayerLine>]) -> String {
    let mut out = String::new();
    for line in lines {
        for (text, ..) in &line.parts {
            out.push_str(text);
        }
        out.push('\n');
    }
    out
}

/// `from..to` cut at the multiples of [`CHUNK_LINES`].
fn chunks(from: usize, to: usize) -> impl Iterator<Item = (usize, usize)> {
    let mut at = from;
    std::iter::from_fn(move || {
        (at < to).then(|| {
            let end = ((at / CHUNK_LINES + 1) * CHUNK_LINES).min(to);
            let chunk = (at, end);
            at = end;
            chunk
        })
    })
}

/// What the layer renders, in order: plain blocks, the window's lines, plain blocks.
#[derive(Clone)]
pub enum Row {
    /// Lines `start..` as plain text.
    Plain {
        start: usize,
        lines: Vec<Arc<LayerLine>>,
    },
    /// The line at this index, as an element of its own.
    Line(usize),
}

/// A row's identity for a keyed list: a block by where it starts and its lines' keys;
/// a line by its place. A line's element stays when its text changes and only its
/// content is rendered again: putting a new element in the layer costs the browser
/// ten times what changing one's text does (4–5 ms against 0.4 at 1 MB), and typing
/// changes one line at a time.
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum RowKey {
    Plain(usize, u64),
    Line(usize),
}

impl Row {
    pub fn key(&self) -> RowKey {
        match self {
            Row::Plain { start, lines } => {
                let mut h = FxHasher::default();
                for l in lines {
                    l.key.hash(&mut h);
                }
                RowKey::Plain(*start, h.finish())
            }
            Row::Line(index) => RowKey::Line(*index),
        }
    }
}

/// The rows of the layer for `lines` with `window` (clamped to them) as elements.
pub fn rows(lines: &[Arc<LayerLine>], window: LayerWindow) -> Vec<Row> {
    let w = window.clamped(lines.len());
    let plain = |(start, end): (usize, usize)| Row::Plain {
        start,
        lines: lines[start..end].to_vec(),
    };
    chunks(0, w.first)
        .map(plain)
        .chain((w.first..w.last).map(Row::Line))
        .chain(chunks(w.last, lines.len()).map(plain))
        .collect()
}

/// The row holding line `line`, as (index among the layer's children, first line).
fn row_of(window: LayerWindow, n: usize, line: usize) -> (usize, usize) {
    let before = chunks(0, window.first).count();
    if line < window.first {
        let (index, (start, _)) = chunks(0, window.first)
            .enumerate()
            .find(|(_, (s, e))| (*s..*e).contains(&line))
            .unwrap_or((0, (0, 0)));
        return (index, start);
    }
    if line < window.last {
        return (before + line - window.first, line);
    }
    let (index, (start, _)) = chunks(window.last, n)
        .enumerate()
        .find(|(_, (s, e))| (*s..*e).contains(&line))
        .unwrap_or((0, (window.last, window.last)));
    (before + window.last - window.first + index, start)
}

fn child(layer: &HtmlElement, index: usize) -> Option<HtmlElement> {
    layer
        .children()
        .item(index as u32)?
        .dyn_into::<HtmlElement>()
        .ok()
}

/// The element of line `line` (0-based) if it is rendered as one, to scroll to.
pub fn rendered_line(layer: &HtmlElement, window: LayerWindow, line: usize) -> Option<HtmlElement> {
    if line < window.first || line >= window.last {
        return None;
    }
    child(layer, row_of(window, window.last, line).0)
}

/// The top of line `line` in the layer's content (the coordinates of `scrollTop`).
fn line_top(
    layer: &HtmlElement,
    window: LayerWindow,
    lines: &[Arc<LayerLine>],
    line: usize,
) -> Option<f64> {
    let (index, start) = row_of(window, lines.len(), line);
    let el = child(layer, index)?;
    if (window.first..window.last).contains(&line) {
        return Some(f64::from(el.offset_top()));
    }
    // A line of a plain block: the position of its first character.
    let text = el.first_child()?;
    let offset: usize = lines
        .get(start..line)?
        .iter()
        .map(|l| {
            l.parts
                .iter()
                .map(|(t, ..)| t.encode_utf16().count())
                .sum::<usize>()
                + 1
        })
        .sum();
    let range = web_sys::window()?.document()?.create_range().ok()?;
    range.set_start(&text, offset as u32).ok()?;
    range.set_end(&text, offset as u32 + 1).ok()?;
    let rect = range.get_bounding_client_rect();
    let layer_rect = layer.get_bounding_client_rect();
    Some(rect.top() - layer_rect.top() + f64::from(layer.scroll_top()))
}

/// The last line whose top is at or above `y`.
fn line_at(layer: &HtmlElement, window: LayerWindow, lines: &[Arc<LayerLine>], y: f64) -> usize {
    let (mut lo, mut hi) = (0, lines.len());
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        match line_top(layer, window, lines, mid) {
            Some(top) if top <= y => lo = mid,
            Some(_) => hi = mid,
            None => return lo,
        }
    }
    lo
}

/// The window the view of `area` needs: `window` itself while it still covers the
/// view, else the lines from one and a half views above to one and a half below.
pub fn for_view(
    area: &HtmlTextAreaElement,
    layer: &HtmlElement,
    window: LayerWindow,
    lines: &[Arc<LayerLine>],
) -> LayerWindow {
    let n = lines.len();
    if n <= ALL_LINES_UP_TO {
        return window.clamped(n);
    }
    let top = f64::from(area.scroll_top());
    let height = f64::from(area.client_height());
    let covered = |line: usize| line_top(layer, window, lines, line);
    let starts_above = window.first == 0 || covered(window.first).is_some_and(|t| t <= top);
    let ends_below = window.last >= n || covered(window.last).is_some_and(|t| t >= top + height);
    if starts_above && ends_below {
        return window;
    }
    let first = line_at(layer, window, lines, top - MARGIN_VIEWS * height);
    let last = line_at(layer, window, lines, top + (1.0 + MARGIN_VIEWS) * height) + 2;
    LayerWindow { first, last }.clamped(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(n: usize) -> Vec<Arc<LayerLine>> {
        (0..n)
            .map(|i| {
                Arc::new(LayerLine {
                    key: (i as u64, 1),
                    parts: vec![(format!("dòng {i}"), None, String::new(), 0)],
                })
            })
            .collect()
    }

    #[test]
    fn rows_cover_every_line_once_in_order() {
        for (n, first, last) in [
            (5000, 1234, 1834),
            (5000, 0, 600),
            (5000, 4500, 5000),
            (300, 100, 200),
        ] {
            let all = lines(n);
            let window = LayerWindow { first, last }.clamped(n);
            let mut seen = Vec::new();
            for (index, row) in rows(&all, window).iter().enumerate() {
                let start = seen.len();
                match row {
                    Row::Plain { start: s, lines } => {
                        assert_eq!(*s, start);
                        assert!(lines.len() <= CHUNK_LINES);
                        seen.extend(lines.iter().map(|l| l.key.0 as usize));
                    }
                    Row::Line(index) => seen.push(all[*index].key.0 as usize),
                }
                // Each line's row is found where it was put.
                assert_eq!(
                    row_of(window, n, start),
                    (index, start.min(row_start(row, start)))
                );
            }
            assert_eq!(seen, (0..n).collect::<Vec<_>>());
        }
    }

    fn row_start(row: &Row, at: usize) -> usize {
        match row {
            Row::Plain { start, .. } => *start,
            Row::Line(_) => at,
        }
    }

    #[test]
    fn a_short_text_is_all_elements_and_plain_text_keeps_a_last_empty_line() {
        assert_eq!(
            LayerWindow {
                first: 40,
                last: 50
            }
            .clamped(100),
            LayerWindow {
                first: 0,
                last: 100
            }
        );
        let mut two = lines(1);
        two.push(Arc::new(LayerLine {
            key: (9, 1),
            parts: Vec::new(),
        }));
        assert_eq!(plain_text(&two), "dòng 0\n\n");
    }
}
