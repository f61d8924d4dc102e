//! The import panel: drop zone, file picker, the sample data button, and the list of what was
//! read, with every skipped row and every file that could not be read.

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use opsbrief_domain::dataset::{LoadedReport, add_report};
use opsbrief_domain::report::read_report;

use crate::app::state::{AppState, LoadProblem, ProblemMessage};
use crate::browser::files;
use crate::i18n::{Text, Translate};

/// Where the bundled sample reports are, relative to the page.
const SAMPLE_DIR: &str = "sample/";

/// Reads `bytes` as a report named `name` and adds it, or records why it could not be.
fn ingest(state: AppState, name: &str, bytes: &[u8]) {
    match read_report(name, bytes) {
        Ok(report) => {
            let mut added = false;
            state.reports.update(|all| added = add_report(all, report));
            if !added {
                push_problem(state, name, ProblemMessage::Text(Text::DuplicateFile));
            }
        }
        Err(err) => push_problem(state, name, ProblemMessage::Detail(err.to_string())),
    }
}

fn push_problem(state: AppState, file: &str, message: ProblemMessage) {
    state.problems.update(|p| p.push(LoadProblem { file: file.to_string(), message }));
}

/// Reads the dropped or picked files one after the other; a failing file never stops the others.
fn load_files(state: AppState, list: web_sys::FileList) {
    let files = files::files_of(&list);
    state.reading.update(|n| *n += files.len() as u32);
    spawn_local(async move {
        for file in files {
            match files::read_file(&file).await {
                Ok(bytes) => ingest(state, &file.name(), &bytes),
                Err(err) => push_problem(state, &err.name, ProblemMessage::Detail(err.message)),
            }
            state.reading.update(|n| *n = n.saturating_sub(1));
        }
    });
}

/// Fetches the bundled sample reports (listed in `sample/index.json`) and reads them like
/// dropped files, so the sample exercises the same path as the user's own data.
fn load_sample(state: AppState) {
    state.reading.update(|n| *n += 1);
    spawn_local(async move {
        let index = files::fetch_own_file(&format!("{SAMPLE_DIR}index.json")).await;
        let names: Vec<String> = match index.map(|b| serde_json::from_slice(&b)) {
            Ok(Ok(names)) => names,
            Ok(Err(err)) => {
                push_problem(state, "sample/index.json", ProblemMessage::Detail(err.to_string()));
                Vec::new()
            }
            Err(err) => {
                push_problem(state, &err.name, ProblemMessage::Detail(err.message));
                Vec::new()
            }
        };
        for name in names {
            match files::fetch_own_file(&format!("{SAMPLE_DIR}{name}")).await {
                Ok(bytes) => ingest(state, &name, &bytes),
                Err(err) => push_problem(state, &err.name, ProblemMessage::Detail(err.message)),
            }
        }
        state.reading.update(|n| *n = n.saturating_sub(1));
    });
}

/// The drop zone with its picker and sample button.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let state = AppState::get();
    // Counting enter/leave pairs keeps the highlight from flickering over child elements.
    let drag_depth = RwSignal::new(0i32);
    let input_ref = NodeRef::<leptos::html::Input>::new();

    view! {
        <section
            class="drop-zone no-print"
            class:dragging=move || { drag_depth.get() > 0 }
            data-testid="drop-zone"
            on:dragenter=move |ev: ev::DragEvent| {
                ev.prevent_default();
                drag_depth.update(|d| *d += 1);
            }
            on:dragover=move |ev: ev::DragEvent| ev.prevent_default()
            on:dragleave=move |ev: ev::DragEvent| {
                ev.prevent_default();
                drag_depth.update(|d| *d = (*d - 1).max(0));
            }
            on:drop=move |ev: ev::DragEvent| {
                ev.prevent_default();
                drag_depth.set(0);
                if let Some(list) = ev.data_transfer().and_then(|dt| dt.files()) {
                    load_files(state, list);
                }
            }
        >
            <p class="privacy" data-testid="privacy-promise">
                <span aria-hidden="true">"🔒 "</span>
                {state.t(Text::PrivacyPromise)}
            </p>
            <p>{state.t(Text::DropHere)}</p>
            <div class="buttons">
                <label class="button">
                    {state.t(Text::ChooseFiles)}
                    <input
                        node_ref=input_ref
                        class="visually-hidden"
                        type="file"
                        multiple
                        accept=".csv,.txt,.tsv,.xlsx,.json"
                        data-testid="file-input"
                        on:change=move |_| {
                            if let Some(input) = input_ref.get() {
                                if let Some(list) = input.files() {
                                    load_files(state, list);
                                }
                                input.set_value("");
                            }
                        }
                    />
                </label>
                <button type="button" data-action="load-sample" on:click=move |_| load_sample(state)>
                    {state.t(Text::LoadSample)}
                </button>
            </div>
            <p class="status" role="status" aria-live="polite">
                {move || (state.reading.get() > 0).then(|| state.t(Text::Loading)())}
            </p>
        </section>
        <Problems />
        <LoadedReports />
    }
}

/// Files that failed, and duplicates that were ignored.
#[component]
fn Problems() -> impl IntoView {
    let state = AppState::get();
    view! {
        <Show when=move || !state.problems.with(Vec::is_empty)>
            <section class="problems" role="alert" data-testid="load-problems">
                <ul>
                    {move || {
                        state
                            .problems
                            .get()
                            .into_iter()
                            .map(|p| {
                                let message = match p.message {
                                    ProblemMessage::Text(text) => text.get(state.lang.get()).to_string(),
                                    ProblemMessage::Detail(detail) => detail,
                                };
                                let label = p.file.clone();
                                view! {
                                    <li data-file=p.file>
                                        <strong>{label}</strong>": "{message}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </section>
        </Show>
    }
}

/// The table of loaded reports, one row per file, with the skipped rows under each.
#[component]
fn LoadedReports() -> impl IntoView {
    let state = AppState::get();
    let t = move |text: Text| state.t(text);
    view! {
        <section class="loaded" aria-labelledby="loaded-title">
            <h3 id="loaded-title">{t(Text::LoadedFiles)}</h3>
            <Show
                when=move || !state.reports.with(Vec::is_empty)
                fallback=move || view! { <p class="empty">{t(Text::NoFilesYet)}</p> }
            >
                <table class="files" data-testid="loaded-reports">
                    <thead>
                        <tr>
                            <th scope="col">{t(Text::ColFile)}</th>
                            <th scope="col">{t(Text::ColKind)}</th>
                            <th scope="col">{t(Text::ColMarketplace)}</th>
                            <th scope="col">{t(Text::ColPeriod)}</th>
                            <th scope="col" class="num">{t(Text::ColRows)}</th>
                            <th scope="col" class="num">{t(Text::ColSkipped)}</th>
                            <th scope="col" class="no-print"><span class="visually-hidden">{t(Text::Remove)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || state.reports.get()
                            key=|r| (r.fingerprint, r.kind)
                            children=move |report: LoadedReport| view! { <ReportRow report /> }
                        />
                    </tbody>
                </table>
            </Show>
        </section>
    }
}

#[component]
fn ReportRow(report: LoadedReport) -> impl IntoView {
    let state = AppState::get();
    let fingerprint = report.fingerprint;
    let period = match report.period {
        Some(p) => p.to_string(),
        None => String::new(),
    };
    let has_period = report.period.is_some();
    let skipped = report.skipped.clone();
    let file_name = report.file_name.clone();
    view! {
        <tr data-report-kind=report.kind.id() data-file=report.file_name.clone()>
            <th scope="row" class="file-name">{report.file_name.clone()}</th>
            <td title=report.kind.title()>{report.kind.id()}</td>
            <td>{report.marketplace.map(|m| m.code()).unwrap_or("–")}</td>
            <td>
                {if has_period {
                    period.into_any()
                } else {
                    view! { <em>{state.t(Text::PeriodUnknown)}</em> }.into_any()
                }}
            </td>
            <td class="num" data-rows=report.rows_read>{report.rows_read}</td>
            <td class="num" data-skipped=report.rows_skipped>{report.rows_skipped}</td>
            <td class="no-print">
                <button
                    type="button"
                    class="link"
                    aria-label=move || format!("{} {}", state.t(Text::Remove)(), file_name)
                    on:click=move |_| state.reports.update(|all| all.retain(|r| r.fingerprint != fingerprint))
                >
                    {state.t(Text::Remove)}
                </button>
            </td>
        </tr>
        {(!skipped.is_empty())
            .then(|| {
                view! {
                    <tr class="skipped">
                        <td colspan="7">
                            <details>
                                <summary>{state.t(Text::SkippedRows)}" ("{report.rows_skipped}")"</summary>
                                <ul>
                                    {skipped
                                        .into_iter()
                                        .map(|s| {
                                            view! {
                                                <li data-line=s.line>
                                                    {state.t(Text::Line)}" "{s.line}": "{s.reason}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </details>
                        </td>
                    </tr>
                }
            })}
    }
}
