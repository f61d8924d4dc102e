//! Sharing the weekly brief and the actions with the tools the team already uses: chat tools and
//! docs (Markdown flavours, rich text) and boards (CSV/xlsx for a Feishu Bitable, Trello's Text to
//! Cards). Every format is written by the domain (`opsbrief_domain::export`); this panel only
//! gathers the inputs and hands the result to the clipboard or a download.

use leptos::prelude::*;
use opsbrief_domain::export::{
    ActionRow, BriefInput, BriefMetrics, ExportLang, action_rows, actions_csv, actions_xlsx,
    brief_clipboard, brief_dingtalk_markdown, brief_markdown, brief_wecom_markdown_v2,
    trello_plain_list, trello_text_to_cards,
};
use opsbrief_domain::meeting::Meeting;

use crate::app::brief::BriefState;
use crate::app::state::AppState;
use crate::app::workspace::WorkspaceState;
use crate::browser::{clipboard, clock, download};
use crate::i18n::{Lang, ShareText, Translate};

/// What the last button did, shown in a live region.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Done(ShareText),
    Failed(String),
}

fn export_lang(lang: Lang) -> ExportLang {
    match lang {
        Lang::En => ExportLang::En,
        Lang::Zh => ExportLang::Zh,
    }
}

/// The meeting the brief describes: the newest by date (open or closed), if any.
fn latest_meeting(meetings: &[Meeting]) -> Option<&Meeting> {
    meetings.iter().max_by_key(|m| m.date())
}

/// Every action as export rows, in the order they were created.
fn all_action_rows() -> Vec<ActionRow> {
    let ws = WorkspaceState::get();
    ws.ws.with(|w| action_rows(&w.actions, &w.roster, &w.meetings, clock::today()))
}

/// Writes the brief in one format from the current data and the newest meeting.
fn with_brief_input<T>(write: impl FnOnce(&BriefInput<'_>) -> T) -> Option<T> {
    let ws = WorkspaceState::get();
    let brief = BriefState::get().brief.get_untracked();
    let rows = all_action_rows();
    ws.ws.with_untracked(|w| {
        let metrics = match &brief {
            Some(b) => BriefMetrics::Live(b),
            None => BriefMetrics::None,
        };
        let meeting = latest_meeting(&w.meetings);
        if brief.is_none() && meeting.is_none() {
            return None;
        }
        let input = match meeting {
            // A closed meeting is described by what it saw, not by today's data.
            Some(m) => match (m.closed(), &brief) {
                (Some(record), _) => {
                    BriefInput::from_meeting(m, "", BriefMetrics::Snapshot(&record.snapshot), &rows, None)
                }
                (None, _) => BriefInput::from_meeting(m, "", metrics, &rows, None),
            },
            None => BriefInput {
                shop: "",
                marketplace: brief.as_ref().and_then(|b| b.selection.marketplace),
                period: brief.as_ref().map(|b| b.selection.period),
                meeting_date: None,
                attendees: &[],
                cost: None,
                metrics,
                decisions: Vec::new(),
                notes: "",
                actions: &rows,
                action_stats: None,
            },
        };
        Some(write(&input))
    })
}

/// The share panel: brief formats and action exports.
#[component]
pub fn SharePanel() -> impl IntoView {
    let app = AppState::get();
    let outcome = RwSignal::new(None::<Outcome>);
    let lang = move || export_lang(app.lang.get_untracked());

    let copy_brief = move |write: fn(&BriefInput<'_>, ExportLang) -> String| {
        let result = match with_brief_input(|input| write(input, lang())) {
            Some(text) => clipboard::copy(&text, None).map(|()| ShareText::Copied),
            None => Err(ShareText::NothingYet.get(app.lang.get_untracked()).to_string()),
        };
        outcome.set(Some(result.map_or_else(Outcome::Failed, Outcome::Done)));
    };
    let copy_rich = move |_| {
        let result = match with_brief_input(|input| brief_clipboard(input, lang())) {
            Some(c) => clipboard::copy(&c.text, Some(&c.html)).map(|()| ShareText::Copied),
            None => Err(ShareText::NothingYet.get(app.lang.get_untracked()).to_string()),
        };
        outcome.set(Some(result.map_or_else(Outcome::Failed, Outcome::Done)));
    };
    let download_md = move |_| {
        let result = match with_brief_input(|input| brief_markdown(input, lang())) {
            Some(text) => download::download_text(&format!("opsbrief-brief-{}.md", download::file_date()), "text/markdown", &text)
                .map(|()| ShareText::Downloaded)
                .map_err(|e| format!("{e:?}")),
            None => Err(ShareText::NothingYet.get(app.lang.get_untracked()).to_string()),
        };
        outcome.set(Some(result.map_or_else(Outcome::Failed, Outcome::Done)));
    };
    let actions_file = move |xlsx: bool| {
        let rows = all_action_rows();
        let name = format!("opsbrief-actions-{}.{}", download::file_date(), if xlsx { "xlsx" } else { "csv" });
        let result = if xlsx {
            actions_xlsx(&rows, lang()).map_err(|e| e.to_string()).and_then(|bytes| {
                download::download_bytes(
                    &name,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    &bytes,
                )
                .map_err(|e| format!("{e:?}"))
            })
        } else {
            download::download_text(&name, "text/csv;charset=utf-8", &actions_csv(&rows, lang())).map_err(|e| format!("{e:?}"))
        };
        outcome.set(Some(result.map(|()| ShareText::Downloaded).map_or_else(Outcome::Failed, Outcome::Done)));
    };
    let copy_actions = move |trello: bool| {
        let rows = all_action_rows();
        let text = if trello {
            trello_text_to_cards(&rows, lang(), &Default::default())
        } else {
            trello_plain_list(&rows, lang())
        };
        let result = clipboard::copy(&text, None).map(|()| ShareText::Copied);
        outcome.set(Some(result.map_or_else(Outcome::Failed, Outcome::Done)));
    };

    let t = move |text: ShareText| app.t(text);
    view! {
        <section class="share no-print" aria-labelledby="share-title" data-testid="share">
            <h3 id="share-title">{t(ShareText::Title)}</h3>
            <p class="intro">{t(ShareText::Intro)}</p>
            <div class="share-groups">
                <fieldset>
                    <legend>{t(ShareText::BriefGroup)}</legend>
                    <button type="button" class="secondary" data-action="copy-markdown" on:click=move |_| copy_brief(brief_markdown)>
                        {t(ShareText::CopyMarkdown)}
                    </button>
                    <button type="button" class="secondary" data-action="copy-wecom" on:click=move |_| copy_brief(brief_wecom_markdown_v2)>
                        {t(ShareText::CopyWecom)}
                    </button>
                    <button type="button" class="secondary" data-action="copy-dingtalk" on:click=move |_| copy_brief(brief_dingtalk_markdown)>
                        {t(ShareText::CopyDingtalk)}
                    </button>
                    <button type="button" class="secondary" data-action="copy-rich-text" on:click=copy_rich>
                        {t(ShareText::CopyRichText)}
                    </button>
                    <button type="button" class="secondary" data-action="download-markdown" on:click=download_md>
                        {t(ShareText::DownloadMarkdown)}
                    </button>
                </fieldset>
                <fieldset>
                    <legend>{t(ShareText::ActionsGroup)}</legend>
                    <button type="button" class="secondary" data-action="export-actions-csv" on:click=move |_| actions_file(false)>
                        {t(ShareText::ActionsCsv)}
                    </button>
                    <button type="button" class="secondary" data-action="export-actions-xlsx" on:click=move |_| actions_file(true)>
                        {t(ShareText::ActionsXlsx)}
                    </button>
                    <button type="button" class="secondary" data-action="copy-trello" on:click=move |_| copy_actions(true)>
                        {t(ShareText::CopyTrello)}
                    </button>
                    <button type="button" class="secondary" data-action="copy-plain-list" on:click=move |_| copy_actions(false)>
                        {t(ShareText::CopyPlainList)}
                    </button>
                </fieldset>
            </div>
            <p class="status" role="status" aria-live="polite" data-testid="share-status">
                {move || match outcome.get() {
                    Some(Outcome::Done(text)) => t(text)().to_string(),
                    Some(Outcome::Failed(detail)) => format!("{} {detail}", t(ShareText::Failed)()),
                    None => String::new(),
                }}
            </p>
        </section>
    }
}
