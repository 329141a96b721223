//! The user's `config.toml`: every key optional, unknown keys refused with
//! the file, line and key named.

pub use crate::check::settings::{RuleSetting, Settings, TagRule};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::role::Role;
use crate::tomlfile;
pub use crate::workloads::WorkloadDef;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How notes are handed to the clipboard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClipboardPref {
    /// Try the providers in order: the system clipboard, clipboard
    /// programs, OSC 52 (on Linux and the BSDs, the programs first).
    #[default]
    Auto,
    /// The system clipboard only.
    Native,
    /// Clipboard programs only: wl-copy, xclip, xsel, pbcopy.
    Command,
    /// The terminal only, through OSC 52 (works over SSH; unconfirmed).
    Osc52,
    /// Never copy; offer to write a file instead.
    None,
}

/// Everything `config.toml` may hold.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The UI language.
    pub lang: Option<Lang>,
    /// The language new notes are written in (default: the UI language).
    pub note_lang: Option<Lang>,
    /// The author's role, remembered by the start screen.
    pub role: Option<Role>,
    /// The author's name, offered as the owner of next actions.
    pub author: Option<String>,
    /// Where notes are written (default: the data dir's `notes/`).
    pub notes_dir: Option<PathBuf>,
    /// Which clipboard provider to use.
    pub clipboard: ClipboardPref,
    /// Also append every written note to `<customer>.md`.
    pub customer_log: bool,
    /// Workloads to add or rename.
    pub workloads: Vec<WorkloadDef>,
    /// Rule severity overrides: `rule-id = "off" | "error" | "warning" | "hint"`.
    pub rules: BTreeMap<String, RuleSetting>,
    /// Extra tag rules, checked beside the built-in `#covid` rule.
    pub tag_rules: Vec<TagRule>,
}

impl Config {
    /// Reads the config file; a missing file is the default config.
    pub fn load(path: &Path) -> Result<Config> {
        match std::fs::read_to_string(path) {
            Ok(src) => Self::parse(&path.display().to_string(), &src),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(Error::io(path, e)),
        }
    }

    /// Parses config text read from `file`.
    pub fn parse(file: &str, src: &str) -> Result<Config> {
        let config: Config = tomlfile::parse(file, src)?;
        for (i, w) in config.workloads.iter().enumerate() {
            if !valid_code(&w.code) {
                return Err(tomlfile::error_at(
                    file,
                    src,
                    &format!("workloads[{i}].code"),
                    format!(
                        "workload code {:?} must be 1–12 capital letters or digits, like \"EXO\" or \"WIN10\"",
                        w.code
                    ),
                ));
            }
        }
        for id in config.rules.keys() {
            if crate::check::rules::rule(id).is_none() {
                return Err(tomlfile::error_at(
                    file,
                    src,
                    &format!("rules.{id}"),
                    format!(
                        "unknown rule {id:?}; `ftnote lint --format json` names the rules of each finding, and README lists them"
                    ),
                ));
            }
        }
        for (i, t) in config.tag_rules.iter().enumerate() {
            if !t.tag.starts_with('#') || t.tag.len() < 2 || t.tag.contains(char::is_whitespace) {
                return Err(tomlfile::error_at(
                    file,
                    src,
                    &format!("tag_rules[{i}].tag"),
                    format!(
                        "tag {:?} must be one word starting with #, like \"#covid\"",
                        t.tag
                    ),
                ));
            }
        }
        Ok(config)
    }

    /// What the checker takes from config: rule settings and tag rules.
    pub fn check_settings(&self) -> Settings {
        Settings {
            rules: self.rules.clone(),
            tag_rules: self.tag_rules.clone(),
        }
    }
}

/// A workload code: 1–12 ASCII capitals or digits.
pub fn valid_code(code: &str) -> bool {
    (1..=12).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_is_default() {
        assert_eq!(Config::parse("c", "").expect("parse"), Config::default());
    }

    #[test]
    fn reads_all_keys() {
        let c = Config::parse(
            "c",
            "lang = \"de\"\nrole = \"fe-sme\"\nclipboard = \"osc52\"\n[rules]\nvague-time = \"off\"\n[[workloads]]\ncode = \"PURVIEW\"\nname = \"Microsoft Purview\"\n",
        )
        .expect("parse");
        assert_eq!(c.lang, Some(Lang::De));
        assert_eq!(c.role, Some(Role::FeSme));
        assert_eq!(c.clipboard, ClipboardPref::Osc52);
        assert_eq!(c.rules.get("vague-time"), Some(&RuleSetting::Off));
        assert_eq!(c.workloads[0].code, "PURVIEW");
    }

    #[test]
    fn unknown_key_names_file_line_and_key() {
        let e = Config::parse("/x/config.toml", "lang = \"en\"\ncolour = \"red\"\n")
            .expect_err("unknown key");
        let msg = e.to_string();
        assert!(
            msg.starts_with("/x/config.toml:2:1: key `colour`:"),
            "{msg}"
        );
        assert!(msg.contains("unknown field `colour`"), "{msg}");
    }

    #[test]
    fn bad_value_names_key() {
        let e = Config::parse("c.toml", "[rules]\nvague-time = \"loud\"\n").expect_err("bad");
        let msg = e.to_string();
        assert!(msg.starts_with("c.toml:2:"), "{msg}");
        assert!(msg.contains("key `rules.vague-time`"), "{msg}");
    }

    #[test]
    fn bad_workload_code_is_located() {
        let e = Config::parse("c.toml", "\n[[workloads]]\ncode = \"exo mail\"\n").expect_err("bad");
        assert_eq!(
            e.to_string(),
            "c.toml:3: key `workloads[0].code`: workload code \"exo mail\" must be 1–12 capital letters or digits, like \"EXO\" or \"WIN10\""
        );
    }
}
