//! Exports: every figure of a Brief as JSON, and any table as a CSV that is safe to open in Excel.

use serde_json::{Map, Value, json};

use super::Brief;

/// Every figure of the Brief as `{ "generated_at", "marketplace", "currency", "period",
/// "previous_period", "metrics": { id: number or null }, "reports": [...] }`.
///
/// Values are raw and unrounded, fractions as fractions. Yes/no figures (`inventory.reorder.*`)
/// are numbers too, 1 for yes and 0 for no, and `inventory.ship_mode.*` is 1 for air and 0 for sea,
/// so every value in `metrics` is a number or null, as in meeting snapshots. Dates
/// (`inventory.stockout_date.*`) are days from `today`. `generated_at` is the caller's clock
/// (RFC 3339), since this crate reads none.
pub fn metrics_json(brief: &Brief, generated_at: &str) -> Value {
    let metrics: Map<String, Value> = brief
        .figures()
        .map(|f| {
            (
                f.id.clone(),
                f.value
                    .and_then(serde_json::Number::from_f64)
                    .map_or(Value::Null, Value::Number),
            )
        })
        .collect();
    let reports: Vec<Value> = brief
        .reports
        .iter()
        .map(|r| json!({ "file": r.file, "kind": r.kind.id(), "rows": r.rows, "skipped": r.skipped, "used": r.used }))
        .collect();
    let sel = &brief.selection;
    json!({
        "generated_at": generated_at,
        "today": brief.today.to_string(),
        "marketplace": sel.marketplace.map(|m| m.code()),
        "currency": sel.currency.as_ref().map(|c| c.code()),
        "period": { "from": sel.period.from.to_string(), "to": sel.period.to.to_string() },
        "previous_period": sel.previous_period.map(|p| json!({ "from": p.from.to_string(), "to": p.to.to_string() })),
        "metrics": metrics,
        "reports": reports,
    })
}

/// A table the page can export: a header and one row of cells per item.
pub trait Table {
    /// The column names, in English.
    fn header() -> Vec<&'static str>;
    /// The row's cells, raw values as text (fractions as fractions).
    fn cells(&self) -> Vec<String>;
}

/// The byte order mark Excel needs to read a UTF-8 CSV as UTF-8; prepend it when saving a file.
pub const EXCEL_BOM: &str = "\u{feff}";

/// Writes rows as CSV (comma, RFC 4180 quoting, `\n` line ends) with cells that Excel would run
/// as a formula escaped; see [`escape_cell`].
pub fn table_to_csv<T: Table>(rows: &[T]) -> String {
    cells_to_csv(&T::header(), rows.iter().map(T::cells))
}

/// Writes a header and rows of cells as CSV, escaping formula-like cells.
pub fn cells_to_csv(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail for I/O reasons, and records of any length are accepted
    // (`flexible` is off but every row comes from the same `Table`), so errors are ignored rather
    // than unwrapped: at worst a row is missing, never a panic.
    let _ = w.write_record(header.iter().map(|h| escape_cell(h)));
    for row in rows {
        let _ = w.write_record(row.iter().map(|c| escape_cell(c)));
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Prefixes `'` to a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return, so that
/// Excel shows it as text instead of running it as a formula (CSV injection). Plain numbers such
/// as `-12.5` are left alone: a number cannot be a formula, and escaping it would turn it to text.
pub fn escape_cell(cell: &str) -> String {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().map_or(true, |v| !v.is_finite()) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

impl Table for super::AsinRow {
    fn header() -> Vec<&'static str> {
        vec![
            "rank",
            "asin",
            "parent_asin",
            "sku",
            "title",
            "ordered_sales",
            "ordered_sales_b2b",
            "units",
            "order_items",
            "sessions",
            "page_views",
            "conversion",
            "buy_box",
            "share",
            "cumulative_share",
            "abc",
            "potential",
            "low_conversion",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.rank.to_string(),
            self.asin.clone(),
            opt(&self.parent_asin),
            opt(&self.sku),
            opt(&self.title),
            self.sales.to_string(),
            self.sales_b2b.to_string(),
            self.units.to_string(),
            self.order_items.to_string(),
            self.sessions.to_string(),
            self.page_views.to_string(),
            opt(&self.conversion),
            opt(&self.buy_box),
            opt(&self.share),
            opt(&self.cumulative_share),
            format!("{:?}", self.abc),
            self.potential
                .map(|p| p.label().to_string())
                .unwrap_or_default(),
            self.low_conversion.to_string(),
        ]
    }
}

/// A rank as keyword tools write it: `12`, `>306`, or empty when missing.
fn rank_cell(rank: Option<crate::dataset::Rank>) -> String {
    match rank {
        Some(crate::dataset::Rank::Exact(n)) => n.to_string(),
        Some(crate::dataset::Rank::WorseThan(n)) => format!(">{n}"),
        None => String::new(),
    }
}

impl Table for super::KeywordTableRow {
    fn header() -> Vec<&'static str> {
        vec!["keyword", "asin", "search_volume", "organic_rank", "sponsored_rank", "observed", "beyond_page_one", "reason"]
    }
    fn cells(&self) -> Vec<String> {
        let o = &self.observation;
        vec![
            o.keyword.clone(),
            opt(&o.asin),
            opt(&o.search_volume),
            rank_cell(o.organic_rank),
            rank_cell(o.sponsored_rank),
            opt(&o.observed),
            self.beyond_page_one.to_string(),
            opt(&self.reason),
        ]
    }
}

impl Table for super::CandidateRow {
    fn header() -> Vec<&'static str> {
        vec![
            "list",
            "ad_type",
            "campaign",
            "ad_group",
            "targeting",
            "match_type",
            "search_term",
            "asin",
            "sku",
            "spend",
            "sales",
            "clicks",
            "orders",
            "acos",
            "suggested_cpc",
            "reason",
            "source",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            format!("{:?}", self.list).to_lowercase(),
            self.ad_type
                .map(|t| t.code().to_string())
                .unwrap_or_default(),
            self.campaign.clone(),
            self.ad_group.clone(),
            self.targeting.clone(),
            self.match_type.clone(),
            self.search_term.clone(),
            self.asin.clone(),
            self.sku.clone(),
            self.spend.to_string(),
            self.sales.to_string(),
            self.clicks.to_string(),
            self.orders.to_string(),
            opt(&self.acos),
            opt(&self.suggested_cpc),
            self.reason.clone(),
            self.source.clone(),
        ]
    }
}

impl Table for super::RestockRow {
    fn header() -> Vec<&'static str> {
        vec![
            "sku",
            "asin",
            "title",
            "available",
            "inbound",
            "reserved",
            "daily_sales",
            "days_of_cover",
            "no_sales",
            "safety_stock",
            "safety_formula",
            "stockout_date",
            "reorder",
            "reorder_qty",
            "ship_mode",
            "at_risk",
            "velocity_depressed",
            "aged_90_plus",
            "notes",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.sku.clone(),
            opt(&self.asin),
            opt(&self.title),
            self.available.to_string(),
            opt(&self.inbound),
            opt(&self.reserved),
            opt(&self.daily_sales),
            opt(&self.days_of_cover),
            self.no_sales.to_string(),
            opt(&self.safety_stock),
            self.safety_formula.clone(),
            opt(&self.stockout_date),
            self.reorder.to_string(),
            opt(&self.reorder_qty),
            self.ship_mode
                .map(|m| m.label().to_string())
                .unwrap_or_default(),
            self.at_risk.to_string(),
            self.velocity_depressed.to_string(),
            opt(&self.aged_90_plus),
            self.notes.join("; "),
        ]
    }
}

impl Table for super::ReturnsRow {
    fn header() -> Vec<&'static str> {
        vec![
            "asin",
            "sku",
            "title",
            "returned_units",
            "ordered_units",
            "return_rate",
            "previous_rate",
            "change",
            "abnormal",
            "reasons",
            "dispositions",
            "comments",
        ]
    }
    fn cells(&self) -> Vec<String> {
        let pairs = |v: &[(String, i64)]| {
            v.iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect::<Vec<_>>()
                .join("; ")
        };
        vec![
            self.asin.clone(),
            opt(&self.sku),
            opt(&self.title),
            self.returned_units.to_string(),
            opt(&self.ordered_units),
            opt(&self.return_rate),
            opt(&self.previous_rate),
            opt(&self.change),
            self.abnormal.to_string(),
            pairs(&self.reasons),
            pairs(&self.dispositions),
            self.comments.join(" | "),
        ]
    }
}

impl Table for super::ReasonRow {
    fn header() -> Vec<&'static str> {
        vec!["reason", "units", "share"]
    }
    fn cells(&self) -> Vec<String> {
        vec![self.reason.clone(), self.units.to_string(), opt(&self.share)]
    }
}

impl Table for super::AdsBreakdownRow {
    fn header() -> Vec<&'static str> {
        vec![
            "key",
            "spend",
            "sales",
            "impressions",
            "clicks",
            "orders",
            "units",
            "spend_share",
            "acos",
            "roas",
            "ctr",
            "cpc",
            "cvr",
            "attribution_days",
            "source",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.key.clone(),
            self.spend.to_string(),
            self.sales.to_string(),
            self.impressions.to_string(),
            self.clicks.to_string(),
            self.orders.to_string(),
            self.units.to_string(),
            opt(&self.spend_share),
            opt(&self.acos),
            opt(&self.roas),
            opt(&self.ctr),
            opt(&self.cpc),
            opt(&self.cvr),
            opt(&self.attribution_days),
            self.source.clone(),
        ]
    }
}

impl Table for super::AdsSkuRow {
    fn header() -> Vec<&'static str> {
        vec![
            "sku",
            "asin",
            "spend",
            "sales",
            "clicks",
            "orders",
            "acos",
            "break_even_acos",
            "status",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.sku.clone(),
            self.asin.clone(),
            self.spend.to_string(),
            self.sales.to_string(),
            self.clicks.to_string(),
            self.orders.to_string(),
            opt(&self.acos),
            opt(&self.break_even_acos),
            self.status
                .map(|s| s.word().to_string())
                .unwrap_or_default(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Row(Vec<String>);
    impl Table for Row {
        fn header() -> Vec<&'static str> {
            vec!["a", "b"]
        }
        fn cells(&self) -> Vec<String> {
            self.0.clone()
        }
    }

    #[test]
    fn formula_like_cells_are_escaped_and_numbers_are_not() {
        assert_eq!(escape_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(escape_cell("+1+2"), "'+1+2");
        assert_eq!(escape_cell("-2+3"), "'-2+3");
        assert_eq!(escape_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(escape_cell("\tx"), "'\tx");
        assert_eq!(escape_cell("\rx"), "'\rx");
        assert_eq!(escape_cell("-12.5"), "-12.5");
        assert_eq!(escape_cell("-inf"), "'-inf");
        assert_eq!(escape_cell("yoga mat"), "yoga mat");
    }

    #[test]
    fn csv_quotes_commas_and_quotes_and_escapes_formulas() {
        let rows = vec![
            Row(vec!["=1+1".into(), "a,\"b\"".into()]),
            Row(vec!["-3".into(), "é".into()]),
        ];
        let csv = table_to_csv(&rows);
        assert_eq!(csv, "a,b\n'=1+1,\"a,\"\"b\"\"\"\n-3,é\n");
    }
}
