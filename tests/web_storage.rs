//! Storage that loses nothing, in headless Chromium: a full quota, a corrupt value, and a change
//! made by another tab. Run with `cargo test -p opsbrief --target wasm32-unknown-unknown`.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use opsbrief::app::workspace::save_entries;
use opsbrief::browser::storage::{self, StorageError};
use opsbrief_domain::meeting::{Action, Member, PersonId, Role};
use opsbrief_domain::store::{StorageKey, decode, encode};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn clear() {
    let _ = local_storage().clear();
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn member(id: &str, name: &str) -> Member {
    let at = NaiveDate::from_ymd_opt(2026, 9, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    Member::new(PersonId::new(id), name, Role::Advertising, at)
}

fn stored_roster() -> Vec<Member> {
    let raw = storage::get(StorageKey::Roster.as_str()).expect("a stored roster");
    decode(StorageKey::Roster, &raw).expect("a readable roster")
}

/// Fills storage under a filler key until almost nothing is left, by halving the step.
fn fill_storage() {
    let storage = local_storage();
    let mut size = 0usize;
    let mut step = 8 * 1024 * 1024;
    while step >= 64 {
        let candidate = "x".repeat(size + step);
        if storage.set_item("opsbrief.test.filler", &candidate).is_ok() {
            size += step;
        } else {
            step /= 2;
        }
    }
}

async fn next_frame() {
    leptos::task::tick().await;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Mounts the app on the Meeting page; dropping the returned pair unmounts it.
async fn mount_meeting_page() -> (Box<dyn std::any::Any>, web_sys::Element) {
    let _ = web_sys::window().unwrap().location().set_hash("#/meeting");
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), opsbrief::app::App);
    next_frame().await;
    (Box::new(handle), host)
}

fn query(selector: &str) -> Option<web_sys::Element> {
    document().query_selector(selector).unwrap()
}

fn roster_names() -> Vec<String> {
    let rows = document()
        .query_selector_all("[data-member-id] input[data-field=name]")
        .unwrap();
    (0..rows.length())
        .filter_map(|i| rows.get(i))
        .map(|n| n.unchecked_into::<web_sys::HtmlInputElement>().value())
        .collect()
}

/// Types into the roster form and submits it, as a user would.
async fn add_member_through_the_form(name: &str) {
    let input: web_sys::HtmlInputElement =
        query("[data-testid=member-name]").unwrap().unchecked_into();
    input.set_value(name);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    let button: web_sys::HtmlElement = query("[data-action=add-member]").unwrap().unchecked_into();
    button.click();
    next_frame().await;
}

#[wasm_bindgen_test]
fn a_save_that_runs_out_of_quota_half_way_puts_back_what_it_wrote() {
    clear();
    let old_roster = encode(StorageKey::Roster, &vec![member("p1", "Ana")]).unwrap();
    storage::set(StorageKey::Roster.as_str(), &old_roster).unwrap();
    let mut saved = BTreeMap::from([(StorageKey::Roster, old_roster.clone())]);
    let new_roster = encode(
        StorageKey::Roster,
        &vec![member("p1", "Ana"), member("p2", "Bo")],
    )
    .unwrap();
    // The second entry cannot fit whatever is left, so the first must be undone.
    let huge = "y".repeat(12 * 1024 * 1024);
    let entries = vec![
        (StorageKey::Roster, new_roster),
        (StorageKey::Actions, huge),
    ];
    let result = save_entries(&entries, &mut saved, &BTreeSet::new());
    assert_eq!(result, Err(StorageError::QuotaExceeded));
    assert_eq!(
        storage::get(StorageKey::Roster.as_str()),
        Some(old_roster.clone()),
        "previous value kept"
    );
    assert_eq!(
        storage::get(StorageKey::Actions.as_str()),
        None,
        "nothing partial written"
    );
    assert_eq!(saved.get(&StorageKey::Roster), Some(&old_roster));
    clear();
}

#[wasm_bindgen_test]
async fn quota_exceeded_while_saving_keeps_the_previous_stored_value_and_reports() {
    clear();
    storage::set(
        StorageKey::Roster.as_str(),
        &encode(StorageKey::Roster, &vec![member("p1", "Ana")]).unwrap(),
    )
    .unwrap();
    let (handle, host) = mount_meeting_page().await;
    let before = storage::get(StorageKey::Roster.as_str());
    assert!(query("[data-testid=storage-problem]").is_none());

    fill_storage();
    add_member_through_the_form(&"B".repeat(20_000)).await;

    let banner = query("[data-testid=storage-problem]").expect("the quota message is shown");
    assert!(
        banner.text_content().unwrap().contains("full"),
        "{:?}",
        banner.text_content()
    );
    assert_eq!(
        storage::get(StorageKey::Roster.as_str()),
        before,
        "the stored roster is the previous one"
    );
    assert_eq!(roster_names().len(), 2, "the new member stays on the page");

    // Once there is room again, the next save goes through and the message goes away.
    storage::remove("opsbrief.test.filler");
    add_member_through_the_form("Cy").await;
    assert!(query("[data-testid=storage-problem]").is_none());
    assert_eq!(stored_roster().len(), 3);
    drop(handle);
    host.remove();
    clear();
}

#[wasm_bindgen_test]
async fn a_corrupt_stored_value_is_quarantined_and_the_rest_loads() {
    clear();
    storage::set(
        StorageKey::Roster.as_str(),
        &encode(StorageKey::Roster, &vec![member("p1", "Ana")]).unwrap(),
    )
    .unwrap();
    storage::set(
        StorageKey::Actions.as_str(),
        "{\"schema\": 2, \"data\": [oops",
    )
    .unwrap();
    let (handle, host) = mount_meeting_page().await;

    assert_eq!(roster_names(), ["Ana"], "the readable keys load");
    let banner = query("[data-testid=store-problems]").expect("the problem is reported");
    assert!(
        banner
            .query_selector("[data-key='opsbrief.v1.actions']")
            .unwrap()
            .is_some()
    );
    let storage = local_storage();
    let quarantined: Vec<String> = (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .filter(|k| k.starts_with("opsbrief.quarantine.opsbrief.v1.actions."))
        .collect();
    assert_eq!(quarantined.len(), 1, "one quarantine copy");
    assert_eq!(
        storage::get(&quarantined[0]).as_deref(),
        Some("{\"schema\": 2, \"data\": [oops")
    );
    // Only after the copy was made is the key written again, now readable.
    let actions: Vec<Action> = decode(
        StorageKey::Actions,
        &storage::get(StorageKey::Actions.as_str()).unwrap(),
    )
    .unwrap();
    assert!(actions.is_empty());
    drop(handle);
    host.remove();
    clear();
}

fn dispatch_storage_event(key: &str, new_value: &str) {
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(key));
    init.set_new_value(Some(new_value));
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn a_change_from_another_tab_merges_without_losing_a_local_edit() {
    clear();
    let (handle, host) = mount_meeting_page().await;
    add_member_through_the_form("Local").await;
    assert_eq!(stored_roster().len(), 1);

    // Another tab, which never saw "Local", saves its own roster.
    let theirs = encode(StorageKey::Roster, &vec![member("p-remote", "Remote")]).unwrap();
    local_storage()
        .set_item(StorageKey::Roster.as_str(), &theirs)
        .unwrap();
    dispatch_storage_event(StorageKey::Roster.as_str(), &theirs);
    next_frame().await;

    let mut names = roster_names();
    names.sort();
    assert_eq!(names, ["Local", "Remote"], "both edits are on the page");
    let mut stored: Vec<String> = stored_roster().into_iter().map(|m| m.name).collect();
    stored.sort();
    assert_eq!(
        stored,
        ["Local", "Remote"],
        "and written back, since storage lacked the local one"
    );

    // Both tabs now edit the same member: the newer edit wins and the other is shown, not lost.
    let mut remote_edit = stored_roster()
        .into_iter()
        .find(|m| m.name == "Remote")
        .unwrap();
    let name_input: web_sys::HtmlInputElement =
        query("[data-member-id='p-remote'] input[data-field=name]")
            .unwrap()
            .unchecked_into();
    name_input.set_value("Remote (edited here)");
    name_input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    next_frame().await;
    remote_edit.name = "Remote (edited there)".into();
    remote_edit.revision += 1;
    let with_conflict = encode(StorageKey::Roster, &vec![remote_edit]).unwrap();
    dispatch_storage_event(StorageKey::Roster.as_str(), &with_conflict);
    next_frame().await;
    let conflicts = query("[data-testid=conflicts]").expect("the conflict is shown");
    let text = conflicts.text_content().unwrap();
    assert!(
        text.contains("Remote (edited there)") || text.contains("Remote (edited here)"),
        "{text}"
    );
    assert_eq!(roster_names().len(), 2);

    drop(handle);
    host.remove();
    clear();
}
