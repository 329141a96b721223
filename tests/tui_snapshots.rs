//! Every screen of the composer, drawn on ratatui's `TestBackend` at 80×24 and
//! 120×40 in all four languages, walked as a new user walks them. Snapshots
//! carry no colour; the marks (✓ • ○ ✗ ⚠ ℹ ▸) carry the meaning, and the
//! tests below check that they do.

mod common;

use common::tui::{app_with, ctrl, env, new_note, press, type_str};
use crossterm::event::KeyCode;
use ftnote::frontend::CallStart;
use ftnote::lang::Lang;
use ftnote::tui::effects::Recorder;
use ftnote::tui::{App, Prefill, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    t.draw(|f| view::draw(f, app)).expect("drawn");
    t.backend().to_string()
}

/// What a user of each language types.
struct Words {
    customer: &'static str,
    blank: &'static str,
    bad: &'static str,
    good: &'static str,
    in_progress: &'static str,
    describe: &'static str,
    relationship: &'static str,
    exo: &'static str,
    spo: &'static str,
    update: &'static str,
    next_action: &'static str,
    friday: &'static str,
    owner: &'static str,
    tech: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            customer: "Contoso Ltd",
            blank: "a firewall",
            bad: "Customer is currently blocked due to some issues with cloud/data/legal. We will follow up. More to come.",
            good: "Customer will not deploy Exchange Online due to a firewall that drops Autodiscover traffic; the proxy vendor has no fix before Q3.",
            in_progress: "Pilot with 50 users started; the rollout to all 2,000 users is planned for January.",
            describe: "Retail, 20K users, recent media attention",
            relationship: "Engaged with the account team; weekly syncs with the partner.",
            exo: "Planning, updating firewall rules.",
            spo: "Pilot with 200 users; data migration is a concern.",
            update: "Kickoff held with the customer's IT team; the migration workshop is agreed.",
            next_action: "Run the migration workshop",
            friday: "friday",
            owner: "Dana (FM)",
            tech: "Enrolment profiles tested with 20 devices.",
        },
        Lang::De => Words {
            customer: "Müller GmbH",
            blank: "eine Firewall",
            bad: "Der Kunde ist aktuell blockiert wegen einiger Probleme mit Cloud/Daten/Recht. Wir melden uns. Mehr folgt.",
            good: "Der Kunde wird Exchange Online nicht bereitstellen, weil eine Firewall den Autodiscover-Verkehr blockiert; der Proxy-Hersteller liefert vor Q3 keine Lösung.",
            in_progress: "Pilot mit 50 Benutzern gestartet; der Rollout an alle 2.000 Benutzer ist für Januar geplant.",
            describe: "Einzelhandel, 20.000 Benutzer, aktuell in den Medien",
            relationship: "Enger Austausch mit dem Account-Team; wöchentliche Termine mit dem Partner.",
            exo: "Planung, Firewall-Regeln werden angepasst.",
            spo: "Pilot mit 200 Benutzern; die Datenmigration ist ein Risiko.",
            update: "Kickoff mit dem IT-Team des Kunden; der Migrations-Workshop ist vereinbart.",
            next_action: "Migrations-Workshop durchführen",
            friday: "Freitag",
            owner: "Dana (FM)",
            tech: "Registrierungsprofile mit 20 Geräten getestet.",
        },
        Lang::Ja => Words {
            customer: "株式会社テスト",
            blank: "プロキシのファイアウォール",
            bad: "顧客は現在、クラウド/データ/法務の問題でブロックされています。後で連絡します。続報あり。",
            good: "Autodiscover の通信をファイアウォールが遮断するため、顧客は Exchange Online を展開しません。プロキシのベンダーは Q3 まで修正を出しません。",
            in_progress: "50 ユーザーで試験運用を開始しました。全 2,000 ユーザーへの展開は 1 月の予定です。",
            describe: "小売業、従業員 2 万人、最近報道で注目されている",
            relationship: "アカウント チームと連携し、パートナーと毎週定例を実施。",
            exo: "計画中、ファイアウォールのルールを更新中。",
            spo: "200 ユーザーで試験運用中。データ移行が懸念事項。",
            update: "お客様の IT チームとキックオフを実施し、移行ワークショップに合意しました。",
            next_action: "移行ワークショップを実施する",
            friday: "金曜日",
            owner: "佐藤 (FM)",
            tech: "20 台のデバイスで登録プロファイルをテストしました。",
        },
        Lang::Zh => Words {
            customer: "测试有限公司",
            blank: "代理防火墙",
            bad: "客户目前因为云/数据/法律方面的一些问题而受阻。我们会跟进。更多内容待定。",
            good: "由于防火墙阻止 Autodiscover 流量，客户不会部署 Exchange Online；代理供应商在第三季度之前不会提供修复。",
            in_progress: "已启动 50 名用户的试点；计划在一月向全部 2,000 名用户推出。",
            describe: "零售企业，2 万名用户，近期受到媒体关注",
            relationship: "与客户团队保持联系；每周与合作伙伴同步。",
            exo: "规划中，正在更新防火墙规则。",
            spo: "200 名用户试点；数据迁移令人担忧。",
            update: "已与客户 IT 团队举行启动会；迁移研讨会已商定。",
            next_action: "举办迁移研讨会",
            friday: "周五",
            owner: "王 (FM)",
            tech: "已用 20 台设备测试注册配置文件。",
        },
    }
}

fn lang_env(lang: Lang) -> ftnote::tui::Env {
    env(lang)
}

fn prefilled(lang: Lang, kind: &str, workload: Option<&str>, status: Option<&str>) -> App {
    let w = words(lang);
    let prefill = Prefill {
        workload: workload.map(str::to_string),
        status: status.map(str::to_string),
        lang: Some(lang),
        ..new_note(kind, w.customer)
    };
    app_with(lang_env(lang), prefill).0
}

fn exec_summary(lang: Lang) -> App {
    let w = words(lang);
    let mut app = prefilled(lang, "exec-summary", None, None);
    type_str(&mut app, w.describe);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter); // Fully Engaged
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter); // Partially Deployed
    type_str(&mut app, w.relationship);
    press(&mut app, KeyCode::Tab);
    for (filter, text) in [("exo", w.exo), ("spo", w.spo), ("od", "")] {
        type_str(&mut app, filter);
        press(&mut app, KeyCode::Enter);
        type_str(&mut app, text);
        if !text.is_empty() {
            press(&mut app, KeyCode::Enter);
        }
    }
    app
}

fn call(lang: Lang, workloads: &[&str]) -> App {
    let w = words(lang);
    let start = CallStart {
        customer: Some(w.customer.into()),
        workloads: workloads.iter().map(|w| (*w).to_string()).collect(),
        lang: Some(lang),
    };
    let mut app = App::for_call(lang_env(lang), &start, Box::new(Recorder::default()));
    app.settle();
    app
}

/// A call with every kind of row: written and good, two notes pasted from
/// one another, one with nothing in it yet.
fn call_overview(lang: Lang) -> App {
    let w = words(lang);
    let mut app = call(lang, &["EXO", "SPO", "TEAMS"]);
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, w.update);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, w.next_action);
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, "2026-12-04");
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, w.owner);
    ctrl(&mut app, 's');
    for _ in 0..2 {
        ctrl(&mut app, 'n');
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Enter); // Blocked
        type_str(&mut app, w.good);
    }
    press(&mut app, KeyCode::Esc);
    app
}

/// Every screen a new user meets, named.
fn walk(lang: Lang) -> Vec<(&'static str, App)> {
    let w = words(lang);
    let mut out = Vec::new();
    let first_run = app_with(lang_env(lang), Prefill::default()).0;
    out.push(("start", first_run));

    let mut app = app_with(lang_env(lang), Prefill::default()).0;
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter); // FastTrack Architect
    type_str(&mut app, "Fab");
    press(&mut app, KeyCode::Down);
    out.push(("start_architect", app));

    let mut e = lang_env(lang);
    e.drafts = vec![ftnote::tui::app::DraftInfo {
        id: "20261120-101500-1a2b3c".into(),
        label: format!("{} · Overall status · 2026-11-20 10:15", w.customer),
    }];
    out.push(("start_drafts", app_with(e, Prefill::default()).0));

    out.push((
        "entitlement_workload",
        prefilled(lang, "entitlement", None, None),
    ));
    out.push((
        "entitlement_status",
        prefilled(lang, "entitlement", Some("EXO"), None),
    ));
    out.push((
        "entitlement_sentences",
        prefilled(lang, "entitlement", Some("EXO"), Some("blocked")),
    ));

    let mut app = prefilled(lang, "entitlement", Some("EXO"), Some("blocked"));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, w.blank);
    press(&mut app, KeyCode::Tab);
    out.push(("entitlement_fill", app));

    let mut app = prefilled(lang, "entitlement", Some("EXO"), Some("blocked"));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    out.push(("entitlement_fill_last", app));

    let mut app = prefilled(lang, "entitlement", Some("EXO"), Some("blocked"));
    type_str(&mut app, w.bad);
    press(&mut app, KeyCode::F(8));
    out.push(("entitlement_findings", app));

    let mut app = prefilled(lang, "entitlement", Some("EXO"), Some("blocked"));
    type_str(&mut app, w.good);
    out.push(("entitlement_good", app));

    out.push(("exec_workloads", exec_summary(lang)));
    let mut app = exec_summary(lang);
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, "int");
    out.push(("exec_adding", app));

    let mut app = prefilled(lang, "status", None, None);
    type_str(&mut app, w.update);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, w.next_action);
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, w.friday);
    out.push(("status_date", app));

    let mut app = prefilled(lang, "tech-enablement", Some("INTUNE"), None);
    type_str(&mut app, w.tech);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char(' '));
    out.push(("tech_tags", app));

    let mut app = prefilled(lang, "entitlement", Some("EXO"), Some("blocked"));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::F(1));
    out.push(("help", app));

    let mut app = prefilled(lang, "entitlement", Some("EXO"), Some("in-progress"));
    type_str(&mut app, w.in_progress);
    ctrl(&mut app, 'q');
    out.push(("quit", app));

    let mut app = prefilled(lang, "entitlement", Some("EXO"), Some("in-progress"));
    type_str(&mut app, w.in_progress);
    ctrl(&mut app, 's');
    out.push(("written", app));

    let mut app = call(lang, &[]);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char(' '));
    out.push(("call_setup", app));

    out.push(("call_overview", call_overview(lang)));

    let mut app = call_overview(lang);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    out.push(("call_note", app));

    let mut app = call_overview(lang);
    press(&mut app, KeyCode::F(1));
    out.push(("call_help", app));

    let mut app = call_overview(lang);
    ctrl(&mut app, 'q');
    out.push(("call_quit", app));

    let mut app = call_overview(lang);
    press(&mut app, KeyCode::Esc);
    out.push(("call_start", app));
    out
}

/// Snapshots every screen of `lang` at both sizes; every row is exactly
/// as wide as the terminal, wide characters included.
fn snap_walk(lang: Lang) {
    for (name, app) in walk(lang) {
        // Esc leads out of every screen but the start screen: the footer says so.
        // (A question or the help names its own way out.)
        let leads_out =
            !matches!(app.screen, ftnote::tui::app::Screen::Start(_)) && app.overlay.is_none();
        for (w, h) in SIZES {
            let s = screen(&app, w, h);
            let keys = s.lines().last().unwrap_or_default();
            assert!(
                !leads_out || keys.contains("Esc "),
                "{} {name} {w}x{h}: the footer does not name Esc: {keys}",
                lang.code()
            );
            for line in s.lines().filter(|l| l.starts_with('"')) {
                // TestBackend notes the cells hidden behind wide characters after the row.
                let row = line.split("\" Hidden by").next().unwrap_or(line);
                let inner = row.trim_matches('"');
                assert_eq!(
                    unicode_width::UnicodeWidthStr::width(inner),
                    usize::from(w),
                    "{name} {w}x{h}: {inner}"
                );
            }
            insta::assert_snapshot!(format!("{}_{name}_{w}x{h}", lang.code()), s);
        }
    }
}

#[test]
fn english_screens() {
    snap_walk(Lang::En);
}

#[test]
fn german_screens() {
    snap_walk(Lang::De);
}

#[test]
fn japanese_screens() {
    snap_walk(Lang::Ja);
}

#[test]
fn chinese_screens() {
    snap_walk(Lang::Zh);
}

#[test]
fn too_small() {
    let app = app_with(env(Lang::En), Prefill::default()).0;
    insta::assert_snapshot!("too_small", screen(&app, 50, 12));
}

fn entitlement(status: &str) -> App {
    prefilled(Lang::En, "entitlement", Some("EXO"), Some(status))
}

#[test]
fn the_blank_being_filled_shows_its_input_line_at_80x24() {
    let mut app = entitlement("blocked");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    for at in 0..3 {
        let mut t = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
        t.draw(|f| view::draw(f, &app)).expect("drawn");
        let buf = t.backend().buffer().clone();
        let text =
            |y: u16| -> String { (0..80).map(|x| buf[(x, y)].symbol().to_string()).collect() };
        let name = ["primary issue", "technical details", "specific limitations"][at];
        let y = (0..24)
            .find(|&y| text(y).contains(&format!("▸ {name}")))
            .unwrap_or_else(|| panic!("the blank {name} shows:\n{}", screen(&app, 80, 24)));
        let x = u16::try_from(text(y).find(name).expect("label")).expect("a column");
        // Right of the label, the input line: underlined, with the cursor on it.
        let underlined = (x + 24..x + 40).all(|x| {
            buf[(x, y)]
                .modifier
                .contains(ratatui::style::Modifier::UNDERLINED)
        });
        assert!(underlined, "{name}: no input line");
        t.draw(|f| view::draw(f, &app)).expect("drawn");
        let cursor = t.get_cursor_position().expect("a cursor");
        assert_eq!(cursor.y, y, "the cursor is on {name}'s line");
        press(&mut app, KeyCode::Tab);
    }
}

#[test]
fn cut_help_texts_end_in_an_ellipsis_and_f1_shows_them_whole() {
    let mut app = entitlement("blocked");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    let help_row = s
        .lines()
        .find(|l| l.contains("At most two sentences"))
        .expect("the help shows");
    assert!(help_row.contains('…'), "{help_row}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::F(1));
    let s = screen(&app, 80, 24);
    assert!(s.contains("avoid"), "{s}");
    assert!(s.contains("currently, at this time, so far."), "{s}");
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
    for app in [
        app_with(env(Lang::En), Prefill::default()).0,
        entitlement("blocked"),
        exec_summary(Lang::En),
        call_overview(Lang::En),
    ] {
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
