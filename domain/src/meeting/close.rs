//! Closing a meeting: the rules that must hold, and the immutable record it leaves.
//!
//! The article's two failure modes are "no clear conclusion" and "no follow-up on action items".
//! Closing therefore checks that every topic ended in a conclusion or an action, that every action
//! raised has its five steps, and that every earlier action was reviewed. A meeting that cannot meet
//! those rules can still be closed, but only with [`CloseMode::Forced`], and the record keeps the
//! problems it was closed with.

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::action::{Action, Step};
use super::agenda::AgendaItemKind;
use super::board::ActionStats;
use super::emergency::EmergencyStepKind;
use super::ids::ActionId;
use super::record::{Meeting, MeetingError, MeetingKind};
use super::roster::meeting_cost;
use super::snapshot::MetricSnapshot;
use crate::dataset::Cents;
use crate::report::Topic;

/// Something that keeps a meeting from closing normally.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "problem")]
pub enum CloseProblem {
    NoChair,
    NoRecorder,
    NoRating,
    /// The meeting clock never ran, so it has no duration and no cost.
    NeverStarted,
    /// A topic on the agenda has neither a conclusion nor an action.
    TopicWithoutOutcome {
        topic: Topic,
    },
    /// An action raised in this meeting lacks some of the five steps.
    IncompleteAction {
        action: ActionId,
        missing: Vec<Step>,
    },
    /// An earlier action listed in item (0) was not reviewed.
    UnreviewedAction {
        action: ActionId,
    },
    /// A step of the emergency template is not done.
    EmergencyStepOpen {
        step: EmergencyStepKind,
    },
}

/// How to close.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CloseMode {
    /// Close only if there is no problem.
    Normal,
    /// Close despite the problems, recording them; the user chose this explicitly.
    Forced,
}

/// What a closed meeting keeps. Never changed after closing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClosedRecord {
    pub closed_at: NaiveDateTime,
    /// Whether it was closed with [`CloseMode::Forced`].
    pub forced: bool,
    /// The problems it was closed with (empty unless forced).
    pub problems: Vec<CloseProblem>,
    /// From the start of the meeting clock to the close.
    pub duration_seconds: i64,
    /// `meeting.cost` = sum of the attendees' hourly rates x duration.
    pub cost: Cents,
    /// Every metric shown, frozen.
    pub snapshot: MetricSnapshot,
    /// The action metrics on the meeting's date, frozen for the history.
    pub action_stats: ActionStats,
}

impl Meeting {
    /// Everything that keeps the meeting from closing normally, given all stored actions.
    pub fn close_problems(&self, actions: &[Action]) -> Vec<CloseProblem> {
        let mut problems = Vec::new();
        if self.chair.is_none() {
            problems.push(CloseProblem::NoChair);
        }
        if self.recorder.is_none() {
            problems.push(CloseProblem::NoRecorder);
        }
        if self.started_at.is_none() {
            problems.push(CloseProblem::NeverStarted);
        }
        let raised_here: Vec<&Action> = actions
            .iter()
            .filter(|a| a.meeting() == Some(&self.id))
            .collect();
        for item in self.agenda.items() {
            if let AgendaItemKind::Topic(topic) = item.kind {
                let has_action = raised_here.iter().any(|a| a.topic() == Some(topic));
                if !item.has_conclusion() && !has_action {
                    problems.push(CloseProblem::TopicWithoutOutcome { topic });
                }
            }
        }
        for action in &raised_here {
            let missing = action.missing_steps();
            // A dropped draft is a decision not to pursue it, not a half-made action.
            if !missing.is_empty() && action.status() != super::action::ActionStatus::Dropped {
                problems.push(CloseProblem::IncompleteAction {
                    action: action.id().clone(),
                    missing,
                });
            }
        }
        for action in self.actions_to_review(actions) {
            if !self.reviews.iter().any(|r| &r.action == action.id()) {
                problems.push(CloseProblem::UnreviewedAction {
                    action: action.id().clone(),
                });
            }
        }
        if let MeetingKind::Emergency { plan } = &self.kind {
            problems.extend(
                plan.open_steps()
                    .into_iter()
                    .map(|step| CloseProblem::EmergencyStepOpen { step }),
            );
        }
        if self.rating.is_none() {
            problems.push(CloseProblem::NoRating);
        }
        problems
    }

    /// Closes the meeting at `now`, freezing `snapshot`, the duration, the cost and the action
    /// metrics. With [`CloseMode::Normal`] it refuses while [`Meeting::close_problems`] finds any and
    /// returns them in [`MeetingError::NotReady`]. A running agenda timer is stopped.
    pub fn close(
        &mut self,
        actions: &[Action],
        snapshot: MetricSnapshot,
        now: NaiveDateTime,
        mode: CloseMode,
    ) -> Result<&ClosedRecord, MeetingError> {
        self.ensure_open()?;
        let problems = self.close_problems(actions);
        if mode == CloseMode::Normal && !problems.is_empty() {
            return Err(MeetingError::NotReady(problems));
        }
        self.agenda.stop(now);
        let duration = self.started_at.map_or(Duration::zero(), |start| {
            (now - start).max(Duration::zero())
        });
        let record = ClosedRecord {
            closed_at: now,
            forced: mode == CloseMode::Forced,
            problems,
            duration_seconds: duration.num_seconds(),
            cost: meeting_cost(self.attendees.iter().map(|a| a.hourly_rate), duration),
            snapshot,
            action_stats: ActionStats::compute(actions, self.date),
        };
        self.touch(now);
        Ok(self.closed.insert(record))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn an_empty_meeting_lists_every_problem() {
        let now = NaiveDate::from_ymd_opt(2026, 9, 7)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let meeting = Meeting::weekly("m1".into(), now.date(), now);
        let problems = meeting.close_problems(&[]);
        assert_eq!(problems.len(), 4 + 4); // chair, recorder, started, rating + four topics
        assert!(problems.contains(&CloseProblem::TopicWithoutOutcome {
            topic: Topic::Inventory
        }));
    }
}
