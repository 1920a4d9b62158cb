//! What the page's wasm must not link: the work moved to the `.docx` module
//! (`crates/kehoach-docx`), loaded only when a Word file or a JSON export is opened
//! or written. Calling one of these from the app's code (not its tests) would bring
//! that code back into what every user downloads first: the Word readers and
//! writers (255 KB, session 11), reading a `Plan` from JSON (97 KB, session 14),
//! writing one (5 KB gzipped, session 21; README, "Size").
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::code;

use std::fs;
use std::path::Path;

/// Core functions the page's module must leave to the `.docx` module.
const MOVED_OUT: [&str; 8] = [
    "import::open_file",
    "import::open_text_file",
    "import::plan_text_from_json",
    "import::docx_text",
    "import::docx_presented",
    "render::json::",
    "render::docx",
    "word::",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The names of `MOVED_OUT` that `code` calls.
fn moved_out_in(code: &str) -> Vec<&'static str> {
    MOVED_OUT
        .iter()
        .copied()
        .filter(|name| code.contains(name))
        .collect()
}

#[test]
fn the_page_leaves_word_files_and_json_exports_to_the_docx_module() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 20, "the app's files: {files:?}");
    let found: Vec<String> = files
        .iter()
        .flat_map(|f| {
            let text = fs::read_to_string(f).unwrap_or_default();
            moved_out_in(&code(&text))
                .into_iter()
                .map(move |name| format!("{}: {name}", f.display()))
        })
        .collect();
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_call_is_found_and_a_comment_or_test_is_not() {
    let text = "use kehoach_core::import;\n// import::open_file is the CLI's\nfn f() { import::open_text_file(\"a\", b\"\"); }\n#[cfg(test)]\nmod tests {\n    fn g() { kehoach_core::render::json::from_json(\"{}\"); }\n}\n";
    assert_eq!(moved_out_in(&code(text)), vec!["import::open_text_file"]);
}
