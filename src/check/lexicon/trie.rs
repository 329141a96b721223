//! The phrases of every list of a word-list file in one trie, built by
//! build.rs into static tables: finding every phrase in a text needs no
//! automaton built at start-up, and costs at most the longest phrase per
//! place a phrase can start — linear in the text.

use super::chars::is_spaced_word_char;

/// A trie in flat tables. Node 0 is the root; node `n`'s edges are
/// `edge_byte[first_edge[n]..first_edge[n + 1]]` (sorted) leading to the
/// same range of `edge_to`, and the phrases ending at it are
/// `hits[first_hit[n]..first_hit[n + 1]]`: (slot of the list, index in it).
pub struct Trie {
    /// The node each first byte leads to (0: none).
    pub(in crate::check::lexicon) root: &'static [u32; 256],
    pub(in crate::check::lexicon) first_edge: &'static [u32],
    pub(in crate::check::lexicon) edge_byte: &'static [u8],
    pub(in crate::check::lexicon) edge_to: &'static [u32],
    pub(in crate::check::lexicon) first_hit: &'static [u32],
    pub(in crate::check::lexicon) hits: &'static [(u16, u16)],
}

impl Trie {
    fn child(&self, node: u32, byte: u8) -> u32 {
        let n = node as usize;
        let (Some(&a), Some(&b)) = (self.first_edge.get(n), self.first_edge.get(n + 1)) else {
            return 0;
        };
        let (a, b) = (a as usize, b as usize);
        match self.edge_byte.get(a..b).map(|e| e.binary_search(&byte)) {
            Some(Ok(k)) => self.edge_to.get(a + k).copied().unwrap_or(0),
            _ => 0,
        }
    }

    fn hits_of(&self, node: u32) -> &'static [(u16, u16)] {
        let n = node as usize;
        match (self.first_hit.get(n), self.first_hit.get(n + 1)) {
            (Some(&a), Some(&b)) => self.hits.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Calls `f(start, end, phrases)` for every place in `text` where
    /// phrases end that start at a character a phrase may start at (not
    /// inside a word of a spaced script). The word boundary at the end is
    /// the caller's to check.
    pub fn for_each(&self, text: &str, mut f: impl FnMut(usize, usize, &'static [(u16, u16)])) {
        let bytes = text.as_bytes();
        let mut in_word = false;
        for (start, c) in text.char_indices() {
            // Inside a word of a spaced script no phrase starts (see
            // `at_boundaries`): the letter before and this one are both
            // word characters and neither is Han or kana.
            let was_in_word = in_word;
            in_word = is_spaced_word_char(c);
            if was_in_word && in_word {
                continue;
            }
            let mut node = self.root[usize::from(bytes[start])];
            let mut end = start + 1;
            while node != 0 {
                let hits = self.hits_of(node);
                if !hits.is_empty() {
                    f(start, end, hits);
                }
                let Some(&b) = bytes.get(end) else { break };
                node = self.child(node, b);
                end += 1;
            }
        }
    }
}
