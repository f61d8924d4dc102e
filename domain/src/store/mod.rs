//! The storage schema: what OpsBrief keeps in the browser's localStorage, and how.
//!
//! The browser layer only gets and sets strings; every decision lives here so that it is tested
//! natively:
//! - `keys`: one [`StorageKey`] per stored value (`opsbrief.v1.<name>`) and the quarantine keys;
//! - `envelope`: every value is `{ "schema": N, "data": ... }`, decoded with typed errors;
//! - `migrate`: older schemas are upgraded step by step to [`CURRENT_SCHEMA`];
//! - `workspace`: all the app's data, loaded key by key so that one corrupt value does not take
//!   the rest down, and turned back into entries to save;
//! - `backup`: the full backup file, its validation, preview and restore (replace or merge);
//! - `sync`: merging records by id and revision, used by restore and by two open tabs.
//!
//! The `v1` in the key names is the namespace of the keys themselves; the schema number inside
//! the envelope versions the shape of the data and is what migrations follow.

mod backup;
mod envelope;
mod keys;
mod migrate;
mod sync;
mod workspace;

pub use backup::{BACKUP_FORMAT, Backup, BackupError, BackupPreview, RestoreMode, RestoreReport};
pub use envelope::{CURRENT_SCHEMA, Envelope, StoreError, decode, encode};
pub use keys::{QUARANTINE_PREFIX, StorageKey, parse_quarantine_key, quarantine_key};
pub use migrate::{MIGRATED_AT, migrate};
pub use sync::{
    Conflict, MergeOutcome, MergeReport, Side, Versioned, merge_external, merge_records,
};
pub use workspace::{Recovery, StoreProblem, Workspace};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_schema_constants_agree() {
        assert_eq!(BACKUP_FORMAT, "opsbrief-backup");
        assert!(
            StorageKey::ALL
                .iter()
                .all(|k| k.as_str().starts_with(StorageKey::PREFIX))
        );
        const { assert!(CURRENT_SCHEMA >= 2) };
        assert_eq!(MIGRATED_AT, "1970-01-01T00:00:00");
    }
}
