//! The page's work natively, on real plans joined to 1 MB and 10 MB: a keystroke's
//! provisional layer, reading a worker's reply, and the analysis built from it.
//! `cargo run --release --example reply_time`. The browser's build (for size) takes
//! about 2.5 times as long; `tests/e2e/profile.mjs` profiles it there.
use kehoach::analysis::Analysis;
use kehoach_check::WorkerResult;
use kehoach_core::diagnostics::Lang;
use kehoach_core::settings::Settings;
use std::time::Instant;
fn main() {
    let mut docs = Vec::new();
    for sub in ["tests/seeds", "tests/fixtures/real"] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("crates/kehoach-core")
            .join(sub);
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        kehoach_core::order::sort(&mut paths);
        for p in paths {
            docs.push(std::fs::read_to_string(p).unwrap());
        }
    }
    for mb in [1usize, 10] {
        let mut text = String::new();
        let mut i = 0;
        while text.len() < mb << 20 {
            text.push_str(&docs[i % docs.len()]);
            text.push('\n');
            i += 1;
        }
        let json = WorkerResult::new(1, &text, Lang::Vi, &Settings::default()).to_json();
        let first = Analysis::from_result(WorkerResult::from_json(&json).unwrap(), &text, &[], &[]);
        let mut typed = text.clone();
        typed.push('x');
        let t = Instant::now();
        let prov = first.provisional(2, &typed);
        let keystroke = t.elapsed();
        let json2 = WorkerResult::new(2, &typed, Lang::Vi, &Settings::default()).to_json();
        if mb == 10 {
            std::fs::write("/tmp/reply10.json", &json2).unwrap();
        }
        let t = Instant::now();
        let r = WorkerResult::from_json(&json2).unwrap();
        let read = t.elapsed();
        let t = Instant::now();
        let a = Analysis::from_result(r, &typed, &[], &prov.layer);
        let reply = t.elapsed();
        println!(
            "{mb} MB: lines {} json {} KB provisional {:?} read {:?} from_result {:?}",
            a.layer.len(),
            json2.len() / 1024,
            keystroke,
            read,
            reply
        );
    }
}
