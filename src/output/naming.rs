//! File names for notes and customer logs: safe on every platform ftnote
//! runs on, readable, and keeping the customer's name as written
//! (`Müller GmbH`, `株式会社テスト`).
//!
//! A note is written as `<date>_<customer>_<kind>[_<workload>].txt` (`.md`
//! for Markdown), e.g. `2026-11-21_Contoso-Ltd_entitlement_EXO.txt`; a
//! customer's log as `<customer>.md`.

use crate::note::Format;
use chrono::NaiveDate;

/// The longest customer part of a name, in bytes.
pub const MAX_CUSTOMER_BYTES: usize = 96;
/// The longest kind or workload part of a name, in bytes.
pub const MAX_PART_BYTES: usize = 40;
/// The name used when a customer's name leaves nothing after cleaning.
pub const NO_CUSTOMER: &str = "unnamed";

/// Names Windows reserves for devices, with or without an extension.
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "COM0", "COM1", "COM2", "COM3", "COM4",
    "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³", "LPT0", "LPT1", "LPT2", "LPT3",
    "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
];

/// The file name of a note: `<date>_<customer>_<kind>[_<workload>].<ext>`.
///
/// Each part is cleaned by [`clean_part`]; a customer that cleans to nothing
/// is written as [`NO_CUSTOMER`]. JSON notes get `.json`.
pub fn note_file_name(
    date: NaiveDate,
    customer: &str,
    kind: &str,
    workload: Option<&str>,
    format: Format,
) -> String {
    let customer = clean_or(customer, MAX_CUSTOMER_BYTES, NO_CUSTOMER);
    let kind = clean_or(kind, MAX_PART_BYTES, "note");
    let mut name = format!("{}_{customer}_{kind}", date.format("%Y-%m-%d"));
    if let Some(w) = workload.map(|w| clean_part(w, MAX_PART_BYTES))
        && !w.is_empty()
    {
        name.push('_');
        name.push_str(&w);
    }
    name.push('.');
    name.push_str(format.extension());
    name
}

/// The file name of a customer's log: `<customer>.md`.
pub fn customer_log_name(customer: &str) -> String {
    format!("{}.md", clean_or(customer, MAX_CUSTOMER_BYTES, NO_CUSTOMER))
}

fn clean_or(s: &str, max: usize, fallback: &str) -> String {
    let c = clean_part(s, max);
    if c.is_empty() {
        fallback.to_string()
    } else {
        c
    }
}

/// Cleans one part of a file name:
/// - path separators, `_` (it separates the parts) and the characters
///   Windows forbids (`<>:"|?*`) become `-`; so does whitespace;
/// - control and invisible formatting characters (bidi overrides,
///   zero-width spaces) are dropped;
/// - runs of `-` and of `.` shrink to one, so no `..` remains;
/// - leading and trailing dots, dashes and spaces go (no hidden files, no
///   names Windows cannot open);
/// - a Windows device name (`CON`, `com1.txt`, …) gets a leading `-`;
/// - the result is at most `max` bytes, cut at a character boundary.
///
/// Letters of every script are kept as they are.
pub fn clean_part(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len().min(max));
    for c in s.chars() {
        let mapped = match c {
            '/' | '\\' | '_' | '<' | '>' | ':' | '"' | '|' | '?' | '*' => Some('-'),
            c if c.is_whitespace() => Some('-'),
            c if c.is_control() || is_invisible(c) => None,
            c => Some(c),
        };
        let Some(m) = mapped else { continue };
        if (m == '-' || m == '.') && out.ends_with(m) {
            continue;
        }
        out.push(m);
    }
    let mut out = trim_edges(&out).to_string();
    if out.len() > max {
        let mut end = max;
        while !out.is_char_boundary(end) {
            end -= 1;
        }
        out.truncate(end);
        out = trim_edges(&out).to_string();
    }
    if is_reserved(&out) {
        out.insert(0, '-');
    }
    out
}

fn trim_edges(s: &str) -> &str {
    s.trim_matches(|c: char| c == '.' || c == '-' || c.is_whitespace())
}

/// Zero-width and bidirectional formatting characters: invisible, and used
/// to make `txt.exe` look like `exe.txt`.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// Whether Windows reserves a name: its part before the first dot is a
/// device name, in any case.
pub fn is_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).expect("date")
    }

    #[test]
    fn the_documented_example() {
        assert_eq!(
            note_file_name(
                day(),
                "Contoso Ltd",
                "entitlement",
                Some("EXO"),
                Format::Text
            ),
            "2026-11-21_Contoso-Ltd_entitlement_EXO.txt"
        );
        assert_eq!(
            note_file_name(day(), "Contoso", "exec-summary", None, Format::Markdown),
            "2026-11-21_Contoso_exec-summary.md"
        );
        assert_eq!(customer_log_name("Contoso Ltd"), "Contoso-Ltd.md");
    }

    #[rstest]
    #[case::plain("Contoso", "Contoso")]
    #[case::umlaut("Müller GmbH", "Müller-GmbH")]
    #[case::japanese("株式会社テスト", "株式会社テスト")]
    #[case::chinese("测试 有限公司", "测试-有限公司")]
    #[case::slash("Contoso/Fabrikam", "Contoso-Fabrikam")]
    #[case::backslash("Contoso\\Fabrikam", "Contoso-Fabrikam")]
    #[case::traversal("../../etc/passwd", "etc-passwd")]
    #[case::dots_only("..", "unnamed")]
    #[case::dot_runs("A...B", "A.B")]
    #[case::hidden(".bashrc", "bashrc")]
    #[case::trailing_dot("Contoso Inc.", "Contoso-Inc")]
    #[case::trailing_space("Contoso   ", "Contoso")]
    #[case::control("Con\u{0}toso\n\t\r\u{1b}[31m", "Contoso-[31m")]
    #[case::c1_control("A\u{85}B", "A-B")]
    #[case::bidi("inv\u{202E}txt.exe", "invtxt.exe")]
    #[case::zero_width("Con\u{200B}toso", "Contoso")]
    #[case::windows_chars("A<B>C:D\"E|F?G*H", "A-B-C-D-E-F-G-H")]
    #[case::underscore("Big_Co", "Big-Co")]
    #[case::empty("", "unnamed")]
    #[case::spaces("   ", "unnamed")]
    #[case::only_hostile("/\\:*?", "unnamed")]
    #[case::con("CON", "-CON")]
    #[case::con_lower("con", "-con")]
    #[case::con_ext("Con.txt", "-Con.txt")]
    #[case::nul("NUL", "-NUL")]
    #[case::com1("COM1", "-COM1")]
    #[case::lpt9_ext("lpt9.log", "-lpt9.log")]
    #[case::com_super("COM¹", "-COM¹")]
    #[case::not_reserved("Console", "Console")]
    #[case::com10("COM10", "COM10")]
    fn customer_names(#[case] input: &str, #[case] expected: &str) {
        let cleaned = clean_or(input, MAX_CUSTOMER_BYTES, NO_CUSTOMER);
        assert_eq!(cleaned, expected, "{input:?}");
        assert_safe(&note_file_name(
            day(),
            input,
            "entitlement",
            Some("EXO"),
            Format::Text,
        ));
        assert_safe(&customer_log_name(input));
    }

    fn assert_safe(name: &str) {
        assert!(!name.is_empty());
        assert!(name.len() <= 255, "{name}");
        assert!(
            !name.contains(['/', '\\', '<', '>', ':', '"', '|', '?', '*']),
            "{name:?}"
        );
        assert!(!name.contains(".."), "{name:?}");
        assert!(
            !name.chars().any(|c| c.is_control() || is_invisible(c)),
            "{name:?}"
        );
        assert!(!name.starts_with('.'), "{name:?}");
        assert!(!name.ends_with(['.', ' ']), "{name:?}");
        assert!(!is_reserved(name), "{name:?}");
    }

    #[test]
    fn long_names_are_cut_at_a_character_boundary() {
        let long = "株".repeat(100); // 300 bytes
        let name = note_file_name(day(), &long, "entitlement", Some("EXO"), Format::Text);
        let customer = name.split('_').nth(1).expect("customer part");
        assert!(customer.len() <= MAX_CUSTOMER_BYTES);
        assert_eq!(customer.len() % 3, 0);
        assert!(customer.chars().all(|c| c == '株'));
        assert_safe(&name);
        let ascii = "A. ".repeat(100);
        let cut = clean_part(&ascii, 10);
        assert_eq!(cut, "A.-A.-A.-A");
    }

    #[test]
    fn workload_and_kind_are_cleaned_too() {
        assert_eq!(
            note_file_name(day(), "X", "../kind", Some("E/XO"), Format::Json),
            "2026-11-21_X_kind_E-XO.json"
        );
        assert_eq!(
            note_file_name(day(), "X", "", Some(" "), Format::Text),
            "2026-11-21_X_note.txt"
        );
    }

    #[test]
    fn reserved_names() {
        for n in ["CON", "con.md", "Aux.txt.md", "COM3", "LPT1 .x", "CONOUT$"] {
            assert!(is_reserved(n), "{n}");
        }
        for n in ["CONTOSO", "COM", "LPT10", "2026-11-21_CON_note.txt"] {
            assert!(!is_reserved(n), "{n}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_customer_gives_a_safe_name(chars in proptest::collection::vec(proptest::prelude::any::<char>(), 0..200)) {
            let s: String = chars.into_iter().collect();
            assert_safe(&note_file_name(day(), &s, "status", None, Format::Text));
            assert_safe(&customer_log_name(&s));
        }
    }
}
