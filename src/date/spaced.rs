//! Dates in scripts written with spaces: tokens, then each date form tried
//! at each token over a few tokens ahead, so the scan is linear in the text.

use super::{Found, Period, after, complete, month_part, numeric, quarter_end, relative, week_end};
use crate::check::date_words::{DateWords, Part};
use crate::check::lexicon::{Lexicon, fold, is_cjk};
use chrono::NaiveDate;

/// A word or a number of the text.
#[derive(Clone, Copy, Debug)]
struct Tok {
    start: usize,
    end: usize,
    /// A sentence mark, colon or line break lies between this token and the last.
    after_break: bool,
}

/// Words and numbers: letters and digits, with `.` `/` `-` inside digits
/// ("15.12.2026", "3/2027"), and a dot closing digits kept ("18.", "10.12.").
fn tokens(folded: &str) -> Vec<Tok> {
    let b = folded.as_bytes();
    // Tokens lie at least one byte apart: room for all of them at once, so
    // a long text is not copied as the list grows.
    let mut out = Vec::with_capacity(b.len() / 2 + 1);
    let mut i = 0;
    let mut brk = true;
    while i < b.len() {
        let c = folded[i..].chars().next().unwrap_or(' ');
        if !c.is_alphanumeric() || is_cjk(c) {
            if matches!(
                c,
                '.' | ';' | ':' | '!' | '?' | '\n' | '(' | ')' | '。' | '：' | '；'
            ) || is_cjk(c)
            {
                brk = true;
            }
            i += c.len_utf8();
            continue;
        }
        let start = i;
        while i < b.len() {
            let c = folded[i..].chars().next().unwrap_or(' ');
            if !is_cjk(c) && c.is_alphanumeric() {
                i += c.len_utf8();
                continue;
            }
            let prev_digit = b[i - 1].is_ascii_digit();
            let next_digit = b.get(i + 1).is_some_and(u8::is_ascii_digit);
            if matches!(c, '.' | '/' | '-') && prev_digit && next_digit {
                i += 1;
                continue;
            }
            if c == '.' && prev_digit {
                // "18." / "10.12.": the closing dot belongs to the number.
                i += 1;
            }
            break;
        }
        out.push(Tok {
            start,
            end: i,
            after_break: brk,
        });
        brk = false;
    }
    out
}

struct Scanner<'a> {
    text: &'a str,
    folded: &'a str,
    toks: Vec<Tok>,
    lex: &'a Lexicon,
    words: &'a DateWords,
    as_of: NaiveDate,
    /// Relative phrases ("next week", "EOM"), in order: (start byte, end
    /// byte, rule index).
    relative: Vec<(usize, usize, usize)>,
}

impl Scanner<'_> {
    fn t(&self, i: usize) -> Option<&str> {
        self.toks.get(i).map(|t| &self.folded[t.start..t.end])
    }

    /// The token at `i` if it follows `i - 1` without a break.
    fn next(&self, i: usize) -> Option<&str> {
        self.toks
            .get(i)
            .filter(|t| !t.after_break)
            .map(|t| &self.folded[t.start..t.end])
    }

    /// Does the phrase (its words) start at token `i`, without breaks inside?
    fn phrase_at(&self, i: usize, phrase: &[String]) -> bool {
        phrase.iter().enumerate().all(|(k, w)| {
            let t = if k == 0 {
                self.t(i + k)
            } else {
                self.next(i + k)
            };
            t == Some(w.as_str())
        })
    }

    fn month(&self, t: &str) -> Option<u32> {
        self.words.months.get(t).map(|m| m.0)
    }

    /// A month named in full (or any name but the modal verb "may", when the
    /// text writes it in lower case or at a sentence start).
    fn bare_month(&self, i: usize) -> Option<u32> {
        let t = self.t(i)?;
        let m = self.month(t)?;
        let full = self
            .lex
            .months
            .get(m as usize - 1)?
            .first()
            .is_some_and(|f| f == t);
        let tok = self.toks[i];
        let original = &self.text[tok.start..tok.end];
        let capital = original.starts_with(char::is_uppercase);
        if t == "may" && (!capital || tok.after_break) {
            return None;
        }
        full.then_some(m)
    }

    fn weekday(&self, t: &str) -> Option<chrono::Weekday> {
        self.words.weekdays.get(t).map(|&i| super::WEEKDAYS[i])
    }

    fn found(
        &self,
        from: usize,
        to: usize,
        date: Option<NaiveDate>,
        period: Period,
    ) -> Option<(Found, usize)> {
        let date = date?;
        let last = self.toks[to - 1];
        // A year or word closing a sentence keeps its full stop out.
        let body = &self.folded[last.start..last.end];
        let end = if body.ends_with('.')
            && (year_number(body).is_some() || !body.starts_with(|c: char| c.is_ascii_digit()))
        {
            last.end - 1
        } else {
            last.end
        };
        Some((
            Found {
                span: self.toks[from].start..end,
                date,
                period,
            },
            to,
        ))
    }

    /// The date starting at token `i`, and the token after it.
    fn at(&self, i: usize) -> Option<(Found, usize)> {
        let t = self.t(i)?;
        let tok = self.toks[i];
        // A relative phrase: "next week", "end of the month", "EOM".
        if let Ok(k) = self.relative.binary_search_by_key(&tok.start, |r| r.0) {
            let (_, end, rule) = self.relative[k];
            let to = self.toks[i..]
                .iter()
                .position(|t| t.end >= end)
                .map_or(i + 1, |k| i + k + 1);
            let (unit, n) = self.words.relative_rule[rule];
            // "next Monday" is a weekday, not next week.
            if self.next(to).and_then(|w| self.weekday(w)).is_none() {
                return self.found(i, to, relative(self.as_of, unit, n), Period::of(unit));
            }
        }
        let digits = t.starts_with(|c: char| c.is_ascii_digit());
        if digits {
            let closing = t.ends_with('.');
            let body = t.trim_end_matches('.');
            if body.contains(['-', '/', '.'])
                && let Some(d) = numeric(body, closing, self.lex.lang, self.as_of)
            {
                return self.found(i, i + 1, Some(d), Period::Day);
            }
            // 3 Dec 2026 / 3rd December / 18. Dezember 2026
            if let Some(day) = day_number(t)
                && let Some(m) = self.next(i + 1).and_then(|n| self.month(n))
            {
                let year = self.next(i + 2).and_then(year_number);
                let to = if year.is_some() { i + 3 } else { i + 2 };
                return self.found(i, to, complete(year, m, day, self.as_of), Period::Day);
            }
            // "3. Quartal 2027"
            if let Some(q) = day_number(t)
                && self
                    .next(i + 1)
                    .is_some_and(|n| self.words.quarter_words.iter().any(|w| w == n))
            {
                let year = self.next(i + 2).and_then(year_number);
                let to = if year.is_some() { i + 3 } else { i + 2 };
                return self.found(i, to, quarter_end(year, q, self.as_of), Period::Quarter);
            }
        }
        // Dec 3, 2026 / December 3rd / Dec 2026 / mid-June / end of May 2019
        let (part, m_at) = self.part_at(i);
        if let Some((year, m, day, to)) = self.month_at(m_at, part.is_some() || self.after_prep(i))
        {
            return match day {
                Some(day) => self.found(i, to, complete(year, m, day, self.as_of), Period::Day),
                None => self.found(
                    i,
                    to,
                    month_part(year, m, part, self.as_of),
                    Period::Month(part),
                ),
            };
        }
        if part.is_some() {
            return None;
        }
        // Q3 / Q1 2027 / Q1/2027 / H2
        if let Some((month, year)) = period_token(t) {
            let (year, to) = match year {
                Some(y) => (Some(y), i + 1),
                None => match self.next(i + 1).and_then(year_number) {
                    Some(y) => (Some(y), i + 2),
                    None => (None, i + 1),
                },
            };
            return self.found(
                i,
                to,
                month_part(year, month, None, self.as_of),
                if month % 6 == 0 && t.starts_with('h') {
                    Period::Half
                } else {
                    Period::Quarter
                },
            );
        }
        // KW 14 / KW14 / CW 3/2027 / week 14
        if let Some(found) = self.week_number(i, t) {
            return Some(found);
        }
        // in 2 weeks / within ten days / in zwei Wochen
        if self.words.within.iter().any(|w| w == t)
            && let Some(n) = self
                .next(i + 1)
                .and_then(|n| n.parse().ok().or_else(|| self.words.number(n)))
            && let Some(unit) = self
                .next(i + 2)
                .and_then(|u| self.words.units.iter().find(|(_, w)| w == u).map(|x| x.0))
        {
            return self.found(i, i + 3, after(self.as_of, unit, n), Period::Day);
        }
        // in 2027 / bis 2027
        if self.words.year_preps.iter().any(|w| w == t)
            && let Some(y) = self.next(i + 1).and_then(year_number)
        {
            return self.found(
                i + 1,
                i + 2,
                NaiveDate::from_ymd_opt(y, 12, 31),
                Period::Year,
            );
        }
        if self.lex.today.iter().any(|w| w == t) {
            return self.found(i, i + 1, Some(self.as_of), Period::Day);
        }
        if self.lex.tomorrow.iter().any(|w| w == t) {
            return self.found(i, i + 1, super::days(self.as_of, 1), Period::Day);
        }
        if let Some(wd) = self.weekday(t) {
            return self.found(i, i + 1, super::next_weekday(self.as_of, wd), Period::Day);
        }
        if self.lex.next_word.iter().any(|w| w == t)
            && let Some(wd) = self.next(i + 1).and_then(|n| self.weekday(n))
        {
            return self.found(i, i + 2, super::next_weekday(self.as_of, wd), Period::Day);
        }
        None
    }

    /// Is the token before `i` a word that puts a date after it ("in", "by", "of")?
    fn after_prep(&self, i: usize) -> bool {
        i > 0
            && !self.toks[i].after_break
            && self
                .t(i - 1)
                .is_some_and(|p| self.words.year_preps.iter().any(|w| w == p) || p == "of")
    }

    /// A month modifier at `i` ("the end of", "mid", "Anfang"): its part and
    /// where the month would be.
    fn part_at(&self, i: usize) -> (Option<Part>, usize) {
        if !self
            .t(i)
            .is_some_and(|t| self.words.part_starts.contains(t))
        {
            return (None, i);
        }
        for (part, phrase) in &self.words.parts {
            if self.phrase_at(i, phrase) {
                return (Some(*part), i + phrase.len());
            }
        }
        (None, i)
    }

    /// A month at `i` with what follows it: (year, month, day, next token).
    fn month_at(&self, i: usize, lenient: bool) -> Option<(Option<i32>, u32, Option<u32>, usize)> {
        let t = self.t(i)?;
        let m = self.month(t)?;
        if let Some(day) = self.next(i + 1).and_then(day_number) {
            let year = self.next(i + 2).and_then(year_number);
            let to = if year.is_some() { i + 3 } else { i + 2 };
            return Some((year, m, Some(day), to));
        }
        if let Some(year) = self.next(i + 1).and_then(year_number) {
            return Some((Some(year), m, None, i + 2));
        }
        let m = if lenient { m } else { self.bare_month(i)? };
        Some((None, m, None, i + 1))
    }

    fn week_number(&self, i: usize, t: &str) -> Option<(Found, usize)> {
        let label = self
            .words
            .week_labels
            .iter()
            .find(|w| t.starts_with(w.as_str()))?;
        let (num, to) = if t.len() > label.len() {
            (&t[label.len()..], i + 1)
        } else {
            (self.next(i + 1)?, i + 2)
        };
        let (w, year) = match num.split_once('/') {
            Some((w, y)) => (w, Some(year_number(y)?)),
            None => (num, None),
        };
        let w: u32 = w.parse().ok().filter(|w| (1..=53).contains(w))?;
        self.found(i, to, week_end(year, w, self.as_of), Period::Week)
    }
}

/// 1–31, as "3", "3rd", "18.".
fn day_number(t: &str) -> Option<u32> {
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &t[digits..];
    if digits == 0 || digits > 2 || !matches!(rest, "" | "st" | "nd" | "rd" | "th" | ".") {
        return None;
    }
    t[..digits].parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(t: &str) -> Option<i32> {
    let t = t.strip_suffix('.').unwrap_or(t);
    (t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

/// "q3", "q1/2027", "h2": the period's last month (3, 6, 9, 12), and a
/// year when written inside.
fn period_token(t: &str) -> Option<(u32, Option<i32>)> {
    let (head, year) = match t.split_once(['/', '-']) {
        Some((h, y)) => (h, Some(year_number(y)?)),
        None => (t, None),
    };
    let mut cs = head.chars();
    let (kind, n) = (cs.next()?, cs.next()?.to_digit(10)?);
    if cs.next().is_some() {
        return None;
    }
    match (kind, n) {
        ('q', 1..=4) => Some((n * 3, year)),
        ('h', 1..=2) => Some((n * 6, year)),
        _ => None,
    }
}

/// Every date of a spaced script in `text`.
pub fn scan(text: &str, lex: &Lexicon, as_of: NaiveDate) -> Vec<Found> {
    let folded = fold(text);
    let words = &lex.dates;
    let relative = words
        .relative
        .find(&folded)
        .map(|(i, r)| (r.start, r.end, i))
        .collect();
    let s = Scanner {
        text,
        folded: &folded,
        toks: tokens(&folded),
        lex,
        words,
        as_of,
        relative,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.toks.len() {
        match s.at(i) {
            Some((f, next)) => {
                out.push(f);
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}
