//! `ftnote render` and `ftnote parse`.

use super::args::{FormatArg, ParseArgs, RenderArgs};
use super::{Context, EXIT_OK, read_input, write_stdout};
use crate::error::{Error, Result};
use crate::note::Format;
use crate::output::file::write_new;
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
            if path.is_dir() {
                return Err(Error::Usage(format!(
                    "{} is a folder; give the file to write, e.g. {}",
                    path.display(),
                    path.join(format!("note.{}", format.extension())).display()
                )));
            }
            let written = write_new(path, &text)?;
            eprintln!("ftnote: wrote {}", written.display());
        }
        _ => write_stdout(&text)?,
    }
    Ok(EXIT_OK)
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
