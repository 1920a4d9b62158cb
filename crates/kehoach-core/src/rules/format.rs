//! The presentation of a Word file (`KH9xx`): page, margins, font and body size
//! against Decree 30's Annex I, read by `word.rs` beside the file's text. Only a
//! `.docx` has them: a pasted text does not show its presentation. A property the
//! file does not set is "not checked" (KH900), never passing or failing.
//!
//! Lengths are compared as Word stores them: margins in twips, rounded to a tenth of
//! a millimetre first (850 twips is 14.99 mm and counts as 15 mm).

use super::Rule;
use crate::diagnostics::{Diagnostic, Message, Severity};
use crate::model::Plan;
use crate::source::Span;
use crate::text::decimal;
use crate::word::fix::{Change, FileFix};
use crate::word::Presentation;

pub const NOT_CHECKED: Rule = Rule {
    code: "KH900",
    name: "presentation-not-checked",
    severity: Severity::Info,
    what_vi: "Tệp Word không ghi rõ một thuộc tính trình bày (khổ giấy, lề, phông, cỡ chữ): không kiểm tra được",
    what_en: "The Word file does not set a presentation property (page, margins, font, size): it is not checked",
    why_vi: "Không đoán thay người soạn: máy khác có thể hiển thị khác.",
    why_en: "The checker does not guess: another computer may show it otherwise.",
    source: "NĐ 30/2020, Phụ lục I, mục I",
    bad: "Tệp .docx không có w:pgSz trong w:sectPr",
    good: "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>",
    safe_fix: false,
};

pub const PAGE_SIZE: Rule = Rule {
    code: "KH901",
    name: "page-not-a4",
    severity: Severity::Error,
    what_vi: "Khổ giấy không phải A4 (210 × 297 mm)",
    what_en: "The page is not A4 (210 × 297 mm)",
    why_vi: "Văn bản hành chính trình bày trên khổ giấy A4.",
    why_en: "Administrative documents are laid out on A4 paper.",
    source: "NĐ 30/2020, Phụ lục I, mục I.2",
    bad: "<w:pgSz w:w=\"12240\" w:h=\"15840\"/> (Letter)",
    good: "<w:pgSz w:w=\"11906\" w:h=\"16838\"/> (A4)",
    safe_fix: false,
};

pub const LANDSCAPE: Rule = Rule {
    code: "KH902",
    name: "landscape-without-table",
    severity: Severity::Warning,
    what_vi: "Trang nằm ngang mà không có bảng, biểu",
    what_en: "A landscape page without a table",
    why_vi: "Văn bản trình bày theo chiều dài trang A4; chỉ trang có bảng, biểu mới được trình bày theo chiều rộng.",
    why_en: "Documents are laid out portrait; only pages with tables may be landscape.",
    source: "NĐ 30/2020, Phụ lục I, mục I.3",
    bad: "Phần văn bản không có bảng, <w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>",
    good: "Phụ lục có bảng trình bày ngang, phần còn lại trình bày dọc",
    safe_fix: false,
};

pub const MARGINS: Rule = Rule {
    code: "KH903",
    name: "margins-out-of-range",
    severity: Severity::Error,
    what_vi: "Lề trang ngoài khoảng quy định (trên, dưới 20–25 mm; trái 30–35 mm; phải 15–20 mm)",
    what_en: "A page margin outside the decree's range (top, bottom 20–25 mm; left 30–35 mm; right 15–20 mm)",
    why_vi: "Lề trái rộng để đóng quyển, lưu trữ; các lề khác theo quy định chung.",
    why_en: "The wide left margin leaves room for binding; the others are set by the decree.",
    source: "NĐ 30/2020, Phụ lục I, mục I.4",
    bad: "<w:pgMar w:left=\"1418\"/> (lề trái 25 mm)",
    good: "<w:pgMar w:left=\"1701\"/> (lề trái 30 mm)",
    safe_fix: false,
};

pub const FONT: Rule = Rule {
    code: "KH904",
    name: "font-not-times-new-roman",
    severity: Severity::Error,
    what_vi: "Chữ không dùng phông Times New Roman",
    what_en: "Text not in Times New Roman",
    why_vi: "Văn bản dùng phông chữ tiếng Việt Times New Roman, bộ mã Unicode (TCVN 6909:2001).",
    why_en: "Documents use the Vietnamese Unicode font Times New Roman (TCVN 6909:2001).",
    source: "NĐ 30/2020, Phụ lục I, mục I.1",
    bad: "<w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\"/>",
    good: "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\"/>",
    safe_fix: false,
};

pub const BODY_SIZE: Rule = Rule {
    code: "KH905",
    name: "body-size",
    severity: Severity::Warning,
    what_vi: "Đoạn nội dung có cỡ chữ ngoài 13–14",
    what_en: "Body text not in 13–14 pt",
    why_vi: "Nội dung văn bản trình bày cỡ chữ 13 đến 14.",
    why_en: "The body of a document is set in 13 to 14 pt.",
    source: "NĐ 30/2020, Phụ lục I, mục II.8",
    bad: "<w:sz w:val=\"24\"/> (12 pt) trong phần nội dung",
    good: "<w:sz w:val=\"28\"/> (14 pt)",
    safe_fix: false,
};

pub const PAGE_NUMBERS: Rule = Rule {
    code: "KH906",
    name: "page-numbers",
    severity: Severity::Warning,
    what_vi: "Số trang không đặt giữa lề trên, hoặc có trên trang 1",
    what_en: "Page numbers not centred in the top margin, or shown on page 1",
    why_vi: "Số trang đánh từ trang thứ hai, bằng chữ số Ả Rập, đặt canh giữa theo chiều ngang trong phần lề trên.",
    why_en: "Pages are numbered from the second, in Arabic figures, centred in the top margin.",
    source: "NĐ 30/2020, Phụ lục I, mục I.5",
    bad: "Trường PAGE ở chân trang, không có w:titlePg",
    good: "Trường PAGE canh giữa ở đầu trang mặc định, w:titlePg cho trang 1",
    safe_fix: false,
};

pub const PART_STYLE: Rule = Rule {
    code: "KH907",
    name: "part-size-and-style",
    severity: Severity::Warning,
    what_vi: "Một thành phần thể thức không đúng cỡ chữ hoặc kiểu chữ (đậm, nghiêng) quy định",
    what_en: "A part of the header or foot not in its size or style (bold, italic)",
    why_vi: "Mỗi thành phần thể thức có cỡ và kiểu chữ riêng: Quốc hiệu 12–13 đậm, tiêu ngữ 13–14 đậm, địa danh và ngày tháng nghiêng, \"Nơi nhận\" 12 đậm nghiêng, nơi nhận 11…",
    why_en: "Each part has its own size and style: the national title 12–13 pt bold, the motto 13–14 pt bold, place and date italic, \"Nơi nhận\" 12 pt bold italic, recipients 11 pt…",
    source: "NĐ 30/2020, Phụ lục I, mục II và Phụ lục I, mẫu trình bày",
    bad: "Quốc hiệu cỡ 14, không đậm",
    good: "Quốc hiệu cỡ 13, in đậm",
    safe_fix: false,
};

pub const RULE_UNDER: Rule = Rule {
    code: "KH908",
    name: "rule-under-part",
    severity: Severity::Warning,
    what_vi: "Thiếu đường kẻ ngang dưới tiêu ngữ, tên cơ quan ban hành hoặc trích yếu",
    what_en: "No rule under the motto, the issuing agency or the summary",
    why_vi: "Dưới tiêu ngữ, tên cơ quan ban hành và trích yếu có đường kẻ ngang, nét liền.",
    why_en: "The motto, the issuing agency and the summary each have a solid rule under them.",
    source: "NĐ 30/2020, Phụ lục I, mục II.1, II.3 và II.5",
    bad: "Tiêu ngữ không có đường viền dưới, không có đường kẻ vẽ",
    good: "Đường kẻ ngang (viền dưới hoặc đường vẽ) dưới tiêu ngữ",
    safe_fix: false,
};

pub const BODY_LAYOUT: Rule = Rule {
    code: "KH909",
    name: "body-paragraph-layout",
    severity: Severity::Warning,
    what_vi: "Đoạn nội dung chưa canh đều hai lề, lùi đầu dòng 1–1,27 cm, cách đoạn tối thiểu 6 pt hoặc giãn dòng từ đơn đến 1,5 dòng",
    what_en: "Body paragraphs not justified, first line not indented 1–1.27 cm, less than 6 pt between paragraphs, or line spacing outside single to 1.5",
    why_vi: "Nội dung văn bản canh đều hai lề; đầu dòng lùi 1–1,27 cm; khoảng cách giữa các đoạn tối thiểu 6 pt; khoảng cách giữa các dòng từ dòng đơn đến 1,5 dòng.",
    why_en: "The body is justified, each paragraph's first line indented 1–1.27 cm, at least 6 pt between paragraphs, lines single to 1.5 spaced.",
    source: "NĐ 30/2020, Phụ lục I, mục II.8",
    bad: "<w:spacing w:line=\"480\" w:lineRule=\"auto\"/> (giãn dòng 2,0)",
    good: "<w:spacing w:after=\"120\" w:line=\"276\"/><w:ind w:firstLine=\"720\"/><w:jc w:val=\"both\"/>",
    safe_fix: false,
};

pub const COLOUR: Rule = Rule {
    code: "KH910",
    name: "text-not-black",
    severity: Severity::Warning,
    what_vi: "Chữ không phải màu đen",
    what_en: "Text not in black",
    why_vi: "Văn bản trình bày bằng phông chữ Times New Roman, màu đen.",
    why_en: "Documents are set in Times New Roman, in black.",
    source: "NĐ 30/2020, Phụ lục I, mục I.1",
    bad: "<w:color w:val=\"FF0000\"/>",
    good: "<w:color w:val=\"000000\"/> (hoặc auto)",
    safe_fix: false,
};

pub const TABLE_HEADER: Rule = Rule {
    code: "KH911",
    name: "table-header-not-repeated",
    severity: Severity::Warning,
    what_vi: "Bảng dài chưa lặp lại hàng tiêu đề ở đầu mỗi trang",
    what_en: "A long table's header row is not repeated on each page",
    why_vi: "Bảng, biểu sang trang phải lặp lại hàng tiêu đề để người đọc biết mỗi cột là gì.",
    why_en: "A table that runs over pages repeats its header row so each column stays named.",
    source: "Thực tiễn trình bày (NĐ 30/2020, Phụ lục I, mục I.3: bảng, biểu)",
    bad: "Hàng đầu của bảng 20 hàng không có w:tblHeader",
    good: "<w:trPr><w:tblHeader/></w:trPr> ở hàng tiêu đề",
    safe_fix: false,
};

pub const HEADER_FOOT_BORDERS: Rule = Rule {
    code: "KH912",
    name: "header-foot-table-borders",
    severity: Severity::Warning,
    what_vi: "Phần đầu hoặc phần cuối văn bản trình bày bằng bảng có đường viền",
    what_en: "The header or foot is laid out in a table with visible borders",
    why_vi: "Phần đầu (cơ quan, quốc hiệu) và phần cuối (nơi nhận, chữ ký) trình bày thành hai cột, không có đường viền.",
    why_en: "The header (agency, national title) and the foot (recipients, signature) are two columns without borders.",
    source: "NĐ 30/2020, Phụ lục I, mẫu trình bày",
    bad: "Bảng phần đầu kiểu Table Grid, viền hiện",
    good: "<w:tblBorders> với các cạnh w:val=\"nil\"",
    safe_fix: false,
};

pub const RULES: &[Rule] = &[
    NOT_CHECKED,
    PAGE_SIZE,
    LANDSCAPE,
    MARGINS,
    FONT,
    BODY_SIZE,
    PAGE_NUMBERS,
    PART_STYLE,
    RULE_UNDER,
    BODY_LAYOUT,
    COLOUR,
    TABLE_HEADER,
    HEADER_FOOT_BORDERS,
];

/// A part of the header or foot: its name, its lines (0-based), its size range in
/// half-points, and whether it is bold and italic (`None`: either).
struct Part {
    vi: &'static str,
    en: &'static str,
    lines: Vec<usize>,
    size: (u16, u16),
    bold: Option<bool>,
    italic: Option<bool>,
}

/// The parts the decree sets a size and style for, where the plan has them.
fn parts(plan: &Plan) -> Vec<Part> {
    use crate::model::Field;
    let lines = |fields: &[&Field]| -> Vec<usize> {
        fields
            .iter()
            .flat_map(|f| f.range.line.saturating_sub(1)..f.range.end_line.max(f.range.line))
            .collect()
    };
    let h = &plan.header;
    let s = &plan.signature;
    let mut out = Vec::new();
    let mut part = |vi, en, fields: Vec<&Field>, size, bold, italic| {
        if !fields.is_empty() {
            out.push(Part {
                vi,
                en,
                lines: lines(&fields),
                size,
                bold,
                italic,
            });
        }
    };
    part(
        "Quốc hiệu",
        "The national title",
        h.national_title.iter().collect(),
        (24, 26),
        Some(true),
        None,
    );
    part(
        "Tiêu ngữ",
        "The motto",
        h.motto.iter().collect(),
        (26, 28),
        Some(true),
        None,
    );
    part(
        "Tên cơ quan chủ quản",
        "The parent agency",
        h.parent_agency.iter().collect(),
        (24, 26),
        None,
        None,
    );
    part(
        "Tên cơ quan ban hành",
        "The issuing agency",
        h.agency.iter().collect(),
        (24, 26),
        Some(true),
        None,
    );
    if let Some(t) = &plan.title {
        part(
            "Tên loại văn bản",
            "The document type",
            vec![&t.kind_word],
            (26, 28),
            Some(true),
            None,
        );
        part(
            "Trích yếu",
            "The summary",
            t.summary.iter().collect(),
            (26, 28),
            Some(true),
            None,
        );
    }
    part(
        "Quyền hạn, chức vụ người ký",
        "The signing authority and title",
        s.authority.iter().chain(&s.titles).collect(),
        (26, 28),
        Some(true),
        None,
    );
    part(
        "Họ tên người ký",
        "The signer's name",
        s.name.iter().collect(),
        (26, 28),
        Some(true),
        None,
    );
    // An annex's heading: its label and name upright and bold, its "kèm theo" line
    // italic, as the plan's own title is set.
    for a in &plan.annexes {
        part(
            "Tên phụ lục",
            "The annex heading",
            a.label.iter().chain(&a.title).collect(),
            (26, 28),
            Some(true),
            None,
        );
        part(
            "Dòng \"Kèm theo\" của phụ lục",
            "The annex's \"Kèm theo\" line",
            a.attached_to.iter().collect(),
            (26, 28),
            None,
            Some(true),
        );
    }
    if let Some(r) = &plan.recipients {
        part(
            "\"Nơi nhận\"",
            "\"Nơi nhận\"",
            vec![&r.heading],
            (24, 24),
            Some(true),
            Some(true),
        );
        part(
            "Các nơi nhận",
            "The recipients",
            r.lines().collect(),
            (22, 22),
            Some(false),
            None,
        );
    }
    out
}

/// A part out of its size or style: its first line, what is wrong in words, and the
/// change to its paragraphs that sets it right.
struct PartFinding {
    first: usize,
    vi: String,
    en: String,
    change: Change,
}

/// Each part whose lines are not in its size or style.
fn check_parts(pres: &Presentation, plan: &Plan) -> Vec<PartFinding> {
    let pt = |hp: u16| decimal(f64::from(hp) / 2.0);
    let range = |(lo, hi): (u16, u16)| {
        if lo == hi {
            pt(lo)
        } else {
            format!("{}–{}", pt(lo), pt(hi))
        }
    };
    let mut out = Vec::new();
    for p in parts(plan) {
        // A line from a paragraph broken with Shift+Enter shares its format with
        // another part (the title and the motto in one paragraph): not judged.
        let judged = |f: &&crate::word::LineFormat| f.runs > 0 && !f.broken;
        let formats: Vec<&crate::word::LineFormat> = p
            .lines
            .iter()
            .filter_map(|&k| pres.lines.get(k))
            .filter(judged)
            .collect();
        let Some(&first) = p
            .lines
            .iter()
            .find(|&&k| pres.lines.get(k).as_ref().is_some_and(judged))
        else {
            continue;
        };
        let mut vi = Vec::new();
        let mut en = Vec::new();
        let mut sizes: Vec<u16> = formats
            .iter()
            .flat_map(|f| f.sizes.iter().copied())
            .collect();
        crate::order::sort(&mut sizes);
        sizes.dedup();
        let off: Vec<String> = sizes
            .iter()
            .filter(|s| !(p.size.0..=p.size.1).contains(*s))
            .map(|s| pt(*s))
            .collect();
        if !off.is_empty() {
            vi.push(format!(
                "cỡ chữ {} (quy định {})",
                off.join(", "),
                range(p.size)
            ));
            en.push(format!(
                "{} pt (the decree: {} pt)",
                off.join(", "),
                range(p.size)
            ));
        }
        let runs: usize = formats.iter().map(|f| f.runs).sum();
        let bold: usize = formats.iter().map(|f| f.bold_runs).sum();
        let italic: usize = formats.iter().map(|f| f.italic_runs).sum();
        match p.bold {
            Some(true) if bold < runs => {
                vi.push("chưa in đậm".to_string());
                en.push("not bold".to_string());
            }
            Some(false) if bold > 0 => {
                vi.push("không in đậm".to_string());
                en.push("should not be bold".to_string());
            }
            _ => {}
        }
        if p.italic == Some(true) && italic < runs {
            vi.push("chưa in nghiêng".to_string());
            en.push("not italic".to_string());
        }
        if !vi.is_empty() {
            out.push(PartFinding {
                first,
                vi: format!("{}: {}.", p.vi, vi.join(", ")),
                en: format!("{}: {}.", p.en, en.join(", ")),
                change: Change::Runs {
                    paragraphs: paragraphs_of(
                        pres,
                        p.lines
                            .iter()
                            .copied()
                            .filter(|&k| pres.lines.get(k).is_some_and(|f| judged(&f))),
                    ),
                    size: Some(p.size),
                    bold: p.bold,
                    italic: p.italic.filter(|i| *i),
                },
            });
        }
    }
    out
}

/// The paragraphs (their ordinal in the file, sorted, each once) that gave `lines`.
fn paragraphs_of(pres: &Presentation, lines: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut out: Vec<usize> = lines
        .filter_map(|k| pres.lines.get(k).and_then(|f| f.paragraph))
        .collect();
    crate::order::sort(&mut out);
    out.dedup();
    out
}

/// What the first page and the others show at their top and bottom, from the first
/// section's header and footer parts.
fn check_page_numbers(pres: &Presentation) -> Option<(String, String, Vec<usize>)> {
    let first = pres.sections.first()?;
    let part = |list: &[(String, String)], kind: &str| {
        list.iter()
            .find(|(k, _)| k == kind)
            .and_then(|(_, id)| pres.parts.get(id))
    };
    let header = part(&first.headers, "default");
    let resize = first
        .headers
        .iter()
        .find(|(k, _)| k == "default")
        .and_then(|(_, id)| pres.number_paragraphs.get(id))
        .cloned()
        .unwrap_or_default();
    let footer = part(&first.footers, "default");
    let first_header = part(&first.headers, "first");
    let numbered = header.is_some_and(|h| h.page_number);
    let mut vi: Vec<String> = Vec::new();
    let mut en: Vec<String> = Vec::new();
    if !numbered {
        if footer.is_some_and(|f| f.page_number) {
            vi.push("số trang đặt ở chân trang, không phải giữa lề trên".to_string());
            en.push("page numbers are in the footer, not centred in the top margin".to_string());
        } else {
            vi.push("chưa đánh số trang (giữa lề trên, từ trang 2)".to_string());
            en.push("pages are not numbered (centred in the top margin, from page 2)".to_string());
        }
    } else {
        if header.is_some_and(|h| !h.centred) {
            vi.push("số trang chưa canh giữa".to_string());
            en.push("page numbers are not centred".to_string());
        }
        if let Some(size) = header
            .and_then(|h| h.number_size)
            .filter(|s| !(26..=28).contains(s))
        {
            let pt = decimal(f64::from(size) / 2.0);
            vi.push(format!("số trang cỡ chữ {pt} (quy định 13–14)"));
            en.push(format!("page numbers in {pt} pt (the decree: 13–14 pt)"));
        }
        let on_page_one = if first.title_page {
            first_header.is_some_and(|h| h.page_number)
        } else {
            true
        };
        if on_page_one {
            vi.push("trang 1 cũng mang số trang (số trang đánh từ trang 2)".to_string());
            en.push("page 1 shows a page number too (numbering starts on page 2)".to_string());
        }
    }
    (!vi.is_empty()).then(|| (vi.join("; "), en.join("; "), resize))
}

/// Capitalises a message's first letter.
fn sentence(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| std::iter::once(crate::text::upper_of(f)).chain(c).collect())
        .unwrap_or_default()
}

/// The line (0-based) of the plan's `KẾ HOẠCH`: the header is above it.
fn title_line(plan: &Plan) -> usize {
    plan.title
        .as_ref()
        .map_or(0, |t| t.kind_word.range.line.saturating_sub(1))
}

/// The parts with a rule under them (motto, issuing agency, summary) that have none:
/// (their last line, name in Vietnamese and English). A rule counts when it is drawn
/// under the part (its border, a shape or underlined blanks in it, a border over the
/// next line, a blank line just after holding one); a shape anchored elsewhere in
/// the header still counts for a part that has none beside it (Word anchors shapes
/// to any paragraph).
fn missing_rules(
    pres: &Presentation,
    lines: &[&str],
    plan: &Plan,
) -> Vec<(usize, &'static str, &'static str)> {
    let format = |k: usize| pres.lines.get(k).map(|f| &f.para);
    let blank_or_rule = |k: usize| {
        lines
            .get(k)
            .is_some_and(|t| t.trim().chars().all(|c| matches!(c, '_' | '-' | '–' | '—')))
    };
    let drawn = |k: usize| {
        format(k).is_some_and(|p| p.rule_below)
            || lines
                .get(k)
                .is_some_and(|t| t.trim().len() >= 3 && t.trim().chars().all(|c| c == '_'))
    };
    // A rule right under line `k`: its own, or one over or in the lines after it,
    // through blank lines to the next line of text (where Word may anchor it).
    let beside = |k: usize| {
        if format(k).is_some_and(|p| p.rule_below) {
            return true;
        }
        for j in k + 1..k + 4 {
            if format(j).is_some_and(|p| p.rule_above) || drawn(j) {
                return true;
            }
            if !blank_or_rule(j) {
                break;
            }
        }
        false
    };
    let last_line = |f: &crate::model::Field| f.range.end_line.max(f.range.line).saturating_sub(1);
    let h = &plan.header;
    let mut header_parts = Vec::new();
    if let Some(m) = &h.motto {
        header_parts.push((last_line(m), "Tiêu ngữ", "The motto"));
    }
    if let Some(a) = h.agency.last() {
        header_parts.push((last_line(a), "Tên cơ quan ban hành", "The issuing agency"));
    }
    let title_line = title_line(plan);
    let mut out = Vec::new();
    // Rules in the header that no part has beside it: shapes anchored elsewhere.
    let header_rules = (0..title_line)
        .filter_map(format)
        .map(|p| p.shapes.max(usize::from(p.rule_below)) + usize::from(p.rule_above))
        .sum::<usize>();
    let beside_count = header_parts.iter().filter(|(k, _, _)| beside(*k)).count();
    let mut spare = header_rules.saturating_sub(beside_count);
    for (k, vi, en) in header_parts {
        if beside(k) {
            continue;
        }
        if spare > 0 {
            spare -= 1;
            continue;
        }
        out.push((k, vi, en));
    }
    if let Some(last) = plan.title.as_ref().and_then(|t| t.summary.as_ref()) {
        let k = last_line(last);
        if !beside(k) {
            out.push((k, "Trích yếu", "The summary"));
        }
    }
    out
}

/// One aspect of the body's paragraph layout that some paragraphs miss: the lines,
/// what is wrong in words, and the change that sets it right.
struct LayoutFinding {
    lines: Vec<usize>,
    vi: String,
    en: String,
    fix_vi: &'static str,
    fix_en: &'static str,
    change: Change,
}

/// The body's paragraphs against the decree: justified and first line indented 1–1.27
/// cm (paragraphs of prose, long enough to wrap), at least 6 pt between paragraphs,
/// line spacing single to 1.5. What no level of the file sets is Word's default
/// (left, no indent, no space, single), as the file format says.
fn check_body_layout(pres: &Presentation, lines: &[&str], body: &[usize]) -> Vec<LayoutFinding> {
    let para = |k: usize| &pres.lines[k].para;
    let prose = |k: usize| {
        lines
            .get(k)
            .is_some_and(|t| !crate::text::at_most_chars(t.trim(), 79))
    };
    let mut out = Vec::new();
    let unjustified: Vec<usize> = body
        .iter()
        .copied()
        .filter(|&k| prose(k) && !matches!(para(k).align.as_deref(), Some("both" | "distribute")))
        .collect();
    if !unjustified.is_empty() {
        out.push(LayoutFinding {
            vi: format!("{} đoạn nội dung chưa canh đều hai lề.", unjustified.len()),
            en: format!("{} body paragraphs are not justified.", unjustified.len()),
            fix_vi: "Canh đều hai lề các đoạn nội dung.",
            fix_en: "Justify the body paragraphs.",
            change: Change::Paragraphs {
                paragraphs: paragraphs_of(pres, unjustified.iter().copied()),
                align: Some("both".into()),
                first_line: None,
                after: None,
                line: None,
            },
            lines: unjustified,
        });
    }
    // A paragraph begun with a tab (and no indent of its own) is indented by Word's
    // default tab stop, 1.27 cm: what the reader sees.
    let indent_mm = |k: usize| {
        let own = para(k).first_line.unwrap_or(0).max(0);
        let tab = lines.get(k).is_some_and(|t| t.starts_with('\t'));
        mm(if tab && own == 0 { 720 } else { own })
    };
    let unindented: Vec<usize> = body
        .iter()
        .copied()
        .filter(|&k| {
            let v = indent_mm(k);
            prose(k) && !para(k).indent_elsewhere && !(10.0..=12.7).contains(&v)
        })
        .collect();
    if !unindented.is_empty() {
        let mut seen: Vec<String> = unindented
            .iter()
            .map(|&k| decimal(indent_mm(k) / 10.0))
            .collect();
        seen.dedup();
        out.push(LayoutFinding {
            vi: format!(
                "{} đoạn nội dung lùi đầu dòng {} cm (quy định 1–1,27 cm).",
                unindented.len(),
                seen.join(", ").replace('.', ",")
            ),
            en: format!(
                "{} body paragraphs have a first-line indent of {} cm (the decree: 1–1.27 cm).",
                unindented.len(),
                seen.join(", ")
            ),
            fix_vi: "Lùi đầu dòng các đoạn nội dung 1–1,27 cm.",
            fix_en: "Indent the body paragraphs' first line by 1–1.27 cm.",
            change: Change::Paragraphs {
                paragraphs: paragraphs_of(pres, unindented.iter().copied()),
                align: None,
                first_line: Some((567, 720)),
                after: None,
                line: None,
            },
            lines: unindented,
        });
    }
    // Between two paragraphs of text that follow each other (a blank paragraph
    // between them is space enough; lines of one paragraph are not paragraphs).
    let gap = |a: usize, b: usize| {
        let (p, q) = (para(a), para(b));
        let same = p.style == q.style;
        let after = if p.contextual && same {
            0
        } else {
            p.after.unwrap_or(0)
        };
        let before = if q.contextual && same {
            0
        } else {
            q.before.unwrap_or(0)
        };
        after + before
    };
    let filled = |k: usize| lines.get(k).is_some_and(|t| !t.trim().is_empty());
    let tight: Vec<usize> = body
        .windows(2)
        .filter(|w| w[1] == w[0] + 1 && filled(w[0]) && filled(w[1]))
        .filter(|w| pres.lines[w[0]].paragraph != pres.lines[w[1]].paragraph)
        .filter(|w| gap(w[0], w[1]) < 120)
        .map(|w| w[0])
        .collect();
    if !tight.is_empty() {
        out.push(LayoutFinding {
            vi: format!("{} đoạn nội dung cách đoạn sau dưới 6 pt.", tight.len()),
            en: format!(
                "{} body paragraphs are less than 6 pt from the next.",
                tight.len()
            ),
            fix_vi: "Đặt khoảng cách sau đoạn 6 pt cho các đoạn nội dung.",
            fix_en: "Set 6 pt after the body paragraphs.",
            change: Change::Paragraphs {
                paragraphs: paragraphs_of(pres, tight.iter().copied()),
                align: None,
                first_line: None,
                after: Some(120),
                line: None,
            },
            lines: tight,
        });
    }
    // Single to 1.5 lines: `auto` 240–360; exactly or at least 12–24 pt (a 13–14 pt
    // line is about 15–16 pt single and 23–24 pt at 1.5).
    let spaced = |k: usize| match para(k).line {
        Some((v, true)) => (240..=360).contains(&v),
        Some((v, false)) => (240..=483).contains(&v),
        None => true,
    };
    let wide: Vec<usize> = body
        .iter()
        .copied()
        .filter(|&k| filled(k) && !spaced(k))
        .collect();
    if !wide.is_empty() {
        let mut seen: Vec<String> = wide
            .iter()
            .map(|&k| match para(k).line {
                Some((v, true)) => decimal(f64::from(v) / 240.0),
                Some((v, false)) => format!("{} pt", decimal(f64::from(v) / 20.0)),
                None => String::new(),
            })
            .collect();
        crate::order::sort(&mut seen);
        seen.dedup();
        let list = seen.join(", ");
        out.push(LayoutFinding {
            vi: format!(
                "{} đoạn nội dung giãn dòng {} (quy định từ dòng đơn đến 1,5 dòng).",
                wide.len(),
                list.replace('.', ",")
            ),
            en: format!(
                "{} body paragraphs have line spacing {list} (the decree: single to 1.5 lines).",
                wide.len()
            ),
            fix_vi: "Giãn dòng các đoạn nội dung trong khoảng dòng đơn đến 1,5 dòng.",
            fix_en: "Set the body paragraphs' line spacing between single and 1.5 lines.",
            change: Change::Paragraphs {
                paragraphs: paragraphs_of(pres, wide.iter().copied()),
                align: None,
                first_line: None,
                after: None,
                line: Some((240, 360)),
            },
            lines: wide,
        });
    }
    out
}

/// A data table this long likely runs over a page: its header row should repeat.
const LONG_TABLE_ROWS: usize = 10;

const A4: (u32, u32) = (11906, 16838);
/// One millimetre in twips (1440 per inch).
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;
const FONT_NAME: &str = "Times New Roman";

/// Twips as millimetres to a tenth, as a length is read off Word's rulers.
fn mm(twips: i64) -> f64 {
    ((twips.unsigned_abs() as f64 / TWIPS_PER_MM) * 10.0).round() / 10.0
}

/// The findings on `pres`, the presentation of the file whose text is `text`.
pub fn check(pres: &Presentation, text: &str, plan: &Plan) -> Vec<Diagnostic> {
    check_with_fixes(pres, text, plan).0
}

/// The findings on `pres` and the changes to the file that set them right (each a
/// finding's, by its rule: "Tải .docx đã sửa" shows them before it writes them).
pub fn check_with_fixes(
    pres: &Presentation,
    text: &str,
    plan: &Plan,
) -> (Vec<Diagnostic>, Vec<FileFix>) {
    let mut fixes: Vec<FileFix> = Vec::new();
    let mut offer = |rule: &Rule, vi: String, en: String, change: Change| {
        // A change that names no paragraph (lines read from a table's row) does
        // nothing: not offered.
        if let Change::Runs { paragraphs, .. } | Change::Paragraphs { paragraphs, .. } = &change {
            if paragraphs.is_empty() {
                return;
            }
        }
        fixes.push(FileFix {
            code: rule.code,
            title: Message::new(vi, en),
            change,
        });
    };
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_span = |k: usize| -> Span {
        let start = starts.get(k).copied().unwrap_or(text.len()).min(text.len());
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        Span::new(start, end)
    };
    let mut out = Vec::new();
    let mut report = |rule: &Rule, span: Span, related: Vec<Span>, vi: String, en: String| {
        out.push(Diagnostic {
            code: rule.code,
            severity: rule.severity,
            message: Message::new(vi, en),
            span,
            related,
            fixes: Vec::new(),
        });
    };
    if pres.sections.is_empty() {
        report(
            &NOT_CHECKED,
            line_span(0),
            Vec::new(),
            "Tệp không ghi khổ giấy và lề trang: không kiểm tra được.".to_string(),
            "The file sets no page size or margins: not checked.".to_string(),
        );
    }
    let many = pres.sections.len() > 1;
    for (n, s) in pres.sections.iter().enumerate() {
        let at = line_span(s.first_line);
        let part_vi = if many {
            format!("Phần {} của văn bản: ", n + 1)
        } else {
            String::new()
        };
        let part_en = if many {
            format!("Section {}: ", n + 1)
        } else {
            String::new()
        };
        match (s.width, s.height) {
            (Some(w), Some(h)) => {
                let (short, long) = (w.min(h), w.max(h));
                let near = |a: u32, b: u32| a.abs_diff(b) <= 57; // 1 mm
                if !(near(short, A4.0) && near(long, A4.1)) {
                    offer(
                        &PAGE_SIZE,
                        format!("{part_vi}đổi khổ giấy sang A4 (210 × 297 mm)."),
                        format!("{part_en}make the page A4 (210 × 297 mm)."),
                        Change::PageSize { section: n },
                    );
                    report(
                        &PAGE_SIZE,
                        at,
                        Vec::new(),
                        format!(
                            "{part_vi}khổ giấy {} × {} mm, không phải A4 (210 × 297 mm).",
                            decimal(mm(w.into()).round()),
                            decimal(mm(h.into()).round())
                        ),
                        format!(
                            "{part_en}the page is {} × {} mm, not A4 (210 × 297 mm).",
                            decimal(mm(w.into()).round()),
                            decimal(mm(h.into()).round())
                        ),
                    );
                } else if w > h && !s.has_table {
                    report(
                        &LANDSCAPE,
                        at,
                        Vec::new(),
                        format!("{part_vi}trang nằm ngang mà không có bảng, biểu: trình bày theo chiều dài trang."),
                        format!("{part_en}a landscape page with no table: lay it out portrait."),
                    );
                }
            }
            _ => report(
                &NOT_CHECKED,
                at,
                Vec::new(),
                format!("{part_vi}tệp không ghi khổ giấy: không kiểm tra được."),
                format!("{part_en}the file does not set the page size: not checked."),
            ),
        }
        let names = [
            ("trên", "top"),
            ("dưới", "bottom"),
            ("trái", "left"),
            ("phải", "right"),
        ];
        let ranges = [(20.0, 25.0), (20.0, 25.0), (30.0, 35.0), (15.0, 20.0)];
        let mut bad_vi = Vec::new();
        let mut bad_en = Vec::new();
        let mut unset = false;
        let mut to_twips: [Option<i64>; 4] = [None; 4];
        let mut set_vi = Vec::new();
        let mut set_en = Vec::new();
        // A landscape page (an annex's table) turns its margins with it, and Word
        // turns them one way or the other: each is held to the decree's widest range.
        let landscape = s.width.zip(s.height).is_some_and(|(w, h)| w > h);
        for k in 0..4 {
            match s.margins[k] {
                Some(t) => {
                    let v = mm(t);
                    let (lo, hi) = if landscape { (15.0, 35.0) } else { ranges[k] };
                    if v < lo || v > hi {
                        // The nearest bound, in whole twips that read back as it.
                        let to: f64 = if v < lo { lo } else { hi };
                        to_twips[k] = Some((to * TWIPS_PER_MM).round() as i64);
                        set_vi.push(format!("lề {} {} mm", names[k].0, decimal(to)));
                        set_en.push(format!("{} margin {} mm", names[k].1, decimal(to)));
                        bad_vi.push(format!(
                            "lề {} {} mm (quy định {}–{} mm)",
                            names[k].0,
                            decimal(v),
                            decimal(lo),
                            decimal(hi)
                        ));
                        bad_en.push(format!(
                            "{} margin {} mm (the decree: {}–{} mm)",
                            names[k].1,
                            decimal(v),
                            decimal(lo),
                            decimal(hi)
                        ));
                    }
                }
                None => unset = true,
            }
        }
        if !bad_vi.is_empty() {
            offer(
                &MARGINS,
                format!("{part_vi}đặt {}.", set_vi.join(", ")),
                format!("{part_en}set the {}.", set_en.join(", ")),
                Change::Margins {
                    section: n,
                    twips: to_twips,
                },
            );
            report(
                &MARGINS,
                at,
                Vec::new(),
                format!("{part_vi}{}.", bad_vi.join("; ")),
                format!("{part_en}{}.", bad_en.join("; ")),
            );
        }
        if unset {
            report(
                &NOT_CHECKED,
                at,
                Vec::new(),
                format!("{part_vi}tệp không ghi đủ lề trang: không kiểm tra được."),
                format!("{part_en}the file does not set every margin: not checked."),
            );
        }
    }

    if let Some((vi, en, resize)) = check_page_numbers(pres) {
        offer(
            &PAGE_NUMBERS,
            "Đánh số trang giữa lề trên, từ trang 2.".to_string(),
            "Number the pages centred in the top margin, from page 2.".to_string(),
            Change::PageNumbers { resize },
        );
        report(
            &PAGE_NUMBERS,
            line_span(0),
            Vec::new(),
            format!("{}.", sentence(&vi)),
            format!("{}.", sentence(&en)),
        );
    }

    for part in check_parts(pres, plan) {
        let name_vi = part.vi.split(':').next().unwrap_or_default().to_string();
        let name_en = part.en.split(':').next().unwrap_or_default().to_string();
        offer(
            &PART_STYLE,
            format!("{name_vi}: đặt cỡ chữ và kiểu chữ theo quy định."),
            format!("{name_en}: set its size and style as the decree does."),
            part.change,
        );
        report(
            &PART_STYLE,
            line_span(part.first),
            Vec::new(),
            part.vi,
            part.en,
        );
    }

    // Fonts: one finding for the whole file, at the first line, with the others.
    let foreign: Vec<usize> = (0..pres.lines.len())
        .filter(|&k| pres.lines[k].fonts.iter().any(|f| f != FONT_NAME))
        .collect();
    if let Some(&first) = foreign.first() {
        let mut fonts: Vec<&str> = Vec::new();
        for &k in &foreign {
            for f in &pres.lines[k].fonts {
                if f != FONT_NAME {
                    add_named(&mut fonts, f);
                }
            }
        }
        let list = named_list(&fonts);
        let n = foreign.len();
        offer(
            &FONT,
            "Đổi phông chữ sang Times New Roman (chữ gõ phông .VnTime, VNI chuyển sang Unicode)."
                .to_string(),
            "Set the text in Times New Roman (text typed in .VnTime or VNI fonts converted to Unicode)."
                .to_string(),
            Change::TimesNewRoman,
        );
        report(
            &FONT,
            line_span(first),
            foreign
                .iter()
                .skip(1)
                .take(20)
                .map(|&k| line_span(k))
                .collect(),
            format!("{n} đoạn dùng phông {list}, không phải Times New Roman."),
            format!("{n} paragraphs are set in {list}, not Times New Roman."),
        );
    }
    // Colours: one finding for the whole file, as fonts.
    let coloured: Vec<usize> = (0..pres.lines.len())
        .filter(|&k| !pres.lines[k].colours.is_empty())
        .collect();
    if let Some(&first) = coloured.first() {
        let mut colours: Vec<&str> = Vec::new();
        for &k in &coloured {
            for c in &pres.lines[k].colours {
                add_named(&mut colours, c);
            }
        }
        let list = named_list(&colours);
        let n = coloured.len();
        offer(
            &COLOUR,
            "Đổi màu chữ sang màu đen.".to_string(),
            "Set the text in black.".to_string(),
            Change::BlackText,
        );
        report(
            &COLOUR,
            line_span(first),
            coloured
                .iter()
                .skip(1)
                .take(20)
                .map(|&k| line_span(k))
                .collect(),
            format!("{n} đoạn có chữ màu {list}, không phải màu đen."),
            format!("{n} paragraphs have text in colour {list}, not black."),
        );
    }
    let undetermined = pres.lines.iter().filter(|l| l.font_undetermined).count();
    if undetermined > 0 {
        let first = pres
            .lines
            .iter()
            .position(|l| l.font_undetermined)
            .unwrap_or(0);
        report(
            &NOT_CHECKED,
            line_span(first),
            Vec::new(),
            format!("{undetermined} đoạn không ghi phông chữ (máy sẽ dùng phông mặc định): không kiểm tra được."),
            format!("{undetermined} paragraphs set no font (the computer's default is used): not checked."),
        );
    }

    // Body size: the lines of the content (after the title, before the foot), not
    // tables' rows.
    let title_end = plan.title_end().unwrap_or(0);
    let foot = plan
        .footer_start()
        .into_iter()
        .chain(plan.annexes.first().map(|a| a.range.start))
        .min()
        .unwrap_or(text.len());
    let body: Vec<usize> = (0..pres.lines.len())
        .filter(|&k| {
            let s = line_span(k);
            s.start > title_end && s.end <= foot && !pres.lines[k].in_table && s.start < s.end
        })
        .collect();
    let off: Vec<usize> = body
        .iter()
        .copied()
        .filter(|&k| {
            pres.lines[k]
                .sizes
                .iter()
                .any(|&hp| !(26..=28).contains(&hp))
        })
        .collect();
    if let Some(&first) = off.first() {
        let mut sizes: Vec<u16> = off
            .iter()
            .flat_map(|&k| pres.lines[k].sizes.iter().copied())
            .filter(|hp| !(26..=28).contains(hp))
            .collect();
        crate::order::sort(&mut sizes);
        sizes.dedup();
        let list = sizes
            .iter()
            .map(|hp| decimal(f64::from(*hp) / 2.0))
            .collect::<Vec<_>>()
            .join(", ");
        let n = off.len();
        offer(
            &BODY_SIZE,
            format!("Đặt cỡ chữ 13–14 cho {n} đoạn nội dung."),
            format!("Set {n} body paragraphs in 13–14 pt."),
            Change::Runs {
                paragraphs: paragraphs_of(pres, off.iter().copied()),
                size: Some((26, 28)),
                bold: None,
                italic: None,
            },
        );
        report(
            &BODY_SIZE,
            line_span(first),
            off.iter().skip(1).take(20).map(|&k| line_span(k)).collect(),
            format!("{n} đoạn nội dung cỡ chữ {list}, ngoài 13–14."),
            format!("{n} body paragraphs in {list} pt, outside 13–14 pt."),
        );
    }
    let unsized_body = body
        .iter()
        .filter(|&&k| pres.lines[k].size_undetermined)
        .count();
    if let Some(&first) = body.iter().find(|&&k| pres.lines[k].size_undetermined) {
        report(
            &NOT_CHECKED,
            line_span(first),
            Vec::new(),
            format!("{unsized_body} đoạn nội dung không ghi cỡ chữ: không kiểm tra được."),
            format!("{unsized_body} body paragraphs set no size: not checked."),
        );
    }
    // The text's lines, beside `pres.lines`, for the checks that read their words.
    let lines: Vec<&str> = text.lines().collect();
    for layout in check_body_layout(pres, &lines, &body) {
        let first = layout.lines[0];
        offer(
            &BODY_LAYOUT,
            layout.fix_vi.to_string(),
            layout.fix_en.to_string(),
            layout.change,
        );
        report(
            &BODY_LAYOUT,
            line_span(first),
            layout
                .lines
                .iter()
                .skip(1)
                .take(20)
                .map(|&k| line_span(k))
                .collect(),
            layout.vi,
            layout.en,
        );
    }
    // Long data tables without their header row repeated: one finding each, one fix.
    let unrepeated: Vec<&crate::word::TableFormat> = pres
        .tables
        .iter()
        .filter(|t| t.data && t.rows >= LONG_TABLE_ROWS && !t.header_repeated)
        .collect();
    if !unrepeated.is_empty() {
        offer(
            &TABLE_HEADER,
            "Lặp lại hàng tiêu đề của bảng ở đầu mỗi trang.".to_string(),
            "Repeat the tables' header row on each page.".to_string(),
            Change::RepeatHeader {
                tables: unrepeated.iter().map(|t| t.ordinal).collect(),
            },
        );
    }
    for t in unrepeated {
        report(
            &TABLE_HEADER,
            line_span(t.first_line),
            Vec::new(),
            format!(
                "Bảng {} hàng chưa lặp lại hàng tiêu đề ở đầu mỗi trang.",
                t.rows
            ),
            format!(
                "A table of {} rows does not repeat its header row on each page.",
                t.rows
            ),
        );
    }
    // The header and foot laid out as tables: no border drawn.
    let title_line = title_line(plan);
    let foot_line = plan
        .footer_start()
        .map(|at| text[..at.min(text.len())].matches('\n').count());
    for t in pres.tables.iter().filter(|t| !t.data && t.borders_visible) {
        let (vi, en) = if t.end_line <= title_line {
            ("Phần đầu văn bản", "The header")
        } else if foot_line.is_some_and(|f| t.first_line >= f) {
            ("Phần cuối văn bản", "The foot")
        } else {
            continue;
        };
        report(
            &HEADER_FOOT_BORDERS,
            line_span(t.first_line),
            Vec::new(),
            format!("{vi} trình bày bằng bảng có đường viền: bỏ đường viền của bảng."),
            format!("{en} is laid out in a table with visible borders: remove them."),
        );
    }
    for (line, vi, en) in missing_rules(pres, &lines, plan) {
        report(
            &RULE_UNDER,
            line_span(line),
            Vec::new(),
            format!("{vi} chưa có đường kẻ ngang bên dưới."),
            format!("{en} has no rule under it."),
        );
    }
    (out, fixes)
}

/// The fonts or colours a finding names: eight at most, then `…` (a crafted file
/// of thousands made the message as long, each name compared with every other).
const NAMED_AT_MOST: usize = 8;

fn add_named<'a>(names: &mut Vec<&'a str>, name: &'a str) {
    if names.len() <= NAMED_AT_MOST && !names.contains(&name) {
        names.push(name);
    }
}

fn named_list(names: &[&str]) -> String {
    if names.len() > NAMED_AT_MOST {
        format!("{}, …", names[..NAMED_AT_MOST].join(", "))
    } else {
        names.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A finding names eight fonts at most, each once, then `…`.
    #[test]
    fn a_finding_names_a_few_fonts() {
        let all: Vec<String> = (0..12).map(|i| format!("F{i}")).collect();
        let mut names = Vec::new();
        for n in all.iter().chain(&all) {
            add_named(&mut names, n);
        }
        assert_eq!(named_list(&names), "F0, F1, F2, F3, F4, F5, F6, F7, …");
        assert_eq!(named_list(&names[..2]), "F0, F1");
    }
}
