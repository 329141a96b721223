//! Hover: over a finding, its message and the guidance it comes from; on
//! the first line, which note this is, what decided it, and the grade.

use super::analysis::Analysis;
use super::identify::Decided;
use super::words::word;
use crate::check::{Finding, Report, Severity, lexicon::Lexicon, rules};
use crate::lang::Lang;
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position, Range};
use std::fmt::Write as _;

pub fn hover(text: &str, a: &Analysis, report: &Report, pos: Position) -> Option<Hover> {
    if !a.has_line(pos.line) {
        return None;
    }
    let mut out = String::new();
    let mut range: Option<Range> = None;
    if let Some(at) = a.note_offset(text, pos) {
        // The most specific finding first: it also gives the range.
        let mut here: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.start <= at && at <= f.end)
            .collect();
        here.sort_by_key(|f| f.end - f.start);
        for f in here {
            if !out.is_empty() {
                out.push_str("\n\n---\n\n");
            }
            let _ = write!(
                out,
                "{} **{}** `{}` — {}",
                f.severity.mark(),
                f.severity.as_str(),
                f.rule,
                f.message
            );
            if let Some(r) = rules::rule(f.rule) {
                let _ = write!(
                    out,
                    "\n\n*{}:* {}",
                    word(report.lang, "guidance"),
                    r.guidance
                );
            }
            range.get_or_insert_with(|| a.note_range(text, f.start, f.end));
        }
    }
    if pos.line == 0 {
        if !out.is_empty() {
            out.push_str("\n\n---\n\n");
        }
        about(&mut out, a, report);
        range = None;
    }
    (!out.is_empty()).then_some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: out,
        }),
        range,
    })
}

/// Which note it is, what decided each part, and the grade.
fn about(out: &mut String, a: &Analysis, report: &Report) {
    let lang = report.lang;
    let lex = Lexicon::get(lang);
    let counts = [Severity::Error, Severity::Warning, Severity::Hint]
        .map(|s| format!("{} {}", s.mark(), report.count(s)))
        .join(" · ");
    let _ = writeln!(
        out,
        "**ftnote** — {}: **{}** ({counts})\n",
        word(lang, "grade"),
        lex.verdict(report.verdict.as_str()),
    );
    let id = &a.identity;
    line(out, lang, "kind", id.kind.as_ref());
    if report.status.is_some() {
        line(out, lang, "status", id.status.as_ref());
    }
    let lang_code = id.lang.as_ref().map(|d| Decided {
        value: d.value.code().to_string(),
        source: d.source,
    });
    line(out, lang, "lang", lang_code.as_ref());
    line(out, lang, "workload", id.workload.as_ref());
    if let Some(c) = &id.customer {
        line(out, lang, "customer", Some(c));
    }
    let as_of = id.as_of.as_ref().map_or_else(
        || format!("{} — {}", a.as_of, word(lang, "today")),
        |d| format!("{} — {}", d.value, word(lang, d.source.key())),
    );
    let _ = writeln!(out, "- {}: {as_of}", word(lang, "as_of"));
    if a.note_start() > 0 {
        let _ = write!(out, "\n{}", word(lang, "header_note"));
    }
}

fn line(out: &mut String, lang: Lang, label: &str, d: Option<&Decided<String>>) {
    let value = d.map_or_else(
        || word(lang, "not_named").to_string(),
        |d| format!("`{}` — {}", d.value, word(lang, d.source.key())),
    );
    let _ = writeln!(out, "- {}: {value}", word(lang, label));
}
