//! Files the user hands to the page: a button that opens the browser's file chooser,
//! and reading a chosen (or dropped) file's bytes.

use crate::i18n::{t, Key};
use kehoach_core::diagnostics::Lang;
use leptos::html;
use leptos::prelude::*;

/// Reads `file`, then calls `then` with its name and bytes (`None` when the browser
/// could not read it: a file removed meanwhile, a permission refused).
pub fn read_file(file: web_sys::File, then: impl FnOnce(String, Option<Vec<u8>>) + 'static) {
    let name = file.name();
    leptos::task::spawn_local(async move {
        let bytes = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
            .await
            .ok()
            .map(|buf| js_sys::Uint8Array::new(&buf).to_vec());
        then(name, bytes);
    });
}

/// A button labelled `label` that opens the file chooser for `accept`. The file input
/// itself is visually hidden but keeps `input_label` for assistive technology (and
/// tests).
#[component]
pub fn FileButton(
    lang: RwSignal<Lang>,
    label: Key,
    input_label: Key,
    accept: &'static str,
    on_file: impl Fn(web_sys::File) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let input_ref = NodeRef::<html::Input>::new();
    let on_change = move |_| {
        if let Some(input) = input_ref.get_untracked() {
            if let Some(file) = input.files().and_then(|l| l.get(0)) {
                on_file(file);
            }
            // Choosing the same file again must fire `change` again.
            input.set_value("");
        }
    };
    view! {
        <button type="button" on:click=move |_| {
            if let Some(input) = input_ref.get_untracked() {
                input.click();
            }
        }>{move || t(lang.get(), label)}</button>
        <input
            type="file"
            class="visually-hidden"
            tabindex="-1"
            accept=accept
            aria-label=move || t(lang.get(), input_label)
            node_ref=input_ref
            on:change=on_change
        />
    }
}
