//! Composing plans: the new-plan template, the header and signature form, the next
//! marker at the cursor, renumbering. Pure text → text functions the editor calls.

use crate::diagnostics::TextEdit;
use crate::fix::apply_edits;
use crate::markers::part_letter;
use crate::model::{Level, Node, PartialDate, Plan};
use crate::parse::parse;
use crate::source::Span;
use crate::text::{letter_at, to_roman, Case};
use crate::vocab::{MOTTO, NATIONAL_TITLE};
use serde::{Deserialize, Serialize};

pub use crate::text::is_placeholder;

/// A complete plan with placeholders to fill in. Checked, it shows only "fill this in"
/// notes (information), never an error or a warning.
pub fn template(year: u16) -> String {
    format!(
        "[CƠ QUAN CHỦ QUẢN]\n\
[TÊN CƠ QUAN BAN HÀNH]\n\
Số:      /KH-[CQ]\n\
{NATIONAL_TITLE}\n\
{MOTTO}\n\
[Địa danh], ngày    tháng    năm {year}\n\
\n\
KẾ HOẠCH\n\
[Trích yếu nội dung kế hoạch] năm {year}\n\
\n\
Căn cứ [tên văn bản căn cứ];\n\
Căn cứ [tên văn bản căn cứ].\n\
[Tên cơ quan] ban hành Kế hoạch [trích yếu] với các nội dung sau:\n\
\n\
I. MỤC ĐÍCH, YÊU CẦU\n\
1. Mục đích\n\
[Nội dung mục đích].\n\
2. Yêu cầu\n\
[Nội dung yêu cầu].\n\
II. NỘI DUNG\n\
1. [Tên nhiệm vụ]\n\
- Nội dung: [nội dung nhiệm vụ].\n\
- Đơn vị chủ trì: [đơn vị].\n\
- Đơn vị phối hợp: [đơn vị].\n\
- Thời gian thực hiện: [thời gian].\n\
III. KINH PHÍ\n\
[Nguồn kinh phí thực hiện].\n\
IV. TỔ CHỨC THỰC HIỆN\n\
1. [Đơn vị]\n\
[Nhiệm vụ của đơn vị].\n\
Trên đây là Kế hoạch [trích yếu] của [tên cơ quan]./.\n\
\n\
Nơi nhận:\n\
- [Nơi nhận];\n\
- Lưu: VT, [đơn vị soạn thảo].\n\
\n\
KT. [CHỨC VỤ NGƯỜI ĐỨNG ĐẦU]\n\
PHÓ [CHỨC VỤ NGƯỜI ĐỨNG ĐẦU]\n\
\n\
[Họ và tên]\n"
    )
}

/// An office's usual header, signature and recipients ("Hồ sơ cơ quan"): what a clerk
/// would otherwise type into every plan. Several can be kept, one per office.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    /// What the clerk calls it (`UBND xã Tân Phú`).
    pub name: String,
    pub parent_agency: String,
    pub agency: String,
    /// The agency's part of the symbol: `UBND` in `Số: …/KH-UBND`.
    pub agency_code: String,
    pub place: String,
    /// `TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH`: lines separated by ` / `.
    pub authority: String,
    pub title: String,
    pub signer: String,
    /// The usual recipients, one per line, the last the archive (`Lưu: VT, VP`).
    pub recipients: Vec<String>,
}

/// As the page keeps it (`profiles::ProfileBook`), through `crate::json`: every
/// field may be missing (`#[serde(default)]`).
impl crate::json::FromJson for Profile {
    fn from_json(value: &crate::json::Value<'_>) -> Result<Self, crate::json::Error> {
        use crate::json::field_or_default as get;
        let value = crate::json::expect_object(value)?;
        Ok(Profile {
            name: get(value, "name")?,
            parent_agency: get(value, "parent_agency")?,
            agency: get(value, "agency")?,
            agency_code: get(value, "agency_code")?,
            place: get(value, "place")?,
            authority: get(value, "authority")?,
            title: get(value, "title")?,
            signer: get(value, "signer")?,
            recipients: get(value, "recipients")?,
        })
    }
}

impl crate::json::ToJson for Profile {
    fn write_json(&self, w: &mut crate::json::Writer) {
        w.begin_object();
        w.field("name", &self.name);
        w.field("parent_agency", &self.parent_agency);
        w.field("agency", &self.agency);
        w.field("agency_code", &self.agency_code);
        w.field("place", &self.place);
        w.field("authority", &self.authority);
        w.field("title", &self.title);
        w.field("signer", &self.signer);
        w.field("recipients", &self.recipients);
        w.end_object();
    }
}

impl Profile {
    /// Nothing filled in but perhaps the name.
    pub fn is_blank(&self) -> bool {
        let mut form = FormFields::default();
        self.fill(&mut form);
        form == FormFields::default() && self.recipients.iter().all(|r| r.trim().is_empty())
    }

    /// The form's fields this profile fills (the number, date and summary stay).
    pub fn fill(&self, form: &mut FormFields) {
        let set = |field: &mut String, value: &str| {
            if !value.trim().is_empty() {
                *field = value.trim().to_string();
            }
        };
        set(&mut form.parent_agency, &self.parent_agency);
        set(&mut form.agency, &self.agency);
        set(&mut form.agency_code, &self.agency_code);
        set(&mut form.place, &self.place);
        set(&mut form.authority, &self.authority);
        set(&mut form.title, &self.title);
        set(&mut form.signer, &self.signer);
    }
}

/// The new-plan template with `profile`'s header, signature and recipients: only the
/// content's placeholders (and the number and day, given at signing) are left.
pub fn template_for(year: u16, profile: &Profile) -> String {
    let base = template(year);
    if profile.is_blank() {
        return base;
    }
    let mut form = read_form(&base);
    profile.fill(&mut form);
    // The year stays in the date line, as in the bare template.
    form.date = year.to_string();
    let text = write_form(&base, &form);
    let recipients: Vec<&str> = profile
        .recipients
        .iter()
        .map(|r| r.trim().trim_start_matches(['-', '+']).trim())
        .map(|r| r.trim_end_matches([';', '.', ',']).trim())
        .filter(|r| !r.is_empty())
        .collect();
    let Some(last) = recipients.len().checked_sub(1) else {
        return text;
    };
    let block: String = recipients
        .iter()
        .enumerate()
        .map(|(i, r)| format!("- {r}{}\n", if i == last { "." } else { ";" }))
        .collect();
    let (Some(start), Some(end)) = (
        text.find("- [Nơi nhận];\n"),
        text.find("[đơn vị soạn thảo].\n"),
    ) else {
        return text;
    };
    let end = end + "[đơn vị soạn thảo].\n".len();
    format!("{}{block}{}", &text[..start], &text[end..])
}

/// The header and signature fields of the form, read from and written into the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormFields {
    pub parent_agency: String,
    pub agency: String,
    /// Digits, empty for a draft.
    pub number: String,
    pub agency_code: String,
    pub place: String,
    /// ISO date, possibly partial (`2024-03-05`, `2024`).
    pub date: String,
    pub summary: String,
    /// `KT. CHỦ TỊCH`, `TM. ỦY BAN NHÂN DÂN`, or empty.
    pub authority: String,
    pub title: String,
    pub signer: String,
}

/// Reads the form's fields from a text.
pub fn read_form(text: &str) -> FormFields {
    let plan = parse(text);
    let h = &plan.header;
    let s = &plan.signature;
    FormFields {
        parent_agency: h
            .parent_agency
            .as_ref()
            .map(|f| f.text.clone())
            .unwrap_or_default(),
        agency: h.agency_name().unwrap_or_default(),
        number: h
            .number
            .as_ref()
            .and_then(|n| n.number.clone())
            .unwrap_or_default(),
        agency_code: h
            .number
            .as_ref()
            .map(|n| n.agency_code.clone())
            .unwrap_or_default(),
        place: h
            .place_date
            .as_ref()
            .map(|p| p.place.clone())
            .unwrap_or_default(),
        date: h
            .place_date
            .as_ref()
            .map(|p| p.date.to_iso())
            .unwrap_or_default(),
        summary: plan
            .title
            .as_ref()
            .and_then(|t| t.summary.as_ref())
            .map(|f| f.text.clone())
            .unwrap_or_default(),
        authority: s
            .authority
            .iter()
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>()
            .join(" / "),
        title: s.titles.first().map(|f| f.text.clone()).unwrap_or_default(),
        signer: s.name.as_ref().map(|f| f.text.clone()).unwrap_or_default(),
    }
}

fn header_block(f: &FormFields) -> String {
    let mut lines = Vec::new();
    if !f.parent_agency.trim().is_empty() {
        lines.push(f.parent_agency.trim().upper());
    }
    lines.push(if f.agency.trim().is_empty() {
        "[TÊN CƠ QUAN BAN HÀNH]".to_string()
    } else {
        f.agency.trim().upper()
    });
    let code = if f.agency_code.trim().is_empty() {
        "[CQ]"
    } else {
        f.agency_code.trim()
    };
    let number = f.number.trim();
    lines.push(match number.parse::<u32>() {
        Ok(n) if n < 10 => format!("Số: {n:02}/KH-{code}"),
        Ok(_) => format!("Số: {number}/KH-{code}"),
        Err(_) => format!("Số:      /KH-{code}"),
    });
    lines.push(NATIONAL_TITLE.into());
    lines.push(MOTTO.into());
    let date = PartialDate::from_iso(f.date.trim()).unwrap_or(PartialDate {
        year: None,
        month: None,
        day: None,
    });
    let place = if f.place.trim().is_empty() {
        "[Địa danh]"
    } else {
        f.place.trim()
    };
    lines.push(crate::model::canonical_place_date(place, date, "", "", ""));
    lines.join("\n") + "\n"
}

fn signature_block(f: &FormFields) -> String {
    let mut lines = Vec::new();
    for a in f
        .authority
        .split(" / ")
        .map(str::trim)
        .filter(|a| !a.is_empty())
    {
        lines.push(a.upper());
    }
    if !f.title.trim().is_empty() {
        lines.push(f.title.trim().upper());
    }
    lines.push(String::new());
    lines.push(if f.signer.trim().is_empty() {
        "[Họ và tên]".into()
    } else {
        f.signer.trim().to_string()
    });
    lines.join("\n") + "\n"
}

/// Writes the form's header, summary and signature into `text`, keeping the rest.
pub fn write_form(text: &str, f: &FormFields) -> String {
    let plan = parse(text);
    let mut edits = Vec::new();
    // Header: everything before the title line.
    let title_line_start = plan
        .title
        .as_ref()
        .map(|t| line_start(text, t.kind_word.range.start))
        .unwrap_or(0);
    let mut header = header_block(f);
    if plan.title.is_none() {
        header.push_str("\nKẾ HOẠCH\n");
        header.push_str(if f.summary.trim().is_empty() {
            "[Trích yếu nội dung kế hoạch]"
        } else {
            f.summary.trim()
        });
        header.push_str("\n\n");
    } else {
        // The replaced region held the blank line before the title too.
        header.push('\n');
    }
    edits.push(TextEdit {
        span: Span::new(0, title_line_start),
        new_text: header,
    });
    if let Some(t) = &plan.title {
        let summary = f.summary.trim();
        match &t.summary {
            Some(s) if !summary.is_empty() => edits.push(TextEdit {
                span: s.range.span(),
                new_text: summary.to_string(),
            }),
            None if !summary.is_empty() => {
                let at = t.kind_word.range.end;
                edits.push(TextEdit {
                    span: Span::new(at, at),
                    new_text: format!("\n{summary}"),
                })
            }
            _ => {}
        }
    }
    // Signature: from its first line to the name (or the end), else appended.
    let sig = &plan.signature;
    let first = sig
        .authority
        .iter()
        .chain(&sig.titles)
        .chain(&sig.placeholders)
        .chain(sig.name.as_ref())
        .map(|f| f.range.start)
        .min();
    let last = sig
        .authority
        .iter()
        .chain(&sig.titles)
        .chain(&sig.placeholders)
        .chain(sig.name.as_ref())
        .map(|f| f.range.end)
        .max();
    match (first, last) {
        (Some(a), Some(b)) if sig_is_separate(&plan, a) => {
            let a = line_start(text, a);
            let b = text[b..].find('\n').map_or(text.len(), |i| b + i + 1);
            edits.push(TextEdit {
                span: Span::new(a, b),
                new_text: signature_block(f),
            });
        }
        _ => {
            let mut block = String::new();
            if !text.ends_with('\n') {
                block.push('\n');
            }
            block.push('\n');
            block.push_str(&signature_block(f));
            edits.push(TextEdit {
                span: Span::new(text.len(), text.len()),
                new_text: block,
            });
        }
    }
    apply_edits(text, &edits)
}

/// The signature can be rewritten in place when it does not share lines with the
/// recipients (interleaved two-column foot): then the block is appended instead.
fn sig_is_separate(plan: &Plan, sig_start: usize) -> bool {
    plan.recipients.as_ref().is_none_or(|r| {
        r.lines()
            .all(|i| i.range.line != plan_line_of(plan, sig_start))
            && r.heading.range.start < sig_start
    })
}

fn plan_line_of(plan: &Plan, offset: usize) -> usize {
    let s = &plan.signature;
    s.authority
        .iter()
        .chain(&s.titles)
        .find(|f| f.range.start == offset)
        .map_or(0, |f| f.range.line)
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1)
}

/// The marker an item inserted after the cursor's line takes: the next one of the
/// nearest numbered item above (`c) ` after `b) …`), or `I. ` at the top.
pub fn next_marker(text: &str, cursor: usize) -> String {
    let plan = parse(text);
    let mut best: Option<(&Node, Vec<u32>)> = None;
    fn walk<'a>(
        nodes: &'a [Node],
        parent: Vec<u32>,
        cursor: usize,
        best: &mut Option<(&'a Node, Vec<u32>)>,
    ) {
        for n in nodes {
            if n.marker_range.start <= cursor {
                *best = Some((n, parent.clone()));
                let path = if n.ordinal_path.is_empty() {
                    n.ordinal.into_iter().collect()
                } else {
                    n.ordinal_path.clone()
                };
                walk(&n.children, path, cursor, best);
            }
        }
    }
    walk(&plan.body, Vec::new(), cursor, &mut best);
    match best {
        None => "I. ".into(),
        Some((n, _)) => {
            let next = n.ordinal.unwrap_or(0) + 1;
            match n.level {
                Level::Part if n.letter.is_some() => format!("{}. ", part_letter(next)),
                Level::Part => format!("Phần {} ", to_roman(next)),
                Level::Section => format!("{}. ", to_roman(next)),
                Level::Clause => format!("{next}. "),
                Level::SubClause => {
                    let mut p = n.ordinal_path.clone();
                    if let Some(last) = p.last_mut() {
                        *last += 1;
                    }
                    p.iter().map(|x| format!("{x}.")).collect::<String>() + " "
                }
                Level::Point => format!("{}) ", letter_at(next).unwrap_or('a')),
                Level::Dash => "- ".into(),
                Level::Plus => "+ ".into(),
            }
        }
    }
}

/// Renumbers every sequence: each starts at its first value under its parent and goes
/// up by one; sub-clauses take their parent's number; marker styles become canonical.
pub fn renumber(text: &str) -> String {
    let plan = parse(text);
    let mut edits = Vec::new();
    fn walk(nodes: &[Node], parent_path: &[u32], edits: &mut Vec<TextEdit>) {
        let mut counters = [0u32; 8];
        for n in nodes {
            let slot = match n.level {
                Level::Part => 0,
                Level::Section => 1,
                Level::Clause => 2,
                Level::SubClause => 3,
                Level::Point => 4,
                Level::Dash | Level::Plus => {
                    walk(&n.children, parent_path, edits);
                    continue;
                }
            };
            counters[slot] += 1;
            let k = counters[slot];
            let (marker, path) = match n.level {
                Level::Part if n.letter.is_some() => (format!("{}.", part_letter(k)), vec![]),
                Level::Part => (format!("Phần {}", to_roman(k)), vec![]),
                Level::Section => (format!("{}.", to_roman(k)), vec![]),
                Level::Clause => (format!("{k}."), vec![k]),
                Level::SubClause => {
                    let mut p = if parent_path.is_empty() {
                        n.ordinal_path[..n.ordinal_path.len().saturating_sub(1)].to_vec()
                    } else {
                        parent_path.to_vec()
                    };
                    p.push(k);
                    (p.iter().map(|x| format!("{x}.")).collect(), p)
                }
                _ => (format!("{})", letter_at(k).unwrap_or('y')), vec![]),
            };
            if marker != n.marker {
                edits.push(TextEdit {
                    span: n.marker_range.span(),
                    new_text: marker,
                });
            }
            let child_path = if path.is_empty() {
                parent_path.to_vec()
            } else {
                path
            };
            walk(&n.children, &child_path, edits);
        }
    }
    walk(&plan.body, &[], &mut edits);
    apply_edits(text, &edits)
}

#[cfg(test)]
mod tests {

    /// The page keeps profiles through `crate::json`: the JSON serde wrote (the
    /// browsers' profiles so far, backups) reads the same, and it writes the same.
    #[test]
    fn a_profile_reads_and_writes_as_serde_did() {
        let profile = Profile {
            name: "Xã \"Tân\" Phú".into(),
            agency_code: "UBND".into(),
            recipients: vec!["Lưu: VT, VP.".into()],
            ..Profile::default()
        };
        let by_serde = serde_json::to_string(&profile).unwrap();
        assert_eq!(crate::json::to_string(&profile), by_serde);
        assert_eq!(
            crate::json::from_str::<Profile>(&by_serde),
            Ok(profile.clone())
        );
        let partial = r#"{"name":"Xã Tân Phú","signer":"An"}"#;
        let read: Profile = serde_json::from_str(partial).unwrap();
        assert_eq!(crate::json::from_str::<Profile>(partial), Ok(read));
        assert!(crate::json::from_str::<Profile>("[]").is_err());
    }

    /// A new plan from an office's profile leaves only the content to write: every
    /// finding is a "fill this in" note on the content, or the number and day that
    /// are given at signing; none is about the header, the signature or recipients.
    #[test]
    fn a_profile_fills_the_new_plan_but_its_content() {
        let profile = Profile {
            name: "Xã Tân Phú".into(),
            parent_agency: "UBND huyện Đồng Phú".into(),
            agency: "Ủy ban nhân dân xã Tân Phú".into(),
            agency_code: "UBND".into(),
            place: "Tân Phú".into(),
            authority: "TM. Ủy ban nhân dân / KT. Chủ tịch".into(),
            title: "Phó Chủ tịch".into(),
            signer: "Nguyễn Văn An".into(),
            recipients: vec![
                "UBND huyện (để b/c);".into(),
                "Các ban, ngành xã".into(),
                "Lưu: VT, VP.".into(),
            ],
        };
        let text = template_for(2026, &profile);
        assert!(
            text.starts_with(
                "UBND HUYỆN ĐỒNG PHÚ\nỦY BAN NHÂN DÂN XÃ TÂN PHÚ\nSố:      /KH-UBND\n"
            ),
            "{text}"
        );
        assert!(text.contains("Tân Phú, ngày"), "{text}");
        assert!(
            text.contains(
                "Nơi nhận:\n- UBND huyện (để b/c);\n- Các ban, ngành xã;\n- Lưu: VT, VP.\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An"),
            "{text}"
        );
        let report = crate::check(&text);
        let unexpected: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|d| !matches!(d.code, "KH108" | "KH115"))
            .filter(|d| {
                // Placeholders left are the content's: after the title, before the foot.
                let content =
                    text.find("KẾ HOẠCH").unwrap_or(0)..text.find("Nơi nhận").unwrap_or(0);
                !(d.code == "KH003" && content.contains(&d.span.start))
            })
            .map(|d| format!("{} {}", d.code, d.message.vi))
            .collect();
        assert!(unexpected.is_empty(), "{unexpected:#?}\n{text}");
        assert!(report
            .diagnostics
            .iter()
            .all(|d| d.severity == crate::diagnostics::Severity::Info));
        // An empty profile leaves the template as it is.
        assert_eq!(template_for(2026, &Profile::default()), template(2026));
    }

    use super::*;
    use crate::diagnostics::Severity;

    #[test]
    fn template_shows_only_fill_in_notes() {
        let t = template(2026);
        let report = crate::check(&t);
        let serious: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .map(|d| (d.code, d.message.vi.clone()))
            .collect();
        assert!(serious.is_empty(), "{serious:?}");
        assert!(report.diagnostics.iter().any(|d| d.code == "KH003"));
    }

    #[test]
    fn form_round_trips_through_the_text() {
        let fields = FormFields {
            parent_agency: "UBND tỉnh Kiên Giang".into(),
            agency: "Sở Ngoại vụ".into(),
            number: "5".into(),
            agency_code: "SNgV".into(),
            place: "Kiên Giang".into(),
            date: "2021-03-05".into(),
            summary: "Công tác thông tin đối ngoại năm 2021".into(),
            authority: "KT. GIÁM ĐỐC".into(),
            title: "PHÓ GIÁM ĐỐC".into(),
            signer: "Nguyễn Việt Thông".into(),
        };
        let text = write_form(&template(2021), &fields);
        let back = read_form(&text);
        assert_eq!(back.parent_agency, "UBND TỈNH KIÊN GIANG");
        assert_eq!(back.agency, "SỞ NGOẠI VỤ");
        assert_eq!(back.number, "05");
        assert_eq!(back.agency_code, "SNgV");
        assert_eq!(
            (back.place.as_str(), back.date.as_str()),
            ("Kiên Giang", "2021-03-05")
        );
        assert_eq!(back.summary, fields.summary);
        assert_eq!(
            (
                back.authority.as_str(),
                back.title.as_str(),
                back.signer.as_str()
            ),
            ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Việt Thông")
        );
        // Writing the same fields again changes nothing.
        assert_eq!(write_form(&text, &fields), text);
        // The body of the template is still there.
        assert!(text.contains("I. MỤC ĐÍCH, YÊU CẦU") && text.contains("Nơi nhận:"));
    }

    #[test]
    fn next_marker_follows_the_item_above() {
        let t = "KẾ HOẠCH\nX\nI. MỤC ĐÍCH\n1. Mục đích\na) Một\nb) Hai\n";
        assert_eq!(next_marker(t, t.len()), "c) ");
        let at = t.find("1. Mục").unwrap() + 3;
        assert_eq!(next_marker(t, at), "2. ");
        assert_eq!(next_marker("KẾ HOẠCH\nX\n", 5), "I. ");
        let sub = "1. Một\n1.1. Một một\n";
        assert_eq!(next_marker(sub, sub.len()), "1.2. ");
    }

    #[test]
    fn renumber_fixes_every_sequence() {
        let t = "I. A\n1. B\na) x\nc) y\nj) z\n3. C\n2.1. D\nIII. E\n1. F\n";
        let r = renumber(t);
        assert_eq!(
            r,
            "I. A\n1. B\na) x\nb) y\nc) z\n2. C\n2.1. D\nII. E\n1. F\n"
        );
        assert_eq!(renumber(&r), r);
        let report = crate::check(&r);
        assert!(!report
            .diagnostics
            .iter()
            .any(|d| ["KH401", "KH402", "KH405"].contains(&d.code)));
    }
}
