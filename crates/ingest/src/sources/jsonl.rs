//! JSONL: one article per line, `{"text": ..., "id", "title", "url", "outlet", "published",
//! "author"}`. The text is cleaned like scraped text (records are often scraped pages), but a
//! field given in the record wins over what extraction reads from the text.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use wiretrace_core::Article;

use crate::error::Error;
use crate::extract::{dates, extract, Known};
use crate::ReadOutcome;

pub fn read(stem: &str, source: &str, text: &str) -> ReadOutcome {
    let mut outcome = ReadOutcome::default();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let line_source = format!("{source}:{number}");
        match record(stem, &line_source, number, line) {
            Ok(article) => outcome.articles.push(article),
            Err(err) => outcome.rejections.push(err.into_rejection(line_source)),
        }
    }
    outcome
}

fn record(stem: &str, source: &str, number: usize, line: &str) -> Result<Article, Error> {
    let value: Value =
        serde_json::from_str(line).map_err(|e| Error::NotJson { line: number, message: e.to_string() })?;
    let Value::Object(fields) = value else {
        return Err(Error::NotObject { line: number });
    };
    let Some(Value::String(body)) = fields.get("text") else {
        return Err(Error::NoText { line: number });
    };
    let id = match fields.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => format!("{stem}-{number}"),
    };
    let known = Known { title: string(&fields, "title"), url: string(&fields, "url") };
    let mut article = extract(&id, source, body, &known);
    if article.text.is_empty() {
        return Err(Error::NoArticleText);
    }
    if let Some(outlet) = string(&fields, "outlet") {
        article.outlet = Some(outlet);
    }
    // An unreadable `published` leaves the date the text gives, if any, rather than dropping
    // the article over metadata.
    if let Some(published) = fields.get("published").and_then(published) {
        article.published = Some(published);
    }
    let authors = authors(&fields);
    if !authors.is_empty() {
        article.authors = authors;
    }
    if let Some(language) = string(&fields, "language") {
        article.language = Some(language);
    }
    Ok(article)
}

fn string(fields: &Map<String, Value>, key: &str) -> Option<String> {
    match fields.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    }
}

fn published(value: &Value) -> Option<DateTime<Utc>> {
    match value {
        Value::String(s) => dates::parse_published(s),
        // Unix seconds, as some exporters write them.
        Value::Number(n) => DateTime::from_timestamp(n.as_i64()?, 0),
        _ => None,
    }
}

/// `author` (or `authors`): a string or an array of strings. A "By " prefix goes; a string is
/// not split further, since "Ana Ruiz, Harbour Ledger" is one person with an affiliation.
fn authors(fields: &Map<String, Value>) -> Vec<String> {
    let value = fields.get("author").or_else(|| fields.get("authors"));
    let names: Vec<&str> = match value {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    names
        .into_iter()
        .map(|n| {
            let n = n.trim();
            let n = match n.split_once(' ') {
                Some((by, rest)) if by.eq_ignore_ascii_case("by") => rest.trim(),
                _ => n,
            };
            n.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .filter(|n| !n.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiretrace_core::Stage;

    const FEED: &str = r#"{"id": "hl-1", "title": "Estrel dam holds", "url": "https://harbourledger.example/2021/03/04/dam", "outlet": "Harbour Ledger", "published": "2021-03-04T10:15:00+02:00", "author": ["Ana Ruiz", "By Tomas Berg"], "text": "Estrel dam holds\nThe dam held overnight, officials said.\nShare this story", "extra": {"ignored": true}}

not json at all
{"title": "No body"}
{"text": "Engineers checked the spillway at dawn, the water board said on Thursday.\nREAD MORE: River levels fall", "author": "Mirela Costa"}
{"text": "Sign up for our newsletter"}
[1, 2]
"#;

    #[test]
    fn reads_records_and_rejects_bad_lines() {
        let out = read("feed", "feed.jsonl", FEED);
        assert_eq!(out.articles.len(), 2);
        let reasons: Vec<(String, String, Stage)> =
            out.rejections.iter().map(|r| (r.source.clone(), r.reason.clone(), r.stage)).collect();
        assert_eq!(reasons.len(), 4);
        assert_eq!(reasons[0].0, "feed.jsonl:3");
        assert!(reasons[0].1.starts_with("not JSON: expected"), "{}", reasons[0].1);
        assert_eq!(reasons[1], ("feed.jsonl:4".into(), "no \"text\" field".into(), Stage::Read));
        assert_eq!(
            reasons[2],
            ("feed.jsonl:6".into(), "no article text after removing boilerplate".into(), Stage::Extract)
        );
        assert_eq!(reasons[3].1, "not a JSON object");
    }

    #[test]
    fn given_metadata_wins_and_text_is_cleaned() {
        let out = read("feed", "feed.jsonl", FEED);
        let a = &out.articles[0];
        assert_eq!(a.id, "hl-1");
        assert_eq!(a.source, "feed.jsonl:1");
        assert_eq!(a.title.as_deref(), Some("Estrel dam holds"));
        // The repeated headline and the share prompt are gone from the text.
        assert_eq!(a.text, "The dam held overnight, officials said.");
        assert_eq!(a.outlet.as_deref(), Some("Harbour Ledger"));
        assert_eq!(a.published.unwrap().to_rfc3339(), "2021-03-04T08:15:00+00:00");
        assert_eq!(a.authors, ["Ana Ruiz", "Tomas Berg"]);
        assert_eq!(a.url.as_deref(), Some("https://harbourledger.example/2021/03/04/dam"));
    }

    #[test]
    fn missing_id_comes_from_file_stem_and_line() {
        let out = read("feed", "feed.jsonl", FEED);
        let b = &out.articles[1];
        assert_eq!(b.id, "feed-5");
        assert_eq!(b.title, None);
        assert_eq!(b.authors, ["Mirela Costa"]);
        assert_eq!(b.text, "Engineers checked the spillway at dawn, the water board said on Thursday.");
    }

    #[test]
    fn url_gives_date_and_outlet_when_record_does_not() {
        let line = r#"{"url": "https://www.meridian.example/news/2021-03-05/spillway", "text": "The spillway reopened on Friday after repairs, the board said."}"#;
        let out = read("m", "m.jsonl", line);
        let a = &out.articles[0];
        assert_eq!(a.outlet.as_deref(), Some("meridian.example"));
        assert_eq!(a.published.unwrap().to_rfc3339(), "2021-03-05T00:00:00+00:00");
        let epoch = r#"{"published": 1614852900, "text": "The spillway reopened on Friday after repairs."}"#;
        let out = read("m", "m.jsonl", epoch);
        assert_eq!(out.articles[0].published.unwrap().to_rfc3339(), "2021-03-04T10:15:00+00:00");
    }
}
