//! `ftnote lsp`: the checker as a language server, so any editor shows the
//! same findings and grade as the composer while a note is typed.
//!
//! - [`server`]: the loop — messages, debounced checks, publishing;
//! - [`document`] and [`position`]: the open texts, incremental changes,
//!   UTF-16 positions;
//! - [`header`], [`filename`], [`identify`]: which note a document holds;
//! - [`analysis`]: one check of one version; [`diagnostics`], [`hover`],
//!   [`actions`]: what the editor is given;
//! - [`setup`] (config.toml, templates) and [`settings`] (the editor's).

pub mod actions;
pub mod analysis;
pub mod diagnostics;
pub mod document;
pub mod filename;
pub mod header;
pub mod hover;
pub mod identify;
pub mod position;
pub mod server;
pub mod settings;
pub mod setup;
mod words;

use lsp_server::Connection;
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, HoverProviderCapability,
    OneOf, PositionEncodingKind, ServerCapabilities, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions,
};
pub use server::Ending;

/// What the server offers.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::from(actions::FIX_ALL),
            ]),
            ..CodeActionOptions::default()
        })),
        inlay_hint_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

/// Serves one editor over this connection until it exits.
pub fn serve(
    conn: Connection,
    setup: setup::Setup,
    problems: Vec<String>,
) -> Result<Ending, String> {
    server::Server::start(conn, setup, problems)?.run()
}

/// `ftnote lsp`: serves the editor on standard input and output, reading
/// config.toml and the templates from the usual places.
pub fn run_stdio() -> crate::Result<Ending> {
    if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        eprintln!(
            "ftnote lsp: a language server — it waits for an editor to talk to it on standard input; the README says how to set one up"
        );
    }
    let (setup, problems) = setup::Setup::load();
    let (conn, io) = Connection::stdio();
    let ending =
        serve(conn, setup, problems).map_err(|e| crate::Error::Usage(format!("lsp: {e}")))?;
    io.join()
        .map_err(|e| crate::Error::Usage(format!("lsp: {e}")))?;
    Ok(ending)
}
