//! Business Reports: traffic and sales per ASIN (child or parent) and per day.
//!
//! Columns are resolved by exact normalised name in English, German, Japanese and Simplified
//! Chinese. B2B columns are read into their own fields: Amazon's totals already include B2B, so
//! adding them would count B2B twice. In the Chinese layout `转化率 - 总计` is the session
//! percentage despite its wording, so it is deliberately not read; conversion is always computed
//! from units and sessions by the metrics.

use rustc_hash::FxHashMap;

use super::detect::{Header, names};
use super::row::{ReadContext, Row};
use super::{ReportKind, RowSink};
use crate::dataset::{BusinessByDate, BusinessByItem, Cents, DayTotals, ItemTraffic, ReportData};
use crate::text::date::ParsedDate;

/// Adds the ` - b2b` twin of each alias.
fn b2b(aliases: &[&str]) -> Vec<String> {
    aliases.iter().map(|a| format!("{a} - b2b")).collect()
}

fn find_owned(header: &Header, aliases: &[String]) -> Option<usize> {
    let refs: Vec<&str> = aliases.iter().map(String::as_str).collect();
    header.find(&refs)
}

const TITLE: &[&str] = &["title", "titel", "タイトル", "标题"];
const SKU: &[&str] = &["sku"];
const PAGE_VIEWS: &[&str] = &["page views - total", "page views", "seitenaufrufe - summe", "ページビュー - 合計", "页面浏览量 - 总计"];
const BUY_BOX: &[&str] = &[
    "featured offer (buy box) percentage",
    "buy box percentage",
    "おすすめ出品(おすすめ商品)の獲得率",
    "推荐报价(推荐报价展示位)百分比",
];
const ORDER_ITEMS: &[&str] = &["total order items", "zahl der bestellposten", "注文品目総数", "订单商品总数"];
/// The B2B twins that do not follow the `<name> - b2b` pattern.
const SESSIONS_B2B_EXTRA: &[&str] = &["会话 - 总计 - b2b"];
const SALES_B2B_EXTRA: &[&str] = &["bestellsumme - b2b"];

/// Where each figure is in a Business Report.
#[derive(Clone, Debug, Default)]
struct Columns {
    parent: Option<usize>,
    child: Option<usize>,
    sku: Option<usize>,
    title: Option<usize>,
    date: Option<usize>,
    sessions: Option<usize>,
    sessions_b2b: Option<usize>,
    page_views: Option<usize>,
    page_views_b2b: Option<usize>,
    buy_box: Option<usize>,
    units: Option<usize>,
    units_b2b: Option<usize>,
    sales: Option<usize>,
    sales_b2b: Option<usize>,
    order_items: Option<usize>,
    order_items_b2b: Option<usize>,
    units_refunded: Option<usize>,
    feedback_received: Option<usize>,
    negative_feedback: Option<usize>,
    claims_granted: Option<usize>,
}

impl Columns {
    fn resolve(header: &Header) -> Columns {
        let mut sessions_b2b = b2b(names::SESSIONS);
        sessions_b2b.extend(SESSIONS_B2B_EXTRA.iter().map(|s| s.to_string()));
        let mut sales_b2b = b2b(names::ORDERED_SALES);
        sales_b2b.extend(SALES_B2B_EXTRA.iter().map(|s| s.to_string()));
        Columns {
            parent: header.find(names::PARENT_ASIN),
            child: header.find(names::CHILD_ASIN),
            sku: header.find(SKU),
            title: header.find(TITLE),
            date: header.find(names::DATE),
            sessions: header.find(names::SESSIONS),
            sessions_b2b: find_owned(header, &sessions_b2b),
            page_views: header.find(PAGE_VIEWS),
            page_views_b2b: find_owned(header, &b2b(PAGE_VIEWS)),
            buy_box: header.find(BUY_BOX),
            units: header.find(names::UNITS_ORDERED),
            units_b2b: find_owned(header, &b2b(names::UNITS_ORDERED)),
            sales: header.find(names::ORDERED_SALES),
            sales_b2b: find_owned(header, &sales_b2b),
            order_items: header.find(ORDER_ITEMS),
            order_items_b2b: find_owned(header, &b2b(ORDER_ITEMS)),
            units_refunded: header.find(&["units refunded"]),
            feedback_received: header.find(&["feedback received"]),
            negative_feedback: header.find(&["negative feedback received"]),
            claims_granted: header.find(&["a-to-z claims granted"]),
        }
    }

    /// The columns a row must reach for the row to be read.
    fn needed(&self) -> usize {
        [self.child, self.parent, self.date, self.sessions, self.units, self.sales]
            .into_iter()
            .flatten()
            .max()
            .map_or(0, |m| m + 1)
    }
}

/// The figures of one Business Report row.
#[derive(Default)]
struct RowFigures {
    sessions: Option<i64>,
    sessions_b2b: Option<i64>,
    page_views: Option<i64>,
    page_views_b2b: Option<i64>,
    buy_box: Option<f64>,
    units: Option<i64>,
    units_b2b: Option<i64>,
    sales: Option<Cents>,
    sales_b2b: Option<Cents>,
    order_items: Option<i64>,
    order_items_b2b: Option<i64>,
}

fn read_figures(c: &Columns, row: &Row<'_>, ctx: &mut ReadContext) -> Result<RowFigures, String> {
    if row.len() < c.needed() {
        return Err(format!("the row has {} fields, fewer than the header", row.len()));
    }
    Ok(RowFigures {
        sessions: ctx.count(row, c.sessions, "Sessions")?,
        sessions_b2b: ctx.count(row, c.sessions_b2b, "Sessions - B2B")?,
        page_views: ctx.count(row, c.page_views, "Page Views")?,
        page_views_b2b: ctx.count(row, c.page_views_b2b, "Page Views - B2B")?,
        buy_box: ctx.fraction(row, c.buy_box, "Buy Box Percentage")?,
        units: ctx.count(row, c.units, "Units Ordered")?,
        units_b2b: ctx.count(row, c.units_b2b, "Units Ordered - B2B")?,
        sales: ctx.money(row, c.sales, "Ordered Product Sales")?,
        sales_b2b: ctx.money(row, c.sales_b2b, "Ordered Product Sales - B2B")?,
        order_items: ctx.count(row, c.order_items, "Total Order Items")?,
        order_items_b2b: ctx.count(row, c.order_items_b2b, "Total Order Items - B2B")?,
    })
}

/// Business Report by child or parent item: sums per ASIN, in file order.
pub struct ByItem {
    columns: Columns,
    items: Vec<ItemTraffic>,
    by_asin: FxHashMap<String, usize>,
}

impl ByItem {
    pub fn new(header: &Header, ctx: &mut ReadContext) -> ByItem {
        let columns = Columns::resolve(header);
        if columns.child.is_some() && columns.sku.is_none() {
            ctx.note("This Business Report has no SKU column (Amazon removed it from some downloads); items are listed by ASIN only.");
        }
        ByItem { columns, items: Vec::new(), by_asin: FxHashMap::default() }
    }
}

impl RowSink for ByItem {
    fn row(&mut self, row: &Row<'_>, ctx: &mut ReadContext) -> Result<(), String> {
        let c = &self.columns;
        let child = row.get(c.child);
        let parent = row.get(c.parent);
        let asin = if child.is_empty() { parent } else { child };
        if asin.is_empty() {
            return Err("the row has no ASIN".to_string());
        }
        let figures = read_figures(c, row, ctx)?;
        let index = match self.by_asin.get(asin) {
            Some(&i) => i,
            None => {
                let text = |column: Option<usize>| Some(row.get(column).to_string()).filter(|s| !s.is_empty());
                self.items.push(ItemTraffic {
                    parent_asin: text(c.parent),
                    child_asin: text(c.child),
                    sku: text(c.sku),
                    title: text(c.title),
                    ..ItemTraffic::default()
                });
                self.by_asin.insert(asin.to_string(), self.items.len() - 1);
                self.items.len() - 1
            }
        };
        let item = &mut self.items[index];
        let sessions = figures.sessions.unwrap_or(0);
        item.sessions += sessions;
        item.sessions_b2b += figures.sessions_b2b.unwrap_or(0);
        item.page_views += figures.page_views.unwrap_or(0);
        item.page_views_b2b += figures.page_views_b2b.unwrap_or(0);
        item.units += figures.units.unwrap_or(0);
        item.units_b2b += figures.units_b2b.unwrap_or(0);
        item.order_items += figures.order_items.unwrap_or(0);
        item.order_items_b2b += figures.order_items_b2b.unwrap_or(0);
        item.sales += figures.sales.unwrap_or_default();
        item.sales_b2b += figures.sales_b2b.unwrap_or_default();
        if let Some(fraction) = figures.buy_box {
            item.buy_box_weighted += fraction * sessions as f64;
            item.buy_box_sessions += sessions;
        }
        Ok(())
    }

    fn finish(self: Box<Self>, _ctx: &mut ReadContext) -> ReportData {
        ReportData::BusinessByItem(BusinessByItem { items: self.items })
    }
}

/// Per-day sums while the file streams; `None` until a row gives the figure.
#[derive(Default)]
struct DaySums {
    sales: Cents,
    sales_b2b: Cents,
    units: i64,
    units_b2b: i64,
    order_items: i64,
    sessions: Option<i64>,
    sessions_b2b: Option<i64>,
    page_views: Option<i64>,
    buy_box_weighted: Option<f64>,
    units_refunded: Option<i64>,
    feedback_received: Option<i64>,
    negative_feedback: Option<i64>,
    claims_granted: Option<i64>,
}

fn add_opt(total: &mut Option<i64>, value: Option<i64>) {
    if let Some(v) = value {
        *total = Some(total.unwrap_or(0) + v);
    }
}

/// Business Report "Sales and Traffic by Date": one entry per day.
pub struct ByDate {
    columns: Columns,
    days: FxHashMap<ParsedDate, DaySums>,
}

impl ByDate {
    pub fn new(header: &Header, _ctx: &mut ReadContext) -> ByDate {
        ByDate { columns: Columns::resolve(header), days: FxHashMap::default() }
    }
}

impl RowSink for ByDate {
    fn row(&mut self, row: &Row<'_>, ctx: &mut ReadContext) -> Result<(), String> {
        let c = &self.columns;
        let date = ctx.date(row.get(c.date), "Date")?.ok_or_else(|| "the row has no date".to_string())?;
        let figures = read_figures(c, row, ctx)?;
        let extra = |ctx: &mut ReadContext, column, name| ctx.count(row, column, name);
        let units_refunded = extra(ctx, c.units_refunded, "Units Refunded")?;
        let feedback_received = extra(ctx, c.feedback_received, "Feedback Received")?;
        let negative_feedback = extra(ctx, c.negative_feedback, "Negative Feedback Received")?;
        let claims_granted = extra(ctx, c.claims_granted, "A-to-z Claims Granted")?;
        let day = self.days.entry(date).or_default();
        day.sales += figures.sales.unwrap_or_default();
        day.sales_b2b += figures.sales_b2b.unwrap_or_default();
        day.units += figures.units.unwrap_or(0);
        day.units_b2b += figures.units_b2b.unwrap_or(0);
        day.order_items += figures.order_items.unwrap_or(0);
        add_opt(&mut day.sessions, figures.sessions);
        add_opt(&mut day.sessions_b2b, figures.sessions_b2b);
        add_opt(&mut day.page_views, figures.page_views);
        if let (Some(fraction), Some(sessions)) = (figures.buy_box, figures.sessions) {
            day.buy_box_weighted = Some(day.buy_box_weighted.unwrap_or(0.0) + fraction * sessions as f64);
        }
        add_opt(&mut day.units_refunded, units_refunded);
        add_opt(&mut day.feedback_received, feedback_received);
        add_opt(&mut day.negative_feedback, negative_feedback);
        add_opt(&mut day.claims_granted, claims_granted);
        Ok(())
    }

    fn finish(self: Box<Self>, ctx: &mut ReadContext) -> ReportData {
        let order = ctx.day_month_order();
        let mut merged: std::collections::BTreeMap<chrono::NaiveDate, DayTotals> = Default::default();
        for (date, sums) in self.days {
            let Some(date) = date.resolve(order) else { continue };
            let day = merged.entry(date).or_insert_with(|| DayTotals {
                date,
                sales: Cents(0),
                sales_b2b: Cents(0),
                units: 0,
                units_b2b: 0,
                order_items: 0,
                sessions: None,
                sessions_b2b: None,
                page_views: None,
                buy_box_weighted: None,
                units_refunded: None,
                feedback_received: None,
                negative_feedback: None,
                claims_granted: None,
            });
            day.sales += sums.sales;
            day.sales_b2b += sums.sales_b2b;
            day.units += sums.units;
            day.units_b2b += sums.units_b2b;
            day.order_items += sums.order_items;
            add_opt(&mut day.sessions, sums.sessions);
            add_opt(&mut day.sessions_b2b, sums.sessions_b2b);
            add_opt(&mut day.page_views, sums.page_views);
            if let Some(w) = sums.buy_box_weighted {
                day.buy_box_weighted = Some(day.buy_box_weighted.unwrap_or(0.0) + w);
            }
            add_opt(&mut day.units_refunded, sums.units_refunded);
            add_opt(&mut day.feedback_received, sums.feedback_received);
            add_opt(&mut day.negative_feedback, sums.negative_feedback);
            add_opt(&mut day.claims_granted, sums.claims_granted);
        }
        ReportData::BusinessByDate(BusinessByDate { days: merged.into_values().collect() })
    }
}

/// The reader for a Business Report kind.
pub fn sink(kind: ReportKind, header: &Header, ctx: &mut ReadContext) -> Box<dyn RowSink> {
    match kind {
        ReportKind::BusinessDate => Box::new(ByDate::new(header, ctx)),
        _ => Box::new(ByItem::new(header, ctx)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_columns_layout_reads_totals_not_mobile_or_b2b() {
        let header = Header::new(
            "(Parent) ASIN,(Child) ASIN,Sessions - Mobile App,Sessions - Mobile APP - B2B,Sessions - Total,Sessions - Total - B2B,Units Ordered,Ordered Product Sales"
                .split(','),
        );
        let c = Columns::resolve(&header);
        assert_eq!((c.sessions, c.sessions_b2b, c.units, c.sales), (Some(4), Some(5), Some(6), Some(7)));
    }

    #[test]
    fn chinese_session_percentage_trap_is_not_read() {
        let header = Header::new(["（父）ASIN", "（子）ASIN", "会话数 - 总计", "会话 - 总计 - B2B", "转化率 - 总计", "商品会话百分比", "已订购商品数量"]);
        let c = Columns::resolve(&header);
        assert_eq!((c.sessions, c.sessions_b2b, c.units), (Some(2), Some(3), Some(6)));
    }
}
