//! Delimited text (CSV, semicolon CSV, TSV) read record by record with `csv-core`, in chunks cut
//! anywhere, keeping the 1-based physical line where each record starts.
//!
//! Most lines of a report are simple: one record ending in `\n`, its quoted fields (`"Aug 01,
//! 2026"`, `"1,746"`, `"asin=""B0…"""`) closing on the line. Those are split in place by
//! [`split_simple_line`], which jumps from separator to separator eight bytes at a time instead
//! of walking csv-core's state machine byte by byte and copying each field (a fifth of the
//! import worker's time went there). Any other line (a quoted line break, a bare `\r`, a stray
//! quote, a record cut by the chunk's end) goes to csv-core, which is always between records
//! when the fast path is tried, so both give exactly the same records.

use csv_core::{ReadRecordResult, Reader, ReaderBuilder};

/// How a delimited file is split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dialect {
    pub delimiter: u8,
    /// Tab-separated flat files are read without quote handling: product names contain bare `"`.
    pub quoting: bool,
}

impl Dialect {
    /// The dialects tried when sniffing, in order of preference.
    pub const CANDIDATES: [Dialect; 3] = [
        Dialect { delimiter: b',', quoting: true },
        Dialect { delimiter: b'\t', quoting: false },
        Dialect { delimiter: b';', quoting: true },
    ];
}

/// A streaming record splitter over UTF-8 text.
pub struct RecordReader {
    reader: Reader,
    record: Vec<u8>,
    record_len: usize,
    ends: Vec<usize>,
    ends_len: usize,
    /// Newlines consumed so far, to number lines.
    newlines: u64,
    /// Whether the end of the file (or the caller's stop) was reached.
    finished: bool,
    /// Whether csv-core is between records, so a line may be split by the fast path.
    between_records: bool,
    /// Where the fields of a line split by the fast path start and end in the line itself.
    line_starts: Vec<usize>,
    line_ends: Vec<usize>,
    /// A copy of such a line whose quoted fields had escaped quotes, unescaped.
    line_scratch: Vec<u8>,
    dialect: Dialect,
}

/// One record handed to the caller: its text, field ends and where it stands in the file.
pub struct RawRecord<'a> {
    pub text: &'a [u8],
    /// `text` as `&str`, when it is known to be UTF-8 already.
    pub checked: Option<&'a str>,
    pub ends: &'a [usize],
    /// Where each field starts in `text`, when the record is a line split in place (its
    /// separators and quotes still in `text`). `None`: the fields are back to back, as csv-core
    /// writes them, each starting where the previous one ends.
    pub starts: Option<&'a [usize]>,
    pub position: LinePosition,
}

impl<'a> RawRecord<'a> {
    /// The record's fields, in order.
    pub fn fields(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        let text = self.text;
        (0..self.ends.len()).map(move |i| text.get(field_start(self.ends, self.starts, i)..self.ends[i]).unwrap_or_default())
    }

    /// The 1-based physical line the record starts on.
    pub fn line(&self) -> u64 {
        self.position.start_line(self.text)
    }
}

/// Where field `index` of a record starts: at `starts[index]` when the record has its own
/// starts, else where the previous field ends. Shared by [`RawRecord`] and the row readers' `Row`.
pub fn field_start(ends: &[usize], starts: Option<&[usize]>, index: usize) -> usize {
    match starts {
        Some(starts) => starts.get(index).copied().unwrap_or_default(),
        None if index == 0 => 0,
        None => ends.get(index - 1).copied().unwrap_or_default(),
    }
}

/// Where a record stands, kept in a form that is free to record: the line a record starts on is
/// only worked out when it is asked for (for a skipped row), because that means counting the line
/// breaks inside the record, which the vast majority of rows never need.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinePosition {
    /// The line is known (a spreadsheet row).
    Line(u64),
    /// The file had `newlines` line breaks up to the end of the record, the last of them ending
    /// the record when `ended_with_newline`.
    AtEnd { newlines: u64, ended_with_newline: bool },
}

impl LinePosition {
    /// The 1-based line the record whose text is `text` starts on.
    pub fn start_line(self, text: &[u8]) -> u64 {
        match self {
            LinePosition::Line(line) => line,
            LinePosition::AtEnd { newlines, ended_with_newline } => {
                let inner = memchr::memchr_iter(b'\n', text).count() as u64;
                (1 + newlines).saturating_sub(inner + u64::from(ended_with_newline)).max(1)
            }
        }
    }
}

impl RecordReader {
    pub fn new(dialect: Dialect) -> RecordReader {
        let reader = ReaderBuilder::new().delimiter(dialect.delimiter).quoting(dialect.quoting).build();
        RecordReader {
            reader,
            record: vec![0; 4096],
            record_len: 0,
            ends: vec![0; 64],
            ends_len: 0,
            newlines: 0,
            finished: false,
            between_records: true,
            line_starts: Vec::new(),
            line_ends: Vec::new(),
            line_scratch: Vec::new(),
            dialect,
        }
    }

    /// Splits `input` into records, calling `on_record` for each complete one; with `last`,
    /// the record cut by the end of the file is completed too. `on_record` returns `false` to
    /// stop early.
    pub fn feed(&mut self, input: &[u8], last: bool, on_record: impl FnMut(RawRecord<'_>) -> bool) {
        self.feed_checked(input, None, last, on_record);
    }

    /// [`RecordReader::feed`] on text already checked as UTF-8: the lines split in place are
    /// handed on as `&str` ([`RawRecord::checked`]), so they are not checked again.
    pub fn feed_text(&mut self, input: &str, last: bool, on_record: impl FnMut(RawRecord<'_>) -> bool) {
        self.feed_checked(input.as_bytes(), Some(input), last, on_record);
    }

    fn feed_checked(&mut self, input: &[u8], checked: Option<&str>, last: bool, mut on_record: impl FnMut(RawRecord<'_>) -> bool) {
        // csv-core reads an empty input as the end of the file, so an empty chunk (a character
        // still incomplete after decoding) must not reach it before the real end.
        if self.finished || (input.is_empty() && !last) {
            return;
        }
        let whole = input.len();
        let mut input = input;
        // Set once the rest of `input` is known to hold no `\n`: the fast path needs one.
        let mut no_line_end = false;
        loop {
            if self.between_records && !no_line_end {
                match memchr::memchr(b'\n', input) {
                    Some(at) => {
                        let line = &input[..at];
                        let line = line.strip_suffix(b"\r").unwrap_or(line);
                        if line.is_empty() {
                            // A blank line, which csv-core skips too.
                            self.newlines += 1;
                            input = &input[at + 1..];
                            continue;
                        }
                        let offset = whole - input.len();
                        let text = match split_simple_line(line, self.dialect, &mut self.line_starts, &mut self.line_ends, &mut self.line_scratch) {
                            // The line is cut at `\n`, so it is whole characters of `checked`.
                            Split::InPlace => Some((line, checked.and_then(|c| c.get(offset..offset + line.len())))),
                            Split::Unescaped => Some((&self.line_scratch[..], None)),
                            Split::Hard => None,
                        };
                        if let Some((text, checked)) = text {
                            self.newlines += 1;
                            input = &input[at + 1..];
                            let position = LinePosition::AtEnd { newlines: self.newlines, ended_with_newline: true };
                            let record = RawRecord { text, checked, ends: &self.line_ends, starts: Some(&self.line_starts), position };
                            if !on_record(record) {
                                self.finished = true;
                                return;
                            }
                            continue;
                        }
                        // Not a simple line: csv-core reads this record.
                    }
                    None => no_line_end = true,
                }
            }
            // Never hand csv-core an empty input before the end: it would take it as the end.
            if input.is_empty() && !last {
                return;
            }
            let (result, read, written, ends_written) =
                self.reader.read_record(input, &mut self.record[self.record_len..], &mut self.ends[self.ends_len..]);
            let consumed = &input[..read];
            self.newlines += memchr::memchr_iter(b'\n', consumed).count() as u64;
            let ended_with_newline = consumed.last() == Some(&b'\n');
            input = &input[read..];
            self.record_len += written;
            self.ends_len += ends_written;
            self.between_records = matches!(result, ReadRecordResult::Record);
            match result {
                // At the end of the file the loop goes on with an empty input, which makes
                // csv-core complete the last record and then report the end.
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    let size = self.record.len() * 2;
                    self.record.resize(size, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let size = self.ends.len() * 2;
                    self.ends.resize(size, 0);
                }
                ReadRecordResult::Record => {
                    if !self.emit(ended_with_newline, &mut on_record) {
                        self.finished = true;
                        return;
                    }
                }
                ReadRecordResult::End => {
                    self.finished = true;
                    return;
                }
            }
        }
    }

    fn emit(&mut self, ended_with_newline: bool, on_record: &mut impl FnMut(RawRecord<'_>) -> bool) -> bool {
        let text = &self.record[..self.record_len];
        let position = LinePosition::AtEnd { newlines: self.newlines, ended_with_newline };
        let keep_going = on_record(RawRecord { text, checked: None, ends: &self.ends[..self.ends_len], starts: None, position });
        self.record_len = 0;
        self.ends_len = 0;
        keep_going
    }
}

/// How [`split_simple_line`] split a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Split {
    /// Each field is `line[starts[i]..ends[i]]`.
    InPlace,
    /// Some quoted field held escaped quotes (`"asin=""B0…"""`): the fields are in the scratch
    /// copy of the line, where those were unescaped.
    Unescaped,
    /// csv-core must read the line.
    Hard,
}

/// Splits `line` (one physical line without its terminator) as csv-core would split it, when
/// that needs no state: every quoted field closes on the line, and no bare `\r`, stray quote or
/// text after a closing quote is met. Each field is `text[starts[i]..ends[i]]`, its quotes left
/// out, where `text` is the line itself, or `scratch` when a field had escaped quotes to undo.
fn split_simple_line(line: &[u8], dialect: Dialect, starts: &mut Vec<usize>, ends: &mut Vec<usize>, scratch: &mut Vec<u8>) -> Split {
    starts.clear();
    ends.clear();
    let delimiter = dialect.delimiter;
    let mut escaped_fields = false;
    let mut pos = 0;
    loop {
        let rest = &line[pos..];
        if dialect.quoting && rest.first() == Some(&b'"') {
            // The closing quote is the first one not followed by another (`""` is a quote).
            let mut search = 1;
            let close = loop {
                let Some(at) = find_any(&rest[search..], [b'"'; 3]) else {
                    // The field goes on past the line's end (a quoted line break).
                    return Split::Hard;
                };
                let at = search + at;
                if rest.get(at + 1) == Some(&b'"') {
                    escaped_fields = true;
                    search = at + 2;
                } else {
                    break at;
                }
            };
            starts.push(pos + 1);
            ends.push(pos + close);
            let after = pos + close + 1;
            match line.get(after) {
                None => break,
                Some(&b) if b == delimiter => pos = after + 1,
                // Text after the closing quote.
                Some(_) => return Split::Hard,
            }
        } else {
            let quote = if dialect.quoting { b'"' } else { delimiter };
            match find_any(rest, [delimiter, quote, b'\r']) {
                None => {
                    starts.push(pos);
                    ends.push(line.len());
                    break;
                }
                Some(at) if rest[at] == delimiter => {
                    starts.push(pos);
                    ends.push(pos + at);
                    pos += at + 1;
                }
                // A quote inside an unquoted field, or a `\r` that csv-core takes as a line end.
                Some(_) => return Split::Hard,
            }
        }
    }
    if !escaped_fields {
        return Split::InPlace;
    }
    // Undo `""` field by field in a copy of the line; a field only shrinks, so it stays within
    // its own span.
    scratch.clear();
    scratch.extend_from_slice(line);
    for (start, end) in starts.iter().zip(ends.iter_mut()) {
        let mut write = *start;
        let mut read = *start;
        while read < *end {
            let byte = scratch[read];
            scratch[write] = byte;
            write += 1;
            read += if byte == b'"' { 2 } else { 1 };
        }
        *end = write;
    }
    Split::Unescaped
}

/// The position of the first byte of `haystack` that is one of `needles`, found eight bytes at
/// a time. Fields are a few bytes long: memchr's set-up costs more than the search there, and
/// in WebAssembly (no SIMD) it reads four bytes at a time, where this reads eight.
fn find_any(haystack: &[u8], needles: [u8; 3]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // The high bit of each byte of `word` that equals `needle`. Borrows can also mark a byte
    // above a true match, never below one, so the lowest mark is always right.
    let marks = |word: u64, needle: u8| {
        let diff = word ^ (ONES * u64::from(needle));
        diff.wrapping_sub(ONES) & !diff & HIGHS
    };
    let mut chunks = haystack.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let found = marks(word, needles[0]) | marks(word, needles[1]) | marks(word, needles[2]);
        if found != 0 {
            return Some(offset + found.trailing_zeros() as usize / 8);
        }
        offset += 8;
    }
    chunks.remainder().iter().position(|b| needles.contains(b)).map(|at| offset + at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(input: &[u8], dialect: Dialect, chunk: usize) -> Vec<(u64, Vec<String>)> {
        let mut reader = RecordReader::new(dialect);
        let mut out = Vec::new();
        let mut collect = |r: RawRecord<'_>| {
            if let Some(checked) = r.checked {
                assert_eq!(checked.as_bytes(), r.text);
            }
            let fields = r.fields().map(|f| String::from_utf8_lossy(f).into_owned()).collect();
            out.push((r.line(), fields));
            true
        };
        for piece in input.chunks(chunk) {
            // Text known to be UTF-8 goes the way the importer's does; other pieces as bytes.
            match std::str::from_utf8(piece) {
                Ok(text) => reader.feed_text(text, false, &mut collect),
                Err(_) => reader.feed(piece, false, &mut collect),
            }
        }
        reader.feed(&[], true, &mut collect);
        out
    }

    #[test]
    fn lines_are_physical_and_chunking_is_invisible() {
        let input = b"a,b\n\n\"x\ny\",2\r\nlast,\"3\"";
        let csv = Dialect::CANDIDATES[0];
        let expected = vec![
            (1, vec!["a".to_string(), "b".to_string()]),
            (3, vec!["x\ny".to_string(), "2".to_string()]),
            (5, vec!["last".to_string(), "3".to_string()]),
        ];
        for chunk in 1..input.len() + 1 {
            assert_eq!(records(input, csv, chunk), expected, "chunk {chunk}");
        }
    }

    #[test]
    fn simple_and_hard_lines_mix() {
        let csv = Dialect::CANDIDATES[0];
        // Simple lines around each kind of line the fast path hands to csv-core.
        let input = b"\"Aug 01, 2026\",\"1,746\",$1.80\r\nsay \"\"hi\"\",\"a \"\"b\"\"\",x\r\nx\ry,1\n\"open\nclosed\",2\n\"q\"tail,3\n,,\n";
        let expected = vec![
            (1, vec!["Aug 01, 2026", "1,746", "$1.80"]),
            (2, vec!["say \"\"hi\"\"", "a \"b\"", "x"]),
            (3, vec!["x"]),
            (3, vec!["y", "1"]),
            (4, vec!["open\nclosed", "2"]),
            (6, vec!["qtail", "3"]),
            (7, vec!["", "", ""]),
        ];
        let expected: Vec<(u64, Vec<String>)> =
            expected.into_iter().map(|(line, fields)| (line, fields.into_iter().map(String::from).collect())).collect();
        for chunk in 1..input.len() + 1 {
            assert_eq!(records(input, csv, chunk), expected, "chunk {chunk}");
        }
    }

    /// The records as the `csv` crate (csv-core alone, byte by byte) reads them.
    fn reference_records(input: &[u8], dialect: Dialect) -> Vec<Vec<String>> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(dialect.delimiter)
            .quoting(dialect.quoting)
            .from_reader(input);
        reader
            .byte_records()
            .map(|r| r.map(|r| r.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect()).unwrap_or_default())
            .collect()
    }

    proptest::proptest! {
        /// Whatever the text and wherever the chunks are cut, the fast path and csv-core
        /// together give exactly the records csv-core gives alone.
        #[test]
        fn fast_path_reads_as_csv_core_does(
            text in proptest::collection::vec(proptest::sample::select(vec![b'a', b'1', b' ', b',', b';', b'\t', b'"', b'\r', b'\n']), 0..120),
            dialect in proptest::sample::select(Dialect::CANDIDATES.to_vec()),
            chunk in 1usize..40,
        ) {
            let ours: Vec<Vec<String>> = records(&text, dialect, chunk).into_iter().map(|(_, fields)| fields).collect();
            proptest::prop_assert_eq!(ours, reference_records(&text, dialect));
        }
    }

    proptest::proptest! {
        #[test]
        fn find_any_finds_the_first_needle(
            haystack in proptest::collection::vec(proptest::sample::select(vec![0u8, 1, b'"', b',', 0x7F, 0x80, 0xFF, b'a']), 0..40),
            needles in proptest::array::uniform3(proptest::sample::select(vec![0u8, 1, b'"', b',', 0x80, 0xFF])),
        ) {
            proptest::prop_assert_eq!(find_any(&haystack, needles), haystack.iter().position(|b| needles.contains(b)));
        }
    }

    #[test]
    fn tsv_keeps_bare_quotes() {
        let input = b"sku\tname\nA\tBags, 5.9\"x 4.7\"\n";
        let got = records(input, Dialect::CANDIDATES[1], 5);
        assert_eq!(got[1].1, vec!["A".to_string(), "Bags, 5.9\"x 4.7\"".to_string()]);
    }
}
