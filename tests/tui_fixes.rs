//! Fixes in the composer, driven through the keymap without a terminal:
//! the fix of the finding in view (F9), every safe fix (Shift-F9), Ctrl-Z,
//! and a fix with blanks putting the author on its first blank.

mod common;

use common::tui::{app_with, ctrl, entitlement, env, key, new_note, press, type_str};
use crossterm::event::{KeyCode, KeyModifiers};
use ftnote::check::{Applicability, Edit, Finding, Fix, Severity, Verdict};
use ftnote::lang::Lang;
use ftnote::note::Value;
use ftnote::tui::App;
use ftnote::tui::app::Screen;
use ftnote::tui::compose::Compose;
use ftnote::tui::keymap::Mode;

fn compose(app: &App) -> &Compose {
    app.compose().expect("the form is open")
}

fn compose_mut(app: &mut App) -> &mut Compose {
    match &mut app.screen {
        Screen::Compose(c) => c,
        _ => panic!("the form is open"),
    }
}

fn message(app: &App) -> String {
    app.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

fn f9(app: &mut App) {
    press(app, KeyCode::F(9));
}

fn shift_f9(app: &mut App) {
    key(app, KeyCode::F(9), KeyModifiers::SHIFT);
}

/// A Blocked entitlement note with this text typed in.
fn blocked(text: &str) -> App {
    let (mut app, _) = app_with(env(Lang::En), entitlement("Contoso", "TEAMS", "blocked"));
    type_str(&mut app, text);
    assert_eq!(compose(&app).text, text);
    app
}

/// Gives the note a finding with `fix`, as the checker would.
fn offer(app: &mut App, rule: &'static str, span: std::ops::Range<usize>, fix: Fix) {
    let c = compose_mut(app);
    c.report.findings.push(Finding {
        rule,
        severity: Severity::Error,
        message: "test finding".into(),
        start: span.start,
        end: span.end,
        fixes: vec![fix],
    });
}

const PAUSED: &str = "Customer paused the Teams rollout because of COVID-19 budget cuts; no funding until Q3. #covid";

#[test]
fn f9_applies_the_fix_at_the_cursor_and_ctrl_z_takes_it_back() {
    let mut app = blocked(PAUSED);
    assert_eq!(compose(&app).report.verdict, Verdict::Incomplete);
    // The cursor is at the end, on #covid: its fix is the one in view.
    let shown = compose(&app).shown_fix().map(|f| f.label.clone());
    assert_eq!(shown.as_deref(), Some("Remove #covid"));
    f9(&mut app);
    let fixed =
        "Customer paused the Teams rollout because of COVID-19 budget cuts; no funding until Q3.";
    assert_eq!(compose(&app).text, fixed);
    assert_eq!(compose(&app).report.verdict, Verdict::Good);
    assert_eq!(
        compose(&app).note.values.get("text"),
        Some(&Value::Text(fixed.into()))
    );
    assert!(
        message(&app).starts_with("Applied: Remove #covid."),
        "{}",
        message(&app)
    );
    assert!(message(&app).contains("Ctrl-Z"), "{}", message(&app));
    assert!(compose(&app).can_undo_fix());
    ctrl(&mut app, 'z');
    assert_eq!(compose(&app).text, PAUSED);
    assert_eq!(message(&app), "Fix taken back.");
    assert!(!compose(&app).can_undo_fix());
    // The editor holds the text again, and typing goes on from there.
    type_str(&mut app, "!");
    assert_eq!(compose(&app).text, format!("{PAUSED}!"));
}

#[test]
fn after_typing_ctrl_z_undoes_the_typing_first_then_the_fix() {
    let mut app = blocked(PAUSED);
    f9(&mut app);
    let fixed = compose(&app).text.clone();
    type_str(&mut app, " Ok");
    assert!(!compose(&app).can_undo_fix(), "typed since the fix");
    // The editor's own undo, a keystroke at a time.
    ctrl(&mut app, 'z');
    assert_eq!(compose(&app).text, format!("{fixed} O"));
    ctrl(&mut app, 'z');
    // A trailing space is not in the note: the note is as the fix left it.
    assert_eq!(compose(&app).text, fixed);
    assert!(compose(&app).can_undo_fix());
    ctrl(&mut app, 'z');
    assert_eq!(compose(&app).text, PAUSED, "then the fix");
    ctrl(&mut app, 'z');
    assert_eq!(compose(&app).text, PAUSED);
}

#[test]
fn shift_f9_applies_every_safe_fix_at_once() {
    let mut app = blocked(
        "Customer paused the Teams rollout because COVID-19 budget cuts â€“ no funding until Q3. #covid",
    );
    assert_eq!(compose(&app).safe_fixes(), 2);
    // Away from both findings: F9 has nothing, Shift-F9 does not care.
    key(&mut app, KeyCode::Home, KeyModifiers::NONE);
    assert!(compose(&app).shown_fix().is_none());
    f9(&mut app);
    assert!(
        message(&app).starts_with("No fix here"),
        "{}",
        message(&app)
    );
    shift_f9(&mut app);
    assert_eq!(
        compose(&app).text,
        "Customer paused the Teams rollout because COVID-19 budget cuts – no funding until Q3."
    );
    assert!(
        message(&app).starts_with("Applied 2 safe fixes."),
        "{}",
        message(&app)
    );
    assert_eq!(compose(&app).safe_fixes(), 0);
    shift_f9(&mut app);
    assert_eq!(message(&app), "No safe fixes in this note.");
    // One Ctrl-Z takes them all back.
    ctrl(&mut app, 'z');
    assert!(compose(&app).text.ends_with("Q3. #covid"));
    assert!(compose(&app).text.contains("â€“"));
}

#[test]
fn the_finding_selected_with_f8_is_the_one_f9_fixes() {
    let mut app = blocked(
        "Customer paused the Teams rollout because COVID-19 budget cuts â€“ no funding until Q3. #covid",
    );
    key(&mut app, KeyCode::Home, KeyModifiers::NONE);
    let n = compose(&app).report.findings.len();
    // Select the mojibake finding.
    for _ in 0..n {
        press(&mut app, KeyCode::F(8));
        let c = compose(&app);
        if c.finding
            .is_some_and(|i| c.report.findings[i].rule == "mojibake")
        {
            break;
        }
    }
    let label = compose(&app).shown_fix().map(|f| f.label.clone());
    assert_eq!(label.as_deref(), Some("Replace “â€“” with “–”"));
    f9(&mut app);
    assert!(compose(&app).text.contains(" – no funding"));
    assert!(
        compose(&app).text.ends_with("#covid"),
        "only the selected finding's fix"
    );
}

#[test]
fn a_fix_with_blanks_puts_the_author_in_the_blanks_editor_on_its_first_blank() {
    let mut app = blocked("Customer cannot deploy Teams.");
    let at = "Customer cannot deploy Teams".len();
    offer(
        &mut app,
        "no-reason",
        0..at,
        Fix {
            label: "Add the reason".into(),
            applicability: Applicability::Placeholders,
            edits: vec![Edit::new(
                at..at,
                " due to [primary issue] and [technical details]",
            )],
        },
    );
    key(&mut app, KeyCode::Home, KeyModifiers::NONE);
    f9(&mut app);
    assert_eq!(
        compose(&app).text,
        "Customer cannot deploy Teams due to [primary issue] and [technical details]."
    );
    assert_eq!(app.mode(), Mode::Line, "filling the blanks");
    assert!(
        message(&app).contains("Fill in the blank"),
        "{}",
        message(&app)
    );
    type_str(&mut app, "a missing recording policy");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "compliance recording for calls");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Text, "back in the text");
    assert_eq!(
        compose(&app).text,
        "Customer cannot deploy Teams due to a missing recording policy and compliance recording for calls."
    );
}

#[test]
fn esc_from_a_fixs_blanks_keeps_the_text_as_far_as_filled() {
    let mut app = blocked("Customer cannot deploy Teams.");
    let at = "Customer cannot deploy Teams".len();
    offer(
        &mut app,
        "no-reason",
        0..at,
        Fix {
            label: "Add the reason".into(),
            applicability: Applicability::Placeholders,
            edits: vec![Edit::new(at..at, " due to [primary issue]")],
        },
    );
    key(&mut app, KeyCode::Home, KeyModifiers::NONE);
    f9(&mut app);
    assert_eq!(app.mode(), Mode::Line);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Text, "not the sentence list");
    assert_eq!(
        compose(&app).text,
        "Customer cannot deploy Teams due to [primary issue]."
    );
}

#[test]
fn a_blank_in_a_one_line_field_is_selected_so_typing_replaces_it() {
    let (mut app, _) = app_with(env(Lang::En), new_note("status", "Contoso"));
    type_str(&mut app, "Kickoff held with the customer's IT team.");
    let text = compose(&app).text.clone();
    let at = text.find("Next Action:").expect("label") + "Next Action:".len();
    offer(
        &mut app,
        "next-action-missing",
        at..at,
        Fix {
            label: "Add the next action".into(),
            applicability: Applicability::Placeholders,
            edits: vec![Edit::new(at..at, " [next action]")],
        },
    );
    // The finding is not at the cursor: select it.
    let i = compose(&app).report.findings.len() - 1;
    compose_mut(&mut app).finding = Some(i);
    f9(&mut app);
    let c = compose(&app);
    assert_eq!(
        c.template.fields[c.at].id, "next_action",
        "the blank's field"
    );
    assert!(
        c.text.contains("Next Action: [next action]\n"),
        "{}",
        c.text
    );
    type_str(&mut app, "Run the migration workshop");
    assert!(
        compose(&app)
            .text
            .contains("Next Action: Run the migration workshop\n"),
        "{}",
        compose(&app).text
    );
}

#[test]
fn a_fix_the_form_cannot_hold_changes_nothing_and_says_so() {
    let (mut app, _) = app_with(env(Lang::En), new_note("status", "Contoso"));
    type_str(&mut app, "Kickoff held.");
    let text = compose(&app).text.clone();
    let at = text.find("Date:").expect("label");
    // Rewording the template's own label is not the author's text.
    offer(
        &mut app,
        "date-missing",
        at..at + 5,
        Fix {
            label: "Relabel".into(),
            applicability: Applicability::Review,
            edits: vec![Edit::new(at..at + 5, "When:")],
        },
    );
    let i = compose(&app).report.findings.len() - 1;
    compose_mut(&mut app).finding = Some(i);
    f9(&mut app);
    assert_eq!(compose(&app).text, text);
    assert!(
        message(&app).contains("cannot be made in the form"),
        "{}",
        message(&app)
    );
    assert!(!compose(&app).can_undo_fix());
}

#[test]
fn the_fix_keys_are_in_the_help_in_every_language() {
    for lang in Lang::ALL {
        let s = ftnote::tui::strings::Strings::get(lang);
        let help = ftnote::tui::keymap::help(Mode::Text, &s.keys, &[]);
        for (key, hint) in [
            ("F9", &s.keys.fix),
            ("Shift-F9", &s.keys.fix_all),
            ("Ctrl-Z", &s.keys.undo),
        ] {
            assert!(
                help.iter().any(|(k, h)| k == key && h == hint),
                "{}: {key} missing from {help:?}",
                lang.code()
            );
        }
    }
}

#[test]
fn the_checkers_own_blank_for_a_missing_owner_fills_the_empty_owner_field() {
    let (mut app, _) = app_with(env(Lang::En), new_note("status", "Contoso"));
    type_str(&mut app, "Customer received approval for ExpressRoute.");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "Order the circuit");
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, "2026-12-15");
    press(&mut app, KeyCode::Enter);
    // On the empty Owner field, the owner-missing finding's fix is in view:
    // it adds an "Owner: [owner]" line, which the form takes as the field.
    let c = compose(&app);
    assert_eq!(c.template.fields[c.at].id, "owner");
    let (fix, taking) = c.offer(&app.env).expect("a fix in view");
    assert_eq!(fix.applicability, Applicability::Placeholders);
    assert!(taking.is_some(), "the form can take {fix:?}");
    f9(&mut app);
    assert!(
        compose(&app).text.ends_with("\nOwner: [owner]"),
        "{}",
        compose(&app).text
    );
    assert_eq!(compose(&app).text.matches("Owner:").count(), 1);
    type_str(&mut app, "Jane Doe (FM)");
    assert!(compose(&app).text.ends_with("\nOwner: Jane Doe (FM)"));
    assert_eq!(
        compose(&app).report.verdict,
        Verdict::Good,
        "{:?}",
        compose(&app).report.findings
    );
}

#[test]
fn the_checkers_own_blank_for_a_missing_reason_opens_the_blanks_editor() {
    let mut app = blocked("Customer cannot deploy Teams.");
    let rules: Vec<&str> = compose(&app)
        .report
        .findings
        .iter()
        .map(|f| f.rule)
        .collect();
    assert!(rules.contains(&"no-reason"), "{rules:?}");
    key(&mut app, KeyCode::Home, KeyModifiers::NONE);
    let label = compose(&app)
        .shown_fix()
        .map(|f| (f.label.clone(), f.applicability));
    assert_eq!(
        label.as_ref().map(|(_, a)| *a),
        Some(Applicability::Placeholders),
        "{label:?}"
    );
    f9(&mut app);
    assert_eq!(
        app.mode(),
        Mode::Line,
        "filling the blanks: {}",
        compose(&app).text
    );
    type_str(&mut app, "a missing recording policy");
    press(&mut app, KeyCode::Enter);
    let text = compose(&app).text.clone();
    assert!(text.contains("a missing recording policy"), "{text}");
    assert!(!text.contains('['), "{text}");
}
