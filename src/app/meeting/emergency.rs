//! The emergency meeting (e.g. a sudden ranking drop), held within 24 hours: confirm the problem is
//! real, review two weeks of the operation log, rule out our own mistake, then appeal or fix.

use leptos::prelude::*;
use opsbrief_domain::meeting::{
    ConfirmChecks, EmergencyPlan, EmergencyStepKind, Meeting, MeetingId, entries_between,
};

use super::oplog::OpLogList;
use super::{RunCtx, Ticker, emergency_step_id, emergency_step_text};
use crate::app::state::AppState;
use crate::app::workspace::WorkspaceState;
use crate::browser::clock;
use crate::i18n::MeetingText;

/// The form that opens an emergency meeting.
#[component]
pub fn NewEmergency(on_created: Callback<MeetingId>) -> impl IntoView {
    let app = AppState::get();
    let state = WorkspaceState::get();
    let t = move |text: MeetingText| app.t(text);
    let trigger = RwSignal::new(String::new());
    let asin = RwSignal::new(String::new());
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let now = clock::now();
        let asin = Some(asin.get_untracked().trim().to_string()).filter(|a| !a.is_empty());
        let plan = EmergencyPlan::new(trigger.get_untracked().trim(), asin, now);
        let id = MeetingId::new(clock::new_id("e"));
        let meeting = Meeting::emergency(id.clone(), plan, now);
        state.edit(|ws| ws.meetings.push(meeting));
        trigger.set(String::new());
        on_created.run(id);
    };
    view! {
        <details class="new-emergency" data-testid="new-emergency">
            <summary>{t(MeetingText::NewEmergencyMeeting)}</summary>
            <p class="muted">{t(MeetingText::EmergencyIntro)}</p>
            <form class="inline-form" on:submit=create>
                <label>
                    {t(MeetingText::EmergencyTrigger)}" "
                    <input type="text" data-testid="emergency-trigger" prop:value=move || trigger.get() on:input:target=move |ev| trigger.set(ev.target().value()) />
                </label>
                <label>
                    "ASIN "
                    <input type="text" data-testid="emergency-asin" prop:value=move || asin.get() on:input:target=move |ev| asin.set(ev.target().value()) />
                </label>
                <button type="submit" data-action="new-emergency-meeting">{t(MeetingText::OpenEmergency)}</button>
            </form>
        </details>
    }
}

/// What set off the emergency and the 24-hour deadline.
#[component]
pub fn EmergencyHeader() -> impl IntoView {
    let app = AppState::get();
    let ctx = RunCtx::get();
    let now = Ticker::get().0;
    let t = move |text: MeetingText| app.t(text);
    let plan = move || ctx.with(|m| m.emergency_plan().cloned()).flatten();
    let late = move || {
        ctx.with(|m| {
            let start = m.started_at().unwrap_or_else(|| now.get());
            m.emergency_plan().is_some_and(|p| !p.held_in_time(start))
        })
        .unwrap_or(false)
    };
    view! {
        <div class="emergency-header" data-testid="emergency-header">
            <p>
                <strong>{t(MeetingText::EmergencyTrigger)}": "</strong>
                {move || plan().map(|p| p.trigger).unwrap_or_default()}
                {move || plan().and_then(|p| p.asin).map(|a| format!(" · ASIN {a}"))}
            </p>
            <p class:late=late data-testid="emergency-deadline">
                {t(MeetingText::HoldBy)}": "
                <strong>{move || plan().map(|p| p.deadline().format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default()}</strong>
                {move || late().then(|| view! { " " <strong class="overrun-marker">"⚠ "{t(MeetingText::PastDeadline)}</strong> })}
            </p>
        </div>
    }
}

/// One step of the template: its checks (step 1) or log (step 2), notes, and done.
#[component]
pub fn EmergencyStepPanel(step: EmergencyStepKind) -> impl IntoView {
    let app = AppState::get();
    let state = WorkspaceState::get();
    let ctx = RunCtx::get();
    let t = move |text: MeetingText| app.t(text);
    let step_of = move || {
        ctx.with(|m| m.emergency_plan().and_then(|p| p.step(step).cloned()))
            .flatten()
    };
    let done = move || step_of().is_some_and(|s| s.is_done());
    let checks = move || {
        ctx.with(|m| m.emergency_plan().map(|p| p.checks))
            .flatten()
            .unwrap_or_default()
    };
    let check = move |label: MeetingText,
                      get: fn(&ConfirmChecks) -> Option<bool>,
                      set: fn(&mut ConfirmChecks, Option<bool>)| {
        view! {
            <label>
                {t(label)}" "
                <select on:change:target=move |ev| {
                    let value = match ev.target().value().as_str() {
                        "found" => Some(true),
                        "not_found" => Some(false),
                        _ => None,
                    };
                    ctx.edit(move |m, _, _, now| m.edit_emergency(now, |p| set(&mut p.checks, value)));
                }>
                    <option value="" prop:selected=move || get(&checks()).is_none()>{t(MeetingText::NotChecked)}</option>
                    <option value="found" prop:selected=move || get(&checks()) == Some(true)>{t(MeetingText::Found)}</option>
                    <option value="not_found" prop:selected=move || get(&checks()) == Some(false)>{t(MeetingText::NotFound)}</option>
                </select>
            </label>
        }
    };
    let extra = match step {
        EmergencyStepKind::ConfirmReal => view! {
            <div class="checks">
                {check(MeetingText::CheckHijacker, |c| c.hijacker, |c, v| c.hijacker = v)}
                {check(MeetingText::CheckSuppressed, |c| c.suppressed_or_blocked, |c, v| c.suppressed_or_blocked = v)}
                {check(MeetingText::CheckReviewsRemoved, |c| c.reviews_removed, |c, v| c.reviews_removed = v)}
            </div>
        }
        .into_any(),
        EmergencyStepKind::ReviewOpLog => {
            let entries = Signal::derive(move || {
                state.ws.with(|ws| {
                    ctx.with(|m| {
                        m.emergency_plan()
                            .map(|p| {
                                entries_between(&ws.oplog, p.oplog_window(), p.asin.as_deref())
                                    .into_iter()
                                    .cloned()
                                    .collect::<Vec<_>>()
                            })
                            .unwrap_or_default()
                    })
                    .unwrap_or_default()
                })
            });
            view! { <OpLogList entries /> }.into_any()
        }
        _ => ().into_any(),
    };
    view! {
        <div class="emergency-step" id=format!("estep-{}", emergency_step_id(step)) tabindex="-1" data-step=emergency_step_id(step)>
            <p class="muted">{t(emergency_step_text(step))}</p>
            {extra}
            <label class="block">
                {t(MeetingText::Notes)}
                <textarea
                    rows="2"
                    data-field="step-notes"
                    prop:value=move || step_of().map(|s| s.notes).unwrap_or_default()
                    on:input:target=move |ev| {
                        let notes = ev.target().value();
                        ctx.edit(move |m, _, _, now| m.edit_emergency(now, |p| p.set_notes(step, notes)));
                    }
                ></textarea>
            </label>
            <label>
                <input
                    type="checkbox"
                    data-field="step-done"
                    prop:checked=done
                    on:change:target=move |ev| {
                        let on = ev.target().checked();
                        ctx.edit(move |m, _, _, now| m.edit_emergency(now, |p| p.set_done(step, on, now)));
                    }
                />
                " "{t(MeetingText::StepDone)}
            </label>
        </div>
    }
}
