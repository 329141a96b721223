//! The workload catalogue: built-in codes from `assets/workloads.toml`, plus
//! the user's additions and renames from config.

use crate::error::Result;
use crate::lang::Lang;
use crate::tomlfile;
use serde::Deserialize;
use std::collections::BTreeMap;

const BUILTIN: &str = include_str!("../assets/workloads.toml");

/// A workload the user adds, renames or gives more aliases (config's
/// `[[workloads]]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkloadDef {
    pub code: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub names: BTreeMap<Lang, String>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// One workload.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workload {
    pub code: String,
    /// The English name, and the name in any language without its own.
    pub name: String,
    #[serde(default)]
    pub names: BTreeMap<Lang, String>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl Workload {
    /// The name in `lang`.
    pub fn name_in(&self, lang: Lang) -> &str {
        self.names
            .get(&lang)
            .map_or(self.name.as_str(), String::as_str)
    }

    /// Every name this workload is known by, longest first.
    pub fn all_names(&self) -> Vec<&str> {
        let mut v: Vec<&str> = std::iter::once(self.name.as_str())
            .chain(self.names.values().map(String::as_str))
            .chain(self.aliases.iter().map(String::as_str))
            .collect();
        v.sort_by_key(|s| std::cmp::Reverse(s.len()));
        v.dedup();
        v
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    workload: Vec<Workload>,
}

/// The workloads ftnote knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Catalogue {
    list: Vec<Workload>,
}

impl Catalogue {
    /// The built-in catalogue.
    pub fn builtin() -> Catalogue {
        let file: File = tomlfile::parse("assets/workloads.toml", BUILTIN)
            .unwrap_or_else(|e| panic!("built-in workload catalogue is broken: {e}"));
        Catalogue {
            list: file.workload,
        }
    }

    /// The built-in catalogue with config entries applied: a known code is
    /// renamed or given aliases, a new code is added.
    pub fn with_config(defs: &[WorkloadDef]) -> Catalogue {
        let mut cat = Catalogue::builtin();
        for def in defs {
            if let Some(w) = cat.list.iter_mut().find(|w| w.code == def.code) {
                if let Some(name) = &def.name {
                    let old = std::mem::replace(&mut w.name, name.clone());
                    w.aliases.push(old);
                }
                for (lang, name) in &def.names {
                    if let Some(old) = w.names.insert(*lang, name.clone()) {
                        w.aliases.push(old);
                    }
                }
                w.aliases.extend(def.aliases.iter().cloned());
            } else {
                cat.list.push(Workload {
                    code: def.code.clone(),
                    name: def.name.clone().unwrap_or_else(|| def.code.clone()),
                    names: def.names.clone(),
                    aliases: def.aliases.clone(),
                });
            }
        }
        cat
    }

    pub fn all(&self) -> &[Workload] {
        &self.list
    }

    /// The workload with this exact code (case-insensitive).
    pub fn by_code(&self, code: &str) -> Option<&Workload> {
        self.list.iter().find(|w| w.code.eq_ignore_ascii_case(code))
    }

    /// The workload named by a code, a name or an alias (case-insensitive).
    pub fn find(&self, text: &str) -> Option<&Workload> {
        let t = text.trim();
        self.by_code(t).or_else(|| {
            self.list
                .iter()
                .find(|w| w.all_names().iter().any(|n| n.eq_ignore_ascii_case(t)))
        })
    }

    /// If `text` starts with a name of the workload `code`, the byte length
    /// of that name (the longest that fits).
    pub fn name_prefix_len(&self, code: &str, text: &str) -> Option<usize> {
        let w = self.by_code(code)?;
        w.all_names().into_iter().find_map(|n| {
            let head = text.get(..n.len())?;
            let boundary = text[n.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            (head.eq_ignore_ascii_case(n) && boundary).then_some(n.len())
        })
    }

    /// Checks that the built-in catalogue parses (for tests and `ftnote workloads`).
    pub fn check_builtin() -> Result<()> {
        tomlfile::parse::<File>("assets/workloads.toml", BUILTIN).map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_has_the_17_template_codes() {
        let cat = Catalogue::builtin();
        let codes: Vec<&str> = cat.all().iter().map(|w| w.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "EXO", "OLM", "SPO", "OD", "OPP", "TEAMS", "YAM", "WIN10", "INTUNE", "AADP", "AIP",
                "MCAS", "IDSEC", "PROJ", "WDATP", "SDS", "CORE"
            ]
        );
    }

    #[test]
    fn finds_by_alias_of_a_renamed_product() {
        let cat = Catalogue::builtin();
        assert_eq!(
            cat.find("Microsoft 365 Apps").map(|w| w.code.as_str()),
            Some("OPP")
        );
        assert_eq!(
            cat.find("viva engage").map(|w| w.code.as_str()),
            Some("YAM")
        );
        assert_eq!(cat.find("exo").map(|w| w.code.as_str()), Some("EXO"));
        assert_eq!(cat.find("Lotus Notes"), None);
    }

    #[test]
    fn names_per_language() {
        let cat = Catalogue::builtin();
        let opp = cat.by_code("OPP").expect("OPP");
        assert_eq!(opp.name_in(Lang::En), "Office 365 ProPlus");
        assert_eq!(opp.name_in(Lang::De), "Office ProPlus");
        assert_eq!(opp.name_in(Lang::Ja), "Office 365 ProPlus");
    }

    #[test]
    fn config_renames_and_adds() {
        let cat = Catalogue::with_config(&[
            WorkloadDef {
                code: "OPP".into(),
                name: Some("Microsoft 365 Apps".into()),
                ..WorkloadDef::default()
            },
            WorkloadDef {
                code: "PURVIEW".into(),
                name: Some("Microsoft Purview".into()),
                aliases: vec!["Purview".into()],
                ..WorkloadDef::default()
            },
        ]);
        let opp = cat.by_code("OPP").expect("OPP");
        assert_eq!(opp.name_in(Lang::En), "Microsoft 365 Apps");
        assert_eq!(
            cat.find("Office 365 ProPlus").map(|w| w.code.as_str()),
            Some("OPP")
        );
        assert_eq!(
            cat.find("purview").map(|w| w.code.as_str()),
            Some("PURVIEW")
        );
    }

    #[test]
    fn name_prefix_respects_word_boundaries() {
        let cat = Catalogue::builtin();
        assert_eq!(
            cat.name_prefix_len("OPP", "Office ProPlus - Planning"),
            Some("Office ProPlus".len())
        );
        assert_eq!(cat.name_prefix_len("TEAMS", "Teamsters"), None);
    }
}
