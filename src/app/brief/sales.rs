//! Topic 1 on the page: sales totals, conversion against the reference lines, attainment and
//! pace, change against the previous period, the daily chart, the sortable ASIN table, the
//! high-potential ASINs and the diagnosis checklist when conversion is low.

use std::sync::Arc;

use leptos::prelude::*;
use opsbrief_domain::dataset::Currency;
use opsbrief_domain::metrics::{AbcClass, AsinRow, Brief, Potential};

use super::figure::{FigureCell, FigureGrid};
use super::format;
use super::state::BriefState;
use super::table::{MAX_ROWS_SHOWN, CsvButton, SortHeader};
use super::{SourceLine, grid_figures};
use crate::app::charts::{Fmt, LineChart, Point};
use crate::app::state::AppState;
use crate::i18n::{BriefText, Translate};

/// The columns the ASIN table sorts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AsinSort {
    Rank,
    Asin,
    Sales,
    Units,
    Sessions,
    Conversion,
    Share,
}

/// Orders rows by a column; missing values sort last whichever the direction.
fn sort_rows(rows: &mut [AsinRow], key: AsinSort, ascending: bool) {
    let num = |r: &AsinRow| -> Option<f64> {
        match key {
            AsinSort::Rank => Some(r.rank as f64),
            AsinSort::Sales => Some(r.sales),
            AsinSort::Units => Some(r.units as f64),
            AsinSort::Sessions => Some(r.sessions as f64),
            AsinSort::Conversion => r.conversion,
            AsinSort::Share => r.share,
            AsinSort::Asin => None,
        }
    };
    rows.sort_by(|a, b| {
        let order = if key == AsinSort::Asin {
            a.asin.cmp(&b.asin)
        } else {
            match (num(a), num(b)) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => return std::cmp::Ordering::Less,
                (None, Some(_)) => return std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
        };
        if ascending { order } else { order.reverse() }
    });
}

fn abc_label(c: AbcClass) -> &'static str {
    match c {
        AbcClass::A => "A",
        AbcClass::B => "B",
        AbcClass::C => "C",
    }
}

fn potential_text(p: Potential) -> BriefText {
    match p {
        Potential::TrafficLimited => BriefText::TrafficLimited,
        Potential::ConversionLimited => BriefText::ConversionLimited,
    }
}

/// The ASIN table, sorted by the signal's column.
#[component]
fn AsinTable(sort: RwSignal<(AsinSort, bool)>) -> impl IntoView {
    let state = AppState::get();
    let brief = BriefState::get().brief;
    let rows = move || brief.with(|b| b.as_ref().map(|b| b.sales.asins.clone()).unwrap_or_default());
    let body = move || {
        let (key, asc) = sort.get();
        brief.with(|b| {
            let Some(b) = b else { return ().into_any() };
            let mut rows = b.sales.asins.clone();
            sort_rows(&mut rows, key, asc);
            rows.truncate(MAX_ROWS_SHOWN);
            let currency = b.selection.currency.clone().unwrap_or(Currency("XXX".into()));
            rows.into_iter()
                .map(|r| {
                    let share = b.figure(&format!("sales.asin_share.{}", r.asin)).cloned();
                    let conv = b.figure(&format!("sales.asin_conversion.{}", r.asin)).cloned();
                    let cur = currency.clone();
                    view! {
                        <tr data-asin=r.asin.clone() class:low=r.low_conversion>
                            <td class="num">{r.rank}</td>
                            <td><code>{r.asin.clone()}</code></td>
                            <td>{r.sku.clone().unwrap_or_default()}</td>
                            <td class="num">{format::money(r.sales, &cur)}</td>
                            <td class="num">{format::number(r.units as f64, 0)}</td>
                            <td class="num">{format::number(r.sessions as f64, 0)}</td>
                            <FigureCell figure=conv />
                            <FigureCell figure=share />
                            <td class="abc">{abc_label(r.abc)}</td>
                            <td>{r.potential.map(|p| state.t(potential_text(p)))}</td>
                        </tr>
                    }
                })
                .collect_view()
                .into_any()
        })
    };
    view! {
        <div class="table-block keep-together">
            <div class="table-head">
                <h4>{state.t(BriefText::AsinTable)}</h4>
                <CsvButton name="asins" rows=rows />
            </div>
            <div class="table-scroll">
                <table class="asin-table" data-testid="asin-table">
                    <thead>
                        <tr>
                            <SortHeader label=BriefText::ColRank key=AsinSort::Rank name="rank" sort=sort numeric=true />
                            <SortHeader label=BriefText::ColAsin key=AsinSort::Asin name="asin" sort=sort />
                            <th scope="col">{state.t(BriefText::ColSku)}</th>
                            <SortHeader label=BriefText::ColSales key=AsinSort::Sales name="sales" sort=sort numeric=true />
                            <SortHeader label=BriefText::ColUnits key=AsinSort::Units name="units" sort=sort numeric=true />
                            <SortHeader label=BriefText::ColSessions key=AsinSort::Sessions name="sessions" sort=sort numeric=true />
                            <SortHeader label=BriefText::ColConversion key=AsinSort::Conversion name="conversion" sort=sort numeric=true />
                            <SortHeader label=BriefText::ColShare key=AsinSort::Share name="share" sort=sort numeric=true />
                            <th scope="col">{state.t(BriefText::ColAbc)}</th>
                            <th scope="col">{state.t(BriefText::ColPotential)}</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </div>
    }
}

/// The daily sales and sessions charts, or the report they need.
fn daily_charts(b: &Brief, lang: crate::i18n::Lang) -> impl IntoView + use<> {
    let missing = BriefText::Missing.get(lang).to_string();
    if b.sales.daily.is_empty() {
        return view! {
            <p class="chart-missing">
                {BriefText::ChartDailyMissing.get(lang)}": "
                {opsbrief_domain::report::ReportKind::BusinessDate.title()}
            </p>
        }
        .into_any();
    }
    let currency = b.selection.currency.clone().unwrap_or(Currency("XXX".into()));
    let label = |d: &chrono::NaiveDate| d.format("%m-%d").to_string();
    let sales: Vec<Point> = b
        .sales
        .daily
        .iter()
        .map(|d| Point { label: label(&d.date), value: Some(d.sales), emphasis: d.current })
        .collect();
    let sessions: Vec<Point> = b
        .sales
        .daily
        .iter()
        .map(|d| Point { label: label(&d.date), value: d.sessions.map(|s| s as f64), emphasis: d.current })
        .collect();
    let money: Fmt = Arc::new(move |v| format::money(v, &currency));
    let count: Fmt = Arc::new(|v| format::short(v, 0));
    let legend = (BriefText::ThisPeriod.get(lang).to_string(), BriefText::PreviousPeriod.get(lang).to_string());
    view! {
        <div class="chart-row">
            <LineChart
                id="sales-by-day"
                title=BriefText::ChartSalesByDay.get(lang).to_string()
                points=sales
                fmt=money
                missing=missing.clone()
                legend=legend.clone()
            />
            <LineChart
                id="sessions-by-day"
                title=BriefText::ChartSessionsByDay.get(lang).to_string()
                points=sessions
                fmt=count
                missing=missing
                legend=legend
            />
        </div>
    }
    .into_any()
}

/// The checklist the article gives when conversion is low, with the data's evidence.
fn diagnosis(b: &Brief, lang: crate::i18n::Lang) -> impl IntoView + use<> {
    b.sales.diagnosis.clone().map(|d| {
        view! {
            <section class="diagnosis keep-together" data-testid="diagnosis">
                <h4>{BriefText::Diagnosis.get(lang)}</h4>
                <p>
                    {BriefText::DiagnosisIntro.get(lang)}" "{format::percent(d.threshold)}
                    {d.conversion.map(|c| format!(" ({})", format::percent(c)))}
                </p>
                {(!d.low_asins.is_empty())
                    .then(|| view! { <p>{BriefText::LowAsins.get(lang)}": "{d.low_asins.join(", ")}</p> })}
                <ol class="checklist">
                    {d
                        .checks
                        .into_iter()
                        .map(|c| {
                            view! {
                                <li>
                                    <strong>{c.area}</strong>": "{c.question}
                                    <ul>{c.evidence.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </section>
        }
    })
}

/// The sales topic.
#[component]
pub fn SalesSection() -> impl IntoView {
    let state = AppState::get();
    let bs = BriefState::get();
    let sort = RwSignal::new((AsinSort::Rank, true));
    let body = move || {
        let lang = state.lang.get();
        let th = bs.settings.with(|s| s.thresholds.clone());
        bs.brief.with(|b| {
            b.as_ref().map(|b| {
                let (changes, totals): (Vec<_>, Vec<_>) =
                    grid_figures(&b.sales.figures, &["sales.asin_share.", "sales.asin_conversion."])
                        .into_iter()
                        .partition(|f| f.id.starts_with("sales.change"));
                let potentials: Vec<_> = b.sales.asins.iter().filter(|a| a.potential.is_some()).cloned().collect();
                view! {
                    <SourceLine files=b.sales.source.clone().into_iter().collect() />
                    <FigureGrid figures=totals />
                    <p class="references">
                        {BriefText::ReferenceLines.get(lang)}": "
                        {BriefText::ConversionLowLine.get(lang)}" "{format::percent(th.conversion_low)}"; "
                        {BriefText::ConversionMedianLine.get(lang)}" "{format::percent(th.conversion_median)}
                    </p>
                    <h4>{BriefText::ChangeVsPrevious.get(lang)}</h4>
                    <FigureGrid figures=changes />
                    {daily_charts(b, lang)}
                    {diagnosis(b, lang)}
                    <section class="high-potential keep-together" data-testid="high-potential">
                        <h4>{BriefText::HighPotential.get(lang)}</h4>
                        {if potentials.is_empty() {
                            view! { <p class="empty">{BriefText::NoHighPotential.get(lang)}</p> }.into_any()
                        } else {
                            view! {
                                <ul>
                                    {potentials
                                        .into_iter()
                                        .map(|a| {
                                            let why = a.potential.map(potential_text).map(|t| t.get(lang)).unwrap_or_default();
                                            view! {
                                                <li data-asin=a.asin.clone()>
                                                    <code>{a.asin.clone()}</code>" "{a.sku.clone().unwrap_or_default()}" — "{why}
                                                    {a.conversion.map(|c| format!(" ({} {})", BriefText::ColConversion.get(lang), format::percent(c)))}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                            .into_any()
                        }}
                    </section>
                }
            })
        })
    };
    view! {
        <section class="topic brief-section" data-topic="sales" aria-labelledby="topic-sales">
            <h3 id="topic-sales">{state.t(BriefText::TopicSales)}</h3>
            {body}
            <AsinTable sort=sort />
        </section>
    }
}
