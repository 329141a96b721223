//! What a note's file name says: ftnote writes notes as
//! `<date>_<customer>_<kind>[_<workload>].txt`, and `-1`, `-2`, … before
//! the extension when the name was taken (see `output::naming`).

use chrono::NaiveDate;

/// The parts of a note's file name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteName {
    pub date: NaiveDate,
    /// As written in the name: spaces are `-`.
    pub customer: String,
    pub kind: String,
    pub workload: Option<String>,
}

/// Reads a file name written by ftnote. `known_kind` says which kinds
/// exist; a name whose kind part is none of them is not a note's name.
pub fn parse(file_name: &str, known_kind: impl Fn(&str) -> bool) -> Option<NoteName> {
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _ext)| stem);
    let parts: Vec<&str> = stem.split('_').collect();
    let (date, customer, kind, workload) = match parts.as_slice() {
        [d, c, k] => (*d, *c, *k, None),
        [d, c, k, w] => (*d, *c, *k, Some(*w)),
        _ => return None,
    };
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    if customer.is_empty() {
        return None;
    }
    let kind = if workload.is_none() {
        // `…_status-2.txt`: the kind with a number added.
        [kind, strip_number(kind)]
            .into_iter()
            .find(|k| known_kind(k))?
    } else if known_kind(kind) {
        kind
    } else {
        return None;
    };
    let workload = workload
        .map(strip_number)
        .filter(|w| !w.is_empty())
        .map(str::to_string);
    Some(NoteName {
        date,
        customer: customer.to_string(),
        kind: kind.to_string(),
        workload,
    })
}

/// `EXO-2` → `EXO`: the number ftnote adds to a name already taken.
fn strip_number(s: &str) -> &str {
    match s.rsplit_once('-') {
        Some((head, n))
            if !head.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) =>
        {
            head
        }
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::Format;
    use crate::output::naming::note_file_name;

    fn kinds(k: &str) -> bool {
        ["entitlement", "exec-summary", "status", "tech-enablement"].contains(&k)
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).expect("a date")
    }

    #[test]
    fn reads_the_names_ftnote_writes() {
        for (customer, kind, workload) in [
            ("Contoso Ltd", "entitlement", Some("EXO")),
            ("Müller GmbH", "exec-summary", None),
            ("株式会社テスト", "tech-enablement", Some("INTUNE")),
            ("Big_Co", "status", None),
        ] {
            for format in [Format::Text, Format::Markdown] {
                let name = note_file_name(day(), customer, kind, workload, format);
                let n = parse(&name, kinds).unwrap_or_else(|| panic!("{name}"));
                assert_eq!(n.date, day());
                assert_eq!(n.kind, kind);
                assert_eq!(n.workload.as_deref(), workload);
                assert_eq!(n.customer, customer.replace([' ', '_'], "-"));
            }
        }
    }

    #[test]
    fn numbered_names() {
        let n = parse("2026-11-21_Contoso_entitlement_EXO-2.txt", kinds).expect("name");
        assert_eq!(n.workload.as_deref(), Some("EXO"));
        let n = parse("2026-11-21_Contoso_exec-summary-1.md", kinds).expect("name");
        assert_eq!(n.kind, "exec-summary");
        let n = parse("2026-11-21_Contoso_WIN10-3.txt", |k| k == "WIN10");
        assert_eq!(n.map(|n| n.kind).as_deref(), Some("WIN10"));
    }

    #[test]
    fn other_names_are_not_notes() {
        for name in [
            "notes.txt",
            "2026-11-21_Contoso.txt",
            "2026-13-01_Contoso_status.txt",
            "2026-11-21_Contoso_letter.txt",
            "2026-11-21__status.txt",
            "2026-11-21_a_b_status_EXO.txt",
        ] {
            assert_eq!(parse(name, kinds), None, "{name}");
        }
    }
}
