//! `[placeholders]` in sentence templates, and filling them in.

use std::ops::Range;

/// A `[name]` in a sentence template or a note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placeholder {
    /// The byte range of the whole `[name]`.
    pub span: Range<usize>,
    /// The text between the brackets.
    pub name: String,
}

/// Finds the `[placeholders]` in `text`: square brackets around words that
/// are not a workload code (`[EXO]`) or a number (`[1]`).
pub fn find(text: &str) -> Vec<Placeholder> {
    let mut out = Vec::new();
    if !text.contains('[') {
        return out;
    }
    let mut start = None;
    for (i, c) in text.char_indices() {
        match c {
            '[' => start = Some(i),
            ']' => {
                if let Some(s) = start.take() {
                    let name = &text[s + 1..i];
                    if is_placeholder_name(name) {
                        out.push(Placeholder {
                            span: s..i + 1,
                            name: name.trim().to_string(),
                        });
                    }
                }
            }
            '\n' => start = None,
            _ => {}
        }
    }
    out
}

fn is_placeholder_name(name: &str) -> bool {
    let t = name.trim();
    if t.is_empty() || t.chars().count() > 60 {
        return false;
    }
    // Workload codes and reference numbers are not placeholders.
    let code_like = t
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    let number = t.chars().all(|c| c.is_ascii_digit());
    !(code_like || number)
}

/// Fills the placeholders of `template` with `values` in order; a missing
/// or empty value leaves its placeholder in place.
pub fn fill(template: &str, values: &[String]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut last = 0;
    for (i, p) in find(template).iter().enumerate() {
        out.push_str(&template[last..p.span.start]);
        match values.get(i).map(|v| v.trim()).filter(|v| !v.is_empty()) {
            Some(v) => out.push_str(v),
            None => out.push_str(&template[p.span.clone()]),
        }
        last = p.span.end;
    }
    out.push_str(&template[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_placeholders_not_codes() {
        let t = "Unable to deploy [EXO] due to [primary issue] and [technical details] [2].";
        let names: Vec<String> = find(t).into_iter().map(|p| p.name).collect();
        assert_eq!(names, ["primary issue", "technical details"]);
    }

    #[test]
    fn finds_cjk_and_german_placeholders() {
        assert_eq!(
            find("aufgrund von [primäres Problem].")[0].name,
            "primäres Problem"
        );
        assert_eq!(find("由于[主要问题]无法部署。")[0].name, "主要问题");
    }

    #[test]
    fn fills_in_order_and_keeps_missing() {
        let t = "Unable to deploy due to [primary issue] and [technical details].";
        assert_eq!(
            fill(t, &["a proxy".into(), String::new()]),
            "Unable to deploy due to a proxy and [technical details]."
        );
    }

    #[test]
    fn spans_are_char_boundaries() {
        let t = "é[ü x]ö";
        let p = &find(t)[0];
        assert_eq!(&t[p.span.clone()], "[ü x]");
    }
}
