use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An article's id: the JSONL `id`, or a file's name without its extension.
pub type ArticleId = String;

/// One news article, as ingest hands it on: cleaned body text plus the metadata that could be
/// read from it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Article {
    pub id: ArticleId,
    /// Where the article was read from (`path`, or `path:line` for JSONL), for error messages.
    pub source: String,
    pub title: Option<String>,
    pub url: Option<String>,
    /// The outlet that published this copy (not necessarily the origin of its reporting).
    pub outlet: Option<String>,
    /// Original publication time in UTC; `None` when the article does not say (never invented).
    pub published: Option<DateTime<Utc>>,
    pub authors: Vec<String>,
    pub language: Option<String>,
    /// The body with boilerplate removed; paragraphs separated by a blank line.
    pub text: String,
}

impl Article {
    /// An article with only an id and a body; the rest empty. Handy in tests and examples.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        let id = id.into();
        Article {
            source: id.clone(),
            id,
            title: None,
            url: None,
            outlet: None,
            published: None,
            authors: Vec::new(),
            language: None,
            text: text.into(),
        }
    }

    /// Hash of the body with whitespace collapsed, so a re-scraped copy with other line breaks
    /// is still recognised as the same article.
    pub fn content_hash(&self) -> String {
        content_hash(&self.text)
    }
}

/// See [`Article::content_hash`].
pub fn content_hash(text: &str) -> String {
    let mut collapsed = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(collapsed.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_ignores_line_breaks_but_not_words() {
        let a = Article::new("a", "The dam held.\n\nOfficials said so.");
        let b = Article::new("b", "The dam held. Officials   said so.\n");
        let c = Article::new("c", "The dam broke. Officials said so.");
        assert_eq!(a.content_hash(), b.content_hash());
        assert_ne!(a.content_hash(), c.content_hash());
    }
}
