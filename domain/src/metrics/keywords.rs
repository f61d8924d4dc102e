//! Keyword ranks for the ads topic: the Helium 10 Keyword Tracker and Cerebro rows of the
//! selection's marketplace, as one table sorted by search volume, with a flag on high-volume
//! keywords that rank organically beyond the first page of results.
//!
//! Keyword ranks are a snapshot (the latest observation per keyword and ASIN), so the table is
//! shown whatever period is selected, like stock.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::dataset::{KeywordRow, LoadedReport, Rank, ReportData};

/// The last organic position on the first page of search results (48 results on desktop).
pub const PAGE_ONE_LAST_RANK: u32 = 48;

/// Monthly searches from which a keyword counts as high-volume for the page-one flag.
pub const HIGH_VOLUME: i64 = 1_000;

/// The keyword table of the ads topic.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KeywordTable {
    /// Highest search volume first; keywords without a volume last.
    pub rows: Vec<KeywordTableRow>,
    /// The files the rows came from.
    pub sources: Vec<String>,
}

/// One keyword (and tracked ASIN) in the [`KeywordTable`]: the latest observation, and whether
/// it is flagged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeywordTableRow {
    pub observation: KeywordRow,
    /// A high-volume keyword ([`HIGH_VOLUME`] searches or more) whose organic rank is worse than
    /// page one ([`PAGE_ONE_LAST_RANK`]).
    pub beyond_page_one: bool,
    /// Why the row is flagged, in English with the numbers.
    pub reason: Option<String>,
}

/// Whether an organic rank is certainly worse than the first page. A missing rank is not
/// flagged: tools write `-` both for "not in the results looked at" and "not tracked that day".
pub fn is_beyond_page_one(rank: Option<Rank>) -> bool {
    match rank {
        Some(Rank::Exact(n)) => n > PAGE_ONE_LAST_RANK,
        Some(Rank::WorseThan(n)) => n >= PAGE_ONE_LAST_RANK,
        None => false,
    }
}

fn rank_text(rank: Rank) -> String {
    match rank {
        Rank::Exact(n) => format!("#{n}"),
        Rank::WorseThan(n) => format!("beyond #{n}"),
    }
}

/// The keyword table of the given reports (the selection's marketplace group), or `None` when
/// no keyword export is among them. Rows of several files are merged per keyword (case
/// insensitive) and ASIN: the latest observation wins, and a volume only one file gives is kept.
pub(crate) fn table(reports: &[&LoadedReport]) -> Option<KeywordTable> {
    let mut sources = Vec::new();
    let mut merged: BTreeMap<(String, Option<String>), KeywordRow> = BTreeMap::new();
    let mut order: Vec<(String, Option<String>)> = Vec::new();
    for report in reports {
        let ReportData::Keywords(ranks) = &report.data else { continue };
        sources.push(report.file_name.clone());
        for row in &ranks.rows {
            let key = (row.keyword.to_lowercase(), row.asin.clone());
            match merged.get_mut(&key) {
                Some(known) => {
                    if row.observed >= known.observed {
                        let volume = row.search_volume.or(known.search_volume);
                        *known = KeywordRow { search_volume: volume, ..row.clone() };
                    } else if known.search_volume.is_none() {
                        known.search_volume = row.search_volume;
                    }
                }
                None => {
                    order.push(key.clone());
                    merged.insert(key, row.clone());
                }
            }
        }
    }
    if sources.is_empty() {
        return None;
    }
    let mut rows: Vec<KeywordTableRow> = order
        .into_iter()
        .filter_map(|key| merged.remove(&key))
        .map(|row| {
            let high_volume = row.search_volume.is_some_and(|v| v >= HIGH_VOLUME);
            let beyond = high_volume && is_beyond_page_one(row.organic_rank);
            let reason = beyond
                .then(|| row.organic_rank.zip(row.search_volume))
                .flatten()
                .map(|(rank, volume)| format!("{volume} searches a month, organic rank {} (page one ends at #{PAGE_ONE_LAST_RANK})", rank_text(rank)));
            KeywordTableRow { observation: row, beyond_page_one: beyond, reason }
        })
        .collect();
    // Highest volume first; rows without a volume last; ties by keyword, then ASIN.
    rows.sort_by(|a, b| {
        let (a, b) = (&a.observation, &b.observation);
        b.search_volume
            .is_some()
            .cmp(&a.search_volume.is_some())
            .then(b.search_volume.cmp(&a.search_volume))
            .then_with(|| a.keyword.cmp(&b.keyword))
            .then_with(|| a.asin.cmp(&b.asin))
    });
    Some(KeywordTable { rows, sources })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use crate::dataset::KeywordRanks;
    use crate::report::ReportKind;

    fn report(name: &str, rows: Vec<KeywordRow>) -> LoadedReport {
        LoadedReport {
            file_name: name.into(),
            kind: ReportKind::Helium10KeywordTracker,
            marketplace: None,
            currency: None,
            period: None,
            rows_read: 0,
            rows_skipped: 0,
            skipped: vec![],
            fingerprint: 0,
            notes: vec![],
            data: ReportData::Keywords(KeywordRanks { rows }),
        }
    }

    fn row(keyword: &str, volume: Option<i64>, organic: Option<Rank>, day: u32) -> KeywordRow {
        KeywordRow {
            keyword: keyword.into(),
            asin: Some("B01".into()),
            search_volume: volume,
            organic_rank: organic,
            sponsored_rank: None,
            observed: NaiveDate::from_ymd_opt(2025, 10, day),
        }
    }

    #[test]
    fn rows_are_sorted_by_volume_and_high_volume_keywords_beyond_page_one_are_flagged() {
        let tracker = report(
            "tracker.csv",
            vec![
                row("low", Some(500), Some(Rank::Exact(120)), 29),
                row("big", Some(113_529), Some(Rank::WorseThan(306)), 29),
                row("ok", Some(24_870), Some(Rank::Exact(12)), 29),
                row("edge", Some(5_000), Some(Rank::Exact(48)), 29),
                row("unranked", Some(9_000), None, 29),
                row("no volume", None, Some(Rank::Exact(300)), 29),
            ],
        );
        let table = table(&[&tracker]).unwrap();
        let keywords: Vec<&str> = table.rows.iter().map(|r| r.observation.keyword.as_str()).collect();
        assert_eq!(keywords, vec!["big", "ok", "unranked", "edge", "low", "no volume"]);
        let flagged: Vec<&str> = table.rows.iter().filter(|r| r.beyond_page_one).map(|r| r.observation.keyword.as_str()).collect();
        assert_eq!(flagged, vec!["big"], "low volume, rank 48 and a missing rank are not flagged");
        assert!(table.rows[0].reason.as_deref().unwrap().contains("beyond #306"));
        assert_eq!(table.sources, vec!["tracker.csv"]);
    }

    #[test]
    fn files_merge_per_keyword_and_asin_and_the_latest_observation_wins() {
        let older = report("older.csv", vec![row("Steel Bottle", Some(1_200), Some(Rank::Exact(60)), 27)]);
        let newer = report("newer.csv", vec![row("steel bottle", None, Some(Rank::Exact(8)), 29)]);
        let table = table(&[&newer, &older]).unwrap();
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.rows[0].observation.organic_rank, Some(Rank::Exact(8)));
        assert_eq!(table.rows[0].observation.search_volume, Some(1_200), "the volume only the older file gives is kept");
        assert!(super::table(&[]).is_none());
    }
}
