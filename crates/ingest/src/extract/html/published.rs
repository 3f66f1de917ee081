//! The original publication date of a page, as the page states it.
//!
//! Evidence, most trusted first: the article's own JSON-LD `datePublished`, publication `<meta>`
//! tags (the known ones, then any whose name says "published"), `itemprop=datePublished`
//! elements, then a date the page prints: a `<time>` or date/byline element ("Published March 3,
//! 2024"), else a short date line around the `<h1>`; then a date in the URL. A modification date
//! is never used ("Updated", "Last reviewed", a revision date), nor a WebPage's JSON-LD date
//! (site-wide markup gives one to every page, article or not), nor a date labelled as opening
//! hours, an event or a deadline; dates inside related-article lists, sidebars, comments and
//! footers are not the article's unless a "Published" label stands right before them.
//!
//! The date keeps the page's own UTC offset: the day a reader of the page sees (and the day a
//! labeller records) is the local one, and converting "2024-03-03T22:00-05:00" to UTC would move
//! it to the next day.

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};
use dom_query::{Document, Matcher, NodeId, NodeRef};
use once_cell::sync::Lazy;

use crate::extract::dates::{self, DateLabel};

/// Meta tags that carry the publication date, most trusted first, as `attribute=value`
/// (values compared in lower case).
const DATE_META: &[&str] = &[
    "property=article:published_time",
    "name=article:published_time",
    "property=og:published_time",
    "itemprop=datepublished",
    "name=pubdate",
    "name=publishdate",
    "name=publish-date",
    "name=publish_date",
    "name=parsely-pub-date",
    "name=sailthru.date",
    "name=dc.date.issued",
    "name=dcterms.created",
    "name=dc.date.created",
    "name=citation_publication_date",
    "property=bt:pubdate",
];

/// Containers whose dates belong to other articles or to readers, not to this article.
const FOREIGN: &str = "nav, aside, footer, form, [class*='related'], [class*='recommend'], \
    [class*='sidebar'], [class*='comment'], [class*='widget'], [class*='teaser'], \
    [class*='card'], [class*='more-'], [class*='popular'], [class*='trending'], \
    [id*='related'], [id*='sidebar'], [id*='comment'], [id*='footer']";

/// The part of `FOREIGN` named by class or id rather than by element.
const FOREIGN_BY_NAME: &str = "[class*='related'], [class*='recommend'], [class*='sidebar'], \
    [class*='comment'], [class*='widget'], [class*='teaser'], [class*='card'], [class*='more-'], \
    [class*='popular'], [class*='trending'], [id*='related'], [id*='sidebar'], [id*='comment'], \
    [id*='footer']";

/// Selectors compiled once: matching runs for every ancestor of every date candidate.
static FOREIGN_MATCHER: Lazy<Matcher> = Lazy::new(|| Matcher::new(FOREIGN).expect("foreign selector"));
static FOREIGN_BY_NAME_MATCHER: Lazy<Matcher> =
    Lazy::new(|| Matcher::new(FOREIGN_BY_NAME).expect("foreign-by-name selector"));
static ASIDE_OR_FOOTER: Lazy<Matcher> = Lazy::new(|| Matcher::new("aside, footer").expect("aside selector"));
static NOT_TEXT: Lazy<Matcher> =
    Lazy::new(|| Matcher::new("script, style, svg, svg *, noscript, h1").expect("non-text selector"));

/// Elements that print the article's date (or the byline that carries it).
const DATE_ELEMENTS: &str = "time, [class*='date'], [class*='Date'], [class*='publish'], \
    [class*='posted'], [class*='byline'], [class*='timestamp'], [class*='meta'], [id*='date'], \
    [id*='publish']";

/// A date element's text is short; longer ones are paragraphs that happen to hold a date.
const MAX_DATE_TEXT: usize = 120;

/// What the JSON-LD said, gathered by the caller while it walks the graph.
#[derive(Clone, Debug, Default)]
pub struct LdDates {
    /// `datePublished` of an Article-like node.
    pub article: Option<String>,
    /// `datePublished` of a WebPage node.
    pub webpage: Option<String>,
}

/// The original publication date. `metas` are the page's `<meta>` tags as (`attribute=key`,
/// content), read once by the caller for every vocabulary.
pub fn published(
    doc: &Document,
    metas: &[(String, String)],
    ld: &LdDates,
    url: Option<&str>,
) -> Option<DateTime<FixedOffset>> {
    if let Some(at) = ld.article.as_deref().and_then(parse) {
        return Some(at);
    }
    DATE_META
        .iter()
        .find_map(|want| metas.iter().filter(|(key, _)| key == want).find_map(|(_, c)| parse(c)))
        .or_else(|| any_publication_meta(metas))
        .or_else(|| {
            let marked = doc.select("[itemprop='datePublished']");
            marked.nodes().iter().find_map(|t| {
                let value = t.attr("datetime").or_else(|| t.attr("content"));
                value.and_then(|v| parse(&v)).or_else(|| parse(&squash(&t.text())))
            })
        })
        .or_else(|| {
            let wrappers = headline_wrappers(doc);
            printed(doc, &wrappers).or_else(|| near_headline(doc, &wrappers))
        })
        .or_else(|| url.and_then(dates::url_date).map(|d| d.fixed_offset()))
}

/// A `<meta>` whose name says publication date in a vocabulary not listed above
/// (`published`, `w-published-date`, `dc.date`, `citation_date`), never a modification date.
fn any_publication_meta(metas: &[(String, String)]) -> Option<DateTime<FixedOffset>> {
    metas.iter().find_map(|(key, content)| {
        let key = key.split_once('=').map_or(key.as_str(), |(_, k)| k);
        let publication = key.contains("publish")
            || key.contains("pubdate")
            || matches!(key, "date" | "dc.date" | "dcterms.date" | "citation_date");
        let later = ["modif", "updat", "review", "expir", "edit"].iter().any(|w| key.contains(w));
        (publication && !later).then(|| parse(content)).flatten()
    })
}

/// The first publication date printed in the page outside related lists and comments. An
/// element labelled "Updated" is skipped: its date is not the original one.
fn printed(doc: &Document, wrappers: &[NodeId]) -> Option<DateTime<FixedOffset>> {
    let candidates = doc.select(DATE_ELEMENTS);
    for node in candidates.nodes() {
        if foreign(node, wrappers) && !labelled_published(node) {
            continue;
        }
        let text = squash(&node.text());
        if text.len() > MAX_DATE_TEXT {
            continue;
        }
        if labelled_updated(node, &text) || labelled_other(node, &text) {
            continue;
        }
        if let Some(at) = node.attr("datetime").and_then(|v| parse(&v)) {
            return Some(at);
        }
        if let Some(at) = text_date(&text) {
            return Some(at);
        }
    }
    None
}

/// Elements before the headline that may still be its header (a date above the `<h1>`).
const BEFORE_HEADLINE: usize = 30;
/// Elements after the headline searched for its date, unless the prose starts sooner.
const AFTER_HEADLINE: usize = 80;
/// A text this long after the headline is the article's prose: the header is over.
const PROSE: usize = 200;

/// A date printed as its own short line around the headline, in markup without a telling class
/// ("<h1>…</h1><div>October 3, 2024</div>", "Andrew Gerrand<br>4 August 2010").
fn near_headline(doc: &Document, wrappers: &[NodeId]) -> Option<DateTime<FixedOffset>> {
    let all = doc.select("body *");
    let nodes = all.nodes();
    let h1 = nodes.iter().position(|n| n.has_name("h1"))?;
    let start = h1.saturating_sub(BEFORE_HEADLINE);
    let end = nodes.len().min(h1 + AFTER_HEADLINE);
    for (i, node) in nodes[start..end].iter().enumerate() {
        if node.is_match(&NOT_TEXT) {
            continue;
        }
        // A wrapper around half the page is over the limit after a few text nodes: its whole
        // text need not be gathered.
        let Some(text) = bounded_text(node, PROSE.max(SHORT_LINE)) else {
            if start + i > h1 {
                break;
            }
            continue;
        };
        if start + i > h1 && text.len() > PROSE {
            break;
        }
        if text.is_empty() || text.len() > SHORT_LINE || foreign(node, wrappers) {
            continue;
        }
        if labelled_updated(node, &text) || labelled_other(node, &text) {
            continue;
        }
        if let Some(at) = text_date(&text) {
            return Some(at);
        }
    }
    None
}

/// The node's text, whitespace collapsed, or `None` once it holds more than `limit`
/// bytes outside whitespace (its collapsed text is then longer than `limit` too).
fn bounded_text(node: &NodeRef, limit: usize) -> Option<String> {
    let mut raw = String::new();
    let mut solid = 0;
    for text in node.descendants_it().filter(|n| n.is_text()) {
        let text = text.text();
        solid += text.split_whitespace().map(str::len).sum::<usize>();
        if solid > limit {
            return None;
        }
        raw.push_str(&text);
    }
    Some(squash(&raw))
}

/// A header line holding a date: "By Ana Ruiz - Mar 27, 2024".
const SHORT_LINE: usize = 60;

/// The node sits in a related list, sidebar, comment thread or page footer. A container that
/// holds the headline as well is the page's own wrapper ("story-sidebar-mode" layouts), and an
/// `<aside>` or `<footer>` inside the `<article>` is the article's own.
fn foreign(node: &NodeRef, wrappers: &[NodeId]) -> bool {
    let in_article = node.ancestors_it(None).any(|a| a.has_name("article"));
    std::iter::once(*node).chain(node.ancestors_it(None)).any(|a| {
        a.is_match(&FOREIGN_MATCHER)
            && !(in_article && a.is_match(&ASIDE_OR_FOOTER) && !a.is_match(&FOREIGN_BY_NAME_MATCHER))
            && !wrappers.contains(&a.id)
    })
}

/// Every element that holds an `<h1>`: a container around the headline is the page's own.
fn headline_wrappers(doc: &Document) -> Vec<NodeId> {
    let mut ids = Vec::new();
    for h1 in doc.select("h1").nodes() {
        for a in std::iter::once(*h1).chain(h1.ancestors_it(None)) {
            if !ids.contains(&a.id) {
                ids.push(a.id);
            }
        }
    }
    ids
}

/// Words before a date that make it something other than the page's publication: opening
/// hours, an event, a deadline, an offer's end.
const NOT_PUBLICATION: &[&str] = &["today", "hours", "deadline", "expires", "ends ", "event", "register"];

/// A label before the element's date, in its own text or its parent's, says the date is not a
/// publication ("Today's hours: <span>March 3, 2024</span>").
fn labelled_other(node: &NodeRef, text: &str) -> bool {
    let own = dates::find_date(text).map_or(text, |m| &text[..m.range.start]);
    let parent = node.parent().map(|p| squash(&p.text())).filter(|t| t.len() <= MAX_DATE_TEXT);
    let before = parent.as_deref().and_then(|p| p.find(text).map(|at| &p[..at])).unwrap_or("");
    let named = std::iter::once(*node).chain(node.ancestors_it(Some(3))).map(|a| attr_text(&a));
    [own.to_string(), before.to_string()].into_iter().chain(named).any(|b| {
        let b = b.to_lowercase();
        NOT_PUBLICATION.iter().any(|w| b.contains(w))
    })
}

/// A date in a short header text: a whole (optionally labelled) date line, or a date inside a
/// byline such as "By Ana Ruiz | March 3, 2024".
fn text_date(text: &str) -> Option<DateTime<FixedOffset>> {
    if let Some(at) = parse(text) {
        return Some(at);
    }
    match dates::date_line(text) {
        Some((DateLabel::Published, Some(at))) => return Some(at.fixed_offset()),
        Some((DateLabel::Updated, _)) => return None,
        _ => {}
    }
    let first = dates::find_date(text)?;
    // "2024-03-02 - 2024-03-09": a range (of an event, a project) is not a publication date.
    let rest = &text[first.range.end..];
    if let Some(second) = dates::find_date(rest) {
        let between = rest[..second.range.start].trim().to_lowercase();
        if matches!(between.as_str(), "-" | "–" | "—" | "to" | "until" | "through") {
            return None;
        }
    }
    Some(first.at.fixed_offset())
}

/// The element's class, or the label nearest before its date (in its own text or, for a bare
/// `<time>`, its parent's: "Last updated <time>…</time>"), says the date is a later one. In
/// "Mar 3, 2024 | Updated Mar 9, 2024" the first date is the publication.
fn labelled_updated(node: &NodeRef, text: &str) -> bool {
    if update_word(&attr_text(node).to_lowercase()).is_some() && !text.to_lowercase().contains("publish") {
        return true;
    }
    if let Some(at) = dates::find_date(text).map(|m| m.range.start).filter(|&at| at > 0) {
        return update_label_before(&text[..at]);
    }
    // The label sits in the parent or grandparent ("<div>Date last reviewed:</div><div><time>").
    node.ancestors_it(Some(2)).any(|a| {
        let around = squash(&a.text());
        around.len() <= MAX_DATE_TEXT
            && update_label_before(around.find(text).map_or(around.as_str(), |at| &around[..at]))
    })
}

/// A "Published" heading or label stands just before the element's date (in its parent or
/// grandparent), so the date is this page's even inside a sidebar: "<h4>Published</h4><time>".
fn labelled_published(node: &NodeRef) -> bool {
    let own = squash(&node.text());
    node.ancestors_it(Some(2)).any(|a| {
        let around = squash(&a.text());
        if around.len() > MAX_DATE_TEXT {
            return false;
        }
        let before = around.find(&own).map_or(around.as_str(), |at| &around[..at]).to_lowercase();
        let publish = ["publish", "posted"].iter().filter_map(|w| before.rfind(w)).max();
        publish.is_some_and(|p| update_word(&before).is_none_or(|u| u < p))
    })
}

/// Whether the last label in `before` (the text before a date) announces an update.
fn update_label_before(before: &str) -> bool {
    let before = before.to_lowercase();
    let publish = ["publish", "posted", "written", "created"].iter().filter_map(|w| before.rfind(w)).max();
    match (update_word(&before), publish) {
        (Some(update), Some(publish)) => update > publish,
        (Some(_), None) => true,
        _ => false,
    }
}

/// Where the last word that announces a later date sits in `s` (lower-case): "Last updated",
/// "Last reviewed", "Last active", "Edited", "Modified".
fn update_word(s: &str) -> Option<usize> {
    ["updat", "modified", "reviewed", "revision", "last ", "edited"].iter().filter_map(|w| s.rfind(w)).max()
}

fn attr_text(node: &NodeRef) -> String {
    let class = node.attr("class").map(|c| c.to_string()).unwrap_or_default();
    let id = node.attr("id").map(|c| c.to_string()).unwrap_or_default();
    format!("{class} {id}")
}

/// A stated date with its own offset kept; forms without an offset are read as UTC.
pub fn parse(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d);
    }
    // "2024-03-03T22:00:00-0500", "2024-03-03T22:00:00.000+0100"
    for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(d) = DateTime::parse_from_str(s, format) {
            return Some(d);
        }
    }
    if let Ok(d) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(d.and_utc().fixed_offset());
    }
    dates::parse_published(s).map(|d: DateTime<Utc>| d.fixed_offset())
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
