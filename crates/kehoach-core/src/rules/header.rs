//! Header: national title and motto, issuing agency, number and symbol, place and date.

use super::{span_of, Ctx, Rule};
use crate::diagnostics::Severity;
use crate::model::DocKind;
use crate::source::Span;
use crate::text::{at_most_chars, fold, is_upper_text, Case};

const FULL_HEADER: &str = "UBND TỈNH KIÊN GIANG\nSỞ NGOẠI VỤ\nSố: 05/KH-SNgV\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nKiên Giang, ngày 05 tháng 3 năm 2021\nKẾ HOẠCH\nCông tác năm 2021\n";

pub const NATIONAL_TITLE_MISSING: Rule = Rule {
    code: "KH101",
    name: "national-title-missing",
    severity: Severity::Error,
    what_vi: "Thiếu Quốc hiệu",
    what_en: "The national title is missing",
    why_vi: "Quốc hiệu \"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\" là thành phần bắt buộc của văn bản hành chính.",
    why_en: "The national title is a required part of every administrative document.",
    source: "NĐ 30/2020, Điều 8; Phụ lục I, mục II.1",
    bad: "SỞ NGOẠI VỤ\nSố: 05/KH-SNgV\nKiên Giang, ngày 05 tháng 3 năm 2021\nKẾ HOẠCH\nCông tác năm 2021\n",
    good: FULL_HEADER,
    safe_fix: false,
};

pub const NATIONAL_TITLE_FORM: Rule = Rule {
    code: "KH102",
    name: "national-title-form",
    severity: Severity::Error,
    what_vi: "Quốc hiệu viết sai",
    what_en: "The national title is written wrongly",
    why_vi: "Quốc hiệu phải là \"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\", chữ in hoa.",
    why_en: "It must read \"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\" in upper case.",
    source: "NĐ 30/2020, Phụ lục I, mục II.1",
    bad: "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\nKẾ HOẠCH\nCông tác năm 2021\n",
    good: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nKẾ HOẠCH\nCông tác năm 2021\n",
    safe_fix: true,
};

pub const MOTTO_MISSING: Rule = Rule {
    code: "KH103",
    name: "motto-missing",
    severity: Severity::Error,
    what_vi: "Thiếu Tiêu ngữ",
    what_en: "The motto is missing",
    why_vi: "Tiêu ngữ \"Độc lập - Tự do - Hạnh phúc\" đứng dưới Quốc hiệu.",
    why_en: "The motto \"Độc lập - Tự do - Hạnh phúc\" stands under the national title.",
    source: "NĐ 30/2020, Điều 8; Phụ lục I, mục II.1",
    bad: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nKẾ HOẠCH\nCông tác năm 2021\n",
    good: FULL_HEADER,
    safe_fix: false,
};

pub const MOTTO_FORM: Rule = Rule {
    code: "KH104",
    name: "motto-form",
    severity: Severity::Warning,
    what_vi: "Tiêu ngữ viết sai dấu gạch hoặc chữ hoa",
    what_en: "The motto has wrong dashes or capitals",
    why_vi: "Viết đúng \"Độc lập - Tự do - Hạnh phúc\": gạch nối ngắn có khoảng trắng hai bên, chỉ viết hoa chữ đầu mỗi cụm.",
    why_en: "Write \"Độc lập - Tự do - Hạnh phúc\": ASCII hyphen with spaces, only each phrase's first letter capitalised.",
    source: "NĐ 30/2020, Phụ lục I, mục II.1",
    bad: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh Phúc\nKẾ HOẠCH\nCông tác năm 2021\n",
    good: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nKẾ HOẠCH\nCông tác năm 2021\n",
    safe_fix: true,
};

pub const AGENCY_MISSING: Rule = Rule {
    code: "KH105",
    name: "agency-missing",
    severity: Severity::Error,
    what_vi: "Thiếu tên cơ quan ban hành",
    what_en: "The issuing agency is missing",
    why_vi: "Tên cơ quan, tổ chức ban hành văn bản đứng ở góc trên bên trái.",
    why_en: "The issuing agency stands at the top left of the header.",
    source: "NĐ 30/2020, Điều 8; Phụ lục I, mục II.2",
    bad: "Số: 05/KH-SNgV\nKiên Giang, ngày 05 tháng 3 năm 2021\nKẾ HOẠCH\nCông tác năm 2021\n",
    good: FULL_HEADER,
    safe_fix: false,
};

pub const AGENCY_CASE: Rule = Rule {
    code: "KH106",
    name: "agency-case",
    severity: Severity::Warning,
    what_vi: "Tên cơ quan ban hành không viết in hoa",
    what_en: "The issuing agency is not in upper case",
    why_vi: "Tên cơ quan ban hành được trình bày bằng chữ in hoa.",
    why_en: "The agency name is set in upper case.",
    source: "NĐ 30/2020, Phụ lục I, mục II.2",
    bad: "Sở Ngoại vụ\nSố: 05/KH-SNgV\nKẾ HOẠCH\nCông tác năm 2021\n",
    good: "SỞ NGOẠI VỤ\nSố: 05/KH-SNgV\nKẾ HOẠCH\nCông tác năm 2021\n",
    safe_fix: true,
};

pub const NUMBER_MISSING: Rule = Rule {
    code: "KH107",
    name: "number-missing",
    severity: Severity::Error,
    what_vi: "Thiếu số, ký hiệu văn bản",
    what_en: "The number and symbol line is missing",
    why_vi:
        "Kế hoạch có dòng \"Số: …/KH-…\" dưới tên cơ quan (trừ kế hoạch ban hành kèm quyết định).",
    why_en: "A plan has a \"Số: …/KH-…\" line under the agency (unless attached to a decision).",
    source: "NĐ 30/2020, Phụ lục I, mục II.3",
    bad: "SỞ NGOẠI VỤ\nKẾ HOẠCH\nCông tác năm 2021\n",
    good: FULL_HEADER,
    safe_fix: false,
};

pub const NUMBER_BLANK: Rule = Rule {
    code: "KH108",
    name: "number-blank",
    severity: Severity::Info,
    what_vi: "Số văn bản còn để trống (dự thảo)",
    what_en: "The number is left blank (a draft)",
    why_vi: "Dự thảo chờ ký để trống số; văn thư điền số khi ban hành.",
    why_en: "A draft leaves the number blank; the records office fills it in on issue.",
    source: "practice",
    bad: "SỞ NGOẠI VỤ\nSố:      /KH-SNgV\nKẾ HOẠCH\nCông tác năm 2021\n",
    good: FULL_HEADER,
    safe_fix: false,
};

pub const NUMBER_LEADING_ZERO: Rule = Rule {
    code: "KH109",
    name: "number-leading-zero",
    severity: Severity::Warning,
    what_vi: "Số nhỏ hơn 10 thiếu số 0 ở đầu",
    what_en: "A number below 10 lacks its leading zero",
    why_vi: "Số văn bản nhỏ hơn 10 phải ghi thêm số 0 phía trước (05, không phải 5).",
    why_en: "Numbers below 10 take a leading zero (05, not 5).",
    source: "NĐ 30/2020, Phụ lục I, mục II.3",
    bad: "SỞ NGOẠI VỤ\nSố: 5/KH-SNgV\nKẾ HOẠCH\nCông tác năm 2021\n",
    good: "SỞ NGOẠI VỤ\nSố: 05/KH-SNgV\nKẾ HOẠCH\nCông tác năm 2021\n",
    safe_fix: true,
};

pub const NUMBER_SPACING: Rule = Rule {
    code: "KH110",
    name: "number-spacing",
    severity: Severity::Warning,
    what_vi: "Số, ký hiệu có khoảng trắng, thiếu dấu hai chấm hoặc \"SỐ\" viết hoa",
    what_en: "Spaces inside the number and symbol, no colon after Số, or SỐ in capitals",
    why_vi: "Viết \"Số: 23/KH-SNgV\": dấu hai chấm sau \"Số\", không có khoảng trắng quanh \"/\" và \"-\".",
    why_en: "Write \"Số: 23/KH-SNgV\": a colon after Số, no spaces around \"/\" and \"-\".",
    source: "NĐ 30/2020, Phụ lục I, mục II.3",
    bad: "SỞ NGOẠI VỤ\nSố: 23 /KH-SNgV\nKẾ HOẠCH\nCông tác năm 2021\n",
    good: "SỞ NGOẠI VỤ\nSố: 23/KH-SNgV\nKẾ HOẠCH\nCông tác năm 2021\n",
    safe_fix: true,
};

pub const TYPE_CODE: Rule = Rule {
    code: "KH111",
    name: "type-code",
    severity: Severity::Error,
    what_vi: "Ký hiệu loại văn bản không phải KH",
    what_en: "The type code is not KH",
    why_vi: "Chữ viết tắt tên loại của kế hoạch là \"KH\" (Phụ lục III).",
    why_en: "The abbreviation for a plan is \"KH\" (Appendix III).",
    source: "NĐ 30/2020, Phụ lục III",
    bad: "SỞ NGOẠI VỤ\nSố: 05/QĐ-SNgV\nKẾ HOẠCH\nCông tác năm 2021\n",
    good: "SỞ NGOẠI VỤ\nSố: 05/KH-SNgV\nKẾ HOẠCH\nCông tác năm 2021\n",
    safe_fix: false,
};

pub const SYMBOL_FORM: Rule = Rule {
    code: "KH112",
    name: "symbol-form",
    severity: Severity::Error,
    what_vi: "Ký hiệu văn bản không đúng dạng loại-cơ quan",
    what_en: "The symbol is not of the form type-agency",
    why_vi: "Ký hiệu gồm chữ viết tắt tên loại và tên cơ quan, nối bằng \"-\" (KH-UBND).",
    why_en: "The symbol is the type code and the agency code joined by \"-\" (KH-UBND).",
    source: "NĐ 30/2020, Phụ lục I, mục II.3",
    bad: "SỞ NGOẠI VỤ\nSố: 05/SNgV\nKẾ HOẠCH\nCông tác năm 2021\n",
    good: "SỞ NGOẠI VỤ\nSố: 05/KH-SNgV\nKẾ HOẠCH\nCông tác năm 2021\n",
    safe_fix: false,
};

pub const PLACE_DATE_MISSING: Rule = Rule {
    code: "KH113",
    name: "place-date-missing",
    severity: Severity::Error,
    what_vi: "Thiếu địa danh và thời gian ban hành",
    what_en: "The place and date are missing",
    why_vi: "Dòng \"<Địa danh>, ngày … tháng … năm …\" đứng dưới Tiêu ngữ.",
    why_en: "The line \"<Place>, ngày … tháng … năm …\" stands under the motto.",
    source: "NĐ 30/2020, Điều 8; Phụ lục I, mục II.4",
    bad: "SỞ NGOẠI VỤ\nSố: 05/KH-SNgV\nKẾ HOẠCH\nCông tác năm 2021\n",
    good: FULL_HEADER,
    safe_fix: false,
};

pub const DATE_INVALID: Rule = Rule {
    code: "KH114",
    name: "date-invalid",
    severity: Severity::Error,
    what_vi: "Ngày ban hành không có thật",
    what_en: "The date does not exist",
    why_vi: "Ngày, tháng phải có thật trong lịch (không có ngày 31 tháng 02).",
    why_en: "The day must exist in the calendar (there is no 31 February).",
    source: "NĐ 30/2020, Phụ lục I, mục II.4",
    bad: "Kiên Giang, ngày 31 tháng 02 năm 2021\nKẾ HOẠCH\nCông tác năm 2021\n",
    good: "Kiên Giang, ngày 28 tháng 02 năm 2021\nKẾ HOẠCH\nCông tác năm 2021\n",
    safe_fix: false,
};

pub const DATE_INCOMPLETE: Rule = Rule {
    code: "KH115",
    name: "date-incomplete",
    severity: Severity::Info,
    what_vi: "Ngày ban hành còn để trống (dự thảo)",
    what_en: "The date is left blank (a draft)",
    why_vi: "Dự thảo có thể để trống ngày, tháng (cả năm); điền khi ký ban hành.",
    why_en: "A draft may leave day and month (even the year) blank until it is signed.",
    source: "practice",
    bad: "Kiên Giang, ngày    tháng    năm 2021\nKẾ HOẠCH\nCông tác năm 2021\n",
    good: "Kiên Giang, ngày 05 tháng 3 năm 2021\nKẾ HOẠCH\nCông tác năm 2021\n",
    safe_fix: false,
};

pub const DATE_ZEROS: Rule = Rule {
    code: "KH116",
    name: "date-leading-zeros",
    severity: Severity::Warning,
    what_vi: "Số 0 đầu ngày, tháng viết sai",
    what_en: "Leading zeros of day or month are wrong",
    why_vi: "Ngày dưới 10 và tháng 1, 2 có số 0 phía trước (ngày 05, tháng 01, tháng 02); tháng 3 đến 12 thì không (tháng 3).",
    why_en: "Days below 10 and months 1 and 2 take a leading zero; months 3 to 12 do not.",
    source: "NĐ 30/2020, Phụ lục I, mục II.4",
    bad: "Kiên Giang, ngày 5 tháng 03 năm 2021\nKẾ HOẠCH\nCông tác năm 2021\n",
    good: "Kiên Giang, ngày 05 tháng 3 năm 2021\nKẾ HOẠCH\nCông tác năm 2021\n",
    safe_fix: true,
};

pub const PLACE_FORM: Rule = Rule {
    code: "KH117",
    name: "place-form",
    severity: Severity::Warning,
    what_vi: "Địa danh không viết hoa hoặc thiếu dấu phẩy",
    what_en: "The place lacks its capital or the comma after it",
    why_vi: "Địa danh viết hoa chữ đầu và theo sau là dấu phẩy: \"Cà Mau, ngày …\".",
    why_en: "The place starts with a capital and is followed by a comma: \"Cà Mau, ngày …\".",
    source: "NĐ 30/2020, Phụ lục I, mục II.4",
    bad: "Kiên Giang ngày 05 tháng 3 năm 2021\nKẾ HOẠCH\nCông tác năm 2021\n",
    good: "Kiên Giang, ngày 05 tháng 3 năm 2021\nKẾ HOẠCH\nCông tác năm 2021\n",
    safe_fix: true,
};

pub const RULES: &[Rule] = &[
    NATIONAL_TITLE_MISSING,
    NATIONAL_TITLE_FORM,
    MOTTO_MISSING,
    MOTTO_FORM,
    AGENCY_MISSING,
    AGENCY_CASE,
    NUMBER_MISSING,
    NUMBER_BLANK,
    NUMBER_LEADING_ZERO,
    NUMBER_SPACING,
    TYPE_CODE,
    SYMBOL_FORM,
    PLACE_DATE_MISSING,
    DATE_INVALID,
    DATE_INCOMPLETE,
    DATE_ZEROS,
    PLACE_FORM,
];

use crate::vocab::{MOTTO, NATIONAL_TITLE};

/// Where a missing header part is reported: the title line, else the start.
fn anchor(cx: &Ctx) -> Span {
    cx.plan
        .title
        .as_ref()
        .map(|t| span_of(&t.kind_word))
        .or_else(|| {
            cx.src
                .lines
                .iter()
                .find(|l| !l.is_blank())
                .map(|l| l.content)
        })
        .unwrap_or_default()
}

pub(super) fn check(cx: &mut Ctx) {
    let h = &cx.plan.header;
    let at = anchor(cx);
    let attached = cx.plan.kind == DocKind::PlanInDecision
        || cx
            .plan
            .title
            .as_ref()
            .is_some_and(|t| t.attached_to.is_some());

    // A Party document is headed `ĐẢNG CỘNG SẢN VIỆT NAM`, by the Party's rules.
    let party = h.is_party();
    match &h.national_title {
        None if party => {}
        None => {
            cx.report(
                &NATIONAL_TITLE_MISSING,
                at,
                "Thiếu Quốc hiệu \"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\".",
                "The national title \"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\" is missing.",
            );
        }
        Some(f) => {
            // A title wrapped over two lines reads with one space where it wrapped.
            let one_line = crate::text::collapse_spaces(&f.text);
            let folded = fold(&one_line);
            let exact =
                one_line == NATIONAL_TITLE || one_line == "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM";
            if !exact {
                let d = cx.report(
                    &NATIONAL_TITLE_FORM,
                    span_of(f),
                    format!("Quốc hiệu phải là \"{NATIONAL_TITLE}\"."),
                    format!("The national title must read \"{NATIONAL_TITLE}\"."),
                );
                let safe = folded == NATIONAL_TITLE;
                d.fix(
                    safe,
                    "Viết lại Quốc hiệu",
                    "Rewrite the national title",
                    span_of(f),
                    NATIONAL_TITLE,
                );
            }
        }
    }
    match &h.motto {
        None if party => {}
        None => {
            cx.report(
                &MOTTO_MISSING,
                at,
                "Thiếu Tiêu ngữ \"Độc lập - Tự do - Hạnh phúc\".",
                "The motto \"Độc lập - Tự do - Hạnh phúc\" is missing.",
            );
        }
        Some(f) if f.text != MOTTO => {
            let normalized: String = f
                .text
                .split(['-', '–', '—'])
                .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
                .join(" - ");
            let safe = fold(&normalized) == fold(MOTTO);
            let d = cx.report(
                &MOTTO_FORM,
                span_of(f),
                format!("Tiêu ngữ phải viết đúng \"{MOTTO}\"."),
                format!("The motto must read \"{MOTTO}\"."),
            );
            d.fix(
                safe,
                "Viết lại Tiêu ngữ",
                "Rewrite the motto",
                span_of(f),
                MOTTO,
            );
        }
        Some(_) => {}
    }
    if h.agency.is_empty() {
        cx.report(
            &AGENCY_MISSING,
            at,
            "Thiếu tên cơ quan ban hành (góc trên bên trái).",
            "The issuing agency (top left) is missing.",
        );
    }
    // A lower-case agency line is classified as unclassified header text: look for it
    // among the cells above the number line.
    if h.agency.is_empty() {
        if let Some(f) = cx.plan.unclassified.iter().find(|f| {
            f.range.end <= at.start && at_most_chars(&f.text, 60) && !f.text.contains(':')
        }) {
            if !is_upper_text(&f.text) {
                let span = span_of(f);
                let up = f.text.upper();
                cx.report(
                    &AGENCY_CASE,
                    span,
                    format!("Tên cơ quan ban hành phải viết in hoa: \"{up}\"."),
                    format!("The agency name is set in upper case: \"{up}\"."),
                )
                .fix(true, "Viết in hoa", "Make upper case", span, up);
            }
        }
    }

    match &h.number {
        None if !attached => {
            cx.report(
                &NUMBER_MISSING,
                at,
                "Thiếu số, ký hiệu văn bản (\"Số: …/KH-…\").",
                "The number and symbol line (\"Số: …/KH-…\") is missing.",
            );
        }
        None => {}
        Some(n) => check_number(cx, n, attached),
    }

    match &h.place_date {
        // A plan issued with a decision is dated by the decision.
        None if attached => {}
        None => {
            cx.report(
                &PLACE_DATE_MISSING,
                at,
                "Thiếu địa danh và thời gian ban hành (\"<Địa danh>, ngày … tháng … năm …\").",
                "The place and date line (\"<Place>, ngày … tháng … năm …\") is missing.",
            );
        }
        Some(pd) => check_place_date(cx, pd),
    }
}

fn check_number(cx: &mut Ctx, n: &crate::model::DocNumber, attached: bool) {
    let span = n.range.span();
    let raw = span.text(cx.text()).to_string();
    match &n.number {
        None => {
            cx.report(
                &NUMBER_BLANK,
                span,
                "Số văn bản còn để trống: dự thảo chờ cấp số.",
                "The number is blank: a draft awaiting its number.",
            );
        }
        Some(num) if num.len() == 1 => {
            let at = raw.find(num.as_str()).map_or(span, |i| {
                Span::new(span.start + i, span.start + i + num.len())
            });
            cx.report(
                &NUMBER_LEADING_ZERO,
                at,
                format!("Số nhỏ hơn 10 cần số 0 ở đầu: \"0{num}\"."),
                format!("Numbers below 10 take a leading zero: \"0{num}\"."),
            )
            .fix(
                true,
                format!("Sửa thành 0{num}"),
                format!("Change to 0{num}"),
                at,
                format!("0{num}"),
            );
        }
        Some(_) => {}
    }
    // Canonical form of the line: `Số: <num>/<symbol>` with no inner spaces, or the
    // Party's own `Số <num>-<symbol>` (no colon: `Số 3260-KH/ĐĐQH15` is right as it
    // stands, and `Số: 3260/KH/ĐĐQH15` would be neither form).
    let canonical = n.canonical_line();
    let blank_number = n.number.is_none();
    let spaced =
        !blank_number && raw != canonical && raw.replace(' ', "") == canonical.replace(' ', "");
    let no_colon = !n.party_form && !raw.starts_with("Số:");
    if spaced || (no_colon && !blank_number) {
        // `SỐ:` in a header set in capitals: the word's case is what differs.
        let capitals = raw.starts_with("SỐ");
        let (vi, en, fix_vi, fix_en) = if capitals {
            (
                format!("Viết \"Số\" chỉ hoa chữ S: \"{canonical}\"."),
                format!("Write \"Số\" with only its S in capitals: \"{canonical}\"."),
                "Viết \"Số:\"",
                "Write \"Số:\"",
            )
        } else {
            (
                format!("Viết liền số và ký hiệu: \"{canonical}\"."),
                format!("Write the number and symbol without spaces: \"{canonical}\"."),
                "Bỏ khoảng trắng thừa",
                "Remove the extra spaces",
            )
        };
        // Letters a scan set apart (`QĐ - U B ND`) are joined by the fix: a click
        // away, not fix-all's, which never makes one word of several.
        let joins_letters = raw.split_once('/').is_some_and(|(_, sym)| {
            let chars: Vec<char> = sym.chars().collect();
            chars
                .windows(3)
                .any(|w| w[0].is_alphanumeric() && w[1] == ' ' && w[2].is_alphanumeric())
        });
        cx.report(&NUMBER_SPACING, span, vi, en).fix(
            !joins_letters,
            fix_vi,
            fix_en,
            span,
            canonical.clone(),
        );
    }
    if attached {
        return;
    }
    if n.type_code.is_empty() {
        if !n.symbol.is_empty() {
            cx.report(
                &SYMBOL_FORM,
                span,
                format!(
                    "Ký hiệu \"{}\" thiếu chữ viết tắt tên loại: kế hoạch ghi \"KH-<cơ quan>\".",
                    n.symbol
                ),
                format!(
                    "The symbol \"{}\" lacks the type code: a plan writes \"KH-<agency>\".",
                    n.symbol
                ),
            );
        }
    } else if n.type_code != "KH" {
        cx.report(
            &TYPE_CODE,
            span,
            format!(
                "Ký hiệu loại \"{}\" không phải của kế hoạch: phải là \"KH\".",
                n.type_code
            ),
            format!(
                "The type code \"{}\" is not a plan's: it must be \"KH\".",
                n.type_code
            ),
        );
    } else if n.agency_code.is_empty() {
        cx.report(
            &SYMBOL_FORM,
            span,
            "Ký hiệu thiếu chữ viết tắt tên cơ quan sau \"KH-\".",
            "The symbol lacks the agency code after \"KH-\".",
        );
    }
}

fn check_place_date(cx: &mut Ctx, pd: &crate::model::PlaceDate) {
    let span = pd.range.span();
    let raw = span.text(cx.text()).to_string();
    let d = pd.date;
    // The digits after `năm` when they are no four-digit year (`năm 20`).
    let short_year = &pd.year_text;
    if !short_year.is_empty() {
        cx.report(
            &DATE_INVALID,
            span,
            format!("Năm ban hành \"{short_year}\" phải viết đủ 4 chữ số."),
            format!("The year \"{short_year}\" must be written with 4 digits."),
        );
        return;
    }
    if !d.is_valid() {
        cx.report(
            &DATE_INVALID,
            span,
            format!(
                "Ngày {}/{}/{} không có thật.",
                pd.day_text,
                pd.month_text,
                d.year.unwrap_or(0)
            ),
            format!(
                "The date {}/{}/{} does not exist.",
                pd.day_text,
                pd.month_text,
                d.year.unwrap_or(0)
            ),
        );
        return;
    }
    if !d.is_complete() {
        let (vi, en) = if d.year.is_none() {
            (
                "Ngày, tháng, năm ban hành còn để trống: điền khi ký.",
                "Day, month and year are blank: fill them in when signing.",
            )
        } else {
            (
                "Ngày, tháng ban hành còn để trống: điền khi ký.",
                "Day or month is blank: fill it in when signing.",
            )
        };
        cx.report(&DATE_INCOMPLETE, span, vi, en);
    }
    // Leading zeros: day < 10 and months 1–2 with a zero, months 3–12 without.
    let mut edits = Vec::new();
    if let Some(day) = d.day {
        let want = format!("{day:02}");
        if pd.day_text != want {
            edits.push(("ngày", pd.day_text.clone(), want));
        }
    }
    if let Some(m) = d.month {
        let want = if m <= 2 {
            format!("{m:02}")
        } else {
            m.to_string()
        };
        if pd.month_text != want {
            edits.push(("tháng", pd.month_text.clone(), want));
        }
    }
    if !edits.is_empty() {
        let mut fixed = raw.clone();
        for (word, from, to) in &edits {
            fixed = fixed.replacen(&format!("{word} {from} "), &format!("{word} {to} "), 1);
        }
        // `tháng 0 6`: the extraction split the figure; whether the `0` is a leading
        // zero is the user's call, not fix-all's.
        let split = edits
            .iter()
            .any(|(_, from, _)| from.contains(char::is_whitespace));
        let safe = fixed != raw && !split;
        let list: Vec<String> = edits
            .iter()
            .map(|(w, f, t)| format!("{w} {f} → {w} {t}"))
            .collect();
        cx.report(
            &DATE_ZEROS,
            span,
            format!("Sửa số 0 đầu ngày, tháng: {}.", list.join(", ")),
            format!("Fix the leading zeros: {}.", list.join(", ")),
        )
        .fix(safe, "Sửa ngày, tháng", "Fix day and month", span, fixed);
    }
    // Place: a capital, then a comma before `ngày`.
    let place = pd.place.as_str();
    let starts_upper = place.chars().next().is_some_and(|c| c.is_uppercase());
    let comma = raw[..raw.find("ngày").unwrap_or(raw.len())].contains(',');
    if !place.is_empty() && !crate::text::is_placeholder(place) && (!starts_upper || !comma) {
        let fixed_place = crate::text::capitalize_first(place);
        let rest_at = raw.find("ngày").unwrap_or(raw.len());
        let fixed = format!("{fixed_place}, {}", &raw[rest_at..]);
        cx.report(
            &PLACE_FORM,
            span,
            format!("Viết \"{fixed_place}, ngày …\": địa danh viết hoa, theo sau là dấu phẩy."),
            format!("Write \"{fixed_place}, ngày …\": capitalised place followed by a comma."),
        )
        .fix(true, "Sửa địa danh", "Fix the place", span, fixed);
    }
}
