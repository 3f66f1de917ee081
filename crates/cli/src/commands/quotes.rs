//! `wiretrace quotes [--story ID]`: the stored quotes, grouped by speaker, as text, JSON,
//! JSONL (one quote a line) or CSV.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use serde::Serialize;
use wiretrace_core::{Quote, QuoteKind, StoryId};

use crate::{print_out, GlobalArgs, Outcome};

/// How quotes are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum QuotesFormat {
    /// Grouped by speaker, for a terminal.
    Text,
    /// One array of speakers, each with their quotes.
    Json,
    /// One quote per line.
    Jsonl,
    /// One quote per row, with a header.
    Csv,
}

#[derive(Args, Debug)]
pub struct QuotesArgs {
    /// Only the quotes of this story's articles.
    #[arg(long)]
    pub story: Option<StoryId>,
    #[arg(long, value_enum, default_value_t = QuotesFormat::Text)]
    pub format: QuotesFormat,
}

/// One quote as printed: char offsets into its article's text.
#[derive(Serialize)]
struct Row<'q> {
    article: &'q str,
    text: &'q str,
    speaker: Option<&'q str>,
    medium: Option<&'q str>,
    kind: QuoteKind,
    start: usize,
    end: usize,
}

impl<'q> From<&'q Quote> for Row<'q> {
    fn from(q: &'q Quote) -> Self {
        Row {
            article: &q.article,
            text: &q.text,
            speaker: q.speaker.as_deref(),
            medium: q.medium.as_deref(),
            kind: q.kind,
            start: q.span.start,
            end: q.span.end,
        }
    }
}

#[derive(Serialize)]
struct SpeakerGroup<'q> {
    speaker: Option<&'q str>,
    quotes: Vec<Row<'q>>,
}

pub fn run(g: &GlobalArgs, args: QuotesArgs) -> Result<Outcome> {
    let store = g.open_store()?;
    let mut quotes = store.quotes().context("cannot read the quotes")?;
    if let Some(id) = args.story {
        let Some(story) = store.story(id).with_context(|| format!("cannot read story {id}"))? else {
            eprintln!("no story {id} in {}", g.db.display());
            return Ok(Outcome::SomethingMissing);
        };
        let articles: HashSet<&str> = story.articles.iter().map(String::as_str).collect();
        quotes.retain(|q| articles.contains(q.article.as_str()));
    }
    if !g.quiet {
        print_out(&render(&quotes, args.format)?)?;
    }
    Ok(if quotes.is_empty() { Outcome::SomethingMissing } else { Outcome::Clean })
}

/// Speakers with the most quotes first, unattributed quotes last; quotes in article order.
fn grouped(quotes: &[Quote]) -> Vec<SpeakerGroup<'_>> {
    let mut by: BTreeMap<Option<&str>, Vec<&Quote>> = BTreeMap::new();
    for q in quotes {
        by.entry(q.speaker.as_deref()).or_default().push(q);
    }
    let mut groups: Vec<(Option<&str>, Vec<&Quote>)> = by.into_iter().collect();
    groups.sort_by_key(|(speaker, qs)| (speaker.is_none(), std::cmp::Reverse(qs.len()), *speaker));
    groups
        .into_iter()
        .map(|(speaker, mut qs)| {
            qs.sort_by(|a, b| a.article.cmp(&b.article).then(a.span.start.cmp(&b.span.start)));
            SpeakerGroup { speaker, quotes: qs.into_iter().map(Row::from).collect() }
        })
        .collect()
}

fn render(quotes: &[Quote], format: QuotesFormat) -> Result<String> {
    let groups = grouped(quotes);
    let mut out = String::new();
    match format {
        QuotesFormat::Json => out = serde_json::to_string_pretty(&groups)? + "\n",
        QuotesFormat::Jsonl => {
            for row in groups.iter().flat_map(|g| &g.quotes) {
                out.push_str(&serde_json::to_string(row)?);
                out.push('\n');
            }
        }
        QuotesFormat::Csv => {
            out.push_str("speaker,article,kind,medium,start,end,text\n");
            for row in groups.iter().flat_map(|g| &g.quotes) {
                let kind = match row.kind {
                    QuoteKind::Direct => "direct",
                    QuoteKind::Indirect => "indirect",
                };
                let fields = [
                    csv_field(row.speaker.unwrap_or("")),
                    csv_field(row.article),
                    kind.to_string(),
                    csv_field(row.medium.unwrap_or("")),
                    row.start.to_string(),
                    row.end.to_string(),
                    csv_field(row.text),
                ];
                out.push_str(&fields.join(","));
                out.push('\n');
            }
        }
        QuotesFormat::Text => {
            for g in &groups {
                let _ = writeln!(out, "{} ({})", g.speaker.unwrap_or("(no speaker)"), g.quotes.len());
                for q in &g.quotes {
                    let to = q.medium.map(|m| format!(" to {m}")).unwrap_or_default();
                    let mark = match q.kind {
                        QuoteKind::Direct => format!("“{}”", q.text),
                        QuoteKind::Indirect => format!("(indirect) {}", q.text),
                    };
                    let _ = writeln!(out, "  {mark}{to}  [{} {}..{}]", q.article, q.start, q.end);
                }
            }
        }
    }
    Ok(out)
}

/// RFC 4180: a field holding a comma, a quote mark or a line break is quoted, with its quote
/// marks doubled.
fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiretrace_core::Span;

    fn quote(article: &str, text: &str, speaker: Option<&str>, start: usize) -> Quote {
        Quote {
            article: article.into(),
            text: text.into(),
            span: Span::new(start, start + text.chars().count()),
            speaker: speaker.map(str::to_string),
            speaker_span: None,
            medium: None,
            kind: QuoteKind::Direct,
        }
    }

    #[test]
    fn csv_quotes_fields_with_commas_marks_and_newlines() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"no\"\nnow"), "\"say \"\"no\"\"\nnow\"");
    }

    #[test]
    fn groups_put_the_busiest_speaker_first_and_the_unattributed_last() {
        let quotes = vec![
            quote("a1", "We stay.", None, 0),
            quote("a1", "The gates hold.", Some("Ada Rook"), 20),
            quote("a2", "Not tonight, I said", Some("Ben Tull"), 5),
            quote("a1", "All night.", Some("Ada Rook"), 3),
        ];
        let groups = grouped(&quotes);
        let speakers: Vec<Option<&str>> = groups.iter().map(|g| g.speaker).collect();
        assert_eq!(speakers, [Some("Ada Rook"), Some("Ben Tull"), None]);
        assert_eq!(groups[0].quotes[0].text, "All night.");
        let csv = render(&quotes, QuotesFormat::Csv).unwrap();
        assert!(csv.contains("Ben Tull,a2,direct,,5,24,\"Not tonight, I said\"\n"));
        let jsonl = render(&quotes, QuotesFormat::Jsonl).unwrap();
        let first: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
        for key in ["article", "text", "speaker", "medium", "kind", "start", "end"] {
            assert!(first.get(key).is_some(), "{key} missing");
        }
    }
}
