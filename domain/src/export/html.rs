//! The weekly brief as rich text for the clipboard: HTML for `text/html` and its plain-text
//! alternative for `text/plain`.
//!
//! The page's "Copy rich text" button puts both on the clipboard in one `ClipboardItem`. Pasted into
//! a Feishu/Lark doc, a DingTalk doc, a WeCom (Tencent) doc, Word or WPS, the editor takes the HTML
//! and keeps the headings, lists and tables; pasted into a plain text box (a chat input, an email
//! in plain mode) it takes the text. Raw Markdown is not used here because Feishu docs do not
//! reliably render pasted Markdown (interop.md §6c).
//!
//! The HTML is a fragment, not a page: no `<script>`, no classes, only a little inline style on
//! tables (editors drop style sheets but keep inline borders). Every piece of user text is
//! HTML-escaped, so a note containing `<script>` is pasted as those characters, never as markup.

use std::fmt::Write as _;

use super::brief::{BriefInput, build, status_marker};
use super::lang::{ExportLang, Label};

/// Both clipboard flavours of the brief.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClipboardBrief {
    /// For `text/html`.
    pub html: String,
    /// For `text/plain`.
    pub text: String,
}

/// The brief in both clipboard flavours.
pub fn brief_clipboard(input: &BriefInput<'_>, lang: ExportLang) -> ClipboardBrief {
    ClipboardBrief {
        html: brief_html(input, lang),
        text: brief_plain_text(input, lang),
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const TABLE: &str = r#"<table style="border-collapse:collapse" border="1" cellpadding="4">"#;

fn cells(tag: &str, values: &[&str]) -> String {
    let mut row = String::from("<tr>");
    for v in values {
        let _ = write!(row, "<{tag}>{}</{tag}>", escape_html(v));
    }
    row.push_str("</tr>");
    row
}

/// The brief as an HTML fragment: a heading, the header list, then the scorecard, key figures,
/// decisions, actions and notes, tables where the content is tabular.
pub fn brief_html(input: &BriefInput<'_>, lang: ExportLang) -> String {
    let doc = build(input, lang);
    // `write!` into a String cannot fail; its Result is ignored rather than unwrapped.
    let mut h = String::new();
    let _ = write!(h, "<h1>{}</h1>", escape_html(&doc.title));
    if !doc.meta.is_empty() {
        h.push_str("<ul>");
        for (label, value) in &doc.meta {
            let _ = write!(
                h,
                "<li><b>{}</b>{}{}</li>",
                escape_html(label),
                escape_html(lang.colon()),
                escape_html(value)
            );
        }
        h.push_str("</ul>");
    }
    if !doc.scorecard.is_empty() {
        let _ = write!(h, "<h2>{}</h2>{TABLE}", Label::Scorecard.text(lang));
        h += &cells(
            "th",
            &[
                Label::Topic.text(lang),
                Label::Status.text(lang),
                Label::KeyFigures.text(lang),
            ],
        );
        for s in &doc.scorecard {
            let status = format!("{} {}", status_marker(s.status), s.status_word);
            h += &cells("td", &[s.topic, &status, &s.headline]);
        }
        h.push_str("</table>");
        if let Some(note) = doc.scorecard_note {
            let _ = write!(h, "<p><i>{}</i></p>", escape_html(note));
        }
    }
    if !doc.figures.is_empty() {
        let _ = write!(h, "<h2>{}</h2>{TABLE}", Label::KeyFigures.text(lang));
        h += &cells(
            "th",
            &[
                Label::Topic.text(lang),
                Label::Figure.text(lang),
                Label::Value.text(lang),
                Label::Target.text(lang),
                Label::Status.text(lang),
            ],
        );
        for f in &doc.figures {
            h += &cells(
                "td",
                &[
                    f.topic,
                    f.name,
                    &f.value,
                    f.target.as_deref().unwrap_or(""),
                    f.status_word.unwrap_or(""),
                ],
            );
        }
        h.push_str("</table>");
    }
    let _ = write!(h, "<h2>{}</h2>", Label::Decisions.text(lang));
    if doc.decisions.is_empty() {
        let _ = write!(h, "<p>{}</p>", Label::NoDecisions.text(lang));
    } else {
        h.push_str("<ul>");
        for d in &doc.decisions {
            let _ = write!(
                h,
                "<li>[{}] {}</li>",
                escape_html(d.topic),
                escape_html(&d.text)
            );
        }
        h.push_str("</ul>");
    }
    let _ = write!(h, "<h2>{}</h2>", Label::Actions.text(lang));
    if doc.actions.is_empty() {
        let _ = write!(h, "<p>{}</p>", Label::NoActions.text(lang));
    } else {
        h.push_str(TABLE);
        h += &cells(
            "th",
            &[
                Label::Title.text(lang),
                Label::Owner.text(lang),
                Label::DueDate.text(lang),
                Label::Status.text(lang),
                Label::Topic.text(lang),
                Label::AsinSku.text(lang),
            ],
        );
        for a in &doc.actions {
            h += &cells(
                "td",
                &[
                    &a.title,
                    &a.owner,
                    &a.due,
                    &a.status,
                    a.topic,
                    a.subject.as_deref().unwrap_or(""),
                ],
            );
        }
        h.push_str("</table>");
    }
    if !doc.notes.is_empty() {
        let _ = write!(h, "<h2>{}</h2>", Label::Notes.text(lang));
        for n in &doc.notes {
            let _ = write!(h, "<p>{}</p>", escape_html(n));
        }
    }
    h
}

/// The brief as plain text, the `text/plain` alternative of [`brief_html`]: the same content,
/// headings underlined, tables written as one line per row.
pub fn brief_plain_text(input: &BriefInput<'_>, lang: ExportLang) -> String {
    let doc = build(input, lang);
    let mut t = String::new();
    let heading = |t: &mut String, text: &str| {
        let _ = write!(
            t,
            "\n{text}\n{}\n",
            "=".repeat(text.chars().count().clamp(3, 40))
        );
    };
    let _ = writeln!(t, "{}", doc.title);
    for (label, value) in &doc.meta {
        let _ = writeln!(t, "{label}{}{value}", lang.colon());
    }
    if !doc.scorecard.is_empty() {
        heading(&mut t, Label::Scorecard.text(lang));
        for s in &doc.scorecard {
            let _ = write!(t, "- {}{}{}", s.topic, lang.colon(), s.status_word);
            if !s.headline.is_empty() {
                let _ = write!(t, " — {}", s.headline);
            }
            t.push('\n');
        }
        if let Some(note) = doc.scorecard_note {
            let _ = writeln!(t, "({note})");
        }
    }
    if !doc.figures.is_empty() {
        heading(&mut t, Label::KeyFigures.text(lang));
        for f in &doc.figures {
            let _ = write!(t, "- {} / {}{}{}", f.topic, f.name, lang.colon(), f.value);
            if let Some(target) = &f.target {
                let _ = write!(t, " ({} {target})", Label::Target.text(lang));
            }
            if let Some(word) = f.status_word {
                let _ = write!(t, ", {word}");
            }
            t.push('\n');
        }
    }
    heading(&mut t, Label::Decisions.text(lang));
    if doc.decisions.is_empty() {
        let _ = writeln!(t, "{}", Label::NoDecisions.text(lang));
    }
    for d in &doc.decisions {
        let _ = writeln!(t, "- [{}] {}", d.topic, super::chat::inline(&d.text));
    }
    heading(&mut t, Label::Actions.text(lang));
    if doc.actions.is_empty() {
        let _ = writeln!(t, "{}", Label::NoActions.text(lang));
    }
    for (i, a) in doc.actions.iter().enumerate() {
        let _ = write!(
            t,
            "{}. {} — {}{}{}; {}{}{}; {}; {}",
            i + 1,
            super::chat::inline(&a.title),
            Label::Owner.text(lang),
            lang.colon(),
            a.owner,
            Label::DueDate.text(lang),
            lang.colon(),
            a.due,
            a.status,
            a.topic
        );
        if let Some(s) = &a.subject {
            let _ = write!(t, "; {s}");
        }
        t.push('\n');
    }
    if !doc.notes.is_empty() {
        heading(&mut t, Label::Notes.text(lang));
        for n in &doc.notes {
            let _ = writeln!(t, "{n}");
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            escape_html(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(escape_html("广告 ACoS"), "广告 ACoS");
    }

    #[test]
    fn table_cells_are_escaped() {
        assert_eq!(
            cells("td", &["a<b", "c&d"]),
            "<tr><td>a&lt;b</td><td>c&amp;d</td></tr>"
        );
    }
}
