//! The plan model: what the parser extracts, every node with its source range.
//!
//! The model is the one contract between the parser, the validator and the
//! renderers. It is serialised as the documented JSON format (`docs/json-format.md`),
//! so field names here are part of that format: change them with a schema version.

use crate::source::SourceRange;
use serde::{Deserialize, Serialize};

/// Version of the JSON format written by [`crate::render::json`].
pub const SCHEMA_VERSION: u32 = 2;

/// A piece of text found in the source, with where it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    pub text: String,
    pub range: SourceRange,
}

/// The texts of `fields` joined by `; ` (a task's units in one cell).
pub fn join_fields(fields: &[Field]) -> String {
    fields
        .iter()
        .map(|f| f.text.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// What kind of document the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    Plan,
    PlanInDecision,
    Decision,
    Directive,
    Notice,
    Report,
    OfficialLetter,
    Other,
}

impl DocKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Plan => "plan",
            DocKind::PlanInDecision => "plan_in_decision",
            DocKind::Decision => "decision",
            DocKind::Directive => "directive",
            DocKind::Notice => "notice",
            DocKind::Report => "report",
            DocKind::OfficialLetter => "official_letter",
            DocKind::Other => "other",
        }
    }
    pub fn is_plan(self) -> bool {
        matches!(self, DocKind::Plan | DocKind::PlanInDecision)
    }
    /// Vietnamese name, for messages.
    pub fn name_vi(self) -> &'static str {
        match self {
            DocKind::Plan | DocKind::PlanInDecision => "kế hoạch",
            DocKind::Decision => "quyết định",
            DocKind::Directive => "chỉ thị",
            DocKind::Notice => "thông báo",
            DocKind::Report => "báo cáo",
            DocKind::OfficialLetter => "công văn",
            DocKind::Other => "văn bản không xác định",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            DocKind::Plan | DocKind::PlanInDecision => "plan",
            DocKind::Decision => "decision",
            DocKind::Directive => "directive",
            DocKind::Notice => "notice",
            DocKind::Report => "report",
            DocKind::OfficialLetter => "official letter",
            DocKind::Other => "unrecognised document",
        }
    }
}

/// A calendar date, possibly partial (a draft may leave day or month blank).
/// Serialised as ISO `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: Option<u16>,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn full(year: u16, month: u8, day: u8) -> Self {
        PartialDate {
            year: Some(year),
            month: Some(month),
            day: Some(day),
        }
    }
    pub fn is_complete(&self) -> bool {
        self.year.is_some() && self.month.is_some() && self.day.is_some()
    }
    /// True when the date exists in the Gregorian calendar (only checks the parts present).
    pub fn is_valid(&self) -> bool {
        if let Some(m) = self.month {
            if !(1..=12).contains(&m) {
                return false;
            }
        }
        match (self.day, self.month) {
            (Some(d), Some(m)) => d >= 1 && d <= days_in_month(self.year.unwrap_or(2000), m),
            (Some(d), None) => (1..=31).contains(&d),
            _ => true,
        }
    }
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY`; without a year, ISO 8601's `--MM-DD`, `--MM`
    /// and `---DD` (a draft's `ngày 14 tháng 02 năm …`), so no part is lost.
    pub fn to_iso(&self) -> String {
        // `n` in at least `width` digits, zeros before (`{n:0width$}`).
        fn push(out: &mut String, n: u16, width: usize) {
            if n >= 10_000 {
                out.push_str(&n.to_string());
                return;
            }
            let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
            let first = digits.iter().position(|&d| d != 0).unwrap_or(3);
            for &d in &digits[first.min(4 - width)..] {
                out.push(char::from(b'0' + d as u8));
            }
        }
        if (self.year, self.month, self.day) == (None, None, None) {
            return String::new();
        }
        // Digits pushed by hand: `format!` cost ~1,200 instructions a date, and a
        // finding's message may give two dates in two languages.
        let mut out = String::with_capacity(10);
        match self.year {
            Some(y) => push(&mut out, y, 4),
            None => out.push('-'),
        }
        match (self.month, self.day) {
            (Some(m), d) => {
                out.push('-');
                push(&mut out, u16::from(m), 2);
                if let Some(d) = d {
                    out.push('-');
                    push(&mut out, u16::from(d), 2);
                }
            }
            (None, Some(d)) => {
                out.push_str("--");
                push(&mut out, u16::from(d), 2);
            }
            (None, None) => {}
        }
        out
    }
    pub fn from_iso(s: &str) -> Option<Self> {
        let num = |p: &str| -> Option<u8> {
            (!p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        if let Some(d) = s.strip_prefix("---") {
            return Some(PartialDate {
                year: None,
                month: None,
                day: Some(num(d)?),
            });
        }
        if let Some(md) = s.strip_prefix("--") {
            let mut it = md.split('-');
            let month = Some(num(it.next()?)?);
            let day = match it.next() {
                Some(d) => Some(num(d)?),
                None => None,
            };
            return it.next().is_none().then_some(PartialDate {
                year: None,
                month,
                day,
            });
        }
        if let Some((y, d)) = s.split_once("--") {
            return Some(PartialDate {
                year: Some(y.parse().ok()?),
                month: None,
                day: Some(num(d)?),
            });
        }
        let mut it = s.split('-');
        let year = it
            .next()
            .filter(|p| !p.is_empty())
            .map(|p| p.parse().ok())
            .unwrap_or(None);
        let month = it.next().map(|p| p.parse().ok()).unwrap_or(None);
        let day = it.next().map(|p| p.parse().ok()).unwrap_or(None);
        if it.next().is_some() || (year.is_none() && !s.is_empty()) {
            return None;
        }
        Some(PartialDate { year, month, day })
    }
}

pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_iso())
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PartialDate::from_iso(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not an ISO date: {s:?}")))
    }
}

/// `Số: 11/KH-UBND`: the number and symbol line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocNumber {
    pub range: SourceRange,
    /// The digits as written (`05`), `None` for a draft's blank number.
    pub number: Option<String>,
    /// The whole symbol after the `/` (`KH-UBND`).
    pub symbol: String,
    /// Type code (`KH`), empty for a công văn.
    pub type_code: String,
    /// Agency code (`UBND`, `SNgV`).
    pub agency_code: String,
    /// The Party's form `Số 3260-KH/ĐĐQH15`: `symbol` is then `KH/ĐĐQH15`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub party_form: bool,
}

impl DocNumber {
    /// `Số: 05/KH-SNgV` with no inner spaces; a draft's blank number stays blank.
    pub fn canonical_line(&self) -> String {
        let symbol: String = self.symbol.split_whitespace().collect();
        match (&self.number, self.party_form) {
            (Some(num), true) => format!("Số {num}-{symbol}"),
            (None, true) => format!("Số      -{symbol}"),
            (Some(num), false) => format!("Số: {num}/{symbol}"),
            (None, false) => format!("Số:      /{symbol}"),
        }
    }
    /// Number and symbol as one code, spaces removed: `05/KH-SNgV`, `3260-KH/ĐĐQH15`,
    /// `/KH-UBND` for a blank number.
    pub fn code(&self) -> String {
        let symbol: String = self.symbol.split_whitespace().collect();
        let sep = if self.party_form { "-" } else { "/" };
        format!("{}{sep}{symbol}", self.number.as_deref().unwrap_or(""))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceDate {
    pub range: SourceRange,
    pub place: String,
    pub date: PartialDate,
    /// Day and month exactly as written, for the leading-zero rules.
    pub day_text: String,
    pub month_text: String,
    /// The year as written when it is no four-digit year (`năm 20`), so no export
    /// drops it; empty otherwise (and in exports made before this field).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub year_text: String,
}

impl PlaceDate {
    /// `Cà Mau, ngày 14 tháng 02 năm 2017`: the decree's leading zeros (day below 10,
    /// months 1 and 2); blanks kept for a draft; an impossible date as written.
    pub fn canonical_line(&self) -> String {
        canonical_place_date(
            &self.place,
            self.date,
            &self.day_text,
            &self.month_text,
            &self.year_text,
        )
    }
}

/// The place-and-date line for a place and a (possibly partial) date. An impossible
/// date, or a year cut short (`year_text`, as in `năm 20`), is a mistake to show, not
/// a blank to tidy: the line is written as it was.
pub fn canonical_place_date(
    place: &str,
    d: PartialDate,
    day_text: &str,
    month_text: &str,
    year_text: &str,
) -> String {
    let year = if year_text.is_empty() {
        d.year.map_or("    ".to_string(), |y| y.to_string())
    } else {
        year_text.to_string()
    };
    if !d.is_valid() || !year_text.is_empty() {
        return format!("{place}, ngày {day_text} tháng {month_text} năm {year}");
    }
    let day = d.day.map_or("    ".to_string(), |v| format!("{v:02}"));
    let month = d.month.map_or("    ".to_string(), |m| {
        if m <= 2 {
            format!("{m:02}")
        } else {
            m.to_string()
        }
    });
    format!("{place}, ngày {day} tháng {month} năm {year}")
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub national_title: Option<Field>,
    pub motto: Option<Field>,
    pub parent_agency: Option<Field>,
    /// The issuing agency as written, one entry per line (`ỦY BAN NHÂN DÂN`, `TỈNH CÀ MAU`).
    pub agency: Vec<Field>,
    pub number: Option<DocNumber>,
    pub place_date: Option<PlaceDate>,
    /// `V/v …` line of a công văn.
    pub subject_line: Option<Field>,
    /// `ĐẢNG CỘNG SẢN VIỆT NAM`: a Party document, laid out by the Party's rules
    /// (Hướng dẫn 36-HD/VPTW), not the decree's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party_title: Option<Field>,
}

impl Plan {
    /// The summary (trích yếu) under the title, trimmed; `None` if there is none or
    /// it is blank.
    pub fn summary(&self) -> Option<&str> {
        self.title
            .as_ref()
            .and_then(|t| t.summary.as_ref())
            .map(|f| f.text.trim())
            .filter(|s| !s.is_empty())
    }

    /// Where the foot begins: the recipients' heading or the first line of the
    /// signature, whichever comes first; the content ends there.
    pub fn footer_start(&self) -> Option<usize> {
        let sig = &self.signature;
        [
            self.recipients.as_ref().map(|r| r.heading.range.start),
            sig.authority.first().map(|f| f.range.start),
            sig.titles.first().map(|f| f.range.start),
            sig.name.as_ref().map(|f| f.range.start),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// Where the title block ends (its summary, else its kind word): the content
    /// starts after it.
    pub fn title_end(&self) -> Option<usize> {
        self.title.as_ref().map(|t| {
            t.summary
                .as_ref()
                .map_or(t.kind_word.range.end, |s| s.range.end)
        })
    }

    /// A plan issued with a decision (pasted with it or alone): its date, signature
    /// and recipients are the decision's.
    pub fn is_attachment(&self) -> bool {
        self.kind == DocKind::PlanInDecision
            || self.title.as_ref().is_some_and(|t| t.attached_to.is_some())
    }
}

impl Header {
    pub fn is_party(&self) -> bool {
        self.party_title.is_some()
    }
}

impl Header {
    /// The agency name on one line.
    pub fn agency_name(&self) -> Option<String> {
        if self.agency.is_empty() {
            return None;
        }
        Some(
            self.agency
                .iter()
                .map(|f| f.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Title {
    /// The document kind word as written (`KẾ HOẠCH`).
    pub kind_word: Field,
    /// The trích yếu, its lines joined by a space.
    pub summary: Option<Field>,
    /// `(Kèm theo Quyết định số … )` of a plan attached to a decision.
    pub attached_to: Option<Field>,
}

/// A reference to another document (`Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của …`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalRef {
    pub range: SourceRange,
    /// The type word as written (`Nghị định`), if any.
    pub type_word: Option<String>,
    pub number: String,
    /// Year carried in the symbol (`2015` in `72/2015/NĐ-CP`).
    pub year: Option<u16>,
    pub type_code: String,
    pub issuer_code: String,
    /// `true` for the Party form `109-KH/TU`.
    pub party_form: bool,
    pub date: Option<PartialDate>,
    pub date_range: Option<SourceRange>,
    /// `của <issuer>` after the date, up to `về` or punctuation.
    pub issuer: Option<String>,
}

pub use crate::markers::{Level, MarkerStyle};

/// One numbered (or bulleted) item of the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    pub level: Level,
    /// The marker as written (`a)`, `3.1.`, `II.`).
    pub marker: String,
    pub marker_range: SourceRange,
    pub style: MarkerStyle,
    /// The normalised ordinal: `1` for `I.`/`1.`/`a)`, the last component for `3.1.`;
    /// `None` for `-`/`+` items and for letters outside the Vietnamese alphabet.
    pub ordinal: Option<u32>,
    /// All components for a sub-khoản (`[3, 1]` for `3.1.`).
    pub ordinal_path: Vec<u32>,
    /// The letter itself for a Điểm.
    pub letter: Option<char>,
    /// The text on the marker's line after the marker.
    pub title: Field,
    /// Unnumbered paragraphs that follow the item's line.
    pub paragraphs: Vec<Field>,
    pub children: Vec<Node>,
    pub range: SourceRange,
}

impl Node {
    /// The marker as the signed copy shows it: as written, bullets unified (`•`, `–`
    /// become `-`).
    pub fn shown_marker(&self) -> &str {
        match self.level {
            Level::Dash => "-",
            Level::Plus => "+",
            _ => &self.marker,
        }
    }
}

/// A timeline or deadline, parsed. In JSON an object tagged by `type`
/// (`{"type": "quarter", "quarter": 2, "year": 2024}`); read through [`PeriodFields`]:
/// serde's own reading of a tagged enum buffers the object in a generic form first,
/// 26 KB of the page's wasm for this one type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "PeriodFields")]
pub enum Period {
    Quarter { quarter: u8, year: u16 },
    Month { month: u8, year: u16 },
    Year { year: u16 },
    Years { from: u16, to: u16 },
    Before { date: PartialDate },
    Regular,
    Unparsed,
}

/// A [`Period`]'s JSON object, every field optional: its `type` says which must be
/// there.
#[derive(Deserialize)]
struct PeriodFields {
    #[serde(rename = "type")]
    kind: String,
    quarter: Option<u8>,
    month: Option<u8>,
    year: Option<u16>,
    from: Option<u16>,
    to: Option<u16>,
    date: Option<PartialDate>,
}

impl TryFrom<PeriodFields> for Period {
    type Error = String;
    fn try_from(f: PeriodFields) -> Result<Self, String> {
        let missing = |field: &str| format!("period `{}` without `{field}`", f.kind);
        Ok(match f.kind.as_str() {
            "quarter" => Period::Quarter {
                quarter: f.quarter.ok_or_else(|| missing("quarter"))?,
                year: f.year.ok_or_else(|| missing("year"))?,
            },
            "month" => Period::Month {
                month: f.month.ok_or_else(|| missing("month"))?,
                year: f.year.ok_or_else(|| missing("year"))?,
            },
            "year" => Period::Year {
                year: f.year.ok_or_else(|| missing("year"))?,
            },
            "years" => Period::Years {
                from: f.from.ok_or_else(|| missing("from"))?,
                to: f.to.ok_or_else(|| missing("to"))?,
            },
            "before" => Period::Before {
                date: f.date.ok_or_else(|| missing("date"))?,
            },
            "regular" => Period::Regular,
            "unparsed" => Period::Unparsed,
            other => return Err(format!("unknown period type `{other}`")),
        })
    }
}

impl Period {
    /// The years the period touches.
    pub fn years(&self) -> Option<(u16, u16)> {
        match *self {
            Period::Quarter { year, .. } | Period::Month { year, .. } | Period::Year { year } => {
                Some((year, year))
            }
            Period::Years { from, to } => Some((from, to)),
            Period::Before { date } => date.year.map(|y| (y, y)),
            Period::Regular | Period::Unparsed => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    pub text: String,
    pub range: SourceRange,
    pub period: Period,
}

/// Where a task was read from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskSource {
    /// A numbered item of the body with labelled fields (`- Đơn vị chủ trì: …`).
    #[default]
    Item,
    /// A row of a task table (one with a lead-unit column).
    Table,
}

/// A task the plan assigns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    /// Marker and title of the item that carries the task; for a table row, the task
    /// text (its content cell).
    pub heading: Field,
    pub content: Option<Field>,
    pub lead: Vec<Field>,
    pub coordinating: Vec<Field>,
    pub performing: Vec<Field>,
    pub timeline: Option<Timeline>,
    pub range: SourceRange,
    #[serde(default)]
    pub source: TaskSource,
    /// The annex (index into `annexes`) the task was read from; `None` for the body.
    #[serde(default)]
    pub annex: Option<usize>,
    /// The group row above a table task (`I. NHÓM NHIỆM VỤ …`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The product or result column of a table task.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<Field>,
}

impl Task {
    /// Who answers for the task: its lead units, or, where it names none, the units
    /// that do the work (`Cơ quan thực hiện: …`), as KH501 counts them.
    pub fn responsible(&self) -> &[Field] {
        if self.lead.is_empty() {
            &self.performing
        } else {
            &self.lead
        }
    }
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableRow {
    pub cells: Vec<Field>,
    /// The group this row falls under (the text of the last group row above it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// A group row itself (`I` + name, or one merged cell `I. NHÓM …`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub is_group: bool,
    pub range: SourceRange,
}

/// A table wherever it occurs (body or annex), in any of the shapes text brings it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub range: SourceRange,
    /// The column names; empty when the table has no header row.
    pub header: Vec<Field>,
    /// The header's second row, numbering the columns (`(1) (2) (3)`), as written;
    /// empty when it has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub column_numbers: Vec<Field>,
    pub rows: Vec<TableRow>,
}

/// An annex after the signature (`PHỤ LỤC I`, its title and `(Kèm theo …)` line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annex {
    /// `PHỤ LỤC I` as written; `None` for an annex known only by its "kèm theo" line.
    pub label: Option<Field>,
    pub title: Option<Field>,
    pub attached_to: Option<Field>,
    /// Unnumbered paragraphs before its first numbered item.
    #[serde(default)]
    pub paragraphs: Vec<Field>,
    pub body: Vec<Node>,
    pub tables: Vec<Table>,
    pub range: SourceRange,
}

/// The decision that issues a plan (`plan_in_decision`): its title and articles. Its
/// header, recipients and signature are the document's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// The decision's summary (`Về việc ban hành Kế hoạch …`).
    pub title: Option<Field>,
    /// Each `Điều N.` with its text.
    pub articles: Vec<Field>,
    /// The `QUYẾT ĐỊNH` line itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind_word: Option<Field>,
    /// What stands between the summary and the first article: bases, the issuing
    /// authority (`CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH`), `QUYẾT ĐỊNH:`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preamble: Vec<Field>,
    /// The header the plan repeats above its own title (agency, national title,
    /// motto), after the decision's signature.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plan_header: Vec<Field>,
}

/// The plan's own period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanPeriod {
    pub from: u16,
    pub to: u16,
    /// `title` when read from the summary, `issue_date` otherwise.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipients {
    /// The `Nơi nhận:` line.
    pub heading: Field,
    /// The recipient lines, without the archive line.
    pub items: Vec<Field>,
    /// The last line, `- Lưu: VT, …`, when it is one.
    pub archive: Option<Field>,
}

impl Recipients {
    /// Every line under `Nơi nhận:`, the archive line last.
    pub fn lines(&self) -> impl Iterator<Item = &Field> {
        self.items.iter().chain(self.archive.as_ref())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    /// Authority lines (`TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`), including unknown prefixes.
    pub authority: Vec<Field>,
    /// Title lines (`PHÓ CHỦ TỊCH`).
    pub titles: Vec<Field>,
    /// `(Đã ký)`, `(Ký tên, đóng dấu)`.
    pub placeholders: Vec<Field>,
    pub name: Option<Field>,
    /// Text after the name that belongs to nothing.
    pub trailing: Vec<Field>,
}

impl Signature {
    pub fn is_empty(&self) -> bool {
        self.authority.is_empty() && self.titles.is_empty() && self.name.is_none()
    }
}

/// The whole parsed document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub kind: DocKind,
    pub header: Header,
    pub title: Option<Title>,
    /// Căn cứ / Thực hiện paragraphs.
    pub bases: Vec<Field>,
    /// Every legal reference in the text.
    pub references: Vec<LegalRef>,
    /// Unnumbered paragraphs between the bases and the first numbered item.
    pub opening: Vec<Field>,
    pub body: Vec<Node>,
    pub tasks: Vec<Task>,
    pub period: Option<PlanPeriod>,
    /// The last paragraph of the content.
    pub closing: Option<Field>,
    /// Whether the content ends with `./.`.
    pub end_mark: bool,
    pub recipients: Option<Recipients>,
    pub signature: Signature,
    /// Lines the parser could not place; nothing is dropped silently.
    pub unclassified: Vec<Field>,
    /// `Kính gửi:` line, which a plan should not have.
    pub salutation: Option<Field>,
    /// Tables of the body (annex tables live in their annex).
    #[serde(default)]
    pub tables: Vec<Table>,
    #[serde(default)]
    pub annexes: Vec<Annex>,
    /// For `plan_in_decision`: the issuing decision's title and articles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// Footnotes under the foot (`[1] Chương trình số …`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<Field>,
    /// Lines of another document after the signature, from its own header (a routing
    /// slip the receiving office scanned with the plan): kept, not checked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appended: Vec<Field>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `to_iso` pushes its digits by hand: what `format!` wrote, for every part
    /// present or not, narrow or wide.
    #[test]
    fn iso_dates_are_written_as_format_writes_them() {
        let by_format = |d: &PartialDate| match (d.year, d.month, d.day) {
            (Some(y), Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
            (Some(y), Some(m), None) => format!("{y:04}-{m:02}"),
            (Some(y), None, None) => format!("{y:04}"),
            (Some(y), None, Some(d)) => format!("{y:04}--{d:02}"),
            (None, Some(m), Some(d)) => format!("--{m:02}-{d:02}"),
            (None, Some(m), None) => format!("--{m:02}"),
            (None, None, Some(d)) => format!("---{d:02}"),
            (None, None, None) => String::new(),
        };
        let years = [
            None,
            Some(0),
            Some(7),
            Some(99),
            Some(999),
            Some(2026),
            Some(9999),
        ];
        let years = years.into_iter().chain([Some(10_000), Some(u16::MAX)]);
        for year in years {
            for month in [
                None,
                Some(0),
                Some(1),
                Some(9),
                Some(10),
                Some(12),
                Some(255),
            ] {
                for day in [None, Some(0), Some(5), Some(31), Some(100), Some(255)] {
                    let d = PartialDate { year, month, day };
                    assert_eq!(d.to_iso(), by_format(&d), "{d:?}");
                }
            }
        }
    }

    #[test]
    fn every_period_reads_back_as_written_and_a_broken_one_says_why() {
        let periods = [
            Period::Quarter {
                quarter: 2,
                year: 2024,
            },
            Period::Month {
                month: 7,
                year: 2025,
            },
            Period::Year { year: 2026 },
            Period::Years {
                from: 2026,
                to: 2030,
            },
            Period::Before {
                date: PartialDate::full(2026, 3, 31),
            },
            Period::Regular,
            Period::Unparsed,
        ];
        for period in periods {
            let json = serde_json::to_string(&period).expect("JSON");
            assert!(json.starts_with("{\"type\":"), "{json}");
            let back: Period = serde_json::from_str(&json).expect(&json);
            assert_eq!(back, period);
        }
        let quarter: Period =
            serde_json::from_str(r#"{"year": 2024, "quarter": 1, "type": "quarter"}"#)
                .expect("any order");
        assert_eq!(
            quarter,
            Period::Quarter {
                quarter: 1,
                year: 2024
            }
        );
        for (json, why) in [
            (r#"{"type": "quarter", "year": 2024}"#, "without `quarter`"),
            (r#"{"type": "decade"}"#, "unknown period type `decade`"),
            (r#"{"year": 2024}"#, "missing field `type`"),
        ] {
            let error = serde_json::from_str::<Period>(json)
                .expect_err(json)
                .to_string();
            assert!(error.contains(why), "{json}: {error}");
        }
    }
}
