//! The article page: its text with every copied passage marked and linked to the same passage
//! in the other article.
//!
//! A passage's anchor is its start in the article's text (`p812`: the passage starting at char
//! 812), so the link to its counterpart (`/articles/other#p40`) is known from the passage
//! alone, with no need to read the other article's links; the label shows its number in text
//! order.

use std::collections::HashMap;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use maud::html;
use wiretrace_core::{ArticleId, Direction, ReuseLink, Span, StoryId};
use wiretrace_store::Store;

use super::{date, layout, plural, source_url, PageResult};
use crate::error::{Problem, Result};
use crate::highlight::{marked_text, Marker};
use crate::state::AppState;
use crate::views::{self, article_href, ArticleMeta, ArticleView};

/// One copied passage as seen from one article.
#[derive(Clone, Debug, PartialEq)]
struct Numbered {
    /// The passage's number in this article (1-based).
    number: usize,
    span: Span,
    other: ArticleId,
    /// The passage's index in its link: the same in both articles' lists.
    index: usize,
}

/// The passages `article` shares, numbered in text order.
fn numbered(article: &str, links: &[ReuseLink]) -> Vec<Numbered> {
    let mut all: Vec<Numbered> = links
        .iter()
        .flat_map(|link| {
            let (this_is_a, other) = if link.a == article { (true, &link.b) } else { (false, &link.a) };
            link.passages.iter().enumerate().map(move |(index, p)| Numbered {
                number: 0,
                span: if this_is_a { p.a() } else { p.b() },
                other: other.clone(),
                index,
            })
        })
        .collect();
    all.sort_by(|x, y| {
        (x.span.start, x.span.end, &x.other, x.index).cmp(&(y.span.start, y.span.end, &y.other, y.index))
    });
    for (i, n) in all.iter_mut().enumerate() {
        n.number = i + 1;
    }
    all
}

struct ArticlePage {
    view: ArticleView,
    passages: Vec<Numbered>,
    /// (other article, passage index) → where the passage starts in the other article.
    counterparts: HashMap<(ArticleId, usize), usize>,
    others: HashMap<ArticleId, ArticleMeta>,
    story_title: Option<(StoryId, String)>,
}

fn load(store: &Store, id: &str) -> Result<Option<ArticlePage>> {
    let Some(view) = views::article_view(store, id)? else { return Ok(None) };
    let passages = numbered(id, &view.reuse);
    let mut counterparts = HashMap::new();
    let mut others = HashMap::new();
    for link in &view.reuse {
        let this_is_a = link.a == id;
        let other = if this_is_a { &link.b } else { &link.a };
        for (index, p) in link.passages.iter().enumerate() {
            counterparts.insert((other.clone(), index), if this_is_a { p.b_start } else { p.a_start });
        }
        if let Some(article) = store.article(other)? {
            others.insert(other.clone(), ArticleMeta::of(&article));
        }
    }
    let story_title = match view.story {
        Some(sid) => store.story(sid)?.map(|s| (sid, s.title)),
        None => None,
    };
    Ok(Some(ArticlePage { view, passages, counterparts, others, story_title }))
}

pub async fn article(
    State(state): State<AppState>,
    id: std::result::Result<Path<String>, PathRejection>,
) -> PageResult {
    let Path(id) = id.map_err(|e| Problem::bad("bad_parameter", e.body_text()))?;
    let key = id.clone();
    let Some(page) = state.with_store(move |store| load(store, &key)).await? else {
        return Err(Problem::article_not_found(&id).into());
    };
    let a = &page.view.article;
    let other_name = |other: &ArticleId| {
        page.others.get(other).map_or(other.as_str(), ArticleMeta::outlet_or_id).to_owned()
    };
    let mut anchored = std::collections::HashSet::new();
    let markers: Vec<Marker> = page
        .passages
        .iter()
        .map(|n| {
            let there = page.counterparts.get(&(n.other.clone(), n.index));
            Marker {
                span: n.span,
                number: n.number,
                // Passages shared with several articles may start at one place: one id there.
                anchor: anchored.insert(n.span.start).then(|| anchor(n.span.start)),
                href: match there {
                    Some(&start) => format!("{}#{}", article_href(&n.other), anchor(start)),
                    None => article_href(&n.other),
                },
                label: format!("also in {}", other_name(&n.other)),
            }
        })
        .collect();
    let title = a.title.clone().unwrap_or_else(|| a.id.clone());

    Ok(layout(
        &title,
        "",
        html! {
            article.article {
                @if let Some((sid, story_title)) = &page.story_title {
                    p.crumb { "Story: " a href=(format!("/stories/{sid}")) { (story_title) } }
                }
                h1 { (title) }
                p.byline {
                    span.outlet { (a.outlet.as_deref().unwrap_or("unknown outlet")) }
                    " · " (date(a.published))
                    @if !a.authors.is_empty() { " · by " (a.authors.join(", ")) }
                }
                @if let Some(url) = &a.url { p.url { (source_url(url)) } }

                @if !page.passages.is_empty() {
                    p.explain {
                        (plural(page.passages.len(), "passage", "passages")) " of this article also appear elsewhere: "
                        mark.copied { "marked" } "; each numbered link leads to the same passage in the other article."
                    }
                }
                div #text.text { (marked_text(&a.text, &markers)) }

                @if !page.view.reuse.is_empty() {
                    section #reuse {
                        h2 { "Shared with" }
                        table.reuse {
                            thead { tr { th { "Article" } th { "Direction" } th.num { "Passages" } th.num { "Chars here" } th.num { "Similarity" } } }
                            tbody {
                                @for link in &page.view.reuse {
                                    @let this_is_a = link.a == a.id;
                                    @let other = if this_is_a { &link.b } else { &link.a };
                                    @let chars: usize = link.passages.iter().map(|p| if this_is_a { p.a().len() } else { p.b().len() }).sum();
                                    @let similarity = link.passages.iter().map(|p| p.similarity).sum::<f32>() / link.passages.len().max(1) as f32;
                                    tr {
                                        td {
                                            a href=(article_href(other)) { (other_name(other)) }
                                            @if let Some(t) = page.others.get(other).and_then(|m| m.title.as_deref()) { " — " (t) }
                                        }
                                        td { (direction(link.direction, this_is_a)) }
                                        td.num { (link.passages.len()) }
                                        td.num { (chars) }
                                        td.num { (format!("{similarity:.2}")) }
                                    }
                                }
                            }
                        }
                    }
                }

                @if !page.view.quotes.is_empty() {
                    section #article-quotes {
                        h2 { "Quotes" }
                        ul.quotes {
                            @for q in &page.view.quotes {
                                li {
                                    q { (q.text) } " — " (q.speaker.as_deref().unwrap_or("speaker not identified"))
                                    @if let Some(m) = &q.medium { ", to " (m) }
                                }
                            }
                        }
                    }
                }
            }
        },
    ))
}

/// The element id of the passage starting at char `start`.
fn anchor(start: usize) -> String {
    format!("p{start}")
}

fn direction(direction: Direction, this_is_a: bool) -> &'static str {
    match (direction, this_is_a) {
        (Direction::AToB, true) | (Direction::BToA, false) => "copied from this article",
        (Direction::AToB, false) | (Direction::BToA, true) => "this article copied it",
        (Direction::Unknown, _) => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiretrace_core::Passage;

    fn passage(a: (usize, usize), b: (usize, usize)) -> Passage {
        Passage { a_start: a.0, a_end: a.1, b_start: b.0, b_end: b.1, similarity: 1.0 }
    }

    #[test]
    fn passages_are_numbered_in_text_order_on_each_side() {
        let links = vec![
            ReuseLink {
                a: "m".into(),
                b: "x".into(),
                direction: Direction::AToB,
                passages: vec![passage((50, 60), (0, 10)), passage((5, 9), (20, 24))],
            },
            ReuseLink {
                a: "k".into(),
                b: "m".into(),
                direction: Direction::Unknown,
                passages: vec![passage((0, 4), (20, 30))],
            },
        ];
        let m = numbered("m", &links);
        let order: Vec<(usize, &str, usize)> =
            m.iter().map(|n| (n.span.start, n.other.as_str(), n.number)).collect();
        assert_eq!(order, vec![(5, "x", 1), (20, "k", 2), (50, "x", 3)]);
        // Seen from x, the passage at m:50 is x's first.
        let x = numbered("x", &links[..1]);
        assert_eq!((x[0].span.start, x[0].index, x[0].number), (0, 0, 1));
    }
}
