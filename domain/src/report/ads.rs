//! Amazon Ads reports: the classic Sponsored Products, Brands and Display reports, the new Ads
//! console CSV and the Campaign Manager grid export, aggregated per key at the report's grain.
//!
//! The hot path of the page's largest files (search term reports run to hundreds of megabytes)
//! is here, so a row costs no allocation unless it brings a new key: keys are looked up by a
//! hash of the borrowed cells and compared in place.

use std::collections::BTreeMap;
use std::collections::hash_map::Entry;
use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHasher};

use super::detect::{Header, names};
use super::row::{ReadContext, Row, parse_date_cell, shorten};
use super::{ReportKind, RowSink};
use crate::dataset::{AdType, AdsGrain, AdsReport, AdsRow, AdsTotals, ReportData, TargetingType};
use crate::text::date::{ParsedDate, parse_date_range};

/// Where each figure is in an ads report.
#[derive(Clone, Debug, Default)]
struct Columns {
    start_date: Option<usize>,
    end_date: Option<usize>,
    date: Option<usize>,
    date_range: Option<usize>,
    currency: Option<usize>,
    country: Option<usize>,
    campaign: Option<usize>,
    ad_group: Option<usize>,
    targeting: Option<usize>,
    match_type: Option<usize>,
    search_term: Option<usize>,
    asin: Option<usize>,
    sku: Option<usize>,
    impressions: Option<usize>,
    clicks: Option<usize>,
    spend: Option<usize>,
    sales: Option<usize>,
    orders: Option<usize>,
    units: Option<usize>,
    targeting_type: Option<usize>,
    ad_type: Option<usize>,
}

/// Reads the attribution window from a classic sales, orders or units header:
/// `7 day total sales`, `14 day total sales ($)`, `7 tage, umsatz gesamt (€)`, `14天总销售额`.
fn windowed(name: &str, english: &str, german: &str, chinese: &str) -> Option<u8> {
    let digits_end = name.find(|c: char| !c.is_ascii_digit())?;
    let days: u8 = name[..digits_end].parse().ok()?;
    let rest = &name[digits_end..];
    let rest_without_currency = match rest.rfind(" (") {
        // A currency suffix such as ` ($)` or ` (₹)`, never ` (#)`, which belongs to the name.
        Some(at) if rest.ends_with(')') && !rest[at..].contains('#') && rest[at + 2..rest.len() - 1].chars().count() <= 3 => &rest[..at],
        _ => rest,
    };
    let matched = [english, german, chinese].iter().any(|pattern| !pattern.is_empty() && rest_without_currency == *pattern);
    (matched && [1, 7, 14, 30].contains(&days)).then_some(days)
}

impl Columns {
    fn resolve(kind: ReportKind, header: &Header) -> (Columns, Option<u8>) {
        let sales = header.find_by(|n| windowed(n, " day total sales", " tage, umsatz gesamt", "天总销售额"));
        let orders = header.find_by(|n| windowed(n, " day total orders (#)", " tage, bestellungen gesamt (#)", "天总订单数(#)"));
        let units = header.find_by(|n| windowed(n, " day total units (#)", " tage, einheiten gesamt (#)", "天总销售量(#)"));
        let attribution = sales.map(|(_, d)| d).or(orders.map(|(_, d)| d));
        let short = matches!(kind, ReportKind::AdsConsoleAdvertisedProduct | ReportKind::AdsCampaignManager);
        let mut columns = Columns {
            start_date: header.find(&["start date", "startdatum", "开始日期"]),
            end_date: header.find(&["end date", "enddatum", "结束日期"]),
            date: header.find(names::DATE),
            date_range: header.find(names::DATE_RANGE),
            currency: header.find(&["currency", "budget currency", "währung", "货币"]),
            country: header.find(&["country", "advertised product marketplace", "marketplace", "land", "国家/地区"]),
            campaign: header.find(names::CAMPAIGN),
            ad_group: header.find(names::AD_GROUP),
            targeting: header.find(names::TARGETING),
            match_type: header.find(names::MATCH_TYPE),
            search_term: header.find(names::SEARCH_TERM),
            asin: header.find(names::ADVERTISED_ASIN).or(header.find(names::ADVERTISED_PRODUCT_ID)),
            sku: header.find(names::ADVERTISED_SKU).or(header.find(&["advertised product sku"])),
            impressions: header.find(names::IMPRESSIONS),
            clicks: header.find(names::CLICKS),
            spend: header.find(names::SPEND).or(header.find(names::TOTAL_COST)),
            sales: sales.map(|(i, _)| i),
            orders: orders.map(|(i, _)| i),
            units: units.map(|(i, _)| i),
            targeting_type: header.find(names::TARGETING_TYPE),
            ad_type: header.find(names::PROGRAM_TYPE).or(header.find(&["type", "ad type", "campaign type"])),
        };
        if short {
            columns.sales = columns.sales.or(header.find(&["sales"]));
            columns.orders = columns.orders.or(header.find(names::PURCHASES));
            columns.units = columns.units.or(header.find(&["units sold"]));
        }
        if kind.source() == super::ReportSource::Lingxing {
            // Lingxing names its figures without an attribution window, and its columns in Chinese.
            columns.sales = columns.sales.or(header.find(names::AD_SALES));
            columns.orders = columns.orders.or(header.find(names::AD_ORDERS));
            columns.units = columns.units.or(header.find(names::AD_UNITS));
            columns.country = columns.country.or(header.find(&["国家", "站点"]));
            columns.asin = columns.asin.or(header.find(&["asin"]));
            columns.sku = columns.sku.or(header.find(&["msku"]));
            columns.ad_type = columns.ad_type.or(header.find(&["广告类型", "类型"]));
            columns.targeting_type = columns.targeting_type.or(header.find(&["投放类型", "投放方式"]));
        }
        if kind == ReportKind::AdsCampaignManager {
            // In the grid export `Targeting` holds AUTO or MANUAL: a targeting type, not a target.
            columns.targeting_type = columns.targeting_type.or(columns.targeting);
            columns.targeting = None;
            // Its dates are the campaigns' own start and end, not the period of the figures.
            columns.start_date = None;
            columns.end_date = None;
        }
        (columns, attribution)
    }

    fn needed(&self) -> usize {
        [self.campaign, self.impressions, self.clicks, self.spend].into_iter().flatten().max().map_or(0, |m| m + 1)
    }
}

fn grain_of(kind: ReportKind, columns: &Columns) -> AdsGrain {
    match kind {
        ReportKind::SponsoredProductsSearchTerm | ReportKind::SponsoredBrandsSearchTerm => AdsGrain::SearchTerm,
        ReportKind::SponsoredProductsTargeting => AdsGrain::Targeting,
        ReportKind::SponsoredProductsAdvertisedProduct | ReportKind::AdsConsoleAdvertisedProduct if columns.asin.is_some() => {
            AdsGrain::AdvertisedProduct
        }
        ReportKind::LingxingAdsSearchTerm => AdsGrain::SearchTerm,
        ReportKind::LingxingAdsTargeting => AdsGrain::Targeting,
        ReportKind::LingxingAdsAdvertisedProduct => AdsGrain::AdvertisedProduct,
        ReportKind::LingxingAdsCampaign => AdsGrain::Campaign,
        _ if columns.search_term.is_some() => AdsGrain::SearchTerm,
        _ if columns.targeting.is_some() && columns.match_type.is_some() => AdsGrain::Targeting,
        _ => AdsGrain::Campaign,
    }
}

fn ad_type_of_kind(kind: ReportKind) -> Option<AdType> {
    match kind {
        ReportKind::SponsoredProductsSearchTerm
        | ReportKind::SponsoredProductsTargeting
        | ReportKind::SponsoredProductsAdvertisedProduct
        | ReportKind::SponsoredProductsCampaign
        | ReportKind::AdsConsoleAdvertisedProduct => Some(AdType::SP),
        // Lingxing's ad reports are per programme and mostly Sponsored Products; a 广告类型 cell
        // says otherwise when the report mixes them.
        ReportKind::LingxingAdsSearchTerm
        | ReportKind::LingxingAdsTargeting
        | ReportKind::LingxingAdsAdvertisedProduct
        | ReportKind::LingxingAdsCampaign => Some(AdType::SP),
        ReportKind::SponsoredBrandsCampaign | ReportKind::SponsoredBrandsSearchTerm => Some(AdType::SB),
        ReportKind::SponsoredDisplayCampaign => Some(AdType::SD),
        _ => None,
    }
}

/// Reads a `Type` or `Program Type` cell: `SP`, `SB`, `SB2`, `SBV`, `SD`, `Sponsored Brands`...
fn ad_type_of_cell(cell: &str) -> Option<AdType> {
    let upper = cell.trim().to_ascii_uppercase();
    match upper.as_str() {
        s if s.starts_with("SP") || s.contains("SPONSORED PRODUCT") => Some(AdType::SP),
        s if s.starts_with("SB") || s.contains("SPONSORED BRAND") => Some(AdType::SB),
        s if s.starts_with("SD") || s.contains("SPONSORED DISPLAY") => Some(AdType::SD),
        s if s.contains("商品推广") => Some(AdType::SP),
        s if s.contains("品牌推广") => Some(AdType::SB),
        s if s.contains("展示型推广") => Some(AdType::SD),
        _ => None,
    }
}

/// Auto campaigns target with these expressions; anything else is a manual target.
fn targeting_type_of_target(target: &str) -> Option<TargetingType> {
    if target.is_empty() {
        return None;
    }
    let auto = matches!(target.as_bytes()[0], b'c' | b'C' | b'l' | b'L' | b's' | b'S' | b'*')
        && ["close-match", "loose-match", "substitutes", "complements", "*"].iter().any(|a| target.eq_ignore_ascii_case(a));
    Some(if auto { TargetingType::Auto } else { TargetingType::Manual })
}

/// A match type as Amazon writes it: Lingxing writes them in Chinese (精准, 词组, 广泛), and the
/// metrics (harvest sources, bid lists) read the English names.
fn match_type_of_cell(cell: &str) -> &str {
    match cell {
        "精准" | "精确" | "精准匹配" => "EXACT",
        "词组" | "短语" | "词组匹配" => "PHRASE",
        "广泛" | "广泛匹配" => "BROAD",
        other => other,
    }
}

fn targeting_type_of_cell(cell: &str) -> Option<TargetingType> {
    let lower = cell.to_ascii_lowercase();
    if lower.contains("auto") || lower.contains("自动") {
        Some(TargetingType::Auto)
    } else if lower.contains("manual") || lower.contains("手动") {
        Some(TargetingType::Manual)
    } else {
        None
    }
}

/// The text cells that make up a row's key, borrowed from the row.
struct KeyCells<'a> {
    cells: [&'a str; 7],
}

impl<'a> KeyCells<'a> {
    fn hash(&self, ad_type: Option<AdType>) -> u64 {
        let mut hasher = FxHasher::default();
        hasher.write_u8(ad_type.map_or(0, |t| t as u8 + 1));
        for cell in self.cells {
            hasher.write(cell.as_bytes());
            hasher.write_u8(0xFF);
        }
        hasher.finish()
    }

    fn matches(&self, row: &StreamRow, arena: &str) -> bool {
        (0..KEY_CELLS).all(|i| self.cells[i] == row.cell(arena, i))
    }
}

/// How many text cells make up a key.
const KEY_CELLS: usize = 7;

/// A row while the file streams: its key's text lives in the sink's arena, so a new key costs
/// one append rather than seven allocations, and the row is a third of an [`AdsRow`]'s size.
/// The [`AdsRow`]s are built once, at the end.
struct StreamRow {
    /// Where each key cell starts in the arena; the last entry is where the key ends.
    bounds: [u32; KEY_CELLS + 1],
    ad_type: Option<AdType>,
    targeting_type: Option<TargetingType>,
    totals: AdsTotals,
}

impl StreamRow {
    fn cell<'a>(&self, arena: &'a str, i: usize) -> &'a str {
        arena.get(self.bounds[i] as usize..self.bounds[i + 1] as usize).unwrap_or("")
    }
}

/// An ads report being aggregated.
pub struct AdsSink {
    kind: ReportKind,
    columns: Columns,
    grain: AdsGrain,
    attribution: Option<u8>,
    kind_ad_type: Option<AdType>,
    rows: Vec<StreamRow>,
    /// The text of every key, one after the other.
    arena: String,
    /// Hash of a key to its row; a collision moves on to the next hash value.
    slots: FxHashMap<u64, u32>,
    daily: FxHashMap<(ParsedDate, AdType), AdsTotals>,
    last_dates: (String, String),
    last_parsed: (Option<ParsedDate>, Option<ParsedDate>),
    /// Whether `last_parsed` has been counted towards the period.
    dates_covered: bool,
}

impl AdsSink {
    pub fn new(kind: ReportKind, header: &Header, ctx: &mut ReadContext) -> AdsSink {
        let (columns, attribution) = Columns::resolve(kind, header);
        if kind == ReportKind::SponsoredBrandsCampaign && header.has(names::COST_TYPE) {
            ctx.note("Sponsored Brands rows with vCPM cost type are included with their total sales, which count views as well as clicks.");
        }
        if columns.sales.is_none() {
            ctx.note("No sales column was found, so ad sales (and ACoS) are missing for this file.");
        }
        let grain = grain_of(kind, &columns);
        AdsSink {
            kind,
            grain,
            attribution,
            kind_ad_type: ad_type_of_kind(kind),
            columns,
            rows: Vec::new(),
            arena: String::new(),
            slots: FxHashMap::default(),
            daily: FxHashMap::default(),
            last_dates: (String::new(), String::new()),
            last_parsed: (None, None),
            dates_covered: true,
        }
    }

    /// Finds the row of a key, adding it when new. One hash-table probe per row: the table maps
    /// a hash of the borrowed cells to a row, and a collision moves on to the next hash value.
    /// (A table of bare indices probed with a key-comparing closure measured slower.)
    fn row_index(&mut self, key: &KeyCells<'_>, ad_type: Option<AdType>) -> Result<usize, String> {
        let AdsSink { slots, rows, arena, .. } = self;
        let mut hash = key.hash(ad_type);
        loop {
            match slots.entry(hash) {
                Entry::Occupied(slot) => {
                    let index = *slot.get() as usize;
                    let row = &rows[index];
                    if row.ad_type == ad_type && key.matches(row, arena) {
                        return Ok(index);
                    }
                    hash = hash.wrapping_add(0x9E37_79B9_7F4A_7C15);
                }
                Entry::Vacant(slot) => {
                    let too_large = || "the report has more distinct rows than this page can hold".to_string();
                    let mut bounds = [0u32; KEY_CELLS + 1];
                    for (i, cell) in key.cells.iter().enumerate() {
                        bounds[i] = u32::try_from(arena.len()).map_err(|_| too_large())?;
                        arena.push_str(cell);
                    }
                    bounds[KEY_CELLS] = u32::try_from(arena.len()).map_err(|_| too_large())?;
                    let index = u32::try_from(rows.len()).map_err(|_| too_large())?;
                    rows.push(StreamRow { bounds, ad_type, targeting_type: None, totals: AdsTotals::default() });
                    slot.insert(index);
                    return Ok(index as usize);
                }
            }
        }
    }

    fn read_dates(&mut self, row: &Row<'_>, ctx: &mut ReadContext) -> Result<Option<ParsedDate>, String> {
        let c = &self.columns;
        if let Some(column) = c.date {
            return ctx.date(row.get(Some(column)), "Date");
        }
        if c.start_date.is_some() || c.end_date.is_some() || c.date_range.is_some() {
            let (start, end) = match c.date_range {
                Some(column) if c.start_date.is_none() => (row.get(Some(column)), ""),
                _ => (row.get(c.start_date), row.get(c.end_date)),
            };
            // Summary reports repeat the same two dates on every row: parse them once.
            if start != self.last_dates.0 || end != self.last_dates.1 {
                let parsed = if c.start_date.is_none() {
                    let (from, to) = parse_date_range(start).ok_or_else(|| format!("Date range: `{}` is not a date range", shorten(start)))?;
                    (Some(from), Some(to))
                } else {
                    (parse_date_cell(start, "Start Date")?, parse_date_cell(end, "End Date")?)
                };
                self.last_dates = (start.to_string(), end.to_string());
                self.last_parsed = parsed;
                self.dates_covered = false;
            }
            // Summary rows all carry the same two dates: they widen the period once, when the
            // first row carrying them is accepted (see the end of `row`).
        }
        Ok(None)
    }
}

impl RowSink for AdsSink {
    fn row(&mut self, row: &Row<'_>, ctx: &mut ReadContext) -> Result<(), String> {
        self.read_row(row, ctx)?;
        if !self.dates_covered {
            for date in [self.last_parsed.0, self.last_parsed.1].into_iter().flatten() {
                ctx.cover(date);
            }
            self.dates_covered = true;
        }
        Ok(())
    }

    fn finish(self: Box<Self>, ctx: &mut ReadContext) -> ReportData {
        self.finish_report(ctx)
    }
}

impl AdsSink {
    fn read_row(&mut self, row: &Row<'_>, ctx: &mut ReadContext) -> Result<(), String> {
        if row.len() < self.columns.needed() {
            return Err(format!("the row has {} fields, fewer than the header", row.len()));
        }
        let day = self.read_dates(row, ctx)?;
        let c = &self.columns;
        let totals = AdsTotals {
            spend: ctx.money(row, c.spend, "Spend")?.unwrap_or_default(),
            sales: ctx.money(row, c.sales, "Sales")?.unwrap_or_default(),
            impressions: ctx.count(row, c.impressions, "Impressions")?.unwrap_or(0),
            clicks: ctx.count(row, c.clicks, "Clicks")?.unwrap_or(0),
            orders: ctx.count(row, c.orders, "Orders")?.unwrap_or(0),
            units: ctx.count(row, c.units, "Units")?.unwrap_or(0),
        };
        if c.currency.is_some() {
            ctx.see_currency_code(row.get(c.currency));
        }
        if c.country.is_some() {
            ctx.see_marketplace(row.get(c.country));
        }
        let ad_type = match c.ad_type {
            Some(column) => ad_type_of_cell(row.get(Some(column))).or(self.kind_ad_type),
            None => self.kind_ad_type,
        };
        let targeting = row.get(c.targeting);
        let key = KeyCells {
            cells: [
                row.get(c.campaign),
                row.get(c.ad_group),
                targeting,
                match_type_of_cell(row.get(c.match_type)),
                row.get(c.search_term),
                crate::text::header::strip_excel_text_formula(row.get(c.asin)),
                row.get(c.sku),
            ],
        };
        let index = self.row_index(&key, ad_type)?;
        let stored = &mut self.rows[index];
        stored.totals += totals;
        // The targeting type is a property of the key: work it out once, for a new row.
        if stored.targeting_type.is_none() {
            stored.targeting_type = match self.columns.targeting_type {
                Some(column) => targeting_type_of_cell(row.get(Some(column))),
                None => targeting_type_of_target(targeting),
            };
        }
        if let Some(day) = day {
            *self.daily.entry((day, ad_type.unwrap_or(AdType::SP))).or_default() += totals;
        }
        Ok(())
    }

    fn finish_report(self: Box<Self>, ctx: &mut ReadContext) -> ReportData {
        let order = ctx.day_month_order();
        let mut daily: BTreeMap<chrono::NaiveDate, Vec<(AdType, AdsTotals)>> = BTreeMap::new();
        let mut by_day: BTreeMap<(chrono::NaiveDate, AdType), AdsTotals> = BTreeMap::new();
        for ((day, ad_type), totals) in self.daily {
            if let Some(date) = day.resolve(order) {
                *by_day.entry((date, ad_type)).or_default() += totals;
            }
        }
        for ((date, ad_type), totals) in by_day {
            daily.entry(date).or_default().push((ad_type, totals));
        }
        if self.kind.source() == super::ReportSource::Lingxing && self.columns.ad_type.is_none() {
            ctx.note("The Lingxing ad report does not say the ad type; its rows are counted as Sponsored Products.");
        }
        if self.kind == ReportKind::AdsConsoleAdvertisedProduct && self.columns.ad_type.is_none() {
            ctx.note("The Ads console file does not say the ad type; its rows are counted as Sponsored Products.");
        }
        if let Some(days) = self.attribution {
            ctx.note(format!("Ad sales and orders use the report's {days}-day attribution window."));
        }
        let arena = &self.arena;
        let rows: Vec<AdsRow> = self
            .rows
            .iter()
            .map(|row| AdsRow {
                ad_type: row.ad_type,
                targeting_type: row.targeting_type,
                campaign: row.cell(arena, 0).to_string(),
                ad_group: row.cell(arena, 1).to_string(),
                targeting: row.cell(arena, 2).to_string(),
                match_type: row.cell(arena, 3).to_string(),
                search_term: row.cell(arena, 4).to_string(),
                asin: row.cell(arena, 5).to_string(),
                sku: row.cell(arena, 6).to_string(),
                totals: row.totals,
            })
            .collect();
        ReportData::Ads(AdsReport { grain: (!rows.is_empty()).then_some(self.grain), attribution_days: self.attribution, rows, daily })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribution_window_is_read_from_exact_names() {
        assert_eq!(windowed("7 day total sales", " day total sales", "", ""), Some(7));
        assert_eq!(windowed("14 day total sales ($)", " day total sales", "", ""), Some(14));
        assert_eq!(windowed("14 day total sales - (click)", " day total sales", "", ""), None);
        assert_eq!(windowed("14 day total sales (#) - (click)", " day total sales", "", ""), None);
        assert_eq!(windowed("7 tage, umsatz gesamt (€)", " day total sales", " tage, umsatz gesamt", ""), Some(7));
        assert_eq!(windowed("14天总销售额", "", "", "天总销售额"), Some(14));
    }

    #[test]
    fn auto_targets_are_recognised() {
        assert_eq!(targeting_type_of_target("close-match"), Some(TargetingType::Auto));
        assert_eq!(targeting_type_of_target("asin=\"B0123\""), Some(TargetingType::Manual));
        assert_eq!(targeting_type_of_target(""), None);
        assert_eq!(ad_type_of_cell("SB2"), Some(AdType::SB));
        assert_eq!(targeting_type_of_cell("AUTOMATIC TARGETING"), Some(TargetingType::Auto));
    }
}
