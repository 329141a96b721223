//! Status and Technical Enablement notes: the Next Action, its Date and its
//! Owner — in labelled lines ("Next Action: …") or in prose ("The Partner
//! will assist with the deployment by the end of May").

mod labels;
mod prose;

pub use labels::What;

use super::finding::{Piece, Read, Severity};
use super::text::inside_any;
use super::{Applicability, Ctx, Edit};
use crate::note::Format;
use crate::render::layout_lines;
use crate::template::Template;
use crate::template::layout::Line;
use chrono::NaiveDate;
use labels::Labelled;
use std::ops::Range;

/// Does a label's value say nothing ("TBD", "offen", "未定")?
fn says_nothing(c: &Ctx<'_>, value: &Range<usize>) -> bool {
    let v = c.folded[value.clone()].trim();
    let v = v.trim_end_matches(['.', '!', '。']);
    // Damaged text reads as what it stands for: "â€“" is a dash.
    let mended = super::common::mended(v);
    let v: &str = &mended;
    // A tag ("Date: #covid") is no value either.
    let words: Vec<&str> = v
        .split_whitespace()
        .filter_map(|w| w.split('#').next())
        .collect();
    let v = words.join(" ");
    let v = v.trim_end_matches(['.', '!', '。']);
    !v.chars().any(char::is_alphanumeric) || c.lex.empty_values.contains(v)
}

/// Is a label's value left blank: nothing at all, or only a tag?
fn blank(c: &Ctx<'_>, value: &Range<usize>) -> bool {
    c.text[value.clone()]
        .split_whitespace()
        .all(|w| w.starts_with('#'))
}

fn piece(c: &Ctx<'_>, r: &Range<usize>, labelled: bool) -> Piece {
    let text = c.text[r.clone()].trim();
    let lead = c.text[r.clone()].len() - c.text[r.clone()].trim_start().len();
    let start = r.start + lead;
    Piece {
        start,
        end: start + text.len(),
        text: text.to_string(),
        labelled,
        date: None,
    }
}

/// A name with the article before it: "The Partner", "Das Account Team".
fn with_article(c: &Ctx<'_>, r: &Range<usize>) -> Range<usize> {
    let head = &c.text[..r.start];
    let trimmed = head.trim_end_matches(' ');
    if trimmed.len() == head.len() {
        return r.clone();
    }
    let word_start = trimmed
        .rfind(|ch: char| !ch.is_alphanumeric())
        .map_or(0, |i| {
            i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &c.folded[word_start..trimmed.len()];
    if !word.is_empty() && c.lex.articles.contains(word) {
        word_start..r.end
    } else {
        r.clone()
    }
}

/// What the note says of the next action: labelled values first, prose
/// for what no label gives.
pub fn read(c: &Ctx<'_>, as_of: NaiveDate, products: &[Range<usize>]) -> (Read, Vec<Labelled>) {
    let dates = labels::Dates::default();
    let labelled = labels::find(c, as_of, &dates);
    let value = |what: What| -> Option<&Labelled> {
        labelled
            .iter()
            .find(|l| l.what == what && !says_nothing(c, &l.value))
    };
    // "Owner: TBD" says there is none yet: prose does not stand in for it.
    // A label left blank ("Owner:", as a form renders an unfilled field)
    // says nothing either way: the prose may give the part.
    let declared_empty = |what: What| {
        value(what).is_none()
            && labelled
                .iter()
                .any(|l| l.what == what && l.separated && !blank(c, &l.value))
    };
    // Date and owner lines are not plans of their own; an empty label is not one either.
    // Inline labels ("… by 3 Dec") are prose, and plan like it.
    let not_plans: Vec<Range<usize>> = labelled
        .iter()
        .filter(|l| l.separated && (l.what != What::NextAction || says_nothing(c, &l.value)))
        .map(|l| l.label.start..l.value.end.max(l.label.end))
        .collect();
    let p = prose::read(c, as_of, &not_plans, products, dates.all(c, as_of));
    let next_action = value(What::NextAction)
        .map(|l| piece(c, &l.value, l.separated))
        .or_else(|| p.actions.first().map(|r| piece(c, r, false)))
        .filter(|_| !declared_empty(What::NextAction));
    let owner = value(What::Owner)
        .map(|l| piece(c, &l.value, l.separated))
        .or_else(|| {
            p.owners
                .first()
                .map(|r| piece(c, &with_article(c, r), false))
        })
        .filter(|_| !declared_empty(What::Owner))
        // "owner TBD", "由谁牵头还没定": the note says there is none yet.
        .filter(|o| o.labelled || !c.any(&c.lex.owner_undecided));
    let date = match value(What::Date) {
        None if declared_empty(What::Date) => None,
        Some(l) => {
            let mut d = piece(c, &l.value, l.separated);
            d.date = crate::date::parse(&d.text, c.lex.lang, as_of);
            Some(d)
        }
        None => {
            let in_plan = |f: &&crate::date::Found| inside_any(&p.actions, &f.span);
            let outside = |f: &&crate::date::Found| !inside_any(&not_plans, &f.span);
            p.dates
                .iter()
                .filter(in_plan)
                .find(|f| f.date >= as_of)
                .or_else(|| p.dates.iter().find(in_plan))
                .or_else(|| p.dates.iter().filter(outside).find(|f| f.ahead_of(as_of)))
                .map(|f| {
                    let mut d = piece(c, &f.span, false);
                    d.date = Some(f.date);
                    d
                })
        }
    };
    (
        Read {
            next_action,
            date,
            owner,
        },
        labelled,
    )
}

/// "Read so far: owner “FM”; date “next week”." for a missing-part message.
fn found_text(c: &Ctx<'_>, read: &Read) -> String {
    let parts: Vec<String> = [
        ("part-next-action", &read.next_action),
        ("part-date", &read.date),
        ("part-owner", &read.owner),
    ]
    .into_iter()
    .filter_map(|(key, p)| {
        p.as_ref().map(|p| {
            let mut t: String = p.text.chars().take(48).collect();
            if p.text.chars().count() > 48 {
                t.push('…');
            }
            c.lex.message(key, &[("text", &t)])
        })
    })
    .collect();
    if parts.is_empty() {
        c.lex.message("lifecycle-found-none", &[])
    } else {
        c.lex.message(
            "lifecycle-found",
            &[(
                "parts",
                &parts.join(c.lex.message("list-sep", &[]).as_str()),
            )],
        )
    }
}

pub fn check(
    c: &mut Ctx<'_>,
    tpl: &Template,
    as_of: NaiveDate,
    status_note: bool,
    workload_names: &super::WorkloadNames,
) -> Read {
    let products = c.names.clone();
    let (read, labelled) = read(c, as_of, &products);
    let missing: Vec<&str> = [
        (read.next_action.is_none(), "next-action-missing"),
        (read.date.is_none(), "date-missing"),
        (read.owner.is_none(), "owner-missing"),
    ]
    .into_iter()
    .filter(|(m, _)| *m)
    .map(|(_, r)| r)
    .collect();
    let severity = if missing.len() >= 2 {
        Severity::Error
    } else {
        Severity::Warning
    };
    let end = c.text.trim_end().len();
    let last_line = c.text[..end].rfind('\n').map_or(0, |i| i + 1)..end;
    if !missing.is_empty() {
        let found = found_text(c, &read);
        for rule in &missing {
            c.push_sev(
                rule,
                severity,
                rule,
                last_line.clone(),
                &[("found", &found)],
            );
            let what = match *rule {
                "next-action-missing" => What::NextAction,
                "date-missing" => What::Date,
                _ => What::Owner,
            };
            // "Owner: TBD": the blank goes in the label's place, not a line of its own.
            let declared = labelled.iter().find(|l| l.what == what && l.separated);
            if let (Some(l), Some(blank)) = (declared, template_blank(tpl, rule)) {
                let value = l.value.clone();
                let piece = if value.is_empty() && !c.text[..value.start].ends_with(' ') {
                    format!(" {blank}")
                } else {
                    blank.clone()
                };
                c.fix(
                    "fix-insert-line",
                    &[("text", &blank)],
                    Applicability::Placeholders,
                    vec![Edit::new(value, piece)],
                );
            } else if let Some(line) = template_line(tpl, rule) {
                // In the template's order: before the line of a part that
                // comes after it ("Date:" before "Owner:"), else at the end.
                let rank = |w: What| {
                    [What::NextAction, What::Date, What::Owner]
                        .iter()
                        .position(|x| *x == w)
                };
                let later = labelled.iter().find(|l| {
                    l.separated
                        && rank(l.what) > rank(what)
                        && c.text[..l.label.start]
                            .trim_end_matches([' ', '\t'])
                            .ends_with('\n')
                });
                let (at, piece) = match later {
                    Some(l) => {
                        let start = c.text[..l.label.start].rfind('\n').map_or(0, |i| i + 1);
                        (start, format!("{line}\n"))
                    }
                    None => {
                        let at = c.text.trim_end().len();
                        let piece = if at == 0 {
                            line.clone()
                        } else {
                            format!("\n{line}")
                        };
                        (at, piece)
                    }
                };
                c.fix(
                    "fix-insert-line",
                    &[("text", &line)],
                    Applicability::Placeholders,
                    vec![Edit::new(at..at, piece)],
                );
            }
        }
    }
    if let Some(d) = &read.date {
        let span = d.start..d.end;
        match d.date {
            None => c.push("date-unparsed", "date-unparsed", span, &[("text", &d.text)]),
            Some(date) if date < as_of => {
                let as_of_s = as_of.format("%Y-%m-%d").to_string();
                c.push(
                    "date-past",
                    "date-past",
                    span,
                    &[("text", &d.text), ("as_of", &as_of_s)],
                );
            }
            Some(_) => {}
        }
    }
    if status_note && let Some(r) = workload_names.first(c.text) {
        let text = c.text[r.clone()].to_string();
        c.push(
            "workload-specific",
            "workload-specific",
            r,
            &[("text", &text)],
        );
    }
    read
}

/// The blank of a missing part's field: "[owner]".
fn template_blank(tpl: &Template, rule: &str) -> Option<String> {
    tpl.field(field_of(rule))
        .map(|f| super::edits::blank_of(&f.label, tpl.lang))
}

/// The template field a missing-part rule is about.
fn field_of(rule: &str) -> &'static str {
    match rule {
        "next-action-missing" => "next_action",
        "date-missing" => "date",
        _ => "owner",
    }
}

/// The template's line for a missing part, its value a blank to fill:
/// "Next Action: [next action]".
fn template_line(tpl: &Template, rule: &str) -> Option<String> {
    let id = field_of(rule);
    let blank = template_blank(tpl, rule)?;
    layout_lines(tpl, Format::Text)
        .iter()
        .find_map(|l| match l {
            Line::Field {
                prefix, field: f, ..
            } if f == id && !prefix.trim().is_empty() => Some(format!("{prefix}{blank}")),
            _ => None,
        })
}

/// Does the note hold a labelled Next Action, Date or Owner? (For guessing
/// a note's kind.)
pub fn has_labels(c: &Ctx<'_>, as_of: NaiveDate) -> bool {
    !labels::find(c, as_of, &labels::Dates::default()).is_empty()
}
