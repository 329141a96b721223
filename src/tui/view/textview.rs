//! Drawing an editor's text wrapped at the pane's width, with the cursor in
//! the right cell for wide characters. tui-textarea does the editing; this
//! only draws, so long notes read as paragraphs.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::ops::Range;
use tui_textarea::TextArea;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The byte ranges of the rows `line` wraps into at `width` cells: at spaces
/// where possible, else between grapheme clusters (never inside one).
pub fn wrap(line: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    if line.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        wrap_ascii(line.as_bytes(), width)
    } else {
        wrap_general(line, width)
    }
}

fn wrap_general(line: &str, width: usize) -> Vec<Range<usize>> {
    let mut rows = Vec::new();
    let mut start = 0;
    let mut used = 0;
    let mut last_space: Option<usize> = None;
    for (i, g) in line.grapheme_indices(true) {
        let w = g.width();
        // Text without spaces (Japanese, Chinese) may break around any wide
        // character.
        if w > 1 {
            last_space = Some(i);
        }
        if used + w > width && i > start && g != " " {
            let cut = last_space.filter(|&s| s > start).unwrap_or(i);
            rows.push(start..cut);
            start = cut;
            used = line[start..i].width();
            last_space = None;
        }
        used += w;
        if g == " " || w > 1 {
            last_space = Some(i + g.len());
        }
    }
    rows.push(start..line.len());
    rows
}

/// [`wrap`] for printable ASCII, where every byte is one cell: the same
/// rule, byte by byte.
fn wrap_ascii(line: &[u8], width: usize) -> Vec<Range<usize>> {
    let mut rows = Vec::with_capacity(line.len() / width + 1);
    let mut start = 0;
    let mut last_space: Option<usize> = None;
    for (i, &b) in line.iter().enumerate() {
        if i - start + 1 > width && i > start && b != b' ' {
            let cut = last_space.filter(|&s| s > start).unwrap_or(i);
            rows.push(start..cut);
            start = cut;
            last_space = None;
        }
        if b == b' ' {
            last_space = Some(i + 1);
        }
    }
    rows.push(start..line.len());
    rows
}

/// Where the cursor is drawn: the row among all wrapped rows and the cell.
pub fn cursor_cell(lines: &[String], cursor: (usize, usize), width: usize) -> (usize, usize) {
    let (crow, char_col) = cursor;
    let mut row = 0;
    for (i, line) in lines.iter().enumerate() {
        let rows = wrap(line, width);
        if i == crow {
            let byte = line
                .char_indices()
                .nth(char_col)
                .map_or(line.len(), |(b, _)| b);
            for (k, r) in rows.iter().enumerate() {
                let last = k + 1 == rows.len();
                if byte < r.end || last {
                    let col = line[r.start..byte.max(r.start)].width();
                    return (row + k, col.min(width.saturating_sub(1)));
                }
            }
        }
        row += rows.len();
    }
    (row, 0)
}

/// Draws `t` wrapped into `area`, scrolled so the cursor shows, and puts
/// the terminal's cursor on it (where an input method draws too).
pub fn draw(frame: &mut Frame, area: Rect, t: &TextArea<'static>) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let width = usize::from(area.width);
    let lines = t.lines();
    let (crow, ccol) = cursor_cell(lines, t.cursor(), width);
    let height = usize::from(area.height);
    let scroll = (crow + 1).saturating_sub(height);
    let selection = selected_bytes(t);
    let mut shown: Vec<Line> = Vec::new();
    let mut row = 0usize;
    for (i, line) in lines.iter().enumerate() {
        let sel = selection.as_ref().and_then(|s| s(i, line));
        for r in wrap(line, width) {
            if row >= scroll {
                shown.push(row_line(line, r, sel.clone()));
            }
            row += 1;
        }
        if shown.len() >= height {
            break;
        }
    }
    shown.truncate(height);
    frame.render_widget(Paragraph::new(shown), area);
    let x = area.x + u16::try_from(ccol).unwrap_or(0);
    let y = area.y + u16::try_from(crow - scroll).unwrap_or(0);
    frame.set_cursor_position(Position::new(x, y));
}

/// For an editor with a selection: the selected bytes of line `i`.
type Selected = Box<dyn Fn(usize, &str) -> Option<Range<usize>>>;

fn selected_bytes(t: &TextArea<'static>) -> Option<Selected> {
    let ((r1, c1), (r2, c2)) = t.selection_range()?;
    let byte = |line: &str, col: usize| line.char_indices().nth(col).map_or(line.len(), |(b, _)| b);
    Some(Box::new(move |i: usize, line: &str| {
        if i < r1 || i > r2 {
            return None;
        }
        let start = if i == r1 { byte(line, c1) } else { 0 };
        let end = if i == r2 { byte(line, c2) } else { line.len() };
        (start < end).then_some(start..end)
    }))
}

/// One wrapped row, its selected part (typing replaces it) reversed.
fn row_line(line: &str, r: Range<usize>, sel: Option<Range<usize>>) -> Line<'static> {
    let Some(sel) = sel.filter(|s| s.start < r.end && r.start < s.end) else {
        return Line::from(line[r].to_string());
    };
    let (a, b) = (sel.start.max(r.start), sel.end.min(r.end));
    Line::from(vec![
        Span::raw(line[r.start..a].to_string()),
        Span::styled(
            line[a..b].to_string(),
            Style::new().add_modifier(Modifier::REVERSED),
        ),
        Span::raw(line[b..r.end].to_string()),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(line: &str, w: usize) -> Vec<&str> {
        wrap(line, w).into_iter().map(|r| &line[r]).collect()
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            rows("Unable to deploy due to a firewall", 12),
            ["Unable to ", "deploy due ", "to a ", "firewall"]
        );
        assert_eq!(rows("short", 12), ["short"]);
        assert_eq!(rows("", 12), [""]);
    }

    #[test]
    fn breaks_long_words_and_wide_text_by_cells() {
        assert_eq!(rows("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        // Each of these is two cells wide.
        assert_eq!(
            rows("顧客はファイアウォール", 6),
            ["顧客は", "ファイ", "アウォ", "ール"]
        );
        // A space in Japanese text does not pull the break back before it.
        assert_eq!(
            rows("最大 2 文。意向と理由", 10),
            ["最大 2 文", "。意向と理", "由"]
        );
    }

    #[test]
    fn ascii_and_general_wrapping_agree() {
        let texts = [
            "Unable to deploy due to a firewall that drops Autodiscover traffic.",
            "a  b   c    d",
            "   leading spaces and trailing   ",
            "averyveryverylongwordwithoutspaces then short",
            "x",
            "",
        ];
        for t in texts {
            for w in 1..30 {
                assert_eq!(
                    wrap_ascii(t.as_bytes(), w),
                    wrap_general(t, w),
                    "{t:?} at {w}"
                );
            }
        }
    }

    #[test]
    fn never_splits_a_grapheme_cluster() {
        let s = "e\u{301}e\u{301}e\u{301}";
        for w in 1..4 {
            for r in wrap(s, w) {
                assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
                assert!(!s[r].starts_with('\u{301}'));
            }
        }
    }

    #[test]
    fn the_cursor_follows_the_wrap() {
        let lines = vec!["Unable to deploy".to_string(), "x".to_string()];
        assert_eq!(cursor_cell(&lines, (0, 0), 10), (0, 0));
        // "deploy" starts the second row.
        assert_eq!(cursor_cell(&lines, (0, 10), 10), (1, 0));
        assert_eq!(cursor_cell(&lines, (0, 16), 10), (1, 6));
        assert_eq!(cursor_cell(&lines, (1, 1), 10), (2, 1));
        // Wide characters take two cells each.
        let ja = vec!["顧客は".to_string()];
        assert_eq!(cursor_cell(&ja, (0, 2), 10), (0, 4));
    }
}
