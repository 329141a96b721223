//! Getting a note out: files (and, later, the clipboard).

pub mod file;
