//! Topic 1, sales and target attainment (`sales.*`): totals, conversion against the article's 8 %
//! and 12.6 % lines, target attainment and pace, change against the previous period, the ASIN table
//! with shares and ABC classes, high-potential ASINs and the diagnosis checklist.
//!
//! One source per figure: the totals and the ASIN table come from one Business Report, the child
//! layout when loaded (so ASIN shares add up to the total they are shares of), else the parent
//! layout, else "Sales and Traffic by Date" (totals only). B2B columns are shown beside the
//! totals and never added to them, because Amazon's totals already include B2B.
//!
//! Another tool's product or day table of the same period (sellerboard, Jungle Scout, ...) that
//! carries sales and units can give the same totals. It is never added to the Business Report:
//! `choose_sums` takes one of them (the user's preference, else Amazon) and the Brief lists the
//! choice as a conflict. Sessions and conversion come from such a table only when it carried
//! sessions; its ASIN table is its products.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Context;
use super::figure::{Figure, Status, Unit, fmt_money, fmt_num, fmt_pct, ratio, relative_change};
use super::Settings;
use super::sources::{self, Candidate, FigureFamily, SourceConflict};
use crate::dataset::{Cents, ItemTraffic, LoadedReport, Measure, Period, ProductPerformance, ReportData};
use crate::report::{ReportKind, ReportSource};

/// The reports that provide sales totals, in the order they are preferred.
pub(crate) const SALES_SOURCES: [ReportKind; 3] = [
    ReportKind::BusinessChild,
    ReportKind::BusinessParent,
    ReportKind::BusinessDate,
];

/// Everything the Brief shows for the sales topic.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SalesTopic {
    /// Every `sales.*` figure, totals first, then changes, then per-ASIN figures.
    pub figures: Vec<Figure>,
    /// The ASIN table, ranked by ordered sales (empty when only the by-date report is loaded).
    pub asins: Vec<AsinRow>,
    /// The diagnosis checklist, present when conversion is below the low line (account or an ASIN
    /// with meaningful sessions).
    pub diagnosis: Option<Diagnosis>,
    /// The file the totals came from.
    pub source: Option<String>,
    /// The account's sales and traffic day by day over the previous and this period, for the
    /// page's daily chart (empty without a "Sales and Traffic by Date" report covering them).
    #[serde(default)]
    pub daily: Vec<DayPoint>,
    /// The file(s) the daily series came from.
    #[serde(default)]
    pub daily_sources: Vec<String>,
}

/// One day of the account's sales and traffic, from "Sales and Traffic by Date".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayPoint {
    pub date: NaiveDate,
    /// Ordered product sales in currency units.
    pub sales: f64,
    pub units: i64,
    /// `None` when the report's layout has no sessions column.
    pub sessions: Option<i64>,
    /// The day is in the selected period (else it is in the previous period).
    pub current: bool,
}

/// One ASIN of the Business Report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AsinRow {
    /// 1 for the ASIN with the highest ordered sales.
    pub rank: usize,
    pub asin: String,
    pub parent_asin: Option<String>,
    pub sku: Option<String>,
    pub title: Option<String>,
    /// Ordered product sales in currency units, B2B included (as Amazon reports it).
    pub sales: f64,
    /// The B2B part of `sales`, for information.
    pub sales_b2b: f64,
    pub units: i64,
    pub order_items: i64,
    pub sessions: i64,
    pub page_views: i64,
    /// Units / sessions.
    pub conversion: Option<f64>,
    /// Session-weighted Buy Box share.
    pub buy_box: Option<f64>,
    /// Sales / the report's total sales.
    pub share: Option<f64>,
    /// Share of this ASIN and every ASIN ranked above it.
    pub cumulative_share: Option<f64>,
    pub abc: AbcClass,
    pub potential: Option<Potential>,
    /// Conversion below the low line with at least the meaningful number of sessions.
    pub low_conversion: bool,
}

/// ABC class by share of sales: A = the ASINs making the first 80 %, B = the next 15 %, C = rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AbcClass {
    A,
    B,
    C,
}

/// Why an ASIN is a high-potential product.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Potential {
    /// Converts better than the account but gets fewer sessions than the median ASIN: more
    /// traffic (ads, keywords) should pay.
    TrafficLimited,
    /// Gets more sessions than the median ASIN but converts worse than the account: fix the
    /// listing, price or offer.
    ConversionLimited,
}

impl Potential {
    /// How the page names it.
    pub fn label(self) -> &'static str {
        match self {
            Potential::TrafficLimited => "traffic-limited",
            Potential::ConversionLimited => "conversion-limited",
        }
    }
}

/// The article's checklist when conversion is low: listing quality, price competitiveness, ad
/// efficiency, each with the evidence the loaded reports give.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diagnosis {
    /// The account's conversion, when known.
    pub conversion: Option<f64>,
    /// The low line it was compared with.
    pub threshold: f64,
    /// ASINs with meaningful sessions whose conversion is below the line.
    pub low_asins: Vec<String>,
    pub checks: Vec<DiagnosisCheck>,
}

/// One item of the checklist.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DiagnosisCheck {
    /// `Listing quality`, `Price competitiveness` or `Ad efficiency`.
    pub area: String,
    /// What to check, in English.
    pub question: String,
    /// What the data says about it, in English with numbers.
    pub evidence: Vec<String>,
}

/// Sales sums of one period from one source: a Business Report, or another tool's table
/// (`from_tool`).
#[derive(Clone, Debug)]
pub(crate) struct SalesSums<'a> {
    pub source: &'a LoadedReport,
    pub rows: usize,
    pub sales: Cents,
    pub sales_b2b: Cents,
    pub units: i64,
    /// `None` for another tool's table, which counts orders, not order items.
    pub order_items: Option<i64>,
    /// `None` when the report has no sessions column (a by-date layout without traffic).
    pub sessions: Option<i64>,
    pub page_views: Option<i64>,
    pub buy_box_weighted: Option<f64>,
    pub buy_box_sessions: i64,
    /// Per ASIN, merged by ASIN, in file order; empty for the by-date report.
    pub items: Vec<ItemTraffic>,
    /// Whether the sums come from another tool's table rather than a Business Report.
    pub from_tool: bool,
}

impl SalesSums<'_> {
    pub fn conversion(&self) -> Option<f64> {
        ratio(self.units as f64, self.sessions? as f64)
    }
}

/// Sums the preferred Business Report of `period` among `reports` (see the module docs); other
/// tools' tables are weighed against it by [`choose_sums`].
pub(crate) fn sales_sums<'a>(
    reports: &[&'a LoadedReport],
    period: Period,
) -> Option<SalesSums<'a>> {
    let source = SALES_SOURCES.iter().find_map(|kind| {
        reports
            .iter()
            .find(|r| r.kind == *kind && r.period == Some(period))
    })?;
    match &source.data {
        ReportData::BusinessByItem(by_item) => {
            let mut merged: Vec<ItemTraffic> = Vec::new();
            let mut index: BTreeMap<String, usize> = BTreeMap::new();
            for item in &by_item.items {
                let key = item.asin().to_string();
                match index.get(&key) {
                    Some(&i) => add_item(&mut merged[i], item),
                    None => {
                        index.insert(key, merged.len());
                        merged.push(item.clone());
                    }
                }
            }
            let sum = |f: fn(&ItemTraffic) -> i64| merged.iter().map(f).sum::<i64>();
            let buy_box_sessions = sum(|i| i.buy_box_sessions);
            Some(SalesSums {
                source,
                rows: by_item.items.len(),
                sales: merged.iter().map(|i| i.sales).sum(),
                sales_b2b: merged.iter().map(|i| i.sales_b2b).sum(),
                units: sum(|i| i.units),
                order_items: Some(sum(|i| i.order_items)),
                sessions: Some(sum(|i| i.sessions)),
                page_views: Some(sum(|i| i.page_views)),
                buy_box_weighted: (buy_box_sessions > 0)
                    .then(|| merged.iter().map(|i| i.buy_box_weighted).sum()),
                buy_box_sessions,
                items: merged,
                from_tool: false,
            })
        }
        ReportData::BusinessByDate(by_date) => {
            let days = &by_date.days;
            let opt_sum = |f: fn(&crate::dataset::DayTotals) -> Option<i64>| {
                let v: Vec<i64> = days.iter().filter_map(f).collect();
                (!v.is_empty()).then(|| v.iter().sum())
            };
            let with_buy_box: Vec<_> = days
                .iter()
                .filter(|d| d.buy_box_weighted.is_some())
                .collect();
            Some(SalesSums {
                source,
                rows: days.len(),
                sales: days.iter().map(|d| d.sales).sum(),
                sales_b2b: days.iter().map(|d| d.sales_b2b).sum(),
                units: days.iter().map(|d| d.units).sum(),
                order_items: Some(days.iter().map(|d| d.order_items).sum()),
                sessions: opt_sum(|d| d.sessions),
                page_views: opt_sum(|d| d.page_views),
                buy_box_weighted: (!with_buy_box.is_empty())
                    .then(|| with_buy_box.iter().filter_map(|d| d.buy_box_weighted).sum()),
                buy_box_sessions: with_buy_box.iter().filter_map(|d| d.sessions).sum(),
                items: Vec::new(),
                from_tool: false,
            })
        }
        _ => None,
    }
}

/// The sums of another tool's product or day table. Its products become the ASIN table (keyed by
/// ASIN, else SKU); sessions and page views only when the table carried them.
fn performance_sums<'a>(source: &'a LoadedReport, p: &ProductPerformance) -> SalesSums<'a> {
    let has = |m: Measure| p.measures.contains(&m);
    let items: Vec<ItemTraffic> = p
        .items
        .iter()
        .filter_map(|i| {
            Some(ItemTraffic {
                child_asin: Some(i.asin.clone().or_else(|| i.sku.clone())?),
                sku: i.sku.clone(),
                title: i.title.clone(),
                sessions: i.totals.sessions,
                page_views: i.totals.page_views,
                units: i.totals.units,
                sales: i.totals.sales,
                ..ItemTraffic::default()
            })
        })
        .collect();
    SalesSums {
        source,
        rows: source.rows_read.saturating_sub(source.rows_skipped) as usize,
        sales: p.totals.sales,
        sales_b2b: Cents(0),
        units: p.totals.units,
        order_items: None,
        sessions: has(Measure::Sessions).then_some(p.totals.sessions),
        page_views: has(Measure::PageViews).then_some(p.totals.page_views),
        buy_box_weighted: None,
        buy_box_sessions: 0,
        items,
        from_tool: true,
    }
}

/// The sales sums of `period` from one source (see the module docs): the candidates are the
/// preferred Business Report, then every other tool's table of the period with sales and units,
/// in load order. `same_source` asks for the tool the current period's sums came from (for the
/// previous period, so a change compares like with like). Returns the sums and, when there was a
/// choice, the conflict to show.
pub(crate) fn choose_sums<'a>(
    reports: &[&'a LoadedReport],
    period: Period,
    settings: &Settings,
    same_source: Option<ReportSource>,
) -> Option<(SalesSums<'a>, Option<SourceConflict>)> {
    let mut options: Vec<SalesSums<'a>> = Vec::new();
    options.extend(sales_sums(reports, period));
    for (report, p) in sources::performance_reports(reports, period, &[Measure::Sales, Measure::Units]) {
        options.push(performance_sums(report, p));
    }
    let candidates: Vec<Candidate> = options
        .iter()
        .map(|s| Candidate { files: vec![s.source.file_name.clone()], source: s.source.kind.source(), value: s.sales.as_f64() })
        .collect();
    let (index, conflict) = sources::choose(FigureFamily::SalesTotals, &candidates, settings, same_source)?;
    Some((options.swap_remove(index), conflict))
}

fn add_item(into: &mut ItemTraffic, other: &ItemTraffic) {
    into.sessions += other.sessions;
    into.sessions_b2b += other.sessions_b2b;
    into.page_views += other.page_views;
    into.page_views_b2b += other.page_views_b2b;
    into.units += other.units;
    into.units_b2b += other.units_b2b;
    into.order_items += other.order_items;
    into.order_items_b2b += other.order_items_b2b;
    into.sales += other.sales;
    into.sales_b2b += other.sales_b2b;
    into.buy_box_weighted += other.buy_box_weighted;
    into.buy_box_sessions += other.buy_box_sessions;
}

/// The ads figures the diagnosis checklist quotes as evidence.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct AdsEvidence {
    pub acos: Option<f64>,
    pub cvr: Option<f64>,
}

/// The sales target for the selection: one entered for exactly this period, else one whose
/// period contains it, prorated by days. A target for the marketplace wins over one for all.
/// Returns the amount and how it was found.
fn target_for(ctx: &Context) -> Option<(f64, String)> {
    let sel = ctx.selection;
    let candidates: Vec<_> = ctx
        .settings
        .sales_targets
        .iter()
        .filter(|t| t.marketplace.is_none() || t.marketplace == sel.marketplace)
        .filter(|t| t.currency.is_none() || t.currency == sel.currency)
        .filter(|t| t.amount.is_finite())
        .collect();
    let rank =
        |t: &&&crate::metrics::settings::SalesTarget| if t.marketplace.is_some() { 0 } else { 1 };
    if let Some(t) = candidates
        .iter()
        .filter(|t| t.period == sel.period)
        .min_by_key(rank)
    {
        return Some((t.amount, format!("target entered for {}", t.period)));
    }
    let t = candidates
        .iter()
        .filter(|t| t.period.from <= sel.period.from && sel.period.to <= t.period.to)
        .min_by_key(|t| (rank(t), t.period.days()))?;
    let amount = t.amount * sel.period.days() as f64 / t.period.days() as f64;
    Some((
        amount,
        format!(
            "target {} for {} prorated: x {} / {} days",
            fmt_num(t.amount),
            t.period,
            sel.period.days(),
            t.period.days()
        ),
    ))
}

/// Computes the sales topic. `current` and `previous` are the sums of this and the previous
/// period; `ads` carries the ACoS and CVR the checklist quotes.
pub(crate) fn compute(
    ctx: &Context,
    current: Option<&SalesSums>,
    previous: Option<&SalesSums>,
    ads: AdsEvidence,
) -> SalesTopic {
    let th = &ctx.settings.thresholds;
    let period = Some(ctx.selection.period);
    let money = ctx.money();
    let cur_code = ctx.currency();
    let src: Vec<String> = current
        .map(|s| vec![s.source.file_name.clone()])
        .unwrap_or_default();
    let base = |id: &str, unit: Unit| Figure::new(id, unit).period(period).sources(src.clone());
    let mut figures = Vec::new();

    let sales = current.map(|s| s.sales.as_f64());
    let b2b = current.filter(|s| !s.from_tool).map(|s| s.sales_b2b.as_f64());
    let rows = current.map(|s| s.rows).unwrap_or(0);
    let tool = current.filter(|s| s.from_tool).map(|s| s.source.kind.source().name());
    let mut f = base("sales.ordered_sales", money.clone())
        .value(sales)
        .formula(match (sales, b2b, tool) {
            (Some(s), _, Some(tool)) => format!("sum of {tool} sales over {rows} rows = {}", fmt_money(s, &cur_code)),
            (Some(s), Some(b), None) => format!(
                "sum of Ordered Product Sales over {rows} rows = {} (B2B {} is part of it, not added)",
                fmt_money(s, &cur_code),
                fmt_money(b, &cur_code)
            ),
            _ => "sum of Ordered Product Sales".to_string(),
        })
        .missing(&SALES_SOURCES);
    if let Some(tool) = tool {
        f = f.note(format!("from {tool}: no Business Report is used for this period's sales"));
    }
    if let Some(b) = b2b {
        f = f.input("B2B ordered sales", b);
    }
    figures.push(f);

    let count = |id: &str, label: &str, v: Option<i64>, missing: &[ReportKind]| {
        base(id, Unit::Count)
            .value(v.map(|x| x as f64))
            .formula(match v {
                Some(x) => format!("sum of {label} over {rows} rows = {x}"),
                None => format!("sum of {label}"),
            })
            .missing(missing)
    };
    let units = current.map(|s| s.units);
    let order_items = current.and_then(|s| s.order_items);
    let sessions = current.and_then(|s| s.sessions);
    let page_views = current.and_then(|s| s.page_views);
    // A by-date report without traffic columns gives sales but not sessions: the child report would.
    let traffic_missing: &[ReportKind] = if current.is_some() {
        &[ReportKind::BusinessChild]
    } else {
        &SALES_SOURCES
    };
    let units_label = if tool.is_some() { "units" } else { "Units Ordered" };
    figures.push(count("sales.units", units_label, units, &SALES_SOURCES));
    figures.push(count(
        "sales.order_items",
        "Total Order Items",
        order_items,
        &SALES_SOURCES,
    ));
    figures.push(count(
        "sales.sessions",
        "Sessions - Total",
        sessions,
        traffic_missing,
    ));
    figures.push(count(
        "sales.page_views",
        "Page Views - Total",
        page_views,
        traffic_missing,
    ));

    let conversion = current.and_then(|s| s.conversion());
    let conv_status = conversion.map(|c| {
        if c < th.conversion_low {
            Status::OffTrack
        } else if c < th.conversion_median {
            Status::Watch
        } else {
            Status::OnTrack
        }
    });
    let mut f = base("sales.conversion", Unit::Fraction)
        .value(conversion)
        .formula(ratio_formula(
            "units", units, "sessions", sessions, conversion,
        ))
        .target(Some(th.conversion_low))
        .status(conv_status)
        .missing_when(units.is_none() || sessions.is_none(), traffic_missing)
        .note(format!(
            "below {} the diagnosis checklist applies; median {}",
            fmt_pct(th.conversion_low),
            fmt_pct(th.conversion_median)
        ));
    if let (Some(u), Some(s)) = (units, sessions) {
        f = f.input("units", u as f64).input("sessions", s as f64);
    }
    figures.push(f);

    let oi_conv = order_items
        .zip(sessions)
        .and_then(|(o, s)| ratio(o as f64, s as f64));
    figures.push(
        base("sales.order_item_conversion", Unit::Fraction)
            .value(oi_conv)
            .formula(ratio_formula(
                "order items",
                order_items,
                "sessions",
                sessions,
                oi_conv,
            ))
            .missing_when(order_items.is_none() || sessions.is_none(), traffic_missing),
    );

    let buy_box = current.and_then(|s| ratio(s.buy_box_weighted?, s.buy_box_sessions as f64));
    figures.push(
        base("sales.buy_box", Unit::Fraction)
            .value(buy_box)
            .formula(match (current, buy_box) {
                (Some(s), Some(b)) => format!(
                    "sum(Buy Box % x sessions) / sum(sessions) = {} / {} = {}",
                    fmt_num(s.buy_box_weighted.unwrap_or(0.0)),
                    s.buy_box_sessions,
                    fmt_pct(b)
                ),
                _ => "session-weighted mean of Featured Offer (Buy Box) Percentage".into(),
            })
            .missing(traffic_missing),
    );

    let asp = sales.zip(units).and_then(|(s, u)| ratio(s, u as f64));
    figures.push(
        base("sales.asp", money.clone())
            .value(asp)
            .formula(match (sales, units, asp) {
                (Some(s), Some(u), Some(a)) => format!(
                    "{} / {u} units = {}",
                    fmt_money(s, &cur_code),
                    fmt_money(a, &cur_code)
                ),
                _ => "ordered sales / units".into(),
            })
            .missing_when(current.is_none(), &SALES_SOURCES),
    );

    let b2b_share = sales.zip(b2b).and_then(|(s, b)| ratio(b, s));
    figures.push(
        base("sales.b2b_share", Unit::Fraction)
            .value(b2b_share)
            .formula(match (sales, b2b, b2b_share) {
                (Some(s), Some(b), Some(r)) => {
                    format!("B2B {} / {} = {}", fmt_num(b), fmt_num(s), fmt_pct(r))
                }
                _ => "B2B ordered sales / ordered sales".into(),
            })
            .missing_when(current.is_none(), &SALES_SOURCES),
    );

    // Target, attainment and pace.
    let target = target_for(ctx);
    let mut f = base("sales.target", money.clone()).value(target.as_ref().map(|t| t.0));
    f = match &target {
        Some((amount, how)) => f.formula(format!("{} ({how})", fmt_money(*amount, &cur_code))),
        None => f
            .formula("entered in Settings")
            .note("no sales target entered for this period"),
    };
    figures.push(f);

    let attainment = sales
        .zip(target.as_ref())
        .and_then(|(s, (t, _))| ratio(s, *t));
    let elapsed_days = {
        let p = ctx.selection.period;
        if ctx.today < p.from {
            0
        } else {
            (ctx.today.min(p.to) - p.from).num_days() + 1
        }
    };
    let elapsed_share =
        ratio(elapsed_days as f64, ctx.selection.period.days() as f64).filter(|e| *e > 0.0);
    let running = ctx.today < ctx.selection.period.to;
    let pace = attainment.zip(elapsed_share).and_then(|(a, e)| ratio(a, e));
    let pace_status = pace.map(|p| {
        if p >= th.pace_watch {
            Status::OnTrack
        } else if p >= th.pace_off_track {
            Status::Watch
        } else {
            Status::OffTrack
        }
    });
    let attainment_status = if running {
        pace_status
    } else {
        attainment.map(|a| {
            if a >= 1.0 {
                Status::OnTrack
            } else {
                Status::OffTrack
            }
        })
    };
    let mut f = base("sales.target_attainment", Unit::Fraction)
        .value(attainment)
        .target(Some(1.0))
        .status(attainment_status)
        .formula(match (sales, &target, attainment) {
            (Some(s), Some((t, _)), Some(a)) => {
                format!("{} / target {} = {}", fmt_num(s), fmt_num(*t), fmt_pct(a))
            }
            _ => "ordered sales / sales target".into(),
        })
        .missing_when(current.is_none(), &SALES_SOURCES);
    if sales.is_some() && target.is_none() {
        f = f.note("enter a sales target in Settings");
    }
    figures.push(f);
    let mut f = base("sales.pace", Unit::Fraction)
        .value(pace)
        .target(Some(1.0))
        .status(pace_status)
        .formula(match (attainment, elapsed_share, pace) {
            (Some(a), Some(e), Some(p)) => format!(
                "attainment {} / elapsed {} of {} days ({}) = {}",
                fmt_pct(a),
                elapsed_days,
                ctx.selection.period.days(),
                fmt_pct(e),
                fmt_num(p)
            ),
            _ => "attainment / share of the period elapsed".into(),
        })
        .missing_when(current.is_none(), &SALES_SOURCES);
    if !running && pace.is_some() {
        f = f.note("the period is complete: pace equals attainment");
    }
    if elapsed_share.is_none() {
        f = f.note("the period has not started");
    }
    figures.push(f);

    // Change against the previous period.
    let prev_period = ctx.selection.previous_period;
    let no_prev = "previous period not loaded";
    let mut change = |id: &str, what: &str, now: Option<f64>, before: Option<f64>, points: bool| {
        let (value, formula) = super::figure::period_change(what, now, before, points);
        let mut f = Figure::new(id, if points { Unit::Points } else { Unit::Fraction })
            .period(period)
            .sources(src.clone())
            .sources(previous.map(|p| p.source.file_name.clone()))
            .value(value)
            .formula(formula)
            .missing_when(now.is_none() || before.is_none(), &SALES_SOURCES);
        if let (Some(n), Some(b)) = (now, before) {
            f = f.input("this period", n).input("previous period", b);
        }
        if previous.is_none() {
            f = f.note(no_prev);
        } else if value.is_none() && now.is_some() && before.is_some() {
            f = f.note("the previous period's value is zero");
        }
        if let Some(p) = prev_period {
            f = f.note(format!("previous period {p}"));
        }
        figures.push(f);
    };
    change(
        "sales.change",
        "ordered sales",
        sales,
        previous.map(|p| p.sales.as_f64()),
        false,
    );
    change(
        "sales.change.units",
        "units",
        units.map(|u| u as f64),
        previous.map(|p| p.units as f64),
        false,
    );
    change(
        "sales.change.sessions",
        "sessions",
        sessions.map(|s| s as f64),
        previous.and_then(|p| p.sessions).map(|s| s as f64),
        false,
    );
    change(
        "sales.change.conversion",
        "conversion",
        conversion,
        previous.and_then(|p| p.conversion()),
        true,
    );

    // The ASIN table.
    let asins = current
        .map(|s| asin_rows(s, conversion, th.conversion_low, th.meaningful_sessions))
        .unwrap_or_default();
    let high_potential = asins.iter().filter(|a| a.potential.is_some()).count();
    figures.push(
        base("sales.high_potential", Unit::Count)
            .value(current.filter(|s| !s.items.is_empty()).map(|_| high_potential as f64))
            .formula(format!(
                "ASINs converting above the account with sessions below the median, or the reverse = {high_potential}"
            ))
            .missing(&[ReportKind::BusinessChild]),
    );
    for row in &asins {
        let total = sales.unwrap_or(0.0);
        figures.push(
            base(&format!("sales.asin_share.{}", row.asin), Unit::Fraction)
                .value(row.share)
                .formula(match row.share {
                    Some(s) => format!(
                        "{} / {} = {} (class {:?}, rank {})",
                        fmt_num(row.sales),
                        fmt_num(total),
                        fmt_pct(s),
                        row.abc,
                        row.rank
                    ),
                    None => "ASIN ordered sales / total ordered sales (total is zero)".into(),
                })
                .input("ASIN ordered sales", row.sales)
                .input("total ordered sales", total),
        );
        figures.push(
            base(
                &format!("sales.asin_conversion.{}", row.asin),
                Unit::Fraction,
            )
            .value(row.conversion)
            .formula(ratio_formula(
                "units",
                Some(row.units),
                "sessions",
                Some(row.sessions),
                row.conversion,
            ))
            .status(row.conversion.map(|c| {
                if row.low_conversion {
                    Status::OffTrack
                } else if c < th.conversion_median {
                    Status::Watch
                } else {
                    Status::OnTrack
                }
            }))
            .target(Some(th.conversion_low)),
        );
    }

    let diagnosis = diagnosis(ctx, current, previous, conversion, buy_box, &asins, ads);
    let (mut daily, mut daily_sources) = daily_series(ctx);
    if daily.is_empty() {
        (daily, daily_sources) = tool_daily_series(ctx, current, previous);
    }
    SalesTopic {
        figures,
        asins,
        diagnosis,
        source: current.map(|s| s.source.file_name.clone()),
        daily,
        daily_sources,
    }
}

/// The days of the previous and this period from the "Sales and Traffic by Date" reports of the
/// selection's group. When two reports cover the same day, the one whose period ends last wins
/// (it is the newer download); a day is never counted twice.
fn daily_series(ctx: &Context) -> (Vec<DayPoint>, Vec<String>) {
    let sel = ctx.selection;
    let from = sel.previous_period.map_or(sel.period.from, |p| p.from.min(sel.period.from));
    let mut by_date: Vec<&LoadedReport> = ctx
        .members
        .iter()
        .copied()
        .filter(|r| matches!(r.data, ReportData::BusinessByDate(_)))
        .collect();
    by_date.sort_by_key(|r| std::cmp::Reverse(r.period.map(|p| (p.to, p.from))));
    let mut days: BTreeMap<NaiveDate, DayPoint> = BTreeMap::new();
    let mut sources = Vec::new();
    for r in by_date {
        let ReportData::BusinessByDate(data) = &r.data else {
            continue;
        };
        let mut used = false;
        for d in data.days.iter().filter(|d| from <= d.date && d.date <= sel.period.to) {
            if days.contains_key(&d.date) {
                continue;
            }
            used = true;
            days.insert(
                d.date,
                DayPoint {
                    date: d.date,
                    sales: d.sales.as_f64(),
                    units: d.units,
                    sessions: d.sessions,
                    current: sel.period.from <= d.date,
                },
            );
        }
        if used {
            sources.push(r.file_name.clone());
        }
    }
    (days.into_values().collect(), sources)
}

/// The days of the previous and this period from the tool table the sales totals came from, when
/// no "Sales and Traffic by Date" report gives them: the chart then agrees with the totals beside
/// it (one figure, one source).
fn tool_daily_series(ctx: &Context, current: Option<&SalesSums>, previous: Option<&SalesSums>) -> (Vec<DayPoint>, Vec<String>) {
    let sel = ctx.selection;
    let mut days: BTreeMap<NaiveDate, DayPoint> = BTreeMap::new();
    let mut sources = Vec::new();
    for (sums, range) in [(current, Some(sel.period)), (previous, sel.previous_period)] {
        let (Some(sums), Some(range)) = (sums.filter(|s| s.from_tool), range) else { continue };
        let ReportData::Performance(p) = &sums.source.data else { continue };
        let has_sessions = p.measures.contains(&Measure::Sessions);
        let mut used = false;
        for (date, t) in p.days.range(range.from..=range.to) {
            used |= days
                .insert(
                    *date,
                    DayPoint {
                        date: *date,
                        sales: t.sales.as_f64(),
                        units: t.units,
                        sessions: has_sessions.then_some(t.sessions),
                        current: sel.period.from <= *date,
                    },
                )
                .is_none();
        }
        if used {
            sources.push(sums.source.file_name.clone());
        }
    }
    (days.into_values().collect(), sources)
}

fn ratio_formula(
    num_name: &str,
    num: Option<i64>,
    den_name: &str,
    den: Option<i64>,
    value: Option<f64>,
) -> String {
    match (num, den, value) {
        (Some(n), Some(d), Some(v)) => format!("{n} {num_name} / {d} {den_name} = {}", fmt_pct(v)),
        (Some(n), Some(0), None) => format!("{n} {num_name} / 0 {den_name}: undefined"),
        _ => format!("{num_name} / {den_name}"),
    }
}

/// Ranks the ASINs by sales and fills in shares, ABC classes and high-potential flags.
fn asin_rows(
    sums: &SalesSums,
    account_conversion: Option<f64>,
    low: f64,
    meaningful: i64,
) -> Vec<AsinRow> {
    let total = sums.sales.as_f64();
    let mut items: Vec<&ItemTraffic> = sums.items.iter().collect();
    // Highest sales first; ties keep file order (the sort is stable).
    items.sort_by_key(|i| std::cmp::Reverse(i.sales));
    let mut with_sessions: Vec<i64> = items
        .iter()
        .map(|i| i.sessions)
        .filter(|s| *s > 0)
        .collect();
    with_sessions.sort_unstable();
    let median = median(&with_sessions);
    let mut cumulative = 0.0;
    let mut rows = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let sales = item.sales.as_f64();
        let share = ratio(sales, total);
        // The class is decided by the share of the ASINs ranked above: the ASIN that crosses 80 %
        // is still A, so a single ASIN with 90 % of sales is A rather than B.
        let before = cumulative;
        cumulative += share.unwrap_or(0.0);
        let abc = if share.is_none() || sales <= 0.0 {
            AbcClass::C
        } else if before < 0.8 {
            AbcClass::A
        } else if before < 0.95 {
            AbcClass::B
        } else {
            AbcClass::C
        };
        let conversion = ratio(item.units as f64, item.sessions as f64);
        let potential = match (conversion, account_conversion, median) {
            (Some(c), Some(acc), Some(m)) if c > acc && (item.sessions as f64) < m => {
                Some(Potential::TrafficLimited)
            }
            (Some(c), Some(acc), Some(m)) if c < acc && (item.sessions as f64) > m => {
                Some(Potential::ConversionLimited)
            }
            _ => None,
        };
        rows.push(AsinRow {
            rank: i + 1,
            asin: item.asin().to_string(),
            parent_asin: item.parent_asin.clone(),
            sku: item.sku.clone(),
            title: item.title.clone(),
            sales,
            sales_b2b: item.sales_b2b.as_f64(),
            units: item.units,
            order_items: item.order_items,
            sessions: item.sessions,
            page_views: item.page_views,
            conversion,
            buy_box: ratio(item.buy_box_weighted, item.buy_box_sessions as f64),
            share,
            cumulative_share: share.map(|_| cumulative),
            abc,
            potential,
            low_conversion: item.sessions >= meaningful && conversion.is_some_and(|c| c < low),
        });
    }
    rows
}

/// The median of sorted values; `None` for none.
fn median(sorted: &[i64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2] as f64),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0),
    }
}

fn diagnosis(
    ctx: &Context,
    current: Option<&SalesSums>,
    previous: Option<&SalesSums>,
    conversion: Option<f64>,
    buy_box: Option<f64>,
    asins: &[AsinRow],
    ads: AdsEvidence,
) -> Option<Diagnosis> {
    let th = &ctx.settings.thresholds;
    let low_asins: Vec<String> = asins
        .iter()
        .filter(|a| a.low_conversion)
        .map(|a| a.asin.clone())
        .collect();
    let account_low = conversion.is_some_and(|c| c < th.conversion_low);
    if !account_low && low_asins.is_empty() {
        return None;
    }
    let mut listing = Vec::new();
    if let Some(c) = conversion {
        listing.push(format!(
            "account conversion {} (low line {}, median {})",
            fmt_pct(c),
            fmt_pct(th.conversion_low),
            fmt_pct(th.conversion_median)
        ));
    }
    for a in asins.iter().filter(|a| a.low_conversion) {
        listing.push(format!(
            "{}: {} units / {} sessions = {}",
            a.asin,
            a.units,
            a.sessions,
            fmt_pct(a.conversion.unwrap_or(0.0))
        ));
    }
    if let Some(s) = current
        && let (Some(pv), Some(se)) = (s.page_views, s.sessions)
        && let Some(r) = ratio(pv as f64, se as f64)
    {
        listing.push(format!("{} page views per session", fmt_num(r)));
    }
    let mut price = Vec::new();
    if let Some(b) = buy_box {
        price.push(format!(
            "Buy Box share {}{}",
            fmt_pct(b),
            if b < 0.9 {
                ": below 90 %, check price and competing offers"
            } else {
                ""
            }
        ));
    }
    let asp = |s: &SalesSums| ratio(s.sales.as_f64(), s.units as f64);
    if let (Some(now), Some(before)) = (current.and_then(asp), previous.and_then(asp))
        && let Some(ch) = relative_change(now, before)
    {
        price.push(format!(
            "average selling price {} vs {} in the previous period ({})",
            fmt_num(now),
            fmt_num(before),
            fmt_pct(ch)
        ));
    }
    let mut ad = Vec::new();
    if let Some(a) = ads.acos {
        ad.push(format!(
            "ACoS {} (average {}, profitable {}-{})",
            fmt_pct(a),
            fmt_pct(th.acos_average),
            fmt_pct(th.acos_band_low),
            fmt_pct(th.acos_band_high)
        ));
    }
    if let Some(c) = ads.cvr {
        ad.push(format!("ad conversion (orders / clicks) {}", fmt_pct(c)));
    }
    Some(Diagnosis {
        conversion,
        threshold: th.conversion_low,
        low_asins,
        checks: vec![
            DiagnosisCheck {
                area: "Listing quality".into(),
                question: "Are the main image, title, bullet points, A+ content and reviews convincing, and is the listing complete and not suppressed?".into(),
                evidence: listing,
            },
            DiagnosisCheck {
                area: "Price competitiveness".into(),
                question: "Is the price in line with competing offers and do we hold the Buy Box?".into(),
                evidence: price,
            },
            DiagnosisCheck {
                area: "Ad efficiency".into(),
                question: "Are ads bringing relevant traffic (search terms, negatives, placements), or paying for clicks that do not convert?".into(),
                evidence: ad,
            },
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[5]), Some(5.0));
        assert_eq!(median(&[1, 3, 10]), Some(3.0));
        assert_eq!(median(&[1, 3, 5, 10]), Some(4.0));
    }

    #[test]
    fn ratio_formula_says_undefined_for_zero_sessions() {
        assert_eq!(
            ratio_formula("units", Some(3), "sessions", Some(0), None),
            "3 units / 0 sessions: undefined"
        );
        assert_eq!(
            ratio_formula("units", Some(1), "sessions", Some(8), Some(0.125)),
            "1 units / 8 sessions = 12.5%"
        );
    }
}
