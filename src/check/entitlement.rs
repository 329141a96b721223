//! Entitlement Status notes: intent and the why, in at most two sentences.

use super::Ctx;
use super::finding::Severity;
use super::text::sentence_of;
use std::ops::Range;

/// Characters above which an entitlement note is padded.
const MAX_CHARS: usize = 350;
const MAX_CHARS_CJK: usize = 150;

pub fn check(c: &mut Ctx<'_>) {
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
        if matches!(status.as_deref(), None | Some("in-progress")) {
            return;
        }
    }
    length(c);
    match status.as_deref() {
        Some(st @ ("blocked" | "no-intent")) => {
            if reads_as_progress(c, st) {
                let text = c.sentence_text(whole.start);
                let status = c.status_label.clone();
                c.push(
                    "contradiction",
                    "contradiction",
                    whole.clone(),
                    &[("text", &text), ("status", &status)],
                );
            } else {
                reason(c, &whole);
                contradiction(c, false);
            }
            vague_time(c, Severity::Warning);
            if status.as_deref() == Some("no-intent") {
                ftc_declined(c);
            }
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
        .trim_end_matches(['.', '!', '?', '。'])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn near_empty(c: &Ctx<'_>, trimmed: &str) -> bool {
    if c.words.len() > 6 {
        return false;
    }
    let n = norm(&c.folded);
    if c.lex.filler.contains(&n) || trimmed.chars().filter(|ch| ch.is_alphanumeric()).count() <= 2 {
        return true;
    }
    let lead = c.folded.len() - c.folded.trim_start().len();
    c.find(&c.lex.cross_reference)
        .into_iter()
        .next()
        .is_some_and(|(_, r)| r.start == lead)
}

fn usage_only(c: &Ctx<'_>) -> bool {
    if !c.any(&c.lex.usage_markers) {
        return false;
    }
    let status_tokens: Vec<&str> = c
        .lex
        .status_words
        .iter()
        .flat_map(|s| s.split(|ch: char| !ch.is_alphanumeric()))
        .collect();
    c.words
        .iter()
        .flat_map(|r| c.folded[r.clone()].split('/').collect::<Vec<_>>())
        .all(|w| {
            c.lex.usage.contains(w)
                || c.lex.neutral.contains(w)
                || c.lex.vague_reason.contains(w)
                || status_tokens.contains(&w)
                || w.chars()
                    .all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | ',' | '%'))
        })
}

/// The note is only a status word, perhaps behind a label ("Status: in progress").
fn status_only(c: &Ctx<'_>, _trimmed: &str) -> bool {
    if c.words.len() > 8 {
        return false;
    }
    let n = norm(&c.folded);
    let n = n
        .split_once([':', '='])
        .filter(|(head, _)| head.split_whitespace().all(|w| c.lex.usage.contains(w)))
        .map_or(n.as_str(), |(_, tail)| tail.trim());
    c.lex.status_words.contains(n)
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
        c.push_sev("vague-time", severity, key, r, &[("text", &text)]);
    }
}

fn engagement(c: &mut Ctx<'_>) {
    if let Some(r) = c.first(&c.lex.engagement) {
        let text = c.sentence_text(r.start);
        c.push("engagement-info", "engagement-info", r, &[("text", &text)]);
    }
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
    cue("in-progress")
        && !cue(status)
        && !cue("blocked")
        && !cue("no-intent")
        && !c.any(&c.lex.clear_intent)
        && c.first(&c.lex.causal).is_none()
        && c.first(&c.lex.vague_reason_phrases).is_none()
}

fn ftc_declined(c: &mut Ctx<'_>) {
    let ftc: Vec<Range<usize>> = c.find(&c.lex.ftc).into_iter().map(|(_, r)| r).collect();
    let decline: Vec<Range<usize>> = c.find(&c.lex.decline).into_iter().map(|(_, r)| r).collect();
    for f in &ftc {
        let s = sentence_of(&c.sents, f.start);
        if decline.iter().any(|d| sentence_of(&c.sents, d.start) == s) {
            let span = s.map_or(f.clone(), |i| c.sents[i].clone());
            c.push("ftc-declined", "ftc-declined", span, &[]);
            return;
        }
    }
}

/// Where a note gives reasons: marker spans and the clause each introduces.
struct Reasons {
    clauses: Vec<Range<usize>>,
    vague_phrases: Vec<Range<usize>>,
}

fn reasons(c: &Ctx<'_>) -> Reasons {
    let mut markers: Vec<Range<usize>> =
        c.find(&c.lex.causal).into_iter().map(|(_, r)| r).collect();
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
    for (i, colon) in c.text.match_indices([':', '：']) {
        let from = i + colon.len();
        let sent_end = sentence_of(&c.sents, i).map_or(c.text.len(), |s| c.sents[s].end);
        if c.words_in(&(from..sent_end.max(from))).len() >= 3 {
            markers.push(i..from);
        }
    }
    markers.sort_by_key(|r| r.start);
    let clauses = markers
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let sent_end = sentence_of(&c.sents, m.start).map_or(c.text.len(), |s| c.sents[s].end);
            let next = markers.get(k + 1).map_or(sent_end, |n| n.start.max(m.end));
            m.end..next.min(sent_end).max(m.end)
        })
        .collect();
    Reasons {
        clauses,
        vague_phrases: c
            .find(&c.lex.vague_reason_phrases)
            .into_iter()
            .map(|(_, r)| r)
            .collect(),
    }
}

/// Does the clause name anything beyond vague and neutral words?
fn concrete(c: &Ctx<'_>, clause: &Range<usize>) -> bool {
    c.words_in(clause).iter().any(|r| {
        let w = &c.folded[r.start..r.end.min(clause.end).max(r.start)];
        let w = w.trim_end_matches("'s").trim_end_matches("’s");
        if w.chars().any(|ch| ch.is_ascii_digit()) {
            return true;
        }
        !(c.lex.vague_reason.contains(w) || c.lex.neutral.contains(w) || c.lex.numbers.contains(w))
    })
}

/// A list of generic categories joined by slashes: "cloud/data/legal".
fn slash_list(c: &Ctx<'_>) -> Option<Range<usize>> {
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

fn reason(c: &mut Ctx<'_>, whole: &Range<usize>) {
    if let Some(r) = slash_list(c) {
        let text = c.text[r.clone()].to_string();
        c.push("slash-reason", "slash-reason", r, &[("text", &text)]);
        return;
    }
    let rs = reasons(c);
    if rs.clauses.is_empty() && rs.vague_phrases.is_empty() {
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
        }
        return;
    }
    if rs.clauses.iter().any(|cl| concrete(c, cl)) {
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

fn is_number(c: &Ctx<'_>, w: &str) -> bool {
    w.chars().all(|ch| ch.is_ascii_digit()) || c.lex.numbers.contains(w)
}

fn unknown(c: &mut Ctx<'_>, whole: &Range<usize>) {
    let attempts: Vec<Range<usize>> = c
        .find(&c.lex.attempts)
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    let has_account = c.any(&c.lex.managed);
    if attempts.is_empty() && !has_account {
        c.push("unknown-no-detail", "unknown-no-detail", whole.clone(), &[]);
        return;
    }
    let toks = &c.words;
    let counted = c.find(&c.lex.attempts_counted).into_iter().any(|(_, r)| {
        let Some(idx) = toks
            .iter()
            .position(|t| t.start <= r.start && r.start < t.end.max(t.start + 1))
        else {
            return false;
        };
        let sent = sentence_of(&c.sents, r.start);
        toks[idx.saturating_sub(3)..(idx + 4).min(toks.len())]
            .iter()
            .any(|t| sentence_of(&c.sents, t.start) == sent && is_number(c, &c.folded[t.clone()]))
    });
    if !counted {
        let span = attempts.first().cloned().unwrap_or_else(|| whole.clone());
        c.push("unknown-attempt-count", "unknown-attempt-count", span, &[]);
    }
    if !has_account {
        c.push("unknown-account", "unknown-account", whole.clone(), &[]);
    }
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
        let tenant_id = (w == "tenant-id" || w == "tenant")
            && ws.get(i + 1).is_some_and(|n| &c.folded[n.clone()] == "id")
            && ws.get(i + 2).is_some();
        domain || guid || tenant_id
    })
}

fn duplicate(c: &mut Ctx<'_>) {
    if let Some(r) = slash_list(c) {
        let text = c.text[r.clone()].to_string();
        c.push("slash-reason", "slash-reason", r, &[("text", &text)]);
    }
    let rs = reasons(c);
    let has_why =
        !rs.clauses.is_empty() || c.any(&c.lex.dup_reason) || !rs.vague_phrases.is_empty();
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
