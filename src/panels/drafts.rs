//! The "Bản nháp" tab: the drafts (open, rename, duplicate, delete), the open
//! draft's history (view, restore), the trash (restore, delete for good) and the
//! backup (export, import). Every operation is the session's; this is its view.

use crate::dom::{clock_and_day, confirm};
use crate::i18n::{t, Key};
use crate::state::use_app;
use kehoach_core::diagnostics::{Lang, Severity};
use leptos::html;
use leptos::prelude::*;

fn size_label(text: &str, lang: Lang) -> String {
    let chars = text.chars().count();
    match lang {
        Lang::Vi => format!("{chars} ký tự"),
        Lang::En => format!("{chars} characters"),
    }
}

#[component]
pub fn DraftsPanel() -> impl IntoView {
    let app = use_app();
    let (session, lang, analysis) = (app.session, app.lang, app.checked);
    // Renaming happens in a small form above the list: (draft id, name being typed).
    let renaming = RwSignal::new(None::<(String, String)>);
    let name_ref = NodeRef::<html::Input>::new();
    Effect::new(move || {
        if let Some(input) = name_ref.get() {
            // Filled here, then selected, so typing replaces the whole name.
            if let Some((_, name)) = renaming.get_untracked() {
                input.set_value(&name);
            }
            let _ = input.focus();
            input.select();
        }
    });
    let finish_rename = move |keep: bool| {
        if let Some((id, name)) = renaming.get_untracked() {
            if keep {
                session.rename(&id, name);
            }
        }
        renaming.set(None);
    };
    let live_list = move || {
        let l = lang.get();
        let open = session.open_id.get();
        let open_errors = analysis.with(|a| a.count(Severity::Error));
        session.drafts.with(|drafts| {
            drafts
                .iter()
                .filter(|d| d.deleted.is_none())
                .map(|d| {
                    let is_open = d.id == open;
                    let label = if d.label().is_empty() {
                        t(l, Key::EmptyDraft).to_string()
                    } else {
                        d.label().to_string()
                    };
                    let errors = if is_open { open_errors } else { d.errors };
                    let meta = format!(
                        "{} · {} {}",
                        clock_and_day(d.updated),
                        errors,
                        t(l, Key::ErrorsShort)
                    );
                    let (id1, id2, id3, id4) = (d.id.clone(), d.id.clone(), d.id.clone(), d.id.clone());
                    let name = d.label().to_string();
                    view! {
                        <li class="draft" aria-current=if is_open { "true" } else { "false" }>
                            <button type="button" class="draft-open" on:click=move |_| app.switch_to(id1.clone())>{label}</button>
                            <span class="meta">{meta}</span>
                            <span class="draft-actions">
                                <button type="button" on:click=move |_| renaming.set(Some((id2.clone(), name.clone())))>{t(l, Key::Rename)}</button>
                                <button type="button" on:click=move |_| session.duplicate(&id3, lang.get_untracked())>{t(l, Key::Duplicate)}</button>
                                <button type="button" on:click=move |_| app.trash_draft(id4.clone())>{t(l, Key::Delete)}</button>
                            </span>
                        </li>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <h2>{move || t(lang.get(), Key::TabDrafts)}</h2>
        <p class="row">
            <button type="button" on:click=move |_| { app.create_draft(String::new()); }>{move || t(lang.get(), Key::NewDraft)}</button>
            <button type="button" on:click=move |_| app.export_backup()>{move || t(lang.get(), Key::BackupAll)}</button>
            <crate::files::FileButton
                lang
                label=Key::ImportBackup
                input_label=Key::BackupFile
                accept=".json,application/json"
                on_file=move |f| app.import_backup(f)
            />
        </p>
        <Show when=move || renaming.with(Option::is_some)>
            <form class="rename row" on:submit=move |ev| {
                ev.prevent_default();
                finish_rename(true);
            }>
                <label for="draft-name">{move || t(lang.get(), Key::RenamePrompt)}</label>
                <input
                    id="draft-name"
                    type="text"
                    node_ref=name_ref
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        renaming.update(|r| if let Some((_, n)) = r { *n = v });
                    }
                    on:keydown=move |ev| if ev.key() == "Escape" { finish_rename(false) }
                />
                <button type="submit">{move || t(lang.get(), Key::Save)}</button>
                <button type="button" on:click=move |_| finish_rename(false)>{move || t(lang.get(), Key::Cancel)}</button>
            </form>
        </Show>
        <ul class="drafts" aria-label=move || t(lang.get(), Key::TabDrafts)>{live_list}</ul>

        <HistorySection />
        <TrashSection />
    }
}

/// The open draft's snapshots: view one, restore one (the text replaced goes into
/// the history first).
#[component]
fn HistorySection() -> impl IntoView {
    let app = use_app();
    let (session, lang, text) = (app.session, app.lang, app.text);
    let viewing = RwSignal::new(None::<usize>);
    let restore_snapshot = move |snapshot_text: String| {
        // The text being replaced goes into the history first: a restore loses nothing.
        let id = session.open_id.get_untracked();
        let _ = session.snapshot(&id, text.get_untracked(), false);
        viewing.set(None);
        app.replace(snapshot_text);
    };

    let history = Memo::new(move |_| session.history());
    let history_list = move || {
        let l = lang.get();
        history.with(|h| {
            h.iter()
                .enumerate()
                .rev()
                .map(|(i, s)| {
                    let kind = if s.manual { t(l, Key::ManualSnapshot) } else { t(l, Key::AutoSnapshot) };
                    let meta = format!("{} · {} · {kind}", clock_and_day(s.at), size_label(&s.text, l));
                    let text = s.text.clone();
                    view! {
                        <li class="snapshot">
                            <span class="meta">{meta}</span>
                            <span class="draft-actions">
                                <button
                                    type="button"
                                    aria-pressed=move || (viewing.get() == Some(i)).to_string()
                                    on:click=move |_| viewing.update(|v| *v = if *v == Some(i) { None } else { Some(i) })
                                >{t(l, Key::View)}</button>
                                <button type="button" on:click=move |_| restore_snapshot(text.clone())>{t(l, Key::Restore)}</button>
                            </span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let viewed = move || {
        viewing
            .get()
            .and_then(|i| history.with(|h| h.get(i).map(|s| s.text.clone())))
    };

    view! {
        <h3>{move || t(lang.get(), Key::History)}</h3>
        <p class="row">
            <button type="button" on:click=move |_| app.snapshot_now()>{move || t(lang.get(), Key::TakeSnapshot)}</button>
        </p>
        <Show
            when=move || history.with(|h| !h.is_empty())
            fallback=move || view! { <p>{move || t(lang.get(), Key::NoHistory)}</p> }
        >
            <ul class="drafts" aria-label=move || t(lang.get(), Key::History)>{history_list}</ul>
        </Show>
        <Show when=move || viewed().is_some()>
            <pre class="snapshot-text" tabindex="0" aria-label=move || t(lang.get(), Key::SnapshotText)>{move || viewed().unwrap_or_default()}</pre>
        </Show>

    }
}

/// The trash: restore a draft, delete one for good, empty it (each asks first).
#[component]
fn TrashSection() -> impl IntoView {
    let app = use_app();
    let (session, lang) = (app.session, app.lang);
    let trash_list = move || {
        let l = lang.get();
        session.drafts.with(|drafts| {
            drafts
                .iter()
                .filter(|d| d.deleted.is_some())
                .map(|d| {
                    let label = if d.label().is_empty() {
                        t(l, Key::EmptyDraft).to_string()
                    } else {
                        d.label().to_string()
                    };
                    let when = d.deleted.map(clock_and_day).unwrap_or_default();
                    let (id1, id2) = (d.id.clone(), d.id.clone());
                    view! {
                        <li class="draft">
                            <span class="draft-title">{label}</span>
                            <span class="meta">{format!("{} {when}", t(l, Key::DeletedAt))}</span>
                            <span class="draft-actions">
                                <button type="button" on:click=move |_| session.restore(&id1)>{t(l, Key::Restore)}</button>
                                <button type="button" on:click=move |_| {
                                    if confirm(t(lang.get_untracked(), Key::ConfirmDeleteForever)) {
                                        session.purge(&id2);
                                    }
                                }>{t(l, Key::DeleteForever)}</button>
                            </span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let trash_is_empty = move || {
        session
            .drafts
            .with(|d| d.iter().all(|d| d.deleted.is_none()))
    };

    view! {
        <h3>{move || t(lang.get(), Key::Trash)}</h3>
        <Show
            when=move || !trash_is_empty()
            fallback=move || view! { <p>{move || t(lang.get(), Key::TrashIsEmpty)}</p> }
        >
            <ul class="drafts" aria-label=move || t(lang.get(), Key::Trash)>{trash_list}</ul>
            <p class="row">
                <button type="button" on:click=move |_| {
                    if confirm(t(lang.get_untracked(), Key::ConfirmEmptyTrash)) {
                        session.empty_trash();
                    }
                }>{move || t(lang.get(), Key::EmptyTrash)}</button>
            </p>
        </Show>
    }
}
