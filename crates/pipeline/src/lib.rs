//! The order of wiretrace's stages: read → store → (reuse, quotes, entities) → stories → store.
//!
//! Only this crate knows the order; each stage crate stays ignorant of the others. A run reads
//! its inputs, stores what is new (re-reading an article is a no-op), finds the new articles'
//! reuse against everything already stored, extracts their quotes, cues and mentions, then
//! places them into stories and saves them. A first run over an empty store clusters in batch
//! (exact, order-free); later runs place only the new articles with the incremental
//! [`wiretrace_stories::StreamClusterer`], the stored articles keeping their stories unless a
//! new arrival pulls them over or bridges two stories (see [`ClusterMode`]).
//!
//! A one-shot run rebuilds its reuse index and stream clusterer from the store. A long-lived
//! caller (`watch`) hands every run the same [`Session`], which keeps both between runs, so
//! finding reuse for and placing k new articles costs in proportion to k, not to the store.
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

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;

use rayon::prelude::*;
use wiretrace_core::{
    Article, AttributionCue, EntityKind, Mention, Quote, Rejection, ReuseLink, Story, StoryId,
};
use wiretrace_ingest::ReadOutcome;
use wiretrace_reuse::ReuseIndex;
use wiretrace_store::{Inserted, Store};
pub use wiretrace_stories::Thresholds;
use wiretrace_stories::{
    ArticleFeatures, ClusterSignals, Particulars, StoryParts, StreamClusterer, StreamConfig,
};

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

/// How new articles are placed into stories.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ClusterMode {
    /// Batch over an empty store, stream once the store holds stories.
    #[default]
    Auto,
    /// Re-cluster every stored article with exact two-level average linkage.
    Batch,
    /// Place the new articles one by one, in arrival order, with the stream clusterer; the
    /// stored articles keep their stories except where a new arrival changes them.
    Stream,
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
    /// Stored articles this run loaded into the reuse index or the stream clusterer: the whole
    /// store without a [`Session`] or on a session's first run, 0 once a session holds them.
    pub articles_indexed_from_store: usize,
}

/// What a long-lived caller keeps between runs over one store: the reuse index and the stream
/// clusterer, each holding every stored article. A run given a session builds what the session
/// lacks from the store (its first run, or after the store changed behind its back) and then
/// only adds its new articles.
#[derive(Default)]
pub struct Session {
    reuse: Option<ReuseIndex>,
    stream: Option<StreamState>,
    /// How many articles the store held when the session last caught up with it; a different
    /// count means another writer added articles, and the session is rebuilt.
    articles: usize,
}

impl Session {
    pub fn new() -> Self {
        Session::default()
    }
}

/// A stream clusterer and, per arrival position in it, the article id it holds.
struct StreamState {
    clusterer: StreamClusterer,
    order: Vec<String>,
}

/// Runs the stages over inputs into one store.
pub struct Pipeline<'s> {
    store: &'s mut Store,
    progress: Box<dyn Fn(Progress) + Sync + 's>,
    thresholds: Thresholds,
    mode: ClusterMode,
    session: Option<&'s mut Session>,
}

impl<'s> Pipeline<'s> {
    pub fn new(store: &'s mut Store) -> Self {
        Pipeline {
            store,
            progress: Box::new(|_| {}),
            thresholds: Thresholds::default(),
            mode: ClusterMode::default(),
            session: None,
        }
    }

    /// Keeps the reuse index and stream clusterer in `session` between runs (see [`Session`]).
    /// Every run handed one session must use the same store and thresholds.
    pub fn with_session(mut self, session: &'s mut Session) -> Self {
        self.session = Some(session);
        self
    }

    /// How new articles are placed into stories (default [`ClusterMode::Auto`]).
    pub fn with_cluster_mode(mut self, mode: ClusterMode) -> Self {
        self.mode = mode;
        self
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

        // A session that lags the store (another writer) is rebuilt from it.
        let count = self.store.article_count()?;
        if let Some(session) = self.session.as_deref_mut() {
            if session.articles != count {
                *session = Session { articles: count, ..Session::default() };
            }
        }
        let mut reuse = self.session.as_deref_mut().and_then(|s| s.reuse.take());
        let existing = if reuse.is_some() { Vec::new() } else { self.store.articles()? };
        summary.articles_indexed_from_store += existing.len();
        let reuse = reuse.get_or_insert_with(|| {
            let mut index = ReuseIndex::new();
            for article in &existing {
                index.insert(article);
            }
            index
        });
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

        drop(existing);
        let analysed = self.analyse_new(reuse, &new_articles, &mut summary);
        if let Some(session) = self.session.as_deref_mut() {
            // An index a failure may have left half-updated is dropped; the next run rebuilds it.
            session.reuse = analysed.is_ok().then(|| std::mem::take(reuse));
        }
        analysed?;
        let stored = self.store.stories()?;
        if !new_articles.is_empty() || stored.is_empty() {
            let stream = match self.mode {
                ClusterMode::Batch => false,
                ClusterMode::Stream => true,
                ClusterMode::Auto => !stored.is_empty(),
            };
            let arrivals: Vec<String> =
                if stream { new_articles.iter().map(|a| a.id.clone()).collect() } else { Vec::new() };
            let loaded = self.save_stories(stream.then_some((&stored, arrivals.as_slice())));
            if loaded.is_err() {
                if let Some(session) = self.session.as_deref_mut() {
                    session.stream = None;
                }
            }
            summary.articles_indexed_from_store += loaded?;
        }
        if let Some(session) = self.session.as_deref_mut() {
            session.articles = self.store.article_count()?;
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
    fn analyse_new(
        &mut self,
        index: &mut ReuseIndex,
        new: &[Article],
        summary: &mut RunSummary,
    ) -> Result<()> {
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

    /// Clusters the stored articles into stories and saves them: all at once, or, given the
    /// stored stories and this run's arrivals in order, by placing the arrivals one by one
    /// with the stream clusterer. The store keeps story ids stable across rebuilds. Returns how
    /// many stored articles were loaded into a stream clusterer.
    fn save_stories(&mut self, stream: Option<(&[Story], &[String])>) -> Result<usize> {
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
        let mut by_article: HashMap<&str, Vec<&Mention>> = HashMap::new();
        for m in &mentions {
            signals.entities.entry(m.article.clone()).or_default().push(m.text.clone());
            by_article.entry(m.article.as_str()).or_default().push(m);
        }
        for (article, mentioned) in by_article {
            signals.particulars.insert(article.to_string(), Particulars::from_mentions(mentioned));
        }
        let features = ArticleFeatures::build(&articles, &signals);
        let lookups = Lookups::new(&signals);
        let mut loaded = 0;
        let groups = match stream {
            None => {
                if let Some(session) = self.session.as_deref_mut() {
                    // Rebuilt below from the stories this batch makes.
                    session.stream = None;
                }
                wiretrace_stories::cluster_features(&features, articles.len(), self.thresholds)
            }
            Some((stored, arrivals)) => {
                let kept = self.session.as_deref_mut().and_then(|s| s.stream.take());
                let mut state = match kept {
                    Some(state) => state,
                    None => {
                        let arriving: HashSet<&str> = arrivals.iter().map(String::as_str).collect();
                        let state = self.restore(&articles, &lookups, stored, &arriving);
                        loaded = state.order.len();
                        state
                    }
                };
                self.place(&articles, &lookups, &mut state, arrivals);
                let groups = groups_of(&articles, &state);
                if let Some(session) = self.session.as_deref_mut() {
                    session.stream = Some(state);
                }
                groups
            }
        };

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
        if self.session.as_ref().is_some_and(|s| s.stream.is_none()) {
            // After a batch, the session's clusterer starts from the stories just saved, as a
            // later one-shot run would restore it, so the next run places only its arrivals.
            let saved = self.store.stories()?;
            let state = self.restore(&articles, &lookups, &saved, &HashSet::new());
            loaded += state.order.len();
            if let Some(session) = self.session.as_deref_mut() {
                session.stream = Some(state);
            }
        }
        self.report(StageName::Stories, articles.len(), articles.len());
        Ok(loaded)
    }

    /// A stream clusterer holding the stored articles in their stories, without clustering.
    /// Stored articles no story held (an interrupted run) are placed after them; `arriving`
    /// articles are left for [`Self::place`].
    fn restore(
        &self,
        articles: &[Article],
        lookups: &Lookups<'_>,
        stored: &[Story],
        arriving: &HashSet<&str>,
    ) -> StreamState {
        let position: HashMap<&str, usize> =
            articles.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
        let mut clusterer =
            StreamClusterer::new(StreamConfig { thresholds: self.thresholds, ..StreamConfig::default() });
        let mut order: Vec<String> = Vec::with_capacity(articles.len());
        let mut restored: HashSet<usize> = HashSet::with_capacity(articles.len());
        let mut labels = ahash::AHashMap::new();
        for story in stored {
            for id in &story.articles {
                if let Some(&i) = position.get(id.as_str()).filter(|_| !arriving.contains(id.as_str())) {
                    clusterer.restore(
                        &articles[i],
                        lookups.names(id),
                        lookups.particulars(id),
                        lookups.copies(id),
                        story.id,
                        &mut labels,
                    );
                    order.push(articles[i].id.clone());
                    restored.insert(i);
                }
            }
        }
        for (i, article) in articles.iter().enumerate() {
            if !restored.contains(&i) && !arriving.contains(article.id.as_str()) {
                clusterer.push_with_particulars(
                    article,
                    lookups.names(&article.id),
                    lookups.particulars(&article.id),
                    lookups.copies(&article.id),
                );
                order.push(article.id.clone());
            }
        }
        StreamState { clusterer, order }
    }

    /// Places `arrivals`, in order, into the stream; the work is in proportion to the arrivals.
    fn place(
        &self,
        articles: &[Article],
        lookups: &Lookups<'_>,
        state: &mut StreamState,
        arrivals: &[String],
    ) {
        let position: HashMap<&str, usize> =
            articles.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
        let mut n = 0;
        for id in arrivals {
            if let Some(&i) = position.get(id.as_str()) {
                state.clusterer.push_with_particulars(
                    &articles[i],
                    lookups.names(id),
                    lookups.particulars(id),
                    lookups.copies(id),
                );
                state.order.push(id.clone());
                n += 1;
                self.report(StageName::Stories, n, arrivals.len());
            }
        }
    }
}

/// Each article's names, particulars and copied-with partners, as the stream clusterer takes
/// them.
struct Lookups<'a> {
    entities: &'a ahash::AHashMap<String, Vec<String>>,
    particulars: &'a ahash::AHashMap<String, Particulars>,
    /// For articles the tagger found no names in.
    no_particulars: Particulars,
    copied: HashMap<&'a str, Vec<String>>,
}

impl<'a> Lookups<'a> {
    fn new(signals: &'a ClusterSignals) -> Self {
        let mut copied: HashMap<&str, Vec<String>> = HashMap::new();
        for (a, b) in &signals.copied {
            copied.entry(a.as_str()).or_default().push(b.clone());
            copied.entry(b.as_str()).or_default().push(a.clone());
        }
        Lookups {
            entities: &signals.entities,
            particulars: &signals.particulars,
            no_particulars: Particulars::default(),
            copied,
        }
    }

    fn names(&self, id: &str) -> &[String] {
        self.entities.get(id).map_or(&[], Vec::as_slice)
    }

    fn particulars(&self, id: &str) -> &Particulars {
        self.particulars.get(id).unwrap_or(&self.no_particulars)
    }

    fn copies(&self, id: &str) -> &[String] {
        self.copied.get(id).map_or(&[], Vec::as_slice)
    }
}

/// The stream's stories as groups of indices into `articles`, each ascending, ordered as
/// [`wiretrace_stories::cluster_features`] orders its groups.
fn groups_of(articles: &[Article], state: &StreamState) -> Vec<Vec<usize>> {
    let position: HashMap<&str, usize> =
        articles.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
    let mut groups: Vec<Vec<usize>> = state
        .clusterer
        .groups()
        .into_iter()
        .map(|g| {
            let mut g: Vec<usize> =
                g.into_iter().filter_map(|p| position.get(state.order[p].as_str()).copied()).collect();
            g.sort_unstable();
            g
        })
        .filter(|g| !g.is_empty())
        .collect();
    groups.sort();
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, lines: &[(&str, &str)]) -> Input {
        let bytes = lines
            .iter()
            .map(|(id, text)| format!("{{\"id\":\"{id}\",\"text\":\"{text}\"}}\n"))
            .collect::<String>()
            .into_bytes();
        Input::Bytes { name: name.into(), bytes }
    }

    const DAM_1: &str = "Floodwaters breached the Estrel dam overnight, forcing thousands from riverside homes in Port Estrel.";
    const DAM_2: &str =
        "Thousands fled riverside homes in Port Estrel after floodwaters breached the Estrel dam.";
    const CHESS: &str =
        "A teenage chess prodigy from Valmora won the regional open after a marathon endgame.";

    #[test]
    fn a_later_run_places_new_articles_into_stored_stories() {
        let mut store = Store::open_in_memory().unwrap();
        Pipeline::new(&mut store).run(&[input("one.jsonl", &[("dam-1", DAM_1), ("chess", CHESS)])]).unwrap();
        let before = store.story_of_article("dam-1").unwrap().unwrap();
        let summary = Pipeline::new(&mut store).run(&[input("two.jsonl", &[("dam-2", DAM_2)])]).unwrap();
        assert_eq!(summary.new_articles, 1);
        assert_eq!(store.story_of_article("dam-2").unwrap(), Some(before));
        assert_ne!(store.story_of_article("chess").unwrap(), Some(before));
        assert_eq!(store.stories().unwrap().len(), 2);
    }

    #[test]
    fn rerunning_an_ingest_keeps_story_ids() {
        let mut store = Store::open_in_memory().unwrap();
        let all = [input("all.jsonl", &[("dam-1", DAM_1), ("dam-2", DAM_2), ("chess", CHESS)])];
        Pipeline::new(&mut store).run(&all).unwrap();
        let ids: Vec<StoryId> = store.stories().unwrap().into_iter().map(|s| s.id).collect();
        Pipeline::new(&mut store).with_cluster_mode(ClusterMode::Stream).run(&all).unwrap();
        let again: Vec<StoryId> = store.stories().unwrap().into_iter().map(|s| s.id).collect();
        assert_eq!(ids, again);
    }

    const CHESS_2: &str =
        "The Valmora chess prodigy, still a teenager, took the regional open title after a marathon endgame.";
    const BUDGET: &str =
        "Lawmakers in Tessaly approved a budget that raises school spending and trims road repairs.";

    /// Each story as its sorted article ids, in a stable order.
    fn memberships(store: &Store) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = store
            .stories()
            .unwrap()
            .into_iter()
            .map(|s| {
                let mut a = s.articles;
                a.sort();
                a
            })
            .collect();
        out.sort();
        out
    }

    fn story_ids(store: &Store) -> Vec<(StoryId, Vec<String>)> {
        let mut out: Vec<(StoryId, Vec<String>)> =
            store.stories().unwrap().into_iter().map(|s| (s.id, s.articles)).collect();
        out.sort();
        out
    }

    #[test]
    fn a_session_places_later_runs_without_reloading_the_store() {
        let runs = [
            input("one.jsonl", &[("dam-1", DAM_1), ("chess", CHESS)]),
            input("two.jsonl", &[("dam-2", DAM_2), ("budget", BUDGET)]),
            input("three.jsonl", &[("chess-2", CHESS_2)]),
        ];

        let mut kept = Store::open_in_memory().unwrap();
        let mut session = Session::new();
        let mut loaded = Vec::new();
        for run in &runs {
            let summary =
                Pipeline::new(&mut kept).with_session(&mut session).run(std::slice::from_ref(run)).unwrap();
            loaded.push(summary.articles_indexed_from_store);
        }
        // The first run over an empty store clusters its own articles; later runs load none.
        assert_eq!(loaded, vec![2, 0, 0]);

        let mut fresh = Store::open_in_memory().unwrap();
        let mut fresh_loaded = Vec::new();
        for run in &runs {
            fresh_loaded.push(
                Pipeline::new(&mut fresh).run(std::slice::from_ref(run)).unwrap().articles_indexed_from_store,
            );
        }
        assert_eq!(fresh_loaded, vec![0, 4, 8], "without a session every run loads the store twice");
        assert_eq!(story_ids(&kept), story_ids(&fresh));
        assert_eq!(kept.reuse_links().unwrap(), fresh.reuse_links().unwrap());

        let mut once = Store::open_in_memory().unwrap();
        Pipeline::new(&mut once).run(&runs).unwrap();
        assert_eq!(memberships(&kept), memberships(&once));
        assert_eq!(
            memberships(&kept),
            vec![
                vec!["budget".to_string()],
                vec!["chess".into(), "chess-2".into()],
                vec!["dam-1".into(), "dam-2".into()]
            ]
        );
    }

    #[test]
    fn a_session_catches_up_after_another_writer() {
        let mut store = Store::open_in_memory().unwrap();
        let mut session = Session::new();
        Pipeline::new(&mut store)
            .with_session(&mut session)
            .run(&[input("one.jsonl", &[("dam-1", DAM_1)])])
            .unwrap();
        // Another writer adds an article the session never saw.
        Pipeline::new(&mut store).run(&[input("two.jsonl", &[("chess", CHESS)])]).unwrap();
        let summary = Pipeline::new(&mut store)
            .with_session(&mut session)
            .run(&[input("three.jsonl", &[("dam-2", DAM_2), ("chess-2", CHESS_2)])])
            .unwrap();
        assert_eq!(
            summary.articles_indexed_from_store, 4,
            "reuse index and clusterer rebuilt from 2 stored articles"
        );
        assert_eq!(
            memberships(&store),
            vec![vec!["chess".to_string(), "chess-2".into()], vec!["dam-1".into(), "dam-2".into()]]
        );
    }
}
