//! Offline and updates: registers the service worker (`sw.js`, which
//! scripts/finish-dist.mjs writes into release builds) and, when a new version has
//! been installed beside the running one, offers to switch to it.
//!
//! The running page never mixes versions: the new version waits until the user
//! chooses "Tải lại" (the page saves the draft on unload, as on any reload); only
//! then does it take over, and this tab reloads into it.

use crate::i18n::{t, Key};
use kehoach_core::diagnostics::Lang;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};

/// How often an open page asks the server for a new version (besides each load).
const UPDATE_CHECK_MS: i32 = 60 * 60 * 1000;

/// The browser's service workers, where the page may have one: not in a page opened
/// from disk (`make single`) or over plain http from another machine.
fn container() -> Option<ServiceWorkerContainer> {
    let window = web_sys::window()?;
    if !window.is_secure_context() || window.location().protocol().ok()?.starts_with("file") {
        return None;
    }
    let navigator = window.navigator();
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .ok()?
        .then(|| navigator.service_worker())
}

/// The banner "Đã có phiên bản mới — Tải lại", shown while a new version waits.
#[component]
pub fn UpdateNotice(lang: RwSignal<Lang>) -> impl IntoView {
    let waiting = StoredValue::new_local(None::<ServiceWorker>);
    let ready = RwSignal::new(false);
    let reload_asked = StoredValue::new_local(false);
    if let Some(container) = container() {
        watch_takeover(&container, reload_asked);
        register(container, move |worker| {
            waiting.set_value(Some(worker));
            ready.set(true);
        });
    }
    let reload = move |_| {
        let Some(worker) = waiting.get_value() else {
            return;
        };
        if worker.state() == ServiceWorkerState::Activated {
            // Another tab already switched: this one only needs to reload.
            reload_page();
        } else {
            reload_asked.set_value(true);
            let _ = worker.post_message(&JsValue::from_str("skip-waiting"));
        }
    };
    view! {
        <Show when=move || ready.get()>
            <p class="update" role="status">
                {move || t(lang.get(), Key::NewVersion)} " — "
                <button type="button" on:click=reload>{move || t(lang.get(), Key::Reload)}</button>
            </p>
        </Show>
    }
}

/// Registers `sw.js` (relative: its scope is the app's folder) and calls
/// `on_waiting` with a new version once it is installed and waiting. A page with no
/// controller yet gets its first version at once and is never offered a reload.
fn register(
    container: ServiceWorkerContainer,
    on_waiting: impl Fn(ServiceWorker) + Clone + 'static,
) {
    let controlled = container.controller().is_some();
    let registering = container.register("sw.js");
    leptos::task::spawn_local(async move {
        // A debug build (`make dev`) has no sw.js: nothing to register.
        let Ok(registration) = wasm_bindgen_futures::JsFuture::from(registering).await else {
            return;
        };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        if !controlled {
            return;
        }
        if let Some(worker) = registration.waiting() {
            on_waiting(worker); // installed during an earlier visit
        } else if let Some(worker) = registration.installing() {
            when_installed(worker, on_waiting.clone()); // found by this page's load
        }
        let found = registration.clone();
        let on_found = Closure::<dyn FnMut()>::new(move || {
            if let Some(worker) = found.installing() {
                when_installed(worker, on_waiting.clone());
            }
        });
        registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        on_found.forget(); // for the page's life
        let check = Closure::<dyn FnMut()>::new(move || {
            let _ = registration.update();
        });
        if let Some(window) = web_sys::window() {
            let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
                check.as_ref().unchecked_ref(),
                UPDATE_CHECK_MS,
            );
        }
        check.forget(); // for the page's life
    });
}

/// Calls `on_waiting` when `worker` has finished installing.
fn when_installed(worker: ServiceWorker, on_waiting: impl Fn(ServiceWorker) + 'static) {
    let watched = worker.clone();
    let on_state = Closure::<dyn FnMut()>::new(move || {
        if watched.state() == ServiceWorkerState::Installed {
            on_waiting(watched.clone());
        }
    });
    worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
    on_state.forget(); // one per new version
}

/// Reloads this tab when the version it asked for takes over. Other tabs of the app
/// keep running (their notice stays; its button then only reloads).
fn watch_takeover(
    container: &ServiceWorkerContainer,
    reload_asked: StoredValue<bool, LocalStorage>,
) {
    let on_change = Closure::<dyn FnMut()>::new(move || {
        if reload_asked.get_value() {
            reload_page();
        }
    });
    container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget(); // for the page's life
}

fn reload_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
