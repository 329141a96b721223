//! What is drawn over the screen: the key help and questions.

use super::textview;
use crate::tui::app::{App, Question, Screen};
use crate::tui::keymap;
use crate::tui::strings::fill;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [h] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    h
}

/// The key help for what has the keyboard under it, and in the form the
/// focused field's guidance in full.
pub fn help(frame: &mut Frame, area: Rect, app: &App) {
    let k = &app.env.strings.keys;
    let theme = app.env.theme;
    let keys = keymap::help(app.screen_mode(), k, super::footer::hidden(app));
    let key_w = keys
        .iter()
        .map(|(l, _)| unicode_width::UnicodeWidthStr::width(l.as_str()))
        .max()
        .unwrap_or(0);
    let width = area.width.min(72);
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let mut lines: Vec<Line> = Vec::new();
    if let Screen::Compose(c) = &app.screen {
        let f = &c.template.fields[c.at];
        if !f.help.is_empty() {
            lines.push(Line::from(Span::styled(
                format!("{} — {}", app.env.strings.help.field, f.label),
                theme.title(),
            )));
            for r in textview::wrap(&f.help, inner) {
                lines.push(Line::from(f.help[r].trim_end().to_string()));
            }
            lines.push(Line::default());
        }
    }
    for (label, hint) in keys {
        let pad = key_w.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()));
        lines.push(Line::from(vec![
            Span::styled(format!(" {}{label}  ", " ".repeat(pad)), theme.key()),
            Span::raw(hint),
        ]));
    }
    let h = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let r = centered(area, width, h);
    frame.render_widget(Clear, r);
    let block = Block::bordered()
        .title(format!(" {} ", app.env.strings.help.title))
        .border_style(theme.focus());
    frame.render_widget(Paragraph::new(lines).block(block), r);
}

pub fn confirm(frame: &mut Frame, area: Rect, app: &App, q: Question) {
    let s = &app.env.strings.quit;
    let theme = app.env.theme;
    let Question::Quit = q;
    let n = app.unsaved_count();
    let unsaved = if n > 1 {
        fill(&s.unsaved_many, &[("count", &n.to_string())])
    } else {
        s.unsaved.clone()
    };
    let width = area.width.min(60);
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let mut lines: Vec<Line> = Vec::new();
    for text in [&unsaved, &s.kept] {
        for r in textview::wrap(text, inner) {
            lines.push(Line::from(text[r].trim().to_string()));
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(s.yes_no.clone(), theme.key())));
    let h = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let r = centered(area, width, h);
    frame.render_widget(Clear, r);
    let block = Block::bordered()
        .title(format!(" {} ", s.title))
        .border_style(theme.focus());
    frame.render_widget(Paragraph::new(lines).block(block), r);
}
