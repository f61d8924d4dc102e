//! Robustness: arbitrary bytes and arbitrary mutations of valid fixtures, pushed in arbitrary
//! chunks, never panic, and reading in chunks always gives exactly what reading whole gives.

use opsbrief_domain::dataset::LoadedReport;
use opsbrief_domain::report::{ImportError, Ingest, read_report};
use proptest::prelude::*;

const FIXTURES: &[&str] = &[
    "business_child_us.csv",
    "business_child_all_columns.csv",
    "business_child_de.csv",
    "business_child_jp.csv",
    "business_child_zh.csv",
    "business_date_in.csv",
    "business_date_us_all_columns.csv",
    "ads_sp_search_term_us.csv",
    "ads_sp_targeting_de.csv",
    "ads_console_advertised_product.csv",
    "ads_campaign_manager.csv",
    "ads_sb_campaign_daily.csv",
    "ads_sd_campaign_daily.csv",
    "ads_sp_search_term.xlsx",
    "fba_inventory_planning.csv",
    "fba_inventory_planning.tsv",
    "fba_manage_inventory_cp1252.txt",
    "fba_restock.csv",
    "orders_all_spapi.txt",
    "returns_fba.txt",
    "returns_mfn.txt",
    "orders_fba_shipments.txt",
    "health_account.json",
];

/// Cases per property: `PROPTEST_CASES` when set (a long local run), else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture exists")
}

/// Pushes `bytes` cut at the given fractions of its length.
fn read_in_pieces(bytes: &[u8], cuts: &[f64]) -> Result<LoadedReport, ImportError> {
    let mut points: Vec<usize> = cuts.iter().map(|c| (c * bytes.len() as f64) as usize).collect();
    points.push(bytes.len());
    points.sort_unstable();
    let mut ingest = Ingest::new("fuzz_2026-09-01_2026-09-07.csv");
    let mut start = 0;
    for end in points {
        let end = end.min(bytes.len());
        if end > start {
            ingest.push(&bytes[start..end])?;
            // The progress figures must be callable at any time.
            let _ = (ingest.bytes_read(), ingest.rows_read(), ingest.kind());
            start = end;
        }
    }
    ingest.finish()
}

fn check(bytes: &[u8], cuts: &[f64]) -> Result<(), TestCaseError> {
    let whole = read_report("fuzz_2026-09-01_2026-09-07.csv", bytes);
    let pieces = read_in_pieces(bytes, cuts);
    prop_assert_eq!(&pieces, &whole);
    if let Ok(report) = &whole {
        prop_assert!(report.rows_skipped <= report.rows_read);
        prop_assert!(report.skipped.len() as u64 == report.rows_skipped.min(LoadedReport::MAX_LISTED_SKIPS as u64));
    }
    if let Err(error) = &whole {
        // Every error has something to say.
        prop_assert!(error.to_string().len() > 20);
    }
    Ok(())
}

/// One edit of a valid file, aimed at the characters that matter to a reader.
#[derive(Clone, Debug)]
enum Mutation {
    Flip { at: f64, byte: u8 },
    Insert { at: f64, bytes: Vec<u8> },
    Delete { at: f64, len: usize },
    Truncate { at: f64 },
    Duplicate { at: f64, len: usize },
}

fn interesting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        Just(b','),
        Just(b'"'),
        Just(b'\n'),
        Just(b'\r'),
        Just(b'\t'),
        Just(b';'),
        Just(b'-'),
        Just(b'%'),
        Just(b'$'),
        Just(b'.'),
        Just(b'9'),
        Just(0u8),
        Just(0xE8u8),
        Just(0xEFu8),
        Just(0xFFu8),
        any::<u8>(),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0.0..1.0f64, interesting_byte()).prop_map(|(at, byte)| Mutation::Flip { at, byte }),
        (0.0..1.0f64, prop::collection::vec(interesting_byte(), 1..6)).prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (0.0..1.0f64, 1..40usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (0.0..1.0f64).prop_map(|at| Mutation::Truncate { at }),
        (0.0..1.0f64, 1..200usize).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
    ]
}

fn apply(bytes: &mut Vec<u8>, mutation: &Mutation) {
    let position = |at: f64, len: usize| ((at * len as f64) as usize).min(len);
    match mutation {
        Mutation::Flip { at, byte } => {
            if !bytes.is_empty() {
                let i = position(*at, bytes.len() - 1);
                bytes[i] = *byte;
            }
        }
        Mutation::Insert { at, bytes: new } => {
            let i = position(*at, bytes.len());
            bytes.splice(i..i, new.iter().copied());
        }
        Mutation::Delete { at, len } => {
            let i = position(*at, bytes.len());
            let end = (i + len).min(bytes.len());
            bytes.drain(i..end);
        }
        Mutation::Truncate { at } => {
            let i = position(*at, bytes.len());
            bytes.truncate(i);
        }
        Mutation::Duplicate { at, len } => {
            let i = position(*at, bytes.len());
            let end = (i + len).min(bytes.len());
            let copy = bytes[i..end].to_vec();
            bytes.splice(end..end, copy);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(1500)))]

    #[test]
    fn arbitrary_bytes_never_panic_and_chunks_match(
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
        cuts in prop::collection::vec(0.0..1.0f64, 0..12),
    ) {
        check(&bytes, &cuts)?;
    }

    #[test]
    fn arbitrary_text_lines_never_panic_and_chunks_match(
        lines in prop::collection::vec("[a-zA-Z0-9 ,;\\t\"$%.\\-/()]{0,60}", 0..30),
        cuts in prop::collection::vec(0.0..1.0f64, 0..12),
    ) {
        let text = lines.join("\n");
        check(text.as_bytes(), &cuts)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(1000)))]

    #[test]
    fn mutated_fixtures_never_panic_and_chunks_match(
        fixture_index in 0..FIXTURES.len(),
        mutations in prop::collection::vec(mutation(), 1..6),
        cuts in prop::collection::vec(0.0..1.0f64, 0..16),
    ) {
        let mut bytes = fixture(FIXTURES[fixture_index]);
        for mutation in &mutations {
            apply(&mut bytes, mutation);
        }
        check(&bytes, &cuts)?;
    }

    #[test]
    fn valid_fixtures_in_any_chunks_read_the_same(
        fixture_index in 0..FIXTURES.len(),
        cuts in prop::collection::vec(0.0..1.0f64, 1..40),
    ) {
        let bytes = fixture(FIXTURES[fixture_index]);
        prop_assert!(read_report("f.csv", &bytes).is_ok(), "{} must read", FIXTURES[fixture_index]);
        check(&bytes, &cuts)?;
    }
}
