//! "Sửa thể thức trong tệp Word": the fixes an opened Word file's presentation
//! findings offer, each ticked by default, and "Tải .docx đã sửa" to write the ticked
//! ones into the file. Shown while the editor holds the file's text (the findings
//! are the file's only then); a rule turned off offers none.

use crate::i18n::{t, Key};
use crate::state::use_app;
use leptos::prelude::*;
use std::collections::BTreeSet;

#[component]
pub fn WordFixes() -> impl IntoView {
    let app = use_app();
    let lang = app.lang;
    // The fixes the user unticked, by index; a newly opened file starts all ticked.
    let unticked = RwSignal::new(BTreeSet::<usize>::new());
    Effect::new(move |_| {
        app.opened.track();
        unticked.set(BTreeSet::new());
    });
    // (index, code, title) of each fix offered now: worked out once per change of the
    // text, the file, the language or the settings, and read by the list, its `Show`
    // and the download.
    let offered = Memo::new(move |_| {
        app.text.track();
        app.opened.track();
        let l = lang.get();
        let Some(opened) = app.check.presentation() else {
            return Vec::new();
        };
        app.settings.with(|s| {
            opened
                .read
                .fixes
                .iter()
                .enumerate()
                .filter(|(_, f)| s.is_on(&f.code))
                .map(|(k, f)| (k, f.code.clone(), f.title.get(l).to_string()))
                .collect::<Vec<_>>()
        })
    });
    let download = move |_| {
        let chosen: Vec<usize> = offered
            .get_untracked()
            .into_iter()
            .map(|(k, _, _)| k)
            .filter(|k| unticked.with_untracked(|u| !u.contains(k)))
            .collect();
        app.download_fixed_docx(&chosen);
    };
    view! {
        <Show when=move || offered.with(|o| !o.is_empty())>
            <section class="word-fixes" aria-label=move || t(lang.get(), Key::WordFixesTitle)>
                <h3>{move || t(lang.get(), Key::WordFixesTitle)}</h3>
                <p class="hint">{move || t(lang.get(), Key::WordFixesHint)}</p>
                <ul>
                    {move || {
                        offered
                            .get()
                            .into_iter()
                            .map(|(k, code, title)| {
                                let ticked = move || unticked.with(|u| !u.contains(&k));
                                let toggle = move |_| {
                                    unticked.update(|u| {
                                        if !u.remove(&k) {
                                            u.insert(k);
                                        }
                                    })
                                };
                                let label = code.clone();
                                view! {
                                    <li data-code=code>
                                        <label>
                                            <input type="checkbox" prop:checked=ticked on:change=toggle />
                                            " "
                                            <code>{label}</code>
                                            " "
                                            {title}
                                        </label>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <button type="button" class="primary" on:click=download>
                    {move || t(lang.get(), Key::DownloadFixedDocx)}
                </button>
            </section>
        </Show>
    }
}
