//! `wiretrace train body-blocks DIR --out FILE`: trains the body's block filter (keep or drop
//! each paragraph, list item or heading the body's rules kept) from a folder of labelled pages
//! laid out as WCXB's (`html/ID.html.gz`, `ground-truth/ID.json` with
//! `ground_truth.main_content`), and writes the model (commit it as
//! `crates/ingest/src/extract/html/block_model.json` to ship it).
//!
//! A block is labelled article text when at least half of its word n-grams (trigrams; the whole
//! block for blocks of one or two words) occur in the labelled text, words read as the scorer
//! reads them (lower-case `\w+`). Trigrams rather than words: any block of prose shares most of
//! its words ("the", "and") with any article.
//!
//! The threshold on the trees' log-odds is chosen by k-fold cross-validation by site (a page's
//! blocks judged by trees that never saw its site) on the body F1 of the article pages, the
//! eval's measure; the filter is written switched off when no threshold beats the rules alone.
//! The CV figure printed next to it picks each fold's threshold on the other folds, so it does
//! not flatter the choice. Pages are read with the extractor as built (the filter off), so
//! retrain after the body's rules change. Deterministic.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use wiretrace_eval::extract::{body_scores, read_labelled_pages, LabelledPage};
use wiretrace_ingest::PageTypeTrainOptions as TrainOptions;
use wiretrace_ingest::{block_feature_names, decode_html, extract_html_blocks, BlockModel};

use crate::{GlobalArgs, Outcome};

#[derive(Args, Debug)]
pub struct TrainBodyBlocksArgs {
    /// A folder with `html/` and `ground-truth/` (e.g. WCXB's dev split).
    pub dir: PathBuf,
    /// Where to write the model (JSON).
    #[arg(long)]
    pub out: PathBuf,
    /// Folds of the cross-validation (at least 2: the threshold is chosen by it).
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
    /// Trees in the ensemble.
    #[arg(long, default_value_t = 150)]
    pub trees: usize,
    /// Depth of each tree.
    #[arg(long, default_value_t = 3)]
    pub depth: usize,
    /// Shrinkage of each tree's leaves.
    #[arg(long, default_value_t = 0.1)]
    pub learning_rate: f32,
    /// Least hessian on each side of a split.
    #[arg(long, default_value_t = 10.0)]
    pub min_child_weight: f64,
}

/// One labelled article page's body as the rules leave it.
struct Labelled {
    /// The host of the page's URL, or its id when there is none.
    site: String,
    gold: String,
    blocks: Vec<String>,
    xs: Vec<Vec<f32>>,
    /// Per block: not article text.
    drop: Vec<bool>,
}

/// Thresholds tried, in log-odds of "not article text" (from 0: drop at even odds, to 4:
/// drop only at 55:1 and over).
const THRESHOLDS: [f32; 9] = [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0];

/// A threshold within this much body F1 of the best is as good: the highest such (the one
/// that drops least) is chosen.
const F1_TIE: f64 = 0.0003;

/// The least gain in mean body F1 over the rules alone that switches the filter on: below
/// it, the gain is a few pages' luck (one page of 793 moving by 0.3 is 0.0004).
const MIN_GAIN: f64 = 0.0005;

pub fn run(g: &GlobalArgs, args: TrainBodyBlocksArgs) -> Result<Outcome> {
    anyhow::ensure!(
        args.folds >= 2,
        "--folds must be at least 2: the threshold is chosen by cross-validation"
    );
    let started = Instant::now();
    let pages = read_pages(&args.dir)?;
    let options = TrainOptions {
        trees: args.trees,
        depth: args.depth,
        learning_rate: args.learning_rate,
        min_child_weight: args.min_child_weight,
        ..TrainOptions::default()
    };
    let names = block_feature_names();
    let blocks: usize = pages.iter().map(|p| p.blocks.len()).sum();
    let dropped: usize = pages.iter().map(|p| p.drop.iter().filter(|d| **d).count()).sum();
    if !g.quiet {
        eprintln!(
            "{} article pages, {blocks} blocks ({dropped} not article text), {} features, read in {:.1} s",
            pages.len(),
            names.len(),
            started.elapsed().as_secs_f64()
        );
    }
    // Pages of one site share templates: they go to the same fold (the sites taken in name
    // order, k mod folds), so a page's blocks are scored by trees that never saw its site.
    let mut sites: Vec<&str> = pages.iter().map(|p| p.site.as_str()).collect();
    sites.sort_unstable();
    sites.dedup();
    let fold_of: Vec<usize> =
        pages.iter().map(|p| sites.binary_search(&p.site.as_str()).unwrap_or(0) % args.folds).collect();
    let mut scores: Vec<Vec<f32>> = pages.iter().map(|p| vec![0.0; p.blocks.len()]).collect();
    for fold in 0..args.folds {
        let (xs, ys, ws) = samples(pages.iter().zip(&fold_of).filter(|(_, f)| **f != fold).map(|(p, _)| p));
        let model = BlockModel::train(names.clone(), &xs, &ys, &ws, &options);
        for (i, page) in pages.iter().enumerate().filter(|(i, _)| fold_of[*i] == fold) {
            scores[i] = page.xs.iter().map(|x| model.score(x)).collect();
        }
    }
    // Body F1 of each page per threshold (index 0: the rules alone).
    let f1s: Vec<Vec<f64>> = pages
        .iter()
        .zip(&scores)
        .map(|(page, s)| {
            let mut row = vec![body_scores(&page.blocks.join("\n\n"), &page.gold).2];
            row.extend(THRESHOLDS.iter().map(|t| body_scores(&kept_text(page, s, *t), &page.gold).2));
            row
        })
        .collect();
    let mean = |col: usize, rows: &mut dyn Iterator<Item = &Vec<f64>>| {
        let (sum, n) = rows.fold((0.0, 0usize), |(s, n), r| (s + r[col], n + 1));
        sum / n.max(1) as f64
    };
    let rules = mean(0, &mut f1s.iter());
    let mut line =
        format!("{}-fold cross-validation (folds by site): rules alone body F1 {rules:.5}", args.folds);
    for (k, t) in THRESHOLDS.iter().enumerate() {
        let _ = write!(line, ", drop above {t}: {:.5}", mean(k + 1, &mut f1s.iter()));
    }
    println!("{line}");
    if g.verbose > 0 {
        // The labels' own worth: the body F1 when exactly the labelled blocks are dropped, and
        // how well the out-of-fold scores separate them.
        let oracle: f64 = pages
            .iter()
            .map(|p| {
                let s: Vec<f32> = p.drop.iter().map(|d| if *d { 1.0 } else { -1.0 }).collect();
                body_scores(&kept_text(p, &s, 0.0), &p.gold).2
            })
            .sum::<f64>()
            / pages.len().max(1) as f64;
        eprintln!("labels as the filter (an upper bound): body F1 {oracle:.4}");
        if let Some(f) = block_feature_names().iter().position(|n| n == "found") {
            let found = pages.iter().flat_map(|p| &p.xs).filter(|x| x[f] > 0.0).count();
            eprintln!("blocks found in the markup: {found} of {blocks}");
        }
        if g.verbose > 1 {
            for (p, s) in pages.iter().zip(&scores) {
                for ((b, d), s) in p.blocks.iter().zip(&p.drop).zip(s) {
                    if *s > 1.5 {
                        let short: String = b.chars().take(100).collect();
                        eprintln!("  {s:5.2} {} {} | {short}", if *d { "DROP" } else { "keep" }, p.site);
                    }
                }
            }
        }
        for t in THRESHOLDS {
            let (mut tp, mut fp, mut positives) = (0usize, 0usize, 0usize);
            for (p, s) in pages.iter().zip(&scores) {
                for (d, s) in p.drop.iter().zip(s) {
                    positives += usize::from(*d);
                    if *s > t {
                        if *d {
                            tp += 1;
                        } else {
                            fp += 1;
                        }
                    }
                }
            }
            eprintln!("  drop above {t}: {tp} right, {fp} wrong of {positives} to drop");
        }
    }
    let chosen = choose(&(0..f1s.len()).collect::<Vec<_>>(), &f1s);
    // Each fold's threshold chosen on the other folds' pages, applied to its own.
    let mut honest = 0.0;
    for fold in 0..args.folds {
        let others: Vec<usize> = (0..pages.len()).filter(|&i| fold_of[i] != fold).collect();
        let col = choose(&others, &f1s).map_or(0, |k| k + 1);
        honest += (0..pages.len()).filter(|&i| fold_of[i] == fold).map(|i| f1s[i][col]).sum::<f64>();
    }
    honest /= pages.len().max(1) as f64;
    println!(
        "threshold chosen on each fold's other folds, applied to it: body F1 {honest:.5} (rules alone {rules:.5})"
    );
    let (xs, ys, ws) = samples(pages.iter());
    let mut model = BlockModel::train(names, &xs, &ys, &ws, &options);
    model.drop_above = chosen.map(|k| THRESHOLDS[k]);
    match model.drop_above {
        Some(t) => {
            let on_dev = pages
                .iter()
                .map(|p| {
                    let s: Vec<f32> = p.xs.iter().map(|x| model.score(x)).collect();
                    body_scores(&kept_text(p, &s, t), &p.gold).2
                })
                .sum::<f64>()
                / pages.len().max(1) as f64;
            println!(
                "filter on, dropping above log-odds {t} (CV body F1 {:.4}); trained on all pages, scored on them: {on_dev:.4}",
                mean(chosen.map_or(0, |k| k + 1), &mut f1s.iter())
            );
        }
        None => println!(
            "no threshold gains {MIN_GAIN} body F1 over the rules alone under cross-validation: filter written off"
        ),
    }
    let json = to_json(&model)?;
    std::fs::write(&args.out, &json).with_context(|| format!("cannot write {}", args.out.display()))?;
    if !g.quiet {
        eprintln!(
            "{} trees, {} bytes -> {} in {:.1} s",
            model.drop.trees.len(),
            json.len(),
            args.out.display(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(Outcome::Clean)
}

/// The threshold (index into [`THRESHOLDS`]) with the best mean body F1 over `rows`, the
/// highest within [`F1_TIE`] of it that still gains [`MIN_GAIN`]; `None` when none gains
/// that much over the rules alone.
fn choose(rows: &[usize], f1s: &[Vec<f64>]) -> Option<usize> {
    let n = rows.len().max(1) as f64;
    let means: Vec<f64> =
        (0..=THRESHOLDS.len()).map(|c| rows.iter().map(|&i| f1s[i][c]).sum::<f64>() / n).collect();
    let best = means[1..].iter().copied().fold(f64::MIN, f64::max);
    (0..THRESHOLDS.len())
        .rev()
        .find(|&k| means[k + 1] >= best - F1_TIE && means[k + 1] >= means[0] + MIN_GAIN)
}

/// The page's text without the blocks scored above `drop_above`.
fn kept_text(page: &Labelled, scores: &[f32], drop_above: f32) -> String {
    let keep: Vec<bool> = scores.iter().map(|s| *s <= drop_above).collect();
    if !keep.iter().any(|k| *k) {
        return page.blocks.join("\n\n");
    }
    let kept: Vec<&str> =
        page.blocks.iter().zip(&keep).filter(|(_, k)| **k).map(|(b, _)| b.as_str()).collect();
    kept.join("\n\n")
}

/// The blocks of `pages`: features, labels and weights. A block weighs its share of its
/// page's words (times [`PAGE_WEIGHT`]): the eval averages F1 over pages, and a block's words
/// are what it adds to or takes from its page's F1.
fn samples<'a>(pages: impl Iterator<Item = &'a Labelled>) -> (Vec<Vec<f32>>, Vec<bool>, Vec<f64>) {
    let mut xs = Vec::new();
    let mut ys = Vec::new();
    let mut ws = Vec::new();
    for p in pages {
        xs.extend(p.xs.iter().cloned());
        ys.extend(p.drop.iter().copied());
        let words: Vec<usize> = p.blocks.iter().map(|b| b.split_whitespace().count()).collect();
        let total = words.iter().sum::<usize>().max(1) as f64;
        ws.extend(words.iter().map(|w| PAGE_WEIGHT * *w as f64 / total));
    }
    (xs, ys, ws)
}

/// The weight of a page's blocks together (about the mean number of blocks a page, so that
/// the trees' least child weight reads as it does unweighted).
const PAGE_WEIGHT: f64 = 100.0;

/// Lower-case words, as the body scorer's `\w+` reads them (letters, digits, `_`; marks
/// aside, which only labels lean on here).
fn tokens(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// N-grams of the labelled text (n = 1, 2, 3), words joined by a space.
struct GoldGrams([HashSet<String>; 3]);

impl GoldGrams {
    fn new(gold: &str) -> GoldGrams {
        let words = tokens(gold);
        GoldGrams([1, 2, 3].map(|n| words.windows(n).map(|w| w.join(" ")).collect()))
    }

    /// Whether the block is not article text: under half of its trigrams (its whole word
    /// sequence when shorter) are in the labelled text. A block without words is kept.
    fn drops(&self, block: &str) -> bool {
        let words = tokens(block);
        if words.is_empty() {
            return false;
        }
        let n = words.len().min(3);
        let grams: Vec<String> = words.windows(n).map(|w| w.join(" ")).collect();
        let found = grams.iter().filter(|g| self.0[n - 1].contains(*g)).count();
        2 * found < grams.len()
    }
}

/// One tree a line, so a retrained model diffs readably.
fn to_json(model: &BlockModel) -> Result<String> {
    let mut out = String::from("{\n\"features\": ");
    out += &serde_json::to_string(&model.features)?;
    let _ = write!(out, ",\n\"drop_above\": {},\n", serde_json::to_string(&model.drop_above)?);
    let _ =
        write!(out, "\"drop\": {{\"base\": {},\n\"trees\": [\n", serde_json::to_string(&model.drop.base)?);
    for (i, tree) in model.drop.trees.iter().enumerate() {
        out += &serde_json::to_string(tree)?;
        out += if i + 1 < model.drop.trees.len() { ",\n" } else { "\n" };
    }
    out += "]}\n}\n";
    Ok(out)
}

fn read_pages(dir: &Path) -> Result<Vec<Labelled>> {
    let mut pages = Vec::new();
    for LabelledPage { id, label, html } in read_labelled_pages(dir)? {
        if label["_internal"]["page_type"]["primary"].as_str() != Some("article") {
            continue;
        }
        let gold = label["ground_truth"]["main_content"].as_str().unwrap_or_default().trim().to_string();
        let (_, blocks, xs) = extract_html_blocks(&decode_html(&html, None), None);
        let grams = GoldGrams::new(&gold);
        let drop = blocks.iter().map(|b| grams.drops(b)).collect();
        let site = label["url"]
            .as_str()
            .and_then(|u| u.split_once("://"))
            .map(|(_, rest)| rest.split('/').next().unwrap_or(rest).trim_start_matches("www.").to_string())
            .unwrap_or(id);
        pages.push(Labelled { site, gold, blocks, xs, drop });
    }
    Ok(pages)
}
