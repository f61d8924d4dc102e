//! Ingestion throughput, in MB/s per kind: a ~50 MB Sponsored Products search term CSV in the
//! daily layout (60 days of a fixed account, keys repeating day after day with a long tail; see
//! `search_term_daily_csv`), the same report as one weekly summary with about one distinct key
//! per two rows (the older benchmark file, a worst case for the aggregation), and a ~20 MB
//! Business Report by child item, read whole and in 1 MiB chunks as the Web Worker will push them.
//!
//! Each kind is measured twice: in wall time, and in the benchmark thread's CPU time (the second
//! set of groups), which is the figure to trust on a machine shared with other work.
//!
//! Run with `cargo bench -p opsbrief-domain --bench ingest`.

#[path = "support/cpu_time.rs"]
mod cpu_time;
#[path = "support/generate.rs"]
mod generate;

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::Measurement;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use cpu_time::ThreadCpuTime;
use opsbrief_domain::dataset::LoadedReport;
use opsbrief_domain::report::{Ingest, read_report};

fn read_in_chunks(name: &str, bytes: &[u8], chunk: usize) -> LoadedReport {
    let mut ingest = Ingest::new(name);
    for piece in bytes.chunks(chunk) {
        ingest.push(piece).expect("generated file reads");
    }
    ingest.finish().expect("generated file reads")
}

fn bench_kind<M: Measurement>(c: &mut Criterion<M>, clock: &str, name: &str, bytes: &[u8]) {
    let report = read_report(name, bytes).expect("generated file reads");
    eprintln!("{name}: {} bytes, {} rows, {} skipped, kind {}", bytes.len(), report.rows_read, report.rows_skipped, report.kind);
    let mut group = c.benchmark_group(format!("{clock}/{name}"));
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    // The page keeps the report it read, so freeing it is not part of reading: it is dropped
    // outside the timed section.
    group.bench_function("read_report", |b| b.iter_with_large_drop(|| read_report(name, black_box(bytes))));
    group.bench_function("ingest_1MiB_chunks", |b| b.iter_with_large_drop(|| read_in_chunks(name, black_box(bytes), 1 << 20)));
    group.finish();
}

fn ingest<M: Measurement>(c: &mut Criterion<M>, clock: &str) {
    let search_terms = generate::search_term_daily_csv(50 << 20, 7);
    bench_kind(c, clock, "ads.sp.search_term", &search_terms);
    drop(search_terms);
    let summary = generate::search_term_csv(50 << 20, 7);
    bench_kind(c, clock, "ads.sp.search_term.summary", &summary);
    drop(summary);
    let business = generate::business_child_csv(20 << 20, 11);
    bench_kind(c, clock, "business.child", &business);
}

fn ingest_wall(c: &mut Criterion) {
    ingest(c, "wall");
}

fn ingest_cpu(c: &mut Criterion<ThreadCpuTime>) {
    ingest(c, "cpu");
}

criterion_group!(wall_time, ingest_wall);
criterion_group! {
    name = cpu_time;
    config = Criterion::default().with_measurement(ThreadCpuTime);
    targets = ingest_cpu
}
criterion_main!(wall_time, cpu_time);
