//! The example corpus bundled with wiretrace: fictional articles the team wrote to imitate real
//! coverage (wire copies, rewrites, a broadcaster interview, boilerplate, misspelled names). Its
//! ground truth is `corpus/demo-truth.md`.

use anyhow::Result;
use clap::Args;
use wiretrace_pipeline::Input;

use crate::{Format, GlobalArgs, Outcome};

include!(concat!(env!("OUT_DIR"), "/demo_corpus.rs"));

#[derive(Args, Debug)]
pub struct DemoArgs {
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn run(g: &GlobalArgs, args: DemoArgs) -> Result<Outcome> {
    let inputs: Vec<Input> = DEMO_CORPUS
        .iter()
        .map(|(name, bytes)| Input::Bytes { name: format!("corpus/demo/{name}"), bytes: bytes.to_vec() })
        .collect();
    super::analyze::analyze(g, &inputs, args.format)
}
