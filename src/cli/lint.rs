//! `ftnote lint`: findings like a compiler's, and a grade per note.

use super::args::{LintArgs, ReportFormat};
use super::{Context, EXIT_BAD, EXIT_OK, read_input, write_stdout};
use crate::check::{Input, Report, Severity, Verdict, lexicon::Lexicon, many, rules};
use crate::error::Result;
use crate::textpos::Positions;
use std::fmt::Write as _;

pub fn run(ctx: &Context, a: &LintArgs) -> Result<i32> {
    let checker = ctx.checker();
    let o = ctx.note_options(&checker, &a.note)?;
    let files = if a.files.is_empty() {
        vec!["-".to_string()]
    } else {
        a.files.clone()
    };
    let mut notes: Vec<(String, String)> = Vec::new();
    for f in &files {
        notes.push(read_input(f)?);
    }
    let mut reports: Vec<Report> = notes
        .iter()
        .map(|(_, text)| {
            checker.check(&Input {
                text,
                kind: o.kind.as_deref(),
                status: o.status.as_deref(),
                lang: o.lang,
                as_of: o.as_of,
            })
        })
        .collect();
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
                let findings: Vec<serde_json::Value> = report
                    .findings
                    .iter()
                    .map(|f| {
                        let p = pos.at(f.start);
                        let (line, column) = (p.line, p.column);
                        serde_json::json!({
                            "rule": f.rule,
                            "severity": f.severity.as_str(),
                            "message": f.message,
                            "start": f.start,
                            "end": f.end,
                            "line": line,
                            "column": column,
                            "guidance": rules::rule(f.rule).map(|r| r.guidance),
                        })
                    })
                    .collect();
                let obj = serde_json::json!({
                    "source": name,
                    "kind": report.kind,
                    "status": report.status,
                    "lang": report.lang.code(),
                    "verdict": report.verdict.as_str(),
                    "findings": findings,
                    "inferred": report.inferred,
                });
                let mut obj = obj;
                if let Some(read) = &report.lifecycle {
                    obj["read"] = serde_json::to_value(read).unwrap_or_default();
                }
                let _ = writeln!(out, "{obj}");
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
