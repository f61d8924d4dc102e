//! The values of the metrics a meeting showed, frozen when it closes.
//!
//! The snapshot is what lets next week's review answer "did the metric this action targeted move?"
//! without keeping the reports themselves: reports are large and stay on the seller's disk.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

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
}
