//! All Orders and Amazon Fulfilled Shipments, reduced to what the health and inventory metrics use.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::detect::Header;
use super::row::{ReadContext, Row};
use super::RowSink;
use crate::dataset::{Cents, OrdersSummary, ReportData, ShipmentsSummary};
use crate::text::date::ParsedDate;

#[derive(Clone, Debug, Default)]
struct OrderColumns {
    order_id: Option<usize>,
    purchase_date: Option<usize>,
    order_status: Option<usize>,
    item_status: Option<usize>,
    channel: Option<usize>,
    sales_channel: Option<usize>,
    asin: Option<usize>,
    quantity: Option<usize>,
    currency: Option<usize>,
    item_price: Option<usize>,
    buyer_cancelled: Option<usize>,
}

/// What is known about one order while the file streams (an order spans several lines).
#[derive(Default)]
struct OrderState {
    merchant: bool,
    amazon: bool,
    cancelled: bool,
    buyer_requested: bool,
}

/// The All Orders flat file being aggregated.
pub struct OrdersSink {
    columns: OrderColumns,
    orders: FxHashMap<String, OrderState>,
    units_by_asin: BTreeMap<String, i64>,
    by_day: FxHashMap<ParsedDate, (i64, Cents)>,
}

impl OrdersSink {
    pub fn new(header: &Header, ctx: &mut ReadContext) -> OrdersSink {
        let find = |aliases: &[&str]| header.find(aliases);
        let columns = OrderColumns {
            order_id: find(&["amazon-order-id"]),
            purchase_date: find(&["purchase-date"]),
            order_status: find(&["order-status"]),
            item_status: find(&["item-status"]),
            channel: find(&["fulfillment-channel"]),
            sales_channel: find(&["sales-channel"]),
            asin: find(&["asin"]),
            quantity: find(&["quantity"]),
            currency: find(&["currency"]),
            item_price: find(&["item-price"]),
            buyer_cancelled: find(&["is-buyer-requested-cancellation"]),
        };
        if columns.buyer_cancelled.is_none() {
            ctx.note("This All Orders file has no is-buyer-requested-cancellation column (older layout): every cancelled seller-fulfilled order counts as cancelled by the seller.");
        }
        OrdersSink { columns, orders: FxHashMap::default(), units_by_asin: BTreeMap::new(), by_day: FxHashMap::default() }
    }
}

impl RowSink for OrdersSink {
    fn row(&mut self, row: &Row<'_>, ctx: &mut ReadContext) -> Result<(), String> {
        let c = &self.columns;
        let order_id = row.get(c.order_id);
        if order_id.is_empty() {
            return Err("the row has no amazon-order-id".to_string());
        }
        let date = ctx.date(row.get(c.purchase_date), "purchase-date")?;
        let quantity = ctx.count(row, c.quantity, "quantity")?.unwrap_or(0);
        let price = ctx.money(row, c.item_price, "item-price")?.unwrap_or_default();
        ctx.see_currency_code(row.get(c.currency));
        ctx.see_marketplace(row.get(c.sales_channel));
        let order_cancelled = row.get(c.order_status).eq_ignore_ascii_case("cancelled");
        let line_cancelled = order_cancelled || row.get(c.item_status).eq_ignore_ascii_case("cancelled");
        let channel = row.get(c.channel);
        let state = match self.orders.get_mut(order_id) {
            Some(state) => state,
            None => self.orders.entry(order_id.to_string()).or_default(),
        };
        state.merchant |= channel.eq_ignore_ascii_case("merchant");
        state.amazon |= channel.eq_ignore_ascii_case("amazon");
        state.cancelled |= order_cancelled;
        state.buyer_requested |= row.get(c.buyer_cancelled).eq_ignore_ascii_case("true");
        if !line_cancelled {
            let asin = row.get(c.asin);
            if !asin.is_empty() {
                match self.units_by_asin.get_mut(asin) {
                    Some(units) => *units += quantity,
                    None => {
                        self.units_by_asin.insert(asin.to_string(), quantity);
                    }
                }
            }
            if let Some(date) = date {
                let day = self.by_day.entry(date).or_default();
                day.0 += quantity;
                day.1 += price;
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>, ctx: &mut ReadContext) -> ReportData {
        let order = ctx.day_month_order();
        let mut summary = OrdersSummary { units_by_asin: self.units_by_asin, ..OrdersSummary::default() };
        for state in self.orders.values() {
            if state.merchant {
                summary.mfn_orders += 1;
                if state.cancelled && !state.buyer_requested {
                    summary.mfn_cancelled_by_seller += 1;
                }
            } else if state.amazon {
                summary.afn_orders += 1;
            }
        }
        for (date, (units, sales)) in self.by_day {
            if let Some(date) = date.resolve(order) {
                let day = summary.by_day.entry(date).or_insert((0, Cents(0)));
                day.0 += units;
                day.1 += sales;
            }
        }
        ReportData::Orders(summary)
    }
}

/// Amazon Fulfilled Shipments being aggregated: units shipped per SKU.
pub struct ShipmentsSink {
    sku: Option<usize>,
    quantity: Option<usize>,
    date: Option<usize>,
    currency: Option<usize>,
    sales_channel: Option<usize>,
    units_by_sku: BTreeMap<String, i64>,
}

impl ShipmentsSink {
    pub fn new(header: &Header, _ctx: &mut ReadContext) -> ShipmentsSink {
        ShipmentsSink {
            sku: header.find(&["sku"]),
            quantity: header.find(&["quantity-shipped"]),
            date: header.find(&["shipment-date", "purchase-date"]),
            currency: header.find(&["currency"]),
            sales_channel: header.find(&["sales-channel"]),
            units_by_sku: BTreeMap::new(),
        }
    }
}

impl RowSink for ShipmentsSink {
    fn row(&mut self, row: &Row<'_>, ctx: &mut ReadContext) -> Result<(), String> {
        let sku = row.get(self.sku);
        if sku.is_empty() {
            return Err("the row has no sku".to_string());
        }
        ctx.date(row.get(self.date), "shipment-date")?;
        let units = ctx.count(row, self.quantity, "quantity-shipped")?.unwrap_or(0);
        ctx.see_currency_code(row.get(self.currency));
        ctx.see_marketplace(row.get(self.sales_channel));
        match self.units_by_sku.get_mut(sku) {
            Some(total) => *total += units,
            None => {
                self.units_by_sku.insert(sku.to_string(), units);
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>, _ctx: &mut ReadContext) -> ReportData {
        ReportData::Shipments(ShipmentsSummary { units_by_sku: self.units_by_sku })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::csv_stream::LinePosition;
    use crate::text::number::DecimalStyle;

    fn push(sink: &mut dyn RowSink, ctx: &mut ReadContext, cells: &[&str]) {
        let mut text = String::new();
        let mut ends = Vec::new();
        for cell in cells {
            text.push_str(cell);
            ends.push(text.len());
        }
        sink.row(&Row::new(&text, &ends, None, LinePosition::Line(2)), ctx).unwrap();
        ctx.end_row(true);
    }

    #[test]
    fn an_order_on_several_lines_counts_once_and_buyer_cancellations_are_not_the_sellers() {
        let header = Header::new(["amazon-order-id", "purchase-date", "order-status", "fulfillment-channel", "asin", "quantity", "item-price", "is-buyer-requested-cancellation"]);
        let mut ctx = ReadContext::new(DecimalStyle::Point);
        let mut sink: Box<dyn RowSink> = Box::new(OrdersSink::new(&header, &mut ctx));
        push(sink.as_mut(), &mut ctx, &["1", "2026-09-01T10:00:00Z", "Shipped", "Merchant", "A", "1", "10.00", "false"]);
        push(sink.as_mut(), &mut ctx, &["1", "2026-09-01T10:00:00Z", "Shipped", "Merchant", "B", "2", "5.00", "false"]);
        push(sink.as_mut(), &mut ctx, &["2", "2026-09-01T11:00:00Z", "Cancelled", "Merchant", "A", "1", "", "true"]);
        push(sink.as_mut(), &mut ctx, &["3", "2026-09-02T11:00:00Z", "Cancelled", "Merchant", "A", "1", "", "false"]);
        let ReportData::Orders(orders) = sink.finish(&mut ctx) else { panic!("orders") };
        assert_eq!((orders.mfn_orders, orders.mfn_cancelled_by_seller, orders.afn_orders), (3, 1, 0));
        assert_eq!(orders.units_by_asin.get("A"), Some(&1));
        assert_eq!(orders.units_by_asin.get("B"), Some(&2));
    }
}
