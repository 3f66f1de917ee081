use anyhow::{Context, Result};
use chrono::{DateTime, NaiveDate, Utc};
use clap::{Args, ValueEnum};

use crate::{print_out, render, Format, GlobalArgs, Outcome};

/// How the story list is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Sort {
    /// Latest news first.
    Recency,
    /// Most articles first.
    Size,
}

#[derive(Args, Debug)]
pub struct ListArgs {
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Order of the list [default: recency; with --search, best match first].
    #[arg(long, value_enum)]
    pub sort: Option<Sort>,
    /// Only stories with news on or after this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    pub since: Option<DateTime<Utc>>,
    /// Only stories whose articles or quotes match these words (full-text search; accents and
    /// case ignored; "quoted phrase", prefix*).
    #[arg(long)]
    pub search: Option<String>,
}

fn parse_day(s: &str) -> Result<DateTime<Utc>, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(|d| d.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc())
        .map_err(|_| format!("expected a day as YYYY-MM-DD, got {s:?}"))
}

/// The most stories a search considers (their matching articles, ranked).
const SEARCH_LIMIT: usize = 1000;

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// The story's number, as `wiretrace stories` lists it.
    pub id: u64,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn list(g: &GlobalArgs, args: ListArgs) -> Result<Outcome> {
    let store = g.open_store()?;
    let mut stories = store.stories()?;
    if let Some(since) = args.since {
        stories.retain(|s| s.last_published.is_some_and(|d| d >= since));
    }
    if let Some(query) = &args.search {
        let hits = store.search(query, SEARCH_LIMIT).context("search failed")?;
        let mut ranked: Vec<u64> = Vec::new();
        for article in &hits {
            if let Some(id) = store.story_of_article(article)? {
                if !ranked.contains(&id) {
                    ranked.push(id);
                }
            }
        }
        stories.retain(|s| ranked.contains(&s.id));
        if args.sort.is_none() {
            stories.sort_by_key(|s| ranked.iter().position(|&id| id == s.id));
        }
    }
    match args.sort {
        Some(Sort::Size) => {
            stories.sort_by(|a, b| b.articles.len().cmp(&a.articles.len()).then(a.id.cmp(&b.id)))
        }
        // The store lists by recency already.
        Some(Sort::Recency) if args.search.is_some() => {
            stories.sort_by(|a, b| b.last_published.cmp(&a.last_published).then(a.id.cmp(&b.id)))
        }
        _ => {}
    }
    if !g.quiet {
        print_out(&render::story_list(&stories, args.format)?)?;
    }
    Ok(if stories.is_empty() { Outcome::SomethingMissing } else { Outcome::Clean })
}

pub fn show(g: &GlobalArgs, args: ShowArgs) -> Result<Outcome> {
    match g.open_store()?.story(args.id)? {
        Some(story) => {
            if !g.quiet {
                print_out(&render::story(&story, args.format)?)?;
            }
            Ok(Outcome::Clean)
        }
        None => {
            eprintln!("no story {} in {}", args.id, g.db.display());
            Ok(Outcome::SomethingMissing)
        }
    }
}
