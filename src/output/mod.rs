//! Getting a note out: files, the customer log, the clipboard.

pub mod clipboard;
pub mod file;
pub mod naming;
mod save;

pub use save::{NoteMeta, Saved, Target, append_customer_log, save_note, write_note};
