//! Lint speed: throughput on realistic two-sentence notes (target ≥ 100,000
//! notes/s on one core) and one lint of a 5,000-character text (target
//! < 100 µs).

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ftnote::check::{Checker, Input};
use ftnote::lang::Lang;
use std::hint::black_box;

const NOTES: &[(&str, &str)] = &[
    (
        "blocked",
        "Because a firewall does not route traffic correctly, the customer will not deploy the service, as no connection to the mailboxes can be established.",
    ),
    (
        "blocked",
        "Unable to deploy Exchange Online because the on-premises proxy does not support TLS 1.2. Customer is blocked until the proxy replacement budgeted for Q2 is installed.",
    ),
    (
        "no-intent",
        "Customer shows no intent to onboard the workload because of the ongoing acquisition of another company, which must be completed before any onboarding activities can occur.",
    ),
    (
        "no-intent",
        "Customer is not interested in deploying Teams Phone due to a five-year contract for their Mitel PBX that runs until 2029.",
    ),
    (
        "in-progress",
        "Customer continues the deployment process and is currently working on remediation steps.",
    ),
    (
        "in-progress",
        "Exchange Online migration is progressing: 1,800 of approx. 4,200 mailboxes have been moved. The remaining waves cover the shared mailboxes of finance.",
    ),
    (
        "unknown",
        "Customer has not responded to 3 contact attempts. Managed customer.",
    ),
    (
        "unknown",
        "No response to three contact attempts via email and Teams chat. Unmanaged tenant.",
    ),
    (
        "duplicate-invalid",
        "Duplicate of contoso.onmicrosoft.com: the same 2,500 E3 seats were counted again after the EA renewal.",
    ),
    (
        "blocked",
        "Service will not be deployed due to legal data residency restrictions. Customer may not store regulated data outside the country because of regulation X.",
    ),
];

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).expect("date")
}

fn throughput(c: &mut Criterion) {
    let checker = Checker::builtin();
    let mut g = c.benchmark_group("lint");
    g.throughput(Throughput::Elements(NOTES.len() as u64));
    g.bench_function("two-sentence notes (status given)", |b| {
        b.iter(|| {
            for (status, text) in NOTES {
                black_box(checker.check(&Input {
                    text,
                    kind: Some("entitlement"),
                    status: Some(status),
                    lang: Some(Lang::En),
                    as_of: as_of(),
                }));
            }
        });
    });
    g.bench_function(
        "two-sentence notes (kind, status, language inferred)",
        |b| {
            b.iter(|| {
                for (_, text) in NOTES {
                    black_box(checker.check(&Input {
                        text,
                        kind: None,
                        status: None,
                        lang: None,
                        as_of: as_of(),
                    }));
                }
            });
        },
    );
    g.finish();
}

fn long_text(c: &mut Criterion) {
    let checker = Checker::builtin();
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 5_000 {
        text.push_str(NOTES[i % NOTES.len()].1);
        text.push(' ');
        i += 1;
    }
    text.truncate(text.floor_char_boundary(5_000));
    c.bench_function("lint one 5,000-character entitlement note", |b| {
        b.iter(|| {
            black_box(checker.check(&Input {
                text: &text,
                kind: Some("entitlement"),
                status: Some("blocked"),
                lang: Some(Lang::En),
                as_of: as_of(),
            }))
        });
    });
    let status_note = format!(
        "{}\nNext Action: send the plan\nDate: 2026-12-03\nOwner: FM",
        &text[..text.floor_char_boundary(4_900)]
    );
    c.bench_function("lint one 5,000-character status note", |b| {
        b.iter(|| {
            black_box(checker.check(&Input {
                text: &status_note,
                kind: Some("status"),
                status: None,
                lang: Some(Lang::En),
                as_of: as_of(),
            }))
        });
    });
}

fn exec_summary(c: &mut Criterion) {
    let checker = Checker::builtin();
    let text =
        std::fs::read_to_string("tests/fixtures/seed/exec-summary.en.md").expect("seed fixture");
    c.bench_function("lint the seed's Exec Summary", |b| {
        b.iter(|| {
            black_box(checker.check(&Input {
                text: &text,
                kind: Some("exec-summary"),
                status: None,
                lang: Some(Lang::En),
                as_of: as_of(),
            }))
        });
    });
}

criterion_group!(benches, throughput, long_text, exec_summary);
criterion_main!(benches);
