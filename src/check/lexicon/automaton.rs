//! The phrases of a word-list file in one Aho-Corasick automaton, built by
//! the aho-corasick crate when ftnote is compiled (see build.rs) and kept
//! as flat tables: finding every phrase costs one table step per byte of
//! text, and nothing at start-up.

/// An automaton in flat tables. States are numbered so that those where
/// phrases end come first (`state < matching`); `next` holds, per state, a
/// row of `classes` next states as little-endian `u16`, indexed by the
/// class of the byte read.
pub struct Automaton {
    pub(in crate::check::lexicon) start: usize,
    pub(in crate::check::lexicon) classes: usize,
    pub(in crate::check::lexicon) class_of: &'static [u8; 256],
    pub(in crate::check::lexicon) next: &'static [u8],
    pub(in crate::check::lexicon) matching: usize,
    /// The phrases ending at match state `s`: `hits[first_hit[s]..first_hit[s + 1]]`.
    pub(in crate::check::lexicon) first_hit: &'static [u32],
    /// (slot of the list, index in it, length in bytes).
    pub(in crate::check::lexicon) hits: &'static [(u16, u16, u16)],
}

impl Automaton {
    fn step(&self, state: usize, byte: u8) -> usize {
        let i = 2 * (state * self.classes + usize::from(self.class_of[usize::from(byte)]));
        match self.next.get(i..i + 2) {
            Some(&[a, b]) => usize::from(u16::from_le_bytes([a, b])),
            _ => self.start,
        }
    }

    fn hits_at(&self, state: usize) -> &'static [(u16, u16, u16)] {
        match (self.first_hit.get(state), self.first_hit.get(state + 1)) {
            (Some(&a), Some(&b)) => self.hits.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Calls `f(end, phrases)` at every byte offset of `text` where phrases
    /// end: (slot, index, length) each, overlapping ones included. Word
    /// boundaries are the caller's to check.
    pub fn for_each(&self, text: &str, mut f: impl FnMut(usize, &'static [(u16, u16, u16)])) {
        let mut state = self.start;
        for (i, &b) in text.as_bytes().iter().enumerate() {
            state = self.step(state, b);
            if state < self.matching {
                f(i + 1, self.hits_at(state));
            }
        }
    }
}
