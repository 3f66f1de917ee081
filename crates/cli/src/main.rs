//! `wiretrace`: news articles in, stories with provenance out.
//!
//! The binary is the only place that knows flags, output formats, progress bars and exit
//! codes: 0 when everything was read, 1 when some input was rejected (or nothing was found),
//! 2 on a usage or store error.

mod demo;
mod render;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use wiretrace_pipeline::{Input, Pipeline, Progress, RunSummary};
use wiretrace_store::Store;

/// Turns a pile or a stream of news articles into stories with provenance: which articles tell
/// the same story, which passages were copied from which report, who said each quote and to
/// whom, and how many independent sources stand behind each story.
#[derive(Parser, Debug)]
#[command(name = "wiretrace", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    global: GlobalArgs,
}

#[derive(Args, Debug)]
struct GlobalArgs {
    /// The SQLite store to read and write.
    #[arg(long, global = true, env = "WIRETRACE_DB", default_value = "wiretrace.db")]
    db: PathBuf,
    /// Print nothing but errors: no progress, no report, no summary.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// More detail on stderr (repeat for more).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    /// Never draw a progress bar, even on a terminal.
    #[arg(long, global = true)]
    no_progress: bool,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Read article files (plain text, JSONL) or folders of them, store them and print the
    /// story report for what was read.
    Analyze {
        /// Files or folders to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Run the pipeline on the example corpus bundled with wiretrace and print its report.
    Demo {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// List the stories in the store, most recent first.
    Stories {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Show one story in full.
    Story {
        /// The story's number, as `wiretrace stories` lists it.
        id: u64,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print the JSON Schema of the `--format json` output.
    Schema,
}

/// How data is printed on stdout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned text for a terminal.
    Text,
    /// Markdown.
    Md,
    /// JSON, as documented by `schema/wiretrace.schema.json`.
    Json,
}

/// What decides the exit code.
enum Outcome {
    Clean,
    SomethingMissing,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(&cli.global);
    match run(cli) {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::SomethingMissing) => ExitCode::from(1),
        Err(err) => {
            // A closed pipe (`wiretrace stories | head`) is not an error.
            if err.chain().any(|e| e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn init_logging(global: &GlobalArgs) {
    let level = match (global.quiet, global.verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        (false, _) => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("WIRETRACE_LOG").unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(io::stderr)
        .with_ansi(io::stderr().is_terminal())
        .without_time()
        .init();
}

fn run(cli: Cli) -> Result<Outcome> {
    let g = &cli.global;
    match cli.command {
        Command::Analyze { paths, format } => {
            let inputs: Vec<Input> = paths.into_iter().map(Input::Path).collect();
            analyze(g, &inputs, format)
        }
        Command::Demo { format } => {
            let inputs: Vec<Input> = demo::DEMO_CORPUS
                .iter()
                .map(|(name, bytes)| Input::Bytes { name: format!("corpus/demo/{name}"), bytes: bytes.to_vec() })
                .collect();
            analyze(g, &inputs, format)
        }
        Command::Stories { format } => {
            let store = open_store(g)?;
            let stories = store.stories()?;
            if !g.quiet {
                print_out(&render::story_list(&stories, format)?)?;
            }
            Ok(if stories.is_empty() { Outcome::SomethingMissing } else { Outcome::Clean })
        }
        Command::Story { id, format } => {
            let store = open_store(g)?;
            match store.story(id)? {
                Some(story) => {
                    if !g.quiet {
                        print_out(&render::story(&story, format)?)?;
                    }
                    Ok(Outcome::Clean)
                }
                None => {
                    eprintln!("no story {id} in {}", g.db.display());
                    Ok(Outcome::SomethingMissing)
                }
            }
        }
        Command::Schema => {
            print_out(&render::schema()?)?;
            Ok(Outcome::Clean)
        }
    }
}

fn open_store(g: &GlobalArgs) -> Result<Store> {
    Store::open(&g.db).with_context(|| format!("cannot open the store {}", g.db.display()))
}

fn analyze(g: &GlobalArgs, inputs: &[Input], format: Format) -> Result<Outcome> {
    let mut store = open_store(g)?;
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
    if !g.quiet {
        let stories: Vec<_> = summary.stories.iter().map(|&id| store.story(id)).collect::<Result<Vec<_>, _>>()?.into_iter().flatten().collect();
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
    bar.set_style(ProgressStyle::with_template("{spinner} {msg:24} [{bar:30}] {pos}/{len}").ok()?.progress_chars("=> "));
    Some(bar)
}

fn print_out(text: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}
