//! Numbers, money and percentages as Amazon writes them in report cells.
//!
//! The same column arrives as `$1,234.56`, `"12,131"`, `1.999,55 €`, `￥4,907,860`, `USD 12.00`,
//! `AED 65.80`, `₹75,565.26`, `12.02%` or `16,40%`. Cells that are blank or hold `-` or `--` mean
//! "not given": they parse to `Ok(None)`, never to zero, so a missing figure stays missing.
//!
//! Parsing works on the digits directly into integers, so money becomes exact [`Cents`] without a
//! round trip through floating point.

use crate::dataset::Cents;

/// Which character separates the decimals, as decided for the whole file.
///
/// English reports write `1,234.56`; German ones write `1.234,56`. A value that carries both
/// separators decides for itself (the last one is the decimal separator); the style only settles
/// values with a single separator, such as `1.514` or `16,40`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum DecimalStyle {
    /// `1,234.56`.
    #[default]
    Point,
    /// `1.234,56`.
    Comma,
}

/// Why a cell could not be read as a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberError {
    /// The cell holds text that is not a number (`abc`, `12x4`).
    NotANumber,
    /// The number does not fit in 64 bits.
    TooLarge,
}

impl std::fmt::Display for NumberError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NumberError::NotANumber => f.write_str("not a number"),
            NumberError::TooLarge => f.write_str("number too large"),
        }
    }
}

/// A parsed decimal number, kept as integer parts so money stays exact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Decimal {
    pub negative: bool,
    /// The digits before the decimal separator.
    pub integer: u64,
    /// The digits after the separator, as an integer (`.05` is 5 with 2 digits).
    pub fraction: u64,
    /// How many fraction digits `fraction` holds (at most [`Decimal::MAX_FRACTION_DIGITS`]).
    pub fraction_digits: u32,
    /// Whether the cell carried a `%` sign.
    pub percent: bool,
    /// The ISO currency the cell's symbol or code stands for (`$` reads as `USD`).
    pub currency: Option<[u8; 3]>,
}

impl Decimal {
    /// Fraction digits beyond this are dropped (they cannot change a cent or a ratio we show).
    pub const MAX_FRACTION_DIGITS: u32 = 15;

    /// The amount in hundredths, rounded half away from zero on the third decimal.
    pub fn to_cents(&self) -> Result<Cents, NumberError> {
        let hundredths = if self.fraction_digits <= 2 {
            self.fraction * 10u64.pow(2 - self.fraction_digits)
        } else {
            let divisor = 10u64.pow(self.fraction_digits - 2);
            let kept = self.fraction / divisor;
            let rest = self.fraction % divisor;
            if rest * 2 >= divisor { kept + 1 } else { kept }
        };
        let total = self
            .integer
            .checked_mul(100)
            .and_then(|v| v.checked_add(hundredths))
            .filter(|v| *v <= i64::MAX as u64)
            .ok_or(NumberError::TooLarge)? as i64;
        Ok(Cents(if self.negative { -total } else { total }))
    }

    /// The value as a float, for ratios and averages.
    pub fn to_f64(&self) -> f64 {
        let mut value = self.integer as f64;
        if self.fraction_digits > 0 {
            value += self.fraction as f64 / 10f64.powi(self.fraction_digits as i32);
        }
        if self.negative { -value } else { value }
    }

    /// The value rounded to a whole number (counts such as `12.0` in .xlsx files).
    pub fn to_i64(&self) -> Result<i64, NumberError> {
        let round_up = self.fraction_digits > 0 && self.fraction * 2 >= 10u64.pow(self.fraction_digits);
        let whole = self.integer.checked_add(round_up as u64).filter(|v| *v <= i64::MAX as u64);
        let whole = whole.ok_or(NumberError::TooLarge)? as i64;
        Ok(if self.negative { -whole } else { whole })
    }
}

/// Whether a cell means "no value": blank, `-`, `--`, an em dash or `N/A`.
pub fn is_missing(text: &str) -> bool {
    matches!(text.trim(), "" | "-" | "--" | "—" | "–" | "N/A" | "n/a" | "NA")
}

/// Parses a cell as a decimal number; `Ok(None)` when the cell means "no value".
pub fn parse_decimal(text: &str, style: DecimalStyle) -> Result<Option<Decimal>, NumberError> {
    let bytes = text.as_bytes();
    // Fast path for plain ASCII digits, the vast majority of cells in a large file.
    if !bytes.is_empty() && bytes.len() <= 18 && bytes.iter().all(u8::is_ascii_digit) {
        let mut value = 0u64;
        for b in bytes {
            value = value * 10 + u64::from(b - b'0');
        }
        return Ok(Some(Decimal { integer: value, ..Decimal::default() }));
    }
    if style == DecimalStyle::Point
        && let Some(number) = parse_plain_point(bytes)
    {
        return Ok(Some(number));
    }
    let text = text.trim();
    if is_missing(text) {
        return Ok(None);
    }
    let text = crate::text::header::strip_excel_text_formula(text);
    let bytes = text.as_bytes();
    let Some(first_digit) = bytes.iter().position(u8::is_ascii_digit) else {
        return Err(NumberError::NotANumber);
    };
    let last_digit = bytes.iter().rposition(u8::is_ascii_digit).unwrap_or(first_digit);
    let mut number = Decimal::default();
    read_affix(&text[..first_digit], &mut number)?;
    read_affix(&text[last_digit + 1..], &mut number)?;
    read_digits(&bytes[first_digit..=last_digit], style, &mut number)?;
    Ok(Some(number))
}

/// The one-pass fast path for the shapes that make up nearly every cell of an English report:
/// `-$1,234.56`, `12,131`, `16.12`, `2.57%`. Anything else returns `None` and goes the general
/// way, which gives the same result for these shapes, only slower.
fn parse_plain_point(bytes: &[u8]) -> Option<Decimal> {
    let mut number = Decimal::default();
    let mut i = 0;
    if bytes.first() == Some(&b'-') {
        number.negative = true;
        i += 1;
    }
    if bytes.get(i) == Some(&b'$') {
        number.currency = Some(*b"USD");
        i += 1;
    }
    let integer_start = i;
    let mut group_digits = 0usize;
    let mut grouped = false;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'0'..=b'9' => {
                number.integer = number.integer.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
                group_digits += 1;
            }
            // A group separator follows one to three digits, then exactly three each time.
            b',' if (grouped && group_digits == 3) || (!grouped && (1..=3).contains(&group_digits)) => {
                grouped = true;
                group_digits = 0;
            }
            _ => break,
        }
        i += 1;
    }
    if i == integer_start || group_digits == 0 || (grouped && group_digits != 3) {
        return None;
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        let fraction_start = i;
        while let Some(&b) = bytes.get(i) {
            if !b.is_ascii_digit() {
                break;
            }
            if number.fraction_digits < Decimal::MAX_FRACTION_DIGITS {
                number.fraction = number.fraction * 10 + u64::from(b - b'0');
                number.fraction_digits += 1;
            }
            i += 1;
        }
        if i == fraction_start {
            return None;
        }
    }
    if bytes.get(i) == Some(&b'%') {
        number.percent = true;
        i += 1;
    }
    (i == bytes.len()).then_some(number)
}

/// Reads the text around the digits: signs, parentheses, `%` and a currency symbol or code.
/// It allocates nothing: this runs for every money cell of a large file.
fn read_affix(affix: &str, number: &mut Decimal) -> Result<(), NumberError> {
    if affix.is_empty() {
        return Ok(());
    }
    for ch in affix.chars() {
        match ch {
            '-' | '\u{2212}' | '(' | ')' => number.negative = true,
            '%' | '\u{ff05}' => number.percent = true,
            _ => {}
        }
    }
    let marker = affix.trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '\u{2212}' | '(' | ')' | '+' | '%' | '\u{ff05}'));
    if marker.is_empty() {
        return Ok(());
    }
    number.currency = Some(currency_of_marker(marker).ok_or(NumberError::NotANumber)?);
    Ok(())
}

/// The ISO code a currency symbol or code stands for.
pub fn currency_of_marker(marker: &str) -> Option<[u8; 3]> {
    let code: &str = match marker {
        "$" | "US$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "₹" | "Rs" | "Rs." => "INR",
        "￥" | "¥" | "円" => "JPY",
        "C$" | "CA$" => "CAD",
        "A$" | "AU$" => "AUD",
        "R$" => "BRL",
        "S$" => "SGD",
        "Mex$" | "MX$" => "MXN",
        "zł" => "PLN",
        "kr" => "SEK",
        "₺" | "TL" => "TRY",
        "د.إ" => "AED",
        other if other.len() == 3 && other.bytes().all(|b| b.is_ascii_alphabetic()) => other,
        _ => return None,
    };
    let bytes = code.as_bytes();
    Some([bytes[0].to_ascii_uppercase(), bytes[1].to_ascii_uppercase(), bytes[2].to_ascii_uppercase()])
}

/// Reads the digits with their group and decimal separators.
fn read_digits(digits: &[u8], style: DecimalStyle, number: &mut Decimal) -> Result<(), NumberError> {
    let last_point = digits.iter().rposition(|b| *b == b'.');
    let last_comma = digits.iter().rposition(|b| *b == b',');
    let decimal_at = match (last_point, last_comma) {
        (Some(p), Some(c)) => Some(p.max(c)),
        (Some(p), None) => single_separator_is_decimal(digits, b'.', p, style == DecimalStyle::Point).then_some(p),
        (None, Some(c)) => single_separator_is_decimal(digits, b',', c, style == DecimalStyle::Comma).then_some(c),
        (None, None) => None,
    };
    let (integer_part, fraction_part) = match decimal_at {
        Some(at) => (&digits[..at], &digits[at + 1..]),
        None => (digits, &digits[digits.len()..]),
    };
    for &b in integer_part {
        match b {
            b'0'..=b'9' => {
                number.integer = number
                    .integer
                    .checked_mul(10)
                    .and_then(|v| v.checked_add(u64::from(b - b'0')))
                    .ok_or(NumberError::TooLarge)?;
            }
            b',' | b'.' | b' ' | b'\'' => {}
            _ if b >= 0x80 => {} // no-break and thin spaces used as group separators
            _ => return Err(NumberError::NotANumber),
        }
    }
    for &b in fraction_part {
        if !b.is_ascii_digit() {
            return Err(NumberError::NotANumber);
        }
        if number.fraction_digits < Decimal::MAX_FRACTION_DIGITS {
            number.fraction = number.fraction * 10 + u64::from(b - b'0');
            number.fraction_digits += 1;
        }
    }
    Ok(())
}

/// Decides whether the only kind of separator in a number is the decimal one.
///
/// Repeated separators are always groups (`1,234,567`). A single one is a group separator when
/// it is followed by exactly three digits and the file's style says the other character is the
/// decimal one (`12,131` in an English file, `1.514` in a German one); otherwise it is decimal.
fn single_separator_is_decimal(digits: &[u8], separator: u8, at: usize, style_agrees: bool) -> bool {
    if digits.iter().filter(|b| **b == separator).count() > 1 {
        return false;
    }
    if style_agrees {
        return true;
    }
    let after = &digits[at + 1..];
    !(after.len() == 3 && after.iter().all(u8::is_ascii_digit))
}

/// An amount in cents with the ISO currency its symbol or code named, if any.
pub type Money = (Cents, Option<[u8; 3]>);

/// Parses money into exact cents; also returns the currency its symbol or code names.
pub fn parse_money(text: &str, style: DecimalStyle) -> Result<Option<Money>, NumberError> {
    match parse_decimal(text, style)? {
        Some(number) => Ok(Some((number.to_cents()?, number.currency))),
        None => Ok(None),
    }
}

/// Parses a count (sessions, units, clicks); decimals are rounded to the nearest whole number.
pub fn parse_count(text: &str, style: DecimalStyle) -> Result<Option<i64>, NumberError> {
    match parse_decimal(text, style)? {
        Some(number) => Ok(Some(number.to_i64()?)),
        None => Ok(None),
    }
}

/// Parses a ratio into a fraction (`12.02%` is 0.1202).
///
/// A cell without a `%` sign is taken as a fraction when it is at most 1 (typed .xlsx cells and
/// the Campaign Manager write `0.998`), and as a percent value otherwise (`99.8`).
pub fn parse_fraction(text: &str, style: DecimalStyle) -> Result<Option<f64>, NumberError> {
    match parse_decimal(text, style)? {
        Some(number) => {
            let value = number.to_f64();
            Ok(Some(if number.percent || value.abs() > 1.0 { value / 100.0 } else { value }))
        }
        None => Ok(None),
    }
}

/// Parses a plain decimal (ROAS, days of supply) as a float.
pub fn parse_float(text: &str, style: DecimalStyle) -> Result<Option<f64>, NumberError> {
    Ok(parse_decimal(text, style)?.map(|n| n.to_f64()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: DecimalStyle = DecimalStyle::Point;
    const DE: DecimalStyle = DecimalStyle::Comma;

    fn cents(text: &str, style: DecimalStyle) -> i64 {
        parse_money(text, style).unwrap().unwrap().0.0
    }

    #[test]
    fn money_in_every_marketplace_style_is_exact() {
        assert_eq!(cents("$1,234.56", EN), 123_456);
        assert_eq!(cents("$94.50", EN), 9_450);
        assert_eq!(cents("1.999,55 €", DE), 199_955);
        assert_eq!(cents("1.999,55 €", EN), 199_955);
        assert_eq!(cents("￥4,907,860", EN), 490_786_000);
        assert_eq!(cents("USD 12.00", EN), 1_200);
        assert_eq!(cents("AED 65.80", EN), 6_580);
        assert_eq!(cents("₹75,565.26", EN), 7_556_526);
        assert_eq!(cents("-$3.10", EN), -310);
        assert_eq!(cents("($3.10)", EN), -310);
        assert_eq!(cents("9.87364", EN), 987);
        assert_eq!(cents("0.30000000000000004", EN), 30);
        assert_eq!(cents("180.905", EN), 18_091);
    }

    #[test]
    fn currency_symbols_and_codes_are_reported() {
        assert_eq!(parse_money("￥4,907,860", EN).unwrap().unwrap().1, Some(*b"JPY"));
        assert_eq!(parse_money("AED 65.80", EN).unwrap().unwrap().1, Some(*b"AED"));
        assert_eq!(parse_money("12.00", EN).unwrap().unwrap().1, None);
        assert_eq!(parse_money("3,20 €", DE).unwrap().unwrap(), (Cents(320), Some(*b"EUR")));
    }

    #[test]
    fn counts_with_group_separators() {
        assert_eq!(parse_count("12,131", EN), Ok(Some(12_131)));
        assert_eq!(parse_count("1.514", DE), Ok(Some(1_514)));
        assert_eq!(parse_count("1,514", EN), Ok(Some(1_514)));
        assert_eq!(parse_count("1,234,567", EN), Ok(Some(1_234_567)));
        assert_eq!(parse_count("=\"123\"", EN), Ok(Some(123)));
        assert_eq!(parse_count("12.0", EN), Ok(Some(12)));
    }

    #[test]
    fn indian_digit_grouping_reads_whole() {
        // Helium 10 writes Indian figures in lakh grouping: 1,13,529 is 113,529.
        assert_eq!(parse_count("1,13,529", EN), Ok(Some(113_529)));
        assert_eq!(cents("1,13,529.99", EN), 11_352_999);
        assert_eq!(cents("₹2,10,004.50", EN), 21_000_450);
    }

    #[test]
    fn blanks_and_dashes_are_missing_not_zero() {
        for blank in ["", " ", "-", "--", "N/A"] {
            assert_eq!(parse_count(blank, EN), Ok(None), "{blank:?}");
            assert_eq!(parse_money(blank, EN), Ok(None), "{blank:?}");
        }
    }

    #[test]
    fn percentages_become_fractions() {
        assert!((parse_fraction("12.02%", EN).unwrap().unwrap() - 0.1202).abs() < 1e-12);
        assert!((parse_fraction("16,40%", DE).unwrap().unwrap() - 0.164).abs() < 1e-12);
        assert!((parse_fraction("16,40%", EN).unwrap().unwrap() - 0.164).abs() < 1e-12);
        assert!((parse_fraction("0.998", EN).unwrap().unwrap() - 0.998).abs() < 1e-12);
        assert!((parse_fraction("99.8", EN).unwrap().unwrap() - 0.998).abs() < 1e-12);
    }

    #[test]
    fn fast_path_agrees_with_the_general_one() {
        for text in ["-$1,234.56", "12,131", "16.12", "2.57%", "$0.52", "1,2345", "16,40", "1,234,5", "12.", ".5", "$", "-", "1,000,000.005"] {
            let fast = parse_plain_point(text.as_bytes());
            let general = {
                let mut n = Decimal::default();
                let bytes = text.as_bytes();
                bytes.iter().position(u8::is_ascii_digit).and_then(|first| {
                    let last = bytes.iter().rposition(u8::is_ascii_digit)?;
                    read_affix(&text[..first], &mut n).ok()?;
                    read_affix(&text[last + 1..], &mut n).ok()?;
                    read_digits(&bytes[first..=last], EN, &mut n).ok()?;
                    Some(n)
                })
            };
            if let Some(fast) = fast {
                assert_eq!(Some(fast), general, "{text}");
            }
        }
    }

    #[test]
    fn text_is_not_a_number() {
        assert_eq!(parse_count("abc", EN), Err(NumberError::NotANumber));
        assert_eq!(parse_count("12x4", EN), Err(NumberError::NotANumber));
        assert_eq!(parse_count("99999999999999999999999", EN), Err(NumberError::TooLarge));
    }
}
