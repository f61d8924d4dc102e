//! Topic 3, inventory and FBA logistics (`inventory.*`): stock totals, the share aged over 90 days,
//! the IPI the user typed in, and the per-SKU restock table with the article's formula
//! (safety stock = daily sales x lead time x 1.5) filled in.
//!
//! One figure, one source: stock comes from the newest snapshot loaded for the marketplace (on the
//! same day the inventory planning report is preferred over Manage FBA Inventory, then Restock),
//! and ages from that snapshot when it has them, else from the newest planning report. Stock is
//! "now", so it is used whatever period is selected.
//!
//! Sales velocity per SKU: units shipped in the last 30 days / 30 from the snapshot; else the
//! Business Report units of the selected period / its days; else Amazon Fulfilled Shipments.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Context;
use super::figure::{Figure, Status, Unit, fmt_money, fmt_num, fmt_pct, ratio, status_at_most};
use super::sales::SalesSums;
use super::selection::effective_currency;
use crate::dataset::{Cents, InventorySnapshot, LoadedReport, ReportData, SkuStock};
use crate::report::{ReportKind, ReportSource};

const STOCK_SOURCES: [ReportKind; 2] = [
    ReportKind::FbaInventoryPlanning,
    ReportKind::FbaManageInventory,
];

/// Everything the Brief shows for the inventory topic.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InventoryTopic {
    /// Every `inventory.*` figure.
    pub figures: Vec<Figure>,
    /// The restock table, SKUs that run out soonest first.
    pub skus: Vec<RestockRow>,
    /// The file stock came from.
    pub source: Option<String>,
    /// The day that file describes.
    pub snapshot_date: Option<NaiveDate>,
    /// The file ages came from (the same file, or the newest planning report).
    pub ages_source: Option<String>,
}

/// How to ship a reorder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShipMode {
    Air,
    Sea,
}

impl ShipMode {
    pub fn label(self) -> &'static str {
        match self {
            ShipMode::Air => "air",
            ShipMode::Sea => "sea",
        }
    }
}

/// One SKU of the restock table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RestockRow {
    pub sku: String,
    pub asin: Option<String>,
    pub title: Option<String>,
    pub available: i64,
    /// `None` when the report has no inbound column (then cover counts available only).
    pub inbound: Option<i64>,
    pub reserved: Option<i64>,
    /// Units sold per day; `None` when no report gives the SKU's sales.
    pub daily_sales: Option<f64>,
    /// Where `daily_sales` came from, in English.
    pub velocity_source: String,
    /// (Available + inbound) / daily sales; `None` with `no_sales` when nothing sold.
    pub days_of_cover: Option<f64>,
    /// The SKU sold nothing in the velocity window: cover is "no sales", not infinite.
    pub no_sales: bool,
    /// Daily sales x (production + sea lead time) x safety factor, unrounded.
    pub safety_stock: Option<f64>,
    /// The formula with the numbers filled in: `8.2/day x 45 d x 1.5 = 554`.
    pub safety_formula: String,
    /// Today + available / daily sales; today when already out of stock.
    pub stockout_date: Option<NaiveDate>,
    /// Available + inbound is at or below the safety stock.
    pub reorder: bool,
    /// Target cover days x daily sales - (available + inbound), rounded up, when `reorder`.
    pub reorder_qty: Option<i64>,
    /// The reorder formula with the numbers filled in.
    pub reorder_formula: String,
    /// Air when a sea shipment ordered today would arrive after the stock-out date.
    pub ship_mode: Option<ShipMode>,
    /// The SKU runs out before a sea shipment ordered today could arrive.
    pub at_risk: bool,
    /// Sales were probably held back by a stock-out, so `daily_sales` understates demand.
    pub velocity_depressed: bool,
    /// Units aged over 90 days, when the report has ages.
    pub aged_90_plus: Option<i64>,
    /// Amazon's own days of supply and recommended quantity, as a cross-check.
    pub amazon_days_of_supply: Option<f64>,
    pub amazon_recommended_qty: Option<i64>,
    /// Remarks (out of stock, inbound unknown, velocity from the Business Report).
    pub notes: Vec<String>,
}

/// Rounds a unit quantity up, ignoring the float noise of products like 8.2 x 45 x 1.5.
fn units_up(x: f64) -> i64 {
    (x - 1e-9).ceil().max(0.0) as i64
}

/// On the same day, the planning report is preferred (it has ages), then Manage FBA Inventory.
fn preference(kind: ReportKind) -> u8 {
    match kind {
        ReportKind::FbaInventoryPlanning => 2,
        ReportKind::FbaManageInventory => 1,
        _ => 0,
    }
}

fn snapshot_day(r: &LoadedReport, s: &InventorySnapshot) -> Option<NaiveDate> {
    s.snapshot_date.or(r.period.map(|p| p.to))
}

fn snapshots<'a>(ctx: &Context<'a>) -> Vec<(&'a LoadedReport, &'a InventorySnapshot)> {
    ctx.members
        .iter()
        // Lingxing's FBA shipments give inbound units only: they are not a stock level, and taken
        // as one would read every SKU as out of stock.
        .filter(|r| r.kind != ReportKind::LingxingFbaShipments)
        .filter_map(|r| match &r.data {
            ReportData::Inventory(s) => Some((*r, s)),
            _ => None,
        })
        .collect()
}

/// Computes the inventory topic. `sales` (the selected period's Business Report) is a velocity
/// fallback for SKUs the snapshot has no shipped-units column for.
pub(crate) fn compute(ctx: &Context, sales: Option<&SalesSums>) -> InventoryTopic {
    let settings = ctx.settings;
    let th = &settings.thresholds;
    let all = snapshots(ctx);
    // Amazon's own stock reports win over another tool's at any date: Jungle Scout's Inventory
    // Manager carries statuses and reorder quantities but no stock level of its own.
    let newest = all
        .iter()
        .copied()
        .max_by_key(|(r, s)| (r.kind.source() == ReportSource::Amazon, snapshot_day(r, s), preference(r.kind)));
    let with_ages = |(_, s): &(&LoadedReport, &InventorySnapshot)| {
        s.skus.iter().any(|k| k.age_buckets.is_some())
    };
    let ages = newest.filter(with_ages).or_else(|| {
        all.iter()
            .copied()
            .filter(|x| x.0.kind == ReportKind::FbaInventoryPlanning && with_ages(x))
            .max_by_key(|(r, s)| snapshot_day(r, s))
    });
    let src: Vec<String> = newest
        .map(|(r, _)| vec![r.file_name.clone()])
        .unwrap_or_default();
    let date = newest.and_then(|(r, s)| snapshot_day(r, s));
    let base = |id: &str, unit: Unit| {
        let mut f = Figure::new(id, unit).sources(src.clone());
        if let Some(d) = date {
            f = f.note(format!("snapshot of {d}"));
        }
        f
    };
    let skus: &[SkuStock] = newest.map(|(_, s)| s.skus.as_slice()).unwrap_or(&[]);
    let mut figures = Vec::new();

    let sum_opt = |pick: fn(&SkuStock) -> Option<i64>| {
        let v: Vec<i64> = skus.iter().filter_map(pick).collect();
        (!v.is_empty()).then(|| v.iter().sum::<i64>())
    };
    let n = skus.len();
    let available = newest.map(|_| skus.iter().map(|s| s.available).sum::<i64>());
    let totals = [
        ("inventory.available", "available", available),
        ("inventory.inbound", "inbound", sum_opt(|s| s.inbound)),
        ("inventory.reserved", "reserved", sum_opt(|s| s.reserved)),
        (
            "inventory.excess_units",
            "excess units",
            sum_opt(|s| s.excess_units),
        ),
    ];
    for (id, what, v) in totals {
        let mut f = base(id, Unit::Count)
            .value(v.map(|x| x as f64))
            .formula(match v {
                Some(x) => format!("sum of {what} units over {n} SKUs = {x}"),
                None => format!("sum of {what} units"),
            })
            .missing(&STOCK_SOURCES);
        if v.is_none() && newest.is_some() {
            f = f.note(format!("the loaded report has no {what} column"));
        }
        figures.push(f);
    }
    let storage: Vec<Cents> = skus
        .iter()
        .filter_map(|s| s.storage_cost_next_month)
        .collect();
    let storage_cur = newest
        .and_then(|(r, _)| effective_currency(r))
        .unwrap_or_else(|| ctx.currency());
    let storage_total =
        (!storage.is_empty()).then(|| storage.iter().copied().sum::<Cents>().as_f64());
    figures.push(
        base(
            "inventory.storage_cost_next_month",
            Unit::Money(storage_cur.clone()),
        )
        .value(storage_total)
        .formula(match storage_total {
            Some(x) => format!(
                "sum of estimated storage cost next month over {} SKUs = {}",
                storage.len(),
                fmt_money(x, &storage_cur)
            ),
            None => "sum of estimated storage cost next month".into(),
        })
        .missing(&[ReportKind::FbaInventoryPlanning]),
    );

    // Aged over 90 days: buckets 91-180 and older over all buckets.
    let (aged, aged_total) = ages
        .map(|(_, s)| {
            s.skus
                .iter()
                .filter_map(|k| k.age_buckets)
                .fold((0i64, 0i64), |(a, t), b| {
                    (a + b[1..].iter().sum::<i64>(), t + b.iter().sum::<i64>())
                })
        })
        .unwrap_or((0, 0));
    let aged_share = ages.and_then(|_| ratio(aged as f64, aged_total as f64));
    let mut f = Figure::new("inventory.aged_90_plus_share", Unit::Fraction)
        .sources(ages.map(|(r, _)| r.file_name.clone()))
        .value(aged_share)
        .target(Some(th.aged_90_plus_share_max))
        .status(status_at_most(aged_share, th.aged_90_plus_share_max, None))
        .formula(match aged_share {
            Some(s) => format!(
                "units aged over 90 days {aged} / units in all age buckets {aged_total} = {}",
                fmt_pct(s)
            ),
            None => "units aged over 90 days / units in all age buckets".into(),
        })
        .missing_when(ages.is_none(), &[ReportKind::FbaInventoryPlanning]);
    if ages.is_some() {
        f = f
            .input("aged over 90 days", aged as f64)
            .input("all age buckets", aged_total as f64);
    }
    figures.push(f);

    let ipi = settings.ipi.filter(|v| v.is_finite());
    let mut f = Figure::new("inventory.ipi", Unit::Score)
        .value(ipi)
        .target(Some(th.ipi_pass))
        .status(ipi.map(|v| {
            if v < th.ipi_pass {
                Status::OffTrack
            } else if v < th.ipi_good {
                Status::Watch
            } else {
                Status::OnTrack
            }
        }))
        .formula(format!(
            "entered in Settings; pass {}, good {}+",
            fmt_num(th.ipi_pass),
            fmt_num(th.ipi_good)
        ));
    if ipi.is_none() {
        f = f.note("Amazon does not export the IPI: type it in from Seller Central");
    }
    figures.push(f);

    // The restock table.
    let sea_lead = settings.supplier_production_days + settings.lead_time_sea_days;
    let mut rows: Vec<RestockRow> = skus
        .iter()
        .map(|s| restock_row(ctx, s, sales, sea_lead))
        .collect();
    let src_file = src.first().cloned().unwrap_or_default();
    for (row, stock) in rows.iter_mut().zip(skus) {
        if row.aged_90_plus.is_none() {
            // Ages from the planning report when the snapshot itself has none.
            row.aged_90_plus = ages
                .and_then(|(_, s)| s.skus.iter().find(|k| k.sku == stock.sku))
                .and_then(|k| k.age_buckets)
                .map(|b| b[1..].iter().sum());
        }
    }
    let at_risk = rows.iter().filter(|r| r.at_risk).count();
    figures.push(
        base("inventory.skus_at_risk", Unit::Count)
            .value(newest.map(|_| at_risk as f64))
            .target(Some(0.0))
            .status(newest.map(|_| if at_risk > 0 { Status::OffTrack } else { Status::OnTrack }))
            .formula(format!(
                "SKUs whose stock-out date comes before a sea shipment ordered today arrives ({} production + {} sea days) = {at_risk}",
                fmt_num(settings.supplier_production_days),
                fmt_num(settings.lead_time_sea_days)
            ))
            .missing(&STOCK_SOURCES),
    );
    for row in &rows {
        per_sku_figures(ctx, row, &src_file, &mut figures);
    }
    // Soonest stock-out first; SKUs with no sales or unknown sales last, by SKU.
    rows.sort_by(|a, b| {
        let key = |r: &RestockRow| {
            r.stockout_date
                .map(|d| (0, d))
                .unwrap_or((1, NaiveDate::MAX))
        };
        key(a).cmp(&key(b)).then_with(|| a.sku.cmp(&b.sku))
    });

    InventoryTopic {
        figures,
        skus: rows,
        source: src.first().cloned(),
        snapshot_date: date,
        ages_source: ages.map(|(r, _)| r.file_name.clone()),
    }
}

/// Units per day for a SKU, with where it came from.
fn velocity(ctx: &Context, s: &SkuStock, sales: Option<&SalesSums>) -> Option<(f64, String)> {
    if let Some(t30) = s.units_shipped_t30 {
        return Some((
            t30 as f64 / 30.0,
            format!("{t30} units shipped in the last 30 days / 30"),
        ));
    }
    let days = ctx.selection.period.days() as f64;
    if let Some(sums) = sales {
        let by_sku = sums
            .items
            .iter()
            .filter(|i| i.sku.as_deref() == Some(s.sku.as_str()))
            .map(|i| i.units)
            .reduce(|a, b| a + b);
        let by_asin = || {
            let asin = s.asin.as_deref()?;
            sums.items
                .iter()
                .filter(|i| i.asin() == asin)
                .map(|i| i.units)
                .reduce(|a, b| a + b)
        };
        if let Some((units, how)) = by_sku
            .map(|u| (u, "SKU"))
            .or_else(|| by_asin().map(|u| (u, "ASIN")))
        {
            return Some((
                units as f64 / days,
                format!(
                    "{units} units ordered ({how} in {}) / {} days of {}",
                    sums.source.file_name,
                    fmt_num(days),
                    ctx.selection.period
                ),
            ));
        }
    }
    for r in ctx
        .members
        .iter()
        .filter(|r| r.period == Some(ctx.selection.period))
    {
        if let ReportData::Shipments(sh) = &r.data
            && let Some(units) = sh.units_by_sku.get(&s.sku)
        {
            return Some((
                *units as f64 / days,
                format!(
                    "{units} units shipped ({}) / {} days",
                    r.file_name,
                    fmt_num(days)
                ),
            ));
        }
    }
    None
}

fn restock_row(
    ctx: &Context,
    s: &SkuStock,
    sales: Option<&SalesSums>,
    sea_lead: f64,
) -> RestockRow {
    let settings = ctx.settings;
    let mut notes = Vec::new();
    let vel = velocity(ctx, s, sales);
    let daily = vel.as_ref().map(|v| v.0);
    let stock = s.available + s.inbound.unwrap_or(0);
    if s.inbound.is_none() {
        notes.push("inbound not in the report: cover counts available units only".to_string());
    }
    let no_sales = daily == Some(0.0);
    let days_of_cover = daily.and_then(|d| ratio(stock as f64, d));
    let lead_text = if settings.supplier_production_days > 0.0 {
        format!(
            "({} + {}) d",
            fmt_num(settings.supplier_production_days),
            fmt_num(settings.lead_time_sea_days)
        )
    } else {
        format!("{} d", fmt_num(sea_lead))
    };
    let safety_stock = daily.map(|d| d * sea_lead * settings.safety_factor);
    let safety_formula = match (daily, safety_stock) {
        (Some(d), Some(ss)) => format!(
            "{}/day x {lead_text} x {} = {}",
            fmt_num(d),
            fmt_num(settings.safety_factor),
            units_up(ss)
        ),
        _ => format!(
            "daily sales x {lead_text} x {}",
            fmt_num(settings.safety_factor)
        ),
    };
    let reorder = !no_sales && safety_stock.is_some_and(|ss| stock as f64 <= ss);
    let want = daily.map(|d| settings.target_cover_days * d);
    let reorder_qty = if reorder {
        want.map(|w| units_up(w - stock as f64))
    } else {
        None
    };
    let reorder_formula = match (daily, want) {
        (Some(d), Some(w)) => format!(
            "{} d x {}/day - ({} available + {} inbound) = {}",
            fmt_num(settings.target_cover_days),
            fmt_num(d),
            s.available,
            s.inbound.unwrap_or(0),
            units_up(w - stock as f64)
        ),
        _ => "target cover days x daily sales - (available + inbound)".into(),
    };
    let days_to_stockout = daily
        .and_then(|d| ratio(s.available as f64, d))
        .or((s.available <= 0).then_some(0.0));
    let days_to_stockout = days_to_stockout.filter(|_| !no_sales || s.available <= 0);
    let stockout_date = days_to_stockout.and_then(|d| {
        ctx.today
            .checked_add_days(chrono::Days::new(d.floor().max(0.0) as u64))
    });
    let at_risk = !no_sales && days_to_stockout.is_some_and(|d| d < sea_lead);
    let ship_mode = (daily.is_some() && !no_sales).then_some(if at_risk {
        ShipMode::Air
    } else {
        ShipMode::Sea
    });
    if at_risk
        && days_to_stockout
            .is_some_and(|d| d < settings.supplier_production_days + settings.lead_time_air_days)
    {
        notes.push("even air freight arrives after the stock-out".to_string());
    }
    if s.available <= 0 {
        notes.push("out of stock now".to_string());
    }
    if no_sales {
        notes.push("no sales: days of cover is not limited by sales".to_string());
    }
    let alert_oos = s
        .alert
        .as_deref()
        .is_some_and(|a| a.to_lowercase().contains("out of stock"));
    let week_gap = s.units_shipped_t7 == Some(0) && s.units_shipped_t30.is_some_and(|t| t > 0);
    let velocity_depressed = daily.is_some() && (s.available <= 0 || alert_oos || week_gap);
    if velocity_depressed {
        notes
            .push("sales were held back by a stock-out: daily sales understate demand".to_string());
    }
    RestockRow {
        sku: s.sku.clone(),
        asin: s.asin.clone(),
        title: s.title.clone(),
        available: s.available,
        inbound: s.inbound,
        reserved: s.reserved,
        daily_sales: daily,
        velocity_source: vel
            .map(|v| v.1)
            .unwrap_or_else(|| "no report gives this SKU's sales".into()),
        days_of_cover,
        no_sales,
        safety_stock,
        safety_formula,
        stockout_date,
        reorder,
        reorder_qty,
        reorder_formula,
        ship_mode,
        at_risk,
        velocity_depressed,
        aged_90_plus: s.age_buckets.map(|b| b[1..].iter().sum()),
        amazon_days_of_supply: s.days_of_supply,
        amazon_recommended_qty: s.recommended_qty,
        notes,
    }
}

fn per_sku_figures(ctx: &Context, row: &RestockRow, file: &str, out: &mut Vec<Figure>) {
    let sku = &row.sku;
    let src = || vec![file.to_string()];
    let velocity_missing = [ReportKind::FbaInventoryPlanning, ReportKind::BusinessChild];
    let mut f = Figure::new(format!("inventory.daily_sales.{sku}"), Unit::PerDay)
        .sources(src())
        .value(row.daily_sales)
        .formula(format!(
            "{} = {}/day",
            row.velocity_source,
            row.daily_sales.map(fmt_num).unwrap_or_else(|| "?".into())
        ))
        .missing(&velocity_missing);
    if row.velocity_depressed {
        f = f.note("held back by a stock-out");
    }
    out.push(f);

    let stock = row.available + row.inbound.unwrap_or(0);
    let mut f = Figure::new(format!("inventory.days_of_cover.{sku}"), Unit::Days)
        .sources(src())
        .value(row.days_of_cover)
        .status(Some(if row.at_risk {
            Status::OffTrack
        } else if row.reorder {
            Status::Watch
        } else {
            Status::OnTrack
        }))
        .formula(match (row.daily_sales, row.days_of_cover) {
            (Some(d), Some(c)) => format!(
                "({} available + {} inbound) / {}/day = {} days",
                row.available,
                row.inbound.unwrap_or(0),
                fmt_num(d),
                fmt_num(c)
            ),
            _ => "(available + inbound) / daily sales".into(),
        })
        .input("available + inbound", stock as f64)
        .missing(if row.daily_sales.is_none() {
            &velocity_missing
        } else {
            &[]
        });
    if row.no_sales {
        f = f
            .label("no sales")
            .note("no sales in the velocity window: cover is not limited by sales");
    }
    out.push(f);

    out.push(
        Figure::new(format!("inventory.safety_stock.{sku}"), Unit::Count)
            .sources(src())
            .value(row.safety_stock)
            .formula(row.safety_formula.clone())
            .missing(&velocity_missing),
    );
    let known = row.daily_sales.is_some();
    let mut f = Figure::new(format!("inventory.reorder.{sku}"), Unit::Flag)
        .sources(src())
        .value(known.then_some(if row.reorder { 1.0 } else { 0.0 }))
        .formula(match row.safety_stock {
            Some(ss) => format!(
                "{stock} available + inbound <= safety stock {}: {}",
                fmt_num(ss),
                if row.reorder { "yes" } else { "no" }
            ),
            None => "available + inbound <= safety stock".into(),
        })
        .missing(&velocity_missing);
    if let Some(q) = row.reorder_qty {
        f = f.label(format!("reorder {q} units"));
    }
    out.push(f);
    out.push(
        Figure::new(format!("inventory.reorder_qty.{sku}"), Unit::Count)
            .sources(src())
            .value(known.then(|| row.reorder_qty.unwrap_or(0) as f64))
            .formula(row.reorder_formula.clone())
            .missing(&velocity_missing),
    );
    let days = row.stockout_date.map(|d| (d - ctx.today).num_days());
    let raw_days = match row.daily_sales.filter(|d| *d > 0.0) {
        Some(d) => ratio(row.available.max(0) as f64, d),
        None => days.map(|d| d as f64),
    };
    let mut f = Figure::new(format!("inventory.stockout_date.{sku}"), Unit::Date)
        .sources(src())
        .value(raw_days)
        .formula(match (row.daily_sales, row.stockout_date) {
            (Some(d), Some(date)) if d > 0.0 => format!(
                "today {} + {} available / {}/day = {date}",
                ctx.today,
                row.available,
                fmt_num(d)
            ),
            (_, Some(date)) => format!("out of stock now: {date}"),
            _ => "today + available / daily sales".into(),
        })
        .missing(if row.no_sales { &[] } else { &velocity_missing });
    if let Some(date) = row.stockout_date {
        f = f.label(date.to_string());
    } else if row.no_sales {
        f = f.label("no sales");
    }
    out.push(f);
    let mut f = Figure::new(format!("inventory.ship_mode.{sku}"), Unit::Choice)
        .sources(src())
        .value(row.ship_mode.map(|m| if m == ShipMode::Air { 1.0 } else { 0.0 }))
        .formula(format!(
            "air (1) when a sea shipment ordered today ({} d) would arrive after the stock-out date, else sea (0)",
            fmt_num(ctx.settings.supplier_production_days + ctx.settings.lead_time_sea_days)
        ))
        .missing(if row.no_sales { &[] } else { &velocity_missing });
    if let Some(m) = row.ship_mode {
        f = f.label(m.label());
    } else if row.no_sales {
        f = f.label("no sales");
    }
    out.push(f);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_rounded_up_without_float_noise() {
        // 8.2 x 45 x 1.5 = 553.5 (553.4999... in binary floating point): 554 units.
        assert_eq!(units_up(8.2 * 45.0 * 1.5), 554);
        // 8 x 45 x 1.5 = 540 exactly, even if the product lands a hair above.
        assert_eq!(units_up(540.000_000_000_1), 540);
        assert_eq!(units_up(-3.0), 0);
    }
}
