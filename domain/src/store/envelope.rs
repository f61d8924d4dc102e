//! The envelope every stored value is wrapped in, and decoding with typed errors.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use super::keys::StorageKey;
use super::migrate::migrate;

/// The schema this build writes. Schema 1 was the first draft (see `migrate`).
pub const CURRENT_SCHEMA: u32 = 2;

/// `{ "schema": N, "data": ... }`: the schema says how to read `data`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Envelope<T> {
    pub schema: u32,
    pub data: T,
}

/// Why a stored value could not be used.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum StoreError {
    /// Not JSON, not an envelope, or data of the wrong shape.
    #[error("{key} is unreadable: {reason}")]
    Corrupt { key: StorageKey, reason: String },
    /// Written by a newer version of OpsBrief. It is left untouched so that version can still read it.
    #[error(
        "{key} was saved by a newer version of OpsBrief (schema {found}; this one reads up to {supported})"
    )]
    FutureSchema {
        key: StorageKey,
        found: u32,
        supported: u32,
    },
    /// An older schema that could not be upgraded.
    #[error("{key} could not be upgraded from schema {from}: {reason}")]
    Migration {
        key: StorageKey,
        from: u32,
        reason: String,
    },
    /// The value could not be turned into JSON (not expected with this crate's types).
    #[error("{key} could not be saved: {reason}")]
    Encode { key: StorageKey, reason: String },
}

/// Wraps `data` in an envelope at the current schema, as the string to store under `key`.
pub fn encode<T: Serialize>(key: StorageKey, data: &T) -> Result<String, StoreError> {
    serde_json::to_string(&Envelope {
        schema: CURRENT_SCHEMA,
        data,
    })
    .map_err(|e| StoreError::Encode {
        key,
        reason: e.to_string(),
    })
}

/// Reads the envelope in `raw` and returns its data upgraded to the current schema, still as JSON.
pub(crate) fn open(key: StorageKey, raw: &str) -> Result<Value, StoreError> {
    let envelope: Envelope<Value> = serde_json::from_str(raw).map_err(|e| StoreError::Corrupt {
        key,
        reason: format!("not a stored OpsBrief value ({e})"),
    })?;
    if envelope.schema > CURRENT_SCHEMA {
        return Err(StoreError::FutureSchema {
            key,
            found: envelope.schema,
            supported: CURRENT_SCHEMA,
        });
    }
    if envelope.schema == 0 {
        return Err(StoreError::Corrupt {
            key,
            reason: "schema 0 does not exist".into(),
        });
    }
    migrate(key, envelope.schema, envelope.data)
}

/// Decodes the value stored under `key`: checks the envelope, upgrades older schemas, and reads
/// the data as `T`.
pub fn decode<T: DeserializeOwned>(key: StorageKey, raw: &str) -> Result<T, StoreError> {
    let data = open(key, raw)?;
    serde_json::from_value(data).map_err(|e| StoreError::Corrupt {
        key,
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_and_errors_are_typed() {
        let raw = encode(StorageKey::Lang, &"zh").unwrap();
        assert_eq!(raw, r#"{"schema":2,"data":"zh"}"#);
        assert_eq!(
            decode::<String>(StorageKey::Lang, &raw),
            Ok("zh".to_string())
        );
        assert!(matches!(
            decode::<String>(StorageKey::Lang, "{oops"),
            Err(StoreError::Corrupt { .. })
        ));
        assert!(matches!(
            decode::<String>(StorageKey::Lang, r#""zh""#),
            Err(StoreError::Corrupt { .. })
        ));
        assert!(matches!(
            decode::<u32>(StorageKey::Lang, r#"{"schema":2,"data":"zh"}"#),
            Err(StoreError::Corrupt { .. })
        ));
        assert_eq!(
            decode::<String>(StorageKey::Lang, r#"{"schema":9,"data":"zh"}"#),
            Err(StoreError::FutureSchema {
                key: StorageKey::Lang,
                found: 9,
                supported: 2
            })
        );
    }
}
