//! Key-value storage under the drafts: the browser's localStorage or, when the
//! browser refuses it, a map in memory. The Storage object is taken through web-sys
//! and probed (gloo-storage's `raw()` throws when storage is blocked). Both speak the
//! same [`Backend`] trait, so the drafts logic (`drafts.rs`) is the same in either
//! mode and is unit-tested natively on the memory map, quota included.
//!
//! Nothing here panics: a full or blocked storage is a typed error the page shows,
//! and the text stays in memory.

use kehoach_core::diagnostics::Lang;
use kehoach_core::text::Case;
use std::cell::RefCell;
use std::collections::BTreeMap;
use wasm_bindgen::{JsCast, JsValue};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// localStorage is disabled or blocked: the app works in memory.
    Unavailable(String),
    /// The quota is exceeded: the change stays in memory.
    QuotaExceeded,
    /// A stored entry is not what this version wrote.
    Corrupted(String),
    /// The drafts were written by a newer version of the app (schema `n`); this one
    /// leaves them untouched.
    NewerSchema(u32),
}

impl StorageError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (StorageError::Unavailable(_), Lang::Vi) => "Trình duyệt không cho lưu dữ liệu: bản nháp chỉ nằm trong bộ nhớ của trang này; hãy tải bản sao lưu trước khi đóng trang.".into(),
            (StorageError::Unavailable(_), Lang::En) => "The browser does not allow saving: drafts live only in this page's memory; download a backup before closing it.".into(),
            (StorageError::QuotaExceeded, Lang::Vi) => "Bộ nhớ trình duyệt đã đầy (đã xóa bớt lịch sử cũ): thay đổi mới nhất chưa được lưu. Hãy tải bản sao lưu, rồi xóa hẳn các bản nháp không dùng trong Thùng rác.".into(),
            (StorageError::QuotaExceeded, Lang::En) => "The browser's storage is full (old history was removed): the latest change is not saved. Download a backup, then delete unused drafts from the trash.".into(),
            (StorageError::Corrupted(what), Lang::Vi) => format!("Một mục lưu bị hỏng và đã được cất riêng ({what}); các bản nháp khác vẫn mở bình thường."),
            (StorageError::Corrupted(what), Lang::En) => format!("A stored entry was damaged and has been set aside ({what}); other drafts load normally."),
            (StorageError::NewerSchema(n), Lang::Vi) => format!("Bản nháp được lưu bởi phiên bản mới hơn của ứng dụng (lược đồ {n}); phiên bản này không ghi đè, đang làm việc trong bộ nhớ."),
            (StorageError::NewerSchema(n), Lang::En) => format!("Drafts were saved by a newer version of the app (schema {n}); this one does not overwrite them and works in memory."),
        }
    }
}

/// What the drafts need from a storage: strings by key.
pub trait Backend {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    fn remove(&self, key: &str) -> Result<(), StorageError>;
    fn keys(&self) -> Result<Vec<String>, StorageError>;
}

/// The browser's localStorage.
#[derive(Debug)]
pub struct Local(web_sys::Storage);

impl Local {
    /// The localStorage, if the browser lets this page write to it. Probing with a
    /// write matters: some browsers hand out a storage that throws on every `setItem`.
    pub fn open() -> Result<Self, StorageError> {
        let storage = web_sys::window()
            .ok_or_else(|| StorageError::Unavailable("no window".into()))?
            .local_storage()
            .map_err(|e| StorageError::Unavailable(js_error_name(&e)))?
            .ok_or_else(|| StorageError::Unavailable("no localStorage".into()))?;
        let local = Local(storage);
        match local.set(PROBE_KEY, "1") {
            Ok(()) | Err(StorageError::QuotaExceeded) => {}
            Err(e) => return Err(e),
        }
        let _ = local.remove(PROBE_KEY);
        Ok(local)
    }
}

const PROBE_KEY: &str = "kehoach.probe";

/// Asks the browser to keep this site's storage when the disk runs low: by default it
/// is "best effort" and may be evicted with the site's other data. Chromium grants or
/// refuses without asking the user; an insecure page (no `navigator.storage`) just
/// stays best effort. Nothing is shown either way.
pub fn ask_persistent() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let manager = window.navigator().storage();
    if manager.is_undefined() {
        return;
    }
    if let Ok(promise) = manager.persist() {
        // wasm-bindgen's own executor, not Leptos's: this runs before (or, in the
        // browser tests, without) any Leptos runtime. Awaiting it keeps a refusal
        // from surfacing as an unhandled rejection.
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}

fn js_error_name(e: &JsValue) -> String {
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return format!(
            "{}: {}",
            String::from(err.name()),
            String::from(err.message())
        );
    }
    js_sys::Reflect::get(e, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

fn classify(e: JsValue) -> StorageError {
    let name = js_error_name(&e);
    if name.contains("QuotaExceeded") || name.lower().contains("quota") {
        StorageError::QuotaExceeded
    } else {
        StorageError::Unavailable(name)
    }
}

impl Backend for Local {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.0.get_item(key).map_err(classify)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.0.set_item(key, value).map_err(classify)
    }
    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.0.remove_item(key).map_err(classify)
    }
    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let n = self.0.length().map_err(classify)?;
        Ok((0..n)
            .filter_map(|i| self.0.key(i).ok().flatten())
            .collect())
    }
}

/// A map in memory: the fallback when localStorage is refused, and the test double.
/// `quota` counts UTF-16 units of keys and values, as Chromium does.
#[derive(Default)]
pub struct Memory {
    map: RefCell<BTreeMap<String, String>>,
    quota: Option<usize>,
}

impl Memory {
    pub fn with_quota(quota: usize) -> Self {
        Memory {
            map: RefCell::default(),
            quota: Some(quota),
        }
    }
    fn used_without(&self, key: &str) -> usize {
        self.map
            .borrow()
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
            .sum()
    }
}

impl Backend for Memory {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.map.borrow().get(key).cloned())
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        if let Some(quota) = self.quota {
            let size = key.encode_utf16().count() + value.encode_utf16().count();
            if self.used_without(key) + size > quota {
                return Err(StorageError::QuotaExceeded);
            }
        }
        self.map.borrow_mut().insert(key.into(), value.into());
        Ok(())
    }
    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.map.borrow_mut().remove(key);
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, StorageError> {
        Ok(self.map.borrow().keys().cloned().collect())
    }
}

/// A small setting's stored text (rule settings, profiles, language); `None` when the
/// storage is refused or holds none.
/// Each is kept as a JSON string (as gloo-storage's typed `set` kept them before).
fn read_setting(key: &str) -> Option<String> {
    let raw = Local::open().ok()?.get(key).ok()??;
    kehoach_core::json::from_str::<String>(&raw).ok()
}

/// Keeps a small setting's text; false if the storage refused it.
fn write_setting(key: &str, value: &str) -> bool {
    Local::open().is_ok_and(|local| {
        local
            .set(key, &kehoach_core::json::to_string(value))
            .is_ok()
    })
}

/// Key of the rule settings: the JSON of a `.kehoach.json` (`kehoach_core::settings`).
pub const SETTINGS_KEY: &str = "kehoach.v1.settings";

/// The rule settings kept in this browser; none (or unreadable ones) is the default.
pub fn load_settings() -> kehoach_core::settings::Settings {
    read_setting(SETTINGS_KEY)
        .and_then(|json| kehoach_core::settings::Settings::from_json(&json).ok())
        .unwrap_or_default()
}

/// Keeps the rule settings; false if the storage refused them.
pub fn save_settings(settings: &kehoach_core::settings::Settings) -> bool {
    write_setting(SETTINGS_KEY, &settings.to_json())
}

/// Key of the office profiles (`profiles::ProfileBook`).
pub const PROFILES_KEY: &str = "kehoach.v1.profiles";

pub fn load_profiles() -> crate::profiles::ProfileBook {
    read_setting(PROFILES_KEY)
        .map(|json| crate::profiles::ProfileBook::from_json(&json))
        .unwrap_or_default()
}

/// Keeps the office profiles; false if the storage refused them.
pub fn save_profiles(book: &crate::profiles::ProfileBook) -> bool {
    write_setting(PROFILES_KEY, &book.to_json())
}

/// Key of the chosen language (`vi` or `en`).
pub const LANG_KEY: &str = "kehoach.v1.lang";

pub fn load_lang() -> Lang {
    read_setting(LANG_KEY)
        .and_then(|s| Lang::parse(&s))
        .unwrap_or_default()
}

pub fn save_lang(lang: Lang) {
    let code = match lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    };
    // Not worth bothering the user about: the default is Vietnamese.
    let _ = write_setting(LANG_KEY, code);
}
