//! Browser tests (wasm-bindgen-test in headless Chromium) of the drafts storage over
//! the real localStorage: round trip, migration from schema 1, a damaged entry, a
//! storage filled to its quota, and a storage the browser refuses.
#![cfg(target_arch = "wasm32")]

use kehoach::drafts::{self, Draft, SaveError, Snapshot, Store};
use kehoach::session::Session;
use kehoach::storage::{Backend, Local, StorageError};
use kehoach_core::diagnostics::Lang;
use leptos::prelude::GetUntracked;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = "
let saved = null;
export function block_local_storage() {
  saved = Object.getOwnPropertyDescriptor(window, 'localStorage')
       || Object.getOwnPropertyDescriptor(Window.prototype, 'localStorage');
  Object.defineProperty(window, 'localStorage', {
    configurable: true,
    get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
  });
}
export function unblock_local_storage() {
  if (saved) Object.defineProperty(window, 'localStorage', saved);
}
")]
extern "C" {
    fn block_local_storage();
    fn unblock_local_storage();
}

fn raw() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("localStorage in Chromium")
}

fn fresh_store() -> Store {
    raw().clear().expect("clear");
    Store::new(Box::new(Local::open().expect("localStorage opens")))
}

const PLAN: &str = "ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU\n\nKẾ HOẠCH\nCông tác thông tin đối ngoại năm 2024\n\nI. MỤC ĐÍCH, YÊU CẦU\n";

#[wasm_bindgen_test]
fn drafts_round_trip_through_real_local_storage() {
    let store = fresh_store();
    let draft = Draft::new("a1".into(), PLAN.into(), 1_000.0);
    store.put(&draft).expect("put");
    let mut edited = draft.clone();
    edited.text.push_str("1. Nội dung\n");
    let saved = store.save(&edited, 0, PLAN).expect("saved");
    store.set_last_open("a1").expect("index");
    // Read back through the browser's own API, not our code.
    let stored = raw()
        .get_item(&drafts::draft_key("a1"))
        .expect("get")
        .expect("present");
    assert!(stored.contains("Công tác thông tin đối ngoại năm 2024"));
    let loaded = store.load(2_000.0).expect("load");
    assert_eq!(loaded.drafts, vec![saved]);
    assert_eq!(loaded.last_open.as_deref(), Some("a1"));
    assert_eq!(
        loaded.drafts[0].title,
        "Công tác thông tin đối ngoại năm 2024"
    );
    raw().clear().expect("clear");
}

#[wasm_bindgen_test]
fn schema_1_draft_is_migrated() {
    let store = fresh_store();
    // What the first release wrote: the text as a JSON string under one key.
    raw()
        .set_item(
            drafts::V1_DRAFT_KEY,
            &serde_json::to_string(PLAN).expect("json"),
        )
        .expect("set");
    raw().set_item("kehoach.v1.lang", "\"en\"").expect("set");
    let loaded = store.load(5_000.0).expect("load");
    assert_eq!(loaded.migrated_from, Some(1));
    assert_eq!(loaded.drafts.len(), 1);
    assert_eq!(loaded.drafts[0].text, PLAN);
    assert_eq!(raw().get_item(drafts::V1_DRAFT_KEY).expect("get"), None);
    assert_eq!(
        raw().get_item(drafts::SCHEMA_KEY).expect("get").as_deref(),
        Some("2")
    );
    // The language choice is not a draft and stays.
    assert_eq!(
        raw().get_item("kehoach.v1.lang").expect("get").as_deref(),
        Some("\"en\"")
    );
    raw().clear().expect("clear");
}

#[wasm_bindgen_test]
fn damaged_entry_is_set_aside_and_the_others_load() {
    let store = fresh_store();
    store
        .put(&Draft::new("good".into(), PLAN.into(), 1.0))
        .expect("put");
    raw()
        .set_item(&drafts::draft_key("bad"), "{\"id\":\"bad\",\"te")
        .expect("set");
    let loaded = store.load(42.0).expect("load");
    assert_eq!(loaded.drafts.len(), 1);
    assert_eq!(loaded.drafts[0].id, "good");
    let aside = format!(
        "{}42.{}",
        drafts::QUARANTINE_PREFIX,
        drafts::draft_key("bad")
    );
    assert_eq!(loaded.quarantined, vec![aside.clone()]);
    assert_eq!(
        raw().get_item(&aside).expect("get").as_deref(),
        Some("{\"id\":\"bad\",\"te")
    );
    raw().clear().expect("clear");
}

/// Fills localStorage with filler until it refuses even a small write.
fn fill_storage() {
    let storage = raw();
    let mut n = 0;
    for size in [1_000_000usize, 100_000, 10_000, 1_000, 100, 10] {
        let chunk = "x".repeat(size);
        while storage.set_item(&format!("filler.{n}"), &chunk).is_ok() {
            n += 1;
        }
    }
}

#[wasm_bindgen_test]
fn full_storage_prunes_history_never_drafts_and_reports_quota() {
    let store = fresh_store();
    let draft = Draft::new("a".into(), PLAN.into(), 1.0);
    store.put(&draft).expect("put");
    for i in 0..5 {
        store
            .add_snapshot(
                "a",
                Snapshot {
                    at: f64::from(i),
                    text: format!("{i}").repeat(20_000),
                    manual: false,
                },
            )
            .expect("snapshot");
    }
    fill_storage();
    // A save that needs ~30 000 more units fits once two or three snapshots go.
    let mut bigger = draft.clone();
    bigger.text.push_str(&"Nội dung dài. ".repeat(2_000));
    let saved = store
        .save(&bigger, 0, PLAN)
        .expect("room was made from history");
    let left = store.history("a", 0.0);
    assert!(
        left.len() < 5 && !left.is_empty(),
        "{} snapshots left",
        left.len()
    );
    assert_eq!(left.last().map(|s| s.at), Some(4.0), "the newest stays");
    // A save larger than all history can free: a quota error, the stored draft intact.
    let mut huge = saved.clone();
    huge.text.push_str(&"y".repeat(400_000));
    assert_eq!(
        store.save(&huge, saved.rev, &saved.text),
        Err(SaveError::Storage(StorageError::QuotaExceeded))
    );
    assert!(store.history("a", 0.0).is_empty());
    assert_eq!(
        store.read("a").expect("read").expect("present").text,
        saved.text
    );
    raw().clear().expect("clear");
}

#[wasm_bindgen_test]
fn refused_storage_is_reported_and_the_session_works_in_memory() {
    raw().clear().expect("clear");
    block_local_storage();
    let opened = Local::open();
    let (session, text) = Session::start(Lang::Vi);
    let in_memory = session.in_memory();
    session.save("KẾ HOẠCH\nTrong bộ nhớ\n", "Trong bộ nhớ".into(), 0);
    let saved_at = session.saved_at.get_untracked();
    let listed = session.drafts.get_untracked();
    unblock_local_storage();

    assert!(
        matches!(opened, Err(StorageError::Unavailable(ref why)) if why.contains("SecurityError")),
        "{opened:?}"
    );
    assert!(in_memory);
    assert_eq!(text, "");
    assert!(saved_at.is_some(), "saved, in memory");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].title, "Trong bộ nhớ");
    // Nothing reached the real storage.
    assert_eq!(
        Local::open().expect("open").keys().expect("keys"),
        Vec::<String>::new()
    );
}

/// Two sessions on one localStorage stand for two tabs; the `storage` event a tab
/// would receive is delivered by calling `incoming` as the page does.
#[wasm_bindgen_test]
fn another_tabs_change_is_followed_or_asked_about_never_overwritten() {
    use kehoach::session::Incoming;
    raw().clear().expect("clear");
    let (a, _) = Session::start(Lang::Vi);
    a.save("KẾ HOẠCH\nChung\n", "Chung".into(), 0);
    let id = a.open_id.get_untracked();
    let key = drafts::draft_key(&id);
    let (b, b_text) = Session::start(Lang::Vi);
    assert_eq!(b.open_id.get_untracked(), id, "the last open draft reopens");
    assert_eq!(b_text, "KẾ HOẠCH\nChung\n");

    // A saves; B has no unsaved change: B shows A's version.
    a.save("KẾ HOẠCH\nChung, A\n", "Chung, A".into(), 0);
    assert!(
        matches!(b.incoming(Some(key.clone()), &b_text), Incoming::Load(t) if t == "KẾ HOẠCH\nChung, A\n")
    );

    // B edits (unsaved) while A saves again: B is asked, and writes nothing meanwhile.
    a.save("KẾ HOẠCH\nChung, A lần hai\n", "x".into(), 0);
    let mine = "KẾ HOẠCH\nChung, B\n";
    assert!(matches!(
        b.incoming(Some(key.clone()), mine),
        Incoming::Conflict
    ));
    b.save(mine, "x".into(), 0);
    let stored = |id: &str| {
        let raw = raw()
            .get_item(&drafts::draft_key(id))
            .expect("get")
            .expect("present");
        kehoach_core::json::from_str::<Draft>(&raw)
            .expect("draft")
            .text
    };
    assert_eq!(stored(&id), "KẾ HOẠCH\nChung, A lần hai\n");
    // "Keep mine as a copy": B's text becomes a new draft; A's stays.
    b.keep_mine_as_copy(mine);
    let copy = b.open_id.get_untracked();
    assert_ne!(copy, id);
    b.save(mine, "x".into(), 0);
    assert_eq!(stored(&copy), mine);
    assert_eq!(stored(&id), "KẾ HOẠCH\nChung, A lần hai\n");

    // A saving from a revision B already overwrote (both wrote at once): A's save
    // refuses to overwrite, and A is asked.
    let (c, c_text) = Session::start(Lang::Vi);
    assert_eq!(c.open_id.get_untracked(), copy);
    b.save("KẾ HOẠCH\nChung, B hai\n", "x".into(), 0);
    c.save("KẾ HOẠCH\nChung, C\n", "x".into(), 0);
    assert!(c.conflict.get_untracked().is_some(), "{c_text}");
    assert_eq!(stored(&copy), "KẾ HOẠCH\nChung, B hai\n");
    // "Load theirs": C's text goes to the history first.
    let theirs = c.take_theirs("KẾ HOẠCH\nChung, C\n").expect("theirs");
    assert_eq!(theirs, "KẾ HOẠCH\nChung, B hai\n");
    let history = Store::new(Box::new(Local::open().expect("open"))).history(&copy, 0.0);
    assert!(history.iter().any(|s| s.text == "KẾ HOẠCH\nChung, C\n"));
    raw().clear().expect("clear");
}
