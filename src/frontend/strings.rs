//! The words of the front-ends — the composer and the plain mode — one
//! TOML file per language under `assets/ui/`.

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
    pub call: String,
    pub call_summary: String,
}

/// Words that change with a count: `{count}` is filled in.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plural {
    pub one: String,
    pub other: String,
}

impl Plural {
    /// The form for `n`.
    pub fn get(&self, n: usize) -> &str {
        if n == 1 { &self.one } else { &self.other }
    }
}

/// The call: picking its notes, its overview.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Call {
    pub title: String,
    pub setup_intro: String,
    pub adding_intro: String,
    pub already_there: String,
    pub pick_one: String,
    pub overview: String,
    pub notes: Plural,
    pub ready: String,
    pub not_written: String,
    pub written: String,
    pub copied: String,
    pub changed: String,
    pub untouched: String,
    pub opened: String,
    pub last_note: String,
    pub written_all: Plural,
    pub all_written: String,
    pub left_out: String,
    pub removed: String,
    pub removed_kept: String,
    pub row: String,
    pub not_discarded: String,
    pub nothing_yet: String,
    pub empty: String,
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
    /// Monday to Sunday, short.
    pub weekdays: [String; 7],
    pub add_workload: String,
    pub no_match: String,
    pub filter: String,
    pub empty: String,
    pub sentences: Plural,
    pub no_sentences: String,
    pub replaces_text: String,
    pub sentences_again: String,
    pub workload_line: String,
    pub to_workload_lines: String,
    pub more_help: String,
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

/// The plain mode: one question per line.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plain {
    pub intro: String,
    pub choose: String,
    pub choose_many: String,
    pub not_a_choice: String,
    pub text_hint: String,
    pub keep: String,
    pub clear_hint: String,
    pub required: String,
    pub optional: String,
    pub sentences: String,
    pub blanks: String,
    pub sentence_is: String,
    pub workloads_now: String,
    pub workload_add: String,
    pub workload_line: String,
    pub note_is: String,
    pub checks: String,
    pub what_now: String,
    pub write: String,
    pub copy: String,
    pub change: String,
    pub done: String,
    pub next_note: String,
    pub back_to_call: String,
    pub which_field: String,
    pub call_notes: String,
    pub write_all: String,
    pub copy_one: String,
    pub open_one: String,
    pub add_notes: String,
    pub quit: String,
    pub which_note: String,
    pub input_ended: String,
    pub recover: String,
    pub recover_none: String,
    pub setup_call: String,
    pub nothing_found: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quit {
    pub title: String,
    pub unsaved: String,
    pub unsaved_many: String,
    pub kept: String,
    pub yes_no: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Help {
    pub title: String,
    pub field: String,
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
    pub open: String,
    pub write_all: String,
    pub add_notes: String,
    pub next_note: String,
    pub sentences: String,
}

/// All the composer's words in one language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Strings {
    pub roles: Roles,
    pub start: Start,
    pub compose: Compose,
    pub call: Call,
    pub plain: Plain,
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

impl Strings {
    /// A date as the author reads it: the weekday in the interface's
    /// language, then the ISO date.
    pub fn long_date(&self, d: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let day = &self.compose.weekdays[d.weekday().num_days_from_monday() as usize];
        format!("{day} {}", d.format("%Y-%m-%d"))
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
    fn counts_take_their_form() {
        let en = Strings::get(Lang::En);
        assert_eq!(
            fill(en.compose.sentences.get(1), &[("count", "1")])
                .split(' ')
                .nth(1),
            Some("sentence")
        );
        assert!(en.compose.sentences.get(2).contains("sentences"));
        let de = Strings::get(Lang::De);
        assert!(
            de.compose.sentences.get(1).contains("Satz"),
            "{}",
            de.compose.sentences.one
        );
        assert!(de.compose.sentences.get(3).contains("Sätze"));
        for lang in Lang::ALL {
            let s = Strings::get(lang);
            for p in [&s.compose.sentences, &s.call.notes, &s.call.written_all] {
                assert!(
                    p.one.contains("{count}") && p.other.contains("{count}"),
                    "{}: {p:?}",
                    lang.code()
                );
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
