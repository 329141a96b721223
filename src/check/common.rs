//! Rules for every kind of note: placeholders, damaged text, tags.

use super::Ctx;
use super::lexicon::{TagMatchers, fold};
use super::settings::TagRule;
use super::text::sentence_of;
use crate::template::placeholder;
use std::ops::Range;

/// `[placeholders]` left from a sentence template.
pub fn placeholders(c: &mut Ctx<'_>) {
    for p in placeholder::find(c.text) {
        // "[Intune]", "[Entra ID]": a workload named in brackets, as the
        // template writes its codes, is no blank.
        let inner = p.span.start + 1..p.span.end.saturating_sub(1).max(p.span.start + 1);
        if c.in_name(&inner) {
            continue;
        }
        let text = c.text[p.span.clone()].to_string();
        c.push("placeholder", "placeholder", p.span, &[("text", &text)]);
    }
}

/// cp1252's characters for the bytes 0x80–0x9F.
const CP1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// The byte a character stands for when UTF-8 was read as cp1252.
fn cp1252_byte(c: char) -> Option<u8> {
    let n = u32::from(c);
    if (0xA0..=0xFF).contains(&n) {
        return u8::try_from(n).ok();
    }
    CP1252
        .iter()
        .position(|&x| x == c)
        .and_then(|i| u8::try_from(0x80 + i).ok())
}

/// UTF-8 read as cp1252 ("â€“" for "–", "Ã¼" for "ü"): each run, with its fix.
/// One pass over the text, with nothing kept per character.
pub fn mojibake_runs(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    // Every lead character (U+00C2–U+00F4) is encoded starting 0xC3 or 0xC2.
    if !text.bytes().any(|b| b == 0xC2 || b == 0xC3) {
        return Vec::new();
    }
    let mut out: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        let lead = u32::from(c);
        let n = match lead {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 0,
        };
        if n > 0
            && let Some((fixed, end)) = mended_at(text, i + c.len_utf8(), lead, n)
        {
            match out.last_mut() {
                Some((r, f)) if r.end == i => {
                    r.end = end;
                    f.push_str(&fixed);
                }
                _ => out.push((i..end, fixed)),
            }
            i = end;
            continue;
        }
        i += c.len_utf8();
    }
    out
}

/// The character that `lead` (a cp1252 reading of a UTF-8 lead byte) and
/// the `n - 1` characters from byte `at` of `text` stand for, and where they
/// end; none when they are not such a reading.
fn mended_at(text: &str, mut at: usize, lead: u32, n: usize) -> Option<(String, usize)> {
    let mut bytes = [u8::try_from(lead).ok()?, 0, 0, 0];
    for slot in bytes.iter_mut().take(n).skip(1) {
        let cc = text.get(at..)?.chars().next()?;
        *slot = cp1252_byte(cc).filter(|b| (0x80..=0xBF).contains(b))?;
        at += cc.len_utf8();
    }
    let fixed = std::str::from_utf8(bytes.get(..n)?).ok()?;
    Some((fixed.to_string(), at))
}

/// `folded` (the folded form of `text`, of the same length) with every
/// damaged punctuation run ("â€“" for "–") turned to spaces of the same
/// byte length: the words beside it stand apart, as they did before the
/// damage ("pausedâ€“" reads "paused").
pub fn blank_damaged_punctuation(text: &str, folded: &mut String) {
    let runs: Vec<std::ops::Range<usize>> = mojibake_runs(text)
        .into_iter()
        .filter(|(_, fix)| !fix.contains(char::is_alphanumeric))
        .map(|(r, _)| r)
        .collect();
    if runs.is_empty() || folded.len() != text.len() {
        return;
    }
    let mut out = String::with_capacity(folded.len());
    let mut at = 0;
    for r in runs {
        out.push_str(&folded[at..r.start]);
        for ch in folded[r.clone()].chars() {
            out.push(match ch.len_utf8() {
                1 => ' ',
                2 => '\u{a0}',
                3 => '\u{2002}',
                // No damaged run holds one; kept as it is, the length holds.
                _ => ch,
            });
        }
        at = r.end;
    }
    out.push_str(&folded[at..]);
    *folded = out;
}

/// `text` with every mojibake run mended (borrowed when there is none).
pub fn mended(text: &str) -> std::borrow::Cow<'_, str> {
    let runs = mojibake_runs(text);
    if runs.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (span, fix) in runs {
        out.push_str(&text[at..span.start]);
        out.push_str(&fix);
        at = span.end;
    }
    out.push_str(&text[at..]);
    std::borrow::Cow::Owned(out)
}

pub fn mojibake(c: &mut Ctx<'_>) {
    for (span, fix) in mojibake_runs(c.text) {
        let text = c.text[span.clone()].to_string();
        c.push(
            "mojibake",
            "mojibake",
            span.clone(),
            &[("text", &text), ("fix", &fix)],
        );
        // "Ã©Date:" mended to "éDate:" joins two words into one: the
        // author should see where the words break.
        let joins = |damaged: Option<char>, mended: Option<char>, next: Option<char>| {
            let word = |ch: Option<char>| ch.is_some_and(char::is_alphanumeric);
            word(next) && word(mended) && !word(damaged)
        };
        let applicability = if joins(
            text.chars().next_back(),
            fix.chars().next_back(),
            c.text[span.end..].chars().next(),
        ) || joins(
            text.chars().next(),
            fix.chars().next(),
            c.text[..span.start].chars().next_back(),
        ) {
            super::Applicability::Review
        } else {
            super::Applicability::Safe
        };
        c.fix(
            "fix-mojibake",
            &[("text", &text), ("fix", &fix)],
            applicability,
            vec![super::Edit::new(span, fix.clone())],
        );
    }
}

/// Characters the portal field does not keep as typed: invisible spaces
/// (zero-width, word joiners, byte-order marks) and tabs. One hint, with
/// one fix for them all.
pub fn whitespace(c: &mut Ctx<'_>) {
    let mut edits = Vec::new();
    for (i, ch) in c.text.char_indices() {
        match ch {
            '\t' => edits.push(super::Edit::new(i..i + 1, " ")),
            '\u{200b}' | '\u{200c}' | '\u{2060}' | '\u{feff}' => {
                edits.push(super::Edit::new(i..i + ch.len_utf8(), ""));
            }
            _ => {}
        }
    }
    let Some(first) = edits.first().map(super::Edit::span) else {
        return;
    };
    let count = edits.len().to_string();
    c.push(
        "portal-whitespace",
        "portal-whitespace",
        first,
        &[("count", &count)],
    );
    c.fix("fix-whitespace", &[], super::Applicability::Safe, edits);
}

/// Where a tag stands in the note, if it does. A mark on its last letter
/// ("#covid\u{301}") makes it another word.
fn tag_at(c: &Ctx<'_>, tag: &str) -> Option<Range<usize>> {
    c.folded
        .match_indices(tag)
        .find(|(i, _)| {
            let end = i + tag.len();
            (super::lexicon::at_boundaries(&c.folded, *i, end)
                || c.folded[end..].starts_with(|ch: char| !ch.is_alphanumeric()))
                && super::edits::grapheme_boundary(&c.folded, end)
        })
        .map(|(i, _)| i..i + tag.len())
}

/// The first phrase of `suggest` that shares a sentence with one of `with`
/// (any phrase of `suggest` when `with` is empty).
fn called_for(c: &Ctx<'_>, m: &TagMatchers) -> Option<Range<usize>> {
    let hits = c.find(&m.suggest);
    if m.with.is_empty() {
        return hits.into_iter().next().map(|(_, r)| r);
    }
    let with: Vec<Option<usize>> = c
        .find(&m.with)
        .into_iter()
        .map(|(_, r)| sentence_of(&c.sents, r.start))
        .collect();
    hits.into_iter()
        .map(|(_, r)| r)
        .find(|r| with.contains(&sentence_of(&c.sents, r.start)))
}

/// Tag rules: the tag is wrong when the note says certain things, and
/// called for when it says others. The language's built-in rules first,
/// then config's.
pub fn tags(c: &mut Ctx<'_>, extra: &[super::TagCheck]) {
    let lex = c.lex;
    let builtin = lex
        .tag_rules
        .iter()
        .zip(lex.tag_matchers.iter())
        .map(|(r, m)| (r, m, true));
    let configured = extra.iter().map(|t| (&t.rule, &t.own, false));
    let all: Vec<(&TagRule, &TagMatchers, bool)> = builtin.chain(configured).collect();
    for (rule, m, builtin) in all {
        let tag = fold(&rule.tag);
        match (tag_at(c, &tag), c.first(&m.forbid)) {
            (Some(span), Some(_)) => {
                let key = if builtin {
                    "tag-forbidden"
                } else {
                    "tag-forbidden-other"
                };
                c.push_custom(
                    "tag-forbidden",
                    key,
                    span.clone(),
                    &[("tag", &rule.tag)],
                    rule.forbid_message.clone(),
                );
                // The tag and the space before it (or after it, at the start).
                let before = c.text[..span.start].len()
                    - c.text[..span.start].trim_end_matches([' ', '\t']).len();
                let after = c.text[span.end..].len()
                    - c.text[span.end..].trim_start_matches([' ', '\t']).len();
                // Between two words with no space of its own ("ü#covid 2026"),
                // it leaves the space after it to part them.
                let glued = span.start > 0
                    && c.text[span.end + after..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                // Opening a sentence, it hands its capital on: "… paused.
                // #covid currently …" → "… paused. Currently …".
                let opens = c.text[..span.start]
                    .trim_end_matches([' ', '\t'])
                    .ends_with(['.', '!', '?', '\n', '。', '！', '？'])
                    && c.text[span.end + after..].starts_with(char::is_lowercase);
                let edit = if opens {
                    super::edits::remove(c, &span)
                } else if before > 0 {
                    super::Edit::new(span.start - before..span.end, "")
                } else if glued {
                    super::Edit::new(span.clone(), "")
                } else {
                    super::Edit::new(span.start..span.end + after, "")
                };
                // A tag standing as a label's value ("Next Action: #covid")
                // leaves the label empty: the author decides.
                let as_value = c.text[..span.start]
                    .trim_end_matches([' ', '\t'])
                    .ends_with([':', '：']);
                let applicability = if as_value {
                    super::Applicability::Review
                } else {
                    super::Applicability::Safe
                };
                c.fix(
                    "fix-remove-tag",
                    &[("tag", &rule.tag)],
                    applicability,
                    vec![edit],
                );
            }
            (None, None) => {
                if let Some(r) = called_for(c, m) {
                    let key = if builtin {
                        "tag-suggested"
                    } else {
                        "tag-suggested-other"
                    };
                    let text = c.text[r.clone()].to_string();
                    c.push_custom(
                        "tag-suggested",
                        key,
                        r,
                        &[("tag", &rule.tag), ("text", &text)],
                        rule.suggest_message.clone(),
                    );
                    // At the end of the first line: a prose note's end, an Exec Summary's heading.
                    let line_end = c.text.find('\n').unwrap_or(c.text.len());
                    let at = c.text[..line_end].trim_end().len();
                    c.fix(
                        "fix-add-tag",
                        &[("tag", &rule.tag)],
                        super::Applicability::Safe,
                        vec![super::Edit::new(at..at, format!(" {}", rule.tag))],
                    );
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_punctuation_parts_words_and_keeps_every_offset() {
        let t = "Kunde pausiertâ€“ ZÃ¼rich";
        let mut folded = fold(t);
        blank_damaged_punctuation(t, &mut folded);
        assert_eq!(folded.len(), t.len());
        assert!(folded.starts_with("kunde pausiert\u{a0}"), "{folded:?}");
        // A damaged letter is a letter: "zã¼rich" stays one word.
        assert!(folded.ends_with(" zã¼rich"), "{folded:?}");
        for (i, _) in t.char_indices() {
            assert!(folded.is_char_boundary(i), "{i}");
        }
    }

    #[test]
    fn finds_and_fixes_mojibake() {
        let t = "Outlook Mobile â€“ review; ZÃ¼rich; Customerâ€™s; fine – ü";
        let runs = mojibake_runs(t);
        let fixes: Vec<(&str, &str)> = runs
            .iter()
            .map(|(r, f)| (&t[r.clone()], f.as_str()))
            .collect();
        assert_eq!(fixes, [("â€“", "–"), ("Ã¼", "ü"), ("â€™", "’")]);
        // Runs side by side are one; a reading cut short by the end of the
        // text, or broken by a clean character, is none.
        let t = "Ã¼Ã¶ fine â€";
        let runs = mojibake_runs(t);
        assert_eq!(runs, [(0..8, "üö".to_string())]);
        assert!(mojibake_runs("Ã").is_empty());
        assert!(mojibake_runs("âx€").is_empty());
    }

    #[test]
    fn clean_german_and_french_text_is_not_mojibake() {
        for t in [
            "Größe, Übernahme, Straße, äußerst",
            "Café, à la carte, garçon",
            "日本語のテキスト",
        ] {
            assert!(mojibake_runs(t).is_empty(), "{t}");
        }
    }
}
