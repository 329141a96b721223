//! Getting notes out and keeping them safe, the same way in every
//! front-end: the notes folder, the clipboard, earlier notes, drafts.

use super::DraftInfo;
use crate::config::Config;
use crate::drafts::{Draft, Liveness, Store};
use crate::note::{Format, Note};
use crate::paths::Paths;
use crate::template::{Template, Templates};
use std::path::PathBuf;

/// How a copy went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Copied {
    /// What took the text ("xclip", "OSC 52", …).
    pub provider: String,
    /// Whether the copy is known to have happened (OSC 52 never is).
    pub verified: bool,
    /// What the author should know besides.
    pub warnings: Vec<String>,
}

/// Where a note was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    /// What went wrong after the note was safely written (customer log,
    /// history).
    pub warnings: Vec<String>,
}

/// A note written earlier for a customer, to start a new one from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Earlier {
    pub kind: String,
    /// When it was written, as shown.
    pub when: String,
    /// Its text.
    pub text: String,
}

/// Writes `text` (see [`super::file_text`]) to a new file in the notes
/// folder, with the customer log and the history as config asks.
pub fn write(
    paths: &Paths,
    config: &Config,
    note: &Note,
    template: &Template,
    text: &str,
) -> Result<Written, String> {
    let format = note.format.unwrap_or(Format::Text);
    let meta = crate::output::NoteMeta::of(note, template, format, chrono::Local::now());
    crate::output::save_note(
        paths,
        config,
        &crate::output::Target::NotesFolder,
        &meta,
        text,
    )
    .map(|s| Written {
        path: s.path,
        warnings: s.warnings,
    })
    .map_err(|e| e.to_string())
}

/// Puts `text` on the clipboard the configured way; OSC 52 goes to
/// standard output, the terminal.
pub fn copy(config: &Config, text: &str) -> Result<Copied, String> {
    let mut out = std::io::stdout();
    crate::output::clipboard::copy(text, config.clipboard, Some(&mut out))
        .map(|c| Copied {
            verified: c.verified,
            provider: c.provider.to_string(),
            warnings: c.warnings,
        })
        .map_err(|e| e.to_string())
}

/// The last note of each kind written for `customer`, newest first.
pub fn earlier(paths: &Paths, customer: &str) -> Vec<Earlier> {
    let Ok(notes) = crate::history::History::in_data_dir(paths).notes_of(customer) else {
        return Vec::new();
    };
    let mut out: Vec<Earlier> = Vec::new();
    for e in notes {
        if out.iter().any(|o| o.kind == e.kind) {
            continue;
        }
        if let Ok(text) = std::fs::read_to_string(&e.path) {
            out.push(Earlier {
                kind: e.kind,
                when: e.written_at.format("%Y-%m-%d").to_string(),
                text,
            });
        }
    }
    out
}

/// Recent customers, most recent first.
pub fn recent_customers(paths: &Paths, n: usize) -> Vec<String> {
    crate::history::History::in_data_dir(paths)
        .recent_customers(n)
        .map(|v| v.into_iter().map(|(c, _)| c).collect())
        .unwrap_or_default()
}

/// A draft's label: customer, kind, workload, when saved.
pub fn draft_label(d: &Draft, templates: &Templates) -> String {
    if d.call {
        return call_label(d, templates);
    }
    let empty = Note::default();
    let note = d.note().unwrap_or(&empty);
    let mut parts = match templates.get(&note.kind, note.lang) {
        Some(t) => {
            let meta = crate::output::NoteMeta::of(note, t, Format::Text, d.saved);
            vec![
                meta.customer,
                meta.kind_name,
                meta.workload.unwrap_or_default(),
            ]
        }
        None => vec![note.customer.clone().unwrap_or_default(), note.kind.clone()],
    };
    parts.push(d.saved.format("%Y-%m-%d %H:%M").to_string());
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A call's draft's label: customer, its notes' kinds (with how many of
/// each), when saved.
fn call_label(d: &Draft, templates: &Templates) -> String {
    let mut kinds: Vec<(String, usize)> = Vec::new();
    for n in &d.notes {
        let name = templates
            .get(&n.note.kind, n.note.lang)
            .map_or_else(|| n.note.kind.clone(), |t| t.name.clone());
        match kinds.iter_mut().find(|(k, _)| *k == name) {
            Some((_, count)) => *count += 1,
            None => kinds.push((name, 1)),
        }
    }
    let kinds: Vec<String> = kinds
        .into_iter()
        .map(|(k, n)| if n > 1 { format!("{k} ×{n}") } else { k })
        .collect();
    let customer = d
        .notes
        .iter()
        .find_map(|n| n.note.customer.clone())
        .unwrap_or_default();
    [
        customer,
        kinds.join(" + "),
        d.saved.format("%Y-%m-%d %H:%M").to_string(),
    ]
    .into_iter()
    .filter(|p| !p.is_empty())
    .collect::<Vec<_>>()
    .join(" · ")
}

/// The drafts no running ftnote is editing, newest first.
pub fn orphaned_drafts(store: &Store, templates: &Templates) -> Vec<DraftInfo> {
    let Ok(list) = store.list() else {
        return Vec::new();
    };
    list.into_iter()
        .filter(|l| l.liveness == Liveness::Orphaned)
        .filter_map(|l| {
            let d = l.draft.ok().filter(|d| d.note().is_some())?;
            Some(DraftInfo {
                label: draft_label(&d, templates),
                id: l.id,
            })
        })
        .collect()
}

/// What a draft holds besides the note.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftState {
    /// The field the author was in.
    pub field: Option<String>,
    pub written_to: Option<PathBuf>,
    pub copied: bool,
}

/// Saves `note` as the draft `id` (keeping when it was created), or as a
/// new draft; returns its id. Only for a draft no autosaver of this
/// process is saving.
pub fn keep_draft(
    store: &Store,
    id: Option<&str>,
    note: &Note,
    state: &DraftState,
) -> Result<String, String> {
    let mut draft = match id.map(|i| store.load(i)) {
        Some(Ok(d)) => d,
        Some(Err(_)) | None => {
            let mut d = Draft::new(note.clone());
            if let Some(i) = id {
                d.id = i.to_string();
            }
            d
        }
    };
    let key = match draft.current() {
        Some(n) => n.key,
        None => draft.add(note.clone()),
    };
    if let Some(n) = draft.notes.iter_mut().find(|n| n.key == key) {
        n.note.clone_from(note);
        n.field.clone_from(&state.field);
        n.written_to.clone_from(&state.written_to);
        n.copied = state.copied;
    }
    draft.pid = std::process::id();
    draft.saved = chrono::Local::now();
    store.save(&draft).map_err(|e| e.to_string())?;
    Ok(draft.id)
}

/// Removes a draft whose note was handed over; one already gone is fine.
pub fn remove_draft(store: &Store, id: &str) -> Result<(), String> {
    match store.remove(id) {
        Ok(()) => Ok(()),
        Err(_) if !store.path_of(id).is_ok_and(|p| p.exists()) => Ok(()),
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn a_kept_draft_is_saved_again_under_its_id_and_removed_once_handed_over() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let store = Store::new(dir.path().join("drafts"), dir.path().join("trash"));
        let mut note = Note::new("status", Lang::En);
        note.set_text("update", "Workshop held.");
        let id = keep_draft(&store, None, &note, &DraftState::default()).expect("saved");
        note.set_text("update", "Workshop held; pilot agreed.");
        let state = DraftState {
            field: Some("update".into()),
            ..DraftState::default()
        };
        assert_eq!(
            keep_draft(&store, Some(&id), &note, &state).expect("saved again"),
            id
        );
        let d = store.load(&id).expect("loads");
        let n = d.current().expect("a note");
        assert_eq!(n.note.text("update"), "Workshop held; pilot agreed.");
        assert_eq!(n.field.as_deref(), Some("update"));
        remove_draft(&store, &id).expect("removed");
        assert!(store.load(&id).is_err());
        remove_draft(&store, &id).expect("already gone is fine");
    }
}
