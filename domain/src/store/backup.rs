//! The full backup: one JSON file with everything, to download, check, preview and restore.
//!
//! localStorage belongs to one browser profile and is lost with it, so the page reminds the user
//! to download a backup every 7 days ([`Workspace::backup_due`]). Restoring either replaces the
//! local data or merges the backup into it by id, keeping the newer version of each record.

use std::collections::BTreeSet;

use chrono::NaiveDateTime;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use thiserror::Error;

use super::envelope::{CURRENT_SCHEMA, StoreError};
use super::keys::StorageKey;
use super::migrate::migrate;
use super::sync::{MergeReport, Versioned, merge_records};
use super::workspace::Workspace;
use crate::dataset::Period;
use crate::meeting::{Action, Meeting, Member, OpLogEntry, Roster};

/// The `format` every backup file carries, so another JSON file is recognised as not a backup.
pub const BACKUP_FORMAT: &str = "opsbrief-backup";

/// A full backup. `version` is the storage schema its workspace is written in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub format: String,
    pub version: u32,
    pub created_at: NaiveDateTime,
    pub workspace: Workspace,
}

/// Why a file cannot be restored. Each message says what is wrong in terms the user can act on.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum BackupError {
    #[error("the file is not valid JSON (line {line}, column {column}): {reason}")]
    NotJson {
        line: usize,
        column: usize,
        reason: String,
    },
    #[error("the file is not an OpsBrief backup (no \"format\": \"{BACKUP_FORMAT}\")")]
    NotABackup,
    #[error(
        "the backup was made by a newer version of OpsBrief (version {found}; this one reads up to {supported})"
    )]
    FutureVersion { found: u32, supported: u32 },
    #[error("the backup's {field} is missing or invalid: {reason}")]
    Invalid { field: String, reason: String },
    #[error("the backup lists {section} `{id}` more than once")]
    DuplicateId { section: &'static str, id: String },
    #[error("the backup could not be written: {0}")]
    Encode(String),
}

/// What a backup holds, shown before restoring it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BackupPreview {
    pub created_at: NaiveDateTime,
    pub version: u32,
    pub roster: usize,
    pub meetings: usize,
    pub closed_meetings: usize,
    pub actions: usize,
    pub open_actions: usize,
    pub oplog: usize,
    /// From the first to the last meeting date, when there are meetings.
    pub meeting_dates: Option<Period>,
}

/// How to restore.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RestoreMode {
    /// The backup replaces the local data (the language and the last backup date stay).
    Replace,
    /// Records are merged by id; where both sides have one, the newer version is kept.
    Merge,
}

/// What a restore did, per list. With [`RestoreMode::Replace`] the counts compare the local data
/// with the backup: `local_only` are the local records the replace removed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RestoreReport {
    pub mode: RestoreMode,
    pub sections: Vec<(StorageKey, MergeReport)>,
}

impl RestoreReport {
    /// The counts of all lists added up.
    pub fn total(&self) -> MergeReport {
        let mut total = MergeReport::default();
        for (_, report) in &self.sections {
            total.absorb(report.clone());
        }
        total
    }
}

/// The workspace fields of a backup and the storage keys whose schema they follow.
const SECTIONS: [(&str, StorageKey); 8] = [
    ("roster", StorageKey::Roster),
    ("meetings", StorageKey::Meetings),
    ("actions", StorageKey::Actions),
    ("oplog", StorageKey::OpLog),
    ("settings", StorageKey::Settings),
    ("mappings", StorageKey::Mappings),
    ("lang", StorageKey::Lang),
    ("last_backup", StorageKey::LastBackup),
];

fn invalid(field: impl Into<String>, reason: impl ToString) -> BackupError {
    BackupError::Invalid {
        field: field.into(),
        reason: reason.to_string(),
    }
}

/// Reads a list record by record, so an error names the record (`actions[3]`).
fn read_list<T: DeserializeOwned>(section: &str, value: Value) -> Result<Vec<T>, BackupError> {
    let Value::Array(records) = value else {
        return Err(invalid(section, "expected a list"));
    };
    records
        .into_iter()
        .enumerate()
        .map(|(i, r)| serde_json::from_value(r).map_err(|e| invalid(format!("{section}[{i}]"), e)))
        .collect()
}

fn unique_ids<T: Versioned>(section: &'static str, records: &[T]) -> Result<(), BackupError> {
    let mut seen = BTreeSet::new();
    for r in records {
        if !seen.insert(r.merge_id()) {
            return Err(BackupError::DuplicateId {
                section,
                id: r.merge_id().to_string(),
            });
        }
    }
    Ok(())
}

fn migrate_section(
    key: StorageKey,
    version: u32,
    value: Value,
    field: &str,
) -> Result<Value, BackupError> {
    migrate(key, version, value).map_err(|e| match e {
        StoreError::Migration { reason, .. } => invalid(field, reason),
        other => invalid(field, other),
    })
}

impl Backup {
    /// A backup of `workspace` made at `now`.
    pub fn new(workspace: &Workspace, now: NaiveDateTime) -> Backup {
        Backup {
            format: BACKUP_FORMAT.to_string(),
            version: CURRENT_SCHEMA,
            created_at: now,
            workspace: workspace.clone(),
        }
    }

    /// The file's text, indented so that it stays readable.
    pub fn to_json(&self) -> Result<String, BackupError> {
        serde_json::to_string_pretty(self).map_err(|e| BackupError::Encode(e.to_string()))
    }

    /// Reads and checks a backup file: format, version (older ones are upgraded), every record,
    /// and ids unique within each list.
    pub fn parse(raw: &str) -> Result<Backup, BackupError> {
        let value: Value = serde_json::from_str(raw).map_err(|e| BackupError::NotJson {
            line: e.line(),
            column: e.column(),
            reason: e.to_string(),
        })?;
        let Value::Object(mut top) = value else {
            return Err(BackupError::NotABackup);
        };
        if top.get("format").and_then(Value::as_str) != Some(BACKUP_FORMAT) {
            return Err(BackupError::NotABackup);
        }
        let version = top
            .get("version")
            .and_then(Value::as_u64)
            .and_then(|v| u32::try_from(v).ok())
            .filter(|v| *v >= 1)
            .ok_or_else(|| invalid("version", "expected a whole number from 1"))?;
        if version > CURRENT_SCHEMA {
            return Err(BackupError::FutureVersion {
                found: version,
                supported: CURRENT_SCHEMA,
            });
        }
        let created_at: NaiveDateTime =
            serde_json::from_value(top.remove("created_at").unwrap_or(Value::Null))
                .map_err(|e| invalid("created_at", e))?;
        let Some(Value::Object(mut sections)) = top.remove("workspace") else {
            return Err(invalid("workspace", "expected an object"));
        };
        let mut take = |field: &str, key: StorageKey| -> Result<Value, BackupError> {
            match sections.remove(field) {
                None | Some(Value::Null) => Ok(Value::Null),
                Some(v) => migrate_section(key, version, v, field),
            }
        };
        let mut upgraded = Map::new();
        for (field, key) in SECTIONS {
            upgraded.insert(field.to_string(), take(field, key)?);
        }
        let list = |upgraded: &mut Map<String, Value>, field: &str| match upgraded.remove(field) {
            Some(Value::Null) | None => Value::Array(Vec::new()),
            Some(v) => v,
        };
        let members: Vec<Member> = read_list("roster", list(&mut upgraded, "roster"))?;
        let meetings: Vec<Meeting> = read_list("meetings", list(&mut upgraded, "meetings"))?;
        let actions: Vec<Action> = read_list("actions", list(&mut upgraded, "actions"))?;
        let oplog: Vec<OpLogEntry> = read_list("oplog", list(&mut upgraded, "oplog"))?;
        unique_ids("roster", &members)?;
        unique_ids("meetings", &meetings)?;
        unique_ids("actions", &actions)?;
        unique_ids("oplog", &oplog)?;
        if let Some(m) = meetings
            .iter()
            .find(|m| m.rating().is_some_and(|r| !(1..=10).contains(&r)))
        {
            return Err(invalid(
                format!("rating of meeting `{}`", m.id()),
                "a rating is from 1 to 10",
            ));
        }
        let mut scalar = |field: &str| upgraded.remove(field).unwrap_or(Value::Null);
        let lang: Option<String> =
            serde_json::from_value(scalar("lang")).map_err(|e| invalid("lang", e))?;
        let last_backup: Option<NaiveDateTime> =
            serde_json::from_value(scalar("last_backup")).map_err(|e| invalid("last_backup", e))?;
        let mut workspace = Workspace {
            roster: Roster::from_members(members),
            meetings,
            actions,
            oplog,
            settings: scalar("settings"),
            mappings: scalar("mappings"),
            lang,
            last_backup,
            ..Workspace::default()
        };
        workspace.normalise();
        Ok(Backup {
            format: BACKUP_FORMAT.to_string(),
            version: CURRENT_SCHEMA,
            created_at,
            workspace,
        })
    }

    /// What the backup holds, for the confirmation dialog.
    pub fn preview(&self) -> BackupPreview {
        let ws = &self.workspace;
        let dates = ws.meetings.iter().map(Meeting::date);
        let meeting_dates = dates
            .clone()
            .min()
            .zip(dates.max())
            .map(|(a, b)| Period::new(a, b));
        BackupPreview {
            created_at: self.created_at,
            version: self.version,
            roster: ws.roster.members().len(),
            meetings: ws.meetings.len(),
            closed_meetings: ws.meetings.iter().filter(|m| m.is_closed()).count(),
            actions: ws.actions.len(),
            open_actions: ws.actions.iter().filter(|a| a.is_open()).count(),
            oplog: ws.oplog.len(),
            meeting_dates,
        }
    }

    /// Restores the backup over `local` and says what changed.
    pub fn apply(&self, local: &Workspace, mode: RestoreMode) -> (Workspace, RestoreReport) {
        let theirs = &self.workspace;
        let (roster, roster_report) = merge_records(
            StorageKey::Roster,
            local.roster.members(),
            theirs.roster.members(),
        );
        let (meetings, meetings_report) =
            merge_records(StorageKey::Meetings, &local.meetings, &theirs.meetings);
        let (actions, actions_report) =
            merge_records(StorageKey::Actions, &local.actions, &theirs.actions);
        let (oplog, oplog_report) = merge_records(StorageKey::OpLog, &local.oplog, &theirs.oplog);
        let report = RestoreReport {
            mode,
            sections: vec![
                (StorageKey::Roster, roster_report),
                (StorageKey::Meetings, meetings_report),
                (StorageKey::Actions, actions_report),
                (StorageKey::OpLog, oplog_report),
            ],
        };
        let restored = match mode {
            RestoreMode::Replace => Workspace {
                // This browser's language and backup date are facts about this browser.
                lang: local.lang.clone(),
                last_backup: local.last_backup,
                ..theirs.clone()
            },
            RestoreMode::Merge => Workspace {
                roster: Roster::from_members(roster),
                meetings,
                actions,
                oplog,
                // Settings and mappings are opaque here: keep the local ones unless there are none.
                settings: if local.settings.is_null() {
                    theirs.settings.clone()
                } else {
                    local.settings.clone()
                },
                mappings: if local.mappings.is_null() {
                    theirs.mappings.clone()
                } else {
                    local.mappings.clone()
                },
                lang: local.lang.clone().or_else(|| theirs.lang.clone()),
                last_backup: local.last_backup,
                ..Workspace::default()
            },
        };
        (restored, report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn an_empty_workspace_backs_up_and_restores_to_itself() {
        let now = NaiveDate::from_ymd_opt(2026, 9, 7)
            .unwrap()
            .and_hms_opt(18, 0, 0)
            .unwrap();
        let backup = Backup::new(&Workspace::default(), now);
        let text = backup.to_json().unwrap();
        assert!(text.contains("\"format\": \"opsbrief-backup\""));
        let parsed = Backup::parse(&text).unwrap();
        assert_eq!(parsed.preview().meeting_dates, None);
        let (restored, report) = parsed.apply(&Workspace::default(), RestoreMode::Merge);
        assert_eq!(restored, Workspace::default());
        assert_eq!(report.total(), MergeReport::default());
    }

    #[test]
    fn missing_sections_read_as_empty() {
        let raw = r#"{"format":"opsbrief-backup","version":2,"created_at":"2026-09-07T18:00:00","workspace":{}}"#;
        assert_eq!(Backup::parse(raw).unwrap().workspace, Workspace::default());
    }
}
