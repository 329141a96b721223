//! The open documents: their text as the editor holds it, kept in step by
//! incremental changes, and their versions.

use super::position;
use lsp_types::{TextDocumentContentChangeEvent, Uri};
use std::collections::HashMap;
use std::path::PathBuf;

/// One open document.
#[derive(Clone, Debug)]
pub struct Document {
    pub uri: Uri,
    /// The editor's version of the text: it grows with every change.
    pub version: i32,
    pub text: String,
}

impl Document {
    pub fn new(uri: Uri, version: i32, text: String) -> Document {
        Document { uri, version, text }
    }

    /// Applies the editor's changes, in order: a change with a range
    /// replaces that range (positions in UTF-16 units); one without replaces
    /// the whole text.
    pub fn apply(&mut self, version: i32, changes: Vec<TextDocumentContentChangeEvent>) {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(r) => {
                    let a = position::offset(&self.text, r.start);
                    let b = position::offset(&self.text, r.end);
                    let (start, end) = if a <= b { (a, b) } else { (b, a) };
                    self.text.replace_range(start..end, &change.text);
                }
            }
        }
        self.version = version;
    }

    /// The file the document's `file:` URI names, decoded.
    pub fn path(&self) -> Option<PathBuf> {
        if !self
            .uri
            .scheme()
            .is_some_and(|s| s.as_str().eq_ignore_ascii_case("file"))
        {
            return None;
        }
        let mut p = PathBuf::from("/");
        for seg in self.uri.path().segments() {
            p.push(seg.decode().into_string().ok()?.as_ref());
        }
        Some(p)
    }

    /// The file name at the end of the document's URI, decoded
    /// (`2026-11-21_Contoso_entitlement_EXO.txt`).
    pub fn file_name(&self) -> Option<String> {
        self.path()?
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
    }
}

/// A document's key: its URI as the editor wrote it.
pub type Key = String;

pub fn key(uri: &Uri) -> Key {
    uri.as_str().to_string()
}

/// The documents the editor has open.
#[derive(Default)]
pub struct Documents {
    docs: HashMap<Key, Document>,
}

impl Documents {
    pub fn open(&mut self, doc: Document) {
        self.docs.insert(key(&doc.uri), doc);
    }

    pub fn close(&mut self, key: &str) -> Option<Document> {
        self.docs.remove(key)
    }

    pub fn get(&self, key: &str) -> Option<&Document> {
        self.docs.get(key)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Document> {
        self.docs.get_mut(key)
    }

    pub fn keys(&self) -> Vec<Key> {
        self.docs.keys().cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};
    use std::str::FromStr;

    fn uri(s: &str) -> Uri {
        Uri::from_str(s).expect("a uri")
    }

    fn edit(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range {
                start: Position {
                    line: l0,
                    character: c0,
                },
                end: Position {
                    line: l1,
                    character: c1,
                },
            }),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn incremental_edits_in_utf16_units() {
        let mut d = Document::new(uri("file:///n.txt"), 1, "顧客😀は移行しない。\nok".into());
        // Insert after the emoji (2 units) and the two Han characters.
        d.apply(2, vec![edit(0, 4, 0, 4, "、今")]);
        assert_eq!(d.text, "顧客😀、今は移行しない。\nok");
        // Replace across the line break.
        d.apply(3, vec![edit(0, 12, 1, 1, "！O")]);
        assert_eq!(d.text, "顧客😀、今は移行しない！Ok");
        // Several changes in one notification apply in order.
        d.apply(
            4,
            vec![
                edit(0, 0, 0, 2, "客户"),
                edit(0, 2, 0, 4, ""),
                TextDocumentContentChangeEvent {
                    range: None,
                    range_length: None,
                    text: "whole".into(),
                },
                edit(0, 5, 0, 5, "!"),
            ],
        );
        assert_eq!(d.text, "whole!");
        assert_eq!(d.version, 4);
    }

    #[test]
    fn reversed_or_outside_ranges_do_not_panic() {
        let mut d = Document::new(uri("file:///n.txt"), 1, "abc".into());
        d.apply(2, vec![edit(0, 2, 0, 1, "X")]);
        assert_eq!(d.text, "aXc");
        d.apply(3, vec![edit(5, 0, 9, 9, "!")]);
        assert_eq!(d.text, "aXc!");
    }

    #[test]
    fn file_name_is_decoded() {
        let d = Document::new(
            uri("file:///home/j/notes/2026-11-21_M%C3%BCller-GmbH_entitlement_EXO.txt"),
            1,
            String::new(),
        );
        assert_eq!(
            d.file_name().as_deref(),
            Some("2026-11-21_Müller-GmbH_entitlement_EXO.txt")
        );
        assert_eq!(
            d.path(),
            Some(PathBuf::from(
                "/home/j/notes/2026-11-21_Müller-GmbH_entitlement_EXO.txt"
            ))
        );
        let u = Document::new(uri("untitled:Untitled-1"), 1, String::new());
        assert_eq!(u.file_name(), None);
    }

    proptest::proptest! {
        /// An edit between two positions made from byte offsets replaces
        /// exactly those bytes, whatever the text holds.
        #[test]
        fn edits_land_on_the_bytes_their_positions_name(
            parts in proptest::collection::vec(proptest::sample::select(
                vec!["a", "é", "日本", "😀", "\n", "\r\n", "\r", " ", "🙂x"]), 0..40),
            a in 0usize..200, b in 0usize..200, with in "[a-z😀本]{0,3}",
        ) {
            let text: String = parts.concat();
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let (a, b) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
            let (a, b) = (a.min(b), a.max(b));
            // A line break's second half is not a place of its own.
            proptest::prop_assume!(!(text[..a].ends_with('\r') && text[a..].starts_with('\n')));
            proptest::prop_assume!(!(text[..b].ends_with('\r') && text[b..].starts_with('\n')));
            let idx = super::super::position::LineIndex::new(&text);
            let range = Range { start: idx.position(&text, a), end: idx.position(&text, b) };
            let mut d = Document::new(uri("file:///n.txt"), 1, text.clone());
            d.apply(2, vec![TextDocumentContentChangeEvent { range: Some(range), range_length: None, text: with.clone() }]);
            proptest::prop_assert_eq!(d.text, format!("{}{with}{}", &text[..a], &text[b..]));
        }

        /// Any positions at all, in any text: no panic, a valid text.
        #[test]
        fn any_positions_are_safe(
            text in "[a-z日😀\r\n]{0,30}",
            l0 in 0u32..6, c0 in 0u32..40, l1 in 0u32..6, c1 in 0u32..40,
        ) {
            let mut d = Document::new(uri("file:///n.txt"), 1, text);
            d.apply(2, vec![edit(l0, c0, l1, c1, "😀")]);
            proptest::prop_assert!(d.text.contains('😀'));
        }
    }
}
