//! The real binary in tmux, walked as a user walks it.

mod common;

use common::tmux::Tmux;

#[test]
fn an_architect_writes_an_exec_summary_with_three_workloads_from_an_empty_config() {
    let t = Tmux::start("", 120, 40);
    t.wait_for("Who are you?");
    t.keys(&["Down", "Down", "Enter"]); // FastTrack Architect
    t.wait_for("Role remembered");
    t.type_text("Contoso Ltd");
    t.keys(&["Enter"]);
    t.keys(&["Enter"]); // Exec Summary: first for an architect
    t.wait_for("DESCRIBE THE CUSTOMER");
    t.type_text("Retail company, 20K users, recent media attention");
    t.keys(&["Tab"]);
    t.type_text("fully");
    t.keys(&["Enter"]);
    t.keys(&["Down", "Enter"]);
    t.type_text("Engaged with the account team; weekly syncs with the partner.");
    t.keys(&["Tab"]);
    for (filter, text) in [
        ("exo", "Planning, updating firewall rules by 15 December."),
        ("sharep", "Pilot with 200 users; data migration in January."),
        ("teams", "Rollout to 3 sites done; voice next quarter."),
    ] {
        t.type_text(filter);
        t.keys(&["Enter"]);
        t.type_text(text);
        t.keys(&["Enter"]);
    }
    t.keys(&["Tab"]);
    t.type_text("CS MAU offering for Teams adoption");
    t.wait_for("✓ GOOD");
    let text = t.save_one("_Contoso-Ltd_exec-summary.txt");
    assert_eq!(
        text,
        "EXEC SUMMARY\n\
         - DESCRIBE THE CUSTOMER: Retail company, 20K users, recent media attention\n\
         - STATUS OF THE ENGAGEMENT: Fully Engaged\n\
         - M365 DEPLOYMENT PROGRESS: Partially Deployed\n\
         - OVERVIEW OF CURRENT RELATIONSHIP WITH CUSTOMER/PARTNER/ACCOUNT TEAM: Engaged with the account team; weekly syncs with the partner.\n\
         - SNAPSHOT OF KEY WORKLOADS CURRENT STATUS AND NEXT ACTIONS:\n   \
         - [EXO] Exchange Online - Planning, updating firewall rules by 15 December.\n   \
         - [SPO] SharePoint Online - Pilot with 200 users; data migration in January.\n   \
         - [TEAMS] Teams - Rollout to 3 sites done; voice next quarter.\n\
         - REQUESTS FOR SUPPORT: CS MAU offering for Teams adoption\n"
    );
    let config =
        std::fs::read_to_string(t.config_dir().join("config.toml")).expect("config written");
    assert!(config.contains("role = \"architect\""), "{config}");
    t.keys(&["C-q"]);
    t.wait_for("[exit 0]");
}

#[test]
fn a_manager_writes_an_entitlement_note_for_a_blocked_workload() {
    let t = Tmux::start("", 120, 40);
    t.wait_for("Who are you?");
    t.keys(&["Enter"]); // FastTrack Manager
    t.type_text("Fabrikam");
    t.keys(&["Enter"]);
    t.wait_for("After a call: all its notes");
    t.keys(&["Down", "Enter"]); // Entitlement status, after all the notes of a call
    t.wait_for("[EXO] Exchange Online");
    t.type_text("teams");
    t.keys(&["Enter"]);
    t.wait_for("In Progress");
    t.keys(&["Down", "Enter"]); // Blocked
    t.wait_for("Start from a sentence");
    t.keys(&["Down", "Enter"]); // Unable to deploy due to [primary issue] and …
    t.wait_for("Fill in the blanks");
    t.type_text("a missing recording policy");
    t.keys(&["Tab"]);
    t.type_text("compliance recording for calls");
    t.keys(&["Tab"]);
    t.type_text("the financial regulator's retention rules");
    t.keys(&["Enter"]);
    t.wait_for("✓ GOOD");
    let text = t.save_one("_Fabrikam_entitlement_TEAMS.txt");
    assert_eq!(
        text,
        "Unable to deploy due to a missing recording policy and compliance recording for calls because of the financial regulator's retention rules.\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = t.notes_dir();
        let file = dir.join(&t.notes()[0].0);
        assert_eq!(
            std::fs::metadata(&dir).expect("dir").permissions().mode() & 0o777,
            0o700
        );
        assert_eq!(
            std::fs::metadata(&file).expect("file").permissions().mode() & 0o777,
            0o600
        );
    }
    t.keys(&["C-q"]);
    t.wait_for("[exit 0]");
}

#[test]
fn at_80x24_the_findings_show_while_typing_and_a_small_terminal_is_told_its_size() {
    let t = Tmux::start(
        "new entitlement --customer Contoso --workload EXO --status no-intent",
        80,
        24,
    );
    t.wait_for("Start from a sentence");
    t.type_text("Customer is currently not interested.");
    let s = t.wait_until("the findings and the footer", |s| {
        s.contains("no-reason")
            && s.contains("vague-time")
            && s.lines().last().unwrap_or_default().contains("Ctrl-Q quit")
    });
    assert!(s.contains("✗ BAD"), "{s}");
    t.resize(50, 12);
    t.wait_for("ftnote needs at least 60×16");
    t.resize(80, 24);
    t.wait_for("Preview");
    t.keys(&["C-q"]);
    t.wait_for("Quit?");
    t.keys(&["n"]);
    t.wait_for("no-reason");
    t.keys(&["C-q"]);
    t.wait_for("Quit?");
    t.keys(&["y"]);
    t.wait_for("[exit 0]");
}

#[test]
fn pasted_text_arrives_whole_and_the_terminal_is_restored() {
    let t = Tmux::start_with(
        "new status --customer Contoso",
        100,
        30,
        "stty -g > before;",
        "stty -g > after;",
    );
    t.wait_for("Update");
    t.paste("Workshop held with the IT team.\nThe pilot group is agreed.");
    t.wait_for("The pilot group is agreed.");
    t.keys(&["C-s"]);
    t.wait_for("Written to");
    t.keys(&["C-q"]);
    t.wait_for("[exit 0]");
    let notes = t.notes();
    assert!(
        notes[0]
            .1
            .starts_with("Workshop held with the IT team.\nThe pilot group is agreed.\n"),
        "{:?}",
        notes[0].1
    );
    // The terminal's settings are as they were before ftnote ran.
    let read = |name: &str| std::fs::read_to_string(t.dir.path().join(name)).unwrap_or_default();
    let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while read("after").is_empty() && std::time::Instant::now() < until {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(!read("before").trim().is_empty());
    assert_eq!(read("before"), read("after"));
}

#[test]
fn a_japanese_entitlement_note_for_a_blocked_workload() {
    let t = Tmux::start(
        "new entitlement --customer 株式会社テスト --workload EXO --status blocked --lang ja",
        80,
        24,
    );
    t.wait_for("利用資格ステータス");
    t.keys(&["Down", "Enter"]); // [主な問題]および[技術的な詳細]のため、[具体的な制限]により展開できません。
    t.type_text("プロキシのファイアウォール");
    t.keys(&["Tab"]);
    t.type_text("Autodiscover の通信の遮断");
    t.keys(&["Tab"]);
    t.type_text("社内のセキュリティ規定");
    t.keys(&["Enter"]);
    let s = t.wait_for("社内のセキュリティ規定により展開できません。");
    // Wide characters stay whole on screen: no broken cells around the text.
    assert!(!s.contains('\u{fffd}'), "{s}");
    let text = t.save_one("_株式会社テスト_entitlement_EXO.txt");
    assert_eq!(
        text,
        "プロキシのファイアウォールおよびAutodiscover の通信の遮断のため、社内のセキュリティ規定により展開できません。\n"
    );
    t.keys(&["C-q"]);
    t.wait_for("[exit 0]");
}

#[test]
fn ctrl_e_edits_the_field_in_the_editor_and_reads_it_back() {
    // A scripted "editor" that rewrites the file it is given.
    let t = Tmux::start_with(
        "new status --customer Contoso",
        100,
        30,
        "export EDITOR=\"sed -i s/held/postponed/\";",
        "",
    );
    t.wait_for("Update");
    t.type_text("Workshop held with the IT team.");
    t.keys(&["C-e"]);
    t.wait_for("Workshop postponed with the IT team.");
    t.keys(&["C-s"]);
    t.wait_for("Written to");
    let notes = t.notes();
    assert!(
        notes[0]
            .1
            .starts_with("Workshop postponed with the IT team.\n"),
        "{:?}",
        notes[0].1
    );
}

/// The files written, as (name, text), with today's date as `{d}` in the names.
fn notes_named(t: &Tmux) -> Vec<(String, String)> {
    let d = chrono::Local::now().format("%Y-%m-%d").to_string();
    t.notes()
        .into_iter()
        .map(|(n, text)| (n.replace(&d, "{d}"), text))
        .collect()
}

const EXO: &str = "Customer will not deploy Exchange Online because the on-premises archive system has no connector for it; the vendor ships one in Q3.";
const SPO: &str = "Migration of 40 team sites to SharePoint Online is in progress; the intranet moves in January.";
const TEAMS: &str = "Customer has no intent to use Teams because the works council has not approved chat monitoring.";

#[test]
fn a_call_with_a_lifecycle_note_and_three_entitlement_notes_written_in_one_go() {
    let t = Tmux::start("", 120, 40);
    t.wait_for("Who are you?");
    t.keys(&["Enter"]); // FastTrack Manager
    t.type_text("Contoso Ltd");
    t.keys(&["Enter"]);
    t.wait_for("▸ ★ After a call: all its notes");
    t.keys(&["Enter"]);
    t.wait_for("Which notes does this call need?");
    for w in ["exo", "sharepoint", "teams"] {
        t.type_text(w);
        t.wait_for(&format!("Filter: {w}"));
        t.keys(&["Space", "Escape"]);
        // A key right after Esc would read as Alt and that key.
        t.wait_until("the filter cleared", |s| !s.contains("Filter:"));
    }
    t.keys(&["Enter"]);
    t.wait_for("4 notes in the call: Enter opens one");
    t.keys(&["Enter"]); // the lifecycle note
    t.wait_for("Note 1 of 4: Overall status");
    t.type_text("Kickoff held with the IT team; the pilot group is agreed.");
    t.keys(&["Tab", "Tab"]);
    t.type_text("Send the pilot plan");
    t.keys(&["Enter"]);
    t.type_text("2026-12-04");
    t.keys(&["Enter"]);
    t.type_text("Dana (FM)");
    t.wait_for("✓ GOOD");
    for (n, downs, text) in [(2, 1, EXO), (3, 0, SPO), (4, 2, TEAMS)] {
        t.keys(&["C-n"]);
        t.wait_for(&format!("Note {n} of 4"));
        for _ in 0..downs {
            t.keys(&["Down"]);
        }
        t.keys(&["Enter"]);
        t.wait_for("Start from a sentence");
        t.type_text(text);
        t.wait_for("✓ GOOD");
    }
    t.keys(&["C-n"]);
    t.wait_for("That was the call's last note.");
    let s = t.screen();
    assert_eq!(
        s.matches("✓ GOOD").count(),
        4,
        "every grade in one list:\n{s}"
    );
    assert_eq!(s.matches("not written").count(), 4, "{s}");
    t.keys(&["C-s"]);
    t.wait_for("Wrote 4 notes to");
    assert_eq!(
        notes_named(&t),
        [
            (
                "{d}_Contoso-Ltd_entitlement_EXO.txt".to_string(),
                format!("{EXO}\n")
            ),
            (
                "{d}_Contoso-Ltd_entitlement_SPO.txt".to_string(),
                format!("{SPO}\n")
            ),
            (
                "{d}_Contoso-Ltd_entitlement_TEAMS.txt".to_string(),
                format!("{TEAMS}\n")
            ),
            (
                "{d}_Contoso-Ltd_status.txt".to_string(),
                "Kickoff held with the IT team; the pilot group is agreed.\n\nNext Action: Send the pilot plan\nDate: 2026-12-04\nOwner: Dana (FM)\n".to_string()
            ),
        ]
    );
    t.keys(&["C-q"]);
    t.wait_for("[exit 0]");
    // Every note was handed over: no draft is left to offer back.
    let drafts = common::tmux::read_dir_texts(&t.dir.path().join("data").join("drafts"));
    assert!(
        drafts.iter().all(|(n, _)| !n.ends_with(".json")),
        "{drafts:?}"
    );
}

/// The plain mode run with `args`, answers piped in, in its own folders;
/// returns the notes it wrote.
fn plain(args: &[&str], answers: &[&str]) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ftnote"))
        .arg("--plain")
        .args(args)
        .env("FTNOTE_CONFIG_DIR", dir.path().join("config"))
        .env("FTNOTE_DATA_DIR", dir.path().join("data"))
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("ftnote runs");
    let mut input = child.stdin.take().expect("stdin");
    std::io::Write::write_all(&mut input, (answers.join("\n") + "\n").as_bytes()).expect("written");
    drop(input);
    let out = child.wait_with_output().expect("ftnote ends");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let d = chrono::Local::now().format("%Y-%m-%d").to_string();
    common::tmux::read_dir_texts(&dir.path().join("data").join("notes"))
        .into_iter()
        .map(|(n, text)| (n.replace(&d, "{d}"), text))
        .collect()
}

#[test]
fn the_plain_mode_answered_through_a_pipe_writes_the_same_files_as_the_composer() {
    // An entitlement note from a sentence template.
    let args = "new entitlement --customer Fabrikam --workload TEAMS --status blocked";
    let t = Tmux::start(args, 100, 30);
    t.wait_for("Start from a sentence");
    t.keys(&["Down", "Enter"]);
    t.wait_for("Fill in the blanks");
    let blanks = [
        "a missing recording policy",
        "compliance recording for calls",
        "the financial regulator's retention rules",
    ];
    for (i, b) in blanks.iter().enumerate() {
        if i > 0 {
            t.keys(&["Tab"]);
        }
        t.type_text(b);
    }
    t.keys(&["Enter"]);
    t.wait_for("✓ GOOD");
    t.keys(&["C-s"]);
    t.wait_for("Written to");
    let composer = notes_named(&t);
    let mut answers = vec!["2"];
    answers.extend(blanks);
    answers.extend(["", "1", "4"]);
    let piped = plain(&args.split(' ').collect::<Vec<_>>(), &answers);
    assert_eq!(composer.len(), 1);
    assert_eq!(piped, composer);

    // A lifecycle note: text, tags, a line, a date in words, an owner.
    let t = Tmux::start("new status --customer Contoso", 100, 30);
    t.wait_for("Update");
    t.type_text("Workshop held with the IT team.");
    t.keys(&["Tab", "Space", "Tab"]);
    t.type_text("Send the pilot plan");
    t.keys(&["Enter"]);
    t.type_text("2026-12-04");
    t.keys(&["Enter"]);
    t.type_text("Dana (FM)");
    t.wait_for("Owner: Dana (FM)");
    t.keys(&["C-s"]);
    t.wait_for("Written to");
    let composer = notes_named(&t);
    let piped = plain(
        &["new", "status", "--customer", "Contoso"],
        &[
            "Workshop held with the IT team.",
            "",
            "1",
            "Send the pilot plan",
            "2026-12-04",
            "Dana (FM)",
            "1",
            "4",
        ],
    );
    assert!(composer[0].1.contains("#covid"), "{composer:?}");
    assert_eq!(piped, composer);
}

#[test]
fn in_a_dumb_terminal_the_plain_mode_asks_line_by_line_and_the_transcript_stays() {
    let t = Tmux::start_with(
        "call --customer Contoso --workload EXO",
        80,
        24,
        "export TERM=dumb;",
        "",
    );
    t.wait_for("plain mode");
    t.wait_for("Type the text; an empty line ends it.");
    t.type_text("Kickoff held with the IT team; the pilot group is agreed.");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("Nothing the guidance objects to in this answer.");
    t.keys(&["Enter"]); // no tags
    t.type_text("Send the pilot plan");
    t.keys(&["Enter"]);
    t.type_text("tomorrow");
    t.keys(&["Enter"]);
    t.wait_for("Understood as");
    t.type_text("Dana (FM)");
    t.keys(&["Enter"]);
    t.wait_for("Checks: ✓ GOOD");
    t.type_text("4"); // the call's next note
    t.keys(&["Enter"]);
    t.wait_for("== Note 2 of 2: Entitlement status · [EXO] ==");
    t.type_text("blocked");
    t.keys(&["Enter"]);
    t.wait_for("Start from a sentence for “Blocked”");
    t.keys(&["Enter"]); // write my own
    t.type_text("Customer is not interested.");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("✗ error no-reason:");
    t.type_text("3"); // change an answer
    t.keys(&["Enter"]);
    t.wait_for("Which answer?");
    t.type_text("3");
    t.keys(&["Enter"]);
    t.wait_for("Now: Customer is not interested.");
    t.type_text(EXO);
    t.keys(&["Enter", "Enter"]);
    t.wait_for("Checks: ✓ GOOD");
    t.type_text("5"); // back to the call's notes
    t.keys(&["Enter"]);
    t.wait_for("The call with Contoso: 2 notes");
    t.keys(&["Enter"]); // write every note not written yet
    t.wait_for("_Contoso_status.txt");
    t.type_text("5");
    t.keys(&["Enter"]);
    let s = t.wait_for("[exit 0]");
    // No alternate screen: what was asked and answered stays on the screen.
    assert!(s.contains("Written to"), "{s}");
    let notes = notes_named(&t);
    assert_eq!(
        notes.iter().map(|n| n.0.as_str()).collect::<Vec<_>>(),
        ["{d}_Contoso_entitlement_EXO.txt", "{d}_Contoso_status.txt"]
    );
    assert_eq!(notes[0].1, format!("{EXO}\n"));
}
