-- wiretrace store, schema version 1.
-- Written in portable SQL where possible; the FTS5 tables and triggers are SQLite-only and will
-- have tsvector counterparts in the PostgreSQL migrations.

-- `seq` is the FTS rowid: an explicit INTEGER PRIMARY KEY because implicit rowids may change
-- on VACUUM, which would silently desynchronise the external-content index.
CREATE TABLE articles (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    source        TEXT NOT NULL,
    title         TEXT,
    url           TEXT,
    canonical_url TEXT,
    outlet        TEXT,
    -- RFC 3339, UTC, fixed-width nanoseconds so that text order is time order.
    published     TEXT,
    -- JSON array of strings.
    authors       TEXT NOT NULL DEFAULT '[]',
    language      TEXT,
    text          TEXT NOT NULL,
    content_hash  TEXT NOT NULL UNIQUE
);
CREATE INDEX articles_canonical_url ON articles (canonical_url);
CREATE INDEX articles_published ON articles (published, id);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text,
    content = 'articles', content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

-- One row per article pair, a < b by convention.
CREATE TABLE reuse_pairs (
    a         TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    b         TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    direction TEXT NOT NULL CHECK (direction IN ('a->b', 'b->a', 'unknown')),
    PRIMARY KEY (a, b)
);
CREATE INDEX reuse_pairs_b ON reuse_pairs (b);

CREATE TABLE passages (
    a          TEXT NOT NULL,
    b          TEXT NOT NULL,
    -- position within the pair's passage list, to give them back in the order they were put
    seq        INTEGER NOT NULL,
    a_start    INTEGER NOT NULL,
    a_end      INTEGER NOT NULL,
    b_start    INTEGER NOT NULL,
    b_end      INTEGER NOT NULL,
    similarity REAL NOT NULL,
    PRIMARY KEY (a, b, seq),
    FOREIGN KEY (a, b) REFERENCES reuse_pairs (a, b) ON DELETE CASCADE
);

CREATE TABLE cues (
    id         INTEGER PRIMARY KEY,
    article    TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    origin     TEXT NOT NULL,
    kind       TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL
);
CREATE INDEX cues_article ON cues (article);

CREATE TABLE quotes (
    id            INTEGER PRIMARY KEY,
    article       TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    text          TEXT NOT NULL,
    span_start    INTEGER NOT NULL,
    span_end      INTEGER NOT NULL,
    speaker       TEXT,
    speaker_start INTEGER,
    speaker_end   INTEGER,
    medium        TEXT,
    kind          TEXT NOT NULL
);
CREATE INDEX quotes_article ON quotes (article);

CREATE VIRTUAL TABLE quotes_fts USING fts5 (
    text,
    content = 'quotes', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER quotes_fts_update AFTER UPDATE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO quotes_fts (rowid, text) VALUES (new.id, new.text);
END;

CREATE TABLE mentions (
    id         INTEGER PRIMARY KEY,
    article    TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    kind       TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions (article);

-- Every story id ever handed out, with the article that keyed it. Kept when stories are
-- replaced, so a key article that comes back gets its old id, and AUTOINCREMENT guarantees a
-- new story never reuses an id.
CREATE TABLE story_keys (
    story_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    key_article TEXT UNIQUE
);

CREATE TABLE stories (
    id             INTEGER PRIMARY KEY REFERENCES story_keys (story_id),
    key_article    TEXT UNIQUE,
    title          TEXT NOT NULL,
    last_published TEXT,
    -- the whole core::Story as JSON; `id` column wins over the id inside
    json           TEXT NOT NULL
);
CREATE INDEX stories_last_published ON stories (last_published);

CREATE TABLE story_articles (
    story_id   INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (story_id, article_id)
);
CREATE INDEX story_articles_article ON story_articles (article_id);

CREATE TABLE rejections (
    id          INTEGER PRIMARY KEY,
    recorded_at TEXT NOT NULL,
    source      TEXT NOT NULL,
    stage       TEXT NOT NULL,
    reason      TEXT NOT NULL
);
