//! Topic 4, compliance and customer experience (`health.*`): valid tracking rate, late shipment
//! rate, cancellation rate and order defect rate against Amazon's targets; return rates overall and
//! per ASIN with the change against the previous period and the top reasons; negative feedback.
//!
//! One figure, one source: each account health rate comes from the account health report (JSON)
//! when loaded, else from the values the user typed in from the Account Health page, else (for
//! cancellation only) from the All Orders estimate, which is labelled "estimated" and is also shown
//! beside the others as a cross-check.
//!
//! Return rate = units returned in the period / units ordered in the period. Returns in a week are
//! mostly of earlier orders, so this is the usual approximation rather than a cohort rate. FBA and
//! seller-fulfilled returns are added: they are different shipments, never the same return twice.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Context;
use super::figure::{
    Figure, Status, Unit, fmt_num, fmt_pct, ratio, status_at_least, status_at_most,
};
use super::sales::SalesSums;
use crate::dataset::{
    AsinReturns, HealthRate, LoadedReport, MarketplaceHealth, OrdersSummary, Period, ReportData,
};
use crate::report::ReportKind;

const RETURNS_SOURCES: [ReportKind; 2] = [ReportKind::ReturnsFba, ReportKind::ReturnsMfn];

/// Everything the Brief shows for the health topic.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HealthTopic {
    /// Every `health.*` figure.
    pub figures: Vec<Figure>,
    /// Returns per ASIN, most returned units first.
    pub returns: Vec<ReturnsRow>,
    /// Return reasons over all ASINs, most units first.
    pub reasons: Vec<ReasonRow>,
    /// The account status from the account health report (`NORMAL`, `AT_RISK`, ...).
    pub account_status: Option<String>,
    /// The account health file used, when one was.
    pub source: Option<String>,
}

/// Returns of one ASIN.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReturnsRow {
    pub asin: String,
    pub sku: Option<String>,
    pub title: Option<String>,
    pub returned_units: i64,
    /// Units ordered in the period, when a Business Report or All Orders gives them.
    pub ordered_units: Option<i64>,
    pub return_rate: Option<f64>,
    pub previous_rate: Option<f64>,
    /// Change in points as a fraction (`0.018` = +1.8 points).
    pub change: Option<f64>,
    /// The change is at least the abnormal-swing threshold, up or down.
    pub abnormal: bool,
    /// Reasons and dispositions, most units first.
    pub reasons: Vec<(String, i64)>,
    pub dispositions: Vec<(String, i64)>,
    /// Customer comments, verbatim.
    pub comments: Vec<String>,
}

/// One return reason over all ASINs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReasonRow {
    pub reason: String,
    pub units: i64,
    pub share: Option<f64>,
}

/// The newest account health report's entry for the selection's marketplace. A report with a
/// single entry whose marketplace is unknown is taken as this marketplace's.
fn account_health<'a>(ctx: &Context<'a>) -> Option<(&'a LoadedReport, &'a MarketplaceHealth)> {
    let mut candidates: Vec<(&LoadedReport, &MarketplaceHealth)> = Vec::new();
    for r in ctx.all {
        if let ReportData::AccountHealth(h) = &r.data {
            let entry = h
                .marketplaces
                .iter()
                .find(|m| m.marketplace.is_some() && m.marketplace == ctx.selection.marketplace)
                .or_else(|| {
                    (h.marketplaces.len() == 1 && h.marketplaces[0].marketplace.is_none())
                        .then(|| &h.marketplaces[0])
                })
                .or_else(|| {
                    (ctx.selection.marketplace.is_none() && h.marketplaces.len() == 1)
                        .then(|| &h.marketplaces[0])
                });
            if let Some(e) = entry {
                candidates.push((r, e));
            }
        }
    }
    // The newest report wins; between equals, the one loaded last.
    candidates
        .into_iter()
        .max_by_key(|(r, _)| r.period.map(|p| p.to))
}

/// Where an account health rate came from.
enum RateSource<'a> {
    Report(&'a LoadedReport, &'a HealthRate),
    Typed(f64),
    Estimate(&'a LoadedReport, &'a OrdersSummary, f64),
}

/// The All Orders cancellation estimate for the period: seller-fulfilled orders cancelled not at
/// the buyer's request / seller-fulfilled orders.
fn cancel_estimate<'a>(
    ctx: &Context<'a>,
) -> Option<(&'a LoadedReport, &'a OrdersSummary, Option<f64>)> {
    ctx.members
        .iter()
        .filter(|r| r.period == Some(ctx.selection.period))
        .find_map(|r| match &r.data {
            ReportData::Orders(o) => Some((
                *r,
                o,
                ratio(o.mfn_cancelled_by_seller as f64, o.mfn_orders as f64),
            )),
            _ => None,
        })
}

/// Computes the health topic; `sales` and `previous_sales` give the units ordered for return rates.
pub(crate) fn compute(
    ctx: &Context,
    sales: Option<&SalesSums>,
    previous_sales: Option<&SalesSums>,
) -> HealthTopic {
    let th = &ctx.settings.thresholds;
    let mut figures = Vec::new();
    let health = account_health(ctx);
    let typed = ctx.settings.typed_health_for(ctx.selection.marketplace);
    let estimate = cancel_estimate(ctx);

    struct RateSpec {
        id: &'static str,
        name: &'static str,
        pick: fn(&MarketplaceHealth) -> Option<&HealthRate>,
        typed: Option<f64>,
        limit: f64,
        at_least: bool,
        strict: bool,
    }
    let specs = [
        RateSpec {
            id: "health.vtr",
            name: "valid tracking rate",
            pick: |m| m.valid_tracking_rate.as_ref(),
            typed: typed.and_then(|t| t.vtr),
            limit: th.vtr_min,
            at_least: true,
            strict: false,
        },
        RateSpec {
            id: "health.lsr",
            name: "late shipment rate",
            pick: |m| m.late_shipment_rate.as_ref(),
            typed: typed.and_then(|t| t.lsr),
            limit: th.lsr_max,
            at_least: false,
            strict: false,
        },
        RateSpec {
            id: "health.cancel_rate",
            name: "pre-fulfilment cancellation rate",
            pick: |m| m.cancellation_rate.as_ref(),
            typed: typed.and_then(|t| t.cancel_rate),
            limit: th.cancel_max,
            at_least: false,
            strict: false,
        },
        RateSpec {
            id: "health.odr",
            name: "order defect rate",
            pick: |m| m.order_defect_rate.as_ref(),
            typed: typed.and_then(|t| t.odr),
            limit: th.odr_max,
            at_least: false,
            strict: true,
        },
    ];
    for spec in specs {
        let from_report = health.and_then(|(r, m)| {
            (spec.pick)(m)
                .filter(|h| h.rate.is_finite())
                .map(|h| RateSource::Report(r, h))
        });
        let is_cancel = spec.id == "health.cancel_rate";
        let source = from_report
            .or_else(|| spec.typed.filter(|v| v.is_finite()).map(RateSource::Typed))
            .or(match estimate {
                Some((r, o, Some(v))) if is_cancel => Some(RateSource::Estimate(r, o, v)),
                _ => None,
            });
        let value = match &source {
            Some(RateSource::Report(_, h)) => Some(h.rate),
            Some(RateSource::Typed(v)) | Some(RateSource::Estimate(_, _, v)) => Some(*v),
            None => None,
        };
        let status = if spec.at_least {
            status_at_least(value, spec.limit, None)
        } else if spec.strict {
            value.map(|v| {
                if v >= spec.limit {
                    Status::OffTrack
                } else if v >= 0.8 * spec.limit {
                    Status::Watch
                } else {
                    Status::OnTrack
                }
            })
        } else {
            status_at_most(value, spec.limit, Some(0.8 * spec.limit))
        };
        let target_text = format!(
            "target {} {}",
            if spec.at_least {
                ">="
            } else if spec.strict {
                "<"
            } else {
                "<="
            },
            fmt_pct(spec.limit)
        );
        let mut f = Figure::new(spec.id, Unit::Fraction)
            .value(value)
            .target(Some(spec.limit))
            .status(status);
        f = match &source {
            Some(RateSource::Report(r, h)) => {
                let mut f = f
                    .sources([r.file_name.clone()])
                    .period(h.period)
                    .formula(match (h.numerator, h.denominator) {
                        (Some(n), Some(d)) => format!("{} from the account health report: {n} / {d} = {} ({target_text})", spec.name, fmt_pct(h.rate)),
                        _ => format!("{} from the account health report: {} ({target_text})", spec.name, fmt_pct(h.rate)),
                    });
                if let (Some(n), Some(d)) = (h.numerator, h.denominator) {
                    f = f.input("count", n as f64).input("orders or shipments", d as f64);
                }
                f
            }
            Some(RateSource::Typed(v)) => f.formula(format!("{} typed in from the Account Health page: {} ({target_text})", spec.name, fmt_pct(*v))).note("typed in"),
            Some(RateSource::Estimate(r, o, v)) => {
                f.sources([r.file_name.clone()])
                    .period(Some(ctx.selection.period))
                    .formula(format!(
                        "estimated from All Orders: {} seller-fulfilled orders cancelled not at the buyer's request / {} seller-fulfilled orders = {} ({target_text})",
                        o.mfn_cancelled_by_seller,
                        o.mfn_orders,
                        fmt_pct(*v)
                    ))
                    .note("estimated")
            }
            None => f.formula(format!("{} ({target_text})", spec.name)).missing(if is_cancel {
                &[ReportKind::AccountHealth, ReportKind::OrdersAll]
            } else {
                &[ReportKind::AccountHealth]
            }),
        };
        if value.is_none() {
            f = f.note(
                "load the account health report or type the value in from the Account Health page",
            );
        }
        if is_cancel
            && !matches!(source, Some(RateSource::Estimate(..)) | None)
            && let Some(est) = estimate.and_then(|e| e.2)
        {
            f = f.note(format!(
                "All Orders estimate {} shown beside as a cross-check",
                fmt_pct(est)
            ));
        }
        figures.push(f);
    }
    // The estimate itself, always shown beside the cancellation rate when All Orders is loaded.
    let mut f = Figure::new("health.cancel_rate_estimate", Unit::Fraction)
        .period(Some(ctx.selection.period))
        .value(estimate.and_then(|e| e.2))
        .target(Some(th.cancel_max))
        .status(status_at_most(estimate.and_then(|e| e.2), th.cancel_max, Some(0.8 * th.cancel_max)))
        .formula(match estimate {
            Some((_, o, Some(v))) => format!("{} cancelled by seller / {} seller-fulfilled orders = {}", o.mfn_cancelled_by_seller, o.mfn_orders, fmt_pct(v)),
            Some((_, _, None)) => "no seller-fulfilled orders in the period".into(),
            None => "seller-fulfilled orders cancelled, not at the buyer's request / seller-fulfilled orders".into(),
        })
        .note("estimated")
        .missing(if estimate.is_none() { &[ReportKind::OrdersAll] } else { &[] });
    if let Some((r, _, _)) = estimate {
        f = f.sources([r.file_name.clone()]);
    }
    figures.push(f);

    // Returns.
    let current = returns_of(ctx, ctx.selection.period, sales);
    let previous = ctx
        .selection
        .previous_period
        .map(|p| returns_of(ctx, p, previous_sales));
    let (returns, reasons) = return_tables(ctx, &current, previous.as_ref());
    returns_figures(
        ctx,
        &current,
        previous.as_ref(),
        &returns,
        &reasons,
        &mut figures,
    );

    // Negative feedback, refunds and claims from Sales and Traffic by Date.
    feedback_figures(ctx, &mut figures);

    HealthTopic {
        figures,
        returns,
        reasons,
        account_status: health.and_then(|(_, m)| m.status.clone()),
        source: health.map(|(r, _)| r.file_name.clone()),
    }
}

/// Returns and units ordered of one period.
struct PeriodReturns {
    period: Period,
    by_asin: BTreeMap<String, AsinReturns>,
    returned: Option<i64>,
    return_files: Vec<String>,
    /// Units ordered in total and per ASIN, with the file they came from.
    ordered: Option<(i64, BTreeMap<String, i64>, String)>,
}

fn returns_of(ctx: &Context, period: Period, sales: Option<&SalesSums>) -> PeriodReturns {
    let mut by_asin: BTreeMap<String, AsinReturns> = BTreeMap::new();
    let mut files = Vec::new();
    for r in ctx.members.iter().filter(|r| r.period == Some(period)) {
        if let ReportData::Returns(rs) = &r.data {
            files.push(r.file_name.clone());
            for a in &rs.by_asin {
                let e = by_asin
                    .entry(a.asin.clone())
                    .or_insert_with(|| AsinReturns {
                        asin: a.asin.clone(),
                        sku: a.sku.clone(),
                        title: a.title.clone(),
                        ..AsinReturns::default()
                    });
                e.units += a.units;
                for (k, v) in &a.reasons {
                    *e.reasons.entry(k.clone()).or_default() += v;
                }
                for (k, v) in &a.dispositions {
                    *e.dispositions.entry(k.clone()).or_default() += v;
                }
                for c in &a.comments {
                    if e.comments.len() < AsinReturns::MAX_COMMENTS {
                        e.comments.push(c.clone());
                    }
                }
            }
        }
    }
    let returned = (!files.is_empty()).then(|| by_asin.values().map(|a| a.units).sum());
    // Units ordered: the Business Report of the period, else All Orders.
    let ordered = sales
        .filter(|s| s.source.period == Some(period))
        .map(|s| {
            let mut per: BTreeMap<String, i64> = BTreeMap::new();
            for i in &s.items {
                *per.entry(i.asin().to_string()).or_default() += i.units;
            }
            (s.units, per, s.source.file_name.clone())
        })
        .or_else(|| {
            ctx.members
                .iter()
                .filter(|r| r.period == Some(period))
                .find_map(|r| match &r.data {
                    ReportData::Orders(o) => Some((
                        o.units_by_asin.values().sum(),
                        o.units_by_asin.clone(),
                        r.file_name.clone(),
                    )),
                    _ => None,
                })
        });
    PeriodReturns {
        period,
        by_asin,
        returned,
        return_files: files,
        ordered,
    }
}

fn sorted_desc(map: &BTreeMap<String, i64>) -> Vec<(String, i64)> {
    let mut v: Vec<(String, i64)> = map.iter().map(|(k, v)| (k.clone(), *v)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

fn asin_rate(p: &PeriodReturns, asin: &str) -> Option<f64> {
    let returned = p.by_asin.get(asin).map(|a| a.units).unwrap_or(0);
    let ordered = p.ordered.as_ref()?.1.get(asin).copied()?;
    p.returned?;
    ratio(returned as f64, ordered as f64)
}

fn return_tables(
    ctx: &Context,
    current: &PeriodReturns,
    previous: Option<&PeriodReturns>,
) -> (Vec<ReturnsRow>, Vec<ReasonRow>) {
    let swing = ctx.settings.thresholds.return_swing;
    let mut rows: Vec<ReturnsRow> = current
        .by_asin
        .values()
        .map(|a| {
            let rate = asin_rate(current, &a.asin);
            let previous_rate = previous.and_then(|p| asin_rate(p, &a.asin));
            let change = rate.zip(previous_rate).map(|(n, b)| n - b);
            ReturnsRow {
                asin: a.asin.clone(),
                sku: a.sku.clone(),
                title: a.title.clone(),
                returned_units: a.units,
                ordered_units: current
                    .ordered
                    .as_ref()
                    .and_then(|o| o.1.get(&a.asin).copied()),
                return_rate: rate,
                previous_rate,
                change,
                abnormal: change.is_some_and(|c| c.abs() >= swing),
                reasons: sorted_desc(&a.reasons),
                dispositions: sorted_desc(&a.dispositions),
                comments: a.comments.clone(),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.returned_units
            .cmp(&a.returned_units)
            .then_with(|| a.asin.cmp(&b.asin))
    });
    let mut all: BTreeMap<String, i64> = BTreeMap::new();
    for a in current.by_asin.values() {
        for (k, v) in &a.reasons {
            *all.entry(k.clone()).or_default() += v;
        }
    }
    let total: i64 = all.values().sum();
    let reasons = sorted_desc(&all)
        .into_iter()
        .map(|(reason, units)| ReasonRow {
            reason,
            units,
            share: ratio(units as f64, total as f64),
        })
        .collect();
    (rows, reasons)
}

fn returns_figures(
    ctx: &Context,
    current: &PeriodReturns,
    previous: Option<&PeriodReturns>,
    rows: &[ReturnsRow],
    reasons: &[ReasonRow],
    figures: &mut Vec<Figure>,
) {
    let th = &ctx.settings.thresholds;
    let period = Some(current.period);
    let mut sources = current.return_files.clone();
    if let Some(o) = &current.ordered {
        sources.push(o.2.clone());
    }
    let rate_status = |v: Option<f64>| {
        v.map(|r| {
            if r > th.return_band_high {
                Status::OffTrack
            } else if r > th.return_band_low {
                Status::Watch
            } else {
                Status::OnTrack
            }
        })
    };
    let band = format!(
        "industry band {}-{}",
        fmt_pct(th.return_band_low),
        fmt_pct(th.return_band_high)
    );

    figures.push(
        Figure::new("health.returned_units", Unit::Count)
            .period(period)
            .sources(current.return_files.clone())
            .value(current.returned.map(|x| x as f64))
            .formula(match current.returned {
                Some(x) => format!(
                    "sum of returned units over {} ASINs = {x}",
                    current.by_asin.len()
                ),
                None => "sum of returned units".into(),
            })
            .missing(&RETURNS_SOURCES),
    );
    let ordered = current.ordered.as_ref().map(|o| o.0);
    let rate = current
        .returned
        .zip(ordered)
        .and_then(|(r, o)| ratio(r as f64, o as f64));
    let mut missing = Vec::new();
    if current.returned.is_none() {
        missing.extend(RETURNS_SOURCES);
    }
    if ordered.is_none() {
        missing.extend([ReportKind::BusinessChild, ReportKind::OrdersAll]);
    }
    figures.push(
        Figure::new("health.return_rate", Unit::Fraction)
            .period(period)
            .sources(sources.clone())
            .value(rate)
            .target(Some(th.return_band_high))
            .status(rate_status(rate))
            .formula(match (current.returned, ordered, rate) {
                (Some(r), Some(o), Some(v)) => format!(
                    "{r} units returned / {o} units ordered = {} ({band})",
                    fmt_pct(v)
                ),
                _ => format!("units returned / units ordered in the period ({band})"),
            })
            .missing(&missing),
    );
    let prev_rate = previous.and_then(|p| {
        p.returned
            .zip(p.ordered.as_ref().map(|o| o.0))
            .and_then(|(r, o)| ratio(r as f64, o as f64))
    });
    let change = rate.zip(prev_rate).map(|(n, b)| n - b);
    let abnormal = change.is_some_and(|c| c.abs() >= th.return_swing);
    let mut f = Figure::new("health.return_rate_change", Unit::Points)
        .period(period)
        .sources(sources.clone())
        .sources(previous.map(|p| p.return_files.clone()).unwrap_or_default())
        .value(change)
        .target(Some(th.return_swing))
        .status(change.map(|c| {
            if c >= th.return_swing {
                Status::OffTrack
            } else if abnormal {
                Status::Watch
            } else {
                Status::OnTrack
            }
        }))
        .formula(match (rate, prev_rate, change) {
            (Some(n), Some(b), Some(c)) => format!(
                "{} - {} = {} points",
                fmt_pct(n),
                fmt_pct(b),
                fmt_num(c * 100.0)
            ),
            _ => "return rate this period - return rate previous period, in points".into(),
        })
        .missing(&RETURNS_SOURCES);
    if abnormal {
        f = f.note(format!(
            "abnormal swing: at least {} points",
            fmt_num(th.return_swing * 100.0)
        ));
    }
    if ctx.selection.previous_period.is_none() {
        f = f.note("previous period not loaded");
    }
    figures.push(f);

    let mut f = Figure::new("health.return_reasons", Unit::Count)
        .period(period)
        .sources(current.return_files.clone())
        .value(current.returned.map(|_| reasons.len() as f64))
        .formula(format!(
            "distinct return reasons = {}; top: {}",
            reasons.len(),
            reasons
                .iter()
                .take(3)
                .map(|r| format!("{} {}", r.reason, r.units))
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .missing(&RETURNS_SOURCES);
    if let Some(top) = reasons.first() {
        f = f.label(format!("{} ({} units)", top.reason, top.units));
    }
    figures.push(f);

    for row in rows {
        figures.push(
            Figure::new(format!("health.return_rate.{}", row.asin), Unit::Fraction)
                .period(period)
                .sources(sources.clone())
                .value(row.return_rate)
                .target(Some(th.return_band_high))
                .status(rate_status(row.return_rate))
                .formula(match (row.ordered_units, row.return_rate) {
                    (Some(o), Some(v)) => format!(
                        "{} units returned / {o} units ordered = {}",
                        row.returned_units,
                        fmt_pct(v)
                    ),
                    (Some(0), None) => format!(
                        "{} units returned / 0 units ordered: undefined",
                        row.returned_units
                    ),
                    _ => "units returned / units ordered".into(),
                })
                .missing_when(
                    row.ordered_units.is_none(),
                    &[ReportKind::BusinessChild, ReportKind::OrdersAll],
                ),
        );
        let mut f = Figure::new(
            format!("health.return_rate_change.{}", row.asin),
            Unit::Points,
        )
        .period(period)
        .sources(sources.clone())
        .value(row.change)
        .status(row.change.map(|c| {
            if c >= th.return_swing {
                Status::OffTrack
            } else if row.abnormal {
                Status::Watch
            } else {
                Status::OnTrack
            }
        }))
        .formula(match (row.return_rate, row.previous_rate, row.change) {
            (Some(n), Some(b), Some(c)) => format!(
                "{} - {} = {} points",
                fmt_pct(n),
                fmt_pct(b),
                fmt_num(c * 100.0)
            ),
            _ => "return rate this period - previous period, in points".into(),
        });
        if row.abnormal {
            f = f.note("abnormal swing");
        }
        figures.push(f);
    }
}

fn feedback_figures(ctx: &Context, figures: &mut Vec<Figure>) {
    let period = ctx.selection.period;
    let by_date = ctx
        .members
        .iter()
        .filter(|r| r.period == Some(period))
        .find_map(|r| match &r.data {
            ReportData::BusinessByDate(d) => Some((*r, d)),
            _ => None,
        });
    let sum = |pick: fn(&crate::dataset::DayTotals) -> Option<i64>| {
        by_date.and_then(|(_, d)| {
            let v: Vec<i64> = d.days.iter().filter_map(pick).collect();
            (!v.is_empty()).then(|| v.iter().sum::<i64>())
        })
    };
    let src: Vec<String> = by_date
        .map(|(r, _)| vec![r.file_name.clone()])
        .unwrap_or_default();
    let negative = sum(|d| d.negative_feedback);
    let received = sum(|d| d.feedback_received);
    let rate = negative
        .zip(received)
        .and_then(|(n, r)| ratio(n as f64, r as f64));
    figures.push(
        Figure::new("health.negative_feedback_rate", Unit::Fraction)
            .period(Some(period))
            .sources(src.clone())
            .value(rate)
            .formula(match (negative, received, rate) {
                (Some(n), Some(r), Some(v)) => format!(
                    "{n} negative feedback / {r} feedback received = {}",
                    fmt_pct(v)
                ),
                (Some(n), Some(0), None) => {
                    format!("{n} negative feedback / 0 feedback received: undefined")
                }
                _ => "negative feedback received / feedback received (Sales and Traffic by Date)"
                    .into(),
            })
            .missing_when(
                negative.is_none() || received.is_none(),
                &[ReportKind::BusinessDate],
            ),
    );
    let refunded = sum(|d| d.units_refunded);
    let units = by_date.map(|(_, d)| d.days.iter().map(|x| x.units).sum::<i64>());
    let refund_rate = refunded
        .zip(units)
        .and_then(|(r, u)| ratio(r as f64, u as f64));
    figures.push(
        Figure::new("health.refund_rate", Unit::Fraction)
            .period(Some(period))
            .sources(src.clone())
            .value(refund_rate)
            .formula(match (refunded, units, refund_rate) {
                (Some(r), Some(u), Some(v)) => {
                    format!("{r} units refunded / {u} units ordered = {}", fmt_pct(v))
                }
                _ => "units refunded / units ordered (Sales and Traffic by Date)".into(),
            })
            .missing_when(
                refunded.is_none() || units.is_none(),
                &[ReportKind::BusinessDate],
            ),
    );
    let claims = sum(|d| d.claims_granted);
    figures.push(
        Figure::new("health.claims_granted", Unit::Count)
            .period(Some(period))
            .sources(src)
            .value(claims.map(|c| c as f64))
            .formula(match claims {
                Some(c) => format!("sum of A-to-z claims granted = {c}"),
                None => "sum of A-to-z claims granted (Sales and Traffic by Date)".into(),
            })
            .missing(&[ReportKind::BusinessDate]),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_sort_by_units_then_name() {
        let mut m = BTreeMap::new();
        m.insert("DEFECTIVE".to_string(), 3);
        m.insert("NOT_COMPATIBLE".to_string(), 5);
        m.insert("APPAREL_TOO_SMALL".to_string(), 3);
        let v = sorted_desc(&m);
        assert_eq!(v[0], ("NOT_COMPATIBLE".to_string(), 5));
        assert_eq!(v[1].0, "APPAREL_TOO_SMALL");
    }
}
