//! `ftnote audit` never drops a row silently: dates without a year in the
//! date column, rows that are not notes, and a check that fails.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fmt::Write as _;
use std::path::Path;

fn ftnote(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("ftnote").expect("binary");
    cmd.env("FTNOTE_CONFIG_DIR", home.join("config"))
        .env("FTNOTE_DATA_DIR", home.join("data"))
        .env_remove("FTNOTE_TEST_PANIC_ON");
    cmd
}

/// A status note whose next action is due on 28 November 2026: in the past
/// for a note judged as of any day of December 2026 or later.
const STATUS: &str = "Call with the customer held.\nNext Action: send the migration plan\nDate: 2026-11-28\nOwner: FM";

/// (date column, lang column): every form a date without a year takes,
/// each read as a day after 28 November 2026 when judged from 21 November.
const YEARLESS: &[(&str, &str)] = &[
    ("12/3", "en"),
    ("3/12", "de"),
    ("3/12", ""),
    ("12月", "ja"),
    ("12月末", ""),
    ("12月3日", "zh"),
    ("3. Dezember", "de"),
    ("3. Dezember", ""),
];

fn audit_json(home: &Path, file: &Path, extra: &[&str]) -> (i32, serde_json::Value, String) {
    let out = ftnote(home)
        .arg("audit")
        .arg(file)
        .args(["--as-of", "2026-11-21", "--format", "json"])
        .args(extra)
        .output()
        .expect("run");
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (
        out.status.code().expect("exit code"),
        v,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn date_past(v: &serde_json::Value) -> u64 {
    v["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .find(|r| r["rule"] == "date-past")
        .map_or(0, |r| r["count"].as_u64().expect("count"))
}

/// Every row is checked, each judged as of its own date: the control row
/// without a date as of `--as-of`, when the next action is still ahead.
fn assert_all_checked_by_their_dates(code: i32, v: &serde_json::Value, stderr: &str) {
    let n = YEARLESS.len() as u64 + 1;
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(v["rows"]["read"], n);
    assert_eq!(v["rows"]["checked"], n);
    assert_eq!(v["rows"]["not_checked"], 0);
    assert_eq!(v["notes"], n);
    assert_eq!(date_past(v), YEARLESS.len() as u64, "{v}");
}

#[test]
fn csv_dates_without_a_year_are_read_relative_to_as_of() {
    let h = tempfile::tempdir().expect("tmp");
    let mut w = csv::Writer::from_path(h.path().join("export.csv")).expect("csv");
    w.write_record(["customer", "kind", "lang", "date", "text"])
        .expect("row");
    for (i, (date, lang)) in YEARLESS.iter().enumerate() {
        w.write_record([&format!("C{i}"), "status", lang, date, STATUS])
            .expect("row");
    }
    w.write_record(["control", "status", "en", "", STATUS])
        .expect("row");
    w.flush().expect("flush");
    drop(w);
    let (code, v, stderr) = audit_json(h.path(), &h.path().join("export.csv"), &[]);
    assert_all_checked_by_their_dates(code, &v, &stderr);
}

#[test]
fn jsonl_dates_without_a_year_are_read_relative_to_as_of() {
    let h = tempfile::tempdir().expect("tmp");
    let mut lines = String::new();
    for (i, (date, lang)) in YEARLESS.iter().enumerate() {
        let mut row = serde_json::json!({"customer": format!("C{i}"), "kind": "status", "date": date, "text": STATUS});
        if !lang.is_empty() {
            row["lang"] = serde_json::json!(lang);
        }
        let _ = writeln!(lines, "{row}");
    }
    let _ = writeln!(
        lines,
        "{}",
        serde_json::json!({"customer": "control", "kind": "status", "text": STATUS})
    );
    let file = h.path().join("export.jsonl");
    std::fs::write(&file, lines).expect("write");
    let (code, v, stderr) = audit_json(h.path(), &file, &[]);
    assert_all_checked_by_their_dates(code, &v, &stderr);
    // Read from standard input, once, the same.
    let out = ftnote(h.path())
        .args([
            "audit",
            "-",
            "--jsonl",
            "--as-of",
            "2026-11-21",
            "--format",
            "json",
        ])
        .pipe_stdin(&file)
        .expect("stdin")
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_all_checked_by_their_dates(out.status.code().expect("code"), &v, "");
}

#[test]
fn a_date_without_a_year_at_the_edge_of_the_calendar_is_no_panic() {
    let h = tempfile::tempdir().expect("tmp");
    let file = h.path().join("export.csv");
    std::fs::write(
        &file,
        format!("kind,date,text\nstatus,12/3,\"{STATUS}\"\nstatus,12月,\"{STATUS}\"\n"),
    )
    .expect("write");
    for as_of in ["-262143-01-01", "+262142-12-31"] {
        ftnote(h.path())
            .arg("audit")
            .arg(&file)
            .arg(format!("--as-of={as_of}"))
            .assert()
            .stdout(predicate::str::contains(
                "2 rows read, 2 notes checked, 0 not checked",
            ))
            .stderr(predicate::str::contains("panicked").not());
    }
}

#[test]
fn rows_that_are_not_notes_are_counted_with_their_lines_and_exit_2() {
    let h = tempfile::tempdir().expect("tmp");
    let file = h.path().join("export.jsonl");
    std::fs::write(
        &file,
        concat!(
            "{\"text\": \"Customer is not interested.\"}\n",
            "not json at all\n",
            "\n",
            "[1, 2]\n",
            "{\"note\": \"the wrong field\"}\n",
            "{\"text\": \"Unable to deploy because the proxy does not support TLS 1.2.\", \"status\": \"blocked\"}\n",
        ),
    )
    .expect("write");
    let (code, v, stderr) = audit_json(h.path(), &file, &[]);
    assert_eq!(code, 2, "rows not checked make the audit fail");
    assert_eq!(v["rows"]["read"], 5, "the blank line is not a row");
    assert_eq!(v["rows"]["checked"], 2);
    assert_eq!(v["rows"]["not_checked"], 3);
    let reasons: Vec<(String, Vec<u64>)> = v["not_checked"]
        .as_array()
        .expect("list")
        .iter()
        .map(|r| {
            (
                r["reason"].as_str().expect("reason").to_string(),
                serde_json::from_value(r["lines"].clone()).expect("lines"),
            )
        })
        .collect();
    assert!(
        reasons
            .iter()
            .any(|(r, l)| r.starts_with("not JSON") && l == &[2]),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|(r, l)| r == "not a JSON object" && l == &[4]),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|(r, l)| r.starts_with("no \"text\" string; use --text-column") && l == &[5]),
        "{reasons:?}"
    );
    assert!(stderr.contains("3 of 5 rows not checked"), "{stderr}");
    assert!(stderr.contains("line 2: not JSON"), "{stderr}");
}

#[test]
fn csv_rows_without_the_text_field_or_in_another_encoding_are_counted() {
    let h = tempfile::tempdir().expect("tmp");
    let file = h.path().join("export.csv");
    let mut bytes =
        b"customer,text\nA,Customer is not interested.\nB\nC,Kunde m\xf6chte nicht.\n".to_vec();
    bytes
        .extend_from_slice(b"D,\"Unable to deploy because the proxy does not support TLS 1.2.\"\n");
    std::fs::write(&file, bytes).expect("write");
    ftnote(h.path())
        .arg("audit")
        .arg(&file)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "4 rows read, 2 notes checked, 2 not checked",
        ))
        .stdout(predicate::str::contains(
            "no text: the row has 1 fields, the note is field 2 (line 3)",
        ))
        .stdout(predicate::str::contains("not UTF-8 text (line 4)"))
        .stderr(predicate::str::contains("2 of 4 rows not checked"));
}

/// A check that fails inside a worker is reported with its row, the other
/// rows are still checked, and the audit exits 2. (Debug builds fail on
/// purpose on a note holding the text of `FTNOTE_TEST_PANIC_ON`.)
#[cfg(debug_assertions)]
#[test]
fn a_failing_check_in_a_worker_is_reported_with_its_row() {
    let h = tempfile::tempdir().expect("tmp");
    let file = h.path().join("export.csv");
    let mut rows = String::from("customer,text\n");
    for i in 0..2000 {
        let crash = if i == 1234 { " CRASH" } else { "" };
        let _ = writeln!(
            rows,
            "C{},\"Unable to deploy because the proxy does not support TLS 1.2{crash}.\"",
            i % 7
        );
    }
    std::fs::write(&file, rows).expect("write");
    for input in ["file", "stdin"] {
        let mut cmd = ftnote(h.path());
        cmd.env("FTNOTE_TEST_PANIC_ON", "CRASH").arg("audit");
        if input == "file" {
            cmd.arg(&file);
        } else {
            cmd.arg("-").pipe_stdin(&file).expect("stdin");
        }
        cmd.assert()
            .code(2)
            .stdout(predicate::str::contains(
                "2000 rows read, 1999 notes checked, 1 not checked",
            ))
            .stdout(predicate::str::contains(
                "the check failed: FTNOTE_TEST_PANIC_ON: the note holds \"CRASH\" (line 1236)",
            ))
            .stderr(predicate::str::contains(
                "1 of 2000 rows not checked; line 1236",
            ));
    }
}
