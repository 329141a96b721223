//! Positions as the protocol counts them: a line, and UTF-16 code units
//! within it. Lines end at `\n`, `\r\n` or a lone `\r`.

use lsp_types::{Position, Range};

/// Where each line of a text starts, for turning byte offsets into
/// positions. Built once per text, in one pass.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex { starts }
    }

    /// How many lines the text has (an empty text has one).
    pub fn lines(&self) -> usize {
        self.starts.len()
    }

    /// The position of byte `offset` (clamped to the text, and moved back
    /// to the start of the character it falls in).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        Position {
            line: to_u32(line),
            character: to_u32(utf16_len(&text[start..offset])),
        }
    }

    /// The positions of many byte offsets at once, in one pass over the
    /// text however many there are (each as [`LineIndex::position`]).
    pub fn positions(&self, text: &str, offsets: &[usize]) -> Vec<Position> {
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_by_key(|&i| offsets[i]);
        let mut out = vec![Position::default(); offsets.len()];
        // Where the walk is: a line, a byte offset in it, and the UTF-16
        // units from the line's start to that offset.
        let (mut line, mut at, mut units) = (0usize, 0usize, 0usize);
        for i in order {
            let offset = floor_char(text, offsets[i].min(text.len()));
            let l = self.starts.partition_point(|&s| s <= offset) - 1;
            if l != line {
                line = l;
                at = self.starts[l];
                units = 0;
            }
            units += utf16_len(&text[at..offset]);
            at = offset;
            out[i] = Position {
                line: to_u32(line),
                character: to_u32(units),
            };
        }
        out
    }

    pub fn range(&self, text: &str, start: usize, end: usize) -> Range {
        Range {
            start: self.position(text, start),
            end: self.position(text, end.max(start)),
        }
    }

    /// The byte offset of a position; see [`offset`].
    pub fn offset(&self, text: &str, pos: Position) -> usize {
        let line = pos.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return text.len();
        };
        offset_in_line(text, start, pos.character)
    }
}

/// The byte offset of a position in `text`, reading only as far as it.
/// A line past the end is the end of the text; a character past the end of
/// its line is the end of the line (before its line break); a position
/// inside a character (half a surrogate pair) is that character's start.
pub fn offset(text: &str, pos: Position) -> usize {
    let bytes = text.as_bytes();
    let mut line = 0u32;
    let mut start = 0usize;
    let mut i = 0usize;
    while line < pos.line {
        if i >= bytes.len() {
            return text.len();
        }
        match bytes[i] {
            b'\n' => {
                line += 1;
                start = i + 1;
            }
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => {
                line += 1;
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    offset_in_line(text, start, pos.character)
}

fn offset_in_line(text: &str, start: usize, character: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in text[start..].char_indices() {
        if c == '\n' || c == '\r' {
            return start + i;
        }
        let w = u32::try_from(c.len_utf16()).unwrap_or(2);
        if units + w > character {
            return start + i;
        }
        units += w;
    }
    text.len()
}

/// The length of `s` in UTF-16 code units.
pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn counts_utf16_units_for_cjk_and_emoji() {
        // 日本 are one unit each; 😀 is two; é is one.
        let t = "ab\n日本😀é x\n";
        let idx = LineIndex::new(t);
        let x = t.find('x').expect("x");
        assert_eq!(idx.position(t, x), pos(1, 6));
        assert_eq!(offset(t, pos(1, 6)), x);
        assert_eq!(idx.offset(t, pos(1, 6)), x);
        let e = t.find('é').expect("é");
        assert_eq!(idx.position(t, e), pos(1, 4));
        assert_eq!(offset(t, pos(1, 4)), e);
    }

    #[test]
    fn half_a_surrogate_pair_is_the_characters_start() {
        let t = "😀x";
        assert_eq!(offset(t, pos(0, 1)), 0);
        assert_eq!(offset(t, pos(0, 2)), 4);
        let idx = LineIndex::new(t);
        // A byte offset inside the emoji moves back to its start.
        assert_eq!(idx.position(t, 2), pos(0, 0));
    }

    #[test]
    fn clamps_past_the_line_and_past_the_text() {
        let t = "one\r\ntwo\rthree";
        assert_eq!(offset(t, pos(0, 99)), 3);
        assert_eq!(offset(t, pos(1, 99)), 8);
        assert_eq!(offset(t, pos(2, 2)), 11);
        assert_eq!(offset(t, pos(7, 0)), t.len());
        let idx = LineIndex::new(t);
        assert_eq!(idx.position(t, 9), pos(2, 0));
        assert_eq!(idx.position(t, 999), pos(2, 5));
        assert_eq!(idx.offset(t, pos(1, 1)), 6);
        assert_eq!(idx.offset(t, pos(9, 1)), t.len());
    }

    #[test]
    fn many_positions_at_once_are_each_position() {
        let t = "Kunde 🙂 will nicht.\n顧客は移行しない。\r\n\n客户😀不部署";
        let idx = LineIndex::new(t);
        let mut offsets: Vec<usize> = t.char_indices().map(|(i, _)| i).rev().collect();
        offsets.extend([t.len(), 999, 1, 0, 5]);
        let one_by_one: Vec<Position> = offsets.iter().map(|&o| idx.position(t, o)).collect();
        assert_eq!(idx.positions(t, &offsets), one_by_one);
        assert!(idx.positions(t, &[]).is_empty());
    }

    #[test]
    fn every_boundary_round_trips() {
        let t = "Kunde 🙂 will nicht.\n顧客は移行しない。\r\n\n客户😀不部署";
        let idx = LineIndex::new(t);
        for (i, _) in t.char_indices() {
            let p = idx.position(t, i);
            let back = offset(t, p);
            // A line break's own offsets read back as the end of the line.
            if !t[i..].starts_with('\n') {
                assert_eq!(back, i, "offset {i} via {p:?}");
            }
        }
    }
}
