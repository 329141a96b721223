//! The plain mode, for screen readers and terminals without cursor
//! addressing (`ftnote --plain`, `FTNOTE_PLAIN=1`, `TERM=dumb`): the
//! composer's form as one question per line — choices as numbered lists,
//! the checks as plain lines after each answer, the finished note printed
//! whole, then the same ways to hand it over. The same templates, checker,
//! drafts and outputs as the composer; no alternate screen, no cursor
//! movement, nothing from ratatui or crossterm.

mod ask;
mod call;
mod fields;
mod note;

use crate::check::Checker;
use crate::drafts::Store;
use crate::error::Result;
use crate::frontend::strings::{Strings, fill};
use crate::frontend::{Opening, Prefill, Setup, deliver};
use crate::role::Role;
use crate::workloads::Catalogue;
use ask::{Asked, Ended, Io};
use note::PlainNote;
use std::io::BufRead;

/// Runs the plain mode on standard input and output.
pub fn run(setup: &Setup) -> Result<()> {
    let stdin = std::io::stdin();
    let typed = std::io::IsTerminal::is_terminal(&stdin);
    let mut input = stdin.lock();
    let mut out = std::io::stdout();
    run_with(setup, &mut input, &mut out, !typed);
    Ok(())
}

/// Runs the plain mode on these lines in and out, until the author is done
/// or the input ends; `echo` writes each answer after its question.
pub fn run_with(setup: &Setup, input: &mut dyn BufRead, out: &mut dyn std::io::Write, echo: bool) {
    let words = Strings::get(setup.ui_lang);
    let mut p = Plain {
        setup,
        checker: setup.checker(),
        words,
        store: Store::from_paths(&setup.paths),
        io: Io::new(input, out, words),
        role: setup.config.role,
    };
    p.io.echo = echo;
    let mut notes: Vec<PlainNote> = Vec::new();
    let result = p.session(&mut notes);
    if matches!(result, Err(Ended)) && notes.iter().any(PlainNote::unsaved) {
        let msg = p.words.plain.input_ended.clone();
        p.io.say(&msg);
    } else if notes.iter().any(PlainNote::unsaved) {
        let msg = p.words.quit.kept.clone();
        p.io.say(&msg);
    }
}

/// The plain mode's state: what it runs against and the lines in and out.
pub struct Plain<'a> {
    setup: &'a Setup,
    checker: Checker,
    words: &'static Strings,
    store: Store,
    io: Io<'a>,
    role: Option<Role>,
}

impl Plain<'_> {
    fn catalogue(&self) -> &Catalogue {
        &self.setup.catalogue
    }

    /// From the start to the last note handed over; `notes` holds every
    /// note opened, for the end to say what is kept.
    fn session(&mut self, notes: &mut Vec<PlainNote>) -> Asked<()> {
        let intro = self.words.plain.intro.clone();
        self.io.say(&intro);
        if let Some(n) = self.recover()? {
            notes.push(n);
            return self.alone(notes);
        }
        match self.setup.opening.clone() {
            Opening::Call(start) => {
                let customer = match start.customer {
                    Some(c) => c,
                    None => self.customer(None)?,
                };
                call::run(self, notes, &customer, start.lang, &start.workloads)
            }
            Opening::Start(prefill) => {
                if let (Some(kind), Some(customer)) = (&prefill.kind, &prefill.customer) {
                    return self.open(notes, kind, customer, &prefill);
                }
                self.ask_role()?;
                let customer = self.customer(prefill.customer.as_deref())?;
                match self.which_kind(prefill.kind.as_deref())? {
                    None => call::run(self, notes, &customer, prefill.lang, &[]),
                    Some(kind) => self.open(notes, &kind, &customer, &prefill),
                }
            }
        }
    }

    /// A single note of `kind`, answered and handed over.
    fn open(
        &mut self,
        notes: &mut Vec<PlainNote>,
        kind: &str,
        customer: &str,
        prefill: &Prefill,
    ) -> Asked<()> {
        let Some((template, note)) = crate::frontend::new_note(
            &self.setup.templates,
            &self.setup.catalogue,
            kind,
            customer,
            prefill,
            self.setup.note_lang,
        ) else {
            return Ok(());
        };
        notes.push(PlainNote::new(self, template, note));
        self.alone(notes)
    }

    /// The last of `notes`, on its own: answered, then handed over.
    fn alone(&mut self, notes: &mut [PlainNote]) -> Asked<()> {
        let Some(n) = notes.last_mut() else {
            return Ok(());
        };
        n.answer(self, &[], false)?;
        n.finish(self, &[], false)?;
        Ok(())
    }

    /// Offers the drafts an earlier ftnote left; returns the one recovered.
    fn recover(&mut self) -> Asked<Option<PlainNote>> {
        let drafts = deliver::orphaned_drafts(&self.store, &self.setup.templates);
        if drafts.is_empty() {
            return Ok(None);
        }
        let w = &self.words;
        let mut items: Vec<String> = drafts.iter().map(|d| d.label.clone()).collect();
        items.push(w.plain.recover_none.clone());
        let title = format!("{}\n{}", w.start.drafts, w.plain.recover);
        let afresh = items.len() - 1;
        self.io.gap();
        let k = self.io.choose(&title, &items, Some(afresh), &|_| None)?;
        if k == afresh {
            return Ok(None);
        }
        let id = drafts[k].id.clone();
        let loaded = self
            .store
            .load(&id)
            .map_err(|e| e.to_string())
            .and_then(|d| {
                let d = d
                    .current()
                    .cloned()
                    .ok_or_else(|| format!("draft {id} holds no note yet"))?;
                let t = self
                    .setup
                    .templates
                    .get(&d.note.kind, d.note.lang)
                    .or_else(|| {
                        self.setup
                            .templates
                            .get(&d.note.kind, crate::lang::Lang::En)
                    })
                    .cloned()
                    .ok_or_else(|| format!("no template for the note kind {:?}", d.note.kind))?;
                let at = d
                    .field
                    .and_then(|f| t.fields.iter().position(|x| x.id == f));
                Ok((t, d.note, at))
            });
        match loaded {
            Ok((t, note, at)) => {
                let mut n = PlainNote::new(self, t, note);
                n.at = at;
                n.draft = Some(id);
                n.changed = true;
                n.keep(self);
                let msg = self.words.start.recovered.clone();
                self.io.say(&msg);
                Ok(Some(n))
            }
            Err(e) => {
                let msg = fill(&self.words.start.draft_failed, &[("error", &e)]);
                self.io.say(&msg);
                Ok(None)
            }
        }
    }

    /// Who the author is, asked once and remembered.
    fn ask_role(&mut self) -> Asked<()> {
        if self.role.is_some() {
            return Ok(());
        }
        let w = self.words;
        let items: Vec<String> = Role::ALL.iter().map(|r| w.role(*r).to_string()).collect();
        self.io.gap();
        let k = self.io.choose(&w.start.role, &items, Some(0), &|_| None)?;
        let role = Role::ALL[k];
        self.role = Some(role);
        let name = w.role(role).to_string();
        let msg = match crate::config_write::set_top_level(
            &self.setup.paths.config_file(),
            "role",
            &format!("\"{}\"", role.id()),
        ) {
            Ok(()) => fill(&w.start.role_saved, &[("role", &name)]),
            Err(e) => fill(&w.start.role_not_saved, &[("error", &e.to_string())]),
        };
        self.io.say(&msg);
        Ok(())
    }

    /// The customer: typed, or a recent one by its number.
    fn customer(&mut self, given: Option<&str>) -> Asked<String> {
        if let Some(c) = given {
            return Ok(c.to_string());
        }
        let recent = deliver::recent_customers(&self.setup.paths, 9);
        let w = self.words;
        self.io.gap();
        if !recent.is_empty() {
            self.io.list(&w.start.new_customer, &recent);
        }
        loop {
            let a = self.io.line(&w.start.customer)?;
            let a = a.trim();
            if let Ok(n) = a.parse::<usize>()
                && (1..=recent.len()).contains(&n)
            {
                return Ok(recent[n - 1].clone());
            }
            if !a.is_empty() {
                return Ok(a.to_string());
            }
            self.io.say(&w.start.customer_needed);
        }
    }

    /// Which note: all the notes of a call (`None`), or a kind.
    fn which_kind(&mut self, given: Option<&str>) -> Asked<Option<String>> {
        if let Some(k) = given {
            return Ok(Some(k.to_string()));
        }
        let w = self.words;
        let role = self.role.unwrap_or(Role::Fm);
        let lang = self.setup.note_lang;
        let mut kinds: Vec<(Option<String>, String, bool)> = Vec::new();
        for id in self.setup.templates.kinds() {
            let Some(t) = self
                .setup
                .templates
                .get(id, lang)
                .or_else(|| self.setup.templates.get(id, crate::lang::Lang::En))
            else {
                continue;
            };
            kinds.push((
                Some(t.id.clone()),
                format!("{} — {}", t.name, t.summary),
                t.roles.contains(&role),
            ));
        }
        kinds.sort_by_key(|k| !k.2);
        let call_for_role = kinds
            .iter()
            .find(|k| k.0.as_deref() == Some(crate::frontend::call::LIFECYCLE))
            .is_some_and(|k| k.2);
        let entry = (
            None,
            format!("{} — {}", w.start.call, w.start.call_summary),
            call_for_role,
        );
        let at = if call_for_role {
            0
        } else {
            kinds.iter().position(|k| !k.2).unwrap_or(kinds.len())
        };
        kinds.insert(at, entry);
        // The role's kinds come first (a screen reader would read a star
        // out as a word).
        let items: Vec<String> = kinds.iter().map(|k| k.1.clone()).collect();
        self.io.gap();
        let k = self.io.choose(&w.start.kind, &items, Some(0), &|_| None)?;
        Ok(kinds[k].0.clone())
    }
}
