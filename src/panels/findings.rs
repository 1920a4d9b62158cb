//! "Kết quả": the findings, grouped by severity, each with its fixes.

use super::listing::{listed_in_steps, show_more, LISTED_STEP};
use crate::analysis::{is_presentation, Finding, FindingKey};
use crate::i18n::{self, t, Key};
use crate::state::use_app;
use kehoach_core::diagnostics::{Lang, Severity};
use kehoach_core::hash::FxHashMap;
use leptos::prelude::*;
use std::sync::{Arc, Mutex};

/// One list item per finding.
fn finding_item(
    f: &Finding,
    head: Option<String>,
    lang: Lang,
    is_current: Signal<bool>,
    go_to: impl Fn(&FindingKey) + Copy + Send + Sync + 'static,
    apply_fix: impl Fn(&FindingKey, usize) + Copy + Send + Sync + 'static,
    dismiss: impl Fn(&FindingKey) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let key = f.key.clone();
    let goto_key = key.clone();
    let dismiss_key = key.clone();
    let fixes = f
        .fixes
        .iter()
        .enumerate()
        .map(|(k, fx)| {
            // Fix titles are imperative already ("Sửa thành l)", "Xóa ký tự ẩn").
            let label = fx.title.clone();
            let class = if fx.safe { "fix safe" } else { "fix" };
            let key = key.clone();
            view! { <button type="button" class=class on:click=move |_| apply_fix(&key, k)>{label}</button> }
        })
        .collect_view();
    view! {
        <li
            class=format!("finding {}", f.out.severity.as_str())
            data-code=f.out.code.clone()
            data-line=f.out.line
            aria-current=move || if is_current.get() { "true" } else { "false" }
        >
            {head.map(|h| view! { <span class="group">{h}</span> })}
            <button type="button" class="goto" on:click=move |_| go_to(&goto_key)>
                <span class="sev">{f.out.severity.label(lang)}</span>
                " "
                <span class="msg">{f.out.message.clone()}</span>
                " "
                <span class="where">{format!("{} {}", t(lang, Key::Line), f.out.line)}</span>
                " "
                <code>{f.out.code.clone()}</code>
            </button>
            {fixes}
            <button type="button" class="dismiss" title=t(lang, Key::Dismiss) on:click=move |_| dismiss(&dismiss_key)>
                {t(lang, Key::Dismiss)}
            </button>
        </li>
    }
}

/// "Đã bỏ qua (N)": the findings dismissed in this draft, each with "Hiện lại".
#[component]
fn DismissedFindings() -> impl IntoView {
    let app = use_app();
    let (checked, lang) = (app.checked, app.lang);
    let count = move || checked.with(|a| a.hidden.len());
    view! {
        <Show when=move || { count() > 0 }>
            <details class="dismissed">
                <summary>{move || format!("{} ({})", t(lang.get(), Key::DismissedList), count())}</summary>
                <ul aria-label=move || t(lang.get(), Key::DismissedList)>
                    {move || {
                        let l = lang.get();
                        checked.with(|a| {
                            a.hidden
                                .iter()
                                .map(|f| {
                                    let index = f.index;
                                    view! {
                                        <li class=format!("finding {}", f.out.severity.as_str()) data-code=f.out.code.clone()>
                                            <span class="msg">{f.out.message.clone()}</span>
                                            " "
                                            <span class="where">{format!("{} {}", t(l, Key::Line), f.out.line)}</span>
                                            " "
                                            <code>{f.out.code.clone()}</code>
                                            " "
                                            <button type="button" on:click=move |_| app.undismiss(index)>{t(l, Key::ShowAgain)}</button>
                                        </li>
                                    }
                                })
                                .collect_view()
                        })
                    }}
                </ul>
            </details>
        </Show>
    }
}

#[component]
pub fn FindingsPanel() -> impl IntoView {
    let app = use_app();
    let (analysis, lang, current) = (app.checked, app.lang, app.current);
    let listed = listed_in_steps();
    // F8 to a finding past the items built builds up to it, so it is shown current.
    Effect::new(move |_| {
        if let Some(i) = current.get() {
            if i >= listed.get_untracked() {
                listed.set((i / LISTED_STEP + 1) * LISTED_STEP);
            }
        }
    });
    // Which item is current, told to the two items whose state changes: a signal
    // derived per item from `current` re-ran every item on each F8 (quadratic in
    // the findings: seconds at 25,000).
    let current_key = Selector::new(move || {
        current
            .get()
            .and_then(|i| analysis.with(|a| a.findings.get(i).map(|f| f.key.clone())))
    });
    // Items alive per key (see below).
    let alive: Arc<Mutex<FxHashMap<Option<FindingKey>, usize>>> = Arc::default();
    // Items are keyed by identity; their buttons find the finding's current index.
    let index_of = move |key: &FindingKey| {
        analysis.with_untracked(|a| a.findings.iter().position(|f| &f.key == key))
    };
    let go_to_key = move |key: &FindingKey| {
        if let Some(i) = index_of(key) {
            app.go_to(i);
        }
    };
    let apply_fix_key = move |key: &FindingKey, fix: usize| {
        if let Some(i) = index_of(key) {
            app.apply_fix(i, fix);
        }
    };
    let dismiss_key = move |key: &FindingKey| {
        if let Some(i) = index_of(key) {
            app.dismiss(i);
        }
    };
    // The open draft came from a Word file whose text was edited since: its
    // presentation is not checked any more, and the list says so.
    let edited_away = move || {
        let from_file = app.opened.with(|o| {
            o.as_ref()
                .is_some_and(|o| app.session.open_id.with(|id| *id == o.draft))
        });
        // Whether the file's text is still the editor's is the checker's to say.
        app.text.track();
        from_file && app.check.presentation().is_none()
    };
    let counts = move || {
        let l = lang.get();
        analysis.with(|a| {
            [Severity::Error, Severity::Warning, Severity::Info]
                .into_iter()
                .map(|s| {
                    view! {
                        <span class=format!("count {}", s.as_str())>
                            {format!("{} {}", a.count(s), i18n::severity_word(l, s))}
                            {(a.hidden_count(s) > 0).then(|| format!(" ({} {})", a.hidden_count(s), t(l, Key::DismissedCount)))}
                        </span>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <h2 id="findings-title">{i18n::FINDINGS_LABEL}</h2>
        <p class="counts">{counts}</p>
        <ul aria-label=i18n::FINDINGS_LABEL class="findings">
            <For
                each=move || {
                    let l = lang.get();
                    analysis.with(|a| {
                        let mut prev: Option<Option<Severity>> = None;
                        let presentation = a.findings.iter().filter(|f| is_presentation(f)).count();
                        a.findings
                            .iter()
                            .take(listed.get())
                            .map(|f| {
                                // A group heading inside the first item of each severity,
                                // and of the Word file's presentation.
                                // One group for the presentation, whatever the severity.
                                let group = if is_presentation(f) { None } else { Some(f.out.severity) };
                                let first = prev != Some(group);
                                prev = Some(group);
                                let head = first.then(|| {
                                    if group.is_none() {
                                        format!("{} ({presentation})", t(l, Key::PresentationGroup))
                                    } else {
                                        let n = a.findings.iter().filter(|g| !is_presentation(g) && g.out.severity == f.out.severity).count();
                                        format!("{} ({n})", i18n::severity_word(l, f.out.severity))
                                    }
                                });
                                (f.key.clone(), head, f.clone(), l)
                            })
                            .collect::<Vec<_>>()
                    })
                }
                key=|(key, head, _, l)| (key.clone(), head.clone(), *l)
                children=move |(key, head, f, l)| {
                    // The selector keeps a signal per key asked: the last item of a
                    // key to go takes it away (an item re-made with the same key may
                    // come before or after the old one goes), or every check of a
                    // long day's typing would add to them.
                    let asked = Some(key.clone());
                    *alive.lock().unwrap_or_else(|e| e.into_inner()).entry(asked.clone()).or_default() += 1;
                    let (selector, alive) = (current_key.clone(), alive.clone());
                    on_cleanup(move || {
                        let mut alive = alive.lock().unwrap_or_else(|e| e.into_inner());
                        if let Some(n) = alive.get_mut(&asked) {
                            *n -= 1;
                            if *n == 0 {
                                alive.remove(&asked);
                                selector.remove(&asked);
                            }
                        }
                    });
                    let selector = current_key.clone();
                    let is_current = Signal::derive(move || selector.selected(&Some(key.clone())));
                    finding_item(&f, head, l, is_current, go_to_key, apply_fix_key, dismiss_key)
                }
            />
        </ul>
        <Show when=move || analysis.with(|a| a.findings.len() > listed.get())>
            {show_more(listed, move || {
                let left = analysis.with(|a| a.findings.len()).saturating_sub(listed.get());
                format!("{} ({left})", t(lang.get(), Key::ShowMoreFindings))
            })}
        </Show>
        <super::word_fixes::WordFixes />
        <Show when=move || analysis.with(|a| a.findings.is_empty())>
            <p>{move || t(lang.get(), Key::NoFindings)}</p>
        </Show>
        <DismissedFindings />
        <Show when=move || edited_away()>
            <p class="note">{move || t(lang.get(), Key::PresentationEdited)}</p>
        </Show>
    }
}

/// The findings list, visually hidden, while another tab is shown: the first
/// [`LISTED_STEP`], and how many more there are.
#[component]
pub fn HiddenFindings() -> impl IntoView {
    let app = use_app();
    let (analysis, lang) = (app.checked, app.lang);
    view! {
        <ul aria-label=i18n::FINDINGS_LABEL class="visually-hidden">
            {move || {
                analysis.with(|a| {
                    a.findings
                        .iter()
                        .take(LISTED_STEP)
                        .map(|f| {
                            view! {
                                <li data-code=f.out.code.clone() data-line=f.out.line>
                                    {format!("{} {} ({})", f.out.message, f.out.line, f.out.code)}
                                </li>
                            }
                        })
                        .collect_view()
                })
            }}
            {move || {
                let left = analysis.with(|a| a.findings.len()).saturating_sub(LISTED_STEP);
                (left > 0).then(|| {
                    view! { <li class="more">{format!("{left} {}", t(lang.get(), Key::FindingsNotListed))}</li> }
                })
            }}
        </ul>
    }
}
