//! The signature block: authority, title, signer.

use super::{span_of, Ctx, Rule};
use crate::diagnostics::Severity;
use crate::parse::shapes::authority_parts;
use crate::source::Span;
use crate::text::fold;

pub const SIGNATURE_MISSING: Rule = Rule {
    code: "KH701",
    name: "signature-missing",
    severity: Severity::Error,
    what_vi: "Thiếu phần ký (chức vụ, họ tên người ký)",
    what_en: "The signature block is missing",
    why_vi: "Văn bản kết thúc bằng quyền hạn, chức vụ và họ tên người ký ở góc dưới bên phải.",
    why_en: "A document ends with the signer's authority, title and name at the bottom right.",
    source: "NĐ 30/2020, Điều 8; Phụ lục I, mục II.7",
    bad: "1. Nhiệm vụ./.\nNơi nhận:\n- Lưu: VT.\n",
    good: "1. Nhiệm vụ./.\nNơi nhận:\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Hải Hòa\n",
    safe_fix: false,
};

pub const UNKNOWN_AUTHORITY: Rule = Rule {
    code: "KH702",
    name: "unknown-authority",
    severity: Severity::Error,
    what_vi: "Quyền hạn ký không hợp lệ",
    what_en: "Unknown signing authority prefix",
    why_vi:
        "Chỉ dùng TM., KT., TL., TUQ., Q. trước chức vụ; \"10/\" là lỗi gõ (thường là \"KT.\").",
    why_en:
        "Only TM., KT., TL., TUQ., Q. stand before a title; \"10/\" is a typo (usually \"KT.\").",
    source: "NĐ 30/2020, Điều 13; Phụ lục I, mục II.7",
    bad: "1. Nhiệm vụ./.\nNơi nhận:\n- Lưu: VT.\n10/ GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Việt Thông\n",
    good: "1. Nhiệm vụ./.\nNơi nhận:\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Việt Thông\n",
    safe_fix: false,
};

pub const DEPUTY_TITLE: Rule = Rule {
    code: "KH703",
    name: "kt-without-deputy",
    severity: Severity::Error,
    what_vi: "\"KT.\" không có chức vụ cấp phó đi kèm",
    what_en: "\"KT.\" is not followed by a deputy title",
    why_vi: "Ký thay (KT. X) là cấp phó của X ký: dòng dưới phải là \"PHÓ X\" (hoặc \"THỨ TRƯỞNG\" khi X là \"BỘ TRƯỞNG\").",
    why_en: "Signing for X (KT. X) is done by X's deputy: the next line is \"PHÓ X\" (or \"THỨ TRƯỞNG\" for \"BỘ TRƯỞNG\").",
    source: "NĐ 30/2020, Điều 13",
    bad: "1. Nhiệm vụ./.\nNơi nhận:\n- Lưu: VT.\nKT. CHỦ TỊCH\nCHỦ TỊCH\nLê Hải Hòa\n",
    good: "1. Nhiệm vụ./.\nNơi nhận:\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Hải Hòa\n",
    safe_fix: false,
};

pub const AUTHORITY_SPACE: Rule = Rule {
    code: "KH704",
    name: "authority-space",
    severity: Severity::Warning,
    what_vi: "Thiếu khoảng trắng sau quyền hạn ký",
    what_en: "No space after the authority prefix",
    why_vi: "Viết \"KT. CHỦ TỊCH\", có khoảng trắng sau dấu chấm.",
    why_en: "Write \"KT. CHỦ TỊCH\" with a space after the dot.",
    source: "NĐ 30/2020, Phụ lục I, mục II.7",
    bad: "1. Nhiệm vụ./.\nNơi nhận:\n- Lưu: VT.\nKT.CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Hải Hòa\n",
    good: "1. Nhiệm vụ./.\nNơi nhận:\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Hải Hòa\n",
    safe_fix: true,
};

pub const ACADEMIC_TITLE: Rule = Rule {
    code: "KH705",
    name: "signer-academic-title",
    severity: Severity::Warning,
    what_vi: "Họ tên người ký kèm học hàm, học vị",
    what_en: "The signer's name carries an academic title",
    why_vi: "Họ tên người ký không kèm học hàm, học vị (TS., ThS.…).",
    why_en: "The signer's name carries no academic title (TS., ThS.…).",
    source: "NĐ 30/2020, Phụ lục I, mục II.7",
    bad: "1. Nhiệm vụ./.\nNơi nhận:\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nTS. Nguyễn Văn An\n",
    good: "1. Nhiệm vụ./.\nNơi nhận:\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Văn An\n",
    safe_fix: false,
};

pub const TRAILING: Rule = Rule {
    code: "KH706",
    name: "text-after-signer",
    severity: Severity::Error,
    what_vi: "Có chữ thừa sau tên người ký",
    what_en: "Text trails after the signer's name",
    why_vi: "Sau họ tên người ký không còn gì; chữ thừa (tên lặp lại, chữ rác khi sao chép) phải xóa.",
    why_en: "Nothing follows the signer's name; stray text (a repeated name, copy noise) must go.",
    source: "NĐ 30/2020, Phụ lục I, mục II.7",
    bad: "1. Nhiệm vụ./.\nNơi nhận:\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Việt Thông\nNguyễn Việt Thông\nBRITISH MUSEUM\n",
    good: "1. Nhiệm vụ./.\nNơi nhận:\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Việt Thông\n",
    safe_fix: false,
};

pub const NAME_MISSING: Rule = Rule {
    code: "KH707",
    name: "signer-name-missing",
    severity: Severity::Warning,
    what_vi: "Phần ký thiếu họ tên người ký",
    what_en: "The signature block has no signer's name",
    why_vi: "Dưới chức vụ (và chỗ ký) ghi họ tên người ký.",
    why_en: "The signer's name stands under the title (and the space for the signature).",
    source: "NĐ 30/2020, Phụ lục I, mục II.7",
    bad: "1. Nhiệm vụ./.\nNơi nhận:\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n",
    good: "1. Nhiệm vụ./.\nNơi nhận:\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Văn An\n",
    safe_fix: false,
};

pub const APPENDED: Rule = Rule {
    code: "KH708",
    name: "document-after-signer",
    severity: Severity::Info,
    what_vi: "Sau chữ ký là một văn bản khác",
    what_en: "Another document follows the signature",
    why_vi: "Văn bản kết thúc ở họ tên người ký (và phụ lục). Một văn bản có tiêu ngữ riêng sau đó (phiếu xử lý văn bản đến, phiếu trình) được quét hoặc dán cùng: không thuộc kế hoạch và không được kiểm tra.",
    why_en: "The document ends with the signer's name (and its annexes). A document with its own national title after it (a routing slip, a cover note) was scanned or pasted with it: it is not the plan's and is not checked.",
    source: "Thực tiễn",
    bad: "1. Nhiệm vụ./.\nNơi nhận:\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Văn An\n\nTRƯỜNG ĐẠI HỌC MẪU\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nPHIẾU XỬ LÝ VĂN BẢN ĐẾN\nKính chuyển: Ban Giám hiệu\n",
    good: "1. Nhiệm vụ./.\nNơi nhận:\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Văn An\n",
    safe_fix: false,
};

pub const RULES: &[Rule] = &[
    SIGNATURE_MISSING,
    UNKNOWN_AUTHORITY,
    DEPUTY_TITLE,
    AUTHORITY_SPACE,
    ACADEMIC_TITLE,
    TRAILING,
    NAME_MISSING,
    APPENDED,
];

const ACADEMIC: [&str; 8] = ["GS.", "PGS.", "TS.", "ThS.", "KS.", "BS.", "CN.", "TSKH."];

pub(super) fn check(cx: &mut Ctx) {
    let sig = &cx.plan.signature;
    // A plan issued with a decision is signed by the decision.
    if sig.is_empty() && cx.plan.is_attachment() {
        return;
    }
    if sig.is_empty() {
        let at = cx
            .plan
            .recipients
            .as_ref()
            .map(|r| span_of(&r.heading))
            .or_else(|| cx.plan.closing.as_ref().map(span_of))
            .unwrap_or(Span::new(cx.text().len(), cx.text().len()));
        cx.report(
            &SIGNATURE_MISSING,
            at,
            "Thiếu phần ký: quyền hạn, chức vụ và họ tên người ký.",
            "The signature block (authority, title, signer's name) is missing.",
        );
        return;
    }
    for (i, a) in sig.authority.iter().enumerate() {
        let span = span_of(a);
        let Some((prefix, rest, known)) = authority_parts(&a.text) else {
            continue;
        };
        if !known {
            cx.report(
                &UNKNOWN_AUTHORITY,
                span,
                format!(
                    "\"{}\" không phải quyền hạn ký (TM., KT., TL., TUQ., Q.).",
                    a.text.trim_end_matches(rest).trim()
                ),
                format!(
                    "\"{}\" is not a signing authority (TM., KT., TL., TUQ., Q.).",
                    a.text.trim_end_matches(rest).trim()
                ),
            );
            continue;
        }
        let after_dot = a.text.find('.').map_or(0, |i| i + 1);
        if !prefix.contains('/') && !a.text[after_dot..].starts_with(' ') {
            let at = Span::new(span.start + after_dot, span.start + after_dot);
            cx.report(
                &AUTHORITY_SPACE,
                span,
                format!("Viết \"{prefix}. {rest}\" với khoảng trắng sau dấu chấm."),
                format!("Write \"{prefix}. {rest}\" with a space after the dot."),
            )
            .fix(true, "Thêm khoảng trắng", "Add the space", at, " ");
        }
        if prefix == "KT" {
            // The deputy title: the next authority line or the first title line.
            let next = sig
                .authority
                .get(i + 1)
                .or_else(|| sig.titles.first())
                .map(|f| fold(&f.text));
            let x = fold(rest.trim());
            let ok = next.as_deref().is_some_and(|t| {
                (t.contains("PHÓ") && t.contains(x.trim_start_matches("PHÓ ")))
                    || (x == "BỘ TRƯỞNG" && t.starts_with("THỨ TRƯỞNG"))
            });
            if !ok {
                cx.report(
                    &DEPUTY_TITLE,
                    span,
                    format!(
                        "Ký thay \"{}\" thì dòng dưới phải là chức vụ cấp phó (\"PHÓ {}\").",
                        rest.trim(),
                        rest.trim()
                    ),
                    format!(
                        "Signing for \"{}\" needs a deputy title under it (\"PHÓ {}\").",
                        rest.trim(),
                        rest.trim()
                    ),
                );
            }
        }
    }
    match &sig.name {
        None => {
            let at = sig
                .titles
                .last()
                .or(sig.authority.last())
                .map(span_of)
                .unwrap_or_default();
            cx.report(
                &NAME_MISSING,
                at,
                "Phần ký chưa có họ tên người ký.",
                "The signature block has no signer's name.",
            );
        }
        Some(name) => {
            let span = span_of(name);
            if let Some(a) = ACADEMIC.iter().find(|a| name.text.starts_with(*a)) {
                let rest = name.text[a.len()..].trim_start();
                let cut = name.text.len() - rest.len();
                cx.report(
                    &ACADEMIC_TITLE,
                    span,
                    format!("Bỏ học hàm, học vị \"{a}\" trước tên người ký."),
                    format!("Drop the academic title \"{a}\" before the signer's name."),
                )
                .fix(
                    false,
                    format!("Bỏ \"{a}\""),
                    format!("Remove \"{a}\""),
                    Span::new(span.start, span.start + cut),
                    "",
                );
            }
        }
    }
    if let (Some(first), Some(last)) = (cx.plan.appended.first(), cx.plan.appended.last()) {
        let span = span_of(first).cover(span_of(last));
        let lines: Vec<&str> = cx
            .plan
            .appended
            .iter()
            .take(3)
            .map(|f| f.text.as_str())
            .collect();
        let joined = lines.join(" / ");
        let quoted = crate::text::excerpt(&joined, crate::text::QUOTE_CHARS);
        cx.report(
            &APPENDED,
            span,
            format!("Sau chữ ký là một văn bản khác (\"{quoted}\"), không thuộc kế hoạch: phần này không được kiểm tra."),
            format!("Another document follows the signature (\"{quoted}\"); it is not the plan's and is not checked."),
        );
    }
    if let (Some(first), Some(last), false) = (
        sig.trailing.first(),
        sig.trailing.last(),
        is_signers_own_post(sig),
    ) {
        let span = span_of(first).cover(span_of(last));
        let words: Vec<&str> = sig.trailing.iter().map(|f| f.text.as_str()).collect();
        let joined = words.join(" / ");
        let quoted = crate::text::excerpt(&joined, crate::text::QUOTE_CHARS);
        let d = cx.report(
            &TRAILING,
            span,
            format!("Chữ thừa sau tên người ký: \"{quoted}\"."),
            format!("Stray text after the signer's name: \"{quoted}\"."),
        );
        if let Some(n) = &sig.name {
            d.related(span_of(n));
            // Remove from the end of the name line to the end of the trailing text.
            let from = n.range.end;
            d.fix(
                false,
                "Xóa chữ thừa",
                "Remove the stray text",
                Span::new(from, span.end),
                "",
            );
        }
    }
}

/// A team's head writes his own post under his name: `Hoàng Văn Thuân` /
/// `PHÓ GIÁM ĐỐC` / `SỞ CÔNG THƯƠNG LÀO CAI` under `T/M. ĐOÀN KIỂM TRA` / `TRƯỞNG
/// ĐOÀN` (a real inspection team's plan, `tests/fixtures/pending/203_…`). A post in
/// capitals other than the one signed as, and at most its agency's name, are the
/// signer's, not stray text; the same title again, or a name, still is.
fn is_signers_own_post(sig: &crate::model::Signature) -> bool {
    let [post, agency @ ..] = sig.trailing.as_slice() else {
        return false;
    };
    let capitals = |t: &str| crate::text::is_upper_text(t) && t.chars().count() <= 60;
    let post_text = fold(post.text.trim());
    agency.len() <= 1
        && capitals(&post.text)
        && agency.iter().all(|a| capitals(&a.text))
        && crate::parse::SIGNING_TITLES
            .iter()
            .any(|t| post_text.starts_with(t))
        && !(sig.titles.is_empty() && sig.authority.is_empty())
        // Not the title signed as, on its line or closing the authority's (a wrapped
        // `T/M. ĐOÀN KIỂM TRA` / `TRƯỞNG ĐOÀN` reads as one line).
        && !sig
            .titles
            .iter()
            .chain(&sig.authority)
            .any(|t| fold(t.text.trim()).ends_with(&post_text))
}
