//! Jungle Scout exports: Sales Analytics "Profit Overview" (multi-product view) and the Inventory
//! Manager.
//!
//! The header names follow the columns Jungle Scout's help pages document for these views; the
//! export spelling is not confirmed, so detection asks for several distinctive columns together
//! and reading tolerates missing optional ones. Neither export carries dates: the period comes
//! from the file name's window when it has one, else the page asks for it.

use rustc_hash::FxHashMap;

use super::super::detect::Header;
use super::super::row::{ReadContext, Row};
use super::super::{ReportKind, RowSink};
use super::performance::{PerformanceColumns, PerformanceSink, Sign};
use crate::dataset::{InventorySnapshot, Measure, ProfitBasis, ReportData, SkuStock};

const MARKETPLACE: &[&str] = &["marketplace"];
const ASIN: &[&str] = &["asin", "product asin"];
const SKU: &[&str] = &["sku"];
const TITLE: &[&str] = &["product title", "title", "product name"];
const TOTAL_SALES: &[&str] = &["total sales"];
const NET_PROFIT: &[&str] = &["net profit"];
const UNITS_SHIPPED: &[&str] = &["units shipped"];
const PPC_SALES: &[&str] = &["ppc sales"];
const ORGANIC_SALES: &[&str] = &["organic sales"];
const RETURNS: &[&str] = &["returns"];
const INVENTORY_STATUS: &[&str] = &["inventory status"];
const REORDER_QUANTITY: &[&str] = &["reorder quantity"];
const DATE_TO_REORDER: &[&str] = &["date to reorder"];
const AVAILABLE: &[&str] = &["available", "fba inventory", "current inventory", "units available"];

/// Recognises a Jungle Scout export by its header.
pub(crate) fn detect(header: &Header) -> Option<ReportKind> {
    let profit = header.has(ASIN)
        && header.has(TOTAL_SALES)
        && header.has(NET_PROFIT)
        && (header.has(UNITS_SHIPPED) || header.has(PPC_SALES) || header.has(ORGANIC_SALES));
    if profit {
        return Some(ReportKind::JungleScoutProfitOverview);
    }
    let inventory = (header.has(SKU) || header.has(&["product asin"]))
        && header.has(INVENTORY_STATUS)
        && (header.has(REORDER_QUANTITY) || header.has(DATE_TO_REORDER));
    inventory.then_some(ReportKind::JungleScoutInventory)
}

/// Profit Overview: `Total Sales` (organic and PPC together; `Organic Sales` is not added again),
/// `Units Shipped`, `PPC Sales` as ad sales, `Returns` as refunded units and `Net Profit`.
/// COGS, operating expenses and the ratio columns are not read: the ratios are recomputed from
/// sums where the page needs them.
pub(crate) fn profit_overview_sink(header: &Header) -> Box<dyn RowSink> {
    let find = |aliases: &[&str]| header.find(aliases);
    let columns = PerformanceColumns {
        asin: find(ASIN),
        sku: find(SKU),
        title: find(TITLE),
        marketplace: find(MARKETPLACE),
        profit_basis: Some(ProfitBasis::Net),
        ..PerformanceColumns::default()
    }
    .with(Measure::Sales, find(TOTAL_SALES), Sign::AsWritten)
    .with(Measure::Units, find(UNITS_SHIPPED), Sign::AsWritten)
    .with(Measure::AdSales, find(PPC_SALES), Sign::AsWritten)
    .with(Measure::UnitsRefunded, find(RETURNS), Sign::AsWritten)
    .with(Measure::Profit, find(NET_PROFIT), Sign::AsWritten);
    Box::new(PerformanceSink::new(columns, header))
}

/// Inventory Manager: one [`SkuStock`] per SKU (the ASIN stands in when the SKU is blank), with
/// `Reorder Quantity` as the recommended quantity and `Inventory Status` (`In stock`, `Order Now`,
/// `Reorder Soon`, `Overstock`) as the alert.
///
/// The documented columns carry no stock level; `available` is read from an `Available`-like
/// column when the export has one and is otherwise 0, which is why the inventory metrics take
/// stock levels from an Amazon snapshot whenever one is loaded.
pub(crate) fn inventory_sink(header: &Header) -> Box<dyn RowSink> {
    let find = |aliases: &[&str]| header.find(aliases);
    Box::new(InventorySink {
        asin: find(ASIN),
        sku: find(SKU),
        title: find(TITLE),
        status: find(INVENTORY_STATUS),
        reorder_quantity: find(REORDER_QUANTITY),
        available: find(AVAILABLE),
        marketplace: find(MARKETPLACE),
        skus: Vec::new(),
        by_sku: FxHashMap::default(),
    })
}

struct InventorySink {
    asin: Option<usize>,
    sku: Option<usize>,
    title: Option<usize>,
    status: Option<usize>,
    reorder_quantity: Option<usize>,
    available: Option<usize>,
    marketplace: Option<usize>,
    skus: Vec<SkuStock>,
    by_sku: FxHashMap<String, usize>,
}

impl RowSink for InventorySink {
    fn row(&mut self, row: &Row<'_>, ctx: &mut ReadContext) -> Result<(), String> {
        let asin = row.get(self.asin);
        let sku = match row.get(self.sku) {
            "" => asin,
            sku => sku,
        };
        if sku.is_empty() {
            return Err("the row has no SKU or ASIN".to_string());
        }
        let recommended = ctx.count(row, self.reorder_quantity, "Reorder Quantity")?;
        let available = ctx.count(row, self.available, "Available")?;
        if self.marketplace.is_some() {
            ctx.see_marketplace(row.get(self.marketplace));
        }
        let index = match self.by_sku.get(sku) {
            Some(&i) => i,
            None => {
                let text = |column: Option<usize>| Some(row.get(column).to_string()).filter(|s| !s.is_empty());
                self.skus.push(SkuStock { sku: sku.to_string(), asin: text(self.asin), title: text(self.title), ..SkuStock::default() });
                self.by_sku.insert(sku.to_string(), self.skus.len() - 1);
                self.skus.len() - 1
            }
        };
        let stock = &mut self.skus[index];
        stock.available += available.unwrap_or(0);
        if let Some(qty) = recommended {
            stock.recommended_qty = Some(stock.recommended_qty.unwrap_or(0) + qty);
        }
        let status = row.get(self.status);
        if !status.is_empty() {
            stock.alert = Some(status.to_string());
        }
        Ok(())
    }

    fn finish(self: Box<Self>, _ctx: &mut ReadContext) -> ReportData {
        ReportData::Inventory(InventorySnapshot { snapshot_date: None, skus: self.skus })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_views_are_recognised_by_several_distinctive_columns() {
        let kind = |line: &str| detect(&Header::new(line.split(',')));
        assert_eq!(
            kind("Marketplace,ASIN,SKU,Total Sales,COGS,Operating Expenses,Net Profit,Gross Margin %,ROI,Units Shipped"),
            Some(ReportKind::JungleScoutProfitOverview)
        );
        assert_eq!(kind("ASIN,Total Sales"), None);
        assert_eq!(
            kind("Product ASIN,SKU,Product Title,Inventory Status,Date to Reorder,Reorder Quantity,Reorder Cost"),
            Some(ReportKind::JungleScoutInventory)
        );
        assert_eq!(kind("SKU,Inventory Status"), None);
    }
}
