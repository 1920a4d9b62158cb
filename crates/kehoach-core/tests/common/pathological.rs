/// Pathological inputs, one family per way text can stall a reader: at 256 KB in
/// `tests/properties.rs` a quadratic step would take minutes; `make bench` measures
/// them per byte at 256 KB and 1 MB. Shared by the test and the benchmark.
#[allow(dead_code)]
pub fn pathological_families(bytes: usize) -> Vec<(&'static str, String)> {
    let rep = |unit: &str| unit.repeat(bytes / unit.len().max(1) + 1);
    vec![
        ("underscores", rep("_")),
        ("dots", rep(".")),
        ("dashes", rep("-")),
        ("double spaces", rep("a  ")),
        ("one long line", rep("Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ; ")),
        ("pipe rows", format!("| TT | Nội dung | Chủ trì | Thời gian |\n|---|---|---|---|\n{}", rep("| 1 | Tổ chức | Sở A | Quý I/2025 |\n"))),
        ("loose pipe rows", format!("TT | Nội dung | Chủ trì | Thời gian\n{}", rep("1 | Tổ chức\n| Sở A | Quý I\n"))),
        ("cell per line", rep("|\n1\n|\nTổ chức hội nghị\n|\nSở A\n|\n")),
        ("empty cells", rep("|\n|\n* *\n")),
        // A cell-per-line table under each of many headers, no blank line between.
        ("tables under headers", rep("|\n1\n|\nTổ chức hội nghị\n|\n|\n2\n|\nSở A\n|\n|\nSố: 12/KH-UBND\n")),
        ("tab rows", format!("STT\tNội dung\tChủ trì\tThời gian\n{}", rep("1\tTổ chức\tSở A\tQuý I\n"))),
        ("space columns", format!("TT    Nội dung    Chủ trì    Thời hạn\n{}", rep("1     Tổ chức     Sở A       Quý I\n"))),
        ("deep markers", rep(&format!("{} x\n", "1.".repeat(60)))),
        ("brackets", rep("((((")),
        ("references", rep("Quyết định số 22/QĐ-UBND ngày 03/4/2024; ")),
        // One header line of many agency-and-rule parts: each part was split off by
        // a recursion that read the whole rest (2 s at 128 KB, a stack overflow at 500).
        ("header rules", rep("ỦY BAN --- ")),
        ("annex labels", rep("PHỤ LỤC I\nDANH MỤC\n(Kèm theo Kế hoạch số 1/KH-UBND)\n")),
        ("pdftotext pages", rep("\u{c}       CÔNG BÁO/Số 286/Ngày 27-05-2026          96\n\n              Cơ quan          Thời gian\nSTT    Nội dung                    Kết quả\n              chủ trì          hoàn thành\n       Tổ chức hội nghị tổng kết năm Sở A Văn bản Quý I/2025\n1.                           Sở A             Quý I/2025\n       công tác năm 2025\n")),
        // A page of ten lines: a header recurs no more often (closer, it is a cell).
        ("running headers", rep(&format!("CÔNG BÁO/Số 286/Ngày 27-05-2026\n89\n{}", "Nội dung của trang.\n".repeat(8)))),
        ("wrapped lines", rep("Căn cứ Nghị định số 11/2020/NĐ-CP của Chính phủ về quản lý hoạt\nđộng mẫu trên địa bàn tỉnh và các quy định khác có liên quan đến việc\n")),
        ("bold spans", rep("**Nội dung mở\nđóng lại** ")),
    ]
}
