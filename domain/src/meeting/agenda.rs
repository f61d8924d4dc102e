//! The agenda: timeboxed items, each with its own timer.
//!
//! The weekly default follows the article: (0) the review of last meeting's actions, always first,
//! because "over 60 % of improvements die without follow-up"; (1)-(4) the four standing topics;
//! (5) anything else; 60 minutes in all. The timer is a list of start/stop runs per item, so an item
//! can be paused and resumed, and elapsed time and overrun are computed from the caller's `now`.

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::emergency::EmergencyStepKind;
use crate::report::Topic;

/// What an agenda item is for; the UI derives its default label from this.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgendaItemKind {
    /// Item (0): review of the actions from earlier meetings. Pinned first.
    ReviewPreviousActions,
    /// One of the four standing topics.
    Topic(Topic),
    /// The closing "anything else" item.
    AnythingElse,
    /// An item the team added.
    Custom,
    /// One step of the emergency meeting template.
    EmergencyStep(EmergencyStepKind),
}

/// One stretch of time during which an item's timer ran.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimerRun {
    pub started_at: NaiveDateTime,
    /// `None` while the timer is running.
    pub stopped_at: Option<NaiveDateTime>,
}

impl TimerRun {
    /// How long this run lasted, or has lasted so far at `now`; never negative.
    fn elapsed(&self, now: NaiveDateTime) -> Duration {
        let end = self.stopped_at.unwrap_or(now);
        (end - self.started_at).max(Duration::zero())
    }
}

/// One item of the agenda.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub kind: AgendaItemKind,
    /// A title typed by the team; empty means "use the default label for the kind".
    pub title: String,
    /// The time the item is allowed, in whole minutes (at least 1).
    pub timebox_minutes: u32,
    /// What the meeting concluded on this item. A topic with neither a conclusion nor an action is
    /// flagged when the meeting closes: the article's "no clear conclusion" failure.
    pub conclusion: String,
    /// Free notes taken by the recorder.
    pub notes: String,
    /// The timer's runs, oldest first.
    pub runs: Vec<TimerRun>,
}

impl AgendaItem {
    /// A new item with no time spent yet.
    pub fn new(kind: AgendaItemKind, timebox_minutes: u32) -> AgendaItem {
        AgendaItem {
            kind,
            title: String::new(),
            timebox_minutes,
            conclusion: String::new(),
            notes: String::new(),
            runs: Vec::new(),
        }
    }

    /// The time spent on the item, counting a running timer up to `now`.
    pub fn elapsed(&self, now: NaiveDateTime) -> Duration {
        self.runs
            .iter()
            .map(|r| r.elapsed(now))
            .fold(Duration::zero(), |a, b| a + b)
    }

    /// The timebox as a duration.
    pub fn timebox(&self) -> Duration {
        Duration::minutes(i64::from(self.timebox_minutes))
    }

    /// How far past its timebox the item has run; zero while within it.
    pub fn overrun(&self, now: NaiveDateTime) -> Duration {
        (self.elapsed(now) - self.timebox()).max(Duration::zero())
    }

    /// Whether the item has run past its timebox.
    pub fn is_overrun(&self, now: NaiveDateTime) -> bool {
        self.overrun(now) > Duration::zero()
    }

    /// Time left in the timebox; zero once overrun.
    pub fn remaining(&self, now: NaiveDateTime) -> Duration {
        (self.timebox() - self.elapsed(now)).max(Duration::zero())
    }

    /// Whether the timer is running.
    pub fn is_running(&self) -> bool {
        self.runs.last().is_some_and(|r| r.stopped_at.is_none())
    }

    /// Whether the item has a conclusion written (blank text does not count).
    pub fn has_conclusion(&self) -> bool {
        !self.conclusion.trim().is_empty()
    }
}

/// Why an agenda edit was refused.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum AgendaError {
    #[error("there is no agenda item {0}")]
    NoSuchItem(usize),
    #[error("the review of previous actions stays the first item and cannot be moved or removed")]
    ReviewItemPinned,
    #[error("a timebox must be at least one minute")]
    EmptyTimebox,
    #[error("the agenda would take {total} minutes, over its limit of {limit}")]
    OverLimit { total: u32, limit: u32 },
}

/// The agenda of one meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Agenda {
    items: Vec<AgendaItem>,
    /// The most the timeboxes may add up to; 60 minutes by default, as the article advises.
    limit_minutes: u32,
}

impl Agenda {
    /// The default length of a meeting, in minutes.
    pub const DEFAULT_LIMIT_MINUTES: u32 = 60;

    /// The default weekly agenda: review 10, sales 12, ads 12, inventory 10, health 10, anything
    /// else 6; 60 minutes in all. Sales and ads get the most because they carry the most numbers.
    pub fn weekly() -> Agenda {
        let items = vec![
            AgendaItem::new(AgendaItemKind::ReviewPreviousActions, 10),
            AgendaItem::new(AgendaItemKind::Topic(Topic::Sales), 12),
            AgendaItem::new(AgendaItemKind::Topic(Topic::Ads), 12),
            AgendaItem::new(AgendaItemKind::Topic(Topic::Inventory), 10),
            AgendaItem::new(AgendaItemKind::Topic(Topic::Health), 10),
            AgendaItem::new(AgendaItemKind::AnythingElse, 6),
        ];
        Agenda {
            items,
            limit_minutes: Agenda::DEFAULT_LIMIT_MINUTES,
        }
    }

    /// The emergency agenda: the four steps of the template, 30 minutes in all, because the point
    /// of an emergency meeting is to act within the day.
    pub fn emergency() -> Agenda {
        let items = EmergencyStepKind::ALL
            .into_iter()
            .zip([10, 10, 5, 5])
            .map(|(step, minutes)| AgendaItem::new(AgendaItemKind::EmergencyStep(step), minutes))
            .collect();
        Agenda {
            items,
            limit_minutes: 30,
        }
    }

    /// The items, in order.
    pub fn items(&self) -> &[AgendaItem] {
        &self.items
    }

    /// The item at `index`.
    pub fn item(&self, index: usize) -> Option<&AgendaItem> {
        self.items.get(index)
    }

    /// The index of the first item of this kind.
    pub fn position(&self, kind: AgendaItemKind) -> Option<usize> {
        self.items.iter().position(|i| i.kind == kind)
    }

    /// The limit on the sum of the timeboxes, in minutes.
    pub fn limit_minutes(&self) -> u32 {
        self.limit_minutes
    }

    /// The sum of the timeboxes, in minutes.
    pub fn total_minutes(&self) -> u32 {
        self.items.iter().map(|i| i.timebox_minutes).sum()
    }

    /// Changes the limit; refused if the current timeboxes already exceed the new one.
    pub fn set_limit(&mut self, minutes: u32) -> Result<(), AgendaError> {
        let total = self.total_minutes();
        if total > minutes {
            return Err(AgendaError::OverLimit {
                total,
                limit: minutes,
            });
        }
        self.limit_minutes = minutes;
        Ok(())
    }

    /// Changes an item's timebox, keeping the total within the limit.
    pub fn set_timebox(&mut self, index: usize, minutes: u32) -> Result<(), AgendaError> {
        if minutes == 0 {
            return Err(AgendaError::EmptyTimebox);
        }
        let current = self
            .item(index)
            .ok_or(AgendaError::NoSuchItem(index))?
            .timebox_minutes;
        let total = self.total_minutes() - current + minutes;
        if total > self.limit_minutes {
            return Err(AgendaError::OverLimit {
                total,
                limit: self.limit_minutes,
            });
        }
        self.items[index].timebox_minutes = minutes;
        Ok(())
    }

    /// Adds a custom item before "anything else" (or at the end when there is none) and returns
    /// its index.
    pub fn add_item(
        &mut self,
        title: impl Into<String>,
        minutes: u32,
    ) -> Result<usize, AgendaError> {
        if minutes == 0 {
            return Err(AgendaError::EmptyTimebox);
        }
        let total = self.total_minutes() + minutes;
        if total > self.limit_minutes {
            return Err(AgendaError::OverLimit {
                total,
                limit: self.limit_minutes,
            });
        }
        let mut item = AgendaItem::new(AgendaItemKind::Custom, minutes);
        item.title = title.into();
        let index = self
            .position(AgendaItemKind::AnythingElse)
            .unwrap_or(self.items.len());
        self.items.insert(index, item);
        Ok(index)
    }

    /// Removes an item; the review item is pinned and cannot be removed.
    pub fn remove_item(&mut self, index: usize) -> Result<AgendaItem, AgendaError> {
        let item = self.item(index).ok_or(AgendaError::NoSuchItem(index))?;
        if item.kind == AgendaItemKind::ReviewPreviousActions {
            return Err(AgendaError::ReviewItemPinned);
        }
        Ok(self.items.remove(index))
    }

    /// Moves an item to another position; nothing may move to or from the review item's place.
    pub fn move_item(&mut self, from: usize, to: usize) -> Result<(), AgendaError> {
        let len = self.items.len();
        if from >= len {
            return Err(AgendaError::NoSuchItem(from));
        }
        if to >= len {
            return Err(AgendaError::NoSuchItem(to));
        }
        let pinned = self
            .items
            .first()
            .is_some_and(|i| i.kind == AgendaItemKind::ReviewPreviousActions);
        if pinned && (from == 0 || to == 0) {
            return Err(AgendaError::ReviewItemPinned);
        }
        let item = self.items.remove(from);
        self.items.insert(to, item);
        Ok(())
    }

    /// Sets an item's title.
    pub fn set_title(&mut self, index: usize, title: impl Into<String>) -> Result<(), AgendaError> {
        self.item_mut(index)?.title = title.into();
        Ok(())
    }

    /// Sets an item's conclusion.
    pub fn set_conclusion(
        &mut self,
        index: usize,
        text: impl Into<String>,
    ) -> Result<(), AgendaError> {
        self.item_mut(index)?.conclusion = text.into();
        Ok(())
    }

    /// Sets an item's notes.
    pub fn set_notes(&mut self, index: usize, text: impl Into<String>) -> Result<(), AgendaError> {
        self.item_mut(index)?.notes = text.into();
        Ok(())
    }

    /// Starts the timer of an item at `now`, stopping whichever item was running: the meeting
    /// talks about one thing at a time. Starting the running item again changes nothing.
    pub fn start(&mut self, index: usize, now: NaiveDateTime) -> Result<(), AgendaError> {
        if index >= self.items.len() {
            return Err(AgendaError::NoSuchItem(index));
        }
        if self.running() == Some(index) {
            return Ok(());
        }
        self.stop(now);
        self.items[index].runs.push(TimerRun {
            started_at: now,
            stopped_at: None,
        });
        Ok(())
    }

    /// Stops the running timer, if any.
    pub fn stop(&mut self, now: NaiveDateTime) {
        for item in &mut self.items {
            if let Some(run) = item.runs.last_mut().filter(|r| r.stopped_at.is_none()) {
                // A clock set back must not make a run end before it began.
                run.stopped_at = Some(now.max(run.started_at));
            }
        }
    }

    /// The index of the item whose timer is running.
    pub fn running(&self) -> Option<usize> {
        self.items.iter().position(AgendaItem::is_running)
    }

    /// The time spent on all items, counting a running timer up to `now`.
    pub fn total_elapsed(&self, now: NaiveDateTime) -> Duration {
        self.items
            .iter()
            .map(|i| i.elapsed(now))
            .fold(Duration::zero(), |a, b| a + b)
    }

    fn item_mut(&mut self, index: usize) -> Result<&mut AgendaItem, AgendaError> {
        self.items
            .get_mut(index)
            .ok_or(AgendaError::NoSuchItem(index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32, m: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 9, 7)
            .unwrap()
            .and_hms_opt(h, m, s)
            .unwrap()
    }

    #[test]
    fn the_weekly_default_fits_in_an_hour_and_starts_with_the_review() {
        let agenda = Agenda::weekly();
        assert_eq!(agenda.total_minutes(), 60);
        assert_eq!(
            agenda.items()[0].kind,
            AgendaItemKind::ReviewPreviousActions
        );
        assert_eq!(agenda.items().len(), 6);
        assert_eq!(agenda.items()[5].kind, AgendaItemKind::AnythingElse);
    }

    #[test]
    fn timeboxes_cannot_exceed_the_limit() {
        let mut agenda = Agenda::weekly();
        assert_eq!(
            agenda.set_timebox(1, 20),
            Err(AgendaError::OverLimit {
                total: 68,
                limit: 60
            })
        );
        agenda.set_timebox(1, 4).unwrap();
        assert_eq!(agenda.add_item("Q4 stock plan", 8), Ok(5));
        assert_eq!(agenda.items()[6].kind, AgendaItemKind::AnythingElse);
        assert_eq!(
            agenda.set_limit(50),
            Err(AgendaError::OverLimit {
                total: 60,
                limit: 50
            })
        );
        assert_eq!(agenda.set_timebox(2, 0), Err(AgendaError::EmptyTimebox));
    }

    #[test]
    fn the_review_item_stays_first() {
        let mut agenda = Agenda::weekly();
        assert_eq!(agenda.remove_item(0), Err(AgendaError::ReviewItemPinned));
        assert_eq!(agenda.move_item(2, 0), Err(AgendaError::ReviewItemPinned));
        agenda.move_item(4, 1).unwrap();
        assert_eq!(agenda.items()[1].kind, AgendaItemKind::Topic(Topic::Health));
        assert_eq!(agenda.remove_item(9), Err(AgendaError::NoSuchItem(9)));
    }

    #[test]
    fn the_timer_accumulates_runs_and_shows_overrun() {
        let mut agenda = Agenda::weekly();
        agenda.start(0, at(10, 0, 0)).unwrap();
        agenda.start(1, at(10, 8, 0)).unwrap(); // stops item 0 after 8 minutes
        assert_eq!(agenda.running(), Some(1));
        assert_eq!(
            agenda.items()[0].elapsed(at(11, 0, 0)),
            Duration::minutes(8)
        );
        agenda.stop(at(10, 20, 0));
        agenda.start(1, at(10, 30, 0)).unwrap(); // resumed: 12 minutes so far
        let sales = &agenda.items()[1];
        assert_eq!(sales.elapsed(at(10, 30, 0)), Duration::minutes(12));
        assert!(!sales.is_overrun(at(10, 30, 0)));
        assert_eq!(sales.overrun(at(10, 33, 30)), Duration::seconds(210));
        assert_eq!(sales.remaining(at(10, 33, 30)), Duration::zero());
        assert_eq!(agenda.total_elapsed(at(10, 31, 0)), Duration::minutes(21));
    }
}
