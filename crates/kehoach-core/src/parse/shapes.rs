//! The fixed shapes of a header, a signature and a task line, read by hand (see
//! `crate::pattern`). Each matcher names the regex it stands for. Used by the first
//! pass (`blocks`) as well as the parser, so it depends on nothing above `text` (and
//! the model's `DocKind`, which a kind word names).

use crate::model::DocKind;
use crate::pattern::{search, search_byte, starts_with_letter_of, Cursor};
use crate::text::{at_most_chars, fold, is_letter, is_upper_text, Case};
use std::ops::Range;

/// The document kind words a title line is (`KẾ HOẠCH`, `QUYẾT ĐỊNH`, …).
pub(crate) const KIND_WORDS: [(&str, DocKind); 6] = [
    ("KẾ HOẠCH", DocKind::Plan),
    ("KẾ HOẠCH HÀNH ĐỘNG", DocKind::Plan),
    ("QUYẾT ĐỊNH", DocKind::Decision),
    ("CHỈ THỊ", DocKind::Directive),
    ("THÔNG BÁO", DocKind::Notice),
    ("BÁO CÁO", DocKind::Report),
];

/// The first letters of [`KIND_WORDS`] and [`OTHER_KIND_WORDS`] (a test keeps them
/// in step).
const KIND_WORD_INITIALS: [char; 12] = ['B', 'C', 'D', 'G', 'H', 'K', 'L', 'N', 'P', 'Q', 'T', 'Đ'];

/// Other document kind words: recognised as "not a plan".
pub(crate) const OTHER_KIND_WORDS: [&str; 19] = [
    "TỜ TRÌNH",
    "NGHỊ QUYẾT",
    "HƯỚNG DẪN",
    "CHƯƠNG TRÌNH",
    "ĐỀ ÁN",
    "PHƯƠNG ÁN",
    "QUY CHẾ",
    "QUY ĐỊNH",
    "CÔNG ĐIỆN",
    "BIÊN BẢN",
    "GIẤY MỜI",
    "THÔNG CÁO",
    "DỰ ÁN",
    "NGHỊ ĐỊNH",
    // Laws and circulars as the Gazette prints them: a law's articles and a
    // circular's clauses are no plan's items (they were read as one, dozens of KH401
    // errors on a law's amending points).
    "LUẬT",
    "BỘ LUẬT",
    "PHÁP LỆNH",
    "THÔNG TƯ",
    "THÔNG TƯ LIÊN TỊCH",
];

pub(crate) fn kind_word(cell: &str) -> Option<DocKind> {
    if !at_most_chars(cell, 20) {
        return None;
    }
    // Every kind word starts with a consonant, which folding keeps in place: a short
    // line whose first letter starts none of them is not folded (every short line of
    // a long text came here).
    let first = cell.chars().next().map(crate::text::upper_of)?;
    if !KIND_WORD_INITIALS.contains(&first) {
        return None;
    }
    let f = fold(cell);
    let f = f.trim_end_matches([':', '.']);
    let of = |f: &str| {
        KIND_WORDS
            .iter()
            .find(|(w, _)| *w == f)
            .map(|(_, k)| *k)
            .or_else(|| OTHER_KIND_WORDS.contains(&f).then_some(DocKind::Other))
    };
    // `THÔNG TƯ1`: a consolidated text's footnote mark glued to its kind word.
    of(f).or_else(|| {
        let word = f.trim_end_matches(|c: char| c.is_ascii_digit());
        let glued = (1..=2).contains(&(f.len() - word.len())) && !word.ends_with(' ');
        glued.then(|| of(word)).flatten()
    })
}

/// `Số: 11/KH-UBND` up to the slash (`SỐ:` in a header set in capitals):
/// `^(?:Số|SỐ)\s*[:.]?\s*([0-9]*)(?:-(\p{L}{1,6}))?\s*`.
fn number_start(c: &mut Cursor) -> Option<(Range<usize>, Option<Range<usize>>)> {
    (c.eat_str("Số") || c.eat_str("SỐ")).then_some(())?;
    c.eat_ws();
    c.eat_if(|ch| ch == ':' || ch == '.');
    c.eat_ws();
    let num = c.digits(0, usize::MAX)?;
    let mut party = None;
    let mut k = *c;
    if k.eat('-') {
        let start = k.pos;
        if (1..=6).contains(&k.eat_while(7, is_letter)) {
            party = Some(start..k.pos);
            *c = k;
        }
    }
    c.eat_ws();
    Some((num, party))
}

/// Whether `sym` is a whole symbol: `[^\s/]+(?:\s?-\s?[^\s-]+)*` (a dash may have
/// one space on each side; `/` only after the first dash).
fn is_symbol(sym: &str) -> bool {
    // The regex's states: start, in the first part, after a space before a dash,
    // after the dash, after a space after the dash, in a later part.
    const START: u8 = 1;
    const FIRST: u8 = 2;
    const SPACE: u8 = 4;
    const DASH: u8 = 8;
    const SPACE2: u8 = 16;
    const LATER: u8 = 32;
    let mut states = START;
    for ch in sym.chars() {
        let ws = ch.is_whitespace();
        let mut next = 0;
        if states & (START | FIRST) != 0 && !ws && ch != '/' {
            next |= FIRST;
        }
        if states & (FIRST | LATER) != 0 {
            if ws {
                next |= SPACE;
            }
            if ch == '-' {
                next |= DASH;
            }
        }
        if states & SPACE != 0 && ch == '-' {
            next |= DASH;
        }
        if states & DASH != 0 && ws {
            next |= SPACE2;
        }
        if states & (DASH | SPACE2 | LATER) != 0 && !ws && ch != '-' {
            next |= LATER;
        }
        states = next;
        if states == 0 {
            return false;
        }
    }
    states & (FIRST | LATER) != 0
}

/// `QĐ - U B ND` from a scan's text recognition, its capitals set apart: a symbol
/// when every piece between single spaces is a dash or at most three capitals and
/// figures, two such pieces stand side by side, and the pieces joined make one
/// (`QĐ-UBND`). (`KH - UBND TỈNH` is a symbol and a word, not letters apart.)
fn is_letter_spaced_symbol(sym: &str) -> bool {
    let letters =
        |p: &str| p.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()) && at_most_chars(p, 3);
    let pieces: Vec<&str> = sym.split(' ').collect();
    let fit = pieces
        .iter()
        .all(|p| *p == "-" || (!p.is_empty() && letters(p)));
    let apart = pieces.windows(2).any(|w| w[0] != "-" && w[1] != "-");
    fit && apart && is_symbol(&pieces.concat())
}

/// A number line's parts: the number (maybe empty), the Party's type code, the
/// symbol.
pub(crate) struct NumberParts {
    pub num: Range<usize>,
    pub party: Option<Range<usize>>,
    pub sym: Option<Range<usize>>,
}

/// `Số: 11/KH-UBND`, `Số:      /KH-UBND`, `Số 3260-KH/ĐĐQH15` (the Party's form), the
/// whole text:
/// `^(?:Số|SỐ)\s*[:.]?\s*(?P<num>[0-9]*)(?:-(?P<party>\p{L}{1,6}))?\s*(?:/\s*(?P<sym>[^\s/]+(?:\s?-\s?[^\s-]+)*))?\s*$`.
pub(crate) fn number_line(t: &str) -> Option<NumberParts> {
    number_line_with(t, is_symbol)
}

/// [`number_line`], or the same line with its symbol's letters set apart by a scan's
/// text recognition (`Số: 3210/QĐ - U B ND`, [`is_letter_spaced_symbol`]).
pub(crate) fn number_line_or_spaced(t: &str) -> Option<NumberParts> {
    number_line(t).or_else(|| number_line_with(t, is_letter_spaced_symbol))
}

fn number_line_with(t: &str, is_symbol: fn(&str) -> bool) -> Option<NumberParts> {
    let mut c = Cursor::new(t);
    let (num, party) = number_start(&mut c)?;
    let sym = if c.eat('/') {
        c.eat_ws();
        let sym = c.pos..c.pos + c.rest().trim_end().len();
        (!sym.is_empty() && is_symbol(&t[sym.clone()])).then_some(())?;
        Some(sym)
    } else {
        c.rest().trim_end().is_empty().then_some(())?;
        None
    };
    Some(NumberParts { num, party, sym })
}

/// Where the number and symbol at the start of a cell end, when the cell goes on
/// with something else (`Số: 435/QĐ-UBND Kon Tum, ngày …` from a flattened header):
/// `^(?:Số|SỐ)\s*[:.]?\s*[0-9]*(?:-\p{L}{1,6})?\s*/\s*[^\s/]+(?:\s?-\s?[^\s-]+)*`.
pub(super) fn number_head(t: &str) -> Option<usize> {
    let mut c = Cursor::new(t);
    number_start(&mut c)?;
    c.eat('/').then_some(())?;
    c.eat_ws();
    let part = |c: &mut Cursor, stop: char| {
        c.eat_while(usize::MAX, |ch| !ch.is_whitespace() && ch != stop) > 0
    };
    part(&mut c, '/').then_some(())?;
    loop {
        let mut k = c;
        k.eat_if(char::is_whitespace);
        if !k.eat('-') {
            break;
        }
        k.eat_if(char::is_whitespace);
        if !part(&mut k, '-') {
            break;
        }
        c = k;
    }
    Some(c.pos)
}

/// A place-and-date line's parts. The year is what stands after `năm`, up to four
/// figures, maybe none.
pub(crate) struct PlaceDateParts {
    pub place: Range<usize>,
    pub day: Option<Range<usize>>,
    pub month: Option<Range<usize>>,
    pub year: Range<usize>,
    pub end: usize,
}

/// A day or month: one or two figures, maybe with a space between (`0 6` from a web
/// copy): `(?:[0-9](?: ?[0-9])?)?`.
fn day_figure(c: &mut Cursor) -> Option<Range<usize>> {
    let start = c.pos;
    if !c.eat_if(|ch| ch.is_ascii_digit()) {
        return None;
    }
    let mut k = *c;
    k.eat(' ');
    if k.eat_if(|ch| ch.is_ascii_digit()) {
        *c = k;
    }
    Some(start..c.pos)
}

fn is_date_filler(c: char) -> bool {
    c.is_whitespace() || matches!(c, '.' | '…' | '_')
}

/// The date part from `pos`: `\s*,?\s*(?i:ngày)\s*(d)?[\s.…_]*(?i:tháng)\s*(m)?[\s.…_]*(?i:năm)[\s.…_]*([0-9]{0,4})`.
fn date_part(t: &str, pos: usize) -> Option<PlaceDateParts> {
    let mut c = Cursor::at(t, pos);
    c.eat_ws();
    c.eat(',');
    c.eat_ws();
    c.eat_ci("ngày").then_some(())?;
    c.eat_ws();
    let day = day_figure(&mut c);
    c.eat_while(usize::MAX, is_date_filler);
    c.eat_ci("tháng").then_some(())?;
    c.eat_ws();
    let month = day_figure(&mut c);
    c.eat_while(usize::MAX, is_date_filler);
    c.eat_ci("năm").then_some(())?;
    c.eat_while(usize::MAX, is_date_filler);
    let year = c.digits(0, 4)?;
    Some(PlaceDateParts {
        place: 0..pos,
        day,
        month,
        year,
        end: c.pos,
    })
}

/// `Hà Nội, ngày 15 tháng 3 năm 2024`, `…, ngày    tháng    năm 2024`: a place of at
/// most 80 characters without a comma, then the date:
/// `^(?P<place>[^,]{0,80}?)` followed by `date_part`.
pub(crate) fn place_date(t: &str) -> Option<PlaceDateParts> {
    let mut place = Cursor::new(t);
    for _ in 0..=80 {
        if let Some(found) = date_part(t, place.pos) {
            return Some(found);
        }
        if !place.eat_if(|ch| ch != ',') {
            break;
        }
    }
    None
}

/// A signing authority's prefix and the rest, and whether the prefix is one of the
/// known ones (`TM.`, `KT.`, `T/M`, …):
/// `^(?:(?P<prefix>TM|KT|TL|TUQ|Q)\s*\.|(?P<party>T/M|K/T|T/L)\.?)\s*(?P<rest>\S.*)$`.
pub(super) fn authority(t: &str) -> Option<(Range<usize>, Range<usize>)> {
    // Every prefix starts with one of these (most lines start with none of them).
    if !t.starts_with(['T', 'K', 'Q']) {
        return None;
    }
    let rest = |mut c: Cursor| -> Option<Range<usize>> {
        c.eat_ws();
        let r = c.rest();
        (r.starts_with(|ch: char| !ch.is_whitespace()) && !r.contains('\n'))
            .then_some(c.pos..t.len())
    };
    for prefix in ["TM", "KT", "TL", "TUQ", "Q"] {
        let mut c = Cursor::new(t);
        if c.eat_str(prefix) {
            c.eat_ws();
            if c.eat('.') {
                if let Some(r) = rest(c) {
                    return Some((0..prefix.len(), r));
                }
            }
        }
    }
    for prefix in ["T/M", "K/T", "T/L"] {
        let mut c = Cursor::new(t);
        if c.eat_str(prefix) {
            let mut dot = c;
            if dot.eat('.') {
                if let Some(r) = rest(dot) {
                    return Some((0..prefix.len(), r));
                }
            }
            if let Some(r) = rest(c) {
                return Some((0..prefix.len(), r));
            }
        }
    }
    None
}

/// A prefix that is not one of the known ones (`10/ GIÁM ĐỐC`, `K.T GIÁM ĐỐC`), then
/// capitals to the end:
/// `^(?P<prefix>[^\s]{1,5}?)[./]\s*(?P<rest>[\p{Lu}][\p{Lu}\s]+)$`.
pub(super) fn odd_authority(t: &str) -> Option<(Range<usize>, Range<usize>)> {
    let mut prefix = Cursor::new(t);
    for _ in 1..=5 {
        if !prefix.eat_if(|ch| !ch.is_whitespace()) {
            return None;
        }
        let mut c = prefix;
        if c.eat_if(|ch| ch == '.' || ch == '/') {
            c.eat_ws();
            let start = c.pos;
            if c.eat_if(char::is_uppercase)
                && c.eat_while(usize::MAX, |ch| ch.is_uppercase() || ch.is_whitespace()) > 0
                && c.rest().is_empty()
            {
                return Some((0..prefix.pos, start..t.len()));
            }
        }
    }
    None
}

/// The unit in `Giao Công an tỉnh chủ trì, phối hợp …`:
/// `^(?:Giao|Đề nghị|Yêu cầu)\s+(.{2,120}?)\s+(?:chủ trì|là cơ quan (?:chủ trì|đầu mối|thường trực|tham mưu|lập))`.
pub(super) fn assigned_unit(t: &str) -> Option<Range<usize>> {
    let mut c = Cursor::new(t);
    ["Giao", "Đề nghị", "Yêu cầu"]
        .iter()
        .any(|w| c.eat_str(w))
        .then_some(())?;
    let spaces_start = c.pos;
    let spaces = c.eat_while(usize::MAX, char::is_whitespace);
    // The regex gives back spaces to the unit only when nothing else matches; past
    // the unit's 120 characters giving back more changes nothing.
    for taken in (spaces.saturating_sub(125).max(1)..=spaces).rev() {
        let mut unit = Cursor::at(t, spaces_start);
        unit.eat_while(taken, char::is_whitespace);
        let start = unit.pos;
        let mut len = 0;
        while len < 120 && unit.eat_if(|ch| ch != '\n') {
            len += 1;
            if len < 2 {
                continue;
            }
            let mut k = unit;
            if k.eat_ws()
                && (k.eat_str("chủ trì")
                    || (k.eat_str("là cơ quan ")
                        && ["chủ trì", "đầu mối", "thường trực", "tham mưu", "lập"]
                            .iter()
                            .any(|w| k.eat_str(w))))
            {
                return Some(start..unit.pos);
            }
        }
    }
    None
}

/// A deadline in brackets, without them: `(Hoàn thành trong tháng 6/2026)`:
/// `\(((?i:hoàn thành|thời gian|thời hạn|trước ngày|chậm nhất)[^()]{0,80})\)`.
pub(super) fn bracketed_deadline(t: &str) -> Option<Range<usize>> {
    let at = |mut c: Cursor| -> Option<(Range<usize>, usize)> {
        c.eat('(').then_some(())?;
        let start = c.pos;
        c.eat_any_ci(&[
            "hoàn thành",
            "thời gian",
            "thời hạn",
            "trước ngày",
            "chậm nhất",
        ])?;
        (c.eat_while(81, |ch| ch != '(' && ch != ')') <= 80).then_some(())?;
        let end = c.pos;
        c.eat(')').then_some((start..end, c.pos))
    };
    search_byte(t, b'(', at).next().map(|(_, r, _)| r)
}

/// Where the words that lead a deadline end, for each such lead in `t`:
/// `(?i)(?:trước|chậm nhất(?: là)?(?: vào)?)\s+(?:ngày\s+)?`.
pub(super) fn deadline_leads(t: &str) -> impl Iterator<Item = usize> + '_ {
    let at = |mut c: Cursor| -> Option<((), usize)> {
        let mut ways = Vec::with_capacity(4);
        if c.eat_ci("trước") {
            ways.push(c);
        } else if c.eat_ci("chậm nhất") {
            // `(?: là)?(?: vào)?`, in the order a regex tries them.
            let mut la = c;
            let has_la = la.eat_ci(" là");
            if has_la {
                let mut vao = la;
                if vao.eat_ci(" vào") {
                    ways.push(vao);
                }
                ways.push(la);
            }
            let mut vao = c;
            if vao.eat_ci(" vào") {
                ways.push(vao);
            }
            ways.push(c);
        }
        ways.into_iter().find_map(|mut k| {
            k.eat_ws().then_some(())?;
            let mut day = k;
            if day.eat_ci("ngày") && day.eat_ws() {
                k = day;
            }
            Some(((), k.pos))
        })
    };
    search(t, starts_with_letter_of(b"tc"), at).map(|(_, (), end)| end)
}

/// A signing authority's prefix and title (`TM.` `ỦY BAN NHÂN DÂN`, `KT.` `CHỦ TỊCH`,
/// the Party's `T/M` `BAN THƯỜNG VỤ`), and whether the prefix is a known one (an odd
/// one: `10/ GIÁM ĐỐC`, `K.T GIÁM ĐỐC`).
pub fn authority_parts(t: &str) -> Option<(&str, &str, bool)> {
    if let Some((prefix, rest)) = authority(t) {
        if is_upper_text(&t[rest.clone()]) {
            return Some((&t[prefix], &t[rest], true));
        }
    }
    let (prefix, rest) = odd_authority(t)?;
    Some((&t[prefix], &t[rest], false))
}

/// [`authority_parts`]'s known prefix and capitals after it, without trying the
/// odd prefixes (the joins ask this of most lines).
pub fn is_known_authority(t: &str) -> bool {
    known_authority_prefix(t).is_some()
}

/// The known prefix (`TM`, `KT`, `T/M` …) of a line [`is_known_authority`] accepts.
pub fn known_authority_prefix(t: &str) -> Option<&str> {
    let (prefix, rest) = authority(t)?;
    is_upper_text(&t[rest]).then(|| &t[prefix])
}

/// Titles that close a signing authority line (`TM. ỦY BAN NHÂN DÂN` / `CHỦ TỊCH`).
pub const SIGNING_TITLES: [&str; 14] = [
    "PHÓ CHỦ TỊCH",
    "CHỦ TỊCH",
    "PHÓ GIÁM ĐỐC",
    "GIÁM ĐỐC",
    "PHÓ THỦ TƯỚNG",
    "THỦ TƯỚNG",
    "THỨ TRƯỞNG",
    "BỘ TRƯỞNG",
    "PHÓ TRƯỞNG BAN",
    "TRƯỞNG BAN",
    "PHÓ BÍ THƯ",
    "BÍ THƯ",
    "PHÓ HIỆU TRƯỞNG",
    "HIỆU TRƯỞNG",
];

/// `(Đã ký)`, `(Ký tên, đóng dấu)`, and a web copy's `[đã ký]`: the signature's mark,
/// not a name and not a blank to fill in.
pub fn is_signature_mark(t: &str) -> bool {
    let bracketed =
        (t.starts_with('(') && t.ends_with(')')) || (t.starts_with('[') && t.ends_with(']'));
    bracketed && {
        let f = t.lower();
        f.contains("ký") || f.contains("dấu")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::differential::{check, same, same_all, Groups};

    /// A whole-text shape's match, as the regex's only match would be.
    fn whole(found: Option<(Groups, usize)>) -> Vec<(usize, Groups, usize)> {
        found.map(|(g, e)| (0, g, e)).into_iter().collect()
    }

    #[test]
    fn number_shapes_match_their_regexes() {
        const WORDS: &[&str] = &[
            "Số", "Số:", "Số ", "SỐ:", "KH", "UBND", "QĐ", "-", " - ", "- ", "/", "ĐĐQH15",
            "ABCDEFG",
        ];
        let examples = &[
            "Số: 11/KH-UBND",
            "Số:      /KH-UBND",
            "Số 3260-KH/ĐĐQH15",
            "Số: 12/KH - UBND  ",
            "Số. 5/KH-UB/2023",
            "Số: 435/QĐ-UBND Kon Tum, ngày",
            "SỐ: 2640/QĐ-BKHĐT",
        ];
        check(
            r"^(?:Số|SỐ)\s*[:.]?\s*(?P<num>[0-9]*)(?:-(?P<party>\p{L}{1,6}))?\s*(?:/\s*(?P<sym>[^\s/]+(?:\s?-\s?[^\s-]+)*))?\s*$",
            WORDS,
            examples,
            |re, t| {
                let ours = number_line(t).map(|p| (vec![Some(p.num), p.party, p.sym], t.len()));
                same_all(re, t, whole(ours))
            },
        );
        check(
            r"^(?:Số|SỐ)\s*[:.]?\s*[0-9]*(?:-\p{L}{1,6})?\s*/\s*[^\s/]+(?:\s?-\s?[^\s-]+)*",
            WORDS,
            examples,
            |re, t| same_all(re, t, whole(number_head(t).map(|e| (vec![], e)))),
        );
    }

    #[test]
    fn place_date_shape_matches_its_regex() {
        check(
            r"^(?P<place>[^,]{0,80}?)\s*,?\s*(?i:ngày)\s*(?P<d>[0-9](?: ?[0-9])?)?[\s.…_]*(?i:tháng)\s*(?P<m>[0-9](?: ?[0-9])?)?[\s.…_]*(?i:năm)[\s.…_]*(?P<y>[0-9]{0,4})",
            &[
                "Hà Nội",
                "ngày",
                "Ngày ",
                "NGÀY",
                "tháng",
                " tháng ",
                "năm",
                " năm ",
                "…",
                "_",
                "...",
            ],
            &[
                "Hà Nội, ngày 15 tháng 3 năm 2024",
                "Kon Tum, ngày    tháng    năm 2024",
                "ngày 0 6 tháng 0 6 năm 202",
                "Hà Nội ngày",
            ],
            |re, t| {
                let ours = place_date(t)
                    .map(|p| (vec![Some(p.place), p.day, p.month, Some(p.year)], p.end));
                same_all(re, t, whole(ours))
            },
        );
    }

    #[test]
    fn signature_shapes_match_their_regexes() {
        const WORDS: &[&str] = &[
            "TM",
            "KT",
            "TL",
            "TUQ",
            "Q",
            "T/M",
            "K/T",
            "T/L",
            "K.T",
            "10/",
            "GIÁM ĐỐC",
            "ỦY BAN",
            "CHỦ TỊCH",
            "a",
            ".",
        ];
        check(
            r"^(?:(?P<prefix>TM|KT|TL|TUQ|Q)\s*\.|(?P<party>T/M|K/T|T/L)\.?)\s*(?P<rest>\S.*)$",
            WORDS,
            &[
                "TM. ỦY BAN NHÂN DÂN",
                "KT. CHỦ TỊCH",
                "T/M BAN THƯỜNG VỤ",
                "T/M.",
                "TUQ . GIÁM ĐỐC",
                "Q. GIÁM ĐỐC",
                "TL. CHỦ TỊCH",
                "K/T GIÁM ĐỐC",
            ],
            |re, t| {
                let ours = authority(t).map(|(prefix, rest)| {
                    let party = t[prefix.clone()].contains('/');
                    let groups = if party {
                        vec![None, Some(prefix), Some(rest)]
                    } else {
                        vec![Some(prefix), None, Some(rest)]
                    };
                    (groups, t.len())
                });
                same_all(re, t, whole(ours))
            },
        );
        check(
            r"^(?P<prefix>[^\s]{1,5}?)[./]\s*(?P<rest>[\p{Lu}][\p{Lu}\s]+)$",
            WORDS,
            &["10/ GIÁM ĐỐC", "K.T GIÁM ĐỐC", "ABCDEF. GIÁM"],
            |re, t| {
                let ours = odd_authority(t).map(|(p, r)| (vec![Some(p), Some(r)], t.len()));
                same_all(re, t, whole(ours))
            },
        );
    }

    #[test]
    fn task_shapes_match_their_regexes() {
        check(
            r"^(?:Giao|Đề nghị|Yêu cầu)\s+(.{2,120}?)\s+(?:chủ trì|là cơ quan (?:chủ trì|đầu mối|thường trực|tham mưu|lập))",
            &[
                "Giao",
                "Đề nghị",
                "Yêu cầu",
                "Công an tỉnh",
                "chủ trì",
                " chủ trì",
                "là cơ quan ",
                "đầu mối",
                "thường trực",
                "tham mưu",
                "lập",
                "Sở",
            ],
            &[
                "Giao Công an tỉnh chủ trì, phối hợp",
                "Đề nghị Sở Y tế là cơ quan đầu mối",
                "Giao Vụ Kế hoạch - Tài chính là cơ quan tham mưu về tài chính",
                "Giao    chủ trì",
                "Giao  X chủ trì",
            ],
            |re, t| {
                let ours = assigned_unit(t).map(|u| {
                    let mut k = Cursor::at(t, u.end);
                    k.eat_ws();
                    let phrase = [
                        "chủ trì",
                        "là cơ quan chủ trì",
                        "là cơ quan đầu mối",
                        "là cơ quan thường trực",
                        "là cơ quan tham mưu",
                        "là cơ quan lập",
                    ]
                    .iter()
                    .find(|p| k.rest().starts_with(*p))
                    .map_or(0, |p| p.len());
                    (vec![Some(u)], k.pos + phrase)
                });
                same_all(re, t, whole(ours))
            },
        );
        check(
            r"\(((?i:hoàn thành|thời gian|thời hạn|trước ngày|chậm nhất)[^()]{0,80})\)",
            &[
                "(",
                ")",
                "Hoàn thành",
                "hoàn thành",
                "thời gian",
                "Thời hạn",
                "trước ngày",
                "CHẬM NHẤT",
                " tháng 6/2026",
            ],
            &[
                "(Hoàn thành trong tháng 6/2026)",
                "(thời gian: Quý III/2025)",
            ],
            |re, t| {
                let ours =
                    bracketed_deadline(t).map(|g| (g.start - 1, vec![Some(g.clone())], g.end + 1));
                let theirs: Vec<_> = crate::pattern::differential::regex_all(re, t)
                    .into_iter()
                    .take(1)
                    .collect();
                let ours: Vec<_> = ours.into_iter().collect();
                same(&ours, &theirs)
            },
        );
        check(
            r"(?i)(?:trước|chậm nhất(?: là)?(?: vào)?)\s+(?:ngày\s+)?",
            &[
                "trước",
                "Trước ",
                "chậm nhất",
                "CHẬM NHẤT",
                " là",
                " vào",
                " ",
                "ngày",
                "ngày ",
                "Ngày",
            ],
            &[
                "trước ngày 15/5/2016 và 01/11/2017",
                "chậm nhất là vào ngày 1",
                "chậm nhất là",
            ],
            |re, t| {
                let theirs: Vec<usize> = re.find_iter(t).map(|m| m.end()).collect();
                let ours: Vec<usize> = deadline_leads(t).collect();
                same(&ours, &theirs)
            },
        );
    }

    /// The kind words' first letters, as `kind_word` asks them first.
    #[test]
    fn kind_word_initials_are_the_kind_words_first_letters() {
        let mut initials: Vec<char> = KIND_WORDS
            .iter()
            .map(|(w, _)| w)
            .chain(OTHER_KIND_WORDS.iter())
            .filter_map(|w| w.chars().next())
            .collect();
        crate::order::sort(&mut initials);
        initials.dedup();
        assert_eq!(initials, KIND_WORD_INITIALS);
    }
}
