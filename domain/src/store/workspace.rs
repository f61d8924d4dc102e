//! All of the app's stored data, loaded key by key and saved back as entries.
//!
//! Loading never fails as a whole: each key is read on its own, and a value that cannot be read is
//! reported as a [`StoreProblem`] with its raw text, so the browser layer can move it to a
//! quarantine key before anything overwrites it, while every other key loads normally. For lists
//! (meetings, actions, roster, log), the records that can still be read are kept.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveDateTime};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::envelope::{StoreError, decode, encode, open};
use super::keys::{StorageKey, quarantine_key};
use super::sync::{Versioned, merge_records};
use crate::meeting::{Action, Meeting, MeetingKind, Member, OpLogEntry, Roster};

/// Everything OpsBrief stores.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    pub roster: Roster,
    pub meetings: Vec<Meeting>,
    pub actions: Vec<Action>,
    pub oplog: Vec<OpLogEntry>,
    /// Owned by the settings module; `null` until it saves something.
    #[serde(default)]
    pub settings: Value,
    /// Column mappings for third-party exports; `null` until some are saved.
    #[serde(default)]
    pub mappings: Value,
    /// The UI language chosen by the user, e.g. `"zh"`.
    #[serde(default)]
    pub lang: Option<String>,
    /// When the last full backup was downloaded.
    #[serde(default)]
    pub last_backup: Option<NaiveDateTime>,
    /// Keys holding a value from a newer version of OpsBrief: never written by this one.
    #[serde(skip)]
    pub(crate) protected: BTreeSet<StorageKey>,
}

/// What was done about a value that could not be loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recovery {
    /// Unreadable: move the raw text to [`StoreProblem::quarantine_entry`] before saving the key
    /// again. Records that could still be read were loaded.
    Quarantine,
    /// From a newer version: left where it is, and this version will not write the key.
    KeptAside,
}

/// A stored value that could not be loaded as it is.
#[derive(Clone, Debug, PartialEq)]
pub struct StoreProblem {
    pub key: StorageKey,
    pub error: StoreError,
    /// The value as it was stored.
    pub raw: String,
    pub recovery: Recovery,
}

impl StoreProblem {
    /// The quarantine key and the raw text to write there, when the value is to be quarantined.
    pub fn quarantine_entry(&self, now: NaiveDateTime) -> Option<(String, String)> {
        (self.recovery == Recovery::Quarantine)
            .then(|| (quarantine_key(self.key, now), self.raw.clone()))
    }
}

/// Reads a list, keeping the readable records when some are broken.
fn load_list<T>(key: StorageKey, raw: &str, problems: &mut Vec<StoreProblem>) -> Vec<T>
where
    T: DeserializeOwned + Versioned + Clone + PartialEq + Serialize,
{
    match decode::<Vec<T>>(key, raw) {
        // Merging a list with nothing folds duplicate ids into their newest version.
        Ok(records) => merge_records(key, &records, &[]).0,
        Err(error) => {
            let salvaged = salvage(key, raw);
            problems.push(StoreProblem {
                key,
                recovery: recovery_for(&error),
                error,
                raw: raw.to_string(),
            });
            salvaged
        }
    }
}

/// The records of a list that still read on their own, when the envelope itself is sound.
fn salvage<T: DeserializeOwned>(key: StorageKey, raw: &str) -> Vec<T> {
    match open(key, raw) {
        Ok(Value::Array(records)) => records
            .into_iter()
            .filter_map(|r| serde_json::from_value(r).ok())
            .collect(),
        _ => Vec::new(),
    }
}

/// The language as the first builds stored it: the bare tag (`en`, `zh-CN`), before every value
/// went into an envelope. Read as the choice it is rather than quarantined as corrupt; the next
/// save writes it back in an envelope.
fn legacy_lang(raw: &str) -> Option<String> {
    let tag = raw.trim();
    let bare = !tag.is_empty()
        && tag.len() <= 16
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    bare.then(|| tag.to_string())
}

fn recovery_for(error: &StoreError) -> Recovery {
    match error {
        StoreError::FutureSchema { .. } => Recovery::KeptAside,
        _ => Recovery::Quarantine,
    }
}

fn load_value<T: DeserializeOwned>(
    key: StorageKey,
    raw: &str,
    problems: &mut Vec<StoreProblem>,
) -> Option<T> {
    decode(key, raw)
        .map_err(|error| {
            problems.push(StoreProblem {
                key,
                recovery: recovery_for(&error),
                error,
                raw: raw.to_string(),
            })
        })
        .ok()
}

impl Workspace {
    /// Loads every key through `get` (which returns the stored string, if any). Missing keys give
    /// empty data; unreadable ones are reported and the rest still loads.
    pub fn load(get: impl Fn(&str) -> Option<String>) -> (Workspace, Vec<StoreProblem>) {
        let mut ws = Workspace::default();
        let mut problems = Vec::new();
        for key in StorageKey::ALL {
            let Some(raw) = get(key.as_str()) else {
                continue;
            };
            let before = problems.len();
            match key {
                StorageKey::Roster => {
                    ws.roster = Roster::from_members(load_list::<Member>(key, &raw, &mut problems));
                }
                StorageKey::Meetings => ws.meetings = load_list(key, &raw, &mut problems),
                StorageKey::Actions => ws.actions = load_list(key, &raw, &mut problems),
                StorageKey::OpLog => ws.oplog = load_list(key, &raw, &mut problems),
                StorageKey::Settings => {
                    ws.settings = load_value(key, &raw, &mut problems).unwrap_or_default()
                }
                StorageKey::Mappings => {
                    ws.mappings = load_value(key, &raw, &mut problems).unwrap_or_default()
                }
                StorageKey::Lang => {
                    ws.lang = legacy_lang(&raw).or_else(|| load_value(key, &raw, &mut problems))
                }
                StorageKey::LastBackup => ws.last_backup = load_value(key, &raw, &mut problems),
            }
            if problems[before..]
                .iter()
                .any(|p| p.recovery == Recovery::KeptAside)
            {
                ws.protected.insert(key);
            }
        }
        ws.normalise();
        (ws, problems)
    }

    /// Repairs what a hand-edited or partial record may lack (the four emergency steps).
    pub(crate) fn normalise(&mut self) {
        for meeting in &mut self.meetings {
            if let MeetingKind::Emergency { plan } = &mut meeting.kind {
                plan.normalise();
            }
        }
    }

    /// The string to store under `key`, or `None` when there is nothing to store (no language or
    /// backup date yet) or the key holds a newer version's value that must not be overwritten.
    pub fn entry(&self, key: StorageKey) -> Result<Option<String>, StoreError> {
        if self.protected.contains(&key) {
            return Ok(None);
        }
        let raw = match key {
            StorageKey::Roster => encode(key, &self.roster)?,
            StorageKey::Meetings => encode(key, &self.meetings)?,
            StorageKey::Actions => encode(key, &self.actions)?,
            StorageKey::OpLog => encode(key, &self.oplog)?,
            StorageKey::Settings => encode(key, &self.settings)?,
            StorageKey::Mappings => encode(key, &self.mappings)?,
            StorageKey::Lang => match &self.lang {
                Some(lang) => encode(key, lang)?,
                None => return Ok(None),
            },
            StorageKey::LastBackup => match &self.last_backup {
                Some(at) => encode(key, at)?,
                None => return Ok(None),
            },
        };
        Ok(Some(raw))
    }

    /// Every entry to save, in [`StorageKey::ALL`] order.
    pub fn to_entries(&self) -> Result<Vec<(StorageKey, String)>, StoreError> {
        let mut entries = Vec::new();
        for key in StorageKey::ALL {
            if let Some(raw) = self.entry(key)? {
                entries.push((key, raw));
            }
        }
        Ok(entries)
    }

    /// Whether this workspace writes `key` at all.
    pub(crate) fn has_entry(&self, key: StorageKey) -> bool {
        !self.protected.contains(&key)
            && match key {
                StorageKey::Lang => self.lang.is_some(),
                StorageKey::LastBackup => self.last_backup.is_some(),
                _ => true,
            }
    }

    /// Keys this version will not write because they hold a newer version's data.
    pub fn protected_keys(&self) -> impl Iterator<Item = StorageKey> + '_ {
        self.protected.iter().copied()
    }

    pub(crate) fn protect(&mut self, key: StorageKey) {
        self.protected.insert(key);
    }

    pub(crate) fn unprotect(&mut self, key: StorageKey) {
        self.protected.remove(&key);
    }

    /// Whether there is nothing worth backing up.
    pub fn is_empty(&self) -> bool {
        self.roster.members().is_empty()
            && self.meetings.is_empty()
            && self.actions.is_empty()
            && self.oplog.is_empty()
    }

    /// How many days may pass between backups before the page reminds the user.
    pub const BACKUP_INTERVAL_DAYS: i64 = 7;

    /// Whether a backup reminder is due on `today`: 7 days or more since the last backup, or never
    /// backed up while there is data to lose.
    pub fn backup_due(&self, today: NaiveDate) -> bool {
        match self.last_backup {
            Some(at) => (today - at.date()).num_days() >= Workspace::BACKUP_INTERVAL_DAYS,
            None => !self.is_empty(),
        }
    }

    /// Records that a backup was downloaded at `now`.
    pub fn record_backup(&mut self, now: NaiveDateTime) {
        self.last_backup = Some(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::Role;

    #[test]
    fn a_backup_is_due_after_seven_days_or_when_never_made() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 9, d).unwrap();
        let mut ws = Workspace::default();
        assert!(!ws.backup_due(day(1)));
        ws.roster
            .add(Member::new(
                "p1".into(),
                "Li",
                Role::Advertising,
                day(1).and_hms_opt(9, 0, 0).unwrap(),
            ))
            .unwrap();
        assert!(ws.backup_due(day(1)));
        ws.record_backup(day(1).and_hms_opt(18, 0, 0).unwrap());
        assert!(!ws.backup_due(day(7)));
        assert!(ws.backup_due(day(8)));
    }

    #[test]
    fn a_bare_language_tag_from_before_envelopes_loads_without_a_problem() {
        let stored = |k: &str| (k == StorageKey::Lang.as_str()).then(|| "zh-CN".to_string());
        let (ws, problems) = Workspace::load(stored);
        assert_eq!(ws.lang.as_deref(), Some("zh-CN"));
        assert!(problems.is_empty());
        // Saved back in an envelope, which loads the same way.
        let entry = ws.entry(StorageKey::Lang).unwrap().unwrap();
        assert!(entry.starts_with('{'));
        let (again, problems) =
            Workspace::load(|k| (k == StorageKey::Lang.as_str()).then(|| entry.clone()));
        assert_eq!((again.lang.as_deref(), problems.len()), (Some("zh-CN"), 0));
        // Anything else that is not an envelope is still reported.
        let (_, problems) =
            Workspace::load(|k| (k == StorageKey::Lang.as_str()).then(|| "{oops".to_string()));
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn an_empty_workspace_saves_lists_but_no_language_or_backup_date() {
        let keys: Vec<StorageKey> = Workspace::default()
            .to_entries()
            .unwrap()
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(keys.len(), 6);
        assert!(!keys.contains(&StorageKey::Lang));
    }
}
