//! `wiretrace eval stories FILE.jsonl`: clusters the file's articles with the real pipeline
//! (ingest, entities, reuse, stories) over a throwaway in-memory store, in file order or by
//! `published` when lines carry it (or shuffled, to show the result does not hang on arrival
//! order), and scores the stories against each line's gold `event`. By default the articles
//! stream in one by one through the incremental clusterer; `--mode batch` clusters them all
//! at once for comparison.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::Args;
use serde::Serialize;
use wiretrace_eval::clusters::{score_clusters, ClusterScores};
use wiretrace_pipeline::{ClusterMode, Input, Pipeline, Thresholds};
use wiretrace_store::Store;

use super::eval::ScoreFormat;
use crate::{print_out, GlobalArgs, Outcome};

#[derive(Args, Debug)]
pub struct EvalStoriesArgs {
    /// JSONL articles (`id`, `text`, optional `title`, `published`...) each with a gold `event`.
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = ScoreFormat::Text)]
    pub format: ScoreFormat,
    /// How articles are clustered: one by one as they arrive, or all at once.
    #[arg(long, value_enum, default_value_t = Mode::Stream)]
    pub mode: Mode,
    /// Arrival order: the file's (or `published` when every line has one), or shuffled.
    #[arg(long, value_enum, default_value_t = Order::File)]
    pub order: Order,
    /// Seed of the shuffled order.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Print, per gold event split or merged, where its articles went (to stderr).
    #[arg(long)]
    pub errors: bool,
    /// Override the topic threshold (for tuning on dev data).
    #[arg(long, hide = true)]
    pub topic_threshold: Option<f32>,
    /// Override the story threshold (for tuning on dev data).
    #[arg(long, hide = true)]
    pub story_threshold: Option<f32>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Stream,
    Batch,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    File,
    Shuffled,
}

#[derive(Serialize)]
struct Report {
    #[serde(flatten)]
    scores: ClusterScores,
    articles: usize,
    articles_per_second: f64,
}

pub fn run(g: &GlobalArgs, args: EvalStoriesArgs) -> Result<Outcome> {
    let raw = std::fs::read_to_string(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let mut lines: Vec<(serde_json::Value, usize)> = Vec::new();
    for (n, line) in raw.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let value: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not JSON", args.file.display(), n + 1))?;
        if value.get("event").is_none() || value.get("id").is_none() {
            bail!("{}:{}: each line needs an `id` and a gold `event`", args.file.display(), n + 1);
        }
        lines.push((value, n));
    }
    // Arrival order: by `published` when every line has one, else file order.
    if lines.iter().all(|(v, _)| v.get("published").and_then(|p| p.as_str()).is_some()) {
        lines.sort_by(|(a, i), (b, j)| a["published"].as_str().cmp(&b["published"].as_str()).then(i.cmp(j)));
    }
    if args.order == Order::Shuffled {
        shuffle(&mut lines, args.seed);
    }
    let gold: HashMap<String, String> =
        lines.iter().map(|(v, _)| (id_of(&v["id"]), v["event"].to_string())).collect();
    let mut store = Store::open_in_memory()?;
    let start = Instant::now();
    // One article per input, in arrival order: the pipeline sees the stream as it would live.
    let inputs: Vec<Input> = lines
        .iter()
        .map(|(v, n)| Input::Bytes { name: format!("line{n}.jsonl"), bytes: v.to_string().into_bytes() })
        .collect();
    let mut thresholds = Thresholds::default();
    thresholds.topic = args.topic_threshold.unwrap_or(thresholds.topic);
    thresholds.story = args.story_threshold.unwrap_or(thresholds.story);
    let mode = match args.mode {
        Mode::Stream => ClusterMode::Stream,
        Mode::Batch => ClusterMode::Batch,
    };
    let summary =
        Pipeline::new(&mut store).with_thresholds(thresholds).with_cluster_mode(mode).run(&inputs)?;
    // A line whose article was already stored (same text) belongs to that article's story.
    let source_line: HashMap<String, String> =
        lines.iter().map(|(v, n)| (format!("line{n}.jsonl:1"), id_of(&v["id"]))).collect();
    let mut stored_as: HashMap<String, String> = HashMap::new();
    for d in &summary.duplicates {
        if let Some(id) = source_line.get(&d.source) {
            stored_as.insert(id.clone(), d.existing.clone());
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    if !summary.rejections.is_empty() {
        eprintln!("{} lines rejected, scored as singletons", summary.rejections.len());
    }
    let mut predicted = Vec::new();
    let mut gold_labels = Vec::new();
    for (id, event) in &gold {
        let stored = stored_as.get(id).unwrap_or(id);
        let story =
            store.story_of_article(stored)?.map(|s| s.to_string()).unwrap_or_else(|| format!("lost:{id}"));
        predicted.push(story);
        gold_labels.push(event.clone());
    }
    if args.errors {
        eprint!("{}", errors(&predicted, &gold_labels));
    }
    let report = Report {
        scores: score_clusters(&predicted, &gold_labels),
        articles: gold.len(),
        articles_per_second: gold.len() as f64 / elapsed.max(1e-9),
    };
    if !g.quiet {
        print_out(&match args.format {
            ScoreFormat::Json => serde_json::to_string_pretty(&report)? + "\n",
            ScoreFormat::Text => text(&report),
        })?;
    }
    Ok(Outcome::Clean)
}

/// Fisher-Yates with splitmix64: a fixed seed gives the same order on every machine.
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    for i in (1..items.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

/// Per gold event whose articles do not form one predicted cluster of their own: how many of
/// them went to each predicted cluster, and what else those clusters hold.
fn errors(predicted: &[String], gold: &[String]) -> String {
    use std::collections::BTreeMap;
    let mut by_gold: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    let mut by_pred: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for (p, g) in predicted.iter().zip(gold) {
        *by_gold.entry(g).or_default().entry(p).or_default() += 1;
        *by_pred.entry(p).or_default().entry(g).or_default() += 1;
    }
    let mut out = String::new();
    for (g, preds) in &by_gold {
        let pure = preds.len() == 1 && preds.keys().all(|p| by_pred[p].len() == 1);
        if pure {
            continue;
        }
        out.push_str(&format!("gold {g}:"));
        for (p, n) in preds {
            let others: Vec<String> =
                by_pred[p].iter().filter(|(h, _)| *h != g).map(|(h, k)| format!("{h}x{k}")).collect();
            out.push_str(&format!(" [{n} in story {p} with {}]", others.join(" ")));
        }
        out.push('\n');
    }
    out
}

fn id_of(v: &serde_json::Value) -> String {
    v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())
}

fn text(r: &Report) -> String {
    let s = &r.scores;
    format!(
        "articles            {}\nclusters            {} predicted, {} gold\nBCubed              P {:.4}  R {:.4}  F1 {:.4}\npairwise            P {:.4}  R {:.4}  F1 {:.4}\nspeed               {:.0} articles/s\n",
        r.articles,
        s.clusters_predicted,
        s.clusters_gold,
        s.bcubed_precision,
        s.bcubed_recall,
        s.bcubed_f1,
        s.pairwise_precision,
        s.pairwise_recall,
        s.pairwise_f1,
        r.articles_per_second
    )
}
