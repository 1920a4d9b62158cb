//! A small JSON reader and writer for what the web page keeps and receives: drafts,
//! backups, settings, office profiles, the check worker's findings and the `.docx`
//! module's answers.
//!
//! Why not serde_json there: its deserializer is generic over every type it reads,
//! and each type's copy went into the page's wasm (≈ 90 KB of code before gzip, a
//! copy of `deserialize_seq` per element type). Here a text is read once into a
//! [`Value`] that borrows its strings, and each type reads its fields from it by
//! name ([`FromJson`], [`field`], [`field_or_default`]); a type writes itself
//! through one [`Writer`] ([`ToJson`]). The CLI's contracts (its JSON output, a
//! plan's export) keep serde, natively; what this writes, serde_json reads, and
//! what serde_json wrote this reads (tests below, both ways).
//!
//! Never panics; nesting deeper than [`MAX_DEPTH`] is an error, not a stack
//! overflow; every byte is read once.

use std::borrow::Cow;
use std::fmt::Write as _;

/// How deep arrays and objects may nest (serde_json's limit too).
pub const MAX_DEPTH: usize = 128;

/// A JSON value whose strings borrow from the text read where they hold no escape.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    /// Every number as an `f64`: integers up to 2^53 (times in milliseconds,
    /// revisions, offsets) are exact.
    Number(f64),
    String(Cow<'a, str>),
    Array(Vec<Value<'a>>),
    /// Members in the order written; [`Value::get`] takes the last of a repeated key.
    Object(Vec<(Cow<'a, str>, Value<'a>)>),
}

/// Why a text is not the JSON expected: where it stops being JSON, or which
/// field is missing or of the wrong kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl Error {
    fn invalid(expected: &str, found: &Value<'_>) -> Error {
        Error(format!(
            "invalid type: {}, expected {expected}",
            found.kind()
        ))
    }

    /// The error, said of the field `name` it was found in.
    fn in_field(self, name: &str) -> Error {
        Error(format!("{} (field `{name}`)", self.0))
    }
}

impl<'a> Value<'a> {
    /// The member `key` of an object (the last, if repeated); `None` for any
    /// other value.
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Value::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|m| &m.1),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[(Cow<'a, str>, Value<'a>)]> {
        match self {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }

    /// The value written as JSON, compact.
    pub fn to_json_string(&self) -> String {
        to_string(self)
    }
}

/// Reads `text` as one JSON value (whitespace around it allowed, nothing else).
pub fn parse(text: &str) -> Result<Value<'_>, Error> {
    let mut stream = Stream::new(text);
    let value = stream.value()?;
    stream.end()?;
    Ok(value)
}

/// Reads `text` as a `T`.
pub fn from_str<T: FromJson>(text: &str) -> Result<T, Error> {
    T::from_json(&parse(text)?)
}

/// Reads a text as it goes, for a large reply read into its types directly: a
/// [`Value`] of the worker's findings at 10 MB held an array of 470,000 values
/// (one fix's edits), each then copied into its tuple (26 ms natively; read as
/// it goes, a third of that). Objects and arrays call back with each member or
/// item, which the callback must read (or skip with [`Stream::value`]). The tree
/// reader ([`parse`]) is this walker collecting what it reads.
pub struct Stream<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    /// Arrays and objects open around the reader's place.
    depth: usize,
}

impl<'a> Stream<'a> {
    pub fn new(text: &'a str) -> Stream<'a> {
        let mut stream = Stream {
            text,
            bytes: text.as_bytes(),
            at: 0,
            depth: 0,
        };
        stream.skip_space();
        stream
    }

    /// Nothing but white space left.
    pub fn end(mut self) -> Result<(), Error> {
        self.skip_space();
        if self.at < self.bytes.len() {
            return Err(self.error("trailing characters"));
        }
        Ok(())
    }

    /// `what` at the reader's place, as line and column (in characters, from 1).
    fn error(&self, what: &str) -> Error {
        let at = self.at.min(self.bytes.len());
        if at == self.bytes.len() {
            return Error(format!("EOF while parsing: {what}"));
        }
        let before = &self.bytes[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = before[line_start..]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count()
            + 1;
        Error(format!("{what} at line {line} column {column}"))
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    fn eat(&mut self, word: &str) -> bool {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            true
        } else {
            false
        }
    }

    /// The next value, whatever it is, as a tree (a small part read as a whole, or
    /// a member skipped).
    pub fn value(&mut self) -> Result<Value<'a>, Error> {
        match self.bytes.get(self.at) {
            None => Err(self.error("expected value")),
            Some(b'n') if self.eat("null") => Ok(Value::Null),
            Some(b't') if self.eat("true") => Ok(Value::Bool(true)),
            Some(b'f') if self.eat("false") => Ok(Value::Bool(false)),
            Some(b'"') => Ok(Value::String(self.quoted()?)),
            Some(b'-' | b'0'..=b'9') => self.number().map(Value::Number),
            Some(b'[') => {
                let mut items = Vec::new();
                self.array(|s| {
                    items.push(s.value()?);
                    Ok(())
                })?;
                Ok(Value::Array(items))
            }
            Some(b'{') => {
                let mut members = Vec::new();
                self.members(|s, key| {
                    members.push((key, s.value()?));
                    Ok(())
                })?;
                Ok(Value::Object(members))
            }
            Some(_) => Err(self.error("expected value")),
        }
    }

    /// The next value as a `T` (through its tree).
    pub fn read<T: FromJson>(&mut self) -> Result<T, Error> {
        T::from_json(&self.value()?)
    }

    /// Past `open`, one level deeper; another value there is the wrong type. False
    /// when `close` follows at once (the empty object or array read whole).
    fn open(&mut self, open: u8, close: u8, what: &str) -> Result<bool, Error> {
        if self.bytes.get(self.at) != Some(&open) {
            let found = self.value()?;
            return Err(Error::invalid(what, &found));
        }
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        self.at += 1;
        self.skip_space();
        if self.bytes.get(self.at) == Some(&close) {
            self.at += 1;
            self.depth -= 1;
            return Ok(false);
        }
        Ok(true)
    }

    /// After a member or an item: whether another follows (`,`) or the object or
    /// array ends (`close`).
    fn more(&mut self, close: u8) -> Result<bool, Error> {
        self.skip_space();
        match self.bytes.get(self.at) {
            Some(b',') => {
                self.at += 1;
                self.skip_space();
                Ok(true)
            }
            Some(&b) if b == close => {
                self.at += 1;
                self.depth -= 1;
                Ok(false)
            }
            _ => Err(self.error(if close == b']' {
                "expected `,` or `]`"
            } else {
                "expected `,` or `}`"
            })),
        }
    }

    /// An object: `member` is called with each key and reads its value; an error
    /// in it names the field.
    pub fn object(
        &mut self,
        mut member: impl FnMut(&mut Self, &str) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.members(|s, key| member(s, &key).map_err(|e| e.in_field(&key)))
    }

    /// The walk of an object's members (keys handed over as read).
    fn members(
        &mut self,
        mut member: impl FnMut(&mut Self, Cow<'a, str>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        if !self.open(b'{', b'}', "an object")? {
            return Ok(());
        }
        loop {
            if self.bytes.get(self.at) != Some(&b'"') {
                return Err(self.error("key must be a string"));
            }
            let key = self.quoted()?;
            self.skip_space();
            if self.bytes.get(self.at) != Some(&b':') {
                return Err(self.error("expected `:`"));
            }
            self.at += 1;
            self.skip_space();
            member(self, key)?;
            if !self.more(b'}')? {
                return Ok(());
            }
        }
    }

    /// An array: `item` is called for each item and reads it.
    pub fn array(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Result<(), Error>,
    ) -> Result<(), Error> {
        if !self.open(b'[', b']', "an array")? {
            return Ok(());
        }
        loop {
            item(self)?;
            if !self.more(b']')? {
                return Ok(());
            }
        }
    }

    pub fn string(&mut self) -> Result<Cow<'a, str>, Error> {
        if self.bytes.get(self.at) != Some(&b'"') {
            let found = self.value()?;
            return Err(Error::invalid("a string", &found));
        }
        self.quoted()
    }

    /// A string from its opening quote: borrowed when it holds no escape.
    fn quoted(&mut self) -> Result<Cow<'a, str>, Error> {
        self.at += 1;
        let start = self.at;
        let mut owned: Option<String> = None;
        let mut run = start;
        loop {
            let Some(found) = memchr::memchr2(b'"', b'\\', &self.bytes[self.at..]) else {
                self.at = self.bytes.len();
                return Err(self.error("unterminated string"));
            };
            self.at += found;
            if let Some(at) = self.bytes[run..self.at].iter().position(|&b| b < 0x20) {
                self.at = run + at;
                return Err(
                    self.error("control character (\\u0000-\\u001F) found while parsing a string")
                );
            }
            if self.bytes[self.at] == b'"' {
                // Both ends are ASCII bytes, so the slice is on character boundaries.
                let piece = self.text.get(run..self.at).unwrap_or_default();
                self.at += 1;
                return Ok(match owned {
                    None => Cow::Borrowed(piece),
                    Some(mut s) => {
                        s.push_str(piece);
                        Cow::Owned(s)
                    }
                });
            }
            let s = owned.get_or_insert_with(String::new);
            s.push_str(self.text.get(run..self.at).unwrap_or_default());
            self.at += 1;
            let escaped = match self.bytes.get(self.at) {
                Some(b'"') => '"',
                Some(b'\\') => '\\',
                Some(b'/') => '/',
                Some(b'b') => '\u{8}',
                Some(b'f') => '\u{c}',
                Some(b'n') => '\n',
                Some(b'r') => '\r',
                Some(b't') => '\t',
                Some(b'u') => self.unicode_escape()?,
                _ => return Err(self.error("invalid escape")),
            };
            s.push(escaped);
            self.at += 1;
            run = self.at;
        }
    }

    /// `\uXXXX` (the reader on its `u`), a surrogate pair as one character;
    /// leaves the reader on the escape's last digit.
    fn unicode_escape(&mut self) -> Result<char, Error> {
        let first = self.hex4(self.at + 1)?;
        self.at += 4;
        let code = if (0xD800..0xDC00).contains(&first) {
            if self.bytes.get(self.at + 1..self.at + 3) != Some(b"\\u") {
                return Err(self.error("lone leading surrogate in hex escape"));
            }
            let second = self.hex4(self.at + 3)?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.error("lone leading surrogate in hex escape"));
            }
            self.at += 6;
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).ok_or_else(|| self.error("lone trailing surrogate in hex escape"))
    }

    fn hex4(&self, from: usize) -> Result<u32, Error> {
        let digits = self
            .bytes
            .get(from..from + 4)
            .ok_or_else(|| self.error("invalid escape"))?;
        let mut code = 0;
        for &d in digits {
            let v = match d {
                b'0'..=b'9' => d - b'0',
                b'a'..=b'f' => d - b'a' + 10,
                b'A'..=b'F' => d - b'A' + 10,
                _ => return Err(self.error("invalid escape")),
            };
            code = code * 16 + u32::from(v);
        }
        Ok(code)
    }

    /// A number: its digits read as an integer and a power of ten, exact while
    /// both are small (every integer up to 2^53, and `1733212345678.0` as serde_json
    /// writes a whole `f64`), else the nearest the two give.
    fn number(&mut self) -> Result<f64, Error> {
        let negative = self.bytes.get(self.at) == Some(&b'-');
        if negative {
            self.at += 1;
        }
        let mut mantissa: u64 = 0;
        let mut exponent: i32 = 0;
        let first = self.at;
        if self.digits(&mut mantissa, &mut exponent, false) == 0 {
            return Err(self.error("invalid number"));
        }
        if self.bytes[first] == b'0' && self.at - first > 1 {
            self.at = first;
            return Err(self.error("invalid number"));
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if self.digits(&mut mantissa, &mut exponent, true) == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.at) {
            self.at += 1;
            let sign = match self.bytes.get(self.at) {
                Some(b'-') => {
                    self.at += 1;
                    -1
                }
                Some(b'+') => {
                    self.at += 1;
                    1
                }
                _ => 1,
            };
            let mut power: i32 = 0;
            let mut any = false;
            while let Some(&d @ b'0'..=b'9') = self.bytes.get(self.at) {
                self.at += 1;
                any = true;
                power = power.saturating_mul(10).saturating_add(i32::from(d - b'0'));
            }
            if !any {
                return Err(self.error("invalid number"));
            }
            exponent = exponent.saturating_add(sign * power);
        }
        // Trailing zeros of the fraction (`.0`) leave an integer.
        while exponent < 0 && mantissa != 0 && mantissa.is_multiple_of(10) {
            mantissa /= 10;
            exponent += 1;
        }
        if mantissa == 0 {
            exponent = 0;
        }
        let magnitude = mantissa as f64 * pow10(exponent.max(0)) / pow10((-exponent).max(0));
        if magnitude.is_infinite() {
            return Err(self.error("number out of range"));
        }
        Ok(if negative { -magnitude } else { magnitude })
    }

    /// Digits into `mantissa` (the first 19; later ones of the integer part raise
    /// `exponent`, later ones of a fraction are dropped), returning how many.
    fn digits(&mut self, mantissa: &mut u64, exponent: &mut i32, in_fraction: bool) -> usize {
        let start = self.at;
        while let Some(&d @ b'0'..=b'9') = self.bytes.get(self.at) {
            self.at += 1;
            if *mantissa < 1_000_000_000_000_000_000 {
                *mantissa = *mantissa * 10 + u64::from(d - b'0');
                if in_fraction {
                    *exponent -= 1;
                }
            } else if !in_fraction {
                *exponent += 1;
            }
        }
        self.at - start
    }
}

/// 10^n as an `f64` (exact up to 10^22), infinity beyond what an `f64` holds.
fn pow10(n: i32) -> f64 {
    let mut result = 1.0;
    let mut base = 10.0;
    let mut n = n.min(400);
    while n > 0 {
        if n & 1 == 1 {
            result *= base;
        }
        base *= base;
        n >>= 1;
    }
    result
}

impl<'a> Stream<'a> {
    /// A whole number that fits a `usize`.
    pub fn whole(&mut self) -> Result<usize, Error> {
        // Digits alone (every offset the worker writes), read as an integer: through
        // an f64 each cost ~270 instructions (its `fract` is a call where the
        // target has no rounding instruction).
        let bytes = self.bytes;
        let start = self.at;
        let digits = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let after = bytes.get(start + digits);
        if (1..=15).contains(&digits)
            && (digits == 1 || bytes[start] != b'0')
            && !matches!(after, Some(b'.' | b'e' | b'E'))
        {
            self.at += digits;
            let n = bytes[start..start + digits]
                .iter()
                .fold(0u64, |n, d| n * 10 + u64::from(d - b'0'));
            return usize::try_from(n)
                .map_err(|_| Error(format!("invalid value: {n} is too large")));
        }
        match self.bytes.get(self.at) {
            Some(b'-' | b'0'..=b'9') => {
                let n = Value::Number(self.number()?);
                usize::from_json(&n)
            }
            _ => {
                let found = self.value()?;
                Err(Error::invalid("a whole number", &found))
            }
        }
    }
}

/// A type read from a JSON value.
pub trait FromJson: Sized {
    fn from_json(value: &Value<'_>) -> Result<Self, Error>;

    /// What a missing field of this type reads as: an error, but `None` for an
    /// `Option` (as serde reads a missing `Option` field).
    fn missing(name: &str) -> Result<Self, Error> {
        Err(Error(format!("missing field `{name}`")))
    }
}

/// The field `name` of an object, which must be there (or be an `Option`).
pub fn field<T: FromJson>(object: &Value<'_>, name: &str) -> Result<T, Error> {
    match object.get(name) {
        Some(value) => T::from_json(value).map_err(|e| e.in_field(name)),
        None => T::missing(name),
    }
}

/// The field `name` of an object, or its type's default where it is missing
/// (serde's `#[serde(default)]`).
pub fn field_or_default<T: FromJson + Default>(object: &Value<'_>, name: &str) -> Result<T, Error> {
    match object.get(name) {
        Some(value) => T::from_json(value).map_err(|e| e.in_field(name)),
        None => Ok(T::default()),
    }
}

/// `value`, which must be an object.
pub fn expect_object<'v, 'a>(value: &'v Value<'a>) -> Result<&'v Value<'a>, Error> {
    match value {
        Value::Object(_) => Ok(value),
        other => Err(Error::invalid("an object", other)),
    }
}

impl FromJson for String {
    fn from_json(value: &Value<'_>) -> Result<Self, Error> {
        match value {
            Value::String(s) => Ok(s.to_string()),
            other => Err(Error::invalid("a string", other)),
        }
    }
}

impl FromJson for bool {
    fn from_json(value: &Value<'_>) -> Result<Self, Error> {
        match value {
            Value::Bool(b) => Ok(*b),
            other => Err(Error::invalid("a boolean", other)),
        }
    }
}

impl FromJson for f64 {
    fn from_json(value: &Value<'_>) -> Result<Self, Error> {
        match value {
            Value::Number(n) => Ok(*n),
            other => Err(Error::invalid("a number", other)),
        }
    }
}

/// A whole number in `0..=max` (`max` at most 2^53, so exact as an `f64`). The
/// message prints `max` as an integer: printing an `f64` would put float
/// formatting (10 KB) in the page's wasm.
fn whole(value: &Value<'_>, max: u64) -> Result<u64, Error> {
    match value {
        Value::Number(n) if *n >= 0.0 && *n <= max as f64 && n.fract() == 0.0 => Ok(*n as u64),
        Value::Number(n) => Err(Error(format!(
            "invalid value: {}, expected a whole number from 0 to {max}",
            if n.fract() == 0.0 {
                "an integer out of range"
            } else {
                "a fraction"
            }
        ))),
        other => Err(Error::invalid("a whole number", other)),
    }
}

/// The largest integer an `f64` holds exactly.
const MAX_EXACT: u64 = 1 << 53;

impl FromJson for u64 {
    fn from_json(value: &Value<'_>) -> Result<Self, Error> {
        whole(value, MAX_EXACT)
    }
}

impl FromJson for usize {
    fn from_json(value: &Value<'_>) -> Result<Self, Error> {
        let n = whole(value, MAX_EXACT)?;
        usize::try_from(n).map_err(|_| Error(format!("invalid value: {n} is too large")))
    }
}

impl FromJson for u32 {
    fn from_json(value: &Value<'_>) -> Result<Self, Error> {
        whole(value, u64::from(u32::MAX)).map(|n| n as u32)
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Value<'_>) -> Result<Self, Error> {
        match value {
            Value::Null => Ok(None),
            other => T::from_json(other).map(Some),
        }
    }

    fn missing(_: &str) -> Result<Self, Error> {
        Ok(None)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Value<'_>) -> Result<Self, Error> {
        match value {
            Value::Array(items) => items.iter().map(T::from_json).collect(),
            other => Err(Error::invalid("an array", other)),
        }
    }
}

/// The items of an array of exactly `n`.
fn tuple<'v, 'a>(value: &'v Value<'a>, n: usize) -> Result<&'v [Value<'a>], Error> {
    match value {
        Value::Array(items) if items.len() == n => Ok(items),
        Value::Array(items) => Err(Error(format!(
            "invalid length {}, expected an array of {n}",
            items.len()
        ))),
        other => Err(Error::invalid("an array", other)),
    }
}

impl<A: FromJson, B: FromJson> FromJson for (A, B) {
    fn from_json(value: &Value<'_>) -> Result<Self, Error> {
        let items = tuple(value, 2)?;
        Ok((A::from_json(&items[0])?, B::from_json(&items[1])?))
    }
}

impl<A: FromJson, B: FromJson, C: FromJson> FromJson for (A, B, C) {
    fn from_json(value: &Value<'_>) -> Result<Self, Error> {
        let items = tuple(value, 3)?;
        Ok((
            A::from_json(&items[0])?,
            B::from_json(&items[1])?,
            C::from_json(&items[2])?,
        ))
    }
}

/// A value kept as it was read, to be written again (a backup's settings).
#[derive(Debug, Clone, PartialEq)]
pub struct Raw(pub Value<'static>);

impl FromJson for Raw {
    fn from_json(value: &Value<'_>) -> Result<Self, Error> {
        Ok(Raw(to_static(value)))
    }
}

fn to_static(value: &Value<'_>) -> Value<'static> {
    match value {
        Value::Null => Value::Null,
        Value::Bool(b) => Value::Bool(*b),
        Value::Number(n) => Value::Number(*n),
        Value::String(s) => Value::String(Cow::Owned(s.to_string())),
        Value::Array(items) => Value::Array(items.iter().map(to_static).collect()),
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| (Cow::Owned(k.to_string()), to_static(v)))
                .collect(),
        ),
    }
}

/// A type written as JSON.
pub trait ToJson {
    fn write_json(&self, w: &mut Writer);
}

/// `value` as compact JSON.
pub fn to_string<T: ToJson + ?Sized>(value: &T) -> String {
    let mut w = Writer::new(false);
    value.write_json(&mut w);
    w.finish()
}

/// `value` as JSON indented by two spaces a level (a backup a person may read).
pub fn to_string_pretty<T: ToJson + ?Sized>(value: &T) -> String {
    let mut w = Writer::new(true);
    value.write_json(&mut w);
    w.finish()
}

/// Writes JSON: values, and objects and arrays through `begin_*`, `key` or
/// `item`, and `end_*`, which place the commas (and, pretty, the line breaks).
pub struct Writer {
    out: String,
    pretty: bool,
    /// For each open object or array: whether it has a member yet.
    open: Vec<bool>,
}

impl Writer {
    pub fn new(pretty: bool) -> Writer {
        Writer {
            out: String::new(),
            pretty,
            open: Vec::new(),
        }
    }

    pub fn finish(self) -> String {
        self.out
    }

    fn break_line(&mut self) {
        if self.pretty {
            self.out.push('\n');
            for _ in 0..self.open.len() {
                self.out.push_str("  ");
            }
        }
    }

    /// Before a member or an item: the comma after the one before, a new line.
    fn next_member(&mut self) {
        if let Some(has_member) = self.open.last_mut() {
            if *has_member {
                self.out.push(',');
            }
            *has_member = true;
        }
        self.break_line();
    }

    fn end(&mut self, close: char) {
        if self.open.pop() == Some(true) {
            self.break_line();
        }
        self.out.push(close);
    }

    pub fn begin_object(&mut self) {
        self.out.push('{');
        self.open.push(false);
    }

    pub fn end_object(&mut self) {
        self.end('}');
    }

    pub fn begin_array(&mut self) {
        self.out.push('[');
        self.open.push(false);
    }

    pub fn end_array(&mut self) {
        self.end(']');
    }

    /// The key of the next member of the open object.
    pub fn key(&mut self, name: &str) {
        self.next_member();
        self.string(name);
        self.out.push(':');
        if self.pretty {
            self.out.push(' ');
        }
    }

    /// The place of the next item of the open array.
    pub fn item(&mut self) {
        self.next_member();
    }

    /// A member `name: value` of the open object.
    pub fn field<T: ToJson + ?Sized>(&mut self, name: &str, value: &T) {
        self.key(name);
        value.write_json(self);
    }

    pub fn string(&mut self, s: &str) {
        self.out.reserve(s.len() + 2);
        self.out.push('"');
        let mut run = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0C => "\\f",
                0..=0x1F => "",
                _ => continue,
            };
            self.out.push_str(&s[run..i]);
            if escape.is_empty() {
                let _ = write!(self.out, "\\u{b:04x}");
            } else {
                self.out.push_str(escape);
            }
            run = i + 1;
        }
        self.out.push_str(&s[run..]);
        self.out.push('"');
    }

    /// Written digit by digit: through `fmt` it was a fifth of writing the
    /// worker's reply.
    pub fn unsigned(&mut self, mut n: u64) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for &d in &digits[at..] {
            self.out.push(char::from(d));
        }
    }

    /// A number. Whole numbers are written as such; the app's numbers are whole
    /// (times in milliseconds, revisions), so a fraction is rounded to one (no
    /// float printing in the page's wasm), and what is not finite is `null`, as
    /// serde_json writes it.
    pub fn number(&mut self, n: f64) {
        if !n.is_finite() {
            self.out.push_str("null");
            return;
        }
        let rounded = n.round();
        if rounded.abs() <= MAX_EXACT as f64 {
            if rounded < 0.0 {
                self.out.push('-');
            }
            self.unsigned(rounded.abs() as u64);
        } else {
            // Beyond 2^53 (no time or count the app keeps): the first 19 digits
            // and a power of ten, which keeps the 17 an f64 has.
            if rounded < 0.0 {
                self.out.push('-');
            }
            let (mut digits, mut power) = (rounded.abs(), 0);
            while digits >= 1e19 {
                digits /= 10.0;
                power += 1;
            }
            self.unsigned(digits as u64);
            if power > 0 {
                let _ = write!(self.out, "e{power}");
            }
        }
    }
}

impl ToJson for str {
    fn write_json(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl ToJson for String {
    fn write_json(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl ToJson for bool {
    fn write_json(&self, w: &mut Writer) {
        w.out.push_str(if *self { "true" } else { "false" });
    }
}

impl ToJson for f64 {
    fn write_json(&self, w: &mut Writer) {
        w.number(*self);
    }
}

impl ToJson for u64 {
    fn write_json(&self, w: &mut Writer) {
        w.unsigned(*self);
    }
}

impl ToJson for usize {
    fn write_json(&self, w: &mut Writer) {
        w.unsigned(*self as u64);
    }
}

impl ToJson for u32 {
    fn write_json(&self, w: &mut Writer) {
        w.unsigned(u64::from(*self));
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, w: &mut Writer) {
        match self {
            Some(v) => v.write_json(w),
            None => w.out.push_str("null"),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, w: &mut Writer) {
        w.begin_array();
        for item in self {
            w.item();
            item.write_json(w);
        }
        w.end_array();
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, w: &mut Writer) {
        self.as_slice().write_json(w);
    }
}

impl<A: ToJson, B: ToJson> ToJson for (A, B) {
    fn write_json(&self, w: &mut Writer) {
        w.begin_array();
        w.item();
        self.0.write_json(w);
        w.item();
        self.1.write_json(w);
        w.end_array();
    }
}

impl<A: ToJson, B: ToJson, C: ToJson> ToJson for (A, B, C) {
    fn write_json(&self, w: &mut Writer) {
        w.begin_array();
        w.item();
        self.0.write_json(w);
        w.item();
        self.1.write_json(w);
        w.item();
        self.2.write_json(w);
        w.end_array();
    }
}

impl ToJson for Value<'_> {
    fn write_json(&self, w: &mut Writer) {
        match self {
            Value::Null => w.out.push_str("null"),
            Value::Bool(b) => b.write_json(w),
            Value::Number(n) => w.number(*n),
            Value::String(s) => w.string(s),
            Value::Array(items) => items.write_json(w),
            Value::Object(members) => {
                w.begin_object();
                for (k, v) in members {
                    w.field(k, v);
                }
                w.end_object();
            }
        }
    }
}

impl ToJson for Raw {
    fn write_json(&self, w: &mut Writer) {
        self.0.write_json(w);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// serde_json's value for ours, to compare the two readers.
    fn to_serde(value: &Value<'_>) -> serde_json::Value {
        match value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => serde_json::json!(*n),
            Value::String(s) => serde_json::Value::String(s.to_string()),
            Value::Array(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
            Value::Object(members) => serde_json::Value::Object(
                members
                    .iter()
                    .map(|(k, v)| (k.to_string(), to_serde(v)))
                    .collect(),
            ),
        }
    }

    /// serde_json's value with every number as an f64 (ours has no other kind).
    fn as_floats(value: &serde_json::Value) -> serde_json::Value {
        match value {
            serde_json::Value::Number(n) => serde_json::json!(n.as_f64().unwrap_or(f64::NAN)),
            serde_json::Value::Array(items) => {
                serde_json::Value::Array(items.iter().map(as_floats).collect())
            }
            serde_json::Value::Object(members) => serde_json::Value::Object(
                members
                    .iter()
                    .map(|(k, v)| (k.clone(), as_floats(v)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            (0u64..=(1 << 53)).prop_map(|n| serde_json::json!(n)),
            (0u64..=(1 << 53)).prop_map(|n| serde_json::json!(n as f64)),
            any::<i32>().prop_map(|n| serde_json::json!(n)),
            any::<String>().prop_map(serde_json::Value::String),
            "[\"\\\\\u{0}-\u{1f}đĐ😀 ]{0,12}".prop_map(serde_json::Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
                prop::collection::btree_map(".{0,6}", inner, 0..6)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn reads_what_serde_json_writes(value in json_value()) {
            for text in [value.to_string(), serde_json::to_string_pretty(&value).unwrap()] {
                let ours = parse(&text).map_err(|e| TestCaseError::fail(e.0))?;
                prop_assert_eq!(to_serde(&ours), as_floats(&value));
            }
        }

        #[test]
        fn serde_json_reads_what_it_writes(value in json_value()) {
            let text = value.to_string();
            let ours = parse(&text).map_err(|e| TestCaseError::fail(e.0))?;
            for written in [to_string(&ours), to_string_pretty(&ours)] {
                let back: serde_json::Value = serde_json::from_str(&written)
                    .map_err(|e| TestCaseError::fail(format!("{e}: {written}")))?;
                prop_assert_eq!(as_floats(&back), as_floats(&value));
            }
        }

        #[test]
        fn the_stream_reads_what_the_tree_reads(value in json_value()) {
            for text in [value.to_string(), serde_json::to_string_pretty(&value).unwrap()] {
                prop_assert_eq!(stream_parse(&text), parse(&text));
            }
        }

        #[test]
        fn the_stream_never_panics_and_refuses_what_the_tree_refuses(text in ".{0,40}|[\\[\\]{}\",:0-9.eE+\\- \\\\ntrufalsn]{0,40}") {
            prop_assert_eq!(stream_parse(&text).is_ok(), parse(&text).is_ok());
        }

        #[test]
        fn never_panics_and_agrees_on_what_is_json(text in ".{0,40}|[\\[\\]{}\",:0-9.eE+\\- \\\\ntrufalsn]{0,40}") {
            let ours = parse(&text);
            let theirs = serde_json::from_str::<serde_json::Value>(&text);
            prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?} {:?}", ours, theirs);
        }
    }

    /// A value rebuilt through the stream's objects and arrays (leaves as trees).
    fn through_stream<'a>(s: &mut Stream<'a>) -> Result<Value<'a>, Error> {
        match s.bytes.get(s.at) {
            Some(b'{') => {
                let mut members = Vec::new();
                s.object(|s, key| {
                    let key = Cow::Owned(key.to_string());
                    members.push((key, through_stream(s)?));
                    Ok(())
                })?;
                Ok(Value::Object(members))
            }
            Some(b'[') => {
                let mut items = Vec::new();
                s.array(|s| {
                    items.push(through_stream(s)?);
                    Ok(())
                })?;
                Ok(Value::Array(items))
            }
            _ => s.value(),
        }
    }

    fn stream_parse(text: &str) -> Result<Value<'_>, Error> {
        let mut s = Stream::new(text);
        let v = through_stream(&mut s)?;
        s.end()?;
        Ok(v)
    }

    #[test]
    fn pretty_output_is_serde_jsons_for_whole_numbers() {
        // Keys in order: serde_json's map sorts them.
        let text = r#"{"drafts":[{"history":[],"id":"a","rev":2}],"empty":{},"format":"kehoach-backup","schema":3}"#;
        let value = parse(text).unwrap();
        let serde: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(
            to_string_pretty(&value),
            serde_json::to_string_pretty(&serde).unwrap()
        );
        assert_eq!(to_string(&value), serde.to_string());
    }

    #[test]
    fn numbers_as_serde_json_writes_them_are_exact() {
        for (text, n) in [
            ("1733212345678.0", 1_733_212_345_678.0),
            ("-0.5", -0.5),
            ("1e3", 1000.0),
            ("12.50", 12.5),
            ("9007199254740992", 9_007_199_254_740_992.0),
            ("0.1", 0.1),
            ("0", 0.0),
        ] {
            assert_eq!(parse(text), Ok(Value::Number(n)), "{text}");
        }
        for n in [1_733_212_345_678.0, 1e25, -3.0e200, 2f64.powi(60)] {
            let mut w = Writer::new(false);
            w.number(n);
            let written = w.finish();
            let back: f64 = serde_json::from_str(&written).unwrap();
            assert!((back - n).abs() <= n.abs() * 1e-15, "{n} written {written}");
        }
        let mut w = Writer::new(false);
        w.number(1_733_212_345_678.0);
        assert_eq!(w.finish(), "1733212345678");
    }

    #[test]
    fn errors_say_where_and_what() {
        assert_eq!(
            parse("").unwrap_err().0,
            "EOF while parsing: expected value"
        );
        assert_eq!(
            parse("{\n  \"a\": x}").unwrap_err().0,
            "expected value at line 2 column 8"
        );
        assert_eq!(
            parse("[1] 2").unwrap_err().0,
            "trailing characters at line 1 column 5"
        );
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert!(parse(&deep)
            .unwrap_err()
            .0
            .starts_with("recursion limit exceeded"));
        let v = parse(r#"{"rev":"2"}"#).unwrap();
        assert_eq!(
            field::<u64>(&v, "rev").unwrap_err().0,
            "invalid type: a string, expected a whole number (field `rev`)"
        );
        assert_eq!(
            field::<String>(&v, "id").unwrap_err().0,
            "missing field `id`"
        );
        assert_eq!(field::<Option<String>>(&v, "id"), Ok(None));
    }

    #[test]
    fn strings_without_escapes_are_borrowed() {
        let Ok(Value::Array(items)) = parse(r#"["plain đ", "a\nb"]"#) else {
            panic!("an array")
        };
        assert!(matches!(&items[0], Value::String(Cow::Borrowed("plain đ"))));
        assert!(matches!(&items[1], Value::String(Cow::Owned(s)) if s == "a\nb"));
    }
}
