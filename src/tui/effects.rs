//! What the composer does outside itself — writing files, the clipboard, the
//! config — behind a trait, so `App::update` can be tested without them.

use crate::note::Note;
use crate::role::Role;
use std::path::PathBuf;

/// How a copy went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Copied {
    /// The provider that took the text (e.g. "wl-copy", "OSC 52").
    pub provider: String,
    /// Whether the copy is known to have happened (OSC 52 never is).
    pub verified: bool,
    /// The note's size, when it is larger than terminals reliably accept.
    pub too_large: Option<usize>,
}

pub trait Effects {
    /// Writes the note's text to a new file in the notes folder.
    fn write(&mut self, note: &Note, text: &str) -> Result<PathBuf, String>;
    /// Puts `text` on the clipboard.
    fn copy(&mut self, text: &str) -> Result<Copied, String>;
    /// Remembers the author's role in the config.
    fn remember_role(&mut self, role: Role) -> Result<(), String>;
}

/// Effects that record what was asked and change nothing: for tests.
#[derive(Debug, Default)]
pub struct Recorder {
    pub written: Vec<(Note, String)>,
    pub copied: Vec<String>,
    pub roles: Vec<Role>,
    /// When set, writing fails with this message.
    pub fail_write: Option<String>,
    /// When set, copying fails with this message.
    pub fail_copy: Option<String>,
}

impl Effects for Recorder {
    fn write(&mut self, note: &Note, text: &str) -> Result<PathBuf, String> {
        if let Some(e) = &self.fail_write {
            return Err(e.clone());
        }
        self.written.push((note.clone(), text.to_string()));
        Ok(PathBuf::from(format!(
            "/notes/note-{}.txt",
            self.written.len()
        )))
    }

    fn copy(&mut self, text: &str) -> Result<Copied, String> {
        if let Some(e) = &self.fail_copy {
            return Err(e.clone());
        }
        self.copied.push(text.to_string());
        Ok(Copied {
            provider: "test".into(),
            verified: true,
            too_large: None,
        })
    }

    fn remember_role(&mut self, role: Role) -> Result<(), String> {
        self.roles.push(role);
        Ok(())
    }
}

/// A recorder the test keeps a handle on while the app owns the other.
impl Effects for std::rc::Rc<std::cell::RefCell<Recorder>> {
    fn write(&mut self, note: &Note, text: &str) -> Result<PathBuf, String> {
        self.borrow_mut().write(note, text)
    }

    fn copy(&mut self, text: &str) -> Result<Copied, String> {
        self.borrow_mut().copy(text)
    }

    fn remember_role(&mut self, role: Role) -> Result<(), String> {
        self.borrow_mut().remember_role(role)
    }
}

/// The effects of the running composer: the notes folder, the clipboard,
/// the config file.
pub struct Real {
    pub notes_dir: PathBuf,
    pub config_file: PathBuf,
    pub today: chrono::NaiveDate,
}

impl Effects for Real {
    fn write(&mut self, note: &Note, text: &str) -> Result<PathBuf, String> {
        let workload = note
            .values
            .get("workload")
            .and_then(crate::note::Value::as_text);
        let mut name = format!(
            "{}_{}_{}",
            self.today.format("%Y-%m-%d"),
            note.customer.as_deref().unwrap_or("note"),
            note.kind
        );
        if let Some(w) = workload.filter(|w| !w.is_empty()) {
            name.push('_');
            name.push_str(w);
        }
        let name: String = name
            .chars()
            .map(|c| {
                if c == '/' || c == '\\' || c.is_control() || c == ' ' {
                    '-'
                } else {
                    c
                }
            })
            .collect();
        let path = self.notes_dir.join(format!("{name}.txt"));
        let mut body = text.to_string();
        if !body.ends_with('\n') {
            body.push('\n');
        }
        crate::output::file::write_new(&path, &body).map_err(|e| e.to_string())
    }

    fn copy(&mut self, _text: &str) -> Result<Copied, String> {
        Err("no clipboard provider is available".into())
    }

    fn remember_role(&mut self, role: Role) -> Result<(), String> {
        crate::config_write::set_top_level(&self.config_file, "role", &format!("\"{}\"", role.id()))
            .map_err(|e| e.to_string())
    }
}
