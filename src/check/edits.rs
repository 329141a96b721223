//! Building fixes: the edits that take a phrase out cleanly, and the pieces
//! of template a placeholder fix inserts. The rules attach them to their
//! findings; the texts come from the templates and the word lists.

use super::Ctx;
use super::fix::Edit;
use super::lexicon::is_cjk;
use std::ops::Range;

/// Removes `r` from the text with the space around it, so the sentence
/// still reads: "cannot deploy at this time." → "cannot deploy.";
/// "Currently, the customer …" → "The customer …"; "現時点では、展開" → "展開".
pub fn remove(c: &Ctx<'_>, r: &Range<usize>) -> Edit {
    let text = c.text;
    let before = &text[..r.start];
    let after = &text[r.end..];
    // A clause mark right after the phrase goes with it: "Currently, …", "現時点では、…".
    let mark = after
        .chars()
        .next()
        .filter(|ch| matches!(ch, ',' | '、' | '，'))
        .map_or(0, char::len_utf8);
    let after_mark = &after[mark..];
    let spaces_after = after_mark.len() - after_mark.trim_start_matches([' ', '\t']).len();
    let spaces_before = before.len() - before.trim_end_matches([' ', '\t']).len();
    let at_start = before.trim_end_matches([' ', '\t']).is_empty()
        || before
            .trim_end_matches([' ', '\t'])
            .ends_with(['.', '!', '?', '\n', '。', '！', '？']);
    if at_start {
        // Take the spaces after it, and give the next word its capital.
        let end = r.end + mark + spaces_after;
        let next = text[end..].chars().next();
        return match next {
            Some(ch) if ch.is_lowercase() && !is_cjk(ch) => {
                Edit::new(r.start..end + ch.len_utf8(), ch.to_uppercase().to_string())
            }
            _ => Edit::new(r.start..end, ""),
        };
    }
    let cjk = text[r.clone()].starts_with(is_cjk);
    let line_ends = after_mark.trim_start_matches([' ', '\t']).is_empty()
        || after_mark
            .trim_start_matches([' ', '\t'])
            .starts_with(['\n', '\r']);
    if cjk && mark == 0 && spaces_before > 0 && line_ends {
        // "スナップショット: （…）" at a line's end: the space before goes too.
        return Edit::new(r.start - spaces_before..r.end + spaces_after, "");
    }
    if cjk || spaces_before == 0 {
        // "… 現在 Exchange": one of the two spaces goes too.
        let extra = if mark == 0 && spaces_before > 0 {
            spaces_after
        } else {
            0
        };
        return Edit::new(r.start..r.end + mark + extra, "");
    }
    // "deploy, currently, because" → "deploy because"; "deploy currently." → "deploy."
    let comma_before = before.trim_end_matches([' ', '\t']).ends_with(',');
    if comma_before && mark > 0 {
        let start = before.trim_end_matches([' ', '\t']).len() - 1;
        return Edit::new(start..r.end + mark, "");
    }
    Edit::new(r.start - spaces_before..r.end + mark, "")
}

/// Does the removal `e` take a clause mark from the middle of a sentence
/// ("Customer 現時点では、一時停止" → "Customer 一時停止")? Two clauses become
/// one, and the note may read otherwise: the author should look.
pub fn joins_clauses(c: &Ctx<'_>, e: &Edit) -> bool {
    let removed = &c.text[e.start..e.end];
    let before = c.text[..e.start].trim_end_matches([' ', '\t']);
    let at_start = before.is_empty() || before.ends_with(['.', '!', '?', '\n', '。', '！', '？']);
    // After a topic or case particle ("顧客は現在、…", "客户目前，…") the
    // words removed stood inside one clause.
    let after_particle = before.ends_with([
        'は', 'が', 'も', 'に', 'で', 'と', 'を', '、', '，', '是', '在', '也', '都',
    ]);
    !at_start && !after_particle && removed.contains([',', '、', '，'])
}

/// Where to insert a clause before the end of a sentence: before its
/// closing punctuation ("… deploy." → "… deploy due to [primary issue].").
pub fn before_end(c: &Ctx<'_>, sentence: &Range<usize>) -> usize {
    let s = &c.text[sentence.clone()];
    let trimmed = s.trim_end_matches(['.', '!', '?', '。', '！', '？', ' ']);
    sentence.start + trimmed.len()
}

/// The blank standing for a field's value: its label in brackets, in
/// lower case where the language writes nouns so ("[next action]";
/// German keeps its capitals: "[Nächste Aktion]").
pub fn blank_of(label: &str, lang: crate::lang::Lang) -> String {
    if lang == crate::lang::Lang::En {
        format!("[{}]", label.to_lowercase())
    } else {
        format!("[{label}]")
    }
}

/// The end of the note's text, before trailing white space.
pub fn end(c: &Ctx<'_>) -> usize {
    c.text.trim_end().len()
}

/// A word list's text with a leading space when the note's language writes
/// spaces and the text before does not end in one.
pub fn spaced(c: &Ctx<'_>, at: usize, piece: &str) -> String {
    let spaced_script = matches!(c.lex.lang, crate::lang::Lang::En | crate::lang::Lang::De);
    let before = c.text[..at].chars().next_back();
    let needs = spaced_script
        && before.is_some_and(|b| !b.is_whitespace())
        && piece.chars().next().is_some_and(|p| !p.is_whitespace());
    if needs {
        format!(" {piece}")
    } else {
        piece.to_string()
    }
}

/// Does a grapheme cluster begin (or the text end) at byte `at`?
pub fn grapheme_boundary(text: &str, at: usize) -> bool {
    unicode_segmentation::GraphemeCursor::new(at, text.len(), true)
        .is_boundary(text, 0)
        .unwrap_or(true)
}

/// The edit widened to whole graphemes: text a combining mark or a joiner
/// holds to the edited part moves with it, so no fix splits a cluster.
pub fn whole_graphemes(text: &str, e: Edit) -> Edit {
    use unicode_segmentation::GraphemeCursor;
    let boundary = |at: usize| grapheme_boundary(text, at);
    if e.start > text.len() || e.end > text.len() || e.start > e.end {
        return e;
    }
    let mut start = e.start;
    while start > 0 && !boundary(start) {
        start = GraphemeCursor::new(start, text.len(), true)
            .prev_boundary(text, 0)
            .ok()
            .flatten()
            .unwrap_or(0);
    }
    let mut end = e.end;
    while end < text.len() && !boundary(end) {
        end = GraphemeCursor::new(end, text.len(), true)
            .next_boundary(text, 0)
            .ok()
            .flatten()
            .unwrap_or(text.len());
    }
    if start == e.start && end == e.end {
        return e;
    }
    let mut replacement = format!(
        "{}{}{}",
        &text[start..e.start],
        e.replacement,
        &text[e.end..end]
    );
    // A replacement that begins with a mark would cling to the text before
    // the edit; take that cluster in too, so the mark keeps its base.
    while start > 0 && !starts_cleanly(&replacement) {
        let before = GraphemeCursor::new(start, text.len(), true)
            .prev_boundary(text, 0)
            .ok()
            .flatten()
            .unwrap_or(0);
        replacement.insert_str(0, &text[before..start]);
        start = before;
    }
    Edit::new(start..end, replacement)
}

/// Whether `s` begins a grapheme of its own rather than extending the one
/// before it.
fn starts_cleanly(s: &str) -> bool {
    use unicode_segmentation::UnicodeSegmentation;
    let Some(first) = s.chars().next() else {
        return true;
    };
    let mut joined = String::with_capacity(first.len_utf8() + 1);
    joined.push('x');
    joined.push(first);
    joined.graphemes(true).count() == 2
}
