//! Which note a document holds — its kind, status, language, workload and
//! customer — from, in order: the first-line header, the file name, the
//! editor's settings; the checker infers what none of them says.

use super::document::Document;
use super::filename;
use super::header::{self, Header};
use super::settings::Settings;
use super::setup::Setup;
use crate::lang::Lang;
use chrono::NaiveDate;
use std::ops::Range;

/// Where a fact about the note came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The `ftnote:` first line.
    Header,
    /// The notes folder's `<date>_<customer>_<kind>[_<workload>]` name.
    FileName,
    /// The editor's `ftnote` settings.
    Settings,
    /// Inferred from the note's text.
    Text,
}

impl Source {
    /// The key of its words in `assets/lsp/`.
    pub fn key(self) -> &'static str {
        match self {
            Source::Header => "from_header",
            Source::FileName => "from_file_name",
            Source::Settings => "from_settings",
            Source::Text => "from_text",
        }
    }
}

/// A fact and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decided<T> {
    pub value: T,
    pub source: Source,
}

/// What is known about a document before it is checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Identity {
    pub kind: Option<Decided<String>>,
    pub status: Option<Decided<String>>,
    pub lang: Option<Decided<Lang>>,
    pub workload: Option<Decided<String>>,
    pub customer: Option<Decided<String>>,
    pub as_of: Option<Decided<NaiveDate>>,
    /// Bytes of the document before the note (the header line).
    pub note_start: usize,
    /// Header values that could not be used, with their place in the document.
    pub problems: Vec<(Range<usize>, String)>,
}

/// Whether a document is a note: it has the `ftnote:` first line, a note's
/// file name, or lies in the notes folder. (For editors that cannot choose
/// files by pattern: see the `notesOnly` setting.)
pub fn is_note(doc: &Document, setup: &Setup) -> bool {
    if header::parse(&doc.text).is_some() {
        return true;
    }
    let Some(path) = doc.path() else {
        return false;
    };
    let named = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| filename::parse(n, |k| setup.kind_known(k)))
        .is_some();
    named || setup.notes_dir().is_some_and(|d| path.starts_with(d))
}

/// Reads the header, the file name and the settings.
pub fn identify(
    text: &str,
    file_name: Option<&str>,
    settings: &Settings,
    setup: &Setup,
) -> Identity {
    let mut id = Identity::default();
    if let Some(h) = header::parse(text) {
        id.note_start = h.len;
        id.problems.clone_from(&h.problems);
        from_header(&mut id, &h, setup);
    }
    if let Some(n) = file_name.and_then(|f| filename::parse(f, |k| setup.kind_known(k))) {
        let by_name = |value| {
            Some(Decided {
                value,
                source: Source::FileName,
            })
        };
        id.kind = id.kind.or_else(|| by_name(n.kind));
        id.customer = id.customer.or_else(|| by_name(n.customer));
        if let Some(w) = n.workload.and_then(|w| setup.workload_code(&w)) {
            id.workload = id.workload.or_else(|| by_name(w));
        }
    }
    let by_settings = |v: &Option<String>| {
        v.clone().map(|value| Decided {
            value,
            source: Source::Settings,
        })
    };
    id.kind = id.kind.or_else(|| by_settings(&settings.kind));
    id.status = id.status.or_else(|| by_settings(&settings.status));
    id.workload = id.workload.or_else(|| by_settings(&settings.workload));
    id.customer = id.customer.or_else(|| by_settings(&settings.customer));
    id.lang = id.lang.or(settings.lang.map(|value| Decided {
        value,
        source: Source::Settings,
    }));
    id.as_of = id.as_of.or(settings.as_of.map(|value| Decided {
        value,
        source: Source::Settings,
    }));
    id
}

fn from_header(id: &mut Identity, h: &Header, setup: &Setup) {
    let decided = |value| {
        Some(Decided {
            value,
            source: Source::Header,
        })
    };
    for p in &h.pairs {
        let v = p.value.trim();
        let mut bad = |m: String| id.problems.push((p.value_span.clone(), m));
        match p.key.as_str() {
            "kind" if setup.kind_known(v) => id.kind = decided(v.to_string()),
            "kind" => bad(format!(
                "unknown note kind {v:?}; kinds are: {}",
                setup.kinds().join(", ")
            )),
            "status" => match setup.status_id(v) {
                Some(s) => id.status = decided(s),
                None => bad(format!(
                    "unknown status {v:?}; use in-progress, blocked, no-intent, unknown or duplicate-invalid"
                )),
            },
            "lang" => match Lang::parse(v) {
                Some(l) => {
                    id.lang = Some(Decided {
                        value: l,
                        source: Source::Header,
                    });
                }
                None => bad(format!("unknown language {v:?}; use en, de, ja or zh")),
            },
            "workload" => match setup.workload_code(v) {
                Some(code) => id.workload = decided(code),
                None => bad(format!(
                    "unknown workload {v:?}; `ftnote workloads` lists them"
                )),
            },
            "customer" if !v.is_empty() => id.customer = decided(v.to_string()),
            "customer" => bad("the customer's name is empty".into()),
            "as-of" => match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
                Ok(d) => {
                    id.as_of = Some(Decided {
                        value: d,
                        source: Source::Header,
                    });
                }
                Err(_) => bad(format!("as-of {v:?} is not a date; write it as YYYY-MM-DD")),
            },
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src<T>(d: Option<&Decided<T>>) -> Option<Source> {
        d.map(|d| d.source)
    }

    #[test]
    fn header_beats_file_name_beats_settings() {
        let setup = Setup::builtin();
        let settings = Settings {
            kind: Some("status".into()),
            status: Some("unknown".into()),
            lang: Some(Lang::Ja),
            workload: Some("SPO".into()),
            customer: Some("Fabrikam".into()),
            ..Settings::default()
        };
        let text = "ftnote: status=blocked lang=de\nDer Kunde …";
        let id = identify(
            text,
            Some("2026-11-21_Contoso-Ltd_entitlement_EXO.txt"),
            &settings,
            &setup,
        );
        assert_eq!(id.note_start, text.find('D').expect("D"));
        assert_eq!(
            id.kind.as_ref().map(|d| d.value.as_str()),
            Some("entitlement")
        );
        assert_eq!(src(id.kind.as_ref()), Some(Source::FileName));
        assert_eq!(
            id.status.as_ref().map(|d| d.value.as_str()),
            Some("blocked")
        );
        assert_eq!(src(id.status.as_ref()), Some(Source::Header));
        assert_eq!(id.lang.as_ref().map(|d| d.value), Some(Lang::De));
        assert_eq!(src(id.lang.as_ref()), Some(Source::Header));
        assert_eq!(id.workload.as_ref().map(|d| d.value.as_str()), Some("EXO"));
        assert_eq!(src(id.workload.as_ref()), Some(Source::FileName));
        assert_eq!(
            id.customer.as_ref().map(|d| d.value.as_str()),
            Some("Contoso-Ltd")
        );

        let id = identify("Der Kunde …", None, &settings, &setup);
        assert_eq!(id.note_start, 0);
        assert_eq!(src(id.kind.as_ref()), Some(Source::Settings));
        assert_eq!(
            id.status.as_ref().map(|d| d.value.as_str()),
            Some("unknown")
        );
        assert_eq!(id.workload.as_ref().map(|d| d.value.as_str()), Some("SPO"));

        let id = identify("Der Kunde …", None, &Settings::default(), &setup);
        assert_eq!(id.kind, None, "left to inference");
    }

    #[test]
    fn bad_header_values_fall_through_and_are_located() {
        let setup = Setup::builtin();
        let settings = Settings {
            kind: Some("status".into()),
            ..Settings::default()
        };
        let text = "ftnote: kind=letter workload=Mailboxes\nx";
        let id = identify(text, None, &settings, &setup);
        assert_eq!(id.kind.as_ref().map(|d| d.value.as_str()), Some("status"));
        let spans: Vec<&str> = id.problems.iter().map(|(r, _)| &text[r.clone()]).collect();
        assert_eq!(spans, ["letter", "Mailboxes"]);
        assert!(
            id.problems[0].1.contains("kinds are: entitlement"),
            "{:?}",
            id.problems
        );
    }

    #[test]
    fn notes_are_known_by_header_file_name_or_folder() {
        use crate::paths::Paths;
        use std::str::FromStr;
        let dir = tempfile::tempdir().expect("dir");
        let data = dir.path().join("data");
        let (setup, _) = Setup::from_paths(Paths {
            config_dir: dir.path().join("config"),
            data_dir: data.clone(),
        });
        let doc = |uri: &str, text: &str| {
            Document::new(lsp_types::Uri::from_str(uri).expect("uri"), 1, text.into())
        };
        let in_notes = format!("file://{}/notes/anything.txt", data.display());
        assert!(is_note(&doc(&in_notes, "x"), &setup));
        assert!(is_note(
            &doc("file:///a/2026-11-21_C_status.txt", "x"),
            &setup
        ));
        assert!(is_note(
            &doc("untitled:1", "ftnote: kind=status\nx"),
            &setup
        ));
        assert!(!is_note(&doc("file:///a/README.txt", "x"), &setup));
        assert!(!is_note(&doc("untitled:1", "x"), &setup));
    }

    #[test]
    fn workload_names_in_the_header_become_codes() {
        let setup = Setup::builtin();
        let id = identify(
            "ftnote: workload=\"Exchange Online\" kind=entitlement\nx",
            None,
            &Settings::default(),
            &setup,
        );
        assert_eq!(id.workload.map(|d| d.value).as_deref(), Some("EXO"));
    }
}
