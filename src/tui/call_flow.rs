//! How the composer moves between a call's notes, its overview, the start
//! screen and the notes left on the way — and keeps the drafts of the
//! notes the form has left up to date.

use super::action::Action;
use super::app::{App, Screen};
use super::call::{Call, Setup, SetupOutcome};
use super::compose::{Compose, Parked};
use super::start::{self, Column, DraftRow, DraftSource, Start};
use super::strings::fill;
use crate::frontend::call::{self as plan, Choice};
use crate::lang::Lang;

/// What is written to a file for the note in `c`.
pub fn file_text(c: &Compose) -> String {
    crate::frontend::file_text(
        &c.template,
        &crate::frontend::Rendered {
            text: c.text.clone(),
            separate: c.separate.clone(),
            report: c.own_report.clone(),
        },
    )
}

impl App {
    /// A call for `customer`: straight to its overview when `workloads`
    /// names the entitlement notes, else to picking its notes.
    pub fn start_call(&mut self, customer: &str, lang: Option<Lang>, workloads: &[String]) {
        self.retire_call();
        if workloads.is_empty() {
            let s = Setup::new(&self.env, customer, lang, Vec::new());
            self.screen = Screen::CallSetup(Box::new(s));
            return;
        }
        let all = plan::choices(&self.env.templates, &self.env.catalogue, self.lang_of(lang));
        let mut ids = vec![plan::LIFECYCLE.to_string()];
        ids.extend(
            workloads
                .iter()
                .filter_map(|w| self.env.catalogue.find(w))
                .map(|w| plan::entitlement_id(&w.code)),
        );
        let picked: Vec<Choice> = all.into_iter().filter(|c| ids.contains(&c.id)).collect();
        self.call = Some(Call::new(customer, lang));
        self.add_notes(&picked);
    }

    /// A call's draft opened again: its notes as they were, in its
    /// overview, the note the author was in selected.
    pub(super) fn recover_call(&mut self, draft: &crate::drafts::Draft) {
        self.retire_call();
        let first = draft.notes.first().map(|n| &n.note);
        let customer = first.and_then(|n| n.customer.clone()).unwrap_or_default();
        let mut call = Call::new(&customer, first.map(|n| n.lang));
        for n in &draft.notes {
            let Some(tpl) = self
                .env
                .templates
                .get(&n.note.kind, n.note.lang)
                .or_else(|| self.env.templates.get(&n.note.kind, Lang::En))
                .cloned()
            else {
                continue;
            };
            let mut c = Compose::from_note(&self.env, tpl, n.note.clone());
            if let Some(i) = n
                .field
                .as_ref()
                .and_then(|f| c.template.fields.iter().position(|x| x.id == *f))
            {
                c.go(&self.env, i);
            }
            c.written.clone_from(&n.written_to);
            c.copied = n.copied;
            // A note of the call nobody typed in is as the call made it.
            c.changed = !n.handed_over() && !self.as_made(&c, &customer, call.lang);
            c.draft_key = Some(n.key);
            if n.key == draft.current {
                call.selected = call.notes.len();
            }
            call.notes.push(Some(Box::new(c)));
        }
        call.draft_id = Some(draft.id.clone());
        self.env.drafts.retain(|d| d.id != draft.id);
        let n = call.notes.len();
        self.call = Some(call);
        self.screen = Screen::Overview;
        self.cross_check();
        let s = &self.env.strings.call;
        self.info(fill(
            &s.ready,
            &[("notes", &fill(s.notes.get(n), &[("count", &n.to_string())]))],
        ));
    }

    /// Whether `c` holds what a call makes its note of that choice hold.
    fn as_made(&self, c: &Compose, customer: &str, lang: Option<Lang>) -> bool {
        let id = plan::choice_id(&c.note, &c.template);
        plan::choices(&self.env.templates, &self.env.catalogue, self.lang_of(lang))
            .iter()
            .find(|ch| ch.id == id)
            .and_then(|ch| {
                let p = plan::prefill(ch, customer, lang);
                Compose::new(&self.env, p.kind.as_deref()?, customer, &p)
            })
            .is_some_and(|made| made.note.values == c.note.values)
    }

    fn lang_of(&self, lang: Option<Lang>) -> Lang {
        lang.unwrap_or(self.env.note_lang)
    }

    /// A call given up for another: its notes not handed over are kept,
    /// to be offered back.
    fn retire_call(&mut self) {
        let Some(call) = self.call.take() else { return };
        // Its draft stays, offered back as the call it is.
        if let Some(id) = &call.draft_id
            && call.unsaved() > 0
        {
            let label = self.call_label(&call);
            self.env.drafts.insert(
                0,
                crate::frontend::DraftInfo {
                    id: id.clone(),
                    label,
                },
            );
            return;
        }
        let at = self.settles;
        for mut c in call.notes.into_iter().flatten() {
            if c.unsaved() {
                leave_call(&mut c, at);
                self.kept.push(c);
            }
        }
    }

    /// A call's label among drafts: customer and its notes.
    fn call_label(&self, call: &Call) -> String {
        let labels: Vec<String> = call
            .parked()
            .map(|c| plan::label(&c.note, &c.template, &self.env.catalogue))
            .collect();
        format!("{} · {}", call.customer, labels.join(" + "))
    }

    pub(super) fn setup_outcome(&mut self, out: SetupOutcome) {
        match out {
            SetupOutcome::Start(picked) => {
                let Screen::CallSetup(s) = &self.screen else {
                    return;
                };
                if self.call.is_none() {
                    self.call = Some(Call::new(&s.customer, s.lang));
                }
                self.add_notes(&picked);
            }
            SetupOutcome::Back if self.call.is_some() => self.screen = Screen::Overview,
            SetupOutcome::Back => {
                let customer = match &self.screen {
                    Screen::CallSetup(s) => Some(s.customer.clone()),
                    _ => None,
                };
                self.open_start(customer, Column::Kind);
            }
            SetupOutcome::Say(m) => self.info(m),
        }
    }

    /// Adds a note per choice to the call, in the call's order, and shows
    /// the overview on the first one added.
    fn add_notes(&mut self, picked: &[Choice]) {
        let Some(call) = &mut self.call else { return };
        let order = plan::choices(&self.env.templates, &self.env.catalogue, Lang::En);
        let rank = |id: &str| order.iter().position(|c| c.id == id).unwrap_or(usize::MAX);
        let mut first = None;
        for choice in picked {
            let prefill = plan::prefill(choice, &call.customer, call.lang);
            let Some(kind) = prefill.kind.as_deref() else {
                continue;
            };
            let Some(c) = Compose::new(&self.env, kind, &call.customer, &prefill) else {
                continue;
            };
            let at = call
                .notes
                .iter()
                .position(|n| {
                    n.as_ref().is_some_and(|n| {
                        rank(&plan::choice_id(&n.note, &n.template)) > rank(&choice.id)
                    })
                })
                .unwrap_or(call.notes.len());
            call.notes.insert(at, Some(Box::new(c)));
            first = Some(first.map_or(at, |f: usize| f.min(at)));
        }
        call.selected = first.unwrap_or(call.selected);
        let n = call.notes.len();
        self.screen = Screen::Overview;
        self.cross_check();
        let s = &self.env.strings.call;
        self.info(fill(
            &s.ready,
            &[("notes", &fill(s.notes.get(n), &[("count", &n.to_string())]))],
        ));
    }

    /// Keys in the call's overview.
    pub(super) fn overview_update(&mut self, action: &Action) {
        let Some(call) = &mut self.call else {
            self.open_start(None, Column::Customer);
            return;
        };
        let n = call.notes.len();
        match *action {
            Action::Up => call.selected = call.selected.saturating_sub(1),
            Action::Down => call.selected = (call.selected + 1).min(n.saturating_sub(1)),
            Action::Choose if n > 0 => {
                let i = call.selected.min(n - 1);
                self.open_note(i);
            }
            Action::Save => self.write_all(),
            Action::Copy => self.copy_selected(),
            Action::Remove => self.remove_selected(),
            Action::AddNotes => {
                let s = Setup::new(&self.env, &call.customer.clone(), call.lang, call.present());
                self.screen = Screen::CallSetup(Box::new(s));
            }
            Action::Back => {
                let customer = call.customer.clone();
                // A call with no notes left is not kept.
                if call.notes.is_empty() {
                    self.call = None;
                }
                self.open_start(Some(customer), Column::Drafts);
            }
            _ => {}
        }
    }

    /// Opens the call's note `i` in the form.
    fn open_note(&mut self, i: usize) {
        let Some(call) = &mut self.call else { return };
        let Some(mut c) = call.notes.get_mut(i).and_then(Option::take) else {
            return;
        };
        // The call's draft keeps it, as it keeps all of the call's notes.
        c.parked = None;
        call.open = Some(i);
        call.selected = i;
        let count = call.notes.len();
        let label = plan::label(&c.note, &c.template, &self.env.catalogue);
        self.screen = Screen::Compose(c);
        let msg = fill(
            &self.env.strings.call.opened,
            &[
                ("n", &(i + 1).to_string()),
                ("count", &count.to_string()),
                ("label", &label),
            ],
        );
        self.info(msg);
    }

    /// Takes the note out of the form, marked as left.
    fn take_open(&mut self) -> Option<Box<Compose>> {
        let screen = std::mem::replace(&mut self.screen, Screen::Overview);
        match screen {
            Screen::Compose(mut c) => {
                c.parked = Some(Parked { at: self.settles });
                Some(c)
            }
            other => {
                self.screen = other;
                None
            }
        }
    }

    /// Ctrl-N: the call's next note (after the last, the overview).
    pub(super) fn next_note(&mut self) {
        if !self.in_call() {
            return;
        }
        let Some(i) = self.put_back() else { return };
        let n = self.call.as_ref().map_or(0, |c| c.notes.len());
        if i + 1 < n {
            self.open_note(i + 1);
        } else {
            self.screen = Screen::Overview;
            self.info(self.env.strings.call.last_note.clone());
        }
    }

    /// Puts the note in the form back into the call; returns its place.
    fn put_back(&mut self) -> Option<usize> {
        let i = self.call.as_ref()?.open?;
        let c = self.take_open()?;
        let call = self.call.as_mut()?;
        call.notes[i] = Some(c);
        call.open = None;
        call.selected = i;
        Some(i)
    }

    /// Esc out of a note: to the call's overview, else to the start screen.
    /// Nothing is lost: a note not handed over is kept and offered back.
    pub(super) fn leave(&mut self) {
        if self.in_call() {
            self.put_back();
            self.screen = Screen::Overview;
            return;
        }
        let Some(c) = self.take_open() else { return };
        let mut prefill = crate::frontend::Prefill::default();
        prefill.customer.clone_from(&c.note.customer);
        prefill.lang = Some(c.note.lang);
        if c.unsaved() {
            self.kept.insert(0, c);
        }
        let mut s = Start::new(&self.env, &prefill, self.draft_rows());
        s.prefill.customer = None;
        s.column = Column::Kind;
        self.screen = Screen::Start(Box::new(s));
    }

    /// The start screen, with `customer` typed in and `column` focused.
    fn open_start(&mut self, customer: Option<String>, column: Column) {
        let prefill = crate::frontend::Prefill {
            customer,
            ..crate::frontend::Prefill::default()
        };
        let rows = self.draft_rows();
        let mut s = Start::new(&self.env, &prefill, rows);
        s.prefill.customer = None;
        s.column = if column == Column::Drafts && s.drafts.is_empty() {
            Column::Kind
        } else {
            column
        };
        self.screen = Screen::Start(Box::new(s));
    }

    /// The drafts the start screen offers: the call, the notes left this
    /// run, the drafts an earlier ftnote left.
    pub fn draft_rows(&self) -> Vec<DraftRow> {
        let s = &self.env.strings;
        let mut rows = Vec::new();
        if let Some(call) = &self.call {
            let n = call.notes.len();
            rows.push(DraftRow {
                label: fill(
                    &s.call.row,
                    &[
                        ("customer", &call.customer),
                        (
                            "notes",
                            &fill(s.call.notes.get(n), &[("count", &n.to_string())]),
                        ),
                        ("unsaved", &call.unsaved().to_string()),
                    ],
                ),
                source: DraftSource::Call,
            });
        }
        for (i, c) in self.kept.iter().enumerate() {
            let mut parts: Vec<String> = c.note.customer.iter().cloned().collect();
            parts.push(plan::label(&c.note, &c.template, &self.env.catalogue));
            parts.push(s.call.not_written.clone());
            rows.push(DraftRow {
                label: parts.join(" · "),
                source: DraftSource::Kept(i),
            });
        }
        rows.extend(start::disk_rows(&self.env));
        rows
    }

    fn refresh_rows(&mut self) {
        let rows = self.draft_rows();
        if let Screen::Start(s) = &mut self.screen {
            s.drafts = rows;
            s.draft = s.draft.min(s.drafts.len().saturating_sub(1));
            if s.drafts.is_empty() && s.column == Column::Drafts {
                s.column = Column::Role;
            }
        }
    }

    /// Opens the start screen's draft row `n` again.
    pub(super) fn recover_row(&mut self, n: usize) {
        let Screen::Start(s) = &self.screen else {
            return;
        };
        let Some(row) = s.drafts.get(n).cloned() else {
            return;
        };
        match row.source {
            DraftSource::Call => self.screen = Screen::Overview,
            DraftSource::Kept(i) if i < self.kept.len() => {
                let mut c = self.kept.remove(i);
                if let Some(e) = keep_one(&mut *self.effects, &mut c, self.settles) {
                    self.error(e);
                }
                c.parked = None;
                self.screen = Screen::Compose(c);
                self.info(self.env.strings.start.recovered.clone());
            }
            DraftSource::Kept(_) => {}
            DraftSource::Disk(id) => self.recover(&id),
        }
    }

    /// Moves the start screen's draft row `n` to the trash.
    pub(super) fn discard_row(&mut self, n: usize) {
        let Screen::Start(s) = &self.screen else {
            return;
        };
        let Some(row) = s.drafts.get(n).cloned() else {
            return;
        };
        let id = match row.source {
            DraftSource::Call => {
                self.info(self.env.strings.call.not_discarded.clone());
                return;
            }
            DraftSource::Kept(i) if i < self.kept.len() => {
                let c = self.kept.remove(i);
                match c.draft_id {
                    Some(id) => id,
                    None => {
                        self.refresh_rows();
                        return;
                    }
                }
            }
            DraftSource::Kept(_) => return,
            DraftSource::Disk(id) => id,
        };
        match self.effects.discard_draft(&id) {
            Ok(path) => {
                self.env.drafts.retain(|d| d.id != id);
                let msg = fill(
                    &self.env.strings.start.discarded,
                    &[("path", &path.display().to_string())],
                );
                self.info(msg);
            }
            Err(e) => {
                let msg = fill(&self.env.strings.start.draft_failed, &[("error", &e)]);
                self.error(msg);
            }
        }
        self.refresh_rows();
    }

    /// Ctrl-S in the overview: every note with something in it and not
    /// written since its last change, each to its own file.
    fn write_all(&mut self) {
        self.settle();
        let Some(call) = &mut self.call else { return };
        let mut written = 0usize;
        let mut dir = None;
        let mut untouched: Vec<String> = Vec::new();
        let mut problems: Vec<String> = Vec::new();
        for c in call.notes.iter_mut().flatten() {
            if c.written.is_some() && !c.changed {
                continue;
            }
            let label = plan::label(&c.note, &c.template, &self.env.catalogue);
            if !c.touched() {
                untouched.push(label);
                continue;
            }
            let text = file_text(c);
            match self.effects.write(&c.note, &c.template, &text) {
                Ok(w) => {
                    written += 1;
                    dir = w.path.parent().map(std::path::Path::to_path_buf);
                    problems.extend(w.warnings);
                    c.delivered(Some(w.path));
                    c.parked.get_or_insert(Parked { at: self.settles });
                }
                Err(e) => problems.push(format!("{label}: {e}")),
            }
        }
        let s = &self.env.strings.call;
        let mut msg = if written == 0 && problems.is_empty() && untouched.is_empty() {
            s.all_written.clone()
        } else {
            fill(
                s.written_all.get(written),
                &[
                    ("count", &written.to_string()),
                    (
                        "dir",
                        &dir.map(|d| d.display().to_string()).unwrap_or_default(),
                    ),
                ],
            )
        };
        if !untouched.is_empty() {
            msg.push_str(" · ");
            msg.push_str(&fill(&s.left_out, &[("notes", &untouched.join(", "))]));
        }
        let failed = problems.iter().any(|p| p.contains(": "));
        for p in &problems {
            msg.push_str(" · ");
            msg.push_str(p);
        }
        if failed && written == 0 {
            self.error(msg);
        } else {
            self.info(msg);
        }
    }

    /// Ctrl-Y in the overview: the selected note to the clipboard.
    fn copy_selected(&mut self) {
        self.settle();
        let Some(call) = &mut self.call else { return };
        let Some(c) = call.notes.get_mut(call.selected).and_then(Option::as_mut) else {
            return;
        };
        let s = &self.env.strings.compose;
        match self.effects.copy(&c.text) {
            Ok(done) => {
                let mut msg = if done.verified {
                    fill(&s.copied, &[("provider", &done.provider)])
                } else {
                    fill(&s.copied_unverified, &[("provider", &done.provider)])
                };
                for w in &done.warnings {
                    msg.push(' ');
                    msg.push_str(w);
                }
                c.delivered(None);
                c.parked.get_or_insert(Parked { at: self.settles });
                self.info(msg);
            }
            Err(e) => {
                let msg = fill(&s.copy_failed, &[("error", &e)]);
                self.error(msg);
            }
        }
    }

    /// Del in the overview: the selected note leaves the call; its text
    /// stays, offered back on the start screen.
    fn remove_selected(&mut self) {
        let Some(call) = &mut self.call else { return };
        if call.selected >= call.notes.len() {
            return;
        }
        let Some(c) = call.notes.remove(call.selected) else {
            return;
        };
        call.selected = call.selected.min(call.notes.len().saturating_sub(1));
        let label = plan::label(&c.note, &c.template, &self.env.catalogue);
        let s = &self.env.strings.call;
        let msg = if c.unsaved() {
            let mut c = c;
            leave_call(&mut c, self.settles);
            self.kept.insert(0, c);
            fill(&s.removed_kept, &[("label", &label)])
        } else {
            fill(&s.removed, &[("label", &label)])
        };
        self.cross_check();
        self.info(msg);
    }

    /// Brings the drafts of the notes the form has left up to date: a note
    /// handed over loses its draft, one not handed over gets its latest
    /// text saved. A note is only touched once its autosaver has been
    /// closed — after the keeper synced past the moment it was left — or,
    /// with `all`, any note left before this batch of input.
    pub(super) fn keep_drafts(&mut self, all: bool) {
        // The keeper syncs after each settle; a note left during the batch
        // before settle `k` is free of it once settle `k + 1` has run.
        let free_from = if all {
            self.settles
        } else {
            self.settles.saturating_sub(1)
        };
        let mut problems = Vec::new();
        let effects = &mut *self.effects;
        // (The call's notes are kept in the call's draft.)
        for c in self.kept.iter_mut().map(|c| &mut **c) {
            problems.extend(keep_one(effects, c, free_from));
        }
        if let Some(p) = problems.pop() {
            self.error(p);
        }
    }
}

/// A note that leaves its call: it gets a draft of its own, brought up to
/// date once the keeper has synced past this moment.
fn leave_call(c: &mut Compose, at: u64) {
    c.draft_key = None;
    c.draft_id = None;
    c.parked = Some(Parked { at });
}

/// Brings the draft of one note the form has left up to date, if it was
/// left before `free_from`; returns what went wrong.
fn keep_one(
    effects: &mut dyn super::effects::Effects,
    c: &mut Compose,
    free_from: u64,
) -> Option<String> {
    let p = c.parked?;
    if p.at >= free_from {
        return None;
    }
    c.parked = None;
    if c.handed_over() {
        let id = c.draft_id.take()?;
        effects.remove_draft(&id).err()
    } else if c.touched() {
        match effects.keep_draft(c.draft_id.as_deref(), &c.note, &c.draft_state()) {
            Ok(id) => {
                c.draft_id = Some(id);
                None
            }
            Err(e) => Some(e),
        }
    } else {
        None
    }
}
