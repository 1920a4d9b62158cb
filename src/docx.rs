//! Word files and JSON exports, through the `.docx` module (`crates/kehoach-docx`):
//! a wasm of its own that the page loads the first time a Word file is opened or
//! downloaded, or a JSON export opened.
//!
//! The zip and XML readers, the presentation checks and the two writers are a third
//! of the app's code and most drafts never touch a Word file, so the main module does
//! not carry them. The page calls `globalThis.kehoachDocx()`, defined by the start
//! script (`scripts/build.mjs`: an `import()` of the module's glue; the one-file
//! build inlines the module), which resolves to the module's exports once it is
//! ready. Bytes cross as `Uint8Array`s, the rest as JSON.

use kehoach_core::diagnostics::{Diagnostic, Fix, Message, Severity};
use kehoach_core::json::{self, field, field_or_default, FromJson, Value};
use kehoach_core::source::Span;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A Word file as the module read it: its text, the findings on its presentation
/// (`KH9xx`, which hold while the editor holds this text) and the fixes they offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedDocx {
    pub text: String,
    pub findings: Vec<Diagnostic>,
    pub fixes: Vec<FixOffer>,
}

/// A fix to the file's presentation: its rule and what it does. The page hands the
/// indices of the ticked ones back to [`fix`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixOffer {
    pub code: String,
    pub title: Message,
}

/// A finding as it crosses: `Diagnostic` with its rule's code as a string (the page
/// takes the registry's own code back, [`OpenedJson::into_opened`]).
struct FindingJson {
    code: String,
    severity: Severity,
    message: Message,
    span: Span,
    related: Vec<Span>,
    fixes: Vec<Fix>,
}

/// `open_docx`'s answer: the file read, or `error`; each field may be missing.
struct OpenedJson {
    error: Option<Message>,
    text: String,
    findings: Vec<FindingJson>,
    fixes: Vec<FixOffer>,
}

impl FromJson for FixOffer {
    fn from_json(value: &Value<'_>) -> Result<Self, json::Error> {
        Ok(FixOffer {
            code: field(value, "code")?,
            title: field(value, "title")?,
        })
    }
}

impl FromJson for FindingJson {
    fn from_json(value: &Value<'_>) -> Result<Self, json::Error> {
        Ok(FindingJson {
            code: field(value, "code")?,
            severity: field(value, "severity")?,
            message: field(value, "message")?,
            span: field(value, "span")?,
            related: field_or_default(value, "related")?,
            fixes: field_or_default(value, "fixes")?,
        })
    }
}

impl FromJson for OpenedJson {
    fn from_json(value: &Value<'_>) -> Result<Self, json::Error> {
        let value = json::expect_object(value)?;
        Ok(OpenedJson {
            error: field(value, "error")?,
            text: field_or_default(value, "text")?,
            findings: field_or_default(value, "findings")?,
            fixes: field_or_default(value, "fixes")?,
        })
    }
}

impl OpenedJson {
    /// The file as the page keeps it; a finding of a rule this build does not know
    /// (a module from another build) is left out rather than shown under no rule.
    fn into_opened(self) -> OpenedDocx {
        let findings = self
            .findings
            .into_iter()
            .filter_map(|f| {
                Some(Diagnostic {
                    code: kehoach_core::rules::rule(&f.code)?.code,
                    severity: f.severity,
                    message: f.message,
                    span: f.span,
                    related: f.related,
                    fixes: f.fixes,
                })
            })
            .collect();
        OpenedDocx {
            text: self.text,
            findings,
            fixes: self.fixes,
        }
    }
}

/// What `open_docx` (or `open_plan_json`) answered, read.
fn read_open_reply(reply: &str) -> Result<OpenedDocx, Message> {
    match json::from_str::<OpenedJson>(reply) {
        Ok(OpenedJson {
            error: Some(error), ..
        }) => Err(error),
        Ok(opened) => Ok(opened.into_opened()),
        Err(e) => Err(failed(&e.to_string())),
    }
}

/// The error when the module failed while reading or writing a file (a bug: the
/// module's readers are fuzzed and refuse bad files with a message of their own).
fn failed(why: &str) -> Message {
    Message::new(
        format!("Phần xử lý tệp Word (.docx) và JSON gặp lỗi; văn bản không bị ảnh hưởng. ({why})"),
        format!("The Word (.docx) and JSON part of the app failed; the text is untouched. ({why})"),
    )
}

/// The error when the module cannot be loaded.
fn unavailable(why: &str) -> Message {
    Message::new(
        format!("Không tải được phần xử lý tệp Word (.docx) và JSON; hãy tải lại trang. ({why})"),
        format!("The Word (.docx) and JSON part of the app could not be loaded; reload the page. ({why})"),
    )
}

fn why(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "?".into())
}

/// The module's exports, loaded on first use.
async fn module() -> Result<JsValue, Message> {
    let load = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("kehoachDocx"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| unavailable("kehoachDocx"))?;
    let promise = load
        .call0(&JsValue::NULL)
        .map_err(|e| unavailable(&why(&e)))?
        .dyn_into::<js_sys::Promise>()
        .map_err(|e| unavailable(&why(&e)))?;
    JsFuture::from(promise)
        .await
        .map_err(|e| unavailable(&why(&e)))
}

/// Calls the module's export `name` with `args`; what it threw, as thrown.
async fn call(name: &str, args: &[JsValue]) -> Result<Result<JsValue, JsValue>, Message> {
    let module = module().await?;
    let function = js_sys::Reflect::get(&module, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| unavailable(name))?;
    let args: js_sys::Array = args.iter().collect();
    Ok(function.apply(&JsValue::NULL, &args))
}

fn bytes_of(value: &JsValue) -> Option<Vec<u8>> {
    value
        .dyn_ref::<js_sys::Uint8Array>()
        .map(js_sys::Uint8Array::to_vec)
}

/// Reads a `.docx`: its text, its presentation's findings and their fixes.
pub async fn open(bytes: &[u8]) -> Result<OpenedDocx, Message> {
    let reply = call("open_docx", &[js_sys::Uint8Array::from(bytes).into()])
        .await?
        .map_err(|e| failed(&why(&e)))?;
    read_open_reply(&reply.as_string().unwrap_or_default())
}

/// The text of a plan's JSON export (`json`, the file decoded), for a new draft.
pub async fn open_json(json: &str) -> Result<String, Message> {
    let reply = call("open_plan_json", &[JsValue::from_str(json)])
        .await?
        .map_err(|e| failed(&why(&e)))?;
    read_open_reply(&reply.as_string().unwrap_or_default()).map(|o| o.text)
}

/// The file `bytes` with the fixes `chosen` (indices into [`OpenedDocx::fixes`])
/// written into it.
pub async fn fix(bytes: &[u8], chosen: &[usize]) -> Result<Vec<u8>, Message> {
    let chosen: Vec<u32> = chosen
        .iter()
        .filter_map(|&k| u32::try_from(k).ok())
        .collect();
    let args = [
        js_sys::Uint8Array::from(bytes).into(),
        js_sys::Uint32Array::from(chosen.as_slice()).into(),
    ];
    match call("fix_docx", &args).await? {
        Ok(written) => bytes_of(&written).ok_or_else(|| failed("fix_docx")),
        Err(thrown) => Err(thrown
            .as_string()
            .and_then(|text| json::from_str::<Message>(&text).ok())
            .unwrap_or_else(|| failed(&why(&thrown)))),
    }
}

/// The plan in `text` as its JSON export.
pub async fn write_json(text: &str) -> Result<String, Message> {
    call("write_plan_json", &[JsValue::from_str(text)])
        .await?
        .map_err(|e| failed(&why(&e)))?
        .as_string()
        .ok_or_else(|| failed("write_plan_json"))
}

/// The plan in `text` as a `.docx`.
pub async fn write(text: &str) -> Result<Vec<u8>, Message> {
    let written = call("write_docx", &[JsValue::from_str(text)])
        .await?
        .map_err(|e| failed(&why(&e)))?;
    bytes_of(&written).ok_or_else(|| failed("write_docx"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_modules_answers_are_read_with_the_registrys_codes() {
        let json = r#"{"text":"KẾ HOẠCH","findings":[
            {"code":"KH901","severity":"warning","message":{"vi":"Lề","en":"Margins"},
             "span":{"start":0,"end":3},"related":[],"fixes":[]},
            {"code":"KH999999","severity":"error","message":{"vi":"?","en":"?"},
             "span":{"start":0,"end":1},"related":[],"fixes":[]}],
            "fixes":[{"code":"KH901","title":{"vi":"Đặt lề","en":"Set margins"}}]}"#;
        let opened = read_open_reply(json).expect("opened");
        assert_eq!(opened.text, "KẾ HOẠCH");
        assert_eq!(
            opened.findings.len(),
            1,
            "an unknown rule's finding is left out"
        );
        assert_eq!(opened.findings[0].code, "KH901");
        assert_eq!(opened.fixes[0].title.en, "Set margins");
        let failed = read_open_reply(r#"{"error":{"vi":"Tệp trống.","en":"The file is empty."}}"#);
        assert_eq!(failed.expect_err("failed").en, "The file is empty.");
        assert!(read_open_reply("<html>")
            .expect_err("nonsense")
            .vi
            .contains("gặp lỗi"));
    }

    /// A JSON export's answer reads back as the plan's text, and a JSON that is not
    /// a plan as the reader's reason.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_json_exports_answer_reads_back_as_its_text() {
        let plan = kehoach_core::parse(include_str!(
            "../crates/kehoach-core/tests/seeds/003_b67ebee3cb483b12.txt"
        ));
        let json = kehoach_core::render::json::to_json(&plan);
        let read = read_open_reply(&kehoach_docx::open_plan_json(&json)).expect("reads");
        assert_eq!(read.text, kehoach_core::render::text::to_text(&plan));
        assert!(read.findings.is_empty() && read.fixes.is_empty());
        let foreign = read_open_reply(&kehoach_docx::open_plan_json(r#"{"name": "?"}"#));
        assert!(foreign
            .expect_err("not a plan")
            .vi
            .contains("schema_version"));
    }

    /// The module's own answer for a real Word file reads back as the findings and
    /// fixes it computed.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_real_files_answer_reads_back_as_the_module_computed_it() {
        let real = include_bytes!(
            "../crates/kehoach-core/tests/fixtures/real/163_kh-tuyen-truyen-cchc-2026-lam-dong.docx"
        );
        let computed = kehoach_docx::open(real).expect("opens");
        let read = read_open_reply(&kehoach_docx::open_docx(real)).expect("reads");
        assert_eq!(read.text, computed.text);
        assert_eq!(read.findings, computed.findings);
        let codes: Vec<_> = computed
            .fixes
            .iter()
            .map(|f| (f.code.to_string(), f.title.clone()))
            .collect();
        let read_codes: Vec<_> = read
            .fixes
            .iter()
            .map(|f| (f.code.clone(), f.title.clone()))
            .collect();
        assert_eq!(read_codes, codes);
        assert!(!read.findings.is_empty() && !read.fixes.is_empty());
    }
}
