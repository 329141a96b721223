//! The one place the composer's state changes.

use super::action::Action;
use super::app::{App, Overlay, Question, Request, Screen};
use super::call::SetupOutcome;
use super::compose::{self, Compose};
use super::start;
use super::strings::fill;

/// What an update leads to once the screen's state is no longer borrowed.
enum After {
    Start(start::Outcome),
    Setup(SetupOutcome),
    Request(Option<Request>),
    Say(String),
    Leave,
    NextNote,
}

impl App {
    /// Carries out `action`, and what it leads to, until nothing is left.
    pub fn dispatch(&mut self, action: Action) {
        let mut next = Some(action);
        while let Some(a) = next {
            next = self.update(a);
        }
    }

    /// Carries out one action; returns a follow-up action, if any.
    pub fn update(&mut self, action: Action) -> Option<Action> {
        if let Some(o) = self.overlay {
            return self.update_overlay(o, action);
        }
        if !matches!(action, Action::Input(_) | Action::Paste(_)) {
            self.message = None;
        }
        match action {
            Action::Help => {
                self.overlay = Some(Overlay::Help);
                return None;
            }
            Action::Quit => {
                self.ask_to_quit();
                return None;
            }
            _ => {}
        }
        if matches!(self.screen, Screen::Overview) {
            self.overview_update(&action);
            return None;
        }
        let in_form = self.compose().is_some();
        match action {
            Action::Save if in_form => {
                self.save();
                return None;
            }
            Action::Copy if in_form => {
                self.copy();
                return None;
            }
            Action::EditorFailed(e) => {
                let msg = fill(&self.env.strings.compose.editor_failed, &[("error", &e)]);
                self.error(msg);
                return None;
            }
            _ => {}
        }
        let env = &self.env;
        let after = match &mut self.screen {
            Screen::Start(s) => After::Start(s.update(env, action)?),
            Screen::CallSetup(s) => After::Setup(s.update(env, action)?),
            Screen::Overview => return None,
            Screen::Compose(c) => match action {
                Action::NextNote => After::NextNote,
                Action::ExternalEditor => After::Request(c.focused_text().map(Request::Editor)),
                Action::EditorDone(text) => {
                    let before = c.focused_text();
                    c.update(env, Action::EditorDone(text));
                    let s = &env.strings.compose;
                    After::Say(if c.focused_text() == before {
                        s.editor_unchanged.clone()
                    } else {
                        s.editor_read.clone()
                    })
                }
                Action::NextFinding => {
                    if c.next_finding(env) {
                        return None;
                    }
                    After::Say(env.strings.compose.no_findings_left.clone())
                }
                other => match c.update(env, other)? {
                    compose::Outcome::Leave => After::Leave,
                    compose::Outcome::Say(m) => After::Say(m),
                },
            },
        };
        match after {
            After::Start(out) => self.start_outcome(out),
            After::Setup(out) => self.setup_outcome(out),
            After::Request(r) => self.request = r,
            After::Say(m) => self.info(m),
            After::Leave => self.leave(),
            After::NextNote => self.next_note(),
        }
        None
    }

    /// Quit, asking first when notes would be left neither written nor
    /// copied.
    fn ask_to_quit(&mut self) {
        if self.unsaved() {
            self.overlay = Some(Overlay::Confirm(Question::Quit));
        } else {
            self.finish();
        }
    }

    /// Quits: the drafts of the notes the form left are brought up to date
    /// first.
    fn finish(&mut self) {
        self.keep_drafts(true);
        self.quit = true;
    }

    fn update_overlay(&mut self, overlay: Overlay, action: Action) -> Option<Action> {
        match (overlay, action) {
            (Overlay::Help, Action::Help | Action::Back)
            | (Overlay::Confirm(_), Action::No | Action::Back) => self.overlay = None,
            (Overlay::Confirm(Question::Quit), Action::Yes) => {
                self.overlay = None;
                self.finish();
            }
            _ => {}
        }
        None
    }

    fn start_outcome(&mut self, out: start::Outcome) {
        match out {
            start::Outcome::Role(role) => {
                if self.env.role != Some(role) {
                    self.env.role = Some(role);
                    let name = self.env.strings.role(role).to_string();
                    match self.effects.remember_role(role) {
                        Ok(()) => {
                            self.info(fill(&self.env.strings.start.role_saved, &[("role", &name)]));
                        }
                        Err(e) => self.error(fill(
                            &self.env.strings.start.role_not_saved,
                            &[("error", &e)],
                        )),
                    }
                }
            }
            start::Outcome::Open { kind, customer } => {
                let Screen::Start(s) = &self.screen else {
                    return;
                };
                let prefill = s.prefill.clone();
                if let Some(c) = Compose::new(&self.env, &kind, &customer, &prefill) {
                    self.screen = Screen::Compose(Box::new(c));
                }
            }
            start::Outcome::Call(customer) => {
                let Screen::Start(s) = &self.screen else {
                    return;
                };
                let lang = s.prefill.lang;
                self.start_call(&customer, lang, &[]);
            }
            start::Outcome::Customer(name) => {
                let earlier = if name.is_empty() {
                    Vec::new()
                } else {
                    self.effects.earlier(&name)
                };
                if let Screen::Start(s) = &mut self.screen {
                    s.earlier = earlier;
                    s.kind = s.kind.min(s.kinds.len() + s.earlier.len() - 1);
                }
            }
            start::Outcome::FromEarlier(n) => self.open_earlier(n),
            start::Outcome::Recover(n) => self.recover_row(n),
            start::Outcome::Discard(n) => self.discard_row(n),
            start::Outcome::Say(m) => self.info(m),
            start::Outcome::Quit => self.ask_to_quit(),
        }
    }

    /// A new note prefilled from an earlier one, its changes marked.
    fn open_earlier(&mut self, n: usize) {
        let Screen::Start(s) = &self.screen else {
            return;
        };
        let Some(e) = s.earlier.get(n).cloned() else {
            return;
        };
        let customer = s.customer_value(&self.env);
        let text = e.text.trim_end().to_string();
        let parsed = crate::render::parse(
            &text,
            &self.env.templates,
            &self.env.catalogue,
            Some(&e.kind),
            None,
        );
        let Ok(p) = parsed else { return };
        let Some(tpl) = self.env.templates.get(&e.kind, p.note.lang).cloned() else {
            return;
        };
        let mut note = p.note;
        note.customer = Some(customer);
        let mut c = Compose::from_note(&self.env, tpl, note);
        c.baseline = Some((e.when, text));
        self.screen = Screen::Compose(Box::new(c));
    }

    /// Opens a draft file again in the form.
    pub(super) fn recover(&mut self, id: &str) {
        match self.effects.load_call(id) {
            Ok(Some(draft)) => return self.recover_call(&draft),
            Ok(None) => {}
            Err(e) => {
                let msg = fill(&self.env.strings.start.draft_failed, &[("error", &e)]);
                return self.error(msg);
            }
        }
        let loaded = self.effects.load_draft(id).and_then(|(note, field)| {
            let tpl = self
                .env
                .templates
                .get(&note.kind, note.lang)
                .or_else(|| self.env.templates.get(&note.kind, crate::lang::Lang::En))
                .cloned()
                .ok_or_else(|| format!("no template for the note kind {:?}", note.kind))?;
            Ok((tpl, note, field))
        });
        match loaded {
            Ok((tpl, note, field)) => {
                let mut c = Compose::from_note(&self.env, tpl, note);
                if let Some(i) =
                    field.and_then(|f| c.template.fields.iter().position(|x| x.id == f))
                {
                    c.go(&self.env, i);
                }
                c.draft_id = Some(id.to_string());
                c.changed = true;
                self.env.drafts.retain(|d| d.id != id);
                self.screen = Screen::Compose(Box::new(c));
                self.info(self.env.strings.start.recovered.clone());
            }
            Err(e) => {
                let msg = fill(&self.env.strings.start.draft_failed, &[("error", &e)]);
                self.error(msg);
            }
        }
    }

    /// Ctrl-S: the note to a new file.
    fn save(&mut self) {
        self.settle();
        let Screen::Compose(c) = &mut self.screen else {
            return;
        };
        let text = super::call_flow::file_text(c);
        match self.effects.write(&c.note, &c.template, &text) {
            Ok(w) => {
                let shown = w.path.display().to_string();
                c.delivered(Some(w.path));
                let mut msg = fill(&self.env.strings.compose.saved, &[("path", &shown)]);
                for warning in &w.warnings {
                    msg.push_str(" · ");
                    msg.push_str(warning);
                }
                self.info(msg);
            }
            Err(e) => {
                let msg = fill(&self.env.strings.compose.save_failed, &[("error", &e)]);
                self.error(msg);
            }
        }
    }

    /// Ctrl-Y: the note (or the focused separate part) to the clipboard.
    fn copy(&mut self) {
        self.settle();
        let Screen::Compose(c) = &mut self.screen else {
            return;
        };
        let s = &self.env.strings.compose;
        let part = c
            .separate
            .iter()
            .find(|(i, _)| *i == c.at)
            .map(|(_, t)| t.clone());
        let text = part.clone().unwrap_or_else(|| c.text.clone());
        match self.effects.copy(&text) {
            Ok(done) => {
                let provider = done.provider.clone();
                let mut msg = if part.is_some() {
                    let label = c.template.fields[c.at].label.clone();
                    fill(
                        &s.separate_copied,
                        &[("label", &label), ("provider", &provider)],
                    )
                } else if done.verified {
                    fill(&s.copied, &[("provider", &provider)])
                } else {
                    fill(&s.copied_unverified, &[("provider", &provider)])
                };
                for w in &done.warnings {
                    msg.push(' ');
                    msg.push_str(w);
                }
                if part.is_none() {
                    c.delivered(None);
                }
                self.info(msg);
            }
            Err(e) => {
                let msg = fill(&s.copy_failed, &[("error", &e)]);
                self.error(msg);
            }
        }
    }
}
