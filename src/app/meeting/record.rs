//! A closed meeting, read-only: the minutes, the cost, the reviews, the actions raised and the
//! metric snapshot it froze. Shown from the History page.

use leptos::prelude::*;
use opsbrief_domain::meeting::{MeetingId, ReviewOutcome};

use super::{fmt_duration, fmt_rate, item_title, person_name, role_text, status_text, step_text};
use crate::app::state::AppState;
use crate::app::workspace::WorkspaceState;
use crate::i18n::MeetingText;

#[component]
pub fn MeetingRecord(id: MeetingId) -> impl IntoView {
    let app = AppState::get();
    let state = WorkspaceState::get();
    let t = move |text: MeetingText| app.t(text);
    // A record never changes once closed, so it is read once, not tracked.
    let Some(view) = state.ws.with_untracked(|ws| {
        let meeting = ws.meetings.iter().find(|m| m.id() == &id)?.clone();
        let record = meeting.closed()?.clone();
        let name = |p: Option<&opsbrief_domain::meeting::PersonId>| {
            p.map(|p| person_name(ws, p)).unwrap_or_else(|| "–".into())
        };
        let chair = name(meeting.chair());
        let recorder = name(meeting.recorder());
        let reviews: Vec<(String, ReviewOutcome)> = meeting
            .reviews()
            .iter()
            .map(|r| {
                let problem = ws
                    .actions
                    .iter()
                    .find(|a| a.id() == &r.action)
                    .map(|a| a.fields().problem.clone())
                    .unwrap_or_else(|| r.action.to_string());
                (problem, r.outcome.clone())
            })
            .collect();
        let raised: Vec<_> = ws
            .actions
            .iter()
            .filter(|a| a.meeting() == Some(&id))
            .cloned()
            .collect();
        let owners: Vec<String> = raised.iter().map(|a| name(a.owner())).collect();
        Some((meeting, record, chair, recorder, reviews, raised, owners))
    }) else {
        return view! { <p class="empty">{t(MeetingText::NoSuchRecord)}</p> }.into_any();
    };
    let (meeting, record, chair, recorder, reviews, raised, owners) = view;
    let kind = if meeting.emergency_plan().is_some() {
        MeetingText::EmergencyMeeting
    } else {
        MeetingText::WeeklyMeeting
    };
    let closed_at = record.closed_at;
    let items: Vec<_> = meeting
        .agenda()
        .items()
        .iter()
        .map(|i| {
            (
                item_title(i, app),
                i.timebox_minutes,
                fmt_duration(i.elapsed(closed_at)),
                i.conclusion.clone(),
                i.notes.clone(),
            )
        })
        .collect();

    view! {
        <article class="meeting-record card" data-testid="meeting-record" data-meeting-id=meeting.id().to_string()>
            <h3>{t(kind)}" "{meeting.date().to_string()}</h3>
            <dl class="record-facts">
                <dt>{t(MeetingText::Chair)}</dt><dd data-testid="record-chair">{chair}</dd>
                <dt>{t(MeetingText::Recorder)}</dt><dd data-testid="record-recorder">{recorder}</dd>
                <dt>{t(MeetingText::Duration)}</dt><dd>{fmt_duration(chrono::Duration::seconds(record.duration_seconds))}</dd>
                <dt>{t(MeetingText::Cost)}</dt><dd data-testid="record-cost">{record.cost.to_string()}</dd>
                <dt>{t(MeetingText::Rating)}</dt><dd data-testid="record-rating">{meeting.rating().map(|r| r.to_string()).unwrap_or_else(|| "–".into())}</dd>
                <dt>{t(MeetingText::CompletionRate)}</dt><dd>{fmt_rate(record.action_stats.completion_rate)}</dd>
            </dl>
            {record.forced.then(|| view! {
                <p class="forced" data-testid="record-forced">
                    <strong>"⚠ "{t(MeetingText::ClosedForced)}</strong>" ("{record.problems.len()}")"
                </p>
            })}
            <h4>{t(MeetingText::Attendees)}</h4>
            <ul data-testid="record-attendees">
                {meeting.attendees().iter().map(|a| view! {
                    <li>{a.name.clone()}" — "{t(role_text(a.role))}" · "{a.hourly_rate.to_string()}" "{t(MeetingText::PerHour)}</li>
                }).collect_view()}
            </ul>
            <h4>{t(MeetingText::AgendaTitle)}</h4>
            <ol start="0" class="record-agenda">
                {items.into_iter().map(|(title, timebox, spent, conclusion, notes)| view! {
                    <li>
                        <strong>{title}</strong>" · "{spent}" / "{timebox}" min"
                        {(!conclusion.is_empty()).then(|| view! { <p><em>{t(MeetingText::Conclusion)}": "</em>{conclusion}</p> })}
                        {(!notes.is_empty()).then(|| view! { <p class="muted">{notes}</p> })}
                    </li>
                }).collect_view()}
            </ol>
            <h4>{t(MeetingText::ItemReview)}</h4>
            <ul data-testid="record-reviews">
                {reviews.into_iter().map(|(problem, outcome)| {
                    let said = match outcome {
                        ReviewOutcome::Done => t(MeetingText::ReviewDone)().to_string(),
                        ReviewOutcome::NotDone { reason } => format!("{}: {reason}", t(MeetingText::ReviewNotDone)()),
                        ReviewOutcome::Carried { new_due } => format!("{}{}", t(MeetingText::ReviewCarried)(), new_due.map(|d| format!(" ({d})")).unwrap_or_default()),
                    };
                    view! { <li>{problem}" — "{said}</li> }
                }).collect_view()}
            </ul>
            <h4>{t(MeetingText::ActionsRaised)}</h4>
            <ul data-testid="record-actions">
                {raised.into_iter().zip(owners).map(|(a, owner)| {
                    let f = a.fields().clone();
                    let missing = a.missing_steps().iter().map(|s| t(step_text(*s))()).collect::<Vec<_>>().join(", ");
                    view! {
                        <li data-action-id=a.id().to_string()>
                            <strong>{f.problem}</strong>" · "{t(status_text(a.status()))}<br />
                            {t(MeetingText::StepRootCause)}": "{f.root_cause}<br />
                            {t(MeetingText::StepCountermeasure)}": "{f.countermeasure}<br />
                            {t(MeetingText::StepOwner)}": "{owner}" · "{t(MeetingText::StepDueDate)}": "{f.due.map(|d| d.to_string()).unwrap_or_default()}
                            {(!missing.is_empty()).then(|| view! { <br /><span class="incomplete">{t(MeetingText::MissingSteps)}": "{missing}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <h4>{t(MeetingText::Snapshot)}</h4>
            {if record.snapshot.values.is_empty() {
                view! { <p class="empty" data-testid="record-snapshot">{t(MeetingText::NoSnapshot)}</p> }.into_any()
            } else {
                view! {
                    <table data-testid="record-snapshot">
                        <tbody>
                            {record.snapshot.values.iter().map(|(id, v)| view! {
                                <tr data-metric=id.clone()><th scope="row">{id.clone()}</th><td class="num">{v.map(|v| format!("{v:.4}")).unwrap_or_else(|| "–".into())}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </article>
    }
    .into_any()
}
