//! `ftnote lint --fix`, `--fix-dry-run` and the fixes in `--format json`,
//! run as a user runs them.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn ftnote(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("ftnote").expect("binary");
    cmd.env("FTNOTE_CONFIG_DIR", home.join("config"))
        .env("FTNOTE_DATA_DIR", home.join("data"))
        .current_dir(home);
    cmd
}

const PAUSED: &str = "Customer paused the Teams rollout because of COVID-19 budget cuts; no funding until Q3. #covid\n";
const PAUSED_FIXED: &str =
    "Customer paused the Teams rollout because of COVID-19 budget cuts; no funding until Q3.\n";
const DAMAGED: &str = "Customer cannot deploy Exchange Online because the firewall drops Autodiscover traffic â€“ the network team owns the fix.\n";
const MENDED: &str = "Customer cannot deploy Exchange Online because the firewall drops Autodiscover traffic – the network team owns the fix.\n";
const CLEAN: &str = "Customer cannot deploy Teams because the tenant's licences expire in January and the renewal is not signed.\n";

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write");
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).expect("read")
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).expect("meta").permissions().mode() & 0o777
}

#[test]
fn fix_mends_files_in_place_says_how_many_and_leaves_clean_ones_alone() {
    let h = tempfile::tempdir().expect("tmp");
    let d = h.path();
    write(d, "paused.txt", PAUSED);
    write(d, "damaged.txt", DAMAGED);
    write(d, "clean.txt", CLEAN);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(d.join("paused.txt"), std::fs::Permissions::from_mode(0o644))
            .expect("chmod");
    }
    let clean_before = std::fs::metadata(d.join("clean.txt")).expect("meta");
    ftnote(d)
        .args([
            "lint",
            "--kind",
            "entitlement",
            "--status",
            "blocked",
            "--fix",
            "paused.txt",
            "damaged.txt",
            "clean.txt",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("paused.txt: 1 fix applied\n"))
        .stdout(predicate::str::contains(
            "paused.txt: good [entitlement, status blocked, language en; inferred: lang]",
        ))
        .stdout(predicate::str::contains("damaged.txt: 1 fix applied\n"))
        .stdout(predicate::str::contains("clean.txt: no fix to apply\n"))
        .stdout(predicate::str::contains("warning[").not());
    assert_eq!(read(d, "paused.txt"), PAUSED_FIXED);
    assert_eq!(read(d, "damaged.txt"), MENDED);
    assert_eq!(read(d, "clean.txt"), CLEAN);
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        assert_eq!(
            mode(&d.join("paused.txt")),
            0o644,
            "the file's mode is kept"
        );
        let clean_after = std::fs::metadata(d.join("clean.txt")).expect("meta");
        assert_eq!(
            clean_after.ino(),
            clean_before.ino(),
            "a clean file is not rewritten"
        );
    }
    // Nothing left beside the notes.
    let mut names: Vec<String> = std::fs::read_dir(d)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt") || n.contains("ftnote"))
        .collect();
    names.sort();
    assert_eq!(names, ["clean.txt", "damaged.txt", "paused.txt"]);
}

#[test]
fn dry_run_prints_a_unified_diff_and_changes_nothing() {
    let h = tempfile::tempdir().expect("tmp");
    let d = h.path();
    write(d, "paused.txt", PAUSED);
    write(d, "clean.txt", CLEAN);
    ftnote(d)
        .args([
            "lint",
            "--kind",
            "entitlement",
            "--status",
            "blocked",
            "--fix-dry-run",
            "paused.txt",
            "clean.txt",
        ])
        .assert()
        .code(0)
        .stdout(format!(
            "--- paused.txt\n+++ paused.txt\n@@ -1 +1 @@\n-{PAUSED}+{PAUSED_FIXED}"
        ))
        .stderr(predicate::str::contains(
            "paused.txt: 1 fix would be applied\n",
        ))
        .stderr(predicate::str::contains("clean.txt: no fix to apply\n"));
    assert_eq!(read(d, "paused.txt"), PAUSED);
}

#[test]
fn standard_input_with_fix_prints_the_fixed_note_and_reports_on_stderr() {
    let h = tempfile::tempdir().expect("tmp");
    ftnote(h.path())
        .args([
            "lint",
            "--kind",
            "entitlement",
            "--status",
            "blocked",
            "--fix",
            "-",
        ])
        .write_stdin(DAMAGED)
        .assert()
        .code(0)
        .stdout(MENDED)
        .stderr(predicate::str::contains("<stdin>: 1 fix applied\n"))
        .stderr(predicate::str::contains("<stdin>: good"));
    // Nothing to fix: the note comes back as it was.
    ftnote(h.path())
        .args([
            "lint",
            "--kind",
            "entitlement",
            "--status",
            "blocked",
            "--fix",
        ])
        .write_stdin(CLEAN)
        .assert()
        .code(0)
        .stdout(CLEAN)
        .stderr(predicate::str::contains("<stdin>: no fix to apply\n"));
}

#[test]
fn the_exit_code_is_the_grade_after_the_fix() {
    let h = tempfile::tempdir().expect("tmp");
    let d = h.path();
    // Mojibake mended, but no reason given: still bad.
    write(d, "bad.txt", "Customer cannot deploy â€“ at all.\n");
    ftnote(d)
        .args([
            "lint",
            "--kind",
            "entitlement",
            "--status",
            "blocked",
            "--fix",
            "bad.txt",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("bad.txt: 1 fix applied\n"))
        .stdout(predicate::str::contains("error[no-reason]"))
        .stdout(predicate::str::contains("mojibake").not());
    assert_eq!(read(d, "bad.txt"), "Customer cannot deploy – at all.\n");
}

#[test]
fn a_fix_that_would_make_another_notes_grade_worse_is_not_applied() {
    // Mended, the first note would be a copy of the second: both would be
    // flagged as pasted on several workloads, and the second, good now,
    // would be incomplete.
    let h = tempfile::tempdir().expect("tmp");
    let d = h.path();
    write(d, "a.txt", DAMAGED);
    write(d, "b.txt", MENDED);
    ftnote(d)
        .args([
            "lint",
            "--kind",
            "entitlement",
            "--status",
            "blocked",
            "--fix",
            "a.txt",
            "b.txt",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "a.txt: 1 fix not applied: a grade would get worse\n",
        ))
        .stdout(predicate::str::contains("b.txt: good"));
    assert_eq!(read(d, "a.txt"), DAMAGED);
}

#[test]
fn a_file_that_cannot_be_read_stops_the_run_before_anything_is_written() {
    let h = tempfile::tempdir().expect("tmp");
    let d = h.path();
    write(d, "paused.txt", PAUSED);
    ftnote(d)
        .args([
            "lint",
            "--kind",
            "entitlement",
            "--status",
            "blocked",
            "--fix",
            "paused.txt",
            "missing.txt",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.txt"));
    assert_eq!(read(d, "paused.txt"), PAUSED);
    // `--fix review` is a file named "review": the level needs `=`.
    ftnote(d)
        .args(["lint", "--fix", "review"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("review"));
    ftnote(d)
        .args([
            "lint",
            "--kind",
            "entitlement",
            "--status",
            "blocked",
            "--fix=review",
            "paused.txt",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("paused.txt: 1 fix applied\n"));
    assert_eq!(read(d, "paused.txt"), PAUSED_FIXED);
    ftnote(d)
        .args(["lint", "--fix=placeholders", "paused.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("placeholders"));
}

#[test]
fn json_gives_each_fix_in_bytes_utf16_units_and_characters() {
    let h = tempfile::tempdir().expect("tmp");
    let note = "お客様は COVID-19 による予算削減のため Teams の展開を一時停止しました。 #covid";
    let out = ftnote(h.path())
        .args([
            "lint",
            "--format",
            "json",
            "--kind",
            "entitlement",
            "--status",
            "blocked",
            "--lang",
            "ja",
        ])
        .write_stdin(note)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
    let f = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == "tag-forbidden")
        .expect("tag-forbidden");
    let fix = &f["fixes"][0];
    assert_eq!(fix["applicability"], "safe");
    assert_eq!(fix["label"], "#covid を削除");
    let e = &fix["edits"][0];
    let (start, end) = (note.rfind(" #covid").expect("tag"), note.len());
    assert_eq!(
        (e["start"].as_u64(), e["end"].as_u64()),
        (Some(start as u64), Some(end as u64))
    );
    assert_eq!(e["replacement"], "");
    let chars = note[..start].chars().count() as u64;
    let utf16 = note[..start].encode_utf16().count() as u64;
    assert_eq!(e["chars"]["start"].as_u64(), Some(chars));
    assert_eq!(e["chars"]["end"].as_u64(), Some(chars + 7));
    assert_eq!(e["utf16"]["start"].as_u64(), Some(utf16));
    assert_eq!(e["utf16"]["end"].as_u64(), Some(utf16 + 7));
    // Japanese characters are three bytes, one unit, one character.
    assert!(start as u64 > chars);
    // A finding without fixes says so.
    let other: Vec<_> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] != "tag-forbidden")
        .collect();
    assert!(other.iter().all(|f| f["fixes"].is_array()), "{other:?}");
}

#[test]
fn json_with_fix_says_what_was_applied_and_written() {
    let h = tempfile::tempdir().expect("tmp");
    let d = h.path();
    write(d, "paused.txt", PAUSED);
    let out = ftnote(d)
        .args([
            "lint",
            "--format",
            "json",
            "--kind",
            "entitlement",
            "--status",
            "blocked",
            "--fix",
            "paused.txt",
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(v["applied"], 1);
    assert_eq!(v["not_applied"], 0);
    assert_eq!(v["written"], true);
    assert_eq!(v["verdict"], "good");
    assert_eq!(v["inferred"], serde_json::json!(["lang"]));
}

#[test]
fn json_keeps_what_a_lifecycle_note_was_read_to_say() {
    let h = tempfile::tempdir().expect("tmp");
    let note = "Customer received approval for ExpressRoute.\n\nNext Action: Confirm the circuit order\nDate: 2026-12-04\nOwner: Jane Doe (FM)";
    let out = ftnote(h.path())
        .args([
            "lint",
            "--format",
            "json",
            "--kind",
            "status",
            "--as-of",
            "2026-11-21",
        ])
        .write_stdin(note)
        .assert()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
    let read = &v["read"];
    assert_eq!(read["next_action"]["text"], "Confirm the circuit order");
    assert_eq!(read["date"]["date"], "2026-12-04");
    assert_eq!(read["owner"]["text"], "Jane Doe (FM)");
    let offset =
        |k: &str| usize::try_from(read["owner"][k].as_u64().expect("an offset")).expect("fits");
    let (s, e) = (offset("start"), offset("end"));
    assert_eq!(&note[s..e], "Jane Doe (FM)");
}
