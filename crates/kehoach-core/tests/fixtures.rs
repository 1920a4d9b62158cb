//! Real documents beyond the seeds (`tests/fixtures/real/`), each kept as found with its
//! source, and what a correct reader finds in it (`*.facts.json`, written by hand).
//!
//! - `fixture_facts`: the number, date, signer, annexes and task rows come out exactly.
//! - `golden_findings`: every finding (line, code, severity, message) of every seed and
//!   fixture (a Word fixture's presentation too) equals its golden list in `tests/golden/`, so a new finding fails until it
//!   is accepted on purpose (`UPDATE_GOLDEN=1 cargo test -p kehoach-core --test
//!   fixtures`), the way rust-analyzer's fixtures work.
//! - `fix_all_keeps_every_word_and_cell`: "fix all" then export keeps every word and
//!   every table cell, and a re-check finds no safe fix left.

use kehoach_core::model::Plan;
use kehoach_core::source::LineIndex;
use kehoach_core::{check, fix, render};
use serde::Deserialize;
use std::path::{Path, PathBuf};

fn dir(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(sub)
}

/// Every seed and fixture text: (file stem, text). A Word fixture (`.docx`, kept as
/// found) is read as the app and the CLI open it (`import::open_file`).
fn documents() -> Vec<(String, String)> {
    documents_in(&["seeds", "fixtures/real"])
}

fn documents_in(subs: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for &sub in subs {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir(sub))
            .expect("fixture directory")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "docx"))
            .collect();
        kehoach_core::order::sort(&mut paths);
        for p in paths {
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default();
            let bytes = std::fs::read(&p).expect("fixture is readable");
            let name = p.to_string_lossy();
            let text = kehoach_core::import::open_file(&name, &bytes).expect("fixture opens");
            out.push((stem, text));
        }
    }
    out
}

fn collapse(s: &str) -> String {
    s.replace("**", " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Deserialize)]
struct Facts {
    kind: String,
    number: Option<String>,
    date: Option<String>,
    place: Option<String>,
    signer: Option<String>,
    #[serde(default)]
    signing_title: Vec<String>,
    #[serde(default)]
    annexes: Vec<AnnexFacts>,
    #[serde(default)]
    tasks: Vec<TaskFacts>,
}

#[derive(Deserialize)]
struct AnnexFacts {
    label: Option<String>,
    title: Option<String>,
    attached_to: Option<String>,
}

#[derive(Deserialize)]
struct TaskFacts {
    task: String,
    /// `null` for a row of a table with no lead column (a schedule).
    lead: Option<String>,
    timeline: Option<String>,
}

/// What the reader found, in the facts' terms; mismatches as readable lines.
fn compare(plan: &Plan, f: &Facts) -> Vec<String> {
    let mut bad = Vec::new();
    let mut eq = |what: &str, got: Option<String>, want: &Option<String>| {
        let got = got.map(|g| collapse(&g));
        let want = want.as_ref().map(|w| collapse(w));
        if got != want {
            bad.push(format!("{what}: got {got:?}, want {want:?}"));
        }
    };
    // The facts may name a kind finer than the model's (`program_in_decision`): a
    // decision is a decision whatever it issues.
    let kind = match f.kind.as_str() {
        k @ ("plan" | "plan_in_decision" | "decision" | "directive") => k.to_string(),
        k if k.ends_with("_in_decision") => "decision".to_string(),
        _ => "other".to_string(),
    };
    eq("kind", Some(plan.kind.as_str().to_string()), &Some(kind));
    let number = plan.header.number.as_ref().map(|n| n.code());
    eq("number", number, &f.number);
    let date = plan
        .header
        .place_date
        .as_ref()
        .map(|p| p.date.to_iso())
        .filter(|d| !d.is_empty());
    eq("date", date, &f.date);
    eq(
        "place",
        plan.header.place_date.as_ref().map(|p| p.place.clone()),
        &f.place,
    );
    eq(
        "signer",
        plan.signature.name.as_ref().map(|n| n.text.clone()),
        &f.signer,
    );
    let titles: Vec<String> = plan
        .signature
        .authority
        .iter()
        .chain(&plan.signature.titles)
        .map(|t| collapse(&t.text))
        .collect();
    let want_titles: Vec<String> = f.signing_title.iter().map(|t| collapse(t)).collect();
    if titles != want_titles {
        bad.push(format!(
            "signing title: got {titles:?}, want {want_titles:?}"
        ));
    }
    if plan.annexes.len() != f.annexes.len() {
        bad.push(format!(
            "annexes: got {} ({:?}), want {}",
            plan.annexes.len(),
            plan.annexes
                .iter()
                .map(|a| a.label.as_ref().map(|l| l.text.clone()))
                .collect::<Vec<_>>(),
            f.annexes.len()
        ));
    }
    for (k, (a, w)) in plan.annexes.iter().zip(&f.annexes).enumerate() {
        let mut eq = |what: &str, got: Option<String>, want: &Option<String>| {
            let got = got.map(|g| collapse(&g));
            let want = want.as_ref().map(|w| collapse(w));
            if got != want {
                bad.push(format!("annex {k} {what}: got {got:?}, want {want:?}"));
            }
        };
        eq("label", a.label.as_ref().map(|l| l.text.clone()), &w.label);
        eq("title", a.title.as_ref().map(|l| l.text.clone()), &w.title);
        eq(
            "attached_to",
            a.attached_to.as_ref().map(|l| l.text.clone()),
            &w.attached_to,
        );
    }
    for w in &f.tasks {
        let want_task = collapse(&w.task);
        let matching: Vec<_> = plan
            .tasks
            .iter()
            .filter(|t| {
                let text = collapse(&format!(
                    "{} {}",
                    t.heading.text,
                    t.content.as_ref().map_or("", |c| c.text.as_str())
                ));
                text.contains(&want_task)
                    && collapse(
                        &t.lead
                            .iter()
                            .map(|l| l.text.as_str())
                            .collect::<Vec<_>>()
                            .join("; "),
                    ) == collapse(w.lead.as_deref().unwrap_or(""))
            })
            .collect();
        // The same task may stand in the body and in an annex table: the one whose
        // timeline agrees is the one meant.
        let want_tl = w.timeline.as_ref().map(|x| collapse(x));
        let found = matching
            .iter()
            .find(|t| t.timeline.as_ref().map(|x| collapse(&x.text)) == want_tl)
            .or(matching.first())
            .copied();
        match found {
            None => bad.push(format!(
                "task {want_task:?} with lead {:?}: not found",
                w.lead
            )),
            Some(t) => {
                let got = t.timeline.as_ref().map(|x| collapse(&x.text));
                let want = w.timeline.as_ref().map(|x| collapse(x));
                if got != want {
                    bad.push(format!(
                        "task {want_task:?} timeline: got {got:?}, want {want:?}"
                    ));
                }
            }
        }
    }
    bad
}

#[test]
fn fixture_facts() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (stem, text) in documents() {
        let facts_path = dir("fixtures/real").join(format!("{stem}.facts.json"));
        let Ok(json) = std::fs::read_to_string(&facts_path) else {
            continue;
        };
        let facts: Facts = serde_json::from_str(&json).expect("facts file is valid");
        let report = check(&text);
        for b in compare(&report.plan, &facts) {
            failures.push(format!("{stem}: {b}"));
        }
        checked += 1;
    }
    assert!(checked >= 1, "no facts files found");
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

/// What the reader still gets wrong in `fixtures/pending/` (known to fail, so
/// ignored): `cargo test -p kehoach-core --test fixtures -- --ignored pending`
/// lists each pending document's mismatches with its facts.
#[test]
#[ignore]
fn pending_facts() {
    let mut report = Vec::new();
    for (stem, text) in documents_in(&["fixtures/pending"]) {
        let facts_path = dir("fixtures/pending").join(format!("{stem}.facts.json"));
        let Ok(json) = std::fs::read_to_string(&facts_path) else {
            continue;
        };
        let facts: Facts = serde_json::from_str(&json).expect("facts file is valid");
        let bad = compare(&check(&text).plan, &facts);
        report.push(format!("{stem}: {} mismatches", bad.len()));
        report.extend(bad.iter().map(|b| format!("  {b}")));
    }
    println!("{}", report.join("\n"));
}

/// The presentation of a Word fixture (`KH9xx` read from the file), by stem.
fn presentation(stem: &str) -> Option<kehoach_core::word::Presentation> {
    let path = dir("fixtures/real").join(format!("{stem}.docx"));
    let bytes = std::fs::read(path).ok()?;
    kehoach_core::import::docx_presented(&bytes)
        .ok()
        .map(|(_, p)| p)
}

fn findings_list(stem: &str, text: &str) -> String {
    let report = kehoach_core::check_presented(text, presentation(stem).as_ref());
    let index = LineIndex::new(text);
    let mut out = String::new();
    for d in &report.diagnostics {
        let at = index.line_col(text, d.span.start);
        out.push_str(&format!(
            "{}:{} {} {} {}\n",
            at.line,
            at.column,
            d.code,
            d.severity.as_str(),
            d.message.vi
        ));
    }
    out
}

#[test]
fn golden_findings() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for (stem, text) in documents() {
        let path = dir("golden").join(format!("{stem}.findings"));
        let got = findings_list(&stem, &text);
        if update {
            std::fs::create_dir_all(dir("golden")).expect("golden directory");
            std::fs::write(&path, &got).expect("write golden");
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if got != want {
            let added: Vec<&str> = got.lines().filter(|l| !want.contains(l)).collect();
            let removed: Vec<&str> = want.lines().filter(|l| !got.contains(l)).collect();
            failures.push(format!(
                "{stem}:\n  new findings:\n    {}\n  gone:\n    {}",
                added.join("\n    "),
                removed.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "findings differ from tests/golden (accept on purpose with UPDATE_GOLDEN=1):\n{}",
        failures.join("\n")
    );
}

fn words(s: &str) -> Vec<String> {
    let s = kehoach_core::text::nfc(s);
    let mut w: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    kehoach_core::order::sort(&mut w);
    w
}

/// Words of `a` missing from `b` (with their counts).
fn missing(a: &[String], b: &[String]) -> Vec<String> {
    let mut counts = std::collections::HashMap::<&str, i64>::new();
    for w in b {
        *counts.entry(w).or_default() += 1;
    }
    let mut out = Vec::new();
    for w in a {
        let c = counts.entry(w).or_default();
        *c -= 1;
        if *c < 0 {
            out.push(w.clone());
        }
    }
    out
}

/// The marks a text refers to its notes with: `(*)`, `(**)`, `[*]`, in order.
fn note_marks(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (i, _) in s.match_indices(['(', '[']) {
        let rest = &s[i + 1..];
        let stars = rest.bytes().take_while(|&b| b == b'*').count();
        if stars > 0 && matches!(rest.as_bytes().get(stars), Some(b')' | b']')) {
            out.push(&s[i..i + stars + 2]);
        }
    }
    out
}

fn cells(plan: &Plan) -> Vec<Vec<Vec<String>>> {
    plan.tables
        .iter()
        .chain(plan.annexes.iter().flat_map(|a| &a.tables))
        .map(|t| {
            t.rows
                .iter()
                .map(|r| r.cells.iter().map(|c| collapse(&c.text)).collect())
                .collect()
        })
        .collect()
}

/// A table's header written again on each page it runs over: the reader keeps it once.
fn repeated_headers(plan: &Plan, text: &str) -> String {
    let cells = |line: &str| -> Vec<String> {
        line.split('|')
            .map(collapse)
            .filter(|c| !c.is_empty())
            .collect()
    };
    let mut out = String::new();
    // A header printed as lines (a Gazette table through plain `pdftotext`).
    let flat = collapse(text);
    let tables = plan
        .tables
        .iter()
        .chain(plan.annexes.iter().flat_map(|a| &a.tables));
    for header in tables.map(|t| &t.header).filter(|h| !h.is_empty()) {
        let names: Vec<String> = header.iter().map(|c| collapse(&c.text)).collect();
        let piped = text
            .lines()
            .filter(|l| l.contains('|') && cells(l) == names)
            .count();
        let seen = piped.max(flat.matches(&names.join(" ")).count());
        for _ in 1..seen {
            out.push_str(&names.join(" "));
            out.push(' ');
        }
    }
    out
}

#[test]
fn fix_all_keeps_every_word_and_cell() {
    let mut failures = Vec::new();
    for (stem, text) in documents() {
        let before = check(&text);
        let fixed = fix::apply_safe_fixes(&text);
        let after = check(&fixed);
        // Every word and figure stays: fix-all removes only marks, spaces and
        // invisible characters (page chrome, page numbers and split figures wait
        // for a click).
        let lost = missing(&words(&text), &words(&fixed));
        if !lost.is_empty() {
            failures.push(format!("{stem}: fix-all lost words {lost:?}"));
        }
        if cells(&before.plan) != cells(&after.plan) {
            failures.push(format!("{stem}: fix-all changed a table"));
        }
        // And every mark that refers to a note: `(*)` is the text's, not Markdown.
        if note_marks(&text) != note_marks(&fixed) {
            failures.push(format!("{stem}: fix-all changed a note's mark `(*)`"));
        }
        let left: Vec<&str> = after
            .diagnostics
            .iter()
            .filter(|d| d.has_safe_fix())
            .map(|d| d.code)
            .collect();
        if !left.is_empty() {
            failures.push(format!("{stem}: safe fixes left after fix-all: {left:?}"));
        }
        // The clean text leaves out what is not the document's: page chrome (the
        // KH807 lines) and a date's leading zero it writes anew (`tháng 0 6` → `tháng 6`).
        let mut chrome = String::new();
        for d in after.diagnostics.iter().filter(|d| d.code == "KH807") {
            for e in d.fixes.iter().flat_map(|f| &f.edits) {
                chrome.push_str(e.span.text(&fixed));
                chrome.push(' ');
            }
        }
        let clean = render::text::to_text(&after.plan);
        let mut kept = words(&clean);
        kept.extend(words(&chrome));
        kept.extend(words(&repeated_headers(&after.plan, &fixed)));
        kehoach_core::order::sort(&mut kept);
        let lost: Vec<String> = missing(&words(&fixed), &kept)
            .into_iter()
            .filter(|w| !w.bytes().all(|b| b == b'0'))
            .collect();
        if !lost.is_empty() {
            failures.push(format!(
                "{stem}: clean text lost {} words, first {:?}",
                lost.len(),
                &lost[..lost.len().min(12)]
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

/// A signed, issued document gets few findings (which ones, errors included, the
/// golden lists pin down).
#[test]
fn issued_fixtures_get_few_findings() {
    for (stem, text) in documents() {
        if !stem.starts_with('1') {
            continue;
        }
        let report = check(&text);
        assert!(
            report.diagnostics.len() < 30,
            "{stem}: {} findings",
            report.diagnostics.len()
        );
    }
}

/// Every word of the clean text reaches the .docx (tables, annexes, the issuing
/// decision, footnotes included), read back as a file would be opened.
#[test]
fn every_word_reaches_the_docx() {
    use kehoach_core::import::open_file;
    let mut failures = Vec::new();
    for (stem, text) in documents() {
        let plan = check(&text).plan;
        let clean = render::text::to_text(&plan);
        let docx = open_file("x.docx", &render::docx::to_docx(&plan)).expect("docx opens");
        let lost = missing(&words(&clean), &words(&docx));
        if !lost.is_empty() {
            failures.push(format!(
                "{stem}: .docx lost {} words, first {:?}",
                lost.len(),
                &lost[..lost.len().min(12)]
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

/// Spacing is one habit of the typist: a real plan with extra spaces on five lines
/// (fixture 131) gets one KH809 finding that points at each of them and whose fix
/// mends them all, not five findings.
#[test]
fn spacing_is_one_finding_pointing_at_each_line() {
    let path = dir("fixtures/real").join("131_qd-844-ttg-kh-bhyt-toan-dan.txt");
    let text = std::fs::read_to_string(path).expect("fixture 131");
    let report = check(&text);
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "KH809")
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    let index = LineIndex::new(&text);
    let lines: Vec<usize> = std::iter::once(found[0].span)
        .chain(found[0].related.iter().copied())
        .map(|s| index.line_col(&text, s.start).line)
        .collect();
    assert_eq!(lines, [504, 563, 572, 632, 653]);
    // Every place is named, however many (a justified PDF has hundreds).
    let many =
        "KẾ HOẠCH\nCông tác năm 2025\n\nI. MỤC ĐÍCH\n".to_string() + &"Tăng  cường.\n".repeat(50);
    let report = check(&many);
    let spacing = report
        .diagnostics
        .iter()
        .find(|d| d.code == "KH809")
        .expect("KH809");
    assert_eq!(spacing.related.len(), 49);
    assert!(
        found[0].message.vi.starts_with("5 dòng"),
        "{}",
        found[0].message.vi
    );
    let fixed = fix::apply_safe_fixes(&text);
    assert!(check(&fixed).diagnostics.iter().all(|d| d.code != "KH809"));
    // A symbol cut at its hyphen (`52-` / `CT/TW`) is joined into one word.
    let words = |t: &str| {
        let w: Vec<&str> = t.split_whitespace().collect();
        let halves = w
            .windows(2)
            .filter(|p| kehoach_core::text::symbol_split(p[0], p[1]))
            .count();
        w.len() - halves
    };
    assert_eq!(words(&fixed), words(&text));
}
