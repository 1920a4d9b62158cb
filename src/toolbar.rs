//! The toolbar: new plan, edits, print, files in and out, language.

use crate::files::FileButton;
use crate::i18n::{t, Key};
use crate::state::use_app;
use crate::storage;
use kehoach_core::diagnostics::Lang;
use leptos::prelude::*;

/// What "Mở tệp" accepts.
const OPENABLE: &str = ".txt,.json,.docx,text/plain,application/json,application/vnd.openxmlformats-officedocument.wordprocessingml.document";

#[component]
pub fn Toolbar() -> impl IntoView {
    let app = use_app();
    let lang = app.lang;
    let printing = app.printing;
    let toggle_lang = move |_| {
        let next = match lang.get_untracked() {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        };
        lang.set(next);
        storage::save_lang(next);
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <header class="topbar">
            <h1>{move || t(lang.get(), Key::AppName)}</h1>
            <p class="tagline">{move || t(lang.get(), Key::Tagline)}</p>
            <nav class="actions" aria-label="Công cụ">
                <button type="button" on:click=move |_| app.new_plan()>{move || t(lang.get(), Key::NewPlan)}</button>
                <button type="button" on:click=move |_| app.insert_item()>{move || t(lang.get(), Key::InsertItem)}</button>
                <button type="button" on:click=move |_| app.renumber()>{move || t(lang.get(), Key::Renumber)}</button>
                <button type="button" on:click=move |_| app.fix_all()>{move || t(lang.get(), Key::FixAllSafe)}</button>
                <button type="button" aria-pressed=move || printing.get().to_string() on:click=move |_| printing.update(|p| *p = !*p)>
                    {move || t(lang.get(), if printing.get() { Key::EditView } else { Key::PrintView })}
                </button>
                <Show when=move || printing.get()>
                    <button type="button" on:click=print>{move || t(lang.get(), Key::Print)}</button>
                </Show>
                <FileButton lang label=Key::OpenFile input_label=Key::OpenFile accept=OPENABLE on_file=move |f| app.read_file(f) />
                <button type="button" on:click=move |_| app.download_docx()>{move || t(lang.get(), Key::DownloadDocx)}</button>
                <button type="button" on:click=move |_| app.download_json()>{move || t(lang.get(), Key::DownloadJson)}</button>
                <button type="button" on:click=move |_| app.download_text()>{move || t(lang.get(), Key::DownloadText)}</button>
                <button type="button" lang=move || if lang.get() == Lang::Vi { "en" } else { "vi" } on:click=toggle_lang>
                    {move || t(lang.get(), Key::Language)}
                </button>
            </nav>
        </header>
    }
}
