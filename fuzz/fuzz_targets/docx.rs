//! A Word file's `word/document.xml`, arbitrary, beside a fixed styles part: read,
//! checked for its presentation, fixed and read again, with no panic; the fixes
//! never change the text the file reads as, and a fixed file always opens.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::{Cursor, Write};

/// Styles with something for each path of the reader: defaults, a caps style, a
/// style with contextual spacing and a list, a grid table style, theme fonts.
const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/><w:sz w:val="28"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:pPr><w:ind w:firstLine="720"/><w:jc w:val="both"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Caps"><w:basedOn w:val="Normal"/><w:rPr><w:caps/><w:b/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="List"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:contextualSpacing/></w:pPr></w:style><w:style w:type="character" w:styleId="Old"><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/><w:color w:val="FF0000"/></w:rPr></w:style><w:style w:type="table" w:styleId="TableGrid"><w:tblPr><w:tblBorders><w:top w:val="single"/></w:tblBorders></w:tblPr></w:style></w:styles>"#;

const RELS: &str = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>"#;

const HEADER: &str = r#"<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:rPr><w:sz w:val="20"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:sz w:val="20"/></w:rPr><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>"#;

fn docx(document: &str) -> Vec<u8> {
    let mut buf = Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    for (name, xml) in [
        ("[Content_Types].xml", r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>"#),
        ("word/document.xml", document),
        ("word/styles.xml", STYLES),
        ("word/_rels/document.xml.rels", RELS),
        ("word/header1.xml", HEADER),
    ] {
        if zip.start_file(name, zip::write::SimpleFileOptions::default()).is_err()
            || zip.write_all(xml.as_bytes()).is_err()
        {
            return Vec::new();
        }
    }
    let _ = zip.finish();
    buf.into_inner()
}

fuzz_target!(|data: &[u8]| {
    let xml = String::from_utf8_lossy(data);
    let bytes = docx(&xml);
    let Ok((text, presentation)) = kehoach_core::import::docx_presented(&bytes) else {
        return;
    };
    let report = kehoach_core::check_presented(&text, Some(&presentation));
    for d in &report.diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= text.len());
        assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
    }
    let fixes = kehoach_core::presentation_fixes(&text, &presentation);
    if let Ok(fixed) = kehoach_core::word::fix::apply(&bytes, &fixes) {
        let (again, _) = kehoach_core::import::docx_presented(&fixed).expect("a fixed file opens");
        assert_eq!(again, text, "the fixes keep the text");
    }
});
