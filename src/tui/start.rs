//! The start screen: who the author is, which customer, which note.

use super::action::Action;
use super::app::{Env, Prefill};
use super::form::line_editor;
use super::keymap::Mode;
use crate::role::Role;
use tui_textarea::TextArea;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// Drafts offered back (only when there are some).
    Drafts,
    Role,
    Customer,
    Kind,
}

/// A note kind as the start screen lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindEntry {
    pub id: String,
    pub name: String,
    pub summary: String,
    /// The seeds assign this kind to the chosen role.
    pub for_role: bool,
    /// Not a kind: all the notes of a call.
    pub call: bool,
}

/// Where a draft the start screen offers is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DraftSource {
    /// The call being written.
    Call,
    /// A note left this run (index into [`App::kept`](super::app::App::kept)).
    Kept(usize),
    /// A draft file an earlier ftnote left.
    Disk(String),
}

/// A row of the drafts column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftRow {
    pub label: String,
    pub source: DraftSource,
}

/// The drafts an earlier ftnote left, as rows.
pub fn disk_rows(env: &Env) -> Vec<DraftRow> {
    env.drafts
        .iter()
        .map(|d| DraftRow {
            label: d.label.clone(),
            source: DraftSource::Disk(d.id.clone()),
        })
        .collect()
}

pub struct Start {
    pub column: Column,
    pub role: usize,
    pub customer: TextArea<'static>,
    /// The selected recent customer (index into [`Start::recent`]), or
    /// `None` for the typed name.
    pub recent_sel: Option<usize>,
    pub kinds: Vec<KindEntry>,
    pub kind: usize,
    /// The selected draft.
    pub draft: usize,
    /// The drafts offered: the call, notes left this run, earlier drafts.
    pub drafts: Vec<DraftRow>,
    /// Earlier notes for the chosen customer, listed after the kinds.
    pub earlier: Vec<super::effects::Earlier>,
    pub prefill: Prefill,
}

/// What the start screen asks the app to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Remember this role.
    Role(Role),
    /// Open the form.
    Open {
        kind: String,
        customer: String,
    },
    /// The customer was chosen: look up their earlier notes.
    Customer(String),
    /// Open a new note from the `n`th earlier one.
    FromEarlier(usize),
    /// Open all the notes of a call for this customer.
    Call(String),
    /// Open the `n`th draft row again.
    Recover(usize),
    /// Move the `n`th draft row to the trash.
    Discard(usize),
    /// Say this.
    Say(String),
    Quit,
}

impl Start {
    pub fn new(env: &Env, prefill: &Prefill, drafts: Vec<DraftRow>) -> Start {
        let role = env
            .role
            .and_then(|r| Role::ALL.iter().position(|x| *x == r))
            .unwrap_or(0);
        let column = if !drafts.is_empty() && prefill.kind.is_none() {
            Column::Drafts
        } else if env.role.is_none() && prefill.kind.is_none() {
            Column::Role
        } else if prefill.customer.is_none() {
            Column::Customer
        } else {
            Column::Kind
        };
        let mut s = Start {
            column,
            role,
            customer: line_editor(prefill.customer.as_deref().unwrap_or("")),
            recent_sel: None,
            kinds: Vec::new(),
            kind: 0,
            draft: 0,
            drafts,
            earlier: Vec::new(),
            prefill: prefill.clone(),
        };
        s.sort_kinds(env);
        if let Some(k) = &prefill.kind
            && let Some(i) = s.kinds.iter().position(|e| !e.call && &e.id == k)
        {
            s.kind = i;
        }
        s
    }

    pub fn role_value(&self) -> Role {
        Role::ALL[self.role.min(Role::ALL.len() - 1)]
    }

    /// Kinds for the chosen role first, in the templates' order otherwise.
    /// The selection goes to the first, unless the kind was given.
    fn sort_kinds(&mut self, env: &Env) {
        let keep = self.prefill.kind.clone();
        let role = self.role_value();
        let lang = self.prefill.lang.unwrap_or(env.note_lang);
        let mut kinds: Vec<KindEntry> = env
            .templates
            .kinds()
            .into_iter()
            .filter_map(|id| {
                let t = env
                    .templates
                    .get(id, lang)
                    .or_else(|| env.templates.get(id, crate::lang::Lang::En))
                    .or_else(|| env.templates.all().iter().find(|t| t.id == id))?;
                Some(KindEntry {
                    id: t.id.clone(),
                    name: t.name.clone(),
                    summary: t.summary.clone(),
                    for_role: t.roles.contains(&role),
                    call: false,
                })
            })
            .collect();
        kinds.sort_by_key(|k| !k.for_role);
        // The call's lifecycle note decides whom a call is for.
        if let Some(lifecycle) = kinds
            .iter()
            .find(|k| k.id == crate::frontend::call::LIFECYCLE)
        {
            let st = &env.strings.start;
            let entry = KindEntry {
                id: String::new(),
                name: st.call.clone(),
                summary: st.call_summary.clone(),
                for_role: lifecycle.for_role,
                call: true,
            };
            let at = if entry.for_role {
                0
            } else {
                kinds
                    .iter()
                    .position(|k| !k.for_role)
                    .unwrap_or(kinds.len())
            };
            kinds.insert(at, entry);
        }
        self.kinds = kinds;
        self.kind = keep
            .and_then(|id| self.kinds.iter().position(|k| !k.call && k.id == id))
            .unwrap_or(0);
    }

    /// The recent customers matching what is typed.
    pub fn recent<'a>(&self, env: &'a Env) -> Vec<&'a str> {
        let typed = self.typed().to_lowercase();
        env.recent
            .iter()
            .filter(|c| typed.is_empty() || c.to_lowercase().contains(&typed))
            .map(String::as_str)
            .collect()
    }

    pub fn typed(&self) -> String {
        self.customer.lines().join(" ").trim().to_string()
    }

    /// The customer that would be used now.
    pub fn customer_value(&self, env: &Env) -> String {
        match self
            .recent_sel
            .and_then(|i| self.recent(env).get(i).map(|s| (*s).to_string()))
        {
            Some(c) => c,
            None => self.typed(),
        }
    }

    pub fn mode(&self) -> Mode {
        match self.column {
            Column::Customer => Mode::StartInput,
            Column::Drafts => Mode::StartDrafts,
            _ => Mode::StartList,
        }
    }

    pub fn update(&mut self, env: &Env, action: Action) -> Option<Outcome> {
        match action {
            Action::NextField => {
                self.column = match self.column {
                    Column::Role => Column::Customer,
                    Column::Customer => Column::Kind,
                    Column::Kind if !self.drafts.is_empty() => Column::Drafts,
                    Column::Kind | Column::Drafts => Column::Role,
                };
                if self.column == Column::Customer {
                    return Some(self.leave_role());
                }
                if self.column == Column::Kind {
                    return Some(Outcome::Customer(self.customer_value(env)));
                }
            }
            Action::PrevField => {
                let was_role = self.column == Column::Role;
                self.column = match self.column {
                    Column::Role if !self.drafts.is_empty() => Column::Drafts,
                    Column::Role | Column::Drafts => Column::Kind,
                    Column::Customer => Column::Role,
                    Column::Kind => Column::Customer,
                };
                if was_role {
                    return Some(self.leave_role());
                }
            }
            Action::Up => match self.column {
                Column::Drafts => self.draft = self.draft.saturating_sub(1),
                Column::Role => {
                    self.role = self.role.saturating_sub(1);
                    self.sort_kinds(env);
                }
                Column::Customer => {
                    self.recent_sel = match self.recent_sel {
                        Some(0) | None => None,
                        Some(i) => Some(i - 1),
                    };
                }
                Column::Kind => self.kind = self.kind.saturating_sub(1),
            },
            Action::Down => match self.column {
                Column::Drafts => {
                    self.draft = (self.draft + 1).min(self.drafts.len().saturating_sub(1));
                }
                Column::Role => {
                    self.role = (self.role + 1).min(Role::ALL.len() - 1);
                    self.sort_kinds(env);
                }
                Column::Customer => {
                    let n = self.recent(env).len();
                    self.recent_sel = match self.recent_sel {
                        None if n > 0 => Some(0),
                        Some(i) if i + 1 < n => Some(i + 1),
                        other => other,
                    };
                }
                Column::Kind => {
                    self.kind = (self.kind + 1)
                        .min((self.kinds.len() + self.earlier.len()).saturating_sub(1));
                }
            },
            Action::Choose => match self.column {
                Column::Drafts => {
                    return (self.draft < self.drafts.len())
                        .then_some(Outcome::Recover(self.draft));
                }
                Column::Role => {
                    self.column = Column::Customer;
                    return Some(self.leave_role());
                }
                Column::Customer => {
                    if self.customer_value(env).is_empty() {
                        return Some(Outcome::Say(env.strings.start.customer_needed.clone()));
                    }
                    if let Some(kind) = self.prefill.kind.clone() {
                        return Some(Outcome::Open {
                            kind,
                            customer: self.customer_value(env),
                        });
                    }
                    self.column = Column::Kind;
                    return Some(Outcome::Customer(self.customer_value(env)));
                }
                Column::Kind => {
                    if self.kind >= self.kinds.len() {
                        return Some(Outcome::FromEarlier(self.kind - self.kinds.len()));
                    }
                    let customer = self.customer_value(env);
                    if customer.is_empty() {
                        self.column = Column::Customer;
                        return Some(Outcome::Say(env.strings.start.customer_needed.clone()));
                    }
                    let entry = self.kinds.get(self.kind)?;
                    if entry.call {
                        return Some(Outcome::Call(customer));
                    }
                    let kind = entry.id.clone();
                    return Some(Outcome::Open { kind, customer });
                }
            },
            Action::Input(key) if self.column == Column::Customer && self.customer.input(key) => {
                self.recent_sel = None;
            }
            Action::Paste(text) if self.column == Column::Customer => {
                self.customer.insert_str(text.replace(['\n', '\r'], " "));
                self.recent_sel = None;
            }
            Action::Remove if self.column == Column::Drafts => {
                return (self.draft < self.drafts.len()).then_some(Outcome::Discard(self.draft));
            }
            Action::Back | Action::Quit => return Some(Outcome::Quit),
            _ => {}
        }
        None
    }

    /// Leaving the role column remembers the role when it changed.
    fn leave_role(&self) -> Outcome {
        Outcome::Role(self.role_value())
    }
}
