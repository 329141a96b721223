//! `ftnote templates`, `ftnote workloads`, `ftnote paths`.

use super::args::{TemplatesAction, WorkloadsArgs};
use super::{Context, EXIT_ERROR, EXIT_OK, write_stdout};
use crate::error::{Error, Result};
use crate::template::Source;
use std::fmt::Write as _;

pub fn templates(ctx: &Context, action: &TemplatesAction) -> Result<i32> {
    match action {
        TemplatesAction::List => {
            let mut out = String::new();
            for t in ctx.templates.all() {
                let source = match &t.source {
                    Source::Builtin => "built-in".to_string(),
                    Source::User(p) => p.display().to_string(),
                };
                let _ = writeln!(out, "{:<16} {}  {:<22} {}", t.id, t.lang, t.name, source);
            }
            write_stdout(&out)?;
            Ok(if ctx.template_problems.is_empty() {
                EXIT_OK
            } else {
                EXIT_ERROR
            })
        }
        TemplatesAction::Show { kind, lang } => {
            let lang = Context::lang_arg(lang.as_deref())?.unwrap_or_else(|| ctx.note_lang());
            let t = ctx.templates.get(kind, lang).ok_or_else(|| {
                Error::Usage(format!(
                    "no {lang} template for {kind:?}; kinds are: {}",
                    ctx.templates.kinds().join(", ")
                ))
            })?;
            write_stdout(&t.text)?;
            Ok(EXIT_OK)
        }
    }
}

pub fn workloads(ctx: &Context, a: &WorkloadsArgs) -> Result<i32> {
    let lang = Context::lang_arg(a.lang.as_deref())?.unwrap_or_else(|| ctx.note_lang());
    let mut out = String::new();
    for w in ctx.catalogue.all() {
        let aliases = if w.aliases.is_empty() {
            String::new()
        } else {
            format!("  (also: {})", w.aliases.join(", "))
        };
        let _ = writeln!(out, "{:<7} {}{aliases}", w.code, w.name_in(lang));
    }
    write_stdout(&out)?;
    Ok(EXIT_OK)
}

pub fn paths(ctx: &Context) -> Result<i32> {
    let p = &ctx.paths;
    let out = format!(
        "config     {}\ntemplates  {}\ndata       {}\ndrafts     {}\ntrash      {}\nhistory    {}\nnotes      {}\n",
        p.config_file().display(),
        p.templates_dir().display(),
        p.data_dir.display(),
        p.drafts_dir().display(),
        p.trash_dir().display(),
        crate::history::History::in_data_dir(p).path().display(),
        p.notes_dir(ctx.config.notes_dir.as_deref()).display(),
    );
    write_stdout(&out)?;
    Ok(EXIT_OK)
}
