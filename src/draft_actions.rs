//! What the page does with drafts: autosave, switching, creating, deleting, the
//! other tab's changes, snapshots, backups. The rules are the session's
//! (`session.rs` over `drafts.rs`); these tie them to the editor.

use crate::dismiss::{self, Dismissal};
use crate::dom::clock;
use crate::download::offer;
use crate::i18n::{t, Key};
use crate::session::Incoming;
use crate::state::AppState;
use kehoach_core::diagnostics::{Lang, Severity};
use kehoach_core::settings::Settings;
use leptos::ev;
use leptos::prelude::*;
use std::time::Duration;

/// How long after the first unsaved change a draft is saved.
const AUTOSAVE_DELAY: u64 = 500;
/// A large draft (from `WORKER_MIN` bytes) is saved when typing pauses this long…
const LARGE_SAVE_PAUSE: u64 = 700;
/// …and at the latest this long after its first unsaved change.
const LARGE_SAVE_MAX: u64 = 3_000;

/// When the autosave runs (ms from now) after a change to a text of `bytes`,
/// `since` ms after the first change it has not saved yet (`None`: this is it);
/// `None` to leave the pending save as it is. A small text is saved half a second
/// after its first change, so steady typing is never more than that behind. A large
/// one costs the page's thread a frame or more to save (25 ms at 1 MB: the text
/// read from the editor and compared, the stored draft read back, the JSON written),
/// so it is saved in a pause of the typing, not in the middle of a word, and never
/// more than `LARGE_SAVE_MAX` behind.
fn autosave_delay(bytes: usize, since: Option<u64>) -> Option<u64> {
    if bytes < crate::analysis::WORKER_MIN {
        return since.is_none().then_some(AUTOSAVE_DELAY);
    }
    let left = LARGE_SAVE_MAX.saturating_sub(since.unwrap_or(0));
    Some(LARGE_SAVE_PAUSE.min(left))
}

impl AppState {
    /// The dismissal key of finding `index` of the list shown (or, `hidden`, of the
    /// list of dismissed ones), counted among all the check's findings as `split` does.
    fn dismissal_of(self, index: usize, hidden: bool) -> Option<Dismissal> {
        self.analysis.with_untracked(|a| {
            if a.stale {
                return None;
            }
            let all = a.findings.iter().chain(a.hidden.iter()).map(|f| &f.out);
            let at = if hidden {
                a.findings.len() + index
            } else {
                index
            };
            self.text
                .with_untracked(|t| dismiss::keys(t, all).into_iter().nth(at))
        })
    }

    /// "Bỏ qua": hides finding `index` in the open draft, for as long as its text
    /// stays as it is (kept with the draft, so it travels in backups).
    pub fn dismiss(self, index: usize) {
        let Some(key) = self.dismissal_of(index, false) else {
            return;
        };
        // A draft never written yet is written first, so the dismissal has a draft.
        self.save_now();
        let mut list = self.dismissed.get_untracked();
        if !list.contains(&key) {
            list.push(key);
        }
        self.current.set(None);
        self.session
            .set_dismissed(&self.session.open_id.get_untracked(), list);
    }

    /// "Hiện lại": shows dismissed finding `index` again.
    pub fn undismiss(self, index: usize) {
        let Some(key) = self.dismissal_of(index, true) else {
            return;
        };
        let mut list = self.dismissed.get_untracked();
        list.retain(|d| d != &key);
        self.session
            .set_dismissed(&self.session.open_id.get_untracked(), list);
    }

    /// Saves the open draft now (a pending autosave is done here instead).
    pub fn save_now(self) {
        if let Some((h, _)) = self.pending_save.get_value() {
            h.clear();
        }
        self.pending_save.set_value(None);
        // What is saved is what the editor shows, compared in full here (a keystroke
        // reads only what it changed: `typing.rs`).
        self.ensure_text_is_editors();
        let (title, errors) = self.analysis.with_untracked(|a| {
            (
                self.text
                    .with_untracked(|t| crate::drafts::title_of(a.summary.as_deref(), t)),
                a.count(Severity::Error),
            )
        });
        self.text
            .with_untracked(|t| self.session.save(t, title, errors));
    }

    /// Autosave ([`autosave_delay`]: half a second after the first unsaved change,
    /// a large draft in a pause of the typing); a pending save is flushed when the
    /// page goes to the background or is closed, so a reload never loses the last
    /// change.
    pub fn keep_saved(self) {
        Effect::new(move |first: Option<()>| {
            self.text.track();
            if first.is_none() {
                return;
            }
            let now = js_sys::Date::now();
            let first_change = self.pending_save.with_value(|p| p.map(|(_, at)| at));
            let since = first_change.map(|at| (now - at).max(0.0) as u64);
            let bytes = self.text.with_untracked(String::len);
            let Some(delay) = autosave_delay(bytes, since) else {
                return;
            };
            if let Some((h, _)) = self.pending_save.get_value() {
                h.clear();
            }
            let handle =
                set_timeout_with_handle(move || self.save_now(), Duration::from_millis(delay)).ok();
            self.pending_save
                .set_value(handle.map(|h| (h, first_change.unwrap_or(now))));
        });
        let _ = window_event_listener(ev::pagehide, move |_| self.save_now());
        // A tab put in the background can be closed without a pagehide (a phone's
        // browser, a tab the system discards): it is saved as it goes.
        let _ = window_event_listener(ev::visibilitychange, move |_| {
            if document().hidden() {
                self.save_now();
            }
        });
        let _ = window_event_listener(ev::beforeunload, move |ev| {
            self.save_now();
            // Text the storage does not hold (memory mode, a full storage, an open
            // conflict): let the browser ask before the page goes.
            let session = self.session;
            let unsaved = session.in_memory()
                || session.fault.with_untracked(Option::is_some)
                || session.conflict.with_untracked(Option::is_some);
            if unsaved && self.text.with_untracked(|t| !t.is_empty()) {
                ev.prevent_default();
                ev.set_return_value("unsaved");
            }
        });
    }

    /// Leaving the open draft saves it first; while another tab's version waits for
    /// the user's choice it cannot be saved, so the choice comes first (the banner
    /// asks for it) and the draft stays open. False when it could not be left.
    fn leave_open_draft(self) -> bool {
        self.save_now();
        self.session.conflict.with_untracked(Option::is_none)
    }

    pub fn switch_to(self, id: String) {
        if !self.leave_open_draft() {
            return;
        }
        if let Some(t) = self.session.open(&id) {
            self.show(t);
        }
    }

    /// Opens a new draft of `initial`; false when the open draft could not be left.
    pub fn create_draft(self, initial: String) -> bool {
        if !self.leave_open_draft() {
            return false;
        }
        if let Some(t) = self.session.create(initial) {
            self.show(t);
        }
        true
    }

    /// Moves a draft to the trash; the open one is replaced by the next, or a new one.
    pub fn trash_draft(self, id: String) {
        if id != self.session.open_id.get_untracked() {
            self.session.trash(&id);
            return;
        }
        if !self.leave_open_draft() {
            return;
        }
        self.session.trash(&id);
        match self.session.next_live() {
            Some(next) => self.switch_to(next),
            None => {
                self.create_draft(String::new());
            }
        }
    }

    /// Another tab changed a draft: the list follows; the open draft follows only if
    /// this tab has no unsaved change to it, else the conflict banner asks.
    pub fn follow_other_tabs(self) {
        let _ = window_event_listener(ev::storage, move |ev: web_sys::StorageEvent| {
            if self.session.in_memory() {
                return;
            }
            let incoming = self
                .text
                .with_untracked(|t| self.session.incoming(ev.key(), t));
            if let Incoming::Load(theirs) = incoming {
                self.replace(theirs);
                self.session.notice.set(Some(
                    t(self.lang.get_untracked(), Key::LoadedFromOtherTab).into(),
                ));
            }
        });
    }

    pub fn take_theirs(self) {
        if let Some(theirs) = self.text.with_untracked(|t| self.session.take_theirs(t)) {
            self.replace(theirs);
        }
    }

    pub fn keep_mine(self) {
        self.text
            .with_untracked(|t| self.session.keep_mine_as_copy(t));
        self.save_now();
    }

    /// Ctrl+S: a snapshot in the open draft's history.
    pub fn snapshot_now(self) {
        self.save_now();
        let id = self.session.open_id.get_untracked();
        let lang = self.lang.get_untracked();
        let message = match self.session.snapshot(&id, self.text.get_untracked(), true) {
            Ok(()) => format!(
                "{} {}",
                t(lang, Key::SnapshotTaken),
                clock(js_sys::Date::now())
            ),
            Err(e) => e.message(lang),
        };
        self.session.notice.set(Some(message));
    }

    /// Downloads every draft as one backup file.
    pub fn export_backup(self) {
        let carried = crate::drafts::Carried {
            settings: self
                .settings
                .with_untracked(|s| (!s.rules.is_empty()).then(|| s.to_json())),
            profiles: self
                .profiles
                .with_untracked(|b| (!b.profiles.is_empty()).then(|| b.to_json())),
        };
        match self
            .text
            .with_untracked(|t| self.session.backup(t, &carried))
        {
            Ok(json) => {
                let day = js_sys::Date::new_0()
                    .to_iso_string()
                    .as_string()
                    .unwrap_or_default()
                    .chars()
                    .take(10)
                    .collect::<String>();
                offer(
                    &format!("kehoach-sao-luu-{day}.json"),
                    "application/json",
                    json.as_bytes(),
                );
            }
            Err(e) => self
                .session
                .notice
                .set(Some(e.message(self.lang.get_untracked()))),
        }
    }

    /// The rule settings a backup carries, taken when this browser has none (an
    /// import never overwrites what is here).
    fn take_backup_settings(self, json: Option<&str>) {
        let Some(theirs) = json.and_then(|j| Settings::from_json(j).ok()) else {
            return;
        };
        if self.settings.with_untracked(|s| s.rules.is_empty()) {
            self.set_settings(theirs);
        }
    }

    /// Adds the drafts of a backup file; says what was added.
    pub fn import_backup(self, file: web_sys::File) {
        crate::files::read_file(file, move |name, bytes| {
            let l = self.lang.get_untracked();
            let Some(bytes) = bytes else {
                self.session
                    .notice
                    .set(Some(format!("{name}: {}", t(l, Key::CannotRead))));
                return;
            };
            let json = String::from_utf8_lossy(&bytes);
            let message = match self.session.import(&json) {
                Ok(r) => {
                    self.take_backup_settings(r.carried.settings.as_deref());
                    if let Some(json) = r.carried.profiles.as_deref() {
                        let theirs = crate::profiles::ProfileBook::from_json(json);
                        self.set_profiles(|b| {
                            b.merge(theirs);
                        });
                    }
                    // A fresh page (nothing typed yet) shows what was imported.
                    if self.text.with_untracked(|t| t.is_empty()) {
                        if let Some(id) = self.session.next_live() {
                            self.switch_to(id);
                        }
                    }
                    match l {
                    Lang::Vi => format!("{name}: thêm {} bản nháp, {} đã có sẵn, {} bản khác nội dung được giữ thành bản mới.", r.added, r.unchanged, r.copies),
                    Lang::En => format!("{name}: {} drafts added, {} already here, {} with other text kept as new drafts.", r.added, r.unchanged, r.copies),
                    }
                }
                Err(e) => format!("{name}: {}", e.message(l)),
            };
            self.session.notice.set(Some(message));
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::WORKER_MIN;

    #[test]
    fn a_small_draft_is_saved_half_a_second_after_its_first_change() {
        assert_eq!(autosave_delay(10_000, None), Some(500));
        // Typing on does not put it off.
        assert_eq!(autosave_delay(10_000, Some(300)), None);
    }

    #[test]
    fn a_large_draft_is_saved_in_a_pause_and_never_more_than_three_seconds_behind() {
        assert_eq!(autosave_delay(WORKER_MIN, None), Some(700));
        // Each keystroke puts it off to a pause after it…
        assert_eq!(autosave_delay(WORKER_MIN, Some(1_000)), Some(700));
        // …but not past three seconds from the first change.
        assert_eq!(autosave_delay(1_000_000, Some(2_600)), Some(400));
        assert_eq!(autosave_delay(1_000_000, Some(5_000)), Some(0));
    }
}
