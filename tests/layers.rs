//! The layers point one way: the core (checker, templates, rendering,
//! workloads, languages, dates, audits) takes nothing from the config
//! loader, the command line or the composer, and only the composer knows
//! the terminal.

use std::path::{Path, PathBuf};

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).expect("read_dir") {
            rust_files(&entry.expect("entry").path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

/// The files under `paths` whose code names any of `forbidden`.
fn offenders(paths: &[&str], forbidden: &[&str]) -> Vec<String> {
    let mut files = Vec::new();
    for p in paths {
        rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(p), &mut files);
    }
    assert!(!files.is_empty(), "no files under {paths:?}");
    let mut found = Vec::new();
    for f in files {
        let src = std::fs::read_to_string(&f).expect("read");
        for (n, line) in src.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for bad in forbidden {
                if code.contains(bad) {
                    found.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
                }
            }
        }
    }
    found
}

const CORE: &[&str] = &[
    "src/check",
    "src/template",
    "src/render",
    "src/audit.rs",
    "src/audit",
    "src/workloads.rs",
    "src/lang.rs",
    "src/date",
    "src/textpos.rs",
    "src/note.rs",
];

#[test]
fn the_core_takes_nothing_from_config_cli_or_composer() {
    let found = offenders(
        CORE,
        &[
            "crate::config",
            "crate::cli",
            "crate::tui",
            "ratatui",
            "crossterm",
        ],
    );
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn only_the_composer_knows_the_terminal() {
    let mut found = Vec::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in std::fs::read_dir(&src).expect("src") {
        let path = entry.expect("entry").path();
        if path.file_name().is_some_and(|n| n == "tui") {
            continue;
        }
        let rel = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).expect("rel");
        found.extend(offenders(
            &[&rel.to_string_lossy()],
            &["ratatui", "crossterm"],
        ));
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
