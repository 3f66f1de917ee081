//! Reads article sources (plain text, JSONL) into wiretrace articles: metadata, dates, outlet, byline, boilerplate.
