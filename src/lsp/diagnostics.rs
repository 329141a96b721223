//! Findings as the editor shows them: severity, the rule id as `code`,
//! `ftnote` as the source, the message in the note's language, the range
//! in the document (past any header line).

use super::analysis::Analysis;
use crate::check::{Finding, Report, Severity};
use lsp_types::{Diagnostic, DiagnosticSeverity, NumberOrString, Range};

/// The source every diagnostic carries.
pub const SOURCE: &str = "ftnote";
/// The code of a problem with the `ftnote:` header line.
pub const HEADER_CODE: &str = "header";

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The diagnostic of one finding.
pub fn of_finding(text: &str, a: &Analysis, f: &Finding) -> Diagnostic {
    diagnostic(f, a.note_range(text, f.start, f.end))
}

fn diagnostic(f: &Finding, range: Range) -> Diagnostic {
    Diagnostic {
        range,
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.to_string())),
        source: Some(SOURCE.to_string()),
        message: f.message.clone(),
        ..Diagnostic::default()
    }
}

/// Every diagnostic of a document: the header's problems, then the
/// report's findings (their positions found in one pass over the text).
pub fn all(text: &str, a: &Analysis, report: &Report) -> Vec<Diagnostic> {
    let header = a
        .identity
        .problems
        .iter()
        .map(|(span, message)| Diagnostic {
            range: a.doc_range(text, span.start, span.end),
            severity: Some(DiagnosticSeverity::WARNING),
            code: Some(NumberOrString::String(HEADER_CODE.to_string())),
            source: Some(SOURCE.to_string()),
            message: message.clone(),
            ..Diagnostic::default()
        });
    let spans: Vec<(usize, usize)> = report.findings.iter().map(|f| (f.start, f.end)).collect();
    let ranges = a.note_ranges(text, &spans);
    header
        .chain(
            report
                .findings
                .iter()
                .zip(ranges)
                .map(|(f, r)| diagnostic(f, r)),
        )
        .collect()
}
