//! Writes a generated report of N MB for the benchmarks, by default a Sponsored Products search
//! term report in Amazon's daily layout (see `search_term_daily_csv` in
//! `benches/support/generate.rs` for its shape: 60 days, a fixed population of about 3,000
//! targets, Zipf-distributed search terms, so keys repeat day after day with a long tail: 0.28
//! distinct keys per row at 200 MB and 0.17 at 1 GB).
//!
//! `cargo run -p opsbrief-domain --example gen_search_terms -- OUT.csv [MB] [search_term|search_term_summary|business_child]`

#[path = "../benches/support/generate.rs"]
mod generate;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: gen_search_terms OUT.csv [MB, default 50] [search_term|search_term_summary|business_child]");
        std::process::exit(2);
    };
    let megabytes: usize = args.next().and_then(|m| m.parse().ok()).unwrap_or(50);
    let kind = args.next().unwrap_or_else(|| "search_term".to_string());
    let bytes = match kind.as_str() {
        "business_child" => generate::business_child_csv(megabytes << 20, 11),
        // The previous benchmark file: one weekly summary, about one distinct key per two rows.
        "search_term_summary" => generate::search_term_csv(megabytes << 20, 7),
        _ => generate::search_term_daily_csv(megabytes << 20, 7),
    };
    if let Err(e) = std::fs::write(&path, &bytes) {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    }
    println!("wrote {path}: {} bytes", bytes.len());
}
