//! Stories and events: which articles tell the same story, and the developments within it.
//!
//! [`cluster`] groups articles by a blend of text similarity (TF-IDF cosine over content
//! words), shared named entities, copied passages and closeness in time; [`events`] splits a
//! story into its developments with a stricter threshold; [`assemble`] builds the
//! `wiretrace_core::Story` a report shows from the other stages' output (origins, quotes,
//! entities), which the pipeline hands in: this crate never calls another stage.
//!
//! ```
//! use wiretrace_core::Article;
//! use wiretrace_stories::{cluster, ClusterSignals, Thresholds};
//! let articles = vec![
//!     Article::new("a", "Floodwaters breached the Estrel dam overnight, forcing thousands from riverside homes in Port Estrel."),
//!     Article::new("b", "Thousands fled riverside homes in Port Estrel after floodwaters breached the Estrel dam."),
//!     Article::new("c", "The national football league postponed its championship final because of a stadium dispute."),
//! ];
//! let groups = cluster(&articles, &ClusterSignals::default(), Thresholds::default().story);
//! assert_eq!(groups, vec![vec![0, 1], vec![2]]);
//! ```

mod assemble;
mod similarity;

pub use assemble::{assemble, group_quotes, StoryParts};
pub use similarity::{ArticleFeatures, ClusterSignals, TimeScale};

use ahash::AHashMap;
use wiretrace_core::Article;

/// Similarity thresholds for joining a story and an event, tuned on the seeds, the demo corpus
/// and ECB+ dev topics.
#[derive(Clone, Copy, Debug)]
pub struct Thresholds {
    pub story: f32,
    pub event: f32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { story: 0.16, event: 0.2 }
    }
}

/// Groups articles (indices into `articles`) into stories: every article in exactly one group,
/// groups ordered by their first member, members ascending.
///
/// Average linkage over a sparse similarity graph: pairs are considered from the most similar
/// down, and two groups merge only when the mean similarity over *all* their cross pairs (a
/// missing pair counts 0) reaches `threshold`. That keeps one shared name from chaining two
/// different events together, which single linkage would do.
pub fn cluster(articles: &[Article], signals: &ClusterSignals, threshold: f32) -> Vec<Vec<usize>> {
    let features = ArticleFeatures::build(articles, signals);
    let members: Vec<usize> = (0..articles.len()).collect();
    agglomerate(&members, &features.edges(&members, threshold * 0.5, TimeScale::STORY), threshold)
}

/// Splits one story (indices into the same `articles` given to [`ArticleFeatures::build`])
/// into events: the same blend, but time counts in days rather than weeks, so the next day's
/// development is a new event even when its wording is close.
pub fn events(features: &ArticleFeatures, story: &[usize], threshold: f32) -> Vec<Vec<usize>> {
    agglomerate(story, &features.edges(story, threshold * 0.5, TimeScale::EVENT), threshold)
}

fn agglomerate(members: &[usize], edges: &[(usize, usize, f32)], threshold: f32) -> Vec<Vec<usize>> {
    let mut cluster_of: AHashMap<usize, usize> = members.iter().map(|&m| (m, m)).collect();
    let mut groups: AHashMap<usize, Vec<usize>> = members.iter().map(|&m| (m, vec![m])).collect();
    // Sum of similarities between two current groups, keyed by (smaller root, larger root).
    let mut between: AHashMap<(usize, usize), f32> = AHashMap::new();
    for &(a, b, s) in edges {
        *between.entry((a.min(b), a.max(b))).or_default() += s;
    }
    let mut order: Vec<(usize, usize, f32)> = edges.to_vec();
    order.sort_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    // Repeat until no merge happens: a merge can lift another pair's average over the bar.
    loop {
        let mut merged_any = false;
        for &(a, b, _) in &order {
            let (ra, rb) = (cluster_of[&a], cluster_of[&b]);
            if ra == rb {
                continue;
            }
            let key = (ra.min(rb), ra.max(rb));
            let sum = between.get(&key).copied().unwrap_or(0.0);
            let size = (groups[&ra].len() * groups[&rb].len()) as f32;
            if sum / size < threshold {
                continue;
            }
            // Merge the smaller group into the larger; re-key its cross sums.
            let (keep, gone) = if groups[&ra].len() >= groups[&rb].len() { (ra, rb) } else { (rb, ra) };
            let moved = groups.remove(&gone).unwrap_or_default();
            for &m in &moved {
                cluster_of.insert(m, keep);
            }
            if let Some(g) = groups.get_mut(&keep) {
                g.extend(moved);
            }
            let stale: Vec<((usize, usize), f32)> =
                between.iter().filter(|(k, _)| k.0 == gone || k.1 == gone).map(|(k, v)| (*k, *v)).collect();
            for (k, v) in stale {
                between.remove(&k);
                let other = if k.0 == gone { k.1 } else { k.0 };
                if other != keep {
                    *between.entry((keep.min(other), keep.max(other))).or_default() += v;
                }
            }
            merged_any = true;
        }
        if !merged_any {
            break;
        }
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().collect();
    for g in &mut out {
        g.sort_unstable();
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_linkage_does_not_chain() {
        // 0-1 and 1-2 are close, 0-2 unrelated: single linkage would chain all three; average
        // linkage keeps 2 out because its mean similarity to {0,1} is (0.5 + 0) / 2.
        let edges = [(0, 1, 0.9), (1, 2, 0.5)];
        assert_eq!(agglomerate(&[0, 1, 2], &edges, 0.4), vec![vec![0, 1], vec![2]]);
        assert_eq!(agglomerate(&[0, 1, 2], &edges, 0.2), vec![vec![0, 1, 2]]);
    }

    #[test]
    fn lone_articles_are_stories_of_one() {
        assert_eq!(agglomerate(&[4, 7], &[], 0.3), vec![vec![4], vec![7]]);
    }
}
