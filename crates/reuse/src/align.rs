//! Local alignment of two word sequences into shared passages.
//!
//! Shared shingles seed exact matches, each extended as far as the words agree (a maximal
//! exact match). Matches that follow each other in both texts with small gaps (a changed word,
//! "The appeal" / "This appeal", a "[to]" inserted into a quote) are chained into one passage.
//! Reordered paragraphs give separate chains, hence separate passages. Passages too short to
//! be evidence of copying (a shared stock phrase) are dropped.

use std::ops::Range;

use crate::fingerprint::Fingerprint;

/// Alignment settings (see [`crate::ReuseConfig`] for what each means).
#[derive(Clone, Copy, Debug)]
pub(crate) struct AlignParams {
    pub k: usize,
    pub max_gap: usize,
    pub max_insert: usize,
    pub min_passage_tokens: usize,
}

/// A passage in word positions, with the number of words that match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TokenPassage {
    pub a: Range<usize>,
    pub b: Range<usize>,
    pub matched: usize,
}

impl TokenPassage {
    /// Dice coefficient of matched words: 1.0 for a verbatim copy.
    pub fn similarity(&self) -> f32 {
        let total = self.a.len() + self.b.len();
        if total == 0 {
            return 0.0;
        }
        ((2 * self.matched) as f32 / total as f32).min(1.0)
    }
}

/// A maximal exact match: `len` equal words from `a` in the first text and `b` in the second.
#[derive(Clone, Copy, Debug)]
struct Exact {
    a: usize,
    b: usize,
    len: usize,
}

impl Exact {
    fn a_end(&self) -> usize {
        self.a + self.len
    }
    fn b_end(&self) -> usize {
        self.b + self.len
    }
}

/// Bounds the quadratic chaining step on pathological inputs (long texts repeating a phrase).
const MAX_EXACT: usize = 3000;
/// A shingle repeated more often than this within one text is a refrain, not a seed.
const MAX_SEED_REPEATS: usize = 16;

/// The seeds of one text: `(position, hash)` of every `k`-word shingle holding a content
/// word, in position order, and a hash table from shingle hash to those positions (chained,
/// each chain in position order): built in one pass, where sorting the seeds cost more than
/// aligning. Computed once per article when it is aligned with several others.
#[derive(Default)]
pub(crate) struct Seeds {
    k: usize,
    by_position: Vec<(usize, u64)>,
    /// Per slot, 1 + the index in `by_position` of the first seed of its chain (0: empty).
    heads: Vec<u32>,
    /// Per seed, 1 + the index of the next seed in its chain (0: last).
    next: Vec<u32>,
}

impl Seeds {
    pub fn new(fp: &Fingerprint, k: usize) -> Self {
        let mut seeds = Seeds::default();
        seeds.refill(fp, k);
        seeds
    }

    /// [`Seeds::new`] into these seeds' buffers (see [`Fingerprint::refill`]).
    pub fn refill(&mut self, fp: &Fingerprint, k: usize) {
        self.k = k;
        fp.shingles_into(k, 1, &mut self.by_position);
        self.by_position.truncate(u32::MAX as usize - 1);
        let slots = (2 * self.by_position.len()).next_power_of_two().max(16);
        let (heads, next) = (&mut self.heads, &mut self.next);
        heads.clear();
        heads.resize(slots, 0);
        next.clear();
        next.resize(self.by_position.len(), 0);
        // Inserted last to first, so that each chain runs in position order.
        for (at, &(_, h)) in self.by_position.iter().enumerate().rev() {
            let slot = Self::slot(h, slots);
            next[at] = heads[slot];
            heads[slot] = at as u32 + 1;
        }
    }

    fn slot(h: u64, slots: usize) -> usize {
        (h >> 40) as usize & (slots - 1)
    }

    /// Positions of the seeds hashed `h`, in order (the caller checks their words).
    fn matches(&self, h: u64) -> impl Iterator<Item = usize> + '_ {
        let mut at = self.heads[Self::slot(h, self.heads.len())];
        std::iter::from_fn(move || {
            while at != 0 {
                let (j, hj) = self.by_position[at as usize - 1];
                at = self.next[at as usize - 1];
                if hj == h {
                    return Some(j);
                }
            }
            None
        })
    }
}

/// The passages `a` and `b` share, non-overlapping on both sides, sorted by position in `a`.
pub(crate) fn align(a: &Fingerprint, b: &Fingerprint, params: &AlignParams) -> Vec<TokenPassage> {
    align_seeded((a, &Seeds::new(a, params.k)), (b, &Seeds::new(b, params.k)), params)
}

/// [`align`] with the seeds of both texts already computed (`params.k`-word shingles).
pub(crate) fn align_seeded(
    (a, seeds_a): (&Fingerprint, &Seeds),
    (b, seeds_b): (&Fingerprint, &Seeds),
    params: &AlignParams,
) -> Vec<TokenPassage> {
    let exact = exact_matches(a, seeds_a, b, seeds_b);
    let chains = chain(&exact, params.max_gap, params.max_insert);
    let mut passages: Vec<TokenPassage> = chains
        .into_iter()
        .map(|c| to_passage(a, b, &c, params.max_gap))
        .filter(|p| {
            // Mostly matched: a chain bridging long insertions with little in common is not a
            // copy.
            p.matched >= params.min_passage_tokens
                && content_words(a, &p.a) * 2 >= params.min_passage_tokens
                && p.matched * 2 >= p.a.len().max(p.b.len())
        })
        .collect();
    // Keep the strongest passages when two claim the same words (text repeated in one article).
    passages.sort_by(|x, y| y.matched.cmp(&x.matched).then(x.a.start.cmp(&y.a.start)));
    let mut kept: Vec<TokenPassage> = Vec::new();
    for p in passages {
        let clashes = kept.iter().any(|q| overlaps(&p.a, &q.a) || overlaps(&p.b, &q.b));
        if !clashes {
            kept.push(p);
        }
    }
    kept.sort_by_key(|p| (p.a.start, p.b.start));
    kept
}

fn overlaps(x: &Range<usize>, y: &Range<usize>) -> bool {
    x.start < y.end && y.start < x.end
}

fn content_words(fp: &Fingerprint, r: &Range<usize>) -> usize {
    fp.content[r.clone()].iter().filter(|&&c| c).count()
}

fn exact_matches(a: &Fingerprint, seeds_a: &Seeds, b: &Fingerprint, seeds_b: &Seeds) -> Vec<Exact> {
    let mut covered: Vec<usize> = vec![0; a.len() + b.len() + 1];
    let mut out = Vec::new();
    let k = seeds_a.k;
    for &(i, h) in &seeds_a.by_position {
        let mut taken = 0;
        for j in seeds_b.matches(h) {
            if taken == MAX_SEED_REPEATS {
                break;
            }
            let diag = j + a.len() - i;
            // Inside a match already found (most seeds of a copied passage): no need to
            // compare its words.
            if i < covered[diag] {
                taken += 1;
                continue;
            }
            if (0..k).any(|t| a.hashes[i + t] != b.hashes[j + t]) {
                continue;
            }
            taken += 1;
            let (mut s_a, mut s_b) = (i, j);
            while s_a > 0 && s_b > 0 && a.hashes[s_a - 1] == b.hashes[s_b - 1] {
                s_a -= 1;
                s_b -= 1;
            }
            let (mut e_a, mut e_b) = (i, j);
            while e_a < a.len() && e_b < b.len() && a.hashes[e_a] == b.hashes[e_b] {
                e_a += 1;
                e_b += 1;
            }
            covered[diag] = e_a;
            out.push(Exact { a: s_a, b: s_b, len: e_a - s_a });
        }
    }
    if out.len() > MAX_EXACT {
        out.sort_by(|x, y| y.len.cmp(&x.len).then(x.a.cmp(&y.a)).then(x.b.cmp(&y.b)));
        out.truncate(MAX_EXACT);
    }
    out.sort_by_key(|e| (e.a, e.b));
    out
}

/// Chains exact matches that follow each other in both texts with at most `max_gap` words
/// between them on one side and `max_insert` on the other; returns the chains, best first, each
/// match used once.
fn chain(exact: &[Exact], max_gap: usize, max_insert: usize) -> Vec<Vec<Exact>> {
    let n = exact.len();
    let mut score = vec![0f64; n];
    let mut pred: Vec<Option<usize>> = vec![None; n];
    for m in 0..n {
        let cur = exact[m];
        score[m] = cur.len as f64;
        for p in 0..m {
            let prev = exact[p];
            if prev.a_end() > cur.a || prev.b_end() > cur.b {
                continue;
            }
            let (gap_a, gap_b) = (cur.a - prev.a_end(), cur.b - prev.b_end());
            if gap_a.min(gap_b) > max_gap || gap_a.max(gap_b) > max_insert {
                continue;
            }
            // A small cost per skipped word prefers the tighter of two possible chains.
            let s = score[p] + cur.len as f64 - 0.25 * (gap_a + gap_b) as f64;
            if s > score[m] {
                score[m] = s;
                pred[m] = Some(p);
            }
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&x, &y| score[y].total_cmp(&score[x]).then(x.cmp(&y)));
    let mut used = vec![false; n];
    let mut chains = Vec::new();
    for end in order {
        let mut links = Vec::new();
        let mut at = Some(end);
        while let Some(m) = at {
            if used[m] {
                break;
            }
            used[m] = true;
            links.push(exact[m]);
            at = pred[m];
        }
        if !links.is_empty() {
            links.reverse();
            chains.push(links);
        }
    }
    chains
}

fn to_passage(a: &Fingerprint, b: &Fingerprint, links: &[Exact], max_gap: usize) -> TokenPassage {
    let mut first = links[0];
    let mut last = links[links.len() - 1];
    let mut matched: usize = links.iter().map(|e| e.len).sum();
    // Function words hanging across punctuation at a passage's ends ("the hill,” the") match by
    // chance; cut them. Every exact match holds a content word (seeds do), so the edge matches
    // keep at least one word.
    let lead = dangling(a, first.a..first.a_end(), false);
    let trail = dangling(a, last.a..last.a_end(), true);
    if links.len() == 1 {
        first.a += lead;
        first.b += lead;
        first.len -= lead + trail;
        last = first;
    } else {
        first.a += lead;
        first.b += lead;
        first.len -= lead;
        last.len -= trail;
    }
    matched -= lead + trail;
    // Words that still agree inside a small gap ("as", "came") count as matched; in a long
    // one they would mostly be function words agreeing by chance.
    for w in links.windows(2) {
        if w[1].a - w[0].a_end() > max_gap || w[1].b - w[0].b_end() > max_gap {
            continue;
        }
        matched += common_subsequence(&a.hashes[w[0].a_end()..w[1].a], &b.hashes[w[0].b_end()..w[1].b]);
    }
    TokenPassage { a: first.a..last.a_end(), b: first.b..last.b_end(), matched }
}

/// How many function words at the start (or, with `from_end`, the end) of `range` are cut off
/// from its first (last) content word by punctuation.
fn dangling(fp: &Fingerprint, range: Range<usize>, from_end: bool) -> usize {
    let Some(content_at) = (if from_end {
        range.clone().rev().find(|&i| fp.content[i])
    } else {
        range.clone().find(|&i| fp.content[i])
    }) else {
        return 0;
    };
    if from_end {
        // The first break after the last content word starts the dangling run.
        (content_at + 1..range.end).find(|&i| fp.broken[i]).map_or(0, |i| range.end - i)
    } else {
        // The last break up to the first content word ends it.
        (range.start + 1..=content_at).rev().find(|&i| fp.broken[i]).map_or(0, |i| i - range.start)
    }
}

/// Length of the longest common subsequence; gaps are at most `max_gap` long, so this is cheap.
fn common_subsequence(x: &[u64], y: &[u64]) -> usize {
    if x.is_empty() || y.is_empty() {
        return 0;
    }
    // Gaps are short: rows on the stack, not two allocations per gap.
    let (mut prev_row, mut cur_row) = ([0usize; 33], [0usize; 33]);
    let (mut prev_heap, mut cur_heap);
    let (mut prev, mut cur): (&mut [usize], &mut [usize]) = if y.len() < 33 {
        (&mut prev_row[..=y.len()], &mut cur_row[..=y.len()])
    } else {
        prev_heap = vec![0usize; y.len() + 1];
        cur_heap = vec![0usize; y.len() + 1];
        (&mut prev_heap, &mut cur_heap)
    };
    for &xi in x {
        for (j, &yj) in y.iter().enumerate() {
            cur[j + 1] = if xi == yj { prev[j] + 1 } else { cur[j].max(prev[j + 1]) };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[y.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARAMS: AlignParams = AlignParams { k: 5, max_gap: 8, max_insert: 30, min_passage_tokens: 12 };

    fn run(a: &str, b: &str) -> Vec<TokenPassage> {
        align(&Fingerprint::new(a), &Fingerprint::new(b), &PARAMS)
    }

    #[test]
    fn changed_word_stays_one_passage() {
        let a = "The appeal came as harbour pilots in Port Estrel refused to guide grain ships past the breakwater for a third night.";
        let b = "This appeal came as harbour pilots in Port Estrel declined to guide grain ships past the breakwater for a third night.";
        let p = run(a, b);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].a, 1..21);
        assert!(p[0].similarity() > 0.85 && p[0].similarity() < 1.0);
    }

    #[test]
    fn inserted_sentence_stays_inside_one_passage() {
        let a = "\"We will hold the pier until the last crane is paid for,\" the steward said. \"Nobody here is going home before Friday.\"";
        let b = "\"We will hold the pier until the last crane is paid for,\" the steward said, standing by the gate in the rain as a police launch circled the harbour. \"Nobody here is going home before Friday.\"";
        let p = run(a, b);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].a.len(), 22);
        assert_eq!(p[0].b.len(), 36);
        assert_eq!(p[0].matched, 22);
    }

    #[test]
    fn short_shared_phrase_is_not_a_passage() {
        let a = "Harbour officials said on Tuesday that the grain ships would wait outside the port.";
        let b = "Mining officials said on Tuesday that wages in the Sable Ridge pits were overdue.";
        assert!(run(a, b).is_empty());
    }

    #[test]
    fn function_words_dangling_past_punctuation_are_cut() {
        let quote = "\"The pilots will not guide a single grain ship past the breakwater until every crane operator is paid in full,\" the";
        let a = format!("{quote} union steward told the crowd.");
        let b = format!("Later, {quote} steward added.");
        let p = run(&a, &b);
        assert_eq!(p.len(), 1, "{p:?}");
        let fa = Fingerprint::new(&a);
        assert_eq!(&a[fa.spans[p[0].a.start].0..fa.spans[p[0].a.end - 1].1], &quote[1..quote.len() - 6]);
        assert_eq!(p[0].matched, 20);
    }

    #[test]
    fn refilled_seeds_align_as_fresh_ones() {
        let a = "The appeal came as harbour pilots in Port Estrel refused to guide grain ships past the breakwater for a third night.";
        let b = "This appeal came as harbour pilots in Port Estrel declined to guide grain ships past the breakwater for a third night.";
        let other = "Mining officials met wage auditors in Sable Ridge on a wet Tuesday, and nobody there said a word about the ferry.";
        let (fa, fb) = (Fingerprint::new(a), Fingerprint::new(b));
        let mut seeds = Seeds::new(&Fingerprint::new(other), PARAMS.k);
        seeds.refill(&fb, PARAMS.k);
        let reused = align_seeded((&fa, &Seeds::new(&fa, PARAMS.k)), (&fb, &seeds), &PARAMS);
        assert_eq!(reused, run(a, b));
        assert_eq!(reused.len(), 1);
    }

    #[test]
    fn lcs_counts_words_agreeing_inside_gaps() {
        assert_eq!(common_subsequence(&[1, 2, 3, 4], &[1, 9, 3, 4]), 3);
        assert_eq!(common_subsequence(&[], &[1]), 0);
    }
}
