//! The page's shared state, provided once as a context (the way Leptos's todomvc
//! passes its store): the signals every part reads, and the actions that change the
//! text or move the selection. Each part takes it with [`use_app`].
//!
//! Actions live beside what they act on, as `impl AppState` blocks: the text and the
//! selection here, the drafts in `draft_actions.rs`, app edits in `edits.rs`, files
//! in and out in `exports.rs`. Everything shown derives from one memo, the
//! [`Analysis`] of the current text. Edits made by the app go through the textarea
//! as user edits, so Ctrl+Z undoes them.

use crate::analysis::{to16, Analysis, Checked};
use crate::app_undo::{text_hash, AppHistory};
use crate::checking::{Checker, OpenedFile};
use crate::dismiss::Dismissal;
use crate::dom;
use crate::layer::{self, LayerWindow};
use crate::profiles::ProfileBook;
use crate::session::Session;
use crate::storage;
use kehoach_core::diagnostics::{Lang, TextEdit};
use kehoach_core::settings::Settings;
use kehoach_core::source::Span;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The side panel's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Drafts,
    Findings,
    Outline,
    Tasks,
    Form,
    Profile,
    Rules,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    /// The office's rule settings (off, another severity), for every draft.
    pub settings: RwSignal<Settings>,
    /// The findings dismissed in the open draft (`dismiss.rs`).
    pub dismissed: Memo<Vec<Dismissal>>,
    /// The office profiles and the one in use (`profiles.rs`).
    pub profiles: RwSignal<ProfileBook>,
    /// The Word file last opened, whose presentation is checked while the editor
    /// holds its text (`checking.rs`).
    pub opened: RwSignal<Option<std::sync::Arc<OpenedFile>>>,
    /// The editor's text (the textarea is its source; see `editor.rs`).
    pub text: RwSignal<String>,
    pub session: Session,
    pub check: Checker,
    pub analysis: Memo<Analysis>,
    /// The analysis's plan and findings, which change only when a check is done (not
    /// on each provisional analysis while the worker checks): what the panels read.
    pub checked: Memo<Checked>,
    /// The finding selected (F8, a click), by index into the analysis.
    pub current: RwSignal<Option<usize>>,
    /// The caret, in UTF-16 units.
    pub cursor: RwSignal<u32>,
    pub tab: RwSignal<Tab>,
    pub printing: RwSignal<bool>,
    /// Text was pasted since the last clean-up offer.
    pub pasted: RwSignal<bool>,
    /// Why the last file could not be opened.
    pub open_error: RwSignal<Option<String>>,
    pub area_ref: NodeRef<html::Textarea>,
    pub layer_ref: NodeRef<html::Div>,
    /// The highlight layer's lines rendered as elements (`layer.rs`).
    pub window: RwSignal<LayerWindow>,
    /// The autosave waiting to run, and when the first change it saves was made
    /// (`draft_actions.rs`).
    pub(crate) pending_save: StoredValue<Option<(TimeoutHandle, f64)>>,
    /// The editor's value as `text` was last read from it, so that a keystroke
    /// reads only what it changed (`typing.rs`); `None` after `text` was set any
    /// other way (every other write of `text` must clear it).
    editor_value: StoredValue<Option<js_sys::JsString>, LocalStorage>,
    /// Where the last IME composition started in the editor (UTF-16): the second
    /// place a keystroke's change is read from (`typing.rs`). Kept until the next
    /// composition: a start that no longer fits fails the comparison around the
    /// change, and the whole value is read, as without it.
    pub(crate) composition_start: StoredValue<Option<u32>>,
    /// The app's edits too large for the browser's undo history (`app_undo.rs`).
    app_history: StoredValue<AppHistory>,
}

/// The page's state, from any part of the page.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

impl AppState {
    /// Opens the drafts (the last one opened comes back) and sets up the check.
    pub fn start() -> AppState {
        let lang = RwSignal::new(storage::load_lang());
        let (session, initial) = Session::start(lang.get_untracked());
        let text = RwSignal::new(initial);
        let area_ref = NodeRef::<html::Textarea>::new();
        let settings = RwSignal::new(storage::load_settings());
        let dismissed = session.open_dismissed();
        let opened = RwSignal::new(None);
        let tab = RwSignal::new(Tab::Findings);
        let wants_plan = Signal::derive(move || matches!(tab.get(), Tab::Outline | Tab::Tasks));
        let check = Checker::new(
            text,
            lang,
            settings,
            dismissed.into(),
            opened,
            wants_plan,
            area_ref,
        );
        let analysis = check.analysis();
        AppState {
            lang,
            settings,
            dismissed,
            profiles: RwSignal::new(storage::load_profiles()),
            opened,
            text,
            session,
            check,
            analysis,
            checked: Memo::new(move |_| analysis.with(Analysis::checked)),
            current: RwSignal::new(None),
            cursor: RwSignal::new(0),
            tab,
            printing: RwSignal::new(false),
            pasted: RwSignal::new(false),
            open_error: RwSignal::new(None),
            area_ref,
            layer_ref: NodeRef::new(),
            window: RwSignal::new(LayerWindow::start()),
            pending_save: StoredValue::new(None),
            editor_value: StoredValue::new_local(None),
            composition_start: StoredValue::new(None),
            app_history: StoredValue::new(AppHistory::default()),
        }
    }

    /// Reads the editor's value into `text` after an input: only what the keystroke
    /// changed when the value `text` was last read from is known and the change
    /// is at the caret (`typing.rs`), else the whole value.
    pub fn read_editor(self) {
        let Some(area) = self.area_ref.get_untracked() else {
            return;
        };
        let change = self.editor_value.with_value(|old| {
            let old = old.as_ref()?;
            let composed_from = self.composition_start.get_value();
            self.text
                .with_untracked(|t| crate::typing::read_change(&area, old, t, composed_from))
        });
        match change {
            Some((value, bytes, inserted)) => {
                self.text.update(|t| t.replace_range(bytes, &inserted));
                self.editor_value.set_value(Some(value));
            }
            None => {
                let value = js_sys::Reflect::get(&area, &"value".into())
                    .ok()
                    .and_then(|v| v.dyn_into::<js_sys::JsString>().ok());
                self.text
                    .set(value.as_ref().map_or_else(|| area.value(), String::from));
                self.editor_value.set_value(value);
            }
        }
    }

    /// Makes sure `text` is the editor's value, compared in full (the check before a
    /// save: a keystroke's change read wrongly must never reach storage); where it
    /// is not, `text` takes the editor's value.
    pub fn ensure_text_is_editors(self) {
        let Some(area) = self.area_ref.get_untracked() else {
            return;
        };
        let value = area.value();
        if self.text.with_untracked(|t| *t != value) {
            leptos::logging::warn!("the text differed from the editor's value: read again");
            self.editor_value.set_value(None);
            self.text.set(value);
        }
    }

    /// Replaces the text as an edit in the editor (Ctrl+Z undoes it: the browser's
    /// history, or the app's for an edit too large for it).
    pub fn replace(self, new: String) {
        // The edit's input event reads the whole value, and `editor_value` with it
        // (the `text` set below is that same value).
        self.editor_value.set_value(None);
        if let Some(a) = self.area_ref.get() {
            if let Some(edit) = dom::replace_text(&a, &new) {
                self.app_history.update_value(|h| h.record(edit));
            }
            self.text.set(a.value());
        } else {
            self.text.set(new);
        }
        self.check.request();
    }

    /// Ctrl+Z (`redo`: Ctrl+Shift+Z, Ctrl+Y) in the editor: takes back (or again) an
    /// app edit the browser's history does not hold, when the text is the one that
    /// edit left. False: the browser's own undo is to run.
    pub fn undo_app_edit(self, redo: bool) -> bool {
        let Some(area) = self.area_ref.get_untracked() else {
            return false;
        };
        if self.app_history.with_value(AppHistory::is_empty) {
            return false;
        }
        let now = self.text.with_untracked(|t| text_hash(t));
        let swap = self
            .app_history
            .try_update_value(|h| if redo { h.redo(now) } else { h.undo(now) });
        let Some(swap) = swap.flatten() else {
            return false;
        };
        self.editor_value.set_value(None);
        dom::write_swap(&area, &swap);
        self.text.set(area.value());
        self.check.request();
        true
    }

    /// Shows another draft: its text replaces the editor's outright (a fresh undo
    /// history: Ctrl+Z must not bring the previous draft's text into this one).
    pub fn show(self, new: String) {
        if let Some(a) = self.area_ref.get() {
            a.set_value(&new);
        }
        self.app_history.update_value(AppHistory::clear);
        self.editor_value.set_value(None);
        self.text.set(new);
        self.current.set(None);
        self.check.request();
    }

    /// Selects finding `index` in the editor and scrolls to it.
    pub fn go_to(self, index: usize) {
        let a = self.analysis.get_untracked();
        if let Some(f) = a.findings.get(index) {
            self.show_place(index, f.start16, f.end16, f.out.line);
        }
    }

    /// Makes finding `index` current with its place `start16..end16` (UTF-16) on
    /// line `line` selected and in view.
    fn show_place(self, index: usize, start16: u32, end16: u32, line: usize) {
        if let Some(area) = self.area_ref.get() {
            self.current.set(Some(index));
            dom::select_range(&area, start16, end16);
            self.scroll_to_line(line);
            self.cursor.set(start16);
        }
    }

    /// A click on an underline: the finding whose place (its range or a related one)
    /// starts `from_line` bytes from the start of the layer's line keyed `line` (found
    /// now: the line may have moved since the mark was drawn; a keyed line keeps its
    /// element while it reads the same).
    pub fn go_to_layer_mark(self, line: (u64, u32), from_line: i64) {
        let Some(number) = self
            .analysis
            .with_untracked(|a| a.layer.iter().position(|l| l.key == line))
        else {
            return;
        };
        let line_start = self.text.with_untracked(|t| {
            t.match_indices('\n')
                .nth(number.wrapping_sub(1))
                .map_or(0, |(i, _)| i + 1)
        });
        let start = i64::try_from(line_start)
            .unwrap_or(i64::MAX)
            .saturating_add(from_line);
        if let Ok(start) = usize::try_from(start) {
            self.go_to_start(start);
        }
    }

    /// Selects the most severe finding with a place that starts at byte `start` (a
    /// mark knows where its place starts; the index is looked up on click, so a
    /// line's view stays valid while other findings come and go). A grouped finding's
    /// related place is selected itself: the click was on it, not on the first.
    pub fn go_to_start(self, start: usize) {
        let found = self
            .analysis
            .with_untracked(|a| crate::analysis::finding_at_place(&a.findings, start));
        match found {
            Some((i, None)) => self.go_to(i),
            Some((i, Some(end))) => {
                let (start16, end16, line) = self.text.with_untracked(|t| {
                    let line = t.get(..start).map_or(0, |s| s.matches('\n').count()) + 1;
                    (to16(t, start), to16(t, end), line)
                });
                self.show_place(i, start16, end16, line);
            }
            None => {}
        }
    }

    /// F8 / Shift+F8: the next or previous finding, round the end.
    pub fn step(self, forward: bool) {
        let n = self.analysis.with_untracked(|a| a.findings.len());
        if n == 0 {
            return;
        }
        let next = match (self.current.get_untracked(), forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        self.go_to(next);
    }

    /// Selects bytes `start..end` of the text and scrolls line `line` into view: what
    /// a click on an outline entry or a task does.
    pub fn select_bytes(self, start: usize, end: usize, line: usize) {
        if let Some(a) = self.area_ref.get_untracked() {
            let (s, e) = self.text.with_untracked(|t| (to16(t, start), to16(t, end)));
            dom::select_range(&a, s, e);
            self.scroll_to_line(line);
        }
    }

    /// Scrolls line `line` (1-based) into the middle third of the view. A line of a
    /// long text may not be rendered in the layer yet: the window moves to it first,
    /// and the scroll follows the next frame, once it is.
    fn scroll_to_line(self, line: usize) {
        let index = line.saturating_sub(1);
        let n = self.analysis.with_untracked(|a| a.layer.len());
        let scroll = move || {
            let window = self.window.get_untracked().clamped(n);
            if let (Some(area), Some(layer)) = (
                self.area_ref.get_untracked(),
                self.layer_ref.get_untracked(),
            ) {
                if let Some(el) = layer::rendered_line(&layer, window, index) {
                    dom::scroll_to_line(&area, &layer, &el);
                    return true;
                }
            }
            false
        };
        if !scroll() {
            self.window.set(LayerWindow::around(index, n));
            request_animation_frame(move || {
                scroll();
            });
        }
    }

    /// New rule settings for every draft: kept in this browser and applied (the text
    /// is checked again). False if the storage refused them: they apply until reload.
    pub fn set_settings(self, next: Settings) -> bool {
        let kept = storage::save_settings(&next);
        self.settings.set(next);
        kept
    }

    /// Changes the office profiles: kept in this browser. False if the storage
    /// refused them (they apply until reload).
    pub fn set_profiles(self, change: impl FnOnce(&mut ProfileBook)) -> bool {
        let mut book = self.profiles.get_untracked();
        change(&mut book);
        let kept = storage::save_profiles(&book);
        self.profiles.set(book);
        kept
    }

    /// Applies fix `fix` of finding `finding`. Not while the findings shown are an
    /// older text's (the worker checks the newest): their edits are that text's
    /// byte offsets, and would land in the wrong place in this one.
    pub fn apply_fix(self, finding: usize, fix: usize) {
        let edits: Vec<TextEdit> = self.analysis.with_untracked(|a| {
            if a.stale {
                return Vec::new();
            }
            a.findings
                .get(finding)
                .and_then(|f| f.fixes.get(fix))
                .map(|fx| {
                    fx.edits
                        .iter()
                        .map(|(start, end, new_text)| TextEdit {
                            span: Span::new(*start, *end),
                            new_text: new_text.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default()
        });
        if edits.is_empty() {
            return;
        }
        let new = self
            .text
            .with_untracked(|t| kehoach_core::fix::apply_edits(t, &edits));
        self.replace(new);
    }
}
