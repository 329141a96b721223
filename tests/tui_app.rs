//! The composer's behaviour, driven through `App::update` without a terminal.

mod common;

use common::tui::{app_with, ctrl, entitlement, env, new_note, press, type_str};
use crossterm::event::KeyCode;
use ftnote::check::Verdict;
use ftnote::lang::Lang;
use ftnote::note::Value;
use ftnote::role::Role;
use ftnote::tui::action::Action;
use ftnote::tui::app::{Overlay, Question, Screen};
use ftnote::tui::keymap::Mode;
use ftnote::tui::{App, Prefill};

fn compose(app: &App) -> &ftnote::tui::compose::Compose {
    app.compose().expect("the form is open")
}

fn field(app: &App) -> String {
    let c = compose(app);
    c.template.fields[c.at].id.clone()
}

#[test]
fn first_run_asks_the_role_remembers_it_and_offers_its_kinds_first() {
    let (mut app, rec) = app_with(env(Lang::En), Prefill::default());
    assert_eq!(app.mode(), Mode::StartList);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down); // FastTrack Architect
    press(&mut app, KeyCode::Enter);
    assert_eq!(rec.borrow().roles, vec![Role::Architect]);
    assert_eq!(app.env.role, Some(Role::Architect));
    let Screen::Start(s) = &app.screen else {
        panic!("still on the start screen")
    };
    assert_eq!(
        s.kinds[0].id, "exec-summary",
        "an architect writes Exec Summaries"
    );
    assert!(s.kinds[0].for_role);
    assert_eq!(app.mode(), Mode::StartInput);
}

#[test]
fn a_remembered_role_starts_at_the_customer_and_a_customer_is_required() {
    let mut e = env(Lang::En);
    e.role = Some(Role::Fm);
    let (mut app, rec) = app_with(e, Prefill::default());
    assert_eq!(app.mode(), Mode::StartInput);
    press(&mut app, KeyCode::Enter);
    let msg = app.message.clone().expect("a message");
    assert!(msg.text.contains("customer"), "{}", msg.text);
    assert_eq!(app.mode(), Mode::StartInput);
    type_str(&mut app, "Northwind");
    press(&mut app, KeyCode::Enter);
    let Screen::Start(s) = &app.screen else {
        panic!("the start screen")
    };
    assert!(
        s.kinds[0].call,
        "a manager's first choice is all the notes of a call"
    );
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let c = compose(&app);
    assert_eq!(c.template.id, "entitlement");
    assert_eq!(c.note.customer.as_deref(), Some("Northwind"));
    assert!(rec.borrow().roles.is_empty(), "the role did not change");
}

#[test]
fn recent_customers_are_offered_and_filtered_by_what_is_typed() {
    let mut e = env(Lang::En);
    e.role = Some(Role::Fm);
    let (mut app, _) = app_with(e, Prefill::default());
    type_str(&mut app, "con");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(compose(&app).note.customer.as_deref(), Some("Contoso Ltd"));
}

#[test]
fn an_entitlement_note_from_a_sentence_template() {
    let prefill = entitlement("Contoso", "EXO", "blocked");
    let (mut app, rec) = app_with(env(Lang::En), prefill);
    // Workload and status are given: the form opens at the note, offering
    // the Blocked sentences.
    assert_eq!(field(&app), "text");
    assert_eq!(app.mode(), Mode::Pick);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter); // "Unable to deploy due to [primary issue] and …"
    assert_eq!(app.mode(), Mode::Line, "filling the blanks");
    type_str(&mut app, "a firewall");
    assert!(
        compose(&app)
            .text
            .starts_with("Unable to deploy due to a firewall and [technical details]")
    );
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "Autodiscover traffic being dropped");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "the proxy policy");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Text, "the sentence is now free text");
    let expected = "Unable to deploy due to a firewall and Autodiscover traffic being dropped because of the proxy policy.";
    assert_eq!(compose(&app).text, expected);
    assert_eq!(
        compose(&app).report.verdict,
        Verdict::Good,
        "{:?}",
        compose(&app).report.findings
    );
    ctrl(&mut app, 's');
    assert_eq!(rec.borrow().written.len(), 1);
    assert_eq!(rec.borrow().written[0].1, expected);
    assert_eq!(
        rec.borrow().written[0].0.values.get("workload"),
        Some(&Value::Text("EXO".into()))
    );
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| !m.error && m.text.contains("/notes/"))
    );
    ctrl(&mut app, 'q');
    assert!(app.quit, "a written note quits without asking");
}

#[test]
fn unfilled_blanks_and_vague_words_show_up_while_typing() {
    let prefill = entitlement("Contoso", "SPO", "no-intent");
    let (mut app, _) = app_with(env(Lang::En), prefill);
    press(&mut app, KeyCode::Enter); // the first No Intent sentence, blanks empty
    let rules: Vec<&str> = compose(&app)
        .report
        .findings
        .iter()
        .map(|f| f.rule)
        .collect();
    assert!(rules.contains(&"placeholder"), "{rules:?}");
    assert_eq!(compose(&app).report.verdict, Verdict::Bad);
    press(&mut app, KeyCode::Esc); // nothing filled in: back to the sentences
    assert_eq!(app.mode(), Mode::Pick);
    press(&mut app, KeyCode::Esc); // write my own
    assert_eq!(app.mode(), Mode::Text);
    let c = app.compose().expect("form");
    assert!(
        c.text.is_empty(),
        "backing out of a sentence template with no blank filled drops it"
    );
    for _ in 0..200 {
        press(&mut app, KeyCode::Backspace);
    }
    type_str(&mut app, "Customer is currently not interested.");
    let c = compose(&app);
    let rules: Vec<&str> = c.report.findings.iter().map(|f| f.rule).collect();
    assert!(rules.contains(&"no-reason"), "{rules:?}");
    assert!(rules.contains(&"vague-time"), "{rules:?}");
    // F8 selects a finding and puts the cursor on it.
    press(&mut app, KeyCode::F(8));
    let c = compose(&app);
    assert_eq!(c.finding, Some(0));
    assert_eq!(field(&app), "text");
}

#[test]
fn f8_jumps_to_the_field_the_finding_is_in() {
    let (mut app, _) = app_with(env(Lang::En), new_note("status", "Contoso"));
    type_str(&mut app, "Kickoff held with the customer's IT team.");
    press(&mut app, KeyCode::Tab); // tags
    press(&mut app, KeyCode::Tab); // next action
    type_str(&mut app, "Run the migration workshop");
    press(&mut app, KeyCode::Enter); // date
    type_str(&mut app, "someday");
    press(&mut app, KeyCode::Enter); // owner
    assert_eq!(field(&app), "owner");
    let findings = compose(&app).report.findings.clone();
    assert!(!findings.is_empty());
    // Jump until the finding about the date or the owner is selected.
    for _ in 0..findings.len() {
        press(&mut app, KeyCode::F(8));
        let c = compose(&app);
        let f = &c.report.findings[c.finding.expect("selected")];
        let span = c.spans.get(&field(&app)).cloned().unwrap_or_default();
        assert!(
            span.start <= f.end && f.start <= span.end,
            "{} at {:?} not in {:?}",
            f.rule,
            f.span(),
            span
        );
    }
}

#[test]
fn dates_are_read_in_words_and_written_as_dates() {
    let (mut app, _) = app_with(env(Lang::En), new_note("status", "Contoso"));
    type_str(&mut app, "Workshop held.");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "Send the deployment plan");
    press(&mut app, KeyCode::Enter);
    assert_eq!(field(&app), "date");
    type_str(&mut app, "tomorrow");
    assert_eq!(compose(&app).note.text("date"), "2026-11-22");
    assert!(compose(&app).text.contains("Date: 2026-11-22"));
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, "Dana (FM)");
    let c = compose(&app);
    assert!(
        c.text
            .ends_with("Next Action: Send the deployment plan\nDate: 2026-11-22\nOwner: Dana (FM)"),
        "{}",
        c.text
    );
    assert_eq!(c.report.verdict, Verdict::Good, "{:?}", c.report.findings);
}

#[test]
fn tags_are_toggled_in_a_multi_select() {
    let (mut app, _) = app_with(env(Lang::En), new_note("status", "Contoso"));
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.mode(), Mode::Multi);
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(
        compose(&app).note.values.get("tags"),
        Some(&Value::Multi(vec!["covid".into()]))
    );
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(compose(&app).note.values.get("tags"), None);
}

#[test]
fn an_exec_summary_with_workloads_added_filtered_and_removed() {
    let (mut app, rec) = app_with(env(Lang::En), new_note("exec-summary", "Contoso"));
    type_str(&mut app, "Retail, 20K users, recent media attention");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "fully");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter); // Partially Deployed
    type_str(&mut app, "Engaged with the account team; weekly syncs.");
    press(&mut app, KeyCode::Tab);
    assert_eq!(field(&app), "workloads");
    for (filter, text) in [
        ("exo", "Planning, updating firewall rules."),
        ("yam", "Not in scope."),
        ("sharep", "Pilot with 200 users; migration in January."),
        ("intune", "Enrolment of 500 devices by December."),
    ] {
        type_str(&mut app, filter);
        press(&mut app, KeyCode::Enter);
        type_str(&mut app, text);
        press(&mut app, KeyCode::Enter);
    }
    // Remove Yammer again.
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Up);
    ctrl(&mut app, 'd');
    let codes: Vec<String> = compose(&app)
        .note
        .workloads("workloads")
        .iter()
        .map(|w| w.code.clone())
        .collect();
    assert_eq!(codes, ["EXO", "SPO", "INTUNE"]);
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "CS MAU offering for Teams adoption");
    let c = compose(&app);
    assert_eq!(
        c.text,
        "EXEC SUMMARY\n- DESCRIBE THE CUSTOMER: Retail, 20K users, recent media attention\n- STATUS OF THE ENGAGEMENT: Fully Engaged\n- M365 DEPLOYMENT PROGRESS: Partially Deployed\n- OVERVIEW OF CURRENT RELATIONSHIP WITH CUSTOMER/PARTNER/ACCOUNT TEAM: Engaged with the account team; weekly syncs.\n- SNAPSHOT OF KEY WORKLOADS CURRENT STATUS AND NEXT ACTIONS:\n   - [EXO] Exchange Online - Planning, updating firewall rules.\n   - [SPO] SharePoint Online - Pilot with 200 users; migration in January.\n   - [INTUNE] Intune - Enrolment of 500 devices by December.\n- REQUESTS FOR SUPPORT: CS MAU offering for Teams adoption"
    );
    assert_eq!(c.report.verdict, Verdict::Good, "{:?}", c.report.findings);
    ctrl(&mut app, 'y');
    assert_eq!(rec.borrow().copied, vec![c_text(&app)]);
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("Copied"))
    );
}

fn c_text(app: &App) -> String {
    compose(app).text.clone()
}

#[test]
fn a_workload_without_a_line_is_flagged_until_it_has_one() {
    let (mut app, _) = app_with(env(Lang::En), new_note("exec-summary", "Contoso"));
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    type_str(&mut app, "teams");
    press(&mut app, KeyCode::Enter);
    assert!(
        compose(&app)
            .report
            .findings
            .iter()
            .any(|f| f.rule == "exec-workload-no-status")
    );
    type_str(&mut app, "Rollout to 3 sites in Q1.");
    assert!(
        !compose(&app)
            .report
            .findings
            .iter()
            .any(|f| f.rule == "exec-workload-no-status")
    );
}

#[test]
fn the_risks_box_stays_out_of_the_note_and_is_copied_on_its_own() {
    let (mut app, rec) = app_with(env(Lang::En), new_note("exec-summary", "Contoso"));
    for _ in 0..6 {
        press(&mut app, KeyCode::Tab);
    }
    assert_eq!(field(&app), "risks");
    type_str(&mut app, "Escalated: licences expire in December.");
    let c = compose(&app);
    assert!(!c.text.contains("Escalated"));
    assert_eq!(c.separate.len(), 1);
    ctrl(&mut app, 'y');
    assert_eq!(
        rec.borrow().copied,
        vec!["Escalated: licences expire in December.".to_string()]
    );
    assert!(
        compose(&app).unsaved(),
        "copying the Risks box is not copying the note"
    );
}

#[test]
fn quitting_an_unsaved_note_asks_first() {
    let (mut app, _) = app_with(env(Lang::En), new_note("status", "Contoso"));
    ctrl(&mut app, 'q');
    assert!(app.quit, "nothing typed, nothing to lose");
    let (mut app, _) = app_with(env(Lang::En), new_note("status", "Contoso"));
    type_str(&mut app, "Workshop held");
    ctrl(&mut app, 'q');
    assert_eq!(app.overlay, Some(Overlay::Confirm(Question::Quit)));
    press(&mut app, KeyCode::Char('n'));
    assert!(!app.quit);
    assert_eq!(app.overlay, None);
    assert_eq!(compose(&app).note.text("update"), "Workshop held");
    ctrl(&mut app, 'c');
    assert_eq!(
        app.overlay,
        Some(Overlay::Confirm(Question::Quit)),
        "Ctrl-C asks too"
    );
    press(&mut app, KeyCode::Char('y'));
    assert!(app.quit);
}

#[test]
fn esc_backs_out_to_the_start_screen_and_the_note_is_offered_back() {
    let (mut app, _) = app_with(env(Lang::En), new_note("status", "Contoso"));
    type_str(&mut app, "Workshop held");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, None, "no question on the way out");
    let Screen::Start(s) = &app.screen else {
        panic!("the start screen")
    };
    assert_eq!(s.drafts.len(), 1, "the note is offered back");
    assert!(
        s.drafts[0].label.contains("Overall status"),
        "{:?}",
        s.drafts
    );
    assert_eq!(s.typed(), "Contoso", "the customer stays typed in");
    // Back to it from the drafts column: Shift-Tab from the kinds.
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.mode(), Mode::StartDrafts);
    press(&mut app, KeyCode::Enter);
    assert_eq!(compose(&app).note.text("update"), "Workshop held");
    assert!(compose(&app).unsaved());
}

#[test]
fn a_failed_write_keeps_the_note_and_says_why() {
    let (mut app, rec) = app_with(env(Lang::En), new_note("status", "Contoso"));
    rec.borrow_mut().fail_write = Some("/notes: permission denied".into());
    type_str(&mut app, "Workshop held");
    ctrl(&mut app, 's');
    let m = app.message.clone().expect("a message");
    assert!(m.error);
    assert!(m.text.contains("permission denied"), "{}", m.text);
    assert!(compose(&app).unsaved());
    assert_eq!(compose(&app).note.text("update"), "Workshop held");
    rec.borrow_mut().fail_copy = Some("no clipboard".into());
    ctrl(&mut app, 'y');
    let m = app.message.clone().expect("a message");
    assert!(m.error && m.text.contains("Ctrl-S"), "{}", m.text);
}

#[test]
fn pasted_text_arrives_whole() {
    let (mut app, _) = app_with(env(Lang::En), new_note("status", "Contoso"));
    app.dispatch(Action::Paste("Line one.\r\nLine two.".into()));
    app.settle();
    assert_eq!(compose(&app).note.text("update"), "Line one.\nLine two.");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    app.dispatch(Action::Paste("Plan the\nrollout".into()));
    app.settle();
    assert_eq!(
        compose(&app).note.text("next_action"),
        "Plan the rollout",
        "one line stays one line"
    );
}

#[test]
fn typing_instead_of_picking_a_sentence_writes_your_own() {
    let prefill = entitlement("Contoso", "EXO", "in-progress");
    let (mut app, _) = app_with(env(Lang::En), prefill);
    assert_eq!(app.mode(), Mode::Pick);
    type_str(&mut app, "Pilot");
    assert_eq!(app.mode(), Mode::Text);
    assert_eq!(compose(&app).text, "Pilot");
}

#[test]
fn the_editor_text_comes_back_from_external_editing() {
    let (mut app, _) = app_with(env(Lang::En), new_note("status", "Contoso"));
    type_str(&mut app, "Draft");
    ctrl(&mut app, 'e');
    assert_eq!(
        app.request,
        Some(ftnote::tui::app::Request::Editor("Draft".into()))
    );
    app.request = None;
    app.dispatch(Action::EditorDone("Workshop held.\nNext: pilot.\n".into()));
    app.settle();
    assert_eq!(
        compose(&app).note.text("update"),
        "Workshop held.\nNext: pilot."
    );
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("Read back"))
    );
    app.dispatch(Action::EditorDone("Workshop held.\nNext: pilot.\n".into()));
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("unchanged"))
    );
    app.dispatch(Action::EditorFailed("vi: not found".into()));
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("vi: not found"))
    );
}

#[test]
fn help_opens_and_closes() {
    let (mut app, _) = app_with(env(Lang::En), new_note("status", "Contoso"));
    press(&mut app, KeyCode::F(1));
    assert_eq!(app.mode(), Mode::Help);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Text);
}

#[test]
fn new_with_a_workload_starts_an_exec_summary_with_it() {
    let prefill = Prefill {
        workload: Some("Exchange Online".into()),
        ..new_note("exec-summary", "Contoso")
    };
    let (app, _) = app_with(env(Lang::En), prefill);
    let codes: Vec<String> = compose(&app)
        .note
        .workloads("workloads")
        .iter()
        .map(|w| w.code.clone())
        .collect();
    assert_eq!(codes, ["EXO"]);
}

#[test]
fn a_german_note_uses_the_german_template() {
    let prefill = Prefill {
        lang: Some(Lang::De),
        ..new_note("exec-summary", "Contoso")
    };
    let (app, _) = app_with(env(Lang::En), prefill);
    let c = compose(&app);
    assert_eq!(c.note.lang, Lang::De);
    assert!(
        c.text.starts_with("ZUSAMMENFASSUNG FÜR DIE FÜHRUNGSEBENE"),
        "{}",
        c.text
    );
}

#[test]
fn a_new_exec_summary_starts_from_the_last_one_and_marks_what_changed() {
    let mut e = env(Lang::En);
    e.role = Some(Role::Architect);
    let (mut app, rec) = app_with(e, Prefill::default());
    let old = "EXEC SUMMARY\n- DESCRIBE THE CUSTOMER: Retail, 20K users\n- STATUS OF THE ENGAGEMENT: Reactive\n- M365 DEPLOYMENT PROGRESS: Partially Deployed\n- OVERVIEW OF CURRENT RELATIONSHIP WITH CUSTOMER/PARTNER/ACCOUNT TEAM: Weekly syncs.\n- SNAPSHOT OF KEY WORKLOADS CURRENT STATUS AND NEXT ACTIONS:\n   - [EXO] Exchange Online - Migration planned for January.\n- REQUESTS FOR SUPPORT: None at present.\n";
    rec.borrow_mut().earlier = vec![ftnote::tui::effects::Earlier {
        kind: "exec-summary".into(),
        when: "2026-11-02".into(),
        text: old.into(),
    }];
    type_str(&mut app, "Contoso Ltd");
    press(&mut app, KeyCode::Enter);
    let Screen::Start(s) = &app.screen else {
        panic!("start screen")
    };
    assert_eq!(s.earlier.len(), 1, "the earlier note is offered");
    let n = s.kinds.len();
    for _ in 0..n {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let c = compose(&app);
    assert_eq!(c.template.id, "exec-summary");
    assert_eq!(c.note.text("engagement"), "reactive");
    assert_eq!(
        c.note.workloads("workloads")[0].text,
        "Migration planned for January."
    );
    assert_eq!(c.text, old.trim_end(), "unchanged, it renders as it was");
    // Change the engagement: that line is marked in the preview.
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "fully");
    press(&mut app, KeyCode::Enter);
    let mut t =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("terminal");
    t.draw(|f| ftnote::tui::view::draw(f, &app)).expect("drawn");
    let buf = t.backend().buffer().clone();
    let row_of = |needle: &str| {
        (0..buf.area.height)
            .find(|&y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
                    .contains(needle)
            })
            .expect("the line is shown")
    };
    let bold = |y: u16| {
        buf[(2, y)]
            .modifier
            .contains(ratatui::style::Modifier::BOLD)
    };
    assert!(
        bold(row_of("STATUS OF THE ENGAGEMENT: Fully Engaged")),
        "a changed line is bold"
    );
    assert!(
        !bold(row_of("M365 DEPLOYMENT PROGRESS: Partially Deployed")),
        "an unchanged line is not"
    );
    let screen = format!("{:?}", t.backend());
    assert!(screen.contains("changed since the note of 2026-11-02"));
}

#[test]
fn drafts_are_offered_first_and_can_be_recovered_or_discarded() {
    let mut e = env(Lang::En);
    e.drafts = vec![
        ftnote::tui::app::DraftInfo {
            id: "d1".into(),
            label: "Contoso · Overall status".into(),
        },
        ftnote::tui::app::DraftInfo {
            id: "d2".into(),
            label: "Fabrikam · Entitlement status".into(),
        },
    ];
    let (mut app, rec) = app_with(e, Prefill::default());
    let mut note = ftnote::note::Note::new("status", Lang::En);
    note.customer = Some("Contoso".into());
    note.set_text("update", "Workshop held.");
    rec.borrow_mut().drafts.push(("d1".into(), note));
    assert_eq!(app.mode(), Mode::StartDrafts);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(rec.borrow().discarded, ["d2"]);
    assert_eq!(app.env.drafts.len(), 1);
    press(&mut app, KeyCode::Enter);
    let c = compose(&app);
    assert_eq!(c.note.text("update"), "Workshop held.");
    assert_eq!(c.draft_id.as_deref(), Some("d1"));
    assert!(c.unsaved(), "a recovered note is not written yet");
}
