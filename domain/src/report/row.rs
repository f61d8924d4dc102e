//! One data row as the readers hand it to the per-kind aggregators, and the context they share:
//! the file's number style, its currency, marketplace and dates, and the rows skipped.

use chrono::NaiveDate;
use rustc_hash::FxHashSet;

use super::csv_stream::{LinePosition, field_start};
use crate::dataset::{Cents, Currency, LoadedReport, Marketplace, SkippedRow};
use crate::text::date::{DayMonthEvidence, DayMonthOrder, ParsedDate, parse_date};
use crate::text::number::{self, DecimalStyle};

/// A data row: the fields are slices of one buffer, so reading a row allocates nothing.
#[derive(Clone, Copy, Debug)]
pub struct Row<'a> {
    text: &'a str,
    ends: &'a [usize],
    /// Where each field starts, when the fields are not back to back in `text` (a line split in
    /// place, separators and quotes still in it); otherwise each starts where the previous ends.
    starts: Option<&'a [usize]>,
    position: LinePosition,
}

impl<'a> Row<'a> {
    /// A row over `text`, whose fields end at the offsets in `ends` and start at those in
    /// `starts`, or each where the previous one ends (see
    /// [`RawRecord`](super::csv_stream::RawRecord)).
    pub fn new(text: &'a str, ends: &'a [usize], starts: Option<&'a [usize]>, position: LinePosition) -> Row<'a> {
        Row { text, ends, starts, position }
    }

    /// The 1-based physical line the row starts on.
    pub fn line(&self) -> u64 {
        self.position.start_line(self.text.as_bytes())
    }

    /// How many fields the row has.
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The raw field at `index`, untrimmed.
    pub fn raw(&self, index: usize) -> &'a str {
        let Some(&end) = self.ends.get(index) else {
            return "";
        };
        self.text.get(field_start(self.ends, self.starts, index)..end).unwrap_or("")
    }

    /// The field in column `column`, trimmed and without surrounding quotes (TSV flat files read
    /// without quoting still sometimes quote a cell); empty when the column is absent.
    pub fn get(&self, column: Option<usize>) -> &'a str {
        let Some(index) = column else {
            return "";
        };
        let field = self.raw(index);
        // Most cells have no padding and no stray quotes: return them as they are.
        match (field.as_bytes().first(), field.as_bytes().last()) {
            (Some(first), Some(last)) if !first.is_ascii_whitespace() && !last.is_ascii_whitespace() && *first != b'"' && *last < 0x80 => {
                return field;
            }
            _ => {}
        }
        let field = field.trim();
        match field.strip_prefix('"').and_then(|f| f.strip_suffix('"')) {
            Some(inner) => inner.trim(),
            None => field,
        }
    }

    /// Whether every field is blank (such rows are ignored, not counted).
    pub fn is_blank(&self) -> bool {
        match self.starts {
            Some(_) => (0..self.len()).all(|i| self.raw(i).trim().is_empty()),
            None => self.text.trim().is_empty(),
        }
    }
}

/// Everything about a file that is learnt while its rows stream by.
#[derive(Debug, Default)]
pub struct ReadContext {
    pub style: DecimalStyle,
    currency_column: Option<Currency>,
    currency_symbol: Option<[u8; 3]>,
    currencies_differ: bool,
    pub marketplace: Option<Marketplace>,
    marketplaces_differ: bool,
    /// The last marketplace cell looked at, so repeated cells are not parsed again.
    last_marketplace_text: String,
    dates: DayMonthEvidence,
    earliest: Option<NaiveDate>,
    latest: Option<NaiveDate>,
    /// Dates of the row being read, counted once the row is accepted.
    pending_dates: Vec<ParsedDate>,
    /// Slash dates seen, kept apart until the day and month order is known.
    slash_dates: FxHashSet<ParsedDate>,
    pub notes: Vec<String>,
    pub rows_read: u64,
    pub rows_skipped: u64,
    pub skipped: Vec<SkippedRow>,
    /// Whether the file's own content gave a period.
    pub period_from_content: bool,
}

impl ReadContext {
    /// A context for a file whose decimal style is `style`.
    pub fn new(style: DecimalStyle) -> ReadContext {
        ReadContext { style, ..ReadContext::default() }
    }

    /// Records a skipped row.
    pub fn skip(&mut self, line: u64, reason: String) {
        self.rows_skipped += 1;
        if self.skipped.len() < LoadedReport::MAX_LISTED_SKIPS {
            self.skipped.push(SkippedRow { line, reason });
        }
    }

    /// Adds a note once.
    pub fn note(&mut self, note: impl Into<String>) {
        let note = note.into();
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    /// Reads money in a needed column; a cell that is not a number is an error naming the column.
    pub fn money(&mut self, row: &Row<'_>, column: Option<usize>, name: &str) -> Result<Option<Cents>, String> {
        let text = row.get(column);
        match number::parse_money(text, self.style) {
            Ok(Some((cents, currency))) => {
                if let Some(code) = currency {
                    self.see_currency_symbol(code);
                }
                Ok(Some(cents))
            }
            Ok(None) => Ok(None),
            Err(e) => Err(format!("{name}: `{}` is {e}", shorten(text))),
        }
    }

    /// Reads a count in a needed column.
    pub fn count(&mut self, row: &Row<'_>, column: Option<usize>, name: &str) -> Result<Option<i64>, String> {
        let text = row.get(column);
        number::parse_count(text, self.style).map_err(|e| format!("{name}: `{}` is {e}", shorten(text)))
    }

    /// Reads a percentage or fraction as a fraction.
    pub fn fraction(&mut self, row: &Row<'_>, column: Option<usize>, name: &str) -> Result<Option<f64>, String> {
        let text = row.get(column);
        number::parse_fraction(text, self.style).map_err(|e| format!("{name}: `{}` is {e}", shorten(text)))
    }

    /// Reads a plain decimal.
    pub fn float(&mut self, row: &Row<'_>, column: Option<usize>, name: &str) -> Result<Option<f64>, String> {
        let text = row.get(column);
        number::parse_float(text, self.style).map_err(|e| format!("{name}: `{}` is {e}", shorten(text)))
    }

    /// Reads a date, counting it as evidence of the file's day and month order and widening the
    /// file's period. Blank cells are `Ok(None)`.
    pub fn date(&mut self, text: &str, name: &str) -> Result<Option<ParsedDate>, String> {
        let date = parse_date_cell(text, name)?;
        if let Some(date) = date {
            self.cover(date);
        }
        Ok(date)
    }

    /// Widens the file's period to include `date`, once the row it comes from has been read
    /// without error (see [`ReadContext::end_row`]): a skipped row must not stretch the period.
    pub fn cover(&mut self, date: ParsedDate) {
        self.pending_dates.push(date);
    }

    /// Ends a row: its dates count towards the period only when it was `accepted`.
    pub fn end_row(&mut self, accepted: bool) {
        if self.pending_dates.is_empty() {
            return;
        }
        let mut pending = std::mem::take(&mut self.pending_dates);
        if accepted {
            for &date in &pending {
                self.cover_now(date);
            }
        }
        pending.clear();
        self.pending_dates = pending;
    }

    fn cover_now(&mut self, date: ParsedDate) {
        self.dates.observe(date);
        self.period_from_content = true;
        match date {
            ParsedDate::Known(day) => {
                self.earliest = Some(self.earliest.map_or(day, |e| e.min(day)));
                self.latest = Some(self.latest.map_or(day, |l| l.max(day)));
            }
            slash => {
                self.slash_dates.insert(slash);
            }
        }
    }

    /// Records the value of a currency column (`Currency`, `Budget currency`, `currency`).
    pub fn see_currency_code(&mut self, code: &str) {
        // Most rows repeat the same code: compare before allocating.
        if let Some(known) = &self.currency_column
            && known.code().eq_ignore_ascii_case(code.trim())
        {
            return;
        }
        let Some(currency) = Currency::from_code(code) else {
            return;
        };
        match &self.currency_column {
            None => self.currency_column = Some(currency),
            Some(known) if *known != currency => self.currencies_differ = true,
            Some(_) => {}
        }
    }

    fn see_currency_symbol(&mut self, code: [u8; 3]) {
        match self.currency_symbol {
            None => self.currency_symbol = Some(code),
            Some(known) if known != code => self.currencies_differ = true,
            Some(_) => {}
        }
    }

    /// Records a cell naming the marketplace (country, site, sales channel, marketplace id).
    pub fn see_marketplace(&mut self, text: &str) {
        if text.is_empty() || self.last_marketplace_text == text {
            return;
        }
        self.last_marketplace_text = text.to_string();
        let Some(found) = Marketplace::parse(text) else {
            return;
        };
        match self.marketplace {
            None => self.marketplace = Some(found),
            Some(known) if known != found => self.marketplaces_differ = true,
            Some(_) => {}
        }
    }

    /// The order of day and month for this file: the evidence, else the marketplace's custom,
    /// else month first; notes how it was decided when the file had ambiguous dates.
    pub fn day_month_order(&mut self) -> DayMonthOrder {
        if let Some(order) = self.dates.decided() {
            if self.dates.ambiguous > 0 {
                let how = match order {
                    DayMonthOrder::DayFirst => "day/month (DD/MM)",
                    DayMonthOrder::MonthFirst => "month/day (MM/DD)",
                };
                self.note(format!("Dates such as 01/04 were read as {how}, because other dates in the file only fit that order."));
            }
            return order;
        }
        let by_marketplace = match self.marketplace {
            Some(Marketplace::US | Marketplace::CA | Marketplace::JP) | None => DayMonthOrder::MonthFirst,
            Some(_) => DayMonthOrder::DayFirst,
        };
        if self.dates.ambiguous > 0 {
            let how = match by_marketplace {
                DayMonthOrder::DayFirst => "day/month (DD/MM)",
                DayMonthOrder::MonthFirst => "month/day (MM/DD)",
            };
            self.note(format!(
                "Dates such as 01/04 could be read either way; they were read as {how} from the marketplace. Check the period."
            ));
        }
        by_marketplace
    }

    /// The first and last day the content mentions.
    pub fn content_period(&mut self) -> Option<(NaiveDate, NaiveDate)> {
        let order = self.day_month_order();
        let mut earliest = self.earliest;
        let mut latest = self.latest;
        for date in self.slash_dates.iter().filter_map(|d| d.resolve(order)) {
            earliest = Some(earliest.map_or(date, |e| e.min(date)));
            latest = Some(latest.map_or(date, |l| l.max(date)));
        }
        Some((earliest?, latest?))
    }

    /// The file's currency: a currency column wins, then the marketplace's currency when the
    /// money carries only a `$`, then the money's symbol or code.
    pub fn currency(&mut self) -> Option<Currency> {
        if self.currencies_differ {
            self.note("The file mixes several currencies; its money figures are kept as they are, not converted.");
        }
        if let Some(currency) = &self.currency_column {
            return Some(currency.clone());
        }
        let from_marketplace = self.marketplace.map(Marketplace::currency);
        match self.currency_symbol {
            Some(code) if &code == b"USD" && from_marketplace.is_some() => from_marketplace,
            Some(code) => Currency::from_code(std::str::from_utf8(&code).unwrap_or("")),
            None => from_marketplace,
        }
    }

    /// The file's marketplace: from its columns, else from a currency only one marketplace uses.
    pub fn marketplace(&mut self, currency: Option<&Currency>) -> Option<Marketplace> {
        if self.marketplaces_differ {
            self.note("The file covers several marketplaces; it is shown under the first one found.");
        }
        self.marketplace.or_else(|| {
            let code = currency?.code().to_string();
            let unique = match code.as_str() {
                "USD" => Marketplace::US,
                "CAD" => Marketplace::CA,
                "MXN" => Marketplace::MX,
                "BRL" => Marketplace::BR,
                "GBP" => Marketplace::UK,
                "SEK" => Marketplace::SE,
                "PLN" => Marketplace::PL,
                "TRY" => Marketplace::TR,
                "AED" => Marketplace::AE,
                "SAR" => Marketplace::SA,
                "EGP" => Marketplace::EG,
                "INR" => Marketplace::IN,
                "JPY" => Marketplace::JP,
                "AUD" => Marketplace::AU,
                "SGD" => Marketplace::SG,
                _ => return None,
            };
            Some(unique)
        })
    }
}

/// Reads a date cell without counting it towards the period; blank cells are `Ok(None)`.
pub fn parse_date_cell(text: &str, name: &str) -> Result<Option<ParsedDate>, String> {
    if number::is_missing(text) {
        return Ok(None);
    }
    parse_date(text).map(Some).ok_or_else(|| format!("{name}: `{}` is not a date", shorten(text)))
}

/// Cuts a cell for an error message, on a character boundary.
pub fn shorten(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_trimmed_and_unquoted() {
        let text = "a \"b\" c";
        let ends = [2, 6, 7];
        let row = Row::new(text, &ends, None, LinePosition::Line(3));
        assert_eq!(row.get(Some(0)), "a");
        assert_eq!(row.get(Some(1)), "b");
        assert_eq!(row.get(Some(2)), "c");
        assert_eq!(row.get(Some(9)), "");
        assert_eq!(row.get(None), "");
    }

    #[test]
    fn slash_dates_resolve_with_file_evidence() {
        let mut ctx = ReadContext::new(DecimalStyle::Point);
        ctx.date("01/04/26", "Date").unwrap();
        ctx.date("25/04/26", "Date").unwrap();
        ctx.end_row(true);
        ctx.date("01/01/20", "Date").unwrap();
        ctx.end_row(false);
        let (from, to) = ctx.content_period().unwrap();
        assert_eq!(from, NaiveDate::from_ymd_opt(2026, 4, 1).unwrap());
        assert_eq!(to, NaiveDate::from_ymd_opt(2026, 4, 25).unwrap());
        assert!(ctx.notes.iter().any(|n| n.contains("DD/MM")));
    }

    #[test]
    fn dollar_money_takes_the_marketplace_currency() {
        let mut ctx = ReadContext::new(DecimalStyle::Point);
        ctx.see_marketplace("Canada");
        let text = "$5.00";
        let ends = [text.len()];
        ctx.money(&Row::new(text, &ends, None, LinePosition::Line(2)), Some(0), "Sales").unwrap();
        assert_eq!(ctx.currency().unwrap().code(), "CAD");
    }
}
