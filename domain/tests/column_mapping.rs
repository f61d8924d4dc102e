//! The column-mapping path end to end, natively: an unknown ERP export fails with the list of
//! known reports, its preview and proposed fields are what the dialog shows, and once the mapping
//! is confirmed the file (and the next one with the same header) is read into canonical figures.

use chrono::NaiveDate;
use opsbrief_domain::dataset::{Cents, Currency, Marketplace, Measure, ReportData};
use opsbrief_domain::mapping::{ColumnMapping, MappedField, SavedMappings, preview};
use opsbrief_domain::report::{ImportErrorKind, Ingest, ReportKind, read_report};

/// A weekly export of a made-up ERP, with a title row, a BOM, quoted thousands and a totals row.
const ERP: &str = "\u{feff}WMS weekly export, shop Acme US\n\
Day,Seller SKU,Product Name,Units Sold,Total Revenue (USD),Ad Spend ($),Ad Sales,Comment\n\
2026-09-01,KET-BLUE,\"Kettle, blue\",12,\"1,234.50\",-45.10,300.00,ok\n\
2026-09-01,KET-RED,\"Kettle, red\",3,99.00,-5.00,0,\n\
2026-09-02,KET-BLUE,\"Kettle, blue\",10,\"1,000.00\",-40.00,250.00,\n\
2026-09-02,KET-RED,\"Kettle, red\",x,10.00,0,0,typo in units\n\
Total,,,25,\"2,333.50\",-90.10,550.00,\n";

fn read_with(mappings: &[ColumnMapping], bytes: &[u8]) -> opsbrief_domain::dataset::LoadedReport {
    let mut ingest = Ingest::with_mappings("erp-week36.csv", mappings.to_vec());
    for chunk in bytes.chunks(17) {
        ingest.push(chunk).expect("a mapped file");
    }
    ingest.finish().expect("a mapped file")
}

fn confirmed_mapping() -> ColumnMapping {
    let p = preview("erp-week36.csv", ERP.as_bytes(), 5).unwrap();
    let mut mapping = ColumnMapping::proposed(&p.header);
    mapping.marketplace = Some(Marketplace::US);
    mapping.currency = Currency::from_code("USD");
    mapping.costs_negative = true;
    mapping
}

#[test]
fn an_unknown_export_is_previewed_with_proposals_then_read_through_the_confirmed_mapping() {
    let error = read_report("erp-week36.csv", ERP.as_bytes()).unwrap_err();
    assert!(matches!(error.kind, ImportErrorKind::UnknownReport { .. }));

    let p = preview("erp-week36.csv", ERP.as_bytes(), 3).unwrap();
    assert_eq!(p.header_row, 2, "the title row is above the header");
    assert_eq!(p.header[4], "Total Revenue (USD)");
    assert_eq!(p.rows.len(), 3);
    assert_eq!(p.rows[0][3], "12");
    let mapping = confirmed_mapping();
    let ids: Vec<Option<&str>> = mapping.fields.iter().map(|f| f.map(MappedField::id)).collect();
    assert_eq!(ids, vec![Some("date"), Some("sku"), Some("title"), Some("units"), Some("sales"), Some("ad_spend"), Some("ad_sales"), None]);
    mapping.validate().unwrap();

    let report = read_with(std::slice::from_ref(&mapping), ERP.as_bytes());
    assert_eq!(report.kind, ReportKind::CustomMapped);
    assert_eq!(report.marketplace, Some(Marketplace::US));
    assert_eq!(report.currency.as_ref().map(|c| c.code()), Some("USD"));
    let d = |day| NaiveDate::from_ymd_opt(2026, 9, day).unwrap();
    assert_eq!(report.period.map(|p| (p.from, p.to)), Some((d(1), d(2))));
    // The typo row and the totals row are skipped with their lines, never summed.
    assert_eq!((report.rows_read, report.rows_skipped), (5, 2));
    assert_eq!(report.skipped.iter().map(|s| s.line).collect::<Vec<_>>(), vec![6, 7]);
    let ReportData::Performance(perf) = &report.data else { panic!("{:?}", report.data) };
    assert_eq!(perf.totals.sales, Cents(233_350));
    assert_eq!(perf.totals.units, 25);
    assert_eq!(perf.totals.ad_spend, Cents(9_010), "costs written negative are read as spend");
    assert_eq!(perf.totals.ad_sales, Cents(55_000));
    assert!(perf.measures.contains(&Measure::Sales) && !perf.measures.contains(&Measure::Sessions));
    let blue = perf.items.iter().find(|i| i.sku.as_deref() == Some("KET-BLUE")).unwrap();
    assert_eq!((blue.totals.units, blue.totals.sales), (22, Cents(223_450)));
    assert_eq!(blue.title.as_deref(), Some("Kettle, blue"));
    assert_eq!(perf.days.get(&d(1)).map(|t| t.sales), Some(Cents(133_350)));
}

#[test]
fn the_next_file_with_the_same_header_is_read_with_the_saved_mapping() {
    let mut saved = SavedMappings::default();
    saved.upsert(confirmed_mapping());
    // Stored in the workspace and read back, as after a reload.
    let (saved, problem) = SavedMappings::from_value(&saved.to_value());
    assert_eq!(problem, None);
    let next_week = ERP.replace("2026-09-0", "2026-09-1").replace("WMS weekly export, shop Acme US", "WMS weekly export");
    let report = read_with(&saved.mappings, next_week.as_bytes());
    assert_eq!(report.kind, ReportKind::CustomMapped);
    let ReportData::Performance(perf) = &report.data else { panic!() };
    assert_eq!(perf.totals.units, 25);
    // A file with another header is still unknown.
    let other = ERP.replace("Units Sold", "Pieces");
    let mut ingest = Ingest::with_mappings("other.csv", saved.mappings.clone());
    let result = ingest.push(other.as_bytes()).and_then(|()| ingest.finish());
    assert!(matches!(result.unwrap_err().kind, ImportErrorKind::UnknownReport { .. }));
}

#[test]
fn a_mapped_workbook_is_read_like_the_csv() {
    use rust_xlsxwriter::Workbook;
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let rows: Vec<Vec<&str>> = ERP.trim_start_matches('\u{feff}').lines().skip(1).take(4).map(|l| {
        // The fixture's quoted cells hold commas; split the simple way and rejoin them.
        let mut cells = Vec::new();
        let mut rest = l;
        while !rest.is_empty() {
            if let Some(stripped) = rest.strip_prefix('"') {
                let end = stripped.find('"').unwrap();
                cells.push(&stripped[..end]);
                rest = stripped[end + 1..].strip_prefix(',').unwrap_or("");
            } else {
                let end = rest.find(',').unwrap_or(rest.len());
                cells.push(&rest[..end]);
                rest = rest.get(end + 1..).unwrap_or("");
            }
        }
        cells
    }).collect();
    for (r, cells) in rows.iter().enumerate() {
        for (c, cell) in cells.iter().enumerate() {
            match cell.replace(',', "").parse::<f64>() {
                Ok(n) if r > 0 && c >= 3 => sheet.write_number(r as u32, c as u16, n).unwrap(),
                _ => sheet.write_string(r as u32, c as u16, *cell).unwrap(),
            };
        }
    }
    let bytes = workbook.save_to_buffer().unwrap();
    let p = preview("erp.xlsx", &bytes, 5).unwrap();
    assert_eq!(p.header[1], "Seller SKU");
    assert_eq!(p.encoding, "xlsx");
    let report = read_with(&[confirmed_mapping()], &bytes);
    assert_eq!(report.kind, ReportKind::CustomMapped);
    let ReportData::Performance(perf) = &report.data else { panic!() };
    assert_eq!(perf.totals.sales, Cents(233_350));
    assert_eq!(perf.totals.units, 25);
}
