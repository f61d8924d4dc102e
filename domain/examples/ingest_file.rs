//! Times the streaming reader on a file from disk, fed in the same 4 MiB slices the browser's
//! import worker uses, and prints the native throughput: the figure the in-browser benchmark
//! (`scripts/bench-browser.mjs`) compares the WebAssembly build against.
//!
//! ```sh
//! cargo run --release -p opsbrief-domain --example ingest_file -- search_terms.csv
//! ```

use std::io::Read;
use std::time::Instant;

use opsbrief_domain::report::Ingest;

const CHUNK: usize = 4 * 1024 * 1024;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: ingest_file <path>");
        std::process::exit(2);
    };
    let mut file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("cannot open {path}: {e}");
            std::process::exit(1);
        }
    };
    let started = Instant::now();
    let mut ingest = Ingest::new(&path);
    let mut buffer = vec![0; CHUNK];
    loop {
        let n = match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => {
                eprintln!("read error: {e}");
                std::process::exit(1);
            }
        };
        if let Err(e) = ingest.push(&buffer[..n]) {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
    let bytes = ingest.bytes_read();
    match ingest.finish() {
        Ok(report) => {
            let secs = started.elapsed().as_secs_f64();
            let keys = match &report.data {
                opsbrief_domain::dataset::ReportData::Ads(ads) => ads.rows.len(),
                _ => 0,
            };
            println!(
                "{{\"kind\":\"{}\",\"bytes\":{bytes},\"rows\":{},\"keys\":{keys},\"seconds\":{secs:.3},\"mb_per_s\":{:.1}}}",
                report.kind,
                report.rows_read,
                bytes as f64 / 1e6 / secs
            );
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
