//! Opening files into a draft: plain text, a JSON export, or a `.docx` (its
//! paragraphs' text, in order). Broken or foreign files get a clear error, in
//! Vietnamese and English.

use crate::diagnostics::Message;
use crate::render::json::{from_json, ImportError};
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
            OpenError::Json(e) => {
                let s = e.to_string();
                Message::new(s.clone(), s)
            }
        }
    }
}

/// The text of a file, whatever of the supported kinds it is.
pub fn open_file(name: &str, bytes: &[u8]) -> Result<String, OpenError> {
    if bytes.is_empty() {
        return Err(OpenError::Empty);
    }
    let lower = name.to_lowercase();
    if bytes.starts_with(b"PK\x03\x04") {
        return docx_text(bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) || lower.ends_with(".doc") {
        return Err(OpenError::Unsupported(".doc (Word 97-2003)".into()));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(OpenError::Unsupported("PDF".into()));
    }
    let text = decode_text(bytes)?;
    let looks_json = lower.ends_with(".json") || text.trim_start().starts_with('{');
    if looks_json {
        let plan = from_json(&text).map_err(OpenError::Json)?;
        return Ok(crate::render::text::to_text(&plan));
    }
    Ok(text)
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

/// The paragraphs of a `.docx`, one per line (table cells in reading order).
pub fn docx_text(bytes: &[u8]) -> Result<String, OpenError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| OpenError::BadDocx(e.to_string()))?;
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .map_err(|_| {
            OpenError::BadDocx("không có word/document.xml (no word/document.xml)".into())
        })?
        .read_to_string(&mut xml)
        .map_err(|e| OpenError::BadDocx(e.to_string()))?;
    document_text(&xml).map_err(OpenError::BadDocx)
}

fn document_text(xml: &str) -> Result<String, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    let mut in_text = false;
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) if e.local_name().into_inner() == "t" => in_text = true,
            Event::End(e) => match e.local_name().into_inner() {
                "t" => in_text = false,
                "p" => out.push('\n'),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().into_inner() {
                "tab" => out.push('\t'),
                "br" | "cr" => out.push('\n'),
                "p" => out.push('\n'),
                _ => {}
            },
            // Text events carry no references: those come as GeneralRef events.
            Event::Text(t) if in_text => out.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    out.push(c);
                } else {
                    match r.into_inner().as_ref() {
                        "amp" => out.push('&'),
                        "lt" => out.push('<'),
                        "gt" => out.push('>'),
                        "quot" => out.push('"'),
                        "apos" => out.push('\''),
                        _ => {}
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
