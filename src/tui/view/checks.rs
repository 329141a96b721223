//! The validation panel: the grade, and every finding with its mark, rule
//! and place.

use super::{block, fit};
use crate::check::{Severity, Verdict};
use crate::tui::app::App;
use crate::tui::compose::Compose;
use crate::tui::strings::fill;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// "✗ BAD (2)", "⚠ INCOMPLETE (1)", "✓ GOOD".
pub fn verdict_text(app: &App, c: &Compose) -> (String, Style) {
    let s = &app.env.strings.compose;
    let n = c
        .report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Hint)
        .count();
    let theme = app.env.theme;
    match c.report.verdict {
        Verdict::Bad => (
            format!("✗ {} ({n})", s.bad),
            theme.severity(Severity::Error),
        ),
        Verdict::Incomplete => (
            format!("⚠ {} ({n})", s.incomplete),
            theme.severity(Severity::Warning),
        ),
        Verdict::Good => (
            format!("✓ {}", s.good),
            theme.done().add_modifier(ratatui::style::Modifier::BOLD),
        ),
    }
}

/// The line above the form: customer, kind, workload, and the grade.
pub fn title(frame: &mut Frame, area: Rect, app: &App, c: &Compose) {
    let mut parts: Vec<String> = Vec::new();
    if let Some(cu) = &c.note.customer {
        parts.push(cu.clone());
    }
    parts.push(c.template.name.clone());
    for f in &c.template.fields {
        if f.choices_from.is_some() {
            let v = c.note.text(&f.id);
            if !v.is_empty() {
                parts.push(crate::note::choice_label(
                    f,
                    v,
                    c.note.lang,
                    &app.env.catalogue,
                ));
            }
        }
    }
    parts.push(c.note.lang.code().to_string());
    let (verdict, style) = verdict_text(app, c);
    let vw = unicode_width::UnicodeWidthStr::width(verdict.as_str());
    let room = usize::from(area.width).saturating_sub(vw + 2);
    frame.render_widget(
        Paragraph::new(Span::styled(
            fit(&format!(" {}", parts.join(" · ")), room),
            app.env.theme.title(),
        )),
        area,
    );
    frame.render_widget(
        Paragraph::new(Span::styled(format!("{verdict} "), style)).alignment(Alignment::Right),
        area,
    );
}

/// The full panel, beside the editor.
pub fn panel(frame: &mut Frame, area: Rect, app: &App, c: &Compose) {
    let theme = app.env.theme;
    let s = &app.env.strings.compose;
    let (verdict, vstyle) = verdict_text(app, c);
    let w = usize::from(area.width.saturating_sub(2));
    let mut lines: Vec<Line> = vec![Line::from(Span::styled(verdict, vstyle))];
    if let Some(count) = sentence_count(app, c) {
        lines.push(Line::from(Span::styled(count, theme.dim())));
    }
    lines.push(Line::default());
    if c.report.findings.is_empty() {
        lines.push(Line::from(s.nothing.clone()));
    }
    // Only what fits is built, from the selected finding's neighbour on.
    let height = usize::from(area.height.saturating_sub(2));
    let first = c.finding.unwrap_or(0).saturating_sub(1);
    let shown_from = lines.len();
    for (i, f) in c.report.findings.iter().enumerate().skip(first) {
        if lines.len() >= height {
            let more = c.report.findings.len() - i;
            lines.truncate(height.saturating_sub(1).max(shown_from));
            lines.push(Line::from(Span::styled(
                format!("  … +{more}"),
                theme.dim(),
            )));
            break;
        }
        let (l, col) = crate::tomlfile::line_col(&c.text, f.start);
        let place = format!("{}:{col}", fill(&s.line, &[("line", &l.to_string())]));
        let head = format!("{} {}", f.severity.mark(), f.rule);
        let pad = w.saturating_sub(
            unicode_width::UnicodeWidthStr::width(head.as_str()) + place.chars().count(),
        );
        let style = finding_style(app, c, i);
        lines.push(Line::from(vec![
            Span::styled(head, style),
            Span::raw(" ".repeat(pad)),
            Span::styled(place, theme.dim()),
        ]));
        for r in super::textview::wrap(&f.message, w.saturating_sub(2)) {
            lines.push(Line::from(Span::raw(format!(
                "  {}",
                f.message[r].trim_end()
            ))));
        }
    }
    let title = format!(" {} ", s.checks);
    frame.render_widget(Paragraph::new(lines).block(block(title, false, app)), area);
}

/// The finding the compact panel shows whole: the one jumped to, else
/// the first.
fn lead(c: &Compose) -> usize {
    c.finding.unwrap_or(0)
}

/// The rows of the compact panel's findings at `width`: the lead finding's
/// message wrapped whole (up to three rows), the others one row each, at
/// most five rows in all.
fn compact_rows(c: &Compose, width: usize) -> Vec<(usize, String)> {
    const MOST: usize = 5;
    let n = c.report.findings.len();
    if n == 0 {
        return Vec::new();
    }
    let lead = lead(c).min(n - 1);
    let mut out: Vec<(usize, String)> = Vec::new();
    let first = lead.saturating_sub(MOST - 1);
    for (i, f) in c.report.findings.iter().enumerate().skip(first) {
        if out.len() >= MOST {
            break;
        }
        let head = format!("{} {} ", f.severity.mark(), f.rule);
        let hw = unicode_width::UnicodeWidthStr::width(head.as_str());
        let room = width.saturating_sub(hw).max(1);
        if i == lead {
            let left_after = (n - 1 - i).min(MOST.saturating_sub(out.len() + 1));
            let most = MOST.saturating_sub(out.len() + left_after).clamp(1, 3);
            let rows = super::editor::help_lines(
                &f.message,
                u16::try_from(room).unwrap_or(u16::MAX),
                u16::try_from(most).unwrap_or(1),
            );
            for (k, r) in rows.into_iter().enumerate() {
                let prefix = if k == 0 { head.clone() } else { " ".repeat(hw) };
                out.push((i, format!("{prefix}{r}")));
            }
        } else {
            out.push((i, format!("{head}{}", fit(&f.message, room))));
        }
    }
    out
}

/// How many rows the compact panel takes at `width`.
pub fn compact_height(c: &Compose, width: u16) -> u16 {
    let rows = compact_rows(c, usize::from(width.saturating_sub(2))).len();
    u16::try_from(rows.max(1)).unwrap_or(5) + 2
}

/// The panel below the editor on narrow screens: the lead finding whole,
/// the others one line each.
pub fn compact(frame: &mut Frame, area: Rect, app: &App, c: &Compose) {
    let theme = app.env.theme;
    let s = &app.env.strings.compose;
    let w = usize::from(area.width.saturating_sub(2));
    let mut lines: Vec<Line> = Vec::new();
    if c.report.findings.is_empty() {
        lines.push(Line::from(s.nothing.clone()));
    }
    for (i, row) in compact_rows(c, w) {
        let f = &c.report.findings[i];
        let head = format!("{} {} ", f.severity.mark(), f.rule);
        let style = finding_style(app, c, i);
        match row.strip_prefix(&head) {
            Some(rest) => lines.push(Line::from(vec![
                Span::styled(head, style),
                Span::raw(rest.to_string()),
            ])),
            None => lines.push(Line::from(row)),
        }
    }
    let (verdict, vstyle) = verdict_text(app, c);
    let mut title = vec![
        Span::raw(format!(" {} ", s.checks)),
        Span::styled(format!("{verdict} "), vstyle),
    ];
    if let Some(count) = sentence_count(app, c) {
        title.push(Span::styled(format!("· {count} "), theme.dim()));
    }
    frame.render_widget(
        Paragraph::new(lines).block(block(Line::from(title), false, app)),
        area,
    );
}

/// "1 of 2 sentences · 97 characters", for notes that count sentences.
fn sentence_count(app: &App, c: &Compose) -> Option<String> {
    if c.template.sentences.is_empty() {
        return None;
    }
    let lex = crate::check::lexicon::Lexicon::get(c.note.lang);
    let n = crate::check::text::sentences(&c.text, lex).len();
    Some(fill(
        app.env.strings.compose.sentences.get(n),
        &[
            ("count", &n.to_string()),
            ("chars", &c.text.chars().count().to_string()),
        ],
    ))
}

/// A finding's head: reversed when it is the one jumped to, else in its
/// severity's style.
fn finding_style(app: &App, c: &Compose, i: usize) -> Style {
    if c.finding == Some(i) {
        app.env.theme.selected()
    } else {
        app.env.theme.severity(c.report.findings[i].severity)
    }
}
