//! One action: an issue worked in the article's five steps, and its life after the meeting.
//!
//! The article's warning is that 72 % of ineffective meetings had "no clear conclusion" or "no
//! follow-up on action items". An action here is therefore only complete with all five steps
//! (problem, root cause, countermeasure, owner, due date), and it keeps what the next meetings said
//! about it (done, not done and why, carried), so that carrying a task week after week shows.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::ids::{ActionId, MeetingId, PersonId};
use crate::report::Topic;

/// One of the five steps an issue is worked in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Problem,
    RootCause,
    Countermeasure,
    Owner,
    DueDate,
}

impl Step {
    /// The five steps in the article's order.
    pub const ALL: [Step; 5] = [
        Step::Problem,
        Step::RootCause,
        Step::Countermeasure,
        Step::Owner,
        Step::DueDate,
    ];

    /// The step's name in English, for error messages; the UI translates by [`Step`] itself.
    pub fn label(self) -> &'static str {
        match self {
            Step::Problem => "problem",
            Step::RootCause => "root cause",
            Step::Countermeasure => "countermeasure",
            Step::Owner => "owner",
            Step::DueDate => "due date",
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Where an action stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Open,
    InProgress,
    Done,
    Dropped,
}

impl ActionStatus {
    /// Whether the action still needs work (open or in progress).
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Open | ActionStatus::InProgress)
    }
}

/// What kind of thing an action concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    Asin,
    Sku,
    Campaign,
}

/// The ASIN, SKU or campaign an action concerns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subject {
    pub kind: SubjectKind,
    pub value: String,
}

/// The metric an action aims to move, with its value when the action was created.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MetricLink {
    /// A metric id from the spec, e.g. `ads.acos.SP` or `sales.conversion.B0XXXXXXX`.
    pub id: String,
    /// The value shown when the action was raised; `None` when the metric was missing then.
    pub value_at_creation: Option<f64>,
}

/// The parts of an action the team types in; edited freely until the action is closed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActionFields {
    /// The topic the issue was raised in; `None` for "anything else" or a custom item.
    pub topic: Option<Topic>,
    pub problem: String,
    pub root_cause: String,
    pub countermeasure: String,
    pub owner: Option<PersonId>,
    pub due: Option<NaiveDate>,
    pub subject: Option<Subject>,
    pub metric: Option<MetricLink>,
    pub notes: String,
}

/// What a meeting's review (item 0) said about an action.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum ReviewOutcome {
    /// Finished.
    Done,
    /// Not finished; the reason is required so that "not done" is never silent.
    NotDone { reason: String },
    /// Carried to the next meeting, with a new due date when one was set.
    Carried { new_due: Option<NaiveDate> },
}

/// One review of an action, as kept on the action.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRecord {
    pub meeting: MeetingId,
    pub date: NaiveDate,
    pub outcome: ReviewOutcome,
}

/// The parts of an action a review changes, saved so a review can be corrected in the meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionState {
    pub status: ActionStatus,
    pub due: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
    pub carried_count: u32,
}

/// An action item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Action {
    id: ActionId,
    /// The meeting it was raised in; `None` when added on the board outside a meeting.
    meeting: Option<MeetingId>,
    fields: ActionFields,
    status: ActionStatus,
    /// The day it was marked done.
    done_on: Option<NaiveDate>,
    /// How many times a review carried it over.
    carried_count: u32,
    /// Every review of it, oldest first.
    reviews: Vec<ReviewRecord>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    revision: u64,
}

/// Why an action is not complete.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ActionError {
    #[error("the action is missing: {}", join_steps(.missing))]
    Incomplete { missing: Vec<Step> },
}

fn join_steps(steps: &[Step]) -> String {
    steps
        .iter()
        .map(|s| s.label())
        .collect::<Vec<_>>()
        .join(", ")
}

fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

impl Action {
    /// A new open action. It may be incomplete while the meeting is still working the issue;
    /// [`Action::validate`] says what is missing.
    pub fn new(
        id: ActionId,
        meeting: Option<MeetingId>,
        fields: ActionFields,
        now: NaiveDateTime,
    ) -> Action {
        Action {
            id,
            meeting,
            fields,
            status: ActionStatus::Open,
            done_on: None,
            carried_count: 0,
            reviews: Vec::new(),
            created_at: now,
            updated_at: now,
            revision: 0,
        }
    }

    pub fn id(&self) -> &ActionId {
        &self.id
    }

    /// The meeting it was raised in.
    pub fn meeting(&self) -> Option<&MeetingId> {
        self.meeting.as_ref()
    }

    pub fn fields(&self) -> &ActionFields {
        &self.fields
    }

    pub fn topic(&self) -> Option<Topic> {
        self.fields.topic
    }

    pub fn owner(&self) -> Option<&PersonId> {
        self.fields.owner.as_ref()
    }

    pub fn due(&self) -> Option<NaiveDate> {
        self.fields.due
    }

    pub fn status(&self) -> ActionStatus {
        self.status
    }

    pub fn done_on(&self) -> Option<NaiveDate> {
        self.done_on
    }

    /// How many times the action was carried over.
    pub fn carried_count(&self) -> u32 {
        self.carried_count
    }

    pub fn reviews(&self) -> &[ReviewRecord] {
        &self.reviews
    }

    pub fn created_at(&self) -> NaiveDateTime {
        self.created_at
    }

    pub fn updated_at(&self) -> NaiveDateTime {
        self.updated_at
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Edits the typed-in parts and records the edit.
    pub fn edit(&mut self, now: NaiveDateTime, edit: impl FnOnce(&mut ActionFields)) {
        edit(&mut self.fields);
        self.touch(now);
    }

    /// The steps still missing, in the article's order; blank text counts as missing.
    pub fn missing_steps(&self) -> Vec<Step> {
        let f = &self.fields;
        let present = [
            !is_blank(&f.problem),
            !is_blank(&f.root_cause),
            !is_blank(&f.countermeasure),
            f.owner.as_ref().is_some_and(|o| !is_blank(o.as_str())),
            f.due.is_some(),
        ];
        Step::ALL
            .into_iter()
            .zip(present)
            .filter(|(_, ok)| !ok)
            .map(|(s, _)| s)
            .collect()
    }

    /// Whether all five steps are filled in.
    pub fn is_complete(&self) -> bool {
        self.missing_steps().is_empty()
    }

    /// Checks the five steps and names the missing ones.
    pub fn validate(&self) -> Result<(), ActionError> {
        let missing = self.missing_steps();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(ActionError::Incomplete { missing })
        }
    }

    /// Changes the status. Marking it done records `today` as the day it was done; reopening it
    /// clears that day.
    pub fn set_status(&mut self, status: ActionStatus, today: NaiveDate, now: NaiveDateTime) {
        if status == self.status {
            return;
        }
        self.done_on = (status == ActionStatus::Done).then_some(today);
        self.status = status;
        self.touch(now);
    }

    /// Whether the action still needs work.
    pub fn is_open(&self) -> bool {
        self.status.is_open()
    }

    /// Overdue: its due date has passed (due < today) and it is neither done nor dropped.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && self.fields.due.is_some_and(|due| due < today)
    }

    /// Whether the action counts as due on `date` for the completion rate: it has a due date on or
    /// before `date` and was not dropped. Dropped actions leave the rate, as the team decided they
    /// are no longer worth doing.
    pub fn is_due_by(&self, date: NaiveDate) -> bool {
        self.status != ActionStatus::Dropped && self.fields.due.is_some_and(|due| due <= date)
    }

    /// Whether it was done by its due date; `None` when it has no due date.
    pub fn done_on_time(&self) -> Option<bool> {
        let due = self.fields.due?;
        Some(self.status == ActionStatus::Done && self.done_on.is_some_and(|d| d <= due))
    }

    /// The parts a review changes, to restore them if the review is corrected.
    pub fn state(&self) -> ActionState {
        ActionState {
            status: self.status,
            due: self.fields.due,
            done_on: self.done_on,
            carried_count: self.carried_count,
        }
    }

    /// Applies a meeting's review: done closes the action, carried counts one more carry and may
    /// move the due date, not done leaves it open with the reason on record.
    pub(crate) fn apply_review(&mut self, record: ReviewRecord, now: NaiveDateTime) {
        match &record.outcome {
            ReviewOutcome::Done => {
                self.status = ActionStatus::Done;
                self.done_on = Some(record.date);
            }
            ReviewOutcome::NotDone { .. } => {}
            ReviewOutcome::Carried { new_due } => {
                self.carried_count += 1;
                if let Some(due) = new_due {
                    self.fields.due = Some(*due);
                }
            }
        }
        self.reviews.retain(|r| r.meeting != record.meeting);
        self.reviews.push(record);
        self.touch(now);
    }

    /// Undoes a meeting's review, restoring the state before it.
    pub(crate) fn revert_review(
        &mut self,
        meeting: &MeetingId,
        before: &ActionState,
        now: NaiveDateTime,
    ) {
        self.status = before.status;
        self.fields.due = before.due;
        self.done_on = before.done_on;
        self.carried_count = before.carried_count;
        self.reviews.retain(|r| &r.meeting != meeting);
        self.touch(now);
    }

    /// Sets the revision without an edit, for the merge code that resolves a conflict.
    pub(crate) fn force_revision(&mut self, revision: u64) {
        self.revision = revision;
    }

    fn touch(&mut self, now: NaiveDateTime) {
        self.updated_at = now;
        self.revision += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 9, d).unwrap()
    }

    fn now() -> NaiveDateTime {
        day(7).and_hms_opt(10, 0, 0).unwrap()
    }

    #[test]
    fn validation_names_every_missing_step() {
        let fields = ActionFields {
            problem: "ACoS of SP up to 35 %".into(),
            root_cause: "  ".into(),
            ..Default::default()
        };
        let action = Action::new("a1".into(), None, fields, now());
        let err = action.validate().unwrap_err();
        assert_eq!(
            err,
            ActionError::Incomplete {
                missing: vec![
                    Step::RootCause,
                    Step::Countermeasure,
                    Step::Owner,
                    Step::DueDate
                ]
            }
        );
        assert_eq!(
            err.to_string(),
            "the action is missing: root cause, countermeasure, owner, due date"
        );
    }

    #[test]
    fn done_records_the_day_and_reopening_clears_it() {
        let mut action = Action::new(
            "a1".into(),
            None,
            ActionFields {
                due: Some(day(10)),
                ..Default::default()
            },
            now(),
        );
        action.set_status(ActionStatus::Done, day(9), now());
        assert_eq!(
            (action.done_on(), action.done_on_time(), action.revision()),
            (Some(day(9)), Some(true), 1)
        );
        action.set_status(ActionStatus::Open, day(11), now());
        assert_eq!(action.done_on(), None);
        assert!(action.is_overdue(day(11)));
        assert!(!action.is_overdue(day(10)));
    }
}
