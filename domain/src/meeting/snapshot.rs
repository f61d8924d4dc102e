//! The values of the metrics a meeting showed, frozen when it closes.
//!
//! The snapshot is what lets next week's review answer "did the metric this action targeted move?"
//! without keeping the reports themselves: reports are large and stay on the seller's disk.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::action::MetricLink;
use crate::dataset::{Currency, Marketplace, Period};
use crate::metrics::{Brief, Settings};

/// Metric id -> value as shown, plus where the numbers came from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MetricSnapshot {
    /// The period the metrics cover.
    pub period: Option<Period>,
    pub marketplace: Option<Marketplace>,
    pub currency: Option<Currency>,
    /// Every metric shown, by its spec id (`sales.conversion`, `ads.acos.SP`, ...). `None` is a
    /// metric shown as missing, which is not the same as 0. Raw values: fractions as fractions.
    pub values: BTreeMap<String, Option<f64>>,
    /// The Brief as the meeting saw it, its tables cut to their first rows
    /// ([`Brief::for_record`]), so a past meeting's brief can be shown and printed as it was,
    /// with its tables and charts, after the reports are gone. Absent from meetings closed
    /// before it was kept and from meetings held without reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brief: Option<Box<Brief>>,
    /// The settings the Brief was judged with (thresholds, targets, shop name), kept with it so
    /// the past brief reads the same after the settings change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Box<Settings>>,
}

impl MetricSnapshot {
    /// The snapshot of a Brief: every figure's value, and the Brief itself with its tables cut
    /// to [`MetricSnapshot::RECORD_ROWS`] rows, with the settings it was computed with.
    pub fn of_brief(brief: &Brief, settings: &Settings) -> MetricSnapshot {
        MetricSnapshot {
            period: Some(brief.selection.period),
            marketplace: brief.selection.marketplace,
            currency: brief.selection.currency.clone(),
            values: brief.snapshot(),
            brief: Some(Box::new(brief.for_record(MetricSnapshot::RECORD_ROWS))),
            settings: Some(Box::new(settings.clone())),
        }
    }

    /// How many rows of each table a meeting record keeps: a printed brief shows the first
    /// rows, and localStorage holds a year of meetings in well under its quota.
    pub const RECORD_ROWS: usize = 25;

    /// The value of a metric: `None` if it was not shown, `Some(None)` if it was shown as missing.
    pub fn get(&self, id: &str) -> Option<Option<f64>> {
        self.values.get(id).copied()
    }

    /// The link an action keeps to the metric `id` it aims to move, with the value this snapshot
    /// shows for it as the baseline (`None` when the metric is missing or not shown), so that the
    /// follow-through later compares against what the team saw when it decided.
    pub fn link(&self, id: impl Into<String>) -> MetricLink {
        let id = id.into();
        MetricLink {
            value_at_creation: self.get(&id).flatten(),
            id,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_metric_survives_a_json_round_trip_as_missing() {
        let snapshot = MetricSnapshot {
            values: BTreeMap::from([
                ("ads.acos.SP".to_string(), Some(0.285)),
                ("sales.target".to_string(), None),
            ]),
            ..Default::default()
        };
        let back: MetricSnapshot =
            serde_json::from_str(&serde_json::to_string(&snapshot).unwrap()).unwrap();
        assert_eq!(back.get("sales.target"), Some(None));
        assert_eq!(back.get("ads.acos.SP"), Some(Some(0.285)));
        assert_eq!(back.get("nope"), None);
    }

    #[test]
    fn a_link_takes_the_shown_value_as_its_baseline() {
        let snapshot = MetricSnapshot {
            values: BTreeMap::from([
                ("ads.acos.SP".to_string(), Some(0.285)),
                ("sales.target".to_string(), None),
            ]),
            ..Default::default()
        };
        assert_eq!(snapshot.link("ads.acos.SP").value_at_creation, Some(0.285));
        assert_eq!(snapshot.link("sales.target").value_at_creation, None);
        let unknown = snapshot.link("health.odr");
        assert_eq!(
            (unknown.id.as_str(), unknown.value_at_creation),
            ("health.odr", None)
        );
    }
}
