//! The server on in-memory channels: every message is queued before the
//! server reads the first, so what it publishes does not depend on timing.

use ftnote::lsp::setup::Setup;
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};
use std::time::Duration;

fn note(method: &str, params: Value) -> Message {
    Notification::new(method.into(), params).into()
}

fn change(version: i32, text: &str) -> Message {
    note(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///n.txt", "version": version},
               "contentChanges": [{"text": text}]}),
    )
}

struct Session {
    client: Connection,
    handle: std::thread::JoinHandle<Result<ftnote::lsp::Ending, String>>,
}

impl Session {
    /// Queues initialize, initialized and `messages`, then starts the server.
    fn start(messages: Vec<Message>) -> Session {
        let (server, client) = Connection::memory();
        let init = Request::new(
            RequestId::from(1),
            "initialize".into(),
            json!({"capabilities": {}, "initializationOptions": {"debounceMs": 50}}),
        );
        client.sender.send(init.into()).expect("send");
        client
            .sender
            .send(note("initialized", json!({})))
            .expect("send");
        for m in messages {
            client.sender.send(m).expect("send");
        }
        let handle =
            std::thread::spawn(move || ftnote::lsp::serve(server, Setup::builtin(), vec![]));
        Session { client, handle }
    }

    /// The first publication the server sends (waiting up to 15 s), then
    /// all it sends until it has been quiet for `quiet`.
    fn publications(&self, quiet: Duration) -> Vec<Message> {
        let mut out = Vec::new();
        while let Ok(m) = self.client.receiver.recv_timeout(Duration::from_secs(15)) {
            let is_publication = matches!(&m, Message::Notification(n) if n.method == "textDocument/publishDiagnostics");
            out.push(m);
            if is_publication {
                break;
            }
        }
        out.extend(self.gather(quiet));
        out
    }

    /// What the server sends until it has been quiet for `quiet`.
    fn gather(&self, quiet: Duration) -> Vec<Message> {
        let mut out = Vec::new();
        while let Ok(m) = self.client.receiver.recv_timeout(quiet) {
            out.push(m);
        }
        out
    }

    fn end(self) {
        let shutdown = Request::new(RequestId::from(2), "shutdown".into(), Value::Null);
        self.client.sender.send(shutdown.into()).expect("send");
        self.client
            .sender
            .send(note("exit", Value::Null))
            .expect("send");
        let ending = self.handle.join().expect("no panic").expect("served");
        assert_eq!(ending, ftnote::lsp::Ending::Clean);
    }
}

fn open(text: &str) -> Message {
    note(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": "file:///n.txt", "languageId": "ftnote", "version": 1,
                                "text": text}}),
    )
}

fn published(out: &[Message]) -> Vec<(i64, Vec<String>)> {
    out.iter()
        .filter_map(|m| match m {
            Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => Some((
                n.params["version"].as_i64().unwrap_or(-1),
                n.params["diagnostics"]
                    .as_array()
                    .map(|d| {
                        d.iter()
                            .filter_map(|x| x["code"].as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default(),
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn changes_queued_before_a_check_are_all_in_it_and_older_versions_are_never_published() {
    let s = Session::start(vec![
        open("Customer is not interested."),
        change(2, "Customer will not deploy [primary issue]."),
        change(3, "Customer will not deploy at this time."),
    ]);
    let p = published(&s.publications(Duration::from_millis(400)));
    s.end();
    assert_eq!(
        p,
        [(3, vec!["no-reason".to_string(), "vague-time".to_string()])],
        "one publication, of the last version"
    );
}

#[test]
fn settings_that_change_no_finding_publish_nothing_new() {
    let s = Session::start(vec![open("Customer will not deploy at this time.")]);
    let first = published(&s.publications(Duration::from_millis(400)));
    assert_eq!(first.len(), 1, "{first:?}");
    s.client
        .sender
        .send(note(
            "workspace/didChangeConfiguration",
            json!({"settings": {"ftnote": {"debounceMs": 50}}}),
        ))
        .expect("send");
    let again = published(&s.gather(Duration::from_millis(500)));
    assert!(again.is_empty(), "{again:?}");
    // A setting that changes a finding is published at once.
    s.client
        .sender
        .send(note(
            "workspace/didChangeConfiguration",
            json!({"settings": {"ftnote": {"rules": {"vague-time": "hint"}}}}),
        ))
        .expect("send");
    let third = published(&s.publications(Duration::from_millis(400)));
    s.end();
    assert_eq!(third.len(), 1, "{third:?}");
}
