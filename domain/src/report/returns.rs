//! FBA customer returns and seller-fulfilled (MFN) returns, per ASIN.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::detect::Header;
use super::row::{ReadContext, Row};
use super::{ReportKind, RowSink};
use crate::dataset::{AsinReturns, ReportData, ReturnsSummary};

#[derive(Clone, Debug, Default)]
struct Columns {
    date: Option<usize>,
    asin: Option<usize>,
    sku: Option<usize>,
    title: Option<usize>,
    quantity: Option<usize>,
    reason: Option<usize>,
    disposition: Option<usize>,
    comments: Option<usize>,
    currency: Option<usize>,
}

impl Columns {
    fn resolve(kind: ReportKind, header: &Header) -> Columns {
        let find = |aliases: &[&str]| header.find(aliases);
        match kind {
            ReportKind::ReturnsFba => Columns {
                date: find(&["return-date"]),
                asin: find(&["asin"]),
                sku: find(&["sku"]),
                title: find(&["product-name"]),
                quantity: find(&["quantity"]),
                reason: find(&["reason"]),
                disposition: find(&["detailed-disposition"]),
                comments: find(&["customer-comments"]),
                currency: None,
            },
            // MFN returns: header spellings vary in case and in the RMA column's name; names are
            // compared case-insensitively because the normalised header is lower case.
            _ => Columns {
                date: find(&["return request date"]),
                asin: find(&["asin"]),
                sku: find(&["merchant sku", "seller sku", "sku"]),
                title: find(&["item name"]),
                quantity: find(&["return quantity"]),
                reason: find(&["return reason"]),
                disposition: None,
                comments: find(&["customer comments"]),
                currency: find(&["currency code"]),
            },
        }
    }
}

/// A returns report being aggregated.
pub struct ReturnsSink {
    columns: Columns,
    by_asin: FxHashMap<String, AsinReturns>,
    order: Vec<String>,
}

impl ReturnsSink {
    pub fn new(kind: ReportKind, header: &Header, _ctx: &mut ReadContext) -> ReturnsSink {
        ReturnsSink { columns: Columns::resolve(kind, header), by_asin: FxHashMap::default(), order: Vec::new() }
    }
}

fn bump(map: &mut BTreeMap<String, i64>, key: &str, units: i64) {
    if key.is_empty() {
        return;
    }
    match map.get_mut(key) {
        Some(total) => *total += units,
        None => {
            map.insert(key.to_string(), units);
        }
    }
}

impl RowSink for ReturnsSink {
    fn row(&mut self, row: &Row<'_>, ctx: &mut ReadContext) -> Result<(), String> {
        let c = &self.columns;
        let asin = row.get(c.asin);
        if asin.is_empty() {
            return Err("the row has no ASIN".to_string());
        }
        ctx.date(row.get(c.date), "return date")?;
        let units = ctx.count(row, c.quantity, "quantity")?.unwrap_or(1);
        if c.currency.is_some() {
            ctx.see_currency_code(row.get(c.currency));
        }
        if !self.by_asin.contains_key(asin) {
            let text = |column: Option<usize>| Some(row.get(column).to_string()).filter(|s| !s.is_empty());
            self.by_asin.insert(asin.to_string(), AsinReturns { asin: asin.to_string(), sku: text(c.sku), title: text(c.title), ..AsinReturns::default() });
            self.order.push(asin.to_string());
        }
        let Some(entry) = self.by_asin.get_mut(asin) else {
            return Ok(());
        };
        entry.units += units;
        bump(&mut entry.reasons, row.get(c.reason), units);
        bump(&mut entry.dispositions, row.get(c.disposition), units);
        let comment = row.get(c.comments);
        if !comment.is_empty() && entry.comments.len() < AsinReturns::MAX_COMMENTS {
            entry.comments.push(comment.to_string());
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, _ctx: &mut ReadContext) -> ReportData {
        let by_asin = self.order.iter().filter_map(|asin| self.by_asin.remove(asin)).collect();
        ReportData::Returns(ReturnsSummary { by_asin })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_rma_spellings_and_cases_resolve() {
        let header = Header::new(["Order ID", "Return Request Date", "Seller RMA ID", "ASIN", "Merchant SKU", "Return quantity", "Return reason"]);
        let c = Columns::resolve(ReportKind::ReturnsMfn, &header);
        assert_eq!((c.date, c.asin, c.quantity, c.reason), (Some(1), Some(3), Some(5), Some(6)));
        assert_eq!(super::super::detect::detect_kind(&header), Some(ReportKind::ReturnsMfn));
    }
}
