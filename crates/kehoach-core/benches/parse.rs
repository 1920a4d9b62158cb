//! Throughput of parse + validate (what the app runs on every keystroke): each seed,
//! and synthetic plans of growing size to show the time grows linearly.
//!
//! `make bench`; the figures go in the README.

// The `kehoach` binary's allocator (crates/kehoach-cli/Cargo.toml says why): what
// is measured here is what it runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

fn seeds() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/seeds");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("seeds")
        .filter_map(Result::ok)
        .map(|e| {
            let name = e.file_name().to_string_lossy()[..3].to_string();
            (name, std::fs::read_to_string(e.path()).expect("utf-8"))
        })
        .collect();
    kehoach_core::order::sort(&mut out);
    out
}

/// One plan of about `bytes` bytes: a header, then the seeds' bodies (their feet and
/// end marks removed) one after the other as one long body, then a foot.
pub fn synthetic_plan(bytes: usize) -> String {
    let bodies: Vec<String> = seeds()
        .into_iter()
        .map(|(_, t)| {
            let before_foot = t.split("Nơi nhận").next().unwrap_or("").replace("./.", ".");
            let lines: Vec<&str> = before_foot.lines().collect();
            let start = lines
                .iter()
                .position(|l| l.starts_with("I. ") || l.starts_with("1. "))
                .unwrap_or(0);
            lines[start..].join("\n")
        })
        .collect();
    let mut s = String::from(
        "UBND TỈNH KIÊN GIANG\nSỞ NGOẠI VỤ\nSố: 05/KH-SNgV\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nKiên Giang, ngày 05 tháng 3 năm 2021\n\nKẾ HOẠCH\nCông tác thông tin đối ngoại năm 2021\n\n",
    );
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&bodies[i % bodies.len()]);
        s.push('\n');
        i += 1;
    }
    s.push_str("Trên đây là Kế hoạch công tác thông tin đối ngoại năm 2021./.\n\nNơi nhận:\n- Sở Thông tin và Truyền thông;\n- Lưu: VT, ttri.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nNguyễn Việt Thông\n");
    s
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    for (name, text) in seeds() {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("seed", name), &text, |b, t| {
            b.iter(|| kehoach_core::check(black_box(t)))
        });
    }
    for size in [200_000usize, 1_000_000, 4_000_000] {
        let text = synthetic_plan(size);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(10);
        group.bench_with_input(BenchmarkId::new("synthetic", size), &text, |b, t| {
            b.iter(|| kehoach_core::check(black_box(t)))
        });
    }
    group.finish();

    // Each pathological family at 256 KB and 1 MB: the time per byte must not grow
    // (4x the size, at most 4.4x the time), and stays near prose's.
    let mut group = c.benchmark_group("pathological");
    group.sample_size(10);
    for size in [256 * 1024usize, 1024 * 1024] {
        for (name, text) in pathological_families(size) {
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new(name, size), &text, |b, t| {
                b.iter(|| kehoach_core::check(black_box(t)))
            });
        }
    }
    group.finish();

    // Real text: the seeds and the real fixtures joined to 1 MB, and their tables.
    let mut group = c.benchmark_group("real");
    group.sample_size(10);
    for (name, mb) in [("1MB", 1), ("4MB", 4)] {
        let joined = real_text(mb * 1024 * 1024);
        group.throughput(Throughput::Bytes(joined.len() as u64));
        group.bench_with_input(BenchmarkId::new("joined", name), &joined, |b, t| {
            b.iter(|| kehoach_core::check(black_box(t)))
        });
    }
    let tables = real_tables(1024 * 1024);
    group.throughput(Throughput::Bytes(tables.len() as u64));
    group.bench_with_input(BenchmarkId::new("tables", "1MB"), &tables, |b, t| {
        b.iter(|| kehoach_core::check(black_box(t)))
    });
    group.finish();
}

include!("../tests/common/real_text.rs");
include!("../tests/common/pathological.rs");

criterion_group!(benches, bench);
criterion_main!(benches);
