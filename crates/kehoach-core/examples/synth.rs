fn main() {
    let path = std::env::args().nth(1).expect("file");
    let text = std::fs::read_to_string(path).expect("read");
    let n: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let t0 = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(kehoach_core::check(&text));
    }
    let per = t0.elapsed() / n as u32;
    println!(
        "{:?} per check, {:.1} MiB/s",
        per,
        text.len() as f64 / per.as_secs_f64() / 1048576.0
    );
}
