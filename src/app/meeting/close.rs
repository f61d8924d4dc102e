//! Rating and closing: the domain's close problems, each with a way to get to its fix, a normal
//! close when there are none, and an explicit forced close that records them.

use leptos::prelude::*;
use opsbrief_domain::meeting::{AgendaItemKind, CloseMode, CloseProblem};

use super::{
    RunCtx, emergency_step_id, emergency_step_text, focus_element, item_kind_id, step_text,
    topic_text,
};
use crate::app::state::AppState;
use crate::app::brief::current_metric_snapshot as current_snapshot;
use crate::app::workspace::WorkspaceState;
use crate::i18n::MeetingText;

#[component]
pub fn ClosePanel() -> impl IntoView {
    let app = AppState::get();
    let state = WorkspaceState::get();
    let ctx = RunCtx::get();
    let t = move |text: MeetingText| app.t(text);
    let problems = Memo::new(move |_| {
        state
            .ws
            .with(|ws| ctx.with(|m| m.close_problems(&ws.actions)))
            .unwrap_or_default()
    });
    let force = RwSignal::new(false);
    let rating = move || ctx.with(|m| m.rating()).flatten();
    let close = move |mode: CloseMode| {
        ctx.edit(move |m, actions, _, now| {
            m.close(actions, current_snapshot(), now, mode).map(|_| ())
        });
    };

    // Where each problem is fixed, and how to say it.
    let describe = move |problem: &CloseProblem| -> (String, String) {
        match problem {
            CloseProblem::NoChair => (
                t(MeetingText::ProblemNoChair)().into(),
                "chair-select".into(),
            ),
            CloseProblem::NoRecorder => (
                t(MeetingText::ProblemNoRecorder)().into(),
                "recorder-select".into(),
            ),
            CloseProblem::NoRating => (
                t(MeetingText::ProblemNoRating)().into(),
                "rating-input".into(),
            ),
            CloseProblem::NeverStarted => (
                t(MeetingText::ProblemNeverStarted)().into(),
                "start-meeting".into(),
            ),
            CloseProblem::TopicWithoutOutcome { topic } => {
                let index = ctx
                    .with(|m| m.agenda().position(AgendaItemKind::Topic(*topic)))
                    .flatten()
                    .unwrap_or_default();
                (
                    format!(
                        "{}: {}",
                        t(MeetingText::ProblemTopicWithoutOutcome)(),
                        t(topic_text(*topic))()
                    ),
                    format!(
                        "conclusion-{}-{index}",
                        item_kind_id(AgendaItemKind::Topic(*topic))
                    ),
                )
            }
            CloseProblem::IncompleteAction { action, missing } => {
                let problem = state.ws.with(|ws| {
                    ws.actions
                        .iter()
                        .find(|a| a.id() == action)
                        .map(|a| a.fields().problem.clone())
                        .unwrap_or_default()
                });
                let names = missing
                    .iter()
                    .map(|s| t(step_text(*s))())
                    .collect::<Vec<_>>()
                    .join(", ");
                (
                    format!(
                        "{} «{problem}»: {names}",
                        t(MeetingText::ProblemIncompleteAction)()
                    ),
                    format!("action-{action}"),
                )
            }
            CloseProblem::UnreviewedAction { action } => {
                let problem = state.ws.with(|ws| {
                    ws.actions
                        .iter()
                        .find(|a| a.id() == action)
                        .map(|a| a.fields().problem.clone())
                        .unwrap_or_default()
                });
                (
                    format!("{} «{problem}»", t(MeetingText::ProblemUnreviewed)()),
                    format!("review-{action}"),
                )
            }
            CloseProblem::EmergencyStepOpen { step } => (
                format!(
                    "{}: {}",
                    t(MeetingText::ProblemEmergencyStepOpen)(),
                    t(emergency_step_text(*step))()
                ),
                format!("estep-{}", emergency_step_id(*step)),
            ),
        }
    };

    view! {
        <section class="close-panel" aria-labelledby="close-title" data-testid="close-panel">
            <h4 id="close-title">{t(MeetingText::CloseTitle)}</h4>
            <label>
                {t(MeetingText::Rating)}" "
                <select
                    id="rating-input"
                    data-testid="rating"
                    on:change:target=move |ev| {
                        if let Ok(r) = ev.target().value().parse::<u8>() {
                            ctx.edit(move |m, _, _, now| m.set_rating(r, now));
                        }
                    }
                >
                    <option value="" prop:selected=move || rating().is_none()>"–"</option>
                    {(1..=10u8)
                        .map(|r| view! { <option value=r.to_string() prop:selected=move || rating() == Some(r)>{r}</option> })
                        .collect_view()}
                </select>
            </label>
            <Show
                when=move || !problems.with(Vec::is_empty)
                fallback=move || view! {
                    <p class="ready" role="status">{t(MeetingText::ReadyToClose)}</p>
                    <button type="button" data-action="close-meeting" on:click=move |_| close(CloseMode::Normal)>
                        {t(MeetingText::CloseMeeting)}
                    </button>
                }
            >
                <div role="status">
                    <p>{t(MeetingText::CloseProblemsTitle)}</p>
                    <ul class="close-problems" data-testid="close-problems">
                        {move || {
                            problems
                                .get()
                                .iter()
                                .map(|p| {
                                    let (text, target) = describe(p);
                                    let tag = serde_json::to_value(p)
                                        .ok()
                                        .and_then(|v| v.get("problem").and_then(|s| s.as_str()).map(str::to_string))
                                        .unwrap_or_default();
                                    view! {
                                        <li data-problem=tag>
                                            {text}" "
                                            <button type="button" class="link" data-action="go-to-problem" on:click=move |_| focus_element(&target)>
                                                {t(MeetingText::GoToFix)}
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                    <label class="force">
                        <input type="checkbox" data-testid="force-close" prop:checked=move || force.get() on:change:target=move |ev| force.set(ev.target().checked()) />
                        " "{t(MeetingText::ForceCloseConfirm)}
                    </label>
                    <button
                        type="button"
                        class="danger"
                        data-action="force-close-meeting"
                        disabled=move || !force.get()
                        on:click=move |_| close(CloseMode::Forced)
                    >
                        {t(MeetingText::ForceClose)}
                    </button>
                </div>
            </Show>
        </section>
    }
}
