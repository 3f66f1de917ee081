//! One module per subcommand: its flags (a clap `Args` struct whose doc comments are the
//! `--help` text) and its `run`.

pub mod analyze;
pub mod demo;
pub mod stories;
