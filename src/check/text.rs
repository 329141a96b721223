//! Words and sentences of a note, as byte ranges into its text.

use super::lexicon::{Lexicon, fold, is_cjk};
use std::ops::Range;

/// Words: runs of letters and digits, with inner `-`, `'`, `’`, `.`, `,`, `/`
/// kept when a letter or digit follows (so "on-premises", "1,800", "6.5",
/// "contoso.onmicrosoft.com" and "S/4HANA" are one word each).
pub fn words(text: &str) -> Vec<Range<usize>> {
    split_words(text, true)
}

/// Words for phrase matching: as [`words`], but hyphens separate words, so
/// "kickoff" is found in "Kickoff-Meeting".
pub fn phrase_words(text: &str) -> Vec<Range<usize>> {
    split_words(text, false)
}

fn split_words(text: &str, join_hyphens: bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_alphanumeric() && !is_cjk(c) {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start {
            let joins = (matches!(c, '\'' | '’' | '.' | ',' | '/' | '_' | '@')
                || (join_hyphens && c == '-'))
                && it
                    .peek()
                    .is_some_and(|&(_, n)| n.is_alphanumeric() && !is_cjk(n));
            if !joins {
                out.push(s..i);
                start = None;
            }
        }
        if is_cjk(c) {
            out.push(i..i + c.len_utf8());
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

const CLOSERS: [char; 8] = ['"', '\'', ')', ']', '”', '’', '»', '」'];

/// Sentences: split after `.`, `!`, `?` followed by white space (not after an
/// abbreviation, an initial, or an ordinal such as "18. Dezember", and not
/// when the next word starts in lower case), after `。！？` always, and at
/// line breaks. Only ranges holding a letter or digit count.
pub fn sentences(text: &str, lex: &Lexicon) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        // Only terminators matter: ASCII ones, and 。！？ (E3 80 82, EF BC 81, EF BC 9F).
        let (c, len) = match b {
            b'.' | b'!' | b'?' | b'\n' => (char::from(b), 1),
            0xE3 | 0xEF => match text[i..].chars().next() {
                Some(ch @ ('。' | '！' | '？')) => (ch, ch.len_utf8()),
                _ => {
                    i += 1;
                    continue;
                }
            },
            _ => {
                i += 1;
                continue;
            }
        };
        let mut end = i + len;
        let cut = if c == '\n' {
            Some(i)
        } else {
            // Closing quotes and further terminators belong to this sentence.
            while let Some(n) = text[end..].chars().next() {
                if CLOSERS.contains(&n) || matches!(n, '.' | '!' | '?' | '。' | '！' | '？') {
                    end += n.len_utf8();
                } else {
                    break;
                }
            }
            let next = text[end..].chars().next();
            let cjk = matches!(c, '。' | '！' | '？');
            let spaced = next.is_none_or(char::is_whitespace);
            (cjk || (spaced && (c != '.' || ends_sentence(text, i, end, lex)))).then_some(end)
        };
        if let Some(cut) = cut {
            push_trimmed(text, start..cut, &mut out);
            start = cut;
        }
        i = end.max(i + 1);
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    let r = r.start + lead..r.end - trail;
    if r.start < r.end && text[r.clone()].chars().any(char::is_alphanumeric) {
        out.push(r);
    }
}

/// Does the `.` at byte `dot` end a sentence? `j` indexes the character
/// after any closing marks.
fn ends_sentence(text: &str, dot: usize, after: usize, lex: &Lexicon) -> bool {
    // The token before the dot (short tokens only: abbreviations, initials, ordinals).
    let before = &text[..dot];
    let tok_start = before
        .char_indices()
        .rev()
        .find(|(_, ch)| ch.is_whitespace())
        .map_or(0, |(i, ch)| i + ch.len_utf8());
    let raw = &text[tok_start..=dot];
    if raw.len() <= 12 {
        let token = fold(raw);
        let token = token.trim_start_matches(['(', '"', '\'', '„', '“', '‚']);
        if lex.abbreviations.contains(token) {
            return false;
        }
        if token.len() <= 4 {
            let prev = text[..tok_start].trim_end();
            let p = prev
                .char_indices()
                .rev()
                .find(|(_, ch)| ch.is_whitespace())
                .map_or(0, |(i, ch)| i + ch.len_utf8());
            if prev.len() - p <= 4 {
                let two = fold(&format!("{} {}", &prev[p..], token));
                if lex.abbreviations.contains(two.trim()) {
                    return false;
                }
            }
        }
        let core = token.trim_end_matches('.');
        // An initial: "A. Weber".
        if core.chars().count() == 1 && core.chars().all(char::is_alphabetic) {
            return false;
        }
        // An ordinal before a month: "18. Dezember 2026".
        if !core.is_empty() && core.len() <= 2 && core.chars().all(|c| c.is_ascii_digit()) {
            let rest = text[after..].trim_start();
            let next_word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
            let nw = fold(&next_word);
            if lex.months.iter().any(|m| m.contains(&nw)) {
                return false;
            }
        }
    }
    // A sentence does not start in lower case.
    text[after..]
        .trim_start()
        .chars()
        .next()
        .is_none_or(|nc| !nc.is_lowercase())
}

/// The sentence (index into `sents`) holding byte `at`.
pub fn sentence_of(sents: &[Range<usize>], at: usize) -> Option<usize> {
    let i = sents.partition_point(|r| r.start <= at).checked_sub(1)?;
    let r = &sents[i];
    (at < r.end.max(r.start + 1)).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn split(text: &str, lang: Lang) -> Vec<&str> {
        sentences(text, Lexicon::get(lang))
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn english_sentences() {
        assert_eq!(
            split("One. Two! Three?", Lang::En),
            ["One.", "Two!", "Three?"]
        );
        assert_eq!(
            split("Progressing: 1,800 of approx. 4,200 mailboxes moved, e.g. the HR ones. Finance is next.", Lang::En).len(),
            2
        );
        assert_eq!(
            split("Owner: A. Weber. Date: 2026-12-01.", Lang::En).len(),
            2
        );
        assert_eq!(
            split(
                "Firmware 6.8 on contoso.onmicrosoft.com is old. Upgrade.",
                Lang::En
            )
            .len(),
            2
        );
        assert_eq!(split("In progress", Lang::En), ["In progress"]);
        assert_eq!(split("", Lang::En).len(), 0);
        assert_eq!(split("Line one\nLine two", Lang::En).len(), 2);
        assert_eq!(split("He said \"stop.\" Then left.", Lang::En).len(), 2);
    }

    #[test]
    fn german_sentences() {
        assert_eq!(
            split(
                "Lizenzen fehlen, z. B. für E5. Das ist ein Problem.",
                Lang::De
            )
            .len(),
            2
        );
        assert_eq!(
            split(
                "Kunde migriert bis 18. Dezember 2026 alle Postfächer, d. h. ca. 2.300 Stück.",
                Lang::De
            )
            .len(),
            1
        );
        assert_eq!(
            split("Termin ist am 3. Juni. Danach geht es weiter.", Lang::De).len(),
            2
        );
    }

    #[test]
    fn multibyte_spaces_do_not_break_splitting() {
        assert_eq!(split("\u{a0}Ὓ . ", Lang::En).len(), 1);
        assert_eq!(split("Owner:\u{a0}A.\u{a0}Weber. Next.", Lang::En).len(), 2);
    }

    #[test]
    fn sentence_of_finds_the_holder() {
        let s = [0..5, 7..12, 12..20];
        assert_eq!(sentence_of(&s, 0), Some(0));
        assert_eq!(sentence_of(&s, 4), Some(0));
        assert_eq!(sentence_of(&s, 5), None);
        assert_eq!(sentence_of(&s, 6), None);
        assert_eq!(sentence_of(&s, 7), Some(1));
        assert_eq!(sentence_of(&s, 12), Some(2));
        assert_eq!(sentence_of(&s, 25), None);
        assert_eq!(sentence_of(&[], 0), None);
    }

    #[test]
    fn cjk_sentences() {
        assert_eq!(
            split("お客様は計画中です。次は移行です。", Lang::En).len(),
            2
        );
        assert_eq!(split("客户正在部署！下一步？", Lang::En).len(), 2);
    }

    #[test]
    fn words_keep_compounds() {
        let t = "on-premises 1,800 S/4HANA contoso.onmicrosoft.com end.";
        let w: Vec<&str> = words(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            w,
            [
                "on-premises",
                "1,800",
                "S/4HANA",
                "contoso.onmicrosoft.com",
                "end"
            ]
        );
    }
}
