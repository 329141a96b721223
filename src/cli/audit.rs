//! `ftnote audit`: a quality report for an export of notes.

use super::args::{AuditArgs, ReportFormat};
use super::{Context, EXIT_BAD, EXIT_ERROR, EXIT_OK, write_stdout};
use crate::audit::{Options, Summary};
use crate::check::rules;
use crate::error::{Error, Result};
use std::fmt::Write as _;

pub fn run(ctx: &Context, a: &AuditArgs) -> Result<i32> {
    let checker = ctx.checker();
    let o = ctx.note_options(&checker, &a.note)?;
    let opts = Options {
        text_column: a.text_column.clone(),
        as_of: o.as_of,
        kind: o.kind,
        status: o.status,
        lang: o.lang,
        threads: std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
        copy_memory: 2_000_000,
    };
    let lower = a.file.to_lowercase();
    let jsonl = a.jsonl || lower.ends_with(".jsonl") || lower.ends_with(".ndjson");
    let open = || -> Result<Box<dyn std::io::Read + Send>> {
        Ok(Box::new(
            std::fs::File::open(&a.file).map_err(|e| Error::io(&a.file, e))?,
        ))
    };
    let started = std::time::Instant::now();
    let result = if a.file == "-" {
        crate::audit::run(Box::new(std::io::stdin()), None, jsonl, &checker, &opts)
    } else {
        crate::audit::run(open()?, Some(&open), jsonl, &checker, &opts)
    };
    let summary = result.map_err(|e| match e {
        Error::Usage(m) => Error::Usage(format!("{}: {m}", a.file)),
        e => e,
    })?;
    let secs = started.elapsed().as_secs_f64();
    let out = match a.format {
        ReportFormat::Json => json(&summary, secs, a.top),
        ReportFormat::Text => text(&summary, secs, a.top, &a.file),
    };
    write_stdout(&out)?;
    if let Some((line, reason)) = summary.first_skipped() {
        let n = summary.skipped_rows();
        eprintln!(
            "ftnote: {}: {n} of {} rows not checked{}; line {line}: {reason}",
            a.file,
            summary.rows,
            if n > 1 {
                " (see \"Rows not checked\")"
            } else {
                ""
            },
        );
        return Ok(EXIT_ERROR);
    }
    Ok(if summary.bad > 0 { EXIT_BAD } else { EXIT_OK })
}

fn pct(n: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        n as f64 * 100.0 / total as f64
    }
}

fn ranked(s: &Summary, top: usize) -> Vec<(&String, &crate::audit::CustomerStats)> {
    let mut v: Vec<_> = s
        .customers
        .iter()
        .filter(|(_, c)| c.bad + c.incomplete > 0)
        .collect();
    v.sort_by_key(|(name, c)| {
        (
            std::cmp::Reverse(c.bad),
            std::cmp::Reverse(c.incomplete),
            (*name).clone(),
        )
    });
    v.truncate(top);
    v
}

fn text(s: &Summary, secs: f64, top: usize, file: &str) -> String {
    let mut o = String::new();
    let skipped = s.skipped_rows();
    let _ = writeln!(
        o,
        "{file}: {} rows read, {} notes checked, {skipped} not checked, in {secs:.2} s",
        s.rows, s.notes
    );
    for (word, n) in [
        ("good", s.good),
        ("incomplete", s.incomplete),
        ("bad", s.bad),
    ] {
        let _ = writeln!(o, "  {word:<11}{n:>9}  {:5.1}%", pct(n, s.notes));
    }
    let mut rules_v: Vec<_> = s.rules.iter().collect();
    rules_v.sort_by_key(|((id, sev), n)| (std::cmp::Reverse(**n), *sev, *id));
    if !rules_v.is_empty() {
        let _ = writeln!(o, "\nMost frequent findings");
        for ((id, sev), n) in rules_v.iter().take(12) {
            let guidance = rules::rule(id).map_or("", |r| r.guidance);
            let _ = writeln!(o, "  {n:>9}  {:<7} {id:<24} {guidance}", sev.as_str());
        }
    }
    let worst = ranked(s, top);
    let named = s.customers.keys().any(|k| !k.is_empty());
    if !worst.is_empty() {
        let _ = writeln!(
            o,
            "\n{}",
            if named {
                "Customers with the most bad notes"
            } else {
                "Worst notes"
            }
        );
        for (name, c) in worst {
            let shown = if name.is_empty() {
                "(no customer)"
            } else {
                name.as_str()
            };
            let _ = writeln!(
                o,
                "  {shown}: {} bad, {} incomplete of {} notes",
                c.bad, c.incomplete, c.notes
            );
            for ex in &c.worst {
                let _ = writeln!(
                    o,
                    "    line {}: {} [{}] “{}”",
                    ex.line,
                    ex.verdict.as_str(),
                    ex.rules.join(", "),
                    ex.text
                );
            }
        }
    }
    if skipped > 0 {
        let _ = writeln!(o, "\nRows not checked");
        for (reason, k) in &s.skipped {
            let lines: Vec<String> = k.lines.iter().map(u64::to_string).collect();
            let more = if k.count > k.lines.len() as u64 {
                ", …"
            } else {
                ""
            };
            let _ = writeln!(
                o,
                "  {:>9}  {reason} (line{} {}{more})",
                k.count,
                if k.count == 1 { "" } else { "s" },
                lines.join(", ")
            );
        }
    }
    let mut notes = Vec::new();
    if s.inferred_status > 0 {
        notes.push(format!("status inferred for {} notes", s.inferred_status));
    }
    if s.inferred_kind > 0 {
        notes.push(format!("kind inferred for {} notes", s.inferred_kind));
    }
    if s.inferred_lang > 0 {
        notes.push(format!("language inferred for {} notes", s.inferred_lang));
    }
    if s.copy_check_single_pass && s.copy_pasted > 0 {
        notes.push(
            "read once from standard input, so the first copy of a repeated note is not marked"
                .into(),
        );
    }
    if s.copy_check_partial {
        notes.push("the same-note-on-several-workloads check covered only the first 2,000,000 distinct notes".into());
    }
    if !notes.is_empty() {
        let _ = writeln!(o, "\nNote: {}.", notes.join("; "));
    }
    o
}

fn json(s: &Summary, secs: f64, top: usize) -> String {
    let rules_v: Vec<serde_json::Value> = {
        let mut v: Vec<_> = s.rules.iter().collect();
        v.sort_by_key(|((id, sev), n)| (std::cmp::Reverse(**n), *sev, *id));
        v.into_iter()
            .map(|((id, sev), n)| serde_json::json!({"rule": id, "severity": sev.as_str(), "count": n}))
            .collect()
    };
    let customers: Vec<serde_json::Value> = ranked(s, top)
        .into_iter()
        .map(|(name, c)| serde_json::json!({"customer": name, "notes": c.notes, "good": c.good, "incomplete": c.incomplete, "bad": c.bad, "worst": c.worst}))
        .collect();
    let skipped: Vec<serde_json::Value> = s
        .skipped
        .iter()
        .map(
            |(reason, k)| serde_json::json!({"reason": reason, "count": k.count, "lines": k.lines}),
        )
        .collect();
    let obj = serde_json::json!({
        "rows": {"read": s.rows, "checked": s.notes, "not_checked": s.skipped_rows()},
        "not_checked": skipped,
        "notes": s.notes,
        "verdicts": {"good": s.good, "incomplete": s.incomplete, "bad": s.bad},
        "rules": rules_v,
        "customers": customers,
        "inferred": {"kind": s.inferred_kind, "status": s.inferred_status, "lang": s.inferred_lang},
        "copy_pasted": s.copy_pasted,
        "seconds": secs,
    });
    format!("{obj}\n")
}
