//! A real editor: Neovim's built-in LSP client attached to `ftnote lsp`,
//! headless. It opens a Japanese note, types into it, applies quick fixes
//! and hovers; `tests/fixtures/lsp/nvim.lua` writes down what it saw.
//! Neovim's columns are bytes, converted from the server's UTF-16 units, so
//! a wrong conversion on either side shows here.

use serde_json::Value;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn nvim_present() -> bool {
    Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The diagnostic with `code` among those Neovim holds.
fn find<'a>(list: &'a Value, code: &str) -> &'a Value {
    list.as_array()
        .and_then(|l| l.iter().find(|d| d["code"] == code))
        .unwrap_or_else(|| panic!("no {code} in {list:#}"))
}

#[test]
fn neovim_shows_the_findings_applies_fixes_and_hovers() {
    if !nvim_present() {
        eprintln!("SKIPPED: neovim is not installed (apt-get install neovim); .ci/run installs it");
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let notes = dir.path().join("notes");
    std::fs::create_dir_all(&notes).expect("notes dir");
    let note = notes.join("2026-11-21_Contoso_entitlement_EXO.txt");
    std::fs::write(
        &note,
        "ftnote: status=blocked lang=ja\n顧客は現在 Exchange Online を展開しません。\n",
    )
    .expect("note");
    let out = dir.path().join("out.json");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lsp/nvim.lua");
    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-i", "NONE", "-c"])
        .arg(format!("luafile {script}"))
        .env("FTNOTE_BIN", env!("CARGO_BIN_EXE_ftnote"))
        .env("NOTE", &note)
        .env("OUT", &out)
        .env("FTNOTE_CONFIG_DIR", dir.path().join("config"))
        .env("FTNOTE_DATA_DIR", dir.path().join("data"))
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("xdg-config"))
        .env("XDG_DATA_HOME", dir.path().join("xdg-data"))
        .env("XDG_STATE_HOME", dir.path().join("xdg-state"))
        .env("XDG_CACHE_HOME", dir.path().join("xdg-cache"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("nvim starts");
    let until = Instant::now() + Duration::from_secs(90);
    let status = loop {
        if let Some(s) = child.try_wait().expect("try_wait") {
            break s;
        }
        if Instant::now() > until {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "nvim did not finish: {}",
                std::fs::read_to_string(&out).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("nvim wrote")).expect("json");
    assert!(status.success(), "nvim exits cleanly: {report:#}");
    assert!(report.get("error").is_none(), "{report:#}");

    // 1. On open: the note's findings, on the line after the header. 現在
    // starts after 顧客は: 9 bytes for Neovim, 3 UTF-16 units for the server.
    let opened = &report["opened"];
    let no_reason = find(opened, "no-reason");
    assert_eq!(no_reason["severity"], 1, "error");
    assert_eq!(no_reason["source"], "ftnote");
    assert_eq!(no_reason["lnum"], 1);
    let vague = find(opened, "vague-time");
    assert_eq!(
        (&vague["lnum"], &vague["col"], &vague["end_col"]),
        (&1.into(), &9.into(), &15.into())
    );
    assert!(
        vague["message"]
            .as_str()
            .is_some_and(|m| m.contains("「現在」")),
        "the message in the note's language: {vague}"
    );

    // 2. After typing 😀â€“ before 現在: the damaged text right after the
    // emoji, and 現在 moved by the 13 bytes typed.
    let typed = &report["typed"];
    let moji = find(typed, "mojibake");
    assert_eq!((&moji["col"], &moji["end_col"]), (&13.into(), &21.into()));
    let vague = find(typed, "vague-time");
    assert_eq!((&vague["col"], &vague["end_col"]), (&22.into(), &28.into()));

    // 3. The quick fix mended the text in the buffer.
    assert_eq!(
        report["fixed_line"],
        "顧客は😀– 現在 Exchange Online を展開しません。"
    );
    // 4. "Apply all safe fixes", in the note's language, mended both
    // damaged dashes and took out the vague 現在.
    let titles = report["all_titles"].to_string();
    assert!(titles.contains("安全な修正をすべて適用 (3)"), "{titles}");
    assert_eq!(
        report["all_fixed_line"],
        "顧客は😀– Exchange Online を展開しません。 – Ende –"
    );
    // 5. Hover on the first line: what decided, in Japanese.
    let hover = report["hover"].as_str().unwrap_or("");
    for want in [
        "`entitlement` — ファイル名から",
        "`blocked` — 1 行目から",
        "`EXO` — ファイル名から",
    ] {
        assert!(hover.contains(want), "{want} in {hover}");
    }
}
