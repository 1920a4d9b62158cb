/// Pathological inputs, one family per way text can stall a reader: at 256 KB in
/// `tests/properties.rs` a quadratic step would take minutes; `make bench` measures
/// them per byte at 256 KB and 1 MB. Shared by the test and the benchmark.
#[allow(dead_code)]
pub fn pathological_families(bytes: usize) -> Vec<(&'static str, String)> {
    let rep = |unit: &str| unit.repeat(bytes / unit.len().max(1) + 1);
    // A small plan's head, body and foot, to put a family where the reader looks.
    let head = "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG\nSố: 23/KH-UBND\nKiên Giang, ngày 19 tháng 10 năm 2020\n\nKẾ HOẠCH\nCông tác thông tin đối ngoại năm 2021\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\n";
    let foot =
        "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Việt Thông\n";
    let decision = "ỦY BAN NHÂN DÂN\nSố: 1/QĐ-UBND\n\nQUYẾT ĐỊNH\nVề việc ban hành Kế hoạch\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện.\n";
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
        // The same, decomposed (NFD, as a Mac may paste it): a prefix test that meets
        // a combining mark folds what it is given (a review found it given the rest).
        ("header rules decomposed", rep("U\u{309}Y BAN --- ")),
        // Found by a hunt for super-linear reading (session 18), one per cause:
        // a signing line of many authorities (a recursion per part: a stack
        // overflow at 256 KB),
        ("signing parts", format!("KẾ HOẠCH\nTổ chức\nNơi nhận:\n- Như trên;\nTM. ỦY BAN{} KT. CHỦ TỊCH\n", rep(" TL. ỦY BAN"))),
        // double spaces between other white space (each run trimmed all before it),
        ("spaces between wide spaces", format!("{head}Tăng cường{}x.\n{foot}", rep("\u{2003}  "))),
        // agency-and-rule parts before a national title far behind white space
        // (the white space trimmed again for each part),
        ("a far national title", format!("{}{} CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n{head}", "ỦY BAN --- ".repeat(bytes / 28 + 1), "\u{2003}".repeat(bytes / 6 + 1))),
        // a long word in capitals in the foot (the rest counted at each letter),
        ("capitals in the foot", format!("{head}Nội dung./.\n{foot}X {}\n", rep("A"))),
        // a decision's article of many lines (the article copied at each line),
        ("a long article", format!("{decision}{}\nKẾ HOẠCH\nCông tác năm 2021\n\nI. MỤC ĐÍCH\n\n1. Mục đích\n{foot}", rep("a.\n"))),
        // a label line of many `; ` parts and no colon after the first,
        ("label parts", format!("{head}Cơ quan chủ trì: Sở A{}.\n{foot}", rep("; Sở B"))),
        // a finding with a safe fix on every line (fix-all compared each edit
        // with every edit taken),
        ("a fix on every line", format!("{head}{}{foot}", rep("a  b\n"))),
        ("annex labels", rep("PHỤ LỤC I\nDANH MỤC\n(Kèm theo Kế hoạch số 1/KH-UBND)\n")),
        ("pdftotext pages", rep("\u{c}       CÔNG BÁO/Số 286/Ngày 27-05-2026          96\n\n              Cơ quan          Thời gian\nSTT    Nội dung                    Kết quả\n              chủ trì          hoàn thành\n       Tổ chức hội nghị tổng kết năm Sở A Văn bản Quý I/2025\n1.                           Sở A             Quý I/2025\n       công tác năm 2025\n")),
        // A page of ten lines: a header recurs no more often (closer, it is a cell).
        ("running headers", rep(&format!("CÔNG BÁO/Số 286/Ngày 27-05-2026\n89\n{}", "Nội dung của trang.\n".repeat(8)))),
        ("wrapped lines", rep("Căn cứ Nghị định số 11/2020/NĐ-CP của Chính phủ về quản lý hoạt\nđộng mẫu trên địa bàn tỉnh và các quy định khác có liên quan đến việc\n")),
        ("bold spans", rep("**Nội dung mở\nđóng lại** ")),
        // A Gazette table through plain `pdftotext` (shape h): rows counting up, a
        // cell a run of lines, the header again after each page's chrome.
        ("gazette table", {
            let mut t = String::from("TT\nNội dung công việc\nCơ quan\nchủ trì\nCơ quan\nphối hợp\nThời hạn\nhoàn thành\n");
            let mut row = 1;
            while t.len() < bytes {
                t.push_str(&format!("{row}\nTăng cường công tác lãnh đạo, chỉ đạo\nviệc quán triệt, thực hiện Kết luận số 210-\nKL/TW; tiếp tục đẩy mạnh công tác\nCác bộ, cơ\nquan ngang bộ\nCác bộ,\nngành liên quan\nThường xuyên\n"));
                if row % 4 == 0 {
                    t.push_str("\n----- [Trang 2] -----\n\nTT\nNội dung công việc\nCơ quan\nchủ trì\nCơ quan\nphối hợp\nThời hạn\nhoàn thành\n");
                }
                row += 1;
            }
            t
        }),
        // Its header over one endless row, and headers over no row at all.
        ("gazette headers", format!("TT\nNội dung\nCơ quan chủ trì\nThời hạn\n1\n{}", rep("Tổ chức\nSở A\nTT\nNội dung\nCơ quan chủ trì\nThời hạn\n"))),
    ]
}
