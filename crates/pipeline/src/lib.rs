//! The order of wiretrace's stages: read → store → (reuse, quotes, entities) → stories → store.
//!
//! Only this crate knows the order; each stage crate stays ignorant of the others. A run reads
//! its inputs, stores what is new (re-reading an article is a no-op), finds the new articles'
//! reuse against everything already stored, extracts their quotes, cues and mentions, then
//! re-clusters the store into stories and saves them.
//!
//! ```
//! use wiretrace_pipeline::{Input, Pipeline};
//! use wiretrace_store::Store;
//! let mut store = Store::open_in_memory().unwrap();
//! let inputs = vec![Input::Bytes {
//!     name: "a.jsonl".into(),
//!     bytes: br#"{"id":"a","text":"Dockworkers in Port Estrel walked out on Monday over unpaid wages."}"#.to_vec(),
//! }];
//! let summary = Pipeline::new(&mut store).run(&inputs).unwrap();
//! assert_eq!(summary.new_articles, 1);
//! assert_eq!(summary.stories.len(), 1);
//! ```

mod error;
mod progress;

pub use error::{Error, Result};
pub use progress::{Progress, StageName};

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use rayon::prelude::*;
use wiretrace_core::{
    Article, AttributionCue, EntityKind, Mention, Quote, Rejection, ReuseLink, Story, StoryId,
};
use wiretrace_ingest::ReadOutcome;
use wiretrace_reuse::ReuseIndex;
use wiretrace_store::{Inserted, Store};
pub use wiretrace_stories::Thresholds;
use wiretrace_stories::{ArticleFeatures, ClusterSignals, StoryParts};

/// Something to read articles from.
#[derive(Clone, Debug)]
pub enum Input {
    /// A file or a directory (walked recursively).
    Path(PathBuf),
    /// A file's bytes already in memory, e.g. the bundled demo corpus.
    Bytes { name: String, bytes: Vec<u8> },
    /// Articles already extracted (a feed item fetched by `watch`): stored as they are, with
    /// their own source and metadata.
    Articles(Vec<Article>),
}

/// An article that was already in the store.
#[derive(Clone, Debug, PartialEq)]
pub struct Duplicate {
    pub source: String,
    pub existing: String,
    pub reason: String,
}

/// What a run did, for the end-of-run summary.
#[derive(Clone, Debug, Default)]
pub struct RunSummary {
    /// Articles read from the inputs (new or not).
    pub articles_read: usize,
    pub new_articles: usize,
    pub duplicates: Vec<Duplicate>,
    pub rejections: Vec<Rejection>,
    pub reuse_links_found: usize,
    pub quotes_found: usize,
    /// The stories holding the articles this run read, in store order.
    pub stories: Vec<StoryId>,
}

/// Runs the stages over inputs into one store.
pub struct Pipeline<'s> {
    store: &'s mut Store,
    progress: Box<dyn Fn(Progress) + Sync + 's>,
    thresholds: Thresholds,
}

impl<'s> Pipeline<'s> {
    pub fn new(store: &'s mut Store) -> Self {
        Pipeline { store, progress: Box::new(|_| {}), thresholds: Thresholds::default() }
    }

    /// Clustering thresholds other than the tuned defaults (for evaluation and tuning).
    pub fn with_thresholds(mut self, thresholds: Thresholds) -> Self {
        self.thresholds = thresholds;
        self
    }

    /// Called as each stage advances; the CLI draws a progress bar from it.
    pub fn on_progress(mut self, f: impl Fn(Progress) + Sync + 's) -> Self {
        self.progress = Box::new(f);
        self
    }

    pub fn run(&mut self, inputs: &[Input]) -> Result<RunSummary> {
        let mut summary = RunSummary::default();
        let read = self.read(inputs);
        summary.rejections = read.rejections;
        summary.articles_read = read.articles.len();
        let read_ids: Vec<String> = read.articles.iter().map(|a| a.id.clone()).collect();

        let existing = self.store.articles()?;
        let mut new_articles = Vec::new();
        let mut kept_ids = Vec::new();
        self.report(StageName::Store, 0, read.articles.len());
        for (n, article) in read.articles.into_iter().enumerate() {
            match self.store.insert_article(&article)? {
                Inserted::New => {
                    kept_ids.push(article.id.clone());
                    new_articles.push(article);
                }
                Inserted::Duplicate { existing, reason } => {
                    kept_ids.push(existing.clone());
                    summary.duplicates.push(Duplicate {
                        source: article.source.clone(),
                        existing,
                        reason: format!("{reason:?}"),
                    })
                }
            }
            self.report(StageName::Store, n + 1, summary.articles_read);
        }
        summary.new_articles = new_articles.len();
        let _ = read_ids;

        self.analyse_new(&existing, &new_articles, &mut summary)?;
        if !new_articles.is_empty() || self.store.stories()?.is_empty() {
            self.rebuild_stories()?;
        }
        let mut stories = BTreeSet::new();
        for id in &kept_ids {
            if let Some(s) = self.store.story_of_article(id)? {
                stories.insert(s);
            }
        }
        summary.stories =
            self.store.stories()?.into_iter().map(|s| s.id).filter(|id| stories.contains(id)).collect();
        Ok(summary)
    }

    fn report(&self, stage: StageName, done: usize, total: usize) {
        (self.progress)(Progress { stage, done, total });
    }

    fn read(&self, inputs: &[Input]) -> ReadOutcome {
        let mut all = ReadOutcome { articles: Vec::new(), rejections: Vec::new() };
        for (n, input) in inputs.iter().enumerate() {
            let outcome = match input {
                Input::Path(path) => wiretrace_ingest::read_path(path),
                Input::Bytes { name, bytes } => wiretrace_ingest::read_bytes(name, name, bytes),
                Input::Articles(articles) => {
                    ReadOutcome { articles: articles.clone(), rejections: Vec::new() }
                }
            };
            all.articles.extend(outcome.articles);
            all.rejections.extend(outcome.rejections);
            self.report(StageName::Read, n + 1, inputs.len());
        }
        all
    }

    /// Per-article stages for the new articles: quotes, cues and mentions in parallel (pure
    /// CPU work), then reuse against everything stored before them and among themselves.
    fn analyse_new(&mut self, existing: &[Article], new: &[Article], summary: &mut RunSummary) -> Result<()> {
        if new.is_empty() {
            return Ok(());
        }
        self.report(StageName::Analyse, 0, new.len());
        let per_article: Vec<(Vec<Quote>, Vec<AttributionCue>, Vec<Mention>)> = new
            .par_iter()
            .map(|a| {
                // The tagger's people help the quote stage find and resolve speakers.
                let mentions = wiretrace_entities::tag_mentions(a);
                let people: Vec<Mention> =
                    mentions.iter().filter(|m| m.kind == EntityKind::Person).cloned().collect();
                (
                    wiretrace_quotes::extract_quotes_with_people(a, &people),
                    wiretrace_reuse::attribution_cues(a),
                    mentions,
                )
            })
            .collect();
        let store = &mut *self.store;
        store.transaction(|store| {
            for (article, (quotes, cues, mentions)) in new.iter().zip(&per_article) {
                store.put_quotes(&article.id, quotes)?;
                store.put_cues(&article.id, cues)?;
                store.put_mentions(&article.id, mentions)?;
            }
            Ok(())
        })?;
        summary.quotes_found = per_article.iter().map(|p| p.0.len()).sum();
        self.report(StageName::Analyse, new.len(), new.len());

        self.report(StageName::Reuse, 0, new.len());
        let mut index = ReuseIndex::new();
        for article in existing {
            index.insert(article);
        }
        let mut links: Vec<ReuseLink> = Vec::new();
        for (n, article) in new.iter().enumerate() {
            links.extend(index.query(article));
            index.insert(article);
            self.report(StageName::Reuse, n + 1, new.len());
        }
        summary.reuse_links_found = links.len();
        self.store.put_reuse_links(&links)?;
        Ok(())
    }

    /// Re-clusters every stored article into stories and saves them. The store keeps story
    /// ids stable across rebuilds.
    fn rebuild_stories(&mut self) -> Result<()> {
        let articles = self.store.articles()?;
        self.report(StageName::Stories, 0, articles.len());
        let links = self.store.reuse_links()?;
        let cues = self.store.cues()?;
        let quotes = self.store.quotes()?;
        let mentions = self.store.mentions()?;

        let mut signals = ClusterSignals {
            copied: links.iter().map(|l| (l.a.clone(), l.b.clone())).collect(),
            ..Default::default()
        };
        for m in &mentions {
            signals.entities.entry(m.article.clone()).or_default().push(m.text.clone());
        }
        let features = ArticleFeatures::build(&articles, &signals);
        let groups = wiretrace_stories::cluster_features(&features, articles.len(), self.thresholds);

        // Hand each story its own links, cues, mentions and quotes in one pass over each, so a
        // rebuild costs in proportion to the store, not to stories times the store.
        let mut group_of: HashMap<&str, usize> = HashMap::with_capacity(articles.len());
        for (g, members) in groups.iter().enumerate() {
            for &i in members {
                group_of.insert(articles[i].id.as_str(), g);
            }
        }
        let mut story_links: Vec<Vec<ReuseLink>> = vec![Vec::new(); groups.len()];
        for l in &links {
            if let (Some(&g), Some(&h)) = (group_of.get(l.a.as_str()), group_of.get(l.b.as_str())) {
                if g == h {
                    story_links[g].push(l.clone());
                }
            }
        }
        let mut story_cues: Vec<Vec<AttributionCue>> = vec![Vec::new(); groups.len()];
        for c in &cues {
            if let Some(&g) = group_of.get(c.article.as_str()) {
                story_cues[g].push(c.clone());
            }
        }
        let mut story_mentions: Vec<Vec<Mention>> = vec![Vec::new(); groups.len()];
        for m in &mentions {
            if let Some(&g) = group_of.get(m.article.as_str()) {
                story_mentions[g].push(m.clone());
            }
        }
        let mut story_quotes: Vec<Vec<&Quote>> = vec![Vec::new(); groups.len()];
        for q in &quotes {
            if let Some(&g) = group_of.get(q.article.as_str()) {
                story_quotes[g].push(q);
            }
        }
        let stories: Vec<Story> = groups
            .iter()
            .zip(story_links)
            .zip(story_cues.iter().zip(&story_mentions))
            .zip(story_quotes)
            .map(|(((members, links), (cues, mentions)), quotes)| {
                let story_articles: Vec<Article> = members.iter().map(|&i| articles[i].clone()).collect();
                let events = wiretrace_stories::events(&features, members, self.thresholds.event);
                wiretrace_stories::assemble(StoryParts {
                    articles: &articles,
                    features: &features,
                    members,
                    events: &events,
                    origins: wiretrace_reuse::origins(&story_articles, &links, cues),
                    quotes,
                    entities: wiretrace_entities::resolve_entities(mentions),
                    links,
                })
            })
            .collect();
        self.store.replace_stories(stories)?;
        self.report(StageName::Stories, articles.len(), articles.len());
        Ok(())
    }
}
