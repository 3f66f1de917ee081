//! `wiretrace`: news articles in, stories with provenance out.
//!
//! The binary is the only place that knows flags, output formats, progress bars and exit
//! codes: 0 when everything was read, 1 when some input was rejected (or nothing was found),
//! 2 on a usage or store error. Each subcommand lives in `commands/<name>.rs`.

mod commands;
mod render;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
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

/// Flags every subcommand takes.
#[derive(Args, Debug)]
pub struct GlobalArgs {
    /// The SQLite store to read and write.
    #[arg(long, global = true, env = "WIRETRACE_DB", default_value = "wiretrace.db")]
    pub db: PathBuf,
    /// Print nothing but errors: no progress, no report, no summary.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// More detail on stderr (repeat for more).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Never draw a progress bar, even on a terminal.
    #[arg(long, global = true)]
    pub no_progress: bool,
}

impl GlobalArgs {
    pub fn open_store(&self) -> Result<Store> {
        Store::open(&self.db).with_context(|| format!("cannot open the store {}", self.db.display()))
    }
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Read article files (plain text, JSONL) or folders of them, store them and print the
    /// story report for what was read.
    Analyze(commands::analyze::AnalyzeArgs),
    /// Run the pipeline on the example corpus bundled with wiretrace and print its report.
    Demo(commands::demo::DemoArgs),
    /// List the stories in the store, most recent first.
    Stories(commands::stories::ListArgs),
    /// Show one story in full.
    Story(commands::stories::ShowArgs),
    /// Show the passages an article shares with other stored articles, side by side; with
    /// `--all --format jsonl`, every reuse link in the store, one a line.
    Reuse(commands::reuse::ReuseArgs),
    /// List the stored quotes (or one story's), grouped by speaker, with medium and offsets.
    Quotes(commands::quotes::QuotesArgs),
    /// Print the JSON Schema of a story as `--format json` prints it.
    Schema,
    /// Serve the store as web pages (a page per story, with its provenance graph) and a JSON
    /// API under /api/.
    Serve(commands::serve::ServeArgs),
    /// Score a stage against labelled data and print precision, recall and F1.
    #[command(subcommand)]
    Eval(commands::eval::EvalCommand),
    /// Print what wiretrace extracts from HTML pages (.html, .html.gz): metadata, page type,
    /// body text. Nothing is stored.
    Extract(commands::extract::ExtractArgs),
    /// Poll RSS/Atom feeds (URLs or files) and ingest new items as they appear; Ctrl-C stops
    /// after the current batch.
    Watch(commands::watch::WatchArgs),
    /// Train a model from labelled data (`wiretrace train ner ...`).
    #[command(subcommand)]
    Train(commands::train::TrainCommand),
}

/// How data is printed on stdout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned text for a terminal.
    Text,
    /// Markdown.
    Md,
    /// JSON, as documented by `schema/story.schema.json`.
    Json,
}

/// What decides the exit code when nothing failed.
pub enum Outcome {
    /// Everything was read or found: exit 0.
    Clean,
    /// Some input was rejected, or what was asked for is not there: exit 1.
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
            if err
                .chain()
                .any(|e| e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
            {
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
    let filter = tracing_subscriber::EnvFilter::try_from_env("WIRETRACE_LOG")
        // html5ever warns on every table it repairs ("foster parenting"); pages are like that.
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(format!("{level},html5ever=error")));
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
        Command::Analyze(args) => commands::analyze::run(g, args),
        Command::Demo(args) => commands::demo::run(g, args),
        Command::Stories(args) => commands::stories::list(g, args),
        Command::Story(args) => commands::stories::show(g, args),
        Command::Eval(command) => commands::eval::run(g, command),
        Command::Quotes(args) => commands::quotes::run(g, args),
        Command::Extract(args) => commands::extract::run(g, args),
        Command::Watch(args) => commands::watch::run(g, args),
        Command::Train(command) => commands::train::run(g, command),
        Command::Serve(args) => commands::serve::run(g, args),
        Command::Reuse(args) => commands::reuse::run(g, args),
        Command::Schema => {
            print_out(&render::schema()?)?;
            Ok(Outcome::Clean)
        }
    }
}

/// Writes data to stdout (people's messages go to stderr).
pub fn print_out(text: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}
