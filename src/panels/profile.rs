//! "Hồ sơ cơ quan": the office profiles (agency, symbol, place, usual signing
//! authority, signer and recipients) that "Kế hoạch mới" and the header form fill
//! from. Several can be kept; one is in use.

use crate::i18n::{t, Key};
use crate::state::use_app;
use kehoach_core::compose::Profile;
use leptos::ev;
use leptos::prelude::*;

#[component]
pub fn ProfilePanel() -> impl IntoView {
    let app = use_app();
    let (lang, book) = (app.lang, app.profiles);
    // The form edits a copy of the profile in use; "Lưu hồ sơ" keeps it.
    let draft = RwSignal::new(book.with_untracked(|b| b.current().cloned().unwrap_or_default()));
    let saved = RwSignal::new(None::<bool>);
    let reload = move || {
        draft.set(book.with_untracked(|b| b.current().cloned().unwrap_or_default()));
        saved.set(None);
    };
    let save = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let p = draft.get_untracked();
        saved.set(Some(app.set_profiles(|b| b.put_current(p))));
    };
    let add = move |_| {
        let name = t(lang.get_untracked(), Key::ProfileNewName).to_string();
        app.set_profiles(|b| {
            b.add(Profile {
                name,
                ..Profile::default()
            })
        });
        reload();
    };
    let remove = move |_| {
        app.set_profiles(|b| b.remove_current());
        reload();
    };
    let choose = move |ev: ev::Event| {
        if let Ok(i) = event_target_value(&ev).parse::<usize>() {
            app.set_profiles(|b| b.active = i);
            reload();
        }
    };
    macro_rules! input {
        ($id:literal, $key:expr, $field:ident) => {
            view! {
                <label for=$id>{move || t(lang.get(), $key)}</label>
                <input
                    id=$id
                    type="text"
                    prop:value=move || draft.with(|p| p.$field.clone())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|p| p.$field = v);
                    }
                />
            }
        };
    }
    view! {
        <h2>{move || t(lang.get(), Key::TabProfile)}</h2>
        <p class="hint">{move || t(lang.get(), Key::ProfileHint)}</p>
        <div class="row">
            <select aria-label=move || t(lang.get(), Key::ProfileInUse) on:change=choose>
                {move || {
                    book.with(|b| {
                        b.profiles
                            .iter()
                            .enumerate()
                            .map(|(i, p)| {
                                view! { <option value=i.to_string() selected=i == b.active>{p.name.clone()}</option> }
                            })
                            .collect_view()
                    })
                }}
            </select>
            <button type="button" on:click=add>{move || t(lang.get(), Key::ProfileAdd)}</button>
            <Show when=move || book.with(|b| b.current().is_some())>
                <button type="button" on:click=remove>{move || t(lang.get(), Key::ProfileRemove)}</button>
            </Show>
        </div>
        <form class="form" on:submit=save>
            {input!("p-name", Key::ProfileName, name)}
            {input!("p-parent", Key::FormParent, parent_agency)}
            {input!("p-agency", Key::FormAgency, agency)}
            {input!("p-code", Key::FormAgencyCode, agency_code)}
            {input!("p-place", Key::FormPlace, place)}
            {input!("p-authority", Key::FormAuthority, authority)}
            {input!("p-title", Key::FormTitle, title)}
            {input!("p-signer", Key::FormSigner, signer)}
            <label for="p-recipients">{move || t(lang.get(), Key::ProfileRecipients)}</label>
            <textarea
                id="p-recipients"
                rows="5"
                prop:value=move || draft.with(|p| p.recipients.join("\n"))
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    draft.update(|p| p.recipients = v.lines().map(str::to_string).collect());
                }
            ></textarea>
            <div class="row">
                <button type="submit">{move || t(lang.get(), Key::ProfileSave)}</button>
            </div>
            <p class="status" role="status">
                {move || match saved.get() {
                    Some(true) => t(lang.get(), Key::ProfileSaved),
                    Some(false) => t(lang.get(), Key::ProfileNotKept),
                    None => "",
                }}
            </p>
        </form>
    }
}
