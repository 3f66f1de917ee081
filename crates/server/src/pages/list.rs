//! The front page (recent and biggest stories) and the search results page.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use maud::html;
use serde::Deserialize;

use super::{date, layout, plural, PageResult};
use crate::state::AppState;
use crate::views::{self, article_href, StoryDigest};

const RECENT: usize = 20;
const BIGGEST: usize = 10;

pub async fn index(State(state): State<AppState>) -> PageResult {
    let digests = state.digests().await?;
    let recent: Vec<&StoryDigest> = digests.iter().take(RECENT).collect();
    let mut biggest: Vec<&StoryDigest> = digests.iter().collect();
    biggest.sort_by_key(|d| std::cmp::Reverse(d.articles));
    biggest.truncate(BIGGEST);
    Ok(layout(
        "Stories",
        "",
        html! {
            h1 { "Stories" }
            p.lede { (plural(digests.len(), "story", "stories")) " in the store." }
            @if digests.is_empty() {
                p { "No stories yet: run " code { "wiretrace analyze FILES" } " or " code { "wiretrace demo" } " on this store." }
            } @else {
                section #recent {
                    h2 { "Most recent" }
                    (story_table(&recent))
                }
                section #biggest {
                    h2 { "Biggest" }
                    (story_table(&biggest))
                }
            }
        },
    ))
}

fn story_table(stories: &[&StoryDigest]) -> maud::Markup {
    html! {
        table.stories {
            thead { tr { th { "Story" } th.num { "Articles" } th.num { "Outlets" } th.num title="independent origins" { "Origins" } th { "Last update" } } }
            tbody {
                @for s in stories {
                    tr {
                        td {
                            a href=(format!("/stories/{}", s.id)) { (s.title) }
                            @if let Some(summary) = &s.summary { div.summary { (summary) } }
                        }
                        td.num { (s.articles) }
                        td.num { (s.outlets) }
                        td.num { (s.independent_origins) }
                        td { (date(s.last_published)) }
                    }
                }
            }
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct SearchForm {
    #[serde(default)]
    q: String,
}

pub async fn search(
    State(state): State<AppState>,
    form: Result<Query<SearchForm>, QueryRejection>,
) -> PageResult {
    let query = form.map(|Query(f)| f.q).unwrap_or_default();
    if query.trim().is_empty() {
        return Ok(layout(
            "Search",
            "",
            html! {
                h1 { "Search" }
                p { "Type words in the box above: every word must occur; " code { "word*" } " matches a prefix." }
            },
        ));
    }
    let q = query.clone();
    let results = state.with_store(move |store| views::search(store, &q, 50)).await?;
    Ok(layout(
        &format!("Search: {query}"),
        &query,
        html! {
            h1 { "Search: " q { (query) } }
            @if results.hits.is_empty() {
                p.lede { "Nothing found." }
            } @else {
                p.lede { (plural(results.hits.len(), "article", "articles")) ", best first." }
                ol.hits {
                    @for hit in &results.hits {
                        li {
                            a href=(article_href(&hit.article)) { (hit.title.as_deref().unwrap_or(&hit.article)) }
                            " · " span.outlet { (hit.outlet.as_deref().unwrap_or("unknown outlet")) }
                            " · " (date(hit.published))
                            @if let Some(story) = hit.story {
                                " · " a href=(format!("/stories/{story}")) { "story " (story) }
                            }
                        }
                    }
                }
            }
        },
    ))
}
