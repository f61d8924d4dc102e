//! The Brief page: the reports that feed it, then the selection, the scorecard and the four
//! topics. Everything shown comes from the domain's `Brief`; this module only lays it out.
//!
//! [`provide_brief_state`] is called by `App` so the Meeting page shares the same computed Brief
//! ([`current_metric_snapshot`], [`TopicScorecard`]).

mod ads;
mod document;
mod figure;
mod format;
mod health;
mod inventory;
mod sales;
mod scorecard;
mod settings_form;
mod sources;
mod state;
mod table;

use leptos::prelude::*;
use opsbrief_domain::metrics::{Figure, Selection, export};

use crate::app::import::ImportPanel;
use crate::app::share::SharePanel;
use crate::app::state::AppState;
use crate::browser::download;
use crate::i18n::{BriefText, Text, Translate};

pub use document::{PastBrief, PrintButton};
pub use scorecard::Scorecard;
pub use settings_form::MetricsSettings;
pub use state::{BriefState, provide_brief_state};
// For the Meeting page, which shows each topic's scorecard in its agenda item and freezes the
// figures when a meeting closes.
pub use scorecard::TopicScorecard;
pub use state::{current_metric_snapshot, current_values};

/// The figures of a topic that are shown as cards: all but the per-item ones (`prefixes`),
/// which their tables show.
pub(crate) fn grid_figures(figures: &[Figure], prefixes: &[&str]) -> Vec<Figure> {
    figures
        .iter()
        .filter(|f| !prefixes.iter().any(|p| f.id.starts_with(p)))
        .cloned()
        .collect()
}

/// "Totals from: <file>", so the reader knows which of several reports a total came from.
#[component]
pub(crate) fn SourceLine(files: Vec<String>) -> impl IntoView {
    let state = AppState::get();
    (!files.is_empty()).then(|| {
        view! {
            <p class="source-line" data-testid="source-line">
                {state.t(BriefText::TotalsFrom)}": "<span class="source-files">{files.join(", ")}</span>
            </p>
        }
    })
}

/// How a selection is named in the picker (`US · USD · 2026-11-16 – 2026-11-22`).
fn selection_name(s: &Selection) -> String {
    let mut parts = Vec::new();
    if let Some(m) = s.marketplace {
        parts.push(m.code().to_string());
    }
    if let Some(c) = &s.currency {
        parts.push(c.code().to_string());
    }
    parts.push(format!("{} – {}", s.period.from, s.period.to));
    parts.join(" · ")
}

/// The picker of marketplace, currency and period, shown when the reports offer more than one.
#[component]
fn SelectionPicker() -> impl IntoView {
    let state = AppState::get();
    let bs = BriefState::get();
    let compared = move || {
        bs.selection.get().map(|s| match s.previous_period {
            Some(p) => format!("{} {} – {}", BriefText::ComparedWith.get(state.lang.get()), p.from, p.to),
            None => BriefText::NoPrevious.get(state.lang.get()).to_string(),
        })
    };
    view! {
        <div class="selection-picker no-print-controls">
            <label>
                {state.t(BriefText::SelectionLabel)}" "
                <select
                    data-testid="selection"
                    on:change:target=move |ev| {
                        let index: Option<usize> = ev.target().value().parse().ok();
                        let chosen = index.and_then(|i| bs.selections.with_untracked(|all| all.get(i).cloned()));
                        bs.chosen.set(chosen);
                    }
                >
                    {move || {
                        let current = bs.selection.get();
                        bs.selections
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, s)| {
                                let selected = current.as_ref() == Some(&s);
                                view! { <option value=i.to_string() selected=selected>{selection_name(&s)}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            " "
            <span class="compared">{compared}</span>
        </div>
    }
}

/// The button that downloads every figure as `opsbrief-metrics-<date>.json`.
#[component]
fn ExportButton() -> impl IntoView {
    let state = AppState::get();
    let bs = BriefState::get();
    view! {
        <button
            type="button"
            class="no-print"
            data-action="export-metrics"
            on:click=move |_| {
                let generated_at = String::from(js_sys::Date::new_0().to_iso_string());
                let json = bs.brief.with_untracked(|b| b.as_ref().map(|b| export::metrics_json(b, &generated_at)));
                let Some(json) = json else { return };
                let text = serde_json::to_string_pretty(&json).unwrap_or_default();
                let name = format!("opsbrief-metrics-{}.json", download::file_date());
                if let Err(err) = download::download_text(&name, "application/json", &text) {
                    leptos::logging::error!("metrics export failed: {err:?}");
                }
            }
        >
            {state.t(BriefText::ExportMetrics)}
        </button>
    }
}

/// Remarks about the whole Brief (reports left out) and the reports it was computed from.
#[component]
fn BriefSources() -> impl IntoView {
    let state = AppState::get();
    let bs = BriefState::get();
    move || {
        bs.brief.with(|b| {
            b.as_ref().map(|b| {
                let notes = b.notes.clone();
                let reports = b.reports.clone();
                view! {
                    <section class="brief-sources brief-section keep-together" data-testid="brief-sources">
                        {(!notes.is_empty())
                            .then(|| {
                                view! {
                                    <h4>{state.t(BriefText::Notes)}</h4>
                                    <ul class="notes">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                                }
                            })}
                        <h4>{state.t(BriefText::Sources)}</h4>
                        <ul class="report-uses">
                            {reports
                                .into_iter()
                                .map(|r| {
                                    view! {
                                        <li data-file=r.file.clone() data-used=r.used.to_string()>
                                            {r.file.clone()}" — "{r.kind.title()}" — "
                                            {state.t(if r.used { BriefText::Used } else { BriefText::NotUsed })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })
        })
    }
}

/// Everything below the import panel.
#[component]
fn BriefBody() -> impl IntoView {
    let state = AppState::get();
    let bs = BriefState::get();
    let has_brief = move || bs.brief.with(Option::is_some);
    view! {
        <Show
            when=has_brief
            fallback=move || view! { <p class="empty" data-testid="brief-empty">{state.t(BriefText::NothingLoaded)}</p> }
        >
            <div class="brief" data-testid="brief">
                <div class="brief-toolbar">
                    <SelectionPicker />
                    <ExportButton />
                    <PrintButton />
                </div>
                <document::LiveHeader />
                <sources::SourceChoices />
                <Scorecard />
                <sources::ConvertedTotals />
                <sales::SalesSection />
                <ads::AdsSection />
                <inventory::InventorySection />
                <health::HealthSection />
                <document::LiveOutcome />
                <SharePanel />
                <BriefSources />
            </div>
        </Show>
    }
}

#[component]
pub fn BriefPage() -> impl IntoView {
    let state = AppState::get();
    view! {
        <h2>{state.t(Text::NavBrief)}</h2>
        <p class="intro">{state.t(Text::BriefIntro)}</p>
        <ImportPanel />
        <BriefBody />
    }
}
