//! Getting a note out: files, the customer log, the clipboard.

pub mod file;
pub mod naming;
