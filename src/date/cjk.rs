//! Dates written without spaces: 2026年12月3日, 2019 年 5 月末, 4月中旬,
//! 12/3, 来週, 月底, 第3四半期, 三季度, 2週間後, 下周五.

use super::{Found, Period, after, complete, month_part, numeric, quarter_end, relative};
use crate::check::date_words::{DateWords, Part};
use crate::check::lexicon::{Lexicon, fold};
use chrono::NaiveDate;
use std::collections::HashMap;

/// A character with full-width digits and marks read as ASCII.
fn narrow(c: char) -> char {
    match c {
        '０'..='９' => {
            char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
        }
        '／' => '/',
        '－' => '-',
        '．' => '.',
        _ => c,
    }
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}' || c == '\t'
}

/// Han numerals for one to four (quarters) and one to twelve (months).
fn han_number(s: &str) -> Option<(u32, usize)> {
    const HAN: [(&str, u32); 12] = [
        ("十二", 12),
        ("十一", 11),
        ("十", 10),
        ("一", 1),
        ("二", 2),
        ("两", 2),
        ("三", 3),
        ("四", 4),
        ("五", 5),
        ("六", 6),
        ("七", 7),
        ("八", 8),
    ];
    HAN.iter()
        .find(|(h, _)| s.starts_with(h))
        .map(|(h, n)| (*n, h.len()))
        .or_else(|| s.starts_with('九').then_some((9, '九'.len_utf8())))
}

struct Scanner<'a> {
    text: &'a str,
    folded: &'a str,
    lex: &'a Lexicon,
    words: &'a DateWords,
    as_of: NaiveDate,
    relative: HashMap<usize, (usize, usize)>,
}

impl Scanner<'_> {
    /// Spaces skipped from byte `i`.
    fn skip(&self, mut i: usize) -> usize {
        while let Some(c) = self.text[i..].chars().next().filter(|&c| is_space(c)) {
            i += c.len_utf8();
        }
        i
    }

    /// A number of ASCII or full-width digits at `i`: (value, digits, end).
    fn number(&self, i: usize) -> Option<(u32, usize, usize)> {
        let mut end = i;
        let mut digits = String::new();
        for c in self.text[i..].chars() {
            let n = narrow(c);
            if !n.is_ascii_digit() || digits.len() >= 4 {
                break;
            }
            digits.push(n);
            end += c.len_utf8();
        }
        let v = digits.parse().ok()?;
        Some((v, digits.len(), end))
    }

    fn starts(&self, i: usize, w: &str) -> bool {
        self.folded[i..].starts_with(w)
    }

    /// A month modifier suffix at `i` ("末", "中旬", "上旬").
    fn part_at(&self, i: usize) -> Option<(Part, usize)> {
        self.words
            .parts
            .iter()
            .filter(|(_, p)| p.len() == 1)
            .find(|(_, p)| self.starts(i, &p[0]))
            .map(|(part, p)| (*part, i + p[0].len()))
    }

    /// After "月" at `i`: a day (日/号), a part of the month, or the month.
    fn after_month(&self, from: usize, i: usize, year: Option<i32>, month: u32) -> Option<Found> {
        let j = self.skip(i);
        if let Some((day, _, e)) = self.number(j) {
            let k = self.skip(e);
            let unit = self.text[k..].chars().next();
            if matches!(unit, Some('日' | '号' | '號')) {
                let end = k + '日'.len_utf8();
                return Some(Found {
                    span: from..end,
                    date: complete(year, month, day, self.as_of)?,
                    period: Period::Day,
                });
            }
        }
        let (part, end) = match self.part_at(j) {
            Some((p, e)) => (Some(p), e),
            None => (None, i),
        };
        Some(Found {
            span: from..end,
            date: month_part(year, month, part, self.as_of)?,
            period: Period::Month(part),
        })
    }

    /// A count of units with the word after it: "2週間後", "3天内".
    fn count(&self, from: usize, n: u32, i: usize) -> Option<Found> {
        let j = self.skip(i);
        let (unit, w) = self.words.units.iter().find(|(_, w)| self.starts(j, w))?;
        let k = j + w.len();
        let a = self.words.after.iter().find(|a| self.starts(k, a))?;
        Some(Found {
            span: from..k + a.len(),
            date: after(self.as_of, *unit, n)?,
            period: Period::Day,
        })
    }

    /// A quarter word at `i` after the number `q`: "3四半期", "三季度".
    fn quarter(&self, from: usize, q: u32, i: usize, year: Option<i32>) -> Option<Found> {
        let j = self.skip(i);
        let w = self
            .words
            .quarter_words
            .iter()
            .find(|w| self.starts(j, w))?;
        Some(Found {
            span: from..j + w.len(),
            date: quarter_end(year, q, self.as_of)?,
            period: Period::Quarter,
        })
    }

    fn digits_at(&self, i: usize) -> Option<Found> {
        let (a, len, e) = self.number(i)?;
        let j = self.skip(e);
        let next = self.text[j..].chars().next();
        match next {
            Some('年') if len == 4 => {
                let year = i32::try_from(a).ok()?;
                let k = self.skip(j + '年'.len_utf8());
                if let Some((m, _, e2)) = self.number(k) {
                    let l = self.skip(e2);
                    if self.text[l..].starts_with('月') && (1..=12).contains(&m) {
                        return self.after_month(i, l + '月'.len_utf8(), Some(year), m);
                    }
                }
                // "2027年第1四半期"
                if self.text[k..].starts_with('第')
                    && let Some((q, _, e3)) = self.number(k + '第'.len_utf8())
                {
                    return self.quarter(i, q, e3, Some(year));
                }
                // "2027年中", "2027年末": the year.
                let after_year = j + '年'.len_utf8();
                let rest = &self.text[after_year..];
                if rest.starts_with(['中', '内', '末', '底']) {
                    return Some(Found {
                        span: i..after_year + '中'.len_utf8(),
                        date: NaiveDate::from_ymd_opt(year, 12, 31)?,
                        period: Period::Year,
                    });
                }
                None
            }
            Some('月') if (1..=12).contains(&a) => {
                self.after_month(i, j + '月'.len_utf8(), None, a)
            }
            Some(c) if matches!(narrow(c), '/' | '-' | '.') && j == e => {
                let token: String = self.text[i..]
                    .chars()
                    .map(narrow)
                    .take_while(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.'))
                    .collect();
                let token = token.trim_end_matches(['/', '-', '.']);
                if !token.contains(['/', '-', '.']) {
                    return None;
                }
                let end = i + self.text[i..]
                    .chars()
                    .take(token.chars().count())
                    .map(char::len_utf8)
                    .sum::<usize>();
                Some(Found {
                    span: i..end,
                    date: numeric(token, false, self.lex.lang, self.as_of)?,
                    period: Period::Day,
                })
            }
            _ => self.count(i, a, e).or_else(|| self.quarter(i, a, e, None)),
        }
    }

    fn weekday_at(&self, i: usize) -> Option<(chrono::Weekday, usize)> {
        self.lex.weekdays.iter().enumerate().find_map(|(k, names)| {
            names
                .iter()
                .filter(|n| self.starts(i, n))
                .max_by_key(|n| n.len())
                .map(|n| (super::WEEKDAYS[k], i + n.len()))
        })
    }

    fn at(&self, i: usize) -> Option<Found> {
        let rest = &self.folded[i..];
        // 来週金曜日, 下周五, 来週の月曜
        for w in self
            .lex
            .next_word
            .iter()
            .filter(|w| rest.starts_with(w.as_str()))
        {
            // The weekday may share a letter with the word: 下周 + 周五.
            let after = self.skip(i + w.len());
            let weekday = w
                .char_indices()
                .skip(1)
                .map(|(k, _)| i + k)
                .chain([after])
                .find_map(|k| self.weekday_at(k).filter(|(_, end)| *end > i + w.len()));
            if let Some((wd, end)) = weekday {
                return Some(Found {
                    span: i..end,
                    date: super::next_weekday(self.as_of, wd)?,
                    period: Period::Day,
                });
            }
        }
        if let Some(&(end, rule)) = self.relative.get(&i) {
            let (unit, n) = self.words.relative_rule[rule];
            return Some(Found {
                span: i..end,
                date: relative(self.as_of, unit, n)?,
                period: Period::of(unit),
            });
        }
        if let Some((wd, end)) = self.weekday_at(i) {
            return Some(Found {
                span: i..end,
                date: super::next_weekday(self.as_of, wd)?,
                period: Period::Day,
            });
        }
        for (words, day) in [(&self.lex.today, 0), (&self.lex.tomorrow, 1)] {
            if let Some(w) = words.iter().find(|w| rest.starts_with(w.as_str())) {
                return Some(Found {
                    span: i..i + w.len(),
                    date: super::days(self.as_of, day)?,
                    period: Period::Day,
                });
            }
        }
        // 第3四半期, 第三季度
        if let Some(r) = rest.strip_prefix('第') {
            let k = i + '第'.len_utf8();
            let (q, e) = match self.number(k) {
                Some((q, _, e)) => (q, e),
                None => han_number(r).map(|(q, l)| (q, k + l))?,
            };
            return self.quarter(i, q, e, None);
        }
        // 十二月, 三季度
        if let Some((n, l)) = han_number(rest) {
            let e = i + l;
            if self.text[e..].starts_with('月') {
                return self.after_month(i, e + '月'.len_utf8(), None, n);
            }
            return self.quarter(i, n, e, None);
        }
        None
    }
}

/// Every date of text written without spaces.
pub fn scan(text: &str, lex: &Lexicon, as_of: NaiveDate) -> Vec<Found> {
    let folded = fold(text);
    let words = &lex.dates;
    let relative = words
        .relative
        .find(&folded)
        .map(|(i, r)| (r.start, (r.end, i)))
        .collect();
    let s = Scanner {
        text,
        folded: &folded,
        lex,
        words,
        as_of,
        relative,
    };
    let mut out = Vec::new();
    let mut i = 0;
    let mut prev_digit = false;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        let digit = narrow(c).is_ascii_digit();
        let f = if digit && !prev_digit {
            s.digits_at(i)
        } else if !digit && (crate::check::text::is_cjk_letter(c) || s.relative.contains_key(&i)) {
            s.at(i)
        } else {
            None
        };
        match f {
            Some(f) if f.span.end > i => {
                i = f.span.end;
                prev_digit = false;
                out.push(f);
            }
            _ => {
                i += c.len_utf8();
                prev_digit = digit;
            }
        }
    }
    out
}
