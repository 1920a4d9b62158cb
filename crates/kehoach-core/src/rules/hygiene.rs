//! Text hygiene: Unicode form, legacy encodings, look-alike letters, invisible
//! characters, Markdown and extraction noise, spacing, brackets, broken lines.
//! These apply to any document, plan or not.

use super::{Ctx, Rule};
use crate::blocks::JoinKind;
use crate::diagnostics::{Diagnostic, Fix, Message, Severity, TextEdit};
use crate::legacy::{self, Encoding};
use crate::markers::marker_of;
use crate::source::{is_invisible, LineMarks, LineView, Span};

pub const NFD: Rule = Rule {
    code: "KH801",
    name: "unicode-nfd",
    severity: Severity::Warning,
    what_vi: "Chữ tiếng Việt ở dạng Unicode tổ hợp (NFD)",
    what_en: "Vietnamese letters in decomposed Unicode (NFD)",
    why_vi: "Dấu tách rời khỏi chữ (NFD) làm sai tìm kiếm, sắp xếp và hiển thị; dùng dạng dựng sẵn (NFC).",
    why_en: "Decomposed accents break search, sorting and display; use precomposed (NFC) letters.",
    source: "NĐ 30/2020, Phụ lục I (phông chữ Unicode TCVN 6909:2001)",
    bad: "Ke\u{302}\u{301} hoa\u{323}ch co\u{302}ng ta\u{301}c",
    good: "Kế hoạch công tác",
    safe_fix: true,
};

pub const TCVN3: Rule = Rule {
    code: "KH802",
    name: "legacy-tcvn3",
    severity: Severity::Error,
    what_vi: "Văn bản mã TCVN3 (ABC) dán vào như Unicode",
    what_en: "Legacy TCVN3 (ABC) text pasted as Unicode",
    why_vi: "Chữ như \"§¶ng bé c¬ quan\" là văn bản mã cũ TCVN3; người đọc không đọc được. Chuyển về Unicode.",
    why_en: "Text like \"§¶ng bé c¬ quan\" is legacy TCVN3; readers cannot read it. Convert it to Unicode.",
    source: "NĐ 30/2020, Phụ lục I (phông chữ Unicode TCVN 6909:2001)",
    bad: "§¶ng bé c¬ quan tØnh",
    good: "Đảng bộ cơ quan tỉnh",
    safe_fix: true,
};

pub const VNI: Rule = Rule {
    code: "KH803",
    name: "legacy-vni",
    severity: Severity::Error,
    what_vi: "Văn bản mã VNI dán vào như Unicode",
    what_en: "Legacy VNI text pasted as Unicode",
    why_vi: "Chữ như \"Vieät Nam\" là văn bản gõ bằng phông VNI (VNI-Times); người đọc không đọc được. Chuyển về Unicode.",
    why_en: "Text like \"Vieät Nam\" was typed with a VNI font (VNI-Times); readers cannot read it. Convert it to Unicode.",
    source: "NĐ 30/2020, Phụ lục I (phông chữ Unicode TCVN 6909:2001)",
    bad: "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
    good: "Cộng hòa xã hội chủ nghĩa Việt Nam",
    safe_fix: true,
};

pub const CONFUSABLE: Rule = Rule {
    code: "KH804",
    name: "look-alike-letter",
    severity: Severity::Error,
    what_vi: "Chữ cái của bảng chữ khác lẫn vào (Kirin, Hy Lạp)",
    what_en: "A look-alike letter from another script (Cyrillic, Greek)",
    why_vi: "Chữ \"а\" Kirin trông như \"a\" Latinh nhưng làm hỏng tìm kiếm và kiểm tra chính tả.",
    why_en: "A Cyrillic \"а\" looks like a Latin \"a\" but breaks search and spell checking.",
    source: "practice",
    bad: "Ủy ban nhân dân tỉnh củ\u{430} Cà Mau",
    good: "Ủy ban nhân dân tỉnh của Cà Mau",
    safe_fix: true,
};

pub const INVISIBLE: Rule = Rule {
    code: "KH805",
    name: "invisible-character",
    severity: Severity::Warning,
    what_vi: "Ký tự ẩn hoặc khoảng trắng không ngắt",
    what_en: "Invisible characters or no-break spaces",
    why_vi: "Ký tự độ rộng 0, gạch nối mềm, khoảng trắng không ngắt do Word, PDF để lại làm lệch dòng và tìm kiếm.",
    why_en: "Zero-width characters, soft hyphens and no-break spaces left by Word or PDFs break lines and search.",
    source: "practice",
    bad: "Đài Phát thanh -\u{a0}Truyền hình\u{200b} tỉnh",
    good: "Đài Phát thanh - Truyền hình tỉnh",
    safe_fix: true,
};

pub const MARKDOWN: Rule = Rule {
    code: "KH806",
    name: "markdown-marks",
    severity: Severity::Warning,
    what_vi: "Dấu Markdown (**, *, #, |) lẫn trong văn bản",
    what_en: "Markdown marks (**, *, #, |) in the text",
    why_vi: "Văn bản sao chép từ web hoặc công cụ chat mang theo dấu định dạng Markdown; văn bản hành chính không có.",
    why_en: "Text copied from the web or a chat tool carries Markdown marks; an administrative document has none.",
    source: "practice",
    bad: "**KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**",
    good: "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
    safe_fix: true,
};

pub const PAGE_NOISE: Rule = Rule {
    code: "KH807",
    name: "page-noise",
    severity: Severity::Warning,
    what_vi: "Số trang hoặc ký tự ngắt trang lẫn trong văn bản",
    what_en: "Page numbers or page breaks in the text",
    why_vi: "Bản trích từ PDF mang theo số trang đứng riêng một dòng và ký tự ngắt trang.",
    why_en: "Text extracted from a PDF keeps page numbers on their own lines and form feeds.",
    source: "practice",
    // Its safe fix is the page break's; page numbers go on a click, as words.
    bad: "Tăng cường công tác thông tin.\u{000C}Tiếp tục triển khai.\n\nBáo cáo kết quả.",
    good: "Tăng cường công tác thông tin.\nTiếp tục triển khai.\n\nBáo cáo kết quả.",
    safe_fix: true,
};

pub const BROKEN_LINE: Rule = Rule {
    code: "KH808",
    name: "broken-line",
    severity: Severity::Warning,
    what_vi: "Câu bị ngắt dòng giữa chừng",
    what_en: "A sentence broken across lines",
    why_vi: "Sao chép từ PDF làm câu bị xuống dòng giữa chừng (\"… khu vực cửa khẩu\" / \"quốc tế.\"); cần nối lại.",
    why_en: "PDF extraction breaks sentences mid-way (\"… khu vực cửa khẩu\" / \"quốc tế.\"); join them.",
    source: "practice",
    bad: "1. Phối hợp khảo sát, xây dựng hệ thống thông tin tại khu vực cửa khẩu\n\nquốc tế.\n",
    good: "1. Phối hợp khảo sát, xây dựng hệ thống thông tin tại khu vực cửa khẩu quốc tế.\n",
    safe_fix: true,
};

pub const DOUBLE_SPACE: Rule = Rule {
    code: "KH809",
    name: "double-space",
    severity: Severity::Warning,
    what_vi: "Hai khoảng trắng liền nhau",
    what_en: "Two spaces in a row",
    why_vi: "Giữa hai từ chỉ có một khoảng trắng.",
    why_en: "Words are separated by one space.",
    source: "practice",
    bad: "Tăng cường  công tác thông tin.",
    good: "Tăng cường công tác thông tin.",
    safe_fix: true,
};

pub const SPACE_BEFORE_PUNCT: Rule = Rule {
    code: "KH810",
    name: "space-before-punctuation",
    severity: Severity::Warning,
    what_vi: "Khoảng trắng trước dấu câu",
    what_en: "A space before punctuation",
    why_vi: "Dấu phẩy, chấm, chấm phẩy, hai chấm viết liền sau chữ.",
    why_en: "Commas, full stops, semicolons and colons follow the word directly.",
    source: "practice",
    bad: "Sở Ngoại vụ , Sở Tài chính ; Công an tỉnh .",
    good: "Sở Ngoại vụ, Sở Tài chính; Công an tỉnh.",
    safe_fix: true,
};

pub const SPACE_AFTER_PUNCT: Rule = Rule {
    code: "KH811",
    name: "space-after-punctuation",
    severity: Severity::Warning,
    what_vi: "Thiếu khoảng trắng sau dấu câu",
    what_en: "No space after punctuation",
    why_vi: "Sau dấu phẩy, chấm phẩy, hai chấm là một khoảng trắng.",
    why_en: "A comma, semicolon or colon is followed by a space.",
    source: "practice",
    bad: "Sở Ngoại vụ,Sở Tài chính;Công an tỉnh",
    good: "Sở Ngoại vụ, Sở Tài chính; Công an tỉnh",
    safe_fix: true,
};

pub const UNBALANCED: Rule = Rule {
    code: "KH812",
    name: "unbalanced-brackets",
    severity: Severity::Warning,
    what_vi: "Ngoặc đơn hoặc ngoặc kép không cân",
    what_en: "Unbalanced parentheses or quotes",
    why_vi: "Mỗi dấu mở ngoặc cần dấu đóng tương ứng trong cùng đoạn.",
    why_en: "Every opening bracket or quote needs its closing one in the same paragraph.",
    source: "practice",
    bad: "Báo cáo kết quả (qua Sở Thông tin và Truyền thông để tổng hợp.",
    good: "Báo cáo kết quả (qua Sở Thông tin và Truyền thông để tổng hợp).",
    safe_fix: false,
};

pub const FOREIGN_LETTER: Rule = Rule {
    code: "KH813",
    name: "foreign-letter",
    severity: Severity::Warning,
    what_vi: "Chữ cái không có trong chữ Việt lẫn vào một từ",
    what_en: "A letter no Vietnamese word has, inside a word",
    why_vi: "Phông chữ của bản PDF có thể trích ra chữ lạ thay cho chữ Việt (\"kǶ\" thay cho \"kỳ\", \"ǜ\" thay cho \"ũ\"): tìm kiếm và in ấn sai; gõ lại đúng chữ.",
    why_en: "A PDF's font may extract a foreign letter for a Vietnamese one (\"kǶ\" for \"kỳ\", \"ǜ\" for \"ũ\"): search and print go wrong; retype the letter.",
    source: "practice",
    bad: "Tuyên truyền thường xuyên, định kǶ về nội dung Kế hoạch.",
    good: "Tuyên truyền thường xuyên, định kỳ về nội dung Kế hoạch.",
    safe_fix: false,
};

pub const RULES: &[Rule] = &[
    NFD,
    TCVN3,
    VNI,
    CONFUSABLE,
    INVISIBLE,
    MARKDOWN,
    PAGE_NOISE,
    BROKEN_LINE,
    DOUBLE_SPACE,
    SPACE_BEFORE_PUNCT,
    SPACE_AFTER_PUNCT,
    UNBALANCED,
    FOREIGN_LETTER,
];

/// At most this many related ranges are listed on a grouped finding.
const MAX_RELATED: usize = 20;

fn grouped(
    rule: &Rule,
    edits: Vec<TextEdit>,
    vi: String,
    en: String,
    fix_vi: &str,
    fix_en: &str,
    safe: bool,
) -> Option<Diagnostic> {
    let first = edits.first()?.span;
    let related = edits
        .iter()
        .skip(1)
        .take(MAX_RELATED)
        .map(|e| e.span)
        .collect();
    Some(Diagnostic {
        code: rule.code,
        severity: rule.severity,
        message: Message::new(vi, en),
        span: first,
        related,
        fixes: vec![Fix {
            title: Message::new(fix_vi, fix_en),
            safe,
            edits,
        }],
    })
}

pub(super) fn check(cx: &mut Ctx) {
    let text = cx.text();
    let scripts = ScriptScan::scan(text.as_bytes());
    if scripts.combining {
        check_nfd(cx, text);
    }
    let tcvn3_lines = check_legacy(cx);
    if scripts.greek_cyrillic {
        check_confusables(cx, text);
    }
    check_foreign_letters(cx, text);
    let (content_start, content_end) = if cx.plan.kind.is_plan() {
        cx.content_span()
    } else {
        (0, text.len())
    };
    let lines = &cx.src.lines;
    let blocks = &cx.src.blocks;
    let mut markdown_edits = Vec::new();
    let mut form_feeds = Vec::new();
    let mut page_numbers = Vec::new();
    let mut spacing = Spacing::default();
    // The lines come in order: tables and chrome are walked beside them.
    let (mut tables, mut chrome) = (blocks.table_cursor(), blocks.chrome_cursor());
    let rare_leads = LineFlags::rare_leads(text.as_bytes());
    // Another document after the signature is not checked.
    let appended = match (cx.plan.appended.first(), cx.plan.appended.last()) {
        (Some(a), Some(b)) => a.range.start..b.range.end,
        _ => 0..0,
    };
    for l in lines.iter() {
        if appended.contains(&l.span.start) {
            continue;
        }
        let raw = l.span.text(text);
        // The first pass's marks say which checks could find anything on this line:
        // most lines of a real plan need none of them.
        let flags = LineFlags::of(raw.as_bytes(), l.marks, rare_leads);
        // Page chrome is reported (and removed) as a whole.
        if !blocks.chrome.is_empty() && chrome.contains(l.span.start) {
            continue;
        }
        let in_table =
            (flags.markdown || flags.tab || l.content.len() <= 12) && tables.contains(l.span.start);
        // In TCVN3 text U+00AD is the letter `ư`, not a soft hyphen; what else is
        // invisible on such a line is reported once it is converted.
        if flags.invisible && tcvn3_lines.binary_search(&l.idx).is_err() {
            check_invisible(cx, l, raw);
        }
        if flags.markdown {
            markdown_edits_of(cx, l, raw, in_table, &mut markdown_edits);
        }
        if flags.form_feed {
            form_feeds.extend(form_feeds_of(l, raw));
        }
        // A number alone on a line inside a table is a cell (a row number, an
        // amount), never a page number; page chrome is reported as a whole below.
        if l.content.len() <= 12
            && !in_table
            && is_page_number_line(cx, l, raw)
            && blocks
                .chrome
                .binary_search_by_key(&l.span.start, |s| s.start)
                .is_err()
        {
            page_numbers.push(l);
        }
        if l.cells.len() <= 1
            && !l.is_blank()
            && flags.spacing
            && !blocks.in_column_table(l.span.start)
        {
            spacing_edits_of(text, l, &mut spacing);
        }
    }
    // Brackets and quotes balance within a sentence, which may wrap over lines: read
    // on the logical lines (outside tables). A recipient wrapped beside the signature
    // was read whole by the parser: its end's `)` closes what its start opened.
    let balanced_recipients: Vec<Span> = cx
        .plan
        .recipients
        .iter()
        .flat_map(|r| &r.items)
        .filter(|f| f.range.line != f.range.end_line && is_balanced(&f.text))
        .map(|f| f.range.span())
        .collect();
    let mut tables = blocks.table_cursor();
    let mut pending: Option<OpenParen> = None;
    for l in cx.src.logical.iter() {
        if l.cells.len() <= 1
            && !l.is_blank()
            && !tables.contains(l.span.start)
            && !appended.contains(&l.span.start)
            && !balanced_recipients
                .iter()
                .any(|r| r.start <= l.span.start && l.span.end <= r.end)
            && l.marks.any(LineMarks::BRACKET | LineMarks::LEAD_E2)
            && may_have_brackets(l.content.text(cx.src.read()).as_bytes())
        {
            pending = check_balance(cx, l, pending);
        }
    }
    if let Some(open) = pending {
        report_unbalanced(cx, open.first, true);
    }
    report_markdown(cx, markdown_edits);
    report_spacing(cx, spacing);
    report_form_feeds(cx, form_feeds);
    report_chrome(cx);
    report_page_numbers(cx, &page_numbers);
    report_wrapped(cx, content_start, content_end);
}

/// Whether the text has any combining mark or any Greek/Cyrillic letter at all, from
/// the UTF-8 lead bytes: the whole-text character passes run only when it may.
#[derive(Debug, Default, PartialEq, Eq)]
struct ScriptScan {
    combining: bool,
    greek_cyrillic: bool,
}

impl ScriptScan {
    /// Only the lead bytes that matter are visited, found many bytes at a time.
    fn scan(b: &[u8]) -> Self {
        let mut s = ScriptScan::default();
        let rare = memchr::memchr3_iter(0xCC, 0xCD, 0xCE, b)
            .chain(memchr::memchr3_iter(0xCF, 0xD0, 0xD1, b))
            .chain(memchr::memchr2_iter(0xD2, 0xD3, b));
        for i in rare {
            s.note(b[i], b.get(i + 1).copied().unwrap_or(0));
            if s.combining && s.greek_cyrillic {
                return s;
            }
        }
        // Combining marks led by E1 AA, E1 AB, E1 B7, E2 83 or EF B8: each pair
        // searched for as a whole (E1 alone leads most accented Vietnamese letters).
        s.combining = s.combining
            || [
                b"\xE1\xAA",
                b"\xE1\xAB",
                b"\xE1\xB7",
                b"\xE2\x83",
                b"\xEF\xB8",
            ]
            .iter()
            .any(|pair| memchr::memmem::find(b, *pair).is_some());
        s
    }

    /// What the character led by `c` (followed by `next`) says.
    fn note(&mut self, c: u8, next: u8) {
        match c {
            // U+0300–U+036F (CC 80 – CD AF); U+0370–U+03FF starts at CD B0.
            0xCC => self.combining = true,
            0xCD if next < 0xB0 => self.combining = true,
            0xCD..=0xD1 => self.greek_cyrillic = true,
            // U+0480–U+04FF: Cyrillic, with combining U+0483–U+0489.
            0xD2 | 0xD3 => {
                self.greek_cyrillic = true;
                self.combining = true;
            }
            0xE1 if matches!(next, 0xAA | 0xAB | 0xB7) => self.combining = true,
            0xE2 if next == 0x83 => self.combining = true,
            0xEF if next == 0xB8 => self.combining = true,
            _ => {}
        }
    }

    /// Every byte in turn: the first way, kept to check the one above.
    #[cfg(test)]
    fn scan_bytewise(b: &[u8]) -> Self {
        let mut s = ScriptScan::default();
        for (i, &c) in b.iter().enumerate() {
            if c >= 0xCC {
                s.note(c, b.get(i + 1).copied().unwrap_or(0));
            }
        }
        s
    }
}

/// What a line may contain: which of the line checks could find anything on it.
#[derive(Debug, Default, PartialEq, Eq)]
struct LineFlags {
    tab: bool,
    invisible: bool,
    markdown: bool,
    form_feed: bool,
    spacing: bool,
}

impl LineFlags {
    /// From the marks the first pass found on the line ([`LineMarks`]): most lines
    /// of a plan are letters, spaces and punctuation, and are not read again. The
    /// few lines with a lead byte of a possibly invisible character are searched
    /// for one; `rare_leads` says whether the text has any E0, EF or E1 84 at all.
    fn of(b: &[u8], marks: LineMarks, rare_leads: bool) -> Self {
        // U+200B–U+200D and U+2060 (E2, with en dashes, curly quotes and ellipses,
        // which are not).
        let invisible_e2 = || {
            marks.any(LineMarks::LEAD_E2)
                && memchr::memchr_iter(0xE2, b).any(|i| {
                    matches!(
                        (b.get(i + 1), b.get(i + 2)),
                        (Some(0x80), Some(0x8B..=0x8D)) | (Some(0x81), Some(0xA0))
                    )
                })
        };
        // U+0800, U+FEFF and U+1100's lead bytes: looked for on the line only when
        // the text has one.
        let invisible_rare = || rare_leads && LineFlags::rare_leads(b);
        LineFlags {
            tab: marks.any(LineMarks::TAB),
            // U+00A0 no-break space, U+00AD soft hyphen (and other Latin-1 symbols).
            invisible: marks.any(LineMarks::LEAD_C2) || invisible_e2() || invisible_rare(),
            markdown: marks
                .any(LineMarks::EMPHASIS | LineMarks::PIPE | LineMarks::BACKTICK | LineMarks::HASH),
            form_feed: marks.any(LineMarks::FORM_FEED),
            spacing: marks.any(LineMarks::SPACES2 | LineMarks::PUNCT_SPACING),
        }
    }

    /// Whether `text` has E0, EF or E1 84 anywhere (for the whole text, `LineFlags::of`'s
    /// `rare_leads`; then for a line).
    fn rare_leads(text: &[u8]) -> bool {
        memchr::memchr2(0xE0, 0xEF, text).is_some()
            || memchr::memmem::find(text, b"\xE1\x84").is_some()
    }

    /// Every byte in turn: the first way, kept to check the one above.
    #[cfg(test)]
    fn scan_bytewise(b: &[u8]) -> Self {
        let mut f = LineFlags::default();
        let mut prev = 0u8;
        for (i, &c) in b.iter().enumerate() {
            match c {
                b'*' | b'_' | b'#' | b'|' | b'`' => f.markdown = true,
                b'\t' => f.tab = true,
                0x0C => f.form_feed = true,
                b' ' if prev == b' ' => f.spacing = true,
                b',' | b';' | b':' | b'.'
                    if prev == b' '
                        || b.get(i + 1)
                            .is_some_and(|n| n.is_ascii_alphabetic() || *n >= 0x80) =>
                {
                    f.spacing = true
                }
                0xC2 => f.invisible = true,
                0xE2 => {
                    if let (Some(0x80), Some(0x8B..=0x8D)) | (Some(0x81), Some(0xA0)) =
                        (b.get(i + 1), b.get(i + 2))
                    {
                        f.invisible = true
                    }
                }
                0xEF | 0xE0 => f.invisible = true,
                0xE1 if b.get(i + 1) == Some(&0x84) => f.invisible = true,
                _ => {}
            }
            prev = c;
        }
        f
    }
}

/// Whether a line has a bracket or a quote (the logical lines need nothing else).
fn may_have_brackets(b: &[u8]) -> bool {
    b.iter().enumerate().any(|(i, &c)| {
        matches!(c, b'(' | b')' | b'"')
            || (c == 0xE2
                && b.get(i + 1) == Some(&0x80)
                && matches!(b.get(i + 2), Some(0x9C | 0x9D)))
    })
}

fn check_nfd(cx: &mut Ctx, text: &str) {
    let edits = nfd_edits(text);
    let n = edits.len();
    if let Some(d) = grouped(
        &NFD,
        edits,
        format!("Có {n} chữ ở dạng Unicode tổ hợp (NFD): chuyển về dạng dựng sẵn (NFC)."),
        format!("{n} letters are in decomposed Unicode (NFD): convert them to NFC."),
        "Chuyển về Unicode dựng sẵn (NFC)",
        "Convert to precomposed Unicode (NFC)",
        true,
    ) {
        cx.out.push(d);
    }
}

/// Each base letter and the marks after it (U+0300–U+036F), where NFC composes them.
/// Only the marks' lead bytes (`CC`, `CD`) are visited: a text with one decomposed
/// letter is not decoded character by character.
fn nfd_edits(text: &str) -> Vec<TextEdit> {
    let mut edits = Vec::new();
    let mut run_end = 0;
    for i in memchr::memchr2_iter(0xCC, 0xCD, text.as_bytes()) {
        // A lead byte is always a character boundary.
        let Some(rest) = text.get(i..).filter(|_| i >= run_end) else {
            continue;
        };
        if !rest
            .chars()
            .next()
            .is_some_and(crate::text::is_combining_mark)
        {
            continue;
        }
        // Runs are maximal, so the character before a run's first mark is its base.
        let start = text[..i].char_indices().next_back().map_or(i, |(j, _)| j);
        let marks: usize = rest
            .chars()
            .take_while(|&c| crate::text::is_combining_mark(c))
            .map(char::len_utf8)
            .sum();
        run_end = i + marks;
        let slice = &text[start..run_end];
        let composed = crate::text::nfc(slice);
        if composed != slice {
            edits.push(TextEdit {
                span: Span::new(start, run_end),
                new_text: composed.into_owned(),
            });
        }
    }
    edits
}

/// Every character in turn: the first way, kept to check the one above.
#[cfg(test)]
fn nfd_edits_charwise(text: &str) -> Vec<TextEdit> {
    let mut edits = Vec::new();
    let mut it = text.char_indices().peekable();
    let mut base: Option<usize> = None;
    while let Some((i, c)) = it.next() {
        if crate::text::is_combining_mark(c) {
            let start = base.unwrap_or(i);
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if !crate::text::is_combining_mark(d) {
                    break;
                }
                end = j + d.len_utf8();
                it.next();
            }
            let slice = &text[start..end];
            let composed = crate::text::nfc(slice);
            if composed != slice {
                edits.push(TextEdit {
                    span: Span::new(start, end),
                    new_text: composed.into_owned(),
                });
            }
            base = None;
        } else {
            base = Some(i);
        }
    }
    edits
}

/// Lines in TCVN3 or VNI (see `legacy`): one finding per encoding, one edit per line.
/// Returns the indexes of the TCVN3 lines, in order.
fn check_legacy(cx: &mut Ctx) -> Vec<usize> {
    let text = cx.text();
    // The whole line, not its noise-trimmed content: TCVN3 writes `ư` as U+00AD (a
    // soft hyphen), which trimming would cut from `§Çu t\u{ad}` (Đầu tư).
    let lines = &cx.src.lines;
    let mut tcvn3 = (Vec::new(), true);
    let mut vni = (Vec::new(), true);
    let mut tcvn3_lines = Vec::new();
    for (k, found) in legacy::classify(lines.iter().map(|l| l.span.text(text))) {
        let (idx, span) = (lines[k].idx, lines[k].span);
        let (edits, safe) = match found.encoding {
            Encoding::Tcvn3 => {
                tcvn3_lines.push(idx);
                &mut tcvn3
            }
            Encoding::Vni => &mut vni,
        };
        *safe &= found.confident;
        edits.push(TextEdit {
            span,
            new_text: found.unicode,
        });
    }
    let (n, m) = (tcvn3.0.len(), vni.0.len());
    let findings = [
        grouped(
            &TCVN3,
            tcvn3.0,
            format!("{n} dòng là văn bản mã TCVN3 (ABC): chuyển sang Unicode."),
            format!("{n} lines are legacy TCVN3 (ABC) text: convert them to Unicode."),
            "Chuyển mã TCVN3 sang Unicode",
            "Convert TCVN3 to Unicode",
            tcvn3.1,
        ),
        grouped(
            &VNI,
            vni.0,
            format!("{m} dòng là văn bản mã VNI: chuyển sang Unicode."),
            format!("{m} lines are legacy VNI text: convert them to Unicode."),
            "Chuyển mã VNI sang Unicode",
            "Convert VNI to Unicode",
            vni.1,
        ),
    ];
    cx.out.extend(findings.into_iter().flatten());
    tcvn3_lines
}

/// Cyrillic and Greek letters that look like Latin ones.
fn latin_lookalike(c: char) -> Option<char> {
    Some(match c {
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'ο' => 'o',
        'α' => 'a',
        'ν' => 'v',
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Χ' => 'X',
        _ => return None,
    })
}

fn check_confusables(cx: &mut Ctx, text: &str) {
    let mut prev: Option<char> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        // Look-alikes come from Greek and Cyrillic (U+0370–U+04FF) only.
        if !('\u{0370}'..='\u{04FF}').contains(&c) {
            prev = Some(c);
            continue;
        }
        let next = iter.peek().map(|&(_, n)| n);
        if let Some(latin) = latin_lookalike(c) {
            let is_latin = |x: Option<char>| {
                x.is_some_and(|x| {
                    x.is_alphabetic()
                        && latin_lookalike(x).is_none()
                        && ((x as u32) < 0x0370 || ('\u{1E00}'..='\u{1EFF}').contains(&x))
                })
            };
            if is_latin(prev) || is_latin(next) {
                let span = Span::new(i, i + c.len_utf8());
                cx.report(
                    &CONFUSABLE,
                    span,
                    format!(
                        "Chữ \"{c}\" (U+{:04X}) thuộc bảng chữ khác, trông giống \"{latin}\".",
                        c as u32
                    ),
                    format!(
                        "\"{c}\" (U+{:04X}) is from another script and looks like \"{latin}\".",
                        c as u32
                    ),
                )
                .fix(
                    true,
                    format!("Thay bằng \"{latin}\""),
                    format!("Replace with \"{latin}\""),
                    span,
                    latin.to_string(),
                );
            }
        }
        prev = Some(c);
    }
}

/// Letters of U+01C0–U+024F (`Ƕ`, `ǜ`, led by the bytes C7 to C9, which no
/// Vietnamese letter uses) beside another letter: a font's glyph for a Vietnamese
/// one. One finding for them all: one cause, the extraction.
fn check_foreign_letters(cx: &mut Ctx, text: &str) {
    let b = text.as_bytes();
    let mut spans = Vec::new();
    for at in memchr::memchr3_iter(0xC7, 0xC8, 0xC9, b) {
        // A lead byte: `at` starts a character.
        let Some(c) = text.get(at..).and_then(|t| t.chars().next()) else {
            continue;
        };
        if !c.is_alphabetic() {
            continue;
        }
        let end = at + c.len_utf8();
        let prev = text[..at].chars().next_back();
        let next = text[end..].chars().next();
        if prev.is_some_and(crate::text::is_letter) || next.is_some_and(crate::text::is_letter) {
            spans.push(Span::new(at, end));
        }
    }
    let Some(&first) = spans.first() else { return };
    let word = |s: Span| {
        let start = text[..s.start]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8())
            .max(crate::text::floor_char_boundary(
                text,
                s.start.saturating_sub(24),
            ));
        let end = text[s.end..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| s.end + i)
            .min(crate::text::ceil_char_boundary(text, s.end + 24));
        &text[start..end]
    };
    let (c, shown) = (first.text(text), word(first));
    let n = spans.len();
    let (vi, en) = if n == 1 {
        (
            format!("Chữ \"{c}\" trong \"{shown}\" không có trong chữ Việt (thường do phông chữ khi trích từ PDF): gõ lại đúng chữ."),
            format!("The letter \"{c}\" in \"{shown}\" is not Vietnamese (often a PDF font's): retype it."),
        )
    } else {
        (
            format!("{n} chữ cái không có trong chữ Việt, như \"{c}\" trong \"{shown}\" (thường do phông chữ khi trích từ PDF): gõ lại đúng chữ."),
            format!("{n} letters are not Vietnamese, such as \"{c}\" in \"{shown}\" (often a PDF font's): retype them."),
        )
    };
    let d = cx.report(&FOREIGN_LETTER, first, vi, en);
    d.related = spans[1..].iter().take(MAX_RELATED).copied().collect();
}

fn check_invisible(cx: &mut Ctx, l: &LineView, raw: &str) {
    if l.is_blank() {
        return; // white space only: nothing a reader sees
    }
    let mut edits = Vec::new();
    let content = l.content;
    for (i, c) in raw.char_indices() {
        let at = l.span.start + i;
        let span = Span::new(at, at + c.len_utf8());
        if is_invisible(c) && c != '\u{000C}' {
            edits.push(TextEdit {
                span,
                new_text: String::new(),
            });
        } else if c == '\u{00A0}' && at > content.start && at < content.end {
            edits.push(TextEdit {
                span,
                new_text: " ".into(),
            });
        }
    }
    let n = edits.len();
    if let Some(d) = grouped(
        &INVISIBLE,
        edits,
        format!("Dòng có {n} ký tự ẩn hoặc khoảng trắng không ngắt."),
        format!("The line has {n} invisible characters or no-break spaces."),
        "Xóa ký tự ẩn",
        "Remove the invisible characters",
        true,
    ) {
        cx.out.push(d);
    }
}

/// The Markdown marks of one line as edits that remove them. On a line of a
/// recognised table (or a header or foot laid out as one) the `|` and `|---|` are the
/// table's structure and stay; only emphasis marks go. Added to `edits`, one list
/// for the whole text (a list per line of marks was an allocation per line).
fn markdown_edits_of(cx: &Ctx, l: &LineView, raw: &str, in_table: bool, edits: &mut Vec<TextEdit>) {
    let base = l.span.start;
    // `|---|---|` table rules and code fences: remove the whole line. In a table, a
    // line of marks alone (`* *`) is how the page wrote an empty cell: it stays, as
    // does the rest of a table's syntax (structure, not noise).
    let code_fence = || l.marks.any(LineMarks::BACKTICK) && crate::blocks::is_code_fence(raw);
    if in_table {
        let marks_alone = raw.bytes().all(|b| matches!(b, b'*' | b'_' | b' ' | b'\t'));
        if !marks_alone && code_fence() {
            edits.push(TextEdit {
                span: line_with_break(cx, l),
                new_text: String::new(),
            });
        }
        return;
    }
    let trimmed = crate::text::trim(raw);
    let lead = raw.len() - raw.trim_start().len();
    // Table syntax on a line right above or under a table may be the table's own:
    // taking it away would change how the table reads (a fix never breaks a table).
    let beside_table =
        || cx.src.blocks.in_table(base.saturating_sub(1)) || cx.src.blocks.in_table(l.span.end + 1);
    if code_fence() {
        edits.push(TextEdit {
            span: line_with_break(cx, l),
            new_text: String::new(),
        });
    } else if trimmed.starts_with('|')
        && trimmed
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
        && (trimmed.contains("--") || trimmed.len() > 1)
    {
        // A rule (`|---|`) or an empty row (`|  |`) beside a table stays: without
        // it the lines around it may read as other tables (two tables become one,
        // a header a row). Elsewhere it goes.
        if !beside_table() {
            edits.push(TextEdit {
                span: line_with_break(cx, l),
                new_text: String::new(),
            });
        }
    } else {
        // Leading heading marks.
        let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
            edits.push(TextEdit {
                span: Span::new(base + lead, base + lead + hashes + 1),
                new_text: String::new(),
            });
        }
        // Table pipes: outer ones go, inner ones become a tab (a column break); not
        // beside a table. (Asked last: most lines with marks have no pipe at all.)
        if (trimmed.starts_with('|')
            || (trimmed.ends_with('|') && crate::text::count_pipes(trimmed) >= 2))
            && !beside_table()
        {
            // The end of the last pipe's edit: the spaces of an empty cell (`|  |`)
            // are the pipe's before it, never taken twice.
            let mut taken = 0;
            for (i, c) in raw.char_indices() {
                if c != '|' {
                    continue;
                }
                let before = raw[..i].trim();
                let after = raw[i + 1..].trim();
                let mut s = i;
                let mut e = i + 1;
                // Take the spaces around the pipe too.
                while s > taken && raw.as_bytes()[s - 1] == b' ' {
                    s -= 1;
                }
                while e < raw.len() && raw.as_bytes()[e] == b' ' {
                    e += 1;
                }
                let new_text = if before.is_empty() || after.is_empty() {
                    ""
                } else {
                    "\t"
                };
                taken = e;
                edits.push(TextEdit {
                    span: Span::new(base + s, base + e),
                    new_text: new_text.into(),
                });
            }
        }
        // Emphasis marks: `**`, `__` that open and close a span, and single `*`
        // touching a word. Other runs of underscores are fill-in blanks
        // (`ngày___tháng__năm___`, `tối thiểu__năm`, `Số:____`): taking them away
        // would glue the words around them.
        let bytes = raw.as_bytes();
        let strong_underscores = underscore_emphasis(bytes);
        let mut i = 0;
        while i < bytes.len() {
            // A note's mark, `(*)`, `(**)`, `[*]`: the text refers to a note with it
            // (`Do Chủ tịch … quyết định (*)`, `- (*) Chủ tịch …`); not emphasis.
            if bytes[i] == b'*' {
                let e = i + bytes[i..].iter().take_while(|&&b| b == b'*').count();
                let opened = i > 0 && matches!(bytes[i - 1], b'(' | b'[');
                if opened && matches!(bytes.get(e), Some(b')' | b']')) {
                    i = e;
                    continue;
                }
            }
            let two = bytes.get(i..i + 2);
            if two == Some(b"__") {
                let e = i + bytes[i..].iter().take_while(|&&b| b == b'_').count();
                if strong_underscores.contains(&i) {
                    edits.push(TextEdit {
                        span: Span::new(base + i, base + e),
                        new_text: String::new(),
                    });
                }
                i = e;
                continue;
            }
            if two == Some(b"**") {
                let mut e = i + 2;
                while e < bytes.len() && bytes[e] == bytes[i] {
                    e += 1;
                }
                edits.push(TextEdit {
                    span: Span::new(base + i, base + e),
                    new_text: String::new(),
                });
                i = e;
                continue;
            }
            if bytes[i] == b'*' {
                let prev_word = raw[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|c| !c.is_whitespace());
                let next_word = raw[i + 1..]
                    .chars()
                    .next()
                    .is_some_and(|c| !c.is_whitespace());
                if i == lead && !next_word {
                    // `* item`: a Markdown bullet becomes a dash.
                    edits.push(TextEdit {
                        span: Span::new(base + i, base + i + 1),
                        new_text: "-".into(),
                    });
                } else if (prev_word || next_word) && !(between_letters(raw, i) && lone_star(bytes))
                {
                    // An italic mark opens or closes a word (`(*Z*alo`: a converter's
                    // italics on one letter); a line's only `*` between letters or
                    // figures is a sign (`(m2*giờ)`, `2*3`): taking it away would
                    // glue two words.
                    edits.push(TextEdit {
                        span: Span::new(base + i, base + i + 1),
                        new_text: String::new(),
                    });
                }
            }
            i += 1;
        }
    }
}

/// A one-byte mark at `i` with a letter or figure on both sides.
fn between_letters(raw: &str, i: usize) -> bool {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    alnum(raw[..i].chars().next_back()) && alnum(raw[i + 1..].chars().next())
}

/// Whether a line has one `*` standing alone (not in a `**`): no italic span to
/// open or close with it.
fn lone_star(bytes: &[u8]) -> bool {
    let mut singles = 0;
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'*', &bytes[i..]).map(|a| i + a) {
        let run = bytes[at..].iter().take_while(|&&b| b == b'*').count();
        singles += usize::from(run == 1);
        i = at + run;
    }
    singles == 1
}

/// Where a line's `__` marks a strong span, as Markdown reads them: a run of exactly
/// two underscores that opens (no letter or digit before it, text after it) and the
/// next one that closes (text before it, no letter or digit after it). The start of
/// each mark of a pair; every other run is text.
fn underscore_emphasis(bytes: &[u8]) -> Vec<usize> {
    let word = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii_alphanumeric() || b >= 0x80);
    let space = |b: Option<&u8>| b.is_none_or(|b| b.is_ascii_whitespace());
    let mut marks = Vec::new();
    let mut open = None;
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'_', &bytes[i..]).map(|a| i + a) {
        let run = bytes[at..].iter().take_while(|&&b| b == b'_').count();
        let before = at.checked_sub(1).and_then(|b| bytes.get(b));
        let after = bytes.get(at + run);
        if run == 2 {
            if let Some(o) = open.filter(|_| !space(before) && !word(after)) {
                marks.extend([o, at]);
                open = None;
            } else if !word(before) && !space(after) {
                open = Some(at);
            }
        }
        i = at + run;
    }
    marks
}

/// All Markdown marks of the text: one finding, one fix.
fn report_markdown(cx: &mut Ctx, mut edits: Vec<TextEdit>) {
    if edits.is_empty() {
        return;
    }
    crate::order::sort_by_key(&mut edits, |e| e.span.start);
    let lines = count_lines(cx, &edits);
    // A text whose only mark is a `*` opening its items wrote it as its bullet
    // (Word does too): no web copy to speak of.
    let bullets_only = edits.iter().all(|e| e.new_text == "-");
    let (fix_vi, fix_en) = if bullets_only {
        ("Đổi \"*\" thành \"-\"", "Write \"-\" for \"*\"")
    } else {
        ("Xóa dấu Markdown", "Remove the Markdown marks")
    };
    let (vi, en) = if bullets_only {
        let (vi_lines, en_lines) = if lines == 1 {
            ("Dòng".to_string(), "A line opens".to_string())
        } else {
            (format!("{lines} dòng"), format!("{lines} lines open"))
        };
        (
            format!("{vi_lines} dùng dấu \"*\" đầu dòng: văn bản hành chính thường dùng \"-\"."),
            format!("{en_lines} with a \"*\" bullet: administrative documents usually use \"-\"."),
        )
    } else if lines == 1 {
        (
            "Dòng có dấu định dạng Markdown (**, *, #, |): xóa đi.".to_string(),
            "The line carries Markdown marks (**, *, #, |): remove them.".to_string(),
        )
    } else {
        (
            format!("{lines} dòng có dấu định dạng Markdown (**, *, #, |) do sao chép từ web: xóa đi (bảng giữ nguyên)."),
            format!("{lines} lines carry Markdown marks (**, *, #, |) from a web copy: remove them (tables are kept)."),
        )
    };
    if let Some(d) = grouped(&MARKDOWN, edits, vi, en, fix_vi, fix_en, true) {
        cx.out.push(d);
    }
}

/// On how many lines the edits fall.
fn count_lines(cx: &Ctx, edits: &[TextEdit]) -> usize {
    let lines = &cx.src.lines;
    let mut n = 0;
    let mut last = usize::MAX;
    // The edits come in the text's order: the line is found by walking forward
    // (a search only if one goes back).
    let mut i = 0;
    for e in edits {
        if i > 0 && lines[i - 1].span.end >= e.span.start {
            i = lines.partition_point(|l| l.span.end < e.span.start);
        }
        while lines.get(i).is_some_and(|l| l.span.end < e.span.start) {
            i += 1;
        }
        if i != last {
            n += 1;
            last = i;
        }
    }
    n
}

/// The line's span including the line break after it.
fn line_with_break(cx: &Ctx, l: &LineView) -> Span {
    let text = cx.text();
    let mut end = l.span.end;
    if text[end..].starts_with("\r\n") {
        end += 2;
    } else if text[end..].starts_with(['\n', '\r']) {
        end += 1;
    }
    Span::new(l.span.start, end)
}

fn is_page_number(t: &str) -> bool {
    let t = crate::text::trim(t);
    let core = t
        .trim_start_matches(['-', '–', ' '])
        .trim_end_matches(['-', '–', ' ']);
    let digits = !core.is_empty() && core.len() <= 3 && core.bytes().all(|b| b.is_ascii_digit());
    let trang = t
        .strip_prefix("Trang ")
        .or_else(|| t.strip_prefix("trang "))
        .is_some_and(|r| {
            !r.is_empty()
                && r.chars()
                    .all(|c| c.is_ascii_digit() || c == '/' || c == ' ')
        });
    digits || trang
}

fn is_page_number_line(cx: &Ctx, l: &LineView, raw: &str) -> bool {
    is_page_number(l.content.text(cx.text()))
        && l.cells.len() == 1
        && marker_of(crate::text::trim(raw)).is_none()
}

/// The number a page-number line carries, when it is a bare number.
fn bare_number(t: &str) -> Option<u32> {
    let t = crate::text::trim(t);
    t.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| t.parse().ok())
        .flatten()
}

/// Numbers alone on their lines outside tables (`Trang 2` and `- 2 -` are the first
/// pass's page chrome, reported with it). A number next to a page break, or one
/// decorated otherwise (`-2`), is certainly a page number; a bare number is called one when the
/// text's bare numbers count pages (2, 3, 4 … a page apart). Both are one finding
/// whose removal waits for a click, as other page chrome's does (fix-all keeps every
/// word and figure; rows or items that lost their table count up too). Anything else
/// may be a figure: reported as such.
fn report_page_numbers(cx: &mut Ctx, found: &[&LineView]) {
    let text = cx.text();
    let bare: Vec<Option<u32>> = found
        .iter()
        .map(|l| bare_number(l.content.text(text)))
        .collect();
    // A page apart: numbers counting up on lines a few apart number rows or items
    // that lost their table, not pages.
    let counts_pages = |k: usize| -> bool {
        let Some(n) = bare[k] else { return false };
        let nearest = |j: Option<usize>| j.map(|j| (bare[j], found[j].idx.abs_diff(found[k].idx)));
        let prev = nearest((0..k).rev().find(|&j| bare[j].is_some()));
        let next = nearest((k + 1..found.len()).find(|&j| bare[j].is_some()));
        let page = |apart: usize| apart >= crate::blocks::MIN_PAGE_LINES;
        let follows = |a: Option<u32>, b: Option<u32>| a.and_then(|a| a.checked_add(1)) == b;
        prev.is_some_and(|(p, apart)| follows(p, Some(n)) && page(apart))
            || next.is_some_and(|(x, apart)| follows(Some(n), x) && page(apart))
    };
    // A count that starts at 1 numbers rows or items (a schedule's `1`, `2`, `3` a
    // cell a line, real decision 206): the decree shows no number on a first page
    // (NĐ 30/2020, Phụ lục I, I.5). Each bare number's run start, in one pass: a
    // number that follows the one before it (n after n - 1, a page apart) goes on
    // that one's run.
    let mut run_start: Vec<Option<u32>> = vec![None; found.len()];
    let mut last_bare: Option<usize> = None;
    for k in 0..found.len() {
        let Some(n) = bare[k] else { continue };
        run_start[k] = Some(match last_bare {
            Some(j)
                if bare[j].and_then(|p| p.checked_add(1)) == Some(n)
                    && found[j].idx.abs_diff(found[k].idx) >= crate::blocks::MIN_PAGE_LINES =>
            {
                run_start[j].unwrap_or(n)
            }
            _ => n,
        });
        last_bare = Some(k);
    }
    let counts_items = |k: usize| counts_pages(k) && run_start[k] == Some(1);
    // Pages numbered beside their running headers (the first pass took `CÔNG BÁO/Số
    // 242/…` and the `69` under it as chrome): a bare number away from every such
    // line is the text's own (a row's number in a table a cell a line, real NQ
    // 105/NQ-CP), not a page's to ask about. One right beside a chrome line that
    // carries no number (an OCR tool's `[Trang 6]` mark, then the page's printed `4`)
    // still is; one after a page's number (`69`, then a row's `3`) is not.
    let chrome = &cx.src.blocks.chrome;
    let numbered_at_headers = chrome
        .iter()
        .filter(|s| bare_number(s.text(text)).is_some())
        .nth(1)
        .is_some();
    let is_chrome = |line: Option<&LineView>| {
        line.is_some_and(|n| {
            cx.src.blocks.in_chrome(n.span.start) && bare_number(n.content.text(text)).is_none()
        })
    };
    let beside_chrome = |l: &LineView| {
        let lines = &cx.src.lines;
        let before = (0..l.idx).rev().map(|i| &lines[i]).find(|n| !n.is_blank());
        let after = lines.iter().skip(l.idx + 1).find(|n| !n.is_blank());
        is_chrome(before) || is_chrome(after)
    };
    let texts_own = |k: usize| numbered_at_headers && !beside_chrome(found[k]);
    // Page numbers are one cause: one finding for them all, removed on a click (fix
    // all keeps every word and figure, and `Trang 3` is both); a number that may be
    // a figure is asked about on its own line.
    let mut pages = Vec::new();
    for (k, l) in found.iter().enumerate() {
        let near_break = {
            let before = text[..l.span.start].trim_end_matches([' ', '\n', '\r']);
            let after = text[l.span.end..].trim_start_matches([' ', '\n', '\r']);
            before.ends_with('\u{000C}') || after.starts_with('\u{000C}')
        };
        let edit = TextEdit {
            span: line_with_break(cx, l),
            new_text: String::new(),
        };
        if bare[k].is_none() || near_break {
            pages.push(edit);
        } else if texts_own(k) || counts_items(k) {
            // Rows or items counted from 1: the document's own numbers.
        } else if counts_pages(k) {
            pages.push(edit);
        } else {
            let shown = l.content.text(text).to_string();
            cx.report(
                &PAGE_NOISE,
                l.content,
                format!("Dòng \"{shown}\" chỉ có một con số: nếu là số trang sót lại khi trích từ PDF thì xóa; nếu là số liệu thì giữ."),
                format!("The line \"{shown}\" holds only a number: remove it if it is a page number left by PDF extraction; keep it if it is a figure."),
            )
            .fix(false, "Xóa số trang", "Remove the page number", edit.span, "");
        }
    }
    if let (Some(first), n) = (pages.first(), pages.len()) {
        let shown = crate::text::trim(first.span.text(text)).to_string();
        let (vi, en) = if n == 1 {
            (
                format!("Dòng \"{shown}\" là số trang sót lại khi trích từ PDF."),
                format!("The line \"{shown}\" is a page number left by PDF extraction."),
            )
        } else {
            (
                format!("{n} dòng là số trang sót lại khi trích từ PDF, như \"{shown}\": xóa đi."),
                format!("{n} lines are page numbers left by PDF extraction, such as \"{shown}\": remove them."),
            )
        };
        let (fix_vi, fix_en) = if n == 1 {
            ("Xóa số trang", "Remove the page number")
        } else {
            ("Xóa các số trang", "Remove the page numbers")
        };
        // The finding points at the numbers, not at their line breaks.
        let mut d = grouped(&PAGE_NOISE, pages, vi, en, fix_vi, fix_en, false);
        if let Some(d) = d.as_mut() {
            d.span = trim_span(text, d.span);
            for r in &mut d.related {
                *r = trim_span(text, *r);
            }
        }
        cx.out.extend(d);
    }
}

/// `span` without the spaces and line break around its text.
fn trim_span(text: &str, span: Span) -> Span {
    let s = span.text(text);
    let start = span.start + (s.len() - s.trim_start().len());
    Span::new(start, start + crate::text::trim(s).len())
}

/// Page chrome the first pass found (running headers with their page numbers, a
/// signature stamp, a site's notices): one finding that removes every such line.
fn report_chrome(cx: &mut Ctx) {
    let chrome = &cx.src.blocks.chrome;
    let Some(first) = chrome.first() else {
        return;
    };
    let text = cx.text();
    let edits: Vec<TextEdit> = chrome
        .iter()
        .map(|&span| {
            let mut end = span.end;
            if text[end..].starts_with("\r\n") {
                end += 2;
            } else if text[end..].starts_with(['\n', '\r']) {
                end += 1;
            }
            TextEdit {
                span: Span::new(span.start, end),
                new_text: String::new(),
            }
        })
        .collect();
    let n = edits.len();
    let shown = first.text(text).trim().to_string();
    if let Some(d) = grouped(
        &PAGE_NOISE,
        edits,
        format!("{n} dòng không thuộc văn bản (đầu trang, số trang, dấu chữ ký số hoặc chữ của trang web), như \"{shown}\": xóa đi."),
        format!("{n} lines are not the document's (running headers, page numbers, a signature stamp or web page text), such as \"{shown}\": remove them."),
        "Xóa các dòng đầu trang, số trang",
        "Remove the page chrome",
        // Found by a heuristic, and often hundreds of words: removed on the user's
        // click, never by fix-all (the reader already leaves it out of every export).
        false,
    ) {
        cx.out.push(d);
    }
}

/// Form feeds on a line: the page break goes, the line break stays.
fn form_feeds_of(l: &LineView, raw: &str) -> Vec<TextEdit> {
    raw.char_indices()
        .filter(|&(_, c)| c == '\u{000C}')
        .map(|(i, _)| TextEdit {
            span: Span::new(l.span.start + i, l.span.start + i + 1),
            new_text: "\n".into(),
        })
        .collect()
}

/// Every page break a PDF's text kept: one finding (one cause: the extraction).
fn report_form_feeds(cx: &mut Ctx, edits: Vec<TextEdit>) {
    let n = edits.len();
    let (vi, en) = if n == 1 {
        (
            "Ký tự ngắt trang (form feed) sót lại khi trích từ PDF.".to_string(),
            "A form feed (page break) left by PDF extraction.".to_string(),
        )
    } else {
        (
            format!("{n} ký tự ngắt trang (form feed) sót lại khi trích từ PDF."),
            format!("{n} form feeds (page breaks) left by PDF extraction."),
        )
    };
    if let Some(d) = grouped(
        &PAGE_NOISE,
        edits,
        vi,
        en,
        "Thay bằng xuống dòng",
        "Replace with line breaks",
        true,
    ) {
        cx.out.push(d);
    }
}

/// The spacing edits of the whole text, one list per rule: spacing is one habit of
/// the typist (or one justified PDF), reported once per rule, not once per line.
#[derive(Default)]
struct Spacing {
    doubles: Vec<TextEdit>,
    before: Vec<TextEdit>,
    after: Vec<TextEdit>,
}

fn spacing_edits_of(text: &str, l: &LineView, out: &mut Spacing) {
    let content = l.content;
    let s = content.text(text);
    let bytes = s.as_bytes();
    let Spacing {
        doubles,
        before,
        after,
    } = out;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' {
            let mut e = i;
            while e < bytes.len() && bytes[e] == b' ' {
                e += 1;
            }
            let next = bytes.get(e).copied();
            let punct_follows = matches!(next, Some(b',' | b';' | b':'))
                || (next == Some(b'.') && !matches!(bytes.get(e + 1), Some(b'.' | b'/')));
            if punct_follows && i > 0 && e < bytes.len() && !matches!(bytes[i - 1], b'(' | b'-') {
                // ` ,` after a word: the punctuation's next char decides nothing.
                before.push(TextEdit {
                    span: Span::new(content.start + i, content.start + e),
                    new_text: String::new(),
                });
            } else if e - i >= 2
                && i > 0
                && e < bytes.len()
                && !crate::source::is_fill_in_blank(&s[..i], &s[e..])
            {
                doubles.push(TextEdit {
                    span: Span::new(content.start + i, content.start + e),
                    new_text: " ".into(),
                });
            }
            i = e;
            continue;
        }
        if matches!(bytes[i], b',' | b';' | b':') {
            let next = s[i + 1..].chars().next();
            let prev = s[..i].chars().next_back();
            // `KH,CN&MT`, `VPTW,VPCP`: abbreviations joined by a comma are written so.
            let abbreviations = next.is_some_and(char::is_uppercase)
                && prev.is_some_and(char::is_uppercase)
                && bytes[i] == b',';
            if next.is_some_and(|c| c.is_alphabetic())
                && prev.is_some_and(|c| c.is_alphabetic() || c == ')')
                && !abbreviations
            {
                let at = content.start + i + 1;
                after.push(TextEdit {
                    span: Span::new(at, at),
                    new_text: " ".into(),
                });
            }
        }
        i += 1;
    }
}

/// Each spacing rule's edits as one finding whose fix makes them all; its message
/// counts the lines when there are several.
fn report_spacing(cx: &mut Ctx, spacing: Spacing) {
    for (rule, edits, one, many, fvi, fen) in [
        (
            &DOUBLE_SPACE,
            spacing.doubles,
            (
                "Có khoảng trắng thừa giữa các từ.",
                "Extra spaces between words.",
            ),
            (
                "dòng có khoảng trắng thừa giữa các từ.",
                "lines have extra spaces between words.",
            ),
            "Bỏ khoảng trắng thừa",
            "Remove the extra spaces",
        ),
        (
            &SPACE_BEFORE_PUNCT,
            spacing.before,
            (
                "Có khoảng trắng trước dấu câu.",
                "A space stands before punctuation.",
            ),
            (
                "dòng có khoảng trắng trước dấu câu.",
                "lines have a space before punctuation.",
            ),
            "Bỏ khoảng trắng trước dấu câu",
            "Remove the space before punctuation",
        ),
        (
            &SPACE_AFTER_PUNCT,
            spacing.after,
            (
                "Thiếu khoảng trắng sau dấu câu.",
                "No space after punctuation.",
            ),
            (
                "dòng thiếu khoảng trắng sau dấu câu.",
                "lines lack a space after punctuation.",
            ),
            "Thêm khoảng trắng",
            "Add the space",
        ),
    ] {
        let (vi, en) = match count_lines(cx, &edits) {
            0 | 1 => (one.0.to_string(), one.1.to_string()),
            n => (format!("{n} {}", many.0), format!("{n} {}", many.1)),
        };
        if let Some(mut d) = grouped(rule, edits, vi, en, fvi, fen, true) {
            // Every place, not the first 21: each line with a double space was a
            // finding of its own, underlined and reached with F8, and a justified
            // PDF has hundreds.
            if let Some(fix) = d.fixes.first() {
                d.related = fix.edits.iter().skip(1).map(|e| e.span).collect();
            }
            cx.out.push(d);
        }
    }
}

/// Whether a text's brackets and quotes pair up (as `check_balance` counts them).
fn is_balanced(s: &str) -> bool {
    let n = crate::text::count_brackets(s.as_bytes());
    n.open == n.close && n.curly_open == n.curly_close && n.straight.is_multiple_of(2)
}

/// A parenthesis left open on a line, that the next lines may close: a cell of a
/// table laid out a cell a line wraps over several (`(sau khi Chính` / `phủ ban hành`
/// / `Nghị định …)`, real NQ 105/NQ-CP as extracted from its PDF).
#[derive(Clone, Copy)]
struct OpenParen {
    /// Where it opened: reported there if nothing closes it.
    first: Span,
    /// The line it opened on (a logical line's index): it must close within
    /// `PAREN_LINES` of it.
    first_line: usize,
    /// Opened less closed so far (above zero).
    depth: usize,
}

/// How many lines a wrapped cell's parenthesis may run over (a narrow column's cell
/// takes a line for every two or three words).
const PAREN_LINES: usize = 12;

/// Checks a logical line's brackets and quotes, carrying an open parenthesis over to
/// the next few lines (`pending`); returns what is still open.
fn check_balance(cx: &mut Ctx, l: &LineView, pending: Option<OpenParen>) -> Option<OpenParen> {
    let s = l.content.text(cx.src.read());
    // The `a)` of a marker closes nothing.
    let s = marker_of(s).map_or(s, |m| &s[m.len..]);
    let n = crate::text::count_brackets(s.as_bytes());
    let quotes = n.curly_open != n.curly_close || !n.straight.is_multiple_of(2);
    // A parenthesis still open on the lines just above: this line's count goes on it.
    let pending = match pending {
        Some(p) if l.idx.saturating_sub(p.first_line) <= PAREN_LINES => Some(p),
        Some(p) => {
            report_unbalanced(cx, p.first, true);
            None
        }
        None => None,
    };
    if let Some(p) = pending {
        let depth = (p.depth + n.open).checked_sub(n.close);
        if quotes {
            report_unbalanced(cx, l.content, false);
        }
        return match depth {
            None => {
                report_unbalanced(cx, p.first, true);
                None
            }
            Some(0) => None,
            Some(depth) => Some(OpenParen { depth, ..p }),
        };
    }
    if n.open > n.close && !quotes {
        return Some(OpenParen {
            first: l.content,
            first_line: l.idx,
            depth: n.open - n.close,
        });
    }
    if n.open != n.close || quotes {
        report_unbalanced(cx, l.content, n.open != n.close);
    }
    None
}

fn report_unbalanced(cx: &mut Ctx, at: Span, parens: bool) {
    let (what, what_en) = if parens {
        ("ngoặc đơn", "parentheses")
    } else {
        ("ngoặc kép", "quotes")
    };
    cx.report(
        &UNBALANCED,
        at,
        format!("Dấu {what} không cân: thiếu dấu mở hoặc đóng."),
        format!("Unbalanced {what_en}: an opening or closing one is missing."),
    );
}

/// Sentences broken across lines (`… khu vực cửa khẩu` / `quốc tế.`), as the first
/// pass found them in the content and the annexes: one finding for the whole text
/// whose fix reflows them. Wrapped header and signature phrases and tables are read
/// whole but left as laid out.
fn report_wrapped(cx: &mut Ctx, content_start: usize, content_end: usize) {
    let text = cx.text();
    let annexes_from = cx
        .plan
        .annexes
        .first()
        .map_or(usize::MAX, |a| a.range.start);
    // An annex's heading (label, title, `(Kèm theo …)`) is centred, and a drafter
    // breaks its lines by hand: laid out, like the header, not a broken sentence.
    let annex_headings: Vec<(usize, usize)> = cx
        .plan
        .annexes
        .iter()
        .filter_map(|a| {
            // The heading ends with the later of its title and its `(Kèm theo …)`.
            let end = a
                .attached_to
                .iter()
                .chain(&a.title)
                .map(|f| f.range.end)
                .max()?;
            Some((a.range.start, end))
        })
        .collect();
    let edits: Vec<TextEdit> = cx
        .src
        .blocks
        .joins
        .iter()
        .filter(|j| j.kind == JoinKind::Prose)
        .filter(|j| {
            j.gap.start >= content_start
                && (j.gap.end <= content_end || j.gap.start >= annexes_from)
                && !annex_headings
                    .iter()
                    .any(|&(s, e)| s <= j.gap.start && j.gap.end <= e)
        })
        .map(|j| TextEdit {
            span: j.gap,
            new_text: if crate::text::symbol_split(&text[..j.gap.start], &text[j.gap.end..]) {
                String::new()
            } else {
                " ".into()
            },
        })
        .collect();
    let Some(first) = edits.first() else {
        return;
    };
    // The finding points at each continued line (up to its end).
    let line_at = |at: usize| -> Span {
        let end = text[at..].find(['\n', '\r']).map_or(text.len(), |e| at + e);
        Span::new(at, end)
    };
    let n = edits.len();
    let (vi, en) = if n == 1 {
        (
            "Câu bị ngắt dòng giữa chừng: nối với dòng trên.".to_string(),
            "A sentence is broken across lines: join it to the line above.".to_string(),
        )
    } else {
        (
            format!("{n} chỗ câu bị ngắt dòng giữa chừng (xuống dòng cứng khi sao chép): nối lại thành đoạn văn."),
            format!("{n} sentences are broken across lines (hard-wrapped in the copy): reflow them into paragraphs."),
        )
    };
    let related = edits
        .iter()
        .skip(1)
        .take(MAX_RELATED)
        .map(|e| line_at(e.span.end))
        .collect();
    let span = line_at(first.span.end);
    cx.out.push(Diagnostic {
        code: BROKEN_LINE.code,
        severity: BROKEN_LINE.severity,
        message: Message::new(vi, en),
        span,
        related,
        fixes: vec![Fix {
            title: Message::new(
                if n == 1 {
                    "Nối dòng"
                } else {
                    "Nối các dòng bị ngắt"
                },
                if n == 1 {
                    "Join the lines"
                } else {
                    "Join the broken lines"
                },
            ),
            safe: true,
            edits,
        }],
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Bytes the scans look at, mixed with letters: lead bytes, Vietnamese letters,
    /// invisible characters, marks and punctuation.
    fn line() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a", "ệ", "ư", " ", "  ", ",", ".", ";", ":", "*", "_", "#", "|", "`", "\t", "\u{c}",
            "\u{a0}", "\u{ad}", "\u{200b}", "\u{2060}", "\u{201c}", "–", "…", "\u{feff}",
            "\u{800}", "\u{1100}", "\u{301}", "\u{345}", "\u{303}", "\u{34f}", "\u{370}",
            "\u{36f}", "α", "д", "\u{483}", "\u{1ab0}", "\u{1dc0}", "\u{20d0}", "\u{fe20}", "(",
            "\"",
        ]);
        prop::collection::vec(pieces, 0..24).prop_map(|p| p.concat())
    }

    /// Joining a broken line puts a space between the words, but not inside a
    /// document's symbol cut at its hyphen (`52-` / `CT/TW`, NQ 105/NQ-CP's Công báo
    /// text): that would write `52- CT/TW`.
    #[test]
    fn a_symbol_cut_at_its_hyphen_joins_without_a_space() {
        let mut text = String::from("KẾ HOẠCH\nThực hiện Chỉ thị\n\nI. MỤC ĐÍCH\n");
        for _ in 0..10 {
            text.push_str("Triển khai đầy đủ các nhiệm vụ và giải pháp đã đề ra trong Chỉ thị số 52-\nCT/TW ngày 03 tháng 10 năm 2025 của Ban Bí thư về thực hiện bảo hiểm y tế\ntoàn dân trong giai đoạn mới, bảo đảm đúng tiến độ và yêu cầu đã được đề ra.\n");
        }
        let fixed = crate::fix::apply_safe_fixes_where(&text, |code| code == "KH808");
        assert!(fixed.contains("Chỉ thị số 52-CT/TW ngày"), "{fixed}");
        assert!(fixed.contains("bảo hiểm y tế toàn dân"), "{fixed}");
    }

    /// A form's fill-in blanks are runs of underscores, glued to the words around
    /// them or not (Thông tư 01/2024/TT-BKHĐT and 07/2024/TT-BKHĐT, as the Gazette
    /// prints them): the Markdown fix took `__` and longer runs away and glued the
    /// words (`ngàythángnăm`, `tối thiểunăm`). Only a `__` pair around text is a mark.
    /// Likewise a `*` between letters is a sign (Thông tư 13/2023/TT-BLĐTBXH's
    /// `(m2*giờ)` became `(m2giờ)`).
    #[test]
    fn fill_in_blanks_are_not_markdown_marks() {
        let blanks = "Số:____\n___, ngày___tháng__năm___\nCó kinh nghiệm tối thiểu__năm hoặc tối thiểu___hợp đồng.\nBáo cáo gửi trước ngày __ tháng __.\nĐịnh mức sử dụng tính cho 01 người học (m2*giờ).\n";
        // A converter's italics on one letter of a word is a mark.
        let italic = crate::fix::apply_safe_fixes_where(
            "ứng dụng mạng xã hội (*Z*alo, Facebook).\n",
            |code| code == "KH806",
        );
        assert_eq!(italic, "ứng dụng mạng xã hội (Zalo, Facebook).\n");
        let text = format!("__Ghi chú__: mẫu đơn.\n{blanks}");
        let fixed = crate::fix::apply_safe_fixes_where(&text, |code| code == "KH806");
        assert_eq!(fixed, format!("Ghi chú: mẫu đơn.\n{blanks}"));
        let markdown: Vec<_> = crate::check(blanks)
            .diagnostics
            .into_iter()
            .filter(|d| d.code == "KH806")
            .collect();
        assert!(markdown.is_empty(), "{markdown:?}");
    }

    proptest! {
        #[test]
        fn the_skipping_scans_find_what_the_bytewise_ones_find(s in line()) {
            let b = s.as_bytes();
            prop_assert_eq!(ScriptScan::scan(b), ScriptScan::scan_bytewise(b));
            prop_assert_eq!(
                LineFlags::of(b, LineMarks::scan(b), LineFlags::rare_leads(b)),
                LineFlags::scan_bytewise(b)
            );
            prop_assert_eq!(nfd_edits(&s), nfd_edits_charwise(&s));
        }
    }
}
