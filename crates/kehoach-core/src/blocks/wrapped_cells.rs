//! Shape (h): a printed table as plain `pdftotext` (no `-layout`) gives it, the way
//! the Official Gazette's PDFs reach a clerk (NQ 105/NQ-CP, fixture 211). Every cell
//! comes as its own run of lines, wrapped at its column's width, with nothing
//! between cells: a header of names a line or two each (`Cơ quan` / `chủ trì`), then
//! each row's number alone on a line, then its cells in column order. A row cut by a
//! page goes on after the page's chrome and the repeated header.
//!
//! Nothing marks where a cell ends, so a row's lines are split where the reading is
//! most likely: a cell starts with a capital or a figure, never after a line that
//! stops on a comma, a hyphen or a word that needs its complement (`của`, `và`,
//! `số`); a narrow column's lines are short; a deadline column starts with a
//! deadline's word. A dynamic program over the row's lines and the columns picks the
//! best split: linear in the lines (rows longer than [`MAX_SPLIT_LINES`] keep their
//! lines in the content cell).

use super::{
    column_of, last_word, opens_part, row_number, Column, RawCell, RawRow, RawTable, Role,
    RowNumber, TableShape,
};
use crate::source::{LineView, Span};
use crate::text::{at_most_chars, Case};

/// A header is a few short names; more lines than this is no header.
const MAX_HEADER_LINES: usize = 16;
/// The lines a row may hold before the reading gives up on it (a runaway row is no
/// table's).
const MAX_ROW_LINES: usize = 400;
/// Rows with more lines than this are not split into cells: the split costs the
/// row's lines times the columns, and the bound keeps a pathological row's cost flat.
const MAX_SPLIT_LINES: usize = 160;
/// A line at least this long belongs to a wide column (the task's), not a narrow one.
const LONG_LINE: usize = 30;
/// A line shorter than this, unless it ends a paragraph, is a narrow column's.
const SHORT_LINE: usize = 20;

/// Words a line does not end on when the sentence goes on: the next line is the
/// same cell's, whatever its capital.
const CONNECTORS: [&str; 30] = [
    "của", "và", "các", "cơ", "với", "về", "theo", "tại", "số", "ngày", "tháng", "năm", "trong",
    "cho", "để", "đến", "từ", "là", "có", "được", "những", "trên", "hoặc", "khóa", "ở", "bằng",
    "như", "nhằm", "do", "vào",
];

/// Words that open a name the next line goes on with (`Bộ` / `Tài chính`, `Việt` /
/// `Nam`).
const NAME_OPENERS: [&str; 7] = ["Bộ", "Sở", "Ủy", "Ban", "Cục", "Vụ", "Việt"];

/// Heads of an office (`Chủ tịch`) go on with the office (`Ủy ban nhân dân …`).
const HEADS: [&str; 5] = ["Chủ tịch", "Giám đốc", "Bộ trưởng", "Thủ trưởng", "Trưởng"];
const OFFICES: [&str; 5] = ["Ủy ban", "Sở ", "Bộ ", "Ban ", "Hội đồng"];

/// Words a deadline cell starts with.
const DEADLINE_STARTS: [&str; 13] = [
    "Thường xuyên",
    "Trước",
    "Quý",
    "Năm",
    "Tháng",
    "Theo",
    "Hằng",
    "Hàng",
    "Định kỳ",
    "Từ",
    "Giai đoạn",
    "Đến",
    // `Nhiệm vụ thường xuyên`: a standing task.
    "Nhiệm vụ thường",
];

/// Tables of shape (h) in lines still read as text, added to `out`; their lines
/// become table lines, a repeated header's lines blank.
pub(super) fn find_wrapped_cells(
    text: &str,
    lines: &[LineView],
    role: &mut [Role],
    out: &mut Vec<RawTable>,
) {
    let mut k = 0;
    while k < lines.len() {
        let l = &lines[k];
        let opens = role[k] == Role::Text
            && l.content.len() <= 3
            && column_of(l.content.text(text)) == Column::Number;
        if opens {
            if let Some(end) = wrapped_table(text, lines, k, role, out) {
                k = end;
                continue;
            }
        }
        k += 1;
    }
}

/// A header read from its lines: the names (a name's second line starts in lower
/// case), and the lines it took.
struct Header {
    names: Vec<RawCell>,
    columns: Vec<Column>,
    /// The first line after it.
    end: usize,
    /// Its lines' texts, to know it again where a page repeats it.
    texts: Vec<Span>,
}

fn header_at(text: &str, lines: &[LineView], role: &[Role], at: usize) -> Option<Header> {
    let mut names: Vec<RawCell> = Vec::new();
    let mut texts = vec![lines[at].content];
    let mut j = at + 1;
    while j < lines.len() && j - at <= MAX_HEADER_LINES {
        let l = &lines[j];
        if role[j] != Role::Text || l.is_blank() {
            return None;
        }
        let t = l.content.text(text);
        // The first row: its number alone, or a group's numeral with its title.
        if Count::default().opening(t).is_some() {
            break;
        }
        // Another number column's name: no header of one table (a run of headers
        // with no rows is read no further).
        if !at_most_chars(t, 40) || t.len() <= 3 && column_of(t) == Column::Number {
            return None;
        }
        match names.last_mut() {
            Some(last) if t.starts_with(char::is_lowercase) => last.push(l.content),
            _ => names.push(RawCell::One(l.content)),
        }
        texts.push(l.content);
        j += 1;
    }
    let columns: Vec<Column> = names.iter().map(|c| column_of(&joined(text, c))).collect();
    let has = |c: Column| columns.contains(&c);
    let known = columns.iter().filter(|c| **c != Column::Unknown).count();
    (names.len() >= 3
        && known >= 3
        && has(Column::Content)
        && (has(Column::Lead) || has(Column::Timeline)))
    .then_some(Header {
        names,
        columns,
        end: j,
        texts,
    })
}

/// A cell's pieces as one text, a space between them.
fn joined(text: &str, c: &RawCell) -> String {
    let mut s = String::new();
    for p in c.iter() {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(p.text(text));
    }
    s
}

/// What opens a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opening {
    Figure(u32),
    /// A group's numeral (`I`, `II`).
    Numeral,
    /// `a)`
    Letter,
    /// `2.1` under row `2`.
    Sub,
}

/// The rows' count so far: the figure and numeral a next row takes.
struct Count {
    figure: u32,
    numeral: u32,
    /// The next sub-row under the last figure (`2.1`, `2.2`).
    sub: u32,
    /// A figure may start again at 1 at the table's start and under a group only.
    restart: bool,
}

impl Default for Count {
    fn default() -> Self {
        Count {
            figure: 1,
            numeral: 1,
            sub: 1,
            restart: true,
        }
    }
}

impl Count {
    /// A row's number alone on line `t`, a group's numeral with its title after it
    /// (`III Tiếp tục sắp xếp …`, glued by the extraction) or a sub-row's number with
    /// its text (`2.1 Theo dõi, …`), when the count expects it: what opens the row,
    /// and where its text starts on the line.
    fn opening(&self, t: &str) -> Option<(Opening, usize)> {
        // (`I.`: a numeral with its stop, as `1.` is a figure with its own.)
        if let Some(n) = row_number(t).or_else(|| row_number(t.strip_suffix('.')?)) {
            let o = match n {
                RowNumber::Figure(v) if v == self.figure || (v == 1 && self.restart) => {
                    Opening::Figure(v)
                }
                RowNumber::Numeral(v) if v == self.numeral => Opening::Numeral,
                RowNumber::Letter => Opening::Letter,
                _ => return None,
            };
            return Some((o, t.len()));
        }
        // `1.1` alone on its line under row `1.`.
        if !t.contains(' ') {
            return self.sub_number(t).map(|o| (o, t.len()));
        }
        let (word, rest) = t.split_once(' ')?;
        let title = rest.trim_start();
        if !title.starts_with(char::is_uppercase) {
            return None;
        }
        let title_at = t.len() - title.len();
        if crate::text::roman_value(word.trim_end_matches('.')) == Some(self.numeral) {
            return Some((Opening::Numeral, title_at));
        }
        // `7. Xây dựng Nghị quyết …`: a row's number with its text (QĐ 844's annex).
        if let Some(RowNumber::Figure(v)) = row_number(word) {
            let expected = v == self.figure || (v == 1 && self.restart);
            return expected.then_some((Opening::Figure(v), title_at));
        }
        self.sub_number(word).map(|o| (o, title_at))
    }

    /// `2.1` under row `2`, the next sub-row the count expects.
    fn sub_number(&self, word: &str) -> Option<Opening> {
        let (parent, sub) = word.trim_end_matches('.').split_once('.')?;
        let under = self.figure.checked_sub(1).filter(|&f| f > 0);
        (parent.parse::<u32>().ok() == under && sub.parse::<u32>().ok() == Some(self.sub))
            .then_some(Opening::Sub)
    }

    fn advance(&mut self, o: Opening) {
        match o {
            Opening::Figure(v) => (self.figure, self.sub, self.restart) = (v + 1, 1, false),
            // Rows under a group go on counting or start again at 1.
            Opening::Numeral => {
                (self.numeral, self.sub, self.restart) = (self.numeral + 1, 1, true)
            }
            Opening::Sub => self.sub += 1,
            Opening::Letter => {}
        }
    }
}

/// Whether the header stands again at line `k` (after a page's chrome).
fn header_again(text: &str, lines: &[LineView], role: &[Role], k: usize, h: &Header) -> bool {
    h.texts.iter().enumerate().all(|(n, s)| {
        lines
            .get(k + n)
            .is_some_and(|l| role[k + n] == Role::Text && l.content.text(text) == s.text(text))
    })
}

/// Whether a line ends the table: a heading, a part's opening (`Phụ lục II`). A
/// document's title is in capitals: `Quyết định` on a line is a product's cell
/// (`Quyết định` / `biểu dương, khen thưởng`).
fn ends_table(t: &str) -> bool {
    let titled = t.starts_with(['K', 'k', 'Q', 'q']);
    (opens_part(t) && (!titled || !t.chars().any(char::is_lowercase)))
        || crate::markers::marker_of(t)
            .is_some_and(|m| m.level <= crate::markers::Level::Section && m.len < t.len())
}

/// The table whose header starts at line `at`, pushed to `out`; the line after it.
fn wrapped_table(
    text: &str,
    lines: &[LineView],
    at: usize,
    role: &mut [Role],
    out: &mut Vec<RawTable>,
) -> Option<usize> {
    let header = header_at(text, lines, role, at)?;
    let width = header.names.len();
    let mut count = Count::default();
    let number_at = |k: usize, count: &Count| -> Option<(Opening, usize)> {
        let l = lines.get(k)?;
        (role[k] == Role::Text)
            .then(|| count.opening(l.content.text(text)))
            .flatten()
    };
    let mut rows = Vec::new();
    let mut repeated: Vec<usize> = Vec::new();
    let mut k = header.end;
    let mut last = header.end - 1;
    while let Some((n, title_at)) = number_at(k, &count) {
        count.advance(n);
        let start = k;
        let (mut before, mut after) = (Vec::new(), Vec::new());
        let mut broken = false;
        k += 1;
        while k < lines.len() && k - start < MAX_ROW_LINES {
            let l = &lines[k];
            match role[k] {
                Role::Chrome => {
                    broken = true;
                    k += 1;
                    continue;
                }
                Role::Text => {}
                _ => break,
            }
            if l.is_blank() {
                k += 1;
                continue;
            }
            if number_at(k, &count).is_some() || ends_table(l.content.text(text)) {
                break;
            }
            if broken && header_again(text, lines, role, k, &header) {
                repeated.extend(k..k + header.texts.len());
                k += header.texts.len();
                continue;
            }
            // Two cells side by side on one line, two spaces or more apart
            // (`cơ quan ngang bộ  Bộ Tư pháp`, NQ 97/NQ-CP): a piece each.
            let into = if broken { &mut after } else { &mut before };
            into.extend(side_by_side(text, l.content));
            last = k;
            k += 1;
        }
        last = last.max(start);
        let at_line = lines[start].content;
        let head = &text[at_line.start..at_line.start + title_at];
        let number = Span::new(at_line.start, at_line.start + head.trim_end().len());
        let mut cells = vec![RawCell::One(number)];
        // A sub-row's text starts on its number's line (`2.1 Theo dõi, …`).
        let inline = Span::new(at_line.start + title_at, at_line.end);
        if matches!(n, Opening::Sub | Opening::Figure(_)) && !inline.is_empty() {
            before.insert(0, inline);
        }
        if matches!(n, Opening::Numeral) {
            // A group's title runs over the row.
            let mut title = RawCell::of_piece(Span::new(at_line.start + title_at, at_line.end));
            for p in before.into_iter().chain(after) {
                title.push(p);
            }
            cells.push(title);
        } else {
            let mut split = split_cells(text, &before, &header.columns);
            go_on_after_page(text, &after, &mut split, &header.columns);
            cells.extend(split);
        }
        let span = Span::new(lines[start].span.start, lines[last].span.end);
        rows.push(RawRow { cells, span });
        k = last + 1;
        // Skip what stands between this row and the next: a page's chrome and the
        // repeated header.
        while k < lines.len() && (role[k] == Role::Chrome || lines[k].is_blank()) {
            k += 1;
        }
        if header_again(text, lines, role, k, &header) {
            repeated.extend(k..k + header.texts.len());
            k += header.texts.len();
        }
        if number_at(k, &count).is_none() {
            break;
        }
    }
    let full = rows.iter().filter(|r| r.cells.len() == width + 1).count();
    if rows.len() < 2 || full == 0 {
        return None;
    }
    for r in role.iter_mut().take(last + 1).skip(at) {
        if *r == Role::Text {
            *r = Role::Table;
        }
    }
    for j in repeated {
        if j <= last {
            role[j] = Role::PipeOnly;
        }
    }
    let mut header_cells = vec![RawCell::One(lines[at].content)];
    header_cells.extend(header.names);
    out.push(RawTable {
        shape: TableShape::WrappedCells,
        span: Span::new(lines[at].span.start, lines[last].span.end),
        header: Some(RawRow {
            cells: header_cells,
            span: Span::new(lines[at].span.start, lines[header.end - 1].span.end),
        }),
        column_numbers: None,
        rows,
    });
    Some(last + 1)
}

/// How likely a cell of column `column` starts at line `next`, after line `prev`.
fn opening_score(prev: &str, next: &str, column: Column) -> Option<i32> {
    if !next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
        return None;
    }
    let mut score = 0;
    let head_of_office =
        HEADS.iter().any(|h| prev.ends_with(h)) && OFFICES.iter().any(|o| next.starts_with(o));
    let last = last_word(prev);
    // (`Các` alone on a line, `Các` / `Bộ, ngành`: the connector in capitals.)
    let connector = CONNECTORS.contains(&last)
        || (last.starts_with(char::is_uppercase) && CONNECTORS.contains(&last.lower().as_str()));
    if prev.ends_with([',', ';', '-', '–', '/', '('])
        || connector
        || NAME_OPENERS.contains(&last)
        || head_of_office
    {
        score -= 30;
    }
    let (a, b) = (prev.chars().count(), next.chars().count());
    if a >= LONG_LINE && b >= LONG_LINE {
        score -= 20;
    }
    score += i32::try_from(a.abs_diff(b).min(30)).unwrap_or(30) / 3;
    let deadline = DEADLINE_STARTS.iter().any(|w| next.starts_with(w));
    Some(score + timeline_bonus(column, deadline))
}

/// A deadline column's cell starts with a deadline's word.
fn timeline_bonus(column: Column, deadline_word: bool) -> i32 {
    match (column, deadline_word) {
        (Column::Timeline, true) => 15,
        (Column::Timeline, false) => -5,
        _ => 0,
    }
}

/// A row's lines (before any page break) split into the header's columns.
fn split_cells(text: &str, pieces: &[Span], columns: &[Column]) -> Vec<RawCell> {
    let width = columns.len();
    let mut cells: Vec<RawCell> = (0..width).map(|_| RawCell::None).collect();
    let Some(content) = columns.iter().position(|c| *c == Column::Content) else {
        return cells;
    };
    if pieces.is_empty() {
        return cells;
    }
    let texts: Vec<&str> = pieces.iter().map(|p| p.text(text)).collect();
    let m = texts.len();
    // A bracket open at the end of line i - 1 (`(sau khi Chính` / `phủ ban hành`):
    // no cell starts inside it.
    let mut open_before = Vec::with_capacity(m);
    let mut depth = 0i32;
    for t in &texts {
        open_before.push(depth > 0);
        depth = (depth + bracket_balance(t)).max(0);
    }
    // Cells from the content column on; those before it (rare) stay empty.
    let cols = &columns[content..];
    let c_n = cols.len();
    if m > MAX_SPLIT_LINES || c_n == 1 {
        for p in pieces {
            cells[content].push(*p);
        }
        return cells;
    }
    // best[i][c]: the best score with line i in cell c; from[i][c]: the cell of line
    // i - 1 on that best path.
    const NONE: i32 = i32::MIN / 2;
    let mut best = vec![NONE; m * c_n];
    let mut from = vec![0usize; m * c_n];
    best[0] = 0;
    // What each line costs and scores, reckoned once (the program asks for each
    // column).
    let long: Vec<bool> = texts
        .iter()
        .map(|t| t.chars().count() >= LONG_LINE)
        .collect();
    let opening: Vec<Option<i32>> = (0..m)
        .map(|i| {
            let open = opening_score(texts[i.max(1) - 1], texts[i], Column::Unknown)?;
            Some(if open_before[i] { open - 40 } else { open })
        })
        .collect();
    let deadline: Vec<bool> = texts
        .iter()
        .map(|t| DEADLINE_STARTS.iter().any(|w| t.starts_with(w)))
        .collect();
    let stay_cost = |i: usize, c: usize| -> i32 {
        if c != 0 && long[i] {
            -25
        } else {
            0
        }
    };
    for i in 1..m {
        for c in 0..c_n {
            let mut here = NONE;
            let mut whence = 0;
            // The same cell goes on.
            let stay = best[(i - 1) * c_n + c];
            if stay > NONE {
                here = stay + stay_cost(i, c);
                whence = c;
            }
            // A new cell opens: the next column, or the one after an empty one.
            for skip in 1..=2usize {
                let Some(p) = c.checked_sub(skip) else {
                    continue;
                };
                let before = best[(i - 1) * c_n + p];
                if before <= NONE {
                    continue;
                }
                let Some(open) = opening[i] else {
                    continue;
                };
                let open = open + timeline_bonus(cols[c], deadline[i]);
                let empty = if skip == 2 { -40 } else { 0 };
                let s = before + open + empty + stay_cost(i, c);
                if s > here {
                    here = s;
                    whence = p;
                }
            }
            best[i * c_n + c] = here;
            from[i * c_n + c] = whence;
        }
    }
    // End in the last column, or the one before it with the last cell empty.
    let end = [c_n - 1, c_n.saturating_sub(2)]
        .into_iter()
        .map(|c| {
            (
                best[(m - 1) * c_n + c] - if c == c_n - 1 { 0 } else { 40 },
                c,
            )
        })
        .max_by_key(|(s, _)| *s)
        .filter(|(s, _)| *s > NONE / 2);
    let Some((_, mut c)) = end else {
        for p in pieces {
            cells[content].push(*p);
        }
        return cells;
    };
    let mut owner = vec![0usize; m];
    for i in (0..m).rev() {
        owner[i] = c;
        c = from[i * c_n + c];
    }
    // The deadline left empty, and the last line ends with one: the extraction put
    // two cells on one line (`văn bản phối hợp Thường xuyên`).
    let glued = (cols[c_n - 1] == Column::Timeline && owner[m - 1] + 1 < c_n)
        .then(|| deadline_at_end(texts[m - 1]))
        .flatten();
    for (i, (p, c)) in pieces.iter().zip(owner).enumerate() {
        match glued {
            Some(at) if i == m - 1 => {
                cells[content + c].push(Span::new(p.start, p.start + at));
                let rest = &texts[i][at..];
                let lead = rest.len() - rest.trim_start().len();
                cells[content + c_n - 1].push(Span::new(p.start + at + lead, p.end));
            }
            _ => cells[content + c].push(*p),
        }
    }
    cells
}

/// A line's text cut at each run of two spaces or more: the cells plain
/// `pdftotext` set side by side (one piece where there is no such run).
fn side_by_side(text: &str, line: Span) -> Vec<Span> {
    let t = line.text(text);
    let mut out = Vec::new();
    let mut from = 0;
    let mut search = 0;
    while let Some(at) = t[search..].find("  ").map(|i| search + i) {
        let end = at + t[at..].len() - t[at..].trim_start_matches(' ').len();
        if end >= t.len() {
            break;
        }
        out.push(Span::new(line.start + from, line.start + at));
        from = end;
        search = end;
    }
    out.push(Span::new(line.start + from, line.end));
    out.retain(|s| !s.is_empty());
    out
}

/// Where a deadline starts inside `t`, after a space (`… phối hợp Thường xuyên`).
fn deadline_at_end(t: &str) -> Option<usize> {
    DEADLINE_STARTS
        .iter()
        .filter_map(|w| t.rfind(&format!(" {w}")))
        .filter(|&at| at > 0)
        .min()
}

/// A row's lines after a page break: its cells' rest, in column order, each to a
/// cell that has text. The task's column is wide: two short lines in a row are a
/// narrow column's (only a paragraph's last line is short), and of those the one
/// the page cut is most likely the tallest (a deadline's is seldom long). Between
/// narrow columns, a line that opens a cell (a capital after a line that stops) goes
/// to the next.
fn go_on_after_page(text: &str, after: &[Span], cells: &mut [RawCell], columns: &[Column]) {
    let filled: Vec<usize> = (0..cells.len()).filter(|&c| !cells[c].is_empty()).collect();
    if filled.is_empty() {
        return;
    }
    let is_content = |c: usize| columns.get(c) == Some(&Column::Content);
    let tallest = filled
        .iter()
        .enumerate()
        .filter(|(_, &c)| !is_content(c) && columns.get(c) != Some(&Column::Timeline))
        .max_by_key(|(n, &c)| (cells[c].len(), std::cmp::Reverse(*n)))
        .map(|(n, _)| n);
    let short = |p: &Span| p.text(text).chars().count() < SHORT_LINE;
    // A cell whose bracket is still open was cut by the page: its rest comes first.
    let open_at = filled.iter().position(|&c| {
        let balance: i32 = cells[c].iter().map(|p| bracket_balance(p.text(text))).sum();
        balance > 0
    });
    let mut at = open_at.unwrap_or(0);
    // Brackets open in the cell being filled (`(theo yêu cầu` … `Viên` / `chức)`).
    let mut depth = 0i32;
    for (j, p) in after.iter().enumerate() {
        if j > 0 && depth == 0 {
            let prev = after[j - 1].text(text);
            if is_content(filled[at]) {
                if short(p) && after.get(j + 1).is_some_and(short) {
                    at = tallest.unwrap_or(at);
                }
            } else if at + 1 < filled.len()
                && opening_score(prev, p.text(text), Column::Unknown).is_some_and(|s| s > -10)
            {
                at += 1;
            }
        }
        cells[filled[at]].push(*p);
        depth = (depth + bracket_balance(p.text(text))).max(0);
    }
}

/// `(` less `)` in `t`.
fn bracket_balance(t: &str) -> i32 {
    t.bytes().fold(0, |d, b| match b {
        b'(' => d + 1,
        b')' => d - 1,
        _ => d,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The one table the first pass finds in `text`.
    fn only_table(text: &str) -> RawTable {
        let mut tables = super::super::scan(text).tables;
        assert_eq!(tables.len(), 1, "one table: {tables:?}");
        tables.remove(0)
    }

    /// Each row's cells as text, a cell's lines joined.
    fn row_texts(text: &str, t: &RawTable) -> Vec<Vec<String>> {
        t.rows
            .iter()
            .map(|r| r.cells.iter().map(|c| joined(text, c)).collect())
            .collect()
    }

    /// Lines a Gazette table is made of, in any order and number: the reading
    /// never panics, and every cell it reads lies on the text's lines.
    fn table_line() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "TT",
            "Nội dung công việc",
            "Cơ quan",
            "chủ trì",
            "Cơ quan",
            "phối hợp",
            "Thời hạn",
            "hoàn thành",
            "Sản phẩm",
            "1",
            "2",
            "3",
            "I",
            "II",
            "III Nhóm",
            "2.1 Theo dõi",
            "Các bộ, cơ",
            "quan ngang bộ",
            "Thường xuyên",
            "(theo yêu",
            "cầu)",
            "Quý II/2026",
            "",
            "----- [Trang 2] -----",
            "Phụ lục II",
            "Quyết định",
            "Tăng cường công tác lãnh đạo, chỉ đạo việc quán triệt thực hiện",
        ])
    }

    /// QĐ 844/QĐ-TTg's annex through plain `pdftotext` (fixture 131): narrow cells a
    /// word a line, a group's title on its numeral's line (`II. Hoàn thiện …`), rows
    /// counted on across groups with their text on the number's line (`7. Xây …`),
    /// and a product and its deadline glued on one line.
    #[test]
    fn rows_with_their_text_on_the_number_s_line() {
        let text = "STT\nTên nhiệm vụ cụ thể\nCơ quan\nchủ trì\nCơ quan\nphối hợp\nKết quả\nThời gian hoàn\nthành\nI. Đổi mới tư duy và hành động\n1.\nTăng cường lãnh đạo, chỉ đạo xây dựng và\ntổ chức thực hiện hiệu quả các chủ trương.\nCác\nbộ\nở\nTrung ương,\nỦy ban nhân\ndân cấp tỉnh\nCác cơ quan, tổ\nchức, đơn vị.\nVăn bản chỉ đạo\nThường xuyên\nII. Hoàn thiện thể chế về bảo hiểm y tế\n2. Xây dựng Luật Bảo hiểm y tế sửa đổi.\nBộ Y tế\nBộ Tài chính\nCác hoạt động,\nvăn bản phối hợp Thường xuyên\n";
        let rows = row_texts(text, &only_table(text));
        assert_eq!(rows[0], ["I.", "Đổi mới tư duy và hành động"]);
        assert_eq!(rows[1][2], "Các bộ ở Trung ương, Ủy ban nhân dân cấp tỉnh");
        assert_eq!(rows[1][5], "Thường xuyên");
        assert_eq!(rows[2], ["II.", "Hoàn thiện thể chế về bảo hiểm y tế"]);
        assert_eq!(
            rows[3],
            [
                "2.",
                "Xây dựng Luật Bảo hiểm y tế sửa đổi.",
                "Bộ Y tế",
                "Bộ Tài chính",
                "Các hoạt động, văn bản phối hợp",
                "Thường xuyên"
            ]
        );
    }

    /// NQ 100/NQ-CP's annex: a group's numeral with its stop alone (`I.`), a connector
    /// in capitals alone on a line (`Các` / `Bộ, ngành`), a ministry's name cut
    /// after `Bộ`.
    #[test]
    fn names_cut_after_their_first_word_go_on() {
        let text = "TT\nTên nhiệm vụ\nCơ quan\nchủ trì\nCơ\nquan\nphối hợp\nKết quả\nThời\nhạn\nhoàn thành\nI.\nTăng cường sự lãnh đạo của Đảng\n1.\nTổ chức tuyên truyền, phổ biến, quán triệt thường\nxuyên về nội dung Chỉ thị\nBộ Ngoại giao\nCác\nBộ, ngành, địa phương\nHội nghị, tập huấn\nThực hiện thường\nxuyên.\n2.\nTừng bước xây dựng hệ thống dữ liệu liên thông\nBộ Ngoại giao\nBộ Công an, Bộ\nTài chính, các Bộ, ngành\nHệ thống dữ liệu\n2026 - 2030\n";
        let rows = row_texts(text, &only_table(text));
        assert_eq!(rows[0], ["I.", "Tăng cường sự lãnh đạo của Đảng"]);
        assert_eq!(rows[1][3], "Các Bộ, ngành, địa phương");
        assert_eq!(rows[1][5], "Thực hiện thường xuyên.");
        assert_eq!(rows[2][3], "Bộ Công an, Bộ Tài chính, các Bộ, ngành");
    }

    /// Two cells on one line two spaces apart (NQ 97/NQ-CP row 2: `cơ quan ngang
    /// bộ  Bộ Tư pháp`): the lead ends, the partners begin.
    #[test]
    fn cells_side_by_side_on_a_line_are_two() {
        let text = "TT\nTên nhiệm vụ\nCơ quan\nchủ trì\nCơ quan\nphối hợp\nKết quả\nThời gian\nhoàn thành\n1  \nRà soát các quy định về thủ tục hành chính\nBộ Tư pháp\nCác bộ, ngành\nBáo cáo\n2026\n2  \nThực hiện nghiêm chủ trương dứt khoát từ bỏ\ntư duy “không quản được thì cấm”\nCác bộ,          \ncơ quan ngang bộ  Bộ Tư pháp \nCác văn bản quy \nphạm pháp luật \nThường \nxuyên \n";
        let rows = row_texts(text, &only_table(text));
        assert_eq!(rows[1][2], "Các bộ, cơ quan ngang bộ");
        assert_eq!(rows[1][3], "Bộ Tư pháp");
        assert_eq!(rows[1][5], "Thường xuyên");
    }

    proptest! {
        #[test]
        fn any_table_lines_read_without_panic(
            picked in prop::collection::vec(table_line(), 0..120)
        ) {
            let text = picked.join("\n");
            let b = super::super::scan(&text);
            for t in &b.tables {
                for r in t.header.iter().chain(&t.rows) {
                    for c in &r.cells {
                        for p in c.iter() {
                            prop_assert!(p.end <= text.len() && text.is_char_boundary(p.start));
                        }
                    }
                }
            }
        }
    }

    /// NQ 105/NQ-CP's task table as the Gazette's PDF gives it through plain
    /// `pdftotext`: the header a name or two lines each, rows a cell after another,
    /// each wrapped at its column, a group row, and a row cut by a page.
    #[test]
    fn a_gazette_table_is_read_cell_by_cell() {
        let text = "Phụ lục I\nNHIỆM VỤ TRIỂN KHAI\n\nTT\nNội dung công việc\nCơ quan\nchủ trì\nCơ quan\nphối hợp\nCấp trình\nSản phẩm\nThời hạn\nhoàn thành\nI\nThực hiện hiệu quả công tác giáo dục chính trị\n1\nTăng cường công tác lãnh đạo, chỉ đạo\nviệc quán triệt, thực hiện Kết luận số 210-\nKL/TW; tiếp tục đẩy mạnh công tác\nthông tin, tuyên truyền cho người lao động\nCác bộ, cơ\nquan ngang\nbộ, Ủy ban\nnhân dân các\ntỉnh\nCác bộ,\nngành, cơ\nquan liên\nquan\nCấp có\nthẩm\nquyền\nVăn bản lãnh\nđạo, chỉ đạo\nThường xuyên\n2\nTham mưu ban hành Nghị định của\nChính phủ quy định chi tiết Luật Ngân sách\nBộ Tài chính\nCác bộ, cơ\nquan ngang\nbộ, Ủy ban\nChính phủ\nNghị định\nTheo yêu cầu\ncủa\ncấp\ncó\nthẩm quyền\n\n----- [Trang 2] -----\n\nTT\nNội dung công việc\nCơ quan\nchủ trì\nCơ quan\nphối hợp\nCấp trình\nSản phẩm\nThời hạn\nhoàn thành\nnhà nước, trong đó có quy định việc thực hiện\nnhân dân các\ntỉnh\n3\nCải cách thủ tục hành chính\nBộ Tư pháp\nCác bộ\nChính phủ\nBáo cáo\nQuý II/2026\n\nPhụ lục II\n";
        let t = only_table(text);
        assert_eq!(t.shape, TableShape::WrappedCells);
        let cell = |c: &RawCell| joined(text, c);
        let head: Vec<String> = t.header.iter().flat_map(|h| &h.cells).map(cell).collect();
        assert_eq!(
            head,
            [
                "TT",
                "Nội dung công việc",
                "Cơ quan chủ trì",
                "Cơ quan phối hợp",
                "Cấp trình",
                "Sản phẩm",
                "Thời hạn hoàn thành"
            ]
        );
        let rows = row_texts(text, &t);
        assert_eq!(rows.len(), 4, "{rows:#?}");
        assert_eq!(
            rows[0],
            ["I", "Thực hiện hiệu quả công tác giáo dục chính trị"]
        );
        assert_eq!(
            rows[1][2],
            "Các bộ, cơ quan ngang bộ, Ủy ban nhân dân các tỉnh"
        );
        assert_eq!(rows[1][3], "Các bộ, ngành, cơ quan liên quan");
        assert_eq!(rows[1][4], "Cấp có thẩm quyền");
        assert_eq!(rows[1][6], "Thường xuyên");
        assert!(rows[1][1].ends_with("cho người lao động"), "{rows:#?}");
        // The page cut row 2: its content and its partners go on after the header.
        assert_eq!(rows[2][2], "Bộ Tài chính");
        assert_eq!(rows[2][6], "Theo yêu cầu của cấp có thẩm quyền");
        assert!(rows[2][1].ends_with("việc thực hiện"), "{rows:#?}");
        assert_eq!(
            rows[2][3],
            "Các bộ, cơ quan ngang bộ, Ủy ban nhân dân các tỉnh"
        );
        assert_eq!(rows[3][6], "Quý II/2026");
        // The annex after the table is not the table's.
        assert!(super::super::scan(text).read.contains("Phụ lục II"));
    }
}
