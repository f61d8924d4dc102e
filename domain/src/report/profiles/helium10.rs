//! Helium 10 keyword exports: the Keyword Tracker CSV, in its long shape (one row per keyword,
//! ASIN and observation, `Date Added` such as `2025-10-29 03:00:00`) and its wide shape (one
//! row per keyword, one organic-rank column per date), and Cerebro keyword research (headers
//! such as `Search Volume (2025-01-08)` carry the day of the data).
//!
//! Both are read into [`KeywordRanks`]: per keyword and ASIN, the latest observation in the file.
//! Ranks are written `12`, `>306` (worse than 306, the deepest position looked at) or `-`, `NR`
//! or blank (not ranked); volumes may use Indian digit grouping (`1,13,529`).

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::super::detect::Header;
use super::super::row::{ReadContext, Row, shorten};
use super::super::{ReportKind, RowSink};
use crate::dataset::{KeywordRanks, KeywordRow, Rank, ReportData};
use crate::text::date::{DayMonthOrder, ParsedDate, parse_date};
use crate::text::header::strip_excel_text_formula;
use crate::text::number::{DecimalStyle, is_missing, parse_count};

const KEYWORD: &[&str] = &["keyword", "keywords"];
const KEYWORD_PHRASE: &[&str] = &["keyword phrase"];
const ASIN: &[&str] = &["asin"];
const MARKETPLACE: &[&str] = &["marketplace"];
const SEARCH_VOLUME: &[&str] = &["search volume"];
const ORGANIC_RANK: &[&str] = &["organic rank", "position (rank)", "organic position"];
const SPONSORED_RANK: &[&str] = &["sponsored position", "sponsored rank"];
const DATE_ADDED: &[&str] = &["date added", "date"];
const CEREBRO_ONLY: &[&str] = &["cerebro iq score", "ranking competitors (count)", "search volume trend", "cpr", "h10 ppc sugg. bid"];

/// Splits a dated header such as `search volume (2025-01-08)` into its name and day; a header
/// without a date in parentheses is returned whole.
fn split_dated(name: &str) -> (&str, Option<ParsedDate>) {
    if let Some(open) = name.rfind('(')
        && let Some(inner) = name[open + 1..].strip_suffix(')')
        && let Some(date) = parse_date(inner)
    {
        return (name[..open].trim_end(), Some(date));
    }
    (name, None)
}

/// The column whose name, without a date suffix, is one of `aliases`; among dated columns of
/// the same name, the latest one, with its day.
fn find_dated(header: &Header, aliases: &[&str]) -> Option<(usize, Option<ParsedDate>)> {
    let mut best: Option<(usize, Option<ParsedDate>)> = None;
    for (column, name) in header.names.iter().enumerate() {
        let (base, date) = split_dated(name);
        if !aliases.contains(&base) {
            continue;
        }
        match best {
            Some((_, known)) if known >= date => {}
            _ => best = Some((column, date)),
        }
    }
    best
}

/// The columns whose whole header is a date: the wide Keyword Tracker's organic rank per day.
fn dated_columns(header: &Header) -> Vec<(usize, ParsedDate)> {
    header
        .names
        .iter()
        .enumerate()
        .filter_map(|(column, name)| {
            let (base, suffix) = split_dated(name);
            // `2025-10-29` or `Organic Rank (2025-10-29)`.
            let date = parse_date(name).or(suffix.filter(|_| ORGANIC_RANK.contains(&base) || base == "rank"))?;
            Some((column, date))
        })
        .collect()
}

/// Recognises a Helium 10 keyword export.
pub(crate) fn detect(header: &Header) -> Option<ReportKind> {
    if find_dated(header, KEYWORD_PHRASE).is_some() && (header.has(CEREBRO_ONLY) || find_dated(header, SEARCH_VOLUME).is_some()) {
        return Some(ReportKind::Helium10Cerebro);
    }
    if !header.has(KEYWORD) {
        return None;
    }
    let long = header.has(ORGANIC_RANK) && (header.has(&["date added"]) || header.has(SPONSORED_RANK) || header.has(SEARCH_VOLUME));
    let wide = !dated_columns(header).is_empty();
    (long || wide).then_some(ReportKind::Helium10KeywordTracker)
}

/// The reader for a Helium 10 kind.
pub(crate) fn sink(kind: ReportKind, header: &Header) -> Option<Box<dyn RowSink>> {
    match kind {
        ReportKind::Helium10KeywordTracker | ReportKind::Helium10Cerebro => Some(Box::new(KeywordSink::new(kind, header))),
        _ => None,
    }
}

/// Reads a rank cell: `12`, `>306` (worse than 306); `-`, `NR`, `0` or blank are not ranked.
pub(crate) fn parse_rank(text: &str) -> Result<Option<Rank>, String> {
    let text = strip_excel_text_formula(text.trim());
    if is_missing(text) || ["nr", "n/r", "not ranked", "none", "null"].iter().any(|nr| text.eq_ignore_ascii_case(nr)) {
        return Ok(None);
    }
    let (worse_than, number) = match text.strip_prefix('>') {
        Some(rest) => (true, rest.trim_start_matches('=').trim()),
        None => (false, text),
    };
    let not_a_rank = || format!("`{}` is not a rank", shorten(text));
    let value = parse_count(number, DecimalStyle::Point).map_err(|_| not_a_rank())?.ok_or_else(not_a_rank)?;
    let value = u32::try_from(value).map_err(|_| not_a_rank())?;
    Ok(match (worse_than, value) {
        (true, n) => Some(Rank::WorseThan(n)),
        (false, 0) => None,
        (false, n) => Some(Rank::Exact(n)),
    })
}

/// Which layout the file has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// One row per observation, dated by `Date Added`.
    Long,
    /// One row per keyword, one rank column per day.
    Wide,
    /// Cerebro: one row per keyword, dated (if at all) by its headers.
    Cerebro,
}

/// A keyword row while the file streams, with what orders its observations.
struct Observed {
    row: KeywordRow,
    /// The observation's day and the cell it was read from (a timestamp orders two of one day).
    when: Option<(ParsedDate, String)>,
}

/// A Helium 10 keyword export being reduced to the latest observation per keyword and ASIN.
pub struct KeywordSink {
    shape: Shape,
    keyword: Option<usize>,
    asin: Option<usize>,
    marketplace: Option<usize>,
    volume: Option<usize>,
    organic: Option<usize>,
    sponsored: Option<usize>,
    date: Option<usize>,
    /// Wide shape: the rank columns, latest day first.
    by_day: Vec<(usize, ParsedDate)>,
    /// Cerebro: the day its dated headers name.
    header_day: Option<ParsedDate>,
    rows: Vec<Observed>,
    by_key: FxHashMap<(String, String), usize>,
}

impl KeywordSink {
    fn new(kind: ReportKind, header: &Header) -> KeywordSink {
        let column = |aliases: &[&str]| find_dated(header, aliases).map(|(c, _)| c);
        let mut by_day = if kind == ReportKind::Helium10Cerebro { Vec::new() } else { dated_columns(header) };
        let shape = match kind {
            ReportKind::Helium10Cerebro => Shape::Cerebro,
            _ if header.has(ORGANIC_RANK) => Shape::Long,
            _ => Shape::Wide,
        };
        // Slash dates in headers are read with the order the headers themselves prove, else
        // month first (Helium 10 writes US dates); then the columns are sorted latest first.
        let order = header_day_order(by_day.iter().map(|(_, d)| *d));
        by_day.retain(|(_, d)| d.resolve(order).is_some());
        by_day.sort_by_key(|(_, d)| std::cmp::Reverse(d.resolve(order)));
        let by_day: Vec<(usize, ParsedDate)> =
            by_day.into_iter().filter_map(|(c, d)| d.resolve(order).map(|day| (c, ParsedDate::Known(day)))).collect();
        let header_day = [KEYWORD_PHRASE, SEARCH_VOLUME, ORGANIC_RANK]
            .iter()
            .filter_map(|aliases| find_dated(header, aliases).and_then(|(_, d)| d))
            .max();
        KeywordSink {
            shape,
            keyword: column(if shape == Shape::Cerebro { KEYWORD_PHRASE } else { KEYWORD }),
            asin: header.find(ASIN),
            marketplace: header.find(MARKETPLACE),
            volume: column(SEARCH_VOLUME),
            organic: if shape == Shape::Wide { None } else { column(ORGANIC_RANK) },
            sponsored: column(SPONSORED_RANK),
            date: if shape == Shape::Long { header.find(DATE_ADDED) } else { None },
            by_day,
            header_day,
            rows: Vec::new(),
            by_key: FxHashMap::default(),
        }
    }
}

/// The day and month order a set of header dates proves, else month first.
fn header_day_order(dates: impl Iterator<Item = ParsedDate>) -> DayMonthOrder {
    let mut evidence = crate::text::date::DayMonthEvidence::default();
    for date in dates {
        evidence.observe(date);
    }
    evidence.decided().unwrap_or(DayMonthOrder::MonthFirst)
}

impl RowSink for KeywordSink {
    fn row(&mut self, row: &Row<'_>, ctx: &mut ReadContext) -> Result<(), String> {
        let keyword = row.get(self.keyword);
        if keyword.is_empty() {
            return Err("the row has no keyword".to_string());
        }
        let asin = strip_excel_text_formula(row.get(self.asin));
        let search_volume = ctx.count(row, self.volume, "Search Volume")?;
        let sponsored_rank = parse_rank(row.get(self.sponsored)).map_err(|e| format!("Sponsored Position: {e}"))?;
        let (organic_rank, when) = match self.shape {
            Shape::Long => {
                let organic = parse_rank(row.get(self.organic)).map_err(|e| format!("Organic Rank: {e}"))?;
                let text = row.get(self.date);
                let day = ctx.date(text, "Date Added")?;
                (organic, day.map(|d| (d, text.to_string())))
            }
            Shape::Cerebro => {
                let organic = parse_rank(row.get(self.organic)).map_err(|e| format!("Position (Rank): {e}"))?;
                if let Some(day) = self.header_day {
                    ctx.cover(day);
                }
                (organic, self.header_day.map(|d| (d, String::new())))
            }
            Shape::Wide => {
                // The latest day with a cell: `-` there means not ranked that day; a blank cell
                // means the keyword was not tracked that day, so an earlier day is looked at.
                let mut found = (None, None);
                for &(column, day) in &self.by_day {
                    let cell = row.get(Some(column));
                    if cell.is_empty() {
                        continue;
                    }
                    let rank = parse_rank(cell).map_err(|e| format!("{}: {e}", day_text(day)))?;
                    ctx.cover(day);
                    found = (rank, Some((day, String::new())));
                    break;
                }
                found
            }
        };
        if self.marketplace.is_some() {
            ctx.see_marketplace(row.get(self.marketplace));
        }
        let observed = KeywordRow {
            keyword: keyword.to_string(),
            asin: Some(asin.to_string()).filter(|a| !a.is_empty()),
            search_volume,
            organic_rank,
            sponsored_rank,
            observed: None,
        };
        let key = (keyword.to_lowercase(), asin.to_string());
        match self.by_key.get(&key) {
            Some(&index) => {
                let stored = &mut self.rows[index];
                // The latest observation wins; of two equally dated, the one further down.
                if when >= stored.when {
                    let volume = observed.search_volume.or(stored.row.search_volume);
                    stored.row = KeywordRow { search_volume: volume, ..observed };
                    stored.when = when;
                }
            }
            None => {
                self.by_key.insert(key, self.rows.len());
                self.rows.push(Observed { row: observed, when });
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>, ctx: &mut ReadContext) -> ReportData {
        let order = ctx.day_month_order();
        ctx.note("Keyword ranks are a snapshot: each keyword and ASIN shows its latest observation in the file.");
        let rows = self
            .rows
            .into_iter()
            .map(|o| KeywordRow { observed: o.when.and_then(|(d, _)| d.resolve(order)), ..o.row })
            .collect();
        ReportData::Keywords(KeywordRanks { rows })
    }
}

fn day_text(day: ParsedDate) -> String {
    day.resolve(DayMonthOrder::MonthFirst).map_or_else(String::new, |d: NaiveDate| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(line: &str) -> Option<ReportKind> {
        detect(&Header::new(line.split(',')))
    }

    #[test]
    fn ranks_as_keyword_tools_write_them() {
        assert_eq!(parse_rank("12"), Ok(Some(Rank::Exact(12))));
        assert_eq!(parse_rank(">306"), Ok(Some(Rank::WorseThan(306))));
        assert_eq!(parse_rank("> 96"), Ok(Some(Rank::WorseThan(96))));
        for missing in ["-", "NR", "", "0", "N/A"] {
            assert_eq!(parse_rank(missing), Ok(None), "{missing:?}");
        }
        assert!(parse_rank("top").is_err());
    }

    #[test]
    fn shapes_are_told_apart() {
        assert_eq!(
            kind_of("Marketplace,ASIN,Title,Keyword,Keyword Sales,Search Volume,Organic Rank,Sponsored Position,Date Added"),
            Some(ReportKind::Helium10KeywordTracker)
        );
        assert_eq!(kind_of("Keyword,Search Volume,2025-10-27,2025-10-28"), Some(ReportKind::Helium10KeywordTracker));
        assert_eq!(
            kind_of("Keyword Phrase,Search Volume (2025-01-08),Keyword Sales,Cerebro IQ Score,Position (Rank)"),
            Some(ReportKind::Helium10Cerebro)
        );
        assert_eq!(kind_of("Keyword,Notes"), None);
        assert_eq!(split_dated("search volume (2025-01-08)").0, "search volume");
        assert_eq!(split_dated("position (rank)"), ("position (rank)", None));
    }
}
