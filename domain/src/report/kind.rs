//! The kinds of report the page understands, each with the stable id the UI and tests use.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A report the page can read. Recognised by its header, never by its file name or column order.
///
/// The id (`business.child`, `ads.sp.search_term`, ...) is a contract: it is shown in the UI as
/// `data-report-kind`, stored in meeting snapshots and backups, and used by the tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum ReportKind {
    /// Business Reports, Detail Page Sales and Traffic by Child Item (any layout, with or without
    /// the SKU column, which Amazon has dropped from some downloads), and the plain "by ASIN"
    /// view: every layout with a `(Child) ASIN` column.
    BusinessChild,
    /// Business Reports by Parent Item: a `(Parent) ASIN` column and no child ASIN.
    BusinessParent,
    /// Business Reports, Sales and Traffic by Date.
    BusinessDate,
    /// Sponsored Products search term report (classic console).
    SponsoredProductsSearchTerm,
    /// Sponsored Products targeting report (classic console).
    SponsoredProductsTargeting,
    /// Sponsored Products advertised product report (classic console).
    SponsoredProductsAdvertisedProduct,
    /// Sponsored Products campaign report (classic console).
    SponsoredProductsCampaign,
    /// Sponsored Brands campaign report (classic console).
    SponsoredBrandsCampaign,
    /// Sponsored Brands search term report (classic console).
    SponsoredBrandsSearchTerm,
    /// Sponsored Display campaign report (classic console).
    SponsoredDisplayCampaign,
    /// The newer Ads console CSV (`Total cost`, `Purchases`, `Sales`, `ROAS`, `Date range`).
    AdsConsoleAdvertisedProduct,
    /// The Campaign Manager grid export; it has no date column, so its period is asked for.
    AdsCampaignManager,
    /// FBA Inventory (inventory planning / inventory age), CSV or TSV.
    FbaInventoryPlanning,
    /// Manage FBA Inventory flat file.
    FbaManageInventory,
    /// Restock Inventory recommendations.
    FbaRestock,
    /// All Orders flat file (old and new column sets).
    OrdersAll,
    /// FBA customer returns.
    ReturnsFba,
    /// Seller-fulfilled (MFN) returns.
    ReturnsMfn,
    /// Amazon Fulfilled Shipments.
    OrdersFbaShipments,
    /// Account health JSON (GET_V2_SELLER_PERFORMANCE_REPORT).
    AccountHealth,
    /// sellerboard automation CSV "Dashboard by product" (`Date`, `ASIN`, `SalesOrganic`, ...).
    SellerboardByProduct,
    /// sellerboard automation CSV "Dashboard by day" (`Date`, no ASIN).
    SellerboardByDay,
    /// sellerboard automation CSV "Dashboard totals" (`DateFrom`, `DateTo`).
    SellerboardTotals,
    /// sellerboard's sideways P&L export: metrics as rows, months as columns.
    SellerboardProfitAndLoss,
    /// Lingxing (领星) 产品表现: product performance per ASIN/MSKU.
    LingxingProductPerformance,
    /// Lingxing 订单导出: orders.
    LingxingOrders,
    /// Lingxing Listing export.
    LingxingListing,
    /// Lingxing ad report at search term grain (用户搜索报告).
    LingxingAdsSearchTerm,
    /// Lingxing ad report at targeting grain (关键词报告, 自动投放).
    LingxingAdsTargeting,
    /// Lingxing ad report at advertised product grain (推广商品报告).
    LingxingAdsAdvertisedProduct,
    /// Lingxing ad report at campaign grain (广告活动, 广告组, 广告位 reports).
    LingxingAdsCampaign,
    /// Lingxing FBA货件: FBA shipments.
    LingxingFbaShipments,
    /// Lingxing 补货建议: restock suggestions.
    LingxingRestock,
    /// Helium 10 Keyword Tracker (long and wide shapes).
    Helium10KeywordTracker,
    /// Helium 10 Cerebro keyword research.
    Helium10Cerebro,
    /// Jungle Scout Sales Analytics, Profit Overview (multi-product view).
    JungleScoutProfitOverview,
    /// Jungle Scout Inventory Manager.
    JungleScoutInventory,
    /// Any other CSV or .xlsx, read through a column mapping the user confirmed.
    CustomMapped,
}

/// Where a kind of report comes from: Amazon itself, or another tool's export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportSource {
    Amazon,
    Sellerboard,
    Lingxing,
    Helium10,
    JungleScout,
    /// A file read through the column-mapping dialog.
    Mapped,
}

impl ReportSource {
    /// The tool's name as its users write it.
    pub fn name(self) -> &'static str {
        match self {
            ReportSource::Amazon => "Amazon",
            ReportSource::Sellerboard => "sellerboard",
            ReportSource::Lingxing => "Lingxing 领星",
            ReportSource::Helium10 => "Helium 10",
            ReportSource::JungleScout => "Jungle Scout",
            ReportSource::Mapped => "Mapped file",
        }
    }
}

impl ReportKind {
    /// Every kind, in the order the page lists them when it explains what it understands.
    pub const ALL: [ReportKind; 38] = [
        ReportKind::BusinessChild,
        ReportKind::BusinessParent,
        ReportKind::BusinessDate,
        ReportKind::SponsoredProductsSearchTerm,
        ReportKind::SponsoredProductsTargeting,
        ReportKind::SponsoredProductsAdvertisedProduct,
        ReportKind::SponsoredProductsCampaign,
        ReportKind::SponsoredBrandsCampaign,
        ReportKind::SponsoredBrandsSearchTerm,
        ReportKind::SponsoredDisplayCampaign,
        ReportKind::AdsConsoleAdvertisedProduct,
        ReportKind::AdsCampaignManager,
        ReportKind::FbaInventoryPlanning,
        ReportKind::FbaManageInventory,
        ReportKind::FbaRestock,
        ReportKind::OrdersAll,
        ReportKind::ReturnsFba,
        ReportKind::ReturnsMfn,
        ReportKind::OrdersFbaShipments,
        ReportKind::AccountHealth,
        ReportKind::SellerboardByProduct,
        ReportKind::SellerboardByDay,
        ReportKind::SellerboardTotals,
        ReportKind::SellerboardProfitAndLoss,
        ReportKind::LingxingProductPerformance,
        ReportKind::LingxingOrders,
        ReportKind::LingxingListing,
        ReportKind::LingxingAdsSearchTerm,
        ReportKind::LingxingAdsTargeting,
        ReportKind::LingxingAdsAdvertisedProduct,
        ReportKind::LingxingAdsCampaign,
        ReportKind::LingxingFbaShipments,
        ReportKind::LingxingRestock,
        ReportKind::Helium10KeywordTracker,
        ReportKind::Helium10Cerebro,
        ReportKind::JungleScoutProfitOverview,
        ReportKind::JungleScoutInventory,
        ReportKind::CustomMapped,
    ];

    /// The stable id, e.g. `"ads.sp.search_term"`.
    pub fn id(self) -> &'static str {
        match self {
            ReportKind::BusinessChild => "business.child",
            ReportKind::BusinessParent => "business.parent",
            ReportKind::BusinessDate => "business.date",
            ReportKind::SponsoredProductsSearchTerm => "ads.sp.search_term",
            ReportKind::SponsoredProductsTargeting => "ads.sp.targeting",
            ReportKind::SponsoredProductsAdvertisedProduct => "ads.sp.advertised_product",
            ReportKind::SponsoredProductsCampaign => "ads.sp.campaign",
            ReportKind::SponsoredBrandsCampaign => "ads.sb.campaign",
            ReportKind::SponsoredBrandsSearchTerm => "ads.sb.search_term",
            ReportKind::SponsoredDisplayCampaign => "ads.sd.campaign",
            ReportKind::AdsConsoleAdvertisedProduct => "ads.console.advertised_product",
            ReportKind::AdsCampaignManager => "ads.campaign_manager",
            ReportKind::FbaInventoryPlanning => "fba.inventory_planning",
            ReportKind::FbaManageInventory => "fba.manage_inventory",
            ReportKind::FbaRestock => "fba.restock",
            ReportKind::OrdersAll => "orders.all",
            ReportKind::ReturnsFba => "returns.fba",
            ReportKind::ReturnsMfn => "returns.mfn",
            ReportKind::OrdersFbaShipments => "orders.fba_shipments",
            ReportKind::AccountHealth => "health.account",
            ReportKind::SellerboardByProduct => "sellerboard.by_product",
            ReportKind::SellerboardByDay => "sellerboard.by_day",
            ReportKind::SellerboardTotals => "sellerboard.totals",
            ReportKind::SellerboardProfitAndLoss => "sellerboard.pnl",
            ReportKind::LingxingProductPerformance => "lingxing.product_performance",
            ReportKind::LingxingOrders => "lingxing.orders",
            ReportKind::LingxingListing => "lingxing.listing",
            ReportKind::LingxingAdsSearchTerm => "lingxing.ads.search_term",
            ReportKind::LingxingAdsTargeting => "lingxing.ads.targeting",
            ReportKind::LingxingAdsAdvertisedProduct => "lingxing.ads.advertised_product",
            ReportKind::LingxingAdsCampaign => "lingxing.ads.campaign",
            ReportKind::LingxingFbaShipments => "lingxing.fba_shipments",
            ReportKind::LingxingRestock => "lingxing.restock",
            ReportKind::Helium10KeywordTracker => "helium10.keyword_tracker",
            ReportKind::Helium10Cerebro => "helium10.cerebro",
            ReportKind::JungleScoutProfitOverview => "junglescout.profit_overview",
            ReportKind::JungleScoutInventory => "junglescout.inventory",
            ReportKind::CustomMapped => "custom.mapped",
        }
    }

    /// The kind with this id.
    pub fn from_id(id: &str) -> Option<ReportKind> {
        ReportKind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// The report's name as Seller Central or the Ads console calls it, in English.
    pub fn title(self) -> &'static str {
        match self {
            ReportKind::BusinessChild => "Business Report: Detail Page Sales and Traffic by Child Item",
            ReportKind::BusinessParent => "Business Report: Detail Page Sales and Traffic by Parent Item / ASIN",
            ReportKind::BusinessDate => "Business Report: Sales and Traffic by Date",
            ReportKind::SponsoredProductsSearchTerm => "Sponsored Products Search term report",
            ReportKind::SponsoredProductsTargeting => "Sponsored Products Targeting report",
            ReportKind::SponsoredProductsAdvertisedProduct => "Sponsored Products Advertised product report",
            ReportKind::SponsoredProductsCampaign => "Sponsored Products Campaign report",
            ReportKind::SponsoredBrandsCampaign => "Sponsored Brands Campaign report",
            ReportKind::SponsoredBrandsSearchTerm => "Sponsored Brands Search term report",
            ReportKind::SponsoredDisplayCampaign => "Sponsored Display Campaign report",
            ReportKind::AdsConsoleAdvertisedProduct => "Amazon Ads console report (Total cost / Purchases / Sales)",
            ReportKind::AdsCampaignManager => "Amazon Ads Campaign Manager export",
            ReportKind::FbaInventoryPlanning => "FBA Inventory (inventory planning / age)",
            ReportKind::FbaManageInventory => "Manage FBA Inventory",
            ReportKind::FbaRestock => "Restock Inventory",
            ReportKind::OrdersAll => "All Orders",
            ReportKind::ReturnsFba => "FBA customer returns",
            ReportKind::ReturnsMfn => "Seller-fulfilled returns",
            ReportKind::OrdersFbaShipments => "Amazon Fulfilled Shipments",
            ReportKind::AccountHealth => "Account health (JSON)",
            ReportKind::SellerboardByProduct => "sellerboard: Dashboard by product",
            ReportKind::SellerboardByDay => "sellerboard: Dashboard by day",
            ReportKind::SellerboardTotals => "sellerboard: Dashboard totals",
            ReportKind::SellerboardProfitAndLoss => "sellerboard: P&L export",
            ReportKind::LingxingProductPerformance => "Lingxing 领星: 产品表现 (product performance)",
            ReportKind::LingxingOrders => "Lingxing 领星: 订单 (orders)",
            ReportKind::LingxingListing => "Lingxing 领星: Listing",
            ReportKind::LingxingAdsSearchTerm => "Lingxing 领星: 用户搜索词报告 (search terms)",
            ReportKind::LingxingAdsTargeting => "Lingxing 领星: 关键词/投放报告 (targeting)",
            ReportKind::LingxingAdsAdvertisedProduct => "Lingxing 领星: 推广商品报告 (advertised products)",
            ReportKind::LingxingAdsCampaign => "Lingxing 领星: 广告活动报告 (campaigns)",
            ReportKind::LingxingFbaShipments => "Lingxing 领星: FBA货件 (FBA shipments)",
            ReportKind::LingxingRestock => "Lingxing 领星: 补货建议 (restock)",
            ReportKind::Helium10KeywordTracker => "Helium 10: Keyword Tracker",
            ReportKind::Helium10Cerebro => "Helium 10: Cerebro",
            ReportKind::JungleScoutProfitOverview => "Jungle Scout: Profit Overview",
            ReportKind::JungleScoutInventory => "Jungle Scout: Inventory Manager",
            ReportKind::CustomMapped => "A file read through a column mapping",
        }
    }

    /// The meeting topic the report feeds.
    pub fn topic(self) -> Topic {
        match self {
            ReportKind::BusinessChild | ReportKind::BusinessParent | ReportKind::BusinessDate => Topic::Sales,
            ReportKind::SponsoredProductsSearchTerm
            | ReportKind::SponsoredProductsTargeting
            | ReportKind::SponsoredProductsAdvertisedProduct
            | ReportKind::SponsoredProductsCampaign
            | ReportKind::SponsoredBrandsCampaign
            | ReportKind::SponsoredBrandsSearchTerm
            | ReportKind::SponsoredDisplayCampaign
            | ReportKind::AdsConsoleAdvertisedProduct
            | ReportKind::AdsCampaignManager
            | ReportKind::LingxingAdsSearchTerm
            | ReportKind::LingxingAdsTargeting
            | ReportKind::LingxingAdsAdvertisedProduct
            | ReportKind::LingxingAdsCampaign
            | ReportKind::Helium10KeywordTracker
            | ReportKind::Helium10Cerebro => Topic::Ads,
            ReportKind::FbaInventoryPlanning
            | ReportKind::FbaManageInventory
            | ReportKind::FbaRestock
            | ReportKind::LingxingListing
            | ReportKind::LingxingFbaShipments
            | ReportKind::LingxingRestock
            | ReportKind::JungleScoutInventory => Topic::Inventory,
            ReportKind::OrdersAll
            | ReportKind::ReturnsFba
            | ReportKind::ReturnsMfn
            | ReportKind::OrdersFbaShipments
            | ReportKind::AccountHealth
            | ReportKind::LingxingOrders => Topic::Health,
            ReportKind::SellerboardByProduct
            | ReportKind::SellerboardByDay
            | ReportKind::SellerboardTotals
            | ReportKind::SellerboardProfitAndLoss
            | ReportKind::LingxingProductPerformance
            | ReportKind::JungleScoutProfitOverview
            | ReportKind::CustomMapped => Topic::Sales,
        }
    }

    /// The tool the report comes from.
    pub fn source(self) -> ReportSource {
        match self.id().split('.').next() {
            Some("sellerboard") => ReportSource::Sellerboard,
            Some("lingxing") => ReportSource::Lingxing,
            Some("helium10") => ReportSource::Helium10,
            Some("junglescout") => ReportSource::JungleScout,
            Some("custom") => ReportSource::Mapped,
            _ => ReportSource::Amazon,
        }
    }
}

impl fmt::Display for ReportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl From<ReportKind> for &'static str {
    fn from(kind: ReportKind) -> &'static str {
        kind.id()
    }
}

impl TryFrom<String> for ReportKind {
    type Error = String;
    fn try_from(id: String) -> Result<ReportKind, String> {
        ReportKind::from_id(&id).ok_or_else(|| format!("unknown report kind `{id}`"))
    }
}

/// The four standing topics of the weekly meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// Sales and target attainment (`sales.*`).
    Sales,
    /// Advertising and ACoS (`ads.*`).
    Ads,
    /// Inventory and FBA logistics (`inventory.*`).
    Inventory,
    /// Account health and customer experience (`health.*`).
    Health,
}

impl Topic {
    pub const ALL: [Topic; 4] = [Topic::Sales, Topic::Ads, Topic::Inventory, Topic::Health];

    /// The prefix of the topic's metric ids: `sales`, `ads`, `inventory`, `health`.
    pub fn id(self) -> &'static str {
        match self {
            Topic::Sales => "sales",
            Topic::Ads => "ads",
            Topic::Inventory => "inventory",
            Topic::Health => "health",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for kind in ReportKind::ALL {
            assert!(seen.insert(kind.id()), "duplicate id {}", kind.id());
            assert_eq!(ReportKind::from_id(kind.id()), Some(kind));
        }
        assert_eq!(ReportKind::from_id("ads.sp.nope"), None);
    }

    #[test]
    fn kinds_serialise_as_their_ids() {
        let json = serde_json::to_string(&ReportKind::SponsoredProductsSearchTerm).unwrap();
        assert_eq!(json, "\"ads.sp.search_term\"");
        let back: ReportKind = serde_json::from_str("\"fba.restock\"").unwrap();
        assert_eq!(back, ReportKind::FbaRestock);
        assert!(serde_json::from_str::<ReportKind>("\"business.nope\"").is_err());
    }
}
