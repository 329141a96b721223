//! The checker never panics and always points inside the text, whatever it
//! is given.

use chrono::NaiveDate;
use ftnote::check::lexicon::{Lexicon, fold};
use ftnote::check::text;
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

/// Japanese and Chinese pieces the rules look for, with the characters that
/// are easy to slice wrongly: full-width marks, half-width kana, iteration
/// marks, a four-byte Han character, the ideographic space.
fn cjk_notey() -> impl Strategy<Value = String> {
    let pieces = vec![
        "お客様は",
        "展開できません",
        "ため",
        "のため",
        "により",
        "の都合で",
        "特定の",
        "オンプレミス",
        "現時点では",
        "まで",
        "3 回の連絡の試み",
        "３回連絡",
        "管理対象",
        "応答なし",
        "重複",
        "テナント ID",
        "7c1e2a44-9b0d-4f6e-8a3b-2d5c9e1f0a77",
        "FastTrack の支援を断りました",
        "[主な問題]",
        "クラウド/データ/法的要件",
        "様々",
        "ｶﾀｶﾅ",
        "由于",
        "因此",
        "原因是",
        "原因",
        "客户",
        "目前",
        "无法部署",
        "联系 3 次",
        "托管",
        "云／数据／法律",
        "租户 ID",
        "等合并完成再说",
        "#covid",
        "一時停止",
        "暂停",
        "新冠",
        "次の行動：",
        "日付：",
        "所有者：",
        "下一行动: ",
        "日期: ",
        "负责人: ",
        "2026年12月3日",
        "１２月１５日",
        "来週金曜日",
        "下周五",
        "12月末",
        "エグゼクティブ概要",
        "- お客様の説明: ",
        "- エンゲージメントのステータス: 完全にエンゲージ済み",
        "执行摘要",
        "- 接洽状态: 全面接洽",
        "- 关键工作负载现状和后续行动简况：",
        "   -  [EXO] Exchange Online - ",
        "   - [OPP] Office 专业增强版 – ",
        "。",
        "、",
        "，",
        "；",
        "：",
        "！",
        "？",
        "｡",
        "「",
        "」",
        "（",
        "）",
        "\u{3000}",
        "\n",
        " ",
        "𠮷",
        "👩‍💻",
        "é",
    ];
    prop::collection::vec(prop::sample::select(pieces), 0..50).prop_map(|v| v.concat())
}

fn cjk_langs() -> impl Strategy<Value = Option<Lang>> {
    prop::sample::select(vec![None, Some(Lang::Ja), Some(Lang::Zh)])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn japanese_and_chinese_text_never_panics(text in cjk_notey(), kind in kinds(), status in statuses(), lang in cjk_langs()) {
        check_spans(&text, kind, status, lang);
    }

    #[test]
    fn arbitrary_cjk_text_never_panics(
        text in "[\\p{Han}\\p{Hiragana}\\p{Katakana}ー々。、！？：，；／（）「」\u{3000}0-9０-９a-zA-Z /:.\n\\[\\]-]{0,300}",
        kind in kinds(),
        status in statuses(),
        lang in cjk_langs(),
    ) {
        check_spans(&text, kind, status, lang);
    }

    #[test]
    fn cjk_sentences_and_parts_stay_on_char_boundaries(text in cjk_notey(), lang in prop::sample::select(Lang::ALL.to_vec())) {
        let lex = Lexicon::get(lang);
        let sents = text::sentences(&text, lex);
        let mut last = 0;
        for r in &sents {
            prop_assert!(r.start >= last && r.start < r.end && r.end <= text.len());
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            last = r.end;
        }
        let folded = fold(&text);
        prop_assert_eq!(folded.len(), text.len());
        for run in text::cjk_runs(&folded, 0..folded.len()) {
            prop_assert!(folded.is_char_boundary(run.start) && folded.is_char_boundary(run.end));
            for u in text::unknown_parts(&folded, run.clone(), |p| lex.vague_reason.contains(p)) {
                prop_assert!(u.start >= run.start && u.end <= run.end);
                prop_assert!(folded.is_char_boundary(u.start) && folded.is_char_boundary(u.end));
            }
        }
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
        let _ = ftnote::date::parse(&text, lang, as_of);
        let _ = ftnote::date::parse_start(&text, lang, as_of);
        let _ = Lang::guess(&text);
    }

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
fn long_japanese_and_chinese_text_is_fine() {
    check_spans(
        &"お客様は、特定のオンプレミス インフラストラクチャのため展開しません。".repeat(5_000),
        Some("entitlement"),
        Some("blocked"),
        Some(Lang::Ja),
    );
    check_spans(
        &"由于云/数据/法律要求方面的问题，无法部署。".repeat(5_000),
        None,
        None,
        None,
    );
    check_spans(
        &"様".repeat(100_000),
        Some("entitlement"),
        Some("no-intent"),
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
