//! The operation log: dated changes the team made to prices, bids, budgets, listings and stock.
//!
//! It exists for step 2 of the emergency meeting ("review two weeks of the operation log"): when a
//! ranking drops, the first suspect is a change of our own. It is kept only in this browser.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::ids::OpLogId;
use crate::dataset::Period;

/// What was changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Price,
    Bid,
    Budget,
    Listing,
    Inventory,
    Other,
}

/// One change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpLogEntry {
    pub id: OpLogId,
    /// When the change was made (as the person remembers it; may be earlier than when it was logged).
    pub at: NaiveDateTime,
    pub kind: ChangeKind,
    /// Who made it: a roster id or a name, as typed.
    pub by: String,
    pub asin: Option<String>,
    /// What changed, e.g. "price 19.99 -> 17.99".
    pub note: String,
    /// When the entry was last edited; kept for merging between tabs.
    pub updated_at: NaiveDateTime,
    pub revision: u64,
}

impl OpLogEntry {
    /// A new entry logged at `now`.
    pub fn new(
        id: OpLogId,
        at: NaiveDateTime,
        kind: ChangeKind,
        by: impl Into<String>,
        asin: Option<String>,
        note: impl Into<String>,
        now: NaiveDateTime,
    ) -> OpLogEntry {
        OpLogEntry {
            id,
            at,
            kind,
            by: by.into(),
            asin,
            note: note.into(),
            updated_at: now,
            revision: 0,
        }
    }

    /// Edits the entry and records the edit.
    pub fn edit(&mut self, now: NaiveDateTime, edit: impl FnOnce(&mut OpLogEntry)) {
        let (id, revision) = (self.id.clone(), self.revision);
        edit(self);
        self.id = id;
        self.updated_at = now;
        self.revision = revision + 1;
    }
}

/// The entries made on the days of `period` (both ends included), newest first; with an ASIN, only
/// the entries for that ASIN and the account-wide ones (no ASIN), since a budget cut or a general
/// change can hit every listing.
pub fn entries_between<'a>(
    entries: &'a [OpLogEntry],
    period: Period,
    asin: Option<&str>,
) -> Vec<&'a OpLogEntry> {
    let mut found: Vec<&OpLogEntry> = entries
        .iter()
        .filter(|e| period.from <= e.at.date() && e.at.date() <= period.to)
        .filter(|e| {
            asin.is_none_or(|a| {
                e.asin
                    .as_deref()
                    .is_none_or(|ea| ea.eq_ignore_ascii_case(a))
            })
        })
        .collect();
    found.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| a.id.cmp(&b.id)));
    found
}

/// The entries of the 14 days before `date` and of `date` itself, newest first: the window step 2
/// of the emergency meeting reviews.
pub fn last_14_days<'a>(
    entries: &'a [OpLogEntry],
    date: NaiveDate,
    asin: Option<&str>,
) -> Vec<&'a OpLogEntry> {
    entries_between(entries, Period::new(date - Duration::days(14), date), asin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 9, d).unwrap()
    }

    #[test]
    fn edits_keep_the_id_and_bump_the_revision() {
        let t = day(1).and_hms_opt(9, 0, 0).unwrap();
        let mut e = OpLogEntry::new(
            "o1".into(),
            t,
            ChangeKind::Bid,
            "li",
            None,
            "bid 0.8 -> 1.1",
            t,
        );
        e.edit(t, |e| {
            e.note = "bid 0.8 -> 1.2".into();
            e.id = "x".into();
        });
        assert_eq!((e.id.as_str(), e.revision), ("o1", 1));
    }
}
