//! The side panel: a tab list and the panel of the tab chosen. Each panel is its
//! own component and file.

mod drafts;
mod findings;
mod form;
mod listing;
mod outline;
mod profile;
mod rules;
mod tasks;
mod word_fixes;

use crate::i18n::{t, Key};
use crate::state::{use_app, Tab};
use leptos::prelude::*;

const TABS: [(Tab, Key); 7] = [
    (Tab::Drafts, Key::TabDrafts),
    (Tab::Findings, Key::TabFindings),
    (Tab::Outline, Key::TabOutline),
    (Tab::Tasks, Key::TabTasks),
    (Tab::Form, Key::TabForm),
    (Tab::Profile, Key::TabProfile),
    (Tab::Rules, Key::TabRules),
];

#[component]
pub fn SidePanel() -> impl IntoView {
    let app = use_app();
    let (tab, lang) = (app.tab, app.lang);
    view! {
        <section class="side">
            <div role="tablist" aria-label="Bảng bên" class="tabs">
                {TABS
                    .into_iter()
                    .map(|(which, key)| view! {
                        <button
                            type="button"
                            role="tab"
                            aria-selected=move || (tab.get() == which).to_string()
                            on:click=move |_| tab.set(which)
                        >
                            {move || t(lang.get(), key)}
                        </button>
                    })
                    .collect_view()}
            </div>
            <div role="tabpanel" class="panel">
                {move || match tab.get() {
                    Tab::Drafts => view! { <drafts::DraftsPanel /> }.into_any(),
                    Tab::Findings => view! { <findings::FindingsPanel /> }.into_any(),
                    Tab::Outline => view! { <outline::OutlinePanel /> }.into_any(),
                    Tab::Tasks => view! { <tasks::TasksPanel /> }.into_any(),
                    Tab::Form => view! { <form::FormPanel /> }.into_any(),
                    Tab::Profile => view! { <profile::ProfilePanel /> }.into_any(),
                    Tab::Rules => view! { <rules::RulesPanel /> }.into_any(),
                }}
            </div>
            // The findings list stays in the page whichever tab is shown, so its
            // accessible name always finds it; other tabs hide it visually.
            <Show when=move || tab.get() != Tab::Findings>
                <findings::HiddenFindings />
            </Show>
        </section>
    }
}
