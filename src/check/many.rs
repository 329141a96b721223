//! Rules across several notes: the same note pasted on several workloads.

use super::finding::{Finding, Report, Severity, Verdict};
use super::lexicon::{Lexicon, fold};
use std::collections::HashMap;

/// A normalised form of a note's text for comparing notes: its words, and
/// each letter of text written without spaces as a word of its own.
pub fn key(text: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in fold(text).chars() {
        if super::text::is_cjk_letter(c) {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            words.push(c.to_string());
        } else if c.is_alphanumeric() {
            word.push(c);
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words.join(" ")
}

/// Flags entitlement notes whose text is repeated on other workloads of the
/// same customer. Unknown notes (an unreachable customer) may repeat.
/// `notes`: (text, customer, report) — reports are updated in place.
pub fn copy_pasted(notes: &mut [(&str, Option<&str>, &mut Report)]) {
    let mut groups: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (i, (text, customer, report)) in notes.iter().enumerate() {
        if report.kind != "entitlement" || report.status.as_deref() == Some("unknown") {
            continue;
        }
        let k = key(text);
        if k.split(' ').count() < 4 {
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
