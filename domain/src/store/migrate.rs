//! Upgrading stored data from older schemas, one step at a time.
//!
//! Schema 1 was the first draft of the storage layout. Schema 2 changed it in three ways, and
//! each step below is kept so that data saved by the draft still opens:
//! - every record gained `updated_at` and `revision`, which two tabs need to merge without losing
//!   an edit; migrated records get [`MIGRATED_AT`] and revision 0, so any real edit wins over them;
//! - hourly rates went from a decimal number of currency units (`50`) to integer cents (`5000`),
//!   so that meeting costs are exact;
//! - actions went from a flat record (`due_date`, `asin`, `metric`, `metric_value`, `carried`,
//!   `meeting_id`) to the five steps and their context grouped under `fields`;
//! - operation log entries went from a `date` to a time `at`.

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::{Map, Value, json};

use super::envelope::{CURRENT_SCHEMA, StoreError};
use super::keys::StorageKey;

/// The edit time given to records migrated from schema 1, which did not record one.
pub const MIGRATED_AT: &str = "1970-01-01T00:00:00";

/// Upgrades `data`, stored under `key` with `schema`, to [`CURRENT_SCHEMA`].
pub fn migrate(key: StorageKey, schema: u32, data: Value) -> Result<Value, StoreError> {
    if schema > CURRENT_SCHEMA {
        return Err(StoreError::FutureSchema {
            key,
            found: schema,
            supported: CURRENT_SCHEMA,
        });
    }
    let mut data = data;
    let mut at = schema;
    while at < CURRENT_SCHEMA {
        data = match at {
            1 => v1_to_v2(key, data),
            _ => Err(format!("no upgrade is known from schema {at}")),
        }
        .map_err(|reason| StoreError::Migration {
            key,
            from: at,
            reason,
        })?;
        at += 1;
    }
    Ok(data)
}

fn v1_to_v2(key: StorageKey, data: Value) -> Result<Value, String> {
    match key {
        StorageKey::Roster => map_records(data, member_v1_to_v2),
        StorageKey::Meetings => map_records(data, meeting_v1_to_v2),
        StorageKey::Actions => map_records(data, action_v1_to_v2),
        StorageKey::OpLog => map_records(data, oplog_v1_to_v2),
        // Opaque or scalar values did not change shape.
        StorageKey::Settings | StorageKey::Mappings | StorageKey::Lang | StorageKey::LastBackup => {
            Ok(data)
        }
    }
}

/// One record's upgrade: the JSON object in, the upgraded object or the reason it failed out.
type RecordStep = fn(Map<String, Value>) -> Result<Map<String, Value>, String>;

fn map_records(data: Value, step: RecordStep) -> Result<Value, String> {
    let Value::Array(records) = data else {
        return Err("expected a list of records".into());
    };
    records
        .into_iter()
        .enumerate()
        .map(|(i, record)| match record {
            Value::Object(map) => step(map)
                .map(Value::Object)
                .map_err(|e| format!("record {i}: {e}")),
            _ => Err(format!("record {i} is not an object")),
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Value::Array)
}

fn add_versioning(map: &mut Map<String, Value>, updated_at: Value) {
    map.entry("updated_at").or_insert(updated_at);
    map.entry("revision").or_insert(json!(0));
}

fn member_v1_to_v2(mut m: Map<String, Value>) -> Result<Map<String, Value>, String> {
    let rate = match m.get("hourly_rate") {
        None | Some(Value::Null) => 50.0,
        Some(v) => v.as_f64().ok_or("hourly_rate is not a number")?,
    };
    m.insert("hourly_rate".into(), json!((rate * 100.0).round() as i64));
    m.entry("active").or_insert(json!(true));
    add_versioning(&mut m, json!(MIGRATED_AT));
    Ok(m)
}

fn meeting_v1_to_v2(mut m: Map<String, Value>) -> Result<Map<String, Value>, String> {
    if let Some(Value::Array(attendees)) = m.get_mut("attendees") {
        for attendee in attendees.iter_mut().filter_map(Value::as_object_mut) {
            let rate = attendee
                .get("hourly_rate")
                .and_then(Value::as_f64)
                .unwrap_or(50.0);
            attendee.insert("hourly_rate".into(), json!((rate * 100.0).round() as i64));
        }
    }
    if let Some(Value::Object(closed)) = m.get_mut("closed")
        && let Some(cost) = closed.get("cost").and_then(Value::as_f64)
    {
        closed.insert("cost".into(), json!((cost * 100.0).round() as i64));
    }
    let created = m.get("created_at").cloned().unwrap_or(json!(MIGRATED_AT));
    add_versioning(&mut m, created);
    Ok(m)
}

fn action_v1_to_v2(mut a: Map<String, Value>) -> Result<Map<String, Value>, String> {
    let mut take = |name: &str| a.remove(name).unwrap_or(Value::Null);
    let text = |v: Value| if v.is_null() { json!("") } else { v };
    let id = take("id");
    if !id.is_string() {
        return Err("an action has no id".into());
    }
    let subject = match take("asin") {
        Value::String(asin) if !asin.trim().is_empty() => json!({ "kind": "asin", "value": asin }),
        _ => Value::Null,
    };
    let metric = match (take("metric"), take("metric_value")) {
        (Value::String(metric), value) => json!({ "id": metric, "value_at_creation": value }),
        _ => Value::Null,
    };
    let fields = json!({
        "topic": take("topic"),
        "problem": text(take("problem")),
        "root_cause": text(take("root_cause")),
        "countermeasure": text(take("countermeasure")),
        "owner": take("owner"),
        "due": take("due_date"),
        "subject": subject,
        "metric": metric,
        "notes": text(take("notes")),
    });
    let created = match take("created_at") {
        Value::Null => json!(MIGRATED_AT),
        v => v,
    };
    let status = match take("status") {
        Value::Null => json!("open"),
        v => v,
    };
    let carried = match take("carried") {
        Value::Null => json!(0),
        v => v,
    };
    let mut out = Map::new();
    out.insert("id".into(), id);
    out.insert("meeting".into(), take("meeting_id"));
    out.insert("fields".into(), fields);
    out.insert("status".into(), status);
    out.insert("done_on".into(), take("done_on"));
    out.insert("carried_count".into(), carried);
    out.insert("reviews".into(), json!([]));
    out.insert("created_at".into(), created.clone());
    add_versioning(&mut out, created);
    Ok(out)
}

fn oplog_v1_to_v2(mut e: Map<String, Value>) -> Result<Map<String, Value>, String> {
    if !e.contains_key("at") {
        let date = e
            .remove("date")
            .ok_or("an operation log entry has no date")?;
        let day: NaiveDate =
            serde_json::from_value(date).map_err(|err| format!("bad date: {err}"))?;
        let at: NaiveDateTime = day.and_time(chrono::NaiveTime::MIN);
        e.insert("at".into(), json!(at));
    }
    let at = e.get("at").cloned().unwrap_or(json!(MIGRATED_AT));
    add_versioning(&mut e, at);
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_v1_member_gets_cents_and_versioning() {
        let v1 = json!([{ "id": "p1", "name": "Li", "role": "advertising", "hourly_rate": 62.5 }]);
        let v2 = migrate(StorageKey::Roster, 1, v1).unwrap();
        assert_eq!(v2[0]["hourly_rate"], json!(6250));
        assert_eq!(v2[0]["revision"], json!(0));
        assert_eq!(v2[0]["updated_at"], json!(MIGRATED_AT));
    }

    #[test]
    fn unknown_or_broken_schemas_are_errors() {
        assert!(matches!(
            migrate(StorageKey::Roster, 1, json!({"not": "a list"})),
            Err(StoreError::Migration { from: 1, .. })
        ));
        assert!(matches!(
            migrate(StorageKey::Roster, 3, json!([])),
            Err(StoreError::FutureSchema { .. })
        ));
        assert_eq!(migrate(StorageKey::Lang, 2, json!("en")), Ok(json!("en")));
    }
}
