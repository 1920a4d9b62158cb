fn main() {
    console_error_panic_hook::set_once();
    // The check worker loads this same wasm: there is no page to mount in it.
    if web_sys::window().is_some() {
        leptos::mount::mount_to_body(kehoach::app::App);
    }
}
