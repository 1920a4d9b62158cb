//! "Dàn ý": the plan's sections, items, tables and annexes, each a link into the
//! text, with a count of the findings inside it.

use super::listing::{listed_in_steps, show_more};
use crate::analysis::FindingStarts;
use crate::i18n::{self, t, Key};
use crate::state::use_app;
use kehoach_core::diagnostics::Lang;
use kehoach_core::model::{Level, Node, Table};
use leptos::prelude::*;
use std::cell::Cell;

#[component]
pub fn OutlinePanel() -> impl IntoView {
    let app = use_app();
    let (analysis, lang) = (app.checked, app.lang);
    let jump = move |start, end, line| app.select_bytes(start, end, line);
    let listed = listed_in_steps();
    /// The items of `nodes` and their children, in document order, while `room`
    /// lasts (each item takes one).
    fn render(
        nodes: &[Node],
        starts: &FindingStarts,
        room: &Cell<usize>,
        jump: impl Fn(usize, usize, usize) + Copy + Send + Sync + 'static,
    ) -> AnyView {
        nodes
            .iter()
            .filter(|n| n.level <= Level::Point)
            .take_while(|_| room.get() > 0)
            .map(|n| {
                room.set(room.get() - 1);
                let count = starts.count_in(n.marker_range.start, n.range.end.min(
                    n.children.first().map_or(n.range.end, |c| c.range.start),
                ));
                let (s, e, line) = (n.marker_range.start, n.marker_range.end, n.marker_range.line);
                let label = format!("{} {}", n.marker, n.title.text);
                let badge = (count > 0).then(|| view! { <span class="badge" title="findings">{count}</span> });
                let children = render(&n.children, starts, room, jump);
                view! {
                    <li>
                        <button type="button" class="outline-item" on:click=move |_| jump(s, e, line)>{label}</button>
                        {badge}
                        <ul>{children}</ul>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    }
    /// How many items [`render`] shows of `nodes` with room for all.
    fn items(nodes: &[Node]) -> usize {
        nodes
            .iter()
            .filter(|n| n.level <= Level::Point)
            .map(|n| 1 + items(&n.children))
            .sum()
    }
    /// A table as one outline entry: its first column names and its row count.
    fn table_item(
        t: &Table,
        l: Lang,
        jump: impl Fn(usize, usize, usize) + Copy + Send + Sync + 'static,
    ) -> AnyView {
        let (s, e, line) = (t.range.start, t.range.start, t.range.line);
        let names: Vec<&str> = t.header.iter().take(3).map(|f| f.text.as_str()).collect();
        let label = format!(
            "{}: {} ({} {})",
            i18n::t(l, Key::SourceTable),
            names.join(" | "),
            t.rows.len(),
            i18n::t(l, Key::TableRows)
        );
        view! { <li><button type="button" class="outline-item" on:click=move |_| jump(s, e, line)>{label}</button></li> }
            .into_any()
    }
    view! {
        <h2>{move || t(lang.get(), Key::TabOutline)}</h2>
        {move || analysis.with(|a| {
            let l = lang.get();
            let Some(p) = &a.plan else {
                return view! { <p>{t(l, Key::ReadingPlan)}</p> }.into_any();
            };
            if p.body.is_empty() && p.annexes.is_empty() && p.tables.is_empty() {
                return view! { <p>{t(l, Key::NoOutline)}</p> }.into_any();
            }
            let starts = a.finding_starts();
            let room = Cell::new(listed.get());
            let body = render(&p.body, &starts, &room, jump);
            let tables = p.tables.iter().map(|tb| table_item(tb, l, jump)).collect_view();
            let annexes = p
                .annexes
                .iter()
                .map(|an| {
                    let head = [&an.label, &an.title]
                        .into_iter()
                        .flatten()
                        .map(|f| f.text.clone())
                        .collect::<Vec<_>>()
                        .join(" ");
                    let (s, e, line) = (an.range.start, an.range.start, an.range.line);
                    let tables = an.tables.iter().map(|tb| table_item(tb, l, jump)).collect_view();
                    view! {
                        <li>
                            <button type="button" class="outline-item" on:click=move |_| jump(s, e, line)>{head}</button>
                            <ul>{render(&an.body, &starts, &room, jump)}{tables}</ul>
                        </li>
                    }
                })
                .collect_view();
            let left = items(&p.body) + p.annexes.iter().map(|an| items(&an.body)).sum::<usize>();
            let left = left.saturating_sub(listed.get());
            let more = (left > 0)
                .then(|| show_more(listed, move || format!("{} ({left})", t(l, Key::ShowMoreOutline))));
            view! { <ul class="outline" aria-label="Dàn ý">{body}{tables}{annexes}</ul> {more} }.into_any()
        })}
    }
}
