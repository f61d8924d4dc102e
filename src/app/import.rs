//! The import panel: drop zone, file picker, the sample data button, and the list of what was
//! read, with every skipped row and every file that could not be read.

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use opsbrief_domain::dataset::{LoadedReport, Marketplace, Period, ReportData, SkippedRow, add_report};
use opsbrief_domain::report::{ImportErrorKind, ReportKind};

use crate::app::mapping;
use crate::app::state::{AppState, ImportJob, LoadProblem, ProblemMessage};
use crate::app::workspace::WorkspaceState;
use crate::browser::files;
use crate::browser::ingest_worker::{self, WorkerEvent};
use crate::i18n::{Lang, MapText, Text, Translate};

/// Where the bundled sample reports are, relative to the page.
const SAMPLE_DIR: &str = "sample/";

/// Adds a read report, or says it was a duplicate.
fn add(state: AppState, report: LoadedReport, parse_ms: Option<f64>) {
    let (name, fingerprint) = (report.file_name.clone(), report.fingerprint);
    let mut added = false;
    state.reports.update(|all| added = add_report(all, report));
    if !added {
        push_problem(state, &name, ProblemMessage::Text(Text::DuplicateFile));
    } else if let Some(ms) = parse_ms {
        state.parse_ms.update(|t| t.push((fingerprint, ms)));
    }
}

fn push_problem(state: AppState, file: &str, message: ProblemMessage) {
    state.problems.update(|p| p.push(LoadProblem { file: file.to_string(), message, mappable: false }));
}

thread_local! {
    /// The file of each job being read, so a file that turns out unknown can be offered for a
    /// column mapping and read again.
    static JOB_FILES: std::cell::RefCell<std::collections::HashMap<u32, web_sys::File>> = Default::default();
}

/// Removes job `id` from the list and returns its file name.
fn end_job(state: AppState, id: u32) -> String {
    JOB_FILES.with(|f| f.borrow_mut().remove(&id));
    let mut name = String::new();
    state.jobs.update(|jobs| {
        if let Some(i) = jobs.iter().position(|j| j.id == id) {
            name = jobs.remove(i).file_name;
        }
    });
    name
}

/// Applies what the import worker reports to the page's state.
fn on_worker_event(state: AppState, event: WorkerEvent) {
    match event {
        WorkerEvent::Ready => {}
        WorkerEvent::Progress { id, bytes, total, rows } => state.jobs.update(|jobs| {
            if let Some(job) = jobs.iter_mut().find(|j| j.id == id) {
                (job.bytes, job.total, job.rows) = (bytes, total, rows);
            }
        }),
        WorkerEvent::Done { id, mut report, ads_rows, parse_ms } => {
            end_job(state, id);
            if let Some(rows) = ads_rows
                && let ReportData::Ads(ads) = &mut report.data
            {
                ads.rows = rows.into_rows();
            }
            add(state, *report, Some(parse_ms));
        }
        WorkerEvent::Failed { id, error } => {
            let file = JOB_FILES.with(|f| f.borrow_mut().remove(&id));
            let name = end_job(state, id);
            let mappable = matches!(error.kind, ImportErrorKind::UnknownReport { .. });
            if let (true, Some(file)) = (mappable, file) {
                mapping::remember_unmapped(file);
            }
            let problem = LoadProblem { file: name, message: ProblemMessage::Import(error), mappable };
            state.problems.update(|p| p.push(problem));
        }
        WorkerEvent::ReadFailed { id, file_name, message } => {
            end_job(state, id);
            push_problem(state, &file_name, ProblemMessage::Detail(message));
        }
        WorkerEvent::Cancelled { id } => {
            let name = end_job(state, id);
            push_problem(state, &name, ProblemMessage::Text(Text::Cancelled));
        }
        // Answered to the mapping dialog by the worker's client; never reaches here.
        WorkerEvent::Preview { .. } => {}
    }
}

/// The handler of the import worker's events, for whoever starts the worker first.
pub(crate) fn worker_handler(state: AppState) -> impl Fn(WorkerEvent) + 'static {
    move |event| on_worker_event(state, event)
}

/// A job number, unique for the page's lifetime (imports and previews share the sequence, so a
/// cancel never reaches the wrong job).
pub(crate) fn next_job_id() -> u32 {
    thread_local! {
        static NEXT_ID: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
    }
    NEXT_ID.with(|n| n.replace(n.get() + 1))
}

/// Hands each file to the import worker, which reads them one after the other; a failing file
/// never stops the others. Files are never parsed on the main thread: that would freeze the page
/// on a large file and put the whole parser into the UI's bundle a second time.
fn load_files(state: AppState, files: Vec<web_sys::File>, mappings: &str) {
    for file in files {
        let id = next_job_id();
        state.jobs.update(|jobs| {
            jobs.push(ImportJob { id, file_name: file.name(), bytes: 0, total: file.size() as u64, rows: 0 })
        });
        JOB_FILES.with(|f| f.borrow_mut().insert(id, file.clone()));
        if let Err(detail) = ingest_worker::start(id, &file, mappings, move |event| on_worker_event(state, event)) {
            end_job(state, id);
            push_problem(state, &file.name(), ProblemMessage::Detail(format!("{}: {detail}", Text::WorkerUnavailable.get(state.lang.get_untracked()))));
        }
    }
}

/// Fetches the bundled sample reports (listed in `sample/index.json`) and reads them like
/// dropped files, so the sample exercises the same path as the user's own data.
fn load_sample(state: AppState, mappings: String) {
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
        let mut sample = Vec::new();
        for name in names {
            match files::fetch_own_file(&format!("{SAMPLE_DIR}{name}")).await.and_then(|b| files::file_from_bytes(&name, &b)) {
                Ok(file) => sample.push(file),
                Err(err) => push_problem(state, &err.name, ProblemMessage::Detail(err.message)),
            }
        }
        load_files(state, sample, &mappings);
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
    let ws = use_context::<WorkspaceState>();
    // The unknown file whose columns are being mapped.
    let mapping_open = RwSignal::new(None::<String>);
    let read_mapped = Callback::new(move |name: String| {
        state.problems.update(|p| p.retain(|p| p.file != name));
        if let Some(file) = mapping::take_unmapped(&name) {
            load_files(state, vec![file], &mapping::mappings_json(ws));
        }
    });

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
                    load_files(state, files::files_of(&list), &mapping::mappings_json(ws));
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
                                    load_files(state, files::files_of(&list), &mapping::mappings_json(ws));
                                }
                                input.set_value("");
                            }
                        }
                    />
                </label>
                <button type="button" data-action="load-sample" on:click=move |_| load_sample(state, mapping::mappings_json(ws))>
                    {state.t(Text::LoadSample)}
                </button>
            </div>
            <p class="status" role="status" aria-live="polite">
                {move || {
                    (state.reading.get() > 0 || !state.jobs.with(Vec::is_empty)).then(|| state.t(Text::Loading)())
                }}
            </p>
        </section>
        <Jobs />
        <Problems mapping_open />
        <mapping::MappingDialog open=mapping_open on_apply=read_mapped />
        <LoadedReports />
    }
}

/// The files being read, each with a progress bar (bytes and rows) and a cancel button.
#[component]
fn Jobs() -> impl IntoView {
    let state = AppState::get();
    view! {
        <ul class="jobs" data-testid="import-jobs">
            // Keyed by id only, so a progress update changes the figures in place and never
            // recreates the row (a keyboard user's focus on Cancel stays put).
            <For
                each=move || state.jobs.get()
                key=|job| job.id
                children=move |job: ImportJob| {
                    let id = job.id;
                    let figure = move |f: fn(&ImportJob) -> u64| {
                        state.jobs.with(|jobs| jobs.iter().find(|j| j.id == id).map(f).unwrap_or(0))
                    };
                    let label = format!("{} {}", state.t(Text::ReadingFile)(), job.file_name);
                    view! {
                        <li class="job" data-job=id>
                            <span class="file-name">{job.file_name.clone()}</span>
                            <progress
                                max=move || figure(|j| j.total).max(1)
                                value=move || figure(|j| j.bytes)
                                aria-label=label
                            ></progress>
                            <span class="job-figures">
                                {move || format_mb(figure(|j| j.bytes))}" / "{format_mb(job.total)}" MB · "
                                {move || figure(|j| j.rows)}" "{state.t(Text::RowsSoFar)}
                            </span>
                            <button
                                type="button"
                                class="secondary"
                                data-action="cancel-import"
                                on:click=move |_| ingest_worker::cancel(id)
                            >
                                {state.t(Text::Cancel)}
                            </button>
                        </li>
                    }
                }
            />
        </ul>
    }
}

fn format_mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_048_576.0)
}

/// Files that failed, and duplicates that were ignored.
#[component]
fn Problems(mapping_open: RwSignal<Option<String>>) -> impl IntoView {
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
                                    ProblemMessage::Import(error) => match state.lang.get() {
                                        Lang::En => error.to_string(),
                                        Lang::Zh => error.to_chinese(),
                                    },
                                };
                                let label = p.file.clone();
                                let name = p.file.clone();
                                view! {
                                    <li data-file=p.file>
                                        <strong>{label}</strong>": "{message}
                                        {p.mappable.then(|| view! {
                                            " "
                                            <button
                                                type="button"
                                                class="secondary"
                                                data-action="map-columns"
                                                on:click=move |_| {
                                                    mapping_open.set(Some(name.clone()));
                                                    // Keyboard users land in the dialog, not behind it.
                                                    request_animation_frame(|| crate::app::meeting::focus_element("mapping-title"));
                                                }
                                            >
                                                {state.t(MapText::MapColumns)}
                                            </button>
                                        })}
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
                            each=move || state.reports.with(|all| all.iter().map(ReportSummary::from).collect::<Vec<_>>())
                            // The period is in the key so that a period typed in for a report
                            // without dates redraws its row.
                            key=|r| (r.fingerprint, r.kind, r.period)
                            children=move |report: ReportSummary| view! { <ReportRow report /> }
                        />
                    </tbody>
                </table>
            </Show>
        </section>
    }
}

/// What the table of loaded reports shows of a report: everything but its aggregated data, so
/// listing the reports never copies rows (a search term report can hold half a million).
#[derive(Clone, Debug, PartialEq)]
struct ReportSummary {
    file_name: String,
    kind: ReportKind,
    marketplace: Option<Marketplace>,
    period: Option<Period>,
    rows_read: u64,
    rows_skipped: u64,
    skipped: Vec<SkippedRow>,
    fingerprint: u64,
}

impl From<&LoadedReport> for ReportSummary {
    fn from(r: &LoadedReport) -> ReportSummary {
        ReportSummary {
            file_name: r.file_name.clone(),
            kind: r.kind,
            marketplace: r.marketplace,
            period: r.period,
            rows_read: r.rows_read,
            rows_skipped: r.rows_skipped,
            skipped: r.skipped.clone(),
            fingerprint: r.fingerprint,
        }
    }
}

#[component]
fn ReportRow(report: ReportSummary) -> impl IntoView {
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
        <tr
            data-report-kind=report.kind.id()
            data-file=report.file_name.clone()
            data-parse-ms=move || {
                state.parse_ms.with(|t| t.iter().find(|(f, _)| *f == fingerprint).map(|(_, ms)| ms.to_string()))
            }
        >
            <th scope="row" class="file-name">{report.file_name.clone()}</th>
            <td title=report.kind.title()>{report.kind.id()}</td>
            <td>{report.marketplace.map(|m| m.code()).unwrap_or("–")}</td>
            <td>
                {if has_period {
                    period.into_any()
                } else {
                    view! { <AskPeriod fingerprint /> }.into_any()
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

/// Asks for the period of a report that does not carry one (the Campaign Manager export has no
/// date column). The rest of the load goes on meanwhile; the report counts once it has a period.
#[component]
fn AskPeriod(fingerprint: u64) -> impl IntoView {
    let state = AppState::get();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let apply = move |_| {
        let parse = |s: String| chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok();
        if let (Some(a), Some(b)) = (parse(from.get_untracked()), parse(to.get_untracked())) {
            state.reports.update(|all| {
                for r in all.iter_mut().filter(|r| r.fingerprint == fingerprint) {
                    r.period = Some(Period::new(a, b));
                }
            });
        }
    };
    view! {
        <div class="ask-period" data-testid="ask-period">
            <em>{state.t(Text::PeriodUnknown)}</em>
            <label>
                <span class="visually-hidden">{state.t(Text::PeriodFrom)}</span>
                <input type="date" aria-label=state.t(Text::PeriodFrom) on:input:target=move |ev| from.set(ev.target().value()) />
            </label>
            <label>
                <span class="visually-hidden">{state.t(Text::PeriodTo)}</span>
                <input type="date" aria-label=state.t(Text::PeriodTo) on:input:target=move |ev| to.set(ev.target().value()) />
            </label>
            <button type="button" class="secondary" data-action="set-period" on:click=apply>
                {state.t(Text::SetPeriod)}
            </button>
        </div>
    }
}
