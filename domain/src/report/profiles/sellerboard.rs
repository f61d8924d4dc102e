//! sellerboard exports: the automation-link CSVs ("Dashboard by product", "by day", "totals") and
//! the sideways P&L download.
//!
//! The automation CSVs share one vocabulary (`Date, Marketplace, ASIN, SKU, Name, SalesOrganic,
//! SalesPPC, ...`) and are told apart by their key columns: `DateFrom` and `DateTo` make the
//! totals, `Date` with `ASIN` the product dashboard, `Date` alone the day dashboard. Their traps:
//!
//! - `SalesPPC` is already `SalesSponsoredProducts + SalesSponsoredDisplay`, so sales are
//!   `SalesOrganic + SalesPPC`; adding all four overstates sales (by about 16 % in one team's
//!   data). The parts are only read when the file has no `SalesPPC`. Units follow the same rule.
//! - Ad spend is `SponsoredProducts + SponsoredDisplay + SponsoredBrands + SponsoredBrandsVideo`,
//!   written negative; it is stored positive. The `Ads spend` column, where present, is the same
//!   money again and is only read when none of the four parts is there.
//! - German accounts export semicolon-separated files with decimal commas (`"1.234,56"`), and
//!   seller-named cost columns with commas in their names (`DHL Kosten 19,11 pro Paket x 2`);
//!   those columns are not read.
//! - Headers can start with a byte order mark and contain Cyrillic look-alike letters; both are
//!   handled by the header normaliser.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};

use super::super::detect::Header;
use super::super::row::{ReadContext, Row};
use super::super::{ReportKind, RowSink};
use super::performance::{PerformanceColumns, PerformanceSink, Sign};
use crate::dataset::{Measure, PerformanceTotals, ProductPerformance, ProfitBasis, ReportData};
use crate::text::date::ParsedDate;
use crate::text::header::normalize_header;

const DATE: &[&str] = &["date"];
const DATE_FROM: &[&str] = &["datefrom", "date from"];
const DATE_TO: &[&str] = &["dateto", "date to"];
const MARKETPLACE: &[&str] = &["marketplace"];
const ASIN: &[&str] = &["asin"];
const SKU: &[&str] = &["sku"];
const NAME: &[&str] = &["name", "product", "title"];
const SALES_ORGANIC: &[&str] = &["salesorganic", "sales organic"];
const SALES_PPC: &[&str] = &["salesppc", "sales ppc"];
const SALES_SP: &[&str] = &["salessponsoredproducts", "sales sponsored products"];
const SALES_SD: &[&str] = &["salessponsoreddisplay", "sales sponsored display"];
const UNITS_ORGANIC: &[&str] = &["unitsorganic", "units organic"];
const UNITS_PPC: &[&str] = &["unitsppc", "units ppc"];
const UNITS_SP: &[&str] = &["unitssponsoredproducts", "units sponsored products"];
const UNITS_SD: &[&str] = &["unitssponsoreddisplay", "units sponsored display"];
/// The four ad programmes' spend, written negative.
const SPEND_PARTS: [&[&str]; 4] = [
    &["sponsoredproducts", "sponsored products"],
    &["sponsoreddisplay", "sponsored display"],
    &["sponsoredbrands", "sponsored brands"],
    &["sponsoredbrandsvideo", "sponsored brands video"],
];
const ADS_SPEND: &[&str] = &["ads spend", "adsspend"];
const ORDERS: &[&str] = &["orders"];
const REFUNDED_UNITS: &[&str] = &["refunds", "units refunded", "refunded units"];
const NET_PROFIT: &[&str] = &["netprofit", "net profit"];
const SESSIONS: &[&str] = &["sessions"];
const PAGE_VIEWS: &[&str] = &["pageviews", "page views"];

/// Recognises a sellerboard export by its header.
pub(crate) fn detect(header: &Header) -> Option<ReportKind> {
    if is_profit_and_loss(header) {
        return Some(ReportKind::SellerboardProfitAndLoss);
    }
    if !(header.has(SALES_ORGANIC) || header.has(SALES_PPC)) {
        return None;
    }
    if header.has(DATE_FROM) && header.has(DATE_TO) {
        return Some(ReportKind::SellerboardTotals);
    }
    if header.has(ASIN) {
        return Some(ReportKind::SellerboardByProduct);
    }
    if header.has(DATE) {
        return Some(ReportKind::SellerboardByDay);
    }
    None
}

/// The P&L's first header cell is `Parameter/Datum` (German) or `Parameter/Date`.
fn is_profit_and_loss(header: &Header) -> bool {
    let first = header.names.first().map(String::as_str).unwrap_or("");
    let is_parameter = matches!(first.replace(' ', "").as_str(), "parameter/datum" | "parameter/date");
    is_parameter && header.names.iter().skip(1).any(|n| month_column(n).is_some() || is_total_column(n))
}

/// The reader for the three automation CSVs (see the module docs for the rules).
pub(crate) fn dashboard_sink(header: &Header, _ctx: &mut ReadContext) -> Box<dyn RowSink> {
    Box::new(PerformanceSink::new(dashboard_columns(header), header))
}

fn dashboard_columns(header: &Header) -> PerformanceColumns {
    let find = |aliases: &[&str]| header.find(aliases);
    let date_range = find(DATE_FROM).zip(find(DATE_TO));
    let mut c = PerformanceColumns {
        date: if date_range.is_some() { None } else { find(DATE) },
        date_range,
        asin: find(ASIN),
        sku: find(SKU),
        title: find(NAME),
        marketplace: find(MARKETPLACE),
        profit_basis: Some(ProfitBasis::Net),
        ..PerformanceColumns::default()
    };
    // Sales = organic + PPC; the sponsored parts only stand in for a missing SalesPPC.
    c.add(Measure::Sales, find(SALES_ORGANIC), Sign::AsWritten);
    let ad_sales: Vec<usize> = match find(SALES_PPC) {
        Some(ppc) => vec![ppc],
        None => [find(SALES_SP), find(SALES_SD)].into_iter().flatten().collect(),
    };
    for &column in &ad_sales {
        c.add(Measure::Sales, Some(column), Sign::AsWritten);
        c.add(Measure::AdSales, Some(column), Sign::AsWritten);
    }
    c.add(Measure::Units, find(UNITS_ORGANIC), Sign::AsWritten);
    match find(UNITS_PPC) {
        Some(ppc) => c.add(Measure::Units, Some(ppc), Sign::AsWritten),
        None => {
            c.add(Measure::Units, find(UNITS_SP), Sign::AsWritten);
            c.add(Measure::Units, find(UNITS_SD), Sign::AsWritten);
        }
    }
    let parts: Vec<usize> = SPEND_PARTS.iter().filter_map(|aliases| find(aliases)).collect();
    if parts.is_empty() {
        c.add(Measure::AdSpend, find(ADS_SPEND), Sign::Negated);
    }
    for column in parts {
        c.add(Measure::AdSpend, Some(column), Sign::Negated);
    }
    c.add(Measure::Orders, find(ORDERS), Sign::AsWritten);
    c.add(Measure::UnitsRefunded, find(REFUNDED_UNITS), Sign::AsWritten);
    c.add(Measure::Profit, find(NET_PROFIT), Sign::AsWritten);
    // Traffic, when the seller added it to the dashboard: only then is conversion known.
    c.add(Measure::Sessions, find(SESSIONS), Sign::AsWritten);
    c.add(Measure::PageViews, find(PAGE_VIEWS), Sign::AsWritten);
    c
}

/// What a P&L column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PnlColumn {
    /// A whole or partial month: the days it covers.
    Month(NaiveDate, NaiveDate),
    /// The `Gesamt` / `Total` column.
    Total,
    /// Anything else (blank cells at the end of the row).
    Other,
}

/// Month names as sellerboard writes them in German and English, in full or abbreviated.
fn month_number(name: &str) -> Option<u32> {
    Some(match name {
        "januar" | "january" | "jan" => 1,
        "februar" | "february" | "feb" => 2,
        "märz" | "march" | "mar" | "mär" => 3,
        "april" | "apr" => 4,
        "mai" | "may" => 5,
        "juni" | "june" | "jun" => 6,
        "juli" | "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "oktober" | "october" | "okt" | "oct" => 10,
        "november" | "nov" => 11,
        "dezember" | "december" | "dez" | "dec" => 12,
        _ => return None,
    })
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (next_year, next_month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)?.pred_opt()
}

/// Reads a month column's label (normalised): `august 2026`, or a partial month
/// `1.-10. september 2026` / `1-10 september 2026`.
fn month_column(label: &str) -> Option<(NaiveDate, NaiveDate)> {
    let words: Vec<&str> = label.split_whitespace().collect();
    let (days, month, year) = match words.as_slice() {
        [month, year] => (None, *month, *year),
        [days, month, year] => (Some(*days), *month, *year),
        _ => return None,
    };
    let year: i32 = year.parse().ok().filter(|y| (2000..=2100).contains(y))?;
    let month = month_number(month.trim_end_matches('.'))?;
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let last = last_day_of_month(year, month)?;
    let Some(days) = days else {
        return Some((first, last));
    };
    let (from, to) = days.split_once('-')?;
    let day = |text: &str| -> Option<u32> { text.trim_end_matches('.').parse().ok() };
    let (from, to) = (day(from)?, day(to)?);
    let from = NaiveDate::from_ymd_opt(year, month, from)?;
    let to = NaiveDate::from_ymd_opt(year, month, to)?;
    (from <= to && to <= last).then_some((from, to))
}

fn is_total_column(label: &str) -> bool {
    matches!(label, "gesamt" | "total" | "summe" | "insgesamt")
}

/// The P&L's rows that are read, by normalised label, with the measure and sign. Every other
/// row (fees, cost of goods, VAT, payout) is left out: the canonical data has no place for it.
fn pnl_measure(label: &str) -> Option<(Measure, Sign)> {
    Some(match label {
        "umsatz" | "sales" | "revenue" => (Measure::Sales, Sign::AsWritten),
        "einheiten" | "units" => (Measure::Units, Sign::AsWritten),
        "bestellungen" | "orders" => (Measure::Orders, Sign::AsWritten),
        "werbekosten" | "advertising cost" | "advertising costs" | "advertising" | "ads spend" | "ad spend" => {
            (Measure::AdSpend, Sign::Negated)
        }
        "nettogewinn" | "net profit" | "netprofit" => (Measure::Profit, Sign::AsWritten),
        _ => return None,
    })
}

/// The reader for the sideways P&L.
///
/// The P&L has metrics as rows and months as columns: some whole months (`August 2026`), maybe a
/// running partial month (`1.-10. September 2026`), and a `Gesamt` / `Total` column. The rule:
///
/// - **figures** come from the total column, which sellerboard computes over exactly the month
///   columns shown; when a file has no total column, the month columns are added up instead;
/// - **period** is the union of the month columns, from the first day of the earliest to the last
///   day of the latest (or of the partial month's range), so a file of August plus 1-10 September
///   covers 1 August to 10 September and forms its own selection, never mixed with weekly files;
/// - indented rows (sellerboard uses four spaces: `    Organisch`, `    FBA-Gebühr`) are parts of the row above
///   and already in it, so they are ignored, as are rows whose label is not a known measure;
/// - a measure whose label appears twice is read once, from its first row.
pub(crate) fn profit_and_loss_sink(header: &Header, ctx: &mut ReadContext) -> Box<dyn RowSink> {
    let columns: Vec<PnlColumn> = header
        .names
        .iter()
        .enumerate()
        .map(|(i, name)| match (i, month_column(name)) {
            (0, _) => PnlColumn::Other,
            (_, Some((from, to))) => PnlColumn::Month(from, to),
            _ if is_total_column(name) => PnlColumn::Total,
            _ => PnlColumn::Other,
        })
        .collect();
    let months: Vec<(NaiveDate, NaiveDate)> = columns
        .iter()
        .filter_map(|c| match c {
            PnlColumn::Month(from, to) => Some((*from, *to)),
            _ => None,
        })
        .collect();
    if let (Some(from), Some(to)) = (months.iter().map(|m| m.0).min(), months.iter().map(|m| m.1).max()) {
        ctx.cover(ParsedDate::Known(from));
        ctx.cover(ParsedDate::Known(to));
        ctx.end_row(true);
        let partial = months.iter().any(|(f, t)| f.day() != 1 || last_day_of_month(t.year(), t.month()) != Some(*t));
        if partial {
            ctx.note("The P&L includes a partial month; its period ends on the last day that month's column covers.");
        }
    }
    let read: Vec<usize> = match columns.iter().position(|c| *c == PnlColumn::Total) {
        Some(total) => vec![total],
        None => columns.iter().enumerate().filter(|(_, c)| matches!(c, PnlColumn::Month(..))).map(|(i, _)| i).collect(),
    };
    if columns.contains(&PnlColumn::Total) {
        ctx.note("The P&L's figures are taken from its total column; its period is the union of its month columns.");
    }
    Box::new(ProfitAndLossSink { read, measures: BTreeSet::new(), totals: PerformanceTotals::default() })
}

struct ProfitAndLossSink {
    /// The value columns whose sum is a row's figure: the total column, else every month column.
    read: Vec<usize>,
    measures: BTreeSet<Measure>,
    totals: PerformanceTotals,
}

impl RowSink for ProfitAndLossSink {
    fn row(&mut self, row: &Row<'_>, ctx: &mut ReadContext) -> Result<(), String> {
        let raw_label = row.raw(0);
        let raw_label = raw_label.strip_prefix('"').unwrap_or(raw_label);
        // A sub-row is part of its parent row, which already includes it. sellerboard indents
        // them with four spaces; any indentation is taken as one, since top rows have none.
        if raw_label.starts_with(char::is_whitespace) {
            return Ok(());
        }
        let label = normalize_header(row.get(Some(0)));
        let Some((measure, sign)) = pnl_measure(&label) else {
            return Ok(());
        };
        if self.measures.contains(&measure) {
            return Err(format!("`{}` appears twice; the first row was used", row.get(Some(0))));
        }
        let mut value = None;
        for &column in &self.read {
            let cell = if measure.is_money() {
                ctx.money(row, Some(column), row.get(Some(0)))?.map(|c| c.0)
            } else {
                ctx.count(row, Some(column), row.get(Some(0)))?
            };
            if let Some(cell) = cell {
                value = Some(value.unwrap_or(0i64).saturating_add(cell));
            }
        }
        let Some(value) = value else {
            return Err(format!("`{}` has no value", row.get(Some(0))));
        };
        *self.totals.get_mut(measure) = match sign {
            Sign::AsWritten => value,
            Sign::Negated => value.saturating_neg(),
        };
        self.measures.insert(measure);
        Ok(())
    }

    fn finish(self: Box<Self>, _ctx: &mut ReadContext) -> ReportData {
        let profit_basis = self.measures.contains(&Measure::Profit).then_some(ProfitBasis::Net);
        ReportData::Performance(ProductPerformance {
            measures: self.measures,
            profit_basis,
            items: Vec::new(),
            days: Default::default(),
            totals: self.totals,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn month_columns_whole_and_partial() {
        assert_eq!(month_column("august 2026"), Some((d(2026, 8, 1), d(2026, 8, 31))));
        assert_eq!(month_column("1.-10. september 2026"), Some((d(2026, 9, 1), d(2026, 9, 10))));
        assert_eq!(month_column("1-10 september 2026"), Some((d(2026, 9, 1), d(2026, 9, 10))));
        assert_eq!(month_column("februar 2028"), Some((d(2028, 2, 1), d(2028, 2, 29))));
        assert_eq!(month_column("dezember 2026"), Some((d(2026, 12, 1), d(2026, 12, 31))));
        assert_eq!(month_column("gesamt"), None);
        assert_eq!(month_column("5.-40. september 2026"), None);
    }

    #[test]
    fn automation_csvs_are_told_apart_by_their_key_columns() {
        let kind = |line: &str| detect(&Header::new(line.split(',')));
        assert_eq!(kind("Date,Marketplace,ASIN,SKU,SalesOrganic,SalesPPC"), Some(ReportKind::SellerboardByProduct));
        assert_eq!(kind("Date,SalesOrganic,SalesPPC,SponsoredProducts"), Some(ReportKind::SellerboardByDay));
        assert_eq!(kind("DateFrom,DateTo,SalesOrganic,SalesPPC"), Some(ReportKind::SellerboardTotals));
        assert_eq!(kind("Parameter/Datum,August 2026,Gesamt"), Some(ReportKind::SellerboardProfitAndLoss));
        assert_eq!(kind("Parameter/Date,August 2026,Total"), Some(ReportKind::SellerboardProfitAndLoss));
        assert_eq!(kind("Date,ASIN,Sales"), None);
    }

    #[test]
    fn sales_are_organic_plus_ppc_never_the_sponsored_parts_too() {
        let header = Header::new("Date,SalesOrganic,SalesPPC,SalesSponsoredProducts,SalesSponsoredDisplay,Ads spend,SponsoredProducts".split(','));
        let c = dashboard_columns(&header);
        let sales: Vec<usize> = c.measures.iter().filter(|m| m.0 == Measure::Sales).map(|m| m.1).collect();
        assert_eq!(sales, vec![1, 2]);
        let spend: Vec<usize> = c.measures.iter().filter(|m| m.0 == Measure::AdSpend).map(|m| m.1).collect();
        assert_eq!(spend, vec![6], "`Ads spend` is the same money as the parts");
    }
}
