//! Answers files: read, rendered, written back and read again.
#![no_main]

use ftnote::note::Format;
use ftnote::template::Templates;
use ftnote::workloads::Catalogue;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|src: &str| {
    static TEMPLATES: OnceLock<(Templates, Catalogue)> = OnceLock::new();
    let (templates, catalogue) =
        TEMPLATES.get_or_init(|| (Templates::builtin(), Catalogue::builtin()));
    match ftnote::answers::read("answers.toml", src, templates, catalogue, None, None) {
        Ok(note) => {
            let Some(t) = templates.get(&note.kind, note.lang) else {
                return;
            };
            let _ = ftnote::render::render(&note, t, catalogue, Format::Text);
            let again = ftnote::answers::write(&note, templates);
            let _ = ftnote::answers::read("again.toml", &again, templates, catalogue, None, None);
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.starts_with("answers.toml"), "{msg}");
        }
    }
});
