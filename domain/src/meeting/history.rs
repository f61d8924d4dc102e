//! History: closed meetings over time, metric trends from their snapshots, and the follow-through
//! of an action on the metric it aimed to move.
//!
//! Everything is read from the closed records, never recomputed from today's data, so a past week
//! shows what the team saw that week.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::action::Action;
use super::close::ClosedRecord;
use super::record::Meeting;
use crate::dataset::Cents;

/// The closed meetings, oldest first (by date, then by closing time).
pub fn closed_meetings(meetings: &[Meeting]) -> Vec<(&Meeting, &ClosedRecord)> {
    let mut closed: Vec<(&Meeting, &ClosedRecord)> = meetings
        .iter()
        .filter_map(|m| Some((m, m.closed()?)))
        .collect();
    closed.sort_by(|(a, ra), (b, rb)| {
        a.date()
            .cmp(&b.date())
            .then(ra.closed_at.cmp(&rb.closed_at))
    });
    closed
}

/// One metric over the closed meetings: one point per closed meeting, `None` where the meeting did
/// not show it or showed it as missing, so every series lines up with the same weeks.
pub fn metric_series(meetings: &[Meeting], metric_id: &str) -> Vec<(NaiveDate, Option<f64>)> {
    closed_meetings(meetings)
        .into_iter()
        .map(|(m, r)| (m.date(), r.snapshot.get(metric_id).flatten()))
        .collect()
}

/// Every metric any closed meeting showed, each as a [`metric_series`].
pub fn metric_trends(meetings: &[Meeting]) -> BTreeMap<String, Vec<(NaiveDate, Option<f64>)>> {
    let closed = closed_meetings(meetings);
    let ids: BTreeSet<&String> = closed
        .iter()
        .flat_map(|(_, r)| r.snapshot.values.keys())
        .collect();
    ids.into_iter()
        .map(|id| {
            let series = closed
                .iter()
                .map(|(m, r)| (m.date(), r.snapshot.get(id).flatten()))
                .collect();
            (id.clone(), series)
        })
        .collect()
}

/// `actions.completion_rate` as it stood at each closed meeting.
pub fn completion_rate_series(meetings: &[Meeting]) -> Vec<(NaiveDate, Option<f64>)> {
    closed_meetings(meetings)
        .into_iter()
        .map(|(m, r)| (m.date(), r.action_stats.completion_rate))
        .collect()
}

/// The rating of each closed meeting.
pub fn rating_series(meetings: &[Meeting]) -> Vec<(NaiveDate, Option<u8>)> {
    closed_meetings(meetings)
        .into_iter()
        .map(|(m, _)| (m.date(), m.rating()))
        .collect()
}

/// The recorded cost of each closed meeting.
pub fn cost_series(meetings: &[Meeting]) -> Vec<(NaiveDate, Cents)> {
    closed_meetings(meetings)
        .into_iter()
        .map(|(m, r)| (m.date(), r.cost))
        .collect()
}

/// How the metric an action targets moved after the action was raised.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FollowThrough {
    pub metric_id: String,
    /// The value when the action was created.
    pub baseline: Option<f64>,
    pub created_on: NaiveDate,
    /// The value in each meeting closed after the action was created (its own meeting excluded),
    /// oldest first.
    pub readings: Vec<(NaiveDate, Option<f64>)>,
}

impl FollowThrough {
    /// The latest reading minus the baseline, when both are known.
    pub fn change(&self) -> Option<f64> {
        let latest = self.readings.iter().rev().find_map(|(_, v)| *v)?;
        Some(latest - self.baseline?)
    }
}

/// The follow-through of an action tied to a metric; `None` when it names no metric.
pub fn follow_through(action: &Action, meetings: &[Meeting]) -> Option<FollowThrough> {
    let link = action.fields().metric.as_ref()?;
    let readings = closed_meetings(meetings)
        .into_iter()
        .filter(|(m, r)| Some(m.id()) != action.meeting() && r.closed_at > action.created_at())
        .map(|(m, r)| (m.date(), r.snapshot.get(&link.id).flatten()))
        .collect();
    Some(FollowThrough {
        metric_id: link.id.clone(),
        baseline: link.value_at_creation,
        created_on: action.created_at().date(),
        readings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn change_uses_the_latest_known_reading() {
        let d = |n| NaiveDate::from_ymd_opt(2026, 9, n).unwrap();
        let f = FollowThrough {
            metric_id: "ads.acos.SP".into(),
            baseline: Some(0.35),
            created_on: d(1),
            readings: vec![(d(8), Some(0.30)), (d(15), None)],
        };
        assert!((f.change().unwrap() + 0.05).abs() < 1e-12);
    }
}
