//! Backup and restore of everything the page keeps, shown on the Settings page.
//!
//! localStorage belongs to one browser profile; the backup file is the user's own copy. Restoring
//! checks the file first (the domain's [`Backup::parse`]), shows what it holds, then replaces or
//! merges as the user chooses.

use leptos::prelude::*;
use leptos::task::spawn_local;
use opsbrief_domain::store::{Backup, RestoreMode};


use crate::app::state::AppState;
use crate::app::workspace::WorkspaceState;
use crate::browser::{clock, download, files};
use crate::i18n::MeetingText;

#[component]
pub fn BackupPanel() -> impl IntoView {
    let app = AppState::get();
    let state = WorkspaceState::get();
    let t = move |text: MeetingText| app.t(text);
    let message = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(None::<(String, Backup)>);
    let input_ref = NodeRef::<leptos::html::Input>::new();

    let make_backup = move |_| {
        let now = clock::now();
        let json = state.ws.with_untracked(|ws| Backup::new(ws, now).to_json());
        let name = format!("opsbrief-backup-{}.json", now.format("%Y-%m-%d"));
        match json
            .map_err(|e| e.to_string())
            .and_then(|j| download::download_text(&name, "application/json", &j).map_err(|e| format!("{e:?}")))
        {
            Ok(()) => {
                state.edit(|ws| ws.record_backup(now));
                error.set(None);
                message.set(Some(format!("{} {name}", t(MeetingText::BackupSaved)())));
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let pick = move |_| {
        let Some(input) = input_ref.get() else { return };
        let Some(file) = input.files().and_then(|l| l.get(0)) else {
            return;
        };
        input.set_value("");
        spawn_local(async move {
            match files::read_file(&file).await {
                Ok(bytes) => match Backup::parse(&String::from_utf8_lossy(&bytes)) {
                    Ok(backup) => {
                        error.set(None);
                        pending.set(Some((file.name(), backup)));
                    }
                    Err(e) => {
                        pending.set(None);
                        error.set(Some(format!("{}: {e}", file.name())));
                    }
                },
                Err(e) => error.set(Some(format!("{}: {}", e.name, e.message))),
            }
        });
    };
    let restore = move |mode: RestoreMode| {
        let Some((_, backup)) = pending.get_untracked() else {
            return;
        };
        let local = state.ws.get_untracked();
        let (restored, report) = backup.apply(&local, mode);
        let total = report.total();
        state.ws.set(restored);
        if !total.conflicts.is_empty() {
            state
                .conflicts
                .update(|c| c.extend(total.conflicts.clone()));
        }
        pending.set(None);
        message.set(Some(format!(
            "{} — {}: {}, {}: {}, {}: {}, {}: {}",
            t(MeetingText::Restored)(),
            t(MeetingText::Added)(),
            total.added,
            t(MeetingText::Updated)(),
            total.updated,
            t(MeetingText::KeptLocal)(),
            total.kept_local,
            t(MeetingText::Conflicts)(),
            total.conflicts.len()
        )));
    };
    let last = move || {
        state.ws.with(|ws| {
            ws.last_backup
                .map(|at| at.format("%Y-%m-%d %H:%M").to_string())
        })
    };
    let due = move || state.ws.with(|ws| ws.backup_due(clock::today()));

    view! {
        <section class="backup card" data-testid="backup" aria-labelledby="backup-title">
            <h3 id="backup-title">{t(MeetingText::BackupTitle)}</h3>
            <p data-testid="last-backup">
                {t(MeetingText::LastBackup)}": "
                <strong>{move || last().unwrap_or_else(|| t(MeetingText::Never)().to_string())}</strong>
                {move || due().then(|| view! { " " <strong class="overdue-marker">"⚠ "{t(MeetingText::BackupDue)}</strong> })}
            </p>
            <div class="buttons">
                <button type="button" data-action="download-backup" on:click=make_backup>{t(MeetingText::DownloadBackup)}</button>
                <label class="button secondary">
                    {t(MeetingText::RestoreFromFile)}
                    <input node_ref=input_ref class="visually-hidden" type="file" accept=".json,application/json" data-testid="restore-input" on:change=pick />
                </label>
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert" data-testid="restore-error">{e}</p> })}
            {move || message.get().map(|m| view! { <p class="ok" role="status" data-testid="backup-message">{m}</p> })}
            {move || pending.get().map(|(name, backup)| {
                let p = backup.preview();
                view! {
                    <div class="restore-preview" data-testid="restore-preview">
                        <p><strong>{name}</strong>" · "{t(MeetingText::BackupMadeOn)}" "{p.created_at.format("%Y-%m-%d %H:%M").to_string()}</p>
                        <ul>
                            <li>{t(MeetingText::RosterTitle)}": "{p.roster}</li>
                            <li>{t(MeetingText::MeetingsTitle)}": "{p.meetings}" ("{p.closed_meetings}" "{t(MeetingText::Closed)}")"</li>
                            <li>{t(MeetingText::NavActionsShort)}": "{p.actions}" ("{p.open_actions}" "{t(MeetingText::StatusOpen)}")"</li>
                            <li>{t(MeetingText::OpLogTitle)}": "{p.oplog}</li>
                            {p.meeting_dates.map(|d| view! { <li>{t(MeetingText::MeetingDate)}": "{d.from.to_string()}" – "{d.to.to_string()}</li> })}
                        </ul>
                        <div class="buttons">
                            <button type="button" class="danger" data-action="restore-replace" on:click=move |_| restore(RestoreMode::Replace)>{t(MeetingText::RestoreReplace)}</button>
                            <button type="button" data-action="restore-merge" on:click=move |_| restore(RestoreMode::Merge)>{t(MeetingText::RestoreMerge)}</button>
                            <button type="button" class="secondary" data-action="restore-cancel" on:click=move |_| pending.set(None)>{t(MeetingText::Cancel)}</button>
                        </div>
                        <p class="muted">{t(MeetingText::ReplaceExplained)}</p>
                    </div>
                }
            })}
        </section>
    }
}
