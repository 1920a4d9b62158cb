//! kehoach-docx: everything the web app does with a `.docx`, and reading a plan's
//! JSON export, as a wasm module of its own.
//!
//! Reading a Word file (zip, XML, styles), checking its presentation (`KH9xx`),
//! writing fixes into it and writing the plan as a `.docx` are a third of the app's
//! code, and a drafter needs them only when a Word file is opened or downloaded;
//! reading a JSON export is as rare.
//! The page (`src/docx.rs`) loads this module on first use through
//! `globalThis.kehoachDocx()`, which `scripts/build.mjs` defines (an `import()` of
//! this module's glue) and `scripts/single.mjs` defines for the one-file build (the
//! module inlined). Everything crosses as bytes or JSON, in the shapes below.

use kehoach_core::diagnostics::{Diagnostic, Message};
use kehoach_core::import::docx_presented;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A fix to the file's presentation as the page offers it: the finding's rule and
/// what the fix does. The page hands back the indices of those the user ticked.
#[derive(Debug, Serialize)]
pub struct FixOffer {
    pub code: &'static str,
    pub title: Message,
}

/// A Word file as read: its text, the findings on its presentation (which hold as
/// long as the editor holds this text) and the fixes they offer.
#[derive(Debug, Serialize)]
pub struct Opened {
    pub text: String,
    pub findings: Vec<Diagnostic>,
    pub fixes: Vec<FixOffer>,
}

/// What [`open_docx`] and [`open_plan_json`] say of a file they cannot read.
#[derive(Serialize)]
struct Failed {
    error: Message,
}

/// Reads a `.docx`: its text, and its presentation checked.
pub fn open(bytes: &[u8]) -> Result<Opened, Message> {
    let (text, presentation) = docx_presented(bytes).map_err(|e| e.message())?;
    let plan = kehoach_core::parse(&text);
    let (findings, fixes) =
        kehoach_core::rules::format::check_with_fixes(&presentation, &text, &plan);
    let fixes = fixes
        .into_iter()
        .map(|f| FixOffer {
            code: f.code,
            title: f.title,
        })
        .collect();
    Ok(Opened {
        text,
        findings,
        fixes,
    })
}

/// `bytes` with the fixes `chosen` (indices into [`Opened::fixes`]) written into it.
/// The file is read again: the same bytes give the same fixes in the same order.
pub fn fix(bytes: &[u8], chosen: &[u32]) -> Result<Vec<u8>, Message> {
    let (text, presentation) = docx_presented(bytes).map_err(|e| e.message())?;
    let offered = kehoach_core::presentation_fixes(&text, &presentation);
    let fixes: Vec<_> = chosen
        .iter()
        .filter_map(|&k| offered.get(k as usize).cloned())
        .collect();
    kehoach_core::word::fix::apply(bytes, &fixes).map_err(|e| e.message())
}

/// The plan in `text` as a `.docx` (the print layout).
pub fn write(text: &str) -> Vec<u8> {
    kehoach_core::render::docx::to_docx(&kehoach_core::parse(text))
}

/// The plan in `text` as its JSON export (the page's "Tải JSON"). Here rather than
/// in the page's module, as reading one back is: writing a `Plan` as JSON was 5 KB
/// gzipped of the page's module, for an action as rare as a Word download.
#[wasm_bindgen]
pub fn write_plan_json(text: &str) -> String {
    kehoach_core::render::json::to_json(&kehoach_core::parse(text))
}

/// [`open`] for the page: `{"text", "findings", "fixes"}`, or `{"error": {"vi", "en"}}`.
#[wasm_bindgen]
pub fn open_docx(bytes: &[u8]) -> String {
    match open(bytes) {
        Ok(opened) => serde_json::to_string(&opened),
        Err(error) => serde_json::to_string(&Failed { error }),
    }
    .unwrap_or_default()
}

/// A plan exported as JSON (`kehoach export`, the page's "Tải JSON"), as the text
/// of a new draft. Here rather than in the page's module: opening one is as rare as
/// opening a Word file, and reading a plan from JSON was half of serde's code in the
/// page's module (with the worker's plan, 32 KB gzipped).
pub fn open_json(json: &str) -> Result<String, Message> {
    kehoach_core::import::plan_text_from_json(json).map_err(|e| e.message())
}

/// [`open_json`] for the page: [`open_docx`]'s answer with nothing on a
/// presentation, `{"text", "findings": [], "fixes": []}`, or `{"error": {"vi", "en"}}`.
#[wasm_bindgen]
pub fn open_plan_json(json: &str) -> String {
    match open_json(json) {
        Ok(text) => serde_json::to_string(&Opened {
            text,
            findings: Vec::new(),
            fixes: Vec::new(),
        }),
        Err(error) => serde_json::to_string(&Failed { error }),
    }
    .unwrap_or_default()
}

/// [`fix`] for the page: the file's bytes, or an error `{"vi", "en"}` as JSON.
#[wasm_bindgen]
pub fn fix_docx(bytes: &[u8], chosen: &[u32]) -> Result<Vec<u8>, String> {
    fix(bytes, chosen).map_err(|e| serde_json::to_string(&e).unwrap_or_default())
}

/// [`write`] for the page.
#[wasm_bindgen]
pub fn write_docx(text: &str) -> Vec<u8> {
    write(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A real Word draft (a province's plan, as published).
    const REAL: &[u8] = include_bytes!(
        "../../kehoach-core/tests/fixtures/real/163_kh-tuyen-truyen-cchc-2026-lam-dong.docx"
    );

    #[test]
    fn a_real_file_opens_with_its_findings_and_its_fixes_set_them_right() {
        let opened = open(REAL).expect("opens");
        assert!(opened.text.contains("KẾ HOẠCH"));
        assert!(!opened.findings.is_empty());
        assert!(opened.findings.iter().all(|d| d.code.starts_with("KH9")));
        assert!(!opened.fixes.is_empty());
        let all: Vec<u32> = (0..opened.fixes.len() as u32).collect();
        let fixed = open(&fix(REAL, &all).expect("writes")).expect("reopens");
        assert_eq!(fixed.text, opened.text);
        assert!(fixed.fixes.is_empty(), "{:?}", fixed.fixes);
    }

    #[test]
    fn the_page_gets_json_and_a_broken_file_says_why() {
        let value: serde_json::Value = serde_json::from_str(&open_docx(REAL)).expect("JSON");
        assert!(value["text"].is_string() && value["findings"].is_array());
        assert!(value["fixes"][0]["title"]["vi"].is_string());
        let broken = open_docx(b"PK\x03\x04 not really a zip");
        assert!(
            broken.starts_with("{\"error\":{\"vi\":\"Không đọc được tệp Word"),
            "{broken}"
        );
        let error = fix_docx(b"PK\x03\x04 no", &[0]).expect_err("not a zip");
        assert!(error.contains("\"en\":\"Cannot read the Word"), "{error}");
        let written = write("KẾ HOẠCH\nThử");
        assert!(open(&written).expect("opens").text.contains("Thử"));
    }

    /// The page's "Tải JSON": the export the core writes, which opens back as the
    /// plan's clean text.
    #[test]
    fn a_written_json_export_is_the_cores_and_opens_back() {
        let text = include_str!("../../kehoach-core/tests/seeds/003_b67ebee3cb483b12.txt");
        let plan = kehoach_core::parse(text);
        let written = write_plan_json(text);
        assert_eq!(written, kehoach_core::render::json::to_json(&plan));
        assert_eq!(
            open_json(&written).expect("opens"),
            kehoach_core::render::text::to_text(&plan)
        );
    }

    /// A JSON export reads back as the text `import::open_file` opens it as (the
    /// same reader); a JSON that is not a plan says what is missing.
    #[test]
    fn a_json_export_opens_as_its_plans_text() {
        let seed = include_str!("../../kehoach-core/tests/seeds/003_b67ebee3cb483b12.txt");
        let plan = kehoach_core::parse(seed);
        let json = kehoach_core::render::json::to_json(&plan);
        let text = open_json(&json).expect("a plan");
        assert_eq!(text, kehoach_core::render::text::to_text(&plan));
        assert_eq!(
            Ok(text.clone()),
            kehoach_core::import::open_file("ke-hoach.json", json.as_bytes())
        );
        let answer: serde_json::Value = serde_json::from_str(&open_plan_json(&json)).expect("JSON");
        assert_eq!(answer["text"], text.as_str());
        let foreign = open_plan_json(r#"{"name": "not a plan"}"#);
        assert!(
            foreign.starts_with("{\"error\":") && foreign.contains("schema_version"),
            "{foreign}"
        );
    }
}
