//! The incremental candidate index: an inverted index from shingle hashes to the articles that
//! contain them, as passim does, followed by alignment of each candidate pair.
//!
//! Only winnowed shingles are indexed (see [`ReuseConfig::window`]). Memory per article is its text (kept to align candidates later; cheaper than keeping word
//! hashes and offsets, which take about 25 bytes a word against about 6 for the text), its
//! attribution cues, and one `u32` per distinct content shingle in the postings. A shingle found
//! in more than [`ReuseConfig::max_posting`] articles is boilerplate or a wire story carried
//! everywhere; its list is dropped and the shingle ignored from then on, which keeps both
//! memory and query time bounded.

use ahash::{AHashMap, AHashSet};
use wiretrace_core::{Article, AttributionCue, Passage, ReuseLink};

use crate::align::{align, align_seeded, AlignParams, Seeds, TokenPassage};
use crate::cues::attribution_cues;
use crate::direction::direction;
use crate::fingerprint::Fingerprint;

/// Settings of reuse detection. The defaults suit English news.
#[derive(Clone, Debug, PartialEq)]
pub struct ReuseConfig {
    /// Words per shingle.
    pub shingle: usize,
    /// Content (non-function) words an indexed shingle needs: "officials said on Tuesday
    /// that" has one and is not indexed.
    pub min_content: usize,
    /// Winnowing window: in every run of this many shingles the one with the smallest hash
    /// goes into the index, so a shared run of `window + shingle - 1` words is always found
    /// while only about `2 / (window + 1)` of the shingles take memory. 6 finds every shared
    /// run of 10 words: an edited copy of one short paragraph (a changed word every dozen or
    /// so) keeps runs that long, and 8 (runs of 12) missed about 1 in 100 of them.
    pub window: usize,
    /// Distinct winnowed shingles two articles must share to be aligned at all.
    pub min_shared_shingles: usize,
    /// Articles a shingle may occur in before it is treated as boilerplate and ignored.
    pub max_posting: usize,
    /// Articles a shingle may occur in before the batch path ([`crate::find_reuse_batch`])
    /// keeps its pairs only for a sample of such shingles: one held by `g` articles above this
    /// is kept with chance `sample_above / g`, chosen by its hash. Phrases that recur by chance
    /// are held by more articles the larger the corpus, and their pairs, `g² / 2` each, made the
    /// cost per article grow with the corpus; sampled, they cost `sample_above / 2` pairs an
    /// article. A story carried by `g` outlets shares all its shingles among the same `g`
    /// articles, so each pair of copies keeps about `k · sample_above / g` of its `k` winnowed
    /// shingles, and 3 on one diagonal are enough: with the default 50, a 500-word story
    /// (about 140 shingles) keeps its links up to about 2,000 outlets, where `max_posting`
    /// drops it anyway. The incremental index pays for a shingle linearly in its articles, so
    /// it keeps them all.
    pub sample_above: usize,
    /// Most candidates aligned per query (those sharing the most shingles win).
    pub max_candidates: usize,
    /// Matched words a passage needs to count.
    pub min_passage_tokens: usize,
    /// Matched words all passages of a pair need together to link the pair: a single short
    /// shared quote does not.
    pub min_link_tokens: usize,
    /// Most words skipped on both sides at once inside one passage (changed words).
    pub max_gap: usize,
    /// Most words skipped on one side inside one passage while the other side skips at most
    /// `max_gap` (a sentence inserted or dropped).
    pub max_insert: usize,
}

impl Default for ReuseConfig {
    fn default() -> Self {
        ReuseConfig {
            shingle: 5,
            min_content: 2,
            window: 6,
            min_shared_shingles: 2,
            max_posting: 2000,
            sample_above: 50,
            max_candidates: 500,
            min_passage_tokens: 12,
            min_link_tokens: 15,
            max_gap: 8,
            max_insert: 30,
        }
    }
}

struct Stored {
    article: Article,
    cues: Vec<AttributionCue>,
}

/// An incremental index of articles for finding shared passages. Insert articles as they
/// arrive; [`ReuseIndex::query`] a new article against all inserted ones.
pub struct ReuseIndex {
    config: ReuseConfig,
    docs: Vec<Stored>,
    postings: AHashMap<u64, Vec<u32>>,
    /// Shingles that outgrew `max_posting`.
    common: AHashSet<u64>,
}

impl Default for ReuseIndex {
    fn default() -> Self {
        Self::new()
    }
}

impl ReuseIndex {
    pub fn new() -> Self {
        Self::with_config(ReuseConfig::default())
    }

    pub fn with_config(config: ReuseConfig) -> Self {
        ReuseIndex { config, docs: Vec::new(), postings: AHashMap::new(), common: AHashSet::new() }
    }

    pub fn config(&self) -> &ReuseConfig {
        &self.config
    }

    /// Adds `article` to the index (its text, cues and shingles).
    pub fn insert(&mut self, article: &Article) {
        // Past u32::MAX articles further inserts are not indexed (far beyond one machine).
        let Ok(doc) = u32::try_from(self.docs.len()) else {
            return;
        };
        let fp = Fingerprint::new(&article.text);
        for h in self.distinct_shingles(&fp) {
            if self.common.contains(&h) {
                continue;
            }
            let list = self.postings.entry(h).or_default();
            list.push(doc);
            if list.len() > self.config.max_posting {
                self.postings.remove(&h);
                self.common.insert(h);
            }
        }
        self.docs.push(Stored { article: article.clone(), cues: attribution_cues(article) });
    }

    /// Links between `article` and every inserted article it shares passages with (not itself,
    /// nor anything with its id). Does not insert it.
    pub fn query(&self, article: &Article) -> Vec<ReuseLink> {
        let fp = Fingerprint::new(&article.text);
        let cues = attribution_cues(article);
        self.links_before(article, &fp, &cues, self.docs.len())
    }

    /// Number of inserted articles.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Links to the inserted articles numbered below `limit`.
    pub(crate) fn links_before(
        &self,
        article: &Article,
        fp: &Fingerprint,
        cues: &[AttributionCue],
        limit: usize,
    ) -> Vec<ReuseLink> {
        let mut counts: AHashMap<u32, u32> = AHashMap::new();
        for h in self.distinct_shingles(fp) {
            if let Some(list) = self.postings.get(&h) {
                // Lists are in insertion order, so they can be cut at `limit`.
                for &doc in list.iter().take_while(|&&d| (d as usize) < limit) {
                    *counts.entry(doc).or_default() += 1;
                }
            }
        }
        let mut candidates: Vec<(u32, u32)> = counts
            .into_iter()
            .filter(|&(doc, n)| {
                n as usize >= self.config.min_shared_shingles
                    && self.docs[doc as usize].article.id != article.id
            })
            .collect();
        candidates.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        candidates.truncate(self.config.max_candidates);

        let mut links: Vec<ReuseLink> = candidates
            .into_iter()
            .filter_map(|(doc, _)| {
                let other = &self.docs[doc as usize];
                let other_fp = Fingerprint::new(&other.article.text);
                link(&self.config, (article, fp, cues), (&other.article, &other_fp, &other.cues))
            })
            .collect();
        links.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
        links
    }

    fn distinct_shingles(&self, fp: &Fingerprint) -> Vec<u64> {
        fp.winnowed(self.config.shingle, self.config.min_content, self.config.window)
    }
}

/// Aligns two articles, always with the smaller id as `a` so the result does not depend on
/// which of the two was inserted first. `None` when they share too little to be a copy.
pub(crate) fn link(
    config: &ReuseConfig,
    x: (&Article, &Fingerprint, &[AttributionCue]),
    y: (&Article, &Fingerprint, &[AttributionCue]),
) -> Option<ReuseLink> {
    let ((a, fa, cues_a), (b, fb, cues_b)) = if x.0.id <= y.0.id { (x, y) } else { (y, x) };
    let passages = passages(config, fa, fb)?;
    Some(ReuseLink {
        a: a.id.clone(),
        b: b.id.clone(),
        direction: direction(a, b, &passages, cues_a, cues_b),
        passages,
    })
}

/// The passages `fa` (the article with the smaller id) shares with `fb`, in char offsets;
/// `None` when they share too little to be a copy.
pub(crate) fn passages(config: &ReuseConfig, fa: &Fingerprint, fb: &Fingerprint) -> Option<Vec<Passage>> {
    to_char_passages(config, fa, fb, &align(fa, fb, &align_params(config)))
}

/// [`passages`] with the alignment seeds of both articles already computed.
pub(crate) fn passages_seeded(
    config: &ReuseConfig,
    (fa, sa): (&Fingerprint, &Seeds),
    (fb, sb): (&Fingerprint, &Seeds),
) -> Option<Vec<Passage>> {
    to_char_passages(config, fa, fb, &align_seeded((fa, sa), (fb, sb), &align_params(config)))
}

fn align_params(config: &ReuseConfig) -> AlignParams {
    AlignParams {
        k: config.shingle,
        max_gap: config.max_gap,
        max_insert: config.max_insert,
        min_passage_tokens: config.min_passage_tokens,
    }
}

fn to_char_passages(
    config: &ReuseConfig,
    fa: &Fingerprint,
    fb: &Fingerprint,
    found: &[TokenPassage],
) -> Option<Vec<Passage>> {
    let matched: usize = found.iter().map(|p| p.matched).sum();
    if found.is_empty() || matched < config.min_link_tokens {
        return None;
    }
    Some(
        found
            .iter()
            .map(|p| Passage {
                a_start: fa.spans[p.a.start].0,
                a_end: fa.spans[p.a.end - 1].1,
                b_start: fb.spans[p.b.start].0,
                b_end: fb.spans[p.b.end - 1].1,
                similarity: p.similarity(),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "Dockworkers in Port Estrel walked off the job on Monday, halting grain exports for the second time this month, after the port authority again failed to pay three weeks of overdue wages to more than two thousand crane operators and stevedores.";

    #[test]
    fn common_shingles_stop_growing_their_lists() {
        let config = ReuseConfig { max_posting: 2, ..ReuseConfig::default() };
        let mut index = ReuseIndex::with_config(config);
        for i in 0..3 {
            index.insert(&Article::new(format!("copy{i}"), WIRE));
        }
        assert!(!index.common.is_empty());
        assert!(index.postings.values().all(|l| l.len() <= 2));
        // Every shingle of the text is now common: a fourth copy finds nothing.
        assert!(index.query(&Article::new("copy3", WIRE)).is_empty());
    }

    #[test]
    fn query_skips_the_same_id_and_orders_the_pair() {
        let mut index = ReuseIndex::new();
        index.insert(&Article::new("m", WIRE));
        assert_eq!(index.len(), 1);
        assert!(index.query(&Article::new("m", WIRE)).is_empty());
        let links = index.query(&Article::new("b", WIRE));
        assert_eq!(links.len(), 1);
        assert_eq!((links[0].a.as_str(), links[0].b.as_str()), ("b", "m"));
        assert_eq!(links[0].passages[0].similarity, 1.0);
    }
}
