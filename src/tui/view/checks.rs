//! The validation panel: the grade, what a lifecycle note was read to say,
//! and every finding with its mark, rule and place — the finding in view
//! with its fixes and the key that applies the first.

use super::{block, fit};
use crate::check::{Applicability, Fix, Piece, Severity, Verdict};
use crate::tui::action::Action;
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
    if let Some(safe) = safe_line(app, c) {
        lines.push(Line::from(Span::styled(fit(&safe, w), theme.dim())));
    }
    for (text, found) in read_parts(app, c) {
        lines.push(read_line(app, &text, found, w));
    }
    lines.push(Line::default());
    let target = c.fix_target();
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
        if target == Some(i) {
            for (k, x) in f.fixes.iter().enumerate() {
                let text = fix_text(app, c, x, k == 0);
                for r in super::textview::wrap(&text, w.saturating_sub(2)) {
                    lines.push(Line::from(Span::styled(
                        format!("  {}", text[r].trim_end()),
                        theme.key(),
                    )));
                }
            }
        }
    }
    let title = format!(" {} ", s.checks);
    frame.render_widget(Paragraph::new(lines).block(block(title, false, app)), area);
}

/// A fix as the panel lists it: "[F9] Remove #covid" for the one the key
/// applies, "· …" for the others, with what a review or placeholder fix
/// asks of the author.
fn fix_text(app: &App, c: &Compose, x: &Fix, first: bool) -> String {
    let s = &app.env.strings.fixes;
    let what = match x.applicability {
        Applicability::Safe => String::new(),
        Applicability::Review => format!(" ({})", s.review),
        Applicability::Placeholders => format!(" ({})", s.placeholders),
    };
    if first {
        // A fix the form cannot make is named, without its key.
        if c.offer(&app.env)
            .is_some_and(|(_, taking)| taking.is_none())
        {
            return format!("· {}{what} — {}", x.label, s.not_here);
        }
        let key = crate::tui::keymap::key_label(&Action::ApplyFix, c.mode()).unwrap_or("");
        format!("[{key}] {}{what}", x.label)
    } else {
        format!("· {}{what}", x.label)
    }
}

/// "2 safe fixes · Shift-F9", when the note has any.
fn safe_line(app: &App, c: &Compose) -> Option<String> {
    let n = c.safe_fixes();
    if n == 0 {
        return None;
    }
    let key = crate::tui::keymap::key_label(&Action::FixAllSafe, c.mode()).unwrap_or("");
    let count = fill(
        app.env.strings.fixes.safe.get(n),
        &[("count", &n.to_string())],
    );
    Some(format!("{count} · {key}"))
}

/// What a status or technical enablement note was read to say: "next
/// action: Call the CIO", "date: 2026-12-15", "owner: not found" — with
/// whether each was found.
fn read_parts(app: &App, c: &Compose) -> Vec<(String, bool)> {
    let Some(read) = &c.report.lifecycle else {
        return Vec::new();
    };
    let s = &app.env.strings.fixes;
    [
        (&s.next_action, &read.next_action),
        (&s.date, &read.date),
        (&s.owner, &read.owner),
    ]
    .into_iter()
    .map(|(label, piece)| match piece {
        Some(p) => (format!("{label}: {}", piece_text(p)), true),
        None => (format!("{label}: {}", s.not_found), false),
    })
    .collect()
}

/// A part as read: its text, a date also as the day it was read as.
fn piece_text(p: &Piece) -> String {
    let text = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
    match p.date {
        Some(d) if text != d.format("%Y-%m-%d").to_string() => {
            format!("{text} ({})", d.format("%Y-%m-%d"))
        }
        _ => text,
    }
}

/// One part as the full panel shows it, its mark always in view.
fn read_line<'a>(app: &App, text: &str, found: bool, w: usize) -> Line<'a> {
    let theme = app.env.theme;
    let (mark, style) = if found {
        ("✓", theme.done())
    } else {
        ("✗", theme.severity(Severity::Warning))
    };
    Line::from(vec![
        Span::raw(fit(text, w.saturating_sub(2))),
        Span::raw(" "),
        Span::styled(mark, style),
    ])
}

/// The compact panel's row for the parts read: "next action ✓ · date
/// 2026-12-15 ✓ · owner the partner ✓" — the owner as read when the row
/// has room for it.
fn read_row(app: &App, c: &Compose, width: usize) -> Option<String> {
    let read = c.report.lifecycle.as_ref()?;
    let s = &app.env.strings.fixes;
    let part = |label: &str, p: &Option<Piece>, value: bool| match p {
        Some(p) if value => format!("{label} {} ✓", piece_text(p)),
        Some(_) => format!("{label} ✓"),
        None => format!("{label} ✗"),
    };
    let row = |owner: bool| {
        [
            part(&s.next_action, &read.next_action, false),
            part(&s.date, &read.date, true),
            part(&s.owner, &read.owner, owner),
        ]
        .join(" · ")
    };
    let full = row(true);
    if unicode_width::UnicodeWidthStr::width(full.as_str()) <= width {
        Some(full)
    } else {
        Some(row(false))
    }
}

/// The compact panel's row for fixes: the fix in view, else the safe
/// fixes' count and key.
fn fix_row(app: &App, c: &Compose) -> Option<String> {
    match c.shown_fix() {
        Some(x) => Some(fix_text(app, c, x, true)),
        None => safe_line(app, c),
    }
}

/// How many rows the compact panel adds above the findings: the parts
/// read, the fix row.
fn extra_rows(c: &Compose) -> usize {
    usize::from(c.report.lifecycle.is_some())
        + usize::from(c.shown_fix().is_some() || c.safe_fixes() > 0)
}

/// The finding the compact panel shows whole: the one jumped to, else
/// the first.
fn lead(c: &Compose) -> usize {
    c.finding.unwrap_or(0)
}

/// The rows of the compact panel's findings at `width`: the lead finding's
/// message wrapped whole (up to three rows), the others one row each, at
/// most five rows with the rows above them (at least three).
fn compact_rows(c: &Compose, width: usize) -> Vec<(usize, String)> {
    // Five rows in all, the fix and the parts read among them, so the
    // preview keeps its room.
    let extra = extra_rows(c);
    let most_rows = 5usize.saturating_sub(extra).max(3);
    let n = c.report.findings.len();
    if n == 0 {
        return Vec::new();
    }
    let lead = lead(c).min(n - 1);
    let mut out: Vec<(usize, String)> = Vec::new();
    let first = lead.saturating_sub(most_rows - 1);
    for (i, f) in c.report.findings.iter().enumerate().skip(first) {
        if out.len() >= most_rows {
            break;
        }
        let head = format!("{} {} ", f.severity.mark(), f.rule);
        let hw = unicode_width::UnicodeWidthStr::width(head.as_str());
        let room = width.saturating_sub(hw).max(1);
        if i == lead {
            let left_after = (n - 1 - i).min(most_rows.saturating_sub(out.len() + 1));
            let most = most_rows.saturating_sub(out.len() + left_after).clamp(1, 3);
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
    u16::try_from(rows.max(1) + extra_rows(c)).unwrap_or(7) + 2
}

/// The panel below the editor on narrow screens: the lead finding whole,
/// the others one line each.
pub fn compact(frame: &mut Frame, area: Rect, app: &App, c: &Compose) {
    let theme = app.env.theme;
    let s = &app.env.strings.compose;
    let w = usize::from(area.width.saturating_sub(2));
    let mut lines: Vec<Line> = Vec::new();
    if let Some(row) = fix_row(app, c) {
        lines.push(Line::from(Span::styled(fit(&row, w), theme.key())));
    }
    if let Some(row) = read_row(app, c, w) {
        let mut spans = Vec::new();
        let fitted = fit(&row, w);
        // The marks in their colours.
        let mut rest = fitted.as_str();
        while let Some(i) = rest.find(['✓', '✗']) {
            let (before, after) = rest.split_at(i);
            let mark = after.chars().next().unwrap_or('✓');
            spans.push(Span::raw(before.to_string()));
            let style = if mark == '✓' {
                theme.done()
            } else {
                theme.severity(Severity::Warning)
            };
            spans.push(Span::styled(mark.to_string(), style));
            rest = &after[mark.len_utf8()..];
        }
        spans.push(Span::raw(rest.to_string()));
        lines.push(Line::from(spans));
    }
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
