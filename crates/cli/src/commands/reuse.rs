//! `wiretrace reuse`: the passages articles share, side by side, or every reuse link in the
//! store as JSON lines.

use std::fmt::Write as _;

use anyhow::{bail, Result};
use clap::{Args, ValueEnum};
use serde::Serialize;
use wiretrace_core::{Article, Direction, ReuseLink};

use crate::{print_out, GlobalArgs, Outcome};

#[derive(Args, Debug)]
pub struct ReuseArgs {
    /// The article whose shared passages to show.
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub id: Option<String>,
    /// Every reuse link in the store instead of one article's.
    #[arg(long)]
    pub all: bool,
    /// text (side by side), json (one document), jsonl (one link a line).
    #[arg(long, value_enum)]
    pub format: Option<ReuseFormat>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReuseFormat {
    /// Each passage of both articles, one under the other, with offsets.
    Text,
    /// One JSON document: the article and its links with the text of each passage.
    Json,
    /// One link a line: `{"a", "b", "direction", "passages": [...]}`, offsets only.
    Jsonl,
}

/// A passage with the text of both sides, for `--format json`.
#[derive(Serialize)]
struct SharedPassage<'t> {
    a_start: usize,
    a_end: usize,
    b_start: usize,
    b_end: usize,
    similarity: f32,
    a_text: &'t str,
    b_text: &'t str,
}

#[derive(Serialize)]
struct LinkView<'t> {
    a: &'t str,
    b: &'t str,
    direction: Direction,
    passages: Vec<SharedPassage<'t>>,
}

#[derive(Serialize)]
struct ArticleReuse<'t> {
    article: &'t str,
    links: Vec<LinkView<'t>>,
}

pub fn run(g: &GlobalArgs, args: ReuseArgs) -> Result<Outcome> {
    let store = g.open_store()?;
    if args.all {
        let format = args.format.unwrap_or(ReuseFormat::Jsonl);
        if format != ReuseFormat::Jsonl {
            bail!("`reuse --all` prints JSON lines only: use --format jsonl");
        }
        let links = store.reuse_links()?;
        if !g.quiet {
            print_out(&jsonl(&links)?)?;
        }
        return Ok(if links.is_empty() { Outcome::SomethingMissing } else { Outcome::Clean });
    }
    let Some(id) = args.id else {
        bail!("give an article id or --all");
    };
    let Some(article) = store.article(&id)? else {
        eprintln!("no article {id} in {}", g.db.display());
        return Ok(Outcome::SomethingMissing);
    };
    let links = store.reuse_links_for(&id)?;
    let mut others: Vec<Article> = Vec::new();
    for link in &links {
        let other = if link.a == id { &link.b } else { &link.a };
        if let Some(a) = store.article(other)? {
            others.push(a);
        }
    }
    if !g.quiet {
        let out = match args.format.unwrap_or(ReuseFormat::Text) {
            ReuseFormat::Text => side_by_side(&article, &links, &others),
            ReuseFormat::Json => {
                let view = ArticleReuse { article: &article.id, links: views(&article, &links, &others) };
                serde_json::to_string_pretty(&view)? + "\n"
            }
            ReuseFormat::Jsonl => jsonl(&links)?,
        };
        print_out(&out)?;
    }
    if links.is_empty() {
        eprintln!("article {id} shares no passage with another stored article");
        return Ok(Outcome::SomethingMissing);
    }
    Ok(Outcome::Clean)
}

fn jsonl(links: &[ReuseLink]) -> Result<String> {
    let mut out = String::new();
    for link in links {
        out.push_str(&serde_json::to_string(link)?);
        out.push('\n');
    }
    Ok(out)
}

/// The texts of a link's two articles: `article` and the one among `others` on the other side.
fn sides<'t>(article: &'t Article, link: &ReuseLink, others: &'t [Article]) -> Option<(&'t str, &'t str)> {
    let find = |id: &str| {
        if article.id == id {
            Some(article.text.as_str())
        } else {
            others.iter().find(|o| o.id == id).map(|o| o.text.as_str())
        }
    };
    Some((find(&link.a)?, find(&link.b)?))
}

/// `text[start..end]` in chars, or "" when the offsets fall outside (a stale link).
fn slice_chars(text: &str, start: usize, end: usize) -> &str {
    let mut idx = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len()));
    let Some(from) = idx.nth(start) else { return "" };
    let Some(to) = (if end > start { idx.nth(end - start - 1) } else { Some(from) }) else { return "" };
    &text[from..to]
}

fn views<'t>(article: &'t Article, links: &'t [ReuseLink], others: &'t [Article]) -> Vec<LinkView<'t>> {
    links
        .iter()
        .filter_map(|link| {
            let (ta, tb) = sides(article, link, others)?;
            Some(LinkView {
                a: &link.a,
                b: &link.b,
                direction: link.direction,
                passages: link
                    .passages
                    .iter()
                    .map(|p| SharedPassage {
                        a_start: p.a_start,
                        a_end: p.a_end,
                        b_start: p.b_start,
                        b_end: p.b_end,
                        similarity: p.similarity,
                        a_text: slice_chars(ta, p.a_start, p.a_end),
                        b_text: slice_chars(tb, p.b_start, p.b_end),
                    })
                    .collect(),
            })
        })
        .collect()
}

fn side_by_side(article: &Article, links: &[ReuseLink], others: &[Article]) -> String {
    let mut out = String::new();
    let title = article.title.as_deref().unwrap_or("");
    let _ = writeln!(out, "{} {title}\n{} reuse link(s)", article.id, links.len());
    for view in views(article, links, others) {
        let arrow = match view.direction {
            Direction::AToB => format!("{} copied by {}", view.a, view.b),
            Direction::BToA => format!("{} copied by {}", view.b, view.a),
            Direction::Unknown => "direction unknown".to_string(),
        };
        let _ = writeln!(out, "\n== {} <-> {} ({arrow}), {} passage(s)", view.a, view.b, view.passages.len());
        for (i, p) in view.passages.iter().enumerate() {
            let _ = writeln!(out, "-- passage {} (similarity {:.2})", i + 1, p.similarity);
            let _ = writeln!(out, "  {} [{}..{}]: {}", view.a, p.a_start, p.a_end, one_line(p.a_text));
            let _ = writeln!(out, "  {} [{}..{}]: {}", view.b, p.b_start, p.b_end, one_line(p.b_text));
        }
    }
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_count_chars_and_tolerate_stale_offsets() {
        assert_eq!(slice_chars("Señora Quillan", 7, 14), "Quillan");
        assert_eq!(slice_chars("abc", 1, 1), "");
        assert_eq!(slice_chars("abc", 2, 9), "");
    }
}
