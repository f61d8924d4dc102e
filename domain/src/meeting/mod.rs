//! The weekly operations meeting and the actions it produces.
//!
//! The model follows the source article's method: a one-hour weekly meeting with a chair and a
//! recorder, an agenda that always opens with the review of last week's actions, the four standing
//! topics worked issue by issue in five steps (problem, root cause, countermeasure, owner, due date),
//! and a closed record that keeps a snapshot of every metric shown so that next week's review can tell
//! whether an action moved the number it aimed at.
//!
//! Nothing here reads a clock or draws a random number: the caller passes `now`/`today` and the ids
//! of new records, which keeps every rule deterministic and testable natively. Every mutation takes
//! `now` because each record carries an `updated_at` and a `revision`, which is what lets two browser
//! tabs merge their edits without losing one (see [`crate::store`]).
//!
//! The files, one capability each:
//! - `ids`: the identifiers the caller hands in;
//! - `roster`: the team, its roles and hourly rates, and the meeting cost arithmetic;
//! - `agenda`: the timeboxed agenda items and their timers;
//! - `action`: one action and its five-step validation;
//! - `board`: the actions board (filters, sorting) and the action metrics;
//! - `emergency`: the emergency meeting template;
//! - `oplog`: the operation log;
//! - `snapshot`: the metric values frozen when a meeting closes;
//! - `record`: the meeting itself; `review`: its item (0); `close`: the rules for closing it;
//! - `history`: trends over closed meetings and the follow-through of an action.

mod action;
mod agenda;
mod board;
mod close;
mod emergency;
mod history;
mod ids;
mod oplog;
mod record;
mod review;
mod roster;
mod snapshot;

pub use action::{
    Action, ActionError, ActionFields, ActionState, ActionStatus, MetricLink, ReviewOutcome,
    ReviewRecord, Step, Subject, SubjectKind,
};
pub use agenda::{Agenda, AgendaError, AgendaItem, AgendaItemKind, TimerRun};
pub use board::{ActionStats, BoardFilter, BoardSort, board};
pub use close::{CloseMode, CloseProblem, ClosedRecord};
pub use emergency::{ConfirmChecks, EmergencyPlan, EmergencyStep, EmergencyStepKind};
pub use history::{
    FollowThrough, closed_meetings, completion_rate_series, cost_series, follow_through,
    metric_series, metric_trends, rating_series,
};
pub use ids::{ActionId, MeetingId, OpLogId, PersonId};
pub use oplog::{ChangeKind, OpLogEntry, entries_between, last_14_days};
pub use record::{Attendee, Meeting, MeetingError, MeetingKind};
pub use review::{ReviewEntry, ReviewSummary};
pub use roster::{Member, Region, Role, Roster, RosterError, meeting_cost};
pub use snapshot::MetricSnapshot;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_agenda_covers_the_four_topics_of_the_report_module() {
        let agenda = Agenda::weekly();
        for topic in crate::report::Topic::ALL {
            assert!(agenda.position(AgendaItemKind::Topic(topic)).is_some());
        }
    }
}
