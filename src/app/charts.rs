//! Small inline SVG charts: a line chart for daily series and a bar chart with reference lines.
//!
//! Plain vector drawing, no chart library: the charts print sharply at any size, need no script
//! and no style attribute (the page's CSP forbids inline styles; SVG presentation attributes are
//! fine). Each chart is a `<figure>` with a visible caption and an SVG whose `<title>` and `<desc>`
//! give screen readers the chart's name and every value in words.

use std::sync::Arc;

use leptos::prelude::*;

/// How a chart writes its numbers (axis ticks and value labels).
pub type Fmt = Arc<dyn Fn(f64) -> String + Send + Sync>;

/// One point of a line or one bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// The x-axis label (a date, a SKU, an ad type).
    pub label: String,
    /// `None` draws nothing and says "missing" in the text alternative.
    pub value: Option<f64>,
    /// Emphasised points (this period) are filled; others (the previous period) are hollow.
    pub emphasis: bool,
}

/// A horizontal reference line (a threshold, a band edge, a lead time).
#[derive(Clone, Debug, PartialEq)]
pub struct RefLine {
    pub label: String,
    pub value: f64,
}

const W: f64 = 640.0;
const H: f64 = 260.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 130.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 52.0;

/// Tick values from 0 to a round number at least `max`, about `n` steps of 1, 2 or 5 x 10^k.
pub fn nice_ticks(max: f64, n: usize) -> Vec<f64> {
    let max = if max.is_finite() && max > 0.0 { max } else { 1.0 };
    let raw = max / n.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let step = mag
        * if norm <= 1.0 {
            1.0
        } else if norm <= 2.0 {
            2.0
        } else if norm <= 5.0 {
            5.0
        } else {
            10.0
        };
    let count = (max / step - 1e-9).ceil().max(1.0) as usize;
    (0..=count).map(|i| i as f64 * step).collect()
}

fn plot_height() -> f64 {
    H - TOP - BOTTOM
}

fn plot_width() -> f64 {
    W - LEFT - RIGHT
}

fn y_of(v: f64, top: f64) -> f64 {
    TOP + plot_height() * (1.0 - (v / top).clamp(0.0, 1.05))
}

/// The words a screen reader hears for the chart: every point with its value.
fn describe(points: &[Point], refs: &[RefLine], fmt: &Fmt, missing: &str) -> String {
    let mut parts: Vec<String> = points
        .iter()
        .map(|p| format!("{}: {}", p.label, p.value.map(|v| fmt(v)).unwrap_or_else(|| missing.to_string())))
        .collect();
    parts.extend(refs.iter().map(|r| format!("{}: {}", r.label, fmt(r.value))));
    parts.join("; ")
}

/// The y axis, its grid lines and tick labels, and the reference lines with their labels.
fn axes(ticks: &[f64], top: f64, refs: &[RefLine], fmt: &Fmt) -> impl IntoView + use<> {
    let grid = ticks
        .iter()
        .map(|t| {
            let y = y_of(*t, top);
            view! {
                <line class="grid" x1=LEFT x2=W - RIGHT y1=y y2=y />
                <text class="tick" x=LEFT - 6.0 y=y + 4.0 text-anchor="end">{fmt(*t)}</text>
            }
        })
        .collect_view();
    let lines = refs
        .iter()
        .map(|r| {
            let y = y_of(r.value, top);
            view! {
                <line class="ref" x1=LEFT x2=W - RIGHT y1=y y2=y />
                <text class="ref-label" x=W - RIGHT + 4.0 y=y + 4.0>{format!("{} {}", r.label, fmt(r.value))}</text>
            }
        })
        .collect_view();
    view! {
        {grid}
        <line class="axis" x1=LEFT x2=LEFT y1=TOP y2=TOP + plot_height() />
        <line class="axis" x1=LEFT x2=W - RIGHT y1=TOP + plot_height() y2=TOP + plot_height() />
        {lines}
    }
}

/// The frame both charts share: a captioned figure that never splits across printed pages, and
/// an SVG named by its title and described in words (`desc`), so a screen reader gets the data.
fn chart_frame(id: &'static str, title: String, desc: String, body: impl IntoView + 'static) -> impl IntoView {
    let title_id = format!("chart-{id}-title");
    let desc_id = format!("chart-{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <figure class="chart keep-together" data-chart=id>
            <figcaption id=title_id>{title.clone()}</figcaption>
            <svg
                viewBox=format!("0 0 {W} {H}")
                role="img"
                aria-labelledby=labelled_by
                preserveAspectRatio="xMidYMid meet"
            >
                <title>{title}</title>
                <desc id=desc_id>{desc}</desc>
                {body}
            </svg>
        </figure>
    }
}

/// A line chart of `points` in order, with an x label every few points so labels never overlap.
#[component]
pub fn LineChart(
    /// A stable id for the chart, used for `aria-labelledby` and `data-chart`.
    id: &'static str,
    title: String,
    points: Vec<Point>,
    fmt: Fmt,
    /// The word for a missing value, in the page's language.
    missing: String,
    #[prop(optional)] legend: Option<(String, String)>,
) -> impl IntoView {
    let max = points.iter().filter_map(|p| p.value).fold(0.0, f64::max);
    let ticks = nice_ticks(max, 4);
    let top = ticks.last().copied().unwrap_or(1.0);
    let n = points.len().max(1);
    let x_of = move |i: usize| {
        if n == 1 {
            LEFT + plot_width() / 2.0
        } else {
            LEFT + plot_width() * i as f64 / (n - 1) as f64
        }
    };
    let every = n.div_ceil(10).max(1);
    let path = points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.value.map(|v| format!("{:.1},{:.1}", x_of(i), y_of(v, top))))
        .collect::<Vec<_>>()
        .join(" ");
    let dots = points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            p.value.map(|v| {
                view! {
                    <circle
                        class=if p.emphasis { "dot current" } else { "dot previous" }
                        cx=x_of(i)
                        cy=y_of(v, top)
                        r="3.5"
                    />
                }
            })
        })
        .collect_view();
    let labels = points
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0 || *i == n - 1)
        .map(|(i, p)| {
            view! {
                <text class="tick" x=x_of(i) y=TOP + plot_height() + 16.0 text-anchor="middle">{p.label.clone()}</text>
            }
        })
        .collect_view();
    let desc = describe(&points, &[], &fmt, &missing);
    let legend = legend.map(|(current, previous)| {
        view! {
            <circle class="dot current legend" cx=LEFT + 8.0 cy=H - 12.0 r="3.5" />
            <text class="tick" x=LEFT + 16.0 y=H - 8.0>{current}</text>
            <circle class="dot previous legend" cx=LEFT + 148.0 cy=H - 12.0 r="3.5" />
            <text class="tick" x=LEFT + 156.0 y=H - 8.0>{previous}</text>
        }
    });
    chart_frame(
        id,
        title,
        desc,
        view! {
            {axes(&ticks, top, &[], &fmt)}
            <polyline class="line" points=path fill="none" />
            {dots}
            {labels}
            {legend}
        },
    )
}

/// A vertical bar chart with a value over each bar, "missing" where a value is missing, and
/// labelled reference lines.
#[component]
pub fn BarChart(
    id: &'static str,
    title: String,
    bars: Vec<Point>,
    #[prop(optional)] refs: Vec<RefLine>,
    fmt: Fmt,
    missing: String,
) -> impl IntoView {
    let max = bars
        .iter()
        .filter_map(|p| p.value)
        .chain(refs.iter().map(|r| r.value))
        .fold(0.0, f64::max);
    let ticks = nice_ticks(max, 4);
    let top = ticks.last().copied().unwrap_or(1.0);
    let n = bars.len().max(1);
    let slot = plot_width() / n as f64;
    let width = (slot * 0.6).min(48.0);
    let base = TOP + plot_height();
    let drawn = bars
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let cx = LEFT + slot * (i as f64 + 0.5);
            let label = view! {
                <text class="tick" x=cx y=base + 16.0 text-anchor="middle">{b.label.clone()}</text>
            };
            match b.value {
                Some(v) => {
                    let y = y_of(v.max(0.0), top);
                    view! {
                        <rect class="bar" x=cx - width / 2.0 y=y width=width height=(base - y).max(0.0) />
                        <text class="value" x=cx y=y - 4.0 text-anchor="middle">{fmt(v)}</text>
                        {label}
                    }
                    .into_any()
                }
                None => view! {
                    <text class="value missing" x=cx y=base - 4.0 text-anchor="middle">{missing.clone()}</text>
                    {label}
                }
                .into_any(),
            }
        })
        .collect_view();
    let desc = describe(&bars, &refs, &fmt, &missing);
    chart_frame(
        id,
        title,
        desc,
        view! {
            {axes(&ticks, top, &refs, &fmt)}
            {drawn}
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(nice_ticks(0.62, 4), vec![0.0, 0.2, 0.4, 0.6000000000000001, 0.8]);
        assert_eq!(nice_ticks(4600.0, 4), vec![0.0, 2000.0, 4000.0, 6000.0]);
        assert_eq!(nice_ticks(0.0, 4), vec![0.0, 0.5, 1.0]);
    }
}
