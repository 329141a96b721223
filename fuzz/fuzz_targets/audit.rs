//! Audit exports, CSV or JSON Lines (the first byte picks), read through
//! the library's audit entry point with one and with two workers.
#![no_main]

use ftnote::audit::Options;
use ftnote::check::Checker;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    let checker = CHECKER.get_or_init(Checker::builtin);
    let Some((&pick, rows)) = data.split_first() else {
        return;
    };
    let opts = Options {
        text_column: "text".into(),
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default(),
        kind: None,
        status: None,
        lang: None,
        threads: 1 + usize::from(pick & 2 != 0),
        copy_memory: 1000,
    };
    let rows = rows.to_vec();
    let again = rows.clone();
    let reopen = move || -> ftnote::Result<Box<dyn std::io::Read + Send>> {
        Ok(Box::new(std::io::Cursor::new(again.clone())))
    };
    let two_pass = pick & 4 != 0;
    let _ = ftnote::audit::run(
        Box::new(std::io::Cursor::new(rows)),
        if two_pass { Some(&reopen) } else { None },
        pick & 1 != 0,
        checker,
        &opts,
    );
});
