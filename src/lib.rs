//! ftnote: compose and check FastTrack status notes.
//!
//! The library holds everything but the terminal: templates, notes,
//! rendering and parsing, config. `src/tui/` is the only place that knows
//! about the terminal.

pub mod answers;
pub mod audit;
pub mod cells;
pub mod check;
pub mod cli;
pub mod config;
pub mod config_write;
pub mod date;
pub mod drafts;
pub mod error;
pub mod frontend;
pub mod history;
pub mod housekeeping;
pub mod lang;
pub mod lsp;
pub mod note;
pub mod output;
pub mod paths;
pub mod plain;
pub mod render;
pub mod role;
pub mod template;
pub mod textpos;
mod timestamp;
mod tomlfile;
pub mod tui;
pub mod workloads;

pub use error::{Error, Result};
