//! `ftnote new`: the composer with what the command line already says.

use super::Context;
use super::args::NewArgs;
use crate::error::{Error, Result};
use crate::tui::Prefill;

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
