//! Reading TOML files with errors that say file, line, column and key.

use crate::error::{Error, Located, Result};
use serde::de::DeserializeOwned;

/// Parses `src` (read from `file`) into `T`, turning a parse or type error
/// into a [`Located`] error naming the line and the key.
pub fn parse<T: DeserializeOwned>(file: &str, src: &str) -> Result<T> {
    toml::from_str(src).map_err(|e| {
        let (line, column, key) = match e.span() {
            Some(span) => {
                let (line, column) = line_col(src, span.start);
                (Some(line), Some(column), key_at(src, line))
            }
            None => (None, None, None),
        };
        Error::invalid(Located {
            file: file.to_string(),
            line,
            column,
            key,
            message: tidy(e.message()),
        })
    })
}

/// A located error for a semantic problem at `key_path` (e.g. `fields[2].type`
/// or `layout.text`), with the line found by [`find_key`].
pub fn error_at(file: &str, src: &str, key_path: &str, message: impl Into<String>) -> Error {
    Error::invalid(Located {
        file: file.to_string(),
        line: find_key(src, key_path),
        column: None,
        key: Some(key_path.to_string()),
        message: message.into(),
    })
}

fn tidy(message: &str) -> String {
    message.trim().trim_end_matches('\n').replace('\n', "; ")
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let mut start = offset;
    while !src.is_char_boundary(start) {
        start -= 1;
    }
    let before = &src[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The dotted key path of the key defined on `line` (1-based), including the
/// table it sits in, e.g. `fields[1].label`.
pub fn key_at(src: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = src.lines().collect();
    let text = lines.get(line.checked_sub(1)?)?.trim();
    if let Some(header) = header_name(text) {
        return Some(header.0);
    }
    let key = text.split('=').next()?.trim().trim_matches('"');
    if key.is_empty() || !text.contains('=') {
        return table_path(&lines, line - 1);
    }
    match table_path(&lines, line - 1) {
        Some(table) => Some(format!("{table}.{key}")),
        None => Some(key.to_string()),
    }
}

/// The table path in force at line index `idx`, with array-of-tables indexes.
fn table_path(lines: &[&str], idx: usize) -> Option<String> {
    let mut current: Option<String> = None;
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for text in lines.iter().take(idx + 1) {
        if let Some((name, is_array)) = header_name(text.trim()) {
            if is_array {
                let n = counts.entry(name.clone()).or_insert(0);
                current = Some(format!("{name}[{n}]"));
                *n += 1;
            } else {
                current = Some(name);
            }
        }
    }
    current
}

fn header_name(text: &str) -> Option<(String, bool)> {
    if let Some(inner) = text.strip_prefix("[[") {
        let end = inner.find("]]")?;
        return Some((inner[..end].trim().to_string(), true));
    }
    if let Some(inner) = text.strip_prefix('[') {
        let end = inner.find(']')?;
        return Some((inner[..end].trim().to_string(), false));
    }
    None
}

/// Finds the 1-based line of a key path like `fields[2].type`, `layout.text`
/// or `id`. Falls back to the nearest table header, then to `None`.
pub fn find_key(src: &str, key_path: &str) -> Option<usize> {
    let (table, key) = match key_path.rfind('.') {
        Some(i) => (Some(&key_path[..i]), &key_path[i + 1..]),
        None => (None, key_path),
    };
    let lines: Vec<&str> = src.lines().collect();
    let mut in_table = table.is_none();
    let mut table_line = None;
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, text) in lines.iter().enumerate() {
        let t = text.trim();
        if let Some((name, is_array)) = header_name(t) {
            let path = if is_array {
                let n = counts.entry(name.clone()).or_insert(0);
                let p = format!("{name}[{n}]");
                *n += 1;
                p
            } else {
                name
            };
            in_table = table == Some(path.as_str());
            if in_table {
                table_line = Some(i + 1);
            }
            continue;
        }
        if in_table {
            let k = t.split('=').next().unwrap_or("").trim().trim_matches('"');
            if t.contains('=') && k == key {
                return Some(i + 1);
            }
        }
    }
    table_line
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "id = \"x\"\n\n[[fields]]\nid = \"a\"\n\n[[fields]]\nid = \"b\"\ntype = \"nope\"\n\n[layout]\ntext = \"{a}\"\n";

    #[test]
    fn finds_keys_in_arrays_of_tables() {
        assert_eq!(find_key(SRC, "fields[1].type"), Some(8));
        assert_eq!(find_key(SRC, "fields[0].id"), Some(4));
        assert_eq!(find_key(SRC, "layout.text"), Some(11));
        assert_eq!(find_key(SRC, "id"), Some(1));
        assert_eq!(find_key(SRC, "fields[1].missing"), Some(6));
    }

    #[test]
    fn names_key_of_a_line() {
        assert_eq!(key_at(SRC, 8).as_deref(), Some("fields[1].type"));
        assert_eq!(key_at(SRC, 1).as_deref(), Some("id"));
        assert_eq!(key_at(SRC, 10).as_deref(), Some("layout"));
    }

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(line_col("ab\ncdé f", 8), (2, 5));
        assert_eq!(line_col("", 10), (1, 1));
    }
}
