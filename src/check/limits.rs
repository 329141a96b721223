//! How long a note can be: it is pasted into a portal field, and a field
//! takes a few thousand characters at most. A longer note is still checked
//! in full; the finding marks what would not fit.

use super::Ctx;

/// The most characters ftnote expects a portal field to take. The guidance
/// names no number; notes written to it stay far below (an entitlement note
/// is a sentence or two, an Exec Summary one line per workload).
pub const FIELD_LIMIT: usize = 4_000;

/// A note over [`FIELD_LIMIT`] characters: an error on the part past it.
pub(crate) fn field_limit(c: &mut Ctx<'_>) {
    // No character is shorter than a byte: most notes stop here.
    if c.text.len() <= FIELD_LIMIT {
        return;
    }
    let Some((cut, _)) = c.text.char_indices().nth(FIELD_LIMIT) else {
        return;
    };
    let count = FIELD_LIMIT + c.text[cut..].chars().count();
    let end = c.text.trim_end().len().max(cut);
    c.push(
        "field-limit",
        "field-limit",
        cut..end,
        &[
            ("count", &count.to_string()),
            ("limit", &FIELD_LIMIT.to_string()),
        ],
    );
}

#[cfg(test)]
mod tests {
    use crate::check::{Checker, Input, Severity};
    use crate::lang::Lang;

    fn check(text: &str, kind: &str, lang: Lang) -> crate::check::Report {
        Checker::builtin().check(&Input {
            text,
            kind: Some(kind),
            status: Some("blocked"),
            lang: Some(lang),
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).expect("date"),
        })
    }

    #[test]
    fn a_note_past_the_field_limit_is_an_error_on_what_would_not_fit() {
        let long = "Unable to deploy because the proxy does not support TLS 1.2. ".repeat(80);
        let r = check(&long, "entitlement", Lang::En);
        let f = r
            .findings
            .iter()
            .find(|f| f.rule == "field-limit")
            .expect("field-limit");
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.start, super::FIELD_LIMIT, "ASCII: the 4,001st character");
        assert_eq!(f.end, long.trim_end().len());
        assert!(
            f.message
                .starts_with(&format!("{} characters", long.chars().count())),
            "{}",
            f.message
        );
        // Still checked in full: the other rules run too.
        assert!(
            r.findings.iter().any(|f| f.rule == "too-many-sentences"),
            "{:?}",
            r.findings
        );
    }

    #[test]
    fn characters_are_counted_not_bytes() {
        // 3,000 characters of 3 bytes each: 9,000 bytes, under the limit.
        let ja = "プロキシが TLS 1.2 に対応していないため展開できません。".repeat(100);
        let n = ja.chars().count();
        let r = check(&ja, "entitlement", Lang::Ja);
        assert_eq!(
            n > super::FIELD_LIMIT,
            r.findings.iter().any(|f| f.rule == "field-limit"),
            "{n}"
        );
        let ja = ja.repeat(2);
        let r = check(&ja, "exec-summary", Lang::Ja);
        let f = r
            .findings
            .iter()
            .find(|f| f.rule == "field-limit")
            .expect("over");
        assert_eq!(ja[..f.start].chars().count(), super::FIELD_LIMIT);
        assert!(f.message.contains("最大 4000 文字"), "{}", f.message);
    }

    #[test]
    fn a_note_at_the_limit_is_not_flagged() {
        let at = "x".repeat(super::FIELD_LIMIT);
        assert!(
            !check(&at, "status", Lang::En)
                .findings
                .iter()
                .any(|f| f.rule == "field-limit")
        );
        let over = format!("{at}y");
        assert!(
            check(&over, "status", Lang::En)
                .findings
                .iter()
                .any(|f| f.rule == "field-limit")
        );
    }
}
