//! `wiretrace eval <stage> ...`: scores a stage against a labelled data set and prints the
//! figures (text, or one JSON object with `--format json`).

use anyhow::Result;
use clap::{Subcommand, ValueEnum};

use crate::{GlobalArgs, Outcome};

/// How scores are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    Text,
    Json,
}

#[derive(Subcommand, Debug)]
pub enum EvalCommand {
    /// Story clustering against a JSONL file whose lines carry a gold `event` label (ECB+ style).
    Stories(super::eval_stories::EvalStoriesArgs),
    /// Direct quotes and their speakers against PolNeAR (`DIR/text`, `DIR/attributions`).
    Quotes(super::eval_quotes::EvalQuotesArgs),
    /// Named entities against CoNLL-format data: conlleval precision, recall and F1 per type.
    Ner(super::eval_ner::EvalNerArgs),
    /// HTML extraction against WCXB (`DIR/html/*.html.gz`, `DIR/ground-truth/*.json`): body
    /// word F1, title, author, date (and dates invented), page type.
    Extract(super::eval_extract::EvalExtractArgs),
}

pub fn run(g: &GlobalArgs, command: EvalCommand) -> Result<Outcome> {
    match command {
        EvalCommand::Stories(args) => super::eval_stories::run(g, args),
        EvalCommand::Quotes(args) => super::eval_quotes::run(g, args),
        EvalCommand::Ner(args) => super::eval_ner::run(g, args),
        EvalCommand::Extract(args) => super::eval_extract::run(g, args),
    }
}
