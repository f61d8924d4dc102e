//! The shared reader for other tools' product and day tables: [`PerformanceSink`].
//!
//! sellerboard, Jungle Scout, Lingxing, Helium 10 and the user's own column mappings all export
//! the same kind of table: one row per product, per day, or per product and day, with money and
//! unit columns. Only the column names and the sign and grouping conventions differ. Each profile
//! therefore only says where its figures are ([`PerformanceColumns`]) and this sink does the
//! reading and the aggregation into a [`ProductPerformance`]:
//!
//! - `totals` is the sum of every accepted row;
//! - `items` has one entry per product, keyed by ASIN, else SKU, in the order first seen;
//! - `days` has the account's sums per calendar day when the table has a date column;
//! - `measures` lists the measures the header carried (a column mapped to them), so a figure the
//!   file lacks stays missing instead of reading as zero.
//!
//! Rows that cannot be used are skipped with their line and reason: a cell that is not a number,
//! a missing or unreadable date when the table has a date column, a row that names no product in a
//! table with a product column (which is also how "Total" rows at the bottom of an export are kept
//! from doubling the sums), and a row of another marketplace than the file's first: a report
//! belongs to one marketplace, and adding Amazon.com's dollars to Amazon.co.uk's pounds (or even
//! France's euros to Germany's) would put money where it does not belong.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use super::super::detect::Header;
use super::super::row::{ReadContext, Row};
use super::super::RowSink;
use crate::dataset::{Marketplace, Measure, PerformanceTotals, ProductItem, ProductPerformance, ProfitBasis, ReportData};
use crate::text::date::ParsedDate;

/// How a column's numbers relate to the canonical measure, which is always positive for costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sign {
    /// The column is read as written.
    AsWritten,
    /// The tool writes this cost as a negative number (sellerboard's ad spend, `-12,50`): the
    /// value is negated, so `-12,50` is a spend of 12.50 and a positive cell (a credit) lowers it.
    Negated,
}

/// Where a table's figures are. Built by a profile from its header; every column is optional, and
/// several columns may feed the same measure (their values are added, so list only columns that
/// are disjoint parts of it, never a total together with its parts).
///
/// ```ignore
/// let columns = PerformanceColumns {
///     date: header.find(&["date"]),
///     asin: header.find(&["asin"]),
///     ..PerformanceColumns::default()
/// }
/// .with(Measure::Sales, header.find(&["salesorganic"]), Sign::AsWritten)
/// .with(Measure::Sales, header.find(&["salesppc"]), Sign::AsWritten)
/// .with(Measure::AdSpend, header.find(&["sponsoredproducts"]), Sign::Negated);
/// let sink = PerformanceSink::new(columns, header);
/// ```
#[derive(Clone, Debug, Default)]
pub(crate) struct PerformanceColumns {
    /// The day a row describes; its rows then also feed [`ProductPerformance::days`].
    pub date: Option<usize>,
    /// The first and last day a row describes (sellerboard totals' `DateFrom`, `DateTo`): they
    /// widen the file's period but feed no day.
    pub date_range: Option<(usize, usize)>,
    pub asin: Option<usize>,
    pub sku: Option<usize>,
    pub title: Option<usize>,
    /// A column naming the marketplace (`Amazon.de`, `US`, `Germany`, a marketplace id).
    pub marketplace: Option<usize>,
    /// A column holding an ISO currency code.
    pub currency: Option<usize>,
    /// Each measure column with the measure it feeds and how its sign is read.
    pub measures: Vec<(Measure, usize, Sign)>,
    /// The basis of the [`Measure::Profit`] column, when one is mapped.
    pub profit_basis: Option<ProfitBasis>,
}

impl PerformanceColumns {
    /// Adds a measure column when the header has it (`column` is `Some`).
    pub fn with(mut self, measure: Measure, column: Option<usize>, sign: Sign) -> PerformanceColumns {
        self.add(measure, column, sign);
        self
    }

    /// Adds a measure column when the header has it (`column` is `Some`).
    pub fn add(&mut self, measure: Measure, column: Option<usize>, sign: Sign) {
        if let Some(column) = column {
            self.measures.push((measure, column, sign));
        }
    }

    /// Whether any column feeds `measure`.
    pub fn has(&self, measure: Measure) -> bool {
        self.measures.iter().any(|(m, _, _)| *m == measure)
    }

    /// Whether rows are keyed by product.
    fn has_product(&self) -> bool {
        self.asin.is_some() || self.sku.is_some()
    }
}

/// One product while the file streams.
#[derive(Default)]
struct ItemSums {
    item: ProductItem,
    /// Stock measures (available, inbound) per day: stock is a level, so the product's value is
    /// the one of its latest day, summed only across rows of that same day.
    stock: BTreeMap<Option<ParsedDate>, PerformanceTotals>,
}

/// Reads a product or day table into [`ReportData::Performance`]. See the module docs.
pub(crate) struct PerformanceSink {
    columns: PerformanceColumns,
    /// Each measure column's header cell as written, for skip reasons.
    names: Vec<String>,
    /// The columns a row must reach to be read.
    needed: usize,
    items: Vec<ItemSums>,
    by_key: FxHashMap<String, usize>,
    days: FxHashMap<ParsedDate, PerformanceTotals>,
    totals: PerformanceTotals,
    /// The marketplace of the first row that named one; rows of others are skipped.
    marketplace: Option<Marketplace>,
    /// The last marketplace cell read and what it named, so repeated cells are parsed once.
    last_marketplace: (String, Option<Marketplace>),
}

impl PerformanceSink {
    /// A sink reading the columns `columns` names in a file whose header is `header`.
    pub fn new(columns: PerformanceColumns, header: &Header) -> PerformanceSink {
        let names = columns
            .measures
            .iter()
            .map(|(measure, column, _)| header.original.get(*column).cloned().unwrap_or_else(|| measure.id().to_string()))
            .collect();
        let needed = columns
            .measures
            .iter()
            .map(|(_, column, _)| *column)
            .chain([columns.date, columns.asin, columns.sku].into_iter().flatten())
            .max()
            .map_or(0, |m| m + 1);
        PerformanceSink {
            columns,
            names,
            needed,
            items: Vec::new(),
            by_key: FxHashMap::default(),
            days: FxHashMap::default(),
            totals: PerformanceTotals::default(),
            marketplace: None,
            last_marketplace: (String::new(), None),
        }
    }

    /// Checks the row's marketplace against the file's first; an `Err` skips the row.
    fn check_marketplace(&mut self, text: &str, ctx: &mut ReadContext) -> Result<(), String> {
        if text.is_empty() {
            return Ok(());
        }
        if self.last_marketplace.0 != text {
            self.last_marketplace = (text.to_string(), Marketplace::parse(text));
        }
        let Some(found) = self.last_marketplace.1 else {
            return Ok(());
        };
        match self.marketplace {
            None => self.marketplace = Some(found),
            Some(first) if first != found => {
                ctx.note(format!(
                    "The file covers several marketplaces; only the rows of {first} (the first named) were read. Export one file per marketplace to read the others."
                ));
                return Err(format!("the row is for marketplace {found}, the file's first rows for {first}"));
            }
            Some(_) => {}
        }
        Ok(())
    }

    /// The figures of one row, signs applied.
    fn figures(&self, row: &Row<'_>, ctx: &mut ReadContext) -> Result<PerformanceTotals, String> {
        let mut figures = PerformanceTotals::default();
        for (&(measure, column, sign), name) in self.columns.measures.iter().zip(&self.names) {
            let value = if measure.is_money() {
                ctx.money(row, Some(column), name)?.map(|cents| cents.0)
            } else {
                ctx.count(row, Some(column), name)?
            };
            let Some(value) = value else { continue };
            let value = match sign {
                Sign::AsWritten => value,
                Sign::Negated => value.checked_neg().ok_or_else(|| format!("{name}: number too large"))?,
            };
            let sum = figures.get_mut(measure);
            *sum = sum.checked_add(value).ok_or_else(|| format!("{name}: number too large"))?;
        }
        Ok(figures)
    }
}

/// The measures that are flows (summed over days), in the order [`Measure::ALL`] lists them.
fn flow_measures() -> impl Iterator<Item = Measure> {
    Measure::ALL.into_iter().filter(|m| !m.is_snapshot())
}

/// Adds the flow measures of `from` into `into`; stock levels are handled apart.
fn add_flows(into: &mut PerformanceTotals, from: &PerformanceTotals) {
    for m in flow_measures() {
        *into.get_mut(m) = into.get(m).saturating_add(from.get(m));
    }
}

fn add_stock(into: &mut PerformanceTotals, from: &PerformanceTotals) {
    for m in [Measure::Available, Measure::Inbound] {
        *into.get_mut(m) = into.get(m).saturating_add(from.get(m));
    }
}

impl RowSink for PerformanceSink {
    fn row(&mut self, row: &Row<'_>, ctx: &mut ReadContext) -> Result<(), String> {
        if row.len() < self.needed {
            return Err(format!("the row has {} fields, fewer than the header", row.len()));
        }
        let c = &self.columns;
        let asin = row.get(c.asin);
        let sku = row.get(c.sku);
        let key = if asin.is_empty() { sku } else { asin };
        if c.has_product() && key.is_empty() {
            return Err("the row names no product (no ASIN or SKU): a total or note row".to_string());
        }
        let date = match c.date {
            Some(column) => Some(ctx.date(row.get(Some(column)), "Date")?.ok_or_else(|| "the row has no date".to_string())?),
            None => None,
        };
        if let Some((from, to)) = c.date_range {
            ctx.date(row.get(Some(from)), "Date from")?;
            ctx.date(row.get(Some(to)), "Date to")?;
        }
        let figures = self.figures(row, ctx)?;
        if self.columns.marketplace.is_some() {
            let text = row.get(self.columns.marketplace);
            self.check_marketplace(text, ctx)?;
            ctx.see_marketplace(text);
        }
        let c = &self.columns;
        if c.currency.is_some() {
            ctx.see_currency_code(row.get(c.currency));
        }
        add_flows(&mut self.totals, &figures);
        if let Some(date) = date {
            let day = self.days.entry(date).or_default();
            add_flows(day, &figures);
            add_stock(day, &figures);
        }
        if c.has_product() {
            let index = match self.by_key.get(key) {
                Some(&i) => i,
                None => {
                    let text = |column: Option<usize>| Some(row.get(column).to_string()).filter(|s| !s.is_empty());
                    let item = ProductItem { asin: text(c.asin), sku: text(c.sku), title: text(c.title), ..ProductItem::default() };
                    self.items.push(ItemSums { item, stock: BTreeMap::new() });
                    self.by_key.insert(key.to_string(), self.items.len() - 1);
                    self.items.len() - 1
                }
            };
            let item = &mut self.items[index];
            add_flows(&mut item.item.totals, &figures);
            if c.has(Measure::Available) || c.has(Measure::Inbound) {
                add_stock(item.stock.entry(date).or_default(), &figures);
            }
        } else if c.has(Measure::Available) || c.has(Measure::Inbound) {
            // Without products, the file's stock is the sum of its undated rows; dated rows give
            // the latest day's level at the end.
            if date.is_none() {
                add_stock(&mut self.totals, &figures);
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>, ctx: &mut ReadContext) -> ReportData {
        let order = ctx.day_month_order();
        let PerformanceSink { columns, items, days, mut totals, .. } = *self;
        let mut merged: BTreeMap<chrono::NaiveDate, PerformanceTotals> = BTreeMap::new();
        for (date, sums) in days {
            let Some(date) = date.resolve(order) else { continue };
            let day = merged.entry(date).or_default();
            add_flows(day, &sums);
            add_stock(day, &sums);
        }
        let has_stock = columns.has(Measure::Available) || columns.has(Measure::Inbound);
        let items: Vec<ProductItem> = items
            .into_iter()
            .map(|mut sums| {
                // The stock of the product's latest day (undated rows count as the latest).
                let latest = sums
                    .stock
                    .into_iter()
                    .max_by_key(|(date, _)| date.map(|d| d.resolve(order)).map_or((1, None), |d| (0, d)));
                if let Some((_, stock)) = latest {
                    add_stock(&mut sums.item.totals, &stock);
                }
                sums.item
            })
            .collect();
        if has_stock {
            if !items.is_empty() {
                for item in &items {
                    add_stock(&mut totals, &item.totals);
                }
            } else if let Some(last) = merged.values().next_back()
                && totals.available == 0
                && totals.inbound == 0
            {
                add_stock(&mut totals, last);
            }
        }
        let measures: BTreeSet<Measure> = columns.measures.iter().map(|(m, _, _)| *m).collect();
        let profit_basis = columns.profit_basis.filter(|_| measures.contains(&Measure::Profit));
        ReportData::Performance(ProductPerformance { measures, profit_basis, items, days: merged, totals })
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::csv_stream::LinePosition;
    use super::*;
    use crate::dataset::Cents;
    use crate::text::number::DecimalStyle;

    /// Feeds comma-separated lines (no quoting) to a sink and returns the data and the context.
    fn read(columns: PerformanceColumns, header: &Header, lines: &[&str]) -> (ProductPerformance, ReadContext) {
        let mut ctx = ReadContext::new(DecimalStyle::Point);
        let mut sink: Box<dyn RowSink> = Box::new(PerformanceSink::new(columns, header));
        for (i, line) in lines.iter().enumerate() {
            let mut ends = Vec::new();
            let mut at = 0;
            for field in line.split(',') {
                at += field.len();
                ends.push(at);
            }
            let text = line.replace(',', "");
            let row = Row::new(&text, &ends, None, LinePosition::Line(i as u64 + 2));
            ctx.rows_read += 1;
            let result = sink.row(&row, &mut ctx);
            ctx.end_row(result.is_ok());
            if let Err(reason) = result {
                ctx.skip(i as u64 + 2, reason);
            }
        }
        match sink.finish(&mut ctx) {
            ReportData::Performance(p) => (p, ctx),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn products_and_days_are_summed_and_costs_made_positive() {
        let header = Header::new("Date,ASIN,Sales,Spend,Stock".split(','));
        let columns = PerformanceColumns { date: Some(0), asin: Some(1), ..PerformanceColumns::default() }
            .with(Measure::Sales, Some(2), Sign::AsWritten)
            .with(Measure::AdSpend, Some(3), Sign::Negated)
            .with(Measure::Available, Some(4), Sign::AsWritten);
        let (p, ctx) = read(
            columns,
            &header,
            &["2026-09-01,B01,10.00,-1.50,7", "2026-09-02,B01,5.00,-0.50,5", "2026-09-01,B02,1.00,,3", "2026-09-02,,99.00,,", "2026-09-03,B02,x,,"],
        );
        assert_eq!(p.totals.sales, Cents(1_600));
        assert_eq!(p.totals.ad_spend, Cents(200));
        assert_eq!(p.items.len(), 2);
        assert_eq!(p.items[0].totals.sales, Cents(1_500));
        // Stock is the latest day's level, not a sum over days.
        assert_eq!((p.items[0].totals.available, p.items[1].totals.available, p.totals.available), (5, 3, 8));
        assert_eq!(p.days.len(), 2, "skipped rows add no day");
        assert_eq!(ctx.rows_skipped, 2);
        assert!(ctx.skipped[0].reason.contains("no product"));
        assert!(ctx.skipped[1].reason.contains("Sales"));
        assert_eq!(p.measures, BTreeSet::from([Measure::Sales, Measure::AdSpend, Measure::Available]));
        assert_eq!(p.profit_basis, None);
    }

    #[test]
    fn rows_of_a_second_marketplace_are_skipped_not_added() {
        let header = Header::new("Marketplace,ASIN,Sales".split(','));
        let columns = PerformanceColumns { marketplace: Some(0), asin: Some(1), ..PerformanceColumns::default() }
            .with(Measure::Sales, Some(2), Sign::AsWritten);
        let (p, ctx) = read(columns, &header, &["Amazon.co.uk,B01,10.00", "Amazon.com,B01,99.00", "Amazon.co.uk,B02,1.00", "Atlantis,B03,2.00"]);
        assert_eq!(p.totals.sales, Cents(1_300));
        assert_eq!(ctx.rows_skipped, 1);
        assert!(ctx.skipped[0].reason.contains("US"), "{:?}", ctx.skipped);
        assert!(ctx.notes.iter().any(|n| n.contains("several marketplaces")));
    }

    #[test]
    fn a_table_without_products_or_dates_only_has_totals() {
        let header = Header::new("Units,Profit".split(','));
        let columns = PerformanceColumns { profit_basis: Some(ProfitBasis::Net), ..PerformanceColumns::default() }
            .with(Measure::Units, Some(0), Sign::AsWritten)
            .with(Measure::Profit, Some(1), Sign::AsWritten);
        let (p, _) = read(columns, &header, &["3,-2.00", "4,5.00"]);
        assert_eq!((p.totals.units, p.totals.profit), (7, Cents(300)));
        assert!(p.items.is_empty() && p.days.is_empty());
        assert_eq!(p.profit_basis, Some(ProfitBasis::Net));
    }
}
