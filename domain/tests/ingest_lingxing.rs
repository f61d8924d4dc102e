//! Lingxing (领星) exports: product performance (GBK CSV and .xlsx), ad reports, orders, Listing,
//! 补货建议 and FBA货件, each from a fixture with the traps these exports carry.

#[path = "ingest_support/mod.rs"]
mod common;

use common::*;
use opsbrief_domain::dataset::{AdType, AdsGrain, Cents, Marketplace, Measure, Period, ProductPerformance, ProfitBasis, ReportData, TargetingType};
use opsbrief_domain::report::{ReportKind, ReportSource};

fn performance(report: &opsbrief_domain::dataset::LoadedReport) -> &ProductPerformance {
    match &report.data {
        ReportData::Performance(p) => p,
        other => panic!("expected performance, got {other:?}"),
    }
}

#[test]
fn product_performance_gbk_csv_with_yuan_percent_ranks_and_a_total_row() {
    let report = load("lingxing_product_performance_gbk.csv");
    assert_eq!(report.kind, ReportKind::LingxingProductPerformance);
    assert_eq!(report.kind.source(), ReportSource::Lingxing);
    assert!(report.notes.iter().any(|n| n.contains("GB18030")), "{:?}", report.notes);
    // The 合计 row is skipped, with its line, so nothing is counted twice.
    assert_eq!((report.rows_read, report.rows_skipped), (5, 1));
    assert_eq!(skipped_lines(&report), vec![2]);
    // ￥ for a US shop is Lingxing's conversion to yuan, not yen.
    assert_eq!(report.marketplace, Some(Marketplace::US));
    assert_eq!(report.currency.as_ref().map(|c| c.code()), Some("CNY"));
    assert_eq!(report.period, Some(Period::new(day(2026, 9, 1), day(2026, 9, 2))));

    let p = performance(&report);
    assert_eq!(p.profit_basis, Some(ProfitBasis::Settlement), "settlement profit wins over order profit");
    assert!(report.notes.iter().any(|n| n.contains("结算毛利润")), "{:?}", report.notes);
    for m in [Measure::Sales, Measure::Units, Measure::Orders, Measure::Sessions, Measure::PageViews, Measure::AdSpend, Measure::AdSales] {
        assert!(p.measures.contains(&m), "{m:?}");
    }
    for m in [Measure::AdOrders, Measure::Impressions, Measure::Clicks, Measure::UnitsRefunded, Measure::Available, Measure::Inbound, Measure::Profit] {
        assert!(p.measures.contains(&m), "{m:?}");
    }
    let t = &p.totals;
    assert_eq!((t.sales, t.units, t.orders), (Cents(323_445), 27, 25));
    assert_eq!(t.profit, Cents(76_030), "settlement profit, negative cell included");
    assert_eq!((t.sessions, t.page_views, t.units_refunded), (600, 730, 2));
    assert_eq!((t.ad_spend, t.ad_sales, t.ad_orders, t.impressions, t.clicks), (Cents(34_550), Cents(130_000), 11, 23_500, 185));
    // Stock is the latest day's, not a sum over days.
    assert_eq!((t.available, t.inbound), (108 + 47, 25 + 12));

    assert_eq!(p.items.len(), 2);
    let red = &p.items[0];
    assert_eq!((red.asin.as_deref(), red.sku.as_deref(), red.title.as_deref()), (Some("B0LX000001"), Some("MSKU-RED"), Some("保温杯 红色")));
    assert_eq!((red.totals.sales, red.totals.units, red.totals.available, red.totals.inbound), (Cents(273_450), 22, 108, 25));
    assert_eq!(p.items[1].totals.profit, Cents(6_005));
    assert_eq!(p.days.len(), 2);
    assert_eq!(p.days[&day(2026, 9, 1)].sales, Cents(153_447));
    assert_eq!(p.days[&day(2026, 9, 2)].available, 155);
}

#[test]
fn product_performance_alone_gives_the_briefs_sales_and_ad_totals_in_yuan() {
    let reports = vec![load("lingxing_product_performance_gbk.csv")];
    let all = opsbrief_domain::metrics::selections(&reports);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].currency.as_ref().map(|c| c.code()), Some("CNY"));
    let brief = opsbrief_domain::metrics::compute(&reports, &all[0], &opsbrief_domain::metrics::Settings::default(), day(2026, 9, 10));
    let value = |id: &str| brief.value(id).unwrap_or_else(|| panic!("{id} missing"));
    assert!((value("sales.ordered_sales") - 3_234.45).abs() < 1e-9);
    assert!((value("ads.spend") - 345.50).abs() < 1e-9);
    assert!((value("ads.sales") - 1_300.00).abs() < 1e-9);
    assert!(brief.reports.iter().all(|r| r.used));
}

#[test]
fn product_performance_xlsx_takes_its_period_from_the_file_name_and_order_profit() {
    let report = load_as("lingxing_product_performance.xlsx", "产品表现_2026-09-01~2026-09-07.xlsx");
    assert_eq!(report.kind, ReportKind::LingxingProductPerformance);
    assert_eq!(report.marketplace, Some(Marketplace::DE));
    assert_eq!(report.currency.as_ref().map(|c| c.code()), Some("EUR"));
    assert_eq!(report.period, Some(Period::new(day(2026, 9, 1), day(2026, 9, 7))));
    assert_eq!(report.rows_skipped, 1, "the 合计 row");
    let p = performance(&report);
    assert_eq!(p.profit_basis, Some(ProfitBasis::Order));
    assert!(report.notes.iter().any(|n| n.contains("订单毛利润")), "{:?}", report.notes);
    assert!(!p.measures.contains(&Measure::Sessions), "a column the file lacks stays missing");
    let t = &p.totals;
    assert_eq!((t.sales, t.units, t.orders, t.profit), (Cents(119_923), 57, 51, Cents(24_565)));
    assert_eq!((t.ad_spend, t.ad_sales, t.available, t.inbound), (Cents(9_270), Cents(36_000), 230, 10));
    assert!(p.days.is_empty());
}

#[test]
fn ad_search_term_report_goes_through_the_ads_reader() {
    let report = load_as("lingxing_ads_search_term.csv", "用户搜索词_2026-09-01~2026-09-07.csv");
    assert_eq!(report.kind, ReportKind::LingxingAdsSearchTerm);
    assert_eq!(report.marketplace, Some(Marketplace::US));
    assert_eq!(report.currency.as_ref().map(|c| c.code()), Some("USD"));
    assert_eq!(report.period, Some(Period::new(day(2026, 9, 1), day(2026, 9, 7))));
    assert_eq!(report.rows_skipped, 1, "the 合计 row");
    let ads = ads(&report);
    assert_eq!(ads.grain, Some(AdsGrain::SearchTerm));
    assert_eq!(ads.rows.len(), 3, "the repeated auto row is aggregated");
    let sum = |f: fn(&opsbrief_domain::dataset::AdsRow) -> i64| ads.rows.iter().map(f).sum::<i64>();
    assert_eq!(sum(|r| r.totals.impressions), 4_300);
    assert_eq!(sum(|r| r.totals.clicks), 80);
    assert_eq!(sum(|r| r.totals.spend.0), 7_710);
    assert_eq!(sum(|r| r.totals.sales.0), 17_994);
    assert_eq!((sum(|r| r.totals.orders), sum(|r| r.totals.units)), (6, 7));
    let auto = &ads.rows[0];
    assert_eq!((auto.campaign.as_str(), auto.search_term.as_str(), auto.targeting.as_str()), ("杯子-自动", "insulated cup", "close-match"));
    assert_eq!((auto.ad_type, auto.targeting_type), (Some(AdType::SP), Some(TargetingType::Auto)));
    assert_eq!(ads.rows[2].ad_type, Some(AdType::SB));
}

#[test]
fn ad_targeting_and_campaign_reports_with_chinese_types_and_daily_rows() {
    let targeting = "店铺名称,国家,广告活动,广告组,关键词,匹配方式,投放类型,展示,点击,花费,广告订单量,广告销售额\n\
        英国店,英国,Bottles,Exact,steel bottle,精准,手动,900,30,£21.30,4,£79.96\n\
        英国店,英国,Bottles,Auto,close-match,-,自动,400,10,£6.50,1,£19.99\n";
    let report = opsbrief_domain::report::read_report("关键词报告.csv", targeting.as_bytes()).unwrap();
    assert_eq!(report.kind, ReportKind::LingxingAdsTargeting);
    assert_eq!((report.marketplace, report.currency.as_ref().map(|c| c.code())), (Some(Marketplace::UK), Some("GBP")));
    let rows = &ads(&report).rows;
    assert_eq!(ads(&report).grain, Some(AdsGrain::Targeting));
    assert_eq!(rows.iter().map(|r| r.targeting_type).collect::<Vec<_>>(), vec![Some(TargetingType::Manual), Some(TargetingType::Auto)]);
    assert_eq!(rows[0].match_type, "EXACT", "精准 is exact match");
    assert_eq!(rows.iter().map(|r| r.totals.spend).sum::<Cents>(), Cents(2_780));
    assert_eq!(rows.iter().map(|r| r.totals.sales).sum::<Cents>(), Cents(9_995));

    let campaign = "店铺名称,国家,日期,广告类型,广告活动,预算,展示,点击,花费,广告订单量,广告销售额\n\
        美国店,美国,2026-09-01,商品推广,Bottles,$20.00,\"1,000\",20,$15.00,2,$50.00\n\
        美国店,美国,2026-09-01,品牌推广,Brand,$10.00,500,5,$5.00,1,$30.00\n\
        美国店,美国,2026-09-02,商品推广,Bottles,$20.00,800,16,$12.00,1,$25.00\n";
    let report = opsbrief_domain::report::read_report("广告活动.csv", campaign.as_bytes()).unwrap();
    assert_eq!(report.kind, ReportKind::LingxingAdsCampaign);
    assert_eq!(report.period, Some(Period::new(day(2026, 9, 1), day(2026, 9, 2))));
    let campaigns = ads(&report);
    assert_eq!(campaigns.grain, Some(AdsGrain::Campaign));
    assert_eq!(campaigns.rows.iter().map(|r| (r.campaign.as_str(), r.ad_type, r.totals.spend)).collect::<Vec<_>>(), vec![
        ("Bottles", Some(AdType::SP), Cents(2_700)),
        ("Brand", Some(AdType::SB), Cents(500))
    ]);
    assert_eq!(campaigns.daily.len(), 2);
    assert!(!report.notes.iter().any(|n| n.contains("does not say the ad type")), "{:?}", report.notes);
}

#[test]
fn orders_export_counts_units_and_days_without_cancelled_lines() {
    let report = load("lingxing_orders.csv");
    assert_eq!(report.kind, ReportKind::LingxingOrders);
    assert_eq!(skipped_lines(&report), vec![7], "the row whose date is not a date");
    let ReportData::Orders(orders) = &report.data else { panic!("expected orders") };
    assert_eq!(orders.units_by_asin.get("B0LX000001"), Some(&5));
    assert_eq!(orders.units_by_asin.get("B0LX000002"), Some(&1));
    assert_eq!(orders.by_day.get(&day(2026, 9, 1)), Some(&(3, Cents(6_997))));
    assert_eq!(orders.by_day.get(&day(2026, 9, 3)), Some(&(3, Cents(107_497))));
    assert_eq!(orders.by_day.get(&day(2026, 9, 2)), None);
    assert_eq!((orders.afn_orders, orders.mfn_orders, orders.mfn_cancelled_by_seller), (2, 2, 1));
    assert_eq!(report.period, Some(Period::new(day(2026, 9, 1), day(2026, 9, 3))));
    assert_eq!(report.marketplace, Some(Marketplace::US));
}

#[test]
fn listing_is_stock_with_seven_and_thirty_day_sales() {
    let report = load("lingxing_listing.csv");
    assert_eq!(report.kind, ReportKind::LingxingListing);
    let skus = &inventory(&report).skus;
    assert_eq!(skus.len(), 2);
    assert_eq!((skus[0].sku.as_str(), skus[0].fnsku.as_deref(), skus[0].asin.as_deref()), ("MSKU-RED", Some("X00RED0001"), Some("B0LX000001")));
    assert_eq!((skus[0].available, skus[0].units_shipped_t7, skus[0].units_shipped_t30), (108, Some(21), Some(90)));
    assert_eq!(skus[1].units_shipped_t30, Some(1_020));
}

#[test]
fn restock_suggestions_skip_parent_and_region_summary_rows() {
    let report = load("lingxing_restock.csv");
    assert_eq!(report.kind, ReportKind::LingxingRestock);
    assert_eq!(skipped_lines(&report), vec![2, 5]);
    let skus = &inventory(&report).skus;
    assert_eq!(skus.iter().map(|s| (s.sku.as_str(), s.available, s.recommended_qty)).collect::<Vec<_>>(), vec![
        ("MSKU-RED", 108, Some(60)),
        ("MSKU-BLUE", 47, Some(20))
    ]);
    assert!(report.notes.iter().any(|n| n.contains("可用库存")), "{:?}", report.notes);
}

#[test]
fn fba_shipments_give_open_inbound_units_per_msku() {
    let report = load("lingxing_fba_shipments.csv");
    assert_eq!(report.kind, ReportKind::LingxingFbaShipments);
    let skus = &inventory(&report).skus;
    assert_eq!(skus.iter().map(|s| (s.sku.as_str(), s.inbound)).collect::<Vec<_>>(), vec![("MSKU-RED", Some(90)), ("MSKU-BLUE", Some(0))]);
}

#[test]
fn fba_shipments_workbook_is_read_from_its_details_sheet() {
    let report = load("lingxing_fba_shipments.xlsx");
    assert_eq!(report.kind, ReportKind::LingxingFbaShipments);
    assert_eq!(report, { let mut csv = load("lingxing_fba_shipments.csv"); csv.file_name = report.file_name.clone(); csv.fingerprint = report.fingerprint; csv });
}

/// Writes `lingxing_product_performance.xlsx` and `lingxing_fba_shipments.xlsx` again: `cargo test --test ingest_lingxing -- --ignored`.
///
/// A title row above the header, typed numbers beside money written as text with a symbol and
/// separators, a rank cell, and a 合计 row at the bottom, as Lingxing's .xlsx downloads have them.
#[test]
#[ignore]
fn write_the_xlsx_fixture() {
    use rust_xlsxwriter::Workbook;
    enum Cell {
        T(&'static str),
        N(f64),
    }
    use Cell::{N, T};
    let rows: Vec<Vec<Cell>> = vec![
        vec![T("产品表现 2026-09-01~2026-09-07")],
        vec![],
        ["ASIN", "MSKU", "店铺", "国家", "品名", "销量", "销售额", "订单量", "订单毛利润", "订单毛利率", "广告花费", "广告销售额", "FBA-可售", "FBA-入库中", "大类排名"]
            .into_iter()
            .map(T)
            .collect(),
        vec![T("B0LXDE0001"), T("DE-RED"), T("德国店"), T("德国"), T("Becher rot"), N(7.0), N(149.93), N(6.0), N(35.1), T("23.41%"), N(12.5), N(40.0), N(30.0), N(10.0), T("Küche:12,345")],
        vec![T("B0LXDE0002"), T("DE-BLUE"), T("德国店"), T("德国"), T("Becher blau"), N(50.0), T("€1,049.30"), N(45.0), N(210.55), T("20.07%"), N(80.2), N(320.0), N(200.0), N(0.0), T("Küche:2,345")],
        vec![T("合计"), T(""), T(""), T(""), T(""), N(57.0), N(1199.23), N(51.0), N(245.65), T("20.48%"), N(92.7), N(360.0), N(230.0), N(10.0), T("")],
    ];
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("产品表现").unwrap();
    for (r, cells) in rows.iter().enumerate() {
        for (c, cell) in cells.iter().enumerate() {
            match cell {
                T(text) => sheet.write_string(r as u32, c as u16, *text).map(|_| ()),
                N(number) => sheet.write_number(r as u32, c as u16, *number).map(|_| ()),
            }
            .unwrap();
        }
    }
    let bytes = workbook.save_to_buffer().unwrap();
    std::fs::write(format!("{}/tests/fixtures/lingxing_product_performance.xlsx", env!("CARGO_MANIFEST_DIR")), bytes).unwrap();

    // FBA货件: a summary sheet first, the shipment lines on `货件详情`.
    let mut workbook = Workbook::new();
    let summary = workbook.add_worksheet();
    summary.set_name("货件汇总").unwrap();
    for (r, line) in [["货件数", "3"], ["发货总量", "260"]].iter().enumerate() {
        for (c, text) in line.iter().enumerate() {
            summary.write_string(r as u32, c as u16, *text).unwrap();
        }
    }
    let details = workbook.add_worksheet();
    details.set_name("货件详情").unwrap();
    let lines = std::fs::read_to_string(format!("{}/tests/fixtures/lingxing_fba_shipments.csv", env!("CARGO_MANIFEST_DIR"))).unwrap();
    for (r, line) in lines.lines().enumerate() {
        for (c, cell) in line.trim_start_matches('\u{feff}').split(',').enumerate() {
            match cell.parse::<f64>() {
                Ok(number) => details.write_number(r as u32, c as u16, number).map(|_| ()),
                Err(_) => details.write_string(r as u32, c as u16, cell).map(|_| ()),
            }
            .unwrap();
        }
    }
    let bytes = workbook.save_to_buffer().unwrap();
    std::fs::write(format!("{}/tests/fixtures/lingxing_fba_shipments.xlsx", env!("CARGO_MANIFEST_DIR")), bytes).unwrap();
}
