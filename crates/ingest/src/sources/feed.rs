//! RSS and Atom feeds (feed-rs). Each item becomes an article: from its own content when the
//! feed carries the whole article (at least [`FULL_CONTENT_WORDS`] words), else from the page
//! its link points to, fetched over HTTP(S). What the feed says about an item (headline, date,
//! authors) fills in what the page does not.

use std::collections::HashSet;

use wiretrace_core::Article;

use crate::charset::decode_html;
use crate::error::Error;
use crate::extract::html::extract_html;
use crate::fetch::{Fetched, Fetcher};
use crate::sources::{html, id_from_url};
use crate::ReadOutcome;

/// An item's content shorter than this is a teaser; the linked page holds the article.
pub const FULL_CONTENT_WORDS: usize = 150;

/// A feed file read as a batch: every item, links fetched with `fetcher`.
pub fn read_file(stem: &str, source: &str, bytes: &[u8], fetcher: &mut Fetcher) -> ReadOutcome {
    match read_feed(stem, source, bytes, fetcher, &mut HashSet::new()) {
        Ok(items) => items.outcome,
        Err(err) => ReadOutcome::rejected(err.into_rejection(source)),
    }
}

/// What one read of a feed gave.
#[derive(Debug, Default)]
pub struct FeedItems {
    /// New items as articles, and the items that could not become one.
    pub outcome: ReadOutcome,
    /// Items already seen in an earlier poll, skipped.
    pub skipped: usize,
}

/// Reads a feed's items, skipping those whose key (link, else id) is in `seen` and adding the
/// rest to it, so a poller handles each item once. A feed that is not RSS/Atom is an error.
pub fn read_feed(
    stem: &str,
    source: &str,
    bytes: &[u8],
    fetcher: &mut Fetcher,
    seen: &mut HashSet<String>,
) -> Result<FeedItems, Error> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| Error::NotFeed(e.to_string().to_lowercase()))?;
    let channel = feed.title.as_ref().map(|t| t.content.trim().to_string()).filter(|t| !t.is_empty());
    let mut items = FeedItems::default();
    for (index, entry) in feed.entries.iter().enumerate() {
        let link = entry.links.first().map(|l| l.href.trim().to_string()).filter(|l| !l.is_empty());
        let key = link.clone().unwrap_or_else(|| entry.id.clone());
        if !seen.insert(key) {
            items.skipped += 1;
            continue;
        }
        let item_source = link.clone().unwrap_or_else(|| format!("{source}#{}", index + 1));
        let id = link.as_deref().map(id_from_url).unwrap_or_else(|| format!("{stem}-{}", index + 1));
        let content = entry
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()));
        let result = match content.filter(|c| word_count(c) >= FULL_CONTENT_WORDS) {
            Some(content) => from_content(&id, &item_source, &content, link.as_deref()),
            None => match link.as_deref() {
                Some(url) => from_link(&id, &item_source, url, fetcher),
                None => Err(Error::NoArticleText),
            },
        };
        match result {
            Ok(mut article) => {
                let feed_title =
                    entry.title.as_ref().map(|t| t.content.split_whitespace().collect::<Vec<_>>().join(" "));
                if let Some(title) = feed_title.filter(|t| !t.is_empty()) {
                    article.title = Some(title);
                }
                // The feed's own date is a stated publication date; `updated` is not used.
                if article.published.is_none() {
                    article.published = entry.published;
                }
                if article.authors.is_empty() {
                    article.authors = entry
                        .authors
                        .iter()
                        .map(|p| p.name.trim().to_string())
                        .filter(|n| !n.is_empty())
                        .collect();
                }
                // The channel's title names the outlet better than a bare host name does.
                let from_host = article.outlet.as_deref().is_none_or(|o| o.contains('.') && !o.contains(' '));
                if from_host && channel.is_some() {
                    article.outlet = channel.clone();
                }
                items.outcome.articles.push(article);
            }
            Err(err) => items.outcome.rejections.push(err.into_rejection(item_source)),
        }
    }
    Ok(items)
}

fn from_content(id: &str, source: &str, content: &str, link: Option<&str>) -> Result<Article, Error> {
    // The item's content is the article by the feed's word: no page-type verdict needed.
    let page = extract_html(&format!("<html><body><article>{content}</article></body></html>"), link);
    if page.text.is_empty() {
        return Err(Error::NoArticleText);
    }
    Ok(page.into_article(id, source))
}

fn from_link(id: &str, source: &str, url: &str, fetcher: &mut Fetcher) -> Result<Article, Error> {
    match fetcher.fetch_fresh(url)? {
        Fetched::Body { url, content_type, bytes } => {
            html::read_page(id, source, &bytes, content_type.as_deref(), Some(&url))
        }
        // Not sent for a fresh fetch; treat as nothing new.
        Fetched::NotModified => Err(Error::NoArticleText),
    }
}

fn word_count(html: &str) -> usize {
    let text = decode_html(html.as_bytes(), Some("text/html; charset=utf-8"));
    let mut in_tag = false;
    let mut words = 0;
    let mut in_word = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                in_word = false;
            }
            _ if in_tag => {}
            c if c.is_whitespace() => in_word = false,
            _ => {
                if !in_word {
                    words += 1;
                }
                in_word = true;
            }
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fetch::tests::{ok, serve};
    use crate::fetch::FetchConfig;
    use std::time::Duration;

    const PAGE: &str = "<html lang=\"en\"><head><title>Ferry service resumes | Meridian Post</title><meta property=\"article:published_time\" content=\"2021-03-06T07:30:00Z\"></head><body><article><h1>Ferry service resumes</h1><p>The northern ferry sailed again on Saturday morning after three days in port, the operator said, with every seat on the first crossing taken by residents returning home.</p><p>Crews had inspected the harbour wall overnight and found no damage that would keep the boats from docking, according to the port authority.</p><p>Timetables will stay reduced until Monday while the second vessel is checked, the operator added in a statement.</p></article></body></html>";

    fn feed(base: &str) -> String {
        let long = "The water board said the spillway would stay open through the weekend. ".repeat(20);
        format!(
            r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Meridian Post</title>
<item><title>Ferry service resumes</title><link>{base}/ferry</link><description>Short teaser.</description><pubDate>Sat, 06 Mar 2021 07:30:00 GMT</pubDate></item>
<item><title>Spillway stays open</title><link>{base}/spillway</link><description><![CDATA[<p>{long}</p>]]></description><pubDate>Sun, 07 Mar 2021 09:00:00 GMT</pubDate></item>
<item><title>Gone</title><link>{base}/gone</link><description>Teaser</description></item>
<item><title>Odd link</title><link>ftp://files.example/x</link><description>Teaser</description></item>
</channel></rss>"#
        )
    }

    fn fetcher() -> Fetcher {
        Fetcher::new(FetchConfig { timeout: Duration::from_millis(500), ..FetchConfig::default() })
    }

    #[test]
    fn items_are_fetched_or_read_from_their_content() {
        let base = serve(|path, _| {
            Some(match path {
                "/ferry" => ok("text/html; charset=utf-8", PAGE, ""),
                _ => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".into(),
            })
        });
        let mut seen = HashSet::new();
        let items = read_feed("post", "post.rss", feed(&base).as_bytes(), &mut fetcher(), &mut seen).unwrap();
        let articles = &items.outcome.articles;
        assert_eq!(articles.len(), 2, "{:?}", items.outcome.rejections);
        assert_eq!(articles[0].title.as_deref(), Some("Ferry service resumes"));
        assert!(articles[0].text.starts_with("The northern ferry sailed"));
        assert_eq!(articles[0].published.unwrap().to_rfc3339(), "2021-03-06T07:30:00+00:00");
        // Full content in the feed: no fetch (the server would answer 404), the feed's date.
        assert_eq!(articles[1].title.as_deref(), Some("Spillway stays open"));
        assert_eq!(articles[1].published.unwrap().to_rfc3339(), "2021-03-07T09:00:00+00:00");
        assert_eq!(articles[1].outlet.as_deref(), Some("Meridian Post"));
        let reasons: Vec<&str> = items.outcome.rejections.iter().map(|r| r.reason.as_str()).collect();
        assert_eq!(reasons.len(), 2);
        assert!(reasons[0].starts_with("HTTP 404 from"), "{}", reasons[0]);
        assert!(reasons[1].starts_with("unsupported URL scheme"), "{}", reasons[1]);

        // Polling again: everything was seen.
        let again = read_feed("post", "post.rss", feed(&base).as_bytes(), &mut fetcher(), &mut seen).unwrap();
        assert!(again.outcome.articles.is_empty());
        assert_eq!(again.skipped, 4);
    }

    #[test]
    fn a_feed_that_is_not_xml_is_rejected() {
        let out = read_file("x", "x.rss", b"{\"not\": \"a feed\"}", &mut fetcher());
        assert!(out.articles.is_empty());
        assert!(out.rejections[0].reason.starts_with("not a feed"), "{}", out.rejections[0].reason);
    }
}
