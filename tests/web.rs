//! Browser-only code, tested in headless Chromium with wasm-bindgen-test:
//! `cargo test -p opsbrief --target wasm32-unknown-unknown` (the Makefile sets CHROMEDRIVER).

use opsbrief::browser::storage::{self, StorageError};
use opsbrief::i18n::{Lang, Text, Translate};
use opsbrief_domain::store::{StorageKey, decode, encode};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn clear() {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.clear();
    }
}

#[wasm_bindgen_test]
fn storage_round_trips_a_value() {
    clear();
    assert!(storage::available());
    storage::set("opsbrief.test.key", "值 value").unwrap();
    assert_eq!(storage::get("opsbrief.test.key").as_deref(), Some("值 value"));
    storage::remove("opsbrief.test.key");
    assert_eq!(storage::get("opsbrief.test.key"), None);
}

#[wasm_bindgen_test]
fn a_full_quota_is_reported_and_the_previous_value_is_kept() {
    clear();
    storage::set("opsbrief.test.kept", "previous").unwrap();
    // Chromium gives a page about 5 MB (UTF-16, so 10 MiB of bytes); 12 MiB of text cannot fit.
    let too_big = "x".repeat(12 * 1024 * 1024);
    assert_eq!(storage::set("opsbrief.test.kept", &too_big), Err(StorageError::QuotaExceeded));
    assert_eq!(storage::get("opsbrief.test.kept").as_deref(), Some("previous"));
    clear();
}

#[wasm_bindgen_test]
fn every_text_exists_in_both_languages() {
    for text in [Text::PrivacyPromise, Text::NavMeeting, Text::LoadSample] {
        assert!(!text.get(Lang::En).is_empty());
        assert_ne!(text.get(Lang::En), text.get(Lang::Zh));
    }
    assert_eq!(Lang::from_preferences(["zh-CN", "en"]), Lang::Zh);
}

async fn next_frame() {
    leptos::task::tick().await;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[wasm_bindgen_test]
async fn the_app_switches_language_and_stores_the_choice() {
    clear();
    // The language is stored in the workspace's envelope, like every other value.
    storage::set(StorageKey::Lang.as_str(), &encode(StorageKey::Lang, &"en").unwrap()).unwrap();
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), opsbrief::app::App);
    next_frame().await;

    let nav_text = || document.query_selector("nav a[data-page=meeting]").unwrap().unwrap().text_content().unwrap();
    assert_eq!(nav_text(), "Meeting");
    let switch: web_sys::HtmlElement =
        document.query_selector("[data-action=switch-language]").unwrap().unwrap().unchecked_into();
    switch.click();
    next_frame().await;
    assert_eq!(nav_text(), "会议");
    let stored = storage::get(StorageKey::Lang.as_str()).unwrap();
    assert_eq!(decode::<String>(StorageKey::Lang, &stored).as_deref(), Ok("zh-CN"));
    // Stored so that the workspace reads it without a problem (nothing to quarantine).
    let (workspace, problems) = opsbrief_domain::store::Workspace::load(storage::get);
    assert_eq!((workspace.lang.as_deref(), problems.len()), (Some("zh-CN"), 0));
    assert_eq!(document.document_element().unwrap().get_attribute("lang").as_deref(), Some("zh-CN"));
    drop(handle);
    host.remove();
    clear();
}

#[wasm_bindgen_test]
fn the_page_knows_which_worker_events_end_a_job() {
    use opsbrief::worker::{WorkerEvent, ends_job};
    let variant = |event: &WorkerEvent| postcard::to_allocvec(event).map(|b| u32::from(b[0])).unwrap_or(u32::MAX);
    assert!(!ends_job(variant(&WorkerEvent::Ready)));
    assert!(!ends_job(variant(&WorkerEvent::Progress { id: 1, bytes: 0, total: 0, rows: 0 })));
    assert!(ends_job(variant(&WorkerEvent::Cancelled { id: 1 })));
    assert!(ends_job(variant(&WorkerEvent::ReadFailed { id: 1, file_name: String::new(), message: String::new() })));
}
