//! Marking passages in an article's text, and the word differences between quote variants.
//!
//! Offsets are chars of `Article.text` (see `wiretrace_core::Span`); they come from stored
//! data, so they are clamped to the text rather than trusted.

use maud::{html, Markup};
use wiretrace_core::Span;

/// One copied passage to mark: a numbered anchor at its start linking to its counterpart.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    pub span: Span,
    /// Its number in text order, shown on the link.
    pub number: usize,
    /// The element id (`p812`), what counterparts link to; `None` when another passage
    /// starting at the same place already has it.
    pub anchor: Option<String>,
    /// Where the passage also appears (`/articles/other#p7`).
    pub href: String,
    /// Tooltip: which outlet it is shared with.
    pub label: String,
}

/// `text` with every char covered by a marker inside `<mark>` (class `many` where several
/// passages overlap) and each marker's anchor link placed where its passage starts.
pub fn marked_text(text: &str, markers: &[Marker]) -> Markup {
    let chars = text.chars().count();
    let markers: Vec<(usize, usize, &Marker)> = markers
        .iter()
        .map(|m| (m.span.start.min(chars), m.span.end.min(chars), m))
        .filter(|(start, end, _)| start < end)
        .collect();
    let mut bounds: Vec<usize> = vec![0, chars];
    bounds.extend(markers.iter().flat_map(|&(s, e, _)| [s, e]));
    bounds.sort_unstable();
    bounds.dedup();
    let bytes = byte_offsets(text, &bounds);

    html! {
        @for (i, pair) in bounds.windows(2).enumerate() {
            @let (start, end) = (pair[0], pair[1]);
            @for (_, _, m) in markers.iter().filter(|(s, _, _)| *s == start) {
                a.pmark id=[m.anchor.as_deref()] href=(m.href) title=(m.label) { (m.number) }
            }
            @let segment = &text[bytes[i]..bytes[i + 1]];
            @let depth = markers.iter().filter(|(s, e, _)| *s <= start && *e >= end).count();
            @if depth == 0 {
                (segment)
            } @else if depth == 1 {
                mark.copied { (segment) }
            } @else {
                mark.copied.many { (segment) }
            }
        }
    }
}

/// The byte offset of each char offset in `sorted_chars` (ascending, each at most the char
/// count).
fn byte_offsets(text: &str, sorted_chars: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(sorted_chars.len());
    let mut wanted = sorted_chars.iter().peekable();
    for (n, (byte, _)) in text.char_indices().chain(std::iter::once((text.len(), ' '))).enumerate() {
        while wanted.peek().is_some_and(|&&c| c == n) {
            out.push(byte);
            wanted.next();
        }
    }
    out
}

/// One word of a variant compared with the main text of a quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WordChange<'a> {
    Same(&'a str),
    /// In the variant only.
    Added(&'a str),
    /// In the main text only.
    Removed(&'a str),
}

/// The words of `variant` against `main`, by longest common subsequence. Quotes are short;
/// past 300 words a side the whole thing counts as changed rather than paying n².
pub fn word_diff<'a>(main: &'a str, variant: &'a str) -> Vec<WordChange<'a>> {
    let a: Vec<&str> = main.split_whitespace().collect();
    let b: Vec<&str> = variant.split_whitespace().collect();
    if a.len() > 300 || b.len() > 300 {
        return a.into_iter().map(WordChange::Removed).chain(b.into_iter().map(WordChange::Added)).collect();
    }
    // lcs[i][j]: common words of a[i..] and b[j..]
    let mut lcs = vec![vec![0u16; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push(WordChange::Same(a[i]));
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push(WordChange::Added(b[j]));
            j += 1;
        } else {
            out.push(WordChange::Removed(a[i]));
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(start: usize, end: usize, n: usize) -> Marker {
        Marker {
            span: Span::new(start, end),
            number: n,
            anchor: Some(format!("p{start}")),
            href: format!("/articles/other#p{n}"),
            label: "Other".into(),
        }
    }

    #[test]
    fn offsets_are_chars_not_bytes() {
        // "Señor " is 6 chars but 7 bytes: a byte slice would cut "Marqués" wrong.
        let text = "Señor Marqués dijo";
        let html = marked_text(text, &[marker(6, 13, 1)]).into_string();
        assert!(html.contains("<mark class=\"copied\">Marqués</mark>"), "{html}");
        assert!(html.starts_with("Señor <a class=\"pmark\" id=\"p6\""), "{html}");
        assert!(html.ends_with(" dijo"), "{html}");
    }

    #[test]
    fn overlapping_passages_are_marked_once_each_with_a_darker_overlap() {
        let html = marked_text("abcdefghij", &[marker(0, 6, 1), marker(4, 10, 2)]).into_string();
        assert!(html.contains("<mark class=\"copied\">abcd</mark>"), "{html}");
        assert!(html.contains("<mark class=\"copied many\">ef</mark>"), "{html}");
        assert!(html.contains("<mark class=\"copied\">ghij</mark>"), "{html}");
        assert_eq!(html.matches("class=\"pmark\"").count(), 2);
    }

    #[test]
    fn offsets_past_the_end_are_clamped_and_markup_in_text_is_escaped() {
        let html = marked_text("<b>x</b>", &[marker(3, 99, 1), marker(50, 60, 2)]).into_string();
        assert_eq!(html.matches("class=\"pmark\"").count(), 1);
        assert!(html.contains("&lt;b&gt;"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
    }

    #[test]
    fn word_diff_shows_edits() {
        use WordChange::*;
        assert_eq!(
            word_diff("The appeal came late", "This appeal came late"),
            vec![Added("This"), Removed("The"), Same("appeal"), Same("came"), Same("late")]
        );
        assert_eq!(word_diff("a b", "a b"), vec![Same("a"), Same("b")]);
    }
}
