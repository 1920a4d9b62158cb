//! Zones that come after the body or before the plan: annexes after the signature,
//! and the decision that issues a plan. Tables become model tables here, and task
//! tables become tasks.

use super::{find_footer_start, is_rule, parse_footer, parse_title, read_content, Source};
use crate::blocks::{column_of, row_number, Column, RawCell, RawRow, RawTable, RowNumber};
use crate::dates::parse_period;
use crate::model::*;
use crate::source::Span;
use crate::text::{at_most_chars, fold, fold_starts_with, is_upper_text, roman_value};

// ---------------------------------------------------------------------------------
// The decision that issues a plan

/// Reads the decision between its `QUYẾT ĐỊNH` line `d` and the plan's title `t`: its
/// summary, its articles and its foot (the document's recipients and signature).
pub(super) fn parse_decision(src: &Source, d: usize, t: usize, plan: &mut Plan) {
    let mut scratch = plan.clone();
    scratch.title = None;
    let after_summary = parse_title(src, d, &mut scratch).min(t);
    let (kind_word, title) = match scratch.title {
        Some(tt) => (Some(tt.kind_word), tt.summary),
        None => (None, None),
    };
    let foot = find_footer_start(src, after_summary, t);
    // Each article's span, read into a field once at the end (a field made again
    // at each of its lines copied the article so far: quadratic in a long one).
    let mut articles: Vec<Span> = Vec::new();
    let mut preamble: Vec<Field> = Vec::new();
    for l in &src.logical[after_summary..foot] {
        let text = l.text(src.read());
        if l.is_blank() || is_rule(text) {
            continue;
        }
        // (Folded only as far as the word: this runs on every line of the decision.)
        let is_article = fold_starts_with(text, "ĐIỀU ")
            && text
                .get("Điều ".len()..)
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
        match articles.last_mut() {
            _ if is_article => articles.push(l.content),
            // The article's own lines and items belong to it.
            Some(a) => *a = a.cover(l.content),
            None => preamble.push(src.field(l.content)),
        }
    }
    // The plan's own header above its title (agency, national title, motto, or the
    // `Phụ lục` label of a plan the decision approves as its annex) is not the
    // decision's foot.
    let mut head = t;
    while head > foot {
        let l = &src.logical[head - 1];
        let text = l.text(src.read());
        let header_like = l.is_blank()
            || is_rule(text)
            || l.cells.iter().all(|c| {
                let ct = c.text(src.read());
                let f = fold(ct);
                f.starts_with("CỘNG HÒA")
                    || f.starts_with("ĐỘC LẬP")
                    || (f.starts_with("PHỤ LỤC") && at_most_chars(ct, 20))
                    || (is_upper_text(ct) && authority_free(ct))
            });
        if !header_like {
            break;
        }
        head -= 1;
    }
    // Keep the signer: a name line is never header-like, so `head` stops after it.
    parse_footer(src, foot, head, plan);
    let plan_header = src.logical[head..t]
        .iter()
        .filter(|l| !l.is_blank() && !is_rule(l.text(src.read())))
        .map(|l| src.field(l.content))
        .collect();
    plan.decision = Some(Decision {
        title,
        articles: articles.into_iter().map(|a| src.field(a)).collect(),
        kind_word,
        preamble,
        plan_header,
    });
}

/// Not a signing line (`KT. THỦ TƯỚNG`, `PHÓ THỦ TƯỚNG`): those end the decision;
/// `THỦ TƯỚNG CHÍNH PHỦ` above a plan is its issuer.
fn authority_free(t: &str) -> bool {
    let f = fold(t);
    let f = f.trim();
    super::authority_parts(t).is_none() && !super::SIGNING_TITLES.contains(&f)
}

// ---------------------------------------------------------------------------------
// Annexes

/// `PHỤ LỤC`, `PHỤ LỤC I`, `Phụ lục 01`, `PHỤ LỤC SỐ 2: DANH MỤC …`: the length of the
/// label in the line when it starts an annex.
fn annex_label(t: &str) -> Option<usize> {
    if !t.starts_with(['P', 'p']) {
        return None;
    }
    // The label's own seven characters, however the text encodes them (a decomposed
    // `ụ` is longer in bytes than the folded form).
    let mut len: usize = t.chars().take(7).map(char::len_utf8).sum();
    if !fold_starts_with(t, "PHỤ LỤC") || fold(t.get(..len)?) != "PHỤ LỤC" {
        return None;
    }
    let rest = t.get(len..)?;
    let lead = rest.len() - rest.trim_start().len();
    let mut word_end = rest
        .trim_start()
        .find([' ', ':', '.', '-', '–', ','])
        .unwrap_or(rest.trim_start().len());
    let mut word = &rest.trim_start()[..word_end];
    if fold(word) == "SỐ" {
        let after = &rest.trim_start()[word_end..];
        let l2 = after.len() - after.trim_start().len();
        let w2 = after
            .trim_start()
            .find([' ', ':', '.', '-', '–', ','])
            .unwrap_or(after.trim_start().len());
        word_end += l2 + w2;
        word = &after.trim_start()[..w2];
    }
    let numbered = !word.is_empty()
        && (roman_value(word).is_some()
            || word.bytes().all(|b| b.is_ascii_digit())
            || (word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase())));
    if numbered {
        len += lead + word_end;
    }
    let rest = t[len..].trim_start_matches([' ', ':', '.', '-', '–']);
    // The label alone, or the label and a title in capitals.
    let alone = rest.trim().is_empty();
    if alone
        || (is_upper_text(rest) && at_most_chars(t, 300))
        || (numbered && rest.starts_with('('))
    {
        Some(len)
    } else {
        None
    }
}

/// `Mẫu biểu số 01`, `Biểu số 2`, `Biểu mẫu 03`, `Mẫu số 01`: a form's label over an
/// annex's title (real plan 0204/KH-UBND of Cà Mau labels its five annex tables so),
/// the whole line; its length. Read only right above an annex's title, never as an
/// annex's start on its own (a body's `Mẫu số 01` names a form).
fn form_label(t: &str) -> Option<usize> {
    let t = t.trim_end();
    if !t.starts_with(['M', 'm', 'B', 'b']) || !at_most_chars(t, 24) {
        return None;
    }
    let f = fold(t);
    let rest = ["MẪU BIỂU", "BIỂU MẪU", "BIỂU", "MẪU"]
        .iter()
        .find_map(|w| f.strip_prefix(w))?;
    let rest = rest.trim_start();
    let rest = rest.strip_prefix("SỐ").unwrap_or(rest).trim();
    let number = rest.trim_end_matches(['.', ':']);
    let numbered = !number.is_empty()
        && (number.bytes().all(|b| b.is_ascii_digit()) || roman_value(number).is_some());
    numbered.then_some(t.len())
}

fn is_attachment_line(t: &str) -> bool {
    if !t.starts_with(['(', 'K', 'k']) {
        return false;
    }
    // `(Kèm theo …)`, also as `(*Kèm theo …*)` with the mark read as a space.
    let opened = t.starts_with('(');
    let t = t.trim_start_matches(['(', ' ', '*']);
    (opened && (fold_starts_with(t, "KÈM THEO") || fold_starts_with(t, "BAN HÀNH KÈM THEO")))
        || fold_starts_with(t, "KÈM THEO KẾ HOẠCH")
}

/// The first line of each annex at or after line `from`. An annex starts at its label,
/// or (without one) at the capitals title above a `(Kèm theo Kế hoạch …)` line.
pub(super) fn find_annex_starts(src: &Source, from: usize) -> Vec<usize> {
    let lines = &src.logical;
    let mut starts: Vec<usize> = Vec::new();
    for k in from..lines.len() {
        let l = &lines[k];
        if l.is_blank() || src.table_of(l).is_some() {
            continue;
        }
        let t = l.text(src.read());
        if annex_label(t).is_some() {
            starts.push(k);
            continue;
        }
        if !is_attachment_line(t) {
            continue;
        }
        let f = fold(t);
        if !(f.contains("KẾ HOẠCH") || f.contains("QUYẾT ĐỊNH")) {
            continue;
        }
        // Part of the annex just opened?
        if starts.last().is_some_and(|&s| k - s <= 6) {
            continue;
        }
        // The capitals title lines right above it.
        let mut top = k;
        let mut j = k;
        while j > from && k - j < 4 {
            j -= 1;
            let lj = &lines[j];
            if lj.is_blank() {
                continue;
            }
            if is_upper_text(lj.text(src.read())) && src.table_of(lj).is_none() {
                top = j;
            } else {
                break;
            }
        }
        // A form's label right above the title (`Mẫu biểu số 01`) opens the annex.
        if top < k {
            if let Some(label) = (from..top)
                .rev()
                .take(2)
                .find(|&j| !lines[j].is_blank())
                .filter(|&j| form_label(lines[j].text(src.read())).is_some())
            {
                top = label;
            }
            starts.push(top);
        }
    }
    starts
}

/// A title's line in capitals, where one word may keep its own mixed case (`5G, IoT
/// TRONG CÁC KHU CÔNG NGHỆ CAO`, KH 310 Hà Nội).
fn is_capitals_title(t: &str) -> bool {
    if is_upper_text(t) {
        return true;
    }
    use crate::text::{is_letter, is_lower};
    let upper = |c: char| is_letter(c) && !is_lower(c);
    let (mut capitals, mut mixed) = (0, 0);
    for w in t.split_whitespace() {
        if w.chars().any(is_lower) {
            // `IoT`: its own capitals inside.
            let inner = w.chars().skip(1).any(upper);
            mixed += if inner && w.starts_with(upper) { 1 } else { 9 };
        } else if w.chars().any(is_letter) {
            capitals += 1;
        }
    }
    mixed == 1 && capitals >= 3
}

pub(super) fn parse_annex(src: &Source, start: usize, end: usize) -> Annex {
    let lines = &src.logical;
    let first = &lines[start];
    let t = first.text(src.read());
    let mut label = None;
    let mut title_spans: Vec<Span> = Vec::new();
    if let Some(len) = annex_label(t).or_else(|| form_label(t)) {
        let label_span = Span::new(first.content.start, first.content.start + len);
        label = Some(src.field(label_span));
        let rest =
            crate::source::trim_noise(src.read(), Span::new(label_span.end, first.content.end));
        let rest_text = rest.text(src.read());
        let cut = rest_text.len()
            - rest_text
                .trim_start_matches([':', '.', '-', '–', ' '])
                .len();
        let rest = Span::new(rest.start + cut, rest.end);
        if !rest.is_empty() && !is_attachment_line(rest.text(src.read())) {
            title_spans.push(rest);
        }
    } else {
        title_spans.push(first.content);
    }
    let mut i = start + 1;
    let mut attached: Option<Span> = None;
    while i < end {
        let l = &lines[i];
        if src.table_of(l).is_some() {
            break;
        }
        let lt = l.text(src.read());
        if l.is_blank() || is_rule(lt) {
            i += 1;
            if title_spans.is_empty() || attached.is_none() {
                continue;
            }
            break;
        }
        if is_attachment_line(lt) {
            let mut span = l.content;
            // A wrapped `(Kèm theo …` line closes further down.
            let mut j = i + 1;
            while !span.text(src.read()).trim_end().ends_with(')') && j < end && j < i + 3 {
                let lj = &lines[j];
                if lj.is_blank() || src.table_of(lj).is_some() {
                    break;
                }
                span = span.cover(lj.content);
                j += 1;
            }
            attached = Some(span);
            i = j;
            break;
        }
        // `… ĐỀ ÁN GIAI ĐOẠN` / `2026 - 2030` (NQ 109/NQ-CP in the Gazette): the
        // title's period on a line of its own goes on the title.
        let period_goes_on = || {
            let t = lt.trim();
            let prev = title_spans
                .last()
                .map_or("", |s| s.text(src.read()).trim_end());
            t.starts_with(|c: char| c.is_ascii_digit())
                && t.bytes().filter(u8::is_ascii_digit).count() >= 4
                && t.chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '–'))
                && prev.ends_with(crate::text::is_letter)
        };
        if attached.is_none()
            && title_spans.len() < 4
            && (is_capitals_title(lt) || (!title_spans.is_empty() && period_goes_on()))
            && super::marker_of(lt).is_none()
        {
            title_spans.push(l.content);
            i += 1;
            continue;
        }
        // A title in sentence case right under the label, set apart from what
        // follows (`PHỤ LỤC` / `Chi tiết các nhiệm vụ …` / a blank line or the table).
        let apart = |k: usize| {
            lines
                .get(k)
                .is_none_or(|n| n.is_blank() || src.table_of(n).is_some())
        };
        if label.is_some()
            && i == start + 1
            && title_spans.is_empty()
            && attached.is_none()
            && !lt.starts_with('(')
            && super::marker_of(lt).is_none()
            && !lt.trim_end().ends_with(['.', ':', ';', ')'])
            && at_most_chars(lt, 250)
            && apart(i + 1)
        {
            title_spans.push(l.content);
            i += 1;
            continue;
        }
        break;
    }
    let title = match (title_spans.first(), title_spans.last()) {
        (Some(a), Some(b)) => {
            let text = title_spans
                .iter()
                .map(|s| src.read_text(*s).trim().to_string())
                .collect::<Vec<_>>()
                .join(" ");
            Some(Field {
                text,
                range: src.range(a.cover(*b)),
            })
        }
        _ => None,
    };
    let content = read_content(src, i, end);
    let mut paragraphs = content.paragraphs;
    // A foot of its own (an annex signed again) is read as text of the annex.
    if let Some(s) = content.salutation {
        paragraphs.push(s);
    }
    let last_line = lines[start..end]
        .iter()
        .rev()
        .find(|l| !l.is_blank())
        .unwrap_or(first);
    Annex {
        label,
        title,
        attached_to: attached.map(|s| Field {
            text: src.read_text(s),
            range: src.range(s),
        }),
        paragraphs,
        body: content.nodes,
        tables: content.tables,
        range: src.range(Span::new(
            first.content.start,
            last_line.span.end.max(first.content.start),
        )),
    }
}

// ---------------------------------------------------------------------------------
// Tables

/// A cell's field; `prev` is the range of the cell before it in its row.
fn cell_field(
    src: &Source,
    cell: &RawCell,
    row_start: usize,
    prev: Option<&crate::source::SourceRange>,
) -> Field {
    match (cell.first(), cell.last()) {
        // One line (most cells): its text, trimmed without another copy.
        (Some(a), Some(_)) if cell.len() == 1 => Field {
            text: trimmed(src.read_text(*a)),
            range: match prev {
                Some(p) => src.range_after(p, *a),
                None => src.range(*a),
            },
        },
        (Some(a), Some(b)) => {
            // Lines joined by a space; a symbol cut at its hyphen (`210-` / `KL/TW`)
            // joined whole.
            let mut text = String::new();
            for piece in cell.iter().map(|s| trimmed(src.read_text(*s))) {
                if piece.is_empty() {
                    continue;
                }
                if !text.is_empty() && !crate::text::symbol_split(&text, &piece) {
                    text.push(' ');
                }
                text.push_str(&piece);
            }
            Field {
                text,
                range: src.range(a.cover(*b)),
            }
        }
        _ => Field {
            text: String::new(),
            range: src.range(Span::new(row_start, row_start)),
        },
    }
}

/// `s.trim()`, in place.
fn trimmed(mut s: String) -> String {
    s.truncate(s.trim_end().len());
    let lead = s.len() - s.trim_start().len();
    s.drain(..lead);
    s
}

fn row_fields(src: &Source, row: &RawRow) -> Vec<Field> {
    let mut fields: Vec<Field> = Vec::with_capacity(row.cells.len());
    for c in &row.cells {
        let field = cell_field(src, c, row.span.start, fields.last().map(|f| &f.range));
        fields.push(field);
    }
    fields
}

/// `I`, `II`, `A`, `B`: the number of a group row.
fn is_group_number(t: &str) -> bool {
    let t = t.trim_end_matches(['.', ')']);
    !t.is_empty()
        && (roman_value(t).is_some() || (t.len() == 1 && t.chars().all(|c| c.is_ascii_uppercase())))
}

fn is_digits(t: &str) -> bool {
    let t = t.trim_end_matches('.');
    !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())
}

/// A row's number of figures and dots (`4`, `4.1.`): not a period (`10-11/2019`)
/// or a title that begins with its number.
fn is_dotted_number(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_digit())
        && t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

/// `1.1` under `1`, `4.1.1` under `4.1`: the number of one of its rows.
fn is_sub_number(group: &str, t: &str) -> bool {
    let group = group.trim_end_matches('.');
    is_dotted_number(group)
        && t.strip_prefix(group)
            .and_then(|r| r.strip_prefix('.'))
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
}

pub(super) fn table_of_raw(src: &Source, raw: &RawTable) -> Table {
    let header = raw
        .header
        .as_ref()
        .map(|h| row_fields(src, h))
        .unwrap_or_default();
    let width = header
        .len()
        .max(raw.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0));
    // A table whose first column is no number's (`Thời gian | Nội dung …`) numbers
    // its steps' rows in it: `1 | Lập nhiệm vụ quy hoạch` is a step over rows.
    let numbers_first = header
        .first()
        .is_none_or(|h| matches!(column_of(&h.text), Column::Number | Column::Unknown));
    // The group rows a row stands under, the nearest last: (its number, its text).
    // `4` over `4.1` over `4.1.1`; a row numbered `5` (or `4.2`) leaves the numbered
    // groups it is not in; a group numbered otherwise (`I`, a title) holds until the
    // next such group.
    let mut groups: Vec<(&str, String)> = Vec::new();
    let mut rows = Vec::with_capacity(raw.rows.len());
    // The first cell's text of each row, to look one row ahead.
    let first_cell = |k: usize| {
        raw.rows
            .get(k)
            .and_then(|r| r.cells.first())
            .and_then(|c| c.first())
            .map_or("", |s| s.text(src.text).trim())
    };
    for (k, r) in raw.rows.iter().enumerate() {
        let cells = row_fields(src, r);
        // The filled cells, walked (a list of them for each row cost an allocation).
        let filled = || cells.iter().filter(|c| !c.text.is_empty());
        let mut walk = filled();
        let is_group = width >= 3
            && match (walk.next(), walk.next(), walk.next()) {
                (Some(only), None, _) => {
                    only.text.chars().any(char::is_alphabetic)
                        && !only.text.chars().all(|c| c.is_ascii_digit())
                }
                (Some(first), Some(second), None) => {
                    (is_group_number(&first.text) && (is_upper_text(&second.text) || width >= 3))
                        // `1` and a title over the row, `a)`, `b)` or `1.1` under it.
                        || (is_digits(&first.text)
                            && row_number(first_cell(k + 1)) == Some(RowNumber::Letter))
                        || is_sub_number(&first.text, first_cell(k + 1))
                        || (!numbers_first && is_digits(&first.text))
                }
                // A merged cell a converter repeated in every column.
                (Some(first), Some(second), Some(_)) => {
                    filled().skip(1).all(|c| c.text == second.text)
                        && (is_group_number(&first.text) || first.text == second.text)
                }
                _ => false,
            };
        let number = first_cell(k);
        if is_dotted_number(number) {
            while groups
                .last()
                .is_some_and(|(g, _)| is_dotted_number(g) && !is_sub_number(g, number))
            {
                groups.pop();
            }
        }
        if is_group {
            if !is_dotted_number(number) {
                groups.clear();
            }
            let text = filled()
                .map(|f| f.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            groups.push((number, text));
        }
        rows.push(TableRow {
            cells,
            group: groups.last().map(|(_, text)| text.clone()),
            is_group,
            range: src.range(r.span),
        });
    }
    Table {
        range: src.range(raw.span),
        header,
        column_numbers: raw
            .column_numbers
            .as_ref()
            .map(|r| row_fields(src, r))
            .unwrap_or_default(),
        rows,
    }
}

/// The column holding each kind of value, from the header.
#[derive(Default)]
pub(crate) struct Columns {
    pub number: Option<usize>,
    pub content: Option<usize>,
    pub lead: Option<usize>,
    pub coordinating: Option<usize>,
    pub performing: Option<usize>,
    pub timeline: Option<usize>,
    pub product: Option<usize>,
}

impl Columns {
    pub fn of(table: &Table) -> Columns {
        let mut c = Columns::default();
        for (i, h) in table.header.iter().enumerate() {
            let slot = match column_of(&h.text) {
                Column::Number => &mut c.number,
                Column::Content => &mut c.content,
                Column::Lead => &mut c.lead,
                Column::Coordinating => &mut c.coordinating,
                Column::Performing => &mut c.performing,
                Column::Timeline => &mut c.timeline,
                Column::Product => &mut c.product,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(i);
            }
        }
        // `Đơn vị thực hiện` beside `Đơn vị phối hợp` and no `chủ trì` column (KH 179
        // Đồng Nai): the unit that does the work leads it.
        if c.lead.is_none() {
            c.lead = c.performing.take();
        }
        if c.content.is_none() && c.lead.is_some() {
            // The first column that is neither the number nor the lead holds the task.
            c.content = (0..table.header.len()).find(|&i| Some(i) != c.number && Some(i) != c.lead);
        }
        c
    }
    /// A task table gives each row a lead unit.
    pub fn is_task_table(&self) -> bool {
        self.lead.is_some() && self.content.is_some()
    }
}

/// The cells of a row aligned under the header: a row short of cells whose first cell
/// is no number lost its leading cells to cells merged with the row above.
pub(crate) fn aligned<'a>(table: &Table, row: &'a TableRow) -> Aligned<'a> {
    aligned_to(table.header.len(), row)
}

/// A row's cells as they stand under the header's columns (no list built for it:
/// every row of every table is read this way).
#[derive(Clone, Copy)]
pub(crate) struct Aligned<'a> {
    row: &'a TableRow,
    width: usize,
    /// Columns the row lacks at its start.
    shift: usize,
}

impl<'a> Aligned<'a> {
    /// The cell under column `i`, if the row has one there.
    pub(crate) fn get(&self, i: usize) -> Option<&'a Field> {
        if i >= self.width {
            return None;
        }
        self.row.cells.get(i.checked_sub(self.shift)?)
    }
}

/// [`aligned`] under a header `width` cells wide (a table going on under the header
/// of the one before it).
fn aligned_to(width: usize, row: &TableRow) -> Aligned<'_> {
    let n = row.cells.len();
    let first_is_number = row.cells.first().is_some_and(|c| {
        !c.text.is_empty()
            && c.text
                .trim_end_matches('.')
                .bytes()
                .all(|b| b.is_ascii_digit())
    });
    let shift = if n < width && !first_is_number && n > 0 {
        width - n
    } else {
        0
    };
    Aligned { row, width, shift }
}

/// Every row of every task table as a task, added to `out`: room for them all is
/// made once (a task is large, and a long table grew the list a dozen times).
pub(super) fn table_tasks(tables: &[Table], annex: Option<usize>, out: &mut Vec<Task>) {
    // A table with no header of its own right after a task table, its rows as wide
    // as that table's header, goes on with it: a web page's conversion sets its parts
    // (`A`, `B`, `C`) apart with blank lines (KH 179 Đồng Nai).
    let mut last: Option<(usize, usize)> = None;
    // (Each with the width its rows are aligned to, and whether it goes on.)
    let task_tables: Vec<(&Table, Columns, usize, bool)> = tables
        .iter()
        .enumerate()
        .filter_map(|(k, t)| {
            let cols = Columns::of(t);
            if cols.is_task_table() {
                // (Only a table of some rows goes on: a header over a row or two,
                // then cuts of a page's glued columns, is no such table.)
                last = (t.rows.len() >= 5).then_some((k, t.header.len()));
                return Some((t, cols, t.header.len(), false));
            }
            let (from, width) = last?;
            // Right after it, a few blank lines apart, most rows as wide as its header.
            let before = tables.get(k.checked_sub(1)?)?;
            let next_to = t.range.line <= before.range.end_line + 4;
            let rows: Vec<&TableRow> = t.rows.iter().filter(|r| !r.is_group).collect();
            let fit = rows.iter().all(|r| r.cells.len() <= width)
                && 2 * rows.iter().filter(|r| r.cells.len() == width).count() >= rows.len();
            let goes_on = t.header.is_empty() && next_to && fit && rows.len() >= 5;
            if goes_on {
                last = Some((from, width));
            }
            goes_on.then(|| (t, Columns::of(&tables[from]), width, true))
        })
        .collect();
    out.reserve(task_tables.iter().map(|(t, ..)| t.rows.len()).sum());
    for (table, cols, width, goes_on) in task_tables {
        // The last lead cell filled in, with its row's group (borrowed: a copy for
        // each row cost two allocations).
        let mut prev_lead: Option<(&Option<String>, &Field)> = None;
        for row in &table.rows {
            // (The header again on a new page of a table that goes on: no task.)
            let header_again = goes_on
                && row
                    .cells
                    .iter()
                    .filter(|c| column_of(&c.text) != Column::Unknown)
                    .count()
                    >= 3;
            if row.is_group || header_again {
                continue;
            }
            let cells = aligned_to(width, row);
            // The cell of a column, when it has text (borrowed from the table).
            let filled = |c: Option<usize>| {
                c.and_then(|i| cells.get(i))
                    .filter(|f: &&Field| !f.text.is_empty())
            };
            let get = |c: Option<usize>| filled(c).cloned();
            let Some(content) = get(cols.content) else {
                continue;
            };
            let lead_cell = filled(cols.lead);
            // An empty lead cell under a filled one in the same group is a cell
            // merged down (Word, and pages copied from it, leave it empty): it shares
            // the lead above. Only a group's first row can truly lack one.
            let lead = match lead_cell {
                Some(cell) => {
                    prev_lead = Some((&row.group, cell));
                    vec![cell.clone()]
                }
                None => prev_lead
                    .filter(|(g, _)| **g == row.group)
                    .map(|(_, cell)| vec![cell.clone()])
                    .unwrap_or_default(),
            };
            out.push(Task {
                heading: content,
                content: None,
                lead,
                coordinating: get(cols.coordinating).into_iter().collect(),
                performing: get(cols.performing).into_iter().collect(),
                timeline: get(cols.timeline).map(|f| Timeline {
                    period: parse_period(&f.text),
                    text: f.text,
                    range: f.range,
                }),
                range: row.range,
                source: TaskSource::Table,
                annex,
                group: row.group.clone(),
                product: get(cols.product),
            });
        }
    }
}
