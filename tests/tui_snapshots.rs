//! Every screen of the composer, drawn on ratatui's `TestBackend` at 80×24 and
//! 120×40. Snapshots carry no colour; the marks (✓ • ○ ✗ ⚠ ℹ ▸) carry the
//! meaning, and the tests below check that they do.

mod common;

use common::tui::{app_with, ctrl, env, new_note, press, type_str};
use crossterm::event::KeyCode;
use ftnote::lang::Lang;
use ftnote::tui::{App, Prefill, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    t.draw(|f| view::draw(f, app)).expect("drawn");
    t.backend().to_string()
}

fn snap(name: &str, app: &App) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(app, w, h));
    }
}

fn start_first_run() -> App {
    app_with(env(Lang::En), Prefill::default()).0
}

fn entitlement(status: &str) -> App {
    let prefill = common::tui::entitlement("Contoso Ltd", "EXO", status);
    app_with(env(Lang::En), prefill).0
}

#[test]
fn start_screen() {
    snap("start", &start_first_run());
}

#[test]
fn start_screen_for_an_architect_typing_a_customer() {
    let mut app = start_first_run();
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, "Fab");
    press(&mut app, KeyCode::Down);
    snap("start_architect", &app);
}

#[test]
fn entitlement_workload_picker() {
    let app = app_with(env(Lang::En), new_note("entitlement", "Contoso Ltd")).0;
    snap("entitlement_workload", &app);
}

#[test]
fn entitlement_sentence_picker() {
    snap("entitlement_sentences", &entitlement("blocked"));
}

#[test]
fn entitlement_filling_blanks() {
    let mut app = entitlement("blocked");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, "a firewall");
    press(&mut app, KeyCode::Tab);
    snap("entitlement_fill", &app);
}

#[test]
fn entitlement_with_findings() {
    let mut app = entitlement("blocked");
    type_str(
        &mut app,
        "Customer is currently blocked due to some issues with cloud/data/legal. We will follow up. More to come.",
    );
    press(&mut app, KeyCode::F(8));
    snap("entitlement_findings", &app);
}

#[test]
fn entitlement_good() {
    let mut app = entitlement("blocked");
    type_str(
        &mut app,
        "Customer will not deploy Exchange Online due to a firewall that drops Autodiscover traffic; the proxy vendor has no fix before Q3.",
    );
    snap("entitlement_good", &app);
}

fn exec_summary() -> App {
    let mut app = app_with(env(Lang::En), new_note("exec-summary", "Contoso Ltd")).0;
    type_str(&mut app, "Retail, 20K users, recent media attention");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "fully");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    type_str(
        &mut app,
        "Engaged with the account team; weekly syncs with the partner.",
    );
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "exo");
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, "Planning, updating firewall rules.");
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, "spo");
    press(&mut app, KeyCode::Enter);
    type_str(
        &mut app,
        "Pilot with 200 users; data migration is a concern.",
    );
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, "od");
    press(&mut app, KeyCode::Enter);
    app
}

#[test]
fn exec_summary_workloads() {
    snap("exec_workloads", &exec_summary());
}

#[test]
fn exec_summary_adding_a_workload() {
    let mut app = exec_summary();
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, "int");
    snap("exec_adding", &app);
}

#[test]
fn status_note_date() {
    let mut app = app_with(env(Lang::En), new_note("status", "Contoso Ltd")).0;
    type_str(
        &mut app,
        "Kickoff held with the customer's IT team; the migration workshop is agreed.",
    );
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "Run the migration workshop");
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, "friday");
    snap("status_date", &app);
}

#[test]
fn tech_enablement_tags() {
    let prefill = Prefill {
        workload: Some("INTUNE".into()),
        ..new_note("tech-enablement", "Contoso Ltd")
    };
    let mut app = app_with(env(Lang::En), prefill).0;
    type_str(&mut app, "Enrolment profiles tested with 20 devices.");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char(' '));
    snap("tech_tags", &app);
}

#[test]
fn help_overlay() {
    let mut app = entitlement("blocked");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::F(1));
    snap("help", &app);
}

#[test]
fn quit_question() {
    let mut app = entitlement("in-progress");
    type_str(&mut app, "Pilot");
    ctrl(&mut app, 'q');
    snap("quit", &app);
}

#[test]
fn written_message() {
    let mut app = entitlement("in-progress");
    type_str(
        &mut app,
        "Pilot with 50 users started; the rollout to all 2,000 users is planned for January.",
    );
    ctrl(&mut app, 's');
    snap("written", &app);
}

#[test]
fn too_small() {
    let app = start_first_run();
    insta::assert_snapshot!("too_small", screen(&app, 50, 12));
}

#[test]
fn marks_carry_the_meaning_without_colour() {
    let mut app = entitlement("blocked");
    type_str(&mut app, "Customer is currently blocked.");
    let s = screen(&app, 120, 40);
    assert!(s.contains("✗ BAD"), "{s}");
    assert!(s.contains("✗ no-reason"), "{s}");
    assert!(s.contains("⚠ vague-time"), "{s}");
    assert!(s.contains("✓ Workload"), "{s}");
    assert!(s.contains("▸✓ Note"), "{s}");
}

#[test]
fn the_footer_always_names_help_and_quit_even_at_80_columns() {
    for app in [start_first_run(), entitlement("blocked"), exec_summary()] {
        let s = screen(&app, 80, 24);
        let last = s.lines().last().unwrap_or_default().to_string();
        assert!(last.contains("F1 help"), "{last}");
        assert!(last.contains("Ctrl-Q quit"), "{last}");
    }
}

#[test]
fn the_preview_is_exactly_the_note() {
    let mut app = entitlement("blocked");
    let note = "Unable to deploy due to a firewall that drops Autodiscover traffic.";
    type_str(&mut app, note);
    let s = screen(&app, 120, 40);
    assert!(s.contains(&format!("│{note}")), "{s}");
}

fn in_lang(lang: Lang, kind: &str, workload: &str, status: Option<&str>) -> App {
    let prefill = Prefill {
        workload: Some(workload.into()),
        status: status.map(str::to_string),
        lang: Some(lang),
        ..new_note(kind, "株式会社テスト")
    };
    app_with(env(lang), prefill).0
}

#[test]
fn japanese_screens_at_80x24() {
    let start = app_with(env(Lang::Ja), Prefill::default()).0;
    insta::assert_snapshot!("ja_start_80x24", screen(&start, 80, 24));
    let mut app = in_lang(Lang::Ja, "entitlement", "EXO", Some("blocked"));
    insta::assert_snapshot!("ja_entitlement_sentences_80x24", screen(&app, 80, 24));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, "プロキシのファイアウォール");
    press(&mut app, KeyCode::Tab);
    insta::assert_snapshot!("ja_entitlement_fill_80x24", screen(&app, 80, 24));
    let mut app = in_lang(Lang::Ja, "exec-summary", "EXO", None);
    type_str(&mut app, "小売業、従業員 2 万人、最近報道で注目されている");
    snap_one("ja_exec_80x24", &app);
}

#[test]
fn chinese_screens_at_80x24() {
    let start = app_with(env(Lang::Zh), Prefill::default()).0;
    insta::assert_snapshot!("zh_start_80x24", screen(&start, 80, 24));
    let mut app = in_lang(Lang::Zh, "entitlement", "EXO", Some("blocked"));
    press(&mut app, KeyCode::Esc);
    type_str(
        &mut app,
        "由于防火墙阻止 Autodiscover 流量，客户无法部署 Exchange Online。",
    );
    insta::assert_snapshot!("zh_entitlement_text_80x24", screen(&app, 80, 24));
    let mut app = in_lang(Lang::Zh, "status", "EXO", None);
    type_str(&mut app, "已与客户 IT 团队举行研讨会。");
    snap_one("zh_status_80x24", &app);
}

fn snap_one(name: &str, app: &App) {
    let s = screen(app, 80, 24);
    // Every row is exactly 80 cells wide: no wide character overflows.
    for line in s.lines().filter(|l| l.starts_with('"')) {
        // TestBackend notes the cells hidden behind wide characters after the row.
        let row = line.split("\" Hidden by").next().unwrap_or(line);
        let inner = row.trim_matches('"');
        assert_eq!(unicode_width::UnicodeWidthStr::width(inner), 80, "{inner}");
    }
    insta::assert_snapshot!(name, s);
}
