//! The cost of one note as it grows, 1 KB to 1 MB, for contents that have
//! made the checker crawl ("due to ", "[x] ", "currently " repeated, label
//! lines, an Exec Summary's workload list) and for prose in English and
//! Japanese. Kind, status and language are inferred,
//! as for a paste. Doubling the size should at most double the time.
//!
//! A point whose single check takes over `FTNOTE_BENCH_BUDGET_MS` (default
//! 2,000) is printed and the larger sizes of that content are skipped, so
//! the bench finishes; `FTNOTE_BENCH_MAX_KB` caps the sizes (default 1024).

mod common;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ftnote::check::{Checker, Input};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// `head`, then `unit` repeated to `bytes` (cut at a character boundary).
fn fill(head: &str, unit: &str, bytes: usize) -> String {
    let mut s = String::from(head);
    s.push_str(&unit.repeat(bytes.saturating_sub(head.len()) / unit.len() + 1));
    s.truncate(s.floor_char_boundary(bytes));
    s
}

/// The headings of an English Exec Summary, down to its workload list.
const EXEC_HEAD: &str = "EXEC SUMMARY
- DESCRIBE THE CUSTOMER: Regional bank, 7,500 users, moving off Notes
- STATUS OF THE ENGAGEMENT: Fully Engaged
- M365 DEPLOYMENT PROGRESS: Partially Deployed
- OVERVIEW OF CURRENT RELATIONSHIP WITH CUSTOMER/PARTNER/ACCOUNT TEAM: Strong ATU alignment
- SNAPSHOT OF KEY WORKLOADS CURRENT STATUS AND NEXT ACTIONS:
";

fn scaling(c: &mut Criterion) {
    let cases = common::cases();
    let prose: String = cases
        .iter()
        .filter(|c| c.lang == "en" && c.kind == "entitlement")
        .flat_map(|c| [c.text.as_str(), " "])
        .collect();
    let cjk: String = cases
        .iter()
        .filter(|c| c.lang == "ja" && c.kind == "entitlement")
        .map(|c| c.text.clone())
        .collect();
    let contents: [(&str, &str, &str); 7] = [
        ("due to", "", "due to "),
        ("[x]", "", "[x] "),
        ("currently", "", "currently "),
        ("labels", "", "Next Action: call\n"),
        (
            "workload list",
            EXEC_HEAD,
            "  - [EXO] Exchange Online - 60% of mailboxes migrated, the rest in Jan 2027\n",
        ),
        ("prose", "", &prose),
        ("japanese", "", &cjk),
    ];
    let max_kb = env_num("FTNOTE_BENCH_MAX_KB", 1024);
    let budget = Duration::from_millis(env_num("FTNOTE_BENCH_BUDGET_MS", 2000));
    let checker = Checker::builtin();
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
    let check = |text: &str| {
        checker.check(&Input {
            text,
            kind: None,
            status: None,
            lang: None,
            as_of,
        })
    };
    let mut g = c.benchmark_group("scaling");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_secs(2));
    for (name, head, unit) in contents {
        for kb in [1u64, 4, 16, 64, 256, 1024]
            .into_iter()
            .filter(|kb| *kb <= max_kb)
        {
            let text = fill(head, unit, usize::try_from(kb * 1024).expect("size"));
            let t = Instant::now();
            black_box(check(&text));
            let once = t.elapsed();
            if once > budget {
                println!(
                    "scaling/{name}/{kb} KB: one check took {:.2} s, over the budget; larger sizes skipped",
                    once.as_secs_f64()
                );
                break;
            }
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_with_input(BenchmarkId::new(name, format!("{kb} KB")), &text, |b, t| {
                b.iter(|| black_box(check(t)));
            });
        }
    }
    g.finish();
}

criterion_group!(benches, scaling);
criterion_main!(benches);
