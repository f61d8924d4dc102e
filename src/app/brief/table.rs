//! What every Brief table shares: a CSV button and sortable column headers.


use leptos::prelude::*;
use opsbrief_domain::metrics::export::{EXCEL_BOM, Table, table_to_csv};

use crate::app::state::AppState;
use crate::browser::download;
use crate::i18n::{BriefText, Translate};


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
                let file = format!("opsbrief-{name}-{}.csv", download::file_date());
                if let Err(err) = download::download_text(&file, "text/csv;charset=utf-8", &csv) {
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
