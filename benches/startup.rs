//! What `ftnote lint` of one note does before and while it checks, part by
//! part, each from nothing: building a language's word lists, guessing the
//! language, parsing a built-in template, the workload catalogue, config,
//! the checker, and the first check in a fresh checker. (The whole command,
//! process start included, is measured by `benches/compare.sh`.)

use criterion::{Criterion, criterion_group, criterion_main};
use ftnote::check::lexicon::Lexicon;
use ftnote::check::{Checker, Input, Settings};
use ftnote::lang::Lang;
use ftnote::template::{Source, Templates, parse_template};
use ftnote::workloads::Catalogue;
use std::hint::black_box;

const NOTE: &str = "Unable to deploy Exchange Online because the on-premises proxy (Blue Coat SG 6.5) does not support TLS 1.2, so client connections to the service are rejected. Customer is blocked until the proxy replacement budgeted for Q2 2027 is implemented.";

fn parts(c: &mut Criterion) {
    let mut g = c.benchmark_group("startup");
    for lang in Lang::ALL {
        g.bench_function(format!("word lists of {lang}"), |b| {
            b.iter(|| black_box(Lexicon::build(lang)));
        });
    }
    g.bench_function("guess the language of a note", |b| {
        b.iter(|| black_box(Lang::guess(black_box(NOTE))));
    });
    let (path, src) = Templates::builtin_files()
        .iter()
        .find(|(p, _)| *p == "templates/en/entitlement.toml")
        .expect("the English entitlement template");
    g.bench_function("parse one built-in template", |b| {
        b.iter(|| black_box(parse_template(path, src, Source::Builtin).expect("parses")));
    });
    g.bench_function("workload catalogue", |b| {
        b.iter(|| black_box(Catalogue::builtin()));
    });
    let config = "lang = \"en\"\nrole = \"fm\"\n[rules]\nvague-time = \"hint\"\n[[tag_rules]]\ntag = \"#exitplan\"\nsuggest_when = [\"exit plan\"]\n";
    g.bench_function("read a config file", |b| {
        b.iter(|| black_box(ftnote::config::Config::parse("config.toml", config).expect("parses")));
    });
    g.bench_function("make the checker", |b| {
        b.iter(|| {
            black_box(Checker::new(
                &Settings::default(),
                Templates::builtin(),
                Catalogue::builtin(),
            ))
        });
    });
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
    g.bench_function("first check in a new checker (all inferred)", |b| {
        b.iter(|| {
            let checker = Checker::builtin();
            black_box(checker.check(&Input {
                text: NOTE,
                kind: None,
                status: None,
                lang: None,
                as_of,
            }))
        });
    });
    g.finish();
}

criterion_group!(benches, parts);
criterion_main!(benches);
