//! One open meeting: its header (date, live duration and cost), who attends in which part, the
//! agenda, and the closing panel.

use leptos::prelude::*;
use opsbrief_domain::meeting::{MeetingId, PersonId};

use super::agenda::AgendaList;
use super::close::ClosePanel;
use super::emergency::EmergencyHeader;
use super::{RunCtx, Ticker, fmt_duration, role_text};
use crate::app::state::AppState;
use crate::app::workspace::WorkspaceState;
use crate::i18n::MeetingText;

#[component]
pub fn MeetingRun(id: MeetingId) -> impl IntoView {
    let app = AppState::get();
    let t = move |text: MeetingText| app.t(text);
    let ctx = RunCtx {
        id: StoredValue::new(id.clone()),
        error: RwSignal::new(None),
    };
    provide_context(ctx);
    let now = Ticker::get().0;
    let is_emergency = ctx.with(|m| m.emergency_plan().is_some()).unwrap_or(false);
    let started = move || ctx.with(|m| m.started_at().is_some()).unwrap_or(false);
    let elapsed = move || fmt_duration(ctx.with(|m| m.elapsed(now.get())).unwrap_or_default());
    let cost = move || {
        ctx.with(|m| m.cost_at(now.get()).to_string())
            .unwrap_or_default()
    };
    let per_hour = move || {
        ctx.with(|m| m.cost_per_hour().to_string())
            .unwrap_or_default()
    };

    view! {
        <article class="meeting-run card" data-testid="meeting-run" data-meeting-id=id.to_string()>
            <h3>
                {if is_emergency { t(MeetingText::EmergencyMeeting) } else { t(MeetingText::WeeklyMeeting) }}
            </h3>
            {is_emergency.then(|| view! { <EmergencyHeader /> })}
            <div class="meeting-meter" role="group" aria-label=t(MeetingText::MeetingClock)>
                <span>
                    {t(MeetingText::Elapsed)}": "
                    <strong data-testid="meeting-elapsed">{elapsed}</strong>
                </span>
                <span>
                    {t(MeetingText::CostSoFar)}": "
                    <strong data-testid="meeting-cost">{cost}</strong>
                    " ("{per_hour}" "{t(MeetingText::PerHour)}")"
                </span>
                <Show when=move || !started()>
                    <button type="button" data-action="start-meeting" id="start-meeting" on:click=move |_| ctx.edit(|m, _, _, now| m.start(now))>
                        {t(MeetingText::StartMeeting)}
                    </button>
                </Show>
            </div>
            {move || ctx.error.get().map(|e| view! { <p class="error" role="alert" data-testid="meeting-error">{e}</p> })}
            <MeetingSetup />
            <AgendaList />
            <ClosePanel />
        </article>
    }
}

/// Date, attendees from the roster, chair and recorder.
#[component]
fn MeetingSetup() -> impl IntoView {
    let app = AppState::get();
    let state = WorkspaceState::get();
    let ctx = RunCtx::get();
    let t = move |text: MeetingText| app.t(text);
    let attendees = move || {
        ctx.with(|m| {
            m.attendees()
                .iter()
                .map(|a| (a.person.clone(), a.name.clone()))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    };
    let role_select = move |is_chair: bool| {
        let current = move || {
            ctx.with(|m| {
                if is_chair {
                    m.chair().cloned()
                } else {
                    m.recorder().cloned()
                }
            })
            .flatten()
        };
        view! {
            <select
                id=if is_chair { "chair-select" } else { "recorder-select" }
                data-testid=if is_chair { "chair" } else { "recorder" }
                on:change:target=move |ev| {
                    let value = ev.target().value();
                    let person = (!value.is_empty()).then(|| PersonId::new(value));
                    ctx.edit(move |m, _, _, now| {
                        if is_chair { m.set_chair(person, now) } else { m.set_recorder(person, now) }
                    });
                }
            >
                <option value="" prop:selected=move || current().is_none()>{t(MeetingText::NobodyYet)}</option>
                {move || {
                    attendees()
                        .into_iter()
                        .map(|(person, name)| {
                            let p = person.clone();
                            view! { <option value=person.to_string() prop:selected=move || current().as_ref() == Some(&p)>{name}</option> }
                        })
                        .collect_view()
                }}
            </select>
        }
    };
    view! {
        <fieldset class="meeting-setup">
            <legend>{t(MeetingText::SetupTitle)}</legend>
            <label>
                {t(MeetingText::MeetingDate)}" "
                <input
                    type="date"
                    data-testid="meeting-date"
                    prop:value=move || ctx.with(|m| m.date().to_string()).unwrap_or_default()
                    on:change:target=move |ev| {
                        if let Ok(date) = ev.target().value().parse() {
                            ctx.edit(move |m, _, _, now| m.set_date(date, now));
                        }
                    }
                />
            </label>
            <fieldset class="attendees" data-testid="attendees">
                <legend>{t(MeetingText::Attendees)}</legend>
                <For
                    each=move || state.ws.with(|ws| ws.roster.active().map(|m| m.id.clone()).collect::<Vec<_>>())
                    key=|id| id.clone()
                    children=move |person: PersonId| {
                        let p = StoredValue::new(person.clone());
                        let checked = move || ctx.with(|m| m.attendees().iter().any(|a| a.person == p.get_value())).unwrap_or(false);
                        let label = move || {
                            state.ws.with(|ws| {
                                ws.roster.get(&p.get_value()).map(|m| format!("{} ({})", m.name, t(role_text(m.role))())).unwrap_or_default()
                            })
                        };
                        view! {
                            <label class="attendee">
                                <input
                                    type="checkbox"
                                    data-person-id=person.to_string()
                                    prop:checked=checked
                                    on:change:target=move |ev| {
                                        let on = ev.target().checked();
                                        ctx.edit(move |m, _, roster, now| {
                                            let id = p.get_value();
                                            match (on, roster.get(&id)) {
                                                (true, Some(member)) => m.add_attendee(member, now),
                                                _ => m.remove_attendee(&id, now),
                                            }
                                        });
                                    }
                                />
                                " "{label}
                            </label>
                        }
                    }
                />
            </fieldset>
            <label>{t(MeetingText::Chair)}" "{role_select(true)}</label>
            <label>{t(MeetingText::Recorder)}" "{role_select(false)}</label>
        </fieldset>
    }
}
