//! Characters and word boundaries, as the word lists see them. Only `std`:
//! `build.rs` folds the lists with this very code.

use std::ops::Range;

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        c.is_alphanumeric()
    }
}

/// True when `start..end` does not cut into a word on either side. Text in
/// scripts without spaces (Han, kana) has no word boundaries to respect.
pub fn at_boundaries(s: &str, start: usize, end: usize) -> bool {
    let before = s[..start].chars().next_back();
    let first = s[start..end].chars().next();
    let last = s[start..end].chars().next_back();
    let after = s[end..].chars().next();
    let ok_before = match (before, first) {
        (Some(b), Some(f)) => !(is_word_char(b) && is_word_char(f)) || is_cjk(b) || is_cjk(f),
        _ => true,
    };
    let ok_after = match (last, after) {
        (Some(l), Some(a)) => !(is_word_char(l) && is_word_char(a)) || is_cjk(l) || is_cjk(a),
        _ => true,
    };
    ok_before && ok_after
}

/// A character of a script written without spaces: kana, Han (with the
/// iteration marks 々 〆 〇 〻), full-width forms.
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3005}'..='\u{3007}' | '\u{303b}' | '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

/// Lowercases `s` without changing any byte offset: a character whose
/// lowercase form has another length is kept as it is.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    // Every character keeps its length, so the text's length is the room.
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().map(fold_char));
    out
}

/// One character as [`fold`] writes it.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    // Kana and Han have no case (full-width Latin letters do).
    if is_cjk(c) && !('\u{ff00}'..='\u{ffef}').contains(&c) {
        return c;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

/// The order hits are kept in: by place, the longest first, and of equal
/// spans the lower index (as the order found would have them).
pub fn hit_order(i: usize, r: &Range<usize>) -> (usize, std::cmp::Reverse<usize>, usize) {
    (r.start, std::cmp::Reverse(r.end), i)
}

/// Whether the hit `r`, taken in [`hit_order`], is kept: it starts at or
/// after `end`, where the last kept one ended (moved on when kept).
pub fn keeps(end: &mut usize, r: &Range<usize>) -> bool {
    let keep = r.start >= *end;
    if keep {
        *end = r.end;
    }
    keep
}

/// Keeps the longest hit at each place, dropping hits that overlap.
pub fn longest_first(hits: &mut Vec<(usize, Range<usize>)>) {
    // In place: a stable sort would take a copy of a long list. Hits
    // found in order need no sort at all.
    if !hits.is_sorted_by_key(|(i, r)| hit_order(*i, r)) {
        hits.sort_unstable_by_key(|(i, r)| hit_order(*i, r));
    }
    let mut end = 0;
    hits.retain(|(_, r)| keeps(&mut end, r));
}
