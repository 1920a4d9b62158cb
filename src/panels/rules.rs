//! "Quy tắc": the catalogue of rules, each with why, its source, and a bad and a good
//! example; and the office's settings: a rule turned off or given another severity
//! (for every draft in this browser), kept, exported and imported as the JSON of a
//! `.kehoach.json`, which the CLI reads too.

use crate::download::offer;
use crate::i18n::{t, Key};
use crate::state::use_app;
use kehoach_core::diagnostics::{Lang, Severity};
use kehoach_core::settings::{RuleSetting, Settings};
use kehoach_core::text::Case;
use leptos::prelude::*;

/// The values of a rule's setting, as the select offers them ("" is the default).
const CHOICES: [&str; 5] = ["", "off", "error", "warning", "info"];

fn choice_label(choice: &str, default: Severity, l: Lang) -> String {
    match RuleSetting::parse(choice) {
        None => format!("{} ({})", t(l, Key::RuleDefault), default.label(l)),
        Some(RuleSetting::Off) => t(l, Key::RuleOff).to_string(),
        Some(RuleSetting::Severity(s)) => s.label(l).to_string(),
    }
}

fn choice_of(settings: &Settings, code: &str) -> &'static str {
    settings.rules.get(code).map_or("", |s| s.as_str())
}

#[component]
pub fn RulesPanel() -> impl IntoView {
    let app = use_app();
    let (lang, settings) = (app.lang, app.settings);
    let query = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let keep = move |next: Settings| {
        let kept = app.set_settings(next);
        message.set((!kept).then(|| t(lang.get_untracked(), Key::SettingsNotKept).to_string()));
    };
    let set = move |code: &'static str, choice: String| {
        let mut next = settings.get_untracked();
        match RuleSetting::parse(&choice) {
            Some(s) => next.rules.insert(code.to_string(), s),
            None => next.rules.remove(code),
        };
        keep(next);
    };
    let export = move |_| {
        let json = settings.with_untracked(Settings::to_json);
        offer("kehoach-quy-tac.json", "application/json", json.as_bytes());
    };
    let import = move |file: web_sys::File| {
        crate::files::read_file(file, move |name, bytes| {
            let l = lang.get_untracked();
            let text = bytes.map(|b| String::from_utf8_lossy(&b).into_owned());
            match text.as_deref().map(Settings::from_json) {
                Some(Ok(next)) => {
                    keep(next);
                    message.set(Some(format!("{name}: {}", t(l, Key::SettingsImported))));
                }
                Some(Err(e)) => message.set(Some(format!("{name}: {e}"))),
                None => message.set(Some(format!("{name}: {}", t(l, Key::CannotRead)))),
            }
        });
    };
    view! {
        <h2>{move || t(lang.get(), Key::TabRules)}</h2>
        <p class="row">
            <label for="rule-search">{move || t(lang.get(), Key::SearchRules)}</label>
            <input id="rule-search" type="search" on:input=move |ev| query.set(event_target_value(&ev)) />
        </p>
        <p class="row">
            <button type="button" on:click=export>{move || t(lang.get(), Key::ExportSettings)}</button>
            <crate::files::FileButton lang label=Key::ImportSettings input_label=Key::SettingsFile accept=".json,application/json" on_file=import />
        </p>
        <Show when=move || message.with(Option::is_some)>
            <p class="status" role="status">{move || message.get().unwrap_or_default()}</p>
        </Show>
        <ul class="rules" aria-label="Danh mục quy tắc">
            {move || {
                let l = lang.get();
                let q = query.get().lower();
                kehoach_core::rules::registry()
                    .into_iter()
                    .filter(|r| {
                        q.is_empty()
                            || [r.code, r.what_vi, r.what_en].iter().any(|s| s.lower().contains(&q))
                    })
                    .map(|r| {
                        let (what, why) = match l {
                            Lang::Vi => (r.what_vi, r.why_vi),
                            Lang::En => (r.what_en, r.why_en),
                        };
                        let code = r.code;
                        let current = move || settings.with(|s| choice_of(s, code));
                        let options = CHOICES
                            .iter()
                            .map(|c| view! { <option value=*c selected=move || current() == *c>{choice_label(c, r.severity, l)}</option> })
                            .collect_view();
                        view! {
                            <li class=format!("rule {}", r.severity.as_str())>
                                <select
                                    aria-label=format!("{} {code}", t(l, Key::RuleLevel))
                                    prop:value=current
                                    on:change=move |ev| set(code, event_target_value(&ev))
                                >
                                    {options}
                                </select>
                                <details>
                                    <summary><code>{code}</code>" "{what}" "<span class="sev">{r.severity.label(l)}</span></summary>
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
