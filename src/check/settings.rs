//! What a user may change about the checker: rule severities and extra tag
//! rules. These are the checker's own types; `config.rs` only reads the
//! file into them.

use serde::Deserialize;
use std::collections::BTreeMap;

/// A severity a rule can be set to, or `off`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleSetting {
    Off,
    Error,
    Warning,
    Hint,
}

/// A tag rule: a tag that must not appear when a note says certain things,
/// and is suggested when it says others.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagRule {
    /// The tag, with its `#`.
    pub tag: String,
    /// Phrases that make the tag wrong (a warning when the tag is present).
    #[serde(default)]
    pub forbid_when: Vec<String>,
    /// Phrases that call for the tag (a warning when it is missing).
    #[serde(default)]
    pub suggest_when: Vec<String>,
    /// When given: the tag is called for only when one of these stands in
    /// the same sentence as a `suggest_when` phrase ("accelerating" beside
    /// "COVID-19").
    #[serde(default)]
    pub suggest_with: Vec<String>,
    /// What to tell the author when the tag is wrong.
    #[serde(default)]
    pub forbid_message: Option<String>,
    /// What to tell the author when the tag is missing.
    #[serde(default)]
    pub suggest_message: Option<String>,
}

/// The checker's settings beyond the built-in rules.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// Rule id → its severity, or off.
    pub rules: BTreeMap<String, RuleSetting>,
    /// Tag rules checked beside each language's built-in ones.
    pub tag_rules: Vec<TagRule>,
}
