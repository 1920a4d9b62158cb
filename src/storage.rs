//! The draft in localStorage, through gloo-storage, with typed errors.
//!
//! Keys are namespaced (`kehoach.v1.…`) so a later schema can migrate from them.
//! Nothing here panics: a full or blocked storage is an error the UI shows, and the
//! text stays in memory.

use gloo_storage::errors::StorageError as GlooError;
use gloo_storage::{LocalStorage, Storage};

/// Key of the current draft's text.
pub const DRAFT_KEY: &str = "kehoach.v1.draft";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// localStorage is disabled or blocked: the app works in memory.
    Unavailable(String),
    /// The quota is exceeded: the change stays in memory.
    QuotaExceeded,
    /// The stored entry is not what this version wrote.
    Corrupted(String),
}

impl StorageError {
    /// A message for the user, in Vietnamese.
    pub fn message_vi(&self) -> String {
        match self {
            StorageError::Unavailable(_) => {
                "Trình duyệt không cho lưu dữ liệu: bản nháp chỉ nằm trong bộ nhớ, hãy tải về để giữ lại.".into()
            }
            StorageError::QuotaExceeded => {
                "Bộ nhớ trình duyệt đã đầy: thay đổi chưa được lưu, hãy tải bản nháp về máy.".into()
            }
            StorageError::Corrupted(_) => {
                "Bản nháp đã lưu bị hỏng và được bỏ qua; văn bản hiện tại vẫn giữ nguyên.".into()
            }
        }
    }
}

fn classify(e: GlooError) -> StorageError {
    match e {
        GlooError::SerdeError(e) => StorageError::Corrupted(e.to_string()),
        GlooError::KeyNotFound(k) => StorageError::Corrupted(format!("missing {k}")),
        GlooError::JsError(js) => {
            if js.name == "QuotaExceededError" || js.message.to_lowercase().contains("quota") {
                StorageError::QuotaExceeded
            } else {
                StorageError::Unavailable(format!("{}: {}", js.name, js.message))
            }
        }
    }
}

/// The saved draft, `Ok(None)` when there is none.
pub fn load_draft() -> Result<Option<String>, StorageError> {
    let storage = LocalStorage::raw();
    let raw = storage
        .get_item(DRAFT_KEY)
        .map_err(|e| StorageError::Unavailable(format!("{e:?}")))?;
    match raw {
        None => Ok(None),
        Some(raw) => serde_json::from_str::<String>(&raw)
            .map(Some)
            .map_err(|e| StorageError::Corrupted(e.to_string())),
    }
}

pub fn save_draft(text: &str) -> Result<(), StorageError> {
    LocalStorage::set(DRAFT_KEY, text).map_err(classify)
}

/// Key of the chosen language (`vi` or `en`).
pub const LANG_KEY: &str = "kehoach.v1.lang";

pub fn load_lang() -> kehoach_core::diagnostics::Lang {
    LocalStorage::get::<String>(LANG_KEY)
        .ok()
        .and_then(|s| kehoach_core::diagnostics::Lang::parse(&s))
        .unwrap_or_default()
}

pub fn save_lang(lang: kehoach_core::diagnostics::Lang) {
    let code = match lang {
        kehoach_core::diagnostics::Lang::Vi => "vi",
        kehoach_core::diagnostics::Lang::En => "en",
    };
    // Not worth bothering the user about: the default is Vietnamese.
    let _ = LocalStorage::set(LANG_KEY, code);
}
