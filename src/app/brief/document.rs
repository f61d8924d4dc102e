//! The brief as a document: a header (shop, marketplace, period, meeting date, attendees, cost),
//! the Brief's scorecard and four topics, then the meeting's decisions and its actions with owner
//! and due date. The Brief page is this document for the current data and the open meeting; the
//! History page shows it for a past meeting, drawn from the Brief its record froze. Both print
//! through the same print styles.

use leptos::prelude::*;
use opsbrief_domain::export::{ActionRow, action_rows, decisions_of};
use opsbrief_domain::meeting::{Action, Meeting, MeetingId};
use opsbrief_domain::store::Workspace;
use opsbrief_domain::metrics::{Selection, Settings};
use opsbrief_domain::report::Topic;

use super::state::BriefState;
use super::{Scorecard, ads, health, inventory, sales};
use crate::app::meeting::{fmt_rate, status_id, status_text, topic_text};
use crate::app::state::AppState;
use crate::app::workspace::WorkspaceState;
use crate::browser::clock;
use crate::i18n::{DocText, MeetingText, Translate};

/// The facts the document's header shows.
#[derive(Clone, Debug, Default, PartialEq)]
struct HeaderFacts {
    shop: String,
    marketplace: Option<String>,
    period: Option<String>,
    meeting_date: Option<String>,
    attendees: Vec<String>,
    /// The meeting's cost, and whether it is still running (an open meeting).
    cost: Option<(String, bool)>,
}

impl HeaderFacts {
    fn new(settings: &Settings, selection: Option<&Selection>, meeting: Option<&Meeting>) -> HeaderFacts {
        HeaderFacts {
            shop: settings.shop_name.trim().to_string(),
            marketplace: selection.and_then(|s| {
                let mut parts: Vec<&str> = s.marketplace.iter().map(|m| m.code()).collect();
                parts.extend(s.currency.as_ref().map(|c| c.code()));
                (!parts.is_empty()).then(|| parts.join(" · "))
            }),
            period: selection.map(|s| format!("{} – {}", s.period.from, s.period.to)),
            meeting_date: meeting.map(|m| m.date().to_string()),
            attendees: meeting
                .map(|m| m.attendees().iter().map(|a| a.name.clone()).collect())
                .unwrap_or_default(),
            cost: meeting.and_then(|m| match m.closed() {
                Some(record) => Some((record.cost.to_string(), false)),
                None => m.started_at().map(|_| (m.cost_at(clock::now()).to_string(), true)),
            }),
        }
    }
}

/// The meeting the live brief belongs to: the newest meeting not yet closed.
fn open_meeting(meetings: &[Meeting]) -> Option<&Meeting> {
    meetings.iter().filter(|m| !m.is_closed()).max_by_key(|m| m.date())
}

/// The export rows (owner's name, meeting date) of the actions that `keep` accepts.
fn rows_of(w: &Workspace, keep: impl Fn(&Action) -> bool) -> Vec<ActionRow> {
    action_rows(&w.actions, &w.roster, &w.meetings, clock::today())
        .into_iter()
        .zip(&w.actions)
        .filter(|(_, a)| keep(a))
        .map(|(row, _)| row)
        .collect()
}

/// A meeting's decisions (the conclusions of its agenda items) as (topic, text).
fn decisions(meeting: &Meeting) -> Vec<(Option<Topic>, String)> {
    decisions_of(meeting)
        .into_iter()
        .map(|d| (d.topic, d.text.to_string()))
        .collect()
}

/// The header block: a title and a definition list of the facts.
#[component]
fn DocumentHeader(#[prop(into)] facts: Signal<HeaderFacts>) -> impl IntoView {
    let app = AppState::get();
    let t = move |text: DocText| app.t(text);
    let fact = move |label: DocText, value: Option<String>, testid: &'static str| {
        view! {
            <dt>{t(label)}</dt>
            <dd data-testid=testid>{value.unwrap_or_else(|| "–".to_string())}</dd>
        }
    };
    view! {
        <header class="brief-doc-header keep-together" data-testid="brief-doc-header">
            <h3>{t(DocText::WeeklyBrief)}</h3>
            {move || {
                let f = facts.get();
                let shop = if f.shop.is_empty() { None } else { Some(f.shop.clone()) };
                let attendees = if f.attendees.is_empty() { None } else { Some(f.attendees.join(", ")) };
                let cost = f.cost.clone().map(|(amount, running)| {
                    if running { format!("{amount} ({})", DocText::CostEstimated.get(app.lang.get())) } else { amount }
                });
                let meeting_date = f.meeting_date.clone().or_else(|| Some(DocText::NoMeetingYet.get(app.lang.get()).to_string()));
                view! {
                    <dl class="doc-facts">
                        {fact(DocText::Shop, shop.or_else(|| Some(DocText::ShopUnnamed.get(app.lang.get()).to_string())), "doc-shop")}
                        {fact(DocText::Marketplace, f.marketplace.clone(), "doc-marketplace")}
                        {fact(DocText::Period, f.period.clone(), "doc-period")}
                        {fact(DocText::MeetingDate, meeting_date, "doc-meeting-date")}
                        {fact(DocText::Attendees, attendees.or_else(|| Some(DocText::NoAttendees.get(app.lang.get()).to_string())), "doc-attendees")}
                        {fact(DocText::Cost, cost, "doc-cost")}
                    </dl>
                }
            }}
        </header>
    }
}

/// The meeting's decisions and the actions, each with owner, due date and status.
#[component]
fn DecisionsAndActions(
    #[prop(into)] decisions: Signal<Vec<(Option<Topic>, String)>>,
    #[prop(into)] actions: Signal<Vec<ActionRow>>,
) -> impl IntoView {
    let app = AppState::get();
    let t = move |text: DocText| app.t(text);
    view! {
        <section class="brief-section doc-decisions keep-together" data-testid="doc-decisions" aria-labelledby="doc-decisions-title">
            <h3 id="doc-decisions-title">{t(DocText::Decisions)}</h3>
            {move || {
                let list = decisions.get();
                if list.is_empty() {
                    view! { <p class="empty">{t(DocText::NoDecisions)}</p> }.into_any()
                } else {
                    view! {
                        <ul>
                            {list.into_iter().map(|(topic, text)| view! {
                                <li>
                                    {topic.map(|tp| view! { <strong>{app.t(topic_text(tp))}": "</strong> })}
                                    {text}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
        <section class="brief-section doc-actions" data-testid="doc-actions" aria-labelledby="doc-actions-title">
            <h3 id="doc-actions-title">{t(DocText::Actions)}</h3>
            {move || {
                let rows = actions.get();
                if rows.is_empty() {
                    return view! { <p class="empty">{t(DocText::NoActions)}</p> }.into_any();
                }
                view! {
                    <div class="table-scroll">
                        <table class="doc-actions-table">
                            <thead>
                                <tr>
                                    <th scope="col">{t(DocText::ColAction)}</th>
                                    <th scope="col">{t(DocText::ColOwner)}</th>
                                    <th scope="col">{t(DocText::ColDue)}</th>
                                    <th scope="col">{t(DocText::ColStatus)}</th>
                                    <th scope="col">{t(DocText::ColTopic)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows.into_iter().map(|r| {
                                    let overdue = r.overdue;
                                    view! {
                                        <tr data-action-id=r.id.clone() data-status=status_id(r.status)>
                                            <td>
                                                <span class="doc-action-title">{r.title.clone()}</span>
                                                {r.subject.clone().map(|s| view! { " " <code>{s}</code> })}
                                            </td>
                                            <td>{r.owner.clone().unwrap_or_else(|| DocText::Unassigned.get(app.lang.get()).to_string())}</td>
                                            <td>
                                                {r.due.map(|d| d.to_string()).unwrap_or_else(|| DocText::NoDue.get(app.lang.get()).to_string())}
                                                {overdue.then(|| view! { " " <strong class="overdue-marker">"⚠ "{app.t(MeetingText::Overdue)}</strong> })}
                                            </td>
                                            <td>{app.t(status_text(r.status))}</td>
                                            <td>{r.topic.map(|tp| app.t(topic_text(tp))())}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

/// The print button; the browser's print dialog does the rest with the print styles.
#[component]
pub fn PrintButton() -> impl IntoView {
    let app = AppState::get();
    view! {
        <button
            type="button"
            class="secondary no-print"
            data-action="print-brief"
            title=move || DocText::PrintHint.get(app.lang.get())
            on:click=move |_| {
                if let Err(err) = window().print() {
                    leptos::logging::error!("print failed: {err:?}");
                }
            }
        >
            "🖨 "{app.t(DocText::Print)}
        </button>
    }
}

/// The live brief's header, for the shown selection and the open meeting.
#[component]
pub fn LiveHeader() -> impl IntoView {
    let bs = BriefState::get();
    let ws = use_context::<WorkspaceState>();
    let facts = Memo::new(move |_| {
        let settings = bs.settings.get();
        let selection = bs.selection.get();
        match ws {
            Some(ws) => ws.ws.with(|w| HeaderFacts::new(&settings, selection.as_ref(), open_meeting(&w.meetings))),
            None => HeaderFacts::new(&settings, selection.as_ref(), None),
        }
    });
    view! { <DocumentHeader facts /> }
}

/// The live brief's closing part: the open meeting's decisions, and the actions still open plus
/// those raised in the open meeting.
#[component]
pub fn LiveOutcome() -> impl IntoView {
    let Some(ws) = use_context::<WorkspaceState>() else {
        return ().into_any();
    };
    let decided = Memo::new(move |_| ws.ws.with(|w| open_meeting(&w.meetings).map(decisions).unwrap_or_default()));
    let actions = Memo::new(move |_| {
        ws.ws.with(|w| {
            let open = open_meeting(&w.meetings).map(|m| m.id().clone());
            let mut rows = rows_of(w, |a| a.is_open() || (open.is_some() && a.meeting() == open.as_ref()));
            rows.sort_by_key(|r| (r.due.is_none(), r.due));
            rows
        })
    });
    view! { <DecisionsAndActions decisions=decided actions /> }.into_any()
}

/// A past meeting's brief, from the Brief and settings its record froze. Meetings closed before
/// Briefs were kept (or held without reports) show the frozen values instead.
#[component]
pub fn PastBrief(id: MeetingId) -> impl IntoView {
    let app = AppState::get();
    let state = WorkspaceState::get();
    // A closed record never changes, so it is read once, not tracked.
    let found = state.ws.with_untracked(|w| {
        let meeting = w.meetings.iter().find(|m| m.id() == &id)?.clone();
        let record = meeting.closed()?.clone();
        let rows = rows_of(w, |a| a.meeting() == Some(&id));
        Some((meeting, record, rows))
    });
    let Some((meeting, record, rows)) = found else {
        return view! { <p class="empty">{app.t(MeetingText::NoSuchRecord)}</p> }.into_any();
    };
    let snapshot = record.snapshot.clone();
    let settings = snapshot.settings.as_deref().cloned().unwrap_or_default();
    let selection = snapshot.brief.as_ref().map(|b| b.selection.clone());
    let facts = HeaderFacts::new(&settings, selection.as_ref(), Some(&meeting));
    let decided = decisions(&meeting);
    let body = match snapshot.brief.clone() {
        Some(brief) => {
            // The topic sections read the Brief from context: give them the frozen one.
            provide_context(BriefState::frozen(*brief, settings));
            view! {
                <p class="figure-note">{app.t(DocText::FrozenNote)}</p>
                <Scorecard />
                <sales::SalesSection />
                <ads::AdsSection />
                <inventory::InventorySection />
                <health::HealthSection />
            }
            .into_any()
        }
        None => view! {
            <section class="brief-section" data-testid="frozen-values">
                <h3>{app.t(DocText::FrozenValues)}</h3>
                <p>{app.t(DocText::NoFrozenBrief)}</p>
                <table>
                    <tbody>
                        {snapshot.values.iter().map(|(metric, value)| view! {
                            <tr data-metric=metric.clone()>
                                <th scope="row"><code>{metric.clone()}</code></th>
                                <td class="num">{value.map(|v| format!("{v:.4}")).unwrap_or_else(|| "–".into())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        }
        .into_any(),
    };
    view! {
        <article class="brief brief-document past-brief" data-testid="past-brief" data-meeting-id=id.to_string()>
            <div class="brief-toolbar no-print"><PrintButton /></div>
            <DocumentHeader facts=Signal::stored(facts) />
            <p class="doc-completion">{app.t(MeetingText::CompletionRate)}": "{fmt_rate(record.action_stats.completion_rate)}</p>
            {body}
            <DecisionsAndActions decisions=Signal::stored(decided) actions=Signal::stored(rows) />
        </article>
    }
    .into_any()
}
