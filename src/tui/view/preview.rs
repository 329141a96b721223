//! The preview: exactly the text that is copied or written, with the
//! findings' places underlined — and, while a fix is in view, what it
//! would change: the text it removes struck out, the text it adds marked.

use super::{block, textview};
use crate::check::{Edit, Finding};
use crate::tui::app::App;
use crate::tui::compose::Compose;
use crate::tui::strings::fill;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::borrow::Cow;
use std::ops::Range;

/// The text the preview shows: the note, or with a fix in view the note
/// with each edit's new text after the text it replaces.
struct Shown<'a> {
    text: Cow<'a, str>,
    findings: Cow<'a, [Finding]>,
    /// Where the fix removes and adds, in `text`, with their styles.
    marks: Vec<(Range<usize>, Style)>,
    /// For each edit taken, where it ends in the note and how many bytes
    /// the shown text has added before that point.
    shifts: Vec<(usize, usize)>,
}

impl<'a> Shown<'a> {
    fn new(c: &'a Compose, fix: Option<&[Edit]>, app: &App) -> Shown<'a> {
        let Some(fix_edits) = fix else {
            return Shown {
                text: Cow::Borrowed(&c.text),
                findings: Cow::Borrowed(&c.report.findings),
                marks: Vec::new(),
                shifts: Vec::new(),
            };
        };
        let theme = app.env.theme;
        let text = c.text.as_str();
        let mut edits: Vec<&Edit> = fix_edits.iter().collect();
        edits.sort_by_key(|e| (e.start, e.end));
        let mut out = String::with_capacity(text.len() + 64);
        let mut marks = Vec::new();
        let mut shifts = Vec::new();
        let mut at = 0;
        for e in edits {
            // The edits `fix::apply` takes, the others left out.
            let ok = e.start >= at
                && e.start <= e.end
                && e.end <= text.len()
                && text.is_char_boundary(e.start)
                && text.is_char_boundary(e.end);
            if !ok {
                continue;
            }
            out.push_str(&text[at..e.end]);
            if e.end > e.start {
                marks.push((
                    out.len() - (e.end - e.start)..out.len(),
                    theme.fix_removed(),
                ));
            }
            if !e.replacement.is_empty() {
                marks.push((
                    out.len()..out.len() + e.replacement.len(),
                    theme.fix_added(),
                ));
                out.push_str(&e.replacement);
            }
            shifts.push((e.end, out.len() - e.end));
            at = e.end;
        }
        out.push_str(&text[at..]);
        let mut shown = Shown {
            text: Cow::Owned(out),
            findings: Cow::Borrowed(&[]),
            marks,
            shifts,
        };
        let findings = c
            .report
            .findings
            .iter()
            .map(|f| Finding {
                start: shown.map(f.start),
                end: shown.map(f.end),
                ..f.clone()
            })
            .collect::<Vec<_>>();
        shown.findings = Cow::Owned(findings);
        shown
    }

    /// Where byte `o` of the note is in the shown text.
    fn map(&self, o: usize) -> usize {
        let i = self.shifts.partition_point(|(end, _)| *end <= o);
        o + i.checked_sub(1).map_or(0, |k| self.shifts[k].1)
    }
}

/// Rows the preview wants: its text wrapped, plus borders, within reason.
pub fn height(c: &Compose, area: Rect) -> u16 {
    let w = usize::from(area.width.saturating_sub(2).max(1));
    let mut rows = 0usize;
    let all = c
        .separate
        .iter()
        .map(|(_, t)| t.as_str())
        .chain(std::iter::once(c.text.as_str()));
    for t in all {
        for l in t.split('\n') {
            rows += unicode_width::UnicodeWidthStr::width(l).div_ceil(w).max(1);
        }
        rows += 1;
    }
    let most = usize::from(area.height) * 2 / 5;
    u16::try_from(rows.clamp(3, most.max(3)) + 2).unwrap_or(u16::MAX)
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, c: &Compose) {
    let theme = app.env.theme;
    let w = usize::from(area.width.saturating_sub(2).max(1));
    let h = usize::from(area.height.saturating_sub(2));
    // The fix in view, as the form would make it.
    let offer = c.offer(&app.env);
    let fix = offer.as_ref().and_then(|(f, taking)| {
        taking
            .as_ref()
            .map(|t| (f.label.as_str(), t.edits.as_slice()))
    });
    let shown = Shown::new(c, fix.map(|(_, e)| e), app);
    // While a fix shows, its marks stand out, not the selected finding.
    let selected = if fix.is_some() { None } else { c.finding };
    let scroll = scroll_to(c, &shown, w, h);
    // Only the rows that show are built: the note is wrapped here, by cells.
    let mut lines: Vec<Line> = Vec::new();
    let mut row = 0usize;
    let mut at = 0usize;
    let changed = |line: &str| {
        c.baseline
            .as_ref()
            .is_some_and(|(_, old)| !line.trim().is_empty() && !old.lines().any(|o| o == line))
    };
    for raw in shown.text.split('\n') {
        let new = changed(raw);
        for r in textview::wrap(raw, w) {
            if row >= scroll && row < scroll + h {
                let mut l = marked_line(
                    &raw[r.clone()],
                    at + r.start,
                    (&shown.findings, selected),
                    &shown.marks,
                    app,
                );
                if new {
                    l = l.patch_style(theme.title());
                }
                lines.push(l);
            }
            row += 1;
        }
        at += raw.len() + 1;
        if row >= scroll + h {
            break;
        }
    }
    for (i, part) in &c.separate {
        if lines.len() >= h {
            break;
        }
        let label = &c.template.fields[*i].label;
        let title = fill(&app.env.strings.compose.separate, &[("label", label)]);
        lines.push(Line::from(Span::styled(
            format!("── {title} ──"),
            theme.dim(),
        )));
        for l in part.split('\n') {
            for r in textview::wrap(l, w) {
                lines.push(Line::from(l[r].to_string()));
            }
        }
    }
    let mut title = match fix {
        Some((label, _)) => {
            let key =
                crate::tui::keymap::key_label(&crate::tui::action::Action::ApplyFix, c.mode())
                    .unwrap_or("");
            format!(
                " {} ",
                fill(
                    &app.env.strings.fixes.preview,
                    &[("key", key), ("fix", label)]
                )
            )
        }
        None => format!(" {} ", app.env.strings.compose.preview),
    };
    if let Some((when, _)) = &c.baseline {
        title.push_str(&fill(
            &app.env.strings.compose.changed_since,
            &[("when", when)],
        ));
        title.push(' ');
    }
    frame.render_widget(Paragraph::new(lines).block(block(title, false, app)), area);
}

/// One line of the note, split where findings and a fix's marks start and
/// end.
fn marked_line<'a>(
    raw: &'a str,
    start: usize,
    (findings, selected): (&[Finding], Option<usize>),
    marks: &[(Range<usize>, Style)],
    app: &App,
) -> Line<'a> {
    let theme = app.env.theme;
    let end = start + raw.len();
    // Cut points inside this line.
    let mut cuts = vec![0, raw.len()];
    let ends = findings
        .iter()
        .flat_map(|f| [f.start, f.end])
        .chain(marks.iter().flat_map(|(r, _)| [r.start, r.end]));
    for p in ends {
        if p > start && p < end && raw.is_char_boundary(p - start) {
            cuts.push(p - start);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut spans = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (ga, gb) = (start + a, start + b);
        // The most severe finding covering this piece; the selected one wins.
        let cover = findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.start < gb && f.end > ga && f.end > f.start);
        let mut style = ratatui::style::Style::new();
        let mut best: Option<(usize, &Finding)> = None;
        for (i, f) in cover {
            if best.is_none_or(|(bi, bf)| {
                selected == Some(i) || (selected != Some(bi) && f.severity < bf.severity)
            }) {
                best = Some((i, f));
            }
        }
        if let Some((i, f)) = best {
            style = theme.span(f.severity);
            if selected == Some(i) {
                style = style.patch(theme.selected());
            }
        }
        for (r, mark) in marks {
            if r.start < gb && r.end > ga {
                style = style.patch(*mark);
            }
        }
        spans.push(Span::styled(&raw[a..b], style));
    }
    Line::from(spans)
}

/// How far to scroll so the fix in view, else the selected finding, else
/// the focused field, shows.
fn scroll_to(c: &Compose, shown: &Shown<'_>, w: usize, h: usize) -> usize {
    let target = if let Some((r, _)) = shown.marks.first() {
        r.start
    } else {
        match c.finding.and_then(|i| shown.findings.get(i)) {
            Some(f) => f.start,
            None => match c.spans.get(&c.template.fields[c.at].id) {
                Some(r) => shown.map(r.end),
                None => return 0,
            },
        }
    };
    let mut row = 0usize;
    let mut at = 0usize;
    for l in shown.text.split('\n') {
        let end = at + l.len();
        let rows = textview::wrap(l, w);
        if target <= end {
            let k = rows
                .iter()
                .position(|r| target - at < r.end)
                .unwrap_or(rows.len() - 1);
            row += k;
            break;
        }
        row += rows.len();
        at = end + 1;
    }
    // Two rows above the bottom, when the preview has them.
    (row + 2).saturating_sub(h.max(1)).min(row)
}
