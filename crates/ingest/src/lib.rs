//! Reads article sources into [`wiretrace_core::Article`]s: plain scraped text (one article per
//! file), JSONL (one per line), HTML pages, RSS/Atom feeds (items' links fetched over HTTP) and
//! WARC archives, any of them gzipped, from a path or from bytes in memory. Extraction reads the
//! headline, publication date, byline, outlet and URL from the page's own lines and drops its
//! furniture (share prompts, teasers, copyright lines, photo credits). Bad input is data: each
//! unreadable file, bad JSONL line or empty article becomes a [`Rejection`] with its source and
//! reason, and the rest of the batch goes on.
//!
//! ```
//! use wiretrace_ingest::read_bytes;
//!
//! let page = "Estrel dam holds after night of record rain\n\
//!             By Ana Ruiz\n\
//!             March 4, 2021 9:05 pm\n\
//!             The dam above Port Estrel held overnight, the water board said.\n\
//!             Share this story\n\
//!             © 2021 Harbour Ledger, a division of Estrel Media Inc.";
//! let out = read_bytes("dam-holds.txt", "corpus/dam-holds.txt", page.as_bytes());
//! let article = &out.articles[0];
//! assert_eq!(article.id, "dam-holds");
//! assert_eq!(article.title.as_deref(), Some("Estrel dam holds after night of record rain"));
//! assert_eq!(article.authors, ["Ana Ruiz"]);
//! assert_eq!(article.outlet.as_deref(), Some("Harbour Ledger"));
//! assert_eq!(article.published.unwrap().to_rfc3339(), "2021-03-04T21:05:00+00:00");
//! assert_eq!(article.text, "The dam above Port Estrel held overnight, the water board said.");
//!
//! let out = read_bytes("broken.txt", "corpus/broken.txt", b"\x00\x01\x02");
//! assert_eq!(out.rejections[0].to_string(), "corpus/broken.txt: binary file, not text (read)");
//! ```

mod charset;
mod decode;
mod error;
mod extract;
pub mod fetch;
mod sources;
mod walk;

use std::path::Path;

use wiretrace_core::{Article, Rejection};

pub use charset::decode_html;
pub use error::{Error, Result};
pub use extract::html::{
    extract_html, extract_html_with_features, page_kind_of, page_type_feature_names, Page, PageType,
    PageTypeEnsemble, PageTypeModel, PageTypeTrainOptions,
};
pub use extract::parse_plain_text;
pub use sources::{id_from_url, read_feed, read_page, FeedItems, Format};

/// The largest page (or decompressed file) read: larger ones are rejected, not truncated, since
/// a cut page would be extracted wrongly without anyone knowing.
pub const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;

/// What reading a source gave: the articles, and the inputs turned away with their reasons.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReadOutcome {
    pub articles: Vec<Article>,
    pub rejections: Vec<Rejection>,
}

impl ReadOutcome {
    fn rejected(rejection: Rejection) -> Self {
        ReadOutcome { articles: Vec::new(), rejections: vec![rejection] }
    }

    /// Appends another outcome's articles and rejections (reading several paths into one batch).
    pub fn extend(&mut self, other: ReadOutcome) {
        self.articles.extend(other.articles);
        self.rejections.extend(other.rejections);
    }
}

/// A file or a directory (walked recursively in sorted order; files ending .txt/.text/.md are
/// plain text, .jsonl/.ndjson are JSONL, .html/.htm HTML pages, .xml/.rss/.atom feeds, .warc
/// web archives, each also as `.gz`; other extensions: plain text if they decode as text;
/// hidden files skipped). A path that does not exist -> one rejection "no such file or
/// directory".
pub fn read_path(path: &Path) -> ReadOutcome {
    walk::read_path(path)
}

/// Same, for bytes already in memory (the bundled demo corpus is embedded with include_bytes!).
/// `name` is the file name (its extension decides the format; its stem is the article id),
/// `source` is what error messages show.
pub fn read_bytes(name: &str, source: &str, bytes: &[u8]) -> ReadOutcome {
    sources::read_bytes(name, source, bytes)
}
