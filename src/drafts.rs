//! The drafts a drafter keeps in this browser: their records, history (snapshots),
//! trash, schema migrations, backup and the rules that keep every one of them.
//!
//! Pure Rust over a [`Backend`] (localStorage in the page, a map in tests), with
//! time and randomness passed in, so every rule below is unit-tested natively.
//!
//! Layout (schema 2), one key per draft so a save writes only what changed:
//!
//! | key                          | value                                       |
//! |------------------------------|---------------------------------------------|
//! | `kehoach.schema`             | `2`                                         |
//! | `kehoach.v2.index`           | `{"last_open": id}`                         |
//! | `kehoach.v2.draft.<id>`      | a [`Draft`] (text and its metadata)         |
//! | `kehoach.v2.history.<id>`    | its [`Snapshot`]s, oldest first             |
//! | `kehoach.quarantine.<t>.<key>` | a damaged entry, set aside as it was      |
//!
//! Schema 1 (the first release) kept one text under `kehoach.v1.draft`; [`Store::load`]
//! migrates it. The rules that matter most: a draft is never deleted to make room
//! (only snapshots are), a damaged entry is moved aside, never dropped, and a save
//! never overwrites a version of the draft it has not seen (another tab's).

use crate::storage::{Backend, StorageError};
use kehoach_core::json::{self, field, field_or_default, FromJson, Raw, ToJson, Value, Writer};
use kehoach_core::order;

pub const SCHEMA: u32 = 2;
pub const SCHEMA_KEY: &str = "kehoach.schema";
pub const INDEX_KEY: &str = "kehoach.v2.index";
pub const DRAFT_PREFIX: &str = "kehoach.v2.draft.";
pub const HISTORY_PREFIX: &str = "kehoach.v2.history.";
pub const QUARANTINE_PREFIX: &str = "kehoach.quarantine.";
/// Schema 1's only key: the text of the one draft, as a JSON string.
pub const V1_DRAFT_KEY: &str = "kehoach.v1.draft";

/// Snapshots kept per draft, and their total size (UTF-16 units, what the quota
/// counts): the oldest go first.
pub const MAX_SNAPSHOTS: usize = 30;
pub const MAX_HISTORY_UNITS: usize = 1_500_000;
/// While editing, a snapshot is taken when the last one is older than this.
pub const AUTO_SNAPSHOT_MS: f64 = 5.0 * 60.0 * 1000.0;

pub const BACKUP_FORMAT: &str = "kehoach-backup";

pub fn draft_key(id: &str) -> String {
    format!("{DRAFT_PREFIX}{id}")
}
pub fn history_key(id: &str) -> String {
    format!("{HISTORY_PREFIX}{id}")
}

/// One draft: its text and what the drafts list shows of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub id: String,
    /// A name the user gave it; else the list shows `title`.
    pub name: Option<String>,
    pub text: String,
    /// Milliseconds since 1970 (JavaScript time).
    pub created: f64,
    pub updated: f64,
    /// Bumped by every write; a save names the revision it started from.
    pub rev: u64,
    /// When it went to the trash.
    pub deleted: Option<f64>,
    /// The summary (trích yếu), else the first line: computed by whoever saves.
    pub title: String,
    /// Errors found when it was last saved.
    pub errors: usize,
    /// Findings the user dismissed in this draft ("Bỏ qua").
    pub dismissed: Vec<crate::dismiss::Dismissal>,
}

impl Draft {
    pub fn new(id: String, text: String, now: f64) -> Self {
        let mut d = Draft {
            id,
            name: None,
            text,
            created: now,
            updated: now,
            rev: 0,
            deleted: None,
            title: String::new(),
            errors: 0,
            dismissed: Vec::new(),
        };
        d.refresh_summary();
        d
    }

    /// Title and error count from the text (parses and validates it once).
    pub fn refresh_summary(&mut self) {
        let report = kehoach_core::check(&self.text);
        self.title = title_of(report.plan.summary(), &self.text);
        self.errors = report.count(kehoach_core::diagnostics::Severity::Error);
    }

    /// What the list calls it: the user's name, the title, or nothing (the page
    /// then says "empty draft").
    pub fn label(&self) -> &str {
        self.name
            .as_deref()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or(&self.title)
    }
}

/// A draft's title: its plan's summary (trích yếu, `Plan::summary`), else its
/// first non-blank line, shortened.
pub fn title_of(summary: Option<&str>, text: &str) -> String {
    let title = summary.unwrap_or_else(|| {
        text.lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
    });
    shorten(title, 120)
}

fn shorten(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

/// A past version of a draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub at: f64,
    pub text: String,
    /// Taken on request (Ctrl+S), not automatically.
    pub manual: bool,
}

#[derive(Debug, Default)]
struct Index {
    last_open: Option<String>,
}

/// What [`Store::load`] found.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Every draft, trash included, most recently changed first.
    pub drafts: Vec<Draft>,
    pub last_open: Option<String>,
    /// Keys of damaged entries, as set aside (or left in place when even that failed).
    pub quarantined: Vec<String>,
    /// The schema the storage was migrated from, if it was.
    pub migrated_from: Option<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    /// The stored draft changed under us (another tab) in its text: theirs.
    Conflict(Box<Draft>),
    Storage(StorageError),
}

impl From<StorageError> for SaveError {
    fn from(e: StorageError) -> Self {
        SaveError::Storage(e)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupError {
    /// Not JSON, or JSON not shaped as a backup.
    Malformed(String),
    /// JSON, but not a kehoach backup (another program's file, a plan export…).
    Foreign,
    /// A backup from a newer version of the app.
    Newer(u32),
    Storage(StorageError),
}

impl BackupError {
    pub fn message(&self, lang: kehoach_core::diagnostics::Lang) -> String {
        use kehoach_core::diagnostics::Lang::*;
        match (self, lang) {
            (BackupError::Malformed(why), Vi) => format!("Tệp sao lưu bị hỏng, không nhập được gì: {why}"),
            (BackupError::Malformed(why), En) => format!("The backup file is damaged; nothing was imported: {why}"),
            (BackupError::Foreign, Vi) => "Đây không phải tệp sao lưu của ứng dụng Kế hoạch (để mở một văn bản, dùng “Mở tệp”).".into(),
            (BackupError::Foreign, En) => "This is not a Kế hoạch backup file (to open a document, use “Open file”).".into(),
            (BackupError::Newer(n), Vi) => format!("Tệp sao lưu của phiên bản mới hơn (lược đồ {n}); hãy cập nhật ứng dụng."),
            (BackupError::Newer(n), En) => format!("The backup is from a newer version (schema {n}); update the app."),
            (BackupError::Storage(e), lang) => e.message(lang),
        }
    }
}

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// Drafts new to this browser.
    pub added: usize,
    /// Drafts already here with the same text (only their history was merged).
    pub unchanged: usize,
    /// Drafts here with another text: the backup's kept beside it as a new draft.
    pub copies: usize,
    /// The rule settings and office profiles the backup carries, for the page.
    pub carried: Carried,
}

/// What a backup carries besides the drafts: this browser's rule settings and its
/// office profiles, as their JSON.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Carried {
    pub settings: Option<String>,
    pub profiles: Option<String>,
}

struct Backup {
    format: String,
    schema: u32,
    exported: f64,
    drafts: Vec<BackupEntry>,
    /// The browser's rule settings (`kehoach_core::settings`), when it has some.
    settings: Option<Raw>,
    /// The browser's office profiles (`profiles::ProfileBook`), when it has some.
    profiles: Option<Raw>,
}

struct BackupEntry {
    draft: Draft,
    history: Vec<Snapshot>,
}

/// A fresh draft id: time and a random salt, so two tabs creating drafts in the same
/// millisecond still differ.
pub fn new_id(now: f64, salt: u32) -> String {
    format!("{:x}-{:08x}", now.max(0.0) as u64, salt)
}

fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

pub struct Store {
    backend: Box<dyn Backend>,
}

impl Store {
    pub fn new(backend: Box<dyn Backend>) -> Self {
        Store { backend }
    }

    /// Migrates older schemas, sets damaged entries aside, and returns every draft.
    /// Fails only when the storage cannot be read at all or belongs to a newer app.
    pub fn load(&self, now: f64) -> Result<Loaded, StorageError> {
        let mut loaded = Loaded::default();
        let schema = match self.backend.get(SCHEMA_KEY)? {
            Some(s) => s.trim().parse::<u32>().unwrap_or(0),
            None if self.backend.get(V1_DRAFT_KEY)?.is_some() => 1,
            None => SCHEMA,
        };
        if schema > SCHEMA {
            return Err(StorageError::NewerSchema(schema));
        }
        if schema < SCHEMA {
            self.migrate(schema, now, &mut loaded)?;
            loaded.migrated_from = Some(schema);
        }
        self.backend.set(SCHEMA_KEY, &SCHEMA.to_string())?;

        for key in self.backend.keys()? {
            let Some(id) = key.strip_prefix(DRAFT_PREFIX) else {
                continue;
            };
            match self.read_key(&key) {
                Ok(Some(d)) if d.id == id => loaded.drafts.push(d),
                Ok(None) => {}
                Ok(Some(_)) | Err(_) => loaded.quarantined.push(self.quarantine(&key, now)),
            }
        }
        order::sort_by(&mut loaded.drafts, |a, b| {
            b.updated.total_cmp(&a.updated).is_lt()
        });
        match self.backend.get(INDEX_KEY)? {
            None => {}
            Some(raw) => match json::from_str::<Index>(&raw) {
                Ok(index) => loaded.last_open = index.last_open,
                Err(_) => loaded.quarantined.push(self.quarantine(INDEX_KEY, now)),
            },
        }
        Ok(loaded)
    }

    /// Brings an older layout to the current one, one schema at a time.
    fn migrate(&self, from: u32, now: f64, loaded: &mut Loaded) -> Result<(), StorageError> {
        if from <= 1 {
            // Schema 1: one text, stored as a JSON string.
            if let Some(raw) = self.backend.get(V1_DRAFT_KEY)? {
                match json::from_str::<String>(&raw) {
                    Ok(text) => {
                        let mut draft = Draft::new(new_id(now, 1), text, now);
                        draft.rev = 1;
                        self.backend.set(&draft_key(&draft.id), &to_json(&draft))?;
                        self.set_last_open(&draft.id)?;
                        self.backend.remove(V1_DRAFT_KEY)?;
                    }
                    Err(_) => loaded.quarantined.push(self.quarantine(V1_DRAFT_KEY, now)),
                }
            }
        }
        // A later schema adds its step here: `if from <= 2 { … }`.
        Ok(())
    }

    /// Moves a damaged entry to a quarantine key, as it was. If even that fails (a
    /// full storage), the entry stays where it is: skipped, never deleted.
    fn quarantine(&self, key: &str, now: f64) -> String {
        let Ok(Some(raw)) = self.backend.get(key) else {
            return key.to_string();
        };
        let aside = format!("{QUARANTINE_PREFIX}{}.{key}", now as u64);
        if self.backend.set(&aside, &raw).is_ok() {
            let _ = self.backend.remove(key);
            aside
        } else {
            key.to_string()
        }
    }

    fn read_key(&self, key: &str) -> Result<Option<Draft>, StorageError> {
        match self.backend.get(key)? {
            None => Ok(None),
            Some(raw) => json::from_str(&raw)
                .map(Some)
                .map_err(|e| StorageError::Corrupted(format!("{key}: {e}"))),
        }
    }

    pub fn read(&self, id: &str) -> Result<Option<Draft>, StorageError> {
        self.read_key(&draft_key(id))
    }

    /// Saves `draft`, which was edited from revision `base_rev` whose text was
    /// `base_text`. If the stored draft moved on meanwhile (another tab) only in its
    /// name or trash state, those are kept; if its text moved on, nothing is written
    /// and theirs is returned as a conflict. Returns the draft as stored.
    pub fn save(&self, draft: &Draft, base_rev: u64, base_text: &str) -> Result<Draft, SaveError> {
        let mut next = draft.clone();
        match self.read(&draft.id) {
            Ok(Some(stored)) if stored.rev != base_rev => {
                if stored.text != base_text && stored.text != draft.text {
                    return Err(SaveError::Conflict(Box::new(stored)));
                }
                next.name = stored.name.clone();
                next.deleted = stored.deleted;
                next.rev = stored.rev + 1;
            }
            Ok(Some(_)) | Ok(None) => next.rev = base_rev + 1,
            // A damaged record under our draft: ours is the good copy; set it aside
            // and write ours.
            Err(StorageError::Corrupted(_)) => {
                self.quarantine(&draft_key(&draft.id), draft.updated);
                next.rev = base_rev + 1;
            }
            Err(e) => return Err(e.into()),
        }
        self.write_with_room(&draft_key(&next.id), &to_json(&next))?;
        Ok(next)
    }

    /// Writes a draft as it is (a new one, a rename, the trash, an import), making
    /// room from history if the storage is full.
    pub fn put(&self, draft: &Draft) -> Result<(), StorageError> {
        self.write_with_room(&draft_key(&draft.id), &to_json(draft))
    }

    /// Writes, and on a full storage removes the oldest snapshot anywhere and tries
    /// again, until it fits or no snapshot is left. Drafts are never removed.
    fn write_with_room(&self, key: &str, value: &str) -> Result<(), StorageError> {
        loop {
            match self.backend.set(key, value) {
                Err(StorageError::QuotaExceeded) => {
                    if !self.prune_oldest_snapshot()? {
                        return Err(StorageError::QuotaExceeded);
                    }
                }
                other => return other,
            }
        }
    }

    /// Removes the oldest snapshot of all drafts; false when there is none.
    pub fn prune_oldest_snapshot(&self) -> Result<bool, StorageError> {
        let mut oldest: Option<(f64, String, Vec<Snapshot>)> = None;
        for key in self.backend.keys()? {
            if !key.starts_with(HISTORY_PREFIX) {
                continue;
            }
            let history: Vec<Snapshot> = match self.backend.get(&key)? {
                Some(raw) => json::from_str(&raw).unwrap_or_default(),
                None => continue,
            };
            // An unreadable history is worth nothing to prune but its room.
            let first = history.first().map_or(f64::MIN, |s| s.at);
            if oldest.as_ref().is_none_or(|(at, _, _)| first < *at) {
                oldest = Some((first, key, history));
            }
        }
        let Some((_, key, mut history)) = oldest else {
            return Ok(false);
        };
        if history.len() <= 1 {
            self.backend.remove(&key)?;
        } else {
            history.remove(0);
            // Shrinking a value frees room, so this write fits.
            self.backend.set(&key, &to_json(&history))?;
        }
        Ok(true)
    }

    /// A draft's snapshots, oldest first. A damaged history is set aside.
    pub fn history(&self, id: &str, now: f64) -> Vec<Snapshot> {
        let key = history_key(id);
        match self.backend.get(&key) {
            Ok(Some(raw)) => json::from_str(&raw).unwrap_or_else(|_| {
                self.quarantine(&key, now);
                Vec::new()
            }),
            _ => Vec::new(),
        }
    }

    /// Adds a snapshot, keeping the history within its bounds (the oldest go).
    /// A snapshot equal to the newest is not repeated. On a full storage the
    /// history is shortened until it fits, and the error returned if it never does.
    pub fn add_snapshot(&self, id: &str, snapshot: Snapshot) -> Result<(), StorageError> {
        let mut history = self.history(id, snapshot.at);
        if history.last().is_some_and(|s| s.text == snapshot.text) {
            if snapshot.manual {
                if let Some(last) = history.last_mut() {
                    last.manual = true;
                    last.at = snapshot.at;
                }
            } else {
                return Ok(());
            }
        } else {
            history.push(snapshot);
        }
        bound_history(&mut history);
        let key = history_key(id);
        loop {
            match self.backend.set(&key, &to_json(&history)) {
                Err(StorageError::QuotaExceeded) if history.len() > 1 => {
                    history.remove(0);
                }
                other => return other,
            }
        }
    }

    /// Removes a draft for good, with its history (emptying the trash).
    pub fn purge(&self, id: &str) -> Result<(), StorageError> {
        self.backend.remove(&history_key(id))?;
        self.backend.remove(&draft_key(id))
    }

    pub fn set_last_open(&self, id: &str) -> Result<(), StorageError> {
        let index = Index {
            last_open: Some(id.to_string()),
        };
        self.backend.set(INDEX_KEY, &to_json(&index))
    }

    /// Every draft with its history, as one JSON document. `unsaved` is a draft as
    /// the page holds it, newer than its stored copy (a full storage refused it):
    /// the backup carries that version.
    pub fn backup(
        &self,
        now: f64,
        unsaved: Option<&Draft>,
        carried: &Carried,
    ) -> Result<String, StorageError> {
        let mut drafts = Vec::new();
        for key in self.backend.keys()? {
            if let Some(id) = key.strip_prefix(DRAFT_PREFIX) {
                if let Ok(Some(draft)) = self.read_key(&key) {
                    let history = self.history(id, now);
                    drafts.push(BackupEntry { draft, history });
                }
            }
        }
        if let Some(newer) = unsaved {
            drafts.retain(|e| e.draft.id != newer.id);
            let history = self.history(&newer.id, now);
            drafts.push(BackupEntry {
                draft: newer.clone(),
                history,
            });
        }
        order::sort_by(&mut drafts, |a, b| {
            b.draft.updated.total_cmp(&a.draft.updated).is_lt()
        });
        let backup = Backup {
            format: BACKUP_FORMAT.into(),
            schema: SCHEMA,
            exported: now,
            drafts,
            settings: carried
                .settings
                .as_deref()
                .and_then(|s| json::from_str(s).ok()),
            profiles: carried
                .profiles
                .as_deref()
                .and_then(|s| json::from_str(s).ok()),
        };
        Ok(json::to_string_pretty(&backup))
    }

    /// Merges a backup into this storage. A draft already here with the same text
    /// gains the backup's snapshots it lacks; with another text, the backup's is
    /// added beside it under a new id. Nothing here is overwritten.
    pub fn import(&self, json: &str, now: f64, salt: u32) -> Result<ImportReport, BackupError> {
        let value = json::parse(json).map_err(|e| BackupError::Malformed(e.to_string()))?;
        if value.get("format").and_then(Value::as_str) != Some(BACKUP_FORMAT) {
            return Err(BackupError::Foreign);
        }
        if let Some(&Value::Number(schema)) = value.get("schema") {
            if schema > f64::from(SCHEMA) {
                return Err(BackupError::Newer(schema.min(f64::from(u32::MAX)) as u32));
            }
        }
        let backup =
            Backup::from_json(&value).map_err(|e| BackupError::Malformed(e.to_string()))?;
        let mut report = ImportReport {
            carried: Carried {
                settings: backup.settings.as_ref().map(json::to_string),
                profiles: backup.profiles.as_ref().map(json::to_string),
            },
            ..ImportReport::default()
        };
        for (n, entry) in backup.drafts.into_iter().enumerate() {
            let BackupEntry { mut draft, history } = entry;
            if draft.id.is_empty() || draft.id.contains(char::is_whitespace) {
                draft.id = new_id(now, salt.wrapping_add(n as u32));
            }
            let existing = self.read(&draft.id).ok().flatten();
            // Where the backup's text already is: under its own id, or in a copy an
            // earlier import of this same file made (found by creation time and text).
            let already_here = match &existing {
                Some(here) if here.text == draft.text => Some(draft.id.clone()),
                Some(_) => self
                    .all_drafts()
                    .into_iter()
                    .find(|d| d.created == draft.created && d.text == draft.text)
                    .map(|copy| copy.id),
                None => None,
            };
            match (existing, already_here) {
                (_, Some(id)) => {
                    self.merge_history(&id, history, now)?;
                    report.unchanged += 1;
                }
                (Some(_), None) => {
                    draft.id = new_id(now, salt.wrapping_add(n as u32));
                    self.put(&draft).map_err(BackupError::Storage)?;
                    self.merge_history(&draft.id, history, now)?;
                    report.copies += 1;
                }
                (None, None) => {
                    self.put(&draft).map_err(BackupError::Storage)?;
                    self.merge_history(&draft.id, history, now)?;
                    report.added += 1;
                }
            }
        }
        Ok(report)
    }

    fn all_drafts(&self) -> Vec<Draft> {
        self.backend
            .keys()
            .unwrap_or_default()
            .iter()
            .filter(|k| k.starts_with(DRAFT_PREFIX))
            .filter_map(|k| self.read_key(k).ok().flatten())
            .collect()
    }

    fn merge_history(&self, id: &str, theirs: Vec<Snapshot>, now: f64) -> Result<(), BackupError> {
        if theirs.is_empty() {
            return Ok(());
        }
        let mut history = self.history(id, now);
        for s in theirs {
            if !history.iter().any(|h| h.at == s.at && h.text == s.text) {
                history.push(s);
            }
        }
        order::sort_by(&mut history, |a, b| a.at.total_cmp(&b.at).is_lt());
        bound_history(&mut history);
        self.backend
            .set(&history_key(id), &to_json(&history))
            .map_err(BackupError::Storage)
    }
}

/// Drops the oldest snapshots beyond the count and size bounds (the newest stays).
fn bound_history(history: &mut Vec<Snapshot>) {
    while history.len() > MAX_SNAPSHOTS
        || (history.len() > 1
            && history.iter().map(|s| units(&s.text)).sum::<usize>() > MAX_HISTORY_UNITS)
    {
        history.remove(0);
    }
}

fn to_json<T: ToJson + ?Sized>(value: &T) -> String {
    json::to_string(value)
}

// The stored forms, through `kehoach_core::json` (serde's reader put a copy of
// itself per type in the page's wasm). The names and the optional fields are those
// serde kept: every browser's drafts and every backup so far read as they were.

impl FromJson for Draft {
    fn from_json(value: &Value<'_>) -> Result<Self, json::Error> {
        Ok(Draft {
            id: field(value, "id")?,
            name: field(value, "name")?,
            text: field(value, "text")?,
            created: field(value, "created")?,
            updated: field(value, "updated")?,
            rev: field(value, "rev")?,
            deleted: field(value, "deleted")?,
            title: field_or_default(value, "title")?,
            errors: field_or_default(value, "errors")?,
            dismissed: field_or_default(value, "dismissed")?,
        })
    }
}

impl ToJson for Draft {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("id", &self.id);
        if let Some(name) = &self.name {
            w.field("name", name);
        }
        w.field("text", &self.text);
        w.field("created", &self.created);
        w.field("updated", &self.updated);
        w.field("rev", &self.rev);
        if let Some(deleted) = &self.deleted {
            w.field("deleted", deleted);
        }
        w.field("title", &self.title);
        w.field("errors", &self.errors);
        if !self.dismissed.is_empty() {
            w.field("dismissed", &self.dismissed);
        }
        w.end_object();
    }
}

impl FromJson for Snapshot {
    fn from_json(value: &Value<'_>) -> Result<Self, json::Error> {
        Ok(Snapshot {
            at: field(value, "at")?,
            text: field(value, "text")?,
            manual: field_or_default(value, "manual")?,
        })
    }
}

impl ToJson for Snapshot {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("at", &self.at);
        w.field("text", &self.text);
        w.field("manual", &self.manual);
        w.end_object();
    }
}

impl FromJson for Index {
    fn from_json(value: &Value<'_>) -> Result<Self, json::Error> {
        Ok(Index {
            last_open: field(json::expect_object(value)?, "last_open")?,
        })
    }
}

impl ToJson for Index {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("last_open", &self.last_open);
        w.end_object();
    }
}

impl FromJson for Backup {
    fn from_json(value: &Value<'_>) -> Result<Self, json::Error> {
        Ok(Backup {
            format: field(value, "format")?,
            schema: field(value, "schema")?,
            exported: field(value, "exported")?,
            drafts: field(value, "drafts")?,
            settings: field(value, "settings")?,
            profiles: field(value, "profiles")?,
        })
    }
}

impl ToJson for Backup {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("format", &self.format);
        w.field("schema", &self.schema);
        w.field("exported", &self.exported);
        w.field("drafts", &self.drafts);
        if let Some(settings) = &self.settings {
            w.field("settings", settings);
        }
        if let Some(profiles) = &self.profiles {
            w.field("profiles", profiles);
        }
        w.end_object();
    }
}

impl FromJson for BackupEntry {
    fn from_json(value: &Value<'_>) -> Result<Self, json::Error> {
        Ok(BackupEntry {
            draft: field(value, "draft")?,
            history: field_or_default(value, "history")?,
        })
    }
}

impl ToJson for BackupEntry {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("draft", &self.draft);
        w.field("history", &self.history);
        w.end_object();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::Memory;
    use std::rc::Rc;

    /// A Memory backend the test can still look into after the store takes it.
    struct Shared(Rc<Memory>);
    impl Backend for Shared {
        fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
            self.0.get(key)
        }
        fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
            self.0.set(key, value)
        }
        fn remove(&self, key: &str) -> Result<(), StorageError> {
            self.0.remove(key)
        }
        fn keys(&self) -> Result<Vec<String>, StorageError> {
            self.0.keys()
        }
    }

    fn store_over(memory: Memory) -> (Store, Rc<Memory>) {
        let rc = Rc::new(memory);
        (Store::new(Box::new(Shared(rc.clone()))), rc)
    }

    const PLAN: &str = "ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU\n\nKẾ HOẠCH\nTriển khai công tác chuyển đổi số năm 2024\n\nI. MỤC ĐÍCH\n";

    #[test]
    fn title_is_the_summary_else_the_first_line() {
        let d = Draft::new("a".into(), PLAN.into(), 1.0);
        assert_eq!(d.title, "Triển khai công tác chuyển đổi số năm 2024");
        let d = Draft::new("b".into(), "\n  Ghi chú họp giao ban\nnội dung".into(), 1.0);
        assert_eq!(d.title, "Ghi chú họp giao ban");
        let mut d = Draft::new("c".into(), String::new(), 1.0);
        assert_eq!(d.label(), "");
        d.name = Some("Kế hoạch chuyển đổi số".into());
        assert_eq!(d.label(), "Kế hoạch chuyển đổi số");
    }

    #[test]
    fn drafts_round_trip_and_list_newest_first() {
        let (store, _) = store_over(Memory::default());
        let a = Draft::new("a".into(), PLAN.into(), 10.0);
        let mut b = Draft::new("b".into(), "KẾ HOẠCH\nHai\n".into(), 20.0);
        store.put(&a).unwrap();
        store.put(&b).unwrap();
        b.text.push_str("thêm\n");
        let saved = store.save(&b, 0, "KẾ HOẠCH\nHai\n").unwrap();
        assert_eq!(saved.rev, 1);
        store.set_last_open("b").unwrap();
        let loaded = store.load(30.0).unwrap();
        assert_eq!(
            loaded
                .drafts
                .iter()
                .map(|d| d.id.as_str())
                .collect::<Vec<_>>(),
            ["b", "a"]
        );
        assert_eq!(loaded.drafts[0].text, "KẾ HOẠCH\nHai\nthêm\n");
        assert_eq!(loaded.last_open.as_deref(), Some("b"));
        assert!(loaded.quarantined.is_empty());
    }

    #[test]
    fn schema_1_draft_migrates_once_and_the_old_key_goes() {
        let (store, mem) = store_over(Memory::default());
        mem.set(V1_DRAFT_KEY, &serde_json::to_string(PLAN).unwrap())
            .unwrap();
        let loaded = store.load(1000.0).unwrap();
        assert_eq!(loaded.migrated_from, Some(1));
        assert_eq!(loaded.drafts.len(), 1);
        assert_eq!(loaded.drafts[0].text, PLAN);
        assert_eq!(
            loaded.last_open.as_deref(),
            Some(loaded.drafts[0].id.as_str())
        );
        assert_eq!(mem.get(V1_DRAFT_KEY).unwrap(), None);
        assert_eq!(mem.get(SCHEMA_KEY).unwrap().as_deref(), Some("2"));
        let again = store.load(2000.0).unwrap();
        assert_eq!(again.migrated_from, None);
        assert_eq!(again.drafts, loaded.drafts);
    }

    #[test]
    fn damaged_schema_1_draft_is_set_aside() {
        let (store, mem) = store_over(Memory::default());
        mem.set(V1_DRAFT_KEY, "{not a string").unwrap();
        let loaded = store.load(5.0).unwrap();
        assert!(loaded.drafts.is_empty());
        assert_eq!(loaded.quarantined.len(), 1);
        assert_eq!(
            mem.get(&loaded.quarantined[0]).unwrap().as_deref(),
            Some("{not a string")
        );
    }

    #[test]
    fn newer_schema_is_left_untouched() {
        let (store, mem) = store_over(Memory::default());
        mem.set(SCHEMA_KEY, "3").unwrap();
        mem.set(&draft_key("x"), "{\"future\":true}").unwrap();
        assert_eq!(store.load(1.0).unwrap_err(), StorageError::NewerSchema(3));
        assert!(mem.get(&draft_key("x")).unwrap().is_some());
    }

    #[test]
    fn a_damaged_draft_is_quarantined_and_the_others_load() {
        let (store, mem) = store_over(Memory::default());
        store
            .put(&Draft::new("good".into(), PLAN.into(), 1.0))
            .unwrap();
        mem.set(&draft_key("bad"), "{\"id\":\"bad\",\"text\":")
            .unwrap();
        mem.set(INDEX_KEY, "[[[").unwrap();
        let loaded = store.load(77.0).unwrap();
        assert_eq!(loaded.drafts.len(), 1);
        assert_eq!(loaded.drafts[0].id, "good");
        assert_eq!(loaded.quarantined.len(), 2);
        let aside = format!("{QUARANTINE_PREFIX}77.{}", draft_key("bad"));
        assert!(loaded.quarantined.contains(&aside));
        assert_eq!(
            mem.get(&aside).unwrap().as_deref(),
            Some("{\"id\":\"bad\",\"text\":")
        );
        assert_eq!(mem.get(&draft_key("bad")).unwrap(), None);
    }

    #[test]
    fn a_save_never_overwrites_another_tabs_text() {
        let (store, _) = store_over(Memory::default());
        let base = Draft::new("a".into(), "gốc\n".into(), 1.0);
        store.put(&base).unwrap();
        // Tab 1 saves from rev 0.
        let mut one = base.clone();
        one.text = "tab một\n".into();
        let one = store.save(&one, 0, "gốc\n").unwrap();
        // Tab 2, also from rev 0, has another text: a conflict, with tab 1's text.
        let mut two = base.clone();
        two.text = "tab hai\n".into();
        match store.save(&two, 0, "gốc\n") {
            Err(SaveError::Conflict(theirs)) => assert_eq!(theirs.text, "tab một\n"),
            other => panic!("expected a conflict, got {other:?}"),
        }
        assert_eq!(store.read("a").unwrap().unwrap(), one);
        // A rename elsewhere (same text) is not a conflict, and the name is kept.
        let mut renamed = one.clone();
        renamed.name = Some("Tên mới".into());
        renamed.rev += 1;
        store.put(&renamed).unwrap();
        let mut mine = one.clone();
        mine.text = "tab một, sửa tiếp\n".into();
        let saved = store.save(&mine, one.rev, &one.text).unwrap();
        assert_eq!(saved.name.as_deref(), Some("Tên mới"));
        assert_eq!(saved.rev, renamed.rev + 1);
    }

    #[test]
    fn full_storage_prunes_oldest_snapshots_first_never_drafts() {
        let (store, mem) = store_over(Memory::with_quota(4_000));
        let a = Draft::new("a".into(), "a".repeat(500), 1.0);
        let b = Draft::new("b".into(), "b".repeat(500), 1.0);
        store.put(&a).unwrap();
        store.put(&b).unwrap();
        for i in 0..3 {
            store
                .add_snapshot(
                    "a",
                    Snapshot {
                        at: 10.0 + f64::from(i),
                        text: format!("{i}").repeat(400),
                        manual: false,
                    },
                )
                .unwrap();
        }
        store
            .add_snapshot(
                "b",
                Snapshot {
                    at: 5.0,
                    text: "x".repeat(400),
                    manual: false,
                },
            )
            .unwrap();
        // Growing draft b needs room: b's snapshot (oldest, at 5) goes first, then a's.
        let mut bigger = b.clone();
        bigger.text = "b".repeat(2_000);
        store.save(&bigger, 0, &b.text).unwrap();
        assert_eq!(store.history("b", 0.0), vec![]);
        assert!(store.history("a", 0.0).len() < 3);
        assert_eq!(store.read("a").unwrap().unwrap().text, a.text);
        // Too big even with every snapshot gone: an error, both drafts intact.
        let mut huge = bigger.clone();
        huge.text = "b".repeat(10_000);
        assert_eq!(
            store.save(&huge, 1, &bigger.text),
            Err(SaveError::Storage(StorageError::QuotaExceeded))
        );
        assert_eq!(store.history("a", 0.0), vec![]);
        assert_eq!(store.read("b").unwrap().unwrap().text, bigger.text);
        assert_eq!(store.read("a").unwrap().unwrap().text, a.text);
        assert!(mem
            .keys()
            .unwrap()
            .iter()
            .all(|k| !k.starts_with(HISTORY_PREFIX)));
    }

    #[test]
    fn history_is_bounded_and_does_not_repeat() {
        let (store, _) = store_over(Memory::default());
        for i in 0..(MAX_SNAPSHOTS + 5) {
            store
                .add_snapshot(
                    "a",
                    Snapshot {
                        at: i as f64,
                        text: format!("bản {i}"),
                        manual: false,
                    },
                )
                .unwrap();
        }
        store
            .add_snapshot(
                "a",
                Snapshot {
                    at: 999.0,
                    text: format!("bản {}", MAX_SNAPSHOTS + 4),
                    manual: false,
                },
            )
            .unwrap();
        let h = store.history("a", 0.0);
        assert_eq!(h.len(), MAX_SNAPSHOTS);
        assert_eq!(h[0].text, "bản 5");
        assert_eq!(h.last().unwrap().at, (MAX_SNAPSHOTS + 4) as f64);
        let big = "x".repeat(MAX_HISTORY_UNITS / 2 + 1);
        for i in 0..3 {
            store
                .add_snapshot(
                    "b",
                    Snapshot {
                        at: f64::from(i),
                        text: format!("{i}{big}"),
                        manual: true,
                    },
                )
                .unwrap();
        }
        assert_eq!(store.history("b", 0.0).len(), 1);
    }

    /// What the serde-based versions of the app stored (whole `f64`s written with
    /// `.0`, optional fields left out, a dismissal without `nth`) and a backup they
    /// wrote read as they were meant; a draft written now reads in serde_json.
    #[test]
    fn drafts_and_backups_the_serde_versions_wrote_still_read() {
        let (store, mem) = store_over(Memory::default());
        mem.set(SCHEMA_KEY, "2").unwrap();
        let stored = r#"{"id":"a","text":"KẾ HOẠCH\nMột \"hai\"\n","created":1733212345678.0,"updated":1733212345999.0,"rev":3,"title":"Một","errors":2,"dismissed":[{"code":"KH401","text":"c)"}]}"#;
        mem.set(&draft_key("a"), stored).unwrap();
        mem.set(&history_key("a"), r#"[{"at":1733212340000.0,"text":"cũ"}]"#)
            .unwrap();
        mem.set(INDEX_KEY, r#"{"last_open":"a"}"#).unwrap();
        let loaded = store.load(1_733_212_400_000.0).unwrap();
        assert!(loaded.quarantined.is_empty(), "{:?}", loaded.quarantined);
        let draft = &loaded.drafts[0];
        assert_eq!(draft.text, "KẾ HOẠCH\nMột \"hai\"\n");
        assert_eq!(
            (draft.created, draft.updated, draft.rev),
            (1_733_212_345_678.0, 1_733_212_345_999.0, 3)
        );
        assert_eq!((draft.name.as_ref(), draft.deleted), (None, None));
        assert_eq!(draft.dismissed[0].nth, 0);
        assert_eq!(loaded.last_open.as_deref(), Some("a"));
        assert_eq!(store.history("a", 0.0)[0].text, "cũ");
        assert!(!store.history("a", 0.0)[0].manual);

        let written = to_json(draft);
        let by_serde: serde_json::Value = serde_json::from_str(&written).unwrap();
        assert_eq!(by_serde["created"].as_f64(), Some(1_733_212_345_678.0));
        assert_eq!(by_serde["dismissed"][0]["text"], "c)");
        assert!(by_serde.get("name").is_none() && by_serde.get("deleted").is_none());

        let backup = r#"{
  "format": "kehoach-backup",
  "schema": 2,
  "exported": 1733212400000.0,
  "drafts": [
    {
      "draft": {"id":"b","name":"Tên","text":"Hai\n","created":1.0,"updated":2.0,"rev":1,"deleted":3.0},
      "history": [{"at":1.5,"text":"Một\n","manual":true}]
    }
  ],
  "settings": {"rules": {"KH401": "off"}},
  "profiles": {"active": 0, "profiles": [{"name": "Xã A"}]}
}"#;
        let (fresh, _) = store_over(Memory::default());
        let report = fresh.import(backup, 10.0, 1).unwrap();
        assert_eq!(report.added, 1);
        assert_eq!(
            report.carried.settings.as_deref(),
            Some(r#"{"rules":{"KH401":"off"}}"#)
        );
        assert_eq!(
            report.carried.profiles.as_deref(),
            Some(r#"{"active":0,"profiles":[{"name":"Xã A"}]}"#)
        );
        let b = fresh.read("b").unwrap().unwrap();
        assert_eq!(
            (b.name.as_deref(), b.deleted, b.title.as_str()),
            (Some("Tên"), Some(3.0), "")
        );
        assert!(fresh.history("b", 0.0)[0].manual);
    }

    #[test]
    fn backup_then_import_into_an_empty_storage_gives_the_same_drafts() {
        let (store, _) = store_over(Memory::default());
        let mut a = Draft::new("a".into(), PLAN.into(), 1.0);
        a.name = Some("Chuyển đổi số".into());
        let mut b = Draft::new("b".into(), "Rác\n".into(), 2.0);
        b.deleted = Some(3.0);
        store.put(&a).unwrap();
        store.put(&b).unwrap();
        store
            .add_snapshot(
                "a",
                Snapshot {
                    at: 5.0,
                    text: "cũ".into(),
                    manual: true,
                },
            )
            .unwrap();
        let settings = r#"{"rules":{"KH401":"off"}}"#;
        let profiles = r#"{"active":0,"profiles":[{"name":"Xã A"}]}"#;
        let carried = Carried {
            settings: Some(settings.to_string()),
            profiles: Some(profiles.to_string()),
        };
        let json = store.backup(9.0, None, &carried).unwrap();

        let (fresh, _) = store_over(Memory::default());
        let report = fresh.import(&json, 10.0, 7).unwrap();
        assert_eq!(
            report,
            ImportReport {
                added: 2,
                unchanged: 0,
                copies: 0,
                carried: carried.clone(),
            }
        );
        let loaded = fresh.load(11.0).unwrap();
        let mut got = loaded.drafts.clone();
        kehoach_core::order::sort_by_key(&mut got, |x| x.id.clone());
        assert_eq!(got, vec![a.clone(), b]);
        assert_eq!(fresh.history("a", 0.0), store.history("a", 0.0));

        // Importing the same file again adds nothing.
        let again = fresh.import(&json, 12.0, 8).unwrap();
        assert_eq!(
            again,
            ImportReport {
                added: 0,
                unchanged: 2,
                copies: 0,
                carried: carried.clone(),
            }
        );
        assert_eq!(fresh.load(13.0).unwrap().drafts.len(), 2);
        assert_eq!(fresh.history("a", 0.0).len(), 1);

        // A draft changed here since: the backup's version comes in beside it.
        let mut changed = a.clone();
        changed.text.push_str("Thêm\n");
        fresh.save(&changed, 0, &a.text).unwrap();
        let third = fresh.import(&json, 14.0, 9).unwrap();
        assert_eq!(third.copies, 1);
        let fourth = fresh.import(&json, 15.0, 10).unwrap();
        assert_eq!(
            fourth,
            ImportReport {
                added: 0,
                unchanged: 2,
                copies: 0,
                carried: carried.clone(),
            }
        );
        let texts: Vec<String> = fresh
            .load(15.0)
            .unwrap()
            .drafts
            .into_iter()
            .map(|d| d.text)
            .collect();
        assert!(texts.contains(&a.text) && texts.contains(&changed.text));
    }

    #[test]
    fn backup_carries_the_version_a_full_storage_refused() {
        let (store, _) = store_over(Memory::with_quota(2_000));
        let stored = Draft::new("a".into(), "KẾ HOẠCH\nCũ\n".into(), 1.0);
        store.put(&stored).unwrap();
        let mut newer = stored.clone();
        newer.text = format!("KẾ HOẠCH\n{}\n", "Mới ".repeat(1_000));
        assert!(store.save(&newer, 0, &stored.text).is_err());
        let json = store
            .backup(2.0, Some(&newer), &Carried::default())
            .unwrap();
        let (fresh, _) = store_over(Memory::default());
        fresh.import(&json, 3.0, 1).unwrap();
        assert_eq!(fresh.read("a").unwrap().unwrap().text, newer.text);
    }

    #[test]
    fn malformed_and_foreign_backups_are_rejected_and_change_nothing() {
        let (store, mem) = store_over(Memory::default());
        store
            .put(&Draft::new("a".into(), PLAN.into(), 1.0))
            .unwrap();
        let before = mem.keys().unwrap();
        assert!(matches!(
            store.import("{\"format\":\"kehoach-backup\",", 1.0, 1),
            Err(BackupError::Malformed(_))
        ));
        assert_eq!(
            store.import("{\"schema_version\":1,\"header\":{}}", 1.0, 1),
            Err(BackupError::Foreign)
        );
        assert_eq!(store.import("[1,2]", 1.0, 1), Err(BackupError::Foreign));
        assert!(matches!(
            store.import("{\"format\":\"kehoach-backup\",\"schema\":2,\"exported\":1,\"drafts\":[{\"draft\":{\"id\":3}}]}", 1.0, 1),
            Err(BackupError::Malformed(_))
        ));
        assert_eq!(
            store.import(
                "{\"format\":\"kehoach-backup\",\"schema\":9,\"drafts\":[]}",
                1.0,
                1
            ),
            Err(BackupError::Newer(9))
        );
        assert_eq!(mem.keys().unwrap(), before);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn backupish() -> impl Strategy<Value = String> {
            prop_oneof![
                any::<String>(),
                "\\{\"format\":\"kehoach-backup\",\"schema\":[0-9],\"exported\":1,\"drafts\":\\[.{0,60}",
                Just(r#"{"format":"kehoach-backup","schema":2,"exported":1,"drafts":[{"draft":{"id":"","text":"x","created":1,"updated":1,"rev":1}}]}"#.to_string()),
            ]
        }

        proptest! {
            #[test]
            fn import_never_panics_and_an_error_changes_nothing(json in backupish()) {
                let (store, mem) = store_over(Memory::default());
                store.put(&Draft::new("a".into(), "KẾ HOẠCH\n".into(), 1.0)).unwrap();
                let before: Vec<(String, Option<String>)> =
                    mem.keys().unwrap().into_iter().map(|k| { let v = mem.get(&k).unwrap(); (k, v) }).collect();
                if store.import(&json, 2.0, 3).is_err() {
                    let after: Vec<(String, Option<String>)> =
                        mem.keys().unwrap().into_iter().map(|k| { let v = mem.get(&k).unwrap(); (k, v) }).collect();
                    prop_assert_eq!(before, after);
                }
            }

            #[test]
            fn load_never_panics_and_keeps_every_entry(values in proptest::collection::vec(any::<String>(), 0..6)) {
                let (store, mem) = store_over(Memory::default());
                for (i, v) in values.iter().enumerate() {
                    mem.set(&draft_key(&i.to_string()), v).unwrap();
                    mem.set(&history_key(&i.to_string()), v).unwrap();
                }
                mem.set(INDEX_KEY, values.first().map_or("", String::as_str)).unwrap();
                let loaded = store.load(5.0).unwrap();
                // Every value is still somewhere: a draft, or set aside.
                let stored: Vec<String> = mem.keys().unwrap().into_iter().filter_map(|k| mem.get(&k).unwrap()).collect();
                for v in &values {
                    prop_assert!(stored.contains(v));
                }
                // Each draft key either loaded or was set aside (the index may add one).
                prop_assert!(loaded.drafts.len() + loaded.quarantined.len() >= values.len());
            }
        }
    }
}
