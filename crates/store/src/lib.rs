//! SQLite store for articles, reuse, quotes, entities and stories, with migrations and
//! full-text search.
//!
//! A [`Store`] is one SQLite file (`wiretrace.db` by default; WAL mode, foreign keys on) or an
//! in-memory database for tests. Re-ingesting an article is a no-op: [`Store::insert_article`]
//! recognises the same id, the same body and the same [`canonical_url`]. Stage outputs are
//! stored per article and replaced when a stage runs again; stories are replaced wholesale but
//! keep their ids from run to run.
//!
//! ```
//! use wiretrace_core::Article;
//! use wiretrace_store::{DuplicateReason, Inserted, Store};
//!
//! let mut store = Store::open_in_memory()?;
//! let mut report = Article::new("harbour-1", "Dockworkers in Port Estrel voted to end the strike.");
//! report.url = Some("https://www.example.com/harbour/?utm_source=feed".into());
//! assert_eq!(store.insert_article(&report)?, Inserted::New);
//!
//! let mut again = Article::new("harbour-2", "A rewrite: the Port Estrel strike is over.");
//! again.url = Some("https://example.com/harbour".into());
//! assert!(matches!(
//!     store.insert_article(&again)?,
//!     Inserted::Duplicate { reason: DuplicateReason::SameUrl, .. }
//! ));
//! assert_eq!(store.search("estrel dockworkers", 10)?, vec!["harbour-1".to_string()]);
//! # Ok::<(), wiretrace_store::Error>(())
//! ```
//!
//! # Tables
//! Migrations are numbered SQL files in `migrations/`, embedded in the binary and applied in
//! order, all pending ones in one transaction; each applied version is a row of
//! `schema_migrations(version, applied_at)`. Opening an older database migrates it; opening one
//! newer than [`SCHEMA_VERSION`] is [`Error::NewerSchema`].
//!
//! - `articles`: every [`Article`](wiretrace_core::Article) field (authors as a JSON array,
//!   `published` as fixed-width RFC 3339 UTC), plus `content_hash` (unique) and
//!   `canonical_url` (indexed) for duplicate detection, and `seq`, the full-text rowid.
//! - `reuse_pairs(a, b, direction)` and `passages(a, b, seq, a_start, a_end, b_start, b_end,
//!   similarity)`: one [`ReuseLink`](wiretrace_core::ReuseLink), `a < b`.
//! - `cues`, `quotes`, `mentions`: one row per cue, quote, mention, keyed by article.
//! - `stories(id, key_article, title, last_published, json)`: the whole
//!   [`Story`](wiretrace_core::Story) as JSON, with the columns it is found and sorted by;
//!   `story_articles(story_id, article_id)`; `story_keys(story_id, key_article)`, every id ever
//!   handed out, so ids stay stable and are never reused.
//! - `rejections(recorded_at, source, stage, reason)`: the log of inputs turned away.
//! - `articles_fts`, `quotes_fts`: FTS5 indexes (`unicode61 remove_diacritics 2`) over article
//!   titles and bodies and over quote texts, kept in sync by triggers.
//!
//! Enums are stored under their JSON names (`a->b`, `according_to`, `PER`), so the database and
//! the JSON output speak the same words.

mod error;
mod sqlite;
mod url;

use chrono::{DateTime, Utc};
use wiretrace_core::{ArticleId, Rejection};

pub use error::{Error, Result};
pub use sqlite::{Store, SCHEMA_VERSION};
pub use url::canonical_url;

/// What [`Store::insert_article`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inserted {
    New,
    /// Nothing was written: the store already holds `existing`.
    Duplicate {
        existing: ArticleId,
        reason: DuplicateReason,
    },
}

/// Why an article counts as one the store already holds (checked in this order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DuplicateReason {
    SameId,
    /// The same body, whitespace aside ([`wiretrace_core::Article::content_hash`]).
    SameContent,
    /// The same [`canonical_url`].
    SameUrl,
}

/// A [`Rejection`] as the log keeps it.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordedRejection {
    pub recorded_at: DateTime<Utc>,
    pub rejection: Rejection,
}
