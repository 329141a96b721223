//! The step list: every field of the form, done, current or missing.

use super::{block, fit};
use crate::note::{self, Value};
use crate::tui::app::App;
use crate::tui::compose::Compose;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// The mark of a field: done, required and empty, or optional and empty.
pub fn mark(done: bool, required: bool) -> &'static str {
    match (done, required) {
        (true, _) => "✓",
        (false, true) => "•",
        (false, false) => "○",
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, c: &Compose) {
    let theme = app.env.theme;
    let inner_w = usize::from(area.width.saturating_sub(2));
    let label_w = c
        .template
        .fields
        .iter()
        .map(|f| UnicodeWidthStr::width(f.label.as_str()))
        .max()
        .unwrap_or(0)
        .min(inner_w / 2);
    let mut lines = Vec::new();
    for (i, f) in c.template.fields.iter().enumerate() {
        let v = c.note.values.get(&f.id);
        let done = v.is_some_and(|v| !v.is_empty());
        let current = i == c.at;
        let value = match v {
            Some(Value::Workloads(ws)) => ws
                .iter()
                .map(|w| w.code.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            Some(_) => note::display(f, v, c.note.lang, &app.env.catalogue).replace('\n', " "),
            None => String::new(),
        };
        let head = format!(
            "{}{} {}",
            if current { "▸" } else { " " },
            mark(done, f.required),
            fit(&f.label, label_w)
        );
        let pad = label_w.saturating_sub(UnicodeWidthStr::width(fit(&f.label, label_w).as_str()));
        let room = inner_w.saturating_sub(UnicodeWidthStr::width(head.as_str()) + pad + 1);
        let mut spans = vec![Span::styled(
            format!("{head}{} ", " ".repeat(pad)),
            if current {
                theme.focus()
            } else if done {
                theme.done()
            } else {
                ratatui::style::Style::new()
            },
        )];
        spans.push(Span::styled(fit(&value, room), theme.dim()));
        lines.push(Line::from(spans));
    }
    let title = format!(" {} ", app.env.strings.compose.steps);
    frame.render_widget(Paragraph::new(lines).block(block(title, false, app)), area);
}
