//! The actions as text for Trello, which has no file import.
//!
//! Two forms, both copied to the clipboard and pasted:
//! - [`trello_text_to_cards`], for the **Text to Cards** Power-Up: the user opens the Power-Up on
//!   the board, picks the target list and pastes. Each card is a line `::Title @member #label
//!   $due:YYYY-MM-DD`, and the lines below it, up to the next `::`, become the card's description
//!   (problem, root cause, countermeasure, ASIN/SKU, meeting date). Labels with spaces are written
//!   `#{like this}`.
//! - [`trello_plain_list`], for Trello's own "add card" box: pasting several lines there offers to
//!   make one card per line, so each action is one line `[Owner] Title (due YYYY-MM-DD)`.
//!
//! Trello does not know the team's roster, so `@member` is the owner's Trello username when the
//! caller maps the owner's name to one, and otherwise the name with spaces removed (Text to Cards
//! also matches initials; an unknown name simply leaves the card unassigned). In user text the
//! characters the Power-Up reads as syntax are replaced by their full-width forms (`@` → `＠`,
//! `#` → `＃`, `:` in a title → `：`), so a note such as "#1 ASIN" cannot add a label, and a title
//! cannot cut itself short at a colon.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::lang::{ExportLang, Label};
use super::rows::{ActionRow, cut_chars};

/// Trello's limit on a card name, in characters (REST API: 1 to 16384); descriptions are kept
/// under the same number.
pub const TRELLO_MAX_CHARS: usize = 16_384;

/// The owners' Trello usernames, by the owner's name as the roster writes it.
pub type TrelloMembers = BTreeMap<String, String>;

/// The actions in the Text to Cards syntax, one card per action, in the order given.
pub fn trello_text_to_cards(
    rows: &[ActionRow],
    lang: ExportLang,
    members: &TrelloMembers,
) -> String {
    let mut out = String::new();
    for row in rows {
        let title = cut_chars(&neutral(&row.title).replace(':', "："), TRELLO_MAX_CHARS);
        let _ = write!(out, "::{title}");
        if let Some(owner) = &row.owner {
            let handle = members
                .get(owner)
                .map(|h| h.trim().trim_start_matches('@').to_string())
                .filter(|h| !h.is_empty())
                .unwrap_or_else(|| owner.split_whitespace().collect());
            if !handle.is_empty() {
                let _ = write!(out, " @{}", neutral(&handle));
            }
        }
        if let Some(topic) = row.topic {
            let _ = write!(out, " {}", label_token(lang.topic(topic)));
        }
        if let Some(due) = row.due {
            let _ = write!(out, " $due:{}", due.format("%Y-%m-%d"));
        }
        out.push('\n');
        let mut desc = String::new();
        for (label, text) in [
            (Label::Problem, row.problem.as_str()),
            (Label::RootCause, row.root_cause.as_str()),
            (Label::Countermeasure, row.countermeasure.as_str()),
            (Label::AsinSku, row.subject.as_deref().unwrap_or("")),
            (Label::Meeting, row.meeting_iso().as_str()),
        ] {
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if !text.is_empty() {
                let _ = writeln!(
                    desc,
                    "{}{}{}",
                    label.text(lang),
                    lang.colon(),
                    neutral(&text)
                );
            }
        }
        out += &cut_chars(&desc, TRELLO_MAX_CHARS);
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// The actions as one line each, for Trello's multi-line paste: `[Owner] Title (due YYYY-MM-DD)`.
pub fn trello_plain_list(rows: &[ActionRow], lang: ExportLang) -> String {
    let mut out = String::new();
    for row in rows {
        let owner = row
            .owner
            .as_deref()
            .unwrap_or_else(|| Label::NoOwner.text(lang));
        let title = row.title.split_whitespace().collect::<Vec<_>>().join(" ");
        let _ = write!(out, "[{}] {}", owner.trim(), title);
        if let Some(due) = row.due {
            let due = due.format("%Y-%m-%d");
            let _ = match lang {
                ExportLang::En => write!(out, " (due {due})"),
                ExportLang::Zh => write!(out, "（截止 {due}）"),
            };
        }
        out.push('\n');
    }
    out
}

/// `#label`, or `#{label}` when it holds a space or a brace the short form cannot carry.
fn label_token(label: &str) -> String {
    let label = label.replace(['{', '}'], "");
    if label.chars().any(char::is_whitespace) {
        format!("#{{{label}}}")
    } else {
        format!("#{label}")
    }
}

/// Replaces the characters Text to Cards reads as member or label markers, and a leading `::`.
fn neutral(text: &str) -> String {
    text.replace('@', "＠")
        .replace('#', "＃")
        .replace("::", "：：")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::ActionStatus;
    use crate::report::Topic;
    use chrono::NaiveDate;

    fn row() -> ActionRow {
        ActionRow {
            id: "a1".into(),
            title: "Fix #1 ASIN: price".into(),
            owner: Some("Li Lei".into()),
            due: NaiveDate::from_ymd_opt(2026, 9, 14),
            status: ActionStatus::Open,
            overdue: false,
            priority: None,
            topic: Some(Topic::Ads),
            subject: None,
            problem: "ACoS @ 38%".into(),
            root_cause: String::new(),
            countermeasure: String::new(),
            meeting_date: None,
            carried: 0,
        }
    }

    #[test]
    fn a_card_line_carries_member_label_and_due_date() {
        let text = trello_text_to_cards(&[row()], ExportLang::En, &TrelloMembers::new());
        assert_eq!(
            text,
            "::Fix ＃1 ASIN： price @LiLei #{Advertising and ACoS} $due:2026-09-14\nProblem: ACoS ＠ 38%\n"
        );
        let members = TrelloMembers::from([("Li Lei".to_string(), "@lilei88".to_string())]);
        let zh = trello_text_to_cards(&[row()], ExportLang::Zh, &members);
        assert!(zh.starts_with("::Fix ＃1 ASIN： price @lilei88 #广告与ACoS $due:2026-09-14\n"));
    }

    #[test]
    fn the_plain_list_is_one_line_per_action() {
        let mut undated = row();
        undated.due = None;
        undated.owner = None;
        let text = trello_plain_list(&[row(), undated], ExportLang::Zh);
        assert_eq!(
            text,
            "[Li Lei] Fix #1 ASIN: price（截止 2026-09-14）\n[未指定负责人] Fix #1 ASIN: price\n"
        );
    }
}
