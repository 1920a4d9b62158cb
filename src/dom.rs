//! The few DOM operations the editor needs, kept out of the components.

use crate::app_undo::{self, AppEdit, Swap};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlTextAreaElement};

/// The smallest change turning `old` into `new`: (start, end) in UTF-16 units of `old`,
/// the text of `old` it removes and the text it inserts.
pub fn minimal_change(old: &str, new: &str) -> (u32, u32, String, String) {
    let prefix: usize = old
        .chars()
        .zip(new.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let old_rest = &old[prefix..];
    let new_rest = &new[prefix..];
    let suffix: usize = old_rest
        .chars()
        .rev()
        .zip(new_rest.chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let old_mid = &old_rest[..old_rest.len() - suffix];
    let new_mid = &new_rest[..new_rest.len() - suffix];
    let start = old[..prefix].encode_utf16().count() as u32;
    let end = start + old_mid.encode_utf16().count() as u32;
    (start, end, old_mid.to_string(), new_mid.to_string())
}

/// Replaces the textarea's text with `new` as one user edit, so Ctrl+Z undoes it,
/// where the browser does that cheaply (see `app_undo`). Otherwise, or where
/// `insertText` is refused, writes it outright and returns the edit for the app's
/// own history (the browser's is cleared).
pub fn replace_text(area: &HtmlTextAreaElement, new: &str) -> Option<AppEdit> {
    let old = area.value();
    if old == new {
        return None;
    }
    let (start, end, removed, insert) = minimal_change(&old, new);
    let _ = area.focus();
    let as_user_edit = app_undo::cheap_as_user_edit(old.len(), &insert) && {
        let _ = area.set_selection_range(start, end);
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
            .and_then(|d| {
                if insert.is_empty() {
                    d.exec_command("delete").ok()
                } else {
                    d.exec_command_with_show_ui_and_value("insertText", false, &insert)
                        .ok()
                }
            })
            .unwrap_or(false)
    };
    if as_user_edit && area.value() == new {
        return None;
    }
    if as_user_edit
        || area
            .set_range_text_with_start_and_end(&insert, start, end)
            .is_err()
    {
        area.set_value(new);
    }
    let caret = start + insert.encode_utf16().count() as u32;
    let _ = area.set_selection_range(caret, caret);
    if let Ok(ev) = web_sys::InputEvent::new("input") {
        let _ = area.dispatch_event(&ev);
    }
    // `new` is what the textarea now holds (its value normalizes only line breaks,
    // and the app's texts have `\n` ones already), and what `text` is set to.
    Some(AppEdit {
        start16: start,
        removed,
        inserted: insert,
        before: app_undo::text_hash(&old),
        after: app_undo::text_hash(new),
    })
}

/// Writes an undo or redo of the app's history into the textarea (outright: the
/// browser's history is already past it) and selects what it wrote.
pub fn write_swap(area: &HtmlTextAreaElement, swap: &Swap) {
    let _ = area.focus();
    if area
        .set_range_text_with_start_and_end(&swap.text, swap.start16, swap.end16)
        .is_err()
    {
        return;
    }
    let end = swap.start16 + swap.text.encode_utf16().count() as u32;
    let _ = area.set_selection_range(swap.start16, end);
    if let Ok(ev) = web_sys::InputEvent::new("input") {
        let _ = area.dispatch_event(&ev);
    }
}

/// Selects a range of the textarea (UTF-16 offsets) and gives it the focus.
pub fn select_range(area: &HtmlTextAreaElement, start: u32, end: u32) {
    let _ = area.focus();
    let _ = area.set_selection_range(start, end);
}

/// Scrolls the textarea (and the layer with it) so that `line`, a line element of the
/// highlight layer, which wraps lines exactly as the textarea, is in the middle third.
pub fn scroll_to_line(area: &HtmlTextAreaElement, layer: &HtmlElement, line: &HtmlElement) {
    let top = line.offset_top() - area.client_height() / 3;
    area.set_scroll_top(top.max(0));
    layer.set_scroll_top(area.scroll_top());
}

/// `14:32`, local time.
pub fn clock(ms: f64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

/// `14:32 22/11/2026`, local time.
pub fn clock_and_day(ms: f64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!(
        "{} {:02}/{:02}/{}",
        clock(ms),
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year()
    )
}

/// This year, local time (the template's date).
pub fn current_year() -> u16 {
    js_sys::Date::new_0().get_full_year() as u16
}

/// The browser's yes/no question; no answer (a blocked dialog) is a no.
pub fn confirm(question: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_change_finds_the_edited_middle() {
        assert_eq!(
            minimal_change("a) x\nc) y", "a) x\nb) y"),
            (5, 6, "c".into(), "b".into())
        );
        assert_eq!(
            minimal_change("Số: 23 /KH", "Số: 23/KH"),
            (6, 7, " ".into(), String::new())
        );
        assert_eq!(minimal_change("ế", "ếế"), (1, 1, String::new(), "ế".into()));
        assert_eq!(
            minimal_change("same", "same"),
            (4, 4, String::new(), String::new())
        );
    }
}
