//! The journal beside a draft's snapshot: `<id>.journal`, one JSON line per
//! change, appended as the author types.
//!
//! The first line names the journal's format and its draft:
//! `{"journal":1,"draft":"20261121-140312-4f2a9c"}`. Every further line is
//! a [`Record`]: a sequence number and an [`Op`], e.g.
//! `{"seq":12,"op":"splice","note":1,"field":"text","at":41,"del":0,"ins":" "}`.
//! The snapshot says up to which number it holds the records
//! ([`super::Draft::seq`]); reading a draft replays the later ones in order.
//!
//! A record cut short (the process died in the middle of a write, the
//! machine lost power), or anything after a line that cannot be read, is
//! ignored: the draft is what the journal held up to there.

use super::edit::Edit;
use crate::note::{Note, Value};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The journal format this ftnote writes and reads.
pub const FORMAT: u32 = 1;

/// One change to a draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum Op {
    /// Note `note` added to the draft, or replaced whole.
    Note { note: u32, body: Note },
    /// Note `note` taken out of the draft.
    Drop { note: u32 },
    /// A field of note `note` replaced whole; `None` empties it.
    Set {
        note: u32,
        field: String,
        value: Option<Value>,
    },
    /// Bytes `at..at + del` of a text of note `note` replaced by `ins` (see
    /// [`Edit::Splice`]).
    Splice {
        note: u32,
        field: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        item: Option<usize>,
        at: usize,
        del: usize,
        ins: String,
    },
    /// The author is in note `note`, at `field`.
    Focus { note: u32, field: Option<String> },
    /// Where note `note` was written and whether it was copied (both
    /// cleared once it changes again).
    Handed {
        note: u32,
        written_to: Option<PathBuf>,
        copied: bool,
    },
}

impl Op {
    /// The journal's form of an edit of note `note`.
    pub fn edit(note: u32, edit: Edit) -> Op {
        match edit {
            Edit::Set { field, value } => Op::Set { note, field, value },
            Edit::Splice {
                field,
                item,
                at,
                del,
                ins,
            } => Op::Splice {
                note,
                field,
                item,
                at,
                del,
                ins,
            },
        }
    }

    /// The field edit this op stands for, if it is one.
    pub fn as_edit(&self) -> Option<(u32, Edit)> {
        match self {
            Op::Set { note, field, value } => Some((
                *note,
                Edit::Set {
                    field: field.clone(),
                    value: value.clone(),
                },
            )),
            Op::Splice {
                note,
                field,
                item,
                at,
                del,
                ins,
            } => Some((
                *note,
                Edit::Splice {
                    field: field.clone(),
                    item: *item,
                    at: *at,
                    del: *del,
                    ins: ins.clone(),
                },
            )),
            _ => None,
        }
    }
}

/// A numbered [`Op`]: one line of the journal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub seq: u64,
    #[serde(flatten)]
    pub op: Op,
}

#[derive(Serialize, Deserialize)]
struct Header {
    journal: u32,
    draft: String,
}

/// The first line of the journal of draft `id`.
pub fn header(id: &str) -> Vec<u8> {
    let mut line = serde_json::to_vec(&Header {
        journal: FORMAT,
        draft: id.to_string(),
    })
    .unwrap_or_default();
    line.push(b'\n');
    line
}

/// Appends `records` to `buf`, one line each.
pub fn encode(records: &[Record], buf: &mut Vec<u8>) {
    for r in records {
        // A record is plain data: serialising it cannot fail.
        if serde_json::to_writer(&mut *buf, r).is_ok() {
            buf.push(b'\n');
        }
    }
}

/// What reading a journal found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Replayed {
    /// Records applied to the snapshot.
    pub applied: u64,
    /// Records the snapshot already held.
    pub skipped: u64,
    /// Why reading stopped before the end, when it did: a record cut short
    /// or damaged, and what follows it, is left out.
    pub stopped: Option<String>,
}

/// Replays the journal `bytes` of `draft` onto it: the records after
/// [`super::Draft::seq`], in order, up to the first that cannot be read or
/// applied.
pub fn replay(draft: &mut super::Draft, bytes: &[u8]) -> Replayed {
    let mut out = Replayed::default();
    let mut lines = bytes.split_inclusive(|&b| b == b'\n');
    match lines.next() {
        None => return out,
        Some(h) => match serde_json::from_slice::<Header>(h) {
            Ok(h) if !h.draft.eq(&draft.id) => {
                out.stopped = Some(format!("the journal is of draft {:?}", h.draft));
                return out;
            }
            Ok(h) if h.journal > FORMAT => {
                out.stopped = Some(format!(
                    "the journal was written by a newer ftnote (format {})",
                    h.journal
                ));
                return out;
            }
            Ok(_) if h.ends_with(b"\n") => {}
            _ => {
                out.stopped = Some("the journal's first line is damaged".into());
                return out;
            }
        },
    }
    for (n, line) in lines.enumerate() {
        let at = n + 2;
        if !line.ends_with(b"\n") {
            out.stopped = Some(format!("line {at} is cut short"));
            break;
        }
        let record: Record = match serde_json::from_slice(line) {
            Ok(r) => r,
            Err(_) => {
                out.stopped = Some(format!("line {at} is damaged"));
                break;
            }
        };
        if record.seq <= draft.seq {
            out.skipped += 1;
            continue;
        }
        if record.seq != draft.seq + 1 {
            out.stopped = Some(format!(
                "line {at} is record {} where {} was due",
                record.seq,
                draft.seq + 1
            ));
            break;
        }
        if let Err(e) = draft.apply(&record.op) {
            out.stopped = Some(format!("line {at} does not fit the draft: {e}"));
            break;
        }
        draft.seq = record.seq;
        out.applied += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafts::Draft;
    use crate::lang::Lang;

    fn draft() -> Draft {
        let mut note = Note::new("status", Lang::En);
        note.set_text("update", "Pilot");
        Draft::new(note)
    }

    fn journal(d: &Draft, ops: &[Op]) -> Vec<u8> {
        let mut buf = header(&d.id);
        let records: Vec<Record> = ops
            .iter()
            .enumerate()
            .map(|(i, op)| Record {
                seq: d.seq + 1 + i as u64,
                op: op.clone(),
            })
            .collect();
        encode(&records, &mut buf);
        buf
    }

    fn splice(at: usize, ins: &str) -> Op {
        Op::Splice {
            note: 1,
            field: "update".into(),
            item: None,
            at,
            del: 0,
            ins: ins.into(),
        }
    }

    #[test]
    fn records_are_one_readable_line_each() {
        let d = draft();
        let bytes = journal(&d, &[splice(5, " done\n\"ok\" ")]);
        let text = String::from_utf8(bytes).expect("utf8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert!(lines[0].starts_with("{\"journal\":1,\"draft\":"), "{text}");
        assert_eq!(
            lines[1],
            r#"{"seq":1,"op":"splice","note":1,"field":"update","at":5,"del":0,"ins":" done\n\"ok\" "}"#
        );
    }

    #[test]
    fn replay_applies_in_order_and_skips_what_the_snapshot_holds() {
        let mut d = draft();
        let bytes = journal(&d, &[splice(5, " group"), splice(11, " agreed ")]);
        let mut once = d.clone();
        let r = replay(&mut once, &bytes);
        assert_eq!((r.applied, r.skipped, r.stopped), (2, 0, None));
        assert_eq!(once.notes[0].note.text("update"), "Pilot group agreed ");
        assert_eq!(once.seq, 2);
        // A snapshot taken after the first record: only the second applies.
        d.notes[0].note.set_text("update", "Pilot group");
        d.seq = 1;
        let r = replay(&mut d, &bytes);
        assert_eq!((r.applied, r.skipped), (1, 1));
        assert_eq!(d, once);
    }

    #[test]
    fn every_cut_of_a_journal_is_a_prefix_of_its_edits() {
        let d = draft();
        let typed = "Ü 日本 👨\u{200d}👩\u{200d}👧 ok";
        let mut ops = Vec::new();
        let mut at = 5;
        for c in typed.chars() {
            ops.push(splice(at, &c.to_string()));
            at += c.len_utf8();
        }
        let bytes = journal(&d, &ops);
        let mut last = 0;
        for cut in 0..=bytes.len() {
            let mut got = d.clone();
            let r = replay(&mut got, &bytes[..cut]);
            let text = got.notes[0].note.text("update");
            let tail = text.strip_prefix("Pilot").expect("the snapshot's text");
            assert!(typed.starts_with(tail), "{cut}: {tail:?}");
            assert!(r.applied >= last, "never fewer records for a longer cut");
            last = r.applied;
            if cut < bytes.len() && !bytes[..cut].ends_with(b"\n") && cut > 0 {
                assert!(r.stopped.is_some(), "{cut}: a torn line is reported");
            }
        }
        assert_eq!(last, typed.chars().count() as u64);
    }

    #[test]
    fn damaged_or_foreign_journals_stop_the_replay_not_the_read() {
        let d = draft();
        let good = journal(&d, &[splice(5, "!"), splice(6, "?")]);
        let first_end = good
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(1)
            .map(|(i, _)| i + 1)
            .expect("two lines");
        let mut damaged = good.clone();
        damaged[first_end + 3] = b'#';
        let mut zeros = good[..first_end].to_vec();
        zeros.extend([0u8; 40]);
        zeros.push(b'\n');
        let gap = journal(&d, &[splice(5, "!")])
            .into_iter()
            .chain(
                br#"{"seq":3,"op":"splice","note":1,"field":"update","at":6,"del":0,"ins":"?"}"#
                    .iter()
                    .copied(),
            )
            .chain([b'\n'])
            .collect::<Vec<u8>>();
        let mut misfit = journal(&d, &[splice(5, "!")]);
        misfit.extend_from_slice(
            br#"{"seq":2,"op":"splice","note":1,"field":"update","at":60,"del":0,"ins":"?"}"#,
        );
        misfit.push(b'\n');
        let foreign = journal(&draft(), &[splice(5, "!")]);
        for (bytes, applied, why) in [
            (&damaged, 1, "damaged"),
            (&zeros, 1, "damaged"),
            (&gap, 1, "where 2 was due"),
            (&misfit, 1, "does not fit"),
            (&foreign, 0, "is of draft"),
        ] {
            let mut got = d.clone();
            let r = replay(&mut got, bytes);
            assert_eq!(r.applied, applied, "{why}");
            assert!(
                r.stopped.as_deref().is_some_and(|s| s.contains(why)),
                "{r:?}"
            );
        }
        let mut got = d.clone();
        assert_eq!(replay(&mut got, b"").applied, 0);
        assert!(replay(&mut got, b"garbage\n").stopped.is_some());
    }

    proptest::proptest! {
        #[test]
        fn random_journals_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
            let mut d = draft();
            let mut with_header = header(&d.id);
            with_header.extend(&bytes);
            let _ = replay(&mut d, &with_header);
            let _ = replay(&mut d, &bytes);
        }
    }
}
