//! Entitlement Status notes: intent and the why, in at most two sentences.

use super::finding::Severity;
use super::lexicon::is_cjk;
use super::segments;
use super::text::{cjk_runs, is_cjk_letter, sentence_of, unknown_parts, unknown_parts_within};
use super::{Applicability, Ctx, Edit, edits};
use crate::template::{Template, placeholder};
use std::ops::Range;

/// Sentence ends trimmed from a note before comparing it with a word list.
const ENDS: [char; 7] = ['.', '!', '?', '。', '！', '？', '｡'];

/// Marks that end a clause of text written without spaces.
const CJK_CLAUSE_ENDS: [char; 2] = ['，', '；'];

/// Marks that separate clauses before a reason given ahead of its marker.
const CLAUSE_MARKS: [char; 5] = ['，', '、', '；', ',', ';'];

/// The longest marker phrase, in bytes: markers near one another are compared.
const MAX_MARKER: usize = 64;

/// How many markers back a clause may start (overlapping markers).
const MAX_MARKER_LOOKBACK: usize = 4;

/// Characters above which an entitlement note is padded.
const MAX_CHARS: usize = 350;
const MAX_CHARS_CJK: usize = 150;

pub fn check(c: &mut Ctx<'_>, tpl: Option<&Template>) {
    let trimmed = c.text.trim();
    let lead = c.text.len() - c.text.trim_start().len();
    let whole = lead..lead + trimmed.len();
    if trimmed.is_empty() {
        c.push("empty", "empty", 0..c.text.len(), &[]);
        return;
    }
    if near_empty(c, trimmed) {
        c.push("near-empty", "near-empty", whole, &[("text", trimmed)]);
        return;
    }
    if usage_only(c) {
        c.push("usage-only", "usage-only", whole, &[]);
        return;
    }
    let status = c.status.map(str::to_string);
    if status_only(c, trimmed) {
        c.push(
            "status-only",
            "status-only",
            whole.clone(),
            &[("text", trimmed)],
        );
        // The status's first sentence template in place of the word.
        if let (Some(st), Some(t)) = (status.as_deref(), tpl)
            && let Some(first) = t.sentences_for(st).next()
        {
            let applicability = if placeholder::find(&first.text).is_empty() {
                Applicability::Review
            } else {
                Applicability::Placeholders
            };
            // The template's start: whole when short, else cut with "…".
            let label: String = if first.text.chars().count() > 40 {
                first.text.chars().take(39).chain(['…']).collect()
            } else {
                first.text.clone()
            };
            c.fix(
                "fix-sentence-template",
                &[("text", &label)],
                applicability,
                vec![Edit::new(whole.clone(), first.text.clone())],
            );
        }
        if matches!(status.as_deref(), None | Some("in-progress")) {
            return;
        }
    }
    length(c);
    match status.as_deref() {
        Some(st @ ("blocked" | "no-intent")) => {
            let declined_ftc = st == "no-intent" && ftc_declined(c);
            if reads_as_progress(c, st) {
                let text = c.sentence_text(whole.start);
                let status = c.status_label.clone();
                c.push(
                    "contradiction",
                    "contradiction",
                    whole.clone(),
                    &[("text", &text), ("status", &status)],
                );
            } else if !declined_ftc {
                // Declining FastTrack is the warning; its reason is not the service's.
                reason(c, &whole);
                contradiction(c, false);
            }
            vague_time(c, Severity::Warning);
        }
        Some("in-progress") => {
            vague_time(c, Severity::Hint);
            contradiction(c, true);
        }
        Some("unknown") => {
            unknown(c, &whole);
            vague_time(c, Severity::Warning);
        }
        Some("duplicate-invalid") => {
            duplicate(c);
            vague_time(c, Severity::Warning);
        }
        _ => vague_time(c, Severity::Hint),
    }
    engagement(c);
}

fn norm(folded: &str) -> String {
    folded
        .trim()
        .trim_end_matches(ENDS)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn near_empty(c: &Ctx<'_>, trimmed: &str) -> bool {
    if c.size() > 6 {
        return c.size() <= 16 && only_a_pointer(c);
    }
    let n = norm(&c.folded);
    // A letter of text written without spaces carries about two letters' worth;
    // damaged text counts as what it stands for ("Ã¼" is one letter).
    let letters_of = |t: &str| -> usize {
        super::common::mended(t)
            .chars()
            .filter(|ch| ch.is_alphanumeric())
            .map(|ch| if is_cjk(ch) { 2 } else { 1 })
            .sum()
    };
    let letters = letters_of(trimmed);
    // Words of time alone ("currently", "at this time") say nothing either.
    let timeless = || {
        let vague = c.find(&c.lex.vague_time);
        let mut rest = String::new();
        let mut at = 0;
        for (_, r) in &vague {
            rest.push_str(&c.text[at..r.start.max(at)]);
            rest.push(' ');
            at = at.max(r.end);
        }
        rest.push_str(&c.text[at..]);
        !vague.is_empty() && letters_of(&rest) <= 2
    };
    if c.lex.filler.contains(&n) || letters <= 2 || timeless() {
        return true;
    }
    let lead = c.folded.len() - c.folded.trim_start().len();
    if c.find(&c.lex.cross_reference)
        .into_iter()
        .next()
        .is_some_and(|(_, r)| r.start == lead)
    {
        return true;
    }
    // "SPO のメモを参照": the pointer closes the note.
    let end = c.folded.trim_end().trim_end_matches(ENDS).len();
    if c.find(&c.lex.cross_reference_end)
        .last()
        .is_some_and(|(_, r)| r.end == end)
    {
        return true;
    }
    only_a_pointer(c)
}

/// "Details siehe Overall Status Notes", "詳細は全体的なステータス メモを参照":
/// a pointer to another note, and nothing else.
fn only_a_pointer(c: &Ctx<'_>) -> bool {
    let pointers: Vec<Range<usize>> = c
        .find(&c.lex.cross_reference)
        .into_iter()
        .chain(c.find(&c.lex.cross_reference_end))
        .map(|(_, r)| r)
        .collect();
    if pointers.is_empty() {
        return false;
    }
    let lex = c.lex;
    let inside = |r: &Range<usize>| {
        pointers
            .iter()
            .any(|p| p.start <= r.start && r.end <= p.end)
    };
    let known = |w: &str| {
        lex.pointer_words.contains(w) || lex.neutral.contains(w) || lex.status_words.contains(w)
    };
    let spaced = c.words.iter().all(|r| {
        let w = &c.folded[r.clone()];
        // "EXO-Workload": each part a name or a pointer word.
        let parts_known = || {
            let mut at = r.start;
            w.split('-').all(|p| {
                let part = at..at + p.len();
                at += p.len() + 1;
                known(p) || c.in_name(&part)
            })
        };
        w.starts_with(is_cjk) || inside(r) || known(w) || c.in_name(r) || parts_known()
    });
    spaced
        && cjk_runs(&c.folded, c.whole()).into_iter().all(|run| {
            unknown_parts(&c.folded, run, |p| {
                known(p) || lex.cross_reference.contains(p) || lex.cross_reference_end.contains(p)
            })
            .is_empty()
        })
}

fn usage_only(c: &Ctx<'_>) -> bool {
    if !c.any(&c.lex.usage_markers) {
        return false;
    }
    // Latin words in a Japanese or Chinese note ("L1: In Progress / Usage
    // 3.2%") are read with the English lists too.
    let mut lists = vec![c.lex];
    if matches!(c.lex.lang, crate::lang::Lang::Ja | crate::lang::Lang::Zh) {
        lists.push(super::lexicon::Lexicon::get(crate::lang::Lang::En));
    }
    let status_tokens: Vec<&str> = lists
        .iter()
        .flat_map(|l| l.status_words.iter())
        .flat_map(|s| s.split(|ch: char| !ch.is_alphanumeric()))
        .collect();
    let spaced =
        c.words
            .iter()
            .filter(|r| !c.folded[(*r).clone()].starts_with(is_cjk) && !c.in_name(r))
            .flat_map(|r| c.folded[r.clone()].split('/').collect::<Vec<_>>())
            .all(|w| {
                lists.iter().any(|l| {
                    l.usage.contains(w) || l.neutral.contains(w) || l.vague_reason.contains(w)
                }) || status_tokens.contains(&w)
                    || w.chars()
                        .all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | ',' | '%'))
            });
    spaced
        && cjk_runs(&c.folded, c.whole()).into_iter().all(|run| {
            unknown_parts(&c.folded, run, |p| {
                c.lex.usage.contains(p)
                    || c.lex.neutral.contains(p)
                    || c.lex.vague_reason.contains(p)
                    || c.lex.status_words.contains(p)
                    || p.chars().all(char::is_numeric)
            })
            .is_empty()
        })
}

/// The note is only a status word, perhaps behind a label ("Status: in progress").
fn status_only(c: &Ctx<'_>, _trimmed: &str) -> bool {
    if c.size() > 8 {
        return false;
    }
    // "Currently in progress": words of time add nothing to the status.
    let timely: Vec<Range<usize>> = c
        .find(&c.lex.vague_time)
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    let mut timeless = String::with_capacity(c.folded.len());
    let mut at = 0;
    for t in &timely {
        timeless.push_str(&c.folded[at..t.start.max(at)]);
        at = at.max(t.end);
    }
    timeless.push_str(&c.folded[at..]);
    let n = norm(timeless.trim_start_matches([',', '、', '，', ' ']));
    let n = n
        .split_once([':', '=', '：'])
        .filter(|(head, _)| head.split_whitespace().all(|w| c.lex.usage.contains(w)))
        .map_or(n.as_str(), |(_, tail)| tail.trim());
    if c.lex.status_words.contains(n) {
        return true;
    }
    // "Deployment in progress", "Onboarding läuft": a status word, and only
    // neutral words about it.
    let statuses: Vec<Range<usize>> = c
        .lex
        .cues
        .iter()
        .flat_map(|(_, m)| c.find(m))
        .map(|(_, r)| r)
        .collect();
    !statuses.is_empty()
        && c.words.iter().all(|r| {
            let w = &c.folded[r.clone()];
            statuses
                .iter()
                .chain(&timely)
                .any(|s| s.start <= r.start && r.end <= s.end)
                || c.lex.status_words.contains(w)
                || c.lex.neutral.contains(w)
                || c.in_name(r)
        })
        && !c
            .words
            .iter()
            .any(|r| c.folded[r.clone()].starts_with(is_cjk))
}

fn length(c: &mut Ctx<'_>) {
    let n = c.sents.len();
    if n > 2 {
        let span = c.sents[2].start..c.sents[n - 1].end;
        c.push(
            "too-many-sentences",
            "too-many-sentences",
            span,
            &[("count", &n.to_string())],
        );
        return;
    }
    let cjk = c
        .text
        .chars()
        .filter(|&ch| super::lexicon::is_cjk(ch))
        .count();
    let chars = c.text.trim().chars().count();
    let max = if cjk * 2 > chars {
        MAX_CHARS_CJK
    } else {
        MAX_CHARS
    };
    if chars > max {
        let start = c.text.char_indices().nth(max).map_or(0, |x| x.0);
        c.push(
            "too-long",
            "too-long",
            start..c.text.trim_end().len(),
            &[("count", &chars.to_string())],
        );
    }
}

fn vague_time(c: &mut Ctx<'_>, severity: Severity) {
    let hits: Vec<Range<usize>> = c
        .find(&c.lex.vague_time)
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    let key = if severity == Severity::Hint {
        "vague-time-progress"
    } else {
        "vague-time"
    };
    for r in hits {
        let text = c.text[r.clone()].to_string();
        // "暂不部署", "还没有回应": the negation stays, only the time goes.
        let time = match text.find(['不', '未', '没']) {
            Some(i) if i > 0 => r.start..r.start + i,
            _ => r.clone(),
        };
        let edit = edits::remove(c, &time);
        // German puts the verb second: without a first word, "Aktuell wird
        // Intune nicht eingeführt" reads as a question; the words must move.
        let verb_second = c.lex.lang == crate::lang::Lang::De
            && c.text[..r.start]
                .trim_end()
                .chars()
                .next_back()
                .is_none_or(|ch| matches!(ch, '.' | '!' | '?' | '\n' | ':'));
        let applicability = if verb_second || edits::joins_clauses(c, &edit) {
            Applicability::Review
        } else {
            Applicability::Safe
        };
        c.push_sev("vague-time", severity, key, r, &[("text", &text)]);
        c.fix(
            "fix-remove-word",
            &[("text", &text)],
            applicability,
            vec![edit],
        );
    }
}

fn engagement(c: &mut Ctx<'_>) {
    let first = c
        .find(&c.lex.engagement)
        .into_iter()
        .map(|(_, r)| r)
        .find(|r| !negated(c, r.start));
    if let Some(r) = first {
        let text = c.sentence_text(r.start);
        c.push("engagement-info", "engagement-info", r, &[("text", &text)]);
    }
}

/// Does a negation stand right before byte `at` ("not", "也不")? In a
/// spaced script it must be a word of its own.
fn negated(c: &Ctx<'_>, at: usize) -> bool {
    let before = c.folded[..at].trim_end();
    let spaced = matches!(c.lex.lang, crate::lang::Lang::En | crate::lang::Lang::De);
    c.lex.negations.iter().any(|n| {
        before.strip_suffix(n.as_str()).is_some_and(|rest| {
            !spaced || !rest.chars().next_back().is_some_and(char::is_alphanumeric)
        })
    })
}

fn contradiction(c: &mut Ctx<'_>, progress: bool) {
    let m = if progress {
        &c.lex.negative_intent
    } else {
        &c.lex.positive_progress
    };
    if let Some(r) = c.first(m) {
        let text = c.text[r.clone()].to_string();
        let status = c.status_label.clone();
        c.push(
            "contradiction",
            "contradiction",
            r,
            &[("text", &text), ("status", &status)],
        );
    }
}

/// A Blocked or No Intent note whose words only describe progress: no cue of
/// its own status and no reason given.
fn reads_as_progress(c: &Ctx<'_>, status: &str) -> bool {
    let cue = |id: &str| {
        c.lex
            .cues
            .iter()
            .find(|(k, _)| k == id)
            .is_some_and(|(_, m)| c.any(m))
    };
    (cue("in-progress") || c.any(&c.lex.positive_progress))
        && !cue(status)
        && !cue("blocked")
        && !cue("no-intent")
        && !c.any(&c.lex.clear_intent)
        && c.first(&c.lex.causal).is_none()
        && c.first(&c.lex.vague_reason_phrases).is_none()
}

/// A No Intent note that declines FastTrack's help: warns, and says whether it did.
fn ftc_declined(c: &mut Ctx<'_>) -> bool {
    let ftc: Vec<Range<usize>> = c.find(&c.lex.ftc).into_iter().map(|(_, r)| r).collect();
    let decline: Vec<Range<usize>> = c.find(&c.lex.decline).into_iter().map(|(_, r)| r).collect();
    for f in &ftc {
        let s = sentence_of(&c.sents, f.start);
        if decline.iter().any(|d| sentence_of(&c.sents, d.start) == s) {
            let span = s.map_or(f.clone(), |i| c.sents[i].clone());
            c.push("ftc-declined", "ftc-declined", span, &[]);
            return true;
        }
    }
    false
}

/// Where a note gives reasons: marker spans and the clause each introduces.
struct Reasons {
    clauses: Vec<Range<usize>>,
    vague_phrases: Vec<Range<usize>>,
}

fn reasons(c: &Ctx<'_>) -> Reasons {
    // Markers whose reason comes before them ("…ため", "…导致"). Where markers
    // of the two kinds overlap ("因" in "因此", "原因" in "原因是") the longer holds.
    let after: Vec<Range<usize>> = c.find(&c.lex.causal).into_iter().map(|(_, r)| r).collect();
    let before_all: Vec<Range<usize>> = c
        .find(&c.lex.causal_before)
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    // Markers are short phrases and come sorted: look only at those near.
    let beaten = |r: &Range<usize>, others: &[Range<usize>]| {
        let from = others.partition_point(|o| o.start + MAX_MARKER <= r.start);
        others[from..]
            .iter()
            .take_while(|o| o.start < r.end)
            .any(|o| r.start < o.end && o.len() > r.len())
    };
    let before: Vec<Range<usize>> = before_all
        .iter()
        .filter(|b| !beaten(b, &after))
        .cloned()
        .collect();
    let mut markers: Vec<Range<usize>> = after
        .iter()
        .filter(|r| !beaten(r, &before_all))
        .cloned()
        .collect();
    for (_, r) in c.find(&c.lex.causal_clause) {
        let before = c.folded[..r.start].trim_end();
        let sentence_start = c.sents.iter().any(|s| s.start == r.start);
        let prev_word = before
            .rsplit(|ch: char| !ch.is_alphanumeric())
            .next()
            .unwrap_or("");
        let next_word = c.folded[r.end..]
            .split(|ch: char| !ch.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("");
        let opens_clause = c.lex.causal_clause_next.contains(next_word)
            && !c.lex.causal_clause_not_after.contains(prev_word);
        if before.is_empty()
            || before.ends_with([',', ';', ':', '—', '–'])
            || sentence_start
            || opens_clause
        {
            markers.push(r);
        }
    }
    // Damaged punctuation ("â€“" for "–") is no word: found once, sorted.
    let damaged: Vec<Range<usize>> = super::common::mojibake_runs(c.text)
        .into_iter()
        .filter(|(_, fix)| !fix.contains(char::is_alphanumeric))
        .map(|(r, _)| r)
        .collect();
    let is_damaged = |w: &Range<usize>| {
        let k = damaged.partition_point(|d| d.end < w.end);
        damaged
            .get(k)
            .is_some_and(|d| d.start <= w.start && w.end <= d.end)
    };
    // Words of time ("currently") weigh nothing after a colon either.
    let times = c.scan.get(&c.lex.vague_time, &c.folded);
    let is_time = |w: &Range<usize>| {
        let k = times.partition_point(|(_, t)| t.end < w.end);
        times
            .get(k)
            .is_some_and(|(_, t)| t.start <= w.start && w.end <= t.end)
    };
    for (i, colon) in c.text.match_indices([':', '：']) {
        let from = i + colon.len();
        let sent_end = sentence_of(&c.sents, i).map_or(c.text.len(), |s| c.sents[s].end);
        // Three words are enough to know: never more than that is counted.
        let words = c
            .words_in(&(from..sent_end.max(from)))
            .iter()
            .filter(|w| !is_damaged(w) && !is_time(w))
            .take(3)
            .count();
        if words >= 3 {
            markers.push(i..from);
        }
    }
    // A word can be a marker of two kinds ("since"): one clause, not an
    // empty one between the two.
    markers.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    markers.dedup_by(|later, kept| later.start < kept.end);
    let mut clauses: Vec<Range<usize>> = markers
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let sent_end = sentence_of(&c.sents, m.start).map_or(c.text.len(), |s| c.sents[s].end);
            let next = markers.get(k + 1).map_or(sent_end, |n| n.start.max(m.end));
            let end = next.min(sent_end).max(m.end);
            // "由于X，Y": the reason ends at the clause's full-width comma.
            let rest = &c.text[m.end..end];
            let lead = rest.len()
                - rest
                    .trim_start_matches(|ch: char| ch.is_whitespace() || CLAUSE_MARKS.contains(&ch))
                    .len();
            let end = rest[lead..]
                .find(CJK_CLAUSE_ENDS)
                .map_or(end, |i| m.end + lead + i);
            m.end..end
        })
        .collect();
    for b in &before {
        clauses.push(clause_before(c, b, &markers, &before));
    }
    markers.extend(before.iter().cloned());
    Reasons {
        clauses,
        vague_phrases: c
            .find(&c.lex.vague_reason_phrases)
            .into_iter()
            .map(|(_, r)| r)
            .collect(),
    }
}

/// The reason before a marker that follows it ("<reason>ため", "<reason>，因此"):
/// back from the marker to the sentence start, the previous marker or the
/// previous clause mark.
fn clause_before(
    c: &Ctx<'_>,
    m: &Range<usize>,
    markers: &[Range<usize>],
    before: &[Range<usize>],
) -> Range<usize> {
    let head = &c.text[..m.start];
    let end = head
        .trim_end_matches(|ch: char| ch.is_whitespace() || CLAUSE_MARKS.contains(&ch))
        .len();
    let sent_start = sentence_of(&c.sents, m.start).map_or(0, |s| c.sents[s].start);
    // Both lists are sorted: the last marker ending by `end` in each.
    let last_end = |list: &[Range<usize>]| {
        let k = list.partition_point(|r| r.start < end);
        list[k.saturating_sub(MAX_MARKER_LOOKBACK)..k]
            .iter()
            .filter(|r| r.end <= end)
            .map(|r| r.end)
            .max()
            .unwrap_or(0)
    };
    let prev_marker = last_end(markers).max(last_end(before));
    let from = sent_start.max(prev_marker).min(end);
    let start = c.text[from..end].rfind(CLAUSE_MARKS).map_or(from, |i| {
        from + i + c.text[from + i..].chars().next().map_or(1, char::len_utf8)
    });
    start..end
}

/// What a reason clause holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Content {
    /// Something that names the blocker: a product, a system, a rule.
    Concrete,
    /// Nothing concrete ("specific infrastructure", "some issues").
    Vague,
    /// Nothing concrete, and the intent said again ("because they do not
    /// intend to"): no reason at all.
    Restating,
    /// Nothing but words of time ("at this time", "so far"), perhaps with
    /// words of no content: no reason at all.
    Empty,
}

/// A word of a spaced script as a word list knows it, or with an inflection
/// taken off ("organisatorischer" → "organisatorisch").
fn known_in(set: &super::lexicon::WordSet, w: &str, inflections: &[String]) -> bool {
    set.contains(w)
        || inflections.iter().any(|e| {
            w.len() > e.len() + 2
                && w.ends_with(e.as_str())
                && set.contains(&w[..w.len() - e.len()])
        })
}

/// What the clause names beyond vague, neutral and restating words, the
/// workload's own name and the status words. `min` concrete words are needed
/// (text without spaces: parts of two letters or more no list covers).
fn content(c: &Ctx<'_>, clause: &Range<usize>, min: usize) -> Content {
    let lex = c.lex;
    let mut concrete = 0usize;
    // The status said again as the reason: "because they will not use it",
    // "使わないので".
    // "没有预算，无法部署": when a mark follows the causal word at once, the
    // word was the reason and the status after it is its consequence.
    let after_mark = c.text[clause.clone()]
        .trim_start()
        .starts_with(|ch: char| CLAUSE_MARKS.contains(&ch));
    let says_status = !after_mark && c.any_within(&lex.negative_intent, clause);
    let mut restates = false;
    // Words of a vague reason ("spezifischer Infrastruktur", "预算"): then
    // the status in the clause is no restatement, the reason is vague.
    let mut vague_seen = false;
    // A word of time seen, and no word of any weight: the clause is empty.
    let mut only_time = false;
    // "some issues with their servers": the area of an unnamed issue is not its name.
    let words = c.words_in(clause);
    let vague_phrase = c.any_within(&lex.vague_reason_phrases, clause)
        // "some technical issues", "einiger technischer Probleme"
        || words.iter().enumerate().any(|(i, r)| {
            lex.vague_quantifiers.contains(&c.folded[r.clone()])
                && words[i + 1..]
                    .iter()
                    .take(3)
                    .any(|n| known_in(&lex.vague_reason, &c.folded[n.clone()], &lex.inflections))
        });
    let min = if vague_phrase { min.max(2) } else { min };
    let latin = matches!(lex.lang, crate::lang::Lang::Ja | crate::lang::Lang::Zh)
        .then(|| super::lexicon::Lexicon::get(crate::lang::Lang::En));
    // Words of time ("so far", "derzeit") are vague, in either list.
    let hits = c.scan.get(&lex.vague_time, &c.folded);
    let from = hits.partition_point(|(_, h)| h.end <= clause.start);
    let mut timely: Vec<Range<usize>> = hits[from..]
        .iter()
        .take_while(|(_, h)| h.start < clause.end)
        .map(|(_, h)| h.clone())
        .collect();
    if let Some(en) = latin {
        let base = clause.start;
        timely.extend(
            en.vague_time
                .find(&c.folded[clause.clone()])
                .map(|(_, h)| h.start + base..h.end + base),
        );
    }
    for r in c.words_in(clause) {
        let r = r.start..r.end.min(clause.end).max(r.start);
        let w = &c.folded[r.clone()];
        // Damaged text reads as what it stands for: "â€“paused" is "–paused".
        let mended_word;
        let w = if super::common::mojibake_runs(&c.text[r.clone()]).is_empty() {
            w
        } else {
            mended_word = super::lexicon::fold(&super::common::mended(&c.text[r.clone()]));
            mended_word.trim_matches(|ch: char| !ch.is_alphanumeric())
        };
        let w = w.trim_end_matches("'s").trim_end_matches("’s");
        // A tag ("#covid") is no reason.
        let tagged = c.text[..r.start].ends_with('#') || w.starts_with('#');
        if w.is_empty() || w.starts_with(is_cjk) || c.in_name(&r) || tagged {
            continue;
        }
        if timely.iter().any(|t| t.start <= r.start && r.end <= t.end) {
            only_time = true;
            continue;
        }
        // Latin words in a Japanese or Chinese note ("Customer", "no intent")
        // are read with the English lists too.
        let lists: &[&super::lexicon::Lexicon] = match &latin {
            Some(en) => &[lex, en],
            None => &[lex],
        };
        if w.chars().any(char::is_numeric) {
            concrete += 1;
        } else if w.chars().count() < 2 {
            // A lone letter ("a", "x", the "â" of damaged text) names nothing.
        } else if lists
            .iter()
            .any(|l| known_in(&l.vague_reason, w, &l.inflections))
        {
            // Vague: neither concrete nor a restatement.
            vague_seen = true;
        } else if lists
            .iter()
            .any(|l| known_in(&l.restating, w, &l.inflections))
        {
            restates = true;
        } else if !lists.iter().any(|l| {
            known_in(&l.neutral, w, &l.inflections)
                // "Kd.", "Cx": the customer, however written, is no reason.
                || l.customer_words.contains(w)
                || l.numbers.contains(w)
                || l.status_words.contains(w)
        }) {
            concrete += 1;
        }
    }
    let seg = lex.segments();
    let mask = segments::VAGUE
        | segments::NEUTRAL
        | segments::NUMBER
        | segments::VAGUE_TIME
        | segments::RESTATING
        | segments::VAGUE_PHRASE
        | segments::INTENT
        | segments::STATUS;
    for run in cjk_runs(&c.folded, clause.clone()) {
        let unknown =
            unknown_parts_within(&c.folded, run.clone(), seg.longest, |p| seg.is(p, mask));
        concrete += unknown
            .iter()
            .filter(|u| c.folded[(*u).clone()].chars().count() >= 2)
            .count();
        let run_text = &c.folded[run];
        restates = restates || lex.restating.iter().any(|w| run_text.contains(w.as_str()));
        vague_seen = vague_seen
            || lex
                .vague_reason
                .iter()
                .any(|w| run_text.contains(w.as_str()));
    }
    let restates = restates || says_status && !vague_seen;
    if concrete >= min {
        Content::Concrete
    } else if restates && !vague_phrase {
        Content::Restating
    } else if only_time && concrete == 0 && !vague_seen && !vague_phrase {
        Content::Empty
    } else {
        Content::Vague
    }
}

/// A list of generic categories joined by slashes: "cloud/data/legal",
/// "クラウド/データ/法的要件".
fn slash_list(c: &Ctx<'_>) -> Option<Range<usize>> {
    spaced_slash_list(c).or_else(|| cjk_slash_list(c))
}

/// Slash-joined parts written without spaces: three or more parts, or two
/// that are both vague words.
fn cjk_slash_list(c: &Ctx<'_>) -> Option<Range<usize>> {
    if !c.text.contains(['/', '／']) {
        return None;
    }
    let letter = |ch: char| ch.is_alphanumeric();
    let chars: Vec<(usize, char)> = c.text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        // A chain: letters, then (slash, letters)+.
        let start = k;
        while k < chars.len() && letter(chars[k].1) {
            k += 1;
        }
        let mut parts: Vec<Range<usize>> = Vec::new();
        if k > start {
            let end_of = |i: usize| chars.get(i).map_or(c.text.len(), |x| x.0);
            parts.push(chars[start].0..end_of(k));
            while k + 1 < chars.len() && matches!(chars[k].1, '/' | '／') && letter(chars[k + 1].1)
            {
                let s = k + 1;
                k = s;
                while k < chars.len() && letter(chars[k].1) {
                    k += 1;
                }
                parts.push(chars[s].0..end_of(k));
            }
        }
        if parts.len() >= 2
            && parts
                .iter()
                .any(|p| c.text[p.clone()].contains(is_cjk_letter))
        {
            let alphabetic = parts
                .iter()
                .all(|p| c.text[p.clone()].chars().all(char::is_alphabetic));
            let first = known_suffix(c, &parts[0]);
            let last = known_prefix(c, &parts[parts.len() - 1]);
            let categories = alphabetic
                && (parts.len() >= 3
                    || (c.lex.vague_reason.contains(&c.folded[first.clone()])
                        && c.lex.vague_reason.contains(&c.folded[last.clone()])));
            if categories {
                return Some(first.start..last.end);
            }
        }
        k = k.max(start + 1);
    }
    None
}

/// The longest vague word ending `part` (the whole part when none does).
fn known_suffix(c: &Ctx<'_>, part: &Range<usize>) -> Range<usize> {
    c.folded[part.clone()]
        .char_indices()
        .map(|(i, _)| part.start + i)
        .find(|&i| c.lex.vague_reason.contains(&c.folded[i..part.end]))
        .map_or(part.clone(), |i| i..part.end)
}

/// The longest vague word starting `part` (the whole part when none does).
fn known_prefix(c: &Ctx<'_>, part: &Range<usize>) -> Range<usize> {
    let ends: Vec<usize> = c.folded[part.clone()]
        .char_indices()
        .map(|(i, ch)| part.start + i + ch.len_utf8())
        .collect();
    ends.into_iter()
        .rev()
        .find(|&e| c.lex.vague_reason.contains(&c.folded[part.start..e]))
        .map_or(part.clone(), |e| part.start..e)
}

/// Slash-joined words of spaced scripts.
fn spaced_slash_list(c: &Ctx<'_>) -> Option<Range<usize>> {
    c.words
        .iter()
        .find(|r| {
            let w = &c.text[(*r).clone()];
            if !w.contains('/') {
                return false;
            }
            let parts: Vec<&str> = w.split('/').collect();
            if !parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(char::is_alphabetic))
            {
                return false;
            }
            let lowerish = parts
                .iter()
                .filter(|p| p.chars().any(char::is_lowercase))
                .count();
            (parts.len() >= 3 && lowerish >= 2)
                || (parts.len() == 2
                    && parts
                        .iter()
                        .all(|p| c.lex.vague_reason.contains(&super::lexicon::fold(p))))
        })
        .cloned()
}

fn clause_text(c: &Ctx<'_>, r: &Range<usize>) -> String {
    let t = c.text[r.clone()].trim().trim_end_matches(['.', ',', ';']);
    let mut s: String = t.chars().take(80).collect();
    if t.chars().count() > 80 {
        s.push('…');
    }
    s
}

/// "… will not deploy due to [primary issue].": the reason's blank, where
/// the language puts it (after the statement, or before it).
fn reason_fix(c: &mut Ctx<'_>, whole: &Range<usize>) {
    let after = c.lex.message("fix-text-reason-after", &[]);
    let before = c.lex.message("fix-text-reason-before", &[]);
    let edit = if after.trim().is_empty() {
        Edit::new(whole.start..whole.start, before)
    } else {
        let first = c.sents.first().cloned().unwrap_or_else(|| whole.clone());
        let at = edits::before_end(c, &first);
        Edit::new(at..at, after)
    };
    c.fix(
        "fix-insert-reason",
        &[],
        Applicability::Placeholders,
        vec![edit],
    );
}

fn reason(c: &mut Ctx<'_>, whole: &Range<usize>) {
    if let Some(r) = slash_list(c) {
        let text = c.text[r.clone()].to_string();
        c.push("slash-reason", "slash-reason", r, &[("text", &text)]);
        return;
    }
    let rs = reasons(c);
    if rs.clauses.is_empty() && rs.vague_phrases.is_empty() {
        if juxtaposed(c) {
            return;
        }
        if let Some(t) = c.first(&c.lex.temporal) {
            let end = sentence_of(&c.sents, t.start).map_or(c.text.len(), |s| c.sents[s].end);
            let span = t.start..end;
            let text = clause_text(c, &span);
            c.push("temporal-only", "temporal-only", span, &[("text", &text)]);
        } else {
            let status = c.status_label.clone();
            c.push(
                "no-reason",
                "no-reason",
                whole.clone(),
                &[("status", &status)],
            );
            reason_fix(c, whole);
        }
        return;
    }
    let kinds: Vec<Content> = rs.clauses.iter().map(|cl| content(c, cl, 1)).collect();
    if kinds.contains(&Content::Concrete) {
        return;
    }
    if rs.vague_phrases.is_empty()
        && kinds
            .iter()
            .all(|k| matches!(k, Content::Restating | Content::Empty))
    {
        // "no intent because they do not intend to": the statement again.
        let status = c.status_label.clone();
        c.push(
            "no-reason",
            "no-reason",
            whole.clone(),
            &[("status", &status)],
        );
        reason_fix(c, whole);
        return;
    }
    let span = rs
        .vague_phrases
        .first()
        .or_else(|| {
            rs.clauses
                .iter()
                .find(|cl| !c.text[(*cl).clone()].trim().is_empty())
        })
        .cloned()
        .unwrap_or_else(|| whole.clone());
    let text = clause_text(c, &span);
    c.push("vague-reason", "vague-reason", span, &[("text", &text)]);
}

/// A concrete clause standing beside the statement of intent with no
/// causal word between them: after a dash, colon, semicolon or comma
/// ("not interested in Yammer – internal comms run on Workplace under a
/// contract through 2027"), or a Japanese or Chinese clause mark ("既に
/// Google Workspace を全社導入済みで、移行の予定なし", "客户已全面使用钉钉，不考虑 Teams").
fn juxtaposed(c: &Ctx<'_>) -> bool {
    let mut intent: Vec<Range<usize>> = c
        .find(&c.lex.clear_intent)
        .into_iter()
        .chain(c.find(&c.lex.negative_intent))
        .map(|(_, r)| r)
        .collect();
    for (id, m) in &c.lex.cues {
        if matches!(id.as_str(), "blocked" | "no-intent" | "duplicate-invalid") {
            intent.extend(c.find(m).into_iter().map(|(_, r)| r));
        }
    }
    beside(c, &intent)
}

/// Is there a concrete clause beside (not touching) the `cue` hits in one
/// of their sentences, split at clause marks?
fn beside(c: &Ctx<'_>, cue: &[Range<usize>]) -> bool {
    let mut cue = cue.to_vec();
    cue.sort_by_key(|r| r.start);
    let temporal: Vec<Range<usize>> = c
        .find(&c.lex.temporal)
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    let reporting: Vec<Range<usize>> = c
        .find(&c.lex.reporting)
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    // Both lists sorted by start, their phrases short: look only near.
    let touching = |hits: &[Range<usize>], seg: &Range<usize>| -> Option<Range<usize>> {
        let from = hits.partition_point(|h| h.start + MAX_MARKER <= seg.start);
        hits[from..]
            .iter()
            .take_while(|h| h.start < seg.end)
            .find(|h| seg.start < h.end)
            .cloned()
    };
    // "… under a contract until 2028": what stands before "until" counts. In
    // Japanese and Chinese the condition stands before its marker
    // ("…完成之前"), so a clause holding one is no reason.
    let before_time = |seg: &Range<usize>| -> Option<Range<usize>> {
        match touching(&temporal, seg) {
            Some(t) if c.text[t.clone()].starts_with(is_cjk) => None,
            Some(t) => Some(seg.start..t.start.max(seg.start)),
            None => Some(seg.clone()),
        }
    };
    c.sents.iter().enumerate().any(|(k, s)| {
        if touching(&cue, s).is_none() {
            return false;
        }
        let segments = clause_segments(c.text, s);
        let within = segments.len() >= 2
            && segments.iter().any(|(seg, mark)| {
                // A comma joins many things, so ask more of what stands after it.
                let min = match mark {
                    Mark::Comma => 3,
                    Mark::Spaced => 2,
                    Mark::Cjk => 1,
                };
                let Some(seg) = before_time(seg) else {
                    return false;
                };
                touching(&cue, &seg).is_none() && content(c, &seg, min) == Content::Concrete
            });
        // "Customer will not deploy Yammer. Internal comms run on Workplace.":
        // the sentence after the statement gives its reason.
        // (Not one that only says who was told: "The account team has been informed.")
        let next = c.sents.get(k + 1).and_then(before_time).is_some_and(|n| {
            touching(&cue, &n).is_none()
                && touching(&reporting, &n).is_none()
                && content(c, &n, 2) == Content::Concrete
        });
        within || next
    })
}

/// What ends a clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    Comma,
    /// " – ", ";", ":" in a spaced script.
    Spaced,
    /// "，", "；", "、", or the sentence's end.
    Cjk,
}

/// The clauses of a sentence, split at "，", "；", "、" and at " – ", " - ",
/// " — ", ";", ":", "," — each with the mark before it.
fn clause_segments(text: &str, s: &Range<usize>) -> Vec<(Range<usize>, Mark)> {
    let mut out = Vec::new();
    let mut start = s.start;
    let mut mark = Mark::Cjk;
    let t = &text[s.clone()];
    for (i, ch) in t.char_indices() {
        let at = s.start + i;
        let cjk_mark = CJK_CLAUSE_ENDS.contains(&ch) || ch == '、';
        let spaced_mark = matches!(ch, ';' | ':' | ',')
            || (matches!(ch, '–' | '—' | '-')
                && t[..i].ends_with(' ')
                && t[i + ch.len_utf8()..].starts_with(' '));
        // "1,800" and "10:30" are numbers, not clause marks.
        let in_number = matches!(ch, ',' | ':')
            && t[..i].ends_with(|p: char| p.is_ascii_digit())
            && t[i + 1..].starts_with(|n: char| n.is_ascii_digit());
        if (cjk_mark || spaced_mark) && !in_number {
            out.push((start..at, mark));
            start = at + ch.len_utf8();
            mark = match ch {
                ',' => Mark::Comma,
                _ if spaced_mark => Mark::Spaced,
                _ => Mark::Cjk,
            };
        }
    }
    out.push((start..s.end, mark));
    // The first clause is judged by the mark that ends it.
    if out.len() > 1 {
        out[0].1 = out[1].1;
    }
    out
}

fn is_number(c: &Ctx<'_>, w: &str) -> bool {
    w.chars().all(|ch| ch.is_ascii_digit()) || c.lex.numbers.contains(w)
}

/// Does the range hold a count written the way Japanese and Chinese write
/// one: a number followed by a counter ("3 回", "３次") or a counted word of
/// the lexicon ("三次")?
fn has_count(c: &Ctx<'_>, r: &Range<usize>) -> bool {
    let t = &c.folded[r.clone()];
    if c.lex.numbers.iter().any(|n| t.contains(n.as_str())) {
        return true;
    }
    let mut rest = t;
    while let Some(i) = rest.find(char::is_numeric) {
        let after = rest[i..].trim_start_matches(char::is_numeric);
        let next = after.trim_start();
        if c.lex.counters.iter().any(|k| next.starts_with(k.as_str())) {
            return true;
        }
        rest = after;
    }
    false
}

fn unknown(c: &mut Ctx<'_>, whole: &Range<usize>) {
    let counts_in = |r: &Range<usize>| {
        sentence_of(&c.sents, r.start).is_some_and(|s| has_count(c, &c.sents[s]))
    };
    let mut attempts: Vec<Range<usize>> = c
        .find(&c.lex.attempts)
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    // "3回連絡も応答なし", "联系 3 次": contacting, counted, is an attempt.
    attempts.extend(
        c.find(&c.lex.contact)
            .into_iter()
            .map(|(_, r)| r)
            .filter(|r| counts_in(r)),
    );
    attempts.sort_by_key(|r| r.start);
    let has_account = c.any(&c.lex.managed);
    if attempts.is_empty() && !has_account {
        c.push("unknown-no-detail", "unknown-no-detail", whole.clone(), &[]);
        let edits = vec![attempts_edit(c, whole), account_edit(c)];
        c.fix(
            "fix-insert-unknown",
            &[],
            Applicability::Placeholders,
            edits,
        );
        return;
    }
    let toks = &c.words;
    let counted = c.find(&c.lex.attempts_counted).into_iter().any(|(_, r)| {
        let idx = toks.partition_point(|t| t.end.max(t.start + 1) <= r.start);
        if toks.get(idx).is_none_or(|t| t.start > r.start) {
            return false;
        }
        let sent = sentence_of(&c.sents, r.start);
        toks[idx.saturating_sub(3)..(idx + 4).min(toks.len())]
            .iter()
            .any(|t| sentence_of(&c.sents, t.start) == sent && is_number(c, &c.folded[t.clone()]))
    });
    let counted = counted || (!c.lex.counters.is_empty() && attempts.iter().any(counts_in));
    if !counted {
        let span = attempts.first().cloned().unwrap_or_else(|| whole.clone());
        c.push("unknown-attempt-count", "unknown-attempt-count", span, &[]);
        // "to contact attempts": the count goes before the attempts named.
        let edit = match c.first(&c.lex.attempts_nouns) {
            Some(r) => Edit::new(
                r.start..r.start,
                c.lex.message("fix-text-attempts-count", &[]),
            ),
            None => attempts_edit(c, whole),
        };
        c.fix(
            "fix-insert-attempts",
            &[],
            Applicability::Placeholders,
            vec![edit],
        );
    }
    if !has_account {
        c.push("unknown-account", "unknown-account", whole.clone(), &[]);
        let edit = account_edit(c);
        c.fix(
            "fix-insert-account",
            &[],
            Applicability::Placeholders,
            vec![edit],
        );
    }
}

/// "… after [number] contact attempts", where the language puts it.
fn attempts_edit(c: &Ctx<'_>, whole: &Range<usize>) -> Edit {
    let after = c.lex.message("fix-text-attempts-after", &[]);
    if after.trim().is_empty() {
        return Edit::new(
            whole.start..whole.start,
            c.lex.message("fix-text-attempts-before", &[]),
        );
    }
    let first = c.sents.first().cloned().unwrap_or_else(|| whole.clone());
    let at = edits::before_end(c, &first);
    Edit::new(at..at, after)
}

/// "[Managed or Unmanaged] account." as a sentence of its own at the end.
fn account_edit(c: &Ctx<'_>) -> Edit {
    let at = edits::end(c);
    let piece = c.lex.message("fix-text-account", &[]);
    // A note without its final stop ("…, no reply") gets one first.
    let open = c.text[..at]
        .chars()
        .next_back()
        .is_some_and(|ch| !matches!(ch, '.' | '!' | '?' | '。' | '！' | '？' | ')' | '）'));
    let stop = match c.lex.lang {
        crate::lang::Lang::Ja | crate::lang::Lang::Zh => "。",
        _ => ".",
    };
    let piece = if open && at > 0 {
        format!("{stop}{}", edits::spaced(c, at, &piece))
    } else {
        edits::spaced(c, at, &piece)
    };
    Edit::new(at..at, piece)
}

/// A tenant named: a domain (contoso.onmicrosoft.com), a tenant ID (GUID),
/// or "tenant ID …".
fn tenant_named(c: &Ctx<'_>) -> bool {
    let ws = &c.words;
    ws.iter().enumerate().any(|(i, r)| {
        let w = &c.folded[r.clone()];
        let domain = w.rsplit_once('.').is_some_and(|(head, tld)| {
            tld.len() >= 2
                && tld.chars().all(char::is_alphabetic)
                && head.chars().filter(|ch| ch.is_alphanumeric()).count() >= 2
        });
        let guid = w.len() == 36
            && w.matches('-').count() == 4
            && w.chars().all(|ch| ch.is_ascii_hexdigit() || ch == '-');
        let tenant_id = w == "tenant"
            && ws.get(i + 1).is_some_and(|n| &c.folded[n.clone()] == "id")
            && ws.get(i + 2).is_some();
        domain || guid || tenant_id
    }) || tenant_by_name(c)
        || c.find(&c.lex.tenant_id).into_iter().any(|(_, r)| {
            // "テナント ID 0f3a…", "Tenant-ID: 1234…": an ID follows the words.
            let rest = &c.text[r.end..];
            let id =
                rest.trim_start_matches(|ch: char| ch.is_whitespace() || matches!(ch, ':' | '：'));
            id.chars()
                .next()
                .is_some_and(|ch| ch.is_ascii_alphanumeric())
        })
}

/// A tenant named by whose it is: "the Contoso Group parent tenant", "the
/// tenant of Fabrikam", `im Konzern-Tenant der Stadtwerke Nord GmbH`,
/// "親会社のテナント", "集团租户". Not "another tenant of the customer".
fn tenant_by_name(c: &Ctx<'_>) -> bool {
    let lex = c.lex;
    let is_name = |i: usize| {
        c.words.get(i).is_some_and(|r| {
            let w = &c.folded[r.clone()];
            c.text[r.clone()].starts_with(char::is_uppercase)
                && !lex.customer_words.contains(w)
                && !lex.articles.contains(w)
                && !lex.neutral.contains(w)
                && !lex.tenant_words.contains(w)
        })
    };
    let relation = |w: &str| {
        lex.tenant_relations
            .iter()
            .any(|r| w == r || w.starts_with(&format!("{r}-")))
    };
    for (i, r) in c.words.iter().enumerate() {
        let w = &c.folded[r.clone()];
        let tail = w.rsplit('-').next().unwrap_or(w);
        if w.starts_with(is_cjk) || !lex.tenant_words.contains(tail) {
            continue;
        }
        // "Konzern-Tenant", "parent tenant", "the group's tenant"
        if relation(w) || (i > 0 && relation(&c.folded[c.words[i - 1].clone()])) {
            return true;
        }
        // "Contoso Group tenant": a name just before it
        // (not across a mark: "Lizenzen, Tenant ist ein Duplikat")
        if i > 0
            && is_name(i - 1)
            && !c.text[c.words[i - 1].end..r.start]
                .contains([',', ';', '.', ':', '(', ')', '–', '—'])
            && !c.sents.iter().any(|s| s.start == c.words[i - 1].start)
        {
            return true;
        }
        // "tenant of Fabrikam", "Tenant der Stadtwerke Nord GmbH"
        let mut k = i + 1;
        while c.words.get(k).is_some_and(|n| {
            let nw = &c.folded[n.clone()];
            lex.articles.contains(nw) || nw == "of" || nw == "von"
        }) {
            k += 1;
        }
        let joined = c
            .words
            .get(k)
            .is_some_and(|n| !c.text[r.end..n.start].contains([',', ';', '.', ':', '(', ')']));
        if k > i + 1 && joined && is_name(k) {
            return true;
        }
    }
    // Text without spaces: a relation or a name before the tenant word.
    c.find(&lex.tenant_word_matcher).into_iter().any(|(_, r)| {
        if !c.folded[r.clone()].starts_with(is_cjk) {
            return false;
        }
        let before = c.folded[..r.start]
            .trim_end()
            .trim_end_matches(['の', '的']);
        lex.tenant_relations
            .iter()
            .any(|rel| before.ends_with(rel.as_str()))
            || before.ends_with(|ch: char| ch == '」' || ch == '”' || ch.is_ascii_alphanumeric())
    })
}

fn duplicate(c: &mut Ctx<'_>) {
    if let Some(r) = slash_list(c) {
        let text = c.text[r.clone()].to_string();
        c.push("slash-reason", "slash-reason", r, &[("text", &text)]);
    }
    let rs = reasons(c);
    let cue: Vec<Range<usize>> = c
        .find(&c.lex.duplicate)
        .into_iter()
        .chain(c.find(&c.lex.invalid))
        .map(|(_, r)| r)
        .collect();
    let has_why = !rs.clauses.is_empty()
        || c.any(&c.lex.dup_reason)
        || !rs.vague_phrases.is_empty()
        || beside(c, &cue);
    let whole = c.whole();
    if !has_why {
        c.push(
            "duplicate-no-reason",
            "duplicate-no-reason",
            whole.clone(),
            &[],
        );
    }
    if c.any(&c.lex.duplicate) && !tenant_named(c) {
        c.push("duplicate-no-tenant", "duplicate-no-tenant", whole, &[]);
    }
    if let Some(r) = rs.vague_phrases.first().cloned() {
        let text = clause_text(c, &r);
        c.push("vague-reason", "vague-reason", r, &[("text", &text)]);
    }
}
