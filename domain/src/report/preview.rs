//! The first rows of a file the page does not recognise, for the column-mapping dialog.
//!
//! The same steps as reading a report, minus the kind: the encoding is sniffed, each dialect
//! (comma, tab, semicolon) splits the first rows, and the one that splits them into the most
//! consistent columns wins. The header is the first of those rows that is as wide as the widest
//! (title rows above a header have fewer cells).

use serde::{Deserialize, Serialize};

use super::HEADER_SCAN_ROWS;
use super::csv_stream::{Dialect, RawRecord, RecordReader};
use super::error::{ImportError, ImportErrorKind};
use super::ingest::record_cells;
use super::xlsx;
use crate::text::encoding::{StreamDecoder, sniff_encoding};

/// What the mapping dialog shows of a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    /// The header cells as written.
    pub header: Vec<String>,
    /// The first data rows, each as wide as the header (short rows padded, long rows cut).
    pub rows: Vec<Vec<String>>,
    /// The 1-based row of the header in the file (title rows stand above it).
    pub header_row: usize,
    /// How the text was decoded (`UTF-8`, `GB18030`, ...), or `xlsx`.
    pub encoding: String,
    /// The field delimiter, for delimited text.
    pub delimiter: Option<char>,
}

/// The header and first `max_rows` data rows of `bytes` (the start of the file is enough).
pub fn preview(file_name: &str, bytes: &[u8], max_rows: usize) -> Result<Preview, ImportError> {
    let error = |kind| ImportError::new(kind, file_name);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(error(ImportErrorKind::Empty));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        let rows = xlsx::first_rows(file_name, bytes, HEADER_SCAN_ROWS + max_rows)?;
        return Ok(shape(rows, max_rows, "xlsx".to_string(), None));
    }
    if bytes[..bytes.len().min(8192)].contains(&0) && !matches!(bytes.get(..2), Some([0xFF, 0xFE] | [0xFE, 0xFF])) {
        return Err(error(ImportErrorKind::Binary { what: "a binary file".to_string() }));
    }
    let encoding = sniff_encoding(bytes, false);
    let mut decoder = StreamDecoder::new(encoding.encoding);
    let mut text = Vec::new();
    decoder.decode(&bytes[encoding.bom_len.min(bytes.len())..], false, &mut text);
    let mut best: Option<(usize, Dialect, Vec<Vec<String>>)> = None;
    for dialect in Dialect::CANDIDATES {
        let rows = split(&text, dialect, HEADER_SCAN_ROWS + max_rows);
        let score = consistency(&rows);
        if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
            best = Some((score, dialect, rows));
        }
    }
    let Some((_, dialect, rows)) = best else {
        return Err(error(ImportErrorKind::Empty));
    };
    Ok(shape(rows, max_rows, decoder.encoding().name().to_string(), Some(dialect.delimiter as char)))
}

/// The first `limit` records of `text` split with `dialect`, cells trimmed.
fn split(text: &[u8], dialect: Dialect, limit: usize) -> Vec<Vec<String>> {
    let mut reader = RecordReader::new(dialect);
    let mut rows = Vec::new();
    reader.feed(text, false, |record: RawRecord<'_>| {
        let cells = record_cells(&record);
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push(cells);
        }
        rows.len() < limit
    });
    rows
}

/// How well a dialect split the rows: the number of rows as wide as the most common width
/// (above one column), times that width. One column everywhere scores nothing.
fn consistency(rows: &[Vec<String>]) -> usize {
    let mut counts: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for row in rows {
        *counts.entry(row.len()).or_default() += 1;
    }
    counts.into_iter().filter(|(width, _)| *width > 1).map(|(width, n)| n * width).max().unwrap_or(0)
}

/// Picks the header among the first rows and pads the data rows to its width.
fn shape(rows: Vec<Vec<String>>, max_rows: usize, encoding: String, delimiter: Option<char>) -> Preview {
    let filled = |row: &Vec<String>| row.iter().filter(|c| !c.is_empty()).count();
    let widest = rows.iter().take(HEADER_SCAN_ROWS).map(filled).max().unwrap_or(0);
    let header_index = rows.iter().position(|r| filled(r) == widest).unwrap_or(0);
    let mut header = rows.get(header_index).cloned().unwrap_or_default();
    while header.last().is_some_and(String::is_empty) {
        header.pop();
    }
    let width = header.len();
    let rows = rows
        .into_iter()
        .skip(header_index + 1)
        .take(max_rows)
        .map(|mut row| {
            row.resize(width, String::new());
            row
        })
        .collect();
    Preview { header, rows, header_row: header_index + 1, encoding, delimiter }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_semicolon_sheet_with_a_title_row_is_previewed_from_its_header() {
        let file = "Weekly export\nDatum;Artikel;Umsatz;Menge\n01.09.2026;A-1;\"1.234,50\";3\n02.09.2026;A-2;99,00;1\n";
        let p = preview("x.csv", file.as_bytes(), 5).unwrap();
        assert_eq!(p.header, vec!["Datum", "Artikel", "Umsatz", "Menge"]);
        assert_eq!(p.header_row, 2);
        assert_eq!(p.delimiter, Some(';'));
        assert_eq!(p.rows, vec![vec!["01.09.2026", "A-1", "1.234,50", "3"], vec!["02.09.2026", "A-2", "99,00", "1"]]);
    }

    #[test]
    fn short_rows_are_padded_and_binary_or_empty_files_are_errors() {
        let p = preview("x.tsv", b"a\tb\tc\n1\t2\n", 5).unwrap();
        assert_eq!((p.delimiter, p.rows.clone()), (Some('\t'), vec![vec!["1".to_string(), "2".to_string(), String::new()]]));
        assert!(matches!(preview("e.csv", b"  \n", 5).unwrap_err().kind, ImportErrorKind::Empty));
        assert!(matches!(preview("b.bin", b"ab\0cd\0", 5).unwrap_err().kind, ImportErrorKind::Binary { .. }));
    }
}
