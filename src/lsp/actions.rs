//! Code actions from the checker's fixes: each fix of a finding under the
//! cursor as a quick fix, "apply all safe fixes", and for an Exec Summary
//! "insert the missing fields" (the placeholder fixes of its empty fields).

use super::analysis::Analysis;
use super::diagnostics;
use super::words::fill;
use crate::check::{Applicability, Edit, Finding, Fix, Report};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, OneOf,
    OptionalVersionedTextDocumentIdentifier, Range, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

/// The kind of "apply all safe fixes" when asked for as a source action.
pub const FIX_ALL: &str = "source.fixAll.ftnote";

/// What the editor asks for.
pub struct Request<'a> {
    pub uri: &'a Uri,
    pub version: i32,
    pub text: &'a str,
    pub range: Range,
    /// Only actions of these kinds (prefixes), when given.
    pub only: Option<&'a [CodeActionKind]>,
}

pub fn actions(req: &Request<'_>, a: &Analysis, report: &Report) -> Vec<CodeActionOrCommand> {
    let wants = |kind: &str| {
        req.only.is_none_or(|only| {
            only.iter()
                .any(|k| kind == k.as_str() || kind.starts_with(&format!("{}.", k.as_str())))
        })
    };
    let mut out = Vec::new();
    let start = a.note_offset(req.text, req.range.start).unwrap_or(0);
    let end = a.note_offset(req.text, req.range.end).unwrap_or(0);
    if wants(CodeActionKind::QUICKFIX.as_str()) {
        for f in report
            .findings
            .iter()
            .filter(|f| f.start <= end && start <= f.end)
        {
            let preferred = f
                .fixes
                .iter()
                .position(|x| x.applicability == Applicability::Safe);
            for (i, fix) in f.fixes.iter().enumerate() {
                let edits: Vec<&Edit> = fix.edits.iter().collect();
                out.push(action(
                    req,
                    a,
                    fix.label.clone(),
                    CodeActionKind::QUICKFIX,
                    &edits,
                    vec![f],
                    preferred == Some(i),
                ));
            }
        }
    }
    let safe = first_fixes(report, |_, x| x.applicability == Applicability::Safe);
    let fix_all_kind = if wants(FIX_ALL) {
        Some(CodeActionKind::from(FIX_ALL))
    } else if wants(CodeActionKind::QUICKFIX.as_str()) {
        Some(CodeActionKind::QUICKFIX)
    } else {
        None
    };
    if let Some(kind) = fix_all_kind.filter(|_| !safe.is_empty()) {
        let title = fill(
            report.lang,
            "fix_all_safe",
            &[("count", &safe.len().to_string())],
        );
        out.push(grouped(req, a, title, kind, &safe));
    }
    let missing = first_fixes(report, |f, x| {
        f.rule == "exec-field-empty" && x.applicability == Applicability::Placeholders
    });
    if report.kind == "exec-summary"
        && !missing.is_empty()
        && wants(CodeActionKind::QUICKFIX.as_str())
    {
        let title = fill(
            report.lang,
            "insert_missing",
            &[("count", &missing.len().to_string())],
        );
        out.push(grouped(req, a, title, CodeActionKind::QUICKFIX, &missing));
    }
    out
}

/// Each finding's first fix that `pick` chooses.
fn first_fixes(report: &Report, pick: impl Fn(&Finding, &Fix) -> bool) -> Vec<(&Finding, &Fix)> {
    report
        .findings
        .iter()
        .filter_map(|f| f.fixes.iter().find(|x| pick(f, x)).map(|x| (f, x)))
        .collect()
}

/// One action doing the edits of several fixes.
fn grouped(
    req: &Request<'_>,
    a: &Analysis,
    title: String,
    kind: CodeActionKind,
    fixes: &[(&Finding, &Fix)],
) -> CodeActionOrCommand {
    let findings: Vec<&Finding> = fixes.iter().map(|(f, _)| *f).collect();
    let edits: Vec<&Edit> = fixes.iter().flat_map(|(_, x)| &x.edits).collect();
    action(req, a, title, kind, &edits, findings, false)
}

fn action(
    req: &Request<'_>,
    a: &Analysis,
    title: String,
    kind: CodeActionKind,
    edits: &[&Edit],
    findings: Vec<&Finding>,
    preferred: bool,
) -> CodeActionOrCommand {
    let edits = applicable(a.note(req.text), edits)
        .into_iter()
        .map(|e| {
            OneOf::Left(TextEdit {
                range: a.note_range(req.text, e.start, e.end),
                new_text: e.replacement.clone(),
            })
        })
        .collect();
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        diagnostics: Some(
            findings
                .into_iter()
                .map(|f| diagnostics::of_finding(req.text, a, f))
                .collect(),
        ),
        edit: Some(WorkspaceEdit {
            document_changes: Some(lsp_types::DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: req.uri.clone(),
                    version: Some(req.version),
                },
                edits,
            }])),
            ..WorkspaceEdit::default()
        }),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    })
}

/// The edits `fix::apply` would apply, in its order: sorted, and any that
/// overlaps one before it, leaves the text or splits a character left out
/// (an editor refuses overlapping edits).
fn applicable<'e>(note: &str, edits: &[&'e Edit]) -> Vec<&'e Edit> {
    let mut sorted = edits.to_vec();
    sorted.sort_by_key(|e| (e.start, e.end));
    let mut at = 0;
    let mut out = Vec::new();
    for e in sorted {
        if e.start >= at
            && e.start <= e.end
            && e.end <= note.len()
            && note.is_char_boundary(e.start)
            && note.is_char_boundary(e.end)
        {
            at = e.end;
            out.push(e);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::fix;

    #[test]
    fn applicable_edits_are_the_ones_fix_apply_applies() {
        let t = "Customer currently cannot deploy.";
        let edits = [
            Edit::new(32..33, "!"),
            Edit::new(12..14, "X"),
            Edit::new(9..19, ""),
            Edit::new(33..40, "?"),
            Edit::new(33..33, "!"),
        ];
        let refs: Vec<&Edit> = edits.iter().collect();
        let kept = applicable(t, &refs);
        let (applied, n) = fix::apply(t, &refs);
        assert_eq!(kept.len(), n);
        // Applying the kept edits from the back gives the same text.
        let mut s = t.to_string();
        for e in kept.iter().rev() {
            s.replace_range(e.start..e.end, &e.replacement);
        }
        assert_eq!(s, applied);
    }
}
