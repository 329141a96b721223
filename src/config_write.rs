//! Remembering a setting in the config file without disturbing the rest of
//! it: comments, order and other keys stay as the author wrote them.

use crate::config::Config;
use crate::error::{Error, Result};
use std::path::Path;

/// Sets the top-level `key` to the TOML value `value` (already quoted) in
/// the config file at `path`, creating the file if needed. The result is
/// checked as a config before it replaces the file (atomically, 0600).
pub fn set_top_level(path: &Path, key: &str, value: &str) -> Result<()> {
    let old = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Error::io(path, e)),
    };
    let new = with_key(&old, key, value);
    Config::parse(&path.display().to_string(), &new)?;
    crate::output::file::replace(path, new.as_bytes())
}

/// `src` with `key = value` replacing the top-level key's line, or added
/// before the first table.
fn with_key(src: &str, key: &str, value: &str) -> String {
    let line = format!("{key} = {value}");
    let mut out: Vec<String> = Vec::new();
    let mut done = false;
    let mut in_table = false;
    for l in src.lines() {
        let t = l.trim_start();
        if t.starts_with('[') {
            if !done {
                out.push(line.clone());
                done = true;
            }
            in_table = true;
        }
        let is_key = !in_table
            && t.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='));
        if is_key && !done {
            out.push(line.clone());
            done = true;
        } else if !is_key {
            out.push(l.to_string());
        }
    }
    if !done {
        out.push(line);
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_key_and_keeps_everything_else() {
        let src = "# mine\nlang = \"de\"\nrole = \"fm\"\n\n[rules]\nrole = \"x\"\n";
        let out = with_key(src, "role", "\"architect\"");
        assert_eq!(
            out,
            "# mine\nlang = \"de\"\nrole = \"architect\"\n\n[rules]\nrole = \"x\"\n"
        );
    }

    #[test]
    fn adds_the_key_before_the_first_table() {
        let out = with_key(
            "lang = \"en\"\n[rules]\nvague-time = \"off\"\n",
            "role",
            "\"fm\"",
        );
        assert_eq!(
            out,
            "lang = \"en\"\nrole = \"fm\"\n[rules]\nvague-time = \"off\"\n"
        );
        assert_eq!(with_key("", "role", "\"fm\""), "role = \"fm\"\n");
    }

    #[test]
    fn does_not_take_a_longer_key_for_the_key() {
        let out = with_key("roles = 1\n", "role", "\"fm\"");
        assert_eq!(out, "roles = 1\nrole = \"fm\"\n");
    }

    #[test]
    fn writes_a_private_file_that_reads_back() {
        let dir = tempfile::tempdir().expect("test setup");
        let p = dir.path().join("cfg").join("config.toml");
        set_top_level(&p, "role", "\"fe-sme\"").expect("test setup");
        set_top_level(&p, "role", "\"fm\"").expect("test setup");
        let c = Config::load(&p).expect("test setup");
        assert_eq!(c.role, Some(crate::role::Role::Fm));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&p)
                    .expect("test setup")
                    .permissions()
                    .mode()
                    & 0o777,
                0o600
            );
        }
    }

    #[test]
    fn a_broken_config_is_not_overwritten() {
        let dir = tempfile::tempdir().expect("test setup");
        let p = dir.path().join("config.toml");
        std::fs::write(&p, "lang = [\n").expect("test setup");
        assert!(set_top_level(&p, "role", "\"fm\"").is_err());
        assert_eq!(
            std::fs::read_to_string(&p).expect("test setup"),
            "lang = [\n"
        );
    }
}
