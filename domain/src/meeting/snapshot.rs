//! The values of the metrics a meeting showed, frozen when it closes.
//!
//! The snapshot is what lets next week's review answer "did the metric this action targeted move?"
//! without keeping the reports themselves: reports are large and stay on the seller's disk.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::action::MetricLink;
use crate::dataset::{Currency, Marketplace, Period};

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
}

impl MetricSnapshot {
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
