//! "Quy tắc": the catalogue of rules, each with why, its source, and a bad and a good
//! example.

use crate::i18n::{t, Key};
use crate::state::use_app;
use kehoach_core::diagnostics::Lang;
use leptos::prelude::*;

#[component]
pub fn RulesPanel() -> impl IntoView {
    let lang = use_app().lang;
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
