//! The article body: Readability (`dom_smoothie`) picks the content subtree; wiretrace then
//! removes what Readability keeps but a news reader does not want (share prompts, newsletter
//! boxes, "READ MORE" teasers, photo credits, a repeated headline), with the same furniture
//! rules as scraped plain text.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

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
}

pub fn extract(doc: Document, url: Option<&str>) -> Body {
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
        },
        Err(_) => Body { text: String::new(), title: None, byline: None, readable: false },
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
    paragraphs.join("\n\n")
}
