//! The words a language writes dates and periods with, from its word list
//! (`assets/check/<lang>.toml`): read by the date scanner in `crate::date`.

use super::lexicon::{Matcher, fold};
use super::lexicon::{WordMap, WordSet};

/// A span of time counted from the day a note is judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl Unit {
    const ALL: [Unit; 5] = [
        Unit::Day,
        Unit::Week,
        Unit::Month,
        Unit::Quarter,
        Unit::Year,
    ];

    fn parse(s: &str) -> Option<Unit> {
        Some(match s {
            "day" => Unit::Day,
            "week" => Unit::Week,
            "month" => Unit::Month,
            "quarter" => Unit::Quarter,
            "year" => Unit::Year,
            _ => return None,
        })
    }
}

/// Where in a month a modifier puts the day ("end of May", "Mitte Juni", "4月中旬").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Early,
    Mid,
    End,
}

/// Date words of one language.
pub struct DateWords {
    /// Modifiers of a month: phrases before it in spaced scripts, suffixes
    /// after "N月" in Japanese and Chinese. Each phrase as its words.
    pub parts: Vec<(Part, Vec<String>)>,
    /// The first word of each of `parts`: a token that is none of them
    /// starts no modifier.
    pub part_starts: WordSet,
    /// "next week", "EOM", "来週", "月底": the end of a period from now.
    pub relative: Matcher,
    pub relative_rule: Vec<(Unit, i64)>,
    /// Words of each unit, for "in 2 weeks", "3 か月後".
    pub units: Vec<(Unit, String)>,
    /// "in", "within" before a count of units.
    pub within: Vec<String>,
    /// "後", "以内" after a count of units.
    pub after: Vec<String>,
    /// "KW", "CW", "week" before a week number.
    pub week_labels: Vec<String>,
    /// "quarter", "Quartal", "四半期", "季度" after a number.
    pub quarter_words: Vec<String>,
    /// "in", "by", "bis" before a year standing alone.
    pub year_preps: Vec<String>,
    /// Number words, one first.
    pub numbers: Vec<String>,
    /// Month names and abbreviations → 1–12, and whether the name is the full one.
    pub months: WordMap<(u32, bool)>,
    /// Weekday names (full, or abbreviations of three letters or more) → 0 = Monday.
    pub weekdays: WordMap<usize>,
}

impl DateWords {
    /// Reads the lists from a word list; `list` gives a list by name.
    pub fn new(list: impl Fn(&str) -> Vec<String>) -> DateWords {
        let folded = |k: &str| -> Vec<String> { list(k).iter().map(|s| fold(s)).collect() };
        let mut parts = Vec::new();
        for (part, key) in [
            (Part::Early, "date_early"),
            (Part::Mid, "date_mid"),
            (Part::End, "date_end"),
        ] {
            for p in folded(key) {
                let words: Vec<String> = p.split_whitespace().map(str::to_string).collect();
                if !words.is_empty() {
                    parts.push((part, words));
                }
            }
        }
        // Longest first, so "the end of" wins over "end".
        parts.sort_by_key(|(_, w)| std::cmp::Reverse(w.iter().map(String::len).sum::<usize>()));
        let mut phrases = Vec::new();
        let mut relative_rule = Vec::new();
        for entry in list("date_relative") {
            let Some((phrase, rule)) = entry.rsplit_once('=') else {
                continue;
            };
            let (unit, n) = rule.split_once('+').unwrap_or((rule, "0"));
            if let (Some(unit), Ok(n)) = (Unit::parse(unit.trim()), n.trim().parse::<i64>()) {
                phrases.push(phrase.trim().to_string());
                relative_rule.push((unit, n));
            }
        }
        let mut units = Vec::new();
        for (unit, line) in Unit::ALL.iter().zip(list("date_units")) {
            for w in line.split_whitespace() {
                units.push((*unit, fold(w)));
            }
        }
        units.sort_by_key(|(_, w)| std::cmp::Reverse(w.len()));
        let mut months = WordMap::default();
        for (i, line) in list("months").iter().enumerate() {
            for (k, w) in line.split_whitespace().enumerate() {
                let m = u32::try_from(i + 1).unwrap_or(0);
                months.entry(fold(w)).or_insert((m, k == 0));
            }
        }
        let mut weekdays = WordMap::default();
        for (i, line) in list("weekdays").iter().enumerate() {
            for (k, w) in line.split_whitespace().enumerate() {
                if k == 0 || w.chars().count() >= 3 {
                    weekdays.entry(fold(w)).or_insert(i);
                }
            }
        }
        let part_starts = parts.iter().map(|(_, w)| w[0].clone()).collect();
        DateWords {
            months,
            weekdays,
            parts,
            part_starts,
            relative: Matcher::new(&phrases),
            relative_rule,
            units,
            within: folded("date_within"),
            after: folded("date_after"),
            week_labels: folded("date_week_labels"),
            quarter_words: folded("date_quarter_words"),
            year_preps: folded("date_year_preps"),
            numbers: folded("date_numbers"),
        }
    }

    /// The value of a number word ("two" → 2).
    pub fn number(&self, w: &str) -> Option<u32> {
        self.numbers
            .iter()
            .position(|n| n == w)
            .and_then(|i| u32::try_from(i + 1).ok())
    }
}
