//! Item (0): every open action from earlier meetings, each marked done, not done (with a reason)
//! or carried (with a new due date), and the completion rate of the actions due.

use leptos::prelude::*;
use opsbrief_domain::meeting::{ActionId, ReviewOutcome};

use super::{RunCtx, fmt_rate, person_name, status_text};
use crate::app::state::AppState;
use crate::app::workspace::WorkspaceState;
use crate::i18n::MeetingText;

#[component]
pub fn ReviewItem() -> impl IntoView {
    let app = AppState::get();
    let state = WorkspaceState::get();
    let ctx = RunCtx::get();
    let t = move |text: MeetingText| app.t(text);
    let summary = move || {
        state
            .ws
            .with(|ws| ctx.with(|m| m.review_summary(&ws.actions)))
            .unwrap_or_default()
    };
    let listed = move || {
        state
            .ws
            .with(|ws| {
                ctx.with(|m| {
                    m.actions_to_review(&ws.actions)
                        .into_iter()
                        .map(|a| a.id().clone())
                        .collect::<Vec<_>>()
                })
            })
            .unwrap_or_default()
    };
    view! {
        <div class="review" data-testid="review">
            <p class="review-summary" data-testid="review-summary">
                {move || {
                    let s = summary();
                    format!(
                        "{}: {} ({} / {}) · {}: {} · {}: {} · {}: {} / {}",
                        t(MeetingText::CompletionRate)(),
                        fmt_rate(s.stats.completion_rate),
                        s.stats.done_on_time,
                        s.stats.due,
                        t(MeetingText::Overdue)(),
                        s.stats.overdue,
                        t(MeetingText::CarriedOver)(),
                        s.stats.carried,
                        t(MeetingText::Reviewed)(),
                        s.listed as usize - s.unreviewed.len(),
                        s.listed,
                    )
                }}
            </p>
            <Show when=move || !listed().is_empty() fallback=move || view! { <p class="empty">{t(MeetingText::NothingToReview)}</p> }>
                <ul class="review-list">
                    <For each=listed key=|id| id.clone() children=move |id| view! { <ReviewRow id /> } />
                </ul>
            </Show>
        </div>
    }
}

/// One earlier action and the three ways to review it.
#[component]
fn ReviewRow(id: ActionId) -> impl IntoView {
    let app = AppState::get();
    let state = WorkspaceState::get();
    let ctx = RunCtx::get();
    let t = move |text: MeetingText| app.t(text);
    let id = StoredValue::new(id);
    let reason = RwSignal::new(String::new());
    let new_due = RwSignal::new(String::new());
    let described = move || {
        state.ws.with(|ws| {
            ws.actions
                .iter()
                .find(|a| a.id() == &id.get_value())
                .map(|a| {
                    let owner = a
                        .owner()
                        .map(|o| person_name(ws, o))
                        .unwrap_or_else(|| "–".into());
                    let due = a.due().map(|d| d.to_string()).unwrap_or_else(|| "–".into());
                    (
                        a.fields().problem.clone(),
                        a.fields().countermeasure.clone(),
                        owner,
                        due,
                        a.status(),
                        a.carried_count(),
                    )
                })
        })
    };
    let outcome = move || {
        ctx.with(|m| {
            m.reviews()
                .iter()
                .find(|r| r.action == id.get_value())
                .map(|r| r.outcome.clone())
        })
        .flatten()
    };
    let outcome_id = move || match outcome() {
        Some(ReviewOutcome::Done) => "done",
        Some(ReviewOutcome::NotDone { .. }) => "not_done",
        Some(ReviewOutcome::Carried { .. }) => "carried",
        None => "unreviewed",
    };
    let review = move |outcome: ReviewOutcome| {
        ctx.edit(move |m, actions, _, now| {
            match actions.iter_mut().find(|a| a.id() == &id.get_value()) {
                Some(action) => m.review_action(action, outcome, now),
                None => Ok(()),
            }
        });
    };
    let key = id.get_value().to_string();
    view! {
        <li class="review-row" id=format!("review-{key}") tabindex="-1" data-action-id=key.clone() data-outcome=outcome_id>
            {move || {
                described()
                    .map(|(problem, countermeasure, owner, due, status, carried)| {
                        view! {
                            <p>
                                <strong>{problem}</strong>" — "{countermeasure}<br />
                                <span class="muted">
                                    {t(MeetingText::StepOwner)}": "{owner}" · "{t(MeetingText::StepDueDate)}": "{due}" · "
                                    {t(status_text(status))}
                                    {(carried > 0).then(|| format!(" · {} ×{carried}", t(MeetingText::CarriedOver)()))}
                                </span>
                            </p>
                        }
                    })
            }}
            <p class="review-outcome" role="status">
                {move || match outcome() {
                    None => t(MeetingText::NotReviewedYet)().to_string(),
                    Some(ReviewOutcome::Done) => format!("✓ {}", t(MeetingText::ReviewDone)()),
                    Some(ReviewOutcome::NotDone { reason }) => format!("✗ {}: {reason}", t(MeetingText::ReviewNotDone)()),
                    Some(ReviewOutcome::Carried { new_due }) => format!(
                        "→ {}{}",
                        t(MeetingText::ReviewCarried)(),
                        new_due.map(|d| format!(" ({d})")).unwrap_or_default()
                    ),
                }}
            </p>
            <div class="review-buttons">
                <button type="button" data-action="review-done" on:click=move |_| review(ReviewOutcome::Done)>
                    {t(MeetingText::ReviewDone)}
                </button>
                <label>
                    <span class="visually-hidden">{t(MeetingText::Reason)}</span>
                    <input
                        type="text"
                        data-field="reason"
                        placeholder=t(MeetingText::Reason)
                        aria-label=t(MeetingText::Reason)
                        prop:value=move || reason.get()
                        on:input:target=move |ev| reason.set(ev.target().value())
                    />
                </label>
                <button type="button" data-action="review-not-done" on:click=move |_| review(ReviewOutcome::NotDone { reason: reason.get_untracked() })>
                    {t(MeetingText::ReviewNotDone)}
                </button>
                <label>
                    <span class="visually-hidden">{t(MeetingText::NewDueDate)}</span>
                    <input
                        type="date"
                        data-field="new-due"
                        aria-label=t(MeetingText::NewDueDate)
                        prop:value=move || new_due.get()
                        on:input:target=move |ev| new_due.set(ev.target().value())
                    />
                </label>
                <button type="button" data-action="review-carried" on:click=move |_| review(ReviewOutcome::Carried { new_due: new_due.get_untracked().parse().ok() })>
                    {t(MeetingText::ReviewCarried)}
                </button>
            </div>
        </li>
    }
}
