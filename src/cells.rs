//! Text measured in terminal cells: wide characters take two.

use unicode_width::UnicodeWidthChar;

/// `s` cut to `width` cells, ending in "…" when cut. Never splits a
/// character.
pub fn fit(s: &str, width: usize) -> String {
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw + 1 > width {
            break;
        }
        used += cw;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `s` cut or padded with spaces to exactly `width` cells (one less when a
/// wide character does not fit before the edge).
pub fn pad(s: &str, width: usize) -> String {
    let mut out = fit(s, width);
    let used = unicode_width::UnicodeWidthStr::width(out.as_str());
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_by_cells_and_keeps_wide_characters_whole() {
        assert_eq!(fit("Contoso", 10), "Contoso");
        assert_eq!(fit("Contoso Ltd", 8), "Contoso…");
        assert_eq!(fit("株式会社テスト", 6), "株式…");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn pad_fills_to_the_width() {
        assert_eq!(pad("Contoso", 10), "Contoso   ");
        assert_eq!(pad("株式会社", 10), "株式会社  ");
        assert_eq!(pad("株式会社テスト", 10), "株式会社… ");
        assert_eq!(pad("abcdefghijk", 10), "abcdefghi…");
    }
}
