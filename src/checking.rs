//! The check of the text in the editor, and where it runs.
//!
//! On this thread for ordinary texts, at once on every input; from `WORKER_MIN`
//! bytes in the check worker, the page showing the last findings (over a layer of
//! the new text) until the result for the text now in the editor arrives. A very
//! large text is sent when typing pauses. `tick` is bumped for each new text;
//! `requests` numbers the texts, and only the newest one's result is shown
//! (`Requests::accepts`).

use crate::analysis::{Analysis, Requests, WorkerResult, LARGE_TEXT, WORKER_MIN};
use crate::dismiss::Dismissal;
use crate::worker::{CheckWorker, Reply};
use kehoach_core::diagnostics::Lang;
use kehoach_core::settings::Settings;
use leptos::html;
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;
use wasm_bindgen::JsValue;

/// A Word file as opened: its name and bytes (to write its fixes back) and what the
/// `.docx` module read in it (its text, the findings on how Word presents it,
/// `KH9xx`, and the fixes they offer).
#[derive(Debug)]
pub struct OpenedFile {
    /// The draft it was opened into.
    pub draft: String,
    pub name: String,
    pub bytes: Vec<u8>,
    pub read: crate::docx::OpenedDocx,
}

/// How long typing must pause before a very large text is checked.
const LARGE_TEXT_PAUSE: Duration = Duration::from_millis(600);

#[derive(Clone, Copy)]
pub struct Checker {
    text: RwSignal<String>,
    lang: RwSignal<Lang>,
    settings: RwSignal<Settings>,
    /// The open draft's dismissed findings: set aside on this page, after the check.
    dismissed: Signal<Vec<Dismissal>>,
    /// The Word file last opened: its text as opened and the findings on its
    /// presentation, shown while the editor holds that text (checked on this thread
    /// then: the worker does not get the file's findings).
    opened: RwSignal<Option<Arc<OpenedFile>>>,
    /// Whether a panel showing the plan is open: only then is a worker's result
    /// given the plan, parsed on this thread from the same text (it never crosses).
    wants_plan: Signal<bool>,
    area_ref: NodeRef<html::Textarea>,
    tick: RwSignal<u64>,
    requests: StoredValue<Requests>,
    from_worker: RwSignal<Option<Arc<Analysis>>>,
    worker_ok: RwSignal<bool>,
    worker: StoredValue<Option<CheckWorker>, LocalStorage>,
    pending: StoredValue<Option<TimeoutHandle>>,
}

impl Checker {
    pub fn new(
        text: RwSignal<String>,
        lang: RwSignal<Lang>,
        settings: RwSignal<Settings>,
        dismissed: Signal<Vec<Dismissal>>,
        opened: RwSignal<Option<Arc<OpenedFile>>>,
        wants_plan: Signal<bool>,
        area_ref: NodeRef<html::Textarea>,
    ) -> Checker {
        Checker {
            text,
            lang,
            settings,
            dismissed,
            opened,
            wants_plan,
            area_ref,
            tick: RwSignal::new(0),
            requests: StoredValue::new(Requests::default()),
            from_worker: RwSignal::new(None),
            worker_ok: RwSignal::new(true),
            worker: StoredValue::new_local(None),
            pending: StoredValue::new(None),
        }
    }

    fn in_worker(self) -> bool {
        self.worker_ok.get_untracked()
            && self.text.with_untracked(|t| t.len() >= WORKER_MIN)
            && self.presentation().is_none()
    }

    /// The opened Word file (its presentation's findings), if the editor still holds
    /// its text.
    pub fn presentation(self) -> Option<Arc<OpenedFile>> {
        self.opened
            .with_untracked(|o| o.clone())
            .filter(|o| self.text.with_untracked(|t| *t == o.read.text))
    }

    /// The analysis the page shows: the worker's result for the newest text when it
    /// has arrived, a provisional one while the worker checks, else checked here.
    pub fn analysis(self) -> Memo<Analysis> {
        Memo::new(move |prev: Option<&Analysis>| {
            self.tick.track();
            let version = self.requests.with_value(Requests::latest);
            let arrived = self.from_worker.with(|w| {
                w.as_ref()
                    .filter(|a| a.version == version)
                    .map(|a| (**a).clone())
            });
            if let Some(a) = arrived {
                return a;
            }
            if self.in_worker() {
                return self.text.with_untracked(|t| match prev {
                    Some(p) => p.provisional(version, t),
                    None => Analysis::empty(version, t),
                });
            }
            let lang = self.lang.get_untracked();
            let opened = self.presentation();
            let presented = opened.as_ref().map(|o| o.read.findings.as_slice());
            self.settings.with_untracked(|s| {
                self.dismissed.with_untracked(|d| {
                    self.text
                        .with_untracked(|t| Analysis::presented(version, t, presented, lang, s, d))
                })
            })
        })
    }

    fn on_reply(self, reply: Reply) {
        match reply {
            Reply::Result(json) => {
                if let Some(result) = WorkerResult::from_json(&json) {
                    if self.requests.with_value(|r| r.accepts(result.version)) {
                        // The last result's layer lends the lines that did not change.
                        let mut a = self.from_worker.with_untracked(|last| {
                            let old = last.as_ref().map_or(&[][..], |a| a.layer.as_slice());
                            self.dismissed.with_untracked(|d| {
                                self.text
                                    .with_untracked(|t| Analysis::from_result(result, t, d, old))
                            })
                        });
                        if self.wants_plan.get_untracked() {
                            self.read_plan(&mut a);
                        }
                        self.from_worker.set(Some(Arc::new(a)));
                    }
                }
            }
            // The page checks on its own thread from now on.
            Reply::Failed(why) => {
                leptos::logging::warn!("check worker: {why}");
                self.worker_ok.set(false);
                self.tick.update(|n| *n += 1);
            }
        }
    }

    /// Sends the newest text to the worker (started on first use); false if it
    /// could not take it, which turns the worker off.
    fn send_to_worker(self) -> bool {
        if self.worker.with_value(Option::is_none) {
            self.worker
                .set_value(CheckWorker::start(move |reply| self.on_reply(reply)));
        }
        let version = self.requests.with_value(Requests::latest);
        let lang = self.lang.get_untracked();
        // The editor's value as the JS string it is (every change of the text goes
        // through the editor): no copy of a large text through Rust and back.
        let value = self
            .area_ref
            .get_untracked()
            .and_then(|a| js_sys::Reflect::get(&a, &"value".into()).ok())
            .filter(JsValue::is_string);
        let sent = self.settings.with_untracked(|s| {
            self.worker.with_value(|w| {
                w.as_ref().is_some_and(|w| match &value {
                    Some(v) => w.check(version, v, lang, s),
                    None => self
                        .text
                        .with_untracked(|t| w.check(version, &JsValue::from_str(t), lang, s)),
                })
            })
        });
        if !sent {
            self.worker_ok.set(false);
        }
        sent
    }

    /// A new text (or language) to check.
    pub fn request(self) {
        if let Some(h) = self.pending.get_value() {
            h.clear();
        }
        self.pending.set_value(None);
        self.requests.update_value(|r| {
            r.new_text();
        });
        let large = self.text.with_untracked(|t| t.len() > LARGE_TEXT);
        let worker = self.in_worker();
        if large {
            let handle = set_timeout_with_handle(
                move || {
                    if !(worker && self.send_to_worker()) {
                        self.tick.update(|n| *n += 1);
                    }
                },
                LARGE_TEXT_PAUSE,
            )
            .ok();
            self.pending.set_value(handle);
            if worker {
                self.tick.update(|n| *n += 1);
            }
        } else {
            // In the worker: the provisional analysis now, the worker's result later.
            // Otherwise (or if the worker did not take it, which turns it off): the
            // check now, on this thread.
            if worker {
                self.send_to_worker();
            }
            self.tick.update(|n| *n += 1);
        }
    }

    /// Messages in the other language, other rule settings or another finding
    /// dismissed need a new check; a large draft opened at start goes to the worker
    /// too. A panel opened on a large text's result read without the plan gets it.
    pub fn follow_language_and_settings(self) {
        Effect::new(move |first: Option<()>| {
            self.lang.track();
            self.settings.track();
            self.dismissed.track();
            self.opened.track();
            if first.is_some() || self.in_worker() {
                self.request();
            }
        });
        // A panel showing the plan opened after the worker's result for the text
        // now in the editor was read without it: the plan is read now, from that
        // same text. (A result still on its way is read with it: `on_reply`.)
        Effect::new(move |_| {
            if !self.wants_plan.get() {
                return;
            }
            let version = self.requests.with_value(Requests::latest);
            let lacking = self.from_worker.with_untracked(|w| {
                w.as_ref()
                    .filter(|a| a.version == version && a.plan.is_none())
                    .map(|a| (**a).clone())
            });
            if let Some(mut a) = lacking {
                self.read_plan(&mut a);
                self.from_worker.set(Some(Arc::new(a)));
            }
        });
    }

    /// Gives a worker's result for the text now in the editor its plan, parsed here
    /// from that text: the plan never crosses from the worker (`WorkerResult::plan`).
    fn read_plan(self, a: &mut Analysis) {
        a.plan = Some(Arc::new(
            self.text.with_untracked(|t| kehoach_core::parse(t)),
        ));
    }
}
