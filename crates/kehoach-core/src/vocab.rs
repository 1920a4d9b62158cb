//! The fixed words of an administrative document, defined once: the national title,
//! the motto, and the document types with the codes their symbols carry. The parser,
//! the rules, the template and form (`compose`), the `.docx` and the app's print view
//! all take them from here.

use crate::text::Case;
/// Quốc hiệu (Decree 30, Annex I).
pub const NATIONAL_TITLE: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";

/// Tiêu ngữ, under the national title (Decree 30, Annex I).
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

/// Document types and the code of each in a document's symbol (`Số: 11/KH-UBND`):
/// Decree 30's Appendix III, plus the legal-normative types a plan cites. An empty
/// code: the type's symbol carries none (a công văn is `Số: 123/UBND-VX`, a law
/// `Luật số 45/2019/QH14`). Longer names come before the names they start with
/// (`Thông tư liên tịch` before `Thông tư`), so a search in this order finds the
/// longest.
pub const DOC_TYPES: [(&str, &str); 33] = [
    ("Nghị quyết", "NQ"),
    ("Quyết định", "QĐ"),
    ("Chỉ thị", "CT"),
    ("Quy chế", "QC"),
    ("Quy định", "QyĐ"),
    ("Thông cáo", "TC"),
    ("Thông báo", "TB"),
    ("Hướng dẫn", "HD"),
    ("Chương trình", "CTr"),
    ("Kế hoạch", "KH"),
    ("Phương án", "PA"),
    ("Đề án", "ĐA"),
    ("Dự án", "DA"),
    ("Báo cáo", "BC"),
    ("Biên bản", "BB"),
    ("Tờ trình", "TTr"),
    ("Hợp đồng", "HĐ"),
    ("Công điện", "CĐ"),
    ("Bản ghi nhớ", "BGN"),
    ("Bản thỏa thuận", "BTT"),
    ("Giấy ủy quyền", "GUQ"),
    ("Giấy mời", "GM"),
    ("Giấy giới thiệu", "GGT"),
    ("Giấy nghỉ phép", "GNP"),
    ("Phiếu gửi", "PG"),
    ("Phiếu chuyển", "PC"),
    ("Phiếu báo", "PB"),
    ("Nghị định", "NĐ"),
    ("Thông tư liên tịch", "TTLT"),
    ("Thông tư", "TT"),
    ("Kết luận", "KL"),
    ("Công văn", ""),
    ("Luật", ""),
];

/// Codes seen in the symbols of real documents that the decree does not list: a
/// công văn numbered `123/CV-UBND`. Read as type codes, never suggested.
pub const PRACTICE_CODES: [&str; 1] = ["CV"];

/// True for a type code of a symbol (`KH`, `QĐ`, and the practice's `CV`).
pub fn is_type_code(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty() && (DOC_TYPES.iter().any(|(_, code)| *code == s) || PRACTICE_CODES.contains(&s))
}

/// The code that goes with a type name (`Kế hoạch` → `KH`; `Công văn` → ``), matched
/// without regard to case.
pub fn code_of(name: &str) -> Option<&'static str> {
    let name = name.trim().lower();
    // Each type's name lower-cased as it is compared, not copied (asked for every
    // reference a rule checks).
    DOC_TYPES
        .iter()
        .find(|(n, _)| n.chars().map(crate::text::lower_of).eq(name.chars()))
        .map(|(_, code)| *code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_name_and_code_once() {
        for (i, (name, code)) in DOC_TYPES.iter().enumerate() {
            for (other, other_code) in &DOC_TYPES[i + 1..] {
                assert_ne!(name, other);
                assert!(code.is_empty() || code != other_code, "{code}");
                // A name that starts another comes after it.
                assert!(!other.starts_with(name), "{other} must come before {name}");
            }
        }
    }

    #[test]
    fn codes() {
        assert!(is_type_code("KH"));
        assert!(is_type_code(" QĐ "));
        assert!(is_type_code("CV"));
        assert!(!is_type_code(""));
        assert!(!is_type_code("UBND"));
        assert_eq!(code_of("kế hoạch"), Some("KH"));
        assert_eq!(code_of("Công văn"), Some(""));
        assert_eq!(code_of("Lời kêu gọi"), None);
    }
}
