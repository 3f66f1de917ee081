//! Source kinds: plain scraped text, JSONL, HTML pages, RSS/Atom feeds and WARC archives, each
//! optionally gzipped (`.html.gz`, `.warc.gz`). The file name's extension picks the kind.

mod feed;
mod html;
mod jsonl;
mod plain;
mod warc;

use std::io::Read;
use std::path::Path;

use flate2::read::MultiGzDecoder;

pub use feed::{read_feed, FeedItems};
pub use html::read_page;

use crate::decode::decode;
use crate::error::Error;
use crate::fetch::Fetcher;
use crate::{ReadOutcome, MAX_PAGE_BYTES};

/// The format of a source, by file extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `.txt`, `.text`, `.md`, and any other extension whose bytes decode as text.
    PlainText,
    /// `.jsonl`, `.ndjson`: one article per line.
    Jsonl,
    /// `.html`, `.htm`, `.xhtml`: one web page.
    Html,
    /// `.xml`, `.rss`, `.atom`: an RSS or Atom feed; items' links are fetched.
    Feed,
    /// `.warc`: a web archive; HTML response records become articles.
    Warc,
}

impl Format {
    /// The format of `name`; a trailing `.gz` is looked through (`a.html.gz` is HTML).
    pub fn of(name: &str) -> Format {
        let inner = name.strip_suffix(".gz").or_else(|| name.strip_suffix(".GZ")).unwrap_or(name);
        let ext = Path::new(inner).extension().map(|e| e.to_string_lossy().to_lowercase());
        match ext.as_deref() {
            Some("jsonl" | "ndjson") => Format::Jsonl,
            Some("html" | "htm" | "xhtml") => Format::Html,
            Some("xml" | "rss" | "atom") => Format::Feed,
            Some("warc") => Format::Warc,
            _ => Format::PlainText,
        }
    }
}

/// A gzip member may expand a thousandfold; stop well before that eats the memory.
fn gunzip(bytes: &[u8], limit: usize) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    MultiGzDecoder::new(bytes)
        .take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| Error::Gzip(e.to_string().to_lowercase()))?;
    if out.len() > limit {
        return Err(Error::TooLarge { limit });
    }
    Ok(out)
}

/// The file name without its extensions: `0042.html.gz` -> `0042`.
fn stem(name: &str) -> String {
    let file = Path::new(name).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let file = file.strip_suffix(".gz").or_else(|| file.strip_suffix(".GZ")).unwrap_or(&file);
    Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| name.to_string())
}

/// See [`crate::read_bytes`].
pub fn read_bytes(name: &str, source: &str, bytes: &[u8]) -> ReadOutcome {
    let format = Format::of(name);
    let stem = stem(name);
    let gzipped = name.to_ascii_lowercase().ends_with(".gz");
    if format == Format::Warc {
        // A WARC is read record by record; its size is not capped, each record's is.
        return warc::read(&stem, source, bytes, gzipped);
    }
    let owned;
    let bytes = if gzipped {
        match gunzip(bytes, MAX_PAGE_BYTES) {
            Ok(b) => {
                owned = b;
                &owned[..]
            }
            Err(err) => return ReadOutcome::rejected(err.into_rejection(source)),
        }
    } else {
        bytes
    };
    match format {
        Format::Html => html::read(&stem, source, bytes, None, None),
        Format::Feed => feed::read_file(&stem, source, bytes, &mut Fetcher::default()),
        Format::PlainText | Format::Jsonl | Format::Warc => {
            let text = match decode(bytes) {
                Ok(text) => text,
                Err(err) => return ReadOutcome::rejected(err.into_rejection(source)),
            };
            if format == Format::Jsonl {
                jsonl::read(&stem, source, text)
            } else {
                plain::read(&stem, source, text)
            }
        }
    }
}

/// An article id from a URL: its host and path as one slug, stable across fetches so that
/// polling a feed again finds the same ids.
pub fn id_from_url(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let mut slug = String::new();
    for c in rest.chars() {
        if c.is_alphanumeric() || c == '.' {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-');
    // Long paths are cut from the front of the path, keeping the host and the article's slug.
    if slug.chars().count() > 96 {
        let chars: Vec<char> = slug.chars().collect();
        let head: String = chars[..40].iter().collect();
        let tail: String = chars[chars.len() - 55..].iter().collect();
        format!("{head}-{tail}")
    } else {
        slug.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_picks_the_format() {
        assert_eq!(Format::of("a.jsonl"), Format::Jsonl);
        assert_eq!(Format::of("dir/a.NDJSON"), Format::Jsonl);
        assert_eq!(Format::of("a.txt"), Format::PlainText);
        assert_eq!(Format::of("a.md"), Format::PlainText);
        assert_eq!(Format::of("a.scraped"), Format::PlainText);
        assert_eq!(Format::of("README"), Format::PlainText);
        assert_eq!(Format::of("0001.html.gz"), Format::Html);
        assert_eq!(Format::of("page.HTM"), Format::Html);
        assert_eq!(Format::of("news.rss"), Format::Feed);
        assert_eq!(Format::of("feed.atom"), Format::Feed);
        assert_eq!(Format::of("crawl.warc.gz"), Format::Warc);
    }

    #[test]
    fn stem_drops_every_extension() {
        assert_eq!(stem("dir/0042.html.gz"), "0042");
        assert_eq!(stem("story.html"), "story");
        assert_eq!(stem("notes.txt"), "notes");
    }

    #[test]
    fn ids_from_urls_are_stable_slugs() {
        assert_eq!(
            id_from_url("https://www.ledger.example/news/2021/03/dam-holds?utm=x"),
            "ledger.example-news-2021-03-dam-holds"
        );
    }

    #[test]
    fn truncated_gzip_is_rejected() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(
            &mut gz,
            "<html><body><p>Some text</p></body></html>".repeat(50).as_bytes(),
        )
        .unwrap();
        let bytes = gz.finish().unwrap();
        let out = read_bytes("cut.html.gz", "cut.html.gz", &bytes[..bytes.len() / 2]);
        assert!(out.articles.is_empty());
        assert!(
            out.rejections[0].reason.starts_with("truncated or corrupt gzip"),
            "{}",
            out.rejections[0].reason
        );
    }
}
