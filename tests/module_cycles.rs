//! No import cycles between the files of the app or of the core: each file (module)
//! may use the modules it needs, but never, through any chain, one that uses it back.
//! A cycle means two parts that cannot be understood, changed or tested apart.
//!
//! The graph is read from the source: every `crate::a::b` path in a file's code (in
//! `use` lines and inline; not in comments, not in its `#[cfg(test)] mod tests`) is an
//! edge to the file that defines the deepest module it names.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::code;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Module path (`panels::drafts`) → file, for every `.rs` file under `src`.
fn modules(src: &Path) -> BTreeMap<String, PathBuf> {
    fn walk(dir: &Path, prefix: &[String], out: &mut BTreeMap<String, PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                let mut inner = prefix.to_vec();
                inner.push(name);
                walk(&path, &inner, out);
            } else if let Some(stem) = name.strip_suffix(".rs") {
                let mut module = prefix.to_vec();
                if !matches!(stem, "mod" | "lib" | "main") {
                    module.push(stem.to_string());
                }
                out.insert(module.join("::"), path);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(src, &[], &mut out);
    out
}

/// The modules a file's `crate::…` paths name (the deepest known module of each).
fn uses(text: &str, known: &BTreeMap<String, PathBuf>) -> BTreeSet<String> {
    let text = &code(text);
    let mut out = BTreeSet::new();
    for (at, _) in text.match_indices("crate::") {
        // `subcrate::` is another path, not this crate.
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let path: String = text[at + "crate::".len()..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
        if let Some(module) = (1..=parts.len())
            .rev()
            .map(|n| parts[..n].join("::"))
            .find(|m| known.contains_key(m))
        {
            out.insert(module);
        }
    }
    out
}

/// One cycle in the graph, if there is any, as the modules along it.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(node.to_string(), Mark::Open);
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            match marks.get(next).copied().unwrap_or(Mark::New) {
                Mark::Open => {
                    let from = stack.iter().position(|m| m == next).unwrap_or(0);
                    let mut cycle = stack[from..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Mark::New => {
                    if let Some(cycle) = visit(next, graph, marks, stack) {
                        return Some(cycle);
                    }
                }
                Mark::Done => {}
            }
        }
        stack.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if marks.get(node).copied().unwrap_or(Mark::New) == Mark::New {
            if let Some(cycle) = visit(node, graph, &mut marks, &mut Vec::new()) {
                return Some(cycle);
            }
        }
    }
    None
}

fn graph_of(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let known = modules(src);
    known
        .iter()
        .map(|(module, file)| {
            let text = fs::read_to_string(file).unwrap_or_default();
            let mut used = uses(&text, &known);
            used.remove(module);
            (module.clone(), used)
        })
        .collect()
}

/// Fails on a cycle among the files under `dir` (of the crate `what`). `min_modules`
/// and `known_edge` (a module and one it is known to use) check that the reader
/// found the modules and their `use` lines at all.
fn assert_acyclic(what: &str, dir: &str, min_modules: usize, known_edge: (&str, &str)) {
    let graph = graph_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir));
    assert!(
        graph.len() > min_modules,
        "the {what}'s modules were not found: {graph:?}"
    );
    assert!(
        graph
            .get(known_edge.0)
            .is_some_and(|u| u.contains(known_edge.1)),
        "the reader misses `use crate::…` lines: {graph:?}"
    );
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "import cycle between the {what}'s files: {}",
            cycle.join(" → ")
        );
    }
}

#[test]
fn the_app_has_no_import_cycle() {
    assert_acyclic("app", "src", 10, ("app", "state"));
}

#[test]
fn the_core_has_no_import_cycle() {
    assert_acyclic("core", "crates/kehoach-core/src", 20, ("parse", "reading"));
}

#[test]
fn a_cycle_is_found() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(m, u)| (m.to_string(), u.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(
        find_cycle(&graph),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    let known: BTreeMap<String, PathBuf> = ["panels", "panels::drafts", "state"]
        .into_iter()
        .map(|m| (m.to_string(), PathBuf::new()))
        .collect();
    let used = uses(
        "use crate::state::use_app;\nlet x = crate::panels::drafts::X; subcrate::panels::Y;\n\
         // crate::panels\n#[cfg(test)]\nmod tests { use crate::panels; }",
        &known,
    );
    assert_eq!(
        used,
        ["panels::drafts", "state"]
            .into_iter()
            .map(String::from)
            .collect()
    );
}
