//! Every report kind and layout the page understands, each read from a small hand-made fixture
//! that follows the reference notes, quirks included.

#[path = "ingest_support/mod.rs"]
mod common;

use common::*;
use opsbrief_domain::dataset::{AdType, AdsGrain, Cents, Marketplace, Period, ReportData, TargetingType};
use opsbrief_domain::report::ReportKind;

fn sessions(report: &opsbrief_domain::dataset::LoadedReport) -> i64 {
    items(report).items.iter().map(|i| i.sessions).sum()
}

#[test]
fn business_child_all_columns_reads_totals_despite_mobile_app_b2b_quirk() {
    let report = load("business_child_all_columns.csv");
    assert_eq!(report.kind, ReportKind::BusinessChild);
    let red = &items(&report).items[0];
    assert_eq!((red.sessions, red.sessions_b2b, red.page_views, red.page_views_b2b), (1_000, 5, 1_500, 8));
    assert_eq!((red.units, red.units_b2b, red.order_items), (80, 2, 78));
    assert_eq!((red.sales, red.sales_b2b), (Cents(160_000), Cents(4_000)));
    assert_eq!(sessions(&report), 1_020);
}

#[test]
fn business_child_pre_2022_layout() {
    let report = load("business_child_old.csv");
    assert_eq!(report.kind, ReportKind::BusinessChild);
    assert_eq!(sessions(&report), 3_000);
    let first = &items(&report).items[0];
    assert_eq!((first.page_views, first.units, first.units_b2b, first.sales, first.sales_b2b), (3_000, 120, 4, Cents(240_000), Cents(8_000)));
    assert!((first.buy_box_weighted - 0.975 * 2_345.0).abs() < 1e-9);
    assert!(first.sku.is_none());
}

#[test]
fn business_parent_layout_and_missing_buy_box() {
    let report = load("business_parent.csv");
    assert_eq!(report.kind, ReportKind::BusinessParent);
    let items = &items(&report).items;
    assert_eq!(items[0].parent_asin.as_deref(), Some("B0PARENT01"));
    assert_eq!(items[0].child_asin, None);
    assert_eq!(items[0].asin(), "B0PARENT01");
    assert_eq!(items[0].sessions, 1_020);
    assert_eq!(items[1].buy_box_sessions, 0, "`--` is missing, not 0 %");
    assert_eq!(items[1].sales, Cents(40_000));
}

#[test]
fn business_date_all_columns_us_month_first_with_refunds() {
    let report = load("business_date_us_all_columns.csv");
    assert_eq!(report.kind, ReportKind::BusinessDate);
    let days = &days(&report).days;
    assert_eq!(days.iter().map(|d| d.date).collect::<Vec<_>>(), vec![day(2026, 9, 1), day(2026, 9, 2), day(2026, 9, 13)]);
    let first = &days[0];
    assert_eq!((first.sales, first.units, first.sessions, first.page_views), (Cents(100_000), 100, Some(2_000), Some(3_000)));
    assert_eq!((first.units_refunded, first.feedback_received, first.negative_feedback, first.claims_granted), (Some(2), Some(3), Some(1), Some(0)));
    assert!((first.buy_box_weighted.unwrap() - 0.95 * 2_000.0).abs() < 1e-9);
    assert_eq!(days[1].claims_granted, Some(1));
    assert_eq!(report.period, Some(Period::new(day(2026, 9, 1), day(2026, 9, 13))));
    assert!(report.notes.iter().any(|n| n.contains("MM/DD")), "{:?}", report.notes);
}

#[test]
fn german_business_report_semicolons_decimal_commas_and_en_dashes() {
    let report = load("business_child_de.csv");
    assert_eq!(report.kind, ReportKind::BusinessChild);
    let items = &items(&report).items;
    assert_eq!(items[0].title.as_deref(), Some("Tasse \"Classic\""));
    assert_eq!((items[0].sessions, items[0].sessions_b2b, items[0].page_views), (1_514, 12, 2_000));
    assert_eq!((items[0].sales, items[0].sales_b2b), (Cents(199_955), Cents(2_500)));
    assert_eq!(sessions(&report), 1_600);
    assert_eq!(items.iter().map(|i| i.units).sum::<i64>(), 45);
    assert_eq!(report.currency.as_ref().map(|c| c.code()), Some("EUR"));
}

#[test]
fn japanese_business_report_with_full_width_yen() {
    let report = load("business_child_jp.csv");
    assert_eq!(report.kind, ReportKind::BusinessChild);
    let items = &items(&report).items;
    assert_eq!(items[0].child_asin.as_deref(), Some("B0JP1C"));
    assert_eq!(items[0].sales, Cents(490_786_000));
    assert_eq!(sessions(&report), 1_500);
    assert!((items[0].buy_box_weighted - 0.985 * 1_200.0).abs() < 1e-6);
    assert_eq!(report.currency.as_ref().map(|c| c.code()), Some("JPY"));
    assert_eq!(report.marketplace, Some(Marketplace::JP));
}

#[test]
fn chinese_business_report_ignores_the_conversion_named_session_share() {
    let report = load("business_child_zh.csv");
    assert_eq!(report.kind, ReportKind::BusinessChild);
    let items = &items(&report).items;
    assert_eq!((items[0].sessions, items[0].sessions_b2b, items[0].units, items[0].sales), (500, 7, 20, Cents(100_000)));
    assert_eq!(sessions(&report), 800);
    assert_eq!(items.iter().map(|i| i.page_views).sum::<i64>(), 1_333);
}

#[test]
fn sp_targeting_old_acos_case_country_before_ad_group() {
    let report = load("ads_sp_targeting_de.csv");
    assert_eq!(report.kind, ReportKind::SponsoredProductsTargeting);
    let ads = ads(&report);
    assert_eq!(ads.grain, Some(AdsGrain::Targeting));
    assert_eq!(ads.rows.len(), 3);
    let asin_target = &ads.rows[0];
    assert_eq!((asin_target.campaign.as_str(), asin_target.ad_group.as_str()), ("Cups Manual", "Competitors"));
    assert_eq!(asin_target.targeting, "asin=\"B0TARGET01\"");
    assert_eq!(asin_target.targeting_type, Some(TargetingType::Manual));
    assert_eq!(ads.rows[1].targeting_type, Some(TargetingType::Auto));
    assert_eq!(ads.rows.iter().map(|r| r.totals.impressions).sum::<i64>(), 2_200);
    assert_eq!(ads.rows.iter().map(|r| r.totals.spend).sum::<Cents>(), Cents(3_500));
    assert_eq!(ads.rows.iter().map(|r| r.totals.sales).sum::<Cents>(), Cents(12_500));
    assert_eq!(report.currency.as_ref().map(|c| c.code()), Some("EUR"));
    assert_eq!(report.marketplace, Some(Marketplace::DE));
}

#[test]
fn sp_advertised_product_keys_by_campaign_ad_group_and_asin() {
    let report = load("ads_sp_advertised_product.csv");
    assert_eq!(report.kind, ReportKind::SponsoredProductsAdvertisedProduct);
    let ads = ads(&report);
    assert_eq!(ads.grain, Some(AdsGrain::AdvertisedProduct));
    assert_eq!(ads.rows.len(), 2);
    assert!(ads.rows.iter().all(|r| r.asin == "B0CHILD001" && r.sku == "W-RED"));
    assert_eq!(ads.rows.iter().map(|r| r.totals.spend).sum::<Cents>(), Cents(900));
    assert_eq!(ads.rows.iter().map(|r| r.totals.orders).sum::<i64>(), 3);
}

#[test]
fn sp_campaign_report_takes_targeting_type_from_its_column() {
    let report = load("ads_sp_campaign.csv");
    assert_eq!(report.kind, ReportKind::SponsoredProductsCampaign);
    let ads = ads(&report);
    assert_eq!(ads.grain, Some(AdsGrain::Campaign));
    let auto = ads.rows.iter().find(|r| r.campaign == "W_Auto").unwrap();
    assert_eq!((auto.ad_type, auto.targeting_type), (Some(AdType::SP), Some(TargetingType::Auto)));
    assert_eq!((auto.totals.spend, auto.totals.sales, auto.totals.orders), (Cents(6_000), Cents(24_000), 6));
    let exact = ads.rows.iter().find(|r| r.campaign == "W_Exact").unwrap();
    assert_eq!(exact.targeting_type, Some(TargetingType::Manual));
    assert_eq!(report.period, Some(Period::new(day(2026, 9, 1), day(2026, 9, 7))));
}

#[test]
fn sb_campaign_daily_layout_has_daily_totals_and_14_day_window() {
    let report = load("ads_sb_campaign_daily.csv");
    assert_eq!(report.kind, ReportKind::SponsoredBrandsCampaign);
    let ads = ads(&report);
    assert_eq!(ads.attribution_days, Some(14));
    assert_eq!(ads.rows.len(), 2);
    let brand_a = ads.rows.iter().find(|r| r.campaign == "Brand A").unwrap();
    assert_eq!(brand_a.ad_type, Some(AdType::SB));
    assert_eq!((brand_a.totals.impressions, brand_a.totals.spend, brand_a.totals.sales, brand_a.totals.orders, brand_a.totals.units), (3_000, Cents(2_400), Cents(24_000), 6, 7));
    assert_eq!(ads.daily.len(), 2);
    let first_day = &ads.daily[&day(2026, 9, 1)];
    assert_eq!(first_day.len(), 1);
    assert_eq!(first_day[0].0, AdType::SB);
    assert_eq!((first_day[0].1.impressions, first_day[0].1.spend), (1_500, Cents(1_200)));
    assert_eq!(report.period, Some(Period::new(day(2026, 9, 1), day(2026, 9, 2))));
    assert!(report.notes.iter().any(|n| n.contains("vCPM")));
}

#[test]
fn sb_search_term_takes_its_period_from_a_tilde_file_name() {
    let report = load_as("ads_sb_search_term.csv", "sb_search_terms_2026-09-01~2026-09-07.csv");
    assert_eq!(report.kind, ReportKind::SponsoredBrandsSearchTerm);
    let ads = ads(&report);
    assert_eq!(ads.grain, Some(AdsGrain::SearchTerm));
    assert_eq!(ads.rows.len(), 2);
    assert!(ads.rows.iter().all(|r| r.ad_type == Some(AdType::SB)));
    assert_eq!(ads.rows[0].totals.sales, Cents(4_000));
    assert_eq!(report.period, Some(Period::new(day(2026, 9, 1), day(2026, 9, 7))));
}

#[test]
fn sd_campaign_daily_without_trailing_spaces() {
    let report = load("ads_sd_campaign_daily.csv");
    assert_eq!(report.kind, ReportKind::SponsoredDisplayCampaign);
    let ads = ads(&report);
    assert_eq!(ads.rows.len(), 1);
    let row = &ads.rows[0];
    assert_eq!(row.ad_type, Some(AdType::SD));
    assert_eq!((row.totals.impressions, row.totals.spend, row.totals.sales, row.totals.orders), (9_000, Cents(1_600), Cents(6_000), 3));
    assert_eq!(ads.daily.len(), 2);
    assert_eq!(report.currency.as_ref().map(|c| c.code()), Some("GBP"));
    assert_eq!(report.marketplace, Some(Marketplace::UK));
    assert_eq!(report.period, Some(Period::new(day(2026, 9, 3), day(2026, 9, 4))));
}

#[test]
fn new_console_csv_strips_excel_ids_and_reads_the_date_range() {
    let report = load("ads_console_advertised_product.csv");
    assert_eq!(report.kind, ReportKind::AdsConsoleAdvertisedProduct);
    let ads = ads(&report);
    assert_eq!(ads.grain, Some(AdsGrain::AdvertisedProduct));
    assert_eq!(ads.rows.len(), 2);
    let row = &ads.rows[0];
    assert_eq!(row.asin, "B0GWCDX3HY");
    assert_eq!(row.sku, "BSCGRFT-PLIER-1PC-ITEM030163-ORANGE");
    assert_eq!(row.ad_group, "B0GWCDX3HY_product");
    assert_eq!((row.totals.impressions, row.totals.clicks, row.totals.spend, row.totals.sales), (9_582, 100, Cents(10_861), Cents(18_090)));
    assert_eq!((row.totals.orders, row.totals.units), (11, 11));
    assert_eq!(report.period, Some(Period::new(day(2026, 7, 6), day(2026, 7, 29))));
    assert_eq!(report.currency.as_ref().map(|c| c.code()), Some("USD"));
    assert_eq!(report.marketplace, Some(Marketplace::US));
}

#[test]
fn campaign_manager_export_has_no_period_and_asks_for_it() {
    let report = load("ads_campaign_manager.csv");
    assert_eq!(report.kind, ReportKind::AdsCampaignManager);
    assert_eq!(report.period, None);
    assert!(report.notes.iter().any(|n| n.contains("enter the period")), "{:?}", report.notes);
    let ads = ads(&report);
    let one = ads.rows.iter().find(|r| r.campaign == "Camp One").unwrap();
    assert_eq!((one.ad_type, one.targeting_type), (Some(AdType::SP), Some(TargetingType::Auto)));
    assert_eq!((one.totals.spend, one.totals.sales, one.totals.orders, one.totals.clicks), (Cents(6_580), Cents(30_000), 3, 120));
    let two = ads.rows.iter().find(|r| r.campaign == "Camp Two").unwrap();
    assert_eq!((two.ad_type, two.targeting_type), (Some(AdType::SB), Some(TargetingType::Manual)));
    assert_eq!(report.currency.as_ref().map(|c| c.code()), Some("AED"));
    assert_eq!(report.marketplace, Some(Marketplace::AE));
}

#[test]
fn inventory_planning_as_tsv_reads_like_the_csv() {
    let csv = load("fba_inventory_planning.csv");
    let tsv = load("fba_inventory_planning.tsv");
    assert_eq!(tsv.kind, ReportKind::FbaInventoryPlanning);
    assert_eq!(tsv.data, csv.data);
    assert_eq!(tsv.period, csv.period);
}

#[test]
fn manage_inventory_windows_1252_flat_file() {
    let report = load("fba_manage_inventory_cp1252.txt");
    assert_eq!(report.kind, ReportKind::FbaManageInventory);
    let skus = &inventory(&report).skus;
    assert_eq!(skus.len(), 2);
    assert_eq!(skus[0].title.as_deref(), Some("NBEADS 10pcs Jewellery Jewelry Silk Pouches Gift Bag Bags, Mixed Color, 5.9\"x 4.7\""));
    assert_eq!((skus[0].available, skus[0].inbound, skus[0].reserved), (0, Some(15), Some(0)));
    assert_eq!(skus[1].title.as_deref(), Some("Café crème mug"));
    assert_eq!((skus[1].available, skus[1].inbound, skus[1].reserved, skus[1].unfulfillable), (25, Some(15), Some(3), Some(2)));
    assert!(report.notes.iter().any(|n| n.contains("Windows-1252")), "{:?}", report.notes);
    assert_eq!(report.period, None);
    assert!(report.notes.iter().any(|n| n.contains("taken as current")), "{:?}", report.notes);
}

#[test]
fn restock_report() {
    let report = load("fba_restock.csv");
    assert_eq!(report.kind, ReportKind::FbaRestock);
    let skus = &inventory(&report).skus;
    let plate = &skus[0];
    assert_eq!(plate.sku, "OD045085UK");
    assert_eq!((plate.available, plate.inbound, plate.reserved, plate.units_shipped_t30), (5, Some(10), Some(0), Some(18)));
    assert_eq!((plate.alert.as_deref(), plate.recommended_qty, plate.days_of_supply), (Some("reorder_now"), Some(18), Some(15.0)));
    assert_eq!(skus[1].alert.as_deref(), Some("out_of_stock"));
    assert_eq!(report.marketplace, Some(Marketplace::UK));
    assert_eq!(report.currency.as_ref().map(|c| c.code()), Some("GBP"));
}

#[test]
fn all_orders_mws_layout() {
    let report = load("orders_all_mws.txt");
    assert_eq!(report.kind, ReportKind::OrdersAll);
    let ReportData::Orders(orders) = &report.data else { panic!() };
    assert_eq!((orders.mfn_orders, orders.mfn_cancelled_by_seller, orders.afn_orders), (2, 1, 1));
    assert_eq!(orders.units_by_asin.get("B0CHILD001"), Some(&3));
    assert_eq!(orders.units_by_asin.get("B0CHILD002"), Some(&1));
    assert_eq!(orders.by_day.get(&day(2026, 9, 1)), Some(&(3, Cents(5_997))));
    assert_eq!(orders.by_day.get(&day(2026, 9, 2)), Some(&(1, Cents(1_999))));
    assert_eq!(report.marketplace, Some(Marketplace::US));
    assert!(report.notes.iter().any(|n| n.contains("is-buyer-requested-cancellation")));
}

#[test]
fn all_orders_sp_api_layout_excludes_buyer_cancellations() {
    let report = load("orders_all_spapi.txt");
    let ReportData::Orders(orders) = &report.data else { panic!() };
    assert_eq!((orders.mfn_orders, orders.mfn_cancelled_by_seller, orders.afn_orders), (3, 1, 1));
    assert_eq!(orders.units_by_asin.get("B0UK000001"), Some(&3));
    assert_eq!(report.marketplace, Some(Marketplace::UK));
    assert_eq!(report.currency.as_ref().map(|c| c.code()), Some("GBP"));
    assert_eq!(report.period, Some(Period::new(day(2026, 9, 3), day(2026, 9, 5))));
}

#[test]
fn mfn_returns_with_either_rma_spelling() {
    let report = load("returns_mfn.txt");
    assert_eq!(report.kind, ReportKind::ReturnsMfn);
    let by_asin = &returns(&report).by_asin;
    assert_eq!(by_asin.len(), 1);
    assert_eq!(by_asin[0].asin, "B0DFN2HN9N");
    assert_eq!(by_asin[0].sku.as_deref(), Some("PANEC-925SS-IT"));
    assert_eq!(by_asin[0].units, 3);
    assert_eq!(by_asin[0].reasons.get("CR-DEFECTIVE"), Some(&2));
    assert_eq!(report.period, Some(Period::new(day(2025, 7, 14), day(2025, 7, 16))));
    assert_eq!(report.currency.as_ref().map(|c| c.code()), Some("USD"));
    let other = load("returns_mfn_seller_rma.txt");
    assert_eq!(other.kind, ReportKind::ReturnsMfn);
    assert_eq!(returns(&other).by_asin[0].reasons.get("CR-UNWANTED_ITEM"), Some(&1));
}

#[test]
fn fba_shipments_units_per_sku() {
    let report = load("orders_fba_shipments.txt");
    assert_eq!(report.kind, ReportKind::OrdersFbaShipments);
    let ReportData::Shipments(shipments) = &report.data else { panic!() };
    assert_eq!(shipments.units_by_sku.get("W-RED"), Some(&3));
    assert_eq!(shipments.units_by_sku.get("W-BLUE"), Some(&5));
    assert_eq!(report.period, Some(Period::new(day(2026, 9, 2), day(2026, 9, 4))));
    assert_eq!(report.marketplace, Some(Marketplace::US));
}
