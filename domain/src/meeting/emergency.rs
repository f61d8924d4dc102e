//! The emergency meeting template, for a sudden problem such as a ranking drop.
//!
//! The article: hold a short meeting within 24 hours; first confirm the problem is real (a hijacker
//! on the listing, the ASIN suppressed or blocked, reviews removed), then review the operation log
//! of the last two weeks, rule out a mistake of our own, and only then appeal or fix.

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::dataset::Period;

/// One of the four steps, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmergencyStepKind {
    /// Step 1: confirm the problem is real.
    ConfirmReal,
    /// Step 2: review the last 14 days of the operation log.
    ReviewOpLog,
    /// Step 3: rule out our own mistake.
    RuleOutOwnMistake,
    /// Step 4: appeal or fix.
    AppealOrFix,
}

impl EmergencyStepKind {
    /// The steps in the order they are worked.
    pub const ALL: [EmergencyStepKind; 4] = [
        EmergencyStepKind::ConfirmReal,
        EmergencyStepKind::ReviewOpLog,
        EmergencyStepKind::RuleOutOwnMistake,
        EmergencyStepKind::AppealOrFix,
    ];
}

/// The three checks of step 1. `None` means not checked yet; `Some(true)` means found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmChecks {
    pub hijacker: Option<bool>,
    pub suppressed_or_blocked: Option<bool>,
    pub reviews_removed: Option<bool>,
}

impl ConfirmChecks {
    /// Whether all three were checked.
    pub fn all_checked(&self) -> bool {
        self.hijacker.is_some()
            && self.suppressed_or_blocked.is_some()
            && self.reviews_removed.is_some()
    }

    /// Whether any check found something.
    pub fn any_found(&self) -> bool {
        [
            self.hijacker,
            self.suppressed_or_blocked,
            self.reviews_removed,
        ]
        .contains(&Some(true))
    }
}

/// One step with its notes and when it was marked done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmergencyStep {
    pub kind: EmergencyStepKind,
    pub notes: String,
    pub done_at: Option<NaiveDateTime>,
}

impl EmergencyStep {
    /// Whether the step is marked done.
    pub fn is_done(&self) -> bool {
        self.done_at.is_some()
    }
}

/// What set off the emergency and the progress of its four steps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmergencyPlan {
    /// What was seen, e.g. "BSR of B0XXXXXXX fell from 1,200 to 9,800 overnight".
    pub trigger: String,
    /// The ASIN concerned, when there is one.
    pub asin: Option<String>,
    /// When the problem was noticed; the 24-hour deadline and the log window count from here.
    pub detected_at: NaiveDateTime,
    pub checks: ConfirmChecks,
    steps: Vec<EmergencyStep>,
}

impl EmergencyPlan {
    /// How soon the meeting must be held after the problem is noticed.
    pub const HOLD_WITHIN_HOURS: i64 = 24;
    /// How many days of the operation log step 2 reviews.
    pub const OPLOG_LOOKBACK_DAYS: i64 = 14;

    /// A new plan with the four steps open.
    pub fn new(
        trigger: impl Into<String>,
        asin: Option<String>,
        detected_at: NaiveDateTime,
    ) -> EmergencyPlan {
        let steps = EmergencyStepKind::ALL
            .into_iter()
            .map(|kind| EmergencyStep {
                kind,
                notes: String::new(),
                done_at: None,
            })
            .collect();
        EmergencyPlan {
            trigger: trigger.into(),
            asin,
            detected_at,
            checks: ConfirmChecks::default(),
            steps,
        }
    }

    /// The four steps in order.
    pub fn steps(&self) -> &[EmergencyStep] {
        &self.steps
    }

    /// One step.
    pub fn step(&self, kind: EmergencyStepKind) -> Option<&EmergencyStep> {
        self.steps.iter().find(|s| s.kind == kind)
    }

    /// The latest the meeting should start.
    pub fn deadline(&self) -> NaiveDateTime {
        self.detected_at + Duration::hours(EmergencyPlan::HOLD_WITHIN_HOURS)
    }

    /// Whether a meeting starting at `start` is within the 24 hours.
    pub fn held_in_time(&self, start: NaiveDateTime) -> bool {
        start <= self.deadline()
    }

    /// The days of the operation log step 2 reviews: the 14 days before the day the problem was
    /// noticed, and that day itself (a change made that morning is a prime suspect).
    pub fn oplog_window(&self) -> Period {
        let day = self.detected_at.date();
        Period::new(
            day - Duration::days(EmergencyPlan::OPLOG_LOOKBACK_DAYS),
            day,
        )
    }

    /// Sets a step's notes.
    pub fn set_notes(&mut self, kind: EmergencyStepKind, notes: impl Into<String>) {
        if let Some(step) = self.steps.iter_mut().find(|s| s.kind == kind) {
            step.notes = notes.into();
        }
    }

    /// Marks a step done at `now`, or not done when `done` is false.
    pub fn set_done(&mut self, kind: EmergencyStepKind, done: bool, now: NaiveDateTime) {
        if let Some(step) = self.steps.iter_mut().find(|s| s.kind == kind) {
            step.done_at = done.then_some(now);
        }
    }

    /// The steps not yet done, in order.
    pub fn open_steps(&self) -> Vec<EmergencyStepKind> {
        self.steps
            .iter()
            .filter(|s| !s.is_done())
            .map(|s| s.kind)
            .collect()
    }

    /// Rebuilds the step list from storage, keeping one entry per step in the template's order, so a
    /// hand-edited or partial record still has exactly the four steps.
    pub(crate) fn normalise(&mut self) {
        let steps = EmergencyStepKind::ALL
            .into_iter()
            .map(|kind| {
                self.steps
                    .iter()
                    .find(|s| s.kind == kind)
                    .cloned()
                    .unwrap_or(EmergencyStep {
                        kind,
                        notes: String::new(),
                        done_at: None,
                    })
            })
            .collect();
        self.steps = steps;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 9, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn the_plan_has_four_steps_a_deadline_and_a_log_window() {
        let mut plan = EmergencyPlan::new("ranking drop", Some("B0TEST0001".into()), at(10, 9));
        assert_eq!(plan.steps().len(), 4);
        assert_eq!(plan.deadline(), at(11, 9));
        assert!(plan.held_in_time(at(11, 9)));
        assert!(!plan.held_in_time(at(11, 10)));
        let window = plan.oplog_window();
        assert_eq!(
            (window.from, window.to),
            (
                NaiveDate::from_ymd_opt(2026, 8, 27).unwrap(),
                at(10, 0).date()
            )
        );
        plan.set_done(EmergencyStepKind::ConfirmReal, true, at(10, 11));
        assert_eq!(plan.open_steps().len(), 3);
        plan.checks.hijacker = Some(true);
        assert!(plan.checks.any_found() && !plan.checks.all_checked());
    }
}
