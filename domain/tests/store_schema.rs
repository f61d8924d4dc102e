//! The storage schema: migration of a stored v1 layout, loading with corrupt values, saving,
//! backups (round trip, validation, replace, merge) and two tabs editing at once.

use std::cell::RefCell;
use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use opsbrief_domain::dataset::Cents;
use opsbrief_domain::meeting::*;
use opsbrief_domain::report::Topic;
use opsbrief_domain::store::*;
use serde_json::{Value, json};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(date: NaiveDate, h: u32, min: u32) -> NaiveDateTime {
    date.and_hms_opt(h, min, 0).unwrap()
}

/// The stored v1 layout: localStorage key -> envelope, as the first draft of OpsBrief wrote it.
fn v1_storage() -> BTreeMap<String, String> {
    let text = include_str!("fixtures/store/v1-localstorage.json");
    let fixture: BTreeMap<String, Value> = serde_json::from_str(text).unwrap();
    fixture
        .into_iter()
        .map(|(k, v)| (k, v.to_string()))
        .collect()
}

/// A fake localStorage: a map of strings, read through the same `get` the browser layer passes.
struct FakeStorage(RefCell<BTreeMap<String, String>>);

impl FakeStorage {
    fn new(map: BTreeMap<String, String>) -> FakeStorage {
        FakeStorage(RefCell::new(map))
    }
    fn get(&self, key: &str) -> Option<String> {
        self.0.borrow().get(key).cloned()
    }
    fn set(&self, key: &str, value: String) {
        self.0.borrow_mut().insert(key.to_string(), value);
    }
    fn save(&self, ws: &Workspace) {
        for (key, raw) in ws.to_entries().unwrap() {
            self.set(key.as_str(), raw);
        }
    }
    fn load(&self) -> (Workspace, Vec<StoreProblem>) {
        Workspace::load(|k| self.get(k))
    }
}

/// A small workspace: two people, a closed meeting, two actions, one log entry.
fn sample_workspace() -> Workspace {
    let t = at(day(2026, 8, 31), 9, 0);
    let mut ws = Workspace::default();
    ws.roster
        .add(Member::new("p1".into(), "Li Na", Role::OperationsLead, t))
        .unwrap();
    ws.roster
        .add(Member::new("p2".into(), "Wang Lei", Role::Advertising, t))
        .unwrap();
    let mut meeting = Meeting::weekly("m1".into(), t.date(), t);
    for m in ws.roster.members().to_vec() {
        meeting.add_attendee(&m, t).unwrap();
    }
    meeting.start(at(t.date(), 10, 0)).unwrap();
    meeting.set_rating(7, t).unwrap();
    meeting
        .close(
            &[],
            MetricSnapshot::default(),
            at(t.date(), 11, 0),
            CloseMode::Forced,
        )
        .unwrap();
    ws.meetings.push(meeting);
    for (id, topic) in [("a1", Topic::Ads), ("a2", Topic::Inventory)] {
        let fields = ActionFields {
            topic: Some(topic),
            problem: format!("problem {id}"),
            ..Default::default()
        };
        ws.actions.push(Action::new(
            id.into(),
            Some("m1".into()),
            fields,
            at(t.date(), 10, 30),
        ));
    }
    ws.oplog.push(OpLogEntry::new(
        "o1".into(),
        t,
        ChangeKind::Bid,
        "p2",
        None,
        "bid up",
        t,
    ));
    ws.settings = json!({ "acos_target": 0.22 });
    ws.lang = Some("en".into());
    ws
}

#[test]
fn the_v1_fixture_migrates_and_loads() {
    let storage = FakeStorage::new(v1_storage());
    let (ws, problems) = storage.load();
    assert_eq!(problems, []);

    // Rates: 50 and 62.5 currency units became cents.
    let rates: Vec<Cents> = ws.roster.members().iter().map(|m| m.hourly_rate).collect();
    assert_eq!(rates, [Cents(5_000), Cents(6_250)]);
    assert!(
        ws.roster
            .members()
            .iter()
            .all(|m| m.active && m.revision == 0)
    );

    let meeting = &ws.meetings[0];
    assert_eq!(meeting.attendees()[1].hourly_rate, Cents(6_250));
    let closed = meeting.closed().unwrap();
    assert_eq!(closed.cost, Cents(11_250));
    assert_eq!(closed.snapshot.get("inventory.ipi"), Some(None));
    assert_eq!(meeting.updated_at(), at(day(2026, 8, 31), 9, 50)); // from created_at

    let a1 = &ws.actions[0];
    assert!(a1.is_complete());
    assert_eq!(a1.due(), Some(day(2026, 9, 6)));
    assert_eq!(
        a1.fields().subject,
        Some(Subject {
            kind: SubjectKind::Asin,
            value: "B0TEST0001".into()
        })
    );
    assert_eq!(
        a1.fields().metric,
        Some(MetricLink {
            id: "ads.acos.SP".into(),
            value_at_creation: Some(0.35)
        })
    );
    assert_eq!(a1.meeting(), Some(&MeetingId::from("m-20260831")));
    let a2 = &ws.actions[1];
    assert_eq!(
        (a2.status(), a2.done_on(), a2.meeting()),
        (ActionStatus::Done, Some(day(2026, 9, 2)), None)
    );
    assert_eq!(a2.missing_steps(), [Step::RootCause, Step::Countermeasure]);

    assert_eq!(ws.oplog[0].at, at(day(2026, 8, 28), 0, 0));
    assert_eq!(ws.settings, json!({ "acos_target": 0.22 }));
    assert_eq!(ws.lang.as_deref(), Some("zh"));
    assert_eq!(ws.last_backup, Some(at(day(2026, 8, 30), 18, 0)));

    // Saving writes schema 2, which loads back to the same workspace.
    storage.save(&ws);
    let saved: Value = serde_json::from_str(&storage.get("opsbrief.v1.actions").unwrap()).unwrap();
    assert_eq!(saved["schema"], json!(CURRENT_SCHEMA));
    assert_eq!(storage.load(), (ws, vec![]));
}

#[test]
fn migrate_upgrades_one_stored_v1_value() {
    let raw = &v1_storage()["opsbrief.v1.oplog"];
    let envelope: Envelope<Value> = serde_json::from_str(raw).unwrap();
    assert_eq!(envelope.schema, 1);
    let data = migrate(StorageKey::OpLog, envelope.schema, envelope.data).unwrap();
    assert_eq!(data[1]["at"], json!("2026-08-30T00:00:00"));
    assert_eq!(data[1]["revision"], json!(0));
    assert!(data[1].get("date").is_none());
    let entries: Vec<OpLogEntry> = decode(StorageKey::OpLog, raw).unwrap();
    assert_eq!(entries[0].kind, ChangeKind::Bid);
}

#[test]
fn a_corrupt_value_is_quarantined_while_the_rest_loads() {
    let mut map = v1_storage();
    map.insert(
        "opsbrief.v1.actions".into(),
        "{\"schema\":2,\"data\":[{\"id\":\"a-1\",".into(),
    );
    map.insert("opsbrief.v1.settings".into(), "not json at all".into());
    let storage = FakeStorage::new(map);
    let (ws, problems) = storage.load();

    assert_eq!(
        problems.iter().map(|p| p.key).collect::<Vec<_>>(),
        [StorageKey::Actions, StorageKey::Settings]
    );
    assert!(problems.iter().all(|p| p.recovery == Recovery::Quarantine));
    assert!(matches!(
        problems[0].error,
        StoreError::Corrupt {
            key: StorageKey::Actions,
            ..
        }
    ));
    // Everything else loaded.
    assert!(ws.actions.is_empty());
    assert_eq!(ws.settings, Value::Null);
    assert_eq!(
        (ws.roster.members().len(), ws.meetings.len(), ws.oplog.len()),
        (2, 1, 2)
    );

    // The browser layer moves the raw text aside, then saves.
    let now = at(day(2026, 9, 7), 10, 0);
    let (qkey, qraw) = problems[0].quarantine_entry(now).unwrap();
    assert_eq!(
        qkey,
        "opsbrief.quarantine.opsbrief.v1.actions.20260907T100000"
    );
    assert_eq!(qraw, "{\"schema\":2,\"data\":[{\"id\":\"a-1\",");
    assert_eq!(
        parse_quarantine_key(&qkey),
        Some((StorageKey::Actions, now))
    );
}

#[test]
fn a_list_with_one_broken_record_keeps_the_others() {
    let ws = sample_workspace();
    let mut actions: Value =
        serde_json::from_str(&ws.entry(StorageKey::Actions).unwrap().unwrap()).unwrap();
    actions["data"][0]["status"] = json!("exploded");
    let storage = FakeStorage::new(BTreeMap::new());
    storage.save(&ws);
    storage.set("opsbrief.v1.actions", actions.to_string());
    let (loaded, problems) = storage.load();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].recovery, Recovery::Quarantine);
    assert_eq!(
        loaded
            .actions
            .iter()
            .map(|a| a.id().as_str())
            .collect::<Vec<_>>(),
        ["a2"]
    );
}

#[test]
fn a_value_from_a_newer_version_is_kept_aside_and_never_overwritten() {
    let storage = FakeStorage::new(BTreeMap::new());
    storage.save(&sample_workspace());
    let newer = r#"{"schema":99,"data":{"whatever":"the future holds"}}"#;
    storage.set("opsbrief.v1.meetings", newer.into());
    let (ws, problems) = storage.load();
    assert_eq!(problems[0].recovery, Recovery::KeptAside);
    assert_eq!(
        problems[0].error,
        StoreError::FutureSchema {
            key: StorageKey::Meetings,
            found: 99,
            supported: CURRENT_SCHEMA
        }
    );
    assert_eq!(
        problems[0].quarantine_entry(at(day(2026, 9, 7), 10, 0)),
        None
    );
    assert_eq!(
        ws.protected_keys().collect::<Vec<_>>(),
        [StorageKey::Meetings]
    );
    assert_eq!(ws.entry(StorageKey::Meetings), Ok(None));
    storage.save(&ws);
    assert_eq!(storage.get("opsbrief.v1.meetings").as_deref(), Some(newer));
}

#[test]
fn the_workspace_round_trips_through_its_entries() {
    let ws = sample_workspace();
    let storage = FakeStorage::new(BTreeMap::new());
    storage.save(&ws);
    let keys: Vec<String> = storage.0.borrow().keys().cloned().collect();
    assert!(keys.iter().all(|k| k.starts_with("opsbrief.v1.")));
    assert!(!keys.contains(&"opsbrief.v1.last_backup".to_string())); // never backed up
    assert_eq!(storage.load(), (ws, vec![]));
}

#[test]
fn a_backup_round_trips_and_previews_its_content() {
    let mut ws = sample_workspace();
    ws.meetings.push(Meeting::weekly(
        "m2".into(),
        day(2026, 9, 7),
        at(day(2026, 9, 7), 9, 0),
    ));
    let now = at(day(2026, 9, 7), 18, 0);
    let backup = Backup::new(&ws, now);
    let text = backup.to_json().unwrap();
    let parsed = Backup::parse(&text).unwrap();
    assert_eq!(parsed, backup);
    let preview = parsed.preview();
    assert_eq!(
        (preview.roster, preview.meetings, preview.closed_meetings),
        (2, 2, 1)
    );
    assert_eq!(
        (preview.actions, preview.open_actions, preview.oplog),
        (2, 2, 1)
    );
    let dates = preview.meeting_dates.unwrap();
    assert_eq!((dates.from, dates.to), (day(2026, 8, 31), day(2026, 9, 7)));

    ws.record_backup(now);
    assert!(!ws.backup_due(day(2026, 9, 13)));
    assert!(ws.backup_due(day(2026, 9, 14)));
}

#[test]
fn a_v1_backup_is_upgraded_on_restore() {
    let backup = Backup::parse(include_str!("fixtures/store/v1-backup.json")).unwrap();
    assert_eq!(backup.version, CURRENT_SCHEMA);
    let ws = &backup.workspace;
    assert_eq!(ws.roster.members()[1].hourly_rate, Cents(6_250));
    assert_eq!(ws.actions[0].due(), Some(day(2026, 9, 6)));
    assert_eq!(ws.meetings[0].closed().unwrap().cost, Cents(11_250));
}

#[test]
fn invalid_backups_are_refused_with_clear_errors() {
    let err = Backup::parse("{\n  \"format\": ").unwrap_err();
    assert!(
        matches!(err, BackupError::NotJson { line: 2, .. }),
        "{err:?}"
    );
    assert_eq!(
        Backup::parse(r#"{"meetings": []}"#),
        Err(BackupError::NotABackup)
    );
    assert_eq!(Backup::parse("[1, 2]"), Err(BackupError::NotABackup));
    let future = r#"{"format":"opsbrief-backup","version":7,"created_at":"2026-09-07T18:00:00","workspace":{}}"#;
    assert_eq!(
        Backup::parse(future),
        Err(BackupError::FutureVersion {
            found: 7,
            supported: CURRENT_SCHEMA
        })
    );

    let good: Value = serde_json::from_str(
        &Backup::new(&sample_workspace(), at(day(2026, 9, 7), 18, 0))
            .to_json()
            .unwrap(),
    )
    .unwrap();
    let mut bad = good.clone();
    bad["workspace"]["actions"][1]["status"] = json!("exploded");
    let err = Backup::parse(&bad.to_string()).unwrap_err();
    assert!(
        matches!(&err, BackupError::Invalid { field, .. } if field == "actions[1]"),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with("the backup's actions[1] is missing or invalid")
    );

    let mut dup = good.clone();
    let first = dup["workspace"]["actions"][0].clone();
    dup["workspace"]["actions"][1] = first;
    assert_eq!(
        Backup::parse(&dup.to_string()),
        Err(BackupError::DuplicateId {
            section: "actions",
            id: "a1".into()
        })
    );

    let mut no_date = good;
    no_date["created_at"] = json!("yesterday");
    assert!(
        matches!(Backup::parse(&no_date.to_string()), Err(BackupError::Invalid { field, .. }) if field == "created_at")
    );
}

#[test]
fn restore_replace_takes_the_backup_and_merge_keeps_the_newer_of_each_record() {
    let base = sample_workspace();
    let backup = Backup::new(&base, at(day(2026, 9, 1), 18, 0));

    // Since the backup: a1 edited locally (newer), a3 added locally, and the local settings changed.
    let mut local = base.clone();
    local.actions[0].edit(at(day(2026, 9, 3), 9, 0), |f| {
        f.countermeasure = "local fix".into()
    });
    local.actions.push(Action::new(
        "a3".into(),
        None,
        ActionFields::default(),
        at(day(2026, 9, 3), 9, 0),
    ));
    local.settings = json!({ "acos_target": 0.2 });
    local.lang = Some("zh".into());
    // The backup, from another machine, has a newer a2 and a new log entry.
    let mut theirs = backup.clone();
    theirs.workspace.actions[1].edit(at(day(2026, 9, 4), 9, 0), |f| f.owner = Some("p2".into()));
    let t = at(day(2026, 9, 4), 9, 0);
    theirs.workspace.oplog.push(OpLogEntry::new(
        "o2".into(),
        t,
        ChangeKind::Price,
        "p1",
        None,
        "price down",
        t,
    ));

    let (merged, report) = theirs.apply(&local, RestoreMode::Merge);
    let action = |ws: &Workspace, id: &str| {
        ws.actions
            .iter()
            .find(|a| a.id().as_str() == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(action(&merged, "a1").fields().countermeasure, "local fix");
    assert_eq!(action(&merged, "a2").owner(), Some(&PersonId::from("p2")));
    assert_eq!(merged.actions.len(), 3);
    assert_eq!(merged.oplog.len(), 2);
    assert_eq!(merged.settings, json!({ "acos_target": 0.2 }));
    assert_eq!(merged.lang.as_deref(), Some("zh"));
    let total = report.total();
    assert_eq!(
        (
            total.added,
            total.updated,
            total.kept_local,
            total.local_only
        ),
        (1, 1, 1, 1)
    );
    assert!(total.conflicts.is_empty());

    let (replaced, report) = theirs.apply(&local, RestoreMode::Replace);
    assert_eq!(replaced.actions, theirs.workspace.actions);
    assert_eq!(replaced.settings, json!({ "acos_target": 0.22 }));
    assert_eq!(replaced.lang.as_deref(), Some("zh")); // this browser's language stays
    assert_eq!(report.sections[2].0, StorageKey::Actions);
    assert_eq!(report.sections[2].1.local_only, 1); // a3 is gone after a replace
}

#[test]
fn two_tabs_editing_different_records_both_keep_their_edits() {
    let storage = FakeStorage::new(BTreeMap::new());
    storage.save(&sample_workspace());
    let (mut tab_a, _) = storage.load();
    let (mut tab_b, _) = storage.load();

    tab_a.actions[0].edit(at(day(2026, 9, 2), 9, 0), |f| {
        f.root_cause = "A's cause".into()
    });
    storage.save(&tab_a);
    tab_b.actions[1].edit(at(day(2026, 9, 2), 9, 1), |f| {
        f.root_cause = "B's cause".into()
    });
    // B has not heard of A's write yet and saves the whole list: A's edit leaves storage...
    storage.save(&tab_b);
    // ...but A hears B's write, keeps its own newer a1, takes B's a2, and knows to save again.
    let key = StorageKey::Actions.as_str();
    let outcome = merge_external(&tab_a, key, storage.get(key).as_deref()).unwrap();
    assert_eq!((outcome.report.updated, outcome.report.kept_local), (1, 1));
    assert!(outcome.needs_save);
    tab_a = outcome.workspace;
    storage.save(&tab_a);
    // B hears A's write and converges with nothing to save.
    let outcome = merge_external(&tab_b, key, storage.get(key).as_deref()).unwrap();
    assert!(!outcome.needs_save);
    tab_b = outcome.workspace;
    assert_eq!(tab_a.actions, tab_b.actions);
    assert_eq!(tab_b.actions[0].fields().root_cause, "A's cause");
    assert_eq!(tab_b.actions[1].fields().root_cause, "B's cause");
}

#[test]
fn two_tabs_editing_the_same_record_report_the_conflict_and_converge() {
    let storage = FakeStorage::new(BTreeMap::new());
    storage.save(&sample_workspace());
    let (mut tab_a, _) = storage.load();
    let (mut tab_b, _) = storage.load();
    let key = StorageKey::Actions.as_str();

    tab_a.actions[0].edit(at(day(2026, 9, 2), 9, 0), |f| {
        f.countermeasure = "A: cut bids".into()
    });
    tab_b.actions[0].edit(at(day(2026, 9, 2), 9, 5), |f| {
        f.countermeasure = "B: add negatives".into()
    });
    storage.save(&tab_b);

    // A's edit is older and loses, but it is returned in full, not dropped silently.
    let outcome = merge_external(&tab_a, key, storage.get(key).as_deref()).unwrap();
    assert_eq!(outcome.report.conflicts.len(), 1);
    let conflict = &outcome.report.conflicts[0];
    assert_eq!(
        (conflict.key, conflict.id.as_str(), conflict.kept),
        (StorageKey::Actions, "a1", Side::Incoming)
    );
    assert!(conflict.local.contains("A: cut bids"));
    assert!(conflict.incoming.contains("B: add negatives"));
    assert!(outcome.needs_save);
    tab_a = outcome.workspace;
    assert_eq!(tab_a.actions[0].fields().countermeasure, "B: add negatives");
    storage.save(&tab_a);

    // B sees the resolved record as a plain update of its own: no conflict, same data.
    let outcome = merge_external(&tab_b, key, storage.get(key).as_deref()).unwrap();
    assert!(outcome.report.conflicts.is_empty());
    assert_eq!(outcome.report.updated, 1);
    assert_eq!(outcome.workspace.actions, tab_a.actions);
}

#[test]
fn a_closed_meeting_wins_over_an_edit_of_the_open_version() {
    let t = at(day(2026, 9, 7), 10, 0);
    let mut open = Meeting::weekly("m9".into(), t.date(), t);
    open.start(t).unwrap();
    let mut tab_a = Workspace::default();
    tab_a.meetings.push(open.clone());
    let mut tab_b = tab_a.clone();
    tab_a.meetings[0]
        .close(
            &[],
            MetricSnapshot::default(),
            t + Duration::minutes(50),
            CloseMode::Forced,
        )
        .unwrap();
    // B edits notes a little later, on a meeting it does not know is closed.
    tab_b.meetings[0]
        .set_notes("late note", t + Duration::minutes(55))
        .unwrap();
    let raw = tab_b.entry(StorageKey::Meetings).unwrap().unwrap();
    let outcome = merge_external(&tab_a, StorageKey::Meetings.as_str(), Some(&raw)).unwrap();
    assert!(outcome.workspace.meetings[0].is_closed());
    assert_eq!(outcome.report.conflicts.len(), 1);
    assert_eq!(outcome.report.conflicts[0].kept, Side::Local);
    assert!(outcome.report.conflicts[0].incoming.contains("late note"));
}

#[test]
fn external_changes_to_opaque_keys_corrupt_values_and_foreign_keys() {
    let ws = sample_workspace();
    assert_eq!(merge_external(&ws, "some.other.app", Some("x")), None);
    let raw = encode(StorageKey::Settings, &json!({ "acos_target": 0.25 })).unwrap();
    let outcome = merge_external(&ws, "opsbrief.v1.settings", Some(&raw)).unwrap();
    assert_eq!(outcome.workspace.settings, json!({ "acos_target": 0.25 }));
    assert_eq!(
        outcome.replaced_local.as_deref(),
        Some(r#"{"acos_target":0.22}"#)
    );
    assert!(!outcome.needs_save);

    let outcome = merge_external(&ws, "opsbrief.v1.actions", Some("garbage")).unwrap();
    assert_eq!(outcome.workspace, ws);
    assert!(outcome.needs_save);
    assert_eq!(outcome.problem.unwrap().recovery, Recovery::Quarantine);

    // Another tab cleared the key: ours is the last copy, so it is written back.
    let outcome = merge_external(&ws, "opsbrief.v1.oplog", None).unwrap();
    assert!(outcome.needs_save);
}
