//! `ftnote lsp` driven by a scripted client over pipes, as an editor would.

mod lsp_client;

use lsp_client::{Client, codes, range, span, utf16_pos};
use serde_json::{Value, json};
use std::time::Duration;

const URI: &str = "file:///notes/draft.txt";

fn started() -> Client {
    let mut c = Client::start();
    c.initialize(json!({}), json!({}));
    c
}

fn find<'a>(diags: &'a [Value], code: &str) -> &'a Value {
    diags
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {diags:#?}"))
}

#[test]
fn initialize_offers_incremental_sync_in_utf16_hover_and_code_actions() {
    let mut c = Client::start();
    let r = c.initialize(json!({}), json!({}));
    let caps = &r["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["hoverProvider"], true);
    let kinds = caps["codeActionProvider"]["codeActionKinds"].to_string();
    assert!(
        kinds.contains("quickfix") && kinds.contains("source.fixAll.ftnote"),
        "{kinds}"
    );
    assert_eq!(r["serverInfo"]["name"], "ftnote");
    assert!(c.shutdown().success(), "shutdown then exit ends with 0");
}

#[test]
fn diagnostics_on_open_skip_the_header_and_carry_rule_severity_and_source() {
    let mut c = started();
    let text = "ftnote: kind=entitlement status=blocked workload=EXO lang=en\nCustomer will not deploy Exchange Online at this time.";
    c.open(URI, 1, text);
    let diags = c.diagnostics(URI, 1);
    assert_eq!(codes(&diags), ["no-reason", "vague-time"]);
    let no_reason = find(&diags, "no-reason");
    assert_eq!(no_reason["severity"], 1, "error");
    assert_eq!(no_reason["source"], "ftnote");
    assert!(
        no_reason["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Say why")),
        "{no_reason}"
    );
    let vague = find(&diags, "vague-time");
    assert_eq!(vague["severity"], 2, "warning");
    // "at this time" on the second line: the header is not part of the note.
    let at = text.find("at this time").expect("phrase");
    let start = utf16_pos(text, at);
    let end = utf16_pos(text, at + "at this time".len());
    assert_eq!(
        span(vague),
        (
            (u64::from(start.0), u64::from(start.1)),
            (u64::from(end.0), u64::from(end.1))
        )
    );
    assert_eq!(start.0, 1);
    c.shutdown();
}

#[test]
fn the_header_decides_what_the_text_alone_would_not() {
    let mut c = started();
    // Without a header, "will not deploy" reads as No Intent or Blocked by
    // inference; the header makes it an In Progress note, where a vague
    // time word is only a hint.
    let text = "ftnote: status=in-progress\nCustomer is currently deploying Exchange Online to 2,000 mailboxes with the partner.";
    c.open(URI, 1, text);
    let diags = c.diagnostics(URI, 1);
    let vague = find(&diags, "vague-time");
    assert_eq!(
        vague["severity"], 4,
        "a hint in an In Progress note: {diags:#?}"
    );
    // A header value ftnote does not know is named, on the value.
    c.change(URI, 2, (0, 8), (0, 26), "status=stalled");
    let diags = c.diagnostics(URI, 2);
    let header = find(&diags, "header");
    assert!(
        header["message"]
            .as_str()
            .is_some_and(|m| m.contains("unknown status \"stalled\"")),
        "{header}"
    );
    assert_eq!(span(header), ((0, 15), (0, 22)));
    c.shutdown();
}

#[test]
fn cjk_and_emoji_edits_keep_positions_in_utf16_units() {
    let mut c = started();
    let mut text = String::from("顧客は現在 Exchange Online を展開しません。");
    c.open(URI, 1, &text);
    let diags = c.diagnostics(URI, 1);
    let vague = find(&diags, "vague-time");
    assert_eq!(span(vague), ((0, 3), (0, 5)), "現在 after three Han/kana");

    // Insert an emoji (two UTF-16 units) and Han text at the start.
    let insert = "😀株式会社";
    c.change(URI, 2, (0, 0), (0, 0), insert);
    text.insert_str(0, insert);
    let diags = c.diagnostics(URI, 2);
    let vague = find(&diags, "vague-time");
    assert_eq!(span(vague), ((0, 9), (0, 11)), "2 + 4 units more");

    // Damaged text after the emoji, then a placeholder on a new line: the
    // ranges count UTF-16 units, not bytes or characters.
    let at = utf16_pos(&text, text.find("Exchange").expect("Exchange"));
    c.change(URI, 3, at, at, "â€“ ");
    text.insert_str(text.find("Exchange").expect("Exchange"), "â€“ ");
    let end = utf16_pos(&text, text.len());
    c.change(URI, 4, end, end, "\n理由は[primary issue]です🙂。");
    text.push_str("\n理由は[primary issue]です🙂。");
    let diags = c.diagnostics(URI, 4);
    let moji = find(&diags, "mojibake");
    let m0 = text.find("â€“").expect("mojibake");
    let (a, b) = (utf16_pos(&text, m0), utf16_pos(&text, m0 + "â€“".len()));
    assert_eq!(
        span(moji),
        (
            (u64::from(a.0), u64::from(a.1)),
            (u64::from(b.0), u64::from(b.1))
        )
    );
    let ph = find(&diags, "placeholder");
    assert_eq!(span(ph), ((1, 3), (1, 18)));

    // A replacement across the line break, in units.
    c.change(URI, 5, (0, end.1 - 1), (1, 3), "。原因は");
    let diags = c.diagnostics(URI, 5);
    let ph = find(&diags, "placeholder");
    assert_eq!(span(ph).0.0, 0, "one line now: {diags:#?}");
    c.shutdown();
}

#[test]
fn hover_gives_the_guidance_and_the_first_line_says_what_decided() {
    let mut c = Client::start();
    c.initialize(json!({}), json!({"ftnote": {"workload": "SPO"}}));
    let uri = "file:///notes/2026-11-21_Contoso-Ltd_entitlement_EXO.txt";
    let text = "ftnote: lang=en\nCustomer will not deploy Exchange Online at this time.";
    c.open(uri, 1, text);
    c.diagnostics(uri, 1);
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 45}}),
    );
    let v = h["contents"]["value"].as_str().expect("markdown");
    assert!(v.contains("`vague-time`"), "{v}");
    assert!(
        v.contains("Use unambiguous wording"),
        "the rule's guidance: {v}"
    );
    assert_eq!(h["range"], range((1, 41), (1, 53)));

    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 3}}),
    );
    let v = h["contents"]["value"].as_str().expect("markdown");
    for want in [
        "**bad**",
        "Kind: `entitlement` — from the file name",
        "Status: `blocked` — inferred from the text",
        "Language: `en` — from the first line",
        "Workload: `EXO` — from the file name",
        "Customer: `Contoso-Ltd` — from the file name",
        "is not part of the note",
    ] {
        assert!(v.contains(want), "{want:?} in {v}");
    }
    // Past the end of the text: nothing to say.
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 5, "character": 0}}),
    );
    assert!(h.is_null(), "{h}");
    c.shutdown();
}

#[test]
fn code_actions_fix_one_finding_or_all_safe_fixes() {
    let mut c = started();
    let text = "ftnote: kind=entitlement status=blocked\nThe firewall drops Autodiscover â€“ the proxy vendor has no fix â€“ so mailboxes cannot move.";
    c.open(URI, 1, text);
    let diags = c.diagnostics(URI, 1);
    let moji: Vec<&Value> = diags.iter().filter(|d| d["code"] == "mojibake").collect();
    assert_eq!(moji.len(), 2, "{diags:#?}");
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": moji[0]["range"], "context": {"diagnostics": [moji[0]]}}),
    );
    let actions = actions.as_array().expect("actions");
    let titles: Vec<&str> = actions.iter().filter_map(|a| a["title"].as_str()).collect();
    assert!(titles.contains(&"Apply all safe fixes (2)"), "{titles:?}");
    let one = actions
        .iter()
        .find(|a| a["isPreferred"] == true)
        .unwrap_or_else(|| panic!("a preferred quick fix in {titles:?}"));
    assert_eq!(one["kind"], "quickfix");
    assert_eq!(one["diagnostics"][0]["code"], "mojibake");
    let change = &one["edit"]["documentChanges"][0];
    assert_eq!(change["textDocument"]["version"], 1);
    assert_eq!(change["edits"].as_array().map(Vec::len), Some(1));
    assert_eq!(change["edits"][0]["newText"], "–");
    assert_eq!(change["edits"][0]["range"], moji[0]["range"]);

    // Applying "all safe fixes" as an editor would leaves no damaged text.
    let all = actions
        .iter()
        .find(|a| a["title"] == "Apply all safe fixes (2)")
        .expect("fix all");
    assert_eq!(all["kind"], "quickfix", "offered among the quick fixes");
    let edits = all["edit"]["documentChanges"][0]["edits"]
        .as_array()
        .expect("edits")
        .clone();
    assert_eq!(edits.len(), 2);
    // Editors apply edits from the end so earlier ranges stay put.
    for (v, e) in edits.iter().rev().enumerate() {
        let v = 2 + i64::try_from(v).expect("small");
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": v},
                   "contentChanges": [{"range": e["range"], "text": e["newText"]}]}),
        );
    }
    let diags = c.diagnostics(URI, 3);
    assert!(
        !codes(&diags).contains(&"mojibake".to_string()),
        "{diags:#?}"
    );

    // Asked only for source actions, "apply all" comes as source.fixAll.
    c.change(URI, 4, (1, 0), (1, 0), "â€“ ");
    c.diagnostics(URI, 4);
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": range((0, 0), (0, 0)),
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let actions = actions.as_array().expect("actions");
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.ftnote");
    c.shutdown();
}

#[test]
fn editor_settings_apply_and_change_without_a_restart() {
    let mut c = Client::start();
    c.settings = json!({"kind": "status", "rules": {"placeholder": "warning"}});
    c.initialize(json!({"workspace": {"configuration": true}}), Value::Null);
    c.open(URI, 1, "Customer wants [primary issue] fixed.");
    let diags = c.diagnostics(URI, 1);
    assert!(c.config_requests >= 1, "the server asked for its settings");
    let ph = find(&diags, "placeholder");
    assert_eq!(ph["severity"], 2, "made a warning by the settings");
    assert!(
        codes(&diags).contains(&"next-action-missing".to_string()),
        "a status note, as the settings say: {diags:#?}"
    );
    // The editor's settings change: the server asks again and re-checks.
    c.settings =
        json!({"kind": "entitlement", "status": "blocked", "rules": {"placeholder": "off"}});
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    let d = c.wait_for("diagnostics without the placeholder", |n| {
        n["method"] == "textDocument/publishDiagnostics"
            && !n["params"]["diagnostics"]
                .to_string()
                .contains("placeholder")
    });
    let diags = d["params"]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        !codes(&diags).contains(&"next-action-missing".to_string()),
        "{diags:#?}"
    );
    // Settings that are not understood are named.
    c.settings = json!({"status": "stalled"});
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    let m = c.wait_for("a message", |n| n["method"] == "window/showMessage");
    assert!(
        m["params"]["message"]
            .as_str()
            .is_some_and(|s| s.contains("ftnote.status: unknown status \"stalled\"")),
        "{m}"
    );
    c.shutdown();
}

#[test]
fn config_toml_changes_apply_without_a_restart() {
    let mut c = Client::start_with_config("[rules]\nmojibake = \"error\"\n");
    c.initialize(json!({}), json!({}));
    c.open(
        URI,
        1,
        "The firewall drops Autodiscover â€“ the proxy vendor has no fix.",
    );
    let diags = c.diagnostics(URI, 1);
    assert_eq!(
        find(&diags, "mojibake")["severity"],
        1,
        "config.toml made it an error"
    );
    std::fs::write(c.config_file(), "[rules]\nmojibake = \"off\"\n").expect("write");
    c.wait_for("diagnostics without mojibake", |n| {
        n["method"] == "textDocument/publishDiagnostics"
            && n["params"]["uri"] == URI
            && !n["params"]["diagnostics"].to_string().contains("mojibake")
    });
    // A broken config.toml is named (file, line, key), the last good one kept.
    std::fs::write(c.config_file(), "[rules]\nmojibake = \"loud\"\n").expect("write");
    let m = c.wait_for("a message", |n| n["method"] == "window/showMessage");
    let msg = m["params"]["message"].as_str().unwrap_or("");
    assert!(
        msg.contains("config.toml:2") && msg.contains("rules.mojibake"),
        "{msg}"
    );
    c.change(URI, 2, (0, 0), (0, 0), "Sadly ");
    let diags = c.diagnostics(URI, 2);
    assert!(
        !codes(&diags).contains(&"mojibake".to_string()),
        "{diags:#?}"
    );
    c.shutdown();
}

#[test]
fn the_same_note_open_for_two_workloads_is_flagged_until_one_closes() {
    let mut c = started();
    let a = "file:///notes/2026-11-21_Contoso_entitlement_EXO.txt";
    let b = "file:///notes/2026-11-21_Contoso_entitlement_SPO.txt";
    let other = "file:///notes/2026-11-21_Fabrikam_entitlement_SPO.txt";
    let text = "Customer will not deploy because the legal department has not approved storing data in the EU datacenter.";
    c.open(a, 1, text);
    assert!(!codes(&c.diagnostics(a, 1)).contains(&"copy-pasted".to_string()));
    c.open(other, 1, text);
    c.diagnostics(other, 1);
    c.open(b, 1, text);
    let diags = c.diagnostics(b, 1);
    assert!(
        codes(&diags).contains(&"copy-pasted".to_string()),
        "{diags:#?}"
    );
    let again = c.diagnostics(a, 1);
    assert!(
        codes(&again).contains(&"copy-pasted".to_string()),
        "a is told too"
    );
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": b}}));
    let cleared = c.wait_for("b cleared", |n| {
        n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == b
    });
    assert_eq!(cleared["params"]["diagnostics"], json!([]));
    let after = c.diagnostics(a, 1);
    assert!(
        !codes(&after).contains(&"copy-pasted".to_string()),
        "{after:#?}"
    );
    c.gather(Duration::from_millis(300));
    assert!(
        !c.notifications.iter().any(|n| n["params"]["uri"] == other
            && n["params"]["diagnostics"]
                .to_string()
                .contains("copy-pasted")),
        "another customer's note is not a copy"
    );
    c.shutdown();
}

#[test]
fn fast_typing_publishes_only_what_the_latest_text_gets() {
    let mut c = started();
    c.open(URI, 1, "");
    c.diagnostics(URI, 1);
    let text = "Customer will not deploy at this time.";
    for (i, ch) in text.chars().enumerate() {
        let i = u32::try_from(i).expect("small");
        c.change(URI, i64::from(i) + 2, (0, i), (0, i), &ch.to_string());
    }
    let last = i64::try_from(text.chars().count()).expect("small") + 1;
    // Whatever is published on the way comes in order, and the last
    // publication is of the last version, with that text's findings.
    let mut versions = Vec::new();
    let diags = loop {
        let n = c.wait_for("diagnostics", |n| {
            n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == URI
        });
        let v = n["params"]["version"].as_i64().expect("a version");
        versions.push(v);
        if v == last {
            break n["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default();
        }
    };
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
    assert_eq!(codes(&diags), ["no-reason", "vague-time"], "{diags:#?}");
    c.gather(Duration::from_millis(400));
    let after: Vec<&Value> = c
        .notifications
        .iter()
        .filter(|n| n["method"] == "textDocument/publishDiagnostics")
        .collect();
    assert!(
        after.is_empty(),
        "nothing after the last version: {after:#?}"
    );
    c.shutdown();
}

#[test]
fn unknown_requests_get_an_error_and_exit_without_shutdown_is_not_clean() {
    let mut c = started();
    let r = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": URI}, "options": {}}),
    );
    assert_eq!(r["error"]["code"], -32601, "{r}");
    let r = c.request("textDocument/hover", json!({"nope": 1}));
    assert_eq!(r["error"]["code"], -32602, "{r}");
    // Hover on a document that is not open: nothing.
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///x.txt"}, "position": {"line": 0, "character": 0}}),
    );
    assert!(r.is_null(), "{r}");
    c.notify("exit", Value::Null);
    let status = c.wait();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn an_editor_that_goes_away_ends_the_server() {
    let mut c = started();
    c.open(URI, 1, "Customer is not interested.");
    c.diagnostics(URI, 1);
    let status = c.wait();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn with_notes_only_other_files_are_left_alone() {
    let mut c = Client::start();
    c.initialize(json!({}), json!({"notesOnly": true}));
    let readme = "file:///src/README.txt";
    let named = "file:///tmp/2026-11-21_Contoso_status.txt";
    let draft = "file:///tmp/draft.txt";
    let text = "Customer is not interested.";
    c.open(readme, 1, text);
    c.open(named, 1, text);
    c.open(draft, 1, &format!("ftnote: kind=entitlement\n{text}"));
    assert!(!c.diagnostics(named, 1).is_empty(), "a note's file name");
    assert!(
        !c.diagnostics(draft, 1).is_empty(),
        "the ftnote: first line"
    );
    // Taking the header out makes it a file like any other: cleared.
    c.change(draft, 2, (0, 0), (1, 0), "");
    assert!(c.diagnostics(draft, 2).is_empty());
    c.gather(Duration::from_millis(400));
    assert!(
        !c.notifications.iter().any(|n| n["params"]["uri"] == readme),
        "nothing for other files: {:#?}",
        c.notifications
    );
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": readme}, "position": {"line": 0, "character": 0}}),
    );
    assert!(h.is_null(), "{h}");
    c.shutdown();
}

#[test]
fn an_inlay_hint_shows_the_grade_at_the_end_of_the_first_line() {
    let mut c = started();
    let text = "ftnote: kind=entitlement status=blocked\nCustomer is not interested.";
    c.open(URI, 1, text);
    c.diagnostics(URI, 1);
    let hints = c.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": URI}, "range": range((0, 0), (1, 0))}),
    );
    assert_eq!(hints[0]["label"], "✗ bad", "{hints}");
    assert_eq!(hints[0]["position"], json!({"line": 0, "character": 39}));
    // Mended, the grade follows the text.
    c.change(
        URI,
        2,
        (1, 0),
        (1, 27),
        "Customer will not deploy because the legal department has not approved storing data in the EU datacenter.",
    );
    c.diagnostics(URI, 2);
    let hints = c.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": URI}, "range": range((0, 0), (1, 0))}),
    );
    assert_eq!(hints[0]["label"], "✓ good", "{hints}");
    c.shutdown();
}
