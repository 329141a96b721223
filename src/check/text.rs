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
    // At most one word per two bytes: room for all of them at once, so a
    // long text is not copied as the list grows (untouched room costs
    // nothing).
    let mut out = Vec::with_capacity(text.len() / 2 + 1);
    let mut start: Option<usize> = None;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !is_cjk(c) && c.is_alphanumeric() {
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
                    .is_some_and(|&(_, n)| !is_cjk(n) && n.is_alphanumeric());
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

const CLOSERS: [char; 13] = [
    '"', '\'', ')', ']', '”', '’', '»', '」', '』', '）', '】', '》', '〉',
];

/// Sentence ends of text written without spaces: always a sentence end.
const CJK_ENDS: [char; 4] = ['。', '！', '？', '｡'];

/// A letter or digit of a script written without spaces (Han, kana,
/// full-width forms).
pub fn is_cjk_letter(c: char) -> bool {
    // Han and kana (but the marks among them) are letters: no table lookup.
    matches!(c, '\u{3041}'..='\u{3096}' | '\u{30a1}'..='\u{30fa}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}')
        || is_cjk(c) && c.is_alphanumeric()
}

/// How many words a text holds, for rules that count words: a word of a
/// spaced script counts one, and text written without spaces one word per
/// two letters (a Japanese or Chinese word is about two characters long).
pub fn size(text: &str, words: &[Range<usize>]) -> usize {
    let mut spaced = 0usize;
    let mut cjk = 0usize;
    for r in words {
        let w = &text[r.clone()];
        if w.chars().next().is_some_and(is_cjk) {
            cjk += w.chars().filter(|&c| is_cjk_letter(c)).count();
        } else {
            spaced += 1;
        }
    }
    spaced + cjk.div_ceil(2)
}

/// The runs of letters written without spaces inside `r`, as byte ranges.
pub fn cjk_runs(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let base = r.start;
    for (i, c) in text[r.clone()].char_indices() {
        let at = base + i;
        if is_cjk_letter(c) {
            start.get_or_insert(at);
        } else if let Some(s) = start.take() {
            out.push(s..at);
        }
    }
    if let Some(s) = start {
        out.push(s..r.end);
    }
    out
}

/// The longest phrase looked up when masking text written without spaces.
const MAX_PHRASE_CHARS: usize = 12;

/// The parts of `run` (a run of letters written without spaces) that no
/// phrase for which `known` holds covers. Phrases are matched longest first,
/// from the left, as a dictionary segmenter does.
pub fn unknown_parts(
    folded: &str,
    run: Range<usize>,
    known: impl Fn(&str) -> bool,
) -> Vec<Range<usize>> {
    unknown_parts_within(folded, run, MAX_PHRASE_CHARS, known)
}

/// As [`unknown_parts`], looking up phrases of at most `longest` letters.
pub fn unknown_parts_within(
    folded: &str,
    run: Range<usize>,
    longest: usize,
    known: impl Fn(&str) -> bool,
) -> Vec<Range<usize>> {
    let s = &folded[run.clone()];
    let mut bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
    bounds.push(s.len());
    let n = bounds.len() - 1;
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < n {
        let hit = (i + 1..=(i + longest).min(n))
            .rev()
            .find(|&j| known(&s[bounds[i]..bounds[j]]));
        if let Some(j) = hit {
            i = j;
            continue;
        }
        let (a, b) = (run.start + bounds[i], run.start + bounds[i + 1]);
        match out.last_mut() {
            Some(last) if last.end == a => last.end = b,
            _ => out.push(a..b),
        }
        i += 1;
    }
    out
}

/// Sentences: split after `.`, `!`, `?` followed by white space (not after an
/// abbreviation, an initial, or an ordinal such as "18. Dezember", and not
/// when the next word starts in lower case), after `!` and `?` followed by
/// Japanese or Chinese text, after `。！？｡` always, and at line breaks. Only
/// ranges holding a letter or digit count.
pub fn sentences(text: &str, lex: &Lexicon) -> Vec<Range<usize>> {
    // A sentence holds a letter and a terminator: room for all at once, as
    // in `split_words`.
    let mut out = Vec::with_capacity(text.len() / 2 + 1);
    let mut start = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        // Only terminators matter: ASCII ones, and 。！？｡ (E3 80 82, EF BC 81,
        // EF BC 9F, EF BD A1).
        let (c, len) = match b {
            b'.' | b'!' | b'?' | b'\n' => (char::from(b), 1),
            0xE3 | 0xEF => match text[i..].chars().next() {
                Some(ch) if CJK_ENDS.contains(&ch) => (ch, ch.len_utf8()),
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
                if CLOSERS.contains(&n) || matches!(n, '.' | '!' | '?') || CJK_ENDS.contains(&n) {
                    end += n.len_utf8();
                } else {
                    break;
                }
            }
            let next = text[end..].chars().next();
            let cjk = CJK_ENDS.contains(&c);
            let spaced = next.is_none_or(|n| n.is_whitespace() || is_cjk_letter(n));
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
        // Damaged text reads as what it stands for: "Ã¼." is the initial "ü.".
        let token = fold(&super::common::mended(raw));
        let token = token.trim_start_matches(['(', '"', '\'', '„', '“', '‚']);
        if lex.abbreviations.contains(token) {
            // "usw." and "etc." close a list, and often the sentence: a function
            // word after them ("… usw. Der Partner …") starts a new one.
            return lex.list_enders.contains(token) && next_is_function_word(text, after, lex);
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
    // A sentence does not start in lower case. Damaged text reads as what
    // it stands for: "Ã¼ber" starts with "ü".
    let rest = text[after..].trim_start();
    let head = &rest[..rest.floor_char_boundary(rest.len().min(12))];
    let mended = super::common::mojibake_runs(head)
        .into_iter()
        .find(|(r, _)| r.start == 0)
        .and_then(|(_, fix)| fix.chars().next());
    mended
        .or_else(|| rest.chars().next())
        .is_none_or(|nc| !nc.is_lowercase())
}

/// Is the word after byte `after` a capitalised function word ("Der", "The")?
fn next_is_function_word(text: &str, after: usize, lex: &Lexicon) -> bool {
    let rest = text[after..].trim_start();
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    word.starts_with(char::is_uppercase) && lex.guess_words.contains(&fold(&word))
}

/// Does one of `sorted` (sorted by start, not overlapping) hold all of `r`?
pub fn inside_any(sorted: &[Range<usize>], r: &Range<usize>) -> bool {
    let k = sorted.partition_point(|s| s.start <= r.start);
    k > 0 && r.end <= sorted[k - 1].end.max(sorted[k - 1].start)
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
        for one in [
            "Kunde plant ggf. eine Migration, evtl. im Januar bzw. nach der Übernahme.",
            "Es fehlen Lizenzen, Geräte usw. Teams-Räume folgen im Januar.",
            "Geprüft wurden u. a. Exchange und Teams, ca. 300 Postfächer.",
            "Die Firewall bzgl. Teams ist v. a. für UDP gesperrt, s. o. Abschnitt 2.",
            "Laut Vertrag (vgl. Anlage 3, Nr. 4) gilt das insb. für Testlizenzen.",
        ] {
            assert_eq!(split(one, Lang::De), [one], "{one}");
        }
        assert_eq!(
            split("Geprüft wurden u. a. Exchange. Danach Teams.", Lang::De).len(),
            2
        );
        // A list's "usw." ends the sentence when a function word follows.
        assert_eq!(
            split(
                "Es fehlen Lizenzen, Geräte usw. Der Partner wartet auf die Bestellung.",
                Lang::De
            )
            .len(),
            2
        );
        assert_eq!(
            split("Mailboxes, sites etc. The rest follows in May.", Lang::En).len(),
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
        for lang in Lang::ALL {
            assert_eq!(split("お客様は計画中です。次は移行です。", lang).len(), 2);
            assert_eq!(split("客户正在部署！下一步？", lang).len(), 2);
        }
        assert_eq!(
            split("お客様は移行を完了しました！次は Teams です｡", Lang::Ja),
            ["お客様は移行を完了しました！", "次は Teams です｡"]
        );
        // No spaces needed; closing brackets stay with their sentence.
        assert_eq!(
            split("「移行は完了。」次は SPO。", Lang::Ja),
            ["「移行は完了。」", "次は SPO。"]
        );
        assert_eq!(split("完了!次は SPO?", Lang::Ja), ["完了!", "次は SPO?"]);
        // Dots in versions, domains and abbreviations do not end a sentence.
        assert_eq!(
            split(
                "TLS 1.2 と contoso.onmicrosoft.com (例: e.g. 設定) を確認しました。",
                Lang::Ja
            )
            .len(),
            1
        );
        assert_eq!(
            split("由于代理不支持 TLS 1.2，无法部署。客户已确认。", Lang::Zh).len(),
            2
        );
    }

    #[test]
    fn size_counts_cjk_by_two_characters() {
        let t = "SPO のメモを参照";
        assert_eq!(size(t, &words(t)), 1 + 3);
        let t = "Customer will not deploy";
        assert_eq!(size(t, &words(t)), 4);
        let t = "无效。";
        assert_eq!(size(t, &words(t)), 1);
        // Iteration marks are letters of the same script: no spaced word here.
        let t = "様々な理由";
        assert!(words(t).iter().all(|r| t[r.clone()].chars().count() == 1));
        assert_eq!(size(t, &words(t)), 3);
    }

    #[test]
    fn unknown_parts_mask_known_phrases() {
        let known = |p: &str| ["特定", "の", "オンプレミス", "お客様", "は"].contains(&p);
        let t = "お客様は特定のオンプレミス環境";
        let runs = cjk_runs(t, 0..t.len());
        assert_eq!(runs.len(), 1);
        let unknown: Vec<&str> = unknown_parts(t, runs[0].clone(), known)
            .into_iter()
            .map(|r| &t[r])
            .collect();
        assert_eq!(unknown, ["環境"]);
        let t = "TLS 1.2 をサポート";
        let runs: Vec<&str> = cjk_runs(t, 0..t.len()).into_iter().map(|r| &t[r]).collect();
        assert_eq!(runs, ["をサポート"]);
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
