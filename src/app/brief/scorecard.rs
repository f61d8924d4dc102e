//! The scorecard: each topic's key figures against their targets, with the topic's worst status.
//! [`TopicScorecard`] is one topic's part, which the meeting page shows inside the topic's agenda
//! item.

use leptos::prelude::*;
use opsbrief_domain::metrics::{Brief, ScoreLine};
use opsbrief_domain::report::Topic;

use super::figure::{MissingNote, Provenance, StatusBadge, label_of};
use super::format;
use super::state::BriefState;
use crate::app::state::AppState;
use crate::i18n::BriefText;

/// The four topics in agenda order.
pub const TOPICS: [Topic; 4] = [Topic::Sales, Topic::Ads, Topic::Inventory, Topic::Health];

/// The topic's heading.
pub fn topic_title(topic: Topic) -> BriefText {
    match topic {
        Topic::Sales => BriefText::TopicSales,
        Topic::Ads => BriefText::TopicAds,
        Topic::Inventory => BriefText::TopicInventory,
        Topic::Health => BriefText::TopicHealth,
    }
}

/// One scorecard line: label, value (or missing with the providing reports), target, status.
fn line_row(brief: &Brief, line: &ScoreLine) -> impl IntoView + use<> {
    let state = AppState::get();
    let figure = brief.figure(&line.id).cloned();
    let raw = format::raw(line.value);
    let status = line.status;
    let status_attr: &'static str = status.map(format::status_key).unwrap_or("");
    let id = line.id.clone();
    let missing = line.missing.clone();
    let label = label_of(&line.id);
    let unit = line.unit.clone();
    let target = line
        .target
        .map(|t| move || format::target_value(&unit, t, state.lang.get()));
    let value = match figure.clone() {
        Some(f) if f.value.is_some() => {
            view! { <span class="figure-value">{move || format::figure_value(&f, state.lang.get())}</span> }
                .into_any()
        }
        _ => view! {
            <MissingNote missing=missing note=figure.as_ref().and_then(|f| f.note.clone()) />
        }
        .into_any(),
    };
    view! {
        <tr
            data-metric=id
            data-value=raw
            data-status=status_attr
        >
            <th scope="row">{label}</th>
            <td class="num">{value}</td>
            <td class="num">{target}</td>
            <td>
                {match status {
                    Some(_) => view! { <StatusBadge status=status /> }.into_any(),
                    None => view! { <span class="status status-none">{state.t(BriefText::NoStatus)}</span> }.into_any(),
                }}
            </td>
            <td class="provenance-cell">{figure.map(|f| view! { <Provenance figure=f compact=true /> })}</td>
        </tr>
    }
}

/// One topic's block of the scorecard, from the Brief in context.
#[component]
pub fn TopicScorecard(topic: Topic) -> impl IntoView {
    let state = AppState::get();
    let brief = BriefState::get().brief;
    move || {
        brief.with(|b| {
            let Some(b) = b else {
                return view! {
                    <section class="scorecard-topic empty" data-topic=topic.id()>
                        <h4>{state.t(topic_title(topic))}</h4>
                        <p class="empty">{state.t(BriefText::NothingLoaded)}</p>
                    </section>
                }
                .into_any();
            };
            let overall = b.topic_status(topic);
            let rows = b
                .scorecard
                .iter()
                .filter(|l| l.topic == topic)
                .map(|l| line_row(b, l))
                .collect_view();
            view! {
                <section
                    class="scorecard-topic keep-together"
                    data-topic=topic.id()
                    data-status=overall.map(format::status_key).unwrap_or("")
                >
                    <h4>
                        {state.t(topic_title(topic))}" "
                        <StatusBadge status=overall />
                    </h4>
                    <table class="scorecard-table">
                        <thead>
                            <tr>
                                <th scope="col">{state.t(BriefText::Metric)}</th>
                                <th scope="col" class="num">{state.t(BriefText::Value)}</th>
                                <th scope="col" class="num">{state.t(BriefText::Target)}</th>
                                <th scope="col">{state.t(BriefText::Status)}</th>
                                <th scope="col"><span class="visually-hidden">{state.t(BriefText::HowComputed)}</span></th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </section>
            }
            .into_any()
        })
    }
}

/// The scorecard of the four topics.
#[component]
pub fn Scorecard() -> impl IntoView {
    let state = AppState::get();
    view! {
        <section class="scorecard brief-section" data-testid="scorecard" aria-labelledby="scorecard-title">
            <h3 id="scorecard-title">{state.t(BriefText::Scorecard)}</h3>
            <p class="intro">{state.t(BriefText::ScorecardIntro)}</p>
            <div class="scorecard-grid">
                {TOPICS.into_iter().map(|t| view! { <TopicScorecard topic=t /> }).collect_view()}
            </div>
        </section>
    }
}
