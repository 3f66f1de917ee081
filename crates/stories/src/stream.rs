//! Incremental story clustering: articles arrive one at a time and each joins a story, starts
//! one, or bridges two into one, at a cost that does not grow with the number of stories.
//!
//! Per article the clusterer keeps only what clustering needs (its strongest content-word
//! frequencies, hashed entity names and [`crate::Particulars`], its time and year), never the
//! text. Term weights use running document frequencies. A candidate index maps each article's
//! most telling terms and entities to the stories that used them lately; a story quiet for
//! [`StreamConfig::quiet_days`] stops being found, and each posting list keeps only its most
//! recent stories, so looking up candidates costs the same with ten stories or a million.
//!
//! Placement first scores the arrival against a few recent members of each candidate (a merge
//! of sorted term lists, no feature building). One story in reach: the arrival joins it. Two or
//! more nearly as close (see [`StreamConfig::contest_ratio`]): a bounded local refinement, the
//! new article and the recent members of those stories (at most
//! [`StreamConfig::neighbourhood`] articles) clustered again with the exact two-level average
//! linkage of [`crate::cluster_features`], the groups that come out replacing the stories that
//! went in. A later article can thus pull an earlier one over, or merge two stories it
//! bridges, so the result hardly depends on arrival order while the work per arrival stays
//! bounded by the neighbourhood, not the store. A story is also re-clustered on its own as it
//! grows (sizes 2, 3, 4, 6, 8, 12...), so a second event that crept in is split off.
//!
//! Memory follows the live stories: an article that left its story's window of recent members,
//! or whose story has been silent for [`StreamConfig::forget_days`] before the newest article,
//! drops its terms and keeps only its story.
//!
//! ```
//! use wiretrace_core::Article;
//! use wiretrace_stories::{StreamClusterer, StreamConfig};
//! let mut stream = StreamClusterer::new(StreamConfig::default());
//! stream.push(&Article::new("a", "Floodwaters breached the Estrel dam overnight, forcing thousands from riverside homes in Port Estrel."), &[], &[]);
//! stream.push(&Article::new("b", "The national football league postponed its championship final because of a stadium dispute."), &[], &[]);
//! stream.push(&Article::new("c", "Thousands fled riverside homes in Port Estrel after floodwaters breached the Estrel dam."), &[], &[]);
//! assert_eq!(stream.groups(), vec![vec![0, 2], vec![1]]);
//! ```

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use ahash::{AHashMap, AHashSet};
use chrono::{DateTime, Utc};
use wiretrace_core::{Article, ArticleId};

use crate::similarity::{
    blend, entity_key, latest_year, lead_sums, sorted_shared, term_weights, FeatureParts, Particulars, Years,
};
use crate::{cluster_features, ArticleFeatures, Thresholds, TimeScale};

/// Bounds of the stream clusterer; the defaults keep a placement well under a millisecond.
#[derive(Clone, Copy, Debug)]
pub struct StreamConfig {
    pub thresholds: Thresholds,
    /// A story without a new article for this many days drops out of the candidate index.
    pub quiet_days: f32,
    /// Content words kept per article (the strongest by TF-IDF at arrival).
    pub kept_terms: usize,
    /// Terms per article that go into, and are looked up in, the candidate index.
    pub index_terms: usize,
    /// Stories remembered per index key, most recent first.
    pub postings: usize,
    /// Candidate stories scored per arrival.
    pub candidates: usize,
    /// Articles re-clustered per arrival (the new one and its candidates' recent members).
    pub neighbourhood: usize,
    /// Of which at most this many recent members per candidate story: the cost of a
    /// placement grows with the square of the neighbourhood, and a story's recent members
    /// speak for it well enough.
    pub per_story: usize,
    /// A second story in reach is re-clustered with the best only when the arrival's mean
    /// similarity to it is at least this share of its similarity to the best. Low enough that
    /// a later development of a story (the trial after the shooting) is still weighed against
    /// it: such an arrival's words are a fraction as close to the story's first reports as to
    /// the reports of its own day.
    pub contest_ratio: f32,
    /// Articles of a story silent this many days before the newest article are forgotten
    /// (their terms dropped, only their story kept)...
    pub forget_days: f32,
    /// ...and arrived at least this many arrivals ago, so that a small archive streamed out of
    /// date order forgets nothing.
    pub forget_after: usize,
}

impl Default for StreamConfig {
    fn default() -> Self {
        StreamConfig {
            thresholds: Thresholds::default(),
            quiet_days: 7.0,
            kept_terms: 128,
            index_terms: 16,
            postings: 48,
            candidates: 8,
            neighbourhood: 96,
            per_story: 24,
            contest_ratio: 0.15,
            forget_days: 14.0,
            forget_after: 100_000,
        }
    }
}

/// What the clusterer did so far, to see where placement time goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StreamStats {
    /// Arrivals that started a story without any comparison (no candidate).
    pub unmatched: u64,
    /// Arrivals compared with candidates that none was close enough to.
    pub new_stories: u64,
    /// Arrivals that joined the one story in reach without re-clustering.
    pub joins: u64,
    /// Neighbourhood re-clusterings because a story reached a checkpoint size.
    pub checkpoint_reclusters: u64,
    /// Neighbourhood re-clusterings because two or more stories were in reach.
    pub contested_reclusters: u64,
    /// Article pairs scored while looking for stories in reach.
    pub scored_pairs: u64,
    /// Articles that went through a neighbourhood re-clustering.
    pub reclustered_articles: u64,
}

/// Index of a story inside one [`StreamClusterer`]; stable while the story lives.
pub type StreamStoryId = u32;

/// Where an arrival went, and which stories changed because of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Placement {
    pub story: StreamStoryId,
    /// Every story whose membership changed (the arrival's included), and those that ended
    /// because their articles moved elsewhere.
    pub changed: Vec<StreamStoryId>,
}

struct Node {
    /// (hashed term, log-scaled frequency), sorted by term.
    terms: Box<[(u32, f32)]>,
    entities: Box<[u64]>,
    particulars: Particulars,
    published: Option<DateTime<Utc>>,
    year: Years,
    /// The keys this article put into the candidate index.
    keys: Box<[u32]>,
    story: StreamStoryId,
    /// L2 norm of the TF-IDF vector, as of when the stream held `norm_at` articles: document
    /// frequencies drift slowly, so the norm is refreshed only as the stream grows by a quarter.
    norm: f32,
    norm_at: u32,
    /// The terms were dropped: the article can no longer be among the members compared.
    forgotten: bool,
}

#[derive(Default)]
struct StoryState {
    /// In arrival order; empty once the story has ended.
    members: Vec<u32>,
    first: Option<DateTime<Utc>>,
    last: Option<DateTime<Utc>>,
    /// Where the articles of an ended story went, so old postings still lead somewhere.
    merged_into: Option<StreamStoryId>,
}

/// Clusters a stream of articles into stories (see the module documentation).
pub struct StreamClusterer {
    config: StreamConfig,
    df: AHashMap<u32, u32>,
    nodes: Vec<Node>,
    /// Articles by a 64-bit hash of their id: a stream of millions would spend more on the
    /// id strings than on the articles' terms.
    by_id: AHashMap<u64, u32>,
    stories: Vec<StoryState>,
    postings: AHashMap<u32, Vec<StreamStoryId>>,
    copied: AHashMap<u32, Vec<u32>>,
    stats: StreamStats,
    /// The latest publication time seen, and the dated articles by when their story may have
    /// died (soonest first), to forget the articles of stories that died long before it.
    newest: Option<DateTime<Utc>>,
    timeline: BinaryHeap<Reverse<(DateTime<Utc>, u32)>>,
}

impl StreamClusterer {
    pub fn new(config: StreamConfig) -> Self {
        StreamClusterer {
            config,
            df: AHashMap::new(),
            nodes: Vec::new(),
            by_id: AHashMap::new(),
            stories: Vec::new(),
            postings: AHashMap::new(),
            copied: AHashMap::new(),
            stats: StreamStats::default(),
            newest: None,
            timeline: BinaryHeap::new(),
        }
    }

    /// Counters of the work done so far.
    pub fn stats(&self) -> StreamStats {
        self.stats
    }

    /// Articles seen so far.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Places one article. `entities` are the names it mentions (any spelling), `copied_with`
    /// earlier articles it shares copied passages with (unknown ids are ignored).
    pub fn push(&mut self, article: &Article, entities: &[String], copied_with: &[ArticleId]) -> Placement {
        self.push_with_particulars(article, entities, &Particulars::default(), copied_with)
    }

    /// [`Self::push`] with the people and places the article's lead names, which keep two
    /// events of one kind apart inside a topic.
    pub fn push_with_particulars(
        &mut self,
        article: &Article,
        entities: &[String],
        particulars: &Particulars,
        copied_with: &[ArticleId],
    ) -> Placement {
        let me = self.add_node(article, entities, particulars, copied_with);
        let candidates = self.candidates(me);
        let changed = if candidates.is_empty() {
            self.stats.unmatched += 1;
            let story = self.new_story();
            self.join(me, story);
            self.index(me);
            vec![story]
        } else {
            self.refine(me, &candidates)
        };
        self.forget_dead();
        if self.nodes.len().is_multiple_of(SWEEP_EVERY) {
            self.sweep_postings();
        }
        Placement { story: self.nodes[me as usize].story, changed }
    }

    /// Adds an article whose story is already known (restoring a stream from a store): no
    /// clustering, the article joins the story `label` names, a new one for a new label.
    pub fn restore(
        &mut self,
        article: &Article,
        entities: &[String],
        particulars: &Particulars,
        copied_with: &[ArticleId],
        label: u64,
        labels: &mut AHashMap<u64, StreamStoryId>,
    ) -> StreamStoryId {
        let me = self.add_node(article, entities, particulars, copied_with);
        let story = match labels.get(&label) {
            Some(&s) => s,
            None => {
                let s = self.new_story();
                labels.insert(label, s);
                s
            }
        };
        self.join(me, story);
        self.index(me);
        self.forget_dead();
        story
    }

    /// The story an article (by its position in arrival order) belongs to now.
    pub fn story_of(&self, article: usize) -> StreamStoryId {
        self.nodes[article].story
    }

    /// The members of a story, by arrival position; empty for a story that ended.
    pub fn members(&self, story: StreamStoryId) -> Vec<usize> {
        self.stories[story as usize].members.iter().map(|&m| m as usize).collect()
    }

    /// Every live story's members by arrival position, ascending; stories ordered by their first
    /// member, as [`crate::cluster`] orders them.
    pub fn groups(&self) -> Vec<Vec<usize>> {
        let mut out: Vec<Vec<usize>> = self
            .stories
            .iter()
            .filter(|s| !s.members.is_empty())
            .map(|s| {
                let mut m: Vec<usize> = s.members.iter().map(|&m| m as usize).collect();
                m.sort_unstable();
                m
            })
            .collect();
        out.sort();
        out
    }

    fn add_node(
        &mut self,
        article: &Article,
        entities: &[String],
        particulars: &Particulars,
        copied_with: &[ArticleId],
    ) -> u32 {
        let me = self.nodes.len() as u32;
        let mut tf: AHashMap<u32, f32> = AHashMap::new();
        for (norm, weight) in term_weights(article) {
            *tf.entry(term_key(&norm)).or_default() += weight;
        }
        for &term in tf.keys() {
            *self.df.entry(term).or_default() += 1;
        }
        let mut terms: Vec<(u32, f32)> = tf.into_iter().collect();
        // Keep the strongest words: they carry the similarity, the rest only cost memory.
        if terms.len() > self.config.kept_terms {
            let mut ranked: Vec<(f32, (u32, f32))> =
                terms.iter().map(|&(t, w)| (w * self.idf(t), (t, w))).collect();
            ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1 .0.cmp(&b.1 .0)));
            ranked.truncate(self.config.kept_terms);
            terms = ranked.into_iter().map(|(_, t)| t).collect();
        }
        terms.sort_unstable_by_key(|t| t.0);
        let mut names: Vec<u64> = entities.iter().map(|n| entity_key(n)).collect();
        names.sort_unstable();
        names.dedup();
        let mut keys: Vec<(f32, u32)> = terms.iter().map(|&(t, w)| (w * self.idf(t), t)).collect();
        keys.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        keys.truncate(self.config.index_terms);
        let mut keys: Vec<u32> = keys.into_iter().map(|(_, t)| t).collect();
        // Entity keys live in the same index; the low bit set keeps them apart from terms in
        // spirit, a rare collision only adds a candidate.
        keys.extend(names.iter().map(|&n| (n as u32) | 1));
        keys.sort_unstable();
        keys.dedup();
        for other in copied_with {
            if let Some(&o) = self.by_id.get(&id_key(other)) {
                self.copied.entry(me).or_default().push(o);
                self.copied.entry(o).or_default().push(me);
            }
        }
        self.by_id.insert(id_key(&article.id), me);
        self.nodes.push(Node {
            terms: terms.into(),
            entities: names.into(),
            particulars: Particulars { lead_sums: lead_sums(article), ..particulars.clone() },
            published: article.published,
            year: latest_year(article),
            keys: keys.into(),
            story: StreamStoryId::MAX,
            norm: 0.0,
            norm_at: 0,
            forgotten: false,
        });
        if let Some(t) = article.published {
            self.newest = Some(self.newest.map_or(t, |n| n.max(t)));
            self.timeline.push(Reverse((t + self.horizon(), me)));
        }
        me
    }

    /// Recomputes a node's norm when the running term weights moved on since it was taken.
    fn refresh_norm(&mut self, node: u32) {
        let n = self.nodes.len() as u32;
        let at = self.nodes[node as usize].norm_at;
        if at != 0 && n <= at + at / 4 + 8 {
            return;
        }
        let norm = self.nodes[node as usize]
            .terms
            .iter()
            .map(|&(t, w)| {
                let x = w * self.idf(t);
                x * x
            })
            .sum::<f32>()
            .sqrt()
            .max(f32::EPSILON);
        let node = &mut self.nodes[node as usize];
        node.norm = norm;
        node.norm_at = n;
    }

    /// The arrival's terms weighted so that a merge with another node's raw frequencies gives
    /// the cosine times that node's norm: (term, frequency · idf² / own norm).
    fn query(&self, me: u32) -> Vec<(u32, f32)> {
        let terms = &self.nodes[me as usize].terms;
        let idf: Vec<f32> = terms.iter().map(|&(t, _)| self.idf(t)).collect();
        let norm = terms.iter().zip(&idf).map(|(&(_, w), &i)| (w * i) * (w * i)).sum::<f32>().sqrt();
        let norm = norm.max(f32::EPSILON);
        terms.iter().zip(&idf).map(|(&(t, w), &i)| (t, w * i * i / norm)).collect()
    }

    /// Similarity of the arrival (its [`Self::query`]) with an earlier article, the blend
    /// [`crate::ArticleFeatures`] computes, without building features.
    fn score(&self, query: &[(u32, f32)], me: u32, other: u32) -> f32 {
        if self.copied.get(&me).is_some_and(|c| c.contains(&other)) {
            return 1.0;
        }
        let (a, b) = (&self.nodes[me as usize], &self.nodes[other as usize]);
        let cosine = sorted_dot(query, &b.terms) / b.norm;
        let overlap = if a.entities.is_empty() || b.entities.is_empty() {
            None
        } else {
            let shared = sorted_shared(&a.entities, &b.entities);
            Some(shared as f32 / (a.entities.len() + b.entities.len() - shared) as f32)
        };
        blend(cosine, overlap, (a.year, b.year), (a.published, b.published), TimeScale::STORY)
    }

    fn idf(&self, term: u32) -> f32 {
        let n = self.nodes.len() as f32 + 1.0;
        let df = self.df.get(&term).copied().unwrap_or(0) as f32;
        ((n + 1.0) / (df + 1.0)).ln() + 1.0
    }

    fn new_story(&mut self) -> StreamStoryId {
        self.stories.push(StoryState::default());
        (self.stories.len() - 1) as StreamStoryId
    }

    fn join(&mut self, node: u32, story: StreamStoryId) {
        self.nodes[node as usize].story = story;
        let published = self.nodes[node as usize].published;
        let s = &mut self.stories[story as usize];
        s.members.push(node);
        if let Some(t) = published {
            s.first = Some(s.first.map_or(t, |f| f.min(t)));
            s.last = Some(s.last.map_or(t, |l| l.max(t)));
        }
        // Only a story's most recent members are compared (see `refine`); members that split
        // off let older ones back into that window, so a few times more are kept before one
        // is deemed out of reach for good and its terms go.
        let window = self.config.neighbourhood.max(self.config.per_story);
        if let Some(&old) = s.members.len().checked_sub(window + 1).map(|i| &s.members[i]) {
            self.forget(old);
        }
    }

    fn forget(&mut self, node: u32) {
        let n = &mut self.nodes[node as usize];
        n.forgotten = true;
        n.terms = Box::default();
        n.keys = Box::default();
        n.entities = Box::default();
        n.particulars = Particulars::default();
    }

    /// Forgets the articles of stories that saw nothing new for [`StreamConfig::forget_days`]
    /// before the newest article: memory then follows the stories alive, not the stream's
    /// length. An article arriving that late is placed among the stories still remembered.
    fn forget_dead(&mut self) {
        let Some(newest) = self.newest else { return };
        let horizon = self.horizon();
        let arrivals = self.nodes.len();
        while let Some(&Reverse((due, node))) = self.timeline.peek() {
            if due >= newest {
                break;
            }
            self.timeline.pop();
            let story = self.nodes[node as usize].story;
            match self.stories.get(story as usize).and_then(|s| s.last) {
                // The story went on after this article: look again once it may have died.
                Some(last) if last + horizon >= newest => {
                    self.timeline.push(Reverse((last + horizon, node)));
                }
                // Arrived too recently to be forgotten whatever its date: an archive streamed
                // out of date order revisits old stories.
                _ if arrivals - (node as usize) < self.config.forget_after => {
                    self.timeline.push(Reverse((newest + horizon, node)));
                }
                _ => self.forget(node),
            }
        }
    }

    fn horizon(&self) -> chrono::Duration {
        chrono::Duration::minutes((self.config.forget_days * 1440.0) as i64)
    }

    /// Puts an article's keys into the index under its current story.
    fn index(&mut self, node: u32) {
        let story = self.nodes[node as usize].story;
        let limit = self.config.postings;
        for &key in self.nodes[node as usize].keys.iter() {
            let list = self.postings.entry(key).or_default();
            if let Some(pos) = list.iter().rposition(|&s| s == story) {
                // Most recent last: move the story to the end instead of listing it twice.
                list.remove(pos);
            }
            list.push(story);
            if list.len() > limit * 2 {
                list.drain(..list.len() - limit);
            }
        }
    }

    /// Drops from the candidate index the stories dead for [`StreamConfig::forget_days`], and
    /// the keys left with none: run every [`SWEEP_EVERY`] arrivals, so the index follows the
    /// stories alive at an amortised cost per arrival.
    fn sweep_postings(&mut self) {
        let Some(newest) = self.newest else { return };
        let horizon = self.horizon();
        let arrivals = self.nodes.len();
        let alive: Vec<bool> = self
            .stories
            .iter()
            .map(|s| {
                let Some(&latest) = s.members.iter().max() else { return false };
                arrivals - (latest as usize) < self.config.forget_after
                    || s.last.is_none_or(|l| l + horizon >= newest)
            })
            .collect();
        let mut postings = std::mem::take(&mut self.postings);
        postings.retain(|_, list| {
            list.retain(|&story| self.resolve(story).is_some_and(|s| alive[s as usize]));
            list.shrink_to_fit();
            !list.is_empty()
        });
        postings.shrink_to_fit();
        self.postings = postings;
    }

    /// The live story a possibly ended one handed its articles to.
    fn resolve(&self, mut story: StreamStoryId) -> Option<StreamStoryId> {
        for _ in 0..64 {
            let s = &self.stories[story as usize];
            if !s.members.is_empty() {
                return Some(story);
            }
            story = s.merged_into?;
        }
        None
    }

    fn quiet(&self, story: StreamStoryId, at: Option<DateTime<Utc>>) -> bool {
        let s = &self.stories[story as usize];
        let (Some(at), Some(first), Some(last)) = (at, s.first, s.last) else { return false };
        let days = |a: DateTime<Utc>, b: DateTime<Utc>| (a - b).num_minutes() as f32 / 1440.0;
        days(at, last) > self.config.quiet_days || days(first, at) > self.config.quiet_days
    }

    /// Stories sharing the article's telling terms, entities or copied passages, strongest
    /// evidence first, at most [`StreamConfig::candidates`].
    fn candidates(&self, me: u32) -> Vec<StreamStoryId> {
        let node = &self.nodes[me as usize];
        let mut hits: AHashMap<StreamStoryId, f32> = AHashMap::new();
        for &key in node.keys.iter() {
            let Some(list) = self.postings.get(&key) else { continue };
            let weight = node.terms.binary_search_by_key(&key, |t| t.0).map_or(1.0, |i| node.terms[i].1)
                * self.idf(key);
            for &story in list.iter().rev().take(self.config.postings) {
                if let Some(story) = self.resolve(story) {
                    if !self.quiet(story, node.published) {
                        *hits.entry(story).or_default() += weight;
                    }
                }
            }
        }
        for &other in self.copied.get(&me).into_iter().flatten() {
            let story = self.nodes[other as usize].story;
            *hits.entry(story).or_default() += f32::INFINITY;
        }
        let mut ranked: Vec<(StreamStoryId, f32)> = hits.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(self.config.candidates);
        ranked.into_iter().map(|(s, _)| s).collect()
    }

    /// Re-clusters the arrival with its candidates' recent members and writes the groups back.
    fn refine(&mut self, me: u32, candidates: &[StreamStoryId]) -> Vec<StreamStoryId> {
        // First see which candidates the arrival could join at all (the topic level's edge
        // threshold), on a few recent members each; unrelated candidates are left alone.
        let mut sample: Vec<u32> = Vec::with_capacity(candidates.len() * SCORED_MEMBERS);
        for &story in candidates {
            sample.extend(self.recent(story).take(SCORED_MEMBERS));
        }
        for &n in &sample {
            self.refresh_norm(n);
        }
        let query = self.query(me);
        self.stats.scored_pairs += sample.len() as u64;
        let edge = self.config.thresholds.topic * 0.5;
        let mut scores: AHashMap<StreamStoryId, (f32, f32, usize)> = AHashMap::new();
        for &n in &sample {
            let s = self.score(&query, me, n);
            let e = scores.entry(self.nodes[n as usize].story).or_insert((0.0, 0.0, 0));
            *e = (e.0 + s, e.1.max(s), e.2 + 1);
        }
        let mut reach: Vec<(StreamStoryId, f32)> = scores
            .iter()
            .filter(|(_, &(sum, best, k))| {
                sum / k as f32 >= edge || best >= 2.0 * self.config.thresholds.topic
            })
            .map(|(&s, &(sum, _, k))| (s, sum / k as f32))
            .collect();
        reach.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        // A second story is contested only when the arrival is nearly as close to it as to the
        // best: a story that merely shares common words (a faint, distant second) is not worth
        // re-clustering a neighbourhood for, and would make nearly every arrival do so once
        // many stories run at the same time.
        if let Some(&(_, best)) = reach.first() {
            reach.retain(|&(_, mean)| mean >= self.config.contest_ratio * best);
        }
        let related: AHashSet<StreamStoryId> = reach.iter().map(|&(s, _)| s).collect();
        if related.is_empty() {
            self.stats.new_stories += 1;
            let story = self.new_story();
            self.join(me, story);
            self.index(me);
            return vec![story];
        }
        // One story in reach: join it, and re-check how it splits only as it doubles in size
        // (2, 3, 4, 6, 8, 12...), so a story's refinements cost O(log size) re-clusterings
        // while a second event that crept into it is still split off soon.
        if related.len() == 1 {
            let story = *related.iter().next().expect("one related story");
            if !checkpoint(self.stories[story as usize].members.len() + 1) {
                self.stats.joins += 1;
                self.join(me, story);
                self.index(me);
                return vec![story];
            }
        }
        let budget = self.config.neighbourhood.saturating_sub(1);
        let mut local: Vec<u32> = Vec::with_capacity(budget + 1);
        for &story in candidates.iter().filter(|s| related.contains(s)) {
            let room = budget.saturating_sub(local.len()).min(self.config.per_story);
            local.extend(self.recent(story).take(room));
        }
        local.push(me);
        if related.len() == 1 {
            self.stats.checkpoint_reclusters += 1;
        } else {
            self.stats.contested_reclusters += 1;
        }
        self.stats.reclustered_articles += local.len() as u64;
        let features = self.features(&local);
        let groups = cluster_features(&features, local.len(), self.config.thresholds);
        self.write_back(me, &local, groups)
    }

    /// A story's members still remembered, most recent first.
    fn recent(&self, story: StreamStoryId) -> impl Iterator<Item = u32> + '_ {
        self.stories[story as usize]
            .members
            .iter()
            .rev()
            .copied()
            .filter(|&m| !self.nodes[m as usize].forgotten)
    }

    /// Features of a neighbourhood with the stream's running term weights.
    fn features(&self, hood: &[u32]) -> ArticleFeatures {
        let mut dense: AHashMap<u32, u32> = AHashMap::new();
        let mut idf = Vec::new();
        let mut frequencies = Vec::with_capacity(hood.len());
        for &n in hood {
            let mut f: Vec<(u32, f32)> = self.nodes[n as usize]
                .terms
                .iter()
                .map(|&(t, w)| {
                    let next = dense.len() as u32;
                    let id = *dense.entry(t).or_insert_with(|| {
                        idf.push(self.idf(t));
                        next
                    });
                    (id, w)
                })
                .collect();
            f.sort_unstable_by_key(|t| t.0);
            frequencies.push(f);
        }
        let position: AHashMap<u32, usize> = hood.iter().enumerate().map(|(i, &n)| (n, i)).collect();
        let mut copied = AHashSet::new();
        for (i, &n) in hood.iter().enumerate() {
            for other in self.copied.get(&n).into_iter().flatten() {
                if let Some(&j) = position.get(other) {
                    copied.insert((i.min(j), i.max(j)));
                }
            }
        }
        ArticleFeatures::from_parts(FeatureParts {
            frequencies,
            idf,
            latest_year: hood.iter().map(|&n| self.nodes[n as usize].year).collect(),
            entities: hood
                .iter()
                .map(|&n| self.nodes[n as usize].entities.iter().copied().collect())
                .collect(),
            particulars: hood.iter().map(|&n| self.nodes[n as usize].particulars.clone()).collect(),
            published: hood.iter().map(|&n| self.nodes[n as usize].published).collect(),
            copied,
        })
    }

    /// Gives each group of the re-clustered neighbourhood a story: the old story most of its
    /// members came from (larger groups choose first), else a new one.
    fn write_back(&mut self, me: u32, local: &[u32], mut groups: Vec<Vec<usize>>) -> Vec<StreamStoryId> {
        groups.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let mut taken: AHashSet<StreamStoryId> = AHashSet::new();
        let mut changed: AHashSet<StreamStoryId> = AHashSet::new();
        let mut moves: Vec<(u32, StreamStoryId)> = Vec::new();
        for group in &groups {
            let mut votes: AHashMap<StreamStoryId, usize> = AHashMap::new();
            for &i in group {
                let n = local[i];
                if n != me {
                    *votes.entry(self.nodes[n as usize].story).or_default() += 1;
                }
            }
            let mut ranked: Vec<(StreamStoryId, usize)> = votes.into_iter().collect();
            ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let story = match ranked.iter().find(|(s, _)| !taken.contains(s)) {
                Some(&(s, _)) => s,
                None => self.new_story(),
            };
            taken.insert(story);
            for &i in group {
                let n = local[i];
                if self.nodes[n as usize].story != story {
                    moves.push((n, story));
                }
            }
        }
        for (n, story) in moves {
            let old = self.nodes[n as usize].story;
            if old != StreamStoryId::MAX {
                let s = &mut self.stories[old as usize];
                s.members.retain(|&m| m != n);
                if s.members.is_empty() {
                    s.merged_into = Some(story);
                }
                changed.insert(old);
            }
            changed.insert(story);
            self.join(n, story);
            self.index(n);
        }
        let mut changed: Vec<StreamStoryId> = changed.into_iter().collect();
        changed.sort_unstable();
        changed
    }
}

/// Arrivals between two sweeps of the candidate index.
const SWEEP_EVERY: usize = 1 << 16;

/// Recent members per candidate story the arrival is compared with before any re-clustering.
const SCORED_MEMBERS: usize = 8;

/// Sizes at which a story is re-clustered even when no other story is in reach.
fn checkpoint(size: usize) -> bool {
    let p = size.next_power_of_two();
    size == p || size == p / 4 * 3
}

/// Dot product of two term lists sorted by term.
fn sorted_dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    // Branch-free steps: the hot loop of scoring, and which side advances is unpredictable.
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        if x.0 == y.0 {
            sum += x.1 * y.1;
        }
        i += usize::from(x.0 <= y.0);
        j += usize::from(y.0 <= x.0);
    }
    sum
}

fn id_key(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}

fn term_key(norm: &str) -> u32 {
    // Even bits for terms, odd for entities (see `add_node`).
    (xxhash_rust::xxh3::xxh3_64(norm.as_bytes()) as u32) & !1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(id: &str, text: &str) -> Article {
        Article::new(id, text)
    }

    const FLOOD_A: &str = "Floodwaters breached the Estrel dam overnight, forcing thousands from riverside homes in Port Estrel.";
    const FLOOD_B: &str =
        "Thousands fled riverside homes in Port Estrel after floodwaters breached the Estrel dam.";
    const FLOOD_C: &str = "Thousands fled riverside homes overnight when the Estrel dam breached, forcing evacuations in Port Estrel.";
    const FOOTBALL: &str =
        "The national football league postponed its championship final because of a stadium dispute.";
    const CHESS: &str =
        "A teenage chess prodigy from Valmora won the regional open after a marathon endgame.";

    #[test]
    fn lone_article_is_a_story_of_one() {
        let mut s = StreamClusterer::new(StreamConfig::default());
        let p = s.push(&art("a", CHESS), &[], &[]);
        assert_eq!(p.changed, vec![p.story]);
        assert_eq!(s.groups(), vec![vec![0]]);
    }

    #[test]
    fn same_story_joins_and_others_stay_apart() {
        let mut s = StreamClusterer::new(StreamConfig::default());
        for (id, text) in [("a", FLOOD_A), ("b", FOOTBALL), ("c", FLOOD_B), ("d", CHESS), ("e", FLOOD_C)] {
            s.push(&art(id, text), &[], &[]);
        }
        let articles: Vec<Article> = [FLOOD_A, FOOTBALL, FLOOD_B, CHESS, FLOOD_C]
            .iter()
            .enumerate()
            .map(|(i, t)| art(&i.to_string(), t))
            .collect();
        let batch = crate::cluster(&articles, &crate::ClusterSignals::default(), Thresholds::default());
        assert_eq!(s.groups(), batch, "the stream agrees with batch clustering on a small set");
        assert_eq!(s.groups(), vec![vec![0, 2, 4], vec![1], vec![3]]);
    }

    #[test]
    fn every_order_gives_the_same_stories() {
        let texts = [FLOOD_A, FOOTBALL, FLOOD_B, CHESS, FLOOD_C];
        let orders = [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 0, 4, 1, 3], [3, 4, 1, 0, 2]];
        for order in orders {
            let mut s = StreamClusterer::new(StreamConfig::default());
            for &i in &order {
                s.push(&art(&i.to_string(), texts[i]), &[], &[]);
            }
            // Map arrival positions back to text indices.
            let mut groups: Vec<Vec<usize>> =
                s.groups().into_iter().map(|g| g.into_iter().map(|p| order[p]).collect()).collect();
            groups.iter_mut().for_each(|g| g.sort());
            groups.sort();
            assert_eq!(groups, vec![vec![0, 2, 4], vec![1], vec![3]], "order {order:?}");
        }
    }

    #[test]
    fn the_stream_keeps_two_events_apart_by_whom_their_leads_name() {
        let (articles, _, told, thresholds) = crate::tests::two_arrests();
        let mut s = StreamClusterer::new(StreamConfig { thresholds, ..StreamConfig::default() });
        for a in &articles {
            let names = told.entities.get(&a.id).cloned().unwrap_or_default();
            let particulars = told.particulars.get(&a.id).cloned().unwrap_or_default();
            s.push_with_particulars(a, &names, &particulars, &[]);
        }
        assert_eq!(s.groups(), vec![vec![0, 1], vec![2, 3], vec![4]]);
    }

    #[test]
    fn copied_articles_share_a_story_whatever_their_words() {
        let mut s = StreamClusterer::new(StreamConfig::default());
        s.push(&art("a", FOOTBALL), &[], &[]);
        s.push(&art("b", CHESS), &[], &["a".to_string()]);
        assert_eq!(s.groups(), vec![vec![0, 1]]);
    }

    #[test]
    fn a_bridging_article_merges_two_stories() {
        // Two halves of one story told with different words, then an article using both.
        let mut s = StreamClusterer::new(StreamConfig::default());
        s.push(&art("a", "Harbour cranes at Port Estrel stood idle as dockworkers walked out."), &[], &[]);
        s.push(&art("b", "Grain shipments from Valmora piled up in silos awaiting export."), &[], &[]);
        assert_eq!(s.groups().len(), 2);
        s.push(
            &art(
                "c",
                "Dockworkers at Port Estrel walked out, leaving harbour cranes idle while Valmora grain shipments piled up in silos awaiting export.",
            ),
            &[],
            &[],
        );
        assert_eq!(s.groups(), vec![vec![0, 1, 2]]);
    }

    #[test]
    fn quiet_stories_are_not_candidates() {
        let mut s = StreamClusterer::new(StreamConfig::default());
        let mut a = art("a", FLOOD_A);
        a.published = "2025-03-01T10:00:00Z".parse().ok();
        let mut b = art("b", FLOOD_B);
        b.published = "2025-05-01T10:00:00Z".parse().ok();
        s.push(&a, &[], &[]);
        s.push(&b, &[], &[]);
        assert_eq!(s.groups(), vec![vec![0], vec![1]]);
    }

    #[test]
    fn restored_articles_keep_their_story() {
        let mut s = StreamClusterer::new(StreamConfig::default());
        let mut labels = AHashMap::new();
        let none = Particulars::default();
        let x = s.restore(&art("a", FLOOD_A), &[], &none, &[], 7, &mut labels);
        let y = s.restore(&art("b", FOOTBALL), &[], &none, &[], 7, &mut labels);
        assert_eq!(x, y);
        let p = s.push(&art("c", FLOOD_B), &[], &[]);
        assert!(p.changed.contains(&x));
    }

    #[test]
    fn a_faint_second_story_is_not_re_clustered() {
        // The arrival is plainly the flood story; the festival story shares two of its words.
        let run = |contest_ratio: f32| {
            let mut s = StreamClusterer::new(StreamConfig { contest_ratio, ..StreamConfig::default() });
            s.push(&art("a", FLOOD_A), &[], &[]);
            s.push(&art("b", "Thousands of tourists filled the riverside gardens of Valmora for the summer orchestra festival."), &[], &[]);
            s.push(&art("c", FLOOD_B), &[], &[]);
            s.push(&art("d", FLOOD_C), &[], &[]);
            (s.groups(), s.stats())
        };
        let (ungated, ungated_stats) = run(0.0);
        assert!(ungated_stats.contested_reclusters > 0, "{ungated_stats:?}");
        let (gated, stats) = run(StreamConfig::default().contest_ratio);
        assert_eq!(stats.contested_reclusters, 0, "{stats:?}");
        assert_eq!(gated, ungated, "the gate saves work without changing the stories");
        assert_eq!(gated, vec![vec![0, 2, 3], vec![1]]);
    }

    #[test]
    fn stories_dead_for_weeks_are_forgotten_but_keep_their_members() {
        let dated = |id: &str, text: &str, day: u32| {
            let mut a = art(id, text);
            a.published = format!("2025-03-{day:02}T10:00:00Z").parse().ok();
            a
        };
        let config = StreamConfig { forget_days: 10.0, forget_after: 0, ..StreamConfig::default() };
        let mut s = StreamClusterer::new(config);
        s.push(&dated("a", FLOOD_A, 1), &[], &[]);
        s.push(&dated("b", FLOOD_B, 2), &[], &[]);
        s.push(&dated("c", CHESS, 20), &[], &[]);
        assert!(s.nodes[0].forgotten && s.nodes[1].forgotten, "the flood story died 18 days ago");
        assert!(!s.nodes[2].forgotten);
        assert!(s.nodes[0].terms.is_empty());
        assert_eq!(s.groups(), vec![vec![0, 1], vec![2]]);
        // A report of the flood arriving that late starts a story of its own.
        s.push(&dated("d", FLOOD_C, 2), &[], &[]);
        assert_eq!(s.groups(), vec![vec![0, 1], vec![2], vec![3]]);
    }

    #[test]
    fn only_a_window_of_recent_members_keeps_its_terms() {
        let config = StreamConfig { neighbourhood: 4, per_story: 2, ..StreamConfig::default() };
        let mut s = StreamClusterer::new(config);
        let mut labels = AHashMap::new();
        for i in 0..7 {
            s.restore(&art(&i.to_string(), FLOOD_A), &[], &Particulars::default(), &[], 1, &mut labels);
        }
        let forgotten: Vec<bool> = s.nodes.iter().map(|n| n.forgotten).collect();
        assert_eq!(forgotten, vec![true, true, true, false, false, false, false]);
        assert_eq!(s.members(0).len(), 7);
    }

    #[test]
    fn an_archive_out_of_date_order_keeps_its_old_stories() {
        // Reports years apart arriving interleaved: the newest date must not make the stream
        // forget the older story a later arrival belongs to.
        let dated = |id: &str, text: &str, date: &str| {
            let mut a = art(id, text);
            a.published = date.parse().ok();
            a
        };
        let mut s = StreamClusterer::new(StreamConfig::default());
        s.push(&dated("a", FLOOD_A, "2008-03-01T10:00:00Z"), &[], &[]);
        s.push(&dated("b", CHESS, "2013-06-01T10:00:00Z"), &[], &[]);
        s.push(&dated("c", FLOOD_B, "2008-03-02T10:00:00Z"), &[], &[]);
        assert!(s.nodes.iter().all(|n| !n.forgotten));
        assert_eq!(s.groups(), vec![vec![0, 2], vec![1]]);
    }
}
