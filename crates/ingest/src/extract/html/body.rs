//! The article body. When the page declares a container that names the article's text itself
//! (`itemprop=articleBody`, `.entry-content`, ...; see [`container`]), that container is read
//! directly, its furniture boxes skipped and its link-dense lines and edges dropped
//! ([`density`]). Otherwise wiretrace's own content scorer ([`scorer`]: Readability's rules in
//! one walk over the parsed tree) picks the content subtree, unless its text is far shorter
//! than a broad declared container (`<article>`, `<main>`: then the scorer has dropped sections
//! of the article and the container's text is taken). wiretrace then removes what either keeps
//! but a news reader does not want: share prompts, newsletter boxes, "READ MORE" teasers, photo
//! credits, a repeated headline (the furniture rules of scraped plain text), an author bio or
//! tag list after the article, and the runs of whole-link lines (teasers, menus) that open or
//! close it.

use dom_query::Document;
use once_cell::sync::Lazy;
use regex::Regex;

use super::density::{self, LinkTexts};
use super::{container, scorer};
use crate::extract::boilerplate::is_boilerplate;
use crate::extract::{byline, dates};

/// Bylines and date lines sit in the first few blocks of a body; later ones are prose.
const HEADER_BLOCKS: usize = 4;

pub struct Body {
    pub text: String,
    /// Always `None`: the headline comes from the page's metadata (kept for its callers).
    pub title: Option<String>,
    /// The first byline element's text, for pages whose metadata names no author.
    pub byline: Option<String>,
    /// A declared container or the scorer found the article's text (rather than nothing).
    pub readable: bool,
    /// The scorer's own text when a broad declared container's replaced it: the page type is
    /// judged on what the scorer found (a listing's container is full of teaser cards).
    pub readability_text: Option<String>,
    /// The page's link texts.
    pub links: LinkTexts,
}

/// The scorer's text under this share of the declared container's words has lost part of the
/// article. (The other way round, the scorer's text far longer than the container, the
/// container is usually a menu or a teaser: the scorer's pick is kept.)
const SHORT_SHARE: f64 = 0.5;

/// The body of the page `doc`: the declared container when it names the article's text,
/// else the scorer's pick, or a broad declared container when the scorer's text is far
/// shorter.
pub fn extract(doc: Document) -> Body {
    let declared = container::find(&doc);
    let links = LinkTexts::collect(&doc);
    if let Some(d) = declared.as_ref().filter(|d| d.specific) {
        return Body {
            text: density::prune_edges(&d.marked),
            title: None,
            byline: dom_byline(&doc),
            readable: true,
            readability_text: None,
            links,
        };
    }
    let scored = scorer::extract(&doc);
    let text = density::unmark(&scored.marked);
    let mut body = Body {
        readable: scored.found && !text.trim().is_empty(),
        text,
        title: None,
        byline: dom_byline(&doc),
        readability_text: None,
        links,
    };
    if let Some(declared) = declared {
        if lost_sections(body.text.split_whitespace().count(), declared.words) {
            body.readability_text = Some(std::mem::replace(&mut body.text, density::prune(&declared.marked)));
        }
    }
    body
}

/// Class or id fragments of the element holding the byline (Readability's list).
const BYLINE_NAMES: &[&str] = &["byline", "author", "dateline", "writtenby", "p-author"];

/// A byline longer than this is a bio or a box of posts, not a byline.
const MAX_BYLINE_CHARS: usize = 100;

/// The first byline element of the page, as Readability would find it: `rel=author`,
/// `itemprop=author` or a class or id naming a byline, with a short text.
fn dom_byline(doc: &Document) -> Option<String> {
    for node in doc.root().descendants_it() {
        if !node.is_element() {
            continue;
        }
        let named = |attr: &str| {
            node.attr(attr).is_some_and(|v| {
                let v = v.to_ascii_lowercase();
                BYLINE_NAMES.iter().any(|n| v.contains(n))
            })
        };
        let byline = node.attr("rel").is_some_and(|r| &*r == "author")
            || node.attr("itemprop").is_some_and(|p| p.contains("author"))
            || named("class")
            || named("id");
        if !byline {
            continue;
        }
        let text = node.text();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() && text.chars().count() < MAX_BYLINE_CHARS {
            return Some(text);
        }
    }
    None
}

/// The scorer's text of `picked` words has lost part of a declared container of `declared`
/// words (furniture already left out of both).
fn lost_sections(picked: usize, declared: usize) -> bool {
    (picked as f64) < SHORT_SHARE * declared as f64
}

/// Paragraphs of the body, one per blank-line-separated block, without furniture lines or a
/// leading copy of the headline.
pub fn clean(text: &str, title: Option<&str>, links: &LinkTexts) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() || is_boilerplate(&line) {
            continue;
        }
        if paragraphs.is_empty() && title.is_some_and(|t| t == line) {
            continue;
        }
        // The byline and dateline are metadata, read from the markup; not article text.
        if paragraphs.len() < HEADER_BLOCKS
            && line.split_whitespace().count() <= 12
            && (byline::by_line(&line).is_some() || dates::date_line(&line).is_some())
        {
            continue;
        }
        // A caption scraped twice (image alt text and caption) appears back to back.
        if paragraphs.last().is_some_and(|p| *p == line) {
            continue;
        }
        paragraphs.push(line);
    }
    cut_tail(&mut paragraphs);
    trim_link_edges(&mut paragraphs, links);
    paragraphs.join("\n\n")
}

/// Drops the runs of whole-link lines that open and close the body: teasers for other
/// stories, tag lists and menus around the article. A run of links inside the article (a list
/// of sources, say) stays.
fn trim_link_edges(paragraphs: &mut Vec<String>, links: &LinkTexts) {
    let end = paragraphs.iter().rposition(|p| !links.is_link(p)).map_or(0, |i| i + 1);
    paragraphs.truncate(end);
    let start = paragraphs.iter().position(|p| !links.is_link(p)).unwrap_or(paragraphs.len());
    paragraphs.drain(..start);
}

/// Headings of the boxes that follow an article inside its container: the author's bio, tag
/// lists, other posts. Everything from such a heading on is not the article.
static TAIL_HEADING: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)^(about the authors?|written by|recent posts|related (posts|articles|stories|content)|tags)\W*$",
    )
    .expect("tail heading")
});

/// A tail heading counts only past this share of the body's words: near the top it heads a
/// section of the article itself.
const TAIL_FROM: f64 = 0.4;

/// Drops a tail heading past [`TAIL_FROM`] of the body and every paragraph after it.
fn cut_tail(paragraphs: &mut Vec<String>) {
    let total: usize = paragraphs.iter().map(|p| p.split_whitespace().count()).sum();
    let mut seen = 0;
    for (i, p) in paragraphs.iter().enumerate() {
        if seen as f64 >= TAIL_FROM * total as f64 && TAIL_HEADING.is_match(p) {
            paragraphs.truncate(i);
            return;
        }
        seen += p.split_whitespace().count();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_container_wins_only_when_the_scorer_kept_under_half() {
        assert!(lost_sections(0, 200));
        assert!(lost_sections(99, 200));
        assert!(!lost_sections(100, 200));
        assert!(!lost_sections(900, 200));
    }

    #[test]
    fn an_author_bio_after_the_article_is_cut_but_not_a_section_near_the_top() {
        let story = "The ferry ran again on Monday after a week of storms kept it in port. ".repeat(4);
        let text = format!("{story}\n\n{story}\n\nAbout the Author\n\nAna Ruiz covers the harbour.");
        let cleaned = clean(&text, None, &LinkTexts::default());
        assert!(cleaned.ends_with("kept it in port."), "{cleaned}");
        let early = format!("Tags\n\n{story}");
        assert!(clean(&early, None, &LinkTexts::default()).starts_with("Tags"));
    }

    #[test]
    fn whole_link_lines_go_at_the_edges_only() {
        let doc = Document::from(
            "<a href=/a>Storm closes coast road</a><a href=/b>Ferry cancelled</a><a href=/c>Board report</a>",
        );
        let links = LinkTexts::collect(&doc);
        let story = "The ferry ran again on Monday after a week of storms kept it in port.";
        let text = format!("Storm closes coast road\n{story}\nBoard report\n{story}\nFerry cancelled");
        assert_eq!(clean(&text, None, &links), format!("{story}\n\nBoard report\n\n{story}"));
    }

    #[test]
    fn an_article_split_into_sections_is_read_whole() {
        let section = |heading: &str, item: &str| {
            format!(
                "<section><h2>{heading}</h2><p>The harbour board met on {heading} to weigh the \
                 repairs.</p><ul><li>{item} one</li><li>{item} two</li><li>{item} three</li></ul>\
                 </section>"
            )
        };
        let long = "The tide gauge at the old pier read higher than at any time since records \
            began, and the board said the sea wall would be raised along its whole length. "
            .repeat(6);
        let html = format!(
            "<html><body><nav><a href=/>Home</a></nav><article>{}{}{}<section><h2>Budget</h2>\
             <p>{long}</p><p>{long}</p></section></article><footer>Contact us</footer></body></html>",
            section("Monday", "Pump"),
            section("Tuesday", "Gate"),
            section("Wednesday", "Crane"),
        );
        let body = extract(Document::from(html.as_str()));
        for part in ["Monday", "Gate two", "Wednesday", "sea wall"] {
            assert!(body.text.contains(part), "{part} missing from {}", body.text);
        }
        assert!(!body.text.contains("Contact us"));
    }
}
