//! The checker never panics and always points inside the text, whatever it
//! is given.

use chrono::NaiveDate;
use ftnote::check::{Checker, Input};
use ftnote::lang::Lang;
use proptest::prelude::*;
use std::sync::OnceLock;

fn checker() -> &'static Checker {
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(Checker::builtin)
}

fn kinds() -> impl Strategy<Value = Option<&'static str>> {
    prop::sample::select(vec![
        None,
        Some("entitlement"),
        Some("exec-summary"),
        Some("status"),
        Some("tech-enablement"),
    ])
}

fn statuses() -> impl Strategy<Value = Option<&'static str>> {
    prop::sample::select(vec![
        None,
        Some("in-progress"),
        Some("blocked"),
        Some("no-intent"),
        Some("unknown"),
        Some("duplicate-invalid"),
    ])
}

fn langs() -> impl Strategy<Value = Option<Lang>> {
    prop::sample::select(vec![
        None,
        Some(Lang::En),
        Some(Lang::De),
        Some(Lang::Ja),
        Some(Lang::Zh),
    ])
}

/// Text built from pieces the rules look for, so the rules actually run.
fn notey() -> impl Strategy<Value = String> {
    let pieces = vec![
        "Customer",
        "will not deploy",
        "because",
        "due to",
        "the proxy",
        "currently",
        "until",
        "[primary issue]",
        "cloud/data/legal",
        "Usage 0.0%",
        "L1 =",
        "3 contact attempts",
        "Managed account.",
        "Duplicate of",
        "contoso.onmicrosoft.com",
        "#covid",
        "paused",
        "Next Action:",
        "Date:",
        "Owner:",
        "2026-12-03",
        "tomorrow",
        "EXEC SUMMARY",
        "- DESCRIBE THE CUSTOMER:",
        "   - [EXO] Exchange Online -",
        "â€“",
        "Ã¼",
        "e.g.",
        "z. B.",
        "。",
        "\n",
        ". ",
        ": ",
        "aufgrund",
        "Kunde",
        "zurzeit",
        "日本語",
        "客户",
        "é",
        "\u{0}",
        "\u{200d}",
        "👩‍💻",
    ];
    prop::collection::vec(prop::sample::select(pieces), 0..40).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,600}", kind in kinds(), status in statuses(), lang in langs()) {
        check_spans(&text, kind, status, lang);
    }

    #[test]
    fn note_like_text_never_panics(text in notey(), kind in kinds(), status in statuses(), lang in langs()) {
        check_spans(&text, kind, status, lang);
    }

    #[test]
    fn any_bytes_as_lossy_utf8(bytes in prop::collection::vec(any::<u8>(), 0..800), kind in kinds(), status in statuses()) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        check_spans(&text, kind, status, None);
    }
}

fn check_spans(text: &str, kind: Option<&str>, status: Option<&str>, lang: Option<Lang>) {
    let report = checker().check(&Input {
        text,
        kind,
        status,
        lang,
        as_of: NaiveDate::from_ymd_opt(2026, 11, 21).expect("date"),
    });
    for f in &report.findings {
        assert!(
            f.start <= f.end && f.end <= text.len(),
            "{f:?} in {} bytes",
            text.len()
        );
        assert!(
            text.is_char_boundary(f.start) && text.is_char_boundary(f.end),
            "{f:?}"
        );
        assert!(!f.message.is_empty());
    }
}

#[test]
fn very_long_text_is_fine() {
    let text =
        "Customer will not deploy because the proxy does not support TLS 1.2. ".repeat(20_000);
    check_spans(&text, None, None, None);
    check_spans(&"ä".repeat(100_000), Some("status"), None, None);
    check_spans(
        &"[".repeat(50_000),
        Some("entitlement"),
        Some("blocked"),
        None,
    );
}

#[test]
fn full_width_punctuation_is_one_character() {
    // Found by the property test: "：" is three bytes.
    for status in ["blocked", "no-intent", "duplicate-invalid"] {
        check_spans("：aಎA", Some("entitlement"), Some(status), None);
        check_spans(
            "原因：防火墙不支持 TLS 1.2 。",
            Some("entitlement"),
            Some(status),
            None,
        );
    }
}
