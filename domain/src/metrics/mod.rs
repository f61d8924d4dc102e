//! The metrics of the four meeting topics, computed from the loaded reports.
//!
//! [`compute`] turns the reports of one [`Selection`] (a marketplace and currency, a period and
//! the previous period) into a [`Brief`]: every figure of the spec (`shared/spec/metrics.md`) with
//! its raw value, unit, status against its target, formula with the numbers filled in, inputs,
//! source files and period, plus the tables the page shows (ASINs, candidates, restock, returns)
//! and the scorecard. The UI renders the Brief as it is and holds no business logic.
//!
//! The rules every topic follows:
//! - ratios are computed from sums, never as the mean of row percentages;
//! - money is never added across currencies: reports are grouped by (marketplace, currency), see
//!   [`selections`]; a converted total is only made by [`converted_total`] from entered rates;
//! - a figure whose input is missing has no value and names the reports that would provide it;
//! - one figure, one source: when several reports describe the same money, the totals come from
//!   one of them (each topic's module says which) and the others only feed the lists; when
//!   Amazon's report and another tool's export (sellerboard, Jungle Scout) of the same period can
//!   both give sales or ad totals, [`sources`] picks one (the user's preference, else Amazon) and
//!   the Brief lists the choice in `conflicts`;
//! - reports of different periods are not mixed: the selection names this period and the previous.
//!
//! A typical use:
//! ```ignore
//! let selection = metrics::selections(&reports).into_iter().next()?;
//! let brief = metrics::compute(&reports, &selection, &settings, today);
//! let snapshot = brief.snapshot(); // id -> raw value, for the meeting record
//! ```

pub mod ads;
pub mod export;
pub mod figure;
pub mod health;
pub mod inventory;
pub mod keywords;
pub mod sales;
pub mod selection;
pub mod settings;
pub mod sources;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use ads::{AdsBreakdownRow, AdsSkuRow, AdsSource, AdsTopic, CandidateList, CandidateRow};
pub use export::{Table, metrics_json, table_to_csv};
pub use figure::{Figure, ScoreLine, Status, Unit};
pub use health::{HealthTopic, ReasonRow, ReturnsRow};
pub use inventory::{InventoryTopic, RestockRow, ShipMode};
pub use keywords::{KeywordTable, KeywordTableRow};
pub use sales::{AbcClass, AsinRow, DayPoint, Diagnosis, DiagnosisCheck, Potential, SalesTopic};
pub use selection::{Selection, selections};
pub use settings::{ExchangeRates, SalesTarget, Settings, Thresholds, TypedHealth};
pub use sources::{FigureFamily, SourceConflict};

use crate::dataset::{Currency, LoadedReport, Period};
use crate::report::{ReportKind, Topic};

/// What every topic's computation reads.
pub(crate) struct Context<'a> {
    /// The reports of the selection's (marketplace, currency) group, of every period.
    pub members: Vec<&'a LoadedReport>,
    /// Every loaded report (the account health report covers several marketplaces at once).
    pub all: &'a [LoadedReport],
    pub selection: &'a Selection,
    pub settings: &'a Settings,
    pub today: NaiveDate,
}

impl Context<'_> {
    /// The selection's currency; `XXX` (ISO 4217's "no currency") when no report carries money.
    pub fn currency(&self) -> Currency {
        self.selection
            .currency
            .clone()
            .unwrap_or_else(|| Currency("XXX".to_string()))
    }

    pub fn money(&self) -> Unit {
        Unit::Money(self.currency())
    }
}

/// Everything the Brief page shows for one selection.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Brief {
    pub selection: Selection,
    /// The day the Brief was computed for (stock-out dates and pace count from it).
    pub today: NaiveDate,
    pub sales: SalesTopic,
    pub ads: AdsTopic,
    pub inventory: InventoryTopic,
    pub health: HealthTopic,
    /// The key figure of each topic against its target.
    pub scorecard: Vec<ScoreLine>,
    /// The reports of the selection's group, with what was read and whether the Brief used them.
    pub reports: Vec<ReportUse>,
    /// Remarks about the whole Brief (reports left out and why).
    pub notes: Vec<String>,
    /// Families of figures that several loaded reports of this selection could give, with the one
    /// used and what each would have given (see [`sources`]).
    #[serde(default)]
    pub conflicts: Vec<SourceConflict>,
    /// Periods of the same marketplace and currency that loaded reports cover but this Brief does
    /// not show (neither this period nor the one compared with), so the page can say that the
    /// files cover different weeks and offer to choose one.
    #[serde(default)]
    pub other_periods: Vec<Period>,
}

/// A loaded report as the Brief's source list shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportUse {
    pub file: String,
    pub kind: ReportKind,
    pub period: Option<Period>,
    pub rows: u64,
    pub skipped: u64,
    /// Whether any figure of this Brief came from it.
    pub used: bool,
}

impl Brief {
    /// Every figure, topic by topic.
    pub fn figures(&self) -> impl Iterator<Item = &Figure> {
        self.sales
            .figures
            .iter()
            .chain(&self.ads.figures)
            .chain(&self.inventory.figures)
            .chain(&self.health.figures)
    }

    /// The figure with this id.
    pub fn figure(&self, id: &str) -> Option<&Figure> {
        self.figures().find(|f| f.id == id)
    }

    /// The raw value of the figure with this id (`None` when missing or unknown).
    pub fn value(&self, id: &str) -> Option<f64> {
        self.figure(id).and_then(|f| f.value)
    }

    /// Every figure's id and raw value: what a closed meeting keeps as its snapshot.
    pub fn snapshot(&self) -> BTreeMap<String, Option<f64>> {
        self.figures().map(|f| (f.id.clone(), f.value)).collect()
    }

    /// A copy for a meeting record: every table cut to its first `rows` rows (the tables are
    /// already ranked, so these are the rows that matter), and the per-item figures (an ASIN's
    /// share, a SKU's cover) kept only for the items still listed. Everything else (totals,
    /// scorecard, charts' series, sources, notes) is kept as it is.
    pub fn for_record(&self, rows: usize) -> Brief {
        let mut brief = self.clone();
        brief.sales.asins.truncate(rows);
        brief.ads.skus.truncate(rows);
        brief.ads.negatives.truncate(rows);
        brief.ads.harvest.truncate(rows);
        brief.ads.bid_down.truncate(rows);
        brief.inventory.skus.truncate(rows);
        brief.health.returns.truncate(rows);
        brief.health.reasons.truncate(rows);
        let mut kept: BTreeSet<String> = BTreeSet::new();
        kept.extend(brief.sales.asins.iter().map(|a| a.asin.clone()));
        kept.extend(brief.ads.skus.iter().map(|s| s.sku.clone()));
        kept.extend(brief.inventory.skus.iter().map(|s| s.sku.clone()));
        kept.extend(brief.health.returns.iter().map(|r| r.asin.clone()));
        let keep = |f: &Figure| per_item_key(&f.id).is_none_or(|key| kept.contains(key));
        brief.sales.figures.retain(keep);
        brief.ads.figures.retain(keep);
        brief.inventory.figures.retain(keep);
        brief.health.figures.retain(keep);
        brief
    }

    /// The worst status of a topic's scorecard lines.
    pub fn topic_status(&self, topic: Topic) -> Option<Status> {
        self.scorecard
            .iter()
            .filter(|l| l.topic == topic)
            .fold(None, |acc, l| Status::worst(acc, l.status))
    }
}

/// The item a per-item figure is about (`sales.asin_share.B0C1` -> `B0C1`), or `None` for a
/// figure of the whole account or of an ad or targeting type (`ads.acos.SP`).
fn per_item_key(id: &str) -> Option<&str> {
    let mut parts = id.splitn(3, '.');
    let key = parts.nth(2)?;
    (!matches!(key, "SP" | "SB" | "SD" | "auto" | "manual" | "unknown")).then_some(key)
}

/// The figures that make the scorecard, per topic, with their English labels.
const SCORECARD: [(Topic, &str, &str); 12] = [
    (
        Topic::Sales,
        "sales.conversion",
        "Conversion (units / sessions)",
    ),
    (Topic::Sales, "sales.target_attainment", "Target attainment"),
    (Topic::Sales, "sales.pace", "Pace to target"),
    (Topic::Ads, "ads.acos", "ACoS"),
    (Topic::Ads, "ads.tacos", "TACoS"),
    (Topic::Inventory, "inventory.ipi", "IPI"),
    (
        Topic::Inventory,
        "inventory.aged_90_plus_share",
        "Units aged over 90 days",
    ),
    (
        Topic::Inventory,
        "inventory.skus_at_risk",
        "SKUs at risk of stock-out",
    ),
    (Topic::Health, "health.vtr", "Valid tracking rate"),
    (Topic::Health, "health.lsr", "Late shipment rate"),
    (Topic::Health, "health.cancel_rate", "Cancellation rate"),
    (Topic::Health, "health.odr", "Order defect rate"),
];

/// Computes the Brief of one selection. `today` is the user's date: pace and stock-out dates
/// count from it. Reports outside the selection's group or periods are ignored (and listed in
/// `notes` when they belong to no group at all).
pub fn compute(
    reports: &[LoadedReport],
    selection: &Selection,
    settings: &Settings,
    today: NaiveDate,
) -> Brief {
    let ctx = Context {
        members: selection::members(reports, selection),
        all: reports,
        selection,
        settings,
        today,
    };
    // One source per family of figures: the previous period is taken from the same tool as this
    // one where it can be, so a change compares like with like.
    let mut conflicts = Vec::new();
    let chosen_sales = sales::choose_sums(&ctx.members, selection.period, settings, None);
    let sales_tool = chosen_sales.as_ref().map(|(s, _)| s.source.kind.source());
    let current = chosen_sales.map(|(sums, conflict)| {
        conflicts.extend(conflict);
        sums
    });
    let previous = selection
        .previous_period
        .and_then(|p| sales::choose_sums(&ctx.members, p, settings, sales_tool))
        .map(|(sums, _)| sums);
    let chosen_ads = ads::choose_sums(&ctx.members, selection.period, settings, None);
    let ads_tool = chosen_ads.as_ref().map(|(_, _, tool)| *tool);
    let current_ads = chosen_ads.map(|(sums, conflict, _)| {
        conflicts.extend(conflict);
        sums
    });
    let previous_ads = selection
        .previous_period
        .and_then(|p| ads::choose_sums(&ctx.members, p, settings, ads_tool))
        .map(|(sums, _, _)| sums);

    let ads = ads::compute(&ctx, current.as_ref(), current_ads.as_ref(), previous_ads.as_ref());
    let find = |id: &str| {
        ads.figures
            .iter()
            .find(|f| f.id == id)
            .and_then(|f| f.value)
    };
    let evidence = sales::AdsEvidence {
        acos: find("ads.acos"),
        cvr: find("ads.cvr"),
    };
    let sales = sales::compute(&ctx, current.as_ref(), previous.as_ref(), evidence);
    let inventory = inventory::compute(&ctx, current.as_ref());
    let health = health::compute(&ctx, current.as_ref(), previous.as_ref());

    let mut brief = Brief {
        selection: selection.clone(),
        today,
        sales,
        ads,
        inventory,
        health,
        scorecard: Vec::new(),
        reports: Vec::new(),
        notes: Vec::new(),
        conflicts,
        other_periods: selection::other_periods(reports, selection),
    };
    brief.scorecard = SCORECARD
        .iter()
        .filter_map(|(topic, id, label)| {
            let f = brief.figure(id)?;
            Some(ScoreLine {
                topic: *topic,
                id: f.id.clone(),
                label: (*label).to_string(),
                value: f.value,
                unit: f.unit.clone(),
                target: f.target,
                status: f.status,
                missing: f.missing.clone(),
            })
        })
        .collect();

    let mut used: BTreeSet<&str> = brief
        .figures()
        .flat_map(|f| f.sources.iter().map(String::as_str))
        .collect();
    // Keyword files feed a table rather than a figure.
    used.extend(brief.ads.keywords.iter().flat_map(|k| k.sources.iter().map(String::as_str)));
    let mut listed: Vec<&LoadedReport> = ctx.members.clone();
    if let Some(h) = &brief.health.source {
        listed.extend(
            reports
                .iter()
                .filter(|r| &r.file_name == h && r.kind == ReportKind::AccountHealth),
        );
    }
    brief.reports = listed
        .iter()
        .map(|r| ReportUse {
            file: r.file_name.clone(),
            kind: r.kind,
            period: r.period,
            rows: r.rows_read,
            skipped: r.rows_skipped,
            used: used.contains(r.file_name.as_str()),
        })
        .collect();
    for r in selection::unassigned(reports) {
        brief.notes.push(format!(
            "{} names no marketplace or currency that tells which of the loaded marketplaces it belongs to; it is left out",
            r.file_name
        ));
    }
    for r in ctx
        .members
        .iter()
        .filter(|r| r.period.is_none() && !selection::is_snapshot(r.kind))
    {
        brief.notes.push(format!(
            "{} has no period yet: enter the dates it covers to use it",
            r.file_name
        ));
    }
    brief
}

/// The money totals that can be added across marketplaces, for the period of `selection`: every
/// (marketplace, currency) group with reports for exactly that period gets its Brief, and ordered
/// sales, ad spend and ad sales are converted into the base currency with [`converted_total`].
/// Empty when fewer than two groups share the period or a rate is missing: nothing is ever added
/// across currencies without the user's rates.
pub fn converted_overview(
    reports: &[LoadedReport],
    selection: &Selection,
    settings: &Settings,
    today: NaiveDate,
) -> Vec<Figure> {
    let peers: Vec<Selection> = selections(reports)
        .into_iter()
        .filter(|s| s.period == selection.period)
        .collect();
    let currencies: BTreeSet<Option<Currency>> = peers.iter().map(|s| s.currency.clone()).collect();
    if peers.len() < 2 || currencies.len() < 2 || settings.exchange_rates.base.is_none() {
        return Vec::new();
    }
    let briefs: Vec<Brief> = peers
        .iter()
        .map(|s| compute(reports, s, settings, today))
        .collect();
    ["sales.ordered_sales", "ads.spend", "ads.sales"]
        .into_iter()
        .filter_map(|id| converted_total(&briefs, id, &settings.exchange_rates))
        .collect()
}

/// A money figure added up across Briefs of different currencies at the exchange rates the user
/// entered, as figure `<id>.converted` in the base currency and labelled as converted. `None`
/// unless every Brief's currency has a rate and the figure is money everywhere. Briefs must be of
/// different marketplaces for the sum to mean anything; the caller picks them.
pub fn converted_total(briefs: &[Brief], id: &str, rates: &ExchangeRates) -> Option<Figure> {
    let base = rates.base.clone()?;
    let mut total = 0.0;
    let mut parts = Vec::new();
    let mut f = Figure::new(format!("{id}.converted"), Unit::Money(base.clone()));
    for b in briefs {
        let fig = b.figure(id)?;
        let Unit::Money(cur) = &fig.unit else {
            return None;
        };
        let rate = rates.rate(cur)?;
        let v = fig.value?;
        total += v * rate;
        parts.push(format!("{} {} x {}", figure::fmt_num(v), cur.code(), rate));
        f = f
            .input(
                format!(
                    "{} {}",
                    b.selection.marketplace.map(|m| m.code()).unwrap_or("?"),
                    cur.code()
                ),
                v,
            )
            .sources(fig.sources.clone());
    }
    if briefs.is_empty() {
        return None;
    }
    Some(
        f.value(Some(total))
            .formula(format!(
                "{} = {}",
                parts.join(" + "),
                figure::fmt_money(total, &base)
            ))
            .note("converted at the exchange rates entered in Settings"),
    )
}
