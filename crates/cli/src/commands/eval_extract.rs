//! `wiretrace eval extract DIR`: HTML extraction against WCXB's layout (`DIR/html/*.html.gz`,
//! `DIR/ground-truth/*.json`). What counts is defined in `wiretrace_eval::extract`.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;
use wiretrace_eval::extract::evaluate_dir;

use super::eval::ScoreFormat;
use crate::{print_out, GlobalArgs, Outcome};

#[derive(Args, Debug)]
pub struct EvalExtractArgs {
    /// A WCXB split folder holding `html/` and `ground-truth/`.
    pub dir: PathBuf,
    #[arg(long, value_enum, default_value_t = ScoreFormat::Text)]
    pub format: ScoreFormat,
}

pub fn run(g: &GlobalArgs, args: EvalExtractArgs) -> Result<Outcome> {
    let (s, pages) = evaluate_dir(&args.dir)
        .with_context(|| format!("cannot score extraction on {}", args.dir.display()))?;
    if g.verbose > 0 {
        // Per-page lines for tuning: the worst bodies first.
        let mut pages = pages;
        pages.sort_by(|a, b| a.body_f1.total_cmp(&b.body_f1));
        for p in pages {
            eprintln!(
                "{} labelled={} got={} body_p={:.3} body_r={:.3} body_f1={:.3} title_ok={} date_ok={:?}",
                p.id,
                p.labelled_type,
                p.page_type,
                p.body_precision,
                p.body_recall,
                p.body_f1,
                p.title_ok,
                p.date_ok
            );
        }
    }
    if g.quiet {
        return Ok(Outcome::Clean);
    }
    print_out(&match args.format {
        ScoreFormat::Json => format!("{}\n", serde_json::to_string_pretty(&s)?),
        ScoreFormat::Text => {
            let mut out = String::new();
            writeln!(
                out,
                "pages {} ({} articles), {:.0} pages/s of one thread's CPU time",
                s.pages, s.articles, s.pages_per_second
            )?;
            writeln!(out, "body    P {:.4}  R {:.4}  F1 {:.4}", s.body_precision, s.body_recall, s.body_f1)?;
            writeln!(out, "title exact     {:.4}", s.title_exact)?;
            writeln!(out, "author match    {:.4}", s.author_match)?;
            writeln!(out, "date exact      {:.4}  (invented: {})", s.date_exact, s.dates_invented)?;
            writeln!(out, "page type acc.  {:.4}", s.page_type_accuracy)?;
            out
        }
    })?;
    Ok(Outcome::Clean)
}
