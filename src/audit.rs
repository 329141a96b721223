//! Auditing an export of notes (CSV or JSON Lines): streamed, checked on
//! every core, summarised. Memory stays flat: rows are read in batches,
//! and only counts and a bounded sample of the worst notes are kept. No
//! row is dropped silently: a row that is not a note, or whose check fails,
//! is counted as skipped with its line and the reason.

mod rows;
mod summary;

pub use summary::{CustomerStats, Example, Skipped, Summary};

use crate::check::{Checker, Input};
use crate::error::{Error, Result};
use crate::lang::Lang;
use chrono::NaiveDate;
use rows::{Columns, Note, Raw, Reader};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex, mpsc};

/// How to read an export.
#[derive(Clone, Debug)]
pub struct Options {
    pub text_column: String,
    pub as_of: NaiveDate,
    pub kind: Option<String>,
    pub status: Option<String>,
    pub lang: Option<Lang>,
    pub threads: usize,
    /// How many distinct notes the copy-paste check remembers.
    pub copy_memory: usize,
}

const BATCH: usize = 512;

/// Writes into `out` the words of a note as the copy-paste check compares
/// them — what [`crate::check::many::key`] returns, without a string per
/// word — and returns how many there are.
fn key_into(text: &str, out: &mut String) -> usize {
    out.clear();
    let mut words = 0usize;
    let mut in_word = false;
    for c in text.chars().map(crate::check::lexicon::fold_char) {
        // ASCII and Han first: the Unicode tables only for the rest.
        let (cjk, alphanumeric) = if c.is_ascii() {
            (false, c.is_ascii_alphanumeric())
        } else if matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}') {
            (true, true)
        } else {
            let a = c.is_alphanumeric();
            (a && crate::check::text::is_cjk_letter(c), a)
        };
        if cjk || (alphanumeric && !in_word) {
            if words > 0 {
                out.push(' ');
            }
            words += 1;
        }
        if alphanumeric {
            out.push(c);
        }
        in_word = alphanumeric && !cjk;
    }
    words
}

/// The copy-paste check across the export: the same entitlement note on
/// several workloads of one customer. Remembers a bounded number of notes.
struct CopyCheck {
    /// Note hash → (workloads seen, hash of the first workload).
    seen: HashMap<u64, (u32, Option<u64>)>,
    limit: usize,
    partial: bool,
}

impl CopyCheck {
    fn new(limit: usize) -> CopyCheck {
        CopyCheck {
            seen: HashMap::new(),
            limit,
            partial: false,
        }
    }

    /// What the check compares of a note that may be a copy: (the note of
    /// this customer, its workload if it names one), hashed.
    fn key(note: &Note<'_>) -> Option<(u64, Option<u64>)> {
        if note.kind.as_deref().is_some_and(|k| k != "entitlement")
            || note
                .status
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case("unknown"))
        {
            return None;
        }
        thread_local! {
            static KEY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        let mut h = std::collections::hash_map::DefaultHasher::new();
        note.customer.as_deref().hash(&mut h);
        let words = KEY.with_borrow_mut(|key| {
            let n = key_into(&note.text, key);
            key.hash(&mut h);
            n
        });
        if words < 4 {
            return None;
        }
        let workload = note.workload.as_deref().map(|w| {
            let mut wh = std::collections::hash_map::DefaultHasher::new();
            w.hash(&mut wh);
            wh.finish()
        });
        Some((h.finish(), workload))
    }

    /// Counts a note by its [`CopyCheck::key`], in the order of the export;
    /// returns how many workloads carry it so far.
    fn see(&mut self, key: Option<(u64, Option<u64>)>) -> u32 {
        let Some((hash, workload)) = key else {
            return 0;
        };
        if let Some((count, first)) = self.seen.get_mut(&hash) {
            if workload.is_none() || *first != workload {
                *count += 1;
            }
            return *count;
        }
        if self.seen.len() < self.limit {
            self.seen.insert(hash, (1, workload));
        } else {
            self.partial = true;
        }
        1
    }

    /// After a full first pass: how many workloads carry this note.
    fn count(&self, note: &Note<'_>) -> u32 {
        Self::key(note)
            .and_then(|(n, _)| self.seen.get(&n))
            .map_or(0, |c| c.0)
    }
}

/// How a batch of rows learns how often its notes are repeated.
enum Copies<'a> {
    /// Counted by the reader as it went (standard input, read once).
    Counted(Vec<u32>),
    /// Looked up in the counts of a first pass over the whole export.
    Known(&'a CopyCheck),
}

/// Debug builds only: a check fails on purpose on a row whose note holds
/// the text in `FTNOTE_TEST_PANIC_ON`, so a test can see a worker's failure
/// reported.
#[cfg(debug_assertions)]
fn crash_for_tests(text: &str) {
    if let Some(marker) = std::env::var_os("FTNOTE_TEST_PANIC_ON") {
        let marker = marker.to_string_lossy();
        assert!(
            marker.is_empty() || !text.contains(marker.as_ref()),
            "FTNOTE_TEST_PANIC_ON: the note holds {marker:?}"
        );
    }
}

#[cfg(not(debug_assertions))]
fn crash_for_tests(_: &str) {}

/// The message of a panic, as far as it has one.
fn panic_message(p: &(dyn std::any::Any + Send)) -> &str {
    p.downcast_ref::<&str>()
        .copied()
        .or_else(|| p.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message")
}

fn check_batch(
    checker: &Checker,
    batch: &[Raw],
    copies: &Copies<'_>,
    cols: &Columns,
    text_field: &str,
    opts: &Options,
) -> Summary {
    let mut s = Summary::default();
    for (i, raw) in batch.iter().enumerate() {
        let note = match rows::decode(raw, cols, text_field) {
            Ok(n) => n,
            Err(reason) => {
                s.skip(raw.line(), reason);
                continue;
            }
        };
        let copies = match copies {
            Copies::Counted(v) => v.get(i).copied().unwrap_or(0),
            Copies::Known(c) => c.count(&note),
        };
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            crash_for_tests(&note.text);
            let lang = note.lang.or(opts.lang);
            let as_of = note
                .date
                .as_deref()
                .and_then(|d| rows::date(d, lang, opts.as_of))
                .unwrap_or(opts.as_of);
            let mut report = checker.check(&Input {
                text: &note.text,
                kind: note.kind.as_deref().or(opts.kind.as_deref()),
                status: note.status.as_deref().or(opts.status.as_deref()),
                lang,
                as_of,
            });
            if copies >= 2
                && report.kind == "entitlement"
                && report.status.as_deref() != Some("unknown")
            {
                crate::check::many::mark_copied(
                    &note.text,
                    &mut report,
                    usize::try_from(copies).unwrap_or(usize::MAX),
                );
            }
            report
        }));
        match outcome {
            Ok(report) => s.count(note.line, &note.text, note.customer.as_deref(), &report),
            Err(p) => s.skip(
                note.line,
                format!("the check failed: {}", panic_message(p.as_ref())),
            ),
        }
    }
    s
}

/// Reads the rows in batches and hands each batch to `send`, with a
/// sequence number; stops early when `send` fails.
fn read_batches(reader: &mut Reader, mut send: impl FnMut(u64, Vec<Raw>) -> bool) -> Result<()> {
    for seq in 0.. {
        let mut batch = Vec::with_capacity(BATCH);
        while batch.len() < BATCH {
            match reader.next_row()? {
                Some(raw) => batch.push(raw),
                None => break,
            }
        }
        let last = batch.len() < BATCH;
        if (!batch.is_empty() && !send(seq, batch)) || last {
            break;
        }
    }
    Ok(())
}

/// The first of two passes: counts every note's copies across the whole
/// export. Workers hash the notes; the counts are taken in the order of the
/// export (the first workload a note is seen on is the one it is on).
fn count_copies(
    reader: &mut Reader,
    cols: &Columns,
    text_field: &str,
    threads: usize,
    copy: &mut CopyCheck,
) -> Result<()> {
    type Keys = Vec<Option<(u64, Option<u64>)>>;
    let (tx, rx) = mpsc::sync_channel::<(u64, Vec<Raw>)>(threads * 2);
    let rx = Arc::new(Mutex::new(rx));
    let (keys_tx, keys_rx) = mpsc::channel::<(u64, Keys)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (rx, keys_tx) = (Arc::clone(&rx), keys_tx.clone());
            scope.spawn(move || {
                loop {
                    let next = match rx.lock() {
                        Ok(guard) => guard.recv(),
                        Err(_) => break,
                    };
                    let Ok((seq, batch)) = next else { break };
                    let keys = batch
                        .iter()
                        .map(|raw| {
                            rows::decode(raw, cols, text_field)
                                .ok()
                                .and_then(|n| CopyCheck::key(&n))
                        })
                        .collect();
                    if keys_tx.send((seq, keys)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(keys_tx);
        let reading =
            scope.spawn(move || read_batches(reader, |seq, batch| tx.send((seq, batch)).is_ok()));
        let mut waiting: std::collections::BTreeMap<u64, Keys> = std::collections::BTreeMap::new();
        let mut next = 0;
        for (seq, keys) in keys_rx {
            waiting.insert(seq, keys);
            while let Some(keys) = waiting.remove(&next) {
                for k in keys {
                    copy.see(k);
                }
                next += 1;
            }
        }
        reading
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p))
    })
}

/// Audits an export. `jsonl` selects JSON Lines; otherwise CSV with a header
/// row. `reopen` gives the input again for the copy-paste pass; without it
/// (standard input) the export is read once.
pub fn run(
    input: Box<dyn Read + Send>,
    reopen: Option<&dyn Fn() -> Result<Box<dyn Read + Send>>>,
    jsonl: bool,
    checker: &Checker,
    opts: &Options,
) -> Result<Summary> {
    let threads = opts.threads.max(1);
    let mut copy = CopyCheck::new(opts.copy_memory);
    let mut reader = Reader::open(input, jsonl, &opts.text_column)?;
    let cols = reader.columns();
    let text_field = reader.text_field().to_string();
    let two_pass = reopen.is_some();
    if let Some(again) = reopen {
        count_copies(&mut reader, &cols, &text_field, threads, &mut copy)?;
        reader = Reader::open(again()?, jsonl, &opts.text_column)?;
    }
    let known = two_pass.then_some(&copy);
    let (tx, rx) = mpsc::sync_channel::<(Vec<Raw>, Option<Vec<u32>>)>(threads * 2);
    let rx = Arc::new(Mutex::new(rx));
    let (parts, read) = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let rx = Arc::clone(&rx);
                let (cols, text_field) = (&cols, text_field.as_str());
                scope.spawn(move || {
                    let mut total = Summary::default();
                    loop {
                        let next = match rx.lock() {
                            Ok(guard) => guard.recv(),
                            Err(_) => break,
                        };
                        let Ok((batch, counted)) = next else { break };
                        let copies = match (counted, known) {
                            (Some(v), _) => Copies::Counted(v),
                            (None, Some(c)) => Copies::Known(c),
                            (None, None) => Copies::Counted(Vec::new()),
                        };
                        total.add(check_batch(
                            checker, &batch, &copies, cols, text_field, opts,
                        ));
                    }
                    total
                })
            })
            .collect();
        // Read the rows in batches for the workers; read once, count the
        // repeats in order as the rows come. Returns whether that count ran
        // out of memory.
        let mut own = CopyCheck::new(opts.copy_memory);
        let mut stopped = false;
        let read = read_batches(&mut reader, |_, batch| {
            let counted = (!two_pass).then(|| {
                batch
                    .iter()
                    .map(|raw| {
                        own.see(
                            rows::decode(raw, &cols, &text_field)
                                .ok()
                                .and_then(|n| CopyCheck::key(&n)),
                        )
                    })
                    .collect()
            });
            let sent = tx.send((batch, counted)).is_ok();
            stopped = !sent;
            sent
        });
        drop(tx);
        let parts: Vec<std::thread::Result<Summary>> = workers
            .into_iter()
            .map(std::thread::ScopedJoinHandle::join)
            .collect();
        let read = read.and_then(|()| {
            if stopped {
                Err(Error::Usage(
                    "the workers checking the notes stopped".into(),
                ))
            } else {
                Ok(own.partial)
            }
        });
        (parts, read)
    });
    let mut summary = Summary::default();
    for part in parts {
        match part {
            Ok(s) => summary.add(s),
            Err(p) => {
                return Err(Error::Usage(format!(
                    "a worker checking the notes stopped: {}",
                    panic_message(p.as_ref())
                )));
            }
        }
    }
    let single_pass_partial = read?;
    summary.copy_pasted = summary
        .rules
        .iter()
        .filter(|((id, _), _)| *id == "copy-pasted")
        .map(|(_, n)| *n)
        .sum();
    summary.copy_check_partial = copy.partial || single_pass_partial;
    summary.copy_check_single_pass = !two_pass;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::many::key;

    /// The copy-paste check compares notes by the same key as lint.
    #[test]
    fn key_into_writes_the_comparison_key() {
        let texts = [
            "Customer will not deploy EXO due to the proxy.",
            "customer WILL not deploy   exo, due to the proxy!",
            "Customer will not deploy EXO due to the proxies.",
            "Customer willnot deploy EXO due to the proxy.",
            "お客様は展開しません",
            "お客様は 展開 しません。",
            "客户不部署 Teams，因为代理不支持。",
            "客户不部署Teams因为代理不支持",
            "Kunde wird ÄÖÜ nicht einführen, weil",
            "kunde wird äöü nicht einführen weil",
            "Usage 0.0%",
            "n/a",
            "",
            "one two three",
            "one two three four",
            "ÿ ÿ ÿ ÿ",
            "ÿÿ ÿ ÿ",
            "ｶﾀｶﾅ ・ ｰ ﾞ ＴＥＡＭＳ ２０２６ 々〆",
            "e.g. 3,5 % — 1.800",
        ];
        let mut out = String::new();
        for t in texts {
            let n = key_into(t, &mut out);
            assert_eq!(out, key(t), "{t:?}");
            let words = if out.is_empty() {
                0
            } else {
                out.split(' ').count()
            };
            assert_eq!(n, words, "{t:?}");
        }
    }
}
