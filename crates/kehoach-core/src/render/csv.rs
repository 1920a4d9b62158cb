//! The tasks as CSV, for a spreadsheet: one row per task, UTF-8 with a BOM so Excel
//! reads Vietnamese.
//!
//! A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is one a
//! spreadsheet may run as a formula (CSV injection); such a cell gets a leading `'`,
//! which spreadsheets read as "text" and do not show, as OWASP advises. Plans are
//! full of such cells ("- Sở Tài chính", "+ Báo cáo"), so the rest of the text is
//! kept as it is.

use crate::model::{join_fields as joined, Task, TaskSource};

/// The header row's column names.
pub const HEADER: [&str; 9] = [
    "Nhiệm vụ",
    "Nội dung",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Đơn vị thực hiện",
    "Thời gian",
    "Nguồn",
    "Phụ lục",
    "Nhóm",
];

/// One quoted CSV cell of `text`, safe to open in a spreadsheet.
pub fn cell(text: &str) -> String {
    let formula = text
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    let guard = if formula { "'" } else { "" };
    format!("\"{guard}{}\"", text.replace('"', "\"\""))
}

/// The tasks, in the order given, under a header row; lines end in CRLF.
pub fn tasks_csv(tasks: &[Task]) -> String {
    let mut out = format!("\u{FEFF}{}\r\n", HEADER.join(","));
    for t in tasks {
        let source = match t.source {
            TaskSource::Item => "nội dung",
            TaskSource::Table => "bảng",
        };
        let annex = t.annex.map(|k| (k + 1).to_string()).unwrap_or_default();
        let cells = [
            t.heading.text.as_str(),
            t.content.as_ref().map_or("", |c| c.text.as_str()),
            &joined(&t.lead),
            &joined(&t.coordinating),
            &joined(&t.performing),
            t.timeline.as_ref().map_or("", |tl| tl.text.as_str()),
            source,
            &annex,
            t.group.as_deref().unwrap_or(""),
        ];
        out.push_str(&cells.map(cell).join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_a_spreadsheet_would_run_is_kept_as_text() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+84 912"), "\"'+84 912\"");
        assert_eq!(cell("- Sở Tài chính"), "\"'- Sở Tài chính\"");
        assert_eq!(cell("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(cell("\tx"), "\"'\tx\"");
        assert_eq!(cell("Sở Y tế"), "\"Sở Y tế\"");
        assert_eq!(cell("Quý I - 2025"), "\"Quý I - 2025\"");
        assert_eq!(cell(""), "\"\"");
    }

    #[test]
    fn every_task_of_the_seeds_is_a_row() {
        let seeds = [
            include_str!("../../tests/seeds/000_dd3afc31e9f3ef9d.txt"),
            include_str!("../../tests/seeds/001_a25af408cd5e0402.txt"),
            include_str!("../../tests/seeds/002_9fdcfb7b019d657a.txt"),
            include_str!("../../tests/seeds/003_b67ebee3cb483b12.txt"),
            include_str!("../../tests/seeds/004_c1a39d2352a08f7e.txt"),
        ];
        let mut tasks = 0;
        for text in seeds {
            let plan = crate::parse(text);
            tasks += plan.tasks.len();
            let csv = tasks_csv(&plan.tasks);
            let rows: Vec<&str> = csv.trim_end_matches("\r\n").split("\r\n").collect();
            assert_eq!(rows.len(), plan.tasks.len() + 1);
            assert!(rows[0].starts_with("\u{FEFF}Nhiệm vụ,Nội dung,Đơn vị chủ trì"));
            for (row, task) in rows[1..].iter().zip(&plan.tasks) {
                assert!(row.starts_with(&cell(&task.heading.text)), "{row}");
            }
        }
        assert!(tasks > 0, "the seeds have tasks");
    }
}
