//! The state of each field of the form, and how it turns into a note value.
//! Nothing here knows a note kind: every field is driven by its template.

use crate::lang::Lang;
use crate::note::{Value, WorkloadLine};
use crate::template::{ChoiceSource, Field, FieldKind, Template, placeholder};
use crate::workloads::Catalogue;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_textarea::{CursorMove, TextArea};

/// One entry of a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    pub label: String,
    pub detail: String,
}

/// A filterable list.
#[derive(Clone, Debug, Default)]
pub struct Picker {
    pub items: Vec<Item>,
    pub filter: String,
    /// Index into [`Picker::visible`].
    pub selected: usize,
}

impl Picker {
    pub fn new(items: Vec<Item>) -> Picker {
        Picker {
            items,
            filter: String::new(),
            selected: 0,
        }
    }

    /// The indices of the items the filter lets through.
    pub fn visible(&self) -> Vec<usize> {
        let f = self.filter.trim().to_lowercase();
        (0..self.items.len())
            .filter(|&i| {
                let it = &self.items[i];
                f.is_empty()
                    || it.id.to_lowercase().contains(&f)
                    || it.label.to_lowercase().contains(&f)
                    || it.detail.to_lowercase().contains(&f)
            })
            .collect()
    }

    pub fn current(&self) -> Option<&Item> {
        self.visible().get(self.selected).map(|&i| &self.items[i])
    }

    pub fn up(&mut self) {
        self.selected = self.selected.saturating_sub(1);
    }

    pub fn down(&mut self) {
        let n = self.visible().len();
        if self.selected + 1 < n {
            self.selected += 1;
        }
    }

    pub fn select_id(&mut self, id: &str) {
        if let Some(p) = self.visible().iter().position(|&i| self.items[i].id == id) {
            self.selected = p;
        }
    }

    /// Types a key into the filter. Returns whether the filter changed.
    pub fn type_key(&mut self, key: KeyEvent) -> bool {
        let changed = match key.code {
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                self.filter.push(c);
                true
            }
            KeyCode::Backspace => self.filter.pop().is_some(),
            _ => false,
        };
        if changed {
            self.selected = 0;
        }
        changed
    }

    pub fn type_str(&mut self, s: &str) {
        self.filter.push_str(s.lines().next().unwrap_or(""));
        self.selected = 0;
    }
}

/// Where a text field that offers sentence templates is.
#[derive(Clone, Debug)]
pub enum Sentences {
    /// Choosing a sentence (the last entry is "write my own").
    Pick(Picker),
    /// Filling the blanks of the chosen sentence.
    Fill {
        sentence: String,
        names: Vec<String>,
        inputs: Vec<TextArea<'static>>,
        at: usize,
    },
}

impl Sentences {
    /// The blanks' values so far.
    pub fn values(inputs: &[TextArea<'static>]) -> Vec<String> {
        inputs.iter().map(|t| t.lines().join(" ")).collect()
    }
}

/// One workload line of a workloads field.
#[derive(Clone, Debug)]
pub struct WorkloadEntry {
    pub line: WorkloadLine,
    pub editor: TextArea<'static>,
}

/// A workloads field: the picked workloads, each with its own line, and a
/// filterable list to add more.
#[derive(Clone, Debug)]
pub struct Workloads {
    pub entries: Vec<WorkloadEntry>,
    /// The focused entry; `entries.len()` is the "add" row.
    pub at: usize,
    pub adder: Picker,
}

impl Workloads {
    pub fn on_adder(&self) -> bool {
        self.at >= self.entries.len()
    }

    /// Codes not picked yet, for the adder.
    pub fn refresh_adder(&mut self, catalogue: &Catalogue, lang: Lang) {
        let picked: Vec<&str> = self.entries.iter().map(|e| e.line.code.as_str()).collect();
        self.adder.items = catalogue
            .all()
            .iter()
            .filter(|w| !picked.contains(&w.code.as_str()))
            .map(|w| workload_item(w, lang))
            .collect();
        self.adder.selected = 0;
    }
}

/// The state of one field.
#[derive(Clone, Debug)]
pub enum FieldState {
    Choice {
        picker: Picker,
        chosen: Option<String>,
    },
    Multi {
        picker: Picker,
        chosen: Vec<String>,
    },
    Workloads(Workloads),
    Line(TextArea<'static>),
    Date(TextArea<'static>),
    Text {
        editor: TextArea<'static>,
        /// Set while a sentence template is being chosen or filled.
        sentences: Option<Sentences>,
    },
}

/// A one-line editor.
pub fn line_editor(text: &str) -> TextArea<'static> {
    let mut t = TextArea::new(vec![text.replace('\n', " ")]);
    t.move_cursor(CursorMove::End);
    t
}

/// A several-line editor.
pub fn text_editor(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.split('\n').map(str::to_string).collect()
    };
    let mut t = TextArea::new(lines);
    t.move_cursor(CursorMove::Bottom);
    t.move_cursor(CursorMove::End);
    t
}

impl FieldState {
    /// The state for `field`, holding `value` if there is one.
    pub fn new(
        field: &Field,
        value: Option<&Value>,
        catalogue: &Catalogue,
        lang: Lang,
    ) -> FieldState {
        let text = value.and_then(Value::as_text).unwrap_or("");
        match field.kind {
            FieldKind::Choice => {
                let items = if field.choices_from == Some(ChoiceSource::Workloads) {
                    catalogue
                        .all()
                        .iter()
                        .map(|w| workload_item(w, lang))
                        .collect()
                } else {
                    choice_items(field)
                };
                let mut picker = Picker::new(items);
                let chosen = (!text.is_empty()).then(|| text.to_string());
                if let Some(c) = &chosen {
                    picker.select_id(c);
                }
                FieldState::Choice { picker, chosen }
            }
            FieldKind::MultiChoice => {
                let items = choice_items(field);
                let chosen = match value {
                    Some(Value::Multi(v)) => v.clone(),
                    _ => Vec::new(),
                };
                FieldState::Multi {
                    picker: Picker::new(items),
                    chosen,
                }
            }
            FieldKind::Workloads => {
                let lines = match value {
                    Some(Value::Workloads(v)) => v.clone(),
                    _ => Vec::new(),
                };
                let entries: Vec<WorkloadEntry> = lines
                    .into_iter()
                    .map(|line| WorkloadEntry {
                        editor: line_editor(&line.text),
                        line,
                    })
                    .collect();
                let mut w = Workloads {
                    at: entries.len(),
                    entries,
                    adder: Picker::default(),
                };
                w.refresh_adder(catalogue, lang);
                FieldState::Workloads(w)
            }
            FieldKind::Line => FieldState::Line(line_editor(text)),
            FieldKind::Date => FieldState::Date(line_editor(text)),
            FieldKind::Text => FieldState::Text {
                editor: text_editor(text),
                sentences: None,
            },
        }
    }

    /// The note value this state stands for.
    pub fn value(&self, lang: Lang, today: NaiveDate) -> Value {
        match self {
            FieldState::Choice { chosen, .. } => Value::Text(chosen.clone().unwrap_or_default()),
            FieldState::Multi { chosen, .. } => Value::Multi(chosen.clone()),
            FieldState::Workloads(w) => Value::Workloads(
                w.entries
                    .iter()
                    .map(|e| WorkloadLine {
                        text: e.editor.lines().join(" "),
                        ..e.line.clone()
                    })
                    .collect(),
            ),
            // Texts as typed, spaces included: the draft keeps them exactly,
            // and rendering tidies the note's lines.
            FieldState::Line(t) => Value::Text(t.lines().join(" ")),
            FieldState::Date(t) => {
                let raw = t.lines().join(" ");
                Value::Text(
                    understood_date(&raw, lang, today)
                        .map_or(raw, |d| d.format("%Y-%m-%d").to_string()),
                )
            }
            FieldState::Text { editor, sentences } => match sentences {
                Some(Sentences::Fill {
                    sentence, inputs, ..
                }) => Value::Text(placeholder::fill(sentence, &Sentences::values(inputs))),
                _ => Value::Text(editor.lines().join("\n")),
            },
        }
    }

    /// The editor that has the keyboard, if a text editor has it.
    pub fn editor_mut(&mut self) -> Option<&mut TextArea<'static>> {
        match self {
            FieldState::Line(t) | FieldState::Date(t) => Some(t),
            FieldState::Text { editor, sentences } => match sentences {
                None => Some(editor),
                Some(Sentences::Fill { inputs, at, .. }) => inputs.get_mut(*at),
                Some(Sentences::Pick(_)) => None,
            },
            FieldState::Workloads(w) => {
                let at = w.at;
                w.entries.get_mut(at).map(|e| &mut e.editor)
            }
            _ => None,
        }
    }

    /// Whether the field's editor takes several lines.
    pub fn multiline(&self) -> bool {
        matches!(
            self,
            FieldState::Text {
                sentences: None,
                ..
            }
        )
    }
}

/// Whether a field's value is nothing at all (no value in the note). A
/// text of spaces is something: the author typed it.
pub fn is_nothing(v: &Value) -> bool {
    match v {
        Value::Text(s) => s.is_empty(),
        Value::Multi(_) | Value::Workloads(_) => v.is_empty(),
    }
}

/// A workload as a list shows it: `[EXO] Exchange Online`, found by any of
/// its names.
fn workload_item(w: &crate::workloads::Workload, lang: Lang) -> Item {
    Item {
        id: w.code.clone(),
        label: format!("[{}] {}", w.code, w.name_in(lang)),
        detail: w.all_names().join(" "),
    }
}

/// A choice field's values as a list shows them.
fn choice_items(field: &Field) -> Vec<Item> {
    field
        .choices
        .iter()
        .map(|c| Item {
            id: c.id.clone(),
            label: c.label.clone(),
            detail: c.help.clone(),
        })
        .collect()
}

/// The date a date field's text stands for, if it is one.
pub fn understood_date(raw: &str, lang: Lang, today: NaiveDate) -> Option<NaiveDate> {
    crate::frontend::understood_date(raw, lang, today)
}

/// The sentences of `tpl` offered for a status, as a list ending in
/// "write my own" (id `""`).
pub fn sentence_picker(tpl: &Template, status: &str, write_own: &str) -> Picker {
    let mut items: Vec<Item> = tpl
        .sentences_for(status)
        .enumerate()
        .map(|(i, s)| Item {
            id: (i + 1).to_string(),
            label: s.text.clone(),
            detail: String::new(),
        })
        .collect();
    items.push(Item {
        id: String::new(),
        label: write_own.to_string(),
        detail: String::new(),
    });
    Picker::new(items)
}

/// The blanks of `sentence` with an empty editor for each.
pub fn fill_state(sentence: &str) -> Sentences {
    let names: Vec<String> = placeholder::find(sentence)
        .into_iter()
        .map(|p| p.name)
        .collect();
    let inputs = names.iter().map(|_| line_editor("")).collect();
    Sentences::Fill {
        sentence: sentence.to_string(),
        names,
        inputs,
        at: 0,
    }
}
