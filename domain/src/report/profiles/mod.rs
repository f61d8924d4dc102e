//! Other tools' exports ("profiles"): recognised by their header, read into the same canonical
//! data as Amazon's reports.
//!
//! [`detect`] is called by [`detect_kind`](super::detect::detect_kind) only after every Amazon
//! rule has failed, so an Amazon report is never mistaken for a profile however many column
//! names they share. (Lingxing's ad reports are the one exception: their Chinese ad columns are
//! also ads aliases, so [`lingxing::detect_ads`] runs before the Amazon ads rules, keyed on a
//! shop column Amazon never writes.) Each tool has its own file with its header vocabulary and
//! traps; the product and day tables they all export are read by the shared
//! [`performance::PerformanceSink`].
//!
//! Adding a tool takes three steps: a file `<tool>.rs` with a `detect(header)` that asks for
//! several columns only that export has, chained into [`detect`] below; a function building its
//! reader, routed in [`make_sink`]; fixtures in `tests/fixtures/` with the tool's quirks. A product
//! or day table needs no reader of its own: map its columns into a
//! [`PerformanceColumns`](performance::PerformanceColumns) (with [`Sign::Negated`](performance::Sign)
//! for costs written negative) and hand it to `PerformanceSink::new`. The metrics then use the
//! resulting `ReportData::Performance` for sales and ad totals without further work.

pub(crate) mod helium10;
pub(crate) mod junglescout;
pub(crate) mod lingxing;
pub(crate) mod mapped;
pub(crate) mod performance;
pub(crate) mod sellerboard;

use super::detect::Header;
use super::row::ReadContext;
use super::{ReportKind, RowSink};

/// Recognises a third-party export by its header, or `None`.
pub(crate) fn detect(header: &Header) -> Option<ReportKind> {
    sellerboard::detect(header).or_else(|| junglescout::detect(header)).or_else(|| lingxing::detect(header)).or_else(|| helium10::detect(header))
}

/// The reader for a third-party kind, or `None` when the kind is not one this module reads.
pub(crate) fn make_sink(kind: ReportKind, header: &Header, ctx: &mut ReadContext) -> Option<Box<dyn RowSink>> {
    match kind {
        ReportKind::SellerboardByProduct | ReportKind::SellerboardByDay | ReportKind::SellerboardTotals => {
            Some(sellerboard::dashboard_sink(header, ctx))
        }
        ReportKind::SellerboardProfitAndLoss => Some(sellerboard::profit_and_loss_sink(header, ctx)),
        ReportKind::JungleScoutProfitOverview => Some(junglescout::profit_overview_sink(header)),
        ReportKind::JungleScoutInventory => Some(junglescout::inventory_sink(header)),
        _ if kind.source() == super::ReportSource::Lingxing => lingxing::sink(kind, header, ctx),
        _ if kind.source() == super::ReportSource::Helium10 => helium10::sink(kind, header),
        _ => None,
    }
}
