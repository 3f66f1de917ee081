//! `wiretrace eval quotes DIR`: direct quotes and their speakers against PolNeAR
//! (`DIR/text/*.txt`, `DIR/attributions/*.ann`). What counts is defined in
//! `wiretrace_eval::quotes`.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;
use serde::Serialize;
use wiretrace_eval::quotes::{read_polnear, score, Failure, QuoteScores};

use super::eval::ScoreFormat;
use crate::{print_out, GlobalArgs, Outcome};

#[derive(Args, Debug)]
pub struct EvalQuotesArgs {
    /// A PolNeAR split: a folder holding `text/` and `attributions/`.
    pub dir: PathBuf,
    #[arg(long, value_enum, default_value_t = ScoreFormat::Text)]
    pub format: ScoreFormat,
    /// In text format, also list up to this many failures of each kind.
    #[arg(long, default_value_t = 0)]
    pub show: usize,
}

#[derive(Serialize)]
struct Report<'s> {
    span_precision: f64,
    span_recall: f64,
    span_f1_overlap: f64,
    span_f1_exact: f64,
    speaker_accuracy: f64,
    gold_quotes: usize,
    predicted_quotes: usize,
    mb_per_second: f64,
    set_aside: usize,
    gold_without_source: usize,
    failures: &'s [(Failure, usize)],
}

pub fn run(g: &GlobalArgs, args: EvalQuotesArgs) -> Result<Outcome> {
    let docs = read_polnear(&args.dir)
        .with_context(|| format!("cannot read PolNeAR from {}", args.dir.display()))?;
    let s = score(&docs);
    if g.quiet {
        return Ok(Outcome::Clean);
    }
    print_out(&match args.format {
        ScoreFormat::Json => {
            let report = Report {
                span_precision: s.span_precision,
                span_recall: s.span_recall,
                span_f1_overlap: s.span_f1_overlap,
                span_f1_exact: s.span_f1_exact,
                speaker_accuracy: s.speaker_accuracy,
                gold_quotes: s.gold_quotes,
                predicted_quotes: s.predicted_quotes,
                mb_per_second: s.mb_per_second,
                set_aside: s.set_aside,
                gold_without_source: s.gold_without_source,
                failures: &s.failures,
            };
            serde_json::to_string_pretty(&report)? + "\n"
        }
        ScoreFormat::Text => text(&s, args.show),
    })?;
    Ok(Outcome::Clean)
}

fn text(s: &QuoteScores, show: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "documents         {} ({:.2} MB)", s.documents, s.bytes as f64 / 1e6);
    let _ = writeln!(out, "gold quotes       {}", s.gold_quotes);
    let _ = writeln!(out, "predicted quotes  {} (plus {} set aside)", s.predicted_quotes, s.set_aside);
    let _ = writeln!(
        out,
        "span overlap      P {:.3}  R {:.3}  F1 {:.3}",
        s.span_precision, s.span_recall, s.span_f1_overlap
    );
    let _ = writeln!(
        out,
        "span exact        P {:.3}  R {:.3}  F1 {:.3}",
        s.span_precision_exact, s.span_recall_exact, s.span_f1_exact
    );
    let _ = writeln!(
        out,
        "speaker accuracy  {:.3} (gold quotes without a source left out: {})",
        s.speaker_accuracy, s.gold_without_source
    );
    let _ = writeln!(out, "speed             {:.2} MB/s (one core)", s.mb_per_second);
    let _ = writeln!(out, "\nfailures (one per gold quote, its worst; spurious and overrun per prediction)");
    for (kind, n) in &s.failures {
        let _ = writeln!(out, "  {:<14} {n}", format!("{kind:?}"));
    }
    if show > 0 {
        for (kind, _) in &s.failures {
            let _ = writeln!(out, "\n== {kind:?}");
            for case in s.cases.iter().filter(|c| c.kind == *kind).take(show) {
                let _ = writeln!(out, "- [{}]", case.document);
                if !case.gold.is_empty() {
                    let _ = writeln!(
                        out,
                        "  gold:      {} <- {}",
                        case.gold,
                        case.gold_source.as_deref().unwrap_or("?")
                    );
                }
                if let Some(p) = &case.predicted {
                    let _ = writeln!(
                        out,
                        "  predicted: {p} <- {}",
                        case.predicted_speaker.as_deref().unwrap_or("?")
                    );
                }
            }
        }
    }
    out
}
