//! What the page shows for one version of the text, computed once per input: the
//! findings (with UTF-16 offsets, which is what a textarea's selection speaks), the
//! plan for the outline and tasks, and the highlight segments of each line.
//!
//! Pure Rust with no DOM access, so it is unit-tested natively. The check itself and
//! the form its result crosses in (findings, fixes, UTF-16 offsets) are
//! `kehoach-check`'s, shared with the check worker's module; what the page builds
//! from a result for its text (the highlight layer, the findings' keys, the
//! dismissed findings set aside) is here.

use crate::dismiss::{self, Dismissal};
pub use kehoach_check::{is_presentation, utf16_units, Finding, FindingKey, WorkerResult};
use kehoach_core::diagnostics::{Diagnostic, Lang, Severity};
use kehoach_core::hash::FxHashMap;
use kehoach_core::hash::FxHasher;
use kehoach_core::model::Plan;
use kehoach_core::order;
use kehoach_core::settings::Settings;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// One piece of a line in the highlight layer: where its text is (bytes of the
/// text, no line break), and the severity underlining it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub range: std::ops::Range<usize>,
    pub severity: Option<Severity>,
    /// The finding whose message the segment shows (the most severe covering it).
    pub finding: Option<usize>,
    /// Where the place of that finding which covers the segment starts (bytes): its
    /// range, or one of its related places (a grouped finding underlines several).
    pub place: usize,
}

/// A piece of a layer line: (text, severity, tooltip, where the finding's underlined
/// place starts: in bytes from the start of its line, negative when on a line above).
pub type LayerPart = (String, Option<Severity>, String, i64);

/// A line of the highlight layer, ready to render. `key` identifies its content and
/// underlines: a plain block is rendered again only when one of its lines' keys
/// changed, and a clicked mark finds its line by it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerLine {
    pub key: (u64, u32),
    /// Its pieces, each finding's start relative to this line, so a character
    /// typed on another line leaves this line's key, and its element, as they were.
    pub parts: Vec<LayerPart>,
}

/// Sets each finding's `key`, in the list's order.
pub fn key_findings(findings: &mut [Finding]) {
    let mut seen: FxHashMap<(String, usize, u64), u32> = FxHashMap::default();
    for f in findings {
        let mut h = FxHasher::default();
        f.out.severity.hash(&mut h);
        f.out.message.hash(&mut h);
        for fix in &f.fixes {
            fix.title.hash(&mut h);
            fix.safe.hash(&mut h);
        }
        let alike = (f.out.code.clone(), f.out.line, h.finish());
        let n = seen.entry(alike.clone()).or_insert(0);
        f.key = (alike.0, alike.1, alike.2, *n);
        *n += 1;
    }
}

/// Above this size (bytes) the page checks when typing pauses: a 10 MB paste must not
/// send the worker a new text on every keystroke. Measured: 1 MB still updates in ~90 ms.
pub const LARGE_TEXT: usize = 2_000_000;

/// From this size (bytes) the check runs in the worker: below it a check takes less
/// than a frame on the page's thread, and its result is there at once.
pub const WORKER_MIN: usize = 150_000;

#[derive(Debug, Clone)]
pub struct Analysis {
    /// The version of the text it was computed for (bumped on every change):
    /// equality is by version, freshness and whether it has its plan, so a new
    /// text always propagates without comparing whole plans.
    pub version: u64,
    /// Findings and plan of an older text, shown while the worker checks this one
    /// ([`Analysis::provisional`]); the layer is this text's.
    pub stale: bool,
    /// The plan, for the panels that show it (outline, tasks). A worker's result
    /// never carries it ([`WorkerResult::plan`]): the page parses its text for it when
    /// one of them is open as the result arrives (`Checker::on_reply`), or opens
    /// while it is shown.
    pub plan: Option<Arc<Plan>>,
    /// The plan's summary (trích yếu), which names the draft.
    pub summary: Option<String>,
    pub findings: Arc<Vec<Finding>>,
    /// Findings the user dismissed in this draft (`dismiss.rs`): not shown, counted.
    pub hidden: Arc<Vec<Finding>>,
    pub layer: Vec<Arc<LayerLine>>,
    /// The text's size in bytes.
    pub bytes: usize,
}

impl PartialEq for Analysis {
    /// A result read again with its plan (a panel showing it opened) is a new value.
    fn eq(&self, other: &Self) -> bool {
        (self.version, self.stale, self.plan.is_some())
            == (other.version, other.stale, other.plan.is_some())
    }
}

/// The versions of the text sent to be checked, and which result may be shown: only
/// the one computed for the newest text. A result for an older text arrives after a
/// newer text was sent, and is dropped (the newer one's result follows).
#[derive(Debug, Default)]
pub struct Requests {
    latest: u64,
}

impl Requests {
    /// The version of a text about to be sent.
    pub fn new_text(&mut self) -> u64 {
        self.latest += 1;
        self.latest
    }

    pub fn latest(&self) -> u64 {
        self.latest
    }

    /// Whether a result computed for `version` is for the text now in the editor.
    pub fn accepts(&self, version: u64) -> bool {
        version == self.latest
    }
}

impl Analysis {
    /// The analysis of `text` from the check's result for it (the page accepts a
    /// result only for the text in its editor, `Requests::accepts`), with the
    /// findings the user dismissed set aside. `old_layer` (the last result's) lends
    /// the lines that have not changed.
    pub fn from_result(
        result: WorkerResult,
        text: &str,
        dismissed: &[Dismissal],
        old_layer: &[Arc<LayerLine>],
    ) -> Self {
        let (mut findings, mut hidden) =
            dismiss::split(text, result.findings, |f| &f.out, dismissed);
        // `Finding::index` is a finding's place in the list it is in.
        for list in [&mut findings, &mut hidden] {
            for (i, f) in list.iter_mut().enumerate() {
                f.index = i;
            }
            key_findings(list);
        }
        let layer = layer_lines(text, highlight_lines(text, &findings), &findings, old_layer);
        Analysis {
            version: result.version,
            stale: false,
            plan: result.plan.map(Arc::new),
            summary: result.summary,
            findings: Arc::new(findings),
            hidden: Arc::new(hidden),
            layer,
            bytes: text.len(),
        }
    }

    pub fn new(
        version: u64,
        text: &str,
        lang: Lang,
        settings: &Settings,
        dismissed: &[Dismissal],
    ) -> Self {
        Analysis::presented(version, text, None, lang, settings, dismissed)
    }

    /// The analysis of a text opened from a Word file, with the findings on the
    /// file's presentation.
    pub fn presented(
        version: u64,
        text: &str,
        presented: Option<&[Diagnostic]>,
        lang: Lang,
        settings: &Settings,
        dismissed: &[Dismissal],
    ) -> Self {
        let result = WorkerResult::presented(version, text, presented, lang, settings);
        Analysis::from_result(result, text, dismissed, &[])
    }

    /// An empty analysis, before the first result.
    pub fn empty(version: u64, text: &str) -> Self {
        Analysis {
            version,
            stale: true,
            plan: None,
            summary: None,
            findings: Arc::default(),
            hidden: Arc::default(),
            layer: plain_layer(text, &[]),
            bytes: text.len(),
        }
    }

    /// While the worker checks a new text: the last findings and plan, and a layer of
    /// the new text in which a line keeps its underlines only where it is the same
    /// line, unchanged, as in the text they were found in; other lines are plain.
    /// The layer must always be the editor's text, or it would not lie under it.
    pub fn provisional(&self, version: u64, text: &str) -> Self {
        Analysis {
            version,
            stale: true,
            plan: self.plan.clone(),
            summary: self.summary.clone(),
            findings: Arc::clone(&self.findings),
            hidden: Arc::clone(&self.hidden),
            layer: plain_layer(text, &self.layer),
            bytes: text.len(),
        }
    }

    pub fn is_large(&self) -> bool {
        self.bytes > LARGE_TEXT
    }

    pub fn count(&self, s: Severity) -> usize {
        self.checked().count(s)
    }

    /// The plan and findings, shared: what the panels show.
    pub fn checked(&self) -> Checked {
        Checked {
            plan: self.plan.clone(),
            findings: Arc::clone(&self.findings),
            hidden: Arc::clone(&self.hidden),
        }
    }
}

/// The plan and the findings of a check, shared with the [`Analysis`] that holds
/// them. Equal only to the same check (the same `Arc`s): while the worker checks,
/// every keystroke makes a new provisional analysis around the last check's plan
/// and findings, and a memo of this does not make the panels render them again.
#[derive(Debug, Clone)]
pub struct Checked {
    /// `None` while the worker's results come without it (no panel showing it).
    pub plan: Option<Arc<Plan>>,
    pub findings: Arc<Vec<Finding>>,
    pub hidden: Arc<Vec<Finding>>,
}

impl PartialEq for Checked {
    fn eq(&self, other: &Self) -> bool {
        let same_plan = match (&self.plan, &other.plan) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_plan
            && Arc::ptr_eq(&self.findings, &other.findings)
            && Arc::ptr_eq(&self.hidden, &other.hidden)
    }
}

impl Checked {
    pub fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.out.severity == s).count()
    }

    /// Findings of severity `s` the user dismissed.
    pub fn hidden_count(&self, s: Severity) -> usize {
        self.hidden.iter().filter(|f| f.out.severity == s).count()
    }

    /// Where the findings start, in order, for counting them by range.
    pub fn finding_starts(&self) -> FindingStarts {
        let mut starts: Vec<usize> = self.findings.iter().map(|f| f.out.start).collect();
        kehoach_core::order::sort(&mut starts);
        FindingStarts(starts)
    }
}

/// The findings' start offsets, sorted (built once per check, [`Checked::finding_starts`]):
/// the outline counts the findings under each of its items with two searches. A
/// pass over every finding for each item was quadratic (at 25,000 numbered items,
/// one finding each, 0.9 s of the 4.8 s the outline took to open).
pub struct FindingStarts(Vec<usize>);

impl FindingStarts {
    /// Findings whose range starts inside `[start, end)` (byte offsets; an empty
    /// range counts those at `start`).
    pub fn count_in(&self, start: usize, end: usize) -> usize {
        let from = self.0.partition_point(|&s| s < start);
        let to = self.0.partition_point(|&s| s < end.max(start + 1));
        to.saturating_sub(from)
    }
}

/// The layer of `text` reusing `old` lines where a line reads the same as the one
/// [`lent`] finds for it (at the same index, or shifted by the lines added or
/// removed); other lines plain. Keys as in [`layer_lines`].
fn plain_layer(text: &str, old: &[Arc<LayerLine>]) -> Vec<Arc<LayerLine>> {
    // Split once (at breaks found many bytes at a time), and counted from that:
    // each pass over 1 MB is a millisecond of the keystroke this layer is built for.
    let mut lines: Vec<&str> = Vec::new();
    let mut at = 0;
    for nl in memchr::memchr_iter(b'\n', text.as_bytes()) {
        lines.push(&text[at..nl]);
        at = nl + 1;
    }
    lines.push(&text[at..]);
    let lines_len = lines.len();
    let mut seen: FxHashMap<u64, u32> =
        FxHashMap::with_capacity_and_hasher(lines_len, Default::default());
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let line = line.trim_end_matches('\r');
            let same = lent(old, i, lines_len, |l| {
                let mut rest = line;
                l.parts
                    .iter()
                    .all(|(t, ..)| match rest.strip_prefix(t.as_str()) {
                        Some(r) => {
                            rest = r;
                            true
                        }
                        None => false,
                    })
                    && rest.is_empty()
            });
            // A kept line keeps its hash: hashing every line again would cost as much
            // as the check this layer stands in for.
            let (hash, parts) = match same {
                Some(l) => (l.key.0, None),
                None => {
                    let parts = if line.is_empty() {
                        Vec::new()
                    } else {
                        vec![(line.to_string(), None, String::new(), 0)]
                    };
                    let mut h = FxHasher::default();
                    parts.hash(&mut h);
                    (h.finish(), Some(parts))
                }
            };
            let n = seen.entry(hash).or_insert(0);
            *n += 1;
            LayerLine::keyed((hash, *n), same, parts)
        })
        .collect()
}

/// The layer's lines with their keys: a hash of the parts, and which occurrence of that
/// hash it is (blank lines repeat), so keys are unique and stable when lines move.
/// A line with no underline that `old` (the last result's layer) holds with the same
/// text at the same place, or as many lines away as lines were added or removed
/// (below the edit), is taken from it, hash and all: after a keystroke most lines
/// are such lines, and copying and hashing each line's text again was most of what
/// the page did with a result (about 2 ms of 4 natively at 1 MB).
fn layer_lines(
    text: &str,
    lines: Highlights,
    findings: &[Finding],
    old: &[Arc<LayerLine>],
) -> Vec<Arc<LayerLine>> {
    // Each finding's tooltip, written once: a finding can underline thousands of lines.
    let titles: Vec<String> = findings
        .iter()
        .map(|f| format!("{} [{}]", f.out.message, f.out.code))
        .collect();
    let lines_len = lines.len();
    // Sized once: grown by doubling, it rehashed every key again and again.
    let mut seen: FxHashMap<u64, u32> =
        FxHashMap::with_capacity_and_hasher(lines_len, Default::default());
    (0..lines_len)
        .map(|i| {
            let (segs, line_start) = (lines.line(i), lines.start(i));
            let plain = match segs {
                [] => Some(""),
                [s] if s.finding.is_none() => text.get(s.range.clone()),
                _ => None,
            };
            let kept = plain.and_then(|line| lent(old, i, lines_len, |l| l.is_plain(line)));
            let (hash, parts) = match kept {
                Some(l) => (l.key.0, None),
                None => {
                    let parts: Vec<LayerPart> = segs
                        .iter()
                        .map(|s| {
                            let (title, start) = s
                                .finding
                                .and_then(|i| {
                                    let from_line = s.place as i64 - line_start as i64;
                                    Some((titles.get(i)?.clone(), from_line))
                                })
                                .unwrap_or_default();
                            let segment = text.get(s.range.clone()).unwrap_or_default().to_string();
                            (segment, s.severity, title, start)
                        })
                        .collect();
                    let mut h = FxHasher::default();
                    parts.hash(&mut h);
                    (h.finish(), Some(parts))
                }
            };
            let n = seen.entry(hash).or_insert(0);
            *n += 1;
            LayerLine::keyed((hash, *n), kept, parts)
        })
        .collect()
}

/// The line of `old` (the last layer) that line `i` of a new layer of `lines_len`
/// lines can take, by `same`: the one at the same place, or else the one as many
/// lines away as lines were added or removed (a line below the edit).
fn lent(
    old: &[Arc<LayerLine>],
    i: usize,
    lines_len: usize,
    same: impl Fn(&LayerLine) -> bool,
) -> Option<&Arc<LayerLine>> {
    let shifted = (i + old.len())
        .checked_sub(lines_len)
        .and_then(|j| old.get(j));
    old.get(i)
        .filter(|l| same(l))
        .or_else(|| shifted.filter(|l| same(l)))
}

impl LayerLine {
    /// Whether this line is `line` with no underline (as a plain line's parts are:
    /// none for an empty line, else the whole line alone).
    fn is_plain(&self, line: &str) -> bool {
        match self.parts.as_slice() {
            [] => line.is_empty(),
            [(t, None, title, 0)] => title.is_empty() && t == line,
            _ => false,
        }
    }

    /// The line with `key`: `kept` itself if it has that key already (the element
    /// showing it stays as it is), `kept`'s parts under the new key, or new `parts`.
    fn keyed(
        key: (u64, u32),
        kept: Option<&Arc<LayerLine>>,
        parts: Option<Vec<LayerPart>>,
    ) -> Arc<LayerLine> {
        match (kept, parts) {
            (Some(l), _) if l.key == key => Arc::clone(l),
            (Some(l), _) => Arc::new(LayerLine {
                key,
                parts: l.parts.clone(),
            }),
            (None, parts) => Arc::new(LayerLine {
                key,
                parts: parts.unwrap_or_default(),
            }),
        }
    }
}

/// The most severe finding with a place starting at byte `start`, and the end of
/// that place when it is a related one (`None`: the finding's own range).
pub fn finding_at_place(findings: &[Finding], start: usize) -> Option<(usize, Option<usize>)> {
    findings
        .iter()
        .filter_map(|f| {
            if f.out.start == start {
                Some((f, None))
            } else {
                let &(_, end) = f.related.iter().find(|&&(s, _)| s == start)?;
                Some((f, Some(end)))
            }
        })
        .min_by_key(|(f, _)| f.out.severity)
        .map(|(f, end)| (f.index, end))
}

/// UTF-16 offset of a byte offset, for textarea selections.
pub fn to16(text: &str, byte: usize) -> u32 {
    text.get(..byte.min(text.len()))
        .map_or(0, |s| s.encode_utf16().count() as u32)
}

/// Byte offset of a UTF-16 offset (a textarea's caret), clamped to the text.
pub fn byte_offset(text: &str, utf16: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    text.len()
}

/// The layer's segments, line by line, in one list (a `Vec` per line was an
/// allocation per line: 206,000 of them for 10 MB): line `i`'s are
/// `segments[firsts[i]..firsts[i + 1]]`, and it starts at byte `starts[i]`.
#[derive(Debug, Default)]
pub struct Highlights {
    segments: Vec<Segment>,
    firsts: Vec<usize>,
    starts: Vec<usize>,
}

impl Highlights {
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Line `i`'s segments.
    pub fn line(&self, i: usize) -> &[Segment] {
        let from = self.firsts.get(i).copied().unwrap_or(self.segments.len());
        let to = self
            .firsts
            .get(i + 1)
            .copied()
            .unwrap_or(self.segments.len());
        &self.segments[from..to]
    }

    /// Where line `i` starts (bytes).
    pub fn start(&self, i: usize) -> usize {
        self.starts.get(i).copied().unwrap_or(0)
    }

    fn new_line(&mut self, start: usize) {
        self.firsts.push(self.segments.len());
        self.starts.push(start);
    }
}

/// Where each place of a finding (its range and its related ones) starts and ends,
/// in order: (byte, whether it opens, the finding, where the place starts). A
/// zero-width place covers the character after it, so it can be seen.
fn place_events(text: &str, findings: &[Finding]) -> Vec<(usize, bool, usize, usize)> {
    let mut events = Vec::with_capacity(findings.len() * 2);
    for f in findings {
        let places = std::iter::once((f.out.start, f.out.end)).chain(f.related.iter().copied());
        for (start, end) in places {
            let (s, mut e) = (start.min(text.len()), end.min(text.len()));
            if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                continue;
            }
            if e <= s {
                e = text[s..].chars().next().map_or(s, |c| s + c.len_utf8());
            }
            if e > s {
                events.push((s, true, f.index, s));
                events.push((e, false, f.index, s));
            }
        }
    }
    order::sort_by_key(&mut events, |&(b, start, _, _)| (b, start));
    events
}

/// Splits every line into segments underlined by the most severe finding covering
/// them (at its range and its related ones). Zero-width findings (a missing part)
/// underline the character after them.
pub fn highlight_lines(text: &str, findings: &[Finding]) -> Highlights {
    let events = place_events(text, findings);
    // Sized once from the line breaks (counted many bytes at a time).
    let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    let mut out = Highlights {
        segments: Vec::with_capacity(lines + events.len()),
        firsts: Vec::with_capacity(lines + 1),
        starts: Vec::with_capacity(lines),
    };
    out.new_line(0);
    // The open places: (finding, where the place starts).
    let mut active: Vec<(usize, usize)> = Vec::new();
    let mut ev = events.into_iter().peekable();
    let mut seg_start = 0;
    let current = |active: &[(usize, usize)]| -> Option<(usize, usize)> {
        active
            .iter()
            .copied()
            .min_by_key(|&(i, place)| (findings[i].out.severity, i, place))
    };
    // A segment may contain line breaks: split it across lines (each part without
    // the `\r` of a `\r\n`).
    let push = |out: &mut Highlights, from: usize, to: usize, f: Option<(usize, usize)>| {
        let part = |out: &mut Highlights, at: usize, end: usize| {
            let piece = text[at..end].trim_end_matches('\r');
            if !piece.is_empty() {
                out.segments.push(Segment {
                    range: at..at + piece.len(),
                    severity: f.map(|(i, _)| findings[i].out.severity),
                    finding: f.map(|(i, _)| i),
                    place: f.map_or(0, |(_, place)| place),
                });
            }
        };
        let mut at = from;
        for nl in memchr::memchr_iter(b'\n', &text.as_bytes()[from..to]) {
            part(out, at, from + nl);
            at = from + nl + 1;
            out.new_line(at);
        }
        part(out, at, to);
    };
    loop {
        let next = ev.peek().map(|&(b, _, _, _)| b);
        let end = next.unwrap_or(text.len());
        if end > seg_start {
            push(&mut out, seg_start, end, current(&active));
            seg_start = end;
        }
        match ev.next() {
            None => break,
            Some((_, true, i, place)) => active.push((i, place)),
            Some((_, false, i, place)) => {
                // One place of the finding ends (another may still be open).
                if let Some(k) = active.iter().position(|&x| x == (i, place)) {
                    active.swap_remove(k);
                }
            }
        }
    }
    out.firsts.push(out.segments.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first way, a `Vec` per line (kept to check [`highlight_lines`]): splits every line into segments underlined by the most severe finding covering
    /// them (at its range and its related ones). Zero-width findings (a missing part)
    /// underline the character after them.
    fn highlight_lines_per_line(text: &str, findings: &[Finding]) -> Vec<Vec<Segment>> {
        // (The places' events as the page finds them: what differs is the layout.)
        let events = place_events(text, findings);
        // The open places: (finding, where the place starts).
        let mut active: Vec<(usize, usize)> = Vec::new();
        let mut lines: Vec<Vec<Segment>> = vec![Vec::new()];
        let mut ev = events.into_iter().peekable();
        let mut seg_start = 0;
        let current = |active: &[(usize, usize)]| -> Option<(usize, usize)> {
            active
                .iter()
                .copied()
                .min_by_key(|&(i, place)| (findings[i].out.severity, i, place))
        };
        let push =
            |lines: &mut Vec<Vec<Segment>>, from: usize, s: &str, f: Option<(usize, usize)>| {
                // A segment may contain line breaks: split it across lines.
                let mut at = from;
                for (k, part) in s.split('\n').enumerate() {
                    if k > 0 {
                        lines.push(Vec::new());
                    }
                    let part_len = part.len();
                    let part = part.trim_end_matches('\r');
                    if let (false, Some(line)) = (part.is_empty(), lines.last_mut()) {
                        line.push(Segment {
                            range: at..at + part.len(),
                            severity: f.map(|(i, _)| findings[i].out.severity),
                            finding: f.map(|(i, _)| i),
                            place: f.map_or(0, |(_, place)| place),
                        });
                    }
                    at += part_len + 1;
                }
            };
        loop {
            let next = ev.peek().map(|&(b, _, _, _)| b);
            let end = next.unwrap_or(text.len());
            if end > seg_start {
                push(
                    &mut lines,
                    seg_start,
                    &text[seg_start..end],
                    current(&active),
                );
                seg_start = end;
            }
            match ev.next() {
                None => break,
                Some((_, true, i, place)) => active.push((i, place)),
                Some((_, false, i, place)) => {
                    // One place of the finding ends (another may still be open).
                    if let Some(k) = active.iter().position(|&x| x == (i, place)) {
                        active.swap_remove(k);
                    }
                }
            }
        }
        lines
    }

    /// The segments of every line, as the first way split them.
    fn lines_of(h: &Highlights) -> Vec<Vec<Segment>> {
        (0..h.len()).map(|i| h.line(i).to_vec()).collect()
    }

    /// The keys a layer must have: each line's hash, and which of its hash's lines
    /// it is, counted from the top.
    #[cfg(not(target_arch = "wasm32"))]
    fn keys_counted_from_the_top(layer: &[Arc<LayerLine>]) -> bool {
        let mut seen: FxHashMap<u64, u32> = FxHashMap::default();
        layer.iter().all(|l| {
            let n = seen.entry(l.key.0).or_insert(0);
            *n += 1;
            l.key.1 == *n
        })
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn texts(layer: &[Arc<LayerLine>]) -> Vec<String> {
        layer
            .iter()
            .map(|l| l.parts.iter().map(|p| p.0.as_str()).collect())
            .collect()
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn seed(n: usize) -> String {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/crates/kehoach-core/tests/seeds"
        );
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .expect("seeds")
            .flatten()
            .map(|e| e.path())
            .collect();
        kehoach_core::order::sort(&mut paths);
        std::fs::read_to_string(&paths[n % paths.len()]).expect("seed")
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        /// A keystroke's layer (any edit: characters, line breaks, lines repeated
        /// or removed), over a plain layer or a result's, is the new text line by
        /// line, its keys counted from the top, and the lines above the edit the
        /// same elements as before.
        #[test]
        fn a_keystrokes_layer_takes_the_lines_it_did_not_reach(
            n in 0usize..5,
            at in 0.0f64..1.0,
            cut in 0usize..40,
            typed in "[a\n ]{0,6}|\n\n|\r\n|1\\. Một\n",
        ) {
            let text = seed(n);
            let mut start = ((text.len() as f64) * at) as usize;
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + cut).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let mut edited = text.clone();
            edited.replace_range(start..end, &typed);
            let lines: Vec<String> = edited.split('\n').map(|l| l.trim_end_matches('\r').to_string()).collect();

            let plain = plain_layer(&text, &[]);
            let fast = plain_layer(&edited, &plain);
            proptest::prop_assert_eq!(texts(&fast), lines.clone());
            proptest::prop_assert!(keys_counted_from_the_top(&fast));
            let above = text[..start].matches('\n').count();
            for i in 0..above {
                proptest::prop_assert!(Arc::ptr_eq(&fast[i], &plain[i]));
            }

            let checked = Analysis::new(1, &text, Lang::Vi, &Settings::default(), &[]).layer;
            let provisional = plain_layer(&edited, &checked);
            proptest::prop_assert_eq!(texts(&provisional), lines);
            proptest::prop_assert!(keys_counted_from_the_top(&provisional));
            for i in 0..above {
                proptest::prop_assert!(Arc::ptr_eq(&provisional[i], &checked[i]));
            }
        }
    }

    /// One list of segments gives every line the segments a list per line gave,
    /// and each line's start: on the seeds and the real fixtures with their
    /// findings (grouped ones, related places, `\r\n` lines, empty lines).
    #[test]
    fn highlights_in_one_list_are_the_lines_split_one_by_one() {
        let core = concat!(env!("CARGO_MANIFEST_DIR"), "/crates/kehoach-core/tests");
        let mut checked = 0;
        for dir in ["seeds", "fixtures/real"] {
            for entry in std::fs::read_dir(format!("{core}/{dir}"))
                .into_iter()
                .flatten()
                .flatten()
            {
                let Ok(text) = std::fs::read_to_string(entry.path()) else {
                    continue;
                };
                for text in [text.clone(), text.replace('\n', "\r\n")] {
                    let a = Analysis::new(1, &text, Lang::Vi, &Settings::default(), &[]);
                    let h = highlight_lines(&text, &a.findings);
                    assert_eq!(lines_of(&h), highlight_lines_per_line(&text, &a.findings));
                    let starts: Vec<usize> = std::iter::once(0)
                        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                        .collect();
                    assert_eq!((0..h.len()).map(|i| h.start(i)).collect::<Vec<_>>(), starts);
                }
                checked += 1;
            }
        }
        assert!(checked > 40, "{checked} documents");
    }

    #[test]
    fn layer_keys_tell_apart_lines_that_differ_by_a_character() {
        let key = |parts: &Vec<LayerPart>| {
            let mut h = FxHasher::default();
            parts.hash(&mut h);
            h.finish()
        };
        let mut seen = std::collections::HashSet::new();
        for i in 0..20_000 {
            for sev in [None, Some(Severity::Error)] {
                let parts = vec![(format!("{i}. Nội dung dòng"), sev, String::new(), 0)];
                assert_eq!(key(&parts), key(&parts.clone()));
                assert!(seen.insert(key(&parts)), "line {i} {sev:?} collides");
            }
        }
    }

    /// The outline's counts: what a pass over every finding counted.
    #[test]
    fn findings_are_counted_by_range_as_a_pass_over_all_counted() {
        // Forty items numbered 1 (a finding on each), and a seed's findings after.
        let text = format!(
            "KẾ HOẠCH\nCông tác năm 2024\n\nI. MỤC ĐÍCH\n{}\n{}",
            "1. Nội dung\n".repeat(40),
            include_str!("../crates/kehoach-core/tests/seeds/002_9fdcfb7b019d657a.txt"),
        );
        let (_, analysis) = through_the_worker(1, &text);
        let checked = analysis.checked();
        assert!(checked.findings.len() > 40, "{}", checked.findings.len());
        let starts = checked.finding_starts();
        let by_pass = |start: usize, end: usize| {
            checked
                .findings
                .iter()
                .filter(|f| f.out.start >= start && f.out.start < end.max(start + 1))
                .count()
        };
        let mut offsets: Vec<usize> = checked.findings.iter().map(|f| f.out.start).collect();
        offsets.extend([
            0,
            1,
            text.len() / 3,
            text.len() / 2,
            text.len(),
            text.len() + 5,
        ]);
        for &a in &offsets {
            for &b in &offsets {
                assert_eq!(starts.count_in(a, b), by_pass(a, b), "[{a}, {b})");
            }
        }
    }

    #[test]
    fn a_result_for_an_older_text_is_never_accepted() {
        let mut requests = Requests::default();
        let first = requests.new_text();
        let second = requests.new_text();
        // The first text's result arrives after the second text was sent.
        assert!(!requests.accepts(first));
        assert!(requests.accepts(second));
        let third = requests.new_text();
        assert!(!requests.accepts(second));
        assert!(requests.accepts(third));
    }

    /// `text` checked as the worker checks it: its reply, and the analysis the page
    /// reads from it.
    fn through_the_worker(version: u64, text: &str) -> (String, Analysis) {
        let sent = WorkerResult::new(version, text, Lang::Vi, &Settings::default()).to_json();
        let read = WorkerResult::from_json(&sent).expect("wire");
        (sent, Analysis::from_result(read, text, &[], &[]))
    }

    #[test]
    fn the_worker_result_crosses_whole() {
        let text = "KẾ HOẠCH\nCông tác năm 2024\n1. Một\na) Một.\nc) Ba.\n";
        let a = Analysis::new(7, text, Lang::Vi, &Settings::default(), &[]);
        let (sent, b) = through_the_worker(7, text);
        assert_eq!(b.version, 7);
        assert!(!b.stale);
        assert_eq!(b.findings, a.findings);
        assert_eq!(b.summary.as_deref(), Some("Công tác năm 2024"));
        assert_eq!(b.layer, a.layer);
        // The layer is built on the page: it does not cross.
        assert!(!sent.contains("\"parts\""));
        assert!(WorkerResult::from_json("{").is_none());
    }

    /// The plan never crosses from the worker: the findings and the summary (the
    /// draft's name) do, and the page's own parse of the same text is the plan its
    /// check would have given.
    #[test]
    fn the_plan_stays_in_the_worker() {
        let text = include_str!("../crates/kehoach-core/tests/seeds/000_dd3afc31e9f3ef9d.txt");
        let here = Analysis::new(3, text, Lang::Vi, &Settings::default(), &[]);
        let (sent, b) = through_the_worker(3, text);
        assert!(!sent.contains("\"plan\""));
        assert!(b.plan.is_none());
        assert_eq!(here.findings, b.findings);
        assert!(b.summary.is_some());
        assert_eq!(here.summary, b.summary);
        assert_eq!(here.plan.as_deref(), Some(&kehoach_core::parse(text)));
        // While the next text is checked, the panels keep the last plan.
        assert_eq!(here.provisional(4, text).plan, here.plan);
    }

    /// A character typed shifts every finding after it by a byte; their keys (and so
    /// the findings list's rows) stay, and no two findings share one.
    #[test]
    fn a_findings_key_holds_when_a_line_above_it_changes() {
        let text = include_str!("../crates/kehoach-core/tests/seeds/003_b67ebee3cb483b12.txt");
        let at = text.find("\n1.").expect("an item") + 1;
        let edited_line = text[..at].lines().count() + 1;
        let edited = format!("{}x{}", &text[..at], &text[at..]);
        let settings = Settings::default();
        let before = Analysis::new(1, text, Lang::Vi, &settings, &[]);
        let after = Analysis::new(2, &edited, Lang::Vi, &settings, &[]);
        for a in [&before, &after] {
            let keys: std::collections::HashSet<_> = a.findings.iter().map(|f| &f.key).collect();
            assert_eq!(keys.len(), a.findings.len(), "keys are unique");
        }
        let below: Vec<_> = before
            .findings
            .iter()
            .filter(|f| f.out.line > edited_line)
            .collect();
        assert!(below.len() > 3, "findings below the edited line");
        for f in below {
            let moved = after
                .findings
                .iter()
                .find(|g| g.key == f.key)
                .expect("the same key");
            assert_eq!(moved.out.start, f.out.start + 1);
        }
    }

    /// A result's layer takes the unchanged plain lines from the last result's as
    /// they are (the same `Arc`s), and is the layer it would be without them; so
    /// do the lines below a line added or removed.
    #[test]
    fn a_result_lends_unchanged_lines_from_the_last_one() {
        let text = include_str!("../crates/kehoach-core/tests/seeds/003_b67ebee3cb483b12.txt");
        let result = |t: &str| WorkerResult::new(1, t, Lang::Vi, &Settings::default());
        let before = Analysis::from_result(result(text), text, &[], &[]);
        let at = text.find("\n\n").expect("a blank line") + 1;
        let edited = format!("{}Thêm một dòng.{}", &text[..at], &text[at..]);
        let lent = Analysis::from_result(result(&edited), &edited, &[], &before.layer);
        let fresh = Analysis::from_result(result(&edited), &edited, &[], &[]);
        assert_eq!(lent.layer, fresh.layer);
        // Every plain line equal to the last layer's (text and key) is its `Arc`.
        let mut lent_lines = 0;
        for (now, last) in lent.layer.iter().zip(&before.layer) {
            let plain = now.parts.iter().all(|(_, severity, ..)| severity.is_none());
            if plain && now == last {
                assert!(Arc::ptr_eq(now, last), "{now:?}");
                lent_lines += 1;
            }
        }
        assert!(
            lent_lines * 2 > before.layer.len(),
            "{lent_lines} of {}",
            before.layer.len()
        );
        let line = edited[..at].matches('\n').count();
        assert!(!Arc::ptr_eq(&lent.layer[line], &before.layer[line]));

        // A line added (Enter and a word): the lines below it are one further down.
        let added = format!("{}Dòng thêm.\n{}", &text[..at], &text[at..]);
        let lent = Analysis::from_result(result(&added), &added, &[], &before.layer);
        assert_eq!(
            lent.layer,
            Analysis::from_result(result(&added), &added, &[], &[]).layer
        );
        let below = lent.layer[line + 1..]
            .iter()
            .zip(&before.layer[line..])
            .filter(|(now, last)| Arc::ptr_eq(now, last))
            .count();
        assert!(
            below * 2 > before.layer.len() - line,
            "{below} below line {line}"
        );
    }

    /// An underline says where its finding starts from its own line's start, so a
    /// character typed on a line above leaves the lines below (their keys, their
    /// elements) as they were.
    #[test]
    fn layer_lines_below_an_edit_keep_their_keys() {
        let text = include_str!("../crates/kehoach-core/tests/seeds/003_b67ebee3cb483b12.txt");
        let settings = Settings::default();
        let before = Analysis::new(1, text, Lang::Vi, &settings, &[]);
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut marks = 0;
        for (line, l) in before.layer.iter().enumerate() {
            for (_, sev, _, from_line) in &l.parts {
                if sev.is_some() {
                    let start = (starts[line] as i64 + from_line) as usize;
                    assert!(
                        finding_at_place(&before.findings, start).is_some(),
                        "line {line}"
                    );
                    marks += 1;
                }
            }
        }
        assert!(marks > 3);
        let at = text.find("\n1.").expect("an item") + 1;
        let edited_line = text[..at].lines().count();
        let after = Analysis::new(
            2,
            &format!("{}x{}", &text[..at], &text[at..]),
            Lang::Vi,
            &settings,
            &[],
        );
        // The edited item's own lines read differently (its marker is now `x1.`).
        let later = |a: &Analysis| {
            a.layer[edited_line + 4..]
                .iter()
                .map(|l| l.key)
                .collect::<Vec<_>>()
        };
        assert_eq!(later(&before), later(&after));
    }

    /// Each finding's fixes cross as the core's edits, byte range and text, and
    /// applying them is applying the core's.
    #[test]
    fn fixes_cross_as_the_cores_edits() {
        let text = include_str!("../crates/kehoach-core/tests/seeds/003_b67ebee3cb483b12.txt");
        let (_, crossed) = through_the_worker(1, text);
        let core = kehoach_core::check(text).diagnostics;
        let mut fixes = 0;
        for f in crossed.findings.iter() {
            let d = core
                .iter()
                .find(|d| {
                    d.code == f.out.code && d.span.start == f.out.start && d.span.end == f.out.end
                })
                .expect("the core's finding");
            assert!(f.out.fixes.is_empty(), "the CLI form's fixes stay behind");
            assert_eq!(f.fixes.len(), d.fixes.len());
            for (page, core) in f.fixes.iter().zip(&d.fixes) {
                assert_eq!(page.title, core.title.vi);
                assert_eq!(page.safe, core.safe);
                let edits: Vec<_> = core
                    .edits
                    .iter()
                    .map(|e| (e.span.start, e.span.end, e.new_text.clone()))
                    .collect();
                assert_eq!(page.edits, edits);
                fixes += 1;
            }
            assert_eq!(f.safe_fix, d.has_safe_fix());
        }
        assert!(fixes > 0, "the seed's findings offer fixes");
    }

    /// While a newer text is checked, its layer is the newer text: unchanged lines
    /// keep their underlines, changed lines are plain.
    #[test]
    fn a_provisional_layer_is_the_new_text() {
        let text = "KẾ HOẠCH\nCông tác năm 2024\n1. Một\na) Một.\nc) Ba.\n";
        let a = Analysis::new(1, text, Lang::Vi, &Settings::default(), &[]);
        let edited = "KẾ HOẠCH\nCông tác năm 2024\n1. Một\na) Một.\nb) Ba.\n";
        let p = a.provisional(2, edited);
        assert!(p.stale && p.version == 2);
        let rebuilt: Vec<String> = p
            .layer
            .iter()
            .map(|l| l.parts.iter().map(|(t, ..)| t.as_str()).collect())
            .collect();
        assert_eq!(rebuilt.join("\n"), edited);
        assert!(p.layer[4].parts.iter().all(|(_, sev, ..)| sev.is_none()));
        assert!(Arc::ptr_eq(&p.layer[0], &a.layer[0]));
        assert_ne!(p, a);
        // A line added at the top (Enter): every line below is the last layer's,
        // underlines and all, one further down.
        let p = a.provisional(3, &format!("Dòng thêm\n{text}"));
        assert!(a
            .layer
            .iter()
            .zip(&p.layer[1..])
            .all(|(last, now)| Arc::ptr_eq(last, now)));
    }

    #[test]
    fn large_texts_are_checked_and_highlighted() {
        let big = "1. Một\nc) Ba.\n".repeat(LARGE_TEXT / 14 + 1);
        let a = Analysis::new(1, &big, Lang::Vi, &Settings::default(), &[]);
        assert!(a.is_large());
        assert_eq!(a.layer.len(), big.split('\n').count());
        let marked = |l: &LayerLine| l.parts.iter().any(|(_, sev, ..)| sev.is_some());
        assert!(marked(&a.layer[1]));
        assert!(a.findings.iter().any(|f| f.out.code == "KH401"));
        let p = a.provisional(2, &big.replacen("c) Ba.", "b) Ba.", 1));
        assert!(!marked(&p.layer[1]) && marked(&p.layer[3]));
    }

    #[test]
    fn byte_offsets_of_utf16_count_surrogate_pairs() {
        let t = "aế😀b";
        assert_eq!(byte_offset(t, 4), 8);
        assert_eq!(byte_offset(t, 99), t.len());
    }

    #[test]
    fn findings_are_sorted_by_severity_and_mapped_to_utf16() {
        let text = "KẾ HOẠCH\nCông tác năm 2024\n1. Một\na) Một.\nc) Ba.\n";
        let a = Analysis::new(1, text, Lang::Vi, &Settings::default(), &[]);
        assert!(a
            .findings
            .windows(2)
            .all(|w| w[0].out.severity <= w[1].out.severity));
        let gap = a
            .findings
            .iter()
            .find(|f| f.out.code == "KH401")
            .expect("gap");
        let marker_at = text.find("c)").expect("c)");
        assert_eq!(
            gap.start16 as usize,
            text[..marker_at].encode_utf16().count()
        );
    }

    #[test]
    fn highlight_lines_cover_the_text_exactly() {
        let text = "KẾ HOẠCH\nCông tác năm 2024\n1. Một\na) Một.\nc) Ba.\n";
        let a = Analysis::new(1, text, Lang::Vi, &Settings::default(), &[]);
        let lines = lines_of(&highlight_lines(text, &a.findings));
        let rebuilt: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|s| &text[s.range.clone()]).collect())
            .collect();
        assert_eq!(rebuilt.join("\n"), text);
        let line5 = &lines[4];
        assert!(line5
            .iter()
            .any(|s| &text[s.range.clone()] == "c)" && s.severity == Some(Severity::Error)));
    }

    /// A finding grouped per root cause (extra spaces on three lines: one KH809)
    /// underlines each of its places, not only the first.
    #[test]
    fn a_grouped_finding_underlines_each_place() {
        let text =
            "KẾ HOẠCH\nCông tác năm 2024\n1. Tăng  cường.\n2. Báo  cáo.\n3. Kiểm  tra.\n4. Xong.\n";
        let a = Analysis::new(1, text, Lang::Vi, &Settings::default(), &[]);
        let spacing: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.out.code == "KH809")
            .collect();
        assert_eq!(spacing.len(), 1);
        let lines = lines_of(&highlight_lines(text, &a.findings));
        // (Line 6 carries the end-mark error, which underlines it whole.)
        for (n, line) in lines.iter().enumerate().take(5).skip(2) {
            assert!(
                line.iter()
                    .any(|s| &text[s.range.clone()] == "  " && s.finding == Some(spacing[0].index)),
                "line {}: {line:?}",
                n + 1,
            );
        }
        let rebuilt: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|s| &text[s.range.clone()]).collect())
            .collect();
        assert_eq!(rebuilt.join("\n"), text);
    }

    /// A click on the underline of a grouped finding's third place selects that
    /// place, not the first: the layer's mark says where its own place starts.
    #[test]
    fn a_related_underline_leads_to_its_own_place() {
        let text =
            "KẾ HOẠCH\nCông tác năm 2024\n1. Tăng  cường.\n2. Báo  cáo.\n3. Kiểm  tra.\n4. Xong.\n";
        let a = Analysis::new(1, text, Lang::Vi, &Settings::default(), &[]);
        let spacing = a
            .findings
            .iter()
            .find(|f| f.out.code == "KH809")
            .expect("one KH809");
        let third = text.find("Kiểm  ").expect("line 5") + "Kiểm".len();
        let line_start = text.find("3. ").expect("line 5");
        let mark = a.layer[4]
            .parts
            .iter()
            .find(|(t, sev, _, _)| t == "  " && sev.is_some())
            .expect("an underline on line 5");
        assert_eq!(line_start as i64 + mark.3, third as i64);
        assert_eq!(
            finding_at_place(&a.findings, third),
            Some((spacing.index, Some(third + 2)))
        );
        assert_eq!(
            finding_at_place(&a.findings, spacing.out.start),
            Some((spacing.index, None))
        );
        assert_eq!(finding_at_place(&a.findings, third + 1), None);
    }
}
