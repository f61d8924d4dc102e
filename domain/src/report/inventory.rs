//! FBA inventory reports: the inventory planning report (CSV or TSV), Manage FBA Inventory and
//! Restock Inventory, reduced to one [`SkuStock`] per SKU.
//!
//! A SKU that appears on several rows (one per condition or per fulfilment centre) is summed.

use rustc_hash::FxHashMap;

use super::detect::{Header, names};
use super::row::{ReadContext, Row};
use super::{ReportKind, RowSink};
use crate::dataset::{Cents, InventorySnapshot, ReportData, SkuStock};
use crate::text::date::ParsedDate;

#[derive(Clone, Debug, Default)]
struct Columns {
    snapshot_date: Option<usize>,
    sku: Option<usize>,
    fnsku: Option<usize>,
    asin: Option<usize>,
    title: Option<usize>,
    available: Option<usize>,
    /// Columns whose sum is the inbound quantity.
    inbound: Vec<usize>,
    /// Columns whose sum is the reserved quantity.
    reserved: Vec<usize>,
    unfulfillable: Option<usize>,
    /// Per bucket (0-90, 91-180, 181-270, 271-365, over 365), the columns to add.
    age: [Vec<usize>; 5],
    shipped_t7: Option<usize>,
    shipped_t30: Option<usize>,
    excess: Option<usize>,
    storage_cost: Option<usize>,
    days_of_supply: Option<usize>,
    alert: Option<usize>,
    recommended_qty: Option<usize>,
    currency: Option<usize>,
    marketplace: Option<usize>,
}

fn all(header: &Header, names: &[&str]) -> Vec<usize> {
    names.iter().filter_map(|n| header.find(&[n])).collect()
}

impl Columns {
    fn resolve(kind: ReportKind, header: &Header) -> Columns {
        let find = |aliases: &[&str]| header.find(aliases);
        let mut c = Columns {
            snapshot_date: find(names::SNAPSHOT_DATE),
            sku: find(&["sku", "seller-sku", "merchant sku"]),
            fnsku: find(&["fnsku"]),
            asin: find(&["asin"]),
            title: find(&["product-name", "product name"]),
            unfulfillable: find(&["unfulfillable-quantity", "afn-unsellable-quantity", "unfulfillable"]),
            shipped_t7: find(&["units-shipped-t7"]),
            shipped_t30: find(&["units-shipped-t30", "units sold last 30 days"]),
            excess: find(&["estimated-excess-quantity"]),
            storage_cost: find(&["estimated-storage-cost-next-month"]),
            days_of_supply: find(&["days-of-supply", "total days of supply (including units from open shipments)"]),
            alert: find(&["alert"]),
            recommended_qty: find(&["recommended ship-in quantity", "recommended replenishment qty", "recommended-order-quantity"]),
            currency: find(&["currency", "currency code"]),
            marketplace: find(&["marketplace", "country"]),
            ..Columns::default()
        };
        match kind {
            ReportKind::FbaManageInventory => {
                c.available = find(names::AFN_FULFILLABLE);
                c.inbound = all(header, &["afn-inbound-working-quantity", "afn-inbound-shipped-quantity", "afn-inbound-receiving-quantity"]);
                c.reserved = all(header, &["afn-reserved-quantity"]);
            }
            ReportKind::FbaRestock => {
                c.available = find(&["available"]);
                c.inbound = all(header, &["inbound"]);
                c.reserved = all(header, &["fc transfer", "fc processing", "customer order"]);
            }
            _ => {
                c.available = find(&["available"]);
                c.inbound = match find(&["inbound-quantity"]) {
                    Some(total) => vec![total],
                    None => all(header, &["inbound-working", "inbound-shipped", "inbound-received"]),
                };
                c.reserved = all(header, &["total reserved quantity"]);
                c.age = [
                    all(header, &["inv-age-0-to-90-days"]),
                    all(header, &["inv-age-91-to-180-days"]),
                    all(header, &["inv-age-181-to-270-days"]),
                    all(header, &["inv-age-271-to-365-days"]),
                    all(header, &["inv-age-366-to-455-days", "inv-age-456-plus-days", "inv-age-365-plus-days"]),
                ];
            }
        }
        c
    }
}

/// An inventory report being aggregated.
pub struct InventorySink {
    columns: Columns,
    skus: Vec<SkuStock>,
    by_sku: FxHashMap<String, usize>,
    snapshot: Option<ParsedDate>,
}

impl InventorySink {
    pub fn new(kind: ReportKind, header: &Header, _ctx: &mut ReadContext) -> InventorySink {
        InventorySink { columns: Columns::resolve(kind, header), skus: Vec::new(), by_sku: FxHashMap::default(), snapshot: None }
    }
}

fn sum(ctx: &mut ReadContext, row: &Row<'_>, columns: &[usize], name: &str) -> Result<Option<i64>, String> {
    let mut total = None;
    for &column in columns {
        if let Some(value) = ctx.count(row, Some(column), name)? {
            total = Some(total.unwrap_or(0) + value);
        }
    }
    Ok(total)
}

fn add(total: &mut Option<i64>, value: Option<i64>) {
    if let Some(v) = value {
        *total = Some(total.unwrap_or(0) + v);
    }
}

impl RowSink for InventorySink {
    fn row(&mut self, row: &Row<'_>, ctx: &mut ReadContext) -> Result<(), String> {
        let c = &self.columns;
        let sku = row.get(c.sku);
        if sku.is_empty() {
            return Err("the row has no SKU".to_string());
        }
        if c.snapshot_date.is_some()
            && let Some(date) = ctx.date(row.get(c.snapshot_date), "snapshot-date")?
        {
            self.snapshot = Some(self.snapshot.map_or(date, |s| s.max(date)));
        }
        let available = ctx.count(row, c.available, "available")?;
        let inbound = sum(ctx, row, &c.inbound, "inbound")?;
        let reserved = sum(ctx, row, &c.reserved, "reserved")?;
        let unfulfillable = ctx.count(row, c.unfulfillable, "unfulfillable")?;
        let mut age = [0i64; 5];
        let mut has_age = false;
        for (bucket, columns) in c.age.iter().enumerate() {
            if let Some(units) = sum(ctx, row, columns, "inventory age")? {
                age[bucket] = units;
                has_age = true;
            }
        }
        let shipped_t7 = ctx.count(row, c.shipped_t7, "units shipped (7 days)")?;
        let shipped_t30 = ctx.count(row, c.shipped_t30, "units shipped (30 days)")?;
        let excess = ctx.count(row, c.excess, "estimated excess quantity")?;
        let storage_cost = ctx.money(row, c.storage_cost, "estimated storage cost")?;
        let days_of_supply = ctx.float(row, c.days_of_supply, "days of supply")?;
        let recommended = ctx.count(row, c.recommended_qty, "recommended quantity")?;
        if c.currency.is_some() {
            ctx.see_currency_code(row.get(c.currency));
        }
        if c.marketplace.is_some() {
            ctx.see_marketplace(row.get(c.marketplace));
        }
        let index = match self.by_sku.get(sku) {
            Some(&i) => i,
            None => {
                let text = |column: Option<usize>| Some(row.get(column).to_string()).filter(|s| !s.is_empty());
                self.skus.push(SkuStock { sku: sku.to_string(), asin: text(c.asin), fnsku: text(c.fnsku), title: text(c.title), ..SkuStock::default() });
                self.by_sku.insert(sku.to_string(), self.skus.len() - 1);
                self.skus.len() - 1
            }
        };
        let stock = &mut self.skus[index];
        stock.available += available.unwrap_or(0);
        add(&mut stock.inbound, inbound);
        add(&mut stock.reserved, reserved);
        add(&mut stock.unfulfillable, unfulfillable);
        if has_age {
            let buckets = stock.age_buckets.get_or_insert([0; 5]);
            for (total, units) in buckets.iter_mut().zip(age) {
                *total += units;
            }
        }
        add(&mut stock.units_shipped_t7, shipped_t7);
        add(&mut stock.units_shipped_t30, shipped_t30);
        add(&mut stock.excess_units, excess);
        if let Some(cost) = storage_cost {
            stock.storage_cost_next_month = Some(stock.storage_cost_next_month.unwrap_or(Cents(0)) + cost);
        }
        if days_of_supply.is_some() {
            stock.days_of_supply = days_of_supply;
        }
        let alert = row.get(c.alert);
        if !alert.is_empty() {
            stock.alert = Some(alert.to_string());
        }
        add(&mut stock.recommended_qty, recommended);
        Ok(())
    }

    fn finish(self: Box<Self>, ctx: &mut ReadContext) -> ReportData {
        let order = ctx.day_month_order();
        ReportData::Inventory(InventorySnapshot { snapshot_date: self.snapshot.and_then(|d| d.resolve(order)), skus: self.skus })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manage_inventory_inbound_adds_its_three_stages() {
        let header = Header::new(
            "sku\tafn-fulfillable-quantity\tafn-warehouse-quantity\tafn-inbound-working-quantity\tafn-inbound-shipped-quantity\tafn-inbound-receiving-quantity"
                .split('\t'),
        );
        let c = Columns::resolve(ReportKind::FbaManageInventory, &header);
        assert_eq!(c.available, Some(1));
        assert_eq!(c.inbound, vec![3, 4, 5]);
    }
}
