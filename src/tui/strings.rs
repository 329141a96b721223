//! The composer's words, one TOML file per language under `assets/ui/`.

use crate::lang::Lang;
use crate::role::Role;
use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roles {
    pub fm: String,
    #[serde(rename = "fe-sme")]
    pub fe_sme: String,
    pub architect: String,
    #[serde(rename = "gateway-manager")]
    pub gateway_manager: String,
    #[serde(rename = "adoption-sme")]
    pub adoption_sme: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Start {
    pub role: String,
    pub customer: String,
    pub kind: String,
    pub new_customer: String,
    pub no_recent: String,
    pub customer_needed: String,
    pub role_saved: String,
    pub role_not_saved: String,
    pub drafts: String,
    pub discarded: String,
    pub draft_failed: String,
    pub recovered: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Compose {
    pub steps: String,
    pub checks: String,
    pub preview: String,
    pub changed_since: String,
    pub from_earlier: String,
    pub separate: String,
    pub good: String,
    pub incomplete: String,
    pub bad: String,
    pub nothing: String,
    pub line: String,
    pub pick_sentence: String,
    pub write_own: String,
    pub choose_status_first: String,
    pub fill_blanks: String,
    pub date_understood: String,
    pub date_unknown: String,
    pub add_workload: String,
    pub no_match: String,
    pub filter: String,
    pub empty: String,
    pub sentences: String,
    pub saved: String,
    pub save_failed: String,
    pub copied: String,
    pub copied_unverified: String,
    pub copy_failed: String,
    pub separate_copied: String,
    pub editor_failed: String,
    pub editor_unchanged: String,
    pub editor_read: String,
    pub no_findings_left: String,
    pub removed: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quit {
    pub title: String,
    pub unsaved: String,
    pub kept: String,
    pub yes_no: String,
    pub leave: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Help {
    pub title: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Size {
    pub too_small: String,
}

/// What each key does, as the footer and the help say it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keys {
    pub next_field: String,
    pub prev_field: String,
    pub next_column: String,
    pub start: String,
    pub choose: String,
    pub toggle: String,
    #[serde(rename = "move")]
    pub move_: String,
    pub back: String,
    pub save: String,
    pub copy: String,
    pub editor: String,
    pub next_finding: String,
    pub help: String,
    pub quit: String,
    pub remove: String,
    pub confirm: String,
    pub recover: String,
    pub discard: String,
    pub keep: String,
}

/// All the composer's words in one language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Strings {
    pub roles: Roles,
    pub start: Start,
    pub compose: Compose,
    pub quit: Quit,
    pub help: Help,
    pub size: Size,
    pub keys: Keys,
}

/// The language files compiled in, by language code.
pub const FILES: &[(&str, &str)] = &[
    ("en", include_str!("../../assets/ui/en.toml")),
    ("de", include_str!("../../assets/ui/de.toml")),
    ("ja", include_str!("../../assets/ui/ja.toml")),
    ("zh", include_str!("../../assets/ui/zh.toml")),
];

impl Strings {
    /// The words for `lang`, English where a language has no file.
    pub fn get(lang: Lang) -> &'static Strings {
        static CACHE: OnceLock<Vec<(Lang, Strings)>> = OnceLock::new();
        let all = CACHE.get_or_init(|| {
            FILES
                .iter()
                .filter_map(|(code, src)| {
                    let lang = Lang::parse(code)?;
                    // The files are checked by a test; a broken one falls back to English.
                    toml::from_str::<Strings>(src).ok().map(|s| (lang, s))
                })
                .collect()
        });
        all.iter()
            .find(|(l, _)| *l == lang)
            .or_else(|| all.iter().find(|(l, _)| *l == Lang::En))
            .map(|(_, s)| s)
            .expect("assets/ui/en.toml is compiled in and checked by a test")
    }

    pub fn role(&self, role: Role) -> &str {
        match role {
            Role::Fm => &self.roles.fm,
            Role::FeSme => &self.roles.fe_sme,
            Role::Architect => &self.roles.architect,
            Role::GatewayManager => &self.roles.gateway_manager,
            Role::AdoptionSme => &self.roles.adoption_sme,
        }
    }
}

/// Fills `{name}` slots in `template`.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_file_has_every_key() {
        for (code, src) in FILES {
            if let Err(e) = toml::from_str::<Strings>(src) {
                panic!("assets/ui/{code}.toml: {e}");
            }
        }
    }

    #[test]
    fn fill_replaces_slots() {
        assert_eq!(
            fill("Written to {path}.", &[("path", "/x")]),
            "Written to /x."
        );
    }

    #[test]
    fn every_language_has_its_own_words() {
        for lang in Lang::ALL {
            assert!(
                !Strings::get(lang).start.customer.is_empty(),
                "{}: start.customer is empty",
                lang.code()
            );
        }
        for lang in [Lang::Ja, Lang::Zh] {
            assert_ne!(
                Strings::get(lang).start.customer,
                Strings::get(Lang::En).start.customer,
                "{}: falls back to English",
                lang.code()
            );
        }
    }
}
