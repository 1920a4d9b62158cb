//! The check as the web app receives it: findings with UTF-16 offsets (what a
//! textarea's selection speaks) and fixes as byte edits, sorted and numbered as the
//! page lists them, in the form that crosses from the check worker to the page.
//!
//! Also the check worker's own wasm module (`check_in_worker`): built for speed
//! (opt-level 3, SIMD) by `scripts/build.mjs`, where the page's module is built for
//! size. The page's module links this crate too: it checks small texts on its own
//! thread, and the worker falls back to it where the fast module cannot load.

use kehoach_core::diagnostics::{Diagnostic, Lang, OutDiagnostic};
use kehoach_core::json::{self, Stream, ToJson, Writer};
use kehoach_core::model::Plan;
use kehoach_core::order;
use kehoach_core::settings::Settings;
use wasm_bindgen::prelude::wasm_bindgen;

/// The check, as the worker calls it: the findings of `text` and its summary, as
/// JSON (not its plan: [`WorkerResult::plan`]).
#[wasm_bindgen]
pub fn check_in_worker(version: f64, text: &str, lang: &str, settings: &str) -> String {
    let lang = if lang == "en" { Lang::En } else { Lang::Vi };
    // The page sends settings it has read already: a bad one cannot get here.
    let settings = Settings::from_json(settings).unwrap_or_default();
    WorkerResult::new(version as u64, text, lang, &settings).to_json()
}

/// A finding as the page uses it.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub index: usize,
    /// The finding as the CLI prints it, less its fixes (in `fixes`).
    pub out: OutDiagnostic,
    pub fixes: Vec<PageFix>,
    /// Its identity in the list the page shows (`key_findings`), set on the page
    /// (it does not cross).
    pub key: FindingKey,
    /// UTF-16 offsets of the range, for `setSelectionRange`.
    pub start16: u32,
    pub end16: u32,
    pub safe_fix: bool,
    /// The other places of a finding grouped per root cause (every line with a
    /// double space, every broken line), as byte ranges: the layer underlines
    /// them too. Crosses only when there are some.
    pub related: Vec<(usize, usize)>,
}

/// A fix as the page keeps it: what it does, and its edits as (start, end, new
/// text) in bytes. The CLI's form adds each edit's lines and columns, which the page
/// never reads: on real plans (a fix that joins 300 wrapped lines, one that blanks
/// 2,800 lines of page chrome) they were most of the worker's reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageFix {
    pub title: String,
    pub safe: bool,
    pub edits: Vec<(usize, usize, String)>,
}

/// A finding on a Word file's presentation (`KH9xx`): listed as "Thể thức trình bày".
pub fn is_presentation(f: &Finding) -> bool {
    f.out.code.starts_with("KH9")
}

/// A finding's identity across versions of the text, what the findings list is keyed
/// by: its code, line, a hash of what its row shows (severity, message, fix titles)
/// and which of the findings alike it is. Not its byte offsets: a character typed
/// shifts every finding after it, and keying by offsets rebuilt those rows (700 of
/// them, 180 ms, typing a third of the way into a 1 MB plan); the rows' buttons
/// find the finding's current place by this key when clicked.
pub type FindingKey = (String, usize, u64, u32);

/// What the worker sends back: the findings and the summary; not the highlight
/// layer, which the page builds from its own text (the app's
/// `Analysis::from_result`): the layer's lines would cross as a second copy of the
/// text, larger than the text.
pub struct WorkerResult {
    pub version: u64,
    /// The plan, where the check ran on the page. It never crosses from the worker:
    /// the page parses its own text when a panel shows the plan. At 1 MB reading a
    /// plan's JSON took longer than parsing the text, and reading a `Plan` from JSON
    /// is code the page's module would carry for nothing else (opening a JSON export
    /// is the `.docx` module's work).
    pub plan: Option<Plan>,
    pub summary: Option<String>,
    pub findings: Vec<Finding>,
}

impl WorkerResult {
    /// The check of `text`, as the worker computes it.
    pub fn new(version: u64, text: &str, lang: Lang, settings: &Settings) -> Self {
        WorkerResult::presented(version, text, None, lang, settings)
    }

    /// The check of `text` with the findings on the presentation of the Word file it
    /// was opened from (`KH9xx`), while the text is still that file's.
    pub fn presented(
        version: u64,
        text: &str,
        presented: Option<&[Diagnostic]>,
        lang: Lang,
        settings: &Settings,
    ) -> Self {
        let (plan, findings) = check(text, presented, lang, settings);
        WorkerResult {
            version,
            summary: plan.summary().map(str::to_string),
            plan: Some(plan),
            findings,
        }
    }

    /// The result as JSON, to cross from the worker to the page.
    pub fn to_json(&self) -> String {
        json::to_string(self)
    }

    /// The result the worker sent; `None` if it is not one.
    pub fn from_json(text: &str) -> Option<Self> {
        WorkerResult::read(text).ok()
    }
}

// Through `kehoach_core::json`, not serde: the page reads these, and serde's
// generic reader put a copy of itself per type in the page's wasm.

// The edits of a fix and the related places of a finding cross as flat arrays
// (`[start, end, "text", start, end, "text", …]`, `[start, end, …]`), not an array
// per edit or place: a grouped finding has thousands of places (every wrapped
// line), and an array each was an allocation each in the page's reading of the
// reply (10 MB of real plans: 26 ms natively, the most of it). Both ends are the
// same build (the service worker never mixes them), so the form is theirs alone.

impl ToJson for PageFix {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("title", &self.title);
        w.field("safe", &self.safe);
        w.key("edits");
        w.begin_array();
        for (start, end, text) in &self.edits {
            w.item();
            w.unsigned(*start as u64);
            w.item();
            w.unsigned(*end as u64);
            w.item();
            w.string(text);
        }
        w.end_array();
        w.end_object();
    }
}

impl ToJson for Finding {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("index", &self.index);
        w.field("out", &self.out);
        w.field("fixes", &self.fixes);
        w.field("start16", &self.start16);
        w.field("end16", &self.end16);
        w.field("safe_fix", &self.safe_fix);
        if !self.related.is_empty() {
            w.key("related");
            w.begin_array();
            for (start, end) in &self.related {
                w.item();
                w.unsigned(*start as u64);
                w.item();
                w.unsigned(*end as u64);
            }
            w.end_array();
        }
        w.end_object();
    }
}

impl ToJson for WorkerResult {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("version", &self.version);
        w.field("summary", &self.summary);
        w.field("findings", &self.findings);
        w.end_object();
    }
}

/// A fix as it crosses, read as it goes.
fn read_fix(s: &mut Stream<'_>) -> Result<PageFix, json::Error> {
    let mut fix = PageFix {
        title: String::new(),
        safe: false,
        edits: Vec::new(),
    };
    s.object(|s, key| {
        match key {
            "title" => fix.title = s.string()?.into_owned(),
            "safe" => fix.safe = s.read()?,
            "edits" => {
                let (mut k, mut start, mut end) = (0, 0, 0);
                s.array(|s| {
                    match k % 3 {
                        0 => start = s.whole()?,
                        1 => end = s.whole()?,
                        _ => fix.edits.push((start, end, s.string()?.into_owned())),
                    }
                    k += 1;
                    Ok(())
                })?;
                if k % 3 != 0 {
                    return Err(json::Error("edits must come in threes".into()));
                }
            }
            _ => {
                s.value()?;
            }
        }
        Ok(())
    })?;
    Ok(fix)
}

/// A finding as it crosses, read as it goes (its `out` as a tree: it is small).
fn read_finding(s: &mut Stream<'_>) -> Result<Finding, json::Error> {
    let mut out = None;
    let (mut index, mut start16, mut end16, mut safe_fix) = (None, None, None, None);
    let (mut fixes, mut related) = (None, Vec::new());
    s.object(|s, key| {
        match key {
            "index" => index = Some(s.whole()?),
            "out" => out = Some(s.read::<OutDiagnostic>()?),
            "fixes" => {
                let mut list = Vec::new();
                s.array(|s| {
                    list.push(read_fix(s)?);
                    Ok(())
                })?;
                fixes = Some(list);
            }
            "start16" => start16 = Some(s.read::<u32>()?),
            "end16" => end16 = Some(s.read::<u32>()?),
            "safe_fix" => safe_fix = Some(s.read::<bool>()?),
            "related" => {
                let (mut k, mut start) = (0, 0);
                s.array(|s| {
                    if k % 2 == 0 {
                        start = s.whole()?;
                    } else {
                        related.push((start, s.whole()?));
                    }
                    k += 1;
                    Ok(())
                })?;
                if k % 2 != 0 {
                    return Err(json::Error("related places must come in twos".into()));
                }
            }
            _ => {
                s.value()?;
            }
        }
        Ok(())
    })?;
    let missing = |name: &str| json::Error(format!("missing field `{name}`"));
    Ok(Finding {
        index: index.ok_or_else(|| missing("index"))?,
        out: out.ok_or_else(|| missing("out"))?,
        fixes: fixes.ok_or_else(|| missing("fixes"))?,
        key: FindingKey::default(),
        start16: start16.ok_or_else(|| missing("start16"))?,
        end16: end16.ok_or_else(|| missing("end16"))?,
        safe_fix: safe_fix.ok_or_else(|| missing("safe_fix"))?,
        related,
    })
}

impl WorkerResult {
    /// The reply read as it goes: a fix at 10 MB has hundreds of thousands of
    /// edits ([`Stream`]).
    fn read(text: &str) -> Result<Self, json::Error> {
        let mut s = Stream::new(text);
        let (mut version, mut summary, mut findings) = (None, None, Vec::new());
        s.object(|s, key| {
            match key {
                "version" => version = Some(s.whole()? as u64),
                "summary" => summary = s.read::<Option<String>>()?,
                "findings" => s.array(|s| {
                    findings.push(read_finding(s)?);
                    Ok(())
                })?,
                _ => {
                    s.value()?;
                }
            }
            Ok(())
        })?;
        s.end()?;
        Ok(WorkerResult {
            version: version.ok_or_else(|| json::Error("missing field `version`".into()))?,
            plan: None,
            summary,
            findings,
        })
    }
}

/// The plan and the findings of `text`, sorted and numbered as the page lists them.
pub fn check(
    text: &str,
    presented: Option<&[Diagnostic]>,
    lang: Lang,
    settings: &Settings,
) -> (Plan, Vec<Finding>) {
    let mut report = kehoach_core::check(text);
    report
        .diagnostics
        .extend(presented.into_iter().flatten().cloned());
    settings.apply(&mut report.diagnostics);
    let mut offsets: Vec<usize> = report
        .diagnostics
        .iter()
        .flat_map(|d| [d.span.start, d.span.end])
        .collect();
    order::sort(&mut offsets);
    offsets.dedup();
    let map = utf16_offsets(text, &offsets);
    let to16 = |b: usize| -> u32 {
        match offsets.binary_search(&b) {
            Ok(i) => map[i],
            Err(_) => 0,
        }
    };
    let mut findings: Vec<Finding> = report
        .diagnostics
        .into_iter()
        .map(|mut d| {
            let safe_fix = d.has_safe_fix();
            let fixes = std::mem::take(&mut d.fixes)
                .into_iter()
                .map(|f| PageFix {
                    title: f.title.get(lang).to_string(),
                    safe: f.safe,
                    edits: f
                        .edits
                        .into_iter()
                        .map(|e| (e.span.start, e.span.end, e.new_text))
                        .collect(),
                })
                .collect();
            let mut out = d.to_out(text, &report.index, lang);
            // The page reads the related places as bytes (`related`), not as lines
            // and columns: a grouped finding's reply carries them once.
            out.related = Vec::new();
            Finding {
                index: 0,
                out,
                fixes,
                key: FindingKey::default(),
                start16: to16(d.span.start),
                end16: to16(d.span.end),
                safe_fix,
                related: d.related.iter().map(|s| (s.start, s.end)).collect(),
            }
        })
        .collect();
    // Errors first, then warnings, then notes, in text order within each; a Word
    // file's presentation (`KH9xx`) in a group of its own after them.
    order::sort_by_key(&mut findings, |f| {
        (is_presentation(f), f.out.severity, f.out.start, f.out.end)
    });
    for (i, f) in findings.iter_mut().enumerate() {
        f.index = i;
    }
    (report.plan, findings)
}

/// UTF-16 offsets of sorted byte offsets, in one pass over the text. An offset
/// inside a character counts that character.
pub fn utf16_offsets(text: &str, sorted_bytes: &[usize]) -> Vec<u32> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(sorted_bytes.len());
    let (mut at, mut units) = (0, 0u32);
    for &b in sorted_bytes {
        let b = b.clamp(at, bytes.len());
        units += utf16_units(&bytes[at..b]);
        at = b;
        out.push(units);
    }
    out
}

/// UTF-16 code units of the characters starting in `bytes`: one for each lead
/// byte, two for a four-byte character's. Counted a byte at a time, with no
/// branch, so the loop runs as wide as the machine allows (it reads every byte of
/// the text once per check).
pub fn utf16_units(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .map(|&x| u32::from((x as i8) >= -0x40) + u32::from(x >= 0xF0))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn utf16_offsets_are_the_units_before_each_character(
            s in "[a\u{1ec7}\u{1F600}\n]{0,30}",
            mut at in proptest::collection::vec(0usize..130, 0..8),
        ) {
            order::sort(&mut at);
            // As first written: characters one by one.
            let by_chars: Vec<u32> = at
                .iter()
                .map(|&b| {
                    s.char_indices()
                        .take_while(|&(i, _)| i < b)
                        .map(|(_, c)| c.len_utf16() as u32)
                        .sum()
                })
                .collect();
            proptest::prop_assert_eq!(utf16_offsets(&s, &at), by_chars);
        }
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs() {
        let t = "aế😀b";
        let bytes = [0, 1, 4, 8, t.len()];
        assert_eq!(utf16_offsets(t, &bytes), vec![0, 1, 2, 4, 5]);
    }

    /// The reply crosses as JSON and reads back as the same findings: fixes with
    /// their edits, related places, UTF-16 offsets, the summary.
    #[test]
    fn a_result_reads_back_as_it_was_written() {
        let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/seeds");
        let (mut read, mut fixes, mut related) = (0, 0, 0);
        for entry in std::fs::read_dir(seeds).into_iter().flatten().flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            let result = WorkerResult::new(7, &text, Lang::Vi, &Settings::default());
            fixes += result
                .findings
                .iter()
                .filter(|f| !f.fixes.is_empty())
                .count();
            related += result
                .findings
                .iter()
                .filter(|f| !f.related.is_empty())
                .count();
            let back = WorkerResult::from_json(&result.to_json()).expect("it reads back");
            assert_eq!(back.version, 7);
            assert_eq!(back.summary, result.summary);
            assert_eq!(back.findings, result.findings);
            read += 1;
        }
        assert!(read >= 5, "the seeds beside the repository");
        assert!(
            fixes > 0 && related > 0,
            "{fixes} with fixes, {related} with related places"
        );
    }

    /// What the worker's module returns is the page's result for the text: the
    /// version it was asked for, the findings sorted and numbered, never the plan,
    /// the language and settings the page sent.
    #[test]
    fn check_in_worker_answers_for_the_text_it_was_given() {
        let text = "KẾ HOẠCH\nCông tác năm 2024\n1. Một\na) Một.\nc) Ba.\n";
        let reply = |lang, settings| {
            let json = check_in_worker(42.0, text, lang, settings);
            assert!(!json.contains("\"plan\""), "{json}");
            WorkerResult::from_json(&json).expect("the reply parses")
        };
        let vi = reply("vi", "{}");
        assert_eq!(vi.version, 42);
        assert!(vi.plan.is_none());
        assert_eq!(vi.summary.as_deref(), Some("Công tác năm 2024"));
        let gap = vi
            .findings
            .iter()
            .find(|f| f.out.code == "KH401")
            .expect("gap");
        assert_eq!(
            gap.start16 as usize,
            text[..text.find("c)").expect("c)")].encode_utf16().count()
        );
        assert!(vi.findings.iter().enumerate().all(|(i, f)| f.index == i));
        assert!(vi
            .findings
            .windows(2)
            .all(|w| w[0].out.severity <= w[1].out.severity));
        let en = reply("en", "{}");
        assert_ne!(en.findings[0].out.message, vi.findings[0].out.message);
        let off = reply("vi", r#"{"rules":{"KH401":"off"}}"#);
        assert!(off.findings.iter().all(|f| f.out.code != "KH401"));
    }
}
