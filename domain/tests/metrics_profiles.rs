//! Other tools' exports in the metrics: a sellerboard or Jungle Scout table gives the same sales
//! and ad totals as Amazon's reports, never in addition to them. Expected values are worked out in
//! the comments beside the assertions.

#[path = "ingest_support/mod.rs"]
mod common;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use opsbrief_domain::dataset::*;
use opsbrief_domain::metrics::{Brief, FigureFamily, Selection, Settings, compute, selections};
use opsbrief_domain::report::ReportKind;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

/// The selected week, 1-7 September 2026.
fn week() -> Period {
    Period::new(d(9, 1), d(9, 7))
}

fn today() -> NaiveDate {
    d(9, 8)
}

fn us(name: &str, kind: ReportKind, period: Option<Period>, data: ReportData) -> LoadedReport {
    LoadedReport {
        file_name: name.to_string(),
        kind,
        marketplace: Some(Marketplace::US),
        currency: Currency::from_code("USD"),
        period,
        rows_read: 3,
        rows_skipped: 0,
        skipped: vec![],
        fingerprint: name.len() as u64,
        notes: vec![],
        data,
    }
}

/// This week's Business Report: A1 4,000.00 (100 units, 1,000 sessions), A2 1,000.00 (25, 500).
fn business(period: Period, name: &str) -> LoadedReport {
    let item = |asin: &str, sessions, units, sales| ItemTraffic {
        child_asin: Some(asin.into()),
        sessions,
        units,
        order_items: units,
        sales: Cents(sales),
        ..ItemTraffic::default()
    };
    us(
        name,
        ReportKind::BusinessChild,
        Some(period),
        ReportData::BusinessByItem(BusinessByItem { items: vec![item("A1", 1_000, 100, 400_000), item("A2", 500, 25, 100_000)] }),
    )
}

fn product(asin: &str, sales: i64, units: i64, ad_spend: i64, ad_sales: i64) -> ProductItem {
    ProductItem {
        asin: Some(asin.into()),
        sku: Some(format!("SKU-{asin}")),
        title: None,
        totals: PerformanceTotals {
            sales: Cents(sales),
            units,
            ad_spend: Cents(ad_spend),
            ad_sales: Cents(ad_sales),
            ..PerformanceTotals::default()
        },
    }
}

/// sellerboard's product dashboard for the same week: A1 4,100.00, A2 1,080.00 (5,180.00 in all,
/// a little more than the Business Report), ad spend 300.00 + 100.00, ad sales 1,200.00 + 400.00.
fn sellerboard(period: Period, name: &str) -> LoadedReport {
    let items = vec![product("A1", 410_000, 104, 30_000, 120_000), product("A2", 108_000, 27, 10_000, 40_000)];
    let mut totals = PerformanceTotals::default();
    for i in &items {
        totals += i.totals;
    }
    let measures = BTreeSet::from([Measure::Sales, Measure::Units, Measure::AdSpend, Measure::AdSales, Measure::Profit]);
    us(
        name,
        ReportKind::SellerboardByProduct,
        Some(period),
        ReportData::Performance(ProductPerformance {
            measures,
            profit_basis: Some(ProfitBasis::Net),
            items,
            days: BTreeMap::new(),
            totals,
        }),
    )
}

/// An Amazon Sponsored Products campaign report: spend 350.00, sales 1,400.00, 300 clicks.
fn sp_campaign() -> LoadedReport {
    let row = AdsRow {
        ad_type: Some(AdType::SP),
        campaign: "Camp".into(),
        totals: AdsTotals { spend: Cents(35_000), sales: Cents(140_000), impressions: 9_000, clicks: 300, orders: 30, units: 32 },
        ..AdsRow::default()
    };
    us(
        "SP_campaign.csv",
        ReportKind::SponsoredProductsCampaign,
        Some(week()),
        ReportData::Ads(AdsReport { grain: Some(AdsGrain::Campaign), attribution_days: Some(7), rows: vec![row], daily: BTreeMap::new() }),
    )
}

fn selection() -> Selection {
    Selection { marketplace: Some(Marketplace::US), currency: Currency::from_code("USD"), period: week(), previous_period: None }
}

fn brief(reports: &[LoadedReport], settings: &Settings) -> Brief {
    compute(reports, &selection(), settings, today())
}

#[track_caller]
fn close(brief: &Brief, id: &str, expected: f64) {
    let v = brief.value(id).unwrap_or_else(|| panic!("{id} has no value: {:?}", brief.figure(id)));
    assert!((v - expected).abs() < 1e-9, "{id}: got {v}, expected {expected}");
}

#[test]
fn business_report_and_sellerboard_of_one_week_are_never_added() {
    let reports = vec![business(week(), "BusinessReport.csv"), sellerboard(week(), "sellerboard.csv")];
    let b = brief(&reports, &Settings::default());
    // The Business Report's 5,000.00, not 5,000.00 + 5,180.00.
    close(&b, "sales.ordered_sales", 5_000.0);
    close(&b, "sales.units", 125.0);
    close(&b, "sales.conversion", 125.0 / 1_500.0);
    assert_eq!(b.sales.source.as_deref(), Some("BusinessReport.csv"));
    let sales = b.conflicts.iter().find(|c| c.family == FigureFamily::SalesTotals).expect("a sales conflict");
    assert_eq!(sales.candidates, vec!["BusinessReport.csv", "sellerboard.csv"]);
    assert_eq!(sales.chosen, "BusinessReport.csv");
    assert_eq!(sales.values, vec![("BusinessReport.csv".to_string(), 5_000.0), ("sellerboard.csv".to_string(), 5_180.0)]);
    // No Amazon Ads report: the ad totals come from sellerboard (400.00 / 1,600.00), and TACoS
    // divides them by the Business Report's sales: 400 / 5,000.
    close(&b, "ads.spend", 400.0);
    close(&b, "ads.acos", 0.25);
    close(&b, "ads.tacos", 0.08);
    assert!(!b.conflicts.iter().any(|c| c.family == FigureFamily::AdTotals), "one candidate, no conflict");
}

#[test]
fn the_users_preference_picks_sellerboard() {
    let reports = vec![business(week(), "BusinessReport.csv"), sellerboard(week(), "sellerboard.csv")];
    let mut settings = Settings::default();
    settings.preferred_sources.insert(FigureFamily::SalesTotals.id().into(), "sellerboard.csv".into());
    let b = brief(&reports, &settings);
    close(&b, "sales.ordered_sales", 5_180.0);
    close(&b, "sales.units", 131.0);
    assert_eq!(b.sales.source.as_deref(), Some("sellerboard.csv"));
    assert_eq!(b.conflicts[0].chosen, "sellerboard.csv");
    // sellerboard carries no sessions: conversion is missing, not zero, and names the report.
    assert_eq!(b.value("sales.sessions"), None);
    assert_eq!(b.value("sales.conversion"), None);
    assert!(b.figure("sales.conversion").unwrap().missing.contains(&ReportKind::BusinessChild));
    // Its products make the ASIN table: A1 4,100 / 5,180.
    close(&b, "sales.asin_share.A1", 4_100.0 / 5_180.0);
    // Settings written before this field existed still load.
    let old: Settings = serde_json::from_str(r#"{"ipi": 540}"#).unwrap();
    assert!(old.preferred_sources.is_empty());
}

#[test]
fn sellerboard_alone_gives_sales_acos_and_tacos() {
    let reports = vec![sellerboard(week(), "sellerboard.csv")];
    let s = selections(&reports);
    assert_eq!(s.len(), 1, "a Performance report with a period forms a selection");
    assert_eq!(s[0].period, week());
    let b = compute(&reports, &s[0], &Settings::default(), today());
    close(&b, "sales.ordered_sales", 5_180.0);
    assert_eq!(b.value("sales.order_items"), None, "sellerboard counts no order items");
    // 400 / 1,600 and 400 / 5,180.
    close(&b, "ads.spend", 400.0);
    close(&b, "ads.sales", 1_600.0);
    close(&b, "ads.acos", 0.25);
    close(&b, "ads.roas", 4.0);
    close(&b, "ads.tacos", 400.0 / 5_180.0);
    // Clicks, impressions and orders were not in the file: missing, and so are CTR, CPC and CVR.
    for id in ["ads.clicks", "ads.impressions", "ads.orders", "ads.units", "ads.ctr", "ads.cpc", "ads.cvr"] {
        assert_eq!(b.value(id), None, "{id}");
    }
    assert!(b.conflicts.is_empty());
    assert!(b.reports.iter().all(|r| r.used));
}

#[test]
fn a_tool_table_with_sessions_gives_conversion() {
    let file = "Date,ASIN,SalesOrganic,SalesPPC,UnitsOrganic,UnitsPPC,Sessions\n2026-09-01,A1,90.00,10.00,8,2,100\n2026-09-07,A2,45.00,5.00,4,1,150\n";
    let report = opsbrief_domain::report::read_report("sb.csv", file.as_bytes()).unwrap();
    let reports = vec![report];
    let s = selections(&reports);
    let b = compute(&reports, &s[0], &Settings::default(), today());
    // 15 units / 250 sessions; A1 10 / 100.
    close(&b, "sales.sessions", 250.0);
    close(&b, "sales.conversion", 0.06);
    close(&b, "sales.asin_conversion.A1", 0.1);
}

#[test]
fn amazon_ads_win_over_sellerboard_unless_preferred() {
    let reports = vec![sellerboard(week(), "sellerboard.csv"), sp_campaign()];
    let b = brief(&reports, &Settings::default());
    close(&b, "ads.spend", 350.0);
    close(&b, "ads.clicks", 300.0);
    let ads = b.conflicts.iter().find(|c| c.family == FigureFamily::AdTotals).expect("an ads conflict");
    assert_eq!(ads.chosen, "SP_campaign.csv");
    assert_eq!(ads.values, vec![("SP_campaign.csv".to_string(), 350.0), ("sellerboard.csv".to_string(), 400.0)]);

    let mut settings = Settings::default();
    settings.preferred_sources.insert("ad_totals".into(), "sellerboard.csv".into());
    let b = brief(&reports, &settings);
    close(&b, "ads.spend", 400.0);
    assert_eq!(b.value("ads.clicks"), None);
    // The split by ad type would not add up to a tool's total: it is left out.
    assert!(b.ads.by_ad_type.is_empty());
}

#[test]
fn files_of_other_periods_are_listed_not_mixed() {
    // sellerboard's automation link is a rolling 30-day window; the Business Report is this week.
    let window = Period::new(d(8, 9), d(9, 7));
    let reports = vec![business(week(), "BusinessReport.csv"), sellerboard(window, "sellerboard-30d.csv")];
    let b = brief(&reports, &Settings::default());
    close(&b, "sales.ordered_sales", 5_000.0);
    assert!(b.conflicts.is_empty(), "different periods never compete");
    assert_eq!(b.other_periods, vec![window]);
    // The window is a selection of its own.
    assert_eq!(selections(&reports).len(), 2);
}

#[test]
fn jungle_scout_inventory_is_a_snapshot_that_never_displaces_amazon_stock() {
    let fba = us(
        "planning.tsv",
        ReportKind::FbaInventoryPlanning,
        Some(Period::day(d(9, 7))),
        ReportData::Inventory(InventorySnapshot {
            snapshot_date: Some(d(9, 7)),
            skus: vec![SkuStock { sku: "SKU-A1".into(), available: 120, ..SkuStock::default() }],
        }),
    );
    let js = us(
        "js-inventory-2026-09-08_2026-09-08.csv",
        ReportKind::JungleScoutInventory,
        Some(Period::day(d(9, 8))),
        ReportData::Inventory(InventorySnapshot {
            snapshot_date: None,
            skus: vec![SkuStock { sku: "SKU-A1".into(), alert: Some("Order Now".into()), recommended_qty: Some(300), ..SkuStock::default() }],
        }),
    );
    let reports = vec![business(week(), "BusinessReport.csv"), fba, js];
    // The inventory reports add no period to choose from.
    assert_eq!(selections(&reports).len(), 1);
    let b = brief(&reports, &Settings::default());
    assert_eq!(b.inventory.source.as_deref(), Some("planning.tsv"));
    close(&b, "inventory.available", 120.0);
}

#[test]
fn the_sellerboard_fixture_end_to_end() {
    let report = common::load("sellerboard_by_day_us.csv");
    let reports = vec![report];
    let s = selections(&reports);
    assert_eq!(s.len(), 1);
    let b = compute(&reports, &s[0], &Settings::default(), d(9, 15));
    // 3,600.00 of sales (organic + PPC), 143 units; ad spend 145.00 on ad sales 600.00.
    close(&b, "sales.ordered_sales", 3_600.0);
    close(&b, "sales.units", 143.0);
    close(&b, "ads.acos", 145.0 / 600.0);
    close(&b, "ads.tacos", 145.0 / 3_600.0);
    // No "Sales and Traffic by Date": the daily chart comes from the same sellerboard file.
    let chart: Vec<(NaiveDate, f64)> = b.sales.daily.iter().map(|p| (p.date, p.sales)).collect();
    assert_eq!(chart, vec![(d(9, 8), 1_250.0), (d(9, 9), 1_050.0), (d(9, 14), 1_300.0)]);
    assert_eq!(b.sales.daily_sources, vec!["sellerboard_by_day_us.csv"]);
    let json = serde_json::to_string(&b).unwrap();
    let back: Brief = serde_json::from_str(&json).unwrap();
    assert_eq!(back, b);
}
