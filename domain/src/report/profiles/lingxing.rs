//! Lingxing (领星) exports, recognised by their Chinese header signatures (interop notes, 4a):
//! 产品表现 (product performance), the ad reports, 订单导出 (orders), Listing, FBA货件 (inbound
//! shipments) and 补货建议 (restock suggestions).
//!
//! Lingxing writes money with a symbol and thousands separators (`￥1,234.50`, `$12.00`) and
//! ratios as `%` strings; ratios are never read, the metrics compute them from the sums. Its
//! tables often carry a 合计 (total) row, which is skipped so that nothing is counted twice.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::performance::{PerformanceColumns, PerformanceSink, Sign};
use crate::dataset::{Cents, InventorySnapshot, Marketplace, Measure, OrdersSummary, ProfitBasis, ReportData, SkuStock};
use crate::report::ads::AdsSink;
use crate::report::detect::{Header, names};
use crate::report::row::{ReadContext, Row};
use crate::report::{ReportKind, RowSink};
use crate::text::date::ParsedDate;
use crate::text::header::strip_excel_text_formula;

/// The shop column every Lingxing ad report has; Amazon's own reports never do.
const SHOP: &[&str] = &["店铺名称", "店铺"];
const COUNTRY: &[&str] = &["国家", "国家/地区", "站点"];
const CURRENCY: &[&str] = &["币种", "货币"];
const ASIN: &[&str] = &["asin"];
const PARENT_ASIN: &[&str] = &["父asin"];
const MSKU: &[&str] = &["msku", "seller sku", "*sku", "sku"];
const FNSKU: &[&str] = &["fnsku"];
const TITLE: &[&str] = &["标题", "品名", "商品名称"];
const DATE: &[&str] = &["日期", "统计日期"];

/// Cells that mark a total row rather than a product: `合计`, `总计` (with or without a colon),
/// or any summary label such as `父ASIN汇总` or `北美汇总`.
fn is_total_cell(cell: &str) -> bool {
    let cell = cell.trim().trim_end_matches([':', '：']);
    matches!(cell, "合计" | "总计") || cell.contains("汇总")
}

/// Whether the row is a total or summary row: one of its key cells says so.
fn is_total_row(row: &Row<'_>, keys: &[Option<usize>]) -> bool {
    keys.iter().any(|column| column.is_some() && is_total_cell(row.get(*column)))
}

/// Recognises a Lingxing ad report. Called before the Amazon ads rules: the Chinese ad columns
/// (`广告活动`, `展示`, `点击`, `花费`) are also the ads aliases, and only the shop column tells a
/// Lingxing report from an Amazon one.
pub(crate) fn detect_ads(header: &Header) -> Option<ReportKind> {
    if !header.has(SHOP) || !header.has(&["广告活动"]) {
        return None;
    }
    if !(header.has(names::SPEND) || header.has(names::IMPRESSIONS) || header.has(names::CLICKS)) {
        return None;
    }
    let kind = if header.has(names::SEARCH_TERM) {
        ReportKind::LingxingAdsSearchTerm
    } else if (header.has(&["关键词"]) && header.has(names::MATCH_TYPE)) || header.has(&["投放"]) {
        ReportKind::LingxingAdsTargeting
    } else if header.has(&["msku"]) || header.has(ASIN) {
        ReportKind::LingxingAdsAdvertisedProduct
    } else {
        // 广告活动报告 (with 预算), 广告组报告 (广告组) and 广告位报告 (广告位) all describe the
        // campaign's own spend, split at most by ad group or placement.
        ReportKind::LingxingAdsCampaign
    };
    Some(kind)
}

/// Recognises the other Lingxing exports, from the most to the least specific signature.
pub(crate) fn detect(header: &Header) -> Option<ReportKind> {
    let has = |aliases: &[&str]| header.has(aliases);
    if has(&["订单号"]) && has(&["订购日期"]) && has(&["订单状态"]) && has(&["msku"]) {
        return Some(ReportKind::LingxingOrders);
    }
    if has(&["货件单号"]) && has(&["货件状态"]) {
        return Some(ReportKind::LingxingFbaShipments);
    }
    if has(&["msku"]) && has(FNSKU) && has(PARENT_ASIN) && has(&["7日销量"]) {
        return Some(ReportKind::LingxingListing);
    }
    let restock_quantity = has(RESTOCK_QUANTITY);
    if (has(&["本地可用"]) && has(&["待交付"])) || (restock_quantity && (has(MSKU) || has(ASIN) || has(PARENT_ASIN))) {
        return Some(ReportKind::LingxingRestock);
    }
    // 产品表现, and the 利润报表 (profit report) by MSKU, which has the same figures and profit.
    let product_figures = has(&["订单量"]) || has(&["广告花费"]) || has(&["sessions-total"]) || has(&["结算毛利润"]) || has(&["订单毛利润"]);
    if (has(ASIN) || has(&["msku"]) || has(PARENT_ASIN)) && has(&["销量"]) && has(&["销售额"]) && product_figures {
        return Some(ReportKind::LingxingProductPerformance);
    }
    None
}

/// The reader for a Lingxing kind, or `None` for the kinds Lingxing does not export.
pub(crate) fn sink(kind: ReportKind, header: &Header, ctx: &mut ReadContext) -> Option<Box<dyn RowSink>> {
    let sink: Box<dyn RowSink> = match kind {
        ReportKind::LingxingProductPerformance => Box::new(LingxingPerformanceSink::new(header, ctx)),
        ReportKind::LingxingAdsSearchTerm
        | ReportKind::LingxingAdsTargeting
        | ReportKind::LingxingAdsAdvertisedProduct
        | ReportKind::LingxingAdsCampaign => Box::new(LingxingAdsSink::new(kind, header, ctx)),
        ReportKind::LingxingOrders => Box::new(OrdersSink::new(header, ctx)),
        ReportKind::LingxingListing | ReportKind::LingxingRestock | ReportKind::LingxingFbaShipments => {
            Box::new(StockSink::new(kind, header, ctx))
        }
        _ => return None,
    };
    Some(sink)
}

/// Notes whether a money cell wrote its amount in yen signs (`￥`, `¥`).
fn has_yen_sign(cell: &str) -> bool {
    cell.contains(['￥', '¥'])
}

/// Lingxing shows every shop's money either in the site's currency or converted to Chinese yuan,
/// and writes the yuan with the same `￥` sign as the yen. The sign alone reads as yen, so a file
/// that used it for a shop outside Japan is in yuan: the currency is set to CNY (a currency
/// column, when the file has one, has already said so and wins anyway).
fn settle_yen_sign(ctx: &mut ReadContext, saw_yen: bool) {
    if saw_yen && ctx.marketplace != Some(Marketplace::JP) {
        ctx.see_currency_code("CNY");
        ctx.note("Amounts written with ￥ in a Lingxing export for a shop outside Japan were read as Chinese yuan (CNY), the currency Lingxing converts to.");
    }
}

/// Where each measure is in a 产品表现 export, by its Chinese name.
const PERFORMANCE_MEASURES: &[(Measure, &[&str])] = &[
    (Measure::Sales, &["销售额"]),
    (Measure::Units, &["销量"]),
    (Measure::Orders, &["订单量"]),
    (Measure::Sessions, &["sessions-total"]),
    (Measure::PageViews, &["pv-total"]),
    (Measure::AdSpend, &["广告花费"]),
    (Measure::AdSales, &["广告销售额"]),
    (Measure::AdOrders, &["广告订单量"]),
    (Measure::Impressions, &["展示"]),
    (Measure::Clicks, &["点击"]),
    (Measure::UnitsRefunded, &["退款量"]),
    (Measure::Available, &["fba-可售"]),
];

/// The columns whose sum is the inbound quantity: units in transit and units being received.
const INBOUND: &[&str] = &["fba-在途", "fba-入库中"];

/// A 产品表现 export, read by the shared [`PerformanceSink`]; this wrapper skips Lingxing's 合计
/// rows (which may carry `合计` in the ASIN column, where the shared sink would take it for a
/// product) and watches the money for the `￥` sign (see [`settle_yen_sign`]).
pub struct LingxingPerformanceSink {
    inner: PerformanceSink,
    /// The cells that say `合计` on a total row.
    total_keys: [Option<usize>; 5],
    money: Vec<usize>,
    saw_yen: bool,
    dated_stock: bool,
}

impl LingxingPerformanceSink {
    pub fn new(header: &Header, ctx: &mut ReadContext) -> LingxingPerformanceSink {
        let mut columns = PerformanceColumns {
            date: header.find(DATE),
            asin: header.find(ASIN).or(header.find(PARENT_ASIN)),
            sku: header.find(&["msku"]).or(header.find(&["sku"])),
            title: header.find(TITLE),
            marketplace: header.find(COUNTRY),
            currency: header.find(CURRENCY),
            ..PerformanceColumns::default()
        };
        for (measure, aliases) in PERFORMANCE_MEASURES {
            columns.add(*measure, header.find(aliases), Sign::AsWritten);
        }
        for name in INBOUND {
            columns.add(Measure::Inbound, header.find(&[name]), Sign::AsWritten);
        }
        // Settlement profit is the one Amazon has paid out; order profit is an estimate made when
        // the order is placed. They are different measures: one is read, and the note says which.
        match (header.find(&["结算毛利润"]), header.find(&["订单毛利润"])) {
            (Some(column), _) => {
                ctx.note("Profit is Lingxing's 结算毛利润: gross profit on the settlement basis.");
                columns.add(Measure::Profit, Some(column), Sign::AsWritten);
                columns.profit_basis = Some(ProfitBasis::Settlement);
            }
            (None, Some(column)) => {
                ctx.note("Profit is Lingxing's 订单毛利润: gross profit on the order basis (estimated when orders are placed), not settlement profit.");
                columns.add(Measure::Profit, Some(column), Sign::AsWritten);
                columns.profit_basis = Some(ProfitBasis::Order);
            }
            (None, None) => {}
        }
        let money = columns.measures.iter().filter(|(m, _, _)| m.is_money()).map(|(_, column, _)| *column).collect();
        let dated_stock = columns.date.is_some() && (columns.has(Measure::Available) || columns.has(Measure::Inbound));
        let total_keys = [columns.asin, columns.sku, columns.date, header.find(SHOP), Some(0)];
        LingxingPerformanceSink { inner: PerformanceSink::new(columns, header), total_keys, money, saw_yen: false, dated_stock }
    }
}

impl RowSink for LingxingPerformanceSink {
    fn row(&mut self, row: &Row<'_>, ctx: &mut ReadContext) -> Result<(), String> {
        if is_total_row(row, &self.total_keys) {
            return Err("a 合计 (total) row: its figures are the sum of the other rows".to_string());
        }
        self.inner.row(row, ctx)?;
        if !self.saw_yen {
            self.saw_yen = self.money.iter().any(|&column| has_yen_sign(row.get(Some(column))));
        }
        Ok(())
    }

    fn finish(self: Box<Self>, ctx: &mut ReadContext) -> ReportData {
        settle_yen_sign(ctx, self.saw_yen);
        if self.dated_stock {
            ctx.note("Available and inbound units are those of each product's latest day in the file, not a sum over days.");
        }
        Box::new(self.inner).finish(ctx)
    }
}

/// A Lingxing ad report: Amazon's ad figures under Chinese names, read by [`AdsSink`] through the
/// Chinese aliases; this wrapper only watches the money for the `￥` sign (see
/// [`settle_yen_sign`]).
pub struct LingxingAdsSink {
    inner: AdsSink,
    spend: Option<usize>,
    saw_yen: bool,
}

impl LingxingAdsSink {
    pub fn new(kind: ReportKind, header: &Header, ctx: &mut ReadContext) -> LingxingAdsSink {
        LingxingAdsSink { inner: AdsSink::new(kind, header, ctx), spend: header.find(names::SPEND), saw_yen: false }
    }
}

impl RowSink for LingxingAdsSink {
    fn row(&mut self, row: &Row<'_>, ctx: &mut ReadContext) -> Result<(), String> {
        if is_total_row(row, &[Some(0)]) {
            return Err("a 合计 (total) row: its figures are the sum of the other rows".to_string());
        }
        self.inner.row(row, ctx)?;
        self.saw_yen |= has_yen_sign(row.get(self.spend));
        Ok(())
    }

    fn finish(self: Box<Self>, ctx: &mut ReadContext) -> ReportData {
        settle_yen_sign(ctx, self.saw_yen);
        Box::new(self.inner).finish(ctx)
    }
}

/// A Lingxing 订单导出 (orders export) being reduced to an [`OrdersSummary`].
pub struct OrdersSink {
    order_id: Option<usize>,
    date: Option<usize>,
    status: Option<usize>,
    asin: Option<usize>,
    quantity: Option<usize>,
    amount: Option<usize>,
    channel: Option<usize>,
    country: Option<usize>,
    currency: Option<usize>,
    /// Per order: fulfilled by the seller, by Amazon, cancelled.
    orders: FxHashMap<String, (bool, bool, bool)>,
    units_by_asin: BTreeMap<String, i64>,
    by_day: FxHashMap<ParsedDate, (i64, Cents)>,
    saw_yen: bool,
}

impl OrdersSink {
    pub fn new(header: &Header, ctx: &mut ReadContext) -> OrdersSink {
        let channel = header.find(&["配送方式", "发货方式", "fulfillment"]);
        if channel.is_some() {
            ctx.note("Lingxing does not say who asked for a cancellation: every cancelled seller-fulfilled order counts as cancelled by the seller.");
        }
        OrdersSink {
            order_id: header.find(&["订单号"]),
            date: header.find(&["订购日期"]),
            status: header.find(&["订单状态"]),
            asin: header.find(ASIN),
            quantity: header.find(&["数量", "销量", "商品数量", "订购数量"]),
            amount: header.find(&["销售额", "商品金额", "商品价格", "订单金额"]),
            channel,
            country: header.find(COUNTRY),
            currency: header.find(CURRENCY),
            orders: FxHashMap::default(),
            units_by_asin: BTreeMap::new(),
            by_day: FxHashMap::default(),
            saw_yen: false,
        }
    }
}

/// Whether an order status means the order was cancelled (`已取消`, `Canceled`).
fn is_cancelled(status: &str) -> bool {
    status.contains("取消") || status.to_ascii_lowercase().starts_with("cancel")
}

impl RowSink for OrdersSink {
    fn row(&mut self, row: &Row<'_>, ctx: &mut ReadContext) -> Result<(), String> {
        let order_id = row.get(self.order_id);
        if order_id.is_empty() || is_total_cell(order_id) {
            return Err("the row has no 订单号 (order id)".to_string());
        }
        let date = ctx.date(row.get(self.date), "订购日期")?;
        let quantity = ctx.count(row, self.quantity, "数量")?.unwrap_or(0);
        self.saw_yen |= has_yen_sign(row.get(self.amount));
        let amount = ctx.money(row, self.amount, "销售额")?.unwrap_or_default();
        if self.country.is_some() {
            ctx.see_marketplace(row.get(self.country));
        }
        if self.currency.is_some() {
            ctx.see_currency_code(row.get(self.currency));
        }
        let cancelled = is_cancelled(row.get(self.status));
        let channel = row.get(self.channel).to_ascii_uppercase();
        let amazon = channel.contains("FBA") || channel.contains("AFN") || channel.contains("亚马逊");
        let merchant = !amazon && (channel.contains("FBM") || channel.contains("MFN") || channel.contains("自发货") || channel.contains("卖家"));
        let state = self.orders.entry(order_id.to_string()).or_default();
        state.0 |= merchant;
        state.1 |= amazon;
        state.2 |= cancelled;
        if !cancelled {
            let asin = strip_excel_text_formula(row.get(self.asin));
            if !asin.is_empty() {
                *self.units_by_asin.entry(asin.to_string()).or_default() += quantity;
            }
            if let Some(date) = date {
                let day = self.by_day.entry(date).or_default();
                day.0 += quantity;
                day.1 += amount;
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>, ctx: &mut ReadContext) -> ReportData {
        settle_yen_sign(ctx, self.saw_yen);
        let order = ctx.day_month_order();
        let mut summary = OrdersSummary { units_by_asin: self.units_by_asin, ..OrdersSummary::default() };
        for (merchant, amazon, cancelled) in self.orders.into_values() {
            if merchant {
                summary.mfn_orders += 1;
                summary.mfn_cancelled_by_seller += i64::from(cancelled);
            } else if amazon {
                summary.afn_orders += 1;
            }
        }
        for (day, (units, sales)) in self.by_day {
            if let Some(date) = day.resolve(order) {
                let entry = summary.by_day.entry(date).or_default();
                entry.0 += units;
                entry.1 += sales;
            }
        }
        ReportData::Orders(summary)
    }
}

/// The recommended quantity of a 补货建议 export.
const RESTOCK_QUANTITY: &[&str] = &["建议补货量", "建议采购量", "建议发货量", "建议补货数量"];

/// Stock per MSKU from the Listing, 补货建议 and FBA货件 exports, as an [`InventorySnapshot`].
///
/// Each export says something different: the Listing gives sellable FBA stock and the 7- and
/// 30-day sales, 补货建议 the available stock and the quantity Lingxing suggests sending, FBA货件
/// the units on their way per shipment (sent and not yet received, open shipments only).
pub struct StockSink {
    kind: ReportKind,
    sku: Option<usize>,
    asin: Option<usize>,
    fnsku: Option<usize>,
    title: Option<usize>,
    available: Option<usize>,
    sold_7: Option<usize>,
    sold_30: Option<usize>,
    recommended: Option<usize>,
    /// FBA货件: units sent and units received, and the shipment status.
    shipped: Option<usize>,
    received: Option<usize>,
    status: Option<usize>,
    country: Option<usize>,
    skus: Vec<SkuStock>,
    by_sku: FxHashMap<String, usize>,
}

impl StockSink {
    pub fn new(kind: ReportKind, header: &Header, ctx: &mut ReadContext) -> StockSink {
        let find = |aliases: &[&str]| header.find(aliases);
        let available = match kind {
            ReportKind::LingxingFbaShipments => None,
            _ => find(&["fba-可售", "fba可售", "可售"]).or(find(&["可用库存"])).or(find(&["本地可用"])),
        };
        if let Some(column) = available {
            let name = header.original.get(column).cloned().unwrap_or_default();
            ctx.note(format!("Available stock is Lingxing's `{name}` column."));
        } else if kind != ReportKind::LingxingFbaShipments {
            ctx.note("The export has no stock column: available units are not known and read as 0.");
        }
        if kind == ReportKind::LingxingFbaShipments {
            ctx.note("The FBA shipments export gives inbound units only (sent and not yet received, open shipments); available stock comes from another report.");
        }
        StockSink {
            kind,
            sku: find(MSKU),
            asin: find(ASIN).or(find(PARENT_ASIN)),
            fnsku: find(FNSKU),
            title: find(TITLE),
            available,
            sold_7: find(&["7日销量", "7天销量"]),
            sold_30: find(&["30日销量", "30天销量"]),
            recommended: find(RESTOCK_QUANTITY),
            shipped: find(&["发货量", "申报量", "已发货量", "发货数量"]),
            received: find(&["签收量", "已收货量", "收货量", "实收量"]),
            status: find(&["货件状态"]),
            country: find(COUNTRY),
            skus: Vec::new(),
            by_sku: FxHashMap::default(),
        }
    }
}

/// Whether an FBA shipment status means the shipment is done with (its units are no longer
/// inbound): closed, cancelled, deleted.
fn shipment_is_closed(status: &str) -> bool {
    let upper = status.trim().to_ascii_uppercase();
    matches!(upper.as_str(), "CLOSED" | "CANCELLED" | "DELETED")
        || ["已完成", "已关闭", "已取消", "已删除"].iter().any(|done| status.contains(done))
}

impl RowSink for StockSink {
    fn row(&mut self, row: &Row<'_>, ctx: &mut ReadContext) -> Result<(), String> {
        let sku = row.get(self.sku);
        if is_total_row(row, &[self.sku, self.asin, Some(0)]) {
            return Err("a summary row (parent ASIN, region or 合计 total): its figures are the sum of the other rows".to_string());
        }
        if sku.is_empty() {
            return Err("the row has no MSKU".to_string());
        }
        let available = ctx.count(row, self.available, "可用")?;
        let sold_7 = ctx.count(row, self.sold_7, "7日销量")?;
        let sold_30 = ctx.count(row, self.sold_30, "30日销量")?;
        let recommended = ctx.count(row, self.recommended, "建议补货量")?;
        let inbound = if self.kind == ReportKind::LingxingFbaShipments {
            let shipped = ctx.count(row, self.shipped, "发货量")?.unwrap_or(0);
            let received = ctx.count(row, self.received, "签收量")?.unwrap_or(0);
            let open = !shipment_is_closed(row.get(self.status));
            Some(if open { (shipped - received).max(0) } else { 0 })
        } else {
            None
        };
        if self.country.is_some() {
            ctx.see_marketplace(row.get(self.country));
        }
        let index = match self.by_sku.get(sku) {
            Some(&index) => index,
            None => {
                let text = |column: Option<usize>| Some(strip_excel_text_formula(row.get(column)).to_string()).filter(|s| !s.is_empty());
                self.skus.push(SkuStock { sku: sku.to_string(), asin: text(self.asin), fnsku: text(self.fnsku), title: text(self.title), ..SkuStock::default() });
                self.by_sku.insert(sku.to_string(), self.skus.len() - 1);
                self.skus.len() - 1
            }
        };
        let stock = &mut self.skus[index];
        stock.available += available.unwrap_or(0);
        let add = |total: &mut Option<i64>, value: Option<i64>| {
            if let Some(v) = value {
                *total = Some(total.unwrap_or(0) + v);
            }
        };
        add(&mut stock.units_shipped_t7, sold_7);
        add(&mut stock.units_shipped_t30, sold_30);
        add(&mut stock.recommended_qty, recommended);
        add(&mut stock.inbound, inbound);
        Ok(())
    }

    fn finish(self: Box<Self>, _ctx: &mut ReadContext) -> ReportData {
        ReportData::Inventory(InventorySnapshot { snapshot_date: None, skus: self.skus })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(line: &str) -> Option<ReportKind> {
        let header = Header::new(line.split(','));
        detect_ads(&header).or_else(|| detect(&header))
    }

    #[test]
    fn signatures_tell_the_exports_apart() {
        assert_eq!(
            kind_of("日期,ASIN,父ASIN,MSKU,店铺,国家,销量,销售额,订单量,Sessions-Total,广告花费,结算毛利润"),
            Some(ReportKind::LingxingProductPerformance)
        );
        assert_eq!(kind_of("MSKU,ASIN,品名,销量,销售额,结算毛利润,结算毛利率"), Some(ReportKind::LingxingProductPerformance));
        assert_eq!(kind_of("店铺名称,国家,广告活动,广告组,用户搜索词,展示,点击,花费,广告销售额"), Some(ReportKind::LingxingAdsSearchTerm));
        assert_eq!(kind_of("店铺名称,广告活动,广告组,关键词,匹配方式,展示,点击,花费"), Some(ReportKind::LingxingAdsTargeting));
        assert_eq!(kind_of("店铺名称,广告活动,广告组,投放,展示,点击,花费"), Some(ReportKind::LingxingAdsTargeting));
        assert_eq!(kind_of("店铺名称,广告活动,广告组,ASIN,MSKU,展示,点击,花费"), Some(ReportKind::LingxingAdsAdvertisedProduct));
        assert_eq!(kind_of("店铺名称,广告活动,预算,展示,点击,花费"), Some(ReportKind::LingxingAdsCampaign));
        assert_eq!(kind_of("店铺名称,广告活动,广告位,展示,点击,花费"), Some(ReportKind::LingxingAdsCampaign));
        assert_eq!(kind_of("订单号,订购日期,订单状态,MSKU,店铺,ASIN,数量"), Some(ReportKind::LingxingOrders));
        assert_eq!(kind_of("MSKU,FNSKU,父ASIN,ASIN,状态,店铺,7日销量"), Some(ReportKind::LingxingListing));
        assert_eq!(kind_of("货件单号,货件状态,MSKU,FNSKU,发货量,签收量"), Some(ReportKind::LingxingFbaShipments));
        assert_eq!(kind_of("父ASIN,MSKU,本地可用,待交付,建议补货量"), Some(ReportKind::LingxingRestock));
        // A shop and a campaign without ad figures is not an ad report.
        assert_eq!(kind_of("店铺名称,广告活动,备注"), None);
    }

    #[test]
    fn closed_shipments_are_not_inbound() {
        assert!(shipment_is_closed("CLOSED"));
        assert!(shipment_is_closed("已完成"));
        assert!(!shipment_is_closed("RECEIVING"));
        assert!(!shipment_is_closed("在途"));
    }
}
