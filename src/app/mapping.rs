//! The column-mapping dialog: for a file no known report matches, it shows the first rows, the
//! field proposed for each column, and lets the user correct them; the confirmed mapping is
//! saved in the workspace and the file is read again with it. Settings lists the saved mappings.
//!
//! Everything it decides is the domain's (`opsbrief_domain::mapping`): previewing, proposing,
//! validating and storing. This module only keeps the files that can be mapped and draws the form.

use std::cell::RefCell;
use std::collections::HashMap;

use leptos::prelude::*;
use opsbrief_domain::dataset::{Currency, Marketplace};
use opsbrief_domain::mapping::{ColumnMapping, MappedField, Preview, SavedMappings};
use opsbrief_domain::report::ImportError;
use web_sys::File;

use crate::app::import;
use crate::app::state::AppState;
use crate::app::workspace::WorkspaceState;
use crate::browser::ingest_worker;
use crate::i18n::{Lang, MapText, Translate};

thread_local! {
    /// Files that failed as unknown, by name, kept so the dialog can preview them and the page
    /// can read them again once mapped. A `File` is a handle, not a copy of the bytes.
    static MAPPABLE: RefCell<HashMap<String, File>> = RefCell::new(HashMap::new());
}

/// Keeps `file` so the user can map it.
pub fn remember_unmapped(file: File) {
    MAPPABLE.with(|m| m.borrow_mut().insert(file.name(), file));
}

/// Takes the kept file named `name` (it is read again and no longer waits for a mapping).
pub fn take_unmapped(name: &str) -> Option<File> {
    MAPPABLE.with(|m| m.borrow_mut().remove(name))
}

fn unmapped(name: &str) -> Option<File> {
    MAPPABLE.with(|m| m.borrow().get(name).cloned())
}

/// The saved mappings, read from the workspace (none without one, or when unreadable).
pub fn saved_mappings(ws: Option<WorkspaceState>) -> SavedMappings {
    ws.map(|ws| ws.ws.with_untracked(|w| SavedMappings::from_value(&w.mappings).0)).unwrap_or_default()
}

/// The saved mappings as the JSON the import worker takes.
pub fn mappings_json(ws: Option<WorkspaceState>) -> String {
    serde_json::to_string(&saved_mappings(ws).mappings).unwrap_or_else(|_| "[]".to_string())
}

/// The dialog for the file named in `open`; `on_apply` reads the file again once the mapping is
/// saved.
#[component]
pub fn MappingDialog(open: RwSignal<Option<String>>, on_apply: Callback<String>) -> impl IntoView {
    let app = AppState::get();
    let ws = use_context::<WorkspaceState>();
    let t = move |text: MapText| app.t(text);
    let loaded = RwSignal::new(None::<Result<Preview, String>>);
    let mapping = RwSignal::new(None::<ColumnMapping>);
    let error = RwSignal::new(None::<String>);
    // Reads the preview whenever another file is opened.
    Effect::new(move |_| {
        let Some(name) = open.get() else { return };
        loaded.set(None);
        mapping.set(None);
        error.set(None);
        let Some(file) = unmapped(&name) else {
            loaded.set(Some(Err(name)));
            return;
        };
        // The worker reads the file's first rows: the page itself carries no parser.
        let shown = move |result: Result<Preview, ImportError>| {
            // A preview that arrives after another file was opened is not this dialog's any more.
            if open.get_untracked().as_deref() != Some(name.as_str()) {
                return;
            }
            let result = result.map_err(|e| match app.lang.get_untracked() {
                Lang::En => e.to_string(),
                Lang::Zh => e.to_chinese(),
            });
            if let Ok(p) = &result {
                mapping.set(Some(ColumnMapping::proposed(&p.header)));
            }
            loaded.set(Some(result));
        };
        if let Err(e) = ingest_worker::preview(import::next_job_id(), &file, import::worker_handler(app), shown) {
            loaded.set(Some(Err(e)));
        }
    });
    let apply = move |_| {
        let (Some(name), Some(m)) = (open.get_untracked(), mapping.get_untracked()) else { return };
        if let Err(e) = m.validate() {
            error.set(Some(e.to_string()));
            return;
        }
        if let Some(ws) = ws {
            let (mut saved, problem) = ws.ws.with_untracked(|w| SavedMappings::from_value(&w.mappings));
            if problem.is_some() {
                // Never overwrite what cannot be read: the user may restore it from a backup.
                error.set(Some(MapText::NotSaved.get(app.lang.get_untracked()).to_string()));
            } else {
                saved.upsert(m);
                ws.edit(|w| w.mappings = saved.to_value());
            }
        }
        open.set(None);
        on_apply.run(name);
    };
    let set_field = move |column: usize, id: String| {
        mapping.update(|m| {
            if let Some(m) = m
                && let Some(slot) = m.fields.get_mut(column)
            {
                *slot = MappedField::from_id(&id);
            }
        });
        error.set(None);
    };
    view! {
        {move || open.get().map(|name| view! {
            <section
                class="mapping-dialog card"
                role="dialog"
                aria-labelledby="mapping-title"
                data-testid="mapping-dialog"
                data-file=name.clone()
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Escape" {
                        open.set(None);
                    }
                }
            >
                <h3 id="mapping-title" tabindex="-1">{t(MapText::Title)}" "<span class="file-name">{name.clone()}</span></h3>
                <p class="intro">{t(MapText::Intro)}</p>
                {move || match loaded.get() {
                    None => view! { <p role="status">{t(MapText::Reading)}</p> }.into_any(),
                    Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                    Some(Ok(p)) => view! { <MappingForm preview=p mapping set_field /> }.into_any(),
                }}
                {move || error.get().map(|e| view! { <p class="error" role="alert" data-testid="mapping-error">{e}</p> })}
                <div class="buttons">
                    <button type="button" data-action="apply-mapping" disabled=move || mapping.with(Option::is_none) on:click=apply>
                        {t(MapText::Apply)}
                    </button>
                    <button type="button" class="secondary" data-action="cancel-mapping" on:click=move |_| open.set(None)>
                        {t(MapText::Cancel)}
                    </button>
                </div>
            </section>
        })}
    }
}

/// The preview table with a field chooser over each column, and the file-wide choices.
#[component]
fn MappingForm(
    preview: Preview,
    mapping: RwSignal<Option<ColumnMapping>>,
    set_field: impl Fn(usize, String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let app = AppState::get();
    let t = move |text: MapText| app.t(text);
    let header = preview.header.clone();
    let field_of = move |column: usize| mapping.with(|m| m.as_ref().and_then(|m| m.fields.get(column).copied().flatten()));
    view! {
        <p class="figure-note">
            {preview.header.len()}" "{t(MapText::ColumnsCount)}" · "{t(MapText::HeaderRow)}" "{preview.header_row}
            " · "{preview.encoding.clone()}
        </p>
        <div class="table-scroll">
            <table class="mapping-table" data-testid="mapping-table">
                <caption class="visually-hidden">{t(MapText::FirstRows)}</caption>
                <thead>
                    <tr>
                        {header.iter().enumerate().map(|(column, cell)| {
                            let label = format!("{} {} ({})", MapText::Field.get(app.lang.get_untracked()), column + 1, cell);
                            view! {
                                <th scope="col" data-column=column>
                                    <span class="mapping-header">{cell.clone()}</span>
                                    <select
                                        data-testid="mapping-field"
                                        data-column=column
                                        aria-label=label
                                        on:change:target=move |ev| set_field(column, ev.target().value())
                                    >
                                        <option value="" selected=move || field_of(column).is_none()>{t(MapText::Ignore)}</option>
                                        {MappedField::all().into_iter().map(|f| view! {
                                            <option value=f.id() selected=move || field_of(column) == Some(f)>{app.t(MapText::field(f.id()))}</option>
                                        }).collect_view()}
                                    </select>
                                </th>
                            }
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {preview.rows.iter().map(|row| view! {
                        <tr>{row.iter().map(|cell| view! { <td>{cell.clone()}</td> }).collect_view()}</tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <div class="mapping-options">
            <label>
                {t(MapText::Marketplace)}" "
                <select
                    data-testid="mapping-marketplace"
                    on:change:target=move |ev| {
                        let m = Marketplace::parse(&ev.target().value());
                        mapping.update(|x| if let Some(x) = x { x.marketplace = m });
                    }
                >
                    <option value="">{t(MapText::FromFile)}</option>
                    {Marketplace::ALL.into_iter().map(|m| view! { <option value=m.code()>{m.code()}</option> }).collect_view()}
                </select>
            </label>
            <label>
                {t(MapText::Currency)}" "
                <input
                    type="text"
                    size="4"
                    maxlength="3"
                    data-testid="mapping-currency"
                    placeholder="USD"
                    title=move || MapText::CurrencyHelp.get(app.lang.get())
                    on:change:target=move |ev| {
                        let c = Currency::from_code(&ev.target().value());
                        mapping.update(|x| if let Some(x) = x { x.currency = c });
                    }
                />
            </label>
            <label>
                <input
                    type="checkbox"
                    data-testid="mapping-costs-negative"
                    on:change:target=move |ev| {
                        let negative = ev.target().checked();
                        mapping.update(|x| if let Some(x) = x { x.costs_negative = negative });
                    }
                />
                " "{t(MapText::CostsNegative)}
            </label>
        </div>
    }
}

/// The saved mappings, each with the header it matches and a button to forget it.
#[component]
pub fn SavedMappingsPanel() -> impl IntoView {
    let app = AppState::get();
    let ws = WorkspaceState::get();
    let t = move |text: MapText| app.t(text);
    let saved = Memo::new(move |_| ws.ws.with(|w| SavedMappings::from_value(&w.mappings)));
    view! {
        <fieldset class="setting" data-group="mappings" data-testid="saved-mappings">
            <legend>{t(MapText::SavedTitle)}</legend>
            <p class="help">{t(MapText::SavedIntro)}</p>
            {move || {
                let (saved, problem) = saved.get();
                let problem = problem.map(|p| view! { <p class="error" role="alert">{p}</p> });
                if saved.mappings.is_empty() {
                    return view! { {problem} <p class="empty">{t(MapText::NoSaved)}</p> }.into_any();
                }
                view! {
                    {problem}
                    <ul class="saved-mappings">
                        {saved.mappings.into_iter().enumerate().map(|(index, m)| {
                            let used: Vec<String> = m
                                .header
                                .iter()
                                .zip(&m.fields)
                                .filter_map(|(h, f)| f.map(|f| format!("{h} → {}", MapText::field(f.id()).get(app.lang.get()))))
                                .collect();
                            view! {
                                <li data-mapping=index>
                                    <code>{m.header.join(" | ")}</code>
                                    <br />
                                    <span class="figure-note">{used.join(", ")}</span>
                                    " "
                                    <button
                                        type="button"
                                        class="link"
                                        data-action="forget-mapping"
                                        on:click=move |_| {
                                            let (mut current, problem) = ws.ws.with_untracked(|w| SavedMappings::from_value(&w.mappings));
                                            if problem.is_none() {
                                                current.remove(index);
                                                ws.edit(|w| w.mappings = current.to_value());
                                            }
                                        }
                                    >
                                        {t(MapText::Forget)}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </fieldset>
    }
}
