//! Next action, owner and date written in prose: "The Partner has engaged to
//! assist with deployment, which is anticipated to be in place by the end of
//! May 2019." — an owner (a person, a role or a team) as the subject of a
//! sentence that plans something (a future or intention form, or a date
//! still to come), and the date of that plan.

use super::super::Ctx;
use super::super::lexicon::is_cjk;
use super::super::text::sentence_of;
use crate::date::Found;
use crate::lang::Lang;
use chrono::NaiveDate;
use std::collections::HashSet;
use std::ops::Range;

/// What the prose says about the next action.
#[derive(Debug, Default)]
pub struct Prose {
    /// Sentences that plan something, with what made them so.
    pub actions: Vec<Range<usize>>,
    /// Owners: subjects of those sentences.
    pub owners: Vec<Range<usize>>,
    /// Dates in the text.
    pub dates: Vec<Found>,
}

/// A person, role or team named in the text.
#[derive(Debug, Clone)]
struct Mention {
    span: Range<usize>,
    /// It stands as the subject, not after "with", "for", "mit", "と".
    subject: bool,
}

fn spaced(lang: Lang) -> bool {
    matches!(lang, Lang::En | Lang::De)
}

/// The word before byte `at` in `words` (word index), if any.
fn word_before(c: &Ctx<'_>, at: usize) -> Option<usize> {
    c.words.partition_point(|w| w.end <= at).checked_sub(1)
}

fn word_text<'a>(c: &'a Ctx<'_>, i: usize) -> &'a str {
    &c.folded[c.words[i].clone()]
}

/// Does a sentence mark or clause break lie between two byte offsets?
fn broken(c: &Ctx<'_>, from: usize, to: usize) -> bool {
    c.text[from..to].contains([
        '.', ';', ':', '\n', '(', ')', '。', '；', '：', '，', ',', '>', '→', '–', '—',
    ])
}

/// Is a spaced-script mention the subject of its clause: not after a
/// preposition ("with the partner", "mit dem Kunden")?
fn spaced_subject(c: &Ctx<'_>, start: usize) -> bool {
    let lex = c.lex;
    let Some(mut i) = word_before(c, start) else {
        return true;
    };
    for _ in 0..2 {
        if broken(c, c.words[i].end, start) {
            return true;
        }
        let w = word_text(c, i);
        if lex.owner_not_after.contains(w) {
            return false;
        }
        if !lex.articles.contains(w) {
            return true;
        }
        match i.checked_sub(1) {
            Some(j) => i = j,
            None => return true,
        }
    }
    true
}

/// Is a mention in text without spaces the subject: not followed by a
/// particle that makes it an object ("と", "に", "を", "の"), not after a
/// preposition ("与", "和", "向")?
fn cjk_subject(c: &Ctx<'_>, span: &Range<usize>) -> bool {
    let lex = c.lex;
    let mut after = &c.folded[span.end..];
    // Honorifics and the like belong to the name: "パートナー様は".
    while let Some(h) = lex
        .owner_suffixes
        .iter()
        .find(|s| !s.is_empty() && after.starts_with(s.as_str()))
    {
        after = &after[h.len()..];
    }
    let mut after = after.trim_start();
    // "FE (高橋) が": a name in brackets belongs to the mention.
    if let Some(close) = after
        .strip_prefix(['(', '（'])
        .and_then(|r| r.find([')', '）']).map(|i| (r, i)))
        .filter(|(_, i)| *i <= 40)
        .map(|(r, i)| &r[i..])
    {
        after = close.trim_start_matches([')', '）']).trim_start();
    }
    if lex
        .owner_not_before
        .iter()
        .any(|p| after.starts_with(p.as_str()))
    {
        return false;
    }
    // Japanese marks its subject: "パートナー様は", "FE が".
    if !lex.owner_subject_particles.is_empty()
        && !lex
            .owner_subject_particles
            .iter()
            .any(|p| after.starts_with(p.as_str()))
    {
        return false;
    }
    let before = c.folded[..span.start].trim_end();
    if lex
        .owner_not_after
        .iter()
        .any(|p| !p.is_empty() && before.ends_with(p.as_str()) && p.chars().all(is_cjk))
    {
        return false;
    }
    // Chinese puts its subject first in its clause: "ATU 会在下周安排…",
    // not "跟进客户反馈".
    if lex.lang == Lang::Zh {
        let clause_start = before
            .rfind(['，', '。', '；', '：', ':', ',', ';', '\n', '、'])
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        let mut lead: String = before[clause_start..]
            .chars()
            .filter(|ch| !ch.is_whitespace())
            .collect();
        // "下一步由 FE …": words that may open the clause before its subject.
        while let Some(w) = lex
            .owner_lead
            .iter()
            .find(|w| !w.is_empty() && lead.starts_with(w.as_str()))
        {
            lead.drain(..w.len());
        }
        return lead.chars().count() <= 1;
    }
    true
}

/// Where a name standing after a role word and "の" ends, when a subject
/// particle follows it ("パートナーの SCSK が" → the end of "SCSK").
fn apposition(c: &Ctx<'_>, r: &Range<usize>) -> Option<usize> {
    let lex = c.lex;
    if lex.owner_subject_particles.is_empty() {
        return None;
    }
    let rest = &c.folded[r.end..];
    let spaces = rest.len() - rest.trim_start().len();
    let rest = rest.trim_start();
    // "パートナーの SCSK が", or without の: "FE 佐藤が".
    let (after_no, no) = match rest.strip_prefix('の') {
        Some(a) => (a, 'の'.len_utf8()),
        None => (rest, 0),
    };
    let base = r.end + spaces + no;
    let mut i = 0;
    let mut seen = 0;
    while i < after_no.len() && seen < 16 {
        let tail = &after_no[i..];
        if i > 0
            && lex
                .owner_subject_particles
                .iter()
                .any(|p| tail.starts_with(p.as_str()))
        {
            let end = base + after_no[..i].trim_end().len();
            return (end > base).then_some(end);
        }
        // Honorifics belong to the name: "田中さんが".
        if let Some(h) = lex
            .owner_suffixes
            .iter()
            .find(|h| !h.is_empty() && tail.starts_with(h.as_str()))
        {
            i += h.len();
            seen += 1;
            continue;
        }
        let ch = tail.chars().next().unwrap_or(' ');
        // A name: katakana, kanji, Latin letters — no particles, no marks.
        let kana = ('\u{3041}'..='\u{309f}').contains(&ch);
        if !(ch.is_alphanumeric() && !kana || ch == ' ' || ch == '・') {
            return None;
        }
        i += ch.len_utf8();
        seen += 1;
    }
    None
}

fn is_subject(c: &Ctx<'_>, span: &Range<usize>) -> bool {
    // In Japanese and Chinese notes "FE" and "IT 部门" follow the rules of the text around them.
    if !spaced(c.lex.lang)
        || c.text[span.clone()].starts_with(is_cjk)
        || c.text[span.end..].starts_with(is_cjk)
    {
        cjk_subject(c, span)
    } else {
        spaced_subject(c, span.start)
    }
}

/// Everyone the text names: roles and teams from the word list, words
/// ending in a team word ("Netzwerkteam", "Client-Team"), titles with names
/// ("Hr. Becker"), partners named after the word ("Partner Cancom"), and —
/// in English — capitalised names right before a future form ("Jane Doe will").
fn mentions(
    c: &Ctx<'_>,
    agent_markers: &[Range<usize>],
    products: &[Range<usize>],
) -> Vec<Mention> {
    let lex = c.lex;
    let mut spans: Vec<Range<usize>> = c
        .find(&lex.owner_words)
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    // Team words at a word's end, of spaced scripts ("…team", "…-Team").
    let suffixes: Vec<&str> = lex
        .owner_suffixes
        .iter()
        .filter(|s| s.chars().all(|ch| !is_cjk(ch)))
        .map(String::as_str)
        .collect();
    // Case matters for "IT" and "I".
    for (i, w) in c.words.iter().enumerate() {
        let original = &c.text[w.clone()];
        if lex.owner_cased.contains(original) {
            spans.push(w.clone());
        }
        let folded = word_text(c, i);
        let suffix = suffixes
            .iter()
            .find(|s| folded.len() > s.len() && folded.ends_with(**s));
        if suffix.is_some() && !folded.starts_with(is_cjk) {
            spans.push(w.clone());
        }
        if lex.owner_titles.contains(folded)
            && let Some(next) = c.words.get(i + 1)
            && c.text[next.clone()].starts_with(char::is_uppercase)
        {
            spans.push(w.start..next.end);
        }
    }
    // Text without spaces: a team word and the letters before it
    // ("ネットワーク チーム", "网络团队").
    for (_, r) in c.find(&lex.owner_team_words) {
        spans.push(r);
    }
    // Names introduced by their role: "Partner Cancom" — then "Cancom" alone.
    let mut aliases: HashSet<String> = HashSet::new();
    for (_, r) in c.find(&lex.owner_intro) {
        let k = c.words.partition_point(|w| w.start < r.end);
        if let Some(next) = c.words.get(k)
            && !broken(c, r.end, next.start)
        {
            let name = &c.text[next.clone()];
            let folded = &c.folded[next.clone()];
            let plausible = !lex.neutral.contains(folded)
                && !lex.articles.contains(folded)
                && !lex.owner_not_after.contains(folded)
                && (name.starts_with(char::is_uppercase) || lex.lang == Lang::De)
                && !name.starts_with(|ch: char| ch.is_ascii_digit());
            if plausible {
                spans.push(r.start..next.end);
                aliases.insert(folded.to_string());
            }
        }
    }
    if !aliases.is_empty() {
        for w in &c.words {
            if aliases.contains(&c.folded[w.clone()]) {
                spans.push(w.clone());
            }
        }
    }
    if lex.lang == Lang::En {
        for m in agent_markers {
            let Some(last) = word_before(c, m.start) else {
                continue;
            };
            let mut first = None;
            let mut k = Some(last);
            let mut until = m.start;
            while let Some(i) = k {
                let w = &c.text[c.words[i].clone()];
                let capital = w.starts_with(char::is_uppercase);
                let article = lex.articles.contains(&c.folded[c.words[i].clone()]);
                if last - i >= 3 || broken(c, c.words[i].end, until) || !capital || article {
                    break;
                }
                first = Some(i);
                until = c.words[i].start;
                k = i.checked_sub(1);
            }
            if let Some(f) = first {
                spans.push(c.words[f].start..c.words[last].end);
            }
        }
    }
    // "パートナーの SCSK が": a name after its role is the owner, with the role.
    for r in &mut spans {
        if let Some(end) = apposition(c, r) {
            r.end = end;
        }
    }
    // Names of products are not owners: "Microsoft 365 Apps", "Teams Rooms".
    // `products` come sorted and do not overlap.
    spans.retain(|r| {
        let k = products.partition_point(|p| p.end <= r.start);
        products.get(k).is_none_or(|p| p.start >= r.end)
    });
    spans.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<Mention> = Vec::new();
    for r in spans {
        if out.last().is_some_and(|m| r.start < m.span.end) {
            continue;
        }
        let subject = is_subject(c, &r);
        out.push(Mention { span: r, subject });
    }
    out
}

/// Does a mention open its clause (after articles and "and", "dann")?
fn opens_clause(c: &Ctx<'_>, start: usize) -> bool {
    let mut at = start;
    loop {
        let Some(i) = word_before(c, at) else {
            return true;
        };
        if broken(c, c.words[i].end, at) {
            return true;
        }
        let w = word_text(c, i);
        if !(c.lex.articles.contains(w) || c.lex.clause_openers.contains(w)) {
            return false;
        }
        at = c.words[i].start;
    }
}

/// Where a short aside in brackets right after a mention ends: "FE (Nadia)
/// to share", "Nadia (FE) to run". Without one, `after` itself.
fn past_aside(c: &Ctx<'_>, after: usize) -> usize {
    /// The longest aside read as part of the mention, in bytes.
    const MAX: usize = 40;
    let rest = &c.text[after..];
    let pad = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let rest = &rest[pad..];
    let Some(open) = rest.chars().next().filter(|ch| matches!(ch, '(' | '（')) else {
        return after;
    };
    let inner = &rest[open.len_utf8()..];
    let window = &inner[..inner.floor_char_boundary(MAX.min(inner.len()))];
    match window.find([')', '）', '\n', '(']) {
        Some(i) if matches!(window[i..].chars().next(), Some(')' | '）')) => {
            let close = window[i..].chars().next().map_or(1, char::len_utf8);
            after + pad + open.len_utf8() + i + close
        }
        _ => after,
    }
}

/// Does the word after a subject that opens its clause make the clause an
/// action: "FE to run", "FM presents the scope", "FE analysiert die Rechte"?
/// Not a state ("ATU is solid", "hat") and not a participle closing the
/// clause ("… durchgeführt.").
fn acts(c: &Ctx<'_>, after: usize) -> bool {
    if !spaced(c.lex.lang) {
        return false;
    }
    let after = past_aside(c, after);
    let k = c.words.partition_point(|w| w.start < after);
    let Some(w) = c.words.get(k) else {
        return false;
    };
    if broken(c, after, w.start) {
        return false;
    }
    let object_follows = c
        .words
        .get(k + 1)
        .is_some_and(|n| !broken(c, w.end, n.start));
    let word = &c.folded[w.clone()];
    if c.lex.lang == Lang::En && word == "to" {
        return object_follows;
    }
    if !object_follows {
        return false;
    }
    if c.lex.lang == Lang::En && word == "to" {
        return true;
    }
    if c.lex.owner_states.contains(word) || c.lex.neutral.contains(word) && c.lex.lang == Lang::En {
        return false;
    }
    match c.lex.lang {
        // Present tense, third person: "presents", "runs", "sends".
        Lang::En => word.len() > 3 && word.ends_with('s') && !word.ends_with("ss"),
        // "analysiert", "setzt", "organisiert", "begleitet".
        _ => word.len() > 3 && word.ends_with('t') && word.chars().all(char::is_lowercase),
    }
}

/// Reads a lifecycle note's prose. `labelled` are the byte ranges of label
/// values for date and owner (not read as plans).
pub fn read(
    c: &Ctx<'_>,
    as_of: NaiveDate,
    not_plans: &[Range<usize>],
    products: &[Range<usize>],
    dates: &[Found],
) -> Prose {
    // "会议" is no "会": phrases that contain a marker but are none.
    let not_markers: Vec<Range<usize>> = c
        .find(&c.lex.not_markers)
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    let kept = |hits: Vec<(usize, Range<usize>)>| -> Vec<Range<usize>> {
        hits.into_iter()
            .map(|(_, r)| r)
            .filter(|r| {
                !not_markers
                    .iter()
                    .any(|n| n.start <= r.start && r.end <= n.end)
            })
            .collect()
    };
    let markers = kept(c.find(&c.lex.future_markers));
    let agent_markers = kept(c.find(&c.lex.agent_markers));
    let dates = dates.to_vec();
    let mentions = mentions(c, &agent_markers, products);
    // `not_plans` come sorted by start and do not overlap.
    let outside_labels = |r: &Range<usize>| !super::super::text::inside_any(not_plans, r);
    let mut plan = vec![false; c.sents.len()];
    let mut mark = |at: usize| {
        if let Some(s) = sentence_of(&c.sents, at) {
            plan[s] = true;
        }
    };
    for m in markers.iter().filter(|m| outside_labels(m)) {
        mark(m.start);
    }
    for d in dates
        .iter()
        .filter(|d| d.ahead_of(as_of) && outside_labels(&d.span))
    {
        mark(d.span.start);
    }
    for m in mentions
        .iter()
        .filter(|m| m.subject && outside_labels(&m.span))
    {
        let customer = c.lex.customer_words.contains(&c.folded[m.span.clone()]);
        if !customer && opens_clause(c, m.span.start) && acts(c, m.span.end) {
            mark(m.span.start);
        }
    }
    let actions: Vec<Range<usize>> = c
        .sents
        .iter()
        .zip(&plan)
        .filter(|(_, p)| **p)
        .map(|(s, _)| s.clone())
        .collect();
    let in_plan = |at: usize| sentence_of(&c.sents, at).is_some_and(|s| plan[s]);
    let owners = mentions
        .iter()
        .filter(|m| m.subject && in_plan(m.span.start))
        .map(|m| m.span.clone())
        .collect();
    Prose {
        actions,
        owners,
        dates,
    }
}
