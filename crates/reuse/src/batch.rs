//! Reuse across a whole corpus at once, in memory that stays small at a million articles.
//!
//! Two passes over a caller-supplied [`ArticleSource`] (a file, a store, a slice), no text kept
//! between them:
//!
//! 1. **Index.** Each article is reduced to its winnowed shingle hashes (see
//!    [`ReuseConfig::window`]); each hash becomes one `u64` posting, the top 32 bits of the
//!    hash above the article number. The postings are sorted in one flat array; hashes held by
//!    one article only (nearly all of them) or by more than [`ReuseConfig::max_posting`]
//!    articles (boilerplate, stock phrases) are dropped, so what stays is what articles share.
//!    A directory on the top bits of the hash makes a look-up two cache misses.
//! 2. **Align.** Each article is read again and looks up its hashes; every pair sharing at
//!    least [`ReuseConfig::min_shared_shingles`] of them is aligned (the partner is read from
//!    the source) and kept when the alignment finds passages. Each pair is handled once, by its
//!    lower-numbered article.
//!
//! Both passes run on rayon. Memory is the postings that survive pass 1 (8 bytes each, about a
//! tenth of an article's words in a corpus with much copying) plus what each thread aligns.
//! Truncating hashes to 32 bits makes unrelated articles collide now and then; alignment
//! rejects them, so collisions cost time, never precision.

use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use wiretrace_core::{Article, ReuseLink};

use crate::cues::attribution_cues;
use crate::fingerprint::Fingerprint;
use crate::index::{link, ReuseConfig};

/// Where a batch run reads its articles, numbered `0..len()`. Each article is read twice (once
/// to index it, once to align it) plus once per candidate partner, so a source backed by a
/// file or a database keeps memory flat however large the corpus.
pub trait ArticleSource: Sync {
    /// Number of articles.
    fn len(&self) -> usize;

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Article number `doc`; `None` when it cannot be read (it is skipped and counted in
    /// [`BatchReport::unreadable`]).
    fn article(&self, doc: u32) -> Option<Cow<'_, Article>>;
}

impl ArticleSource for [Article] {
    fn len(&self) -> usize {
        <[Article]>::len(self)
    }

    fn article(&self, doc: u32) -> Option<Cow<'_, Article>> {
        self.get(doc as usize).map(Cow::Borrowed)
    }
}

/// What a batch run did, for benchmarks and progress reports.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BatchReport {
    /// Articles in the source.
    pub articles: usize,
    /// Reads that failed (counted once per failed read).
    pub unreadable: usize,
    /// Winnowed hashes of all articles (postings before dropping unshared ones).
    pub hashes: usize,
    /// Postings kept: hashes shared by 2 to `max_posting` articles.
    pub shared_postings: usize,
    /// Pairs aligned.
    pub candidate_pairs: usize,
    /// Pairs linked.
    pub links: usize,
}

/// Links among the articles of `source`, like [`crate::find_reuse`], computed in two passes
/// that keep no text in memory (see the module docs). Only pairs with at least one article
/// numbered `first_new` or above are aligned: pass `0` for every pair, or the number of
/// articles already linked in an earlier run to find the new articles' reuse against
/// everything without recomputing the rest. Links are sorted by `(a, b)`, each pair once.
pub fn find_reuse_batch<S: ArticleSource + ?Sized>(
    source: &S,
    first_new: u32,
    config: &ReuseConfig,
) -> (Vec<ReuseLink>, BatchReport) {
    let n = source.len().min(u32::MAX as usize);
    let unreadable = AtomicUsize::new(0);
    let read = |doc: u32| {
        let got = source.article(doc);
        if got.is_none() {
            unreadable.fetch_add(1, Ordering::Relaxed);
        }
        got
    };

    let (table, hashes) = PostingTable::build(n, config, |doc| {
        read(doc).map(|a| winnowed(&Fingerprint::words_only(&a.text), config))
    });
    let shared_postings = table.entries.len();

    let candidate_pairs = AtomicUsize::new(0);
    let mut links: Vec<ReuseLink> = (0..n as u32)
        .into_par_iter()
        .with_min_len(64)
        .flat_map_iter(|doc| {
            let found = links_of(doc, first_new, config, &table, &read, &candidate_pairs);
            found.into_iter()
        })
        .collect();
    links.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
    // Articles repeated under one id would give the same pair twice.
    links.dedup_by(|x, y| x.a == y.a && x.b == y.b);
    let report = BatchReport {
        articles: n,
        unreadable: unreadable.into_inner(),
        hashes,
        shared_postings,
        candidate_pairs: candidate_pairs.into_inner(),
        links: links.len(),
    };
    (links, report)
}

/// The 32-bit keys the posting table stores for one fingerprint, sorted and distinct.
fn winnowed(fp: &Fingerprint, config: &ReuseConfig) -> Vec<u32> {
    let mut keys: Vec<u32> = fp
        .winnowed(config.shingle, config.min_content, config.window)
        .into_iter()
        .map(|h| (h >> 32) as u32)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The links of article `doc` to higher-numbered articles.
fn links_of<'s>(
    doc: u32,
    first_new: u32,
    config: &ReuseConfig,
    table: &PostingTable,
    read: &(impl Fn(u32) -> Option<Cow<'s, Article>> + Sync),
    candidate_pairs: &AtomicUsize,
) -> Vec<ReuseLink> {
    let Some(article) = read(doc) else {
        return Vec::new();
    };
    let fp = Fingerprint::new(&article.text);
    let mut partners: Vec<u32> = Vec::new();
    for key in winnowed(&fp, config) {
        partners.extend(table.docs(key).filter(|&o| o > doc && (doc >= first_new || o >= first_new)));
    }
    if partners.is_empty() {
        return Vec::new();
    }
    partners.sort_unstable();
    let mut candidates: Vec<(u32, usize)> = Vec::new();
    for run in partners.chunk_by(|x, y| x == y) {
        if run.len() >= config.min_shared_shingles {
            candidates.push((run[0], run.len()));
        }
    }
    if candidates.is_empty() {
        return Vec::new();
    }
    candidates.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    candidates.truncate(config.max_candidates);
    candidate_pairs.fetch_add(candidates.len(), Ordering::Relaxed);

    let cues = attribution_cues(&article);
    candidates
        .into_iter()
        .filter_map(|(other_doc, _)| {
            let other = read(other_doc)?;
            if other.id == article.id {
                return None;
            }
            let other_fp = Fingerprint::new(&other.text);
            let other_cues = attribution_cues(&other);
            link(config, (&article, &fp, &cues), (&other, &other_fp, &other_cues))
        })
        .collect()
}

/// Sorted postings `(key << 32) | doc` of the keys shared by 2 to `max_posting` articles, with a
/// directory on the top bits of the key.
struct PostingTable {
    entries: Vec<u64>,
    /// `dir[p]` is the first entry whose key starts with the `bits`-bit prefix `p`.
    dir: Vec<u32>,
    bits: u32,
}

/// Articles fingerprinted per parallel task in pass 1.
const CHUNK: u32 = 2048;

impl PostingTable {
    /// The table and the number of hashes before unshared ones were dropped.
    fn build(
        n: usize,
        config: &ReuseConfig,
        keys_of: impl Fn(u32) -> Option<Vec<u32>> + Sync,
    ) -> (PostingTable, usize) {
        let n = n as u32;
        let chunks: Vec<Vec<u64>> = (0..n.div_ceil(CHUNK))
            .into_par_iter()
            .map(|c| {
                let mut out = Vec::new();
                for doc in c * CHUNK..((c + 1) * CHUNK).min(n) {
                    for key in keys_of(doc).unwrap_or_default() {
                        out.push((u64::from(key) << 32) | u64::from(doc));
                    }
                }
                out.shrink_to_fit();
                out
            })
            .collect();
        let total: usize = chunks.iter().map(Vec::len).sum();
        let mut entries: Vec<u64> = Vec::with_capacity(total);
        // Each chunk is freed as soon as it is copied, so the peak stays near one copy.
        for chunk in chunks {
            entries.extend_from_slice(&chunk);
        }
        entries.par_sort_unstable();

        // Keep only keys shared by 2..=max_posting articles, compacting in place.
        let mut write = 0;
        let mut start = 0;
        while start < entries.len() {
            let key = entries[start] >> 32;
            let mut end = start + 1;
            while end < entries.len() && entries[end] >> 32 == key {
                end += 1;
            }
            let size = end - start;
            if size >= 2 && size <= config.max_posting {
                entries.copy_within(start..end, write);
                write += size;
            }
            start = end;
        }
        entries.truncate(write);
        entries.shrink_to_fit();

        let bits = (usize::BITS - entries.len().leading_zeros()).clamp(1, 24);
        let mut dir = vec![0u32; (1usize << bits) + 1];
        let mut at = 0usize;
        for (p, slot) in dir.iter_mut().enumerate() {
            while at < entries.len() && ((entries[at] >> 32) as u32 >> (32 - bits)) < p as u32 {
                at += 1;
            }
            *slot = at as u32;
        }
        (PostingTable { entries, dir, bits }, total)
    }

    /// The articles holding `key`.
    fn docs(&self, key: u32) -> impl Iterator<Item = u32> + '_ {
        let p = (key >> (32 - self.bits)) as usize;
        let bucket = &self.entries[self.dir[p] as usize..self.dir[p + 1] as usize];
        let first = bucket.partition_point(|&e| ((e >> 32) as u32) < key);
        bucket[first..].iter().take_while(move |&&e| (e >> 32) as u32 == key).map(|&e| e as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "Dockworkers in Port Estrel walked off the job on Monday, halting grain exports for the second time this month, after the port authority again failed to pay three weeks of overdue wages to more than two thousand crane operators and stevedores.";
    const OTHER: &str = "The Orla ferry ran aground off Cape Midden on Sunday night; all ninety passengers were taken off by lifeboat before dawn, the coastguard said.";

    #[test]
    fn posting_table_keeps_only_shared_keys() {
        let keys = [vec![1u32, 5, 9], vec![5, 9, 0xffff_fff0], vec![9, 42]];
        let config = ReuseConfig { max_posting: 2, ..ReuseConfig::default() };
        let (table, total) = PostingTable::build(3, &config, |d| Some(keys[d as usize].clone()));
        assert_eq!(total, 8);
        assert_eq!(table.docs(5).collect::<Vec<_>>(), [0, 1]);
        // Key 9 is in three articles, above max_posting: dropped as boilerplate.
        assert_eq!(table.docs(9).count(), 0);
        assert_eq!(table.docs(1).count(), 0);
        assert_eq!(table.docs(0xffff_fff0).count(), 0);
    }

    #[test]
    fn batch_finds_only_new_pairs_when_asked() {
        let articles = vec![
            Article::new("old-1", WIRE),
            Article::new("old-2", WIRE),
            Article::new("ferry", OTHER),
            Article::new("new-1", format!("{WIRE}\n\nMore later.")),
        ];
        let (all, report) = find_reuse_batch(articles.as_slice(), 0, &ReuseConfig::default());
        assert_eq!(all.len(), 3);
        assert_eq!(report.links, 3);
        assert_eq!(report.unreadable, 0);
        let (new, _) = find_reuse_batch(articles.as_slice(), 3, &ReuseConfig::default());
        let pairs: Vec<(&str, &str)> = new.iter().map(|l| (l.a.as_str(), l.b.as_str())).collect();
        assert_eq!(pairs, [("new-1", "old-1"), ("new-1", "old-2")]);
    }

    struct Flaky(Vec<Article>);

    impl ArticleSource for Flaky {
        fn len(&self) -> usize {
            self.0.len() + 1
        }
        fn article(&self, doc: u32) -> Option<Cow<'_, Article>> {
            self.0.get(doc as usize).map(Cow::Borrowed)
        }
    }

    #[test]
    fn unreadable_articles_are_counted_and_skipped() {
        let source = Flaky(vec![Article::new("a", WIRE), Article::new("b", WIRE)]);
        let (links, report) = find_reuse_batch(&source, 0, &ReuseConfig::default());
        assert_eq!(links.len(), 1);
        assert_eq!(report.unreadable, 2, "{report:?}");
    }
}
