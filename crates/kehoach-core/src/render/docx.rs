//! The plan as a `.docx` with the print view's layout (Decree 30/2020, Appendix I):
//! A4 portrait, margins 20/20/30/15 mm, Times New Roman at the prescribed sizes,
//! header and foot as borderless two-column tables, page numbers centred at the top
//! from page 2. Opens in Word and LibreOffice for the last edits before signing.
//!
//! WordprocessingML is written by hand (a handful of parts); the zip container comes
//! from the `zip` crate.

use crate::model::{Annex, Field, Level, Node, Plan, Table};
use crate::render::text::clean_line;
use crate::render::{flow, Piece};
use crate::text::Case;
use std::io::Write;

/// Twips per millimetre (1 inch = 1440 twips = 25.4 mm).
const TW_PER_MM: f64 = 1440.0 / 25.4;
const PAGE_W: u32 = 11906; // 210 mm
const PAGE_H: u32 = 16838; // 297 mm
const MARGIN_TOP: u32 = 1134; // 20 mm
const MARGIN_BOTTOM: u32 = 1134;
const MARGIN_LEFT: u32 = 1701; // 30 mm
const MARGIN_RIGHT: u32 = 850; // 15 mm
const TEXT_W: u32 = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT;

fn mm(v: f64) -> u32 {
    (v * TW_PER_MM).round() as u32
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 forbids (control characters) are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// How one paragraph looks.
#[derive(Clone, Copy, Default)]
struct Style {
    center: bool,
    justify: bool,
    bold: bool,
    italic: bool,
    /// Font size in points.
    size: f32,
    first_line_mm: f64,
    after_pt: u32,
    before_pt: u32,
    /// Draw a short rule under the paragraph (indented from both sides, in twips).
    rule_indent: Option<u32>,
    /// Keep on the page of the next paragraph (the end of the content with the
    /// signature).
    keep_next: bool,
    /// Start a new page (an annex, the plan after its decision).
    page_break_before: bool,
}

/// A paragraph of the content: justified, 14 pt, first-line indent 1.27 cm, 6 pt after.
const BODY: Style = Style {
    center: false,
    justify: true,
    bold: false,
    italic: false,
    size: 14.0,
    first_line_mm: 12.7,
    after_pt: 6,
    before_pt: 0,
    rule_indent: None,
    keep_next: false,
    page_break_before: false,
};

fn para(text: &str, st: Style) -> String {
    let mut ppr = String::new();
    if st.keep_next {
        ppr.push_str("<w:keepNext/>");
    }
    if st.page_break_before {
        ppr.push_str("<w:pageBreakBefore/>");
    }
    // In the schema's order (CT_PPr): border, spacing, indent, alignment.
    if st.rule_indent.is_some() {
        ppr.push_str(
            r#"<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>"#,
        );
    }
    ppr.push_str(&format!(
        r#"<w:spacing w:before="{}" w:after="{}" w:line="276" w:lineRule="auto"/>"#,
        st.before_pt * 20,
        st.after_pt * 20
    ));
    if let Some(ind) = st.rule_indent {
        ppr.push_str(&format!(r#"<w:ind w:left="{ind}" w:right="{ind}"/>"#));
    }
    if st.first_line_mm > 0.0 && st.rule_indent.is_none() {
        ppr.push_str(&format!(
            r#"<w:ind w:firstLine="{}"/>"#,
            mm(st.first_line_mm)
        ));
    }
    if st.center {
        ppr.push_str(r#"<w:jc w:val="center"/>"#);
    } else if st.justify {
        ppr.push_str(r#"<w:jc w:val="both"/>"#);
    }
    let mut rpr = String::new();
    if st.bold {
        rpr.push_str("<w:b/>");
    }
    if st.italic {
        rpr.push_str("<w:i/>");
    }
    let half_points = (st.size * 2.0).round() as u32;
    rpr.push_str(&format!(
        r#"<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>"#
    ));
    let run = if text.is_empty() {
        String::new()
    } else {
        format!(
            r#"<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
            esc(text)
        )
    };
    format!("<w:p><w:pPr>{ppr}<w:rPr>{rpr}</w:rPr></w:pPr>{run}</w:p>")
}

fn table(left: &str, right: &str, left_w: u32) -> String {
    let right_w = TEXT_W - left_w;
    format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{TEXT_W}" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w="{left_w}"/><w:gridCol w:w="{right_w}"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="{left_w}" w:type="dxa"/></w:tcPr>{left}</w:tc><w:tc><w:tcPr><w:tcW w:w="{right_w}" w:type="dxa"/></w:tcPr>{right}</w:tc></w:tr></w:tbl>"#
    )
}

fn line(f: &Field) -> String {
    clean_line(&f.text)
}

fn item(n: &Node) -> String {
    let bold = matches!(
        n.level,
        Level::Part | Level::Section | Level::Clause | Level::SubClause
    );
    let marker = n.shown_marker();
    para(
        &format!("{marker} {}", clean_line(&n.title.text)),
        Style { bold, ..BODY },
    )
}

/// A data table: bordered, its header row repeated on every page, rows never split.
fn data_table(t: &Table) -> String {
    let cols = t
        .header
        .len()
        .max(t.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0))
        .max(1);
    let col_w = TEXT_W / cols as u32;
    let cell_style = Style {
        size: 12.0,
        ..Style::default()
    };
    let row = |cells: &[Field], header: bool| -> String {
        let mut xml = String::from("<w:tr><w:trPr><w:cantSplit/>");
        if header {
            xml.push_str("<w:tblHeader/>");
        }
        xml.push_str("</w:trPr>");
        for k in 0..cols {
            let text = cells
                .get(k)
                .map(|c| clean_line(&c.text))
                .unwrap_or_default();
            xml.push_str(&format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{col_w}" w:type="dxa"/></w:tcPr>{}</w:tc>"#,
                para(
                    &text,
                    Style {
                        bold: header,
                        center: header,
                        ..cell_style
                    }
                )
            ));
        }
        xml.push_str("</w:tr>");
        xml
    };
    let mut xml = format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{TEXT_W}" w:type="dxa"/><w:tblBorders><w:top w:val="single" w:sz="4" w:color="000000"/><w:left w:val="single" w:sz="4" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:color="000000"/><w:right w:val="single" w:sz="4" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:color="000000"/></w:tblBorders><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>{}</w:tblGrid>"#,
        (0..cols)
            .map(|_| format!(r#"<w:gridCol w:w="{col_w}"/>"#))
            .collect::<String>()
    );
    for header in [&t.header, &t.column_numbers] {
        if !header.is_empty() {
            xml.push_str(&row(header, true));
        }
    }
    for r in &t.rows {
        xml.push_str(&row(&r.cells, false));
    }
    xml.push_str("</w:tbl>");
    // Word needs a paragraph between a table and what follows.
    xml.push_str(&para(
        "",
        Style {
            size: 6.0,
            ..Style::default()
        },
    ));
    xml
}

/// Paragraphs, items and tables in reading order; with `keep_last`, the last
/// paragraphs stay on the page of what follows (the signature).
fn content(
    out: &mut String,
    paragraphs: &[Field],
    nodes: &[Node],
    tables: &[Table],
    keep_last: bool,
) {
    let pieces = flow(paragraphs, nodes, tables);
    let n = pieces.len();
    for (k, piece) in pieces.into_iter().enumerate() {
        let keep = keep_last && k + 2 >= n;
        match piece {
            Piece::Para(f) | Piece::ItemPara(f) => out.push_str(&para(
                &line(f),
                Style {
                    keep_next: keep,
                    ..BODY
                },
            )),
            Piece::Item(node) => {
                let x = item(node);
                out.push_str(&if keep {
                    x.replacen("<w:pPr>", "<w:pPr><w:keepNext/>", 1)
                } else {
                    x
                })
            }
            Piece::Table(t) => out.push_str(&data_table(t)),
        }
    }
}

/// The kind word, summary and "kèm theo" line, centred, with the rule under them.
fn title_block(
    out: &mut String,
    kind: &str,
    summary: Option<&Field>,
    attached: Option<&Field>,
    new_page: bool,
) {
    let title = Style {
        center: true,
        bold: true,
        size: 14.0,
        ..Style::default()
    };
    out.push_str(&para(
        kind,
        Style {
            before_pt: 18,
            page_break_before: new_page,
            ..title
        },
    ));
    if let Some(s) = summary {
        out.push_str(&para(&line(s), title));
    }
    if let Some(a) = attached {
        out.push_str(&para(
            &line(a),
            Style {
                bold: false,
                italic: true,
                ..title
            },
        ));
    }
    out.push_str(&para(
        "",
        Style {
            rule_indent: Some(mm(62.0)),
            after_pt: 12,
            ..title
        },
    ));
}

/// An annex on a page of its own: label and title centred in bold, the "kèm theo"
/// line in italics, then its content.
fn annex(out: &mut String, a: &Annex) {
    let title = Style {
        center: true,
        bold: true,
        size: 14.0,
        ..Style::default()
    };
    let mut first = true;
    for f in [&a.label, &a.title].into_iter().flatten() {
        out.push_str(&para(
            &line(f),
            Style {
                page_break_before: first,
                ..title
            },
        ));
        first = false;
    }
    if let Some(k) = &a.attached_to {
        out.push_str(&para(
            &line(k),
            Style {
                bold: false,
                italic: true,
                page_break_before: first,
                after_pt: 12,
                ..title
            },
        ));
    }
    content(out, &a.paragraphs, &a.body, &a.tables, false);
}

/// Recipients left, signature right, in a borderless table whose row never splits
/// across pages.
fn foot(plan: &Plan) -> String {
    let mut foot_left = String::new();
    if let Some(r) = &plan.recipients {
        foot_left.push_str(&para(
            "Nơi nhận:",
            Style {
                bold: true,
                italic: true,
                size: 12.0,
                before_pt: 12,
                ..Style::default()
            },
        ));
        for i in r.lines() {
            foot_left.push_str(&para(
                &line(i),
                Style {
                    size: 11.0,
                    ..Style::default()
                },
            ));
        }
    }
    if foot_left.is_empty() {
        foot_left.push_str(&para(
            "",
            Style {
                size: 11.0,
                ..Style::default()
            },
        ));
    }
    let mut foot_right = String::new();
    let s = &plan.signature;
    let sig = Style {
        center: true,
        bold: true,
        size: 14.0,
        ..Style::default()
    };
    for (i, f) in s.authority.iter().chain(&s.titles).enumerate() {
        let before = if i == 0 { 12 } else { 0 };
        foot_right.push_str(&para(
            &line(f).upper(),
            Style {
                before_pt: before,
                ..sig
            },
        ));
    }
    for f in &s.placeholders {
        foot_right.push_str(&para(
            &line(f),
            Style {
                bold: false,
                italic: true,
                ..sig
            },
        ));
    }
    // Room for the signature and the seal.
    foot_right.push_str(&para(
        "",
        Style {
            after_pt: 60,
            ..sig
        },
    ));
    if let Some(n) = &s.name {
        foot_right.push_str(&para(&line(n), sig));
    }
    for f in &s.trailing {
        foot_right.push_str(&para(&line(f), Style { bold: false, ..sig }));
    }
    table(&foot_left, &foot_right, mm(75.0)).replacen(
        "<w:tr>",
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>",
        1,
    )
}

/// The document part.
fn document_xml(plan: &Plan) -> String {
    let h = &plan.header;
    let center = Style {
        center: true,
        size: 13.0,
        ..Style::default()
    };
    // Header: agency block left, national title block right.
    let mut left = String::new();
    if let Some(p) = &h.parent_agency {
        left.push_str(&para(
            &line(p).upper(),
            Style {
                size: 12.5,
                ..center
            },
        ));
    }
    let agency_count = h.agency.len();
    for (i, a) in h.agency.iter().enumerate() {
        let rule = (i + 1 == agency_count).then_some(mm(24.0));
        left.push_str(&para(
            &line(a).upper(),
            Style {
                bold: true,
                size: 12.5,
                rule_indent: rule,
                ..center
            },
        ));
    }
    if let Some(n) = &h.number {
        let symbol: String = n.symbol.split_whitespace().collect();
        let text = match &n.number {
            Some(num) => format!("Số: {num}/{symbol}"),
            None => format!("Số:      /{symbol}"),
        };
        left.push_str(&para(
            &text,
            Style {
                before_pt: 6,
                ..center
            },
        ));
    }
    if left.is_empty() {
        left.push_str(&para("", center));
    }
    let mut right = String::new();
    // A Party document is headed by the Party's name, with no motto.
    let national = h
        .party_title
        .as_ref()
        .or(h.national_title.as_ref())
        .map_or(crate::vocab::NATIONAL_TITLE.to_string(), line);
    let motto = if h.is_party() {
        String::new()
    } else {
        h.motto
            .as_ref()
            .map_or(crate::vocab::MOTTO.to_string(), line)
    };
    right.push_str(&para(
        &national.upper(),
        Style {
            bold: true,
            size: 12.0,
            ..center
        },
    ));
    right.push_str(&para(
        &motto,
        Style {
            bold: true,
            size: 13.5,
            rule_indent: Some(mm(20.0)),
            ..center
        },
    ));
    if let Some(pd) = &h.place_date {
        let text = clean_line(&pd.canonical_line());
        right.push_str(&para(
            &text,
            Style {
                italic: true,
                size: 13.5,
                before_pt: 6,
                ..center
            },
        ));
    }
    let mut out = table(&left, &right, mm(66.0));
    let italic_body = Style {
        italic: true,
        ..BODY
    };
    let signed_by_decision = plan.decision.is_some();
    if let Some(d) = &plan.decision {
        // The decision, signed, then the plan it issues on a new page.
        let kind = d
            .kind_word
            .as_ref()
            .map_or("QUYẾT ĐỊNH".to_string(), |k| line(k).upper());
        title_block(&mut out, &kind, d.title.as_ref(), None, false);
        for p in &d.preamble {
            out.push_str(&para(&line(p), italic_body));
        }
        let n = d.articles.len();
        for (k, a) in d.articles.iter().enumerate() {
            out.push_str(&para(
                &line(a),
                Style {
                    keep_next: k + 1 == n,
                    ..BODY
                },
            ));
        }
        out.push_str(&foot(plan));
        for (k, f) in d.plan_header.iter().enumerate() {
            out.push_str(&para(
                &line(f),
                Style {
                    center: true,
                    bold: true,
                    size: 13.0,
                    page_break_before: k == 0,
                    ..Style::default()
                },
            ));
        }
    }
    let kind = plan
        .title
        .as_ref()
        .map_or("KẾ HOẠCH".to_string(), |t| line(&t.kind_word).upper());
    title_block(
        &mut out,
        &kind,
        plan.title.as_ref().and_then(|t| t.summary.as_ref()),
        plan.title.as_ref().and_then(|t| t.attached_to.as_ref()),
        signed_by_decision
            && plan
                .decision
                .as_ref()
                .is_some_and(|d| d.plan_header.is_empty()),
    );
    // `Kính gửi: …` under the title, where the text has it (KH607 asks for it to go,
    // but an export never drops the drafter's words).
    if let Some(s) = &plan.salutation {
        out.push_str(&para(
            &line(s),
            Style {
                center: true,
                ..BODY
            },
        ));
    }
    for b in &plan.bases {
        out.push_str(&para(&line(b), italic_body));
    }
    content(
        &mut out,
        &plan.opening,
        &plan.body,
        &plan.tables,
        !signed_by_decision,
    );
    if !signed_by_decision {
        out.push_str(&foot(plan));
    }
    for u in &plan.unclassified {
        out.push_str(&para(&line(u), BODY));
    }
    for f in &plan.footnotes {
        out.push_str(&para(
            &line(f),
            Style {
                size: 11.0,
                justify: true,
                ..Style::default()
            },
        ));
    }
    for f in &plan.appended {
        out.push_str(&para(&line(f), BODY));
    }
    for a in &plan.annexes {
        annex(&mut out, a);
    }

    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{out}<w:sectPr><w:headerReference w:type="default" r:id="rIdHeaderPage"/><w:headerReference w:type="first" r:id="rIdHeaderFirst"/><w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/><w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" w:left="{MARGIN_LEFT}" w:header="567" w:footer="567" w:gutter="0"/><w:titlePg/></w:sectPr></w:body></w:document>"#
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdHeaderPage" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdHeaderFirst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/></Relationships>"#;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:color w:val="000000"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>"#;

/// Page numbers centred at the top (the default header; the first page has none).
const HEADER_PAGE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:fldSimple w:instr="PAGE"><w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:t>2</w:t></w:r></w:fldSimple></w:p></w:hdr>"#;

const HEADER_FIRST: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p/></w:hdr>"#;

/// The `.docx` file of a plan.
pub fn to_docx(plan: &Plan) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let parts: [(&str, String); 7] = [
            ("[Content_Types].xml", CONTENT_TYPES.to_string()),
            ("_rels/.rels", ROOT_RELS.to_string()),
            ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
            ("word/document.xml", document_xml(plan)),
            ("word/styles.xml", STYLES.to_string()),
            ("word/header1.xml", HEADER_PAGE.to_string()),
            ("word/header2.xml", HEADER_FIRST.to_string()),
        ];
        for (name, content) in parts {
            // Writing into memory cannot fail short of allocation failure.
            if zip.start_file(name, options).is_ok() {
                let _ = zip.write_all(content.as_bytes());
            }
        }
        let _ = zip.finish();
    }
    buf.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_setup_is_a4_with_the_decree_margins() {
        let plan = crate::parse("KẾ HOẠCH\nCông tác <năm> & 2024\nI. MỤC ĐÍCH\n");
        let xml = document_xml(&plan);
        assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#));
        assert!(xml.contains(r#"w:top="1134" w:right="850" w:bottom="1134" w:left="1701""#));
        assert!(xml.contains("<w:titlePg/>"));
        assert!(xml.contains("Công tác &lt;năm&gt; &amp; 2024"));
        assert_eq!(TEXT_W, 9355);
        let bytes = to_docx(&plan);
        assert_eq!(&bytes[..2], b"PK");
    }
}
