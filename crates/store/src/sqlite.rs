//! The SQLite backend. Every SQL statement of the crate lives here or in `migrations/`, so the
//! PostgreSQL backend has one place to mirror.

use std::collections::HashSet;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension, Params, Row, Statement, TransactionBehavior};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wiretrace_core::{
    Article, ArticleId, AttributionCue, Direction, Mention, Passage, Quote, Rejection, ReuseLink, Span,
    Story, StoryId,
};

use crate::{canonical_url, DuplicateReason, Error, Inserted, RecordedRejection, Result};

struct Migration {
    version: u32,
    name: &'static str,
    sql: &'static str,
}

/// In version order, without gaps; a test checks both.
const MIGRATIONS: &[Migration] =
    &[Migration { version: 1, name: "init", sql: include_str!("../migrations/0001_init.sql") }];

/// The schema version this code writes; a database at a higher version is refused.
pub const SCHEMA_VERSION: u32 = 1;

/// A wiretrace database: one SQLite file, or memory for tests. See the crate docs for the
/// tables.
///
/// Every write method is atomic on its own. Wrap many writes in [`Store::transaction`] for
/// speed: SQLite then syncs once per batch instead of once per call.
pub struct Store {
    conn: Connection,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.conn.path()).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` and migrates it to [`SCHEMA_VERSION`].
    pub fn open(path: &Path) -> Result<Store> {
        let open_error = |source| Error::Open { path: path.to_path_buf(), source };
        let conn = Connection::open(path).map_err(open_error)?;
        // WAL lets readers (report, web server) work while a batch is being written; the
        // journal_mode pragma is also the first statement that reads the file, so a file that
        // is not a database fails here, as an open error.
        conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get::<_, String>(0)).map_err(open_error)?;
        // In WAL mode NORMAL cannot corrupt the file; it may only lose the last commits on a
        // power cut, which a re-run of the pipeline restores.
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(open_error)?;
        conn.busy_timeout(Duration::from_secs(5)).map_err(open_error)?;
        Store::init(conn)
    }

    /// A fresh, empty database in memory (tests, one-off runs).
    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?)
    }

    fn init(mut conn: Connection) -> Result<Store> {
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.set_prepared_statement_cache_capacity(64);
        migrate(&mut conn)?;
        Ok(Store { conn })
    }

    /// Runs `f` in one transaction: everything it wrote is committed if it returns `Ok`, and
    /// rolled back if it returns `Err` or panics. Calls nest (inner ones become savepoints),
    /// and every write method uses this, so a batch of `insert_article` calls inside one
    /// `transaction` costs one commit.
    pub fn transaction<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let outermost = self.conn.is_autocommit();
        // IMMEDIATE takes the write lock up front, so a second process waits (busy_timeout)
        // instead of failing when a read transaction tries to turn into a write.
        self.conn.execute_batch(if outermost { "BEGIN IMMEDIATE" } else { "SAVEPOINT wiretrace" })?;
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| f(self)));
        match outcome {
            Ok(Ok(value)) => {
                let end = if outermost { "COMMIT" } else { "RELEASE wiretrace" };
                if let Err(error) = self.conn.execute_batch(end) {
                    self.roll_back(outermost);
                    return Err(error.into());
                }
                Ok(value)
            }
            Ok(Err(error)) => {
                self.roll_back(outermost);
                Err(error)
            }
            Err(panic) => {
                self.roll_back(outermost);
                panic::resume_unwind(panic)
            }
        }
    }

    fn roll_back(&self, outermost: bool) {
        // The error that made us roll back is the one worth reporting; if the rollback fails
        // too, SQLite rolls back on its own when the connection closes.
        let _ = self.conn.execute_batch(if outermost {
            "ROLLBACK"
        } else {
            "ROLLBACK TO wiretrace; RELEASE wiretrace"
        });
    }

    fn write<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.transaction(|store| f(&store.conn))
    }

    /// Stores `article` unless the store already has it: the same id, the same body (see
    /// [`Article::content_hash`]) or the same [`canonical_url`], checked in that order. A
    /// duplicate writes nothing.
    pub fn insert_article(&mut self, article: &Article) -> Result<Inserted> {
        let hash = article.content_hash();
        let canonical = article.url.as_deref().map(canonical_url).filter(|url| !url.is_empty());
        self.write(|conn| {
            let duplicate = |existing, reason| Ok(Inserted::Duplicate { existing, reason });
            if article_exists(conn, &article.id)? {
                return duplicate(article.id.clone(), DuplicateReason::SameId);
            }
            let same_content: Option<String> = conn
                .prepare_cached("SELECT id FROM articles WHERE content_hash = ?1")?
                .query_row([&hash], |row| row.get(0))
                .optional()?;
            if let Some(existing) = same_content {
                return duplicate(existing, DuplicateReason::SameContent);
            }
            if let Some(url) = &canonical {
                let same_url: Option<String> = conn
                    .prepare_cached("SELECT id FROM articles WHERE canonical_url = ?1 ORDER BY seq LIMIT 1")?
                    .query_row([url], |row| row.get(0))
                    .optional()?;
                if let Some(existing) = same_url {
                    return duplicate(existing, DuplicateReason::SameUrl);
                }
            }
            let authors = serde_json::to_string(&article.authors)
                .map_err(|e| Error::Corrupt(format!("authors of article {:?}: {e}", article.id)))?;
            conn.prepare_cached(
                "INSERT INTO articles (id, source, title, url, canonical_url, outlet, published,
                                       authors, language, text, content_hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                article.id,
                article.source,
                article.title,
                article.url,
                canonical,
                article.outlet,
                article.published.map(timestamp),
                authors,
                article.language,
                article.text,
                hash,
            ])?;
            Ok(Inserted::New)
        })
    }

    pub fn article(&self, id: &str) -> Result<Option<Article>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, source, title, url, outlet, published, authors, language, text
             FROM articles WHERE id = ?1",
        )?;
        let mut rows = stmt.query([id])?;
        rows.next()?.map(article_from_row).transpose()
    }

    /// All articles, oldest first; undated ones last; ties by id.
    pub fn articles(&self) -> Result<Vec<Article>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, source, title, url, outlet, published, authors, language, text
             FROM articles ORDER BY published IS NULL, published, id",
        )?;
        collect(&mut stmt, [], article_from_row)
    }

    pub fn article_count(&self) -> Result<usize> {
        Ok(self.conn.query_row("SELECT COUNT(*) FROM articles", [], |row| row.get(0))?)
    }

    /// Upserts each link by its pair: the pair's direction and passages are replaced. A link
    /// written against the `a < b` convention is flipped (ids, passage sides and direction)
    /// before it is stored, so a pair has one row whichever way round it comes.
    pub fn put_reuse_links(&mut self, links: &[ReuseLink]) -> Result<()> {
        self.write(|conn| {
            for link in links {
                let flipped;
                let link = if link.a > link.b {
                    flipped = flip(link);
                    &flipped
                } else {
                    link
                };
                ensure_article(conn, &link.a)?;
                ensure_article(conn, &link.b)?;
                conn.prepare_cached("DELETE FROM passages WHERE a = ?1 AND b = ?2")?
                    .execute(params![link.a, link.b])?;
                conn.prepare_cached(
                    "INSERT INTO reuse_pairs (a, b, direction) VALUES (?1, ?2, ?3)
                     ON CONFLICT (a, b) DO UPDATE SET direction = excluded.direction",
                )?
                .execute(params![link.a, link.b, enum_text(&link.direction)?])?;
                let mut insert = conn.prepare_cached(
                    "INSERT INTO passages (a, b, seq, a_start, a_end, b_start, b_end, similarity)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?;
                for (seq, p) in link.passages.iter().enumerate() {
                    insert.execute(params![
                        link.a,
                        link.b,
                        seq,
                        p.a_start,
                        p.a_end,
                        p.b_start,
                        p.b_end,
                        f64::from(p.similarity),
                    ])?;
                }
            }
            Ok(())
        })
    }

    /// Every reuse link, ordered by `(a, b)`.
    pub fn reuse_links(&self) -> Result<Vec<ReuseLink>> {
        let mut stmt = self.conn.prepare_cached("SELECT a, b, direction FROM reuse_pairs ORDER BY a, b")?;
        collect(&mut stmt, [], |row| self.reuse_link_from_row(row))
    }

    /// The links `article` takes part in, on either side, ordered by `(a, b)`.
    pub fn reuse_links_for(&self, article: &str) -> Result<Vec<ReuseLink>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT a, b, direction FROM reuse_pairs WHERE a = ?1 OR b = ?1 ORDER BY a, b")?;
        collect(&mut stmt, [article], |row| self.reuse_link_from_row(row))
    }

    fn reuse_link_from_row(&self, row: &Row<'_>) -> Result<ReuseLink> {
        let a: String = row.get(0)?;
        let b: String = row.get(1)?;
        let direction: Direction = parse_enum(row.get(2)?, "direction")?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT a_start, a_end, b_start, b_end, similarity FROM passages
             WHERE a = ?1 AND b = ?2 ORDER BY seq",
        )?;
        let passages = collect(&mut stmt, params![a, b], |row| {
            let similarity: f64 = row.get(4)?;
            Ok(Passage {
                a_start: row.get(0)?,
                a_end: row.get(1)?,
                b_start: row.get(2)?,
                b_end: row.get(3)?,
                // Stored from an f32, so the cast gives back the same value.
                similarity: similarity as f32,
            })
        })?;
        Ok(ReuseLink { a, b, direction, passages })
    }

    /// Replaces `article`'s attribution cues with `cues` (which must all belong to it).
    pub fn put_cues(&mut self, article: &str, cues: &[AttributionCue]) -> Result<()> {
        check_owner("cue", article, cues.iter().map(|c| c.article.as_str()))?;
        self.write(|conn| {
            ensure_article(conn, article)?;
            conn.prepare_cached("DELETE FROM cues WHERE article = ?1")?.execute([article])?;
            let mut insert = conn.prepare_cached(
                "INSERT INTO cues (article, origin, kind, span_start, span_end)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for cue in cues {
                insert.execute(params![
                    article,
                    cue.origin,
                    enum_text(&cue.kind)?,
                    cue.span.start,
                    cue.span.end,
                ])?;
            }
            Ok(())
        })
    }

    /// Every cue, by article, in the order each article's cues were put.
    pub fn cues(&self) -> Result<Vec<AttributionCue>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT article, origin, kind, span_start, span_end FROM cues ORDER BY article, id",
        )?;
        collect(&mut stmt, [], |row| {
            Ok(AttributionCue {
                article: row.get(0)?,
                origin: row.get(1)?,
                kind: parse_enum(row.get(2)?, "cue kind")?,
                span: span(row.get(3)?, row.get(4)?, "cue")?,
            })
        })
    }

    /// Replaces `article`'s quotes with `quotes` (which must all belong to it).
    pub fn put_quotes(&mut self, article: &str, quotes: &[Quote]) -> Result<()> {
        check_owner("quote", article, quotes.iter().map(|q| q.article.as_str()))?;
        self.write(|conn| {
            ensure_article(conn, article)?;
            conn.prepare_cached("DELETE FROM quotes WHERE article = ?1")?.execute([article])?;
            let mut insert = conn.prepare_cached(
                "INSERT INTO quotes (article, text, span_start, span_end, speaker,
                                     speaker_start, speaker_end, medium, kind)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            for quote in quotes {
                insert.execute(params![
                    article,
                    quote.text,
                    quote.span.start,
                    quote.span.end,
                    quote.speaker,
                    quote.speaker_span.map(|s| s.start),
                    quote.speaker_span.map(|s| s.end),
                    quote.medium,
                    enum_text(&quote.kind)?,
                ])?;
            }
            Ok(())
        })
    }

    /// Every quote, by article, in the order each article's quotes were put.
    pub fn quotes(&self) -> Result<Vec<Quote>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT article, text, span_start, span_end, speaker, speaker_start, speaker_end,
                    medium, kind
             FROM quotes ORDER BY article, id",
        )?;
        collect(&mut stmt, [], quote_from_row)
    }

    pub fn quotes_for(&self, article: &str) -> Result<Vec<Quote>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT article, text, span_start, span_end, speaker, speaker_start, speaker_end,
                    medium, kind
             FROM quotes WHERE article = ?1 ORDER BY id",
        )?;
        collect(&mut stmt, [article], quote_from_row)
    }

    /// Replaces `article`'s entity mentions with `mentions` (which must all belong to it).
    pub fn put_mentions(&mut self, article: &str, mentions: &[Mention]) -> Result<()> {
        check_owner("mention", article, mentions.iter().map(|m| m.article.as_str()))?;
        self.write(|conn| {
            ensure_article(conn, article)?;
            conn.prepare_cached("DELETE FROM mentions WHERE article = ?1")?.execute([article])?;
            let mut insert = conn.prepare_cached(
                "INSERT INTO mentions (article, span_start, span_end, text, kind)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for mention in mentions {
                insert.execute(params![
                    article,
                    mention.span.start,
                    mention.span.end,
                    mention.text,
                    mention.kind.as_str(),
                ])?;
            }
            Ok(())
        })
    }

    /// Every mention, by article, in the order each article's mentions were put.
    pub fn mentions(&self) -> Result<Vec<Mention>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT article, span_start, span_end, text, kind FROM mentions ORDER BY article, id",
        )?;
        collect(&mut stmt, [], |row| {
            let kind: String = row.get(4)?;
            Ok(Mention {
                article: row.get(0)?,
                span: span(row.get(1)?, row.get(2)?, "mention")?,
                text: row.get(3)?,
                kind: wiretrace_core::EntityKind::parse(&kind)
                    .ok_or_else(|| Error::Corrupt(format!("unknown entity kind {kind:?}")))?,
            })
        })
    }

    /// Replaces all stories. Story ids are stable: a story keeps the id it had when its key
    /// article (its first element of `articles` — the caller puts the earliest article first)
    /// keyed a story before, in this call's predecessor or any earlier one; otherwise it gets a
    /// new id (max+1, never reused). A story without articles always gets a new id. Returns the
    /// stories with ids filled in (input ids are ignored).
    ///
    /// Every article of every story must be in the store, and no two stories may share a key
    /// article ([`Error::DuplicateStoryKey`]); on error the old stories stay.
    pub fn replace_stories(&mut self, stories: Vec<Story>) -> Result<Vec<Story>> {
        self.write(move |conn| {
            conn.execute("DELETE FROM story_articles", [])?;
            conn.execute("DELETE FROM stories", [])?;
            let mut keys = HashSet::new();
            let mut stored = Vec::with_capacity(stories.len());
            for mut story in stories {
                let key = story.articles.first().cloned();
                if let Some(key) = &key {
                    if !keys.insert(key.clone()) {
                        return Err(Error::DuplicateStoryKey(key.clone()));
                    }
                }
                for article in &story.articles {
                    ensure_article(conn, article)?;
                }
                let known: Option<StoryId> = match &key {
                    Some(key) => conn
                        .prepare_cached("SELECT story_id FROM story_keys WHERE key_article = ?1")?
                        .query_row([key], |row| row.get(0))
                        .optional()?,
                    None => None,
                };
                story.id = match known {
                    Some(id) => id,
                    None => conn
                        .prepare_cached(
                            "INSERT INTO story_keys (key_article) VALUES (?1) RETURNING story_id",
                        )?
                        .query_row([&key], |row| row.get(0))?,
                };
                let json = serde_json::to_string(&story)
                    .map_err(|e| Error::Corrupt(format!("story {}: {e}", story.id)))?;
                conn.prepare_cached(
                    "INSERT INTO stories (id, key_article, title, last_published, json)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![
                    story.id,
                    key,
                    story.title,
                    story.last_published.map(timestamp),
                    json,
                ])?;
                let mut member = conn.prepare_cached(
                    "INSERT INTO story_articles (story_id, article_id) VALUES (?1, ?2)
                     ON CONFLICT DO NOTHING",
                )?;
                for article in &story.articles {
                    member.execute(params![story.id, article])?;
                }
                stored.push(story);
            }
            Ok(stored)
        })
    }

    /// All stories, most recently updated first (undated last), ties by id.
    pub fn stories(&self) -> Result<Vec<Story>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, json FROM stories
             ORDER BY last_published IS NULL, last_published DESC, id",
        )?;
        collect(&mut stmt, [], story_from_row)
    }

    pub fn story(&self, id: StoryId) -> Result<Option<Story>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, json FROM stories WHERE id = ?1")?;
        let mut rows = stmt.query([id])?;
        rows.next()?.map(story_from_row).transpose()
    }

    /// The story `article` belongs to (the lowest id, should a caller have put it in two).
    pub fn story_of_article(&self, article: &str) -> Result<Option<StoryId>> {
        Ok(self
            .conn
            .prepare_cached("SELECT MIN(story_id) FROM story_articles WHERE article_id = ?1")?
            .query_row([article], |row| row.get(0))?)
    }

    /// Full-text search over article titles and bodies and quote texts; the ids of matching
    /// articles, best first (bm25; a title hit weighs double), at most `limit`.
    ///
    /// Every word of the query must occur, accents and case ignored (`marques` finds
    /// `Marqués`); a word ending in `*` matches as a prefix; words between quote marks must
    /// occur in a row. FTS5 operators and unbalanced quote marks are plain text, so no query is
    /// a syntax error.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<ArticleId>> {
        let Some(fts) = fts_query(query) else {
            return Ok(Vec::new());
        };
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut stmt = self.conn.prepare_cached(
            "SELECT article FROM (
                 SELECT a.id AS article, bm25(articles_fts, 2.0, 1.0) AS score
                 FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
                 WHERE articles_fts MATCH ?1
                 UNION ALL
                 SELECT q.article AS article, bm25(quotes_fts) AS score
                 FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid
                 WHERE quotes_fts MATCH ?1
             )
             GROUP BY article ORDER BY MIN(score), article LIMIT ?2",
        )?;
        collect(&mut stmt, params![fts, limit], |row| Ok(row.get(0)?))
    }

    /// Appends `rejections` to the log, stamped with the current time.
    pub fn record_rejections(&mut self, rejections: &[Rejection]) -> Result<()> {
        let now = timestamp(Utc::now());
        self.write(|conn| {
            let mut insert = conn.prepare_cached(
                "INSERT INTO rejections (recorded_at, source, stage, reason)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            for rejection in rejections {
                insert.execute(params![
                    now,
                    rejection.source,
                    enum_text(&rejection.stage)?,
                    rejection.reason,
                ])?;
            }
            Ok(())
        })
    }

    /// The rejection log, oldest first.
    pub fn rejections(&self) -> Result<Vec<RecordedRejection>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT recorded_at, source, stage, reason FROM rejections ORDER BY id")?;
        collect(&mut stmt, [], |row| {
            let recorded_at: String = row.get(0)?;
            Ok(RecordedRejection {
                recorded_at: parse_timestamp(&recorded_at, "rejection time")?,
                rejection: Rejection {
                    source: row.get(1)?,
                    stage: parse_enum(row.get(2)?, "stage")?,
                    reason: row.get(3)?,
                },
            })
        })
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<u32> {
        Ok(self
            .conn
            .query_row("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", [], |row| row.get(0))?)
    }
}

/// Brings the database up to [`SCHEMA_VERSION`], all pending migrations in one transaction.
/// The version check happens inside it, so two processes opening a new file at once do not
/// both migrate.
fn migrate(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version    INTEGER PRIMARY KEY,
             applied_at TEXT NOT NULL
         )",
    )?;
    let found: u32 =
        tx.query_row("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", [], |row| row.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(Error::NewerSchema { found, supported: SCHEMA_VERSION });
    }
    for migration in MIGRATIONS.iter().filter(|m| m.version > found) {
        let failed = |source| Error::Migration { version: migration.version, name: migration.name, source };
        tx.execute_batch(migration.sql).map_err(failed)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)",
            params![migration.version, timestamp(Utc::now())],
        )
        .map_err(failed)?;
    }
    tx.commit()?;
    Ok(())
}

fn article_exists(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?.exists([id])?)
}

fn ensure_article(conn: &Connection, id: &str) -> Result<()> {
    if article_exists(conn, id)? {
        Ok(())
    } else {
        Err(Error::UnknownArticle(id.to_string()))
    }
}

fn check_owner<'a>(
    what: &'static str,
    expected: &str,
    owners: impl IntoIterator<Item = &'a str>,
) -> Result<()> {
    match owners.into_iter().find(|owner| *owner != expected) {
        Some(found) => {
            Err(Error::ArticleMismatch { what, expected: expected.to_string(), found: found.to_string() })
        }
        None => Ok(()),
    }
}

fn flip(link: &ReuseLink) -> ReuseLink {
    ReuseLink {
        a: link.b.clone(),
        b: link.a.clone(),
        direction: match link.direction {
            Direction::AToB => Direction::BToA,
            Direction::BToA => Direction::AToB,
            Direction::Unknown => Direction::Unknown,
        },
        passages: link
            .passages
            .iter()
            .map(|p| Passage {
                a_start: p.b_start,
                a_end: p.b_end,
                b_start: p.a_start,
                b_end: p.a_end,
                similarity: p.similarity,
            })
            .collect(),
    }
}

/// Turns the user's query into FTS5 phrases, all of which must match: each word is a phrase
/// (a trailing `*` makes it a prefix), and words between a pair of quote marks form one phrase.
/// Operators and an unbalanced quote mark are then plain text instead of syntax errors. `None`
/// when nothing searchable is left.
fn fts_query(user: &str) -> Option<String> {
    let mut terms = Vec::new();
    let mut rest = user;
    while let Some(open) = rest.find('"') {
        push_words(&rest[..open], &mut terms);
        let after = &rest[open + 1..];
        match after.find('"') {
            Some(close) => {
                push_phrase(&after[..close], false, &mut terms);
                rest = &after[close + 1..];
            }
            // An unbalanced mark is dropped; the words after it stay words.
            None => rest = after,
        }
    }
    push_words(rest, &mut terms);
    (!terms.is_empty()).then(|| terms.join(" "))
}

fn push_words(text: &str, terms: &mut Vec<String>) {
    for word in text.split_whitespace() {
        push_phrase(word.trim_end_matches('*'), word.ends_with('*'), terms);
    }
}

fn push_phrase(text: &str, prefix: bool, terms: &mut Vec<String>) {
    // A phrase without a token would match nothing and so empty the whole AND.
    if !text.chars().any(char::is_alphanumeric) {
        return;
    }
    let phrase = format!("\"{}\"", text.trim().replace('"', "\"\""));
    terms.push(if prefix { phrase + "*" } else { phrase });
}

fn collect<T>(
    stmt: &mut Statement<'_>,
    params: impl Params,
    mut convert: impl FnMut(&Row<'_>) -> Result<T>,
) -> Result<Vec<T>> {
    let mut rows = stmt.query(params)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(convert(row)?);
    }
    Ok(out)
}

fn article_from_row(row: &Row<'_>) -> Result<Article> {
    let id: String = row.get(0)?;
    let published: Option<String> = row.get(5)?;
    let published = published.map(|text| parse_timestamp(&text, "article publication time")).transpose()?;
    let authors: String = row.get(6)?;
    let authors = serde_json::from_str(&authors)
        .map_err(|e| Error::Corrupt(format!("authors of article {id:?}: {e}")))?;
    Ok(Article {
        source: row.get(1)?,
        title: row.get(2)?,
        url: row.get(3)?,
        outlet: row.get(4)?,
        published,
        authors,
        language: row.get(7)?,
        text: row.get(8)?,
        id,
    })
}

fn quote_from_row(row: &Row<'_>) -> Result<Quote> {
    let speaker_span = match (row.get(5)?, row.get(6)?) {
        (Some(start), Some(end)) => Some(span(start, end, "quote speaker")?),
        (None, None) => None,
        _ => return Err(Error::Corrupt("quote speaker span with only one end".to_string())),
    };
    Ok(Quote {
        article: row.get(0)?,
        text: row.get(1)?,
        span: span(row.get(2)?, row.get(3)?, "quote")?,
        speaker: row.get(4)?,
        speaker_span,
        medium: row.get(7)?,
        kind: parse_enum(row.get(8)?, "quote kind")?,
    })
}

fn story_from_row(row: &Row<'_>) -> Result<Story> {
    let id: StoryId = row.get(0)?;
    let json: String = row.get(1)?;
    let mut story: Story =
        serde_json::from_str(&json).map_err(|e| Error::Corrupt(format!("story {id}: {e}")))?;
    story.id = id;
    Ok(story)
}

/// Built without `Span::new`, whose debug assertion would panic on a corrupt row.
fn span(start: usize, end: usize, what: &str) -> Result<Span> {
    if start <= end {
        Ok(Span { start, end })
    } else {
        Err(Error::Corrupt(format!("{what} span starts at {start}, after its end {end}")))
    }
}

/// Fixed-width nanoseconds, so that comparing the text compares the times.
fn timestamp(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Nanos, true)
}

fn parse_timestamp(text: &str, what: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|time| time.with_timezone(&Utc))
        .map_err(|e| Error::Corrupt(format!("{what} {text:?}: {e}")))
}

/// Enums are stored under their JSON names, so the database and the JSON output agree.
fn enum_text<T: Serialize + std::fmt::Debug>(value: &T) -> Result<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => Ok(text),
        _ => Err(Error::Corrupt(format!("{value:?} has no name to store it under"))),
    }
}

fn parse_enum<T: DeserializeOwned>(text: String, what: &str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(text.clone()))
        .map_err(|_| Error::Corrupt(format!("unknown {what} {text:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_in_order_up_to_the_schema_version() {
        for (i, migration) in MIGRATIONS.iter().enumerate() {
            assert_eq!(migration.version as usize, i + 1, "{}", migration.name);
        }
        assert_eq!(MIGRATIONS.last().map(|m| m.version), Some(SCHEMA_VERSION));
    }

    #[test]
    fn fts_query_turns_words_and_quoted_runs_into_phrases() {
        assert_eq!(fts_query(r#"Marqués "unbalanced"#).as_deref(), Some(r#""Marqués" "unbalanced""#));
        assert_eq!(
            fts_query(r#"strike "told Lantern Wire" NOT"#).as_deref(),
            Some(r#""strike" "told Lantern Wire" "NOT""#)
        );
        assert_eq!(fts_query("dam* OR").as_deref(), Some(r#""dam"* "OR""#));
        assert_eq!(fts_query(r#" " -- * "" "#), None);
    }

    #[test]
    fn timestamps_sort_as_text_in_time_order() {
        let early = DateTime::parse_from_rfc3339("2021-03-04T05:06:07Z").unwrap();
        let later = DateTime::parse_from_rfc3339("2021-03-04T05:06:07.5Z").unwrap();
        let (early, later) = (timestamp(early.with_timezone(&Utc)), timestamp(later.with_timezone(&Utc)));
        assert!(early < later, "{early} !< {later}");
        assert_eq!(
            parse_timestamp(&later, "t").unwrap(),
            DateTime::parse_from_rfc3339("2021-03-04T05:06:07.5Z").unwrap()
        );
    }

    #[test]
    fn enums_are_stored_under_their_json_names() {
        assert_eq!(enum_text(&Direction::AToB).unwrap(), "a->b");
        assert_eq!(enum_text(&wiretrace_core::CueKind::AccordingTo).unwrap(), "according_to");
        let parsed: Direction = parse_enum("b->a".to_string(), "direction").unwrap();
        assert_eq!(parsed, Direction::BToA);
        assert!(matches!(
            parse_enum::<Direction>("sideways".to_string(), "direction"),
            Err(Error::Corrupt(message)) if message.contains("sideways")
        ));
    }

    #[test]
    fn corrupt_rows_are_errors_not_panics() {
        let store = Store::open_in_memory().unwrap();
        store
            .conn
            .execute(
                "INSERT INTO articles (id, source, authors, text, content_hash)
                 VALUES ('bad', 'bad', 'not json', 'body', 'h1')",
                [],
            )
            .unwrap();
        assert!(matches!(store.article("bad"), Err(Error::Corrupt(m)) if m.contains("authors")));
        store
            .conn
            .execute("UPDATE articles SET authors = '[]', published = 'last tuesday' WHERE id = 'bad'", [])
            .unwrap();
        assert!(matches!(store.articles(), Err(Error::Corrupt(m)) if m.contains("last tuesday")));
        store
            .conn
            .execute(
                "INSERT INTO cues (article, origin, kind, span_start, span_end)
                 VALUES ('bad', 'Lantern Wire', 'told', 9, 3)",
                [],
            )
            .unwrap();
        assert!(matches!(store.cues(), Err(Error::Corrupt(m)) if m.contains("after its end")));
    }
}
