//! The server's loop: messages in, checks after a quiet spell, diagnostics
//! out. One thread does everything, so a check always sees the latest text
//! it was given, and results for a version the editor has moved past are
//! dropped, never published.

use super::actions;
use super::analysis::Analysis;
use super::diagnostics;
use super::document::{Document, Documents, Key, key};
use super::hover;
use super::identify;
use super::settings::{Settings, section};
use super::setup::Setup;
use crate::check::{Report, Severity, lexicon::Lexicon};
use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeConfiguration, DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Exit,
    Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{
    CodeActionRequest, HoverRequest, InlayHintRequest, Request as _, WorkspaceConfiguration,
};
use lsp_types::{
    CodeActionParams, ConfigurationItem, ConfigurationParams, Diagnostic,
    DidChangeConfigurationParams, DidChangeTextDocumentParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, HoverParams, InlayHint, InlayHintLabel, InlayHintParams,
    MessageType, Position, PublishDiagnosticsParams, ShowMessageParams, Uri,
};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

/// How long checks wait for the editor's settings before going ahead
/// without them.
const CONFIG_WAIT: Duration = Duration::from_secs(1);

/// How often config.toml and the templates folder are looked at for changes.
const POLL: Duration = Duration::from_secs(2);

/// A customer (if known) and a note's normalised text.
type CopyKey = (Option<String>, String);

/// How the loop ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// `shutdown`, then `exit`.
    Clean,
    /// `exit` without `shutdown`, or the editor went away.
    Abrupt,
}

pub struct Server {
    conn: Connection,
    docs: Documents,
    analyses: HashMap<Key, Analysis>,
    /// Documents waiting for a check: when it is due, and when they first
    /// changed since the last one (so steady typing still gets checks).
    pending: HashMap<Key, (Instant, Instant)>,
    /// What was last published per document: its version and diagnostics.
    published: HashMap<Key, (i32, Vec<Diagnostic>)>,
    /// How many open notes share each document's text (1: none).
    copies: HashMap<Key, usize>,
    setup: Setup,
    settings: Settings,
    /// The settings given at initialization, kept when the editor's
    /// configuration has no `ftnote` section.
    initial: Value,
    pull_config: bool,
    next_id: i32,
    config_request: Option<RequestId>,
    /// Until when checks wait for the editor's settings to arrive.
    config_wait: Option<Instant>,
    last_poll: Instant,
    recount: bool,
}

impl Server {
    /// Answers `initialize` and waits for `initialized`.
    pub fn start(conn: Connection, setup: Setup, problems: Vec<String>) -> Result<Server, String> {
        let (id, params) = conn.initialize_start().map_err(|e| {
            if e.channel_is_disconnected() {
                "the editor closed the connection before `initialize`".to_string()
            } else {
                e.to_string()
            }
        })?;
        let result = serde_json::json!({
            "capabilities": super::capabilities(),
            "serverInfo": { "name": "ftnote", "version": env!("CARGO_PKG_VERSION") },
        });
        conn.initialize_finish(id, result)
            .map_err(|e| e.to_string())?;
        // Read leniently: only these two parts of the client's parameters
        // matter here, whatever shape the rest has.
        let pull_config = params["capabilities"]["workspace"]["configuration"]
            .as_bool()
            .unwrap_or(false);
        let initial = section(&params["initializationOptions"])
            .cloned()
            .unwrap_or(Value::Null);
        let mut s = Server {
            conn,
            docs: Documents::default(),
            analyses: HashMap::new(),
            pending: HashMap::new(),
            published: HashMap::new(),
            copies: HashMap::new(),
            setup,
            settings: Settings::default(),
            initial: initial.clone(),
            pull_config,
            next_id: 0,
            config_request: None,
            config_wait: None,
            last_poll: Instant::now(),
            recount: false,
        };
        s.show(MessageType::ERROR, problems);
        s.apply_settings(&initial);
        if s.pull_config {
            s.request_config();
        }
        Ok(s)
    }

    /// Runs until the editor says `exit` or goes away.
    pub fn run(mut self) -> Result<Ending, String> {
        loop {
            let wait = self.next_due();
            let msg = match self
                .conn
                .receiver
                .recv_timeout(wait.saturating_duration_since(Instant::now()))
            {
                Ok(m) => Some(m),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return Ok(Ending::Abrupt),
            };
            match msg {
                Some(m) => {
                    if let Some(end) = self.handle(m)? {
                        return Ok(end);
                    }
                }
                None => {
                    if let Some(end) = self.flush()? {
                        return Ok(end);
                    }
                }
            }
        }
    }

    fn next_due(&self) -> Instant {
        let poll = self.last_poll + POLL;
        let now = Instant::now();
        let due = self.pending.values().map(|(due, _)| *due).min();
        let due = if self.recount { Some(now) } else { due };
        let due = match self.config_wait {
            Some(until) => due.map(|d| d.max(until)),
            None => due,
        };
        due.map_or(poll, |d| d.min(poll))
    }

    /// One message from the editor. Nothing is published here: only
    /// [`Server::flush`] publishes.
    fn handle(&mut self, msg: Message) -> Result<Option<Ending>, String> {
        match msg {
            Message::Request(req) => {
                if self.conn.handle_shutdown(&req).map_err(|e| e.to_string())? {
                    return Ok(Some(Ending::Clean));
                }
                self.request(req);
            }
            Message::Notification(n) => {
                if n.method == Exit::METHOD {
                    return Ok(Some(Ending::Abrupt));
                }
                self.notification(n);
            }
            Message::Response(r) => {
                if Some(&r.id) == self.config_request.as_ref() {
                    self.config_request = None;
                    self.config_wait = None;
                    let value = r
                        .response_result
                        .as_ref()
                        .ok()
                        .and_then(|v| v.get(0))
                        .filter(|v| !v.is_null())
                        .cloned()
                        .unwrap_or_else(|| self.initial.clone());
                    self.apply_settings(&value);
                }
            }
        }
        Ok(None)
    }

    fn request(&mut self, req: Request) {
        let id = req.id.clone();
        let result = match req.method.as_str() {
            HoverRequest::METHOD => parse::<HoverParams>(req)
                .map(|p| serde_json::to_value(self.hover(&p)).unwrap_or(Value::Null)),
            CodeActionRequest::METHOD => parse::<CodeActionParams>(req)
                .map(|p| serde_json::to_value(self.code_actions(&p)).unwrap_or(Value::Null)),
            InlayHintRequest::METHOD => parse::<InlayHintParams>(req)
                .map(|p| serde_json::to_value(self.inlay_hints(&p)).unwrap_or(Value::Null)),
            m => Err((
                ErrorCode::MethodNotFound,
                format!("ftnote does not answer {m}"),
            )),
        };
        let resp = match result {
            Ok(v) => Response::new_ok(id, v),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(resp.into());
    }

    fn notification(&mut self, n: Notification) {
        let now = Instant::now();
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) = n.extract::<DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD) {
                    let d = p.text_document;
                    self.pending.insert(key(&d.uri), (now, now));
                    self.docs.open(Document::new(d.uri, d.version, d.text));
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) =
                    n.extract::<DidChangeTextDocumentParams>(DidChangeTextDocument::METHOD)
                {
                    let k = key(&p.text_document.uri);
                    if let Some(doc) = self.docs.get_mut(&k) {
                        doc.apply(p.text_document.version, p.content_changes);
                        let wait = self.settings.debounce;
                        let since = self.pending.get(&k).map_or(now, |(_, since)| *since);
                        // A check at least every five quiet spells while typing.
                        let due = (now + wait).min(since + wait * 5);
                        self.pending.insert(k, (due, since));
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = n.extract::<DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                {
                    let uri = p.text_document.uri;
                    let k = key(&uri);
                    self.docs.close(&k);
                    self.analyses.remove(&k);
                    self.pending.remove(&k);
                    self.copies.remove(&k);
                    if self.published.remove(&k).is_some() {
                        self.publish(uri, Vec::new(), None);
                    }
                    self.recount = true;
                }
            }
            DidChangeConfiguration::METHOD => {
                if let Ok(p) =
                    n.extract::<DidChangeConfigurationParams>(DidChangeConfiguration::METHOD)
                {
                    if self.pull_config {
                        self.request_config();
                    } else {
                        let v = section(&p.settings)
                            .cloned()
                            .unwrap_or_else(|| self.initial.clone());
                        self.apply_settings(&v);
                    }
                }
            }
            _ => {}
        }
    }

    /// Checks the documents that are due, and publishes what changed.
    fn flush(&mut self) -> Result<Option<Ending>, String> {
        let now = Instant::now();
        match self.config_wait {
            Some(until) if now < until => return Ok(None),
            Some(_) => self.config_wait = None,
            None => {}
        }
        if now >= self.last_poll + POLL {
            self.last_poll = now;
            if let Some(problems) = self.setup.refresh() {
                self.setup.set_overrides(&self.settings.rules);
                self.show(MessageType::ERROR, problems);
                self.recheck_all();
            }
        }
        let due: Vec<Key> = self
            .pending
            .iter()
            .filter(|(_, (d, _))| *d <= now)
            .map(|(u, _)| u.clone())
            .collect();
        let today = chrono::Local::now().date_naive();
        let mut changed: HashSet<Key> = HashSet::new();
        for k in due {
            self.pending.remove(&k);
            if let Some(doc) = self.docs.get(&k) {
                if !self.checks(doc) {
                    self.analyses.remove(&k);
                    if self
                        .published
                        .remove(&k)
                        .is_some_and(|(_, d)| !d.is_empty())
                    {
                        self.publish(doc.uri.clone(), Vec::new(), Some(doc.version));
                    }
                    self.recount = true;
                    continue;
                }
                let a = Analysis::new(doc, &self.setup, &self.settings, today);
                self.analyses.insert(k.clone(), a);
                changed.insert(k);
            }
        }
        if changed.is_empty() && !self.recount {
            return Ok(None);
        }
        self.recount = false;
        // Read what arrived while checking: a result for a version the
        // editor has already changed is not published.
        while let Ok(m) = self.conn.receiver.try_recv() {
            if let Some(end) = self.handle(m)? {
                return Ok(Some(end));
            }
        }
        changed.extend(self.count_copies());
        for k in changed {
            let (Some(doc), Some(a)) = (self.docs.get(&k), self.analyses.get(&k)) else {
                continue;
            };
            if doc.version != a.version {
                continue;
            }
            let copies = self.copies.get(&k).copied().unwrap_or(1);
            let report = a.report_with_copies(&doc.text, copies);
            let diags = diagnostics::all(&doc.text, a, &report);
            let version = a.version;
            let uri = doc.uri.clone();
            let same = self
                .published
                .get(&k)
                .is_some_and(|(v, d)| *v == version && *d == diags);
            if !same {
                self.publish(uri, diags.clone(), Some(version));
                self.published.insert(k, (version, diags));
            }
        }
        Ok(None)
    }

    /// Counts the open entitlement notes of a customer that share their
    /// text; returns the documents whose count changed.
    fn count_copies(&mut self) -> Vec<Key> {
        // Only notes of a customer with another such note open are compared.
        let mut customers: HashMap<&Option<String>, usize> = HashMap::new();
        for a in self.analyses.values() {
            if let Some(c) = &a.copy_group {
                *customers.entry(c).or_default() += 1;
            }
        }
        let key_of = |k: &Key, a: &Analysis| {
            let group = a.copy_group.as_ref()?;
            if customers.get(group).copied().unwrap_or(0) < 2 {
                return None;
            }
            let doc = self.docs.get(k)?;
            a.copy_key(&doc.text)
                .map(|t| (group.clone(), t.to_string()))
        };
        let keys: Vec<(Key, Option<CopyKey>)> = self
            .analyses
            .iter()
            .map(|(k, a)| (k.clone(), key_of(k, a)))
            .collect();
        let mut groups: HashMap<&CopyKey, usize> = HashMap::new();
        for c in keys.iter().filter_map(|(_, c)| c.as_ref()) {
            *groups.entry(c).or_default() += 1;
        }
        let mut changed = Vec::new();
        for (k, c) in &keys {
            let n = c.as_ref().and_then(|c| groups.get(c)).copied().unwrap_or(1);
            if self.copies.insert(k.clone(), n).unwrap_or(1) != n {
                changed.push(k.clone());
            }
        }
        changed
    }

    fn recheck_all(&mut self) {
        let now = Instant::now();
        for k in self.docs.keys() {
            self.pending.insert(k, (now, now));
        }
    }

    /// The analysis of the document's current text, made now if the last
    /// one is of an older version.
    fn current(&mut self, uri: &Uri) -> Option<(&Document, &Analysis, Report)> {
        let k = key(uri);
        let doc = self.docs.get(&k).filter(|d| self.checks(d))?;
        let fresh = self
            .analyses
            .get(&k)
            .is_some_and(|a| a.version == doc.version);
        if !fresh {
            let today = chrono::Local::now().date_naive();
            let a = Analysis::new(doc, &self.setup, &self.settings, today);
            self.analyses.insert(k.clone(), a);
        }
        let a = self.analyses.get(&k)?;
        let copies = self.copies.get(&k).copied().unwrap_or(1);
        let report = a.report_with_copies(&doc.text, copies);
        Some((doc, a, report))
    }

    /// Whether this document is checked at all (see `notesOnly`).
    fn checks(&self, doc: &Document) -> bool {
        !self.settings.notes_only || identify::is_note(doc, &self.setup)
    }

    fn hover(&mut self, p: &HoverParams) -> Option<lsp_types::Hover> {
        let pos = p.text_document_position_params.position;
        let (doc, a, report) = self.current(&p.text_document_position_params.text_document.uri)?;
        hover::hover(&doc.text, a, &report, pos)
    }

    fn code_actions(&mut self, p: &CodeActionParams) -> Vec<lsp_types::CodeActionOrCommand> {
        let Some((doc, a, report)) = self.current(&p.text_document.uri) else {
            return Vec::new();
        };
        let req = actions::Request {
            uri: &doc.uri,
            version: doc.version,
            text: &doc.text,
            range: p.range,
            only: p.context.only.as_deref(),
        };
        actions::actions(&req, a, &report)
    }

    /// The grade, at the end of the first line.
    fn inlay_hints(&mut self, p: &InlayHintParams) -> Vec<InlayHint> {
        let Some((doc, a, report)) = self.current(&p.text_document.uri) else {
            return Vec::new();
        };
        if p.range.start.line > 0 {
            return Vec::new();
        }
        let first_line_end = doc.text.find(['\n', '\r']).unwrap_or(doc.text.len());
        let position: Position = a.doc_range(&doc.text, first_line_end, first_line_end).start;
        let lex = Lexicon::get(report.lang);
        let worst = match report.verdict {
            crate::check::Verdict::Bad => Severity::Error.mark(),
            crate::check::Verdict::Incomplete => Severity::Warning.mark(),
            crate::check::Verdict::Good => "✓",
        };
        vec![InlayHint {
            position,
            label: InlayHintLabel::String(format!(
                "{worst} {}",
                lex.verdict(report.verdict.as_str())
            )),
            kind: None,
            text_edits: None,
            tooltip: None,
            padding_left: Some(true),
            padding_right: None,
            data: None,
        }]
    }

    fn apply_settings(&mut self, value: &Value) {
        let (settings, problems) = Settings::from_json(value, &self.setup);
        self.setup.set_overrides(&settings.rules);
        self.settings = settings;
        self.show(MessageType::WARNING, problems);
        self.recheck_all();
    }

    fn request_config(&mut self) {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.config_request = Some(id.clone());
        self.config_wait = Some(Instant::now() + CONFIG_WAIT);
        let params = ConfigurationParams {
            items: vec![ConfigurationItem {
                scope_uri: None,
                section: Some("ftnote".into()),
            }],
        };
        self.send(Request::new(id, WorkspaceConfiguration::METHOD.into(), params).into());
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(Notification::new(PublishDiagnostics::METHOD.into(), params).into());
    }

    /// Tells the editor's user about problems with config or settings (on
    /// start, and whenever they are read again).
    fn show(&self, typ: MessageType, problems: Vec<String>) {
        for message in problems {
            eprintln!("ftnote lsp: {message}");
            let params = ShowMessageParams { typ, message };
            self.send(Notification::new(ShowMessage::METHOD.into(), params).into());
        }
    }

    fn send(&self, msg: Message) {
        // The editor going away ends the loop at the next receive.
        let _ = self.conn.sender.send(msg);
    }
}

fn parse<P: serde::de::DeserializeOwned>(req: Request) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(req.params).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}
