//! Offering a file to the user: a Blob behind a temporary object URL.

use wasm_bindgen::JsCast;

/// Starts a download of `content` as `filename`. Errors come back as text for the UI.
pub fn download(filename: &str, mime: &str, content: &[u8]) -> Result<(), String> {
    offer_part(filename, mime, &js_sys::Uint8Array::from(content))
}

fn offer_part(filename: &str, mime: &str, part: &wasm_bindgen::JsValue) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| format!("{e:?}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .dyn_into()
        .map_err(|_| "not an anchor")?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Offers `bytes` for download, a failure only logged (the browser shows nothing to
/// retry, and the text is untouched).
pub fn offer(name: &str, mime: &str, bytes: &[u8]) {
    if let Err(e) = download(name, mime, bytes) {
        leptos::logging::warn!("download failed: {e}");
    }
}
