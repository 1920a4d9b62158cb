//! The five real plans of `shared/corpus/seeds`, checked against what
//! `shared/corpus/README.md` says a correct validator finds. The seeds are vendored
//! byte for byte in `tests/seeds/`; `seeds_match_shared_corpus` fails if they drift.

use kehoach_core::diagnostics::Severity;
use kehoach_core::model::{DocKind, PartialDate};
use kehoach_core::source::LineIndex;
use kehoach_core::{check, Report};
use std::path::PathBuf;

fn seed(prefix: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/seeds");
    let entry = std::fs::read_dir(&dir)
        .expect("seed directory")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}"));
    std::fs::read_to_string(entry.path()).expect("seed is UTF-8")
}

/// (line, code, severity) of every finding.
fn findings(text: &str) -> (Report, Vec<(usize, &'static str, Severity)>) {
    let report = check(text);
    let index = LineIndex::new(text);
    let list = report
        .diagnostics
        .iter()
        .map(|d| (index.line_col(text, d.span.start).line, d.code, d.severity))
        .collect();
    (report, list)
}

fn has(list: &[(usize, &str, Severity)], line: usize, code: &str, sev: Severity) -> bool {
    list.iter()
        .any(|&(l, c, s)| l == line && c == code && s == sev)
}

/// The lines of every finding of `code` (its own and its related ranges): noise is one
/// finding per root cause, pointing at each place.
fn lines_of(text: &str, report: &Report, code: &str) -> Vec<usize> {
    let index = LineIndex::new(text);
    let mut out: Vec<usize> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .flat_map(|d| std::iter::once(d.span).chain(d.related.iter().copied()))
        .map(|s| index.line_col(text, s.start).line)
        .collect();
    kehoach_core::order::sort(&mut out);
    out.dedup();
    out
}

/// The messages (in Vietnamese) of the findings with `code` in `report`.
fn messages_of<'a>(report: &'a Report, code: &str) -> Vec<&'a str> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| d.message.vi.as_str())
        .collect()
}

/// How many findings with `code` the check of `text` gives.
fn count_of(text: &str, code: &str) -> usize {
    check(text)
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .count()
}

fn errors_on<'a>(list: &[(usize, &'a str, Severity)], line: usize) -> Vec<&'a str> {
    list.iter()
        .filter(|&&(l, _, s)| l == line && s == Severity::Error)
        .map(|&(_, c, _)| c)
        .collect()
}

#[test]
fn seeds_match_shared_corpus() {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    let Ok(entries) = std::fs::read_dir(&shared) else {
        eprintln!("shared/ not beside the checkout; vendored seeds used as they are");
        return;
    };
    for e in entries.filter_map(Result::ok) {
        let name = e.file_name();
        let ours = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/seeds")
            .join(&name);
        assert_eq!(
            std::fs::read(e.path()).expect("shared seed"),
            std::fs::read(&ours).unwrap_or_default(),
            "tests/seeds/{name:?} differs from shared/corpus: copy it again"
        );
    }
}

#[test]
fn seed_000_ca_mau() {
    let text = seed("000_");
    let (report, list) = findings(&text);
    let p = &report.plan;
    assert_eq!(p.kind, DocKind::Plan);
    let agency: Vec<_> = p.header.agency.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(agency, ["ỦY BAN NHÂN DÂN", "TỈNH CÀ MAU"]);
    assert!(p.header.national_title.is_some() && p.header.motto.is_some());
    let n = p.header.number.as_ref().expect("number");
    assert_eq!(
        (n.number.as_deref(), n.symbol.as_str()),
        (Some("11"), "KH-UBND")
    );
    let pd = p.header.place_date.as_ref().expect("place and date");
    assert_eq!(
        (pd.place.as_str(), pd.date),
        ("Cà Mau", PartialDate::full(2017, 2, 14))
    );
    let sections: Vec<_> = p
        .body
        .iter()
        .map(|n| (n.marker.as_str(), n.title.text.as_str()))
        .collect();
    assert_eq!(
        sections,
        [
            ("I.", "MỤC ĐÍCH, YÊU CẦU"),
            ("II.", "NHIỆM VỤ VÀ GIẢI PHÁP"),
            ("III.", "TỔ CHỨC THỰC HIỆN")
        ]
    );
    assert!(p.end_mark);
    assert_eq!(p.period.as_ref().map(|p| p.from), Some(2017));
    // Header valid: no finding on lines 1–9.
    assert!(list.iter().all(|&(l, _, _)| l > 9), "{list:?}");
    // Upper-case summary: a warning at most.
    assert!(has(&list, 15, "KH204", Severity::Warning));
    assert!(list
        .iter()
        .any(|&(_, c, s)| c == "KH409" && s == Severity::Info));
    // a) … g) with đ) under III.1: valid.
    assert!(
        (43..=54).all(|l| errors_on(&list, l).is_empty()),
        "{list:?}"
    );
    assert!(list.iter().any(|&(_, c, _)| c == "KH602"));
    assert!(list.iter().any(|&(_, c, _)| c == "KH701"));
    // Deadlines 10/12/2017 and 28/02/2017 are consistent.
    assert!(!list.iter().any(|&(_, c, _)| c == "KH502"));
}

#[test]
fn seed_001_phu_tho() {
    let text = seed("001_");
    let (report, list) = findings(&text);
    for code in ["KH101", "KH103", "KH105", "KH107", "KH113"] {
        assert_eq!(
            list.iter()
                .filter(|&&(_, c, s)| c == code && s == Severity::Error)
                .count(),
            1,
            "{code} once: {list:?}"
        );
    }
    // 3.1.–3.4. under 3.: valid.
    assert!(
        (30..=56).all(|l| errors_on(&list, l).is_empty()),
        "{list:?}"
    );
    assert_eq!(report.plan.period.as_ref().map(|p| p.from), Some(2017));
    // "trước ngày 15/5/2016 và 01/11/2017" in a plan for 2017.
    let line86 = list
        .iter()
        .filter(|&&(l, c, _)| l == 86 && c == "KH502")
        .count();
    assert_eq!(line86, 1, "only the 2016 deadline: {list:?}");
    assert!(has(&list, 98, "KH603", Severity::Warning));
    assert!(errors_on(&list, 100).is_empty() && !list.iter().any(|&(l, _, _)| l == 100));
    assert!(list
        .iter()
        .any(|&(_, c, s)| c == "KH701" && s == Severity::Error));
    let tasks = &report.plan.tasks;
    assert!(tasks
        .iter()
        .any(|t| t.lead.iter().any(|l| l.text.starts_with("Công an tỉnh"))));
}

#[test]
fn seed_002_cao_bang() {
    let text = seed("002_");
    let (report, list) = findings(&text);
    assert!(list.iter().any(|&(_, c, _)| c == "KH101"));
    // Both broken sentences, as one finding whose fix joins them.
    assert!(has(&list, 59, "KH808", Severity::Warning));
    assert_eq!(lines_of(&text, &report, "KH808"), [59, 158]);
    assert!(has(&list, 209, "KH604", Severity::Warning));
    assert!(has(&list, 212, "KH806", Severity::Warning));
    let sig = &report.plan.signature;
    assert_eq!(
        sig.authority.first().map(|f| f.text.as_str()),
        Some("KT. CHỦ TỊCH")
    );
    assert_eq!(
        sig.titles.first().map(|f| f.text.as_str()),
        Some("PHÓ CHỦ TỊCH")
    );
    assert_eq!(
        sig.name.as_ref().map(|f| f.text.as_str()),
        Some("Lê Hải Hòa")
    );
    assert!(
        !list
            .iter()
            .any(|&(l, _, s)| l >= 212 && s == Severity::Error),
        "{list:?}"
    );
    assert!(
        !list.iter().any(|&(_, c, _)| c == "KH502"),
        "timelines consistent: {list:?}"
    );
    assert_eq!(report.plan.period.as_ref().map(|p| p.from), Some(2023));
    assert!(report.plan.tasks.iter().any(|t| t
        .timeline
        .as_ref()
        .is_some_and(|tl| tl.text.starts_with("Quý III/2023"))));
}

#[test]
fn seed_003_thua_thien_hue() {
    let text = seed("003_");
    let (_, list) = findings(&text);
    assert!(
        has(&list, 104, "KH401", Severity::Error),
        "l) skipped: {list:?}"
    );
    assert!(
        has(&list, 130, "KH402", Severity::Error),
        "j) not Vietnamese: {list:?}"
    );
    assert!(
        errors_on(&list, 149).is_empty(),
        "III.5 a)…i) is valid: {list:?}"
    );
    // Exactly those two numbering errors.
    let numbering: Vec<_> = list
        .iter()
        .filter(|&&(_, c, _)| c.starts_with("KH40") && c < "KH406")
        .collect();
    assert_eq!(numbering.len(), 2, "{numbering:?}");
    assert!(list.iter().any(|&(_, c, _)| c == "KH701"));
    assert!(
        !list
            .iter()
            .any(|&(l, c, _)| (249..=256).contains(&l) && c.starts_with("KH6")),
        "Nơi nhận valid: {list:?}"
    );
    assert!(!list.iter().any(|&(_, c, _)| c == "KH601"));
}

#[test]
fn seed_004_kien_giang() {
    let text = seed("004_");
    let (report, list) = findings(&text);
    let p = &report.plan;
    let n = p.header.number.as_ref().expect("number");
    assert_eq!(n.number.as_deref(), Some("23"));
    assert_eq!(p.period.as_ref().map(|p| p.from), Some(2021));
    for code in ["KH101", "KH103", "KH105"] {
        assert!(
            list.iter()
                .any(|&(_, c, s)| c == code && s == Severity::Error),
            "{code}"
        );
    }
    assert!(has(&list, 3, "KH110", Severity::Warning));
    assert!(
        !list.iter().any(|&(l, _, _)| l == 5),
        "date valid: {list:?}"
    );
    assert!(
        !list.iter().any(|&(_, c, _)| c == "KH404" || c == "KH502"),
        "{list:?}"
    );
    assert!(has(&list, 40, "KH806", Severity::Warning));
    assert_eq!(lines_of(&text, &report, "KH806"), [40, 46]);
    assert!(has(&list, 67, "KH808", Severity::Warning));
    assert!(has(&list, 78, "KH606", Severity::Warning));
    assert!(has(&list, 80, "KH702", Severity::Error));
    assert!(has(&list, 87, "KH706", Severity::Error));
}

#[test]
fn safe_fixes_remove_their_findings_on_every_seed_and_keep_words() {
    for prefix in ["000_", "001_", "002_", "003_", "004_"] {
        let text = seed(prefix);
        let fixed = kehoach_core::fix::apply_safe_fixes(&text);
        let after = check(&fixed);
        let left: Vec<_> = after
            .diagnostics
            .iter()
            .filter(|d| d.has_safe_fix())
            .map(|d| d.code)
            .collect();
        assert!(left.is_empty(), "{prefix}: safe fixes left {left:?}");
        assert_eq!(
            kehoach_core::fix::apply_safe_fixes(&fixed),
            fixed,
            "{prefix}: not idempotent"
        );
        // Words survive (Markdown marks and invisible characters aside).
        let words = |s: &str| -> Vec<String> {
            s.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect()
        };
        assert_eq!(words(&text), words(&fixed), "{prefix}: words changed");
    }
}

/// Numbers on lines of their own a few lines apart, counting up, number rows or items
/// that lost their table: fix-all keeps them (only a page apart are they pages), and
/// the repeated cell beside them is no running header. A page apart they are called
/// page numbers, removed on a click, not by fix-all (rows can count a page apart).
#[test]
fn numbers_counting_rows_are_no_pages() {
    let rows: String = (1..=5)
        .map(|i| format!("{i}\nTổ chức hội nghị chuyên đề số {i}\nSở Nội vụ\nThường xuyên\n"))
        .collect();
    let text = format!("KẾ HOẠCH\nThử nghiệm\n\nI. NHIỆM VỤ\n{rows}\nNơi nhận:\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn A\n");
    let fixed = kehoach_core::fix::apply_safe_fixes(&text);
    for i in 1..=5 {
        assert!(
            fixed.contains(&format!("\n{i}\nTổ chức")),
            "row {i} lost:\n{fixed}"
        );
    }
    // (Read as lines, not as a table: what this test is about.)
    let report = check(&text);
    assert!(report.plan.tables.is_empty());
    let chrome = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "KH807")
        .any(|d| d.message.vi.contains("không thuộc văn bản"));
    assert!(!chrome, "a repeated cell taken for page chrome");
    // A page apart, the same numbers are pages.
    let pages: String = (2..=4)
        .map(|i| {
            format!(
                "Nội dung trang {}.\n{}{i}\n",
                i - 1,
                "Tiếp tục triển khai nhiệm vụ.\n".repeat(12)
            )
        })
        .collect();
    let fixed = kehoach_core::fix::apply_safe_fixes(&pages);
    assert!(fixed.contains("\n3\n"), "{fixed}");
    let report = check(&pages);
    let pages_found = report
        .diagnostics
        .iter()
        .find(|d| d.code == "KH807" && d.message.vi.contains("là số trang"))
        .expect("the numbers are called page numbers");
    assert!(
        pages_found.message.vi.starts_with("3 dòng"),
        "{pages_found:?}"
    );
    assert!(!pages_found.has_safe_fix() && pages_found.fixes[0].edits.len() == 3);
    // Counted from 1, they number items or rows (the decree shows no number on a
    // first page; real decision 206's schedule, a cell a line): no finding at all.
    let items: String = (1..=3)
        .map(|i| format!("{i}\n{}", "Tiếp tục triển khai nhiệm vụ.\n".repeat(12)))
        .collect();
    let report = check(&items);
    let numbers = messages_of(&report, "KH807");
    assert!(numbers.is_empty(), "{numbers:?}");
}

/// A Công báo text numbers its pages beside its running headers (`CÔNG BÁO/Số 242/…`
/// then `69`, real NQ 105/NQ-CP as extracted from the PDF): those go as chrome, and
/// a number alone on a line elsewhere, a row's number in its annex table a cell a
/// line, is the text's own: not asked about line by line.
#[test]
fn row_numbers_away_from_running_headers_are_the_texts() {
    let mut text = String::from("KẾ HOẠCH\nThử nghiệm\n\nI. NHIỆM VỤ\n");
    for page in 69..=72 {
        text.push_str(&format!("CÔNG BÁO/Số 242/Ngày 22-04-2026\n{page}\n"));
        // Rows a few apart (3, 6, …): no count a reader could take for pages.
        for row in [(page - 68) * 3, (page - 68) * 3 + 2] {
            // Each row its own words (repeated lines would read as running headers).
            text.push_str(&format!(
                "{row}\nNhiệm vụ {row} của trang {page}: quán triệt, triển khai\nBộ Nội vụ\nQuý {row} năm {}\n",
                1958 + page
            ));
            for line in 0..6 {
                text.push_str(&format!(
                    "Nội dung {line} của nhiệm vụ {row}, trang {page}.\n"
                ));
            }
        }
    }
    let report = check(&text);
    let numbers = messages_of(&report, "KH807");
    assert_eq!(numbers.len(), 1, "{numbers:?}");
    assert!(numbers[0].contains("CÔNG BÁO"), "{numbers:?}");
    let chrome = report
        .diagnostics
        .iter()
        .find(|d| d.code == "KH807")
        .expect("chrome");
    let edits: Vec<&str> = chrome.fixes[0]
        .edits
        .iter()
        .map(|e| e.span.text(&text).trim())
        .collect();
    for page in ["69", "70", "71", "72"] {
        assert!(edits.contains(&page), "page {page} not in {edits:?}");
    }
    assert!(!edits.contains(&"3") && !edits.contains(&"5"), "{edits:?}");
}

/// A table a cell a line wraps a cell's parenthesis over several lines (`(sau khi
/// Chính` / `phủ ban hành` / … / `chức)`, real NQ 105/NQ-CP as extracted from its
/// PDF): closed a few lines on, it is balanced; never closed, it is still reported.
#[test]
fn a_parenthesis_wrapped_over_a_cells_lines_is_balanced() {
    let cell = "Năm\n2026\n(sau khi Chính\nphủ ban hành\nNghị định quy\nđịnh về vị trí\nviệc làm công\nchức; vị trí\nviệc làm viên\nchức)\n3\nTổ chức đào tạo bắt buộc về chuyên môn.\n";
    let text = format!("KẾ HOẠCH\nThử nghiệm\n\nI. NHIỆM VỤ\n{cell}");
    assert_eq!(count_of(&text, "KH812"), 0);
    let open = text.replace("chức)", "chức");
    assert_eq!(count_of(&open, "KH812"), 1);
}

/// A web page's foot cell `*Nơi nhận:* - Như Điều 3; - …` keeps its first recipient.
#[test]
fn squashed_recipients_after_an_emphasised_heading_keep_the_first() {
    let text = "KẾ HOẠCH\nThử\n\nI. MỤC ĐÍCH\n1. Làm việc./.\n\n| *Nơi nhận:* - Như Điều 3; - Bộ trưởng (để báo cáo); - Lưu: VT, LNKL. | KT. BỘ TRƯỞNG  THỨ TRƯỞNG     Nguyễn Quốc Trị |\n| --- | --- |\n";
    let plan = check(text).plan;
    let r = plan.recipients.expect("recipients");
    let items: Vec<&str> = r.items.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(items, ["- Như Điều 3;", "- Bộ trưởng (để báo cáo);"]);
    assert_eq!(
        r.archive.map(|a| a.text).as_deref(),
        Some("- Lưu: VT, LNKL.")
    );
}

/// A recipient wrapped after a comma is one recipient, whatever case goes on.
#[test]
fn a_recipient_wrapped_after_a_comma_is_one() {
    let text = "KẾ HOẠCH\nThử\n\nI. MỤC ĐÍCH\n1. Làm việc./.\n\nNơi nhận:\n\n- Ủy ban Kiểm tra Đảng ủy, Ban xây dựng Đảng,  \n\nVP Đảng ủy;\n\n- Lưu: VT.\n\nTM. BAN THƯỜNG TRỰC\n\nCHỦ TỊCH\n\nLan Thị Vân\n";
    let report = check(text);
    let r = report.plan.recipients.expect("recipients");
    let items: Vec<String> = r
        .items
        .iter()
        .map(|f| kehoach_core::render::text::clean_line(&f.text))
        .collect();
    assert_eq!(
        items,
        ["- Ủy ban Kiểm tra Đảng ủy, Ban xây dựng Đảng, VP Đảng ủy;"]
    );
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| !d.code.starts_with("KH60")),
        "{:?}",
        report.diagnostics
    );
}

/// A labelled field's value leaves the list's punctuation after it.
#[test]
fn a_labelled_value_leaves_the_list_punctuation() {
    let text = "KẾ HOẠCH\nThử\n\nI. NHIỆM VỤ\n1. Tổ chức hội nghị\n- Đơn vị chủ trì: Sở Nội vụ;\n- Thời gian hoàn thành: Quý I/2026;\n";
    let plan = check(text).plan;
    let task = plan.tasks.first().expect("a task");
    assert_eq!(
        task.lead.first().map(|f| f.text.as_str()),
        Some("Sở Nội vụ")
    );
    let timeline = task.timeline.as_ref().expect("a timeline");
    assert_eq!(timeline.text, "Quý I/2026");
    assert_eq!(
        &text[timeline.range.start..timeline.range.end],
        "Quý I/2026"
    );
}

/// An office's group in the recipients, `- VP UBND tỉnh:` over `+` items that end
/// with its archive line (KH 144 Bắc Ninh): no mark is missing. A `+` line with no
/// group above it still wants its dash.
#[test]
fn an_office_group_of_recipients_ends_with_its_archive() {
    let foot = |list: &str| {
        let text = format!("KẾ HOẠCH\nThử\n\nI. MỤC ĐÍCH\n1. Làm việc./.\n\nNơi nhận:\n{list}\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nMai Sơn\n");
        let report = check(&text);
        let mut codes: Vec<&str> = report
            .diagnostics
            .iter()
            .map(|d| d.code)
            .filter(|c| c.starts_with("KH60"))
            .collect();
        codes.dedup();
        codes
    };
    assert!(foot("- Các sở, ban, ngành;\n- VP UBND tỉnh:\n+ LĐVP, KGVX;\n+ Lưu: VT.").is_empty());
    // The group's first member beside its colon (QĐ 1627 Quảng Ngãi).
    assert!(foot("- Bộ Tài chính;\n- VPUB: + CVP, các PCVP (đ/b);\n+ Cổng TTĐT tỉnh (đưa tin);\n- Lưu: VT, KTTHVTD.").is_empty());
    assert_eq!(
        foot("- Bộ Tài chính;\n- VPUB: CVP, các PCVP (đ/b);\n+ Cổng TTĐT tỉnh (đưa tin);\n- Lưu: VT."),
        ["KH603"]
    );
    assert_eq!(
        foot("- Các sở, ban, ngành;\n+ LĐVP, KGVX;\n- Lưu: VT."),
        ["KH603"]
    );
}

/// Recipients that miss the same mark are one finding: at the first, the others
/// related, one fix for all (fix-all writes every mark).
#[test]
fn recipients_missing_a_mark_are_one_finding() {
    let text = "KẾ HOẠCH\nThử\n\nI. MỤC ĐÍCH\n1. Làm việc./.\n\nNơi nhận:\n- HĐND phường,\n- UBND phường,\nBan công tác Mặt trận;\nTổ dân phố;\n- Lưu: VT.\n\nTM. BAN THƯỜNG TRỰC\nCHỦ TỊCH\n\nLan Thị Vân\n";
    let report = check(text);
    let of = |code: &str| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .collect::<Vec<_>>()
    };
    let (semicolon, dash) = (of("KH604"), of("KH603"));
    assert_eq!(
        (semicolon.len(), dash.len()),
        (1, 1),
        "{:?}",
        report.diagnostics
    );
    assert_eq!((semicolon[0].related.len(), dash[0].related.len()), (1, 1));
    assert_eq!(
        semicolon[0].message.vi,
        "2 dòng nơi nhận cần kết thúc bằng \";\"."
    );
    let fixed = kehoach_core::fix::apply_safe_fixes(text);
    assert!(
        fixed.contains("- HĐND phường;\n- UBND phường;\n- Ban công tác Mặt trận;\n- Tổ dân phố;"),
        "{fixed}"
    );
}

/// Where the list separates its recipients with commas, a line without a dash
/// after one is a recipient of its own, not the one before going on.
#[test]
fn recipients_separated_by_commas_are_not_joined() {
    let text = "KẾ HOẠCH\nThử\n\nI. MỤC ĐÍCH\n1. Làm việc./.\n\nNơi nhận:\n- HĐND phường,\n- UBND phường,\nBan công tác Mặt trận;\n- Lưu: VT.\n\nTM. BAN THƯỜNG TRỰC\nCHỦ TỊCH\n\nLan Thị Vân\n";
    let r = check(text).plan.recipients.expect("recipients");
    let items: Vec<&str> = r.items.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(
        items,
        ["- HĐND phường,", "- UBND phường,", "Ban công tác Mặt trận;"]
    );
}

/// A text whose only mark is a `*` opening its items wrote it as a bullet: said as
/// much, not called a web copy's Markdown; the fix writes `-`.
#[test]
fn star_bullets_alone_are_no_web_copy() {
    let text = "KẾ HOẠCH\nThử\n\nI. NHIỆM VỤ\n1. Giám sát\n* Thời gian thực hiện: Quý I/2026.\n* Kết quả: báo cáo.\n";
    let report = check(text);
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == "KH806")
        .expect("KH806");
    assert_eq!(
        d.message.vi,
        "2 dòng dùng dấu \"*\" đầu dòng: văn bản hành chính thường dùng \"-\"."
    );
    let fixed = kehoach_core::fix::apply_safe_fixes(text);
    assert!(
        fixed.contains("\n- Thời gian thực hiện: Quý I/2026.\n- Kết quả: báo cáo."),
        "{fixed}"
    );
}

/// An inspection team's head writes his own post and agency under his name (real
/// plan 1105/KH-ĐKT of a Lào Cai team, `../fixtures/pending/203_…`): his, not
/// stray text, so no KH706 error on the signed plan. The title he signs as written
/// again after the name, or a name, still is stray.
#[test]
fn a_team_heads_own_post_under_his_name_is_no_stray_text() {
    let plan = |after_name: &str| {
        format!("SỞ CÔNG THƯƠNG\nĐOÀN KIỂM TRA\nSố: 1105/KH-ĐKT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLào Cai, ngày 10 tháng 3 năm 2026\nKẾ HOẠCH\nKiểm tra hoạt động vật liệu nổ công nghiệp\nI. MỤC ĐÍCH, YÊU CẦU\n1. Kiểm tra việc chấp hành pháp luật./.\nNơi nhận:\n- Giám đốc Sở;\n- Lưu: VT, CN.\nT/M. ĐOÀN KIỂM TRA\nTRƯỞNG ĐOÀN\nHoàng Văn Thuân\n{after_name}")
    };
    let kh706 = |text: &str| count_of(text, "KH706");
    assert_eq!(kh706(&plan("PHÓ GIÁM ĐỐC\nSỞ CÔNG THƯƠNG LÀO CAI\n")), 0);
    assert_eq!(kh706(&plan("PHÓ GIÁM ĐỐC SỞ CÔNG THƯƠNG\n")), 0);
    assert_eq!(kh706(&plan("")), 0);
    assert_eq!(kh706(&plan("TRƯỞNG ĐOÀN\n")), 1);
    assert_eq!(kh706(&plan("Hoàng Văn Thuân\nBRITISH MUSEUM\n")), 1);
    assert_eq!(
        kh706(&plan("PHÓ GIÁM ĐỐC\nSỞ CÔNG THƯƠNG\nBRITISH MUSEUM\n")),
        1
    );
    let deputy = plan("").replace(
        "T/M. ĐOÀN KIỂM TRA\nTRƯỞNG ĐOÀN\nHoàng Văn Thuân\n",
        "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nHoàng Văn Thuân\nPHÓ GIÁM ĐỐC\n",
    );
    assert_eq!(kh706(&deputy), 1, "the title signed as, again: {deputy}");
}

/// A recipient wrapped beside the signature, as `pdftotext -layout` gives a signed
/// PDF (real plan 1105/KH-ĐKT, `../fixtures/pending/203_…`): its end, on the next
/// line, is read into it, so it ends in `;` (no KH604) and its `(` is closed (no
/// KH812), and the end is not asked for a dash of its own.
#[test]
fn a_recipient_wrapped_beside_the_signature_is_read_whole() {
    let text = "SỞ CÔNG THƯƠNG\nĐOÀN KIỂM TRA\nSố: 1105/KH-ĐKT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLào Cai, ngày 10 tháng 3 năm 2026\nKẾ HOẠCH\nKiểm tra hoạt động vật liệu nổ công nghiệp\nI. MỤC ĐÍCH, YÊU CẦU\n1. Kiểm tra việc chấp hành pháp luật./.\nNơi nhận:                                         T/M. ĐOÀN KIỂM TRA\n- Giám đốc Sở (để báo cáo);\n- Văn phòng Sở (Bố trí kinh phí, phương              TRƯỞNG ĐOÀN\ntiện Phục vụ Đoàn kiểm tra);\n- Thành viên Đoàn (để thực hiện);\n- Lưu: VT, CN.\n\n                                                     Hoàng Văn Thuân\n";
    let report = check(text);
    let items: Vec<&str> = report
        .plan
        .recipients
        .as_ref()
        .expect("recipients")
        .items
        .iter()
        .map(|f| f.text.as_str())
        .collect();
    assert_eq!(
        items,
        [
            "- Giám đốc Sở (để báo cáo);",
            "- Văn phòng Sở (Bố trí kinh phí, phương tiện Phục vụ Đoàn kiểm tra);",
            "- Thành viên Đoàn (để thực hiện);"
        ]
    );
    let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
    for code in ["KH603", "KH604", "KH812"] {
        assert!(!codes.contains(&code), "{code} in {codes:?}");
    }
    assert_eq!(report.plan.signature.titles.len(), 1, "TRƯỞNG ĐOÀN");
}

/// A Party document's number, `Số 3260-KH/ĐĐQH15` (a real plan of the Đảng đoàn
/// Quốc hội, `../fixtures/real/122_…`), is right without a colon: no KH110, and
/// fix-all leaves it (it wrote `Số: 3260/KH/ĐĐQH15`, neither form). A state
/// number still gets its colon.
#[test]
fn a_party_number_keeps_its_own_form() {
    let plan = |number: &str| {
        format!("ĐẢNG CỘNG SẢN VIỆT NAM\nBAN CHẤP HÀNH TRUNG ƯƠNG\nĐẢNG ĐOÀN QUỐC HỘI\n{number}\nHà Nội, ngày 10 tháng 01 năm 2025\nKẾ HOẠCH\nThực hiện Nghị quyết\n")
    };
    let kh110 = |text: &str| count_of(text, "KH110");
    let party = plan("Số 3260-KH/ĐĐQH15");
    assert_eq!(kh110(&party), 0);
    assert_eq!(kehoach_core::fix::apply_safe_fixes(&party), party);
    let state = plan("Số 23/KH-UBND");
    assert_eq!(kh110(&state), 1);
    assert!(kehoach_core::fix::apply_safe_fixes(&state).contains("\nSố: 23/KH-UBND\n"));
}

/// A note's mark, `(*)` after the words it notes and before the note, is the
/// text's own (a real decision, `../fixtures/real/204_…`): Markdown emphasis on the
/// same lines still goes, and fix-all keeps the marks.
#[test]
fn a_notes_star_in_brackets_is_no_markdown() {
    let text = "KẾ HOẠCH\nThử\n\nI. NHIỆM VỤ\n1. Lấy ý kiến Hội đồng thẩm định (*) trong **tháng 5**.\n2. Trình phê duyệt [**].\n- (*) Chủ tịch Hội đồng là Thủ tướng Chính phủ.\n";
    let report = check(text);
    let marks: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "KH806")
        .flat_map(|d| d.fixes.iter().flat_map(|f| f.edits.iter()))
        .map(|e| e.span.text(text))
        .collect();
    assert_eq!(marks, ["**", "**"], "only the emphasis goes");
    let fixed = kehoach_core::fix::apply_safe_fixes(text);
    assert!(fixed.contains("thẩm định (*) trong tháng 5."), "{fixed}");
    assert!(fixed.contains("phê duyệt [**]."), "{fixed}");
    assert!(fixed.contains("- (*) Chủ tịch"), "{fixed}");
}

/// Numbered group rows over their rows (`4` and `4.1` over `4.1.1`, `1` over `a)`)
/// are groups, not tasks without a lead.
#[test]
fn numbered_group_rows_are_groups() {
    let text = "KẾ HOẠCH\nThử\n\nI. NHIỆM VỤ\n\n| STT | Mô tả hoạt động | Đơn vị chủ trì | Thời gian |\n|---|---|---|---|\n| 4 | ĐỘT PHÁ PHÁT TRIỂN KHOA HỌC | | |\n| 4.1 | Xây dựng nhóm nghiên cứu mạnh | | |\n| 4.1.1 | Tổ chức nhóm nghiên cứu | Ban KH | 2025-2030 |\n| 5 | Tuyên truyền | | |\n| a) | Tổ chức hội nghị | Sở A | Quý I |\n";
    let report = check(text);
    let rows = &report.plan.tables[0].rows;
    let groups: Vec<bool> = rows.iter().map(|r| r.is_group).collect();
    assert_eq!(groups, [true, true, false, true, false]);
    let tasks: Vec<&str> = report
        .plan
        .tasks
        .iter()
        .map(|t| t.heading.text.as_str())
        .collect();
    assert_eq!(tasks, ["Tổ chức nhóm nghiên cứu", "Tổ chức hội nghị"]);
    assert!(
        report.diagnostics.iter().all(|d| d.code != "KH505"),
        "{:?}",
        report.diagnostics
    );
}

/// A row stands under the nearest group row whose number holds its own: `4.2` after
/// `4.1.1` is under `4`, and a full row `5` after `4`'s rows is under no group
/// (fixture 196's rows 7 and 8 were put under the group `6` above them).
#[test]
fn a_row_leaves_the_groups_its_number_is_not_in() {
    let text = "KẾ HOẠCH\nThử\n\nI. NHIỆM VỤ\n\n| STT | Mô tả hoạt động | Đơn vị chủ trì | Thời gian |\n|---|---|---|---|\n| I | NHÓM MỘT | | |\n| 4 | ĐỘT PHÁ KHOA HỌC | | |\n| 4.1 | Nhóm nghiên cứu mạnh | | |\n| 4.1.1 | Tổ chức nhóm | Ban KH | 2025 |\n| 4.2 | Hợp tác với doanh nghiệp | Ban KH | 2026 |\n| 5 | Tuyên truyền | Ban TT | 2027 |\n";
    let report = check(text);
    let groups: Vec<Option<&str>> = report.plan.tables[0]
        .rows
        .iter()
        .map(|r| r.group.as_deref())
        .collect();
    assert_eq!(
        groups,
        [
            Some("I NHÓM MỘT"),
            Some("4 ĐỘT PHÁ KHOA HỌC"),
            Some("4.1 Nhóm nghiên cứu mạnh"),
            Some("4.1 Nhóm nghiên cứu mạnh"),
            Some("4 ĐỘT PHÁ KHOA HỌC"),
            Some("I NHÓM MỘT"),
        ]
    );
}

/// The line between `KẾ HOẠCH` and its `(Kèm theo …)` line is the summary, however
/// long and whatever it ends with (a university's plan: 350 characters, a stop).
#[test]
fn the_line_above_the_attachment_line_is_the_summary() {
    let summary = format!(
        "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về {}.",
        "đột phá phát triển khoa học, công nghệ, ".repeat(6)
    );
    let text = format!("KẾ HOẠCH\n{summary}\n(Kèm theo Quyết định số 191/QĐ-ĐHĐN ngày 16/01/2026 của Giám đốc Đại học Đà Nẵng)\n\nThực hiện Nghị quyết số 57-NQ/TW, Đại học ban hành Kế hoạch như sau:\n\nI. MỤC ĐÍCH\n1. Làm việc./.\n");
    let report = check(&text);
    let title = report.plan.title.expect("title");
    assert_eq!(title.summary.map(|s| s.text), Some(summary));
    assert!(report.diagnostics.iter().all(|d| d.code != "KH203"));
}

/// An annex's title in sentence case right under its label, set apart from its
/// table, is its title; a paragraph that goes on under the label is not.
#[test]
fn a_sentence_case_annex_title_under_its_label() {
    let plan = |annex: &str| {
        check(&format!("KẾ HOẠCH\nThử\n\nI. MỤC ĐÍCH\n1. Làm việc./.\n\nNơi nhận:\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nNguyễn Văn A\n\n{annex}")).plan
    };
    let with_table = plan("PHỤ LỤC\nChi tiết các nhiệm vụ thực hiện Nghị quyết số 57-NQ/TW\n\n| STT | Nội dung | Đơn vị chủ trì |\n|---|---|---|\n| 1 | Tổ chức | Ban A |\n");
    let title = with_table.annexes[0]
        .title
        .as_ref()
        .map(|t| t.text.as_str());
    assert_eq!(
        title,
        Some("Chi tiết các nhiệm vụ thực hiện Nghị quyết số 57-NQ/TW")
    );
    let paragraph = plan("PHỤ LỤC\nCác đơn vị triển khai theo chức năng, nhiệm vụ được giao;\nbáo cáo kết quả về Ban A.\n");
    assert_eq!(paragraph.annexes[0].title, None);
}

/// An annex title in capitals with one word in its own case (`IoT`) over three
/// lines, then its `(Kèm theo Kế hoạch số:` line over three (KH 310 Hà Nội): the
/// whole title, and the line whose blank number KH211 reports.
#[test]
fn an_annex_title_with_a_mixed_case_word_is_read_whole() {
    let text = "Số: 310/KH-UBND\nHà Nội, ngày 24 tháng 11 năm 2025\n\nKẾ HOẠCH\nThử\n\nI. MỤC ĐÍCH\n1. Làm việc./.\n\nNơi nhận:\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nNguyễn Văn A\n\n**PHỤ LỤC**\n\nNHIỆM VỤ CHỦ YẾU CỦA KẾ HOẠCH PHÁT TRIỂN HẠ TẦNG\n5G, IoT TRONG CÁC KHU CÔNG NGHỆ CAO\nĐẾN NĂM 2030\n\n*(Kèm theo Kế hoạch số:\n/KH-UBND ngày / /2025 của\nUBND thành phố Hà Nội)*\n\nCác đơn vị thực hiện.\n";
    let report = check(text);
    let annex = &report.plan.annexes[0];
    assert_eq!(
        annex.title.as_ref().map(|t| t.text.as_str()),
        Some("NHIỆM VỤ CHỦ YẾU CỦA KẾ HOẠCH PHÁT TRIỂN HẠ TẦNG 5G, IoT TRONG CÁC KHU CÔNG NGHỆ CAO ĐẾN NĂM 2030")
    );
    assert!(annex.attached_to.is_some());
    assert!(report.diagnostics.iter().any(|d| d.code == "KH211"));
}

/// A Latin letter in a list of points (`e) f) g)`, KH 179 Đồng Nai; or `e) f) h)`,
/// `f)` standing for `g)`) is one finding, not a second one for the letter after it.
#[test]
fn a_latin_letter_is_one_finding() {
    let codes = |letters: &[&str]| {
        let items: String = letters.iter().map(|l| format!("{l} Làm việc.\n")).collect();
        let text = format!("KẾ HOẠCH\nThử\n\nI. NHIỆM VỤ\n1. Nội dung\n{items}");
        let mut codes: Vec<&str> = check(&text)
            .diagnostics
            .iter()
            .map(|d| d.code)
            .filter(|c| matches!(*c, "KH401" | "KH402"))
            .collect();
        codes.dedup();
        codes
    };
    assert_eq!(
        codes(&["a)", "b)", "c)", "d)", "đ)", "e)", "f)", "g)"]),
        ["KH402"]
    );
    assert_eq!(
        codes(&["a)", "b)", "c)", "d)", "đ)", "e)", "f)", "h)"]),
        ["KH402"]
    );
    assert_eq!(
        codes(&["a)", "b)", "c)", "d)", "đ)", "e)", "f)", "i)"]),
        ["KH402", "KH401"]
    );
}

/// Work due after the plan is issued and before its period starts prepares the
/// period (KH 141 Bắc Ninh, issued 20/11/2025 for 2026-2030, `Tháng 12/2025`); a
/// time before the issue date is a mistyped year (KH502).
#[test]
fn work_before_the_period_but_after_the_issue_prepares_it() {
    let kh502 = |when: &str| {
        let text = format!("Số: 141/KH-UBND\nBắc Ninh, ngày 20 tháng 11 năm 2025\n\nKẾ HOẠCH\nNâng cao năng lực giai đoạn 2026-2030\n\nI. NHIỆM VỤ\n1. Ra mắt ứng dụng\n- Ra mắt ứng dụng hỗ trợ.\nĐơn vị chủ trì: Sở Khoa học và Công nghệ.\nThời gian thực hiện: {when}.\n");
        check(&text)
            .diagnostics
            .iter()
            .filter(|d| d.code == "KH502")
            .count()
    };
    assert_eq!(kh502("Tháng 12/2025"), 0);
    assert_eq!(kh502("Năm 2027"), 0);
    assert_eq!(kh502("Tháng 10/2025"), 1);
    assert_eq!(kh502("Năm 2024"), 1);
}

/// An annex title whose period stands on a line of its own (`… GIAI ĐOẠN` /
/// `2026 - 2030`, NQ 109/NQ-CP in the Gazette): the whole title, then its `(Kèm
/// theo …)` line.
#[test]
fn an_annex_title_s_period_on_its_own_line_is_the_title_s() {
    let text = "KẾ HOẠCH\nThử\n\nI. MỤC ĐÍCH\n1. Làm việc./.\n\nNơi nhận:\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nNguyễn Văn A\n\nPhụ lục IV \nPHÂN CÔNG THỰC HIỆN NHIỆM VỤ, ĐỀ ÁN GIAI ĐOẠN  \n2026 - 2030  \n(Kèm theo Kế hoạch số 109/KH-UBND ngày 16 tháng 4 năm 2026) \n\nCác đơn vị thực hiện.\n";
    let report = check(text);
    let annex = &report.plan.annexes[0];
    assert_eq!(
        annex.title.as_ref().map(|t| t.text.as_str()),
        Some("PHÂN CÔNG THỰC HIỆN NHIỆM VỤ, ĐỀ ÁN GIAI ĐOẠN 2026 - 2030")
    );
    assert!(annex.attached_to.is_some());
}

/// Labels after an item's last sub-item, when no other sub-item has any, are the
/// whole item's (a city's plan: `1. Hoàn thiện thể chế`, `a)` … `d)`, then
/// `Cơ quan chủ trì: …`); a sub-item among others with labels keeps its own.
#[test]
fn labels_that_close_an_item_are_the_items() {
    let text = "KẾ HOẠCH\nThử\n\nII. NHIỆM VỤ\n1. Hoàn thiện thể chế\na) Nâng cao kỷ luật, kỷ cương.\nb) Chủ động rà soát văn bản.\nCơ quan chủ trì: Sở Giáo dục và Đào tạo.\nThời gian thực hiện: Thường xuyên.\n2. Đổi mới quản lý\na) Hoàn thiện cơ cấu tổ chức.\nCơ quan chủ trì: Sở Nội vụ.\nb) Phân cấp, phân quyền.\nCơ quan chủ trì: Sở Tư pháp.\n";
    let plan = check(text).plan;
    let tasks: Vec<(&str, &str)> = plan
        .tasks
        .iter()
        .map(|t| {
            (
                t.heading.text.as_str(),
                t.lead.first().map_or("", |l| l.text.as_str()),
            )
        })
        .collect();
    assert_eq!(
        tasks,
        [
            ("1. Hoàn thiện thể chế", "Sở Giáo dục và Đào tạo"),
            ("a) Hoàn thiện cơ cấu tổ chức.", "Sở Nội vụ"),
            ("b) Phân cấp, phân quyền.", "Sở Tư pháp"),
        ]
    );
}

/// The archive line and a list that lost its dashes are no wrapped recipients; an
/// annex's paragraph or unit note under its label is no title.
#[test]
fn what_is_not_wrapped_and_what_is_no_title() {
    let foot = |list: &str| {
        let text = format!("KẾ HOẠCH\nThử\n\nI. MỤC ĐÍCH\n1. Làm việc./.\n\nNơi nhận:\n{list}\n\nCHỦ TỊCH\n\nNguyễn Văn A\n");
        let r = check(&text).plan.recipients.expect("recipients");
        (r.items.len(), r.archive.map(|a| a.text))
    };
    assert_eq!(
        foot("- Như trên,\nLưu: VT."),
        (1, Some("Lưu: VT.".to_string()))
    );
    assert_eq!(
        foot("Thường trực Huyện ủy,\nCác chi bộ,\nLưu VP."),
        (2, Some("Lưu VP.".to_string()))
    );
    let title = |annex: &str| {
        check(&format!("KẾ HOẠCH\nThử\n\nI. MỤC ĐÍCH\n1. Làm việc./.\n\nNơi nhận:\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nNguyễn Văn A\n\n{annex}"))
            .plan
            .annexes[0]
            .title
            .clone()
    };
    assert_eq!(
        title("PHỤ LỤC\n\nCác nhiệm vụ dưới đây do Sở A chủ trì.\n\n"),
        None
    );
    assert_eq!(
        title("PHỤ LỤC\n\nCác nhiệm vụ dưới đây do Sở A chủ trì\n\n"),
        None
    );
    assert_eq!(title("PHỤ LỤC\n(Đơn vị tính: triệu đồng)\n| STT | Nội dung | Kinh phí |\n|---|---|---|\n| 1 | Tổ chức | 50 |\n"), None);
}

/// A plan a decision issues may end without `./.` (the signed decision ends with
/// its own): a warning there (fixture 204), an error on a plan of its own.
#[test]
fn an_attached_plan_without_its_end_mark_gets_a_warning() {
    let plan = "KẾ HOẠCH\nCông tác năm 2025\n(Kèm theo Quyết định số 12/QĐ-UBND ngày 05/3/2025 của Ủy ban nhân dân tỉnh)\n\nI. MỤC ĐÍCH\n1. Nâng cao chất lượng.\nTrên đây là Kế hoạch công tác năm 2025.\n";
    let decision = "ỦY BAN NHÂN DÂN\nTỈNH MẪU\nSố: 12/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nMẫu, ngày 05 tháng 3 năm 2025\n\nQUYẾT ĐỊNH\nBan hành Kế hoạch công tác năm 2025\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch công tác năm 2025.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký./.\n\nNơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nNguyễn Văn A\n\n";
    let severity = |text: &str| {
        check(text)
            .diagnostics
            .iter()
            .find(|d| d.code == "KH601")
            .map(|d| d.severity.as_str())
    };
    assert_eq!(severity(&format!("{decision}{plan}")), Some("warning"));
    // Pasted alone with its `(Kèm theo …)` line it is still issued with a decision.
    assert_eq!(severity(plan), Some("warning"));
    let own = plan.replace(
        "(Kèm theo Quyết định số 12/QĐ-UBND ngày 05/3/2025 của Ủy ban nhân dân tỉnh)\n",
        "",
    );
    assert_eq!(severity(&own), Some("error"));
}

/// A plan whose content ends with a table over a page break, its foot's `Trang 1`
/// and `Trang 2` left by the extraction (fixture 230, QĐ 2640/QĐ-BKHĐT): the page
/// numbers are the page's, not the last item's paragraphs, and the table goes on
/// over the page. The end mark belongs under the table: the finding points at the
/// table's last row and its fix waits for a hand (fix-all once wrote `Trang 2./.`,
/// or would have ended the heading over the table with it).
#[test]
fn content_ending_with_a_table_ends_at_its_last_row() {
    let text = "KẾ HOẠCH\nCông tác năm 2025\n(Kèm theo Quyết định số 12/QĐ-UBND ngày 05/3/2025 của Ủy ban nhân dân tỉnh)\n\nI. NHIỆM VỤ\n1. Nhóm nhiệm vụ khác\n\n| TT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |\n| 1.1 | Rà soát quy chế | Sở Nội vụ | 2025 |\n| 1.2 | Tổ chức tập huấn | Sở Tư pháp | 2026 |\n\nTrang 1\n\nTT | Nhiệm vụ | Cơ quan chủ trì | Thời gian\n| 1.3 | Tổng kết | Sở Nội vụ | 2027 |\n\nTrang 2\n";
    let report = check(text);
    let plan = &report.plan;
    let closing = plan.closing.as_ref().expect("a closing");
    assert!(closing.text.contains("Tổng kết"), "{closing:?}");
    assert_eq!(plan.tables.len(), 1, "{:?}", plan.tables);
    let item = &plan.body[0].children[0];
    assert!(item.paragraphs.is_empty(), "{:?}", item.paragraphs);
    let end = report
        .diagnostics
        .iter()
        .find(|d| d.code == "KH601")
        .expect("KH601");
    assert!(!end.has_safe_fix());
    assert!(report
        .diagnostics
        .iter()
        .any(|d| d.code == "KH807" && d.message.vi.contains("2 dòng không thuộc văn bản")));
    let fixed = kehoach_core::fix::apply_safe_fixes(text);
    assert!(
        fixed.contains("Trang 2\n") && !fixed.contains("./."),
        "{fixed}"
    );
}

/// A ministry's schedule converted from Word (fixture 204): pipe rows without outer
/// pipes, a header over two rows (`Thực hiện` over `Đơn vị chủ trì | Đơn vị phối
/// hợp`), the time in the first column, phases (`I | GIAI ĐOẠN 1`) and steps
/// (`1 | Lập nhiệm vụ`) on rows of two cells.
#[test]
fn a_schedule_with_a_two_row_header_and_step_rows() {
    let text = "KẾ HOẠCH\nThử\n\nI. NỘI DUNG\n\nThời gian | Nội dung công việc | Cơ quan quản lý | Thực hiện\n |  |  | Đơn vị chủ trì | Đơn vị phối hợp\nI | GIAI ĐOẠN 1: LẬP NHIỆM VỤ\n1 | Lập nhiệm vụ quy hoạch\n10-11/2019 | Xây dựng khung định hướng | Cơ quan lập quy hoạch | Ban Quản lý quy hoạch | Vụ Vật liệu xây dựng\n | Lấy ý kiến các Bộ | Cơ quan tổ chức lập quy hoạch | Vụ Vật liệu xây dựng | Văn phòng Bộ\n2 | Thẩm định nhiệm vụ\n11-12/2019 | Trình Hội đồng thẩm định | Cơ quan lập quy hoạch | Ban Quản lý quy hoạch | Vụ Pháp chế\n";
    let report = check(text);
    let t = &report.plan.tables[0];
    let header: Vec<&str> = t.header.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(
        header,
        [
            "Thời gian",
            "Nội dung công việc",
            "Cơ quan quản lý",
            "Thực hiện Đơn vị chủ trì",
            "Đơn vị phối hợp"
        ]
    );
    let groups: Vec<bool> = t.rows.iter().map(|r| r.is_group).collect();
    assert_eq!(groups, [true, true, false, false, true, false]);
    let tasks: Vec<(&str, &str, Option<&str>)> = report
        .plan
        .tasks
        .iter()
        .map(|t| {
            (
                t.heading.text.as_str(),
                t.lead.first().map_or("", |l| l.text.as_str()),
                t.timeline.as_ref().map(|x| x.text.as_str()),
            )
        })
        .collect();
    assert_eq!(
        tasks,
        [
            (
                "Xây dựng khung định hướng",
                "Ban Quản lý quy hoạch",
                Some("10-11/2019")
            ),
            ("Lấy ý kiến các Bộ", "Vụ Vật liệu xây dựng", None),
            (
                "Trình Hội đồng thẩm định",
                "Ban Quản lý quy hoạch",
                Some("11-12/2019")
            ),
        ]
    );
    // Each task stands under its step, not only its phase (a period `10-11/2019` in
    // the first column is no row number that leaves the step).
    let groups: Vec<Option<&str>> = report
        .plan
        .tasks
        .iter()
        .map(|t| t.group.as_deref())
        .collect();
    assert_eq!(
        groups,
        [
            Some("1 Lập nhiệm vụ quy hoạch"),
            Some("1 Lập nhiệm vụ quy hoạch"),
            Some("2 Thẩm định nhiệm vụ")
        ]
    );
}
