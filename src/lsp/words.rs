//! The server's own words (hover, code action titles) in the note's
//! language, from `assets/lsp/<lang>.toml`.

use crate::lang::Lang;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const FILES: [(Lang, &str); 4] = [
    (Lang::En, include_str!("../../assets/lsp/en.toml")),
    (Lang::De, include_str!("../../assets/lsp/de.toml")),
    (Lang::Ja, include_str!("../../assets/lsp/ja.toml")),
    (Lang::Zh, include_str!("../../assets/lsp/zh.toml")),
];

type Table = BTreeMap<String, String>;

fn tables() -> &'static [Table; 4] {
    static TABLES: OnceLock<[Table; 4]> = OnceLock::new();
    TABLES.get_or_init(|| FILES.map(|(_, src)| toml::from_str(src).unwrap_or_default()))
}

/// The word for `key` in `lang`, else in English, else the key itself.
pub fn word(lang: Lang, key: &str) -> &'static str {
    let t = tables();
    let i = FILES.iter().position(|(l, _)| *l == lang).unwrap_or(0);
    t[i].get(key)
        .or_else(|| t[0].get(key))
        .map_or("", String::as_str)
}

/// [`word`] with `{name}` filled in.
pub fn fill(lang: Lang, key: &str, params: &[(&str, &str)]) -> String {
    params
        .iter()
        .fold(word(lang, key).to_string(), |s, (k, v)| {
            s.replace(&format!("{{{k}}}"), v)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_word() {
        let en: Table = toml::from_str(FILES[0].1).expect("en parses");
        assert!(!en.is_empty());
        for (lang, src) in FILES {
            let t: Table = toml::from_str(src).unwrap_or_else(|e| panic!("{lang}: {e}"));
            let keys: Vec<&String> = t.keys().collect();
            let want: Vec<&String> = en.keys().collect();
            assert_eq!(keys, want, "{lang}");
            for (k, v) in &t {
                assert!(!v.trim().is_empty(), "{lang}.{k}");
                let en_params = en[k].matches('{').count();
                assert_eq!(v.matches('{').count(), en_params, "{lang}.{k} placeholders");
            }
        }
    }

    #[test]
    fn fills_and_falls_back() {
        assert_eq!(
            fill(Lang::De, "fix_all_safe", &[("count", "2")]),
            "Alle sicheren Korrekturen anwenden (2)"
        );
        assert_eq!(word(Lang::Ja, "no-such-word"), "");
    }
}
