//! Proposing a field for each column of an unknown file from its header.
//!
//! Headers are compared after folding: lower case, and every character that is not a letter or
//! a digit dropped, so `Ad Spend ($)`, `ad_spend` and `AdSpend` all read `adspend`. A header that
//! equals an alias gets the field; failing that, one that contains an alias of at least four
//! characters does (`Total Revenue (USD)` contains `revenue`). Each field is proposed for one
//! column at most, the first that claims it, and the user confirms or corrects every proposal.

use super::MappedField;
use crate::dataset::Measure;

/// Aliases per field, already folded. English, Simplified Chinese, German and Japanese terms as
/// ERPs and hand-made sheets write them. Order matters where aliases overlap: more specific
/// fields (ad sales) come before general ones (sales).
const ALIASES: &[(MappedField, &[&str])] = &[
    (MappedField::Date, &["date", "day", "datum", "日期", "日付", "统计日期", "报告日期"]),
    (MappedField::Asin, &["asin", "childasin", "子asin"]),
    (MappedField::Sku, &["sku", "msku", "sellersku", "merchantsku", "seller-sku", "卖家sku", "出品者sku", "品号"]),
    (MappedField::Title, &["title", "productname", "product", "itemname", "name", "品名", "标题", "商品名", "产品名称", "商品名称", "artikelbezeichnung"]),
    (MappedField::Marketplace, &["marketplace", "country", "site", "salechannel", "saleschannel", "国家", "站点", "市场", "marktplatz"]),
    (MappedField::Currency, &["currency", "币种", "货币", "währung"]),
    (MappedField::Measure(Measure::AdSpend), &["adspend", "adcost", "ppcspend", "ppccost", "advertisingcost", "advertisingspend", "spend", "广告花费", "广告费", "广告支出", "werbekosten", "広告費"]),
    (MappedField::Measure(Measure::AdSales), &["adsales", "ppcsales", "advertisingsales", "广告销售额", "werbeumsatz", "広告売上"]),
    (MappedField::Measure(Measure::AdOrders), &["adorders", "ppcorders", "广告订单量", "广告订单"]),
    (MappedField::Measure(Measure::Sales), &["sales", "revenue", "totalsales", "netsales", "grosssales", "orderedproductsales", "turnover", "销售额", "营业额", "销售金额", "umsatz", "売上", "売上高"]),
    (MappedField::Measure(Measure::Units), &["units", "unitssold", "unitsordered", "quantity", "qty", "销量", "销售数量", "件数", "einheiten", "menge", "販売数"]),
    (MappedField::Measure(Measure::Orders), &["orders", "ordercount", "numberoforders", "订单量", "订单数", "bestellungen", "注文数"]),
    (MappedField::Measure(Measure::Sessions), &["sessions", "sessionstotal", "visits", "visitors", "访客数", "会话数", "sitzungen", "セッション"]),
    (MappedField::Measure(Measure::PageViews), &["pageviews", "pv", "pvtotal", "浏览量", "页面浏览量", "seitenaufrufe"]),
    (MappedField::Measure(Measure::Impressions), &["impressions", "展示", "展示量", "曝光", "曝光量", "impressionen"]),
    (MappedField::Measure(Measure::Clicks), &["clicks", "点击", "点击量", "klicks"]),
    (MappedField::Measure(Measure::UnitsRefunded), &["refunds", "unitsrefunded", "refundedunits", "returns", "returnedunits", "退款量", "退货量", "erstattungen"]),
    (MappedField::Measure(Measure::Available), &["available", "fbaavailable", "stock", "instock", "inventory", "fulfillable", "可售", "可用库存", "库存", "fba可售", "fba库存", "verfügbar", "bestand", "在庫"]),
    (MappedField::Measure(Measure::Inbound), &["inbound", "intransit", "在途", "入库中", "eingehend"]),
    (MappedField::Measure(Measure::Profit), &["profit", "netprofit", "grossprofit", "利润", "毛利润", "净利润", "gewinn", "利益"]),
];

/// Folds a header cell for comparison: lower case, letters and digits only.
fn fold(cell: &str) -> String {
    cell.chars().flat_map(char::to_lowercase).filter(|c| c.is_alphanumeric()).collect()
}

/// A proposed field for each column of `header`, or `None` where nothing fits.
pub fn propose(header: &[String]) -> Vec<Option<MappedField>> {
    let folded: Vec<String> = header.iter().map(|c| fold(c)).collect();
    let mut fields: Vec<Option<MappedField>> = vec![None; header.len()];
    let mut taken: Vec<MappedField> = Vec::new();
    // Exact matches first, over every column, so `Sales` is not claimed by `Ad Sales` first.
    for exact in [true, false] {
        for (column, cell) in folded.iter().enumerate() {
            if fields[column].is_some() || cell.is_empty() {
                continue;
            }
            let found = ALIASES.iter().find(|(field, aliases)| {
                !taken.contains(field)
                    && aliases.iter().any(|alias| {
                        if exact {
                            cell == alias
                        } else {
                            // Four bytes keep two-letter aliases (`pv`) and short CJK words from
                            // matching inside unrelated headers.
                            alias.len() >= 4 && cell.contains(alias)
                        }
                    })
            });
            if let Some((field, _)) = found {
                fields[column] = Some(*field);
                taken.push(*field);
            }
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proposed(cells: &[&str]) -> Vec<Option<&'static str>> {
        let header: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
        propose(&header).into_iter().map(|f| f.map(MappedField::id)).collect()
    }

    #[test]
    fn an_english_erp_export_is_mapped_by_its_words() {
        assert_eq!(
            proposed(&["Date", "Seller SKU", "Product Name", "Units Sold", "Total Revenue (USD)", "Ad Spend ($)", "Ad Sales", "Notes"]),
            vec![Some("date"), Some("sku"), Some("title"), Some("units"), Some("sales"), Some("ad_spend"), Some("ad_sales"), None]
        );
    }

    #[test]
    fn a_chinese_sheet_is_mapped_too() {
        assert_eq!(
            proposed(&["日期", "MSKU", "品名", "销量", "销售额", "广告花费", "广告销售额", "FBA可售", "毛利润"]),
            vec![Some("date"), Some("sku"), Some("title"), Some("units"), Some("sales"), Some("ad_spend"), Some("ad_sales"), Some("available"), Some("profit")]
        );
    }

    #[test]
    fn each_field_is_proposed_once_and_exact_names_win_over_containing_ones() {
        // `Sales` is the exact alias; `Sales Rank` only contains it and must not take it.
        assert_eq!(proposed(&["Sales Rank", "Sales", "Sales 2"]), vec![None, Some("sales"), None]);
        assert_eq!(proposed(&["", "x", "Comments"]), vec![None, None, None]);
    }
}
