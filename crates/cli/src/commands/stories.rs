use anyhow::Result;
use clap::Args;

use crate::{print_out, render, Format, GlobalArgs, Outcome};

#[derive(Args, Debug)]
pub struct ListArgs {
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// The story's number, as `wiretrace stories` lists it.
    pub id: u64,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn list(g: &GlobalArgs, args: ListArgs) -> Result<Outcome> {
    let stories = g.open_store()?.stories()?;
    if !g.quiet {
        print_out(&render::story_list(&stories, args.format)?)?;
    }
    Ok(if stories.is_empty() { Outcome::SomethingMissing } else { Outcome::Clean })
}

pub fn show(g: &GlobalArgs, args: ShowArgs) -> Result<Outcome> {
    match g.open_store()?.story(args.id)? {
        Some(story) => {
            if !g.quiet {
                print_out(&render::story(&story, args.format)?)?;
            }
            Ok(Outcome::Clean)
        }
        None => {
            eprintln!("no story {} in {}", args.id, g.db.display());
            Ok(Outcome::SomethingMissing)
        }
    }
}
