//! Browser tests (wasm-bindgen-test in headless Chromium) of the draft storage:
//! a real localStorage round trip and a corrupted entry.
#![cfg(target_arch = "wasm32")]

use kehoach::storage::{load_draft, save_draft, StorageError, DRAFT_KEY};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("localStorage in Chromium")
}

#[wasm_bindgen_test]
fn draft_round_trips_through_real_local_storage() {
    local_storage().clear().expect("clear");
    assert_eq!(load_draft(), Ok(None));
    let text = "KẾ HOẠCH\nCông tác thông tin đối ngoại năm 2024\nI. MỤC ĐÍCH, YÊU CẦU\n";
    save_draft(text).expect("saved");
    // Read back through the browser's own API, not our cache.
    let raw = local_storage()
        .get_item(DRAFT_KEY)
        .expect("get")
        .expect("present");
    assert!(raw.contains("Công tác thông tin đối ngoại"));
    assert_eq!(load_draft(), Ok(Some(text.to_string())));
}

#[wasm_bindgen_test]
fn corrupted_entry_is_reported_not_fatal() {
    local_storage()
        .set_item(DRAFT_KEY, "{not json")
        .expect("set");
    assert!(matches!(load_draft(), Err(StorageError::Corrupted(_))));
    local_storage().clear().expect("clear");
}
