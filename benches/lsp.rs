//! `ftnote lsp`: one didChange on a 5,000-character note until its
//! diagnostics are published (the debounce set to 0, so what is measured
//! is the work after it: apply the edit, check, map positions, publish);
//! the check of such a note alone; and the memory of the real server
//! (`ftnote lsp`, this build) holding four such notes.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group};
use ftnote::lsp::analysis::Analysis;
use ftnote::lsp::document::Document;
use ftnote::lsp::settings::Settings;
use ftnote::lsp::setup::Setup;
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};
use std::hint::black_box;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::str::FromStr;
use std::time::Duration;

const NOTES: [(&str, &str); 4] = [
    (
        "en",
        "Customer will not deploy Exchange Online due to a firewall that currently drops Autodiscover traffic, and the proxy vendor has no fix before Q3. ",
    ),
    (
        "ja",
        "顧客は現在、ファイアウォールが Autodiscover の通信を遮断しているため Exchange Online を展開しません。",
    ),
    (
        "de",
        "Der Kunde wird Exchange Online derzeit nicht einführen, da die Firewall den Autodiscover-Verkehr blockiert. ",
    ),
    (
        "zh",
        "客户目前不会部署 Exchange Online，因为防火墙阻止了 Autodiscover 流量。",
    ),
];

/// About 5,000 characters of `sentence`, repeated.
fn note(sentence: &str) -> String {
    sentence.chars().cycle().take(5_000).collect()
}

fn notify(c: &Connection, method: &str, params: Value) {
    c.sender
        .send(Notification::new(method.into(), params).into())
        .expect("send");
}

/// Waits for the diagnostics of `version`.
fn published(c: &Connection, version: i64) -> usize {
    loop {
        match c
            .receiver
            .recv_timeout(Duration::from_secs(10))
            .expect("an answer")
        {
            Message::Notification(n)
                if n.method == "textDocument/publishDiagnostics"
                    && n.params["version"] == version =>
            {
                return n.params["diagnostics"].as_array().map_or(0, Vec::len);
            }
            _ => {}
        }
    }
}

fn did_change(c: &mut Criterion) {
    for (lang, sentence) in [NOTES[0], NOTES[1]] {
        let (server, client) = Connection::memory();
        let handle =
            std::thread::spawn(move || ftnote::lsp::serve(server, Setup::builtin(), vec![]));
        let init = Request::new(
            RequestId::from(1),
            "initialize".into(),
            json!({"capabilities": {}, "initializationOptions": {"debounceMs": 0}}),
        );
        client.sender.send(init.into()).expect("send");
        client.receiver.recv().expect("initialized");
        notify(&client, "initialized", json!({}));
        notify(
            &client,
            "textDocument/didOpen",
            json!({"textDocument": {"uri": "file:///n.txt", "languageId": "ftnote", "version": 1,
                                    "text": note(sentence)}}),
        );
        published(&client, 1);
        let mut version = 1i64;
        c.bench_function(
            &format!("lsp didChange → diagnostics, 5000 chars {lang}"),
            |b| {
                b.iter(|| {
                    version += 1;
                    // Type a letter at the start, then take it back.
                    let (end, text) = if version % 2 == 0 { (0, "x") } else { (1, "") };
                    notify(
                        &client,
                        "textDocument/didChange",
                        json!({"textDocument": {"uri": "file:///n.txt", "version": version},
                           "contentChanges": [{"range": {"start": {"line": 0, "character": 0},
                                                         "end": {"line": 0, "character": end}},
                                               "text": text}]}),
                    );
                    black_box(published(&client, version));
                });
            },
        );
        let shutdown = Request::new(RequestId::from(2), "shutdown".into(), Value::Null);
        client.sender.send(shutdown.into()).expect("send");
        notify(&client, "exit", Value::Null);
        handle.join().expect("no panic").expect("served");
    }

    let setup = Setup::builtin();
    let settings = Settings::default();
    let day = NaiveDate::from_ymd_opt(2026, 11, 21).expect("a day");
    for (lang, sentence) in [NOTES[0], NOTES[1]] {
        let uri = lsp_types::Uri::from_str("file:///n.txt").expect("uri");
        let doc = Document::new(uri, 1, note(sentence));
        c.bench_function(&format!("lsp check alone, 5000 chars {lang}"), |b| {
            b.iter(|| black_box(Analysis::new(&doc, &setup, &settings, day)));
        });
        c.bench_function(&format!("checker alone, 5000 chars {lang}"), |b| {
            b.iter(|| {
                black_box(setup.checker.check(&ftnote::check::Input {
                    text: &doc.text,
                    kind: None,
                    status: None,
                    lang: None,
                    as_of: day,
                }))
            });
        });
    }
}

/// Runs `ftnote lsp` (this build), opens a 5,000-character note in each
/// language, types 50 letters into each, and prints the peak memory.
fn memory() {
    let dir = tempfile::tempdir().expect("dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_ftnote"))
        .arg("lsp")
        .env("FTNOTE_CONFIG_DIR", dir.path().join("c"))
        .env("FTNOTE_DATA_DIR", dir.path().join("d"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("ftnote lsp");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut send = |v: Value| {
        let b = v.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{b}", b.len()).expect("write");
        stdin.flush().expect("flush");
    };
    let mut read = || -> Value {
        let mut len = 0;
        loop {
            let mut line = String::new();
            out.read_line(&mut line).expect("read");
            let line = line.trim();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                len = n.parse().expect("a length");
            }
        }
        let mut body = vec![0; len];
        out.read_exact(&mut body).expect("body");
        serde_json::from_slice(&body).expect("json")
    };
    send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    read();
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    for (i, (_, sentence)) in NOTES.iter().enumerate() {
        let uri = format!("file:///n{i}.txt");
        send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
            {"uri": uri, "languageId": "ftnote", "version": 1, "text": note(sentence)}}}),
        );
        for k in 0..50u32 {
            send(
                json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": k + 2},
                "contentChanges": [{"range": {"start": {"line": 0, "character": k},
                                              "end": {"line": 0, "character": k}}, "text": "x"}]}}),
            );
        }
        while !(read()["params"]["version"] == 51) {}
    }
    let status =
        std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap_or_default();
    let field = |k: &str| {
        status
            .lines()
            .find(|l| l.starts_with(k))
            .map_or("unknown (no /proc)".to_string(), |l| {
                l[k.len()..].trim().to_string()
            })
    };
    println!(
        "ftnote lsp memory with four 5,000-character notes open: peak {} (now {}); target ≤ 20 MB",
        field("VmHWM:"),
        field("VmRSS:")
    );
    send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    read();
    send(json!({"jsonrpc": "2.0", "method": "exit"}));
    let _ = child.wait();
}

criterion_group!(benches, did_change);

fn main() {
    benches();
    memory();
    criterion::Criterion::default()
        .configure_from_args()
        .final_summary();
}
