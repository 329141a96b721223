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
    t.keys(&["Enter", "Enter"]); // Entitlement status: first for a manager
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
