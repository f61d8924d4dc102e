//! Helpers shared by the ingestion tests, included with `#[path]` (a folder, so cargo does not build it as a test of its own).

#![allow(dead_code)]

use chrono::NaiveDate;
use opsbrief_domain::dataset::{AdsReport, BusinessByDate, BusinessByItem, InventorySnapshot, LoadedReport, ReportData, ReturnsSummary};
use opsbrief_domain::report::{Ingest, read_report};

/// The bytes of a fixture in `tests/fixtures`.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Reads a fixture whole, panicking with the error's message if it fails.
pub fn load(name: &str) -> LoadedReport {
    load_as(name, name)
}

/// Reads a fixture under another file name (the name can carry the period).
pub fn load_as(fixture_name: &str, file_name: &str) -> LoadedReport {
    let bytes = fixture(fixture_name);
    let report = read_report(file_name, &bytes).unwrap_or_else(|e| panic!("{e}"));
    // Every fixture must read the same when pushed in small, odd chunks.
    for size in [1, 7, 64] {
        let chunked = read_chunked(file_name, &bytes, size).unwrap_or_else(|e| panic!("chunks of {size}: {e}"));
        assert_eq!(chunked, report, "{fixture_name} read in chunks of {size}");
    }
    report
}

/// Pushes bytes in chunks of `size`.
pub fn read_chunked(file_name: &str, bytes: &[u8], size: usize) -> Result<LoadedReport, opsbrief_domain::report::ImportError> {
    let mut ingest = Ingest::new(file_name);
    for chunk in bytes.chunks(size.max(1)) {
        ingest.push(chunk)?;
    }
    ingest.finish()
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn items(report: &LoadedReport) -> &BusinessByItem {
    match &report.data {
        ReportData::BusinessByItem(items) => items,
        other => panic!("expected items, got {other:?}"),
    }
}

pub fn days(report: &LoadedReport) -> &BusinessByDate {
    match &report.data {
        ReportData::BusinessByDate(days) => days,
        other => panic!("expected days, got {other:?}"),
    }
}

pub fn ads(report: &LoadedReport) -> &AdsReport {
    match &report.data {
        ReportData::Ads(ads) => ads,
        other => panic!("expected ads, got {other:?}"),
    }
}

pub fn inventory(report: &LoadedReport) -> &InventorySnapshot {
    match &report.data {
        ReportData::Inventory(inventory) => inventory,
        other => panic!("expected inventory, got {other:?}"),
    }
}

pub fn returns(report: &LoadedReport) -> &ReturnsSummary {
    match &report.data {
        ReportData::Returns(returns) => returns,
        other => panic!("expected returns, got {other:?}"),
    }
}

pub fn skipped_lines(report: &LoadedReport) -> Vec<u64> {
    report.skipped.iter().map(|s| s.line).collect()
}
