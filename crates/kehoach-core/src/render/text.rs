//! The plan written back as clean plain text: header block, title, bases, body with
//! normalised markers and spacing, closing, recipients, signature; NFC throughout.
//!
//! Rendering is a fixpoint: `clean(parse(clean(parse(x)))) == clean(parse(x))`.

use crate::model::{Field, Level, Node, Plan};
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

fn body(out: &mut Vec<String>, nodes: &[Node]) {
    for n in nodes {
        let title = clean_line(&n.title.text);
        out.push(if title.is_empty() {
            marker(n)
        } else {
            format!("{} {}", marker(n), title)
        });
        for p in &n.paragraphs {
            push(out, p);
        }
        body(out, &n.children);
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
    for o in &plan.opening {
        push(&mut out, o);
    }
    body(&mut out, &plan.body);
    if let Some(r) = &plan.recipients {
        out.push(String::new());
        push(&mut out, &r.heading);
        for i in r.lines() {
            push(&mut out, i);
        }
    }
    let s = &plan.signature;
    if !s.is_empty() || !s.trailing.is_empty() {
        out.push(String::new());
        for f in s.authority.iter().chain(&s.titles).chain(&s.placeholders) {
            push(&mut out, f);
        }
        if let Some(n) = &s.name {
            push(&mut out, n);
        }
        for f in &s.trailing {
            push(&mut out, f);
        }
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
