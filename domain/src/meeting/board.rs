//! The actions board: every action with filters and sorting, and the three action metrics.
//!
//! The article recommends a task board "like Trello"; this is its model. The metrics are the spec's
//! `actions.completion_rate`, `actions.overdue` and `actions.carried`.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::action::{Action, ActionStatus};
use super::ids::PersonId;
use crate::report::Topic;

/// Which actions the board shows. Every `None`/`false` criterion lets everything through.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardFilter {
    pub status: Option<ActionStatus>,
    pub owner: Option<PersonId>,
    /// `Some(None)` selects the actions with no topic ("anything else").
    pub topic: Option<Option<Topic>>,
    /// Only actions overdue on the day the board is shown.
    pub overdue_only: bool,
}

impl BoardFilter {
    /// Whether the action passes the filter on `today`.
    pub fn matches(&self, action: &Action, today: NaiveDate) -> bool {
        self.status.is_none_or(|s| action.status() == s)
            && self
                .owner
                .as_ref()
                .is_none_or(|o| action.owner() == Some(o))
            && self.topic.is_none_or(|t| action.topic() == t)
            && (!self.overdue_only || action.is_overdue(today))
    }
}

/// The board's sort order. Each sorts ascending, missing values last, then by due date and id so
/// the order is stable.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoardSort {
    #[default]
    DueDate,
    Owner,
    Topic,
    Status,
}

/// Orders `Some` values before `None`, so undated or unowned actions sink to the bottom.
fn some_first<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The actions that pass `filter` on `today`, in `sort` order.
pub fn board<'a>(
    actions: &'a [Action],
    filter: &BoardFilter,
    sort: BoardSort,
    today: NaiveDate,
) -> Vec<&'a Action> {
    let mut shown: Vec<&Action> = actions
        .iter()
        .filter(|a| filter.matches(a, today))
        .collect();
    shown.sort_by(|a, b| {
        let primary = match sort {
            BoardSort::DueDate => Ordering::Equal,
            BoardSort::Owner => some_first(a.owner(), b.owner()),
            BoardSort::Topic => some_first(a.topic(), b.topic()),
            BoardSort::Status => a.status().cmp(&b.status()),
        };
        primary
            .then_with(|| some_first(a.due(), b.due()))
            .then_with(|| a.id().cmp(b.id()))
    });
    shown
}

/// The action metrics on one day.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActionStats {
    /// Actions with a due date on or before the day, dropped ones excluded.
    pub due: u32,
    /// Of those, done on or before their due date.
    pub done_on_time: u32,
    /// `actions.completion_rate` = done_on_time / due; `None` when nothing was due (not 0 and
    /// not 100 %: there is nothing to rate).
    pub completion_rate: Option<f64>,
    /// `actions.overdue`: open actions whose due date has passed.
    pub overdue: u32,
    /// `actions.carried`: open actions carried over at least once.
    pub carried: u32,
    /// Open or in progress.
    pub open: u32,
    pub done: u32,
    pub dropped: u32,
}

impl ActionStats {
    /// The metric ids this module defines.
    pub const COMPLETION_RATE: &'static str = "actions.completion_rate";
    pub const OVERDUE: &'static str = "actions.overdue";
    pub const CARRIED: &'static str = "actions.carried";

    /// Counts the actions on `today`.
    pub fn compute<'a>(
        actions: impl IntoIterator<Item = &'a Action>,
        today: NaiveDate,
    ) -> ActionStats {
        let mut stats = ActionStats::default();
        for action in actions {
            if action.is_due_by(today) {
                stats.due += 1;
                if action.done_on_time() == Some(true) {
                    stats.done_on_time += 1;
                }
            }
            if action.is_overdue(today) {
                stats.overdue += 1;
            }
            if action.is_open() && action.carried_count() > 0 {
                stats.carried += 1;
            }
            match action.status() {
                ActionStatus::Open | ActionStatus::InProgress => stats.open += 1,
                ActionStatus::Done => stats.done += 1,
                ActionStatus::Dropped => stats.dropped += 1,
            }
        }
        stats.completion_rate =
            (stats.due > 0).then(|| f64::from(stats.done_on_time) / f64::from(stats.due));
        stats
    }

    /// The three metrics by id, ready to be shown with `data-metric` or stored in a snapshot.
    pub fn metric_values(&self) -> BTreeMap<String, Option<f64>> {
        BTreeMap::from([
            (
                ActionStats::COMPLETION_RATE.to_string(),
                self.completion_rate,
            ),
            (
                ActionStats::OVERDUE.to_string(),
                Some(f64::from(self.overdue)),
            ),
            (
                ActionStats::CARRIED.to_string(),
                Some(f64::from(self.carried)),
            ),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::action::ActionFields;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 9, d).unwrap()
    }

    fn action(id: &str, owner: Option<&str>, due: Option<u32>, topic: Option<Topic>) -> Action {
        let fields = ActionFields {
            owner: owner.map(PersonId::from),
            due: due.map(day),
            topic,
            ..Default::default()
        };
        Action::new(
            id.into(),
            None,
            fields,
            day(1).and_hms_opt(9, 0, 0).unwrap(),
        )
    }

    #[test]
    fn sorting_puts_missing_values_last_and_is_stable() {
        let actions = vec![
            action("a", Some("zoe"), Some(9), Some(Topic::Ads)),
            action("b", None, Some(3), None),
            action("c", Some("amy"), None, Some(Topic::Sales)),
        ];
        let ids = |sort| {
            board(&actions, &BoardFilter::default(), sort, day(5))
                .iter()
                .map(|a| a.id().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(BoardSort::DueDate), ["b", "a", "c"]);
        assert_eq!(ids(BoardSort::Owner), ["c", "a", "b"]);
        assert_eq!(ids(BoardSort::Topic), ["c", "a", "b"]);
    }

    #[test]
    fn filters_combine() {
        let actions = vec![
            action("a", Some("zoe"), Some(3), Some(Topic::Ads)),
            action("b", Some("zoe"), Some(9), None),
        ];
        let filter = BoardFilter {
            owner: Some("zoe".into()),
            overdue_only: true,
            ..Default::default()
        };
        assert_eq!(
            board(&actions, &filter, BoardSort::DueDate, day(5)).len(),
            1
        );
        let filter = BoardFilter {
            topic: Some(None),
            ..Default::default()
        };
        assert_eq!(
            board(&actions, &filter, BoardSort::DueDate, day(5))[0]
                .id()
                .as_str(),
            "b"
        );
    }
}
