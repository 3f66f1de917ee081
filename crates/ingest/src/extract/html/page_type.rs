//! Is the page an article? Listings (section fronts, tag pages, search results), forum threads,
//! product pages and other pages (services, documentation) are reported as such, not stored:
//! their text would join stories as if it were reporting.
//!
//! The page's own declarations decide first (JSON-LD `@type`, `og:type`); without them, the
//! shape of the page does: how much prose Readability found against how many links and
//! repeated cards surround it, and whether the page states a publication date.

use super::body::Body;
use super::metadata::Metadata;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageType {
    Article,
    Listing,
    Forum,
    Product,
    Other,
}

impl PageType {
    pub fn label(self) -> &'static str {
        match self {
            PageType::Article => "article",
            PageType::Listing => "listing",
            PageType::Forum => "forum",
            PageType::Product => "product",
            PageType::Other => "other",
        }
    }
}

/// `words`: the words of the body Readability found (cleaned of furniture).
pub fn classify(meta: &Metadata, body: &Body, words: usize) -> PageType {
    let has = |types: &[&str]| meta.ld_types.iter().any(|t| types.contains(&t.as_str()));
    if has(&["product", "offer", "aggregateoffer", "productgroup"])
        || meta.og_type.as_deref() == Some("product")
    {
        return PageType::Product;
    }
    if has(&["discussionforumposting", "qapage", "question"]) {
        return PageType::Forum;
    }
    let declared_article = has(super::metadata::ARTICLE_TYPES) || meta.og_type.as_deref() == Some("article");
    if has(&["collectionpage", "itemlist", "searchresultspage"]) && !declared_article {
        return PageType::Listing;
    }
    if !body.readable || words < 50 {
        return if meta.cards >= 6 || meta.links > 60 { PageType::Listing } else { PageType::Other };
    }
    if meta.price_marks >= 3 && !declared_article {
        return PageType::Product;
    }
    if declared_article || meta.published.is_some() {
        return PageType::Article;
    }
    if meta.comment_forms && meta.has_article_element {
        return PageType::Forum;
    }
    if meta.cards >= 10 {
        return PageType::Listing;
    }
    if meta.has_article_element || !meta.authors.is_empty() {
        return PageType::Article;
    }
    PageType::Other
}
