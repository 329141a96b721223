//! The layout of a rendered note: line templates with one `{field}` per line.
//!
//! Each line of `layout.text` (and `layout.markdown`) is one of
//! - empty: a blank line;
//! - literal text: a heading, copied as is;
//! - `prefix{field}suffix`: the field's value in place (a multi-line value
//!   continues on the following lines); a line starting with `?` is left out
//!   when the field is empty;
//! - `{workloads}` alone: one line per workload, shaped by `item`
//!   (`{code}`, `{name}`, `{sep}`, `{text}`).
//!
//! `{{` and `}}` write literal braces.

use serde::Deserialize;

/// A layout as written in the template.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    /// Compiled forms, made once: text lines, Markdown lines, text item, Markdown item.
    #[serde(skip)]
    pub(crate) compiled: std::sync::OnceLock<Compiled>,
    /// Plain text: what is pasted into the portal.
    pub text: String,
    /// Markdown; the plain layout when absent.
    #[serde(default)]
    pub markdown: Option<String>,
    /// One workload line in plain text.
    #[serde(default)]
    pub item: Option<String>,
    /// One workload line in Markdown; `item` when absent.
    #[serde(default)]
    pub markdown_item: Option<String>,
}

/// A compiled layout: text lines, Markdown lines, text item, Markdown item.
pub type Compiled = (Vec<Line>, Vec<Line>, Vec<ItemPart>, Vec<ItemPart>);

impl Layout {
    /// The compiled lines and workload items (Markdown falling back to text).
    pub fn compiled(&self) -> &Compiled {
        self.compiled.get_or_init(|| {
            let text = compile(&self.text).unwrap_or_default();
            let md = self
                .markdown
                .as_deref()
                .map_or_else(|| text.clone(), |m| compile(m).unwrap_or_default());
            let item =
                compile_item(self.item.as_deref().unwrap_or(DEFAULT_ITEM)).unwrap_or_default();
            let md_item = self
                .markdown_item
                .as_deref()
                .map_or_else(|| item.clone(), |m| compile_item(m).unwrap_or_default());
            (text, md, item, md_item)
        })
    }
}

/// One line of a compiled layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    Blank,
    Literal(String),
    Field {
        prefix: String,
        field: String,
        suffix: String,
        optional: bool,
    },
}

impl Line {
    /// The literal text a pasted line must start with to be this line, if any.
    pub fn anchor(&self) -> Option<&str> {
        match self {
            Line::Literal(s) => Some(s.as_str()),
            Line::Field { prefix, .. } if !prefix.trim().is_empty() => Some(prefix.as_str()),
            _ => None,
        }
    }
}

/// A part of a workload item line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemPart {
    Lit(String),
    Code,
    Name,
    Sep,
    Text,
}

/// Reasons a layout line cannot be compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LayoutError {
    Unclosed(usize),
    TwoFields(usize),
    UnknownItemVar(String),
}

impl std::fmt::Display for LayoutError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LayoutError::Unclosed(n) => write!(
                f,
                "line {n} of the layout has a `{{` without `}}` (write `{{{{` for a brace)"
            ),
            LayoutError::TwoFields(n) => write!(
                f,
                "line {n} of the layout has more than one {{field}}; give each field its own line"
            ),
            LayoutError::UnknownItemVar(v) => write!(
                f,
                "`{{{v}}}` is not known in a workload line; use {{code}}, {{name}}, {{sep}} and {{text}}"
            ),
        }
    }
}

/// Splits a line into literal text and `{names}`.
fn tokens(line: &str, n: usize) -> Result<Vec<(bool, String)>, LayoutError> {
    let mut out: Vec<(bool, String)> = Vec::new();
    let mut lit = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                lit.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                lit.push('}');
            }
            '{' => {
                let mut name = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(ch) => name.push(ch),
                        None => return Err(LayoutError::Unclosed(n)),
                    }
                }
                out.push((false, std::mem::take(&mut lit)));
                out.push((true, name.trim().to_string()));
            }
            _ => lit.push(c),
        }
    }
    out.push((false, lit));
    Ok(out)
}

/// Compiles a layout text into lines.
pub fn compile(text: &str) -> Result<Vec<Line>, LayoutError> {
    let text = text.strip_prefix('\n').unwrap_or(text);
    let text = text.strip_suffix('\n').unwrap_or(text);
    text.split('\n')
        .enumerate()
        .map(|(i, raw)| {
            let (optional, body) = match raw.strip_prefix('?') {
                Some(rest) => (true, rest),
                None => (false, raw),
            };
            if body.trim().is_empty() && !optional {
                return Ok(Line::Blank);
            }
            let toks = tokens(body, i + 1)?;
            let fields: Vec<&String> = toks.iter().filter(|t| t.0).map(|t| &t.1).collect();
            match fields.len() {
                0 => Ok(Line::Literal(toks.into_iter().map(|t| t.1).collect())),
                1 => {
                    let pos = toks.iter().position(|t| t.0).unwrap_or(0);
                    let prefix: String = toks[..pos].iter().map(|t| t.1.as_str()).collect();
                    let suffix: String = toks[pos + 1..].iter().map(|t| t.1.as_str()).collect();
                    Ok(Line::Field {
                        prefix,
                        field: toks[pos].1.clone(),
                        suffix,
                        optional,
                    })
                }
                _ => Err(LayoutError::TwoFields(i + 1)),
            }
        })
        .collect()
}

/// Compiles a workload item line.
pub fn compile_item(text: &str) -> Result<Vec<ItemPart>, LayoutError> {
    tokens(text, 1)?
        .into_iter()
        .filter(|(is_var, s)| *is_var || !s.is_empty())
        .map(|(is_var, s)| {
            if !is_var {
                return Ok(ItemPart::Lit(s));
            }
            match s.as_str() {
                "code" => Ok(ItemPart::Code),
                "name" => Ok(ItemPart::Name),
                "sep" => Ok(ItemPart::Sep),
                "text" => Ok(ItemPart::Text),
                _ => Err(LayoutError::UnknownItemVar(s)),
            }
        })
        .collect()
}

/// The default workload line.
pub const DEFAULT_ITEM: &str = "   - [{code}] {name}{sep}{text}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiles_lines() {
        let lines = compile("TITLE\n- A: {a}\n\n?{tags}\n{{x}} {b} end").expect("compile");
        assert_eq!(lines[0], Line::Literal("TITLE".into()));
        assert_eq!(
            lines[1],
            Line::Field {
                prefix: "- A: ".into(),
                field: "a".into(),
                suffix: String::new(),
                optional: false
            }
        );
        assert_eq!(lines[2], Line::Blank);
        assert!(matches!(&lines[3], Line::Field { optional: true, field, .. } if field == "tags"));
        assert!(
            matches!(&lines[4], Line::Field { prefix, suffix, .. } if prefix == "{x} " && suffix == " end")
        );
    }

    #[test]
    fn rejects_two_fields_and_unclosed() {
        assert_eq!(compile("a\n{x} {y}"), Err(LayoutError::TwoFields(2)));
        assert_eq!(compile("{x"), Err(LayoutError::Unclosed(1)));
    }

    #[test]
    fn compiles_items() {
        let parts = compile_item(DEFAULT_ITEM).expect("item");
        assert_eq!(parts[0], ItemPart::Lit("   - [".into()));
        assert_eq!(parts[1], ItemPart::Code);
        assert!(compile_item("{code} {price}").is_err());
    }
}
