//! Merging records by id, for a restore with "merge" and for two tabs open at once.
//!
//! Every record carries an `updated_at` and a `revision` (incremented by each edit). Two versions
//! of a record merge like this:
//! - a closed meeting beats an open version of it, since closing is final;
//! - otherwise the newer `updated_at` wins (then the higher revision, then the local copy);
//! - the merge is clean when the winner has a higher revision and is not older: it simply built on
//!   the loser. Anything else means both sides edited the record independently; the winner is kept,
//!   the loser is returned in full as a [`Conflict`] for the UI to show, and the winner's revision is
//!   raised above both so that the other side then sees a clean update and the two tabs converge.
//!
//! Records are never deleted (actions are dropped, people deactivated), so a record missing on one
//! side is always a new record of the other side, never a deletion to replay.
//!
//! Two tabs: the browser layer saves after every change and listens to `storage` events. On an
//! event it calls [`merge_external`] with the new value, shows the result, and writes it back when
//! [`MergeOutcome::needs_save`] says the stored value lacks a local edit.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::envelope::{StoreError, decode};
use super::keys::StorageKey;
use super::workspace::{Recovery, StoreProblem, Workspace};
use crate::meeting::{Action, Meeting, Member, OpLogEntry};

/// A record that can be merged by id.
pub trait Versioned {
    /// The id records are matched by.
    fn merge_id(&self) -> &str;
    fn updated_at(&self) -> NaiveDateTime;
    fn revision(&self) -> u64;
    /// Sets the revision, so a resolved conflict is newer than both sides.
    fn set_revision(&mut self, revision: u64);
    /// Whether this version can no longer change (a closed meeting) and so beats any open one.
    fn is_final(&self) -> bool {
        false
    }
}

impl Versioned for Meeting {
    fn merge_id(&self) -> &str {
        self.id.as_str()
    }
    fn updated_at(&self) -> NaiveDateTime {
        self.updated_at
    }
    fn revision(&self) -> u64 {
        self.revision
    }
    fn set_revision(&mut self, revision: u64) {
        self.revision = revision;
    }
    fn is_final(&self) -> bool {
        self.is_closed()
    }
}

impl Versioned for Action {
    fn merge_id(&self) -> &str {
        self.id().as_str()
    }
    fn updated_at(&self) -> NaiveDateTime {
        Action::updated_at(self)
    }
    fn revision(&self) -> u64 {
        Action::revision(self)
    }
    fn set_revision(&mut self, revision: u64) {
        self.force_revision(revision);
    }
}

impl Versioned for Member {
    fn merge_id(&self) -> &str {
        self.id.as_str()
    }
    fn updated_at(&self) -> NaiveDateTime {
        self.updated_at
    }
    fn revision(&self) -> u64 {
        self.revision
    }
    fn set_revision(&mut self, revision: u64) {
        self.revision = revision;
    }
}

impl Versioned for OpLogEntry {
    fn merge_id(&self) -> &str {
        self.id.as_str()
    }
    fn updated_at(&self) -> NaiveDateTime {
        self.updated_at
    }
    fn revision(&self) -> u64 {
        self.revision
    }
    fn set_revision(&mut self, revision: u64) {
        self.revision = revision;
    }
}

/// Which side of a merge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Local,
    Incoming,
}

/// A record both sides edited independently: which one was kept, and both versions as JSON so the
/// UI can show the one not kept and let the user copy from it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Conflict {
    pub key: StorageKey,
    pub id: String,
    pub kept: Side,
    pub local: String,
    pub incoming: String,
}

/// What a merge did, in counts the UI can say in a sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MergeReport {
    /// Records only the incoming side had.
    pub added: u32,
    /// Records replaced by a newer incoming version.
    pub updated: u32,
    /// Records where the local version was newer and kept.
    pub kept_local: u32,
    /// Records identical on both sides.
    pub unchanged: u32,
    /// Records only the local side had.
    pub local_only: u32,
    pub conflicts: Vec<Conflict>,
}

impl MergeReport {
    /// Adds another report's counts to this one.
    pub fn absorb(&mut self, other: MergeReport) {
        self.added += other.added;
        self.updated += other.updated;
        self.kept_local += other.kept_local;
        self.unchanged += other.unchanged;
        self.local_only += other.local_only;
        self.conflicts.extend(other.conflicts);
    }

    /// Whether the local side ends up with something the incoming side lacks.
    fn local_has_more(&self) -> bool {
        self.kept_local > 0 || self.local_only > 0 || !self.conflicts.is_empty()
    }
}

fn to_json<T: Serialize>(record: &T) -> String {
    serde_json::to_string(record).unwrap_or_default()
}

/// Whether `a` wins over `b` (see the module docs for the order).
fn wins<T: Versioned>(a: &T, b: &T) -> bool {
    (a.is_final(), a.updated_at(), a.revision()) > (b.is_final(), b.updated_at(), b.revision())
}

/// Merges two lists of records by id. The result keeps the local order, with new incoming records
/// appended in their order. Duplicate ids within one side are merged first, by the same rule.
pub fn merge_records<T>(key: StorageKey, local: &[T], incoming: &[T]) -> (Vec<T>, MergeReport)
where
    T: Versioned + Clone + PartialEq + Serialize,
{
    let mut report = MergeReport::default();
    let mut merged: Vec<T> = Vec::with_capacity(local.len().max(incoming.len()));
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for record in local {
        match index.get(record.merge_id()) {
            Some(&i) if wins(record, &merged[i]) => merged[i] = record.clone(),
            Some(_) => {}
            None => {
                index.insert(record.merge_id().to_string(), merged.len());
                merged.push(record.clone());
            }
        }
    }
    let mut seen_incoming = vec![false; merged.len()];
    for theirs in incoming {
        let Some(&i) = index.get(theirs.merge_id()) else {
            index.insert(theirs.merge_id().to_string(), merged.len());
            merged.push(theirs.clone());
            seen_incoming.push(true);
            report.added += 1;
            continue;
        };
        seen_incoming[i] = true;
        let ours = &merged[i];
        if ours == theirs {
            report.unchanged += 1;
            continue;
        }
        let incoming_wins = wins(theirs, ours);
        let (winner, loser) = if incoming_wins {
            (theirs, ours)
        } else {
            (ours, theirs)
        };
        let clean =
            winner.revision() > loser.revision() && winner.updated_at() >= loser.updated_at();
        if clean {
            if incoming_wins {
                report.updated += 1;
                merged[i] = theirs.clone();
            } else {
                report.kept_local += 1;
            }
            continue;
        }
        report.conflicts.push(Conflict {
            key,
            id: ours.merge_id().to_string(),
            kept: if incoming_wins {
                Side::Incoming
            } else {
                Side::Local
            },
            local: to_json(ours),
            incoming: to_json(theirs),
        });
        let mut resolved = winner.clone();
        resolved.set_revision(winner.revision().max(loser.revision()) + 1);
        merged[i] = resolved;
    }
    report.local_only = seen_incoming.iter().filter(|seen| !**seen).count() as u32;
    (merged, report)
}

/// The result of merging a value another tab wrote into this tab's workspace.
#[derive(Clone, Debug, PartialEq)]
pub struct MergeOutcome {
    pub key: StorageKey,
    /// The workspace to show from now on.
    pub workspace: Workspace,
    pub report: MergeReport,
    /// Whether the stored value lacks something of the merged workspace (a local edit that won, a
    /// record only this tab has, a resolved conflict): if so, save `key` again.
    pub needs_save: bool,
    /// For settings, mappings and language, which are replaced whole: the local value that was
    /// replaced, as JSON, when it differed.
    pub replaced_local: Option<String>,
    /// The incoming value could not be read; the local data is kept.
    pub problem: Option<StoreProblem>,
}

/// Merges the value another tab wrote under `incoming_key` (`None` when it removed the key) into
/// `local`. Returns `None` for a key that is not OpsBrief's.
pub fn merge_external(
    local: &Workspace,
    incoming_key: &str,
    incoming_raw: Option<&str>,
) -> Option<MergeOutcome> {
    let key = StorageKey::parse(incoming_key)?;
    let mut outcome = MergeOutcome {
        key,
        workspace: local.clone(),
        report: MergeReport::default(),
        needs_save: false,
        replaced_local: None,
        problem: None,
    };
    let Some(raw) = incoming_raw else {
        // The key was removed elsewhere; our copy is the only one left, so write it back.
        outcome.needs_save = local.has_entry(key);
        return Some(outcome);
    };
    let result = merge_section(&mut outcome, raw);
    if let Err(error) = result {
        let recovery = match error {
            StoreError::FutureSchema { .. } => Recovery::KeptAside,
            _ => Recovery::Quarantine,
        };
        // A newer version's value must not be overwritten; an unreadable one is replaced by ours
        // after the caller quarantines it.
        outcome.needs_save = recovery == Recovery::Quarantine && local.has_entry(key);
        if recovery == Recovery::KeptAside {
            outcome.workspace.protect(key);
        }
        outcome.problem = Some(StoreProblem {
            key,
            error,
            raw: raw.to_string(),
            recovery,
        });
    }
    Some(outcome)
}

fn merge_list<T>(
    key: StorageKey,
    local: &[T],
    raw: &str,
) -> Result<(Vec<T>, MergeReport), StoreError>
where
    T: Versioned + Clone + PartialEq + Serialize + DeserializeOwned,
{
    let incoming: Vec<T> = decode(key, raw)?;
    Ok(merge_records(key, local, &incoming))
}

fn merge_section(outcome: &mut MergeOutcome, raw: &str) -> Result<(), StoreError> {
    let key = outcome.key;
    let ws = &mut outcome.workspace;
    let report = match key {
        StorageKey::Meetings => {
            let (merged, report) = merge_list(key, &ws.meetings, raw)?;
            ws.meetings = merged;
            report
        }
        StorageKey::Actions => {
            let (merged, report) = merge_list(key, &ws.actions, raw)?;
            ws.actions = merged;
            report
        }
        StorageKey::Roster => {
            let (merged, report) = merge_list(key, ws.roster.members(), raw)?;
            *ws.roster.members_mut() = merged;
            report
        }
        StorageKey::OpLog => {
            let (merged, report) = merge_list(key, &ws.oplog, raw)?;
            ws.oplog = merged;
            report
        }
        StorageKey::Settings | StorageKey::Mappings => {
            let incoming: Value = decode(key, raw)?;
            let slot = if key == StorageKey::Settings {
                &mut ws.settings
            } else {
                &mut ws.mappings
            };
            if *slot != incoming && !slot.is_null() {
                outcome.replaced_local = Some(slot.to_string());
            }
            *slot = incoming;
            MergeReport::default()
        }
        StorageKey::Lang => {
            let incoming: String = decode(key, raw)?;
            if let Some(old) = ws.lang.as_ref().filter(|l| **l != incoming) {
                outcome.replaced_local = Some(to_json(old));
            }
            ws.lang = Some(incoming);
            MergeReport::default()
        }
        StorageKey::LastBackup => {
            // Both tabs share one browser, so the later backup is the one that counts.
            let incoming: NaiveDateTime = decode(key, raw)?;
            let latest = ws.last_backup.map_or(incoming, |ours| ours.max(incoming));
            outcome.needs_save = latest != incoming;
            ws.last_backup = Some(latest);
            MergeReport::default()
        }
    };
    outcome.needs_save |= report.local_has_more();
    ws.unprotect(key);
    outcome.report = report;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::Role;
    use chrono::{Duration, NaiveDate};

    fn t(minutes: i64) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 9, 7)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
            + Duration::minutes(minutes)
    }

    fn member(id: &str, name: &str, at: NaiveDateTime, revision: u64) -> Member {
        Member {
            name: name.into(),
            updated_at: at,
            revision,
            ..Member::new(id.into(), name, Role::SupplyChain, at)
        }
    }

    #[test]
    fn a_fast_forward_is_an_update_and_concurrent_edits_are_conflicts() {
        let local = [member("p1", "old", t(0), 1), member("p2", "mine", t(5), 2)];
        let incoming = [
            member("p1", "new", t(1), 2),
            member("p2", "theirs", t(6), 2),
            member("p3", "added", t(0), 0),
        ];
        let (merged, report) = merge_records(StorageKey::Roster, &local, &incoming);
        assert_eq!(
            merged.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(),
            ["new", "theirs", "added"]
        );
        assert_eq!(
            (report.updated, report.added, report.conflicts.len()),
            (1, 1, 1)
        );
        // The resolved record is newer than both sides, so the other tab takes it cleanly.
        assert_eq!(merged[1].revision, 3);
        assert_eq!(report.conflicts[0].kept, Side::Incoming);
    }

    #[test]
    fn duplicate_ids_on_one_side_fold_into_the_newest() {
        let dup = [
            member("p1", "older", t(0), 1),
            member("p1", "newer", t(1), 2),
        ];
        let (merged, report) = merge_records(StorageKey::Roster, &dup, &[]);
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].name, "newer");
        assert_eq!(report.local_only, 1);
    }
}
