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

/// The words of a note as the copy-paste check compares them — those of
/// [`crate::check::many::key`], hashed as they are read instead of joined
/// into a string — or `None` under four words.
fn words_hash(text: &str, h: &mut impl Hasher) -> bool {
    const END: u32 = u32::MAX;
    let mut words = 0usize;
    let mut in_word = false;
    for c in text.chars().map(crate::check::lexicon::fold_char) {
        if crate::check::text::is_cjk_letter(c) {
            if in_word {
                h.write_u32(END);
                words += 1;
            }
            h.write_u32(u32::from(c));
            h.write_u32(END);
            words += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            h.write_u32(u32::from(c));
            in_word = true;
        } else if in_word {
            h.write_u32(END);
            words += 1;
            in_word = false;
        }
    }
    if in_word {
        h.write_u32(END);
        words += 1;
    }
    words >= 4
}

/// The copy-paste check across the export: the same entitlement note on
/// several workloads of one customer. Remembers a bounded number of notes.
struct CopyCheck {
    /// Note hash → (workloads seen, hash of the first workload).
    seen: HashMap<u64, (u32, u64)>,
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

    /// (note of this customer, workload), for a note that may be a copy.
    fn hashes(note: &Note<'_>) -> Option<(u64, u64)> {
        if note.kind.as_deref().is_some_and(|k| k != "entitlement")
            || note
                .status
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case("unknown"))
        {
            return None;
        }
        let mut h = std::collections::hash_map::DefaultHasher::new();
        note.customer.as_deref().hash(&mut h);
        if !words_hash(&note.text, &mut h) {
            return None;
        }
        let mut wh = std::collections::hash_map::DefaultHasher::new();
        note.workload.as_deref().hash(&mut wh);
        Some((h.finish(), wh.finish()))
    }

    /// Counts a note; returns how many workloads carry it so far.
    fn see(&mut self, note: &Note<'_>) -> u32 {
        let Some((hash, workload)) = Self::hashes(note) else {
            return 0;
        };
        if let Some((count, first)) = self.seen.get_mut(&hash) {
            if note.workload.is_none() || *first != workload {
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
        Self::hashes(note)
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
        while let Some(raw) = reader.next_row()? {
            if let Ok(note) = rows::decode(&raw, &cols, &text_field) {
                copy.see(&note);
            }
        }
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
        // Read the rows in batches; the workers check them. Returns whether
        // the copy-paste check of a single pass ran out of memory.
        let read = (|| -> Result<bool> {
            let mut own = CopyCheck::new(opts.copy_memory);
            loop {
                let mut batch = Vec::with_capacity(BATCH);
                while batch.len() < BATCH {
                    match reader.next_row()? {
                        Some(raw) => batch.push(raw),
                        None => break,
                    }
                }
                let last = batch.len() < BATCH;
                if !batch.is_empty() {
                    // Read once: count repeats in order, as the rows come.
                    let counted = (!two_pass).then(|| {
                        batch
                            .iter()
                            .map(|raw| {
                                rows::decode(raw, &cols, &text_field).map_or(0, |n| own.see(&n))
                            })
                            .collect()
                    });
                    if tx.send((batch, counted)).is_err() {
                        return Err(Error::Usage(
                            "the workers checking the notes stopped".into(),
                        ));
                    }
                }
                if last {
                    return Ok(own.partial);
                }
            }
        })();
        drop(tx);
        let parts: Vec<std::thread::Result<Summary>> = workers
            .into_iter()
            .map(std::thread::ScopedJoinHandle::join)
            .collect();
        (parts, read)
    });
    let single_pass_partial = read?;
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

    fn hash(text: &str) -> Option<u64> {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        words_hash(text, &mut h).then(|| h.finish())
    }

    /// The copy-paste check counts two notes as one exactly when their
    /// comparison keys are equal, and skips notes under four words.
    #[test]
    fn words_hash_agrees_with_the_comparison_key() {
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
        ];
        for a in texts {
            let four = key(a).split(' ').count() >= 4;
            assert_eq!(hash(a).is_some(), four, "{a:?}");
            for b in texts {
                if let (Some(x), Some(y)) = (hash(a), hash(b)) {
                    assert_eq!(x == y, key(a) == key(b), "{a:?} / {b:?}");
                }
            }
        }
    }
}
