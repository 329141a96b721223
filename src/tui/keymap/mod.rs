//! Keys → actions, by what has the focus. The footer and the help overlay
//! are built from [`BINDINGS`], so a key is named in one place only.

use super::action::Action;
use super::strings::Keys;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// What has the focus, as far as keys are concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A list on the start screen (role, kind).
    StartList,
    /// The customer name on the start screen.
    StartInput,
    /// The drafts offered back on the start screen.
    StartDrafts,
    /// A list in the form: a choice, a sentence template, a workload to add.
    Pick,
    /// A multi-select in the form.
    Multi,
    /// A text field of several lines.
    Text,
    /// A one-line field (also a blank of a sentence template).
    Line,
    /// A workload's line in an Exec Summary.
    Workload,
    /// The key help.
    Help,
    /// A yes/no question.
    Confirm,
    /// The call's overview: its notes.
    Overview,
    /// Picking the notes of a call.
    CallSetup,
}

const START: u16 = 1 << 0;
const START_INPUT: u16 = 1 << 1;
const PICK: u16 = 1 << 2;
const MULTI: u16 = 1 << 3;
const TEXT: u16 = 1 << 4;
const LINE: u16 = 1 << 5;
const WORKLOAD: u16 = 1 << 6;
const HELP: u16 = 1 << 7;
const CONFIRM: u16 = 1 << 8;
const START_DRAFTS: u16 = 1 << 9;
const OVERVIEW: u16 = 1 << 10;
const SETUP: u16 = 1 << 11;
const FORM: u16 = PICK | MULTI | TEXT | LINE | WORKLOAD;
const LISTS: u16 = START | PICK | MULTI | OVERVIEW | SETUP;

impl Mode {
    fn bit(self) -> u16 {
        match self {
            Mode::StartList => START,
            Mode::StartInput => START_INPUT,
            Mode::Pick => PICK,
            Mode::Multi => MULTI,
            Mode::Text => TEXT,
            Mode::Line => LINE,
            Mode::Workload => WORKLOAD,
            Mode::Help => HELP,
            Mode::Confirm => CONFIRM,
            Mode::StartDrafts => START_DRAFTS,
            Mode::Overview => OVERVIEW,
            Mode::CallSetup => SETUP,
        }
    }

    /// Whether unbound keys are typed into a text field or filter.
    fn takes_text(self) -> bool {
        !matches!(
            self,
            Mode::Help | Mode::Confirm | Mode::StartList | Mode::StartDrafts | Mode::Overview
        )
    }
}

/// One key binding.
pub struct Binding {
    pub code: KeyCode,
    pub mods: KeyModifiers,
    /// How the key is written in the footer and help.
    pub label: &'static str,
    pub action: Action,
    /// The modes it works in.
    modes: u16,
    /// Shown in the footer (otherwise only in the help).
    pub footer: bool,
    /// What it does, from the language's key words.
    pub hint: fn(&Keys) -> &str,
}

/// How much the footer wants to show an action in `mode`, 0 first, when
/// not all fit.
fn rank(a: &Action, mode: Mode) -> u8 {
    match a {
        // Opening a note is what the overview is for; removing a workload's
        // line is what its keys are for.
        Action::Choose if mode == Mode::Overview => 1,
        Action::Remove if mode == Mode::Workload => 1,
        Action::Quit | Action::Help | Action::Yes | Action::No => 0,
        Action::Save | Action::Toggle | Action::NextField => 1,
        // Esc always leads out: it shows before the keys a new user can guess.
        Action::Back => 2,
        Action::Copy | Action::Remove => 3,
        Action::Choose | Action::NextFinding | Action::NextNote => 4,
        _ => 5,
    }
}

/// The footer's bindings that fit in `width` cells, most wanted first, shown
/// in the keymap's order; `hidden` are actions that do nothing here.
pub fn footer_fitting(
    mode: Mode,
    width: usize,
    keys: &Keys,
    hidden: &[Action],
) -> Vec<&'static Binding> {
    let mut all = footer(mode);
    all.retain(|b| !hidden.contains(&b.action));
    let cost = |b: &Binding| {
        unicode_width::UnicodeWidthStr::width(b.label)
            + unicode_width::UnicodeWidthStr::width((b.hint)(keys))
            + 3
    };
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by_key(|&i| rank(&all[i].action, mode));
    let mut used = 1;
    let mut keep = vec![false; all.len()];
    for i in order {
        let c = cost(all[i]);
        if used + c <= width {
            used += c;
            keep[i] = true;
        }
    }
    all.into_iter()
        .zip(keep)
        .filter_map(|(b, k)| k.then_some(b))
        .collect()
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

macro_rules! bind {
    ($code:expr, $mods:expr, $label:literal, $action:expr, $modes:expr, $footer:literal, $hint:ident) => {
        Binding {
            code: $code,
            mods: $mods,
            label: $label,
            action: $action,
            modes: $modes,
            footer: $footer,
            hint: |k: &Keys| &k.$hint,
        }
    };
}

/// Every binding, in the order the footer shows them.
pub static BINDINGS: &[Binding] = &[
    bind!(
        KeyCode::Enter,
        NONE,
        "Enter",
        Action::Choose,
        START_DRAFTS,
        true,
        recover
    ),
    bind!(
        KeyCode::Char('r'),
        NONE,
        "r",
        Action::Choose,
        START_DRAFTS,
        false,
        recover
    ),
    bind!(
        KeyCode::Char('d'),
        NONE,
        "d",
        Action::Remove,
        START_DRAFTS,
        true,
        discard
    ),
    bind!(
        KeyCode::Tab,
        NONE,
        "Tab",
        Action::NextField,
        START_DRAFTS,
        true,
        keep
    ),
    bind!(
        KeyCode::Char('y'),
        NONE,
        "y",
        Action::Yes,
        CONFIRM,
        true,
        confirm
    ),
    bind!(
        KeyCode::Char('n'),
        NONE,
        "n",
        Action::No,
        CONFIRM,
        true,
        back
    ),
    bind!(
        KeyCode::Enter,
        NONE,
        "Enter",
        Action::Yes,
        CONFIRM,
        false,
        confirm
    ),
    bind!(KeyCode::Esc, NONE, "Esc", Action::No, CONFIRM, false, back),
    bind!(
        KeyCode::Up,
        NONE,
        "↑↓",
        Action::Up,
        LISTS | START_INPUT | WORKLOAD | START_DRAFTS,
        true,
        move_
    ),
    bind!(
        KeyCode::Down,
        NONE,
        "↑↓",
        Action::Down,
        LISTS | START_INPUT | WORKLOAD | START_DRAFTS,
        false,
        move_
    ),
    bind!(
        KeyCode::Char(' '),
        NONE,
        "Space",
        Action::Toggle,
        MULTI | SETUP,
        true,
        toggle
    ),
    bind!(
        KeyCode::Enter,
        NONE,
        "Enter",
        Action::Choose,
        OVERVIEW,
        true,
        open
    ),
    bind!(
        KeyCode::Char('s'),
        CTRL,
        "Ctrl-S",
        Action::Save,
        OVERVIEW,
        true,
        write_all
    ),
    bind!(
        KeyCode::Char('y'),
        CTRL,
        "Ctrl-Y",
        Action::Copy,
        OVERVIEW,
        true,
        copy
    ),
    bind!(
        KeyCode::Char('a'),
        NONE,
        "a",
        Action::AddNotes,
        OVERVIEW,
        true,
        add_notes
    ),
    bind!(
        KeyCode::Delete,
        NONE,
        "Del",
        Action::Remove,
        OVERVIEW,
        false,
        remove
    ),
    bind!(
        KeyCode::Esc,
        NONE,
        "Esc",
        Action::Back,
        OVERVIEW,
        true,
        back
    ),
    bind!(
        KeyCode::Enter,
        NONE,
        "Enter",
        Action::Choose,
        START | START_INPUT | SETUP,
        true,
        start
    ),
    bind!(
        KeyCode::Enter,
        NONE,
        "Enter",
        Action::Choose,
        PICK | MULTI | LINE | WORKLOAD,
        true,
        choose
    ),
    bind!(
        KeyCode::Tab,
        NONE,
        "Tab",
        Action::NextField,
        START | START_INPUT,
        true,
        next_column
    ),
    bind!(
        KeyCode::BackTab,
        SHIFT,
        "Shift-Tab",
        Action::PrevField,
        START | START_INPUT,
        false,
        prev_field
    ),
    bind!(
        KeyCode::Tab,
        NONE,
        "Tab",
        Action::NextField,
        FORM,
        true,
        next_field
    ),
    bind!(
        KeyCode::BackTab,
        SHIFT,
        "Shift-Tab",
        Action::PrevField,
        FORM,
        false,
        prev_field
    ),
    bind!(
        KeyCode::Char('d'),
        CTRL,
        "Ctrl-D",
        Action::Remove,
        WORKLOAD,
        true,
        remove
    ),
    bind!(
        KeyCode::Delete,
        NONE,
        "Del",
        Action::Remove,
        PICK,
        false,
        remove
    ),
    bind!(
        KeyCode::Char('s'),
        CTRL,
        "Ctrl-S",
        Action::Save,
        FORM,
        true,
        save
    ),
    bind!(
        KeyCode::Char('n'),
        CTRL,
        "Ctrl-N",
        Action::NextNote,
        FORM,
        true,
        next_note
    ),
    bind!(
        KeyCode::Char('y'),
        CTRL,
        "Ctrl-Y",
        Action::Copy,
        FORM,
        true,
        copy
    ),
    bind!(
        KeyCode::Char('e'),
        CTRL,
        "Ctrl-E",
        Action::ExternalEditor,
        TEXT | LINE | WORKLOAD,
        true,
        editor
    ),
    bind!(
        KeyCode::Char('t'),
        CTRL,
        "Ctrl-T",
        Action::Sentences,
        TEXT,
        false,
        sentences
    ),
    bind!(
        KeyCode::F(8),
        NONE,
        "F8",
        Action::NextFinding,
        FORM,
        true,
        next_finding
    ),
    bind!(
        KeyCode::Esc,
        NONE,
        "Esc",
        Action::Back,
        FORM | SETUP,
        true,
        back
    ),
    bind!(
        KeyCode::Esc,
        NONE,
        "Esc",
        Action::Back,
        START | START_INPUT | START_DRAFTS,
        false,
        quit
    ),
    bind!(
        KeyCode::F(1),
        NONE,
        "F1",
        Action::Help,
        FORM | START | START_INPUT | START_DRAFTS | OVERVIEW | SETUP,
        true,
        help
    ),
    bind!(
        KeyCode::Char('?'),
        NONE,
        "?",
        Action::Help,
        START | START_DRAFTS | PICK | MULTI | OVERVIEW,
        false,
        help
    ),
    bind!(KeyCode::Esc, NONE, "Esc", Action::Help, HELP, true, back),
    bind!(KeyCode::F(1), NONE, "F1", Action::Help, HELP, false, back),
    bind!(
        KeyCode::Char('?'),
        NONE,
        "?",
        Action::Help,
        HELP,
        false,
        back
    ),
    bind!(
        KeyCode::Char('q'),
        NONE,
        "q",
        Action::Help,
        HELP,
        false,
        back
    ),
    bind!(
        KeyCode::Char('q'),
        CTRL,
        "Ctrl-Q",
        Action::Quit,
        !(HELP | CONFIRM),
        true,
        quit
    ),
    bind!(
        KeyCode::Char('c'),
        CTRL,
        "Ctrl-C",
        Action::Quit,
        !(HELP | CONFIRM),
        false,
        quit
    ),
];

impl Binding {
    pub fn works_in(&self, mode: Mode) -> bool {
        self.modes & mode.bit() != 0
    }

    fn matches(&self, key: &KeyEvent) -> bool {
        if self.code != key.code {
            return false;
        }
        // Shift is part of the character for printable keys.
        let mods = if matches!(key.code, KeyCode::Char(_) | KeyCode::BackTab) {
            key.modifiers - SHIFT
        } else {
            key.modifiers
        };
        let want = if matches!(self.code, KeyCode::Char(_) | KeyCode::BackTab) {
            self.mods - SHIFT
        } else {
            self.mods
        };
        mods == want
    }
}

/// The action for a key pressed in `mode`, if any. Key releases and repeats
/// of non-text keys are ignored.
pub fn action_for(mode: Mode, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if let Some(b) = BINDINGS
        .iter()
        .find(|b| b.works_in(mode) && b.matches(&key))
    {
        return Some(b.action.clone());
    }
    mode.takes_text().then_some(Action::Input(key))
}

/// The bindings the footer shows in `mode`, one per action.
pub fn footer(mode: Mode) -> Vec<&'static Binding> {
    let mut out: Vec<&'static Binding> = Vec::new();
    for b in BINDINGS.iter().filter(|b| b.footer && b.works_in(mode)) {
        if !out.iter().any(|o| o.action == b.action) {
            out.push(b);
        }
    }
    out
}

/// What the help lists for `mode`: every key that works there, once, with
/// what it does; keys doing the same are listed together ("Ctrl-Q, Ctrl-C").
/// `hidden` are actions that do nothing here.
pub fn help(mode: Mode, keys: &Keys, hidden: &[Action]) -> Vec<(String, String)> {
    let mut out: Vec<(Vec<&str>, String)> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for b in BINDINGS
        .iter()
        .filter(|b| b.works_in(mode) && !hidden.contains(&b.action))
    {
        if seen.contains(&b.label) {
            continue;
        }
        seen.push(b.label);
        let hint = (b.hint)(keys).to_string();
        match out.iter_mut().find(|(_, h)| *h == hint) {
            Some((labels, _)) => labels.push(b.label),
            None => out.push((vec![b.label], hint)),
        }
    }
    out.into_iter()
        .map(|(labels, hint)| (labels.join(", "), hint))
        .collect()
}

#[cfg(test)]
mod tests;
