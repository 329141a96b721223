//! The command line: argument parsing, dispatch and exit codes.

mod args;
mod audit;
mod compose;
mod context;
mod drafts;
mod info;
mod lint;
mod notes;

pub use args::{Cli, Command};
pub use context::Context;

use crate::error::Error;
use clap::Parser;
use std::io::Write;

/// Exit code: no note graded bad.
pub const EXIT_OK: i32 = 0;
/// Exit code: at least one note graded bad.
pub const EXIT_BAD: i32 = 1;
/// Exit code: usage or I/O error.
pub const EXIT_ERROR: i32 = 2;

/// Runs ftnote with these arguments and returns the exit code.
pub fn run(argv: impl IntoIterator<Item = std::ffi::OsString>) -> i32 {
    let cli = match Cli::try_parse_from(argv) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            let _ = std::io::stdout().flush();
            eprintln!("ftnote: {e}");
            EXIT_ERROR
        }
    }
}

fn dispatch(cli: Cli) -> Result<i32, Error> {
    let plain = cli.plain;
    let Some(command) = cli.command else {
        let opening = crate::frontend::Opening::Start(crate::frontend::Prefill::default());
        compose::run(Context::load()?, opening, plain)?;
        return Ok(EXIT_OK);
    };
    match command {
        Command::New(a) => {
            let ctx = Context::load()?;
            let opening = crate::frontend::Opening::Start(compose::prefill(&ctx, &a)?);
            compose::run(ctx, opening, plain)?;
            Ok(EXIT_OK)
        }
        Command::Call(a) => {
            let ctx = Context::load()?;
            let opening = crate::frontend::Opening::Call(compose::call_start(&ctx, &a)?);
            compose::run(ctx, opening, plain)?;
            Ok(EXIT_OK)
        }
        Command::Lint(a) => lint::run(&Context::load()?, &a),
        Command::Audit(a) => audit::run(&Context::load()?, &a),
        Command::Render(a) => notes::render(&Context::load()?, &a),
        Command::Parse(a) => notes::parse(&Context::load()?, &a),
        Command::Templates { action } => info::templates(&Context::load()?, &action),
        Command::Workloads(a) => info::workloads(&Context::load()?, &a),
        Command::Drafts { action } => drafts::run(&Context::load()?, &action),
        Command::Paths => info::paths(&Context::load()?),
        Command::Lsp(_) => Ok(match crate::lsp::run_stdio()? {
            crate::lsp::Ending::Clean => EXIT_OK,
            crate::lsp::Ending::Abrupt => EXIT_BAD,
        }),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "ftnote", &mut std::io::stdout());
            Ok(EXIT_OK)
        }
        Command::ClipboardServe => {
            crate::output::clipboard::serve_stdin().map_err(Error::Usage)?;
            Ok(EXIT_OK)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_mangen::Man::new(cmd)
                .render(&mut out)
                .map_err(|e| Error::io("<stdout>", e))?;
            write_stdout(&String::from_utf8_lossy(&out))?;
            Ok(EXIT_OK)
        }
    }
}

/// Writes to standard output; a closed pipe is not an error.
pub(crate) fn write_stdout(s: &str) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io("<stdout>", e)),
        _ => Ok(()),
    }
}

/// Reads a file, or standard input for `-`.
pub(crate) fn read_input(path: &str) -> Result<(String, String), Error> {
    if path == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| Error::io("<stdin>", e))?;
        Ok(("<stdin>".into(), s))
    } else {
        let s = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Ok((path.to_string(), s))
    }
}
