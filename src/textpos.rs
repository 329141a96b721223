//! Positions in a text: line and column (in characters, and in UTF-16 code
//! units as editors count them) for byte offsets, in time linear in the
//! text over any number of offsets asked in order.

/// Where a byte offset is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Characters before the offset, from the start of the text.
    pub chars: usize,
    /// UTF-16 code units before the offset, from the start of the text.
    pub utf16: usize,
    /// UTF-16 code units before the offset, from the start of its line.
    pub utf16_column: usize,
}

/// Answers positions for offsets; asked in increasing order each answer
/// costs only the text between two offsets.
pub struct Positions<'a> {
    text: &'a str,
    at: usize,
    pos: Pos,
}

impl<'a> Positions<'a> {
    pub fn new(text: &'a str) -> Positions<'a> {
        Positions {
            text,
            at: 0,
            pos: Pos {
                line: 1,
                column: 1,
                chars: 0,
                utf16: 0,
                utf16_column: 0,
            },
        }
    }

    /// The position of byte `offset` (moved back to a character boundary,
    /// and to the text's end when beyond it).
    pub fn at(&mut self, offset: usize) -> Pos {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.at {
            *self = Positions::new(self.text);
        }
        for c in self.text[self.at..offset].chars() {
            self.pos.chars += 1;
            self.pos.utf16 += c.len_utf16();
            if c == '\n' {
                self.pos.line += 1;
                self.pos.column = 1;
                self.pos.utf16_column = 0;
            } else {
                self.pos.column += 1;
                self.pos.utf16_column += c.len_utf16();
            }
        }
        self.at = offset;
        self.pos
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_characters_and_utf16() {
        let t = "ab\ncdé 😀f";
        let mut p = Positions::new(t);
        assert_eq!((p.at(0).line, p.at(0).column), (1, 1));
        let f = p.at(t.find('f').expect("f"));
        assert_eq!(
            (f.line, f.column, f.chars, f.utf16, f.utf16_column),
            (2, 6, 8, 9, 6)
        );
        // Asked out of order, it starts again.
        let b = p.at(1);
        assert_eq!((b.line, b.column, b.utf16), (1, 2, 1));
        // Inside a character: the start of that character.
        let e = p.at(t.find('é').expect("é") + 1);
        assert_eq!((e.line, e.column), (2, 3));
        assert_eq!(p.at(999).chars, t.chars().count());
    }
}
