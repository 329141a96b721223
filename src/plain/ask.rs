//! Asking, one line at a time: a question, a numbered list, a text ended
//! by an empty line. The end of the input ends the plain mode — what was
//! answered is kept.

use crate::frontend::strings::{Strings, fill};
use std::fmt::Write as _;
use std::io::{BufRead, Write};

/// The input ended.
#[derive(Debug)]
pub struct Ended;

pub type Asked<T> = Result<T, Ended>;

/// The lines in and out.
pub struct Io<'a> {
    input: &'a mut dyn BufRead,
    out: &'a mut dyn Write,
    words: &'static Strings,
    /// Writes each answer after its question, when the input is not typed
    /// at a terminal (which shows it already), so the transcript reads.
    pub echo: bool,
}

impl<'a> Io<'a> {
    pub fn new(
        input: &'a mut dyn BufRead,
        out: &'a mut dyn Write,
        words: &'static Strings,
    ) -> Io<'a> {
        Io {
            input,
            out,
            words,
            echo: true,
        }
    }

    /// Says one line (or several, for text with newlines).
    pub fn say(&mut self, text: &str) {
        let _ = writeln!(self.out, "{text}");
    }

    /// An empty line, between parts.
    pub fn gap(&mut self) {
        let _ = writeln!(self.out);
    }

    /// Asks `prompt` and reads one answer, without its line end.
    pub fn line(&mut self, prompt: &str) -> Asked<String> {
        let _ = write!(self.out, "{prompt}: ");
        let _ = self.out.flush();
        let mut s = String::new();
        match self.input.read_line(&mut s) {
            Ok(0) | Err(_) => {
                let _ = writeln!(self.out);
                Err(Ended)
            }
            Ok(_) => {
                let a = s.trim_end_matches(['\n', '\r']).to_string();
                if self.echo {
                    let _ = writeln!(self.out, "{a}");
                }
                Ok(a)
            }
        }
    }

    /// Reads a text of several lines; an empty line (or the end of the
    /// input after some lines) ends it.
    pub fn text(&mut self) -> Asked<String> {
        let mut lines: Vec<String> = Vec::new();
        loop {
            let mut s = String::new();
            match self.input.read_line(&mut s) {
                Ok(0) | Err(_) if lines.is_empty() => return Err(Ended),
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
            let l = s.trim_end_matches(['\n', '\r']);
            if self.echo {
                let _ = writeln!(self.out, "{l}");
            }
            if l.trim().is_empty() {
                break;
            }
            lines.push(l.to_string());
        }
        Ok(lines.join("\n"))
    }

    /// Lists `items` numbered from 1 under `title`.
    pub fn list(&mut self, title: &str, items: &[String]) {
        if !title.is_empty() {
            self.say(title);
        }
        for (i, it) in items.iter().enumerate() {
            let _ = writeln!(self.out, "  {}. {it}", i + 1);
        }
    }

    /// One of `items` by its number, or by what `find` makes of the answer;
    /// Enter alone takes `default`. Asks again until the answer is one.
    pub fn choose(
        &mut self,
        title: &str,
        items: &[String],
        default: Option<usize>,
        find: &dyn Fn(&str) -> Option<usize>,
    ) -> Asked<usize> {
        self.list(title, items);
        let last = items.len().to_string();
        let mut prompt = fill(&self.words.plain.choose, &[("last", &last)]);
        if let Some(d) = default {
            let _ = write!(prompt, " [{}]", d + 1);
        }
        loop {
            let a = self.line(&prompt)?;
            let a = a.trim();
            if a.is_empty()
                && let Some(d) = default
            {
                return Ok(d);
            }
            if let Ok(n) = a.parse::<usize>()
                && (1..=items.len()).contains(&n)
            {
                return Ok(n - 1);
            }
            if !a.is_empty()
                && let Some(i) = find(a)
            {
                return Ok(i);
            }
            let msg = fill(
                &self.words.plain.not_a_choice,
                &[("answer", a), ("last", &last)],
            );
            self.say(&msg);
        }
    }

    /// Several of `items` by their numbers; Enter alone keeps `current`.
    pub fn many(&mut self, title: &str, items: &[String], current: &[usize]) -> Asked<Vec<usize>> {
        self.list(title, items);
        let last = items.len().to_string();
        let mut prompt = self.words.plain.choose_many.clone();
        if !current.is_empty() {
            let now: Vec<String> = current.iter().map(|i| (i + 1).to_string()).collect();
            let _ = write!(prompt, " [{}]", now.join(" "));
        }
        'ask: loop {
            let a = self.line(&prompt)?;
            if a.trim().is_empty() {
                return Ok(current.to_vec());
            }
            if a.trim() == "-" {
                return Ok(Vec::new());
            }
            let mut out = Vec::new();
            for part in a.split([' ', ',', ';']).filter(|p| !p.is_empty()) {
                match part.parse::<usize>() {
                    Ok(n) if (1..=items.len()).contains(&n) => {
                        if !out.contains(&(n - 1)) {
                            out.push(n - 1);
                        }
                    }
                    _ => {
                        let msg = fill(
                            &self.words.plain.not_a_choice,
                            &[("answer", part), ("last", &last)],
                        );
                        self.say(&msg);
                        continue 'ask;
                    }
                }
            }
            return Ok(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn run<T>(input: &str, f: impl FnOnce(&mut Io) -> T) -> (T, String) {
        let mut inp = std::io::Cursor::new(input.as_bytes().to_vec());
        let mut out: Vec<u8> = Vec::new();
        let r = {
            let mut io = Io::new(&mut inp, &mut out, Strings::get(Lang::En));
            f(&mut io)
        };
        (r, String::from_utf8_lossy(&out).into_owned())
    }

    #[test]
    fn a_choice_is_a_number_a_name_or_the_default_and_anything_else_is_asked_again() {
        let items = vec!["In Progress".to_string(), "Blocked".to_string()];
        let find = |a: &str| items.iter().position(|i| i.eq_ignore_ascii_case(a));
        let (r, out) = run("7\nx\nblocked\n", |io| {
            io.choose("Status", &items, None, &find)
        });
        assert_eq!(r.expect("answered"), 1);
        assert!(out.contains("  1. In Progress\n  2. Blocked\n"), "{out}");
        assert!(
            out.contains("“7” is not one of them: type a number from 1 to 2."),
            "{out}"
        );
        assert!(out.contains("“x” is not one of them"), "{out}");
        let (r, _) = run("\n", |io| io.choose("Status", &items, Some(0), &find));
        assert_eq!(r.expect("answered"), 0);
        let (r, _) = run("", |io| io.choose("Status", &items, Some(0), &find));
        assert!(r.is_err(), "the end of the input ends the asking");
    }

    fn read_text(io: &mut Io) -> Asked<String> {
        io.text()
    }

    #[test]
    fn a_text_ends_at_an_empty_line_or_the_end_of_the_input() {
        let (r, _) = run("one\ntwo\n\nnext\n", read_text);
        assert_eq!(r.expect("a text"), "one\ntwo");
        let (r, _) = run("last line", read_text);
        assert_eq!(r.expect("a text"), "last line");
        let (r, _) = run("", read_text);
        assert!(r.is_err());
    }

    #[test]
    fn several_numbers_pick_several() {
        let items: Vec<String> = ["a", "b", "c"].iter().map(|s| (*s).to_string()).collect();
        let (r, _) = run("3 1,3\n", |io| io.many("", &items, &[]));
        assert_eq!(r.expect("answered"), [2, 0]);
        let (r, _) = run("\n", |io| io.many("", &items, &[1]));
        assert_eq!(r.expect("answered"), [1]);
        let (r, out) = run("4\n2\n", |io| io.many("", &items, &[]));
        assert_eq!(r.expect("answered"), [1]);
        assert!(out.contains("“4” is not one of them"), "{out}");
    }
}
