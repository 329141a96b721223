//! `ftnote audit` throughput: a CSV export of labelled notes (mixed kinds
//! and languages, half without a language column, dates in every form),
//! read twice as from a file and checked on every core. Target: ≥ 200,000
//! notes a second on two cores.

mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ftnote::audit::{Options, run};
use ftnote::check::Checker;
use std::hint::black_box;
use std::io::Read;
use std::sync::Arc;
use std::time::Duration;

const ROWS: usize = 50_000;

fn audit(c: &mut Criterion) {
    let export: Arc<Vec<u8>> = Arc::new(common::export_csv(ROWS));
    let checker = Checker::builtin();
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let opts = Options {
        text_column: "text".into(),
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).expect("date"),
        kind: None,
        status: None,
        lang: None,
        threads,
        copy_memory: 2_000_000,
    };
    let open = || -> ftnote::Result<Box<dyn Read + Send>> {
        Ok(Box::new(std::io::Cursor::new(
            Arc::clone(&export).as_ref().clone(),
        )))
    };
    let mut g = c.benchmark_group("audit");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.throughput(Throughput::Elements(ROWS as u64));
    g.bench_function(
        format!("{ROWS} notes from a CSV file, {threads} threads"),
        |b| {
            b.iter(|| {
                let s =
                    run(open().expect("open"), Some(&open), false, &checker, &opts).expect("audit");
                assert_eq!(s.notes, ROWS as u64);
                black_box(s)
            });
        },
    );
    g.bench_function(
        format!("{ROWS} notes read once (standard input), {threads} threads"),
        |b| {
            b.iter(|| {
                black_box(run(open().expect("open"), None, false, &checker, &opts).expect("audit"))
            });
        },
    );
    g.finish();
}

criterion_group!(benches, audit);
criterion_main!(benches);
