//! Embeds every file under `templates/` into the binary, so built-in note
//! kinds are data: adding one is adding a TOML file; and compiles the word
//! lists of `assets/check/` into static tables (see `build/lexicons.rs`).

use std::fmt::Write as _;
use std::path::Path;

#[path = "build/lexicons.rs"]
mod lexicons;

fn main() {
    println!("cargo::rerun-if-changed=templates");
    // Read when the script runs, not when it was compiled: a build script
    // compiled for another checkout must still read this one.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let manifest = Path::new(&manifest);
    let root = manifest.join("templates");
    let mut files = Vec::new();
    if let Ok(langs) = std::fs::read_dir(&root) {
        for lang in langs.flatten() {
            let Ok(entries) = std::fs::read_dir(lang.path()) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "toml") {
                    println!("cargo::rerun-if-changed={}", path.display());
                    files.push(path);
                }
            }
        }
    }
    files.sort();
    let mut out = String::from("/// Built-in templates: (path relative to the crate, contents).\n");
    out.push_str("pub const BUILTIN: &[(&str, &str)] = &[\n");
    for path in &files {
        let rel = path.strip_prefix(manifest).unwrap_or(path);
        let _ = writeln!(
            out,
            "    ({:?}, include_str!({:?})),",
            rel.display().to_string(),
            path.display().to_string()
        );
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("builtin_templates.rs");
    std::fs::write(dest, out).expect("write builtin_templates.rs");
    println!("cargo::rerun-if-changed=build/lexicons.rs");
    println!("cargo::rerun-if-changed=src/check/lexicon/chars.rs");
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    let out_dir = Path::new(&out_dir);
    std::fs::write(
        out_dir.join("lexicons.rs"),
        lexicons::generate(manifest, out_dir),
    )
    .expect("write lexicons.rs");
}
