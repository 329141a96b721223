//! The status line and the key line, built from the keymap.

use super::fit;
use crate::tui::app::App;
use crate::tui::keymap;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn status(frame: &mut Frame, area: Rect, app: &App) {
    let Some(m) = &app.message else { return };
    let style = if m.error {
        app.env.theme.error()
    } else {
        ratatui::style::Style::new()
    };
    let mark = if m.error { "✗ " } else { "" };
    frame.render_widget(
        Paragraph::new(Span::styled(
            fit(&format!(" {mark}{}", m.text), usize::from(area.width)),
            style,
        )),
        area,
    );
}

/// The keys that work right now, as many as fit.
pub fn keys(frame: &mut Frame, area: Rect, app: &App) {
    let k = &app.env.strings.keys;
    let mut spans = vec![Span::raw(" ")];
    for b in keymap::footer_fitting(app.mode(), usize::from(area.width), k, hidden(app)) {
        let hint = (b.hint)(k);
        spans.push(Span::styled(b.label, app.env.theme.key()));
        spans.push(Span::raw(format!(" {hint}  ")));
    }
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(app.env.theme.dim()),
        area,
    );
}

/// Actions whose keys do nothing right now, so neither the footer nor the
/// help names them.
pub fn hidden(app: &App) -> &'static [crate::tui::action::Action] {
    if app.in_call() {
        &[]
    } else {
        &[crate::tui::action::Action::NextNote]
    }
}
