//! Dates in notes: the date of a next action written as a date ("2026-12-03",
//! "12/15/2026", "15.12.2026", "3 Dec 2026", "18. Dezember", "2026年12月3日"),
//! a period ("by the end of May 2019", "mid-June", "Q3", "KW 14", "4 月中旬",
//! "月底") or words ("tomorrow", "next week", "Friday", "来週金曜日", "下周五").
//!
//! [`find_all`] finds every date in a text, with its place, in one pass. A
//! period is read as its last day (a next action due "in April" is not late
//! until April is over); a date without a year is the next one from the day
//! the note is judged, or the past one when it is less than 60 days ago.
//! Arithmetic never panics: dates chrono cannot hold are no dates.

mod cjk;
mod spaced;

use crate::check::date_words::{Part, Unit};
use crate::check::lexicon::Lexicon;
use crate::lang::Lang;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::ops::Range;

/// A date found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Byte range in the text.
    pub span: Range<usize>,
    /// The day, or the last day of the period.
    pub date: NaiveDate,
    /// How long a time it names, ending on `date`.
    pub period: Period,
}

/// The length of time a date names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Day,
    Week,
    /// A month, or a third of one ("early", "mid", "end of").
    Month(Option<Part>),
    Quarter,
    Half,
    Year,
}

impl Period {
    fn of(unit: Unit) -> Period {
        match unit {
            Unit::Day => Period::Day,
            Unit::Week => Period::Week,
            Unit::Month => Period::Month(None),
            Unit::Quarter => Period::Quarter,
            Unit::Year => Period::Year,
        }
    }
}

impl Found {
    /// A day, not a period.
    pub fn exact(&self) -> bool {
        self.period == Period::Day
    }

    /// The first day of the time named.
    pub fn from(&self) -> NaiveDate {
        let d = self.date;
        let first_of = |months_back: u32| {
            let m0 = d.month0();
            let back = months_back.min(m0);
            NaiveDate::from_ymd_opt(d.year(), m0 - back + 1, 1).unwrap_or(d)
        };
        match self.period {
            Period::Day => d,
            Period::Week => days(d, -6).unwrap_or(d),
            Period::Month(None) => first_of(0),
            Period::Month(Some(Part::Early)) => d.with_day(1).unwrap_or(d),
            Period::Month(Some(Part::Mid)) => d.with_day(11).unwrap_or(d),
            Period::Month(Some(Part::End)) => d.with_day(21).unwrap_or(d),
            Period::Quarter => first_of(2),
            Period::Half => first_of(5),
            Period::Year => first_of(11),
        }
    }

    /// Does all of the time named lie after `as_of`?
    pub fn ahead_of(&self, as_of: NaiveDate) -> bool {
        self.from() > as_of
    }
}

/// Every date in `text`, in order, not overlapping.
pub fn find_all(text: &str, lang: Lang, as_of: NaiveDate) -> Vec<Found> {
    let lex = Lexicon::get(lang);
    let mut found = spaced::scan(text, lex, as_of);
    if matches!(lang, Lang::Ja | Lang::Zh) || text.chars().any(crate::check::text::is_cjk_letter) {
        found.extend(cjk::scan(text, lex, as_of));
    }
    // The longest of overlapping dates holds.
    // The spaced scan finds dates in order: sorted only when the
    // scan of Han and kana added some.
    let order = |f: &Found| (f.span.start, std::cmp::Reverse(f.span.end));
    if !found.is_sorted_by_key(order) {
        found.sort_by_key(order);
    }
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    for f in found {
        match out.last() {
            Some(last) if f.span.start < last.span.end => {
                if f.span.len() > last.span.len() {
                    out.pop();
                    out.push(f);
                }
            }
            _ => out.push(f),
        }
    }
    out
}

/// The first date in `text`.
pub fn parse(text: &str, lang: Lang, as_of: NaiveDate) -> Option<NaiveDate> {
    find_all(text, lang, as_of).first().map(|f| f.date)
}

/// A date that starts `text` ("3 Dec 2026, then …").
pub fn parse_start(text: &str, lang: Lang, as_of: NaiveDate) -> Option<NaiveDate> {
    find_start(text, lang, as_of).map(|f| f.date)
}

/// The date that starts `text`, with its span in `text`.
pub fn find_start(text: &str, lang: Lang, as_of: NaiveDate) -> Option<Found> {
    // A date is a few words long: look no further than that.
    let mut end = text.len().min(64);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let lead = head.len() - head.trim_start().len();
    find_all(head, lang, as_of)
        .into_iter()
        .find(|f| f.span.start == lead)
}

/// `d` moved by `n` days; `None` beyond the dates chrono can hold, never a panic.
pub fn days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(n)?)
}

/// The last day of a month.
fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    if month == 12 {
        return NaiveDate::from_ymd_opt(year, 12, 31);
    }
    NaiveDate::from_ymd_opt(year, month + 1, 1).and_then(|d| d.pred_opt())
}

/// The year of a month or day written without one: this year's, unless
/// that was more than 60 days ago — then next year's.
fn infer_year(as_of: NaiveDate, month: u32, day: Option<u32>) -> Option<i32> {
    let this = as_of.year();
    let candidate = match day {
        Some(d) => NaiveDate::from_ymd_opt(this, month, d).or_else(|| last_day(this, month))?,
        None => last_day(this, month)?,
    };
    if Some(candidate) < days(as_of, -60) {
        this.checked_add(1)
    } else {
        Some(this)
    }
}

/// A day of a month, the year inferred when not given.
fn complete(year: Option<i32>, month: u32, day: u32, as_of: NaiveDate) -> Option<NaiveDate> {
    let y = match year {
        Some(y) => y,
        None => infer_year(as_of, month, Some(day))?,
    };
    NaiveDate::from_ymd_opt(y, month, day)
}

/// A part of a month ("mid-June" → the 15th).
fn month_part(
    year: Option<i32>,
    month: u32,
    part: Option<Part>,
    as_of: NaiveDate,
) -> Option<NaiveDate> {
    if !(1..=12).contains(&month) {
        return None;
    }
    let y = match year {
        Some(y) => y,
        None => infer_year(as_of, month, None)?,
    };
    match part {
        Some(Part::Early) => NaiveDate::from_ymd_opt(y, month, 10),
        Some(Part::Mid) => NaiveDate::from_ymd_opt(y, month, 20),
        Some(Part::End) | None => last_day(y, month),
    }
}

/// The last day of quarter `q` (1–4), the year inferred when not given.
fn quarter_end(year: Option<i32>, q: u32, as_of: NaiveDate) -> Option<NaiveDate> {
    if !(1..=4).contains(&q) {
        return None;
    }
    let month = q * 3;
    let y = match year {
        Some(y) => y,
        None => infer_year(as_of, month, None)?,
    };
    last_day(y, month)
}

/// The Sunday of ISO week `w`, the year inferred when not given.
fn week_end(year: Option<i32>, w: u32, as_of: NaiveDate) -> Option<NaiveDate> {
    let of = |y: i32| NaiveDate::from_isoywd_opt(y, w, Weekday::Sun);
    match year {
        Some(y) => of(y),
        None => {
            let d = of(as_of.iso_week().year())?;
            if Some(d) < days(as_of, -60) {
                of(as_of.iso_week().year().checked_add(1)?)
            } else {
                Some(d)
            }
        }
    }
}

/// The end of the period `n` units from `as_of` ("next week": the Sunday
/// after next; "EOM": this month's last day).
fn relative(as_of: NaiveDate, unit: Unit, n: i64) -> Option<NaiveDate> {
    match unit {
        Unit::Day => days(as_of, n),
        Unit::Week => {
            let to_sunday = 6 - i64::from(as_of.weekday().num_days_from_monday());
            days(as_of, to_sunday.checked_add(n.checked_mul(7)?)?)
        }
        Unit::Month | Unit::Quarter | Unit::Year => {
            let per = match unit {
                Unit::Month => 1,
                Unit::Quarter => 3,
                _ => 12,
            };
            let start = match unit {
                Unit::Quarter => (as_of.month0() / 3) * 3,
                Unit::Year => 0,
                _ => as_of.month0(),
            };
            let months = i64::from(as_of.year())
                .checked_mul(12)?
                .checked_add(i64::from(start) + per - 1)?
                .checked_add(n.checked_mul(per)?)?;
            let y = i32::try_from(months.div_euclid(12)).ok()?;
            let m = u32::try_from(months.rem_euclid(12)).ok()? + 1;
            last_day(y, m)
        }
    }
}

/// The end of `n` units after `as_of` ("in 2 weeks", "3か月後").
fn after(as_of: NaiveDate, unit: Unit, n: u32) -> Option<NaiveDate> {
    let n = i64::from(n);
    match unit {
        Unit::Day => days(as_of, n),
        Unit::Week => days(as_of, n.checked_mul(7)?),
        Unit::Month => as_of.checked_add_months(chrono::Months::new(u32::try_from(n).ok()?)),
        Unit::Quarter => as_of.checked_add_months(chrono::Months::new(u32::try_from(n * 3).ok()?)),
        Unit::Year => as_of.checked_add_months(chrono::Months::new(u32::try_from(n * 12).ok()?)),
    }
}

/// The next day after `from` that falls on `wd` (none past the last date).
fn next_weekday(from: NaiveDate, wd: Weekday) -> Option<NaiveDate> {
    let ahead = (7 + wd.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    days(from, i64::from(if ahead == 0 { 7 } else { ahead }))
}

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// A date of digits and separators: 2026-12-03, 12/15/2026, 15.12.2026,
/// 12/3 (month first in English, Japanese and Chinese), 10.12. (German,
/// with its closing dot).
fn numeric(t: &str, closing_dot: bool, lang: Lang, as_of: NaiveDate) -> Option<NaiveDate> {
    let sep = t.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = t.split(sep).collect();
    if parts.len() < 2
        || parts.len() > 3
        || parts.iter().any(|p| p.is_empty() || p.len() > 4)
        || !parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    if parts.len() == 2 && !(sep == '/' || (sep == '.' && closing_dot)) {
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
    if parts.iter().take(2).any(|p| p.len() > 2) {
        return None;
    }
    let year = match n.get(2) {
        Some(&y) if parts[2].len() == 2 => Some(2000 + y),
        Some(&y) if parts[2].len() == 4 => Some(y),
        Some(_) => return None,
        None => None,
    };
    let year = match year {
        Some(y) => Some(i32::try_from(y).ok()?),
        None => None,
    };
    let (m, d) = match (sep, lang) {
        ('/', Lang::En) if n[0] <= 12 => (n[0], n[1]),
        ('/', Lang::Ja | Lang::Zh) => (n[0], n[1]),
        _ => (n[1], n[0]),
    };
    complete(year, m, d, as_of)
}

#[cfg(test)]
mod tests;
