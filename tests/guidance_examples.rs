//! The guidance's example notes beyond the entitlement page's worked
//! examples (those are in tests/cases/examples.toml): the lifecycle notes
//! (two per Overall Status page, in four languages) are good and the checker
//! reads from them exactly the next action, date and owner a reader would;
//! each page's Exec Summary example is good.

use chrono::NaiveDate;
use ftnote::check::{Checker, Input, Verdict};
use ftnote::lang::Lang;
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    as_of: String,
    example: Vec<Example>,
}

#[derive(Deserialize)]
struct Example {
    id: String,
    lang: String,
    text: String,
    next_action: String,
    date: String,
    date_value: String,
    owner: String,
}

#[test]
fn the_guidance_lifecycle_examples_are_good_and_read_right() {
    let src = std::fs::read_to_string("tests/cases/lifecycle-examples.toml").expect("read");
    let f: File = toml::from_str(&src).expect("parse");
    assert_eq!(f.example.len(), 8);
    let as_of = NaiveDate::parse_from_str(&f.as_of, "%Y-%m-%d").expect("as_of");
    let checker = Checker::builtin();
    for (kind, lang_given) in [
        ("status", true),
        ("status", false),
        ("tech-enablement", true),
    ] {
        for ex in &f.example {
            let lang = Lang::parse(&ex.lang).expect("lang");
            let r = checker.check(&Input {
                text: &ex.text,
                kind: Some(kind),
                status: None,
                lang: lang_given.then_some(lang),
                as_of,
            });
            assert_eq!(r.lang, lang, "{}", ex.id);
            assert_eq!(
                r.verdict,
                Verdict::Good,
                "{} as {kind}: {:?}",
                ex.id,
                r.findings
            );
            let read = r.lifecycle.expect("read");
            let span = |p: &ftnote::check::Piece| &ex.text[p.start..p.end];
            let na = read.next_action.expect("next action");
            let date = read.date.expect("date");
            let owner = read.owner.expect("owner");
            assert_eq!(
                (span(&na), na.text.as_str()),
                (ex.next_action.as_str(), ex.next_action.as_str()),
                "{}",
                ex.id
            );
            assert_eq!(span(&date), ex.date, "{}", ex.id);
            assert_eq!(
                date.date.map(|d| d.to_string()),
                Some(ex.date_value.clone()),
                "{}",
                ex.id
            );
            assert_eq!(span(&owner), ex.owner, "{}", ex.id);
        }
    }
}

/// The same notes a day after the plans fall due: the dates are past.
#[test]
fn the_examples_dates_are_past_after_they_fall_due() {
    let src = std::fs::read_to_string("tests/cases/lifecycle-examples.toml").expect("read");
    let f: File = toml::from_str(&src).expect("parse");
    let checker = Checker::builtin();
    let as_of = NaiveDate::from_ymd_opt(2019, 6, 1).expect("date");
    for ex in &f.example {
        let r = checker.check(&Input {
            text: &ex.text,
            kind: Some("status"),
            status: None,
            lang: Lang::parse(&ex.lang),
            as_of,
        });
        assert!(
            r.findings.iter().any(|f| f.rule == "date-past"),
            "{}: {:?}",
            ex.id,
            r.findings
        );
        assert_eq!(r.verdict, Verdict::Incomplete, "{}", ex.id);
    }
}

/// The Exec Summary example of each Overall Status page is good. The English
/// page carries damaged text ("â€“" for "–"): that, and nothing else, is
/// found, and its safe fix leaves the example good.
#[test]
fn the_guidance_exec_summaries_are_good() {
    let checker = Checker::builtin();
    let as_of = NaiveDate::from_ymd_opt(2019, 10, 3).expect("date");
    for lang in Lang::ALL {
        let path = format!("tests/fixtures/seed/exec-summary.{}.md", lang.code());
        let text = std::fs::read_to_string(&path).expect("seed");
        let input = Input {
            text: &text,
            kind: None,
            status: None,
            lang: Some(lang),
            as_of,
        };
        let r = checker.check(&input);
        assert_eq!(r.kind, "exec-summary", "{path}");
        let rules: Vec<&str> = r.findings.iter().map(|f| f.rule).collect();
        if lang == Lang::En {
            assert_eq!(rules, ["mojibake"], "{path}");
            let mended = ftnote::check::fix::mend(
                &checker,
                &input,
                &[ftnote::check::Applicability::Safe],
                3,
            );
            assert!(
                mended.text.contains("Outlook Mobile – Reviewing"),
                "{}",
                mended.text
            );
            assert_eq!(
                mended.report.verdict,
                Verdict::Good,
                "{path}: {:?}",
                mended.report.findings
            );
        } else {
            assert_eq!(r.verdict, Verdict::Good, "{path}: {:?}", r.findings);
        }
    }
}
