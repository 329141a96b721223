//! The start screen: role, customer, kind.

use super::{block, fit, hint};
use crate::role::Role;
use crate::tui::app::App;
use crate::tui::start::{Column, Start};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, s: &Start) {
    let theme = app.env.theme;
    let st = &app.env.strings.start;
    let outer = block(" ftnote ", false, app);
    let mut inner = outer.inner(area);
    frame.render_widget(outer, area);
    if !s.drafts.is_empty() {
        let n = u16::try_from(s.drafts.len()).unwrap_or(u16::MAX);
        let [top, rest] =
            Layout::vertical([Constraint::Length(n.min(6) + 3), Constraint::Min(1)]).areas(inner);
        drafts(frame, top, app, s);
        inner = rest;
    }
    // The roles' longest name, then the kinds get twice the customers' room.
    let role_w = Role::ALL
        .iter()
        .map(|r| unicode_width::UnicodeWidthStr::width(app.env.strings.role(*r)) + 2)
        .max()
        .unwrap_or(20)
        .min(usize::from(inner.width / 3) + 2);
    let [role, customer, kind] = Layout::horizontal([
        Constraint::Length(u16::try_from(role_w).unwrap_or(24)),
        Constraint::Fill(1),
        Constraint::Fill(2),
    ])
    .spacing(1)
    .areas(inner);

    let heading = |text: &str, col: Column| {
        let style = if s.column == col {
            theme.focus()
        } else {
            theme.title()
        };
        Line::from(Span::styled(text.to_string(), style))
    };
    let row = |text: String, selected: bool, focused: bool, width: u16| {
        let pointer = if selected { "▸ " } else { "  " };
        let style = if selected && focused {
            theme.selected()
        } else if selected {
            theme.title()
        } else {
            Style::new()
        };
        Line::from(Span::styled(
            fit(&format!("{pointer}{text}"), usize::from(width)),
            style,
        ))
    };

    // Who are you?
    let mut lines = vec![heading(&st.role, Column::Role), Line::default()];
    for (i, r) in Role::ALL.iter().enumerate() {
        lines.push(row(
            app.env.strings.role(*r).to_string(),
            i == s.role,
            s.column == Column::Role,
            role.width,
        ));
    }
    frame.render_widget(Paragraph::new(lines), role);

    // Customer: typed, or one of the recent ones.
    let [head, input, list] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(customer);
    frame.render_widget(
        Paragraph::new(heading(&st.customer, Column::Customer)),
        head,
    );
    let [mark, field] =
        Layout::horizontal([Constraint::Length(2), Constraint::Min(1)]).areas(input);
    frame.render_widget(
        Paragraph::new(if s.recent_sel.is_none() { "▸" } else { " " }),
        mark,
    );
    if s.column == Column::Customer {
        super::textview::draw(frame, field, &s.customer);
    } else {
        frame.render_widget(
            Paragraph::new(fit(&s.typed(), usize::from(field.width))),
            field,
        );
    }
    let recent = s.recent(&app.env);
    let mut lines = vec![Line::default()];
    if recent.is_empty() && app.env.recent.is_empty() {
        lines.push(hint(&st.no_recent, app));
    }
    for (i, c) in recent.iter().enumerate() {
        lines.push(row(
            (*c).to_string(),
            s.recent_sel == Some(i),
            s.column == Column::Customer,
            list.width,
        ));
    }
    if s.column == Column::Customer {
        lines.push(Line::default());
        for r in super::editor::help_lines(&st.new_customer, list.width, 3) {
            lines.push(Line::from(Span::styled(r, theme.dim())));
        }
    }
    frame.render_widget(Paragraph::new(lines), list);

    // Which note? Summaries take two rows where there is room for them.
    let mut lines = vec![heading(&st.kind, Column::Kind), Line::default()];
    let indent = 4;
    let sw = usize::from(kind.width).saturating_sub(indent).max(1);
    let two = 2 + s.kinds.len() * 3 + s.earlier.len() <= usize::from(kind.height);
    for (i, k) in s.kinds.iter().enumerate() {
        let star = if k.for_role { "★ " } else { "  " };
        lines.push(row(
            format!("{star}{}", k.name),
            i == s.kind,
            s.column == Column::Kind,
            kind.width,
        ));
        let rows = if two {
            super::editor::help_lines(&k.summary, u16::try_from(sw).unwrap_or(u16::MAX), 2)
        } else {
            vec![fit(&k.summary, sw)]
        };
        for r in rows {
            lines.push(Line::from(Span::styled(
                format!("{}{r}", " ".repeat(indent)),
                theme.dim(),
            )));
        }
    }
    for (i, e) in s.earlier.iter().enumerate() {
        let name = s
            .kinds
            .iter()
            .find(|k| k.id == e.kind)
            .map_or(e.kind.as_str(), |k| k.name.as_str());
        let text = crate::tui::strings::fill(
            &app.env.strings.compose.from_earlier,
            &[("kind", name), ("when", &e.when)],
        );
        lines.push(row(
            text,
            s.kinds.len() + i == s.kind,
            s.column == Column::Kind,
            kind.width,
        ));
    }
    frame.render_widget(Paragraph::new(lines), kind);
}

/// Drafts an earlier ftnote left: recover, discard, or keep for later.
fn drafts(frame: &mut Frame, area: Rect, app: &App, s: &Start) {
    let theme = app.env.theme;
    let focused = s.column == Column::Drafts;
    let style = if focused {
        theme.focus()
    } else {
        theme.title()
    };
    let mut lines = vec![Line::from(Span::styled(
        format!("⟳ {}", app.env.strings.start.drafts),
        style,
    ))];
    let room = usize::from(area.height.saturating_sub(2)).max(1);
    let first = s.draft.saturating_sub(room.saturating_sub(1));
    for (i, d) in s.drafts.iter().enumerate().skip(first).take(room) {
        let sel = i == s.draft;
        let pointer = if sel { "▸ " } else { "  " };
        let st = if sel && focused {
            theme.selected()
        } else {
            Style::new()
        };
        lines.push(Line::from(Span::styled(
            fit(&format!("{pointer}{}", d.label), usize::from(area.width)),
            st,
        )));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
