//! Formats and encodings: .xlsx, UTF-16, Shift_JIS, Windows-1252, semicolon CSV; and the errors a
//! file that is not a report gets.

#[path = "ingest_support/mod.rs"]
mod common;

use common::*;
use opsbrief_domain::dataset::{Cents, Marketplace, Period, TargetingType};
use opsbrief_domain::report::{ImportErrorKind, ReportKind, read_report};

fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
    for unit in text.encode_utf16() {
        bytes.extend(if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
    }
    bytes
}

#[test]
fn xlsx_search_term_report_reads_like_the_csv() {
    let report = load("ads_sp_search_term.xlsx");
    assert_eq!(report.kind, ReportKind::SponsoredProductsSearchTerm);
    assert_eq!(report.rows_read, 3);
    assert_eq!(skipped_lines(&report), vec![5]);
    let ads = ads(&report);
    let auto = &ads.rows[0];
    assert_eq!(auto.campaign, "W_Auto");
    assert_eq!(auto.targeting_type, Some(TargetingType::Auto));
    assert_eq!((auto.totals.impressions, auto.totals.clicks, auto.totals.spend, auto.totals.sales), (1_204, 31, Cents(1_612), Cents(123_450)));
    assert_eq!((auto.totals.orders, auto.totals.units), (41, 43));
    assert_eq!(ads.rows[1].totals.spend, Cents(5_000));
    assert_eq!(report.period, Some(Period::new(day(2026, 9, 1), day(2026, 9, 7))));
    assert_eq!(report.marketplace, Some(Marketplace::US));
}

#[test]
fn utf16_le_and_be_with_bom() {
    let text = String::from_utf8(without_bom(&fixture("business_child_us.csv")).to_vec()).unwrap();
    let expected = read_report("b.csv", text.as_bytes()).unwrap();
    for big_endian in [false, true] {
        let bytes = utf16(&text, big_endian);
        let report = read_report("b.csv", &bytes).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(report.data, expected.data, "big endian: {big_endian}");
        assert_eq!(report.skipped, expected.skipped);
        assert!(report.notes.iter().any(|n| n.contains("UTF-16")), "{:?}", report.notes);
        for size in [1, 3, 64] {
            assert_eq!(read_chunked("b.csv", &bytes, size).unwrap(), report, "chunks of {size}");
        }
    }
}

#[test]
fn utf16_tab_separated_as_excel_saves_unicode_text() {
    let text = String::from_utf8(fixture("returns_fba.txt")).unwrap();
    let report = read_report("returns.txt", &utf16(&text, false)).unwrap();
    assert_eq!(report.kind, ReportKind::ReturnsFba);
    assert_eq!(returns(&report).by_asin[0].units, 3);
}

#[test]
fn shift_jis_japanese_business_report() {
    let text = String::from_utf8(without_bom(&fixture("business_child_jp.csv")).to_vec()).unwrap();
    let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(!unmappable);
    let report = read_report("jp.csv", &sjis).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.kind, ReportKind::BusinessChild);
    assert_eq!(items(&report).items[0].title.as_deref(), Some("マグカップ"));
    assert_eq!(items(&report).items[0].sales, Cents(490_786_000));
    assert!(report.notes.iter().any(|n| n.contains("Shift_JIS")), "{:?}", report.notes);
    for size in [1, 2, 5] {
        assert_eq!(read_chunked("jp.csv", &sjis, size).unwrap(), report, "chunks of {size}");
    }
}

#[test]
fn windows_1252_found_late_in_a_utf8_looking_file_falls_back() {
    // The first non-ASCII byte comes after the header has been read as UTF-8.
    let mut bytes = fixture("returns_fba.txt");
    let at = bytes.windows(7).position(|w| w == b"Pump is").unwrap();
    bytes.splice(at..at, b"Tr\xE8s ".iter().copied());
    let report = read_report("returns.txt", &bytes).unwrap();
    assert_eq!(returns(&report).by_asin[0].comments[0], "Très Pump is 5\" too \"short");
    assert!(report.notes.iter().any(|n| n.contains("Windows-1252")));
    assert_eq!(read_chunked("returns.txt", &bytes, 1).unwrap(), report);
}

#[test]
fn german_ads_search_term_report() {
    let report = load("ads_sp_search_term_de.csv");
    assert_eq!(report.kind, ReportKind::SponsoredProductsSearchTerm);
    let ads = ads(&report);
    assert_eq!(ads.attribution_days, Some(7));
    let mug = &ads.rows[0];
    assert_eq!(mug.search_term, "kaffeetasse");
    assert_eq!(mug.ad_group, "Auto");
    assert_eq!((mug.totals.impressions, mug.totals.clicks, mug.totals.spend, mug.totals.sales), (1_250, 25, Cents(1_000), Cents(8_000)));
    assert_eq!(report.period, Some(Period::new(day(2026, 9, 1), day(2026, 9, 7))));
    assert_eq!(report.currency.as_ref().map(|c| c.code()), Some("EUR"));
}

#[test]
fn empty_files_are_empty() {
    for bytes in [&b""[..], b"\n\n  \r\n", b"\xEF\xBB\xBF"] {
        let err = read_report("empty.csv", bytes).unwrap_err();
        assert_eq!(err.kind, ImportErrorKind::Empty, "{bytes:?}");
        assert!(err.to_string().starts_with("empty.csv: the file is empty"));
    }
}

#[test]
fn binary_files_are_refused_with_what_they_are() {
    let pdf = read_report("report.pdf", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj").unwrap_err();
    assert!(matches!(&pdf.kind, ImportErrorKind::Binary { what } if what.contains("PDF")), "{pdf:?}");
    let png = read_report("shot.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
    assert!(matches!(png.kind, ImportErrorKind::Binary { .. }));
    let zip = read_report("archive.zip", &fixture("not_a_workbook.zip")).unwrap_err();
    assert!(matches!(&zip.kind, ImportErrorKind::Binary { what } if what.contains("zip")), "{zip:?}");
    let nul = read_report("x.bin", b"abc\0def\nghi\0\n").unwrap_err();
    assert!(matches!(nul.kind, ImportErrorKind::Binary { .. }), "{nul:?}");
}

#[test]
fn unknown_csv_names_its_header_and_every_known_kind() {
    let err = read_report("mystery.csv", b"Title row\nfoo,bar,baz\n1,2,3\n").unwrap_err();
    match &err.kind {
        ImportErrorKind::UnknownReport { header } => assert_eq!(header, &["foo", "bar", "baz"]),
        other => panic!("{other:?}"),
    }
    let text = err.to_string();
    assert!(text.starts_with("mystery.csv: this is not a report this page knows."), "{text}");
    for kind in ReportKind::ALL {
        assert!(text.contains(kind.id()), "{}", kind.id());
    }
}

#[test]
fn a_b2b_column_is_never_taken_for_the_total() {
    let bytes = b"(Parent) ASIN,(Child) ASIN,Title,Sessions - Total - B2B,Units Ordered - B2B\nA,B,C,1,2\n";
    let err = read_report("b2b.csv", bytes).unwrap_err();
    assert!(matches!(err.kind, ImportErrorKind::UnknownReport { .. }));
}

#[test]
fn truncated_json_is_truncated_and_other_json_unknown() {
    let bytes = fixture("health_account.json");
    let err = read_report("health.json", &bytes[..bytes.len() / 2]).unwrap_err();
    assert!(matches!(err.kind, ImportErrorKind::Truncated { .. }), "{err:?}");
    assert!(err.line.is_some());
    let err = read_report("other.json", b"{\"reportType\": \"X\"}").unwrap_err();
    assert!(matches!(err.kind, ImportErrorKind::UnknownReport { .. }));
}

#[test]
fn a_file_cut_inside_a_quoted_field_keeps_the_rows_before_it() {
    let bytes = fixture("ads_sp_search_term_us.csv");
    let cut = bytes.iter().rposition(|b| *b == b'"').unwrap();
    let report = read_report("cut.csv", &bytes[..cut - 3]).unwrap();
    assert!(report.rows_read >= 3);
    assert!(ads(&report).rows.iter().any(|r| r.campaign == "W_Auto"));
}

#[test]
fn header_only_file_has_no_rows() {
    let report = read_report("h.csv", b"Date,Ordered Product Sales,Units Ordered,Sessions - Total\n").unwrap();
    assert_eq!(report.kind, ReportKind::BusinessDate);
    assert_eq!(report.rows_read, 0);
    assert_eq!(days(&report).days.len(), 0);
}

#[test]
fn rows_with_extra_filled_fields_are_skipped_with_their_line() {
    let bytes = b"Date,Ordered Product Sales,Units Ordered,Sessions - Total\n2026-09-01,$1.00,1,10\n2026-09-02,$1.00,1,10,extra\n2026-09-03,$1.00,1,10,\n";
    let report = read_report("x.csv", bytes).unwrap();
    assert_eq!(report.rows_read, 3);
    assert_eq!(skipped_lines(&report), vec![3]);
    assert!(report.skipped[0].reason.contains("5 fields"));
    assert_eq!(days(&report).days.len(), 2);
}

#[test]
fn import_errors_serialise_for_the_worker() {
    let err = read_report("x.pdf", b"%PDF-1.4").unwrap_err();
    let json = serde_json::to_string(&err).unwrap();
    let back: opsbrief_domain::report::ImportError = serde_json::from_str(&json).unwrap();
    assert_eq!(back, err);
}

#[test]
fn german_business_report_by_date_with_datum_and_dotted_dates() {
    let text = "Datum;Durch bestellte Produkte erzielter Umsatz;Bestellsumme – B2B;Bestellte Einheiten;Bestellte Einheiten – B2B;Zahl der Bestellposten;Sitzungen – Summe\n\
                01.09.26;1.999,55 €;0,00 €;12;0;11;1.514\n\
                02.09.26;\"100,00 €\";10,00 €;2;1;2;300\n";
    let report = read_report("umsatz.csv", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.kind, ReportKind::BusinessDate);
    let days = &days(&report).days;
    assert_eq!(days.iter().map(|d| d.date).collect::<Vec<_>>(), vec![day(2026, 9, 1), day(2026, 9, 2)]);
    assert_eq!((days[0].sales, days[0].sessions, days[0].units), (Cents(199_955), Some(1_514), 12));
    assert_eq!(days[1].sales_b2b, Cents(1_000));
    assert_eq!(report.currency.as_ref().map(|c| c.code()), Some("EUR"));
}

#[test]
fn japanese_business_report_by_date_with_year_first_dates() {
    let text = "\u{feff}日付,注文商品の売上額,注文された商品点数,注文品目総数,セッション数 - 合計\n2026/09/01,\"￥12,000\",3,3,\"1,200\"\n2026/09/02,￥800,1,1,90\n";
    let report = read_report("jp_date.csv", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.kind, ReportKind::BusinessDate);
    let days = &days(&report).days;
    assert_eq!((days[0].date, days[0].sales, days[0].sessions), (day(2026, 9, 1), Cents(1_200_000), Some(1_200)));
    assert_eq!(report.marketplace, Some(Marketplace::JP));
    assert_eq!(report.period, Some(Period::new(day(2026, 9, 1), day(2026, 9, 2))));
}
