//! The plain mode (placeholder while the composer changes compile).

use crate::error::Result;
use crate::frontend::Setup;

pub fn run(_setup: &Setup) -> Result<()> {
    Ok(())
}
