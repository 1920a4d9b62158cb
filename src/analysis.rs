//! What the page shows for one version of the text, computed once per input: the
//! findings (with UTF-16 offsets, which is what a textarea's selection speaks), the
//! plan for the outline and tasks, and the highlight segments of each line.
//!
//! Pure Rust with no DOM access, so it is unit-tested natively.

use kehoach_core::diagnostics::{Lang, OutDiagnostic, Severity};
use kehoach_core::model::Plan;
use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// A finding as the page uses it.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub index: usize,
    pub out: OutDiagnostic,
    /// UTF-16 offsets of the range, for `setSelectionRange`.
    pub start16: u32,
    pub end16: u32,
    pub safe_fix: bool,
}

/// One piece of a line in the highlight layer: text, and the severity underlining it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub severity: Option<Severity>,
    /// The finding whose message the segment shows (the most severe covering it).
    pub finding: Option<usize>,
}

/// A line of the highlight layer, ready to render. `key` identifies its content and
/// underlines, so a keystroke re-renders only the lines it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerLine {
    pub key: (u64, u32),
    /// (text, severity, tooltip, byte offset of the finding's start).
    pub parts: Vec<(String, Option<Severity>, String, usize)>,
}

/// A finding's identity across versions of the text: what a keyed list needs.
pub fn finding_key(f: &Finding) -> (String, usize, usize, u64) {
    let mut h = DefaultHasher::new();
    f.out.message.hash(&mut h);
    (f.out.code.clone(), f.out.start, f.out.end, h.finish())
}

/// Above this size (bytes) the page checks when typing pauses and draws no underlines:
/// a 10 MB paste must not freeze the page. Measured: 1 MB still updates in ~90 ms.
pub const LARGE_TEXT: usize = 2_000_000;

#[derive(Debug, Clone)]
pub struct Analysis {
    /// Bumped on every text change: equality is by version, so a new text always
    /// propagates without comparing whole plans.
    pub version: u64,
    pub plan: Plan,
    pub findings: Vec<Finding>,
    pub layer: Vec<Arc<LayerLine>>,
    /// The text's size in bytes; above [`LARGE_TEXT`] there are no highlight lines.
    pub bytes: usize,
}

impl PartialEq for Analysis {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version
    }
}

impl Analysis {
    pub fn new(version: u64, text: &str, lang: Lang) -> Self {
        let report = kehoach_core::check(text);
        let index = kehoach_core::source::LineIndex::new(text);
        let mut offsets: Vec<usize> = report
            .diagnostics
            .iter()
            .flat_map(|d| [d.span.start, d.span.end])
            .collect();
        offsets.sort_unstable();
        offsets.dedup();
        let map = utf16_offsets(text, &offsets);
        let to16 = |b: usize| -> u32 {
            match offsets.binary_search(&b) {
                Ok(i) => map[i],
                Err(_) => 0,
            }
        };
        let mut findings: Vec<Finding> = report
            .diagnostics
            .iter()
            .map(|d| Finding {
                index: 0,
                out: d.to_out(text, &index, lang),
                start16: to16(d.span.start),
                end16: to16(d.span.end),
                safe_fix: d.has_safe_fix(),
            })
            .collect();
        // Errors first, then warnings, then notes; in text order within each.
        findings.sort_by_key(|f| (f.out.severity, f.out.start, f.out.end));
        for (i, f) in findings.iter_mut().enumerate() {
            f.index = i;
        }
        let large = text.len() > LARGE_TEXT;
        let layer = if large {
            Vec::new()
        } else {
            layer_lines(&highlight_lines(text, &findings), &findings)
        };
        Analysis {
            version,
            plan: report.plan,
            findings,
            layer,
            bytes: text.len(),
        }
    }

    pub fn is_large(&self) -> bool {
        self.bytes > LARGE_TEXT
    }

    pub fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.out.severity == s).count()
    }

    /// Findings whose range starts inside `[start, end)` (byte offsets).
    pub fn findings_in(&self, start: usize, end: usize) -> usize {
        self.findings
            .iter()
            .filter(|f| f.out.start >= start && f.out.start < end.max(start + 1))
            .count()
    }
}

/// The layer's lines with their keys: a hash of the parts, and which occurrence of that
/// hash it is (blank lines repeat), so keys are unique and stable when lines move.
fn layer_lines(lines: &[Vec<Segment>], findings: &[Finding]) -> Vec<Arc<LayerLine>> {
    let mut seen: HashMap<u64, u32> = HashMap::new();
    lines
        .iter()
        .map(|segs| {
            let parts: Vec<(String, Option<Severity>, String, usize)> = segs
                .iter()
                .map(|s| {
                    let (title, start) = s
                        .finding
                        .and_then(|i| findings.get(i))
                        .map(|f| (format!("{} [{}]", f.out.message, f.out.code), f.out.start))
                        .unwrap_or_default();
                    (s.text.clone(), s.severity, title, start)
                })
                .collect();
            let mut h = DefaultHasher::new();
            parts.hash(&mut h);
            let hash = h.finish();
            let n = seen.entry(hash).or_insert(0);
            *n += 1;
            Arc::new(LayerLine {
                key: (hash, *n),
                parts,
            })
        })
        .collect()
}

/// UTF-16 offsets of sorted byte offsets, in one pass over the text.
pub fn utf16_offsets(text: &str, sorted_bytes: &[usize]) -> Vec<u32> {
    let mut out = Vec::with_capacity(sorted_bytes.len());
    let mut it = sorted_bytes.iter().peekable();
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        while let Some(&&b) = it.peek() {
            if b <= i {
                out.push(units);
                it.next();
            } else {
                break;
            }
        }
        units += c.len_utf16() as u32;
    }
    for _ in it {
        out.push(units);
    }
    out
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

/// Splits every line into segments underlined by the most severe finding covering
/// them. Zero-width findings (a missing part) underline the character after them.
pub fn highlight_lines(text: &str, findings: &[Finding]) -> Vec<Vec<Segment>> {
    // Events: at byte b, a finding starts or ends.
    let mut events: Vec<(usize, bool, usize)> = Vec::with_capacity(findings.len() * 2);
    for f in findings {
        let (s, mut e) = (f.out.start.min(text.len()), f.out.end.min(text.len()));
        if e <= s {
            // Widen to the next character so it can be seen.
            e = text[s..].chars().next().map_or(s, |c| s + c.len_utf8());
        }
        if e > s {
            events.push((s, true, f.index));
            events.push((e, false, f.index));
        }
    }
    events.sort_by_key(|&(b, start, _)| (b, start));
    let mut active: Vec<usize> = Vec::new();
    let mut lines: Vec<Vec<Segment>> = vec![Vec::new()];
    let mut ev = events.into_iter().peekable();
    let mut seg_start = 0;
    let current = |active: &[usize]| -> Option<usize> {
        active
            .iter()
            .copied()
            .min_by_key(|&i| (findings[i].out.severity, i))
    };
    let push = |lines: &mut Vec<Vec<Segment>>, s: &str, f: Option<usize>| {
        // A segment may contain line breaks: split it across lines.
        for (k, part) in s.split('\n').enumerate() {
            if k > 0 {
                lines.push(Vec::new());
            }
            if let (false, Some(line)) = (part.is_empty(), lines.last_mut()) {
                line.push(Segment {
                    text: part.trim_end_matches('\r').to_string(),
                    severity: f.map(|i| findings[i].out.severity),
                    finding: f,
                });
            }
        }
    };
    loop {
        let next = ev.peek().map(|&(b, _, _)| b);
        let end = next.unwrap_or(text.len());
        if end > seg_start {
            push(&mut lines, &text[seg_start..end], current(&active));
            seg_start = end;
        }
        match ev.next() {
            None => break,
            Some((_, true, i)) => active.push(i),
            Some((_, false, i)) => active.retain(|&x| x != i),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_texts_are_checked_but_not_highlighted() {
        let big = "1. Một\nc) Ba.\n".repeat(LARGE_TEXT / 14 + 1);
        let a = Analysis::new(1, &big, Lang::Vi);
        assert!(a.is_large());
        assert!(a.layer.is_empty());
        assert!(a.findings.iter().any(|f| f.out.code == "KH401"));
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs() {
        let t = "aế😀b";
        let bytes = [0, 1, 4, 8, t.len()];
        assert_eq!(utf16_offsets(t, &bytes), vec![0, 1, 2, 4, 5]);
        assert_eq!(byte_offset(t, 4), 8);
        assert_eq!(byte_offset(t, 99), t.len());
    }

    #[test]
    fn findings_are_sorted_by_severity_and_mapped_to_utf16() {
        let text = "KẾ HOẠCH\nCông tác năm 2024\n1. Một\na) Một.\nc) Ba.\n";
        let a = Analysis::new(1, text, Lang::Vi);
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
        let a = Analysis::new(1, text, Lang::Vi);
        let lines = highlight_lines(text, &a.findings);
        let rebuilt: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|s| s.text.as_str()).collect())
            .collect();
        assert_eq!(rebuilt.join("\n"), text);
        let line5 = &lines[4];
        assert!(line5
            .iter()
            .any(|s| s.text == "c)" && s.severity == Some(Severity::Error)));
    }
}
