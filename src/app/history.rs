//! The History page: past meetings (each opens its read-only record and snapshot), the trends of
//! the scorecard metrics their snapshots froze, and completion rate and rating over time.

use chrono::NaiveDate;
use leptos::prelude::*;
use opsbrief_domain::meeting::{
    MeetingId, closed_meetings, completion_rate_series, metric_trends, rating_series,
};

use crate::app::meeting::{MeetingRecord, fmt_rate};
use crate::app::settings::PageIntro;
use crate::app::state::AppState;
use crate::app::workspace::WorkspaceState;
use crate::app::brief::PastBrief;
use crate::i18n::{DocText, MeetingText, Text, Translate};

#[component]
pub fn HistoryPage() -> impl IntoView {
    let app = AppState::get();
    let state = WorkspaceState::get();
    let t = move |text: MeetingText| app.t(text);
    let opened = RwSignal::new(None::<MeetingId>);
    // The past meeting whose brief is shown; it replaces the record, and printing prints it alone.
    let brief_of = RwSignal::new(None::<MeetingId>);
    let past = Memo::new(move |_| {
        state.ws.with(|ws| {
            closed_meetings(&ws.meetings)
                .into_iter()
                .rev()
                .map(|(m, r)| {
                    (
                        m.id().clone(),
                        m.date(),
                        m.emergency_plan().is_some(),
                        m.rating(),
                        r.cost.to_string(),
                        r.action_stats.completion_rate,
                        r.forced,
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let completion = Memo::new(move |_| state.ws.with(|ws| completion_rate_series(&ws.meetings)));
    let ratings = Memo::new(move |_| {
        state.ws.with(|ws| {
            rating_series(&ws.meetings)
                .into_iter()
                .map(|(d, r)| (d, r.map(f64::from)))
                .collect::<Vec<_>>()
        })
    });
    let trends = Memo::new(move |_| state.ws.with(|ws| metric_trends(&ws.meetings)));

    view! {
        <PageIntro title=Text::NavHistory intro=Text::HistoryIntro />
        <Show when=move || !past.with(Vec::is_empty) fallback=move || view! { <p class="empty">{t(MeetingText::NoPastMeetings)}</p> }>
            <table class="past-meetings" data-testid="past-meetings">
                <thead>
                    <tr>
                        <th scope="col">{t(MeetingText::MeetingDate)}</th>
                        <th scope="col">{t(MeetingText::Kind)}</th>
                        <th scope="col" class="num">{t(MeetingText::Rating)}</th>
                        <th scope="col" class="num">{t(MeetingText::Cost)}</th>
                        <th scope="col" class="num">{t(MeetingText::CompletionRate)}</th>
                        <th scope="col"><span class="visually-hidden">{t(MeetingText::OpenRecord)}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {move || past.get().into_iter().map(|(id, date, emergency, rating, cost, rate, forced)| {
                        let target = id.clone();
                        let brief_target = id.clone();
                        view! {
                            <tr data-meeting-id=id.to_string()>
                                <td>{date.to_string()}</td>
                                <td>
                                    {if emergency { t(MeetingText::EmergencyMeeting) } else { t(MeetingText::WeeklyMeeting) }}
                                    {forced.then(|| view! { " " <span class="forced-marker">"⚠ "{t(MeetingText::ClosedForced)}</span> })}
                                </td>
                                <td class="num">{rating.map(|r| r.to_string()).unwrap_or_else(|| "–".into())}</td>
                                <td class="num">{cost}</td>
                                <td class="num">{fmt_rate(rate)}</td>
                                <td>
                                    <button
                                        type="button"
                                        class="link"
                                        data-action="open-record"
                                        aria-label=move || format!("{} {date}", t(MeetingText::OpenRecord)())
                                        on:click=move |_| {
                                            brief_of.set(None);
                                            opened.set(Some(target.clone()));
                                        }
                                    >
                                        {t(MeetingText::OpenRecord)}
                                    </button>
                                    " "
                                    <button
                                        type="button"
                                        class="link"
                                        data-action="open-brief"
                                        aria-label=move || format!("{} {date}", DocText::ViewBrief.get(app.lang.get()))
                                        on:click=move |_| {
                                            opened.set(None);
                                            brief_of.set(Some(brief_target.clone()));
                                        }
                                    >
                                        {app.t(DocText::ViewBrief)}
                                    </button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </Show>
        {move || opened.get().map(|id| view! {
            <button type="button" class="secondary" data-action="close-record" on:click=move |_| opened.set(None)>{t(MeetingText::CloseRecord)}</button>
            <MeetingRecord id />
        })}
        {move || brief_of.get().map(|id| view! {
            <div class="past-brief-frame">
                <button type="button" class="secondary no-print" data-action="close-brief" on:click=move |_| brief_of.set(None)>{app.t(DocText::CloseBrief)}</button>
                <PastBrief id />
            </div>
        })}
        <section class="trends" aria-labelledby="trends-title">
            <h3 id="trends-title">{t(MeetingText::Trends)}</h3>
            <div class="charts">
                <figure data-testid="trend-completion">
                    <figcaption>{t(MeetingText::CompletionRate)}</figcaption>
                    {move || view! { <LineChart points=completion.get() percent=true /> }}
                </figure>
                <figure data-testid="trend-rating">
                    <figcaption>{t(MeetingText::Rating)}</figcaption>
                    {move || view! { <LineChart points=ratings.get() percent=false /> }}
                </figure>
                {move || trends.get().into_iter().map(|(id, points)| view! {
                    <figure data-metric=id.clone()>
                        <figcaption><code>{id.clone()}</code></figcaption>
                        <LineChart points percent=false />
                    </figure>
                }).collect_view()}
            </div>
        </section>
    }
}

const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 120.0;
const PAD: f64 = 24.0;

/// A small line chart of one series over the weeks, with a dot and a text label per known value
/// (so the values are readable without the line), and gaps where a week has no value.
#[component]
fn LineChart(points: Vec<(NaiveDate, Option<f64>)>, percent: bool) -> impl IntoView {
    let app = AppState::get();
    if points.iter().all(|(_, v)| v.is_none()) {
        return view! { <p class="empty">{app.t(MeetingText::NoData)}</p> }.into_any();
    }
    let known: Vec<f64> = points.iter().filter_map(|(_, v)| *v).collect();
    let (min, max) = known
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    let span = if (max - min).abs() < f64::EPSILON {
        1.0
    } else {
        max - min
    };
    let n = points.len();
    let x = move |i: usize| {
        if n <= 1 {
            WIDTH / 2.0
        } else {
            PAD + (WIDTH - 2.0 * PAD) * i as f64 / (n - 1) as f64
        }
    };
    let y = move |v: f64| HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * (v - min) / span;
    // Consecutive known values are joined; a missing week breaks the line.
    let mut path = String::new();
    let mut pen_down = false;
    for (i, (_, v)) in points.iter().enumerate() {
        match v {
            Some(v) => {
                path.push_str(&format!(
                    "{}{:.1},{:.1} ",
                    if pen_down { "L" } else { "M" },
                    x(i),
                    y(*v)
                ));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    let label = move |v: f64| {
        if percent {
            fmt_rate(Some(v))
        } else {
            format!("{v:.2}")
                .trim_end_matches('0')
                .trim_end_matches('.')
                .to_string()
        }
    };
    let summary = points
        .iter()
        .map(|(d, v)| format!("{d}: {}", v.map(label).unwrap_or_else(|| "–".into())))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <svg class="line-chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=summary>
            <line x1=PAD y1=HEIGHT - PAD x2=WIDTH - PAD y2=HEIGHT - PAD class="axis" stroke="currentColor" stroke-opacity="0.3" />
            <path d=path fill="none" stroke="currentColor" stroke-width="2" />
            {points.iter().enumerate().filter_map(|(i, (d, v))| {
                let v = (*v)?;
                Some(view! {
                    <circle cx=x(i) cy=y(v) r="3" fill="currentColor"><title>{format!("{d}: {}", label(v))}</title></circle>
                    <text x=x(i) y=y(v) - 6.0 text-anchor="middle" font-size="10" fill="currentColor">{label(v)}</text>
                })
            }).collect_view()}
            {points.first().map(|(d, _)| view! { <text x=PAD y=HEIGHT - 6.0 font-size="10" fill="currentColor">{d.format("%m-%d").to_string()}</text> })}
            {(n > 1).then(|| points.last().map(|(d, _)| view! { <text x=WIDTH - PAD y=HEIGHT - 6.0 text-anchor="end" font-size="10" fill="currentColor">{d.format("%m-%d").to_string()}</text> }))}
        </svg>
    }
    .into_any()
}
