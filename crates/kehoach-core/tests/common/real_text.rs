// Real text for the benchmark and `examples/families`: the seeds and real fixtures
// joined to a size, and their tables. Shared with `include!`.

/// The tables of the real fixtures (their lines from the first line that starts a
/// table, `|` or `STT`/`TT`, to the end), one after the other, to about `bytes`:
/// text that is mostly task tables, as annexes are.
#[allow(dead_code)]
fn real_tables(bytes: usize) -> String {
    let docs = real_docs();
    let tables: Vec<String> = docs
        .iter()
        .filter_map(|d| {
            let lines: Vec<&str> = d.lines().collect();
            let start = lines.iter().position(|l| l.trim_start().starts_with('|'))?;
            Some(lines[start..].join("\n"))
        })
        .collect();
    repeat_to(&tables, bytes)
}

/// The seeds and real fixtures one after the other, to about `bytes`.
fn real_text(bytes: usize) -> String {
    repeat_to(&real_docs(), bytes)
}

/// `parts` one after the other, each on its own lines, again and again to `bytes`.
fn repeat_to(parts: &[String], bytes: usize) -> String {
    let mut s = String::new();
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&parts[i % parts.len()]);
        s.push('\n');
        i += 1;
    }
    s
}

fn real_docs() -> Vec<String> {
    let mut docs: Vec<String> = Vec::new();
    for sub in ["tests/seeds", "tests/fixtures/real"] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(sub);
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .expect("fixtures")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        kehoach_core::order::sort(&mut paths);
        docs.extend(
            paths
                .iter()
                .map(|p| std::fs::read_to_string(p).expect("utf-8")),
        );
    }
    docs
}
