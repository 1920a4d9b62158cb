//! Legal references: type word against code, symbol year against date, dates after
//! the plan's own date.

use super::{Ctx, Rule};
use crate::diagnostics::Severity;
use crate::legal::code_for_type_word;
use crate::parse::is_type_code;
use crate::text::Case;

pub const TYPE_MISMATCH: Rule = Rule {
    code: "KH301",
    name: "reference-type-mismatch",
    severity: Severity::Error,
    what_vi: "Tên loại văn bản được dẫn không khớp ký hiệu",
    what_en: "A cited document's type word does not match its code",
    why_vi: "\"Quyết định\" đi với QĐ, \"Nghị định\" với NĐ, \"Thông tư\" với TT, \"Kế hoạch\" với KH…; sai là dẫn nhầm văn bản.",
    why_en: "\"Quyết định\" goes with QĐ, \"Nghị định\" with NĐ, \"Thông tư\" with TT…; a mismatch cites the wrong document.",
    source: "NĐ 30/2020, Phụ lục III",
    bad: "KẾ HOẠCH\nCông tác năm 2024\nCăn cứ Quyết định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ;\n",
    good: "KẾ HOẠCH\nCông tác năm 2024\nCăn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ;\n",
    safe_fix: false,
};

pub const YEAR_MISMATCH: Rule = Rule {
    code: "KH302",
    name: "reference-year-mismatch",
    severity: Severity::Error,
    what_vi: "Năm trong ký hiệu khác năm ban hành văn bản được dẫn",
    what_en: "The year in a cited symbol differs from its date",
    why_vi: "Văn bản quy phạm mang năm ban hành trong ký hiệu (72/2015/NĐ-CP ngày 07/9/2015): hai năm phải trùng nhau.",
    why_en: "Legal-normative symbols carry their year (72/2015/NĐ-CP of 07/9/2015): both years must agree.",
    source: "NĐ 30/2020, Phụ lục I, mục II.3; practice",
    bad: "KẾ HOẠCH\nCông tác năm 2024\nCăn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2016 của Chính phủ;\n",
    good: "KẾ HOẠCH\nCông tác năm 2024\nCăn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ;\n",
    safe_fix: false,
};

pub const AFTER_PLAN: Rule = Rule {
    code: "KH303",
    name: "reference-after-plan",
    severity: Severity::Error,
    what_vi: "Văn bản được dẫn có ngày sau ngày ban hành kế hoạch",
    what_en: "A cited document is dated after the plan",
    why_vi: "Không thể căn cứ vào văn bản chưa ban hành: ngày hoặc số dẫn đã bị gõ nhầm.",
    why_en: "A plan cannot rest on a document not yet issued: the date or number is mistyped.",
    source: "practice",
    bad: "SỞ NGOẠI VỤ\nSố: 05/KH-SNgV\nKiên Giang, ngày 05 tháng 3 năm 2021\nKẾ HOẠCH\nCông tác năm 2021\nCăn cứ Kế hoạch số 12/KH-UBND ngày 10/4/2021 của UBND tỉnh;\n",
    good: "SỞ NGOẠI VỤ\nSố: 05/KH-SNgV\nKiên Giang, ngày 05 tháng 3 năm 2021\nKẾ HOẠCH\nCông tác năm 2021\nCăn cứ Kế hoạch số 12/KH-UBND ngày 10/02/2021 của UBND tỉnh;\n",
    safe_fix: false,
};

pub const RULES: &[Rule] = &[TYPE_MISMATCH, YEAR_MISMATCH, AFTER_PLAN];

pub(super) fn check(cx: &mut Ctx) {
    let plan_date = cx
        .plan
        .header
        .place_date
        .as_ref()
        .map(|p| p.date)
        .filter(|d| d.is_complete() && d.is_valid());
    for r in &cx.plan.references {
        let span = r.range.span();
        // The Party's symbols (`69-QĐ/TW`) use QĐ for both Quyết định and Quy định.
        if let Some(word) = r.type_word.as_ref().filter(|_| !r.party_form) {
            if let Some(expected) = code_for_type_word(word) {
                let code = r.type_code.as_str();
                let wrong = if expected.is_empty() {
                    // A công văn has no type code; a Luật's symbol ends in its issuer.
                    word.lower() == "công văn" && is_type_code(code) && code != "CV"
                } else {
                    is_type_code(code) && code != expected
                };
                if wrong {
                    cx.report(
                        &TYPE_MISMATCH,
                        span,
                        format!(
                            "\"{word}\" đi với ký hiệu {expected}, nhưng ký hiệu ghi {code}.",
                            expected = if expected.is_empty() {
                                "không có mã loại"
                            } else {
                                expected
                            }
                        ),
                        format!(
                            "\"{word}\" goes with {expected}, but the symbol says {code}.",
                            expected = if expected.is_empty() {
                                "no type code"
                            } else {
                                expected
                            }
                        ),
                    );
                }
            }
        }
        if let (Some(year), Some(date)) = (r.year, r.date) {
            if date.year.is_some_and(|y| y != year) {
                let at = r.date_range.map_or(span, |d| d.span());
                cx.report(
                    &YEAR_MISMATCH,
                    at,
                    format!(
                        "Ký hiệu mang năm {year} nhưng ngày ban hành là năm {}.",
                        date.year.unwrap_or(0)
                    ),
                    format!(
                        "The symbol carries {year} but the document is dated {}.",
                        date.year.unwrap_or(0)
                    ),
                )
                .related(span);
            }
        }
        if let (Some(pd), Some(date)) = (plan_date, r.date) {
            if date.is_complete() && date > pd {
                let at = r.date_range.map_or(span, |d| d.span());
                cx.report(
                    &AFTER_PLAN,
                    at,
                    format!(
                        "Văn bản được dẫn ngày {} sau ngày ban hành kế hoạch {}.",
                        date.to_iso(),
                        pd.to_iso()
                    ),
                    format!(
                        "The cited document ({}) is dated after the plan ({}).",
                        date.to_iso(),
                        pd.to_iso()
                    ),
                );
            }
        }
    }
}
