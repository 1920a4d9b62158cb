//! The CLI contract: output formats and exit codes, on the seed plans.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
}

fn seed(prefix: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../kehoach-core/tests/seeds");
    std::fs::read_dir(&dir)
        .expect("seeds")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .map(|e| e.path())
        .expect("seed")
}

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn kehoach");
    if let Some(s) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(s.as_bytes())
            .expect("write");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("wait")
}

#[test]
fn check_json_follows_the_contract() {
    let path = seed("003_");
    let arg = path.to_string_lossy().to_string();
    let out = run(&["check", "--format", "json", &arg], None);
    assert_eq!(out.status.code(), Some(1), "errors → exit 1");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let files = v.as_array().expect("array");
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["path"], arg.as_str(), "path exactly as given");
    assert_eq!(files[0]["kind"], "plan");
    let diags = files[0]["diagnostics"].as_array().expect("diagnostics");
    let gap = diags
        .iter()
        .find(|d| d["code"] == "KH401")
        .expect("KH401 for the skipped l)");
    assert_eq!(
        (gap["line"].as_u64(), gap["column"].as_u64()),
        (Some(104), Some(1))
    );
    assert_eq!(gap["severity"], "error");
    for key in ["message", "end_line", "end_column", "fixes"] {
        assert!(gap.get(key).is_some(), "{key}");
    }
    let fix = &gap["fixes"][0];
    assert_eq!(fix["safe"], false);
    assert_eq!(fix["edits"][0]["new_text"], "l)");
    for key in ["line", "column", "end_line", "end_column"] {
        assert!(fix["edits"][0][key].is_u64(), "{key}");
    }
    assert!(diags
        .iter()
        .any(|d| d["code"] == "KH402" && d["line"] == 130));
}

#[test]
fn check_text_is_compiler_style_and_lang_switches() {
    let out = run(
        &["check", "-"],
        Some("KẾ HOẠCH\nCông tác năm 2024\n1. Một\na) Một.\nc) Ba.\n"),
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let line = text
        .lines()
        .find(|l| l.contains("KH401"))
        .expect("KH401 line");
    assert!(line.starts_with("-:5:1: error[KH401]: "), "{line}");
    let en = run(
        &["check", "--lang", "en", "-"],
        Some("KẾ HOẠCH\nCông tác năm 2024\n1. Một\na) Một.\nc) Ba.\n"),
    );
    let text = String::from_utf8(en.stdout).expect("utf-8");
    assert!(text.contains("\"b)\" is missing"), "{text}");
}

#[test]
fn exit_zero_without_errors_and_two_for_usage_or_io() {
    // Hygiene warnings only: not a plan, no error.
    let out = run(&["check", "-"], Some("Tăng cường  công tác."));
    assert_eq!(out.status.code(), Some(0));
    let out = run(&["check", "/nonexistent/plan.txt"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        err.starts_with("kehoach: cannot read /nonexistent/plan.txt"),
        "{err}"
    );
    assert_eq!(
        run(&["check", "--format", "xml", "-"], Some(""))
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&["frobnicate"], None).status.code(), Some(2));
    assert_eq!(run(&[], None).status.code(), Some(2));
}

#[test]
fn fix_export_and_rules() {
    let path = seed("004_").to_string_lossy().to_string();
    let fixed = run(&["fix", &path], None);
    assert_eq!(fixed.status.code(), Some(0));
    let fixed = String::from_utf8(fixed.stdout).expect("utf-8");
    assert!(fixed.contains("Số: 23/KH-SNgV"));
    assert!(fixed.contains("- Lưu: VT, ttri."));
    assert!(fixed.contains("d) Triển khai"));

    let json = run(&["export", "--to", "json", &path], None);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(v["schema_version"], 2);
    assert_eq!(v["header"]["number"]["number"], "23");

    let text = run(
        &["export", "--to", "text", "-"],
        Some("KẾ HOẠCH\nCông tác\n1.  Một\n"),
    );
    assert_eq!(
        String::from_utf8(text.stdout).expect("utf-8"),
        "KẾ HOẠCH\nCông tác\n\n1. Một\n"
    );

    let rules = run(&["rules"], None);
    let rules = String::from_utf8(rules.stdout).expect("utf-8");
    assert!(rules.contains("KH401") && rules.contains("KH812"));
}

/// `check FILE.docx` reads the Word file's paragraphs and tables, not its zip bytes;
/// a broken one is a clear I/O error (exit 2).
#[test]
fn check_reads_a_docx() {
    let path = seed("000_").to_string_lossy().to_string();
    let docx = run(&["export", "--to", "docx", &path], None);
    assert_eq!(docx.status.code(), Some(0));
    let dir = std::env::temp_dir().join(format!("kehoach-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("ke-hoach.docx");
    std::fs::write(&file, &docx.stdout).expect("write docx");
    let out = run(
        &["check", "--format", "json", &file.to_string_lossy()],
        None,
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v[0]["kind"], "plan");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("PK"));
    // Our own export's presentation passes (no KH9xx); a real draft whose margins
    // are off gets its margins reported, at the line of the section they belong to.
    let codes = |v: &serde_json::Value| -> Vec<String> {
        v[0]["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter_map(|d| d["code"].as_str().map(str::to_string))
            .collect()
    };
    assert!(
        codes(&v).iter().all(|c| !c.starts_with("KH9")),
        "{:?}",
        codes(&v)
    );
    let real = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../kehoach-core/tests/fixtures/real/163_kh-tuyen-truyen-cchc-2026-lam-dong.docx");
    let out = run(
        &["check", "--format", "json", &real.to_string_lossy()],
        None,
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(codes(&v).contains(&"KH903".to_string()), "{:?}", codes(&v));
    let broken = dir.join("broken.docx");
    std::fs::write(&broken, b"not a zip").expect("write");
    let out = run(&["check", &broken.to_string_lossy()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken.docx"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// `kehoach fix FILE.docx -o OUT.docx` writes the Word file with its presentation
/// fixed and lists each fix; the text it reads is unchanged. Without `-o` it says so.
#[test]
fn fix_writes_a_corrected_docx() {
    let dir = folder("fix-docx", &[]);
    let real = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../kehoach-core/tests/fixtures/real/163_kh-tuyen-truyen-cchc-2026-lam-dong.docx");
    let real = real.to_string_lossy().to_string();
    let fixed = dir.join("da-sua.docx").to_string_lossy().to_string();
    let out = run(&["fix", &real, "-o", &fixed], None);
    assert_eq!(out.status.code(), Some(0));
    let listed = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(listed.starts_with("KH903\t"), "{listed}");
    assert!(listed.contains("lề trái 30 mm"), "{listed}");
    let check =
        |path: &str| String::from_utf8_lossy(&run(&["check", path], None).stdout).to_string();
    assert!(check(&real).contains("KH903"));
    assert!(!check(&fixed).contains("KH903"), "{}", check(&fixed));
    let text = |path: &str| run(&["export", "--to", "text", path], None).stdout;
    assert_eq!(text(&real), text(&fixed));
    let no_output = run(&["fix", &real], None);
    assert_eq!(no_output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_output.stderr).contains("-o OUT.docx"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A fresh folder for one test, with `files` (name, content) in it.
fn folder(test: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kehoach-cli-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).expect("temp folder");
    for (name, content) in files {
        std::fs::write(dir.join(name), content).expect("write");
    }
    dir
}

fn codes(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split('[').nth(1)?.split(']').next().map(String::from))
        .collect()
}

#[test]
fn a_kehoach_json_above_the_file_turns_a_rule_off_or_changes_its_severity() {
    let plan = std::fs::read_to_string(seed("003_")).expect("seed");
    let dir = folder(
        "settings",
        &[
            ("sub/ke-hoach.txt", &plan),
            (".kehoach.json", r#"{"rules": {"KH401": "off"}}"#),
        ],
    );
    let file = dir.join("sub/ke-hoach.txt").to_string_lossy().to_string();
    let found = run(&["check", &file], None);
    assert!(
        !codes(&found).contains(&"KH401".to_string()),
        "KH401 is off"
    );
    let plain = run(&["check", &seed("003_").to_string_lossy()], None);
    assert!(
        codes(&plain).contains(&"KH401".to_string()),
        "elsewhere it is on"
    );

    // --config wins over the file found: every error of the seed made a warning.
    let errors: Vec<String> = String::from_utf8_lossy(&plain.stdout)
        .lines()
        .filter(|l| l.contains(": error["))
        .filter_map(|l| l.split('[').nth(1)?.split(']').next().map(String::from))
        .collect();
    assert!(!errors.is_empty() && plain.status.code() == Some(1));
    let rules: Vec<String> = errors
        .iter()
        .map(|c| format!("\"{c}\": \"warning\""))
        .collect();
    let config = dir.join("warnings.json");
    std::fs::write(&config, format!("{{\"rules\": {{{}}}}}", rules.join(", "))).expect("write");
    let softened = run(
        &["check", "--config", &config.to_string_lossy(), &file],
        None,
    );
    assert_eq!(softened.status.code(), Some(0), "no error left → exit 0");
    assert!(String::from_utf8_lossy(&softened.stdout).contains(": warning["));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_bad_settings_file_exits_2_with_one_line() {
    let dir = folder(
        "bad-settings",
        &[
            ("ke-hoach.txt", "KẾ HOẠCH\n"),
            (".kehoach.json", r#"{"rules": {"KH999": "off"}}"#),
        ],
    );
    let out = run(
        &["check", &dir.join("ke-hoach.txt").to_string_lossy()],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(".kehoach.json") && err.contains("KH999"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "nothing printed half-way");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fix_leaves_alone_what_a_rule_turned_off_would_change() {
    // An invisible character and two spaces inside a sentence: safe hygiene fixes.
    let text = "KẾ HOẠCH\nCông tác năm 2025\n\nI. MỤC ĐÍCH\nNội dung\u{200B} có  hai dấu cách.\n";
    let fixed = run(&["fix", "-"], Some(text));
    let fixed = String::from_utf8_lossy(&fixed.stdout).to_string();
    assert_ne!(fixed, text, "a safe fix applies by default");
    let check = run(&["check", "--format", "json", "-"], Some(text));
    let v: serde_json::Value = serde_json::from_slice(&check.stdout).expect("JSON");
    let codes: Vec<String> = v[0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| {
            d["fixes"]
                .as_array()
                .is_some_and(|f| f.iter().any(|f| f["safe"] == true))
        })
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(!codes.is_empty(), "the text has a safe fix");
    let dir = folder("fix-settings", &[]);
    let config = dir.join("off.json");
    let off: Vec<String> = codes.iter().map(|c| format!("\"{c}\": \"off\"")).collect();
    std::fs::write(&config, format!("{{\"rules\": {{{}}}}}", off.join(", "))).expect("write");
    let kept = run(
        &["fix", "--config", &config.to_string_lossy(), "-"],
        Some(text),
    );
    assert_eq!(
        String::from_utf8_lossy(&kept.stdout),
        text,
        "nothing fixed for rules off"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
