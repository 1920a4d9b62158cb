//! (f) as `pdftotext -layout` writes a Word table: columns at character positions,
//! a header whose names wrap over two or three lines (`Cơ quan` / `chủ trì`), and
//! rows of several lines whose cells are centred vertically, so a row's number sits
//! on its middle line, not its first. Cells are separated by runs of spaces, or by
//! a single space where a justified cell fills its column (the gutters: positions
//! blank on every other line of the table).
//!
//! Each page is its own table (the running header between pages is chrome, and the
//! repeated header starts the next one).

use super::{is_header_row, make_table, RawCell, RawRow, RawTable, Role, TableShape};
use crate::source::{trim_noise, LineView, Span};

/// A run of text in a line: character columns `[from, to)` and its bytes.
#[derive(Debug, Clone, Copy)]
struct Piece {
    from: usize,
    to: usize,
    span: Span,
}

/// Runs of text separated by two spaces or more (or a form feed).
fn pieces(text: &str, l: &LineView) -> Vec<Piece> {
    let raw = l.span.text(text);
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    let mut spaces = 0;
    let mut last_end = (0, 0);
    for (x, (b, c)) in raw.char_indices().enumerate() {
        if c == ' ' || c == '\u{000C}' || c == '\u{00A0}' {
            spaces += 1;
            if spaces == 2 || c == '\u{000C}' {
                if let Some((fx, fb)) = start.take() {
                    out.push(piece(l, fx, fb, last_end));
                }
            }
            continue;
        }
        if start.is_none() {
            start = Some((x, b));
        }
        spaces = 0;
        last_end = (x + 1, b + c.len_utf8());
    }
    if let Some((fx, fb)) = start {
        out.push(piece(l, fx, fb, last_end));
    }
    out
}

fn piece(l: &LineView, from: usize, byte: usize, (to, end): (usize, usize)) -> Piece {
    Piece {
        from,
        to,
        span: Span::new(l.span.start + byte, l.span.start + end),
    }
}

/// The space before a capitalised word among the two words before the space at
/// `x` (after byte `from_b`), else the space at `x`: as (char index, byte).
fn capital_before(chars: &[(usize, char)], x: usize, from_b: usize) -> (usize, usize) {
    let mut words = 0;
    let mut k = x;
    while k > 0 && words < 2 {
        k -= 1;
        let (b, c) = chars[k];
        if b <= from_b {
            break;
        }
        if c == ' ' {
            words += 1;
            if chars.get(k + 1).is_some_and(|(_, n)| n.is_uppercase()) {
                return (k, b);
            }
        }
    }
    (x, chars[x].0)
}

/// A line of a header wrapped over lines: indented, short runs only.
fn is_header_fragment(text: &str, l: &LineView) -> bool {
    let p = pieces(text, l);
    !p.is_empty()
        && p.first().is_some_and(|f| f.from >= 8)
        && p.iter().all(|p| {
            let t = p.span.text(text);
            crate::text::at_most_chars(t, 22) && !t.starts_with(|c: char| c.is_ascii_digit())
        })
}

/// `I`, `II.`, `IV`: a group row's numeral.
fn is_roman(t: &str) -> bool {
    let t = t.trim_end_matches('.');
    !t.is_empty() && t.len() <= 5 && t.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
}

/// `1`, `12.`: a row's number.
fn is_row_number(t: &str) -> bool {
    let t = t.trim_end_matches('.');
    !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit())
}

fn starts_lower(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_lowercase)
}

fn starts_upper(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_uppercase)
}

/// The header's columns: pieces of the header lines grouped by overlapping
/// positions, in order; each with its pieces (in line order) and its extent.
fn header_columns(text: &str, header: &[LineView]) -> Vec<(usize, usize, RawCell)> {
    let mut all: Vec<Piece> = header.iter().flat_map(|l| pieces(text, l)).collect();
    crate::order::sort_by_key(&mut all, |p| p.from);
    let mut cols: Vec<(usize, usize, Vec<Piece>)> = Vec::new();
    for p in all {
        match cols.last_mut() {
            Some((_, to, ps)) if p.from <= *to + 1 => {
                *to = (*to).max(p.to);
                ps.push(p);
            }
            _ => cols.push((p.from, p.to, vec![p])),
        }
    }
    cols.into_iter()
        .map(|(from, to, mut ps)| {
            crate::order::sort_by_key(&mut ps, |p| p.span.start);
            (from, to, ps.iter().map(|p| p.span).collect())
        })
        .collect()
}

/// A header block: its first and last lines, its columns and their names.
struct Header {
    top: usize,
    bottom: usize,
    columns: Vec<(usize, usize, RawCell)>,
    names: Vec<String>,
}

impl Header {
    /// Where the number column ends, with slack: a row's number or a group's
    /// numeral stands left of it.
    fn number_to(&self) -> usize {
        self.columns.first().map_or(0, |c| c.1) + 3
    }
}

/// The header whose main line is `at`, with its wrapped lines above and below; `None`
/// when it neither wraps nor stands over rows numbered on their middle line (plain
/// (f), read elsewhere), or does not name columns.
fn header_at(text: &str, lines: &[LineView], role: &[Role], at: usize) -> Option<Header> {
    let usable = |k: usize| {
        role.get(k) == Some(&Role::Text)
            && !lines[k].is_blank()
            && !is_other_shape(lines[k].span.text(text))
    };
    if !usable(at) {
        return None;
    }
    // Wrapped names sit over or under the columns right of the task's name (the
    // number and task names fit on one line): a short line further left is the
    // table's first row, not its header (but for a column wrapped around the main
    // line next to a number column, below).
    let main = pieces(text, &lines[at]);
    let right_of = main.get(1).map_or(8, |p| p.from.saturating_sub(2));
    let fragment = |k: usize| {
        usable(k)
            && is_header_fragment(text, &lines[k])
            && pieces(text, &lines[k]).iter().all(|p| p.from >= right_of)
    };
    let mut top = if at > 0 && fragment(at - 1) {
        at - 1
    } else {
        at
    };
    let mut bottom = at;
    while bottom + 1 < lines.len() && bottom < at + 2 && fragment(bottom + 1) {
        bottom += 1;
    }
    // A column left of the task's may wrap around the main line too, when a number
    // column stands alone at the left: `Tên đơn vị được` / `TT   Đối tượng kiểm tra` /
    // `kiểm tra`. Both halves, over and under the main line, overlap.
    let number_first = main
        .first()
        .is_some_and(|p| matches!(p.span.text(text), "TT" | "STT"));
    if let (true, Some(n), true) = (number_first, main.first(), at > 0) {
        let from = n.to + 2;
        let around = |k: usize| {
            (k < lines.len() && usable(k) && is_header_fragment(text, &lines[k]))
                .then(|| pieces(text, &lines[k]))
                .filter(|ps| ps.iter().all(|p| p.from >= from))
        };
        if let (Some(over), Some(under)) = (around(at - 1), around(at + 1)) {
            let left = |ps: &[Piece]| -> Vec<(usize, usize)> {
                ps.iter()
                    .filter(|p| p.from < right_of)
                    .map(|p| (p.from, p.to))
                    .collect()
            };
            let (lo, lu) = (left(&over), left(&under));
            let overlaps = !lo.is_empty()
                && lo.len() == lu.len()
                && lo.iter().zip(&lu).all(|(a, b)| a.0 < b.1 && b.0 < a.1);
            if overlaps {
                top = top.min(at - 1);
                bottom = bottom.max(at + 1);
            }
        }
    }
    let number_column = main.first().filter(|_| number_first);
    if top == at
        && bottom == at
        && !number_column.is_some_and(|n| numbered_mid_row(text, lines, role, at, n))
    {
        return None;
    }
    let columns = header_columns(text, &lines[top..=bottom]);
    let names: Vec<String> = columns
        .iter()
        .map(|(_, _, spans)| {
            spans
                .iter()
                .map(|s| s.text(text))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    if columns.len() < 3 || !is_header_row(names.iter().map(String::as_str)) {
        return None;
    }
    Some(Header {
        top,
        bottom,
        columns,
        names,
    })
}

/// Under a header on one line, a row whose number sits on its middle line (KH 193
/// Ninh Bình: `     Rà soát quy hoạch …` over `1    2030, tầm nhìn …   Sở Xây
/// dựng`): the first line holds no number, and one of the next few lines starts
/// with one in the number's column (`number`, the header's `TT` or `STT`). A plain
/// (f) table starts each row with its
/// number.
fn numbered_mid_row(
    text: &str,
    lines: &[LineView],
    role: &[Role],
    at: usize,
    number: &Piece,
) -> bool {
    let body: Vec<Vec<Piece>> = (at + 1..lines.len())
        .take_while(|&k| role[k] == Role::Text)
        .filter(|&k| !lines[k].is_blank())
        .take(8)
        .map(|k| pieces(text, &lines[k]))
        .collect();
    let numbered = |ps: &Vec<Piece>| {
        ps.first()
            .is_some_and(|p| p.from <= number.to + 1 && is_row_number(p.span.text(text)))
    };
    let Some(first) = body.first() else {
        return false;
    };
    !numbered(first)
        && first.first().is_some_and(|p| p.from > number.to)
        && body.iter().skip(1).any(numbered)
}

/// A line of a table of another shape: a pipe row (`| STT | Nội dung |`) or a
/// tab row. `pdftotext -layout` writes neither, so such a line is never a line of
/// this table's header or body (a cell's own `a | b` inside a line may be).
fn is_other_shape(raw: &str) -> bool {
    raw.trim_start().starts_with('|') || raw.contains('\t')
}

/// Running headers' words (`CÔNG BÁO/Số 286/Ngày 27-05-2026`), found on the whole text.
type Running<'a> = crate::hash::FxHashSet<&'a str>;

fn is_running_header(running: &Running, raw: &str) -> bool {
    super::running_text(raw).is_some_and(|t| running.contains(t))
}

/// A page's running header or a form feed's line between two pages of a table.
fn is_page_break_line(text: &str, running: &Running, l: &LineView) -> bool {
    let raw = l.span.text(text);
    l.is_blank() || raw.contains('\u{000C}') || is_running_header(running, raw)
}

/// A page's number on its own line under a table: one bare number away from the
/// number column (`5` centred under KH 193 Ninh Bình's annex).
fn is_page_number(text: &str, page: &Header, cells: &[Piece]) -> bool {
    matches!(cells, [p] if p.from > page.number_to() && is_row_number(p.span.text(text)))
}

/// Reads the table whose header starts at `at` (its main line, or a wrapped line over
/// it), page after page while each page repeats the header (a repeated header is page
/// furniture, read as chrome); `None` where `header_at` finds none. Returns the
/// lines consumed from `at`.
pub(super) fn layout_table(
    text: &str,
    lines: &[LineView],
    at: usize,
    role: &mut [Role],
    running: &Running,
    out: &mut Vec<RawTable>,
) -> Option<usize> {
    // The line a header is found on may be its top line, wrapped over the main one.
    let first = header_at(text, lines, role, at).or_else(|| {
        (at + 1 < lines.len())
            .then(|| header_at(text, lines, role, at + 1))
            .flatten()
            .filter(|h| h.top == at)
    })?;
    let mut rows = vec![RawRow {
        cells: first.columns.iter().map(|(_, _, c)| c.clone()).collect(),
        span: lines[first.top].span.cover(lines[first.bottom].span),
    }];
    let (top, first_bottom, width) = (first.top, first.bottom, first.columns.len());
    let mut page = first;
    let mut end;
    loop {
        end = page_end(text, lines, role, running, &page);
        let (page_rows, continues) = page_rows(text, lines, &page, end);
        let mut page_rows = page_rows.into_iter();
        if continues && rows.len() > 1 {
            if let (Some(last), Some(more)) = (rows.last_mut(), page_rows.next()) {
                for (dst, src) in last.cells.iter_mut().zip(more.cells) {
                    dst.extend(src);
                }
                last.span = last.span.cover(more.span);
            }
        }
        rows.extend(page_rows);
        for r in role.iter_mut().take(end).skip(page.bottom + 1) {
            *r = Role::Table;
        }
        // The next page: its running header, then the same header again.
        let mut k = end;
        while k < lines.len()
            && role[k] == Role::Text
            && (is_page_break_line(text, running, &lines[k])
                || is_page_number(text, &page, &pieces(text, &lines[k])))
        {
            k += 1;
        }
        // (A form feed may sit on the repeated header's first wrapped line.)
        let next = (k..(k + 3).min(lines.len()))
            .find_map(|m| header_at(text, lines, role, m).filter(|h| h.top + 1 >= k && h.top <= k))
            .filter(|h| h.columns.len() == width && h.names == page.names);
        match next {
            Some(h) => {
                for r in role.iter_mut().take(h.bottom + 1).skip(h.top) {
                    *r = Role::Chrome;
                }
                page = h;
            }
            None => break,
        }
    }
    // The first header's lines are the table's.
    for r in role.iter_mut().take(first_bottom + 1).skip(top) {
        *r = Role::Table;
    }
    let span = Span::new(lines[top].span.start, lines[end - 1].span.end);
    out.push(make_table(text, TableShape::Columns, span, rows));
    Some(end - at)
}

/// Where a page of the table ends: at the next header, a page break, two blank
/// lines, or a note under the table after a blank line (trailing blank lines left
/// out).
fn page_end(
    text: &str,
    lines: &[LineView],
    role: &[Role],
    running: &Running,
    page: &Header,
) -> usize {
    let (bottom, names) = (page.bottom, page.names.as_slice());
    // The table's width in characters: a line after a blank line that runs over
    // most of it in one unnumbered piece is a note under the table (`(*) Nếu có sự
    // thay đổi …`), not a row (cells stand in their columns).
    let width = match (page.columns.first(), page.columns.last()) {
        (Some(a), Some(b)) => b.1.saturating_sub(a.0),
        _ => 0,
    };
    let mut end = bottom + 1;
    let mut blanks = 0;
    while end < lines.len() && role[end] == Role::Text {
        let raw = lines[end].span.text(text);
        if lines[end].is_blank() {
            blanks += 1;
            if blanks >= 2 {
                break;
            }
        } else {
            let cells = pieces(text, &lines[end]);
            // (A group row `VI. Đẩy mạnh …` runs over the table's width too: numbered.)
            let note = blanks > 0
                && cells.len() == 1
                && cells[0].to - cells[0].from >= width * 2 / 3
                && crate::markers::marker_of(cells[0].span.text(text)).is_none();
            // A pipe row, or after a blank line any line with a pipe or a tab, is a
            // table of another shape (as in the space-columns reader), never this
            // one's row.
            let other_shape =
                is_other_shape(raw) || (blanks > 0 && raw.bytes().any(|b| b == b'|' || b == b'\t'));
            // The page's number under its last row (`5`, away from the number
            // column, a blank line under it): the page ends there, whether or not a
            // form feed follows (fix-all turns form feeds into line breaks).
            let page_number = is_page_number(text, page, &cells) && {
                // Blank lines, then a page break, the header again or the text's end:
                // not a count alone in a figures column between two rows.
                let next = lines[end + 1..].iter().take(8).find(|n| !n.is_blank());
                next.is_none_or(|n| {
                    let k = n.idx;
                    n.span.text(text).contains('\u{000C}')
                        || is_running_header(running, n.span.text(text))
                        || header_at(text, lines, role, k).is_some_and(|h| h.names == names)
                })
            };
            if note || other_shape || page_number {
                break;
            }
            blanks = 0;
            // A body line whose cells read like column names (`Hoạt động …`,
            // `Kết quả …`) goes on; the page's own header repeated does not.
            let as_header = is_header_row(cells.iter().map(|p| p.span.text(text)))
                && header_at(text, lines, role, end).is_some_and(|h| h.names == names);
            if raw.contains('\u{000C}') || is_running_header(running, raw) || as_header {
                // The next page's header begins with its wrapped line above.
                if as_header && end > bottom + 1 && is_header_fragment(text, &lines[end - 1]) {
                    end -= 1;
                }
                break;
            }
        }
        end += 1;
    }
    while end > bottom + 1 && lines[end - 1].is_blank() {
        end -= 1;
    }
    end
}

/// The rows of one page of the table (its header's lines `page.top..=page.bottom`,
/// its body up to `end`), and whether the first continues the previous page's last.
fn page_rows(text: &str, lines: &[LineView], page: &Header, end: usize) -> (Vec<RawRow>, bool) {
    let (bottom, columns, names) = (page.bottom, &page.columns, &page.names);
    // The task's column (the first after the number, when none is named so).
    let content_col = names
        .iter()
        .position(|n| super::column_of(n) == super::Column::Content)
        .unwrap_or(1)
        .min(columns.len() - 1);
    let content_to = columns[content_col].1;
    let body: Vec<(usize, Vec<Piece>)> = (bottom + 1..end)
        .filter(|&k| !lines[k].is_blank())
        .map(|k| (k, pieces(text, &lines[k])))
        .collect();
    if body.is_empty() {
        return (Vec::new(), false);
    }

    // A group title's numeral stands in the number column (a task's text wrapped
    // before `XIII của Đảng …` is no group).
    let number_to = page.number_to();
    let is_group = |ps: &[Piece]| {
        ps.first().is_some_and(|p| {
            p.from <= number_to && is_roman(p.span.text(text).split(' ').next().unwrap_or(""))
        })
    };
    // Where each column ends. Cells are justified, left-aligned or centred under
    // centred names, so the names' centres only start the estimate: each piece goes
    // to the column its middle falls in, and each end moves to halfway between the
    // text of the two columns it separates (most lines' end, most lines' start).
    // A piece spanning two names' centres is cells `pdftotext` squeezed into one run
    // (their positions lost): it does not count.
    let centres: Vec<usize> = columns.iter().map(|(f, t, _)| (f + t) / 2).collect();
    let squeezed = |p: &Piece| centres.iter().filter(|&&c| p.from <= c && c < p.to).count() > 1;
    let number_like = |p: &Piece| {
        let t = p.span.text(text);
        is_row_number(t) || is_roman(t) || matches!(t, "-" | "+" | "*")
    };
    let clean: Vec<Piece> = body
        .iter()
        .filter(|(_, ps)| !is_group(ps))
        .flat_map(|(_, ps)| ps.iter().copied())
        .filter(|p| !squeezed(p) && !number_like(p))
        .collect();
    let mut bounds: Vec<usize> = centres.windows(2).map(|w| (w[0] + w[1]) / 2).collect();
    let side = |bounds: &[usize], x: usize| bounds.iter().take_while(|&&b| b < x).count();
    for _ in 0..3 {
        let mut ends: Vec<Vec<usize>> = vec![Vec::new(); columns.len()];
        let mut begins: Vec<Vec<usize>> = vec![Vec::new(); columns.len()];
        for p in &clean {
            let c = side(&bounds, (p.from + p.to) / 2);
            ends[c].push(p.to);
            begins[c].push(p.from);
        }
        for j in 0..bounds.len() {
            let (e, b) = (&mut ends[j], &mut begins[j + 1]);
            if e.is_empty() || b.is_empty() {
                continue;
            }
            crate::order::sort(e);
            crate::order::sort(b);
            let end = e[e.len() * 9 / 10];
            let begin = b[b.len() / 10];
            bounds[j] = (end + begin) / 2;
        }
    }
    // The task column takes every piece left of the lead's: short last lines of a
    // task sit under the number's column only by their middle.
    let column_at = |x: usize| side(&bounds, x).max(content_col.min(1));
    // A squeezed piece is cut at the spaces where its words would cross a column's
    // end, counting from where the piece starts.
    let split_squeezed = |p: Piece| -> Vec<(usize, Piece)> {
        let first = column_at(p.from);
        if !squeezed(&p) {
            return vec![(column_at((p.from + p.to) / 2), p)];
        }
        let t = p.span.text(text);
        let mut parts = Vec::new();
        let (mut from_x, mut from_b, mut col) = (p.from, 0, first);
        let chars: Vec<(usize, char)> = t.char_indices().collect();
        for (x, &(b, c)) in chars.iter().enumerate() {
            if c != ' ' || b <= from_b {
                continue;
            }
            // The end of the next word, if it joined this part.
            let word_end =
                p.from + x + 1 + chars[x + 1..].iter().take_while(|(_, c)| *c != ' ').count();
            if bounds.get(col).is_some_and(|&end| word_end > end + 1) {
                // A unit's name starts with a capital (`… tập trung vào Bộ Tài
                // chính`): cut before the capital of one of the two words before.
                let (x, b) = capital_before(&chars, x, from_b);
                parts.push((
                    col,
                    Piece {
                        from: from_x,
                        to: p.from + x,
                        span: Span::new(p.span.start + from_b, p.span.start + b),
                    },
                ));
                from_x = p.from + x + 1;
                from_b = b + 1;
                col = (col + 1).min(columns.len() - 1);
            }
        }
        parts.push((
            col,
            Piece {
                from: from_x,
                to: p.to,
                span: Span::new(p.span.start + from_b, p.span.end),
            },
        ));
        parts
    };
    let n = columns.len();
    let mut placed: Vec<(usize, Vec<RawCell>, bool)> = Vec::new();
    // Whether the line above is a group title that ran past the content column.
    let mut title_runs_on = false;
    for (k, ps) in &body {
        let mut cells: Vec<RawCell> = vec![RawCell::None; n];
        let tail = title_runs_on && ps.len() == 1 && starts_lower(ps[0].span.text(text));
        let group = is_group(ps);
        title_runs_on = (group || tail) && ps.last().is_some_and(|p| p.to > content_to + 2);
        if tail {
            cells[content_col].push(ps[0].span);
        } else if group {
            // `I. Title …` or `I` then the title: the numeral, then the rest.
            let first = ps[0].span.text(text);
            let numeral_len = first.split(' ').next().map_or(0, str::len);
            cells[0].push(Span::new(ps[0].span.start, ps[0].span.start + numeral_len));
            let rest = trim_noise(
                text,
                Span::new(ps[0].span.start + numeral_len, ps[0].span.end),
            );
            if !rest.is_empty() {
                cells[content_col].push(rest);
            }
            for p in &ps[1..] {
                cells[content_col].push(p.span);
            }
        } else {
            for &whole in ps {
                if number_like(&whole) && whole.from < bounds.first().copied().unwrap_or(0) {
                    cells[0].push(whole.span);
                    continue;
                }
                for (col, p) in split_squeezed(whole) {
                    let s = trim_noise(text, p.span);
                    if !s.is_empty() {
                        cells[col].push(s);
                    }
                }
            }
        }
        placed.push((*k, cells, group || tail));
    }

    // Rows: group titles (with their wrapped tail), then the numbered rows between
    // them, each the lines around its number (centred), as many above as below.
    let content = |i: usize| placed[i].1[content_col].first().map(|s| s.text(text));
    // A row's number, or the dash of a sub-row (`-  Công trình giao thông.`).
    let has_number = |i: usize| {
        placed[i].1[0]
            .first()
            .is_some_and(|s| is_row_number(s.text(text)) || matches!(s.text(text), "-" | "+"))
    };
    let mut rows: Vec<RawRow> = Vec::new();
    let mut continues = false;
    let push_row = |from: usize, to: usize, rows: &mut Vec<RawRow>| {
        let mut cells: Vec<RawCell> = vec![RawCell::None; n];
        for (_, row_cells, _) in &placed[from..=to] {
            for (dst, src) in cells.iter_mut().zip(row_cells) {
                dst.extend(src);
            }
        }
        let span = lines[placed[from].0].span.cover(lines[placed[to].0].span);
        rows.push(RawRow { cells, span });
    };
    let mut i = 0;
    while i < placed.len() {
        if placed[i].2 {
            // A group title, and the lines its title ran on to.
            let mut j = i;
            while j + 1 < placed.len() && placed[j + 1].2 && placed[j + 1].1[0].is_empty() {
                j += 1;
            }
            push_row(i, j, &mut rows);
            i = j + 1;
            continue;
        }
        // The region up to the next group title.
        let region_end = (i..placed.len())
            .find(|&j| placed[j].2)
            .unwrap_or(placed.len());
        let numbers: Vec<usize> = (i..region_end).filter(|&j| has_number(j)).collect();
        let mut s = i;
        // Lines that continue the previous page's last row.
        let mut lead_in = s;
        // (a lower-case start, or a bullet of the task's list).
        while lead_in < region_end
            && !has_number(lead_in)
            && content(lead_in)
                .is_some_and(|t| starts_lower(t) || t.starts_with("- ") || t.starts_with("+ "))
        {
            lead_in += 1;
        }
        if lead_in > s {
            continues |= rows.is_empty();
            push_row(s, lead_in - 1, &mut rows);
            s = lead_in;
        }
        for (m, &p) in numbers.iter().enumerate() {
            let e = match numbers.get(m + 1) {
                None => region_end - 1,
                Some(&next) => {
                    let limit = next - 1;
                    let mut e = (2 * p).saturating_sub(s).clamp(p, limit);
                    let starts_task =
                        |j: usize| j <= limit + 1 && content(j).is_some_and(starts_upper);
                    // A row of an even number of lines has its number just above
                    // or below its middle: the task's text decides.
                    // (Not a capital that ends a sentence the row's task left open,
                    // `… trên địa bàn tỉnh` / `Ninh Bình.` (KH 193 Ninh Bình), when
                    // the next row keeps a line above its number: a task with no stop
                    // over a two-line row's first line still ends before it.)
                    let stop = |t: &str| t.trim_end().ends_with(['.', ';', ':', '!', '?', ')']);
                    let ends_open_task = |j: usize| {
                        j < limit
                            && content(j).is_some_and(stop)
                            && (s..j).rev().find_map(&content).is_some_and(|t| !stop(t))
                    };
                    if e > p && starts_task(e) && !ends_open_task(e) {
                        e -= 1;
                    }
                    // A task's sentence goes on (in lower case) past the middle the
                    // number gives: the row does too.
                    loop {
                        let lower = |j: usize| j <= limit && content(j).is_some_and(starts_lower);
                        if lower(e + 1) {
                            e += 1;
                        } else if content(e + 1).is_none() && lower(e + 2) {
                            e += 2;
                        } else {
                            break;
                        }
                    }
                    e
                }
            };
            if s > e {
                continue;
            }
            push_row(s, e, &mut rows);
            s = e + 1;
        }
        if s < region_end {
            // Lines with no number: a row of their own.
            push_row(s, region_end - 1, &mut rows);
        }
        i = region_end;
    }

    (rows, continues)
}

#[cfg(test)]
mod tests {
    use crate::blocks::{scan, Blocks, RawRow, RawTable, TableShape};

    /// The one table the text holds.
    fn only_table(blocks: &Blocks) -> &RawTable {
        let [t] = blocks.tables.as_slice() else {
            panic!("one table: {:?}", blocks.tables);
        };
        t
    }

    /// Cell `c` of row `r`, its pieces joined with spaces.
    fn cell_text(text: &str, r: &RawRow, c: usize) -> String {
        r.cells[c]
            .iter()
            .map(|s| s.text(text))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Two pages of a task table as `pdftotext -layout` writes it (cut from fixture
    /// 181): names wrapped over three lines, rows centred on their number, a group
    /// title, a running header between the pages, the header repeated, and the last
    /// row of the first page going on at the top of the second.
    const TABLE: &str = r#"
                                                     Cơ quan          Cơ quan                       Thời gian hoàn
STT              Tên nhiệm vụ cụ thể                                                   Kết quả
                                                      chủ trì         phối hợp                           thành
I. Đổi mới mạnh mẽ tư duy và hành động trong lãnh đạo, chỉ đạo và tổ chức thực hiện công tác chăm sóc sức khoẻ
nhân dân
                                                   Các bộ ở
       Tăng cường lãnh đạo, chỉ đạo xây dựng và                   Các cơ quan, tổ
                                                   Trung ương,
       tổ chức thực hiện hiệu quả các chủ trương,                 chức, đơn vị
1.                                                 Ủy ban nhân                    Văn bản chỉ đạo Thường xuyên
       chính sách, pháp luật, chương trình, kế                    khác có liên
                                                   dân cấp tỉnh ở
       hoạch về bảo hiểm y tế.                                    quan.
                                                   địa phương
       Xây dựng Đề án về đổi mới, nâng cao hiệu quả
                                                                                       Quyết định của
       công tác truyền thông, phổ biến, giáo dục pháp                 Bộ Y tế, cơ quan,
2.                                                    Bộ Tài chính                     Bộ trưởng ban Quý I/2027
       luật về thực hiện bảo hiểm y tế trong giai đoạn                đơn vị liên quan
\u{c}                                         CÔNG BÁO/Số 286/Ngày 27-05-2026                                             96

                                                     Cơ quan          Cơ quan                       Thời gian hoàn
STT              Tên nhiệm vụ cụ thể                                                   Kết quả
                                                      chủ trì         phối hợp                           thành
       mới.
       Xây dựng Nghị quyết cho phép tính chi phí                      Bộ Tài chính, cơ  Nghị quyết của
3.                                                    Bộ Y tế         quan, đơn vị liên                    Đã hoàn thành
       quản lý vào giá dịch vụ y tế                                   quan              Chính phủ
"#;

    /// A header's line last in the text, without a line break after it, may be the
    /// top of a header wrapped over the next line: there is none (no panic).
    #[test]
    fn a_header_line_last_in_the_text() {
        for text in [
            "STT   Nội dung   Chủ trì",
            "KẾ HOẠCH\nThử\n\nSTT   Nội dung   Chủ trì   Thời gian",
        ] {
            let _ = crate::check(text);
        }
    }

    /// A schedule as `pdftotext -layout` gives it (pending fixture 203): a number
    /// column alone at the left, the next column's name wrapped around the main line
    /// (`Tên đơn vị được` / `TT  Đối tượng kiểm tra` / `kiểm tra`), rows numbered on
    /// their middle line, and a note under the table after a blank line.
    #[test]
    fn a_header_wrapped_around_its_number_column_and_a_note_under_the_table() {
        let text = r#"          Tên đơn vị được                                                                        Thời gian công bố     Thời hạn
  TT                                                Đối tượng kiểm tra
             kiểm tra                                                                            Quyết định kiểm tra   kiểm tra
                            Gói thầu số 13: Thi công công trình nối Quốc lộ 32 với cao tốc Nội
        Công ty cổ phần xây Bài - Lào Cai (IC14) đoạn thi công từ Km0 - Km2+571 và khu tái
   1     dựng giao thông    định cư 1, phường Trung Tâm và xã Liên Sơn, tỉnh Lào Cai                 23/3/2026         02 ngày
             Yên Bái        Gói thầu số 14: Thi công công trình đường kết nối Mường La (Sơn
                            La), Than Uyên, Tân Uyên (Lai Châu), Mù Cang Chải, tỉnh Lào Cai
          Công ty TNHH       Gói thầu số 15: Thi công công trình đường kết nối Mường La (Sơn
   3                                                                                                 27/3/2025         02 ngày
            Hiệp Phú         La), Than Uyên, Tân Uyên (Lai Châu), Mù Cang Chải, tỉnh Lào Cai

       (*) Nếu có sự thay đổi về thời gian công bố Quyết định kiểm tra, Sở Công Thương sẽ thông báo bằng văn bản (Thông tin
liên hệ: Ông Đỗ Mạnh Cường, SĐT: 0983 134 682).
"#;
        let blocks = scan(text);
        let t = only_table(&blocks);
        let cell = |r: &crate::blocks::RawRow, c: usize| cell_text(text, r, c);
        let header = t.header.as_ref().expect("a header row");
        let names: Vec<String> = (0..header.cells.len()).map(|c| cell(header, c)).collect();
        assert_eq!(
            names,
            [
                "TT",
                "Tên đơn vị được kiểm tra",
                "Đối tượng kiểm tra",
                "Thời gian công bố Quyết định kiểm tra",
                "Thời hạn kiểm tra"
            ]
        );
        assert_eq!(t.rows.len(), 2);
        assert_eq!(
            cell(&t.rows[0], 1),
            "Công ty cổ phần xây dựng giao thông Yên Bái"
        );
        assert_eq!(cell(&t.rows[0], 3), "23/3/2026");
        assert_eq!(cell(&t.rows[1], 0), "3");
        assert!(
            !cell(&t.rows[1], 1).contains("(*)"),
            "{}",
            cell(&t.rows[1], 1)
        );
        let note = text.find("(*)").unwrap_or_default();
        assert!(!blocks.in_table(note));
    }

    /// A header on one line over rows whose number sits on their middle line (KH 193
    /// Ninh Bình, cut from rows 3 to 5): read as the rows around their numbers, and a
    /// capital that goes on a task's open sentence (`… trên địa bàn tỉnh` / `Ninh
    /// Bình.`) stays in its row.
    #[test]
    fn a_one_line_header_over_rows_numbered_in_their_middle() {
        let text = r#"TT                     Nhiệm vụ                            Cơ quan chủ trì                 Cơ quan phối hợp               Thời gian thực hiện
     Dự thảo Nghị quyết của HĐND tỉnh quy định                                                                             Hoàn thành xong,
                                                       Sở Nông nghiệp và Phát      - Các sở, ban ngành có liên quan;
3    một số chính sách trồng, chăm sóc và bảo vệ                                                                           trình trong tháng
                                                           triển nông thôn         - UBND các huyện, thành phố.
     cây xanh trên địa bàn tỉnh Ninh Bỉnh                                                                                       6/2025
     Trình UBND tỉnh ban hành Đề án trồng,                                                                                 Ngay sau khi có
                                                       Sở Nông nghiệp và Phát      - Các sở, ban ngành có liên quan;
4    chăm sóc và bảo vệ cây xanh trên địa bàn tỉnh                                                                          Nghị quyết của
                                                           triển nông thôn         - UBND các huyện, thành phố.
     Ninh Bình.                                                                                                               HĐND tỉnh
     Nghiên cứu bổ sung chức năng, nhiệm vụ,
     nguồn lực cho Quỹ Bảo vệ và phát triển rừng       Sở Nông nghiệp và Phát      - Các sở, ban ngành có liên quan;
5                                                                                                                             Quý I/2025
     tỉnh Ninh Bình để thực hiện nhiệm vụ của              triển nông thôn         - UBND các huyện, thành phố.
     Chỉ thị.
"#;
        let blocks = scan(text);
        let t = only_table(&blocks);
        let cell = |r: &crate::blocks::RawRow, c: usize| cell_text(text, r, c);
        assert_eq!(t.rows.len(), 3);
        assert_eq!(cell(&t.rows[1], 0), "4");
        assert!(
            cell(&t.rows[1], 1).ends_with("tỉnh Ninh Bình."),
            "{}",
            cell(&t.rows[1], 1)
        );
        assert_eq!(
            cell(&t.rows[1], 2),
            "Sở Nông nghiệp và Phát triển nông thôn"
        );
        assert_eq!(
            cell(&t.rows[1], 4),
            "Ngay sau khi có Nghị quyết của HĐND tỉnh"
        );
        assert_eq!(cell(&t.rows[2], 4), "Quý I/2025");
    }

    /// Rows of two lines, the number on the lower, tasks with no stop: the next
    /// task's first line starts the next row (a review's find).
    #[test]
    fn two_line_rows_without_stops_keep_their_tasks_apart() {
        let text = "TT      Nhiệm vụ                                   Cơ quan chủ trì       Thời gian thực hiện\n        Xây dựng Kế hoạch triển khai\n1       thực hiện Chương trình                     Sở Nội vụ             Quý I/2026\n        Tổ chức hội nghị sơ kết\n2       việc thực hiện Chương trình                Sở Tài chính          Quý II/2026\n        Rà soát các văn bản\n3       quy phạm pháp luật                         Sở Tư pháp            Quý III/2026\n";
        let blocks = scan(text);
        let t = only_table(&blocks);
        let cell = |r: &crate::blocks::RawRow, c: usize| cell_text(text, r, c);
        let tasks: Vec<String> = t.rows.iter().map(|r| cell(r, 1)).collect();
        assert_eq!(
            tasks,
            [
                "Xây dựng Kế hoạch triển khai thực hiện Chương trình",
                "Tổ chức hội nghị sơ kết việc thực hiện Chương trình",
                "Rà soát các văn bản quy phạm pháp luật"
            ]
        );
    }

    #[test]
    fn a_pdftotext_table_reads_row_by_row_across_pages() {
        let text = TABLE[1..].replace("\\u{c}", "\u{c}");
        let blocks = scan(&text);
        assert_eq!(blocks.tables.len(), 1, "one table across the page break");
        let t = &blocks.tables[0];
        assert_eq!(t.shape, TableShape::Columns);
        let cell = |r: &crate::blocks::RawRow, c: usize| {
            r.cells[c]
                .iter()
                .map(|s| s.text(&text))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let header = t.header.as_ref().expect("a header row");
        assert_eq!(cell(header, 2), "Cơ quan chủ trì");
        assert_eq!(cell(header, 5), "Thời gian hoàn thành");
        let rows: Vec<Vec<String>> = t
            .rows
            .iter()
            .map(|r| (0..r.cells.len()).map(|c| cell(r, c)).collect())
            .collect();
        assert_eq!(rows.len(), 4, "{rows:#?}");
        assert_eq!(rows[0][0], "I.");
        assert!(rows[0][1].ends_with("sức khoẻ nhân dân"));
        assert_eq!(rows[1][0], "1.");
        assert_eq!(
            rows[1][1],
            "Tăng cường lãnh đạo, chỉ đạo xây dựng và tổ chức thực hiện hiệu quả các chủ trương, chính sách, pháp luật, chương trình, kế hoạch về bảo hiểm y tế."
        );
        assert_eq!(
            rows[1][2],
            "Các bộ ở Trung ương, Ủy ban nhân dân cấp tỉnh ở địa phương"
        );
        assert_eq!(rows[1][5], "Thường xuyên");
        // The row going on over the page keeps its last words.
        assert_eq!(rows[2][0], "2.");
        assert_eq!(rows[2][2], "Bộ Tài chính");
        assert!(
            rows[2][1].ends_with("trong giai đoạn mới."),
            "{}",
            rows[2][1]
        );
        assert_eq!(rows[3][2], "Bộ Y tế");
        assert_eq!(rows[3][5], "Đã hoàn thành");
        // The running header and the repeated header are no cells of the table.
        assert!(rows
            .iter()
            .flatten()
            .all(|c| !c.contains("CÔNG BÁO") && !c.contains("STT")));
        // A short line of the task's column under the repeated header, however far
        // it is indented, is the row's, not the header's.
        let deeper = text.replace("\n       mới.\n", "\n          mới.\n");
        assert_ne!(deeper, text);
        let t = &scan(&deeper).tables[0];
        assert_eq!(t.rows.len(), 4);
        let row2: Vec<&str> = t.rows[2].cells[1].iter().map(|s| s.text(&deeper)).collect();
        assert_eq!(row2.last(), Some(&"mới."));
    }
}
