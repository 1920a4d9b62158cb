//! Tables: rows as wide as their header, row numbers in sequence, and in task tables
//! a lead unit and a timeline for every task.

use super::{Ctx, Rule};
use crate::diagnostics::Severity;
use crate::model::{Table, TaskSource};
use crate::parse::{aligned, Columns};

pub const ROW_SHORT: Rule = Rule {
    code: "KH503",
    name: "table-row-short",
    severity: Severity::Info,
    what_vi: "Dòng của bảng có ít ô hơn hàng tiêu đề",
    what_en: "A table row has fewer cells than its header",
    why_vi: "Một dòng đánh số mà thiếu ô thường là ô bị gộp hoặc bị mất khi sao chép: kiểm tra lại để số liệu không lệch cột.",
    why_en: "A numbered row short of cells usually lost or merged a cell in the copy: check it so no figure lands in the wrong column.",
    source: "practice",
    bad: "KẾ HOẠCH\nCông tác năm 2025\nI. NỘI DUNG\n| TT | Nội dung | Chủ trì | Thời gian |\n|---|---|---|---|\n| 1 | Tổ chức hội nghị | Sở A |\n",
    good: "KẾ HOẠCH\nCông tác năm 2025\nI. NỘI DUNG\n| TT | Nội dung | Chủ trì | Thời gian |\n|---|---|---|---|\n| 1 | Tổ chức hội nghị | Sở A | Quý II/2025 |\n",
    safe_fix: false,
};

pub const ROW_NUMBERS: Rule = Rule {
    code: "KH504",
    name: "table-row-numbers",
    severity: Severity::Warning,
    what_vi: "Số thứ tự trong bảng bị nhảy hoặc lặp",
    what_en: "Row numbers in a table skip or repeat",
    why_vi: "Cột STT đánh 1, 2, 3… (đánh lại từ 1 trong mỗi nhóm I, II…); nhảy số hoặc lặp số là sót hoặc thừa một dòng.",
    why_en: "The STT column counts 1, 2, 3… (again from 1 in each group I, II…); a skip or a repeat means a row is missing or doubled.",
    source: "practice",
    bad: "KẾ HOẠCH\nCông tác năm 2025\nI. NỘI DUNG\n| TT | Nội dung | Chủ trì | Thời gian |\n|---|---|---|---|\n| 1 | Tổ chức hội nghị | Sở A | Quý II/2025 |\n| 3 | Kiểm tra | Sở B | Quý III/2025 |\n",
    good: "KẾ HOẠCH\nCông tác năm 2025\nI. NỘI DUNG\n| TT | Nội dung | Chủ trì | Thời gian |\n|---|---|---|---|\n| 1 | Tổ chức hội nghị | Sở A | Quý II/2025 |\n| 2 | Kiểm tra | Sở B | Quý III/2025 |\n",
    safe_fix: false,
};

pub const ROW_NO_LEAD: Rule = Rule {
    code: "KH505",
    name: "table-task-without-lead",
    severity: Severity::Warning,
    what_vi: "Nhiệm vụ trong bảng chưa có cơ quan chủ trì",
    what_en: "A task row names no lead unit",
    why_vi: "Bảng phân công có cột chủ trì: mỗi nhiệm vụ phải nêu cơ quan chủ trì, nếu không sẽ không ai chịu trách nhiệm.",
    why_en: "The assignment table has a lead column: every task must name its lead, or nobody answers for it.",
    source: "practice",
    bad: "KẾ HOẠCH\nCông tác năm 2025\nI. NỘI DUNG\n| TT | Nội dung | Chủ trì | Thời gian |\n|---|---|---|---|\n| 1 | Tổ chức hội nghị |  | Quý II/2025 |\n",
    good: "KẾ HOẠCH\nCông tác năm 2025\nI. NỘI DUNG\n| TT | Nội dung | Chủ trì | Thời gian |\n|---|---|---|---|\n| 1 | Tổ chức hội nghị | Sở A | Quý II/2025 |\n",
    safe_fix: false,
};

pub const ROW_NO_TIMELINE: Rule = Rule {
    code: "KH506",
    name: "table-task-without-timeline",
    severity: Severity::Info,
    what_vi: "Nhiệm vụ trong bảng chưa có thời gian thực hiện",
    what_en: "A task row has no timeline",
    why_vi: "Bảng có cột thời gian mà dòng này để trống: điền thời hạn hoặc \"Thường xuyên\".",
    why_en: "The table has a time column but this row leaves it blank: give a deadline or \"Thường xuyên\".",
    source: "practice",
    bad: "KẾ HOẠCH\nCông tác năm 2025\nI. NỘI DUNG\n| TT | Nội dung | Chủ trì | Thời gian |\n|---|---|---|---|\n| 1 | Tổ chức hội nghị | Sở A |  |\n",
    good: "KẾ HOẠCH\nCông tác năm 2025\nI. NỘI DUNG\n| TT | Nội dung | Chủ trì | Thời gian |\n|---|---|---|---|\n| 1 | Tổ chức hội nghị | Sở A | Thường xuyên |\n",
    safe_fix: false,
};

pub const RULES: &[Rule] = &[ROW_SHORT, ROW_NUMBERS, ROW_NO_LEAD, ROW_NO_TIMELINE];

/// A row number: `1`, `2.`; `1.1` and letters are sub-rows, not counted.
fn row_number(t: &str) -> Option<u32> {
    let t = t.trim().trim_end_matches('.');
    (!t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

pub(super) fn check(cx: &mut Ctx) {
    let plan = cx.plan;
    let tables = plan
        .tables
        .iter()
        .chain(plan.annexes.iter().flat_map(|a| &a.tables));
    for t in tables {
        check_table(cx, t);
    }
    for task in plan.tasks.iter().filter(|t| t.source == TaskSource::Table) {
        if task.responsible().is_empty() {
            cx.report(
                &ROW_NO_LEAD,
                task.heading.range.span(),
                format!(
                    "Nhiệm vụ \"{}\" chưa có cơ quan chủ trì.",
                    short(&task.heading.text)
                ),
                format!(
                    "The task \"{}\" names no lead unit.",
                    short(&task.heading.text)
                ),
            );
        }
    }
}

fn short(s: &str) -> String {
    let s = crate::text::collapse_spaces(s);
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

fn check_table(cx: &mut Ctx, table: &Table) {
    let cols = Columns::of(table);
    // Data tables (sites, samples, cost estimates) merge cells freely; the checks are
    // for the assignment of work.
    if !cols.is_task_table() {
        return;
    }
    let width = table.header.len();
    let mut expected: Option<u32> = None;
    let mut group = None;
    for row in &table.rows {
        if row.is_group {
            // Numbering starts again in each group.
            expected = None;
            group = row.group.clone();
            continue;
        }
        if row.group != group {
            expected = None;
            group = row.group.clone();
        }
        let cells = aligned(table, row);
        let number = cols
            .number
            .and_then(|i| cells.get(i))
            .and_then(|c| row_number(&c.text).map(|n| (n, c)));
        if let Some((n, cell)) = number {
            if let Some(e) = expected.filter(|&e| n != e) {
                cx.report(
                    &ROW_NUMBERS,
                    cell.range.span(),
                    format!("Số thứ tự {n} đứng sau {}: phải là {e}.", e - 1),
                    format!("Row number {n} follows {}: it should be {e}.", e - 1),
                );
            }
            expected = Some(n + 1);
            // Short of the cells that hold its lead or its timeline (a page may drop
            // a trailing empty cell: that is no defect).
            let key = cols.lead.max(cols.timeline).unwrap_or(0);
            if width > 0 && row.cells.len() < width && row.cells.len() <= key {
                cx.report(
                    &ROW_SHORT,
                    row.range.span(),
                    format!(
                        "Dòng {n} có {} ô, hàng tiêu đề có {width} ô.",
                        row.cells.len()
                    ),
                    format!(
                        "Row {n} has {} cells; the header has {width}.",
                        row.cells.len()
                    ),
                );
            }
            if cols.is_task_table() {
                let timeline_empty = cols
                    .timeline
                    .is_some_and(|i| cells.get(i).is_none_or(|c| c.text.is_empty()));
                let has_content = cols
                    .content
                    .and_then(|i| cells.get(i))
                    .is_some_and(|c| !c.text.is_empty());
                if timeline_empty && has_content {
                    cx.report(
                        &ROW_NO_TIMELINE,
                        row.range.span(),
                        format!("Nhiệm vụ số {n} chưa có thời gian thực hiện."),
                        format!("Task {n} has no timeline."),
                    );
                }
            }
        }
    }
}
