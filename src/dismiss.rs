//! Findings the user dismissed ("Bỏ qua") in a draft.
//!
//! A dismissal names the finding by its rule and the text it covers, not by line or
//! offset: it keeps hiding the finding while the text around it changes, and lets it
//! come back once that text changes. When the same rule flags the same words more
//! than once, `nth` says which of them (in text order). Kept with the draft, so it
//! travels in backups. Pure, and unit-tested natively.

use crate::analysis::Finding;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dismissal {
    pub code: String,
    /// The words the finding covers (its line, for a finding that covers none).
    pub text: String,
    /// Which of the findings with this code and text, in text order (0-based).
    #[serde(default)]
    pub nth: u32,
}

/// What a finding covers, as its dismissal keeps it: its bytes, or the line it sits
/// on when it covers none (a missing part is reported at a place, not on words).
pub fn covered(text: &str, start: usize, end: usize) -> String {
    let start = kehoach_core::text::floor_char_boundary(text, start.min(text.len()));
    let end = kehoach_core::text::floor_char_boundary(text, end.min(text.len())).max(start);
    if end > start {
        return text[start..end].to_string();
    }
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    text[line_start..line_end]
        .trim_end_matches('\r')
        .to_string()
}

/// Each finding's dismissal key, in the findings' order.
pub fn keys(text: &str, findings: &[Finding]) -> Vec<Dismissal> {
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| (findings[i].out.start, findings[i].out.end));
    let mut seen: HashMap<(String, String), u32> = HashMap::new();
    let mut out = vec![None; findings.len()];
    for i in order {
        let f = &findings[i].out;
        let words = covered(text, f.start, f.end);
        let n = seen.entry((f.code.clone(), words.clone())).or_insert(0);
        out[i] = Some(Dismissal {
            code: f.code.clone(),
            text: words,
            nth: *n,
        });
        *n += 1;
    }
    out.into_iter().flatten().collect()
}

/// The findings shown and those hidden by `dismissed`, each list numbered again in
/// its order (`Finding::index` is a finding's place in the list it is in).
pub fn split(
    text: &str,
    findings: Vec<Finding>,
    dismissed: &[Dismissal],
) -> (Vec<Finding>, Vec<Finding>) {
    if dismissed.is_empty() {
        return (findings, Vec::new());
    }
    let keys = keys(text, &findings);
    let (mut shown, mut hidden) = (Vec::new(), Vec::new());
    for (f, k) in findings.into_iter().zip(keys) {
        if dismissed.contains(&k) {
            hidden.push(f);
        } else {
            shown.push(f);
        }
    }
    for (i, f) in shown.iter_mut().enumerate() {
        f.index = i;
    }
    for (i, f) in hidden.iter_mut().enumerate() {
        f.index = i;
    }
    (shown, hidden)
}

/// Whether a core finding (code and byte range) is one of `dismissed`, by its code
/// and words whatever its place among repeats: what fix-all leaves alone.
pub fn matches_any(
    text: &str,
    code: &str,
    start: usize,
    end: usize,
    dismissed: &[Dismissal],
) -> bool {
    dismissed.iter().any(|d| d.code == code)
        && dismissed
            .iter()
            .any(|d| d.code == code && d.text == covered(text, start, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analysis;
    use kehoach_core::diagnostics::Lang;
    use kehoach_core::settings::Settings;

    const PLAN: &str = "KẾ HOẠCH\nCông tác năm 2024\n1. Một\na) Một.\nc) Ba.\n";

    fn findings(text: &str) -> Vec<Finding> {
        (*Analysis::new(1, text, Lang::Vi, &Settings::default(), &[]).findings).clone()
    }

    #[test]
    fn a_dismissed_finding_stays_hidden_while_other_lines_change_and_comes_back_with_its_text() {
        let all = findings(PLAN);
        let target = all
            .iter()
            .position(|f| f.out.code == "KH401")
            .expect("a numbering finding");
        let key = keys(PLAN, &all)[target].clone();
        assert_eq!(
            key.text,
            covered(PLAN, all[target].out.start, all[target].out.end)
        );
        let (shown, hidden) = split(PLAN, all.clone(), std::slice::from_ref(&key));
        assert_eq!(shown.len() + 1, all.len());
        assert_eq!(hidden.len(), 1);
        assert_eq!(hidden[0].out.code, "KH401");
        assert!(shown.iter().enumerate().all(|(i, f)| f.index == i));
        // Another line changes (a line above moves the finding down): still hidden.
        let moved = PLAN.replace("Công tác năm 2024", "Công tác chuyển đổi số năm 2024");
        let (_, hidden) = split(&moved, findings(&moved), std::slice::from_ref(&key));
        assert_eq!(hidden.len(), 1);
        // Its own words change: it is back.
        let changed = PLAN.replace("c) Ba.", "d) Ba.");
        let (shown, hidden) = split(&changed, findings(&changed), std::slice::from_ref(&key));
        assert!(hidden.is_empty());
        assert!(shown.iter().any(|f| f.out.code == "KH401"));
    }

    #[test]
    fn repeats_are_told_apart_by_their_order_and_an_empty_range_by_its_line() {
        assert_eq!(covered("ab\ncd\nef", 4, 4), "cd");
        assert_eq!(covered("ab\r\ncd", 1, 1), "ab");
        assert_eq!(covered("aế", 1, 2), "aế");
        let text = "x  y\nx  y\n";
        let all = findings(text);
        let ks = keys(text, &all);
        let doubles: Vec<&Dismissal> = ks.iter().filter(|k| k.code == "KH809").collect();
        if doubles.len() == 2 {
            assert_eq!((doubles[0].nth, doubles[1].nth), (0, 1));
        }
    }
}
