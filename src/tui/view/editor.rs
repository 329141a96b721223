//! The focused field: a list to pick from, or a text editor.

use super::{block, fit};
use crate::tui::app::App;
use crate::tui::compose::Compose;
use crate::tui::form::{self, FieldState, Picker, Sentences};
use crate::tui::strings::fill;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use tui_textarea::TextArea;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, c: &Compose) {
    let field = &c.template.fields[c.at];
    let title = format!(" {} ", field.label);
    let outer = block(title, true, app);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    // The field's guidance, then the field. Filling blanks needs the room:
    // the guidance keeps one row there (F1 shows it whole).
    let filling = matches!(
        &c.fields[c.at],
        FieldState::Text {
            sentences: Some(Sentences::Fill { .. }),
            ..
        }
    );
    let help_rows = if field.help.is_empty() {
        Vec::new()
    } else {
        let most = if filling {
            1
        } else {
            (inner.height / 3).max(1)
        };
        help_lines(&field.help, inner.width, most)
    };
    let help_h = u16::try_from(help_rows.len()).unwrap_or(0);
    let [help, body] =
        Layout::vertical([Constraint::Length(help_h), Constraint::Min(1)]).areas(inner);
    if help_h > 0 {
        let lines: Vec<Line> = help_rows
            .into_iter()
            .map(|r| Line::from(Span::styled(r, app.env.theme.dim())))
            .collect();
        frame.render_widget(Paragraph::new(lines), help);
    }
    let gap = u16::from(help_h > 0 && (!filling || body.height > 6));
    let body = Rect {
        y: body.y + gap,
        height: body.height.saturating_sub(gap),
        ..body
    };
    let s = &app.env.strings.compose;
    match &c.fields[c.at] {
        FieldState::Choice { picker, chosen } => list(
            frame,
            body,
            app,
            picker,
            |id| chosen.as_deref() == Some(id),
            false,
        ),
        FieldState::Multi { picker, chosen } => list(
            frame,
            body,
            app,
            picker,
            |id| chosen.iter().any(|c| c == id),
            true,
        ),
        FieldState::Line(t) => {
            let [row] = Layout::vertical([Constraint::Length(3)]).areas(body);
            editor(frame, row, t);
        }
        FieldState::Date(t) => {
            let [row, _, note] = Layout::vertical([
                Constraint::Length(1),
                Constraint::Length(1),
                Constraint::Min(1),
            ])
            .areas(body);
            input(frame, row, app, t, "");
            let raw = t.lines().join(" ");
            let said = match form::understood_date(&raw, c.note.lang, app.env.today) {
                Some(d) => fill(
                    &s.date_understood,
                    &[("date", &app.env.strings.long_date(d))],
                ),
                None if raw.trim().is_empty() => String::new(),
                None => s.date_unknown.clone(),
            };
            frame.render_widget(Paragraph::new(said).wrap(Wrap { trim: true }), note);
        }
        FieldState::Text {
            editor: t,
            sentences,
        } => match sentences {
            None => {
                if let Some(status) = c.needs_status() {
                    let [top, rest] =
                        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
                    frame.render_widget(
                        Paragraph::new(fit(
                            &fill(&s.choose_status_first, &[("field", &status)]),
                            usize::from(top.width),
                        )),
                        top,
                    );
                    editor(frame, rest, t);
                } else if c.offers_sentences() && body.height > 4 {
                    let [ed, tip] =
                        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(body);
                    editor(frame, ed, t);
                    let status = status_label(c, app);
                    frame.render_widget(
                        Paragraph::new(Span::styled(
                            fit(
                                &fill(&s.sentences_again, &[("status", &status)]),
                                usize::from(tip.width),
                            ),
                            app.env.theme.dim(),
                        )),
                        tip,
                    );
                } else {
                    editor(frame, body, t);
                }
            }
            Some(Sentences::Pick(p)) => {
                let status = status_label(c, app);
                let replacing = !t.is_empty();
                let [top, note, rest] = Layout::vertical([
                    Constraint::Length(1),
                    Constraint::Length(u16::from(replacing)),
                    Constraint::Min(1),
                ])
                .areas(body);
                frame.render_widget(
                    Paragraph::new(fit(
                        &fill(&s.pick_sentence, &[("status", &status)]),
                        usize::from(top.width),
                    ))
                    .style(app.env.theme.title()),
                    top,
                );
                if replacing {
                    frame.render_widget(
                        Paragraph::new(Span::styled(
                            fit(&s.replaces_text, usize::from(note.width)),
                            app.env.theme.dim(),
                        )),
                        note,
                    );
                }
                sentence_list(frame, rest, app, p);
            }
            Some(Sentences::Fill {
                sentence,
                names,
                inputs,
                at,
            }) => fill_view(frame, body, app, sentence, names, inputs, *at),
        },
        FieldState::Workloads(w) => workloads(frame, body, app, w),
    }
}

/// An Exec Summary's workloads: a line per workload (the focused one with
/// its input line), the row that adds one, and — while adding — the
/// workloads that match what is typed.
fn workloads(frame: &mut Frame, body: Rect, app: &App, w: &form::Workloads) {
    let s = &app.env.strings.compose;
    let theme = app.env.theme;
    let on = w.on_adder();
    let matches = if on {
        w.adder.visible().len().max(1)
    } else {
        0
    };
    let height = usize::from(body.height);
    // The adder's list keeps up to three rows, the hint one where there is
    // room; the lines get the rest.
    let list_min = matches.min(3);
    let hint_h =
        usize::from(on && !w.entries.is_empty() && height >= w.entries.len().min(2) + 2 + list_min);
    let lines_room = height.saturating_sub(1 + hint_h + list_min).max(1);
    let focus = w.at.min(w.entries.len().saturating_sub(1));
    let first = if on {
        w.entries.len().saturating_sub(lines_room)
    } else {
        focus.saturating_sub(lines_room - 1)
    };
    let code_w = w
        .entries
        .iter()
        .map(|e| e.line.code.chars().count())
        .max()
        .unwrap_or(3)
        + 4;
    let row_at = |y: u16, x_off: u16| Rect {
        x: body.x + x_off,
        y,
        width: body.width.saturating_sub(x_off),
        height: 1,
    };
    let bottom = body.y + body.height;
    let mut y = body.y;
    for (i, e) in w.entries.iter().enumerate().skip(first).take(lines_room) {
        if y >= bottom {
            break;
        }
        let [code, text] = Layout::horizontal([
            Constraint::Length(u16::try_from(code_w).unwrap_or(8)),
            Constraint::Min(1),
        ])
        .areas(row_at(y, 0));
        let focused = i == w.at;
        let style = if focused { theme.focus() } else { Style::new() };
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("{}[{}]", if focused { "▸" } else { " " }, e.line.code),
                style,
            )),
            code,
        );
        if focused {
            input(frame, text, app, &e.editor, &s.workload_line);
        } else {
            let t = e.editor.lines().join(" ");
            let shown = if t.trim().is_empty() {
                s.empty.clone()
            } else {
                t
            };
            frame.render_widget(Paragraph::new(fit(&shown, usize::from(text.width))), text);
        }
        y += 1;
    }
    if y >= bottom {
        return;
    }
    let row = row_at(y, 0);
    let list_rows = usize::from(bottom - y).saturating_sub(1 + hint_h);
    let mut label = if on && !w.adder.filter.is_empty() {
        format!("+ {}▏", w.adder.filter)
    } else {
        s.add_workload.clone()
    };
    // No room for the matches below: the one Enter adds, on this row.
    if on
        && list_rows == 0
        && !w.adder.filter.is_empty()
        && let Some(it) = w.adder.current()
    {
        label.push_str("  → ");
        label.push_str(&it.label);
    }
    frame.render_widget(
        Paragraph::new(Span::styled(
            fit(&label, usize::from(row.width)),
            if on { theme.focus() } else { theme.dim() },
        )),
        row,
    );
    y += 1;
    if hint_h > 0 && y < bottom {
        frame.render_widget(
            Paragraph::new(Span::styled(
                fit(
                    &s.to_workload_lines,
                    usize::from(body.width.saturating_sub(2)),
                ),
                theme.dim(),
            )),
            row_at(y, 2),
        );
        y += 1;
    }
    if on && y < bottom {
        let rest = Rect {
            height: bottom - y,
            ..row_at(y, 2)
        };
        list_with(frame, rest, app, &w.adder, |_| false, false, false);
    }
}

/// `text` wrapped at `width` into at most `most` rows; when it does not
/// fit, the last row ends in "…".
pub fn help_lines(text: &str, width: u16, most: u16) -> Vec<String> {
    let w = usize::from(width.max(1));
    let rows = super::textview::wrap(text, w);
    let most = usize::from(most.max(1));
    if rows.len() <= most {
        return rows
            .into_iter()
            .map(|r| text[r].trim_end().to_string())
            .collect();
    }
    let mut out: Vec<String> = rows[..most - 1]
        .iter()
        .map(|r| text[r.clone()].trim_end().to_string())
        .collect();
    out.push(fit(&text[rows[most - 1].start..], w));
    out
}

fn help_height(text: &str, width: u16) -> u16 {
    let w = usize::from(width.max(1));
    u16::try_from(super::textview::wrap(text, w).len()).unwrap_or(u16::MAX)
}

/// The chosen status, as the template names it.
fn status_label(c: &Compose, app: &App) -> String {
    let Some(sf) = c.template.status_field() else {
        return String::new();
    };
    c.status()
        .map(|id| crate::note::choice_label(sf, id, c.note.lang, &app.env.catalogue))
        .unwrap_or_default()
}

/// A one-row input: underlined so it shows before anything is typed, with
/// a dimmed `placeholder` while empty, and the terminal's cursor on it.
fn input(frame: &mut Frame, area: Rect, app: &App, t: &TextArea<'static>, placeholder: &str) {
    let row = Rect {
        height: area.height.min(1),
        ..area
    };
    frame.render_widget(
        Paragraph::new("").style(Style::new().add_modifier(ratatui::style::Modifier::UNDERLINED)),
        row,
    );
    if t.is_empty() && !placeholder.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                fit(placeholder, usize::from(row.width)),
                app.env.theme.dim(),
            )),
            row,
        );
        frame.set_cursor_position(ratatui::layout::Position::new(row.x, row.y));
    } else {
        editor(frame, row, t);
    }
}

/// The focused editor, with the terminal's own cursor on it.
fn editor(frame: &mut Frame, area: Rect, t: &TextArea<'static>) {
    super::textview::draw(frame, area, t);
}

/// A list with the selection and, for choices, the chosen entry marked.
pub(super) fn list(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    p: &Picker,
    chosen: impl Fn(&str) -> bool,
    multi: bool,
) {
    list_with(frame, area, app, p, chosen, multi, true);
}

/// [`list`], with or without the line naming the filter (the workload
/// adder shows it on its own row).
fn list_with(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    p: &Picker,
    chosen: impl Fn(&str) -> bool,
    multi: bool,
    filter_line: bool,
) {
    let theme = app.env.theme;
    let s = &app.env.strings.compose;
    let mut lines: Vec<Line> = Vec::new();
    if filter_line && !p.filter.is_empty() {
        lines.push(Line::from(Span::styled(
            fill(&s.filter, &[("filter", &p.filter)]),
            theme.title(),
        )));
    }
    let visible = p.visible();
    if visible.is_empty() {
        lines.push(Line::from(fill(&s.no_match, &[("filter", &p.filter)])));
    }
    let room = usize::from(area.height).saturating_sub(lines.len()).max(1);
    let first = p.selected.saturating_sub(room.saturating_sub(1));
    let w = usize::from(area.width);
    // Workload codes carry their names in the label; their details are
    // other names, for finding them.
    let shows_detail = |it: &form::Item| {
        !it.detail.is_empty()
            && !it
                .id
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    };
    let mut cut = false;
    for (row, &i) in visible.iter().enumerate().skip(first).take(room) {
        let it = &p.items[i];
        let sel = row == p.selected;
        let mark = match (multi, chosen(&it.id)) {
            (true, true) => "[x] ",
            (true, false) => "[ ] ",
            (false, true) => "✓ ",
            (false, false) => "  ",
        };
        let pointer = if sel { "▸ " } else { "  " };
        let head = format!("{pointer}{mark}{}", it.label);
        let style = if sel { theme.selected() } else { Style::new() };
        let mut spans = vec![Span::styled(fit(&head, w), style)];
        let used = unicode_width::UnicodeWidthStr::width(head.as_str());
        if shows_detail(it) && used + 4 < w {
            let room = w - used - 2;
            if sel && unicode_width::UnicodeWidthStr::width(it.detail.as_str()) > room {
                cut = true;
            }
            spans.push(Span::styled(
                format!("  {}", fit(&it.detail, room)),
                theme.dim(),
            ));
        }
        lines.push(Line::from(spans));
    }
    // The selected entry's detail in full, where it was cut and room is left.
    if cut && let Some(it) = p.current() {
        let rows = help_lines(&it.detail, area.width.saturating_sub(2), 3);
        let left = usize::from(area.height).saturating_sub(lines.len());
        if rows.len() <= left {
            if rows.len() < left {
                lines.push(Line::default());
            }
            for r in rows {
                lines.push(Line::from(Span::styled(format!("  {r}"), theme.dim())));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// Sentence templates, each wrapped over as many lines as it needs.
fn sentence_list(frame: &mut Frame, area: Rect, app: &App, p: &Picker) {
    let theme = app.env.theme;
    let mut lines: Vec<Line> = Vec::new();
    let w = usize::from(area.width).saturating_sub(5).max(1);
    let mut upto = 0;
    for (row, &i) in p.visible().iter().enumerate() {
        let it = &p.items[i];
        let sel = row == p.selected;
        let style = if sel { theme.selected() } else { Style::new() };
        let n = if it.id.is_empty() {
            String::new()
        } else {
            format!("{}.", it.id)
        };
        for (k, r) in super::textview::wrap(&it.label, w).into_iter().enumerate() {
            let head = match (k, sel) {
                (0, true) => format!("▸ {n:<3}"),
                (0, false) => format!("  {n:<3}"),
                _ => "     ".to_string(),
            };
            lines.push(Line::from(vec![
                Span::raw(head),
                Span::styled(it.label[r].trim_end().to_string(), style),
            ]));
        }
        if row <= p.selected {
            upto = lines.len();
        }
    }
    // Keep the selection in view.
    let scroll = u16::try_from(upto.saturating_sub(usize::from(area.height))).unwrap_or(0);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), area);
}

/// The sentence with its blanks, and a small field per blank; the blank
/// being filled always shows, with its input line.
fn fill_view(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    sentence: &str,
    names: &[String],
    inputs: &[TextArea<'static>],
    at: usize,
) {
    let theme = app.env.theme;
    let values = Sentences::values(inputs);
    let filled = crate::template::placeholder::fill(sentence, &values);
    // Rows: the blanks come first, then the sentence, then the intro line.
    let blanks = u16::try_from(names.len()).unwrap_or(u16::MAX);
    let sentence_h = help_height(&filled, area.width).max(1);
    let spare = area.height.saturating_sub(blanks.min(area.height));
    let show_sentence = sentence_h.min(spare);
    let intro_h = u16::from(spare > show_sentence);
    let gap_h = u16::from(spare > show_sentence + intro_h);
    let [intro, top, _, rest] = Layout::vertical([
        Constraint::Length(intro_h),
        Constraint::Length(show_sentence),
        Constraint::Length(gap_h),
        Constraint::Min(1),
    ])
    .areas(area);
    let mut spans = Vec::new();
    let mut last = 0;
    for (i, ph) in crate::template::placeholder::find(sentence)
        .iter()
        .enumerate()
    {
        spans.push(Span::raw(&sentence[last..ph.span.start]));
        let v = values.get(i).map(|v| v.trim()).filter(|v| !v.is_empty());
        let text = v.map_or_else(|| sentence[ph.span.clone()].to_string(), str::to_string);
        let style = if i == at {
            theme.selected()
        } else {
            theme.title()
        };
        spans.push(Span::styled(text, style));
        last = ph.span.end;
    }
    spans.push(Span::raw(&sentence[last..]));
    if intro_h > 0 {
        frame.render_widget(
            Paragraph::new(Span::styled(
                fit(
                    &app.env.strings.compose.fill_blanks,
                    usize::from(intro.width),
                ),
                theme.dim(),
            )),
            intro,
        );
    }
    frame.render_widget(
        Paragraph::new(Line::from(spans)).wrap(Wrap { trim: false }),
        top,
    );
    let label_w = names
        .iter()
        .map(|n| unicode_width::UnicodeWidthStr::width(n.as_str()))
        .max()
        .unwrap_or(0)
        .min(usize::from(rest.width / 2))
        + 4;
    // Keep the blank being filled in view.
    let room = usize::from(rest.height).max(1);
    let first = at.saturating_sub(room - 1);
    for (row_i, (i, (name, input_t))) in names
        .iter()
        .zip(inputs)
        .enumerate()
        .skip(first)
        .take(room)
        .enumerate()
    {
        let y = rest.y + u16::try_from(row_i).unwrap_or(u16::MAX);
        let row = Rect {
            x: rest.x,
            y,
            width: rest.width,
            height: 1,
        };
        let [l, r] = Layout::horizontal([
            Constraint::Length(u16::try_from(label_w).unwrap_or(20)),
            Constraint::Min(1),
        ])
        .areas(row);
        let focused = i == at;
        let style = if focused { theme.focus() } else { Style::new() };
        let pointer = if focused { "▸ " } else { "  " };
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("{pointer}{}", fit(name, label_w - 4)),
                style,
            )),
            l,
        );
        if focused {
            input(frame, r, app, input_t, "");
        } else {
            frame.render_widget(
                Paragraph::new(fit(&input_t.lines().join(" "), usize::from(r.width))),
                r,
            );
        }
    }
}
