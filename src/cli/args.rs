//! The command line, as clap sees it.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Compose and check FastTrack status notes.
///
/// Without a command, ftnote opens the composer. Exit codes: 0 no note graded
/// bad, 1 at least one bad note, 2 usage or I/O error.
#[derive(Debug, Parser)]
#[command(name = "ftnote", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Ask one question per line, for screen readers: no full-screen
    /// composer (also with `FTNOTE_PLAIN=1`, or when `TERM` is `dumb`)
    #[arg(long, global = true)]
    pub plain: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the composer on a new note, skipping what is given
    New(NewArgs),
    /// Write all the notes of a call in one sitting: the lifecycle note, then an
    /// entitlement note per workload
    Call(CallArgs),
    /// Check notes against the guidance: findings and a grade per note
    Lint(LintArgs),
    /// Check a whole export of notes (CSV or JSON Lines) and summarise the grades
    Audit(AuditArgs),
    /// Render a note from an answers file
    Render(RenderArgs),
    /// Turn a pasted note back into an answers file
    Parse(ParseArgs),
    /// List the note kinds, or show one kind's template
    Templates {
        #[command(subcommand)]
        action: TemplatesAction,
    },
    /// List the workload codes and their names
    Workloads(WorkloadsArgs),
    /// List, show or remove the composer's saved drafts
    Drafts {
        #[command(subcommand)]
        action: DraftsAction,
    },
    /// Print where ftnote keeps config, templates, drafts and notes
    Paths,
    /// Check notes live in an editor: a language server on standard input and output
    Lsp(LspArgs),
    /// Print a shell completion script
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    Man,
    /// Hold text on the clipboard until something else is copied (started by ftnote itself)
    #[command(name = "clipboard-serve", hide = true)]
    ClipboardServe,
}

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Talk over standard input and output (the only way; accepted for
    /// editors that pass it)
    #[arg(long, hide = true)]
    pub stdio: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The answers file (TOML), or - for standard input
    #[arg(long, value_name = "FILE")]
    pub answers: String,
    /// The note kind, when the answers file does not say
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// The note's language, when the answers file does not say
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Output format [default: the answers file's, else text]
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Print one separate part (e.g. `risks`, the Risks box) instead of the note
    #[arg(long, value_name = "FIELD")]
    pub part: Option<String>,
    /// Write into this folder as <date>_<customer>_<kind>[_<workload>].txt, or to this file
    /// (never overwriting: a numbered name is used), or - for standard output
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Copy the note to the clipboard (printed only if --out - is given too)
    #[arg(long)]
    pub copy: bool,
}

#[derive(Debug, Subcommand)]
pub enum DraftsAction {
    /// List the drafts: id, customer, kind, when saved, alive or orphaned, size
    List,
    /// Print a draft's note as it would be pasted
    Show {
        /// The draft's id (or the start of it)
        id: String,
        /// Print the draft as an answers file instead (for `ftnote render --answers -`)
        #[arg(long)]
        answers: bool,
    },
    /// Move a draft to the trash
    Rm {
        /// The draft's id (or the start of it)
        id: String,
        /// Delete it instead of moving it to the trash
        #[arg(long)]
        purge: bool,
    },
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The pasted note, or - for standard input
    pub file: String,
    /// The note kind [default: recognised from the text]
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// The note's language [default: recognised from the text]
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// The customer's name, recorded in the answers
    #[arg(long, value_name = "NAME")]
    pub customer: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum TemplatesAction {
    /// List every note kind and language, built-in and the user's
    List,
    /// Print a kind's template file
    Show {
        /// The note kind
        kind: String,
        /// The language
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct WorkloadsArgs {
    /// Names in this language
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Notes to check, one per file; - or nothing for standard input
    pub files: Vec<String>,
    #[command(flatten)]
    pub note: NoteOptions,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// The export: CSV with a header row, or JSON Lines (.jsonl); - for standard input
    pub file: String,
    /// The column (or JSON field) that holds the note
    #[arg(long, value_name = "NAME", default_value = "text")]
    pub text_column: String,
    #[command(flatten)]
    pub note: NoteOptions,
    /// Read JSON Lines even when the file name does not end in .jsonl
    #[arg(long)]
    pub jsonl: bool,
    /// How many customers to list
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
}

/// What is known about the notes being checked; anything not given is
/// taken from the export's columns, else recognised from the text.
#[derive(Debug, Args)]
pub struct NoteOptions {
    /// The note kind: entitlement, exec-summary, status, tech-enablement
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// The entitlement status: in-progress, blocked, no-intent, unknown, duplicate-invalid
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    /// The note's language: en, de, ja, zh
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Judge dates as of this day (YYYY-MM-DD) [default: today; in an audit, each note's date column]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

#[derive(Debug, Args)]
pub struct CallArgs {
    /// The customer's name
    #[arg(long, value_name = "NAME")]
    pub customer: Option<String>,
    /// A workload whose entitlement status changed (code or name); repeat it, or
    /// separate them with commas [default: pick them in the composer]
    #[arg(long = "workload", value_name = "WORKLOAD", value_delimiter = ',')]
    pub workloads: Vec<String>,
    /// The notes' language (en, de, ja, zh)
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The note kind (entitlement, exec-summary, status, tech-enablement)
    pub kind: String,
    /// The customer's name
    #[arg(long, value_name = "NAME")]
    pub customer: Option<String>,
    /// The workload code or name (EXO, "Exchange Online", …)
    #[arg(long, value_name = "WORKLOAD")]
    pub workload: Option<String>,
    /// The entitlement status (in-progress, blocked, no-intent, unknown, duplicate-invalid)
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    /// The note's language (en, de, ja, zh)
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
}
