//! Fixes in the form: the checker's fixes of the finding in view (the one
//! selected in the checks, else the one at the cursor), one key to apply
//! its first fix, one to apply every safe fix of the note, and Ctrl-Z to
//! take a fix back.
//!
//! A fix edits the note's text; the form holds fields. The fixed text is
//! read back into the fields through the template (as a pasted note is),
//! and taken only when the fields render exactly that text again. A fix
//! that adds a labelled line the form already shows empty ("Owner:
//! [owner]" under an empty "Owner:") fills that field instead.

use super::action::Action;
use super::app::Env;
use super::compose::{Compose, Outcome, place_cursor};
use super::form::{self, FieldState, Sentences};
use super::strings::fill;
use crate::check::{Applicability, Edit, Fix, Input, fix};
use crate::note::{Format, Value};
use crate::render::tidy;
use crate::template::layout::Line;
use crate::template::placeholder;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ops::Range;
use tui_textarea::TextArea;

/// Rounds of fixing and re-checking for "every safe fix".
const ROUNDS: usize = 8;
/// How many fixes Ctrl-Z can take back.
const UNDO_DEPTH: usize = 32;

/// What the form remembers of the fixes it applied, and how it would take
/// the fix in view (worked out once per version of the note, for drawing).
#[derive(Clone, Debug, Default)]
pub struct Fixing {
    undo: Vec<Undo>,
    offer: RefCell<Option<(OfferKey, Option<Taking>)>>,
}

/// What the fix in view was worked out for: the note's revision, the
/// finding, the fix.
type OfferKey = (u64, usize, String);

/// A fix as the form would take it.
#[derive(Clone, Debug)]
pub struct Taking {
    values: BTreeMap<String, Value>,
    /// Edits on the note's text showing what it does (for the preview).
    pub edits: Vec<Edit>,
    blank: Option<Blank>,
}

/// Where the first blank a fix inserts lands: a field and the bytes of
/// its value, or a workload line (field, line, bytes of its text).
#[derive(Clone, Debug)]
enum Blank {
    Field(usize, Range<usize>),
    Workload(usize, usize, Range<usize>),
}

/// The note before a fix, and as the fix left it.
#[derive(Clone, Debug)]
struct Undo {
    before: BTreeMap<String, Value>,
    at: usize,
    /// Ctrl-Z takes the fix back while the note is still as it left it.
    after: BTreeMap<String, Value>,
}

/// The byte offset of an editor's cursor in its text (lines joined by one
/// byte, a newline or a space).
fn cursor_byte(t: &TextArea<'static>) -> usize {
    let (row, col) = t.cursor();
    let lines = t.lines();
    let before: usize = lines.iter().take(row).map(|l| l.len() + 1).sum();
    let line = lines.get(row).map_or("", String::as_str);
    before + line.char_indices().nth(col).map_or(line.len(), |(b, _)| b)
}

/// Whether two notes' values are the same but for white space at their
/// ends: a trailing space typed and taken back again leaves the note as a
/// fix left it. Asked every frame (the footer): no copies made.
fn alike(a: &BTreeMap<String, Value>, b: &BTreeMap<String, Value>) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|((ka, va), (kb, vb))| {
            ka == kb
                && match (va, vb) {
                    (Value::Text(x), Value::Text(y)) => x.trim_end() == y.trim_end(),
                    _ => va == vb,
                }
        })
}

/// Where the first `[blank]` a fix inserts lands in the fixed text: the
/// edits taken as `fix::apply` takes them (sorted, none overlapping or off
/// a character boundary).
fn first_blank(text: &str, edits: &[Edit]) -> Option<Range<usize>> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.start, e.end));
    let mut at = 0usize;
    let mut shift = 0isize;
    for e in sorted {
        if !e.fits(text, at) {
            continue;
        }
        if let Some(p) = placeholder::find(&e.replacement).first() {
            let start = e.start.checked_add_signed(shift)? + p.span.start;
            return Some(start..start + p.span.len());
        }
        shift +=
            isize::try_from(e.replacement.len()).ok()? - isize::try_from(e.end - e.start).ok()?;
        at = e.end;
    }
    None
}

/// One edit turning `old` into `new`: what lies between their common
/// start and end.
fn one_edit(old: &str, new: &str) -> Edit {
    let mut start = old
        .char_indices()
        .zip(new.chars())
        .find(|((_, a), b)| a != b)
        .map_or(old.len().min(new.len()), |((i, _), _)| i);
    while !new.is_char_boundary(start) {
        start -= 1;
    }
    let mut end_old = old.len();
    let mut end_new = new.len();
    for (a, b) in old[start..].chars().rev().zip(new[start..].chars().rev()) {
        if a != b || end_old == start || end_new == start {
            break;
        }
        end_old -= a.len_utf8();
        end_new -= b.len_utf8();
    }
    Edit::new(start..end_old, &new[start..end_new])
}

/// Selects `range` (bytes of the editor's text) so typing replaces it.
fn select(t: &mut TextArea<'static>, range: &Range<usize>) {
    t.cancel_selection();
    place_cursor(t, range.start);
    t.start_selection();
    place_cursor(t, range.end);
}

impl Compose {
    /// The finding whose fixes are shown: the one selected in the checks
    /// (F8), else the narrowest one at the cursor that has fixes.
    pub fn fix_target(&self) -> Option<usize> {
        let has = |i: usize| {
            self.report
                .findings
                .get(i)
                .is_some_and(|f| !f.fixes.is_empty())
        };
        if let Some(i) = self.finding.filter(|&i| has(i)) {
            return Some(i);
        }
        let at = self.cursor_offset()?;
        self.report
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.fixes.is_empty() && f.start <= at && at <= f.end)
            .min_by_key(|(_, f)| f.end - f.start)
            .map(|(i, _)| i)
    }

    /// The fix the fix key applies, if there is one here.
    pub fn shown_fix(&self) -> Option<&Fix> {
        self.report.findings.get(self.fix_target()?)?.fixes.first()
    }

    /// The safe fixes "every safe fix" starts from: each finding's first
    /// safe one, none overlapping.
    pub fn safe_fixes(&self) -> usize {
        fix::chosen(&self.report, &[Applicability::Safe]).len()
    }

    /// Whether Ctrl-Z would take a fix back now.
    pub fn can_undo_fix(&self) -> bool {
        self.fixing
            .undo
            .last()
            .is_some_and(|u| alike(&u.after, &self.note.values))
    }

    /// Where the cursor is in the note's text: in the focused field's
    /// value (a choice: at its start).
    fn cursor_offset(&self) -> Option<usize> {
        let id = &self.template.fields[self.at].id;
        match &self.fields[self.at] {
            FieldState::Workloads(w) => {
                let e = w.entries.get(w.at)?;
                let item = self.item_spans.get(w.at)?;
                let len = e.editor.lines().join(" ").len();
                Some(item.end.saturating_sub(len) + cursor_byte(&e.editor))
            }
            FieldState::Line(t)
            | FieldState::Date(t)
            | FieldState::Text {
                editor: t,
                sentences: None,
            } => {
                let span = self.spans.get(id)?;
                Some((span.start + cursor_byte(t)).min(span.end))
            }
            _ => self.spans.get(id).map(|s| s.start),
        }
    }

    /// How the key for `action` is written, for messages.
    fn key(&self, action: &Action) -> &'static str {
        super::keymap::key_label(action, self.mode()).unwrap_or("")
    }

    /// The fix in view and how the form would take it (`None`: it cannot),
    /// worked out once per version of the note.
    pub fn offer(&self, env: &Env) -> Option<(&Fix, Option<Taking>)> {
        let target = self.fix_target()?;
        let fix = self.report.findings[target].fixes.first()?;
        let key = (self.revision, target, fix.label.clone());
        let mut memo = self.fixing.offer.borrow_mut();
        if let Some((k, taking)) = memo.as_ref()
            && *k == key
        {
            return Some((fix, taking.clone()));
        }
        let taking = self.taking(env, fix);
        *memo = Some((key, taking.clone()));
        Some((fix, taking))
    }

    /// How the form would take `fix`: as the text it makes, else as the
    /// labelled lines it adds.
    fn taking(&self, env: &Env, fix: &Fix) -> Option<Taking> {
        self.taking_as_text(env, fix)
            .or_else(|| self.taking_as_lines(env, fix))
    }

    fn taking_as_text(&self, env: &Env, fix: &Fix) -> Option<Taking> {
        let edits: Vec<&Edit> = fix.edits.iter().collect();
        let (text, n) = fix::apply(&self.text, &edits);
        if n == 0 || text == self.text {
            return None;
        }
        let (values, parsed) = self.read_back(env, &text)?;
        let blank =
            first_blank(&self.text, &fix.edits).and_then(|b| self.blank_in(&parsed, &values, &b));
        Some(Taking {
            values,
            edits: fix.edits.clone(),
            blank,
        })
    }

    /// A fix that only inserts lines like "Owner: [owner]" for fields the
    /// form holds empty: those fields filled.
    fn taking_as_lines(&self, env: &Env, fix: &Fix) -> Option<Taking> {
        let format = self.format();
        let layout = crate::render::layout_lines(&self.template, format);
        let mut values = self.note.values.clone();
        let mut first: Option<(usize, String)> = None;
        for e in &fix.edits {
            if e.start != e.end {
                return None;
            }
            for line in e
                .replacement
                .split('\n')
                .map(str::trim)
                .filter(|l| !l.is_empty())
            {
                let (id, value) = layout.iter().find_map(|l| match l {
                    Line::Field {
                        prefix,
                        field,
                        suffix,
                        ..
                    } if !prefix.trim().is_empty() => {
                        let rest = line.strip_prefix(prefix.trim())?;
                        let rest = rest.strip_suffix(suffix.trim()).unwrap_or(rest);
                        Some((field.clone(), rest.trim().to_string()))
                    }
                    _ => None,
                })?;
                let fi = self.template.fields.iter().position(|f| f.id == id)?;
                let kind = self.template.fields[fi].kind;
                let text_like = matches!(
                    kind,
                    crate::template::FieldKind::Line
                        | crate::template::FieldKind::Date
                        | crate::template::FieldKind::Text
                );
                if !text_like || values.get(&id).is_some_and(|v| !v.is_empty()) || value.is_empty()
                {
                    return None;
                }
                first.get_or_insert((fi, value.clone()));
                values.insert(id, Value::Text(value));
            }
        }
        let (fi, value) = first?;
        let mut candidate = self.note.clone();
        candidate.values.clone_from(&values);
        let rendered = crate::render::render(&candidate, &self.template, &env.catalogue, format);
        let blank = placeholder::find(&value)
            .first()
            .map(|p| Blank::Field(fi, p.span.clone()));
        Some(Taking {
            values,
            edits: vec![one_edit(&self.text, &rendered)],
            blank,
        })
    }

    /// The note's format for rendering (JSON notes show as text).
    fn format(&self) -> Format {
        match self.note.format.unwrap_or(Format::Text) {
            Format::Json => Format::Text,
            f => f,
        }
    }

    /// Where the blank at `b` (bytes of the fixed text) is in the form.
    fn blank_in(
        &self,
        parsed: &crate::render::Parsed,
        values: &BTreeMap<String, Value>,
        b: &Range<usize>,
    ) -> Option<Blank> {
        let field = self.template.fields.iter().enumerate().find_map(|(i, f)| {
            let s = parsed.spans.get(&f.id)?;
            (s.start <= b.start && b.end <= s.end).then_some((i, s.start))
        });
        if let Some((fi, start)) = field
            && !matches!(self.fields[fi], FieldState::Workloads(_))
        {
            let offset = b.start - start;
            return Some(Blank::Field(fi, offset..offset + b.len()));
        }
        let k = parsed
            .item_spans
            .iter()
            .position(|r| r.start <= b.start && b.end <= r.end)?;
        let fi = self
            .fields
            .iter()
            .position(|f| matches!(f, FieldState::Workloads(_)))?;
        let id = &self.template.fields[fi].id;
        let Some(Value::Workloads(lines)) = values.get(id) else {
            return None;
        };
        let len = lines.get(k)?.text.len();
        let offset = b
            .start
            .checked_sub(parsed.item_spans[k].end.saturating_sub(len))?;
        Some(Blank::Workload(fi, k, offset..offset + b.len()))
    }

    /// The fix key: the first fix of the finding in view.
    pub fn apply_fix(&mut self, env: &Env) -> Option<Outcome> {
        let s = &env.strings.fixes;
        let Some(fix) = self.shown_fix().cloned() else {
            let key = self.key(&Action::NextFinding);
            return Some(Outcome::Say(fill(&s.no_fix_here, &[("key", key)])));
        };
        let Some(taking) = self.taking(env, &fix) else {
            return Some(Outcome::Say(fill(&s.not_in_form, &[("fix", &fix.label)])));
        };
        self.commit(env, taking.values);
        let on_blank = taking.blank.is_some_and(|b| self.onto(env, b));
        self.finding = None;
        let said = if on_blank {
            &s.applied_blanks
        } else {
            &s.applied
        };
        let undo = self.key(&Action::Undo);
        Some(Outcome::Say(fill(
            said,
            &[("fix", &fix.label), ("undo", undo)],
        )))
    }

    /// The all-safe key: every safe fix, re-checked in rounds that never
    /// make the grade worse.
    pub fn apply_safe_fixes(&mut self, env: &Env) -> Option<Outcome> {
        let s = &env.strings.fixes;
        let status = self.status().map(str::to_string);
        let mended = fix::mend(
            &env.checker,
            &Input {
                text: &self.text,
                kind: Some(&self.template.id),
                status: status.as_deref(),
                lang: Some(self.note.lang),
                as_of: env.today,
            },
            &[Applicability::Safe],
            ROUNDS,
        );
        if mended.applied == 0 || mended.text == self.text {
            let said = if self.safe_fixes() == 0 {
                &s.no_safe
            } else {
                &s.safe_worse
            };
            return Some(Outcome::Say(said.clone()));
        }
        let Some((values, _)) = self.read_back(env, &mended.text) else {
            return Some(Outcome::Say(s.safe_not_in_form.clone()));
        };
        self.commit(env, values);
        self.finding = None;
        let n = mended.applied.to_string();
        let undo = self.key(&Action::Undo);
        Some(Outcome::Say(fill(
            s.safe_applied.get(mended.applied),
            &[("count", &n), ("undo", undo)],
        )))
    }

    /// Ctrl-Z: the last fix taken back while the note is as it left it;
    /// else the focused editor's own undo.
    pub fn undo(&mut self, env: &Env) -> Option<Outcome> {
        if self.can_undo_fix()
            && let Some(u) = self.fixing.undo.pop()
        {
            self.set_values(env, u.before);
            self.go(env, u.at);
            return Some(Outcome::Say(env.strings.fixes.undone.clone()));
        }
        let undone = self.fields[self.at]
            .editor_mut()
            .is_some_and(TextArea::undo);
        if undone {
            self.sync(env);
            None
        } else {
            Some(Outcome::Say(env.strings.fixes.nothing_to_undo.clone()))
        }
    }

    /// The values `text` reads back to, with where each field is in it;
    /// `None` when the form cannot hold exactly that text.
    fn read_back(
        &self,
        env: &Env,
        text: &str,
    ) -> Option<(BTreeMap<String, Value>, crate::render::Parsed)> {
        let parsed = crate::render::parse(
            text,
            &env.templates,
            &env.catalogue,
            Some(&self.template.id),
            Some(self.note.lang),
        )
        .ok()?;
        let format = self.format();
        // The fields the text shows come from it; the others (an
        // entitlement note's status and workload, the Risks box) stay.
        let mut values = self.note.values.clone();
        for line in crate::render::layout_lines(&self.template, format) {
            if let Line::Field { field, .. } = line {
                match parsed.note.values.get(field) {
                    Some(v) => values.insert(field.clone(), v.clone()),
                    None => values.remove(field),
                };
            }
        }
        let mut candidate = self.note.clone();
        candidate.values.clone_from(&values);
        let rendered = crate::render::render(&candidate, &self.template, &env.catalogue, format);
        (tidy(&rendered) == tidy(text)).then_some((values, parsed))
    }

    /// Takes `values`, remembering the note before for Ctrl-Z.
    fn commit(&mut self, env: &Env, values: BTreeMap<String, Value>) {
        self.fixing.undo.push(Undo {
            before: self.note.values.clone(),
            at: self.at,
            after: values.clone(),
        });
        if self.fixing.undo.len() > UNDO_DEPTH {
            self.fixing.undo.remove(0);
        }
        self.set_values(env, values);
    }

    /// Puts `values` in the note and rebuilds the fields whose value
    /// changed (the others keep their editors and their undo).
    fn set_values(&mut self, env: &Env, values: BTreeMap<String, Value>) {
        for (i, f) in self.template.fields.iter().enumerate() {
            if self.note.values.get(&f.id) != values.get(&f.id) {
                self.fields[i] =
                    FieldState::new(f, values.get(&f.id), &env.catalogue, self.note.lang);
            }
        }
        self.note.values = values;
        self.touch();
    }

    /// Puts the author on a fix's blank: a text field's blanks editor,
    /// else the blank selected in its line so typing replaces it.
    fn onto(&mut self, env: &Env, blank: Blank) -> bool {
        match blank {
            Blank::Field(fi, range) => {
                self.go(env, fi);
                match &mut self.fields[fi] {
                    FieldState::Text { editor, sentences } => {
                        let value = editor.lines().join("\n");
                        let Some(k) = placeholder::find(&value)
                            .iter()
                            .position(|p| p.span.start >= range.start)
                        else {
                            return false;
                        };
                        if let Sentences::Fill {
                            sentence,
                            names,
                            inputs,
                            ..
                        } = form::fill_state(&value)
                        {
                            *sentences = Some(Sentences::Fill {
                                sentence,
                                names,
                                inputs,
                                at: k,
                            });
                        }
                        true
                    }
                    FieldState::Line(t) | FieldState::Date(t) => {
                        select(t, &range);
                        true
                    }
                    _ => false,
                }
            }
            Blank::Workload(fi, k, range) => {
                self.go(env, fi);
                let FieldState::Workloads(w) = &mut self.fields[fi] else {
                    return false;
                };
                let Some(e) = w.entries.get_mut(k) else {
                    return false;
                };
                w.at = k;
                select(&mut e.editor, &range);
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_blank_moves_with_the_edits_before_it() {
        let text = "Customer cannot deploy. #covid";
        let edits = [
            Edit::new(24..30, ""),
            Edit::new(22..22, " due to [primary issue]"),
            Edit::new(0..8, "The customer"),
        ];
        let b = first_blank(text, &edits).expect("a blank");
        let (fixed, _) = fix::apply(text, &edits.iter().collect::<Vec<_>>());
        assert_eq!(&fixed[b], "[primary issue]");
        assert_eq!(first_blank(text, &edits[..1]), None);
    }

    #[test]
    fn one_edit_is_what_lies_between_the_common_ends() {
        let e = one_edit("Date: x\nOwner:", "Date: x\nOwner: [owner]");
        assert_eq!(
            (e.start, e.end, e.replacement.as_str()),
            (14, 14, " [owner]")
        );
        let e = one_edit("a #covid b", "a b");
        let (s, _) = fix::apply("a #covid b", &[&e]);
        assert_eq!(s, "a b");
        let e = one_edit("日本語", "日本");
        assert_eq!(fix::apply("日本語", &[&e]).0, "日本");
        assert_eq!(one_edit("same", "same").replacement, "");
    }

    #[test]
    fn tidy_is_what_rendering_leaves() {
        assert_eq!(tidy("\n a  \n\nb \n\n"), " a\n\nb");
    }

    #[test]
    fn the_cursor_byte_counts_lines_and_characters() {
        let mut t = form::text_editor("Zürich\nnext line");
        t.move_cursor(tui_textarea::CursorMove::Jump(1, 4));
        assert_eq!(cursor_byte(&t), "Zürich\nnext".len());
    }
}
