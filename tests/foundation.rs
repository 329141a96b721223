//! The foundation: templates load, the seed's Exec Summary renders byte for
//! byte, every rendered note parses back to itself, and broken files are
//! reported with file, line and key.

use ftnote::answers;
use ftnote::config::Config;
use ftnote::lang::Lang;
use ftnote::note::{Format, Note, Value, WorkloadLine};
use ftnote::render::{parse, render, render_separate};
use ftnote::template::{FieldKind, Source, Templates, parse_template};
use ftnote::workloads::Catalogue;
use proptest::prelude::*;
use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn load_answers(path: &str) -> Note {
    let templates = Templates::builtin();
    answers::read(
        path,
        &read(path),
        &templates,
        &Catalogue::builtin(),
        None,
        None,
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// The seed as it prints: its mojibake "â€“" read as "–", and the trailing
/// spaces at line ends (invisible on the page) dropped.
fn seed_as_printed() -> String {
    read("tests/fixtures/seed/exec-summary.en.md")
        .replace("â€“", "–")
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn fixture_is_the_seed_verbatim() {
    // When the guidance pages sit beside the repository, the fixture must be
    // an exact excerpt of the seed.
    let seed = Path::new("../shared/seeds/overall-status-notes.en.md");
    if let Ok(page) = std::fs::read_to_string(seed) {
        assert!(page.contains(&read("tests/fixtures/seed/exec-summary.en.md")));
    }
}

#[test]
fn seed_exec_summary_renders_byte_for_byte() {
    let templates = Templates::builtin();
    let note = load_answers("tests/fixtures/answers/exec-summary.seed.toml");
    let tpl = templates.get("exec-summary", Lang::En).expect("template");
    let md = render(&note, tpl, &Catalogue::builtin(), Format::Markdown);
    assert_eq!(md, seed_as_printed());
}

#[test]
fn seed_exec_summary_plain_text_has_the_template_shape() {
    let templates = Templates::builtin();
    let note = load_answers("tests/fixtures/answers/exec-summary.seed.toml");
    let tpl = templates.get("exec-summary", Lang::En).expect("template");
    let text = render(&note, tpl, &Catalogue::builtin(), Format::Text);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "EXEC SUMMARY");
    assert_eq!(lines[2], "- STATUS OF THE ENGAGEMENT: Fully Engaged");
    assert_eq!(lines[3], "- M365 DEPLOYMENT PROGRESS: Not Deployed");
    assert_eq!(
        lines[5],
        "- SNAPSHOT OF KEY WORKLOADS CURRENT STATUS AND NEXT ACTIONS:"
    );
    assert_eq!(
        lines[6],
        "   - [EXO] Exchange Online - Planning, updating firewall rules."
    );
    assert_eq!(
        lines[7],
        "   - [OLM] Outlook Mobile – Reviewing their mobile strategy."
    );
    assert_eq!(
        lines[10],
        "   - [OPP] Office ProPlus - Planning deployment. Currently testing on 10 users as a pilot group in IT."
    );
    assert!(lines[12].starts_with("- REQUESTS FOR SUPPORT: Cx could benefit"));
    assert_eq!(lines.len(), 13);
    assert!(
        !text.contains("Media attention"),
        "the Risks box stays out of the note"
    );
    assert_eq!(
        render_separate(&note, tpl, "risks").as_deref(),
        Some("Media attention: a failed cutover would be public.")
    );
}

#[test]
fn pasted_seed_parses_back_to_the_same_answers() {
    let templates = Templates::builtin();
    let cat = Catalogue::builtin();
    let mut expected = load_answers("tests/fixtures/answers/exec-summary.seed.toml");
    expected.customer = None;
    expected.values.remove("risks");
    let parsed = parse(&seed_as_printed(), &templates, &cat, None, None).expect("parse");
    assert_eq!(parsed.note, expected);
    assert_eq!(parsed.format, Format::Markdown);
    assert!(parsed.missing.is_empty(), "{:?}", parsed.missing);
    // And the plain-text rendering parses back too.
    let tpl = templates.get("exec-summary", Lang::En).expect("template");
    let text = render(&expected, tpl, &cat, Format::Text);
    let mut plain = parse(&text, &templates, &cat, None, None)
        .expect("parse")
        .note;
    plain.format = Some(Format::Markdown);
    assert_eq!(plain, expected);
}

/// A seed excerpt as it prints: trailing spaces at line ends dropped.
fn printed(path: &str) -> String {
    read(path)
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn translated_seed_fixtures_are_the_seeds_verbatim() {
    for lang in ["de", "ja", "zh"] {
        let seed = format!("../shared/seeds/overall-status-notes.{lang}.md");
        if let Ok(page) = std::fs::read_to_string(&seed) {
            let fixture = read(&format!("tests/fixtures/seed/exec-summary.{lang}.md"));
            assert!(page.contains(&fixture), "{lang}");
        }
    }
}

#[test]
fn every_seeds_exec_summary_renders_byte_for_byte_and_parses_back() {
    let templates = Templates::builtin();
    let cat = Catalogue::builtin();
    for (lang, code) in [(Lang::De, "de"), (Lang::Ja, "ja"), (Lang::Zh, "zh")] {
        let seed = printed(&format!("tests/fixtures/seed/exec-summary.{code}.md"));
        let note = load_answers(&format!(
            "tests/fixtures/answers/exec-summary.seed.{code}.toml"
        ));
        assert_eq!(note.lang, lang);
        let tpl = templates.get("exec-summary", lang).expect("template");
        assert_eq!(render(&note, tpl, &cat, Format::Markdown), seed, "{code}");
        // Pasted back, with neither kind nor language given.
        let mut expected = note.clone();
        expected.customer = None;
        expected.values.remove("risks");
        let parsed = parse(&seed, &templates, &cat, None, None).expect("parse");
        assert_eq!(parsed.note, expected, "{code}");
        assert_eq!(parsed.format, Format::Markdown, "{code}");
        assert!(parsed.missing.is_empty(), "{code}: {:?}", parsed.missing);
        // The plain-text rendering parses back too.
        let text = render(&expected, tpl, &cat, Format::Text);
        let mut plain = parse(&text, &templates, &cat, None, None)
            .expect("parse")
            .note;
        plain.format = Some(Format::Markdown);
        assert_eq!(plain, expected, "{code}");
    }
}

#[test]
fn seed_with_its_mojibake_still_round_trips() {
    let templates = Templates::builtin();
    let cat = Catalogue::builtin();
    let raw: String = read("tests/fixtures/seed/exec-summary.en.md")
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n");
    let parsed = parse(&raw, &templates, &cat, None, None).expect("parse");
    let tpl = templates.get("exec-summary", Lang::En).expect("template");
    assert_eq!(render(&parsed.note, tpl, &cat, Format::Markdown), raw);
    assert_eq!(
        parsed.note.workloads("workloads")[1].text,
        "Reviewing their mobile strategy."
    );
}

#[test]
fn every_answers_fixture_round_trips_in_text_and_markdown() {
    let templates = Templates::builtin();
    let cat = Catalogue::builtin();
    for path in [
        "tests/fixtures/answers/exec-summary.seed.toml",
        "tests/fixtures/answers/entitlement.toml",
        "tests/fixtures/answers/status.toml",
        "tests/fixtures/answers/tech-enablement.toml",
        "tests/fixtures/answers/exec-summary.seed.de.toml",
        "tests/fixtures/answers/exec-summary.seed.ja.toml",
        "tests/fixtures/answers/exec-summary.seed.zh.toml",
        "tests/fixtures/answers/status.ja.toml",
        "tests/fixtures/answers/tech-enablement.zh.toml",
    ] {
        let note = load_answers(path);
        let tpl = templates.get(&note.kind, note.lang).expect("template");
        for format in [Format::Text, Format::Markdown] {
            let x = render(&note, tpl, &cat, format);
            let back = parse(&x, &templates, &cat, None, None).expect("parse");
            assert_eq!(back.note.kind, note.kind, "{path} {format:?}: kind");
            assert_eq!(
                render(&back.note, tpl, &cat, format),
                x,
                "{path} {format:?}"
            );
        }
    }
}

#[test]
fn status_note_ends_with_next_action_date_owner() {
    let templates = Templates::builtin();
    let cat = Catalogue::builtin();
    for (path, first) in [
        (
            "tests/fixtures/answers/status.toml",
            "The customer has just received approval",
        ),
        (
            "tests/fixtures/answers/tech-enablement.toml",
            "Workload: [INTUNE] Intune",
        ),
    ] {
        let note = load_answers(path);
        let tpl = templates.get(&note.kind, note.lang).expect("template");
        let text = render(&note, tpl, &cat, Format::Text);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with(first), "{text}");
        let n = lines.len();
        assert!(lines[n - 3].starts_with("Next Action: "), "{text}");
        assert!(lines[n - 2].starts_with("Date: 2026-12-0"), "{text}");
        assert!(lines[n - 1].starts_with("Owner: "), "{text}");
    }
    let note = load_answers("tests/fixtures/answers/status.toml");
    let tpl = templates.get("status", Lang::En).expect("template");
    let text = render(&note, tpl, &cat, Format::Text);
    assert!(
        text.contains("network capacity.\n#covid\n\nNext Action:"),
        "{text}"
    );
}

#[test]
fn json_carries_text_fields_and_separate_parts() {
    let templates = Templates::builtin();
    let note = load_answers("tests/fixtures/answers/exec-summary.seed.toml");
    let tpl = templates.get("exec-summary", Lang::En).expect("template");
    let json = render(&note, tpl, &Catalogue::builtin(), Format::Json);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["kind"], "exec-summary");
    assert_eq!(v["fields"]["engagement"], "fully-engaged");
    assert_eq!(v["fields"]["workloads"][4]["name"], "Office ProPlus");
    assert_eq!(v["fields"]["workloads"][0]["name"], "Exchange Online");
    assert_eq!(
        v["separate"]["risks"],
        "Media attention: a failed cutover would be public."
    );
    assert!(
        v["text"]
            .as_str()
            .expect("text")
            .starts_with("EXEC SUMMARY\n")
    );
}

#[test]
fn every_builtin_template_loads_and_is_complete() {
    let files = Templates::builtin_files();
    assert!(files.len() >= 4);
    for (path, src) in files {
        let t = parse_template(path, src, Source::Builtin).unwrap_or_else(|e| panic!("{e}"));
        assert!(!t.fields.is_empty(), "{path}");
        // templates/<lang>/<id>.toml
        assert_eq!(
            *path,
            format!("templates/{}/{}.toml", t.lang, t.id),
            "{path}: its folder and name must be its lang and id"
        );
        assert!(
            t.fields
                .iter()
                .all(|f| !f.label.is_empty() && !f.help.is_empty()),
            "{path}: every field has a label and help"
        );
    }
    let templates = Templates::builtin();
    for lang in Lang::ALL {
        for kind in ["entitlement", "exec-summary", "status", "tech-enablement"] {
            let t = templates
                .get(kind, lang)
                .unwrap_or_else(|| panic!("{kind} in {lang}"));
            // Every language has the same fields and choice ids as English.
            let en = templates.get(kind, Lang::En).expect("en");
            let ids = |t: &ftnote::template::Template| -> Vec<String> {
                t.fields
                    .iter()
                    .map(|f| {
                        let choices: Vec<&str> = f.choices.iter().map(|c| c.id.as_str()).collect();
                        format!("{}:{:?}:{}", f.id, f.kind, choices.join(","))
                    })
                    .collect()
            };
            assert_eq!(ids(t), ids(en), "{kind} in {lang}");
        }
        let ent = templates.get("entitlement", lang).expect("entitlement");
        let status = ent.status_field().expect("status field");
        for (id, n) in [
            ("in-progress", 4),
            ("blocked", 3),
            ("no-intent", 3),
            ("unknown", 2),
            ("duplicate-invalid", 2),
        ] {
            assert!(status.choice(id).is_some(), "{id}");
            assert_eq!(ent.sentences_for(id).count(), n, "{id} in {lang}");
            // Each language's sentences have as many placeholders as English.
            let count = |t: &ftnote::template::Template| -> Vec<usize> {
                t.sentences_for(id)
                    .map(|s| ftnote::template::placeholder::find(&s.text).len())
                    .collect()
            };
            let en = templates.get("entitlement", Lang::En).expect("en");
            assert_eq!(count(ent), count(en), "{id} in {lang}");
        }
    }
    let kinds: Vec<FieldKind> = templates
        .all()
        .iter()
        .flat_map(|t| t.fields.iter().map(|f| f.kind))
        .collect();
    for k in [
        FieldKind::Choice,
        FieldKind::MultiChoice,
        FieldKind::Workloads,
        FieldKind::Line,
        FieldKind::Text,
        FieldKind::Date,
    ] {
        assert!(kinds.contains(&k), "{k:?} is used by some template");
    }
}

fn check_fixtures(dir: &str, load: impl Fn(&str, &str) -> Result<(), ftnote::Error>) {
    let mut n = 0;
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
    {
        let name = path.to_string_lossy().to_string();
        let expected = read(&name.replace(".toml", ".err"));
        let expected = expected.trim_end();
        let err = load(&name, &read(&name)).expect_err(&name).to_string();
        match expected.strip_prefix("PREFIX ") {
            Some(prefix) => assert!(
                err.starts_with(prefix),
                "{name}:\n got: {err}\nwant: {prefix}…"
            ),
            None => assert_eq!(err, expected, "{name}"),
        }
        n += 1;
    }
    assert!(n >= 4, "{dir} has fixtures");
}

#[test]
fn broken_templates_name_file_line_and_key() {
    check_fixtures("tests/fixtures/invalid/templates", |name, src| {
        parse_template(name, src, Source::Builtin).map(|_| ())
    });
}

#[test]
fn broken_configs_name_file_line_and_key() {
    check_fixtures("tests/fixtures/invalid/config", |name, src| {
        Config::parse(name, src).map(|_| ())
    });
}

#[test]
fn broken_answers_name_file_line_and_key() {
    let templates = Templates::builtin();
    let cat = Catalogue::builtin();
    check_fixtures("tests/fixtures/invalid/answers", |name, src| {
        answers::read(name, src, &templates, &cat, None, None).map(|_| ())
    });
}

#[test]
fn answers_written_by_parse_read_back_identically() {
    let templates = Templates::builtin();
    let cat = Catalogue::builtin();
    for path in [
        "tests/fixtures/answers/exec-summary.seed.toml",
        "tests/fixtures/answers/status.toml",
        "tests/fixtures/answers/tech-enablement.toml",
        "tests/fixtures/answers/entitlement.toml",
        "tests/fixtures/answers/exec-summary.seed.ja.toml",
        "tests/fixtures/answers/status.ja.toml",
        "tests/fixtures/answers/tech-enablement.zh.toml",
    ] {
        let note = load_answers(path);
        let written = answers::write(&note, &templates);
        let again =
            answers::read("written", &written, &templates, &cat, None, None).expect("read back");
        assert_eq!(again, note, "{path}:\n{written}");
    }
}

// Any note ftnote can render parses back to a note that renders the same.
fn line_text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9äöüß日本語中文のはをお客様展开部署。、，：！？ ,.;()'/%–-]{0,60}"
        .prop_map(|s| s.trim().to_string())
}

fn body_text() -> impl Strategy<Value = String> {
    prop::collection::vec(line_text(), 1..4).prop_map(|v| {
        v.into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    })
}

fn any_lang() -> impl Strategy<Value = Lang> {
    prop::sample::select(Lang::ALL.to_vec())
}

fn exec_note() -> impl Strategy<Value = Note> {
    let codes = Catalogue::builtin()
        .all()
        .iter()
        .map(|w| w.code.clone())
        .collect::<Vec<_>>();
    (
        line_text(),
        prop::sample::select(vec!["on-hold", "reactive", "fully-engaged", ""]),
        prop::sample::select(vec!["not-deployed", "partially-deployed", "fully-deployed"]),
        line_text(),
        prop::collection::vec((prop::sample::select(codes), line_text()), 0..6),
        line_text(),
        any_lang(),
    )
        .prop_map(|(d, e, dep, rel, ws, req, lang)| {
            let mut n = Note::new("exec-summary", lang);
            n.set_text("description", d);
            n.set_text("engagement", e);
            n.set_text("deployment", dep);
            n.set_text("relationship", rel);
            n.set_text("requests", req);
            n.values.insert(
                "workloads".into(),
                Value::Workloads(
                    ws.into_iter()
                        .map(|(code, text)| WorkloadLine {
                            code,
                            text,
                            ..WorkloadLine::default()
                        })
                        .collect(),
                ),
            );
            n
        })
}

fn status_note() -> impl Strategy<Value = Note> {
    (
        body_text(),
        any::<bool>(),
        line_text(),
        line_text(),
        line_text(),
        any_lang(),
    )
        .prop_map(|(u, covid, na, d, o, lang)| {
            let mut n = Note::new("status", lang);
            n.set_text("update", u);
            if covid {
                n.values
                    .insert("tags".into(), Value::Multi(vec!["covid".into()]));
            }
            n.set_text("next_action", na);
            n.set_text("date", d);
            n.set_text("owner", o);
            n
        })
}

/// Built-in templates and workloads, loaded once for the property tests.
fn builtins() -> &'static (Templates, Catalogue) {
    static B: std::sync::OnceLock<(Templates, Catalogue)> = std::sync::OnceLock::new();
    B.get_or_init(|| (Templates::builtin(), Catalogue::builtin()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn rendered_exec_summaries_round_trip(note in exec_note(), md in any::<bool>()) {
        let (templates, cat) = builtins();
        let tpl = templates.get("exec-summary", note.lang).expect("template");
        let format = if md { Format::Markdown } else { Format::Text };
        let x = render(&note, tpl, cat, format);
        let back = parse(&x, templates, cat, Some("exec-summary"), Some(note.lang)).expect("parse");
        prop_assert_eq!(render(&back.note, tpl, cat, format), x);
    }

    #[test]
    fn rendered_status_notes_round_trip(note in status_note(), md in any::<bool>()) {
        let (templates, cat) = builtins();
        let tpl = templates.get("status", note.lang).expect("template");
        let format = if md { Format::Markdown } else { Format::Text };
        let x = render(&note, tpl, cat, format);
        let back = parse(&x, templates, cat, Some("status"), Some(note.lang)).expect("parse");
        prop_assert_eq!(render(&back.note, tpl, cat, format), x);
    }

    #[test]
    fn parse_never_panics(text in "\\PC{0,400}") {
        let (templates, cat) = builtins();
        let p = parse(&text, templates, cat, None, None).expect("some kind");
        for span in p.spans.values().chain(p.item_spans.iter()) {
            prop_assert!(span.start <= span.end && span.end <= text.len());
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
    }
}

/// The workload list of each seed's template, as printed there.
#[test]
fn workload_names_are_worded_as_each_seed_words_them() {
    let cat = Catalogue::builtin();
    let seeds = [
        (
            Lang::En,
            "overall-status-notes.en.md",
            "### Template for Note Entries",
        ),
        (
            Lang::De,
            "overall-status-notes.de.md",
            "### Vorlage für Notizeneinträge",
        ),
        (
            Lang::Ja,
            "overall-status-notes.ja.md",
            "### メモ エントリのテンプレート",
        ),
        (Lang::Zh, "overall-status-notes.zh.md", "### 笔记条目模板"),
    ];
    for (lang, file, section) in seeds {
        let Ok(page) = std::fs::read_to_string(format!("../shared/seeds/{file}")) else {
            continue;
        };
        let from = page.find(section).expect("template section");
        let mut n = 0;
        for line in page[from..].lines().skip(1) {
            if line.starts_with("###") {
                break;
            }
            let Some(rest) = line.trim_start().strip_prefix("-  [") else {
                continue;
            };
            let (code, name) = rest.split_once(']').expect("code");
            let w = cat.by_code(code).expect("known code");
            assert_eq!(w.name_in(lang), name.trim(), "{lang} {code}");
            n += 1;
        }
        assert_eq!(n, 17, "{lang}");
    }
    // Without the seeds beside the repository: the names that differ by language.
    for (lang, code, name) in [
        (Lang::Ja, "CORE", "上記のワークロードに該当しない場合"),
        (Lang::Ja, "OPP", "Office 365 ProPlus"),
        (Lang::Zh, "OPP", "Office 365 专业增强版"),
        (Lang::Zh, "AIP", "Azure 信息保护"),
        (Lang::Zh, "IDSEC", "身份安全"),
        (Lang::Zh, "CORE", "适用于不适合上述工作负载的笔记"),
    ] {
        assert_eq!(cat.by_code(code).expect(code).name_in(lang), name);
    }
}
