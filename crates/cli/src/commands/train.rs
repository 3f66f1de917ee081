//! `wiretrace train ner --train FILE --dev FILE --out FILE`: trains the entity tagger from
//! CoNLL-format data and writes the compressed model (commit it as
//! `crates/entities/model/ner.bin.gz` to ship it in the binary). Deterministic: the same data
//! gives the same file.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use wiretrace_entities::{train, TrainOptions};
use wiretrace_eval::ner::read_conll;

use crate::{GlobalArgs, Outcome};

#[derive(Subcommand, Debug)]
pub enum TrainCommand {
    /// The named-entity tagger (PER, ORG, LOC, MISC): a structured averaged perceptron.
    Ner(TrainNerArgs),
    /// The page-type model (article or not): gradient-boosted trees over page features.
    PageType(super::train_page_type::TrainPageTypeArgs),
}

#[derive(Args, Debug)]
pub struct TrainNerArgs {
    /// Training data in CoNLL format.
    #[arg(long)]
    pub train: PathBuf,
    /// Dev data in CoNLL format: picks the epoch kept.
    #[arg(long)]
    pub dev: PathBuf,
    /// Where to write the model.
    #[arg(long)]
    pub out: PathBuf,
    /// Most passes over the training data.
    #[arg(long, default_value_t = TrainOptions::default().max_epochs)]
    pub epochs: usize,
}

pub fn run(g: &GlobalArgs, command: TrainCommand) -> Result<Outcome> {
    match command {
        TrainCommand::Ner(args) => ner(g, args),
        TrainCommand::PageType(args) => super::train_page_type::run(g, args),
    }
}

fn ner(g: &GlobalArgs, args: TrainNerArgs) -> Result<Outcome> {
    let started = Instant::now();
    let train_docs =
        read_conll(&args.train).with_context(|| format!("cannot read {}", args.train.display()))?;
    let dev_docs = read_conll(&args.dev).with_context(|| format!("cannot read {}", args.dev.display()))?;
    let options = TrainOptions { max_epochs: args.epochs, ..TrainOptions::default() };
    let quiet = g.quiet;
    let (model, report) = train(&train_docs, &dev_docs, &options, |e| {
        if !quiet {
            eprintln!(
                "epoch {:>2}: {:>5} sentences wrong, dev F1 {:.4} ({:.0} s)",
                e.epoch,
                e.mistakes,
                e.dev_f1,
                started.elapsed().as_secs_f64()
            );
        }
    });
    let bytes = model.to_bytes()?;
    std::fs::write(&args.out, &bytes).with_context(|| format!("cannot write {}", args.out.display()))?;
    if !quiet {
        eprintln!(
            "kept epoch {} (dev F1 {:.4}), {} features, {} bytes -> {} in {:.0} s",
            report.best_epoch,
            report.best_dev_f1,
            report.features,
            bytes.len(),
            args.out.display(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(Outcome::Clean)
}
