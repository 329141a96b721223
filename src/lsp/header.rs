//! The first-line header that says which note a file holds:
//!
//! ```text
//! ftnote: kind=entitlement status=blocked workload=EXO lang=de
//! ```
//!
//! It is not part of the note: the checker never sees it.

use std::ops::Range;

/// The keys a header may hold.
pub const KEYS: &[&str] = &["kind", "status", "lang", "workload", "customer", "as-of"];

/// A parsed header line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// Bytes of the document taken by the header, its line break included:
    /// the note starts here.
    pub len: usize,
    pub pairs: Vec<Pair>,
    /// Words that are not `key=value`, and unknown keys.
    pub problems: Vec<(Range<usize>, String)>,
}

/// One `key=value` of the header. Spans are byte offsets in the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    pub key: String,
    pub value: String,
    pub span: Range<usize>,
    pub value_span: Range<usize>,
}

impl Header {
    pub fn get(&self, key: &str) -> Option<&Pair> {
        self.pairs.iter().find(|p| p.key == key)
    }
}

const PREFIX: &str = "ftnote:";

/// The header of `text`, when its first line starts with `ftnote:`.
pub fn parse(text: &str) -> Option<Header> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let line_end = text.find(['\n', '\r']).unwrap_or(text.len());
    let line = &text[..line_end];
    let lead = bom + (line.len() - bom - line[bom..].trim_start().len());
    if !line
        .get(lead..lead + PREFIX.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(PREFIX))
    {
        return None;
    }
    let len = match &text.as_bytes()[line_end..] {
        [b'\r', b'\n', ..] => line_end + 2,
        [b'\n' | b'\r', ..] => line_end + 1,
        _ => line_end,
    };
    let mut h = Header {
        len,
        pairs: Vec::new(),
        problems: Vec::new(),
    };
    for word in words(line, lead + PREFIX.len()) {
        let token = &line[word.clone()];
        let Some(eq) = token.find('=') else {
            h.problems.push((
                word,
                format!(
                    "`{token}` is not key=value; the ftnote: line holds {}",
                    keys()
                ),
            ));
            continue;
        };
        let key = token[..eq].trim().to_ascii_lowercase();
        let vstart = word.start + eq + 1;
        let raw = &line[vstart..word.end];
        let (value, value_span) = unquote(raw, vstart);
        if !KEYS.contains(&key.as_str()) {
            h.problems.push((
                word.start..word.start + eq,
                format!(
                    "unknown key `{key}` in the ftnote: line; keys are {}",
                    keys()
                ),
            ));
            continue;
        }
        h.pairs.push(Pair {
            key,
            value,
            span: word,
            value_span,
        });
    }
    Some(h)
}

fn keys() -> String {
    KEYS.join(", ")
}

/// The words of `line` from `from` on: runs without spaces, where a
/// double-quoted part may hold spaces (`customer="Contoso Ltd"`).
fn words(line: &str, from: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut quoted = false;
    for (i, c) in line[from..].char_indices() {
        let i = from + i;
        if c == '"' {
            quoted = !quoted;
        }
        if c.is_whitespace() && !quoted {
            if let Some(s) = start.take() {
                out.push(s..i);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(s..line.len());
    }
    out
}

/// A value without its quotes and without a trailing `,` or `;`.
fn unquote(raw: &str, at: usize) -> (String, Range<usize>) {
    let trimmed = raw.trim_end_matches([',', ';']);
    let end = at + trimmed.len();
    match trimmed.strip_prefix('"') {
        Some(inner) => {
            let inner = inner.strip_suffix('"').unwrap_or(inner);
            (inner.to_string(), at + 1..at + 1 + inner.len())
        }
        None => (trimmed.to_string(), at..end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_header() {
        let t = "ftnote: kind=entitlement status=blocked workload=EXO lang=de\nDer Kunde …";
        let h = parse(t).expect("a header");
        assert_eq!(&t[h.len..], "Der Kunde …");
        let kinds: Vec<(&str, &str)> = h
            .pairs
            .iter()
            .map(|p| (p.key.as_str(), p.value.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("kind", "entitlement"),
                ("status", "blocked"),
                ("workload", "EXO"),
                ("lang", "de")
            ]
        );
        let w = h.get("workload").expect("workload");
        assert_eq!(&t[w.value_span.clone()], "EXO");
        assert!(h.problems.is_empty());
    }

    #[test]
    fn quotes_commas_crlf_and_case() {
        let t = "\u{feff}  FTNOTE: customer=\"Contoso Ltd\", Kind=status\r\nbody";
        let h = parse(t).expect("a header");
        assert_eq!(&t[h.len..], "body");
        let c = h.get("customer").expect("customer");
        assert_eq!(c.value, "Contoso Ltd");
        assert_eq!(&t[c.value_span.clone()], "Contoso Ltd");
        assert_eq!(h.get("kind").map(|p| p.value.as_str()), Some("status"));
    }

    #[test]
    fn problems_are_located() {
        let t = "ftnote: kind=status colour=red blocked";
        let h = parse(t).expect("a header");
        assert_eq!(h.pairs.len(), 1);
        assert_eq!(h.len, t.len());
        let spans: Vec<&str> = h.problems.iter().map(|(r, _)| &t[r.clone()]).collect();
        assert_eq!(spans, ["colour", "blocked"]);
        assert!(h.problems[0].1.contains("unknown key `colour`"));
    }

    #[test]
    fn other_first_lines_are_the_note() {
        assert_eq!(parse("Customer will not deploy EXO."), None);
        assert_eq!(parse("ftnote kind=status"), None);
        assert_eq!(parse(""), None);
        assert_eq!(parse("\nftnote: kind=status"), None);
    }
}
