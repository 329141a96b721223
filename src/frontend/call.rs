//! The notes of a call, as the guidance asks for them after a call: one
//! Overall Status (lifecycle) note about what happened and what comes next,
//! an Entitlement Status note for each workload whose status changed, and
//! optionally an Exec Summary or a Technical Enablement note.

use super::Prefill;
use crate::check::Report;
use crate::lang::Lang;
use crate::note::{self, Note};
use crate::template::{ChoiceSource, Template, Templates};
use crate::workloads::Catalogue;

/// The lifecycle note's kind.
pub const LIFECYCLE: &str = "status";
/// The per-workload note's kind.
pub const ENTITLEMENT: &str = "entitlement";
/// The kinds a call may have besides, once each.
pub const EXTRAS: [&str; 2] = ["exec-summary", "tech-enablement"];

/// One note a call can have, as the author picks them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// `status`, `entitlement:EXO`, `exec-summary`, …
    pub id: String,
    pub kind: String,
    pub workload: Option<String>,
    /// "Overall status", "Entitlement status · [EXO] Exchange Online".
    pub label: String,
    /// What the kind holds, from its template.
    pub detail: String,
}

/// The template of `kind` in `lang`, else in English.
fn template<'a>(templates: &'a Templates, kind: &str, lang: Lang) -> Option<&'a Template> {
    templates
        .get(kind, lang)
        .or_else(|| templates.get(kind, Lang::En))
}

/// Every note a call can have, in the order they are written: the
/// lifecycle note, an entitlement note per workload, then the extras.
pub fn choices(templates: &Templates, catalogue: &Catalogue, lang: Lang) -> Vec<Choice> {
    let mut out = Vec::new();
    if let Some(t) = template(templates, LIFECYCLE, lang) {
        out.push(Choice {
            id: LIFECYCLE.into(),
            kind: LIFECYCLE.into(),
            workload: None,
            label: t.name.clone(),
            detail: t.summary.clone(),
        });
    }
    if let Some(t) = template(templates, ENTITLEMENT, lang) {
        for w in catalogue.all() {
            out.push(Choice {
                id: format!("{ENTITLEMENT}:{}", w.code),
                kind: ENTITLEMENT.into(),
                workload: Some(w.code.clone()),
                label: format!("{} · [{}] {}", t.name, w.code, w.name_in(lang)),
                detail: w.all_names().join(" "),
            });
        }
    }
    for kind in EXTRAS {
        if let Some(t) = template(templates, kind, lang) {
            out.push(Choice {
                id: kind.into(),
                kind: kind.into(),
                workload: None,
                label: t.name.clone(),
                detail: t.summary.clone(),
            });
        }
    }
    out
}

/// The id of the choice that makes an entitlement note for `code`.
pub fn entitlement_id(code: &str) -> String {
    format!("{ENTITLEMENT}:{code}")
}

/// What the form of a chosen note starts with.
pub fn prefill(choice: &Choice, customer: &str, lang: Option<Lang>) -> Prefill {
    Prefill {
        kind: Some(choice.kind.clone()),
        customer: Some(customer.to_string()),
        workload: choice.workload.clone(),
        status: None,
        lang,
    }
}

/// Which choice a note of the call stands for (so it is not picked twice).
pub fn choice_id(note: &Note, template: &Template) -> String {
    match workload_of(note, template) {
        Some(code) if note.kind == ENTITLEMENT => entitlement_id(code),
        _ => note.kind.clone(),
    }
}

/// The workload code a per-workload note is for, once it is chosen.
pub fn workload_of<'a>(note: &'a Note, template: &Template) -> Option<&'a str> {
    template
        .fields
        .iter()
        .find(|f| f.choices_from == Some(ChoiceSource::Workloads))
        .map(|f| note.text(&f.id))
        .filter(|w| !w.is_empty())
}

/// A note as a list of the call names it: kind, workload, status.
pub fn label(note: &Note, template: &Template, catalogue: &Catalogue) -> String {
    let mut parts = vec![template.name.clone()];
    if let Some(w) = workload_of(note, template) {
        parts.push(format!("[{w}]"));
    }
    if let Some(f) = template.status_field() {
        let s = note.text(&f.id);
        if !s.is_empty() {
            parts.push(note::choice_label(f, s, note.lang, catalogue));
        }
    }
    parts.join(" · ")
}

/// A note as a row of the call's notes shows it: workload and status
/// first, so the rows read down the workloads.
pub fn row_label(note: &Note, template: &Template, catalogue: &Catalogue) -> String {
    let mut parts = Vec::new();
    if let Some(w) = workload_of(note, template) {
        parts.push(format!("[{w}]"));
    }
    if let Some(f) = template.status_field() {
        let s = note.text(&f.id);
        if !s.is_empty() {
            parts.push(note::choice_label(f, s, note.lang, catalogue));
        }
    }
    parts.push(template.name.clone());
    parts.join(" · ")
}

/// The checks across the call's notes: the same note pasted on several
/// workloads is flagged on each (except for an unreachable customer).
/// `notes`: (text, customer, report), each report as the checker made it.
pub fn cross_check(notes: &mut [(&str, Option<&str>, &mut Report)]) {
    crate::check::many::copy_pasted(notes);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_offers_the_lifecycle_note_first_then_a_note_per_workload_then_the_extras() {
        let c = choices(
            &Templates::builtin(),
            &Catalogue::builtin(),
            crate::lang::Lang::En,
        );
        assert_eq!(c[0].id, "status");
        assert_eq!(c[1].id, "entitlement:EXO");
        assert_eq!(c[1].label, "Entitlement status · [EXO] Exchange Online");
        let n = Catalogue::builtin().all().len();
        assert_eq!(c.len(), 1 + n + 2);
        assert_eq!(c[n + 1].id, "exec-summary");
        assert_eq!(c[n + 2].id, "tech-enablement");
    }

    #[test]
    fn a_note_knows_which_choice_it_stands_for() {
        let templates = Templates::builtin();
        let t = templates.get("entitlement", Lang::En).expect("built in");
        let mut n = Note::new("entitlement", Lang::En);
        assert_eq!(choice_id(&n, t), "entitlement");
        n.set_text("workload", "SPO");
        assert_eq!(choice_id(&n, t), "entitlement:SPO");
        n.set_text("status", "blocked");
        assert_eq!(
            label(&n, t, &Catalogue::builtin()),
            "Entitlement status · [SPO] · Blocked"
        );
    }
}
