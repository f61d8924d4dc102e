//! Scenario tests of the metrics layer: reports built directly in Rust, every expected value worked
//! out by hand in a comment beside the assertion.
//!
//! The traps the issue lists are each covered: B2B columns beside totals, two currencies, ads with
//! 7- and 14-day columns, a SKU with zero sales, stock-outs, and ads with spend and no sales.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use opsbrief_domain::dataset::*;
use opsbrief_domain::metrics::{
    self, AbcClass, Brief, CandidateList, Potential, SalesTarget, Selection, Settings, ShipMode,
    Status, TypedHealth, Unit, compute, export, selections,
};
use opsbrief_domain::report::{ReportKind, Topic};

// ---------------------------------------------------------------------------------------------
// Builders.

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

/// The selected week, 1-7 September 2026.
fn week() -> Period {
    Period::new(d(9, 1), d(9, 7))
}

/// The week before, 25-31 August 2026.
fn prev_week() -> Period {
    Period::new(d(8, 25), d(8, 31))
}

fn usd() -> Option<Currency> {
    Currency::from_code("USD")
}

fn report(
    name: &str,
    kind: ReportKind,
    mkt: Option<Marketplace>,
    cur: Option<Currency>,
    period: Option<Period>,
    data: ReportData,
) -> LoadedReport {
    LoadedReport {
        file_name: name.to_string(),
        kind,
        marketplace: mkt,
        currency: cur,
        period,
        rows_read: 10,
        rows_skipped: 1,
        skipped: vec![],
        fingerprint: name.len() as u64,
        notes: vec![],
        data,
    }
}

fn us(name: &str, kind: ReportKind, period: Option<Period>, data: ReportData) -> LoadedReport {
    report(name, kind, Some(Marketplace::US), usd(), period, data)
}

#[allow(clippy::too_many_arguments)]
fn item(
    asin: &str,
    sku: &str,
    sessions: i64,
    page_views: i64,
    units: i64,
    order_items: i64,
    sales: i64,
    buy_box: Option<f64>,
) -> ItemTraffic {
    ItemTraffic {
        parent_asin: Some("P1".into()),
        child_asin: Some(asin.into()),
        sku: Some(sku.into()),
        title: Some(format!("Title {asin}")),
        sessions,
        page_views,
        units,
        order_items,
        sales: Cents(sales * 100),
        buy_box_weighted: buy_box.map(|b| b * sessions as f64).unwrap_or(0.0),
        buy_box_sessions: if buy_box.is_some() { sessions } else { 0 },
        ..ItemTraffic::default()
    }
}

fn child(items: Vec<ItemTraffic>) -> ReportData {
    ReportData::BusinessByItem(BusinessByItem { items })
}

/// The current week's Business Report (child items). B2B sits beside the totals.
fn business_current() -> LoadedReport {
    let mut a1 = item("A1", "SKU1", 1000, 1500, 150, 140, 4500, Some(0.95));
    a1.sessions_b2b = 100;
    a1.units_b2b = 20;
    a1.sales_b2b = Cents(60_000);
    let a2 = item("A2", "SKU2", 400, 600, 20, 20, 800, Some(0.80));
    let a3 = item("A3", "SKU3", 100, 130, 20, 18, 500, Some(1.0));
    let a4 = item("A4", "SKU4", 50, 60, 0, 0, 0, None);
    us(
        "BusinessReport-09-07.csv",
        ReportKind::BusinessChild,
        Some(week()),
        child(vec![a1, a2, a3, a4]),
    )
}

fn business_previous() -> LoadedReport {
    let a1 = item("A1", "SKU1", 1000, 1400, 100, 100, 3000, Some(0.9));
    let a2 = item("A2", "SKU2", 500, 700, 25, 25, 1000, Some(0.9));
    us(
        "BusinessReport-08-31.csv",
        ReportKind::BusinessChild,
        Some(prev_week()),
        child(vec![a1, a2]),
    )
}

fn day(
    date: NaiveDate,
    sales: i64,
    units: i64,
    sessions: i64,
    feedback: i64,
    negative: i64,
    refunded: i64,
) -> DayTotals {
    DayTotals {
        date,
        sales: Cents(sales * 100),
        sales_b2b: Cents(0),
        units,
        units_b2b: 0,
        order_items: units,
        sessions: Some(sessions),
        sessions_b2b: None,
        page_views: None,
        buy_box_weighted: None,
        units_refunded: Some(refunded),
        feedback_received: Some(feedback),
        negative_feedback: Some(negative),
        claims_granted: Some(0),
    }
}

/// Sales and Traffic by Date for the same week: deduplicated account sessions (1400, not 1550).
fn business_by_date() -> LoadedReport {
    let days = vec![
        day(d(9, 1), 2900, 95, 700, 25, 1, 2),
        day(d(9, 2), 2900, 95, 700, 15, 1, 1),
    ];
    us(
        "SalesTrafficByDate.csv",
        ReportKind::BusinessDate,
        Some(week()),
        ReportData::BusinessByDate(BusinessByDate { days }),
    )
}

#[allow(clippy::too_many_arguments)]
fn ads_row(
    t: AdType,
    tt: Option<TargetingType>,
    campaign: &str,
    targeting: &str,
    match_type: &str,
    term: &str,
    spend: i64,
    sales: i64,
    impressions: i64,
    clicks: i64,
    orders: i64,
    units: i64,
) -> AdsRow {
    AdsRow {
        ad_type: Some(t),
        targeting_type: tt,
        campaign: campaign.into(),
        ad_group: "AG".into(),
        targeting: targeting.into(),
        match_type: match_type.into(),
        search_term: term.into(),
        totals: AdsTotals {
            spend: Cents(spend * 100),
            sales: Cents(sales * 100),
            impressions,
            clicks,
            orders,
            units,
        },
        ..AdsRow::default()
    }
}

fn ads(grain: AdsGrain, days: u8, rows: Vec<AdsRow>) -> ReportData {
    ReportData::Ads(AdsReport {
        grain: Some(grain),
        attribution_days: Some(days),
        rows,
        daily: BTreeMap::new(),
    })
}

fn sp_campaign() -> LoadedReport {
    use TargetingType::*;
    let rows = vec![
        ads_row(
            AdType::SP,
            Some(Auto),
            "Auto camp",
            "",
            "",
            "",
            100,
            400,
            10_000,
            200,
            16,
            18,
        ),
        ads_row(
            AdType::SP,
            Some(Manual),
            "Manual camp",
            "",
            "",
            "",
            300,
            600,
            20_000,
            400,
            20,
            22,
        ),
    ];
    us(
        "SP_campaign.csv",
        ReportKind::SponsoredProductsCampaign,
        Some(week()),
        ads(AdsGrain::Campaign, 7, rows),
    )
}

fn sp_search_terms() -> LoadedReport {
    use TargetingType::*;
    let rows = vec![
        ads_row(
            AdType::SP,
            Some(Auto),
            "Auto camp",
            "close-match",
            "-",
            "yoga mat thick",
            30,
            150,
            3000,
            40,
            5,
            5,
        ),
        ads_row(
            AdType::SP,
            Some(Auto),
            "Auto camp",
            "loose-match",
            "-",
            "exercise ball",
            25,
            0,
            2000,
            12,
            0,
            0,
        ),
        ads_row(
            AdType::SP,
            None,
            "Manual camp",
            "yoga mat",
            "BROAD",
            "yoga mat",
            50,
            300,
            5000,
            60,
            6,
            6,
        ),
        ads_row(
            AdType::SP,
            None,
            "Manual camp",
            "pilates",
            "PHRASE",
            "pilates ring",
            8,
            0,
            900,
            5,
            0,
            0,
        ),
        ads_row(
            AdType::SP,
            None,
            "Manual camp",
            "yoga mat",
            "EXACT",
            "yoga mat",
            40,
            100,
            4000,
            30,
            2,
            2,
        ),
        ads_row(
            AdType::SP,
            None,
            "Manual camp",
            "yoga block",
            "BROAD",
            "cork yoga block",
            10,
            20,
            800,
            8,
            1,
            1,
        ),
    ];
    us(
        "SP_search_term.xlsx",
        ReportKind::SponsoredProductsSearchTerm,
        Some(week()),
        ads(AdsGrain::SearchTerm, 7, rows),
    )
}

fn sp_advertised_products() -> LoadedReport {
    let sku_row = |sku: &str, spend: i64, sales: i64, clicks: i64, orders: i64| AdsRow {
        sku: sku.into(),
        asin: format!("ASIN-{sku}").into(),
        ..ads_row(
            AdType::SP,
            None,
            "Manual camp",
            "",
            "",
            "",
            spend,
            sales,
            1000,
            clicks,
            orders,
            orders,
        )
    };
    let rows = vec![
        sku_row("SKU1", 60, 300, 50, 6),
        sku_row("SKU2", 90, 200, 70, 4),
        sku_row("SKU3", 20, 0, 15, 0),
    ];
    us(
        "SP_advertised_product.xlsx",
        ReportKind::SponsoredProductsAdvertisedProduct,
        Some(week()),
        ads(AdsGrain::AdvertisedProduct, 7, rows),
    )
}

fn sb_campaign() -> LoadedReport {
    let rows = vec![ads_row(
        AdType::SB,
        None,
        "Brand",
        "",
        "",
        "",
        50,
        100,
        5000,
        50,
        4,
        4,
    )];
    us(
        "SB_campaign.xlsx",
        ReportKind::SponsoredBrandsCampaign,
        Some(week()),
        ads(AdsGrain::Campaign, 14, rows),
    )
}

/// Sponsored Display: spend and no sales.
fn sd_campaign() -> LoadedReport {
    let rows = vec![ads_row(
        AdType::SD,
        None,
        "Retarget",
        "",
        "",
        "",
        50,
        0,
        8000,
        40,
        0,
        0,
    )];
    us(
        "SD_campaign.xlsx",
        ReportKind::SponsoredDisplayCampaign,
        Some(week()),
        ads(AdsGrain::Campaign, 14, rows),
    )
}

fn stock(
    sku: &str,
    available: i64,
    inbound: Option<i64>,
    t30: Option<i64>,
    ages: Option<[i64; 5]>,
) -> SkuStock {
    SkuStock {
        sku: sku.into(),
        asin: Some(format!("ASIN-{sku}")),
        available,
        inbound,
        units_shipped_t30: t30,
        age_buckets: ages,
        ..SkuStock::default()
    }
}

fn planning(date: NaiveDate, skus: Vec<SkuStock>) -> LoadedReport {
    report(
        "inventory-planning.tsv",
        ReportKind::FbaInventoryPlanning,
        Some(Marketplace::US),
        None,
        Some(Period::day(date)),
        ReportData::Inventory(InventorySnapshot {
            snapshot_date: Some(date),
            skus,
        }),
    )
}

fn selection(period: Period, previous: Option<Period>) -> Selection {
    Selection {
        marketplace: Some(Marketplace::US),
        currency: usd(),
        period,
        previous_period: previous,
    }
}

/// Asserts a value to 1e-9 and prints the id on failure.
#[track_caller]
fn close(brief: &Brief, id: &str, expected: f64) {
    let v = brief
        .value(id)
        .unwrap_or_else(|| panic!("{id} has no value: {:?}", brief.figure(id)));
    assert!(
        (v - expected).abs() < 1e-9,
        "{id}: got {v}, expected {expected}"
    );
}

#[track_caller]
fn approx(v: Option<f64>, expected: f64) {
    let v = v.expect("a value");
    assert!((v - expected).abs() < 1e-9, "got {v}, expected {expected}");
}

// ---------------------------------------------------------------------------------------------
// Sales.

fn sales_settings() -> Settings {
    let mut s = Settings::default();
    // A monthly target of 30,000 USD for September.
    s.sales_targets.push(SalesTarget {
        marketplace: Some(Marketplace::US),
        period: Period::new(d(9, 1), d(9, 30)),
        amount: 30_000.0,
        currency: None,
    });
    s
}

fn sales_brief() -> Brief {
    let reports = vec![business_current(), business_previous(), business_by_date()];
    compute(
        &reports,
        &selection(week(), Some(prev_week())),
        &sales_settings(),
        d(9, 5),
    )
}

#[test]
fn sales_totals_come_from_sums_and_b2b_is_beside_not_added() {
    let b = sales_brief();
    // 4500 + 800 + 500 + 0 = 5800; the 600 of B2B is already inside A1's 4500 (not 6400).
    close(&b, "sales.ordered_sales", 5800.0);
    close(&b, "sales.units", 190.0); // 150 + 20 + 20 + 0
    close(&b, "sales.order_items", 178.0); // 140 + 20 + 18 + 0
    // The child report wins over the by-date report (1400 deduplicated sessions): 1000+400+100+50.
    close(&b, "sales.sessions", 1550.0);
    close(&b, "sales.page_views", 2290.0); // 1500 + 600 + 130 + 60
    close(&b, "sales.b2b_share", 600.0 / 5800.0); // 0.10345
    close(&b, "sales.asp", 5800.0 / 190.0); // 30.53
    assert_eq!(b.sales.source.as_deref(), Some("BusinessReport-09-07.csv"));
    assert_eq!(
        b.figure("sales.ordered_sales").unwrap().unit,
        Unit::Money(Currency("USD".into()))
    );
}

#[test]
fn sales_daily_series_covers_both_periods_from_the_by_date_reports() {
    // The by-date report of this week has 1 and 2 September; a second one for the week before
    // (31 August) and overlapping 1 September with other numbers: the newer report wins that day.
    let mut older = business_by_date();
    older.file_name = "SalesTrafficByDate-older.csv".into();
    older.period = Some(Period::new(d(8, 25), d(9, 1)));
    older.data = ReportData::BusinessByDate(BusinessByDate {
        days: vec![
            day(d(8, 31), 1000, 40, 500, 0, 0, 0),
            day(d(9, 1), 1, 1, 1, 0, 0, 0),
        ],
    });
    let reports = vec![business_current(), business_by_date(), older];
    let b = compute(
        &reports,
        &selection(week(), Some(prev_week())),
        &sales_settings(),
        d(9, 5),
    );
    let days: Vec<(NaiveDate, f64, i64, Option<i64>, bool)> = b
        .sales
        .daily
        .iter()
        .map(|p| (p.date, p.sales, p.units, p.sessions, p.current))
        .collect();
    assert_eq!(
        days,
        vec![
            (d(8, 31), 1000.0, 40, Some(500), false),
            (d(9, 1), 2900.0, 95, Some(700), true),
            (d(9, 2), 2900.0, 95, Some(700), true),
        ]
    );
    assert_eq!(
        b.sales.daily_sources,
        vec![
            "SalesTrafficByDate.csv".to_string(),
            "SalesTrafficByDate-older.csv".to_string()
        ]
    );
    // Without a by-date report there is no series (the page says which report would give it).
    let b = compute(
        &[business_current()],
        &selection(week(), None),
        &sales_settings(),
        d(9, 5),
    );
    assert!(b.sales.daily.is_empty());
}

#[test]
fn sales_conversion_is_units_over_sessions_not_a_mean_of_asin_rates() {
    let b = sales_brief();
    // 190 / 1550 = 0.12258; the mean of the ASIN rates (0.15 + 0.05 + 0.2 + 0) / 4 = 0.1 is wrong.
    close(&b, "sales.conversion", 190.0 / 1550.0);
    assert!((b.value("sales.conversion").unwrap() - 0.1).abs() > 0.02);
    // Between the 8 % low line and the 12.6 % median: watch.
    assert_eq!(
        b.figure("sales.conversion").unwrap().status,
        Some(Status::Watch)
    );
    close(&b, "sales.order_item_conversion", 178.0 / 1550.0);
    // Buy box weighted by sessions: (0.95x1000 + 0.8x400 + 1.0x100) / 1500 = 1370 / 1500.
    close(&b, "sales.buy_box", 1370.0 / 1500.0);
}

#[test]
fn sales_target_is_prorated_and_pace_counts_elapsed_days() {
    let b = sales_brief();
    // September target 30,000 x 7 / 30 days = 7,000 for the week.
    close(&b, "sales.target", 7000.0);
    // 5800 / 7000 = 0.828571.
    close(&b, "sales.target_attainment", 5800.0 / 7000.0);
    // Today is 5 September: 5 of 7 days elapsed; 0.828571 / (5/7) = 1.16.
    close(&b, "sales.pace", 1.16);
    assert_eq!(
        b.figure("sales.pace").unwrap().status,
        Some(Status::OnTrack)
    );
    assert!(
        b.figure("sales.pace")
            .unwrap()
            .formula
            .contains("elapsed 5 of 7 days")
    );
}

#[test]
fn sales_change_against_the_previous_period() {
    let b = sales_brief();
    // Previous: 3000 + 1000 = 4000 sales, 125 units, 1500 sessions, 125/1500 conversion.
    close(&b, "sales.change", (5800.0 - 4000.0) / 4000.0); // +45 %
    close(&b, "sales.change.units", (190.0 - 125.0) / 125.0); // +52 %
    close(&b, "sales.change.sessions", (1550.0 - 1500.0) / 1500.0); // +3.33 %
    // Conversion in points: 0.122581 - 0.083333 = 0.039247.
    close(
        &b,
        "sales.change.conversion",
        190.0 / 1550.0 - 125.0 / 1500.0,
    );
    assert_eq!(
        b.figure("sales.change.conversion").unwrap().unit,
        Unit::Points
    );
}

#[test]
fn sales_asin_table_has_shares_abc_classes_and_high_potential() {
    let b = sales_brief();
    let rows = &b.sales.asins;
    assert_eq!(
        rows.iter().map(|r| r.asin.as_str()).collect::<Vec<_>>(),
        ["A1", "A2", "A3", "A4"]
    );
    // Shares: 4500/5800 = 0.7759, 800/5800 = 0.1379, 500/5800 = 0.0862, 0.
    close(&b, "sales.asin_share.A1", 4500.0 / 5800.0);
    close(&b, "sales.asin_share.A2", 800.0 / 5800.0);
    close(&b, "sales.asin_share.A4", 0.0);
    // Classes by the share ranked above: A1 (0) A, A2 (0.776 < 0.8) A, A3 (0.914 < 0.95) B, A4 no sales C.
    assert_eq!(
        rows.iter().map(|r| r.abc).collect::<Vec<_>>(),
        [AbcClass::A, AbcClass::A, AbcClass::B, AbcClass::C]
    );
    approx(rows[2].cumulative_share, 5800.0 / 5800.0);
    // Median sessions of [50, 100, 400, 1000] = 250; account conversion 0.1226.
    // A3: 20/100 = 0.2 above the account, 100 sessions below 250: traffic-limited.
    // A2: 20/400 = 0.05 below the account, 400 sessions above 250: conversion-limited.
    assert_eq!(rows[2].potential, Some(Potential::TrafficLimited));
    assert_eq!(rows[1].potential, Some(Potential::ConversionLimited));
    assert_eq!(rows[0].potential, None);
    assert_eq!(rows[3].potential, None);
    close(&b, "sales.high_potential", 2.0);
    close(&b, "sales.asin_conversion.A2", 0.05);
}

#[test]
fn sales_diagnosis_appears_for_an_asin_with_low_conversion_and_meaningful_sessions() {
    let b = sales_brief();
    // A2 has 400 sessions (>= 100) and 5 % conversion (< 8 %); A4 has 0 % but only 50 sessions.
    let diag = b.sales.diagnosis.as_ref().expect("diagnosis");
    assert_eq!(diag.low_asins, vec!["A2".to_string()]);
    let areas: Vec<&str> = diag.checks.iter().map(|c| c.area.as_str()).collect();
    assert_eq!(
        areas,
        ["Listing quality", "Price competitiveness", "Ad efficiency"]
    );
    assert!(
        diag.checks[0]
            .evidence
            .iter()
            .any(|e| e.contains("A2: 20 units / 400 sessions = 5%"))
    );
}

#[test]
fn sales_without_a_business_report_are_missing_not_zero() {
    let b = compute(
        &[sp_campaign()],
        &selection(week(), None),
        &Settings::default(),
        d(9, 8),
    );
    let f = b.figure("sales.conversion").unwrap();
    assert_eq!(f.value, None);
    assert!(f.missing.contains(&ReportKind::BusinessChild));
    assert_eq!(b.value("sales.ordered_sales"), None);
    // TACoS needs the Business Report too, and says so.
    let tacos = b.figure("ads.tacos").unwrap();
    assert_eq!(tacos.value, None);
    assert!(tacos.missing.contains(&ReportKind::BusinessChild));
    assert!(
        b.figure("sales.change")
            .unwrap()
            .note
            .as_deref()
            .unwrap_or("")
            .contains("previous period not loaded")
    );
}

#[test]
fn two_currencies_are_never_added() {
    let uk = report(
        "BusinessReport-UK.csv",
        ReportKind::BusinessChild,
        Some(Marketplace::UK),
        Currency::from_code("GBP"),
        Some(week()),
        child(vec![item("B1", "UK1", 100, 100, 10, 10, 1000, None)]),
    );
    let reports = vec![business_current(), uk];
    let sels = selections(&reports);
    assert_eq!(sels.len(), 2);
    let us_sel = sels
        .iter()
        .find(|s| s.marketplace == Some(Marketplace::US))
        .unwrap();
    let uk_sel = sels
        .iter()
        .find(|s| s.marketplace == Some(Marketplace::UK))
        .unwrap();
    let settings = Settings::default();
    let us_brief = compute(&reports, us_sel, &settings, d(9, 8));
    let uk_brief = compute(&reports, uk_sel, &settings, d(9, 8));
    close(&us_brief, "sales.ordered_sales", 5800.0); // not 6800
    close(&uk_brief, "sales.ordered_sales", 1000.0);
    assert_eq!(
        uk_brief.figure("sales.ordered_sales").unwrap().unit,
        Unit::Money(Currency("GBP".into()))
    );
    // A converted total needs rates, and is labelled as converted: 5800 x 1 + 1000 x 1.25 = 7050.
    assert!(
        metrics::converted_total(
            &[us_brief.clone(), uk_brief.clone()],
            "sales.ordered_sales",
            &settings.exchange_rates
        )
        .is_none()
    );
    let mut rates = metrics::ExchangeRates {
        base: usd(),
        ..Default::default()
    };
    rates.to_base.insert("GBP".into(), 1.25);
    let conv =
        metrics::converted_total(&[us_brief, uk_brief], "sales.ordered_sales", &rates).unwrap();
    assert_eq!(conv.id, "sales.ordered_sales.converted");
    approx(conv.value, 7050.0);
    assert!(conv.note.unwrap().contains("converted"));
    // The overview the Brief page shows does the same from the reports, and nothing without rates.
    assert!(metrics::converted_overview(&reports, us_sel, &settings, d(9, 8)).is_empty());
    let with_rates = Settings { exchange_rates: rates, ..Settings::default() };
    let overview = metrics::converted_overview(&reports, us_sel, &with_rates, d(9, 8));
    let sales = overview.iter().find(|f| f.id == "sales.ordered_sales.converted").unwrap();
    approx(sales.value, 7050.0);
}

// ---------------------------------------------------------------------------------------------
// Ads.

fn ads_settings() -> Settings {
    let mut s = Settings {
        break_even_acos: Some(0.30),
        ..Settings::default()
    };
    s.break_even_acos_by_sku.insert("SKU2".into(), 0.50);
    s
}

fn ads_brief() -> Brief {
    let reports = vec![
        business_current(),
        sp_campaign(),
        sp_search_terms(),
        sp_advertised_products(),
        sb_campaign(),
        sd_campaign(),
    ];
    compute(&reports, &selection(week(), None), &ads_settings(), d(9, 8))
}

#[test]
fn ads_totals_come_from_the_coarsest_report_per_ad_type() {
    let b = ads_brief();
    // SP from the campaign report (400), not campaign + search terms (163) + products (170).
    // Spend: SP 400 + SB 50 + SD 50 = 500.
    close(&b, "ads.spend", 500.0);
    close(&b, "ads.sales", 1100.0); // 1000 + 100 + 0
    close(&b, "ads.impressions", 43_000.0); // 30000 + 5000 + 8000
    close(&b, "ads.clicks", 690.0); // 600 + 50 + 40
    close(&b, "ads.orders", 40.0); // 36 + 4 + 0
    close(&b, "ads.units", 44.0); // 40 + 4 + 0
    let note = b.figure("ads.spend").unwrap().note.clone().unwrap();
    assert!(
        note.contains("not added to the totals") && note.contains("SP_search_term.xlsx"),
        "{note}"
    );
    let sp = b
        .ads
        .sources
        .iter()
        .find(|s| s.ad_type == AdType::SP)
        .unwrap();
    assert_eq!(sp.file, "SP_campaign.csv");
    assert_eq!(sp.grain, AdsGrain::Campaign);
}

#[test]
fn ads_ratios_from_the_sums() {
    let b = ads_brief();
    close(&b, "ads.acos", 500.0 / 1100.0); // 0.4545
    close(&b, "ads.roas", 1100.0 / 500.0); // 2.2
    close(&b, "ads.ctr", 690.0 / 43_000.0); // 0.016
    close(&b, "ads.cpc", 500.0 / 690.0); // 0.7246
    close(&b, "ads.cvr", 40.0 / 690.0); // 0.058
    // TACoS against the Business Report's 5800: 500 / 5800 = 0.0862; ad share 1100 / 5800.
    close(&b, "ads.tacos", 500.0 / 5800.0);
    close(&b, "ads.ad_sales_share", 1100.0 / 5800.0);
    // 45 % ACoS is above break-even (30 %) and the 28.5 % average: off track.
    assert_eq!(b.figure("ads.acos").unwrap().status, Some(Status::OffTrack));
    assert_eq!(b.figure("ads.acos").unwrap().target, Some(0.22));
}

#[test]
fn ads_split_by_ad_type_and_targeting_type() {
    let b = ads_brief();
    close(&b, "ads.spend_share.SP", 0.8); // 400 / 500
    close(&b, "ads.spend_share.SB", 0.1); // 50 / 500
    close(&b, "ads.spend_share.SD", 0.1); // 50 / 500
    close(&b, "ads.acos.SP", 0.4); // 400 / 1000
    close(&b, "ads.acos.SB", 0.5); // 50 / 100
    // Auto 100 of 400 SP spend; manual 300; ACoS 100/400 and 300/600.
    close(&b, "ads.spend_share.auto", 0.25);
    close(&b, "ads.spend_share.manual", 0.75);
    close(&b, "ads.acos.auto", 0.25);
    close(&b, "ads.acos.manual", 0.5);
    assert_eq!(b.ads.by_ad_type.len(), 3);
    assert_eq!(
        b.ads
            .by_targeting
            .iter()
            .map(|r| r.key.as_str())
            .collect::<Vec<_>>(),
        ["auto", "manual"]
    );
}

#[test]
fn ads_with_spend_and_no_sales_have_no_acos_but_are_off_track() {
    let b = ads_brief();
    // Sponsored Display spent 50 and sold nothing: ACoS undefined (not 0, not infinity).
    let f = b.figure("ads.acos.SD").unwrap();
    assert_eq!(f.value, None);
    assert_eq!(f.status, Some(Status::OffTrack));
    assert!(f.note.as_deref().unwrap().contains("no attributed sales"));
    assert!(f.missing.is_empty());
    let sku3 = b.figure("ads.sku_acos.SKU3").unwrap();
    assert_eq!((sku3.value, sku3.status), (None, Some(Status::OffTrack)));
}

#[test]
fn ads_seven_and_fourteen_day_windows_are_named() {
    let b = ads_brief();
    let note = b.figure("ads.sales").unwrap().note.clone().unwrap();
    assert!(
        note.contains("SP from SP_campaign.csv (7-day attribution)"),
        "{note}"
    );
    assert!(
        note.contains("SB from SB_campaign.xlsx (14-day attribution)"),
        "{note}"
    );
    assert!(note.contains("different attribution windows"), "{note}");
    assert_eq!(
        b.ads
            .by_ad_type
            .iter()
            .map(|r| r.attribution_days)
            .collect::<Vec<_>>(),
        [Some(7), Some(14), Some(14)]
    );
}

#[test]
fn ads_candidate_lists_with_reasons() {
    let b = ads_brief();
    // Negatives: "exercise ball" has 12 clicks (>= 10) and 0 orders. "pilates ring" has 5 clicks.
    assert_eq!(b.ads.negatives.len(), 1);
    assert_eq!(b.ads.negatives[0].search_term, "exercise ball");
    assert!(
        b.ads.negatives[0]
            .reason
            .starts_with("12 clicks and 0 orders")
    );
    close(&b, "ads.negative_candidates", 1.0);
    // Wasted: search terms with clicks and no orders: 25 + 8 = 33.
    close(&b, "ads.wasted_spend", 33.0);
    // Harvest: "yoga mat thick" (auto, 5 orders, ACoS 30/150 = 20 % < 22 %). "yoga mat" (broad, 6
    // orders, 16.7 %) is already targeted as exact; "cork yoga block" has 1 order.
    assert_eq!(
        b.ads
            .harvest
            .iter()
            .map(|c| c.search_term.as_str())
            .collect::<Vec<_>>(),
        ["yoga mat thick"]
    );
    assert!(b.ads.harvest[0].reason.contains("5 orders at ACoS 20%"));
    close(&b, "ads.harvest_candidates", 1.0);
    // Bid-down (break-even 30 %): targets added up from the search terms: "yoga mat" EXACT 40/100 =
    // 40 %, suggested CPC (40/30) x 0.3 / 0.4 = 1.0; "yoga block" BROAD 10/20 = 50 %, suggested
    // (10/8) x 0.3 / 0.5 = 0.75. SKU2's 45 % is under its own 50 %; SKU1's 20 % under 30 %.
    let bid: Vec<(&str, &str)> = b
        .ads
        .bid_down
        .iter()
        .map(|c| (c.targeting.as_str(), c.match_type.as_str()))
        .collect();
    assert_eq!(bid, [("yoga mat", "EXACT"), ("yoga block", "BROAD")]);
    approx(b.ads.bid_down[0].suggested_cpc, 1.0);
    approx(b.ads.bid_down[1].suggested_cpc, 0.75);
    assert!(
        b.ads
            .bid_down
            .iter()
            .all(|c| c.list == CandidateList::BidDown && c.reason.contains("above break-even 30%"))
    );
    close(&b, "ads.bid_down_candidates", 2.0);
    // Per SKU: SKU2 uses its own break-even.
    let sku2 = b.ads.skus.iter().find(|s| s.sku == "SKU2").unwrap();
    assert_eq!(sku2.break_even_acos, Some(0.5));
    approx(sku2.acos, 0.45); // 90 / 200
}

#[test]
fn ads_from_search_terms_alone_use_them_for_totals() {
    let reports = vec![sp_search_terms()];
    let b = compute(
        &reports,
        &selection(week(), None),
        &Settings::default(),
        d(9, 8),
    );
    // 30 + 25 + 50 + 8 + 40 + 10 = 163.
    close(&b, "ads.spend", 163.0);
    // Without a break-even ACoS the bid-down list cannot be made and says why.
    let f = b.figure("ads.bid_down_candidates").unwrap();
    assert_eq!(f.value, None);
    assert!(f.note.as_deref().unwrap().contains("break-even"));
    // SB and SD have no report: missing, with the report that would give them.
    let f = b.figure("ads.acos.SB").unwrap();
    assert_eq!(
        (f.value, f.missing.clone()),
        (None, vec![ReportKind::SponsoredBrandsCampaign])
    );
}

#[test]
fn ads_of_another_period_are_not_mixed_in() {
    let mut other = sp_campaign();
    other.period = Some(prev_week());
    let reports = vec![other, sb_campaign()];
    let b = compute(
        &reports,
        &selection(week(), Some(prev_week())),
        &Settings::default(),
        d(9, 8),
    );
    close(&b, "ads.spend", 50.0); // SB only; the SP report is of the previous week
    // Change of spend: (50 - 400) / 400 = -0.875.
    close(&b, "ads.change.spend", -0.875);
}

// ---------------------------------------------------------------------------------------------
// Inventory.

fn inventory_reports() -> Vec<LoadedReport> {
    let mut sku3 = stock("SKU3", 0, Some(200), Some(90), Some([0, 0, 0, 0, 0]));
    sku3.units_shipped_t7 = Some(0);
    let mut sku1 = stock("SKU1", 300, Some(100), Some(246), Some([250, 30, 20, 0, 0]));
    sku1.reserved = Some(20);
    let newest = planning(
        d(9, 7),
        vec![
            sku1,
            stock("SKU2", 120, Some(0), Some(0), Some([20, 50, 30, 10, 10])),
            sku3,
            stock("SKU4", 1000, Some(0), Some(60), Some([1000, 0, 0, 0, 0])),
        ],
    );
    let older = report(
        "manage-inventory.txt",
        ReportKind::FbaManageInventory,
        Some(Marketplace::US),
        None,
        Some(Period::day(d(9, 5))),
        ReportData::Inventory(InventorySnapshot {
            snapshot_date: Some(d(9, 5)),
            skus: vec![stock("SKU1", 999, Some(0), Some(999), None)],
        }),
    );
    vec![older, newest]
}

fn inventory_brief(ipi: Option<f64>) -> Brief {
    let settings = Settings {
        ipi,
        ..Settings::default()
    };
    compute(
        &inventory_reports(),
        &selection(Period::day(d(9, 7)), None),
        &settings,
        d(9, 8),
    )
}

#[test]
fn inventory_totals_and_ages_come_from_the_newest_snapshot() {
    let b = inventory_brief(Some(450.0));
    assert_eq!(
        b.inventory.source.as_deref(),
        Some("inventory-planning.tsv")
    );
    close(&b, "inventory.available", 1420.0); // 300 + 120 + 0 + 1000 (not the older 999)
    close(&b, "inventory.inbound", 300.0); // 100 + 0 + 200 + 0
    close(&b, "inventory.reserved", 20.0); // only SKU1 has the column
    // Aged over 90: (30+20) + (50+30+10+10) = 150 of 300+120+0+1000 = 1420 units: 10.56 % > 10 %.
    close(&b, "inventory.aged_90_plus_share", 150.0 / 1420.0);
    assert_eq!(
        b.figure("inventory.aged_90_plus_share").unwrap().status,
        Some(Status::OffTrack)
    );
    // IPI 450 is under the 500 pass line.
    close(&b, "inventory.ipi", 450.0);
    assert_eq!(
        b.figure("inventory.ipi").unwrap().status,
        Some(Status::OffTrack)
    );
    // Storage cost is not in these rows: missing, not 0.
    assert_eq!(b.value("inventory.storage_cost_next_month"), None);
    assert_eq!(
        b.figure("inventory.storage_cost_next_month")
            .unwrap()
            .missing,
        vec![ReportKind::FbaInventoryPlanning]
    );
}

#[test]
fn inventory_restock_row_fills_in_the_articles_formula() {
    let b = inventory_brief(None);
    let row = b.inventory.skus.iter().find(|r| r.sku == "SKU1").unwrap();
    // 246 units in 30 days = 8.2/day; cover (300 + 100) / 8.2 = 48.78 days.
    approx(row.daily_sales, 8.2);
    close(&b, "inventory.days_of_cover.SKU1", 400.0 / 8.2);
    // Safety stock 8.2 x 45 x 1.5 = 553.5, shown rounded up to whole units.
    close(&b, "inventory.safety_stock.SKU1", 8.2 * 45.0 * 1.5);
    assert_eq!(row.safety_formula, "8.2/day x 45 d x 1.5 = 554");
    // 400 <= 553.5: reorder 90 d x 8.2 - 400 = 338 units.
    assert!(row.reorder);
    assert_eq!(row.reorder_qty, Some(338));
    close(&b, "inventory.reorder.SKU1", 1.0);
    close(&b, "inventory.reorder_qty.SKU1", 338.0);
    // Stock-out: 300 / 8.2 = 36.59 days from 8 September: 14 October. Sea (45 d) would be late: air.
    assert_eq!(row.stockout_date, Some(d(10, 14)));
    close(&b, "inventory.stockout_date.SKU1", 300.0 / 8.2);
    assert_eq!(
        b.figure("inventory.stockout_date.SKU1")
            .unwrap()
            .label
            .as_deref(),
        Some("2026-10-14")
    );
    assert_eq!(row.ship_mode, Some(ShipMode::Air));
    close(&b, "inventory.ship_mode.SKU1", 1.0);
    assert!(row.at_risk);
}

#[test]
fn inventory_sku_with_zero_sales_has_no_sales_not_infinite_cover() {
    let b = inventory_brief(None);
    let row = b.inventory.skus.iter().find(|r| r.sku == "SKU2").unwrap();
    assert!(row.no_sales);
    assert_eq!(row.days_of_cover, None);
    assert_eq!(
        (row.reorder, row.stockout_date, row.ship_mode),
        (false, None, None)
    );
    let f = b.figure("inventory.days_of_cover.SKU2").unwrap();
    assert_eq!(f.value, None);
    assert_eq!(f.label.as_deref(), Some("no sales"));
    assert!(
        f.missing.is_empty(),
        "nothing is missing: the SKU simply sold nothing"
    );
    close(&b, "inventory.daily_sales.SKU2", 0.0);
    close(&b, "inventory.reorder.SKU2", 0.0);
}

#[test]
fn inventory_stocked_out_sku_is_flagged_as_depressed_velocity() {
    let b = inventory_brief(None);
    let row = b.inventory.skus.iter().find(|r| r.sku == "SKU3").unwrap();
    // 90 / 30 = 3/day; out of stock today; 0 sold in the last 7 days of 90 in 30.
    approx(row.daily_sales, 3.0);
    assert_eq!(row.stockout_date, Some(d(9, 8)));
    assert!(row.velocity_depressed);
    assert!(row.notes.iter().any(|n| n.contains("even air freight")));
    // Safety 3 x 45 x 1.5 = 202.5 >= 0 + 200: reorder 90 x 3 - 200 = 70.
    assert_eq!(row.safety_formula, "3/day x 45 d x 1.5 = 203");
    assert_eq!(row.reorder_qty, Some(70));
    close(&b, "inventory.days_of_cover.SKU3", 200.0 / 3.0);
    // SKU1 and SKU3 run out before a sea shipment (45 d) could arrive; SKU4 has 500 days.
    close(&b, "inventory.skus_at_risk", 2.0);
    let sku4 = b.inventory.skus.iter().find(|r| r.sku == "SKU4").unwrap();
    assert_eq!((sku4.ship_mode, sku4.reorder), (Some(ShipMode::Sea), false));
    // Table order: soonest stock-out first, no-sales last.
    assert_eq!(
        b.inventory
            .skus
            .iter()
            .map(|r| r.sku.as_str())
            .collect::<Vec<_>>(),
        ["SKU3", "SKU1", "SKU4", "SKU2"]
    );
}

#[test]
fn inventory_velocity_falls_back_to_the_business_report() {
    let manage = report(
        "manage.txt",
        ReportKind::FbaManageInventory,
        Some(Marketplace::US),
        None,
        None,
        ReportData::Inventory(InventorySnapshot {
            snapshot_date: Some(d(9, 8)),
            skus: vec![stock("SKU1", 100, None, None, None)],
        }),
    );
    let reports = vec![business_current(), manage];
    let b = compute(
        &reports,
        &selection(week(), None),
        &Settings::default(),
        d(9, 8),
    );
    // SKU1 (A1) ordered 150 units in the 7-day week: 150 / 7 = 21.43/day.
    close(&b, "inventory.daily_sales.SKU1", 150.0 / 7.0);
    // No inbound column: cover counts available only, 100 / 21.43 = 4.67 days, and says so.
    close(&b, "inventory.days_of_cover.SKU1", 100.0 / (150.0 / 7.0));
    assert!(
        b.inventory.skus[0]
            .notes
            .iter()
            .any(|n| n.contains("inbound not in the report"))
    );
    assert_eq!(b.value("inventory.inbound"), None);
    // No age buckets anywhere: the share is missing and names the planning report.
    assert_eq!(
        b.figure("inventory.aged_90_plus_share").unwrap().missing,
        vec![ReportKind::FbaInventoryPlanning]
    );
}

// ---------------------------------------------------------------------------------------------
// Health.

/// One ASIN's returns: ASIN, units, units per reason.
type ReturnLine<'a> = (&'a str, i64, Vec<(&'a str, i64)>);

fn returns(name: &str, kind: ReportKind, period: Period, rows: Vec<ReturnLine>) -> LoadedReport {
    let by_asin = rows
        .into_iter()
        .map(|(asin, units, reasons)| AsinReturns {
            asin: asin.into(),
            units,
            reasons: reasons
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
            ..AsinReturns::default()
        })
        .collect();
    report(
        name,
        kind,
        None,
        None,
        Some(period),
        ReportData::Returns(ReturnsSummary { by_asin }),
    )
}

fn rate(rate: f64, num: i64, den: i64) -> Option<HealthRate> {
    Some(HealthRate {
        rate,
        numerator: Some(num),
        denominator: Some(den),
        target: None,
        period: None,
    })
}

fn account_health() -> LoadedReport {
    let entry = MarketplaceHealth {
        marketplace_id: "ATVPDKIKX0DER".into(),
        marketplace: Some(Marketplace::US),
        status: Some("NORMAL".into()),
        valid_tracking_rate: rate(0.97, 970, 1000),
        late_shipment_rate: rate(0.05, 50, 1000),
        cancellation_rate: rate(0.01, 2, 200),
        order_defect_rate: None,
    };
    let uk = MarketplaceHealth {
        marketplace: Some(Marketplace::UK),
        valid_tracking_rate: rate(0.5, 1, 2),
        ..MarketplaceHealth::default()
    };
    report(
        "health.json",
        ReportKind::AccountHealth,
        None,
        None,
        None,
        ReportData::AccountHealth(AccountHealth {
            marketplaces: vec![uk, entry],
        }),
    )
}

fn all_orders() -> LoadedReport {
    let o = OrdersSummary {
        mfn_orders: 200,
        mfn_cancelled_by_seller: 6,
        afn_orders: 500,
        ..OrdersSummary::default()
    };
    us(
        "all-orders.txt",
        ReportKind::OrdersAll,
        Some(week()),
        ReportData::Orders(o),
    )
}

fn health_brief(with_health_report: bool) -> Brief {
    let mut reports = vec![
        business_current(),
        business_previous(),
        business_by_date(),
        all_orders(),
        returns(
            "fba-returns.csv",
            ReportKind::ReturnsFba,
            week(),
            vec![
                ("A1", 12, vec![("DEFECTIVE", 8), ("NOT_AS_DESCRIBED", 4)]),
                ("A2", 3, vec![("DEFECTIVE", 1), ("UNWANTED_ITEM", 2)]),
            ],
        ),
        returns(
            "mfn-returns.csv",
            ReportKind::ReturnsMfn,
            week(),
            vec![("A1", 3, vec![("DEFECTIVE", 3)])],
        ),
        returns(
            "fba-returns-prev.csv",
            ReportKind::ReturnsFba,
            prev_week(),
            vec![("A1", 5, vec![("DEFECTIVE", 5)])],
        ),
    ];
    if with_health_report {
        reports.push(account_health());
    }
    let settings = Settings {
        typed_health: vec![TypedHealth {
            marketplace: Some(Marketplace::US),
            odr: Some(0.004),
            ..TypedHealth::default()
        }],
        ..Settings::default()
    };
    compute(
        &reports,
        &selection(week(), Some(prev_week())),
        &settings,
        d(9, 8),
    )
}

#[test]
fn health_rates_come_from_the_report_then_typed_values() {
    let b = health_brief(true);
    close(&b, "health.vtr", 0.97); // the US entry, not the UK one
    assert_eq!(
        b.figure("health.vtr").unwrap().status,
        Some(Status::OnTrack)
    );
    close(&b, "health.lsr", 0.05); // above 4 %
    assert_eq!(
        b.figure("health.lsr").unwrap().status,
        Some(Status::OffTrack)
    );
    close(&b, "health.cancel_rate", 0.01);
    // The All Orders estimate (6 / 200 = 3 %) is shown beside as a cross-check.
    assert!(
        b.figure("health.cancel_rate")
            .unwrap()
            .note
            .as_deref()
            .unwrap()
            .contains("All Orders estimate 3%")
    );
    close(&b, "health.cancel_rate_estimate", 0.03);
    // The report has no ODR: the typed-in 0.4 % is used and labelled.
    close(&b, "health.odr", 0.004);
    assert_eq!(
        b.figure("health.odr").unwrap().note.as_deref(),
        Some("typed in")
    );
    assert_eq!(b.health.account_status.as_deref(), Some("NORMAL"));
    assert!(b.reports.iter().any(|r| r.file == "health.json" && r.used));
}

#[test]
fn health_uses_the_newest_account_health_report() {
    let mut older = account_health();
    older.file_name = "health-old.json".into();
    older.period = Some(prev_week());
    let mut newer = account_health();
    newer.file_name = "health-new.json".into();
    newer.period = Some(week());
    if let ReportData::AccountHealth(h) = &mut newer.data {
        h.marketplaces[1].valid_tracking_rate = rate(0.99, 99, 100);
    }
    // Loaded newest first: the order of loading must not matter.
    let reports = vec![business_current(), newer, older];
    let b = compute(
        &reports,
        &selection(week(), None),
        &Settings::default(),
        d(9, 8),
    );
    close(&b, "health.vtr", 0.99);
    assert_eq!(b.health.source.as_deref(), Some("health-new.json"));
}

#[test]
fn health_cancel_rate_falls_back_to_the_labelled_estimate() {
    let b = health_brief(false);
    // 6 cancelled by the seller / 200 seller-fulfilled orders = 3 % > 2.5 %.
    let f = b.figure("health.cancel_rate").unwrap();
    approx(f.value, 0.03);
    assert_eq!(f.status, Some(Status::OffTrack));
    assert_eq!(f.note.as_deref(), Some("estimated"));
    // VTR has nothing: missing with the report that would give it.
    let vtr = b.figure("health.vtr").unwrap();
    assert_eq!(
        (vtr.value, vtr.missing.clone()),
        (None, vec![ReportKind::AccountHealth])
    );
}

#[test]
fn health_return_rates_overall_per_asin_and_change() {
    let b = health_brief(false);
    // Returned: FBA 12 + 3, MFN 3 = 18 of 190 units ordered = 9.47 % (above the 3-5 % band).
    close(&b, "health.returned_units", 18.0);
    close(&b, "health.return_rate", 18.0 / 190.0);
    assert_eq!(
        b.figure("health.return_rate").unwrap().status,
        Some(Status::OffTrack)
    );
    // Previous: 5 of 125 = 4 %. Change 0.094737 - 0.04 = +5.47 points: abnormal.
    close(&b, "health.return_rate_change", 18.0 / 190.0 - 5.0 / 125.0);
    assert!(
        b.figure("health.return_rate_change")
            .unwrap()
            .note
            .as_deref()
            .unwrap()
            .contains("abnormal")
    );
    // Per ASIN: A1 (12 + 3) / 150 = 10 %, previously 5 / 100 = 5 %; A2 3 / 20 = 15 %, previously 0 / 25.
    close(&b, "health.return_rate.A1", 0.1);
    close(&b, "health.return_rate_change.A1", 0.05);
    close(&b, "health.return_rate.A2", 0.15);
    close(&b, "health.return_rate_change.A2", 0.15);
    let a1 = &b.health.returns[0];
    assert_eq!(
        (a1.asin.as_str(), a1.returned_units, a1.abnormal),
        ("A1", 15, true)
    );
    assert_eq!(a1.reasons[0], ("DEFECTIVE".to_string(), 11));
    // Reasons overall: DEFECTIVE 8 + 1 + 3 = 12 of 18.
    assert_eq!(b.health.reasons[0].reason, "DEFECTIVE");
    assert_eq!(b.health.reasons[0].units, 12);
    approx(b.health.reasons[0].share, 12.0 / 18.0);
    close(&b, "health.return_reasons", 3.0);
    assert_eq!(
        b.figure("health.return_reasons").unwrap().label.as_deref(),
        Some("DEFECTIVE (12 units)")
    );
}

#[test]
fn health_negative_feedback_from_sales_and_traffic_by_date() {
    let b = health_brief(false);
    // (1 + 1) negative of (25 + 15) received = 5 %; refunds (2 + 1) / (95 + 95) units.
    close(&b, "health.negative_feedback_rate", 2.0 / 40.0);
    close(&b, "health.refund_rate", 3.0 / 190.0);
}

// ---------------------------------------------------------------------------------------------
// The Brief as a whole: scorecard, snapshot, export.

/// Every id of the spec that is not per item.
const SPEC_IDS: &[&str] = &[
    "sales.ordered_sales",
    "sales.units",
    "sales.order_items",
    "sales.sessions",
    "sales.page_views",
    "sales.conversion",
    "sales.order_item_conversion",
    "sales.buy_box",
    "sales.asp",
    "sales.b2b_share",
    "sales.target_attainment",
    "sales.pace",
    "sales.change",
    "ads.spend",
    "ads.sales",
    "ads.impressions",
    "ads.clicks",
    "ads.orders",
    "ads.units",
    "ads.acos",
    "ads.roas",
    "ads.ctr",
    "ads.cpc",
    "ads.cvr",
    "ads.tacos",
    "ads.ad_sales_share",
    "ads.spend_share.SP",
    "ads.spend_share.SB",
    "ads.spend_share.SD",
    "ads.acos.SP",
    "ads.acos.SB",
    "ads.acos.SD",
    "ads.spend_share.auto",
    "ads.spend_share.manual",
    "ads.acos.auto",
    "ads.acos.manual",
    "ads.wasted_spend",
    "ads.negative_candidates",
    "ads.harvest_candidates",
    "ads.bid_down_candidates",
    "inventory.available",
    "inventory.inbound",
    "inventory.reserved",
    "inventory.aged_90_plus_share",
    "inventory.ipi",
    "inventory.skus_at_risk",
    "inventory.excess_units",
    "inventory.storage_cost_next_month",
    "health.vtr",
    "health.lsr",
    "health.cancel_rate",
    "health.odr",
    "health.return_rate",
    "health.return_rate_change",
    "health.return_reasons",
    "health.negative_feedback_rate",
];

#[test]
fn every_spec_id_is_present_even_with_nothing_loaded_and_none_is_zero() {
    let b = compute(&[], &selection(week(), None), &Settings::default(), d(9, 8));
    let snap = b.snapshot();
    for id in SPEC_IDS {
        assert!(snap.contains_key(*id), "{id} missing from the snapshot");
        // Nothing is loaded, so nothing may show a number (the IPI and break-even come from Settings).
        assert_eq!(snap[*id], None, "{id} shows a value with no report");
        let f = b.figure(id).unwrap();
        assert!(f.status.is_none(), "{id} has a status without a value");
    }
    // Missing figures name the reports that would give them (the IPI and targets are typed in).
    for id in SPEC_IDS
        .iter()
        .filter(|id| !["inventory.ipi", "ads.bid_down_candidates"].contains(id))
    {
        assert!(
            !b.figure(id).unwrap().missing.is_empty(),
            "{id} does not say what would provide it"
        );
    }
}

#[test]
fn scorecard_has_the_four_topics_with_status_words() {
    let mut reports = vec![
        business_current(),
        sp_campaign(),
        sb_campaign(),
        sd_campaign(),
        all_orders(),
        account_health(),
    ];
    reports.extend(inventory_reports());
    let b = compute(&reports, &selection(week(), None), &ads_settings(), d(9, 8));
    for topic in Topic::ALL {
        assert!(
            b.scorecard.iter().any(|l| l.topic == topic),
            "{topic:?} has no line"
        );
    }
    // ACoS 45 % is off track; LSR 5 % off track; SKUs at risk off track.
    assert_eq!(b.topic_status(Topic::Ads), Some(Status::OffTrack));
    assert_eq!(b.topic_status(Topic::Health), Some(Status::OffTrack));
    assert_eq!(b.topic_status(Topic::Inventory), Some(Status::OffTrack));
    assert_eq!(Status::OffTrack.word(), "off track");
}

#[test]
fn export_json_has_every_id_with_raw_values() {
    let mut reports = vec![
        business_current(),
        sp_campaign(),
        sp_search_terms(),
        sb_campaign(),
        sd_campaign(),
    ];
    reports.extend(inventory_reports());
    let b = compute(&reports, &selection(week(), None), &ads_settings(), d(9, 8));
    let json = export::metrics_json(&b, "2026-09-08T09:00:00Z");
    assert_eq!(json["marketplace"], "US");
    assert_eq!(json["currency"], "USD");
    assert_eq!(json["period"]["from"], "2026-09-01");
    assert_eq!(json["previous_period"], serde_json::Value::Null);
    let m = json["metrics"].as_object().unwrap();
    for id in SPEC_IDS {
        assert!(m.contains_key(*id), "{id} missing from the export");
    }
    // Raw and unrounded, fractions as fractions; flags as 1/0; missing as null.
    assert_eq!(m["sales.conversion"].as_f64(), Some(190.0 / 1550.0));
    assert_eq!(m["sales.asin_share.A1"].as_f64(), Some(4500.0 / 5800.0));
    assert_eq!(m["ads.acos.SP"].as_f64(), Some(0.4));
    assert_eq!(m["ads.acos.auto"].as_f64(), Some(0.25));
    assert_eq!(m["inventory.reorder.SKU1"].as_f64(), Some(1.0));
    assert!(m["inventory.days_of_cover.SKU2"].is_null());
    assert!(m["health.vtr"].is_null());
    let files: Vec<&str> = json["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["file"].as_str().unwrap())
        .collect();
    assert!(files.contains(&"SP_campaign.csv"));
    assert_eq!(json["reports"][0]["rows"], 10);
}

#[test]
fn export_csv_of_candidates_escapes_formula_cells() {
    let mut terms = sp_search_terms();
    if let ReportData::Ads(a) = &mut terms.data {
        a.rows[1].search_term = "=HYPERLINK(\"http://x\",\"ball\")".into();
    }
    let b = compute(
        &[terms],
        &selection(week(), None),
        &Settings::default(),
        d(9, 8),
    );
    let csv = export::table_to_csv(&b.ads.negatives);
    assert!(csv.starts_with("list,ad_type,campaign"));
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"ball\"\")\""),
        "{csv}"
    );
    assert!(!csv.contains(",=HYPERLINK"));
}

#[test]
fn snapshot_and_figures_agree_and_every_figure_explains_itself() {
    let b = ads_brief();
    let snap = b.snapshot();
    assert_eq!(snap.len(), b.figures().count(), "ids are unique");
    for f in b.figures() {
        assert!(!f.formula.is_empty(), "{} has no formula", f.id);
        assert!(f.value.is_none_or(f64::is_finite), "{} is not finite", f.id);
        if f.value.is_some()
            && !matches!(
                f.id.as_str(),
                "ads.break_even_acos" | "inventory.ipi" | "sales.target"
            )
        {
            assert!(
                !f.sources.is_empty(),
                "{} has a value but no source file",
                f.id
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Edges.

#[test]
fn sales_pace_equals_attainment_once_the_period_is_complete() {
    let reports = vec![business_current()];
    let b = compute(
        &reports,
        &selection(week(), None),
        &sales_settings(),
        d(9, 20),
    );
    // 5800 / 7000 = 0.8286 < 1 with the week over: off track, and pace is the same number.
    close(&b, "sales.pace", 5800.0 / 7000.0);
    assert_eq!(
        b.figure("sales.target_attainment").unwrap().status,
        Some(Status::OffTrack)
    );
    assert!(
        b.figure("sales.pace")
            .unwrap()
            .note
            .as_deref()
            .unwrap()
            .contains("complete")
    );
    // No target for October: attainment is missing and asks for a target, not for a report.
    let oct = Period::new(d(10, 1), d(10, 7));
    let mut r = business_current();
    r.period = Some(oct);
    let b = compute(&[r], &selection(oct, None), &sales_settings(), d(10, 8));
    let f = b.figure("sales.target_attainment").unwrap();
    assert_eq!((f.value, f.missing.is_empty()), (None, true));
    assert!(f.note.as_deref().unwrap().contains("sales target"));
}

#[test]
fn a_report_without_a_period_is_named_in_the_notes_and_not_used() {
    let mut cm = sb_campaign();
    cm.kind = ReportKind::AdsCampaignManager;
    cm.file_name = "campaign-manager.csv".into();
    cm.period = None;
    let reports = vec![business_current(), cm];
    let b = compute(
        &reports,
        &selection(week(), None),
        &Settings::default(),
        d(9, 8),
    );
    assert_eq!(b.value("ads.spend"), None);
    assert!(
        b.notes
            .iter()
            .any(|n| n.contains("campaign-manager.csv has no period"))
    );
    assert!(
        b.reports
            .iter()
            .any(|r| r.file == "campaign-manager.csv" && !r.used)
    );
}

#[test]
fn a_euro_report_without_marketplace_is_left_out_when_two_euro_marketplaces_are_loaded() {
    let eur = Currency::from_code("EUR");
    let de = report(
        "de.csv",
        ReportKind::BusinessChild,
        Some(Marketplace::DE),
        eur.clone(),
        Some(week()),
        child(vec![]),
    );
    let fr = report(
        "fr.csv",
        ReportKind::BusinessChild,
        Some(Marketplace::FR),
        eur.clone(),
        Some(week()),
        child(vec![]),
    );
    let ads = report(
        "sp-eur.csv",
        ReportKind::SponsoredProductsCampaign,
        None,
        eur,
        Some(week()),
        ads(AdsGrain::Campaign, 7, vec![]),
    );
    let reports = vec![de, fr, ads];
    let sels = selections(&reports);
    assert_eq!(sels.len(), 2);
    let b = compute(&reports, &sels[0], &Settings::default(), d(9, 8));
    // DE or FR? It cannot be told, so it is in neither and the Brief says so.
    assert!(b.notes.iter().any(|n| n.starts_with("sp-eur.csv")));
    assert!(!b.reports.iter().any(|r| r.file == "sp-eur.csv"));
}

#[test]
fn zero_sessions_give_no_conversion_and_name_no_missing_report() {
    let r = us(
        "zero.csv",
        ReportKind::BusinessChild,
        Some(week()),
        child(vec![item("A9", "SKU9", 0, 0, 3, 3, 30, None)]),
    );
    let b = compute(
        &[r],
        &selection(week(), None),
        &Settings::default(),
        d(9, 8),
    );
    // 3 units / 0 sessions: undefined, not infinite and not 0; the data is there, nothing is missing.
    let f = b.figure("sales.conversion").unwrap();
    assert_eq!(
        (f.value, f.missing.is_empty(), f.status),
        (None, true, None)
    );
    assert!(f.formula.contains("undefined"));
}
