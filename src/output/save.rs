//! Writing a finished note: its file in the notes folder, the customer's
//! log, the history.

use super::file::{append_record, write_new};
use super::naming::{customer_log_name, note_file_name};
use crate::config::Config;
use crate::error::Result;
use crate::history::{Entry, History};
use crate::lang::Lang;
use crate::note::{Format, Note};
use crate::paths::Paths;
use crate::template::{ChoiceSource, FieldKind, Template};
use chrono::{DateTime, Local};
use std::path::{Path, PathBuf};

/// What a written note is filed under.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteMeta {
    /// The customer as written; empty when none was given.
    pub customer: String,
    /// The note kind's id (`entitlement`).
    pub kind: String,
    /// The note kind's name (`Entitlement status`), for the customer log.
    pub kind_name: String,
    /// The workload code of a per-workload note.
    pub workload: Option<String>,
    pub lang: Lang,
    pub format: Format,
    /// When the note is written.
    pub at: DateTime<Local>,
}

impl NoteMeta {
    /// The meta of a note filled from `tpl`: its customer, its kind, and
    /// the value of its workload picker, if it has one.
    pub fn of(note: &Note, tpl: &Template, format: Format, at: DateTime<Local>) -> NoteMeta {
        let workload = tpl
            .fields
            .iter()
            .find(|f| {
                f.kind == FieldKind::Choice && f.choices_from == Some(ChoiceSource::Workloads)
            })
            .map(|f| note.text(&f.id).trim().to_string())
            .filter(|w| !w.is_empty());
        NoteMeta {
            customer: note.customer.clone().unwrap_or_default().trim().to_string(),
            kind: note.kind.clone(),
            kind_name: tpl.name.clone(),
            workload,
            lang: note.lang,
            format,
            at,
        }
    }

    /// `2026-11-21_Contoso-Ltd_entitlement_EXO.txt`.
    pub fn file_name(&self) -> String {
        note_file_name(
            self.at.date_naive(),
            &self.customer,
            &self.kind,
            self.workload.as_deref(),
            self.format,
        )
    }

    /// `## 2026-11-21 14:03 · Entitlement status · EXO`.
    pub fn log_heading(&self) -> String {
        let mut h = format!(
            "## {} · {}",
            self.at.format("%Y-%m-%d %H:%M"),
            self.kind_name
        );
        if let Some(w) = &self.workload {
            h.push_str(" · ");
            h.push_str(w);
        }
        h
    }
}

/// Writes `text` into `dir` under the note's file name (see
/// [`NoteMeta::file_name`]); 0600 in a 0700 folder, atomically, never over
/// an existing file (`…-1.txt` then). Returns the path written.
pub fn write_note(dir: &Path, meta: &NoteMeta, text: &str) -> Result<PathBuf> {
    write_new(&dir.join(meta.file_name()), with_newline(text).as_bytes())
}

/// Appends the note under a dated heading to `<dir>/<customer>.md`, so a
/// customer's notes read top to bottom. The record is written whole or not
/// at all. Returns the log's path.
pub fn append_customer_log(dir: &Path, meta: &NoteMeta, text: &str) -> Result<PathBuf> {
    let path = dir.join(customer_log_name(&meta.customer));
    let record = format!("{}\n\n{}\n", meta.log_heading(), with_newline(text));
    append_record(&path, &record)?;
    Ok(path)
}

/// Where [`save_note`] writes the note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// The configured notes folder, under the note's file name.
    NotesFolder,
    /// This folder, under the note's file name.
    Folder(PathBuf),
    /// This file (or a numbered name beside it when it exists).
    File(PathBuf),
}

/// What [`save_note`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    /// The note's file.
    pub path: PathBuf,
    /// The customer log appended to, when config asks for one.
    pub customer_log: Option<PathBuf>,
    /// What went wrong after the note was safely written (the customer log
    /// or the history could not be written), to show the author.
    pub warnings: Vec<String>,
}

/// Writes a note the way the composer and `ftnote render --out` do: the
/// file (an error here is the result), then — when config's
/// `customer_log` is on and the note names a customer — the customer's log
/// in the notes folder, then the history entry. Failures after the note is
/// written are warnings, never a lost note.
pub fn save_note(
    paths: &Paths,
    config: &Config,
    target: &Target,
    meta: &NoteMeta,
    text: &str,
) -> Result<Saved> {
    let notes_dir = paths.notes_dir(config.notes_dir.as_deref());
    let path = match target {
        Target::NotesFolder => write_note(&notes_dir, meta, text)?,
        Target::Folder(dir) => write_note(dir, meta, text)?,
        Target::File(file) => write_new(file, with_newline(text).as_bytes())?,
    };
    let path = std::path::absolute(&path).unwrap_or(path);
    let mut warnings = Vec::new();
    let mut customer_log = None;
    if config.customer_log && !meta.customer.is_empty() {
        match append_customer_log(&notes_dir, meta, text) {
            Ok(p) => customer_log = Some(p),
            Err(e) => warnings.push(format!("the customer log was not written: {e}")),
        }
    }
    let entry = Entry {
        customer: meta.customer.clone(),
        kind: meta.kind.clone(),
        lang: meta.lang,
        workload: meta.workload.clone(),
        format: meta.format,
        path: path.clone(),
        written_at: meta.at,
    };
    if let Err(e) = History::in_data_dir(paths).record(&entry) {
        warnings.push(format!("the note was not added to the history: {e}"));
    }
    Ok(Saved {
        path,
        customer_log,
        warnings,
    })
}

fn with_newline(text: &str) -> std::borrow::Cow<'_, str> {
    if text.ends_with('\n') {
        text.into()
    } else {
        format!("{text}\n").into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Templates;

    fn at(s: &str) -> DateTime<Local> {
        DateTime::parse_from_rfc3339(s)
            .expect("time")
            .with_timezone(&Local)
    }

    fn meta(customer: &str, workload: Option<&str>) -> NoteMeta {
        NoteMeta {
            customer: customer.into(),
            kind: "entitlement".into(),
            kind_name: "Entitlement status".into(),
            workload: workload.map(Into::into),
            lang: Lang::En,
            format: Format::Text,
            at: at("2026-11-21T14:03:00+01:00").with_timezone(&Local),
        }
    }

    fn paths(dir: &Path) -> Paths {
        Paths {
            config_dir: dir.join("config"),
            data_dir: dir.join("data"),
        }
    }

    #[test]
    fn meta_of_a_note() {
        let templates = Templates::builtin();
        let tpl = templates.get("entitlement", Lang::En).expect("template");
        let mut note = Note::new("entitlement", Lang::En);
        note.customer = Some(" Contoso Ltd ".into());
        note.set_text("workload", "EXO");
        let m = NoteMeta::of(&note, tpl, Format::Text, at("2026-11-21T14:03:00Z"));
        assert_eq!(m.customer, "Contoso Ltd");
        assert_eq!(m.workload.as_deref(), Some("EXO"));
        assert_eq!(m.kind_name, tpl.name);
        let exec = templates.get("exec-summary", Lang::En).expect("template");
        let m = NoteMeta::of(
            &Note::new("exec-summary", Lang::En),
            exec,
            Format::Markdown,
            m.at,
        );
        assert_eq!(m.workload, None);
        assert!(
            m.file_name().ends_with("_unnamed_exec-summary.md"),
            "{}",
            m.file_name()
        );
    }

    #[test]
    fn notes_go_to_the_notes_folder_with_log_and_history() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = paths(dir.path());
        let config = Config {
            customer_log: true,
            ..Config::default()
        };
        let m = meta("Müller GmbH", Some("EXO"));
        let first = save_note(&p, &config, &Target::NotesFolder, &m, "First.").expect("save");
        let second = save_note(&p, &config, &Target::NotesFolder, &m, "Second.").expect("save");
        assert!(first.warnings.is_empty(), "{:?}", first.warnings);
        let notes = p.notes_dir(None);
        let name = format!("{}_Müller-GmbH_entitlement_EXO", m.at.format("%Y-%m-%d"));
        assert_eq!(first.path, notes.join(format!("{name}.txt")));
        assert_eq!(second.path, notes.join(format!("{name}-1.txt")));
        assert_eq!(
            std::fs::read_to_string(&first.path).expect("read"),
            "First.\n"
        );
        let log = notes.join("Müller-GmbH.md");
        assert_eq!(second.customer_log.as_deref(), Some(log.as_path()));
        let heading = m.log_heading();
        assert_eq!(
            std::fs::read_to_string(&log).expect("log"),
            format!("{heading}\n\nFirst.\n\n{heading}\n\nSecond.\n\n")
        );
        let history = History::in_data_dir(&p);
        let last = history
            .last_note("müller gmbh", "entitlement")
            .expect("history")
            .expect("entry");
        assert_eq!(last.path, second.path);
        assert_eq!(last.workload.as_deref(), Some("EXO"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode(&notes), 0o700);
            assert_eq!(mode(&first.path), 0o600);
            assert_eq!(mode(&log), 0o600);
            assert_eq!(mode(history.path()), 0o600);
        }
    }

    #[test]
    fn no_log_without_config_or_customer() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = paths(dir.path());
        let on = Config {
            customer_log: true,
            ..Config::default()
        };
        let s = save_note(
            &p,
            &Config::default(),
            &Target::NotesFolder,
            &meta("A", None),
            "x",
        )
        .expect("save");
        assert_eq!(s.customer_log, None);
        let s = save_note(&p, &on, &Target::NotesFolder, &meta("", None), "x").expect("save");
        assert_eq!(s.customer_log, None);
        let logs = std::fs::read_dir(p.notes_dir(None))
            .expect("dir")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".md"))
            .count();
        assert_eq!(logs, 0);
    }

    #[test]
    fn a_failed_log_is_a_warning_not_a_lost_note() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = paths(dir.path());
        let config = Config {
            customer_log: true,
            ..Config::default()
        };
        let notes = p.notes_dir(None);
        std::fs::create_dir_all(notes.join("Contoso.md")).expect("a folder where the log goes");
        let out = dir.path().join("elsewhere");
        let s = save_note(
            &p,
            &config,
            &Target::Folder(out.clone()),
            &meta("Contoso", None),
            "x",
        )
        .expect("save");
        assert!(s.path.starts_with(&out));
        assert_eq!(s.warnings.len(), 1, "{:?}", s.warnings);
        assert!(s.warnings[0].contains("Contoso.md"), "{:?}", s.warnings);
    }
}
