//! One module per subcommand: its flags (a clap `Args` struct whose doc comments are the
//! `--help` text) and its `run`.

pub mod analyze;
pub mod demo;
pub mod eval;
pub mod eval_extract;
pub mod eval_ner;
pub mod eval_quotes;
pub mod eval_stories;
pub mod extract;
pub mod quotes;
pub mod reuse;
pub mod serve;
pub mod stories;
pub mod train;
pub mod train_page_type;
pub mod watch;
