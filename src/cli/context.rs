//! What every command needs: paths, config, templates, workloads.

use crate::config::Config;
use crate::error::{Error, Result};
use crate::lang::{Lang, LocaleEnv};
use crate::paths::Paths;
use crate::template::Templates;
use crate::workloads::Catalogue;

/// The loaded state a command runs against.
pub struct Context {
    pub paths: Paths,
    pub config: Config,
    pub templates: Templates,
    pub catalogue: Catalogue,
    /// User templates that could not be loaded (reported, then skipped).
    pub template_problems: Vec<Error>,
}

impl Context {
    /// Loads config and templates. A broken config is an error; a broken
    /// user template is reported on stderr and skipped.
    pub fn load() -> Result<Context> {
        let paths = Paths::from_env()?;
        let config = Config::load(&paths.config_file())?;
        let loaded = Templates::load(&paths.templates_dir());
        for p in &loaded.problems {
            eprintln!("ftnote: warning: template skipped: {p}");
        }
        let catalogue = Catalogue::with_config(&config.workloads);
        Ok(Context {
            paths,
            config,
            templates: loaded.templates,
            catalogue,
            template_problems: loaded.problems,
        })
    }

    /// Reads a `--lang` argument.
    pub fn lang_arg(arg: Option<&str>) -> Result<Option<Lang>> {
        arg.map(|s| {
            Lang::parse(s).ok_or_else(|| {
                Error::Usage(format!("unknown language {s:?}; use en, de, ja or zh"))
            })
        })
        .transpose()
    }

    /// Reads an `--as-of` argument (default: today).
    pub fn as_of_arg(arg: Option<&str>) -> Result<chrono::NaiveDate> {
        match arg {
            None => Ok(chrono::Local::now().date_naive()),
            Some(s) => chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
                Error::Usage(format!(
                    "--as-of {s:?} is not a date; write it as YYYY-MM-DD"
                ))
            }),
        }
    }

    /// A checker with this context's templates, workloads and config.
    pub fn checker(&self) -> crate::check::Checker {
        crate::check::Checker::new(
            &self.config.check_settings(),
            self.templates.clone(),
            self.catalogue.clone(),
        )
    }

    /// Checks a `--kind` argument against the loaded templates.
    pub fn kind_arg(&self, kind: Option<&str>) -> Result<()> {
        match kind {
            Some(k) if !self.templates.kinds().contains(&k) => Err(Error::Usage(format!(
                "unknown note kind {k:?}; kinds are: {}",
                self.templates.kinds().join(", ")
            ))),
            _ => Ok(()),
        }
    }

    /// Checks and resolves `--kind`, `--status`, `--lang` and `--as-of`.
    pub fn note_options(
        &self,
        checker: &crate::check::Checker,
        o: &super::args::NoteOptions,
    ) -> Result<NoteOptions> {
        self.kind_arg(o.kind.as_deref())?;
        let status = o
            .status
            .as_deref()
            .map(|s| {
                checker.status_id(s).ok_or_else(|| {
                    Error::Usage(format!(
                        "unknown status {s:?}; use in-progress, blocked, no-intent, unknown or duplicate-invalid"
                    ))
                })
            })
            .transpose()?;
        Ok(NoteOptions {
            kind: o.kind.clone(),
            status,
            lang: Self::lang_arg(o.lang.as_deref())?,
            as_of: Self::as_of_arg(o.as_of.as_deref())?,
        })
    }

    /// The language of the interface: `--lang`, then config's `lang`, then
    /// the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), then English.
    pub fn ui_lang(&self, arg: Option<Lang>) -> Lang {
        Lang::choose(arg, self.config.lang, &locale_env())
    }

    /// The language of new notes: `--lang`, then config's `note_lang`, then
    /// its `lang`, then the locale, then English.
    pub fn note_lang_for(&self, arg: Option<Lang>) -> Lang {
        Lang::choose(
            arg,
            self.config.note_lang.or(self.config.lang),
            &locale_env(),
        )
    }

    /// The language of new notes when no `--lang` is given.
    pub fn note_lang(&self) -> Lang {
        self.note_lang_for(None)
    }
}

/// The locale variables of this process.
fn locale_env() -> LocaleEnv {
    let var = |k: &str| std::env::var(k).ok();
    LocaleEnv {
        lc_all: var("LC_ALL"),
        lc_messages: var("LC_MESSAGES"),
        lang: var("LANG"),
    }
}

/// Resolved `--kind`, `--status`, `--lang` and `--as-of`.
pub struct NoteOptions {
    pub kind: Option<String>,
    /// The status id.
    pub status: Option<String>,
    pub lang: Option<Lang>,
    pub as_of: chrono::NaiveDate,
}
