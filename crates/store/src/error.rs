use std::path::PathBuf;

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be opened or is not a SQLite database.
    #[error("cannot open store {}", path.display())]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    /// A schema migration failed; the database is left at the version before it.
    #[error("cannot apply store migration {version} ({name})")]
    Migration {
        version: u32,
        name: &'static str,
        #[source]
        source: rusqlite::Error,
    },
    /// The database was written by a newer wiretrace.
    #[error(
        "store schema version {found} is newer than this wiretrace supports ({supported}); upgrade wiretrace"
    )]
    NewerSchema { found: u32, supported: u32 },
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A row that cannot be turned back into its type (bad JSON, unknown enum name, bad date).
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// A link, cue, quote, mention or story names an article that was never inserted (or was
    /// turned away as a duplicate).
    #[error("article {0:?} is not in the store")]
    UnknownArticle(String),
    /// `put_cues("a1", ..)` was handed a cue (quote, mention) of another article.
    #[error("{what} of article {found:?} passed with the records of article {expected:?}")]
    ArticleMismatch { what: &'static str, expected: String, found: String },
    /// Two stories given to `replace_stories` start with the same article.
    #[error("two stories are keyed by the same first article {0:?}")]
    DuplicateStoryKey(String),
}

pub type Result<T> = std::result::Result<T, Error>;
