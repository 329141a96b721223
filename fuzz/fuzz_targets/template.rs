//! User template files: parsed; one that parses replaces the built-in of
//! its kind, and a note of it renders, parses back and is checked.
#![no_main]

use ftnote::check::{Checker, Input};
use ftnote::config::Config;
use ftnote::note::{Format, Note};
use ftnote::template::{Source, Templates};
use ftnote::workloads::Catalogue;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|src: &str| {
    let path = std::path::PathBuf::from("templates/mine.toml");
    match ftnote::template::parse_template("templates/mine.toml", src, Source::User(path)) {
        Ok(t) => {
            let catalogue = Catalogue::builtin();
            let mut templates = Templates::builtin();
            let (id, lang) = (t.id.clone(), t.lang);
            templates.insert(t);
            let Some(t) = templates.get(&id, lang) else {
                return;
            };
            let mut note = Note::new(&id, lang);
            for f in &t.fields {
                note.set_text(&f.id, "x");
            }
            let text = ftnote::render::render(&note, t, &catalogue, Format::Text);
            let _ = ftnote::render::parse(&text, &templates, &catalogue, Some(&id), Some(lang));
            let answers = ftnote::answers::write(&note, &templates);
            let _ = ftnote::answers::read("a.toml", &answers, &templates, &catalogue, None, None);
            let checker = Checker::new(
                &Config::default().check_settings(),
                templates.clone(),
                catalogue,
            );
            let _ = checker.check(&Input {
                text: &text,
                kind: Some(&id),
                status: None,
                lang: Some(lang),
                as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default(),
            });
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.starts_with("templates/mine.toml"), "{msg}");
        }
    }
});
