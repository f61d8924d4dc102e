//! One figure on the page: its value (or "missing" with the reports that would provide it), its
//! status as a word and a symbol, and a disclosure with its formula, inputs, sources and period.
//!
//! Every figure element carries `data-metric` (the spec's id) and `data-value` (the raw,
//! unrounded number; empty when missing), so tests and the meeting snapshot read the same numbers
//! the JSON export writes.

use leptos::prelude::*;
use opsbrief_domain::metrics::{Figure, Status};
use opsbrief_domain::report::ReportKind;

use super::format;
use crate::app::state::AppState;
use crate::i18n::{BriefText, Translate};

/// A figure's label in the current language, falling back to its id for ids without one.
pub fn label_of(id: &str) -> impl Fn() -> String + Send + Sync + 'static + use<> {
    let state = AppState::get();
    let id = id.to_string();
    move || {
        let lang = state.lang.get();
        match BriefText::metric_label(&id) {
            Some((en, zh)) => match lang {
                crate::i18n::Lang::En => en.to_string(),
                crate::i18n::Lang::Zh => zh.to_string(),
            },
            None => id.clone(),
        }
    }
}

/// The status as a word with a symbol, coloured by class; nothing when there is no status.
#[component]
pub fn StatusBadge(status: Option<Status>) -> impl IntoView {
    let state = AppState::get();
    status.map(|s| {
        view! {
            <span class=format!("status status-{}", format::status_key(s)) data-status=format::status_key(s)>
                <span aria-hidden="true">{format::status_icon(s)}" "</span>
                {state.t(format::status_text(s))}
            </span>
        }
    })
}

/// "missing", and the reports that would provide the value (or the figure's own remark).
#[component]
pub fn MissingNote(missing: Vec<ReportKind>, note: Option<String>) -> impl IntoView {
    let state = AppState::get();
    let reports = missing.iter().map(|k| k.title()).collect::<Vec<_>>().join("; ");
    let has_reports = !reports.is_empty();
    view! {
        <span class="missing" data-missing="true">
            <span class="missing-word">{state.t(BriefText::Missing)}</span>
            {has_reports
                .then(|| {
                    view! {
                        " — "
                        {state.t(BriefText::ProvidedBy)}
                        ": "
                        <span class="missing-reports" data-testid="missing-reports">{reports.clone()}</span>
                    }
                })}
            {(!has_reports).then(|| note.map(|n| view! { " — " <span class="missing-reports">{n}</span> }))}
        </span>
    }
}

/// The disclosure with the formula (numbers filled in), inputs, source files, period and remark.
/// A native `<details>`, so it opens with the keyboard and prints closed.
#[component]
pub fn Provenance(figure: Figure, #[prop(optional)] compact: bool) -> impl IntoView {
    let state = AppState::get();
    let Figure { id, formula, inputs, sources, period, note, target, unit, .. } = figure;
    let summary_label = {
        let label = label_of(&id);
        move || format!("{}: {}", BriefText::HowComputed.get(state.lang.get()), label())
    };
    view! {
        <details class="provenance" data-provenance=id.clone()>
            <summary aria-label=summary_label>
                {if compact {
                    view! { <span class="info-icon" aria-hidden="true">"i"</span> }.into_any()
                } else {
                    view! { <span>{state.t(BriefText::HowComputed)}</span> }.into_any()
                }}
            </summary>
            <dl>
                <dt>{state.t(BriefText::Formula)}</dt>
                <dd class="formula">{formula}</dd>
                {(!inputs.is_empty())
                    .then(|| {
                        view! {
                            <dt>{state.t(BriefText::Inputs)}</dt>
                            <dd>
                                <ul class="inputs">
                                    {inputs
                                        .into_iter()
                                        .map(|(name, v)| view! { <li>{name}" = "{format::short(v, 4)}</li> })
                                        .collect_view()}
                                </ul>
                            </dd>
                        }
                    })}
                {target
                    .map(|t| {
                        view! {
                            <dt>{state.t(BriefText::Target)}</dt>
                            <dd>{move || format::target_value(&unit, t, state.lang.get())}</dd>
                        }
                    })}
                {(!sources.is_empty())
                    .then(|| {
                        view! {
                            <dt>{state.t(BriefText::Sources)}</dt>
                            <dd class="sources">{sources.join(", ")}</dd>
                        }
                    })}
                {period
                    .map(|p| {
                        view! {
                            <dt>{state.t(BriefText::Period)}</dt>
                            <dd>{p.to_string()}</dd>
                        }
                    })}
                {note
                    .map(|n| {
                        view! {
                            <dt>{state.t(BriefText::Note)}</dt>
                            <dd>{n}</dd>
                        }
                    })}
            </dl>
        </details>
    }
}

/// A figure as a card: label, value or "missing", status, target, and its provenance.
#[component]
pub fn FigureCard(figure: Figure) -> impl IntoView {
    let state = AppState::get();
    let id = figure.id.clone();
    let raw = format::raw(figure.value);
    let status = figure.status;
    let label = label_of(&id);
    let value_text = {
        let f = figure.clone();
        move || format::figure_value(&f, state.lang.get())
    };
    let has_value = figure.value.is_some();
    let target = figure.target.map(|t| {
        let unit = figure.unit.clone();
        move || format!("{} {}", BriefText::Target.get(state.lang.get()), format::target_value(&unit, t, state.lang.get()))
    });
    let estimated = figure.note.as_deref().is_some_and(|n| n.contains("estimate"));
    view! {
        <div
            class="figure"
            class:is-missing=!has_value
            data-metric=id.clone()
            data-value=raw
            data-status=status.map(format::status_key).unwrap_or("")
        >
            <span class="figure-label">{label}</span>
            {if has_value {
                view! { <span class="figure-value">{value_text}</span> }.into_any()
            } else {
                view! { <MissingNote missing=figure.missing.clone() note=figure.note.clone() /> }.into_any()
            }}
            <span class="figure-meta">
                <StatusBadge status=status />
                {target.map(|t| view! { <span class="figure-target">{t}</span> })}
                {estimated.then(|| view! { <span class="tag estimated">{state.t(BriefText::Estimated)}</span> })}
            </span>
            {has_value.then(|| figure.note.clone().map(|n| view! { <span class="figure-note">{n}</span> }))}
            <Provenance figure=figure />
        </div>
    }
}

/// A grid of figure cards.
#[component]
pub fn FigureGrid(figures: Vec<Figure>) -> impl IntoView {
    view! {
        <div class="figure-grid">
            {figures.into_iter().map(|f| view! { <FigureCard figure=f /> }).collect_view()}
        </div>
    }
}

/// A table cell holding a figure: the value (or "missing"), its status and a compact disclosure.
/// `text` overrides the shown value (for "no sales" and the like) without changing `data-value`.
#[component]
pub fn FigureCell(
    figure: Option<Figure>,
    #[prop(optional, into)] text: Option<Signal<String>>,
) -> impl IntoView {
    let state = AppState::get();
    match figure {
        None => view! { <td class="num">"—"</td> }.into_any(),
        Some(f) => {
            let raw = format::raw(f.value);
            let id = f.id.clone();
            let status = f.status;
            let has_value = f.value.is_some();
            let shown = {
                let f = f.clone();
                move || match text {
                    Some(t) => Some(t.get()),
                    None => format::figure_value(&f, state.lang.get()),
                }
            };
            view! {
                <td
                    class="num figure-cell"
                    data-metric=id
                    data-value=raw
                    data-status=status.map(format::status_key).unwrap_or("")
                >
                    {if has_value || text.is_some() {
                        view! { <span class="figure-value">{shown}</span> }.into_any()
                    } else {
                        view! { <MissingNote missing=f.missing.clone() note=None /> }.into_any()
                    }}
                    <StatusBadge status=status />
                    <Provenance figure=f compact=true />
                </td>
            }
            .into_any()
        }
    }
}
