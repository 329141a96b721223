//! The keymap: keys to actions, the footer and the help.
use super::*;

fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

#[test]
fn ctrl_s_saves_in_every_form_mode() {
    for m in [
        Mode::Pick,
        Mode::Multi,
        Mode::Text,
        Mode::Line,
        Mode::Workload,
    ] {
        assert_eq!(
            action_for(m, key(KeyCode::Char('s'), CTRL)),
            Some(Action::Save),
            "{m:?}"
        );
    }
}

#[test]
fn question_mark_is_text_in_an_editor_but_help_in_a_list() {
    let q = key(KeyCode::Char('?'), SHIFT);
    assert_eq!(action_for(Mode::Pick, q), Some(Action::Help));
    assert_eq!(action_for(Mode::Text, q), Some(Action::Input(q)));
}

#[test]
fn enter_is_a_newline_in_text_and_goes_on_in_a_line() {
    let enter = key(KeyCode::Enter, NONE);
    assert_eq!(action_for(Mode::Text, enter), Some(Action::Input(enter)));
    assert_eq!(action_for(Mode::Line, enter), Some(Action::Choose));
}

#[test]
fn shift_tab_goes_back() {
    assert_eq!(
        action_for(Mode::Text, key(KeyCode::BackTab, SHIFT)),
        Some(Action::PrevField)
    );
}

#[test]
fn releases_are_ignored_and_lists_take_no_text() {
    let mut k = key(KeyCode::Char('a'), NONE);
    k.kind = KeyEventKind::Release;
    assert_eq!(action_for(Mode::Text, k), None);
    assert_eq!(
        action_for(Mode::StartList, key(KeyCode::Char('a'), NONE)),
        None
    );
    assert_eq!(
        action_for(Mode::Confirm, key(KeyCode::Char('a'), NONE)),
        None
    );
}

#[test]
fn footer_names_each_action_once() {
    let f = footer(Mode::Text);
    let quits = f.iter().filter(|b| b.action == Action::Quit).count();
    assert_eq!(quits, 1);
    assert!(f.iter().any(|b| b.action == Action::Save));
    assert!(!f.iter().any(|b| b.action == Action::Toggle));
}

#[test]
fn every_footer_key_resolves_to_its_own_action() {
    for m in [
        Mode::StartList,
        Mode::StartDrafts,
        Mode::Pick,
        Mode::Multi,
        Mode::Text,
        Mode::Line,
        Mode::Workload,
        Mode::Help,
        Mode::Confirm,
        Mode::Overview,
        Mode::CallSetup,
    ] {
        for b in footer(m) {
            let k = key(b.code, b.mods);
            assert_eq!(
                action_for(m, k),
                Some(b.action.clone()),
                "{m:?} {}",
                b.label
            );
        }
    }
}

#[test]
fn help_lists_each_key_once_and_each_thing_it_does_once() {
    let keys = &crate::tui::strings::Strings::get(crate::lang::Lang::En).keys;
    for m in [
        Mode::StartList,
        Mode::StartInput,
        Mode::StartDrafts,
        Mode::Pick,
        Mode::Multi,
        Mode::Text,
        Mode::Line,
        Mode::Workload,
        Mode::Confirm,
        Mode::Overview,
        Mode::CallSetup,
    ] {
        let lines = help(m, keys, &[]);
        let mut labels: Vec<&str> = lines.iter().flat_map(|(l, _)| l.split(", ")).collect();
        let n = labels.len();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), n, "{m:?}: {lines:?}");
        let mut hints: Vec<&str> = lines.iter().map(|(_, h)| h.as_str()).collect();
        hints.sort_unstable();
        hints.dedup();
        assert_eq!(hints.len(), lines.len(), "{m:?}: {lines:?}");
    }
    let text = help(Mode::Pick, keys, &[]);
    assert!(
        text.contains(&("↑↓".to_string(), "move".to_string())),
        "{text:?}"
    );
    assert!(
        text.contains(&("Ctrl-Q, Ctrl-C".to_string(), "quit".to_string())),
        "{text:?}"
    );
}

#[test]
fn the_overview_writes_all_copies_one_and_esc_leads_to_the_start_screen() {
    assert_eq!(
        action_for(Mode::Overview, key(KeyCode::Char('s'), CTRL)),
        Some(Action::Save)
    );
    assert_eq!(
        action_for(Mode::Overview, key(KeyCode::Char('y'), CTRL)),
        Some(Action::Copy)
    );
    assert_eq!(
        action_for(Mode::Overview, key(KeyCode::Enter, NONE)),
        Some(Action::Choose)
    );
    assert_eq!(
        action_for(Mode::Overview, key(KeyCode::Esc, NONE)),
        Some(Action::Back)
    );
    assert_eq!(
        action_for(Mode::Overview, key(KeyCode::Char('x'), NONE)),
        None
    );
    assert_eq!(
        action_for(Mode::Text, key(KeyCode::Char('n'), CTRL)),
        Some(Action::NextNote)
    );
    assert_eq!(
        action_for(Mode::CallSetup, key(KeyCode::Char(' '), NONE)),
        Some(Action::Toggle)
    );
}
