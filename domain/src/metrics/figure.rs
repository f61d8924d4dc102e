//! One figure on the Brief page: its id, raw value, unit, status against its target, and where it
//! came from (formula with the numbers filled in, inputs, source files, period, missing reports).
//!
//! The UI renders figures one to one and holds no business logic, so everything it shows about a
//! number lives here. Values are raw and unrounded; fractions stay fractions (0.126, not 12.6).

use serde::{Deserialize, Serialize};

use crate::dataset::{Currency, Period};
use crate::report::{ReportKind, Topic};

/// What a figure's value measures, so the UI knows how to format it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "currency", rename_all = "snake_case")]
pub enum Unit {
    /// An amount of money in whole currency units (`1234.5` is 1,234.50 of the currency).
    Money(Currency),
    /// A share or rate as a fraction: `0.126` is shown as 12.6 %.
    Fraction,
    /// A difference between two fractions: `-0.018` is shown as -1.8 percentage points.
    Points,
    /// A multiple such as ROAS: `3.5` is shown as 3.5x.
    Multiple,
    /// A whole number of things (units, sessions, orders, SKUs).
    Count,
    /// Units per day (sales velocity).
    PerDay,
    /// A number of days.
    Days,
    /// A score on Amazon's own scale (IPI).
    Score,
    /// A date: the value is the number of days from `today` to that date (0 = today), and the
    /// figure's `label` holds the date itself in ISO form.
    Date,
    /// A yes/no answer: `1.0` is yes, `0.0` is no. Exports use the same 1/0 numbers.
    Flag,
    /// A choice between named options; the value is documented by the figure (for
    /// `inventory.ship_mode.*`: `1.0` = air, `0.0` = sea) and `label` holds the name.
    Choice,
}

/// Whether a figure is where it should be. The UI shows the word, never only a colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The figure meets its target.
    OnTrack,
    /// The figure meets its target but is close to the limit, or sits in a reference band that
    /// deserves attention.
    Watch,
    /// The figure misses its target.
    OffTrack,
}

impl Status {
    /// The word the page shows: `on track`, `watch` or `off track`.
    pub fn word(self) -> &'static str {
        match self {
            Status::OnTrack => "on track",
            Status::Watch => "watch",
            Status::OffTrack => "off track",
        }
    }

    /// The worse of two statuses (`OffTrack` beats `Watch` beats `OnTrack`).
    pub fn worst(a: Option<Status>, b: Option<Status>) -> Option<Status> {
        match (a, b) {
            (Some(x), Some(y)) => Some(x.max(y)),
            (x, None) => x,
            (None, y) => y,
        }
    }
}

/// One figure: an id from the spec, its raw value and everything needed to explain it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The stable metric id (`sales.conversion`, `inventory.days_of_cover.SKU1`).
    pub id: String,
    /// The raw, unrounded value; `None` when it cannot be computed (see `missing` and `note`).
    pub value: Option<f64>,
    /// What the value measures.
    pub unit: Unit,
    /// The value against its target or threshold, when it has one and a value.
    pub status: Option<Status>,
    /// The target or threshold the status was judged against, in the figure's unit.
    pub target: Option<f64>,
    /// How the value was computed, in English, with the numbers filled in.
    pub formula: String,
    /// The named numbers the formula used, raw.
    pub inputs: Vec<(String, f64)>,
    /// The names of the files the value came from.
    pub sources: Vec<String>,
    /// The period the value describes, when it describes one (snapshots have none).
    pub period: Option<Period>,
    /// When `value` is `None` for want of data: the reports that would provide it.
    pub missing: Vec<ReportKind>,
    /// A text to show instead of the number (a date, `air`, `no sales`), when there is one.
    pub label: Option<String>,
    /// A remark for the reader (estimated, converted, which source was chosen, why no value).
    pub note: Option<String>,
}

impl Figure {
    /// A figure with no value yet; the builder methods below fill it in.
    pub fn new(id: impl Into<String>, unit: Unit) -> Figure {
        Figure {
            id: id.into(),
            value: None,
            unit,
            status: None,
            target: None,
            formula: String::new(),
            inputs: Vec::new(),
            sources: Vec::new(),
            period: None,
            missing: Vec::new(),
            label: None,
            note: None,
        }
    }

    /// Sets the value; a value that is not finite is stored as `None`, never as infinity.
    pub fn value(mut self, value: Option<f64>) -> Figure {
        self.value = value.filter(|v| v.is_finite());
        self
    }

    pub fn formula(mut self, formula: impl Into<String>) -> Figure {
        self.formula = formula.into();
        self
    }

    pub fn input(mut self, name: impl Into<String>, value: f64) -> Figure {
        self.inputs.push((name.into(), value));
        self
    }

    pub fn sources(mut self, sources: impl IntoIterator<Item = String>) -> Figure {
        for s in sources {
            if !self.sources.contains(&s) {
                self.sources.push(s);
            }
        }
        self
    }

    pub fn period(mut self, period: Option<Period>) -> Figure {
        self.period = period;
        self
    }

    /// Records the reports that would provide the value. Only kept while the value is missing.
    pub fn missing(mut self, kinds: &[ReportKind]) -> Figure {
        if self.value.is_none() {
            self.missing = kinds.to_vec();
        }
        self
    }

    /// Records the reports that would provide the value when `absent` says an input is missing.
    /// A value that is `None` because its inputs exist but make it undefined (a zero
    /// denominator) names no missing report: loading more would not change it.
    pub fn missing_when(self, absent: bool, kinds: &[ReportKind]) -> Figure {
        if absent { self.missing(kinds) } else { self }
    }

    pub fn status(mut self, status: Option<Status>) -> Figure {
        self.status = if self.value.is_some() { status } else { None };
        self
    }

    pub fn target(mut self, target: Option<f64>) -> Figure {
        self.target = target;
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Figure {
        self.label = Some(label.into());
        self
    }

    /// Adds a remark; several remarks are joined with "; ".
    pub fn note(mut self, note: impl Into<String>) -> Figure {
        let note = note.into();
        self.note = Some(match self.note.take() {
            Some(old) => format!("{old}; {note}"),
            None => note,
        });
        self
    }

    /// The value as a yes/no, for [`Unit::Flag`] figures.
    pub fn flag(&self) -> Option<bool> {
        self.value.map(|v| v != 0.0)
    }
}

/// One line of the scorecard: a key figure of a topic against its target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreLine {
    pub topic: Topic,
    /// The id of the figure the line shows.
    pub id: String,
    /// What the line is, in English (`Conversion (units / sessions)`).
    pub label: String,
    pub value: Option<f64>,
    pub unit: Unit,
    pub target: Option<f64>,
    pub status: Option<Status>,
    /// The reports that would provide the value when it is missing.
    pub missing: Vec<ReportKind>,
}

/// `num / den`, or `None` when the denominator is zero or the result is not finite.
///
/// Every ratio goes through here so that no figure is ever infinite or NaN.
pub fn ratio(num: f64, den: f64) -> Option<f64> {
    if den == 0.0 {
        return None;
    }
    let r = num / den;
    r.is_finite().then_some(r)
}

/// Relative change from `previous` to `current` (`0.1` = +10 %); `None` when `previous` is zero.
pub fn relative_change(current: f64, previous: f64) -> Option<f64> {
    ratio(current - previous, previous.abs())
}

/// A change against the previous period and its formula with the numbers filled in: points
/// (`now - before`) for a ratio such as conversion, the relative change otherwise. `None` when
/// either period lacks the figure or the previous value is zero.
pub fn period_change(what: &str, now: Option<f64>, before: Option<f64>, points: bool) -> (Option<f64>, String) {
    let value = match (now, before) {
        (Some(n), Some(b)) if points => Some(n - b),
        (Some(n), Some(b)) => relative_change(n, b),
        _ => None,
    };
    let formula = match (now, before, value) {
        (Some(n), Some(b), Some(v)) if points => {
            format!("{what} {} - {} = {} points", fmt_pct(n), fmt_pct(b), fmt_num(v * 100.0))
        }
        (Some(n), Some(b), Some(v)) => {
            format!("({what} {} - {}) / {} = {}", fmt_num(n), fmt_num(b), fmt_num(b), fmt_pct(v))
        }
        _ => format!("{what}: this period vs previous period"),
    };
    (value, formula)
}

/// Status for a figure that must stay at or below `limit`; `Watch` from `watch_from` upwards.
pub fn status_at_most(value: Option<f64>, limit: f64, watch_from: Option<f64>) -> Option<Status> {
    let v = value?;
    Some(if v > limit {
        Status::OffTrack
    } else if watch_from.is_some_and(|w| v >= w) {
        Status::Watch
    } else {
        Status::OnTrack
    })
}

/// Status for a figure that must reach at least `limit`; `Watch` below `watch_below`.
pub fn status_at_least(value: Option<f64>, limit: f64, watch_below: Option<f64>) -> Option<Status> {
    let v = value?;
    Some(if v < limit {
        Status::OffTrack
    } else if watch_below.is_some_and(|w| v < w) {
        Status::Watch
    } else {
        Status::OnTrack
    })
}

/// Writes a number with at most two decimals and no trailing zeros (`8.2`, `554`, `0.13`).
pub fn fmt_num(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" { "0".to_string() } else { s }
}

/// Writes a fraction as a percentage with at most two decimals (`0.126` -> `12.6%`).
pub fn fmt_pct(x: f64) -> String {
    format!("{}%", fmt_num(x * 100.0))
}

/// Writes an amount with two decimals and its currency code (`1234.50 USD`).
pub fn fmt_money(x: f64, currency: &Currency) -> String {
    format!("{x:.2} {}", currency.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_never_divides_by_zero() {
        assert_eq!(ratio(1.0, 0.0), None);
        assert_eq!(ratio(0.0, 0.0), None);
        assert_eq!(ratio(1.0, 4.0), Some(0.25));
        assert_eq!(relative_change(110.0, 100.0), Some(0.1));
        assert_eq!(relative_change(5.0, 0.0), None);
    }

    #[test]
    fn numbers_are_written_short_and_exact_enough() {
        assert_eq!(fmt_num(8.2), "8.2");
        assert_eq!(fmt_num(553.5), "553.5");
        assert_eq!(fmt_num(554.0), "554");
        assert_eq!(fmt_num(-0.001), "0");
        assert_eq!(fmt_pct(0.126), "12.6%");
        assert_eq!(fmt_money(1234.5, &Currency("USD".into())), "1234.50 USD");
    }

    #[test]
    fn statuses_follow_limits() {
        assert_eq!(
            status_at_most(Some(0.05), 0.04, None),
            Some(Status::OffTrack)
        );
        assert_eq!(
            status_at_most(Some(0.035), 0.04, Some(0.032)),
            Some(Status::Watch)
        );
        assert_eq!(
            status_at_most(Some(0.01), 0.04, Some(0.032)),
            Some(Status::OnTrack)
        );
        assert_eq!(
            status_at_least(Some(0.94), 0.95, None),
            Some(Status::OffTrack)
        );
        assert_eq!(status_at_least(None, 0.95, None), None);
        assert_eq!(
            Status::worst(Some(Status::Watch), Some(Status::OffTrack)),
            Some(Status::OffTrack)
        );
    }

    #[test]
    fn missing_reports_are_kept_only_without_a_value() {
        let f = Figure::new("x", Unit::Count)
            .value(Some(1.0))
            .missing(&[ReportKind::BusinessChild]);
        assert!(f.missing.is_empty());
        let f = Figure::new("x", Unit::Count)
            .value(Some(f64::INFINITY))
            .missing(&[ReportKind::BusinessChild]);
        assert_eq!(f.value, None);
        assert_eq!(f.missing, vec![ReportKind::BusinessChild]);
    }
}
