//! The localStorage keys, and where unreadable values are set aside.

use std::fmt;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// Every key OpsBrief writes. Nothing else in the app names a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StorageKey {
    Meetings,
    Actions,
    Roster,
    OpLog,
    /// Owned by the settings module; stored here as an opaque JSON value.
    Settings,
    Lang,
    LastBackup,
    /// Column mappings for third-party exports; opaque here.
    Mappings,
}

impl StorageKey {
    /// Every key, in the order entries are saved.
    pub const ALL: [StorageKey; 8] = [
        StorageKey::Roster,
        StorageKey::Meetings,
        StorageKey::Actions,
        StorageKey::OpLog,
        StorageKey::Settings,
        StorageKey::Mappings,
        StorageKey::Lang,
        StorageKey::LastBackup,
    ];

    /// The prefix shared by all keys; a key outside it is not ours.
    pub const PREFIX: &'static str = "opsbrief.v1.";

    /// The key as written to localStorage, e.g. `opsbrief.v1.meetings`.
    pub const fn as_str(self) -> &'static str {
        match self {
            StorageKey::Meetings => "opsbrief.v1.meetings",
            StorageKey::Actions => "opsbrief.v1.actions",
            StorageKey::Roster => "opsbrief.v1.roster",
            StorageKey::OpLog => "opsbrief.v1.oplog",
            StorageKey::Settings => "opsbrief.v1.settings",
            StorageKey::Lang => "opsbrief.v1.lang",
            StorageKey::LastBackup => "opsbrief.v1.last_backup",
            StorageKey::Mappings => "opsbrief.v1.mappings",
        }
    }

    /// The key for a localStorage key name (as a `storage` event reports it).
    pub fn parse(key: &str) -> Option<StorageKey> {
        StorageKey::ALL.into_iter().find(|k| k.as_str() == key)
    }
}

impl fmt::Display for StorageKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The prefix of every quarantine key.
pub const QUARANTINE_PREFIX: &str = "opsbrief.quarantine.";

const STAMP: &str = "%Y%m%dT%H%M%S";

/// Where an unreadable value is moved before the key is written again:
/// `opsbrief.quarantine.<original key>.<timestamp>`, e.g.
/// `opsbrief.quarantine.opsbrief.v1.actions.20260907T100000`. The raw text is kept so that nothing
/// the user typed is destroyed by a bug or a bad edit, and the timestamp keeps repeated failures apart.
pub fn quarantine_key(original: StorageKey, at: NaiveDateTime) -> String {
    format!(
        "{QUARANTINE_PREFIX}{}.{}",
        original.as_str(),
        at.format(STAMP)
    )
}

/// The original key and time of a quarantine key, for listing quarantined values in the UI.
pub fn parse_quarantine_key(key: &str) -> Option<(StorageKey, NaiveDateTime)> {
    let rest = key.strip_prefix(QUARANTINE_PREFIX)?;
    let (original, stamp) = rest.rsplit_once('.')?;
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    Some((StorageKey::parse(original)?, at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn keys_are_versioned_unique_and_parse_back() {
        let mut seen = std::collections::HashSet::new();
        for key in StorageKey::ALL {
            assert!(key.as_str().starts_with(StorageKey::PREFIX));
            assert!(seen.insert(key.as_str()));
            assert_eq!(StorageKey::parse(key.as_str()), Some(key));
        }
        assert_eq!(StorageKey::parse("other.app"), None);
    }

    #[test]
    fn quarantine_keys_name_the_original_and_the_time() {
        let at = NaiveDate::from_ymd_opt(2026, 9, 7)
            .unwrap()
            .and_hms_opt(10, 0, 5)
            .unwrap();
        let key = quarantine_key(StorageKey::Actions, at);
        assert_eq!(
            key,
            "opsbrief.quarantine.opsbrief.v1.actions.20260907T100005"
        );
        assert_eq!(parse_quarantine_key(&key), Some((StorageKey::Actions, at)));
        assert_eq!(
            parse_quarantine_key("opsbrief.quarantine.nope.20260907T100005"),
            None
        );
    }
}
