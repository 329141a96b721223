//! What the composer does outside itself — writing files, the clipboard,
//! the config, drafts — behind a trait, so `App::update` can be tested
//! without them.

use crate::config::Config;
use crate::drafts::Draft;
pub use crate::frontend::deliver::{Copied, DraftState, Earlier, Written};
use crate::note::Note;
use crate::paths::Paths;
use crate::role::Role;
use crate::template::Template;
use std::path::PathBuf;

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
    /// The draft `id` when it holds the notes of a call.
    fn load_call(&mut self, id: &str) -> Result<Option<Draft>, String>;
    /// Moves a draft to the trash; returns where it went.
    fn discard_draft(&mut self, id: &str) -> Result<PathBuf, String>;
    /// Saves a note no autosaver is saving (one the form has left) as the
    /// draft `id`, or as a new draft; returns its id.
    fn keep_draft(
        &mut self,
        id: Option<&str>,
        note: &Note,
        state: &DraftState,
    ) -> Result<String, String>;
    /// Removes the draft of a note that was handed over.
    fn remove_draft(&mut self, id: &str) -> Result<(), String>;
}

/// Effects that record what was asked and change nothing: for tests.
#[derive(Debug, Default)]
pub struct Recorder {
    pub written: Vec<(Note, String)>,
    pub copied: Vec<String>,
    pub roles: Vec<Role>,
    /// Drafts that can be loaded, by id.
    pub drafts: Vec<(String, Note)>,
    /// Call drafts that can be loaded.
    pub calls: Vec<Draft>,
    pub discarded: Vec<String>,
    /// Drafts kept by the app itself: (id, note, state).
    pub kept: Vec<(String, Note, DraftState)>,
    /// Drafts removed after their note was handed over.
    pub removed: Vec<String>,
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

    fn load_call(&mut self, id: &str) -> Result<Option<Draft>, String> {
        Ok(self.calls.iter().find(|d| d.id == id).cloned())
    }

    fn discard_draft(&mut self, id: &str) -> Result<PathBuf, String> {
        self.discarded.push(id.to_string());
        Ok(PathBuf::from(format!("/trash/{id}.json")))
    }

    fn keep_draft(
        &mut self,
        id: Option<&str>,
        note: &Note,
        state: &DraftState,
    ) -> Result<String, String> {
        let id = id.map_or_else(|| format!("kept-{}", self.kept.len() + 1), str::to_string);
        self.kept.push((id.clone(), note.clone(), state.clone()));
        Ok(id)
    }

    fn remove_draft(&mut self, id: &str) -> Result<(), String> {
        self.removed.push(id.to_string());
        Ok(())
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

    fn load_call(&mut self, id: &str) -> Result<Option<Draft>, String> {
        self.borrow_mut().load_call(id)
    }

    fn discard_draft(&mut self, id: &str) -> Result<PathBuf, String> {
        self.borrow_mut().discard_draft(id)
    }

    fn keep_draft(
        &mut self,
        id: Option<&str>,
        note: &Note,
        state: &DraftState,
    ) -> Result<String, String> {
        self.borrow_mut().keep_draft(id, note, state)
    }

    fn remove_draft(&mut self, id: &str) -> Result<(), String> {
        self.borrow_mut().remove_draft(id)
    }
}

/// The effects of the running composer: the notes folder, the clipboard,
/// the config file, the drafts folder.
pub struct Real {
    pub paths: Paths,
    pub config: Config,
}

impl Real {
    fn store(&self) -> crate::drafts::Store {
        crate::drafts::Store::from_paths(&self.paths)
    }
}

impl Effects for Real {
    fn earlier(&mut self, customer: &str) -> Vec<Earlier> {
        crate::frontend::deliver::earlier(&self.paths, customer)
    }

    fn write(&mut self, note: &Note, template: &Template, text: &str) -> Result<Written, String> {
        crate::frontend::deliver::write(&self.paths, &self.config, note, template, text)
    }

    fn copy(&mut self, text: &str) -> Result<Copied, String> {
        crate::frontend::deliver::copy(&self.config, text)
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
        let d = self.store().load(id).map_err(|e| e.to_string())?;
        let n = d
            .current()
            .ok_or_else(|| format!("draft {id} holds no note yet"))?;
        Ok((n.note.clone(), n.field.clone()))
    }

    fn load_call(&mut self, id: &str) -> Result<Option<Draft>, String> {
        let d = self.store().load(id).map_err(|e| e.to_string())?;
        Ok(d.call.then_some(d))
    }

    fn discard_draft(&mut self, id: &str) -> Result<PathBuf, String> {
        self.store().discard(id).map_err(|e| e.to_string())
    }

    fn keep_draft(
        &mut self,
        id: Option<&str>,
        note: &Note,
        state: &DraftState,
    ) -> Result<String, String> {
        crate::frontend::deliver::keep_draft(&self.store(), id, note, state)
    }

    fn remove_draft(&mut self, id: &str) -> Result<(), String> {
        crate::frontend::deliver::remove_draft(&self.store(), id)
    }
}
