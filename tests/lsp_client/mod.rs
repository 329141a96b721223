//! A scripted LSP client: runs `ftnote lsp` over pipes with its own config
//! and data folders, frames JSON-RPC messages, answers the server's
//! `workspace/configuration` requests, and collects what it publishes.
#![allow(dead_code, clippy::needless_pass_by_value)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// How long any wait for the server lasts before the test fails.
pub const PATIENCE: Duration = Duration::from_secs(15);

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    next_id: i64,
    /// Notifications received and not yet taken, in order.
    pub notifications: Vec<Value>,
    /// What `workspace/configuration` is answered with (the `ftnote` section).
    pub settings: Value,
    /// How many `workspace/configuration` requests were answered.
    pub config_requests: usize,
    pub dir: tempfile::TempDir,
}

impl Client {
    /// Starts the server with an empty config folder.
    pub fn start() -> Client {
        Self::start_with_config("")
    }

    /// Starts the server with this `config.toml`.
    pub fn start_with_config(config: &str) -> Client {
        let dir = tempfile::tempdir().expect("a temp dir");
        let config_dir = dir.path().join("config");
        std::fs::create_dir_all(&config_dir).expect("config dir");
        if !config.is_empty() {
            std::fs::write(config_dir.join("config.toml"), config).expect("config");
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_ftnote"))
            .arg("lsp")
            .env("FTNOTE_CONFIG_DIR", &config_dir)
            .env("FTNOTE_DATA_DIR", dir.path().join("data"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("ftnote lsp starts");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(msg) = read_message(&mut r) {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            rx,
            next_id: 0,
            notifications: Vec::new(),
            settings: Value::Null,
            config_requests: 0,
            dir,
        }
    }

    pub fn config_file(&self) -> std::path::PathBuf {
        self.dir.path().join("config").join("config.toml")
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// `initialize` then `initialized`; returns the server's result.
    pub fn initialize(&mut self, capabilities: Value, options: Value) -> Value {
        let result = self.request(
            "initialize",
            json!({
                "processId": std::process::id(),
                "rootUri": null,
                "capabilities": capabilities,
                "initializationOptions": options,
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    pub fn send(&mut self, msg: &Value) {
        let body = msg.to_string();
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        stdin.flush().expect("flush");
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its response; returns `result`, or
    /// the whole response when it is an error.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let until = Instant::now() + PATIENCE;
        loop {
            let msg = self
                .next(until)
                .unwrap_or_else(|| panic!("no answer to {method}"));
            if msg.get("id") == Some(&json!(id)) && msg.get("method").is_none() {
                return match msg.get("error") {
                    Some(_) => msg,
                    None => msg["result"].clone(),
                };
            }
            self.keep(msg);
        }
    }

    /// The next message, answering the server's requests on the way.
    fn next(&mut self, until: Instant) -> Option<Value> {
        loop {
            let left = until.saturating_duration_since(Instant::now());
            let msg = match self.rx.recv_timeout(left) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            };
            if msg.get("method").and_then(Value::as_str) == Some("workspace/configuration") {
                self.config_requests += 1;
                let answer = json!({"jsonrpc": "2.0", "id": msg["id"], "result": [self.settings]});
                self.send(&answer);
                continue;
            }
            return Some(msg);
        }
    }

    fn keep(&mut self, msg: Value) {
        if msg.get("method").is_some() && msg.get("id").is_none() {
            self.notifications.push(msg);
        }
    }

    /// Waits for a notification that `pred` accepts, and takes it from the
    /// list (the others stay, in order).
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        let until = Instant::now() + PATIENCE;
        loop {
            if let Some(i) = self.notifications.iter().position(&pred) {
                return self.notifications.remove(i);
            }
            match self.next(until) {
                Some(m) => self.keep(m),
                None => panic!("waited in vain for {what}; got {:#?}", self.notifications),
            }
        }
    }

    /// Waits for diagnostics of `uri` at `version`; returns them.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let d = self.wait_for(&format!("diagnostics of {uri} v{version}"), |n| {
            n["method"] == "textDocument/publishDiagnostics"
                && n["params"]["uri"] == uri
                && n["params"]["version"] == version
        });
        d["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Collects notifications for `d`, without expecting any.
    pub fn gather(&mut self, d: Duration) {
        let until = Instant::now() + d;
        while let Some(m) = self.next(until) {
            self.keep(m);
        }
    }

    pub fn open(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "ftnote", "version": version, "text": text}}),
        );
    }

    /// One incremental change: replace `(line, character)..(line, character)`
    /// (UTF-16 units) with `text`.
    pub fn change(
        &mut self,
        uri: &str,
        version: i64,
        from: (u32, u32),
        to: (u32, u32),
        text: &str,
    ) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": range(from, to), "text": text}],
            }),
        );
    }

    /// `shutdown` then `exit`; returns how the server ended.
    pub fn shutdown(mut self) -> ExitStatus {
        let r = self.request("shutdown", Value::Null);
        assert!(r.is_null(), "shutdown answers null: {r}");
        self.notify("exit", Value::Null);
        self.wait()
    }

    /// Closes the server's input and waits for it to end.
    pub fn wait(mut self) -> ExitStatus {
        drop(self.stdin.take());
        let until = Instant::now() + PATIENCE;
        loop {
            if let Some(s) = self.child.try_wait().expect("try_wait") {
                return s;
            }
            if Instant::now() > until {
                let _ = self.child.kill();
                panic!("ftnote lsp did not end");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn range(from: (u32, u32), to: (u32, u32)) -> Value {
    json!({"start": {"line": from.0, "character": from.1}, "end": {"line": to.0, "character": to.1}})
}

/// The position of byte `offset` of `text`, counted as LSP counts it:
/// lines, then UTF-16 code units.
pub fn utf16_pos(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].encode_utf16().count();
    (
        u32::try_from(line).expect("line"),
        u32::try_from(col).expect("col"),
    )
}

/// A diagnostic's range as ((line, character), (line, character)).
pub fn span(d: &Value) -> ((u64, u64), (u64, u64)) {
    let p = |v: &Value| {
        (
            v["line"].as_u64().expect("line"),
            v["character"].as_u64().expect("character"),
        )
    };
    (p(&d["range"]["start"]), p(&d["range"]["end"]))
}

pub fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            len = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}
