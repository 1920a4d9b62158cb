//! The check worker (`worker.js`): large texts are checked off the page's thread.
//!
//! The worker loads the check's own module, built for speed (`kehoach-check`,
//! `globalThis.kehoachCheck` gives its files), or else the page's module, and calls
//! `kehoach_check::check_in_worker` in it; the page
//! sends each new text with its version and shows a result only if it is for the
//! text now in the editor (`analysis::Requests`). Where a worker cannot start (an
//! old browser, a page opened from disk), the page checks on its own thread.

use kehoach_core::diagnostics::Lang;
use kehoach_core::settings::Settings;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What the worker said.
pub enum Reply {
    Result(String),
    Failed(String),
}

pub struct CheckWorker {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl CheckWorker {
    /// Starts the worker next to the page (`worker.js`, a relative URL, so the app
    /// works from any folder), telling it where the page's wasm is and, where the
    /// build has one (`globalThis.kehoachCheck`, set by the start script), the
    /// check's own faster module.
    pub fn start(on_reply: impl Fn(Reply) + 'static) -> Option<CheckWorker> {
        let document = web_sys::window()?.document()?;
        let href = |selector: &str| -> Option<String> {
            let el = document.query_selector(selector).ok()??;
            Some(el.dyn_into::<web_sys::HtmlLinkElement>().ok()?.href())
        };
        let glue = href("link[rel=modulepreload]")?;
        let wasm = href("link[rel=preload][as=fetch]")?;
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options("worker.js", &options).ok()?;
        let on_reply = std::rc::Rc::new(on_reply);
        let reply = on_reply.clone();
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let data = e.data();
                if let Some(json) = data.as_string() {
                    reply(Reply::Result(json));
                } else {
                    let failed = js_sys::Reflect::get(&data, &"failed".into())
                        .ok()
                        .and_then(|f| f.as_string())
                        .unwrap_or_default();
                    reply(Reply::Failed(failed));
                }
            });
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_e: web_sys::Event| {
            on_reply(Reply::Failed("worker error".into()));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let init = js_sys::Object::new();
        js_sys::Reflect::set(&init, &"glue".into(), &glue.into()).ok()?;
        js_sys::Reflect::set(&init, &"wasm".into(), &wasm.into()).ok()?;
        let fast = js_sys::Reflect::get(&js_sys::global(), &"kehoachCheck".into()).ok();
        if let Some(fast) = fast.filter(JsValue::is_object) {
            js_sys::Reflect::set(&init, &"check".into(), &fast).ok()?;
        }
        worker.post_message(&init).ok()?;
        Some(CheckWorker {
            worker,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Sends a text to be checked (a JS string: the editor's value as it is, not
    /// converted to Rust and back); false if it could not be sent.
    pub fn check(&self, version: u64, text: &JsValue, lang: Lang, settings: &Settings) -> bool {
        let m = js_sys::Object::new();
        let lang = match lang {
            Lang::Vi => "vi",
            Lang::En => "en",
        };
        js_sys::Reflect::set(&m, &"version".into(), &(version as f64).into()).is_ok()
            && js_sys::Reflect::set(&m, &"text".into(), text).is_ok()
            && js_sys::Reflect::set(&m, &"lang".into(), &lang.into()).is_ok()
            && js_sys::Reflect::set(&m, &"settings".into(), &settings.to_json().into()).is_ok()
            && self.worker.post_message(&m).is_ok()
    }
}

impl Drop for CheckWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}
