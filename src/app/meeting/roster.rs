//! The team roster: who may attend, in which role, at what hourly rate.

use leptos::prelude::*;
use opsbrief_domain::dataset::Cents;
use opsbrief_domain::meeting::{Member, PersonId, Role};

use super::role_text;
use crate::app::state::AppState;
use crate::app::workspace::WorkspaceState;
use crate::browser::clock;
use crate::i18n::MeetingText;

/// Reads a typed hourly rate ("50", "62.5"); anything else is refused by returning `None`.
fn parse_rate(text: &str) -> Option<Cents> {
    let value: f64 = text.trim().replace(',', ".").parse().ok()?;
    value.is_finite().then(|| Cents::from_f64(value))
}

/// The roster, editable in place, with a form to add a member.
#[component]
pub fn RosterPanel() -> impl IntoView {
    let app = AppState::get();
    let state = WorkspaceState::get();
    let t = move |text: MeetingText| app.t(text);
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::OperationsLead);
    let rate = RwSignal::new(Member::DEFAULT_HOURLY_RATE.to_string());
    let error = RwSignal::new(None::<String>);

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = name.get_untracked();
        if typed.trim().is_empty() {
            error.set(Some(t(MeetingText::NameRequired)().to_string()));
            return;
        }
        let Some(hourly_rate) = parse_rate(&rate.get_untracked()) else {
            error.set(Some(t(MeetingText::RateInvalid)().to_string()));
            return;
        };
        let now = clock::now();
        let member = Member {
            hourly_rate,
            ..Member::new(
                PersonId::new(clock::new_id("p")),
                typed.trim(),
                role.get_untracked(),
                now,
            )
        };
        let result = state.edit(|ws| ws.roster.add(member));
        match result {
            Some(Err(e)) => error.set(Some(e.to_string())),
            _ => {
                error.set(None);
                name.set(String::new());
            }
        }
    };

    view! {
        <section class="roster card" aria-labelledby="roster-title" data-testid="roster">
            <h3 id="roster-title">{t(MeetingText::RosterTitle)}</h3>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t(MeetingText::Name)}</th>
                        <th scope="col">{t(MeetingText::Role)}</th>
                        <th scope="col">{t(MeetingText::HourlyRate)}</th>
                        <th scope="col">{t(MeetingText::Active)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || state.ws.with(|ws| ws.roster.members().iter().map(|m| m.id.clone()).collect::<Vec<_>>())
                        key=|id| id.clone()
                        children=move |id| view! { <MemberRow id /> }
                    />
                </tbody>
            </table>
            <form class="inline-form" on:submit=add data-testid="add-member">
                <label>
                    {t(MeetingText::Name)}" "
                    <input
                        type="text"
                        data-testid="member-name"
                        prop:value=move || name.get()
                        on:input:target=move |ev| name.set(ev.target().value())
                    />
                </label>
                <label>
                    {t(MeetingText::Role)}" "
                    <select
                        data-testid="member-role"
                        on:change:target=move |ev| {
                            if let Some(r) = Role::from_id(&ev.target().value()) {
                                role.set(r);
                            }
                        }
                    >
                        {Role::ALL
                            .into_iter()
                            .map(|r| view! { <option value=r.id() prop:selected=move || role.get() == r>{t(role_text(r))}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    {t(MeetingText::HourlyRate)}" "
                    <input
                        type="number"
                        min="0"
                        step="0.01"
                        data-testid="member-rate"
                        prop:value=move || rate.get()
                        on:input:target=move |ev| rate.set(ev.target().value())
                    />
                </label>
                <button type="submit" data-action="add-member">{t(MeetingText::AddMember)}</button>
            </form>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </section>
    }
}

/// One member, edited in place.
#[component]
fn MemberRow(id: PersonId) -> impl IntoView {
    let app = AppState::get();
    let state = WorkspaceState::get();
    let t = move |text: MeetingText| app.t(text);
    let id = StoredValue::new(id);
    let read = move |f: fn(&Member) -> String| {
        state
            .ws
            .with(|ws| ws.roster.get(&id.get_value()).map(f).unwrap_or_default())
    };
    let edit = move |f: Box<dyn FnOnce(&mut Member)>| {
        state.edit(|ws| ws.roster.edit(&id.get_value(), clock::now(), f));
    };
    let role = move || {
        state
            .ws
            .with(|ws| ws.roster.get(&id.get_value()).map(|m| m.role))
    };
    let active = move || {
        state
            .ws
            .with(|ws| ws.roster.get(&id.get_value()).is_some_and(|m| m.active))
    };
    let label =
        move |text: MeetingText| move || format!("{} {}", t(text)(), read(|m| m.name.clone()));
    view! {
        <tr data-member-id=id.get_value().to_string() class:inactive=move || !active()>
            <td>
                <input
                    type="text"
                    data-field="name"
                    aria-label=label(MeetingText::Name)
                    prop:value=move || read(|m| m.name.clone())
                    on:input:target=move |ev| {
                        let v = ev.target().value();
                        edit(Box::new(move |m| m.name = v));
                    }
                />
            </td>
            <td>
                <select
                    data-field="role"
                    aria-label=label(MeetingText::Role)
                    on:change:target=move |ev| {
                        if let Some(r) = Role::from_id(&ev.target().value()) {
                            edit(Box::new(move |m| m.role = r));
                        }
                    }
                >
                    {Role::ALL
                        .into_iter()
                        .map(|r| view! { <option value=r.id() prop:selected=move || role() == Some(r)>{t(role_text(r))}</option> })
                        .collect_view()}
                </select>
            </td>
            <td>
                <input
                    type="number"
                    min="0"
                    step="0.01"
                    data-field="rate"
                    aria-label=label(MeetingText::HourlyRate)
                    prop:value=move || read(|m| m.hourly_rate.to_string())
                    on:change:target=move |ev| {
                        if let Some(rate) = parse_rate(&ev.target().value()) {
                            edit(Box::new(move |m| m.hourly_rate = rate));
                        }
                    }
                />
            </td>
            <td>
                <input
                    type="checkbox"
                    data-field="active"
                    aria-label=label(MeetingText::Active)
                    prop:checked=active
                    on:change:target=move |ev| {
                        let on = ev.target().checked();
                        edit(Box::new(move |m| m.active = on));
                    }
                />
            </td>
        </tr>
    }
}
