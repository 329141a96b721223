//! Config files: parsed, and what parses builds a catalogue and a checker.
#![no_main]

use ftnote::check::{Checker, Input};
use ftnote::config::Config;
use ftnote::template::Templates;
use ftnote::workloads::Catalogue;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|src: &str| {
    match Config::parse("config.toml", src) {
        Ok(config) => {
            let catalogue = Catalogue::with_config(&config.workloads);
            let checker = Checker::new(&config.check_settings(), Templates::builtin(), catalogue);
            let _ = checker.check(&Input {
                text: "Customer will not deploy EXO because of a firewall. #covid",
                kind: None,
                status: None,
                lang: None,
                as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default(),
            });
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.starts_with("config.toml"), "{msg}");
        }
    }
});
