//! Link density of the lines of a container's text: a line that is mostly link text is a
//! teaser, a menu entry or a tag list, not a paragraph of the article (the cue jusText and
//! Readability both use; here it is applied line by line, after the container's furniture
//! boxes are already gone).
//!
//! The container walk marks link text in place with two control characters that never occur
//! in page text (it removes them from the page's own text).

use std::collections::HashSet;

use dom_query::Document;

/// Opens a run of link text in marked text.
pub const LINK_OPEN: char = '\u{1}';
/// Closes a run of link text in marked text.
pub const LINK_CLOSE: char = '\u{2}';

/// Share of a line's words inside links above which the line is link furniture.
const MAX_LINK_SHARE: f64 = 0.5;

/// The texts of a page's links (whitespace collapsed): a body line that is one of them whole
/// is a teaser or a menu entry, however the body was found.
#[derive(Debug, Default)]
pub struct LinkTexts(HashSet<String>);

/// Links longer than this are prose that happens to be linked, not teasers.
const MAX_LINK_WORDS: usize = 40;

impl LinkTexts {
    pub fn collect(doc: &Document) -> LinkTexts {
        let mut texts = HashSet::new();
        for node in doc.root().descendants_it() {
            if !node.is_element() || !node.has_name("a") || !node.has_attr("href") {
                continue;
            }
            let text = node.text();
            let mut words = text.split_whitespace();
            let mut squashed = String::with_capacity(text.len());
            for (i, word) in words.by_ref().enumerate() {
                if i == MAX_LINK_WORDS {
                    squashed.clear();
                    break;
                }
                if i > 0 {
                    squashed.push(' ');
                }
                squashed.push_str(word);
            }
            if !squashed.is_empty() {
                texts.insert(squashed);
            }
        }
        LinkTexts(texts)
    }

    /// Whether the (whitespace-collapsed) line is the whole text of a link on the page.
    pub fn is_link(&self, line: &str) -> bool {
        self.0.contains(line)
    }
}

/// `marked` without its link marks.
pub fn unmark(marked: &str) -> String {
    marked.replace([LINK_OPEN, LINK_CLOSE], "")
}

/// The marked text's lines without those that are mostly link text, marks removed.
pub fn prune(marked: &str) -> String {
    let mut out = String::with_capacity(marked.len());
    for line in marked.split('\n') {
        let (words, linked) = link_words(line);
        if words > 0 && linked as f64 > MAX_LINK_SHARE * words as f64 {
            continue;
        }
        out.extend(line.chars().filter(|c| *c != LINK_OPEN && *c != LINK_CLOSE));
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out
}

/// A line of this many words or more, mostly outside links, is prose.
const PROSE_WORDS: usize = 12;

/// `prune`, then the lines before the first prose line and after the last one dropped: the
/// headings, bylines, tag lists and teaser cards that a container holds around its text.
pub fn prune_edges(marked: &str) -> String {
    let lines: Vec<&str> = marked.split('\n').collect();
    let prose = |l: &&str| {
        let (words, linked) = link_words(l);
        words >= PROSE_WORDS && (linked as f64) < 0.3 * words as f64
    };
    let first = lines.iter().position(prose).unwrap_or(0);
    let last = lines.iter().rposition(prose).map_or(lines.len(), |i| i + 1);
    prune(&lines[first..last].join("\n"))
}

/// Words of a marked line and how many of them are inside links.
fn link_words(line: &str) -> (usize, usize) {
    let (mut words, mut linked) = (0, 0);
    let mut in_link = false;
    let mut in_word = false;
    for c in line.chars() {
        match c {
            LINK_OPEN => in_link = true,
            LINK_CLOSE => in_link = false,
            c if c.is_whitespace() => in_word = false,
            _ => {
                if !in_word {
                    words += 1;
                    linked += usize::from(in_link);
                }
                in_word = true;
            }
        }
    }
    (words, linked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_mostly_in_links_go() {
        let marked = "The dam held overnight, the \u{1}board\u{2} said.\n\n\u{1}Read: Floods return\u{2}\n\
                      Tags: \u{1}dams\u{2} \u{1}floods\u{2} \u{1}weather\u{2}";
        assert_eq!(prune(marked), "The dam held overnight, the board said.");
        assert_eq!(link_words("a \u{1}b c\u{2}d"), (3, 2));
    }

    #[test]
    fn short_lines_around_the_prose_go() {
        let prose = "The harbour board voted on Tuesday to raise the sea wall along the old pier.";
        let marked = format!("Harbour news\nBy the desk\n{prose}\nThe cost\n{prose}\nShare\n\u{1}More\u{2}");
        assert_eq!(prune_edges(&marked), format!("{prose}\nThe cost\n{prose}"));
    }
}
