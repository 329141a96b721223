//! Answers files: a filled-in note as TOML, read by `ftnote render` and
//! written by `ftnote parse`.
//!
//! ```toml
//! kind = "exec-summary"
//! lang = "en"
//! customer = "Contoso"
//!
//! [fields]
//! description = "Retail company with 20K users"
//! engagement = "Fully Engaged"      # id or label
//!
//! [[fields.workloads]]
//! code = "EXO"
//! text = "Planning, updating firewall rules."
//! ```

use crate::error::{Error, Located, Result};
use crate::lang::Lang;
use crate::note::{Format, Note, Value, WorkloadLine, resolve_choice};
use crate::template::{FieldKind, Templates};
use crate::tomlfile;
use crate::workloads::Catalogue;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    kind: Option<String>,
    lang: Option<Lang>,
    customer: Option<String>,
    format: Option<Format>,
    #[serde(default)]
    fields: toml::Table,
}

/// Reads an answers file. `kind` and `lang` from the command line win over
/// the file's; a kind must come from one of them.
pub fn read(
    file: &str,
    src: &str,
    templates: &Templates,
    catalogue: &Catalogue,
    kind: Option<&str>,
    lang: Option<Lang>,
) -> Result<Note> {
    let raw: Raw = tomlfile::parse(file, src)?;
    let at = |key: &str, msg: String| tomlfile::error_at(file, src, key, msg);
    let Some(kind) = kind.map(str::to_string).or(raw.kind) else {
        return Err(Error::invalid(Located {
            file: file.to_string(),
            line: None,
            column: None,
            key: Some("kind".into()),
            message: format!(
                "no note kind: add `kind = \"…\"` or pass --kind; kinds are: {}",
                templates.kinds().join(", ")
            ),
        }));
    };
    let lang = lang.or(raw.lang).unwrap_or_default();
    let Some(tpl) = templates.get(&kind, lang) else {
        let msg = if templates.kinds().contains(&kind.as_str()) {
            format!(
                "there is no {lang} template for {kind:?}; it exists in: {}",
                templates
                    .langs_of(&kind)
                    .iter()
                    .map(|l| l.code())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        } else {
            format!(
                "unknown note kind {kind:?}; kinds are: {}",
                templates.kinds().join(", ")
            )
        };
        return Err(at("kind", msg));
    };
    // A user's template may define other fields than the built-in one: say
    // whose fields these are.
    let defined = match &tpl.source {
        crate::template::Source::User(p) => format!(" (as {} defines it)", p.display()),
        crate::template::Source::Builtin => String::new(),
    };
    let mut note = Note::new(&kind, lang);
    note.customer = raw.customer.filter(|c| !c.trim().is_empty());
    note.format = raw.format;
    for (key, value) in &raw.fields {
        let path = format!("fields.{key}");
        let Some(field) = tpl.field(key) else {
            return Err(at(
                &path,
                format!(
                    "{key:?} is not a field of {kind}{defined}; its fields are: {}",
                    tpl.fields
                        .iter()
                        .map(|f| f.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        };
        // Only a user's template is named: the built-in one is the usual.
        let of = || {
            if defined.is_empty() {
                String::new()
            } else {
                format!(" of {kind}{defined}")
            }
        };
        let allowed = || {
            if field.choices.is_empty() {
                "a workload code (`ftnote workloads` lists them)".to_string()
            } else {
                format!(
                    "one of: {}",
                    field
                        .choices
                        .iter()
                        .map(|c| c.label.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        };
        let v = match (field.kind, value) {
            (FieldKind::Choice, toml::Value::String(s)) => {
                if s.trim().is_empty() {
                    Value::Text(String::new())
                } else {
                    let id = resolve_choice(field, s, catalogue).ok_or_else(|| {
                        at(
                            &path,
                            format!("{s:?} is not allowed for {key}{}; use {}", of(), allowed()),
                        )
                    })?;
                    Value::Text(id)
                }
            }
            (FieldKind::MultiChoice, toml::Value::Array(items)) => {
                let mut ids = Vec::new();
                for item in items {
                    let s = item
                        .as_str()
                        .ok_or_else(|| at(&path, format!("{key} takes a list of strings")))?;
                    let id = resolve_choice(field, s, catalogue).ok_or_else(|| {
                        at(
                            &path,
                            format!("{s:?} is not allowed for {key}; use {}", allowed()),
                        )
                    })?;
                    ids.push(id);
                }
                Value::Multi(ids)
            }
            (FieldKind::Workloads, toml::Value::Array(items)) => {
                Value::Workloads(read_workloads(items, &path, catalogue, &at)?)
            }
            (FieldKind::Line | FieldKind::Text | FieldKind::Date, toml::Value::String(s)) => {
                if field.kind == FieldKind::Line && s.contains('\n') {
                    return Err(at(
                        &path,
                        format!("{key} is one line; remove the line breaks"),
                    ));
                }
                Value::Text(s.clone())
            }
            (FieldKind::Date, toml::Value::Datetime(d)) => Value::Text(d.to_string()),
            (k, _) => {
                let want = match k {
                    FieldKind::MultiChoice => "a list of strings, like [\"#covid\"]",
                    FieldKind::Workloads => {
                        "a list of tables, like [[fields.workloads]] with code and text"
                    }
                    _ => "a string",
                };
                return Err(at(&path, format!("{key} takes {want}")));
            }
        };
        note.values.insert(key.clone(), v);
    }
    Ok(note)
}

fn read_workloads(
    items: &[toml::Value],
    path: &str,
    catalogue: &Catalogue,
    at: &dyn Fn(&str, String) -> Error,
) -> Result<Vec<WorkloadLine>> {
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let ipath = format!("{path}[{i}]");
        let Some(table) = item.as_table() else {
            return Err(at(
                &ipath,
                "each workload is a table with `code` and `text`".into(),
            ));
        };
        let get = |k: &str| -> Result<Option<String>> {
            match table.get(k) {
                None => Ok(None),
                Some(toml::Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(at(&format!("{ipath}.{k}"), format!("`{k}` takes a string"))),
            }
        };
        for k in table.keys() {
            if !["code", "name", "separator", "text"].contains(&k.as_str()) {
                return Err(at(
                    &format!("{ipath}.{k}"),
                    format!(
                        "unknown key {k:?} in a workload; use code, text, and optionally name and separator"
                    ),
                ));
            }
        }
        let Some(code) = get("code")? else {
            return Err(at(&ipath, "a workload needs a `code`, like \"EXO\"".into()));
        };
        let Some(w) = catalogue.find(&code) else {
            return Err(at(
                &format!("{ipath}.code"),
                format!(
                    "unknown workload code {code:?}; `ftnote workloads` lists the codes, and config.toml can add one"
                ),
            ));
        };
        out.push(WorkloadLine {
            code: w.code.clone(),
            name: get("name")?,
            separator: get("separator")?,
            text: get("text")?.unwrap_or_default(),
        });
    }
    Ok(out)
}

/// Writes a note as an answers file, fields in the template's order.
pub fn write(note: &Note, templates: &Templates) -> String {
    let mut doc = toml::Table::new();
    doc.insert("kind".into(), note.kind.clone().into());
    doc.insert("lang".into(), note.lang.code().into());
    if let Some(c) = &note.customer {
        doc.insert("customer".into(), c.clone().into());
    }
    if let Some(f @ (Format::Markdown | Format::Json)) = note.format {
        doc.insert(
            "format".into(),
            if f == Format::Markdown {
                "markdown"
            } else {
                "json"
            }
            .into(),
        );
    }
    let mut fields = toml::Table::new();
    let order: Vec<String> = match templates.get(&note.kind, note.lang) {
        Some(t) => t.fields.iter().map(|f| f.id.clone()).collect(),
        None => note.values.keys().cloned().collect(),
    };
    for id in order {
        let Some(v) = note.values.get(&id) else {
            continue;
        };
        let tv = match v {
            Value::Text(s) => toml::Value::String(s.clone()),
            Value::Multi(ids) => toml::Value::Array(ids.iter().map(|s| s.clone().into()).collect()),
            Value::Workloads(lines) => toml::Value::Array(
                lines
                    .iter()
                    .map(|l| {
                        let mut t = toml::Table::new();
                        t.insert("code".into(), l.code.clone().into());
                        if let Some(n) = &l.name {
                            t.insert("name".into(), n.clone().into());
                        }
                        if let Some(s) = &l.separator {
                            t.insert("separator".into(), s.clone().into());
                        }
                        t.insert("text".into(), l.text.clone().into());
                        toml::Value::Table(t)
                    })
                    .collect(),
            ),
        };
        fields.insert(id, tv);
    }
    doc.insert("fields".into(), toml::Value::Table(fields));
    toml::to_string(&doc).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{Source, parse_template};

    /// The built-in entitlement template with its `text` field renamed
    /// `reason` and its `blocked` status renamed `stuck`, as a user's file.
    fn changed_templates() -> Templates {
        let (_, src) = Templates::builtin_files()
            .iter()
            .find(|(p, _)| p.ends_with("en/entitlement.toml"))
            .expect("the built-in entitlement template");
        let src = src
            .replace("id = \"text\"", "id = \"reason\"")
            .replace("\"{text}\"", "\"{reason}\"")
            .replace("id = \"blocked\"", "id = \"stuck\"")
            .replace("label = \"Blocked\"", "label = \"Stuck\"")
            .replace("status = \"blocked\"", "status = \"stuck\"");
        let path = std::path::PathBuf::from("/home/me/.config/ftnote/templates/entitlement.toml");
        let t = parse_template(&path.display().to_string(), &src, Source::User(path))
            .expect("a valid user template");
        let mut all = Templates::builtin();
        all.insert(t);
        all
    }

    #[test]
    fn fields_a_user_template_changed_are_named_with_file_line_key_and_template() {
        let templates = changed_templates();
        let catalogue = Catalogue::builtin();
        let src = "kind = \"entitlement\"\n\n[fields]\nworkload = \"EXO\"\nstatus = \"stuck\"\ntext = \"Firewall.\"\n";
        let e = read("a.toml", src, &templates, &catalogue, None, None)
            .expect_err("text is gone")
            .to_string();
        assert_eq!(
            e,
            "a.toml:6: key `fields.text`: \"text\" is not a field of entitlement (as /home/me/.config/ftnote/templates/entitlement.toml defines it); its fields are: workload, status, reason"
        );
        let src = "kind = \"entitlement\"\n[fields]\nstatus = \"blocked\"\n";
        let e = read("b.toml", src, &templates, &catalogue, None, None)
            .expect_err("blocked is gone")
            .to_string();
        assert!(
            e.starts_with("b.toml:3: key `fields.status`: \"blocked\" is not allowed for status of entitlement (as /home/me/.config/ftnote/templates/entitlement.toml defines it); use one of: In Progress, Stuck"),
            "{e}"
        );
        // With the built-in template the message names no file.
        let e = read(
            "c.toml",
            "kind = \"entitlement\"\n[fields]\nreason = \"x\"\n",
            &Templates::builtin(),
            &catalogue,
            None,
            None,
        )
        .expect_err("no reason field")
        .to_string();
        assert!(e.starts_with("c.toml:3: key `fields.reason`: \"reason\" is not a field of entitlement; its fields are: workload, status, text"), "{e}");
    }
}
