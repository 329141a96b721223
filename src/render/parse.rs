//! A pasted note → its fields, by walking the template's layout.
//!
//! The match is tolerant where pasting changes things (bullets, `**bold**`,
//! case, spacing, full-width colons) and exact where ftnote rendered the
//! note, so `render(parse(x)) == x` for every note ftnote renders.

use super::text::{DEFAULT_SEP, layout_lines};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::note::{Format, Note, Value, WorkloadLine, resolve_choice};
use crate::template::layout::Line;
use crate::template::{FieldKind, Template, Templates};
use crate::workloads::Catalogue;
use std::collections::BTreeMap;
use std::ops::Range;

/// A parsed note, with where each part was found in the pasted text.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    pub note: Note,
    pub format: Format,
    /// Byte range of each field's value in the source text.
    pub spans: BTreeMap<String, Range<usize>>,
    /// Byte range of each workload line, in order.
    pub item_spans: Vec<Range<usize>>,
    /// Layout headings not found in the text (a field missing altogether).
    pub missing: Vec<String>,
    /// How many of the layout's headings were found.
    pub anchors_found: usize,
    pub anchors_total: usize,
    score: usize,
}

/// Parses `text` as a note. Without `kind`, every template is tried and the
/// one whose headings match best wins; a note with no headings is taken as
/// the kind whose layout has none (the entitlement note).
pub fn parse(
    text: &str,
    templates: &Templates,
    catalogue: &Catalogue,
    kind: Option<&str>,
    lang: Option<Lang>,
) -> Result<Parsed> {
    let lines = split_lines(text);
    let mut best: Option<Parsed> = None;
    let guessed = lang.unwrap_or_else(|| Lang::guess(text));
    for tpl in templates.all() {
        if kind.is_some_and(|k| k != tpl.id) || lang.is_some_and(|l| l != tpl.lang) {
            continue;
        }
        let mut formats = vec![Format::Text];
        if tpl.layout.markdown.is_some() {
            formats.push(Format::Markdown);
        }
        for format in formats {
            let mut p = parse_with(&lines, text, tpl, catalogue, format);
            // Among headingless kinds, prefer the guessed language.
            if p.anchors_total == 0 && tpl.lang == guessed {
                p.score += 1;
            }
            let better = match &best {
                None => true,
                Some(b) => {
                    p.score > b.score
                        || (p.score == b.score
                            && p.anchors_found * b.anchors_total.max(1)
                                > b.anchors_found * p.anchors_total.max(1))
                        || (p.score == b.score
                            && p.anchors_found == 0
                            && b.anchors_found == 0
                            && p.anchors_total < b.anchors_total)
                }
            };
            if better {
                best = Some(p);
            }
        }
    }
    best.ok_or_else(|| {
        Error::Usage(match (kind, lang) {
            (Some(k), Some(l)) => format!("there is no {l} template for kind {k:?}"),
            (Some(k), None) => format!("unknown note kind {k:?}"),
            _ => "no templates are loaded".to_string(),
        })
    })
}

/// Whether `text` has at least `n` lines that match a heading or prefix of
/// the template's layout, in either format: a note read against the
/// template finds no more headings than that, so a note without them need
/// not be read at all. Stops at the `n`th.
pub fn has_anchor_lines(text: &str, tpl: &Template, n: usize) -> bool {
    let layouts = [
        layout_lines(tpl, Format::Text),
        layout_lines(tpl, Format::Markdown),
    ];
    let keyed: Vec<(char, &Line)> = layouts
        .iter()
        .flat_map(|l| l.iter())
        .filter_map(|l| anchor_key(l).map(|k| (k, l)))
        .collect();
    n == 0
        || text
            .split('\n')
            .filter(|line| {
                let line = line.strip_suffix('\r').unwrap_or(line);
                first_key(line)
                    .is_some_and(|key| keyed.iter().any(|(k, l)| *k == key && anchors(line, l)))
            })
            .nth(n - 1)
            .is_some()
}

/// Lines with their byte offsets, `\r` removed from line ends.
fn split_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in text.split('\n') {
        out.push((start, piece.strip_suffix('\r').unwrap_or(piece)));
        start += piece.len() + 1;
    }
    while out.last().is_some_and(|(_, l)| l.trim().is_empty()) {
        out.pop();
    }
    out
}

fn skippable_lead(c: char) -> bool {
    c.is_whitespace() || matches!(c, '*' | '-' | '•' | '·' | '+' | '>' | '#' | '–')
}

fn fold(c: char) -> char {
    match c {
        '：' => ':',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// If `line` starts with `prefix` (tolerantly), the byte offset where the
/// value begins, and whether the match was exact.
pub(crate) fn match_prefix(line: &str, prefix: &str) -> Option<(usize, bool)> {
    let exact = line.starts_with(prefix) || line.starts_with(prefix.trim_end());
    let lead = line
        .char_indices()
        .find(|&(_, c)| !skippable_lead(c))
        .map_or(line.len(), |(i, _)| i);
    let mut saw_star = line[..lead].contains('*');
    let mut l = line[lead..]
        .char_indices()
        .map(|(i, c)| (i + lead, c))
        .peekable();
    let mut p = prefix.chars().skip_while(|&c| skippable_lead(c)).peekable();
    let mut matched_any = false;
    loop {
        while p.peek().is_some_and(|&c| c.is_whitespace() || c == '*') {
            p.next();
        }
        let Some(pc) = p.next() else { break };
        while let Some(&(_, c)) = l.peek() {
            if !(c.is_whitespace() || c == '*') {
                break;
            }
            saw_star |= c == '*';
            l.next();
        }
        let Some((_, lc)) = l.next() else {
            // "DESCRIBE THE CUSTOMER" on a line of its own: the colon may go.
            let rest_is_colon =
                matched_any && matches!(pc, ':' | '：') && p.all(|c| c.is_whitespace() || c == '*');
            return rest_is_colon.then_some((line.len(), false));
        };
        if fold(lc) != fold(pc) {
            return None;
        }
        matched_any = true;
    }
    if !matched_any {
        return None;
    }
    let start = l
        .find(|&(_, c)| !(c.is_whitespace() || (saw_star && c == '*')))
        .map_or(line.len(), |(i, _)| i);
    Some((start, exact))
}

/// A whole line that is the literal `lit`: headings may keep trailing text
/// after a colon (template hint text), other literals must match fully.
fn match_literal(line: &str, lit: &str) -> Option<bool> {
    let (rest, exact) = match_prefix(line, lit)?;
    let tail = line[rest..].trim_matches(|c: char| c.is_whitespace() || c == '*');
    // "EXEC SUMMARY #covid": tags may stand on the heading line.
    let only_tags = !tail.is_empty()
        && tail
            .split_whitespace()
            .all(|t| t.starts_with('#') && t.len() > 1);
    (tail.is_empty() || only_tags || lit.trim_end().ends_with([':', '：']))
        .then_some(exact && tail.is_empty())
}

fn is_anchor(line: &str, later: &[Line]) -> bool {
    let key = first_key(line);
    key.is_some()
        && later
            .iter()
            .any(|l| anchor_key(l) == key && anchors(line, l))
}

/// The first character [`match_prefix`] compares, folded: a line can match
/// a heading or prefix only if the two have the same one. `None` when there
/// is none (blank, or bullets and stars only), which matches nothing.
fn first_key(s: &str) -> Option<char> {
    s.chars().find(|&c| !skippable_lead(c)).map(fold)
}

/// The [`first_key`] of a layout line, if it can be an anchor at all.
fn anchor_key(l: &Line) -> Option<char> {
    match l {
        Line::Literal(s) => first_key(s),
        Line::Field { prefix, .. } if !prefix.trim().is_empty() => first_key(prefix),
        _ => None,
    }
}

/// Does `line` match the layout line `l` as an anchor (a literal line, or a
/// field's non-empty prefix)?
fn anchors(line: &str, l: &Line) -> bool {
    match l {
        Line::Literal(s) => match_literal(line, s).is_some(),
        Line::Field { prefix, .. } if !prefix.trim().is_empty() => {
            match_prefix(line, prefix).is_some()
        }
        _ => false,
    }
}

/// Which anchors of the layout each line of the text matches, worked out
/// once per line when first asked (bit `j` for layout line `j`), so that
/// walking the layout costs one look per line and anchor, not one per line,
/// anchor and later anchor. Layouts of more than 128 lines, and lines
/// beyond `masks`, are asked directly.
/// How many lines a note has before its lines' anchors are remembered.
const REMEMBER_FROM: usize = 64;

struct AnchorMasks<'a> {
    layout: &'a [Line],
    /// Each layout line's [`anchor_key`].
    keys: Vec<Option<char>>,
    masks: Vec<Option<u128>>,
}

impl<'a> AnchorMasks<'a> {
    /// Remembers anchors for the first `lines` lines (none: asked directly).
    fn new(layout: &'a [Line], lines: usize) -> AnchorMasks<'a> {
        AnchorMasks {
            layout,
            keys: layout.iter().map(anchor_key).collect(),
            masks: vec![None; lines],
        }
    }
}

impl AnchorMasks<'_> {
    /// Is line `k` (text `line`) an anchor of `later`, the layout's tail?
    fn is_anchor(&mut self, k: usize, line: &str, later: &[Line]) -> bool {
        let first = self.layout.len() - later.len().min(self.layout.len());
        if self.layout.len() > 128 || k >= self.masks.len() {
            return is_anchor(line, later);
        }
        let (layout, keys) = (self.layout, &self.keys);
        let mask = *self.masks[k].get_or_insert_with(|| {
            let Some(key) = first_key(line) else { return 0 };
            layout
                .iter()
                .zip(keys)
                .enumerate()
                .filter(|(_, (l, k))| **k == Some(key) && anchors(line, l))
                .fold(0u128, |m, (j, _)| m | 1 << j)
        });
        first < 128 && mask >> first != 0
    }
}

struct Walk<'a> {
    lines: &'a [(usize, &'a str)],
    text: &'a str,
    i: usize,
    anchors: AnchorMasks<'a>,
}

impl Walk<'_> {
    fn skip_blank(&mut self) {
        while self.i < self.lines.len() && self.lines[self.i].1.trim().is_empty() {
            self.i += 1;
        }
    }

    /// Lines from the cursor up to (not including) the next line that is an
    /// anchor of `later`.
    fn absorb(&mut self, later: &[Line]) -> Range<usize> {
        let start = self.i;
        while self.i < self.lines.len()
            && !self.anchors.is_anchor(self.i, self.lines[self.i].1, later)
        {
            self.i += 1;
        }
        start..self.i
    }

    /// Finds the line matching `anchor` at or after the cursor, before any
    /// line that matches a later anchor.
    fn seek(&mut self, anchor: &Line, later: &[Line]) -> Option<(usize, bool)> {
        let mut k = self.i;
        while k < self.lines.len() {
            let line = self.lines[k].1;
            let hit = match anchor {
                Line::Literal(s) => match_literal(line, s).map(|e| (line.len(), e)),
                Line::Field { prefix, .. } => match_prefix(line, prefix),
                Line::Blank => None,
            };
            if let Some(h) = hit {
                self.i = k;
                return Some(h);
            }
            if !line.trim().is_empty() && self.anchors.is_anchor(k, line, later) {
                return None;
            }
            k += 1;
        }
        None
    }

    /// The text of lines `range`, the first starting at byte `from` of its
    /// line; trailing blank lines dropped. Returns the text and its span.
    fn collect(&self, range: Range<usize>, from: usize) -> (String, Range<usize>) {
        let mut end = range.end;
        while end > range.start && self.lines[end - 1].1.trim().is_empty() {
            end -= 1;
        }
        if end <= range.start {
            let at = self
                .lines
                .get(range.start)
                .map_or(self.text.len(), |l| l.0 + from);
            return (String::new(), at..at);
        }
        let mut parts = Vec::new();
        for (n, idx) in (range.start..end).enumerate() {
            let line = self.lines[idx].1;
            parts.push(if n == 0 {
                &line[from.min(line.len())..]
            } else {
                line
            });
        }
        let first = self.lines[range.start].0 + from;
        let last = self.lines[end - 1];
        (parts.join("\n"), first..last.0 + last.1.len())
    }
}

fn parse_with(
    lines: &[(usize, &str)],
    text: &str,
    tpl: &Template,
    catalogue: &Catalogue,
    format: Format,
) -> Parsed {
    let layout = layout_lines(tpl, format);
    let mut p = Parsed {
        note: Note::new(&tpl.id, tpl.lang),
        format,
        anchors_total: layout.iter().filter(|l| l.anchor().is_some()).count(),
        ..Parsed::default()
    };
    if format == Format::Markdown {
        p.note.format = Some(Format::Markdown);
    }
    let mut w = Walk {
        lines,
        text,
        i: 0,
        // A short note is quicker asked directly.
        anchors: AnchorMasks::new(
            layout,
            if lines.len() >= REMEMBER_FROM {
                lines.len()
            } else {
                0
            },
        ),
    };
    for (j, line) in layout.iter().enumerate() {
        let later = &layout[j + 1..];
        match line {
            Line::Blank => w.skip_blank(),
            Line::Literal(s) => {
                w.skip_blank();
                if let Some((_, exact)) = w.seek(line, later) {
                    w.i += 1;
                    p.anchors_found += 1;
                    p.score += if exact { 3 } else { 2 };
                } else {
                    p.missing.push(s.trim().to_string());
                }
            }
            Line::Field {
                prefix,
                field,
                suffix,
                optional,
            } => {
                let Some(f) = tpl.field(field) else { continue };
                if !prefix.trim().is_empty() {
                    w.skip_blank();
                    let Some((from, exact)) = w.seek(line, later) else {
                        p.missing.push(prefix.trim().to_string());
                        continue;
                    };
                    p.anchors_found += 1;
                    p.score += if exact { 3 } else { 2 };
                    let mut first = w.i;
                    let mut from = from;
                    w.i += 1;
                    // A value on the line after its heading, as pasted from
                    // some portals: the heading line holds nothing else.
                    let heading_only = lines[first].1[from.min(lines[first].1.len())..]
                        .trim_matches(|c: char| c.is_whitespace() || c == '*')
                        .is_empty();
                    if heading_only {
                        let mut k = w.i;
                        while k < lines.len() && lines[k].1.trim().is_empty() {
                            k += 1;
                        }
                        if k < lines.len() && !w.anchors.is_anchor(k, lines[k].1, later) {
                            first = k;
                            from = lines[k].1.len() - lines[k].1.trim_start().len();
                            w.i = k + 1;
                        }
                    }
                    // Only free text continues on the following lines.
                    let end = if f.kind == FieldKind::Text {
                        w.absorb(later).end
                    } else {
                        w.i
                    };
                    let (mut value, span) = w.collect(first..end, from);
                    if !suffix.is_empty() && value.ends_with(suffix.as_str()) {
                        value.truncate(value.len() - suffix.len());
                    }
                    set_value(&mut p, tpl, &f.id, value, span, catalogue);
                } else if f.kind == FieldKind::Workloads {
                    w.skip_blank();
                    let range = w.absorb(later);
                    let items = parse_items(&w, range, tpl.lang, catalogue, &mut p.item_spans);
                    if let (Some(a), Some(b)) = (p.item_spans.first(), p.item_spans.last()) {
                        p.spans.insert(f.id.clone(), a.start..b.end);
                    }
                    p.note.values.insert(f.id.clone(), Value::Workloads(items));
                } else if *optional && f.kind == FieldKind::MultiChoice {
                    w.skip_blank();
                    if let Some(&(off, l)) = lines.get(w.i)
                        && let Some(ids) = tags_of(l, f, catalogue)
                    {
                        p.spans.insert(f.id.clone(), off..off + l.len());
                        p.note.values.insert(f.id.clone(), Value::Multi(ids));
                        w.i += 1;
                    }
                } else {
                    w.skip_blank();
                    let mut range = w.absorb(later);
                    // A tags line may end the text when the layout puts one next.
                    if let Some(Line::Field {
                        field: next,
                        optional: true,
                        prefix: np,
                        ..
                    }) = later.first()
                        && np.trim().is_empty()
                        && let Some(tf) =
                            tpl.field(next).filter(|t| t.kind == FieldKind::MultiChoice)
                    {
                        let mut end = range.end;
                        while end > range.start && lines[end - 1].1.trim().is_empty() {
                            end -= 1;
                        }
                        if end > range.start + 1 || (end > range.start && f.kind != FieldKind::Text)
                        {
                            let (off, l) = lines[end - 1];
                            if let Some(ids) = tags_of(l, tf, catalogue) {
                                p.spans.insert(tf.id.clone(), off..off + l.len());
                                p.note.values.insert(tf.id.clone(), Value::Multi(ids));
                                range.end = end - 1;
                            }
                        }
                    }
                    let (mut value, span) = w.collect(range, 0);
                    if !suffix.is_empty() && value.ends_with(suffix.as_str()) {
                        value.truncate(value.len() - suffix.len());
                    }
                    set_value(&mut p, tpl, &f.id, value, span, catalogue);
                }
            }
        }
    }
    p
}

fn set_value(
    p: &mut Parsed,
    tpl: &Template,
    field: &str,
    value: String,
    span: Range<usize>,
    catalogue: &Catalogue,
) {
    let Some(f) = tpl.field(field) else { return };
    let v = match f.kind {
        FieldKind::Choice => Value::Text(resolve_choice(f, &value, catalogue).unwrap_or(value)),
        FieldKind::MultiChoice => match tags_of(&value, f, catalogue) {
            Some(ids) => Value::Multi(ids),
            None => Value::Text(value),
        },
        _ => Value::Text(value),
    };
    p.spans.insert(field.to_string(), span);
    p.note.values.insert(field.to_string(), v);
}

/// The ids of a line made only of a multi-choice field's values.
fn tags_of(line: &str, f: &crate::template::Field, catalogue: &Catalogue) -> Option<Vec<String>> {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    if tokens.is_empty() {
        return None;
    }
    tokens
        .iter()
        .map(|t| resolve_choice(f, t, catalogue))
        .collect()
}

fn parse_items(
    w: &Walk<'_>,
    range: Range<usize>,
    lang: Lang,
    catalogue: &Catalogue,
    spans: &mut Vec<Range<usize>>,
) -> Vec<WorkloadLine> {
    let mut items: Vec<WorkloadLine> = Vec::new();
    for idx in range {
        let (off, line) = w.lines[idx];
        if line.trim().is_empty() {
            continue;
        }
        match parse_item(line, lang, catalogue) {
            Some(item) => {
                spans.push(off..off + line.len());
                items.push(item);
            }
            None => {
                if let (Some(last), Some(span)) = (items.last_mut(), spans.last_mut()) {
                    last.text.push('\n');
                    last.text.push_str(line);
                    span.end = off + line.len();
                }
            }
        }
    }
    items
}

/// The length of the separator at the start of `s`: spaces, at most one
/// dash-like mark (the mojibake of a dash counts as one), spaces.
fn gap_len(s: &str) -> usize {
    const MARKS: [&str; 10] = ["â€“", "â€”", "->", "-", "–", "—", ":", "：", "|", ">"];
    let lead = s.len() - s.trim_start().len();
    let after = &s[lead..];
    let mark = MARKS
        .iter()
        .find(|m| after.starts_with(**m))
        .map_or(0, |m| m.len());
    let rest = &after[mark..];
    lead + mark + (rest.len() - rest.trim_start().len())
}

/// One workload line: `[CODE] Name - text`.
fn parse_item(line: &str, lang: Lang, catalogue: &Catalogue) -> Option<WorkloadLine> {
    let open = line.find('[')?;
    if !line[..open].chars().all(skippable_lead) {
        return None;
    }
    let close = open + line[open..].find(']')?;
    let code = line[open + 1..close].trim();
    // A code ("EXO"), or a workload's name in its place ("Entra ID").
    let named = || {
        code.chars()
            .all(|ch| ch.is_alphanumeric() || matches!(ch, ' ' | '-'))
            && catalogue.find(code).is_some()
    };
    if code.is_empty() || !(code.chars().all(char::is_alphanumeric) || named()) {
        return None;
    }
    let rest = line[close + 1..].trim_start();
    let known = catalogue.by_code(code);
    let (name, gap, text) = if let Some(n) = catalogue.name_prefix_len(code, rest) {
        let after = &rest[n..];
        let g = gap_len(after);
        (&rest[..n], &after[..g], &after[g..])
    } else if let Some((i, sep)) = [" - ", " – ", " — ", ": "]
        .iter()
        .filter_map(|s| rest.find(s).map(|i| (i, *s)))
        .min_by_key(|(i, _)| *i)
    {
        (&rest[..i], sep, &rest[i + sep.len()..])
    } else {
        (rest.trim_end(), "", "")
    };
    let text = text.trim_end();
    let default_name = known.map(|w| w.name_in(lang));
    Some(WorkloadLine {
        code: code.to_string(),
        name: (default_name != Some(name)).then(|| name.to_string()),
        separator: (!text.is_empty() && gap != DEFAULT_SEP).then(|| gap.to_string()),
        text: text.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_matching_is_tolerant() {
        assert_eq!(match_prefix("- A B: x", "- A B: "), Some((7, true)));
        assert_eq!(match_prefix("• a  b : x", "- A B: ").map(|m| m.0), Some(11));
        assert_eq!(
            match_prefix("**Next Action:** call", "Next Action: ").map(|m| m.0),
            Some(17)
        );
        assert_eq!(
            match_prefix("- 描述客户：x", "- 描述客户: ").map(|m| m.0),
            Some(17)
        );
        assert_eq!(match_prefix("Next", "Next Action: "), None);
        assert_eq!(match_prefix("anything", ""), None);
    }

    #[test]
    fn literal_lines_match_whole() {
        assert_eq!(
            match_literal("**EXEC SUMMARY**", "EXEC SUMMARY"),
            Some(false)
        );
        assert_eq!(match_literal("EXEC SUMMARY", "EXEC SUMMARY"), Some(true));
        assert_eq!(
            match_literal("Exec summary sent to RM", "EXEC SUMMARY"),
            None
        );
        // A heading ending in a full-width colon keeps hint text after it too.
        assert_eq!(
            match_literal(
                "- 关键工作负载现状和后续行动简况: (删除当前未讨论的工作负载)",
                "- 关键工作负载现状和后续行动简况："
            ),
            Some(false)
        );
    }

    #[test]
    fn items_split_name_separator_text() {
        let cat = Catalogue::builtin();
        let item =
            parse_item("   - [OLM] Outlook Mobile – Reviewing.", Lang::En, &cat).expect("item");
        assert_eq!(item.code, "OLM");
        assert_eq!(item.name, None);
        assert_eq!(item.separator.as_deref(), Some(" – "));
        assert_eq!(item.text, "Reviewing.");
        let item =
            parse_item("   - [OPP] Office ProPlus - Planning.", Lang::En, &cat).expect("item");
        assert_eq!(item.name.as_deref(), Some("Office ProPlus"));
        assert_eq!(item.separator, None);
        let item = parse_item("   - [OD] OneDrive for Business", Lang::En, &cat).expect("item");
        assert_eq!(item.text, "");
        assert!(parse_item("just a line", Lang::En, &cat).is_none());
        let item = parse_item("- [NEW] Brand new thing - soon", Lang::En, &cat).expect("item");
        assert_eq!(item.name.as_deref(), Some("Brand new thing"));
        assert_eq!(item.text, "soon");
    }

    /// A note that reads with `k` headings of a template has `k` lines that
    /// match one: the quick look never turns away a note the parser would
    /// take, for every template and labelled note, in each language.
    #[test]
    fn anchor_lines_are_never_fewer_than_headings_found() {
        let templates = crate::template::Templates::builtin();
        let catalogue = Catalogue::builtin();
        let texts = crate::check::case_texts();
        let (mut taken, mut turned_away) = (0, 0);
        for tpl in templates.all() {
            for text in &texts {
                let found = parse(text, &templates, &catalogue, Some(&tpl.id), Some(tpl.lang))
                    .expect("parse")
                    .anchors_found;
                for k in 1..=found {
                    assert!(
                        has_anchor_lines(text, tpl, k),
                        "{} {}: {k} of {found} headings in {text:?}",
                        tpl.id,
                        tpl.lang
                    );
                }
                if found >= 3 {
                    taken += 1;
                } else if !has_anchor_lines(text, tpl, 3) {
                    turned_away += 1;
                }
            }
        }
        assert!(taken > 20, "only {taken} notes read with three headings");
        assert!(turned_away > 1000, "only {turned_away} notes turned away");
    }

    /// The remembered anchors of a line answer as asking every later
    /// anchor would, for every built-in layout, each of its own lines and a
    /// few others, from every place in the layout, asked in any order.
    #[test]
    fn remembered_anchors_answer_as_asking_does() {
        let templates = crate::template::Templates::builtin();
        let (mut asked, mut found) = (0, 0);
        for tpl in templates.all() {
            for format in [Format::Text, Format::Markdown] {
                let layout = layout_lines(tpl, format);
                let mut lines: Vec<String> = layout
                    .iter()
                    .filter_map(|l| match l {
                        Line::Literal(s) => Some(s.clone()),
                        Line::Field { prefix, .. } => Some(format!("{prefix} value")),
                        Line::Blank => None,
                    })
                    .collect();
                // As pasted: bold, bulleted, upper case, a full-width colon.
                let pasted: Vec<String> = lines
                    .iter()
                    .flat_map(|l| {
                        [
                            format!("**{l}**"),
                            format!("  - {}", l.to_uppercase()),
                            l.replace(':', "："),
                        ]
                    })
                    .collect();
                lines.extend(pasted);
                lines.extend(["", "just text", "- [OLM] Outlook Mobile - ok"].map(String::from));
                let mut masks = AnchorMasks::new(layout, lines.len());
                for j in (0..=layout.len()).rev() {
                    let later = &layout[j..];
                    for (k, line) in lines.iter().enumerate() {
                        let every = later.iter().any(|l| anchors(line, l));
                        found += usize::from(every);
                        assert_eq!(
                            is_anchor(line, later),
                            every,
                            "{} {format:?}: {line:?} from layout line {j}: first characters",
                            tpl.id
                        );
                        assert_eq!(
                            masks.is_anchor(k, line, later),
                            every,
                            "{} {format:?}: {line:?} from layout line {j}",
                            tpl.id
                        );
                        asked += 1;
                    }
                }
            }
        }
        assert!(asked > 1000, "only {asked} asked");
        assert!(found > asked / 10, "only {found} of {asked} are anchors");
    }
}
