//! Closing end mark and the Nơi nhận list.

use super::{span_of, Ctx, Rule};
use crate::diagnostics::{Fix, Message, Severity, TextEdit};
use crate::source::Span;

pub const END_MARK: Rule = Rule {
    code: "KH601",
    name: "end-mark-missing",
    severity: Severity::Error,
    what_vi: "Đoạn cuối thiếu dấu kết thúc \"./.\"",
    what_en: "The last paragraph lacks the end mark \"./.\"",
    why_vi: "Nội dung văn bản kết thúc bằng dấu \"./.\" để không thể viết thêm vào sau. Kế hoạch ban hành kèm theo quyết định (quyết định đã có dấu của mình) chỉ nhận cảnh báo.",
    why_en: "The content ends with \"./.\" so that nothing can be added after it. A plan issued with a decision (which ends with its own mark) gets a warning.",
    source: "NĐ 30/2020, Phụ lục I; Mẫu 1.4",
    bad: "1. Nhiệm vụ\nTrên đây là Kế hoạch công tác năm 2024.\n",
    good: "1. Nhiệm vụ\nTrên đây là Kế hoạch công tác năm 2024./.\n",
    safe_fix: true,
};

pub const RECIPIENTS_MISSING: Rule = Rule {
    code: "KH602",
    name: "recipients-missing",
    severity: Severity::Error,
    what_vi: "Thiếu Nơi nhận",
    what_en: "The recipients list (Nơi nhận) is missing",
    why_vi: "\"Nơi nhận:\" ở góc dưới bên trái liệt kê nơi gửi văn bản và dòng lưu.",
    why_en: "\"Nơi nhận:\" at the bottom left lists where the document goes and the archive line.",
    source: "NĐ 30/2020, Điều 8; Phụ lục I, mục II.9",
    bad: "1. Nhiệm vụ\nTrên đây là Kế hoạch./.\n",
    good: "1. Nhiệm vụ\nTrên đây là Kế hoạch./.\nNơi nhận:\n- Sở Ngoại vụ;\n- Lưu: VT.\n",
    safe_fix: false,
};

pub const RECIPIENT_DASH: Rule = Rule {
    code: "KH603",
    name: "recipient-dash",
    severity: Severity::Warning,
    what_vi: "Dòng nơi nhận thiếu gạch đầu dòng",
    what_en: "A recipient line lacks its leading dash",
    why_vi: "Mỗi nơi nhận một dòng, bắt đầu bằng \"- \".",
    why_en: "One recipient per line, each starting with \"- \".",
    source: "NĐ 30/2020, Phụ lục I, mục II.9",
    bad: "1. Nhiệm vụ./.\nNơi nhận:\n- Sở Ngoại vụ;\nCổng GTĐT;\n- Lưu: VT.\n",
    good: "1. Nhiệm vụ./.\nNơi nhận:\n- Sở Ngoại vụ;\n- Cổng GTĐT;\n- Lưu: VT.\n",
    safe_fix: true,
};

pub const RECIPIENT_SEMICOLON: Rule = Rule {
    code: "KH604",
    name: "recipient-semicolon",
    severity: Severity::Warning,
    what_vi: "Dòng nơi nhận thiếu dấu chấm phẩy cuối",
    what_en: "A recipient line does not end with a semicolon",
    why_vi: "Mỗi nơi nhận kết thúc bằng \";\", riêng dòng \"Lưu\" cuối cùng kết thúc bằng \".\".",
    why_en: "Each recipient ends with \";\", the last (archive) line with \".\".",
    source: "NĐ 30/2020, Phụ lục I, mục II.9",
    bad: "1. Nhiệm vụ./.\nNơi nhận:\n- VP UBND tỉnh: LĐVP, TP.VX\n- Lưu: VT.\n",
    good: "1. Nhiệm vụ./.\nNơi nhận:\n- VP UBND tỉnh: LĐVP, TP.VX;\n- Lưu: VT.\n",
    safe_fix: true,
};

pub const ARCHIVE_LINE: Rule = Rule {
    code: "KH605",
    name: "archive-line",
    severity: Severity::Warning,
    what_vi: "Dòng cuối nơi nhận không phải \"- Lưu: VT, …\" kết thúc bằng dấu chấm",
    what_en: "The last recipient is not \"- Lưu: VT, …\" ending with a full stop",
    why_vi: "Dòng cuối cùng là nơi lưu văn bản: \"- Lưu: VT, <đơn vị soạn thảo>.\".",
    why_en: "The last line is the archive: \"- Lưu: VT, <drafting unit>.\".",
    source: "NĐ 30/2020, Phụ lục I, mục II.9",
    bad: "1. Nhiệm vụ./.\nNơi nhận:\n- Sở Ngoại vụ;\n- Lưu: VT;\n",
    good: "1. Nhiệm vụ./.\nNơi nhận:\n- Sở Ngoại vụ;\n- Lưu: VT.\n",
    safe_fix: true,
};

pub const ARCHIVE_COLON: Rule = Rule {
    code: "KH606",
    name: "archive-colon",
    severity: Severity::Warning,
    what_vi: "\"Lưu\" thiếu dấu hai chấm",
    what_en: "\"Lưu\" lacks its colon",
    why_vi: "Viết \"- Lưu: VT, …\" với dấu hai chấm sau \"Lưu\".",
    why_en: "Write \"- Lưu: VT, …\" with a colon after \"Lưu\".",
    source: "NĐ 30/2020, Phụ lục I, mục II.9",
    bad: "1. Nhiệm vụ./.\nNơi nhận:\n- Sở Ngoại vụ;\n- Lưu VT, ttri.\n",
    good: "1. Nhiệm vụ./.\nNơi nhận:\n- Sở Ngoại vụ;\n- Lưu: VT, ttri.\n",
    safe_fix: true,
};

pub const SALUTATION: Rule = Rule {
    code: "KH607",
    name: "salutation-in-plan",
    severity: Severity::Warning,
    what_vi: "Kế hoạch có \"Kính gửi\"",
    what_en: "The plan has a \"Kính gửi\" line",
    why_vi: "\"Kính gửi\" dành cho công văn, tờ trình, báo cáo; kế hoạch gửi đi qua Nơi nhận.",
    why_en: "\"Kính gửi\" belongs to letters and reports; a plan is sent through its Nơi nhận.",
    source: "NĐ 30/2020, Mẫu 1.4",
    bad: "KẾ HOẠCH\nCông tác năm 2024\nKính gửi: Sở Ngoại vụ\n1. Nhiệm vụ\n",
    good: "KẾ HOẠCH\nCông tác năm 2024\n1. Nhiệm vụ\n",
    safe_fix: false,
};

pub const FOREIGN_PHRASE: Rule = Rule {
    code: "KH608",
    name: "recipient-foreign-phrase",
    severity: Severity::Warning,
    what_vi: "Nơi nhận dùng cụm từ của loại văn bản khác",
    what_en: "A recipient phrase belongs to another document type",
    why_vi: "\"Như Điều 3\" là cách ghi của quyết định; kế hoạch không có Điều 3.",
    why_en: "\"Như Điều 3\" comes from decisions; a plan has no Article 3.",
    source: "practice",
    bad: "1. Nhiệm vụ./.\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n",
    good: "1. Nhiệm vụ./.\nNơi nhận:\n- Các sở, ban, ngành;\n- Lưu: VT.\n",
    safe_fix: false,
};

pub const RULES: &[Rule] = &[
    END_MARK,
    RECIPIENTS_MISSING,
    RECIPIENT_DASH,
    RECIPIENT_SEMICOLON,
    ARCHIVE_LINE,
    ARCHIVE_COLON,
    SALUTATION,
    FOREIGN_PHRASE,
];

pub(super) fn check(cx: &mut Ctx) {
    let plan = cx.plan;
    if let Some(closing) = &plan.closing {
        // The Party's documents close without `./.`.
        if !plan.end_mark && !plan.header.is_party() {
            let span = span_of(closing);
            let t = closing.text.trim_end();
            // Replace a final full stop (or add after the last character).
            let (at, new_text) = if let Some(stripped) = t.strip_suffix('.') {
                (
                    Span::new(span.start + stripped.len(), span.start + t.len()),
                    "./.",
                )
            } else {
                (Span::new(span.start + t.len(), span.start + t.len()), "./.")
            };
            // At the end of a table's cell the mark would change the cell: offered,
            // not applied by fix-all (the content ends with a table, the mark goes
            // under it by hand).
            let in_table = cx.src.blocks.in_table(at.start);
            // Nor into a line of pipes the first pass read as no table (a `|---|`
            // rule under an empty pipe row, a row left alone under a broken one):
            // inside the last `|` the mark changes a cell, and the rows around it
            // may read as another table once fixed (a row's cell was lost).
            let holds_pipe = span.text(cx.text()).contains('|');
            // A plan a decision issues: the decision, signed, ends with its own mark,
            // and attachments are written both ways (fixture 204, a ministry's): advice.
            let attached = plan.is_attachment();
            let d = if attached {
                cx.report(
                    &END_MARK,
                    span,
                    "Đoạn cuối của kế hoạch kèm theo quyết định nên kết thúc bằng dấu \"./.\".",
                    "The last paragraph of a plan issued with a decision should end with \"./.\".",
                )
            } else {
                cx.report(
                    &END_MARK,
                    span,
                    "Đoạn cuối của nội dung cần kết thúc bằng dấu \"./.\".",
                    "The last paragraph of the content must end with \"./.\".",
                )
            };
            if attached {
                d.severity = crate::diagnostics::Severity::Warning;
            }
            d.fix(
                !in_table && !holds_pipe,
                "Thêm dấu ./.",
                "Add the end mark ./.",
                at,
                new_text,
            );
        }
    }
    if let Some(s) = &plan.salutation {
        cx.report(
            &SALUTATION,
            span_of(s),
            "Kế hoạch không dùng \"Kính gửi\"; nơi gửi ghi ở Nơi nhận.",
            "A plan has no \"Kính gửi\"; addressees go under Nơi nhận.",
        );
    }
    let Some(r) = &plan.recipients else {
        // A plan issued with a decision is sent by the decision.
        if plan.is_attachment() {
            return;
        }
        let at = plan
            .closing
            .as_ref()
            .map(span_of)
            .unwrap_or(Span::new(cx.text().len(), cx.text().len()));
        cx.report(
            &RECIPIENTS_MISSING,
            at,
            "Thiếu \"Nơi nhận:\" và danh sách nơi nhận.",
            "The \"Nơi nhận:\" list is missing.",
        );
        return;
    };
    let lines: Vec<_> = r.lines().collect();
    let n = lines.len();
    // One cause, one finding: the recipients without their dash, and those
    // without their `;`, each as one finding over all its lines.
    let (mut no_dash, mut no_semicolon) = (Vec::new(), Vec::new());
    // `- VP UBND tỉnh:` over `+ LĐVP, KGVX;` / `+ Lưu: VT.` (KH 144 Bắc Ninh): an
    // office's group, its members and its archive as `+` items under the colon.
    let mut in_group = false;
    for (i, item) in lines.iter().enumerate() {
        let span = span_of(item);
        let text = item.text.as_str();
        let last = i + 1 == n;
        // (`- VPUB: + CVP, các PCVP (đ/b);` over `+ Cổng TTĐT tỉnh;`, QĐ 1627 Quảng
        // Ngãi: the group's first member on its own line.)
        let colon_ends = text.trim_end().ends_with(':');
        let first_member_beside = text.starts_with('-')
            && text
                .split_once(':')
                .is_some_and(|(_, after)| after.trim_start().starts_with('+'));
        let group_opens = (colon_ends || first_member_beside)
            && lines.get(i + 1).is_some_and(|l| l.text.starts_with('+'));
        let member = in_group && text.starts_with('+');
        in_group = group_opens || member;
        if !text.starts_with('-') && !member {
            no_dash.push((span, text, Span::new(span.start, span.start), "- "));
        }
        let body = text.trim_start_matches(['-', '–', '+', ' ']);
        let is_archive = body.starts_with("Lưu");
        // The Party's rules end recipients with "," and write "Lưu" without a colon.
        let party = cx.plan.header.is_party();
        if is_archive && !party && !body["Lưu".len()..].trim_start().starts_with(':') {
            let at_in_item = text.find("Lưu").unwrap_or(0) + "Lưu".len();
            let after = &text[at_in_item..];
            let ws = after.len() - after.trim_start().len();
            let at = Span::new(span.start + at_in_item, span.start + at_in_item + ws);
            cx.report(
                &ARCHIVE_COLON,
                at.cover(Span::new(span.start, span.start + at_in_item)),
                "Viết \"Lưu:\" với dấu hai chấm.",
                "Write \"Lưu:\" with a colon.",
            )
            .fix(true, "Thêm dấu hai chấm", "Add the colon", at, ": ");
        }
        // A decision's own recipients say "Như Điều 3"; only a plan's may not.
        if body.contains("Như Điều") && cx.plan.decision.is_none() {
            cx.report(
                &FOREIGN_PHRASE,
                span,
                "\"Như Điều …\" là cách ghi của quyết định; kế hoạch ghi rõ từng nơi nhận.",
                "\"Như Điều …\" belongs to decisions; a plan names each recipient.",
            );
        }
        // `- Lưu: VT, VP5. Zh`, `- Lưu: VT, CT. 09 KH`: the drafter's initials or the
        // copies after the archive line's stop (read from a line of their own) leave
        // its stop the last mark.
        let stopped = text
            .rsplit_once(". ")
            .filter(|(_, word)| is_archive && crate::parse::is_typist_initials(word))
            .map_or(text, |(before, _)| &text[..before.len() + 1]);
        let end = stopped.chars().last().unwrap_or(' ');
        // The last line, a group's colon and the Party's `,` need no `;`.
        let closed = last || end == ';' || (group_opens && colon_ends) || (party && end == ',');
        if !closed {
            let at = if matches!(end, ',' | '.') {
                Span::new(span.end - 1, span.end)
            } else {
                Span::new(span.end, span.end)
            };
            no_semicolon.push((span, text, at, ";"));
        }
        if last && (!is_archive || end != '.') {
            let d = cx.report(
                &ARCHIVE_LINE,
                span,
                "Dòng cuối nơi nhận là \"- Lưu: VT, …\" và kết thúc bằng dấu chấm.",
                "The last recipient line is \"- Lưu: VT, …\" ending with a full stop.",
            );
            if is_archive && matches!(end, ';' | ',') {
                d.fix(
                    true,
                    "Kết thúc bằng dấu chấm",
                    "End with a full stop",
                    Span::new(span.end - 1, span.end),
                    ".",
                );
            } else if is_archive && end.is_alphanumeric() {
                d.fix(
                    true,
                    "Kết thúc bằng dấu chấm",
                    "End with a full stop",
                    Span::new(span.end, span.end),
                    ".",
                );
            }
        }
    }
    if let Some(&(_, text, ..)) = no_dash.first() {
        let quoted = crate::text::excerpt(text, crate::text::QUOTE_CHARS);
        let k = no_dash.len();
        let (vi, en) = if k == 1 {
            (
                format!("Dòng nơi nhận \"{quoted}\" cần bắt đầu bằng \"- \"."),
                format!("The recipient \"{quoted}\" must start with \"- \"."),
            )
        } else {
            (
                format!("{k} dòng nơi nhận cần bắt đầu bằng \"- \", như \"{quoted}\"."),
                format!("{k} recipient lines must start with \"- \", such as \"{quoted}\"."),
            )
        };
        let fix = Message::new("Thêm \"- \"", "Add \"- \"");
        report_lines(cx, &RECIPIENT_DASH, &no_dash, Message::new(vi, en), fix);
    }
    if !no_semicolon.is_empty() {
        let k = no_semicolon.len();
        let message = if k == 1 {
            Message::new(
                "Dòng nơi nhận cần kết thúc bằng \";\".",
                "A recipient line ends with \";\".",
            )
        } else {
            Message::new(
                format!("{k} dòng nơi nhận cần kết thúc bằng \";\"."),
                format!("{k} recipient lines must end with \";\"."),
            )
        };
        let fix = Message::new("Thêm \";\"", "Add \";\"");
        report_lines(cx, &RECIPIENT_SEMICOLON, &no_semicolon, message, fix);
    }
}

/// One finding over recipient lines (`(line, its text, where, what to write)`): at
/// the first, the others related, one safe fix writing at every line.
fn report_lines(
    cx: &mut Ctx,
    rule: &Rule,
    lines: &[(Span, &str, Span, &str)],
    message: Message,
    fix: Message,
) {
    let Some(&(first, ..)) = lines.first() else {
        return;
    };
    let d = cx.report(rule, first, message.vi, message.en);
    d.fixes.push(Fix {
        title: fix,
        safe: true,
        edits: lines
            .iter()
            .map(|&(_, _, at, new_text)| TextEdit {
                span: at,
                new_text: new_text.to_string(),
            })
            .collect(),
    });
    for &(span, ..) in &lines[1..] {
        d.related(span);
    }
}
