//! One HTML page: charset, extraction, and the verdict (an article, or a page of another kind
//! reported as such).

use wiretrace_core::Article;

use crate::charset::decode_html;
use crate::error::Error;
use crate::extract::html::{extract_html, PageType};
use crate::{ReadOutcome, MAX_PAGE_BYTES};

pub fn read(
    id: &str,
    source: &str,
    bytes: &[u8],
    content_type: Option<&str>,
    url: Option<&str>,
) -> ReadOutcome {
    match read_page(id, source, bytes, content_type, url) {
        Ok(article) => ReadOutcome { articles: vec![article], rejections: Vec::new() },
        Err(err) => ReadOutcome::rejected(err.into_rejection(source)),
    }
}

/// An HTML page as an article, or why it is not one. `content_type` is the HTTP header (for
/// its charset); `url` is where the page came from.
pub fn read_page(
    id: &str,
    source: &str,
    bytes: &[u8],
    content_type: Option<&str>,
    url: Option<&str>,
) -> Result<Article, Error> {
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(Error::TooLarge { limit: MAX_PAGE_BYTES });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty);
    }
    let html = decode_html(bytes, content_type);
    let page = extract_html(&html, url);
    if page.page_type != PageType::Article {
        return Err(Error::NotArticle(page.page_type.label()));
    }
    if page.text.is_empty() {
        return Err(Error::NoArticleText);
    }
    Ok(page.into_article(id, source))
}
