//! Plain scraped text: one article per file, id from the file name.

use crate::error::Error;
use crate::extract::parse_plain_text;
use crate::ReadOutcome;

pub fn read(id: &str, source: &str, text: &str) -> ReadOutcome {
    let article = parse_plain_text(id, source, text);
    if article.text.is_empty() {
        return ReadOutcome::rejected(Error::NoArticleText.into_rejection(source));
    }
    ReadOutcome { articles: vec![article], rejections: Vec::new() }
}
