//! "Nhiệm vụ": the plan's tasks (from the body and from tables), sortable by lead
//! unit or deadline, and as CSV.

use crate::download::offer;
use crate::exports::export_name;
use crate::i18n::{self, t, Key};
use crate::state::use_app;
use kehoach_core::diagnostics::Lang;
use kehoach_core::model::{join_fields as join, Period, Plan, Task, TaskSource};
use kehoach_core::order;
use kehoach_core::text::Case;
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TaskSort {
    Document,
    Unit,
    Deadline,
}

fn task_deadline_key(t: &Task) -> (u16, u8, u8) {
    match t.timeline.as_ref().map(|tl| &tl.period) {
        Some(Period::Before { date }) => (
            date.year.unwrap_or(9999),
            date.month.unwrap_or(12),
            date.day.unwrap_or(31),
        ),
        Some(Period::Month { month, year }) => (*year, *month, 31),
        Some(Period::Quarter { quarter, year }) => (*year, quarter * 3, 31),
        Some(Period::Year { year }) => (*year, 12, 31),
        Some(Period::Years { to, .. }) => (*to, 12, 31),
        _ => (9999, 12, 31),
    }
}

/// Where a task was read: the body, or a table (in an annex or not).
fn task_source(t: &Task, plan: &Plan, l: Lang) -> String {
    let from = match t.source {
        TaskSource::Item => i18n::t(l, Key::SourceItem).to_string(),
        TaskSource::Table => i18n::t(l, Key::SourceTable).to_string(),
    };
    match t.annex.and_then(|k| plan.annexes.get(k)) {
        Some(a) => {
            let label = a
                .label
                .as_ref()
                .map_or_else(|| i18n::t(l, Key::Annex).to_string(), |f| f.text.clone());
            format!("{from} · {label}")
        }
        None => from,
    }
}

#[component]
pub fn TasksPanel() -> impl IntoView {
    let app = use_app();
    let (analysis, lang) = (app.checked, app.lang);
    let jump = move |start, end, line| app.select_bytes(start, end, line);
    let sort = RwSignal::new(TaskSort::Document);
    let sorted = move || {
        analysis.with(|a| {
            let mut tasks = a.plan.as_ref().map(|p| p.tasks.clone()).unwrap_or_default();
            match sort.get() {
                TaskSort::Document => {}
                TaskSort::Unit => order::sort_by_key(&mut tasks, |t| join(t.responsible()).lower()),
                TaskSort::Deadline => order::sort_by_key(&mut tasks, task_deadline_key),
            }
            tasks
        })
    };
    let download = move |_| {
        let csv = kehoach_core::render::csv::tasks_csv(&sorted());
        let name = analysis
            .with_untracked(|a| a.plan.as_deref().map(export_name))
            .unwrap_or_else(|| {
                app.text
                    .with_untracked(|t| export_name(&kehoach_core::parse(t)))
            });
        offer(
            &format!("{name}-nhiem-vu.csv"),
            "text/csv;charset=utf-8",
            csv.as_bytes(),
        );
    };
    view! {
        <h2>{move || t(lang.get(), Key::TabTasks)}</h2>
        <p class="row">
            <button type="button" aria-pressed=move || (sort.get() == TaskSort::Unit).to_string() on:click=move |_| sort.set(TaskSort::Unit)>
                {move || t(lang.get(), Key::SortByUnit)}
            </button>
            <button type="button" aria-pressed=move || (sort.get() == TaskSort::Deadline).to_string() on:click=move |_| sort.set(TaskSort::Deadline)>
                {move || t(lang.get(), Key::SortByDeadline)}
            </button>
            <button type="button" on:click=download>{move || t(lang.get(), Key::DownloadCsv)}</button>
        </p>
        {move || {
            let tasks = sorted();
            let l = lang.get();
            let Some(plan) = analysis.with(|a| a.plan.clone()) else {
                return view! { <p>{t(l, Key::ReadingPlan)}</p> }.into_any();
            };
            let sources: Vec<String> = tasks.iter().map(|t| task_source(t, &plan, l)).collect();
            if tasks.is_empty() {
                return view! { <p>{t(l, Key::NoTasks)}</p> }.into_any();
            }
            view! {
                <table class="tasks" aria-label="Nhiệm vụ">
                    <thead>
                        <tr>
                            <th scope="col">{t(l, Key::Content)}</th>
                            <th scope="col">{t(l, Key::Lead)}</th>
                            <th scope="col">{t(l, Key::Coordinating)}</th>
                            <th scope="col">{t(l, Key::Timeline)}</th>
                            <th scope="col">{t(l, Key::TaskFrom)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {tasks
                            .iter()
                            .zip(sources)
                            .map(|(task, source)| {
                                let r = task.range;
                                let duty = task.content.as_ref().map(|c| c.text.clone());
                                view! {
                                    <tr>
                                        <td>
                                            <button type="button" class="outline-item" on:click=move |_| jump(r.start, r.end, r.line)>
                                                {task.heading.text.clone()}
                                            </button>
                                            {duty.map(|d| view! { <div class="task-duty">{d}</div> })}
                                        </td>
                                        <td>{join(task.responsible())}</td>
                                        <td>{join(&task.coordinating)}</td>
                                        <td>{task.timeline.as_ref().map(|tl| tl.text.clone()).unwrap_or_default()}</td>
                                        <td>{source}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        }}
    }
}
