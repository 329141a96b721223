//! Before and after of every fix in `tests/cases/fixes-*.toml`: the row's
//! rule is found with a fix of the row's applicability, and its first such
//! fix turns `before` into exactly `after` (see the file's header).

use chrono::NaiveDate;
use ftnote::check::{Checker, Edit, Input, fix};
use ftnote::lang::Lang;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    as_of: String,
    row: Vec<Row>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    kind: String,
    #[serde(default)]
    status: Option<String>,
    lang: String,
    rule: String,
    applicability: String,
    before: String,
    after: String,
    #[serde(default)]
    #[allow(dead_code)]
    why: String,
}

fn files() -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut out: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/cases")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("fixes-") && n.ends_with(".toml"))
        })
        .collect();
    out.sort();
    out
}

/// What is wrong with one row, if anything.
fn check_row(checker: &Checker, as_of: NaiveDate, row: &Row) -> Option<String> {
    let lang = Lang::parse(&row.lang)?;
    let input = |text| Input {
        text,
        kind: Some(&row.kind),
        status: row.status.as_deref(),
        lang: Some(lang),
        as_of,
    };
    let report = checker.check(&input(&row.before));
    let findings: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == row.rule)
        .collect();
    if findings.is_empty() {
        let found: Vec<&str> = report.findings.iter().map(|f| f.rule).collect();
        return Some(format!("no {} finding; found {found:?}", row.rule));
    }
    let Some(x) = findings
        .iter()
        .flat_map(|f| &f.fixes)
        .find(|x| x.applicability.as_str() == row.applicability)
    else {
        return Some(format!(
            "{} has no {} fix: {:?}",
            row.rule,
            row.applicability,
            findings.iter().map(|f| &f.fixes).collect::<Vec<_>>()
        ));
    };
    let edits: Vec<&Edit> = x.edits.iter().collect();
    let (after, n) = fix::apply(&row.before, &edits);
    if n != x.edits.len() {
        return Some(format!(
            "“{}”: only {n} of {} edits apply",
            x.label,
            x.edits.len()
        ));
    }
    if after != row.after {
        return Some(format!(
            "“{}” gives\n    {after:?}\n  not\n    {:?}",
            x.label, row.after
        ));
    }
    if row.applicability == "safe" {
        let again = checker.check(&input(&after));
        if again.findings.iter().any(|f| f.rule == row.rule) {
            return Some(format!("{} is still found after “{}”", row.rule, x.label));
        }
    }
    None
}

#[test]
fn every_fix_turns_before_into_after() {
    let checker = Checker::builtin();
    let mut failures = Vec::new();
    let mut rows = 0;
    let files = files();
    assert!(!files.is_empty(), "no tests/cases/fixes-*.toml");
    for path in files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_string();
        let src = std::fs::read_to_string(&path).expect("read");
        let f: File = toml::from_str(&src).unwrap_or_else(|e| panic!("{name}: {e}"));
        let as_of = NaiveDate::parse_from_str(&f.as_of, "%Y-%m-%d").expect("as_of");
        for (i, row) in f.row.iter().enumerate() {
            rows += 1;
            assert!(
                Lang::parse(&row.lang).is_some(),
                "{name} row {}: language {:?}",
                i + 1,
                row.lang
            );
            if let Some(why) = check_row(&checker, as_of, row) {
                failures.push(format!(
                    "{name} row {} ({} {} {}): {why}",
                    i + 1,
                    row.lang,
                    row.kind,
                    row.rule
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {rows} rows:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_basic_table_covers_each_fix_in_all_four_languages() {
    let src = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/fixes-basic.toml"),
    )
    .expect("fixes-basic.toml");
    let f: File = toml::from_str(&src).expect("parses");
    for rule in ["mojibake", "tag-forbidden", "tag-suggested"] {
        for lang in ["en", "de", "ja", "zh"] {
            assert!(
                f.row.iter().any(|r| r.rule == rule && r.lang == lang),
                "no {rule} row in {lang}"
            );
        }
    }
}
