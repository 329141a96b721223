//! The edits the composer records are the whole story of its note: applied
//! one after the other to the note as it started, they give the note as it
//! is, after every kind of input. A draft's journal is these edits, so this
//! is what recovering a draft relies on.

mod common;

use common::tui::{app_with, ctrl, entitlement, env, new_note, press, type_str};
use crossterm::event::KeyCode;
use ftnote::lang::Lang;
use ftnote::note::Note;
use ftnote::tui::App;
use ftnote::tui::action::Action;

/// Follows a composer's note through its recorded edits.
struct Shadow {
    note: Note,
    revision: u64,
    count: u64,
    /// Edits seen in all; splices among them.
    edits: usize,
    splices: usize,
}

impl Shadow {
    fn of(app: &mut App) -> Shadow {
        let c = compose(app);
        let _ = c.edits.take();
        Shadow {
            note: c.note.clone(),
            revision: c.revision,
            count: c.edits.count(),
            edits: 0,
            splices: 0,
        }
    }

    /// Applies the edits recorded since the last step and checks that the
    /// note they give is the composer's.
    fn step(&mut self, app: &mut App, what: &str) {
        let c = compose(app);
        let edits = c.edits.take().expect("no edit was dropped");
        assert_eq!(
            c.revision - self.revision,
            c.edits.count() - self.count,
            "{what}: every change of the note is an edit"
        );
        for e in &edits {
            e.apply(&mut self.note.values)
                .unwrap_or_else(|err| panic!("{what}: {e:?} does not apply: {err}"));
            self.edits += 1;
            if matches!(e, ftnote::drafts::Edit::Splice { .. }) {
                self.splices += 1;
            }
        }
        assert_eq!(self.note, c.note, "{what}");
        self.revision = c.revision;
        self.count = c.edits.count();
    }
}

fn compose(app: &mut App) -> &mut ftnote::tui::compose::Compose {
    match &mut app.screen {
        ftnote::tui::app::Screen::Compose(c) => c,
        _ => panic!("the form is not open"),
    }
}

#[test]
fn typing_editing_and_pasting_in_a_text_field() {
    let (mut app, _) = app_with(env(Lang::En), new_note("status", "Contoso"));
    let mut s = Shadow::of(&mut app);
    type_str(&mut app, "Because the firewall ");
    s.step(&mut app, "typed, with a trailing space");
    assert_eq!(s.note.text("update"), "Because the firewall ");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    s.step(&mut app, "two new lines");
    assert_eq!(s.note.text("update"), "Because the firewall \n\n");
    app.dispatch(Action::Paste("日本の 👩‍💻 team\r\nline  two ".into()));
    s.step(&mut app, "a paste");
    for _ in 0..4 {
        press(&mut app, KeyCode::Backspace);
    }
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Left);
    type_str(&mut app, "é");
    press(&mut app, KeyCode::Delete);
    s.step(&mut app, "deleting and typing in the middle");
    press(&mut app, KeyCode::Home);
    ctrl(&mut app, 'k');
    s.step(&mut app, "cutting to the end of the line");
    app.dispatch(Action::EditorDone(
        "Rewritten in $EDITOR\n  indented \n".into(),
    ));
    s.step(&mut app, "the text back from $EDITOR");
    assert!(
        s.splices >= 8,
        "keys are splices: {} of {}",
        s.splices,
        s.edits
    );
    // Emptied, the field is gone from the note; typed again, it is back.
    app.dispatch(Action::EditorDone(String::new()));
    s.step(&mut app, "emptied");
    type_str(&mut app, " ");
    s.step(&mut app, "a lone space is kept");
    assert_eq!(s.note.text("update"), " ");
}

#[test]
fn lines_dates_tags_and_moving_between_fields() {
    let (mut app, _) = app_with(env(Lang::En), new_note("status", "Contoso"));
    let mut s = Shadow::of(&mut app);
    type_str(&mut app, "Workshop held.");
    press(&mut app, KeyCode::Tab);
    s.step(&mut app, "to the tags");
    press(&mut app, KeyCode::Char(' '));
    s.step(&mut app, "a tag toggled");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "Send the  plan ");
    s.step(&mut app, "a line with spaces");
    assert_eq!(s.note.text("next_action"), "Send the  plan ");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "3/12");
    s.step(&mut app, "a date in words");
    press(&mut app, KeyCode::Tab);
    s.step(&mut app, "leaving the date");
    type_str(&mut app, "Dana (FM)");
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::BackTab);
    s.step(&mut app, "back again");
}

#[test]
fn choices_sentences_and_blanks_of_an_entitlement_note() {
    let (mut app, _) = app_with(env(Lang::En), entitlement("Contoso", "EXO", "blocked"));
    let mut s = Shadow::of(&mut app);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    s.step(&mut app, "a sentence picked");
    type_str(&mut app, "a firewall");
    s.step(&mut app, "a blank filled");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "dropped traffic");
    press(&mut app, KeyCode::Enter);
    s.step(&mut app, "the sentence done");
    press(&mut app, KeyCode::Esc);
    s.step(&mut app, "back to the sentences");
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    s.step(&mut app, "another status");
}

#[test]
fn workload_lines_of_an_exec_summary() {
    let (mut app, _) = app_with(env(Lang::En), new_note("exec-summary", "Contoso"));
    let mut s = Shadow::of(&mut app);
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    for (filter, text) in [
        ("exo", "Planning "),
        ("yam", "Not in scope."),
        ("intune", "500 devices"),
    ] {
        type_str(&mut app, filter);
        press(&mut app, KeyCode::Enter);
        s.step(&mut app, "a workload added");
        type_str(&mut app, text);
        s.step(&mut app, "its line typed");
        press(&mut app, KeyCode::Enter);
    }
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Up);
    type_str(&mut app, " again");
    s.step(&mut app, "an earlier line typed in");
    ctrl(&mut app, 'd');
    s.step(&mut app, "a workload removed");
    assert!(s.splices >= 3, "typing in a line is a splice of that line");
}
