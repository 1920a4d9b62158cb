//! Tasks: lead units and deadlines.

use super::{Ctx, Rule};
use crate::diagnostics::Severity;
use crate::model::{Period, TaskSource};
use crate::parse::find_deadlines;
use crate::source::Span;

pub const NO_LEAD: Rule = Rule {
    code: "KH501",
    name: "task-without-lead",
    severity: Severity::Warning,
    what_vi: "Nhiệm vụ có đơn vị phối hợp nhưng không có đơn vị chủ trì",
    what_en: "A task has coordinating units but no lead unit",
    why_vi: "Việc giao cho nhiều đơn vị phải nêu ai chủ trì, nếu không sẽ không ai chịu trách nhiệm.",
    why_en: "Work given to several units must name the lead, or nobody answers for it.",
    source: "practice",
    bad: "1. Tập huấn nghiệp vụ\n- Nội dung: Tập huấn.\n- Đơn vị phối hợp: Sở Ngoại vụ.\n",
    good: "1. Tập huấn nghiệp vụ\n- Nội dung: Tập huấn.\n- Đơn vị chủ trì: Sở Thông tin và Truyền thông.\n- Đơn vị phối hợp: Sở Ngoại vụ.\n",
    safe_fix: false,
};

pub const DEADLINE_OUTSIDE: Rule = Rule {
    code: "KH502",
    name: "deadline-outside-period",
    severity: Severity::Warning,
    what_vi: "Thời hạn nằm ngoài thời kỳ của kế hoạch",
    what_en: "A deadline lies outside the plan's period",
    why_vi: "Kế hoạch năm 2017 mà yêu cầu báo cáo \"trước ngày 15/5/2016\" là gõ nhầm năm.",
    why_en: "A plan for 2017 asking for reports \"before 15/5/2016\" has a mistyped year.",
    source: "practice",
    bad: "KẾ HOẠCH\nCông tác năm 2017\n1. Báo cáo kết quả trước ngày 15/5/2016.\n",
    good: "KẾ HOẠCH\nCông tác năm 2017\n1. Báo cáo kết quả trước ngày 15/5/2017.\n",
    safe_fix: false,
};

pub const RULES: &[Rule] = &[NO_LEAD, DEADLINE_OUTSIDE];

pub(super) fn check(cx: &mut Ctx) {
    for t in &cx.plan.tasks {
        // `Cơ quan thực hiện: …` names who does the work: a lead by another name.
        if t.responsible().is_empty() && !t.coordinating.is_empty() {
            let span = t.heading.range.span();
            let d = cx.report(
                &NO_LEAD,
                span,
                "Nhiệm vụ có đơn vị phối hợp nhưng chưa nêu đơn vị chủ trì.",
                "The task names coordinating units but no lead unit.",
            );
            d.related(t.coordinating[0].range.span());
        }
    }
    let Some(period) = cx.plan.period.clone() else {
        return;
    };
    let describe = |from: u16, to: u16| {
        if from == to {
            format!("năm {from}")
        } else {
            format!("giai đoạn {from}-{to}")
        }
    };
    let pvi = describe(period.from, period.to);
    let pen = if period.from == period.to {
        period.from.to_string()
    } else {
        format!("{}-{}", period.from, period.to)
    };
    // Work due after the plan is issued and before its period starts prepares the
    // period (KH 141 Bắc Ninh, issued 20/11/2025 for 2026-2030: `Tháng 12/2025`); a
    // deadline before the issue date is a mistyped year.
    let issued = cx
        .plan
        .header
        .place_date
        .as_ref()
        .and_then(|p| Some((p.date.year?, p.date.month.unwrap_or(1))));
    let prepares = |end: (u16, u8)| issued.is_some_and(|issue| end >= issue && end.0 < period.from);
    // Task timelines (quarter, month, year).
    for t in &cx.plan.tasks {
        let Some(tl) = &t.timeline else { continue };
        // A body item's "trước ngày …" is covered by the running-text scan below; a
        // table's cell is not in the running text.
        if matches!(tl.period, Period::Before { .. }) && t.source == TaskSource::Item {
            continue;
        }
        if let Some((a, b)) = tl.period.years() {
            // A period read from the issue date only says when the plan starts: work
            // may run into later years.
            let after = a > period.to && period.source == "title";
            let end = match tl.period {
                Period::Month { month, year } => (year, month),
                Period::Quarter { quarter, year } => (year, quarter.saturating_mul(3)),
                Period::Before { date } => (b, date.month.unwrap_or(12)),
                _ => (b, 12),
            };
            if (b < period.from && !prepares(end)) || after {
                cx.report(
                    &DEADLINE_OUTSIDE,
                    tl.range.span(),
                    format!(
                        "Thời gian \"{}\" nằm ngoài thời kỳ của kế hoạch ({pvi}).",
                        tl.text
                    ),
                    format!(
                        "The timeline \"{}\" lies outside the plan's period ({pen}).",
                        tl.text
                    ),
                );
            }
        }
    }
    // `trước ngày …` anywhere in the content. A deadline early in the following year
    // (an annual report) is normal; before the period or later than that is not.
    let (start, end) = cx.content_span();
    for (span, date) in find_deadlines(cx.src, Span::new(start, end)) {
        let Some(y) = date.year else { continue };
        if (y < period.from && !prepares((y, date.month.unwrap_or(12)))) || y > period.to + 1 {
            let text = span.text(cx.text()).to_string();
            cx.report(
                &DEADLINE_OUTSIDE,
                span,
                format!("Thời hạn \"{text}\" nằm ngoài thời kỳ của kế hoạch ({pvi})."),
                format!("The deadline \"{text}\" lies outside the plan's period ({pen})."),
            );
        }
    }
}
