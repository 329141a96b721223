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
    // Offered among the quick fixes; as a source action when only those
    // are asked for (an editor's "fix all on save").
    let fix_all_kind = if req.only.is_none() {
        Some(CodeActionKind::QUICKFIX)
    } else if wants(FIX_ALL) {
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
    use crate::lsp::document::Document;
    use crate::lsp::settings::Settings;
    use crate::lsp::setup::Setup;
    use lsp_types::Position;
    use std::str::FromStr;

    const EXEC: &str = "ftnote: kind=exec-summary lang=en\nEXEC SUMMARY\n- DESCRIBE THE CUSTOMER: Retail company with 20K users.\n- STATUS OF THE ENGAGEMENT:\n- M365 DEPLOYMENT PROGRESS: Not Deployed\n- OVERVIEW OF CURRENT RELATIONSHIP WITH CUSTOMER/PARTNER/ACCOUNT TEAM:\n- SNAPSHOT OF KEY WORKLOADS CURRENT STATUS AND NEXT ACTIONS:\n   - [EXO] Exchange Online - Planning, next: firewall rules.\n- REQUESTS FOR SUPPORT: Engineering review of the cutover.";

    fn doc(text: &str) -> Document {
        Document::new(Uri::from_str("file:///n.txt").expect("uri"), 7, text.into())
    }

    fn titles(actions: &[CodeActionOrCommand]) -> Vec<String> {
        actions
            .iter()
            .filter_map(|a| match a {
                CodeActionOrCommand::CodeAction(c) => Some(c.title.clone()),
                CodeActionOrCommand::Command(_) => None,
            })
            .collect()
    }

    fn edits(action: &CodeActionOrCommand) -> Vec<TextEdit> {
        let CodeActionOrCommand::CodeAction(c) = action else {
            panic!("an action");
        };
        let Some(lsp_types::DocumentChanges::Edits(e)) =
            c.edit.as_ref().and_then(|e| e.document_changes.clone())
        else {
            panic!("document changes");
        };
        assert_eq!(e[0].text_document.version, Some(7));
        e[0].edits
            .iter()
            .map(|x| match x {
                OneOf::Left(t) => t.clone(),
                OneOf::Right(a) => a.text_edit.clone(),
            })
            .collect()
    }

    /// The exec summary above, checked: its two empty fields carry the fix
    /// model's placeholder fixes (the field's blank after its heading).
    fn exec_with_placeholder_fixes() -> (Document, Analysis) {
        let d = doc(EXEC);
        let setup = Setup::builtin();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).expect("day");
        let a = Analysis::new(&d, &setup, &Settings::default(), day);
        let empty: Vec<&Finding> = a
            .report
            .findings
            .iter()
            .filter(|f| f.rule == "exec-field-empty")
            .collect();
        assert_eq!(empty.len(), 2, "{:#?}", a.report.findings);
        for f in empty {
            assert!(
                f.fixes
                    .iter()
                    .any(|x| x.applicability == Applicability::Placeholders),
                "{f:?}"
            );
        }
        (d, a)
    }

    #[test]
    fn insert_the_missing_fields_gathers_the_placeholder_fixes() {
        let (d, a) = exec_with_placeholder_fixes();
        let req = Request {
            uri: &d.uri,
            version: d.version,
            text: &d.text,
            range: Range::default(),
            only: None,
        };
        let acts = actions(&req, &a, &a.report);
        let t = titles(&acts);
        let i = t
            .iter()
            .position(|t| t == "Insert the missing fields (2)")
            .unwrap_or_else(|| panic!("{t:?}"));
        let e = edits(&acts[i]);
        assert_eq!(e.len(), 2);
        assert!(
            e.iter()
                .all(|x| x.new_text.starts_with(" [") && x.new_text.ends_with(']')),
            "{e:?}"
        );
        // The ends of the two empty lines, in document positions.
        let end_of_line_3 = "- STATUS OF THE ENGAGEMENT:".len();
        assert_eq!(
            e[0].range.start,
            Position {
                line: 3,
                character: u32::try_from(end_of_line_3).expect("short")
            }
        );
        assert_eq!(e[1].range.start.line, 5);
        assert!(!t.iter().any(|t| t.starts_with("Apply all safe")), "{t:?}");
    }

    #[test]
    fn only_fixes_of_findings_under_the_cursor_are_quick_fixes() {
        let (d, a) = exec_with_placeholder_fixes();
        let on_line = |line: u32| Request {
            uri: &d.uri,
            version: d.version,
            text: &d.text,
            range: Range {
                start: Position { line, character: 0 },
                end: Position { line, character: 1 },
            },
            only: Some(&[]),
        };
        // `only: []` asks for no kind at all.
        assert!(actions(&on_line(3), &a, &a.report).is_empty());
        let quick = [CodeActionKind::QUICKFIX];
        let req = Request {
            only: Some(&quick),
            ..on_line(3)
        };
        let t = titles(&actions(&req, &a, &a.report));
        assert_eq!(
            t,
            [
                "Add “STATUS OF THE ENGAGEMENT”",
                "Insert the missing fields (2)"
            ]
        );
        let req = Request {
            only: Some(&quick),
            ..on_line(2)
        };
        let t = titles(&actions(&req, &a, &a.report));
        assert_eq!(t, ["Insert the missing fields (2)"]);
    }

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
