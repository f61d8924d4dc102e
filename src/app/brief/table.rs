//! What every Brief table shares: a CSV button, sortable column headers, and file downloads.

use std::time::Duration;

use leptos::prelude::*;
use opsbrief_domain::metrics::export::{EXCEL_BOM, Table, table_to_csv};
use wasm_bindgen::{JsCast, JsValue};

use crate::app::state::AppState;
use crate::i18n::{BriefText, Translate};

/// Saves `text` as a file named `name`: a Blob behind an object URL and a clicked `<a download>`,
/// so nothing leaves the page and no request is made.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let doc = document();
    let anchor: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_class_name("visually-hidden");
    if let Some(body) = doc.body() {
        body.append_child(&anchor)?;
        anchor.click();
        anchor.remove();
    }
    // The browser has started the download by the time the timer fires; revoking then frees the
    // blob without cutting the download short.
    set_timeout(move || { let _ = web_sys::Url::revoke_object_url(&url); }, Duration::from_secs(2));
    Ok(())
}

/// Today's local date as `YYYY-MM-DD`, for file names.
pub fn file_date() -> String {
    crate::browser::clock::today().format("%Y-%m-%d").to_string()
}

/// A button that downloads `rows()` as a CSV named `opsbrief-<name>-<date>.csv`, UTF-8 with the
/// byte order mark Excel needs, formula-like cells escaped by the domain.
#[component]
pub fn CsvButton<T, F>(name: &'static str, rows: F) -> impl IntoView
where
    T: Table + 'static,
    F: Fn() -> Vec<T> + Send + Sync + 'static,
{
    let state = AppState::get();
    let label = move || format!("{} {}", BriefText::ExportCsv.get(state.lang.get()), name);
    view! {
        <button
            type="button"
            class="csv-button secondary no-print"
            data-action="export-csv"
            data-table=name
            aria-label=label
            on:click=move |_| {
                let csv = format!("{EXCEL_BOM}{}", table_to_csv(&rows()));
                let file = format!("opsbrief-{name}-{}.csv", file_date());
                if let Err(err) = download(&file, "text/csv;charset=utf-8", &csv) {
                    leptos::logging::error!("CSV download failed: {err:?}");
                }
            }
        >
            {state.t(BriefText::ExportCsv)}
        </button>
    }
}

/// A column header that sorts its table: a button inside `<th>` (keyboard reachable) and
/// `aria-sort` saying the current order. Clicking the sorted column again reverses it.
#[component]
pub fn SortHeader<K>(
    label: BriefText,
    key: K,
    name: &'static str,
    sort: RwSignal<(K, bool)>,
    #[prop(optional)] numeric: bool,
) -> impl IntoView
where
    K: Copy + PartialEq + Send + Sync + 'static,
{
    let state = AppState::get();
    let aria = move || {
        let (k, asc) = sort.get();
        if k == key {
            if asc { "ascending" } else { "descending" }
        } else {
            "none"
        }
    };
    let arrow = move || {
        let (k, asc) = sort.get();
        if k == key {
            if asc { " ▲" } else { " ▼" }
        } else {
            ""
        }
    };
    view! {
        <th scope="col" class:num=numeric aria-sort=aria>
            <button
                type="button"
                class="sort"
                data-sort=name
                on:click=move |_| {
                    sort.update(|(k, asc)| {
                        if *k == key {
                            *asc = !*asc;
                        } else {
                            *k = key;
                            // Numbers read best largest first; text from A.
                            *asc = !numeric;
                        }
                    })
                }
            >
                {state.t(label)}
                <span aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}
