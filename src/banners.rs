//! The messages above the editor: the paste clean-up offer, a very large text, a
//! conflict with another tab, a storage fault, a one-off notice, a file that could
//! not be opened.

use crate::i18n::{t, Key};
use crate::state::use_app;
use kehoach_core::diagnostics::Lang;
use leptos::prelude::*;

#[component]
pub fn Banners() -> impl IntoView {
    let app = use_app();
    let (lang, session, analysis) = (app.lang, app.session, app.analysis);
    let has_hygiene_fix = move || {
        app.checked.with(|a| {
            a.findings
                .iter()
                .any(|f| f.safe_fix && f.out.code.starts_with("KH8"))
        })
    };
    let large_notice = move || {
        analysis.with(|a| {
            a.is_large().then(|| {
                // One decimal: "2.3 MB".
                let mb = kehoach_core::text::decimal((a.bytes as f64 / 100_000.0).round() / 10.0);
                match lang.get() {
                    Lang::Vi => format!("Văn bản rất lớn ({mb} MB): kiểm tra lại khi ngừng gõ."),
                    Lang::En => {
                        format!("Very large text ({mb} MB): checked again when typing pauses.")
                    }
                }
            })
        })
    };
    view! {
        <Show when=move || app.pasted.get() && has_hygiene_fix()>
            <div class="banner" role="alert">
                <span>{move || t(lang.get(), Key::PastedOffer)}</span>
                <button type="button" on:click=move |_| app.clean_paste()>{move || t(lang.get(), Key::Clean)}</button>
                <button type="button" on:click=move |_| app.pasted.set(false)>{move || t(lang.get(), Key::Dismiss)}</button>
            </div>
        </Show>
        <Show when=move || large_notice().is_some()>
            <div class="banner" role="status">{move || large_notice().unwrap_or_default()}</div>
        </Show>
        <Show when=move || session.conflict.with(Option::is_some)>
            <div class="banner error" role="alert">
                <span>{move || t(lang.get(), Key::ConflictExplained)}</span>
                <button type="button" on:click=move |_| app.take_theirs()>{move || t(lang.get(), Key::TakeTheirs)}</button>
                <button type="button" on:click=move |_| app.keep_mine()>{move || t(lang.get(), Key::KeepMineAsCopy)}</button>
            </div>
        </Show>
        <Show when=move || session.memory_mode.with(Option::is_some) || session.fault.with(Option::is_some)>
            <div class="banner error" role="alert">
                <span>{move || {
                    let l = lang.get();
                    session.fault.get().or(session.memory_mode.get()).map(|e| e.message(l)).unwrap_or_default()
                }}</span>
                <button type="button" on:click=move |_| app.export_backup()>{move || t(lang.get(), Key::BackupAll)}</button>
            </div>
        </Show>
        <Show when=move || session.notice.with(Option::is_some)>
            <div class="banner" role="status">
                <span>{move || session.notice.get().unwrap_or_default()}</span>
                <button type="button" on:click=move |_| session.notice.set(None)>{move || t(lang.get(), Key::Dismiss)}</button>
            </div>
        </Show>
        <Show when=move || app.open_error.get().is_some()>
            <div class="banner error" role="alert">
                <span>{move || app.open_error.get().unwrap_or_default()}</span>
                <button type="button" on:click=move |_| app.open_error.set(None)>{move || t(lang.get(), Key::Dismiss)}</button>
            </div>
        </Show>
    }
}
