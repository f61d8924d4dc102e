//! Choosing one source when several loaded reports can give the same figures.
//!
//! A Business Report and a sellerboard dashboard of the same week both give the week's sales; an
//! Amazon Ads campaign report and sellerboard both give its ad spend. They never agree to the cent
//! (different attribution, refunds, time zones), and adding them would count the same money twice.
//! So for each [`FigureFamily`] exactly one report is used: the one the user picked in Settings
//! ([`Settings::preferred_sources`](super::Settings::preferred_sources), by file name), else the
//! first in the default order, Amazon's own reports first. When there was a choice to make, the
//! Brief lists it as a [`SourceConflict`] with what each candidate would have given, so the user
//! sees the difference and can switch.

use serde::{Deserialize, Serialize};

use super::Settings;
use crate::dataset::{LoadedReport, Measure, Period, ProductPerformance, ReportData};
use crate::report::ReportSource;

/// A group of figures that must come from one report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureFamily {
    /// `sales.ordered_sales`, units, sessions and the ASIN table.
    SalesTotals,
    /// `ads.spend`, `ads.sales` and the ratios built on them (ACoS, ROAS, TACoS).
    AdTotals,
}

impl FigureFamily {
    /// The stable id, used as the key of [`Settings::preferred_sources`](super::Settings::preferred_sources).
    pub fn id(self) -> &'static str {
        match self {
            FigureFamily::SalesTotals => "sales_totals",
            FigureFamily::AdTotals => "ad_totals",
        }
    }

    /// The headline figure the conflict's values are of.
    pub fn headline(self) -> &'static str {
        match self {
            FigureFamily::SalesTotals => "sales.ordered_sales",
            FigureFamily::AdTotals => "ads.spend",
        }
    }
}

/// Several loaded reports of the same selection could give one family of figures; one was used.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceConflict {
    pub family: FigureFamily,
    /// Each candidate's file name (Amazon's ads totals can take several files, joined by ` + `),
    /// in the default order of preference.
    pub candidates: Vec<String>,
    /// The candidate the figures came from.
    pub chosen: String,
    /// What each candidate gives for the family's headline figure ([`FigureFamily::headline`]),
    /// in currency units, in the order of `candidates`.
    pub values: Vec<(String, f64)>,
}

/// One report (or set of reports) that can give a family's figures.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    /// The files it is made of.
    pub files: Vec<String>,
    /// The tool the files come from, so the previous period can be taken from the same tool.
    pub source: ReportSource,
    /// Its headline figure.
    pub value: f64,
}

impl Candidate {
    pub fn label(&self) -> String {
        self.files.join(" + ")
    }
}

/// Picks one of `candidates`, which come in the default order (Amazon first). The user's
/// preference for the family wins when it names a file of one of them; else, when `same_source`
/// is given (choosing the previous period's source), the first candidate of that tool, so a
/// change compares like with like; else the first. Returns the index chosen and, when there was
/// more than one candidate, the conflict to show.
pub(crate) fn choose(
    family: FigureFamily,
    candidates: &[Candidate],
    settings: &Settings,
    same_source: Option<ReportSource>,
) -> Option<(usize, Option<SourceConflict>)> {
    if candidates.is_empty() {
        return None;
    }
    let preferred = settings.preferred_sources.get(family.id());
    let by_preference = preferred.and_then(|file| candidates.iter().position(|c| c.files.iter().any(|f| f == file)));
    let by_source = same_source.and_then(|s| candidates.iter().position(|c| c.source == s));
    let index = by_preference.or(by_source).unwrap_or(0);
    let conflict = (candidates.len() > 1).then(|| SourceConflict {
        family,
        candidates: candidates.iter().map(Candidate::label).collect(),
        chosen: candidates[index].label(),
        values: candidates.iter().map(|c| (c.label(), c.value)).collect(),
    });
    Some((index, conflict))
}

/// The other tools' product and day tables of `period` that carry every one of `needed`, in the
/// order they were loaded.
pub(crate) fn performance_reports<'a>(
    reports: &[&'a LoadedReport],
    period: Period,
    needed: &[Measure],
) -> Vec<(&'a LoadedReport, &'a ProductPerformance)> {
    reports
        .iter()
        .filter(|r| r.period == Some(period))
        .filter_map(|r| match &r.data {
            ReportData::Performance(p) if needed.iter().all(|m| p.measures.contains(m)) => Some((*r, p)),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(file: &str, source: ReportSource, value: f64) -> Candidate {
        Candidate { files: vec![file.into()], source, value }
    }

    #[test]
    fn amazon_first_unless_the_user_prefers_another_file() {
        let list = [candidate("br.csv", ReportSource::Amazon, 100.0), candidate("sb.csv", ReportSource::Sellerboard, 103.5)];
        let mut settings = Settings::default();
        let (i, conflict) = choose(FigureFamily::SalesTotals, &list, &settings, None).unwrap();
        assert_eq!(i, 0);
        let conflict = conflict.unwrap();
        assert_eq!(conflict.chosen, "br.csv");
        assert_eq!(conflict.values, vec![("br.csv".to_string(), 100.0), ("sb.csv".to_string(), 103.5)]);
        settings.preferred_sources.insert("sales_totals".into(), "sb.csv".into());
        assert_eq!(choose(FigureFamily::SalesTotals, &list, &settings, None).unwrap().0, 1);
        // A preference for a file that is not loaded falls back to the default order.
        settings.preferred_sources.insert("sales_totals".into(), "gone.csv".into());
        assert_eq!(choose(FigureFamily::SalesTotals, &list, &settings, Some(ReportSource::Sellerboard)).unwrap().0, 1);
        assert_eq!(choose(FigureFamily::SalesTotals, &list[..1], &settings, None).unwrap().1, None);
        assert!(choose(FigureFamily::AdTotals, &[], &settings, None).is_none());
    }
}
