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
use super::{ReportKind, RowSink, make_sink};
use crate::dataset::{LoadedReport, Period};
use crate::text::date::dates_in_file_name;
use crate::text::encoding::{SniffedEncoding, StreamDecoder, TextEncoding, sniff_encoding};
use crate::text::number::DecimalStyle;

/// How many bytes are held while looking for the header row before giving up.
pub const SNIFF_LIMIT: usize = 1 << 20;
/// How many rows from the top are searched for the header row (title rows may stand above it).
pub const HEADER_SCAN_ROWS: usize = 20;

/// Reads one file pushed in chunks. See [`super::read_report`] for the whole-file shortcut.
pub struct Ingest {
    file_name: String,
    bytes_read: u64,
    fingerprint: Fingerprint,
    stage: Stage,
}

enum Stage {
    /// Holding the first bytes until the header is found.
    Sniffing(Vec<u8>),
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
}

enum Sniffed {
    NeedMore,
    Found(Layout),
    NotFound(Vec<String>),
}

impl Ingest {
    /// Starts reading a file with this name (used in messages and as a fallback for the period).
    pub fn new(file_name: &str) -> Ingest {
        Ingest { file_name: file_name.to_string(), bytes_read: 0, fingerprint: Fingerprint::default(), stage: Stage::Sniffing(Vec::new()) }
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

    fn error(&self, kind: ImportErrorKind) -> ImportError {
        ImportError::new(kind, &self.file_name)
    }

    /// Reads the next chunk of the file. Chunks may be cut anywhere: inside a character, a line
    /// or a quoted field.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), ImportError> {
        self.bytes_read += chunk.len() as u64;
        self.fingerprint.update(chunk);
        let stage = std::mem::replace(&mut self.stage, Stage::Sniffing(Vec::new()));
        let result = self.advance(stage, chunk);
        match result {
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

    fn advance(&self, stage: Stage, chunk: &[u8]) -> Result<Stage, ImportError> {
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
            Stage::Sniffing(mut held) => {
                held.extend_from_slice(chunk);
                if let Some(stage) = classify(&self.file_name, &held, false)? {
                    return Ok(match stage {
                        Classified::Whole(format) => Stage::Buffering(held, format),
                    });
                }
                // Only a new line break can complete a header row, so only then is it looked for.
                let worth_trying = chunk.contains(&b'\n') || held.len() >= SNIFF_LIMIT;
                if !worth_trying {
                    return Ok(Stage::Sniffing(held));
                }
                match sniff_layout(&held, false) {
                    Sniffed::NeedMore if held.len() < SNIFF_LIMIT => Ok(Stage::Sniffing(held)),
                    Sniffed::NeedMore => Err(self.error(ImportErrorKind::UnknownReport { header: Vec::new() })),
                    Sniffed::NotFound(header) => Err(self.error(ImportErrorKind::UnknownReport { header })),
                    Sniffed::Found(layout) => {
                        let mut stream = Box::new(TextStream::new(layout));
                        stream.feed_first(&held, false);
                        Ok(Stage::Streaming(stream))
                    }
                }
            }
        }
    }

    /// Ends the file and returns the report.
    pub fn finish(self) -> Result<LoadedReport, ImportError> {
        let fingerprint = self.fingerprint.value();
        let file_name = self.file_name.clone();
        let report = match self.stage {
            Stage::Failed(error) => return Err(error),
            Stage::Streaming(mut stream) => {
                stream.feed(&[], true);
                stream.into_report(&file_name, fingerprint)
            }
            Stage::Buffering(bytes, WholeFile::Json) => super::health::read(&file_name, &bytes, fingerprint)?,
            Stage::Buffering(bytes, WholeFile::Xlsx) => super::xlsx::read(&file_name, &bytes, fingerprint)?,
            Stage::Sniffing(held) => {
                let error = |kind| ImportError::new(kind, &file_name);
                let text = held.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&held);
                if text.iter().all(|b| b.is_ascii_whitespace() || *b == 0) {
                    return Err(error(ImportErrorKind::Empty));
                }
                if let Some(Classified::Whole(format)) = classify(&file_name, &held, true)? {
                    return match format {
                        WholeFile::Json => super::health::read(&file_name, &held, fingerprint),
                        WholeFile::Xlsx => super::xlsx::read(&file_name, &held, fingerprint),
                    };
                }
                match sniff_layout(&held, true) {
                    Sniffed::Found(layout) => {
                        let mut stream = TextStream::new(layout);
                        stream.feed_first(&held, true);
                        stream.into_report(&file_name, fingerprint)
                    }
                    Sniffed::NotFound(header) => return Err(error(ImportErrorKind::UnknownReport { header })),
                    Sniffed::NeedMore => return Err(error(ImportErrorKind::UnknownReport { header: Vec::new() })),
                }
            }
        };
        Ok(report)
    }
}

/// Looks at the first bytes for a format that is not delimited text: a workbook or JSON to buffer
/// whole, or a binary file to refuse.
fn classify(file_name: &str, held: &[u8], complete: bool) -> Result<Option<Classified>, ImportError> {
    let error = |kind| ImportError::new(kind, file_name);
    if held.len() < 8 && !complete {
        return Ok(None);
    }
    if held.starts_with(b"PK\x03\x04") {
        return Ok(Some(Classified::Whole(WholeFile::Xlsx)));
    }
    if let Some(what) = binary_kind(held) {
        return Err(error(ImportErrorKind::Binary { what: what.to_string() }));
    }
    let text_start = held.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(held);
    let first = text_start.iter().find(|b| !b.is_ascii_whitespace());
    if matches!(first, Some(b'{' | b'[')) {
        return Ok(Some(Classified::Whole(WholeFile::Json)));
    }
    Ok(None)
}

enum Classified {
    Whole(WholeFile),
}

/// Names files that are certainly not reports, from their magic bytes.
fn binary_kind(held: &[u8]) -> Option<&'static str> {
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
        (b"MZ", "a program"),
    ];
    if let Some((_, what)) = MAGIC.iter().find(|(magic, _)| held.starts_with(magic)) {
        return Some(what);
    }
    // Text files have no NUL bytes, except UTF-16, which the encoding sniffer recognises.
    let sample = &held[..held.len().min(8192)];
    let encoding = sniff_encoding(sample, false).encoding;
    let utf16 = matches!(encoding, TextEncoding::Utf16Le | TextEncoding::Utf16Be);
    (!utf16 && sample.contains(&0)).then_some("a binary file")
}

/// Decodes the held bytes and looks for a known header in the first rows with each dialect.
fn sniff_layout(held: &[u8], complete: bool) -> Sniffed {
    let encoding = sniff_encoding(held, complete);
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
                found = Some((index, kind, header));
                return false;
            }
            index += 1;
            (index as usize) < HEADER_SCAN_ROWS
        });
        rows_available = rows_available.max(index as usize);
        if let Some((header_index, kind, header)) = found {
            let better = match &best {
                None => true,
                Some((i, _, _)) => header_index < *i,
            };
            if better {
                best = Some((header_index, preference, Layout { encoding, dialect, header_index, kind, header }));
            }
        }
    }
    match best {
        Some((_, _, layout)) => Sniffed::Found(layout),
        None if complete || rows_available >= HEADER_SCAN_ROWS || held.len() >= SNIFF_LIMIT => Sniffed::NotFound(widest),
        None => Sniffed::NeedMore,
    }
}

/// The cells of a record as strings (only for the few rows looked at while sniffing).
fn record_cells(record: &RawRecord<'_>) -> Vec<String> {
    let mut cells = Vec::with_capacity(record.ends.len());
    let mut start = 0;
    for &end in record.ends {
        let cell = String::from_utf8_lossy(&record.text[start..end]);
        let cell = cell.trim();
        let cell = cell.strip_prefix('"').and_then(|c| c.strip_suffix('"')).unwrap_or(cell);
        cells.push(cell.to_string());
        start = end;
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
        let sink = make_sink(layout.kind, &layout.header, &mut ctx);
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
        decoded.clear();
        decoder.decode(chunk, last, decoded);
        records.feed(decoded, last, |record| {
            *records_seen += 1;
            if *records_seen <= *header_index + 1 {
                return true;
            }
            handle_record(&record, *header_len, sink.as_mut(), ctx);
            true
        });
    }

    fn into_report(self, file_name: &str, fingerprint: u64) -> LoadedReport {
        let TextStream { kind, decoder, sink, mut ctx, .. } = self;
        // The same note whether the encoding was sniffed at the start or fallen back to later,
        // so a file reads the same however it was chunked.
        match decoder.encoding() {
            TextEncoding::Utf8 => {}
            TextEncoding::Windows1252 => {
                ctx.note("The file is not UTF-8; it was read as Windows-1252 (the encoding of Amazon's NA and EU flat files).")
            }
            TextEncoding::ShiftJis => ctx.note("The file is not UTF-8; it was read as Shift_JIS (the encoding of Amazon Japan's files)."),
            other => ctx.note(format!("The file was read as {}.", other.name())),
        }
        if decoder.had_replacements() {
            ctx.note("Some characters could not be decoded and are shown as �.");
        }
        finish_report(file_name, kind, sink, ctx, fingerprint)
    }
}

/// Hands one data record to the kind's reader, skipping and listing it when it is unusable.
pub(crate) fn handle_record(record: &RawRecord<'_>, header_len: usize, sink: &mut dyn RowSink, ctx: &mut ReadContext) {
    let Ok(text) = std::str::from_utf8(record.text) else {
        ctx.rows_read += 1;
        ctx.skip(record.line, "the row is not valid text".to_string());
        return;
    };
    let row = Row::new(text, record.ends, record.line);
    if row.is_blank() {
        return;
    }
    ctx.rows_read += 1;
    if row.len() > header_len {
        let extra_filled = (header_len..row.len()).any(|i| !row.raw(i).trim().is_empty());
        if extra_filled {
            ctx.skip(row.line, format!("the row has {} fields but the header has {}", row.len(), header_len));
            return;
        }
    }
    let result = sink.row(&row, ctx);
    ctx.end_row(result.is_ok());
    if let Err(reason) = result {
        ctx.skip(row.line, reason);
    }
}

/// Builds the report once every row has been read: aggregated data, currency, marketplace and
/// period (from the content, else from the file name, else left for the user).
pub(crate) fn finish_report(
    file_name: &str,
    kind: ReportKind,
    sink: Box<dyn RowSink>,
    mut ctx: ReadContext,
    fingerprint: u64,
) -> LoadedReport {
    let data = sink.finish(&mut ctx);
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
        ctx.note("The file carries no dates and its name gives none: enter the period it covers.");
    }
    LoadedReport {
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
    }
}
