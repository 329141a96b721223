//! The form: one template's fields, the note they make, its preview and
//! its checks.

use super::action::Action;
use super::app::{Env, Prefill};
use super::form::{self, FieldState, Sentences, WorkloadEntry};
use super::keymap::Mode;
use crate::check::Report;
use crate::note::{Note, Value, WorkloadLine};
use crate::render;
use crate::template::Template;
use std::path::PathBuf;
use tui_textarea::{CursorMove, TextArea};

pub struct Compose {
    pub template: Template,
    pub note: Note,
    /// One state per template field, in the template's order.
    pub fields: Vec<FieldState>,
    /// The focused field.
    pub at: usize,
    /// The note's text: exactly what is copied or written.
    pub text: String,
    /// Separate parts (the Risks box): field index and text.
    pub separate: Vec<(usize, String)>,
    /// What the checker says, with what the call's other notes add.
    pub report: Report,
    /// What the checker says of this note alone.
    pub own_report: Report,
    /// Where each field's value is in [`Compose::text`].
    pub spans: std::collections::BTreeMap<String, std::ops::Range<usize>>,
    /// Where each workload line is in the text.
    pub item_spans: Vec<std::ops::Range<usize>>,
    /// The finding last jumped to.
    pub finding: Option<usize>,
    /// Where the note was last written.
    pub written: Option<PathBuf>,
    pub copied: bool,
    /// Edited since it was last written or copied.
    pub changed: bool,
    /// Bumped on every edit, so a draft knows when to save.
    pub revision: u64,
    /// The edits since the draft last took them, each as small as the
    /// change (a keystroke is a few bytes, however long the note).
    pub edits: crate::drafts::Edits,
    /// The draft this note is saved to, once it has one (a call's notes:
    /// see [`super::call::Call::draft_id`]).
    pub draft_id: Option<String>,
    /// The note's key in its call's draft, once it is in it.
    pub draft_key: Option<u32>,
    /// The earlier note this one started from (when, text): the preview
    /// marks the lines that changed since.
    pub baseline: Option<(String, String)>,
    /// Set when the form left this note: its draft is to be brought up to
    /// date by the app (no autosaver saves it any more).
    pub parked: Option<Parked>,
    /// The fixes applied, for Ctrl-Z.
    pub fixing: super::fixes::Fixing,
    dirty: bool,
}

/// A note the form has left, waiting for its draft to be brought up to
/// date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parked {
    /// How many times the app had settled when the note was left; its
    /// autosaver is closed once the app has settled again.
    pub at: u64,
}

/// What the form asks the app to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Back to the start screen.
    Leave,
    Say(String),
}

impl Compose {
    /// A new note of `kind` for `customer`, with what `ftnote new` gave.
    pub fn new(env: &Env, kind: &str, customer: &str, prefill: &Prefill) -> Option<Compose> {
        let (template, note) = crate::frontend::new_note(
            &env.templates,
            &env.catalogue,
            kind,
            customer,
            prefill,
            env.note_lang,
        )?;
        Some(Compose::from_note(env, template, note))
    }

    /// A form holding `note` (a draft, or an earlier note to start from).
    pub fn from_note(env: &Env, template: Template, note: Note) -> Compose {
        let fields: Vec<FieldState> = template
            .fields
            .iter()
            .map(|f| FieldState::new(f, note.values.get(&f.id), &env.catalogue, template.lang))
            .collect();
        let at = template
            .fields
            .iter()
            .position(|f| f.required && note.values.get(&f.id).is_none_or(Value::is_empty))
            .unwrap_or(0);
        let mut c = Compose {
            template,
            note,
            fields,
            at: 0,
            text: String::new(),
            separate: Vec::new(),
            report: empty_report(),
            own_report: empty_report(),
            spans: std::collections::BTreeMap::new(),
            item_spans: Vec::new(),
            finding: None,
            written: None,
            copied: false,
            changed: false,
            revision: 0,
            edits: crate::drafts::Edits::default(),
            draft_id: None,
            draft_key: None,
            baseline: None,
            parked: None,
            fixing: super::fixes::Fixing::default(),
            dirty: true,
        };
        c.enter(env, at);
        c.refresh(env);
        c
    }

    pub fn mode(&self) -> Mode {
        match &self.fields[self.at] {
            FieldState::Workloads(w) if w.on_adder() => Mode::Pick,
            FieldState::Choice { .. }
            | FieldState::Text {
                sentences: Some(Sentences::Pick(_)),
                ..
            } => Mode::Pick,
            FieldState::Multi { .. } => Mode::Multi,
            FieldState::Workloads(_) => Mode::Workload,
            FieldState::Line(_)
            | FieldState::Date(_)
            | FieldState::Text {
                sentences: Some(Sentences::Fill { .. }),
                ..
            } => Mode::Line,
            FieldState::Text {
                sentences: None, ..
            } => Mode::Text,
        }
    }

    pub fn unsaved(&self) -> bool {
        self.changed
    }

    /// The status id, for kinds that have a status.
    pub fn status(&self) -> Option<&str> {
        let f = self.template.status_field()?;
        Some(self.note.text(&f.id)).filter(|s| !s.is_empty())
    }

    /// Re-renders and re-checks, if anything changed; says whether it did.
    pub fn refresh(&mut self, env: &Env) -> bool {
        if !self.dirty {
            return false;
        }
        self.dirty = false;
        let r = crate::frontend::render_and_check(
            &self.note,
            &self.template,
            &env.catalogue,
            &env.checker,
            env.today,
        );
        self.text = r.text;
        self.separate = r.separate;
        self.own_report = r.report;
        self.report = self.own_report.clone();
        match render::parse(
            &self.text,
            &env.templates,
            &env.catalogue,
            Some(&self.template.id),
            Some(self.note.lang),
        ) {
            Ok(p) => {
                self.spans = p.spans;
                self.item_spans = p.item_spans;
            }
            Err(_) => {
                self.spans.clear();
                self.item_spans.clear();
            }
        }
        if self
            .finding
            .is_some_and(|i| i >= self.report.findings.len())
        {
            self.finding = None;
        }
        true
    }

    /// Whether the note was handed over (written or copied) since its last
    /// change.
    pub fn handed_over(&self) -> bool {
        !self.changed && (self.written.is_some() || self.copied)
    }

    /// Whether the author has put anything in this note yet.
    pub fn touched(&self) -> bool {
        self.revision > 0 || self.changed
    }

    /// What its draft holds besides the note.
    pub fn draft_state(&self) -> crate::frontend::deliver::DraftState {
        crate::frontend::deliver::DraftState {
            field: Some(self.template.fields[self.at].id.clone()),
            written_to: self.written.clone(),
            copied: self.copied,
        }
    }

    /// Copies the focused field's value into the note.
    pub(super) fn sync(&mut self, env: &Env) {
        let id = self.template.fields[self.at].id.clone();
        let v = self.fields[self.at].value(self.note.lang, env.today);
        // Only nothing at all is no value: typed spaces are kept.
        let new = (!form::is_nothing(&v)).then_some(v);
        if self.note.values.get(&id) != new.as_ref() {
            let old = match new {
                Some(v) => self.note.values.insert(id.clone(), v),
                None => self.note.values.remove(&id),
            };
            self.edits
                .record(&id, old.as_ref(), self.note.values.get(&id));
            self.touch();
        }
    }

    pub(super) fn touch(&mut self) {
        self.dirty = true;
        self.changed = true;
        self.revision += 1;
    }

    /// Moves the focus to field `i`.
    pub fn go(&mut self, env: &Env, i: usize) {
        let i = i.min(self.fields.len() - 1);
        self.leave(env);
        self.enter(env, i);
    }

    fn leave(&mut self, env: &Env) {
        // A date reads back as the date understood.
        if let FieldState::Date(t) = &mut self.fields[self.at] {
            let raw = t.lines().join(" ");
            if let Some(d) = form::understood_date(&raw, self.note.lang, env.today) {
                *t = form::line_editor(&d.format("%Y-%m-%d").to_string());
            }
        }
        self.finish_fill(env);
    }

    fn enter(&mut self, env: &Env, i: usize) {
        self.at = i;
        let status = self.status().map(str::to_string);
        if let FieldState::Text { editor, sentences } = &mut self.fields[i] {
            let offers = self.template.fields[i].sentences_from.is_some();
            if offers
                && editor.is_empty()
                && let Some(s) = status
            {
                let p = form::sentence_picker(&self.template, &s, &env.strings.compose.write_own);
                if p.items.len() > 1 {
                    *sentences = Some(Sentences::Pick(p));
                }
            }
        }
    }

    /// Whether the focused text field offers sentences but has no status yet.
    pub fn needs_status(&self) -> Option<String> {
        let f = &self.template.fields[self.at];
        let from = f.sentences_from.as_deref()?;
        if self.status().is_some() {
            return None;
        }
        self.template.field(from).map(|s| s.label.clone())
    }

    pub fn update(&mut self, env: &Env, action: Action) -> Option<Outcome> {
        match action {
            Action::NextField => self.next(env, true),
            Action::PrevField => {
                if let FieldState::Text {
                    sentences: Some(Sentences::Fill { at, .. }),
                    ..
                } = &mut self.fields[self.at]
                    && *at > 0
                {
                    *at -= 1;
                    return None;
                }
                if self.at > 0 {
                    self.go(env, self.at - 1);
                }
            }
            Action::Choose => self.choose(env),
            Action::Up => self.up_down(true),
            Action::Down => self.up_down(false),
            Action::Toggle => {
                if let FieldState::Multi { picker, chosen } = &mut self.fields[self.at] {
                    if let Some(it) = picker.current() {
                        let id = it.id.clone();
                        if let Some(p) = chosen.iter().position(|c| *c == id) {
                            chosen.remove(p);
                        } else {
                            chosen.push(id);
                        }
                    }
                    self.sync(env);
                }
            }
            Action::Remove => {
                if let FieldState::Workloads(w) = &mut self.fields[self.at]
                    && w.at < w.entries.len()
                {
                    let gone = w.entries.remove(w.at);
                    w.refresh_adder(&env.catalogue, self.note.lang);
                    self.sync(env);
                    return Some(Outcome::Say(super::strings::fill(
                        &env.strings.compose.removed,
                        &[("item", &format!("[{}]", gone.line.code))],
                    )));
                }
            }
            Action::Back => return self.back(env),
            Action::Sentences => return self.sentences(env),
            Action::Input(key) => self.input(env, key),
            Action::Paste(text) => self.paste(env, &text),
            Action::EditorDone(text) => self.set_focused_text(env, &text),
            Action::ApplyFix => return self.apply_fix(env),
            Action::FixAllSafe => return self.apply_safe_fixes(env),
            Action::Undo => return self.undo(env),
            _ => {}
        }
        None
    }

    /// Tab: the next blank of a sentence, else the next field.
    fn next(&mut self, env: &Env, wrap: bool) {
        if let FieldState::Text {
            sentences: Some(Sentences::Fill { inputs, at, .. }),
            ..
        } = &mut self.fields[self.at]
        {
            if *at + 1 < inputs.len() {
                *at += 1;
                return;
            }
            self.finish_fill(env);
            return;
        }
        if self.at + 1 < self.fields.len() {
            self.go(env, self.at + 1);
        } else if wrap {
            self.go(env, 0);
        }
    }

    /// The blanks are filled (or the author moves on): the sentence goes
    /// into the editor, as far as it is filled.
    fn finish_fill(&mut self, env: &Env) {
        if let FieldState::Text { editor, sentences } = &mut self.fields[self.at] {
            if let Some(Sentences::Fill {
                sentence, inputs, ..
            }) = sentences
            {
                *editor = form::text_editor(&crate::template::placeholder::fill(
                    sentence,
                    &Sentences::values(inputs),
                ));
            }
            *sentences = None;
        }
        self.sync(env);
    }

    fn choose(&mut self, env: &Env) {
        match &mut self.fields[self.at] {
            FieldState::Choice { picker, chosen } => {
                if let Some(id) = picker.current().map(|it| it.id.clone()) {
                    *chosen = Some(id.clone());
                    picker.filter.clear();
                    picker.select_id(&id);
                    self.sync(env);
                    self.next(env, false);
                }
            }
            FieldState::Multi { .. } | FieldState::Line(_) | FieldState::Date(_) => {
                self.next(env, false);
            }
            FieldState::Workloads(w) => {
                if w.on_adder() {
                    if let Some(it) = w.adder.current() {
                        let code = it.id.clone();
                        w.entries.push(WorkloadEntry {
                            line: WorkloadLine {
                                code,
                                ..WorkloadLine::default()
                            },
                            editor: form::line_editor(""),
                        });
                        w.at = w.entries.len() - 1;
                        w.adder.filter.clear();
                        w.refresh_adder(&env.catalogue, self.note.lang);
                        self.sync(env);
                    }
                } else {
                    w.at += 1;
                }
            }
            FieldState::Text { editor, sentences } => match sentences {
                Some(Sentences::Pick(p)) => {
                    let Some(it) = p.current() else { return };
                    if it.id.is_empty() {
                        *sentences = None;
                    } else {
                        let s = it.label.clone();
                        if crate::template::placeholder::find(&s).is_empty() {
                            *editor = form::text_editor(&s);
                            *sentences = None;
                        } else {
                            *sentences = Some(form::fill_state(&s));
                        }
                    }
                    self.sync(env);
                }
                Some(Sentences::Fill { .. }) => self.next(env, false),
                None => {}
            },
        }
    }

    fn up_down(&mut self, up: bool) {
        let step = |p: &mut form::Picker| if up { p.up() } else { p.down() };
        match &mut self.fields[self.at] {
            FieldState::Choice { picker, .. } | FieldState::Multi { picker, .. } => step(picker),
            FieldState::Text {
                sentences: Some(Sentences::Pick(p)),
                ..
            } => step(p),
            FieldState::Workloads(w) => {
                if w.on_adder() {
                    if up && w.adder.selected == 0 {
                        w.at = w.entries.len().saturating_sub(1);
                    } else {
                        step(&mut w.adder);
                    }
                } else if up {
                    w.at = w.at.saturating_sub(1);
                } else {
                    w.at += 1;
                }
            }
            _ => {}
        }
    }

    /// Esc: one stage out — the blanks to the sentences (or, when some
    /// are filled, into the text as far as filled), the sentences to the
    /// text, a filter cleared — else out of the note. Never back in.
    fn back(&mut self, env: &Env) -> Option<Outcome> {
        let status = self.status().map(str::to_string);
        match &mut self.fields[self.at] {
            FieldState::Text {
                sentences:
                    Some(Sentences::Fill {
                        sentence, inputs, ..
                    }),
                ..
            } => {
                // Back to the sentences only from one of them (not from the
                // blanks a fix left in the author's own text).
                let picker = status
                    .filter(|_| inputs.iter().all(TextArea::is_empty))
                    .map(|s| {
                        form::sentence_picker(&self.template, &s, &env.strings.compose.write_own)
                    })
                    .and_then(|p| {
                        let i = p.items.iter().position(|it| it.label == *sentence)?;
                        Some((p, i))
                    });
                if let Some((mut p, i)) = picker {
                    p.selected = i;
                    if let FieldState::Text { sentences, .. } = &mut self.fields[self.at] {
                        *sentences = Some(Sentences::Pick(p));
                    }
                    self.sync(env);
                } else {
                    self.finish_fill(env);
                }
                return None;
            }
            FieldState::Text { sentences, .. } if sentences.is_some() => {
                *sentences = None;
                self.sync(env);
                return None;
            }
            FieldState::Choice { picker, .. } | FieldState::Multi { picker, .. }
                if !picker.filter.is_empty() =>
            {
                picker.filter.clear();
                return None;
            }
            FieldState::Workloads(w) if w.on_adder() && !w.adder.filter.is_empty() => {
                w.adder.filter.clear();
                return None;
            }
            _ => {}
        }
        Some(Outcome::Leave)
    }

    /// Whether the focused field offers sentences for the chosen status.
    pub fn offers_sentences(&self) -> bool {
        self.template.fields[self.at].sentences_from.is_some() && self.status().is_some()
    }

    /// Ctrl-T: the sentences again, for a field that offers them. Choosing
    /// one replaces the text; Esc keeps it.
    fn sentences(&mut self, env: &Env) -> Option<Outcome> {
        if !self.offers_sentences() {
            return Some(Outcome::Say(env.strings.compose.no_sentences.clone()));
        }
        let status = self.status().map(str::to_string)?;
        let p = form::sentence_picker(&self.template, &status, &env.strings.compose.write_own);
        if let FieldState::Text { sentences, .. } = &mut self.fields[self.at] {
            *sentences = Some(Sentences::Pick(p));
        }
        None
    }

    fn input(&mut self, env: &Env, key: crossterm::event::KeyEvent) {
        match &mut self.fields[self.at] {
            FieldState::Choice { picker, .. } | FieldState::Multi { picker, .. } => {
                picker.type_key(key);
            }
            FieldState::Workloads(w) if w.on_adder() => {
                w.adder.type_key(key);
            }
            FieldState::Text { editor, sentences }
                if matches!(sentences, Some(Sentences::Pick(_))) =>
            {
                // Typing instead of picking: the author writes their own.
                if matches!(key.code, crossterm::event::KeyCode::Char(_)) {
                    *sentences = None;
                    editor.input(key);
                    self.sync(env);
                }
            }
            state => {
                if let Some(ed) = state.editor_mut()
                    && ed.input(key)
                {
                    self.sync(env);
                }
            }
        }
    }

    fn paste(&mut self, env: &Env, text: &str) {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        if let FieldState::Text { sentences, .. } = &mut self.fields[self.at]
            && matches!(sentences, Some(Sentences::Pick(_)))
        {
            *sentences = None;
        }
        let multi = self.fields[self.at].multiline();
        match &mut self.fields[self.at] {
            FieldState::Choice { picker, .. } | FieldState::Multi { picker, .. } => {
                picker.type_str(&text);
            }
            FieldState::Workloads(w) if w.on_adder() => w.adder.type_str(&text),
            state => {
                if let Some(ed) = state.editor_mut() {
                    let t = if multi { text } else { text.replace('\n', " ") };
                    ed.insert_str(t);
                    self.sync(env);
                }
            }
        }
    }

    /// The text of the focused editor, for `$EDITOR`.
    pub fn focused_text(&mut self) -> Option<String> {
        let multi = self.fields[self.at].multiline();
        let ed = self.fields[self.at].editor_mut()?;
        Some(ed.lines().join(if multi { "\n" } else { " " }))
    }

    fn set_focused_text(&mut self, env: &Env, text: &str) {
        let multi = self.fields[self.at].multiline();
        let text = text.strip_suffix('\n').unwrap_or(text);
        if let Some(ed) = self.fields[self.at].editor_mut() {
            *ed = if multi {
                form::text_editor(text)
            } else {
                form::line_editor(text.trim())
            };
            self.sync(env);
        }
    }

    /// Selects the next finding and puts the cursor where it is.
    pub fn next_finding(&mut self, env: &Env) -> bool {
        let n = self.report.findings.len();
        if n == 0 {
            return false;
        }
        let i = self.finding.map_or(0, |i| (i + 1) % n);
        self.finding = Some(i);
        let start = self.report.findings[i].start;
        let end = self.report.findings[i].end;
        let spans = self.spans.clone();
        let item_spans = self.item_spans.clone();
        let Some((fi, span)) = self.field_at(&spans, start, end) else {
            return true;
        };
        self.go(env, fi);
        match &mut self.fields[fi] {
            FieldState::Workloads(w) => {
                if let Some((k, item)) = item_spans
                    .iter()
                    .enumerate()
                    .find(|(_, r)| r.start <= start && start <= r.end)
                    && let Some(e) = w.entries.get_mut(k)
                {
                    w.at = k;
                    let text = e.editor.lines().join(" ");
                    let text_start = item.end.saturating_sub(text.len());
                    place_cursor(&mut e.editor, start.saturating_sub(text_start));
                }
            }
            state => {
                if let Some(ed) = state.editor_mut() {
                    place_cursor(ed, start.saturating_sub(span.start));
                }
            }
        }
        true
    }

    /// The field a byte of the text belongs to. A field that left no trace
    /// in the text (empty, its label gone) owns the gap where it would be.
    fn field_at(
        &self,
        spans: &std::collections::BTreeMap<String, std::ops::Range<usize>>,
        at: usize,
        end: usize,
    ) -> Option<(usize, std::ops::Range<usize>)> {
        let fields = || {
            self.template
                .fields
                .iter()
                .enumerate()
                .filter(|(_, f)| !f.separate)
        };
        // A finding on a label belongs to the field after it.
        if let Some(hit) = fields().find_map(|(fi, f)| {
            let span = spans.get(&f.id)?;
            (at < span.start && span.start <= end && !(span.start <= at && at <= span.end))
                .then(|| (fi, span.clone()))
        }) && !fields().any(|(_, f)| {
            spans
                .get(&f.id)
                .is_some_and(|s| s.start <= at && at <= s.end)
        }) {
            return Some(hit);
        }
        let mut gap: Option<usize> = None;
        for (fi, f) in fields() {
            match spans.get(&f.id) {
                Some(span) if span.start <= at && at <= span.end => {
                    return Some((fi, span.clone()));
                }
                Some(span) if span.start > at => break,
                Some(_) => gap = None,
                None => {
                    gap.get_or_insert(fi);
                }
            }
        }
        gap.map(|fi| (fi, at..at))
    }

    /// Marks the note written or copied.
    pub fn delivered(&mut self, written: Option<PathBuf>) {
        if let Some(p) = written {
            self.written = Some(p);
        } else {
            self.copied = true;
        }
        self.changed = false;
    }
}

/// Puts the cursor at byte `offset` of the editor's text (lines joined by
/// newlines).
pub(super) fn place_cursor(ed: &mut TextArea<'static>, offset: usize) {
    let mut left = offset;
    let lines = ed.lines().to_vec();
    for (row, line) in lines.iter().enumerate() {
        if left <= line.len() || row + 1 == lines.len() {
            let col = line.char_indices().take_while(|(b, _)| *b < left).count();
            let (r, c) = (
                u16::try_from(row).unwrap_or(u16::MAX),
                u16::try_from(col).unwrap_or(u16::MAX),
            );
            ed.move_cursor(CursorMove::Jump(r, c));
            return;
        }
        left -= line.len() + 1;
    }
}

fn empty_report() -> Report {
    Report {
        lifecycle: None,
        kind: String::new(),
        status: None,
        lang: crate::lang::Lang::En,
        verdict: crate::check::Verdict::Good,
        findings: Vec::new(),
        inferred: Vec::new(),
    }
}
