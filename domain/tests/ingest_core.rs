//! The first reports the page must read: Business Reports by child item and by date, the Sponsored
//! Products search term report, the FBA inventory planning report, FBA returns and account health.

#[path = "ingest_support/mod.rs"]
mod common;

use common::*;
use opsbrief_domain::dataset::{AdType, Cents, Marketplace, Period, TargetingType};
use opsbrief_domain::report::ReportKind;

#[test]
fn business_child_csv_with_bom_sums_per_asin_and_skips_bad_rows() {
    let report = load_as("business_child_us.csv", "BusinessReport-2026-09-01_2026-09-07.csv");
    assert_eq!(report.kind, ReportKind::BusinessChild);
    assert_eq!(report.rows_read, 5);
    assert_eq!(report.rows_skipped, 2);
    assert_eq!(skipped_lines(&report), vec![4, 6]);
    assert!(report.skipped[0].reason.contains("Sessions"), "{:?}", report.skipped[0]);
    let items = &items(&report).items;
    assert_eq!(items.len(), 2);
    let net = &items[0];
    assert_eq!(net.child_asin.as_deref(), Some("B096MCMDPL"));
    assert_eq!(net.parent_asin.as_deref(), Some("B0CKPQNSHN"));
    assert_eq!(net.sku.as_deref(), Some("5K-SC4U-PO06"));
    assert_eq!(net.title.as_deref(), Some("BasicGear Cast Net, Zinc Iron, 3ft Radius, 3/8 in Mesh, for Bait Fish"));
    assert_eq!(net.sessions, 12_131 + 100);
    assert_eq!(net.sessions_b2b, 261);
    assert_eq!(net.page_views, 17_004 + 120);
    assert_eq!(net.units, 683 + 5);
    assert_eq!(net.units_b2b, 5);
    assert_eq!(net.order_items, 668 + 5);
    assert_eq!(net.sales, Cents(1_290_525 + 5_000));
    assert_eq!(net.sales_b2b, Cents(9_450));
    assert!((net.buy_box_weighted - (0.998 * 12_131.0 + 0.5 * 100.0)).abs() < 1e-6);
    assert_eq!(net.buy_box_sessions, 12_231);
    let total_sessions: i64 = items.iter().map(|i| i.sessions).sum();
    let total_sales: Cents = items.iter().map(|i| i.sales).sum();
    assert_eq!(total_sessions, 13_231);
    assert_eq!(total_sales, Cents(1_395_575));
    assert_eq!(report.currency.as_ref().map(|c| c.code()), Some("USD"));
    assert_eq!(report.marketplace, Some(Marketplace::US));
    assert_eq!(report.period, Some(Period::new(day(2026, 9, 1), day(2026, 9, 7))));
    assert!(report.notes.iter().any(|n| n.contains("file name")), "{:?}", report.notes);
}

#[test]
fn business_child_without_dates_or_dated_name_has_no_period() {
    let report = load("business_child_us.csv");
    assert_eq!(report.period, None);
    assert!(report.notes.iter().any(|n| n.contains("enter the period")));
}

#[test]
fn business_date_india_infers_day_first_from_the_file() {
    let report = load("business_date_in.csv");
    assert_eq!(report.kind, ReportKind::BusinessDate);
    let days = &days(&report).days;
    assert_eq!(days.iter().map(|d| d.date).collect::<Vec<_>>(), vec![day(2026, 4, 1), day(2026, 4, 2), day(2026, 4, 13)]);
    assert_eq!(days[0].sales, Cents(7_556_526));
    assert_eq!(days[0].sessions, Some(1_514));
    assert_eq!(days[0].sessions_b2b, Some(30));
    assert_eq!(days[0].units, 39);
    assert_eq!(days[0].order_items, 38);
    assert_eq!(days[0].page_views, None, "the default layout has no page views");
    assert_eq!(days.iter().map(|d| d.sales).sum::<Cents>(), Cents(7_556_526 + 100_000 + 50_050));
    assert_eq!(report.currency.as_ref().map(|c| c.code()), Some("INR"));
    assert_eq!(report.marketplace, Some(Marketplace::IN));
    assert_eq!(report.period, Some(Period::new(day(2026, 4, 1), day(2026, 4, 13))));
    assert!(report.notes.iter().any(|n| n.contains("DD/MM")), "{:?}", report.notes);
}

#[test]
fn sp_search_term_csv_under_a_title_row_aggregates_per_key() {
    let report = load("ads_sp_search_term_us.csv");
    assert_eq!(report.kind, ReportKind::SponsoredProductsSearchTerm);
    assert_eq!(report.rows_read, 4);
    assert_eq!(skipped_lines(&report), vec![6]);
    let ads = ads(&report);
    assert_eq!(ads.attribution_days, Some(7));
    assert_eq!(ads.rows.len(), 2);
    let auto = ads.rows.iter().find(|r| r.campaign == "W_Auto").unwrap();
    assert_eq!(auto.search_term, "wireless widget");
    assert_eq!(auto.targeting, "close-match");
    assert_eq!(auto.ad_type, Some(AdType::SP));
    assert_eq!(auto.targeting_type, Some(TargetingType::Auto));
    assert_eq!(auto.totals.impressions, 1_304);
    assert_eq!(auto.totals.clicks, 35);
    assert_eq!(auto.totals.spend, Cents(1_812));
    assert_eq!(auto.totals.sales, Cents(126_450));
    assert_eq!(auto.totals.orders, 42);
    assert_eq!(auto.totals.units, 44);
    let exact = ads.rows.iter().find(|r| r.campaign == "W_Exact").unwrap();
    assert_eq!(exact.targeting_type, Some(TargetingType::Manual));
    assert_eq!(exact.totals.impressions, 2_000);
    assert_eq!(exact.totals.spend, Cents(5_000));
    assert!(ads.daily.is_empty(), "a summary layout has no daily totals");
    assert_eq!(report.period, Some(Period::new(day(2026, 9, 1), day(2026, 9, 7))));
    assert_eq!(report.currency.as_ref().map(|c| c.code()), Some("USD"));
    assert_eq!(report.marketplace, Some(Marketplace::US));
}

#[test]
fn fba_inventory_planning_all_quoted_csv() {
    let report = load("fba_inventory_planning.csv");
    assert_eq!(report.kind, ReportKind::FbaInventoryPlanning);
    let inventory = inventory(&report);
    assert_eq!(inventory.snapshot_date, Some(day(2026, 7, 31)));
    assert_eq!(inventory.skus.len(), 2);
    let net = &inventory.skus[0];
    assert_eq!(net.sku, "LANDINGNET-BAITWELLNET-01-24INCH");
    assert_eq!(net.asin.as_deref(), Some("B0FQ2HP3Z9"));
    assert_eq!(net.available, 165);
    assert_eq!(net.inbound, Some(500));
    assert_eq!(net.reserved, Some(3));
    assert_eq!(net.unfulfillable, Some(1));
    assert_eq!(net.age_buckets, Some([177, 0, 0, 0, 0]));
    assert_eq!(net.units_shipped_t7, Some(31));
    assert_eq!(net.units_shipped_t30, Some(153));
    assert_eq!(net.storage_cost_next_month, Some(Cents(2_395)));
    assert_eq!(net.days_of_supply, Some(248.0));
    assert_eq!(net.alert, None);
    assert_eq!(inventory.skus[1].title.as_deref(), Some("Second \"Widget\", blue"));
    assert_eq!(inventory.skus.iter().map(|s| s.available).sum::<i64>(), 175);
    assert_eq!(report.marketplace, Some(Marketplace::US));
    assert_eq!(report.period, Some(Period::day(day(2026, 7, 31))));
}

#[test]
fn fba_returns_tsv_keeps_bare_quotes_and_counts_reasons() {
    let report = load("returns_fba.txt");
    assert_eq!(report.kind, ReportKind::ReturnsFba);
    assert_eq!(report.rows_read, 4);
    assert_eq!(skipped_lines(&report), vec![4]);
    let returns = &returns(&report).by_asin;
    assert_eq!(returns.len(), 2);
    let pad = &returns[0];
    assert_eq!(pad.asin, "B00TZ73MUY");
    assert_eq!(pad.units, 3);
    assert_eq!(pad.reasons.get("DEFECTIVE"), Some(&2));
    assert_eq!(pad.reasons.get("NOT_COMPATIBLE"), Some(&1));
    assert_eq!(pad.dispositions.get("SELLABLE"), Some(&2));
    assert_eq!(pad.comments, vec!["Pump is 5\" too \"short".to_string()]);
    assert_eq!(returns[1].units, 1);
    assert_eq!(report.period, Some(Period::new(day(2025, 6, 4), day(2025, 6, 7))));
}

#[test]
fn account_health_json_accepts_both_cancellation_keys() {
    let report = load("health_account.json");
    assert_eq!(report.kind, ReportKind::AccountHealth);
    let opsbrief_domain::dataset::ReportData::AccountHealth(health) = &report.data else { panic!() };
    assert_eq!(health.marketplaces.len(), 2);
    let us = &health.marketplaces[0];
    assert_eq!(us.marketplace, Some(Marketplace::US));
    assert_eq!(us.status.as_deref(), Some("NORMAL"));
    let lsr = us.late_shipment_rate.as_ref().unwrap();
    assert_eq!((lsr.rate, lsr.numerator, lsr.denominator, lsr.target), (0.032, Some(8), Some(250), Some(0.04)));
    assert_eq!(us.cancellation_rate.as_ref().unwrap().numerator, Some(1));
    assert_eq!(us.valid_tracking_rate.as_ref().unwrap().rate, 0.98);
    let odr = us.order_defect_rate.as_ref().unwrap();
    assert_eq!((odr.rate, odr.numerator, odr.denominator), (0.008, Some(8), Some(1000)));
    let uk = &health.marketplaces[1];
    assert_eq!(uk.marketplace, Some(Marketplace::UK));
    assert_eq!(uk.status.as_deref(), Some("AT_RISK"));
    assert_eq!(uk.cancellation_rate.as_ref().unwrap().rate, 0.05);
    assert_eq!(report.period, Some(Period::new(day(2026, 7, 10), day(2026, 9, 7))));
}
