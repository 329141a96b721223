//! The command line, run as a user runs it.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

/// ftnote with its own empty config and data folders.
fn ftnote(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("ftnote").expect("binary");
    cmd.env("FTNOTE_CONFIG_DIR", home.join("config"))
        .env("FTNOTE_DATA_DIR", home.join("data"))
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    cmd
}

fn home() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

fn seed_as_printed() -> String {
    std::fs::read_to_string("tests/fixtures/seed/exec-summary.en.md")
        .expect("seed")
        .replace("â€“", "–")
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn help_and_version() {
    let h = home();
    ftnote(h.path())
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("ftnote 0."));
    ftnote(h.path())
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("render").and(predicate::str::contains("parse")));
    // Without a terminal, the composer says what it needs.
    ftnote(h.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"));
    ftnote(h.path())
        .args(["new", "memo"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown note kind \"memo\""));
    ftnote(h.path())
        .args(["new", "entitlement", "--workload", "NOPE"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown workload"));
    ftnote(h.path())
        .args(["new", "entitlement", "--status", "stuck"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown status"));
    ftnote(h.path())
        .arg("render")
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("--answers"));
}

#[test]
fn usage_errors_exit_2() {
    let h = home();
    ftnote(h.path()).arg("frobnicate").assert().code(2);
    ftnote(h.path())
        .arg("render")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--answers"));
    ftnote(h.path())
        .args(["render", "--answers", "/nonexistent/answers.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "ftnote: /nonexistent/answers.toml: ",
        ));
    ftnote(h.path())
        .args(["parse", "-", "--kind", "memo"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown note kind \"memo\""));
    ftnote(h.path())
        .args(["workloads", "--lang", "fr"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("use en, de, ja or zh"));
}

#[test]
fn renders_the_seed_exec_summary_exactly() {
    let h = home();
    ftnote(h.path())
        .args([
            "render",
            "--answers",
            "tests/fixtures/answers/exec-summary.seed.toml",
        ])
        .assert()
        .success()
        .stdout(seed_as_printed());
    ftnote(h.path())
        .args([
            "render",
            "--answers",
            "tests/fixtures/answers/exec-summary.seed.toml",
            "--part",
            "risks",
        ])
        .assert()
        .success()
        .stdout("Media attention: a failed cutover would be public.\n");
    ftnote(h.path())
        .args([
            "render",
            "--answers",
            "tests/fixtures/answers/exec-summary.seed.toml",
            "--format",
            "text",
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "EXEC SUMMARY\n- DESCRIBE THE CUSTOMER: Retail company",
        ));
}

#[test]
fn renders_each_kind_exactly() {
    let h = home();
    ftnote(h.path())
        .args(["render", "--answers", "tests/fixtures/answers/entitlement.toml"])
        .assert()
        .success()
        .stdout("Because a firewall does not route traffic correctly, the customer will not deploy the service, as no connection to the mailboxes can be established.\n");
    ftnote(h.path())
        .args(["render", "--answers", "tests/fixtures/answers/tech-enablement.toml"])
        .assert()
        .success()
        .stdout("Workload: [INTUNE] Intune\nEnrolled the 40-device pilot with Autopilot; two devices fail the compliance policy because BitLocker is not enabled.\n\nNext Action: Push the BitLocker configuration profile to the pilot group\nDate: 2026-12-01\nOwner: Sam Lee (FE)\n");
    ftnote(h.path())
        .args(["render", "--answers", "tests/fixtures/answers/status.toml", "--format", "markdown"])
        .assert()
        .success()
        .stdout(predicate::str::ends_with("#covid\n\n**Next Action:** Confirm the ExpressRoute circuit order with the partner\n**Date:** 2026-12-04\n**Owner:** Jane Doe (FM)\n"));
    let out = ftnote(h.path())
        .args([
            "render",
            "--answers",
            "tests/fixtures/answers/status.toml",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(v["fields"]["tags"][0], "covid");
    assert_eq!(v["customer"], "Fabrikam");
}

#[test]
fn kind_and_answers_from_stdin() {
    let h = home();
    ftnote(h.path())
        .args(["render", "--answers", "-", "--kind", "entitlement"])
        .write_stdin("[fields]\nstatus = \"Unknown\"\ntext = \"Customer has not responded to 3 contact attempts. Managed customer.\"\n")
        .assert()
        .success()
        .stdout("Customer has not responded to 3 contact attempts. Managed customer.\n");
}

#[test]
fn parse_then_render_reproduces_the_note() {
    let h = home();
    let seed = seed_as_printed();
    let answers = ftnote(h.path())
        .args(["parse", "-"])
        .write_stdin(seed.clone())
        .assert()
        .success()
        .stderr(predicate::str::contains("read as exec-summary (en)"))
        .get_output()
        .stdout
        .clone();
    ftnote(h.path())
        .args(["render", "--answers", "-"])
        .write_stdin(answers)
        .assert()
        .success()
        .stdout(seed);
    for fixture in ["status", "tech-enablement", "entitlement"] {
        let path = format!("tests/fixtures/answers/{fixture}.toml");
        let note = ftnote(h.path())
            .args(["render", "--answers", &path])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let answers = ftnote(h.path())
            .args(["parse", "-"])
            .write_stdin(note.clone())
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        ftnote(h.path())
            .args(["render", "--answers", "-"])
            .write_stdin(answers)
            .assert()
            .success()
            .stdout(String::from_utf8(note).expect("utf8"));
    }
}

#[test]
fn out_writes_private_files_and_never_overwrites() {
    let h = home();
    let target = h.path().join("out").join("note.txt");
    for _ in 0..2 {
        ftnote(h.path())
            .args([
                "render",
                "--answers",
                "tests/fixtures/answers/entitlement.toml",
                "--out",
            ])
            .arg(&target)
            .assert()
            .success()
            .stderr(predicate::str::contains("wrote"));
    }
    assert!(target.exists());
    let second = h.path().join("out").join("note-1.txt");
    assert_eq!(
        std::fs::read_to_string(&second).expect("read"),
        std::fs::read_to_string(&target).expect("read")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&target)
                .expect("meta")
                .permissions()
                .mode()
                & 0o777,
            0o600
        );
    }
}

#[test]
fn info_commands() {
    let h = home();
    ftnote(h.path())
        .args(["templates", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("exec-summary").and(predicate::str::contains("built-in")));
    ftnote(h.path())
        .args(["templates", "show", "exec-summary"])
        .assert()
        .success()
        .stdout(predicate::str::contains("DESCRIBE THE CUSTOMER"));
    ftnote(h.path()).arg("workloads").assert().success().stdout(
        predicate::str::contains("WDATP").and(predicate::str::contains("Microsoft 365 Apps")),
    );
    ftnote(h.path())
        .arg("paths")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            h.path()
                .join("config")
                .join("config.toml")
                .display()
                .to_string(),
        ))
        .stdout(predicate::str::contains(
            h.path().join("data").join("notes").display().to_string(),
        ));
    ftnote(h.path())
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("_ftnote"));
    ftnote(h.path())
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH ftnote"));
}

#[test]
fn user_templates_override_and_add_kinds() {
    let h = home();
    let dir = h.path().join("config").join("templates").join("en");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(
        dir.join("visit.toml"),
        "id = \"visit-report\"\nlang = \"en\"\nname = \"Visit report\"\n\n[[fields]]\nid = \"summary\"\ntype = \"text\"\nlabel = \"Summary\"\nhelp = \"What happened\"\n\n[layout]\ntext = \"VISIT\\nSummary: {summary}\"\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("entitlement.toml"),
        "id = \"entitlement\"\nlang = \"en\"\nname = \"My entitlement\"\n\n[[fields]]\nid = \"text\"\ntype = \"text\"\nlabel = \"Note\"\n\n[layout]\ntext = \"NOTE: {text}\"\n",
    )
    .expect("write");
    ftnote(h.path())
        .args(["templates", "list"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("visit-report")
                .and(predicate::str::contains("My entitlement")),
        );
    ftnote(h.path())
        .args(["render", "--answers", "-", "--kind", "visit-report"])
        .write_stdin("[fields]\nsummary = \"Walked the plant.\"\n")
        .assert()
        .success()
        .stdout("VISIT\nSummary: Walked the plant.\n");
    ftnote(h.path())
        .args(["render", "--answers", "-", "--kind", "entitlement"])
        .write_stdin("[fields]\ntext = \"x\"\n")
        .assert()
        .success()
        .stdout("NOTE: x\n");
}

#[test]
fn a_broken_user_template_is_reported_and_skipped() {
    let h = home();
    let dir = h.path().join("config").join("templates");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::copy(
        "tests/fixtures/invalid/templates/bad-type.toml",
        dir.join("bad.toml"),
    )
    .expect("copy");
    let shown = dir.join("bad.toml").display().to_string();
    ftnote(h.path())
        .args(["templates", "list"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("exec-summary"))
        .stderr(predicate::str::contains(format!(
            "{shown}:7:8: key `fields[0].type`: unknown variant `paragraph`"
        )));
    // Other commands still work.
    ftnote(h.path())
        .args([
            "render",
            "--answers",
            "tests/fixtures/answers/entitlement.toml",
        ])
        .assert()
        .success();
}

#[test]
fn a_broken_config_names_file_line_and_key() {
    let h = home();
    let dir = h.path().join("config");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(
        dir.join("config.toml"),
        "lang = \"en\"\nclipbaord = \"osc52\"\n",
    )
    .expect("write");
    let shown = dir.join("config.toml").display().to_string();
    ftnote(h.path())
        .arg("paths")
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(format!(
            "ftnote: {shown}:2:1: key `clipbaord`: unknown field `clipbaord`"
        )));
}

#[test]
fn config_workloads_reach_rendering() {
    let h = home();
    let dir = h.path().join("config");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(
        dir.join("config.toml"),
        "[[workloads]]\ncode = \"OPP\"\nname = \"Microsoft 365 Apps\"\n\n[[workloads]]\ncode = \"PURVIEW\"\nname = \"Microsoft Purview\"\n",
    )
    .expect("write");
    ftnote(h.path())
        .args(["render", "--answers", "-", "--kind", "exec-summary"])
        .write_stdin("[fields]\n[[fields.workloads]]\ncode = \"OPP\"\ntext = \"Piloting\"\n[[fields.workloads]]\ncode = \"PURVIEW\"\ntext = \"Labels defined\"\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("   - [OPP] Microsoft 365 Apps - Piloting\n   - [PURVIEW] Microsoft Purview - Labels defined\n"));
}

#[test]
fn the_language_comes_from_the_flag_then_config_then_the_locale() {
    let h = home();
    let show = |envs: &[(&str, &str)], args: &[&str]| {
        let mut cmd = ftnote(h.path());
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let out = cmd
            .args(["templates", "show", "exec-summary"])
            .args(args)
            .output()
            .expect("run");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(show(&[], &[]).contains("lang = \"en\""));
    assert!(show(&[("LANG", "ja_JP.UTF-8")], &[]).contains("lang = \"ja\""));
    assert!(show(&[("LANG", "zh_CN.UTF-8")], &[]).contains("lang = \"zh\""));
    assert!(show(&[("LC_MESSAGES", "de_AT"), ("LANG", "ja_JP")], &[]).contains("lang = \"de\""));
    assert!(
        show(&[("LC_ALL", "C"), ("LANG", "ja_JP.UTF-8")], &[]).contains("lang = \"en\""),
        "LC_ALL=C wins"
    );
    assert!(show(&[("LANG", "ja_JP.UTF-8")], &["--lang", "zh"]).contains("lang = \"zh\""));
    let dir = h.path().join("config");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("config.toml"), "lang = \"de\"\n").expect("write");
    assert!(show(&[("LANG", "ja_JP.UTF-8")], &[]).contains("lang = \"de\""));
    std::fs::write(
        dir.join("config.toml"),
        "lang = \"de\"\nnote_lang = \"zh\"\n",
    )
    .expect("write");
    assert!(show(&[("LANG", "ja_JP.UTF-8")], &[]).contains("lang = \"zh\""));
}

#[test]
fn japanese_and_chinese_notes_are_linted_in_their_language() {
    let h = home();
    ftnote(h.path())
        .args(["lint", "--status", "blocked", "-"])
        .write_stdin("お客様は現時点では展開できません。")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[no-reason]: 理由を書いてください",
        ))
        .stdout(predicate::str::contains(
            "language ja; inferred: lang, kind",
        ));
    ftnote(h.path())
        .args(["lint", "--status", "unknown", "-"])
        .write_stdin("客户未回应 3 次联系尝试。托管客户。")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "good (良好) [entitlement, status unknown, language zh; inferred: lang, kind]",
        ));
}
