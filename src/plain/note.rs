//! One note in the plain mode: its answers asked in turn with the checks
//! after each, the note printed whole, and what to do with it. Its draft
//! is saved after every answer, the same draft the composer keeps.

use super::Plain;
use super::ask::Asked;
use super::fields;
use crate::check::{Finding, Report, Verdict};
use crate::drafts::Claim;
use crate::frontend::deliver::{self, DraftState};
use crate::frontend::strings::fill;
use crate::frontend::{Rendered, render_and_check};
use crate::note::Note;
use crate::template::Template;
use std::path::PathBuf;

/// A note being answered.
pub struct PlainNote {
    pub template: Template,
    pub note: Note,
    /// Its draft, once it has one, held while this ftnote edits it.
    pub draft: Option<String>,
    claim: Option<Claim>,
    pub written: Option<PathBuf>,
    pub copied: bool,
    /// Changed since it was last written or copied.
    pub changed: bool,
    /// The note rendered and checked (with the call's checks, in a call).
    pub rendered: Rendered,
    /// The field asked last: answering goes on after it.
    pub at: Option<usize>,
}

/// What the author does with a finished note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// Done with it (alone: quit; in a call: the next note or the list).
    Done,
    /// Back to the call's notes.
    List,
}

impl PlainNote {
    pub fn new(p: &Plain, template: Template, note: Note) -> PlainNote {
        let rendered = render_and_check(&note, &template, p.catalogue(), &p.checker, p.setup.today);
        PlainNote {
            template,
            note,
            draft: None,
            claim: None,
            written: None,
            copied: false,
            changed: false,
            rendered,
            at: None,
        }
    }

    /// Renders and checks the note again (on its own).
    pub fn refresh(&mut self, p: &Plain) {
        self.rendered = render_and_check(
            &self.note,
            &self.template,
            p.catalogue(),
            &p.checker,
            p.setup.today,
        );
    }

    pub fn unsaved(&self) -> bool {
        self.changed
    }

    pub fn handed_over(&self) -> bool {
        !self.changed && (self.written.is_some() || self.copied)
    }

    /// Saves the draft now (never waiting for anything else: the plain
    /// mode saves after each answer).
    pub fn keep(&mut self, p: &mut Plain) {
        let state = DraftState {
            field: self.at.map(|i| self.template.fields[i].id.clone()),
            written_to: self.written.clone(),
            copied: self.copied,
        };
        match deliver::keep_draft(&p.store, self.draft.as_deref(), &self.note, &state) {
            Ok(id) => {
                if self.claim.is_none() {
                    self.claim = p.store.claim(&id).ok();
                }
                self.draft = Some(id);
            }
            Err(e) => p.io.say(&format!("✗ {e}")),
        }
    }

    /// The note was handed over: its draft goes.
    fn let_go(&mut self, p: &mut Plain) {
        self.claim = None;
        if let Some(id) = self.draft.take()
            && let Err(e) = deliver::remove_draft(&p.store, &id)
        {
            p.io.say(&format!("✗ {e}"));
        }
    }

    /// Asks the fields that have no answer yet (or every one, with `all`),
    /// after the one asked last, saying after each what the checks find.
    pub fn answer(&mut self, p: &mut Plain, others: &[&PlainNote], all: bool) -> Asked<()> {
        let from = self.at.map_or(0, |i| i + 1);
        for i in 0..self.template.fields.len() {
            let f = &self.template.fields[i];
            let given = self.note.values.get(&f.id).is_some_and(|v| !v.is_empty());
            if (given && !all) || i < from {
                let shown = fields::shown(f, &self.note, p.catalogue(), self.note.lang);
                p.io.gap();
                p.io.say(&format!("✓ {}: {shown}", f.label));
                continue;
            }
            self.ask_one(p, others, i)?;
        }
        Ok(())
    }

    /// Asks field `i`, saves the draft, says the field's findings.
    pub fn ask_one(&mut self, p: &mut Plain, others: &[&PlainNote], i: usize) -> Asked<()> {
        let before = self.note.clone();
        let cx = fields::Ctx {
            catalogue: &p.setup.catalogue,
            words: p.words,
            today: p.setup.today,
        };
        let r = fields::ask(&mut p.io, &cx, &self.template, &mut self.note, i);
        if r.is_ok() {
            self.at = Some(i);
        }
        if self.note != before {
            self.changed = true;
        }
        // Saved when something changed, or to remember where the answering is.
        if self.note != before || (r.is_ok() && self.draft.is_some()) {
            self.keep(p);
        }
        r?;
        self.check(p, others);
        let id = self.template.fields[i].id.clone();
        let lines: Vec<String> = self
            .in_field(p, &id)
            .into_iter()
            .map(finding_line)
            .collect();
        let is_text = self.template.fields[i].kind == crate::template::FieldKind::Text;
        if lines.is_empty() && is_text && self.note.values.contains_key(&id) {
            let msg = p.words.plain.nothing_found.clone();
            p.io.say(&msg);
        }
        for l in lines {
            p.io.say(&l);
        }
        Ok(())
    }

    /// Renders and checks the note, with the checks across `others`.
    pub fn check(&mut self, p: &Plain, others: &[&PlainNote]) {
        self.refresh(p);
        if others.is_empty() {
            return;
        }
        let mut reports: Vec<Report> = others.iter().map(|o| o.rendered.report.clone()).collect();
        let mut input: Vec<(&str, Option<&str>, &mut Report)> = Vec::new();
        let mine = &mut self.rendered.report;
        input.push((
            self.rendered.text.as_str(),
            self.note.customer.as_deref(),
            mine,
        ));
        for (o, r) in others.iter().zip(reports.iter_mut()) {
            input.push((o.rendered.text.as_str(), o.note.customer.as_deref(), r));
        }
        crate::frontend::call::cross_check(&mut input);
    }

    /// The findings whose place is in field `id`'s text.
    fn in_field(&self, p: &Plain, id: &str) -> Vec<&Finding> {
        let Ok(parsed) = crate::render::parse(
            &self.rendered.text,
            &p.setup.templates,
            &p.setup.catalogue,
            Some(&self.template.id),
            Some(self.note.lang),
        ) else {
            return Vec::new();
        };
        let Some(span) = parsed.spans.get(id) else {
            return Vec::new();
        };
        self.rendered
            .report
            .findings
            .iter()
            .filter(|f| f.start < span.end.max(span.start + 1) && f.end > span.start)
            .collect()
    }

    /// Prints the note whole, its grade and every finding.
    pub fn show(&self, p: &mut Plain) {
        let w = &p.words.plain;
        p.io.gap();
        p.io.say(&w.note_is);
        p.io.say("----");
        p.io.say(&self.rendered.text);
        for (i, part) in &self.rendered.separate {
            let label = &self.template.fields[*i].label;
            p.io.say(&fill(&p.words.compose.separate, &[("label", label)]));
            p.io.say(part);
        }
        p.io.say("----");
        p.io.say(&fill(
            &w.checks,
            &[("verdict", &verdict(p, &self.rendered.report))],
        ));
        for f in &self.rendered.report.findings {
            p.io.say(&finding_line(f));
        }
    }

    /// Writes the note to the notes folder.
    pub fn write(&mut self, p: &mut Plain) {
        let text = crate::frontend::file_text(&self.template, &self.rendered);
        match deliver::write(
            &p.setup.paths,
            &p.setup.config,
            &self.note,
            &self.template,
            &text,
        ) {
            Ok(w) => {
                let shown = w.path.display().to_string();
                let mut msg = fill(&p.words.compose.saved, &[("path", &shown)]);
                for warning in &w.warnings {
                    msg.push_str(" · ");
                    msg.push_str(warning);
                }
                p.io.say(&msg);
                self.written = Some(w.path);
                self.changed = false;
                self.let_go(p);
            }
            Err(e) => {
                let msg = fill(&p.words.compose.save_failed, &[("error", &e)]);
                p.io.say(&format!("✗ {msg}"));
            }
        }
    }

    /// Copies the note to the clipboard.
    pub fn copy(&mut self, p: &mut Plain) {
        let s = &p.words.compose;
        match deliver::copy(&p.setup.config, &self.rendered.text) {
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
                p.io.say(&msg);
                self.copied = true;
                self.changed = false;
                self.let_go(p);
            }
            Err(e) => {
                let msg = fill(&s.copy_failed, &[("error", &e)]);
                p.io.say(&format!("✗ {msg}"));
            }
        }
    }

    /// The note printed, then: write, copy, change an answer — until the
    /// author is done with it. `in_call` offers the call's next note and
    /// its list.
    pub fn finish(&mut self, p: &mut Plain, others: &[&PlainNote], in_call: bool) -> Asked<Next> {
        let mut show = true;
        loop {
            self.check(p, others);
            if show {
                self.show(p);
            }
            show = false;
            let w = &p.words.plain;
            let mut items = vec![w.write.clone(), w.copy.clone(), w.change.clone()];
            if in_call {
                items.push(w.next_note.clone());
                items.push(w.back_to_call.clone());
            } else {
                items.push(w.done.clone());
            }
            // Enter alone: write a note not written yet, else go on.
            let default = if self.handed_over() { 3 } else { 0 };
            p.io.gap();
            let title = w.what_now.clone();
            match p.io.choose(&title, &items, Some(default), &|_| None)? {
                0 => self.write(p),
                1 => self.copy(p),
                2 => {
                    let labels: Vec<String> = self
                        .template
                        .fields
                        .iter()
                        .map(|f| {
                            let v = fields::shown(f, &self.note, p.catalogue(), self.note.lang);
                            format!("{}: {v}", f.label)
                        })
                        .collect();
                    let title = p.words.plain.which_field.clone();
                    let i = p.io.choose(&title, &labels, None, &|_| None)?;
                    self.ask_one(p, others, i)?;
                    show = true;
                }
                3 => return Ok(Next::Done),
                _ => return Ok(Next::List),
            }
        }
    }
}

/// "✗ error no-reason: Say why…".
pub fn finding_line(f: &Finding) -> String {
    format!(
        "{} {} {}: {}",
        f.severity.mark(),
        f.severity.as_str(),
        f.rule,
        f.message
    )
}

/// "✗ BAD (2)", "⚠ INCOMPLETE (1)", "✓ GOOD".
pub fn verdict(p: &Plain, r: &Report) -> String {
    let s = &p.words.compose;
    let n = r
        .findings
        .iter()
        .filter(|f| f.severity != crate::check::Severity::Hint)
        .count();
    match r.verdict {
        Verdict::Bad => format!("✗ {} ({n})", s.bad),
        Verdict::Incomplete => format!("⚠ {} ({n})", s.incomplete),
        Verdict::Good => format!("✓ {}", s.good),
    }
}
