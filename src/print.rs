//! "Bản in": the plan laid out for signing as Decree 30/2020, Appendix I prescribes
//! (plan-format.md §9): A4 portrait, the decree's margins, Times New Roman at the
//! prescribed sizes, two-column header and foot. The layout lives in CSS
//! (`style/main.css`, `.print-*` and `@page`); this renders the parsed plan into it.
//! All text goes in as text nodes: nothing here builds HTML from user text.

use kehoach_core::model::{Field, Level, Node, Plan};
use kehoach_core::render::text::clean_line;
use leptos::prelude::*;

fn line(f: &Field) -> String {
    clean_line(&f.text)
}

fn body(nodes: &[Node]) -> AnyView {
    nodes
        .iter()
        .map(|n| {
            let class = match n.level {
                Level::Part | Level::Section => "p-section",
                Level::Clause | Level::SubClause => "p-clause",
                _ => "p-item",
            };
            let marker = n.shown_marker();
            let title = clean_line(&n.title.text);
            let paragraphs = n
                .paragraphs
                .iter()
                .map(|p| view! { <p class="p-para">{line(p)}</p> })
                .collect_view();
            let children = body(&n.children);
            view! {
                <p class=class>{format!("{marker} {title}")}</p>
                {paragraphs}
                {children}
            }
        })
        .collect_view()
        .into_any()
}

/// The signed-copy layout of a plan.
#[component]
pub fn PrintView(plan: Plan) -> impl IntoView {
    let h = &plan.header;
    let parent = h.parent_agency.as_ref().map(line);
    let agency: Vec<String> = h.agency.iter().map(line).collect();
    let number = h.number.as_ref().map(|n| n.canonical_line());
    let national = h
        .national_title
        .as_ref()
        .map(line)
        .unwrap_or_else(|| "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into());
    let motto = h
        .motto
        .as_ref()
        .map(line)
        .unwrap_or_else(|| "Độc lập - Tự do - Hạnh phúc".into());
    let place_date = h
        .place_date
        .as_ref()
        .map(|p| clean_line(&p.canonical_line()));
    let kind = plan
        .title
        .as_ref()
        .map(|t| line(&t.kind_word).to_uppercase())
        .unwrap_or_else(|| "KẾ HOẠCH".into());
    let summary = plan
        .title
        .as_ref()
        .and_then(|t| t.summary.as_ref())
        .map(line);
    let attached = plan
        .title
        .as_ref()
        .and_then(|t| t.attached_to.as_ref())
        .map(line);
    let bases = plan
        .bases
        .iter()
        .map(|b| view! { <p class="p-basis">{line(b)}</p> })
        .collect_view();
    let opening = plan
        .opening
        .iter()
        .map(|o| view! { <p class="p-para">{line(o)}</p> })
        .collect_view();
    let recipients = plan.recipients.as_ref().map(|r| {
        let items = r
            .lines()
            .map(|i| view! { <p class="p-recipient">{line(i)}</p> })
            .collect_view();
        view! {
            <p class="p-recipients-head">"Nơi nhận:"</p>
            {items}
        }
    });
    let s = &plan.signature;
    let authority = s
        .authority
        .iter()
        .chain(&s.titles)
        .map(|f| view! { <p class="p-authority">{line(f)}</p> })
        .collect_view();
    let placeholders = s
        .placeholders
        .iter()
        .map(|f| view! { <p class="p-placeholder">{line(f)}</p> })
        .collect_view();
    let name = s.name.as_ref().map(line);
    view! {
        <article class="print-page" aria-label="Bản in">
            <table class="print-head" role="presentation">
                <tr>
                    <td class="head-left">
                        {parent.map(|p| view! { <p class="p-parent">{p}</p> })}
                        {agency.into_iter().map(|a| view! { <p class="p-agency">{a}</p> }).collect_view()}
                        <hr class="rule-short" />
                        {number.map(|n| view! { <p class="p-number">{n}</p> })}
                    </td>
                    <td class="head-right">
                        <p class="p-national">{national}</p>
                        <p class="p-motto">{motto}</p>
                        <hr class="rule-motto" />
                        {place_date.map(|d| view! { <p class="p-date">{d}</p> })}
                    </td>
                </tr>
            </table>
            <h1 class="p-kind">{kind}</h1>
            {summary.map(|s| view! { <p class="p-summary">{s}</p> })}
            {attached.map(|a| view! { <p class="p-attached">{a}</p> })}
            <hr class="rule-short center" />
            {bases}
            {opening}
            {body(&plan.body)}
            <table class="print-foot" role="presentation">
                <tr>
                    <td class="foot-left">{recipients}</td>
                    <td class="foot-right">
                        {authority}
                        <div class="sign-space"></div>
                        {placeholders}
                        {name.map(|n| view! { <p class="p-name">{n}</p> })}
                    </td>
                </tr>
            </table>
        </article>
    }
}
