//! Where the time goes: source, parse (and reference scanning) and validation, timed
//! separately on one file. `cargo run --release -p kehoach-core --example stages FILE`.
//! (criterion's `make bench` gives the steady figures; this is for finding a hot spot.)
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).expect("file");
    let text = std::fs::read_to_string(path).expect("read");
    for _ in 0..3 {
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
            "source {:?} parse {:?} (refs {:?}) validate {:?} — {} diags {} refs",
            t1 - t0,
            t2 - t1,
            t3 - t2,
            t4 - t3,
            diags.len(),
            refs.len()
        );
    }
}
