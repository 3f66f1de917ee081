//! The story page: what happened, who reported it first, who copied whom, who said what.

use std::collections::{BTreeMap, HashMap};

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use maud::{html, Markup};
use wiretrace_core::{ArticleId, OriginKind, Story, StoryQuote};

use super::{date, layout, plural, PageResult};
use crate::api::story_id;
use crate::error::Problem;
use crate::graph::{drawable, provenance_svg};
use crate::highlight::{word_diff, WordChange};
use crate::state::AppState;
use crate::views::{self, article_href, ArticleMeta};

const TOP_ENTITIES: usize = 15;
/// Outlets named per quote or origin; the rest are counted, so a huge story stays a page.
const NAMED: usize = 12;

pub async fn story(State(state): State<AppState>, id: Result<Path<String>, PathRejection>) -> PageResult {
    let id = story_id(id)?;
    let Some(page) = state.with_store(move |store| views::story_page(store, id)).await? else {
        return Err(Problem::story_not_found(id).into());
    };
    let (story, metas) = (&page.story, &page.metas);
    let outlet = |id: &ArticleId| metas.get(id).map_or(id.as_str(), ArticleMeta::outlet_or_id).to_owned();

    Ok(layout(
        &story.title,
        "",
        html! {
            article.story {
                h1 { (story.title) }
                @if let Some(summary) = &story.summary { p.lede { (summary) } }
                dl.facts {
                    div.independent { dt { "Independent origins" } dd #independent-origins { (story.independent_origins) } }
                    div { dt { "Articles" } dd { (story.articles.len()) } }
                    div { dt { "Outlets" } dd { (story.outlets.len()) } }
                    div { dt { "First report" } dd { (date(story.first_published)) } }
                    div { dt { "Last update" } dd { (date(story.last_published)) } }
                }
                p.explain {
                    (plural(story.articles.len(), "article", "articles")) " from "
                    (plural(story.outlets.len(), "outlet", "outlets")) " rest on "
                    strong { (plural(story.independent_origins, "independent origin", "independent origins")) }
                    ": the wires, broadcasters and outlets whose own reporting the rest carry."
                }

                section #graph {
                    h2 { "Provenance" }
                    p.legend {
                        span.key.member { "carries reporting of" } " "
                        span.key.copy { "copied passages (arrow: who copied whom)" } " "
                        span.key.unknown { "shared passages, direction unknown" }
                    }
                    @let drawn = drawable(story);
                @if drawn.articles.len() < story.articles.len() {
                    p.explain { "The graph shows the " (drawn.articles.len()) " best-connected of the "
                        (story.articles.len()) " articles; the timeline lists them all." }
                }
                div.graph { (provenance_svg(&drawn, metas)) }
                    (origins(story, &outlet))
                }

                section #timeline {
                    h2 { "Timeline" }
                    (timeline(story, metas))
                }

                section #quotes {
                    h2 { "Quotes" }
                    (quotes(story, &outlet))
                }

                @if !story.claims.is_empty() {
                    section #claims {
                        h2 { "Claims and numbers" }
                        ul.claims {
                            @for claim in &story.claims {
                                li {
                                    strong.number { (claim.number) } " — " q { (claim.text) }
                                    p.meta {
                                        @if !claim.sources.is_empty() { "according to " (claim.sources.join(", ")) " · " }
                                        "carried by "
                                        (outlet_links(&claim.articles, &outlet))
                                        " · " (plural(claim.independent_origins, "independent origin", "independent origins"))
                                    }
                                }
                            }
                        }
                    }
                }

                section #entities {
                    h2 { "Who and what" }
                    (entities(story))
                }
            }
        },
    ))
}

fn origins(story: &Story, outlet: &dyn Fn(&ArticleId) -> String) -> Markup {
    html! {
        ul.origins {
            @for origin in &story.origins {
                li {
                    strong { (origin.name) }
                    " (" (if origin.kind == OriginKind::OwnReporting { "own reporting" } else { "named as source" }) ") — "
                    (outlet_links(&origin.articles, outlet))
                }
            }
        }
    }
}

/// Articles in time order, grouped by event when the story has several.
fn timeline(story: &Story, metas: &HashMap<ArticleId, ArticleMeta>) -> Markup {
    let sorted = |ids: &[ArticleId]| -> Vec<ArticleMeta> {
        let mut list: Vec<ArticleMeta> = ids
            .iter()
            .map(|id| {
                metas.get(id).cloned().unwrap_or(ArticleMeta {
                    id: id.clone(),
                    title: None,
                    outlet: None,
                    published: None,
                })
            })
            .collect();
        // Undated last, then by time, then id for a stable page.
        list.sort_by(|a, b| {
            (a.published.is_none(), a.published, &a.id).cmp(&(b.published.is_none(), b.published, &b.id))
        });
        list
    };
    let list = |items: Vec<ArticleMeta>| {
        html! {
            ol.timeline {
                @for m in &items {
                    li {
                        (date(m.published)) " "
                        span.outlet { (m.outlet.as_deref().unwrap_or("unknown outlet")) } " "
                        a.article-link href=(article_href(&m.id)) { (m.title_or_id()) }
                    }
                }
            }
        }
    };
    html! {
        @if story.events.len() > 1 {
            @for event in &story.events {
                h3.event { (event.title) }
                (list(sorted(&event.articles)))
            }
        } @else {
            (list(sorted(&story.articles)))
        }
    }
}

/// Quotes by speaker, the most widely carried speakers first.
fn quotes(story: &Story, outlet: &dyn Fn(&ArticleId) -> String) -> Markup {
    let mut by_speaker: BTreeMap<&str, Vec<&StoryQuote>> = BTreeMap::new();
    for q in &story.quotes {
        by_speaker.entry(q.speaker.as_deref().unwrap_or("")).or_default().push(q);
    }
    let mut groups: Vec<(&str, Vec<&StoryQuote>)> = by_speaker.into_iter().collect();
    let reach = |qs: &[&StoryQuote]| qs.iter().map(|q| q.articles.len()).sum::<usize>();
    // Unattributed quotes go last whatever their reach.
    groups.sort_by_key(|(speaker, qs)| (speaker.is_empty(), std::cmp::Reverse(reach(qs))));
    html! {
        @if groups.is_empty() {
            p { "No quotes found in this story." }
        }
        @for (speaker, qs) in &groups {
            div.speaker {
                h3 { @if speaker.is_empty() { "Speaker not identified" } @else { (speaker) } }
                ul.quotes {
                    @for q in qs {
                        li.quote {
                            blockquote { (q.text) }
                            p.meta {
                                @if let Some(medium) = &q.medium { "to " strong { (medium) } " · " }
                                "carried by " (outlet_links(&q.articles, outlet))
                                " · " (plural(q.independent_origins, "independent origin", "independent origins"))
                            }
                            @if !q.variants.is_empty() {
                                details.variants {
                                    summary { (plural(q.variants.len(), "variant", "variants")) }
                                    ul {
                                        @for v in q.variants.iter().take(NAMED) {
                                            li {
                                                a href=(article_href(&v.article)) { (outlet(&v.article)) } ": "
                                                (diff(&q.text, &v.text))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Links to the first [`NAMED`] articles by outlet, then how many more.
fn outlet_links(ids: &[ArticleId], outlet: &dyn Fn(&ArticleId) -> String) -> Markup {
    html! {
        @for (i, id) in ids.iter().take(NAMED).enumerate() {
            @if i > 0 { ", " }
            a href=(article_href(id)) { (outlet(id)) }
        }
        @if ids.len() > NAMED { " and " (ids.len() - NAMED) " more" }
    }
}

fn diff(main: &str, variant: &str) -> Markup {
    html! {
        span.diff {
            @for (i, change) in word_diff(main, variant).into_iter().enumerate() {
                @if i > 0 { " " }
                @match change {
                    WordChange::Same(w) => (w),
                    WordChange::Added(w) => ins { (w) },
                    WordChange::Removed(w) => del { (w) },
                }
            }
        }
    }
}

fn entities(story: &Story) -> Markup {
    let mut top: Vec<_> = story.entities.iter().collect();
    top.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.name.cmp(&b.name)));
    top.truncate(TOP_ENTITIES);
    html! {
        @if top.is_empty() {
            p { "No entities found." }
        } @else {
            table.entities {
                thead { tr { th { "Name" } th { "Kind" } th.num { "Mentions" } th.num { "Articles" } th { "Also written" } } }
                tbody {
                    @for e in top {
                        tr {
                            td { (e.name) }
                            td { (e.kind.as_str()) }
                            td.num { (e.mentions) }
                            td.num { (e.articles.len()) }
                            td { (e.variants.join(", ")) }
                        }
                    }
                }
            }
        }
    }
}
