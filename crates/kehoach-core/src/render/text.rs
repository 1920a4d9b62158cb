//! The plan written back as clean plain text: header block, title, bases, body with
//! normalised markers and spacing, closing, recipients, signature; NFC throughout.
//!
//! Rendering is a fixpoint: `clean(parse(clean(parse(x)))) == clean(parse(x))`.

use super::Piece;
use crate::model::{Annex, Field, Level, Node, Plan, Table};
use crate::source::is_invisible;
use crate::text::nfc;

/// One line of clean text: NFC, no invisible characters or Markdown emphasis, single
/// spaces.
pub fn clean_line(s: &str) -> String {
    let s = nfc(s);
    let no_marks = s.replace("**", "").replace("__", "");
    let mut out = String::with_capacity(no_marks.len());
    let mut space = false;
    for c in no_marks.chars() {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

fn marker(n: &Node) -> String {
    match n.level {
        Level::Part => clean_line(&n.marker),
        Level::Section => n.marker.trim_end_matches('.').to_string() + ".",
        Level::Clause => n
            .ordinal
            .map_or_else(|| n.marker.clone(), |o| format!("{o}.")),
        Level::SubClause => n.ordinal_path.iter().map(|p| format!("{p}.")).collect(),
        Level::Point => n
            .letter
            .map_or_else(|| n.marker.clone(), |c| format!("{c})")),
        Level::Dash => "-".into(),
        Level::Plus => "+".into(),
    }
}

fn push(out: &mut Vec<String>, f: &Field) {
    let l = clean_line(&f.text);
    if !l.is_empty() {
        out.push(l);
    }
}

/// A table as tab-separated rows, what Word's "Convert Text to Table" takes back.
pub fn table_lines(t: &Table) -> Vec<String> {
    let row = |cells: &[Field]| -> String {
        cells
            .iter()
            .map(|c| clean_line(&c.text))
            .collect::<Vec<_>>()
            .join("\t")
    };
    let mut out = Vec::with_capacity(t.rows.len() + 1);
    for header in [&t.header, &t.column_numbers] {
        if !header.is_empty() {
            out.push(row(header));
        }
    }
    for r in &t.rows {
        out.push(row(&r.cells));
    }
    out
}

fn content(out: &mut Vec<String>, paragraphs: &[Field], nodes: &[Node], tables: &[Table]) {
    for piece in super::flow(paragraphs, nodes, tables) {
        match piece {
            Piece::Para(f) | Piece::ItemPara(f) => push(out, f),
            Piece::Item(n) => {
                let title = clean_line(&n.title.text);
                out.push(if title.is_empty() {
                    marker(n)
                } else {
                    format!("{} {}", marker(n), title)
                });
            }
            Piece::Table(t) => out.extend(table_lines(t)),
        }
    }
}

fn annex(out: &mut Vec<String>, a: &Annex) {
    out.push(String::new());
    for f in [&a.label, &a.title, &a.attached_to].into_iter().flatten() {
        push(out, f);
    }
    content(out, &a.paragraphs, &a.body, &a.tables);
}

/// Recipients and signature.
fn foot(out: &mut Vec<String>, plan: &Plan) {
    if let Some(r) = &plan.recipients {
        out.push(String::new());
        push(out, &r.heading);
        for i in r.lines() {
            push(out, i);
        }
    }
    let s = &plan.signature;
    if !s.is_empty() || !s.trailing.is_empty() {
        out.push(String::new());
        for f in s.authority.iter().chain(&s.titles).chain(&s.placeholders) {
            push(out, f);
        }
        if let Some(n) = &s.name {
            push(out, n);
        }
        for f in &s.trailing {
            push(out, f);
        }
    }
}

pub fn to_text(plan: &Plan) -> String {
    let mut out: Vec<String> = Vec::new();
    let h = &plan.header;
    if let Some(p) = &h.parent_agency {
        push(&mut out, p);
    }
    for a in &h.agency {
        push(&mut out, a);
    }
    if let Some(n) = &h.number {
        out.push(n.canonical_line());
    }
    if let Some(s) = &h.subject_line {
        push(&mut out, s);
    }
    if let Some(t) = &h.party_title {
        push(&mut out, t);
    }
    if let Some(t) = &h.national_title {
        push(&mut out, t);
    }
    if let Some(m) = &h.motto {
        push(&mut out, m);
    }
    if let Some(pd) = &h.place_date {
        out.push(clean_line(&pd.canonical_line()));
    }
    let title_start = plan
        .title
        .as_ref()
        .map_or(usize::MAX, |t| t.kind_word.range.start);
    for u in plan
        .unclassified
        .iter()
        .filter(|u| u.range.start < title_start)
    {
        push(&mut out, u);
    }
    if let Some(s) = &plan.salutation {
        push(&mut out, s);
    }
    if !out.is_empty() {
        out.push(String::new());
    }
    // A decision that issues the plan: the decision, signed, then the plan.
    let mut signed = false;
    if let Some(d) = &plan.decision {
        for f in d
            .kind_word
            .iter()
            .chain(&d.title)
            .chain(&d.preamble)
            .chain(&d.articles)
        {
            push(&mut out, f);
        }
        foot(&mut out, plan);
        signed = true;
        out.push(String::new());
        for f in &d.plan_header {
            push(&mut out, f);
        }
    }
    if let Some(t) = &plan.title {
        push(&mut out, &t.kind_word);
        if let Some(s) = &t.summary {
            push(&mut out, s);
        }
        if let Some(a) = &t.attached_to {
            push(&mut out, a);
        }
        out.push(String::new());
    }
    for b in &plan.bases {
        push(&mut out, b);
    }
    content(&mut out, &plan.opening, &plan.body, &plan.tables);
    if !signed {
        foot(&mut out, plan);
    }
    if !plan.footnotes.is_empty() {
        out.push(String::new());
        for f in &plan.footnotes {
            push(&mut out, f);
        }
    }
    // Another document after the signature: kept as it came, after a blank line.
    if !plan.appended.is_empty() {
        out.push(String::new());
        for f in &plan.appended {
            push(&mut out, f);
        }
    }
    for a in &plan.annexes {
        annex(&mut out, a);
    }
    let rest: Vec<&Field> = plan
        .unclassified
        .iter()
        .filter(|u| u.range.start >= title_start)
        .collect();
    if !rest.is_empty() {
        out.push(String::new());
        for u in rest {
            push(&mut out, u);
        }
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}
