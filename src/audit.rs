//! Auditing an export of notes (CSV or JSON Lines): streamed, checked on
//! every core, summarised. Memory stays flat: rows are read in batches,
//! and only counts and a bounded sample of the worst notes are kept.

use crate::check::many::key;
use crate::check::{Checker, Input, Severity, Verdict};
use crate::error::{Error, Result};
use crate::lang::Lang;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Read};
use std::sync::{Arc, Mutex, mpsc};

/// One note of an export.
#[derive(Clone, Debug, Default)]
pub struct Row {
    /// 1-based record number (line for JSON Lines, line of the record start for CSV).
    pub line: u64,
    pub text: String,
    pub kind: Option<String>,
    pub status: Option<String>,
    pub lang: Option<Lang>,
    pub customer: Option<String>,
    pub workload: Option<String>,
    pub date: Option<NaiveDate>,
    /// How many workloads of this customer carry the same note (0: not repeated).
    pub copies: u32,
}

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

/// A note kept as an example of a customer's worst notes.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Example {
    pub line: u64,
    pub verdict: Verdict,
    pub text: String,
    pub rules: Vec<&'static str>,
    #[serde(skip)]
    score: u32,
}

/// A customer's notes.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct CustomerStats {
    pub notes: u64,
    pub good: u64,
    pub incomplete: u64,
    pub bad: u64,
    pub worst: Vec<Example>,
}

/// The summary of an audit.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Summary {
    pub notes: u64,
    pub good: u64,
    pub incomplete: u64,
    pub bad: u64,
    /// Findings per (rule, severity).
    pub rules: BTreeMap<(&'static str, Severity), u64>,
    pub customers: BTreeMap<String, CustomerStats>,
    pub inferred_kind: u64,
    pub inferred_status: u64,
    pub inferred_lang: u64,
    /// Notes repeated on several workloads of one customer.
    pub copy_pasted: u64,
    /// Set when the copy-paste check stopped remembering notes.
    pub copy_check_partial: bool,
    /// Set when the export was read once (standard input): the first copy of
    /// a repeated note is not marked.
    pub copy_check_single_pass: bool,
}

const BATCH: usize = 512;
const WORST_PER_CUSTOMER: usize = 3;

impl Summary {
    fn add(&mut self, other: Summary) {
        self.notes += other.notes;
        self.good += other.good;
        self.incomplete += other.incomplete;
        self.bad += other.bad;
        self.inferred_kind += other.inferred_kind;
        self.inferred_status += other.inferred_status;
        self.inferred_lang += other.inferred_lang;
        for (k, v) in other.rules {
            *self.rules.entry(k).or_default() += v;
        }
        for (name, c) in other.customers {
            let e = self.customers.entry(name).or_default();
            e.notes += c.notes;
            e.good += c.good;
            e.incomplete += c.incomplete;
            e.bad += c.bad;
            e.worst.extend(c.worst);
            e.worst
                .sort_by_key(|x| (std::cmp::Reverse(x.score), x.line));
            e.worst.truncate(WORST_PER_CUSTOMER);
        }
    }
}

fn check_batch(checker: &Checker, rows: &[Row], opts: &Options) -> Summary {
    let mut s = Summary::default();
    for row in rows {
        let status = row.status.as_deref().or(opts.status.as_deref());
        let report = checker.check(&Input {
            text: &row.text,
            kind: row.kind.as_deref().or(opts.kind.as_deref()),
            status,
            lang: row.lang.or(opts.lang),
            as_of: row.date.unwrap_or(opts.as_of),
        });
        let mut report = report;
        if row.copies >= 2
            && report.kind == "entitlement"
            && report.status.as_deref() != Some("unknown")
        {
            crate::check::many::mark_copied(
                &row.text,
                &mut report,
                usize::try_from(row.copies).unwrap_or(usize::MAX),
            );
        }
        s.notes += 1;
        match report.verdict {
            Verdict::Good => s.good += 1,
            Verdict::Incomplete => s.incomplete += 1,
            Verdict::Bad => s.bad += 1,
        }
        for inf in &report.inferred {
            match *inf {
                "kind" => s.inferred_kind += 1,
                "status" => s.inferred_status += 1,
                _ => s.inferred_lang += 1,
            }
        }
        for f in &report.findings {
            *s.rules.entry((f.rule, f.severity)).or_default() += 1;
        }
        let name = row.customer.clone().unwrap_or_default();
        let c = s.customers.entry(name).or_default();
        c.notes += 1;
        match report.verdict {
            Verdict::Good => c.good += 1,
            Verdict::Incomplete => c.incomplete += 1,
            Verdict::Bad => c.bad += 1,
        }
        if report.verdict != Verdict::Good {
            let score = u32::try_from(
                report.count(Severity::Error) * 100 + report.count(Severity::Warning),
            )
            .unwrap_or(u32::MAX);
            let mut text: String = row.text.trim().chars().take(120).collect();
            if row.text.trim().chars().count() > 120 {
                text.push('…');
            }
            c.worst.push(Example {
                line: row.line,
                verdict: report.verdict,
                text,
                rules: report
                    .findings
                    .iter()
                    .filter(|f| f.severity != Severity::Hint)
                    .map(|f| f.rule)
                    .collect(),
                score,
            });
            c.worst
                .sort_by_key(|x| (std::cmp::Reverse(x.score), x.line));
            c.worst.truncate(WORST_PER_CUSTOMER);
        }
    }
    s
}

/// Reads rows from CSV or JSON Lines, handing each to `sink` until it
/// returns false.
fn read_rows(
    input: Box<dyn Read + Send>,
    jsonl: bool,
    opts: &Options,
    sink: &mut dyn FnMut(Row) -> bool,
) -> Result<()> {
    let mut batch: Vec<Row> = Vec::new();
    let mut send = |row: Row, _: &mut Vec<Row>| -> bool { sink(row) };
    if jsonl {
        let reader = BufReader::new(input);
        for (i, line) in reader.lines().enumerate() {
            let line = line.map_err(|e| Error::io("<input>", e))?;
            if line.trim().is_empty() {
                continue;
            }
            let n = i as u64 + 1;
            let v: serde_json::Value = serde_json::from_str(&line)
                .map_err(|e| Error::Usage(format!("line {n}: not a JSON object: {e}")))?;
            let get = |k: &str| {
                v.get(k)
                    .and_then(|x| x.as_str())
                    .map(str::to_string)
                    .filter(|s| !s.trim().is_empty())
            };
            let Some(text) = v.get(&opts.text_column).and_then(|x| x.as_str()) else {
                return Err(Error::Usage(format!(
                    "line {n}: no \"{}\" string; use --text-column to name the field that holds the note",
                    opts.text_column
                )));
            };
            let row = Row {
                line: n,
                text: text.to_string(),
                kind: get("kind"),
                status: get("status"),
                lang: get("lang").and_then(|l| Lang::parse(&l)),
                customer: get("customer"),
                workload: get("workload"),
                date: get("date").and_then(|d| parse_date(&d, opts.as_of)),
                copies: 0,
            };
            if !send(row, &mut batch) {
                return Ok(());
            }
        }
    } else {
        let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(input);
        let headers = rdr
            .headers()
            .map_err(|e| Error::Usage(format!("cannot read the CSV header: {e}")))?
            .clone();
        let col = |name: &str| {
            headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name))
        };
        let Some(text_col) = col(&opts.text_column) else {
            return Err(Error::Usage(format!(
                "no \"{}\" column; the columns are: {}; use --text-column to name the one that holds the note",
                opts.text_column,
                headers.iter().collect::<Vec<_>>().join(", ")
            )));
        };
        let (kind, status, lang, customer, workload, date) = (
            col("kind"),
            col("status"),
            col("lang"),
            col("customer"),
            col("workload"),
            col("date"),
        );
        let mut record = csv::StringRecord::new();
        loop {
            match rdr.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => return Err(Error::Usage(format!("CSV: {e}"))),
            }
            let get = |c: Option<usize>| {
                c.and_then(|i| record.get(i))
                    .map(str::to_string)
                    .filter(|s| !s.trim().is_empty())
            };
            let row = Row {
                line: record.position().map_or(0, csv::Position::line),
                text: record.get(text_col).unwrap_or("").to_string(),
                kind: get(kind),
                status: get(status),
                lang: get(lang).and_then(|l| Lang::parse(&l)),
                customer: get(customer),
                workload: get(workload),
                date: get(date).and_then(|d| parse_date(&d, opts.as_of)),
                copies: 0,
            };
            if !send(row, &mut batch) {
                return Ok(());
            }
        }
    }
    Ok(())
}

/// The date a row was written: an ISO date, else any form the notes use,
/// a date without a year ("12/3", "12月") read relative to `as_of`.
fn parse_date(s: &str, as_of: NaiveDate) -> Option<NaiveDate> {
    let head = s.trim().get(..10).unwrap_or(s.trim());
    NaiveDate::parse_from_str(head, "%Y-%m-%d")
        .ok()
        .or_else(|| crate::date::parse(s, Lang::En, as_of))
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
    fn hashes(row: &Row) -> Option<(u64, u64)> {
        use std::hash::{Hash, Hasher};
        if row.kind.as_deref().is_some_and(|k| k != "entitlement")
            || row
                .status
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case("unknown"))
        {
            return None;
        }
        let k = key(&row.text);
        if k.split(' ').count() < 4 {
            return None;
        }
        let mut h = std::collections::hash_map::DefaultHasher::new();
        row.customer.hash(&mut h);
        k.hash(&mut h);
        let mut wh = std::collections::hash_map::DefaultHasher::new();
        row.workload.hash(&mut wh);
        Some((h.finish(), wh.finish()))
    }

    /// Counts a row; returns how many workloads carry its note so far.
    fn see(&mut self, row: &Row) -> u32 {
        let Some((note, workload)) = Self::hashes(row) else {
            return 0;
        };
        if let Some((count, first)) = self.seen.get_mut(&note) {
            if row.workload.is_none() || *first != workload {
                *count += 1;
            }
            return *count;
        }
        if self.seen.len() < self.limit {
            self.seen.insert(note, (1, workload));
        } else {
            self.partial = true;
        }
        1
    }

    /// After a full first pass: how many workloads carry this row's note.
    fn count(&self, row: &Row) -> u32 {
        Self::hashes(row)
            .and_then(|(n, _)| self.seen.get(&n))
            .map_or(0, |c| c.0)
    }
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
    let mut copy = CopyCheck {
        seen: HashMap::new(),
        limit: opts.copy_memory,
        partial: false,
    };
    let two_pass = reopen.is_some();
    let input = match reopen {
        Some(again) => {
            read_rows(input, jsonl, opts, &mut |row| {
                copy.see(&row);
                true
            })?;
            again()?
        }
        None => input,
    };
    let (tx, rx) = mpsc::sync_channel::<Vec<Row>>(threads * 2);
    let rx = Arc::new(Mutex::new(rx));
    let (summary, read_result) = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let rx = Arc::clone(&rx);
                scope.spawn(move || {
                    let mut total = Summary::default();
                    loop {
                        let batch = match rx.lock() {
                            Ok(guard) => guard.recv(),
                            Err(_) => break,
                        };
                        let Ok(batch) = batch else { break };
                        total.add(check_batch(checker, &batch, opts));
                    }
                    total
                })
            })
            .collect();
        let mut batch = Vec::with_capacity(BATCH);
        let read_result = read_rows(input, jsonl, opts, &mut |mut row| {
            row.copies = if two_pass {
                copy.count(&row)
            } else {
                copy.see(&row)
            };
            batch.push(row);
            if batch.len() >= BATCH {
                return tx
                    .send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))
                    .is_ok();
            }
            true
        });
        if !batch.is_empty() {
            let _ = tx.send(batch);
        }
        drop(tx);
        let mut summary = Summary::default();
        for w in workers {
            if let Ok(s) = w.join() {
                summary.add(s);
            }
        }
        (summary, read_result)
    });
    read_result?;
    let mut summary = summary;
    summary.copy_pasted = summary
        .rules
        .iter()
        .filter(|((id, _), _)| *id == "copy-pasted")
        .map(|(_, n)| *n)
        .sum();
    summary.copy_check_partial = copy.partial;
    summary.copy_check_single_pass = !two_pass;
    Ok(summary)
}
