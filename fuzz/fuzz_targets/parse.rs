//! Parsing a pasted note back into answers, with and without a kind and a
//! language given; what parses renders again.
#![no_main]

use ftnote::lang::Lang;
use ftnote::note::Format;
use ftnote::template::Templates;
use ftnote::workloads::Catalogue;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const KINDS: [Option<&str>; 5] = [
    None,
    Some("entitlement"),
    Some("exec-summary"),
    Some("status"),
    Some("tech-enablement"),
];

fuzz_target!(|data: &[u8]| {
    static TEMPLATES: OnceLock<(Templates, Catalogue)> = OnceLock::new();
    let (templates, catalogue) =
        TEMPLATES.get_or_init(|| (Templates::builtin(), Catalogue::builtin()));
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let kind = KINDS[usize::from(pick % 5)];
    let lang = match pick / 5 % 5 {
        0 => None,
        n => Some(Lang::ALL[usize::from(n - 1)]),
    };
    if let Ok(p) = ftnote::render::parse(text, templates, catalogue, kind, lang) {
        for span in p.spans.values().chain(&p.item_spans) {
            assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
        }
        if let Some(t) = templates.get(&p.note.kind, p.note.lang) {
            let _ = ftnote::render::render(&p.note, t, catalogue, Format::Text);
            let _ = ftnote::render::render(&p.note, t, catalogue, Format::Markdown);
            let _ = ftnote::render::render(&p.note, t, catalogue, Format::Json);
        }
    }
});
