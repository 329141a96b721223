//! The preview: exactly the text that is copied or written, with the
//! findings' places underlined.

use super::{block, textview};
use crate::check::Finding;
use crate::tui::app::App;
use crate::tui::compose::Compose;
use crate::tui::strings::fill;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Rows the preview wants: its text wrapped, plus borders, within reason.
pub fn height(c: &Compose, area: Rect) -> u16 {
    let w = usize::from(area.width.saturating_sub(2).max(1));
    let mut rows = 0usize;
    let all = c
        .separate
        .iter()
        .map(|(_, t)| t.as_str())
        .chain(std::iter::once(c.text.as_str()));
    for t in all {
        for l in t.split('\n') {
            rows += unicode_width::UnicodeWidthStr::width(l).div_ceil(w).max(1);
        }
        rows += 1;
    }
    let most = usize::from(area.height) * 2 / 5;
    u16::try_from(rows.clamp(3, most.max(3)) + 2).unwrap_or(u16::MAX)
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, c: &Compose) {
    let theme = app.env.theme;
    let w = usize::from(area.width.saturating_sub(2).max(1));
    let h = usize::from(area.height.saturating_sub(2));
    let scroll = scroll_to(c, w, h);
    // Only the rows that show are built: the note is wrapped here, by cells.
    let mut lines: Vec<Line> = Vec::new();
    let mut row = 0usize;
    let mut at = 0usize;
    let changed = |line: &str| {
        c.baseline
            .as_ref()
            .is_some_and(|(_, old)| !line.trim().is_empty() && !old.lines().any(|o| o == line))
    };
    for raw in c.text.split('\n') {
        let new = changed(raw);
        for r in textview::wrap(raw, w) {
            if row >= scroll && row < scroll + h {
                let mut l = marked_line(
                    &raw[r.clone()],
                    at + r.start,
                    &c.report.findings,
                    c.finding,
                    app,
                );
                if new {
                    l = l.patch_style(theme.title());
                }
                lines.push(l);
            }
            row += 1;
        }
        at += raw.len() + 1;
        if row >= scroll + h {
            break;
        }
    }
    for (i, part) in &c.separate {
        if lines.len() >= h {
            break;
        }
        let label = &c.template.fields[*i].label;
        let title = fill(&app.env.strings.compose.separate, &[("label", label)]);
        lines.push(Line::from(Span::styled(
            format!("── {title} ──"),
            theme.dim(),
        )));
        for l in part.split('\n') {
            for r in textview::wrap(l, w) {
                lines.push(Line::from(l[r].to_string()));
            }
        }
    }
    let mut title = format!(" {} ", app.env.strings.compose.preview);
    if let Some((when, _)) = &c.baseline {
        title.push_str(&fill(
            &app.env.strings.compose.changed_since,
            &[("when", when)],
        ));
        title.push(' ');
    }
    frame.render_widget(Paragraph::new(lines).block(block(title, false, app)), area);
}

/// One line of the note, split where findings start and end.
fn marked_line<'a>(
    raw: &'a str,
    start: usize,
    findings: &[Finding],
    selected: Option<usize>,
    app: &App,
) -> Line<'a> {
    let theme = app.env.theme;
    let end = start + raw.len();
    // Cut points inside this line.
    let mut cuts = vec![0, raw.len()];
    for f in findings {
        for p in [f.start, f.end] {
            if p > start && p < end && raw.is_char_boundary(p - start) {
                cuts.push(p - start);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut spans = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (ga, gb) = (start + a, start + b);
        // The most severe finding covering this piece; the selected one wins.
        let cover = findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.start < gb && f.end > ga && f.end > f.start);
        let mut style = ratatui::style::Style::new();
        let mut best: Option<(usize, &Finding)> = None;
        for (i, f) in cover {
            if best.is_none_or(|(bi, bf)| {
                selected == Some(i) || (selected != Some(bi) && f.severity < bf.severity)
            }) {
                best = Some((i, f));
            }
        }
        if let Some((i, f)) = best {
            style = theme.span(f.severity);
            if selected == Some(i) {
                style = style.patch(theme.selected());
            }
        }
        spans.push(Span::styled(&raw[a..b], style));
    }
    Line::from(spans)
}

/// How far to scroll so the selected finding, else the focused field, shows.
fn scroll_to(c: &Compose, w: usize, h: usize) -> usize {
    let target = match c.finding.and_then(|i| c.report.findings.get(i)) {
        Some(f) => f.start,
        None => match c.spans.get(&c.template.fields[c.at].id) {
            Some(r) => r.end,
            None => return 0,
        },
    };
    let mut row = 0usize;
    let mut at = 0usize;
    for l in c.text.split('\n') {
        let end = at + l.len();
        let rows = textview::wrap(l, w);
        if target <= end {
            let k = rows
                .iter()
                .position(|r| target - at < r.end)
                .unwrap_or(rows.len() - 1);
            row += k;
            break;
        }
        row += rows.len();
        at = end + 1;
    }
    (row + 2).saturating_sub(h.max(1))
}
