//! `ftnote`, `ftnote new` and `ftnote call`: a front-end — the composer or
//! the plain mode — with what the command line already says.

use super::Context;
use super::args::{CallArgs, NewArgs};
use crate::error::{Error, Result};
use crate::frontend::{CallStart, Opening, Prefill, Setup};

/// Runs the composer, or the plain mode when asked for (`--plain`,
/// `FTNOTE_PLAIN=1`) or when the terminal cannot do more (`TERM=dumb`).
pub fn run(ctx: Context, opening: Opening, plain: bool) -> Result<()> {
    let setup = Setup {
        ui_lang: ctx.ui_lang(None),
        note_lang: ctx.note_lang(),
        today: chrono::Local::now().date_naive(),
        paths: ctx.paths,
        config: ctx.config,
        templates: ctx.templates,
        catalogue: ctx.catalogue,
        opening,
    };
    if plain || plain_from_env(|k| std::env::var(k).ok()) {
        crate::plain::run(&setup)
    } else {
        crate::tui::run(&setup)
    }
}

/// Whether the environment asks for the plain mode.
fn plain_from_env(var: impl Fn(&str) -> Option<String>) -> bool {
    let on = |v: Option<String>| v.is_some_and(|v| !v.is_empty() && v != "0");
    on(var("FTNOTE_PLAIN")) || var("TERM").is_some_and(|t| t == "dumb")
}

/// Checks `ftnote call`'s arguments.
pub fn call_start(ctx: &Context, a: &CallArgs) -> Result<CallStart> {
    let mut workloads = Vec::new();
    for w in &a.workloads {
        let w = w.trim();
        if w.is_empty() {
            continue;
        }
        let Some(found) = ctx.catalogue.find(w) else {
            return Err(Error::Usage(format!(
                "unknown workload {w:?}; `ftnote workloads` lists them"
            )));
        };
        if !workloads.contains(&found.code) {
            workloads.push(found.code.clone());
        }
    }
    Ok(CallStart {
        customer: a
            .customer
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string),
        workloads,
        lang: Context::lang_arg(a.lang.as_deref())?,
    })
}

/// Checks `ftnote new`'s arguments and turns them into what the form skips.
pub fn prefill(ctx: &Context, a: &NewArgs) -> Result<Prefill> {
    ctx.kind_arg(Some(&a.kind))?;
    if let Some(w) = &a.workload
        && ctx.catalogue.find(w).is_none()
    {
        return Err(Error::Usage(format!(
            "unknown workload {w:?}; `ftnote workloads` lists them"
        )));
    }
    let status = match &a.status {
        Some(s) => Some(ctx.checker().status_id(s).ok_or_else(|| {
            Error::Usage(format!(
                "unknown status {s:?}; use in-progress, blocked, no-intent, unknown or duplicate-invalid"
            ))
        })?),
        None => None,
    };
    let customer = a
        .customer
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    Ok(Prefill {
        kind: Some(a.kind.clone()),
        customer: customer.map(str::to_string),
        workload: a.workload.clone(),
        status,
        lang: Context::lang_arg(a.lang.as_deref())?,
    })
}

#[cfg(test)]
mod tests {
    use super::plain_from_env;

    #[test]
    fn the_plain_mode_is_asked_for_by_ftnote_plain_or_a_dumb_terminal() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| (*v).to_string())
            }
        };
        assert!(plain_from_env(env(&[("FTNOTE_PLAIN", "1")])));
        assert!(plain_from_env(env(&[("TERM", "dumb")])));
        assert!(!plain_from_env(env(&[
            ("FTNOTE_PLAIN", "0"),
            ("TERM", "xterm")
        ])));
        assert!(!plain_from_env(env(&[("FTNOTE_PLAIN", "")])));
        assert!(!plain_from_env(env(&[])));
    }
}
