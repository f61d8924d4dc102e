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
    let latin = latinize_lookalikes(raw);
    let raw = latin.as_deref().unwrap_or(raw);
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

/// Replaces Cyrillic letters that look like Latin ones (`А В С Е Н К М О Р Т Х а е о р с у х`)
/// inside words that also have ASCII letters: sellerboard headers have been seen with a Cyrillic
/// `а` in `SаlesOrganic`, which no exact match would find. Words written wholly in Cyrillic are
/// left alone, so real Russian text is not turned into nonsense. `None` when nothing changes.
fn latinize_lookalikes(raw: &str) -> Option<String> {
    fn latin(ch: char) -> Option<char> {
        Some(match ch {
            'А' => 'A',
            'В' => 'B',
            'С' => 'C',
            'Е' => 'E',
            'Н' => 'H',
            'К' => 'K',
            'М' => 'M',
            'О' => 'O',
            'Р' => 'P',
            'Т' => 'T',
            'Х' => 'X',
            'а' => 'a',
            'е' => 'e',
            'о' => 'o',
            'р' => 'p',
            'с' => 'c',
            'у' => 'y',
            'х' => 'x',
            _ => return None,
        })
    }
    if raw.is_ascii() || !raw.chars().any(|c| latin(c).is_some()) {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    for word in raw.split_inclusive(|c: char| !c.is_alphanumeric()) {
        if word.chars().any(|c| c.is_ascii_alphabetic()) {
            out.extend(word.chars().map(|c| latin(c).unwrap_or(c)));
        } else {
            out.push_str(word);
        }
    }
    Some(out)
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
    fn cyrillic_lookalikes_inside_latin_words_become_latin() {
        assert_eq!(normalize_header("S\u{430}lesOrg\u{430}nic"), "salesorganic");
        assert_eq!(normalize_header("\u{421}ost of Goods"), "cost of goods");
        assert_eq!(normalize_header("\u{410}SIN"), "asin");
        // A word wholly in Cyrillic is Russian, not a look-alike.
        assert_eq!(normalize_header("Маркетплейс"), "маркетплейс");
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
