//! Rendering a note to plain text, Markdown and JSON, and parsing a pasted
//! note back into its fields.

mod parse;
mod text;

pub use parse::{Parsed, has_anchor_lines, parse};
pub use text::{layout_lines, render, render_separate, tidy};
