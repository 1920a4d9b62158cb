//! Edits the app makes to the text on request: fix-all, the paste clean-up,
//! renumbering, the next item, a new plan from the template. Each goes through the
//! editor as a user edit (`AppState::replace`), so Ctrl+Z undoes it.

use crate::analysis::{byte_offset, to16};
use crate::dismiss;
use crate::dom::current_year;
use crate::state::AppState;
use kehoach_core::compose;
use leptos::prelude::*;

impl AppState {
    /// "Sửa tất cả lỗi an toàn": the safe fixes of every rule that is on, but not of
    /// a finding the user dismissed.
    pub fn fix_all(self) {
        let dismissed = self.dismissed.get_untracked();
        let new = self.settings.with_untracked(|s| {
            self.text.with_untracked(|t| {
                kehoach_core::fix::apply_safe_fixes_of(t, |text, d| {
                    s.is_on(d.code)
                        && !dismiss::matches_any(text, d.code, d.span.start, d.span.end, &dismissed)
                })
            })
        });
        self.replace(new);
    }

    /// The clean-up offered after a paste (hygiene fixes only, of rules that are on).
    pub fn clean_paste(self) {
        let new = self.settings.with_untracked(|s| {
            self.text.with_untracked(|t| {
                kehoach_core::fix::apply_safe_fixes_where(t, |c| c.starts_with("KH8") && s.is_on(c))
            })
        });
        self.pasted.set(false);
        self.replace(new);
    }

    pub fn renumber(self) {
        let new = self.text.with_untracked(|t| compose::renumber(t));
        self.replace(new);
    }

    /// A new line after the caret's, with the next marker of the list it is in.
    pub fn insert_item(self) {
        let Some(a) = self.area_ref.get() else { return };
        let old = a.value();
        let caret = a.selection_end().ok().flatten().unwrap_or(0);
        let at = byte_offset(&old, caret);
        let line_end = old[at..].find('\n').map_or(old.len(), |i| at + i);
        let marker = compose::next_marker(&old, at);
        let mut new = old.clone();
        new.insert_str(line_end, &format!("\n{marker}"));
        self.replace(new);
        let caret = to16(&old, line_end) + 1 + marker.encode_utf16().count() as u32;
        let _ = a.set_selection_range(caret, caret);
    }

    /// A new plan is a new draft (the one open stays as it is), filled from the
    /// office profile in use.
    pub fn new_plan(self) {
        let profile = self.profiles.with_untracked(|b| b.current().cloned());
        let text = match profile {
            Some(p) => compose::template_for(current_year(), &p),
            None => compose::template(current_year()),
        };
        self.create_draft(text);
    }
}
