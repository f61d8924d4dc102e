//! Other tools' exports, recognised by their own header signatures after the Amazon rules have
//! had their turn: each tool has a module with a `detect` and the readers for its kinds.

pub(crate) mod lingxing;

use super::detect::Header;
use super::row::ReadContext;
use super::{ReportKind, RowSink};

/// Recognises a third-party export by its header, or `None`.
pub(crate) fn detect(header: &Header) -> Option<ReportKind> {
    lingxing::detect(header)
}

/// The reader for a third-party kind, or `None` when no profile reads it.
pub(crate) fn sink(kind: ReportKind, header: &Header, ctx: &mut ReadContext) -> Option<Box<dyn RowSink>> {
    match kind.source() {
        super::ReportSource::Lingxing => lingxing::sink(kind, header, ctx),
        _ => None,
    }
}
