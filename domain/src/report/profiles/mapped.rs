//! Files read through a column mapping the user confirmed ([`ReportKind::CustomMapped`]).
//!
//! The mapping says which column holds which field; the shared [`PerformanceSink`] does the
//! reading, so a mapped file gives the same [`ProductPerformance`](crate::dataset::ProductPerformance)
//! as sellerboard's or Lingxing's exports, and feeds the same figures.
//!
//! [`ReportKind::CustomMapped`]: crate::report::ReportKind::CustomMapped

use super::super::detect::Header;
use super::super::row::ReadContext;
use super::super::RowSink;
use super::performance::{PerformanceColumns, PerformanceSink, Sign};
use crate::dataset::Measure;
use crate::mapping::{ColumnMapping, MappedField};

/// The reader for a file whose header matched `mapping`.
pub(crate) fn sink(mapping: &ColumnMapping, header: &Header, ctx: &mut ReadContext) -> Box<dyn RowSink> {
    if ctx.marketplace.is_none() {
        ctx.marketplace = mapping.marketplace;
    }
    if let Some(currency) = &mapping.currency {
        ctx.see_currency_code(currency.code());
    }
    let column = |field| mapping.column_of(field);
    let mut columns = PerformanceColumns {
        date: column(MappedField::Date),
        asin: column(MappedField::Asin),
        sku: column(MappedField::Sku),
        title: column(MappedField::Title),
        marketplace: column(MappedField::Marketplace),
        currency: column(MappedField::Currency),
        ..PerformanceColumns::default()
    };
    for measure in Measure::ALL {
        // Only costs flip: a negative sales figure is a refund, not a convention.
        let sign = if mapping.costs_negative && measure == Measure::AdSpend { Sign::Negated } else { Sign::AsWritten };
        columns.add(measure, column(MappedField::Measure(measure)), sign);
    }
    if columns.has(Measure::Profit) {
        // A mapped sheet says nothing about its profit's basis; "net" is what such sheets mean.
        columns.profit_basis = Some(crate::dataset::ProfitBasis::Net);
    }
    Box::new(PerformanceSink::new(columns, header))
}
