//! `.xlsx` workbooks (classic Ads console downloads), read with `calamine`.
//!
//! The first sheet with a known header is turned into rows of text and goes through the same header detection and
//! per-kind readers as CSV, so a report reads the same in both formats. Typed numbers become
//! their plain decimal text; date cells become ISO days.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, XlsxError};

use super::csv_stream::{LinePosition, RawRecord};
use super::detect::{Header, detect_kind};
use super::error::{ImportError, ImportErrorKind};
use super::ingest::{HEADER_SCAN_ROWS, finish_report, handle_record};
use super::{ReportKind, make_sink};
use crate::mapping::ColumnMapping;
use super::row::ReadContext;
use crate::dataset::LoadedReport;
use crate::text::number::DecimalStyle;

/// Opens a workbook, or says why it cannot be read.
fn open(file_name: &str, bytes: &[u8]) -> Result<Xlsx<Cursor<Vec<u8>>>, ImportError> {
    let error = |kind| ImportError::new(kind, file_name);
    Xlsx::new(Cursor::new(bytes.to_vec())).map_err(|e| match e {
        XlsxError::Zip(zip) if !bytes.windows(15).any(|w| w == b"xl/workbook.xml") => {
            error(ImportErrorKind::Binary { what: format!("a zip archive that is not an .xlsx workbook ({zip})") })
        }
        XlsxError::FileNotFound(_) => error(ImportErrorKind::Binary { what: "a zip archive that is not an .xlsx workbook".to_string() }),
        other => error(ImportErrorKind::Xlsx { detail: other.to_string() }),
    })
}

/// The first `limit` non-blank rows of the first sheet as text, for the column-mapping preview.
pub(crate) fn first_rows(file_name: &str, bytes: &[u8], limit: usize) -> Result<Vec<Vec<String>>, ImportError> {
    let mut workbook = open(file_name, bytes)?;
    let range = match workbook.worksheet_range_at(0) {
        Some(Ok(range)) => range,
        Some(Err(e)) => return Err(ImportError::new(ImportErrorKind::Xlsx { detail: e.to_string() }, file_name)),
        None => return Err(ImportError::new(ImportErrorKind::Empty, file_name)),
    };
    Ok(range
        .rows()
        .map(|cells| cells.iter().map(|c| cell_text(c, DecimalStyle::Point).trim().to_string()).collect::<Vec<_>>())
        .filter(|cells| cells.iter().any(|c| !c.is_empty()))
        .take(limit)
        .collect())
}

/// Reads the first sheet of a workbook that has a known report header, or a header the user
/// mapped (read with that saved column mapping).
pub fn read(file_name: &str, bytes: &[u8], fingerprint: u64, mappings: &[ColumnMapping]) -> Result<LoadedReport, ImportError> {
    let error = |kind| ImportError::new(kind, file_name);
    let mut workbook = open(file_name, bytes)?;
    // The report is on the first sheet, except in exports that put a summary first (Lingxing's
    // FBA货件 has its rows on a later `货件详情` sheet): the first sheet with a known header wins.
    let sheets = workbook.sheet_names().len().max(1);
    let mut widest: Vec<String> = Vec::new();
    let mut any_cells = false;
    let mut found = None;
    for sheet in 0..sheets {
        let range = match workbook.worksheet_range_at(sheet) {
            Some(Ok(range)) => range,
            Some(Err(e)) if sheet == 0 => return Err(error(ImportErrorKind::Xlsx { detail: e.to_string() })),
            None if sheet == 0 => return Err(error(ImportErrorKind::Empty)),
            _ => continue,
        };
        // Header rows are read as text first; data rows are turned into text once the file's
        // decimal style is known, so a typed 0.125 in a German workbook stays 0.125 and not 125.
        let rows: Vec<Vec<String>> =
            range.rows().take(HEADER_SCAN_ROWS).map(|cells| cells.iter().map(|c| cell_text(c, DecimalStyle::Point)).collect()).collect();
        any_cells |= rows.iter().any(|r| r.iter().any(|c| !c.trim().is_empty())) || range.rows().nth(HEADER_SCAN_ROWS).is_some();
        let mut on_sheet = None;
        for (index, cells) in rows.iter().enumerate() {
            let header = Header::new(cells.iter().map(String::as_str));
            if header.filled() > widest.len() {
                widest = header.original.iter().filter(|c| !c.is_empty()).take(40).cloned().collect();
            }
            if let Some(kind) = detect_kind(&header) {
                on_sheet = Some((index, kind, header, None));
                break;
            }
            // Mapped layouts are the user's own sheets: only the first sheet is theirs to map.
            if sheet == 0
                && let Some(mapping) = mappings.iter().find(|m| m.matches(&header.names))
            {
                on_sheet = Some((index, ReportKind::CustomMapped, header, Some(mapping)));
                break;
            }
        }
        if let Some((header_index, kind, header, mapping)) = on_sheet {
            found = Some((range, header_index, kind, header, mapping));
            break;
        }
    }
    let Some((range, header_index, kind, header, mapping)) = found else {
        return Err(error(if any_cells { ImportErrorKind::UnknownReport { header: widest } } else { ImportErrorKind::Empty }));
    };
    let first_line = u64::from(range.start().map_or(0, |(row, _)| row)) + 1;
    let style = if header.is_german() { DecimalStyle::Comma } else { DecimalStyle::Point };
    let mut ctx = ReadContext::new(style);
    let mut sink = make_sink(kind, &header, &mut ctx, mapping);
    let mut text = String::new();
    let mut ends = Vec::new();
    for (index, cells) in range.rows().enumerate().skip(header_index + 1) {
        text.clear();
        ends.clear();
        for cell in cells {
            text.push_str(&cell_text(cell, style));
            ends.push(text.len());
        }
        // Spreadsheets pad short rows with empty cells; trailing ones are not extra fields.
        while ends.len() > header.names.len() && ends.len() >= 2 && ends[ends.len() - 1] == ends[ends.len() - 2] {
            ends.pop();
        }
        let record = RawRecord { text: text.as_bytes(), checked: Some(&text), ends: &ends, starts: None, position: LinePosition::Line(first_line + index as u64) };
        handle_record(&record, header.names.len(), sink.as_mut(), &mut ctx);
    }
    Ok(finish_report(file_name, kind, sink, ctx, fingerprint))
}

/// A cell as the text a CSV download would hold, decimals written in the file's style.
fn cell_text(cell: &Data, style: DecimalStyle) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::Float(f) => float_text(*f, style),
        Data::DateTime(dt) => excel_day(dt.as_f64()).map_or_else(|| float_text(dt.as_f64(), style), |d| d.to_string()),
    }
}

fn float_text(value: f64, style: DecimalStyle) -> String {
    if value.is_finite() && value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else if style == DecimalStyle::Comma {
        format!("{value}").replace('.', ",")
    } else {
        format!("{value}")
    }
}

/// Excel's day serial (1900 system) to a date: day 1 is 1900-01-01 and serial 60 is the fictitious
/// 29 February 1900, so serials count from 1899-12-30.
fn excel_day(serial: f64) -> Option<chrono::NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    base.checked_add_signed(chrono::Duration::days(serial.floor() as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_cells_become_csv_text() {
        let point = DecimalStyle::Point;
        assert_eq!(cell_text(&Data::Float(1204.0), point), "1204");
        assert_eq!(cell_text(&Data::Float(16.12), point), "16.12");
        assert_eq!(cell_text(&Data::Float(0.0257), point), "0.0257");
        // In a German workbook a typed 0.125 must not read as 125 (three digits after a point).
        let comma = DecimalStyle::Comma;
        let text = cell_text(&Data::Float(0.125), comma);
        assert_eq!(crate::text::number::parse_float(&text, comma), Ok(Some(0.125)));
        assert_eq!(excel_day(46266.0), chrono::NaiveDate::from_ymd_opt(2026, 9, 1));
    }

    #[test]
    fn a_zip_that_is_not_a_workbook_is_binary() {
        let err = read("x.xlsx", b"PK\x03\x04garbage", 0, &[]).unwrap_err();
        assert!(matches!(err.kind, ImportErrorKind::Binary { .. } | ImportErrorKind::Xlsx { .. }), "{err:?}");
    }
}
