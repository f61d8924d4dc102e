//! Amazon Ads reports: the classic Sponsored Products, Brands and Display reports, the new Ads
//! console CSV and the Campaign Manager grid export, aggregated per key at the report's grain.
//!
//! The hot path of the page's largest files (search term reports run to hundreds of megabytes)
//! is here, so a row costs no allocation unless it brings a new text or key: each key cell is
//! looked up by its borrowed text in its column's interner, and a key is a target number, a
//! search term number and the ad type. Memory grows with distinct texts and keys (64 bytes a
//! key while streaming), never with rows, and each distinct text is stored once, also in the
//! report handed on.

use std::collections::BTreeMap;
use std::hash::Hasher;

use hashbrown::HashTable;
use rustc_hash::{FxHashMap, FxHasher};

use super::detect::{Header, names};
use super::row::{ReadContext, Row, parse_date_cell, shorten};
use super::{ReportKind, RowSink};
use serde::{Deserialize, Serialize};
use crate::dataset::{AdType, AdsGrain, AdsReport, AdsRow, AdsTotals, LoadedReport, ReportData, SharedStr, TargetingType};
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

/// The distinct texts of one column, numbered from 1 (0 is the empty cell), all in one arena:
/// one allocation for the whole column rather than one per text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Column {
    arena: String,
    /// Where text `n` is in the arena, at index `n - 1`.
    spans: Vec<(u32, u32)>,
}

impl Column {
    #[inline]
    fn text(&self, id: u32) -> &[u8] {
        let (start, end) = self.spans[id as usize - 1];
        &self.arena.as_bytes()[start as usize..end as usize]
    }

    /// Every text as a [`SharedStr`], by number (index 0 is the empty string), for the rows to
    /// share.
    fn into_shared(self) -> Vec<SharedStr> {
        let mut texts = Vec::with_capacity(self.spans.len() + 1);
        texts.push(SharedStr::default());
        texts.extend(self.spans.iter().map(|&(start, end)| SharedStr::from(self.arena.get(start as usize..end as usize).unwrap_or(""))));
        texts
    }
}

/// A [`Column`] being filled, with the table that finds a text's number by its borrowed text:
/// a row whose cells were all seen before allocates nothing.
#[derive(Default)]
struct Interner {
    column: Column,
    table: HashTable<u32>,
}

/// Whether two byte strings are equal, compared eight bytes at a time. The cells compared here
/// are short, and a call to `memcmp` (a byte loop in WebAssembly) cost more than the comparison:
/// this was a tenth of the native profile.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut left, mut right) = (a.chunks_exact(8), b.chunks_exact(8));
    for (x, y) in (&mut left).zip(&mut right) {
        let x: [u8; 8] = x.try_into().unwrap_or_default();
        let y: [u8; 8] = y.try_into().unwrap_or_default();
        if u64::from_ne_bytes(x) != u64::from_ne_bytes(y) {
            return false;
        }
    }
    left.remainder().iter().zip(right.remainder()).all(|(x, y)| x == y)
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

fn too_large() -> String {
    "the report has more distinct rows than this page can hold".to_string()
}

impl Interner {
    /// The number of `text`, adding it when new.
    fn id(&mut self, text: &str) -> Result<u32, String> {
        if text.is_empty() {
            return Ok(0);
        }
        let hash = hash_bytes(text.as_bytes());
        let Interner { column, table } = self;
        if let Some(&id) = table.find(hash, |&id| same_bytes(column.text(id), text.as_bytes())) {
            return Ok(id);
        }
        let start = u32::try_from(column.arena.len()).map_err(|_| too_large())?;
        column.arena.push_str(text);
        let end = u32::try_from(column.arena.len()).map_err(|_| too_large())?;
        column.spans.push((start, end));
        let id = u32::try_from(column.spans.len()).map_err(|_| too_large())?;
        table.insert_unique(hash, id, |&id| hash_bytes(column.text(id)));
        Ok(id)
    }
}

/// The columns a key is made of, in the order of [`AdsRow`]'s text fields.
const CAMPAIGN: usize = 0;
const AD_GROUP: usize = 1;
const TARGETING: usize = 2;
const MATCH_TYPE: usize = 3;
const SEARCH_TERM: usize = 4;
const ASIN: usize = 5;
const SKU: usize = 6;

/// A key's cells other than the search term, by their numbers in the columns' interners: the
/// few thousand targets of an account, which a million search term rows repeat.
type TargetKey = [u32; 6];

/// An aggregated row while the file streams: 64 bytes, against an [`AdsRow`]'s text handles and
/// totals, so the map grows slowly with the keys. The [`AdsRow`]s are built once, at the end
/// (in the import worker's case, by the page, as it reads the message).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct StreamRow {
    /// The number of the row's target in `targets`.
    target: u32,
    /// The number of its search term in the search term column's interner (0: none).
    term: u32,
    /// Where the search term's text is in that column's arena, so that a probe compares it
    /// without first reading the column's span table (one random read less per row). A term of
    /// [`LONG_TERM`] bytes or more is found through `term` instead. The page does not need it.
    #[serde(skip)]
    term_start: u32,
    #[serde(skip)]
    term_len: u16,
    ad_type: Option<AdType>,
    targeting_type: Option<TargetingType>,
    totals: AdsTotals,
}

/// The rows being aggregated, in blocks of [`Rows::BLOCK`]: a vector of a million rows that
/// grows by doubling would, at each doubling, hold the old and the new copy at once (a third more
/// memory at the peak), and end with up to twice the room it needs. Blocks never move.
#[derive(Clone, Debug, Default, PartialEq)]
struct Rows {
    blocks: Vec<Vec<StreamRow>>,
    len: usize,
}

impl Rows {
    /// Rows per block (1 MiB).
    const BLOCK: usize = 1 << 14;

    fn len(&self) -> usize {
        self.len
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn push(&mut self, row: StreamRow) {
        match self.blocks.last_mut() {
            Some(block) if block.len() < Rows::BLOCK => block.push(row),
            _ => {
                let mut block = Vec::with_capacity(Rows::BLOCK);
                block.push(row);
                self.blocks.push(block);
            }
        }
        self.len += 1;
    }

    fn iter(&self) -> impl Iterator<Item = &StreamRow> {
        self.blocks.iter().flatten()
    }
}

impl std::ops::Index<usize> for Rows {
    type Output = StreamRow;
    fn index(&self, index: usize) -> &StreamRow {
        &self.blocks[index / Rows::BLOCK][index % Rows::BLOCK]
    }
}

impl std::ops::IndexMut<usize> for Rows {
    fn index_mut(&mut self, index: usize) -> &mut StreamRow {
        &mut self.blocks[index / Rows::BLOCK][index % Rows::BLOCK]
    }
}

impl IntoIterator for Rows {
    type Item = StreamRow;
    type IntoIter = std::iter::Flatten<std::vec::IntoIter<Vec<StreamRow>>>;
    fn into_iter(self) -> Self::IntoIter {
        self.blocks.into_iter().flatten()
    }
}

/// Written as a plain sequence of rows, which the page reads row by row ([`RowsSeed`]).
impl Serialize for Rows {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The length up front: postcard writes it before the elements.
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.len))?;
        for row in self.iter() {
            seq.serialize_element(row)?;
        }
        seq.end()
    }
}

/// An ads report being aggregated.
pub struct AdsSink {
    kind: ReportKind,
    columns: Columns,
    grain: AdsGrain,
    attribution: Option<u8>,
    kind_ad_type: Option<AdType>,
    /// The distinct texts of each key column ([`CAMPAIGN`] to [`SKU`]).
    texts: [Interner; 7],
    /// The distinct targets, and the table that finds one by its cells' text.
    targets: Vec<TargetKey>,
    target_table: HashTable<u32>,
    rows: Rows,
    /// Finds a row by target, search term and ad type.
    row_table: HashTable<u32>,
    daily: FxHashMap<(ParsedDate, AdType), AdsTotals>,
    /// The last `Date` cell and what it parsed to: a daily report repeats each date on thousands
    /// of rows in a row.
    last_day: (String, Option<ParsedDate>),
    last_dates: (String, String),
    last_parsed: (Option<ParsedDate>, Option<ParsedDate>),
    /// Whether `last_parsed` has been counted towards the period.
    dates_covered: bool,
}

/// The columns of a [`TargetKey`]'s numbers, in order.
const TARGET_COLUMNS: [usize; 6] = [CAMPAIGN, AD_GROUP, TARGETING, MATCH_TYPE, ASIN, SKU];

/// Hashes a target's cells, each followed by a byte no UTF-8 text contains, so that moving text
/// from one cell to the next changes the hash input.
fn hash_target_cells<'a>(cells: impl Iterator<Item = &'a [u8]>) -> u64 {
    let mut hasher = FxHasher::default();
    for cell in cells {
        hasher.write(cell);
        hasher.write_u8(0xFF);
    }
    hasher.finish()
}

/// Hashes a row's key by its search term's text, so that a row whose key is known is found
/// without first looking the search term up in its column.
fn hash_row(target: u32, term: &[u8], ad_type: Option<AdType>) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write_u32(target);
    hasher.write_u8(ad_type.map_or(0, |t| t as u8 + 1));
    hasher.write(term);
    hasher.finish()
}

/// A search term's length that [`StreamRow::term_len`] does not hold.
const LONG_TERM: u16 = u16::MAX;

/// The text of a row's search term.
#[inline]
fn term_text<'a>(terms: &'a Column, row: &StreamRow) -> &'a [u8] {
    match row.term {
        0 => &[],
        _ if row.term_len == LONG_TERM => terms.text(row.term),
        _ => {
            let start = row.term_start as usize;
            terms.arena.as_bytes().get(start..start + usize::from(row.term_len)).unwrap_or_default()
        }
    }
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
            texts: Default::default(),
            targets: Vec::new(),
            target_table: HashTable::new(),
            rows: Rows::default(),
            row_table: HashTable::new(),
            daily: FxHashMap::default(),
            last_day: (String::new(), None),
            last_dates: (String::new(), String::new()),
            last_parsed: (None, None),
            dates_covered: true,
        }
    }

    /// The number of a target, adding it when new.
    fn target_index(&mut self, cells: [&str; 6]) -> Result<u32, String> {
        let hash = hash_target_cells(cells.iter().map(|cell| cell.as_bytes()));
        let AdsSink { texts, targets, target_table, .. } = self;
        // One probe for the target's six cells together, compared in place with the texts of a
        // candidate: a row costs no lookup per column unless its target is new.
        let known = target_table.find(hash, |&i| {
            let target = &targets[i as usize];
            (0..6).all(|k| match target[k] {
                0 => cells[k].is_empty(),
                id => same_bytes(texts[TARGET_COLUMNS[k]].column.text(id), cells[k].as_bytes()),
            })
        });
        if let Some(&index) = known {
            return Ok(index);
        }
        let mut target = [0u32; 6];
        for (k, cell) in cells.iter().enumerate() {
            target[k] = texts[TARGET_COLUMNS[k]].id(cell)?;
        }
        let index = u32::try_from(targets.len()).map_err(|_| too_large())?;
        targets.push(target);
        target_table.insert_unique(hash, index, |&i| {
            let target = &targets[i as usize];
            hash_target_cells((0..6).map(|k| match target[k] {
                0 => &[][..],
                id => texts[TARGET_COLUMNS[k]].column.text(id),
            }))
        });
        Ok(index)
    }

    /// Finds the row of a key, adding it when new. The table holds row numbers and is probed
    /// with the search term's text, compared with the text of the candidate row's term: a known
    /// key costs one probe and the row it updates anyway, and the search term column is only
    /// searched for a new key. (Looking the term's number up first took a third of the time:
    /// two more reads from tables of hundreds of thousands of entries, for every row.)
    fn row_index(&mut self, target: u32, term: &str, ad_type: Option<AdType>) -> Result<usize, String> {
        let hash = hash_row(target, term.as_bytes(), ad_type);
        let AdsSink { rows, row_table, texts, .. } = self;
        let found = row_table.find(hash, |&i| {
            let row = &rows[i as usize];
            row.target == target && row.ad_type == ad_type && same_bytes(term_text(&texts[SEARCH_TERM].column, row), term.as_bytes())
        });
        if let Some(&index) = found {
            return Ok(index as usize);
        }
        let term_len = u16::try_from(term.len()).ok().filter(|&len| len < LONG_TERM).unwrap_or(LONG_TERM);
        let term = texts[SEARCH_TERM].id(term)?;
        let terms = &texts[SEARCH_TERM].column;
        let term_start = if term == 0 { 0 } else { terms.spans[term as usize - 1].0 };
        let index = u32::try_from(rows.len()).map_err(|_| too_large())?;
        rows.push(StreamRow { target, term, term_start, term_len, ad_type, targeting_type: None, totals: AdsTotals::default() });
        row_table.insert_unique(hash, index, |&i| {
            let row = &rows[i as usize];
            hash_row(row.target, term_text(terms, row), row.ad_type)
        });
        Ok(index as usize)
    }

    fn read_dates(&mut self, row: &Row<'_>, ctx: &mut ReadContext) -> Result<Option<ParsedDate>, String> {
        if let Some(column) = self.columns.date {
            let text = row.get(Some(column));
            if text != self.last_day.0 {
                let parsed = parse_date_cell(text, "Date")?;
                self.last_day.0.clear();
                self.last_day.0.push_str(text);
                self.last_day.1 = parsed;
            }
            let day = self.last_day.1;
            if let Some(day) = day {
                ctx.cover(day);
            }
            return Ok(day);
        }
        let c = &self.columns;
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
        let (mut data, compact) = self.finish_parts(ctx);
        if let ReportData::Ads(ads) = &mut data {
            ads.rows = compact.into_rows();
        }
        data
    }

    fn finish_compact(self: Box<Self>, ctx: &mut ReadContext) -> (ReportData, Option<CompactAdsRows>) {
        let (data, compact) = self.finish_parts(ctx);
        (data, Some(compact))
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
        let cells = [
            row.get(c.campaign),
            row.get(c.ad_group),
            targeting,
            match_type_of_cell(row.get(c.match_type)),
            crate::text::header::strip_excel_text_formula(row.get(c.asin)),
            row.get(c.sku),
        ];
        let term = row.get(c.search_term);
        let targeting_type_column = c.targeting_type;
        let target = self.target_index(cells)?;
        let index = self.row_index(target, term, ad_type)?;
        let stored = &mut self.rows[index];
        stored.totals += totals;
        // The targeting type is a property of the key: work it out once, for a new row.
        if stored.targeting_type.is_none() {
            stored.targeting_type = match targeting_type_column {
                Some(column) => targeting_type_of_cell(row.get(Some(column))),
                None => targeting_type_of_target(targeting),
            };
        }
        if let Some(day) = day {
            *self.daily.entry((day, ad_type.unwrap_or(AdType::SP))).or_default() += totals;
        }
        Ok(())
    }

    /// The report without its rows, and the rows in their compact form.
    fn finish_parts(self: Box<Self>, ctx: &mut ReadContext) -> (ReportData, CompactAdsRows) {
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
        let AdsSink { texts, targets, rows, grain, attribution, .. } = *self;
        let compact = CompactAdsRows { columns: texts.map(|interner| interner.column), targets, rows };
        let data = ReportData::Ads(AdsReport {
            grain: (!compact.rows.is_empty()).then_some(grain),
            attribution_days: attribution,
            rows: Vec::new(),
            daily,
        });
        (data, compact)
    }
}

/// An ads report's rows as the aggregator keeps them: each distinct text once, in its column,
/// and per row the numbers of its texts and its totals. A report of a million rows is about a
/// third of its [`AdsRow`]s' size this way, and crosses from the import worker to the page so
/// (see [`AdsRowsMessage`]) without the worker ever building the [`AdsRow`]s.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CompactAdsRows {
    /// [`CAMPAIGN`] to [`SKU`].
    columns: [Column; 7],
    targets: Vec<TargetKey>,
    rows: Rows,
}

impl CompactAdsRows {
    /// How many rows there are.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The rows, each text shared by the rows that carry it.
    pub fn into_rows(self) -> Vec<AdsRow> {
        let CompactAdsRows { columns, targets, rows: compact } = self;
        let texts = columns.map(Column::into_shared);
        // Exactly as many rows as keys: the page keeps this vector, so it must not carry the
        // spare capacity that growing by doubling would leave.
        let mut rows = Vec::with_capacity(compact.len());
        rows.extend(compact.into_iter().map(|row| expand(&texts, &targets, row)));
        rows
    }

    /// Puts the rows into `report`, an ads report finished with [`crate::report::Ingest::finish_compact`].
    pub fn attach_to(self, report: &mut LoadedReport) {
        if let ReportData::Ads(ads) = &mut report.data {
            ads.rows = self.into_rows();
        }
    }
}

/// One [`AdsRow`] from its compact form.
fn expand(texts: &[Vec<SharedStr>; 7], targets: &[TargetKey], row: StreamRow) -> AdsRow {
    let target = targets.get(row.target as usize).copied().unwrap_or_default();
    let text = |column: usize, id: u32| texts[column].get(id as usize).cloned().unwrap_or_default();
    AdsRow {
        ad_type: row.ad_type,
        targeting_type: row.targeting_type,
        campaign: text(CAMPAIGN, target[0]),
        ad_group: text(AD_GROUP, target[1]),
        targeting: text(TARGETING, target[2]),
        match_type: text(MATCH_TYPE, target[3]),
        search_term: text(SEARCH_TERM, row.term),
        asin: text(ASIN, target[4]),
        sku: text(SKU, target[5]),
        totals: row.totals,
    }
}

/// An ads report's rows in the import worker's message: written from the worker's
/// [`CompactAdsRows`], read by the page straight into [`AdsRow`]s, row by row, so neither side
/// ever holds both forms of a million rows.
#[derive(Clone, Debug, PartialEq)]
pub enum AdsRowsMessage {
    /// The worker's side.
    Written(CompactAdsRows),
    /// The page's side.
    Read(Vec<AdsRow>),
}

impl AdsRowsMessage {
    /// The rows, whichever side this is.
    pub fn into_rows(self) -> Vec<AdsRow> {
        match self {
            AdsRowsMessage::Written(compact) => compact.into_rows(),
            AdsRowsMessage::Read(rows) => rows,
        }
    }
}

impl Serialize for AdsRowsMessage {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            AdsRowsMessage::Written(compact) => compact.serialize(serializer),
            AdsRowsMessage::Read(_) => Err(serde::ser::Error::custom("only the worker's compact rows are written")),
        }
    }
}

impl<'de> Deserialize<'de> for AdsRowsMessage {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<AdsRowsMessage, D::Error> {
        deserializer.deserialize_struct("CompactAdsRows", &["columns", "targets", "rows"], CompactVisitor).map(AdsRowsMessage::Read)
    }
}

/// Reads [`CompactAdsRows`]' fields in order: the texts and targets first, then each row, built
/// into an [`AdsRow`] as soon as it is read.
struct CompactVisitor;

impl<'de> serde::de::Visitor<'de> for CompactVisitor {
    type Value = Vec<AdsRow>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("compact ads rows")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<AdsRow>, A::Error> {
        use serde::de::Error;
        let columns: [Column; 7] = seq.next_element()?.ok_or_else(|| A::Error::invalid_length(0, &self))?;
        let targets: Vec<TargetKey> = seq.next_element()?.ok_or_else(|| A::Error::invalid_length(1, &self))?;
        let texts = columns.map(Column::into_shared);
        seq.next_element_seed(RowsSeed { texts: &texts, targets: &targets })?.ok_or_else(|| A::Error::invalid_length(2, &self))
    }
}

struct RowsSeed<'a> {
    texts: &'a [Vec<SharedStr>; 7],
    targets: &'a [TargetKey],
}

impl<'de> serde::de::DeserializeSeed<'de> for RowsSeed<'_> {
    type Value = Vec<AdsRow>;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Vec<AdsRow>, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for RowsSeed<'_> {
    type Value = Vec<AdsRow>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a sequence of compact ads rows")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<AdsRow>, A::Error> {
        // The cap keeps a corrupt length from reserving gigabytes; beyond it the vector grows.
        let mut rows = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 22));
        while let Some(row) = seq.next_element::<StreamRow>()? {
            rows.push(expand(self.texts, self.targets, row));
        }
        Ok(rows)
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
    fn compact_rows_read_back_as_the_rows_of_the_whole_report() {
        let file = "Date,Campaign Name,Ad Group Name,Targeting,Match Type,Customer Search Term,Impressions,Clicks,Spend,7 Day Total Sales \n\
            \"Sep 01, 2026\",C1,AG1,close-match,-,fishing net,10,1,$0.50,$0.00\n\
            \"Sep 02, 2026\",C1,AG1,close-match,-,fishing net,5,0,$0.00,$0.00\n\
            \"Sep 02, 2026\",C2,AG1,red pliers,EXACT,red pliers,7,2,$1.10,\"$1,020.00\"\n";
        let whole = crate::report::read_report("st.csv", file.as_bytes()).unwrap();
        let mut ingest = crate::report::Ingest::new("st.csv");
        ingest.push(file.as_bytes()).unwrap();
        let (mut skeleton, compact) = ingest.finish_compact().unwrap();
        let compact = compact.unwrap();
        assert_eq!(compact.len(), 2);
        let bytes = postcard::to_allocvec(&AdsRowsMessage::Written(compact)).unwrap();
        let AdsRowsMessage::Read(rows) = postcard::from_bytes::<AdsRowsMessage>(&bytes).unwrap() else { panic!("read side") };
        if let ReportData::Ads(ads) = &mut skeleton.data {
            ads.rows = rows;
        }
        assert_eq!(skeleton, whole);
    }

    #[test]
    fn search_terms_are_told_apart_by_their_whole_text() {
        // Terms sharing a prefix, the empty term, and terms too long for a row's stored length.
        let long = "n".repeat(70_000);
        let longer = format!("{long}x");
        let mut file = String::from("Campaign Name,Ad Group Name,Targeting,Match Type,Customer Search Term,Impressions,Clicks,Spend\n");
        for term in ["net", "nets", "", "net", &long, &longer, &long, "nets"] {
            file.push_str(&format!("C1,AG1,close-match,-,{term},1,1,$1.00\n"));
        }
        let report = crate::report::read_report("st.csv", file.as_bytes()).unwrap();
        let ReportData::Ads(ads) = report.data else { panic!("an ads report") };
        let mut clicks: Vec<(usize, i64)> = ads.rows.iter().map(|r| (r.search_term.len(), r.totals.clicks)).collect();
        clicks.sort();
        assert_eq!(clicks, vec![(0, 1), (3, 2), (4, 2), (70_000, 2), (70_001, 1)]);
        assert_eq!(std::mem::size_of::<StreamRow>(), 64);
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
