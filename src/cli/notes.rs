//! `ftnote render` and `ftnote parse`.

use super::args::{FormatArg, ParseArgs, RenderArgs};
use super::{Context, EXIT_OK, read_input, write_stdout};
use crate::error::{Error, Result};
use crate::note::Format;
use crate::output::{NoteMeta, Target, save_note};
use crate::{answers, render as r};

pub fn render(ctx: &Context, a: &RenderArgs) -> Result<i32> {
    let (name, src) = read_input(&a.answers)?;
    let lang = Context::lang_arg(a.lang.as_deref())?;
    let note = answers::read(
        &name,
        &src,
        &ctx.templates,
        &ctx.catalogue,
        a.kind.as_deref(),
        lang,
    )?;
    let tpl = ctx
        .templates
        .get(&note.kind, note.lang)
        .ok_or_else(|| Error::Usage(format!("no template for {} in {}", note.kind, note.lang)))?;
    let format = match a.format {
        Some(FormatArg::Text) => Format::Text,
        Some(FormatArg::Markdown) => Format::Markdown,
        Some(FormatArg::Json) => Format::Json,
        None => note.format.unwrap_or_default(),
    };
    let text = match &a.part {
        Some(part) => r::render_separate(&note, tpl, part).ok_or_else(|| {
            let parts: Vec<&str> = tpl
                .fields
                .iter()
                .filter(|f| f.separate)
                .map(|f| f.id.as_str())
                .collect();
            Error::Usage(if parts.is_empty() {
                format!("{} notes have no separate parts", tpl.id)
            } else {
                format!(
                    "{part:?} is not a separate part of {}; use {}",
                    tpl.id,
                    parts.join(", ")
                )
            })
        })?,
        None => r::render(&note, tpl, &ctx.catalogue, format),
    };
    for f in crate::note::missing_required(tpl, &note) {
        eprintln!("ftnote: note: {} is empty", f.id);
    }
    let text = format!("{text}\n");
    match &a.out {
        Some(path) if path.as_os_str() != "-" => {
            // A folder, or a path written as one (`notes/`), gets the
            // note's own name; anything else is the file to write.
            let target = if path.is_dir()
                || path
                    .as_os_str()
                    .to_string_lossy()
                    .ends_with(['/', std::path::MAIN_SEPARATOR])
            {
                Target::Folder(path.clone())
            } else {
                Target::File(path.clone())
            };
            let mut meta = NoteMeta::of(&note, tpl, format, chrono::Local::now());
            if let Some(part) = &a.part {
                meta.kind = format!("{}-{part}", meta.kind);
            }
            let saved = save_note(&ctx.paths, &ctx.config, &target, &meta, &text)?;
            eprintln!("ftnote: wrote {}", saved.path.display());
            if let Some(log) = &saved.customer_log {
                eprintln!("ftnote: added to {}", log.display());
            }
            for w in &saved.warnings {
                eprintln!("ftnote: warning: {w}");
            }
        }
        None if a.copy => {}
        _ => write_stdout(&text)?,
    }
    if a.copy {
        copy(ctx, text.trim_end_matches('\n'))?;
    }
    Ok(EXIT_OK)
}

/// Copies the note; OSC 52 goes to stderr when it is a terminal.
fn copy(ctx: &Context, text: &str) -> Result<()> {
    use std::io::IsTerminal;
    let mut stderr = std::io::stderr();
    let terminal = if stderr.is_terminal() {
        Some(&mut stderr as &mut dyn std::io::Write)
    } else {
        None
    };
    let copied = crate::output::clipboard::copy(text, ctx.config.clipboard, terminal)?;
    eprintln!(
        "ftnote: copied with {}{}",
        copied.provider,
        if copied.verified { " (checked)" } else { "" }
    );
    for w in &copied.warnings {
        eprintln!("ftnote: warning: {w}");
    }
    Ok(())
}

pub fn parse(ctx: &Context, a: &ParseArgs) -> Result<i32> {
    let (_, src) = read_input(&a.file)?;
    let lang = Context::lang_arg(a.lang.as_deref())?;
    ctx.kind_arg(a.kind.as_deref())?;
    let parsed = r::parse(
        &src,
        &ctx.templates,
        &ctx.catalogue,
        a.kind.as_deref(),
        lang,
    )?;
    let mut note = parsed.note;
    if let Some(c) = &a.customer {
        note.customer = Some(c.clone());
    }
    if a.kind.is_none() {
        eprintln!("ftnote: read as {} ({})", note.kind, note.lang);
    }
    for m in &parsed.missing {
        eprintln!("ftnote: note: not found in the text: {m}");
    }
    write_stdout(&answers::write(&note, &ctx.templates))?;
    Ok(EXIT_OK)
}
