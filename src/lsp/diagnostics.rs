//! Findings as the editor shows them: severity, the rule id as `code`,
//! `ftnote` as the source, the message in the note's language, the range
//! in the document (past any header line).

use super::analysis::Analysis;
use crate::check::{Finding, Report, Severity};
use lsp_types::{Diagnostic, DiagnosticSeverity, NumberOrString};

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
    Diagnostic {
        range: a.note_range(text, f.start, f.end),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.to_string())),
        source: Some(SOURCE.to_string()),
        message: f.message.clone(),
        ..Diagnostic::default()
    }
}

/// Every diagnostic of a document: the header's problems, then the
/// report's findings.
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
    header
        .chain(report.findings.iter().map(|f| of_finding(text, a, f)))
        .collect()
}
