//! Guessing what a note is when the author did not say.

use super::{Ctx, WorkloadNames};
use crate::lang::Lang;
use crate::render::Parsed;
use crate::template::Templates;
use crate::workloads::Catalogue;
use chrono::NaiveDate;

/// The kind of a note: an Exec Summary by its headings, a lifecycle note by
/// its Next Action / Date / Owner labels (technical enablement when it opens
/// with a workload), else an entitlement note. An Exec Summary comes with
/// the note as read against its template, so the check need not read it
/// again.
pub fn kind(
    c: &Ctx<'_>,
    templates: &Templates,
    catalogue: &Catalogue,
    names: &WorkloadNames,
    lang: Lang,
    as_of: NaiveDate,
) -> (String, Option<Parsed>) {
    let exec_lang = if templates.has("exec-summary", lang) {
        lang
    } else {
        Lang::En
    };
    // Three headings make an Exec Summary; a note without three lines
    // that could be one is not read against the template.
    if c.text.trim().lines().count() >= 4
        && let Some(tpl) = templates.get("exec-summary", exec_lang)
        && crate::render::has_anchor_lines(c.text, tpl, 3)
        && let Ok(p) = crate::render::parse(
            c.text,
            templates,
            catalogue,
            Some("exec-summary"),
            Some(exec_lang),
        )
        && p.anchors_found >= 3
    {
        return ("exec-summary".into(), Some(p));
    }
    if super::lifecycle::has_labels(c, as_of) {
        let first = c.text.trim_start().lines().next().unwrap_or("");
        let head = first.split_once([':', '：']).map_or("", |(h, _)| h);
        let label = super::lexicon::fold(
            head.trim_start_matches(|ch: char| ch == '*' || ch.is_whitespace()),
        );
        let opens_with_workload = c
            .lex
            .workload_labels
            .iter()
            .any(|l| label.starts_with(l.as_str()))
            || names.first(head).is_some();
        let kind = if opens_with_workload {
            "tech-enablement"
        } else {
            "status"
        };
        return (kind.into(), None);
    }
    ("entitlement".into(), None)
}

/// The entitlement status a note's words point to, if any.
pub fn status(c: &Ctx<'_>) -> Option<String> {
    c.lex
        .cues
        .iter()
        .find(|(_, m)| c.any(m))
        .map(|(id, _)| id.clone())
}
