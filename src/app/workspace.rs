//! The stored workspace (roster, meetings, actions, operation log, settings, language), loaded once
//! at start and kept in sync with localStorage and with other tabs.
//!
//! The rules of the schema (envelopes, migrations, what is corrupt, how two versions merge) are the
//! domain's ([`opsbrief_domain::store`]); this file only wires them to the browser, in an order that
//! loses nothing:
//! 1. every key is read and [`Workspace::load`] reports what it could not read;
//! 2. the raw text of each unreadable value is copied to its quarantine key *before* anything is
//!    saved, and a key whose copy could not be made is never written;
//! 3. one effect saves the entries that changed after each edit, all or nothing: when the quota
//!    runs out half-way, the keys already written are put back, so storage keeps the previous data
//!    and the page keeps the new data in memory;
//! 4. a `storage` event from another tab is merged with [`merge_external`], and records both tabs
//!    edited are shown as conflicts, with the version that was not kept.

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;
use opsbrief_domain::store::{
    Conflict, Recovery, Side, StorageKey, StoreProblem, Workspace, merge_external,
};

use crate::app::state::AppState;
use crate::browser::clock;
use crate::browser::storage::{self, StorageError};
use crate::i18n::{Lang, MeetingText, Text};

/// A stored value that could not be loaded, as shown in the banner.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadIssue {
    pub key: StorageKey,
    /// The domain's explanation (English).
    pub message: String,
    /// Where the raw text was copied, when it was.
    pub quarantined_as: Option<String>,
    /// The value came from a newer version of OpsBrief and was left untouched.
    pub kept_aside: bool,
}

/// The stored workspace and what happened to it, shared through context.
#[derive(Clone, Copy)]
pub struct WorkspaceState {
    /// All the stored data. Every edit goes through the domain's methods on it.
    pub ws: RwSignal<Workspace>,
    /// Values that could not be loaded (or arrived unreadable from another tab).
    pub issues: RwSignal<Vec<LoadIssue>>,
    /// Records both tabs edited independently; the version not kept is shown so it is not lost.
    pub conflicts: RwSignal<Vec<Conflict>>,
    /// How many changes from other tabs were merged, for the status line.
    pub external_merges: RwSignal<u32>,
    /// The raw values believed to be in storage, per key, so unchanged values are not rewritten
    /// and a failed save can be undone.
    saved: StoredValue<BTreeMap<StorageKey, String>>,
    /// Keys that must not be written: their unreadable value could not be quarantined.
    held: StoredValue<BTreeSet<StorageKey>>,
}

/// Copies the raw text of unreadable values to their quarantine keys and returns the issues to
/// show, adding to `held` every key whose copy failed (it must then never be overwritten).
fn quarantine(problems: &[StoreProblem], held: &mut BTreeSet<StorageKey>) -> Vec<LoadIssue> {
    let now = clock::now();
    problems
        .iter()
        .map(|p| {
            let quarantined_as = match p.quarantine_entry(now) {
                Some((key, raw)) => match storage::set(&key, &raw) {
                    Ok(()) => Some(key),
                    Err(_) => {
                        held.insert(p.key);
                        None
                    }
                },
                None => None,
            };
            LoadIssue {
                key: p.key,
                message: p.error.to_string(),
                quarantined_as,
                kept_aside: p.recovery == Recovery::KeptAside,
            }
        })
        .collect()
}

/// Loads the workspace, quarantines what could not be read, and provides the state as context.
/// Nothing is saved yet: [`WorkspaceState::connect`] starts saving once the app state exists.
pub fn load() -> WorkspaceState {
    let (workspace, problems) = Workspace::load(storage::get);
    let saved: BTreeMap<StorageKey, String> = StorageKey::ALL
        .into_iter()
        .filter_map(|key| Some((key, storage::get(key.as_str())?)))
        .collect();
    let mut held = BTreeSet::new();
    let issues = quarantine(&problems, &mut held);
    let state = WorkspaceState {
        ws: RwSignal::new(workspace),
        issues: RwSignal::new(issues),
        conflicts: RwSignal::new(Vec::new()),
        external_merges: RwSignal::new(0),
        saved: StoredValue::new(saved),
        held: StoredValue::new(held),
    };
    provide_context(state);
    state
}

/// Writes the entries whose value differs from `saved`, all or nothing. On a failure the keys
/// already written get their previous value back (or are removed if they had none), so storage
/// is never left half old, half new; `saved` then still describes what is stored.
pub fn save_entries(
    entries: &[(StorageKey, String)],
    saved: &mut BTreeMap<StorageKey, String>,
    held: &BTreeSet<StorageKey>,
) -> Result<usize, StorageError> {
    let mut written: Vec<StorageKey> = Vec::new();
    for (key, raw) in entries {
        if held.contains(key) || saved.get(key) == Some(raw) {
            continue;
        }
        if let Err(error) = storage::set(key.as_str(), raw) {
            for done in written {
                match saved.get(&done) {
                    Some(previous) => {
                        // The previous value fitted before this save started, so it fits again.
                        let _ = storage::set(done.as_str(), previous);
                    }
                    None => storage::remove(done.as_str()),
                }
            }
            return Err(error);
        }
        written.push(*key);
    }
    for (key, raw) in entries {
        if written.contains(key) {
            saved.insert(*key, raw.clone());
        }
    }
    Ok(written.len())
}

impl WorkspaceState {
    /// The state provided by [`load`].
    pub fn get() -> WorkspaceState {
        expect_context::<WorkspaceState>()
    }

    /// Applies `edit` to the workspace and returns its result. Every change the pages make goes
    /// through here (and so through the one save effect).
    pub fn edit<R>(self, edit: impl FnOnce(&mut Workspace) -> R) -> Option<R> {
        self.ws.try_update(edit)
    }

    /// The language stored in the workspace, if it names one the UI speaks.
    pub fn stored_lang(self) -> Option<Lang> {
        self.ws
            .with_untracked(|ws| ws.lang.as_deref().and_then(Lang::from_tag))
    }

    /// Starts keeping storage in step with the workspace: the one save effect, the listener for
    /// other tabs, the language mirror, and the request for persistent storage.
    pub fn connect(self, app: AppState) {
        // The language's one source of truth is `app.lang`; the workspace carries it into storage
        // in its envelope, so it is saved, backed up and merged like everything else.
        Effect::new(move |_| {
            let tag = app.lang.get().tag();
            if self.ws.with_untracked(|ws| ws.lang.as_deref() != Some(tag)) {
                self.ws.update(|ws| ws.lang = Some(tag.to_string()));
            }
        });

        Effect::new(move |_| {
            let entries = match self.ws.with(Workspace::to_entries) {
                Ok(entries) => entries,
                Err(error) => {
                    leptos::logging::error!("OpsBrief could not encode its data: {error}");
                    return;
                }
            };
            let held = self.held.get_value();
            let mut saved = self.saved.get_value();
            match save_entries(&entries, &mut saved, &held) {
                Ok(_) => {
                    self.saved.set_value(saved);
                    if app.storage_problem.get_untracked() == Some(Text::StorageFull) {
                        app.storage_problem.set(None);
                    }
                }
                Err(StorageError::QuotaExceeded) => {
                    app.storage_problem.set(Some(Text::StorageFull))
                }
                Err(_) => app.storage_problem.set(Some(Text::StorageUnavailable)),
            }
        });

        let listener = window_event_listener(leptos::ev::storage, move |event| {
            let Some(key) = event.key() else {
                // Another tab cleared all storage: this tab's copy is the only one left.
                self.saved.set_value(BTreeMap::new());
                self.ws.update(|_| {});
                return;
            };
            self.merge_from_other_tab(app, &key, event.new_value());
        });
        on_cleanup(move || listener.remove());

        request_persistence();
    }

    /// Merges a value another tab wrote under `key` into this tab's workspace.
    pub fn merge_from_other_tab(self, app: AppState, key: &str, new_value: Option<String>) {
        let local = self.ws.get_untracked();
        let Some(outcome) = merge_external(&local, key, new_value.as_deref()) else {
            return;
        };
        let key = outcome.key;
        if let Some(problem) = &outcome.problem {
            let mut held = self.held.get_value();
            let issues = quarantine(std::slice::from_ref(problem), &mut held);
            self.held.set_value(held);
            self.issues.update(|all| all.extend(issues));
        }
        self.saved.update_value(|saved| {
            match &new_value {
                Some(raw) => saved.insert(key, raw.clone()),
                None => saved.remove(&key),
            };
            // When the stored value already holds everything, remember our own encoding of it as
            // stored, so a mere difference of order between tabs never sets off a write.
            if !outcome.needs_save
                && outcome.problem.is_none()
                && let Ok(Some(ours)) = outcome.workspace.entry(key)
            {
                saved.insert(key, ours);
            }
        });
        let mut conflicts = outcome.report.conflicts.clone();
        if let (Some(replaced), Some(incoming)) = (&outcome.replaced_local, &new_value) {
            conflicts.push(Conflict {
                key,
                id: String::new(),
                kept: Side::Incoming,
                local: replaced.clone(),
                incoming: incoming.clone(),
            });
        }
        if !conflicts.is_empty() {
            self.conflicts.update(|all| all.extend(conflicts));
        }
        let lang = outcome.workspace.lang.as_deref().and_then(Lang::from_tag);
        self.ws.set(outcome.workspace);
        self.external_merges.update(|n| *n += 1);
        if key == StorageKey::Lang
            && let Some(lang) = lang
            && app.lang.get_untracked() != lang
        {
            app.lang.set(lang);
        }
    }
}

/// Asks the browser to keep this page's storage under storage pressure. Browsers may refuse or
/// not support it; either way the page works as before, so the answer is ignored.
fn request_persistence() {
    if let Some(window) = web_sys::window()
        && let Ok(promise) = window.navigator().storage().persist()
    {
        leptos::task::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}

/// The banners about stored data: values that could not be loaded, conflicts with another tab,
/// and the reminder to back up.
#[component]
pub fn WorkspaceBanners() -> impl IntoView {
    let app = AppState::get();
    let state = WorkspaceState::get();
    let t = move |text: MeetingText| app.t(text);
    let backup_due = move || state.ws.with(|ws| ws.backup_due(clock::today()));
    view! {
        <Show when=move || !state.issues.with(Vec::is_empty)>
            <section class="banner warning store-problems" role="alert" data-testid="store-problems">
                <p>{t(MeetingText::LoadProblemsTitle)}</p>
                <ul>
                    {move || {
                        state
                            .issues
                            .get()
                            .into_iter()
                            .map(|issue| {
                                let kept = if issue.kept_aside {
                                    Some(t(MeetingText::KeptAside)().to_string())
                                } else {
                                    issue
                                        .quarantined_as
                                        .clone()
                                        .map(|q| format!("{} {q}", t(MeetingText::QuarantinedAs)()))
                                };
                                view! {
                                    <li data-key=issue.key.as_str()>
                                        <code>{issue.key.as_str()}</code>": "{issue.message.clone()}" "
                                        {kept}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <button type="button" data-action="dismiss-store-problems" on:click=move |_| state.issues.set(Vec::new())>
                    {t(MeetingText::Dismiss)}
                </button>
            </section>
        </Show>
        <Show when=move || !state.conflicts.with(Vec::is_empty)>
            <section class="banner warning conflicts" role="alert" data-testid="conflicts">
                <p>{t(MeetingText::ConflictsTitle)}</p>
                <ul>
                    {move || {
                        state
                            .conflicts
                            .get()
                            .into_iter()
                            .map(|c| {
                                let (kept, lost) = match c.kept {
                                    Side::Local => (MeetingText::KeptThisTab, c.incoming.clone()),
                                    Side::Incoming => (MeetingText::KeptOtherTab, c.local.clone()),
                                };
                                view! {
                                    <li data-key=c.key.as_str() data-id=c.id.clone()>
                                        <code>{c.key.as_str()}</code>" "{c.id.clone()}": "{t(kept)}
                                        <details>
                                            <summary>{t(MeetingText::VersionNotKept)}</summary>
                                            <pre class="conflict-json">{lost}</pre>
                                        </details>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <button type="button" data-action="dismiss-conflicts" on:click=move |_| state.conflicts.set(Vec::new())>
                    {t(MeetingText::Dismiss)}
                </button>
            </section>
        </Show>
        <Show when=backup_due>
            <p class="banner warning no-print" role="status" data-testid="backup-nag">
                {t(MeetingText::BackupNag)}" "
                <a href="#/settings">{t(MeetingText::GoToBackup)}</a>
            </p>
        </Show>
        <p class="visually-hidden" role="status" data-testid="external-merges" data-count=move || state.external_merges.get()>
            {move || (state.external_merges.get() > 0).then(|| t(MeetingText::UpdatedFromOtherTab)())}
        </p>
    }
}
