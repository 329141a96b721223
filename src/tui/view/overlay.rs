//! What is drawn over the screen: the key help and questions.

use crate::tui::app::{App, Question, Screen};
use crate::tui::keymap::{self, Mode};
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [h] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    h
}

/// The mode under the overlay: what the help describes.
fn underlying(app: &App) -> Mode {
    match &app.screen {
        Screen::Start(s) => s.mode(),
        Screen::Compose(c) => c.mode(),
    }
}

pub fn help(frame: &mut Frame, area: Rect, app: &App) {
    let k = &app.env.strings.keys;
    let theme = app.env.theme;
    let mut lines: Vec<Line> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for b in keymap::help(underlying(app)) {
        if seen.contains(&b.label) {
            continue;
        }
        seen.push(b.label);
        lines.push(Line::from(vec![
            Span::styled(format!("{:>10}  ", b.label), theme.key()),
            Span::raw((b.hint)(k)),
        ]));
    }
    let h = u16::try_from(lines.len()).unwrap_or(20) + 2;
    let r = centered(area, 48, h);
    frame.render_widget(Clear, r);
    let block = Block::bordered()
        .title(format!(" {} ", app.env.strings.help.title))
        .border_style(theme.focus());
    frame.render_widget(Paragraph::new(lines).block(block), r);
}

pub fn confirm(frame: &mut Frame, area: Rect, app: &App, q: Question) {
    let s = &app.env.strings.quit;
    let theme = app.env.theme;
    let title = match q {
        Question::Quit => s.title.clone(),
        Question::Leave => s.leave.clone(),
    };
    let lines = vec![
        Line::from(s.unsaved.clone()),
        Line::from(s.kept.clone()),
        Line::default(),
        Line::from(Span::styled(s.yes_no.clone(), theme.key())),
    ];
    let r = centered(area, 56, 6);
    frame.render_widget(Clear, r);
    let block = Block::bordered()
        .title(format!(" {title} "))
        .border_style(theme.focus());
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        r,
    );
}
