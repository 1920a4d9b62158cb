//! "Bản in": the plan laid out for signing as Decree 30/2020, Appendix I prescribes
//! (plan-format.md §9): A4 portrait, the decree's margins, Times New Roman at the
//! prescribed sizes, two-column header and foot. The layout lives in CSS
//! (`style/main.css`, `.print-*` and `@page`); this renders the parsed plan into it.
//! All text goes in as text nodes: nothing here builds HTML from user text.

use kehoach_core::model::{Annex, Field, Level, Node, Plan, Signature, Table};
use kehoach_core::render::text::clean_line;
use kehoach_core::render::{flow, Piece};
use kehoach_core::text::Case;
use leptos::prelude::*;

fn line(f: &Field) -> String {
    clean_line(&f.text)
}

fn item(n: &Node) -> AnyView {
    let class = match n.level {
        Level::Part | Level::Section => "p-section",
        Level::Clause | Level::SubClause => "p-clause",
        _ => "p-item",
    };
    let marker = n.shown_marker();
    let title = clean_line(&n.title.text);
    view! { <p class=class>{format!("{marker} {title}")}</p> }.into_any()
}

/// A data table, bordered, its header row in `<thead>` (repeated on every printed
/// page by the browser).
fn table(t: &Table) -> AnyView {
    // The column names, and the row numbering the columns under them.
    let head = (!t.header.is_empty()).then(|| {
        let row = |cells: &[Field]| {
            (!cells.is_empty()).then(|| {
                let cells = cells
                    .iter()
                    .map(|c| view! { <th scope="col">{line(c)}</th> })
                    .collect_view();
                view! { <tr>{cells}</tr> }
            })
        };
        view! { <thead>{row(&t.header)}{row(&t.column_numbers)}</thead> }
    });
    let rows = t
        .rows
        .iter()
        .map(|r| {
            let class = if r.is_group { "p-group" } else { "" };
            let cells = r
                .cells
                .iter()
                .map(|c| view! { <td>{line(c)}</td> })
                .collect_view();
            view! { <tr class=class>{cells}</tr> }
        })
        .collect_view();
    view! { <table class="p-table">{head}<tbody>{rows}</tbody></table> }.into_any()
}

/// Paragraphs, items and tables in the order the text has them.
fn content(paragraphs: &[Field], nodes: &[Node], tables: &[Table]) -> AnyView {
    flow(paragraphs, nodes, tables)
        .into_iter()
        .map(|piece| match piece {
            Piece::Para(f) | Piece::ItemPara(f) => {
                view! { <p class="p-para">{line(f)}</p> }.into_any()
            }
            Piece::Item(n) => item(n),
            Piece::Table(t) => table(t),
        })
        .collect_view()
        .into_any()
}

/// Recipients left, signature right, kept on one page with what comes before it.
fn foot(plan: &Plan) -> AnyView {
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
    let s: &Signature = &plan.signature;
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
    // Text after the name that belongs to nothing is printed as found (the checker
    // reports it): the signed copy loses no word.
    let trailing = s
        .trailing
        .iter()
        .map(|f| view! { <p class="p-trailing">{line(f)}</p> })
        .collect_view();
    view! {
        <table class="print-foot" role="presentation">
            <tr>
                <td class="foot-left">{recipients}</td>
                <td class="foot-right">
                    {authority}
                    <div class="sign-space"></div>
                    {placeholders}
                    {name.map(|n| view! { <p class="p-name">{n}</p> })}
                    {trailing}
                </td>
            </tr>
        </table>
    }
    .into_any()
}

/// An annex on a new page: label and title centred in bold, the "kèm theo" line in
/// italics, then its content.
fn annex(a: &Annex) -> AnyView {
    view! {
        <section class="p-annex">
            {a.label.as_ref().map(|f| view! { <p class="p-annex-label">{line(f)}</p> })}
            {a.title.as_ref().map(|f| view! { <p class="p-annex-title">{line(f)}</p> })}
            {a.attached_to.as_ref().map(|f| view! { <p class="p-attached">{line(f)}</p> })}
            {content(&a.paragraphs, &a.body, &a.tables)}
        </section>
    }
    .into_any()
}

/// The signed-copy layout of a plan.
#[component]
pub fn PrintView(plan: Plan) -> impl IntoView {
    let h = &plan.header;
    let parent = h.parent_agency.as_ref().map(line);
    let agency: Vec<String> = h.agency.iter().map(line).collect();
    let number = h.number.as_ref().map(|n| n.canonical_line());
    // A Party document is headed by the Party's name and has no motto.
    let national = h
        .party_title
        .as_ref()
        .or(h.national_title.as_ref())
        .map(line)
        .unwrap_or_else(|| kehoach_core::vocab::NATIONAL_TITLE.into());
    let motto = (!h.is_party()).then(|| {
        h.motto
            .as_ref()
            .map(line)
            .unwrap_or_else(|| kehoach_core::vocab::MOTTO.into())
    });
    let place_date = h
        .place_date
        .as_ref()
        .map(|p| clean_line(&p.canonical_line()));
    let kind = plan
        .title
        .as_ref()
        .map(|t| line(&t.kind_word).upper())
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
    // `Kính gửi: …` where the text has it: the print never drops the drafter's words.
    let salutation = plan.salutation.as_ref().map(line);
    let bases = plan
        .bases
        .iter()
        .map(|b| view! { <p class="p-basis">{line(b)}</p> })
        .collect_view();
    // A decision that issues the plan: the decision, signed, then the plan on a new
    // page under its own header lines.
    let decision = plan.decision.as_ref().map(|d| {
        let kind = d
            .kind_word
            .as_ref()
            .map_or_else(|| "QUYẾT ĐỊNH".to_string(), |k| line(k).upper());
        let preamble = d
            .preamble
            .iter()
            .map(|p| view! { <p class="p-basis">{line(p)}</p> })
            .collect_view();
        let articles = d
            .articles
            .iter()
            .map(|a| view! { <p class="p-para">{line(a)}</p> })
            .collect_view();
        let plan_header = d
            .plan_header
            .iter()
            .map(|f| view! { <p class="p-plan-header">{line(f)}</p> })
            .collect_view();
        view! {
            <h1 class="p-kind">{kind}</h1>
            {d.title.as_ref().map(|s| view! { <p class="p-summary">{line(s)}</p> })}
            <hr class="rule-short center" />
            {preamble}
            <div class="p-keep">{articles}</div>
            {foot(&plan)}
            <div class="p-new-page">{plan_header}</div>
        }
    });
    let signed_by_decision = plan.decision.is_some();
    let footnotes = plan
        .footnotes
        .iter()
        .map(|f| view! { <p class="p-footnote">{line(f)}</p> })
        .collect_view();
    let annexes = plan.annexes.iter().map(annex).collect_view();
    // Another document after the signature (a routing slip), as it came.
    let appended = plan
        .appended
        .iter()
        .map(|f| view! { <p class="p-para">{line(f)}</p> })
        .collect_view();
    // Text the parser could not place, where it stood: above the title (a page's
    // notice, a stray heading) or after it.
    let title_start = plan
        .title
        .as_ref()
        .map_or(usize::MAX, |t| t.kind_word.range.start);
    let unplaced = |before: bool| {
        plan.unclassified
            .iter()
            .filter(|u| (u.range.start < title_start) == before)
            .map(|u| view! { <p class="p-para">{line(u)}</p> })
            .collect_view()
    };
    let unclassified_above = unplaced(true);
    let unclassified = unplaced(false);
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
                        {motto.map(|m| view! { <p class="p-motto">{m}</p> <hr class="rule-motto" /> })}
                        {place_date.map(|d| view! { <p class="p-date">{d}</p> })}
                    </td>
                </tr>
            </table>
            {unclassified_above}
            {decision}
            <h1 class="p-kind">{kind}</h1>
            {summary.map(|s| view! { <p class="p-summary">{s}</p> })}
            {attached.map(|a| view! { <p class="p-attached">{a}</p> })}
            <hr class="rule-short center" />
            {salutation.map(|s| view! { <p class="p-salutation">{s}</p> })}
            {bases}
            {content(&plan.opening, &plan.body, &plan.tables)}
            {(!signed_by_decision).then(|| foot(&plan))}
            {unclassified}
            {footnotes}
            {appended}
            {annexes}
        </article>
    }
}
