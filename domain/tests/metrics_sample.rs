//! The bundled sample reports (`assets/sample/`) run through ingestion and the metrics, so the
//! values the end-to-end test of the Brief page asserts are first checked natively.

use std::path::Path;

use chrono::NaiveDate;
use opsbrief_domain::dataset::{LoadedReport, add_report};
use opsbrief_domain::metrics::{self, Brief, Settings};
use opsbrief_domain::report::read_report;

fn sample_reports() -> Vec<LoadedReport> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/sample");
    let index: Vec<String> =
        serde_json::from_slice(&std::fs::read(dir.join("index.json")).unwrap()).unwrap();
    let mut reports = Vec::new();
    for name in index {
        let bytes = std::fs::read(dir.join(&name)).unwrap();
        let report = read_report(&name, &bytes).unwrap();
        assert!(add_report(&mut reports, report));
    }
    reports
}

fn sample_brief(settings: &Settings) -> Brief {
    let reports = sample_reports();
    let selection = metrics::selections(&reports).into_iter().next().unwrap();
    metrics::compute(
        &reports,
        &selection,
        settings,
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
    )
}

/// Asserts a figure's raw value to 1e-9.
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

#[test]
fn the_sample_brief_has_the_values_the_page_test_asserts() {
    let brief = sample_brief(&Settings::default());
    // The newest selection is the US week 16-22 November, compared with 9-15 November.
    assert_eq!(brief.selection.period.from.to_string(), "2026-11-16");
    assert_eq!(
        brief.selection.previous_period.map(|p| p.from.to_string()),
        Some("2026-11-09".to_string())
    );
    // Business Report by child, 16-22 Nov, 8 ASINs: 7049.70 + 8283.40 + 4442.60 + 4273.92
    // + 1916.48 + 2567.50 + 527.76 + 0 = 29061.36; units 373+332+194+252+113+79+24+0 = 1367;
    // sessions 3175+2343+1965+3931+680+1058+453+264 = 13869.
    close(&brief, "sales.ordered_sales", 29061.36);
    close(&brief, "sales.units", 1367.0);
    close(&brief, "sales.sessions", 13869.0);
    close(&brief, "sales.conversion", 1367.0 / 13869.0);
    // Sponsored Products search terms, 20 rows: spend 653.19, 7-day sales 1047.36.
    close(&brief, "ads.spend", 653.19);
    close(&brief, "ads.acos", 653.19 / 1047.36);
    // FBA inventory: 612 + 95 + 165 + 1480 + 0 + 240 + 380 + 210 = 3182.
    close(&brief, "inventory.available", 3182.0);
    // Account health: 391 valid tracking of 405 shipments.
    close(&brief, "health.vtr", 391.0 / 405.0);
    // The by-date report covers both weeks: 14 days, 7 of them in this period.
    assert_eq!(brief.sales.daily.len(), 14);
    assert_eq!(brief.sales.daily.iter().filter(|d| d.current).count(), 7);
    // Four topics on the scorecard.
    assert_eq!(brief.topic_status(opsbrief_domain::report::Topic::Health), Some(metrics::Status::OnTrack));
}

#[test]
fn a_meeting_record_keeps_the_brief_with_its_first_rows_and_survives_storage() {
    use opsbrief_domain::meeting::MetricSnapshot;
    let settings = Settings { shop_name: "Acme".into(), ..Settings::default() };
    let brief = sample_brief(&settings);
    let snapshot = MetricSnapshot::of_brief(&brief, &settings);
    let frozen = snapshot.brief.as_deref().expect("the Brief is kept");
    // Totals and the scorecard are kept as they were.
    assert_eq!(frozen.value("sales.ordered_sales"), brief.value("sales.ordered_sales"));
    assert_eq!(frozen.scorecard, brief.scorecard);
    assert_eq!(frozen.sales.daily, brief.sales.daily);
    // Tables keep their first rows, in order.
    let rows = 2;
    let cut = brief.for_record(rows);
    assert_eq!(cut.sales.asins, brief.sales.asins[..rows.min(brief.sales.asins.len())].to_vec());
    assert!(cut.inventory.skus.len() <= rows);
    // A per-item figure survives only for the items still listed.
    let dropped = &brief.sales.asins[rows..];
    assert!(!dropped.is_empty(), "the sample has more than {rows} ASINs");
    let listed_elsewhere = |asin: &str| cut.health.returns.iter().any(|r| r.asin == asin);
    let mut checked = 0;
    for a in dropped.iter().filter(|a| !listed_elsewhere(&a.asin)) {
        assert!(cut.figure(&format!("sales.asin_share.{}", a.asin)).is_none(), "{}", a.asin);
        checked += 1;
    }
    assert!(checked > 0, "some dropped ASIN is listed nowhere else");
    for a in &cut.sales.asins {
        assert!(brief.figure(&format!("sales.asin_share.{}", a.asin)).is_none() || cut.figure(&format!("sales.asin_share.{}", a.asin)).is_some());
    }
    assert!(cut.figure("ads.acos.SP").is_some() || brief.figure("ads.acos.SP").is_none(), "per-ad-type figures are kept");
    // The record goes through storage as JSON and comes back equal, settings included.
    let json = serde_json::to_string(&snapshot).unwrap();
    let back: MetricSnapshot = serde_json::from_str(&json).unwrap();
    // (serde_json may move a float by one ulp on the way back, so values are compared loosely.)
    let back_brief = back.brief.as_ref().unwrap();
    let ids = |b: &Brief| b.sales.asins.iter().map(|a| a.asin.clone()).collect::<Vec<_>>();
    assert_eq!(ids(back_brief), ids(frozen));
    assert_eq!(back_brief.figures().count(), frozen.figures().count());
    assert!((back_brief.value("sales.ordered_sales").unwrap() - 29_061.36).abs() < 1e-9);
    assert_eq!(back.settings.unwrap().shop_name, "Acme");
    // A record written before Briefs were kept still loads, without one.
    let old: MetricSnapshot = serde_json::from_str(r#"{"period":null,"marketplace":"US","currency":"USD","values":{"ads.acos":0.3}}"#).unwrap();
    assert!(old.brief.is_none() && old.settings.is_none());
}
