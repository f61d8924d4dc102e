//! The agenda: timeboxed items, each with a timer that shows overrun, and what each item is for
//! (the review, a topic with its scorecard and actions, an emergency step, anything else).

use leptos::prelude::*;
use opsbrief_domain::meeting::{AgendaItem, AgendaItemKind};

use super::action_form::ItemActions;
use super::emergency::EmergencyStepPanel;
use super::review::ReviewItem;
use super::{RunCtx, Ticker, TopicScorecard, fmt_duration, item_kind_id, item_title};
use crate::app::state::AppState;
use crate::i18n::MeetingText;

/// Every item in order, with the total against the limit and a form to add an item.
#[component]
pub fn AgendaList() -> impl IntoView {
    let app = AppState::get();
    let ctx = RunCtx::get();
    let t = move |text: MeetingText| app.t(text);
    let total = move || {
        ctx.with(|m| {
            format!(
                "{} / {} min",
                m.agenda().total_minutes(),
                m.agenda().limit_minutes()
            )
        })
        .unwrap_or_default()
    };
    let new_title = RwSignal::new(String::new());
    let new_minutes = RwSignal::new("5".to_string());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let title = new_title.get_untracked();
        let minutes = new_minutes.get_untracked().trim().parse().unwrap_or(0);
        ctx.edit(move |m, _, _, now| {
            m.edit_agenda(now, |a| a.add_item(title, minutes))
                .map(|_| ())
        });
        if ctx.error.get_untracked().is_none() {
            new_title.set(String::new());
        }
    };
    view! {
        <section class="agenda" aria-labelledby="agenda-title">
            <h4 id="agenda-title">
                {t(MeetingText::AgendaTitle)}" "
                <span class="muted" data-testid="agenda-total">{total}</span>
            </h4>
            <ol class="agenda-items" start="0">
                <For
                    each=move || {
                        ctx.with(|m| m.agenda().items().iter().map(|i| i.kind).enumerate().collect::<Vec<_>>())
                            .unwrap_or_default()
                    }
                    key=|(index, kind)| (*index, *kind)
                    children=move |(index, kind)| view! { <AgendaItemView index kind /> }
                />
            </ol>
            <form class="inline-form" on:submit=add>
                <label>
                    {t(MeetingText::NewItemTitle)}" "
                    <input type="text" data-testid="new-item-title" prop:value=move || new_title.get() on:input:target=move |ev| new_title.set(ev.target().value()) />
                </label>
                <label>
                    {t(MeetingText::Timebox)}" "
                    <input type="number" min="1" class="minutes" prop:value=move || new_minutes.get() on:input:target=move |ev| new_minutes.set(ev.target().value()) />
                </label>
                <button type="submit" data-action="add-agenda-item">{t(MeetingText::AddItem)}</button>
            </form>
        </section>
    }
}

/// One agenda item.
#[component]
fn AgendaItemView(index: usize, kind: AgendaItemKind) -> impl IntoView {
    let app = AppState::get();
    let ctx = RunCtx::get();
    let now = Ticker::get().0;
    let t = move |text: MeetingText| app.t(text);
    let item = move |f: fn(&AgendaItem) -> String| {
        ctx.with(|m| m.agenda().item(index).map(f))
            .flatten()
            .unwrap_or_default()
    };
    let title = move || {
        ctx.with(|m| m.agenda().item(index).map(|i| item_title(i, app)))
            .flatten()
            .unwrap_or_default()
    };
    let running = move || {
        ctx.with(|m| m.agenda().running() == Some(index))
            .unwrap_or(false)
    };
    let elapsed = move || {
        ctx.with(|m| m.agenda().item(index).map(|i| i.elapsed(now.get())))
            .flatten()
            .unwrap_or_default()
    };
    let overrun = move || {
        ctx.with(|m| m.agenda().item(index).map(|i| i.overrun(now.get())))
            .flatten()
            .unwrap_or_default()
    };
    let is_overrun = move || overrun() > chrono::Duration::zero();
    let kind_id = item_kind_id(kind);
    let pinned = kind == AgendaItemKind::ReviewPreviousActions;
    let label = move |text: MeetingText| move || format!("{} – {}", t(text)(), title());

    let body = match kind {
        AgendaItemKind::ReviewPreviousActions => view! { <ReviewItem /> }.into_any(),
        AgendaItemKind::Topic(topic) => view! {
            <TopicScorecard topic />
            <ItemActions topic=Some(topic) />
        }
        .into_any(),
        AgendaItemKind::EmergencyStep(step) => view! { <EmergencyStepPanel step /> }.into_any(),
        AgendaItemKind::AnythingElse | AgendaItemKind::Custom => {
            view! { <ItemActions topic=None /> }.into_any()
        }
    };
    let conclusion_id = format!("conclusion-{kind_id}-{index}");

    view! {
        <li class="agenda-item" class:running=running class:overrun=is_overrun data-item=kind_id.clone() data-index=index>
            <div class="item-head">
                <span class="item-number">"("{index}")"</span>
                <h5 class="item-title">{title}</h5>
                <label class="timebox">
                    <span class="visually-hidden">{label(MeetingText::Timebox)}</span>
                    <input
                        type="number"
                        min="1"
                        class="minutes"
                        data-field="timebox"
                        prop:value=move || item(|i| i.timebox_minutes.to_string())
                        on:change:target=move |ev| {
                            let minutes = ev.target().value().trim().parse().unwrap_or(0);
                            ctx.edit(move |m, _, _, now| m.edit_agenda(now, |a| a.set_timebox(index, minutes)));
                        }
                    />
                    " min"
                </label>
                <label class="item-rename no-print">
                    <span class="visually-hidden">{label(MeetingText::RenameItem)}</span>
                    <input
                        type="text"
                        class="rename"
                        data-field="title"
                        title=move || t(MeetingText::RenameItem)()
                        placeholder=move || title()
                        prop:value=move || item(|i| i.title.clone())
                        on:change:target=move |ev| {
                            let text = ev.target().value().trim().to_string();
                            ctx.edit(move |m, _, _, now| m.edit_agenda(now, |a| a.set_title(index, text)));
                        }
                    />
                </label>
                <span class="timer" role="timer" data-testid="item-timer" data-overrun=move || is_overrun().to_string()>
                    {move || fmt_duration(elapsed())}
                </span>
                {move || {
                    is_overrun()
                        .then(|| {
                            view! {
                                <strong class="overrun-marker" data-testid="overrun">
                                    <span aria-hidden="true">"⚠ "</span>
                                    {t(MeetingText::Overrun)}" +"{fmt_duration(overrun())}
                                </strong>
                            }
                        })
                }}
                <button
                    type="button"
                    id=format!("timer-{index}")
                    data-action="toggle-timer"
                    aria-pressed=move || running().to_string()
                    aria-label=move || format!("{} – {}", if running() { t(MeetingText::PauseTimer)() } else { t(MeetingText::StartTimer)() }, title())
                    on:click=move |_| {
                        let stop = running();
                        ctx.edit(move |m, _, _, now| {
                            m.edit_agenda(now, |a| {
                                if stop {
                                    a.stop(now);
                                    Ok(())
                                } else {
                                    a.start(index, now)
                                }
                            })
                        });
                    }
                >
                    {move || if running() { t(MeetingText::PauseTimer)() } else { t(MeetingText::StartTimer)() }}
                </button>
                <button type="button" class="small" data-action="move-up" aria-label=label(MeetingText::MoveUp) disabled=pinned
                    on:click=move |_| ctx.edit(move |m, _, _, now| m.edit_agenda(now, |a| a.move_item(index, index.saturating_sub(1))))>"↑"</button>
                <button type="button" class="small" data-action="move-down" aria-label=label(MeetingText::MoveDown) disabled=pinned
                    on:click=move |_| ctx.edit(move |m, _, _, now| m.edit_agenda(now, |a| a.move_item(index, index + 1)))>"↓"</button>
                <button type="button" class="small" data-action="remove-item" aria-label=label(MeetingText::RemoveItem) disabled=pinned
                    on:click=move |_| ctx.edit(move |m, _, _, now| m.edit_agenda(now, |a| a.remove_item(index).map(|_| ())))>"✕"</button>
            </div>
            {body}
            <label class="block">
                {t(MeetingText::Conclusion)}
                <textarea
                    id=conclusion_id
                    data-field="conclusion"
                    rows="2"
                    prop:value=move || item(|i| i.conclusion.clone())
                    on:input:target=move |ev| {
                        let text = ev.target().value();
                        ctx.edit(move |m, _, _, now| m.edit_agenda(now, |a| a.set_conclusion(index, text)));
                    }
                ></textarea>
            </label>
            <label class="block">
                {t(MeetingText::Notes)}
                <textarea
                    data-field="notes"
                    rows="2"
                    prop:value=move || item(|i| i.notes.clone())
                    on:input:target=move |ev| {
                        let text = ev.target().value();
                        ctx.edit(move |m, _, _, now| m.edit_agenda(now, |a| a.set_notes(index, text)));
                    }
                ></textarea>
            </label>
        </li>
    }
}
