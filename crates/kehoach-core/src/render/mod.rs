//! Renderers: the plan as JSON, as clean text, and as a .docx; its tasks as CSV. The print view in the
//! app walks the same [`flow`] as the text and .docx renderers.

pub mod csv;
pub mod docx;
pub mod json;
pub mod text;

use crate::model::{Field, Node, Table};

/// One piece of a stretch of content, in reading order.
#[derive(Debug, Clone, Copy)]
pub enum Piece<'a> {
    /// An unnumbered paragraph.
    Para(&'a Field),
    /// A numbered or bulleted item's own line (its paragraphs and children follow as
    /// pieces of their own).
    Item(&'a Node),
    /// A paragraph under an item.
    ItemPara(&'a Field),
    Table(&'a Table),
}

impl Piece<'_> {
    fn start(&self) -> usize {
        match self {
            Piece::Para(f) | Piece::ItemPara(f) => f.range.start,
            Piece::Item(n) => n.marker_range.start,
            Piece::Table(t) => t.range.start,
        }
    }
}

/// The content's paragraphs, items and tables in the order the text has them: tables
/// are found apart from the item tree and fall back into their place here.
pub fn flow<'a>(paragraphs: &'a [Field], nodes: &'a [Node], tables: &'a [Table]) -> Vec<Piece<'a>> {
    fn walk<'a>(out: &mut Vec<Piece<'a>>, nodes: &'a [Node]) {
        for n in nodes {
            out.push(Piece::Item(n));
            out.extend(n.paragraphs.iter().map(Piece::ItemPara));
            walk(out, &n.children);
        }
    }
    let mut out: Vec<Piece> = paragraphs.iter().map(Piece::Para).collect();
    walk(&mut out, nodes);
    out.extend(tables.iter().map(Piece::Table));
    // Stable and by source offset: what the text had first comes first.
    crate::order::sort_by_key(&mut out, Piece::start);
    out
}
