//! `ftnote lint --fix` and `--fix-dry-run`: the checker's safe fixes (with
//! `--fix=review`, its review fixes too) applied to the notes — in place,
//! to standard output for standard input, or shown as a unified diff.
//! Placeholder fixes are never applied here: their blanks need the author.

use super::args::{FixLevel, LintArgs, ReportFormat};
use super::lint::{json_note, text_report};
use super::{Context, EXIT_BAD, EXIT_ERROR, EXIT_OK, read_input, write_stdout};
use crate::check::{Applicability, Checker, Edit, Input, Report, Verdict, fix, many};
use crate::error::{Error, Result};
use std::fmt::Write as _;
use std::path::Path;

/// Rounds of fixing and re-checking: a fix may make another one possible.
const ROUNDS: usize = 8;

/// One note, before and after.
struct Note {
    /// The argument it was named by (`-` for standard input).
    arg: String,
    name: String,
    original: String,
    text: String,
    /// Fixes applied (or, in a dry run, that would be).
    applied: usize,
    /// Fixes still offered that were left out because applying them would
    /// make the grade worse.
    refused: usize,
    /// The report of `text` on its own.
    report: Report,
    /// The report of `original` on its own.
    before: Report,
    written: bool,
    /// Fixes found but not written: the file could not be replaced.
    unwritten: usize,
}

pub fn run(ctx: &Context, a: &LintArgs) -> Result<i32> {
    let checker = ctx.checker();
    let o = ctx.note_options(&checker, &a.note)?;
    let allowed: &[Applicability] = match a.fix.unwrap_or(FixLevel::Safe) {
        FixLevel::Safe => &[Applicability::Safe],
        FixLevel::Review => &[Applicability::Safe, Applicability::Review],
    };
    let files = if a.files.is_empty() {
        vec!["-".to_string()]
    } else {
        a.files.clone()
    };
    // Every note is read before any is changed: a name that cannot be read
    // stops the run with nothing touched.
    let mut read = Vec::new();
    for f in &files {
        read.push((f.clone(), read_input(f)?));
    }
    let mut notes: Vec<Note> = read
        .into_iter()
        .map(|(arg, (name, original))| {
            let input = Input {
                text: &original,
                kind: o.kind.as_deref(),
                status: o.status.as_deref(),
                lang: o.lang,
                as_of: o.as_of,
            };
            let before = checker.check(&input);
            let mended = fix::mend(&checker, &input, allowed, ROUNDS);
            let refused = refused(&checker, &input, &mended.report, &mended.text, allowed);
            // What was inferred, the original's check inferred.
            let mut report = mended.report;
            report.inferred.clone_from(&before.inferred);
            Note {
                arg,
                name,
                text: mended.text,
                applied: mended.applied,
                refused,
                report,
                before,
                original,
                written: false,
                unwritten: 0,
            }
        })
        .collect();
    keep_group_grades(&mut notes);
    let mut errors: Vec<Error> = Vec::new();
    if !a.fix_dry_run {
        for n in notes
            .iter_mut()
            .filter(|n| n.arg != "-" && n.text != n.original)
        {
            match write_back(&n.arg, &n.original, &n.text) {
                Ok(()) => n.written = true,
                Err(e) => {
                    errors.push(e);
                    n.unwritten = n.applied;
                    undo(n);
                }
            }
        }
    }
    let reports = grouped(&notes, |n| (&n.text, &n.report));
    let mut data = String::new();
    for n in &notes {
        if a.fix_dry_run {
            if n.text != n.original {
                data.push_str(&diff(&n.name, &n.original, &n.text));
            }
        } else if n.arg == "-" {
            data.push_str(&n.text);
        }
    }
    let mut out = String::new();
    for (n, r) in notes.iter().zip(&reports) {
        match a.format {
            ReportFormat::Json => {
                let mut obj =
                    serde_json::to_value(json_note(&n.name, &n.text, r)).unwrap_or_default();
                obj["applied"] = n.applied.into();
                obj["not_applied"] = n.refused.into();
                obj["written"] = n.written.into();
                let _ = writeln!(out, "{obj}");
            }
            ReportFormat::Text => {
                let _ = writeln!(out, "{}: {}", n.name, summary(n, a.fix_dry_run));
                text_report(&mut out, &n.name, &n.text, r);
            }
        }
    }
    // Standard output carries the fixed note or the diff when there is
    // one; the report then goes to standard error.
    let data_out = a.fix_dry_run || notes.iter().any(|n| n.arg == "-");
    if data_out {
        write_stdout(&data)?;
        eprint!("{out}");
    } else {
        write_stdout(&out)?;
    }
    for e in &errors {
        eprintln!("ftnote: {e}");
    }
    Ok(if !errors.is_empty() {
        EXIT_ERROR
    } else if reports.iter().any(|r| r.verdict == Verdict::Bad) {
        EXIT_BAD
    } else {
        EXIT_OK
    })
}

/// How many fixes the final text still offers that applying would make
/// the grade worse (so `mend` left them out).
fn refused(
    checker: &Checker,
    input: &Input<'_>,
    report: &Report,
    text: &str,
    allowed: &[Applicability],
) -> usize {
    let left = fix::chosen(report, allowed);
    if left.is_empty() {
        return 0;
    }
    let edits: Vec<&Edit> = left.iter().flat_map(|f| &f.edits).collect();
    let (next, _) = fix::apply(text, &edits);
    let again = checker.check(&Input {
        text: &next,
        kind: Some(&report.kind),
        status: report.status.as_deref().or(input.status),
        lang: Some(report.lang),
        as_of: input.as_of,
    });
    if again.verdict > report.verdict {
        left.len()
    } else {
        0
    }
}

/// The reports of the notes with what comparing them adds (the same
/// entitlement note pasted on several workloads).
fn grouped<'a>(notes: &'a [Note], pick: impl Fn(&'a Note) -> (&'a str, &'a Report)) -> Vec<Report> {
    let picked: Vec<(&str, &Report)> = notes.iter().map(pick).collect();
    let mut reports: Vec<Report> = picked.iter().map(|(_, r)| (*r).clone()).collect();
    let mut group: Vec<(&str, Option<&str>, &mut Report)> = picked
        .iter()
        .zip(reports.iter_mut())
        .map(|((t, _), r)| (*t, None, r))
        .collect();
    many::copy_pasted(&mut group);
    reports
}

/// Each note's fixes were kept only where they do not make its grade worse
/// on its own. Among several notes a fix can still make one worse: fixed
/// into a copy of another note, both are flagged as pasted. Then the fixed
/// notes in that copy's group are left as they were.
fn keep_group_grades(notes: &mut [Note]) {
    if notes.len() < 2 {
        return;
    }
    let before = grouped(notes, |n| (&n.original, &n.before));
    for _ in 0..notes.len() {
        let after = grouped(notes, |n| (&n.text, &n.report));
        let worse: Vec<String> = notes
            .iter()
            .zip(&before)
            .zip(&after)
            .filter(|((_, b), a)| a.verdict > b.verdict)
            .map(|((n, _), _)| many::key(&n.text))
            .collect();
        if worse.is_empty() {
            return;
        }
        let mut undone = false;
        for n in notes.iter_mut() {
            if n.applied > 0 && worse.contains(&many::key(&n.text)) {
                n.refused += n.applied;
                undo(n);
                undone = true;
            }
        }
        if !undone {
            return;
        }
    }
}

fn undo(n: &mut Note) {
    n.text.clone_from(&n.original);
    n.report = n.before.clone();
    n.applied = 0;
}

/// Replaces the file with its fixed text, atomically and keeping its mode,
/// unless it changed since it was read.
fn write_back(path: &str, original: &str, text: &str) -> Result<()> {
    let now = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    if now != original {
        return Err(Error::Usage(format!(
            "{path}: changed while it was checked; not fixed"
        )));
    }
    crate::output::file::replace_keeping_mode(Path::new(path), text.as_bytes())
}

/// A unified diff of one note, `patch -p0` applies it.
fn diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(name, name)
        .to_string()
}

/// "2 fixes applied", "1 fix would be applied", "no fix to apply", and the
/// fixes left out.
fn summary(n: &Note, dry_run: bool) -> String {
    let fixes = |k: usize| {
        if k == 1 {
            "1 fix".to_string()
        } else {
            format!("{k} fixes")
        }
    };
    let mut parts = Vec::new();
    match (n.applied, dry_run) {
        (0, _) => {}
        (k, true) => parts.push(format!("{} would be applied", fixes(k))),
        (k, false) => parts.push(format!("{} applied", fixes(k))),
    }
    if n.unwritten > 0 {
        parts.push(format!(
            "{} not written: the file could not be replaced",
            fixes(n.unwritten)
        ));
    }
    if n.refused > 0 {
        parts.push(format!(
            "{} not applied: a grade would get worse",
            fixes(n.refused)
        ));
    }
    if parts.is_empty() {
        "no fix to apply".to_string()
    } else {
        parts.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diff_names_the_file_and_shows_the_change() {
        let d = diff("a.txt", "one\ntwo #covid\nthree\n", "one\ntwo\nthree\n");
        assert!(
            d.starts_with("--- a.txt\n+++ a.txt\n@@ -1,3 +1,3 @@\n"),
            "{d}"
        );
        assert!(d.contains("\n-two #covid\n+two\n"), "{d}");
    }
}
