//! What the user can set: targets, thresholds, break-even ACoS, lead times, exchange rates and the
//! values Amazon does not export (IPI, account health figures read off the page).
//!
//! The UI stores [`Settings`] as JSON in the browser. Every field has a default (the spec's), and
//! `#[serde(default)]` lets a settings file written by an older version load with new fields
//! filled in.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::dataset::{Currency, Marketplace, Period};

/// Everything the metrics read besides the reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Limits and reference lines the figures are judged against.
    pub thresholds: Thresholds,
    /// Sales targets, each for a period and (optionally) one marketplace.
    pub sales_targets: Vec<SalesTarget>,
    /// Break-even ACoS (the margin before advertising) as a fraction, for every SKU without its own.
    pub break_even_acos: Option<f64>,
    /// Break-even ACoS per SKU, as fractions; these win over the global value.
    pub break_even_acos_by_sku: BTreeMap<String, f64>,
    /// Days from handing goods to the forwarder until they are sellable at Amazon, by air.
    pub lead_time_air_days: f64,
    /// The same by sea.
    pub lead_time_sea_days: f64,
    /// Days the supplier needs to produce an order, added to the shipping lead time.
    pub supplier_production_days: f64,
    /// How many days of sales a reorder should cover.
    pub target_cover_days: f64,
    /// The factor of the article's formula: safety stock = daily sales x lead time x factor.
    pub safety_factor: f64,
    /// Exchange rates for converted totals across currencies (shown as converted, never mixed).
    pub exchange_rates: ExchangeRates,
    /// The Inventory Performance Index as read from Seller Central (Amazon does not export it).
    pub ipi: Option<f64>,
    /// Account health values typed in from the Account Health page, per marketplace.
    pub typed_health: Vec<TypedHealth>,
    /// The file the user picked for a family of figures that several loaded reports can give,
    /// by family id (`sales_totals`, `ad_totals`, see
    /// [`FigureFamily`](super::sources::FigureFamily)) to file name. A file that is not loaded
    /// is ignored and the default order (Amazon first) applies.
    pub preferred_sources: BTreeMap<String, String>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            thresholds: Thresholds::default(),
            sales_targets: Vec::new(),
            break_even_acos: None,
            break_even_acos_by_sku: BTreeMap::new(),
            lead_time_air_days: 12.0,
            lead_time_sea_days: 45.0,
            supplier_production_days: 0.0,
            target_cover_days: 90.0,
            safety_factor: 1.5,
            exchange_rates: ExchangeRates::default(),
            ipi: None,
            typed_health: Vec::new(),
            preferred_sources: BTreeMap::new(),
        }
    }
}

impl Settings {
    /// The break-even ACoS for a SKU: its own when entered, else the global one.
    pub fn break_even_for(&self, sku: &str) -> Option<f64> {
        self.break_even_acos_by_sku
            .get(sku)
            .copied()
            .or(self.break_even_acos)
    }

    /// The values typed in for a marketplace; an entry without a marketplace applies to all.
    pub fn typed_health_for(&self, marketplace: Option<Marketplace>) -> Option<&TypedHealth> {
        self.typed_health
            .iter()
            .find(|t| t.marketplace.is_some() && t.marketplace == marketplace)
            .or_else(|| self.typed_health.iter().find(|t| t.marketplace.is_none()))
    }
}

/// Limits and reference lines; fractions are fractions (`0.08` is 8 %).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Thresholds {
    /// Conversion below this triggers the diagnosis checklist (the article's 8 %).
    pub conversion_low: f64,
    /// The median conversion reference line (12.6 %).
    pub conversion_median: f64,
    /// Sessions an ASIN needs before its own low conversion is flagged.
    pub meaningful_sessions: i64,
    /// Pace below this (but attainment possible) is `Watch` rather than `OnTrack`; below
    /// `pace_off_track` it is `OffTrack`.
    pub pace_watch: f64,
    pub pace_off_track: f64,
    /// Average ACoS reference line (28.5 %).
    pub acos_average: f64,
    /// The profitable sellers' band (18-22 %).
    pub acos_band_low: f64,
    pub acos_band_high: f64,
    /// The ACoS a harvested search term must beat (default: the top of the profitable band).
    pub target_acos: f64,
    /// Negative candidates: search terms with at least this many clicks and no order.
    pub negative_min_clicks: i64,
    /// Negative candidates: search terms with at least this spend (currency units) and no sale.
    /// `None` (the default) turns the spend rule off, since one amount cannot suit yen and euros.
    pub negative_min_spend: Option<f64>,
    /// Harvest candidates need at least this many orders.
    pub harvest_min_orders: i64,
    /// The industry band of return rates (3-5 %).
    pub return_band_low: f64,
    pub return_band_high: f64,
    /// A change of the return rate of at least this many points (as a fraction) is abnormal.
    pub return_swing: f64,
    /// Account health targets: VTR at least 95 %, LSR at most 4 %, cancellation at most 2.5 %,
    /// ODR below 1 %.
    pub vtr_min: f64,
    pub lsr_max: f64,
    pub cancel_max: f64,
    pub odr_max: f64,
    /// IPI pass line (500) and good line (600).
    pub ipi_pass: f64,
    pub ipi_good: f64,
    /// The largest acceptable share of units aged over 90 days.
    pub aged_90_plus_share_max: f64,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            conversion_low: 0.08,
            conversion_median: 0.126,
            meaningful_sessions: 100,
            pace_watch: 1.0,
            pace_off_track: 0.9,
            acos_average: 0.285,
            acos_band_low: 0.18,
            acos_band_high: 0.22,
            target_acos: 0.22,
            negative_min_clicks: 10,
            negative_min_spend: None,
            harvest_min_orders: 2,
            return_band_low: 0.03,
            return_band_high: 0.05,
            return_swing: 0.01,
            vtr_min: 0.95,
            lsr_max: 0.04,
            cancel_max: 0.025,
            odr_max: 0.01,
            ipi_pass: 500.0,
            ipi_good: 600.0,
            aged_90_plus_share_max: 0.10,
        }
    }
}

/// A sales target: an amount of ordered product sales for a period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SalesTarget {
    /// The marketplace it applies to; `None` for a target that applies to every marketplace.
    pub marketplace: Option<Marketplace>,
    pub period: Period,
    /// The target in whole currency units of `currency`.
    pub amount: f64,
    /// The target's currency; `None` means the marketplace's own.
    pub currency: Option<Currency>,
}

/// Exchange rates into one base currency.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExchangeRates {
    /// The currency converted totals are shown in.
    pub base: Option<Currency>,
    /// How many base units one unit of each currency is worth, by ISO code (`"EUR": 1.08`).
    pub to_base: BTreeMap<String, f64>,
}

impl ExchangeRates {
    /// The rate from `currency` to the base: 1 for the base itself, `None` when not entered.
    pub fn rate(&self, currency: &Currency) -> Option<f64> {
        let base = self.base.as_ref()?;
        if base == currency {
            return Some(1.0);
        }
        self.to_base
            .get(currency.code())
            .copied()
            .filter(|r| r.is_finite() && *r > 0.0)
    }
}

/// Account health values read off Seller Central's Account Health page, as fractions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TypedHealth {
    pub marketplace: Option<Marketplace>,
    pub vtr: Option<f64>,
    pub lsr: Option<f64>,
    pub cancel_rate: Option<f64>,
    pub odr: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_specs() {
        let s = Settings::default();
        assert_eq!(s.thresholds.conversion_low, 0.08);
        assert_eq!(s.thresholds.conversion_median, 0.126);
        assert_eq!(s.thresholds.acos_average, 0.285);
        assert_eq!(
            (s.thresholds.acos_band_low, s.thresholds.acos_band_high),
            (0.18, 0.22)
        );
        assert_eq!(s.thresholds.negative_min_clicks, 10);
        assert_eq!(s.thresholds.harvest_min_orders, 2);
        assert_eq!(
            (s.thresholds.return_band_low, s.thresholds.return_band_high),
            (0.03, 0.05)
        );
        assert_eq!(
            (
                s.thresholds.vtr_min,
                s.thresholds.lsr_max,
                s.thresholds.cancel_max,
                s.thresholds.odr_max
            ),
            (0.95, 0.04, 0.025, 0.01)
        );
        assert_eq!(
            (s.thresholds.ipi_pass, s.thresholds.ipi_good),
            (500.0, 600.0)
        );
        assert_eq!(
            (s.lead_time_air_days, s.lead_time_sea_days, s.safety_factor),
            (12.0, 45.0, 1.5)
        );
    }

    #[test]
    fn old_settings_files_load_with_new_fields_defaulted() {
        let s: Settings =
            serde_json::from_str(r#"{"ipi": 540, "thresholds": {"lsr_max": 0.03}}"#).unwrap();
        assert_eq!(s.ipi, Some(540.0));
        assert_eq!(s.thresholds.lsr_max, 0.03);
        assert_eq!(s.thresholds.vtr_min, 0.95);
        assert_eq!(s.safety_factor, 1.5);
        let back: Settings = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn per_sku_break_even_wins_over_the_global_one() {
        let mut s = Settings {
            break_even_acos: Some(0.3),
            ..Settings::default()
        };
        s.break_even_acos_by_sku.insert("SKU1".into(), 0.2);
        assert_eq!(s.break_even_for("SKU1"), Some(0.2));
        assert_eq!(s.break_even_for("SKU2"), Some(0.3));
    }

    #[test]
    fn exchange_rate_of_the_base_is_one_and_unknown_is_none() {
        let mut r = ExchangeRates {
            base: Currency::from_code("USD"),
            ..Default::default()
        };
        r.to_base.insert("EUR".into(), 1.1);
        assert_eq!(r.rate(&Currency("USD".into())), Some(1.0));
        assert_eq!(r.rate(&Currency("EUR".into())), Some(1.1));
        assert_eq!(r.rate(&Currency("JPY".into())), None);
    }
}
