//! Legacy Vietnamese 8-bit encodings as they arrive in a paste: text typed with the
//! old TCVN3 (ABC, `.VnTime`) or VNI (`VNI-Times`) fonts and copied out as the fonts'
//! bytes read as Latin-1 letters: `§¶ng bé c¬ quan` is TCVN3, `Vieät Nam` is VNI.
//!
//! [`classify`] says which encoding each line is in, and gives its Unicode text.
//! The two encodings use many of the same Latin-1 letters with other meanings (`û`
//! is VNI's hook mark but TCVN3's `ỷ`), and Unicode Vietnamese uses some of them too
//! (`ê`, `ô`, `ù`), so a line counts as one encoding only when its letters fit it and
//! not the other; a line that fits both follows the document's unambiguous lines.

use crate::hash::FxHashMap;
use crate::text::Case;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Tcvn3,
    Vni,
}

/// A line found to be in a legacy encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyLine {
    pub encoding: Encoding,
    /// The line in Unicode.
    pub unicode: String,
    /// The line alone, or the document's other lines, leave no doubt about the
    /// encoding, and the conversion left no legacy letter behind: safe to apply
    /// without a look.
    pub confident: bool,
}

// --- TCVN3 (ABC) ---

/// TCVN3 (ABC) code points as read in Latin-1, and the letter each stands for.
const TCVN3_MAP: [(char, char); 67] = [
    ('¨', 'ă'),
    ('©', 'â'),
    ('ª', 'ê'),
    ('«', 'ô'),
    ('¬', 'ơ'),
    ('\u{AD}', 'ư'),
    ('®', 'đ'),
    ('¡', 'Ă'),
    ('¢', 'Â'),
    ('£', 'Ê'),
    ('¤', 'Ô'),
    ('¥', 'Ơ'),
    ('¦', 'Ư'),
    ('§', 'Đ'),
    ('µ', 'à'),
    ('¶', 'ả'),
    ('·', 'ã'),
    ('¸', 'á'),
    ('¹', 'ạ'),
    ('»', 'ằ'),
    ('¼', 'ẳ'),
    ('½', 'ẵ'),
    ('¾', 'ắ'),
    ('Æ', 'ặ'),
    ('Ç', 'ầ'),
    ('È', 'ẩ'),
    ('É', 'ẫ'),
    ('Ê', 'ấ'),
    ('Ë', 'ậ'),
    ('Ì', 'è'),
    ('Î', 'ẻ'),
    ('Ï', 'ẽ'),
    ('Ð', 'é'),
    ('Ñ', 'ẹ'),
    ('Ò', 'ề'),
    ('Ó', 'ể'),
    ('Ô', 'ễ'),
    ('Õ', 'ế'),
    ('Ö', 'ệ'),
    ('×', 'ì'),
    ('Ø', 'ỉ'),
    ('Ü', 'ĩ'),
    ('Ý', 'í'),
    ('Þ', 'ị'),
    ('ß', 'ò'),
    ('á', 'ỏ'),
    ('â', 'õ'),
    ('ã', 'ó'),
    ('ä', 'ọ'),
    ('å', 'ồ'),
    ('æ', 'ổ'),
    ('ç', 'ỗ'),
    ('è', 'ố'),
    ('é', 'ộ'),
    ('ê', 'ờ'),
    ('ë', 'ở'),
    ('ì', 'ỡ'),
    ('í', 'ớ'),
    ('î', 'ợ'),
    ('ï', 'ù'),
    ('ñ', 'ủ'),
    ('ò', 'ũ'),
    ('ó', 'ú'),
    ('ô', 'ụ'),
    ('õ', 'ừ'),
    ('ö', 'ử'),
    ('÷', 'ữ'),
];
const TCVN3_MAP_TAIL: [(char, char); 6] = [
    ('ø', 'ứ'),
    ('ù', 'ự'),
    ('ú', 'ỳ'),
    ('û', 'ỷ'),
    ('ü', 'ỹ'),
    ('þ', 'ỵ'),
];

/// Characters that never occur in Unicode Vietnamese but are common in TCVN3 text.
fn is_tcvn3_marker(c: char) -> bool {
    matches!(
        c,
        '¨' | '©'
            | 'ª'
            | '«'
            | '¬'
            | '®'
            | '¡'
            | '¢'
            | '£'
            | '¤'
            | '¥'
            | '¦'
            | '§'
            | 'µ'
            | '¶'
            | '·'
            | '¸'
            | '¹'
            | '»'
            | '¼'
            | '½'
            | '¾'
            | 'Æ'
            | 'Ç'
            | 'Ë'
            | 'Î'
            | 'Ï'
            | 'Ð'
            | 'Ñ'
            | 'Ö'
            | '×'
            | 'Ø'
            | 'Ü'
            | 'Þ'
            | 'ß'
            | 'ä'
            | 'å'
            | 'æ'
            | 'ç'
            | 'ë'
            | 'î'
            | 'ï'
            | 'ñ'
            | 'ö'
            | '÷'
            | 'ø'
            | 'þ'
            | 'û'
            | 'ü'
    )
}

/// TCVN3 code → letter, one character.
fn tcvn3_letter(c: char) -> char {
    TCVN3_MAP
        .iter()
        .chain(TCVN3_MAP_TAIL.iter())
        .find(|(k, _)| *k == c)
        .map_or(c, |(_, v)| *v)
}

/// A TCVN3 line in Unicode. TCVN3 has no capitals with tones (the `.VnTimeH` fonts
/// draw its small codes as capitals), so a converted letter becomes a capital where
/// the text around it is in capitals: in a word with two or more letters of known
/// case, all capitals (`CHñ` → `CHỦ`, `§èC` → `ĐỐC`), and in any capitalised word
/// of a line whose longer words are all capitals (`Tæ CHøC` → `TỔ CHỨC`). `Së`
/// (Sở) keeps its small letter.
pub fn tcvn3_to_unicode(line: &str) -> String {
    // Letters whose case is known: ASCII, and TCVN3's codes for the bare capitals
    // (`§` Đ, `¡`…`¦` Ă Â Ê Ô Ơ Ư) and bare small letters (`®` đ, `¨`…`¬`, U+00AD).
    // Its toned codes serve both cases and say nothing.
    fn cased(word: &str) -> impl Iterator<Item = bool> + '_ {
        word.chars().filter_map(|c| match c {
            'A'..='Z' | '¡'..='§' => Some(true),
            'a'..='z' | '¨'..='¬' | '\u{AD}' | '®' => Some(false),
            _ => None,
        })
    }
    let all_capitals = |word: &str| cased(word).all(|upper| upper);
    let longer: Vec<&str> = line
        .split_whitespace()
        .filter(|w| cased(w).count() >= 2)
        .collect();
    let capital_line = longer.len() >= 2 && longer.iter().all(|w| all_capitals(w));
    let mut out = String::with_capacity(line.len() + 16);
    for piece in line.split_inclusive(char::is_whitespace) {
        let letters = cased(piece).count();
        let capitals = all_capitals(piece) && (letters >= 2 || (capital_line && letters >= 1));
        for c in piece.chars() {
            let letter = tcvn3_letter(c);
            if capitals && letter != c {
                out.push(crate::text::upper_of(letter));
            } else {
                out.push(letter);
            }
        }
    }
    out
}

// --- VNI (VNI Windows) ---

/// Each vowel series: its letters (bare, then with sắc, huyền, hỏi, ngã, nặng) and
/// their VNI spellings: the vowel then a mark letter, except `i` and `ỵ` (one letter
/// each) and `ơ`, `ư` (`ô`, `ö`). Capitals are the same in capitals: VNI's capital
/// marks are the Latin-1 capitals of its small ones.
const VNI_SERIES: [([char; 6], [&str; 6]); 12] = [
    (
        ['a', 'á', 'à', 'ả', 'ã', 'ạ'],
        ["a", "aù", "aø", "aû", "aõ", "aï"],
    ),
    (
        ['ă', 'ắ', 'ằ', 'ẳ', 'ẵ', 'ặ'],
        ["aê", "aé", "aè", "aú", "aü", "aë"],
    ),
    (
        ['â', 'ấ', 'ầ', 'ẩ', 'ẫ', 'ậ'],
        ["aâ", "aá", "aà", "aå", "aã", "aä"],
    ),
    (
        ['e', 'é', 'è', 'ẻ', 'ẽ', 'ẹ'],
        ["e", "eù", "eø", "eû", "eõ", "eï"],
    ),
    (
        ['ê', 'ế', 'ề', 'ể', 'ễ', 'ệ'],
        ["eâ", "eá", "eà", "eå", "eã", "eä"],
    ),
    (
        ['i', 'í', 'ì', 'ỉ', 'ĩ', 'ị'],
        ["i", "í", "ì", "æ", "ó", "ò"],
    ),
    (
        ['o', 'ó', 'ò', 'ỏ', 'õ', 'ọ'],
        ["o", "où", "oø", "oû", "oõ", "oï"],
    ),
    (
        ['ô', 'ố', 'ồ', 'ổ', 'ỗ', 'ộ'],
        ["oâ", "oá", "oà", "oå", "oã", "oä"],
    ),
    (
        ['ơ', 'ớ', 'ờ', 'ở', 'ỡ', 'ợ'],
        ["ô", "ôù", "ôø", "ôû", "ôõ", "ôï"],
    ),
    (
        ['u', 'ú', 'ù', 'ủ', 'ũ', 'ụ'],
        ["u", "uù", "uø", "uû", "uõ", "uï"],
    ),
    (
        ['ư', 'ứ', 'ừ', 'ử', 'ữ', 'ự'],
        ["ö", "öù", "öø", "öû", "öõ", "öï"],
    ),
    (
        ['y', 'ý', 'ỳ', 'ỷ', 'ỹ', 'ỵ'],
        ["y", "yù", "yø", "yû", "yõ", "î"],
    ),
];

fn upper(c: char) -> char {
    crate::text::upper_of(c)
}

/// Every Vietnamese letter that VNI spells differently, both cases, with its spelling.
fn vni_spellings() -> impl Iterator<Item = (char, String)> {
    let small = VNI_SERIES
        .iter()
        .flat_map(|(letters, spellings)| letters.iter().copied().zip(spellings.iter()))
        .filter(|(letter, spelling)| **spelling != letter.to_string().as_str())
        .map(|(letter, spelling)| (letter, spelling.to_string()))
        .chain(std::iter::once(('đ', "ñ".to_string())));
    small.flat_map(|(letter, spelling)| {
        let capital = (upper(letter), spelling.upper());
        [(letter, spelling), capital]
    })
}

/// VNI spelling → letter. Also a capital vowel with a small mark (`Aù`), which some
/// keyboards write at the start of a capitalised word. (Fx, not SipHash: the
/// evidence scan looks up every pair of characters of a line with marks.)
static VNI_DECODE: LazyLock<FxHashMap<String, char>> = LazyLock::new(|| {
    let mut map = FxHashMap::default();
    for (letter, spelling) in vni_spellings() {
        let mut chars = spelling.chars();
        if let (Some(first), Some(mark), None) = (chars.next(), chars.next(), chars.next()) {
            if first.is_lowercase() {
                map.insert(format!("{}{mark}", upper(first)), upper(letter));
            }
        }
        map.insert(spelling, letter);
    }
    map
});

static VNI_ENCODE: LazyLock<FxHashMap<char, String>> = LazyLock::new(|| vni_spellings().collect());

/// VNI text in Unicode: each spelling of the table, longest first, becomes its letter.
pub fn vni_to_unicode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut key = String::with_capacity(8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(&next) = chars.peek() {
            key.clear();
            key.push(c);
            key.push(next);
            if let Some(&letter) = VNI_DECODE.get(key.as_str()) {
                out.push(letter);
                chars.next();
                continue;
            }
        }
        key.clear();
        key.push(c);
        out.push(VNI_DECODE.get(key.as_str()).copied().unwrap_or(c));
    }
    out
}

/// Unicode (NFC) text as VNI would spell it: the inverse of [`vni_to_unicode`], for
/// tests and for whoever needs a VNI sample.
pub fn unicode_to_vni(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for c in s.chars() {
        match VNI_ENCODE.get(&c) {
            Some(spelling) => out.push_str(spelling),
            None => out.push(c),
        }
    }
    out
}

/// VNI's letters that Unicode Vietnamese never uses: its marks `ø û ï ä å ë ü` and
/// its letters `ñ ö æ î`, in both cases.
fn is_vni_only(c: char) -> bool {
    matches!(
        c,
        'ø' | 'û'
            | 'ï'
            | 'ä'
            | 'å'
            | 'ë'
            | 'ü'
            | 'ñ'
            | 'ö'
            | 'æ'
            | 'î'
            | 'Ø'
            | 'Û'
            | 'Ï'
            | 'Ä'
            | 'Å'
            | 'Ë'
            | 'Ü'
            | 'Ñ'
            | 'Ö'
            | 'Æ'
            | 'Î'
    )
}

/// Every Latin-1 letter VNI uses, the ones Unicode Vietnamese shares included.
fn is_vni_letter(c: char) -> bool {
    is_vni_only(c)
        || matches!(
            c,
            'ù' | 'õ'
                | 'á'
                | 'à'
                | 'ã'
                | 'â'
                | 'ê'
                | 'é'
                | 'è'
                | 'ú'
                | 'í'
                | 'ì'
                | 'ó'
                | 'ò'
                | 'ô'
                | 'Ù'
                | 'Õ'
                | 'Á'
                | 'À'
                | 'Ã'
                | 'Â'
                | 'Ê'
                | 'É'
                | 'È'
                | 'Ú'
                | 'Í'
                | 'Ì'
                | 'Ó'
                | 'Ò'
                | 'Ô'
        )
}

/// Letters of Unicode Vietnamese that neither legacy encoding produces when read as
/// Latin-1: a line with one is Unicode, decided before any counting.
///
/// Found by their UTF-8 lead bytes (`memchr`), one look at the next bytes each:
/// U+1EA0–U+1EF9 are E1 BA A0 – E1 BB B9, and the eight letters C4 or C6 pairs.
fn has_modern_letter(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr3_iter(0xC4, 0xC6, 0xE1, b).any(|i| {
        match (b[i], b.get(i + 1).copied(), b.get(i + 2).copied()) {
            (0xE1, Some(0xBA), Some(0xA0..=0xBF)) | (0xE1, Some(0xBB), Some(0x80..=0xB9)) => true,
            // ă Ă đ Đ; ơ Ơ ư Ư.
            (0xC4, Some(0x82 | 0x83 | 0x90 | 0x91), _) => true,
            (0xC6, Some(0xA0 | 0xA1 | 0xAF | 0xB0), _) => true,
            _ => false,
        }
    })
}

/// [`has_modern_letter`] character by character (the test's oracle).
#[cfg(test)]
fn has_modern_letter_by_chars(s: &str) -> bool {
    s.chars().any(|c| {
        ('\u{1EA0}'..='\u{1EF9}').contains(&c)
            || matches!(c, 'ơ' | 'ư' | 'đ' | 'ă' | 'Ơ' | 'Ư' | 'Đ' | 'Ă')
    })
}

// --- Which encoding ---

/// What one line's letters say.
#[derive(Debug, Default)]
struct Evidence {
    /// Letters only VNI writes.
    vni_only: usize,
    /// Vowel-and-mark pairs VNI spells (`eä`, `oø`; Unicode writes a few, `hoà`).
    vni_pairs: usize,
    /// Mark letters of VNI (`ø`, `ù`, `è` …) that follow no vowel they could mark:
    /// VNI never writes that (TCVN3 does: `CHøC`, `Sè`; so does Unicode: `Cà`).
    stray_marks: usize,
    /// Letters VNI cannot have written where they stand: TCVN3's own (`§ ¶ ¬ µ ¸`)
    /// and VNI's own marks away from a vowel (`Tæ CHøC`).
    tcvn3_only: usize,
    /// Latin-1 letters that TCVN3 writes (many are also Unicode letters: `è` is ố).
    tcvn3_codes: usize,
    /// Words with a letter that only a legacy encoding writes, and all words.
    legacy_words: usize,
    words: usize,
}

impl Evidence {
    fn of(line: &str) -> Self {
        let mut e = Evidence::default();
        let mut key = String::with_capacity(8);
        let mut prev: Option<char> = None;
        let mut before: Option<char> = None;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            let symbol = is_symbol_alone(before, c, chars.peek().copied());
            before = Some(c);
            if is_vni_only(c) {
                e.vni_only += 1;
            }
            if is_tcvn3_letter(c) && !symbol {
                e.tcvn3_codes += 1;
                if !is_vni_letter(c) {
                    e.tcvn3_only += 1;
                }
            }
            if let Some(p) = prev {
                key.clear();
                key.push(p);
                key.push(c);
                if VNI_DECODE.contains_key(key.as_str()) {
                    e.vni_pairs += 1;
                    prev = None;
                    continue;
                }
            }
            if is_vni_mark(c) {
                e.stray_marks += 1;
                if is_vni_only(c) {
                    e.tcvn3_only += 1;
                }
            }
            prev = Some(c);
        }
        for word in line.split_whitespace() {
            e.words += 1;
            // A sign among figures (`×`, `2×3`) is no legacy letter; in a word it is.
            let lettered = || word.chars().any(char::is_alphabetic);
            if word
                .chars()
                .any(|c| is_tcvn3_marker(c) && (!is_sign(c) || lettered()))
            {
                e.legacy_words += 1;
            }
        }
        e
    }

    /// VNI beyond doubt: every mark after its vowel, none of TCVN3's letters, and
    /// enough of VNI's own.
    fn clearly_vni(&self) -> bool {
        self.maybe_vni() && self.vni_only >= 1 && self.vni_only + self.vni_pairs >= 3
    }
    /// Could be VNI: as above, with one letter or pair of VNI's. In a document
    /// whose other lines are clearly VNI this converts `Soá:` (a pair Unicode
    /// writes too, as in `toán`), while `Chuyên viên` has no pair and stays.
    fn maybe_vni(&self) -> bool {
        self.tcvn3_only == 0 && self.stray_marks == 0 && (self.vni_only >= 1 || self.vni_pairs >= 1)
    }
    /// Reads as TCVN3: enough of its words carry a legacy letter.
    fn maybe_tcvn3(&self) -> bool {
        self.legacy_words >= 1 && (self.legacy_words * 4 >= self.words || self.legacy_words >= 3)
    }
    /// TCVN3 beyond doubt: as above, with a letter VNI cannot have written.
    fn clearly_tcvn3(&self) -> bool {
        self.maybe_tcvn3() && self.tcvn3_only >= 1
    }
    /// TCVN3 sentences: two words or more with a legacy letter, two letters or more
    /// that VNI cannot have written (a scan's stray `§` is one).
    fn strongly_tcvn3(&self) -> bool {
        self.clearly_tcvn3() && self.legacy_words >= 2 && self.tcvn3_only >= 2
    }
    /// In a document whose other lines are clearly TCVN3: a TCVN3 code and no VNI
    /// pair (`Sè: 11/KH-UBND`, where every code is also a Unicode letter).
    fn could_be_tcvn3(&self) -> bool {
        self.tcvn3_codes >= 1 && self.vni_pairs == 0
    }
}

/// A TCVN3 code that Unicode texts write as a sign (`×`, `÷`, `§`, `«`, `»`, `·`,
/// `©`, `®`) with no letter beside it: the sign it is (`TNBQn-1 × 100`, `√T1 × T2`),
/// not a letter of a word. TCVN3 writes its codes inside words (`m×nh`, `§iÒu`), or
/// as a word of one letter (`¤ Anh`, Ô Anh), which no such sign is.
fn is_symbol_alone(before: Option<char>, c: char, after: Option<char>) -> bool {
    is_sign(c)
        && !before.is_some_and(char::is_alphabetic)
        && !after.is_some_and(char::is_alphabetic)
}

/// The TCVN3 codes that Unicode texts write as signs.
fn is_sign(c: char) -> bool {
    matches!(c, '×' | '÷' | '§' | '«' | '»' | '·' | '©' | '®')
}

/// The letters VNI writes after a vowel as its marks, in both cases.
fn is_vni_mark(c: char) -> bool {
    matches!(
        c,
        'ù' | 'ø'
            | 'û'
            | 'õ'
            | 'ï'
            | 'â'
            | 'á'
            | 'à'
            | 'å'
            | 'ã'
            | 'ä'
            | 'ê'
            | 'é'
            | 'è'
            | 'ú'
            | 'ü'
            | 'ë'
            | 'Ù'
            | 'Ø'
            | 'Û'
            | 'Õ'
            | 'Ï'
            | 'Â'
            | 'Á'
            | 'À'
            | 'Å'
            | 'Ã'
            | 'Ä'
            | 'Ê'
            | 'É'
            | 'È'
            | 'Ú'
            | 'Ü'
            | 'Ë'
    )
}

/// Latin-1 letters TCVN3 writes: its markers, and its table's codes (no code stands
/// for itself, so a code is one the table changes).
fn is_tcvn3_letter(c: char) -> bool {
    is_tcvn3_marker(c) || tcvn3_letter(c) != c
}

/// The lines in a legacy encoding, each with its place among `lines` (in order).
/// Lines with a letter of Unicode Vietnamese (`ộ`, `ơ`, `đ`) or no letter beyond
/// ASCII cost one pass over their bytes and nothing more (nearly every line of a
/// text typed in Unicode); the rest are weighed, then the lines that fit both
/// encodings (or are too short to tell) follow the document's clear lines. Where no
/// line is clear, a line that reads as TCVN3 is reported so, but not `confident`.
pub fn classify<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vec<(usize, LegacyLine)> {
    let mut weighed: Vec<(usize, &str, Evidence)> = Vec::new();
    // Lines with a letter only Unicode writes: the text is (at least there) Unicode.
    let mut unicode_lines = 0usize;
    for (k, l) in lines.into_iter().enumerate() {
        if l.is_ascii() {
            continue;
        }
        if has_modern_letter(l) {
            unicode_lines += 1;
        } else {
            weighed.push((k, l, Evidence::of(l)));
        }
    }
    let any = |f: fn(&Evidence) -> bool| weighed.iter().any(|(_, _, e)| f(e));
    // In a Unicode text, one stray `§` or `ª` (a scan's misread letter) is no
    // TCVN3: the document's doubtful lines follow only a line of TCVN3 sentences
    // (two words and two letters of its own), and a line with less is reported
    // only where nothing says the text is Unicode.
    let unicode_text = unicode_lines > 0;
    let clear_tcvn3 =
        any(Evidence::strongly_tcvn3) || (!unicode_text && any(Evidence::clearly_tcvn3));
    let clear_vni = any(Evidence::clearly_vni);
    weighed
        .into_iter()
        .filter_map(|(k, line, e)| {
            // VNI is taken only where the line or the document is clear about it,
            // so its confidence is whether the conversion left no VNI letter.
            let vni = || {
                let unicode = vni_to_unicode(line);
                Some(LegacyLine {
                    encoding: Encoding::Vni,
                    confident: !unicode.chars().any(is_vni_only),
                    unicode,
                })
            };
            let tcvn3 = |confident: bool| {
                let unicode = tcvn3_to_unicode(line);
                (unicode != line).then_some(LegacyLine {
                    encoding: Encoding::Tcvn3,
                    unicode,
                    confident,
                })
            };
            let found = if e.clearly_vni() {
                vni()
            } else if e.clearly_tcvn3() && (clear_tcvn3 || e.strongly_tcvn3()) {
                tcvn3(true)
            } else if clear_vni && !clear_tcvn3 && e.maybe_vni() {
                vni()
            } else if clear_tcvn3 && !clear_vni && (e.maybe_tcvn3() || e.could_be_tcvn3()) {
                tcvn3(true)
            } else if !clear_vni && !clear_tcvn3 && !unicode_text && e.maybe_tcvn3() {
                tcvn3(false)
            } else {
                None
            };
            found.map(|f| (k, f))
        })
        .collect()
}

/// [`classify`] as one answer per line (the tests' form).
#[cfg(test)]
fn classify_each(lines: &[&str]) -> Vec<Option<LegacyLine>> {
    let mut each = vec![None; lines.len()];
    for (k, found) in classify(lines.iter().copied()) {
        each[k] = Some(found);
    }
    each
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::nfc;

    proptest::proptest! {
        /// The byte search finds a modern letter where reading characters does.
        #[test]
        fn modern_letters_by_bytes_are_modern_letters_by_chars(
            s in "[aăĂđĐơƠưƯ\u{1e9f}\u{1ea0}\u{1ebf}\u{1ec0}\u{1ef9}\u{1efa}\u{101}\u{1a2}\u{1b1}§Çµ ]{0,12}"
        ) {
            proptest::prop_assert_eq!(has_modern_letter(&s), has_modern_letter_by_chars(&s));
        }
    }

    /// The seed plans (Unicode, as pasted), each in NFC.
    fn seeds() -> Vec<(String, String)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/seeds");
        let mut seeds: Vec<(String, String)> = std::fs::read_dir(&dir)
            .expect("seeds folder")
            .map(|e| e.expect("seed entry").path())
            .map(|p| {
                let text = std::fs::read_to_string(&p).expect("seed text");
                let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
                (name.unwrap_or_default(), nfc(&text).into_owned())
            })
            .collect();
        crate::order::sort(&mut seeds);
        assert_eq!(seeds.len(), 5);
        seeds
    }

    /// Unicode as TCVN3 writes it: capitals with tones take the small letter's code.
    fn unicode_to_tcvn3(s: &str) -> String {
        let code = |c: char| {
            TCVN3_MAP
                .iter()
                .chain(TCVN3_MAP_TAIL.iter())
                .find(|(_, v)| *v == c)
                .map(|(k, _)| *k)
        };
        s.chars()
            .map(|c| {
                code(c)
                    .or_else(|| c.to_lowercase().next().and_then(code))
                    .unwrap_or(c)
            })
            .collect()
    }

    #[test]
    fn every_vietnamese_letter_round_trips_through_vni() {
        let spellings: Vec<(char, String)> = vni_spellings().collect();
        // 12 vowels in 6 forms, less the 6 plain ones and the 2 that VNI writes as
        // Unicode does (í, ì), plus đ: 65, in both cases.
        assert_eq!(spellings.len(), 130);
        for (letter, spelling) in &spellings {
            assert_eq!(vni_to_unicode(spelling), letter.to_string(), "{spelling}");
            assert_eq!(&unicode_to_vni(&letter.to_string()), spelling, "{letter}");
        }
    }

    #[test]
    fn vni_words_as_offices_typed_them() {
        for (vni, unicode) in [
            (
                "COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            ),
            (
                "Ñoäc laäp - Töï do - Haïnh phuùc",
                "Độc lập - Tự do - Hạnh phúc",
            ),
            (
                "ñöôïc tröôøng Thaønh phoá Hoà Chí Minh",
                "được trường Thành phố Hồ Chí Minh",
            ),
            ("Nghò ñònh soá 30/2020/NÑ-CP", "Nghị định số 30/2020/NĐ-CP"),
            (
                "naêm, thaéng, UÛy ban, Yeân Baùi, kyõ, Kyø",
                "năm, thắng, Ủy ban, Yên Bái, kỹ, Kỳ",
            ),
        ] {
            assert_eq!(vni_to_unicode(vni), unicode);
            assert_eq!(unicode_to_vni(unicode), vni);
        }
        // A capital vowel with a small mark, as some keyboards write a capitalised word.
        assert_eq!(vni_to_unicode("Uûy ban, Aán Ñoä"), "Ủy ban, Ấn Độ");
    }

    #[test]
    fn unicode_vietnamese_is_never_taken_for_a_legacy_encoding() {
        // Lines without a letter of the U+1EA0 block, where only the letters decide.
        let plain = "Chuyên viên\nKiên Giang, Tuyên Quang\nHoà Bình\nThanh toán\nCơ quan\n";
        for (name, text) in seeds().into_iter().chain([("plain".into(), plain.into())]) {
            let lines: Vec<&str> = text.lines().collect();
            let found: Vec<_> = lines
                .iter()
                .zip(classify_each(&lines))
                .filter_map(|(l, f)| f.map(|f| (l.to_string(), f.encoding)))
                .collect();
            assert!(found.is_empty(), "{name}: {found:?}");
        }
    }

    /// A scan's Unicode text with a stray `§` on one line is no TCVN3, and its lines
    /// of Latin-1 letters only (`lên`, `tháng`) are not converted by it; a TCVN3
    /// sentence pasted into a Unicode text still is, with its short lines.
    #[test]
    fn a_stray_legacy_letter_in_a_unicode_text_is_no_legacy_text() {
        let scanned = [
            "Kế hoạch thực hiện năm 2025",
            "c; S§ chuyen cap",
            "lên",
            "tháng",
            "Tình hình",
        ];
        assert_eq!(classify(scanned), vec![]);
        let sentence = unicode_to_tcvn3("Sở Nội vụ chủ trì, phối hợp với các đơn vị liên quan");
        let short = unicode_to_tcvn3("Số: 11");
        let pasted = [
            "Kế hoạch thực hiện năm 2025",
            sentence.as_str(),
            short.as_str(),
        ];
        let found: Vec<usize> = classify(pasted).into_iter().map(|(k, _)| k).collect();
        assert_eq!(found, [1, 2]);
    }

    /// Every seed re-typed in `encoding` (by `encode`): each line it changed is found
    /// in that encoding, confidently, and converts back (`same`); no other line is.
    fn seeds_come_back(
        encoding: Encoding,
        encode: fn(&str) -> String,
        same: fn(&str, &str) -> bool,
    ) {
        for (name, text) in seeds() {
            let original: Vec<&str> = text.lines().collect();
            let pasted = encode(&text);
            let lines: Vec<&str> = pasted.lines().collect();
            assert_eq!(lines.len(), original.len());
            let (mut changed, mut found) = (0, 0);
            for ((line, before), result) in lines.iter().zip(&original).zip(classify_each(&lines)) {
                if line == before {
                    assert_eq!(result, None, "{name}: {line}");
                    continue;
                }
                changed += 1;
                let Some(result) = result else {
                    eprintln!("{name}: not found: {line}");
                    continue;
                };
                found += 1;
                assert_eq!(result.encoding, encoding, "{name}: {line}");
                assert!(
                    same(&result.unicode, before),
                    "{name}: {line} → {}",
                    result.unicode
                );
                assert!(result.confident, "{name}: {line}");
            }
            assert_eq!(found, changed, "{name}: {encoding:?} lines found");
        }
    }

    /// Thông tư 52/2026/TT-BTC as the Gazette prints its formulas: `×` between
    /// figures and symbols, and lines whose only letters beyond ASCII are ones
    /// Latin-1 has (`theo giá so sánh;`). The signs made three "words" of TCVN3, and
    /// the document's doubtful lines followed: the fix wrote `theo giỏ so sỏnh`.
    #[test]
    fn a_multiplication_sign_is_no_tcvn3_letter() {
        let lines = [
            "Tốc độ tăng thu nhập bình quân đầu người (%)",
            "TNBQn−1",
            " ×  100 −100 ",
            "𝑔̅ = √𝑇1 × 𝑇2 × … × 𝑇𝑛)",
            "theo giá so sánh; ",
            "năm báo cáo theo giá so sánh. ",
            "Diện tích 2×3 m",
        ];
        assert_eq!(classify_each(&lines), vec![None; lines.len()]);
        // In a word, the same code is TCVN3's letter (`ì`).
        let tcvn3 = [
            "Chñ tÞch UBND tØnh quyÕt ®Þnh",
            "cña m×nh vµ chÞu tr¸ch nhiÖm",
        ];
        let found = classify_each(&tcvn3);
        assert_eq!(
            found[1].as_ref().map(|l| l.unicode.as_str()),
            Some("của mình và chịu trách nhiệm")
        );
    }

    #[test]
    fn seeds_typed_in_vni_come_back_exactly() {
        seeds_come_back(Encoding::Vni, unicode_to_vni, |a, b| a == b);
    }

    /// TCVN3 cannot write `Ủy` at the start of a sentence: compared without case.
    #[test]
    fn seeds_typed_in_tcvn3_come_back_and_are_never_taken_for_vni() {
        seeds_come_back(Encoding::Tcvn3, unicode_to_tcvn3, |a, b| {
            a.to_lowercase() == b.to_lowercase()
        });
    }

    /// A seed pasted from a VNI document: one KH803 finding, whose one safe fix gives
    /// the plan back letter for letter (TCVN3 likewise, but for capitals it lacks).
    #[test]
    fn a_legacy_paste_is_one_finding_whose_safe_fix_restores_the_plan() {
        for (name, text) in seeds() {
            for (code, pasted) in [
                ("KH803", unicode_to_vni(&text)),
                ("KH802", unicode_to_tcvn3(&text)),
            ] {
                let report = crate::check(&pasted);
                let legacy: Vec<_> = report
                    .diagnostics
                    .iter()
                    .filter(|d| d.code == "KH802" || d.code == "KH803")
                    .collect();
                assert_eq!(legacy.len(), 1, "{name} {code}: {legacy:#?}");
                assert_eq!(legacy[0].code, code, "{name}");
                let fix = &legacy[0].fixes[0];
                assert!(fix.safe, "{name} {code}");
                let restored = crate::fix::apply_edits(&pasted, &fix.edits);
                // "Sửa tất cả lỗi an toàn" ends where it ends on the Unicode plan:
                // no other fix (a soft hyphen is TCVN3's `ư`) gets there first.
                let all_fixed = crate::fix::apply_safe_fixes(&pasted);
                let all_fixed_unicode = crate::fix::apply_safe_fixes(&text);
                if code == "KH803" {
                    assert!(
                        restored == text,
                        "{name}: VNI fix does not restore the seed"
                    );
                    assert!(
                        all_fixed == all_fixed_unicode,
                        "{name}: VNI, all safe fixes"
                    );
                } else {
                    let same = |a: &str, b: &str| a.to_lowercase() == b.to_lowercase();
                    assert!(
                        same(&restored, &text),
                        "{name}: TCVN3 fix does not restore the seed"
                    );
                    assert!(
                        same(&all_fixed, &all_fixed_unicode),
                        "{name}: TCVN3, all safe fixes"
                    );
                }
            }
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Every Vietnamese letter in both cases, ASCII letters, digits, punctuation.
        fn vietnamese_text() -> impl Strategy<Value = String> {
            let letters: Vec<char> = VNI_SERIES
                .iter()
                .flat_map(|(letters, _)| letters.iter().copied())
                .chain(['đ'])
                .flat_map(|c| [c, upper(c)])
                .chain("bcdghklmnpqrstvxBCDGHKLMNPQRSTVX0123456789 .,;:/-()\n".chars())
                .collect();
            proptest::collection::vec(proptest::sample::select(letters), 0..200)
                .prop_map(|chars| chars.into_iter().collect())
        }

        proptest! {
            #[test]
            fn any_vietnamese_text_survives_vni_and_back(text in vietnamese_text()) {
                prop_assert_eq!(vni_to_unicode(&unicode_to_vni(&text)), text);
            }

            #[test]
            fn classify_never_panics_and_answers_each_line_once_in_order(text in any::<String>()) {
                let lines: Vec<&str> = text.lines().collect();
                let found = classify(lines.iter().copied());
                prop_assert!(found.windows(2).all(|w| w[0].0 < w[1].0));
                prop_assert!(found.last().is_none_or(|(k, _)| *k < lines.len()));
            }
        }
    }
}
