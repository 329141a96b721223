//! `ftnote lint` and `ftnote audit`, run as a user runs them.

use assert_cmd::Command;
use predicates::prelude::*;

fn ftnote(home: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("ftnote").expect("binary");
    cmd.env("FTNOTE_CONFIG_DIR", home.join("config"))
        .env("FTNOTE_DATA_DIR", home.join("data"));
    cmd
}

#[test]
fn lint_grades_the_worked_examples_and_exits_by_grade() {
    let h = tempfile::tempdir().expect("tmp");
    ftnote(h.path())
        .args(["lint", "--status", "blocked", "-"])
        .write_stdin("Customer cannot deploy at this time.")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("<stdin>:1:1: error[no-reason]: Say why"))
        .stdout(predicate::str::contains("<stdin>:1:24: warning[vague-time]: “at this time” blurs the intent"))
        .stdout(predicate::str::contains("<stdin>: bad — 1 error, 1 warning [entitlement, status blocked, language en; inferred: lang, kind]"));
    ftnote(h.path())
        .args([
            "lint",
            "--status",
            "unknown",
            "--lang",
            "en",
            "--kind",
            "entitlement",
        ])
        .write_stdin("Customer has not responded to 3 contact attempts. Managed customer.")
        .assert()
        .code(0)
        .stdout("<stdin>: good [entitlement, status unknown, language en]\n");
    ftnote(h.path())
        .args(["lint", "--status", "in-progress"])
        .write_stdin("In progress")
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("warning[status-only]")
                .and(predicate::str::contains("<stdin>: incomplete")),
        );
}

#[test]
fn lint_json_has_the_promised_fields() {
    let h = tempfile::tempdir().expect("tmp");
    let out = ftnote(h.path())
        .args(["lint", "--format", "json", "-"])
        .write_stdin("Customer will not deploy because of specific on-premises infrastructure.")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(v["source"], "<stdin>");
    assert_eq!(v["kind"], "entitlement");
    assert_eq!(v["status"], "blocked");
    assert_eq!(v["lang"], "en");
    assert_eq!(v["verdict"], "incomplete");
    let inferred: Vec<&str> = v["inferred"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|x| x.as_str())
        .collect();
    assert!(
        inferred.contains(&"status") && inferred.contains(&"kind") && inferred.contains(&"lang")
    );
    let f = &v["findings"][0];
    assert_eq!(f["rule"], "vague-reason");
    assert_eq!(f["severity"], "warning");
    assert_eq!(
        (f["start"].as_u64(), f["end"].as_u64()),
        (Some(35), Some(72))
    );
    assert!(
        f["message"]
            .as_str()
            .expect("msg")
            .contains("concrete blocker")
    );
}

#[test]
fn lint_flags_the_same_note_on_several_workloads() {
    let h = tempfile::tempdir().expect("tmp");
    let note = "Customer will not deploy the service because the proxy does not support TLS 1.2.";
    for name in ["exo.txt", "spo.txt"] {
        std::fs::write(h.path().join(name), note).expect("write");
    }
    ftnote(h.path())
        .current_dir(h.path())
        .args(["lint", "--status", "blocked", "exo.txt", "spo.txt"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "exo.txt:1:1: warning[copy-pasted]: The same note is on 2 workloads",
        ))
        .stdout(predicate::str::contains("spo.txt: incomplete"));
}

#[test]
fn lint_usage_errors() {
    let h = tempfile::tempdir().expect("tmp");
    ftnote(h.path())
        .args(["lint", "--status", "paused", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown status \"paused\""));
    ftnote(h.path())
        .args(["lint", "--as-of", "yesterday", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("YYYY-MM-DD"));
    ftnote(h.path())
        .args(["lint", "missing.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.txt"));
}

#[test]
fn lint_honours_rule_settings_in_config() {
    let h = tempfile::tempdir().expect("tmp");
    std::fs::create_dir_all(h.path().join("config")).expect("mkdir");
    std::fs::write(
        h.path().join("config/config.toml"),
        "[rules]\nvague-time = \"off\"\nno-reason = \"warning\"\n",
    )
    .expect("write");
    ftnote(h.path())
        .args(["lint", "--status", "blocked", "-"])
        .write_stdin("Customer cannot deploy at this time.")
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("warning[no-reason]")
                .and(predicate::str::contains("vague-time").not()),
        );
    std::fs::write(
        h.path().join("config/config.toml"),
        "[rules]\nvauge-time = \"off\"\n",
    )
    .expect("write");
    ftnote(h.path())
        .args(["lint", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "config.toml:2: key `rules.vauge-time`: unknown rule",
        ));
}

#[test]
fn config_tag_rules_get_their_own_message() {
    let h = tempfile::tempdir().expect("tmp");
    std::fs::create_dir_all(h.path().join("config")).expect("mkdir");
    std::fs::write(
        h.path().join("config/config.toml"),
        "[[tag_rules]]\ntag = \"#exitplan\"\nsuggest_when = [\"exit plan\"]\n",
    )
    .expect("write");
    ftnote(h.path())
        .args(["lint", "--kind", "status", "--as-of", "2026-11-21", "-"])
        .write_stdin("Customer asked for an exit plan for the legacy mail system.\nNext Action: draft the plan\nDate: 2026-12-01\nOwner: FM")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("COVID-19").not())
        .stdout(predicate::str::contains("warning[tag-suggested]: The note mentions “exit plan”: consider adding #exitplan."))
        .stdout(predicate::str::contains("<stdin>: incomplete — 1 warning"));
}

#[test]
fn audit_csv_summarises_grades_findings_and_customers() {
    let h = tempfile::tempdir().expect("tmp");
    ftnote(h.path())
        .args([
            "audit",
            "tests/fixtures/audit/export.csv",
            "--as-of",
            "2026-11-21",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("11 notes checked"))
        .stdout(predicate::str::contains("good               4   36.4%"))
        .stdout(predicate::str::contains("bad                3   27.3%"))
        .stdout(predicate::str::contains(
            "Northwind: 0 bad, 3 incomplete of 4 notes",
        ))
        .stdout(predicate::str::contains(
            "Contoso: 3 bad, 0 incomplete of 4 notes",
        ))
        .stdout(predicate::str::contains("copy-pasted"));
    let out = ftnote(h.path())
        .args([
            "audit",
            "tests/fixtures/audit/export.csv",
            "--format",
            "json",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(v["notes"], 11);
    assert_eq!(v["verdicts"]["bad"], 3);
    assert_eq!(v["customers"][0]["customer"], "Contoso");
    assert_eq!(
        v["copy_pasted"], 4,
        "Contoso pasted one note on OD and TEAMS, Northwind on AIP and MCAS"
    );
}

#[test]
fn audit_jsonl_with_another_text_field() {
    let h = tempfile::tempdir().expect("tmp");
    let out = ftnote(h.path())
        .args([
            "audit",
            "tests/fixtures/audit/export.jsonl",
            "--text-column",
            "note",
            "--format",
            "json",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(v["notes"], 3);
    assert_eq!(v["verdicts"]["good"], 1);
    assert_eq!(v["verdicts"]["bad"], 2);
    ftnote(h.path())
        .args(["audit", "tests/fixtures/audit/export.jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no \"text\" string; use --text-column",
        ));
    ftnote(h.path())
        .args(["audit", "tests/fixtures/audit/export.csv", "--text-column", "body"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no \"body\" column; the columns are: customer, workload, kind, status, lang, date, text"));
}

#[test]
fn readme_documents_every_rule() {
    let readme = std::fs::read_to_string("README.md").expect("README");
    for rule in ftnote::check::rules::RULES {
        assert!(
            readme.contains(&format!("| `{}` |", rule.id)),
            "README's rule table lacks {}",
            rule.id
        );
        for lang in ftnote::lang::Lang::ALL {
            let lex = ftnote::check::lexicon::Lexicon::get(lang);
            let key = rule.id;
            assert!(lex.has_message(key), "{lang} has no message for {key}");
        }
    }
}

#[test]
fn german_notes_get_german_messages() {
    let h = tempfile::tempdir().expect("tmp");
    ftnote(h.path())
        .args(["lint", "--status", "blocked", "-"])
        .write_stdin("Kunde kann zurzeit nicht bereitstellen.")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[no-reason]: Nennen Sie den Grund: Eine Notiz mit Status „Blockiert“ muss das Warum enthalten"))
        .stdout(predicate::str::contains("warning[vague-time]: „zurzeit“ verwischt die Absicht."))
        .stdout(predicate::str::contains("<stdin>: bad (schlecht)"))
        .stdout(predicate::str::contains("language de; inferred: lang, kind"));
}

#[test]
fn covid_rule_still_applies_beside_config_tag_rules() {
    let h = tempfile::tempdir().expect("tmp");
    std::fs::create_dir_all(h.path().join("config")).expect("mkdir");
    std::fs::write(
        h.path().join("config/config.toml"),
        "[[tag_rules]]\ntag = \"#exitplan\"\nforbid_when = [\"paused\"]\n",
    )
    .expect("write");
    ftnote(h.path())
        .args(["lint", "--kind", "status", "--as-of", "2026-11-21", "-"])
        .write_stdin("Customer paused the rollout for the COVID-19 response. #covid #exitplan\nNext Action: check back\nDate: 2026-12-01\nOwner: FM")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning[tag-forbidden]: Remove #covid: a customer who pauses or stops deployment gets no #covid"))
        .stdout(predicate::str::contains("warning[tag-forbidden]: Remove #exitplan: it does not belong on a note like this one"))
        .stdout(predicate::str::contains("<stdin>: incomplete — 2 warnings"));
}
