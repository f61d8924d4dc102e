//! What the page hands to other tools: the weekly brief as text for chat tools and docs, and the
//! actions as files and text for Feishu/Lark Bitable, Excel/WPS and Trello.
//!
//! Every export is a pure function from the meeting and metrics model to a `String` or bytes; the UI
//! only puts the result on the clipboard or offers it as a download. Nothing is posted anywhere:
//! a webhook call from a static page would expose the webhook's key and is blocked by the browser,
//! so the user copies the text into the tool instead (shared/reference/interop.md §5–§6).
//!
//! The files, one format family each:
//! - `lang`: [`ExportLang`] and every label in English and Chinese;
//! - `rows`: [`ActionRow`], one action flattened with its owner's name and meeting date;
//! - `brief`: [`BriefInput`], what the weekly brief is written from;
//! - `chat`: the brief as compact Markdown, WeCom `markdown_v2` and DingTalk Markdown;
//! - `html`: the brief as clipboard HTML and its plain-text alternative;
//! - `sheet`: the actions as CSV (UTF-8 with BOM) and `.xlsx`, columns ready for a Bitable import;
//! - `trello`: the actions in Text to Cards syntax and as a one-card-per-line list.
//!
//! A typical use:
//! ```ignore
//! let rows = export::action_rows(&actions, &roster, &meetings, today);
//! let input = export::BriefInput::from_meeting(&meeting, "Acme", BriefMetrics::Live(&brief), &rows, Some("CNY"));
//! let wecom = export::brief_wecom_markdown_v2(&input, ExportLang::Zh);
//! let xlsx = export::actions_xlsx(&rows, ExportLang::Zh)?;
//! ```

mod brief;
mod chat;
mod html;
mod lang;
mod rows;
mod sheet;
mod trello;

pub use brief::{BriefInput, BriefMetrics, Decision, MeetingCost, decisions_of};
pub use chat::{
    DINGTALK_MAX_BYTES, WECOM_MAX_BYTES, brief_dingtalk_markdown, brief_markdown,
    brief_wecom_markdown_v2,
};
pub use html::{ClipboardBrief, brief_clipboard, brief_html, brief_plain_text, escape_html};
pub use lang::{ExportLang, Label, figure_name};
pub use rows::{ActionRow, Priority, TITLE_MAX_CHARS, action_rows, title_of};
pub use sheet::{SheetError, action_cells, action_columns, actions_csv, actions_xlsx};
pub use trello::{TRELLO_MAX_CHARS, TrelloMembers, trello_plain_list, trello_text_to_cards};
