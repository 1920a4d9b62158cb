//! The page: a toolbar, the editor (text with line numbers and underlined findings),
//! and a side panel with tabs (findings, outline, tasks, header form, rules).
//!
//! State is a handful of signals; everything shown is derived from one memo, the
//! [`Analysis`] of the current text. Edits made by the app (fixes, renumbering, the
//! template, the form) go through the textarea as user edits, so Ctrl+Z undoes them.

use crate::analysis::{byte_offset, finding_key, Analysis, Finding, Requests};
use crate::worker::{CheckWorker, Reply};
use std::sync::Arc;
use wasm_bindgen::JsValue;

type FindingKey = (String, usize, usize, u64);
use crate::dom;
use crate::i18n::{self, t, Key};
use crate::session::{Incoming, Session};
use crate::storage;
use kehoach_core::compose;
use kehoach_core::diagnostics::{Lang, Severity, TextEdit};
use kehoach_core::model::{Level, Node, Period, Plan, Table, Task, TaskSource};
use kehoach_core::source::Span;
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Drafts,
    Findings,
    Outline,
    Tasks,
    Form,
    Rules,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TaskSort {
    Document,
    Unit,
    Deadline,
}

/// The file name for an export: `KH-11-UBND-2017-02-14`, else `ke-hoach`.
pub fn export_name(plan: &Plan) -> String {
    let number = plan.header.number.as_ref();
    let date = plan
        .header
        .place_date
        .as_ref()
        .map(|p| p.date.to_iso())
        .filter(|d| !d.is_empty());
    match (number, date) {
        (Some(n), Some(d)) => {
            let num = n.number.clone().unwrap_or_else(|| "nhap".into());
            let code = if n.agency_code.is_empty() {
                "KH".into()
            } else {
                n.agency_code.clone()
            };
            format!("KH-{num}-{code}-{d}")
        }
        _ => "ke-hoach".into(),
    }
}

/// Offers `bytes` for download, a failure only logged (the browser shows nothing to
/// retry, and the text is untouched).
fn offer(name: &str, mime: &str, bytes: &[u8]) {
    if let Err(e) = crate::download::download(name, mime, bytes) {
        leptos::logging::warn!("download failed: {e}");
    }
}

fn severity_class(s: Severity) -> &'static str {
    s.as_str()
}

/// UTF-16 offset of a byte offset, for textarea selections.
fn to16(text: &str, byte: usize) -> u32 {
    text.get(..byte.min(text.len()))
        .map_or(0, |s| s.encode_utf16().count() as u32)
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

/// The browser's yes/no question; no answer (a blocked dialog) is a no.
pub fn confirm(question: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(false)
}

fn current_year() -> u16 {
    js_sys::Date::new_0().get_full_year() as u16
}

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(storage::load_lang());
    let (session, initial) = Session::start(lang.get_untracked());
    let text = RwSignal::new(initial);
    let current = RwSignal::<Option<usize>>::new(None);
    let cursor = RwSignal::new(0u32);
    let tab = RwSignal::new(Tab::Findings);
    let printing = RwSignal::new(false);
    let pasted = RwSignal::new(false);
    let area_ref = NodeRef::<html::Textarea>::new();
    let layer_ref = NodeRef::<html::Div>::new();

    // The check: on this thread for ordinary texts, at once on every input; from
    // `WORKER_MIN` bytes in the check worker, the page showing the last findings
    // (over a layer of the new text) until the result for the text now in the
    // editor arrives. A very large text is sent when typing pauses. `check_tick` is
    // bumped for each new text; `requests` numbers the texts, and only the newest
    // one's result is shown (`Requests::accepts`).
    let check_tick = RwSignal::new(0u64);
    let requests = StoredValue::new(Requests::default());
    let from_worker = RwSignal::new(None::<Arc<Analysis>>);
    let worker_ok = RwSignal::new(true);
    let checker = StoredValue::new_local(None::<CheckWorker>);
    let in_worker = move || {
        worker_ok.get_untracked() && text.with_untracked(|t| t.len() >= crate::analysis::WORKER_MIN)
    };
    let analysis = Memo::new(move |prev: Option<&Analysis>| {
        check_tick.track();
        let version = requests.with_value(Requests::latest);
        let arrived = from_worker.with(|w| {
            w.as_ref()
                .filter(|a| a.version == version)
                .map(|a| (**a).clone())
        });
        if let Some(a) = arrived {
            return a;
        }
        if in_worker() {
            return text.with_untracked(|t| match prev {
                Some(p) => p.provisional(version, t),
                None => Analysis::empty(version, t),
            });
        }
        let lang = lang.get_untracked();
        text.with_untracked(|t| Analysis::new(version, t, lang))
    });
    let on_reply = move |reply: Reply| match reply {
        Reply::Result(json) => {
            if let Some(a) = Analysis::from_wire(&json) {
                if requests.with_value(|r| r.accepts(a.version)) {
                    from_worker.set(Some(Arc::new(a)));
                }
            }
        }
        // The page checks on its own thread from now on.
        Reply::Failed(why) => {
            leptos::logging::warn!("check worker: {why}");
            worker_ok.set(false);
            check_tick.update(|n| *n += 1);
        }
    };
    let send_to_worker = move || -> bool {
        if checker.with_value(Option::is_none) {
            checker.set_value(CheckWorker::start(on_reply));
        }
        let version = requests.with_value(Requests::latest);
        let lang = lang.get_untracked();
        // The editor's value as the JS string it is (every change of the text goes
        // through the editor): no copy of a large text through Rust and back.
        let value = area_ref
            .get_untracked()
            .and_then(|a| js_sys::Reflect::get(&a, &"value".into()).ok())
            .filter(JsValue::is_string);
        let sent = checker.with_value(|w| {
            w.as_ref().is_some_and(|w| match &value {
                Some(v) => w.check(version, v, lang),
                None => text.with_untracked(|t| w.check(version, &JsValue::from_str(t), lang)),
            })
        });
        if !sent {
            worker_ok.set(false);
        }
        sent
    };
    let pending_check = StoredValue::new(None::<TimeoutHandle>);
    let request_check = move || {
        if let Some(h) = pending_check.get_value() {
            h.clear();
        }
        pending_check.set_value(None);
        requests.update_value(|r| {
            r.new_text();
        });
        let large = text.with_untracked(|t| t.len() > crate::analysis::LARGE_TEXT);
        let worker = in_worker();
        if large {
            let handle = set_timeout_with_handle(
                move || {
                    if !(worker && send_to_worker()) {
                        check_tick.update(|n| *n += 1);
                    }
                },
                Duration::from_millis(600),
            )
            .ok();
            pending_check.set_value(handle);
            if worker {
                check_tick.update(|n| *n += 1);
            }
        } else {
            // In the worker: the provisional analysis now, the worker's result later.
            // Otherwise (or if the worker did not take it, which turns it off): the
            // check now, on this thread.
            if worker {
                send_to_worker();
            }
            check_tick.update(|n| *n += 1);
        }
    };
    // Messages in the other language: a new check. A large draft opened at start
    // goes to the worker too.
    Effect::new(move |first: Option<()>| {
        lang.track();
        if first.is_some() || in_worker() {
            request_check();
        }
    });

    // Autosave: half a second after the first unsaved change (not the last, so
    // steady typing is never more than that behind); a pending save is flushed when
    // the page is hidden or closed, so a reload never loses the last change.
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let save_now = move || {
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        pending.set_value(None);
        let (title, errors) = analysis.with_untracked(|a| {
            (
                text.with_untracked(|t| crate::drafts::title_of(&a.plan, t)),
                a.count(Severity::Error),
            )
        });
        text.with_untracked(|t| session.save(t, title, errors));
    };
    Effect::new(move |first: Option<()>| {
        text.track();
        if first.is_none() || pending.with_value(Option::is_some) {
            return;
        }
        let handle = set_timeout_with_handle(save_now, Duration::from_millis(500)).ok();
        pending.set_value(handle);
    });
    let _ = window_event_listener(ev::pagehide, move |_| save_now());
    let _ = window_event_listener(ev::beforeunload, move |ev| {
        save_now();
        // Text the storage does not hold (memory mode, a full storage, an open
        // conflict): let the browser ask before the page goes.
        let unsaved = session.in_memory()
            || session.fault.with_untracked(Option::is_some)
            || session.conflict.with_untracked(Option::is_some);
        if unsaved && text.with_untracked(|t| !t.is_empty()) {
            ev.prevent_default();
            ev.set_return_value("unsaved");
        }
    });

    let area = move || area_ref.get();
    let replace = move |new: String| {
        if let Some(a) = area() {
            dom::replace_text(&a, &new);
            text.set(a.value());
        } else {
            text.set(new);
        }
        request_check();
    };

    // Showing another draft: its text replaces the editor's outright (a fresh undo
    // history: Ctrl+Z must not bring the previous draft's text into this one).
    let show = move |new: String| {
        if let Some(a) = area() {
            a.set_value(&new);
        }
        text.set(new);
        current.set(None);
        request_check();
    };
    // Leaving the open draft saves it first; while another tab's version waits for
    // the user's choice it cannot be saved, so the choice comes first (the banner
    // asks for it) and the draft stays open.
    let leave_open_draft = move || {
        save_now();
        session.conflict.with_untracked(Option::is_none)
    };
    let switch_to = move |id: String| {
        if !leave_open_draft() {
            return;
        }
        if let Some(t) = session.open(&id) {
            show(t);
        }
    };
    // False when the open draft could not be left (see `leave_open_draft`).
    let create_draft = move |initial: String| -> bool {
        if !leave_open_draft() {
            return false;
        }
        if let Some(t) = session.create(initial) {
            show(t);
        }
        true
    };
    let trash_draft = move |id: String| {
        if id != session.open_id.get_untracked() {
            session.trash(&id);
            return;
        }
        if !leave_open_draft() {
            return;
        }
        session.trash(&id);
        match session.next_live() {
            Some(next) => switch_to(next),
            None => {
                create_draft(String::new());
            }
        }
    };
    // Another tab changed a draft: the list follows; the open draft follows only if
    // this tab has no unsaved change to it, else the conflict banner asks.
    let _ = window_event_listener(ev::storage, move |ev: web_sys::StorageEvent| {
        if session.in_memory() {
            return;
        }
        let incoming = text.with_untracked(|t| session.incoming(ev.key(), t));
        if let Incoming::Load(theirs) = incoming {
            replace(theirs);
            session.notice.set(Some(
                t(lang.get_untracked(), Key::LoadedFromOtherTab).into(),
            ));
        }
    });
    let take_theirs = move |_| {
        if let Some(theirs) = text.with_untracked(|t| session.take_theirs(t)) {
            replace(theirs);
        }
    };
    let keep_mine = move |_| {
        text.with_untracked(|t| session.keep_mine_as_copy(t));
        save_now();
    };
    let snapshot_now = move || {
        save_now();
        let id = session.open_id.get_untracked();
        let message = match session.snapshot(&id, text.get_untracked(), true) {
            Ok(()) => format!(
                "{} {}",
                t(lang.get_untracked(), Key::SnapshotTaken),
                clock(js_sys::Date::now())
            ),
            Err(e) => e.message(lang.get_untracked()),
        };
        session.notice.set(Some(message));
    };
    let export_backup = move || match text.with_untracked(|t| session.backup(t)) {
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
        Err(e) => session.notice.set(Some(e.message(lang.get_untracked()))),
    };
    let import_backup = move |file: web_sys::File| {
        crate::files::read_file(file, move |name, bytes| {
            let l = lang.get_untracked();
            let Some(bytes) = bytes else {
                session
                    .notice
                    .set(Some(format!("{name}: {}", t(l, Key::CannotRead))));
                return;
            };
            let json = String::from_utf8_lossy(&bytes);
            let message = match session.import(&json) {
                Ok(r) => {
                    // A fresh page (nothing typed yet) shows what was imported.
                    if text.with_untracked(|t| t.is_empty()) {
                        if let Some(id) = session.next_live() {
                            switch_to(id);
                        }
                    }
                    match l {
                    Lang::Vi => format!("{name}: thêm {} bản nháp, {} đã có sẵn, {} bản khác nội dung được giữ thành bản mới.", r.added, r.unchanged, r.copies),
                    Lang::En => format!("{name}: {} drafts added, {} already here, {} with other text kept as new drafts.", r.added, r.unchanged, r.copies),
                    }
                }
                Err(e) => format!("{name}: {}", e.message(l)),
            };
            session.notice.set(Some(message));
        });
    };

    let go_to = move |index: usize| {
        let a = analysis.get_untracked();
        if let (Some(f), Some(ar)) = (a.findings.get(index), area()) {
            current.set(Some(index));
            let layer = layer_ref.get_untracked();
            dom::select_range(&ar, layer.as_deref(), f.start16, f.end16, f.out.line);
            cursor.set(f.start16);
        }
    };
    // A mark knows where its finding starts; the finding's index is looked up on click,
    // so a line's view stays valid while other findings come and go.
    let go_to_start = move |start: usize| {
        let index = analysis.with_untracked(|a| {
            a.findings
                .iter()
                .filter(|f| f.out.start == start)
                .min_by_key(|f| f.out.severity)
                .map(|f| f.index)
        });
        if let Some(i) = index {
            go_to(i);
        }
    };
    let step = move |forward: bool| {
        let n = analysis.with_untracked(|a| a.findings.len());
        if n == 0 {
            return;
        }
        let next = match (current.get_untracked(), forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        go_to(next);
    };
    let _ = window_event_listener(ev::keydown, move |ev| {
        if ev.key() == "F8" {
            ev.prevent_default();
            step(!ev.shift_key());
        } else if (ev.ctrl_key() || ev.meta_key()) && ev.key().eq_ignore_ascii_case("s") {
            // Ctrl+S: the browser's "save page" is of no use here; take a snapshot.
            ev.prevent_default();
            snapshot_now();
        }
    });

    let apply_fix = move |finding: usize, fix: usize| {
        let edits: Vec<TextEdit> = analysis.with_untracked(|a| {
            a.findings
                .get(finding)
                .and_then(|f| f.out.fixes.get(fix))
                .map(|fx| {
                    fx.edits
                        .iter()
                        .map(|e| TextEdit {
                            span: Span::new(e.start, e.end),
                            new_text: e.new_text.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default()
        });
        if edits.is_empty() {
            return;
        }
        let new = text.with_untracked(|t| kehoach_core::fix::apply_edits(t, &edits));
        replace(new);
    };
    let fix_all = move |_| {
        let new = text.with_untracked(|t| kehoach_core::fix::apply_safe_fixes(t));
        replace(new);
    };
    let clean_paste = move |_| {
        let new = text.with_untracked(|t| kehoach_core::fix::apply_hygiene_fixes(t));
        pasted.set(false);
        replace(new);
    };
    let renumber = move |_| {
        let new = text.with_untracked(|t| compose::renumber(t));
        replace(new);
    };
    let insert_item = move |_| {
        let Some(a) = area() else { return };
        let old = a.value();
        let caret = a.selection_end().ok().flatten().unwrap_or(0);
        let at = byte_offset(&old, caret);
        let line_end = old[at..].find('\n').map_or(old.len(), |i| at + i);
        let marker = compose::next_marker(&old, at);
        let mut new = old.clone();
        new.insert_str(line_end, &format!("\n{marker}"));
        replace(new);
        let caret = to16(&old, line_end) + 1 + marker.encode_utf16().count() as u32;
        let _ = a.set_selection_range(caret, caret);
    };
    // A new plan is a new draft: the one open stays as it is.
    let new_plan = move |_| {
        create_draft(compose::template(current_year()));
    };
    // Every export parses the text as it is now, once, and is named after the plan.
    // (Not the analysis: for a very large text it lags behind while typing.)
    let export = move |ext: &str, mime: &str, render: fn(&Plan) -> Vec<u8>| {
        let (name, bytes) = text.with_untracked(|t| {
            let plan = kehoach_core::parse(t);
            (export_name(&plan), render(&plan))
        });
        offer(&format!("{name}.{ext}"), mime, &bytes);
    };
    let download_json = move |_| {
        export("json", "application/json", |p| {
            kehoach_core::render::json::to_json(p).into_bytes()
        })
    };
    let download_text = move |_| {
        export("txt", "text/plain;charset=utf-8", |p| {
            kehoach_core::render::text::to_text(p).into_bytes()
        })
    };
    let download_docx = move |_| {
        export(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            kehoach_core::render::docx::to_docx,
        )
    };

    // Opening a file (picker or drop) makes a new draft of its text; a broken or
    // foreign file only says why, and nothing changes.
    let open_error = RwSignal::new(None::<String>);
    let open_bytes =
        move |name: String, bytes: Vec<u8>| match kehoach_core::import::open_file(&name, &bytes) {
            Ok(plan_text) => {
                let opened = create_draft(plan_text);
                open_error.set(
                    (!opened)
                        .then(|| format!("{name}: {}", t(lang.get_untracked(), Key::ChooseFirst))),
                );
            }
            Err(e) => open_error.set(Some(format!(
                "{name}: {}",
                e.message().get(lang.get_untracked())
            ))),
        };
    let read_file = move |file: web_sys::File| {
        crate::files::read_file(file, move |name, bytes| match bytes {
            Some(bytes) => open_bytes(name, bytes),
            None => open_error.set(Some(format!(
                "{name}: {}",
                t(lang.get_untracked(), Key::CannotRead)
            ))),
        })
    };
    let on_drop = move |ev: ev::DragEvent| {
        ev.prevent_default();
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|l| l.get(0))
        {
            read_file(file);
        }
    };

    let large_notice = move || {
        analysis.with(|a| {
            a.is_large().then(|| {
                let mb = a.bytes as f64 / 1_000_000.0;
                match lang.get() {
                    Lang::Vi => format!("Văn bản rất lớn ({mb:.1} MB): kiểm tra khi ngừng gõ; không tô sáng lỗi trong văn bản, danh sách kết quả vẫn đầy đủ."),
                    Lang::En => format!("Very large text ({mb:.1} MB): checked when typing pauses; findings are listed but not underlined."),
                }
            })
        })
    };

    let toggle_lang = move |_| {
        let next = match lang.get_untracked() {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        };
        lang.set(next);
        storage::save_lang(next);
    };

    let on_input = move |ev: ev::Event| {
        let value = event_target_value(&ev);
        text.set(value);
        request_check();
        if let Some(a) = area() {
            cursor.set(a.selection_start().ok().flatten().unwrap_or(0));
        }
    };
    let sync_scroll = move |_| {
        if let (Some(a), Some(l)) = (area(), layer_ref.get_untracked()) {
            l.set_scroll_top(a.scroll_top());
            l.set_scroll_left(a.scroll_left());
        }
    };
    let track_cursor = move || {
        if let Some(a) = area() {
            cursor.set(a.selection_start().ok().flatten().unwrap_or(0));
        }
    };

    // The finding under the caret, for keyboard users (announced politely).
    let at_cursor = move || {
        let c = cursor.get();
        analysis.with(|a| {
            a.findings
                .iter()
                .filter(|f| f.start16 <= c && c <= f.end16.max(f.start16 + 1))
                .min_by_key(|f| f.out.severity)
                .map(|f| {
                    format!(
                        "{}: {} ({})",
                        t(lang.get(), Key::AtCursor),
                        f.out.message,
                        f.out.code
                    )
                })
                .unwrap_or_default()
        })
    };
    let has_hygiene_fix = move || {
        analysis.with(|a| {
            a.findings
                .iter()
                .any(|f| f.safe_fix && f.out.code.starts_with("KH8"))
        })
    };

    view! {
        <header class="topbar">
            <h1>{move || t(lang.get(), Key::AppName)}</h1>
            <p class="tagline">{move || t(lang.get(), Key::Tagline)}</p>
            <nav class="actions" aria-label="Công cụ">
                <button type="button" on:click=new_plan>{move || t(lang.get(), Key::NewPlan)}</button>
                <button type="button" on:click=insert_item>{move || t(lang.get(), Key::InsertItem)}</button>
                <button type="button" on:click=renumber>{move || t(lang.get(), Key::Renumber)}</button>
                <button type="button" on:click=fix_all>{move || t(lang.get(), Key::FixAllSafe)}</button>
                <button type="button" aria-pressed=move || printing.get().to_string() on:click=move |_| printing.update(|p| *p = !*p)>
                    {move || t(lang.get(), if printing.get() { Key::EditView } else { Key::PrintView })}
                </button>
                <Show when=move || printing.get()>
                    <button type="button" on:click=move |_| {
                        if let Some(w) = web_sys::window() {
                            let _ = w.print();
                        }
                    }>{move || t(lang.get(), Key::Print)}</button>
                </Show>
                <crate::files::FileButton
                    lang
                    label=Key::OpenFile
                    input_label=Key::OpenFile
                    accept=".txt,.json,.docx,text/plain,application/json,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    on_file=read_file
                />
                <button type="button" on:click=download_docx>{move || t(lang.get(), Key::DownloadDocx)}</button>
                <button type="button" on:click=download_json>{move || t(lang.get(), Key::DownloadJson)}</button>
                <button type="button" on:click=download_text>{move || t(lang.get(), Key::DownloadText)}</button>
                <button type="button" lang=move || if lang.get() == Lang::Vi { "en" } else { "vi" } on:click=toggle_lang>
                    {move || t(lang.get(), Key::Language)}
                </button>
            </nav>
        </header>
        <crate::offline::UpdateNotice lang />
        <Show when=move || printing.get()>
            <div class="print-preview">
                {move || analysis.with(|a| view! { <crate::print::PrintView plan=(*a.plan).clone() /> })}
            </div>
        </Show>
        // The editor stays mounted (hidden) in the print view, keeping its undo history.
        <main class="workspace" class:hidden=move || printing.get()>
            <section class="editor">
                <Show when=move || pasted.get() && has_hygiene_fix()>
                    <div class="banner" role="alert">
                        <span>{move || t(lang.get(), Key::PastedOffer)}</span>
                        <button type="button" on:click=clean_paste>{move || t(lang.get(), Key::Clean)}</button>
                        <button type="button" on:click=move |_| pasted.set(false)>{move || t(lang.get(), Key::Dismiss)}</button>
                    </div>
                </Show>
                <Show when=move || large_notice().is_some()>
                    <div class="banner" role="status">{move || large_notice().unwrap_or_default()}</div>
                </Show>
                <Show when=move || session.conflict.with(Option::is_some)>
                    <div class="banner error" role="alert">
                        <span>{move || t(lang.get(), Key::ConflictExplained)}</span>
                        <button type="button" on:click=take_theirs>{move || t(lang.get(), Key::TakeTheirs)}</button>
                        <button type="button" on:click=keep_mine>{move || t(lang.get(), Key::KeepMineAsCopy)}</button>
                    </div>
                </Show>
                <Show when=move || session.memory_mode.with(Option::is_some) || session.fault.with(Option::is_some)>
                    <div class="banner error" role="alert">
                        <span>{move || {
                            let l = lang.get();
                            session.fault.get().or(session.memory_mode.get()).map(|e| e.message(l)).unwrap_or_default()
                        }}</span>
                        <button type="button" on:click=move |_| export_backup()>{move || t(lang.get(), Key::BackupAll)}</button>
                    </div>
                </Show>
                <Show when=move || session.notice.with(Option::is_some)>
                    <div class="banner" role="status">
                        <span>{move || session.notice.get().unwrap_or_default()}</span>
                        <button type="button" on:click=move |_| session.notice.set(None)>{move || t(lang.get(), Key::Dismiss)}</button>
                    </div>
                </Show>
                <Show when=move || open_error.get().is_some()>
                    <div class="banner error" role="alert">
                        <span>{move || open_error.get().unwrap_or_default()}</span>
                        <button type="button" on:click=move |_| open_error.set(None)>{move || t(lang.get(), Key::Dismiss)}</button>
                    </div>
                </Show>
                <div class="frame" on:dragover=|ev: ev::DragEvent| ev.prevent_default() on:drop=on_drop>
                    <textarea
                        id="plan-text"
                        node_ref=area_ref
                        aria-label=i18n::EDITOR_LABEL
                        aria-describedby="cursor-finding"
                        spellcheck="false"
                        // The textarea is the source of its text: set once here; every
                        // later change (typing, or an app edit through execCommand) is
                        // already in it, so writing the value back on each keystroke
                        // would only cost a full relayout and the undo history.
                        prop:value=text.get_untracked()
                        on:input=on_input
                        on:scroll=sync_scroll
                        on:keyup=move |_| track_cursor()
                        on:click=move |_| track_cursor()
                        on:paste=move |_| pasted.set(true)
                    ></textarea>
                    <div class="layer" node_ref=layer_ref aria-hidden="true">
                        <For
                            each=move || analysis.with(|a| a.layer.clone())
                            key=|line| line.key
                            children=move |line| {
                                let parts = line
                                    .parts
                                    .iter()
                                    .map(|(text, sev, title, start)| match sev {
                                        Some(sev) => {
                                            let start = *start;
                                            view! {
                                                <mark class=severity_class(*sev) title=title.clone() on:click=move |_| go_to_start(start)>
                                                    {text.clone()}
                                                </mark>
                                            }
                                            .into_any()
                                        }
                                        None => text.clone().into_any(),
                                    })
                                    .collect_view();
                                view! { <div class="ln">{parts}</div> }
                            }
                        />
                    </div>
                </div>
                <p class="status" id="cursor-finding" role="status" aria-live="polite">{at_cursor}</p>
                <Show when=move || analysis.with(|a| a.stale)>
                    <p class="status checking" role="status">{move || t(lang.get(), Key::Checking)}</p>
                </Show>
                <p class="status save" role="status">
                    {move || {
                        let l = lang.get();
                        if session.conflict.with(Option::is_some) {
                            t(l, Key::NotSavedConflict).to_string()
                        } else if session.memory_mode.with(Option::is_some) {
                            t(l, Key::InMemoryOnly).to_string()
                        } else if session.fault.with(Option::is_some) {
                            t(l, Key::NotSaved).to_string()
                        } else {
                            match session.saved_at.get() {
                                Some(at) => format!("{} {}", t(l, Key::SavedAt), clock(at)),
                                None => t(l, Key::Saved).to_string(),
                            }
                        }
                    }}
                    " · "
                    {move || t(lang.get(), Key::Shortcuts)}
                </p>
            </section>
            <section class="side">
                <div role="tablist" aria-label="Bảng bên" class="tabs">
                    {[Tab::Drafts, Tab::Findings, Tab::Outline, Tab::Tasks, Tab::Form, Tab::Rules]
                        .into_iter()
                        .map(|which| {
                            let key = match which {
                                Tab::Drafts => Key::TabDrafts,
                                Tab::Findings => Key::TabFindings,
                                Tab::Outline => Key::TabOutline,
                                Tab::Tasks => Key::TabTasks,
                                Tab::Form => Key::TabForm,
                                Tab::Rules => Key::TabRules,
                            };
                            view! {
                                <button
                                    type="button"
                                    role="tab"
                                    aria-selected=move || (tab.get() == which).to_string()
                                    on:click=move |_| tab.set(which)
                                >
                                    {move || t(lang.get(), key)}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
                <div role="tabpanel" class="panel">
                    {move || match tab.get() {
                        Tab::Drafts => view! {
                            <crate::drafts_panel::DraftsPanel
                                session lang analysis text replace switch_to trash_draft
                                new_draft=move || {
                                    create_draft(String::new());
                                }
                                snapshot_now export_backup import_backup
                            />
                        }.into_any(),
                        Tab::Findings => view! { <FindingsPanel analysis lang current go_to apply_fix /> }.into_any(),
                        Tab::Outline => view! { <OutlinePanel analysis lang text area_ref layer_ref /> }.into_any(),
                        Tab::Tasks => view! { <TasksPanel analysis lang text area_ref layer_ref /> }.into_any(),
                        Tab::Form => view! { <FormPanel lang text replace /> }.into_any(),
                        Tab::Rules => view! { <RulesPanel lang /> }.into_any(),
                    }}
                </div>
                // The findings list stays in the page whichever tab is shown, so its
                // accessible name always finds it; other tabs hide it visually.
                <Show when=move || tab.get() != Tab::Findings>
                    <HiddenFindings analysis />
                </Show>
            </section>
        </main>
    }
}

/// One list item per finding.
fn finding_item(
    f: &Finding,
    head: Option<String>,
    lang: Lang,
    is_current: Signal<bool>,
    go_to: impl Fn(&FindingKey) + Copy + Send + Sync + 'static,
    apply_fix: impl Fn(&FindingKey, usize) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let key = finding_key(f);
    let goto_key = key.clone();
    let fixes = f
        .out
        .fixes
        .iter()
        .enumerate()
        .map(|(k, fx)| {
            // Fix titles are imperative already ("Sửa thành l)", "Xóa ký tự ẩn").
            let label = fx.title.clone();
            let class = if fx.safe { "fix safe" } else { "fix" };
            let key = key.clone();
            view! { <button type="button" class=class on:click=move |_| apply_fix(&key, k)>{label}</button> }
        })
        .collect_view();
    view! {
        <li
            class=format!("finding {}", f.out.severity.as_str())
            data-code=f.out.code.clone()
            data-line=f.out.line
            aria-current=move || if is_current.get() { "true" } else { "false" }
        >
            {head.map(|h| view! { <span class="group">{h}</span> })}
            <button type="button" class="goto" on:click=move |_| go_to(&goto_key)>
                <span class="sev">{f.out.severity.label(lang)}</span>
                " "
                <span class="msg">{f.out.message.clone()}</span>
                " "
                <span class="where">{format!("{} {}", t(lang, Key::Line), f.out.line)}</span>
                " "
                <code>{f.out.code.clone()}</code>
            </button>
            {fixes}
        </li>
    }
}

#[component]
fn FindingsPanel(
    analysis: Memo<Analysis>,
    lang: RwSignal<Lang>,
    current: RwSignal<Option<usize>>,
    go_to: impl Fn(usize) + Copy + Send + Sync + 'static,
    apply_fix: impl Fn(usize, usize) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    // Items are keyed by identity; their buttons find the finding's current index.
    let index_of = move |key: &FindingKey| {
        analysis.with_untracked(|a| a.findings.iter().position(|f| &finding_key(f) == key))
    };
    let go_to_key = move |key: &FindingKey| {
        if let Some(i) = index_of(key) {
            go_to(i);
        }
    };
    let apply_fix_key = move |key: &FindingKey, fix: usize| {
        if let Some(i) = index_of(key) {
            apply_fix(i, fix);
        }
    };
    let counts = move || {
        let l = lang.get();
        analysis.with(|a| {
            [Severity::Error, Severity::Warning, Severity::Info]
                .into_iter()
                .map(|s| {
                    view! {
                        <span class=format!("count {}", s.as_str())>
                            {format!("{} {}", a.count(s), i18n::severity_word(l, s))}
                        </span>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <h2 id="findings-title">{i18n::FINDINGS_LABEL}</h2>
        <p class="counts">{counts}</p>
        <ul aria-label=i18n::FINDINGS_LABEL class="findings">
            <For
                each=move || {
                    let l = lang.get();
                    analysis.with(|a| {
                        let mut prev: Option<Severity> = None;
                        a.findings
                            .iter()
                            .map(|f| {
                                // A group heading inside the first item of each severity.
                                let first = prev != Some(f.out.severity);
                                prev = Some(f.out.severity);
                                let head = first.then(|| {
                                    format!("{} ({})", i18n::severity_word(l, f.out.severity), a.count(f.out.severity))
                                });
                                (finding_key(f), head, f.clone(), l)
                            })
                            .collect::<Vec<_>>()
                    })
                }
                key=|(key, head, _, l)| (key.clone(), head.clone(), *l)
                children=move |(key, head, f, l)| {
                    let is_current = Signal::derive(move || {
                        current.get().and_then(|i| analysis.with(|a| a.findings.get(i).map(finding_key))) == Some(key.clone())
                    });
                    finding_item(&f, head, l, is_current, go_to_key, apply_fix_key)
                }
            />
        </ul>
        <Show when=move || analysis.with(|a| a.findings.is_empty())>
            <p>{move || t(lang.get(), Key::NoFindings)}</p>
        </Show>
    }
}

/// The findings list, visually hidden, while another tab is shown.
#[component]
fn HiddenFindings(analysis: Memo<Analysis>) -> impl IntoView {
    view! {
        <ul aria-label=i18n::FINDINGS_LABEL class="visually-hidden">
            {move || {
                analysis.with(|a| {
                    a.findings
                        .iter()
                        .map(|f| {
                            view! {
                                <li data-code=f.out.code.clone() data-line=f.out.line>
                                    {format!("{} {} ({})", f.out.message, f.out.line, f.out.code)}
                                </li>
                            }
                        })
                        .collect_view()
                })
            }}
        </ul>
    }
}

/// Selects bytes `start..end` of the text in the editor and scrolls line `line` into
/// view: what a click on an outline entry or a task does.
fn select_in_editor(
    text: RwSignal<String>,
    area_ref: NodeRef<html::Textarea>,
    layer_ref: NodeRef<html::Div>,
) -> impl Fn(usize, usize, usize) + Copy + Send + Sync + 'static {
    move |start: usize, end: usize, line: usize| {
        if let Some(a) = area_ref.get_untracked() {
            let (s, e) = text.with_untracked(|t| (to16(t, start), to16(t, end)));
            let layer = layer_ref.get_untracked();
            dom::select_range(&a, layer.as_deref(), s, e, line);
        }
    }
}

#[component]
fn OutlinePanel(
    analysis: Memo<Analysis>,
    lang: RwSignal<Lang>,
    text: RwSignal<String>,
    area_ref: NodeRef<html::Textarea>,
    layer_ref: NodeRef<html::Div>,
) -> impl IntoView {
    let jump = select_in_editor(text, area_ref, layer_ref);
    fn render(
        nodes: &[Node],
        a: &Analysis,
        jump: impl Fn(usize, usize, usize) + Copy + Send + Sync + 'static,
    ) -> AnyView {
        nodes
            .iter()
            .filter(|n| n.level <= Level::Point)
            .map(|n| {
                let count = a.findings_in(n.marker_range.start, n.range.end.min(
                    n.children.first().map_or(n.range.end, |c| c.range.start),
                ));
                let (s, e, line) = (n.marker_range.start, n.marker_range.end, n.marker_range.line);
                let label = format!("{} {}", n.marker, n.title.text);
                let badge = (count > 0).then(|| view! { <span class="badge" title="findings">{count}</span> });
                let children = render(&n.children, a, jump);
                view! {
                    <li>
                        <button type="button" class="outline-item" on:click=move |_| jump(s, e, line)>{label}</button>
                        {badge}
                        <ul>{children}</ul>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    }
    /// A table as one outline entry: its first column names and its row count.
    fn table_item(
        t: &Table,
        l: Lang,
        jump: impl Fn(usize, usize, usize) + Copy + Send + Sync + 'static,
    ) -> AnyView {
        let (s, e, line) = (t.range.start, t.range.start, t.range.line);
        let names: Vec<&str> = t.header.iter().take(3).map(|f| f.text.as_str()).collect();
        let label = format!(
            "{}: {} ({} {})",
            i18n::t(l, Key::SourceTable),
            names.join(" | "),
            t.rows.len(),
            i18n::t(l, Key::TableRows)
        );
        view! { <li><button type="button" class="outline-item" on:click=move |_| jump(s, e, line)>{label}</button></li> }
            .into_any()
    }
    view! {
        <h2>{move || t(lang.get(), Key::TabOutline)}</h2>
        {move || analysis.with(|a| {
            let l = lang.get();
            let p = &a.plan;
            if p.body.is_empty() && p.annexes.is_empty() && p.tables.is_empty() {
                return view! { <p>{t(l, Key::NoOutline)}</p> }.into_any();
            }
            let tables = p.tables.iter().map(|tb| table_item(tb, l, jump)).collect_view();
            let annexes = p
                .annexes
                .iter()
                .map(|an| {
                    let head = [&an.label, &an.title]
                        .into_iter()
                        .flatten()
                        .map(|f| f.text.clone())
                        .collect::<Vec<_>>()
                        .join(" ");
                    let (s, e, line) = (an.range.start, an.range.start, an.range.line);
                    let tables = an.tables.iter().map(|tb| table_item(tb, l, jump)).collect_view();
                    view! {
                        <li>
                            <button type="button" class="outline-item" on:click=move |_| jump(s, e, line)>{head}</button>
                            <ul>{render(&an.body, a, jump)}{tables}</ul>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="outline" aria-label="Dàn ý">{render(&p.body, a, jump)}{tables}{annexes}</ul> }.into_any()
        })}
    }
}

fn task_deadline_key(t: &Task) -> (u16, u8, u8) {
    match t.timeline.as_ref().map(|tl| &tl.period) {
        Some(Period::Before { date }) => (
            date.year.unwrap_or(9999),
            date.month.unwrap_or(12),
            date.day.unwrap_or(31),
        ),
        Some(Period::Month { month, year }) => (*year, *month, 31),
        Some(Period::Quarter { quarter, year }) => (*year, quarter * 3, 31),
        Some(Period::Year { year }) => (*year, 12, 31),
        Some(Period::Years { to, .. }) => (*to, 12, 31),
        _ => (9999, 12, 31),
    }
}

fn join(fields: &[kehoach_core::model::Field]) -> String {
    fields
        .iter()
        .map(|f| f.text.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// CSV with a header row; fields quoted, UTF-8 with a BOM so Excel reads Vietnamese.
pub fn tasks_csv(tasks: &[Task]) -> String {
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut out = String::from(
        "\u{FEFF}Nhiệm vụ,Nội dung,Đơn vị chủ trì,Đơn vị phối hợp,Đơn vị thực hiện,Thời gian,Nguồn,Phụ lục,Nhóm\r\n",
    );
    for t in tasks {
        let source = match t.source {
            TaskSource::Item => "nội dung",
            TaskSource::Table => "bảng",
        };
        let annex = t.annex.map(|k| (k + 1).to_string()).unwrap_or_default();
        out.push_str(
            &[
                q(&t.heading.text),
                q(t.content.as_ref().map_or("", |c| c.text.as_str())),
                q(&join(&t.lead)),
                q(&join(&t.coordinating)),
                q(&join(&t.performing)),
                q(t.timeline.as_ref().map_or("", |tl| tl.text.as_str())),
                q(source),
                q(&annex),
                q(t.group.as_deref().unwrap_or("")),
            ]
            .join(","),
        );
        out.push_str("\r\n");
    }
    out
}

/// Where a task was read: the body, or a table (in an annex or not).
fn task_source(t: &Task, plan: &Plan, l: Lang) -> String {
    let from = match t.source {
        TaskSource::Item => i18n::t(l, Key::SourceItem).to_string(),
        TaskSource::Table => i18n::t(l, Key::SourceTable).to_string(),
    };
    match t.annex.and_then(|k| plan.annexes.get(k)) {
        Some(a) => {
            let label = a
                .label
                .as_ref()
                .map_or_else(|| i18n::t(l, Key::Annex).to_string(), |f| f.text.clone());
            format!("{from} · {label}")
        }
        None => from,
    }
}

#[component]
fn TasksPanel(
    analysis: Memo<Analysis>,
    lang: RwSignal<Lang>,
    text: RwSignal<String>,
    area_ref: NodeRef<html::Textarea>,
    layer_ref: NodeRef<html::Div>,
) -> impl IntoView {
    let jump = select_in_editor(text, area_ref, layer_ref);
    let sort = RwSignal::new(TaskSort::Document);
    let sorted = move || {
        analysis.with(|a| {
            let mut tasks = a.plan.tasks.clone();
            match sort.get() {
                TaskSort::Document => {}
                TaskSort::Unit => tasks.sort_by_key(|t| join(&t.lead).to_lowercase()),
                TaskSort::Deadline => tasks.sort_by_key(task_deadline_key),
            }
            tasks
        })
    };
    let download = move |_| {
        let csv = tasks_csv(&sorted());
        let name = analysis.with_untracked(|a| export_name(&a.plan));
        offer(
            &format!("{name}-nhiem-vu.csv"),
            "text/csv;charset=utf-8",
            csv.as_bytes(),
        );
    };
    view! {
        <h2>{move || t(lang.get(), Key::TabTasks)}</h2>
        <p class="row">
            <button type="button" aria-pressed=move || (sort.get() == TaskSort::Unit).to_string() on:click=move |_| sort.set(TaskSort::Unit)>
                {move || t(lang.get(), Key::SortByUnit)}
            </button>
            <button type="button" aria-pressed=move || (sort.get() == TaskSort::Deadline).to_string() on:click=move |_| sort.set(TaskSort::Deadline)>
                {move || t(lang.get(), Key::SortByDeadline)}
            </button>
            <button type="button" on:click=download>{move || t(lang.get(), Key::DownloadCsv)}</button>
        </p>
        {move || {
            let tasks = sorted();
            let l = lang.get();
            let sources: Vec<String> =
                analysis.with(|a| tasks.iter().map(|t| task_source(t, &a.plan, l)).collect());
            if tasks.is_empty() {
                return view! { <p>{t(l, Key::NoTasks)}</p> }.into_any();
            }
            view! {
                <table class="tasks" aria-label="Nhiệm vụ">
                    <thead>
                        <tr>
                            <th scope="col">{t(l, Key::Content)}</th>
                            <th scope="col">{t(l, Key::Lead)}</th>
                            <th scope="col">{t(l, Key::Coordinating)}</th>
                            <th scope="col">{t(l, Key::Timeline)}</th>
                            <th scope="col">{t(l, Key::TaskFrom)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {tasks
                            .iter()
                            .zip(sources)
                            .map(|(task, source)| {
                                let r = task.range;
                                let duty = task.content.as_ref().map(|c| c.text.clone());
                                view! {
                                    <tr>
                                        <td>
                                            <button type="button" class="outline-item" on:click=move |_| jump(r.start, r.end, r.line)>
                                                {task.heading.text.clone()}
                                            </button>
                                            {duty.map(|d| view! { <div class="task-duty">{d}</div> })}
                                        </td>
                                        <td>{join(&task.lead)}</td>
                                        <td>{join(&task.coordinating)}</td>
                                        <td>{task.timeline.as_ref().map(|tl| tl.text.clone()).unwrap_or_default()}</td>
                                        <td>{source}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        }}
    }
}

#[component]
fn FormPanel(
    lang: RwSignal<Lang>,
    text: RwSignal<String>,
    replace: impl Fn(String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let fields = RwSignal::new(text.with_untracked(|t| compose::read_form(t)));
    let read = move |_| fields.set(text.with_untracked(|t| compose::read_form(t)));
    let write = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let f = fields.get_untracked();
        let new = text.with_untracked(|t| compose::write_form(t, &f));
        replace(new);
    };
    macro_rules! input {
        ($id:literal, $key:expr, $field:ident, $kind:literal) => {
            view! {
                <label for=$id>{move || t(lang.get(), $key)}</label>
                <input
                    id=$id
                    type=$kind
                    prop:value=move || fields.with(|f| f.$field.clone())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        fields.update(|f| f.$field = v);
                    }
                />
            }
        };
    }
    view! {
        <h2>{move || t(lang.get(), Key::TabForm)}</h2>
        <form class="form" on:submit=write>
            {input!("f-parent", Key::FormParent, parent_agency, "text")}
            {input!("f-agency", Key::FormAgency, agency, "text")}
            {input!("f-number", Key::FormNumber, number, "text")}
            {input!("f-code", Key::FormAgencyCode, agency_code, "text")}
            {input!("f-place", Key::FormPlace, place, "text")}
            {input!("f-date", Key::FormDate, date, "date")}
            {input!("f-summary", Key::FormSummary, summary, "text")}
            {input!("f-authority", Key::FormAuthority, authority, "text")}
            {input!("f-title", Key::FormTitle, title, "text")}
            {input!("f-signer", Key::FormSigner, signer, "text")}
            <div class="row">
                <button type="submit">{move || t(lang.get(), Key::FormWrite)}</button>
                <button type="button" on:click=read>{move || t(lang.get(), Key::FormRead)}</button>
            </div>
        </form>
    }
}

#[component]
fn RulesPanel(lang: RwSignal<Lang>) -> impl IntoView {
    view! {
        <h2>{move || t(lang.get(), Key::TabRules)}</h2>
        <ul class="rules" aria-label="Danh mục quy tắc">
            {move || {
                let l = lang.get();
                kehoach_core::rules::registry()
                    .into_iter()
                    .map(|r| {
                        let (what, why) = match l {
                            Lang::Vi => (r.what_vi, r.why_vi),
                            Lang::En => (r.what_en, r.why_en),
                        };
                        view! {
                            <li class=format!("rule {}", r.severity.as_str())>
                                <details>
                                    <summary><code>{r.code}</code>" "{what}" "<span class="sev">{r.severity.label(l)}</span></summary>
                                    <p>{format!("{}: {why}", t(l, Key::Why))}</p>
                                    <p>{format!("{}: {}", t(l, Key::Source), r.source)}</p>
                                    <p>{t(l, Key::Bad)}</p>
                                    <pre>{r.bad}</pre>
                                    <p>{t(l, Key::Good)}</p>
                                    <pre>{r.good}</pre>
                                </details>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}
