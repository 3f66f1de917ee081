//! What the API answers beyond the core types, and the loading each answer and page needs.
//! Pages and API read through the same functions, so they never disagree.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use wiretrace_core::{Article, ArticleId, Quote, ReuseLink, Story, StoryId};
use wiretrace_store::Store;

use crate::error::Result;

/// A story in a list: enough to choose one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StoryDigest {
    pub id: StoryId,
    pub title: String,
    pub summary: Option<String>,
    pub first_published: Option<DateTime<Utc>>,
    pub last_published: Option<DateTime<Utc>>,
    /// How many articles the story holds.
    pub articles: usize,
    /// How many distinct outlets carry it.
    pub outlets: usize,
    pub independent_origins: usize,
}

impl StoryDigest {
    pub fn of(story: &Story) -> Self {
        StoryDigest {
            id: story.id,
            title: story.title.clone(),
            summary: story.summary.clone(),
            first_published: story.first_published,
            last_published: story.last_published,
            articles: story.articles.len(),
            outlets: story.outlets.len(),
            independent_origins: story.independent_origins,
        }
    }
}

/// `GET /api/stories`: one page of digests.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StoryList {
    /// Stories in the store, all pages together.
    pub total: usize,
    pub stories: Vec<StoryDigest>,
}

/// `GET /api/articles/{id}`: an article with everything found in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ArticleView {
    pub article: Article,
    /// The story it belongs to, if stories were built.
    pub story: Option<StoryId>,
    /// Every passage it shares with another article (`a < b` in each link).
    pub reuse: Vec<ReuseLink>,
    pub quotes: Vec<Quote>,
}

/// `GET /api/quotes`: one page of quotes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct QuoteList {
    /// Quotes matching the filters, all pages together.
    pub total: usize,
    pub quotes: Vec<Quote>,
}

/// One article found by a search.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SearchHit {
    pub article: ArticleId,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub story: Option<StoryId>,
}

/// `GET /api/search`: the hits, best first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SearchResults {
    pub query: String,
    pub hits: Vec<SearchHit>,
}

/// What a page needs to show an article in a list: no body.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleMeta {
    pub id: ArticleId,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<DateTime<Utc>>,
}

impl ArticleMeta {
    pub fn of(article: &Article) -> Self {
        ArticleMeta {
            id: article.id.clone(),
            title: article.title.clone(),
            outlet: article.outlet.clone(),
            published: article.published,
        }
    }

    /// The outlet, or the id when the outlet is unknown, so every node has a name.
    pub fn outlet_or_id(&self) -> &str {
        self.outlet.as_deref().unwrap_or(&self.id)
    }

    pub fn title_or_id(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.id)
    }
}

/// The metadata of `ids` that are in the store, by id.
pub fn article_metas(store: &Store, ids: &[ArticleId]) -> Result<HashMap<ArticleId, ArticleMeta>> {
    let mut metas = HashMap::with_capacity(ids.len());
    for id in ids {
        if let Some(article) = store.article(id)? {
            metas.insert(id.clone(), ArticleMeta::of(&article));
        }
    }
    Ok(metas)
}

/// A story with the metadata of its articles, for the story page.
pub struct StoryPage {
    pub story: Story,
    pub metas: HashMap<ArticleId, ArticleMeta>,
}

pub fn story_page(store: &Store, id: StoryId) -> Result<Option<StoryPage>> {
    let Some(story) = store.story(id)? else { return Ok(None) };
    let metas = article_metas(store, &story.articles)?;
    Ok(Some(StoryPage { story, metas }))
}

pub fn article_view(store: &Store, id: &str) -> Result<Option<ArticleView>> {
    let Some(article) = store.article(id)? else { return Ok(None) };
    Ok(Some(ArticleView {
        story: store.story_of_article(id)?,
        reuse: store.reuse_links_for(id)?,
        quotes: store.quotes_for(id)?,
        article,
    }))
}

pub fn search(store: &Store, query: &str, limit: usize) -> Result<SearchResults> {
    let mut hits = Vec::new();
    for id in store.search(query, limit)? {
        let Some(article) = store.article(&id)? else { continue };
        hits.push(SearchHit {
            story: store.story_of_article(&id)?,
            article: id,
            title: article.title,
            outlet: article.outlet,
            published: article.published,
        });
    }
    Ok(SearchResults { query: query.to_owned(), hits })
}

/// Whether `url` may be a link: only `http` and `https`, so a `javascript:` or `data:` URL in
/// an article's metadata stays text.
pub fn is_web_url(url: &str) -> bool {
    let url = url.trim_start();
    let scheme_end = url.find(':').unwrap_or(0);
    let scheme = url[..scheme_end].to_ascii_lowercase();
    (scheme == "http" || scheme == "https") && url[scheme_end..].starts_with("://")
}

/// An article id as one URL path segment.
pub fn article_href(id: &str) -> String {
    format!("/articles/{}", percent_encoding::utf8_percent_encode(id, PATH_SEGMENT))
}

const PATH_SEGMENT: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'~');

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_urls_are_links() {
        assert!(is_web_url("https://example.com/a"));
        assert!(is_web_url("HTTP://example.com"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url(" JavaScript:alert(1)"));
        assert!(!is_web_url("data:text/html,<script>"));
        assert!(!is_web_url("http:alert"));
        assert!(!is_web_url("//evil.example"));
        assert!(!is_web_url(""));
    }

    #[test]
    fn article_ids_are_one_path_segment() {
        // Dots too: a bare `..` segment would be resolved away by the browser.
        assert_eq!(article_href("a-1_b.c"), "/articles/a-1_b%2Ec");
        assert_eq!(article_href(".."), "/articles/%2E%2E");
        assert_eq!(article_href("../x y/\"z"), "/articles/%2E%2E%2Fx%20y%2F%22z");
    }
}
