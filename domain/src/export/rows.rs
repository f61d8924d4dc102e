//! One action as every export writes it: a flat row with the owner's name, the meeting's date and
//! a title, built once from the meeting model so that the CSV, the `.xlsx`, the Trello text and the
//! brief all say the same thing about the same action.
//!
//! The rows are not a format of their own; no tool takes them directly. They exist because an
//! [`Action`] names its owner by id and its meeting by id, and a Bitable, a Trello card or a chat
//! message needs the person's name and the date instead.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::lang::{ExportLang, Label};
use crate::meeting::{Action, ActionStatus, Meeting, PersonId, Roster};
use crate::report::Topic;

/// How urgent an action is, for the priority column of a Bitable import.
///
/// The meeting model keeps no priority, so the caller sets it (from a field the UI adds, or left
/// empty); [`Priority::by_due_date`] offers a default that only reads the due date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    High,
    Medium,
    Low,
}

impl Priority {
    pub fn label(self, lang: ExportLang) -> &'static str {
        match self {
            Priority::High => Label::PriorityHigh.text(lang),
            Priority::Medium => Label::PriorityMedium.text(lang),
            Priority::Low => Label::PriorityLow.text(lang),
        }
    }

    /// High when due within 3 days of `today` (or overdue), medium within 7, low after that;
    /// `None` without a due date, since guessing would be worse than leaving the cell empty.
    pub fn by_due_date(due: Option<NaiveDate>, today: NaiveDate) -> Option<Priority> {
        let days = (due? - today).num_days();
        Some(if days <= 3 {
            Priority::High
        } else if days <= 7 {
            Priority::Medium
        } else {
            Priority::Low
        })
    }
}

/// The longest title a row gets, in characters. Trello shows about this much of a card name
/// without wrapping, and a Bitable's primary column reads best short; the full texts stay in the
/// problem / root cause / countermeasure columns.
pub const TITLE_MAX_CHARS: usize = 80;

/// One action, flattened for export.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionRow {
    /// The action's id, kept so an export can be matched back to the board.
    pub id: String,
    /// A one-line title: the countermeasure's first line, else the problem's (see [`title_of`]).
    pub title: String,
    /// The owner's name as the roster writes it; `None` when no owner was set.
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
    /// Open and past its due date on the day the export was made.
    pub overdue: bool,
    pub priority: Option<Priority>,
    pub topic: Option<Topic>,
    /// The ASIN, SKU or campaign the action concerns.
    pub subject: Option<String>,
    pub problem: String,
    pub root_cause: String,
    pub countermeasure: String,
    /// The date of the meeting the action was raised in; `None` when added on the board.
    pub meeting_date: Option<NaiveDate>,
    /// How many times a review carried it over.
    pub carried: u32,
}

impl ActionRow {
    /// Flattens one action. The owner's name comes from the roster, else from an attendee entry
    /// of any meeting (a member can leave the roster's active list but not the record), else the id
    /// itself, so an owner is never silently dropped. `today` decides `overdue`.
    pub fn from_action(
        action: &Action,
        roster: &Roster,
        meetings: &[Meeting],
        today: NaiveDate,
    ) -> ActionRow {
        let fields = action.fields();
        let meeting_date = action
            .meeting()
            .and_then(|id| meetings.iter().find(|m| m.id() == id))
            .map(Meeting::date);
        ActionRow {
            id: action.id().to_string(),
            title: title_of(
                &fields.countermeasure,
                &fields.problem,
                action.id().as_str(),
            ),
            owner: action.owner().map(|p| owner_name(p, roster, meetings)),
            due: action.due(),
            status: action.status(),
            overdue: action.is_overdue(today),
            priority: None,
            topic: action.topic(),
            subject: fields
                .subject
                .as_ref()
                .map(|s| s.value.trim().to_string())
                .filter(|s| !s.is_empty()),
            problem: fields.problem.trim().to_string(),
            root_cause: fields.root_cause.trim().to_string(),
            countermeasure: fields.countermeasure.trim().to_string(),
            meeting_date,
            carried: action.carried_count(),
        }
    }

    /// The due date as `YYYY-MM-DD`, the form Bitable, Trello and spreadsheets all read; empty
    /// when there is none.
    pub fn due_iso(&self) -> String {
        iso(self.due)
    }

    /// The meeting date as `YYYY-MM-DD`, or empty.
    pub fn meeting_iso(&self) -> String {
        iso(self.meeting_date)
    }
}

/// Flattens every action, in the order given (the board's order).
pub fn action_rows(
    actions: &[Action],
    roster: &Roster,
    meetings: &[Meeting],
    today: NaiveDate,
) -> Vec<ActionRow> {
    actions
        .iter()
        .map(|a| ActionRow::from_action(a, roster, meetings, today))
        .collect()
}

/// A date as `YYYY-MM-DD`, or empty.
pub(crate) fn iso(date: Option<NaiveDate>) -> String {
    date.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

fn owner_name(person: &PersonId, roster: &Roster, meetings: &[Meeting]) -> String {
    roster
        .get(person)
        .map(|m| m.name.trim().to_string())
        .or_else(|| {
            meetings
                .iter()
                .flat_map(|m| m.attendees())
                .find(|a| &a.person == person)
                .map(|a| a.name.trim().to_string())
        })
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| person.to_string())
}

/// A one-line title: the first non-blank line of the countermeasure (what will be done), else of
/// the problem, else `fallback`; cut to [`TITLE_MAX_CHARS`] characters with an ellipsis.
pub fn title_of(countermeasure: &str, problem: &str, fallback: &str) -> String {
    let first_line = |text: &str| {
        text.lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(str::to_string)
    };
    let line = first_line(countermeasure)
        .or_else(|| first_line(problem))
        .unwrap_or_else(|| fallback.to_string());
    cut_chars(&line, TITLE_MAX_CHARS)
}

/// Cuts `text` to at most `max` characters, ending with `…` when cut. Counts characters, not
/// bytes, so a Chinese title is never split inside a character.
pub(crate) fn cut_chars(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::{ActionFields, Member, Role, Subject, SubjectKind};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 9, d).unwrap_or_default()
    }

    #[test]
    fn a_row_names_the_owner_and_the_meeting_date() {
        let now = day(7).and_hms_opt(10, 0, 0).unwrap_or_default();
        let mut roster = Roster::default();
        let added = roster.add(Member::new("p1".into(), " 王芳 ", Role::Advertising, now));
        assert!(added.is_ok());
        let meeting = Meeting::weekly("m1".into(), day(7), now);
        let action = Action::new(
            "a1".into(),
            Some("m1".into()),
            ActionFields {
                topic: Some(Topic::Ads),
                problem: "ACoS 38%".into(),
                countermeasure: "\n  降低自动广告出价 20%\n再观察一周".into(),
                owner: Some("p1".into()),
                due: Some(day(10)),
                subject: Some(Subject {
                    kind: SubjectKind::Asin,
                    value: " B0TEST0001 ".into(),
                }),
                ..Default::default()
            },
            now,
        );
        let row = ActionRow::from_action(&action, &roster, &[meeting], day(11));
        assert_eq!(row.title, "降低自动广告出价 20%");
        assert_eq!(row.owner.as_deref(), Some("王芳"));
        assert_eq!(row.meeting_iso(), "2026-09-07");
        assert_eq!(row.due_iso(), "2026-09-10");
        assert_eq!(row.subject.as_deref(), Some("B0TEST0001"));
        assert!(row.overdue);
    }

    #[test]
    fn an_unknown_owner_keeps_the_id_and_titles_fall_back() {
        let now = day(7).and_hms_opt(10, 0, 0).unwrap_or_default();
        let action = Action::new(
            "a2".into(),
            None,
            ActionFields {
                owner: Some("ghost".into()),
                ..Default::default()
            },
            now,
        );
        let row = ActionRow::from_action(&action, &Roster::default(), &[], day(7));
        assert_eq!(row.owner.as_deref(), Some("ghost"));
        assert_eq!(row.title, "a2");
        assert_eq!(row.meeting_date, None);
        assert_eq!(title_of("", "库存告急", "x"), "库存告急");
        let long = "长".repeat(100);
        let cut = title_of(&long, "", "x");
        assert_eq!(cut.chars().count(), TITLE_MAX_CHARS);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn priority_by_due_date() {
        assert_eq!(
            Priority::by_due_date(Some(day(9)), day(7)),
            Some(Priority::High)
        );
        assert_eq!(
            Priority::by_due_date(Some(day(14)), day(7)),
            Some(Priority::Medium)
        );
        assert_eq!(
            Priority::by_due_date(Some(day(20)), day(7)),
            Some(Priority::Low)
        );
        assert_eq!(Priority::by_due_date(None, day(7)), None);
        assert_eq!(Priority::High.label(ExportLang::Zh), "高");
    }
}
