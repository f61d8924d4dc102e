//! The weekly brief as Markdown, in the three flavours the chat tools take.
//!
//! - [`brief_markdown`]: compact Markdown with headings, for chat tools that render Markdown and for
//!   the "Download .md" button, whose file a Feishu user imports as a doc (导入 → Markdown; the
//!   file's suffix must be `.md`). Feishu *bot cards* do not render `#` headings, so this flavour is
//!   meant for docs and ordinary Markdown renderers, not for a Feishu card.
//! - [`brief_wecom_markdown_v2`]: the WeCom (企业微信) group bot's `markdown_v2` message, which
//!   renders tables. The user copies it into the tool that posts to their group bot (the page itself
//!   does not post: the webhook would expose its key and the browser blocks the request anyway).
//!   WeCom's `markdown` content is limited to 4096 bytes of UTF-8, so the text is kept under that.
//! - [`brief_dingtalk_markdown`]: the DingTalk (钉钉) robot's `markdown` message, which renders
//!   headings, bold, quotes and lists but no tables, so every table becomes a list. Copied the same
//!   way as the WeCom one.
//!
//! User text (titles, names, decisions, notes) is written as typed with its line breaks folded to
//! spaces, so a note cannot start a heading or break a list; inside table cells `|` becomes the
//! full-width `｜`, since the bot renderers do not document a backslash escape.

use super::brief::{BriefDoc, BriefInput, build, status_marker};
use super::lang::{ExportLang, Label};

/// The size limit of a WeCom group bot Markdown message: 4096 bytes of UTF-8 (WeCom's bot
/// documentation; interop.md lists the syntax but not the limit).
pub const WECOM_MAX_BYTES: usize = 4096;

/// The size the DingTalk text is kept under. DingTalk documents no limit that we found
/// (interop.md: unverified), so this is a conservative cap, not a documented one.
pub const DINGTALK_MAX_BYTES: usize = 20_000;

/// The weekly brief as compact Markdown (headings, scorecard, key figures, decisions, actions,
/// notes). Not size-limited: it is also the `.md` file.
pub fn brief_markdown(input: &BriefInput<'_>, lang: ExportLang) -> String {
    let doc = build(input, lang);
    let blocks = list_blocks(&doc, lang, Flavour::Compact);
    blocks
        .into_iter()
        .map(|b| b.text)
        .collect::<Vec<_>>()
        .join("\n\n")
        + "\n"
}

/// The weekly brief as a WeCom `markdown_v2` message with tables, within [`WECOM_MAX_BYTES`].
pub fn brief_wecom_markdown_v2(input: &BriefInput<'_>, lang: ExportLang) -> String {
    let doc = build(input, lang);
    let mut blocks = vec![Block::keep(format!("# {}", inline(&doc.title)))];
    if !doc.meta.is_empty() {
        blocks.push(Block::keep(meta_lines(&doc, lang)));
    }
    if !doc.scorecard.is_empty() {
        let mut t = format!("## {}\n", Label::Scorecard.text(lang));
        t += &table_row(&[
            Label::Topic.text(lang),
            Label::Status.text(lang),
            Label::KeyFigures.text(lang),
        ]);
        t += "| :--- | :--- | :--- |\n";
        for s in &doc.scorecard {
            t += &table_row(&[
                s.topic,
                &format!("{} {}", status_marker(s.status), s.status_word),
                &s.headline,
            ]);
        }
        if let Some(note) = doc.scorecard_note {
            t += &format!("\n> {note}\n");
        }
        blocks.push(Block::keep(t.trim_end().to_string()));
    }
    blocks.push(Block::keep(decision_list(&doc, lang, "##")));
    let mut t = format!("## {}\n", Label::Actions.text(lang));
    if doc.actions.is_empty() {
        t += Label::NoActions.text(lang);
    } else {
        t += &table_row(&[
            Label::Title.text(lang),
            Label::Owner.text(lang),
            Label::DueDate.text(lang),
            Label::Status.text(lang),
        ]);
        t += "| :--- | :--- | :--- | :--- |\n";
        for a in &doc.actions {
            t += &table_row(&[&a.title, &a.owner, &a.due, &a.status]);
        }
    }
    blocks.push(Block::keep(t.trim_end().to_string()));
    if !doc.figures.is_empty() {
        let mut t = format!("## {}\n", Label::KeyFigures.text(lang));
        t += &table_row(&[
            Label::Topic.text(lang),
            Label::Figure.text(lang),
            Label::Value.text(lang),
        ]);
        t += "| :--- | :--- | ---: |\n";
        for f in &doc.figures {
            t += &table_row(&[f.topic, f.name, &f.value]);
        }
        blocks.push(Block::optional(t.trim_end().to_string()));
    }
    if !doc.notes.is_empty() {
        blocks.push(Block::optional(notes_list(&doc, lang, "##")));
    }
    fit(blocks, WECOM_MAX_BYTES, lang)
}

/// The weekly brief as a DingTalk robot `markdown` text: headings and lists, no tables, within
/// [`DINGTALK_MAX_BYTES`].
pub fn brief_dingtalk_markdown(input: &BriefInput<'_>, lang: ExportLang) -> String {
    let doc = build(input, lang);
    fit(
        list_blocks(&doc, lang, Flavour::DingTalk),
        DINGTALK_MAX_BYTES,
        lang,
    )
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavour {
    Compact,
    DingTalk,
}

/// A section of a message; `optional` ones are left out first when the message is too long.
struct Block {
    text: String,
    optional: bool,
}

impl Block {
    fn keep(text: String) -> Block {
        Block {
            text,
            optional: false,
        }
    }
    fn optional(text: String) -> Block {
        Block {
            text,
            optional: true,
        }
    }
}

/// The sections written as headings and lists (the compact Markdown and DingTalk).
fn list_blocks(doc: &BriefDoc, lang: ExportLang, flavour: Flavour) -> Vec<Block> {
    let mut blocks = vec![Block::keep(format!("## {}", inline(&doc.title)))];
    if !doc.meta.is_empty() {
        blocks.push(Block::keep(meta_lines(doc, lang)));
    }
    if !doc.scorecard.is_empty() {
        let mut t = format!("### {}\n", Label::Scorecard.text(lang));
        for s in &doc.scorecard {
            t += &format!(
                "- {} **{}**{}{}",
                status_marker(s.status),
                s.topic,
                lang.colon(),
                s.status_word
            );
            if !s.headline.is_empty() {
                t += &format!(" — {}", s.headline);
            }
            t.push('\n');
        }
        if let Some(note) = doc.scorecard_note {
            t += &format!("\n> {note}\n");
        }
        blocks.push(Block::keep(t.trim_end().to_string()));
    }
    if !doc.figures.is_empty() {
        let mut t = format!("### {}\n", Label::KeyFigures.text(lang));
        let mut current = "";
        for f in &doc.figures {
            if f.topic != current {
                current = f.topic;
                t += &format!("- **{}**\n", f.topic);
            }
            t += &format!("  - {}{}{}", f.name, lang.colon(), f.value);
            if let Some(target) = &f.target {
                t += &format!(" ({} {target})", Label::Target.text(lang));
            }
            if let Some(word) = f.status_word {
                t += &format!(" · {word}");
            }
            t.push('\n');
        }
        // The key figures repeat the scorecard's numbers in detail; in a size-limited message they
        // are the first thing to go.
        blocks.push(Block {
            text: t.trim_end().to_string(),
            optional: flavour == Flavour::DingTalk,
        });
    }
    blocks.push(Block::keep(decision_list(doc, lang, "###")));
    let mut t = format!("### {}\n", Label::Actions.text(lang));
    if doc.actions.is_empty() {
        t += Label::NoActions.text(lang);
    }
    for (i, a) in doc.actions.iter().enumerate() {
        t += &format!(
            "{}. **{}** — {}{}{} · {}{}{} · {} · {}",
            i + 1,
            inline(&a.title),
            Label::Owner.text(lang),
            lang.colon(),
            inline(&a.owner),
            Label::DueDate.text(lang),
            lang.colon(),
            a.due,
            a.status,
            a.topic
        );
        if let Some(subject) = &a.subject {
            t += &format!(" · {}", inline(subject));
        }
        t.push('\n');
    }
    blocks.push(Block::keep(t.trim_end().to_string()));
    if !doc.notes.is_empty() {
        blocks.push(Block::optional(notes_list(doc, lang, "###")));
    }
    blocks
}

fn meta_lines(doc: &BriefDoc, lang: ExportLang) -> String {
    doc.meta
        .iter()
        .map(|(label, value)| format!("- **{label}**{}{}", lang.colon(), inline(value)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `heading` is the Markdown heading marker of a section in the flavour at hand.
fn decision_list(doc: &BriefDoc, lang: ExportLang, heading: &str) -> String {
    let mut t = format!("{heading} {}\n", Label::Decisions.text(lang));
    if doc.decisions.is_empty() {
        t += Label::NoDecisions.text(lang);
    }
    for d in &doc.decisions {
        t += &format!("- [{}] {}\n", d.topic, inline(&d.text));
    }
    t.trim_end().to_string()
}

fn notes_list(doc: &BriefDoc, lang: ExportLang, heading: &str) -> String {
    let mut t = format!("{heading} {}\n", Label::Notes.text(lang));
    for n in &doc.notes {
        t += &format!("- {}\n", inline(n));
    }
    t.trim_end().to_string()
}

/// Folds line breaks and runs of spaces into one space, so user text stays on its line.
pub(crate) fn inline(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One Markdown table row; `|` inside a cell becomes `｜` so the cell cannot split.
fn table_row(cells: &[&str]) -> String {
    let cells: Vec<String> = cells
        .iter()
        .map(|c| {
            let c = inline(c).replace('|', "｜");
            if c.is_empty() { "-".to_string() } else { c }
        })
        .collect();
    format!("| {} |\n", cells.join(" | "))
}

/// Joins the blocks within `max_bytes`: first whole, then without the optional blocks, then cut
/// at a line boundary; whenever something is left out the message ends with a note saying so.
fn fit(blocks: Vec<Block>, max_bytes: usize, lang: ExportLang) -> String {
    let join = |blocks: &[&Block]| {
        blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    let all: Vec<&Block> = blocks.iter().collect();
    let full = join(&all);
    if full.len() <= max_bytes {
        return full;
    }
    let note = format!("\n\n> {}", Label::Truncated.text(lang));
    let kept: Vec<&Block> = blocks.iter().filter(|b| !b.optional).collect();
    let essential = join(&kept);
    if essential.len() + note.len() <= max_bytes {
        return essential + &note;
    }
    cut_lines(&essential, max_bytes.saturating_sub(note.len())) + &note
}

/// The longest prefix of whole lines of `text` within `max_bytes`. Whole lines keep tables and
/// lists well formed and never split a UTF-8 character.
pub(crate) fn cut_lines(text: &str, max_bytes: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let extra = if out.is_empty() { 0 } else { 1 } + line.len();
        if out.len() + extra > max_bytes {
            break;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::brief::{BriefMetrics, Decision};
    use crate::export::rows::ActionRow;
    use crate::meeting::ActionStatus;
    use crate::report::Topic;

    fn row(i: usize) -> ActionRow {
        ActionRow {
            id: format!("a{i}"),
            title: format!("降低自动广告出价 | 第{i}项"),
            owner: Some("王芳".into()),
            due: chrono::NaiveDate::from_ymd_opt(2026, 9, 10),
            status: ActionStatus::Open,
            overdue: false,
            priority: None,
            topic: Some(Topic::Ads),
            subject: Some("B0TEST0001".into()),
            problem: String::new(),
            root_cause: String::new(),
            countermeasure: String::new(),
            meeting_date: None,
            carried: 0,
        }
    }

    fn input(actions: &[ActionRow]) -> BriefInput<'_> {
        BriefInput {
            shop: "Acme",
            marketplace: None,
            period: None,
            meeting_date: None,
            attendees: &[],
            cost: None,
            metrics: BriefMetrics::None,
            decisions: vec![Decision {
                topic: None,
                text: "line\n# not a heading",
            }],
            notes: "",
            actions,
            action_stats: None,
        }
    }

    #[test]
    fn wecom_tables_keep_pipes_inside_cells() {
        let rows = [row(1)];
        let text = brief_wecom_markdown_v2(&input(&rows), ExportLang::Zh);
        let line = text.lines().find(|l| l.contains("第1项"));
        assert_eq!(
            line,
            Some("| 降低自动广告出价 ｜ 第1项 | 王芳 | 2026-09-10 | 未开始 |")
        );
        assert!(text.contains("- [其他] line # not a heading"));
    }

    #[test]
    fn a_long_wecom_message_is_cut_at_a_line_with_a_note() {
        let rows: Vec<ActionRow> = (0..200).map(row).collect();
        let text = brief_wecom_markdown_v2(&input(&rows), ExportLang::Zh);
        assert!(text.len() <= WECOM_MAX_BYTES, "{}", text.len());
        assert!(text.ends_with(Label::Truncated.text(ExportLang::Zh)));
        assert!(text.contains("第1项"));
        assert!(!text.contains("第199项"));
    }

    #[test]
    fn dingtalk_has_no_tables() {
        let rows = [row(1)];
        let text = brief_dingtalk_markdown(&input(&rows), ExportLang::En);
        assert!(!text.lines().any(|l| l.starts_with('|')));
        assert!(
            text.contains("1. **降低自动广告出价 | 第1项** — Owner: 王芳 · Due date: 2026-09-10")
        );
    }

    #[test]
    fn cut_lines_keeps_whole_lines() {
        assert_eq!(cut_lines("ab\ncd\nef", 5), "ab\ncd");
        assert_eq!(cut_lines("长长\n短", 4), "");
    }
}
