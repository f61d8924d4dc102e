//! Other tools' exports (sellerboard, Jungle Scout), each read from a small hand-made fixture that
//! follows the interop notes, quirks included.

#[path = "ingest_support/mod.rs"]
mod common;

use std::collections::BTreeSet;

use common::*;
use opsbrief_domain::dataset::{Cents, LoadedReport, Marketplace, Measure, Period, ProductPerformance, ProfitBasis, ReportData};
use opsbrief_domain::report::{ReportKind, read_report};

fn performance(report: &LoadedReport) -> &ProductPerformance {
    match &report.data {
        ReportData::Performance(p) => p,
        other => panic!("expected performance, got {other:?}"),
    }
}

fn measures(list: &[Measure]) -> BTreeSet<Measure> {
    list.iter().copied().collect()
}

#[test]
fn sellerboard_by_product_german_semicolons_bom_cyrillic_and_custom_cost_columns() {
    // The file name says nothing: the kind comes from the header alone.
    let report = load_as("sellerboard_by_product_de.csv", "export (3).csv");
    assert_eq!(report.kind, ReportKind::SellerboardByProduct);
    let p = performance(&report);
    // `SаlesOrganic` is written with a Cyrillic `а`; it is still found. Sales are organic + PPC
    // (2,487.79 + 500.00), not organic + PPC + its sponsored parts (3,487.79).
    assert_eq!(p.totals.sales, Cents(298_779));
    assert_eq!(p.totals.ad_sales, Cents(50_000));
    assert_eq!(p.totals.units, 94);
    // The four ad programmes, written negative, stored positive.
    assert_eq!(p.totals.ad_spend, Cents(11_725));
    assert_eq!(p.totals.units_refunded, 1);
    assert_eq!(p.totals.profit, Cents(72_816));
    assert_eq!(p.profit_basis, Some(ProfitBasis::Net));
    assert_eq!(
        p.measures,
        measures(&[Measure::Sales, Measure::Units, Measure::AdSpend, Measure::AdSales, Measure::UnitsRefunded, Measure::Profit])
    );
    assert_eq!(p.items.len(), 2);
    assert_eq!(p.items[0].asin.as_deref(), Some("B0SB000001"));
    assert_eq!(p.items[0].sku.as_deref(), Some("MUG-RED-300"));
    assert_eq!(p.items[0].title.as_deref(), Some("Tasse Rot 300ml"));
    assert_eq!(p.items[0].totals.sales, Cents(123_456 + 30_000 + 116_333 + 20_000));
    assert_eq!(p.days.len(), 3);
    assert_eq!(p.days[&day(2026, 9, 2)].units, 41);
    // The sums row at the bottom names no product and would double everything.
    assert_eq!(skipped_lines(&report), vec![5]);
    assert!(report.skipped[0].reason.contains("no product"), "{:?}", report.skipped);
    assert_eq!(report.period, Some(Period::new(day(2026, 9, 1), day(2026, 9, 7))));
    assert_eq!(report.marketplace, Some(Marketplace::DE));
    assert_eq!(report.currency.as_ref().map(|c| c.code()), Some("EUR"));
}

#[test]
fn sellerboard_by_day_day_first_slash_dates_and_ads_spend_not_added_twice() {
    let report = load("sellerboard_by_day_us.csv");
    assert_eq!(report.kind, ReportKind::SellerboardByDay);
    let p = performance(&report);
    assert!(p.items.is_empty());
    assert_eq!(p.days.keys().copied().collect::<Vec<_>>(), vec![day(2026, 9, 8), day(2026, 9, 9), day(2026, 9, 14)]);
    assert_eq!(p.totals.sales, Cents(360_000));
    assert_eq!(p.totals.ad_sales, Cents(60_000));
    assert_eq!(p.totals.units, 143);
    assert_eq!(p.totals.orders, 138);
    // The four parts (145.00), not also `Ads spend`, which is the same money again.
    assert_eq!(p.totals.ad_spend, Cents(14_500));
    assert_eq!(p.totals.profit, Cents(63_000));
    assert!(p.measures.contains(&Measure::Orders));
    assert!(!p.measures.contains(&Measure::UnitsRefunded));
    assert_eq!(report.period, Some(Period::new(day(2026, 9, 8), day(2026, 9, 14))));
    assert_eq!((report.marketplace, report.currency.as_ref().map(|c| c.code())), (Some(Marketplace::US), Some("USD")));
}

#[test]
fn sellerboard_totals_take_their_period_from_date_from_and_date_to() {
    let report = load("sellerboard_totals_uk.csv");
    assert_eq!(report.kind, ReportKind::SellerboardTotals);
    let p = performance(&report);
    assert!(p.days.is_empty() && p.items.is_empty());
    assert_eq!(p.totals.sales, Cents(1_469_067));
    assert_eq!(p.totals.units, 720);
    assert_eq!(p.totals.ad_spend, Cents(55_000));
    assert_eq!(report.period, Some(Period::new(day(2026, 8, 16), day(2026, 9, 14))));
    assert_eq!(report.marketplace, Some(Marketplace::UK));
}

#[test]
fn sellerboard_german_pnl_reads_the_total_column_and_skips_indented_sub_rows() {
    let report = load("sellerboard_pnl_de.csv");
    assert_eq!(report.kind, ReportKind::SellerboardProfitAndLoss);
    let p = performance(&report);
    // From `Gesamt`; the indented `    Organisch` / `    PPC` rows are already in `Umsatz`.
    assert_eq!(p.totals.sales, Cents(5_150_900));
    assert_eq!(p.totals.units, 1_980);
    assert_eq!(p.totals.ad_spend, Cents(540_075));
    assert_eq!(p.totals.profit, Cents(810_100));
    assert_eq!(p.measures, measures(&[Measure::Sales, Measure::Units, Measure::AdSpend, Measure::Profit]));
    // August plus the partial month 1-10 September.
    assert_eq!(report.period, Some(Period::new(day(2026, 8, 1), day(2026, 9, 10))));
    assert_eq!(report.rows_skipped, 0, "{:?}", report.skipped);
    assert!(report.notes.iter().any(|n| n.contains("total column")), "{:?}", report.notes);
}

#[test]
fn sellerboard_english_pnl() {
    let report = load("sellerboard_pnl_en.csv");
    assert_eq!(report.kind, ReportKind::SellerboardProfitAndLoss);
    let p = performance(&report);
    assert_eq!((p.totals.sales, p.totals.units, p.totals.ad_spend, p.totals.profit), (Cents(2_200_000), 880, Cents(330_000), Cents(450_000)));
    assert_eq!(report.period, Some(Period::new(day(2026, 7, 1), day(2026, 8, 31))));
}

#[test]
fn a_pnl_without_a_total_column_adds_its_month_columns() {
    let file = "Parameter/Date,July 2026,August 2026\nSales,100.00,50.00\n    Organic,80.00,40.00\nUnits,3,2\n";
    let report = read_report("pnl.csv", file.as_bytes()).unwrap();
    let p = performance(&report);
    assert_eq!((p.totals.sales, p.totals.units), (Cents(15_000), 5));
}

#[test]
fn jungle_scout_profit_overview_takes_its_period_from_the_file_name() {
    let report = load_as("junglescout_profit_overview.csv", "Profit Overview 2026-09-01_2026-09-07.csv");
    assert_eq!(report.kind, ReportKind::JungleScoutProfitOverview);
    let p = performance(&report);
    assert_eq!(p.totals.sales, Cents(550_050), "Total Sales, organic not added again");
    assert_eq!(p.totals.units, 185);
    assert_eq!(p.totals.ad_sales, Cents(130_000));
    assert_eq!(p.totals.units_refunded, 5);
    assert_eq!(p.totals.profit, Cents(207_025));
    assert_eq!(p.measures, measures(&[Measure::Sales, Measure::Units, Measure::AdSales, Measure::UnitsRefunded, Measure::Profit]));
    assert_eq!(p.items.len(), 2);
    assert_eq!(report.period, Some(Period::new(day(2026, 9, 1), day(2026, 9, 7))));
    assert_eq!((report.marketplace, report.currency.as_ref().map(|c| c.code())), (Some(Marketplace::US), Some("USD")));

    let undated = load_as("junglescout_profit_overview.csv", "profit.csv");
    assert_eq!(undated.period, None, "the page asks for the period");
}

#[test]
fn jungle_scout_inventory_is_a_stock_snapshot_with_status_and_reorder_quantity() {
    let report = load("junglescout_inventory.csv");
    assert_eq!(report.kind, ReportKind::JungleScoutInventory);
    let stock = inventory(&report);
    assert_eq!(stock.skus.len(), 3);
    assert_eq!(stock.skus[0].sku, "JS-LAMP-01");
    assert_eq!((stock.skus[0].alert.as_deref(), stock.skus[0].recommended_qty), (Some("Order Now"), Some(300)));
    assert_eq!(stock.skus[0].title.as_deref(), Some("Desk Lamp"));
    // No SKU: the ASIN stands in.
    assert_eq!(stock.skus[2].sku, "B0JS000003");
    assert_eq!(stock.skus[2].alert.as_deref(), Some("Reorder Soon"));
}

#[test]
fn an_amazon_report_is_never_read_as_a_profile() {
    // A Business Report with a sellerboard-like column is still a Business Report.
    let file = "(Parent) ASIN,(Child) ASIN,SalesOrganic,Sessions - Total,Units Ordered,Ordered Product Sales\nB0P,B0C,1,10,1,$5.00\n";
    let report = read_report("br.csv", file.as_bytes()).unwrap();
    assert_eq!(report.kind, ReportKind::BusinessChild);
}
