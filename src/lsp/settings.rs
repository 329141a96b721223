//! The editor's `ftnote` settings (`workspace/configuration`,
//! `workspace/didChangeConfiguration`, or the initialization options):
//!
//! ```json
//! { "kind": "entitlement", "status": "blocked", "lang": "de", "workload": "EXO",
//!   "customer": "Contoso", "asOf": "2026-11-21", "rules": { "vague-time": "hint" },
//!   "debounceMs": 100, "notesOnly": false }
//! ```
//!
//! Every key is optional. What the first line or the file name says wins
//! over the kind, status, language and workload given here.

use super::setup::{Setup, rule_setting_ok};
use crate::lang::Lang;
use chrono::NaiveDate;
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Duration;

/// How long the server waits after a change before checking, by default.
pub const DEBOUNCE: Duration = Duration::from_millis(100);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub kind: Option<String>,
    /// A status id.
    pub status: Option<String>,
    pub lang: Option<Lang>,
    /// A workload code.
    pub workload: Option<String>,
    pub customer: Option<String>,
    pub as_of: Option<NaiveDate>,
    /// Rule id → `off`, `error`, `warning` or `hint`.
    pub rules: BTreeMap<String, String>,
    pub debounce: Duration,
    /// Check only notes: documents with the `ftnote:` first line, a note's
    /// file name, or in the notes folder.
    pub notes_only: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            kind: None,
            status: None,
            lang: None,
            workload: None,
            customer: None,
            as_of: None,
            rules: BTreeMap::new(),
            debounce: DEBOUNCE,
            notes_only: false,
        }
    }
}

const KEYS: &str = "kind, status, lang, workload, customer, asOf, rules, debounceMs, notesOnly";

impl Settings {
    /// Reads the settings object; a value that is not understood is left
    /// out and named in the problems returned (`ftnote.status: …`).
    /// `null` or a missing object is the default.
    pub fn from_json(value: &Value, setup: &Setup) -> (Settings, Vec<String>) {
        let mut s = Settings::default();
        let mut problems = Vec::new();
        let Some(obj) = value.as_object() else {
            if !value.is_null() {
                problems.push(format!(
                    "ftnote: the settings must be an object with {KEYS}"
                ));
            }
            return (s, problems);
        };
        for (key, v) in obj {
            let mut bad = |what: String| problems.push(format!("ftnote.{key}: {what}"));
            if v.is_null() {
                continue;
            }
            let text = v.as_str().map(str::trim);
            match key.as_str() {
                "kind" => match text {
                    Some(k) if setup.kind_known(k) => s.kind = Some(k.to_string()),
                    _ => bad(format!(
                        "unknown note kind {v}; kinds are: {}",
                        setup.kinds().join(", ")
                    )),
                },
                "status" => match text.and_then(|t| setup.status_id(t)) {
                    Some(id) => s.status = Some(id),
                    None => bad(format!(
                        "unknown status {v}; use in-progress, blocked, no-intent, unknown or duplicate-invalid"
                    )),
                },
                "lang" => match text.and_then(Lang::parse) {
                    Some(l) => s.lang = Some(l),
                    None => bad(format!("unknown language {v}; use en, de, ja or zh")),
                },
                "workload" => match text.and_then(|t| setup.workload_code(t)) {
                    Some(code) => s.workload = Some(code),
                    None => bad(format!(
                        "unknown workload {v}; `ftnote workloads` lists them"
                    )),
                },
                "customer" => match text.filter(|t| !t.is_empty()) {
                    Some(c) => s.customer = Some(c.to_string()),
                    None => bad("the customer's name, as text".into()),
                },
                "asOf" => match text.and_then(|t| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()) {
                    Some(d) => s.as_of = Some(d),
                    None => bad(format!("{v} is not a date; write it as YYYY-MM-DD")),
                },
                "debounceMs" => match v.as_u64().filter(|ms| *ms <= 10_000) {
                    Some(ms) => s.debounce = Duration::from_millis(ms),
                    None => bad(format!("{v} is not a number of milliseconds (0–10000)")),
                },
                "notesOnly" => match v.as_bool() {
                    Some(b) => s.notes_only = b,
                    None => bad(format!("{v} is not true or false")),
                },
                "rules" => match v.as_object() {
                    Some(rules) => {
                        for (rule, setting) in rules {
                            let setting = setting.as_str().unwrap_or_default();
                            match rule_setting_ok(rule, setting) {
                                Ok(()) => {
                                    s.rules.insert(rule.clone(), setting.to_string());
                                }
                                Err(e) => bad(e),
                            }
                        }
                    }
                    None => bad("an object of rule id → off, error, warning or hint".into()),
                },
                _ => bad(format!("unknown setting; the settings are {KEYS}")),
            }
        }
        (s, problems)
    }
}

/// The `ftnote` object of a settings value that may hold several servers'
/// settings (`{ "ftnote": { … } }`), or the object itself.
pub fn section(value: &Value) -> Option<&Value> {
    match value.get("ftnote") {
        Some(v) => Some(v),
        None if value.is_object() && !value.as_object().is_some_and(serde_json::Map::is_empty) => {
            Some(value)
        }
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_every_key() {
        let setup = Setup::builtin();
        let (s, problems) = Settings::from_json(
            &json!({"kind": "entitlement", "status": "No Intent", "lang": "de",
                    "workload": "Exchange Online", "customer": "Contoso", "asOf": "2026-11-21",
                    "rules": {"vague-time": "hint"}, "debounceMs": 0, "notesOnly": true}),
            &setup,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(s.kind.as_deref(), Some("entitlement"));
        assert_eq!(s.status.as_deref(), Some("no-intent"));
        assert_eq!(s.lang, Some(Lang::De));
        assert_eq!(s.workload.as_deref(), Some("EXO"));
        assert_eq!(s.customer.as_deref(), Some("Contoso"));
        assert_eq!(s.as_of, NaiveDate::from_ymd_opt(2026, 11, 21));
        assert_eq!(s.rules.get("vague-time").map(String::as_str), Some("hint"));
        assert_eq!(s.debounce, Duration::ZERO);
        assert!(s.notes_only);
    }

    #[test]
    fn bad_values_are_named_and_left_out() {
        let setup = Setup::builtin();
        let (s, problems) = Settings::from_json(
            &json!({"kind": "letter", "status": 3, "rules": {"vague-time": "loud"},
                    "colour": "red", "lang": "de"}),
            &setup,
        );
        assert_eq!(s.kind, None);
        assert_eq!(s.status, None);
        assert!(s.rules.is_empty());
        assert_eq!(s.lang, Some(Lang::De), "the good ones are kept");
        let all = problems.join("\n");
        for want in [
            "ftnote.kind: unknown note kind \"letter\"",
            "ftnote.status: unknown status 3",
            "ftnote.rules: rule \"vague-time\": \"loud\" is not one of",
            "ftnote.colour: unknown setting",
        ] {
            assert!(all.contains(want), "{want} in {all}");
        }
    }

    #[test]
    fn the_section_is_found_either_way() {
        let v = json!({"ftnote": {"lang": "ja"}});
        assert_eq!(section(&v), Some(&json!({"lang": "ja"})));
        let v = json!({"lang": "ja"});
        assert_eq!(section(&v), Some(&v));
        assert_eq!(section(&json!({})), None);
        assert_eq!(section(&Value::Null), None);
    }
}
