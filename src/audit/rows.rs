//! The rows of an export: read as they are (a CSV record, a JSON line) by
//! one thread, and made into notes with their columns by the worker that
//! checks them, so the reading thread does as little as it can.

use crate::error::{Error, Result};
use crate::lang::Lang;
use chrono::NaiveDate;
use std::borrow::Cow;
use std::io::{BufRead, BufReader, Read};

/// A row as read, with the line it starts on (1-based).
pub enum Raw {
    Csv(csv::ByteRecord, u64),
    Json(Vec<u8>, u64),
}

impl Raw {
    pub fn line(&self) -> u64 {
        match self {
            Raw::Csv(_, n) | Raw::Json(_, n) => *n,
        }
    }
}

/// Where a CSV export keeps what ftnote reads: the note's column, and the
/// optional ones.
#[derive(Clone, Debug, Default)]
pub struct Columns {
    text: usize,
    kind: Option<usize>,
    status: Option<usize>,
    lang: Option<usize>,
    customer: Option<usize>,
    workload: Option<usize>,
    date: Option<usize>,
}

/// A row made into a note: its text and what its columns say.
#[derive(Debug, Default)]
pub struct Note<'a> {
    pub line: u64,
    pub text: Cow<'a, str>,
    pub kind: Option<Cow<'a, str>>,
    pub status: Option<Cow<'a, str>>,
    pub lang: Option<Lang>,
    pub customer: Option<Cow<'a, str>>,
    pub workload: Option<Cow<'a, str>>,
    /// The date column as written.
    pub date: Option<Cow<'a, str>>,
}

/// Reads the rows of an export, one at a time.
pub struct Reader {
    kind: Kind,
}

enum Kind {
    Csv(csv::Reader<Box<dyn Read + Send>>, Columns),
    Json(BufReader<Box<dyn Read + Send>>, u64, String),
}

impl Reader {
    /// Starts reading; a CSV export's header must name the text column.
    pub fn open(input: Box<dyn Read + Send>, jsonl: bool, text_column: &str) -> Result<Reader> {
        if jsonl {
            return Ok(Reader {
                kind: Kind::Json(BufReader::new(input), 0, text_column.to_string()),
            });
        }
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
        let Some(text) = col(text_column) else {
            return Err(Error::Usage(format!(
                "no \"{text_column}\" column; the columns are: {}; use --text-column to name the one that holds the note",
                headers.iter().collect::<Vec<_>>().join(", ")
            )));
        };
        let columns = Columns {
            text,
            kind: col("kind"),
            status: col("status"),
            lang: col("lang"),
            customer: col("customer"),
            workload: col("workload"),
            date: col("date"),
        };
        Ok(Reader {
            kind: Kind::Csv(rdr, columns),
        })
    }

    /// The CSV columns (empty for JSON Lines, whose fields are named).
    pub fn columns(&self) -> Columns {
        match &self.kind {
            Kind::Csv(_, c) => c.clone(),
            Kind::Json(..) => Columns::default(),
        }
    }

    /// The next row; `None` at the end. Only a failure to read is an
    /// error: a row that is not a note is the worker's to report.
    pub fn next_row(&mut self) -> Result<Option<Raw>> {
        match &mut self.kind {
            Kind::Csv(rdr, _) => {
                let mut record = csv::ByteRecord::new();
                match rdr.read_byte_record(&mut record) {
                    Ok(false) => Ok(None),
                    Ok(true) => {
                        let line = record.position().map_or(0, csv::Position::line);
                        Ok(Some(Raw::Csv(record, line)))
                    }
                    Err(e) => {
                        let at = e
                            .position()
                            .map_or_else(String::new, |p| format!("line {}: ", p.line()));
                        Err(Error::Usage(format!("{at}cannot read the CSV: {e}")))
                    }
                }
            }
            Kind::Json(rdr, line, _) => loop {
                let mut buf = Vec::new();
                *line += 1;
                let n = rdr
                    .read_until(b'\n', &mut buf)
                    .map_err(|e| Error::Usage(format!("line {line}: cannot read: {e}")))?;
                if n == 0 {
                    return Ok(None);
                }
                if buf.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                return Ok(Some(Raw::Json(buf, *line)));
            },
        }
    }

    /// The JSON field that holds the note (JSON Lines only).
    pub fn text_field(&self) -> &str {
        match &self.kind {
            Kind::Json(_, _, f) => f,
            Kind::Csv(..) => "",
        }
    }
}

fn present(s: Cow<'_, str>) -> Option<Cow<'_, str>> {
    (!s.trim().is_empty()).then_some(s)
}

/// Makes a row into a note, or says why it is not one.
pub fn decode<'a>(raw: &'a Raw, cols: &Columns, text_field: &str) -> Result<Note<'a>, String> {
    match raw {
        Raw::Csv(record, line) => {
            let field = |i: Option<usize>| -> Result<Option<Cow<'a, str>>, String> {
                match i.and_then(|i| record.get(i)) {
                    None => Ok(None),
                    Some(b) => std::str::from_utf8(b)
                        .map(|s| present(Cow::Borrowed(s)))
                        .map_err(|_| "not UTF-8 text".to_string()),
                }
            };
            let Some(text) = record.get(cols.text) else {
                return Err(format!(
                    "no text: the row has {} fields, the note is field {}",
                    record.len(),
                    cols.text + 1
                ));
            };
            let text = std::str::from_utf8(text).map_err(|_| "not UTF-8 text".to_string())?;
            Ok(Note {
                line: *line,
                text: Cow::Borrowed(text),
                kind: field(cols.kind)?,
                status: field(cols.status)?,
                lang: field(cols.lang)?.and_then(|l| Lang::parse(&l)),
                customer: field(cols.customer)?,
                workload: field(cols.workload)?,
                date: field(cols.date)?,
            })
        }
        Raw::Json(bytes, line) => {
            let v: serde_json::Value =
                serde_json::from_slice(bytes).map_err(|e| format!("not JSON: {e}"))?;
            let Some(obj) = v.as_object() else {
                return Err("not a JSON object".into());
            };
            let get = |k: &str| {
                obj.get(k)
                    .and_then(|x| x.as_str())
                    .and_then(|s| present(Cow::Owned(s.to_string())))
            };
            let Some(text) = obj.get(text_field).and_then(|x| x.as_str()) else {
                return Err(format!(
                    "no \"{text_field}\" string; use --text-column to name the field that holds the note"
                ));
            };
            Ok(Note {
                line: *line,
                text: Cow::Owned(text.to_string()),
                kind: get("kind"),
                status: get("status"),
                lang: get("lang").and_then(|l| Lang::parse(&l)),
                customer: get("customer"),
                workload: get("workload"),
                date: get("date"),
            })
        }
    }
}

/// The day a row was written, from its date column: an ISO date, else any
/// form the notes use, in the row's language or else any — a date without
/// a year (`12/3`, `12月`, `3. Dezember`) read relative to `as_of`.
pub fn date(s: &str, lang: Option<Lang>, as_of: NaiveDate) -> Option<NaiveDate> {
    let t = s.trim();
    if let Some(d) = iso(t) {
        return Some(d);
    }
    lang.into_iter()
        .chain(Lang::ALL)
        .find_map(|l| crate::date::parse(t, l, as_of))
}

/// `YYYY-MM-DD` at the start of `s` (a time may follow).
fn iso(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || b.get(10).is_some_and(u8::is_ascii_digit)
    {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn reads_iso_dates_and_dates_without_a_year() {
        let as_of = day(2026, 11, 21);
        assert_eq!(date("2026-11-01", None, as_of), Some(day(2026, 11, 1)));
        assert_eq!(
            date("2026-11-01T09:30:00Z", None, as_of),
            Some(day(2026, 11, 1))
        );
        assert_eq!(date("2026-13-01", None, as_of), None);
        for yearless in ["12/3", "3/12", "12月", "12月末", "12月3日", "3. Dezember"] {
            let d = date(yearless, None, as_of);
            assert!(d.is_some(), "{yearless}");
        }
        assert_eq!(date("TBD", None, as_of), None);
        let far = day(-262_143, 1, 1);
        for s in ["12/3", "12月"] {
            let _ = date(s, None, far);
        }
    }
}
