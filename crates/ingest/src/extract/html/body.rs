//! The article body: Readability (`dom_smoothie`) picks the content subtree, unless its text is
//! far shorter than the page's own declared article container (then Readability has dropped
//! sections of the article and the container's text is taken; see [`container`]); wiretrace then
//! removes what Readability keeps but a news reader does not want (share prompts, newsletter
//! boxes, "READ MORE" teasers, photo credits, a repeated headline), with the same furniture
//! rules as scraped plain text.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use once_cell::sync::Lazy;
use regex::Regex;

use super::container;
use crate::extract::boilerplate::is_boilerplate;
use crate::extract::{byline, dates};

/// Bylines and date lines sit in the first few blocks of a body; later ones are prose.
const HEADER_BLOCKS: usize = 4;

pub struct Body {
    pub text: String,
    pub title: Option<String>,
    pub byline: Option<String>,
    /// Readability found a content subtree (rather than falling back to the whole page).
    pub readable: bool,
    /// Readability's own text when the declared container's replaced it: the page type is
    /// judged on what Readability found (a listing's container is full of teaser cards).
    pub readability_text: Option<String>,
}

/// Readability's text under this share of the declared container's words has lost part of the
/// article. (The other way round, Readability's text far longer than the container, the
/// container is usually a menu or a teaser: Readability is kept.)
const SHORT_SHARE: f64 = 0.5;

/// The body of the page `doc`: Readability's pick, or the page's declared article container
/// when Readability's text is far shorter (see [`container`]).
pub fn extract(doc: Document, url: Option<&str>) -> Body {
    // Read before Readability prunes the tree.
    let declared = container::find(&doc);
    let mut body = readability(doc, url);
    if let Some(declared) = declared {
        if lost_sections(body.text.split_whitespace().count(), declared.words) {
            body.readability_text = Some(std::mem::replace(&mut body.text, declared.text));
        }
    }
    body
}

/// Readability's text of `picked` words has lost part of a declared container of `declared`
/// words (furniture already left out of both).
fn lost_sections(picked: usize, declared: usize) -> bool {
    (picked as f64) < SHORT_SHARE * declared as f64
}

fn readability(doc: Document, url: Option<&str>) -> Body {
    let config = Config { text_mode: TextMode::Formatted, ..Config::default() };
    // A URL Readability does not accept (relative, odd scheme) only costs link resolution.
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let parsed = Readability::with_document(doc, url, Some(config)).and_then(|mut r| r.parse());
    match parsed {
        Ok(article) => Body {
            text: article.text_content.to_string(),
            title: Some(article.title).filter(|t| !t.trim().is_empty()),
            byline: article.byline,
            readable: true,
            readability_text: None,
        },
        Err(_) => {
            Body { text: String::new(), title: None, byline: None, readable: false, readability_text: None }
        }
    }
}

/// Paragraphs of the body, one per blank-line-separated block, without furniture lines or a
/// leading copy of the headline.
pub fn clean(text: &str, title: Option<&str>) -> String {
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
    paragraphs.join("\n\n")
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
    fn the_container_wins_only_when_readability_kept_under_half() {
        assert!(lost_sections(0, 200));
        assert!(lost_sections(99, 200));
        assert!(!lost_sections(100, 200));
        assert!(!lost_sections(900, 200));
    }

    #[test]
    fn an_author_bio_after_the_article_is_cut_but_not_a_section_near_the_top() {
        let story = "The ferry ran again on Monday after a week of storms kept it in port. ".repeat(4);
        let text = format!("{story}\n\n{story}\n\nAbout the Author\n\nAna Ruiz covers the harbour.");
        let cleaned = clean(&text, None);
        assert!(cleaned.ends_with("kept it in port."), "{cleaned}");
        let early = format!("Tags\n\n{story}");
        assert!(clean(&early, None).starts_with("Tags"));
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
        let body = extract(Document::from(html.as_str()), None);
        for part in ["Monday", "Gate two", "Wednesday", "sea wall"] {
            assert!(body.text.contains(part), "{part} missing from {}", body.text);
        }
        assert!(!body.text.contains("Contact us"));
    }
}
