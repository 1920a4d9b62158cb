//! `kehoach`: check, fix and export administrative plans from the command line.
//!
//! The output formats and exit codes are a contract other tools rely on
//! (see README, "CLI"): change them only with a new major version.

// mimalloc, not glibc's malloc: a check allocates a few thousand small strings per
// megabyte, and ran about 5 % faster on real plans with it (Cargo.toml).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use kehoach_core::diagnostics::Lang;
use kehoach_core::render;
use kehoach_core::settings::Settings;
use kehoach_core::word::Presentation;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
kehoach: kiểm tra, sửa và xuất kế hoạch hành chính (Nghị định 30/2020/NĐ-CP)

Usage:
  kehoach check [--format text|json] [--lang vi|en] [--config FILE] FILE...   ('-' reads stdin)
  kehoach fix [--config FILE] [-o OUT] FILE                   print (or write to OUT) the text with every safe fix applied
  kehoach fix [--config FILE] [--lang vi|en] FILE.docx -o OUT.docx
                                                              write the Word file with its presentation fixed; list the fixes
  kehoach export --to json|text|docx FILE                     print the plan as JSON, clean text or .docx
  kehoach rules [--format text|markdown] [--lang vi|en]       print the rule catalogue

Rule settings: --config FILE, else the first .kehoach.json in a checked file's folder
or above, e.g. {\"rules\": {\"KH806\": \"off\", \"KH204\": \"error\"}} (off, info, warning, error).

Exit status: 0 no error finding, 1 some finding is an error, 2 usage or I/O error.";

/// A usage or I/O failure: one line on stderr, exit 2.
struct Failure(String);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        Err(Failure(msg)) => {
            let _ = writeln!(std::io::stderr(), "kehoach: {msg}");
            ExitCode::from(2)
        }
    }
}

/// A file's text and, for a Word file, its presentation (page, fonts, sizes).
fn read_presented(path: &str) -> Result<(String, Option<Presentation>), Failure> {
    if path.to_lowercase().ends_with(".docx") {
        let bytes = std::fs::read(path).map_err(|e| Failure(format!("cannot read {path}: {e}")))?;
        return kehoach_core::import::docx_presented(&bytes)
            .map(|(text, p)| (text, Some(p)))
            .map_err(|e| Failure(format!("cannot open {path}: {}", e.message().vi)));
    }
    Ok((read_input(path)?, None))
}

fn read_input(path: &str) -> Result<String, Failure> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| Failure(format!("cannot read stdin: {e}")))?;
        buf
    } else {
        std::fs::read(path).map_err(|e| Failure(format!("cannot read {path}: {e}")))?
    };
    // A Word file is read as the app opens it: its paragraphs and tables as text
    // (findings then point at that text, not at the zip's bytes).
    if path.to_lowercase().ends_with(".docx") {
        return kehoach_core::import::docx_text(&bytes)
            .map_err(|e| Failure(format!("cannot open {path}: {}", e.message().vi)));
    }
    // Text that is not UTF-8 is read lossily rather than refused: a finding is more
    // useful than an error, and the hygiene rules point at the damage.
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

fn print(out: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Ok(()) => Ok(()),
        // A closed pipe (`kehoach check … | head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure(format!("cannot write output: {e}"))),
    }
}

/// `(name, value)` pairs of the options given.
type Options<'a> = Vec<(&'a str, &'a str)>;

/// Parses `--name value` and `--name=value` options; returns (options, positional).
fn options<'a>(args: &'a [String], known: &[&str]) -> Result<(Options<'a>, Vec<&'a str>), Failure> {
    let mut opts = Vec::new();
    let mut pos = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        if a == "-" || !a.starts_with('-') {
            pos.push(a);
        } else if a == "--" {
            pos.extend(args[i + 1..].iter().map(|s| s.as_str()));
            break;
        } else {
            let (name, value) = match a.split_once('=') {
                Some((n, v)) => (n, v),
                None => {
                    i += 1;
                    let v = args
                        .get(i)
                        .ok_or_else(|| Failure(format!("{a} needs a value\n\n{USAGE}")))?;
                    (a, v.as_str())
                }
            };
            if !known.contains(&name) {
                return Err(Failure(format!("unknown option {name}\n\n{USAGE}")));
            }
            opts.push((name, value));
        }
        i += 1;
    }
    Ok((opts, pos))
}

/// The value of an option (the last one given wins).
fn opt<'a>(opts: &[(&str, &'a str)], name: &str) -> Option<&'a str> {
    opts.iter().rev().find(|(n, _)| *n == name).map(|(_, v)| *v)
}

fn lang_of(opts: &[(&str, &str)]) -> Result<Lang, Failure> {
    match opt(opts, "--lang") {
        None => Ok(Lang::Vi),
        Some(v) => Lang::parse(v).ok_or_else(|| Failure(format!("--lang takes vi or en, not {v}"))),
    }
}

fn run(args: &[String]) -> Result<u8, Failure> {
    let Some(cmd) = args.first() else {
        return Err(Failure(format!("no command given\n\n{USAGE}")));
    };
    let rest = &args[1..];
    match cmd.as_str() {
        "check" => check(rest),
        "fix" => {
            let (opts, files) = options(rest, &["--config", "-o", "--output", "--lang"])?;
            let [file] = files.as_slice() else {
                return Err(Failure(format!("fix takes one FILE\n\n{USAGE}")));
            };
            let given = opt(&opts, "--config").map(load_settings).transpose()?;
            let settings = SettingsFound::default().for_file(given.as_ref(), file)?;
            let output = opt(&opts, "-o").or(opt(&opts, "--output"));
            if file.to_lowercase().ends_with(".docx") {
                let Some(output) = output else {
                    return Err(Failure(format!(
                        "fix FILE.docx writes a Word file: give it -o OUT.docx\n\n{USAGE}"
                    )));
                };
                return fix_docx(file, output, &settings, lang_of(&opts)?);
            }
            let text = read_input(file)?;
            // A rule turned off is not fixed either.
            let fixed = kehoach_core::fix::apply_safe_fixes_where(&text, |c| settings.is_on(c));
            match output {
                Some(out) => write_file(out, fixed.as_bytes())?,
                None => print(&fixed)?,
            }
            Ok(0)
        }
        "export" => {
            let (opts, files) = options(rest, &["--to"])?;
            let to = opt(&opts, "--to");
            let [file] = files.as_slice() else {
                return Err(Failure(format!("export takes one FILE\n\n{USAGE}")));
            };
            let text = read_input(file)?;
            let plan = kehoach_core::parse(&text);
            match to {
                Some("json") => print(&(render::json::to_json(&plan) + "\n"))?,
                Some("text") => print(&render::text::to_text(&plan))?,
                Some("docx") => {
                    let bytes = render::docx::to_docx(&plan);
                    let mut out = std::io::stdout().lock();
                    out.write_all(&bytes)
                        .and_then(|_| out.flush())
                        .map_err(|e| Failure(format!("cannot write output: {e}")))?;
                }
                Some(other) => {
                    return Err(Failure(format!(
                        "--to takes json, text or docx, not {other}"
                    )))
                }
                None => {
                    return Err(Failure(format!(
                        "export needs --to json|text|docx\n\n{USAGE}"
                    )))
                }
            }
            Ok(0)
        }
        "rules" => {
            let (opts, _) = options(rest, &["--format", "--lang"])?;
            let lang = lang_of(&opts)?;
            let format = opt(&opts, "--format").unwrap_or("text");
            match format {
                "markdown" => print(&kehoach_core::rules::catalogue_markdown())?,
                "text" => print(&kehoach_core::rules::catalogue_text(lang))?,
                other => {
                    return Err(Failure(format!(
                        "--format takes text or markdown, not {other}"
                    )))
                }
            }
            Ok(0)
        }
        "-h" | "--help" | "help" => {
            print(&format!("{USAGE}\n"))?;
            Ok(0)
        }
        "-V" | "--version" => {
            print(&format!("kehoach {}\n", env!("CARGO_PKG_VERSION")))?;
            Ok(0)
        }
        other => Err(Failure(format!("unknown command {other}\n\n{USAGE}"))),
    }
}

/// Reads a settings file; a bad one is a usage error naming the file.
fn load_settings(path: &str) -> Result<Settings, Failure> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Failure(format!("cannot read {path}: {e}")))?;
    Settings::from_json(&text).map_err(|e| Failure(format!("{path}: {e}")))
}

/// `kehoach fix FILE.docx -o OUT.docx`: the file with the fixes its presentation
/// findings offer (rules turned off left alone) written to OUT; each fix listed on
/// stdout as `CODE<TAB>what it did`. The text is not touched.
fn fix_docx(path: &str, output: &str, settings: &Settings, lang: Lang) -> Result<u8, Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure(format!("cannot read {path}: {e}")))?;
    let opened = |e: kehoach_core::import::OpenError| {
        Failure(format!("cannot open {path}: {}", e.message().vi))
    };
    let (text, presentation) = kehoach_core::import::docx_presented(&bytes).map_err(opened)?;
    let fixes: Vec<_> = kehoach_core::presentation_fixes(&text, &presentation)
        .into_iter()
        .filter(|f| settings.is_on(f.code))
        .collect();
    let fixed = kehoach_core::word::fix::apply(&bytes, &fixes).map_err(opened)?;
    write_file(output, &fixed)?;
    let mut listed = String::new();
    for f in &fixes {
        listed.push_str(&format!("{}\t{}\n", f.code, f.title.get(lang)));
    }
    print(&listed)?;
    Ok(0)
}

fn write_file(path: &str, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes).map_err(|e| Failure(format!("cannot write {path}: {e}")))
}

/// The `.kehoach.json` that applies to each checked file: the first one in its
/// folder or above (stdin: the current folder), each read once.
#[derive(Default)]
struct SettingsFound {
    by_folder: HashMap<PathBuf, Option<Settings>>,
}

impl SettingsFound {
    /// The settings for the file at `path`: `given` (`--config`) when there is one,
    /// else the file found, else none.
    fn for_file(&mut self, given: Option<&Settings>, path: &str) -> Result<Settings, Failure> {
        if let Some(given) = given {
            return Ok(given.clone());
        }
        Ok(self.find(path)?.unwrap_or_default())
    }

    fn find(&mut self, path: &str) -> Result<Option<Settings>, Failure> {
        let file = if path == "-" {
            Path::new(".")
        } else {
            Path::new(path)
        };
        let start = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let mut folder = if path == "-" {
            Some(start.as_path())
        } else {
            start.parent()
        };
        let mut passed = Vec::new();
        let found = loop {
            let Some(dir) = folder else { break None };
            if let Some(known) = self.by_folder.get(dir) {
                break known.clone();
            }
            passed.push(dir.to_path_buf());
            let candidate = dir.join(kehoach_core::settings::FILE_NAME);
            if candidate.is_file() {
                break Some(load_settings(&candidate.to_string_lossy())?);
            }
            folder = dir.parent();
        };
        for dir in passed {
            self.by_folder.insert(dir, found.clone());
        }
        Ok(found)
    }
}

fn check(rest: &[String]) -> Result<u8, Failure> {
    let (opts, files) = options(rest, &["--format", "--lang", "--config"])?;
    let lang = lang_of(&opts)?;
    let format = opt(&opts, "--format").unwrap_or("text");
    let given = opt(&opts, "--config").map(load_settings).transpose()?;
    if !matches!(format, "text" | "json") {
        return Err(Failure(format!(
            "--format takes text or json, not {format}"
        )));
    }
    if files.is_empty() {
        return Err(Failure(format!("check needs at least one FILE\n\n{USAGE}")));
    }
    // Read everything first: an unreadable file is a usage/I/O error (exit 2) and
    // nothing is printed half-way.
    let mut inputs = Vec::new();
    for f in &files {
        inputs.push((*f, read_presented(f)?));
    }
    let mut found = SettingsFound::default();
    let mut reports = Vec::new();
    for (path, (text, presentation)) in &inputs {
        let settings = found.for_file(given.as_ref(), path)?;
        reports.push(kehoach_core::check_for_output(
            path,
            text,
            presentation.as_ref(),
            lang,
            &settings,
        ));
    }
    let any_error = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.severity == kehoach_core::diagnostics::Severity::Error);
    let mut out = String::new();
    if format == "json" {
        out = serde_json::to_string_pretty(&reports).map_err(|e| Failure(e.to_string()))?;
        out.push('\n');
    } else {
        for r in &reports {
            for d in &r.diagnostics {
                out.push_str(&format!(
                    "{}:{}:{}: {}[{}]: {}\n",
                    r.path,
                    d.line,
                    d.column,
                    d.severity.as_str(),
                    d.code,
                    d.message
                ));
            }
        }
    }
    print(&out)?;
    Ok(if any_error { 1 } else { 0 })
}
