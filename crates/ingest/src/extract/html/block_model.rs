//! The block filter: after the body's rules have run, gradient-boosted trees (the page-type
//! model's trainer, [`super::page_model::Ensemble`]) over each block's features
//! ([`super::block_features`]) score how likely the block is not part of the article (a
//! "Related" list, an FAQ, a testimonial, a reference list, a bio the rules left), and the
//! blocks scored above the model's threshold are dropped. Trained by
//! `wiretrace train body-blocks DIR` from labelled pages and committed as `block_model.json`,
//! which the crate embeds. The trainer sets the threshold by cross-validation by site and
//! leaves it unset (the filter off) when no threshold beats the rules alone.

use once_cell::sync::Lazy;
use serde::{Deserialize, Serialize};

use super::block_features::{self, Markup};
use super::density::LinkTexts;
use super::page_model::{Ensemble, TrainOptions};

/// A trained block filter.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BlockModel {
    /// Feature names in vector order (must equal [`block_features::names`]).
    pub features: Vec<String>,
    /// A block is dropped when its log-odds of not being article text exceed this; `None`
    /// leaves every block (the filter is off).
    pub drop_above: Option<f32>,
    /// Log-odds that a block is not article text.
    pub drop: Ensemble,
}

impl BlockModel {
    /// Trains on block feature vectors `xs` (named `features`), `drop[i]` when block `i` is
    /// not article text, each block weighing `weights[i]`. The threshold is left unset: the
    /// trainer picks it.
    pub fn train(
        features: Vec<String>,
        xs: &[Vec<f32>],
        drop: &[bool],
        weights: &[f64],
        options: &TrainOptions,
    ) -> BlockModel {
        let drop = Ensemble::train_weighted(xs, drop, weights, options.trees, options);
        BlockModel { features, drop_above: None, drop }
    }

    /// Log-odds that the block with features `x` is not article text.
    pub fn score(&self, x: &[f32]) -> f32 {
        self.drop.score(x)
    }

    /// Which blocks stay at threshold `drop_above`. Every block stays when the filter would
    /// leave none: a page whose blocks all look like furniture is judged by the rules alone.
    pub fn keeps(&self, xs: &[Vec<f32>], drop_above: f32) -> Vec<bool> {
        let keep: Vec<bool> = xs.iter().map(|x| self.score(x) <= drop_above).collect();
        if keep.iter().any(|k| *k) {
            keep
        } else {
            vec![true; xs.len()]
        }
    }
}

/// The committed model, when it is switched on (has a threshold) and was trained on the
/// features the code computes (else it is set aside, with a warning if it was on).
pub static MODEL: Lazy<Option<BlockModel>> = Lazy::new(|| {
    let model: BlockModel =
        serde_json::from_str(include_str!("block_model.json")).expect("the embedded block model parses");
    model.drop_above?;
    if model.features != block_features::names() {
        eprintln!("warning: the block model was trained on other features: retrain it (wiretrace train body-blocks)");
        return None;
    }
    Some(model)
});

/// The blocks the committed filter keeps (all of them when it is off).
pub fn filter(blocks: Vec<String>, title: Option<&str>, links: &LinkTexts, markup: &Markup) -> Vec<String> {
    let Some(model) = MODEL.as_ref() else { return blocks };
    let Some(drop_above) = model.drop_above else { return blocks };
    let xs = block_features::vectors(&blocks, title, links, markup);
    let keep = model.keeps(&xs, drop_above);
    blocks.into_iter().zip(keep).filter_map(|(b, k)| k.then_some(b)).collect()
}
