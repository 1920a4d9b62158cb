//! kehoach, the web app: a thin Leptos shell over `kehoach-core`.
//!
//! Data flows one way: the text signal → `checking::Checker` (the analysis memo, on
//! this thread or in the check worker) → the editor's layer and the panels. The
//! shared state is `state::AppState`, provided as a context; each part of the page
//! is a small component that takes it. An effect saves the text, as the open draft,
//! to localStorage shortly after every change (`draft_actions.rs`, `session.rs` over
//! `drafts.rs` over `storage.rs`).

pub mod analysis;
pub mod app;
pub mod app_undo;
pub mod banners;
pub mod checking;
pub mod dismiss;
pub mod docx;
pub mod dom;
pub mod download;
pub mod draft_actions;
pub mod drafts;
pub mod editor;
pub mod edits;
pub mod exports;
pub mod files;
pub mod i18n;
pub mod layer;
pub mod offline;
pub mod panels;
pub mod print;
pub mod profiles;
pub mod session;
pub mod state;
pub mod storage;
pub mod toolbar;
pub mod typing;
pub mod worker;
