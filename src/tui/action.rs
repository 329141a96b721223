//! Everything the author can ask the composer to do. The keymap turns key
//! events into these; [`App::update`](super::app::App::update) carries them out.

use crossterm::event::KeyEvent;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Go to the next field of the form (next column on the start screen).
    NextField,
    /// Go to the previous field (previous column).
    PrevField,
    /// Move the selection up in a list, or to the previous workload line.
    Up,
    /// Move the selection down in a list, or to the next workload line.
    Down,
    /// Take the selected entry of a list; in a one-line field, go on; in
    /// the call's overview, open the selected note.
    Choose,
    /// Pick or unpick the selected entry of a multi-select.
    Toggle,
    /// Remove the focused workload from an Exec Summary, or the selected
    /// note from the call (its text stays a draft).
    Remove,
    /// Back out one stage: close the overlay, the blanks, the sentences or
    /// a filter; else leave the note for the call's overview (or the start
    /// screen), or the overview for the start screen. The note stays.
    Back,
    /// Show a text field's sentence templates again.
    Sentences,
    /// Leave this note of the call for the next one.
    NextNote,
    /// Add notes to the call.
    AddNotes,
    /// Write the note to the notes folder; in the call's overview, write
    /// every note not written yet, each to its own file.
    Save,
    /// Copy the note (or the focused separate part) to the clipboard; in
    /// the call's overview, the selected note.
    Copy,
    /// Edit the focused text in `$EDITOR` and read it back.
    ExternalEditor,
    /// Jump to the place of the next finding.
    NextFinding,
    /// Open or close the key help.
    Help,
    /// Quit, asking first when the note has not been written or copied.
    Quit,
    /// Answer yes to the question shown.
    Yes,
    /// Answer no to the question shown.
    No,
    /// A key typed into the focused text field or filter.
    Input(KeyEvent),
    /// Text pasted into the terminal, whole.
    Paste(String),
    /// The text read back from `$EDITOR`.
    EditorDone(String),
    /// Running `$EDITOR` failed.
    EditorFailed(String),
}
