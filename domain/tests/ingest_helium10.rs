//! Helium 10 keyword exports: Keyword Tracker in its long and wide shapes and Cerebro with dated
//! headers, read into keyword ranks, and their table in the ads topic of a Brief.

#[path = "ingest_support/mod.rs"]
mod common;

use common::*;
use opsbrief_domain::dataset::{KeywordRanks, KeywordRow, LoadedReport, Marketplace, Period, Rank, ReportData};
use opsbrief_domain::metrics::{Settings, compute, selections};
use opsbrief_domain::report::{ReportKind, ReportSource};

fn keywords(report: &LoadedReport) -> &KeywordRanks {
    match &report.data {
        ReportData::Keywords(k) => k,
        other => panic!("expected keywords, got {other:?}"),
    }
}

fn find<'a>(ranks: &'a KeywordRanks, keyword: &str, asin: Option<&str>) -> &'a KeywordRow {
    ranks
        .rows
        .iter()
        .find(|r| r.keyword == keyword && r.asin.as_deref() == asin)
        .unwrap_or_else(|| panic!("{keyword} {asin:?} not in {:?}", ranks.rows))
}

#[test]
fn keyword_tracker_long_keeps_the_latest_observation_per_keyword_and_asin() {
    let report = load("helium10_keyword_tracker_long.csv");
    assert_eq!(report.kind, ReportKind::Helium10KeywordTracker);
    assert_eq!(report.kind.source(), ReportSource::Helium10);
    assert_eq!(report.marketplace, Some(Marketplace::IN));
    assert_eq!(skipped_lines(&report), vec![7], "`top ten` is not a rank");
    let ranks = keywords(&report);
    assert_eq!(ranks.rows.len(), 3);
    let steel = find(ranks, "steel water bottle", Some("B0H10AAAA1"));
    // The 29 October row wins over the 28 October one below it; Indian grouping reads whole.
    assert_eq!(steel.search_volume, Some(113_529));
    assert_eq!((steel.organic_rank, steel.sponsored_rank), (Some(Rank::WorseThan(306)), None));
    assert_eq!(steel.observed, Some(day(2025, 10, 29)));
    // Of two rows of the same day, the later time wins (03:00 over 01:00).
    let insulated = find(ranks, "insulated bottle 1 litre", Some("B0H10AAAA1"));
    assert_eq!((insulated.search_volume, insulated.organic_rank, insulated.sponsored_rank), (Some(24_870), Some(Rank::Exact(12)), None));
    let kids = find(ranks, "steel water bottle", Some("B0H10AAAA2"));
    assert_eq!(kids.organic_rank, None, "`-` is not ranked");
    assert_eq!(report.period, Some(Period::new(day(2025, 10, 28), day(2025, 10, 29))));
}

#[test]
fn keyword_tracker_wide_reads_the_latest_dated_column_with_a_cell() {
    let report = load("helium10_keyword_tracker_wide.csv");
    assert_eq!(report.kind, ReportKind::Helium10KeywordTracker);
    let ranks = keywords(&report);
    assert_eq!(ranks.rows.len(), 3);
    let steel = find(ranks, "steel water bottle", Some("B0H10AAAA1"));
    // 29 October is blank (not tracked that day): 28 October's 51 is the latest observation.
    assert_eq!((steel.organic_rank, steel.observed, steel.search_volume), (Some(Rank::Exact(51)), Some(day(2025, 10, 28)), Some(113_529)));
    let insulated = find(ranks, "insulated bottle 1 litre", Some("B0H10AAAA1"));
    assert_eq!((insulated.organic_rank, insulated.observed), (None, Some(day(2025, 10, 29))), "`-` on the latest day: not ranked");
    let glass = find(ranks, "glass bottle", Some("B0H10AAAA1"));
    assert_eq!((glass.organic_rank, glass.observed), (None, None));
}

#[test]
fn cerebro_with_dated_headers_and_worse_than_ranks() {
    let report = load("helium10_cerebro.csv");
    assert_eq!(report.kind, ReportKind::Helium10Cerebro);
    let ranks = keywords(&report);
    assert_eq!(ranks.rows.len(), 3);
    let steel = find(ranks, "steel water bottle", None);
    assert_eq!((steel.search_volume, steel.organic_rank), (Some(113_529), Some(Rank::WorseThan(306))));
    assert_eq!(steel.observed, Some(day(2025, 1, 8)), "the day of `Search Volume (2025-01-08)`");
    assert_eq!(find(ranks, "insulated bottle", None).organic_rank, Some(Rank::Exact(7)));
    let bottle = find(ranks, "bottle", None);
    assert_eq!((bottle.search_volume, bottle.organic_rank), (Some(210_004), None));
    assert_eq!(report.period, Some(Period::day(day(2025, 1, 8))));
}

#[test]
fn keywords_are_a_snapshot_and_show_in_the_ads_topic() {
    let ads = load_as("ads_sp_search_term_us.csv", "ads_sp_search_term_us.csv");
    let mut tracker = load("helium10_keyword_tracker_long.csv");
    // Put the tracker in the ads report's marketplace, as a user's US tracker would be.
    tracker.marketplace = ads.marketplace;
    tracker.currency = ads.currency.clone();
    let reports = vec![ads.clone(), tracker];
    let all = selections(&reports);
    // The tracker's observation days do not become a period of their own.
    assert!(all.iter().all(|s| Some(s.period) == ads.period), "{all:?}");
    let brief = compute(&reports, &all[0], &Settings::default(), day(2026, 9, 10));
    let table = brief.ads.keywords.as_ref().expect("a keyword table");
    assert_eq!(table.sources, vec!["helium10_keyword_tracker_long.csv"]);
    assert_eq!(table.rows[0].observation.search_volume, Some(113_529));
    assert!(table.rows[0].beyond_page_one, "113,529 searches and beyond #306");
    assert!(!table.rows.iter().any(|r| r.observation.keyword == "insulated bottle 1 litre" && r.beyond_page_one));
    assert!(brief.reports.iter().any(|r| r.kind == ReportKind::Helium10KeywordTracker && r.used));
}
