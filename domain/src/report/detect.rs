//! Recognising a report by its header row: exact matches of normalised names, never substrings.

use rustc_hash::FxHashMap;

use super::ReportKind;
use crate::text::header::normalize_header;

/// A header row, normalised, with a lookup from name to column.
#[derive(Clone, Debug, Default)]
pub struct Header {
    /// The cells as they were written, trimmed (for error messages).
    pub original: Vec<String>,
    /// The normalised cells, in column order.
    pub names: Vec<String>,
    index: FxHashMap<String, usize>,
}

impl Header {
    /// Builds a header from its cells.
    pub fn new<'a>(cells: impl IntoIterator<Item = &'a str>) -> Header {
        let mut header = Header::default();
        for (column, cell) in cells.into_iter().enumerate() {
            let name = normalize_header(cell);
            // The first of two equal names wins, as a spreadsheet user would read it.
            header.index.entry(name.clone()).or_insert(column);
            header.names.push(name);
            header.original.push(cell.trim().to_string());
        }
        header
    }

    /// The column of the first alias present (aliases are already normalised).
    pub fn find(&self, aliases: &[&str]) -> Option<usize> {
        aliases.iter().find_map(|alias| self.index.get(*alias).copied())
    }

    /// Whether any alias is present.
    pub fn has(&self, aliases: &[&str]) -> bool {
        self.find(aliases).is_some()
    }

    /// The first column whose normalised name satisfies `test`, with what `test` returned.
    pub fn find_by<T>(&self, mut test: impl FnMut(&str) -> Option<T>) -> Option<(usize, T)> {
        self.names.iter().enumerate().find_map(|(i, name)| test(name).map(|t| (i, t)))
    }

    /// How many cells are not blank.
    pub fn filled(&self) -> usize {
        self.names.iter().filter(|n| !n.is_empty()).count()
    }

    /// Whether the header is written in German (decimal commas follow).
    pub fn is_german(&self) -> bool {
        self.has(GERMAN_MARKERS)
    }
}

/// Headers that only German reports use.
const GERMAN_MARKERS: &[&str] = &[
    "datum",
    "sitzungen - summe",
    "bestellte einheiten",
    "(untergeordnete) asin",
    "(übergeordnete) asin",
    "seitenaufrufe - summe",
    "ausgaben",
    "klicks",
    "impressionen",
    "kampagnen-name",
    "kampagnenname",
    "suchbegriff des kunden",
    "parameter/datum",
];

/// Column names, normalised, grouped by meaning. The per-kind readers use the same lists.
pub mod names {
    pub const PARENT_ASIN: &[&str] = &["(parent) asin", "parent asin", "(übergeordnete) asin", "(親)asin", "(父)asin", "(親) asin", "(父) asin"];
    pub const CHILD_ASIN: &[&str] = &["(child) asin", "child asin", "(untergeordnete) asin", "(子)asin", "(子) asin"];
    pub const SESSIONS: &[&str] = &[
        "sessions - total",
        "sessions",
        "sitzungen - summe",
        "セッション数 - 合計",
        "セッション - 合計",
        "会话数 - 总计",
        "会话次数 - 总计",
        "会话 - 总计",
    ];
    pub const ORDERED_SALES: &[&str] = &[
        "ordered product sales",
        "durch bestellte produkte erzielter umsatz",
        "注文商品の売上額",
        "注文商品売上",
        "已订购商品销售额",
    ];
    pub const UNITS_ORDERED: &[&str] = &["units ordered", "bestellte einheiten", "注文された商品点数", "已订购商品数量"];
    pub const DATE: &[&str] = &["date", "datum", "日付", "日期"];
    pub const CAMPAIGN: &[&str] = &["campaign name", "kampagnen-name", "kampagnenname", "kampagne", "广告活动名称", "キャンペーン名", "广告活动"];
    pub const AD_GROUP: &[&str] = &["ad group name", "anzeigengruppen-name", "anzeigengruppenname", "anzeigengruppe", "广告组名称", "広告グループ名", "广告组"];
    pub const SEARCH_TERM: &[&str] = &["customer search term", "suchbegriff des kunden", "客户搜索词", "カスタマーの検索用語", "用户搜索词"];
    pub const TARGETING: &[&str] = &["targeting", "ausrichtung", "投放", "ターゲティング", "关键词"];
    pub const MATCH_TYPE: &[&str] = &["match type", "übereinstimmungstyp", "匹配类型", "マッチタイプ", "匹配方式"];
    pub const ADVERTISED_ASIN: &[&str] = &["advertised asin", "beworbene asin", "广告asin"];
    pub const ADVERTISED_SKU: &[&str] = &["advertised sku", "beworbene sku", "广告sku"];
    pub const IMPRESSIONS: &[&str] = &["impressions", "impressionen", "展示量", "インプレッション", "展示"];
    pub const CLICKS: &[&str] = &["clicks", "klicks", "点击量", "クリック数", "点击"];
    pub const SPEND: &[&str] = &["spend", "ausgaben", "花费", "支出", "広告費", "广告花费"];
    /// Ad sales, orders and units as Lingxing names them (Amazon's own reports name the
    /// attribution window, see `ads::windowed`).
    pub const AD_SALES: &[&str] = &["广告销售额", "销售额"];
    pub const AD_ORDERS: &[&str] = &["广告订单量", "广告订单", "订单量", "订单"];
    pub const AD_UNITS: &[&str] = &["广告销量", "销量"];
    pub const TOTAL_COST: &[&str] = &["total cost"];
    pub const PURCHASES: &[&str] = &["purchases"];
    pub const TARGETING_TYPE: &[&str] = &["targeting type"];
    pub const PROGRAM_TYPE: &[&str] = &["program type"];
    pub const COST_TYPE: &[&str] = &["cost type", "费用类型"];
    pub const BID_OPTIMIZATION: &[&str] = &["bid optimization"];
    pub const ADVERTISED_PRODUCT_ID: &[&str] = &["advertised product id"];
    pub const DATE_RANGE: &[&str] = &["date range"];
    /// Columns only Sponsored Brands search term reports carry.
    pub const SB_ONLY: &[&str] = &[
        "14 day advertised asin units (#)",
        "14 day brand halo asin sales",
        "14 day brand halo asin units (#)",
        "14 day advertised asin sales",
        "14 day branded searches",
        "cost type",
    ];
    pub const SNAPSHOT_DATE: &[&str] = &["snapshot-date", "snapshot date"];
    pub const SKU: &[&str] = &["sku", "seller-sku", "merchant sku", "出品者sku"];
    pub const AVAILABLE: &[&str] = &["available"];
    pub const AFN_FULFILLABLE: &[&str] = &["afn-fulfillable-quantity"];
    pub const AFN_WAREHOUSE: &[&str] = &["afn-warehouse-quantity", "afn-total-quantity"];
    pub const RESTOCK_MARKERS: &[&str] = &["recommended replenishment qty", "recommended ship date"];
    pub const AGE_0_90: &[&str] = &["inv-age-0-to-90-days"];
    pub const SHIPPED_T30: &[&str] = &["units-shipped-t30", "units-shipped-last-30-days"];
    pub const AMAZON_ORDER_ID: &[&str] = &["amazon-order-id"];
    pub const ORDER_STATUS: &[&str] = &["order-status"];
    pub const PURCHASE_DATE: &[&str] = &["purchase-date"];
    pub const SHIPMENT_ID: &[&str] = &["shipment-id"];
    pub const QUANTITY_SHIPPED: &[&str] = &["quantity-shipped"];
    pub const RETURN_DATE: &[&str] = &["return-date"];
    pub const DETAILED_DISPOSITION: &[&str] = &["detailed-disposition"];
    pub const RETURN_REQUEST_DATE: &[&str] = &["return request date"];
    pub const RMA_ID: &[&str] = &["amazon rma id", "merchant rma id", "seller rma id"];
    pub const RETURN_QUANTITY: &[&str] = &["return quantity"];
}

/// Recognises the kind of a header row, or `None` when it is not a known report's header.
///
/// The rules go from the most to the least specific, and each one names columns that only that
/// report has, so that reports sharing many columns (the Sponsored Products family) are told
/// apart by the columns that differ.
pub fn detect_kind(header: &Header) -> Option<ReportKind> {
    use names::*;
    if header.filled() < 2 {
        return None;
    }
    // Business Reports.
    if header.has(SESSIONS) || header.has(ORDERED_SALES) {
        if header.has(CHILD_ASIN) {
            return Some(ReportKind::BusinessChild);
        }
        if header.has(PARENT_ASIN) {
            return Some(ReportKind::BusinessParent);
        }
        if header.has(DATE) && header.has(ORDERED_SALES) && header.has(UNITS_ORDERED) {
            return Some(ReportKind::BusinessDate);
        }
    }
    // The new Ads console and the Campaign Manager grid share the short vocabulary.
    if header.has(TOTAL_COST) && header.has(PURCHASES) {
        if header.has(DATE_RANGE) || header.has(ADVERTISED_PRODUCT_ID) {
            return Some(ReportKind::AdsConsoleAdvertisedProduct);
        }
        if header.has(CAMPAIGN) {
            return Some(ReportKind::AdsCampaignManager);
        }
    }
    // Lingxing's ad reports use the Chinese ads aliases below; only their shop column tells them apart.
    if let Some(kind) = super::profiles::lingxing::detect_ads(header) {
        return Some(kind);
    }
    // Classic Sponsored ads reports.
    let has_ads_metrics = header.has(IMPRESSIONS) && header.has(CLICKS) && header.has(SPEND);
    if has_ads_metrics && header.has(CAMPAIGN) {
        if header.has(SEARCH_TERM) {
            return Some(if header.has(SB_ONLY) {
                ReportKind::SponsoredBrandsSearchTerm
            } else {
                ReportKind::SponsoredProductsSearchTerm
            });
        }
        if header.has(ADVERTISED_ASIN) || header.has(ADVERTISED_SKU) {
            return Some(ReportKind::SponsoredProductsAdvertisedProduct);
        }
        if header.has(TARGETING) && header.has(MATCH_TYPE) {
            return Some(ReportKind::SponsoredProductsTargeting);
        }
        if header.has(BID_OPTIMIZATION) || (header.has(TARGETING) && header.has(AD_GROUP)) {
            return Some(ReportKind::SponsoredDisplayCampaign);
        }
        if header.has(TARGETING_TYPE) || header.has(PROGRAM_TYPE) {
            return Some(ReportKind::SponsoredProductsCampaign);
        }
        if header.has(COST_TYPE) {
            return Some(ReportKind::SponsoredBrandsCampaign);
        }
        return Some(ReportKind::SponsoredProductsCampaign);
    }
    // FBA inventory.
    if header.has(SNAPSHOT_DATE) && header.has(SKU) && (header.has(AGE_0_90) || header.has(SHIPPED_T30) || header.has(AVAILABLE)) {
        return Some(ReportKind::FbaInventoryPlanning);
    }
    if header.has(SKU) && header.has(AFN_FULFILLABLE) && header.has(AFN_WAREHOUSE) {
        return Some(ReportKind::FbaManageInventory);
    }
    if header.has(SKU) && header.has(RESTOCK_MARKERS) {
        return Some(ReportKind::FbaRestock);
    }
    // Orders and returns.
    if header.has(AMAZON_ORDER_ID) && header.has(SHIPMENT_ID) && header.has(QUANTITY_SHIPPED) {
        return Some(ReportKind::OrdersFbaShipments);
    }
    if header.has(AMAZON_ORDER_ID) && header.has(ORDER_STATUS) && header.has(PURCHASE_DATE) {
        return Some(ReportKind::OrdersAll);
    }
    if header.has(RETURN_DATE) && header.has(DETAILED_DISPOSITION) {
        return Some(ReportKind::ReturnsFba);
    }
    if header.has(RETURN_REQUEST_DATE) && (header.has(RMA_ID) || header.has(RETURN_QUANTITY)) {
        return Some(ReportKind::ReturnsMfn);
    }
    // Other tools' exports, only once no Amazon report matched: an Amazon report must never be
    // read as a profile because it shares a few column names with one.
    super::profiles::detect(header)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(line: &str, delimiter: char) -> Option<ReportKind> {
        detect_kind(&Header::new(line.split(delimiter)))
    }

    #[test]
    fn business_layouts() {
        assert_eq!(kind_of("(Parent) ASIN,(Child) ASIN,Title,SKU,Sessions - Total,Units Ordered,Ordered Product Sales", ','), Some(ReportKind::BusinessChild));
        assert_eq!(kind_of("(Parent) ASIN,Title,Sessions - Total,Units Ordered,Ordered Product Sales", ','), Some(ReportKind::BusinessParent));
        assert_eq!(kind_of("Date,Ordered Product Sales,Units Ordered,Sessions - Total", ','), Some(ReportKind::BusinessDate));
    }

    #[test]
    fn b2b_only_header_is_not_a_total() {
        // `Sessions - Total - B2B` alone must not pass for `Sessions - Total`.
        assert_eq!(kind_of("(Parent) ASIN,(Child) ASIN,Sessions - Total - B2B", ','), None);
    }

    #[test]
    fn prose_is_not_a_report() {
        assert_eq!(kind_of("hello,world", ','), None);
        assert_eq!(kind_of("", ','), None);
    }
}
