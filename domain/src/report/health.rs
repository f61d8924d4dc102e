//! The account health report (GET_V2_SELLER_PERFORMANCE_REPORT), a JSON document.
//!
//! Amazon's own schema names the cancellation metric `preFulfillmentCancellationRate` in its
//! required list but `prefulfillmentCancelRate` in its example; both are accepted. Rates stay
//! fractions, as Amazon sends them.

use serde_json::Value;

use super::error::{ImportError, ImportErrorKind};
use super::row::ReadContext;
use super::ReportKind;
use crate::dataset::{AccountHealth, HealthRate, LoadedReport, Marketplace, MarketplaceHealth, Period, ReportData};
use crate::text::date::parse_date;
use crate::text::number::DecimalStyle;

/// Reads a whole account health JSON document.
pub fn read(file_name: &str, bytes: &[u8], fingerprint: u64) -> Result<LoadedReport, ImportError> {
    let error = |kind| ImportError::new(kind, file_name);
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let document: Value = serde_json::from_slice(bytes).map_err(|e| {
        let line = e.line() as u64;
        let kind = if e.is_eof() {
            ImportErrorKind::Truncated { detail: "the JSON document is not closed".to_string() }
        } else {
            ImportErrorKind::Malformed { detail: format!("invalid JSON: {e}") }
        };
        error(kind).at_line(line.max(1))
    })?;
    let metrics = document.get("performanceMetrics").and_then(Value::as_array);
    let statuses = document.get("accountStatuses").and_then(Value::as_array);
    if metrics.is_none() && statuses.is_none() {
        let header = match &document {
            Value::Object(map) => map.keys().take(20).cloned().collect(),
            _ => Vec::new(),
        };
        return Err(error(ImportErrorKind::UnknownReport { header }));
    }
    let mut ctx = ReadContext::new(DecimalStyle::Point);
    let mut health = AccountHealth::default();
    let mut period: Option<Period> = None;
    for entry in metrics.into_iter().flatten() {
        ctx.rows_read += 1;
        let Some(marketplace_id) = entry.get("marketplaceId").and_then(Value::as_str) else {
            ctx.skip(1, "a performanceMetrics entry has no marketplaceId".to_string());
            continue;
        };
        let cancellation = entry.get("preFulfillmentCancellationRate").or_else(|| entry.get("prefulfillmentCancelRate"));
        let mut market = MarketplaceHealth {
            marketplace_id: marketplace_id.to_string(),
            marketplace: Marketplace::parse(marketplace_id),
            status: None,
            valid_tracking_rate: entry.get("validTrackingRate").and_then(|v| rate(v, "validTrackingCount", "shipmentCount")),
            late_shipment_rate: entry.get("lateShipmentRate").and_then(|v| rate(v, "lateShipmentCount", "orderCount")),
            cancellation_rate: cancellation.and_then(|v| rate(v, "cancellationCount", "orderCount")),
            order_defect_rate: entry.get("orderDefectRate").and_then(order_defect_rate),
        };
        for found in [&market.valid_tracking_rate, &market.late_shipment_rate, &market.cancellation_rate, &market.order_defect_rate]
            .into_iter()
            .flatten()
            .filter_map(|r| r.period)
        {
            period = Some(period.map_or(found, |p| p.union(&found)));
        }
        market.status = status_of(statuses, marketplace_id);
        health.marketplaces.push(market);
    }
    // Marketplaces with a status but no metrics still belong in the report.
    for status in statuses.into_iter().flatten() {
        let Some(id) = status.get("marketplaceId").and_then(Value::as_str) else { continue };
        if !health.marketplaces.iter().any(|m| m.marketplace_id == id) {
            ctx.rows_read += 1;
            health.marketplaces.push(MarketplaceHealth {
                marketplace_id: id.to_string(),
                marketplace: Marketplace::parse(id),
                status: status.get("status").and_then(Value::as_str).map(str::to_string),
                ..MarketplaceHealth::default()
            });
        }
    }
    let marketplace = match health.marketplaces.as_slice() {
        [only] => only.marketplace,
        _ => None,
    };
    if period.is_none() {
        ctx.note("The account health report gives no reporting dates: enter the period it covers.");
    }
    Ok(LoadedReport {
        file_name: file_name.to_string(),
        kind: ReportKind::AccountHealth,
        marketplace,
        currency: None,
        period,
        rows_read: ctx.rows_read,
        rows_skipped: ctx.rows_skipped,
        skipped: ctx.skipped,
        fingerprint,
        notes: ctx.notes,
        data: ReportData::AccountHealth(health),
    })
}

fn status_of(statuses: Option<&Vec<Value>>, marketplace_id: &str) -> Option<String> {
    statuses?
        .iter()
        .find(|s| s.get("marketplaceId").and_then(Value::as_str) == Some(marketplace_id))
        .and_then(|s| s.get("status").and_then(Value::as_str))
        .map(str::to_string)
}

fn int(value: Option<&Value>) -> Option<i64> {
    let value = value?;
    value.as_i64().or_else(|| value.as_f64().map(|f| f.round() as i64))
}

fn range_of(metric: &Value) -> Option<Period> {
    let range = metric.get("reportingDateRange")?;
    let day = |key| match parse_date(range.get(key)?.as_str()?)? {
        crate::text::date::ParsedDate::Known(d) => Some(d),
        _ => None,
    };
    Some(Period::new(day("reportingDateFrom")?, day("reportingDateTo")?))
}

fn rate(metric: &Value, numerator: &str, denominator: &str) -> Option<HealthRate> {
    let numerator = int(metric.get(numerator));
    let denominator = int(metric.get(denominator));
    let rate = metric.get("rate").and_then(Value::as_f64).or_else(|| match (numerator, denominator) {
        (Some(n), Some(d)) if d > 0 => Some(n as f64 / d as f64),
        _ => None,
    })?;
    Some(HealthRate { rate, numerator, denominator, target: metric.get("targetValue").and_then(Value::as_f64), period: range_of(metric) })
}

/// The order defect rate is reported for seller-fulfilled (`mfn`) and Amazon-fulfilled (`afn`)
/// orders apart, and Amazon holds each to the target; the worse of the two is kept.
fn order_defect_rate(metric: &Value) -> Option<HealthRate> {
    let side = |key: &str| {
        let side = metric.get(key)?;
        let defects = int(side.get("orderWithDefects").and_then(|o| o.get("count")));
        rate(side, "__none", "orderCount").map(|mut r| {
            r.numerator = defects;
            r
        })
    };
    match (side("mfn"), side("afn")) {
        (Some(m), Some(a)) => Some(if a.rate > m.rate { a } else { m }),
        (m, a) => m.or(a).or_else(|| rate(metric, "__none", "orderCount")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncated_json_says_so() {
        let err = read("h.json", b"{\"performanceMetrics\": [", 0).unwrap_err();
        assert!(matches!(err.kind, ImportErrorKind::Truncated { .. }), "{err:?}");
    }

    #[test]
    fn other_json_is_an_unknown_report() {
        let err = read("h.json", b"{\"hello\": 1}", 0).unwrap_err();
        assert_eq!(err.kind, ImportErrorKind::UnknownReport { header: vec!["hello".to_string()] });
    }
}
