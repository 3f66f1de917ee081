//! Clustering scores: BCubed precision/recall/F1 (Bagga & Baldwin 1998, as event and story
//! clustering papers report it) and pairwise precision/recall/F1.

use std::collections::HashMap;
use std::hash::Hash;

use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClusterScores {
    pub bcubed_precision: f64,
    pub bcubed_recall: f64,
    pub bcubed_f1: f64,
    pub pairwise_precision: f64,
    pub pairwise_recall: f64,
    pub pairwise_f1: f64,
    pub clusters_predicted: usize,
    pub clusters_gold: usize,
}

/// Scores a clustering: `predicted[i]` and `gold[i]` are item i's cluster labels.
///
/// BCubed: for each item, precision is the share of its predicted cluster that shares its gold
/// label, recall the share of its gold cluster that shares its predicted cluster; both averaged
/// over items. Pairwise: over all unordered pairs of items, a pair is predicted together / gold
/// together. Sizes come from a contingency table, so the cost is linear in items.
pub fn score_clusters<P: Eq + Hash, G: Eq + Hash>(predicted: &[P], gold: &[G]) -> ClusterScores {
    assert_eq!(predicted.len(), gold.len(), "one predicted and one gold label per item");
    let n = predicted.len();
    let mut pred_size: HashMap<&P, usize> = HashMap::new();
    let mut gold_size: HashMap<&G, usize> = HashMap::new();
    let mut both: HashMap<(&P, &G), usize> = HashMap::new();
    for (p, g) in predicted.iter().zip(gold) {
        *pred_size.entry(p).or_default() += 1;
        *gold_size.entry(g).or_default() += 1;
        *both.entry((p, g)).or_default() += 1;
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for (p, g) in predicted.iter().zip(gold) {
        let overlap = both[&(p, g)] as f64;
        precision += overlap / pred_size[p] as f64;
        recall += overlap / gold_size[g] as f64;
    }
    let pairs = |k: usize| (k * k.saturating_sub(1) / 2) as f64;
    let together_both: f64 = both.values().map(|&k| pairs(k)).sum();
    let together_pred: f64 = pred_size.values().map(|&k| pairs(k)).sum();
    let together_gold: f64 = gold_size.values().map(|&k| pairs(k)).sum();
    let ratio = |a: f64, b: f64| if b == 0.0 { 1.0 } else { a / b };
    let f1 = |p: f64, r: f64| if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    let (bp, br) = if n == 0 { (1.0, 1.0) } else { (precision / n as f64, recall / n as f64) };
    let (pp, pr) = (ratio(together_both, together_pred), ratio(together_both, together_gold));
    ClusterScores {
        bcubed_precision: bp,
        bcubed_recall: br,
        bcubed_f1: f1(bp, br),
        pairwise_precision: pp,
        pairwise_recall: pr,
        pairwise_f1: f1(pp, pr),
        clusters_predicted: pred_size.len(),
        clusters_gold: gold_size.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_clustering_scores_one() {
        let s = score_clusters(&[7, 7, 9], &["x", "x", "y"]);
        assert_eq!((s.bcubed_f1, s.pairwise_f1), (1.0, 1.0));
        assert_eq!((s.clusters_predicted, s.clusters_gold), (2, 2));
    }

    #[test]
    fn one_big_cluster_has_full_recall_and_low_precision() {
        let s = score_clusters(&[0, 0, 0, 0], &["a", "a", "b", "c"]);
        assert_eq!(s.bcubed_recall, 1.0);
        // items of a: 2/4 each; b and c: 1/4 each -> (0.5+0.5+0.25+0.25)/4
        assert!((s.bcubed_precision - 0.375).abs() < 1e-12);
        assert!((s.pairwise_precision - 1.0 / 6.0).abs() < 1e-12);
    }

    #[test]
    fn singletons_have_full_precision() {
        let s = score_clusters(&[0, 1, 2], &["a", "a", "a"]);
        assert_eq!(s.bcubed_precision, 1.0);
        assert!((s.bcubed_recall - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(s.pairwise_recall, 0.0);
        assert_eq!(s.pairwise_f1, 0.0);
    }
}
