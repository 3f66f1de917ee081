//! The page's own declared article container (`itemprop=articleBody`, a lone `<article>`, the
//! content blocks common CMSs emit). One that names the article's text itself is the body, read
//! here without the content scorer; a broad one (`<article>`, `<main>`) is a second opinion on
//! the scorer's pick.
//!
//! A scorer of single nodes can lose all but the densest of an article's sibling sections (a
//! heading and a few paragraphs each, say). When the page marks its container and the scorer's
//! text is far shorter than the container's, the container wins. The container's text is read
//! in a walk that skips its furniture (share bars, related links, forms, asides); the scorer
//! reads its pick with the same walk, which also reads a React-streamed page's hidden
//! `<div id="S:n">` boxes in their `<template id="B:n">` slots, where the page's script moves
//! them.

use dom_query::{Document, Matcher, NodeRef};
use once_cell::sync::Lazy;

use super::density;

/// Declared containers, most specific first; the first selector matching exactly one element
/// that holds enough words is the page's container.
const CONTAINERS: &[&str] = &[
    "[itemprop=articleBody]",
    "article",
    ".entry-content",
    ".post-content",
    ".article-body",
    ".article-content",
    ".post-body",
    ".story-body",
    "main",
];

/// Fewer words than this and a "container" is a teaser card or a stub, not the article.
const MIN_WORDS: usize = 80;

/// Elements inside an article container that never hold its text.
const NOISE_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "aside",
    "footer",
    "form",
    "button",
    "select",
    "iframe",
    "svg",
    "figcaption",
    "dialog",
    "label",
    "fieldset",
    "legend",
    "option",
    "textarea",
];

/// Class or id fragments of furniture boxes inside an article container.
const NOISE_NAMES: &[&str] = &[
    "share",
    "social",
    "related",
    "newsletter",
    "comment",
    "subscribe",
    "author-bio",
    "advert",
    "modal",
    "popup",
    "cookie",
    "promo",
    "caption",
    "author",
    "disclaimer",
];

/// Block elements: their text is a paragraph of its own.
const BLOCKS: &[&str] = &[
    "article",
    "blockquote",
    "section",
    "div",
    "p",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "table",
    "header",
    "figure",
    "main",
];

static CONTAINER_MATCHERS: Lazy<Vec<Matcher>> =
    Lazy::new(|| CONTAINERS.iter().map(|s| Matcher::new(s).expect("container selector")).collect());

/// The classes among `CONTAINERS`.
const CONTAINER_CLASSES: &[&str] =
    &["entry-content", "post-content", "article-body", "article-content", "post-body", "story-body"];

/// The elements any of `CONTAINERS` matches, in document order, found in a plain walk with the
/// attributes read in place (a selector list's pass over the whole tree cost more than the
/// container's reading). Class and attribute values compare case-sensitively, as the selectors
/// do.
fn candidates(doc: &Document) -> Vec<NodeRef<'_>> {
    doc.root()
        .descendants_it()
        .filter(|n| {
            n.element_ref().is_some_and(|el| {
                matches!(&*el.name.local, "article" | "main")
                    || el.attrs.iter().any(|a| match &*a.name.local {
                        "itemprop" => &*a.value == "articleBody",
                        "class" => a.value.split_ascii_whitespace().any(|c| CONTAINER_CLASSES.contains(&c)),
                        _ => false,
                    })
            })
        })
        .collect()
}

/// The page's declared container: its text without furniture, paragraphs on lines of their
/// own, and that text's word count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declared {
    pub text: String,
    pub words: usize,
    /// `text` with link text marked (see [`density::LINK_OPEN`]), for [`density::prune`].
    pub marked: String,
    /// Declared by a selector that names the article's text itself (`articleBody`,
    /// `entry-content`), not a broad `<article>` or `<main>` that also holds the page's other
    /// sections.
    pub specific: bool,
}

/// The page's declared article container, if it has exactly one of a kind with enough words.
pub fn find(doc: &Document) -> Option<Declared> {
    // One walk over the tree for all the selectors; the per-selector counts come from the few
    // elements found.
    let found = candidates(doc);
    if found.is_empty() {
        return None;
    }
    for (selector, matcher) in CONTAINERS.iter().zip(CONTAINER_MATCHERS.iter()) {
        let mut matching = found.iter().filter(|n| matcher.match_element(*n));
        let (Some(only), None) = (matching.next(), matching.next()) else { continue };
        let marked = marked_text(&[*only], &is_noise);
        let text = density::unmark(&marked);
        let words = text.split_whitespace().count();
        if words >= MIN_WORDS {
            let specific = !matches!(*selector, "article" | "main");
            return Some(Declared { text, words, marked, specific });
        }
    }
    None
}

/// Whether an element inside an article never holds its text: a furniture tag, a hidden or
/// navigation box, or a class or id naming furniture.
pub(super) fn is_noise(node: &NodeRef, name: &str) -> bool {
    if NOISE_TAGS.contains(&name) {
        return true;
    }
    if node.attr("aria-hidden").as_deref() == Some("true")
        || node.attr("role").is_some_and(|r| &*r == "navigation" || &*r == "complementary")
    {
        return true;
    }
    let named = |attr: &str| node.attr(attr).is_some_and(|v| names_furniture(&v));
    named("class") || named("id")
}

/// Whether one of a class or id attribute's tokens names a furniture box: it starts with a
/// furniture word (`share-bar`, `related-posts`) or ends with one (`post-comments`). A wrapper
/// named after what it holds besides the text (`layout-with-sidebar`, `has-comments`) is not.
fn names_furniture(value: &str) -> bool {
    value.split_whitespace().any(|token| {
        let token = token.to_ascii_lowercase();
        if token.starts_with("has-") || token.starts_with("with-") || token.contains("-with-") {
            return false;
        }
        let singular = token.strip_suffix('s').unwrap_or(&token);
        NOISE_NAMES
            .iter()
            .any(|n| token.starts_with(n) || ends_with_word(&token, n) || ends_with_word(singular, n))
    })
}

/// `token` ends with the word `word` after a `-` or `_` (`post-comment`, `entry_share`).
fn ends_with_word(token: &str, word: &str) -> bool {
    token.len() > word.len()
        && token.ends_with(word)
        && matches!(token.as_bytes()[token.len() - word.len() - 1], b'-' | b'_')
}

/// The text of the `roots` subtrees, elements for which `skip(element, name)` holds left out:
/// blocks end with a blank line, list items, table rows and line breaks with a newline (the
/// layout `formatted_text` gives), with the text of links marked for [`density`].
pub(super) fn marked_text(roots: &[NodeRef], skip: &dyn Fn(&NodeRef, &str) -> bool) -> String {
    enum Step<'a> {
        Open(NodeRef<'a>),
        Close(Break),
    }
    #[derive(Clone, Copy)]
    enum Break {
        Paragraph,
        Line,
        Space,
        Link,
        None,
    }
    let mut out = String::new();
    let mut steps: Vec<Step> = Vec::new();
    // React's streamed boxes, found the first time a slot asks for one.
    let mut streamed: Option<Streamed> = None;
    for root in roots.iter().rev() {
        // Each root is a block of its own (its children when it is the only one).
        if roots.len() > 1 {
            steps.push(Step::Open(*root));
        } else {
            steps.extend(root.children().into_iter().rev().map(Step::Open));
        }
    }
    while let Some(step) = steps.pop() {
        match step {
            Step::Open(node) => {
                if node.is_text() {
                    push_words(&mut out, &node.text());
                    continue;
                }
                if !node.is_element() {
                    continue;
                }
                let Some(name) = node.node_name() else { continue };
                if &*name == "template" {
                    // A streamed box is read in its slot, where the page's script moves it.
                    if let Some(number) = Streamed::slot(&node) {
                        let boxes = streamed.get_or_insert_with(|| Streamed::find(&node));
                        if let Some(content) = boxes.fill(&number) {
                            steps.extend(content.children().into_iter().rev().map(Step::Open));
                        }
                    }
                    continue;
                }
                if streamed.as_ref().is_some_and(|s| s.placed(&node)) {
                    continue;
                }
                if skip(&node, &name) {
                    continue;
                }
                let brk = match &*name {
                    n if BLOCKS.contains(&n) => Break::Paragraph,
                    "br" | "hr" | "li" | "tr" => Break::Line,
                    "td" | "th" => Break::Space,
                    "a" if node.has_attr("href") => Break::Link,
                    _ => Break::None,
                };
                match brk {
                    Break::Paragraph => end_line(&mut out, "\n"),
                    Break::Link => out.push(density::LINK_OPEN),
                    _ => {}
                }
                steps.push(Step::Close(brk));
                steps.extend(node.children().into_iter().rev().map(Step::Open));
            }
            Step::Close(Break::Paragraph) => end_line(&mut out, "\n\n"),
            Step::Close(Break::Line) => end_line(&mut out, "\n"),
            Step::Close(Break::Space) => {
                if !out.ends_with([' ', '\n']) && !out.is_empty() {
                    out.push(' ');
                }
            }
            Step::Close(Break::Link) => out.push(density::LINK_CLOSE),
            Step::Close(Break::None) => {}
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// The boxes of a page rendered by React's streaming server (`<div hidden id="S:3">`), each
/// sent after the page's layout for a script to move into the slot left for it (`<template
/// id="B:3">` for a suspended section, `<template id="P:3">` for a postponed one): the
/// article's paragraphs are often all in such boxes, past the end of the container that holds
/// their slots.
struct Streamed<'a> {
    boxes: Vec<(String, NodeRef<'a>)>,
    /// The boxes already read in their slots: not read again where they stand.
    placed: Vec<dom_query::NodeId>,
}

impl<'a> Streamed<'a> {
    fn find(any: &NodeRef<'a>) -> Streamed<'a> {
        let boxes = any
            .tree
            .root()
            .descendants_it()
            .filter(|n| n.has_name("div") && n.has_attr("hidden"))
            .filter_map(|n| {
                let id = n.attr("id")?;
                id.strip_prefix("S:").map(|number| (number.to_string(), n))
            })
            .collect();
        Streamed { boxes, placed: Vec::new() }
    }

    /// The number of the box a `<template>` is the slot of.
    fn slot(template: &NodeRef) -> Option<String> {
        let id = template.attr("id")?;
        id.strip_prefix("B:").or_else(|| id.strip_prefix("P:")).map(str::to_string)
    }

    /// The box numbered `number`, once.
    fn fill(&mut self, number: &str) -> Option<NodeRef<'a>> {
        let &(_, content) = self.boxes.iter().find(|(n, _)| n == number)?;
        if self.placed.contains(&content.id) {
            return None;
        }
        self.placed.push(content.id);
        Some(content)
    }

    fn placed(&self, node: &NodeRef) -> bool {
        self.placed.contains(&node.id)
    }
}

/// Ends the current line with `brk` (a newline, or a blank line for a paragraph), never
/// stacking more than one blank line.
fn end_line(out: &mut String, brk: &str) {
    if out.is_empty() || out.ends_with("\n\n") {
        return;
    }
    out.truncate(out.trim_end_matches(' ').len());
    if out.ends_with('\n') {
        if brk == "\n\n" {
            out.push('\n');
        }
    } else {
        out.push_str(brk);
    }
}

/// Appends a text node's words, whitespace collapsed, keeping the space between inline runs.
fn push_words(out: &mut String, text: &str) {
    let tail = out.trim_end_matches([density::LINK_OPEN, density::LINK_CLOSE]);
    let at_line_start = tail.is_empty() || tail.ends_with(['\n', ' ']);
    // The page's own text never carries the link marks.
    let unmarked;
    let text = if text.contains([density::LINK_OPEN, density::LINK_CLOSE]) {
        unmarked = density::unmark(text);
        unmarked.as_str()
    } else {
        text
    };
    let mut words = text.split_whitespace();
    let Some(first) = words.next() else {
        if !at_line_start && !text.is_empty() {
            out.push(' ');
        }
        return;
    };
    if !at_line_start && text.starts_with(char::is_whitespace) {
        out.push(' ');
    }
    out.push_str(first);
    for word in words {
        out.push(' ');
        out.push_str(word);
    }
    if text.ends_with(char::is_whitespace) {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(n: usize) -> String {
        (0..n).map(|i| format!("word{i}")).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn the_container_walk_finds_what_the_selectors_match() {
        let doc = Document::from(
            "<main><div class='x entry-content'>a</div><div class='entry-contents'>b</div>\
             <div itemprop=articleBody>c</div><div itemprop=articlebody>d</div><article>e</article>\
             <p class='Story-Body'>f</p><section class=story-body>g</section></main>",
        );
        let ids = |nodes: &[NodeRef]| nodes.iter().map(|n| n.id).collect::<Vec<_>>();
        let selected = doc.select(&CONTAINERS.join(", "));
        assert_eq!(ids(&candidates(&doc)), ids(selected.nodes()));
        assert_eq!(candidates(&doc).len(), 5);
    }

    #[test]
    fn a_lone_article_with_enough_words_is_the_container() {
        let html = format!(
            "<html><body><nav>Home News</nav><article><p>{}</p><aside>Related: other story</aside>\
             </article></body></html>",
            prose(100)
        );
        let doc = Document::from(html.as_str());
        let declared = find(&doc).expect("container");
        assert_eq!(declared.words, 100);
        assert!(declared.text.contains("word99"));
        assert!(!declared.text.contains("Related"));
    }

    #[test]
    fn container_text_keeps_paragraphs_and_list_items_apart() {
        let html = format!(
            "<main><h2>The dam</h2><p>It <b>held</b> overnight.</p><ul><li>One</li><li>Two</li></ul>\
             <div class=\"share-bar\">Share on Pigeon</div><p>{}</p></main>",
            prose(90)
        );
        let declared = find(&Document::from(html.as_str())).expect("container");
        assert!(
            declared.text.starts_with("The dam\n\nIt held overnight.\n\nOne\nTwo\n\nword0 "),
            "{}",
            declared.text
        );
        assert!(!declared.text.contains("Pigeon"));
    }

    #[test]
    fn furniture_names_are_whole_words_of_a_token() {
        assert!(names_furniture("entry share-bar"));
        assert!(names_furniture("post-comments"));
        assert!(names_furniture("RelatedStories"));
        assert!(!names_furniture("layout-with-sidebar has-comments"));
        assert!(!names_furniture("article-body"));
    }

    #[test]
    fn several_articles_or_a_stub_are_no_container() {
        let cards = format!("<article><p>{}</p></article>", prose(90)).repeat(3);
        assert_eq!(find(&Document::from(cards.as_str())), None);
        assert_eq!(find(&Document::from("<article><p>Too short to be a story.</p></article>")), None);
    }
}
