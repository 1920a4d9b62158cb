//! parse + validate + fix on arbitrary bytes: no panic, spans inside the text,
//! safe fixes idempotent, both renderers total.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let report = kehoach_core::check(&text);
    for d in &report.diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= text.len());
        assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
    }
    let fixed = kehoach_core::fix::apply_safe_fixes(&text);
    assert_eq!(kehoach_core::fix::apply_safe_fixes(&fixed), fixed);
    let _ = kehoach_core::render::text::to_text(&report.plan);
    let json = kehoach_core::render::json::to_json(&report.plan);
    assert_eq!(kehoach_core::render::json::from_json(&json).ok().as_ref(), Some(&report.plan));
});
