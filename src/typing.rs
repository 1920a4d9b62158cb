//! Reading a keystroke into the text: only what it changed.
//!
//! Copying the editor's whole value into wasm on every input cost 6.5 ms at 1 MB
//! (`encodeInto`, most of the input handler). A keystroke changes the text at the
//! caret, so the value is compared with the one the text was last read from, as
//! JS strings (a `memcmp` in the browser, nothing copied), and only the changed
//! middle crosses into Rust. An IME's composition (Vietnamese Telex and VNI in
//! Windows' and macOS's own keyboards) rewrites the word it composes, from where
//! the composition started: that start is the second place tried. Any doubt (an
//! edit away from the caret, a split surrogate pair) reads the whole value as
//! before. Whatever place is tried, the parts before and after the change are
//! compared, so a wrong guess costs a full read, never a wrong text.
//! Saving the draft compares the text with the editor's value in full, so a wrong
//! read could never reach storage.

use std::ops::Range;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;

/// Where a keystroke changed a text of `old_len` UTF-16 units into one of `new_len`,
/// with the caret now at `caret`: `(p, q)`, the units kept at the start and at the
/// end, if the change ends at the caret (typing, deleting, pasting do). The caller
/// checks that those parts are unchanged before using them.
pub fn change_at_caret(old_len: u32, new_len: u32, caret: u32) -> Option<(u32, u32)> {
    // After the caret: the old text's end. Before the change: the caret less what the
    // edit added (nothing when it removed).
    let q = new_len.checked_sub(caret)?;
    let p = caret.checked_sub(new_len.saturating_sub(old_len))?;
    (p.checked_add(q)? <= old_len.min(new_len)).then_some((p, q))
}

/// Where a change that started at `start` (where an IME's composition began) and
/// ends at the caret changed a text of `old_len` UTF-16 units into one of
/// `new_len`: `(p, q)` as [`change_at_caret`] gives them.
pub fn change_from(start: u32, old_len: u32, new_len: u32, caret: u32) -> Option<(u32, u32)> {
    let q = new_len.checked_sub(caret)?;
    (start <= caret && start.checked_add(q)? <= old_len.min(new_len)).then_some((start, q))
}

/// The byte offset in `text` of UTF-16 offset `units`, if it is a character boundary
/// there (not inside a surrogate pair, not past the end). Eight bytes at a time,
/// counted as `analysis::utf16_units` counts them (the units of the characters
/// starting in them).
pub fn byte_at_utf16(text: &str, units: u32) -> Option<usize> {
    let (b, target) = (text.as_bytes(), units as usize);
    let (mut i, mut seen) = (0, 0usize);
    while let Some(word) = b.get(i..i + 8) {
        let word_units = crate::analysis::utf16_units(word) as usize;
        // Skipped only while the target lies past everything this word starts.
        if seen + word_units >= target {
            break;
        }
        seen += word_units;
        i += 8;
    }
    for (k, &c) in b[i..].iter().enumerate() {
        if c & 0xC0 == 0x80 {
            continue;
        }
        if seen == target {
            return Some(i + k);
        }
        if seen > target {
            return None;
        }
        seen += if c >= 0xF0 { 2 } else { 1 };
    }
    (seen == target).then_some(b.len())
}

/// The byte offset in `text` that `units` UTF-16 units before its end, if it is a
/// character boundary: [`byte_at_utf16`] counted from the end, eight bytes at a time.
pub fn byte_at_utf16_from_end(text: &str, units: u32) -> Option<usize> {
    let (b, target) = (text.as_bytes(), units as usize);
    // `seen`: the units of the characters starting in `b[i..]`.
    let (mut i, mut seen) = (b.len(), 0usize);
    while let Some(word) = i.checked_sub(8).and_then(|w| b.get(w..i)) {
        let word_units = crate::analysis::utf16_units(word) as usize;
        if seen + word_units >= target {
            break;
        }
        seen += word_units;
        i -= 8;
    }
    loop {
        let boundary = b.get(i).is_none_or(|&c| c & 0xC0 != 0x80);
        if boundary && seen == target {
            return Some(i);
        }
        if seen > target || i == 0 {
            return None;
        }
        i -= 1;
        let c = b[i];
        if c & 0xC0 != 0x80 {
            seen += if c >= 0xF0 { 2 } else { 1 };
        }
    }
}

/// The bytes of `text` (`total` UTF-16 units long) that UTF-16 units
/// `start..start + len` cover, if both ends are character boundaries. Counted from
/// the nearer end: typing at the end of a long text does not count through it.
pub fn bytes_of_utf16(text: &str, total: u32, start: u32, len: u32) -> Option<Range<usize>> {
    if start <= total / 2 {
        let a = byte_at_utf16(text, start)?;
        let n = byte_at_utf16(text.get(a..)?, len)?;
        Some(a..a + n)
    } else {
        let after = total.checked_sub(start)?.checked_sub(len)?;
        let b = byte_at_utf16_from_end(text, after)?;
        let a = byte_at_utf16_from_end(text.get(..b)?, len)?;
        Some(a..b)
    }
}

/// The change `area`'s value made to `old` (the value `text` was read from), as the
/// bytes of `text` it replaced and the text that replaces them; `None` to read the
/// whole value instead. `composed_from`: where the last IME composition started.
pub fn read_change(
    area: &HtmlTextAreaElement,
    old: &js_sys::JsString,
    text: &str,
    composed_from: Option<u32>,
) -> Option<(js_sys::JsString, Range<usize>, String)> {
    let new: js_sys::JsString = js_sys::Reflect::get(area, &"value".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let caret = area.selection_end().ok()??;
    let (old_len, new_len) = (old.length(), new.length());
    // `===` on strings: their contents compared in the browser.
    let same = |a: js_sys::JsString, b: js_sys::JsString| {
        wasm_bindgen::JsValue::from(a) == wasm_bindgen::JsValue::from(b)
    };
    let unchanged_around = |&(p, q): &(u32, u32)| {
        same(old.slice(0, p), new.slice(0, p))
            && same(
                old.slice(old_len - q, old_len),
                new.slice(new_len - q, new_len),
            )
    };
    let at_caret = change_at_caret(old_len, new_len, caret);
    let composed = composed_from.and_then(|start| change_from(start, old_len, new_len, caret));
    let (p, q) = at_caret
        .filter(unchanged_around)
        .or_else(|| composed.filter(unchanged_around))?;
    let inserted = String::from(new.slice(p, new_len - q));
    let bytes = bytes_of_utf16(text, old_len, p, old_len - q - p)?;
    Some((new, bytes, inserted))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn units(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    /// `old` (UTF-16) with `ins` typed over `old[a..b]` (the cut's ends, clamped and
    /// ordered), the new text, and `a`.
    fn edited(old: &str, cut: (usize, usize), ins: &str) -> (Vec<u16>, Vec<u16>, usize) {
        let old16 = units(old);
        let (a, b) = (cut.0.min(old16.len()), cut.1.min(old16.len()));
        let (a, b) = (a.min(b), a.max(b));
        let mut new16 = old16[..a].to_vec();
        new16.extend(units(ins));
        new16.extend(&old16[b..]);
        (old16, new16, a)
    }

    /// The page's check: the `p` units before the change and the `q` after it are
    /// the same in both texts.
    fn unchanged_around(old16: &[u16], new16: &[u16], (p, q): (usize, usize)) -> bool {
        old16[..p] == new16[..p] && old16[old16.len() - q..] == new16[new16.len() - q..]
    }

    /// `old` with the change `(p, q)` read from `new16` applied as the page applies
    /// it (`None` where the page would read the whole value: a surrogate pair cut).
    fn rebuilt(old: &str, new16: &[u16], (p, q): (usize, usize)) -> Option<String> {
        let old_len = old.encode_utf16().count();
        let inserted = String::from_utf16(&new16[p..new16.len() - q]).ok()?;
        let bytes = bytes_of_utf16(old, old_len as u32, p as u32, (old_len - q - p) as u32)?;
        let mut text = old.to_string();
        text.replace_range(bytes, &inserted);
        Some(text)
    }

    proptest! {
        /// The word-at-a-time count finds the byte of every boundary and refuses the
        /// middle of a surrogate pair and anything past the end.
        #[test]
        fn byte_at_utf16_is_the_count_by_characters(
            s in "[aệ€😀\\u{301} \n]{0,40}",
            target in 0u32..90,
        ) {
            let boundaries: Vec<(usize, u32)> = s
                .char_indices()
                .map(|(i, _)| (i, s[..i].encode_utf16().count() as u32))
                .chain([(s.len(), s.encode_utf16().count() as u32)])
                .collect();
            let expected = boundaries.iter().find(|(_, u)| *u == target).map(|(i, _)| *i);
            prop_assert_eq!(byte_at_utf16(&s, target), expected);
            let total = s.encode_utf16().count() as u32;
            let from_end = total.checked_sub(target).and_then(|units| byte_at_utf16_from_end(&s, units));
            prop_assert_eq!(from_end, expected);
        }

        /// A range is the same bytes counted from either end; long texts, so that the
        /// word-at-a-time skips are taken.
        #[test]
        fn a_range_is_found_from_either_end(
            s in "[aệ€😀\\u{301} \n]{0,200}",
            start in 0u32..400,
            len in 0u32..12,
        ) {
            let total = s.encode_utf16().count() as u32;
            let forward = byte_at_utf16(&s, start).and_then(|a| {
                byte_at_utf16(s.get(a..)?, len).map(|n| a..a + n)
            });
            prop_assert_eq!(bytes_of_utf16(&s, total, start, len), forward);
        }

        /// A typed edit (text `ins` in place of `old[a..b]`, the caret after it), read
        /// at the caret and checked as the page checks it, rebuilds the new text
        /// exactly; where the check fails the page reads the whole value.
        #[test]
        fn a_change_read_at_the_caret_rebuilds_the_new_text(
            old in "[aệ😀 \n]{0,24}",
            cut in (0usize..30, 0usize..30),
            ins in "[aệ😀x\n]{0,4}",
        ) {
            let (old16, new16, a) = edited(&old, cut, &ins);
            // Only texts that are still valid (no surrogate pair cut apart).
            let Ok(new) = String::from_utf16(&new16) else { return Ok(()) };
            let caret = (a + units(&ins).len()) as u32;
            let Some((p, q)) = change_at_caret(old16.len() as u32, new16.len() as u32, caret) else {
                return Ok(());
            };
            let (p, q) = (p as usize, q as usize);
            let checked = unchanged_around(&old16, &new16, (p, q));
            if !checked {
                return Ok(());
            }
            if let Some(text) = rebuilt(&old, &new16, (p, q)) {
                prop_assert_eq!(text, new);
            }
        }
    }

    proptest! {
        /// An IME's composition rewrites its word from where it started: a change
        /// read from any start at or before the edit, once the parts around it are
        /// checked as the page checks them, rebuilds the new text exactly; from any
        /// other start the check refuses it or it still rebuilds the text.
        #[test]
        fn a_change_read_from_where_a_composition_started_rebuilds_the_new_text(
            old in "[aệ😀 \n]{0,24}",
            cut in (0usize..30, 0usize..30),
            ins in "[aệ😀x]{0,4}",
            start in 0u32..40,
        ) {
            let (old16, new16, a) = edited(&old, cut, &ins);
            let Ok(new) = String::from_utf16(&new16) else { return Ok(()) };
            let caret = (a + units(&ins).len()) as u32;
            let (old_len, new_len) = (old16.len() as u32, new16.len() as u32);
            let Some((p, q)) = change_from(start, old_len, new_len, caret) else {
                // Refused only a start after the edit.
                prop_assert!(start as usize > a);
                return Ok(());
            };
            let (p, q) = (p as usize, q as usize);
            let checked = unchanged_around(&old16, &new16, (p, q));
            prop_assert!(checked || p > a, "a start at or before the edit passes the check");
            if !checked {
                return Ok(());
            }
            if let Some(text) = rebuilt(&old, &new16, (p, q)) {
                prop_assert_eq!(text, new);
            }
        }
    }

    #[test]
    fn a_composition_is_read_from_where_it_started() {
        // "Tôi viet" → "Tôi việt": the IME rewrote "viet" (from 4) with the caret
        // after it; at the caret the change looks like nothing, from 4 it is the word.
        assert_eq!(change_at_caret(8, 8, 8), Some((8, 0)));
        assert_eq!(change_from(4, 8, 8, 8), Some((4, 0)));
        // A start after the caret is no start.
        assert_eq!(change_from(9, 8, 8, 8), None);
    }

    #[test]
    fn typing_deleting_and_pasting_are_read_at_the_caret() {
        // "abc" → "abXc": caret after X.
        assert_eq!(change_at_caret(3, 4, 3), Some((2, 1)));
        // "abc" → "ac" by Backspace after b: caret at 1.
        assert_eq!(change_at_caret(3, 2, 1), Some((1, 1)));
        // A paste of three at the start of "ab": caret at 3.
        assert_eq!(change_at_caret(2, 5, 3), Some((0, 2)));
        // A caret before what the edit added cannot be where it ended.
        assert_eq!(change_at_caret(3, 6, 1), None);
    }
}
