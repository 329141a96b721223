//! Where ftnote keeps things: config, user templates, drafts, notes.
//! `FTNOTE_CONFIG_DIR` and `FTNOTE_DATA_DIR` override the platform folders.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The folders ftnote uses on this machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub config_dir: PathBuf,
    pub data_dir: PathBuf,
}

impl Paths {
    /// The platform folders, with the environment's overrides applied.
    pub fn from_env() -> Result<Paths> {
        Self::resolve(|k| std::env::var_os(k).filter(|v| !v.is_empty()))
    }

    /// As [`Paths::from_env`], reading variables through `var`.
    pub fn resolve(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Result<Paths> {
        let config = var("FTNOTE_CONFIG_DIR").map(PathBuf::from);
        let data = var("FTNOTE_DATA_DIR").map(PathBuf::from);
        if let (Some(config_dir), Some(data_dir)) = (config.clone(), data.clone()) {
            return Ok(Paths {
                config_dir,
                data_dir,
            });
        }
        let dirs = directories::ProjectDirs::from("", "", "ftnote").ok_or_else(|| {
            Error::Usage(
                "cannot find a home folder for ftnote's files; set FTNOTE_CONFIG_DIR and FTNOTE_DATA_DIR"
                    .into(),
            )
        })?;
        Ok(Paths {
            config_dir: config.unwrap_or_else(|| dirs.config_dir().to_path_buf()),
            data_dir: data.unwrap_or_else(|| dirs.data_dir().to_path_buf()),
        })
    }

    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }

    pub fn templates_dir(&self) -> PathBuf {
        self.config_dir.join("templates")
    }

    pub fn drafts_dir(&self) -> PathBuf {
        self.data_dir.join("drafts")
    }

    pub fn trash_dir(&self) -> PathBuf {
        self.data_dir.join("trash")
    }

    /// The notes folder: the configured one, or the data dir's `notes/`.
    pub fn notes_dir(&self, configured: Option<&Path>) -> PathBuf {
        match configured {
            Some(p) => expand_home(p),
            None => self.data_dir.join("notes"),
        }
    }
}

/// Expands a leading `~` to the home folder.
pub fn expand_home(p: &Path) -> PathBuf {
    let Ok(rest) = p.strip_prefix("~") else {
        return p.to_path_buf();
    };
    match directories::BaseDirs::new() {
        Some(b) => b.home_dir().join(rest),
        None => p.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_win() {
        let p = Paths::resolve(|k| match k {
            "FTNOTE_CONFIG_DIR" => Some("/tmp/c".into()),
            "FTNOTE_DATA_DIR" => Some("/tmp/d".into()),
            _ => None,
        })
        .expect("paths");
        assert_eq!(p.config_file(), PathBuf::from("/tmp/c/config.toml"));
        assert_eq!(p.drafts_dir(), PathBuf::from("/tmp/d/drafts"));
        assert_eq!(p.notes_dir(None), PathBuf::from("/tmp/d/notes"));
        assert_eq!(
            p.notes_dir(Some(Path::new("/srv/n"))),
            PathBuf::from("/srv/n")
        );
    }
}
