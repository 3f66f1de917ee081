use std::io::{self, IsTerminal};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use wiretrace_pipeline::{Input, Pipeline, Progress, RunSummary};

use crate::{print_out, render, Format, GlobalArgs, Outcome};

#[derive(Args, Debug)]
pub struct AnalyzeArgs {
    /// Files or folders to read (.txt plain text, .jsonl one article a line).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn run(g: &GlobalArgs, args: AnalyzeArgs) -> Result<Outcome> {
    let inputs: Vec<Input> = args.paths.into_iter().map(Input::Path).collect();
    analyze(g, &inputs, args.format)
}

/// Runs the pipeline over `inputs` into the store, prints the report of the stories that hold
/// what was read, and the run summary on stderr.
pub fn analyze(g: &GlobalArgs, inputs: &[Input], format: Format) -> Result<Outcome> {
    let mut store = g.open_store()?;
    let bar = progress_bar(g);
    let summary = {
        let bar = bar.clone();
        let mut pipeline = Pipeline::new(&mut store).on_progress(move |p: Progress| {
            if let Some(bar) = &bar {
                bar.set_message(p.stage.label());
                bar.set_length(p.total as u64);
                bar.set_position(p.done as u64);
            }
        });
        pipeline.run(inputs).context("the pipeline stopped")?
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    for rejection in &summary.rejections {
        eprintln!("rejected: {rejection}");
    }
    store.record_rejections(&summary.rejections)?;
    if !g.quiet {
        let mut stories = Vec::new();
        for &id in &summary.stories {
            stories.extend(store.story(id)?);
        }
        print_out(&render::stories(&stories, format)?)?;
        eprintln!("{}", summary_line(&summary));
    }
    Ok(if summary.rejections.is_empty() { Outcome::Clean } else { Outcome::SomethingMissing })
}

fn summary_line(s: &RunSummary) -> String {
    format!(
        "read {} articles: {} new, {} already stored, {} rejected; {} copied-passage links, {} quotes; {} stories",
        s.articles_read,
        s.new_articles,
        s.duplicates.len(),
        s.rejections.len(),
        s.reuse_links_found,
        s.quotes_found,
        s.stories.len()
    )
}

/// A bar on stderr, only when a person is watching it.
fn progress_bar(g: &GlobalArgs) -> Option<ProgressBar> {
    if g.quiet || g.no_progress || !io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg:24} [{bar:30}] {pos}/{len}").ok()?.progress_chars("=> "),
    );
    Some(bar)
}
