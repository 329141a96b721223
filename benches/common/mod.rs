//! Notes for the benchmarks: the labelled cases of `tests/cases/`, and an
//! export made of them (the same rows `benches/corpus.py` writes).

#![allow(dead_code)]

use std::path::Path;

/// A labelled note.
pub struct Case {
    pub text: String,
    pub kind: String,
    pub status: String,
    pub lang: String,
}

/// Every labelled case with a text, in file order.
pub fn cases() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/cases")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let v: toml::Table =
            toml::from_str(&std::fs::read_to_string(f).expect("read")).expect("cases parse");
        let Some(list) = v.get("case").and_then(|c| c.as_array()) else {
            continue;
        };
        for c in list {
            let s = |k: &str| c.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
            if !s("text").trim().is_empty() {
                out.push(Case {
                    text: s("text"),
                    kind: s("kind"),
                    status: s("status"),
                    lang: s("lang"),
                });
            }
        }
    }
    out
}

/// A CSV export of `rows` notes: the cases in turn, for 997 customers on
/// eight workloads, half with a language column, dates in every form the
/// date column takes (ISO, without a year, none).
pub fn export_csv(rows: usize) -> Vec<u8> {
    let cases = cases();
    let workloads = ["EXO", "SPO", "OD", "TEAMS", "INTUNE", "AADP", "AIP", "MCAS"];
    let dates = [
        "2026-11-01",
        "12/3",
        "3/12",
        "12月",
        "12月末",
        "12月3日",
        "3. Dezember",
        "",
    ];
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "customer", "workload", "kind", "status", "lang", "date", "text",
    ])
    .expect("header");
    for i in 0..rows {
        let c = &cases[i % cases.len()];
        w.write_record([
            format!("Customer {}", i % 997).as_str(),
            workloads[(i / 7) % workloads.len()],
            &c.kind,
            &c.status,
            if i % 2 == 1 { &c.lang } else { "" },
            dates[i % dates.len()],
            &c.text,
        ])
        .expect("row");
    }
    w.into_inner().expect("csv")
}
