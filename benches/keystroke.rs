//! One keystroke in the composer — update, re-check, redraw into a 120×40
//! test terminal — on a 5,000-character note; and start to first frame.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ftnote::lang::Lang;
use ftnote::tui::action::Action;
use ftnote::tui::effects::Recorder;
use ftnote::tui::{App, Env, Prefill, strings::Strings, theme::Theme, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn env() -> Env {
    Env {
        templates: ftnote::template::Templates::builtin(),
        catalogue: ftnote::workloads::Catalogue::builtin(),
        checker: ftnote::check::Checker::builtin(),
        strings: Strings::get(Lang::En),
        theme: Theme { color: true },
        today: NaiveDate::from_ymd_opt(2026, 11, 21).expect("a date"),
        note_lang: Lang::En,
        role: None,
        recent: Vec::new(),
        drafts: Vec::new(),
    }
}

/// A composer holding a 5,000-character note of `kind`, cursor at the end.
fn app(kind: &str) -> App {
    let prefill = Prefill {
        kind: Some(kind.into()),
        customer: Some("Contoso".into()),
        workload: Some("EXO".into()),
        status: Some("blocked".into()),
        lang: Some(Lang::En),
    };
    let mut app = App::new(env(), &prefill, Box::new(Recorder::default()));
    // Leave any sentence list and write our own.
    app.dispatch(Action::Back);
    let sentence = "Customer will not deploy Exchange Online due to a firewall that currently drops Autodiscover traffic, and the proxy vendor has no fix before Q3. ";
    let mut text = String::new();
    while text.len() < 5_000 {
        text.push_str(sentence);
    }
    text.truncate(5_000);
    app.dispatch(Action::Paste(text));
    app.settle();
    app
}

fn keystroke(app: &mut App, term: &mut Terminal<TestBackend>, c: char) {
    let code = if c == '\u{8}' {
        KeyCode::Backspace
    } else {
        KeyCode::Char(c)
    };
    app.dispatch(Action::Input(KeyEvent::new(code, KeyModifiers::NONE)));
    app.settle();
    term.draw(|f| view::draw(f, app)).expect("drawn");
}

/// Prints the median and 99th percentile of single keystrokes.
fn percentiles(name: &str, kind: &str) {
    let mut app = app(kind);
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut times: Vec<Duration> = Vec::with_capacity(4_000);
    for i in 0..4_000u32 {
        let c = if i.is_multiple_of(2) { 'x' } else { '\u{8}' };
        let t = Instant::now();
        keystroke(&mut app, &mut term, c);
        times.push(t.elapsed());
    }
    times.sort();
    let p = |per_mille: usize| times[(times.len() * per_mille / 1000).min(times.len() - 1)];
    println!(
        "{name}: keystroke median {:?}, p99 {:?}, max {:?}",
        p(500),
        p(990),
        p(1000)
    );
}

fn bench(c: &mut Criterion) {
    for kind in ["entitlement", "status"] {
        percentiles(&format!("{kind} 5,000 chars"), kind);
        let mut app = app(kind);
        let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        let mut i = 0u64;
        c.bench_function(&format!("keystroke {kind} 5000 chars 120x40"), |b| {
            b.iter(|| {
                i += 1;
                let ch = if i.is_multiple_of(2) { 'x' } else { '\u{8}' };
                keystroke(black_box(&mut app), &mut term, ch);
            });
        });
    }
    c.bench_function("start to first frame 120x40", |b| {
        b.iter(|| {
            let mut app = App::new(env(), &Prefill::default(), Box::new(Recorder::default()));
            app.settle();
            let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
            term.draw(|f| view::draw(f, &app)).expect("drawn");
            black_box(term);
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
