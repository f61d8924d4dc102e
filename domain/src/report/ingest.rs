//! The streaming reader: bytes in, in chunks cut anywhere; one [`LoadedReport`] out.
//!
//! The first bytes are held until the header row has been found (at most
//! [`SNIFF_LIMIT`] bytes): they decide the encoding, the delimiter and the kind. After that every
//! chunk is decoded, split into records and aggregated at once, so memory grows with the number
//! of distinct keys rather than with the file. Spreadsheets and JSON documents cannot be read in
//! pieces; they are buffered whole.

use super::csv_stream::{Dialect, RawRecord, RecordReader};
use super::detect::{Header, detect_kind};
use super::error::{ImportError, ImportErrorKind};
use super::fingerprint::Fingerprint;
use super::row::{ReadContext, Row};
use super::{CompactAdsRows, ReportKind, RowSink, make_sink};
use crate::dataset::{LoadedReport, Period};
use crate::mapping::ColumnMapping;
use crate::text::date::dates_in_file_name;
use crate::text::encoding::{SniffedEncoding, StreamDecoder, TextEncoding, sniff_encodings};
use crate::text::number::DecimalStyle;

/// How many bytes are held while looking for the header row before giving up.
pub const SNIFF_LIMIT: usize = 1 << 20;
/// How many rows from the top are searched for the header row (title rows may stand above it).
pub const HEADER_SCAN_ROWS: usize = 20;

/// Reads one file pushed in chunks. See [`super::read_report`] for the whole-file shortcut.
///
/// ```
/// use opsbrief_domain::report::{Ingest, ReportKind};
///
/// let file = "Date,Ordered Product Sales,Units Ordered,Sessions - Total\n2026-09-01,\"$1,234.56\",10,\"1,000\"\n";
/// let mut ingest = Ingest::new("sales.csv");
/// for chunk in file.as_bytes().chunks(7) {
///     ingest.push(chunk).expect("a known report");
/// }
/// assert_eq!(ingest.kind(), Some(ReportKind::BusinessDate));
/// let report = ingest.finish().expect("a known report");
/// assert_eq!(report.rows_read, 1);
/// ```
pub struct Ingest {
    file_name: String,
    /// Saved column mappings, tried for a header that no known report has.
    mappings: Vec<ColumnMapping>,
    bytes_read: u64,
    fingerprint: Fingerprint,
    stage: Stage,
}

enum Stage {
    /// Holding the first bytes until the header is found; `tried` is how far line ends have
    /// been tried as the end of the header row.
    Sniffing { held: Vec<u8>, tried: usize },
    /// Holding the whole file: spreadsheets and JSON.
    Buffering(Vec<u8>, WholeFile),
    /// Reading delimited text as it arrives.
    Streaming(Box<TextStream>),
    /// A previous push failed; the same error is returned again.
    Failed(ImportError),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WholeFile {
    Xlsx,
    Json,
}

/// What sniffing the first bytes found.
struct Layout {
    encoding: SniffedEncoding,
    dialect: Dialect,
    /// How many records stand above the header (title rows).
    header_index: u64,
    kind: ReportKind,
    header: Header,
    /// The saved mapping the header matched, for [`ReportKind::CustomMapped`].
    mapping: Option<ColumnMapping>,
}

enum Sniffed {
    NeedMore,
    Found(Layout),
    NotFound(Vec<String>),
    Binary(&'static str),
}

/// What the held bytes turned out to be, once they say it.
enum Decided {
    /// Not yet known: more bytes are needed.
    Undecided,
    /// A document read whole.
    Whole(WholeFile),
    /// Delimited text whose header has been found.
    Text(Box<TextStream>),
}

impl Ingest {
    /// Starts reading a file with this name (used in messages and as a fallback for the period).
    pub fn new(file_name: &str) -> Ingest {
        Ingest::with_mappings(file_name, Vec::new())
    }

    /// Starts reading a file that may be one the user mapped: a header that no known report has
    /// is read with the mapping saved for it, as [`ReportKind::CustomMapped`].
    pub fn with_mappings(file_name: &str, mappings: Vec<ColumnMapping>) -> Ingest {
        Ingest {
            file_name: file_name.to_string(),
            mappings,
            bytes_read: 0,
            fingerprint: Fingerprint::default(),
            stage: Stage::Sniffing { held: Vec::new(), tried: 0 },
        }
    }

    /// Bytes pushed so far, for a progress bar.
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    /// Data rows read so far (header and title rows excluded).
    pub fn rows_read(&self) -> u64 {
        match &self.stage {
            Stage::Streaming(stream) => stream.ctx.rows_read,
            _ => 0,
        }
    }

    /// The kind of report, once its header has been seen.
    pub fn kind(&self) -> Option<ReportKind> {
        match &self.stage {
            Stage::Streaming(stream) => Some(stream.kind),
            _ => None,
        }
    }

    /// Reads the next chunk of the file. Chunks may be cut anywhere: inside a character, a line
    /// or a quoted field.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), ImportError> {
        self.bytes_read += chunk.len() as u64;
        self.fingerprint.update(chunk);
        let stage = std::mem::replace(&mut self.stage, Stage::Sniffing { held: Vec::new(), tried: 0 });
        match advance(&self.file_name, &self.mappings, stage, chunk) {
            Ok(stage) => {
                self.stage = stage;
                Ok(())
            }
            Err(error) => {
                self.stage = Stage::Failed(error.clone());
                Err(error)
            }
        }
    }

    /// Ends the file and returns the report.
    pub fn finish(self) -> Result<LoadedReport, ImportError> {
        let (mut report, compact) = self.finish_compact()?;
        if let Some(compact) = compact {
            compact.attach_to(&mut report);
        }
        Ok(report)
    }

    /// Ends the file and returns the report, an ads report without its rows, which come apart in
    /// their compact form: the import worker sends them so, and the page builds the rows as it
    /// reads them ([`super::AdsRowsMessage`]). [`CompactAdsRows::attach_to`] puts them back.
    pub fn finish_compact(self) -> Result<(LoadedReport, Option<CompactAdsRows>), ImportError> {
        let fingerprint = self.fingerprint.value();
        let file_name = self.file_name;
        let mappings = self.mappings;
        let whole = |report: Result<LoadedReport, ImportError>| report.map(|r| (r, None));
        match self.stage {
            Stage::Failed(error) => Err(error),
            Stage::Streaming(mut stream) => {
                stream.feed(&[], true);
                Ok(stream.into_report(&file_name, fingerprint))
            }
            Stage::Buffering(bytes, format) => whole(read_whole(&file_name, &bytes, format, fingerprint, &mappings)),
            Stage::Sniffing { held, mut tried } => match decide(&file_name, &mappings, &held, &mut tried, true)? {
                Decided::Whole(format) => whole(read_whole(&file_name, &held, format, fingerprint, &mappings)),
                Decided::Text(mut stream) => {
                    stream.feed_first(&held, true);
                    Ok(stream.into_report(&file_name, fingerprint))
                }
                Decided::Undecided => Err(ImportError::new(ImportErrorKind::UnknownReport { header: Vec::new() }, &file_name)),
            },
        }
    }
}

fn read_whole(file_name: &str, bytes: &[u8], format: WholeFile, fingerprint: u64, mappings: &[ColumnMapping]) -> Result<LoadedReport, ImportError> {
    match format {
        WholeFile::Json => super::health::read(file_name, bytes, fingerprint),
        WholeFile::Xlsx => super::xlsx::read(file_name, bytes, fingerprint, mappings),
    }
}

fn advance(file_name: &str, mappings: &[ColumnMapping], stage: Stage, chunk: &[u8]) -> Result<Stage, ImportError> {
    match stage {
        Stage::Failed(error) => Err(error),
        Stage::Buffering(mut bytes, format) => {
            bytes.extend_from_slice(chunk);
            Ok(Stage::Buffering(bytes, format))
        }
        Stage::Streaming(mut stream) => {
            stream.feed(chunk, false);
            Ok(Stage::Streaming(stream))
        }
        // The usual case, a first chunk that holds the header, is decided on the chunk itself,
        // so a whole file pushed at once is not copied.
        Stage::Sniffing { held, mut tried } if held.is_empty() => match decide(file_name, mappings, chunk, &mut tried, false)? {
            Decided::Undecided => Ok(Stage::Sniffing { held: chunk.to_vec(), tried }),
            Decided::Whole(format) => Ok(Stage::Buffering(chunk.to_vec(), format)),
            Decided::Text(mut stream) => {
                stream.feed_first(chunk, false);
                Ok(Stage::Streaming(stream))
            }
        },
        Stage::Sniffing { mut held, mut tried } => {
            held.extend_from_slice(chunk);
            match decide(file_name, mappings, &held, &mut tried, false)? {
                Decided::Undecided => Ok(Stage::Sniffing { held, tried }),
                Decided::Whole(format) => Ok(Stage::Buffering(held, format)),
                Decided::Text(mut stream) => {
                    stream.feed_first(&held, false);
                    Ok(Stage::Streaming(stream))
                }
            }
        }
    }
}

/// Decides what the held bytes are.
///
/// The decision only ever depends on a prefix of the file that ends at a line break (or on the
/// whole file at its end), tried in order, so it comes out the same however the file was
/// chunked: a file read in pieces gives exactly the report the whole file gives.
fn decide(file_name: &str, mappings: &[ColumnMapping], held: &[u8], tried: &mut usize, complete: bool) -> Result<Decided, ImportError> {
    let error = |kind| ImportError::new(kind, file_name);
    let text_start = held.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(held);
    let first_visible = text_start.iter().find(|b| !b.is_ascii_whitespace() && **b != 0);
    if held.len() < 8 && !complete {
        return Ok(Decided::Undecided);
    }
    if held.starts_with(b"PK\x03\x04") {
        return Ok(Decided::Whole(WholeFile::Xlsx));
    }
    if let Some(what) = magic_kind(held) {
        return Err(error(ImportErrorKind::Binary { what: what.to_string() }));
    }
    match first_visible {
        None if complete => return Err(error(ImportErrorKind::Empty)),
        None => return Ok(Decided::Undecided),
        Some(b'{' | b'[') => return Ok(Decided::Whole(WholeFile::Json)),
        Some(_) => {}
    }
    let limit = held.len().min(SNIFF_LIMIT);
    while let Some(offset) = held[*tried..limit].iter().position(|b| *b == b'\n') {
        let line_start = *tried;
        let end = *tried + offset + 1;
        *tried = end;
        // A blank line cannot complete a header row; skipping it keeps a file of a million
        // empty lines from being sniffed a million times.
        if held[line_start..end].iter().all(|b| b.is_ascii_whitespace() || *b == 0) {
            continue;
        }
        match sniff_layout(&held[..end], false, mappings) {
            Sniffed::NeedMore => {}
            Sniffed::Found(layout) => return Ok(Decided::Text(Box::new(TextStream::new(layout)))),
            Sniffed::NotFound(header) => return Err(error(ImportErrorKind::UnknownReport { header })),
            Sniffed::Binary(what) => return Err(error(ImportErrorKind::Binary { what: what.to_string() })),
        }
    }
    if held.len() >= SNIFF_LIMIT {
        let header = match sniff_layout(&held[..SNIFF_LIMIT], true, mappings) {
            Sniffed::NotFound(header) => header,
            _ => Vec::new(),
        };
        return Err(error(ImportErrorKind::UnknownReport { header }));
    }
    if !complete {
        return Ok(Decided::Undecided);
    }
    match sniff_layout(held, true, mappings) {
        Sniffed::Found(layout) => Ok(Decided::Text(Box::new(TextStream::new(layout)))),
        Sniffed::Binary(what) => Err(error(ImportErrorKind::Binary { what: what.to_string() })),
        Sniffed::NotFound(header) => Err(error(ImportErrorKind::UnknownReport { header })),
        Sniffed::NeedMore => Err(error(ImportErrorKind::UnknownReport { header: Vec::new() })),
    }
}

/// Names files that are certainly not reports, from their first bytes.
fn magic_kind(held: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"RIFF", "a media file"),
        (b"\xD0\xCF\x11\xE0", "an old Excel .xls workbook (save it as .xlsx or .csv first)"),
        (b"PK\x05\x06", "an empty zip archive"),
        (b"\x1F\x8B", "a gzip archive (unpack it first)"),
        (b"Rar!", "a RAR archive"),
        (b"7z\xBC\xAF", "a 7-Zip archive"),
        (b"\x7FELF", "a program"),
    ];
    MAGIC.iter().find(|(magic, _)| held.starts_with(magic)).map(|(_, what)| *what)
}

/// Decodes the held bytes and looks for a known header in the first rows with each dialect.
///
/// Bytes that several legacy encodings read without error (Shift_JIS and GBK overlap) are tried
/// in each plausible encoding, most likely first: the first reading under which a known header
/// appears wins, since a wrong decoding turns the header's words into other characters.
fn sniff_layout(held: &[u8], complete: bool, mappings: &[ColumnMapping]) -> Sniffed {
    sniff_layout_among(held, complete, &sniff_encodings(held, complete), mappings)
}

/// [`sniff_layout`] with the candidate encodings given; when none finds a header, the first
/// candidate's answer stands.
fn sniff_layout_among(held: &[u8], complete: bool, candidates: &[SniffedEncoding], mappings: &[ColumnMapping]) -> Sniffed {
    let mut first = None;
    for &encoding in candidates {
        match sniff_layout_as(held, complete, encoding, mappings) {
            found @ Sniffed::Found(_) => return found,
            other if first.is_none() => first = Some(other),
            _ => {}
        }
    }
    first.unwrap_or(Sniffed::NeedMore)
}

/// Looks for a known header in the held bytes decoded as `encoding`.
fn sniff_layout_as(held: &[u8], complete: bool, encoding: SniffedEncoding, mappings: &[ColumnMapping]) -> Sniffed {
    // Text has no NUL bytes, except UTF-16, which the encoding sniffer has recognised.
    let utf16 = matches!(encoding.encoding, TextEncoding::Utf16Le | TextEncoding::Utf16Be);
    if !utf16 && held[..held.len().min(8192)].contains(&0) {
        return Sniffed::Binary("a binary file");
    }
    let mut decoder = StreamDecoder::new(encoding.encoding);
    let mut text = Vec::new();
    decoder.decode(&held[encoding.bom_len..], complete, &mut text);
    let mut best: Option<(u64, usize, Layout)> = None;
    let mut widest: Vec<String> = Vec::new();
    let mut rows_available = 0usize;
    for (preference, dialect) in Dialect::CANDIDATES.into_iter().enumerate() {
        let mut reader = RecordReader::new(dialect);
        let mut index = 0u64;
        let mut found = None;
        reader.feed(&text, complete, |record: RawRecord<'_>| {
            let cells = record_cells(&record);
            let header = Header::new(cells.iter().map(String::as_str));
            if header.filled() > widest.len() {
                widest = header.original.iter().filter(|c| !c.is_empty()).take(40).cloned().collect();
            }
            if let Some(kind) = detect_kind(&header) {
                found = Some((index, kind, header, None));
                return false;
            }
            if let Some(mapping) = mappings.iter().find(|m| m.matches(&header.names)) {
                found = Some((index, ReportKind::CustomMapped, header, Some(mapping.clone())));
                return false;
            }
            index += 1;
            (index as usize) < HEADER_SCAN_ROWS
        });
        rows_available = rows_available.max(index as usize);
        if let Some((header_index, kind, header, mapping)) = found {
            let better = match &best {
                None => true,
                Some((i, _, _)) => header_index < *i,
            };
            if better {
                best = Some((header_index, preference, Layout { encoding, dialect, header_index, kind, header, mapping }));
            }
        }
    }
    match best {
        Some((_, _, layout)) => Sniffed::Found(layout),
        None if complete || rows_available >= HEADER_SCAN_ROWS => Sniffed::NotFound(widest),
        None => Sniffed::NeedMore,
    }
}

/// The cells of a record as strings (only for the few rows looked at while sniffing).
pub(super) fn record_cells(record: &RawRecord<'_>) -> Vec<String> {
    let mut cells = Vec::with_capacity(record.ends.len());
    for field in record.fields() {
        let cell = String::from_utf8_lossy(field);
        let cell = cell.trim();
        let cell = cell.strip_prefix('"').and_then(|c| c.strip_suffix('"')).unwrap_or(cell);
        cells.push(cell.to_string());
    }
    cells
}

/// Delimited text being read after its header was found.
struct TextStream {
    kind: ReportKind,
    encoding: SniffedEncoding,
    decoder: StreamDecoder,
    decoded: Vec<u8>,
    records: RecordReader,
    header_index: u64,
    header_len: usize,
    records_seen: u64,
    sink: Box<dyn RowSink>,
    ctx: ReadContext,
}

impl TextStream {
    fn new(layout: Layout) -> TextStream {
        let german = layout.header.is_german();
        let style = if layout.dialect.delimiter == b';' || german { DecimalStyle::Comma } else { DecimalStyle::Point };
        let mut ctx = ReadContext::new(style);
        let sink = make_sink(layout.kind, &layout.header, &mut ctx, layout.mapping.as_ref());
        TextStream {
            kind: layout.kind,
            encoding: layout.encoding,
            decoder: StreamDecoder::new(layout.encoding.encoding),
            decoded: Vec::new(),
            records: RecordReader::new(layout.dialect),
            header_index: layout.header_index,
            header_len: layout.header.names.len(),
            records_seen: 0,
            sink,
            ctx,
        }
    }

    /// Feeds the held bytes, skipping the byte order mark.
    fn feed_first(&mut self, held: &[u8], last: bool) {
        let bom = self.encoding.bom_len.min(held.len());
        self.feed(&held[bom..], last);
    }

    fn feed(&mut self, chunk: &[u8], last: bool) {
        let TextStream { decoder, decoded, records, header_index, header_len, records_seen, sink, ctx, .. } = self;
        let text = decoder.decode_borrowed(chunk, last, decoded);
        records.feed_text(text, last, |record| {
            *records_seen += 1;
            if *records_seen <= *header_index + 1 {
                return true;
            }
            handle_record(&record, *header_len, sink.as_mut(), ctx);
            true
        });
    }

    fn into_report(self, file_name: &str, fingerprint: u64) -> (LoadedReport, Option<CompactAdsRows>) {
        let TextStream { kind, decoder, sink, mut ctx, .. } = self;
        // The same note whether the encoding was sniffed at the start or fallen back to later,
        // so a file reads the same however it was chunked.
        match decoder.encoding() {
            TextEncoding::Utf8 => {}
            TextEncoding::Windows1252 => {
                ctx.note("The file is not UTF-8; it was read as Windows-1252 (the encoding of Amazon's NA and EU flat files).")
            }
            TextEncoding::ShiftJis => ctx.note("The file is not UTF-8; it was read as Shift_JIS (the encoding of Amazon Japan's files)."),
            TextEncoding::Gb18030 => {
                ctx.note("The file is not UTF-8; it was read as GB18030 (GBK, the encoding Excel saves Chinese CSV files in).")
            }
            other => ctx.note(format!("The file was read as {}.", other.name())),
        }
        if decoder.had_replacements() {
            ctx.note("Some characters could not be decoded and are shown as �.");
        }
        finish_report_parts(file_name, kind, sink, ctx, fingerprint)
    }
}

/// Hands one data record to the kind's reader, skipping and listing it when it is unusable.
pub(crate) fn handle_record(record: &RawRecord<'_>, header_len: usize, sink: &mut dyn RowSink, ctx: &mut ReadContext) {
    let Some(text) = record.checked.or_else(|| std::str::from_utf8(record.text).ok()) else {
        ctx.rows_read += 1;
        ctx.skip(record.line(), "the row is not valid text".to_string());
        return;
    };
    let row = Row::new(text, record.ends, record.starts, record.position);
    if row.is_blank() {
        return;
    }
    ctx.rows_read += 1;
    if row.len() > header_len {
        let extra_filled = (header_len..row.len()).any(|i| !row.raw(i).trim().is_empty());
        if extra_filled {
            ctx.skip(row.line(), format!("the row has {} fields but the header has {}", row.len(), header_len));
            return;
        }
    }
    let result = sink.row(&row, ctx);
    ctx.end_row(result.is_ok());
    if let Err(reason) = result {
        ctx.skip(row.line(), reason);
    }
}

/// Builds the report once every row has been read: aggregated data, currency, marketplace and
/// period (from the content, else from the file name, else left for the user).
pub(crate) fn finish_report(
    file_name: &str,
    kind: ReportKind,
    sink: Box<dyn RowSink>,
    ctx: ReadContext,
    fingerprint: u64,
) -> LoadedReport {
    let (mut report, compact) = finish_report_parts(file_name, kind, sink, ctx, fingerprint);
    if let Some(compact) = compact {
        compact.attach_to(&mut report);
    }
    report
}

/// [`finish_report`], with an ads report's rows left in their compact form.
fn finish_report_parts(
    file_name: &str,
    kind: ReportKind,
    sink: Box<dyn RowSink>,
    mut ctx: ReadContext,
    fingerprint: u64,
) -> (LoadedReport, Option<CompactAdsRows>) {
    let (data, compact) = sink.finish_compact(&mut ctx);
    let currency = ctx.currency();
    let marketplace = ctx.marketplace(currency.as_ref());
    let mut period = ctx.content_period().map(|(from, to)| Period::new(from, to));
    if period.is_none()
        && let Some((from, to)) = dates_in_file_name(file_name)
    {
        period = Some(Period::new(from, to));
        ctx.note("The file carries no dates; its period was taken from its file name.");
    }
    if period.is_none() {
        // A stock snapshot without a date is still usable as "now"; figures over time are not.
        if kind.topic() == super::Topic::Inventory {
            ctx.note("The file does not say which day its stock figures describe: they are taken as current.");
        } else if matches!(kind, ReportKind::Helium10KeywordTracker | ReportKind::Helium10Cerebro) {
            // Keyword ranks are a snapshot too: they need no period to be shown.
            ctx.note("The file does not date its keyword ranks: they are taken as current.");
        } else {
            ctx.note("The file carries no dates and its name gives none: enter the period it covers.");
        }
    }
    let report = LoadedReport {
        file_name: file_name.to_string(),
        kind,
        marketplace,
        currency,
        period,
        rows_read: ctx.rows_read,
        rows_skipped: ctx.rows_skipped,
        skipped: ctx.skipped,
        fingerprint,
        notes: ctx.notes,
        data,
    };
    (report, compact)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decide_all(bytes: &[u8]) -> Result<Decided, ImportError> {
        let mut tried = 0;
        decide("t.csv", &[], bytes, &mut tried, true)
    }

    #[test]
    fn magic_bytes_name_what_a_file_is() {
        assert_eq!(magic_kind(b"%PDF-1.7"), Some("a PDF document"));
        assert!(magic_kind(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1").unwrap().contains(".xls"));
        assert_eq!(magic_kind(b"Date,Sales"), None);
        assert!(matches!(decide_all(b"PK\x03\x04rest"), Ok(Decided::Whole(WholeFile::Xlsx))));
        assert!(matches!(decide_all(b"  \n {\"a\": 1}"), Ok(Decided::Whole(WholeFile::Json))));
    }

    #[test]
    fn the_header_is_found_below_title_rows_and_blank_lines() {
        let bytes = b"Sponsored Products Campaign Report\n\n\nStart Date,End Date,Campaign Name,Targeting Type,Impressions,Clicks,Spend\n";
        match decide_all(bytes) {
            Ok(Decided::Text(stream)) => {
                assert_eq!(stream.kind, ReportKind::SponsoredProductsCampaign);
                assert_eq!(stream.header_index, 1, "blank lines are not records");
            }
            _ => panic!("header not found"),
        }
    }

    #[test]
    fn among_plausible_encodings_the_one_whose_header_is_known_wins() {
        let (gbk, _, _) = encoding_rs::GB18030.encode("日期,ASIN,MSKU,销量,销售额,订单量\n");
        let as_encoding = |encoding| SniffedEncoding { encoding, bom_len: 0 };
        // Shift_JIS tried first reads other characters and no known header; GB18030 finds one.
        let candidates = [as_encoding(TextEncoding::ShiftJis), as_encoding(TextEncoding::Gb18030), as_encoding(TextEncoding::Windows1252)];
        match sniff_layout_among(&gbk, true, &candidates, &[]) {
            Sniffed::Found(layout) => {
                assert_eq!(layout.encoding.encoding, TextEncoding::Gb18030);
                assert_eq!(layout.kind, ReportKind::LingxingProductPerformance);
            }
            _ => panic!("header not found"),
        }
        // Shift_JIS Japanese stays Shift_JIS even when GB18030 is offered first.
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("日付,注文商品の売上額,注文された商品点数,セッション数 - 合計\n");
        let candidates = [as_encoding(TextEncoding::Gb18030), as_encoding(TextEncoding::ShiftJis)];
        match sniff_layout_among(&sjis, true, &candidates, &[]) {
            Sniffed::Found(layout) => assert_eq!((layout.encoding.encoding, layout.kind), (TextEncoding::ShiftJis, ReportKind::BusinessDate)),
            _ => panic!("header not found"),
        }
        assert_eq!(sniff_encodings(&sjis, true)[0].encoding, TextEncoding::ShiftJis);
        assert_eq!(sniff_encodings(&gbk, true)[0].encoding, TextEncoding::Gb18030);
    }

    #[test]
    fn an_undecided_prefix_waits_for_more_bytes() {
        let mut tried = 0;
        assert!(matches!(decide("t.csv", &[], b"Some title row without an end", &mut tried, false), Ok(Decided::Undecided)));
        assert!(matches!(decide("t.csv", &[], b"   ", &mut tried, false), Ok(Decided::Undecided)));
    }

    #[test]
    fn twenty_rows_without_a_header_is_an_unknown_report() {
        let text: String = (0..25).map(|i| format!("row {i},value\n")).collect();
        let mut tried = 0;
        match decide("t.csv", &[], text.as_bytes(), &mut tried, false) {
            Err(ImportError { kind: ImportErrorKind::UnknownReport { header }, .. }) => assert_eq!(header, vec!["row 0", "value"]),
            _ => panic!("expected an unknown report"),
        }
    }
}
