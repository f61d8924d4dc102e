//! The meeting record: who attended, the agenda, and its life from creation to close.
//!
//! A meeting is edited only through methods, each of which refuses once the meeting is closed
//! ([`MeetingError::Closed`]): the closed record is the minutes, and next week's review compares
//! against its snapshot, so it must not change afterwards.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::agenda::{Agenda, AgendaError};
use super::close::{CloseProblem, ClosedRecord};
use super::emergency::EmergencyPlan;
use super::ids::{ActionId, MeetingId, PersonId};
use super::review::ReviewEntry;
use super::roster::{Member, Role, meeting_cost};
use crate::dataset::Cents;

/// A weekly meeting, or an emergency one with its plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum MeetingKind {
    Weekly,
    Emergency { plan: EmergencyPlan },
}

/// A person in the meeting, with the hourly rate copied from the roster when they were added, so
/// that a later change of rate does not rewrite what past meetings cost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attendee {
    pub person: PersonId,
    pub name: String,
    pub role: Role,
    pub hourly_rate: Cents,
}

/// Why a meeting change was refused.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum MeetingError {
    #[error("meeting `{0}` is closed and can no longer be edited")]
    Closed(MeetingId),
    #[error("the meeting cannot close yet: {} problem(s) to resolve, or close it explicitly", .0.len())]
    NotReady(Vec<CloseProblem>),
    #[error(transparent)]
    Agenda(#[from] AgendaError),
    #[error("a rating is from 1 to 10, not {0}")]
    InvalidRating(u8),
    #[error("`{0}` is not an attendee of this meeting")]
    NotAnAttendee(PersonId),
    #[error("this is not an emergency meeting")]
    NotEmergency,
    #[error("an emergency meeting has no review of previous actions")]
    NoReviewItem,
    #[error("action `{0}` is not listed for review in this meeting")]
    NotReviewable(ActionId),
    #[error("say why action `{0}` was not done")]
    ReasonRequired(ActionId),
}

/// One meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    pub(crate) id: MeetingId,
    pub(crate) kind: MeetingKind,
    pub(crate) date: NaiveDate,
    pub(crate) chair: Option<PersonId>,
    pub(crate) recorder: Option<PersonId>,
    pub(crate) attendees: Vec<Attendee>,
    pub(crate) agenda: Agenda,
    /// Item (0): what was said about each earlier action.
    pub(crate) reviews: Vec<ReviewEntry>,
    /// 1 to 10, given at the end.
    pub(crate) rating: Option<u8>,
    pub(crate) notes: String,
    pub(crate) started_at: Option<NaiveDateTime>,
    pub(crate) closed: Option<ClosedRecord>,
    pub(crate) created_at: NaiveDateTime,
    pub(crate) updated_at: NaiveDateTime,
    pub(crate) revision: u64,
}

impl Meeting {
    /// A new weekly meeting on `date` with the default agenda.
    pub fn weekly(id: MeetingId, date: NaiveDate, now: NaiveDateTime) -> Meeting {
        Meeting::with(id, MeetingKind::Weekly, date, Agenda::weekly(), now)
    }

    /// A new emergency meeting for `plan`, dated `now`, with the four-step agenda.
    pub fn emergency(id: MeetingId, plan: EmergencyPlan, now: NaiveDateTime) -> Meeting {
        Meeting::with(
            id,
            MeetingKind::Emergency { plan },
            now.date(),
            Agenda::emergency(),
            now,
        )
    }

    fn with(
        id: MeetingId,
        kind: MeetingKind,
        date: NaiveDate,
        agenda: Agenda,
        now: NaiveDateTime,
    ) -> Meeting {
        Meeting {
            id,
            kind,
            date,
            chair: None,
            recorder: None,
            attendees: Vec::new(),
            agenda,
            reviews: Vec::new(),
            rating: None,
            notes: String::new(),
            started_at: None,
            closed: None,
            created_at: now,
            updated_at: now,
            revision: 0,
        }
    }

    pub fn id(&self) -> &MeetingId {
        &self.id
    }
    pub fn kind(&self) -> &MeetingKind {
        &self.kind
    }
    pub fn date(&self) -> NaiveDate {
        self.date
    }
    pub fn chair(&self) -> Option<&PersonId> {
        self.chair.as_ref()
    }
    pub fn recorder(&self) -> Option<&PersonId> {
        self.recorder.as_ref()
    }
    pub fn attendees(&self) -> &[Attendee] {
        &self.attendees
    }
    pub fn agenda(&self) -> &Agenda {
        &self.agenda
    }
    pub fn reviews(&self) -> &[ReviewEntry] {
        &self.reviews
    }
    pub fn rating(&self) -> Option<u8> {
        self.rating
    }
    pub fn notes(&self) -> &str {
        &self.notes
    }
    pub fn started_at(&self) -> Option<NaiveDateTime> {
        self.started_at
    }
    /// The closed record (minutes, snapshot, cost), once closed.
    pub fn closed(&self) -> Option<&ClosedRecord> {
        self.closed.as_ref()
    }
    pub fn is_closed(&self) -> bool {
        self.closed.is_some()
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
    /// The emergency plan, for an emergency meeting.
    pub fn emergency_plan(&self) -> Option<&EmergencyPlan> {
        match &self.kind {
            MeetingKind::Emergency { plan } => Some(plan),
            MeetingKind::Weekly => None,
        }
    }

    /// Moves the meeting to another day.
    pub fn set_date(&mut self, date: NaiveDate, now: NaiveDateTime) -> Result<(), MeetingError> {
        self.edit(now, |m| m.date = date)
    }

    /// Adds a roster member as an attendee (once), copying their current rate.
    pub fn add_attendee(
        &mut self,
        member: &Member,
        now: NaiveDateTime,
    ) -> Result<(), MeetingError> {
        let attendee = Attendee {
            person: member.id.clone(),
            name: member.name.clone(),
            role: member.role,
            hourly_rate: member.hourly_rate,
        };
        self.edit(now, |m| {
            if !m.attendees.iter().any(|a| a.person == attendee.person) {
                m.attendees.push(attendee);
            }
        })
    }

    /// Removes an attendee; if they chaired or recorded, that role becomes vacant.
    pub fn remove_attendee(
        &mut self,
        person: &PersonId,
        now: NaiveDateTime,
    ) -> Result<(), MeetingError> {
        self.edit(now, |m| {
            m.attendees.retain(|a| &a.person != person);
            if m.chair.as_ref() == Some(person) {
                m.chair = None;
            }
            if m.recorder.as_ref() == Some(person) {
                m.recorder = None;
            }
        })
    }

    /// Sets the chair, who must be an attendee (their time is part of the cost).
    pub fn set_chair(
        &mut self,
        person: Option<PersonId>,
        now: NaiveDateTime,
    ) -> Result<(), MeetingError> {
        self.require_attendee(person.as_ref())?;
        self.edit(now, |m| m.chair = person)
    }

    /// Sets the recorder, who must be an attendee.
    pub fn set_recorder(
        &mut self,
        person: Option<PersonId>,
        now: NaiveDateTime,
    ) -> Result<(), MeetingError> {
        self.require_attendee(person.as_ref())?;
        self.edit(now, |m| m.recorder = person)
    }

    /// Sets the meeting's free notes.
    pub fn set_notes(
        &mut self,
        notes: impl Into<String>,
        now: NaiveDateTime,
    ) -> Result<(), MeetingError> {
        let notes = notes.into();
        self.edit(now, |m| m.notes = notes)
    }

    /// Rates the meeting from 1 (useless) to 10 (excellent).
    pub fn set_rating(&mut self, rating: u8, now: NaiveDateTime) -> Result<(), MeetingError> {
        if !(1..=10).contains(&rating) {
            return Err(MeetingError::InvalidRating(rating));
        }
        self.edit(now, |m| m.rating = Some(rating))
    }

    /// Starts the meeting clock; starting again changes nothing.
    pub fn start(&mut self, now: NaiveDateTime) -> Result<(), MeetingError> {
        if self.started_at.is_some() {
            return self.ensure_open();
        }
        self.edit(now, |m| m.started_at = Some(now))
    }

    /// Edits the agenda through `edit`; starting an item's timer also starts the meeting clock.
    pub fn edit_agenda<R>(
        &mut self,
        now: NaiveDateTime,
        edit: impl FnOnce(&mut Agenda) -> Result<R, AgendaError>,
    ) -> Result<R, MeetingError> {
        self.ensure_open()?;
        // Edit a copy so a refused edit leaves the agenda as it was.
        let mut agenda = self.agenda.clone();
        let result = edit(&mut agenda)?;
        if agenda.running().is_some() && self.started_at.is_none() {
            self.started_at = Some(now);
        }
        self.agenda = agenda;
        self.touch(now);
        Ok(result)
    }

    /// Edits the emergency plan through `edit`.
    pub fn edit_emergency<R>(
        &mut self,
        now: NaiveDateTime,
        edit: impl FnOnce(&mut EmergencyPlan) -> R,
    ) -> Result<R, MeetingError> {
        self.ensure_open()?;
        let MeetingKind::Emergency { plan } = &mut self.kind else {
            return Err(MeetingError::NotEmergency);
        };
        let result = edit(plan);
        plan.normalise();
        self.touch(now);
        Ok(result)
    }

    /// The sum of the attendees' hourly rates: what one hour of this meeting costs.
    pub fn cost_per_hour(&self) -> Cents {
        self.attendees.iter().map(|a| a.hourly_rate).sum()
    }

    /// How long the meeting has run at `now` (or ran, once closed); zero before it starts.
    pub fn elapsed(&self, now: NaiveDateTime) -> Duration {
        if let Some(closed) = &self.closed {
            return Duration::seconds(closed.duration_seconds);
        }
        self.started_at.map_or(Duration::zero(), |start| {
            (now - start).max(Duration::zero())
        })
    }

    /// The meeting's cost so far, for the live display: `meeting.cost` = sum of hourly rates x
    /// elapsed time. Once closed it is the recorded cost.
    pub fn cost_at(&self, now: NaiveDateTime) -> Cents {
        match &self.closed {
            Some(closed) => closed.cost,
            None => meeting_cost(
                self.attendees.iter().map(|a| a.hourly_rate),
                self.elapsed(now),
            ),
        }
    }

    pub(crate) fn ensure_open(&self) -> Result<(), MeetingError> {
        if self.closed.is_some() {
            Err(MeetingError::Closed(self.id.clone()))
        } else {
            Ok(())
        }
    }

    /// Applies an edit to an open meeting and records it (time and revision).
    pub(crate) fn edit(
        &mut self,
        now: NaiveDateTime,
        edit: impl FnOnce(&mut Meeting),
    ) -> Result<(), MeetingError> {
        self.ensure_open()?;
        edit(self);
        self.touch(now);
        Ok(())
    }

    pub(crate) fn touch(&mut self, now: NaiveDateTime) {
        self.updated_at = now;
        self.revision += 1;
    }

    fn require_attendee(&self, person: Option<&PersonId>) -> Result<(), MeetingError> {
        match person {
            Some(p) if !self.attendees.iter().any(|a| &a.person == p) => {
                Err(MeetingError::NotAnAttendee(p.clone()))
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::roster::Role;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 9, 7)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn the_live_cost_grows_with_the_clock() {
        let mut meeting = Meeting::weekly("m1".into(), at(0, 0).date(), at(9, 0));
        for i in 0..5 {
            let member = Member::new(
                PersonId::new(format!("p{i}")),
                format!("P{i}"),
                Role::Advertising,
                at(9, 0),
            );
            meeting.add_attendee(&member, at(9, 0)).unwrap();
        }
        assert_eq!(meeting.cost_per_hour(), Cents(25_000));
        assert_eq!(meeting.cost_at(at(10, 0)), Cents(0)); // not started yet
        meeting
            .edit_agenda(at(10, 0), |a| a.start(0, at(10, 0)))
            .unwrap();
        assert_eq!(meeting.started_at(), Some(at(10, 0)));
        // 5 people x 50 per hour x 0.5 h = 125.
        assert_eq!(meeting.cost_at(at(10, 30)), Cents(12_500));
    }

    #[test]
    fn chair_must_attend_and_rating_is_one_to_ten() {
        let mut meeting = Meeting::weekly("m1".into(), at(0, 0).date(), at(9, 0));
        assert_eq!(
            meeting.set_chair(Some("p1".into()), at(9, 0)),
            Err(MeetingError::NotAnAttendee("p1".into()))
        );
        assert_eq!(
            meeting.set_rating(11, at(9, 0)),
            Err(MeetingError::InvalidRating(11))
        );
        assert_eq!(
            meeting.set_rating(0, at(9, 0)),
            Err(MeetingError::InvalidRating(0))
        );
        meeting.set_rating(7, at(9, 1)).unwrap();
        assert_eq!((meeting.rating(), meeting.revision()), (Some(7), 1));
    }

    #[test]
    fn a_refused_agenda_edit_changes_nothing() {
        let mut meeting = Meeting::weekly("m1".into(), at(0, 0).date(), at(9, 0));
        let before = meeting.clone();
        assert!(
            meeting
                .edit_agenda(at(9, 5), |a| a.set_timebox(1, 59))
                .is_err()
        );
        assert_eq!(meeting, before);
    }
}
