//! The Actions page: the board of every action from every meeting, with filters and sorting,
//! overdue actions marked, and the follow-through of actions tied to a metric.

use leptos::prelude::*;
use opsbrief_domain::meeting::{
    ActionId, ActionStats, ActionStatus, BoardFilter, BoardSort, PersonId, board, follow_through,
};
use opsbrief_domain::report::Topic;

use crate::app::meeting::{
    ActionEditor, fmt_rate, person_name, status_id, status_text, topic_text,
};
use crate::app::settings::PageIntro;
use crate::app::state::AppState;
use crate::app::workspace::WorkspaceState;
use crate::browser::clock;
use crate::i18n::{MeetingText, Text};

const STATUSES: [ActionStatus; 4] = [
    ActionStatus::Open,
    ActionStatus::InProgress,
    ActionStatus::Done,
    ActionStatus::Dropped,
];

fn status_from_id(id: &str) -> Option<ActionStatus> {
    STATUSES.into_iter().find(|s| status_id(*s) == id)
}

fn sort_id(sort: BoardSort) -> &'static str {
    match sort {
        BoardSort::DueDate => "due",
        BoardSort::Owner => "owner",
        BoardSort::Topic => "topic",
        BoardSort::Status => "status",
    }
}

#[component]
pub fn ActionsPage() -> impl IntoView {
    let app = AppState::get();
    let state = WorkspaceState::get();
    let t = move |text: MeetingText| app.t(text);
    let filter = RwSignal::new(BoardFilter::default());
    let sort = RwSignal::new(BoardSort::DueDate);
    let today = clock::today();
    let stats = move || state.ws.with(|ws| ActionStats::compute(&ws.actions, today));
    let shown = move || {
        state.ws.with(|ws| {
            board(&ws.actions, &filter.get(), sort.get(), today)
                .into_iter()
                .map(|a| a.id().clone())
                .collect::<Vec<_>>()
        })
    };
    let owners = move || {
        state.ws.with(|ws| {
            ws.roster
                .members()
                .iter()
                .map(|m| (m.id.clone(), m.name.clone()))
                .collect::<Vec<_>>()
        })
    };

    view! {
        <PageIntro title=Text::NavActions intro=Text::ActionsIntro />
        <p class="action-stats card" data-testid="action-stats">
            {move || {
                let s = stats();
                view! {
                    <span>{t(MeetingText::CompletionRate)}": "<strong data-metric="actions.completion_rate">{fmt_rate(s.completion_rate)}</strong>" ("{s.done_on_time}" / "{s.due}")"</span>
                    <span>{t(MeetingText::Overdue)}": "<strong data-metric="actions.overdue">{s.overdue}</strong></span>
                    <span>{t(MeetingText::CarriedOver)}": "<strong data-metric="actions.carried">{s.carried}</strong></span>
                    <span>{t(MeetingText::StatusOpen)}": "<strong>{s.open}</strong></span>
                }
            }}
        </p>
        <form class="board-filters inline-form" on:submit=|ev| ev.prevent_default()>
            <label>
                {t(MeetingText::Status)}" "
                <select data-testid="filter-status" on:change:target=move |ev| {
                    let status = status_from_id(&ev.target().value());
                    filter.update(|f| f.status = status);
                }>
                    <option value="">{t(MeetingText::All)}</option>
                    {STATUSES.into_iter().map(|s| view! { <option value=status_id(s)>{t(status_text(s))}</option> }).collect_view()}
                </select>
            </label>
            <label>
                {t(MeetingText::StepOwner)}" "
                <select data-testid="filter-owner" on:change:target=move |ev| {
                    let value = ev.target().value();
                    filter.update(|f| f.owner = (!value.is_empty()).then(|| PersonId::new(value)));
                }>
                    <option value="">{t(MeetingText::All)}</option>
                    {move || owners().into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                </select>
            </label>
            <label>
                {t(MeetingText::Topic)}" "
                <select data-testid="filter-topic" on:change:target=move |ev| {
                    let value = ev.target().value();
                    let topic = match value.as_str() {
                        "" => None,
                        "none" => Some(None),
                        id => Topic::ALL.into_iter().find(|t| t.id() == id).map(Some),
                    };
                    filter.update(|f| f.topic = topic);
                }>
                    <option value="">{t(MeetingText::All)}</option>
                    {Topic::ALL.into_iter().map(|topic| view! { <option value=topic.id()>{t(topic_text(topic))}</option> }).collect_view()}
                    <option value="none">{t(MeetingText::ItemAnythingElse)}</option>
                </select>
            </label>
            <label>
                <input type="checkbox" data-testid="filter-overdue" on:change:target=move |ev| {
                    let on = ev.target().checked();
                    filter.update(|f| f.overdue_only = on);
                } />
                " "{t(MeetingText::OverdueOnly)}
            </label>
            <label>
                {t(MeetingText::SortBy)}" "
                <select data-testid="board-sort" on:change:target=move |ev| {
                    let value = ev.target().value();
                    if let Some(s) = [BoardSort::DueDate, BoardSort::Owner, BoardSort::Topic, BoardSort::Status].into_iter().find(|s| sort_id(*s) == value) {
                        sort.set(s);
                    }
                }>
                    <option value="due">{t(MeetingText::StepDueDate)}</option>
                    <option value="owner">{t(MeetingText::StepOwner)}</option>
                    <option value="topic">{t(MeetingText::Topic)}</option>
                    <option value="status">{t(MeetingText::Status)}</option>
                </select>
            </label>
        </form>
        <Show when=move || !shown().is_empty() fallback=move || view! { <p class="empty">{t(MeetingText::NoActions)}</p> }>
            <table class="board" data-testid="board">
                <thead>
                    <tr>
                        <th scope="col">{t(MeetingText::StepProblem)}</th>
                        <th scope="col">{t(MeetingText::Topic)}</th>
                        <th scope="col">{t(MeetingText::StepOwner)}</th>
                        <th scope="col">{t(MeetingText::StepDueDate)}</th>
                        <th scope="col">{t(MeetingText::Status)}</th>
                        <th scope="col">{t(MeetingText::FollowThrough)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=shown key=|id| id.clone() children=move |id| view! { <BoardRow id /> } />
                </tbody>
            </table>
        </Show>
    }
}

/// One action on the board. Each cell is reactive on its own, so the editor in the first cell
/// keeps its focus while the user types.
#[component]
fn BoardRow(id: ActionId) -> impl IntoView {
    let app = AppState::get();
    let state = WorkspaceState::get();
    let t = move |text: MeetingText| app.t(text);
    let id = StoredValue::new(id);
    let today = clock::today();
    let read = move |f: &dyn Fn(
        &opsbrief_domain::store::Workspace,
        &opsbrief_domain::meeting::Action,
    ) -> String| {
        state.ws.with(|ws| {
            ws.actions
                .iter()
                .find(|a| a.id() == &id.get_value())
                .map(|a| f(ws, a))
                .unwrap_or_default()
        })
    };
    let overdue = move || {
        state.ws.with(|ws| {
            ws.actions
                .iter()
                .any(|a| a.id() == &id.get_value() && a.is_overdue(today))
        })
    };
    let status = move || {
        state.ws.with(|ws| {
            ws.actions
                .iter()
                .find(|a| a.id() == &id.get_value())
                .map(|a| a.status())
        })
    };
    let carried = move || {
        state.ws.with(|ws| {
            ws.actions
                .iter()
                .find(|a| a.id() == &id.get_value())
                .map_or(0, |a| a.carried_count())
        })
    };
    let follow = move || {
        state.ws.with(|ws| {
            ws.actions
                .iter()
                .find(|a| a.id() == &id.get_value())
                .and_then(|a| follow_through(a, &ws.meetings))
        })
    };
    let fmt = |v: Option<f64>| v.map(|v| format!("{v:.4}")).unwrap_or_else(|| "–".into());
    view! {
        <tr data-action-id=id.get_value().to_string() class:overdue=overdue data-overdue=move || overdue().to_string() data-status=move || status().map(status_id)>
            <td>
                <strong data-field="problem">{move || read(&|_, a| a.fields().problem.clone())}</strong>
                {move || (carried() > 0).then(|| view! { <span class="carried-marker">" ↻ "{t(MeetingText::CarriedOver)}" ×"{carried()}</span> })}
                <span class="muted">" "{move || read(&|_, a| a.fields().subject.as_ref().map(|s| s.value.clone()).unwrap_or_default())}</span>
                <details class="no-print">
                    <summary>{t(MeetingText::Edit)}</summary>
                    <ActionEditor id=id.get_value() />
                </details>
            </td>
            <td>{move || read(&|_, a| a.topic().map(|topic| t(topic_text(topic))()).unwrap_or_else(|| t(MeetingText::ItemAnythingElse)()).to_string())}</td>
            <td>{move || read(&|ws, a| a.owner().map(|o| person_name(ws, o)).unwrap_or_else(|| "–".into()))}</td>
            <td>
                {move || read(&|_, a| a.due().map(|d| d.to_string()).unwrap_or_else(|| "–".into()))}
                {move || overdue().then(|| view! { " " <strong class="overdue-marker" data-testid="overdue-marker">"⚠ "{t(MeetingText::OverdueMarker)}</strong> })}
            </td>
            <td>
                <select
                    data-field="status"
                    aria-label=move || format!("{} – {}", t(MeetingText::Status)(), read(&|_, a| a.fields().problem.clone()))
                    on:change:target=move |ev| {
                        if let Some(s) = status_from_id(&ev.target().value()) {
                            state.edit(|ws| {
                                if let Some(a) = ws.actions.iter_mut().find(|a| a.id() == &id.get_value()) {
                                    a.set_status(s, clock::today(), clock::now());
                                }
                            });
                        }
                    }
                >
                    {STATUSES.into_iter().map(|s| view! { <option value=status_id(s) prop:selected=move || status() == Some(s)>{t(status_text(s))}</option> }).collect_view()}
                </select>
            </td>
            <td>
                {move || follow().map(|ft| {
                    let readings = ft.readings.iter().map(|(d, v)| format!("{d}: {}", fmt(*v))).collect::<Vec<_>>().join(" · ");
                    view! {
                        <span data-testid="follow-through" data-metric=ft.metric_id.clone()>
                            <code>{ft.metric_id.clone()}</code>" "
                            {t(MeetingText::Baseline)}": "{fmt(ft.baseline)}
                            {(!readings.is_empty()).then(|| format!(" → {readings}"))}
                            {ft.change().map(|c| format!(" ({}{c:.4})", if c >= 0.0 { "+" } else { "" }))}
                        </span>
                    }
                })}
            </td>
        </tr>
    }
}
