//! Numbers as the page shows them, per language: thousands separators, money with its currency,
//! percentages with one or two decimals. Raw values stay in `data-value`; this is display only.

use opsbrief_domain::dataset::Currency;
use opsbrief_domain::metrics::{Figure, Status, Unit};

use crate::i18n::{BriefText, Lang, Translate};

/// Writes `v` with `decimals` decimals and a comma every three digits (`29,061.36`). Both of the
/// UI's languages group digits the same way.
pub fn number(v: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, v.abs());
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let negative = v < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let mut out = if negative { format!("-{grouped}") } else { grouped };
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Like [`number`] with at most `decimals` decimals, dropping trailing zeros (`47.03`, `3`).
pub fn short(v: f64, decimals: usize) -> String {
    let s = number(v, decimals);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// The symbol shown before an amount, for currencies whose symbol is unambiguous enough in a
/// seller's context; others are written with their ISO code after the number.
fn symbol(code: &str) -> Option<&'static str> {
    Some(match code {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "INR" => "₹",
        "CAD" => "CA$",
        "AUD" => "A$",
        "MXN" => "MX$",
        "BRL" => "R$",
        _ => return None,
    })
}

/// Money with its currency (`$29,061.36`, `¥12,345`, `1,234.50 SEK`).
pub fn money(v: f64, currency: &Currency) -> String {
    let code = currency.code();
    let decimals = if code == "JPY" { 0 } else { 2 };
    let n = number(v.abs(), decimals);
    let sign = if v < 0.0 && n.chars().any(|c| c.is_ascii_digit() && c != '0') { "-" } else { "" };
    match symbol(code) {
        Some(s) => format!("{sign}{s}{n}"),
        None => format!("{sign}{n} {code}"),
    }
}

/// A fraction as a percentage: two decimals below 10 %, one above (`9.86%`, `62.4%`).
pub fn percent(v: f64) -> String {
    let p = v * 100.0;
    let decimals = if p.abs() < 10.0 { 2 } else { 1 };
    format!("{}%", number(p, decimals))
}

/// A signed percentage for changes (`+13.3%`).
pub fn signed_percent(v: f64) -> String {
    let s = percent(v);
    if v > 0.0 { format!("+{s}") } else { s }
}

/// A difference of fractions in percentage points (`+0.47 pp`).
pub fn points(v: f64, lang: Lang) -> String {
    let n = number(v * 100.0, 2);
    let sign = if v > 0.0 { "+" } else { "" };
    match lang {
        Lang::En => format!("{sign}{n} {}", BriefText::Points.get(lang)),
        Lang::Zh => format!("{sign}{n} {}", BriefText::Points.get(lang)),
    }
}

/// A figure's value as text in `lang`, or `None` when it has no value. Changes (`*.change*`) are
/// signed.
pub fn figure_value(f: &Figure, lang: Lang) -> Option<String> {
    let v = f.value?;
    let is_change = f.id.contains(".change");
    Some(match &f.unit {
        Unit::Money(c) => money(v, c),
        Unit::Fraction if is_change => signed_percent(v),
        Unit::Fraction => percent(v),
        Unit::Points => points(v, lang),
        Unit::Multiple => format!("{}×", short(v, 2)),
        Unit::Count => short(v, 2),
        Unit::PerDay => format!("{}{}", short(v, 2), BriefText::PerDay.get(lang)),
        Unit::Days => format!("{} {}", short(v, 1), BriefText::Days.get(lang)),
        Unit::Score => short(v, 0),
        Unit::Date => f.label.clone().unwrap_or_else(|| {
            format!("{} {} {}", BriefText::InDays.get(lang), short(v, 0), BriefText::Days.get(lang))
        }),
        Unit::Flag => yes_no(v != 0.0, lang).to_string(),
        Unit::Choice => match f.label.as_deref() {
            Some("air") => BriefText::Air.get(lang).to_string(),
            Some("sea") => BriefText::Sea.get(lang).to_string(),
            Some(other) => other.to_string(),
            None => short(v, 2),
        },
    })
}

/// A target or threshold in the figure's unit (`8%`, `500`).
pub fn target_value(unit: &Unit, v: f64, lang: Lang) -> String {
    match unit {
        Unit::Money(c) => money(v, c),
        Unit::Fraction => percent(v),
        Unit::Points => points(v, lang),
        Unit::Days => format!("{} {}", short(v, 1), BriefText::Days.get(lang)),
        _ => short(v, 2),
    }
}

pub fn yes_no(yes: bool, lang: Lang) -> &'static str {
    if yes { BriefText::Yes.get(lang) } else { BriefText::No.get(lang) }
}

/// The status's word in `lang`.
pub fn status_text(status: Status) -> BriefText {
    match status {
        Status::OnTrack => BriefText::OnTrack,
        Status::Watch => BriefText::Watch,
        Status::OffTrack => BriefText::OffTrack,
    }
}

/// A symbol that says the status without colour (for readers who cannot tell the colours apart,
/// and for black-and-white prints).
pub fn status_icon(status: Status) -> &'static str {
    match status {
        Status::OnTrack => "✓",
        Status::Watch => "!",
        Status::OffTrack => "✗",
    }
}

/// The status as the CSS class suffix and `data-status` value (`on_track`, `watch`, `off_track`).
pub fn status_key(status: Status) -> &'static str {
    match status {
        Status::OnTrack => "on_track",
        Status::Watch => "watch",
        Status::OffTrack => "off_track",
    }
}

/// The raw value for `data-value`: Rust's shortest round-trip form, so the page's attribute and
/// the JSON export show the same number; empty when missing.
pub fn raw(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_and_rounded() {
        assert_eq!(number(29061.36, 2), "29,061.36");
        assert_eq!(number(-1234567.0, 0), "-1,234,567");
        assert_eq!(number(-0.001, 2), "0.00");
        assert_eq!(short(47.0333, 2), "47.03");
        assert_eq!(short(3.0, 2), "3");
        assert_eq!(percent(0.0985651), "9.86%");
        assert_eq!(percent(0.62365), "62.4%");
        assert_eq!(money(29061.36, &Currency("USD".into())), "$29,061.36");
        assert_eq!(money(1234.5, &Currency("SEK".into())), "1,234.50 SEK");
    }
}
