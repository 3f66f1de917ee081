//! `wiretrace watch FEED...`: polls RSS/Atom feeds (URLs or files) and runs each batch of new
//! items through the pipeline, so stories update as the news arrives. Ctrl-C asks it to stop:
//! the batch under way is finished and stored, then it exits; nothing is left half-written.
//! One pipeline [`Session`] lives across polls, so only the first poll loads the store.

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::Args;
use wiretrace_core::{Article, Rejection, Stage};
use wiretrace_ingest::fetch::{Fetched, Fetcher};
use wiretrace_ingest::{id_from_url, read_feed};
use wiretrace_pipeline::{Input, Pipeline, Session};

use crate::{GlobalArgs, Outcome};

#[derive(Args, Debug)]
pub struct WatchArgs {
    /// Feeds to poll: http(s) URLs or RSS/Atom files.
    #[arg(required = true)]
    pub feeds: Vec<String>,
    /// Seconds between polls of the same feed.
    #[arg(long, default_value_t = 300, env = "WIRETRACE_WATCH_INTERVAL")]
    pub interval: u64,
    /// Poll every feed once, ingest what is new, and exit.
    #[arg(long)]
    pub once: bool,
}

pub fn run(g: &GlobalArgs, args: WatchArgs) -> Result<Outcome> {
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = Arc::clone(&stop);
        ctrlc::set_handler(move || {
            if stop.swap(true, Ordering::SeqCst) {
                // A second Ctrl-C while a batch is being stored: the user insists.
                std::process::exit(130);
            }
            eprintln!("stopping after the current batch (Ctrl-C again to abort)");
        })
        .context("cannot install the Ctrl-C handler")?;
    }
    let mut store = g.open_store()?;
    // Keeps the reuse index and story clusterer between polls, so a poll costs in proportion
    // to its new items, not to the store.
    let mut session = Session::new();
    let mut fetcher = Fetcher::default();
    let mut seen: HashSet<String> = HashSet::new();
    let mut any_rejected = false;
    let mut poll = 0;
    loop {
        poll += 1;
        let started = Instant::now();
        for feed in &args.feeds {
            if stop.load(Ordering::SeqCst) {
                break;
            }
            let (articles, rejections, skipped) = poll_feed(feed, &mut fetcher, &mut seen);
            for rejection in &rejections {
                eprintln!("rejected: {rejection}");
            }
            any_rejected |= !rejections.is_empty();
            store.record_rejections(&rejections)?;
            if articles.is_empty() {
                if !g.quiet {
                    eprintln!("poll {poll}: {feed}: nothing new ({skipped} seen before)");
                }
                continue;
            }
            let inputs = [Input::Articles(articles.clone())];
            let summary = Pipeline::new(&mut store)
                .with_session(&mut session)
                .run(&inputs)
                .context("the pipeline stopped")?;
            for rejection in &summary.rejections {
                eprintln!("rejected: {rejection}");
            }
            store.record_rejections(&summary.rejections)?;
            if !g.quiet {
                eprintln!(
                    "poll {poll}: {feed}: {} items, {} new articles, {} already stored, {} rejected; {} stories updated",
                    articles.len(),
                    summary.new_articles,
                    summary.duplicates.len(),
                    rejections.len() + summary.rejections.len(),
                    summary.stories.len()
                );
            }
        }
        if args.once || stop.load(Ordering::SeqCst) {
            break;
        }
        // Sleep in small steps so Ctrl-C is answered within a fraction of a second.
        let next = started + Duration::from_secs(args.interval);
        while Instant::now() < next && !stop.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(200));
        }
        if stop.load(Ordering::SeqCst) {
            break;
        }
    }
    Ok(if any_rejected { Outcome::SomethingMissing } else { Outcome::Clean })
}

/// New items of one feed as articles; a feed that cannot be read is one rejection.
fn poll_feed(
    feed: &str,
    fetcher: &mut Fetcher,
    seen: &mut HashSet<String>,
) -> (Vec<Article>, Vec<Rejection>, usize) {
    let is_url = feed.contains("://");
    let (stem, bytes) = if is_url {
        match fetcher.fetch(feed) {
            Ok(Fetched::Body { bytes, .. }) => (id_from_url(feed), bytes),
            Ok(Fetched::NotModified) => return (Vec::new(), Vec::new(), 0),
            Err(err) => return (Vec::new(), vec![reject(feed, err.to_string())], 0),
        }
    } else {
        match std::fs::read(feed) {
            Ok(bytes) => {
                let stem = Path::new(feed)
                    .file_stem()
                    .map_or_else(|| feed.to_string(), |s| s.to_string_lossy().into_owned());
                (stem, bytes)
            }
            Err(err) => return (Vec::new(), vec![reject(feed, err.to_string().to_lowercase())], 0),
        }
    };
    match read_feed(&stem, feed, &bytes, fetcher, seen) {
        Ok(items) => (items.outcome.articles, items.outcome.rejections, items.skipped),
        Err(err) => (Vec::new(), vec![err.into_rejection(feed)], 0),
    }
}

fn reject(source: &str, reason: String) -> Rejection {
    Rejection { source: source.to_string(), stage: Stage::Read, reason }
}
