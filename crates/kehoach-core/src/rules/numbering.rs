//! Numbering of the body (I., 1., 1.1., a)) and the sections a plan should have.

use super::{span_of, Ctx, Rule};
use crate::diagnostics::{Fix, Message, Severity, TextEdit};
use crate::markers::part_letter;
use crate::model::{Level, MarkerStyle, Node};
use crate::source::Span;
use crate::text::{fold, is_upper_text, letter_at, to_roman, Case};

pub const SEQUENCE: Rule = Rule {
    code: "KH401",
    name: "numbering-sequence",
    severity: Severity::Error,
    what_vi: "Số thứ tự bị nhảy, lặp hoặc lùi",
    what_en: "Numbering skips, repeats or steps back",
    why_vi:
        "Mỗi dãy (I, II…; 1, 2…; a, b…) bắt đầu từ đầu dưới mỗi mục cha và tăng dần từng bậc một.",
    why_en:
        "Each sequence (I, II…; 1, 2…; a, b…) starts afresh under each parent and goes up by one.",
    source: "NĐ 30/2020, Phụ lục I, mục II.6",
    bad: "1. Sở Thông tin và Truyền thông\na) Chủ trì.\nb) Phối hợp.\nd) Theo dõi.\n",
    good: "1. Sở Thông tin và Truyền thông\na) Chủ trì.\nb) Phối hợp.\nc) Theo dõi.\n",
    safe_fix: false,
};

pub const LETTER: Rule = Rule {
    code: "KH402",
    name: "numbering-letter",
    severity: Severity::Error,
    what_vi: "Chữ cái đánh số điểm không thuộc bảng chữ cái tiếng Việt",
    what_en: "A point letter is not in the Vietnamese alphabet",
    why_vi: "Điểm đánh theo a b c d đ e g h i k l m n o p q r s t u v x y; không dùng f, j, w, z.",
    why_en: "Points follow a b c d đ e g h i k l m n o p q r s t u v x y; f, j, w, z never occur.",
    source: "NĐ 30/2020, Phụ lục I, mục II.6",
    bad: "1. Sở Ngoại vụ\na) Một.\nb) Hai.\nc) Ba.\nd) Bốn.\nđ) Năm.\ne) Sáu.\ng) Bảy.\nh) Tám.\nj) Chín.\n",
    good: "1. Sở Ngoại vụ\na) Một.\nb) Hai.\nc) Ba.\nd) Bốn.\nđ) Năm.\ne) Sáu.\ng) Bảy.\nh) Tám.\ni) Chín.\n",
    safe_fix: false,
};

pub const MARKER_STYLE: Rule = Rule {
    code: "KH403",
    name: "marker-style",
    severity: Severity::Warning,
    what_vi: "Ký hiệu đánh số viết theo kiểu khác (a. a/ 1.1 1.Bộ)",
    what_en: "A marker is written in a variant style (a. a/ 1.1 1.Bộ)",
    why_vi:
        "Điểm viết \"a)\", tiểu khoản viết \"1.1.\", sau ký hiệu là một khoảng trắng; các kiểu \"a.\", \"a/\" dễ lẫn với câu văn.",
    why_en:
        "Points are written \"a)\" and sub-clauses \"1.1.\", a space after the marker; \"a.\" and \"a/\" read like prose.",
    source: "NĐ 30/2020, Phụ lục I, mục II.6",
    bad: "1. Nhiệm vụ\na. Tuyên truyền.\nb/ Tập huấn.\n",
    good: "1. Nhiệm vụ\na) Tuyên truyền.\nb) Tập huấn.\n",
    safe_fix: true,
};

pub const MIXED_TOP: Rule = Rule {
    code: "KH404",
    name: "mixed-top-level",
    severity: Severity::Error,
    what_vi: "Cấp cao nhất lẫn số La Mã và số Ả Rập",
    what_en: "The top level mixes Roman and Arabic numbering",
    why_vi: "Có thể đánh mục lớn bằng số Ả Rập, nhưng cả văn bản phải dùng một kiểu.",
    why_en: "Top-level Arabic numbering is acceptable, but one plan uses one style.",
    source: "practice",
    bad: "1. Mục đích, yêu cầu\nII. NỘI DUNG\nIII. TỔ CHỨC THỰC HIỆN\n",
    good: "I. MỤC ĐÍCH, YÊU CẦU\nII. NỘI DUNG\nIII. TỔ CHỨC THỰC HIỆN\n",
    safe_fix: false,
};

pub const SUB_PREFIX: Rule = Rule {
    code: "KH405",
    name: "sub-clause-prefix",
    severity: Severity::Error,
    what_vi: "Tiểu khoản không mang số của khoản chứa nó",
    what_en: "A sub-clause's prefix is not its parent's number",
    why_vi: "Dưới khoản 3 các tiểu khoản là 3.1., 3.2.…; \"2.1.\" dưới khoản 3 là đánh số nhầm.",
    why_en: "Under clause 3 come 3.1., 3.2.…; \"2.1.\" under clause 3 is misnumbered.",
    source: "practice",
    bad: "3. Quảng bá\n2.1. Trên báo chí\n",
    good: "3. Quảng bá\n3.1. Trên báo chí\n",
    safe_fix: false,
};

pub const SECTION_CASE: Rule = Rule {
    code: "KH406",
    name: "section-title-case",
    severity: Severity::Warning,
    what_vi: "Tên mục (số La Mã) không viết in hoa",
    what_en: "A Roman-numbered section title is not upper case",
    why_vi: "Tên mục đánh số La Mã được trình bày bằng chữ in hoa, đậm.",
    why_en: "Section titles under Roman numerals are set in bold upper case.",
    source: "NĐ 30/2020, Phụ lục I, mục II.6",
    bad: "I. Mục đích, yêu cầu\nII. TỔ CHỨC THỰC HIỆN\n",
    good: "I. MỤC ĐÍCH, YÊU CẦU\nII. TỔ CHỨC THỰC HIỆN\n",
    safe_fix: true,
};

pub const NO_PURPOSE: Rule = Rule {
    code: "KH407",
    name: "section-purpose-missing",
    severity: Severity::Warning,
    what_vi: "Thiếu phần mục đích, yêu cầu",
    what_en: "No purpose and requirements section",
    why_vi: "Hầu hết kế hoạch mở đầu bằng \"MỤC ĐÍCH, YÊU CẦU\" (hoặc \"MỤC TIÊU\").",
    why_en: "Almost every plan opens with \"MỤC ĐÍCH, YÊU CẦU\" (or \"MỤC TIÊU\").",
    source: "practice",
    bad: "I. NỘI DUNG\nII. TỔ CHỨC THỰC HIỆN\n",
    good: "I. MỤC ĐÍCH, YÊU CẦU\nII. NỘI DUNG\nIII. TỔ CHỨC THỰC HIỆN\n",
    safe_fix: false,
};

pub const NO_IMPLEMENTATION: Rule = Rule {
    code: "KH408",
    name: "section-implementation-missing",
    severity: Severity::Warning,
    what_vi: "Thiếu phần tổ chức thực hiện",
    what_en: "No implementation section",
    why_vi: "Kế hoạch cần phần \"TỔ CHỨC THỰC HIỆN\" giao việc cho các đơn vị.",
    why_en: "A plan needs a \"TỔ CHỨC THỰC HIỆN\" section assigning the work.",
    source: "practice",
    bad: "I. MỤC ĐÍCH, YÊU CẦU\nII. NỘI DUNG\n",
    good: "I. MỤC ĐÍCH, YÊU CẦU\nII. NỘI DUNG\nIII. TỔ CHỨC THỰC HIỆN\n",
    safe_fix: false,
};

pub const NO_FUNDING: Rule = Rule {
    code: "KH409",
    name: "section-funding-missing",
    severity: Severity::Info,
    what_vi: "Không có phần kinh phí",
    what_en: "No funding section",
    why_vi: "Nhiều kế hoạch có phần \"KINH PHÍ\"; nếu việc cần kinh phí, nên nêu nguồn.",
    why_en: "Many plans have a \"KINH PHÍ\" section; if the work costs money, name the source.",
    source: "practice",
    bad: "I. MỤC ĐÍCH, YÊU CẦU\nII. NỘI DUNG\nIII. TỔ CHỨC THỰC HIỆN\n",
    good: "I. MỤC ĐÍCH, YÊU CẦU\nII. NỘI DUNG\nIII. KINH PHÍ\nIV. TỔ CHỨC THỰC HIỆN\n",
    safe_fix: false,
};

pub const NO_CONTENT: Rule = Rule {
    code: "KH410",
    name: "section-content-missing",
    severity: Severity::Warning,
    what_vi: "Thiếu phần nội dung, nhiệm vụ",
    what_en: "No content or tasks section",
    why_vi: "Phần chính của kế hoạch là \"NỘI DUNG\", \"NHIỆM VỤ\" hoặc \"NHIỆM VỤ VÀ GIẢI PHÁP\".",
    why_en: "The core of a plan is its \"NỘI DUNG\" / \"NHIỆM VỤ\" section.",
    source: "practice",
    bad: "I. MỤC ĐÍCH, YÊU CẦU\nII. TỔ CHỨC THỰC HIỆN\n",
    good: "I. MỤC ĐÍCH, YÊU CẦU\nII. NHIỆM VỤ VÀ GIẢI PHÁP\nIII. TỔ CHỨC THỰC HIỆN\n",
    safe_fix: false,
};

pub const RULES: &[Rule] = &[
    SEQUENCE,
    LETTER,
    MARKER_STYLE,
    MIXED_TOP,
    SUB_PREFIX,
    SECTION_CASE,
    NO_PURPOSE,
    NO_IMPLEMENTATION,
    NO_FUNDING,
    NO_CONTENT,
];

/// The canonical marker for `ordinal` at a level (`III.`, `4.`, `3.2.`, `i)`).
fn marker_for(level: Level, ordinal: u32, prefix: &[u32]) -> String {
    match level {
        Level::Part => format!("Phần {}", to_roman(ordinal)),
        Level::Section => format!("{}.", to_roman(ordinal)),
        Level::Clause => format!("{ordinal}."),
        Level::SubClause => {
            let mut s: String = prefix.iter().map(|p| format!("{p}.")).collect();
            s.push_str(&format!("{ordinal}."));
            s
        }
        Level::Point => letter_at(ordinal).map_or_else(|| "?)".into(), |c| format!("{c})")),
        Level::Dash => "-".into(),
        Level::Plus => "+".into(),
    }
}

pub(super) fn check(cx: &mut Ctx) {
    let body = &cx.plan.body;
    let mut variants = Vec::new();
    check_siblings(cx, body, None, &mut variants);
    report_variants(cx, variants);
    check_mixed_top(cx, body);
    check_sections(cx);
}

/// A marker written in a variant style: where, as written, what to write, its style.
struct Variant {
    span: Span,
    /// As written and as it should be, for the message (`1.Bộ`, `1. Bộ`).
    written: String,
    want: String,
    /// What the fix writes over `span`.
    fixed: String,
    style: MarkerStyle,
}

/// One finding per variant style (`a.` for `a)`, `1.3` for `1.3.`): one habit of the
/// writer, however many markers show it, with one safe fix for all of them.
fn report_variants(cx: &mut Ctx, variants: Vec<Variant>) {
    let mut styles: Vec<MarkerStyle> = Vec::new();
    for v in &variants {
        if !styles.contains(&v.style) {
            styles.push(v.style);
        }
    }
    for style in styles {
        let same: Vec<&Variant> = variants.iter().filter(|v| v.style == style).collect();
        let Some(first) = same.first() else { continue };
        let (k, w, want) = (same.len(), &first.written, &first.want);
        let (vi, en, fix_vi, fix_en) = if k == 1 {
            (
                format!("Viết \"{want}\" thay cho \"{w}\"."),
                format!("Write \"{want}\" instead of \"{w}\"."),
                format!("Sửa thành {want}"),
                format!("Change to {want}"),
            )
        } else {
            (
                format!("{k} ký hiệu đánh số viết kiểu khác, như \"{w}\": viết \"{want}\"."),
                format!("{k} markers are written in a variant style, such as \"{w}\": write \"{want}\"."),
                format!("Sửa {k} ký hiệu"),
                format!("Fix {k} markers"),
            )
        };
        let d = cx.report(&MARKER_STYLE, first.span, vi, en);
        d.fixes.push(Fix {
            title: Message::new(fix_vi, fix_en),
            safe: true,
            edits: same
                .iter()
                .map(|v| TextEdit {
                    span: v.span,
                    new_text: v.fixed.clone(),
                })
                .collect(),
        });
        // (As many related spans as the other grouped findings show.)
        for v in same.iter().skip(1).take(20) {
            d.related(v.span);
        }
    }
}

fn check_siblings(
    cx: &mut Ctx,
    nodes: &[Node],
    parent: Option<&Node>,
    variants: &mut Vec<Variant>,
) {
    for level in [
        Level::Part,
        Level::Section,
        Level::Clause,
        Level::SubClause,
        Level::Point,
    ] {
        let mut expected = 1u32;
        let mut prev: Option<&Node> = None;
        // The last item was a letter outside the alphabet (`f)`).
        let mut after_slip = false;
        for n in nodes.iter().filter(|n| n.level == level) {
            let mspan = n.marker_range.span();
            if n.style == MarkerStyle::NoSpace {
                // The marker and the word it touches (`1.Bộ`), and the space between.
                let word: String = n
                    .title
                    .text
                    .chars()
                    .take_while(|c| c.is_alphabetic())
                    .collect();
                variants.push(Variant {
                    span: mspan,
                    written: format!("{}{word}", n.marker),
                    want: format!("{} {word}", n.marker),
                    fixed: format!("{} ", n.marker),
                    style: n.style,
                });
            } else if n.style != MarkerStyle::Canonical {
                let want = marker_for(level, n.ordinal.unwrap_or(expected), &prefix_of(n));
                let want = match (level, n.letter) {
                    (Level::Point, Some(c)) => format!("{c})"),
                    _ => want,
                };
                variants.push(Variant {
                    span: mspan,
                    written: n.marker.clone(),
                    fixed: want.clone(),
                    want,
                    style: n.style,
                });
            }
            // A note in brackets after the title (`NHIỆM VỤ VÀ GIẢI PHÁP (chi tiết
            // Phụ lục đính kèm)`, KH 552 Đồng Tháp) is the drafter's aside, not the
            // title: it keeps its case.
            let title = n.title.text.as_str();
            let closed = title.trim_end().trim_end_matches(['.', '/', ';', ':']);
            let named = match closed.strip_suffix(')') {
                Some(open) if !title.starts_with('(') => {
                    open.rfind('(').map_or(title, |at| title[..at].trim_end())
                }
                _ => title,
            };
            if level == Level::Section
                && !named.is_empty()
                && !is_upper_text(named)
                && named.chars().any(|c| c.is_alphabetic())
            {
                let up = named.upper();
                let whole = span_of(&n.title);
                // The field's text has its span's length: the name is its first part.
                let span = Span::new(whole.start, (whole.start + named.len()).min(whole.end));
                cx.report(
                    &SECTION_CASE,
                    span,
                    "Tên mục đánh số La Mã viết bằng chữ in hoa.",
                    "Section titles under Roman numerals are upper case.",
                )
                .fix(true, "Viết in hoa", "Make upper case", span, up);
            }
            if level == Level::SubClause {
                if let Some(p) =
                    parent.filter(|p| p.level == Level::Clause || p.level == Level::SubClause)
                {
                    let parent_path: Vec<u32> = if p.level == Level::Clause {
                        p.ordinal.into_iter().collect()
                    } else {
                        p.ordinal_path.clone()
                    };
                    let own_prefix = prefix_of(n);
                    if own_prefix != parent_path {
                        let want = marker_for(level, n.ordinal.unwrap_or(1), &parent_path);
                        cx.report(
                            &SUB_PREFIX,
                            mspan,
                            format!(
                                "\"{}\" nằm dưới \"{}\": phải là \"{want}\".",
                                n.marker, p.marker
                            ),
                            format!(
                                "\"{}\" stands under \"{}\": it should be \"{want}\".",
                                n.marker, p.marker
                            ),
                        )
                        .related(p.marker_range.span())
                        .fix(
                            false,
                            format!("Sửa thành {want}"),
                            format!("Change to {want}"),
                            mspan,
                            want,
                        );
                    }
                }
            }
            let Some(ord) = n.ordinal else {
                // A letter outside the Vietnamese alphabet: report it once (the letter
                // after it is judged as below).
                let want = marker_for(level, expected, &[]);
                let letter = n.letter.unwrap_or('?');
                let d = cx.report(
                    &LETTER,
                    mspan,
                    format!("\"{letter})\" không có trong bảng chữ cái tiếng Việt: sau \"{}\" là \"{want}\".", prev.map_or("", |p| p.marker.as_str())),
                    format!("\"{letter})\" is not a Vietnamese letter: after \"{}\" comes \"{want}\".", prev.map_or("", |p| p.marker.as_str())),
                );
                renumber_fix(d, prev, mspan, want);
                // Whether the letter stood for the expected one (`e) f) h)`) or the
                // list goes on in the Latin alphabet (`e) f) g)`, KH 179 Đồng Nai),
                // the next letter is no second finding of the same slip.
                after_slip = true;
                prev = Some(n);
                continue;
            };
            if after_slip && ord == expected + 1 {
                expected += 1;
            }
            after_slip = false;
            if ord != expected {
                let want = match (level, n.letter) {
                    (Level::Part, Some(_)) => format!("{}.", part_letter(expected)),
                    _ => marker_for(level, expected, &prefix_of(n)),
                };
                let (vi, en) = match prev {
                    None => (
                        format!(
                            "Dãy {} bắt đầu bằng \"{}\": phải bắt đầu từ \"{want}\".",
                            level.name_vi(),
                            n.marker
                        ),
                        format!(
                            "The {} sequence starts at \"{}\": it should start at \"{want}\".",
                            level.name_en(),
                            n.marker
                        ),
                    ),
                    Some(p) if ord > expected => (
                        format!(
                            "Thiếu \"{want}\": sau \"{}\" là \"{}\".",
                            p.marker, n.marker
                        ),
                        format!(
                            "\"{want}\" is missing: \"{}\" follows \"{}\".",
                            n.marker, p.marker
                        ),
                    ),
                    Some(p) if ord + 1 == expected => (
                        format!("\"{}\" bị lặp lại: phải là \"{want}\".", n.marker),
                        format!(
                            "\"{}\" repeats \"{}\": it should be \"{want}\".",
                            n.marker, p.marker
                        ),
                    ),
                    Some(p) => (
                        format!(
                            "Số thứ tự lùi: \"{}\" sau \"{}\", phải là \"{want}\".",
                            n.marker, p.marker
                        ),
                        format!(
                            "Numbering steps back: \"{}\" after \"{}\", it should be \"{want}\".",
                            n.marker, p.marker
                        ),
                    ),
                };
                let d = cx.report(&SEQUENCE, mspan, vi, en);
                renumber_fix(d, prev, mspan, want);
            }
            // Continue from what is written, so one gap gives one finding.
            expected = ord + 1;
            prev = Some(n);
        }
    }
    for n in nodes {
        check_siblings(cx, &n.children, Some(n), variants);
    }
}

/// Points a numbering finding at the previous sibling and offers the expected marker
/// (not a safe fix: the drafter may have meant another item).
fn renumber_fix(
    d: &mut crate::diagnostics::Diagnostic,
    prev: Option<&Node>,
    at: Span,
    want: String,
) {
    if let Some(p) = prev {
        d.related(p.marker_range.span());
    }
    d.fix(
        false,
        format!("Sửa thành {want}"),
        format!("Change to {want}"),
        at,
        want,
    );
}

fn prefix_of(n: &Node) -> Vec<u32> {
    match n.ordinal_path.split_last() {
        Some((_, rest)) => rest.to_vec(),
        None => Vec::new(),
    }
}

fn check_mixed_top(cx: &mut Ctx, roots: &[Node]) {
    let has_roman = roots.iter().any(|n| n.level == Level::Section);
    if !has_roman {
        return;
    }
    if let Some(n) = roots.iter().find(|n| n.level == Level::Clause) {
        let first_roman = roots.iter().find(|n| n.level == Level::Section);
        let d = cx.report(
            &MIXED_TOP,
            n.marker_range.span(),
            format!(
                "\"{}\" đánh số Ả Rập ở cấp cao nhất trong khi các mục khác dùng số La Mã.",
                n.marker
            ),
            format!(
                "\"{}\" numbers the top level in Arabic while other sections use Roman numerals.",
                n.marker
            ),
        );
        if let Some(r) = first_roman {
            d.related(r.marker_range.span());
        }
    }
}

/// The top-level sections: the roots, or the parts and the children of `Phần`
/// roots (`C. TỔ CHỨC THỰC HIỆN` is a plan's section as much as `III.` is).
fn top_sections(roots: &[Node]) -> Vec<&Node> {
    let mut out = Vec::new();
    for n in roots {
        if n.level == Level::Part {
            out.push(n);
            out.extend(n.children.iter().filter(|c| c.level <= Level::Clause));
        } else if n.level <= Level::Clause {
            out.push(n);
        }
    }
    out
}

fn check_sections(cx: &mut Ctx) {
    let tops = top_sections(&cx.plan.body);
    let titles: Vec<String> = tops.iter().map(|n| fold(&n.title.text)).collect();
    let has = |words: &[&str]| titles.iter().any(|t| words.iter().any(|w| t.contains(w)));
    let at = tops
        .first()
        .map(|n| n.marker_range.span())
        .or_else(|| cx.plan.title.as_ref().map(|t| span_of(&t.kind_word)))
        .unwrap_or(Span::new(0, 0));
    if !has(&["MỤC ĐÍCH", "MỤC TIÊU", "YÊU CẦU", "QUAN ĐIỂM"]) {
        cx.report(
            &NO_PURPOSE,
            at,
            "Chưa có phần \"MỤC ĐÍCH, YÊU CẦU\" (hoặc \"MỤC TIÊU\").",
            "There is no \"MỤC ĐÍCH, YÊU CẦU\" (or \"MỤC TIÊU\") section.",
        );
    }
    if !has(&[
        "NỘI DUNG",
        "NHIỆM VỤ",
        "GIẢI PHÁP",
        "TRIỂN KHAI",
        "HOẠT ĐỘNG",
    ]) {
        cx.report(
            &NO_CONTENT,
            at,
            "Chưa có phần \"NỘI DUNG\" hoặc \"NHIỆM VỤ\".",
            "There is no \"NỘI DUNG\" or \"NHIỆM VỤ\" section.",
        );
    }
    // `IV. VỐN ĐẦU TƯ`, `NGUỒN VỐN`: a plan of investment names its funding so; a
    // clause of a section may hold it (`V. … / 6. Bảo đảm kinh phí`, KH 144 Bắc Ninh).
    // A clause's title that opens with its funding (`Bảo đảm kinh phí`, `Kinh phí
    // thực hiện`), not a duty that mentions it (`Sở Tài chính: Tham mưu bố trí kinh
    // phí thực hiện.`).
    // Or a clause's sub-clause (`II. NHIỆM VỤ / 4. Về nguồn lực / 4.1. Kinh phí thực
    // hiện`, KH 308 Hà Nội).
    let funding_clause = tops
        .iter()
        .flat_map(|n| n.children.iter())
        .flat_map(|c| std::iter::once(c).chain(&c.children))
        .filter(|c| c.level <= Level::SubClause && !c.title.text.trim_end().ends_with('.'))
        .any(|c| {
            let t = fold(crate::text::head(&c.title.text, 48));
            ["KINH PHÍ", "VỐN", "NGUỒN VỐN"].iter().any(|w| {
                ["", "BẢO ĐẢM ", "ĐẢM BẢO ", "NGUỒN ", "VỀ "]
                    .iter()
                    .any(|p| t.starts_with(&format!("{p}{w}")))
            })
        });
    if !has(&["KINH PHÍ", "VỐN ĐẦU TƯ", "NGUỒN VỐN"]) && !funding_clause {
        cx.report(
            &NO_FUNDING,
            at,
            "Kế hoạch không có phần \"KINH PHÍ\".",
            "The plan has no \"KINH PHÍ\" (funding) section.",
        );
    }
    if !has(&["TỔ CHỨC THỰC HIỆN", "PHÂN CÔNG", "TRÁCH NHIỆM"]) {
        cx.report(
            &NO_IMPLEMENTATION,
            at,
            "Chưa có phần \"TỔ CHỨC THỰC HIỆN\".",
            "There is no \"TỔ CHỨC THỰC HIỆN\" section.",
        );
    }
}

#[cfg(test)]
mod tests {
    /// Markers in one variant style are one habit: one finding, every marker related
    /// and fixed at once; another style is another finding.
    #[test]
    fn one_finding_per_variant_style() {
        let text = "KẾ HOẠCH\nThử\n\nI. NHIỆM VỤ\n1. Tuyên truyền\na. Hội nghị.\nb. Tập huấn.\n2. Kiểm tra\na. Đoàn một.\nb/ Đoàn hai.\n";
        let report = crate::check(text);
        let style: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == "KH403")
            .collect();
        assert_eq!(style.len(), 2, "{style:?}");
        assert_eq!(style[0].related.len(), 2);
        assert_eq!(style[0].fixes[0].edits.len(), 3);
        assert!(style[0].message.vi.starts_with("3 ký hiệu"));
        assert_eq!(style[1].message.vi, "Viết \"b)\" thay cho \"b/\".");
        let fixed = crate::fix::apply_safe_fixes(text);
        assert!(fixed.contains("a) Hội nghị.\nb) Tập huấn.") && fixed.contains("b) Đoàn hai."));
    }

    /// Parts lettered in capitals over sections and clauses (Kế hoạch 252/KH-BCĐQG1237
    /// of the Ban Chỉ đạo quốc gia 1237: `A. MỤC ĐÍCH, YÊU CẦU` over `1.`, `B. NỘI
    /// DUNG …` over `I.`–`IX.`, `C.` and `D.` over `1.` again). `C.` was Roman C after
    /// `IX.` (KH401), `1.` under `D.` a step back (KH401), `1.` under `A.` Arabic beside
    /// Roman (KH404) and `D. TỔ CHỨC THỰC HIỆN` no section (KH408). A letter skipped
    /// is still an error, and renumbering keeps the letters.
    #[test]
    fn parts_lettered_in_capitals() {
        let text = "KẾ HOẠCH\nThử\n\nA. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n2. Yêu cầu\nB. NỘI DUNG, NHIỆM VỤ\nI. CÔNG TÁC QUÁN TRIỆT\n1. Nội dung\nII. KIỂM TRA, TỔNG KẾT\n1. Nội dung\nC. MỘT SỐ NỘI DUNG TRỌNG TÂM\n1. Tập trung nghiên cứu.\n2. Tổ chức quán triệt.\nD. TỔ CHỨC THỰC HIỆN\n1. Ban Chỉ đạo quốc gia\n2. Bộ Quốc phòng\n";
        let codes = |t: &str| -> Vec<&'static str> {
            crate::check(t)
                .diagnostics
                .iter()
                .map(|d| d.code)
                .filter(|c| c.starts_with("KH40") && *c != "KH409")
                .collect()
        };
        assert_eq!(codes(text), Vec::<&str>::new());
        let skipped = text.replace("D. TỔ CHỨC", "E. TỔ CHỨC");
        let report = crate::check(&skipped);
        let gap: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == "KH401")
            .collect();
        assert_eq!(gap.len(), 1, "{gap:?}");
        assert_eq!(gap[0].message.vi, "Thiếu \"D.\": sau \"C.\" là \"E.\".");
        assert_eq!(crate::compose::renumber(&skipped), text);
        // A sentence after a capital is no part: `A. Nguyễn Văn B` names a person.
        assert!(crate::markers::marker_of("A. Nguyễn Văn B").is_none());
    }

    /// A clause's marker glued to its first word (`1.Bộ Khoa học và Công nghệ thành
    /// lập …`, a Bộ KH&CN plan as its PDF's text gives it) starts the item: the list
    /// under `IV.` started at `2.` (KH401, an error). One finding for the habit, and
    /// the space put back; a code in capitals (`3.ĐTB`) starts nothing.
    #[test]
    fn a_marker_glued_to_its_word_starts_its_item() {
        let text = "KẾ HOẠCH\nThử\n\nI. NHIỆM VỤ\n1.Bộ Khoa học và Công nghệ thành lập Tổ công tác.\n2. Cơ quan điều hành chủ trì.\n3.Thúc đẩy xây dựng nền tảng số.\n";
        let report = crate::check(text);
        let codes: Vec<_> = report.diagnostics.iter().map(|d| d.code).collect();
        assert!(!codes.contains(&"KH401"), "{codes:?}");
        let style: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == "KH403")
            .collect();
        assert_eq!(style.len(), 1, "{style:?}");
        assert_eq!(
            style[0].message.vi,
            "2 ký hiệu đánh số viết kiểu khác, như \"1.Bộ\": viết \"1. Bộ\"."
        );
        let fixed = crate::fix::apply_safe_fixes(text);
        assert!(
            fixed.contains("\n1. Bộ Khoa học") && fixed.contains("\n3. Thúc đẩy"),
            "{fixed}"
        );
        assert!(crate::markers::marker_of("3.ĐTB + 2.ĐTNTH").is_none());
    }

    /// A section's title in capitals with a note in brackets after it (`(chi tiết
    /// Phụ lục đính kèm)`, KH 552 Đồng Tháp) is upper case; a title in lower case
    /// with a note is made upper case up to the note, which keeps its case.
    #[test]
    fn a_note_after_a_section_title_keeps_its_case() {
        let text = "KẾ HOẠCH\nThử\n\nI. MỤC ĐÍCH\nII. NHIỆM VỤ VÀ GIẢI PHÁP (chi tiết Phụ lục đính kèm)\nIII. Tổ chức thực hiện (xem Phụ lục)\n";
        let report = crate::check(text);
        let case: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == "KH406")
            .collect();
        assert_eq!(case.len(), 1, "{case:?}");
        let fixed = crate::fix::apply_safe_fixes(text);
        assert!(
            fixed.contains("III. TỔ CHỨC THỰC HIỆN (xem Phụ lục)"),
            "{fixed}"
        );
        assert!(fixed.contains("(chi tiết Phụ lục đính kèm)"), "{fixed}");
    }

    /// A plan of investment names its funding `VỐN ĐẦU TƯ` (fixture 201).
    #[test]
    fn investment_capital_is_a_funding_section() {
        let plan = |funding: &str| {
            format!("KẾ HOẠCH\nThử\n\nI. MỤC ĐÍCH, YÊU CẦU\nII. NỘI DUNG\n{funding}\nIV. TỔ CHỨC THỰC HIỆN\n")
        };
        let no_funding = |text: &str| {
            crate::check(text)
                .diagnostics
                .iter()
                .any(|d| d.code == "KH409")
        };
        assert!(!no_funding(&plan("III. VỐN ĐẦU TƯ")));
        assert!(!no_funding(&plan("III. KINH PHÍ THỰC HIỆN")));
        assert!(no_funding(&plan("III. CHẾ ĐỘ BÁO CÁO")));
        assert!(!no_funding(&plan(
            "III. GIẢI PHÁP\n1. Hoàn thiện thể chế\n2. Bảo đảm kinh phí"
        )));
        assert!(!no_funding(&plan(
            "III. GIẢI PHÁP\n1. Hoàn thiện thể chế\n2. Về nguồn lực\n2.1. Kinh phí thực hiện\n2.2. Nguồn nhân lực"
        )));
        // A clause's sentence that names funding is no funding section.
        assert!(no_funding(&plan("III. GIẢI PHÁP\n1. Các sở chủ động bố trí nguồn lực, lồng ghép các chương trình và sử dụng kinh phí tiết kiệm")));
        assert!(no_funding(&plan(
            "III. GIẢI PHÁP\n2. Sở Tài chính: Tham mưu bố trí kinh phí thực hiện."
        )));
    }
}
