//! Copying to the clipboard, with an HTML flavour beside the plain text so a brief pastes with
//! its headings and tables into Feishu, DingTalk and WeCom documents.
//!
//! It uses the `copy` event: during `document.execCommand("copy")` the page may put any flavours
//! on the event's `clipboardData`. Unlike the async Clipboard API this needs no permission prompt
//! and works the same in every current browser for a copy started by a click.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, HtmlDocument};

thread_local! {
    static PENDING: RefCell<Option<(String, Option<String>)>> = const { RefCell::new(None) };
}

/// Puts `text` (and `html`, when given, as `text/html`) on the clipboard. Must be called from a
/// user's click or key press, as browsers only allow copying then.
pub fn copy(text: &str, html: Option<&str>) -> Result<(), String> {
    let document: HtmlDocument = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?
        .dyn_into()
        .map_err(|_| "not an HTML document")?;
    PENDING.with(|p| *p.borrow_mut() = Some((text.to_string(), html.map(str::to_string))));
    let listener = Closure::<dyn FnMut(ClipboardEvent)>::new(|event: ClipboardEvent| {
        if let (Some(data), Some((text, html))) = (event.clipboard_data(), PENDING.with(|p| p.borrow_mut().take())) {
            let _ = data.set_data("text/plain", &text);
            if let Some(html) = html {
                let _ = data.set_data("text/html", &html);
            }
            event.prevent_default();
        }
    });
    let target: &web_sys::EventTarget = document.as_ref();
    let _ = target.add_event_listener_with_callback("copy", listener.as_ref().unchecked_ref());
    let copied = document.exec_command("copy").map_err(|e| format!("{e:?}"));
    let _ = target.remove_event_listener_with_callback("copy", listener.as_ref().unchecked_ref());
    PENDING.with(|p| p.borrow_mut().take());
    match copied {
        Ok(true) => Ok(()),
        Ok(false) => Err("the browser refused to copy".to_string()),
        Err(e) => Err(e),
    }
}
