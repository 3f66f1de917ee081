//! Extraction from HTML pages: the article body (the page's declared container, else
//! wiretrace's own content scorer, [`scorer`]) and everything around it that a content scorer
//! does not settle for news: the original publication date (never "updated", never guessed),
//! the headline without its " | Site" suffix, the authors, the outlet, the canonical URL, the
//! language, and whether the page is an article at all (a listing, forum thread or product page
//! is reported, not stored).
//!
//! The page is parsed once, after a byte scan has cut what no extractor reads ([`raw_text`]:
//! the content of scripts, styles and SVG drawings, script data and image-source attributes;
//! more than half of a news page's bytes). Metadata, the declared article container and the
//! content scorer all read that one tree, none of them changes it.

mod body;
mod container;
mod density;
mod metadata;
mod page_features;
mod page_model;
mod page_type;
mod published;
mod raw_text;
mod scorer;

use std::fmt;

use chrono::{DateTime, FixedOffset};
use dom_query::Document;
use wiretrace_core::Article;

pub use page_model::{
    kind_of as page_kind_of, Ensemble as PageTypeEnsemble, PageTypeModel,
    TrainOptions as PageTypeTrainOptions,
};
pub use page_type::PageType;

/// What one HTML page holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// The canonical URL (`<link rel=canonical>`, `og:url`), else the URL it was fetched from.
    pub url: Option<String>,
    pub title: Option<String>,
    pub authors: Vec<String>,
    /// The original publication time in the page's own UTC offset (so its day is the one the
    /// page shows); `None` when the page does not state one.
    pub published: Option<DateTime<FixedOffset>>,
    pub outlet: Option<String>,
    /// ISO 639-1 where one exists (`en`), from `<html lang>` or the text itself.
    pub language: Option<String>,
    pub page_type: PageType,
    /// The body, paragraphs separated by a blank line.
    pub text: String,
}

impl Page {
    /// The page as an article with the given id and source (whatever its page type).
    pub fn into_article(self, id: &str, source: &str) -> Article {
        Article {
            id: id.to_string(),
            source: source.to_string(),
            title: self.title,
            url: self.url,
            outlet: self.outlet,
            published: self.published.map(|d| d.to_utc()),
            authors: self.authors,
            language: self.language,
            text: self.text,
        }
    }
}

impl fmt::Display for PageType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Extracts a decoded HTML page. `url` is where the page came from (a fetch, a WARC record), used
/// when the page names no canonical URL of its own. Never fails: a page with no body has an empty
/// `text`.
pub fn extract_html(html: &str, url: Option<&str>) -> Page {
    extract_html_with_features(html, url).0
}

/// [`extract_html`], and the page's page-type features (what `wiretrace train page-type` learns
/// from), named by [`page_type_feature_names`].
pub fn extract_html_with_features(html: &str, url: Option<&str>) -> (Page, Vec<f32>) {
    let doc = Document::from(&*raw_text::strip(html));
    let meta = metadata::read(&doc, url);
    let shape = page_features::Shape::read(&doc);
    let body = body::extract(doc, &meta.authors);
    let title = meta.title();
    let text = body::clean(&body.text, title.as_deref(), &body.links);
    let mut authors = meta.authors.clone();
    if authors.is_empty() {
        if let Some(byline) = body.byline.as_deref() {
            authors = metadata::split_authors(byline);
        }
    }
    let language = meta.language.clone().or_else(|| metadata::detect_language(&text));
    let scored_words = match &body.scored_text {
        Some(theirs) => body::clean(theirs, title.as_deref(), &body.links).split_whitespace().count(),
        None => text.split_whitespace().count(),
    };
    let features = page_features::vector(&meta, &shape, body.readable, scored_words, &text);
    let page_type = page_type::classify(&meta, body.readable, scored_words, &features);
    let page = Page {
        url: meta.url.clone(),
        title,
        authors,
        published: meta.published,
        outlet: meta.outlet(),
        language,
        page_type,
        text,
    };
    (page, features)
}

pub use page_type::feature_names as page_type_feature_names;

#[cfg(test)]
mod meta_tests;
#[cfg(test)]
mod tests;
