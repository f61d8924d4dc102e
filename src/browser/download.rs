//! Saving bytes as a file the user downloads: a Blob behind a temporary object URL and a clicked
//! `<a download>`. Nothing leaves the page and no request is made.

use std::time::Duration;

use js_sys::{Array, Uint8Array};
use leptos::prelude::{document, set_timeout};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Offers `bytes` as a download named `name` with the MIME type `mime`.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let anchor: HtmlAnchorElement = document().create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_class_name("visually-hidden");
    if let Some(body) = document().body() {
        body.append_child(&anchor)?;
        anchor.click();
        anchor.remove();
    }
    // The browser has started the download by the time the timer fires; revoking then frees the
    // blob without cutting the download short (some browsers read the URL asynchronously).
    set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        Duration::from_secs(5),
    );
    Ok(())
}

/// Offers `text` as a UTF-8 download.
pub fn download_text(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    download_bytes(name, mime, text.as_bytes())
}

/// Today's local date as `YYYY-MM-DD`, for the names of downloaded files.
pub fn file_date() -> String {
    crate::browser::clock::today().format("%Y-%m-%d").to_string()
}
