//! The weekly brief's content, gathered once from the meeting and the metrics before any format
//! writes it.
//!
//! No tool takes this module's output directly: it is the single place that decides what the
//! brief says (the header, the four-topic scorecard, the key figures with their units, the
//! decisions, the notes and the actions), so that the Markdown pasted into a chat tool, the WeCom
//! and DingTalk messages and the rich text pasted into a Feishu doc never disagree. The writers
//! are in `chat.rs` (Markdown flavours) and `html.rs` (clipboard HTML and its plain text).
//!
//! The brief is built either from a live [`Brief`] (figures with units, targets and statuses) or
//! from a closed meeting's [`MetricSnapshot`] (raw values only: a snapshot keeps no statuses, and
//! the brief says so rather than guessing them again with today's thresholds).

use chrono::NaiveDate;

use super::lang::{ExportLang, Label, figure_name};
use super::rows::ActionRow;
use crate::dataset::{Cents, Currency, Marketplace, Period};
use crate::meeting::{ActionStats, AgendaItemKind, Attendee, Meeting, MetricSnapshot};
use crate::metrics::figure::{fmt_money, fmt_num, fmt_pct};
use crate::metrics::{Brief, Status, Unit};
use crate::report::Topic;

/// Where the brief's numbers come from.
#[derive(Clone, Copy, Debug)]
pub enum BriefMetrics<'a> {
    /// The figures computed from the loaded reports, with units, targets and statuses.
    Live(&'a Brief),
    /// The values a closed meeting froze: raw numbers by metric id, no statuses.
    Snapshot(&'a MetricSnapshot),
    /// No numbers (a meeting held before any report was loaded).
    None,
}

/// A decision of the meeting: the conclusion of an agenda item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decision<'a> {
    /// The topic it was reached under; `None` for "anything else" or a custom item.
    pub topic: Option<Topic>,
    pub text: &'a str,
}

/// What the meeting cost, in the team's own currency (the meeting model does not convert it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MeetingCost<'a> {
    pub amount: Cents,
    /// The currency code the team chose in Settings; `None` writes the bare amount.
    pub currency: Option<&'a str>,
}

/// Everything the weekly brief is written from, borrowed from the caller's state.
#[derive(Clone, Debug)]
pub struct BriefInput<'a> {
    /// The shop's name as the team writes it.
    pub shop: &'a str,
    pub marketplace: Option<Marketplace>,
    /// The period the numbers cover.
    pub period: Option<Period>,
    pub meeting_date: Option<NaiveDate>,
    pub attendees: &'a [Attendee],
    pub cost: Option<MeetingCost<'a>>,
    pub metrics: BriefMetrics<'a>,
    pub decisions: Vec<Decision<'a>>,
    /// The meeting's free notes; one line per paragraph.
    pub notes: &'a str,
    /// The actions to list, already in the order to show them (see [`super::rows::action_rows`]).
    pub actions: &'a [ActionRow],
    /// The action metrics (completion rate of the actions due, overdue, carried), when known.
    pub action_stats: Option<&'a ActionStats>,
}

impl<'a> BriefInput<'a> {
    /// The input for a meeting: its date, attendees, notes, the conclusions of its agenda items
    /// as decisions and, once closed, its recorded cost and action metrics. `metrics` is usually
    /// the live Brief for an open meeting and the closed record's snapshot for a closed one; the
    /// period and marketplace are taken from it.
    pub fn from_meeting(
        meeting: &'a Meeting,
        shop: &'a str,
        metrics: BriefMetrics<'a>,
        actions: &'a [ActionRow],
        currency: Option<&'a str>,
    ) -> BriefInput<'a> {
        let (period, marketplace) = match metrics {
            BriefMetrics::Live(b) => (Some(b.selection.period), b.selection.marketplace),
            BriefMetrics::Snapshot(s) => (s.period, s.marketplace),
            BriefMetrics::None => (None, None),
        };
        let closed = meeting.closed();
        BriefInput {
            shop,
            marketplace,
            period,
            meeting_date: Some(meeting.date()),
            attendees: meeting.attendees(),
            cost: closed.map(|c| MeetingCost {
                amount: c.cost,
                currency,
            }),
            metrics,
            decisions: decisions_of(meeting),
            notes: meeting.notes(),
            actions,
            action_stats: closed.map(|c| &c.action_stats),
        }
    }
}

/// The conclusions written on the meeting's agenda items, in agenda order.
pub fn decisions_of(meeting: &Meeting) -> Vec<Decision<'_>> {
    meeting
        .agenda()
        .items()
        .iter()
        .filter(|item| item.has_conclusion())
        .map(|item| Decision {
            topic: match item.kind {
                AgendaItemKind::Topic(t) => Some(t),
                _ => None,
            },
            text: item.conclusion.trim(),
        })
        .collect()
}

/// How a key figure's value is written when it comes from a snapshot, which keeps no units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyUnit {
    Money,
    Fraction,
    Count,
    Score,
    Multiple,
}

/// A figure the brief lists under its topic.
#[derive(Clone, Copy, Debug)]
pub(crate) struct KeyFigure {
    pub topic: Topic,
    pub id: &'static str,
    pub unit: KeyUnit,
    /// Whether it is one of the topic's scorecard figures (the headline of the scorecard line).
    pub headline: bool,
}

const fn key(topic: Topic, id: &'static str, unit: KeyUnit, headline: bool) -> KeyFigure {
    KeyFigure {
        topic,
        id,
        unit,
        headline,
    }
}

/// The key figures of each topic, in the order the brief lists them. The headline ones are the
/// scorecard's figures (`metrics::compute` builds the live scorecard from the same ids), repeated
/// here because a snapshot has no scorecard of its own.
#[rustfmt::skip]
pub(crate) const KEY_FIGURES: [KeyFigure; 19] = [
    key(Topic::Sales, "sales.ordered_sales", KeyUnit::Money, false),
    key(Topic::Sales, "sales.units", KeyUnit::Count, false),
    key(Topic::Sales, "sales.conversion", KeyUnit::Fraction, true),
    key(Topic::Sales, "sales.target_attainment", KeyUnit::Fraction, true),
    key(Topic::Sales, "sales.pace", KeyUnit::Fraction, false),
    key(Topic::Ads, "ads.spend", KeyUnit::Money, false),
    key(Topic::Ads, "ads.sales", KeyUnit::Money, false),
    key(Topic::Ads, "ads.acos", KeyUnit::Fraction, true),
    key(Topic::Ads, "ads.tacos", KeyUnit::Fraction, true),
    key(Topic::Ads, "ads.roas", KeyUnit::Multiple, false),
    key(Topic::Inventory, "inventory.ipi", KeyUnit::Score, true),
    key(Topic::Inventory, "inventory.available", KeyUnit::Count, false),
    key(Topic::Inventory, "inventory.aged_90_plus_share", KeyUnit::Fraction, false),
    key(Topic::Inventory, "inventory.skus_at_risk", KeyUnit::Count, true),
    key(Topic::Health, "health.odr", KeyUnit::Fraction, true),
    key(Topic::Health, "health.lsr", KeyUnit::Fraction, false),
    key(Topic::Health, "health.cancel_rate", KeyUnit::Fraction, false),
    key(Topic::Health, "health.vtr", KeyUnit::Fraction, false),
    key(Topic::Health, "health.return_rate", KeyUnit::Fraction, false),
];

/// The brief as the writers see it: every text already in the export language, user text as
/// typed (each writer escapes it for its own syntax).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct BriefDoc {
    pub title: String,
    /// Label and value pairs for the header block.
    pub meta: Vec<(&'static str, String)>,
    pub scorecard: Vec<ScoreRow>,
    /// A remark under the scorecard (values from a snapshot carry no status).
    pub scorecard_note: Option<&'static str>,
    pub figures: Vec<FigureRow>,
    pub decisions: Vec<DecisionRow>,
    pub notes: Vec<String>,
    pub actions: Vec<ActionLine>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ScoreRow {
    pub topic: &'static str,
    pub status: Option<Status>,
    pub status_word: &'static str,
    /// The topic's headline figures with values, e.g. `ACoS 28.5%（目标 30%）; TACoS 9%`.
    pub headline: String,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FigureRow {
    pub topic: &'static str,
    pub name: &'static str,
    /// The value with its unit, or the word for missing.
    pub value: String,
    pub target: Option<String>,
    pub status_word: Option<&'static str>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct DecisionRow {
    pub topic: &'static str,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ActionLine {
    pub title: String,
    pub owner: String,
    pub due: String,
    /// The status word, with "overdue" / "carried" added when they apply.
    pub status: String,
    pub topic: &'static str,
    pub subject: Option<String>,
}

/// A marker drawn beside the status word; never shown alone.
pub(crate) fn status_marker(status: Option<Status>) -> &'static str {
    match status {
        Some(Status::OnTrack) => "🟢",
        Some(Status::Watch) => "🟡",
        Some(Status::OffTrack) => "🔴",
        None => "⚪",
    }
}

/// Writes a value with its unit in `lang`; `None` is written as missing, never as 0.
pub(crate) fn fmt_value(
    value: Option<f64>,
    unit: &Unit,
    label: Option<&str>,
    lang: ExportLang,
) -> String {
    let Some(v) = value else {
        return Label::Missing.text(lang).to_string();
    };
    match unit {
        Unit::Money(cur) => fmt_money(v, cur),
        Unit::Fraction => fmt_pct(v),
        Unit::Points => format!("{} {}", fmt_num(v * 100.0), lang.pick("pp", "个百分点")),
        Unit::Multiple => format!("{}x", fmt_num(v)),
        Unit::Count | Unit::Score => fmt_num(v),
        Unit::PerDay => format!("{} {}", fmt_num(v), lang.pick("/day", "件/天")),
        Unit::Days => format!("{} {}", fmt_num(v), lang.pick("days", "天")),
        Unit::Date | Unit::Choice => label.map_or_else(|| fmt_num(v), str::to_string),
        Unit::Flag => Label::text(if v != 0.0 { Label::Yes } else { Label::No }, lang).to_string(),
    }
}

fn snapshot_unit(unit: KeyUnit, currency: Option<&Currency>) -> Unit {
    match unit {
        KeyUnit::Money => Unit::Money(
            currency
                .cloned()
                .unwrap_or_else(|| Currency("XXX".to_string())),
        ),
        KeyUnit::Fraction => Unit::Fraction,
        KeyUnit::Count => Unit::Count,
        KeyUnit::Score => Unit::Score,
        KeyUnit::Multiple => Unit::Multiple,
    }
}

/// One key figure as the brief shows it, from whichever source the input has.
struct Shown {
    value: String,
    target: Option<String>,
    status: Option<Status>,
}

fn shown(metrics: BriefMetrics<'_>, key: &KeyFigure, lang: ExportLang) -> Option<Shown> {
    match metrics {
        BriefMetrics::Live(brief) => {
            let f = brief.figure(key.id)?;
            Some(Shown {
                value: fmt_value(f.value, &f.unit, f.label.as_deref(), lang),
                target: f.target.map(|t| fmt_value(Some(t), &f.unit, None, lang)),
                status: f.status,
            })
        }
        BriefMetrics::Snapshot(snapshot) => {
            let value = snapshot.get(key.id)?;
            let unit = snapshot_unit(key.unit, snapshot.currency.as_ref());
            Some(Shown {
                value: fmt_value(value, &unit, None, lang),
                target: None,
                status: None,
            })
        }
        BriefMetrics::None => None,
    }
}

fn period_text(period: Period, lang: ExportLang) -> String {
    format!(
        "{} {} {}",
        period.from.format("%Y-%m-%d"),
        lang.pick("to", "至"),
        period.to.format("%Y-%m-%d")
    )
}

/// Gathers the brief in `lang`.
pub(crate) fn build(input: &BriefInput<'_>, lang: ExportLang) -> BriefDoc {
    let mut title = Label::WeeklyBrief.text(lang).to_string();
    let shop = input.shop.trim();
    if !shop.is_empty() {
        title = format!("{shop} {title}");
    }
    if let Some(date) = input.meeting_date {
        title = format!("{title} {}", date.format("%Y-%m-%d"));
    }

    let mut meta: Vec<(&'static str, String)> = Vec::new();
    if !shop.is_empty() {
        meta.push((Label::Shop.text(lang), shop.to_string()));
    }
    if let Some(m) = input.marketplace {
        meta.push((Label::Marketplace.text(lang), m.code().to_string()));
    }
    if let Some(p) = input.period {
        meta.push((Label::Period.text(lang), period_text(p, lang)));
    }
    if let Some(d) = input.meeting_date {
        meta.push((
            Label::MeetingDate.text(lang),
            d.format("%Y-%m-%d").to_string(),
        ));
    }
    if !input.attendees.is_empty() {
        let names: Vec<String> = input
            .attendees
            .iter()
            .map(|a| match lang {
                ExportLang::En => format!("{} ({})", a.name.trim(), lang.role(a.role)),
                ExportLang::Zh => format!("{}（{}）", a.name.trim(), lang.role(a.role)),
            })
            .collect();
        meta.push((Label::Attendees.text(lang), names.join(lang.list_sep())));
    }
    if let Some(cost) = input.cost {
        let amount = match cost.currency {
            Some(c) => format!("{} {}", cost.amount, c.trim()),
            None => cost.amount.to_string(),
        };
        meta.push((Label::MeetingCost.text(lang), amount));
    }
    if let Some(stats) = input.action_stats {
        // With nothing due the rate is undefined, not 0 % and not missing data: say so.
        let rate = match stats.completion_rate {
            Some(r) if stats.due > 0 => {
                format!("{} ({}/{})", fmt_pct(r), stats.done_on_time, stats.due)
            }
            _ => Label::NothingDue.text(lang).to_string(),
        };
        let name = |id| figure_name(id, lang).unwrap_or(id);
        meta.push((
            Label::Completion.text(lang),
            format!(
                "{rate}{sep}{} {}{sep}{} {}",
                name("actions.overdue"),
                stats.overdue,
                name("actions.carried"),
                stats.carried,
                sep = lang.list_sep()
            ),
        ));
    }

    let has_metrics = !matches!(input.metrics, BriefMetrics::None);
    let mut scorecard = Vec::new();
    let mut figures = Vec::new();
    if has_metrics {
        for topic in Topic::ALL {
            let mut headline = Vec::new();
            let mut worst = None;
            for key in KEY_FIGURES.iter().filter(|k| k.topic == topic) {
                let Some(s) = shown(input.metrics, key, lang) else {
                    continue;
                };
                let name = figure_name(key.id, lang).unwrap_or(key.id);
                if key.headline {
                    headline.push(format!("{name} {}", s.value));
                    worst = Status::worst(worst, s.status);
                }
                figures.push(FigureRow {
                    topic: lang.topic(topic),
                    name,
                    value: s.value,
                    target: s.target,
                    // Only a figure judged against a target has a status; the others would
                    // all read "not rated", which says nothing.
                    status_word: s.status.map(|st| lang.status(Some(st))),
                });
            }
            // The live Brief already knows each topic's worst status; prefer it, it covers every
            // scorecard line even when a figure is not among the key figures above.
            let status = match input.metrics {
                BriefMetrics::Live(b) => b.topic_status(topic).or(worst),
                _ => None,
            };
            scorecard.push(ScoreRow {
                topic: lang.topic(topic),
                status,
                status_word: lang.status(status),
                headline: headline.join("; "),
            });
        }
    }

    let decisions = input
        .decisions
        .iter()
        .filter(|d| !d.text.trim().is_empty())
        .map(|d| DecisionRow {
            topic: lang.topic_or_other(d.topic),
            text: d.text.trim().to_string(),
        })
        .collect();
    let notes = input
        .notes
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    let actions = input
        .actions
        .iter()
        .map(|row| {
            let mut status = lang.action_status(row.status).to_string();
            if row.overdue {
                status = format!("{status}{}{}", lang.list_sep(), Label::Overdue.text(lang));
            }
            if row.carried > 0 && row.status.is_open() {
                status = format!(
                    "{status}{}{} ×{}",
                    lang.list_sep(),
                    Label::Carried.text(lang),
                    row.carried
                );
            }
            ActionLine {
                title: row.title.clone(),
                owner: row
                    .owner
                    .clone()
                    .unwrap_or_else(|| Label::NoOwner.text(lang).to_string()),
                due: row.due.map_or_else(
                    || Label::NoDueDate.text(lang).to_string(),
                    |d| d.format("%Y-%m-%d").to_string(),
                ),
                status,
                topic: lang.topic_or_other(row.topic),
                subject: row.subject.clone(),
            }
        })
        .collect();

    BriefDoc {
        title,
        meta,
        scorecard,
        scorecard_note: matches!(input.metrics, BriefMetrics::Snapshot(_))
            .then(|| Label::Snapshot.text(lang)),
        figures,
        decisions,
        notes,
        actions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn snapshot() -> MetricSnapshot {
        MetricSnapshot {
            period: None,
            marketplace: Some(Marketplace::US),
            currency: Some(Currency("USD".into())),
            values: BTreeMap::from([
                ("ads.acos".to_string(), Some(0.285)),
                ("ads.spend".to_string(), Some(1234.5)),
                ("health.odr".to_string(), None),
            ]),
            brief: None,
            settings: None,
        }
    }

    fn input<'a>(snapshot: &'a MetricSnapshot) -> BriefInput<'a> {
        BriefInput {
            shop: "Acme",
            marketplace: Some(Marketplace::US),
            period: None,
            meeting_date: NaiveDate::from_ymd_opt(2026, 9, 7),
            attendees: &[],
            cost: Some(MeetingCost {
                amount: Cents(25_000),
                currency: Some("CNY"),
            }),
            metrics: BriefMetrics::Snapshot(snapshot),
            decisions: vec![Decision {
                topic: Some(Topic::Ads),
                text: "  pause broad match  ",
            }],
            notes: "line one\n\n line two ",
            actions: &[],
            action_stats: None,
        }
    }

    #[test]
    fn a_snapshot_brief_shows_values_with_units_and_no_status() {
        let snap = snapshot();
        let doc = build(&input(&snap), ExportLang::En);
        assert_eq!(doc.title, "Acme Weekly operations brief 2026-09-07");
        assert!(
            doc.meta
                .contains(&("Meeting cost", "250.00 CNY".to_string()))
        );
        let acos = doc.figures.iter().find(|f| f.name == "ACoS");
        assert_eq!(acos.map(|f| f.value.as_str()), Some("28.5%"));
        let spend = doc.figures.iter().find(|f| f.name == "Ad spend");
        assert_eq!(spend.map(|f| f.value.as_str()), Some("1234.50 USD"));
        let odr = doc.figures.iter().find(|f| f.name == "Order defect rate");
        assert_eq!(odr.map(|f| f.value.as_str()), Some("missing"));
        assert_eq!(doc.scorecard.len(), 4);
        assert!(doc.scorecard.iter().all(|s| s.status_word == "not rated"));
        assert!(doc.scorecard_note.is_some());
        assert_eq!(doc.decisions[0].text, "pause broad match");
        assert_eq!(doc.notes, ["line one", "line two"]);
    }

    #[test]
    fn values_are_written_with_units_in_each_language() {
        assert_eq!(
            fmt_value(Some(-0.018), &Unit::Points, None, ExportLang::Zh),
            "-1.8 个百分点"
        );
        assert_eq!(
            fmt_value(Some(3.5), &Unit::Multiple, None, ExportLang::En),
            "3.5x"
        );
        assert_eq!(
            fmt_value(Some(12.0), &Unit::Days, None, ExportLang::Zh),
            "12 天"
        );
        assert_eq!(
            fmt_value(Some(1.0), &Unit::Flag, None, ExportLang::Zh),
            "是"
        );
        assert_eq!(
            fmt_value(None, &Unit::Count, None, ExportLang::Zh),
            "缺数据"
        );
        assert_eq!(
            fmt_value(Some(3.0), &Unit::Date, Some("2026-10-01"), ExportLang::En),
            "2026-10-01"
        );
    }
}
