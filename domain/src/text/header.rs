//! Header normalisation: the one place that decides when two header spellings are the same column.
//!
//! Amazon writes the same column in many ways: with a trailing space (`7 Day Total Sales `), with
//! an en dash (`Sitzungen – Summe`), with a no-break space, with full-width parentheses
//! (`（親）ASIN`), or in another case (`Cost type`). Matching is done on the normalised form and
//! is always exact: `Sessions - Total` must never match `Sessions - Total - B2B`.

/// Normalises a header cell for exact matching.
///
/// The result is trimmed and lower-cased; en and em dashes, the minus sign and other dash-like
/// characters become `-`; no-break and other unusual spaces become a plain space; runs of spaces
/// collapse to one; full-width parentheses become ASCII ones; a byte order mark and the quotes of
/// an Excel text formula (`="..."`) are removed.
pub fn normalize_header(raw: &str) -> String {
    let raw = strip_excel_text_formula(raw.trim_start_matches('\u{feff}'));
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    for ch in raw.chars() {
        let mapped = match ch {
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}'
            | '\u{ff0d}' => '-',
            '\u{00a0}' | '\u{2007}' | '\u{202f}' | '\u{3000}' | '\t' | '\r' | '\n' => ' ',
            '\u{ff08}' => '(',
            '\u{ff09}' => ')',
            '\u{ff03}' => '#',
            other => other,
        };
        if mapped.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        for lower in mapped.to_lowercase() {
            out.push(lower);
        }
    }
    out
}

/// Removes the `="..."` wrapper Excel-minded exporters put around ids so they stay text.
///
/// The new Ads console writes `"=""123"""` in CSV, which arrives here as `="123"`.
pub fn strip_excel_text_formula(value: &str) -> &str {
    let trimmed = value.trim();
    match trimmed.strip_prefix("=\"").and_then(|rest| rest.strip_suffix('"')) {
        Some(inner) => inner,
        None => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_spaces_case_and_dashes_are_normalised() {
        assert_eq!(normalize_header("7 Day Total Sales "), "7 day total sales");
        assert_eq!(normalize_header("Total Advertising Cost of Sales (ACoS) "), "total advertising cost of sales (acos)");
        assert_eq!(normalize_header("Sitzungen – Summe"), "sitzungen - summe");
        assert_eq!(normalize_header("Bestellposten pro\u{a0}Sitzung  Prozentwert — B2B"), "bestellposten pro sitzung prozentwert - b2b");
        assert_eq!(normalize_header("\u{feff}（親）ASIN"), "(親)asin");
    }

    #[test]
    fn b2b_columns_stay_distinct_from_totals() {
        assert_ne!(normalize_header("Sessions - Total"), normalize_header("Sessions - Total - B2B"));
    }

    #[test]
    fn excel_text_formulas_are_unwrapped() {
        assert_eq!(strip_excel_text_formula("=\"254927681919372\""), "254927681919372");
        assert_eq!(strip_excel_text_formula("plain"), "plain");
    }
}
