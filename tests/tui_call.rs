//! A call's notes in one sitting, and Esc from every stage — driven through
//! `App::update` without a terminal.

mod common;

use common::tui::{app_with, ctrl, entitlement, env, new_note, press, type_str};
use crossterm::event::KeyCode;
use ftnote::check::Verdict;
use ftnote::drafts::Store;
use ftnote::frontend::CallStart;
use ftnote::lang::Lang;
use ftnote::role::Role;
use ftnote::tui::App;
use ftnote::tui::app::{Overlay, Question, Screen};
use ftnote::tui::effects::Recorder;
use ftnote::tui::keeper::Keeper;
use ftnote::tui::keymap::Mode;
use std::cell::RefCell;
use std::rc::Rc;

fn call_app(workloads: &[&str]) -> (App, Rc<RefCell<Recorder>>) {
    let rec = Rc::new(RefCell::new(Recorder::default()));
    let start = CallStart {
        customer: Some("Contoso".into()),
        workloads: workloads.iter().map(|w| (*w).to_string()).collect(),
        lang: None,
    };
    let mut app = App::for_call(env(Lang::En), &start, Box::new(Rc::clone(&rec)));
    app.settle();
    (app, rec)
}

/// The overview's notes as their labels.
fn labels(app: &App) -> Vec<String> {
    let call = app.call.as_ref().expect("a call");
    call.parked()
        .map(|c| ftnote::frontend::call::label(&c.note, &c.template, &app.env.catalogue))
        .collect()
}

fn compose(app: &App) -> &ftnote::tui::compose::Compose {
    app.compose().expect("the form is open")
}

fn field(app: &App) -> String {
    let c = compose(app);
    c.template.fields[c.at].id.clone()
}

/// Fills the open lifecycle note.
fn lifecycle(app: &mut App) {
    assert_eq!(compose(app).template.id, "status");
    type_str(
        app,
        "Kickoff held with the IT team; the pilot group is agreed.",
    );
    press(app, KeyCode::Tab);
    press(app, KeyCode::Tab);
    type_str(app, "Send the pilot plan");
    press(app, KeyCode::Enter);
    type_str(app, "2026-12-03");
    press(app, KeyCode::Enter);
    type_str(app, "Dana (FM)");
}

/// Picks the status of the open entitlement note and writes its text.
fn entitlement_note(app: &mut App, downs: usize, text: &str) {
    assert_eq!(field(app), "status", "the workload is given");
    for _ in 0..downs {
        press(app, KeyCode::Down);
    }
    press(app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Pick, "the sentences are offered");
    type_str(app, text);
}

const EXO: &str = "Customer will not deploy Exchange Online because the on-premises archive system has no connector for it; the vendor ships one in Q3.";
const SPO: &str = "Migration of 40 team sites to SharePoint Online is in progress; the intranet moves in January.";
const TEAMS: &str = "Customer has no intent to use Teams because the works council has not approved chat monitoring.";

#[test]
fn a_call_from_the_start_screen_a_lifecycle_note_and_three_entitlement_notes_written_in_one_go() {
    let mut e = env(Lang::En);
    e.role = Some(Role::Fm);
    let (mut app, rec) = app_with(e, ftnote::tui::Prefill::default());
    type_str(&mut app, "Contoso");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter); // After a call: all its notes
    assert_eq!(app.mode(), Mode::CallSetup);
    for w in ["exo", "sharepoint", "teams"] {
        type_str(&mut app, w);
        press(&mut app, KeyCode::Char(' '));
        press(&mut app, KeyCode::Esc); // clears the filter, stays
        assert_eq!(app.mode(), Mode::CallSetup);
    }
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Overview));
    assert_eq!(
        labels(&app),
        [
            "Overall status",
            "Entitlement status · [EXO]",
            "Entitlement status · [SPO]",
            "Entitlement status · [TEAMS]"
        ]
    );
    press(&mut app, KeyCode::Enter);
    lifecycle(&mut app);
    assert_eq!(
        compose(&app).report.verdict,
        Verdict::Good,
        "{:?}",
        compose(&app).report.findings
    );
    ctrl(&mut app, 'n');
    assert_eq!(compose(&app).note.text("workload"), "EXO");
    assert_eq!(
        compose(&app).note.customer.as_deref(),
        Some("Contoso"),
        "not retyped"
    );
    let m = app.message.clone().expect("a message");
    assert!(m.text.starts_with("Note 2 of 4"), "{}", m.text);
    entitlement_note(&mut app, 1, EXO); // Blocked
    ctrl(&mut app, 'n');
    entitlement_note(&mut app, 0, SPO); // In Progress
    ctrl(&mut app, 'n');
    entitlement_note(&mut app, 2, TEAMS); // No Intent
    ctrl(&mut app, 'n');
    assert!(
        matches!(app.screen, Screen::Overview),
        "after the last note, the overview"
    );
    assert_eq!(
        labels(&app),
        [
            "Overall status",
            "Entitlement status · [EXO] · Blocked",
            "Entitlement status · [SPO] · In Progress",
            "Entitlement status · [TEAMS] · No Intent"
        ]
    );
    let grades: Vec<Verdict> = app
        .call
        .as_ref()
        .expect("call")
        .parked()
        .map(|c| c.report.verdict)
        .collect();
    assert_eq!(grades, [Verdict::Good; 4]);
    assert!(app.unsaved());
    ctrl(&mut app, 's');
    {
        let r = rec.borrow();
        let written: Vec<(String, String, &str)> = r
            .written
            .iter()
            .map(|(n, t)| (n.kind.clone(), n.text("workload").to_string(), t.as_str()))
            .collect();
        assert_eq!(written.len(), 4, "{written:?}");
        assert_eq!(written[0].0, "status");
        assert!(written[0].2.starts_with("Kickoff held"), "{}", written[0].2);
        assert_eq!(
            written[1..]
                .iter()
                .map(|w| (w.1.as_str(), w.2))
                .collect::<Vec<_>>(),
            [("EXO", EXO), ("SPO", SPO), ("TEAMS", TEAMS)]
        );
        assert!(
            r.written
                .iter()
                .all(|(n, _)| n.customer.as_deref() == Some("Contoso"))
        );
    }
    let m = app.message.clone().expect("a message");
    assert!(m.text.starts_with("Wrote 4 notes to /notes"), "{}", m.text);
    assert!(!app.unsaved());
    ctrl(&mut app, 's');
    assert_eq!(rec.borrow().written.len(), 4, "nothing is written twice");
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("written already"))
    );
    ctrl(&mut app, 'q');
    assert!(app.quit, "every note is written: no question");
}

#[test]
fn ftnote_call_with_workloads_opens_the_overview_and_copies_the_selected_note() {
    let (mut app, rec) = call_app(&["EXO", "Teams"]);
    assert!(matches!(app.screen, Screen::Overview));
    assert_eq!(app.mode(), Mode::Overview);
    assert_eq!(labels(&app).len(), 3);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    entitlement_note(&mut app, 1, EXO);
    press(&mut app, KeyCode::Esc); // the text
    assert!(matches!(app.screen, Screen::Overview));
    assert_eq!(app.call.as_ref().expect("call").selected, 1);
    ctrl(&mut app, 'y');
    assert_eq!(rec.borrow().copied, [EXO]);
    let c = app
        .call
        .as_ref()
        .expect("call")
        .parked()
        .nth(1)
        .expect("note");
    assert!(c.copied && !c.unsaved());
    // Writing all now writes nothing: the lifecycle and Teams notes are empty.
    ctrl(&mut app, 's');
    assert_eq!(
        rec.borrow().written.len(),
        1,
        "the copied one is written too"
    );
    let m = app.message.clone().expect("a message");
    assert!(
        m.text.contains("Left out, nothing in them yet"),
        "{}",
        m.text
    );
    assert!(m.text.contains("Overall status"), "{}", m.text);
}

#[test]
fn the_same_note_pasted_on_several_workloads_is_flagged_live_but_not_for_an_unreachable_customer() {
    let (mut app, _) = call_app(&["EXO", "SPO", "TEAMS"]);
    let same = "Customer will not deploy the service because the data residency rules of the regulator forbid it.";
    for (i, downs) in [(1usize, 1usize), (2, 1)] {
        if app.compose().is_some() {
            press(&mut app, KeyCode::Esc);
        }
        let Screen::Overview = app.screen else {
            panic!("overview")
        };
        while app.call.as_ref().expect("call").selected < i {
            press(&mut app, KeyCode::Down);
        }
        press(&mut app, KeyCode::Enter);
        entitlement_note(&mut app, downs, same);
    }
    // Live, while the second note is open.
    let rules: Vec<&str> = compose(&app)
        .report
        .findings
        .iter()
        .map(|f| f.rule)
        .collect();
    assert!(rules.contains(&"copy-pasted"), "{rules:?}");
    press(&mut app, KeyCode::Esc);
    let flagged: Vec<bool> = app
        .call
        .as_ref()
        .expect("call")
        .parked()
        .map(|c| c.report.findings.iter().any(|f| f.rule == "copy-pasted"))
        .collect();
    assert_eq!(flagged, [false, true, true, false]);
    // Changing one note clears the other.
    assert_eq!(
        app.call.as_ref().expect("call").selected,
        2,
        "the note left"
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(field(&app), "text", "it opens where it was left");
    type_str(&mut app, " The vendor fixes it in Q3.");
    let flagged: Vec<bool> = app
        .call
        .as_ref()
        .expect("call")
        .parked()
        .map(|c| c.report.findings.iter().any(|f| f.rule == "copy-pasted"))
        .collect();
    assert_eq!(
        flagged,
        [false, false, false],
        "the open note is not parked"
    );
    assert!(
        !compose(&app)
            .report
            .findings
            .iter()
            .any(|f| f.rule == "copy-pasted")
    );

    // Unknown notes (an unreachable customer) may repeat.
    let (mut app, _) = call_app(&["EXO", "SPO"]);
    let unknown = "Customer did not answer 3 calls and 2 emails; the account is unmanaged.";
    for i in [1usize, 2] {
        if app.compose().is_some() {
            press(&mut app, KeyCode::Esc);
        }
        while app.call.as_ref().expect("call").selected < i {
            press(&mut app, KeyCode::Down);
        }
        press(&mut app, KeyCode::Enter);
        entitlement_note(&mut app, 3, unknown);
    }
    assert!(
        !compose(&app)
            .report
            .findings
            .iter()
            .any(|f| f.rule == "copy-pasted")
    );
}

/// How many Esc presses lead from here to the overview.
fn escs_to_overview(app: &mut App) -> usize {
    for n in 1..=4 {
        press(app, KeyCode::Esc);
        if matches!(app.screen, Screen::Overview) {
            return n;
        }
    }
    panic!("Esc never led out: {:?}", app.mode());
}

#[test]
fn esc_leads_out_of_every_stage_one_stage_per_press_and_loses_nothing() {
    let (mut app, _) = call_app(&["EXO"]);
    press(&mut app, KeyCode::Enter);
    assert!(
        matches!(app.screen, Screen::Compose(_)),
        "the lifecycle note"
    );
    // A several-line text field.
    type_str(&mut app, "Kickoff held.");
    assert_eq!(escs_to_overview(&mut app), 1);
    // A multi-select (tags).
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        compose(&app).note.text("update"),
        "Kickoff held.",
        "nothing lost"
    );
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.mode(), Mode::Multi);
    assert_eq!(escs_to_overview(&mut app), 1);
    // A date field.
    press(&mut app, KeyCode::Enter);
    assert_eq!(field(&app), "tags", "the note opens where it was left");
    for _ in 0..2 {
        press(&mut app, KeyCode::Tab);
    }
    assert_eq!(field(&app), "date");
    type_str(&mut app, "friday");
    assert_eq!(escs_to_overview(&mut app), 1);

    // The entitlement note: a filtered choice, then sentences and blanks.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, "blo");
    assert_eq!(app.mode(), Mode::Pick);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Pick, "the filter goes first");
    assert!(matches!(app.screen, Screen::Compose(_)));
    assert_eq!(escs_to_overview(&mut app), 1);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter); // Blocked
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter); // Unable to deploy due to [primary issue] …
    assert_eq!(app.mode(), Mode::Line);
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        app.mode(),
        Mode::Pick,
        "no blank filled: back to the sentences"
    );
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, "a firewall");
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        app.mode(),
        Mode::Text,
        "a blank filled: the sentence is kept as text"
    );
    assert!(
        compose(&app)
            .text
            .starts_with("Unable to deploy due to a firewall and [technical details]")
    );
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::Overview));
    let kept = &app
        .call
        .as_ref()
        .expect("call")
        .parked()
        .nth(1)
        .expect("note")
        .text;
    assert!(kept.contains("a firewall"), "{kept}");
    // Ctrl-T offers the sentences again over the text; Esc keeps the text.
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 't');
    assert_eq!(app.mode(), Mode::Pick);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Text);
    assert!(compose(&app).text.contains("a firewall"));
    assert_eq!(escs_to_overview(&mut app), 1);

    // The overview to the start screen, which leads back to the call.
    press(&mut app, KeyCode::Esc);
    let Screen::Start(s) = &app.screen else {
        panic!("start screen")
    };
    assert_eq!(app.mode(), Mode::StartDrafts);
    assert!(
        s.drafts[0]
            .label
            .starts_with("↩ The call with Contoso · 2 notes · 2 not written"),
        "{:?}",
        s.drafts
    );
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Overview));
    // Help and the quit question close with Esc, staying where they were.
    press(&mut app, KeyCode::F(1));
    assert_eq!(app.mode(), Mode::Help);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Overview);
    ctrl(&mut app, 'q');
    assert_eq!(app.overlay, Some(Overlay::Confirm(Question::Quit)));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, None);
    assert!(!app.quit);
    // Picking more notes: Esc clears the filter, then goes back.
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(app.mode(), Mode::CallSetup);
    type_str(&mut app, "spo");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::CallSetup);
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::Overview));
}

#[test]
fn an_exec_summary_in_a_call_shows_its_workload_lines_and_esc_leaves_from_them() {
    let (mut app, _) = call_app(&[]);
    // The setup: the lifecycle note is picked; add the Exec Summary.
    assert_eq!(app.mode(), Mode::CallSetup);
    type_str(&mut app, "exec");
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Enter);
    assert_eq!(labels(&app), ["Overall status", "Exec Summary"]);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    assert_eq!(field(&app), "workloads");
    type_str(&mut app, "exo");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.mode(),
        Mode::Workload,
        "after adding, the workload's line"
    );
    type_str(&mut app, "Planning.");
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, "int");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Pick, "the filter goes first");
    press(&mut app, KeyCode::Up);
    assert_eq!(app.mode(), Mode::Workload, "Up selects the workload's line");
    assert_eq!(escs_to_overview(&mut app), 1);
    let c = app
        .call
        .as_ref()
        .expect("call")
        .parked()
        .nth(1)
        .expect("exec");
    assert_eq!(c.note.workloads("workloads")[0].text, "Planning.");
}

/// A drafts folder of its own, and the keeper the terminal loop runs.
fn keeper() -> (tempfile::TempDir, Store, Keeper) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let store = Store::new(dir.path().join("drafts"), dir.path().join("trash"));
    let k = Keeper::new(store.clone());
    (dir, store, k)
}

/// What the terminal loop does after each batch of input.
fn kept(app: &mut App, k: &mut Keeper) {
    k.sync(app);
    k.settle(std::time::Duration::from_secs(5));
}

/// The one draft in the folder.
fn the_draft(store: &Store) -> ftnote::drafts::Draft {
    let listed = store.list().expect("the drafts");
    assert_eq!(listed.len(), 1, "one draft");
    store.load(&listed[0].id).expect("it loads")
}

#[test]
fn the_call_is_one_draft_that_holds_every_note_and_goes_once_all_are_written() {
    let (mut app, rec) = call_app(&["EXO"]);
    let (_dir, store, mut k) = keeper();
    kept(&mut app, &mut k);
    assert!(
        store.list().expect("listed").is_empty(),
        "nothing typed yet"
    );
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, "Kickoff held.");
    kept(&mut app, &mut k);
    let d = the_draft(&store);
    assert!(d.call);
    assert_eq!(d.notes.len(), 2, "the note not typed in yet is in it too");
    assert_eq!(d.notes[0].note.text("update"), "Kickoff held.");
    assert_eq!(
        d.current().expect("current").field.as_deref(),
        Some("update")
    );
    // The next note: the same draft.
    ctrl(&mut app, 'n');
    entitlement_note(&mut app, 1, EXO);
    kept(&mut app, &mut k);
    let d = the_draft(&store);
    assert_eq!(d.notes[0].note.text("update"), "Kickoff held.");
    assert_eq!(d.notes[1].note.text("text"), EXO);
    assert_eq!(d.current, d.notes[1].key, "the note the author is in");
    assert!(rec.borrow().kept.is_empty(), "no draft per note");
    // Written: marked in the draft; once every note is, the draft goes.
    press(&mut app, KeyCode::Esc);
    ctrl(&mut app, 's');
    kept(&mut app, &mut k);
    assert_eq!(rec.borrow().written.len(), 2);
    assert!(the_draft(&store).handed_over());
    press(&mut app, KeyCode::Esc); // the start screen: the call goes on
    kept(&mut app, &mut k);
    assert_eq!(store.list().expect("listed").len(), 1);
    k.close_all();
    assert!(
        store.list().expect("listed").is_empty(),
        "all written: removed"
    );
}

#[test]
fn quitting_a_call_with_notes_not_written_asks_counts_them_and_keeps_the_call() {
    let (mut app, rec) = call_app(&["EXO"]);
    let (_dir, store, mut k) = keeper();
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, "Kickoff held.");
    kept(&mut app, &mut k);
    ctrl(&mut app, 'n');
    entitlement_note(&mut app, 1, EXO);
    kept(&mut app, &mut k);
    press(&mut app, KeyCode::Esc); // the overview
    press(&mut app, KeyCode::Esc); // the start screen
    assert!(matches!(app.screen, Screen::Start(_)));
    assert_eq!(app.unsaved_count(), 2);
    press(&mut app, KeyCode::Esc); // quit
    assert_eq!(app.overlay, Some(Overlay::Confirm(Question::Quit)));
    press(&mut app, KeyCode::Char('y'));
    assert!(app.quit);
    kept(&mut app, &mut k);
    k.close_all();
    let d = the_draft(&store);
    let kinds: Vec<&str> = d.notes.iter().map(|n| n.note.kind.as_str()).collect();
    assert_eq!(kinds, ["status", "entitlement"], "the call, kept whole");
    assert_eq!(d.notes[1].note.text("text"), EXO);
    assert!(rec.borrow().kept.is_empty());
}

#[test]
fn a_call_draft_opened_again_is_the_call_with_its_notes() {
    let (mut first, _) = call_app(&["EXO", "SPO"]);
    let (_dir, store, mut k) = keeper();
    press(&mut first, KeyCode::Enter);
    type_str(&mut first, "Kickoff held.");
    ctrl(&mut first, 'n');
    entitlement_note(&mut first, 1, EXO);
    kept(&mut first, &mut k);
    drop(k); // as a kill leaves it: the draft stays
    let draft = the_draft(&store);
    let mut e = env(Lang::En);
    e.drafts = vec![ftnote::frontend::DraftInfo {
        id: draft.id.clone(),
        label: "Contoso · the call".into(),
    }];
    let (mut app, rec) = app_with(e, ftnote::tui::Prefill::default());
    rec.borrow_mut().calls.push(draft.clone());
    assert_eq!(app.mode(), Mode::StartDrafts);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Overview));
    assert_eq!(
        labels(&app),
        [
            "Overall status",
            "Entitlement status · [EXO] · Blocked",
            "Entitlement status · [SPO]"
        ]
    );
    let call = app.call.as_ref().expect("the call");
    assert_eq!(call.customer, "Contoso");
    assert_eq!(call.draft_id.as_deref(), Some(draft.id.as_str()));
    assert_eq!(call.selected, 1, "the note the author was in");
    assert_eq!(call.unsaved(), 2, "the note nobody typed in is not unsaved");
    assert!(app.env.drafts.is_empty(), "no longer offered as a draft");
    ctrl(&mut app, 's');
    assert_eq!(rec.borrow().written.len(), 2);
}

#[test]
fn a_note_removed_from_the_call_stays_a_draft_on_the_start_screen() {
    let (mut app, _) = call_app(&["EXO", "SPO"]);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    entitlement_note(&mut app, 1, EXO);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Delete);
    assert_eq!(
        labels(&app),
        ["Overall status", "Entitlement status · [SPO]"]
    );
    let m = app.message.clone().expect("a message");
    assert!(m.text.contains("stays a draft"), "{}", m.text);
    press(&mut app, KeyCode::Esc);
    let Screen::Start(s) = &app.screen else {
        panic!("start")
    };
    assert_eq!(s.drafts.len(), 2, "{:?}", s.drafts);
    assert!(s.drafts[1].label.contains("[EXO]"), "{:?}", s.drafts);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(compose(&app).text, EXO);
    // Not in a call any more: Esc leads to the start screen.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::Start(_)));
}

#[test]
fn a_single_note_knows_no_next_note() {
    let (mut app, _) = app_with(env(Lang::En), entitlement("Contoso", "EXO", "blocked"));
    type_str(&mut app, "x");
    ctrl(&mut app, 'n');
    assert!(
        app.compose().is_some(),
        "Ctrl-N does nothing outside a call"
    );
    let (app, _) = app_with(env(Lang::En), new_note("status", "Contoso"));
    assert!(!app.in_call());
}

#[test]
fn ftnote_call_without_a_customer_asks_for_one_then_picks_the_notes() {
    let rec = Rc::new(RefCell::new(Recorder::default()));
    let mut e = env(Lang::En);
    e.role = Some(Role::Architect); // the call is not an architect's first kind
    let mut app = App::for_call(e, &CallStart::default(), Box::new(Rc::clone(&rec)));
    app.settle();
    assert_eq!(app.mode(), Mode::StartInput);
    type_str(&mut app, "Northwind");
    press(&mut app, KeyCode::Enter);
    let Screen::Start(s) = &app.screen else {
        panic!("start")
    };
    assert!(s.kinds[s.kind].call, "the call stays selected");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::CallSetup);
    press(&mut app, KeyCode::Enter);
    assert_eq!(labels(&app), ["Overall status"]);
    assert_eq!(app.call.as_ref().expect("call").customer, "Northwind");
}
