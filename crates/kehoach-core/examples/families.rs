//! A quick look at the pathological families beside real text: each at 1 MB, the
//! best of five runs of `check`, and its time per byte over real text's.
//! `cargo run --release -p kehoach-core --example families`. For finding a hot
//! spot between runs of `make bench`, whose figures go in the README.
//! `FAMILIES_DUMP=DIR FAMILIES_KB=256` writes real text, the fixtures' tables and
//! each family at that size to `DIR/NAME_256.txt` instead (for callgrind on the `stages` example);
//! `FAMILIES_TIME=FILE FAMILIES_RUNS=N` prints the best of N checks of FILE in ms
//! and its number of findings (the native side of `make bench-wasm`).
// The `kehoach` binary's allocator (crates/kehoach-cli/Cargo.toml says why): what
// is measured here is what it runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
#[path = "../tests/common/pathological.rs"]
mod pathological;

use std::time::{Duration, Instant};

fn best_of_five(text: &str) -> Duration {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(kehoach_core::check(std::hint::black_box(text)));
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

include!("../tests/common/real_text.rs");

fn main() {
    if let Some(file) = std::env::var_os("FAMILIES_TIME") {
        let text = std::fs::read_to_string(file).expect("a UTF-8 text");
        let runs: usize = std::env::var("FAMILIES_RUNS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(10);
        let best = (0..runs)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(kehoach_core::check(std::hint::black_box(&text)));
                start.elapsed()
            })
            .min()
            .unwrap_or_default();
        let findings = kehoach_core::check(&text).diagnostics.len();
        println!("{} {findings}", best.as_secs_f64() * 1000.0);
        return;
    }
    if let Some(dir) = std::env::var_os("FAMILIES_DUMP") {
        let kb: usize = std::env::var("FAMILIES_KB")
            .ok()
            .and_then(|kb| kb.parse().ok())
            .unwrap_or(256);
        let dir = std::path::Path::new(&dir);
        let write = |name: &str, text: &str| {
            std::fs::write(
                dir.join(format!("{}_{kb}.txt", name.replace(' ', "-"))),
                text,
            )
            .expect("write");
        };
        write("real", &real_text(kb * 1024));
        write("tables", &real_tables(kb * 1024));
        for (name, text) in pathological::pathological_families(kb * 1024) {
            write(name, &text);
        }
        return;
    }
    let size = 1024 * 1024;
    let real = real_text(size);
    let per_byte = |text: &str| best_of_five(text).as_secs_f64() / text.len() as f64;
    // Real text is timed before and after the families, its best time kept: a
    // shared machine's noise slows one run, never speeds it up.
    let families: Vec<(&str, String, f64)> = pathological::pathological_families(size)
        .into_iter()
        .map(|(name, text)| {
            let t = per_byte(&text);
            (name, text, t)
        })
        .collect();
    let prose = per_byte(&real).min(per_byte(&real));
    println!("{:<18} {:>8.1} MiB/s", "real text", 1.0 / prose / 1048576.0);
    for (name, _, t) in families {
        println!(
            "{:<18} {:>8.1} MiB/s {:>5.2}x real{}",
            name,
            1.0 / t / 1048576.0,
            t / prose,
            if t / prose > 2.0 { "  over 2x" } else { "" }
        );
    }
}
