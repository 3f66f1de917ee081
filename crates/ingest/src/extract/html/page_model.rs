//! The page-type model: gradient-boosted decision trees (logistic loss, Newton leaves) over the
//! features of [`super::page_features`], scoring how likely a page is an article, and for a page
//! that is not, which kind it is (listing, forum, product, other). Trained by
//! `wiretrace train page-type DIR` from labelled pages and committed as `page_type_model.json`,
//! which the crate embeds; small (a few hundred trees of depth 3).
//!
//! Trees are grown on a few quantile thresholds per feature rather than on every distinct value:
//! with some 1,500 labelled pages, finer splits learn single pages.

use once_cell::sync::Lazy;
use serde::{Deserialize, Serialize};

/// A trained model: whether the page is an article, and if not, which kind of page it is
/// (one ensemble per kind, one against the rest, trained on the pages that are not articles).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PageTypeModel {
    /// Feature names in vector order (must equal [`super::page_features::names`]).
    pub features: Vec<String>,
    pub article: Ensemble,
    /// `listing`, `forum`, `product`, `other`, each scoring pages that are not articles.
    pub kinds: Vec<(String, Ensemble)>,
}

/// A sum of trees' leaf values plus `base`, read as log-odds.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Ensemble {
    pub base: f32,
    pub trees: Vec<Vec<Node>>,
}

/// A tree node: a split (`[feature, threshold, left, right]`: go to `left` when
/// `x[feature] <= threshold`) or a leaf's value.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Node {
    Split(u16, f32, u16, u16),
    Leaf(f32),
}

/// How the trees are grown.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub trees: usize,
    /// Trees of each kind's ensemble (fewer pages, an easier call).
    pub kind_trees: usize,
    pub depth: usize,
    pub learning_rate: f32,
    /// L2 penalty on leaf values (in hessian units).
    pub lambda: f64,
    /// Least hessian (about samples × 0.25 near p = 0.5) on each side of a split.
    pub min_child_weight: f64,
    /// Candidate thresholds per feature.
    pub bins: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            trees: 150,
            kind_trees: 50,
            depth: 3,
            learning_rate: 0.1,
            lambda: 1.0,
            min_child_weight: 2.0,
            bins: 24,
        }
    }
}

/// The page kind a labelled type trains: WCXB's `collection` (a shop's category page) is a
/// listing; `documentation` and `service` pages are `other`.
pub fn kind_of(labelled: &str) -> &'static str {
    match labelled {
        "article" => "article",
        "listing" | "collection" => "listing",
        "forum" => "forum",
        "product" => "product",
        _ => "other",
    }
}

impl PageTypeModel {
    /// Trains on `xs` (feature vectors named `features`) labelled with their kinds
    /// ([`kind_of`]).
    pub fn train(
        features: Vec<String>,
        xs: &[Vec<f32>],
        kinds: &[&str],
        options: &TrainOptions,
    ) -> PageTypeModel {
        let is_article: Vec<bool> = kinds.iter().map(|k| *k == "article").collect();
        let article = Ensemble::train(xs, &is_article, options.trees, options);
        let (rest_xs, rest_kinds): (Vec<Vec<f32>>, Vec<&str>) =
            xs.iter().zip(kinds).filter(|(_, k)| **k != "article").map(|(x, k)| (x.clone(), *k)).unzip();
        let kinds = ["listing", "forum", "product", "other"]
            .iter()
            .map(|kind| {
                let ys: Vec<bool> = rest_kinds.iter().map(|k| k == kind).collect();
                (kind.to_string(), Ensemble::train(&rest_xs, &ys, options.kind_trees, options))
            })
            .collect();
        PageTypeModel { features, article, kinds }
    }

    /// The page's kind: `article`, else what the page declares where the declaration is
    /// unambiguous among pages that are not articles (a JSON-LD `Product`: 60 of 73 such pages
    /// on WCXB dev are product pages, most others a shop's services or collections; a
    /// `CollectionPage`, `ItemList` or `SearchResultsPage`: 21 of 24 are listings), else the kind
    /// scoring highest. (A forum declaration is not unambiguous: `DiscussionForumPosting` sits
    /// on shop and service pages with reviews too, 42 forums in 76.)
    pub fn kind(&self, x: &[f32]) -> &str {
        if self.article.score(x) > 0.0 {
            return "article";
        }
        let declared = |name: &str| self.features.iter().position(|f| f == name).is_some_and(|i| x[i] > 0.0);
        if declared("ld_product") {
            return "product";
        }
        if declared("ld_listing") {
            return "listing";
        }
        self.kinds
            .iter()
            .map(|(k, e)| (k.as_str(), e.score(x)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map_or("other", |(k, _)| k)
    }
}

impl Ensemble {
    /// Log-odds of the class.
    pub fn score(&self, x: &[f32]) -> f32 {
        let mut sum = self.base;
        for tree in &self.trees {
            let mut at = 0usize;
            loop {
                match tree[at] {
                    Node::Split(f, t, l, r) => at = if x[f as usize] <= t { l as usize } else { r as usize },
                    Node::Leaf(v) => {
                        sum += v;
                        break;
                    }
                }
            }
        }
        sum
    }

    fn train(xs: &[Vec<f32>], ys: &[bool], trees: usize, options: &TrainOptions) -> Ensemble {
        let n = xs.len();
        let positives = ys.iter().filter(|y| **y).count() as f64;
        let prior = ((positives + 1.0) / (n as f64 - positives + 1.0)).ln();
        let thresholds = thresholds(xs, xs.first().map_or(0, Vec::len), options.bins);
        let mut scores = vec![prior; n];
        let mut ensemble = Ensemble { base: prior as f32, trees: Vec::with_capacity(trees) };
        for _ in 0..trees {
            let (grad, hess): (Vec<f64>, Vec<f64>) = scores
                .iter()
                .zip(ys)
                .map(|(s, y)| {
                    let p = 1.0 / (1.0 + (-s).exp());
                    (p - if *y { 1.0 } else { 0.0 }, (p * (1.0 - p)).max(1e-6))
                })
                .unzip();
            let rows: Vec<usize> = (0..n).collect();
            let mut tree = Vec::new();
            grow(&mut tree, xs, &grad, &hess, &rows, &thresholds, options, 0);
            let one = Ensemble { base: 0.0, trees: vec![tree] };
            for (s, x) in scores.iter_mut().zip(xs) {
                *s += one.score(x) as f64;
            }
            ensemble.trees.extend(one.trees);
        }
        ensemble
    }
}

/// Up to `bins` thresholds per feature: midpoints between distinct values at its quantiles.
fn thresholds(xs: &[Vec<f32>], features: usize, bins: usize) -> Vec<Vec<f32>> {
    (0..features)
        .map(|f| {
            let mut values: Vec<f32> = xs.iter().map(|x| x[f]).collect();
            values.sort_by(f32::total_cmp);
            values.dedup();
            if values.len() <= 1 {
                return Vec::new();
            }
            let cuts: Vec<f32> = values.windows(2).map(|w| w[0] + (w[1] - w[0]) / 2.0).collect();
            if cuts.len() <= bins {
                return cuts;
            }
            // Quantiles of the samples, not of the distinct values: thresholds sit where pages are.
            let mut all: Vec<f32> = xs.iter().map(|x| x[f]).collect();
            all.sort_by(f32::total_cmp);
            let mut picked: Vec<f32> = (1..bins)
                .filter_map(|i| {
                    let v = all[i * all.len() / bins];
                    cuts.iter().copied().find(|c| *c >= v)
                })
                .collect();
            picked.dedup();
            picked
        })
        .collect()
}

/// Grows the subtree for `rows` into `tree`, returns its root's index.
#[allow(clippy::too_many_arguments)]
fn grow(
    tree: &mut Vec<Node>,
    xs: &[Vec<f32>],
    grad: &[f64],
    hess: &[f64],
    rows: &[usize],
    thresholds: &[Vec<f32>],
    options: &TrainOptions,
    depth: usize,
) -> usize {
    let g: f64 = rows.iter().map(|&i| grad[i]).sum();
    let h: f64 = rows.iter().map(|&i| hess[i]).sum();
    let at = tree.len();
    let leaf = Node::Leaf((-g / (h + options.lambda) * options.learning_rate as f64) as f32);
    tree.push(leaf);
    if depth >= options.depth {
        return at;
    }
    let parent_gain = g * g / (h + options.lambda);
    let mut best: Option<(f64, usize, f32)> = None;
    for (f, cuts) in thresholds.iter().enumerate() {
        if cuts.is_empty() {
            continue;
        }
        // Gradient and hessian sums per bin (values above the last cut land in the last bin).
        let mut bin_g = vec![0.0; cuts.len() + 1];
        let mut bin_h = vec![0.0; cuts.len() + 1];
        for &i in rows {
            let b = cuts.partition_point(|c| *c < xs[i][f]);
            bin_g[b] += grad[i];
            bin_h[b] += hess[i];
        }
        let (mut gl, mut hl) = (0.0, 0.0);
        for (b, cut) in cuts.iter().enumerate() {
            gl += bin_g[b];
            hl += bin_h[b];
            let (gr, hr) = (g - gl, h - hl);
            if hl < options.min_child_weight || hr < options.min_child_weight {
                continue;
            }
            let gain = gl * gl / (hl + options.lambda) + gr * gr / (hr + options.lambda) - parent_gain;
            if gain > 1e-9 && best.is_none_or(|(bg, _, _)| gain > bg) {
                best = Some((gain, f, *cut));
            }
        }
    }
    let Some((_, f, t)) = best else { return at };
    let (left, right): (Vec<usize>, Vec<usize>) = rows.iter().partition(|&&i| xs[i][f] <= t);
    let l = grow(tree, xs, grad, hess, &left, thresholds, options, depth + 1);
    let r = grow(tree, xs, grad, hess, &right, thresholds, options, depth + 1);
    tree[at] = Node::Split(f as u16, t, l as u16, r as u16);
    at
}

/// The committed model. One trained on other features than the code computes (features were
/// changed since) is set aside with a warning, so that the extractor still runs to retrain it;
/// a test keeps such a model from being committed.
pub static MODEL: Lazy<PageTypeModel> = Lazy::new(|| {
    let model: PageTypeModel = serde_json::from_str(include_str!("page_type_model.json"))
        .expect("the embedded page-type model parses");
    if model.features != super::page_features::names() {
        eprintln!("warning: the page-type model was trained on other features: retrain it (wiretrace train page-type)");
        return PageTypeModel { features: Vec::new(), article: Ensemble::default(), kinds: Vec::new() };
    }
    model
});
