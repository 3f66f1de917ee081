//! `wiretrace eval ner FILE`: the entity tagger against CoNLL-format data. What counts is
//! defined in `wiretrace_eval::ner` (the conlleval definition).

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;
use serde::Serialize;
use wiretrace_entities::Model;
use wiretrace_eval::ner::{read_conll, score};

use super::eval::ScoreFormat;
use crate::{print_out, GlobalArgs, Outcome};

#[derive(Args, Debug)]
pub struct EvalNerArgs {
    /// A CoNLL file: `word POS chunk NER` a line, IOB2 tags, `-DOCSTART-` between documents.
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = ScoreFormat::Text)]
    pub format: ScoreFormat,
    /// Score this model file instead of the one built into wiretrace.
    #[arg(long)]
    pub model: Option<PathBuf>,
}

#[derive(Serialize)]
struct TypeReport {
    precision: f64,
    recall: f64,
    f1: f64,
}

#[derive(Serialize)]
struct Report {
    precision: f64,
    recall: f64,
    f1: f64,
    per_type: std::collections::BTreeMap<&'static str, TypeReport>,
    tokens: usize,
    tokens_per_second: f64,
}

pub fn run(g: &GlobalArgs, args: EvalNerArgs) -> Result<Outcome> {
    let docs = read_conll(&args.file)
        .with_context(|| format!("cannot read CoNLL data from {}", args.file.display()))?;
    let loaded;
    let model = match &args.model {
        Some(path) => {
            let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            loaded = Model::from_bytes(&bytes).with_context(|| format!("cannot load {}", path.display()))?;
            &loaded
        }
        None => wiretrace_entities::embedded_model().context("this build carries no NER model")?,
    };
    let s = score(model, &docs);
    if g.quiet {
        return Ok(Outcome::Clean);
    }
    print_out(&match args.format {
        ScoreFormat::Json => {
            let report = Report {
                precision: s.overall.precision,
                recall: s.overall.recall,
                f1: s.overall.f1,
                per_type: s
                    .per_type
                    .iter()
                    .map(|(k, p)| {
                        (k.as_str(), TypeReport { precision: p.precision, recall: p.recall, f1: p.f1 })
                    })
                    .collect(),
                tokens: s.tokens,
                tokens_per_second: s.tokens_per_second,
            };
            serde_json::to_string_pretty(&report)? + "\n"
        }
        ScoreFormat::Text => {
            let mut out = String::new();
            writeln!(
                out,
                "{:<8} {:>9} {:>9} {:>9} {:>7} {:>7}",
                "type", "precision", "recall", "F1", "gold", "found"
            )?;
            for (k, p) in &s.per_type {
                let c = s.score.counts[wiretrace_entities::conll::type_index(*k)];
                writeln!(
                    out,
                    "{:<8} {:>9.4} {:>9.4} {:>9.4} {:>7} {:>7}",
                    k.as_str(),
                    p.precision,
                    p.recall,
                    p.f1,
                    c[2],
                    c[1]
                )?;
            }
            let o = s.overall;
            writeln!(out, "{:<8} {:>9.4} {:>9.4} {:>9.4}", "overall", o.precision, o.recall, o.f1)?;
            writeln!(out, "{} tokens, {:.0} tokens/s on one core", s.tokens, s.tokens_per_second)?;
            out
        }
    })?;
    Ok(Outcome::Clean)
}
