//! The canonical data every metric is computed from.
//!
//! Ingestion turns each dropped file into one [`LoadedReport`]: the kind of report it is, where it
//! comes from (marketplace, currency, period), what was read and skipped, and its rows already
//! aggregated to the grain the metrics need. Aggregating while reading is what keeps memory growing
//! with the number of distinct keys (ASINs, search terms, SKUs) rather than with the file's size.
//!
//! Money is kept as [`Cents`], integer hundredths of the currency unit, so that sums over a million
//! rows are exact and "correct to the cent" holds by construction. Ratios are never stored: they
//! are computed from these sums by the metrics.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::report::ReportKind;
pub use crate::text::shared::SharedStr;

/// An amount of money in hundredths of its currency unit (cents, pence, sen).
///
/// Yen and other currencies without minor units are still stored in hundredths so that one type
/// serves every marketplace; `￥4,907,860` is `Cents(490_786_000)`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Cents(pub i64);

impl Cents {
    /// Rounds a decimal amount (as typed numbers arrive from .xlsx cells) to the nearest cent.
    pub fn from_f64(amount: f64) -> Cents {
        Cents((amount * 100.0).round() as i64)
    }

    /// The amount in whole currency units, for ratios and display.
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

impl std::ops::Add for Cents {
    type Output = Cents;
    fn add(self, rhs: Cents) -> Cents {
        Cents(self.0 + rhs.0)
    }
}

impl std::ops::AddAssign for Cents {
    fn add_assign(&mut self, rhs: Cents) {
        self.0 += rhs.0;
    }
}

impl std::ops::Sub for Cents {
    type Output = Cents;
    fn sub(self, rhs: Cents) -> Cents {
        Cents(self.0 - rhs.0)
    }
}

impl std::iter::Sum for Cents {
    fn sum<I: Iterator<Item = Cents>>(iter: I) -> Cents {
        Cents(iter.map(|c| c.0).sum())
    }
}

impl fmt::Display for Cents {
    /// Writes the amount with two decimals and no grouping (`-1234.50`); the UI adds the symbol.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

/// An ISO 4217 currency code such as `USD`, `EUR` or `JPY`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Currency(pub String);

impl Currency {
    /// Builds a currency from a code, upper-cased; returns `None` unless it is three ASCII letters.
    pub fn from_code(code: &str) -> Option<Currency> {
        let code = code.trim();
        (code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()))
            .then(|| Currency(code.to_ascii_uppercase()))
    }

    /// The code, e.g. `"USD"`.
    pub fn code(&self) -> &str {
        &self.0
    }
}

/// An Amazon marketplace (a country site).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Marketplace {
    US,
    CA,
    MX,
    BR,
    UK,
    DE,
    FR,
    IT,
    ES,
    NL,
    SE,
    PL,
    BE,
    TR,
    AE,
    SA,
    EG,
    IN,
    JP,
    AU,
    SG,
}

impl Marketplace {
    /// Every marketplace, in the order the UI lists them.
    pub const ALL: [Marketplace; 21] = [
        Marketplace::US,
        Marketplace::CA,
        Marketplace::MX,
        Marketplace::BR,
        Marketplace::UK,
        Marketplace::DE,
        Marketplace::FR,
        Marketplace::IT,
        Marketplace::ES,
        Marketplace::NL,
        Marketplace::SE,
        Marketplace::PL,
        Marketplace::BE,
        Marketplace::TR,
        Marketplace::AE,
        Marketplace::SA,
        Marketplace::EG,
        Marketplace::IN,
        Marketplace::JP,
        Marketplace::AU,
        Marketplace::SG,
    ];

    /// The two-letter code used in the UI and in exports (`UK`, as Amazon writes it, not `GB`).
    pub fn code(self) -> &'static str {
        match self {
            Marketplace::US => "US",
            Marketplace::CA => "CA",
            Marketplace::MX => "MX",
            Marketplace::BR => "BR",
            Marketplace::UK => "UK",
            Marketplace::DE => "DE",
            Marketplace::FR => "FR",
            Marketplace::IT => "IT",
            Marketplace::ES => "ES",
            Marketplace::NL => "NL",
            Marketplace::SE => "SE",
            Marketplace::PL => "PL",
            Marketplace::BE => "BE",
            Marketplace::TR => "TR",
            Marketplace::AE => "AE",
            Marketplace::SA => "SA",
            Marketplace::EG => "EG",
            Marketplace::IN => "IN",
            Marketplace::JP => "JP",
            Marketplace::AU => "AU",
            Marketplace::SG => "SG",
        }
    }

    /// The marketplace's home currency, used when a report names the site but not the money.
    pub fn currency(self) -> Currency {
        let code = match self {
            Marketplace::US => "USD",
            Marketplace::CA => "CAD",
            Marketplace::MX => "MXN",
            Marketplace::BR => "BRL",
            Marketplace::UK => "GBP",
            Marketplace::DE
            | Marketplace::FR
            | Marketplace::IT
            | Marketplace::ES
            | Marketplace::NL
            | Marketplace::BE => "EUR",
            Marketplace::SE => "SEK",
            Marketplace::PL => "PLN",
            Marketplace::TR => "TRY",
            Marketplace::AE => "AED",
            Marketplace::SA => "SAR",
            Marketplace::EG => "EGP",
            Marketplace::IN => "INR",
            Marketplace::JP => "JPY",
            Marketplace::AU => "AUD",
            Marketplace::SG => "SGD",
        };
        Currency(code.to_string())
    }

    /// Recognises the many ways reports name a marketplace: a country code (`US`, `GB`), a sales
    /// channel or site (`Amazon.co.uk`, `AMAZON.COM`), a country name (`United Kingdom`,
    /// `Deutschland`, `美国` as Lingxing writes it) or an SP-API marketplace id (`ATVPDKIKX0DER`).
    pub fn parse(text: &str) -> Option<Marketplace> {
        let t = text.trim().to_ascii_lowercase();
        let t = t.strip_prefix("www.").unwrap_or(&t);
        let site = t.strip_prefix("amazon.").map(str::to_string);
        let m = match site.as_deref().unwrap_or(t) {
            "us" | "com" | "united states" | "usa" | "美国" | "atvpdkikx0der" => Marketplace::US,
            "ca" | "canada" | "加拿大" | "a2euq1wtgctbg2" => Marketplace::CA,
            "mx" | "com.mx" | "mexico" | "墨西哥" | "a1am78c64um0y8" => Marketplace::MX,
            "br" | "com.br" | "brazil" | "巴西" | "a2q3y263d00kwc" => Marketplace::BR,
            "uk" | "gb" | "co.uk" | "united kingdom" | "英国" | "a1f83g8c2aro7p" => Marketplace::UK,
            "de" | "germany" | "deutschland" | "德国" | "a1pa6795ukmfr9" => Marketplace::DE,
            "fr" | "france" | "法国" | "a13v1ib3viyzzh" => Marketplace::FR,
            "it" | "italy" | "italia" | "意大利" | "apj6jra9ng5v4" => Marketplace::IT,
            "es" | "spain" | "españa" | "西班牙" | "a1rkkupihcs9hs" => Marketplace::ES,
            "nl" | "netherlands" | "荷兰" | "a1805izsgtt6hs" => Marketplace::NL,
            "se" | "sweden" | "瑞典" | "a2nodrkzp88zb9" => Marketplace::SE,
            "pl" | "poland" | "波兰" | "a1c3sozrarq6r3" => Marketplace::PL,
            "be" | "com.be" | "belgium" | "比利时" | "amen7pmx4r8y1" => Marketplace::BE,
            "tr" | "com.tr" | "turkey" | "土耳其" | "a33avaj2pdy3ev" => Marketplace::TR,
            "ae" | "united arab emirates" | "阿联酋" | "a2vigq35rcs4ug" => Marketplace::AE,
            "sa" | "saudi arabia" | "沙特阿拉伯" | "沙特" | "a17e79c6d8dwnp" => Marketplace::SA,
            "eg" | "eg." | "egypt" | "埃及" | "arbp9ooshtchq" => Marketplace::EG,
            "in" | "india" | "印度" | "a21tjruun4kgv" => Marketplace::IN,
            "jp" | "co.jp" | "japan" | "日本" | "a1vc38t7yxb528" => Marketplace::JP,
            "au" | "com.au" | "australia" | "澳大利亚" | "澳洲" | "a39ibj37trp1c6" => Marketplace::AU,
            "sg" | "singapore" | "新加坡" | "a19vau5u5o7rus" => Marketplace::SG,
            _ => return None,
        };
        Some(m)
    }
}

impl fmt::Display for Marketplace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A closed range of calendar days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// Builds a period, swapping the ends if they arrive reversed.
    pub fn new(a: NaiveDate, b: NaiveDate) -> Period {
        if a <= b { Period { from: a, to: b } } else { Period { from: b, to: a } }
    }

    /// A period of one day.
    pub fn day(d: NaiveDate) -> Period {
        Period { from: d, to: d }
    }

    /// How many days the period covers, both ends included.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The smallest period that covers both.
    pub fn union(&self, other: &Period) -> Period {
        Period { from: self.from.min(other.from), to: self.to.max(other.to) }
    }

    /// Whether the two periods share at least one day.
    pub fn overlaps(&self, other: &Period) -> bool {
        self.from <= other.to && other.from <= self.to
    }

    /// The period of the same length that ends the day before this one starts.
    pub fn previous(&self) -> Period {
        let len = chrono::Duration::days(self.days());
        Period { from: self.from - len, to: self.from - chrono::Duration::days(1) }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} – {}", self.from, self.to)
    }
}

/// A row that could not be used, with the 1-based line of the file it stands on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedRow {
    /// The 1-based physical line of the file where the row starts.
    pub line: u64,
    /// Why the row was skipped, in English; the UI shows it as it is.
    pub reason: String,
}

/// One file, read: where it comes from, what was read and skipped, and its aggregated data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoadedReport {
    /// The file's name as the user dropped it.
    pub file_name: String,
    /// What the file was recognised as.
    pub kind: ReportKind,
    /// The marketplace, from the file's columns, currency or name, when it can be told.
    pub marketplace: Option<Marketplace>,
    /// The currency of every money figure in the file, when it has any.
    pub currency: Option<Currency>,
    /// The days the file covers: from its content where it carries dates, else from its name.
    /// `None` means the page has to ask the user (the Campaign Manager grid export, for one).
    pub period: Option<Period>,
    /// Data rows read, header and title rows excluded.
    pub rows_read: u64,
    /// How many data rows were skipped; `skipped` lists the first of them.
    pub rows_skipped: u64,
    /// The first skipped rows with line and reason (at most [`LoadedReport::MAX_LISTED_SKIPS`]).
    pub skipped: Vec<SkippedRow>,
    /// A hash of the file's bytes, so loading the same file twice is noticed and kept once.
    pub fingerprint: u64,
    /// Remarks for the user about how the file was read (a decoding fallback, an assumed
    /// attribution window, an order of day and month inferred from the values).
    pub notes: Vec<String>,
    /// The rows, aggregated.
    pub data: ReportData,
}

impl LoadedReport {
    /// How many skipped rows are kept with their line and reason; the rest are only counted.
    pub const MAX_LISTED_SKIPS: usize = 200;
}

/// Adds `report` to the loaded set unless the same file (same bytes) is already there.
///
/// Returns `false` when it was a duplicate: loading a report twice must never double a figure, so
/// the first copy is kept and the caller tells the user.
pub fn add_report(loaded: &mut Vec<LoadedReport>, report: LoadedReport) -> bool {
    if loaded.iter().any(|r| r.fingerprint == report.fingerprint && r.kind == report.kind) {
        return false;
    }
    loaded.push(report);
    true
}

/// The aggregated content of one report, by family.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ReportData {
    /// `business.child` and `business.parent`: traffic and sales per ASIN.
    BusinessByItem(BusinessByItem),
    /// `business.date`: account traffic and sales per day.
    BusinessByDate(BusinessByDate),
    /// Every Amazon Ads report.
    Ads(AdsReport),
    /// `fba.inventory_planning`, `fba.manage_inventory`, `fba.restock`.
    Inventory(InventorySnapshot),
    /// `orders.all`.
    Orders(OrdersSummary),
    /// `returns.fba`, `returns.mfn`.
    Returns(ReturnsSummary),
    /// `orders.fba_shipments`.
    Shipments(ShipmentsSummary),
    /// `health.account`.
    AccountHealth(AccountHealth),
    /// Another tool's product or day table (sellerboard, Lingxing, Jungle Scout) or a file read
    /// through a column mapping: the canonical measures it carried, per product and per day.
    Performance(ProductPerformance),
    /// Keyword ranks and volumes (Helium 10 Keyword Tracker and Cerebro).
    Keywords(KeywordRanks),
}

/// A measure a third-party or mapped file can carry. The set a file carried is kept, so a figure
/// the file lacks stays missing instead of reading as zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Sales in money, ad-attributed sales included (sellerboard: organic + PPC).
    Sales,
    Units,
    Orders,
    Sessions,
    PageViews,
    /// Advertising cost, as a positive amount (sellerboard writes costs negative).
    AdSpend,
    /// Sales attributed to ads.
    AdSales,
    AdOrders,
    Impressions,
    Clicks,
    UnitsRefunded,
    /// Units available for sale now (a snapshot, not a sum over the period).
    Available,
    /// Units on their way to the warehouse.
    Inbound,
    /// Profit on the basis named by [`ProductPerformance::profit_basis`].
    Profit,
}

impl Measure {
    /// Every measure, in the order forms and tables list them.
    pub const ALL: [Measure; 14] = [
        Measure::Sales,
        Measure::Units,
        Measure::Orders,
        Measure::Sessions,
        Measure::PageViews,
        Measure::AdSpend,
        Measure::AdSales,
        Measure::AdOrders,
        Measure::Impressions,
        Measure::Clicks,
        Measure::UnitsRefunded,
        Measure::Available,
        Measure::Inbound,
        Measure::Profit,
    ];

    /// The stable id used in mappings and exports (`sales`, `ad_spend`, ...).
    pub fn id(self) -> &'static str {
        match self {
            Measure::Sales => "sales",
            Measure::Units => "units",
            Measure::Orders => "orders",
            Measure::Sessions => "sessions",
            Measure::PageViews => "page_views",
            Measure::AdSpend => "ad_spend",
            Measure::AdSales => "ad_sales",
            Measure::AdOrders => "ad_orders",
            Measure::Impressions => "impressions",
            Measure::Clicks => "clicks",
            Measure::UnitsRefunded => "units_refunded",
            Measure::Available => "available",
            Measure::Inbound => "inbound",
            Measure::Profit => "profit",
        }
    }

    /// Whether the measure describes a moment (stock) rather than a flow over the period: such a
    /// measure is never summed over days, only across products.
    pub fn is_snapshot(self) -> bool {
        matches!(self, Measure::Available | Measure::Inbound)
    }

    /// Whether the measure is money (read with the file's currency and decimal style).
    pub fn is_money(self) -> bool {
        matches!(self, Measure::Sales | Measure::AdSpend | Measure::AdSales | Measure::Profit)
    }
}

/// Sums of the canonical measures. Which of them a file really carried is in
/// [`ProductPerformance::measures`]; the others stay zero and must not be shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PerformanceTotals {
    pub sales: Cents,
    pub units: i64,
    pub orders: i64,
    pub sessions: i64,
    pub page_views: i64,
    pub ad_spend: Cents,
    pub ad_sales: Cents,
    pub ad_orders: i64,
    pub impressions: i64,
    pub clicks: i64,
    pub units_refunded: i64,
    pub available: i64,
    pub inbound: i64,
    pub profit: Cents,
}

impl PerformanceTotals {
    /// The sum kept for `measure`: cents for money measures, a count for the others.
    pub fn get(&self, measure: Measure) -> i64 {
        match measure {
            Measure::Sales => self.sales.0,
            Measure::Units => self.units,
            Measure::Orders => self.orders,
            Measure::Sessions => self.sessions,
            Measure::PageViews => self.page_views,
            Measure::AdSpend => self.ad_spend.0,
            Measure::AdSales => self.ad_sales.0,
            Measure::AdOrders => self.ad_orders,
            Measure::Impressions => self.impressions,
            Measure::Clicks => self.clicks,
            Measure::UnitsRefunded => self.units_refunded,
            Measure::Available => self.available,
            Measure::Inbound => self.inbound,
            Measure::Profit => self.profit.0,
        }
    }

    /// The sum kept for `measure`, writable; money measures are in cents.
    pub fn get_mut(&mut self, measure: Measure) -> &mut i64 {
        match measure {
            Measure::Sales => &mut self.sales.0,
            Measure::Units => &mut self.units,
            Measure::Orders => &mut self.orders,
            Measure::Sessions => &mut self.sessions,
            Measure::PageViews => &mut self.page_views,
            Measure::AdSpend => &mut self.ad_spend.0,
            Measure::AdSales => &mut self.ad_sales.0,
            Measure::AdOrders => &mut self.ad_orders,
            Measure::Impressions => &mut self.impressions,
            Measure::Clicks => &mut self.clicks,
            Measure::UnitsRefunded => &mut self.units_refunded,
            Measure::Available => &mut self.available,
            Measure::Inbound => &mut self.inbound,
            Measure::Profit => &mut self.profit.0,
        }
    }
}

impl std::ops::AddAssign for PerformanceTotals {
    fn add_assign(&mut self, rhs: PerformanceTotals) {
        self.sales += rhs.sales;
        self.units += rhs.units;
        self.orders += rhs.orders;
        self.sessions += rhs.sessions;
        self.page_views += rhs.page_views;
        self.ad_spend += rhs.ad_spend;
        self.ad_sales += rhs.ad_sales;
        self.ad_orders += rhs.ad_orders;
        self.impressions += rhs.impressions;
        self.clicks += rhs.clicks;
        self.units_refunded += rhs.units_refunded;
        self.available += rhs.available;
        self.inbound += rhs.inbound;
        self.profit += rhs.profit;
    }
}

/// Which profit a file reports. Lingxing keeps two that must not be confused: settlement profit
/// (from Amazon's settlements) and order profit (estimated when the order is placed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfitBasis {
    /// Net profit after every cost the tool knows (sellerboard `NetProfit`, Jungle Scout `Net Profit`).
    Net,
    /// Lingxing 结算毛利润: gross profit on the settlement basis.
    Settlement,
    /// Lingxing 订单毛利润: gross profit on the order basis.
    Order,
}

/// A product or day table from another tool, or a file read through a column mapping.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProductPerformance {
    /// The measures the file carried.
    pub measures: std::collections::BTreeSet<Measure>,
    /// The profit's basis, when the file carries profit.
    pub profit_basis: Option<ProfitBasis>,
    /// One entry per product (by ASIN, else SKU), summed over the file's dates; empty for files
    /// without a product column.
    pub items: Vec<ProductItem>,
    /// The account's totals per day, for files with a date column.
    pub days: BTreeMap<NaiveDate, PerformanceTotals>,
    /// The whole file's totals.
    pub totals: PerformanceTotals,
}

/// One product's sums in a [`ProductPerformance`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProductItem {
    pub asin: Option<String>,
    pub sku: Option<String>,
    pub title: Option<String>,
    pub totals: PerformanceTotals,
}

/// Keyword ranks and volumes, per (keyword, ASIN), as the latest observation in the file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KeywordRanks {
    pub rows: Vec<KeywordRow>,
}

/// One keyword of a keyword tool's export.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KeywordRow {
    pub keyword: String,
    /// The tracked ASIN (Keyword Tracker); `None` in keyword research exports (Cerebro).
    pub asin: Option<String>,
    pub search_volume: Option<i64>,
    pub organic_rank: Option<Rank>,
    pub sponsored_rank: Option<Rank>,
    /// The day of the observation, when the file dates it.
    pub observed: Option<NaiveDate>,
}

/// A search rank as keyword tools write it: `12`, `>306` (worse than 306), or missing (`-`, `NR`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rank {
    Exact(u32),
    WorseThan(u32),
}

/// Business Report traffic and sales per ASIN (child or parent, by the layout).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BusinessByItem {
    /// One entry per ASIN (child ASIN where the layout has it, else parent), in file order.
    pub items: Vec<ItemTraffic>,
}

/// Sums for one ASIN in a Business Report. B2B columns are kept apart, never added to the totals:
/// Amazon's totals already include B2B.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ItemTraffic {
    pub parent_asin: Option<String>,
    pub child_asin: Option<String>,
    pub sku: Option<String>,
    pub title: Option<String>,
    pub sessions: i64,
    pub sessions_b2b: i64,
    pub page_views: i64,
    pub page_views_b2b: i64,
    pub units: i64,
    pub units_b2b: i64,
    pub order_items: i64,
    pub order_items_b2b: i64,
    pub sales: Cents,
    pub sales_b2b: Cents,
    /// Sum over rows of buy box fraction x sessions, for the session-weighted buy box share.
    pub buy_box_weighted: f64,
    /// Sessions of the rows that carried a buy box percentage (the weight's denominator).
    pub buy_box_sessions: i64,
}

impl ItemTraffic {
    /// The ASIN the row is known by: the child ASIN when present, else the parent.
    pub fn asin(&self) -> &str {
        self.child_asin.as_deref().or(self.parent_asin.as_deref()).unwrap_or("")
    }
}

/// Business Report "Sales and Traffic by Date": one entry per day.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BusinessByDate {
    pub days: Vec<DayTotals>,
}

/// The account's totals for one day. Columns the layout lacks are `None`, not zero.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayTotals {
    pub date: NaiveDate,
    pub sales: Cents,
    pub sales_b2b: Cents,
    pub units: i64,
    pub units_b2b: i64,
    pub order_items: i64,
    pub sessions: Option<i64>,
    pub sessions_b2b: Option<i64>,
    pub page_views: Option<i64>,
    /// Sum of buy box fraction x sessions, as in [`ItemTraffic::buy_box_weighted`].
    pub buy_box_weighted: Option<f64>,
    pub units_refunded: Option<i64>,
    pub feedback_received: Option<i64>,
    pub negative_feedback: Option<i64>,
    pub claims_granted: Option<i64>,
}

/// The three Amazon Ads programmes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AdType {
    /// Sponsored Products.
    SP,
    /// Sponsored Brands (video included).
    SB,
    /// Sponsored Display.
    SD,
}

impl AdType {
    pub const ALL: [AdType; 3] = [AdType::SP, AdType::SB, AdType::SD];

    /// `"SP"`, `"SB"` or `"SD"`, as used in metric ids (`ads.acos.SP`).
    pub fn code(self) -> &'static str {
        match self {
            AdType::SP => "SP",
            AdType::SB => "SB",
            AdType::SD => "SD",
        }
    }
}

/// How a Sponsored Products campaign or row is targeted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum TargetingType {
    Auto,
    Manual,
}

impl TargetingType {
    /// `"auto"` or `"manual"`, as used in metric ids (`ads.acos.auto`).
    pub fn code(self) -> &'static str {
        match self {
            TargetingType::Auto => "auto",
            TargetingType::Manual => "manual",
        }
    }
}

/// The grain of an ads report: what one row describes. Totals come from the coarsest one loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AdsGrain {
    Campaign,
    AdvertisedProduct,
    Targeting,
    SearchTerm,
}

/// An ads report, aggregated per key at its grain.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AdsReport {
    /// The grain of the rows; `None` only for an empty report.
    pub grain: Option<AdsGrain>,
    /// The attribution window of the sales and orders columns (7 or 14 days), when the header
    /// says it.
    pub attribution_days: Option<u8>,
    /// One row per distinct key (ad type, campaign, ad group, targeting, match type, search term,
    /// advertised ASIN/SKU), summed over the file's dates.
    #[serde(deserialize_with = "rows_with_exact_capacity")]
    pub rows: Vec<AdsRow>,
    /// Totals per day and ad type, for the daily charts, from daily layouts only.
    pub daily: BTreeMap<NaiveDate, Vec<(AdType, AdsTotals)>>,
}

/// Reads ads rows into a vector of exactly their number when the format says it up front (the
/// worker's postcard messages do). Serde's default grows the vector by doubling, which for a
/// million rows ends with up to twice the memory the rows need, and holds both copies while it
/// moves them.
fn rows_with_exact_capacity<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<AdsRow>, D::Error> {
    struct Rows;
    impl<'de> serde::de::Visitor<'de> for Rows {
        type Value = Vec<AdsRow>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a sequence of ads rows")
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<AdsRow>, A::Error> {
            // The cap keeps a corrupt length from reserving gigabytes; beyond it the vector grows.
            let mut rows = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 22));
            while let Some(row) = seq.next_element()? {
                rows.push(row);
            }
            Ok(rows)
        }
    }
    deserializer.deserialize_seq(Rows)
}

/// Summable ad figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AdsTotals {
    pub spend: Cents,
    pub sales: Cents,
    pub impressions: i64,
    pub clicks: i64,
    pub orders: i64,
    pub units: i64,
}

impl std::ops::AddAssign for AdsTotals {
    fn add_assign(&mut self, rhs: AdsTotals) {
        self.spend += rhs.spend;
        self.sales += rhs.sales;
        self.impressions += rhs.impressions;
        self.clicks += rhs.clicks;
        self.orders += rhs.orders;
        self.units += rhs.units;
    }
}

/// One aggregated ads row. Text fields the report does not have are empty strings.
///
/// The text is [`SharedStr`]: a search term report aggregates to hundreds of thousands of rows
/// that repeat a few hundred campaign and ad group names, and each row holding its own copies
/// would multiply the page's memory several times.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AdsRow {
    pub ad_type: Option<AdType>,
    pub targeting_type: Option<TargetingType>,
    pub campaign: SharedStr,
    pub ad_group: SharedStr,
    pub targeting: SharedStr,
    pub match_type: SharedStr,
    pub search_term: SharedStr,
    pub asin: SharedStr,
    pub sku: SharedStr,
    pub totals: AdsTotals,
}

/// Stock per SKU at one moment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InventorySnapshot {
    /// The day the snapshot describes (`snapshot-date`), when the report says it.
    pub snapshot_date: Option<NaiveDate>,
    pub skus: Vec<SkuStock>,
}

/// One SKU's stock. Quantities the report lacks are `None`, not zero.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SkuStock {
    pub sku: String,
    pub asin: Option<String>,
    pub fnsku: Option<String>,
    pub title: Option<String>,
    pub available: i64,
    pub inbound: Option<i64>,
    pub reserved: Option<i64>,
    pub unfulfillable: Option<i64>,
    /// Units by age: 0-90, 91-180, 181-270, 271-365, over 365 days.
    pub age_buckets: Option<[i64; 5]>,
    pub units_shipped_t7: Option<i64>,
    pub units_shipped_t30: Option<i64>,
    pub excess_units: Option<i64>,
    pub storage_cost_next_month: Option<Cents>,
    /// Amazon's own days of supply, shown beside ours as a cross-check.
    pub days_of_supply: Option<f64>,
    pub alert: Option<String>,
    pub recommended_qty: Option<i64>,
}

/// All Orders, reduced to what the metrics use.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OrdersSummary {
    /// Distinct orders fulfilled by the seller (`fulfillment-channel = Merchant`).
    pub mfn_orders: i64,
    /// Of those, cancelled and not at the buyer's request.
    pub mfn_cancelled_by_seller: i64,
    /// Distinct orders fulfilled by Amazon.
    pub afn_orders: i64,
    /// Units ordered per ASIN (cancelled lines excluded), for return rates.
    pub units_by_asin: BTreeMap<String, i64>,
    /// Units and item sales per purchase day (cancelled lines excluded).
    pub by_day: BTreeMap<NaiveDate, (i64, Cents)>,
}

/// A returns report (FBA or seller-fulfilled), per ASIN.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReturnsSummary {
    pub by_asin: Vec<AsinReturns>,
}

/// Returns of one ASIN.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AsinReturns {
    pub asin: String,
    pub sku: Option<String>,
    pub title: Option<String>,
    pub units: i64,
    /// Units per return reason code (`NOT_COMPATIBLE`, `DEFECTIVE`, ...).
    pub reasons: BTreeMap<String, i64>,
    /// Units per disposition (`SELLABLE`, `CUSTOMER_DAMAGED`, ...); FBA returns only.
    pub dispositions: BTreeMap<String, i64>,
    /// The first customer comments, verbatim.
    pub comments: Vec<String>,
}

impl AsinReturns {
    /// How many customer comments are kept per ASIN.
    pub const MAX_COMMENTS: usize = 5;
}

/// Amazon Fulfilled Shipments, per SKU.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ShipmentsSummary {
    /// Units shipped per SKU over the file's period.
    pub units_by_sku: BTreeMap<String, i64>,
}

/// The account health report (GET_V2_SELLER_PERFORMANCE_REPORT), one entry per marketplace.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AccountHealth {
    pub marketplaces: Vec<MarketplaceHealth>,
}

/// Account health figures for one marketplace. Rates are fractions (0.0095), as Amazon sends them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MarketplaceHealth {
    /// The SP-API marketplace id, e.g. `ATVPDKIKX0DER`.
    pub marketplace_id: String,
    pub marketplace: Option<Marketplace>,
    /// `NORMAL`, `AT_RISK`, `DEACTIVATED`, ...
    pub status: Option<String>,
    pub valid_tracking_rate: Option<HealthRate>,
    pub late_shipment_rate: Option<HealthRate>,
    pub cancellation_rate: Option<HealthRate>,
    pub order_defect_rate: Option<HealthRate>,
}

/// One account health rate with its counts, when the report gives them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HealthRate {
    pub rate: f64,
    pub numerator: Option<i64>,
    pub denominator: Option<i64>,
    pub target: Option<f64>,
    pub period: Option<Period>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn cents_display_keeps_two_decimals_and_sign() {
        assert_eq!(Cents(123_456).to_string(), "1234.56");
        assert_eq!(Cents(-5).to_string(), "-0.05");
        assert_eq!(Cents::from_f64(16.12), Cents(1612));
    }

    #[test]
    fn marketplace_is_recognised_from_sites_names_and_ids() {
        assert_eq!(Marketplace::parse("AMAZON.COM"), Some(Marketplace::US));
        assert_eq!(Marketplace::parse("Amazon.co.uk"), Some(Marketplace::UK));
        assert_eq!(Marketplace::parse("United Kingdom"), Some(Marketplace::UK));
        assert_eq!(Marketplace::parse("A1VC38T7YXB528"), Some(Marketplace::JP));
        assert_eq!(Marketplace::parse("Amazon.it"), Some(Marketplace::IT));
        assert_eq!(Marketplace::parse("美国"), Some(Marketplace::US));
        assert_eq!(Marketplace::parse("英国"), Some(Marketplace::UK));
        assert_eq!(Marketplace::parse(" 德国 "), Some(Marketplace::DE));
        assert_eq!(Marketplace::parse("Atlantis"), None);
        assert_eq!(Marketplace::JP.currency().code(), "JPY");
    }

    #[test]
    fn previous_period_has_the_same_length_and_ends_the_day_before() {
        let week = Period::new(d(2026, 9, 7), d(2026, 9, 1));
        assert_eq!(week.days(), 7);
        assert_eq!(week.previous(), Period::new(d(2026, 8, 25), d(2026, 8, 31)));
        assert!(!week.overlaps(&week.previous()));
    }
}
