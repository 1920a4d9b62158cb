//! Word's list numbering (`word/numbering.xml`): the number a paragraph with
//! `w:numPr` shows in Word, as text. A plan typed with Word's automatic numbering
//! (`1.`, `a)`, a table's `TT` column) holds no such text in `document.xml`: without
//! it the reader would see items without their markers and rows without numbers.

use super::attr;
use std::collections::HashMap;

/// How a level writes its counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Decimal,
    DecimalZero,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    Bullet,
    None,
}

#[derive(Debug, Clone)]
struct Level {
    start: u32,
    format: Format,
    /// `%1.`, `%1.%2.`, a bullet's character.
    text: String,
}

/// The lists a document defines: each `w:num` and the levels of its `w:abstractNum`.
#[derive(Debug, Clone, Default)]
pub struct Numbering {
    /// `w:numId` → its levels (with a `w:startOverride` applied).
    lists: HashMap<String, Vec<Option<Level>>>,
}

/// A `w:num` being read: its id, its abstract list, the starts it overrides.
type NumRead = (String, String, Vec<(usize, u32)>);

/// Counters of the lists read so far, per `w:numId` and level.
#[derive(Debug, Default)]
pub struct Counters(HashMap<String, [u32; 9]>);

impl Numbering {
    /// Reads `word/numbering.xml`; anything it cannot read is left out.
    pub fn read(xml: &str) -> Numbering {
        use quick_xml::events::Event;
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut abstracts: HashMap<String, Vec<Option<Level>>> = HashMap::new();
        let mut nums: Vec<NumRead> = Vec::new();
        let mut in_abstract: Option<String> = None;
        let mut in_num: Option<NumRead> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut override_level: Option<usize> = None;
        loop {
            let event = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(e) => e,
            };
            match &event {
                Event::Start(e) | Event::Empty(e) => {
                    let empty = matches!(event, Event::Empty(_));
                    match e.local_name().into_inner() {
                        "abstractNum" if !empty => in_abstract = attr(e, "abstractNumId"),
                        "num" if !empty => {
                            in_num = attr(e, "numId").map(|id| (id, String::new(), Vec::new()))
                        }
                        "abstractNumId" => {
                            if let (Some(n), Some(v)) = (in_num.as_mut(), attr(e, "val")) {
                                n.1 = v;
                            }
                        }
                        "lvlOverride" if !empty => {
                            override_level = attr(e, "ilvl").and_then(|v| v.parse().ok())
                        }
                        "startOverride" => {
                            if let (Some(n), Some(l), Some(v)) = (
                                in_num.as_mut(),
                                override_level,
                                attr(e, "val").and_then(|v| v.parse().ok()),
                            ) {
                                n.2.push((l, v));
                            }
                        }
                        "lvl" if !empty && in_abstract.is_some() => {
                            let ilvl = attr(e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                            level = Some((
                                ilvl,
                                Level {
                                    start: 1,
                                    format: Format::Decimal,
                                    text: String::new(),
                                },
                            ));
                        }
                        "start" => {
                            if let (Some((_, l)), Some(v)) =
                                (level.as_mut(), attr(e, "val").and_then(|v| v.parse().ok()))
                            {
                                l.start = v;
                            }
                        }
                        "numFmt" => {
                            if let Some((_, l)) = level.as_mut() {
                                l.format = match attr(e, "val").as_deref() {
                                    Some("decimalZero") => Format::DecimalZero,
                                    Some("lowerLetter") => Format::LowerLetter,
                                    Some("upperLetter") => Format::UpperLetter,
                                    Some("lowerRoman") => Format::LowerRoman,
                                    Some("upperRoman") => Format::UpperRoman,
                                    Some("bullet") => Format::Bullet,
                                    Some("none") => Format::None,
                                    _ => Format::Decimal,
                                };
                            }
                        }
                        "lvlText" => {
                            if let Some((_, l)) = level.as_mut() {
                                // Word's own are a few characters (`%1.%2.`): a longer
                                // one, repeated on every numbered paragraph, only
                                // multiplies the text (a file of 1 KB grew to GBs).
                                let text = attr(e, "val").unwrap_or_default();
                                l.text = text.chars().take(MAX_LEVEL_TEXT).collect();
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => match e.local_name().into_inner() {
                    "lvl" => {
                        if let (Some(id), Some((ilvl, l))) = (in_abstract.as_ref(), level.take()) {
                            let levels = abstracts.entry(id.clone()).or_default();
                            if ilvl < 9 {
                                if levels.len() <= ilvl {
                                    levels.resize(ilvl + 1, None);
                                }
                                levels[ilvl] = Some(l);
                            }
                        }
                    }
                    "abstractNum" => in_abstract = None,
                    "num" => nums.extend(in_num.take()),
                    "lvlOverride" => override_level = None,
                    _ => {}
                },
                _ => {}
            }
        }
        let mut lists = HashMap::new();
        for (id, abstract_id, starts) in nums {
            let mut levels = abstracts.get(&abstract_id).cloned().unwrap_or_default();
            for (ilvl, start) in starts {
                if let Some(Some(l)) = levels.get_mut(ilvl) {
                    l.start = start;
                }
            }
            lists.insert(id, levels);
        }
        Numbering { lists }
    }

    /// The number the next paragraph of list `num_id` at level `ilvl` shows (`2.`,
    /// `1.3.`, `b)`, `-` for a bullet), counted; `None` for no list or no number.
    pub fn next(&self, counters: &mut Counters, num_id: &str, ilvl: usize) -> Option<String> {
        let levels = self.lists.get(num_id)?;
        let level = levels.get(ilvl)?.as_ref()?;
        let counts = counters.0.entry(num_id.to_string()).or_insert_with(|| {
            let mut c = [0u32; 9];
            for (k, l) in levels.iter().enumerate().take(9) {
                c[k] = l.as_ref().map_or(0, |l| l.start.saturating_sub(1));
            }
            c
        });
        let ilvl = ilvl.min(8);
        counts[ilvl] = counts[ilvl].saturating_add(1);
        // A new item at this level starts the levels below it again.
        for (k, c) in counts.iter_mut().enumerate().skip(ilvl + 1) {
            *c = levels
                .get(k)
                .and_then(Option::as_ref)
                .map_or(0, |l| l.start.saturating_sub(1));
        }
        match level.format {
            Format::None => None,
            Format::Bullet => Some(
                if matches!(level.text.as_str(), "-" | "+" | "–" | "*" | "•") {
                    level.text.clone()
                } else if ilvl == 0 {
                    "-".into()
                } else {
                    "+".into()
                },
            ),
            _ => {
                let mut out = String::new();
                let mut chars = level.text.chars().peekable();
                while let Some(c) = chars.next() {
                    let digit = chars.peek().and_then(|d| d.to_digit(10));
                    match (c, digit) {
                        ('%', Some(d)) if (1..=9).contains(&d) => {
                            chars.next();
                            let k = d as usize - 1;
                            let format = levels
                                .get(k)
                                .and_then(Option::as_ref)
                                .map_or(Format::Decimal, |l| l.format);
                            out.push_str(&write(format, counts[k]));
                        }
                        _ => out.push(c),
                    }
                    if out.len() > MAX_NUMBER_BYTES {
                        // Letters for a count in the thousands: no number a plan shows.
                        out.truncate(crate::text::floor_char_boundary(&out, MAX_NUMBER_BYTES));
                        break;
                    }
                }
                (!out.trim().is_empty()).then_some(out)
            }
        }
    }
}

/// The characters of a level's text kept (Word writes at most nine placeholders
/// and their stops), and the bytes of a written number.
const MAX_LEVEL_TEXT: usize = 32;
const MAX_NUMBER_BYTES: usize = 64;

/// A counter as a level writes it. Past what a list can hold (a file may say
/// `w:start` 4294967295), letters and numerals give way to figures: a count of
/// letters or `M`s that long would be megabytes.
fn write(format: Format, n: u32) -> String {
    const MOST: u32 = 3999;
    let format = if n > MOST { Format::Decimal } else { format };
    let letter = |base: u8| {
        // `a` … `z`, then `aa`, `bb` … as Word goes on.
        let n = n.max(1) - 1;
        let c = char::from(base + (n % 26) as u8);
        std::iter::repeat_n(c, (n / 26 + 1) as usize).collect::<String>()
    };
    match format {
        Format::DecimalZero => format!("{n:02}"),
        Format::LowerLetter => letter(b'a'),
        Format::UpperLetter => letter(b'A'),
        Format::LowerRoman => crate::text::to_roman(n).to_lowercase(),
        Format::UpperRoman => crate::text::to_roman(n),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3."/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="bullet"/><w:lvlText w:val="&#61623;"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%2."/></w:lvl></w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="2"/></w:num><w:num w:numId="8"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num><w:num w:numId="9"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;

    #[test]
    fn numbers_count_by_list_and_level() {
        let n = Numbering::read(XML);
        let mut c = Counters::default();
        let mut next = |id: &str, l: usize| n.next(&mut c, id, l);
        assert_eq!(next("7", 0).as_deref(), Some("1."));
        assert_eq!(next("7", 1).as_deref(), Some("a)"));
        assert_eq!(next("7", 1).as_deref(), Some("b)"));
        assert_eq!(next("7", 2).as_deref(), Some("1.1."));
        assert_eq!(next("7", 0).as_deref(), Some("2."));
        assert_eq!(next("7", 1).as_deref(), Some("a)"));
        // Another list of the same kind counts on its own, from its override.
        assert_eq!(next("8", 0).as_deref(), Some("4."));
        assert_eq!(next("9", 0).as_deref(), Some("-"));
        assert_eq!(next("9", 1).as_deref(), Some("I."));
        assert_eq!(next("0", 0), None);
        assert_eq!(next("7", 5), None);
    }

    /// A file that starts a list of letters or numerals at the end of the counter
    /// gets figures, quickly, not a string of megabytes.
    #[test]
    fn a_huge_start_is_written_in_figures() {
        let xml = r#"<w:numbering><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="4294967294"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="4294967295"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%2."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#;
        let n = Numbering::read(xml);
        let mut c = Counters::default();
        assert_eq!(n.next(&mut c, "1", 0).as_deref(), Some("4294967294)"));
        assert_eq!(n.next(&mut c, "1", 1).as_deref(), Some("4294967295."));
        assert_eq!(n.next(&mut c, "1", 1).as_deref(), Some("4294967295."));
    }

    /// A level text of thousands of placeholders (a crafted file: each numbered
    /// paragraph wrote it out whole, gigabytes from a file of 1 KB) is cut short.
    #[test]
    fn a_long_level_text_writes_a_short_number() {
        let xml = format!(
            r#"<w:numbering><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="3999"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl><w:lvl w:ilvl="1"><w:lvlText w:val="{}"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#,
            "%1".repeat(5000)
        );
        let n = Numbering::read(&xml);
        let mut c = Counters::default();
        let number = n.next(&mut c, "1", 1).unwrap_or_default();
        assert!(
            !number.is_empty() && number.len() <= MAX_NUMBER_BYTES,
            "{}",
            number.len()
        );
        assert!(number.bytes().all(|b| b.is_ascii_lowercase()), "{number}");
    }
}
