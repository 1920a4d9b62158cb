//! Findings the user dismissed ("Bỏ qua") in a draft.
//!
//! A dismissal names the finding by its rule and the text it covers, not by line or
//! offset: it keeps hiding the finding while the text around it changes, and lets it
//! come back once that text changes. When the same rule flags the same words more
//! than once, `nth` says which of them (in text order). Kept with the draft, so it
//! travels in backups. Pure, and unit-tested natively.

use kehoach_core::diagnostics::OutDiagnostic;
use kehoach_core::json::{field, field_or_default, FromJson, ToJson, Value, Writer};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dismissal {
    pub code: String,
    /// The words the finding covers (its line, for a finding that covers none).
    pub text: String,
    /// Which of the findings with this code and text, in text order (0-based);
    /// 0 where the stored JSON has none.
    pub nth: u32,
}

impl FromJson for Dismissal {
    fn from_json(value: &Value<'_>) -> Result<Self, kehoach_core::json::Error> {
        Ok(Dismissal {
            code: field(value, "code")?,
            text: field(value, "text")?,
            nth: field_or_default(value, "nth")?,
        })
    }
}

impl ToJson for Dismissal {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("code", &self.code);
        w.field("text", &self.text);
        w.field("nth", &self.nth);
        w.end_object();
    }
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
pub fn keys<'a>(
    text: &str,
    findings: impl IntoIterator<Item = &'a OutDiagnostic>,
) -> Vec<Dismissal> {
    let findings: Vec<&OutDiagnostic> = findings.into_iter().collect();
    let mut order: Vec<usize> = (0..findings.len()).collect();
    // Repeats are counted in one order whatever list they come in (the shown then
    // the hidden, or the check's): by place, then message.
    kehoach_core::order::sort_by(&mut order, |&a, &b| {
        let (x, y) = (findings[a], findings[b]);
        (x.start, x.end, &x.message) < (y.start, y.end, &y.message)
    });
    let mut seen: HashMap<(String, String), u32> = HashMap::new();
    let mut out = vec![None; findings.len()];
    for i in order {
        let f = findings[i];
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

/// The items shown and those hidden by `dismissed` (`out` gives an item's finding),
/// each list in its order.
pub fn split<T>(
    text: &str,
    items: Vec<T>,
    out: impl Fn(&T) -> &OutDiagnostic,
    dismissed: &[Dismissal],
) -> (Vec<T>, Vec<T>) {
    if dismissed.is_empty() {
        return (items, Vec::new());
    }
    let keys = keys(text, items.iter().map(&out));
    let (mut shown, mut hidden) = (Vec::new(), Vec::new());
    for (item, k) in items.into_iter().zip(keys) {
        if dismissed.contains(&k) {
            hidden.push(item);
        } else {
            shown.push(item);
        }
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
    use kehoach_core::diagnostics::Lang;
    use kehoach_core::source::LineIndex;

    const PLAN: &str = "KẾ HOẠCH\nCông tác năm 2024\n1. Một\na) Một.\nc) Ba.\n";

    fn findings(text: &str) -> Vec<OutDiagnostic> {
        let index = LineIndex::new(text);
        kehoach_core::check(text)
            .diagnostics
            .iter()
            .map(|d| d.to_out(text, &index, Lang::Vi))
            .collect()
    }

    fn split_of(text: &str, dismissed: &[Dismissal]) -> (Vec<OutDiagnostic>, Vec<OutDiagnostic>) {
        split(text, findings(text), |f| f, dismissed)
    }

    #[test]
    fn a_dismissed_finding_stays_hidden_while_other_lines_change_and_comes_back_with_its_text() {
        let all = findings(PLAN);
        let target = all
            .iter()
            .position(|f| f.code == "KH401")
            .expect("a numbering finding");
        let key = keys(PLAN, &all)[target].clone();
        assert_eq!(key.text, covered(PLAN, all[target].start, all[target].end));
        let (shown, hidden) = split_of(PLAN, std::slice::from_ref(&key));
        assert_eq!(shown.len() + 1, all.len());
        assert_eq!(hidden.len(), 1);
        assert_eq!(hidden[0].code, "KH401");
        // Another line changes (a line above moves the finding down): still hidden.
        let moved = PLAN.replace("Công tác năm 2024", "Công tác chuyển đổi số năm 2024");
        assert_eq!(split_of(&moved, std::slice::from_ref(&key)).1.len(), 1);
        // Its own words change: it is back.
        let changed = PLAN.replace("c) Ba.", "d) Ba.");
        let (shown, hidden) = split_of(&changed, std::slice::from_ref(&key));
        assert!(hidden.is_empty());
        assert!(shown.iter().any(|f| f.code == "KH401"));
        assert!(matches_any(
            PLAN,
            "KH401",
            all[target].start,
            all[target].end,
            &[key]
        ));
    }

    #[test]
    fn repeats_are_told_apart_by_their_order_and_an_empty_range_by_its_line() {
        assert_eq!(covered("ab\ncd\nef", 4, 4), "cd");
        assert_eq!(covered("ab\r\ncd", 1, 1), "ab");
        assert_eq!(covered("aế", 1, 2), "aế");
        let text = "1. Một\nc) Ba.\n1. Một\nc) Ba.\n";
        let ks = keys(text, &findings(text));
        let repeats: Vec<&Dismissal> = ks
            .iter()
            .filter(|k| k.code == "KH401" && k.text == "c)")
            .collect();
        assert_eq!(repeats.len(), 2, "{ks:?}");
        assert_eq!((repeats[0].nth, repeats[1].nth), (0, 1));
        assert_eq!(repeats[0].text, repeats[1].text);
    }
}
