//! `ftnote drafts list|show|rm`.

use super::args::DraftsAction;
use super::{Context, EXIT_OK, write_stdout};
use crate::cells::pad;
use crate::drafts::{Draft, Liveness, Store};
use crate::error::{Error, Result};
use crate::note::Format;
use crate::{answers, render};
use std::fmt::Write as _;

pub fn run(ctx: &Context, action: &DraftsAction) -> Result<i32> {
    let store = Store::from_paths(&ctx.paths);
    match action {
        DraftsAction::List => list(&store),
        DraftsAction::Show { id, answers } => show(ctx, &store, id, *answers),
        DraftsAction::Rm { id, purge } => rm(&store, id, *purge),
    }
}

fn list(store: &Store) -> Result<i32> {
    let drafts = store.list()?;
    if drafts.is_empty() {
        eprintln!("ftnote: no drafts in {}", store.dir().display());
        return Ok(EXIT_OK);
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<22}  {}  {:<16}  {:<16}  {:<8}  {:>8}",
        "ID",
        pad("CUSTOMER", 24),
        "KIND",
        "SAVED",
        "STATE",
        "SIZE"
    );
    for l in &drafts {
        let saved = l.saved().map_or_else(
            || "?".to_string(),
            |t| t.format("%Y-%m-%d %H:%M").to_string(),
        );
        let (customer, kind, extra) = match &l.draft {
            Ok(d) => (
                d.note()
                    .and_then(|n| n.customer.clone())
                    .unwrap_or_default(),
                match d.notes.len() {
                    1 => d.note().map(|n| n.kind.clone()).unwrap_or_default(),
                    n => format!("{n} notes"),
                },
                handed_over(d),
            ),
            Err(e) => ("?".into(), "?".into(), format!("  damaged: {e}")),
        };
        let _ = writeln!(
            out,
            "{:<22}  {}  {:<16}  {:<16}  {:<8}  {:>8}{extra}",
            l.id,
            pad(&customer, 24),
            kind,
            saved,
            l.liveness.label(),
            size(l.size),
        );
    }
    write_stdout(&out)?;
    Ok(EXIT_OK)
}

fn handed_over(d: &Draft) -> String {
    let mut parts = Vec::new();
    for n in &d.notes {
        if let Some(p) = &n.written_to {
            parts.push(format!("written to {}", p.display()));
        }
        if n.copied {
            parts.push("copied".to_string());
        }
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("  ({})", parts.join(", "))
    }
}

fn show(ctx: &Context, store: &Store, id: &str, as_answers: bool) -> Result<i32> {
    let id = store.resolve(id)?;
    let draft = store.load(&id)?;
    if draft.notes.is_empty() {
        return Err(Error::Usage(format!("draft {id} holds no note yet")));
    }
    // A draft of several notes (a call) shows them all, in order.
    let mut out = String::new();
    for (i, n) in draft.notes.iter().enumerate() {
        if draft.notes.len() > 1 {
            let sep = if as_answers { "# " } else { "" };
            let _ = writeln!(
                out,
                "{}{sep}--- note {} of {} ---",
                if i > 0 { "\n" } else { "" },
                i + 1,
                draft.notes.len()
            );
        }
        out.push_str(&shown(ctx, &id, &n.note, as_answers)?);
    }
    write_stdout(&out)?;
    Ok(EXIT_OK)
}

/// A note of a draft as `show` prints it.
fn shown(ctx: &Context, id: &str, note: &crate::note::Note, as_answers: bool) -> Result<String> {
    if as_answers {
        return Ok(answers::write(note, &ctx.templates));
    }
    let tpl = ctx.templates.get(&note.kind, note.lang).ok_or_else(|| {
        Error::Usage(format!(
            "draft {id} is a {} note in {}, and there is no such template; `--answers` prints what it holds",
            note.kind, note.lang
        ))
    })?;
    let format = match note.format {
        Some(Format::Markdown) => Format::Markdown,
        _ => Format::Text,
    };
    Ok(format!(
        "{}\n",
        render::render(note, tpl, &ctx.catalogue, format)
    ))
}

fn rm(store: &Store, id: &str, purge: bool) -> Result<i32> {
    let id = store.resolve(id)?;
    if store.liveness(&id) == Liveness::Alive {
        let owner = store
            .load(&id)
            .map(|d| format!(" (pid {})", d.pid))
            .unwrap_or_default();
        return Err(Error::Usage(format!(
            "draft {id} is open in a running ftnote{owner}; finish or quit it there first"
        )));
    }
    if purge {
        store.remove(&id)?;
        eprintln!("ftnote: deleted draft {id}");
    } else {
        let to = store.discard(&id)?;
        eprintln!("ftnote: moved draft {id} to {}", to.display());
    }
    Ok(EXIT_OK)
}

fn size(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(size(512), "512 B");
        assert_eq!(size(2048), "2.0 KB");
    }
}
