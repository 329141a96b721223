//! Edits: what changed in one field of a note, as small as the change.
//!
//! The composer records an [`Edit`] each time a field's value changes; the
//! draft's journal stores it. A keystroke in a long text is a [`Edit::Splice`]
//! of a few bytes, however long the text is; a choice or a list that changed
//! is an [`Edit::Set`] of the (short) new value.

use crate::note::Value;
use std::collections::BTreeMap;

/// A change to one field of a note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// The field's value replaced whole; `None` removes it.
    Set { field: String, value: Option<Value> },
    /// Bytes `at..at + del` of a text replaced by `ins`: of the field's
    /// text, or of the text of its workload line `item`.
    Splice {
        field: String,
        item: Option<usize>,
        at: usize,
        del: usize,
        ins: String,
    },
}

impl Edit {
    /// The edit that turns `old` into `new`; `None` when they are equal.
    ///
    /// Texts are compared from both ends, so the edit holds only the bytes
    /// that changed; the comparison stops at the first difference from each
    /// end and copies nothing but the inserted bytes.
    pub fn between(field: &str, old: Option<&Value>, new: Option<&Value>) -> Option<Edit> {
        let set = || Edit::Set {
            field: field.to_string(),
            value: new.cloned(),
        };
        match (old, new) {
            (Some(Value::Text(a)), Some(Value::Text(b))) => {
                splice(a, b).map(|(at, del, ins)| Edit::Splice {
                    field: field.to_string(),
                    item: None,
                    at,
                    del,
                    ins,
                })
            }
            (Some(Value::Workloads(a)), Some(Value::Workloads(b))) if a.len() == b.len() => {
                let mut changed = a.iter().zip(b).enumerate().filter(|(_, (x, y))| x != y);
                match (changed.next(), changed.next()) {
                    (None, _) => None,
                    (Some((i, (x, y))), None)
                        if x.code == y.code && x.name == y.name && x.separator == y.separator =>
                    {
                        splice(&x.text, &y.text).map(|(at, del, ins)| Edit::Splice {
                            field: field.to_string(),
                            item: Some(i),
                            at,
                            del,
                            ins,
                        })
                    }
                    _ => Some(set()),
                }
            }
            (a, b) if a == b => None,
            _ => Some(set()),
        }
    }

    /// The field the edit changes.
    pub fn field(&self) -> &str {
        match self {
            Edit::Set { field, .. } | Edit::Splice { field, .. } => field,
        }
    }

    /// Applies the edit to a note's values. An edit that does not fit them
    /// (a splice past the end, inside a character, or on a value that is
    /// not a text) is an error saying so, and changes nothing.
    pub fn apply(&self, values: &mut BTreeMap<String, Value>) -> Result<(), String> {
        match self {
            Edit::Set { field, value } => {
                match value {
                    Some(v) => values.insert(field.clone(), v.clone()),
                    None => values.remove(field),
                };
                Ok(())
            }
            Edit::Splice {
                field,
                item,
                at,
                del,
                ins,
            } => {
                let text = match (values.get_mut(field), item) {
                    (Some(Value::Text(t)), None) => t,
                    (Some(Value::Workloads(ws)), Some(i)) => match ws.get_mut(*i) {
                        Some(w) => &mut w.text,
                        None => return Err(format!("{field} has no workload line {i}")),
                    },
                    // A splice into nothing: only an insertion at 0 fits.
                    (None, None) if *at == 0 && *del == 0 => {
                        values.insert(field.clone(), Value::Text(ins.clone()));
                        return Ok(());
                    }
                    _ => return Err(format!("{field} is not a text that can be spliced")),
                };
                let end = at
                    .checked_add(*del)
                    .filter(|&e| e <= text.len())
                    .ok_or_else(|| format!("{field}: bytes {at}+{del} are past its end"))?;
                if !text.is_char_boundary(*at) || !text.is_char_boundary(end) {
                    return Err(format!("{field}: bytes {at}..{end} cut a character"));
                }
                text.replace_range(*at..end, ins);
                Ok(())
            }
        }
    }

    /// The bytes the edit carries (for the journal's bookkeeping).
    pub fn weight(&self) -> usize {
        match self {
            Edit::Set { value, .. } => value.as_ref().map_or(0, value_weight),
            Edit::Splice { ins, .. } => ins.len(),
        }
    }
}

fn value_weight(v: &Value) -> usize {
    match v {
        Value::Text(s) => s.len(),
        Value::Multi(ids) => ids.iter().map(String::len).sum(),
        Value::Workloads(ws) => ws.iter().map(|w| w.text.len() + w.code.len()).sum(),
    }
}

/// `(at, del, ins)` turning `a` into `b`, cut at character boundaries;
/// `None` when they are equal.
fn splice(a: &str, b: &str) -> Option<(usize, usize, String)> {
    if a.len() == b.len() && a == b {
        return None;
    }
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let mut p = common_prefix(x, y);
    while !(a.is_char_boundary(p) && b.is_char_boundary(p)) {
        p -= 1;
    }
    let most = a.len().min(b.len()) - p;
    let mut s = common_suffix(&x[p..], &y[p..]).min(most);
    while !(a.is_char_boundary(a.len() - s) && b.is_char_boundary(b.len() - s)) {
        s -= 1;
    }
    Some((p, a.len() - p - s, b[p..b.len() - s].to_string()))
}

/// How many bytes `a` and `b` share at the start; compares in ever smaller
/// blocks so the usual case (a long shared start) runs at memory speed.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut i = 0;
    for block in [16 * 1024, 256, 16] {
        while i + block <= n && a[i..i + block] == b[i..i + block] {
            i += block;
        }
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

/// How many bytes `a` and `b` share at the end.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (la, lb) = (a.len(), b.len());
    let mut i = 0;
    for block in [16 * 1024, 256, 16] {
        while i + block <= n && a[la - i - block..la - i] == b[lb - i - block..lb - i] {
            i += block;
        }
    }
    while i < n && a[la - i - 1] == b[lb - i - 1] {
        i += 1;
    }
    i
}

/// How many edits the composer keeps for the keeper at most; past that it
/// drops them and says the note must be saved whole.
const MAX_KEPT: usize = 4096;

/// The edits the composer made since the keeper last took them.
///
/// Every change of a field's value goes through [`Edits::record`]; the
/// keeper takes them with [`Edits::take`]. When nobody takes them (no
/// draft is kept), they are dropped after [`MAX_KEPT`] and [`Edits::count`]
/// still tells the keeper that changes happened.
#[derive(Clone, Debug, Default)]
pub struct Edits {
    list: Vec<Edit>,
    /// Edits recorded since the start, taken or not.
    count: u64,
    /// Whether some were dropped since the last take.
    dropped: bool,
}

impl Edits {
    /// Records the change of `field` from `old` to `new`, if it is one.
    pub fn record(&mut self, field: &str, old: Option<&Value>, new: Option<&Value>) {
        let Some(e) = Edit::between(field, old, new) else {
            return;
        };
        self.count += 1;
        if self.list.len() >= MAX_KEPT {
            self.list.clear();
            self.dropped = true;
        }
        if !self.dropped {
            self.list.push(e);
        }
    }

    /// Edits recorded since the start.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The edits since the last take, or `None` when some were dropped (the
    /// note must then be saved whole).
    pub fn take(&mut self) -> Option<Vec<Edit>> {
        let dropped = std::mem::take(&mut self.dropped);
        let list = std::mem::take(&mut self.list);
        (!dropped).then_some(list)
    }

    /// Forgets the edits so far (the note was saved whole).
    pub fn clear(&mut self) {
        self.list.clear();
        self.dropped = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::WorkloadLine;
    use proptest::prelude::*;

    fn text(s: &str) -> Value {
        Value::Text(s.to_string())
    }

    fn roundtrip(old: Option<&Value>, new: Option<&Value>) -> Option<Edit> {
        let e = Edit::between("f", old, new);
        let mut values = BTreeMap::new();
        if let Some(o) = old {
            values.insert("f".to_string(), o.clone());
        }
        if let Some(e) = &e {
            e.apply(&mut values).expect("applies");
        }
        assert_eq!(values.get("f"), new, "{e:?}");
        e
    }

    #[test]
    fn a_keystroke_in_a_long_text_is_a_few_bytes() {
        let long = "x".repeat(1_000_000);
        let mut typed = long.clone();
        typed.insert(500_000, 'é');
        let e = roundtrip(Some(&text(&long)), Some(&text(&typed))).expect("edit");
        assert_eq!(
            e,
            Edit::Splice {
                field: "f".into(),
                item: None,
                at: 500_000,
                del: 0,
                ins: "é".into()
            }
        );
        assert_eq!(e.weight(), 2);
    }

    #[test]
    fn splices_keep_characters_whole() {
        // é (c3 a9) → ã (c3 a3): they share a byte, but not a character.
        let e = roundtrip(Some(&text("aé b")), Some(&text("aã b"))).expect("edit");
        assert!(
            matches!(&e, Edit::Splice { at: 1, del: 2, ins, .. } if ins == "ã"),
            "{e:?}"
        );
        // A ZWJ sequence grown by one more person.
        let family = "👨\u{200d}👩";
        let bigger = "👨\u{200d}👩\u{200d}👧";
        roundtrip(Some(&text(family)), Some(&text(bigger))).expect("edit");
        roundtrip(Some(&text(bigger)), Some(&text(family))).expect("edit");
        roundtrip(Some(&text("日本語")), Some(&text("日本の語"))).expect("edit");
    }

    #[test]
    fn trailing_and_repeated_whitespace_is_kept() {
        let e = roundtrip(
            Some(&text("Because the firewall")),
            Some(&text("Because the firewall ")),
        )
        .expect("edit");
        assert!(
            matches!(&e, Edit::Splice { at: 20, del: 0, ins, .. } if ins == " "),
            "{e:?}"
        );
        roundtrip(Some(&text("a  b")), Some(&text("a   b")));
        roundtrip(Some(&text("a\n\n")), Some(&text("a\n\n\n")));
    }

    #[test]
    fn equal_values_are_no_edit() {
        assert_eq!(Edit::between("f", None, None), None);
        assert_eq!(Edit::between("f", Some(&text("a")), Some(&text("a"))), None);
        let m = Value::Multi(vec!["#covid".into()]);
        assert_eq!(Edit::between("f", Some(&m), Some(&m)), None);
    }

    #[test]
    fn other_changes_set_the_value() {
        let m = Value::Multi(vec!["#covid".into()]);
        let e = roundtrip(None, Some(&m)).expect("edit");
        assert!(matches!(e, Edit::Set { value: Some(_), .. }));
        let e = roundtrip(Some(&text("x")), None).expect("edit");
        assert!(matches!(e, Edit::Set { value: None, .. }));
        roundtrip(Some(&text("x")), Some(&m));
    }

    #[test]
    fn one_workload_line_typed_in_is_a_splice_of_that_line() {
        let line = |code: &str, t: &str| WorkloadLine {
            code: code.into(),
            text: t.into(),
            ..WorkloadLine::default()
        };
        let a = Value::Workloads(vec![line("EXO", "Plan"), line("SPO", "Pilot")]);
        let b = Value::Workloads(vec![line("EXO", "Plan"), line("SPO", "Pilot done")]);
        let e = roundtrip(Some(&a), Some(&b)).expect("edit");
        assert!(
            matches!(&e, Edit::Splice { item: Some(1), at: 5, del: 0, ins, .. } if ins == " done"),
            "{e:?}"
        );
        let c = Value::Workloads(vec![line("EXO", "Plan"), line("OD", "Pilot")]);
        assert!(matches!(
            roundtrip(Some(&a), Some(&c)),
            Some(Edit::Set { .. })
        ));
        let d = Value::Workloads(vec![line("EXO", "Plan")]);
        assert!(matches!(
            roundtrip(Some(&a), Some(&d)),
            Some(Edit::Set { .. })
        ));
    }

    #[test]
    fn edits_that_do_not_fit_are_errors_and_change_nothing() {
        let mut values = BTreeMap::from([("f".to_string(), text("日本"))]);
        let splice = |at, del| Edit::Splice {
            field: "f".into(),
            item: None,
            at,
            del,
            ins: "x".into(),
        };
        for (at, del) in [(7, 0), (1, 0), (0, 1), (usize::MAX, 2), (3, usize::MAX)] {
            assert!(splice(at, del).apply(&mut values).is_err(), "{at} {del}");
        }
        values.insert("m".into(), Value::Multi(vec![]));
        let on_multi = Edit::Splice {
            field: "m".into(),
            item: None,
            at: 0,
            del: 0,
            ins: "x".into(),
        };
        assert!(on_multi.apply(&mut values).is_err());
        assert_eq!(values.get("f"), Some(&text("日本")));
    }

    #[test]
    fn the_queue_drops_what_nobody_takes_and_says_so() {
        let mut q = Edits::default();
        q.record("f", None, Some(&text("a")));
        q.record("f", Some(&text("a")), Some(&text("a")));
        assert_eq!(q.count(), 1);
        assert_eq!(q.take().expect("complete").len(), 1);
        assert_eq!(q.take().expect("complete").len(), 0);
        for i in 0..=MAX_KEPT {
            q.record("f", None, Some(&text(&i.to_string())));
        }
        assert_eq!(q.count(), 1 + MAX_KEPT as u64 + 1);
        assert_eq!(q.take(), None, "some were dropped");
        q.record("f", None, Some(&text("b")));
        assert_eq!(q.take().expect("complete again").len(), 1);
    }

    proptest! {
        #[test]
        fn any_two_texts_round_trip(a in "\\PC{0,40}", b in "\\PC{0,40}") {
            roundtrip(Some(&text(&a)), Some(&text(&b)));
        }

        #[test]
        fn edits_of_one_text_round_trip(
            base in "[ab é日\u{200d}👩\n]{0,60}",
            at in 0usize..70,
            del in 0usize..10,
            ins in "[ab é日\u{200d}👩\n]{0,8}",
        ) {
            let chars: Vec<char> = base.chars().collect();
            let at = at.min(chars.len());
            let del = del.min(chars.len() - at);
            let mut new: String = chars[..at].iter().collect();
            new.push_str(&ins);
            new.extend(&chars[at + del..]);
            if let Some(Edit::Splice { ins: got, .. }) = roundtrip(Some(&text(&base)), Some(&text(&new))) {
                prop_assert!(got.len() <= ins.len() + 3, "{got:?} for {ins:?}");
            }
        }
    }
}
