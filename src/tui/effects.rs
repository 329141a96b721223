//! What the composer does outside itself — writing files, the clipboard,
//! the config, drafts — behind a trait, so `App::update` can be tested
//! without them.

use crate::config::Config;
use crate::note::{Format, Note};
use crate::paths::Paths;
use crate::role::Role;
use crate::template::Template;
use std::path::PathBuf;

/// How a copy went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Copied {
    /// What took the text ("xclip", "OSC 52", …).
    pub provider: String,
    /// Whether the copy is known to have happened (OSC 52 never is).
    pub verified: bool,
    /// What the author should know besides.
    pub warnings: Vec<String>,
}

/// Where a note was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    /// What went wrong after the note was safely written (customer log,
    /// history).
    pub warnings: Vec<String>,
}

/// A note written earlier for a customer, to start a new one from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Earlier {
    pub kind: String,
    /// When it was written, as shown.
    pub when: String,
    /// Its text.
    pub text: String,
}

pub trait Effects {
    /// The last note of each kind written for `customer`, newest first.
    fn earlier(&mut self, customer: &str) -> Vec<Earlier>;
    /// Writes the note's text to a new file in the notes folder.
    fn write(&mut self, note: &Note, template: &Template, text: &str) -> Result<Written, String>;
    /// Puts `text` on the clipboard.
    fn copy(&mut self, text: &str) -> Result<Copied, String>;
    /// Remembers the author's role in the config.
    fn remember_role(&mut self, role: Role) -> Result<(), String>;
    /// The note of a saved draft, and the field the author was in.
    fn load_draft(&mut self, id: &str) -> Result<(Note, Option<String>), String>;
    /// Moves a draft to the trash; returns where it went.
    fn discard_draft(&mut self, id: &str) -> Result<PathBuf, String>;
}

/// Effects that record what was asked and change nothing: for tests.
#[derive(Debug, Default)]
pub struct Recorder {
    pub written: Vec<(Note, String)>,
    pub copied: Vec<String>,
    pub roles: Vec<Role>,
    /// Drafts that can be loaded, by id.
    pub drafts: Vec<(String, Note)>,
    pub discarded: Vec<String>,
    /// Earlier notes offered for every customer.
    pub earlier: Vec<Earlier>,
    /// When set, writing fails with this message.
    pub fail_write: Option<String>,
    /// When set, copying fails with this message.
    pub fail_copy: Option<String>,
}

impl Effects for Recorder {
    fn earlier(&mut self, _: &str) -> Vec<Earlier> {
        self.earlier.clone()
    }

    fn write(&mut self, note: &Note, _: &Template, text: &str) -> Result<Written, String> {
        if let Some(e) = &self.fail_write {
            return Err(e.clone());
        }
        self.written.push((note.clone(), text.to_string()));
        Ok(Written {
            path: PathBuf::from(format!("/notes/note-{}.txt", self.written.len())),
            warnings: Vec::new(),
        })
    }

    fn copy(&mut self, text: &str) -> Result<Copied, String> {
        if let Some(e) = &self.fail_copy {
            return Err(e.clone());
        }
        self.copied.push(text.to_string());
        Ok(Copied {
            provider: "test".into(),
            verified: true,
            warnings: Vec::new(),
        })
    }

    fn remember_role(&mut self, role: Role) -> Result<(), String> {
        self.roles.push(role);
        Ok(())
    }

    fn load_draft(&mut self, id: &str) -> Result<(Note, Option<String>), String> {
        self.drafts
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, n)| (n.clone(), None))
            .ok_or_else(|| format!("no draft {id}"))
    }

    fn discard_draft(&mut self, id: &str) -> Result<PathBuf, String> {
        self.discarded.push(id.to_string());
        Ok(PathBuf::from(format!("/trash/{id}.json")))
    }
}

/// A recorder the test keeps a handle on while the app owns the other.
impl Effects for std::rc::Rc<std::cell::RefCell<Recorder>> {
    fn earlier(&mut self, customer: &str) -> Vec<Earlier> {
        self.borrow_mut().earlier(customer)
    }

    fn write(&mut self, note: &Note, template: &Template, text: &str) -> Result<Written, String> {
        self.borrow_mut().write(note, template, text)
    }

    fn copy(&mut self, text: &str) -> Result<Copied, String> {
        self.borrow_mut().copy(text)
    }

    fn remember_role(&mut self, role: Role) -> Result<(), String> {
        self.borrow_mut().remember_role(role)
    }

    fn load_draft(&mut self, id: &str) -> Result<(Note, Option<String>), String> {
        self.borrow_mut().load_draft(id)
    }

    fn discard_draft(&mut self, id: &str) -> Result<PathBuf, String> {
        self.borrow_mut().discard_draft(id)
    }
}

/// The effects of the running composer: the notes folder, the clipboard,
/// the config file, the drafts folder.
pub struct Real {
    pub paths: Paths,
    pub config: Config,
}

impl Effects for Real {
    fn earlier(&mut self, customer: &str) -> Vec<Earlier> {
        let Ok(notes) = crate::history::History::in_data_dir(&self.paths).notes_of(customer) else {
            return Vec::new();
        };
        let mut out: Vec<Earlier> = Vec::new();
        for e in notes {
            if out.iter().any(|o| o.kind == e.kind) {
                continue;
            }
            if let Ok(text) = std::fs::read_to_string(&e.path) {
                out.push(Earlier {
                    kind: e.kind,
                    when: e.written_at.format("%Y-%m-%d").to_string(),
                    text,
                });
            }
        }
        out
    }

    fn write(&mut self, note: &Note, template: &Template, text: &str) -> Result<Written, String> {
        let format = note.format.unwrap_or(Format::Text);
        let meta = crate::output::NoteMeta::of(note, template, format, chrono::Local::now());
        crate::output::save_note(
            &self.paths,
            &self.config,
            &crate::output::Target::NotesFolder,
            &meta,
            text,
        )
        .map(|s| Written {
            path: s.path,
            warnings: s.warnings,
        })
        .map_err(|e| e.to_string())
    }

    fn copy(&mut self, text: &str) -> Result<Copied, String> {
        let mut out = std::io::stdout();
        crate::output::clipboard::copy(text, self.config.clipboard, Some(&mut out))
            .map(|c| Copied {
                verified: c.verified,
                provider: c.provider.to_string(),
                warnings: c.warnings,
            })
            .map_err(|e| e.to_string())
    }

    fn remember_role(&mut self, role: Role) -> Result<(), String> {
        crate::config_write::set_top_level(
            &self.paths.config_file(),
            "role",
            &format!("\"{}\"", role.id()),
        )
        .map_err(|e| e.to_string())
    }

    fn load_draft(&mut self, id: &str) -> Result<(Note, Option<String>), String> {
        let d = crate::drafts::Store::from_paths(&self.paths)
            .load(id)
            .map_err(|e| e.to_string())?;
        let n = d
            .current()
            .ok_or_else(|| format!("draft {id} holds no note yet"))?;
        Ok((n.note.clone(), n.field.clone()))
    }

    fn discard_draft(&mut self, id: &str) -> Result<PathBuf, String> {
        crate::drafts::Store::from_paths(&self.paths)
            .discard(id)
            .map_err(|e| e.to_string())
    }
}
