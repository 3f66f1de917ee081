//! SQLite store for articles, reuse, quotes, entities and stories, with migrations and full-text search.
