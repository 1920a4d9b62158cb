//! Opening files into a draft: plain text, a JSON export, or a `.docx` (its
//! paragraphs' text, in order). Broken or foreign files get a clear error, in
//! Vietnamese and English.

use crate::diagnostics::Message;
use crate::render::json::{from_json, ImportError};
use crate::text::Case;
use std::io::{Cursor, Read};

/// Why a file could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    Empty,
    /// Bytes that are neither UTF-8 nor UTF-16 text.
    NotText,
    /// A zip that is not a Word document, or a damaged one.
    BadDocx(String),
    /// An old binary Word `.doc`, a PDF, an image…
    Unsupported(String),
    /// A Word file protected by a password (an OLE container holding an
    /// `EncryptedPackage`).
    Encrypted,
    /// A part of the zip inflates beyond [`MAX_PART_BYTES`] (a damaged file or a
    /// zip bomb): refused before it is read.
    TooLarge(String),
    Json(ImportError),
}

impl OpenError {
    pub fn message(&self) -> Message {
        match self {
            OpenError::Empty => Message::new("Tệp trống.", "The file is empty."),
            OpenError::NotText => Message::new(
                "Tệp không phải văn bản Unicode (UTF-8): hãy lưu lại dưới dạng UTF-8 hoặc .docx.",
                "The file is not Unicode (UTF-8) text: save it as UTF-8 or .docx.",
            ),
            OpenError::BadDocx(e) => Message::new(
                format!("Không đọc được tệp Word (.docx): {e}"),
                format!("Cannot read the Word (.docx) file: {e}"),
            ),
            OpenError::Unsupported(kind) => Message::new(
                format!("Không mở được tệp {kind}: hãy lưu thành .docx hoặc .txt rồi mở lại."),
                format!("Cannot open a {kind} file: save it as .docx or .txt and open that."),
            ),
            OpenError::Encrypted => Message::new(
                "Tệp Word có mật khẩu: hãy gỡ mật khẩu trong Word (Tệp > Thông tin > Bảo vệ tài liệu), lưu lại rồi mở tệp đó.",
                "The Word file is protected by a password: remove it in Word (File > Info > Protect Document), save, and open that file.",
            ),
            OpenError::TooLarge(part) => Message::new(
                format!("Tệp Word quá lớn khi giải nén ({part} vượt {} MB): tệp hỏng hoặc không phải văn bản.", MAX_PART_BYTES >> 20),
                format!("The Word file is too large once unzipped ({part} is over {} MB): it is damaged or not a document.", MAX_PART_BYTES >> 20),
            ),
            OpenError::Json(e) => {
                let s = e.to_string();
                Message::new(s.clone(), s)
            }
        }
    }
}

/// The text of a file, whatever of the supported kinds it is.
pub fn open_file(name: &str, bytes: &[u8]) -> Result<String, OpenError> {
    if is_zip(bytes) {
        return docx_text(bytes);
    }
    open_text_file(name, bytes)
}

/// Whether `bytes` are a zip, as a `.docx` is.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The text of a file that is not a zip: text, a JSON export, or a kind said to be
/// unsupported. (The web app reads a `.docx` in a wasm module of its own: calling
/// this one keeps the zip and XML readers out of its main module.)
pub fn open_text_file(name: &str, bytes: &[u8]) -> Result<String, OpenError> {
    match read_text_file(name, bytes)? {
        TextFile::Text(text) => Ok(text),
        TextFile::PlanJson(json) => plan_text_from_json(&json),
    }
}

/// What a file that is not a zip holds, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextFile {
    Text(String),
    /// A JSON export of a plan (named `.json`, or text starting with `{`), still to
    /// be read ([`plan_text_from_json`]).
    PlanJson(String),
}

/// A file that is not a zip, decoded and told apart, without reading a JSON export
/// (the web app reads those in its `.docx` module: reading a plan from JSON is code
/// its main module would carry for nothing else).
pub fn read_text_file(name: &str, bytes: &[u8]) -> Result<TextFile, OpenError> {
    if bytes.is_empty() {
        return Err(OpenError::Empty);
    }
    let lower = name.lower();
    if is_zip(bytes) {
        return Err(OpenError::BadDocx("zip".into()));
    }
    if is_encrypted_office(bytes) {
        return Err(OpenError::Encrypted);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) || lower.ends_with(".doc") {
        return Err(OpenError::Unsupported(".doc (Word 97-2003)".into()));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(OpenError::Unsupported("PDF".into()));
    }
    let text = decode_text(bytes)?;
    let looks_json = lower.ends_with(".json") || text.trim_start().starts_with('{');
    Ok(if looks_json {
        TextFile::PlanJson(text)
    } else {
        TextFile::Text(text)
    })
}

/// The text of a plan exported as JSON (schema 1 or 2), as clean text.
pub fn plan_text_from_json(json: &str) -> Result<String, OpenError> {
    let plan = from_json(json).map_err(OpenError::Json)?;
    Ok(crate::render::text::to_text(&plan))
}

/// The most a part of a `.docx` may inflate to: a 10 MB plan's `document.xml` is a
/// few tens of MB.
pub const MAX_PART_BYTES: u64 = 256 << 20;

/// An Office file saved with a password: an OLE compound file (not a zip) whose
/// directory names the `EncryptedPackage` stream (in UTF-16).
fn is_encrypted_office(bytes: &[u8]) -> bool {
    const NAME: &[u8] = b"E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) && bytes.windows(NAME.len()).any(|w| w == NAME)
}

/// One part of a `.docx` as text: `Ok(None)` when the zip has no such part; an
/// error when it would inflate beyond [`MAX_PART_BYTES`].
pub(crate) fn read_part<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<String>, OpenError> {
    let Ok(file) = archive.by_name(name) else {
        return Ok(None);
    };
    if file.size() > MAX_PART_BYTES {
        return Err(OpenError::TooLarge(name.to_string()));
    }
    // The declared size may lie: never read past the limit.
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| OpenError::BadDocx(e.to_string()))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(OpenError::TooLarge(name.to_string()));
    }
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

/// UTF-8 (with or without BOM) or UTF-16 with a BOM.
fn decode_text(bytes: &[u8]) -> Result<String, OpenError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8(rest.to_vec()).map_err(|_| OpenError::NotText);
    }
    let utf16 = |le: bool, rest: &[u8]| -> Result<String, OpenError> {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| OpenError::NotText)
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(true, rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(false, rest);
    }
    String::from_utf8(bytes.to_vec()).map_err(|_| OpenError::NotText)
}

/// A `.docx`'s text (as [`docx_text`] gives it) and its presentation: each line's
/// fonts and sizes, each section's page setup (`word.rs`).
pub fn docx_presented(bytes: &[u8]) -> Result<(String, crate::word::Presentation), OpenError> {
    if is_encrypted_office(bytes) {
        return Err(OpenError::Encrypted);
    }
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| OpenError::BadDocx(e.to_string()))?;
    let mut part = |name: &str| read_part(&mut archive, name);
    let document = part("word/document.xml")?.ok_or_else(|| {
        OpenError::BadDocx("không có word/document.xml (no word/document.xml)".into())
    })?;
    let styles = crate::word::Styles::read(
        part("word/styles.xml")?.as_deref(),
        part("word/theme/theme1.xml")?.as_deref(),
    )
    .with_numbering(part("word/numbering.xml")?.as_deref());
    let (text, mut presentation) =
        crate::word::walk(&document, Some(&styles)).map_err(OpenError::BadDocx)?;
    // The header and footer parts the sections name, through the document's links.
    let rels = part("word/_rels/document.xml.rels")?.unwrap_or_default();
    // Each part once (every section may name the same header), and the links read
    // once: a part read again per reference, the links searched per reference, was
    // quadratic in a file of many sections.
    let ids: std::collections::BTreeSet<String> = presentation
        .sections
        .iter()
        .flat_map(|s| s.headers.iter().chain(&s.footers).map(|(_, id)| id.clone()))
        .collect();
    // Either quote, as XML allows.
    let value_of = |r: &str, name: &str| -> Option<String> {
        ['"', '\''].iter().find_map(|q| {
            let start = r.find(&format!("{name}={q}"))? + name.len() + 2;
            let end = r[start..].find(*q)? + start;
            Some(r[start..end].to_string())
        })
    };
    let mut targets: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for r in rels.split("<Relationship") {
        if let (Some(id), Some(target)) = (value_of(r, "Id"), value_of(r, "Target")) {
            // The first link of an id wins, as the search found it.
            targets.entry(id).or_insert(target);
        }
    }
    for id in ids {
        let target = targets.get(&id).map(|t| {
            format!(
                "word/{}",
                t.trim_start_matches('/').trim_start_matches("word/")
            )
        });
        if let Some(xml) = target.map(|t| part(&t)).transpose()?.flatten() {
            let (part, number_paragraphs) = crate::word::HeaderPart::read_sized(&xml, &styles);
            presentation.parts.insert(id.clone(), part);
            presentation.number_paragraphs.insert(id, number_paragraphs);
        }
    }
    Ok((text, presentation))
}

/// The paragraphs of a `.docx`, one per line (table cells in reading order); runs in
/// a legacy font (`.VnTime`, `VNI-Times`) read by their font.
pub fn docx_text(bytes: &[u8]) -> Result<String, OpenError> {
    docx_presented(bytes).map(|(text, _)| text)
}

/// The text of `word/document.xml` alone, as the tests give it.
#[cfg(test)]
fn document_text(xml: &str) -> Result<String, String> {
    crate::word::walk(xml, None).map(|(text, _)| text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Word task table with a merged group row (`gridSpan`) and a lead cell merged
    /// down two rows (`vMerge`) reads as a task table; a two-column header laid out as
    /// a table reads as the header's lines.
    #[test]
    fn word_tables_read_as_tables_and_layout() {
        let p = |t: &str| format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>");
        let tc = |t: &str, pr: &str| format!("<w:tc><w:tcPr>{pr}</w:tcPr>{}</w:tc>", p(t));
        let row = |cells: &[String]| format!("<w:tr>{}</w:tr>", cells.concat());
        let header = format!(
            "<w:tbl>{}{}</w:tbl>",
            row(&[
                tc("ỦY BAN NHÂN DÂN TỈNH MẪU", ""),
                tc("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "")
            ]),
            row(&[
                tc("Số: 12/KH-UBND", ""),
                tc("Hà Bắc, ngày 05 tháng 3 năm 2025", "")
            ])
        );
        let tasks = format!(
            "<w:tbl>{}{}{}{}</w:tbl>",
            row(&[
                tc("STT", ""),
                tc("Nội dung", ""),
                tc("Chủ trì", ""),
                tc("Thời gian", "")
            ]),
            row(&[tc("I. NHÓM MẪU", r#"<w:gridSpan w:val="4"/>"#)]),
            row(&[
                tc("1", ""),
                tc("Rà soát", ""),
                tc("Sở A", r#"<w:vMerge w:val="restart"/>"#),
                tc("Quý II/2025", "")
            ]),
            row(&[
                tc("2", ""),
                tc("Báo cáo", ""),
                tc("", "<w:vMerge/>"),
                tc("Quý III/2025", "")
            ])
        );
        let xml = format!(
            "<w:document><w:body>{header}{}{}{tasks}</w:body></w:document>",
            p("KẾ HOẠCH"),
            p("Công tác năm 2025")
        );
        let text = document_text(&xml).expect("reads");
        assert!(
            text.starts_with(
                "ỦY BAN NHÂN DÂN TỈNH MẪU\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/KH-UBND\n"
            ),
            "{text}"
        );
        assert!(text.contains("I. NHÓM MẪU\t\t\t\n"), "{text}");
        assert!(text.contains("2\tBáo cáo\t\tQuý III/2025\n"), "{text}");
        let plan = crate::parse(&text);
        assert_eq!(
            plan.header.number.as_ref().map(|n| n.code()),
            Some("12/KH-UBND".into())
        );
        let tasks: Vec<(&str, &str)> = plan
            .tasks
            .iter()
            .map(|t| {
                (
                    t.heading.text.as_str(),
                    t.lead.first().map_or("", |l| l.text.as_str()),
                )
            })
            .collect();
        // Row 2 shares the lead merged down from row 1.
        assert_eq!(tasks, [("Rà soát", "Sở A"), ("Báo cáo", "Sở A")]);
        assert_eq!(plan.tasks[1].group.as_deref(), Some("I. NHÓM MẪU"));
    }

    #[test]
    fn docx_round_trip_keeps_paragraphs_in_order() {
        let text = "KẾ HOẠCH\nCông tác <năm> & \"2024\"\nI. MỤC ĐÍCH\n1. Một\n";
        let plan = crate::parse(text);
        let docx = crate::render::docx::to_docx(&plan);
        let back = open_file("ke-hoach.docx", &docx).expect("opens");
        assert!(
            back.contains("KẾ HOẠCH\nCông tác <năm> & \"2024\"\n"),
            "{back}"
        );
        assert!(back.find("I. MỤC ĐÍCH").unwrap() < back.find("1. Một").unwrap());
    }

    #[test]
    fn broken_and_foreign_files_are_refused_clearly() {
        assert_eq!(open_file("a.txt", b""), Err(OpenError::Empty));
        assert_eq!(open_file("a.txt", &[0xC3, 0x28]), Err(OpenError::NotText));
        assert!(matches!(
            open_file("a.docx", b"PK\x03\x04garbage"),
            Err(OpenError::BadDocx(_))
        ));
        assert!(matches!(
            open_file("a.doc", &[0xD0, 0xCF, 0x11, 0xE0, 0, 0]),
            Err(OpenError::Unsupported(_))
        ));
        assert!(matches!(
            open_file("a.pdf", b"%PDF-1.7"),
            Err(OpenError::Unsupported(_))
        ));
        assert!(matches!(
            open_file("a.json", b"{\"x\": 1}"),
            Err(OpenError::Json(_))
        ));
        let m = open_file("a.json", b"{\"x\": 1}").unwrap_err().message();
        assert!(m.vi.contains("schema_version") && m.en.contains("schema_version"));
        // A password-protected Word file: an OLE container with an EncryptedPackage.
        let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        encrypted.extend([0u8; 120]);
        encrypted.extend(
            "EncryptedPackage"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        );
        assert_eq!(open_file("a.docx", &encrypted), Err(OpenError::Encrypted));
        assert!(open_file("a.docx", &encrypted)
            .unwrap_err()
            .message()
            .vi
            .contains("mật khẩu"));
        // A part that inflates beyond the limit is refused before it is read whole.
        let bomb = {
            use std::io::Write;
            let mut buf = Cursor::new(Vec::new());
            let mut zip = zip::ZipWriter::new(&mut buf);
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            zip.start_file("word/document.xml", options).expect("entry");
            let zeros = vec![b' '; 1 << 20];
            for _ in 0..(MAX_PART_BYTES >> 20) + 1 {
                zip.write_all(&zeros).expect("written");
            }
            zip.finish().expect("zip");
            buf.into_inner()
        };
        assert!(bomb.len() < 2 << 20, "a small file: {}", bomb.len());
        assert_eq!(
            open_file("bomb.docx", &bomb),
            Err(OpenError::TooLarge("word/document.xml".into()))
        );
        // UTF-16 with BOM (Notepad's "Unicode").
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("Kế hoạch".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(open_file("a.txt", &utf16).as_deref(), Ok("Kế hoạch"));
    }

    #[test]
    fn json_export_opens_as_its_clean_text() {
        let plan = crate::parse("KẾ HOẠCH\nCông tác năm 2024\nI. MỤC ĐÍCH\n");
        let json = crate::render::json::to_json(&plan);
        assert_eq!(
            open_file("x.json", json.as_bytes()).as_deref(),
            Ok("KẾ HOẠCH\nCông tác năm 2024\n\nI. MỤC ĐÍCH\n")
        );
    }
}
