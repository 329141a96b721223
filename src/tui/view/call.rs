//! The call: picking its notes, and the overview of its notes with their
//! grades and whether each is written or copied.

use super::{block, checks, fit, hint, textview};
use crate::check::Severity;
use crate::tui::app::App;
use crate::tui::call::Setup;
use crate::tui::compose::Compose;
use crate::tui::strings::fill;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// The line above: customer, "after a call", how many notes.
fn title(frame: &mut Frame, area: Rect, app: &App, customer: &str, right: &str) {
    let s = &app.env.strings.call;
    let rw = UnicodeWidthStr::width(right);
    let room = usize::from(area.width).saturating_sub(rw + 2);
    frame.render_widget(
        Paragraph::new(Span::styled(
            fit(
                &format!(" {}", fill(&s.title, &[("customer", customer)])),
                room,
            ),
            app.env.theme.title(),
        )),
        area,
    );
    frame.render_widget(
        Paragraph::new(format!("{right} ")).alignment(Alignment::Right),
        area,
    );
}

/// Picking the notes of a call.
pub fn setup(frame: &mut Frame, area: Rect, app: &App, s: &Setup) {
    let st = &app.env.strings.call;
    let [head, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let n = s.chosen.len() + s.present.len();
    title(
        frame,
        head,
        app,
        &s.customer,
        &fill(st.notes.get(n), &[("count", &n.to_string())]),
    );
    let outer = block(format!(" {} ", st.overview), true, app);
    let inner = outer.inner(rest);
    frame.render_widget(outer, rest);
    let [intro, _, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    let text = if s.present.is_empty() {
        &st.setup_intro
    } else {
        &st.adding_intro
    };
    frame.render_widget(
        Paragraph::new(Span::styled(
            fit(text, usize::from(intro.width)),
            app.env.theme.title(),
        )),
        intro,
    );
    choices(frame, list, app, s);
}

/// The notes a call can have: picked or not, the lifecycle and the extras
/// with what they hold.
fn choices(frame: &mut Frame, area: Rect, app: &App, s: &Setup) {
    let theme = app.env.theme;
    let p = &s.picker;
    let mut lines: Vec<Line> = Vec::new();
    if !p.filter.is_empty() {
        lines.push(Line::from(Span::styled(
            fill(&app.env.strings.compose.filter, &[("filter", &p.filter)]),
            theme.title(),
        )));
    }
    let visible = p.visible();
    if visible.is_empty() {
        lines.push(Line::from(fill(
            &app.env.strings.compose.no_match,
            &[("filter", &p.filter)],
        )));
    }
    let room = usize::from(area.height).saturating_sub(lines.len()).max(1);
    let first = p.selected.saturating_sub(room.saturating_sub(1));
    let w = usize::from(area.width);
    for (row, &i) in visible.iter().enumerate().skip(first).take(room) {
        let it = &p.items[i];
        let choice = &s.choices[i];
        let sel = row == p.selected;
        let mark = if s.is_picked(&it.id) { "[x] " } else { "[ ] " };
        let head = format!("{}{mark}{}", if sel { "▸ " } else { "  " }, it.label);
        let style = if sel { theme.selected() } else { Style::new() };
        let mut spans = vec![Span::styled(fit(&head, w), style)];
        let used = UnicodeWidthStr::width(head.as_str());
        // A workload's other names are for finding it, not for showing.
        if choice.workload.is_none() && used + 6 < w {
            spans.push(Span::styled(
                format!("  {}", fit(&it.detail, w - used - 2)),
                theme.dim(),
            ));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// Whether a note is handed over, as the overview says it.
fn delivery(app: &App, c: &Compose) -> String {
    let s = &app.env.strings.call;
    match (&c.written, c.copied, c.changed) {
        _ if !c.touched() => s.untouched.clone(),
        (Some(_), _, false) => s.written.clone(),
        (None, true, false) => s.copied.clone(),
        (Some(_), _, true) | (None, true, true) => s.changed.clone(),
        (None, false, _) => s.not_written.clone(),
    }
}

/// The call's notes, one per row, and the selected one below.
pub fn overview(frame: &mut Frame, area: Rect, app: &App) {
    let Some(call) = &app.call else { return };
    let st = &app.env.strings.call;
    let theme = app.env.theme;
    let notes: Vec<&Compose> = call.parked().collect();
    let [head, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let n = notes.len();
    title(
        frame,
        head,
        app,
        &call.customer,
        &fill(st.notes.get(n), &[("count", &n.to_string())]),
    );
    let list_h = u16::try_from(n.max(1))
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let list_h = list_h.min(rest.height.saturating_sub(5).max(3));
    let [list, detail] =
        Layout::vertical([Constraint::Length(list_h), Constraint::Min(3)]).areas(rest);
    let outer = block(format!(" {} ", st.overview), true, app);
    let inner = outer.inner(list);
    frame.render_widget(outer, list);
    let w = usize::from(inner.width);
    let grades: Vec<(String, Style)> = notes
        .iter()
        .map(|c| {
            if c.touched() {
                checks::verdict_text(app, c)
            } else {
                (app.env.strings.compose.empty.clone(), theme.dim())
            }
        })
        .collect();
    let grade_w = grades
        .iter()
        .map(|(g, _)| UnicodeWidthStr::width(g.as_str()))
        .max()
        .unwrap_or(0);
    let said: Vec<String> = notes.iter().map(|c| delivery(app, c)).collect();
    let said_w = said
        .iter()
        .map(|d| UnicodeWidthStr::width(d.as_str()))
        .max()
        .unwrap_or(0);
    let mut lines: Vec<Line> = Vec::new();
    if notes.is_empty() {
        lines.push(hint(&st.empty, app));
    }
    let room = usize::from(inner.height).max(1);
    let first = call.selected.saturating_sub(room - 1);
    for (i, c) in notes.iter().enumerate().skip(first).take(room) {
        let sel = i == call.selected;
        let label = crate::frontend::call::row_label(&c.note, &c.template, &app.env.catalogue);
        let head = format!("{}{:>2} ", if sel { "▸" } else { " " }, i + 1);
        let label_w =
            w.saturating_sub(UnicodeWidthStr::width(head.as_str()) + grade_w + said_w + 4);
        let label = fit(&label, label_w);
        let pad = label_w.saturating_sub(UnicodeWidthStr::width(label.as_str()));
        let (grade, gstyle) = &grades[i];
        let gpad = grade_w.saturating_sub(UnicodeWidthStr::width(grade.as_str()));
        let style = if sel { theme.selected() } else { Style::new() };
        lines.push(Line::from(vec![
            Span::styled(format!("{head}{label}{}", " ".repeat(pad)), style),
            Span::raw("  "),
            Span::styled(format!("{grade}{}", " ".repeat(gpad)), *gstyle),
            Span::raw("  "),
            Span::styled(said[i].clone(), theme.dim()),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(c) = notes.get(call.selected) {
        selected(frame, detail, app, c);
    }
}

/// The selected note as it will be pasted, and its findings.
fn selected(frame: &mut Frame, area: Rect, app: &App, c: &Compose) {
    let theme = app.env.theme;
    let label = crate::frontend::call::label(&c.note, &c.template, &app.env.catalogue);
    let outer = block(format!(" {label} "), false, app);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let w = usize::from(inner.width).max(1);
    let h = usize::from(inner.height);
    let mut findings: Vec<Line> = c
        .report
        .findings
        .iter()
        .filter(|f| c.touched() || f.severity != Severity::Hint)
        .flat_map(|f| {
            let head = format!("{} {} ", f.severity.mark(), f.rule);
            let hw = UnicodeWidthStr::width(head.as_str());
            let rows = super::editor::help_lines(
                &f.message,
                u16::try_from(w.saturating_sub(hw)).unwrap_or(u16::MAX),
                3,
            );
            let style = theme.severity(f.severity);
            rows.into_iter()
                .enumerate()
                .map(|(k, r)| {
                    let h = if k == 0 { head.clone() } else { " ".repeat(hw) };
                    Line::from(vec![Span::styled(h, style), Span::raw(r)])
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut lines: Vec<Line> = Vec::new();
    if c.touched() {
        // The text first, leaving a row for each finding (at most half).
        let keep = findings.len().min(h / 2);
        let text_rows = h.saturating_sub(keep + usize::from(keep > 0));
        'text: for raw in c.text.split('\n') {
            for r in textview::wrap(raw, w) {
                if lines.len() >= text_rows {
                    break 'text;
                }
                lines.push(Line::from(raw[r].to_string()));
            }
        }
        if keep > 0 {
            lines.push(Line::default());
        }
        findings.truncate(keep);
        lines.extend(findings);
    } else {
        lines.push(hint(&app.env.strings.call.nothing_yet, app));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
