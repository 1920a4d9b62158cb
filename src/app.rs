//! The page: a toolbar, the editor (text with line numbers and underlined findings),
//! and a side panel with tabs (drafts, findings, outline, tasks, header form, rules).
//!
//! `App` only assembles the parts: it starts the shared state (`state.rs`), provides
//! it as a context, and starts what runs for the page's life (the check, autosave,
//! other tabs, keyboard shortcuts).

use crate::editor::Editor;
use crate::offline::UpdateNotice;
use crate::panels::SidePanel;
use crate::print::PrintView;
use crate::state::AppState;
use crate::toolbar::Toolbar;
use leptos::ev;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let app = AppState::start();
    provide_context(app);
    app.check.follow_language_and_settings();
    app.keep_saved();
    app.follow_other_tabs();
    let _ = window_event_listener(ev::keydown, move |ev| {
        if ev.key() == "F8" {
            ev.prevent_default();
            app.step(!ev.shift_key());
        } else if (ev.ctrl_key() || ev.meta_key()) && ev.key().eq_ignore_ascii_case("s") {
            // Ctrl+S: the browser's "save page" is of no use here; take a snapshot.
            ev.prevent_default();
            app.snapshot_now();
        }
    });
    let printing = app.printing;
    view! {
        <Toolbar />
        <UpdateNotice lang=app.lang />
        <Show when=move || printing.get()>
            <div class="print-preview">
                // Read here, from the text: a large text's check leaves the plan in
                // the worker unless a panel shows it.
                {move || app.text.with(|t| view! { <PrintView plan=kehoach_core::parse(t) /> })}
            </div>
        </Show>
        // The editor stays mounted (hidden) in the print view, keeping its undo history.
        <main class="workspace" class:hidden=move || printing.get()>
            <Editor />
            <SidePanel />
        </main>
    }
}
