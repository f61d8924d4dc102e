//! Delimited text (CSV, semicolon CSV, TSV) read record by record with `csv-core`, in chunks cut
//! anywhere, keeping the 1-based physical line where each record starts.

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
}

/// One record handed to the caller: its text, field ends and where it stands in the file.
pub struct RawRecord<'a> {
    pub text: &'a [u8],
    pub ends: &'a [usize],
    pub position: LinePosition,
}

impl RawRecord<'_> {
    /// The 1-based physical line the record starts on.
    pub fn line(&self) -> u64 {
        self.position.start_line(self.text)
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
        }
    }

    /// Splits `input` into records, calling `on_record` for each complete one; with `last`,
    /// the record cut by the end of the file is completed too. `on_record` returns `false` to
    /// stop early.
    pub fn feed(&mut self, input: &[u8], last: bool, mut on_record: impl FnMut(RawRecord<'_>) -> bool) {
        // csv-core reads an empty input as the end of the file, so an empty chunk (a character
        // still incomplete after decoding) must not reach it before the real end.
        if self.finished || (input.is_empty() && !last) {
            return;
        }
        let mut input = input;
        loop {
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
        let keep_going = on_record(RawRecord { text, ends: &self.ends[..self.ends_len], position });
        self.record_len = 0;
        self.ends_len = 0;
        keep_going
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(input: &[u8], dialect: Dialect, chunk: usize) -> Vec<(u64, Vec<String>)> {
        let mut reader = RecordReader::new(dialect);
        let mut out = Vec::new();
        let mut collect = |r: RawRecord<'_>| {
            let mut fields = Vec::new();
            let mut start = 0;
            for &end in r.ends {
                fields.push(String::from_utf8_lossy(&r.text[start..end]).into_owned());
                start = end;
            }
            out.push((r.line(), fields));
            true
        };
        for piece in input.chunks(chunk) {
            reader.feed(piece, false, &mut collect);
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
    fn tsv_keeps_bare_quotes() {
        let input = b"sku\tname\nA\tBags, 5.9\"x 4.7\"\n";
        let got = records(input, Dialect::CANDIDATES[1], 5);
        assert_eq!(got[1].1, vec!["A".to_string(), "Bags, 5.9\"x 4.7\"".to_string()]);
    }
}
