//! What the server reads from disk: `config.toml` (rule severities, extra
//! workloads, tag rules) and the user's templates, the same files the other
//! commands read; reloaded when they change, without a restart. The one
//! place the server touches the config loader.

use crate::check::{Checker, Settings};
use crate::config::{Config, RuleSetting};
use crate::paths::Paths;
use crate::template::Templates;
use crate::workloads::Catalogue;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The checker and what it was built from.
pub struct Setup {
    pub checker: Checker,
    pub catalogue: Catalogue,
    kinds: Vec<String>,
    paths: Option<Paths>,
    notes_dir: Option<PathBuf>,
    stamp: Stamp,
    config: Config,
    /// The editor's rule settings, applied over config.toml's.
    overrides: BTreeMap<String, String>,
}

/// What the files looked like when they were read: each file's size and
/// time of change, so that an edit, a new file or a removed one is seen.
type Stamp = Vec<(PathBuf, Option<(SystemTime, u64)>)>;

impl Setup {
    /// Reads config and templates from the usual places (`ftnote paths`).
    /// Problems are returned, not fatal: the server then runs on what could
    /// be read, the built-ins at least.
    pub fn load() -> (Setup, Vec<String>) {
        match Paths::from_env() {
            Ok(paths) => Self::from_paths(paths),
            Err(e) => (Self::builtin(), vec![e.to_string()]),
        }
    }

    /// Reads the config file and templates folder of these folders.
    pub fn from_paths(paths: Paths) -> (Setup, Vec<String>) {
        let mut setup = Self::builtin();
        setup.paths = Some(paths);
        let problems = setup.reload();
        (setup, problems)
    }

    /// Built-in templates and workloads, default settings, no files.
    pub fn builtin() -> Setup {
        let templates = Templates::builtin();
        let catalogue = Catalogue::builtin();
        Setup {
            kinds: kinds_of(&templates),
            checker: Checker::new(&Settings::default(), templates, catalogue.clone()),
            catalogue,
            paths: None,
            notes_dir: None,
            stamp: Vec::new(),
            config: Config::default(),
            overrides: BTreeMap::new(),
        }
    }

    /// Reads the files again if any changed since they were read. Returns
    /// `None` when nothing changed, else the problems of the new reading
    /// (a broken config.toml keeps the config read before).
    pub fn refresh(&mut self) -> Option<Vec<String>> {
        let paths = self.paths.as_ref()?;
        if stamp(&paths.config_file(), &paths.templates_dir()) == self.stamp {
            return None;
        }
        Some(self.reload())
    }

    fn reload(&mut self) -> Vec<String> {
        let Some(paths) = self.paths.clone() else {
            return Vec::new();
        };
        let (config_file, templates_dir) = (paths.config_file(), paths.templates_dir());
        let mut problems = Vec::new();
        self.stamp = stamp(&config_file, &templates_dir);
        match Config::load(&config_file) {
            Ok(c) => self.config = c,
            Err(e) => problems.push(format!("{e} (keeping the settings read before)")),
        }
        let loaded = Templates::load(&templates_dir);
        problems.extend(
            loaded
                .problems
                .iter()
                .map(|e| format!("template skipped: {e}")),
        );
        self.notes_dir = Some(paths.notes_dir(self.config.notes_dir.as_deref()));
        self.catalogue = Catalogue::with_config(&self.config.workloads);
        self.kinds = kinds_of(&loaded.templates);
        self.checker = self.build(loaded.templates);
        problems
    }

    /// Applies the editor's rule settings (`rule-id` → `off`, `error`,
    /// `warning`, `hint`; already checked by [`rule_setting_ok`]).
    pub fn set_overrides(&mut self, overrides: &BTreeMap<String, String>) {
        if *overrides == self.overrides {
            return;
        }
        self.overrides.clone_from(overrides);
        self.checker = self.build(self.checker.templates().clone());
    }

    fn build(&self, templates: Templates) -> Checker {
        let mut config = self.config.clone();
        for (rule, setting) in &self.overrides {
            if let Some(s) = parse_setting(setting) {
                config.rules.insert(rule.clone(), s);
            }
        }
        Checker::new(&config.check_settings(), templates, self.catalogue.clone())
    }

    /// The notes folder, when the server reads the user's files.
    pub fn notes_dir(&self) -> Option<&Path> {
        self.notes_dir.as_deref()
    }

    pub fn kinds(&self) -> &[String] {
        &self.kinds
    }

    pub fn kind_known(&self, kind: &str) -> bool {
        self.kinds.iter().any(|k| k == kind)
    }

    /// The status id for what was written (`Blocked`, `no-intent`, …).
    pub fn status_id(&self, s: &str) -> Option<String> {
        self.checker.status_id(s)
    }

    /// The workload code for a code, name or alias.
    pub fn workload_code(&self, w: &str) -> Option<String> {
        self.catalogue.find(w).map(|w| w.code.clone())
    }
}

/// Whether a rule setting from the editor is one config.toml accepts.
pub fn rule_setting_ok(rule: &str, setting: &str) -> Result<(), String> {
    if crate::check::rules::rule(rule).is_none() {
        return Err(format!(
            "unknown rule {rule:?}; the rules are listed in the README and named by each finding's code"
        ));
    }
    parse_setting(setting).map(|_| ()).ok_or_else(|| {
        format!("rule {rule:?}: {setting:?} is not one of off, error, warning, hint")
    })
}

fn parse_setting(s: &str) -> Option<RuleSetting> {
    match s {
        "off" => Some(RuleSetting::Off),
        "error" => Some(RuleSetting::Error),
        "warning" => Some(RuleSetting::Warning),
        "hint" => Some(RuleSetting::Hint),
        _ => None,
    }
}

fn kinds_of(t: &Templates) -> Vec<String> {
    t.kinds().into_iter().map(str::to_string).collect()
}

fn stamp(config_file: &Path, templates_dir: &Path) -> Stamp {
    let mut out = vec![(config_file.to_path_buf(), file_stamp(config_file))];
    let mut files = Vec::new();
    list(templates_dir, 0, &mut files);
    files.sort();
    out.extend(files.into_iter().map(|p| {
        let s = file_stamp(&p);
        (p, s)
    }));
    out
}

fn list(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if depth == 0 {
                list(&p, 1, out);
            }
        } else {
            out.push(p);
        }
    }
}

fn file_stamp(p: &Path) -> Option<(SystemTime, u64)> {
    let m = std::fs::metadata(p).ok()?;
    Some((m.modified().ok()?, m.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_changes_are_seen_and_broken_config_keeps_the_last() {
        let dir = tempfile::tempdir().expect("dir");
        let paths = Paths {
            config_dir: dir.path().join("config"),
            data_dir: dir.path().join("data"),
        };
        std::fs::create_dir_all(&paths.config_dir).expect("config dir");
        let config = paths.config_file();
        let (mut s, problems) = Setup::from_paths(paths);
        assert_eq!(
            s.notes_dir(),
            Some(dir.path().join("data").join("notes").as_path())
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(s.refresh(), None);
        std::fs::write(&config, "[rules]\nmojibake = \"off\"\n").expect("write");
        assert_eq!(s.refresh(), Some(Vec::new()));
        assert_eq!(
            s.config.rules.get("mojibake"),
            Some(&RuleSetting::Off),
            "read the new config"
        );
        std::fs::write(&config, "[rules]\nmojibake = \"loud\"\n").expect("write");
        let problems = s.refresh().expect("changed");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("config.toml:2"), "{problems:?}");
        assert!(problems[0].contains("rules.mojibake"), "{problems:?}");
        assert_eq!(s.config.rules.get("mojibake"), Some(&RuleSetting::Off));
    }

    #[test]
    fn rule_settings_are_checked() {
        assert!(rule_setting_ok("vague-time", "hint").is_ok());
        assert!(
            rule_setting_ok("vague-time", "loud")
                .expect_err("bad")
                .contains("off, error")
        );
        assert!(
            rule_setting_ok("no-such-rule", "off")
                .expect_err("bad")
                .contains("unknown rule")
        );
    }
}
