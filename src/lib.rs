//! kehoach, the web app: a thin Leptos shell over `kehoach-core`.
//!
//! Data flows one way: the text signal → `kehoach_core::check_for_output` (a memo) →
//! the findings list. An effect saves the text, as the open draft, to localStorage
//! shortly after every change (`session.rs` over `drafts.rs` over `storage.rs`).

pub mod analysis;
pub mod app;
pub mod dom;
pub mod download;
pub mod drafts;
pub mod drafts_panel;
pub mod files;
pub mod i18n;
pub mod offline;
pub mod print;
pub mod session;
pub mod storage;
pub mod worker;
