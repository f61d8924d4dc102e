//! Registers the service worker (`sw.js`) that keeps the page usable offline after the first visit.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Registers `./sw.js` (relative, so it works from any sub-path). Does nothing where the browser
/// offers no service workers (an insecure origin, some private modes); the page still works
/// online there. Failures are logged, never shown: offline use is a convenience, not a promise.
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else { return };
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return;
    }
    let promise = navigator.service_worker().register("./sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = JsFuture::from(promise).await {
            web_sys::console::warn_2(&"OpsBrief: offline mode unavailable:".into(), &e);
        }
    });
}
