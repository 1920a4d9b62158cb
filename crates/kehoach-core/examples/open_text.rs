//! Prints a file's text as the app opens it (a `.docx` read through `import`).
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("readable file");
        match kehoach_core::import::open_file(&path, &bytes) {
            Ok(text) => print!("{text}"),
            Err(e) => eprintln!("{path}: {}", e.message().vi),
        }
    }
}
