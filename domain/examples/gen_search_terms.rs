//! Writes a realistic Sponsored Products search term CSV of N MB, for the in-browser benchmark.
//!
//! `cargo run -p opsbrief-domain --example gen_search_terms -- OUT.csv [MB] [search_term|business_child]`

#[path = "../benches/support/generate.rs"]
mod generate;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: gen_search_terms OUT.csv [MB, default 50] [search_term|business_child]");
        std::process::exit(2);
    };
    let megabytes: usize = args.next().and_then(|m| m.parse().ok()).unwrap_or(50);
    let kind = args.next().unwrap_or_else(|| "search_term".to_string());
    let bytes = match kind.as_str() {
        "business_child" => generate::business_child_csv(megabytes << 20, 11),
        _ => generate::search_term_csv(megabytes << 20, 7),
    };
    if let Err(e) = std::fs::write(&path, &bytes) {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    }
    println!("wrote {path}: {} bytes", bytes.len());
}
