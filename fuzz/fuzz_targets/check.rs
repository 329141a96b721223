//! The checker on any text, with any kind, status, language and as-of date.
#![no_main]

use arbitrary::Arbitrary;
use ftnote::check::{Checker, Input};
use ftnote::lang::Lang;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const KINDS: [&str; 5] = [
    "entitlement",
    "exec-summary",
    "status",
    "tech-enablement",
    "memo",
];
const STATUSES: [&str; 7] = [
    "in-progress",
    "blocked",
    "no-intent",
    "unknown",
    "duplicate-invalid",
    "Blocked",
    "",
];

#[derive(Arbitrary, Debug)]
struct Case<'a> {
    text: &'a str,
    kind: Option<u8>,
    status: Option<u8>,
    lang: Option<u8>,
    /// Days from 0001-01-01: any date chrono can hold, and past it.
    days: i32,
}

fuzz_target!(|case: Case<'_>| {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    let checker = CHECKER.get_or_init(Checker::builtin);
    let as_of =
        chrono::NaiveDate::from_num_days_from_ce_opt(case.days).unwrap_or(chrono::NaiveDate::MAX);
    let report = checker.check(&Input {
        text: case.text,
        kind: case.kind.map(|k| KINDS[usize::from(k) % KINDS.len()]),
        status: case
            .status
            .map(|s| STATUSES[usize::from(s) % STATUSES.len()]),
        lang: case
            .lang
            .map(|l| Lang::ALL[usize::from(l) % Lang::ALL.len()]),
        as_of,
    });
    for f in &report.findings {
        assert!(f.start <= f.end && f.end <= case.text.len(), "{f:?}");
        assert!(case.text.is_char_boundary(f.start) && case.text.is_char_boundary(f.end));
    }
});
