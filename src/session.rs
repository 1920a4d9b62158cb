//! This tab's drafts: which one is open, what this tab last read or wrote of it,
//! and the page-side half of every drafts operation (the rules live in `drafts.rs`).
//!
//! [`Session`] is a bundle of signals, `Copy`, handed to the components that need
//! it. Operations that change what the editor shows return the text to show; the
//! editor itself stays the App's.

use crate::drafts::{
    self, Draft, ImportReport, Loaded, SaveError, Snapshot, Store, AUTO_SNAPSHOT_MS,
};
use crate::storage::{Local, Memory, StorageError};
use kehoach_core::diagnostics::Lang;
use kehoach_core::order;
use leptos::prelude::*;

fn now() -> f64 {
    js_sys::Date::now()
}

fn salt() -> u32 {
    (js_sys::Math::random() * f64::from(u32::MAX)) as u32
}

/// What the storage event from another tab means for this one.
pub enum Incoming {
    Nothing,
    /// The open draft changed there and not here: show theirs.
    Load(String),
    /// The open draft changed there and here: ask.
    Conflict,
}

#[derive(Clone, Copy)]
pub struct Session {
    store: StoredValue<Store, LocalStorage>,
    /// Every draft (trash included) without its text, most recent first.
    pub drafts: RwSignal<Vec<Draft>>,
    pub open_id: RwSignal<String>,
    /// Revision and text of the open draft as this tab last read or wrote it.
    base: StoredValue<(u64, String)>,
    pub saved_at: RwSignal<Option<f64>>,
    /// The last save's failure (quota…); cleared by the next good save.
    pub fault: RwSignal<Option<StorageError>>,
    /// Why the page works in memory, if it does.
    pub memory_mode: RwSignal<Option<StorageError>>,
    /// Another tab's version of the open draft, while the user decides.
    pub conflict: RwSignal<Option<Draft>>,
    /// A one-off message: migrated, damaged entries set aside, imported…
    pub notice: RwSignal<Option<String>>,
    /// Bumped when the open draft's history changes.
    pub history_tick: RwSignal<u64>,
    last_snapshot: StoredValue<f64>,
}

fn listed(mut d: Draft) -> Draft {
    d.text = String::new();
    d
}

impl Session {
    /// Opens the storage (or memory, if refused), migrates, and opens the last
    /// draft. Returns the session and the text to show.
    pub fn start(lang: Lang) -> (Session, String) {
        let t = now();
        let mut memory_mode = None;
        let mut notices = Vec::new();
        let (store, loaded) = match Local::open() {
            Ok(local) => {
                crate::storage::ask_persistent();
                let store = Store::new(Box::new(local));
                match store.load(t) {
                    Ok(loaded) => (store, loaded),
                    Err(e) => {
                        memory_mode = Some(e);
                        (Store::new(Box::new(Memory::default())), Loaded::default())
                    }
                }
            }
            Err(e) => {
                memory_mode = Some(e);
                (Store::new(Box::new(Memory::default())), Loaded::default())
            }
        };
        if loaded.migrated_from.is_some() {
            notices.push(match lang {
                Lang::Vi => "Bản nháp cũ đã được chuyển sang cách lưu mới.".to_string(),
                Lang::En => "The earlier draft was moved to the new storage layout.".to_string(),
            });
        }
        for key in &loaded.quarantined {
            notices.push(StorageError::Corrupted(key.clone()).message(lang));
        }
        let session = Session {
            store: StoredValue::new_local(store),
            drafts: RwSignal::new(loaded.drafts.iter().cloned().map(listed).collect()),
            open_id: RwSignal::new(String::new()),
            base: StoredValue::new((0, String::new())),
            saved_at: RwSignal::new(None),
            fault: RwSignal::new(None),
            memory_mode: RwSignal::new(memory_mode),
            conflict: RwSignal::new(None),
            notice: RwSignal::new((!notices.is_empty()).then(|| notices.join(" "))),
            history_tick: RwSignal::new(0),
            last_snapshot: StoredValue::new(0.0),
        };
        let live = |d: &&Draft| d.deleted.is_none();
        let chosen = loaded
            .last_open
            .as_ref()
            .and_then(|id| loaded.drafts.iter().filter(live).find(|d| &d.id == id))
            .or_else(|| loaded.drafts.iter().find(live));
        let text = chosen
            .and_then(|d| session.open(&d.id))
            .or_else(|| session.create(String::new()))
            .unwrap_or_default();
        (session, text)
    }

    pub fn in_memory(&self) -> bool {
        self.memory_mode.with_untracked(Option::is_some)
    }

    /// Reads a draft and makes it the open one; returns its text.
    pub fn open(&self, id: &str) -> Option<String> {
        let draft = self.store.with_value(|s| s.read(id)).ok().flatten()?;
        self.base.set_value((draft.rev, draft.text.clone()));
        self.open_id.set(draft.id.clone());
        self.conflict.set(None);
        let _ = self.store.with_value(|s| s.set_last_open(id));
        let last = self
            .store
            .with_value(|s| s.history(id, now()))
            .last()
            .map_or(0.0, |s| s.at);
        self.last_snapshot.set_value(last);
        self.upsert(draft.clone());
        self.history_tick.update(|n| *n += 1);
        Some(draft.text)
    }

    /// Creates a draft with `text` and opens it; returns its text. An empty draft
    /// is written on its first change, so drafts opened and left empty leave no trace.
    pub fn create(&self, text: String) -> Option<String> {
        let draft = Draft::new(drafts::new_id(now(), salt()), text, now());
        let draft = Draft { rev: 1, ..draft };
        let stored = if draft.text.is_empty() {
            Err(None)
        } else {
            self.store.with_value(|s| s.put(&draft)).map_err(Some)
        };
        match stored {
            Ok(()) => self.open(&draft.id),
            Err(e) => {
                // The draft lives in this page; with an empty base it counts as
                // unsaved, so the next change writes it.
                if e.is_some() {
                    self.fault.set(e);
                }
                self.upsert(draft.clone());
                self.base.set_value((0, String::new()));
                self.open_id.set(draft.id.clone());
                self.conflict.set(None);
                self.last_snapshot.set_value(0.0);
                self.history_tick.update(|n| *n += 1);
                Some(draft.text)
            }
        }
    }

    fn upsert(&self, draft: Draft) {
        let draft = listed(draft);
        self.drafts.update(|list| {
            list.retain(|d| d.id != draft.id);
            list.push(draft);
            order::sort_by(list, |a, b| b.updated.total_cmp(&a.updated).is_lt());
        });
    }

    /// True when the editor holds changes this tab has not saved.
    pub fn is_dirty(&self, text: &str) -> bool {
        self.base.with_value(|(_, base)| base != text)
    }

    /// Saves the open draft's text (autosave). `title` and `errors` come from the
    /// page's current analysis, so saving costs no second check.
    pub fn save(&self, text: &str, title: String, errors: usize) {
        if self.conflict.with_untracked(Option::is_some) {
            return; // Nothing is written until the user chooses.
        }
        let id = self.open_id.get_untracked();
        let (base_rev, base_text) = self.base.get_value();
        if base_text == text && self.fault.with_untracked(Option::is_none) {
            return;
        }
        let t = now();
        let known = self
            .drafts
            .with_untracked(|l| l.iter().find(|d| d.id == id).cloned());
        let mut draft = known.unwrap_or_else(|| Draft::new(id.clone(), String::new(), t));
        draft.text = text.to_string();
        draft.updated = t;
        draft.title = title;
        draft.errors = errors;
        match self
            .store
            .with_value(|s| s.save(&draft, base_rev, &base_text))
        {
            Ok(stored) => {
                self.base.set_value((stored.rev, stored.text.clone()));
                self.saved_at.set(Some(t));
                self.fault.set(None);
                self.upsert(stored);
                // While editing, the version of a while ago goes into the history.
                if t - self.last_snapshot.get_value() >= AUTO_SNAPSHOT_MS
                    && !base_text.trim().is_empty()
                    && base_text != text
                {
                    // Best effort: the draft itself is saved; a full storage
                    // already pruned history to make room for it.
                    let _ = self.snapshot(&id, base_text, false);
                }
            }
            Err(SaveError::Conflict(theirs)) => self.conflict.set(Some(*theirs)),
            Err(SaveError::Storage(e)) => self.fault.set(Some(e)),
        }
    }

    /// Saves a snapshot of the open draft (Ctrl+S, or before a restore).
    pub fn snapshot(&self, id: &str, text: String, manual: bool) -> Result<(), StorageError> {
        let t = now();
        let result = self.store.with_value(|s| {
            s.add_snapshot(
                id,
                Snapshot {
                    at: t,
                    text,
                    manual,
                },
            )
        });
        if result.is_ok() {
            self.last_snapshot.set_value(t);
            self.history_tick.update(|n| *n += 1);
        }
        result
    }

    pub fn history(&self) -> Vec<Snapshot> {
        self.history_tick.track();
        let id = self.open_id.get();
        self.store.with_value(|s| s.history(&id, now()))
    }

    /// Applies `change` to a stored draft (rename, trash, restore) and writes it.
    fn modify(&self, id: &str, change: impl FnOnce(&mut Draft)) {
        let mut draft = match self.store.with_value(|s| s.read(id)) {
            Ok(Some(d)) => d,
            Ok(None) => {
                // Never written: an empty draft, or one a full storage refused.
                match self
                    .drafts
                    .with_untracked(|l| l.iter().find(|d| d.id == id).cloned())
                {
                    Some(d) if d.title.is_empty() && d.deleted.is_none() => {
                        self.drafts.update(|l| l.retain(|d| d.id != id));
                    }
                    _ => {}
                }
                return;
            }
            Err(e) => {
                self.fault.set(Some(e));
                return;
            }
        };
        change(&mut draft);
        draft.rev += 1;
        match self.store.with_value(|s| s.put(&draft)) {
            Ok(()) => {
                if self.open_id.get_untracked() == id {
                    self.base.update_value(|(rev, _)| *rev = draft.rev);
                }
                self.upsert(draft);
            }
            Err(e) => self.fault.set(Some(e)),
        }
    }

    /// The dismissed findings of draft `id` ("Bỏ qua" and "Hiện lại").
    pub fn set_dismissed(&self, id: &str, dismissed: Vec<crate::dismiss::Dismissal>) {
        self.modify(id, |d| d.dismissed = dismissed);
    }

    /// The open draft's dismissed findings.
    pub fn open_dismissed(&self) -> Memo<Vec<crate::dismiss::Dismissal>> {
        let (drafts, open_id) = (self.drafts, self.open_id);
        Memo::new(move |_| {
            open_id.with(|id| {
                drafts.with(|l| {
                    l.iter()
                        .find(|d| &d.id == id)
                        .map(|d| d.dismissed.clone())
                        .unwrap_or_default()
                })
            })
        })
    }

    pub fn rename(&self, id: &str, name: String) {
        let name = name.trim().to_string();
        self.modify(id, |d| d.name = (!name.is_empty()).then_some(name));
    }

    pub fn trash(&self, id: &str) {
        self.modify(id, |d| d.deleted = Some(now()));
    }

    pub fn restore(&self, id: &str) {
        self.modify(id, |d| d.deleted = None);
    }

    /// A copy of a stored draft under a new id (not opened).
    pub fn duplicate(&self, id: &str, lang: Lang) {
        let Ok(Some(source)) = self.store.with_value(|s| s.read(id)) else {
            return;
        };
        let t = now();
        let copy_word = match lang {
            Lang::Vi => "bản sao",
            Lang::En => "copy",
        };
        let name =
            (!source.label().is_empty()).then(|| format!("{} ({copy_word})", source.label()));
        let copy = Draft {
            id: drafts::new_id(t, salt()),
            name,
            created: t,
            updated: t,
            rev: 1,
            deleted: None,
            ..source
        };
        match self.store.with_value(|s| s.put(&copy)) {
            Ok(()) => self.upsert(copy),
            Err(e) => self.fault.set(Some(e)),
        }
    }

    /// Deletes a trashed draft for good.
    pub fn purge(&self, id: &str) {
        match self.store.with_value(|s| s.purge(id)) {
            Ok(()) => self.drafts.update(|l| l.retain(|d| d.id != id)),
            Err(e) => self.fault.set(Some(e)),
        }
    }

    /// Deletes every trashed draft for good.
    pub fn empty_trash(&self) {
        let trashed: Vec<String> = self.drafts.with_untracked(|l| {
            l.iter()
                .filter(|d| d.deleted.is_some())
                .map(|d| d.id.clone())
                .collect()
        });
        for id in trashed {
            self.purge(&id);
        }
    }

    /// The draft to open after the open one went to the trash.
    pub fn next_live(&self) -> Option<String> {
        let open = self.open_id.get_untracked();
        self.drafts.with_untracked(|l| {
            l.iter()
                .find(|d| d.deleted.is_none() && d.id != open)
                .map(|d| d.id.clone())
        })
    }

    /// Another tab wrote `key` (a `storage` event): refresh the list, and say what
    /// it means for the open draft given the editor's `text`.
    pub fn incoming(&self, key: Option<String>, text: &str) -> Incoming {
        let Some(key) = key else {
            // The whole storage was cleared elsewhere: keep what is open (it saves
            // again on the next change) and reload the list.
            self.reload_list();
            return Incoming::Nothing;
        };
        let Some(id) = key.strip_prefix(drafts::DRAFT_PREFIX) else {
            if key.starts_with(drafts::HISTORY_PREFIX) {
                self.history_tick.update(|n| *n += 1);
            }
            return Incoming::Nothing;
        };
        let theirs = match self.store.with_value(|s| s.read(id)) {
            Ok(Some(d)) => d,
            _ => {
                self.drafts.update(|l| l.retain(|d| d.id != id));
                return Incoming::Nothing;
            }
        };
        self.upsert(theirs.clone());
        if id != self.open_id.get_untracked() {
            return Incoming::Nothing;
        }
        // `theirs` is read back from the storage, not taken from the event, so a
        // late event for an older write shows the current version.
        let (base_rev, base_text) = self.base.get_value();
        if theirs.text == text || (theirs.text == base_text && theirs.rev >= base_rev) {
            // Both tabs agree, or only its name or trash state changed there.
            self.base.set_value((theirs.rev, theirs.text));
            Incoming::Nothing
        } else if theirs.text == base_text {
            Incoming::Nothing
        } else if theirs.rev > base_rev && !self.is_dirty(text) {
            self.base.set_value((theirs.rev, theirs.text.clone()));
            Incoming::Load(theirs.text)
        } else {
            // Either this tab has unsaved changes, or both tabs wrote the same
            // revision at once (localStorage reaches other tabs a moment later, so
            // a save's check cannot see a write made in that moment): ask.
            self.conflict.set(Some(theirs));
            Incoming::Conflict
        }
    }

    fn reload_list(&self) {
        if let Ok(loaded) = self.store.with_value(|s| s.load(now())) {
            let open = self.open_id.get_untracked();
            // The open draft stays listed even if it was never written (empty).
            let unwritten = self.drafts.with_untracked(|l| {
                l.iter()
                    .find(|d| d.id == open && !loaded.drafts.iter().any(|s| s.id == open))
                    .cloned()
            });
            self.drafts.set(
                loaded
                    .drafts
                    .into_iter()
                    .map(listed)
                    .chain(unwritten)
                    .collect(),
            );
        }
    }

    /// Conflict, "load theirs": this tab's text goes into the history first.
    pub fn take_theirs(&self, mine: &str) -> Option<String> {
        let theirs = self.conflict.get_untracked()?;
        let _ = self.snapshot(&theirs.id, mine.to_string(), true);
        self.base.set_value((theirs.rev, theirs.text.clone()));
        self.conflict.set(None);
        Some(theirs.text)
    }

    /// Conflict, "keep mine as a copy": this tab's text becomes a new draft, opened;
    /// the original keeps theirs.
    pub fn keep_mine_as_copy(&self, mine: &str) {
        self.conflict.set(None);
        let _ = self.create(mine.to_string());
    }

    /// Every draft with its history; the open one as the editor holds it (`text`),
    /// which may be newer than what the storage could take.
    /// Every draft (the open one with `text`), and what else the backup carries.
    pub fn backup(&self, text: &str, carried: &drafts::Carried) -> Result<String, StorageError> {
        let id = self.open_id.get_untracked();
        let open = self
            .drafts
            .with_untracked(|l| l.iter().find(|d| d.id == id).cloned())
            .filter(|_| !text.is_empty())
            .map(|mut d| {
                d.text = text.to_string();
                d
            });
        self.store
            .with_value(|s| s.backup(now(), open.as_ref(), carried))
    }

    pub fn import(&self, json: &str) -> Result<ImportReport, drafts::BackupError> {
        let report = self.store.with_value(|s| s.import(json, now(), salt()))?;
        self.reload_list();
        Ok(report)
    }
}
