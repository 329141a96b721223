//! `ftnote render --out FOLDER` and `ftnote drafts`, run as a user runs them.

use assert_cmd::Command;
use ftnote::drafts::{Draft, Store};
use ftnote::history::History;
use ftnote::paths::Paths;
use ftnote::template::Templates;
use ftnote::workloads::Catalogue;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

const ENTITLEMENT: &str = "tests/fixtures/answers/entitlement.toml";

fn ftnote(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("ftnote").expect("binary");
    cmd.env("FTNOTE_CONFIG_DIR", home.join("config"))
        .env("FTNOTE_DATA_DIR", home.join("data"))
        .env_remove("LANG")
        .env_remove("LC_ALL");
    cmd
}

fn paths(home: &Path) -> Paths {
    Paths {
        config_dir: home.join("config"),
        data_dir: home.join("data"),
    }
}

fn today() -> String {
    chrono::Local::now().format("%Y-%m-%d").to_string()
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).expect("meta").permissions().mode() & 0o777
}

fn render_to_stdout(home: &Path, answers: &str) -> String {
    let out = ftnote(home)
        .args(["render", "--answers", answers])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("utf8")
}

#[test]
fn out_folder_uses_the_naming_scheme_and_never_overwrites() {
    let h = tempfile::tempdir().expect("tempdir");
    let folder = h.path().join("new folder").join("notes");
    let mut as_folder = folder.clone().into_os_string();
    as_folder.push("/");
    let expected = render_to_stdout(h.path(), ENTITLEMENT);
    let name = format!("{}_Contoso_entitlement_EXO", today());
    for (i, suffix) in ["", "-1", "-2"].iter().enumerate() {
        // First a folder that does not exist yet (written `notes/`), then
        // the existing folder.
        let out: PathBuf = if i == 0 {
            as_folder.clone().into()
        } else {
            folder.clone()
        };
        let file = folder.join(format!("{name}{suffix}.txt"));
        ftnote(h.path())
            .args(["render", "--answers", ENTITLEMENT, "--out"])
            .arg(&out)
            .assert()
            .success()
            .stderr(predicate::str::contains(format!(
                "wrote {}",
                file.display()
            )));
        assert_eq!(std::fs::read_to_string(&file).expect("note"), expected);
        #[cfg(unix)]
        assert_eq!(mode(&file), 0o600);
    }
    #[cfg(unix)]
    assert_eq!(mode(&folder), 0o700);
    // Markdown gets .md; the written notes are in the history.
    ftnote(h.path())
        .args([
            "render",
            "--answers",
            ENTITLEMENT,
            "--format",
            "markdown",
            "--out",
        ])
        .arg(&folder)
        .assert()
        .success();
    assert!(folder.join(format!("{name}.md")).is_file());
    let history = History::in_data_dir(&paths(h.path()));
    assert_eq!(history.entries().expect("history").len(), 4);
    let last = history
        .last_note("contoso", "entitlement")
        .expect("history")
        .expect("entry");
    assert_eq!(last.path, folder.join(format!("{name}.md")));
    assert_eq!(last.workload.as_deref(), Some("EXO"));
    // --out FILE still writes that file.
    let file = h.path().join("one.txt");
    ftnote(h.path())
        .args(["render", "--answers", ENTITLEMENT, "--out"])
        .arg(&file)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&file).expect("note"), expected);
}

#[test]
fn customer_log_when_configured() {
    let h = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(h.path().join("config")).expect("mkdir");
    let notes = h.path().join("my notes");
    std::fs::write(
        h.path().join("config").join("config.toml"),
        format!(
            "customer_log = true\nnotes_dir = {:?}\n",
            notes.display().to_string()
        ),
    )
    .expect("config");
    let out = h.path().join("elsewhere");
    std::fs::create_dir_all(&out).expect("mkdir");
    for _ in 0..2 {
        ftnote(h.path())
            .args(["render", "--answers", ENTITLEMENT, "--out"])
            .arg(&out)
            .assert()
            .success()
            .stderr(predicate::str::contains("Contoso.md"));
    }
    let log = std::fs::read_to_string(notes.join("Contoso.md")).expect("log");
    let expected = render_to_stdout(h.path(), ENTITLEMENT);
    assert_eq!(log.matches("## ").count(), 2, "{log}");
    assert!(log.starts_with(&format!("## {} ", today())), "{log}");
    assert!(log.contains(" · Entitlement status · EXO\n\n"), "{log}");
    assert!(log.contains(&format!("\n\n{expected}\n")), "{log}");
    #[cfg(unix)]
    assert_eq!(mode(&notes.join("Contoso.md")), 0o600);
}

#[test]
fn out_into_something_that_is_not_a_folder_names_it() {
    let h = tempfile::tempdir().expect("tempdir");
    let blocker = h.path().join("blocker");
    std::fs::write(&blocker, "a file").expect("write");
    ftnote(h.path())
        .args(["render", "--answers", ENTITLEMENT, "--out"])
        .arg(blocker.join("notes/"))
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(format!(
            "ftnote: {}",
            blocker.display()
        )));
}

/// A draft of the entitlement fixture, saved in `home`'s drafts folder.
fn saved_draft(home: &Path) -> (Store, Draft) {
    let src = std::fs::read_to_string(ENTITLEMENT).expect("fixture");
    let note = ftnote::answers::read(
        ENTITLEMENT,
        &src,
        &Templates::builtin(),
        &Catalogue::builtin(),
        None,
        None,
    )
    .expect("answers");
    let store = Store::from_paths(&paths(home));
    let draft = Draft::new(note);
    store.save(&draft).expect("save");
    (store, draft)
}

#[test]
fn drafts_list_show_rm() {
    let h = tempfile::tempdir().expect("tempdir");
    ftnote(h.path())
        .args(["drafts", "list"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("no drafts"));
    let (store, draft) = saved_draft(h.path());
    std::fs::write(
        store.dir().join("20200101-000000-dead00.json"),
        "{\"version\": 1, \"id\"",
    )
    .expect("torn");
    let listed = ftnote(h.path())
        .args(["drafts", "list"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let listed = String::from_utf8(listed).expect("utf8");
    let line = listed
        .lines()
        .find(|l| l.starts_with(&draft.id))
        .expect("listed");
    for want in ["Contoso", "entitlement", "orphaned", " B"] {
        assert!(line.contains(want), "{want}: {line}");
    }
    let torn = listed
        .lines()
        .find(|l| l.starts_with("20200101-000000-dead00"))
        .expect("torn listed");
    assert!(torn.contains("damaged"), "{torn}");

    // show prints the note as pasted; --answers gives back its answers.
    ftnote(h.path())
        .args(["drafts", "show", &draft.id])
        .assert()
        .success()
        .stdout(render_to_stdout(h.path(), ENTITLEMENT));
    let answers = ftnote(h.path())
        .args(["drafts", "show", "--answers", &draft.id[..15]])
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
        .stdout(render_to_stdout(h.path(), ENTITLEMENT));
    ftnote(h.path())
        .args(["drafts", "show", "20200101-000000-dead00"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a readable draft"));

    // rm refuses a draft a running ftnote edits.
    let claim = store.claim(&draft.id).expect("claim");
    ftnote(h.path())
        .args(["drafts", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("alive"));
    ftnote(h.path())
        .args(["drafts", "rm", &draft.id])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("open in a running ftnote"));
    drop(claim);
    ftnote(h.path())
        .args(["drafts", "rm", &draft.id])
        .assert()
        .success()
        .stderr(predicate::str::contains("moved draft"));
    assert!(
        store
            .trash_dir()
            .join(format!("{}.json", draft.id))
            .is_file()
    );
    ftnote(h.path())
        .args(["drafts", "rm", "--purge", "20200101"])
        .assert()
        .success()
        .stderr(predicate::str::contains("deleted draft"));
    assert!(store.list().expect("list").is_empty());
    assert_eq!(
        std::fs::read_dir(store.trash_dir()).expect("trash").count(),
        1
    );
}

#[test]
fn drafts_usage_errors_exit_2() {
    let h = tempfile::tempdir().expect("tempdir");
    saved_draft(h.path());
    ftnote(h.path())
        .args(["drafts", "show", "19990101"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no draft \"19990101\""));
    ftnote(h.path())
        .args(["drafts", "rm", "../../etc/passwd"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a draft id"));
    ftnote(h.path()).args(["drafts"]).assert().code(2);
    ftnote(h.path())
        .args(["drafts", "show"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<ID>"));
}

/// A folder with a fake `xclip` that keeps the clipboard in a file.
#[cfg(unix)]
fn fake_xclip(dir: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).expect("mkdir");
    let clip = dir.join("clipboard");
    let script = bin.join("xclip");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nPATH=/usr/bin:/bin\ncase \"$*\" in *-out*) cat '{0}' ;; *) cat > '{0}' ;; esac\n",
            clip.display()
        ),
    )
    .expect("write");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    bin
}

#[cfg(unix)]
#[test]
fn render_copy_uses_the_clipboard_and_says_how() {
    let h = tempfile::tempdir().expect("tempdir");
    let bin = fake_xclip(h.path());
    let expected = render_to_stdout(h.path(), ENTITLEMENT);
    ftnote(h.path())
        .args(["render", "--answers", ENTITLEMENT, "--copy"])
        .env("PATH", &bin)
        .env("DISPLAY", ":99")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("TMUX")
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("copied with xclip (checked)"));
    assert_eq!(
        std::fs::read_to_string(h.path().join("clipboard")).expect("clipboard"),
        expected.trim_end()
    );
    // With --out -, printed as well.
    ftnote(h.path())
        .args(["render", "--answers", ENTITLEMENT, "--copy", "--out", "-"])
        .env("PATH", &bin)
        .env("DISPLAY", ":99")
        .env_remove("WAYLAND_DISPLAY")
        .assert()
        .success()
        .stdout(expected);
}

#[test]
fn render_copy_without_a_clipboard_fails_and_says_why() {
    let h = tempfile::tempdir().expect("tempdir");
    let empty = h.path().join("empty");
    std::fs::create_dir_all(&empty).expect("mkdir");
    ftnote(h.path())
        .args(["render", "--answers", ENTITLEMENT, "--copy"])
        .env("PATH", &empty)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ftnote: nothing was copied: "))
        .stderr(predicate::str::contains("write the note to a file instead"));
    std::fs::create_dir_all(h.path().join("config")).expect("mkdir");
    std::fs::write(
        h.path().join("config").join("config.toml"),
        "clipboard = \"none\"\n",
    )
    .expect("config");
    ftnote(h.path())
        .args(["render", "--answers", ENTITLEMENT, "--copy"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the clipboard is switched off"));
}
