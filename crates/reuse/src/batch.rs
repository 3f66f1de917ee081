//! Reuse across a whole corpus at once, in memory that stays small at a million articles.
//!
//! Two passes over a caller-supplied [`ArticleSource`] (a file, a store, a slice), no text kept
//! between them:
//!
//! 1. **Index.** Each article is reduced to its winnowed shingle hashes (see
//!    [`ReuseConfig::window`]) with the word position of each; each becomes one `u64` posting
//!    (the low 24 bits of the hash's top 32, the article number, the position; see `Layout`),
//!    dropped into one of 256 buckets by the hash's top byte. Each bucket is sorted on its own
//!    (in parallel, by a radix sort on the key bits: postings arrive in article order); a key
//!    an article holds at several positions keeps its first; hashes held by one article only
//!    (nearly all of them) or by more than [`ReuseConfig::max_posting`] articles
//!    (boilerplate, stock phrases) are skipped, a hash held by more than
//!    [`ReuseConfig::sample_above`] articles gives pairs only if its hash draws it (with
//!    chance `sample_above / articles`, so its pairs grow linearly, not with the square, in the
//!    articles holding it), and every group of articles sharing a hash
//!    gives its pairs, each with the offset between the hash's positions in the two articles
//!    and whether the hash is common (held by more than 8 articles). Sorting the pairs (again
//!    in buckets, by the lower article) gathers the hashes each pair shares; the candidates
//!    are pairs with [`ReuseConfig::min_shared_shingles`] shared hashes on one diagonal (the
//!    same offset, give or take 40 words), at most one of them common. A copied passage keeps
//!    its hashes on one diagonal; unrelated articles sharing a few stock phrases do not, and
//!    stock phrases are common. Checking this before alignment costs a sort of pairs already
//!    made, where each false candidate would cost reading, tokenizing and aligning two
//!    articles. The postings are freed bucket by bucket as their pairs are made.
//! 2. **Align.** Candidate pairs are joined into small groups of connected articles (at most
//!    256 articles each, strongest pairs joined first); each group is read and tokenized once,
//!    its pairs aligned, and the attribution cues of an article computed only when it is linked
//!    to an article whose outlet its text may name (a spelling of that outlet appears in it;
//!    elsewhere no cue could credit the partner, so direction does not need them). Groups run
//!    in parallel. Pairs whose articles fell into different groups
//!    (when joining them would pass the cap) are aligned in groups of their own, one per lower
//!    article.
//!
//! Memory is the postings of pass 1 (8 bytes each), then the pairs they give (8 bytes each),
//! then what each thread aligns (about 20 KB an article of a group, in buffers each thread
//! keeps from one group to the next). Hashes of words and shingles live only in memory, so
//! changing how they are computed needs no migration.
//! Truncating hashes to 32 bits makes unrelated articles collide now and then; alignment
//! rejects them, so collisions cost time, never precision.

use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use wiretrace_core::{Article, AttributionCue, ReuseLink};

use crate::align::Seeds;
use crate::cues::attribution_cues;
use crate::direction::{direction, may_credit, outlet_spellings};
use crate::fingerprint::Fingerprint;
use crate::index::{passages_seeded, ReuseConfig};

/// Where a batch run reads its articles, numbered `0..len()`. Each article is read once to
/// index it and once more if it has candidate partners (twice if its partners fall into
/// different groups), so a source backed by a file or a database keeps memory flat however
/// large the corpus.
pub trait ArticleSource: Sync {
    /// Number of articles.
    fn len(&self) -> usize;

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Article number `doc`; `None` when it cannot be read (it is skipped and counted in
    /// [`BatchReport::unreadable`]).
    fn article(&self, doc: u32) -> Option<Cow<'_, Article>>;

    /// Hands the text of article `doc` to `f`; `false` when it cannot be read. Indexing needs
    /// only the text: a source that can give it without building the whole article (its id,
    /// outlet and so on) overrides this.
    fn with_text(&self, doc: u32, f: &mut dyn FnMut(&str)) -> bool {
        match self.article(doc) {
            Some(article) => {
                f(&article.text);
                true
            }
            None => false,
        }
    }
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
    /// Winnowed hashes of all articles (postings before dropping unshared ones; a hash kept at
    /// several positions of one article counts at each).
    pub hashes: usize,
    /// Postings kept: hashes shared by 2 to `max_posting` articles.
    pub shared_postings: usize,
    /// Pairs of articles sharing a key, once per key shared (what the candidates are sorted
    /// out of).
    pub key_pairs: usize,
    /// Pairs aligned.
    pub candidate_pairs: usize,
    /// Articles read and tokenized again to align them (an article whose partners fell into
    /// several groups counts once per group).
    pub aligned_reads: usize,
    /// Pairs linked.
    pub links: usize,
}

/// Buckets postings and pairs are sorted in (by the top byte of the hash, or by the lower
/// article's share of the corpus).
const BUCKETS: usize = 256;
/// Most articles fingerprinted per parallel task in pass 1 (fewer in a small corpus, see
/// [`chunk_size`]).
const CHUNK: u32 = 4096;

/// Articles per parallel task in pass 1: [`CHUNK`], or less so that each thread gets a dozen
/// tasks or more. With 10,000 articles in chunks of 4096, one of two threads did two of the
/// three chunks while the other idled for a third of the pass.
fn chunk_size(n: u32) -> u32 {
    let threads = rayon::current_num_threads().max(1) as u32;
    (n / threads.saturating_mul(16)).clamp(64, CHUNK)
}

/// Most articles read and aligned together in pass 2.
const MAX_GROUP: u32 = 256;

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
    let n = source.len().min(u32::MAX as usize) as u32;
    let unreadable = AtomicUsize::new(0);
    let read = |doc: u32| {
        let got = source.article(doc);
        if got.is_none() {
            unreadable.fetch_add(1, Ordering::Relaxed);
        }
        got
    };

    let layout = Layout::new(n);
    let postings = postings(n, layout, |doc, keys| {
        if !source.with_text(doc, &mut |text| winnowed(text, config, keys)) {
            unreadable.fetch_add(1, Ordering::Relaxed);
        }
    });
    let hashes = postings.iter().flatten().map(Vec::len).sum();
    let (pairs, shared_postings) = shared_pairs(postings, n, first_new, layout, config);
    let key_pairs = pairs.iter().flatten().map(Vec::len).sum();
    let candidates = candidates(pairs, layout, config);
    let candidate_pairs = candidates.len();

    let groups = groups(n, &candidates);
    let aligned_reads = groups.iter().map(|g| g.docs.len()).sum();
    let mut links: Vec<ReuseLink> = groups
        .into_par_iter()
        .flat_map_iter(|group| align_group(&group, config, &read).into_iter())
        .collect();
    links.par_sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
    // Articles repeated under one id would give the same pair twice.
    links.dedup_by(|x, y| x.a == y.a && x.b == y.b);
    let report = BatchReport {
        articles: n as usize,
        unreadable: unreadable.into_inner(),
        hashes,
        shared_postings,
        key_pairs,
        candidate_pairs,
        aligned_reads,
        links: links.len(),
    };
    (links, report)
}

/// Most words two shared hashes of a pair may stray from one diagonal (the same offset between
/// their positions in the two articles) and still count as lining up: a copied passage keeps
/// its hashes on one diagonal, give or take a dropped or inserted sentence, while hashes two
/// unrelated articles share by chance fall at unrelated offsets.
const DIAGONAL_SLACK: u64 = 40;

/// How postings and pairs pack into a `u64`, sized to the corpus: article numbers take
/// `doc_bits`; a posting holds the low 24 bits of its key (the top 8 pick its bucket), the
/// article and the word position of the shingle in `pos_bits`; a pair holds both articles and
/// the offset between the two positions of one shared key in `diag_bits`. Positions or
/// offsets that do not fit are stored as "unknown", which lines up with anything: a huge corpus
/// or a huge article loses the diagonal check, never a candidate.
#[derive(Clone, Copy, Debug)]
struct Layout {
    doc_bits: u32,
    pos_bits: u32,
    diag_bits: u32,
}

impl Layout {
    fn new(n: u32) -> Self {
        let doc_bits = (32 - n.saturating_sub(1).leading_zeros()).max(1);
        Layout { doc_bits, pos_bits: 40 - doc_bits, diag_bits: 64 - 2 * doc_bits }
    }

    fn doc_mask(self) -> u64 {
        (1 << self.doc_bits) - 1
    }

    fn pos_mask(self) -> u64 {
        (1 << self.pos_bits) - 1
    }

    fn posting(self, key: u32, doc: u32, pos: u32) -> u64 {
        (u64::from(key & 0x00ff_ffff) << 40)
            | (u64::from(doc) << self.pos_bits)
            | u64::from(pos).min(self.pos_mask())
    }

    fn posting_doc(self, p: u64) -> u32 {
        ((p >> self.pos_bits) & self.doc_mask()) as u32
    }

    /// Position of a posting, `None` when it did not fit.
    fn posting_pos(self, p: u64) -> Option<u64> {
        Some(p & self.pos_mask()).filter(|&pos| pos != self.pos_mask())
    }

    /// Pair `x < y` whose shared key sits at `px` in `x` and `py` in `y`, `common` when the
    /// key is held by many articles. The offset is stored biased (above 0, which means
    /// unknown) and clamped, above the `common` bit: clamping merges far offsets, which only
    /// lets more pairs through.
    fn pair(self, x: u32, y: u32, px: Option<u64>, py: Option<u64>, common: bool) -> u64 {
        let docs = (u64::from(x) << (64 - self.doc_bits)) | (u64::from(y) << self.diag_bits);
        if self.diag_bits == 0 {
            return docs;
        }
        let docs = docs | u64::from(common);
        if self.diag_bits < 12 {
            return docs;
        }
        let (Some(px), Some(py)) = (px, py) else { return docs };
        let top = (1u64 << (self.diag_bits - 1)) - 1;
        let bias = 1u64 << (self.diag_bits - 2);
        docs | ((py + bias).saturating_sub(px).clamp(1, top) << 1)
    }

    fn pair_x(self, p: u64) -> u32 {
        (p >> (64 - self.doc_bits)) as u32
    }

    fn pair_y(self, p: u64) -> u32 {
        ((p >> self.diag_bits) & self.doc_mask()) as u32
    }

    /// Biased offset of a pair's shared key (0 when unknown) and whether the key is common.
    fn pair_key(self, p: u64) -> (u64, bool) {
        if self.diag_bits == 0 {
            return (0, false);
        }
        let field = p & ((1u64 << self.diag_bits) - 1);
        (field >> 1, field & 1 == 1)
    }
}

/// Whether the pairs of `key`, held by `held` articles, are kept: always up to
/// `sample_above` articles, else with chance `sample_above / held` decided by the key's hash
/// (see [`ReuseConfig::sample_above`]), so keys held by many articles cost `sample_above / 2`
/// pairs an article where they cost `held / 2`.
fn sampled(key: u32, held: usize, sample_above: usize) -> bool {
    if held <= sample_above {
        return true;
    }
    // Keys are the top bits of a hash already; one multiplication spreads them over all 32.
    let draw = (u64::from(key).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as u128;
    let (held, keep) = (held as u128, sample_above as u128);
    draw * held < keep << 32
}

/// Weight of a key shared by a pair towards [`ReuseConfig::min_shared_shingles`]: a key held
/// by at most [`RARE_GROUP`] articles counts whole, a more common one half.
fn key_weight(common: bool) -> usize {
    if common {
        1
    } else {
        2
    }
}

/// Most articles a key may be held by and still count whole: a family of copies is a handful
/// of articles, while phrases that recur by chance across unrelated articles recur in many.
const RARE_GROUP: usize = 8;

/// The largest weight (see [`key_weight`]) of a pair's shared keys lining up on one diagonal,
/// `keys` being their `(biased offset, common)` sorted (offset 0, unknown, lines up with any).
fn aligned_weight(keys: &[(u64, bool)]) -> usize {
    let unknown = keys.iter().take_while(|k| k.0 == 0).count();
    let known = &keys[unknown..];
    let mut best = 0;
    let mut sum = 0;
    let mut from = 0;
    for &(d, common) in known {
        sum += key_weight(common);
        while d - known[from].0 > DIAGONAL_SLACK {
            sum -= key_weight(known[from].1);
            from += 1;
        }
        best = best.max(sum);
    }
    keys[..unknown].iter().map(|k| key_weight(k.1)).sum::<usize>() + best
}

/// What pass 1 fills for each article, held per thread so that its buffers are allocated once
/// per thread rather than once per article.
#[derive(Default)]
struct PassOneScratch {
    fp: Fingerprint,
    shingles: Vec<u64>,
    kept: Vec<(usize, u64)>,
}

thread_local! {
    static PASS_ONE: std::cell::RefCell<PassOneScratch> = std::cell::RefCell::default();
}

/// The `(key, position)` the postings hold for one text, in order of position; a key
/// repeated in the text comes once per kept position (the sort of each bucket brings the
/// repeats together, and [`shared_pairs`] keeps the first).
fn winnowed(text: &str, config: &ReuseConfig, keys: &mut Vec<(u32, u32)>) {
    PASS_ONE.with_borrow_mut(|s| {
        s.fp.refill_words_only(text);
        s.fp.winnowed_at_into(
            config.shingle,
            config.min_content,
            config.window,
            &mut s.shingles,
            &mut s.kept,
        );
        keys.extend(s.kept.iter().map(|&(pos, h)| ((h >> 32) as u32, pos.min(u32::MAX as usize) as u32)));
    })
}

/// Pass 1: the postings (see [`Layout`]) of all articles, as pieces per bucket (indexed
/// `[bucket][piece]`), the bucket being the key's top byte. `keys_of` adds an article's
/// `(key, position)` to the buffer it is given (empty).
fn postings(
    n: u32,
    layout: Layout,
    keys_of: impl Fn(u32, &mut Vec<(u32, u32)>) + Sync,
) -> Vec<Vec<Vec<u64>>> {
    let chunk = chunk_size(n);
    let chunks: Vec<Vec<Vec<u64>>> = (0..n.div_ceil(chunk))
        .into_par_iter()
        .map(|c| {
            // The chunk's postings with their buckets, then each bucket's piece allocated at
            // its exact size: 256 pieces growing by doubling (and shrunk after, since growth
            // leaves up to half of each unused, hundreds of megabytes at a million articles)
            // cost about 1% of the run in reallocating and copying.
            let mut keys: Vec<(u32, u32)> = Vec::new();
            let mut all: Vec<(u8, u64)> = Vec::new();
            let mut sizes = [0usize; BUCKETS];
            for doc in c * chunk..((c + 1) * chunk).min(n) {
                keys.clear();
                keys_of(doc, &mut keys);
                for &(key, pos) in &keys {
                    let bucket = (key >> 24) as u8;
                    sizes[usize::from(bucket)] += 1;
                    all.push((bucket, layout.posting(key, doc, pos)));
                }
            }
            let mut buckets: Vec<Vec<u64>> = sizes.iter().map(|&size| Vec::with_capacity(size)).collect();
            for &(bucket, posting) in &all {
                buckets[usize::from(bucket)].push(posting);
            }
            buckets
        })
        .collect();
    let mut by_bucket: Vec<Vec<Vec<u64>>> = (0..BUCKETS).map(|_| Vec::with_capacity(chunks.len())).collect();
    for chunk in chunks {
        for (bucket, piece) in chunk.into_iter().enumerate() {
            by_bucket[bucket].push(piece);
        }
    }
    by_bucket
}

/// The postings of one bucket sorted in place (`to` is scratch), as `sort_unstable` would: they come in order of article
/// and, within one, of position, so a stable radix sort on the 24 bits of key they hold
/// (three passes of 8) orders them fully, in a few passes over memory where a comparison sort
/// took a dozen.
fn sort_by_key_bits(from: &mut Vec<u64>, to: &mut Vec<u64>) {
    to.clear();
    to.resize(from.len(), 0);
    for shift in [40u32, 48, 56] {
        let mut starts = [0usize; 257];
        for &p in from.iter() {
            starts[((p >> shift) & 0xff) as usize + 1] += 1;
        }
        for d in 1..257 {
            starts[d] += starts[d - 1];
        }
        for &p in from.iter() {
            let digit = ((p >> shift) & 0xff) as usize;
            to[starts[digit]] = p;
            starts[digit] += 1;
        }
        std::mem::swap(from, to);
    }
    debug_assert!(from.is_sorted(), "postings came out of article and position order");
}

/// The pairs of one bucket sorted in place (`spare` is scratch), as `sort_unstable` would: a counting sort by the lower
/// article (a bucket holds a narrow range of them), then a sort of each article's pairs, small
/// enough to stay in cache. One comparison sort of the whole bucket grew with the corpus
/// faster than the corpus.
fn sort_pairs(pairs: &mut Vec<u64>, spare: &mut Vec<u64>, layout: Layout) {
    let Some(low) = pairs.iter().map(|&p| layout.pair_x(p)).min() else { return };
    let high = pairs.iter().map(|&p| layout.pair_x(p)).max().unwrap_or(low);
    let mut starts = vec![0usize; (high - low) as usize + 2];
    for &p in pairs.iter() {
        starts[(layout.pair_x(p) - low) as usize + 1] += 1;
    }
    for x in 1..starts.len() {
        starts[x] += starts[x - 1];
    }
    spare.clear();
    spare.resize(pairs.len(), 0);
    let mut next = starts.clone();
    for &p in pairs.iter() {
        let x = (layout.pair_x(p) - low) as usize;
        spare[next[x]] = p;
        next[x] += 1;
    }
    for x in starts.windows(2) {
        spare[x[0]..x[1]].sort_unstable();
    }
    std::mem::swap(pairs, spare);
}

/// The bucket of pairs whose lower article is `doc`: articles in order, so pairs come out
/// sorted when the buckets are read in order.
fn pair_bucket(doc: u32, n: u32) -> usize {
    (u64::from(doc) * BUCKETS as u64 / u64::from(n.max(1))) as usize
}

/// Every pair `x < y` (packed with the offset of the shared key, see [`Layout::pair`]) of
/// articles sharing a key held by 2 to `max_posting` articles, once per shared key (pieces
/// indexed `[bucket][piece]`, bucketed by `x`), and
/// the number of postings those keys hold. Pairs of two articles below `first_new` are left
/// out. Each bucket of postings is freed once its pairs are made.
fn shared_pairs(
    postings: Vec<Vec<Vec<u64>>>,
    n: u32,
    first_new: u32,
    layout: Layout,
    config: &ReuseConfig,
) -> (Vec<Vec<Vec<u64>>>, usize) {
    let per_bucket: Vec<(usize, Vec<Vec<u64>>)> = postings
        .into_par_iter()
        .enumerate()
        // Two buffers per task for the bucket and its radix sort, reused bucket to bucket: a
        // large allocation made and freed per bucket left the allocator holding about 100 MB
        // more at a million articles.
        .map_init(Default::default, |(entries, spare): &mut (Vec<u64>, Vec<u64>), (top, pieces)| {
            entries.clear();
            entries.reserve(pieces.iter().map(Vec::len).sum());
            for piece in pieces {
                entries.extend_from_slice(&piece);
            }
            sort_by_key_bits(entries, spare);
            let entries = &*entries;
            let mut out: Vec<Vec<u64>> = vec![Vec::new(); BUCKETS];
            let mut shared = 0;
            let mut distinct: Vec<u64> = Vec::new();
            for group in entries.chunk_by(|x, y| x >> 40 == y >> 40) {
                if group.len() < 2 {
                    continue;
                }
                // One posting per article (its first position) for a key it holds at several
                // positions: groups count articles, and pairs count keys shared, not repeats.
                let group = if group.windows(2).any(|w| layout.posting_doc(w[0]) == layout.posting_doc(w[1]))
                {
                    distinct.clear();
                    distinct.extend_from_slice(group);
                    distinct.dedup_by_key(|p| layout.posting_doc(*p));
                    distinct.as_slice()
                } else {
                    group
                };
                if group.len() < 2 || group.len() > config.max_posting {
                    continue;
                }
                let key = ((top as u32) << 24) | (group[0] >> 40) as u32;
                if !sampled(key, group.len(), config.sample_above) {
                    continue;
                }
                shared += group.len();
                let common = group.len() > RARE_GROUP;
                // Docs within a group are ascending (the sort) and distinct (keys are
                // distinct per article).
                for (i, &px) in group.iter().enumerate() {
                    let x = layout.posting_doc(px);
                    let bucket = &mut out[pair_bucket(x, n)];
                    for &py in &group[i + 1..] {
                        let y = layout.posting_doc(py);
                        if x >= first_new || y >= first_new {
                            bucket.push(layout.pair(
                                x,
                                y,
                                layout.posting_pos(px),
                                layout.posting_pos(py),
                                common,
                            ));
                        }
                    }
                }
            }
            for piece in &mut out {
                piece.shrink_to_fit();
            }
            (shared, out)
        })
        .collect();
    let shared = per_bucket.iter().map(|(s, _)| s).sum();
    let mut by_bucket: Vec<Vec<Vec<u64>>> = (0..BUCKETS).map(|_| Vec::with_capacity(BUCKETS)).collect();
    for (_, pieces) in per_bucket {
        for (bucket, piece) in pieces.into_iter().enumerate() {
            by_bucket[bucket].push(piece);
        }
    }
    (by_bucket, shared)
}

/// The candidate pairs `(x, y, shared keys)`, `x < y`, sorted: pairs with at least
/// `min_shared_shingles` shared keys lining up on one diagonal, at most one of them common
/// (or twice as many common ones; see [`key_weight`]), at most `max_candidates` per `x`
/// (those sharing the most).
fn candidates(pairs: Vec<Vec<Vec<u64>>>, layout: Layout, config: &ReuseConfig) -> Vec<(u32, u32, u32)> {
    // At most one of the keys lining up may be common: a short edited copy often shares just
    // two, one of them a phrase others use too.
    let needed = (2 * config.min_shared_shingles).saturating_sub(1);
    let per_bucket: Vec<Vec<(u32, u32, u32)>> = pairs
        .into_par_iter()
        .map_init(Default::default, |(all, spare): &mut (Vec<u64>, Vec<u64>), pieces| {
            all.clear();
            all.reserve(pieces.iter().map(Vec::len).sum());
            for piece in pieces {
                all.extend_from_slice(&piece);
            }
            sort_pairs(all, spare, layout);
            let all = &*all;
            let mut out: Vec<(u32, u32, u32)> = Vec::new();
            let mut keys: Vec<(u64, bool)> = Vec::new();
            for of_x in all.chunk_by(|&p, &q| layout.pair_x(p) == layout.pair_x(q)) {
                let mut counted: Vec<(u32, usize)> = of_x
                    .chunk_by(|&p, &q| layout.pair_y(p) == layout.pair_y(q))
                    .filter(|run| {
                        run.len() >= config.min_shared_shingles && {
                            keys.clear();
                            keys.extend(run.iter().map(|&p| layout.pair_key(p)));
                            aligned_weight(&keys) >= needed
                        }
                    })
                    .map(|run| (layout.pair_y(run[0]), run.len()))
                    .collect();
                if counted.len() > config.max_candidates {
                    counted.sort_by(|p, q| q.1.cmp(&p.1).then(p.0.cmp(&q.0)));
                    counted.truncate(config.max_candidates);
                    counted.sort_unstable();
                }
                let x = layout.pair_x(of_x[0]);
                out.extend(counted.into_iter().map(|(y, shared)| (x, y, shared as u32)));
            }
            out
        })
        .collect();
    per_bucket.concat()
}

/// Articles aligned together: each read once, and the pairs among them.
#[derive(Debug, Default, PartialEq)]
struct Group {
    docs: Vec<u32>,
    pairs: Vec<(u32, u32)>,
}

/// Candidate pairs joined into groups of connected articles of at most [`MAX_GROUP`]
/// articles (union-find); the pairs across two full groups make groups of their own, one per
/// lower article.
fn groups(n: u32, candidates: &[(u32, u32, u32)]) -> Vec<Group> {
    let mut parent: Vec<u32> = (0..n).collect();
    let mut size: Vec<u32> = vec![1; n as usize];
    fn root(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            let up = parent[parent[x as usize] as usize];
            parent[x as usize] = up;
            x = up;
        }
        x
    }
    // Pairs sharing the most hashes (copies) are joined first, so a group fills with whole
    // families and the pairs left across groups are mostly chance overlaps.
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(candidates[i].2));
    for (x, y, _) in order.into_iter().map(|i| candidates[i]) {
        let (rx, ry) = (root(&mut parent, x), root(&mut parent, y));
        if rx != ry && size[rx as usize] + size[ry as usize] <= MAX_GROUP {
            let (big, small) = if size[rx as usize] >= size[ry as usize] { (rx, ry) } else { (ry, rx) };
            parent[small as usize] = big;
            size[big as usize] += size[small as usize];
        }
    }
    drop(size);
    // Group number of each root, assigned in order of first pair.
    let mut group_of: Vec<u32> = vec![u32::MAX; n as usize];
    let mut groups: Vec<Group> = Vec::new();
    // Pairs across groups, gathered by their lower article (candidates come sorted by it), so
    // that article is read once for all of them.
    let mut star: Option<(u32, usize)> = None;
    for &(x, y, _) in candidates {
        let (rx, ry) = (root(&mut parent, x), root(&mut parent, y));
        if rx != ry {
            match star {
                Some((center, at)) if center == x => {
                    groups[at].docs.push(y);
                    groups[at].pairs.push((x, y));
                }
                _ => {
                    star = Some((x, groups.len()));
                    groups.push(Group { docs: vec![x, y], pairs: vec![(x, y)] });
                }
            }
            continue;
        }
        let slot = &mut group_of[rx as usize];
        if *slot == u32::MAX {
            *slot = groups.len() as u32;
            groups.push(Group::default());
        }
        let group = &mut groups[*slot as usize];
        group.docs.extend([x, y]);
        group.pairs.push((x, y));
    }
    for group in &mut groups {
        group.docs.sort_unstable();
        group.docs.dedup();
    }
    groups
}

/// Pass 2 for one group: reads and tokenizes its articles once, aligns its pairs, and gives
/// the links (cues computed only for articles that have one).
fn align_group<'s>(
    group: &Group,
    config: &ReuseConfig,
    read: &(impl Fn(u32) -> Option<Cow<'s, Article>> + Sync),
) -> Vec<ReuseLink> {
    let mut spare = PASS_TWO.with_borrow_mut(std::mem::take);
    let docs: Vec<Option<(Cow<'s, Article>, Fingerprint, Seeds)>> = group
        .docs
        .iter()
        .map(|&doc| {
            let article = read(doc)?;
            let (mut fp, mut seeds) = spare.pop().unwrap_or_default();
            fp.refill(&article.text);
            seeds.refill(&fp, config.shingle);
            Some((article, fp, seeds))
        })
        .collect();
    let links = link_group(group, config, &docs);
    spare.extend(docs.into_iter().flatten().map(|(_, fp, seeds)| (fp, seeds)));
    PASS_TWO.with_borrow_mut(|kept| *kept = spare);
    links
}

thread_local! {
    /// Fingerprints and seeds of the last group a thread aligned, whose buffers the next
    /// group's articles refill (see [`Fingerprint::refill`]).
    static PASS_TWO: std::cell::RefCell<Vec<(Fingerprint, Seeds)>> = std::cell::RefCell::default();
}

/// The links among a group's articles, read and fingerprinted (`None`: unreadable), in the
/// order of `group.docs`.
fn link_group(
    group: &Group,
    config: &ReuseConfig,
    docs: &[Option<(Cow<'_, Article>, Fingerprint, Seeds)>],
) -> Vec<ReuseLink> {
    let mut cues: Vec<Option<Vec<AttributionCue>>> = vec![None; docs.len()];
    let mut spellings: Vec<Option<Vec<String>>> = vec![None; docs.len()];
    let mut links = Vec::new();
    for &(x, y) in &group.pairs {
        let (Ok(i), Ok(j)) = (group.docs.binary_search(&x), group.docs.binary_search(&y)) else { continue };
        let (Some((ax, ..)), Some((ay, ..))) = (&docs[i], &docs[j]) else { continue };
        if ax.id == ay.id {
            continue;
        }
        // The smaller id is `a`, as in the incremental index.
        let (i, j) = if ax.id <= ay.id { (i, j) } else { (j, i) };
        let (Some((a, fa, sa)), Some((b, fb, sb))) = (&docs[i], &docs[j]) else { continue };
        let Some(passages) = passages_seeded(config, (fa, sa), (fb, sb)) else { continue };
        // Cues matter to direction only where they name the other article's outlet: an
        // article's cues are computed only when its text holds a spelling of that name.
        for (k, other) in [(i, j), (j, i)] {
            if cues[k].is_some() {
                continue;
            }
            let (Some((article, ..)), Some((partner, ..))) = (&docs[k], &docs[other]) else { continue };
            let Some(outlet) = partner.outlet.as_deref() else { continue };
            let spellings = spellings[other].get_or_insert_with(|| outlet_spellings(outlet));
            if may_credit(&article.text, spellings) {
                cues[k] = Some(attribution_cues(article));
            }
        }
        let (cues_a, cues_b) =
            (cues[i].as_deref().unwrap_or_default(), cues[j].as_deref().unwrap_or_default());
        links.push(ReuseLink {
            a: a.id.clone(),
            b: b.id.clone(),
            direction: direction(a, b, &passages, cues_a, cues_b),
            passages,
        });
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "Dockworkers in Port Estrel walked off the job on Monday, halting grain exports for the second time this month, after the port authority again failed to pay three weeks of overdue wages to more than two thousand crane operators and stevedores.";
    const OTHER: &str = "The Orla ferry ran aground off Cape Midden on Sunday night; all ninety passengers were taken off by lifeboat before dawn, the coastguard said.";

    #[test]
    fn pairs_come_only_from_shared_keys_held_by_few_articles() {
        let keys = [
            vec![(1u32, 0u32), (5, 10), (9, 20), (0xffff_fff0, 30)],
            vec![(5, 110), (9, 0), (0xffff_fff0, 130)],
            vec![(9, 5), (42, 6)],
            vec![(42, 7), (7, 8)],
        ];
        let config = ReuseConfig { max_posting: 2, ..ReuseConfig::default() };
        let layout = Layout::new(4);
        let postings = postings_of(&keys);
        assert_eq!(postings.iter().flatten().map(Vec::len).sum::<usize>(), 11);
        let (pairs, shared) = shared_pairs(postings, 4, 0, layout, &config);
        // Key 9 is in three articles, above max_posting: dropped as boilerplate.
        assert_eq!(shared, 6);
        let cands = candidates(pairs, layout, &config);
        // 0 and 1 share keys 5 and 0xffff_fff0 on one diagonal; 2 and 3 share only key 42.
        assert_eq!(cands, [(0, 1, 2)]);
        let (pairs, _) = shared_pairs(postings_of(&keys), 4, 2, layout, &config);
        assert!(candidates(pairs, layout, &config).is_empty(), "pairs below first_new are skipped");
    }

    #[test]
    fn shared_keys_off_one_diagonal_make_no_candidate() {
        // Article 1 has keys 5 and 6 in the other order and far apart: a chance overlap.
        let keys = [vec![(5u32, 10u32), (6, 20), (8, 300)], vec![(5, 400), (6, 15), (8, 100)]];
        let config = ReuseConfig::default();
        let layout = Layout::new(2);
        let (pairs, _) = shared_pairs(postings_of(&keys), 2, 0, layout, &config);
        assert!(candidates(pairs, layout, &config).is_empty());
        // Shifted by a few words (a sentence dropped between them), they still line up.
        let keys = [vec![(5u32, 10u32), (6, 200)], vec![(5, 40), (6, 205)]];
        let (pairs, _) = shared_pairs(postings_of(&keys), 2, 0, layout, &config);
        assert_eq!(candidates(pairs, layout, &config), [(0, 1, 2)]);
    }

    #[test]
    fn positions_that_do_not_fit_line_up_with_anything() {
        let layout = Layout { doc_bits: 30, pos_bits: 10, diag_bits: 4 };
        let far = layout.pair(1, 2, Some(3), Some(900), true);
        assert_eq!(layout.pair_key(far), (0, true));
        assert_eq!((layout.pair_x(far), layout.pair_y(far)), (1, 2));
        let layout = Layout::new(1000);
        let p = layout.posting(0xab12_3456, 999, 1 << 30);
        assert_eq!((layout.posting_doc(p), layout.posting_pos(p)), (999, None));
        // The unknown offset lines up with either known one, not both.
        assert_eq!(aligned_weight(&[(0, false), (5, false), (500, false)]), 4);
    }

    #[test]
    fn keys_above_the_sample_size_are_kept_in_proportion() {
        assert!((0..1000).all(|key| sampled(key, 200, 200)));
        // 200 / 400 of keys held by 400 articles, 200 / 1000 of those held by 1000.
        let kept =
            |held| (0..100_000u32).filter(|&k| sampled(k.wrapping_mul(0x0101_0101), held, 200)).count();
        let (half, fifth) = (kept(400), kept(1000));
        assert!((48_000..52_000).contains(&half), "{half}");
        assert!((18_500..21_500).contains(&fifth), "{fifth}");
    }

    /// A story of `words` made-up words, the same for every seed of one `story` number.
    fn made_up_story(story: u64, words: usize) -> String {
        const SYLLABLES: [&str; 16] = [
            "ka", "lo", "mi", "ten", "ru", "vas", "po", "ne", "dri", "sol", "ba", "que", "fen", "or", "tal",
            "wi",
        ];
        let mut state = story.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut text = String::new();
        for i in 0..words {
            let r = next();
            let word: String =
                (0..2 + r % 3).map(|s| SYLLABLES[((r >> (8 * s + 4)) & 15) as usize]).collect();
            text.push_str(&word);
            text.push(if i % 17 == 16 { '.' } else { ' ' });
            if i % 17 == 16 {
                text.push(' ');
            }
        }
        text
    }

    #[test]
    fn a_story_carried_by_more_outlets_than_the_sample_size_keeps_every_link() {
        // Thirty outlets carry one story, each under a lead of its own: every key of the story
        // is held by 30 articles, above a sample size of 6, so about a fifth of them give pairs.
        let story = made_up_story(7, 400);
        let articles: Vec<Article> = (0..30)
            .map(|i| {
                Article::new(format!("outlet-{i:02}"), format!("{}\n\n{story}", made_up_story(100 + i, 30)))
            })
            .collect();
        let config = ReuseConfig { sample_above: 6, ..ReuseConfig::default() };
        let (links, report) = find_reuse_batch(articles.as_slice(), 0, &config);
        assert_eq!(report.links, 30 * 29 / 2, "{report:?}");
        assert!(links.iter().all(|l| l.passages.iter().map(|p| p.a_end - p.a_start).sum::<usize>() > 1000));
        // Every pair is still found, from far fewer shared keys.
        let (_, full) = find_reuse_batch(articles.as_slice(), 0, &ReuseConfig::default());
        assert!(report.shared_postings * 3 < full.shared_postings, "{report:?} {full:?}");
    }

    #[test]
    fn keys_many_articles_hold_count_half() {
        // Keys 1 and 2 are held by ten articles each, on one diagonal: a stock phrase.
        let mut keys: Vec<Vec<(u32, u32)>> = (0..10).map(|d| vec![(1, 10 + d), (2, 14 + d)]).collect();
        let config = ReuseConfig::default();
        let layout = Layout::new(10);
        let (pairs, _) = shared_pairs(postings_of(&keys), 10, 0, layout, &config);
        assert!(candidates(pairs, layout, &config).is_empty());
        // A rare key beside a common one still makes a candidate: a short edited copy.
        keys[3].push((7, 40));
        keys[8].push((7, 45));
        keys.iter_mut().for_each(|k| k.sort_unstable());
        let (pairs, _) = shared_pairs(postings_of(&keys), 10, 0, layout, &config);
        assert_eq!(candidates(pairs, layout, &config), [(3, 8, 3)]);
    }

    fn postings_of(keys: &[Vec<(u32, u32)>]) -> Vec<Vec<Vec<u64>>> {
        postings(keys.len() as u32, Layout::new(keys.len() as u32), |d, out| {
            out.extend_from_slice(&keys[d as usize])
        })
    }

    #[test]
    fn groups_are_capped_and_cover_every_pair() {
        let chain: Vec<(u32, u32, u32)> = (0..300).map(|x| (x, x + 1, 2)).collect();
        let groups = groups(301, &chain);
        assert!(groups.iter().all(|g| g.docs.len() <= MAX_GROUP as usize));
        let mut pairs: Vec<(u32, u32)> = groups.iter().flat_map(|g| g.pairs.clone()).collect();
        pairs.sort_unstable();
        assert_eq!(pairs, chain.iter().map(|&(x, y, _)| (x, y)).collect::<Vec<_>>());
        assert!(groups.iter().all(|g| g.pairs.iter().all(|(x, y)| g.docs.contains(x) && g.docs.contains(y))));
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

    #[test]
    fn cues_skipped_where_no_outlet_is_named_leave_directions_as_full_cues_give_them() {
        let with = |id: &str, outlet: &str, text: String| {
            let mut a = Article::new(id, text);
            a.outlet = Some(outlet.into());
            a
        };
        let articles = vec![
            with("wire", "The Associated Press", WIRE.to_string()),
            with("copy-ap", "Harbour Ledger", format!("{WIRE} (AP)\n\nThe Ledger could not confirm it.")),
            with("copy-told", "Quay Times", format!("Pilots told the Associated Press: {WIRE}")),
            with("copy-other", "Quay Daily", format!("{WIRE} -BNC")),
            with(
                "copy-accented",
                "Mole Gazette",
                format!("{WIRE} — according to The Associated\u{00A0}Press"),
            ),
        ];
        let (links, _) = find_reuse_batch(articles.as_slice(), 0, &ReuseConfig::default());
        assert_eq!(links.len(), 10);
        let by_id = |id: &str| articles.iter().find(|a| a.id == id).expect("article");
        for link in &links {
            let (a, b) = (by_id(&link.a), by_id(&link.b));
            let expected = direction(a, b, &link.passages, &attribution_cues(a), &attribution_cues(b));
            assert_eq!(link.direction, expected, "{} {}", link.a, link.b);
        }
        // The credits are read: each copy naming the wire is its copy.
        let wire_link = |other: &str| links.iter().find(|l| l.b == "wire" && l.a == other).expect("link");
        assert_eq!(wire_link("copy-ap").direction, wiretrace_core::Direction::BToA);
        assert_eq!(wire_link("copy-told").direction, wiretrace_core::Direction::BToA);
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
        // Read once, to index it; with no keys it has no partners to be read again for.
        assert_eq!(report.unreadable, 1, "{report:?}");
    }
}
