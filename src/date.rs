//! Reading the date of a next action: ISO dates, the usual local forms
//! (12/15/2026, 15.12.2026, 3 Dec 2026, Dec 3, 2026, 18. Dezember 2026,
//! 2026年12月3日, 12月3日), and words (today, tomorrow, Friday, next Monday,
//! 来週金曜日, 下周五).

use crate::check::lexicon::{Lexicon, fold};
use crate::lang::Lang;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Parses a date that starts `text` ("3 Dec 2026, then …").
pub fn parse_start(text: &str, lang: Lang, as_of: NaiveDate) -> Option<NaiveDate> {
    let lex = Lexicon::get(lang);
    if spaceless(lang, text) {
        return cjk(text, lex, as_of, true);
    }
    // A date is a few words long: look no further than that.
    let mut end = text.len().min(48);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let folded = fold(&text[..end]);
    let toks = tokens(&folded);
    (!toks.is_empty()).then(|| at(&toks, lex, as_of)).flatten()
}

fn tokens(folded: &str) -> Vec<&str> {
    folded
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')' || c == ';')
        .map(|t| {
            t.trim_end_matches(['.', ':'])
                .trim_start_matches(['(', '"'])
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// Parses the first date in `text`, judged relative to `as_of` (for words
/// like "tomorrow" and dates without a year).
pub fn parse(text: &str, lang: Lang, as_of: NaiveDate) -> Option<NaiveDate> {
    let lex = Lexicon::get(lang);
    if spaceless(lang, text)
        && let Some(d) = cjk(text, lex, as_of, false)
    {
        return Some(d);
    }
    let folded = fold(text);
    let toks = tokens(&folded);
    for i in 0..toks.len() {
        if let Some(d) = at(&toks[i..], lex, as_of) {
            return Some(d);
        }
    }
    None
}

/// Is the date written the Japanese or Chinese way, without spaces?
fn spaceless(lang: Lang, text: &str) -> bool {
    matches!(lang, Lang::Ja | Lang::Zh) || text.chars().any(crate::check::text::is_cjk_letter)
}

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

/// Reads a date written without spaces: 2026年12月3日, 12月3日, 2026/12/03,
/// 12月末, 明日, 金曜日, 来週金曜日, 下周五. The first date in the text, or
/// with `anchored` only one at its start.
fn cjk(text: &str, lex: &Lexicon, as_of: NaiveDate, anchored: bool) -> Option<NaiveDate> {
    let t: String = fold(text.trim()).chars().map(narrow).collect();
    let starts: Vec<usize> = t.char_indices().map(|(i, _)| i).collect();
    for (k, &i) in starts.iter().enumerate() {
        if anchored && k > 0 {
            break;
        }
        let rest = &t[i..];
        let after_digit = t[..i].ends_with(|c: char| c.is_ascii_digit());
        if !after_digit
            && rest.starts_with(|c: char| c.is_ascii_digit())
            && let Some(d) = cjk_numeric(rest, lex.lang, as_of)
        {
            return Some(d);
        }
        if let Some(d) = cjk_words(rest, lex, as_of) {
            return Some(d);
        }
    }
    None
}

/// Splits a leading number off `s`: (value, rest after it and any spaces).
fn number(s: &str) -> Option<(u32, &str)> {
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let n = s[..digits].parse().ok()?;
    Some((n, s[digits..].trim_start()))
}

/// 2026年12月3日, 2026 年 12 月, 12月3日, 12月末, 2026/12/03, 12/3.
fn cjk_numeric(s: &str, lang: Lang, as_of: NaiveDate) -> Option<NaiveDate> {
    let (first, rest) = number(s)?;
    let (year, month, rest) = if let Some(r) = rest.strip_prefix('年') {
        let (m, r) = number(r.trim_start())?;
        (Some(i32::try_from(first).ok()?), m, r.strip_prefix('月')?)
    } else if let Some(r) = rest.strip_prefix('月') {
        (None, first, r)
    } else {
        let token: String = s
            .chars()
            .take_while(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.'))
            .collect();
        let token = token.trim_end_matches(['/', '-', '.']);
        return if token.contains(['/', '-', '.']) {
            numeric(token, lang, as_of)
        } else {
            None
        };
    };
    if !(1..=12).contains(&month) {
        return None;
    }
    let rest = rest.trim_start();
    if let Some((day, r)) = number(rest)
        && (r.is_empty() || !r.starts_with(|c: char| c.is_ascii_digit()))
    {
        return complete(year, month, day, as_of);
    }
    // "12月末", "2026年12月": the month's last day.
    let y = year.unwrap_or_else(|| {
        if last_day(as_of.year(), month).is_some_and(|d| Some(d) < days(as_of, -60)) {
            as_of.year().saturating_add(1)
        } else {
            as_of.year()
        }
    });
    last_day(y, month)
}

/// 今日, 明日, 金曜日, 来週金曜日, 下周五.
fn cjk_words(s: &str, lex: &Lexicon, as_of: NaiveDate) -> Option<NaiveDate> {
    if lex.today.iter().any(|w| s.starts_with(w.as_str())) {
        return Some(as_of);
    }
    if lex.tomorrow.iter().any(|w| s.starts_with(w.as_str())) {
        return days(as_of, 1);
    }
    let weekday_at = |s: &str| {
        lex.weekdays
            .iter()
            .position(|names| names.iter().any(|n| s.starts_with(n.as_str())))
            .map(|i| {
                [
                    Weekday::Mon,
                    Weekday::Tue,
                    Weekday::Wed,
                    Weekday::Thu,
                    Weekday::Fri,
                    Weekday::Sat,
                    Weekday::Sun,
                ][i]
            })
    };
    if let Some(wd) = weekday_at(s) {
        return next_weekday(as_of, wd);
    }
    lex.next_word
        .iter()
        .filter_map(|w| s.strip_prefix(w.as_str()))
        .find_map(|r| weekday_at(r.trim_start()))
        .and_then(|wd| next_weekday(as_of, wd))
}

fn at(toks: &[&str], lex: &Lexicon, as_of: NaiveDate) -> Option<NaiveDate> {
    let t = toks[0];
    if let Some(d) = numeric(t, lex.lang, as_of) {
        return Some(d);
    }
    if lex.today.iter().any(|w| w == t) {
        return Some(as_of);
    }
    if lex.tomorrow.iter().any(|w| w == t) {
        return days(as_of, 1);
    }
    if let Some(wd) = weekday(t, lex) {
        return next_weekday(as_of, wd);
    }
    if lex.next_word.iter().any(|w| w == t)
        && let Some(wd) = toks.get(1).and_then(|n| weekday(n, lex))
    {
        return next_weekday(as_of, wd);
    }
    // 3 Dec 2026 / 3rd December / 18. Dezember 2026
    if let Some(day) = day_number(t)
        && let Some(m) = toks.get(1).and_then(|n| month(n, lex))
    {
        let year = toks.get(2).and_then(|y| year_number(y));
        return complete(year, m, day, as_of);
    }
    // Dec 3, 2026 / December 3rd / Dec 2026
    if let Some(m) = month(t, lex) {
        if let Some(day) = toks.get(1).and_then(|n| day_number(n)) {
            let year = toks.get(2).and_then(|y| year_number(y));
            return complete(year, m, day, as_of);
        }
        if let Some(year) = toks.get(1).and_then(|y| year_number(y)) {
            return last_day(year, m);
        }
    }
    None
}

fn numeric(t: &str, lang: Lang, as_of: NaiveDate) -> Option<NaiveDate> {
    let sep = t.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = t.split(sep).filter(|p| !p.is_empty()).collect();
    if parts.len() < 2
        || parts.len() > 3
        || (parts.len() == 2 && sep != '/')
        || !parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let n: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    if parts[0].len() == 4 {
        return if n.len() == 3 {
            NaiveDate::from_ymd_opt(i32::try_from(n[0]).ok()?, n[1], n[2])
        } else {
            None
        };
    }
    let year = n.get(2).map(|&y| if y < 100 { 2000 + y } else { y });
    let year = year.and_then(|y| i32::try_from(y).ok());
    let (m, d) = match (sep, lang) {
        ('/', Lang::En) if n[0] <= 12 => (n[0], n[1]),
        ('/', Lang::Ja | Lang::Zh) => (n[0], n[1]),
        _ => (n[1], n[0]),
    };
    complete(year, m, d, as_of)
}

fn complete(year: Option<i32>, month: u32, day: u32, as_of: NaiveDate) -> Option<NaiveDate> {
    match year {
        Some(y) => NaiveDate::from_ymd_opt(y, month, day),
        None => {
            let d = NaiveDate::from_ymd_opt(as_of.year(), month, day)?;
            if Some(d) < days(as_of, -60) {
                NaiveDate::from_ymd_opt(as_of.year().checked_add(1)?, month, day)
            } else {
                Some(d)
            }
        }
    }
}

fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    if month == 12 {
        return NaiveDate::from_ymd_opt(year, 12, 31);
    }
    NaiveDate::from_ymd_opt(year, month + 1, 1).and_then(|d| d.pred_opt())
}

fn day_number(t: &str) -> Option<u32> {
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let rest = &t[digits.len()..];
    if digits.is_empty()
        || digits.len() > 2
        || !matches!(rest, "" | "st" | "nd" | "rd" | "th" | ".")
    {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(t: &str) -> Option<i32> {
    (t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

fn month(t: &str, lex: &Lexicon) -> Option<u32> {
    lex.months
        .iter()
        .position(|names| names.iter().any(|n| n == t))
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn weekday(t: &str, lex: &Lexicon) -> Option<Weekday> {
    const DAYS: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];
    lex.weekdays
        .iter()
        .position(|names| {
            names.first().is_some_and(|full| full == t)
                || (t.len() >= 3 && names.iter().any(|n| n == t))
        })
        .map(|i| DAYS[i])
}

/// The next day after `from` that falls on `wd` (none past the last date).
fn next_weekday(from: NaiveDate, wd: Weekday) -> Option<NaiveDate> {
    let ahead = (7 + wd.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    days(from, i64::from(if ahead == 0 { 7 } else { ahead }))
}

/// `d` moved by `n` days; `None` beyond the dates chrono can hold, never a panic.
pub fn days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(n)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn reads_common_forms() {
        let as_of = d(2026, 11, 21);
        let en = |s: &str| parse(s, Lang::En, as_of);
        assert_eq!(en("2026-12-03"), Some(d(2026, 12, 3)));
        assert_eq!(en("12/15/2026"), Some(d(2026, 12, 15)));
        assert_eq!(en("15/12/2026"), Some(d(2026, 12, 15)));
        assert_eq!(en("11/02/2026"), Some(d(2026, 11, 2)));
        assert_eq!(en("3 Dec 2026"), Some(d(2026, 12, 3)));
        assert_eq!(en("Jan 8, 2027"), Some(d(2027, 1, 8)));
        assert_eq!(en("December 3rd"), Some(d(2026, 12, 3)));
        assert_eq!(en("5 Jan"), Some(d(2027, 1, 5)));
        assert_eq!(en("due 12/18/2026"), Some(d(2026, 12, 18)));
        assert_eq!(en("tomorrow"), Some(d(2026, 11, 22)));
        assert_eq!(en("Friday"), Some(d(2026, 11, 27)));
        assert_eq!(en("next Monday"), Some(d(2026, 11, 23)));
        assert_eq!(en("end of January 2027"), Some(d(2027, 1, 31)));
        assert_eq!(en("TBD"), None);
        assert_eq!(en("soon"), None);
        assert_eq!(en("ASAP"), None);
        assert_eq!(en("31/02/2026"), None);
        assert_eq!(en("version 6.8"), None);
    }

    #[test]
    fn reads_japanese_and_chinese_forms() {
        let as_of = d(2026, 11, 21);
        for lang in [Lang::Ja, Lang::Zh] {
            let p = |s: &str| parse(s, lang, as_of);
            assert_eq!(p("2026年12月3日"), Some(d(2026, 12, 3)), "{lang}");
            assert_eq!(p("2026 年 12 月 3 日まで"), Some(d(2026, 12, 3)));
            assert_eq!(p("１２月１５日"), Some(d(2026, 12, 15)));
            assert_eq!(p("1月8日"), Some(d(2027, 1, 8)));
            assert_eq!(p("2026/12/03"), Some(d(2026, 12, 3)));
            assert_eq!(p("12/3"), Some(d(2026, 12, 3)));
            assert_eq!(p("2026-12-03 までに"), Some(d(2026, 12, 3)));
            assert_eq!(p("2027年1月"), Some(d(2027, 1, 31)));
            assert_eq!(p("12月末"), Some(d(2026, 12, 31)));
            assert_eq!(p("2026年10月30日"), Some(d(2026, 10, 30)));
            assert_eq!(p("TLS 1.2"), None);
            assert_eq!(p("3 回"), None);
            assert_eq!(p("2026年13月1日"), None);
        }
        let ja = |s: &str| parse(s, Lang::Ja, as_of);
        assert_eq!(ja("明日"), Some(d(2026, 11, 22)));
        assert_eq!(ja("金曜日"), Some(d(2026, 11, 27)));
        assert_eq!(ja("来週金曜日"), Some(d(2026, 11, 27)));
        assert_eq!(ja("来週の月曜"), Some(d(2026, 11, 23)));
        assert_eq!(ja("未定"), None);
        assert_eq!(ja("2026年12月3日(木)"), Some(d(2026, 12, 3)));
        let zh = |s: &str| parse(s, Lang::Zh, as_of);
        assert_eq!(zh("明天"), Some(d(2026, 11, 22)));
        assert_eq!(zh("下周五"), Some(d(2026, 11, 27)));
        assert_eq!(zh("星期一"), Some(d(2026, 11, 23)));
        assert_eq!(zh("12月5号"), Some(d(2026, 12, 5)));
        assert_eq!(zh("待定"), None);
        assert_eq!(
            parse_start("2026年12月3日 に", Lang::Ja, as_of),
            Some(d(2026, 12, 3))
        );
        assert_eq!(parse_start("お客様は 12月3日", Lang::Ja, as_of), None);
    }

    #[test]
    fn reads_german_forms() {
        let as_of = d(2026, 11, 21);
        let de = |s: &str| parse(s, Lang::De, as_of);
        assert_eq!(de("03.12.2026"), Some(d(2026, 12, 3)));
        assert_eq!(de("18. Dezember 2026"), Some(d(2026, 12, 18)));
        assert_eq!(de("5. Jan. 2027"), Some(d(2027, 1, 5)));
        assert_eq!(de("morgen"), Some(d(2026, 11, 22)));
        assert_eq!(de("nächsten Freitag"), Some(d(2026, 11, 27)));
        assert_eq!(de("demnächst"), None);
        assert_eq!(de("offen"), None);
    }
}
