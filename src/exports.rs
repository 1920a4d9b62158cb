//! Files in and out: the exports (JSON, clean text, .docx) and opening a file
//! (picker or drop) as a new draft.

use crate::download::offer;
use crate::i18n::{t, Key};
use crate::state::AppState;
use kehoach_core::model::Plan;
use leptos::ev;
use leptos::prelude::*;

const DOCX_MIME: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The file name for an export: `KH-11-UBND-2017-02-14`, else `ke-hoach`.
pub fn export_name(plan: &Plan) -> String {
    let number = plan.header.number.as_ref();
    let date = plan
        .header
        .place_date
        .as_ref()
        .map(|p| p.date.to_iso())
        .filter(|d| !d.is_empty());
    match (number, date) {
        (Some(n), Some(d)) => {
            let num = n.number.clone().unwrap_or_else(|| "nhap".into());
            let code = if n.agency_code.is_empty() {
                "KH".into()
            } else {
                n.agency_code.clone()
            };
            format!("KH-{num}-{code}-{d}")
        }
        _ => "ke-hoach".into(),
    }
}

impl AppState {
    /// Every export parses the text as it is now, once, and is named after the plan.
    /// (Not the analysis: for a very large text it lags behind while typing.)
    fn export(self, ext: &str, mime: &str, render: fn(&Plan) -> Vec<u8>) {
        let (name, bytes) = self.text.with_untracked(|t| {
            let plan = kehoach_core::parse(t);
            (export_name(&plan), render(&plan))
        });
        offer(&format!("{name}.{ext}"), mime, &bytes);
    }

    /// The plan as JSON, written by the `.docx` module (loaded on first use), which
    /// also reads it back: the page's module carries no `Plan` serializer.
    pub fn download_json(self) {
        self.through_docx_module("json", "application/json", |text| async move {
            crate::docx::write_json(&text).await.map(String::into_bytes)
        });
    }

    pub fn download_text(self) {
        self.export("txt", "text/plain;charset=utf-8", |p| {
            kehoach_core::render::text::to_text(p).into_bytes()
        })
    }

    /// The plan as a `.docx`, written by the `.docx` module (loaded on first use).
    pub fn download_docx(self) {
        self.through_docx_module("docx", DOCX_MIME, |text| async move {
            crate::docx::write(&text).await
        });
    }

    /// An export the `.docx` module writes from the text as it is now: offered when
    /// it is written, or the reason it could not be where a file's errors show.
    fn through_docx_module<F, Fut>(self, ext: &'static str, mime: &'static str, write: F)
    where
        F: FnOnce(String) -> Fut + 'static,
        Fut: std::future::Future<Output = Result<Vec<u8>, kehoach_core::diagnostics::Message>>,
    {
        let (name, text) = self
            .text
            .with_untracked(|t| (export_name(&kehoach_core::parse(t)), t.clone()));
        leptos::task::spawn_local(async move {
            match write(text).await {
                Ok(bytes) => offer(&format!("{name}.{ext}"), mime, &bytes),
                Err(e) => self
                    .open_error
                    .set(Some(e.get(self.lang.get_untracked()).to_string())),
            }
        });
    }

    /// Opening a file makes a new draft of its text; a broken or foreign file only
    /// says why, and nothing changes. A Word file is read by the `.docx` module for
    /// its text and the findings on its presentation (shown with the text until it
    /// is edited), and so is a JSON export for its plan; other files here.
    fn open_bytes(self, name: String, bytes: Vec<u8>) {
        use kehoach_core::import::{read_text_file, TextFile};
        if !kehoach_core::import::is_zip(&bytes) {
            let json = match read_text_file(&name, &bytes) {
                Ok(TextFile::PlanJson(json)) => json,
                Ok(TextFile::Text(text)) => return self.opened_file(name, bytes, Ok((text, None))),
                Err(e) => return self.opened_file(name, bytes, Err(e.message())),
            };
            return leptos::task::spawn_local(async move {
                let read = crate::docx::open_json(&json).await;
                self.opened_file(name, bytes, read.map(|text| (text, None)));
            });
        }
        leptos::task::spawn_local(async move {
            let read = crate::docx::open(&bytes).await.map(|o| {
                let text = o.text.clone();
                (text, Some(o))
            });
            self.opened_file(name, bytes, read);
        });
    }

    /// A file read: a new draft of its text, and for a Word file the file kept (its
    /// findings and fixes) while that draft holds its text.
    fn opened_file(
        self,
        name: String,
        bytes: Vec<u8>,
        read: Result<(String, Option<crate::docx::OpenedDocx>), kehoach_core::diagnostics::Message>,
    ) {
        let lang = self.lang.get_untracked();
        match read {
            Ok((plan_text, docx)) => {
                let opened = self.create_draft(plan_text);
                let draft = self.session.open_id.get_untracked();
                self.opened.set(docx.filter(|_| opened).map(|docx| {
                    std::sync::Arc::new(crate::checking::OpenedFile {
                        draft,
                        name: name.clone(),
                        bytes,
                        read: docx,
                    })
                }));
                self.open_error
                    .set((!opened).then(|| format!("{name}: {}", t(lang, Key::ChooseFirst))));
            }
            Err(e) => self
                .open_error
                .set(Some(format!("{name}: {}", e.get(lang)))),
        }
    }

    /// "Tải .docx đã sửa": the opened Word file with the fixes chosen written into
    /// it, as `{name}-da-sua.docx`. A file that cannot be written says why.
    pub fn download_fixed_docx(self, chosen: &[usize]) {
        let Some(opened) = self.opened.get_untracked() else {
            return;
        };
        let chosen = chosen.to_vec();
        leptos::task::spawn_local(async move {
            match crate::docx::fix(&opened.bytes, &chosen).await {
                Ok(bytes) => {
                    let stem = opened
                        .name
                        .rsplit_once('.')
                        .map_or(opened.name.as_str(), |(stem, _)| stem);
                    offer(&format!("{stem}-da-sua.docx"), DOCX_MIME, &bytes);
                }
                Err(e) => self.open_error.set(Some(format!(
                    "{}: {}",
                    opened.name,
                    e.get(self.lang.get_untracked())
                ))),
            }
        });
    }

    /// Opens a file the user chose.
    pub fn read_file(self, file: web_sys::File) {
        crate::files::read_file(file, move |name, bytes| match bytes {
            Some(bytes) => self.open_bytes(name, bytes),
            None => self.open_error.set(Some(format!(
                "{name}: {}",
                t(self.lang.get_untracked(), Key::CannotRead)
            ))),
        })
    }

    /// Opens a file dropped on the editor.
    pub fn drop_file(self, ev: ev::DragEvent) {
        ev.prevent_default();
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|l| l.get(0))
        {
            self.read_file(file);
        }
    }
}
