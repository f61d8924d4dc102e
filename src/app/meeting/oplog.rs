//! The operation log: dated changes to prices, bids, budgets, listings and stock, kept in this
//! browser for step 2 of the emergency meeting.

use chrono::NaiveDateTime;
use leptos::prelude::*;
use opsbrief_domain::meeting::{ChangeKind, OpLogEntry, OpLogId, last_14_days};

use crate::app::state::AppState;
use crate::app::workspace::WorkspaceState;
use crate::browser::clock;
use crate::i18n::MeetingText;

const KINDS: [ChangeKind; 6] = [
    ChangeKind::Price,
    ChangeKind::Bid,
    ChangeKind::Budget,
    ChangeKind::Listing,
    ChangeKind::Inventory,
    ChangeKind::Other,
];

fn kind_id(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Price => "price",
        ChangeKind::Bid => "bid",
        ChangeKind::Budget => "budget",
        ChangeKind::Listing => "listing",
        ChangeKind::Inventory => "inventory",
        ChangeKind::Other => "other",
    }
}

fn kind_text(kind: ChangeKind) -> MeetingText {
    match kind {
        ChangeKind::Price => MeetingText::ChangePrice,
        ChangeKind::Bid => MeetingText::ChangeBid,
        ChangeKind::Budget => MeetingText::ChangeBudget,
        ChangeKind::Listing => MeetingText::ChangeListing,
        ChangeKind::Inventory => MeetingText::ChangeInventory,
        ChangeKind::Other => MeetingText::ChangeOther,
    }
}

/// The `datetime-local` format, to the minute.
const LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// The log with its form and the 14-day filter.
#[component]
pub fn OpLogPanel() -> impl IntoView {
    let app = AppState::get();
    let state = WorkspaceState::get();
    let t = move |text: MeetingText| app.t(text);
    let at = RwSignal::new(clock::now().format(LOCAL_FORMAT).to_string());
    let kind = RwSignal::new(ChangeKind::Price);
    let by = RwSignal::new(String::new());
    let asin = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let recent_only = RwSignal::new(true);
    let error = RwSignal::new(None::<MeetingText>);

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(when) = NaiveDateTime::parse_from_str(&at.get_untracked(), LOCAL_FORMAT) else {
            error.set(Some(MeetingText::DateInvalid));
            return;
        };
        if note.get_untracked().trim().is_empty() {
            error.set(Some(MeetingText::NoteRequired));
            return;
        }
        let asin = Some(asin.get_untracked().trim().to_string()).filter(|a| !a.is_empty());
        let entry = OpLogEntry::new(
            OpLogId::new(clock::new_id("o")),
            when,
            kind.get_untracked(),
            by.get_untracked().trim(),
            asin,
            note.get_untracked().trim(),
            clock::now(),
        );
        state.edit(|ws| ws.oplog.push(entry));
        error.set(None);
        note.set(String::new());
    };
    let entries = Signal::derive(move || {
        state.ws.with(|ws| {
            if recent_only.get() {
                last_14_days(&ws.oplog, clock::today(), None)
                    .into_iter()
                    .cloned()
                    .collect()
            } else {
                let mut all = ws.oplog.clone();
                all.sort_by(|a, b| b.at.cmp(&a.at));
                all
            }
        })
    });

    view! {
        <section class="oplog card" aria-labelledby="oplog-title" data-testid="oplog">
            <h3 id="oplog-title">{t(MeetingText::OpLogTitle)}</h3>
            <form class="inline-form" on:submit=add>
                <label>
                    {t(MeetingText::When)}" "
                    <input type="datetime-local" data-testid="oplog-at" prop:value=move || at.get() on:input:target=move |ev| at.set(ev.target().value()) />
                </label>
                <label>
                    {t(MeetingText::ChangeKind)}" "
                    <select data-testid="oplog-kind" on:change:target=move |ev| {
                        if let Some(k) = KINDS.into_iter().find(|k| kind_id(*k) == ev.target().value()) {
                            kind.set(k);
                        }
                    }>
                        {KINDS.into_iter().map(|k| view! { <option value=kind_id(k) prop:selected=move || kind.get() == k>{t(kind_text(k))}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    {t(MeetingText::By)}" "
                    <input type="text" list="oplog-people" data-testid="oplog-by" prop:value=move || by.get() on:input:target=move |ev| by.set(ev.target().value()) />
                    <datalist id="oplog-people">
                        {move || state.ws.with(|ws| ws.roster.active().map(|m| view! { <option value=m.name.clone()></option> }).collect_view())}
                    </datalist>
                </label>
                <label>
                    "ASIN "
                    <input type="text" data-testid="oplog-asin" prop:value=move || asin.get() on:input:target=move |ev| asin.set(ev.target().value()) />
                </label>
                <label>
                    {t(MeetingText::Note)}" "
                    <input type="text" data-testid="oplog-note" prop:value=move || note.get() on:input:target=move |ev| note.set(ev.target().value()) />
                </label>
                <button type="submit" data-action="add-oplog">{t(MeetingText::AddEntry)}</button>
            </form>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{t(e)}</p> })}
            <label>
                <input type="checkbox" data-testid="oplog-recent" prop:checked=move || recent_only.get() on:change:target=move |ev| recent_only.set(ev.target().checked()) />
                " "{t(MeetingText::Last14Days)}
            </label>
            <OpLogList entries />
        </section>
    }
}

/// A list of log entries, newest first.
#[component]
pub fn OpLogList(#[prop(into)] entries: Signal<Vec<OpLogEntry>>) -> impl IntoView {
    let app = AppState::get();
    let t = move |text: MeetingText| app.t(text);
    view! {
        <Show when=move || !entries.with(Vec::is_empty) fallback=move || view! { <p class="empty">{t(MeetingText::NoLogEntries)}</p> }>
            <table class="oplog-list" data-testid="oplog-list">
                <thead>
                    <tr>
                        <th scope="col">{t(MeetingText::When)}</th>
                        <th scope="col">{t(MeetingText::ChangeKind)}</th>
                        <th scope="col">{t(MeetingText::By)}</th>
                        <th scope="col">"ASIN"</th>
                        <th scope="col">{t(MeetingText::Note)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        entries
                            .get()
                            .into_iter()
                            .map(|e| view! {
                                <tr data-oplog-id=e.id.to_string() data-kind=kind_id(e.kind)>
                                    <td>{e.at.format("%Y-%m-%d %H:%M").to_string()}</td>
                                    <td>{t(kind_text(e.kind))}</td>
                                    <td>{e.by.clone()}</td>
                                    <td>{e.asin.clone().unwrap_or_default()}</td>
                                    <td>{e.note.clone()}</td>
                                </tr>
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </Show>
    }
}
