//! Recognising a dropped file and reading it into a [`LoadedReport`](crate::dataset::LoadedReport).
//!
//! [`Ingest`] takes the file in chunks (a Web Worker reads a `File` in slices) and aggregates rows
//! as they arrive; [`read_report`] is the same reader fed the whole file at once. The kind is told
//! by the header row ([`detect`]), then a per-family reader aggregates the rows: [`business`],
//! [`ads`], [`inventory`], [`orders`], [`returns`]; [`health`] and [`xlsx`] read whole documents.
//! Other tools' exports (sellerboard, Jungle Scout, ...) are recognised and read by [`profiles`].

mod ads;
mod business;
mod csv_stream;
mod detect;
mod error;
mod fingerprint;
mod health;
mod ingest;
mod inventory;
mod kind;
mod orders;
mod preview;
mod profiles;
mod returns;
mod row;
mod xlsx;

pub use error::{ImportError, ImportErrorKind};
pub use ads::{AdsRowsMessage, CompactAdsRows};
pub use ingest::{HEADER_SCAN_ROWS, Ingest};
pub use preview::{Preview, preview};
pub use kind::{ReportKind, ReportSource, Topic};

use crate::dataset::{LoadedReport, ReportData};
use crate::mapping::ColumnMapping;
use detect::Header;
use row::{ReadContext, Row};

/// Reads a whole file: exactly [`Ingest::new`], one [`Ingest::push`] and [`Ingest::finish`].
pub fn read_report(file_name: &str, bytes: &[u8]) -> Result<LoadedReport, ImportError> {
    let mut ingest = Ingest::new(file_name);
    ingest.push(bytes)?;
    ingest.finish()
}

/// A per-kind reader: takes data rows one by one, then returns the aggregated data.
pub(crate) trait RowSink: Send {
    /// Adds one data row; an `Err` skips the row with that reason.
    fn row(&mut self, row: &Row<'_>, ctx: &mut ReadContext) -> Result<(), String>;
    /// Returns the aggregated data once every row has been read.
    fn finish(self: Box<Self>, ctx: &mut ReadContext) -> ReportData;
    /// Like `finish`, but an ads report's rows may be left in their compact form, for the import
    /// worker to send (see [`CompactAdsRows`]).
    fn finish_compact(self: Box<Self>, ctx: &mut ReadContext) -> (ReportData, Option<CompactAdsRows>) {
        (self.finish(ctx), None)
    }
}

/// The reader for a report of `kind` with this header; a file the user mapped (`mapping`) is
/// read through its mapping whatever the kind.
pub(crate) fn make_sink(kind: ReportKind, header: &Header, ctx: &mut ReadContext, mapping: Option<&ColumnMapping>) -> Box<dyn RowSink> {
    if let Some(mapping) = mapping {
        return profiles::mapped::sink(mapping, header, ctx);
    }
    match kind {
        ReportKind::BusinessChild | ReportKind::BusinessParent | ReportKind::BusinessDate => business::sink(kind, header, ctx),
        ReportKind::SponsoredProductsSearchTerm
        | ReportKind::SponsoredProductsTargeting
        | ReportKind::SponsoredProductsAdvertisedProduct
        | ReportKind::SponsoredProductsCampaign
        | ReportKind::SponsoredBrandsCampaign
        | ReportKind::SponsoredBrandsSearchTerm
        | ReportKind::SponsoredDisplayCampaign
        | ReportKind::AdsConsoleAdvertisedProduct
        | ReportKind::AdsCampaignManager => Box::new(ads::AdsSink::new(kind, header, ctx)),
        ReportKind::FbaInventoryPlanning | ReportKind::FbaManageInventory | ReportKind::FbaRestock => {
            Box::new(inventory::InventorySink::new(kind, header, ctx))
        }
        ReportKind::OrdersAll => Box::new(orders::OrdersSink::new(header, ctx)),
        ReportKind::OrdersFbaShipments => Box::new(orders::ShipmentsSink::new(header, ctx)),
        ReportKind::ReturnsFba | ReportKind::ReturnsMfn => Box::new(returns::ReturnsSink::new(kind, header, ctx)),
        // Account health is JSON and never reaches the delimited readers; an empty Orders sink
        // keeps this total without a panic path.
        ReportKind::AccountHealth => Box::new(orders::OrdersSink::new(header, ctx)),
        // Other tools' exports. `CustomMapped` always arrives with its mapping (above); were it
        // ever asked for without one, an empty mapping reads no figure rather than panicking.
        _ => profiles::make_sink(kind, header, ctx).unwrap_or_else(|| profiles::mapped::sink(&ColumnMapping::default(), header, ctx)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_streaming_reader_can_move_to_a_worker_thread() {
        fn assert_send<T: Send>() {}
        assert_send::<Ingest>();
        assert_send::<ImportError>();
    }

    #[test]
    fn read_report_is_ingest_in_one_push() {
        let bytes = b"Date,Ordered Product Sales,Units Ordered,Sessions - Total\n2026-09-01,$5.00,1,10\n";
        let mut ingest = Ingest::new("d.csv");
        ingest.push(bytes).unwrap();
        assert_eq!(ingest.bytes_read(), bytes.len() as u64);
        assert_eq!(ingest.rows_read(), 1);
        assert_eq!(ingest.finish().unwrap(), read_report("d.csv", bytes).unwrap());
    }
}
