//! Loading templates: the built-ins compiled into the binary, then the
//! user's `templates/` folder, which overrides a built-in of the same id and
//! language or adds a new kind.

use super::layout::{self, Line};
use super::model::{ChoiceSource, FieldKind, Source, Template};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::tomlfile;
use std::collections::HashSet;
use std::path::Path;
use std::sync::OnceLock;

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_templates.rs"));
}

/// Parses and checks one template file.
pub fn parse_template(file: &str, src: &str, source: Source) -> Result<Template> {
    let mut t: Template = tomlfile::parse(file, src)?;
    validate(file, src, &t)?;
    t.source = source;
    t.text = src.to_string();
    Ok(t)
}

fn is_id(s: &str, extra: char) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == extra)
}

fn validate(file: &str, src: &str, t: &Template) -> Result<()> {
    let err = |key: &str, msg: String| Err(tomlfile::error_at(file, src, key, msg));
    if !is_id(&t.id, '-') {
        return err(
            "id",
            format!(
                "template id {:?} must be lowercase letters, digits and dashes, like \"exec-summary\"",
                t.id
            ),
        );
    }
    if t.fields.is_empty() {
        return err(
            "id",
            "a template needs at least one [[fields]] table".into(),
        );
    }
    let mut seen = HashSet::new();
    for (i, f) in t.fields.iter().enumerate() {
        let key = |k: &str| format!("fields[{i}].{k}");
        if !is_id(&f.id, '_') {
            return err(
                &key("id"),
                format!(
                    "field id {:?} must be lowercase letters, digits and underscores",
                    f.id
                ),
            );
        }
        if !seen.insert(f.id.as_str()) {
            return err(&key("id"), format!("field id {:?} is used twice", f.id));
        }
        let is_choice = matches!(f.kind, FieldKind::Choice | FieldKind::MultiChoice);
        if is_choice && f.choices.is_empty() && f.choices_from.is_none() {
            return err(
                &key("type"),
                format!(
                    "field {:?} is a {} but has no `choices` and no `choices_from`",
                    f.id,
                    if f.kind == FieldKind::Choice {
                        "choice"
                    } else {
                        "multi-choice"
                    }
                ),
            );
        }
        if !is_choice && (!f.choices.is_empty() || f.choices_from.is_some()) {
            return err(
                &key("choices"),
                format!(
                    "field {:?} has choices but its type is not choice or multi-choice",
                    f.id
                ),
            );
        }
        if f.choices_from == Some(ChoiceSource::Workloads) && !f.choices.is_empty() {
            return err(
                &key("choices"),
                "give either `choices` or `choices_from`, not both".into(),
            );
        }
        let mut ids = HashSet::new();
        for c in &f.choices {
            if !is_id(&c.id, '-') {
                return err(
                    &key("choices"),
                    format!(
                        "choice id {:?} must be lowercase letters, digits and dashes",
                        c.id
                    ),
                );
            }
            if !ids.insert(c.id.as_str()) {
                return err(
                    &key("choices"),
                    format!("choice id {:?} is used twice", c.id),
                );
            }
        }
        if let Some(from) = &f.sentences_from {
            let ok = t
                .fields
                .iter()
                .any(|g| &g.id == from && g.kind == FieldKind::Choice);
            if !ok {
                return err(
                    &key("sentences_from"),
                    format!(
                        "`sentences_from` names {from:?}, which is not a choice field of this template"
                    ),
                );
            }
        }
    }
    if !t.sentences.is_empty() {
        let Some(status) = t.status_field() else {
            return err(
                "sentences[0].status",
                "sentence templates need a text field with `sentences_from`".into(),
            );
        };
        for (i, s) in t.sentences.iter().enumerate() {
            if status.choice(&s.status).is_none_or(|c| c.id != s.status) {
                return err(
                    &format!("sentences[{i}].status"),
                    format!(
                        "{:?} is not a choice id of field {:?}; use one of: {}",
                        s.status,
                        status.id,
                        status
                            .choices
                            .iter()
                            .map(|c| c.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
            if s.text.trim().is_empty() {
                return err(
                    &format!("sentences[{i}].text"),
                    "a sentence template is empty".into(),
                );
            }
        }
    }
    check_layout(file, src, t, "layout.text", Some(&t.layout.text))?;
    check_layout(file, src, t, "layout.markdown", t.layout.markdown.as_ref())?;
    for (key, item) in [
        ("layout.item", &t.layout.item),
        ("layout.markdown_item", &t.layout.markdown_item),
    ] {
        if let Some(item) = item {
            let parts = layout::compile_item(item)
                .map_err(|e| tomlfile::error_at(file, src, key, e.to_string()))?;
            if !parts.contains(&layout::ItemPart::Code) {
                return err(key, "a workload line must contain {code}".into());
            }
        }
    }
    Ok(())
}

fn check_layout(
    file: &str,
    src: &str,
    t: &Template,
    key: &str,
    text: Option<&String>,
) -> Result<()> {
    let Some(text) = text else { return Ok(()) };
    let err = |msg: String| Err(tomlfile::error_at(file, src, key, msg));
    let lines =
        layout::compile(text).map_err(|e| tomlfile::error_at(file, src, key, e.to_string()))?;
    for line in &lines {
        let Line::Field {
            prefix,
            field,
            suffix,
            ..
        } = line
        else {
            continue;
        };
        let Some(f) = t.field(field) else {
            return err(format!(
                "the layout names {{{field}}}, which is not a field of this template; fields are: {}",
                t.fields
                    .iter()
                    .map(|f| f.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        };
        if f.separate {
            return err(format!(
                "field {field:?} is `separate` (its own output), so it cannot be in the layout"
            ));
        }
        if f.kind == FieldKind::Workloads && (!prefix.is_empty() || !suffix.is_empty()) {
            return err(format!(
                "{{{field}}} is a workload list and must stand alone on its line"
            ));
        }
    }
    Ok(())
}

/// The result of loading: the templates, and the user files that were
/// skipped because they are broken.
#[derive(Debug, Default)]
pub struct Loaded {
    pub templates: Templates,
    pub problems: Vec<Error>,
}

/// A built-in template file: its language and id, read from its place
/// (`templates/<lang>/<id>.toml`, which a test holds every file to).
fn builtin_key(path: &str) -> Option<(Lang, &str)> {
    let rest = path.strip_prefix("templates/")?;
    let (lang, file) = rest.split_once('/')?;
    let lang = Lang::ALL.into_iter().find(|l| l.code() == lang)?;
    Some((lang, file.strip_suffix(".toml")?))
}

/// The built-in template at `i` of [`builtin::BUILTIN`], parsed on first use.
fn builtin_template(i: usize) -> &'static Template {
    const N: usize = builtin::BUILTIN.len();
    static PARSED: [OnceLock<Template>; N] = [const { OnceLock::new() }; N];
    PARSED[i].get_or_init(|| {
        let (path, src) = builtin::BUILTIN[i];
        parse_template(path, src, Source::Builtin)
            .unwrap_or_else(|e| panic!("built-in template is broken: {e}"))
    })
}

/// All templates, built-in and the user's. Built-in templates are parsed
/// when first asked for, so a command pays only for the kinds and languages
/// it uses.
#[derive(Debug, Default, Clone)]
pub struct Templates {
    /// Whether the built-in templates are part of the set.
    builtin: bool,
    /// The user's templates: replacing a built-in of the same id and
    /// language, or adding a kind.
    user: Vec<Template>,
    /// Every template in order, made when first listed.
    all: OnceLock<Vec<Template>>,
}

impl Templates {
    /// Only the built-in templates.
    pub fn builtin() -> Templates {
        Templates {
            builtin: true,
            user: Vec::new(),
            all: OnceLock::new(),
        }
    }

    /// The paths and texts of the built-in templates.
    pub fn builtin_files() -> &'static [(&'static str, &'static str)] {
        builtin::BUILTIN
    }

    /// Built-ins, then every `*.toml` in `dir` and its language subfolders.
    pub fn load(dir: &Path) -> Loaded {
        let mut loaded = Loaded {
            templates: Templates::builtin(),
            problems: Vec::new(),
        };
        let mut files = Vec::new();
        collect(dir, &mut files, 0);
        files.sort();
        for path in files {
            let shown = path.display().to_string();
            let result = std::fs::read_to_string(&path)
                .map_err(|e| Error::io(&path, e))
                .and_then(|src| parse_template(&shown, &src, Source::User(path.clone())));
            match result {
                Ok(t) => loaded.templates.insert(t),
                Err(e) => loaded.problems.push(e),
            }
        }
        loaded
    }

    /// Adds a template, replacing one of the same id and language.
    pub fn insert(&mut self, t: Template) {
        self.all = OnceLock::new();
        match self
            .user
            .iter_mut()
            .find(|x| x.id == t.id && x.lang == t.lang)
        {
            Some(slot) => *slot = t,
            None => self.user.push(t),
        }
    }

    /// The built-in files in the set: (index, language, id).
    fn builtin_keys(&self) -> impl Iterator<Item = (usize, Lang, &'static str)> {
        static KEYS: OnceLock<Vec<(usize, Lang, &'static str)>> = OnceLock::new();
        let keys = KEYS.get_or_init(|| {
            builtin::BUILTIN
                .iter()
                .enumerate()
                .filter_map(|(i, (path, _))| builtin_key(path).map(|(lang, id)| (i, lang, id)))
                .collect()
        });
        let keys: &'static [(usize, Lang, &'static str)] = if self.builtin { keys } else { &[] };
        keys.iter().copied()
    }

    /// Every template: the built-ins in their order (a user's template in
    /// the place of the one it replaces), then the kinds the user added.
    pub fn all(&self) -> &[Template] {
        self.all.get_or_init(|| self.iter().cloned().collect())
    }

    /// The templates in the order of [`Templates::all`], each parsed only
    /// when the iteration reaches it.
    pub fn iter(&self) -> impl Iterator<Item = &Template> {
        let replaced = |t: &Template| {
            self.builtin_keys()
                .any(|(_, l, i)| l == t.lang && i == t.id)
        };
        self.builtin_keys()
            .map(|(i, lang, id)| {
                self.user
                    .iter()
                    .find(|t| t.id == id && t.lang == lang)
                    .unwrap_or_else(|| builtin_template(i))
            })
            .chain(self.user.iter().filter(move |t| !replaced(t)))
    }

    /// The template of a kind in a language.
    pub fn get(&self, id: &str, lang: Lang) -> Option<&Template> {
        self.user
            .iter()
            .find(|t| t.id == id && t.lang == lang)
            .or_else(|| {
                self.builtin_keys()
                    .find(|(_, l, i)| *l == lang && *i == id)
                    .map(|(i, _, _)| builtin_template(i))
            })
    }

    /// Is there a template of this kind in this language? (Parses nothing.)
    pub fn has(&self, id: &str, lang: Lang) -> bool {
        self.user.iter().any(|t| t.id == id && t.lang == lang)
            || self.builtin_keys().any(|(_, l, i)| l == lang && i == id)
    }

    /// The ids of all kinds, in order of first appearance.
    pub fn kinds(&self) -> Vec<&str> {
        let mut v: Vec<&str> = Vec::new();
        let ids = self
            .builtin_keys()
            .map(|(_, _, id)| id)
            .chain(self.user.iter().map(|t| t.id.as_str()));
        for id in ids {
            if !v.contains(&id) {
                v.push(id);
            }
        }
        v
    }

    /// The languages a kind exists in.
    pub fn langs_of(&self, id: &str) -> Vec<Lang> {
        let mut v: Vec<Lang> = self
            .builtin_keys()
            .filter(|(_, _, i)| *i == id)
            .map(|(_, lang, _)| lang)
            .collect();
        for t in self.user.iter().filter(|t| t.id == id) {
            if !v.contains(&t.lang) {
                v.push(t.lang);
            }
        }
        v
    }
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>, depth: u8) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() && depth == 0 {
            collect(&path, out, 1);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(src: &str) -> Template {
        parse_template("user.toml", src, Source::User("user.toml".into())).expect("user template")
    }

    /// What the lazy lookups answer is what the full list holds.
    #[test]
    fn lookups_agree_with_the_full_list() {
        let mut t = Templates::builtin();
        let en = builtin::BUILTIN
            .iter()
            .find(|(p, _)| *p == "templates/en/status.toml")
            .expect("en status")
            .1;
        t.insert(user(&en.replace("name = \"", "name = \"Mine: ")));
        t.insert(user(&en.replace("id = \"status\"", "id = \"weekly\"")));
        let all = t.all();
        assert_eq!(all.len(), builtin::BUILTIN.len() + 1);
        for x in all {
            let got = t.get(&x.id, x.lang).expect("get");
            assert_eq!(got, x);
            assert!(t.has(&x.id, x.lang));
        }
        assert!(
            t.get("status", Lang::En)
                .expect("status")
                .name
                .starts_with("Mine: ")
        );
        assert_eq!(t.iter().count(), all.len());
        assert_eq!(t.kinds().last(), Some(&"weekly"));
        assert_eq!(t.langs_of("weekly"), [Lang::En]);
        assert_eq!(
            t.langs_of("status"),
            [Lang::De, Lang::En, Lang::Ja, Lang::Zh]
        );
        assert!(!t.has("weekly", Lang::De));
        assert!(Templates::default().get("status", Lang::En).is_none());
    }
}
