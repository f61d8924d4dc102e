//! Item (0) of the weekly meeting: the review of every open action from earlier meetings.
//!
//! The article: "the first item of every meeting is the review of last meeting's action items".
//! Each listed action is marked done, not done (with a reason) or carried; the completion rate of
//! the actions due is shown beside the list.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::action::{Action, ActionState, ReviewOutcome, ReviewRecord};
use super::board::ActionStats;
use super::ids::ActionId;
use super::record::{Meeting, MeetingError, MeetingKind};

/// What the meeting said about one action, with the action's state before, so a mis-click can be
/// corrected during the meeting without losing a carry count or a due date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewEntry {
    pub action: ActionId,
    pub outcome: ReviewOutcome,
    pub reviewed_at: NaiveDateTime,
    pub before: ActionState,
}

/// The review's progress, for the header of item (0).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReviewSummary {
    /// How many actions the item lists.
    pub listed: u32,
    pub done: u32,
    pub not_done: u32,
    pub carried: u32,
    /// Listed actions not yet reviewed; the meeting cannot close normally while any remain.
    pub unreviewed: Vec<ActionId>,
    /// The action metrics on the meeting's date (completion rate of the actions due, overdue, carried).
    pub stats: ActionStats,
}

impl Meeting {
    /// The actions item (0) lists: every action raised before this meeting, elsewhere than in it,
    /// that is still open, plus those this meeting already reviewed (which may now be done).
    pub fn actions_to_review<'a>(&self, actions: &'a [Action]) -> Vec<&'a Action> {
        if !matches!(self.kind, MeetingKind::Weekly) {
            return Vec::new();
        }
        actions
            .iter()
            .filter(|a| a.meeting() != Some(&self.id) && a.created_at().date() <= self.date)
            .filter(|a| a.is_open() || self.reviews.iter().any(|r| &r.action == a.id()))
            .collect()
    }

    /// Records the review of one listed action and applies it to the action. Reviewing the same
    /// action again in this meeting first undoes the earlier review, so the carry count and the due
    /// date reflect only the last word.
    pub fn review_action(
        &mut self,
        action: &mut Action,
        outcome: ReviewOutcome,
        now: NaiveDateTime,
    ) -> Result<(), MeetingError> {
        self.ensure_open()?;
        if !matches!(self.kind, MeetingKind::Weekly) {
            return Err(MeetingError::NoReviewItem);
        }
        if let ReviewOutcome::NotDone { reason } = &outcome
            && reason.trim().is_empty()
        {
            return Err(MeetingError::ReasonRequired(action.id().clone()));
        }
        let earlier = self.reviews.iter().position(|r| &r.action == action.id());
        let listed = action.meeting() != Some(&self.id)
            && action.created_at().date() <= self.date
            && (action.is_open() || earlier.is_some());
        if !listed {
            return Err(MeetingError::NotReviewable(action.id().clone()));
        }
        if let Some(index) = earlier {
            let entry = self.reviews.remove(index);
            action.revert_review(&self.id, &entry.before, now);
        }
        let before = action.state();
        action.apply_review(
            ReviewRecord {
                meeting: self.id.clone(),
                date: self.date,
                outcome: outcome.clone(),
            },
            now,
        );
        self.reviews.push(ReviewEntry {
            action: action.id().clone(),
            outcome,
            reviewed_at: now,
            before,
        });
        self.touch(now);
        Ok(())
    }

    /// The review's progress and the action metrics on the meeting's date.
    pub fn review_summary(&self, actions: &[Action]) -> ReviewSummary {
        let listed = self.actions_to_review(actions);
        let mut summary = ReviewSummary {
            listed: listed.len() as u32,
            ..Default::default()
        };
        for action in &listed {
            match self
                .reviews
                .iter()
                .find(|r| &r.action == action.id())
                .map(|r| &r.outcome)
            {
                Some(ReviewOutcome::Done) => summary.done += 1,
                Some(ReviewOutcome::NotDone { .. }) => summary.not_done += 1,
                Some(ReviewOutcome::Carried { .. }) => summary.carried += 1,
                None => summary.unreviewed.push(action.id().clone()),
            }
        }
        summary.stats = ActionStats::compute(
            actions.iter().filter(|a| a.meeting() != Some(&self.id)),
            self.date,
        );
        summary
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::action::ActionFields;
    use chrono::NaiveDate;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 9, d).unwrap()
    }

    #[test]
    fn correcting_a_review_restores_the_carry_count() {
        let created = day(1).and_hms_opt(10, 0, 0).unwrap();
        let now = day(8).and_hms_opt(10, 0, 0).unwrap();
        let mut action = Action::new(
            "a1".into(),
            Some("m0".into()),
            ActionFields {
                due: Some(day(5)),
                ..Default::default()
            },
            created,
        );
        let mut meeting = Meeting::weekly("m1".into(), day(8), now);
        meeting
            .review_action(
                &mut action,
                ReviewOutcome::Carried {
                    new_due: Some(day(12)),
                },
                now,
            )
            .unwrap();
        assert_eq!((action.carried_count(), action.due()), (1, Some(day(12))));
        meeting
            .review_action(&mut action, ReviewOutcome::Done, now)
            .unwrap();
        assert_eq!(
            (action.carried_count(), action.due(), action.done_on()),
            (0, Some(day(5)), Some(day(8)))
        );
        assert_eq!(meeting.reviews().len(), 1);
        assert_eq!(action.reviews().len(), 1);
        let err = meeting.review_action(
            &mut action,
            ReviewOutcome::NotDone { reason: " ".into() },
            now,
        );
        assert_eq!(err, Err(MeetingError::ReasonRequired("a1".into())));
    }
}
