//! A call's notes in the plain mode: which notes, each answered in turn,
//! then the list of them with their grades, to write all, copy one or open
//! one again.

use super::Plain;
use super::ask::Asked;
use super::note::{Next, PlainNote, verdict};
use crate::frontend::call::{self as plan, Choice};
use crate::frontend::strings::fill;
use crate::lang::Lang;

/// The call for `customer`: its notes picked (or the lifecycle note and an
/// entitlement note per workload in `workloads`), answered one after the
/// other, then the list.
pub fn run(
    p: &mut Plain,
    notes: &mut Vec<PlainNote>,
    customer: &str,
    lang: Option<Lang>,
    workloads: &[String],
) -> Asked<()> {
    let lang_of = lang.unwrap_or(p.setup.note_lang);
    let choices = plan::choices(&p.setup.templates, &p.setup.catalogue, lang_of);
    let picked: Vec<Choice> = if workloads.is_empty() {
        pick(p, &choices, &[])?
    } else {
        let mut ids = vec![plan::LIFECYCLE.to_string()];
        ids.extend(
            workloads
                .iter()
                .filter_map(|w| p.setup.catalogue.find(w))
                .map(|w| plan::entitlement_id(&w.code)),
        );
        choices
            .iter()
            .filter(|c| ids.contains(&c.id))
            .cloned()
            .collect()
    };
    let first = notes.len();
    add(p, notes, &picked, customer, lang);
    // Each note in turn, from the first added.
    let mut i = first;
    while i < notes.len() {
        match answer(p, notes, i)? {
            Next::Done => i += 1,
            Next::List => break,
        }
    }
    list(p, notes, customer, lang)
}

/// Picks notes for the call; `present` are there already.
fn pick(p: &mut Plain, choices: &[Choice], present: &[String]) -> Asked<Vec<Choice>> {
    let offered: Vec<&Choice> = choices
        .iter()
        .filter(|c| !present.contains(&c.id))
        .collect();
    let items: Vec<String> = offered.iter().map(|c| c.label.clone()).collect();
    let default: Vec<usize> = if present.is_empty() {
        vec![0]
    } else {
        Vec::new()
    };
    p.io.gap();
    let title = p.words.plain.setup_call.clone();
    let k = p.io.many(&title, &items, &default)?;
    let mut out: Vec<Choice> = k.into_iter().map(|i| offered[i].clone()).collect();
    // The call's order, whatever order the numbers came in.
    out.sort_by_key(|c| choices.iter().position(|x| x.id == c.id));
    Ok(out)
}

fn add(
    p: &Plain,
    notes: &mut Vec<PlainNote>,
    picked: &[Choice],
    customer: &str,
    lang: Option<Lang>,
) {
    for choice in picked {
        let prefill = plan::prefill(choice, customer, lang);
        let Some(kind) = prefill.kind.as_deref() else {
            continue;
        };
        if let Some((t, n)) = crate::frontend::new_note(
            &p.setup.templates,
            &p.setup.catalogue,
            kind,
            customer,
            &prefill,
            p.setup.note_lang,
        ) {
            notes.push(PlainNote::new(p, t, n));
        }
    }
}

/// Note `i` of the call: its answers, then what to do with it.
fn answer(p: &mut Plain, notes: &mut Vec<PlainNote>, i: usize) -> Asked<Next> {
    let mut n = notes.remove(i);
    let head = fill(
        &p.words.call.opened,
        &[
            ("n", &(i + 1).to_string()),
            ("count", &(notes.len() + 1).to_string()),
            ("label", &plan::label(&n.note, &n.template, p.catalogue())),
        ],
    );
    let head = head.split(" — ").next().unwrap_or(&head).to_string();
    p.io.gap();
    p.io.say(&format!("== {head} =="));
    let r = {
        let others: Vec<&PlainNote> = notes.iter().collect();
        n.answer(p, &others, false)
            .and_then(|()| n.finish(p, &others, true))
    };
    notes.insert(i, n);
    r
}

/// The call's notes with their grades; write all, copy one, open one, add.
fn list(
    p: &mut Plain,
    notes: &mut Vec<PlainNote>,
    customer: &str,
    lang: Option<Lang>,
) -> Asked<()> {
    loop {
        recheck(p, notes);
        let w = p.words;
        let rows: Vec<String> = notes
            .iter()
            .map(|n| {
                let grade = if n.changed || n.written.is_some() || n.copied {
                    verdict(p, &n.rendered.report)
                } else {
                    w.compose.empty.clone()
                };
                let said = match (&n.written, n.copied, n.changed) {
                    (None, false, false) => w.call.untouched.clone(),
                    (Some(_), _, false) => w.call.written.clone(),
                    (None, true, false) => w.call.copied.clone(),
                    (_, true, true) | (Some(_), _, true) => w.call.changed.clone(),
                    (None, false, true) => w.call.not_written.clone(),
                };
                format!(
                    "{} — {grade} — {said}",
                    plan::label(&n.note, &n.template, p.catalogue())
                )
            })
            .collect();
        let count = fill(
            w.call.notes.get(notes.len()),
            &[("count", &notes.len().to_string())],
        );
        p.io.gap();
        p.io.list(
            &fill(
                &w.plain.call_notes,
                &[("customer", customer), ("notes", &count)],
            ),
            &rows,
        );
        let items = vec![
            w.plain.write_all.clone(),
            w.plain.copy_one.clone(),
            w.plain.open_one.clone(),
            w.plain.add_notes.clone(),
            w.plain.quit.clone(),
        ];
        let default = if notes.iter().any(PlainNote::unsaved) {
            0
        } else {
            4
        };
        p.io.gap();
        match p
            .io
            .choose(&w.plain.what_now, &items, Some(default), &|_| None)?
        {
            0 => write_all(p, notes),
            1 => {
                if let Some(i) = which(p, &rows)? {
                    notes[i].copy(p);
                }
            }
            2 => {
                if let Some(i) = which(p, &rows)? {
                    let mut i = i;
                    while i < notes.len() {
                        match answer(p, notes, i)? {
                            Next::Done => i += 1,
                            Next::List => break,
                        }
                    }
                }
            }
            3 => {
                let lang_of = lang.unwrap_or(p.setup.note_lang);
                let choices = plan::choices(&p.setup.templates, &p.setup.catalogue, lang_of);
                let present: Vec<String> = notes
                    .iter()
                    .map(|n| plan::choice_id(&n.note, &n.template))
                    .collect();
                let picked = pick(p, &choices, &present)?;
                let first = notes.len();
                add(p, notes, &picked, customer, lang);
                let mut i = first;
                while i < notes.len() {
                    match answer(p, notes, i)? {
                        Next::Done => i += 1,
                        Next::List => break,
                    }
                }
            }
            _ => return Ok(()),
        }
    }
}

/// Which of the call's notes.
fn which(p: &mut Plain, rows: &[String]) -> Asked<Option<usize>> {
    if rows.is_empty() {
        return Ok(None);
    }
    let title = p.words.plain.which_note.clone();
    p.io.choose(&title, rows, None, &|_| None).map(Some)
}

/// Every note checked again, with the checks across the call.
fn recheck(p: &Plain, notes: &mut [PlainNote]) {
    for n in notes.iter_mut() {
        n.refresh(p);
    }
    let mut input: Vec<(&str, Option<&str>, &mut crate::check::Report)> = notes
        .iter_mut()
        .map(|n| {
            let PlainNote { rendered, note, .. } = n;
            (
                rendered.text.as_str(),
                note.customer.as_deref(),
                &mut rendered.report,
            )
        })
        .collect();
    plan::cross_check(&mut input);
}

/// Writes every note with something in it and not written since its last
/// change, each to its own file.
fn write_all(p: &mut Plain, notes: &mut [PlainNote]) {
    let mut left_out = Vec::new();
    for n in notes.iter_mut() {
        if n.written.is_some() && !n.changed {
            continue;
        }
        if !n.changed && !n.copied {
            left_out.push(plan::label(&n.note, &n.template, p.catalogue()));
            continue;
        }
        n.write(p);
    }
    if !left_out.is_empty() {
        let msg = fill(&p.words.call.left_out, &[("notes", &left_out.join(", "))]);
        p.io.say(&msg);
    }
}
