//! Rules across several notes: the same note pasted on several workloads.

use super::finding::{Finding, Report, Severity, Verdict};
use super::lexicon::{Lexicon, fold};
use std::collections::HashMap;

/// A normalised form of a note's text for comparing notes: its words, and
/// each letter of text written without spaces as a word of its own, one
/// space between words; built in one string as the text is read.
pub fn key(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::with_capacity(folded.len());
    // Whether a word is open at the end of `out`.
    let mut open = false;
    for c in folded.chars() {
        let cjk = super::text::is_cjk_letter(c);
        if cjk || c.is_alphanumeric() {
            if (cjk || !open) && !out.is_empty() {
                out.push(' ');
            }
            out.push(c);
            open = !cjk;
        } else {
            open = false;
        }
    }
    out
}

/// Flags entitlement notes whose text is repeated on other workloads of the
/// same customer. Unknown notes (an unreachable customer) may repeat.
/// `notes`: (text, customer, report) — reports are updated in place.
pub fn copy_pasted(notes: &mut [(&str, Option<&str>, &mut Report)]) {
    if notes.len() < 2 {
        return;
    }
    let mut groups: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (i, (text, customer, report)) in notes.iter().enumerate() {
        if report.kind != "entitlement" || report.status.as_deref() == Some("unknown") {
            continue;
        }
        let k = key(text);
        if k.split(' ').nth(3).is_none() {
            continue;
        }
        groups
            .entry((customer.unwrap_or("").to_string(), k))
            .or_default()
            .push(i);
    }
    for idx in groups.values().filter(|v| v.len() > 1) {
        for &i in idx {
            let (text, _, report) = &mut notes[i];
            mark_copied(text, report, idx.len());
        }
    }
}

/// Marks a note as one of `count` copies of the same text.
pub fn mark_copied(text: &str, report: &mut Report, count: usize) {
    let lex = Lexicon::get(report.lang);
    report.findings.push(Finding {
        rule: super::rules::id("copy-pasted"),
        severity: Severity::Warning,
        message: lex.message("copy-pasted", &[("count", &count.to_string())]),
        start: 0,
        end: text.trim_end().len(),
        fixes: Vec::new(),
    });
    report.verdict = Verdict::of(&report.findings);
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn a_key_is_the_words_and_each_cjk_letter_one_space_apart() {
        assert_eq!(key("  Cx blocked -- FTC, ATU!  "), "cx blocked ftc atu");
        assert_eq!(key("E3客户ok 2,500 seats"), "e3 客 户 ok 2 500 seats");
        assert_eq!(key("顧客は。"), "顧 客 は");
        assert_eq!(key("... --- "), "");
    }
}
