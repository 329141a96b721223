//! The four languages ftnote speaks, and a cheap guess of a text's language.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A note or UI language.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    De,
    Ja,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::De, Lang::Ja, Lang::Zh];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Ja => "ja",
            Lang::Zh => "zh",
        }
    }

    /// The language's own name for itself.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::De => "Deutsch",
            Lang::Ja => "日本語",
            Lang::Zh => "中文",
        }
    }

    /// Reads a code, a locale (`de_DE.UTF-8`, `zh-Hans-CN`) or a name.
    pub fn parse(s: &str) -> Option<Lang> {
        let lower = s.trim().to_ascii_lowercase();
        let head: String = lower
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        match head.as_str() {
            "en" | "english" | "c" | "posix" => Some(Lang::En),
            "de" | "german" | "deutsch" => Some(Lang::De),
            "ja" | "jp" | "japanese" => Some(Lang::Ja),
            "zh" | "cn" | "chinese" => Some(Lang::Zh),
            _ => None,
        }
    }

    /// Guesses the language of a note from its characters and common words.
    /// Kana means Japanese; other Han text means Chinese; German is told from
    /// English by umlauts, ß and frequent function words.
    pub fn guess(text: &str) -> Lang {
        let mut han = 0usize;
        let mut kana = 0usize;
        for c in text.chars() {
            match c {
                '\u{3040}'..='\u{30ff}' | '\u{31f0}'..='\u{31ff}' | '\u{ff66}'..='\u{ff9f}' => {
                    kana += 1;
                }
                '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' => han += 1,
                _ => {}
            }
        }
        if kana > 0 {
            return Lang::Ja;
        }
        if han > 0 {
            return Lang::Zh;
        }
        let mut de = 0i32;
        let mut en = 0i32;
        for word in text
            .split(|c: char| !c.is_alphanumeric() && c != 'ß')
            .filter(|w| !w.is_empty())
        {
            let w = word.to_lowercase();
            if w.contains(['ä', 'ö', 'ü', 'ß']) {
                de += 2;
            }
            match w.as_str() {
                "der" | "die" | "das" | "und" | "nicht" | "ist" | "wird" | "kunde" | "mit"
                | "auf" | "zu" | "von" | "den" | "dem" | "des" | "ein" | "eine" | "keine"
                | "wegen" | "aufgrund" | "bis" | "hat" | "noch" | "für" | "sich" | "bei" | "im"
                | "zur" | "zum" | "oder" | "auch" | "werden" | "kann" => de += 1,
                "the" | "and" | "not" | "is" | "will" | "customer" | "with" | "on" | "to"
                | "of" | "a" | "an" | "no" | "due" | "because" | "until" | "has" | "for" | "at"
                | "in" | "or" | "be" | "are" | "can" | "this" | "that" => en += 1,
                _ => {}
            }
        }
        if de > en { Lang::De } else { Lang::En }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_locales_and_names() {
        assert_eq!(Lang::parse("de_DE.UTF-8"), Some(Lang::De));
        assert_eq!(Lang::parse("zh-Hans-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("Japanese"), Some(Lang::Ja));
        assert_eq!(Lang::parse("C.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("fr_FR"), None);
        assert_eq!(Lang::parse(""), None);
    }

    #[test]
    fn guesses_languages() {
        assert_eq!(
            Lang::guess("Kunde antwortet nicht auf 3 Kontaktversuche."),
            Lang::De
        );
        assert_eq!(
            Lang::guess("Customer has not responded to 3 contact attempts."),
            Lang::En
        );
        assert_eq!(Lang::guess("お客様は移行を計画中です。"), Lang::Ja);
        assert_eq!(Lang::guess("客户正在计划部署。"), Lang::Zh);
        assert_eq!(Lang::guess(""), Lang::En);
    }
}
