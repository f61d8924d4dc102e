//! What every Brief table shares: its frame (heading, CSV button, a box that scrolls sideways on
//! narrow screens), its header row, and sortable column headers.


use leptos::prelude::*;
use opsbrief_domain::metrics::export::{EXCEL_BOM, Table, table_to_csv};

use crate::app::state::AppState;
use crate::browser::download;
use crate::i18n::{BriefText, Lang, Translate};


/// The frame of a Brief table: a heading with the table's CSV button, then `children` (the table,
/// or a remark when it is empty) in a box that scrolls sideways on narrow screens. The block never
/// splits across printed pages.
#[component]
pub fn TableBlock<T, F>(
    /// The heading, already in the UI's language.
    title: String,
    /// The table's name in the CSV file name and in `data-list`.
    csv_name: &'static str,
    /// The rows the CSV button exports.
    rows: F,
    children: Children,
) -> impl IntoView
where
    T: Table + 'static,
    F: Fn() -> Vec<T> + Send + Sync + 'static,
{
    view! {
        <div class="table-block keep-together" data-list=csv_name>
            <div class="table-head">
                <h4>{title}</h4>
                <CsvButton name=csv_name rows />
            </div>
            <div class="table-scroll">{children()}</div>
        </div>
    }
}

/// How many rows a Brief table shows. A search term report can yield tens of thousands of
/// candidates: rendering them all would take minutes and gigabytes, and nobody reads past the
/// top. The rows are ranked by the domain, and the CSV button still exports every one.
pub const MAX_ROWS_SHOWN: usize = 100;

/// "Showing the first 100 of 12,345 rows; the CSV has every row", when a table is cut.
pub fn cut_note(total: usize, lang: Lang) -> Option<impl IntoView + use<>> {
    (total > MAX_ROWS_SHOWN).then(|| {
        view! {
            <p class="cut-note" data-testid="cut-note">
                {format!(
                    "{} {MAX_ROWS_SHOWN} / {total} {}",
                    BriefText::ShowingFirst.get(lang),
                    BriefText::RowsInCsv.get(lang),
                )}
            </p>
        }
    })
}

/// A table's header row of plain labels; `true` marks a numeric, right-aligned column.
pub fn header_row<T: Translate>(columns: &[(T, bool)], lang: Lang) -> impl IntoView + use<T> {
    let cells = columns
        .iter()
        .map(|&(label, numeric)| view! { <th scope="col" class:num=numeric>{label.get(lang)}</th> })
        .collect_view();
    view! {
        <thead>
            <tr>{cells}</tr>
        </thead>
    }
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
