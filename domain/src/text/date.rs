//! Dates as Amazon writes them: ISO days and timestamps, `Sep 01, 2026`, `10-Jul-2025`,
//! `DD.MM.YY`, `YYYY/MM/DD`, and slash dates whose day and month order depends on the marketplace.
//!
//! A slash date such as `01/04/26` cannot be read on its own: India writes day first, the US month
//! first. Such dates are kept as [`ParsedDate::Slash`] while the file streams, every value above 12
//! is counted as evidence for one order, and they are resolved once the whole file has been seen.

use chrono::{Datelike, NaiveDate};

/// The order of day and month in a file's slash dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum DayMonthOrder {
    /// `01/04/26` is 1 April 2026 (IN, UK, EU).
    DayFirst,
    /// `01/04/26` is 4 January 2026 (US).
    MonthFirst,
}

/// A date read from a cell, possibly waiting for the file's day and month order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ParsedDate {
    /// A date whose reading does not depend on the file.
    Known(NaiveDate),
    /// `a/b/year`, where which of `a` and `b` is the day is decided per file.
    Slash { year: i32, first: u8, second: u8 },
}

impl ParsedDate {
    /// The date under the given order; a part above 12 can only be a day, so it wins over the order.
    pub fn resolve(self, order: DayMonthOrder) -> Option<NaiveDate> {
        match self {
            ParsedDate::Known(date) => Some(date),
            ParsedDate::Slash { year, first, second } => {
                let day_first = match order {
                    _ if first > 12 => true,
                    _ if second > 12 => false,
                    DayMonthOrder::DayFirst => true,
                    DayMonthOrder::MonthFirst => false,
                };
                let (day, month) = if day_first { (first, second) } else { (second, first) };
                NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day))
            }
        }
    }

    /// The order this date proves, when one of its parts is above 12.
    pub fn evidence(self) -> Option<DayMonthOrder> {
        match self {
            ParsedDate::Slash { first, .. } if first > 12 => Some(DayMonthOrder::DayFirst),
            ParsedDate::Slash { second, .. } if second > 12 => Some(DayMonthOrder::MonthFirst),
            _ => None,
        }
    }
}

/// Counts the evidence a file gives for its day and month order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DayMonthEvidence {
    pub day_first: u64,
    pub month_first: u64,
    /// Slash dates whose parts were both 12 or less.
    pub ambiguous: u64,
}

impl DayMonthEvidence {
    /// Records one parsed date.
    pub fn observe(&mut self, date: ParsedDate) {
        match date.evidence() {
            Some(DayMonthOrder::DayFirst) => self.day_first += 1,
            Some(DayMonthOrder::MonthFirst) => self.month_first += 1,
            None if matches!(date, ParsedDate::Slash { .. }) => self.ambiguous += 1,
            None => {}
        }
    }

    /// The order the evidence supports, or `None` when it supports neither or both equally.
    pub fn decided(&self) -> Option<DayMonthOrder> {
        use std::cmp::Ordering;
        match self.day_first.cmp(&self.month_first) {
            Ordering::Greater => Some(DayMonthOrder::DayFirst),
            Ordering::Less => Some(DayMonthOrder::MonthFirst),
            Ordering::Equal => None,
        }
    }
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

fn month_of_name(name: &str) -> Option<u32> {
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    let key = lower.get(..3)?;
    let index = MONTHS.iter().position(|m| *m == key)?;
    // Accept `Sep`, `Sept`, `September`, never `Septx`.
    let full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"][index];
    (lower.len() == 3 || (lower == "sept" && index == 8) || lower == full).then_some(index as u32 + 1)
}

fn number(text: &str) -> Option<u32> {
    (!text.is_empty() && text.len() <= 4 && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok())?
}

fn full_year(year: u32, digits: usize) -> i32 {
    match digits {
        2 if year < 70 => 2000 + year as i32,
        2 => 1900 + year as i32,
        _ => year as i32,
    }
}

/// Parses a date cell; `None` when the text is not a date this page knows.
///
/// Timestamps keep the calendar day they were written in (`2026-09-01T23:10:00-07:00` is
/// 1 September), which is the day Seller Central shows the seller.
pub fn parse_date(text: &str) -> Option<ParsedDate> {
    let text = crate::text::header::strip_excel_text_formula(text.trim());
    if text.len() < 6 {
        return None;
    }
    let bytes = text.as_bytes();
    // ISO day or timestamp: 2026-09-01, 2026-09-01T08:04:21+00:00, 2026-09-01 08:04:21.
    if bytes.len() >= 10 && bytes[4] == b'-' && bytes[7] == b'-' && (bytes.len() == 10 || matches!(bytes[10], b'T' | b' ')) {
        let year = number(&text[..4])?;
        let month = number(&text[5..7])?;
        let day = number(&text[8..10])?;
        return NaiveDate::from_ymd_opt(year as i32, month, day).map(ParsedDate::Known);
    }
    // Japanese: 2026年9月1日.
    if let Some((year, rest)) = text.split_once('年') {
        let (month, rest) = rest.split_once('月')?;
        let day = rest.strip_suffix('日').unwrap_or(rest);
        return NaiveDate::from_ymd_opt(number(year)? as i32, number(month)?, number(day)?).map(ParsedDate::Known);
    }
    // Month name first: `Sep 01, 2026`, `Sep 1 2026`.
    if bytes[0].is_ascii_alphabetic() {
        let mut parts = text.split([' ', ',']).filter(|p| !p.is_empty());
        let month = month_of_name(parts.next()?)?;
        let day = number(parts.next()?)?;
        let year_text = parts.next()?;
        if parts.next().is_some() {
            return None;
        }
        let year = full_year(number(year_text)?, year_text.len());
        return NaiveDate::from_ymd_opt(year, month, day).map(ParsedDate::Known);
    }
    let separator = *bytes.iter().find(|b| matches!(b, b'/' | b'.' | b'-'))?;
    let time_start = text.find([' ', 'T']).unwrap_or(text.len());
    let mut parts = text[..time_start].split(separator as char);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    match separator {
        // 10-Jul-2025 (MFN returns).
        b'-' => {
            let month = month_of_name(b)?;
            NaiveDate::from_ymd_opt(full_year(number(c)?, c.len()), month, number(a)?).map(ParsedDate::Known)
        }
        // DD.MM.YY (German Business Reports).
        b'.' => NaiveDate::from_ymd_opt(full_year(number(c)?, c.len()), number(b)?, number(a)?).map(ParsedDate::Known),
        // YYYY/MM/DD (Japan), else a slash date waiting for the file's order.
        _ if a.len() == 4 => NaiveDate::from_ymd_opt(number(a)? as i32, number(b)?, number(c)?).map(ParsedDate::Known),
        _ => {
            let (first, second) = (number(a)?, number(b)?);
            let year = full_year(number(c)?, c.len());
            let plausible = (1..=31).contains(&first) && (1..=31).contains(&second) && (first <= 12 || second <= 12);
            // Reject impossible dates now so a bad cell is skipped as a bad row, not resolved later.
            let slash = ParsedDate::Slash { year, first: first as u8, second: second as u8 };
            let valid = slash.resolve(DayMonthOrder::DayFirst).is_some() || slash.resolve(DayMonthOrder::MonthFirst).is_some();
            (plausible && valid).then_some(slash)
        }
    }
}

/// Parses a range such as `Jul 06, 2026 - Jul 29, 2026` (the new Ads console's `Date range`).
pub fn parse_date_range(text: &str) -> Option<(ParsedDate, ParsedDate)> {
    let text = text.trim();
    for separator in [" - ", " – ", " — ", " ~ ", "~", " to "] {
        if let Some((from, to)) = text.split_once(separator) {
            return Some((parse_date(from)?, parse_date(to)?));
        }
    }
    None
}

/// Finds a period in a file name such as `report_2026-09-01_2026-09-07.csv`,
/// `2026-09-01~2026-09-07.csv` or `Sales-20260901-20260907.csv`: the first two dates it holds.
pub fn dates_in_file_name(name: &str) -> Option<(NaiveDate, NaiveDate)> {
    let bytes = name.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() && found.len() < 2 {
        let preceded_by_digit = i > 0 && bytes[i - 1].is_ascii_digit();
        // Names are often Chinese or Japanese (`产品表现_2026-09-01~2026-09-07.csv`): a date can
        // only start on a character boundary, and slicing anywhere else would panic.
        let date = (!preceded_by_digit && name.is_char_boundary(i)).then(|| date_at(&name[i..])).flatten();
        match date {
            Some((date, len)) => {
                found.push(date);
                i += len;
            }
            None => i += 1,
        }
    }
    match found.as_slice() {
        [a, b] => Some((*a, *b)),
        _ => None,
    }
}

fn date_at(text: &str) -> Option<(NaiveDate, usize)> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = text.get(range)?;
        part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok())?
    };
    let not_followed_by_digit = |len: usize| bytes.get(len).is_none_or(|b| !b.is_ascii_digit());
    if bytes.len() >= 10 && matches!(bytes.get(4), Some(b'-' | b'_' | b'.')) && bytes.get(7) == bytes.get(4) && not_followed_by_digit(10) {
        let date = NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)?;
        return (date.year() > 2000).then_some((date, 10));
    }
    if bytes.len() >= 8 && not_followed_by_digit(8) {
        let date = NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(4..6)?, digits(6..8)?)?;
        return (date.year() > 2000).then_some((date, 8));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn known(text: &str) -> NaiveDate {
        match parse_date(text) {
            Some(ParsedDate::Known(date)) => date,
            other => panic!("{text:?} gave {other:?}"),
        }
    }

    #[test]
    fn unambiguous_formats() {
        assert_eq!(known("2026-09-01"), d(2026, 9, 1));
        assert_eq!(known("2025-06-05T15:31:40+00:00"), d(2025, 6, 5));
        assert_eq!(known("2020-11-18T23:59Z"), d(2020, 11, 18));
        assert_eq!(known("Sep 01, 2026"), d(2026, 9, 1));
        assert_eq!(known("10-Jul-2025"), d(2025, 7, 10));
        assert_eq!(known("01.09.26"), d(2026, 9, 1));
        assert_eq!(known("2026/01/02"), d(2026, 1, 2));
        assert_eq!(known("2026年9月1日"), d(2026, 9, 1));
        assert_eq!(parse_date("Septx 01, 2026"), None);
        assert_eq!(parse_date("12,131"), None);
    }

    #[test]
    fn slash_dates_wait_for_the_files_order() {
        let date = parse_date("01/04/26").unwrap();
        assert_eq!(date.evidence(), None);
        assert_eq!(date.resolve(DayMonthOrder::DayFirst), Some(d(2026, 4, 1)));
        assert_eq!(date.resolve(DayMonthOrder::MonthFirst), Some(d(2026, 1, 4)));
        let late = parse_date("25/04/2026").unwrap();
        assert_eq!(late.evidence(), Some(DayMonthOrder::DayFirst));
        assert_eq!(late.resolve(DayMonthOrder::MonthFirst), Some(d(2026, 4, 25)));
        assert_eq!(parse_date("13/13/2026"), None);
        assert_eq!(parse_date("02/31/2026"), None);
    }

    #[test]
    fn ranges_and_file_names() {
        let (from, to) = parse_date_range("Jul 06, 2026 - Jul 29, 2026").unwrap();
        assert_eq!((from, to), (ParsedDate::Known(d(2026, 7, 6)), ParsedDate::Known(d(2026, 7, 29))));
        assert_eq!(dates_in_file_name("br_2026-09-01_2026-09-07.csv"), Some((d(2026, 9, 1), d(2026, 9, 7))));
        assert_eq!(dates_in_file_name("2026-09-01~2026-09-07.csv"), Some((d(2026, 9, 1), d(2026, 9, 7))));
        assert_eq!(dates_in_file_name("Sales-20260901-20260907.csv"), Some((d(2026, 9, 1), d(2026, 9, 7))));
        assert_eq!(dates_in_file_name("产品表现_2026-09-01~2026-09-07.xlsx"), Some((d(2026, 9, 1), d(2026, 9, 7))));
        assert_eq!(dates_in_file_name("广告报表（美国）.csv"), None);
        assert_eq!(dates_in_file_name("campaigns.csv"), None);
        assert_eq!(dates_in_file_name("report_2026-09-01.csv"), None);
    }
}
