//! Where the time goes: source, parse (and reference scanning) and validation, timed
//! separately on one file. `cargo run --release -p kehoach-core --example stages FILE`.
//! (criterion's `make bench` gives the steady figures; this is for finding a hot spot.)
//! `STAGES_RUNS=50` runs it more times (for a sampling profiler); `STAGES_PARTS=1`
//! also times the source's parts (and so builds it twice a run: leave it off when
//! counting instructions per byte).
// The `kehoach` binary's allocator (crates/kehoach-cli/Cargo.toml says why): what
// is measured here is what it runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).expect("file");
    let text = std::fs::read_to_string(path).expect("read");
    let runs = std::env::var("STAGES_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    for _ in 0..runs {
        let parts = std::env::var_os("STAGES_PARTS").map(|_| {
            let t = Instant::now();
            let lines = kehoach_core::source::line_views(&text);
            let t_lines = t.elapsed();
            let t = Instant::now();
            let blocks = kehoach_core::blocks::scan_lines(&text, &lines);
            let t_blocks = t.elapsed();
            let t = Instant::now();
            let joins: Vec<_> = blocks.joins.iter().map(|j| j.gap).collect();
            let logical =
                kehoach_core::source::line_views_reusing(&blocks.read, &text, &lines, &joins);
            let t_logical = t.elapsed();
            let t = Instant::now();
            let index = kehoach_core::source::LineIndex::new(&text);
            let t_index = t.elapsed();
            drop((lines, blocks, logical, index));
            format!(
                " (lines {t_lines:?} blocks {t_blocks:?} logical {t_logical:?} index {t_index:?})"
            )
        });
        let t0 = Instant::now();
        let src = kehoach_core::parse::Source::new(&text);
        let t1 = Instant::now();
        let plan = kehoach_core::parse::parse_source(&src);
        let t2 = Instant::now();
        let refs = kehoach_core::legal::find_references(&src);
        let t3 = Instant::now();
        let diags = kehoach_core::rules::validate(&src, &plan);
        let t4 = Instant::now();
        println!(
            "source {:?}{} parse {:?} (refs {:?}) validate {:?} — {} diags {} refs",
            t1 - t0,
            parts.unwrap_or_default(),
            t2 - t1,
            t3 - t2,
            t4 - t3,
            diags.len(),
            refs.len()
        );
    }
}
