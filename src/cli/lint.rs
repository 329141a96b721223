//! `ftnote lint`: findings like a compiler's, and a grade per note.

use super::args::{LintArgs, ReportFormat};
use super::context::NoteOptions;
use super::{Context, EXIT_BAD, EXIT_OK, read_input, write_stdout};
use crate::check::{Checker, Input, Report, Severity, Verdict, lexicon::Lexicon, many, rules};
use crate::error::Result;
use crate::textpos::Positions;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};

pub fn run(ctx: &Context, a: &LintArgs) -> Result<i32> {
    let checker = ctx.checker();
    let o = ctx.note_options(&checker, &a.note)?;
    let files = if a.files.is_empty() {
        vec!["-".to_string()]
    } else {
        a.files.clone()
    };
    let (notes, mut reports): (Vec<(String, String)>, Vec<Report>) =
        read_and_check(&checker, &o, &files)?
            .into_iter()
            .map(|(name, text, report)| ((name, text), report))
            .unzip();
    {
        let mut group: Vec<(&str, Option<&str>, &mut Report)> = notes
            .iter()
            .zip(reports.iter_mut())
            .map(|((_, t), r)| (t.as_str(), None, r))
            .collect();
        many::copy_pasted(&mut group);
    }
    let mut out = String::new();
    for ((name, text), report) in notes.iter().zip(&reports) {
        match a.format {
            ReportFormat::Json => {
                let mut pos = Positions::new(text);
                let note = JsonNote {
                    findings: report
                        .findings
                        .iter()
                        .map(|f| {
                            let p = pos.at(f.start);
                            JsonFinding {
                                column: p.column,
                                end: f.end,
                                fixes: serde_json::to_value(&f.fixes).unwrap_or_default(),
                                guidance: rules::rule(f.rule).map(|r| r.guidance),
                                line: p.line,
                                message: &f.message,
                                rule: f.rule,
                                severity: f.severity.as_str(),
                                start: f.start,
                            }
                        })
                        .collect(),
                    inferred: &report.inferred,
                    kind: &report.kind,
                    lang: report.lang.code(),
                    read: report
                        .lifecycle
                        .as_ref()
                        .map(|r| serde_json::to_value(r).unwrap_or_default()),
                    source: name,
                    status: report.status.as_deref(),
                    verdict: report.verdict.as_str(),
                };
                if let Ok(line) = serde_json::to_string(&note) {
                    out.push_str(&line);
                    out.push('\n');
                }
            }
            ReportFormat::Text => text_report(&mut out, name, text, report),
        }
    }
    write_stdout(&out)?;
    Ok(if reports.iter().any(|r| r.verdict == Verdict::Bad) {
        EXIT_BAD
    } else {
        EXIT_OK
    })
}

/// Files per thread below which one thread reads and checks them all.
const FILES_PER_THREAD: usize = 64;
/// How many files a thread takes at a time.
const BLOCK: usize = 16;

/// A file read and checked: its name, its text, its report.
type Checked = (String, String, Report);

/// Reads and checks each file: on one thread for a few, on every core for
/// many, in the order given either way. The first file that cannot be read
/// is the error.
fn read_and_check(checker: &Checker, o: &NoteOptions, files: &[String]) -> Result<Vec<Checked>> {
    let one = |file: &String| -> Result<Checked> {
        let (name, text) = read_input(file)?;
        let report = checker.check(&Input {
            text: &text,
            kind: o.kind.as_deref(),
            status: o.status.as_deref(),
            lang: o.lang,
            as_of: o.as_of,
        });
        Ok((name, text, report))
    };
    let wanted = files.len() / FILES_PER_THREAD;
    let threads = if wanted < 2 {
        1
    } else {
        std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .min(wanted)
    };
    if threads == 1 {
        return files.iter().map(one).collect();
    }
    // Threads take the next block of files until none are left, so a
    // block of long notes does not hold the others up.
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, Result<Checked>)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let start = next.fetch_add(BLOCK, Ordering::Relaxed);
                        if start >= files.len() {
                            return out;
                        }
                        let end = (start + BLOCK).min(files.len());
                        out.extend((start..end).map(|i| (i, one(&files[i]))));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// A note as `--format json` prints it (fields in name order, as before).
#[derive(serde::Serialize)]
struct JsonNote<'a> {
    findings: Vec<JsonFinding<'a>>,
    inferred: &'a [&'static str],
    kind: &'a str,
    lang: &'static str,
    /// What a lifecycle note says of its next action, when it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    read: Option<serde_json::Value>,
    source: &'a str,
    status: Option<&'a str>,
    verdict: &'static str,
}

/// A finding as `--format json` prints it.
#[derive(serde::Serialize)]
struct JsonFinding<'a> {
    column: usize,
    end: usize,
    /// As a JSON value, so its objects' keys come in name order too.
    fixes: serde_json::Value,
    guidance: Option<&'static str>,
    line: usize,
    message: &'a str,
    rule: &'static str,
    severity: &'static str,
    start: usize,
}

fn text_report(out: &mut String, name: &str, text: &str, r: &Report) {
    let mut pos = Positions::new(text);
    for f in &r.findings {
        let p = pos.at(f.start);
        let (line, col) = (p.line, p.column);
        let _ = writeln!(
            out,
            "{name}:{line}:{col}: {}[{}]: {}",
            f.severity.as_str(),
            f.rule,
            f.message
        );
    }
    let lex = Lexicon::get(r.lang);
    let mut counts = Vec::new();
    for (s, word) in [
        (Severity::Error, "error"),
        (Severity::Warning, "warning"),
        (Severity::Hint, "hint"),
    ] {
        let n = r.count(s);
        if n > 0 {
            counts.push(format!("{n} {word}{}", if n == 1 { "" } else { "s" }));
        }
    }
    let mut about = vec![r.kind.clone()];
    if let Some(s) = &r.status {
        about.push(format!("status {s}"));
    }
    about.push(format!("language {}", r.lang));
    let inferred = if r.inferred.is_empty() {
        String::new()
    } else {
        format!("; inferred: {}", r.inferred.join(", "))
    };
    let local = lex.verdict(r.verdict.as_str());
    let verdict = if local == r.verdict.as_str() {
        local.to_string()
    } else {
        format!("{} ({local})", r.verdict.as_str())
    };
    let _ = writeln!(
        out,
        "{name}: {verdict}{}{} [{}{inferred}]",
        if counts.is_empty() {
            String::new()
        } else {
            " — ".to_string()
        },
        counts.join(", "),
        about.join(", "),
    );
}
