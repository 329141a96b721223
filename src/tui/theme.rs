//! Styles. Only the terminal's own named colours are used, so the composer
//! follows the terminal's palette; with `NO_COLOR` set there is no colour at
//! all and marks, bold, underline and reverse video carry the meaning.

use crate::check::Severity;
use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty.
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(self) -> Style {
        if self.color {
            Style::new().add_modifier(Modifier::DIM)
        } else {
            Style::new()
        }
    }

    /// The focused border or list entry.
    pub fn focus(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn done(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn severity(self, s: Severity) -> Style {
        match s {
            Severity::Error => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Severity::Warning => self.fg(Color::Yellow),
            Severity::Hint => self.fg(Color::Blue),
        }
    }

    /// A finding's span in the preview: underlined, so it shows without colour.
    pub fn span(self, s: Severity) -> Style {
        self.severity(s).add_modifier(Modifier::UNDERLINED)
    }

    /// Text a fix would remove, in the preview.
    pub fn fix_removed(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::CROSSED_OUT)
    }

    /// Text a fix would add, in the preview.
    pub fn fix_added(self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::REVERSED)
    }

    pub fn key(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn error(self) -> Style {
        self.severity(Severity::Error)
    }
}
