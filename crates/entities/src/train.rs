//! Training the tagger: a structured averaged perceptron (Collins 2002) over BILOU labels with
//! Viterbi decoding. Deterministic: sentences are visited in an order drawn from a fixed seed,
//! and the model kept is the epoch whose averaged weights score best on the dev set.
//!
//! The gazetteer seen in training is built without the document being read (k folds), so the
//! model learns how far a gazetteer hit can be trusted on names it has not seen, as at run time.

use ahash::AHashMap;

use crate::conll::{Document, EntitySpan, Score};
use crate::features::{document_features, Gazetteer, SentenceFeatures};
use crate::model::{labels_of, spans_of, viterbi, Model, Scorer, LABELS};

/// Knobs of a training run; the defaults are what the committed model was trained with.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub max_epochs: usize,
    /// Stop after this many epochs without a better dev F1.
    pub patience: usize,
    /// Folds for the training gazetteer.
    pub folds: usize,
    /// Features seen fewer times in training are dropped.
    pub min_count: u32,
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { max_epochs: 25, patience: 4, folds: 5, min_count: 2, seed: 0x5eed }
    }
}

/// What one epoch scored on the dev set.
#[derive(Clone, Debug)]
pub struct EpochReport {
    pub epoch: usize,
    pub mistakes: usize,
    pub dev_f1: f64,
}

/// The whole run.
#[derive(Clone, Debug)]
pub struct TrainReport {
    pub epochs: Vec<EpochReport>,
    pub best_epoch: usize,
    pub best_dev_f1: f64,
    pub features: usize,
}

struct Weights {
    index: AHashMap<u32, u32>,
    w: Vec<f32>,
    trans: Vec<f32>,
}

impl Scorer for Weights {
    fn row(&self, key: u32) -> Option<&[f32]> {
        let &i = self.index.get(&key)?;
        let i = i as usize * LABELS;
        Some(&self.w[i..i + LABELS])
    }

    fn transitions(&self) -> &[f32] {
        &self.trans
    }
}

struct Example {
    feats: SentenceFeatures,
    gold: Vec<u8>,
}

/// Trains on `train`, picking the epoch by F1 on `dev`; `progress` hears of each epoch.
pub fn train(
    train: &[Document],
    dev: &[Document],
    options: &TrainOptions,
    mut progress: impl FnMut(&EpochReport),
) -> (Model, TrainReport) {
    let folds = options.folds.max(2);
    let fold_gazetteers: Vec<Gazetteer> = (0..folds)
        .map(|k| Gazetteer::build(train.iter().enumerate().filter(|(i, _)| i % folds != k).map(|(_, d)| d)))
        .collect();
    let full_gazetteer = Gazetteer::build(train);

    let mut examples = Vec::new();
    for (i, doc) in train.iter().enumerate() {
        let feats = document_features(doc, &fold_gazetteers[i % folds]);
        for (s, f) in doc.sentences.iter().zip(feats) {
            examples.push(Example { gold: labels_of(s.words.len(), &s.entities), feats: f });
        }
    }
    let dev_feats: Vec<(Vec<SentenceFeatures>, &Document)> =
        dev.iter().map(|d| (document_features(d, &full_gazetteer), d)).collect();

    let mut counts: AHashMap<u32, u32> = AHashMap::new();
    for e in &examples {
        for &k in &e.feats.keys {
            *counts.entry(k).or_default() += 1;
        }
    }
    let mut kept: Vec<u32> =
        counts.iter().filter(|(_, &c)| c >= options.min_count).map(|(&k, _)| k).collect();
    kept.sort_unstable();
    let index: AHashMap<u32, u32> = kept.iter().enumerate().map(|(i, &k)| (k, i as u32)).collect();
    let n = kept.len();
    let mut current = Weights { index, w: vec![0.0; n * LABELS], trans: vec![0.0; (LABELS + 1) * LABELS] };
    // Sums of update * time, for averaging without touching every weight at every step.
    let mut acc = vec![0f64; n * LABELS];
    let mut acc_trans = vec![0f64; (LABELS + 1) * LABELS];
    let mut clock = 1f64;

    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = options.seed | 1;
    let mut best: Option<(f64, usize, Weights)> = None;
    let mut epochs = Vec::new();
    let mut pred = Vec::new();
    for epoch in 1..=options.max_epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let mut mistakes = 0;
        for &x in &order {
            let e = &examples[x];
            viterbi(&current, &e.feats, &mut pred);
            if pred != e.gold {
                mistakes += 1;
                for i in 0..e.gold.len() {
                    let (g, p) = (e.gold[i] as usize, pred[i] as usize);
                    if g != p {
                        for &k in e.feats.token(i) {
                            if let Some(&f) = current.index.get(&k) {
                                let f = f as usize * LABELS;
                                current.w[f + g] += 1.0;
                                current.w[f + p] -= 1.0;
                                acc[f + g] += clock;
                                acc[f + p] -= clock;
                            }
                        }
                    }
                    let gp = if i == 0 { 0 } else { e.gold[i - 1] as usize + 1 };
                    let pp = if i == 0 { 0 } else { pred[i - 1] as usize + 1 };
                    if (gp, g) != (pp, p) {
                        current.trans[gp * LABELS + g] += 1.0;
                        current.trans[pp * LABELS + p] -= 1.0;
                        acc_trans[gp * LABELS + g] += clock;
                        acc_trans[pp * LABELS + p] -= clock;
                    }
                }
            }
            clock += 1.0;
        }
        let averaged = Weights {
            index: current.index.clone(),
            w: current.w.iter().zip(&acc).map(|(w, a)| (f64::from(*w) - a / clock) as f32).collect(),
            trans: current
                .trans
                .iter()
                .zip(&acc_trans)
                .map(|(w, a)| (f64::from(*w) - a / clock) as f32)
                .collect(),
        };
        let mut score = Score::default();
        for (feats, doc) in &dev_feats {
            for (f, s) in feats.iter().zip(&doc.sentences) {
                viterbi(&averaged, f, &mut pred);
                let spans: Vec<EntitySpan> = spans_of(&pred);
                score.add(&s.entities, &spans);
            }
        }
        let report = EpochReport { epoch, mistakes, dev_f1: score.prf(None).f1 };
        progress(&report);
        epochs.push(report.clone());
        let better = best.as_ref().is_none_or(|(f1, _, _)| report.dev_f1 > *f1);
        if better {
            best = Some((report.dev_f1, epoch, averaged));
        } else if best.as_ref().is_some_and(|(_, e, _)| epoch - e >= options.patience) {
            break;
        }
    }
    let (best_dev_f1, best_epoch, weights) = best.unwrap_or((0.0, 0, current));
    let model = prune(weights, full_gazetteer);
    let report = TrainReport { epochs, best_epoch, best_dev_f1, features: model.features() };
    (model, report)
}

/// Drops features whose weights are all near zero: they barely move a decision and cost
/// space in the committed file.
fn prune(weights: Weights, gazetteer: Gazetteer) -> Model {
    const EPSILON: f32 = 0.05;
    let mut keys: Vec<(u32, u32)> = weights.index.iter().map(|(k, i)| (*k, *i)).collect();
    keys.sort_unstable();
    let mut index = AHashMap::new();
    let mut w = Vec::new();
    for (k, i) in keys {
        let row = &weights.w[i as usize * LABELS..(i as usize + 1) * LABELS];
        if row.iter().any(|x| x.abs() >= EPSILON) {
            index.insert(k, index.len() as u32);
            w.extend(row.iter().map(|x| if x.abs() >= EPSILON { *x } else { 0.0 }));
        }
    }
    Model { gazetteer, index, weights: w, trans: weights.trans }
}
