//! The check as a bare wasm module, for `scripts/bench-wasm.mjs` (`make bench-wasm`):
//! the same `kehoach_core::check` the native benchmark times, built for
//! wasm32 with no bindings, so the script compares the two on the same text.
//! JavaScript writes the text into the buffer `bench_input` returns, then calls
//! `bench_check`. (Built natively too, by `cargo test --workspace`, where nothing
//! calls it.)
use std::sync::Mutex;

static INPUT: Mutex<Vec<u8>> = Mutex::new(Vec::new());

/// A buffer of `len` bytes for the text; where it is in the module's memory.
#[no_mangle]
pub extern "C" fn bench_input(len: usize) -> *mut u8 {
    let mut input = INPUT.lock().unwrap_or_else(|e| e.into_inner());
    input.clear();
    input.resize(len, 0);
    input.as_mut_ptr()
}

/// Checks the text in the buffer; the number of findings, or `usize::MAX` if it is
/// not UTF-8.
#[no_mangle]
pub extern "C" fn bench_check() -> usize {
    let input = INPUT.lock().unwrap_or_else(|e| e.into_inner());
    match std::str::from_utf8(&input) {
        Ok(text) => kehoach_core::check(text).diagnostics.len(),
        Err(_) => usize::MAX,
    }
}
