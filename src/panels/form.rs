//! "Thông tin văn bản": the header and signature as a form, read from the text and
//! written back into it.

use crate::i18n::{t, Key};
use crate::state::use_app;
use kehoach_core::compose;
use leptos::ev;
use leptos::prelude::*;

#[component]
pub fn FormPanel() -> impl IntoView {
    let app = use_app();
    let (lang, text) = (app.lang, app.text);
    let fields = RwSignal::new(text.with_untracked(|t| compose::read_form(t)));
    let read = move |_| fields.set(text.with_untracked(|t| compose::read_form(t)));
    // The office profile in use fills the fields it has; "Ghi vào văn bản" writes them.
    let fill_from_profile = move |_| {
        if let Some(p) = app.profiles.with_untracked(|b| b.current().cloned()) {
            fields.update(|f| p.fill(f));
        }
    };
    let write = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let f = fields.get_untracked();
        let new = text.with_untracked(|t| compose::write_form(t, &f));
        app.replace(new);
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
                <Show when=move || app.profiles.with(|b| b.current().is_some())>
                    <button type="button" on:click=fill_from_profile>{move || t(lang.get(), Key::FormFromProfile)}</button>
                </Show>
            </div>
        </form>
    }
}
