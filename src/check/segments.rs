//! The word lists of a language in one table, for segmenting text written
//! without spaces: one lookup tells which lists a phrase is on.

use super::lexicon::Lexicon;
use super::lexicon::WordMap;

pub const VAGUE: u16 = 1;
pub const NEUTRAL: u16 = 1 << 1;
pub const NUMBER: u16 = 1 << 2;
pub const VAGUE_TIME: u16 = 1 << 3;
pub const RESTATING: u16 = 1 << 4;
pub const VAGUE_PHRASE: u16 = 1 << 5;
pub const INTENT: u16 = 1 << 6;
pub const STATUS: u16 = 1 << 7;

/// Phrase → the lists it is on, and the longest phrase in characters.
pub struct Segments {
    table: WordMap<u16>,
    pub longest: usize,
}

impl Segments {
    pub fn new(lex: &Lexicon) -> Segments {
        let mut table: WordMap<u16> = WordMap::default();
        let mut add = |words: &mut dyn Iterator<Item = &str>, flag: u16| {
            for w in words {
                *table.entry(w.to_string()).or_default() |= flag;
            }
        };
        add(&mut lex.vague_reason.iter().map(String::as_str), VAGUE);
        add(&mut lex.neutral.iter().map(String::as_str), NEUTRAL);
        add(&mut lex.numbers.iter().map(String::as_str), NUMBER);
        add(&mut lex.vague_time.phrases(), VAGUE_TIME);
        add(&mut lex.restating.iter().map(String::as_str), RESTATING);
        add(&mut lex.vague_reason_phrases.phrases(), VAGUE_PHRASE);
        add(&mut lex.clear_intent.phrases(), INTENT);
        add(&mut lex.negative_intent.phrases(), INTENT);
        add(&mut lex.status_words.iter().map(String::as_str), STATUS);
        let longest = table.keys().map(|k| k.chars().count()).max().unwrap_or(1);
        Segments { table, longest }
    }

    /// Is the phrase on one of the lists in `mask`?
    pub fn is(&self, phrase: &str, mask: u16) -> bool {
        self.table.get(phrase).is_some_and(|f| f & mask != 0)
    }
}
