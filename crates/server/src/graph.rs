//! The provenance graph of a story as inline SVG: origins in the first column, then articles in
//! columns by how far down a copy chain they sit (first reports, copies, copies of copies),
//! each column ordered to keep edges short (barycentre of what feeds it). Edges: origin →
//! article for the reporting an article carries, article → article for copied passages (an
//! arrow when the direction is known, dashed when not), thicker for more copied text.
//!
//! One row per node keeps labels readable at any size: 50 articles make a 1,200 px column.

use std::collections::HashMap;

use maud::{html, Markup};
use wiretrace_core::{ArticleId, Direction, OriginKind, Story};

use crate::views::{article_href, ArticleMeta};

const ROW: f32 = 24.0;
const NODE_H: f32 = 18.0;
const ORIGIN_W: f32 = 160.0;
const ARTICLE_W: f32 = 230.0;
const GAP: f32 = 100.0;
const PAD: f32 = 10.0;
const HEADER: f32 = 26.0;
/// Room on the right for arcs between articles of one column.
const ARC_ROOM: f32 = 70.0;
/// Copy chains deeper than this share the last column.
const MAX_DEPTH: usize = 3;

/// A node's place: column, and top y.
#[derive(Clone, Copy, Debug)]
struct Place {
    col: usize,
    x: f32,
    y: f32,
    width: f32,
}

impl Place {
    fn mid_y(&self) -> f32 {
        self.y + NODE_H / 2.0
    }
    fn right(&self) -> f32 {
        self.x + self.width
    }
}

/// A copy edge between two articles of the story, by index.
struct CopyEdge {
    from: usize,
    to: usize,
    directed: bool,
    passages: usize,
    chars: usize,
}

/// Past this many articles a graph stops being readable (and a page stops being small): the
/// best-connected articles are drawn and the page says how many were left out.
pub const MAX_NODES: usize = 120;

/// The story cut down to the [`MAX_NODES`] articles with the most copy links, ties to the
/// earliest; the story itself when it is small enough.
pub fn drawable(story: &Story) -> std::borrow::Cow<'_, Story> {
    if story.articles.len() <= MAX_NODES {
        return std::borrow::Cow::Borrowed(story);
    }
    let mut degree: HashMap<&str, usize> = story.articles.iter().map(|id| (id.as_str(), 0)).collect();
    for link in &story.reuse {
        for id in [&link.a, &link.b] {
            if let Some(d) = degree.get_mut(id.as_str()) {
                *d += 1;
            }
        }
    }
    let mut ranked: Vec<(usize, &ArticleId)> = story.articles.iter().enumerate().collect();
    ranked.sort_by_key(|(i, id)| (std::cmp::Reverse(degree[id.as_str()]), *i));
    let keep: std::collections::HashSet<&str> =
        ranked.iter().take(MAX_NODES).map(|(_, id)| id.as_str()).collect();
    let mut cut = story.clone();
    cut.articles.retain(|id| keep.contains(id.as_str()));
    cut.reuse.retain(|l| keep.contains(l.a.as_str()) && keep.contains(l.b.as_str()));
    for origin in &mut cut.origins {
        origin.articles.retain(|id| keep.contains(id.as_str()));
    }
    cut.origins.retain(|o| !o.articles.is_empty());
    std::borrow::Cow::Owned(cut)
}

pub fn provenance_svg(story: &Story, metas: &HashMap<ArticleId, ArticleMeta>) -> Markup {
    let index: HashMap<&str, usize> =
        story.articles.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
    let n = story.articles.len();

    let mut copies = Vec::new();
    for link in &story.reuse {
        let (Some(&a), Some(&b)) = (index.get(link.a.as_str()), index.get(link.b.as_str())) else { continue };
        let (from, to, directed) = match link.direction {
            Direction::AToB => (a, b, true),
            Direction::BToA => (b, a, true),
            Direction::Unknown => (a, b, false),
        };
        copies.push(CopyEdge {
            from,
            to,
            directed,
            passages: link.passages.len(),
            chars: link.shared_chars_a(),
        });
    }

    // Depth in the copy chains; bounded, so a cycle of contradictory directions still ends.
    let mut depth = vec![0usize; n];
    for _ in 0..n {
        let mut changed = false;
        for e in copies.iter().filter(|e| e.directed) {
            let want = (depth[e.from] + 1).min(MAX_DEPTH);
            if depth[e.to] < want {
                depth[e.to] = want;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }

    // Origins: biggest first. Articles: start from origin order, then date.
    let mut origins: Vec<usize> = (0..story.origins.len()).collect();
    origins.sort_by(|&a, &b| {
        let (a, b) = (&story.origins[a], &story.origins[b]);
        b.articles.len().cmp(&a.articles.len()).then_with(|| a.name.cmp(&b.name))
    });
    let origin_rank: HashMap<usize, usize> = origins.iter().enumerate().map(|(rank, &o)| (o, rank)).collect();
    let mut feeds: Vec<Vec<usize>> = vec![Vec::new(); n]; // origins feeding each article
    for (o, origin) in story.origins.iter().enumerate() {
        for id in &origin.articles {
            if let Some(&i) = index.get(id.as_str()) {
                feeds[i].push(o);
            }
        }
    }

    let columns = depth.iter().max().map_or(0, |d| d + 1);
    let mut rank = vec![0.0f32; n]; // position within its column, filled column by column
    let mut by_column: Vec<Vec<usize>> = vec![Vec::new(); columns];
    for (i, &d) in depth.iter().enumerate() {
        by_column[d].push(i);
    }
    for (c, column) in by_column.iter_mut().enumerate() {
        let key = |i: usize| -> f32 {
            // Barycentre of the nodes to the left that feed this one.
            let mut sum = 0.0;
            let mut count = 0.0;
            for o in &feeds[i] {
                sum += origin_rank[o] as f32 * articles_per_origin_row(n, story.origins.len());
                count += 1.0;
            }
            for e in copies.iter().filter(|e| e.to == i && depth[e.from] < c) {
                sum += rank[e.from];
                count += 1.0;
            }
            if count == 0.0 {
                f32::MAX
            } else {
                sum / count
            }
        };
        let mut keyed: Vec<(f32, usize)> = column.iter().map(|&i| (key(i), i)).collect();
        keyed.sort_by(|a, b| {
            a.0.total_cmp(&b.0).then_with(|| {
                let (ma, mb) = (metas.get(&story.articles[a.1]), metas.get(&story.articles[b.1]));
                let pa = ma.and_then(|m| m.published);
                let pb = mb.and_then(|m| m.published);
                pa.cmp(&pb).then(a.1.cmp(&b.1))
            })
        });
        *column = keyed.into_iter().map(|(_, i)| i).collect();
        for (r, &i) in column.iter().enumerate() {
            rank[i] = r as f32;
        }
    }

    // Geometry: every column centred on the tallest.
    let tallest = by_column.iter().map(Vec::len).chain([origins.len()]).max().unwrap_or(0);
    let column_top = |rows: usize| HEADER + (tallest - rows) as f32 * ROW / 2.0;
    let column_x =
        |col: usize| if col == 0 { PAD } else { PAD + ORIGIN_W + GAP + (col - 1) as f32 * (ARTICLE_W + GAP) };
    let origin_place: HashMap<usize, Place> = origins
        .iter()
        .enumerate()
        .map(|(r, &o)| {
            (
                o,
                Place {
                    col: 0,
                    x: column_x(0),
                    y: column_top(origins.len()) + r as f32 * ROW,
                    width: ORIGIN_W,
                },
            )
        })
        .collect();
    let mut article_place = vec![Place { col: 1, x: 0.0, y: 0.0, width: ARTICLE_W }; n];
    for (c, column) in by_column.iter().enumerate() {
        for (r, &i) in column.iter().enumerate() {
            article_place[i] = Place {
                col: c + 1,
                x: column_x(c + 1),
                y: column_top(column.len()) + r as f32 * ROW,
                width: ARTICLE_W,
            };
        }
    }
    let width = column_x(columns.max(1)) + ARTICLE_W + ARC_ROOM + PAD;
    let height = HEADER + tallest.max(1) as f32 * ROW + PAD;

    let name =
        |i: usize| metas.get(&story.articles[i]).map_or(story.articles[i].as_str(), |m| m.outlet_or_id());
    let headers = ["origins", "first reports", "copies", "copies of copies"];

    html! {
        svg.provenance xmlns="http://www.w3.org/2000/svg" role="img"
            width=(fmt(width)) height=(fmt(height)) viewBox=(format!("0 0 {} {}", fmt(width), fmt(height)))
            aria-label=(format!("Provenance graph: {} origins, {} articles", story.origins.len(), n)) {
            defs {
                marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9"
                    orient="auto-start-reverse" {
                    path d="M0,0 L10,5 L0,10 z" class="arrowhead" {}
                }
            }
            @for col in 0..=columns {
                text.colhead x=(fmt(column_x(col))) y="14" { (headers[col.min(headers.len() - 1)]) }
            }
            // Edges first, so nodes sit on top of them.
            @for (o, origin) in story.origins.iter().enumerate() {
                @for id in &origin.articles {
                    @if let Some(&i) = index.get(id.as_str()) {
                        path.member d=(curve(&origin_place[&o], &article_place[i])) {
                            title { (origin.name) " → " (name(i)) }
                        }
                    }
                }
            }
            @for e in &copies {
                @let (from, to) = (&article_place[e.from], &article_place[e.to]);
                path class=(if e.directed { "copy" } else { "copy unknown" })
                    d=(if from.col == to.col { arc(from, to) } else { curve(from, to) })
                    stroke-width=(fmt(1.0 + (e.chars as f32 / 250.0).min(4.0)))
                    marker-end=[e.directed.then_some("url(#arrow)")] {
                    title {
                        (name(e.from)) (if e.directed { " → " } else { " — " }) (name(e.to)) ": "
                        (e.passages) " copied passage" (if e.passages == 1 { "" } else { "s" })
                        ", " (e.chars) " chars"
                    }
                }
            }
            @for &o in &origins {
                @let origin = &story.origins[o];
                @let p = origin_place[&o];
                g.node.origin.own[origin.kind == OriginKind::OwnReporting] {
                    title { (origin.name) ": " (origin.articles.len()) " article(s)" }
                    rect x=(fmt(p.x)) y=(fmt(p.y)) width=(fmt(p.width)) height=(fmt(NODE_H)) rx="4" {}
                    text x=(fmt(p.x + 5.0)) y=(fmt(p.y + 13.0)) {
                        (truncate(&origin.name, 19)) " (" (origin.articles.len()) ")"
                    }
                }
            }
            @for (i, id) in story.articles.iter().enumerate() {
                @let p = article_place[i];
                @let meta = metas.get(id);
                a href=(article_href(id)) {
                    g.node.article {
                        title { (name(i)) ": " (meta.map_or(id.as_str(), |m| m.title_or_id())) }
                        rect x=(fmt(p.x)) y=(fmt(p.y)) width=(fmt(p.width)) height=(fmt(NODE_H)) rx="4" {}
                        @let outlet = truncate(name(i), 16);
                        @let room = 36 - outlet.chars().count();
                        text x=(fmt(p.x + 5.0)) y=(fmt(p.y + 13.0)) {
                            tspan.outlet { (outlet) }
                            " " (truncate(meta.map_or(id.as_str(), |m| m.title_or_id()), room))
                        }
                    }
                }
            }
        }
    }
}

/// Origins sit in a column of their own whose rows do not line up with the article columns;
/// scaling the origin rank by this keeps the barycentres comparable.
fn articles_per_origin_row(articles: usize, origins: usize) -> f32 {
    if origins == 0 {
        1.0
    } else {
        articles as f32 / origins as f32
    }
}

/// A left-to-right S curve from the side of `from` facing `to` to the side of `to` facing it.
fn curve(from: &Place, to: &Place) -> String {
    let (x1, x2) = if from.col <= to.col { (from.right(), to.x) } else { (from.x, to.right()) };
    let (y1, y2) = (from.mid_y(), to.mid_y());
    let bend = (x2 - x1) / 2.0;
    format!(
        "M{},{} C{},{} {},{} {},{}",
        fmt(x1),
        fmt(y1),
        fmt(x1 + bend),
        fmt(y1),
        fmt(x2 - bend),
        fmt(y2),
        fmt(x2),
        fmt(y2)
    )
}

/// An arc on the right of one column, between two of its nodes.
fn arc(from: &Place, to: &Place) -> String {
    let x = from.right();
    let (y1, y2) = (from.mid_y(), to.mid_y());
    let reach = (18.0 + (y2 - y1).abs() * 0.12).min(ARC_ROOM - 8.0);
    format!(
        "M{},{} C{},{} {},{} {},{}",
        fmt(x),
        fmt(y1),
        fmt(x + reach),
        fmt(y1),
        fmt(x + reach),
        fmt(y2),
        fmt(x),
        fmt(y2)
    )
}

fn fmt(v: f32) -> String {
    format!("{:.1}", v)
}

/// At most `max` chars, with an ellipsis when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiretrace_core::{Origin, Passage, ReuseLink};

    fn story(n: usize) -> (Story, HashMap<ArticleId, ArticleMeta>) {
        let ids: Vec<String> = (0..n).map(|i| format!("a{i:02}")).collect();
        let reuse = (1..n)
            .map(|i| ReuseLink {
                a: ids[0].clone(),
                b: ids[i].clone(),
                direction: if i % 5 == 0 { Direction::Unknown } else { Direction::AToB },
                passages: vec![Passage { a_start: 0, a_end: 300, b_start: 0, b_end: 300, similarity: 1.0 }],
            })
            .collect();
        let metas = ids
            .iter()
            .map(|id| {
                let meta = ArticleMeta {
                    id: id.clone(),
                    title: Some(format!("Title of {id}")),
                    outlet: Some(format!("Outlet {id}")),
                    published: None,
                };
                (id.clone(), meta)
            })
            .collect();
        let story = Story {
            id: 1,
            title: "t".into(),
            summary: None,
            first_published: None,
            last_published: None,
            articles: ids.clone(),
            outlets: vec![],
            events: vec![],
            origins: vec![
                Origin { name: "Wire <&>".into(), kind: OriginKind::Attributed, articles: ids.clone() },
                Origin { name: "Own".into(), kind: OriginKind::OwnReporting, articles: vec![ids[0].clone()] },
            ],
            independent_origins: 2,
            quotes: vec![],
            entities: vec![],
            reuse,
            claims: vec![],
        };
        (story, metas)
    }

    #[test]
    fn every_article_and_origin_is_a_node_and_every_link_an_edge() {
        let (story, metas) = story(50);
        let svg = provenance_svg(&story, &metas).into_string();
        assert_eq!(svg.matches("<g class=\"node article\">").count(), 50);
        assert_eq!(svg.matches("<g class=\"node origin").count(), 2);
        assert_eq!(svg.matches("class=\"member\"").count(), 51);
        assert_eq!(svg.matches("class=\"copy\"").count(), 40);
        assert_eq!(svg.matches("class=\"copy unknown\"").count(), 9);
        assert!(svg.contains("Wire &lt;&amp;&gt;"), "names are escaped");
    }

    #[test]
    fn fifty_articles_stay_readable() {
        // One row per node: no two nodes of a column overlap, so no label is drawn over another.
        let (story, metas) = story(50);
        let svg = provenance_svg(&story, &metas).into_string();
        let mut places: Vec<(f32, f32)> = svg
            .split("<rect x=\"")
            .skip(1)
            .map(|r| {
                let x: f32 = r.split('"').next().unwrap().parse().unwrap();
                let y: f32 = r.split("y=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
                (x, y)
            })
            .collect();
        assert_eq!(places.len(), 52);
        places.sort_by(|a, b| a.partial_cmp(b).unwrap());
        for pair in places.windows(2) {
            if pair[0].0 == pair[1].0 {
                assert!(pair[1].1 - pair[0].1 >= NODE_H + 4.0, "{pair:?} overlap");
            }
        }
        let height: f32 = svg.split("height=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
        assert!(height < 50.0 * ROW + 100.0, "height {height}");
    }

    #[test]
    fn copies_sit_right_of_what_they_copy() {
        let (story, metas) = story(3);
        let svg = provenance_svg(&story, &metas).into_string();
        // a00 is copied by a01 and a02: a00 in the first-reports column, the others in "copies".
        let x_of = |id: &str| -> f32 {
            let at = svg.find(&format!("href=\"/articles/{id}\"")).unwrap();
            svg[at..].split("<rect x=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap()
        };
        assert!(x_of("a00") < x_of("a01"));
        assert_eq!(x_of("a01"), x_of("a02"));
    }
}
