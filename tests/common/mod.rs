//! Shared by the tests that read the app's source (`module_cycles.rs`,
//! `page_module.rs`).

/// A file's code: without comments and without its `#[cfg(test)] mod tests`.
pub fn code(text: &str) -> String {
    let text = text
        .find("#[cfg(test)]\nmod tests")
        .map_or(text, |at| &text[..at]);
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}
