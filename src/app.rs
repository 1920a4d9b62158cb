//! The page: the plan's text on the left, the findings on the right.

use crate::storage::{self, StorageError};
use kehoach_core::diagnostics::{Lang, Severity};
use leptos::prelude::*;

/// The file name for an export: `KH-11-UBND-2017-02-14`, else `ke-hoach`.
fn export_name(text: &str) -> String {
    let plan = kehoach_core::parse(text);
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

#[component]
pub fn App() -> impl IntoView {
    // Restore the draft; a storage fault is shown, never fatal.
    let (initial, load_error) = match storage::load_draft() {
        Ok(t) => (t.unwrap_or_default(), None),
        Err(e) => (String::new(), Some(e)),
    };
    let (text, set_text) = signal(initial);
    let (save_status, set_save_status) = signal::<Option<StorageError>>(load_error);

    let report = Memo::new(move |_| text.with(|t| kehoach_core::check_for_output("", t, Lang::Vi)));

    // Autosave on every change (todomvc pattern: an Effect syncs the signal to storage).
    Effect::new(move |first: Option<()>| {
        let t = text.get();
        if first.is_none() && t.is_empty() {
            return;
        }
        set_save_status.set(storage::save_draft(&t).err());
    });

    let counts = move || {
        let r = report.get();
        let n = |s: Severity| r.diagnostics.iter().filter(|d| d.severity == s).count();
        format!(
            "{} lỗi, {} cảnh báo, {} thông tin",
            n(Severity::Error),
            n(Severity::Warning),
            n(Severity::Info)
        )
    };

    let download_json = move |_| {
        let t = text.get_untracked();
        let plan = kehoach_core::parse(&t);
        let json = kehoach_core::render::json::to_json(&plan);
        if let Err(e) = crate::download::download(
            &format!("{}.json", export_name(&t)),
            "application/json",
            &json,
        ) {
            leptos::logging::warn!("download failed: {e}");
        }
    };

    view! {
        <header class="topbar">
            <h1>"Kế hoạch"</h1>
            <p class="tagline">"Soạn và kiểm tra kế hoạch theo Nghị định 30/2020/NĐ-CP"</p>
            <button type="button" on:click=download_json>"Tải JSON"</button>
        </header>
        <main class="workspace">
            <section class="editor">
                <label for="plan-text">"Nội dung kế hoạch"</label>
                <textarea
                    id="plan-text"
                    aria-label="Nội dung kế hoạch"
                    spellcheck="false"
                    prop:value=move || text.get()
                    on:input=move |ev| set_text.set(event_target_value(&ev))
                ></textarea>
                <p class="status" role="status">
                    {move || match save_status.get() {
                        None => "Đã lưu trong trình duyệt".to_string(),
                        Some(e) => e.message_vi(),
                    }}
                </p>
            </section>
            <section class="findings">
                <h2 id="findings-title">"Kết quả kiểm tra"</h2>
                <p class="counts">{counts}</p>
                <ul aria-label="Kết quả kiểm tra">
                    {move || {
                        report
                            .get()
                            .diagnostics
                            .into_iter()
                            .map(|d| {
                                let class = format!("finding {}", d.severity.as_str());
                                view! {
                                    <li class=class data-code=d.code.clone() data-line=d.line>
                                        <span class="sev">{d.severity.label(Lang::Vi)}</span>
                                        " "
                                        <span class="msg">{d.message.clone()}</span>
                                        " "
                                        <span class="where">{format!("dòng {}", d.line)}</span>
                                        " "
                                        <code>{d.code.clone()}</code>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </section>
        </main>
    }
}
