//! Writing format fixes back into a Word file ("Tải .docx đã sửa",
//! `kehoach fix FILE.docx -o OUT.docx`).
//!
//! Each fix is a splice into the XML of the part it concerns, at the byte range of
//! the element it changes: every other byte of that part, and every other part of
//! the zip (images, comments, numbering, custom XML), is copied as it was. Tracked
//! changes' old properties (`w:rPrChange`…) are left alone, as the reader leaves them.
//! Text is changed in one case only: a run typed in a legacy font (`.VnTime`,
//! `VNI-Times`) is converted to Unicode when its font becomes Times New Roman, so the
//! fixed file reads as the opened one did.

use super::{attr, legacy_font, read_para_prop, read_run_prop, ParaProps, RunProps, Styles};
use crate::diagnostics::Message;
use crate::import::OpenError;
use std::io::{Cursor, Write};

/// A change to a Word file's presentation that a format finding offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Section `section`'s page (its `w:sectPr`, in document order) made A4, its
    /// orientation kept.
    PageSize { section: usize },
    /// Section `section`'s margins (top, bottom, left, right, in twips): each `Some`
    /// replaces the file's.
    Margins {
        section: usize,
        twips: [Option<i64>; 4],
    },
    /// Every font the file names made Times New Roman (theme fonts too); a run typed
    /// in a legacy font converted to Unicode with it.
    TimesNewRoman,
    /// Every colour set on text (`w:color`, theme colours too) made black.
    BlackText,
    /// These tables' (ordinals among `word/document.xml`'s `w:tbl`) first row
    /// repeated at the top of each page (`w:tblHeader`).
    RepeatHeader { tables: Vec<usize> },
    /// In these paragraphs (their ordinal among `word/document.xml`'s `w:p`), each run
    /// whose size is outside `size` (half-points) brought to its nearest bound, and
    /// bold or italic set where they are not.
    Runs {
        paragraphs: Vec<usize>,
        size: Option<(u16, u16)>,
        bold: Option<bool>,
        italic: Option<bool>,
    },
    /// In these paragraphs, the layout the body needs: `align` set, a first-line
    /// indent outside `first_line` (twips) brought to its nearest bound, `after`
    /// set (and "no space between paragraphs of the same style" turned off), line
    /// spacing outside `line` (240ths of a line) brought to its nearest bound.
    Paragraphs {
        paragraphs: Vec<usize>,
        align: Option<String>,
        first_line: Option<(i64, i64)>,
        after: Option<u32>,
        line: Option<(u32, u32)>,
    },
    /// Page numbers centred in the top margin from page 2: a header with a centred
    /// `PAGE` field where the first section has none, its paragraph centred where it
    /// is not, and a first page of its own (`w:titlePg`) where page 1 shows one;
    /// the number's paragraphs in the header (`resize`, their ordinals in its part)
    /// brought to 13–14 pt.
    PageNumbers { resize: Vec<usize> },
}

/// A format fix offered beside a finding: what it does, in words, and the change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFix {
    /// The finding's rule (`KH901`…).
    pub code: &'static str,
    pub title: Message,
    pub change: Change,
}

const FONT: &str = "Times New Roman";
const A4: (u32, u32) = (11906, 16838);
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/// The part a page-number header is written to, and its relationship id: names no
/// Word file of its own uses.
const PAGE_HEADER: &str = "word/kehoachPageNumber.xml";
const PAGE_HEADER_ID: &str = "rIdKehoachPageNumber";

/// `bytes` (a `.docx`) with `fixes` written into it.
pub fn apply(bytes: &[u8], fixes: &[FileFix]) -> Result<Vec<u8>, OpenError> {
    let bad = |e: String| OpenError::BadDocx(e);
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.to_string()))
        .collect();
    // The parts as the reader read them (each under its size limit); the file was
    // opened by the reader first, so a part that failed then is not asked for here.
    let mut read = |name: &str| crate::import::read_part(&mut archive, name).ok().flatten();
    let document = read("word/document.xml")
        .ok_or_else(|| bad("không có word/document.xml (no word/document.xml)".into()))?;
    // What the fixes write is prefixed `w:`, as Word and LibreOffice write: a file
    // that binds the namespace to another prefix is left alone, with a message.
    if !["\"", "'"]
        .iter()
        .any(|q| document.contains(&format!("xmlns:w={q}{W_NS}{q}")))
    {
        return Err(bad(
            "tệp không dùng tiền tố w: cho WordprocessingML, không sửa tự động được (the file does not use the w: prefix)".into(),
        ));
    }
    let styles_xml = read("word/styles.xml");
    let styles = Styles::read(
        styles_xml.as_deref(),
        read("word/theme/theme1.xml").as_deref(),
    );
    let changes: Vec<&Change> = fixes.iter().map(|f| &f.change).collect();
    let fonts = changes.contains(&&Change::TimesNewRoman);

    // The parts written back, by name: a later change of a part works on the
    // earlier one's result.
    let mut parts: Vec<(String, String)> = Vec::new();
    let mut document = fix_document(&document, &styles, &changes)?;
    if let Some(Change::PageNumbers { resize }) = changes
        .iter()
        .find(|c| matches!(c, Change::PageNumbers { .. }))
    {
        let rels = read("word/_rels/document.xml.rels").unwrap_or_default();
        let (doc, changed) = fix_page_numbers(&document, &rels, resize, &styles, &mut read);
        document = doc;
        parts.extend(changed);
    }
    let black = changes.contains(&&Change::BlackText);
    // Fonts and colours are rewritten the same way in every part that holds runs.
    // (Through the run pass, so text typed in a legacy font there is converted too.)
    let rewrite = |xml: &str| {
        let xml = if fonts {
            fix_document(xml, &styles, &[&Change::TimesNewRoman])
                .map(|x| rewrite_fonts(&x))
                .unwrap_or_else(|_| xml.to_string())
        } else {
            xml.to_string()
        };
        if black {
            blacken(&xml)
        } else {
            xml
        }
    };
    parts.push((
        "word/document.xml".into(),
        if black { blacken(&document) } else { document },
    ));
    if fonts || black {
        if let Some(xml) = styles_xml {
            let xml = if fonts { fonts_in_styles(&xml) } else { xml };
            parts.push((
                "word/styles.xml".into(),
                if black { blacken(&xml) } else { xml },
            ));
        }
        for name in names {
            let other_part = name.starts_with("word/")
                && name.ends_with(".xml")
                && ["header", "footer", "footnotes", "endnotes", "numbering"]
                    .iter()
                    .any(|p| name["word/".len()..].starts_with(p));
            if !other_part {
                continue;
            }
            match parts.iter_mut().find(|(n, _)| *n == name) {
                Some(p) => p.1 = rewrite(&p.1),
                None => {
                    if let Some(xml) = read(&name) {
                        parts.push((name, rewrite(&xml)));
                    }
                }
            }
        }
    }
    write_zip(&mut archive, parts).map_err(bad)
}

/// The zip with `parts` written over (or added to) its entries; every other entry is
/// copied raw, compressed as it was.
fn write_zip(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    mut parts: Vec<(String, String)>,
) -> Result<Vec<u8>, String> {
    let mut buf = Cursor::new(Vec::new());
    let mut out = zip::ZipWriter::new(&mut buf);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let name = archive
            .by_index_raw(i)
            .map_err(|e| e.to_string())?
            .name()
            .map_err(|e| e.to_string())?
            .to_string();
        match parts.iter().position(|(n, _)| *n == name) {
            Some(k) => {
                let (name, xml) = parts.remove(k);
                out.start_file(name, options).map_err(|e| e.to_string())?;
                out.write_all(xml.as_bytes()).map_err(|e| e.to_string())?;
            }
            None => {
                let file = archive.by_index_raw(i).map_err(|e| e.to_string())?;
                out.raw_copy_file(file).map_err(|e| e.to_string())?;
            }
        }
    }
    for (name, xml) in parts {
        out.start_file(name, options).map_err(|e| e.to_string())?;
        out.write_all(xml.as_bytes()).map_err(|e| e.to_string())?;
    }
    out.finish().map_err(|e| e.to_string())?;
    Ok(buf.into_inner())
}

/// Byte ranges of `xml` and what replaces each (none overlapping), in order of
/// start, end and then of when they were added. Kept sorted: rebuilding a run or
/// a paragraph takes the splices inside it, and a scan of every splice for each
/// was quadratic in a long document.
#[derive(Default)]
struct Splices {
    by_place: std::collections::BTreeMap<(usize, usize, usize), String>,
    added: usize,
}

impl Splices {
    fn replace(&mut self, start: usize, end: usize, with: String) {
        self.by_place.insert((start, end, self.added), with);
        self.added += 1;
    }
    fn insert(&mut self, at: usize, with: String) {
        self.replace(at, at, with);
    }
    /// The places of the splices inside `start..end`, in order.
    fn inside(&self, start: usize, end: usize) -> Vec<(usize, usize, usize)> {
        self.by_place
            .range((start, 0, 0)..=(end, usize::MAX, usize::MAX))
            .map(|(&k, _)| k)
            .filter(|&(_, b, _)| b <= end)
            .collect()
    }
    /// `xml[start..end]` with the splices inside it applied, taken out of the list:
    /// a child kept while its parent element is rebuilt keeps its own changes.
    fn render_within(&mut self, xml: &str, start: usize, end: usize) -> String {
        let mut out = String::with_capacity(end - start + 256);
        let mut at = start;
        for key in self.inside(start, end) {
            let with = self.by_place.remove(&key).unwrap_or_default();
            let (a, b, _) = key;
            if a < at {
                continue;
            }
            out.push_str(&xml[at..a]);
            out.push_str(&with);
            at = b;
        }
        out.push_str(&xml[at..end]);
        out
    }

    /// Drops the splices inside `start..end` (a larger splice replaces them).
    fn drop_within(&mut self, start: usize, end: usize) {
        for key in self.inside(start, end) {
            if (key.0, key.1) != (start, end) {
                self.by_place.remove(&key);
            }
        }
    }
    /// The whole of `xml` with every splice applied (overlapping: the first wins).
    fn apply(mut self, xml: &str) -> String {
        self.render_within(xml, 0, xml.len())
    }
}

/// Attributes to set on a tag (local name, value; `None` removes it).
type AttrChanges = Vec<(&'static str, Option<String>)>;

/// The start tag `tag` (`<w:pgSz w:w="…"/>`, as in the file) with the attributes in
/// `set` given their value (`None`: removed), new ones added with the `w:` prefix;
/// the others kept as they were.
fn set_attrs(tag: &str, set: &[(&str, Option<String>)]) -> String {
    let empty = tag.ends_with("/>");
    let (start, name_end) = start_tag(tag);
    let inner = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    // A tag whose attributes do not parse (the reader reads them lazily) is left as
    // it is: rewriting it could only make it worse.
    let Ok(attributes) = start.attributes().collect::<Result<Vec<_>, _>>() else {
        return tag.to_string();
    };
    let mut out = format!("<{}", &inner[..name_end]);
    let mut done: Vec<&str> = Vec::new();
    for a in attributes {
        let key = a.key.as_ref().to_string();
        let local = a.key.local_name().as_ref().to_string();
        match set.iter().find(|(n, _)| *n == local) {
            Some((n, v)) => {
                done.push(n);
                if let Some(v) = v {
                    out.push_str(&format!(" {key}=\"{v}\""));
                }
            }
            // A value kept as it was, in double quotes whatever it was written in.
            None => out.push_str(&format!(" {key}=\"{}\"", a.value.replace('"', "&quot;"))),
        }
    }
    for (n, v) in set {
        if let (false, Some(v)) = (done.contains(n), v) {
            out.push_str(&format!(" w:{n}=\"{v}\""));
        }
    }
    out.push_str(if empty { "/>" } else { ">" });
    out
}

/// An `rFonts` start tag made Times New Roman in the slots the reader and Word use
/// for Vietnamese (ascii, hAnsi, cs), their theme slots removed.
fn tnr_fonts(tag: &str) -> String {
    set_attrs(
        tag,
        &[
            ("ascii", Some(FONT.into())),
            ("hAnsi", Some(FONT.into())),
            ("cs", Some(FONT.into())),
            ("asciiTheme", None),
            ("hAnsiTheme", None),
            ("cstheme", None),
        ],
    )
}

/// Every `w:rFonts` outside tracked changes made Times New Roman.
fn rewrite_fonts(xml: &str) -> String {
    let mut splices = Splices::default();
    for_each_element(xml, |el| {
        if el.name == "rFonts" && el.kind != Kind::End && !el.in_change {
            splices.replace(el.start, el.end, tnr_fonts(&xml[el.start..el.end]));
        }
    });
    splices.apply(xml)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Start,
    Empty,
    End,
}

/// One tag as [`for_each_element`] sees it.
struct Element<'a> {
    kind: Kind,
    /// Local name (`sectPr`), without its prefix.
    name: &'a str,
    start: usize,
    end: usize,
    /// Inside (or being) a tracked change's old properties (`w:rPrChange`…).
    in_change: bool,
}

/// Every `w:color` outside tracked changes made black (its theme colour dropped).
fn blacken(xml: &str) -> String {
    let mut splices = Splices::default();
    for_each_element(xml, |el| {
        if el.name == "color" && el.kind != Kind::End && !el.in_change {
            let tag = &xml[el.start..el.end];
            let black = tag_attrs(tag)
                .iter()
                .any(|(n, v)| n == "val" && super::is_black(v))
                && !tag.contains("themeColor");
            if !black {
                splices.replace(
                    el.start,
                    el.end,
                    set_attrs(
                        tag,
                        &[
                            ("val", Some("000000".into())),
                            ("themeColor", None),
                            ("themeTint", None),
                            ("themeShade", None),
                        ],
                    ),
                );
            }
        }
    });
    splices.apply(xml)
}

/// Calls `f` with each start, empty and end tag of `xml`, in order. Stops at the
/// first malformed tag (the reader has already read the file whole).
fn for_each_element(xml: &str, mut f: impl FnMut(&Element)) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut in_change = 0usize;
    loop {
        let start = reader.buffer_position() as usize;
        let Ok(event) = reader.read_event() else {
            break;
        };
        let end = reader.buffer_position() as usize;
        let (kind, name) = match &event {
            Event::Start(e) => (Kind::Start, e.local_name()),
            Event::Empty(e) => (Kind::Empty, e.local_name()),
            Event::End(e) => (Kind::End, e.local_name()),
            Event::Eof => break,
            _ => continue,
        };
        let name = name.into_inner();
        let change = name.ends_with("Change");
        if change && kind == Kind::Start {
            in_change += 1;
        }
        f(&Element {
            kind,
            name,
            start,
            end,
            in_change: in_change > 0 || change,
        });
        if change && kind == Kind::End {
            in_change = in_change.saturating_sub(1);
        }
    }
}

/// The styles with every font Times New Roman, and the document defaults naming it
/// where they name no font (a run no level gives a font is "not checked").
fn fonts_in_styles(xml: &str) -> String {
    let fixed = rewrite_fonts(xml);
    let mut in_default = false;
    let mut default_rpr: Option<usize> = None;
    let mut has_fonts = false;
    for_each_element(&fixed, |el| match (el.name, el.kind) {
        ("rPrDefault", Kind::Start) => in_default = true,
        ("rPrDefault", Kind::End) => in_default = false,
        ("rPr", Kind::Start) if in_default && default_rpr.is_none() => default_rpr = Some(el.end),
        ("rFonts", _) if in_default => has_fonts = true,
        _ => {}
    });
    let mut splices = Splices::default();
    if let (Some(at), false) = (default_rpr, has_fonts) {
        splices.insert(
            at,
            format!(r#"<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>"#),
        );
    }
    splices.apply(&fixed)
}

/// The run properties' order in the schema (CT_RPr): Word refuses a file whose
/// `w:rPr` children are out of order.
const RPR_ORDER: &[&str] = &[
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
    "rPrChange",
];

/// A run's `w:rPr` as read: its range, and its children (local name, range).
struct RprSeen {
    start: usize,
    end: usize,
    /// `<w:rPr/>`: no children.
    empty: bool,
    children: Vec<(String, usize, usize)>,
}

/// A paragraph as read: its ordinal, style, where its start tag ends, its `w:pPr`
/// and the layout that sets directly.
#[derive(Default)]
struct ParaSeen {
    ordinal: usize,
    style: Option<String>,
    open_end: usize,
    ppr: Option<RprSeen>,
    direct: ParaProps,
    /// Depth inside its pPr (1: its children), and the child being read.
    ppr_depth: usize,
    /// Runs open when it began (those of the paragraph a text box sits in).
    runs_open: usize,
    child: Option<(String, usize)>,
}

/// The paragraph properties' order in the schema (CT_PPr).
const PPR_ORDER: &[&str] = &[
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
];

/// The splice one paragraph needs: its layout set where a [`Change::Paragraphs`]
/// names it.
fn fix_paragraph(
    xml: &str,
    p: &ParaSeen,
    styles: &Styles,
    changes: &[&Change],
    splices: &mut Splices,
) {
    let resolved = styles.resolve_para(p.style.as_deref(), &p.direct);
    // New children by name: a whole tag, or attributes to set on the one there.
    let mut whole: Vec<(&str, String)> = Vec::new();
    let mut attrs: Vec<(&str, AttrChanges)> = Vec::new();
    let mut set_attr = |name: &'static str, set: Vec<(&'static str, Option<String>)>| match attrs
        .iter_mut()
        .find(|(n, _)| *n == name)
    {
        Some((_, list)) => list.extend(set),
        None => attrs.push((name, set)),
    };
    for c in changes {
        let Change::Paragraphs {
            paragraphs,
            align,
            first_line,
            after,
            line,
        } = c
        else {
            continue;
        };
        if paragraphs.binary_search(&p.ordinal).is_err() {
            continue;
        }
        if let Some(a) = align {
            whole.push(("jc", format!(r#"<w:jc w:val="{a}"/>"#)));
        }
        if let Some((lo, hi)) = first_line {
            let now = resolved.first_line.unwrap_or(0).max(0);
            if !(*lo..=*hi).contains(&now) {
                let to = now.clamp(*lo, *hi);
                set_attr(
                    "ind",
                    vec![
                        ("firstLine", Some(to.to_string())),
                        ("hanging", None),
                        ("firstLineChars", None),
                        ("hangingChars", None),
                    ],
                );
            }
        }
        if let Some(v) = after {
            set_attr(
                "spacing",
                vec![
                    ("after", Some(v.to_string())),
                    ("afterAutospacing", None),
                    ("afterLines", None),
                ],
            );
            if resolved.contextual {
                whole.push((
                    "contextualSpacing",
                    r#"<w:contextualSpacing w:val="0"/>"#.into(),
                ));
            }
        }
        if let (Some((lo, hi)), Some((now, auto))) = (line, resolved.line) {
            // `exact` and `atLeast` count twips: 12–24 pt is single to 1.5 there.
            let (lo, hi) = if auto { (*lo, *hi) } else { (240, 483) };
            if !(lo..=hi).contains(&now) {
                set_attr(
                    "spacing",
                    vec![("line", Some(now.clamp(lo, hi).to_string()))],
                );
            }
        }
    }
    if whole.is_empty() && attrs.is_empty() {
        return;
    }
    let mut added: Vec<(String, String)> = whole
        .iter()
        .map(|(n, t)| (n.to_string(), t.clone()))
        .collect();
    let kept = |name: &str, raw: String| -> Option<String> {
        if whole.iter().any(|(n, _)| *n == name) {
            return None;
        }
        Some(match attrs.iter().find(|(n, _)| *n == name) {
            Some((_, set)) if raw.ends_with("/>") => set_attrs(&raw, set),
            // Written open (`<w:spacing …></w:spacing>`): its start tag changed.
            Some((_, set)) => {
                let open_end = raw.find('>').map_or(raw.len(), |k| k + 1);
                format!("{}{}", set_attrs(&raw[..open_end], set), &raw[open_end..])
            }
            None => raw,
        })
    };
    // Attributes for a child the paragraph does not have yet: a new child.
    let present = |name: &str| {
        p.ppr
            .as_ref()
            .is_some_and(|ppr| ppr.children.iter().any(|(n, _, _)| n == name))
    };
    for (name, set) in &attrs {
        if !present(name) {
            added.push((name.to_string(), set_attrs(&format!("<w:{name}/>"), set)));
        }
    }
    rebuild_props(
        xml,
        splices,
        (p.ppr.as_ref(), p.open_end, "pPr", PPR_ORDER),
        kept,
        added,
    );
}

/// A properties element (`w:rPr`, `w:pPr`) rebuilt over the one there (`seen`), or
/// written at `at` when there is none: its children as `kept` returns them (each
/// with the changes already spliced inside it; `None` drops it), then `added`, all in
/// the schema's `order` (an unknown child goes near the end).
fn rebuild_props(
    xml: &str,
    splices: &mut Splices,
    (seen, at, name, order): (Option<&RprSeen>, usize, &str, &[&str]),
    kept: impl Fn(&str, String) -> Option<String>,
    added: Vec<(String, String)>,
) {
    let mut children: Vec<(String, String)> = Vec::new();
    let (open, close, range) = match seen {
        Some(props) if !props.empty => {
            for (child, a, b) in &props.children {
                if let Some(raw) = kept(child, splices.render_within(xml, *a, *b)) {
                    children.push((child.clone(), raw));
                }
            }
            let open_end = xml[props.start..props.end]
                .find('>')
                .map_or(props.end, |i| props.start + i + 1);
            let close_start = xml[..props.end].rfind("</").unwrap_or(props.end);
            (
                xml[props.start..open_end].to_string(),
                xml[close_start..props.end].to_string(),
                (props.start, props.end),
            )
        }
        Some(props) => (
            format!("<w:{name}>"),
            format!("</w:{name}>"),
            (props.start, props.end),
        ),
        None => (format!("<w:{name}>"), format!("</w:{name}>"), (at, at)),
    };
    children.extend(added);
    // A child the schema list does not name goes with the paragraph mark's or the
    // history's properties (`w:rPr` in a pPr, `w:rPrChange` in an rPr), keeping its
    // place among them: before the section and the paragraph's history.
    let unknown = order
        .iter()
        .position(|o| *o == "rPr" || *o == "rPrChange")
        .unwrap_or(order.len());
    let rank = |n: &str| order.iter().position(|o| *o == n).unwrap_or(unknown);
    crate::order::sort_by_key(&mut children, |(n, _)| rank(n));
    let body: String = children.into_iter().map(|(_, t)| t).collect();
    splices.drop_within(range.0, range.1);
    splices.replace(range.0, range.1, format!("{open}{body}{close}"));
}

/// A run as read: where its start tag ends, its properties, its text pieces.
#[derive(Default)]
struct RunSeen {
    open_end: usize,
    rpr: Option<RprSeen>,
    style: Option<String>,
    props: RunProps,
    /// Text events of `w:t`: range and decoded text.
    texts: Vec<(usize, usize, String)>,
}

/// `word/document.xml` with the changes that concern it: sections' page size and
/// margins, runs' size and style, legacy-font text converted.
fn fix_document(xml: &str, styles: &Styles, changes: &[&Change]) -> Result<String, OpenError> {
    use quick_xml::events::Event;
    let fonts = changes.contains(&&Change::TimesNewRoman);
    let mut splices = Splices::default();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut in_change = 0usize;
    let mut paragraph_count = 0usize;
    // Open paragraphs (a text box's sit inside another's run), innermost last:
    // their ordinal and style.
    let mut paragraphs: Vec<ParaSeen> = Vec::new();
    // Open runs, innermost last (a text box's runs sit inside another run).
    let mut runs: Vec<RunSeen> = Vec::new();
    // Depth inside the run's rPr (1: its children), and the child being read.
    let mut rpr_depth = 0usize;
    let mut child: Option<(String, usize)> = None;
    let mut in_text = false;
    let mut section = 0usize;
    let mut in_sect: Option<usize> = None;
    // Tables whose first row is to repeat: the open tables (ordinal, rows so far),
    // and where that row's properties go once its first child says.
    let repeat: Vec<usize> = changes
        .iter()
        .flat_map(|c| match c {
            Change::RepeatHeader { tables } => tables.clone(),
            _ => Vec::new(),
        })
        .collect();
    let mut table_count = 0usize;
    let mut open_tables: Vec<(usize, usize)> = Vec::new();
    let mut header_row_at: Option<usize> = None;
    let mut in_row_exceptions = false;
    loop {
        let start = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|e| OpenError::BadDocx(e.to_string()))?;
        let end = reader.buffer_position() as usize;
        // First: an element left open at the end must not keep the loop reading.
        if matches!(event, Event::Eof) {
            break;
        }
        let (tag, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        let local = match &event {
            Event::Start(e) | Event::Empty(e) => e.local_name().as_ref().to_string(),
            Event::End(e) => e.local_name().as_ref().to_string(),
            _ => String::new(),
        };
        // Inside a paragraph's own pPr: its direct children's ranges and layout (the
        // tags are handled below as well: its style, its section, its mark's fonts).
        if let Some(p) = paragraphs.last_mut().filter(|p| p.ppr_depth > 0) {
            match (&event, tag) {
                (_, Some(e)) => {
                    if p.ppr_depth == 1 {
                        if empty {
                            if let Some(ppr) = p.ppr.as_mut() {
                                ppr.children.push((local.clone(), start, end));
                            }
                        } else {
                            p.child = Some((local.clone(), start));
                        }
                        read_para_prop(e, &mut p.direct);
                    }
                    if !empty {
                        p.ppr_depth += 1;
                    }
                }
                (Event::End(_), None) => {
                    p.ppr_depth -= 1;
                    if p.ppr_depth == 1 {
                        if let (Some((name, s)), Some(ppr)) = (p.child.take(), p.ppr.as_mut()) {
                            ppr.children.push((name, s, end));
                        }
                    } else if p.ppr_depth == 0 {
                        if let Some(ppr) = p.ppr.as_mut() {
                            ppr.end = end;
                        }
                    }
                }
                _ => {}
            }
        }
        // Inside a run's rPr: its direct children (their ranges, and the properties
        // Word reads from them; a tracked change's old ones are kept, not read).
        if rpr_depth > 0 {
            if let Some(r) = runs.last_mut() {
                match (&event, tag) {
                    (_, Some(e)) => {
                        if rpr_depth == 1 {
                            if !super::is_skipped(&local) {
                                if local == "rStyle" {
                                    r.style = attr(e, "val");
                                }
                                read_run_prop(e, &mut r.props);
                                if fonts && local == "rFonts" {
                                    splices.replace(start, end, tnr_fonts(&xml[start..end]));
                                }
                            }
                            if empty {
                                if let Some(rpr) = r.rpr.as_mut() {
                                    rpr.children.push((local.clone(), start, end));
                                }
                            } else {
                                child = Some((local.clone(), start));
                            }
                        }
                        if !empty {
                            rpr_depth += 1;
                        }
                    }
                    (Event::End(_), None) => {
                        rpr_depth -= 1;
                        if rpr_depth == 1 {
                            if let (Some((name, s)), Some(rpr)) = (child.take(), r.rpr.as_mut()) {
                                rpr.children.push((name, s, end));
                            }
                        } else if rpr_depth == 0 {
                            if let Some(rpr) = r.rpr.as_mut() {
                                rpr.end = end;
                            }
                        }
                    }
                    _ => {}
                }
            }
            continue;
        }
        if let Some(e) = tag {
            if super::is_skipped(&local) {
                if !empty {
                    in_change += 1;
                }
                continue;
            }
            if in_change > 0 {
                continue;
            }
            // The first row of a table to repeat: `w:tblHeader` in its properties,
            // which come after its exceptions and before its cells.
            if let Some(at) = header_row_at.filter(|_| !in_row_exceptions) {
                match (local.as_str(), empty) {
                    ("tblPrEx", false) => in_row_exceptions = true,
                    ("tblPrEx", true) => header_row_at = Some(end),
                    ("trPr", true) => {
                        splices.replace(start, end, "<w:trPr><w:tblHeader/></w:trPr>".into());
                        header_row_at = None;
                    }
                    ("trPr", false) => {
                        splices.insert(end, "<w:tblHeader/>".into());
                        header_row_at = None;
                    }
                    _ => {
                        splices.insert(at, "<w:trPr><w:tblHeader/></w:trPr>".into());
                        header_row_at = None;
                    }
                }
            }
            match local.as_str() {
                "tbl" if !empty => {
                    open_tables.push((table_count, 0));
                    table_count += 1;
                }
                "tr" if !empty => {
                    if let Some(t) = open_tables.last_mut() {
                        t.1 += 1;
                        if t.1 == 1 && repeat.contains(&t.0) {
                            header_row_at = Some(end);
                        }
                    }
                }
                "p" => {
                    if !empty {
                        paragraphs.push(ParaSeen {
                            ordinal: paragraph_count,
                            open_end: end,
                            runs_open: runs.len(),
                            ..ParaSeen::default()
                        });
                    }
                    paragraph_count += 1;
                }
                "pStyle" => {
                    if let Some(p) = paragraphs.last_mut() {
                        p.style = attr(e, "val");
                    }
                }
                // The paragraph's own properties: no run of its own open yet.
                "pPr" => {
                    if let Some(p) = paragraphs
                        .last_mut()
                        .filter(|p| p.ppr.is_none() && p.runs_open == runs.len())
                    {
                        p.ppr = Some(RprSeen {
                            start,
                            end,
                            empty,
                            children: Vec::new(),
                        });
                        p.ppr_depth = usize::from(!empty);
                    }
                }
                "r" if !empty => runs.push(RunSeen {
                    open_end: end,
                    ..RunSeen::default()
                }),
                "rPr" if paragraphs.last().is_some_and(|p| runs.len() > p.runs_open) => {
                    if let Some(r) = runs.last_mut() {
                        r.rpr = Some(RprSeen {
                            start,
                            end,
                            empty,
                            children: Vec::new(),
                        });
                    }
                    if !empty {
                        rpr_depth = 1;
                    }
                }
                "t" if !empty && !runs.is_empty() => in_text = true,
                "rFonts" if fonts => {
                    // A paragraph mark's or a style-less place's fonts.
                    splices.replace(start, end, tnr_fonts(&xml[start..end]));
                }
                "sectPr" if !empty => in_sect = Some(section),
                "pgSz" | "pgMar" => {
                    if let Some(k) = in_sect {
                        if let Some(fixed) = section_tag(&xml[start..end], &local, k, changes) {
                            splices.replace(start, end, fixed);
                        }
                    }
                }
                _ => {}
            }
            continue;
        }
        match &event {
            Event::End(_) if super::is_skipped(&local) => {
                in_change = in_change.saturating_sub(1);
            }
            _ if in_change > 0 => {}
            Event::End(_) => match local.as_str() {
                "tblPrEx" if in_row_exceptions => {
                    in_row_exceptions = false;
                    header_row_at = Some(end);
                }
                "tbl" => {
                    open_tables.pop();
                }
                "t" => in_text = false,
                "r" => {
                    if let Some(r) = runs.pop() {
                        let (paragraph, style) = match paragraphs.last() {
                            Some(p) => (Some(p.ordinal), p.style.as_deref()),
                            None => (None, None),
                        };
                        fix_run(xml, &r, paragraph, style, styles, changes, &mut splices);
                    }
                }
                "p" => {
                    if let Some(p) = paragraphs.pop() {
                        fix_paragraph(xml, &p, styles, changes, &mut splices);
                    }
                }
                "sectPr" => {
                    in_sect = None;
                    section += 1;
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some(r) = runs.last_mut() {
                    r.texts.push((start, end, t.xml10_content().into_owned()));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(splices.apply(xml))
}

/// A section's `pgSz` or `pgMar` tag with the changes for section `k`.
fn section_tag(tag: &str, name: &str, k: usize, changes: &[&Change]) -> Option<String> {
    let mut out: Option<String> = None;
    for c in changes {
        match (name, c) {
            ("pgSz", Change::PageSize { section }) if *section == k => {
                let e = tag_attrs(tag);
                let num = |n: &str| {
                    e.iter()
                        .find(|(k, _)| k == n)
                        .and_then(|(_, v)| v.parse::<u32>().ok())
                };
                let landscape = matches!((num("w"), num("h")), (Some(w), Some(h)) if w > h);
                let (w, h) = if landscape { (A4.1, A4.0) } else { A4 };
                out = Some(set_attrs(
                    out.as_deref().unwrap_or(tag),
                    &[("w", Some(w.to_string())), ("h", Some(h.to_string()))],
                ));
            }
            ("pgMar", Change::Margins { section, twips }) if *section == k => {
                let set: Vec<(&str, Option<String>)> = ["top", "bottom", "left", "right"]
                    .iter()
                    .zip(twips)
                    .filter_map(|(n, v)| v.map(|v| (*n, Some(v.to_string()))))
                    .collect();
                out = Some(set_attrs(out.as_deref().unwrap_or(tag), &set));
            }
            _ => {}
        }
    }
    out
}

/// A tag as written (`<w:pgSz w:w="…"/>`) as quick-xml's start tag, and where its
/// name ends in it (after the `<`).
fn start_tag(tag: &str) -> (quick_xml::events::BytesStart<'_>, usize) {
    let inner = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    let name_end = inner
        .find(|c: char| c.is_whitespace())
        .unwrap_or(inner.len());
    (
        quick_xml::events::BytesStart::from_content(inner, name_end),
        name_end,
    )
}

/// A tag's attributes by local name.
fn tag_attrs(tag: &str) -> Vec<(String, String)> {
    start_tag(tag)
        .0
        .attributes()
        .with_checks(false)
        .flatten()
        .map(|a| (a.key.local_name().as_ref().to_string(), a.value.to_string()))
        .collect()
}

/// The splices one run needs: its legacy text converted, its size and style set.
fn fix_run(
    xml: &str,
    run: &RunSeen,
    paragraph: Option<usize>,
    para_style: Option<&str>,
    styles: &Styles,
    changes: &[&Change],
    splices: &mut Splices,
) {
    let resolved = styles.resolve(para_style, run.style.as_deref(), &run.props);
    if changes.contains(&&Change::TimesNewRoman) {
        let legacy = resolved.fonts.iter().flatten().find_map(|f| legacy_font(f));
        if let Some(font) = legacy {
            for (a, b, text) in &run.texts {
                if super::legacy_letters(text) {
                    let unicode = font.to_unicode(text);
                    splices.replace(*a, *b, quick_xml::escape::escape(&unicode).into_owned());
                }
            }
        }
    }
    // What the changes naming this paragraph ask, merged: two parts on one line
    // (a header typed with tabs) ask one size range each; the sizes both allow win.
    let mut size_range: Option<(u16, u16)> = None;
    let mut want_bold: Option<bool> = None;
    let mut want_italic = false;
    for c in changes {
        let Change::Runs {
            paragraphs,
            size,
            bold,
            italic,
        } = c
        else {
            continue;
        };
        if paragraph.is_none_or(|p| paragraphs.binary_search(&p).is_err()) {
            continue;
        }
        if let Some((lo, hi)) = *size {
            size_range = Some(match size_range {
                Some((a, b)) if lo.max(a) <= hi.min(b) => (lo.max(a), hi.min(b)),
                Some(kept) => kept,
                None => (lo, hi),
            });
        }
        want_bold = want_bold.or(*bold);
        want_italic |= *italic == Some(true);
    }
    // The properties to set: (name, the element), each once.
    let mut set: Vec<(&str, String)> = Vec::new();
    if let (Some((lo, hi)), Some(now)) = (size_range, resolved.size) {
        if !(lo..=hi).contains(&now) {
            let to = now.clamp(lo, hi);
            set.push(("sz", format!(r#"<w:sz w:val="{to}"/>"#)));
            set.push(("szCs", format!(r#"<w:szCs w:val="{to}"/>"#)));
        }
    }
    if let Some(b) = want_bold.filter(|b| *b != resolved.bold) {
        let tag = if b { "<w:b/>" } else { r#"<w:b w:val="0"/>"# };
        set.push(("b", tag.to_string()));
    }
    if want_italic && !resolved.italic {
        set.push(("i", "<w:i/>".to_string()));
    }
    if set.is_empty() {
        return;
    }
    let kept = |name: &str, raw: String| (!set.iter().any(|(n, _)| *n == name)).then_some(raw);
    let added: Vec<(String, String)> = set
        .iter()
        .map(|(n, t)| (n.to_string(), t.clone()))
        .collect();
    rebuild_props(
        xml,
        splices,
        (run.rpr.as_ref(), run.open_end, "rPr", RPR_ORDER),
        kept,
        added,
    );
}

/// The first section's properties (`w:sectPr`, the first in document order): the
/// range of its start tag, and where its end tag starts (`None`: `<w:sectPr/>`).
struct FirstSection {
    start: usize,
    open_end: usize,
    close: Option<usize>,
    /// Its default header reference's range and id.
    default_header: Option<(usize, usize, String)>,
    title_page: bool,
    /// A `w:titlePg` there (turned off, when `title_page` is false).
    title_page_tag: Option<(usize, usize)>,
    /// Where `w:titlePg` goes: before the first of the elements the schema puts
    /// after it, else before the end tag.
    title_page_at: Option<usize>,
}

fn first_section(document: &str) -> Option<FirstSection> {
    let mut found: Option<FirstSection> = None;
    let mut depth = 0usize;
    let mut done = false;
    for_each_element(document, |el| {
        if done {
            return;
        }
        // A tracked change of the section's properties comes last in them.
        if let (Some(s), "sectPrChange", Kind::Start | Kind::Empty, 1) =
            (found.as_mut(), el.name, el.kind, depth)
        {
            s.title_page_at = s.title_page_at.or(Some(el.start));
        }
        if el.in_change {
            return;
        }
        match (el.name, el.kind, found.as_mut()) {
            ("sectPr", Kind::Start | Kind::Empty, None) => {
                found = Some(FirstSection {
                    start: el.start,
                    open_end: el.end,
                    close: None,
                    default_header: None,
                    title_page: false,
                    title_page_tag: None,
                    title_page_at: None,
                });
                done = el.kind == Kind::Empty;
                depth = 1;
            }
            (_, _, None) => {}
            ("sectPr", Kind::End, Some(s)) if depth == 1 => {
                s.close = Some(el.start);
                done = true;
            }
            (_, Kind::Start, _) => depth += 1,
            (_, Kind::End, _) => depth -= 1,
            ("headerReference", Kind::Empty, Some(s)) if depth == 1 => {
                let a = tag_attrs(&document[el.start..el.end]);
                let get = |k: &str| a.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
                if get("type").as_deref() == Some("default") {
                    s.default_header = get("id").map(|id| (el.start, el.end, id));
                }
            }
            ("titlePg", Kind::Empty, Some(s)) if depth == 1 => {
                let a = tag_attrs(&document[el.start..el.end]);
                s.title_page = !a
                    .iter()
                    .any(|(n, v)| n == "val" && matches!(v.as_str(), "0" | "false" | "off"));
                s.title_page_tag = Some((el.start, el.end));
            }
            (
                "textDirection" | "bidi" | "rtlGutter" | "docGrid" | "printerSettings",
                Kind::Empty,
                Some(s),
            ) if depth == 1 && s.title_page_at.is_none() => s.title_page_at = Some(el.start),
            _ => {}
        }
    });
    found
}

/// The part a relationship id names (`word/header1.xml`).
fn relationship_target(rels: &str, id: &str) -> Option<String> {
    let mut found = None;
    for_each_element(rels, |el| {
        if el.name == "Relationship" && el.kind != Kind::End && found.is_none() {
            let a = tag_attrs(&rels[el.start..el.end]);
            let get = |k: &str| a.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
            if get("Id").as_deref() == Some(id) {
                found = get("Target").map(|t| {
                    format!(
                        "word/{}",
                        t.trim_start_matches('/').trim_start_matches("word/")
                    )
                });
            }
        }
    });
    found
}

/// The document, and the parts to add or change, with page numbers centred in the
/// top margin from page 2 (the first section's: the reader checks those).
fn fix_page_numbers(
    document: &str,
    rels: &str,
    resize: &[usize],
    styles: &Styles,
    read: &mut impl FnMut(&str) -> Option<String>,
) -> (String, Vec<(String, String)>) {
    let mut parts = Vec::new();
    let Some(sect) = first_section(document) else {
        return (document.to_string(), parts);
    };
    let mut splices = Splices::default();
    let header = sect
        .default_header
        .as_ref()
        .and_then(|(_, _, id)| relationship_target(rels, id))
        .and_then(|name| read(&name).map(|xml| (name, xml)));
    // A header named but not found where its link says: left as it is (replacing
    // its reference would hide it).
    if sect.default_header.is_some() && header.is_none() {
        return (document.to_string(), parts);
    }
    match header {
        // A header of its own: the number goes in (centred), its content stays.
        Some((name, xml)) => {
            let part = super::HeaderPart::read(&xml);
            if !part.page_number {
                parts.push((name, with_page_paragraph(&xml)));
            } else {
                let mut fixed = if part.centred {
                    xml
                } else {
                    centre_page_paragraphs(&xml)
                };
                if !resize.is_empty() {
                    let sized = Change::Runs {
                        paragraphs: resize.to_vec(),
                        size: Some((26, 28)),
                        bold: None,
                        italic: None,
                    };
                    // The header read as the document is: a failure keeps it as it was.
                    if let Ok(x) = fix_document(&fixed, styles, &[&sized]) {
                        fixed = x;
                    }
                }
                parts.push((name, fixed));
            }
        }
        None => {
            parts.push((PAGE_HEADER.to_string(), page_header_xml()));
            let reference = format!(
                r#"<w:headerReference xmlns:r="{R_NS}" w:type="default" r:id="{PAGE_HEADER_ID}"/>"#
            );
            match (&sect.default_header, sect.close) {
                (Some((a, b, _)), _) => splices.replace(*a, *b, reference),
                (None, Some(_)) => splices.insert(sect.open_end, reference),
                (None, None) => {
                    let open = document[sect.start..sect.open_end].trim_end_matches("/>");
                    splices.replace(
                        sect.start,
                        sect.open_end,
                        format!("{open}>{reference}<w:titlePg/></w:sectPr>"),
                    );
                }
            }
            // A document without links gets its links part.
            let rels = if rels.contains("</Relationships>") {
                rels.to_string()
            } else {
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>"#
                    .to_string()
            };
            let rels_fixed = match rels.rfind("</Relationships>") {
                Some(at) => format!(
                    r#"{}<Relationship Id="{PAGE_HEADER_ID}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="{}"/>{}"#,
                    &rels[..at],
                    PAGE_HEADER.trim_start_matches("word/"),
                    &rels[at..]
                ),
                None => rels.to_string(),
            };
            parts.push(("word/_rels/document.xml.rels".into(), rels_fixed));
            if let Some(types) = read("[Content_Types].xml") {
                if let Some(at) = types.rfind("</Types>") {
                    let fixed = format!(
                        r#"{}<Override PartName="/{PAGE_HEADER}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>{}"#,
                        &types[..at],
                        &types[at..]
                    );
                    parts.push(("[Content_Types].xml".into(), fixed));
                }
            }
        }
    }
    match (sect.title_page, sect.title_page_tag, sect.close) {
        (true, _, _) => {}
        (false, Some((a, b)), _) => splices.replace(a, b, "<w:titlePg/>".into()),
        (false, None, Some(close)) => {
            splices.insert(sect.title_page_at.unwrap_or(close), "<w:titlePg/>".into())
        }
        (false, None, None) => {}
    }
    (splices.apply(document), parts)
}

/// The paragraph that shows the page number, centred, in Times New Roman 14 pt.
fn page_paragraph() -> String {
    let rpr = format!(
        r#"<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>"#
    );
    format!(
        r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r><w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{rpr}<w:t>2</w:t></w:r><w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r></w:p>"#
    )
}

/// A header part's XML with the page number's paragraph first in it.
fn with_page_paragraph(xml: &str) -> String {
    let mut at = None;
    for_each_element(xml, |el| {
        if at.is_none() && el.name == "hdr" && el.kind == Kind::Start {
            at = Some(el.end);
        }
    });
    match at {
        Some(at) => format!("{}{}{}", &xml[..at], page_paragraph(), &xml[at..]),
        None => xml.to_string(),
    }
}

/// A header part holding the page number alone.
fn page_header_xml() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="{W_NS}">{}</w:hdr>"#,
        page_paragraph()
    )
}

/// Whether the schema puts paragraph property `name` after `w:jc` (CT_PPr): a `jc`
/// added goes before it.
fn after_jc(name: &str) -> bool {
    let rank = |n: &str| PPR_ORDER.iter().position(|o| *o == n);
    matches!((rank(name), rank("jc")), (Some(a), Some(j)) if a > j)
}

/// A header part with each paragraph that holds a `PAGE` field centred: its
/// alignment replaced, or one added to (or with) its properties.
fn centre_page_paragraphs(xml: &str) -> String {
    // Outermost paragraphs: their range, and their pPr's and jc's.
    struct Para {
        start: usize,
        open_end: usize,
        end: usize,
        ppr: Option<(usize, usize, Option<usize>)>,
        jc: Option<(usize, usize)>,
        after_jc: Option<usize>,
    }
    let mut paras: Vec<Para> = Vec::new();
    let mut depth = 0usize;
    let mut ppr_depth = 0usize;
    for_each_element(xml, |el| {
        if el.in_change {
            return;
        }
        match (el.name, el.kind) {
            ("p", Kind::Start) => {
                if depth == 0 {
                    paras.push(Para {
                        start: el.start,
                        open_end: el.end,
                        end: el.end,
                        ppr: None,
                        jc: None,
                        after_jc: None,
                    });
                }
                depth += 1;
            }
            ("p", Kind::End) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    if let Some(p) = paras.last_mut() {
                        p.end = el.end;
                    }
                }
            }
            ("pPr", Kind::Start | Kind::Empty) if depth == 1 && ppr_depth == 0 => {
                if let Some(p) = paras.last_mut().filter(|p| p.ppr.is_none()) {
                    let empty = el.kind == Kind::Empty;
                    p.ppr = Some((el.start, el.end, empty.then_some(el.end)));
                    ppr_depth = usize::from(!empty);
                }
            }
            (name, Kind::Start) if ppr_depth > 0 => {
                if ppr_depth == 1 && after_jc(name) {
                    if let Some(p) = paras.last_mut().filter(|p| p.after_jc.is_none()) {
                        p.after_jc = Some(el.start);
                    }
                }
                ppr_depth += 1;
            }
            (name, Kind::End) if ppr_depth > 0 => {
                ppr_depth -= 1;
                if ppr_depth == 0 && name == "pPr" {
                    if let Some((a, b, _)) = paras.last().and_then(|p| p.ppr) {
                        if let Some(p) = paras.last_mut() {
                            p.ppr = Some((a, b, Some(el.start)));
                        }
                    }
                }
            }
            (name, Kind::Empty) if ppr_depth == 1 => {
                if let Some(p) = paras.last_mut() {
                    if name == "jc" {
                        p.jc = Some((el.start, el.end));
                    } else if after_jc(name) && p.after_jc.is_none() {
                        p.after_jc = Some(el.start);
                    }
                }
            }
            _ => {}
        }
    });
    let mut splices = Splices::default();
    let centred = r#"<w:jc w:val="center"/>"#;
    for p in paras {
        let body = xml.get(p.start..p.end).unwrap_or("");
        if !body.contains("PAGE") {
            continue;
        }
        match (p.jc, p.ppr) {
            (Some((a, b)), _) => splices.replace(a, b, centred.into()),
            // `<w:pPr/>`: written open with the alignment in it.
            (None, Some((a, b, _))) if xml[a..b].ends_with("/>") => {
                splices.replace(a, b, format!("<w:pPr>{centred}</w:pPr>"))
            }
            (None, Some((_, open_end, close))) => {
                let at = p.after_jc.or(close).unwrap_or(open_end);
                splices.insert(at, centred.into());
            }
            (None, None) => splices.insert(p.open_end, format!("<w:pPr>{centred}</w:pPr>")),
        }
    }
    splices.apply(xml)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::word::tests::{codes, ours, regex_free_replace, with_part};
    use std::collections::BTreeMap;
    use std::io::{Read, Write};

    /// The file's findings' fixes, as "Tải .docx đã sửa" offers them all.
    fn offered(bytes: &[u8]) -> Vec<FileFix> {
        let (text, pres) = crate::import::docx_presented(bytes).expect("opens");
        let plan = crate::check(&text).plan;
        crate::rules::format::check_with_fixes(&pres, &text, &plan).1
    }

    /// Every entry of a zip, by name: its bytes as stored (compressed).
    fn raw_entries(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
        let mut out = BTreeMap::new();
        for i in 0..archive.len() {
            let mut f = archive.by_index_raw(i).expect("an entry");
            let name = f.name().expect("a name").to_string();
            let mut raw = Vec::new();
            f.read_to_end(&mut raw).expect("read");
            out.insert(name, raw);
        }
        out
    }

    /// The file fixed with every offered fix: no finding left, the same text
    /// paragraph by paragraph, and the parts no fix concerns copied byte for byte.
    fn fixed_clean(name: &str, broken: &[u8]) -> Vec<u8> {
        let fixes = offered(broken);
        assert!(!fixes.is_empty(), "{name}: a fix is offered");
        let fixed = apply(broken, &fixes).expect("written");
        assert_eq!(
            codes(&fixed),
            Vec::<&str>::new(),
            "{name}: clean after the fix"
        );
        let before = crate::import::docx_text(broken).expect("opens");
        let after = crate::import::docx_text(&fixed).expect("opens");
        assert_eq!(
            before.lines().collect::<Vec<_>>(),
            after.lines().collect::<Vec<_>>(),
            "{name}: the text is unchanged"
        );
        let (old, new) = (raw_entries(broken), raw_entries(&fixed));
        for (entry, raw) in &old {
            let touched = entry.starts_with("word/document")
                || entry.starts_with("word/styles")
                || entry.starts_with("word/header")
                || entry.starts_with("word/_rels")
                || entry.starts_with("[Content_Types]");
            if !touched {
                assert_eq!(
                    Some(raw),
                    new.get(entry),
                    "{name}: {entry} is copied as it was"
                );
            }
        }
        fixed
    }

    /// Seed 000 as we export it: long paragraphs of prose, clean.
    fn seed_docx() -> Vec<u8> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/seeds");
        let seed = std::fs::read_dir(dir)
            .expect("seeds")
            .filter_map(Result::ok)
            .find(|e| e.file_name().to_string_lossy().starts_with("000"))
            .expect("seed 000");
        let text = std::fs::read_to_string(seed.path()).expect("UTF-8");
        crate::render::docx::to_docx(&crate::check(&text).plan)
    }

    #[test]
    fn each_rule_is_fixed_in_the_file() {
        let base = seed_docx();
        assert_eq!(codes(&base), Vec::<&str>::new());
        let doc = "word/document.xml";
        let cases: Vec<(&str, Vec<u8>)> = vec![
            (
                "letter",
                with_part(&base, doc, |x| {
                    x.replace(r#"w:w="11906" w:h="16838""#, r#"w:w="12240" w:h="15840""#)
                }),
            ),
            (
                "margins",
                with_part(&base, doc, |x| {
                    let x = regex_free_replace(&x, "w:left=\"", "1418");
                    let x = regex_free_replace(&x, "w:top=\"", "567");
                    regex_free_replace(&x, "w:right=\"", "1500")
                }),
            ),
            (
                "arial",
                with_part(&base, "word/styles.xml", |x| {
                    x.replace("Times New Roman", "Arial")
                }),
            ),
            (
                "12 pt body",
                with_part(&base, doc, |x| {
                    x.replace(
                        r#"<w:sz w:val="28"/><w:szCs w:val="28"/>"#,
                        r#"<w:sz w:val="24"/><w:szCs w:val="24"/>"#,
                    )
                }),
            ),
            (
                "nothing bold",
                with_part(&base, doc, |x| x.replace("<w:b/>", "")),
            ),
            (
                "page 1 numbered",
                with_part(&base, doc, |x| x.replace("<w:titlePg/>", "")),
            ),
            (
                "number on the right",
                with_part(&base, "word/header1.xml", |x| {
                    x.replace(r#"<w:jc w:val="center"/>"#, r#"<w:jc w:val="right"/>"#)
                }),
            ),
            (
                "no page number",
                with_part(&base, "word/header1.xml", |x| x.replace("PAGE", "DATE")),
            ),
            (
                "2.0 line spacing",
                with_part(&base, doc, |x| {
                    x.replace(r#"w:line="276""#, r#"w:line="480""#)
                }),
            ),
            (
                "no first-line indent",
                with_part(&base, doc, |x| {
                    x.replace(r#"<w:ind w:firstLine="720"/>"#, "")
                }),
            ),
            (
                "body aligned left",
                with_part(&base, doc, |x| {
                    x.replace(r#"<w:jc w:val="both"/>"#, r#"<w:jc w:val="left"/>"#)
                }),
            ),
            (
                "no space between paragraphs",
                with_part(&base, doc, |x| {
                    x.replace(r#"w:after="120""#, r#"w:after="0""#)
                }),
            ),
            (
                "Arial, 12 pt, double spaced, not indented",
                with_part(&base, doc, |x| {
                    x.replace(r#"w:line="276""#, r#"w:line="480""#)
                        .replace(r#"<w:ind w:firstLine="720"/>"#, "")
                        .replace(
                            r#"<w:sz w:val="28"/><w:szCs w:val="28"/>"#,
                            r#"<w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:sz w:val="24"/><w:szCs w:val="24"/>"#,
                        )
                }),
            ),
            (
                "red text",
                with_part(&base, doc, |x| {
                    x.replacen(
                        r#"<w:sz w:val="28"/><w:szCs w:val="28"/>"#,
                        r#"<w:color w:val="FF0000"/><w:sz w:val="28"/><w:szCs w:val="28"/>"#,
                        3,
                    )
                }),
            ),
            (
                "page number in 10 pt",
                with_part(&base, "word/header1.xml", |x| {
                    x.replace(r#"<w:sz w:val="26"/>"#, r#"<w:sz w:val="20"/>"#)
                }),
            ),
            (
                "no header at all",
                with_part(&base, doc, |x| {
                    let a = x.find("<w:headerReference").unwrap_or(0);
                    let b = x.find("<w:pgSz").unwrap_or(a);
                    format!("{}{}", &x[..a], &x[b..]).replace("<w:titlePg/>", "")
                }),
            ),
        ];
        for (name, broken) in &cases {
            assert!(!codes(broken).is_empty(), "{name}: the file is broken");
            fixed_clean(name, broken);
        }
    }

    /// A real draft's long annex table without its header row repeated: found, and
    /// the row marked again in the file.
    #[test]
    fn a_long_table_gets_its_header_row_repeated() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real");
        let real = std::fs::read(dir.join("161_kh-cchc-2026-2030-lam-dong.docx")).expect("read");
        assert_eq!(codes(&real), Vec::<&str>::new());
        let unmarked = with_part(&real, "word/document.xml", |x| {
            x.replace("<w:tblHeader/>", "")
        });
        assert_eq!(codes(&unmarked), ["KH911"]);
        fixed_clean("161 without tblHeader", &unmarked);
    }

    /// A `.docx` of `document` (and an empty links part and content types).
    fn zip_of(document: &str) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            for (name, xml) in [
                ("word/document.xml", document),
                (
                    "word/_rels/document.xml.rels",
                    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>"#,
                ),
                (
                    "[Content_Types].xml",
                    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>"#,
                ),
            ] {
                z.start_file(name, zip::write::SimpleFileOptions::default())
                    .expect("entry");
                z.write_all(xml.as_bytes()).expect("written");
            }
            z.finish().expect("zip");
        }
        buf.into_inner()
    }

    fn part_of(bytes: &[u8], name: &str) -> String {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
        let mut xml = String::new();
        archive
            .by_name(name)
            .expect("the part")
            .read_to_string(&mut xml)
            .expect("XML");
        xml
    }

    /// Every start tag closed by its own end tag.
    fn well_formed(xml: &str) -> bool {
        let mut reader = quick_xml::Reader::from_str(xml);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => return true,
                Ok(_) => {}
                Err(_) => return false,
            }
        }
    }

    /// The review's inputs (`tests/fixtures/word-edge/README.md`): each fixed with
    /// every fix offered, well formed, the text as it was, nothing written twice.
    #[test]
    fn review_inputs() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/word-edge");
        let read = |name: &str| std::fs::read_to_string(dir.join(name)).expect("fixture");
        let fixed = |name: &str| {
            let bytes = zip_of(&read(name));
            let out = apply(&bytes, &offered(&bytes)).expect("written");
            let doc = part_of(&out, "word/document.xml");
            assert!(well_formed(&doc), "{name}");
            assert_eq!(
                crate::import::docx_text(&bytes).expect("opens"),
                crate::import::docx_text(&out).expect("opens"),
                "{name}"
            );
            doc
        };
        let d1 = fixed("d1.xml");
        assert!(!d1.contains("</w:pPr><w:pPr>"), "one pPr per paragraph");
        assert!(
            fixed("d3.xml").contains(r#"<w:spacing w:before="240" w:line="276" w:after="120">"#)
        );
        assert!(fixed("d6.xml").contains("Đảng bộ cơ quan năm 2020 – 2025"));
        let d10 = fixed("d10.xml");
        for rpr in d10.split("<w:rPr>").skip(1) {
            let rpr = rpr.split("</w:rPr>").next().unwrap_or("");
            assert!(
                rpr.matches("<w:sz ").count() <= 1 && rpr.matches("<w:b/>").count() <= 1,
                "{rpr}"
            );
        }
        let d7 = zip_of(&read("d7.xml"));
        assert!(matches!(
            apply(&d7, &offered(&d7)),
            Err(OpenError::BadDocx(_))
        ));
        // Header parts: the right-aligned number centred, and no panic.
        let h9 = centre_page_paragraphs(&read("h9.xml"));
        assert!(
            h9.contains(r#"<w:p w:rsidR="00A1"><w:pPr><w:jc w:val="center"/></w:pPr>"#),
            "{h9}"
        );
        assert!(well_formed(&centre_page_paragraphs(&read("h8.xml"))));
    }

    /// Fuzzing found a file cut inside a tracked change's properties: the reader and
    /// the fixer read its end for ever. Both stop at the end now.
    #[test]
    fn a_file_cut_inside_a_tracked_change_ends() {
        let cut = format!(
            r#"<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:rPr><w:rPrChange><w:rPr><w:b/>"#
        );
        let bytes = zip_of(&cut);
        let (text, _) = crate::import::docx_presented(&bytes).expect("opens");
        assert!(text.trim().is_empty());
        let styles = Styles::read(None, None);
        assert!(fix_document(&cut, &styles, &[&Change::TimesNewRoman]).is_ok());
        let open_run = format!(r#"<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:rPr><w:b"#);
        let _ = fix_document(&open_run, &styles, &[&Change::TimesNewRoman]);
    }

    /// Fuzzing found a tag whose attributes only parse lazily (a quote lost in the
    /// middle): rewritten, it broke the file; it is left as it is.
    #[test]
    fn a_tag_with_broken_attributes_is_left_alone() {
        let broken = "<w:rFonts w:ascii=\"\0\0\0\0:val=\"26\"/>";
        assert_eq!(tnr_fonts(broken), broken);
        assert_eq!(
            tnr_fonts(r#"<w:rFonts w:ascii='Arial' w:eastAsia="SimSun"/>"#),
            r#"<w:rFonts w:ascii="Times New Roman" w:eastAsia="SimSun" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>"#
        );
    }

    /// A run typed in `.VnTime` is converted with its font: the fixed file reads as
    /// the opened one did, now in Unicode and Times New Roman.
    #[test]
    fn legacy_font_runs_are_converted_with_their_font() {
        let legacy = with_part(&ours(), "word/document.xml", |x| {
            x.replacen(
                "<w:body>",
                r#"<w:body><w:p><w:r><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/><w:sz w:val="26"/></w:rPr><w:t xml:space="preserve">§¶ng bé c¬ quan </w:t></w:r></w:p>"#,
                1,
            )
        });
        assert!(codes(&legacy).contains(&"KH904"));
        let fixed = fixed_clean(".VnTime", &legacy);
        let text = crate::import::docx_text(&fixed).expect("opens");
        assert!(text.starts_with("Đảng bộ cơ quan"), "{text}");
    }

    /// Run properties are written in the schema's order, a tracked change's old
    /// properties are kept, and an out-of-range size comes to its nearest bound.
    #[test]
    fn run_properties_keep_their_order_and_history() {
        let xml = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:color w:val="000000"/><w:sz w:val="32"/><w:rPrChange w:id="1"><w:rPr><w:rFonts w:ascii="Arial"/></w:rPr></w:rPrChange></w:rPr><w:t>CỘNG HÒA</w:t></w:r></w:p></w:body></w:document>"#;
        let styles = Styles::read(None, None);
        let change = Change::Runs {
            paragraphs: vec![0],
            size: Some((24, 26)),
            bold: Some(true),
            italic: None,
        };
        let out = fix_document(xml, &styles, &[&change, &Change::TimesNewRoman]).expect("fixed");
        assert!(
            out.contains(r#"<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:b/><w:color w:val="000000"/><w:sz w:val="26"/><w:szCs w:val="26"/><w:rPrChange w:id="1"><w:rPr><w:rFonts w:ascii="Arial"/></w:rPr></w:rPrChange></w:rPr>"#),
            "{out}"
        );
    }

    /// The real Word files (161-163, 207): every offered fix written, the text is
    /// the same and the fixed rules are quiet.
    #[test]
    fn real_drafts_fixed() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).expect("fixtures") {
            let path = entry.expect("an entry").path();
            if path.extension().is_none_or(|e| e != "docx") {
                continue;
            }
            seen += 1;
            let bytes = std::fs::read(&path).expect("read");
            let fixes = offered(&bytes);
            let fixed = apply(&bytes, &fixes).expect("written");
            let fixed_codes: Vec<&str> = fixes.iter().map(|f| f.code).collect();
            let left: Vec<&str> = codes(&fixed)
                .into_iter()
                .filter(|c| fixed_codes.contains(c))
                .collect();
            assert_eq!(left, Vec::<&str>::new(), "{}", path.display());
            assert_eq!(
                crate::import::docx_text(&bytes).expect("opens"),
                crate::import::docx_text(&fixed).expect("opens"),
                "{}",
                path.display()
            );
        }
        assert_eq!(seen, 4);
    }
}
