//! The four languages ftnote speaks, and a cheap guess of a text's language.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::OnceLock;

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
        if let Some(l) = Lang::ALL.into_iter().find(|l| l.code() == s) {
            return Some(l);
        }
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
    /// Text mostly in Han or kana is Japanese when it has kana, or when it
    /// writes more characters only Japanese uses (対, 応, 様 …) than ones only
    /// simplified Chinese uses (这, 们, 应 …); otherwise Chinese. German is told
    /// from English by umlauts, ß and frequent function words. The characters
    /// and words are in each language's word list.
    pub fn guess(text: &str) -> Lang {
        let cues = GuessCues::get();
        let mut kana = 0usize;
        let mut han = 0usize;
        let mut ja_only = 0usize;
        let mut zh_only = 0usize;
        let mut de = 0usize;
        let mut en = 0usize;
        let mut spaced_words = 0usize;
        // The word being read, lowercased, and whether it has a letter of a
        // spaced script (a run of Han is not a word of English or German).
        let mut word = String::new();
        let mut spaced = false;
        let mut end_word = |word: &mut String, spaced: &mut bool| {
            if *spaced {
                spaced_words += 1;
                if word.contains(['ä', 'ö', 'ü', 'ß']) {
                    de += 2;
                }
                let found = cues.words.get(word);
                de += usize::from(found & DE != 0);
                en += usize::from(found & EN != 0);
            }
            word.clear();
            *spaced = false;
        };
        for c in text.chars() {
            let letter = if c.is_ascii() {
                if c.is_ascii_alphabetic() {
                    word.push(c.to_ascii_lowercase());
                    spaced = true;
                    continue;
                }
                c.is_ascii_digit()
            } else {
                match c {
                    '\u{3040}'..='\u{30ff}' | '\u{31f0}'..='\u{31ff}' | '\u{ff66}'..='\u{ff9f}' => {
                        kana += 1;
                        c.is_alphanumeric()
                    }
                    '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' => {
                        han += 1;
                        ja_only += usize::from(cues.ja_chars.binary_search(&c).is_ok());
                        zh_only += usize::from(cues.zh_chars.binary_search(&c).is_ok());
                        true
                    }
                    _ if c.is_alphanumeric() => {
                        if !crate::check::lexicon::is_cjk(c) && c.is_alphabetic() {
                            spaced = true;
                        }
                        word.extend(c.to_lowercase());
                        continue;
                    }
                    _ => false,
                }
            };
            if letter {
                word.push(c);
            } else {
                end_word(&mut word, &mut spaced);
            }
        }
        end_word(&mut word, &mut spaced);
        // A Japanese or Chinese note names products in Latin letters; an
        // English note may quote a name in Han. Two letters make a word.
        let cjk = kana + han;
        if cjk > 0 && cjk * 2 >= spaced_words {
            return if kana > 0 || ja_only > zh_only {
                Lang::Ja
            } else {
                Lang::Zh
            };
        }
        if de > en { Lang::De } else { Lang::En }
    }

    /// Reads a locale value (`ja_JP.UTF-8`, `zh_CN`, `de_AT@euro`, `C`,
    /// `POSIX`): the language it names, if ftnote speaks it. `C` and `POSIX`
    /// are English.
    pub fn from_locale(value: &str) -> Option<Lang> {
        let v = value.trim();
        if v.is_empty() {
            return None;
        }
        let head = v.split(['.', '@']).next().unwrap_or(v);
        if head.eq_ignore_ascii_case("c") || head.eq_ignore_ascii_case("posix") {
            return Some(Lang::En);
        }
        let code = head.split(['_', '-']).next().unwrap_or(head);
        match code.to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "de" => Some(Lang::De),
            "ja" => Some(Lang::Ja),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }

    /// Chooses a language: the command line's, then config's, then the
    /// locale's, then English. The locale is the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set and not empty, as POSIX reads
    /// them; a locale in a language ftnote does not speak means English.
    pub fn choose(arg: Option<Lang>, config: Option<Lang>, env: &LocaleEnv) -> Lang {
        arg.or(config).or_else(|| env.lang()).unwrap_or_default()
    }
}

/// What [`Lang::guess`] looks for, from each language's word list
/// (`guess_words`, `guess_chars`) as compiled in — no lexicon is built.
/// The guess words of English and German in one table, the characters
/// only Japanese or only Chinese writes sorted for a binary search.
struct GuessCues {
    words: WordTable,
    ja_chars: Vec<char>,
    zh_chars: Vec<char>,
}

const EN: u8 = 1;
const DE: u8 = 2;

/// A few dozen short words, each with the languages it is a cue for (a
/// bit each). Words of up to eight bytes are kept as integers in an open
/// table, so a lookup is a multiplication and a compare or two.
struct WordTable {
    keys: Vec<u64>,
    langs: Vec<u8>,
    long: Vec<(&'static str, u8)>,
}

impl WordTable {
    fn pack(w: &str) -> Option<u64> {
        let b = w.as_bytes();
        (!b.is_empty() && b.len() <= 8).then(|| {
            let mut a = [0u8; 8];
            a[..b.len()].copy_from_slice(b);
            u64::from_le_bytes(a)
        })
    }

    fn slot(&self, key: u64) -> usize {
        // Fibonacci hashing: the top bits of the product pick the slot.
        let bits = self.keys.len().trailing_zeros();
        usize::try_from(key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)).unwrap_or(0)
    }

    fn new(lists: &[(&[&'static str], u8)]) -> WordTable {
        let n: usize = lists.iter().map(|(l, _)| l.len()).sum();
        let size = (2 * n).next_power_of_two().max(16);
        let mut t = WordTable {
            keys: vec![0; size],
            langs: vec![0; size],
            long: Vec::new(),
        };
        for (list, lang) in lists {
            for w in *list {
                let Some(key) = Self::pack(w) else {
                    t.long.push((w, *lang));
                    continue;
                };
                let mut i = t.slot(key);
                while t.keys[i] != 0 && t.keys[i] != key {
                    i = (i + 1) & (size - 1);
                }
                t.keys[i] = key;
                t.langs[i] |= lang;
            }
        }
        t
    }

    /// The languages `w` is a cue for (0: none).
    fn get(&self, w: &str) -> u8 {
        let Some(key) = Self::pack(w) else {
            return self
                .long
                .iter()
                .filter(|(x, _)| *x == w)
                .fold(0, |a, (_, l)| a | l);
        };
        let mut i = self.slot(key);
        loop {
            match self.keys[i] {
                0 => return 0,
                k if k == key => return self.langs[i],
                _ => i = (i + 1) & (self.keys.len() - 1),
            }
        }
    }
}

impl GuessCues {
    fn get() -> &'static GuessCues {
        static CUES: OnceLock<GuessCues> = OnceLock::new();
        CUES.get_or_init(|| {
            use crate::check::lexicon::Source;
            let words = |l: Lang| Source::of(l).words("guess_words");
            let chars = |l: Lang| {
                let mut v: Vec<char> = Source::of(l)
                    .words("guess_chars")
                    .iter()
                    .flat_map(|s| s.chars())
                    .collect();
                v.sort_unstable();
                v
            };
            GuessCues {
                words: WordTable::new(&[(words(Lang::En), EN), (words(Lang::De), DE)]),
                ja_chars: chars(Lang::Ja),
                zh_chars: chars(Lang::Zh),
            }
        })
    }
}

/// The locale variables that name the language of messages, as read from
/// the environment (`None`: not set).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LocaleEnv {
    pub lc_all: Option<String>,
    pub lc_messages: Option<String>,
    pub lang: Option<String>,
}

impl LocaleEnv {
    /// The language the locale names: the first variable set and not empty
    /// decides.
    pub fn lang(&self) -> Option<Lang> {
        [&self.lc_all, &self.lc_messages, &self.lang]
            .into_iter()
            .flatten()
            .find(|v| !v.trim().is_empty())
            .map(|v| Lang::from_locale(v).unwrap_or_default())
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

    fn env(all: Option<&str>, messages: Option<&str>, lang: Option<&str>) -> LocaleEnv {
        LocaleEnv {
            lc_all: all.map(str::to_string),
            lc_messages: messages.map(str::to_string),
            lang: lang.map(str::to_string),
        }
    }

    #[test]
    fn reads_locales() {
        assert_eq!(Lang::from_locale("ja_JP.UTF-8"), Some(Lang::Ja));
        assert_eq!(Lang::from_locale("zh_CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_locale("zh_TW.Big5"), Some(Lang::Zh));
        assert_eq!(Lang::from_locale("de_AT@euro"), Some(Lang::De));
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale("C"), Some(Lang::En));
        assert_eq!(Lang::from_locale("C.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale("POSIX"), Some(Lang::En));
        assert_eq!(Lang::from_locale("fr_FR.UTF-8"), None);
        assert_eq!(Lang::from_locale(""), None);
    }

    #[test]
    fn chooses_flag_then_config_then_locale_then_english() {
        let ja = env(None, None, Some("ja_JP.UTF-8"));
        assert_eq!(Lang::choose(Some(Lang::De), Some(Lang::Zh), &ja), Lang::De);
        assert_eq!(Lang::choose(None, Some(Lang::Zh), &ja), Lang::Zh);
        assert_eq!(Lang::choose(None, None, &ja), Lang::Ja);
        assert_eq!(Lang::choose(None, None, &LocaleEnv::default()), Lang::En);
        // LC_ALL over LC_MESSAGES over LANG; empty values do not count.
        let e = env(Some("zh_CN.UTF-8"), Some("de_DE"), Some("ja_JP"));
        assert_eq!(Lang::choose(None, None, &e), Lang::Zh);
        let e = env(Some(""), Some("de_AT"), Some("ja_JP"));
        assert_eq!(Lang::choose(None, None, &e), Lang::De);
        let e = env(None, Some(" "), Some("ja_JP"));
        assert_eq!(Lang::choose(None, None, &e), Lang::Ja);
        // A locale ftnote does not speak, or C/POSIX, means English.
        let e = env(Some("fr_FR.UTF-8"), None, Some("ja_JP"));
        assert_eq!(Lang::choose(None, None, &e), Lang::En);
        let e = env(None, Some("POSIX"), Some("de_DE"));
        assert_eq!(Lang::choose(None, None, &e), Lang::En);
    }

    #[test]
    fn word_tables_hold_short_and_long_words() {
        let t = WordTable::new(&[
            (&["a", "für", "aufgrund", "nevertheless", "in"], EN),
            (&["in", "für"], DE),
        ]);
        for (w, langs) in [
            ("a", EN),
            ("für", EN | DE),
            ("in", EN | DE),
            ("aufgrund", EN),
            ("nevertheless", EN),
        ] {
            assert_eq!(t.get(w), langs, "{w}");
        }
        for w in ["", "b", "fü", "aufgrun", "aufgrunds", "nevertheles"] {
            assert_eq!(t.get(w), 0, "{w}");
        }
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
        // Japanese without kana, by the forms only Japanese writes.
        assert_eq!(Lang::guess("対応中"), Lang::Ja);
        assert_eq!(Lang::guess("移行完了、検証済"), Lang::Ja);
        assert_eq!(Lang::guess("进行中"), Lang::Zh);
        assert_eq!(
            Lang::guess("由于代理服务器不支持 TLS 1.2，无法部署。"),
            Lang::Zh
        );
        // Product names in Latin letters do not make a note English…
        assert_eq!(
            Lang::guess("Exchange Online Protection の設定を確認中"),
            Lang::Ja
        );
        assert_eq!(
            Lang::guess("Microsoft Defender for Endpoint 试点"),
            Lang::Zh
        );
        // …and a name in Han does not make an English note Chinese.
        assert_eq!(
            Lang::guess("Customer 华为 will not deploy because the proxy blocks TLS 1.2."),
            Lang::En
        );
    }
}
