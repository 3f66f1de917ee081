use std::io;

use wiretrace_core::{Rejection, Stage};

/// Why an input could not become an article. The messages are the `reason` of the
/// [`Rejection`] the batch reports, so they are short, lower-case and name the offending value;
/// the file itself is named by the rejection's `source`.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum Error {
    #[error("no such file or directory")]
    NotFound,
    #[error("cannot read: {0}")]
    Io(String),
    #[error("empty file")]
    Empty,
    #[error("binary file, not text")]
    Binary,
    #[error("invalid UTF-8 at byte {0}")]
    InvalidUtf8(usize),
    #[error("not JSON: {message}")]
    NotJson { line: usize, message: String },
    #[error("not a JSON object")]
    NotObject { line: usize },
    #[error("no \"text\" field")]
    NoText { line: usize },
    #[error("no article text after removing boilerplate")]
    NoArticleText,
    #[error("not an article: {0}")]
    NotArticle(&'static str),
    #[error("truncated or corrupt gzip: {0}")]
    Gzip(String),
    #[error("too large: over {limit} bytes")]
    TooLarge { limit: usize },
    #[error("not a feed: {0}")]
    NotFeed(String),
    #[error("cut-off or malformed WARC record: {0}")]
    Warc(String),
    #[error("{0}")]
    Fetch(#[from] crate::fetch::FetchError),
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// Reading failed (the bytes are not a usable source) or extraction did (the source was
    /// fine but held no article).
    pub fn stage(&self) -> Stage {
        match self {
            Error::NoArticleText | Error::NotArticle(_) => Stage::Extract,
            _ => Stage::Read,
        }
    }

    pub fn into_rejection(self, source: impl Into<String>) -> Rejection {
        Rejection { source: source.into(), stage: self.stage(), reason: self.to_string() }
    }
}

impl From<io::Error> for Error {
    fn from(err: io::Error) -> Self {
        match err.kind() {
            io::ErrorKind::NotFound => Error::NotFound,
            io::ErrorKind::PermissionDenied => Error::Io("permission denied".into()),
            // std's message ends with "(os error N)", which says nothing to a reader.
            _ => {
                let message = err.to_string();
                let message = match message.find(" (os error") {
                    Some(i) => message[..i].to_string(),
                    None => message,
                };
                Error::Io(message.to_lowercase())
            }
        }
    }
}
