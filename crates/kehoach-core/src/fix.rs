//! Applying fixes: text edits, and "every safe fix" to a fixpoint.

use crate::diagnostics::TextEdit;
use crate::rules::LEGACY_ENCODING_CODES;

/// Applies edits to `text`. Edits are applied in order of position; an edit that
/// overlaps one already taken, or does not fall on character boundaries, is skipped.
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> String {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    crate::order::sort_by_key(&mut sorted, |e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in sorted {
        let (s, t) = (e.span.start, e.span.end);
        if s < pos
            || t > text.len()
            || s > t
            || !text.is_char_boundary(s)
            || !text.is_char_boundary(t)
        {
            continue;
        }
        out.push_str(&text[pos..s]);
        out.push_str(&e.new_text);
        pos = t;
    }
    out.push_str(&text[pos..]);
    out
}

/// The most rounds [`apply_safe_fixes`] runs; each round fixes every finding whose
/// edits do not overlap another's, so real texts settle in two or three.
const MAX_ROUNDS: usize = 16;

/// Applies every safe fix, re-checking after each round until none is left.
/// Idempotent: a text with no safe fix left is returned unchanged.
pub fn apply_safe_fixes(text: &str) -> String {
    apply_safe_fixes_where(text, |_| true)
}

/// The safe fixes of the text-hygiene rules only (`KH8xx`): what "clean the pasted
/// text" applies, leaving structure to the drafter.
pub fn apply_hygiene_fixes(text: &str) -> String {
    apply_safe_fixes_where(text, |code| code.starts_with("KH8"))
}

/// Applies the safe fixes of the findings whose code `keep` accepts, to a fixpoint.
pub fn apply_safe_fixes_where(text: &str, keep: impl Fn(&str) -> bool) -> String {
    apply_safe_fixes_of(text, |_, d| keep(d.code))
}

/// Applies the safe fixes of the findings `keep` takes (it sees the text of the
/// round, and the finding): fix-all leaves a finding the user dismissed alone.
pub fn apply_safe_fixes_of(
    text: &str,
    keep_finding: impl Fn(&str, &crate::diagnostics::Diagnostic) -> bool,
) -> String {
    let mut current = text.to_string();
    for _ in 0..MAX_ROUNDS {
        let report = crate::check(&current);
        let kept = |d: &crate::diagnostics::Diagnostic| keep_finding(&current, d);
        // Text in a legacy encoding is converted in a round of its own: other rules
        // read it as nonsense (a VNI `ñ)` is no list marker, so the line above looks
        // broken) and their fixes would act on that reading.
        let is_conversion = |code: &str| LEGACY_ENCODING_CODES.contains(&code);
        let converting = report
            .diagnostics
            .iter()
            .any(|d| kept(d) && is_conversion(d.code) && d.has_safe_fix());
        let mut edits: Vec<TextEdit> = Vec::new();
        let mut taken = Taken::default();
        for d in report
            .diagnostics
            .iter()
            .filter(|d| kept(d) && (!converting || is_conversion(d.code)))
        {
            if let Some(f) = d.fixes.iter().find(|f| f.safe) {
                // Take a fix whole or not at all, so a fix never half-applies.
                if !f.edits.iter().any(|e| taken.overlaps(e.span)) {
                    for e in &f.edits {
                        taken.add(e.span);
                    }
                    edits.extend(f.edits.iter().cloned());
                }
            }
        }
        if edits.is_empty() {
            break;
        }
        let next = apply_edits(&current, &edits);
        if next == current {
            break;
        }
        current = next;
    }
    current
}

/// The bytes the fixes taken so far touch, as disjoint ranges by start: whether a
/// new edit clashes is one look at its neighbour (each edit against every edit
/// taken was quadratic in a text with a finding on every line). An insertion
/// (an empty span) counts as touching the byte at its place.
#[derive(Default)]
struct Taken(std::collections::BTreeMap<usize, usize>);

impl Taken {
    fn reach(span: crate::source::Span) -> (usize, usize) {
        (span.start, span.end.max(span.start + 1))
    }

    fn overlaps(&self, span: crate::source::Span) -> bool {
        let (a, b) = Self::reach(span);
        // Only the last range starting before `b` can reach past `a`: the ranges
        // are disjoint, so each earlier one ends before the next starts.
        self.0
            .range(..b)
            .next_back()
            .is_some_and(|(_, &end)| end > a)
    }

    fn add(&mut self, span: crate::source::Span) {
        let (mut a, mut b) = Self::reach(span);
        // Merge every range it overlaps or touches into one.
        while let Some((&start, &end)) = self.0.range(..=b).next_back() {
            if end < a {
                break;
            }
            self.0.remove(&start);
            a = a.min(start);
            b = b.max(end);
        }
        self.0.insert(a, b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    proptest::proptest! {
        /// One look at the neighbouring range answers what comparing with every
        /// edit taken answers.
        #[test]
        fn taken_ranges_clash_as_every_edit_compared(
            spans in proptest::collection::vec((0usize..40, 0usize..6), 0..30)
        ) {
            let mut taken = Taken::default();
            let mut all: Vec<Span> = Vec::new();
            for (start, len) in spans {
                let e = Span::new(start, start + len);
                let by_each = all.iter().any(|o| {
                    e.start < o.end.max(o.start + 1) && o.start < e.end.max(e.start + 1)
                });
                proptest::prop_assert_eq!(taken.overlaps(e), by_each);
                // Taken or not, as a fix of several edits would be.
                if !by_each || start % 3 == 0 {
                    taken.add(e);
                    all.push(e);
                }
            }
        }
    }

    #[test]
    fn overlapping_edits_are_skipped() {
        let e = |s, t, n: &str| TextEdit {
            span: Span::new(s, t),
            new_text: n.into(),
        };
        assert_eq!(
            apply_edits("abcdef", &[e(1, 3, "X"), e(2, 4, "Y"), e(5, 5, "!")]),
            "aXde!f"
        );
    }
}
