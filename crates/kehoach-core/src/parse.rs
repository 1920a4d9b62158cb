//! Text → [`Plan`]. Never panics, linear in the input.
//!
//! The parser works in zones, as a reader does:
//! 1. find the title line (`KẾ HOẠCH`, or another kind word), which decides the kind;
//! 2. everything above it is the header: its cells are classified one by one, so the
//!    two header columns parse the same whether they come one after the other, side by
//!    side on one line, as a Markdown table or as Word cells joined by ` | `;
//! 3. below it: summary, `(Kèm theo …)`, bases, the opening paragraph, the numbered
//!    body, the closing paragraph;
//! 4. the foot (`Nơi nhận:` and the signature block, possibly interleaved).
//!
//! Lines it cannot place go to `unclassified`, never away.

use crate::dates::{date_at_start, parse_period};
use crate::model::*;
pub mod shapes;
use crate::pattern::{search, starts_with_letter_of};
mod zones;

pub use crate::markers::{marker_of, Marker};
pub use crate::reading::Source;
use crate::source::{LineIndex, LineView, Span};
use crate::text::{at_most_chars, fold, fold_starts_with, is_upper_text, Case, ADMIN_UNIT_WORDS};
pub use shapes::{authority_parts, is_signature_mark, SIGNING_TITLES};
use shapes::{kind_word, KIND_WORDS};
pub(crate) use zones::{aligned, Columns};
use zones::{find_annex_starts, parse_annex, parse_decision, table_of_raw, table_tasks};

/// Parses a plan from text.
pub fn parse(text: &str) -> Plan {
    let src = Source::new(text);
    parse_source(&src)
}

pub fn parse_source(src: &Source) -> Plan {
    let mut plan = Plan {
        kind: DocKind::Other,
        header: Header::default(),
        title: None,
        bases: Vec::new(),
        references: Vec::new(),
        opening: Vec::new(),
        body: Vec::new(),
        tasks: Vec::new(),
        period: None,
        closing: None,
        end_mark: false,
        recipients: None,
        signature: Signature::default(),
        unclassified: Vec::new(),
        salutation: None,
        tables: Vec::new(),
        annexes: Vec::new(),
        decision: None,
        footnotes: Vec::new(),
        appended: Vec::new(),
    };
    let lines = &src.logical;
    let kinds = detect_kind(src);
    plan.kind = kinds.kind;
    let title_line = kinds.title;

    let header_lines = match (kinds.decision, title_line) {
        (Some(d), _) | (None, Some(d)) => 0..d,
        // No title: a header may still stand at the top (a công văn, or a plan whose
        // title was lost): the leading lines made only of header cells.
        (None, None) => {
            0..lines
                .iter()
                .position(|l| {
                    l.cells
                        .iter()
                        .any(|c| classify_header_cell(c.text(src.read())) == HeaderCell::Other)
                        || marker_of(l.text(src.read())).is_some()
                })
                .unwrap_or(lines.len())
        }
    };
    let consumed_header = header_lines.end;
    parse_header(src, header_lines, &mut plan);

    // A decision that issues the plan: its summary, articles and foot come first.
    if let (Some(d), Some(t)) = (kinds.decision, title_line) {
        parse_decision(src, d, t, &mut plan);
    }

    // After the title: summary, attachment line, bases.
    let mut i = match title_line {
        Some(t) => parse_title(src, t, &mut plan),
        None => consumed_header,
    };
    i = parse_bases(src, i, &mut plan);

    let annex_starts = find_annex_starts(src, i);
    let mut content_end = annex_starts.first().copied().unwrap_or(lines.len());
    // A plan its decision signs has no signer of its own to end at: another document
    // after it (a routing slip scanned with it, its agency and national title) would
    // be read as its last item's text.
    if plan.kind == DocKind::PlanInDecision {
        if let Some(k) = other_document_start(src, i, content_end) {
            plan.appended.extend(
                lines[k..content_end]
                    .iter()
                    .filter(|l| !l.is_blank())
                    .map(|l| src.field(l.content)),
            );
            content_end = k;
        }
    }
    let footer_start = find_footer_start(src, i, content_end);
    let content = read_content(src, i, footer_start);
    plan.opening = content.paragraphs;
    plan.body = content.nodes;
    plan.tables = content.tables;
    if plan.salutation.is_none() {
        plan.salutation = content.salutation;
    }
    if let Some(last) = content.last {
        let t = last.text(src.read());
        plan.end_mark = t.trim_end().ends_with("./.");
        plan.closing = Some(src.field(last));
    }
    if plan.recipients.is_none() && plan.signature.is_empty() {
        parse_footer(src, footer_start, content_end, &mut plan);
    } else {
        // The plan inside a decision signed by the decision: a foot of its own is
        // kept, as text the parser could not place.
        let mut own = plan.clone();
        own.unclassified.clear();
        own.recipients = None;
        own.signature = Signature::default();
        own.appended.clear();
        own.footnotes.clear();
        own.tables.clear();
        parse_footer(src, footer_start, content_end, &mut own);
        // What the plan's foot holds besides a foot: its tables, footnotes and
        // another document after it stay the plan's.
        plan.tables.extend(own.tables);
        plan.footnotes.extend(own.footnotes);
        plan.appended.extend(own.appended);
        plan.unclassified.extend(own.unclassified);
        if let Some(r) = own.recipients {
            plan.unclassified.push(r.heading);
            plan.unclassified.extend(r.items);
            plan.unclassified.extend(r.archive);
        }
        let s = own.signature;
        plan.unclassified.extend(
            s.authority
                .into_iter()
                .chain(s.titles)
                .chain(s.name)
                .chain(s.trailing),
        );
    }
    for (k, &start) in annex_starts.iter().enumerate() {
        let end = annex_starts.get(k + 1).copied().unwrap_or(lines.len());
        plan.annexes.push(parse_annex(src, start, end));
    }
    plan.references = crate::legal::find_references(src);
    plan.tasks = find_tasks(&plan.body);
    table_tasks(&plan.tables, None, &mut plan.tasks);
    for (k, a) in plan.annexes.iter().enumerate() {
        let mut annex_items = find_tasks(&a.body);
        for t in &mut annex_items {
            t.annex = Some(k);
        }
        plan.tasks.extend(annex_items);
        table_tasks(&a.tables, Some(k), &mut plan.tasks);
    }
    plan.period = plan_period(&plan);
    plan
}

// ---------------------------------------------------------------------------------
// Kind and title

/// What the title lines say: the kind, the title's line (for a plan inside a decision,
/// the plan's own `KẾ HOẠCH` line) and the issuing decision's `QUYẾT ĐỊNH` line.
struct Kinds {
    kind: DocKind,
    title: Option<usize>,
    decision: Option<usize>,
}

fn detect_kind(src: &Source) -> Kinds {
    let (kind, title) = detect_kind_lines(src);
    match kind {
        DocKind::PlanInDecision => Kinds {
            kind,
            title: title.map(|(_, t)| t),
            decision: title.map(|(d, _)| d),
        },
        _ => Kinds {
            kind,
            title: title.map(|(t, _)| t),
            decision: None,
        },
    }
}

/// The kind and its line (for a plan inside a decision: the decision's line, then the
/// plan's).
fn detect_kind_lines(src: &Source) -> (DocKind, Option<(usize, usize)>) {
    let lines = &src.logical;
    // The title stands before the numbered body; stop looking at the first marker.
    let mut first = None;
    for l in lines.iter().take(200) {
        if src.table_of(l).is_some() {
            continue;
        }
        // A kind word stands alone in its cell, or (in a flattened header) in capitals
        // inside a longer one: split the cells only for such a line.
        let t = l.text(src.read());
        let has_kind = KIND_WORDS.iter().any(|(w, _)| t.contains(w))
            || l.cells
                .iter()
                .any(|c| kind_word(c.text(src.read())).is_some());
        let cells = if has_kind {
            title_cells(src, l)
        } else {
            Vec::new()
        };
        if let Some(k) = cells.iter().find_map(|c| kind_word(c.text(src.read()))) {
            first = Some((k, l.idx));
            break;
        }
        let t = l.text(src.read());
        if matches!(marker_of(t), Some(m) if m.level <= Level::Clause) {
            break;
        }
    }
    let has_vv = lines.iter().take(30).any(|l| {
        l.cells
            .iter()
            .any(|c| c.text(src.read()).trim_start().starts_with("V/v"))
    });
    match first {
        Some((DocKind::Decision, d)) => {
            // A decision that carries its plan: `KẾ HOẠCH` then `(Kèm theo …)`, or a
            // `KẾ HOẠCH` after an article that issues one ("Ban hành kèm theo Quyết
            // định này Kế hoạch …").
            let mut issues_plan = false;
            let mut names_plan = None;
            for l in lines.iter().skip(d + 1) {
                let text = l.text(src.read());
                if !issues_plan && text.contains("Quyết định này") {
                    let f = fold(text);
                    issues_plan = f.contains("KÈM THEO QUYẾT ĐỊNH NÀY KẾ HOẠCH")
                        || f.contains("BAN HÀNH KẾ HOẠCH");
                }
                if kind_word(text) == Some(DocKind::Plan) && issues_plan {
                    return (DocKind::PlanInDecision, Some((d, l.idx)));
                }
                // The plan's title, its kind word alone or its whole title in
                // capitals on one line (`KẾ HOẠCH HOẠT ĐỘNG TRIỂN KHAI CHƯƠNG TRÌNH`,
                // a plan a decision approves as its `Phụ lục`).
                if kind_word(text) == Some(DocKind::Plan) || is_plan_title_line(text) {
                    // `(Kèm theo Quyết định …)` on a line of its own or closing the
                    // plan's summary.
                    let attached = lines.iter().skip(l.idx + 1).take(6).any(|n| {
                        let f = fold(n.text(src.read()));
                        f.contains("(KÈM THEO") || f.contains("(BAN HÀNH KÈM THEO")
                    });
                    if attached
                        && *names_plan.get_or_insert_with(|| decision_names_a_plan(src, d, l.idx))
                    {
                        return (DocKind::PlanInDecision, Some((d, l.idx)));
                    }
                }
            }
            (DocKind::Decision, Some((d, d)))
        }
        Some((k, t)) => (k, Some((t, t))),
        None if has_vv => (DocKind::OfficialLetter, None),
        None => {
            let numbered = lines
                .iter()
                .filter(
                    |l| matches!(marker_of(l.text(src.read())), Some(m) if m.level <= Level::Clause),
                )
                .count();
            if numbered >= 1 {
                (DocKind::Plan, None)
            } else {
                (DocKind::Other, None)
            }
        }
    }
}

/// Whether a decision speaks of a plan before its second article: its title
/// (`VỀ VIỆC BAN HÀNH KẾ HOẠCH …`, `Phê duyệt Kế hoạch …`), the proposal it answers
/// or its first article. Its bases do not count (`Căn cứ Quyết định … ban hành Kế
/// hoạch rà soát …`): a decision that announces procedures carries a blank plan
/// form among its annexes (`KẾ HOẠCH …` / `(Kèm theo Quyết định số… /QĐ-UBND …)`)
/// without issuing it.
fn decision_names_a_plan(src: &Source, decision: usize, plan: usize) -> bool {
    src.logical
        .iter()
        .skip(decision + 1)
        .take(plan.saturating_sub(decision + 1))
        .map(|l| l.text(src.read()))
        .take_while(|t| !t.starts_with("Điều 2"))
        .filter(|t| !t.starts_with("Căn cứ"))
        .any(|t| fold(t).contains("KẾ HOẠCH"))
}

/// A plan's title written whole on one line in capitals: `KẾ HOẠCH` and its summary
/// (`KẾ HOẠCH HOẠT ĐỘNG TRIỂN KHAI CHƯƠNG TRÌNH`), not a sentence that names a plan.
fn is_plan_title_line(text: &str) -> bool {
    text.starts_with("KẾ HOẠCH ") && at_most_chars(text, 200) && is_upper_text(text)
}

/// The cells of a title line, a flattened header's parts split apart and the kind
/// word cut from what follows it (`QUYẾT ĐỊNH V/V BAN HÀNH …`).
fn title_cells(src: &Source, l: &LineView) -> Vec<Span> {
    let read = src.read();
    let mut out = Vec::new();
    for c in l.cells.iter().flat_map(|&c| split_header_cell(read, c)) {
        let t = c.text(read);
        // `KẾ HOẠCH HÀNH ĐỘNG` is one kind word, not `KẾ HOẠCH` and a summary.
        if kind_word(t).is_some() {
            out.push(c);
            continue;
        }
        let cut = KIND_WORDS
            .iter()
            .map(|(w, _)| *w)
            .filter(|w| t.len() > w.len() && t.starts_with(w) && t[w.len()..].starts_with(' '))
            .map(str::len)
            .max();
        match cut {
            Some(n) if kind_word(&t[..n]).is_some() => {
                out.push(Span::new(c.start, c.start + n));
                out.push(crate::source::trim_noise(
                    read,
                    Span::new(c.start + n, c.end),
                ));
            }
            _ => out.push(c),
        }
    }
    out
}

/// Parses title, summary and attachment line; returns the first line after them.
fn parse_title(src: &Source, t: usize, plan: &mut Plan) -> usize {
    let lines = &src.logical;
    let tl = &lines[t];
    let cells = title_cells(src, tl);
    let k = cells
        .iter()
        .position(|c| kind_word(c.text(src.read())).is_some());
    let word_span = k.map_or(tl.content, |k| cells[k]);
    let mut i = t + 1;
    // What follows the kind word on its own line is the summary's start.
    let mut summary_spans: Vec<Span> = match k {
        Some(k) if k + 1 < cells.len() => {
            vec![Span::new(cells[k + 1].start, cells[cells.len() - 1].end)]
        }
        _ => Vec::new(),
    };
    let mut attached = None;
    // Skip blank and drawn-rule lines before the summary.
    while i < lines.len() && (lines[i].is_blank() || is_rule(lines[i].text(src.read()))) {
        i += 1;
    }
    while i < lines.len() && summary_spans.len() < 4 {
        let l = &lines[i];
        let t = l.text(src.read());
        let f = fold(t);
        // `Thực hiện Chỉ thị số …` right under the kind word, short and with no
        // closing stop, is the summary (`KẾ HOẠCH HÀNH ĐỘNG` / `Thực hiện …`), not
        // a basis paragraph.
        // Nor is one the `(Kèm theo …)` line follows, however long: the summary is
        // what stands between the kind word and that line.
        let attached_next = || {
            lines[i + 1..]
                .iter()
                .find(|n| !n.is_blank())
                .map(|n| fold(n.text(src.read())))
                .is_some_and(|n| n.starts_with("(KÈM THEO") || n.starts_with("(BAN HÀNH KÈM THEO"))
        };
        let summary_like = summary_spans.is_empty()
            && t.trim_start().starts_with("Thực hiện")
            && ((!t.trim_end().ends_with(['.', ':', ';', ',']) && at_most_chars(t, 200))
                || attached_next());
        if l.is_blank()
            || is_rule(t)
            || (is_basis_start(t) && !summary_like)
            || marker_of(t).is_some()
            || f.starts_with("KÍNH GỬI")
            || f.starts_with("NƠI NHẬN")
        {
            break;
        }
        if f.starts_with("(KÈM THEO") || f.starts_with("(BAN HÀNH KÈM THEO") {
            attached = Some(l.content);
            i += 1;
            break;
        }
        // `… NGƯỜI CÓ CÔNG (Ban hành kèm theo Quyết định số …)` on one line.
        if let Some(k) = [
            "(Ban hành kèm theo",
            "(Kèm theo",
            "(kèm theo",
            "(BAN HÀNH KÈM THEO",
            "(KÈM THEO",
        ]
        .iter()
        .find_map(|p| t.find(p))
        .filter(|&k| k > 0 && t.ends_with(')'))
        {
            let before = crate::source::trim_noise(
                src.read(),
                Span::new(l.content.start, l.content.start + k),
            );
            summary_spans.push(before);
            attached = Some(Span::new(l.content.start + k, l.content.end));
            i += 1;
            break;
        }
        // An opening paragraph (long, or ending in a colon) is not the summary.
        if !summary_spans.is_empty() && (t.ends_with(':') || !at_most_chars(t, 200)) {
            break;
        }
        if summary_spans.is_empty() && t.ends_with(':') {
            break;
        }
        summary_spans.push(l.content);
        i += 1;
    }
    // The attachment line may also follow the summary after a blank or rule.
    if attached.is_none() {
        let mut j = i;
        while j < lines.len() && j < i + 3 {
            let t = lines[j].text(src.read());
            let f = fold(t);
            if f.starts_with("(KÈM THEO") || f.starts_with("(BAN HÀNH KÈM THEO") {
                attached = Some(lines[j].content);
                i = j + 1;
                break;
            }
            if !(lines[j].is_blank() || is_rule(t)) {
                break;
            }
            j += 1;
        }
    }
    let summary = match (summary_spans.first(), summary_spans.last()) {
        (Some(a), Some(b)) => {
            let text = summary_spans
                .iter()
                .map(|s| s.text(src.read()).trim())
                .collect::<Vec<_>>()
                .join(" ");
            Some(Field {
                text,
                range: src.range(a.cover(*b)),
            })
        }
        _ => None,
    };
    plan.title = Some(Title {
        kind_word: src.field(word_span),
        summary,
        attached_to: attached.map(|s| src.field(s)),
    });
    i
}

fn is_rule(t: &str) -> bool {
    !at_most_chars(t, 2)
        && t.chars()
            .all(|c| matches!(c, '-' | '_' | '=' | '–' | '—' | '.' | ' ' | '*'))
}

fn is_basis_start(t: &str) -> bool {
    let f = t.trim_start();
    f.starts_with("Căn cứ")
        || f.starts_with("Thực hiện")
        || f.starts_with("Xét ")
        || f.starts_with("CĂN CỨ")
}

// ---------------------------------------------------------------------------------
// Header

/// A place name before `, ngày`: short, no figures, not a sentence (`Căn cứ Chỉ thị
/// số 37-CT/TW ngày …` is a basis, not a place and date).
fn plausible_place(place: &str) -> bool {
    let p = place.trim();
    p.is_empty()
        || (at_most_chars(p, 40)
            && !p.bytes().any(|b| b.is_ascii_digit())
            && !p.contains('/')
            && p.starts_with(|c: char| c.is_uppercase() || c == '['))
}

/// The part of `cell` from byte `a` to byte `b` of it, its noise trimmed: what the
/// splitters of a squeezed header or foot cell cut it into.
fn piece_of(read: &str, cell: Span, a: usize, b: usize) -> Span {
    crate::source::trim_noise(read, Span::new(cell.start + a, cell.start + b))
}

/// The first place a needle occurs at or after a rising start, searched again only
/// when the start passes the last place found: over a cell split many times, every
/// search together reads the cell about once (a search from each piece's start read
/// the rest of the cell each time).
struct NextFind<'n> {
    needle: &'n str,
    /// `None`: not searched yet; `Some(None)`: none after the last start searched.
    found: Option<Option<usize>>,
}

impl<'n> NextFind<'n> {
    fn new(needle: &'n str) -> Self {
        NextFind {
            needle,
            found: None,
        }
    }

    /// The first occurrence in `read[span]`, as an offset into `read`.
    fn in_span(&mut self, read: &str, span: Span) -> Option<usize> {
        let at = match self.found {
            Some(Some(p)) if p >= span.start => Some(p),
            Some(None) => None,
            _ => {
                // Within the span: its end only comes closer as the cell is split.
                let hay = read.get(span.start..span.end)?;
                let p = memchr::memmem::find(hay.as_bytes(), self.needle.as_bytes())
                    .map(|i| span.start + i);
                self.found = Some(p);
                p
            }
        };
        at.filter(|&p| p + self.needle.len() <= span.end)
    }
}

/// Splits a header cell that holds two parts of the header: a number and a date,
/// the national title and the motto, an agency and its rule (`BỘ X -------`).
/// A loop over the cell's rest (it was a recursion per part: a 500 KB line of
/// `ỦY BAN ---` parts overflowed the stack, and each part folded the whole rest).
fn split_header_cell(read: &str, cell: Span) -> Vec<Span> {
    let mut title = NextFind::new(" CỘNG HÒA XÃ HỘI");
    let mut title_old_tone = NextFind::new(" CỘNG HOÀ XÃ HỘI");
    let mut motto = NextFind::new("Độc lập");
    let mut motto_upper = NextFind::new("ĐỘC LẬP");
    let mut dashes = NextFind::new("---");
    let mut underscores = NextFind::new("___");
    let mut text_before_title: Option<(usize, usize)> = None;
    let mut out = Vec::new();
    let mut cell = cell;
    loop {
        let t = cell.text(read);
        let trimmed = |a: usize, b: usize| piece_of(read, cell, a, b);
        // The cell's text up to `head_end` is one part; the rest from `rest_from` goes on.
        let mut split_at = |head_end: usize, rest_from: usize| {
            out.push(trimmed(0, head_end));
            trimmed(rest_from, t.len())
        };
        if let Some(end) = shapes::number_head(t) {
            if end < t.len()
                && !t[end..].trim().is_empty()
                && shapes::number_line_or_spaced(t).is_none()
            {
                cell = split_at(end, end);
                continue;
            }
        }
        // (On the head: where a letter is outside the quick table, decomposed or
        // of another script, the test folds what it is given, and `t` is the rest.)
        let national = fold_starts_with(crate::text::head(t, 64), "CỘNG HÒA");
        // The two columns squeezed onto one line by a PDF's text
        // (`THỦ TƯỚNG CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`): agency, then title.
        // Not a summary that names the state (`… QUỐC KHÁNH NƯỚC CỘNG HÒA XÃ HỘI …`).
        if !national {
            if let Some(i) = title
                .in_span(read, cell)
                .or_else(|| title_old_tone.in_span(read, cell))
                .filter(|&p| {
                    // Where the text before the title ends, found once per title
                    // (parts split off before a far title re-trimmed its white space).
                    let text_end = match text_before_title {
                        Some((at, end)) if at == p => end,
                        _ => {
                            let end = read[..p].trim_end().len();
                            text_before_title = Some((p, end));
                            end
                        }
                    };
                    let before = &read[cell.start..text_end.max(cell.start)];
                    at_most_chars(before, 50) && !fold(before).ends_with("NƯỚC")
                })
                .map(|p| p - cell.start)
            {
                cell = split_at(i, i);
                continue;
            }
            // The agency's second line and the motto squeezed the same way
            // (`THÀNH PHỐ HUẾ Độc lập - Tự do - Hạnh phúc`).
            if let Some(i) = motto
                .in_span(read, cell)
                .or_else(|| motto_upper.in_span(read, cell))
                .map(|p| p - cell.start)
            {
                let before = t[..i].trim_end();
                if i > 0 && at_most_chars(before, 50) && crate::text::is_upper_text(before) {
                    cell = split_at(i, i);
                    continue;
                }
            }
        } else {
            if let Some(i) = motto
                .in_span(read, cell)
                .or_else(|| motto_upper.in_span(read, cell))
                .map(|p| p - cell.start)
            {
                if i > 0 {
                    cell = split_at(i, i);
                    continue;
                }
            }
        }
        // A drawn rule after the text: `ỦY BAN NHÂN DÂN -------`.
        if let Some(i) = dashes
            .in_span(read, cell)
            .or_else(|| underscores.in_span(read, cell))
            .map(|p| p - cell.start)
        {
            if i > 0 {
                let end = i + t[i..]
                    .bytes()
                    .take_while(|b| matches!(b, b'-' | b'_' | b' '))
                    .count();
                if end < t.len() {
                    cell = split_at(i, end);
                    continue;
                }
                out.push(trimmed(0, i));
                return out;
            }
        }
        if let Some(c) = shapes::place_date(t) {
            if c.end < t.len() && !t[c.end..].trim().is_empty() && plausible_place(&t[c.place]) {
                cell = split_at(c.end, c.end);
                continue;
            }
        }
        out.push(cell);
        return out;
    }
}

/// What one header cell is.
#[derive(Debug, PartialEq)]
enum HeaderCell {
    NationalTitle,
    /// `ĐẢNG CỘNG SẢN VIỆT NAM`, which heads a Party document instead.
    PartyTitle,
    Motto,
    Rule,
    Number,
    PlaceDate,
    Subject,
    Salutation,
    Agency,
    Other,
}

fn classify_header_cell(t: &str) -> HeaderCell {
    // Prefixes compared lazily: a cell may be a whole text flattened onto one line.
    let starts = |prefix: &str| fold_starts_with(t, prefix);
    if starts("CỘNG HÒA XÃ HỘI") || starts("CỘNG HÒA XHCN") {
        HeaderCell::NationalTitle
    } else if starts("ĐẢNG CỘNG SẢN VIỆT NAM") {
        HeaderCell::PartyTitle
    } else if starts("ĐỘC LẬP") {
        HeaderCell::Motto
    } else if is_rule(t) {
        HeaderCell::Rule
    } else if shapes::number_line_or_spaced(t).is_some()
        && (t.contains('/') || t.trim_start_matches("Số").trim().len() <= 2)
    {
        HeaderCell::Number
    } else if shapes::place_date(t).is_some_and(|c| plausible_place(&t[c.place])) {
        HeaderCell::PlaceDate
    } else if t.starts_with("V/v") {
        HeaderCell::Subject
    } else if starts("KÍNH GỬI") {
        HeaderCell::Salutation
    } else if is_upper_text(t) && at_most_chars(t, 80) {
        HeaderCell::Agency
    } else {
        HeaderCell::Other
    }
}

/// Parses the header cells of the lines in `range`.
fn parse_header(src: &Source, range: std::ops::Range<usize>, plan: &mut Plan) {
    // The title's own line may begin with header cells a flattened page put there
    // (`Số: 435/QĐ-UBND Kon Tum, ngày … QUYẾT ĐỊNH …`).
    let title_line_cells: Vec<Span> = src
        .logical
        .get(range.end)
        .map(|l| {
            let cells = title_cells(src, l);
            let k = cells
                .iter()
                .position(|c| kind_word(c.text(src.read())).is_some())
                .unwrap_or(0);
            cells[..k].to_vec()
        })
        .unwrap_or_default();
    let mut agency_cells: Vec<Span> = Vec::new();
    let cells = src.logical[range]
        .iter()
        .flat_map(|l| {
            l.cells
                .iter()
                .flat_map(|&c| split_header_cell(src.read(), c))
        })
        .chain(title_line_cells);
    {
        for cell in cells {
            if cell.is_empty() {
                continue;
            }
            match classify_header_cell(cell.text(src.read())) {
                HeaderCell::NationalTitle => plan.header.national_title = Some(src.field(cell)),
                HeaderCell::PartyTitle => plan.header.party_title = Some(src.field(cell)),
                HeaderCell::Motto => plan.header.motto = Some(src.field(cell)),
                HeaderCell::Rule => {}
                HeaderCell::Number => plan.header.number = parse_number(src, cell),
                HeaderCell::PlaceDate => plan.header.place_date = parse_place_date(src, cell),
                HeaderCell::Subject => plan.header.subject_line = Some(src.field(cell)),
                HeaderCell::Salutation => plan.salutation = Some(src.field(cell)),
                HeaderCell::Agency => agency_cells.push(cell),
                HeaderCell::Other => plan.unclassified.push(src.field(cell)),
            }
        }
    }
    match agency_cells.len() {
        0 => {}
        1 => plan.header.agency.push(src.field(agency_cells[0])),
        _ => {
            let second = fold(agency_cells[1].text(src.read()));
            let continues = ADMIN_UNIT_WORDS
                .iter()
                .any(|w| second.starts_with(w) && second[w.len()..].starts_with(' '));
            let mut cells = agency_cells.into_iter();
            if !continues {
                plan.header.parent_agency = cells.next().map(|c| src.field(c));
            }
            plan.header.agency.extend(cells.map(|c| src.field(c)));
        }
    }
}

fn parse_number(src: &Source, cell: Span) -> Option<DocNumber> {
    let t = cell.text(src.read());
    let c = shapes::number_line_or_spaced(t)?;
    let number = Some(t[c.num].to_string()).filter(|s| !s.is_empty());
    let sym = c.sym.map(|r| t[r].trim().to_string()).unwrap_or_default();
    // The Party's form `3260-KH/ĐĐQH15`: the type after the number, the agency after
    // the slash.
    if let Some(party) = c.party.map(|r| &t[r]) {
        return Some(DocNumber {
            range: src.range(cell),
            number,
            symbol: format!("{}/{sym}", party),
            type_code: party.to_string(),
            agency_code: sym,
            party_form: true,
        });
    }
    let symbol = sym;
    // (Codes without the spaces a scan's letters may stand apart by: `U B ND`.)
    let code = |s: &str| s.split_whitespace().collect::<String>();
    let (type_code, agency_code) = match symbol.split_once('-') {
        Some((a, b)) if is_type_code(a.trim()) => (code(a), code(b)),
        Some(_) | None => (String::new(), symbol.clone()),
    };
    Some(DocNumber {
        range: src.range(cell),
        number,
        symbol,
        type_code,
        agency_code,
        party_form: false,
    })
}

pub use crate::vocab::is_type_code;

fn parse_place_date(src: &Source, cell: Span) -> Option<PlaceDate> {
    let t = cell.text(src.read());
    let c = shapes::place_date(t)?;
    let d = c.day.map_or("", |r| &t[r]);
    let m = c.month.map_or("", |r| &t[r]);
    // `tháng 0 6` from a web copy: the digits are one number.
    let digits = |s: &str| s.replace(' ', "");
    let y = &t[c.year];
    let end = c.end;
    // A draft leaves the year blank too (`năm …`); a shorter number is no year: it
    // is kept as written for the rule to report and the exports to keep.
    let (year, year_text) = if y.len() == 4 {
        (y.parse().ok(), String::new())
    } else {
        (None, y.to_string())
    };
    Some(PlaceDate {
        range: src.range(Span::new(cell.start, cell.start + end)),
        place: t[c.place].trim().to_string(),
        date: PartialDate {
            year,
            month: digits(m).parse().ok(),
            day: digits(d).parse().ok(),
        },
        day_text: d.to_string(),
        month_text: m.to_string(),
        year_text,
    })
}

// ---------------------------------------------------------------------------------
// Bases

fn parse_bases(src: &Source, mut i: usize, plan: &mut Plan) -> usize {
    let lines = &src.logical;
    loop {
        while i < lines.len() && (lines[i].is_blank() || is_rule(lines[i].text(src.read()))) {
            i += 1;
        }
        if i < lines.len() && is_basis_start(lines[i].text(src.read())) {
            plan.bases.push(src.field(lines[i].content));
            i += 1;
        } else {
            return i;
        }
    }
}

// ---------------------------------------------------------------------------------
// Body

/// A sub-khoản's rank grows with its depth (`1.1.` 3, `1.1.1.` 4, …) up to 9, below
/// a điểm's 10: deeper numbers (`1.1.1.1.1.1.1.1.1.`, never in a real plan) stay
/// siblings at 9, so the item tree is at most thirteen deep (its JSON reads back)
/// and a line of 255 levels neither wraps the rank nor overflows it.
fn marker_rank(m: &Marker) -> u8 {
    match m.level {
        Level::SubClause => 1 + m.path.len().min(8) as u8,
        l => l.rank(),
    }
}

/// What a stretch of content holds: unnumbered paragraphs before the first item, the
/// item tree, tables, and its last line.
#[derive(Default)]
struct Content {
    paragraphs: Vec<Field>,
    nodes: Vec<Node>,
    tables: Vec<Table>,
    salutation: Option<Field>,
    last: Option<Span>,
}

fn read_content(src: &Source, start: usize, end: usize) -> Content {
    // Stack of open nodes with their rank; children are attached when a node closes.
    let mut stack: Vec<(u8, Node)> = Vec::new();
    let mut out = Content::default();
    let mut roots: Vec<Node> = Vec::new();
    let mut last_table = None;

    fn close_to(stack: &mut Vec<(u8, Node)>, roots: &mut Vec<Node>, rank: u8) {
        while stack.last().is_some_and(|(r, _)| *r >= rank) {
            if let Some((_, node)) = stack.pop() {
                match stack.last_mut() {
                    Some((_, parent)) => parent.children.push(node),
                    None => roots.push(node),
                }
            }
        }
    }

    for l in &src.logical[start.min(end)..end] {
        if let Some(k) = src.table_of(l) {
            // Content that ends with a table ends at its last row: the paragraph
            // over the table is no closing paragraph (its end mark would go after a
            // heading).
            if !l.is_blank() {
                out.last = Some(l.content);
            }
            if last_table != Some(k) {
                last_table = Some(k);
                if let Some(raw) = src.blocks.tables.get(k) {
                    out.tables.push(table_of_raw(src, raw));
                }
            }
            continue;
        }
        if l.is_blank() {
            continue;
        }
        let t = l.text(src.read());
        out.last = Some(l.content);
        match marker_of(t) {
            Some(m) => {
                let rank = marker_rank(&m);
                close_to(&mut stack, &mut roots, rank);
                let marker_span = Span::new(l.content.start, l.content.start + m.len);
                let title_span = crate::source::trim_noise(
                    src.read(),
                    Span::new(marker_span.end, l.content.end),
                );
                let node = Node {
                    level: m.level,
                    marker: marker_text(marker_span.text(src.read())),
                    marker_range: src.range(marker_span),
                    style: m.style,
                    ordinal: m.ordinal,
                    ordinal_path: m.path,
                    letter: m.letter,
                    title: src.field(title_span),
                    paragraphs: Vec::new(),
                    children: Vec::new(),
                    range: src.range(l.content),
                };
                stack.push((rank, node));
            }
            None if stack.is_empty() && fold_starts_with(t, "KÍNH GỬI") => {
                out.salutation = Some(src.field(l.content));
            }
            None => match stack.last_mut() {
                Some((_, node)) => node.paragraphs.push(src.field(l.content)),
                None => out.paragraphs.push(src.field(l.content)),
            },
        }
    }
    close_to(&mut stack, &mut roots, 0);
    extend_ranges(&mut roots, &src.index, src.text);
    out.nodes = roots;
    out
}

/// Grows each node's range to cover its paragraphs and children.
fn extend_ranges(nodes: &mut [Node], index: &LineIndex, text: &str) {
    for n in nodes.iter_mut() {
        extend_ranges(&mut n.children, index, text);
        let mut end = n.range.end;
        if let Some(p) = n.paragraphs.last() {
            end = end.max(p.range.end);
        }
        if let Some(c) = n.children.last() {
            end = end.max(c.range.end);
        }
        n.range = index.range(text, Span::new(n.range.start, end));
    }
}

// ---------------------------------------------------------------------------------
// Footer

/// The first line of the foot (`Nơi nhận:` or a signing authority) in `from..to`;
/// without one, the line after the end mark `./.`, else `to`.
fn find_footer_start(src: &Source, from: usize, to: usize) -> usize {
    let mut end_mark_line = None;
    for l in &src.logical[from.min(to)..to] {
        if src.table_of(l).is_some() {
            continue;
        }
        for c in &l.cells {
            let t = c.text(src.read());
            // Cheap tests first: this runs on every line of the body.
            let first = t.as_bytes().first().copied().unwrap_or(0);
            if matches!(first, b'N' | b'n') && t.len() <= 80 && fold_starts_with(t, "NƠI NHẬN") {
                return l.idx;
            }
            if matches!(first, b'T' | b'K' | b'Q')
                && t.len() <= 80
                && matches!(authority_parts(t), Some((_, _, true)))
            {
                return l.idx;
            }
        }
        if end_mark_line.is_none() && l.text(src.read()).ends_with("./.") {
            end_mark_line = Some(l.idx);
        }
    }
    match end_mark_line {
        Some(e) => e + 1,
        None => to,
    }
}

const ACADEMIC_TITLES: [&str; 8] = ["GS.", "PGS.", "TS.", "ThS.", "KS.", "BS.", "CN.", "TSKH."];

/// `Nguyễn Việt Thông`, possibly behind an academic title.
fn is_name_like(t: &str) -> bool {
    let mut t = t;
    loop {
        let before = t;
        for a in ACADEMIC_TITLES {
            if let Some(r) = t.strip_prefix(a) {
                t = r.trim_start();
            }
        }
        if t == before {
            break;
        }
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            let mut c = w.chars();
            c.next().is_some_and(|f| f.is_uppercase()) && c.all(|x| x.is_lowercase() || x == '-')
        })
}

/// Where a signing title (`THỨ TRƯỞNG`, `PHÓ CHỦ TỊCH`) ends a recipient's line
/// after its `;`.
fn trailing_signing_title(t: &str) -> Option<usize> {
    let semi = t.rfind(';')?;
    let rest = t[semi + 1..].trim();
    shapes::SIGNING_TITLES
        .contains(&rest)
        .then(|| t.len() - t[semi + 1..].trim_start().len())
}

/// Splits a foot cell that a web page squashed onto one line: `Nơi nhận: - A; - B;`
/// into its heading and items, `KT. CHỦ TỊCH PHÓ CHỦ TỊCH Hoàng Việt Phương` into
/// authority, title and name.
fn split_foot_cell(read: &str, cell: Span) -> Vec<Span> {
    let t = cell.text(read);
    let at = |a: usize, b: usize| piece_of(read, cell, a, b);
    if fold_starts_with(t, "NƠI NHẬN") {
        let Some(colon) = t.find(':') else {
            return vec![cell];
        };
        // Items start at ` - ` after the heading, a `;`, a `.` or a `)`; or at a `-`
        // glued to the heading's colon or to a `;` (`Nơi nhận:- Như Điều 2;- Bộ …`,
        // a site's copy that lost the line breaks).
        let mut cuts = vec![colon + 1];
        let b = t.as_bytes();
        for (i, _) in t.match_indices('-').filter(|(i, _)| *i > colon) {
            let spaced = i > 0 && b[i - 1] == b' ' && b.get(i + 1) == Some(&b' ');
            let glued = i > 0 && matches!(b[i - 1], b';' | b':');
            if !spaced && !glued {
                continue;
            }
            // (The heading may close an emphasis: `*Nơi nhận:*`.)
            let before = t[..i].trim_end_matches([' ', '*', '_']);
            if before.len() == colon + 1 || before.ends_with([';', ')', '.', ',']) {
                cuts.push(i);
            }
        }
        if cuts.len() < 3 || b.is_empty() {
            // `Nơi nhận: TM. ỦY BAN NHÂN DÂN`: the two columns of the foot read
            // line by line (a PDF's text, Huế's KH 188): the signing authority is
            // the signature's, beside the heading.
            let rest = t[colon + 1..].trim_start_matches([' ', '*', '_']);
            if matches!(authority_parts(rest), Some((_, _, true))) {
                return vec![at(0, colon + 1), at(t.len() - rest.len(), t.len())];
            }
            return vec![cell];
        }
        // Every piece from the heading's colon on is kept: an item's text is never
        // dropped for a cut that was not where it was expected.
        let mut out = vec![at(0, colon + 1)];
        for w in cuts.windows(2) {
            let piece = at(w[0], w[1]);
            if !piece.is_empty() {
                out.push(piece);
            }
        }
        out.push(at(*cuts.last().unwrap_or(&0), t.len()));
        return out;
    }
    // Authority lines squashed with the title and the name.
    if !matches!(authority_parts(t), Some((_, _, true))) && shapes::authority(t).is_some() {
        if let Some(name_at) = trailing_name(t) {
            let mut out = split_authority(read, at(0, name_at));
            out.push(at(name_at, t.len()));
            return out;
        }
    }
    if matches!(authority_parts(t), Some((_, _, true))) {
        return split_authority(read, cell);
    }
    // `THỦ TƯỚNG Nguyễn Xuân Phúc`: a title in capitals, then the name.
    if let Some(name_at) = trailing_name(t) {
        let title = t[..name_at].trim();
        // Not an academic title (`TS. Nguyễn Văn An`): a title of two words or more.
        if is_upper_text(title)
            && at_most_chars(title, 60)
            && title.split_whitespace().count() >= 2
            && !title.ends_with('.')
        {
            return vec![at(0, name_at), at(name_at, t.len())];
        }
    }
    vec![cell]
}

/// Where a name of two to five title-case words ends a cell that holds more (its
/// first word may be glued to a title in capitals: `BỘ TRƯỞNGPhạm Hồng Hà`).
fn trailing_name(t: &str) -> Option<usize> {
    // From the end: two to five words of a name (a capital, then small letters), with
    // a word before them; words split on single spaces as written. Only the last
    // words are read, however long the line.
    let is_name_word = |w: &str| {
        let mut c = w.chars();
        // (`next`, not `count`: the glued search below asks at every letter of a
        // word, and counting the rest each time was quadratic in a long word.)
        c.next().is_some_and(char::is_uppercase)
            && c.clone().next().is_some()
            && c.all(char::is_lowercase)
    };
    let mut name_words = 0;
    let mut name_start = 0;
    let mut end = t.len();
    loop {
        let start = t[..end].rfind(' ').map_or(0, |i| i + 1);
        let word = &t[start..end];
        if !word.is_empty() {
            if !is_name_word(word) {
                // `TRƯỞNGPhạm`: a title in capitals glued to the name's first word
                // (a site's copy that lost the break between two cells).
                let glued = word
                    .char_indices()
                    .skip(2)
                    .find(|&(i, _)| is_name_word(&word[i..]))
                    .map(|(i, _)| i)
                    .filter(|&i| word[..i].chars().all(char::is_uppercase));
                if let (Some(i), 1..=4) = (glued, name_words) {
                    return Some(start + i);
                }
                return (2..=5).contains(&name_words).then_some(name_start);
            }
            name_words += 1;
            name_start = start;
            if name_words > 5 {
                return None;
            }
        }
        if start == 0 {
            // No word before the name.
            return None;
        }
        end = start - 1;
    }
}

/// `TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH` → one line per authority and title.
fn split_authority(read: &str, cell: Span) -> Vec<Span> {
    let t = cell.text(read);
    let at = |a: usize, b: usize| piece_of(read, cell, a, b);
    // A second authority prefix starts a line of its own: the cell is cut before
    // every one (all found in one pass each: a recursion per part read the rest of
    // the cell each time, and a line of 20,000 parts overflowed the stack).
    let mut cuts: Vec<usize> = AUTHORITY_CUTS
        .iter()
        .flat_map(|p| memchr::memmem::find_iter(t.as_bytes(), p.as_bytes()))
        .collect();
    let titles = title_finders();
    if cuts.is_empty() {
        return split_title(read, cell, &titles);
    }
    crate::order::sort(&mut cuts);
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut from = 0;
    for end in cuts.into_iter().chain([t.len()]) {
        // (A cut right at the start of an untrimmed cell leaves nothing before it.)
        let piece = at(from, end);
        if !piece.is_empty() {
            out.extend(split_title(read, piece, &titles));
        }
        from = end + 1;
    }
    out
}

/// The prefixes that start a second authority inside a line (each with the space
/// before it; none can overlap another).
const AUTHORITY_CUTS: [&str; 4] = [" KT.", " TL.", " TUQ.", " Q."];

/// [`SIGNING_TITLES`]' searchers, built once for a cell's pieces: a searcher built
/// for each title in each piece was half the time of a line of many authorities.
fn title_finders() -> Vec<memchr::memmem::FinderRev<'static>> {
    SIGNING_TITLES
        .iter()
        .map(|title| memchr::memmem::FinderRev::new(title.as_bytes()))
        .collect()
}

/// An authority and its title on one line, cut before the title: the last signing
/// title (searched with `titles`, [`title_finders`]) that does not start it.
fn split_title(read: &str, cell: Span, titles: &[memchr::memmem::FinderRev<'_>]) -> Vec<Span> {
    let t = cell.text(read);
    let at = |a: usize, b: usize| piece_of(read, cell, a, b);
    let Some((_, rest, true)) = authority_parts(t) else {
        return vec![cell];
    };
    let rest_at = t.len() - rest.len();
    for title in titles {
        if let Some(i) = title
            .rfind(rest.as_bytes())
            .filter(|&i| i > 0 && rest.as_bytes()[i - 1] == b' ')
        {
            // `KT. CHỦ TỊCH PHÓ CHỦ TỊCH`: the deputy title is the second line.
            return vec![at(0, rest_at + i), at(rest_at + i, t.len())];
        }
    }
    vec![cell]
}

/// A recipient that ends in a comma and a line without a dash after it: one
/// recipient, wrapped (`- Ủy ban Kiểm tra, Ban xây dựng Đảng,` / `VP Đảng ủy;`), when
/// no other recipient ends in a comma (and the line is not `Lưu: …`, nor ends in a
/// comma itself). Where others do, the list separates with
/// commas and the line is a recipient of its own that lost its dash.
fn join_wrapped_recipients(src: &Source, items: &mut Vec<Field>) {
    let ends_comma = |f: &Field| f.text.trim_end().ends_with(',');
    // A line that goes on: no dash, not the archive (`Lưu: VT.`), and itself the
    // recipient's end (a list that lost its dashes ends every line in a comma).
    let goes_on = |f: &Field| {
        let t = f.text.trim();
        !t.starts_with(['-', '+', '–', '•']) && !t.starts_with("Lưu") && !t.ends_with(',')
    };
    let wrapped = |k: usize| ends_comma(&items[k]) && items.get(k + 1).is_some_and(goes_on);
    let commas = items.iter().filter(|f| ends_comma(f)).count();
    let joins = (0..items.len()).filter(|&k| wrapped(k)).count();
    if joins == 0 || commas > joins {
        return;
    }
    let mut out: Vec<Field> = Vec::with_capacity(items.len() - joins);
    for f in items.drain(..) {
        match out.last_mut() {
            Some(last) if ends_comma(last) && goes_on(&f) => {
                *last = src.field(Span::new(last.range.start, f.range.end));
            }
            _ => out.push(f),
        }
    }
    *items = out;
}

/// Whether `t` ends the recipient `last`, wrapped: `last` is a recipient (`- …`) not
/// yet closed by `;`, `,`, `.` or `:`, and `t` goes on in lower case, or closes it
/// (`- Sở KHCN các tỉnh, thành phố trực thuộc` / `TƯ (để t/h);`).
fn ends_recipient(last: &str, t: &str) -> bool {
    let last = last.trim();
    let t = t.trim();
    last.starts_with(['-', '+', '–', '•'])
        && !is_archive_line(last)
        && !last.ends_with([';', ',', '.', ':'])
        && (t.chars().next().is_some_and(char::is_lowercase)
            || (t.ends_with(';') && !t.starts_with(['-', '+', '–', '•'])))
}

/// `- Lưu: VT, TH.`: the recipients' last line, the copy kept on file.
/// A drafter's initials and copies (`Zh`, `TH(10)`, `NVA.`): up to five letters,
/// the copies' number in brackets; the copies' number before what they are (`09
/// KH`, Cần Thơ's plans); or an office's filing code with underscores
/// (`LNT_VP3_KH12`, `ĐVT_10.30`, Ninh Bình's plans).
pub(crate) fn is_typist_initials(t: &str) -> bool {
    let t = t.trim().trim_end_matches('.');
    let copies_first = t.split_once(' ').is_some_and(|(count, what)| {
        (1..=3).contains(&count.len())
            && count.bytes().all(|b| b.is_ascii_digit())
            && (1..=5).contains(&what.chars().count())
            && what.chars().all(|c| c.is_ascii_uppercase() || c == 'Đ')
    });
    if copies_first {
        return true;
    }
    let filing_code = t.contains('_')
        && at_most_chars(t, 24)
        && t.starts_with(|c: char| c.is_ascii_uppercase() || c == 'Đ')
        && t.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '_' | '.' | 'Đ'));
    if filing_code {
        return true;
    }
    let letters = t.split('(').next().unwrap_or("");
    let copies = &t[letters.len()..];
    (1..=5).contains(&letters.len())
        && letters.bytes().all(|b| b.is_ascii_alphabetic())
        && letters.starts_with(|c: char| c.is_ascii_uppercase())
        && (copies.is_empty()
            || (copies.starts_with('(')
                && copies.ends_with(')')
                && copies.len() > 2
                && copies[1..copies.len() - 1]
                    .bytes()
                    .all(|b| b.is_ascii_digit())))
}

fn is_archive_line(t: &str) -> bool {
    t.trim_start_matches(['-', '–', ' ']).starts_with("Lưu")
}

/// `[1] …`, `(1) …`: a footnote's number opens the line.
fn is_footnote(t: &str) -> bool {
    let t = t.trim_start();
    let close = match t.chars().next() {
        Some('[') => ']',
        Some('(') => ')',
        _ => return false,
    };
    t[1..]
        .find(close)
        .is_some_and(|i| (1..=3).contains(&i) && t[1..1 + i].bytes().all(|b| b.is_ascii_digit()))
}

fn parse_footer(src: &Source, start: usize, end: usize, plan: &mut Plan) {
    let mut recipients: Option<Recipients> = None;
    let mut footnotes: Vec<Field> = Vec::new();
    let sig = &mut plan.signature;
    let mut tables: Vec<Table> = Vec::new();
    let mut last_table = None;
    for l in &src.logical[start.min(end)..end] {
        // A table between the content's end and the signature is still the plan's.
        if let Some(k) = src.table_of(l) {
            if last_table != Some(k) {
                last_table = Some(k);
                if let Some(raw) = src.blocks.tables.get(k) {
                    tables.push(table_of_raw(src, raw));
                }
            }
            continue;
        }
        for cell in l.cells.iter().flat_map(|&c| split_foot_cell(src.read(), c)) {
            let t = cell.text(src.read());
            if is_rule(t) || t.is_empty() {
                continue;
            }
            let in_sig = !sig.authority.is_empty() || !sig.titles.is_empty();
            if fold_starts_with(t, "NƠI NHẬN") {
                let colon = t.find(':').map(|i| i + 1).unwrap_or(t.len());
                let heading = Span::new(cell.start, cell.start + colon);
                let mut r = Recipients {
                    heading: src.field(heading),
                    items: Vec::new(),
                    archive: None,
                };
                let rest = crate::source::trim_noise(src.read(), Span::new(heading.end, cell.end));
                if !rest.is_empty() {
                    r.items.push(src.field(rest));
                }
                recipients = Some(r);
            } else if fold_starts_with(t, "KÍNH GỬI") {
                plan.salutation = Some(src.field(cell));
            } else if let Some((_, _, _)) = authority_parts(t).filter(|_| sig.name.is_none()) {
                sig.authority.push(src.field(cell));
            } else if is_signature_mark(t) {
                sig.placeholders.push(src.field(cell));
            } else if let Some(last) =
                recipients
                    .as_mut()
                    .and_then(|r| r.items.last_mut())
                    .filter(|last| {
                        (sig.name.is_none() && ends_recipient(&last.text, t))
                            || (is_archive_line(&last.text) && is_typist_initials(t))
                    })
            {
                // The last recipient's end on a line of its own: a recipient wrapped
                // beside the signature (`pdftotext -layout`: `- Văn phòng Sở (Bố trí
                // kinh phí, phương    TRƯỞNG ĐOÀN` / `tiện Phục vụ Đoàn kiểm tra);`), or
                // the drafter's initials that Decree 30 writes at the end of the archive
                // line (`- Lưu: VT, VP5.` / `Zh`).
                let range = src.field(Span::new(last.range.start, cell.end)).range;
                last.text = format!("{} {}", last.text.trim_end(), t.trim());
                last.range = range;
            } else if let (Some(r), true) = (
                recipients
                    .as_mut()
                    .filter(|r| !r.items.last().is_some_and(|f| is_archive_line(&f.text))),
                sig.name.is_some()
                    && sig.trailing.is_empty()
                    && t.starts_with(['-', '+', '–'])
                    && footnotes.is_empty(),
            ) {
                // Recipients and signature side by side (`pdftotext -layout`): the list
                // goes on below the signer's name, up to its archive line.
                r.items.push(src.field(cell));
            } else if sig.name.is_some() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()) {
                // A page's number under the signer (`4`, before an annex's page):
                // page chrome, which KH807 reports, not text left under the name.
            } else if sig.name.is_some() && (!footnotes.is_empty() || is_footnote(t)) {
                // `[1] Chương trình số …`: the document's footnotes, under its foot.
                footnotes.push(src.field(cell));
            } else if sig.name.is_some() {
                sig.trailing.push(src.field(cell));
            } else if t.starts_with(['-', '+', '–', '•']) {
                // `- Như Điều 4; THỨ TRƯỞNG`: the foot's two columns read line by line
                // (a PDF's plain text), the signer's title beside a recipient, under
                // an authority beside `Nơi nhận:`.
                let title_at = trailing_signing_title(t)
                    .filter(|_| !sig.authority.is_empty() && sig.titles.is_empty());
                let (item, title) = match title_at {
                    Some(at) => (
                        Span::new(cell.start, cell.start + t[..at].trim_end().len()),
                        Some(Span::new(cell.start + at, cell.end)),
                    ),
                    None => (cell, None),
                };
                match recipients.as_mut() {
                    Some(r) => r.items.push(src.field(item)),
                    None => plan.unclassified.push(src.field(item)),
                }
                if let Some(title) = title {
                    sig.titles.push(src.field(title));
                }
            } else if is_upper_text(t) && at_most_chars(t, 60) {
                sig.titles.push(src.field(cell));
            } else if (crate::text::is_placeholder(t) && in_sig)
                || (is_name_like(t) && (in_sig || recipients.is_some()))
            {
                sig.name = Some(src.field(cell));
            } else if let (Some(r), false) = (recipients.as_mut(), in_sig) {
                r.items.push(src.field(cell));
            } else {
                plan.unclassified.push(src.field(cell));
            }
        }
    }
    if let Some(r) = recipients.as_mut() {
        join_wrapped_recipients(src, &mut r.items);
        if r.items.last().is_some_and(|f| is_archive_line(&f.text)) {
            r.archive = r.items.pop();
        }
    }
    plan.recipients = recipients;
    plan.footnotes.extend(footnotes);
    plan.tables.extend(tables);
    // Another document's header among the lines after the signer (its agency, then
    // the national title): that document and what follows are not the plan's.
    let sig = &mut plan.signature;
    if let Some(from) = (0..sig.trailing.len()).find(|&i| {
        sig.trailing[i..]
            .iter()
            .take(4)
            .any(|f| is_national_title_line(&f.text))
    }) {
        plan.appended = sig.trailing.split_off(from);
    }
}

/// The first line of another document's header among `lines[from..to]`: its
/// national title, with the agency lines in capitals just above it.
fn other_document_start(src: &Source, from: usize, to: usize) -> Option<usize> {
    let lines = &src.logical;
    let title = (from..to).find(|&k| is_national_title_line(lines[k].text(src.read())))?;
    let mut start = title;
    let mut agency_lines = 0;
    while start > from && agency_lines < 3 {
        let l = &lines[start - 1];
        let t = l.text(src.read());
        if l.is_blank() {
            start -= 1;
        } else if at_most_chars(t, 80) && is_upper_text(t) {
            start -= 1;
            agency_lines += 1;
        } else {
            break;
        }
    }
    // (Blank lines above the agency stay where they were.)
    while start < title && lines[start].is_blank() {
        start += 1;
    }
    Some(start)
}

/// `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`, also as a scan's reading garbles it
/// (`CỘNG HOA XA HỘỌI CHỦ NGHĨA VIỆT NAM`).
fn is_national_title_line(t: &str) -> bool {
    if !at_most_chars(t, 60) {
        return false;
    }
    let f = fold(t);
    f.starts_with("CỘNG HÒA XÃ") || f.contains("CHỦ NGHĨA VIỆT NAM")
}

// ---------------------------------------------------------------------------------
// Tasks and period

/// Which task field a label introduces.
#[derive(Debug, Clone, Copy, PartialEq)]
enum TaskField {
    Content,
    Lead,
    Coordinating,
    Performing,
    Timeline,
    Other,
}

/// `t.find(':').filter(|&i| i <= max)`, reading only the first `max + 1` bytes: a
/// line split at each `; ` asked this of every rest, and a search to the end of
/// each was quadratic in a long line without a colon.
fn colon_within(t: &str, max: usize) -> Option<usize> {
    let b = t.as_bytes();
    memchr::memchr(b':', &b[..b.len().min(max + 1)])
}

fn task_label(t: &str) -> Option<(TaskField, usize)> {
    // Labels are short: look for the colon in the first few words only.
    let head = crate::text::head(t, 64);
    let colon = head.find(':').or_else(|| colon_within(t, 64))?;
    let label = t[..colon].trim();
    if !at_most_chars(label, 40) {
        return None;
    }
    let l = label.lower();
    let field = if l == "nội dung" || l == "nhiệm vụ" {
        TaskField::Content
    } else if l.starts_with("thời gian") || l.starts_with("thời hạn") {
        // `Thời hạn hoàn thành:`, `Thời hạn ban hành:` (a decree's to be issued by).
        TaskField::Timeline
    } else if (l.starts_with("đơn vị") || l.starts_with("cơ quan")) && l.contains("chủ trì")
    {
        TaskField::Lead
    } else if (l.starts_with("đơn vị") || l.starts_with("cơ quan")) && l.contains("phối hợp")
    {
        TaskField::Coordinating
    } else if l.starts_with("đơn vị tham mưu") {
        TaskField::Lead
    } else if l.starts_with("đơn vị thực hiện") || l.starts_with("cơ quan thực hiện") {
        TaskField::Performing
    } else if l == "sản phẩm" || l == "kinh phí" || l.starts_with("đối tượng") {
        TaskField::Other
    } else {
        return None;
    };
    Some((field, colon + 1))
}

/// A title that is only a label's name, its value the items under it (KH
/// 252/KH-BCĐQG1237: `1. Nội dung, biện pháp` over `a)` … `d)`, `2. Cơ quan chủ trì,
/// phối hợp` over `a) Cơ quan chủ trì` and its dashes, `2. Chủ trì thực hiện`).
fn heading_label(t: &str) -> Option<TaskField> {
    let t = t.trim().trim_end_matches([':', '.']).trim_end();
    // (Asked of every item's title: how label names start, before any copy.)
    const STARTS: [&str; 7] = [
        "NỘI DUNG",
        "NHIỆM VỤ",
        "THỜI GIAN",
        "THỜI HẠN",
        "ĐƠN VỊ",
        "CƠ QUAN",
        "CHỦ TRÌ",
    ];
    let first = t.chars().next().map(crate::text::upper_of);
    if !matches!(first, Some('N' | 'T' | 'Đ' | 'C'))
        || !at_most_chars(t, 40)
        || !STARTS.iter().any(|s| fold_starts_with(t, s))
        || t.contains(':')
    {
        return None;
    }
    let l = t.lower();
    let unit = l.starts_with("đơn vị") || l.starts_with("cơ quan");
    Some(if l.starts_with("nội dung") || l == "nhiệm vụ" {
        TaskField::Content
    } else if l.starts_with("thời gian") || l.starts_with("thời hạn") {
        TaskField::Timeline
    } else if (unit && l.contains("chủ trì")) || l.starts_with("chủ trì") {
        TaskField::Lead
    } else if unit && l.contains("phối hợp") {
        TaskField::Coordinating
    } else if l.starts_with("đơn vị thực hiện") || l.starts_with("cơ quan thực hiện") {
        TaskField::Performing
    } else {
        return None;
    })
}

/// A label with its colon ([`task_label`]) or a heading that is one
/// ([`heading_label`], its value all after it: none on its line).
fn label_of(t: &str) -> Option<(TaskField, usize)> {
    task_label(t).or_else(|| heading_label(t).map(|kind| (kind, t.len())))
}

/// The value after a label, as a field.
fn value_field(f: &Field, after: usize) -> Option<Field> {
    let v = f.text.get(after..)?;
    let lead = v.len() - v.trim_start().len();
    // The list's punctuation after the value is the list's (`Quý I/2026;`), not
    // the value's.
    let v = v.trim().trim_end_matches([';', ',', '.']).trim_end();
    if v.is_empty() {
        return None;
    }
    let start = f.range.start + after + lead;
    Some(Field {
        text: v.to_string(),
        range: crate::source::SourceRange {
            start,
            end: start + v.len(),
            line: f.range.line,
            column: f.range.column + f.text[..after + lead].chars().count(),
            end_line: f.range.end_line,
            end_column: f.range.end_column,
        },
    })
}

fn find_tasks(body: &[Node]) -> Vec<Task> {
    let mut tasks = Vec::new();
    fn walk(nodes: &[Node], in_impl: bool, hoisted: Option<&Node>, out: &mut Vec<Task>) {
        for n in nodes {
            // Only a section's title can open the implementation part.
            // A section that assigns work: `TỔ CHỨC THỰC HIỆN`, `PHÂN CÔNG NHIỆM VỤ`,
            // `NỘI DUNG THỰC HIỆN`, `TRÁCH NHIỆM CỦA CÁC CƠ QUAN`.
            let impl_section = in_impl
                || (n.level <= Level::Section && {
                    let f = fold(&n.title.text);
                    f.contains("THỰC HIỆN")
                        || f.contains("PHÂN CÔNG")
                        || f.contains("TRÁCH NHIỆM")
                        || f.contains("NHIỆM VỤ")
                })
                // `4. Phân công nhiệm vụ` inside a section: its items assign the work.
                || (n.level == Level::Clause && fold_starts_with(&n.title.text, "PHÂN CÔNG"));
            let is_item = |c: &Node| {
                (c.level >= Level::Clause && c.level <= Level::Point)
                    || is_labelled_dash(c)
                    || (impl_section && is_unit_duty_dash(c))
            };
            // `1. Hoàn thiện thể chế`, its `a)` … `d)`, then `Cơ quan chủ trì: …`
            // after the last: labels only the last sub-item carries, the others
            // none, are the whole item's.
            let items: Vec<&Node> = n.children.iter().filter(|c| is_item(c)).collect();
            let closing = match items.split_last() {
                Some((last, others))
                    if is_item(n)
                        && !others.is_empty()
                        && has_labels(last)
                        && !has_labels(n)
                        && !others.iter().any(|c| has_labels(c)) =>
                {
                    Some(*last)
                }
                _ => None,
            };
            let own = hoisted.is_none_or(|h| !std::ptr::eq(h, n));
            // `I. CÔNG TÁC QUÁN TRIỆT …` over `1. Nội dung, biện pháp`, `2. Cơ quan chủ
            // trì` and `3. Thời gian thực hiện: …`: a section that is one task.
            let labelled_section = n.level <= Level::Section && has_labelled_items(n);
            let groups = if is_item(n) && own {
                labelled_groups(n)
            } else {
                Vec::new()
            };
            if groups.len() >= 2 {
                out.extend(
                    groups
                        .iter()
                        .filter_map(|g| task_of_group(n, g, impl_section)),
                );
            } else if (is_item(n) || labelled_section) && own {
                if let Some(t) = task_of(n, closing.unwrap_or(n), impl_section) {
                    out.push(t);
                }
            }
            if !has_labelled_items(n) {
                walk(&n.children, impl_section, closing, out);
            }
        }
    }
    walk(body, false, None, &mut tasks);
    tasks
}

/// `4. Nâng cao …` over duties, each run of them followed by labels of its own (KH
/// 141 Bắc Ninh: `- Tăng cường …`, `- Nâng cao …`, `Đơn vị thực hiện: …`, `Thời
/// gian thực hiện: …`, then `- Tổ chức tập huấn …` and its labels): the runs, each
/// ending with the duty the units' labels are read under. Empty unless the item
/// holds only duties (no labelled dash lines).
fn labelled_groups(n: &Node) -> Vec<Vec<&Node>> {
    let mut groups = Vec::new();
    let mut run = Vec::new();
    for c in &n.children {
        if c.level != Level::Dash || task_label(&c.title.text).is_some() {
            return Vec::new();
        }
        run.push(c);
        // (Units of its own: duties timed one by one under a unit's heading, QĐ
        // 1627 Quảng Ngãi, are still that unit's one task.)
        let labelled = c.paragraphs.iter().any(|p| {
            matches!(
                task_label(&p.text),
                Some((
                    TaskField::Lead | TaskField::Coordinating | TaskField::Performing,
                    _
                ))
            )
        });
        if labelled {
            groups.push(std::mem::take(&mut run));
        }
    }
    groups
}

/// The task of one run of duties in item `n` (see [`labelled_groups`]): the item's
/// heading, the run's first duty as its content, the labels under its last.
fn task_of_group(n: &Node, group: &[&Node], in_impl: bool) -> Option<Task> {
    let (first, last) = (group.first()?, group.last()?);
    let mut node = n.clone();
    node.children = group.iter().map(|d| (*d).clone()).collect();
    node.paragraphs = Vec::new();
    node.range = crate::source::SourceRange {
        start: first.range.start,
        line: first.range.line,
        column: first.range.column,
        end: last.range.end,
        end_line: last.range.end_line,
        end_column: last.range.end_column,
    };
    // (Its content, the run's first duty, as `task_of` gives a labelled item's.)
    task_of(&node, &node, in_impl)
}

/// `- Nghị định quy định chi tiết …` with `+ Cơ quan chủ trì: …`, `+ Thời hạn ban
/// hành: …` under it: a dash that is a task of its own (QĐ 2623/QĐ-TTg), not a label.
fn is_labelled_dash(n: &Node) -> bool {
    // Only its `+` lines count: labels as its paragraphs are the item's above it,
    // written under its last duty.
    n.level == Level::Dash
        && task_label(&n.title.text).is_none()
        && n.children.iter().any(|c| {
            c.level == Level::Plus
                && task_label(&c.title.text).is_some_and(|(kind, _)| kind != TaskField::Other)
        })
}

/// `- Bộ Y tế chủ trì, phối hợp với …, thành lập hội đồng tư vấn khối ngành Sức
/// khỏe;` (QĐ 436/QĐ-TTg): a dash that gives a duty to the unit it opens with, a unit
/// by name. (`- Các đơn vị chủ trì thực hiện nhiệm vụ có trách nhiệm báo cáo …`,
/// `- Các cơ quan, đơn vị được giao chủ trì, …`: units in general, said of a duty
/// given elsewhere.)
fn is_unit_duty_dash(n: &Node) -> bool {
    let t = n.title.text.as_str();
    n.level == Level::Dash
        && n.children.is_empty()
        && !t.starts_with("Các ")
        // A ministry's department is named by its field, a verb among its words
        // (`- Vụ Vật liệu xây dựng;` in a list of partners, QĐ 836/QĐ-BXD): a unit
        // under a numbered heading only (`1. Vụ Các vấn đề chung …`).
        && !t.starts_with("Vụ ")
        // (A line that names no unit is not searched for verbs.)
        && names_units(t)
        // (The verbs found in one pass over the line: a search a verb cost a tenth
        // of the reading of real text's duties.)
        && first_verbs(t)
            .into_iter()
            .flatten()
            .min()
            .and_then(|at| unit_ending_at(t, at))
            .is_some_and(|at| at_most_chars(&t[..at], 80))
}

/// Where the unit a duty opens with ends, before the first of `verbs`.
fn unit_before(t: &str, verbs: &[&str]) -> Option<usize> {
    unit_ending_at(t, verbs.iter().filter_map(|v| t.find(v)).min()?)
}

/// `at`, when `t[..at]` names a unit: a unit's word first, no stop or colon in it, at
/// most 120 characters.
fn unit_ending_at(t: &str, at: usize) -> Option<usize> {
    let unit = &t[..at];
    (names_units(unit) && at_most_chars(unit, 120) && !unit.contains(['.', ';', ':'])).then_some(at)
}

/// A unit's word first, or `Sở, …` (`Sở, ngành, địa phương`).
fn names_units(t: &str) -> bool {
    starts_with_unit_word(t) || t.starts_with("Sở,")
}

/// Whether an item carries task labels (`Cơ quan chủ trì:`, `Thời gian thực hiện:` …)
/// on its dash lines or its paragraphs.
fn has_labels(n: &Node) -> bool {
    label_lines(n)
        .into_iter()
        .any(|(f, _)| task_label(&f.text).is_some_and(|(kind, _)| kind != TaskField::Other))
}

/// `v` going on after its separator `sep` with the line `next` (without the list's
/// punctuation at its end).
fn extend_value(v: &mut Field, sep: char, next: &Field) {
    let lead = next.text.len() - next.text.trim_start().len();
    let more = next
        .text
        .trim()
        .trim_end_matches([';', ',', '.'])
        .trim_end();
    v.text.push(sep);
    v.text.push(' ');
    v.text.push_str(more);
    let kept = &next.text[..lead + more.len()];
    v.range.end = next.range.start + kept.len();
    v.range.end_line = next.range.line;
    v.range.end_column = next.range.column + kept.chars().count();
}

/// Whether `f` is the end of a list of units wrapped from the line above: no label,
/// no items, no marker, a capital first, a line's length.
fn units_wrapped_on(f: &Field, subs: &[Node]) -> bool {
    let t = f.text.trim();
    let head = crate::text::head(t, 40);
    subs.is_empty()
        && at_most_chars(t, 80)
        && !head.contains(':')
        && t.starts_with(|c: char| c.is_uppercase())
        && crate::markers::marker_of(t).is_none()
}

/// Where an item's labelled fields stand: its dash lines (with the items under
/// each) and its plain paragraphs.
fn label_lines(n: &Node) -> Vec<(&Field, &[Node])> {
    if has_labelled_items(n) {
        let mut out = Vec::new();
        for p in label_items(n) {
            out.push((&p.title, p.children.as_slice()));
            // `b) Cơ quan thực hiện:` over `- Đơn vị chủ trì: …`, `2. Cơ quan chủ trì,
            // phối hợp` over `a) Cơ quan chủ trì` and `b) Cơ quan phối hợp`: the
            // labels under a label.
            out.extend(
                p.children
                    .iter()
                    .filter(|d| match d.level {
                        Level::Dash => task_label(&d.title.text).is_some(),
                        Level::Point => label_of(&d.title.text).is_some(),
                        _ => false,
                    })
                    .map(|d| (&d.title, d.children.as_slice())),
            );
            out.extend(p.paragraphs.iter().map(|x| (x, &[][..])));
        }
        out.extend(n.paragraphs.iter().map(|x| (x, &[][..])));
        return out;
    }
    // A dash's labels are its `+` lines.
    let under = if n.level == Level::Dash {
        Level::Plus
    } else {
        Level::Dash
    };
    let dashes = move || n.children.iter().filter(move |c| c.level == under);
    let dash_titles = dashes().map(|c| (&c.title, c.children.as_slice()));
    // Labels written under the item's last duty (`- Tham mưu …` / `Đơn vị chủ trì:
    // …`) are read as that duty's paragraphs: still the item's.
    // So are those under a duty's last `+` line (QĐ 1627 Quảng Ngãi: `- Phối hợp …
    // Trong đó:`, its units' `+` lines, then `Thời gian thực hiện: …`).
    let under_dashes = dashes().flat_map(|c| {
        let last_plus = c.children.last().filter(|g| g.level == Level::Plus);
        c.paragraphs
            .iter()
            .chain(last_plus.into_iter().flat_map(|g| &g.paragraphs))
            .map(|p| (p, &[][..]))
    });
    dash_titles
        .chain(under_dashes)
        .chain(n.paragraphs.iter().map(|p| (p, &[][..])))
        .collect()
}

/// Where the unit ends in `Sở Nội vụ chủ trì …`: a unit named alone before `chủ
/// trì` (no list of units before it).
fn lead_unit_at(t: &str) -> Option<usize> {
    t.find(" chủ trì").filter(|&at| {
        let unit = &t[..at];
        starts_with_unit_word(unit) && !unit.contains([';', ','])
    })
}

/// The items under `n` that may be its labels: its numbered and lettered ones.
fn label_items(n: &Node) -> impl Iterator<Item = &Node> {
    n.children
        .iter()
        .filter(|c| matches!(c.level, Level::Clause | Level::SubClause | Level::Point))
}

/// `1.1. Xây dựng …` over `a) Nhiệm vụ: …`, `b) Cơ quan thực hiện:` (its `- Đơn vị
/// chủ trì: …` lines) and `c) Thời gian thực hiện: …` (KH 308 Hà Nội), or `I. CÔNG
/// TÁC QUÁN TRIỆT …` over `1. Nội dung, biện pháp`, `2. Cơ quan chủ trì, phối hợp`
/// and `3. Thời gian thực hiện: …` (KH 252/KH-BCĐQG1237): items of one level that
/// are the item's labels, not items of their own.
fn has_labelled_items(n: &Node) -> bool {
    let mut level = None;
    let mut units = false;
    let mut count = 0;
    let all_labels = label_items(n).all(|p| {
        count += 1;
        let label = label_of(&p.title.text);
        units |= matches!(
            label,
            Some((
                TaskField::Lead | TaskField::Performing | TaskField::Coordinating,
                _
            ))
        );
        label.is_some() && *level.get_or_insert(p.level) == p.level
    });
    all_labels && count >= 2 && units
}

/// A line holding several labels (`Đơn vị chủ trì: Phòng A; Đơn vị phối hợp: Phòng
/// B.`): one field per label.
fn label_segments(f: &Field) -> Vec<Field> {
    let t = &f.text;
    let mut cuts = vec![0];
    for (i, _) in t.match_indices("; ").chain(t.match_indices(". ")) {
        let rest = &t[i + 2..];
        if task_label(rest).is_some_and(|(kind, _)| kind != TaskField::Other) {
            cuts.push(i + 2);
        }
    }
    if cuts.len() == 1 {
        return vec![f.clone()];
    }
    crate::order::sort(&mut cuts);
    cuts.push(t.len());
    cuts.windows(2)
        .map(|w| sub_field(f, w[0], w[1]))
        .filter(|s| !s.text.is_empty())
        .collect()
}

/// The task of item `n`, its labelled fields read from `labels` (`n` itself, or the
/// last sub-item that carries the whole item's labels).
fn task_of(n: &Node, labels: &Node, in_impl: bool) -> Option<Task> {
    let mut task = Task {
        heading: Field {
            text: format!("{} {}", n.marker, n.title.text),
            range: n.marker_range,
        },
        content: None,
        lead: Vec::new(),
        coordinating: Vec::new(),
        performing: Vec::new(),
        timeline: None,
        range: n.range,
        source: TaskSource::Item,
        annex: None,
        group: None,
        product: None,
    };
    let mut found = false;
    // A heading is a label only among labelled items (`1. Nội dung, biện pháp`, `2.
    // Cơ quan chủ trì`), not as a duty's line (`- Nội dung giám sát của chủ chương
    // trình`, KH 160 Cần Thơ) or a table's cell.
    let label = if has_labelled_items(labels) {
        label_of
    } else {
        task_label
    };
    let mut lines = label_lines(labels).into_iter().peekable();
    while let Some((line, line_subs)) = lines.next() {
        if label(&line.text).is_none() {
            continue;
        }
        let segments = label_segments(line);
        let last = segments.len() - 1;
        for (at, segment) in segments.iter().enumerate() {
            let field = segment;
            let subs = if at == 0 { line_subs } else { &[][..] };
            let Some((kind, after)) = label(&field.text) else {
                continue;
            };
            // `a) Cơ quan chủ trì` over `- Ban Chỉ đạo quốc gia.`: a heading that is
            // a label, each line under it a value.
            let heading = task_label(&field.text).is_none();
            found |= kind != TaskField::Other;
            let mut value = value_field(field, after);
            // `Cơ quan chủ trì: Sở A; Sở B;` / `UBND các quận, huyện.`: a list of units
            // that goes on on the next line, which has no label of its own.
            let units = matches!(
                kind,
                TaskField::Lead | TaskField::Coordinating | TaskField::Performing
            );
            let separator = field
                .text
                .trim_end()
                .chars()
                .last()
                .filter(|c| matches!(c, ';' | ','));
            if let (true, Some(sep), Some(v), true) = (units, separator, value.as_mut(), at == last)
            {
                if let Some((next, _)) = lines.next_if(|(f, subs)| units_wrapped_on(f, subs)) {
                    extend_value(v, sep, next);
                }
            }
            // `a) Nhiệm vụ:` over its duties: the first duty is the content.
            let first_sub = subs.first().map(|s| s.title.clone());
            // `- Đơn vị chủ trì:` with `+ Sở X: …` items under it names units in the
            // items (not labels of their own: `b) Cơ quan thực hiện:` over `- Đơn vị
            // chủ trì: …`, read in their turn).
            let units: Vec<Field> = match value {
                Some(v) => vec![v],
                None => subs
                    .iter()
                    .filter(|s| label_of(&s.title.text).is_none())
                    .filter_map(|s| {
                        let t = &s.title.text;
                        if heading && !t.contains(':') {
                            let value = t.trim_end().trim_end_matches([';', ',', '.']);
                            let value = value.trim_end();
                            return (!value.is_empty())
                                .then(|| sub_field(&s.title, 0, value.len()));
                        }
                        // `- Cơ quan thực hiện:` over `+ Sở Văn hóa và Thể thao chủ trì,
                        // phối hợp …` (KH 174 TP HCM): the line that says which unit
                        // leads (the value's own reading below takes the unit).
                        if kind == TaskField::Performing && !t.contains(':') {
                            return lead_unit_at(t).map(|_| s.title.clone());
                        }
                        let unit = t.split(':').next()?.trim();
                        (t.contains(':') && !unit.is_empty()).then(|| Field {
                            text: unit.to_string(),
                            range: s.title.range,
                        })
                    })
                    .collect(),
            };
            match kind {
                TaskField::Content => task.content = units.into_iter().next().or(first_sub),
                TaskField::Lead => task.lead.extend(units),
                TaskField::Coordinating => task.coordinating.extend(units),
                // `Cơ quan thực hiện: Sở Nội vụ chủ trì tham mưu …; Sở Tư pháp …` (KH
                // 172 TP HCM): the unit the value says leads, leads.
                TaskField::Performing => {
                    for v in units {
                        match lead_unit_at(&v.text) {
                            Some(at) => task.lead.push(sub_field(&v, 0, at)),
                            None => task.performing.push(v),
                        }
                    }
                }
                // Several timed duties under one unit (QĐ 1627 Quảng Ngãi): the first
                // duty's time is the task's, as its first duty is its content.
                TaskField::Timeline if task.timeline.is_some() => {}
                TaskField::Timeline => {
                    task.timeline = units.into_iter().next().map(|v| Timeline {
                        period: parse_period(&v.text),
                        text: v.text,
                        range: v.range,
                    })
                }
                TaskField::Other => {}
            }
        }
    }
    // In the implementation section an item headed by a unit is that unit's task:
    // `2. Công an tỉnh` with its duties below, `3. Sở Tài chính: Chủ trì, …`, or
    // `3. Giao Công an tỉnh chủ trì, …`.
    // Labels that name no unit and no content (`Thời gian thực hiện: …` under each
    // duty, QĐ 1627 Quảng Ngãi) leave the heading's unit to lead.
    let unnamed = task.lead.is_empty() && task.content.is_none();
    let item_level = matches!(n.level, Level::Clause | Level::SubClause | Level::Point);
    if unnamed && in_impl && (item_level || is_unit_duty_dash(n)) {
        if let Some((lead, duty)) = unit_of_item(n) {
            task.lead.push(lead);
            if task.timeline.is_none() {
                task.timeline = duty.as_ref().and_then(timeline_in);
            }
            task.content = duty;
            found = true;
        }
    }
    // `3. Xây dựng các văn bản …` / `Sở, ban, ngành thuộc Ủy ban nhân dân Thành phố
    // có trách nhiệm rà soát, …` (KH 172 TP HCM): the item's one paragraph gives it
    // to a unit, whatever the section.
    if !found && task.lead.is_empty() && n.children.is_empty() {
        if let [p] = n.paragraphs.as_slice() {
            if let Some(at) = unit_before(&p.text, &[" có trách nhiệm", " chủ trì"]) {
                task.lead.push(sub_field(p, 0, at));
                task.content = Some(p.clone());
                found = true;
            }
        }
    }
    // `6.1. Đối với Đoàn kiểm tra: Các thành viên Đoàn thực hiện …`, `6.2 Đối với
    // đơn vị được kiểm tra: Chuẩn bị báo cáo …` (KH 1105 Lào Cai, under `6. Những
    // vấn đề khác`): a duty addressed by name to a unit, on the item's own line,
    // whatever the section. (In the implementation section `unit_of_item` reads it
    // above; elsewhere only a unit's name, not a topic, is taken.)
    if !found && task.lead.is_empty() && !in_impl && n.title.text.starts_with("Đối với ") {
        if let Some((lead, Some(duty))) = unit_of_item(n) {
            let named = lead.text.as_str();
            let unit = starts_with_unit_word(named) || fold_starts_with(named, "ĐƠN VỊ ");
            let inline =
                duty.range.start >= n.title.range.start && duty.range.end <= n.title.range.end;
            if unit && inline && matches!(n.level, Level::Clause | Level::SubClause) {
                task.timeline = timeline_in(&duty);
                task.lead.push(lead);
                task.content = Some(duty);
                found = true;
            }
        }
    }
    // An item with labels and no `Nội dung:` of its own (`1. Rà soát …` / `-
    // Thường xuyên rà soát …` / `Đơn vị chủ trì: …`, KH 141 Bắc Ninh): its first
    // duty, a dash line or a paragraph that is no label, is the content.
    if found && task.content.is_none() {
        let is_duty = |f: &&Field| {
            let t = f.text.trim();
            !t.is_empty() && task_label(t).is_none() && !t.bytes().all(|b| b.is_ascii_digit())
        };
        let dash = labels
            .children
            .iter()
            .find(|c| c.level == Level::Dash)
            .map(|c| &c.title)
            .filter(is_duty);
        let para = labels.paragraphs.iter().find(is_duty);
        task.content = match (dash, para) {
            (Some(d), Some(p)) => Some(if p.range.start < d.range.start { p } else { d }),
            (d, p) => d.or(p),
        }
        .cloned();
    }
    found.then_some(task)
}

/// Verbs that follow the unit an item assigns work to.
const VERBS: [&str; 31] = [
    " chủ trì",
    // `UBND các xã, phường tăng cường …`, `Các Sở, ngành … kiện toàn …` (KH 141 Bắc Ninh).
    " tăng cường",
    " kiện toàn",
    " nâng cao",
    " đẩy mạnh",
    " rà soát",
    " phát huy",
    // `Các Sở, ban, ngành … căn cứ Kế hoạch này, xây dựng …` (KH 308 Hà Nội).
    " căn cứ",
    " chủ động",
    " bố trí",
    " xây dựng",
    " chỉ đạo",
    " phối hợp",
    " có trách nhiệm",
    " tham mưu",
    " hướng dẫn",
    " thực hiện",
    " triển khai",
    " theo dõi",
    " tổ chức",
    // `Ủy ban nhân dân các tỉnh … tổng hợp, trình …`, `Bộ trưởng … chịu trách nhiệm …`
    " tổng hợp",
    " chịu trách nhiệm",
    // `Các doanh nghiệp nhà nước, Tổng Công ty tiên phong, dẫn dắt …`, `Các cơ sở
    // đào tạo đại học ở các lĩnh vực ngành, nghề mở thêm chuyên ngành …` (KH 179
    // Đồng Nai).
    " tiên phong",
    " mở thêm",
    // `Bộ Giáo dục và Đào tạo thành lập các hội đồng thẩm định …` (QĐ 436/QĐ-TTg).
    " thành lập",
    // `- Uỷ ban nhân dân cấp tỉnh trình Hội đồng nhân dân cùng cấp bố trí …` (QĐ 844/
    // QĐ-TTg), `- Sở Tài chính định kỳ hằng quý tổng hợp …` (QĐ 2820 TP HCM): a
    // submission (not the `trình` of `Chương trình`) and a period open the duty.
    " trình Hội đồng",
    " trình Ủy ban",
    " trình Thủ tướng",
    " trình Chính phủ",
    " định kỳ",
    // `- Hội đồng Thi đua - Khen thưởng các cấp phân công rõ trách nhiệm …` (KH 982
    // Nghệ An).
    " phân công",
];

/// Where each of [`VERBS`] first stands in `t` as a verb: `các tổ chức`, `những tổ
/// chức`, `các cơ quan, tổ chức` are the noun, not the verb `tổ chức`; `Ban xây
/// dựng Đảng` is a board's name. One pass over the spaces (every verb starts with
/// one), each asked only of the verbs whose next byte it has: a search per verb
/// prepared a searcher each time and cost more than the item's whole reading.
// One bit a verb in `first_verbs`' table.
const _: () = assert!(VERBS.len() <= 32);

fn first_verbs(t: &str) -> [Option<usize>; VERBS.len()] {
    /// For each byte, the verbs whose second byte it is (bit k: `VERBS[k]`).
    const BY_SECOND_BYTE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut k = 0;
        while k < VERBS.len() {
            table[VERBS[k].as_bytes()[1] as usize] |= 1 << k;
            k += 1;
        }
        table
    };
    let mut first = [None; VERBS.len()];
    let bytes = t.as_bytes();
    for i in memchr::memchr_iter(b' ', bytes) {
        let mut candidates = bytes.get(i + 1).map_or(0, |&b| BY_SECOND_BYTE[b as usize]);
        while candidates != 0 {
            let k = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            if first[k].is_none() && bytes[i..].starts_with(VERBS[k].as_bytes()) {
                let before = &t[..i];
                // (`Các cơ quan được phân công chủ trì …`: a verb after `được` is
                // said of the unit, not done by it.)
                let noun_or_name = before.ends_with(" các")
                    || before.ends_with(" được")
                    || before.ends_with(',')
                    || before.ends_with(" những")
                    || before.ends_with(" Ban")
                    || before.ends_with(" ban");
                if !noun_or_name {
                    first[k] = Some(i);
                }
            }
        }
    }
    first
}

/// The unit an item assigns work to, and its first duty.
fn unit_of_item(n: &Node) -> Option<(Field, Option<Field>)> {
    let title = &n.title;
    let t = title.text.as_str();
    // What comes first under the item: a paragraph or a sub-item.
    // The first duty: the first paragraph or sub-item under the unit. An unnumbered
    // introduction ending with a colon (`Chủ trì, phối hợp với …:`) leads to the
    // first sub-item under it; a numbered point (`a) …`) is a duty itself.
    let first_duty = || -> Option<Field> {
        let child = n.children.first();
        // A page's number left between the heading and its duties (`11`, Huế's KH
        // 188) is no duty.
        let para = n.paragraphs.iter().find(|p| {
            let t = p.text.trim();
            t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit())
        });
        // (`Phối hợp hướng dẫn … thuộc phạm vi quản lý. Trong đó:`: a duty in a
        // sentence of its own, its details under it, is the duty.)
        let intro = |f: &Field| {
            let t = f.text.trim_end();
            t.ends_with(':') && !t.contains(". ")
        };
        match (child, para) {
            (Some(c), Some(p)) if p.range.start < c.range.start => {
                if intro(p) {
                    Some(c.title.clone())
                } else {
                    Some(p.clone())
                }
            }
            (Some(c), _) => {
                let numbered = c.level < Level::Dash;
                match c.children.first() {
                    Some(g) if !numbered && intro(&c.title) => Some(g.title.clone()),
                    _ => Some(c.title.clone()),
                }
            }
            (None, p) => p.cloned(),
        }
    };
    // `Trách nhiệm của đối tượng thực hiện kiểm kê:` (QĐ 1627 Quảng Ngãi), `Đối với
    // Đoàn kiểm tra: …`: the unit the phrase names, whatever its case.
    if let Some(p) = ADDRESSED.iter().find(|p| t.starts_with(*p)) {
        let rest = &t[p.len()..];
        let colon = colon_outside_brackets(rest, 160);
        let name = rest[..colon.unwrap_or(rest.len())].trim_end();
        // `Đối với các nhiệm vụ thường xuyên:`, `Đối với công tác tuyên truyền`: a
        // topic, not a unit.
        let named = crate::text::lower(name);
        let named = named.strip_prefix("các ").unwrap_or(&named);
        let topic = TOPICS.iter().any(|w| named.starts_with(w));
        if !name.is_empty() && !topic && at_most_chars(name, 160) && !name.ends_with(['.', ';']) {
            let lead = sub_field(title, p.len(), p.len() + name.len());
            let after = colon.map_or("", |c| rest[c + 1..].trim_start());
            let duty = if after.is_empty() {
                first_duty()
            } else {
                Some(sub_field(title, t.len() - after.len(), t.len()))
            };
            return Some((lead, duty));
        }
    }
    // Every form below opens with a unit word or `Giao`/`Yêu cầu`: anything else is
    // no unit's item, and a long paragraph is not searched for verbs.
    let person = starts_with_person(t);
    // `2. Cơ quan điều hành Trung tâm tài chính quốc tế chủ trì, phối hợp …` (QĐ Bộ
    // KH&CN): a body called `Cơ quan …` leads when said to, named alone before `chủ
    // trì` (not `Cơ quan chủ quản Chương trình, cơ quan chủ trì …`, a list).
    if let Some(at) = t.strip_prefix("Cơ quan ").and_then(|_| t.find(" chủ trì")) {
        if !t[..at].contains([',', ';']) {
            return Some((sub_field(title, 0, at), Some(title.clone())));
        }
    }
    if !starts_with_unit_word(t)
        && !person
        && !t.starts_with("Giao")
        && !t.starts_with("Yêu cầu")
        && !t.starts_with("Khuyến khích ")
    {
        return None;
    }
    // The whole heading as the unit (without its request, or a closing colon: a list
    // of units too long for a colon to be looked for ends with it, `Báo và Phát thanh
    // - Truyền hình Đắk Lắk, Sở Văn hóa, …, hệ thống truyền thanh cơ sở:`, KH 0129
    // Đắk Lắk), its first duty below.
    let whole_heading = || {
        let named = t.strip_suffix(':').unwrap_or(t).trim_end();
        (
            sub_field(title, request_len(named), named.len()),
            first_duty(),
        )
    };
    let verbs = first_verbs(t);
    // `Sở Tài chính: Chủ trì, …` (the colon right after the unit, no verb before it).
    if let Some(colon) =
        colon_outside_brackets(t, 160).filter(|&c| !verbs.iter().any(|v| v.is_some_and(|i| i < c)))
    {
        let unit = t[..colon].trim_end();
        // `Ông. Hoàng Văn Thuân - Trưởng đoàn: Phụ trách chung; …`: a team member's.
        let member = person && at_most_chars(unit, 100) && !unit.ends_with(['.', ';']);
        // `UBND các xã: Hải Tiến, Giao Minh, …`: the colon opens the units' names,
        // not a duty.
        let names_follow = is_list_of_names(&t[colon + 1..]);
        if (is_unit_heading(unit) || member) && !names_follow {
            // (`Đề nghị Công ty Điện lực Đắk Lắk: Khẩn trương …`: the unit asked.)
            let lead = sub_field(title, request_len(unit), unit.len());
            let rest = t[colon + 1..].trim_start();
            let duty = if rest.is_empty() {
                first_duty()
            } else {
                Some(sub_field(title, t.len() - rest.len(), t.len()))
            };
            return Some((lead, duty));
        }
    }
    // `Giao Công an tỉnh chủ trì, phối hợp …`
    if let Some(m) = shapes::assigned_unit(t) {
        let duty = if t.trim_end().ends_with(':') {
            first_duty()
        } else {
            Some(title.clone())
        };
        return Some((sub_field(title, m.start, m.end), duty));
    }
    // `Các cơ quan tham mưu quản lý ngành, lĩnh vực (gồm các Sở: Xây dựng, …)`: a
    // group of units named, then listed in brackets; its words are no verb.
    if let Some(open) = units_listed_at(t) {
        if is_unit_heading(t[..open].trim_end()) {
            return Some((sub_field(title, 0, t.len()), first_duty()));
        }
    }
    // `Sở Nông nghiệp và Môi trường chỉ đạo Chi cục … thực hiện:`: the unit, then its
    // verb (a list of three units runs past a hundred characters).
    // (`Giao Sở Tư pháp theo dõi, đôn đốc …`, KH 141 Bắc Ninh; `Khuyến khích Liên
    // đoàn Lao động tỉnh, … xây dựng …`, KH 179 Đồng Nai: the unit after the word.)
    let given = t
        .strip_prefix("Giao ")
        .or_else(|| t.strip_prefix("Khuyến khích "))
        .map_or(0, |rest| t.len() - rest.len());
    // Before `có trách nhiệm` a list of posts may run longer than a heading (`Bộ
    // trưởng, Thủ trưởng cơ quan ngang bộ, …, Chủ tịch Hội đồng trường của các cơ sở
    // giáo dục đại học có trách nhiệm …`, QĐ 436/QĐ-TTg); before another verb such a
    // run is more often a sentence (`… người đứng đầu các Bộ, cơ quan, địa phương
    // lãnh đạo chỉ đạo …`).
    let responsible = t.find(" có trách nhiệm");
    if let Some(at) = verbs.iter().flatten().copied().min().filter(|&at| {
        let chars = if responsible == Some(at) { 200 } else { 160 };
        at > given
            && at <= 240
            && (is_unit_heading_within(&t[..at], chars)
                || (given > 0 && is_unit_heading_within(&t[given..at], chars)))
            && !t[..at].ends_with(',')
    }) {
        // `Các Sở, ngành chủ trì, quản lý, tham gia thực hiện các dự án …` over the
        // duties themselves (dashes, paragraphs), no colon: the verbs say which
        // units, the whole heading names them (KH 160 Cần Thơ).
        let duties_below = !n.children.is_empty() || !n.paragraphs.is_empty();
        if duties_below && !t.ends_with(':') && given == 0 && is_unit_heading(t) {
            return Some(whole_heading());
        }
        // `Viện A; Viện B nghiên cứu tham mưu …`: the study is the first duty, not
        // part of the units' names (a name writes `Nghiên cứu` in capitals).
        let at = t[..at].strip_suffix(" nghiên cứu").map_or(at, str::len);
        let unit = &t[given..at];
        let skip = given + request_len(unit);
        let duty = if t.ends_with(':') {
            first_duty()
        } else {
            Some(title.clone())
        };
        return Some((sub_field(title, skip, at), duty));
    }
    if is_unit_heading(t) {
        return Some(whole_heading());
    }
    None
}

/// The request before a unit asked to do its part (`Đề nghị Ủy ban Mặt trận …`), in
/// bytes; 0 for a unit given its duty.
fn request_len(unit: &str) -> usize {
    unit.len() - unit.trim_start_matches("Đề nghị ").len()
}

/// Words that open a topic, not a unit, after `Đối với` (`công tác`, `nhiệm vụ`).
const TOPICS: [&str; 9] = [
    "nhiệm vụ",
    "công tác",
    "lĩnh vực",
    "dự án",
    "kinh phí",
    "nội dung",
    "việc ",
    "hoạt động",
    "chương trình",
];

/// Phrases that name the unit a duty is addressed to, before the unit.
const ADDRESSED: [&str; 2] = ["Trách nhiệm của ", "Đối với "];

/// The first colon within `max` bytes that no bracket holds (`(gồm các Sở: Xây
/// dựng, …)` is the bracket's).
fn colon_outside_brackets(t: &str, max: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in t.bytes().enumerate().take(max + 1) {
        match b {
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b':' if depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// A marker as written: `3  .` (bold marks around the number, blanked in the
/// reading text) is `3.`; `Phần I` keeps its space.
fn marker_text(m: &str) -> String {
    match m.char_indices().next_back() {
        Some((i, close @ ('.' | ')'))) if m[..i].ends_with(' ') => {
            format!("{}{close}", m[..i].trim_end())
        }
        _ => m.to_string(),
    }
}

/// Where a title's closing bracket opens, when the bracket lists the units of the
/// group the title names (`… (gồm các Sở: Xây dựng, Công Thương)`).
fn units_listed_at(t: &str) -> Option<usize> {
    if !t.ends_with(')') {
        return None;
    }
    let mut depth = 0usize;
    let open = t.bytes().enumerate().rev().find_map(|(i, b)| {
        match b {
            b')' => depth += 1,
            b'(' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        None
    })?;
    let inner = crate::text::lower(&t[open + 1..]);
    let listed = inner.strip_prefix("gồm ")?;
    let listed = listed.strip_prefix("các ").unwrap_or(listed);
    const GROUPS: [&str; 8] = [
        "sở",
        "ban",
        "cơ quan",
        "đơn vị",
        "ủy ban",
        "ubnd",
        "phòng",
        "bộ",
    ];
    GROUPS
        .iter()
        .any(|g| {
            listed.starts_with(g) && !listed[g.len()..].starts_with(crate::text::is_letter_or_digit)
        })
        .then_some(open)
}

/// `Hải Tiến, Giao Minh và Giao Hòa`: two names or more, each a few capitalised
/// words, and nothing else.
fn is_list_of_names(t: &str) -> bool {
    let t = t.trim().trim_end_matches(['.', ';']);
    let mut n = 0;
    for piece in t.split(',').flat_map(|p| p.split(" và ")) {
        let words: Vec<&str> = piece.split_whitespace().collect();
        let capitalised = words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()));
        if words.is_empty() || words.len() > 4 || !capitalised {
            return false;
        }
        n += 1;
    }
    n >= 2
}

/// Part `a..b` of a field's text, as a field pointing at its characters (the field's
/// text has its span's length: see `Source::field`).
fn sub_field(f: &Field, a: usize, b: usize) -> Field {
    let text = f.text.get(a..b).unwrap_or("").trim().to_string();
    let lead = f
        .text
        .get(a..b)
        .map_or(0, |s| s.len() - s.trim_start().len());
    let start = f.range.start + a + lead;
    Field {
        range: crate::source::SourceRange {
            start,
            end: start + text.len(),
            column: f.range.column + f.text.get(..a + lead).map_or(0, |s| s.chars().count()),
            end_column: f.range.column
                + f.text.get(..a + lead).map_or(0, |s| s.chars().count())
                + text.chars().count(),
            ..f.range
        },
        text,
    }
}

/// A deadline written in a duty: `(Hoàn thành trong tháng 6/2026)`,
/// `(thời gian: Quý III/2025)`, or the duty's last clause: `…, hoàn thành trong quý
/// IV năm 2020.` (QĐ 436/QĐ-TTg).
fn timeline_in(f: &Field) -> Option<Timeline> {
    let m = shapes::bracketed_deadline(&f.text).or_else(|| closing_deadline(&f.text))?;
    let field = sub_field(f, m.start, m.end);
    Some(Timeline {
        period: parse_period(&field.text),
        text: field.text,
        range: field.range,
    })
}

/// The duty's last clause when it is its deadline: `, hoàn thành trong quý IV năm
/// 2020.`, `; hoàn thành trước ngày 30/6/2025`, `, hoàn thành theo kế hoạch hằng
/// năm.`: the words after the comma or semicolon, up to the closing stop.
fn closing_deadline(t: &str) -> Option<std::ops::Range<usize>> {
    let body = t.trim_end().trim_end_matches(['.', ';']);
    let after = body.rfind([',', ';'])? + 1;
    let start = after + (body[after..].len() - body[after..].trim_start().len());
    let clause = &body[start..];
    let lead = [
        "hoàn thành trong ",
        "hoàn thành trước ",
        "hoàn thành chậm nhất ",
        "hoàn thành theo ",
    ]
    .iter()
    .any(|w| clause.starts_with(w));
    (lead && at_most_chars(clause, 60)).then_some(start..body.len())
}

fn is_unit_heading(t: &str) -> bool {
    is_unit_heading_within(t, 160)
}

/// [`is_unit_heading`] of at most `chars` characters.
fn is_unit_heading_within(t: &str, chars: usize) -> bool {
    starts_with_unit_word(t)
        && !t.starts_with("Ban hành")
        && !t.ends_with(['.', ';'])
        && at_most_chars(t, chars)
}

/// `Ông`, `Bà`, `Đồng chí`: a person a team's plan gives duties to.
fn starts_with_person(t: &str) -> bool {
    ["Ông ", "Ông. ", "Bà ", "Bà. ", "Đồng chí ", "Đ/c "]
        .iter()
        .any(|w| t.starts_with(w))
}

fn starts_with_unit_word(t: &str) -> bool {
    const UNIT_WORDS: [&str; 43] = [
        "Ngân hàng",
        "Kho bạc",
        "Bảo hiểm xã hội",
        "Hội đồng",
        "Mặt trận",
        "Liên đoàn",
        "Đoàn ",
        "Sở ",
        "Ban ",
        "Ủy ban",
        "Uỷ ban",
        "UBND",
        "Văn phòng",
        "Công an",
        "Bộ ",
        "Báo ",
        "Đài ",
        "Liên hiệp",
        "Trung tâm",
        "Các ",
        "Đề nghị ",
        "Hội ",
        "Thanh tra",
        "Phòng ",
        "Chi cục",
        "Cục ",
        "Tổ ",
        // The Youth Union's provincial and city committees.
        "Tỉnh đoàn",
        "Tỉnh Đoàn",
        "Thành đoàn",
        "Thành Đoàn",
        // A steering committee's posts (`1.1. Trưởng Ban Chỉ đạo`, its duties below).
        "Trưởng Ban",
        "Trưởng ban",
        "Phó Trưởng Ban",
        "Phó Trưởng ban",
        // The heads who answer for their bodies (`3. Thủ trưởng các sở, ban, ngành …
        // chịu trách nhiệm …`, KH 172 TP HCM).
        "Thủ trưởng ",
        "Giám đốc ",
        "Chủ tịch ",
        "Đảng ủy",
        "Viện ",
        "Tòa án",
        "Trường ",
        // A ministry's departments (`1. Vụ Các vấn đề chung về xây dựng pháp luật`,
        // its duties below, QĐ 173/QĐ-BTP).
        "Vụ ",
    ];
    // `Tổ chức thực hiện …` organises: no team (`Tổ công tác`); `Báo cáo sơ kết`,
    // `Hội nghị …`, `Các hoạt động …` are work, not a newspaper, an association or
    // units.
    const NOT_UNITS: [&str; 11] = [
        "Tổ chức",
        // A case, not a department.
        "Vụ việc",
        "Báo cáo",
        "Hội nghị",
        "Hội thảo",
        "Hội thi",
        "Các hoạt động",
        "Các nhiệm vụ",
        "Các giải pháp",
        "Các nội dung",
        // `3. Các vấn đề cần lưu ý khi xây dựng Đề án …` (QĐ 3210 TP HCM): matters.
        "Các vấn đề",
    ];
    // A word's first byte compared first: most lines open with none of them, and a
    // call per dash of a duties' section had cost a thousand instructions.
    let Some(&first) = t.as_bytes().first() else {
        return false;
    };
    let opens = |w: &&str| w.as_bytes()[0] == first && t.starts_with(*w);
    UNIT_WORDS.iter().any(opens) && !NOT_UNITS.iter().any(opens)
}

/// The plan's own period: the `năm 2023` / `giai đoạn 2021 - 2025` of its summary, else
/// the year of its date.
fn plan_period(plan: &Plan) -> Option<PlanPeriod> {
    if let Some(s) = plan.title.as_ref().and_then(|t| t.summary.as_ref()) {
        let text = s.text.as_str();
        if let Some((_, [from, to], _)) =
            search(text, starts_with_letter_of(b"gn"), crate::dates::year_range).next()
        {
            if let (Ok(from), Ok(to)) = (text[from].parse(), text[to].parse()) {
                return Some(PlanPeriod {
                    from,
                    to,
                    source: "title".into(),
                });
            }
        }
        // `năm 2025` of the plan, not of a cited document's date (`ngày 02 tháng 01
        // năm 2025 của Thủ tướng`).
        let of_a_date = |at: usize| fold(crate::text::tail(&s.text[..at], 24)).contains("THÁNG");
        // `đến năm 2030` runs from the plan's own year; `tầm nhìn đến năm 2045` is a
        // vision beyond the plan, not its period.
        let tail_of = |at: usize| fold(crate::text::tail(&text[..at], 40));
        let issued = plan.header.place_date.as_ref().and_then(|p| p.date.year);
        let beyond = |at: usize| {
            let t = tail_of(at);
            t.contains("TẦM NHÌN") || t.contains("ĐỊNH HƯỚNG")
        };
        let years: Vec<(usize, u16)> =
            search(text, starts_with_letter_of(b"n"), crate::dates::year)
                .filter(|(start, _, _)| !of_a_date(*start) && !beyond(*start))
                .filter_map(|(start, y, _)| Some((start, text[y].parse::<u16>().ok()?)))
                .collect();
        if let Some(&(start, y)) = years.last() {
            // `từ năm 2025 đến năm 2030`: the earlier year; else the issue year.
            let tail = tail_of(start);
            let tail = tail.trim_end();
            let until = ["ĐẾN", "ĐẾN HẾT", "ĐẾN CUỐI"]
                .iter()
                .any(|w| tail.ends_with(w));
            let earlier = years.len().checked_sub(2).map(|k| years[k].1);
            let from = match (earlier, issued) {
                (Some(e), _) if until && e <= y => e,
                (_, Some(i)) if until && i <= y => i,
                _ => y,
            };
            return Some(PlanPeriod {
                from,
                to: y,
                source: "title".into(),
            });
        }
    }
    let y = plan.header.place_date.as_ref()?.date.year?;
    Some(PlanPeriod {
        from: y,
        to: y,
        source: "issue_date".into(),
    })
}

/// Deadlines written in running text: `trước ngày 15/5/2016 và 01/11/2017`.
pub fn find_deadlines(src: &Source, span: Span) -> Vec<(Span, PartialDate)> {
    let text = span.text(src.read());
    let mut out = Vec::new();
    for lead_end in shapes::deadline_leads(text) {
        let mut pos = lead_end;
        while let Some((date, len)) = date_at_start(&text[pos..]) {
            let lead = text[pos..].len() - text[pos..].trim_start().len();
            out.push((
                Span::new(span.start + pos + lead, span.start + pos + len),
                date,
            ));
            pos += len;
            // `… và 01/11/2017`, `…, 15/5/2017`
            let rest = &text[pos..];
            let joiner = rest
                .strip_prefix(" và")
                .or_else(|| rest.strip_prefix(","))
                .or_else(|| rest.strip_prefix(" hoặc"));
            match joiner {
                Some(r) => pos += rest.len() - r.len(),
                None => break,
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The signing authority's lines, then the titles under it, as written.
    fn signing_lines(p: &Plan) -> Vec<&str> {
        let sig = &p.signature;
        sig.authority
            .iter()
            .chain(&sig.titles)
            .map(|f| f.text.as_str())
            .collect()
    }

    #[test]
    fn markers() {
        let m = marker_of("I. MỤC ĐÍCH").unwrap();
        assert_eq!((m.level, m.ordinal, m.len), (Level::Section, Some(1), 2));
        let m = marker_of("3.1. Đẩy mạnh").unwrap();
        assert_eq!((m.level, m.path.clone()), (Level::SubClause, vec![3, 1]));
        let m = marker_of("đ) Cung cấp").unwrap();
        assert_eq!((m.level, m.ordinal, m.len), (Level::Point, Some(5), 3));
        let m = marker_of("j) Tiếp tục").unwrap();
        assert_eq!(
            (m.level, m.ordinal, m.letter),
            (Level::Point, None, Some('j'))
        );
        assert_eq!(marker_of("a. Nội dung").unwrap().style, MarkerStyle::Dot);
        assert_eq!(marker_of("- Nội dung").unwrap().level, Level::Dash);
        assert_eq!(marker_of("+ Sở Công Thương").unwrap().level, Level::Plus);
        assert_eq!(
            marker_of("Phần II. CÁC NHIỆM VỤ").unwrap().level,
            Level::Part
        );
        assert!(marker_of("15/5/2016 là hạn").is_none());
        assert!(marker_of("1.000 người").is_none());
        // A number set in bold, its dot outside (KH 141 Bắc Ninh: `**3**. 100% …`),
        // as written and as the reading text blanks the marks.
        for t in ["3**. 100% các xã", "3  . 100% các xã"] {
            let m = marker_of(t).unwrap();
            assert_eq!(
                (m.level, m.ordinal, m.len),
                (Level::Clause, Some(3), 4),
                "{t}"
            );
        }
        assert_eq!(marker_of("II**. MỤC TIÊU").unwrap().ordinal, Some(2));
        assert_eq!(marker_of("b  ) Nội dung").unwrap().ordinal, Some(2));
        assert!(marker_of("1**.2 lần").is_none());
        assert_eq!(marker_text("3  ."), "3.");
        assert_eq!(marker_text("Phần I"), "Phần I");
        assert!(marker_of("Ủy ban nhân dân").is_none());
        assert!(marker_of("Căn cứ").is_none());
    }

    #[test]
    fn one_column_header() {
        let text = "UBND TỈNH KIÊN GIANG\nSỞ NGOẠI VỤ\nSố: 05/KH-SNgV\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nKiên Giang, ngày 05 tháng 3 năm 2021\n\nKẾ HOẠCH\nCông tác năm 2021\n\nI. MỤC ĐÍCH\n";
        let p = parse(text);
        assert_eq!(p.kind, DocKind::Plan);
        assert_eq!(p.header.parent_agency.unwrap().text, "UBND TỈNH KIÊN GIANG");
        assert_eq!(p.header.agency[0].text, "SỞ NGOẠI VỤ");
        let n = p.header.number.unwrap();
        assert_eq!(
            (
                n.number.as_deref(),
                n.type_code.as_str(),
                n.agency_code.as_str()
            ),
            (Some("05"), "KH", "SNgV")
        );
        let pd = p.header.place_date.unwrap();
        assert_eq!(pd.place, "Kiên Giang");
        assert_eq!(pd.date, PartialDate::full(2021, 3, 5));
        assert_eq!(p.title.unwrap().summary.unwrap().text, "Công tác năm 2021");
        assert_eq!(p.period.unwrap().from, 2021);
    }

    /// `đến năm 2030` (KH 310 Hà Nội, issued in 2025) runs from the issue year; a
    /// vision (`tầm nhìn đến năm 2045`) lies beyond the plan; `năm 2026` is one year.
    #[test]
    fn a_title_until_a_year_runs_from_the_issue_year() {
        for (summary, period) in [
            (
                "Phát triển hạ tầng 5G trên địa bàn Thành phố đến năm 2030",
                (2025, 2030),
            ),
            (
                "Phát triển du lịch đến năm 2030, tầm nhìn đến năm 2045",
                (2025, 2030),
            ),
            ("Công tác cải cách hành chính năm 2026", (2026, 2026)),
            (
                "Phát triển kinh tế số từ năm 2026 đến năm 2030",
                (2026, 2030),
            ),
            ("Công tác năm 2026 và định hướng đến năm 2030", (2026, 2026)),
            ("Tổng kiểm kê tài sản từ nay đến hết năm 2026", (2025, 2026)),
        ] {
            let text = format!("UBND TỈNH A\nSố: 1/KH-UBND\nA, ngày 24 tháng 11 năm 2025\n\nKẾ HOẠCH\n{summary}\n\nI. MỤC ĐÍCH\n1. Nội dung.\n");
            let p = parse(&text).period.expect("a period");
            assert_eq!((p.from, p.to), period, "{summary}");
        }
    }

    #[test]
    fn header_shapes_parse_alike() {
        let shapes = [
            "UBND TỈNH X\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ Y\tĐộc lập - Tự do - Hạnh phúc\nSố: 05/KH-SY\tX, ngày 05 tháng 3 năm 2021\nKẾ HOẠCH\nAbc\n",
            "| UBND TỈNH X | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n| SỞ Y | Độc lập - Tự do - Hạnh phúc |\n| Số: 05/KH-SY | X, ngày 05 tháng 3 năm 2021 |\nKẾ HOẠCH\nAbc\n",
            "UBND TỈNH X      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ Y      Độc lập - Tự do - Hạnh phúc\nSố: 05/KH-SY       X, ngày 05 tháng 3 năm 2021\n\nKẾ HOẠCH\nAbc\n",
            "UBND TỈNH X | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ Y | Độc lập - Tự do - Hạnh phúc\nSố: 05/KH-SY | X, ngày 05 tháng 3 năm 2021\nKẾ HOẠCH\nAbc\n",
        ];
        for s in shapes {
            let p = parse(s);
            let h = &p.header;
            assert_eq!(
                h.parent_agency.as_ref().map(|f| f.text.as_str()),
                Some("UBND TỈNH X"),
                "{s}"
            );
            assert_eq!(h.agency_name().as_deref(), Some("SỞ Y"), "{s}");
            assert!(h.national_title.is_some() && h.motto.is_some(), "{s}");
            assert_eq!(h.number.as_ref().unwrap().agency_code, "SY", "{s}");
            assert_eq!(
                h.place_date.as_ref().unwrap().date,
                PartialDate::full(2021, 3, 5),
                "{s}"
            );
        }
    }

    #[test]
    fn draft_blank_number_and_partial_date() {
        let p = parse("SỞ Y\nSố:      /KH-SY\nX, ngày    tháng    năm 2024\nKẾ HOẠCH\nAbc\n");
        let n = p.header.number.unwrap();
        assert_eq!(n.number, None);
        assert_eq!(n.type_code, "KH");
        let d = p.header.place_date.unwrap().date;
        assert_eq!((d.year, d.month, d.day), (Some(2024), None, None));
        // A draft often leaves the year blank too, with spaces, dots or an ellipsis;
        // the line is still the place and date (with no year), not a missing one.
        for line in [
            "X, ngày    tháng    năm",
            "X, ngày ... tháng ... năm ...",
            "X, ngày … tháng … năm …",
            "X, ngày 14 tháng 02 năm 20",
        ] {
            let p = parse(&format!("SỞ Y\nSố:      /KH-SY\n{line}\nKẾ HOẠCH\nAbc\n"));
            let pd = p.header.place_date.unwrap_or_else(|| panic!("{line}"));
            assert_eq!((pd.place.as_str(), pd.date.year), ("X", None), "{line}");
            // Exports write the line from the model: a short year stays as written.
            let exported = pd.canonical_line();
            assert_eq!(
                exported.ends_with("năm 20"),
                line.ends_with("năm 20"),
                "{exported}"
            );
        }
    }

    #[test]
    fn interleaved_footer() {
        let p = parse("KẾ HOẠCH\nAbc\nI. MỤC ĐÍCH\nNội dung./.\nNơi nhận:\tKT. CHỦ TỊCH\n- Như trên;\tPHÓ CHỦ TỊCH\n- Lưu: VT.\n\tNguyễn Văn A\n");
        let r = p.recipients.unwrap();
        assert_eq!(r.items.len(), 1);
        assert_eq!(r.archive.unwrap().text, "- Lưu: VT.");
        assert_eq!(p.signature.authority[0].text, "KT. CHỦ TỊCH");
        assert_eq!(p.signature.titles[0].text, "PHÓ CHỦ TỊCH");
        assert_eq!(p.signature.name.unwrap().text, "Nguyễn Văn A");
        assert!(p.end_mark);
    }

    #[test]
    fn document_kinds() {
        let decision = "ỦY BAN NHÂN DÂN\nTỈNH X\nSố: 12/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc ban hành Kế hoạch\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\nĐiều 2. Quyết định có hiệu lực./.\n";
        assert_eq!(parse(decision).kind, DocKind::Decision);
        let with_plan = format!("{decision}\nKẾ HOẠCH\nCông tác năm 2024\n(Kèm theo Quyết định số 12/QĐ-UBND ngày 05/3/2024 của UBND tỉnh X)\n\nI. MỤC ĐÍCH, YÊU CẦU\n");
        let p = parse(&with_plan);
        assert_eq!(p.kind, DocKind::PlanInDecision);
        let t = p.title.expect("plan title");
        assert_eq!(
            t.summary.map(|s| s.text).as_deref(),
            Some("Công tác năm 2024")
        );
        assert!(t
            .attached_to
            .is_some_and(|a| a.text.starts_with("(Kèm theo Quyết định số 12/QĐ-UBND")));
        assert_eq!(p.body[0].marker, "I.");
        let letter = "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 507/UBND-KGVX\nV/v triển khai công tác\nKính gửi: Sở Ngoại vụ\nNội dung công văn.\n";
        let p = parse(letter);
        assert_eq!(p.kind, DocKind::OfficialLetter);
        assert_eq!(p.header.number.unwrap().type_code, "");
        assert_eq!(
            parse("CHỈ THỊ\nVề tăng cường\n1. Các sở\n").kind,
            DocKind::Directive
        );
        assert_eq!(
            parse("BÁO CÁO\nKết quả năm 2023\nI. KẾT QUẢ\n").kind,
            DocKind::Report
        );
        assert_eq!(parse("THÔNG BÁO\nKết luận\n").kind, DocKind::Notice);
        assert_eq!(parse("Một đoạn văn bình thường.").kind, DocKind::Other);
        // Laws and circulars as the Gazette prints them (their articles' points read
        // as a plan's items had given a law dozens of KH401 errors); a consolidated
        // text's footnote mark glued to its kind word.
        let law = "QUỐC HỘI\nLuật số: 51/2024/QH15\n\nLUẬT\nSỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT BẢO HIỂM Y TẾ\n\nĐiều 1. Sửa đổi, bổ sung\n1. Bổ sung khoản 9.\n4. Sửa đổi khoản 4.\n";
        assert_eq!(parse(law).kind, DocKind::Other);
        let circular =
            "BỘ TÀI CHÍNH\nSố: 12/VBHN-BTC\n\nTHÔNG TƯ1\nHướng dẫn về thuế\n\n1. Phạm vi.\n";
        assert_eq!(parse(circular).kind, DocKind::Other);
        assert_eq!(
            parse("QUYẾT ĐỊNH1\nVề việc ban hành\n\nĐiều 1. Ban hành.\n").kind,
            DocKind::Decision
        );
        assert!(!crate::check(law)
            .diagnostics
            .iter()
            .any(|d| d.severity == crate::diagnostics::Severity::Error));
        // Named by its word, not as an unrecognised document.
        let named = |text: &str| {
            crate::check(text)
                .diagnostics
                .iter()
                .find(|d| d.code == "KH001")
                .map(|d| d.message.vi.clone())
        };
        assert!(named(law).is_some_and(|m| m.starts_with("Đây là luật,")));
        assert!(named(circular).is_some_and(|m| m.starts_with("Đây là thông tư,")));
    }

    #[test]
    fn a_plan_a_decision_approves_as_its_annex() {
        // Quyết định 2640/QĐ-BKHĐT (21/11/2024), as a PDF's text: the plan follows the
        // decision's signer under `Phụ lục`, its title whole on one line in capitals,
        // then `(Kèm theo …)` (cut to its lines that matter).
        let text = "BỘ KẾ HOẠCH VÀ ĐẦU TƯ\nSỐ: 2640/QĐ-BKHĐT\n\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nHà Nội, ngày 21 tháng 11 năm 2024\n\nQUYẾT ĐỊNH\nVề việc phê duyệt Kế hoạch hoạt động triển khai Chương trình “Phát triển nguồn nhân lực ngành công nghiệp bán dẫn”\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Phê duyệt Kế hoạch hoạt động triển khai Chương trình (Phụ lục kèm theo).\n\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\nNơi nhận:\n- Như Điều 2;\n- Lưu: VT, TTĐMST (4).\n\nTỔ TRƯỞNG TỔ CÔNG TÁC TRIỂN KHAI CHƯƠNG TRÌNH\n(Đã ký và đóng dấu)\nNguyễn Chí Dũng\n\nPhụ lục\nKẾ HOẠCH HOẠT ĐỘNG TRIỂN KHAI CHƯƠNG TRÌNH\n\"PHÁT TRIỂN NGUỒN NHÂN LỰC NGÀNH CÔNG NGHIỆP BÁN DẪN ĐẾN NĂM 2030, ĐỊNH HƯỚNG ĐẾN NĂM 2050\"\n(Kèm theo Quyết định số 2640/QĐ-BKHĐT ngày 21 tháng 11 năm 2024 của Bộ trưởng Bộ Kế hoạch và Đầu tư)\n\nI. Nhóm các nhiệm vụ, giải pháp nghiên cứu, xây dựng và hoàn thiện cơ chế, chính sách đặc thù\n\n1.1. Nhiệm vụ: Nghiên cứu, đề xuất xây dựng cơ chế, chính sách đặc thù về ưu đãi đầu tư.\n- Cơ quan chủ trì: Bộ Kế hoạch và Đầu tư.\n- Cơ quan phối hợp: Bộ Tài chính, các bộ ngành, cơ quan trung ương và địa phương liên quan.\n- Thời gian triển khai - hoàn thành: Tháng 10/2024 - 6/2025.\n";
        let report = crate::check(text);
        let p = &report.plan;
        assert_eq!(p.kind, DocKind::PlanInDecision);
        assert!(p
            .title
            .as_ref()
            .and_then(|t| t.attached_to.as_ref())
            .is_some_and(|a| a.text.starts_with("(Kèm theo Quyết định số 2640/QĐ-BKHĐT")));
        // `Phụ lục` labels the plan: it is no stray text after the decision's signer.
        assert_eq!(
            p.signature.name.as_ref().map(|n| n.text.as_str()),
            Some("Nguyễn Chí Dũng")
        );
        let label: Vec<&str> = p
            .decision
            .iter()
            .flat_map(|d| &d.plan_header)
            .map(|f| f.text.as_str())
            .collect();
        assert_eq!(label, ["Phụ lục"]);
        assert!(
            !report.diagnostics.iter().any(|d| d.code == "KH706"),
            "{:?}",
            report.diagnostics
        );
        let task = p.tasks.first().expect("the plan's task");
        assert_eq!(
            task.lead.first().map(|f| f.text.as_str()),
            Some("Bộ Kế hoạch và Đầu tư")
        );
        // Before, the plan went unread: a decision gets its spelling checked only.
        assert!(!report.diagnostics.iter().any(|d| d.code == "KH001"));
    }

    /// Quyết định 5042/QĐ-BNNMT (26/11/2025) announces internal procedures; one of
    /// them carries a blank plan form in its annex (`KẾ HOẠCH …` / `(Kèm theo Quyết
    /// định số… /QĐ-UBND …)`). The decision issues no plan: its title and first
    /// article do not speak of one (only a basis does), so it is not read as one.
    #[test]
    fn a_plan_form_in_the_annex_of_a_decision_that_issues_none() {
        let decision = "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nSố: 5042/QĐ-BNNMT\n\n**QUYẾT ĐỊNH**\n\nVỀ VIỆC CÔNG BỐ THỦ TỤC HÀNH CHÍNH NỘI BỘ ĐƯỢC SỬA ĐỔI, BỔ SUNG\n\n*Căn cứ Quyết định số 1085/QĐ-TTg ngày 15/9/2022 của Thủ tướng Chính phủ ban hành Kế hoạch rà soát, đơn giản hóa thủ tục hành chính nội bộ;*\n\n**QUYẾT ĐỊNH:**\n\n**Điều 1.** Công bố kèm theo Quyết định này thủ tục hành chính nội bộ được sửa đổi, bổ sung.\n\n**Điều 2.** Quyết định này có hiệu lực thi hành kể từ ngày ký./.\n\nNơi nhận:\n- Như Điều 2;\n- Lưu: VT, TTTV.\n\n**KT. BỘ TRƯỞNG**\nTHỨ TRƯỞNG\nHoàng Trung\n\n";
        let annex = "**PHỤ LỤC**\n\nTHỦ TỤC HÀNH CHÍNH NỘI BỘ ĐƯỢC SỬA ĐỔI, BỔ SUNG\n\n*(Ban hành kèm theo Quyết định số 5042/QĐ-BNNMT ngày 26 tháng 11 năm 2025 của Bộ trưởng Bộ Nông nghiệp và Môi trường)*\n\n**1. Phê duyệt kế hoạch chuyển đổi cơ cấu cây trồng**\n\na) Trình tự thực hiện: Ủy ban nhân dân cấp xã lập kế hoạch theo mẫu.\n\n**KẾ HOẠCH**\n\n**Chuyển đổi cơ cấu cây trồng, vật nuôi trên đất trồng lúa năm …**\n\n*(Kèm theo Quyết định số… /QĐ-UBND ngày … tháng … năm …)*\n\n1. Diện tích chuyển đổi: …\n\n2. Cây trồng chuyển đổi: …\n";
        let p = parse(&format!("{decision}{annex}"));
        assert_eq!(p.kind, DocKind::Decision);
        // A title that issues the plan reads it as before.
        let issuing = decision.replace(
            "VỀ VIỆC CÔNG BỐ THỦ TỤC HÀNH CHÍNH NỘI BỘ ĐƯỢC SỬA ĐỔI, BỔ SUNG",
            "VỀ VIỆC BAN HÀNH KẾ HOẠCH CHUYỂN ĐỔI CƠ CẤU CÂY TRỒNG",
        );
        let p = parse(&format!("{issuing}{annex}"));
        assert_eq!(p.kind, DocKind::PlanInDecision);
    }

    /// A routing slip scanned after a plan its decision signs (fixture 230): no signer
    /// of the plan's own ends it, so the slip's header does; its `Thời hạn hoàn
    /// thành: ……` lines made the plan's last item a task.
    #[test]
    fn another_document_after_a_plan_in_a_decision_is_set_apart() {
        let decision = "BỘ X\nSố: 12/QĐ-BX\nQUYẾT ĐỊNH\nVề việc ban hành Kế hoạch\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\nĐiều 2. Quyết định có hiệu lực./.\nNơi nhận:\n- Lưu: VT.\nBỘ TRƯỞNG\nNguyễn Văn A\n\n";
        let plan = "KẾ HOẠCH\nCông tác năm 2024\n(Kèm theo Quyết định số 12/QĐ-BX ngày 05/3/2024 của Bộ X)\nI. NHIỆM VỤ\n1. Nhóm các nhiệm vụ khác\n- Rà soát văn bản.\n\n";
        let slip = "ĐẠI HỌC ĐÀ NẴNG\nTRƯỜNG ĐẠI HỌC BÁCH KHOA\n\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nKính chuyển: Ban Giám hiệu\nThời hạn hoàn thành: ..........\n";
        let p = parse(&format!("{decision}{plan}{slip}"));
        assert_eq!(p.kind, DocKind::PlanInDecision);
        let appended: Vec<&str> = p.appended.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(
            appended,
            slip.lines().filter(|l| !l.is_empty()).collect::<Vec<_>>()
        );
        assert!(p.tasks.is_empty(), "{:?}", p.tasks);
        // Without the slip, the plan reads the same.
        let alone = parse(&format!("{decision}{plan}"));
        assert!(alone.appended.is_empty() && alone.tasks.is_empty());
    }

    /// QĐ 3210/QĐ-UBND TP HCM through a scan's text recognition: `Số: 3210/QĐ - U B
    /// ND`, its symbol's letters set apart, is the number `3210/QĐ-UBND`, and KH110's
    /// fix writes it whole (it wrote `Số: 3210/QĐ-U`, leaving ` B ND`), a click away:
    /// fix-all never makes one word of several.
    #[test]
    fn a_symbol_whose_letters_a_scan_set_apart_is_read_whole() {
        let text = "| ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n| Số: 3210/QĐ - U B ND | Thành phố Hồ Chí Minh, ngày 28 tháng 6 năm 2014 |\n\nKẾ HOẠCH\nThử\n";
        let n = parse(text).header.number.expect("a number");
        assert_eq!(
            (n.code().as_str(), n.agency_code.as_str()),
            ("3210/QĐ-UBND", "UBND")
        );
        let report = crate::check(text);
        let fixed: Vec<(&str, bool)> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == "KH110")
            .flat_map(|d| &d.fixes)
            .flat_map(|f| f.edits.iter().map(|e| (e.new_text.as_str(), f.safe)))
            .collect();
        assert_eq!(fixed, [("Số: 3210/QĐ-UBND", false)]);
        // A symbol and a word after it are no letters set apart.
        assert!(shapes::number_line_or_spaced("Số: 12/KH - UBND TỈNH").is_none());
    }

    /// QĐ 173/QĐ-BTP as a crawler keeps a legal-text site's page: the decision's
    /// signature and the plan it issues on one line (`KT. BỘ TRƯỞNG THỨ TRƯỞNG Đinh
    /// Trung Tụng KẾ HOẠCH … (Ban hành kèm theo …)`). The name ends the decision and
    /// the plan follows, its tasks read; a name alone before `KẾ HOẠCH` with no
    /// `kèm theo` after it splits nothing.
    #[test]
    fn a_signature_glued_to_the_plan_it_issues_ends_the_decision() {
        let decision = "BỘ TƯ PHÁP\nSố: 173/QĐ-BTP\nQUYẾT ĐỊNH\nBan hành Kế hoạch phối hợp năm 2015\nĐiều 1.\nBan hành kèm theo Quyết định này Kế hoạch phối hợp năm 2015.\nĐiều 2.\nQuyết định này có hiệu lực thi hành kể từ ngày ký.\nNơi nhận:\n- Lưu: VT.\n";
        let plan = "KT. BỘ TRƯỞNG THỨ TRƯỞNG Đinh Trung Tụng KẾ HOẠCH PHỐI HỢP NĂM 2015 (Ban hành kèm theo Quyết định số 173/QĐ-BTP ngày 29 tháng 01 năm 2015 của Bộ trưởng Bộ Tư pháp)\nI. NỘI DUNG THỰC HIỆN\n1. Công tác xây dựng pháp luật\na) Phối hợp rà soát văn bản.\n- Đơn vị chủ trì: Vụ Pháp luật quốc tế.\n- Thời gian thực hiện: Quý I/2015.\n";
        let p = parse(&format!("{decision}{plan}"));
        assert_eq!(p.kind, DocKind::PlanInDecision);
        assert_eq!(
            p.signature.name.as_ref().map(|n| n.text.as_str()),
            Some("Đinh Trung Tụng")
        );
        assert_eq!(
            p.title
                .as_ref()
                .and_then(|t| t.summary.as_ref())
                .map(|s| s.text.as_str()),
            Some("PHỐI HỢP NĂM 2015")
        );
        assert_eq!(leads_of(&p), ["Vụ Pháp luật quốc tế"]);
        let unattached = plan.replace("(Ban hành kèm theo", "(theo");
        let p = parse(&format!("{decision}{unattached}"));
        assert_eq!(p.kind, DocKind::Decision);
    }

    #[test]
    fn shapes_of_real_text_read_as_the_same_plan() {
        // The examples of shared/docs/real-text-shapes.md: a header and signature
        // wrapped mid-phrase, a one-row Markdown header, a date wrapped after `ngày`,
        // one cell per line with a group row, an annex after the signature.
        let text = "| BỘ MẪU ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- |\n\nSố: 12/KH-BM\n\nHà Bắc, ngày\n05 tháng 3 năm 2025\n\nKẾ HOẠCH\nMẫu năm 2025\n\nI. NHIỆM VỤ\n1. Triển khai./.\n\nNơi nhận:\n- Lưu: VT.\n\nTM. ỦY BAN\nNHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn Mẫu\n\nPHỤ LỤC I\nDANH MỤC NHIỆM VỤ TRỌNG TÂM\n(Kèm theo Kế hoạch số 12/KH-BM ngày 05/3/2025 của Bộ Mẫu)\n|\nSTT\n|\nNhiệm vụ\n|\nChủ trì\n|\nThời gian\n|\n|\nI\n|\nNHÓM NHIỆM VỤ MẪU\n|\n|\n1\n|\nXây dựng kế hoạch mẫu\nchi tiết\n|\nSở Mẫu\n|\nQuý III/2025\n|\n";
        let report = crate::check(text);
        let p = &report.plan;
        assert_eq!(
            p.header.agency.first().map(|f| f.text.as_str()),
            Some("BỘ MẪU")
        );
        assert!(p.header.motto.is_some() && p.header.national_title.is_some());
        assert_eq!(
            p.header.place_date.as_ref().map(|d| d.date.to_iso()),
            Some("2025-03-05".into())
        );
        let sig: Vec<String> = p
            .signature
            .authority
            .iter()
            .chain(&p.signature.titles)
            .map(|f| crate::text::collapse_spaces(&f.text))
            .collect();
        assert_eq!(sig, ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]);
        assert_eq!(
            p.signature.name.as_ref().map(|f| f.text.as_str()),
            Some("Nguyễn Văn Mẫu")
        );
        assert!(
            p.signature.trailing.is_empty(),
            "{:?}",
            p.signature.trailing
        );
        assert_eq!(p.annexes.len(), 1);
        let t = &p.tasks.last().expect("a table task");
        assert_eq!(
            crate::text::collapse_spaces(&t.heading.text),
            "Xây dựng kế hoạch mẫu chi tiết"
        );
        assert_eq!(t.lead[0].text, "Sở Mẫu");
        assert_eq!(t.group.as_deref(), Some("I NHÓM NHIỆM VỤ MẪU"));
        assert_eq!(t.annex, Some(0));
        let errors: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostics::Severity::Error)
            .map(|d| d.code)
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
    }

    /// The leads of every task, in order.
    fn leads_of(p: &Plan) -> Vec<&str> {
        p.tasks
            .iter()
            .flat_map(|t| &t.lead)
            .map(|f| f.text.as_str())
            .collect()
    }

    /// `split_header_cell` as first written: a recursion per part.
    fn split_header_cell_recursively(read: &str, cell: Span) -> Vec<Span> {
        let t = cell.text(read);
        let trimmed = |a: usize, b: usize| {
            crate::source::trim_noise(read, Span::new(cell.start + a, cell.start + b))
        };
        if let Some(end) = shapes::number_head(t) {
            if end < t.len()
                && !t[end..].trim().is_empty()
                && shapes::number_line_or_spaced(t).is_none()
            {
                let mut out = vec![trimmed(0, end)];
                out.extend(split_header_cell_recursively(read, trimmed(end, t.len())));
                return out;
            }
        }
        let f = fold(t);
        // The two columns squeezed onto one line by a PDF's text
        // (`THỦ TƯỚNG CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`): agency, then title.
        // Not a summary that names the state (`… QUỐC KHÁNH NƯỚC CỘNG HÒA XÃ HỘI …`).
        if !f.starts_with("CỘNG HÒA") {
            if let Some(i) = t
                .find(" CỘNG HÒA XÃ HỘI")
                .or_else(|| t.find(" CỘNG HOÀ XÃ HỘI"))
                .filter(|&i| {
                    let before = t[..i].trim_end();
                    at_most_chars(before, 50) && !fold(before).ends_with("NƯỚC")
                })
            {
                let mut out = vec![trimmed(0, i)];
                out.extend(split_header_cell_recursively(read, trimmed(i, t.len())));
                return out;
            }
            if let Some(i) = t.find("Độc lập").or_else(|| t.find("ĐỘC LẬP")) {
                let before = t[..i].trim_end();
                if i > 0 && at_most_chars(before, 50) && is_upper_text(before) {
                    let mut out = vec![trimmed(0, i)];
                    out.extend(split_header_cell_recursively(read, trimmed(i, t.len())));
                    return out;
                }
            }
        }
        if f.starts_with("CỘNG HÒA") {
            if let Some(i) = t.find("Độc lập").or_else(|| t.find("ĐỘC LẬP")) {
                if i > 0 {
                    let mut out = vec![trimmed(0, i)];
                    out.extend(split_header_cell_recursively(read, trimmed(i, t.len())));
                    return out;
                }
            }
        }
        // A drawn rule after the text: `ỦY BAN NHÂN DÂN -------`.
        if let Some(i) = t.find("---").or_else(|| t.find("___")) {
            if i > 0 {
                let end = i + t[i..]
                    .bytes()
                    .take_while(|b| matches!(b, b'-' | b'_' | b' '))
                    .count();
                let mut out = vec![trimmed(0, i)];
                if end < t.len() {
                    out.extend(split_header_cell_recursively(read, trimmed(end, t.len())));
                }
                return out;
            }
        }
        if let Some(c) = shapes::place_date(t) {
            if c.end < t.len() && !t[c.end..].trim().is_empty() && plausible_place(&t[c.place]) {
                let mut out = vec![trimmed(0, c.end)];
                out.extend(split_header_cell_recursively(read, trimmed(c.end, t.len())));
                return out;
            }
        }
        vec![cell]
    }

    proptest::proptest! {
        /// The loop splits a header cell where the recursion did, on cells made of
        /// the parts it splits at.
        #[test]
        fn header_cells_split_where_the_recursion_did(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "ỦY BAN", " --- ", "___", "-", " CỘNG HÒA XÃ HỘI", " CỘNG HOÀ XÃ HỘI",
                "CỘNG HÒA", "Độc lập", "ĐỘC LẬP", "NƯỚC", "Số: 12/KH-UB", " ", "Hà Nội, ngày 5 tháng 3 năm 2025",
                "ngày", "x", "|", "\u{2003}", "\u{2003}\u{2003}", "U\u{309}Y BAN", "–A",
                "CO\u{323}\u{302}NG HO\u{300}A XA\u{303} HO\u{323}\u{302}I",
            ]), 0..12)
        ) {
            let cell = parts.concat();
            let text = format!("a {cell} b");
            let span = Span::new(2, 2 + cell.len());
            proptest::prop_assert_eq!(
                split_header_cell(&text, span),
                split_header_cell_recursively(&text, span)
            );
        }
    }

    /// `split_authority`'s cuts as first written: a recursion per part (each part
    /// then cut before its title as the loop does).
    fn split_authority_recursively(read: &str, cell: Span) -> Vec<Span> {
        let t = cell.text(read);
        let at = |a: usize, b: usize| {
            crate::source::trim_noise(read, Span::new(cell.start + a, cell.start + b))
        };
        // A second authority prefix starts a line of its own.
        for p in [" KT.", " TL.", " TUQ.", " Q."] {
            if let Some(i) = t.find(p) {
                let mut out = split_authority_recursively(read, at(0, i));
                out.extend(split_authority_recursively(read, at(i + 1, t.len())));
                return out;
            }
        }
        split_title(read, cell, &title_finders())
    }

    /// [`split_title`] as it was, a searcher built per title on each call: the
    /// oracle of the searchers built once.
    fn split_title_searching_each_time(read: &str, cell: Span) -> Vec<Span> {
        let t = cell.text(read);
        let Some((_, rest, true)) = authority_parts(t) else {
            return vec![cell];
        };
        let rest_at = t.len() - rest.len();
        for title in SIGNING_TITLES {
            if let Some(i) = rest
                .rfind(title)
                .filter(|&i| i > 0 && rest[..i].ends_with(' '))
            {
                return vec![
                    piece_of(read, cell, 0, rest_at + i),
                    piece_of(read, cell, rest_at + i, t.len()),
                ];
            }
        }
        vec![cell]
    }

    proptest::proptest! {
        /// The title is cut where a search per title and call cut it.
        #[test]
        fn titles_split_where_a_search_per_call_did(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "TM. ", "KT. ", "TL.", "ỦY BAN", " CHỦ TỊCH", "PHÓ CHỦ TỊCH", " PHÓ", "GIÁM ĐỐC",
                " GIÁM ĐỐC", " ", "x", " BÍ THƯ", "HIỆU TRƯỞNG", " TRƯỞNG BAN", "Ư",
            ]), 0..8)
        ) {
            let cell = parts.concat();
            let text = format!("a {cell} b");
            let span = Span::new(2, 2 + cell.len());
            proptest::prop_assert_eq!(
                split_title(&text, span, &title_finders()),
                split_title_searching_each_time(&text, span)
            );
        }

        /// Cutting before every authority prefix at once gives the lines the
        /// recursion gave.
        #[test]
        fn authorities_split_where_the_recursion_did(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "TM. ỦY BAN", " KT.", " TL.", " TUQ.", " Q.", "KT.", " CHỦ TỊCH", " PHÓ CHỦ TỊCH",
                " GIÁM ĐỐC", " ", "  ", "|", "*", "x", " ỦY BAN NHÂN DÂN",
            ]), 0..10)
        ) {
            // Empty lines aside: the recursion kept one before a prefix that starts
            // the cell, and lost the cut at a prefix whose space it had trimmed.
            let cell = parts.concat();
            let text = format!("a {cell} b");
            let span = Span::new(2, 2 + cell.len());
            let lines = |v: Vec<Span>| v.into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>();
            proptest::prop_assert_eq!(
                lines(split_authority(&text, span)),
                lines(split_authority_recursively(&text, span))
            );
        }
    }

    /// An empty lead cell is a cell merged down from the row above in its group; a
    /// new group's first row does not take the last group's lead.
    #[test]
    fn an_empty_lead_cell_shares_the_lead_above_within_its_group() {
        let text = "KẾ HOẠCH\nMẫu\n\n| STT | Nội dung công việc | Cơ quan chủ trì | Thời gian hoàn thành |\n|---|---|---|---|\n| I | NHÓM MỘT | | |\n| 1 | Rà soát hồ sơ | Sở Nội vụ | Quý I/2025 |\n| 2 | Tổng hợp báo cáo | | Quý II/2025 |\n| II | NHÓM HAI | | |\n| 1 | Kiểm tra thực tế | | Quý III/2025 |\n";
        let p = parse(text);
        let leads: Vec<(&str, Vec<&str>)> = p
            .tasks
            .iter()
            .map(|t| {
                let lead = t.lead.iter().map(|f| f.text.as_str()).collect();
                (t.heading.text.as_str(), lead)
            })
            .collect();
        assert_eq!(
            leads,
            [
                ("Rà soát hồ sơ", vec!["Sở Nội vụ"]),
                ("Tổng hợp báo cáo", vec!["Sở Nội vụ"]),
                ("Kiểm tra thực tế", vec![]),
            ]
        );
    }

    /// A routing slip scanned after the plan (fixture 195): its agency, a national
    /// title as OCR garbled it, its own lines: another document, not stray text
    /// under the signer; text after the name with no header of its own still is.
    #[test]
    fn another_document_after_the_signer_is_set_apart() {
        let plan = "KẾ HOẠCH\nAbc\nI. MỤC ĐÍCH\n1. Nội dung./.\nNơi nhận:\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Thị An\n\n";
        let slip = "DAT HỌC DA NẴNG\nCỘNG HOA XA HỘỌI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nKính chuyển: Ban Giám hiệu\n";
        let p = parse(&format!("{plan}{slip}"));
        let appended: Vec<&str> = p.appended.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(appended, slip.lines().collect::<Vec<_>>());
        assert!(p.signature.trailing.is_empty());
        let p = parse(&format!("{plan}Nguyễn Thị An\nBan Giám hiệu\n"));
        assert!(p.appended.is_empty() && p.signature.trailing.len() == 2);
    }

    /// A title typed in lower case after the blank line below the date is the title,
    /// not the date line's rest: the fix gave `… năm 2020 kế hoạch` (found by a
    /// helper's hunt) and the plan had no title.
    #[test]
    fn a_lower_case_title_is_not_joined_to_the_date() {
        let text = "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG\nSố: 23/KH-UBND\nKiên Giang, ngày 19 tháng 10 năm 2020\n\nkế hoạch\nCông tác thông tin đối ngoại năm 2021\n\nI. MỤC ĐÍCH\n\n1. Mục đích\n\nTăng cường quản lý./.\n";
        let plan = parse(text);
        let title = plan.title.as_ref().map(|t| t.kind_word.text.as_str());
        assert_eq!(title, Some("kế hoạch"));
        let fixed = crate::fix::apply_safe_fixes(text);
        assert!(fixed.contains("năm 2020\n\nKẾ HOẠCH\nCông tác"), "{fixed}");
    }

    /// Only a title under the header is kept from the line above: a kind word in the
    /// body or in the signer's authority still goes on (a review found both refused
    /// when every kind word, anywhere, was).
    #[test]
    fn kind_words_elsewhere_still_join() {
        let text = "KẾ HOẠCH\nCông tác năm 2024\n\nI. MỤC ĐÍCH\n\nCác đơn vị, địa phương triển khai thực hiện nghiêm túc theo\n\nhướng dẫn\ncủa Bộ Công an.\n\nNơi nhận:\n- Lưu: VT.\n\nTM. BAN QUẢN LÝ\nDỰ ÁN\nTRƯỞNG BAN\n\nNguyễn Văn An\n";
        let fixed = crate::fix::apply_safe_fixes(text);
        assert!(
            fixed.contains("nghiêm túc theo hướng dẫn của Bộ Công an."),
            "{fixed}"
        );
        let plan = parse(text);
        let authority: Vec<String> = plan
            .signature
            .authority
            .iter()
            .map(|f| crate::text::collapse_spaces(&f.text))
            .collect();
        assert_eq!(authority, ["TM. BAN QUẢN LÝ DỰ ÁN"]);
    }

    /// Numbers nested deeper than any plan's (`1.1.1.…` to 80 levels, a line of 255)
    /// read as a bounded tree: no rank overflow (a panic in a debug build), and the
    /// plan's JSON reads back (serde stops at 128 levels of nesting).
    #[test]
    fn very_deep_numbers_keep_the_tree_bounded() {
        let mut text = String::from("KẾ HOẠCH\nCông tác năm 2024\n\nI. MỤC ĐÍCH\n1. Một\n");
        for d in 2..80 {
            text.push_str(&format!("{} x\n", "1.".repeat(d)));
        }
        text.push_str(&format!("{} x\n", "1.".repeat(255)));
        let plan = parse(&text);
        fn depth(nodes: &[Node]) -> usize {
            nodes
                .iter()
                .map(|n| 1 + depth(&n.children))
                .max()
                .unwrap_or(0)
        }
        assert!(depth(&plan.body) <= 13, "{}", depth(&plan.body));
        let json = crate::render::json::to_json(&plan);
        assert_eq!(crate::render::json::from_json(&json).ok(), Some(plan));
    }

    /// An inspection team's plan (pending fixture 203): `4. Phân công nhiệm vụ`
    /// gives each member's duties; the member is the lead.
    #[test]
    fn a_team_member_s_duties_are_a_task() {
        let text = "KẾ HOẠCH\nAbc\nI. NỘI DUNG\n4. Phân công nhiệm vụ\n4.1. Ông. Hoàng Văn Thuân - Trưởng đoàn: Phụ trách chung; chủ trì các buổi làm việc;\n4.2. Bà Lê Thị Hoa - Thành viên: Lập biên bản kiểm tra.\n5. Kinh phí\n5.1. Ông bà nội trợ: không là nhiệm vụ.\n";
        let p = parse(text);
        let leads = leads_of(&p);
        assert_eq!(
            leads,
            [
                "Ông. Hoàng Văn Thuân - Trưởng đoàn",
                "Bà Lê Thị Hoa - Thành viên"
            ]
        );
    }

    /// A legal site's copy that lost the breaks between a foot's cells (pending
    /// fixture 206): `Nơi nhận:- A;- B;- Lưu: VT.` and `BỘ TRƯỞNGPhạm Hồng Hà`.
    #[test]
    fn a_foot_glued_without_breaks_is_read() {
        let text = "KẾ HOẠCH\nAbc\nI. MỤC ĐÍCH\n1. Nội dung./.\nNơi nhận:- Như Điều 2;- Văn phòng Chính phủ;- Vụ Kế hoạch -Tài chính;- Lưu: VT, VLXD.\nBỘ TRƯỞNGPhạm Hồng Hà\n";
        let p = parse(text);
        assert_eq!(
            p.signature.name.as_ref().map(|f| f.text.as_str()),
            Some("Phạm Hồng Hà")
        );
        let titles: Vec<&str> = p.signature.titles.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(titles, ["BỘ TRƯỞNG"]);
        let r = p.recipients.as_ref().expect("recipients");
        let items: Vec<&str> = r.items.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(
            items,
            [
                "- Như Điều 2;",
                "- Văn phòng Chính phủ;",
                "- Vụ Kế hoạch -Tài chính;"
            ]
        );
        assert_eq!(
            r.archive.as_ref().map(|f| f.text.as_str()),
            Some("- Lưu: VT, VLXD.")
        );
    }

    /// Items of the implementation section headed by a long list of units, then their
    /// verb (fixture 202): the units are the lead, `nghiên cứu` is their duty.
    #[test]
    fn an_item_headed_by_units_then_a_verb_names_its_lead() {
        let text = "KẾ HOẠCH\nAbc\nIII. TỔ CHỨC THỰC HIỆN\n3. Viện Khoa học Khí tượng thủy văn và Biến đổi khí hậu; Viện Chiến lược, Chính sách tài nguyên và môi trường nghiên cứu tham mưu xây dựng các nhiệm vụ chuyên môn.\n4. Trung tâm Truyền thông tài nguyên và môi trường, Báo Tài nguyên và Môi trường, Tạp chí Tài nguyên và Môi trường có trách nhiệm kịp thời tổng hợp, phản ánh sự kiện.\n";
        let p = parse(text);
        let leads = leads_of(&p);
        assert_eq!(
            leads,
            [
                "Viện Khoa học Khí tượng thủy văn và Biến đổi khí hậu; Viện Chiến lược, Chính sách tài nguyên và môi trường",
                "Trung tâm Truyền thông tài nguyên và môi trường, Báo Tài nguyên và Môi trường, Tạp chí Tài nguyên và Môi trường"
            ]
        );
    }

    /// Recipients beside the signature (`pdftotext -layout`, fixture 201): the list
    /// goes on below the signer's name up to its archive line, which is no stray
    /// text under the signer; a dash line after the archive line still is.
    #[test]
    fn recipients_beside_the_signature_go_on_below_the_name() {
        let foot = "KẾ HOẠCH\nAbc\nI. MỤC ĐÍCH\n1. Nội dung./.\n\n Nơi nhận:                       TM. ỦY BAN NHÂN DÂN\n- UBND các xã;                     KT. CHỦ TỊCH\n- Sở Tài chính;                     PHÓ CHỦ TỊCH\n- Lãnh đạo VPUBND tỉnh;             Nguyễn Thế Phước\n- Lưu: VT, TH.\n";
        let p = parse(foot);
        let r = p.recipients.as_ref().expect("recipients");
        assert_eq!(r.items.len(), 3, "{:?}", r.items);
        assert_eq!(
            r.archive.as_ref().map(|f| f.text.as_str()),
            Some("- Lưu: VT, TH.")
        );
        assert!(
            p.signature.trailing.is_empty(),
            "{:?}",
            p.signature.trailing
        );
        let p = parse(&format!("{foot}- Ghi chú thêm\n"));
        assert_eq!(p.signature.trailing.len(), 1);
    }

    /// Ninh Bình's plans (`pdftotext -layout`): the office's filing code under the
    /// archive line, beside the signer's name, is the archive line's end, not a
    /// signing title; a page's number under the name is no text left there.
    #[test]
    fn a_filing_code_beside_the_name_ends_the_archive_line() {
        let foot = "KẾ HOẠCH\nAbc\nI. MỤC ĐÍCH\n1. Nội dung./.\n\nNơi nhận:                       TM. ỦY BAN NHÂN DÂN\n- UBND các xã;                     KT. CHỦ TỊCH\n- Sở Tài chính;                     PHÓ CHỦ TỊCH\n- Lưu: VT, VP6.\n    TN_VP6_30.KH                     Tống Quang Thìn\n                                                   4\n";
        let p = parse(foot);
        let titles = signing_lines(&p);
        assert_eq!(
            titles,
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
        );
        assert_eq!(
            p.recipients.and_then(|r| r.archive).map(|f| f.text),
            Some("- Lưu: VT, VP6. TN_VP6_30.KH".to_string())
        );
        assert!(
            p.signature.trailing.is_empty(),
            "{:?}",
            p.signature.trailing
        );
        assert!(is_typist_initials("ĐVT_10.30"));
        assert!(!is_typist_initials("Quyết_định"));
    }

    /// Cần Thơ's plans (fixture 232): the copies' count under the archive line (`09
    /// KH`), in the recipients' cell before the signature's, ends the archive line;
    /// read as a signing title it made `KT. CHỦ TỊCH` look followed by it (KH703).
    #[test]
    fn the_copies_under_the_archive_line_end_it() {
        let text = "KẾ HOẠCH\nAbc\nI. MỤC ĐÍCH\n1. Nội dung./.\n\n|\nNơi nhận:\n- UBND xã, phường;\n- Lưu: VT, CT.\n09 KH\n|\n**TM. ỦY BAN NHÂN\nDÂN**\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Chí Hùng\n|";
        let p = parse(text);
        let titles: Vec<&str> = p.signature.titles.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(titles, ["PHÓ CHỦ TỊCH"]);
        assert_eq!(
            p.recipients.and_then(|r| r.archive).map(|f| f.text),
            Some("- Lưu: VT, CT. 09 KH".to_string())
        );
        let codes: Vec<&str> = crate::check(text)
            .diagnostics
            .iter()
            .map(|d| d.code)
            .filter(|c| c.starts_with("KH6") || c.starts_with("KH7"))
            .collect();
        assert!(codes.is_empty(), "{codes:?}");
        assert!(is_typist_initials("09 KH"));
        assert!(is_typist_initials("10 KH."));
        assert!(!is_typist_initials("2025 KH"));
        assert!(!is_typist_initials("09 Kế hoạch"));
    }

    /// A unit heading whose verbs say which units it means (`Các Sở, ngành chủ trì,
    /// quản lý, tham gia thực hiện các dự án …`, no colon) over its duties: the whole
    /// heading is the lead, the first dash its duty. A heading that introduces its
    /// duties with a colon keeps the unit before its verb.
    #[test]
    fn a_unit_heading_qualified_by_its_verbs_is_the_lead_over_its_duties() {
        let text = "KẾ HOẠCH\nAbc\n\nII. TỔ CHỨC THỰC HIỆN\n1. Các Sở, ngành chủ trì, quản lý, tham gia thực hiện các dự án thuộc Chương trình\n- Phê duyệt kế hoạch giám sát, đánh giá.\n- Báo cáo kết quả thực hiện.\n2. Sở Tài chính chủ trì, phối hợp với các đơn vị:\n- Bố trí kinh phí thực hiện.\n";
        let p = parse(text);
        let tasks: Vec<(String, String)> = p
            .tasks
            .iter()
            .map(|t| {
                let lead = t
                    .lead
                    .iter()
                    .map(|l| l.text.as_str())
                    .collect::<Vec<_>>()
                    .join("; ");
                (
                    lead,
                    t.content
                        .as_ref()
                        .map(|c| c.text.clone())
                        .unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            tasks,
            [
                (
                    "Các Sở, ngành chủ trì, quản lý, tham gia thực hiện các dự án thuộc Chương trình".to_string(),
                    "Phê duyệt kế hoạch giám sát, đánh giá.".to_string()
                ),
                ("Sở Tài chính".to_string(), "Bố trí kinh phí thực hiện.".to_string()),
            ]
        );
    }

    /// KH 0129 Đắk Lắk (fixture 233): a unit asked (`Đề nghị Công ty Điện lực Đắk
    /// Lắk: Khẩn trương …`) is the unit, not the request; a list of units too long
    /// for its colon to be looked for leads without the colon.
    #[test]
    fn a_unit_asked_or_listed_at_length_leads_without_the_request_or_colon() {
        let text = "KẾ HOẠCH\nAbc\n\nV. PHÂN CÔNG NHIỆM VỤ\n1. Đề nghị Công ty Điện lực Đắk Lắk: Khẩn trương kiểm tra, khắc phục sự cố lưới điện.\n2. Báo và Phát thanh - Truyền hình Đắk Lắk, Sở Văn hóa, Thể thao và Du lịch, Cổng Thông tin điện tử tỉnh và hệ thống truyền thanh cơ sở:\nTăng cường thông tin, tuyên truyền về kế hoạch hỗ trợ.\n";
        let p = parse(text);
        let leads: Vec<String> = p
            .tasks
            .iter()
            .map(|t| {
                t.lead
                    .iter()
                    .map(|l| l.text.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .collect();
        assert_eq!(
            leads,
            [
                "Công ty Điện lực Đắk Lắk",
                "Báo và Phát thanh - Truyền hình Đắk Lắk, Sở Văn hóa, Thể thao và Du lịch, Cổng Thông tin điện tử tỉnh và hệ thống truyền thanh cơ sở"
            ]
        );
        for t in &p.tasks {
            let lead = &t.lead[0];
            assert_eq!(&text[lead.range.start..lead.range.end], lead.text);
        }
    }

    /// A plan a decision issues, with a foot of its own and a routing slip after it:
    /// the slip is kept as another document, not dropped.
    #[test]
    fn another_document_after_a_decision_s_plan_is_kept() {
        let text = "QUYẾT ĐỊNH\nBan hành Kế hoạch\n\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký./.\n\nNơi nhận:\n- Lưu: VT.\n\nCHỦ TỊCH\n\nNguyễn Văn A\n\nKẾ HOẠCH\nCông tác năm 2025\n(Kèm theo Quyết định số 12/QĐ-UBND ngày 05/3/2025)\n\nI. MỤC ĐÍCH\n1. Nội dung./.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn B\n\nTRƯỜNG ĐẠI HỌC MẪU\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nKính chuyển: Ban Giám hiệu\n";
        let p = parse(text);
        let appended: Vec<&str> = p.appended.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(
            appended,
            [
                "TRƯỜNG ĐẠI HỌC MẪU",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Kính chuyển: Ban Giám hiệu"
            ]
        );
    }

    /// An item's duties as dash lines, then its labels (read under the last duty),
    /// two of them on one line: the item's task, each label its own field.
    #[test]
    fn labels_under_an_item_s_duties_two_on_a_line() {
        let text = "KẾ HOẠCH\nThử\n\nIII. NHIỆM VỤ TRỌNG TÂM\n1. Tái cơ cấu ngành công nghiệp\n- Tham mưu UBND tỉnh xây dựng chính sách.\n- Phối hợp rà soát danh mục dự án.\nĐơn vị chủ trì: Phòng Quản lý Công nghiệp; Đơn vị phối hợp: Phòng Quản lý Năng lượng, Phòng Quản lý Thương mại.\nThời gian thực hiện: Năm 2026.\n";
        let p = parse(text);
        let [t] = p.tasks.as_slice() else {
            panic!("one task: {:?}", p.tasks);
        };
        assert_eq!(t.heading.text, "1. Tái cơ cấu ngành công nghiệp");
        assert_eq!(leads_of(&p), ["Phòng Quản lý Công nghiệp"]);
        let partners: Vec<&str> = t.coordinating.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(
            partners,
            ["Phòng Quản lý Năng lượng, Phòng Quản lý Thương mại"]
        );
        assert_eq!(
            t.timeline.as_ref().map(|x| x.text.as_str()),
            Some("Năm 2026")
        );
    }

    /// KH 308 Hà Nội: an item's lettered points are its fields (`a) Nhiệm vụ:` over
    /// its duties, `b) Cơ quan thực hiện:` over `- Đơn vị chủ trì: …`, `c) Thời gian
    /// thực hiện: …`): one task, no task of the points.
    #[test]
    fn lettered_points_that_are_labels_are_the_item_s_fields() {
        let text = "KẾ HOẠCH\nThử\n\nII. NHIỆM VỤ\n1.2. Triển khai, phát triển dữ liệu:\na) Nhiệm vụ:\n- Triển khai rà soát cơ sở dữ liệu.\n- Phối hợp số hóa.\nb) Cơ quan thực hiện:\n- Đơn vị chủ trì: Các Sở, ban, ngành.\n- Đơn vị phối hợp: Sở Khoa học và Công nghệ.\nc) Thời gian thực hiện: Hoàn thành trong năm 2025.\n";
        let p = parse(text);
        let [t] = p.tasks.as_slice() else {
            panic!("one task: {:?}", p.tasks);
        };
        assert_eq!(t.heading.text, "1.2. Triển khai, phát triển dữ liệu:");
        assert_eq!(
            t.content.as_ref().map(|c| c.text.as_str()),
            Some("Triển khai rà soát cơ sở dữ liệu.")
        );
        assert_eq!(leads_of(&p), ["Các Sở, ban, ngành"]);
        let partners: Vec<&str> = t.coordinating.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(partners, ["Sở Khoa học và Công nghệ"]);
        assert!(t.performing.is_empty(), "{:?}", t.performing);
        assert_eq!(
            t.timeline.as_ref().map(|x| x.text.as_str()),
            Some("Hoàn thành trong năm 2025")
        );
    }

    /// KH 252/KH-BCĐQG1237: a section whose numbered items are its labels without a
    /// colon (`1. Nội dung, biện pháp` over its points, `2. Cơ quan chủ trì, phối
    /// hợp` over `a) Cơ quan chủ trì` and `b) Cơ quan phối hợp` and their units'
    /// dashes, `3. Thời gian thực hiện: …`) is one task; so is one with its units
    /// right under `2. Chủ trì thực hiện`. A duty's line that begins like a label
    /// (`- Nội dung giám sát của …`, KH 160 Cần Thơ) is no label.
    #[test]
    fn a_section_whose_items_are_its_labels_is_a_task() {
        let text = "KẾ HOẠCH\nThử\n\nB. NỘI DUNG, NHIỆM VỤ\nI. CÔNG TÁC QUÁN TRIỆT\n1. Nội dung, biện pháp\na) Tổ chức Hội nghị quán triệt;\nb) Tổ chức triển khai thực hiện.\n2. Cơ quan chủ trì, phối hợp\na) Cơ quan chủ trì\n- Ban Chỉ đạo quốc gia.\n- Ban Chỉ đạo các quân khu; Ban Chỉ đạo các tỉnh.\nb) Cơ quan phối hợp\n- Hội Cựu chiến binh các cấp.\n3. Thời gian thực hiện: Tháng 12/2013 và thường xuyên.\nII. KIỆN TOÀN TỔ CHỨC\n1. Nội dung, biện pháp\na) Thành lập Ban Chỉ đạo;\nb) Thành lập Văn phòng.\n2. Chủ trì thực hiện\n- Bộ Quốc phòng.\n3. Thời gian thực hiện: Tháng 11/2013.\nIII. GIÁM SÁT\n1. Nội dung giám sát\n- Nội dung giám sát của chủ chương trình\n+ Theo dõi, kiểm tra công tác quản lý.\n";
        let p = parse(text);
        // Each task as `heading | content | leads | partners | time`.
        let got: Vec<String> = p
            .tasks
            .iter()
            .map(|t| {
                let names = |fields: &[Field]| {
                    fields
                        .iter()
                        .map(|f| f.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" + ")
                };
                format!(
                    "{} | {} | {} | {} | {}",
                    t.heading.text,
                    t.content.as_ref().map_or("", |c| c.text.as_str()),
                    names(&t.lead),
                    names(&t.coordinating),
                    t.timeline.as_ref().map_or("", |x| x.text.as_str()),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                "I. CÔNG TÁC QUÁN TRIỆT | Tổ chức Hội nghị quán triệt | Ban Chỉ đạo quốc gia + Ban Chỉ đạo các quân khu; Ban Chỉ đạo các tỉnh | Hội Cựu chiến binh các cấp | Tháng 12/2013 và thường xuyên",
                "II. KIỆN TOÀN TỔ CHỨC | Thành lập Ban Chỉ đạo | Bộ Quốc phòng |  | Tháng 11/2013",
            ]
        );
    }

    /// KH 141 Bắc Ninh: an item's duties in runs, each run followed by its own
    /// units' labels, are a task each (the run's first duty its content); labels
    /// under one run only make one task, its first duty the content.
    #[test]
    fn runs_of_duties_each_with_their_units_are_tasks() {
        let text = "KẾ HOẠCH\nThử\n\nIII. NHIỆM VỤ\n4. Nâng cao phẩm chất\n- Tăng cường giáo dục chính trị.\n- Nâng cao nhận thức.\nĐơn vị chủ trì: Các Sở, ngành.\nThời gian thực hiện: Thường xuyên.\n- Tổ chức tập huấn.\nĐơn vị chủ trì: Sở Tư pháp.\nThời gian thực hiện: Hằng năm.\n5. Rà soát đội ngũ\n- Thường xuyên rà soát đội ngũ.\nĐơn vị chủ trì: Sở Nội vụ.\n";
        let p = parse(text);
        let got: Vec<(&str, &str, &str)> = p
            .tasks
            .iter()
            .map(|t| {
                (
                    t.content.as_ref().map_or("", |c| c.text.as_str()),
                    t.lead.first().map_or("", |l| l.text.as_str()),
                    t.timeline.as_ref().map_or("", |x| x.text.as_str()),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Tăng cường giáo dục chính trị.",
                    "Các Sở, ngành",
                    "Thường xuyên"
                ),
                ("Tổ chức tập huấn.", "Sở Tư pháp", "Hằng năm"),
                ("Thường xuyên rà soát đội ngũ.", "Sở Nội vụ", ""),
            ]
        );
    }

    /// KH 172 TP HCM: a `Cơ quan thực hiện:` value that says which unit leads
    /// (`Sở Nội vụ chủ trì …`) names the lead; an item whose one paragraph gives it
    /// to a unit (`… có trách nhiệm …`) is that unit's task, whatever the section.
    #[test]
    fn a_unit_said_to_lead_leads() {
        let text = "KẾ HOẠCH\nThử\n\nII. NỘI DUNG\n1. Phổ biến Luật\n- Cơ quan thực hiện: Sở Nội vụ chủ trì tham mưu; Sở Tư pháp phối hợp.\n- Thời gian thực hiện: Năm 2025.\n2. Kiểm tra việc thi hành\n- Cơ quan thực hiện: Sở Nội vụ, các sở, ban, ngành.\n3. Xây dựng văn bản\nSở, ban, ngành thuộc Ủy ban nhân dân Thành phố có trách nhiệm rà soát văn bản.\n";
        let p = parse(text);
        let got: Vec<(&str, &str)> = p
            .tasks
            .iter()
            .map(|t| {
                (
                    t.lead.first().map_or("", |l| l.text.as_str()),
                    t.performing.first().map_or("", |l| l.text.as_str()),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Sở Nội vụ", ""),
                ("", "Sở Nội vụ, các sở, ban, ngành"),
                ("Sở, ban, ngành thuộc Ủy ban nhân dân Thành phố", ""),
            ]
        );
        // KH 174 TP HCM: the label empty, the units on the `+` lines under it; the one
        // said to lead leads (a line that names no lead is no unit's name).
        let text = "KẾ HOẠCH\nThử\n\nII. NỘI DUNG\nc) Hoạt động 3\n- Nội dung: Tuyên truyền trên các phương tiện truyền thông.\n- Cơ quan thực hiện:\n+ Sở Văn hóa và Thể thao chủ trì, phối hợp với các sở, ban, ngành.\n+ Sở Xây dựng đăng tải thông điệp trên bảng quang báo.\n";
        let p = parse(text);
        let t = p.tasks.first().expect("a task");
        let lead: Vec<&str> = t.lead.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(lead, ["Sở Văn hóa và Thể thao"]);
        assert!(t.performing.is_empty(), "{:?}", t.performing);
    }

    /// QĐ Bộ KH&CN (hạ tầng số cho Trung tâm tài chính quốc tế): a body called `Cơ
    /// quan …` said to lead, alone before `chủ trì`, leads; a list of bodies that
    /// only names a `cơ quan chủ trì` among others (KH 160 Cần Thơ) is no lead.
    #[test]
    fn a_body_called_co_quan_leads_when_said_to() {
        let text = "KẾ HOẠCH\nThử\n\nIV. TỔ CHỨC THỰC HIỆN\n1. Cơ quan điều hành Trung tâm tài chính quốc tế chủ trì, phối hợp với các đơn vị xác định nhu cầu.\n2. Cơ quan chủ quản Chương trình, cơ quan chủ trì dự án thành phần, chủ đầu tư.\n";
        let p = parse(text);
        assert_eq!(
            leads_of(&p),
            ["Cơ quan điều hành Trung tâm tài chính quốc tế"]
        );
    }

    /// QĐ 173/QĐ-BTP: a ministry's department heading its duties (`1. Vụ Các vấn
    /// đề chung về xây dựng pháp luật` over `a) Tổ chức triển khai …`) leads them;
    /// named in a list under another unit's duty (`- Vụ Vật liệu xây dựng;`, QĐ
    /// 836/QĐ-BXD) it leads nothing.
    #[test]
    fn a_ministry_department_heading_its_duties_leads_them() {
        let text = "KẾ HOẠCH\nThử\n\nIII. TỔ CHỨC THỰC HIỆN\n1. Vụ Các vấn đề chung về xây dựng pháp luật\na) Tổ chức triển khai thực hiện Kế hoạch.\nb) Hướng dẫn các Sở Tư pháp triển khai.\n2. Sở Xây dựng chủ trì, phối hợp với:\n- Vụ Vật liệu xây dựng;\n- Vụ Kế hoạch - Tài chính.\n";
        let p = parse(text);
        assert_eq!(
            leads_of(&p),
            ["Vụ Các vấn đề chung về xây dựng pháp luật", "Sở Xây dựng"]
        );
    }

    /// QĐ 3210 TP HCM: `3. Các vấn đề cần lưu ý khi xây dựng Đề án …` in the part
    /// that assigns the work names matters to note, not units: no task of its own.
    #[test]
    fn matters_to_note_are_no_unit() {
        let text = "KẾ HOẠCH\nThử\n\nII. NỘI DUNG THỰC HIỆN\n3. Các vấn đề cần lưu ý khi xây dựng Đề án hỗ trợ\nĐề án cần phân định rõ số lượng.\n4. Sở Xây dựng\n- Nghiên cứu, thiết kế mẫu nhà.\n";
        assert_eq!(leads_of(&parse(text)), ["Sở Xây dựng"]);
    }

    /// QĐ 2623/QĐ-TTg: `5. Xây dựng Nghị định` holds two decrees, each a dash with
    /// its own `+ Cơ quan chủ trì:` and `+ Thời hạn ban hành:`: two tasks. The
    /// unit of an item in the implementation part ends at its verb (`tổng hợp`,
    /// `chịu trách nhiệm`).
    #[test]
    fn a_dash_with_labelled_plus_lines_is_a_task() {
        let text = "KẾ HOẠCH\nThử\n\nII. NỘI DUNG\n5. Xây dựng Nghị định của Chính phủ\n- Nghị định quy định chi tiết một số điều Luật\n+ Cơ quan chủ trì: Bộ Công an.\n+ Cơ quan phối hợp: Bộ Tư pháp.\n+ Thời hạn ban hành: trước ngày 01 tháng 01 năm 2026.\n- Nghị định xử phạt vi phạm hành chính\n+ Cơ quan chủ trì: Bộ Công an.\n+ Thời hạn ban hành: Theo tiến độ được giao.\nIII. TỔ CHỨC THỰC HIỆN\n1. Ủy ban nhân dân các tỉnh tổng hợp, trình Hội đồng nhân dân cùng cấp bố trí kinh phí.\n2. Bộ trưởng, Chủ tịch Ủy ban nhân dân các tỉnh chịu trách nhiệm thực hiện Kế hoạch này.\n";
        let p = parse(text);
        let got: Vec<(&str, Option<&str>)> = p
            .tasks
            .iter()
            .map(|t| {
                (
                    t.heading.text.as_str(),
                    t.timeline.as_ref().map(|x| x.text.as_str()),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "- Nghị định quy định chi tiết một số điều Luật",
                    Some("trước ngày 01 tháng 01 năm 2026")
                ),
                (
                    "- Nghị định xử phạt vi phạm hành chính",
                    Some("Theo tiến độ được giao")
                ),
                ("1. Ủy ban nhân dân các tỉnh tổng hợp, trình Hội đồng nhân dân cùng cấp bố trí kinh phí.", None),
                ("2. Bộ trưởng, Chủ tịch Ủy ban nhân dân các tỉnh chịu trách nhiệm thực hiện Kế hoạch này.", None),
            ]
        );
        assert_eq!(
            leads_of(&p),
            [
                "Bộ Công an",
                "Bộ Công an",
                "Ủy ban nhân dân các tỉnh",
                "Bộ trưởng, Chủ tịch Ủy ban nhân dân các tỉnh"
            ]
        );
    }

    /// The same two columns with the signer's title beside a recipient (`- Như
    /// Điều 4; THỨ TRƯỞNG`) and a recipient wrapped onto a line in capitals (`TƯ (để
    /// t/h);`), a Bộ KH&CN decision's plain PDF text: the title was a recipient's
    /// tail (KH703, an error: no deputy's title under `KT. BỘ TRƯỞNG`) and the wrap a
    /// recipient of its own (KH604, KH603).
    #[test]
    fn a_signing_title_beside_a_recipient_is_the_signers() {
        let text = "BỘ KHOA HỌC VÀ CÔNG NGHỆ CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 12/KH-BKHCN Hà Nội, ngày 02 tháng 4 năm 2025\nKẾ HOẠCH\nPhát triển hạ tầng số\nI. MỤC ĐÍCH\nNội dung./.\nNơi nhận: KT. BỘ TRƯỞNG\n- Các đơn vị nêu tại mục I; THỨ TRƯỞNG\n- Bộ trưởng (để b/c);\n- Sở KHCN các tỉnh, thành phố trực thuộc\nTƯ (để t/h);\nPhạm Đức Long\n- Cổng Thông tin điện tử Bộ KHCN;\n- Lưu: VT, CVT.\n";
        let p = parse(text);
        let titles = signing_lines(&p);
        assert_eq!(titles, ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]);
        let r = p.recipients.as_ref().expect("recipients");
        let items: Vec<&str> = r.items.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(
            items,
            [
                "- Các đơn vị nêu tại mục I;",
                "- Bộ trưởng (để b/c);",
                "- Sở KHCN các tỉnh, thành phố trực thuộc TƯ (để t/h);",
                "- Cổng Thông tin điện tử Bộ KHCN;"
            ]
        );
        let report = crate::check(text);
        let foot: Vec<&str> = report
            .diagnostics
            .iter()
            .map(|d| d.code)
            .filter(|c| c.starts_with("KH60") || c.starts_with("KH70"))
            .collect();
        assert!(foot.is_empty(), "{foot:?}");
    }

    /// A PDF's text that reads a two-column header and foot line by line (Huế's KH
    /// 188, Ninh Bình's KH 75): the agency's second line and the motto on one line,
    /// `Nơi nhận:` beside the signing authority, the signature's lines between the
    /// recipients, and the drafter's initials under the archive line.
    #[test]
    fn two_columns_read_line_by_line() {
        let text = "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTHÀNH PHỐ HUẾ Độc lập - Tự do - Hạnh phúc\nSố: 188/KH-UBND Huế, ngày 02 tháng 4 năm 2026\nKẾ HOẠCH\nPhát triển du lịch\nI. MỤC ĐÍCH\nNội dung./.\nNơi nhận: TM. ỦY BAN NHÂN DÂN\n- TT. Thành ủy;\nKT. CHỦ TỊCH\n- CT, các PCT UBND TP;\nPHÓ CHỦ TỊCH\n- Lưu: VT, DL.\nZh\nTrần Hữu Thùy Giang\n";
        let p = parse(text);
        assert_eq!(
            p.header.motto.as_ref().map(|f| f.text.as_str()),
            Some("Độc lập - Tự do - Hạnh phúc")
        );
        let titles = signing_lines(&p);
        assert_eq!(
            titles,
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
        );
        let r = p.recipients.as_ref().expect("recipients");
        let items: Vec<&str> = r.items.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(items, ["- TT. Thành ủy;", "- CT, các PCT UBND TP;"]);
        assert_eq!(
            r.archive.as_ref().map(|f| f.text.as_str()),
            Some("- Lưu: VT, DL. Zh")
        );
        let report = crate::check(text);
        let foot: Vec<&str> = report
            .diagnostics
            .iter()
            .map(|d| d.code)
            .filter(|c| c.starts_with("KH10") || c.starts_with("KH60"))
            .collect();
        assert!(foot.is_empty(), "{foot:?}");
    }

    /// `7. UBND các xã: Hải Tiến, Giao Minh, …` names the units after its colon;
    /// `Đề nghị các tổ chức, doanh nghiệp …` holds the noun `tổ chức`, no verb.
    #[test]
    fn units_named_after_a_colon_and_organisations_are_units() {
        let text = "KẾ HOẠCH\nThử\n\nIII. TỔ CHỨC THỰC HIỆN\n1. UBND các xã: Hải Tiến, Giao Minh, Rạng Đông\n- Xây dựng kế hoạch.\n2. Đề nghị các tổ chức, doanh nghiệp, Hiệp hội Du lịch thành phố\n- Phối hợp quảng bá.\n3. Sở Tài chính: Chủ trì bố trí kinh phí.\n";
        let p = parse(text);
        assert_eq!(
            leads_of(&p),
            [
                "UBND các xã: Hải Tiến, Giao Minh, Rạng Đông",
                "các tổ chức, doanh nghiệp, Hiệp hội Du lịch thành phố",
                "Sở Tài chính"
            ]
        );
    }

    /// A duty's last clause that is its deadline (QĐ 436/QĐ-TTg, fixture 231: `a) Bộ
    /// Giáo dục và Đào tạo xây dựng …, hoàn thành trong quý III năm 2020.`); a clause
    /// that only mentions finishing is none. And the units it names as it does.
    #[test]
    fn a_duty_closed_by_its_deadline_is_timed() {
        let text = "KẾ HOẠCH\nThử\n\nII. NHIỆM VỤ, GIẢI PHÁP\n1. Xây dựng văn bản\na) Bộ Giáo dục và Đào tạo xây dựng và ban hành quy định, hoàn thành trong quý III năm 2020.\nb) Bộ Tài chính chủ trì, phối hợp bảo đảm kinh phí, hoàn thành các thủ tục cần thiết.\nc) Bộ Y tế chủ trì rà soát, hoàn thành trước ngày 30/6/2021;\nd) Bộ Công an chủ trì rà soát quy định; hoàn thành trong quý IV năm 2021.\nđ) Bộ Quốc phòng thành lập hội đồng tư vấn, hoàn thành theo kế hoạch hằng năm.\n\nIV. TỔ CHỨC THỰC HIỆN\n1. Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân cấp tỉnh, Chủ tịch Hội đồng trường của các cơ sở giáo dục đại học có trách nhiệm chỉ đạo, kiểm tra việc thực hiện Kế hoạch.\n";
        let p = parse(text);
        let timed: Vec<(Vec<&str>, Option<&str>)> = p
            .tasks
            .iter()
            .map(|t| {
                let lead = t.lead.iter().map(|f| f.text.as_str()).collect();
                (lead, t.timeline.as_ref().map(|tl| tl.text.as_str()))
            })
            .collect();
        assert_eq!(
            timed,
            [
                (
                    vec!["Bộ Giáo dục và Đào tạo"],
                    Some("hoàn thành trong quý III năm 2020")
                ),
                (vec!["Bộ Tài chính"], None),
                (vec!["Bộ Y tế"], Some("hoàn thành trước ngày 30/6/2021")),
                // After a semicolon; `theo kế hoạch hằng năm`; `thành lập` ends the
                // unit's name as `chủ trì` does.
                (vec!["Bộ Công an"], Some("hoàn thành trong quý IV năm 2021")),
                (
                    vec!["Bộ Quốc phòng"],
                    Some("hoàn thành theo kế hoạch hằng năm")
                ),
                // A list of posts before `có trách nhiệm`, longer than a heading.
                (
                    vec!["Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân cấp tỉnh, Chủ tịch Hội đồng trường của các cơ sở giáo dục đại học"],
                    None
                ),
            ]
        );
        let period = p.tasks[0].timeline.as_ref().map(|t| t.period.clone());
        assert_eq!(
            period,
            Some(Period::Quarter {
                quarter: 3,
                year: 2020
            })
        );
    }

    /// Dashes that each give a duty to a unit by name (QĐ 436/QĐ-TTg's councils, one
    /// a ministry); units in general said of duties given elsewhere are no task.
    #[test]
    fn dashes_that_give_a_unit_its_duty_are_tasks() {
        let text = "KẾ HOẠCH\nThử\n\nII. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU\n2. Xây dựng chuẩn chương trình\na) Các bộ thành lập Hội đồng tư vấn khối ngành gồm các chuyên gia đầu ngành ở các cơ sở giáo dục đại học, viện nghiên cứu, các nhà quản lý giáo dục đại học và đại diện của giới doanh nghiệp, hoàn thành trong quý IV năm 2020 để xây dựng chuẩn chương trình đào tạo, cụ thể như sau:\n- Bộ Y tế chủ trì, phối hợp với các bộ, ngành thành lập hội đồng tư vấn khối ngành Sức khỏe;\n- Bộ Quốc phòng chủ trì, phối hợp với các bộ, ngành thành lập hội đồng tư vấn khối ngành Quốc phòng.\n- Các đơn vị chủ trì thực hiện nhiệm vụ có trách nhiệm báo cáo định kỳ.\n- Các cơ quan, đơn vị được giao chủ trì, thực hiện căn cứ kế hoạch đã được phê duyệt.\n";
        let p = parse(text);
        // (The item over them gives the ministries their councils: theirs too.)
        assert_eq!(leads_of(&p), ["Các bộ", "Bộ Y tế", "Bộ Quốc phòng"]);
        assert_eq!(
            p.tasks[1].content.as_ref().map(|c| c.text.as_str()),
            Some("Bộ Y tế chủ trì, phối hợp với các bộ, ngành thành lập hội đồng tư vấn khối ngành Sức khỏe;")
        );
        // Nghệ An's plan 982/KH-UBND (its duties a dash a unit, none `chủ trì`), QĐ
        // 844/QĐ-TTg (`trình Hội đồng …`), QĐ 2820 TP HCM (`định kỳ`): the unit before
        // its verb, a request's unit without the request; a dash whose words before
        // any verb run long names no unit.
        let text = "KẾ HOẠCH\nThử\n\nV. TRÁCH NHIỆM THỰC HIỆN\n- Sở Văn hóa, Thể thao và Du lịch phối hợp với Ban Tuyên giáo và Dân vận Tỉnh ủy chỉ đạo các cơ quan truyền thông.\n- Sở Nội vụ hướng dẫn khen thưởng Đợt thi đua.\n- Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh, các tổ chức chính trị-xã hội phát huy thành quả của các phong trào thi đua.\n- Uỷ ban nhân dân cấp tỉnh trình Hội đồng nhân dân cùng cấp bố trí ngân sách.\n- Sở Tài chính định kỳ hằng quý tổng hợp báo cáo.\n- Hội đồng Thi đua - Khen thưởng các cấp phân công rõ trách nhiệm các thành viên.\n- Sở Xây dựng được phân công chủ trì thẩm định.\n- Hội đồng Thi đua - Khen thưởng các cấp cùng những tấm gương điển hình tiên tiến trên mọi lĩnh vực của đời sống xã hội trong quá trình chỉ đạo.\n";
        let p = parse(text);
        assert_eq!(
            leads_of(&p),
            [
                "Sở Văn hóa, Thể thao và Du lịch",
                "Sở Nội vụ",
                "Ủy ban Mặt trận Tổ quốc tỉnh, các tổ chức chính trị-xã hội",
                "Uỷ ban nhân dân cấp tỉnh",
                "Sở Tài chính",
                "Hội đồng Thi đua - Khen thưởng các cấp",
                // (A verb after `được` is said of the unit.)
                "Sở Xây dựng được phân công"
            ]
        );
    }

    /// A steering committee's plan (QĐ 1627 Quảng Ngãi): a post heads its duties; a
    /// unit's duties each with their own `Thời gian thực hiện:` still name the unit;
    /// a colon inside brackets is the bracket's; `Tổ chức thực hiện …` is an action;
    /// `Trách nhiệm của …:` and `Đối với …:` name the unit after them.
    #[test]
    fn posts_timed_duties_and_bracketed_colons_name_the_lead() {
        let text = "KẾ HOẠCH\nThử\n\nIII. NỘI DUNG THỰC HIỆN\n1. Tổ chức thực hiện kiểm kê, đôn đốc, kiểm tra.\n\nIV. NHIỆM VỤ CỤ THỂ\n1.1. Trưởng Ban Chỉ đạo\n- Phụ trách chung.\n1.2. Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo\n- Tuyên truyền, phổ biến.\nThời gian thực hiện: Tháng 11/2025.\n1.3. Các Sở (gồm các Sở: Xây dựng, Công Thương)\n- Phối hợp hướng dẫn.\n1.4. Trách nhiệm của đối tượng thực hiện kiểm kê:\n- Thành lập Tổ kiểm kê.\nThời hạn hoàn thành: Trước ngày 30/11/2025.\n- Báo cáo kết quả.\nThời hạn hoàn thành: Trước ngày 31/3/2026.\n1.5. Đối với Đoàn kiểm tra: Các thành viên thực hiện nghiêm túc Kế hoạch.\n1.6. Các Sở (gồm các Sở: Xây dựng, Công Thương): Phối hợp hướng dẫn.\n1.7. Đối với các nhiệm vụ thường xuyên: Triển khai hằng năm.\n1.8. Báo cáo sơ kết\n- Tổng hợp kết quả.\nThời gian thực hiện: Tháng 6/2026.\n";
        let p = parse(text);
        assert_eq!(
            leads_of(&p),
            [
                "Trưởng Ban Chỉ đạo",
                "Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo",
                "Các Sở (gồm các Sở: Xây dựng, Công Thương)",
                "đối tượng thực hiện kiểm kê",
                "Đoàn kiểm tra",
                // The first colon outside the brackets; a topic and a report lead
                // nothing.
                "Các Sở (gồm các Sở: Xây dựng, Công Thương)"
            ]
        );
        // Of several timed duties, the first's time (the first is the content).
        assert_eq!(
            p.tasks[3].timeline.as_ref().map(|t| t.text.as_str()),
            Some("Trước ngày 30/11/2025")
        );
        assert_eq!(
            p.tasks[4].content.as_ref().map(|c| c.text.as_str()),
            Some("Các thành viên thực hiện nghiêm túc Kế hoạch.")
        );
        let timed = &p.tasks[1];
        assert_eq!(
            timed.timeline.as_ref().map(|t| t.text.as_str()),
            Some("Tháng 11/2025")
        );
        assert_eq!(
            timed.content.as_ref().map(|c| c.text.as_str()),
            Some("Tuyên truyền, phổ biến.")
        );
    }

    /// Outside the implementation section (KH 1105 Lào Cai's `6. Những vấn đề
    /// khác`), a duty addressed on the item's line to a unit by name is its task; a
    /// topic, or a unit whose duties are only below, is none.
    #[test]
    fn a_duty_addressed_to_a_unit_is_its_task_in_any_section() {
        let text = "KẾ HOẠCH\nThử\n\nI. MỤC ĐÍCH\n1. Những vấn đề khác\n1.1. Đối với Đoàn kiểm tra: Các thành viên thực hiện nghiêm túc Kế hoạch.\n1.2 Đối với đơn vị được kiểm tra: Chuẩn bị báo cáo bằng văn bản.\n1.3. Đối với các dự án: Báo cáo tiến độ.\n1.4. Đối với Sở Tài chính:\n- Bố trí kinh phí.\n";
        let p = parse(text);
        assert_eq!(leads_of(&p), ["Đoàn kiểm tra", "đơn vị được kiểm tra"]);
        assert_eq!(
            p.tasks[1].content.as_ref().map(|c| c.text.as_str()),
            Some("Chuẩn bị báo cáo bằng văn bản.")
        );
    }

    /// `Cơ quan chủ trì: Sở A; Sở B;` / `UBND các quận, huyện.`: one list of units
    /// over two lines; a next line with a label or a marker is not part of it.
    #[test]
    fn a_list_of_units_wrapped_after_its_separator_is_one_value() {
        let item = "III. NHIỆM VỤ\nc) Rà soát quỹ đất.\nCơ quan chủ trì: Sở Nông nghiệp và Môi trường; Sở Giáo dục và Đào tạo;\n";
        for (next, lead) in [
            (
                "UBND các quận, huyện.\n",
                "Sở Nông nghiệp và Môi trường; Sở Giáo dục và Đào tạo; UBND các quận, huyện",
            ),
            (
                "Cơ quan phối hợp: Sở Xây dựng.\n",
                "Sở Nông nghiệp và Môi trường; Sở Giáo dục và Đào tạo",
            ),
        ] {
            let p = parse(&format!(
                "KẾ HOẠCH\nAbc\n{item}{next}Thời gian thực hiện: Thường xuyên.\n"
            ));
            let leads = leads_of(&p);
            assert_eq!(leads, [lead], "{next}");
        }
    }

    #[test]
    fn deeply_nested_and_long_inputs_do_not_blow_up() {
        let deep: String = (0..10_000)
            .map(|i| format!("{}. x\n{}.1. y\na) z\n- w\n+ v\n", i % 999 + 1, i % 99 + 1))
            .collect();
        let p = parse(&deep);
        assert!(!p.body.is_empty());
        let long = "a".repeat(200_000);
        let _ = parse(&long);
    }
}
