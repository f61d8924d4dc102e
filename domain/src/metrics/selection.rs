//! Which reports a Brief is computed from: one marketplace and currency, one period, and the
//! previous period when it is loaded.
//!
//! Money is never added across currencies, so reports are grouped by (marketplace, currency)
//! first. A report that names no marketplace falls into the group of its currency when exactly one
//! group has it, and a report that names neither falls into the only group when there is one;
//! otherwise it is left out and the Brief says so. Reports of different periods are never mixed:
//! each distinct period of a group is its own [`Selection`].

use serde::{Deserialize, Serialize};

use crate::dataset::{Currency, LoadedReport, Marketplace, Period};
use crate::report::ReportKind;

/// What a Brief describes: a marketplace and currency, a period, and the period it is compared
/// with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selection {
    /// `None` when no loaded report names a marketplace.
    pub marketplace: Option<Marketplace>,
    /// `None` when no loaded report carries money (inventory alone, say).
    pub currency: Option<Currency>,
    /// This period.
    pub period: Period,
    /// The period compared with, when reports for it are loaded.
    pub previous_period: Option<Period>,
}

/// A (marketplace, currency) group of reports.
pub(crate) type Group = (Option<Marketplace>, Option<Currency>);

/// The currency a report's money is in: its own, else its marketplace's home currency.
pub(crate) fn effective_currency(report: &LoadedReport) -> Option<Currency> {
    report
        .currency
        .clone()
        .or_else(|| report.marketplace.map(Marketplace::currency))
}

/// Whether a report describes a moment (stock, account health, keyword ranks) rather than a
/// period of trade.
/// Snapshots do not define the periods a user picks from and are used whatever the period.
pub(crate) fn is_snapshot(kind: ReportKind) -> bool {
    matches!(
        kind,
        ReportKind::FbaInventoryPlanning
            | ReportKind::FbaManageInventory
            | ReportKind::FbaRestock
            | ReportKind::AccountHealth
            | ReportKind::JungleScoutInventory
            | ReportKind::LingxingListing
            | ReportKind::LingxingRestock
            | ReportKind::LingxingFbaShipments
            | ReportKind::Helium10KeywordTracker
            | ReportKind::Helium10Cerebro
    )
}

/// The (marketplace, currency) groups present, sorted.
pub(crate) fn groups(reports: &[LoadedReport]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for r in reports.iter().filter(|r| r.marketplace.is_some()) {
        let g = (r.marketplace, effective_currency(r));
        if !groups.contains(&g) {
            groups.push(g);
        }
    }
    for r in reports.iter().filter(|r| r.marketplace.is_none()) {
        if let Some(cur) = effective_currency(r)
            && !groups.iter().any(|(_, c)| c.as_ref() == Some(&cur))
        {
            groups.push((None, Some(cur)));
        }
    }
    if groups.is_empty() && !reports.is_empty() {
        groups.push((None, None));
    }
    groups.sort();
    groups
}

/// The group a report belongs to, or `None` when it cannot be told (see the module docs).
pub(crate) fn group_of(report: &LoadedReport, groups: &[Group]) -> Option<Group> {
    if report.marketplace.is_some() {
        let g = (report.marketplace, effective_currency(report));
        return groups.contains(&g).then_some(g);
    }
    match effective_currency(report) {
        Some(cur) => {
            let mut matching = groups.iter().filter(|(_, c)| c.as_ref() == Some(&cur));
            match (matching.next(), matching.next()) {
                (Some(g), None) => Some(g.clone()),
                _ => None,
            }
        }
        None => (groups.len() == 1).then(|| groups[0].clone()),
    }
}

/// The reports of the selection's group, whatever their period.
pub(crate) fn members<'a>(
    reports: &'a [LoadedReport],
    selection: &Selection,
) -> Vec<&'a LoadedReport> {
    let all = groups(reports);
    let wanted: Group = (selection.marketplace, selection.currency.clone());
    reports
        .iter()
        .filter(|r| group_of(r, &all).as_ref() == Some(&wanted))
        .collect()
}

/// The periods of the selection's group that loaded reports of trade cover, other than the
/// selection's period and the period it is compared with, in order. A sellerboard 30-day window
/// loaded beside this week's Business Report is one: the page says the files cover different
/// periods and lets the user pick.
pub(crate) fn other_periods(reports: &[LoadedReport], selection: &Selection) -> Vec<Period> {
    let mut periods: Vec<Period> = members(reports, selection)
        .into_iter()
        .filter(|r| !is_snapshot(r.kind))
        .filter_map(|r| r.period)
        .filter(|p| *p != selection.period && Some(*p) != selection.previous_period)
        .collect();
    periods.sort();
    periods.dedup();
    periods
}

/// The reports that belong to no group, so the page can say they were left out.
pub(crate) fn unassigned(reports: &[LoadedReport]) -> Vec<&LoadedReport> {
    let all = groups(reports);
    reports
        .iter()
        .filter(|r| r.kind != ReportKind::AccountHealth && group_of(r, &all).is_none())
        .collect()
}

/// Every (marketplace, currency, period) present, newest period first, each with the period it
/// is compared with: the latest period of the same group that ends before this one starts
/// (preferring one of the same length when two end on the same day).
pub fn selections(reports: &[LoadedReport]) -> Vec<Selection> {
    let all = groups(reports);
    let mut out = Vec::new();
    for g in &all {
        let in_group: Vec<&LoadedReport> = reports
            .iter()
            .filter(|r| group_of(r, &all).as_ref() == Some(g))
            .collect();
        let mut periods: Vec<Period> = in_group
            .iter()
            .filter(|r| !is_snapshot(r.kind))
            .filter_map(|r| r.period)
            .collect();
        if periods.is_empty() {
            // Only stock was loaded: its snapshot day still lets the user open the inventory topic.
            periods = in_group
                .iter()
                .filter(|r| r.kind != ReportKind::AccountHealth)
                .filter_map(|r| r.period)
                .collect();
        }
        periods.sort();
        periods.dedup();
        for p in &periods {
            let previous = periods
                .iter()
                .filter(|q| q.to < p.from)
                .max_by_key(|q| (q.to, q.days() == p.days(), q.from))
                .copied();
            out.push(Selection {
                marketplace: g.0,
                currency: g.1.clone(),
                period: *p,
                previous_period: previous,
            });
        }
    }
    out.sort_by(|a, b| {
        (b.period.to, b.period.from)
            .cmp(&(a.period.to, a.period.from))
            .then_with(|| a.marketplace.cmp(&b.marketplace))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{BusinessByItem, InventorySnapshot, ReportData};
    use chrono::NaiveDate;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn report(
        name: &str,
        kind: ReportKind,
        mkt: Option<Marketplace>,
        cur: Option<&str>,
        period: Option<Period>,
    ) -> LoadedReport {
        LoadedReport {
            file_name: name.into(),
            kind,
            marketplace: mkt,
            currency: cur.and_then(Currency::from_code),
            period,
            rows_read: 0,
            rows_skipped: 0,
            skipped: vec![],
            fingerprint: 0,
            notes: vec![],
            data: if is_snapshot(kind) {
                ReportData::Inventory(InventorySnapshot::default())
            } else {
                ReportData::BusinessByItem(BusinessByItem::default())
            },
        }
    }

    #[test]
    fn groups_by_marketplace_and_currency_newest_period_first_with_previous() {
        let w1 = Period::new(d(9, 1), d(9, 7));
        let w0 = Period::new(d(8, 25), d(8, 31));
        let reports = vec![
            report(
                "us-w1",
                ReportKind::BusinessChild,
                Some(Marketplace::US),
                Some("USD"),
                Some(w1),
            ),
            report(
                "us-w0",
                ReportKind::BusinessChild,
                Some(Marketplace::US),
                None,
                Some(w0),
            ),
            report(
                "uk-w1",
                ReportKind::BusinessChild,
                Some(Marketplace::UK),
                Some("GBP"),
                Some(w1),
            ),
            report(
                "stock",
                ReportKind::FbaManageInventory,
                None,
                None,
                Some(Period::day(d(9, 8))),
            ),
        ];
        let s = selections(&reports);
        assert_eq!(s.len(), 3);
        assert_eq!(
            (s[0].marketplace, s[0].period, s[0].previous_period),
            (Some(Marketplace::US), w1, Some(w0))
        );
        assert_eq!(
            (s[1].marketplace, s[1].currency.as_ref().map(|c| c.code())),
            (Some(Marketplace::UK), Some("GBP"))
        );
        assert_eq!(s[1].previous_period, None);
        assert_eq!(s[2].period, w0);
        // The stock report names neither marketplace nor currency and there are two groups.
        assert_eq!(unassigned(&reports).len(), 1);
        assert_eq!(members(&reports, &s[0]).len(), 2);
    }

    #[test]
    fn a_report_without_marketplace_joins_the_group_of_its_currency_or_the_only_group() {
        let w1 = Period::new(d(9, 1), d(9, 7));
        let reports = vec![
            report(
                "us",
                ReportKind::BusinessChild,
                Some(Marketplace::US),
                Some("USD"),
                Some(w1),
            ),
            report(
                "ads",
                ReportKind::SponsoredProductsCampaign,
                None,
                Some("USD"),
                Some(w1),
            ),
            report("stock", ReportKind::FbaManageInventory, None, None, None),
        ];
        let s = selections(&reports);
        assert_eq!(s.len(), 1);
        assert_eq!(members(&reports, &s[0]).len(), 3);
    }

    #[test]
    fn stock_alone_still_gives_a_selection() {
        let reports = vec![report(
            "stock",
            ReportKind::FbaInventoryPlanning,
            Some(Marketplace::DE),
            None,
            Some(Period::day(d(9, 8))),
        )];
        let s = selections(&reports);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].currency.as_ref().map(|c| c.code()), Some("EUR"));
    }
}
