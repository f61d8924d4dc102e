//! The Meeting page: the roster, the weekly (or emergency) meeting being run, and the operation log.
//!
//! One component family per file: `roster` (the team), `run` (one open meeting: header, cost,
//! setup), `agenda` (items and their timers), `review` (item 0), `action_form` (the five-step form),
//! `close` (rating and closing), `emergency` (the emergency template), `oplog` (the operation log),
//! `record` (a closed meeting, read-only), `scorecard` (the slot for the topic scorecards).
//! Every rule is the domain's; these files render it and pass the user's edits to it.

mod action_form;
mod agenda;
mod close;
mod emergency;
mod oplog;
mod record;
mod review;
mod roster;
mod run;

use std::time::Duration as StdDuration;

use chrono::{Duration, NaiveDateTime};
use leptos::prelude::*;
use opsbrief_domain::meeting::{
    Action, ActionStatus, AgendaItem, AgendaItemKind, EmergencyStepKind, Meeting, MeetingError,
    MeetingId, Region, Role, Roster, Step,
};
use opsbrief_domain::report::Topic;
use opsbrief_domain::store::Workspace;

pub use action_form::ActionEditor;
pub use record::MeetingRecord;
pub use crate::app::brief::TopicScorecard;

use crate::app::settings::PageIntro;
use crate::app::state::AppState;
use crate::app::workspace::WorkspaceState;
use crate::browser::clock;
use crate::i18n::{MeetingText, Text};

/// The time now, ticking every second while the Meeting page is shown, for timers and the cost.
#[derive(Clone, Copy)]
pub struct Ticker(pub RwSignal<NaiveDateTime>);

impl Ticker {
    /// The ticker of the Meeting page, or a still clock elsewhere (e.g. in History).
    pub fn get() -> Ticker {
        use_context::<Ticker>().unwrap_or_else(|| Ticker(RwSignal::new(clock::now())))
    }
}

/// The meeting being run and where its edits' errors are shown.
#[derive(Clone, Copy)]
pub struct RunCtx {
    pub id: StoredValue<MeetingId>,
    /// The last refused edit, in the domain's words.
    pub error: RwSignal<Option<String>>,
}

impl RunCtx {
    pub fn get() -> RunCtx {
        expect_context::<RunCtx>()
    }

    /// Reads the meeting.
    pub fn with<T>(self, f: impl FnOnce(&Meeting) -> T) -> Option<T> {
        let state = WorkspaceState::get();
        let id = self.id.get_value();
        state
            .ws
            .with(|ws| ws.meetings.iter().find(|m| m.id() == &id).map(f))
    }

    /// Edits the meeting (with the actions and the roster at hand) and shows a refusal.
    pub fn edit(
        self,
        f: impl FnOnce(
            &mut Meeting,
            &mut Vec<Action>,
            &Roster,
            NaiveDateTime,
        ) -> Result<(), MeetingError>,
    ) {
        let id = self.id.get_value();
        let now = clock::now();
        let result = WorkspaceState::get().edit(|ws| {
            let Workspace {
                meetings,
                actions,
                roster,
                ..
            } = ws;
            match meetings.iter_mut().find(|m| m.id() == &id) {
                Some(meeting) => f(meeting, actions, roster, now),
                None => Ok(()),
            }
        });
        self.error
            .set(result.and_then(Result::err).map(|e| e.to_string()));
    }
}

/// `m:ss`, or `h:mm:ss` past an hour.
pub fn fmt_duration(d: Duration) -> String {
    let s = d.num_seconds().max(0);
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// A fraction as a whole percentage, or a dash when there is nothing to rate.
pub fn fmt_rate(rate: Option<f64>) -> String {
    rate.map_or_else(|| "–".to_string(), |r| format!("{:.0} %", r * 100.0))
}

pub fn topic_text(topic: Topic) -> MeetingText {
    match topic {
        Topic::Sales => MeetingText::TopicSales,
        Topic::Ads => MeetingText::TopicAds,
        Topic::Inventory => MeetingText::TopicInventory,
        Topic::Health => MeetingText::TopicHealth,
    }
}

pub fn role_text(role: Role) -> MeetingText {
    match role {
        Role::OperationsLead => MeetingText::RoleOperationsLead,
        Role::Advertising => MeetingText::RoleAdvertising,
        Role::SupplyChain => MeetingText::RoleSupplyChain,
        Role::CustomerService => MeetingText::RoleCustomerService,
        Role::MarketplaceRep(Region::Us) => MeetingText::RoleRepUs,
        Role::MarketplaceRep(Region::Eu) => MeetingText::RoleRepEu,
        Role::MarketplaceRep(Region::Jp) => MeetingText::RoleRepJp,
    }
}

pub fn step_text(step: Step) -> MeetingText {
    match step {
        Step::Problem => MeetingText::StepProblem,
        Step::RootCause => MeetingText::StepRootCause,
        Step::Countermeasure => MeetingText::StepCountermeasure,
        Step::Owner => MeetingText::StepOwner,
        Step::DueDate => MeetingText::StepDueDate,
    }
}

pub fn status_text(status: ActionStatus) -> MeetingText {
    match status {
        ActionStatus::Open => MeetingText::StatusOpen,
        ActionStatus::InProgress => MeetingText::StatusInProgress,
        ActionStatus::Done => MeetingText::StatusDone,
        ActionStatus::Dropped => MeetingText::StatusDropped,
    }
}

pub fn status_id(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::Open => "open",
        ActionStatus::InProgress => "in_progress",
        ActionStatus::Done => "done",
        ActionStatus::Dropped => "dropped",
    }
}

pub fn emergency_step_text(step: EmergencyStepKind) -> MeetingText {
    match step {
        EmergencyStepKind::ConfirmReal => MeetingText::EmergencyConfirm,
        EmergencyStepKind::ReviewOpLog => MeetingText::EmergencyReviewLog,
        EmergencyStepKind::RuleOutOwnMistake => MeetingText::EmergencyRuleOut,
        EmergencyStepKind::AppealOrFix => MeetingText::EmergencyAppeal,
    }
}

/// The default label of an agenda item of this kind.
pub fn item_kind_text(kind: AgendaItemKind) -> MeetingText {
    match kind {
        AgendaItemKind::ReviewPreviousActions => MeetingText::ItemReview,
        AgendaItemKind::Topic(topic) => topic_text(topic),
        AgendaItemKind::AnythingElse => MeetingText::ItemAnythingElse,
        AgendaItemKind::Custom => MeetingText::ItemCustom,
        AgendaItemKind::EmergencyStep(step) => emergency_step_text(step),
    }
}

/// The item's title: the team's own, else the default label in the UI language.
pub fn item_title(item: &AgendaItem, app: AppState) -> String {
    if item.title.trim().is_empty() {
        app.t(item_kind_text(item.kind))().to_string()
    } else {
        item.title.clone()
    }
}

/// A stable, readable id for data attributes and element ids.
pub fn item_kind_id(kind: AgendaItemKind) -> String {
    match kind {
        AgendaItemKind::ReviewPreviousActions => "review".into(),
        AgendaItemKind::Topic(topic) => format!("topic-{}", topic.id()),
        AgendaItemKind::AnythingElse => "anything-else".into(),
        AgendaItemKind::Custom => "custom".into(),
        AgendaItemKind::EmergencyStep(step) => format!("emergency-{}", emergency_step_id(step)),
    }
}

pub fn emergency_step_id(step: EmergencyStepKind) -> &'static str {
    match step {
        EmergencyStepKind::ConfirmReal => "confirm",
        EmergencyStepKind::ReviewOpLog => "oplog",
        EmergencyStepKind::RuleOutOwnMistake => "rule-out",
        EmergencyStepKind::AppealOrFix => "appeal",
    }
}

/// The name of a roster member, or the id when the member is unknown.
pub fn person_name(ws: &Workspace, id: &opsbrief_domain::meeting::PersonId) -> String {
    ws.roster
        .get(id)
        .map_or_else(|| id.to_string(), |m| m.name.clone())
}

/// Moves keyboard focus to the element with this id (used by "go to" buttons of close problems).
pub fn focus_element(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document().get_element_by_id(id)
        && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
    {
        el.scroll_into_view();
        let _ = el.focus();
    }
}

#[component]
pub fn MeetingPage() -> impl IntoView {
    let app = AppState::get();
    let state = WorkspaceState::get();
    let t = move |text: MeetingText| app.t(text);

    let now = RwSignal::new(clock::now());
    if let Ok(handle) =
        set_interval_with_handle(move || now.set(clock::now()), StdDuration::from_secs(1))
    {
        on_cleanup(move || handle.clear());
    }
    provide_context(Ticker(now));

    let latest_open = move || {
        state.ws.with_untracked(|ws| {
            ws.meetings
                .iter()
                .filter(|m| !m.is_closed())
                .max_by_key(|m| (m.date(), m.created_at()))
                .map(|m| m.id().clone())
        })
    };
    let selected = RwSignal::new(latest_open());
    // A memo so that the meeting view is rebuilt only when another meeting is chosen or the chosen
    // one closes, not on every keystroke.
    let shown = Memo::new(move |_| {
        let id = selected.get()?;
        state
            .ws
            .with(|ws| ws.meetings.iter().any(|m| m.id() == &id && !m.is_closed()))
            .then_some(id)
    });
    let open_meetings = Memo::new(move |_| {
        state.ws.with(|ws| {
            ws.meetings
                .iter()
                .filter(|m| !m.is_closed())
                .map(|m| (m.id().clone(), m.date(), m.emergency_plan().is_some()))
                .collect::<Vec<_>>()
        })
    });
    let new_date = RwSignal::new(clock::today().to_string());
    let create_weekly = move |_| {
        let date = new_date
            .get_untracked()
            .parse()
            .unwrap_or_else(|_| clock::today());
        let id = MeetingId::new(clock::new_id("m"));
        let meeting = Meeting::weekly(id.clone(), date, clock::now());
        state.edit(|ws| ws.meetings.push(meeting));
        selected.set(Some(id));
    };

    view! {
        <PageIntro title=Text::NavMeeting intro=Text::MeetingIntro />
        <roster::RosterPanel />
        <section class="meeting-start card" aria-labelledby="meeting-start-title">
            <h3 id="meeting-start-title">{t(MeetingText::MeetingsTitle)}</h3>
            <Show when=move || !open_meetings.with(Vec::is_empty)>
                <ul class="open-meetings" data-testid="open-meetings">
                    <For
                        each=move || open_meetings.get()
                        key=|(id, _, _)| id.clone()
                        children=move |(id, date, emergency)| {
                            let id_for_click = id.clone();
                            let id_for_current = id.clone();
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="link"
                                        data-action="open-meeting"
                                        data-meeting-id=id.to_string()
                                        aria-current=move || (shown.get().as_ref() == Some(&id_for_current)).then_some("true")
                                        on:click=move |_| selected.set(Some(id_for_click.clone()))
                                    >
                                        {if emergency { t(MeetingText::EmergencyMeeting) } else { t(MeetingText::WeeklyMeeting) }}
                                        " "{date.to_string()}
                                    </button>
                                </li>
                            }
                        }
                    />
                </ul>
            </Show>
            <div class="new-meeting">
                <label>
                    {t(MeetingText::MeetingDate)}" "
                    <input
                        type="date"
                        data-testid="new-meeting-date"
                        prop:value=move || new_date.get()
                        on:input:target=move |ev| new_date.set(ev.target().value())
                    />
                </label>
                <button type="button" data-action="new-weekly-meeting" on:click=create_weekly>
                    {t(MeetingText::NewWeeklyMeeting)}
                </button>
            </div>
            <emergency::NewEmergency on_created=Callback::new(move |id| selected.set(Some(id))) />
        </section>
        {move || match shown.get() {
            Some(id) => view! { <run::MeetingRun id /> }.into_any(),
            None => view! { <p class="empty" data-testid="no-open-meeting">{t(MeetingText::NoOpenMeeting)}</p> }.into_any(),
        }}
        <oplog::OpLogPanel />
    }
}
