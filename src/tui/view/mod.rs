//! Drawing: pure functions of the state, one file per pane.

mod call;
mod checks;
mod editor;
mod footer;
mod overlay;
mod preview;
mod start;
mod steps;
mod textview;

use super::app::{App, Overlay, Screen};
use super::compose::Compose;
use super::strings::fill;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// The smallest terminal the composer draws in.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// From this width on, the checks get their own column.
const WIDE: u16 = 100;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = fill(
            &app.env.strings.size.too_small,
            &[
                ("width", &MIN_WIDTH.to_string()),
                ("height", &MIN_HEIGHT.to_string()),
                ("cols", &area.width.to_string()),
                ("rows", &area.height.to_string()),
            ],
        );
        frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    let [main, status, keys] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    match &app.screen {
        Screen::Start(s) => start::draw(frame, main, app, s),
        Screen::Compose(c) => draw_compose(frame, main, app, c),
        Screen::Overview => call::overview(frame, main, app),
        Screen::CallSetup(s) => call::setup(frame, main, app, s),
    }
    footer::status(frame, status, app);
    footer::keys(frame, keys, app);
    match app.overlay {
        Some(Overlay::Help) => overlay::help(frame, main, app),
        Some(Overlay::Confirm(q)) => overlay::confirm(frame, main, app, q),
        None => {}
    }
}

fn draw_compose(frame: &mut Frame, area: Rect, app: &App, c: &Compose) {
    let [title, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    checks::title(frame, title, app, c);
    let preview_h = preview::height(c, rest);
    if area.width >= WIDE {
        let [body, prev] =
            Layout::vertical([Constraint::Min(6), Constraint::Length(preview_h)]).areas(rest);
        let [st, ed, ch] = Layout::horizontal([
            Constraint::Length(26),
            Constraint::Min(30),
            Constraint::Length(40),
        ])
        .areas(body);
        steps::draw(frame, st, app, c);
        editor::draw(frame, ed, app, c);
        checks::panel(frame, ch, app, c);
        preview::draw(frame, prev, app, c);
    } else {
        // The form keeps nine rows; the preview gets what is left, at least three.
        let checks_h = checks::compact_height(c, rest.width);
        let room = rest.height.saturating_sub(checks_h + 9).max(3);
        let [body, ch, prev] = Layout::vertical([
            Constraint::Min(6),
            Constraint::Length(checks_h),
            Constraint::Length(preview_h.min(room)),
        ])
        .areas(rest);
        let [st, ed] =
            Layout::horizontal([Constraint::Length(22), Constraint::Min(30)]).areas(body);
        steps::draw(frame, st, app, c);
        editor::draw(frame, ed, app, c);
        checks::compact(frame, ch, app, c);
        preview::draw(frame, prev, app, c);
    }
}

pub use crate::cells::fit;

/// A bordered block with a title, highlighted when focused.
pub fn block<'a>(title: impl Into<Line<'a>>, focused: bool, app: &App) -> Block<'a> {
    let b = Block::bordered().title(title);
    if focused {
        b.border_style(app.env.theme.focus())
    } else {
        b
    }
}

/// A line of help text, dimmed.
pub fn hint<'a>(text: &'a str, app: &App) -> Line<'a> {
    Line::from(Span::styled(text, app.env.theme.dim()))
}
