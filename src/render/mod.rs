//! Rendering a note to plain text, Markdown and JSON, and parsing a pasted
//! note back into its fields.

mod parse;
mod text;

pub use parse::{Parsed, parse};
pub use text::{render, render_separate};
