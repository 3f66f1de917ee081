//! The original publication date of a page, as the page states it.
//!
//! Evidence, most trusted first: the article's own JSON-LD `datePublished`, publication `<meta>`
//! tags (the known ones, then the earliest of any whose name says "published"),
//! `itemprop=datePublished` elements. Markup is overruled by what the page prints when the two
//! disagree by more than a day: by a date under a "Published"/"Posted" label, by an earlier
//! header date (the original is the earliest date stated; markup gets re-stamped when a site
//! moves), and by any header date when the JSON-LD date was typed by hand ("Jun 24, 2025", not
//! ISO 8601). Without markup: a WebPage's JSON-LD date when the page also prints that day
//! (site-wide markup gives one to every page, dated or not), then a printed date: a `<time>` or
//! date/byline element ("Published March 3, 2024"), else a short date line around the headline
//! (past a standfirst; the first `<h1>`, or the `<h2>`/`<h3>` that opens the `<title>`); then a
//! date in the URL (also the `og:url`, percent-decoded); then a wire dateline opening the
//! page's description ("PORT ESTREL, Mar 3, 2024 (Wirepost) -").
//!
//! A modification date is never used ("Updated", "Last reviewed", a revision date), nor a date
//! labelled as opening hours, an event or a deadline; dates inside related-article lists,
//! sidebars, comments, footers and teasers (a card that is one link, a block headed by a link
//! to another page, a list item that links elsewhere) are not the article's unless a
//! "Published" label stands right before them.
//!
//! The date keeps the page's own UTC offset: the day a reader of the page sees (and the day a
//! labeller records) is the local one, and converting "2024-03-03T22:00-05:00" to UTC would move
//! it to the next day.

use std::cell::OnceCell;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use dom_query::{Matcher, NodeData, NodeId, NodeRef};
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
// `<svg>` children need no matcher of their own: the page's parse empties `<svg>` first
// (`raw_text::strip`), and an ancestor test per node is what made this matcher costly.
/// Elements whose text is not the page's printed text (or, for `<h1>`, is the headline).
fn not_text(node: &NodeRef) -> bool {
    ["script", "style", "svg", "noscript", "h1"].iter().any(|n| node.has_name(n))
}

/// Elements that print the article's date (or the byline that carries it): `<time>`, and
/// elements whose class holds one of `DATE_CLASSES` or whose id holds one of `DATE_IDS`
/// (case-sensitive, as the `[class*=…]` selectors these replace). The caller gathers them in
/// its walk over the page: the equivalent selector list cost more than the rest of the scan.
pub(super) const DATE_CLASSES: &[&str] =
    &["date", "Date", "publish", "Publish", "ublication", "posted", "byline", "timestamp", "meta", "author"];
pub(super) const DATE_IDS: &[&str] = &["date", "publish"];

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

/// The elements the date scan reads, gathered by the caller in its one walk over the page:
/// whole-tree selector passes cost more than the scan itself.
pub struct PageMarks<'a, 'b> {
    pub body_node: Option<NodeRef<'a>>,
    /// The elements inside `<body>`, in document order.
    pub body: &'b [NodeRef<'a>],
    /// Elements that print a date ([`is_date_element`]), in document order.
    pub dates: &'b [NodeRef<'a>],
    pub h1: &'b [NodeRef<'a>],
    /// `itemprop=datePublished` elements.
    pub date_published: &'b [NodeRef<'a>],
    /// The `<title>`, whitespace collapsed.
    pub title: Option<&'b str>,
    /// `<html lang>`.
    pub lang: Option<&'b str>,
}

/// The original publication date. `metas` are the page's `<meta>` tags as (`attribute=key`,
/// content), read once by the caller for every vocabulary.
pub fn published(
    page: &PageMarks,
    metas: &[(String, String)],
    ld: &LdDates,
    url: Option<&str>,
) -> Option<DateTime<FixedOffset>> {
    let candidates = page.dates;
    let declared = declared(page, metas, ld);
    let order = NumericOrder::new(page);
    if let Some(at) = declared {
        // A date the page prints under a "Published" label is the one its readers see; markup
        // that disagrees was reset by a later republication or template. A day apart is the
        // same instant shown in another zone, and the markup states the instant.
        let wrappers = headline_wrappers(page.h1);
        // The date elements' texts are read once for both readings of the printed dates.
        let lines = date_lines(candidates);
        let mut shown = labelled_printed(&lines, &wrappers, &order);
        // JSON-LD must write ISO 8601; a "Jun 24, 2025" there was typed into a page template,
        // which often fills it with the site's last publish, so the header's date wins.
        if shown.is_none() {
            let header = printed(&lines, &wrappers, &order).or_else(|| near_headline(page, &wrappers));
            // The original publication is the earliest the page states: a header date before
            // the markup's survived a move to a new CMS that re-stamped the markup (a later
            // header date may be an unlabelled update, so the markup stands against it).
            let hand_typed = ld.article.as_deref().is_some_and(|d| !iso_like(d));
            shown = header.filter(|h| hand_typed || h.date_naive() < at.date_naive());
        }
        let apart = |s: &DateTime<FixedOffset>| (s.date_naive() - at.date_naive()).num_days().abs() > 1;
        return Some(shown.filter(apart).unwrap_or(at));
    }
    ld.webpage
        .as_deref()
        .and_then(parse)
        .filter(|at| prints_day(page, at.date_naive()))
        .or_else(|| {
            let wrappers = headline_wrappers(page.h1);
            printed(&date_lines(candidates), &wrappers, &order).or_else(|| near_headline(page, &wrappers))
        })
        .or_else(|| {
            let og_url = metas.iter().find(|(k, _)| k == "property=og:url").map(|(_, u)| u.as_str());
            url.and_then(url_date).or_else(|| og_url.and_then(url_date))
        })
        .or_else(|| {
            // A wire story's dateline opens its summary: "PORT ESTREL, Mar 3, 2024 (Reuters) -".
            let summary =
                metas.iter().find(|(k, _)| k == "name=description" || k == "property=og:description");
            summary.and_then(|(_, d)| dates::dateline(d)).map(|d| d.fixed_offset())
        })
}

/// "2024-03-05…": the form schema.org asks for.
fn iso_like(value: &str) -> bool {
    let b = value.trim().as_bytes();
    b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-'
}

/// The publication date the page's markup declares: an Article's JSON-LD, a publication
/// `<meta>`, an `itemprop=datePublished` element.
fn declared(page: &PageMarks, metas: &[(String, String)], ld: &LdDates) -> Option<DateTime<FixedOffset>> {
    if let Some(at) = ld.article.as_deref().and_then(parse) {
        return Some(at);
    }
    DATE_META
        .iter()
        .find_map(|want| metas.iter().filter(|(key, _)| key == want).find_map(|(_, c)| parse(c)))
        .or_else(|| any_publication_meta(metas))
        .or_else(|| {
            page.date_published.iter().find_map(|t| {
                let value = t.attr("datetime").or_else(|| t.attr("content"));
                value.and_then(|v| parse(&v)).or_else(|| parse(&squash(&t.text())))
            })
        })
}

/// A date element with its short text; elements with longer text (most are wrappers matched by
/// a class like "meta") are left out without gathering their whole text.
struct DateLine<'a> {
    node: &'a NodeRef<'a>,
    text: String,
}

/// Only lines that can give a date are kept (a `datetime` attribute, or digits enough for one
/// in the text): the label, teaser and sidebar tests that follow walk the tree, and most date
/// elements (bylines, "meta" wrappers) hold no date at all.
fn date_lines<'a>(candidates: &'a [NodeRef<'a>]) -> Vec<DateLine<'a>> {
    candidates
        .iter()
        .filter_map(|node| Some(DateLine { node, text: short_text(node)? }))
        .filter(|line| may_hold_date(&line.text) || line.node.has_attr("datetime"))
        .collect()
}

/// Every date form read here has a year and a day in digits: a text with fewer than two
/// digits holds none (a cheap test before the costly ones).
fn may_hold_date(text: &str) -> bool {
    text.bytes().filter(u8::is_ascii_digit).nth(1).is_some()
}

/// The first date printed under an explicit "Published" / "Posted" label, outside related
/// lists, teasers and comments.
fn labelled_printed(
    lines: &[DateLine],
    wrappers: &[NodeId],
    order: &NumericOrder,
) -> Option<DateTime<FixedOffset>> {
    for DateLine { node, text } in lines {
        let text = text.as_str();
        let own_label = dates::find_date(text).is_some_and(|m| {
            let before = text[..m.range.start].to_lowercase();
            PUBLISHED_LABELS.iter().any(|w| before.contains(w)) && update_word(&before).is_none()
        });
        if !(own_label || labelled_published(node)) {
            continue;
        }
        if foreign(node, wrappers) || in_teaser(node, text, wrappers) || labelled_updated(node, text) {
            continue;
        }
        if let Some(at) =
            node.attr("datetime").and_then(|v| parse(&v)).or_else(|| text_date(text, Some(order)))
        {
            return Some(at);
        }
    }
    None
}

/// Labels that announce the original publication.
const PUBLISHED_LABELS: &[&str] = &["published", "posted"];

/// The page prints this day somewhere in its visible text. A WebPage's JSON-LD date is
/// site-wide markup that CMSs give to every page, dated or not; it is the article's when the
/// page shows it to the reader too.
fn prints_day(page: &PageMarks, day: NaiveDate) -> bool {
    dates::find_dates(&body_text(page)).any(|m| m.at.date_naive() == day)
}

/// The page's visible text, one text node a line.
fn body_text(page: &PageMarks) -> String {
    let mut text = String::new();
    for node in page.body_node.iter().flat_map(|b| b.descendants_it()) {
        if !node.is_text() || node.parent().is_some_and(|p| not_text(&p)) {
            continue;
        }
        text.push_str(&node.text());
        text.push('\n');
    }
    text
}

/// Which reading of an ambiguous numeric date ("03/10/2023") the page means, from what it
/// says elsewhere, read once and only when such a date turns up: its declared locale
/// (`<html lang="en-GB">`), a numeric date on the page that only one order can read
/// ("25/09/2023"), or the same day printed in words ("3 October 2023"). Without any of
/// these the date is not read.
struct NumericOrder<'a, 'p> {
    page: &'p PageMarks<'a, 'p>,
    evidence: OnceCell<(Option<bool>, Vec<NaiveDate>)>,
}

impl<'a, 'p> NumericOrder<'a, 'p> {
    fn new(page: &'p PageMarks<'a, 'p>) -> Self {
        NumericOrder { page, evidence: OnceCell::new() }
    }

    fn resolve(&self, day_first: DateTime<Utc>, month_first: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let (order, days) = self.evidence.get_or_init(|| {
            let text = body_text(self.page);
            let order = self.page.lang.and_then(locale_day_first).or_else(|| dates::numeric_order(&text));
            let days = if order.is_some() {
                Vec::new()
            } else {
                dates::find_dates(&text).map(|m| m.at.date_naive()).collect()
            };
            (order, days)
        });
        match order {
            Some(true) => Some(day_first),
            Some(false) => Some(month_first),
            None => {
                match (days.contains(&day_first.date_naive()), days.contains(&month_first.date_naive())) {
                    (true, false) => Some(day_first),
                    (false, true) => Some(month_first),
                    _ => None,
                }
            }
        }
    }
}

/// Whether a language tag's locale writes numeric dates day first: `Some(false)` for US
/// English, `Some(true)` for British-style English and the European and other languages that
/// write day/month/year, `None` for a bare `en` (used by sites of either kind).
fn locale_day_first(tag: &str) -> Option<bool> {
    let tag = tag.trim().to_lowercase().replace('_', "-");
    let (language, region) = tag.split_once('-').unwrap_or((tag.as_str(), ""));
    match (language, region) {
        ("en", "us" | "ph") => Some(false),
        ("en", "gb" | "uk" | "au" | "nz" | "ie" | "in" | "za" | "ng" | "ke" | "pk" | "sg") => Some(true),
        (
            "de" | "fr" | "es" | "it" | "pt" | "nl" | "ru" | "pl" | "tr" | "el" | "da" | "sv" | "nb" | "nn"
            | "no" | "fi" | "cs" | "sk" | "ro" | "bg" | "uk" | "hr" | "sr" | "sl" | "id" | "ms" | "vi" | "ar"
            | "he",
            _,
        ) => Some(true),
        _ => None,
    }
}

/// The date in the page's URL, read after percent-decoding (`%2F2024-03-05%2B…` in a URL that
/// was escaped whole).
fn url_date(url: &str) -> Option<DateTime<FixedOffset>> {
    let decoded;
    let url = if url.contains('%') {
        decoded = url.replace("%2F", "/").replace("%2f", "/").replace("%2B", "+").replace("%2b", "+");
        decoded.as_str()
    } else {
        url
    };
    dates::url_date(url).map(|d| d.fixed_offset())
}

/// A `<meta>` whose name says publication date in a vocabulary not listed above
/// (`published`, `w-published-date`, `dc.date`, `citation_date`), never a modification date.
fn any_publication_meta(metas: &[(String, String)]) -> Option<DateTime<FixedOffset>> {
    // Several such tags may disagree ("published-time" re-stamped, "published-date" kept):
    // the original is the earliest.
    metas
        .iter()
        .filter_map(|(key, content)| {
            let key = key.split_once('=').map_or(key.as_str(), |(_, k)| k);
            let publication = key.contains("publish")
                || key.contains("pubdate")
                || matches!(key, "date" | "dc.date" | "dcterms.date" | "citation_date");
            let later = ["modif", "updat", "review", "expir", "edit"].iter().any(|w| key.contains(w));
            (publication && !later).then(|| parse(content)).flatten()
        })
        .min_by_key(|at| at.date_naive())
}

/// The first publication date printed in the page outside related lists and comments. An
/// element labelled "Updated" is skipped: its date is not the original one.
fn printed(lines: &[DateLine], wrappers: &[NodeId], order: &NumericOrder) -> Option<DateTime<FixedOffset>> {
    for DateLine { node, text } in lines {
        let text = text.as_str();
        if (foreign(node, wrappers) || in_teaser(node, text, wrappers)) && !labelled_published(node) {
            continue;
        }
        if labelled_updated(node, text) || labelled_other(node, text) {
            continue;
        }
        if let Some(at) = node.attr("datetime").and_then(|v| parse(&v)) {
            return Some(at);
        }
        if let Some(at) = text_date(text, Some(order)) {
            return Some(at);
        }
    }
    None
}

/// Elements before the headline that may still be its header (a date above the `<h1>`).
const BEFORE_HEADLINE: usize = 30;
/// Elements after the headline searched for its date, unless the prose starts sooner.
const AFTER_HEADLINE: usize = 80;
/// A text this long after the headline is prose.
const PROSE: usize = 200;
/// Prose blocks after the headline before its header is over: the first may be a standfirst
/// set between the headline and the byline, the second is the article itself.
const HEADER_PROSE_BLOCKS: usize = 2;

/// A date printed as its own short line around the headline, in markup without a telling class
/// ("<h1>…</h1><div>October 3, 2024</div>", "Andrew Gerrand<br>4 August 2010").
fn near_headline(page: &PageMarks, wrappers: &[NodeId]) -> Option<DateTime<FixedOffset>> {
    let nodes = page.body;
    let h1 = headline_position(page.title, nodes)?;
    let start = h1.saturating_sub(BEFORE_HEADLINE);
    let end = nodes.len().min(h1 + AFTER_HEADLINE);
    let mut prose = 0;
    for (i, node) in nodes[start..end].iter().enumerate() {
        if not_text(node) {
            continue;
        }
        let after = start + i > h1;
        // A wrapper around half the page is over the limit after a few text nodes: its whole
        // text need not be gathered. Its children come next in the walk, so only a block that
        // is itself prose (a paragraph, a long run of its own text) counts towards the end of
        // the header.
        // The text's extent is measured first without gathering it: most elements here are
        // wrappers or lines without a date, and only a short line with digits is read.
        let limit = PROSE.max(SHORT_LINE);
        let extent = text_extent(node, limit);
        let prose_like = after && prose_block(node);
        let text = match extent {
            None if prose_like => None,
            None => continue,
            // The collapsed text is longer than its solid part by its spaces: read it to tell.
            Some(_) if prose_like => bounded_text(node, limit),
            Some(_) => None,
        };
        if prose_like && text.as_ref().is_none_or(|t| t.len() > PROSE) {
            prose += 1;
            if prose >= HEADER_PROSE_BLOCKS {
                break;
            }
            continue;
        }
        let Some((solid, digits)) = extent else { continue };
        if solid == 0 || solid > SHORT_LINE || digits < 2 {
            continue;
        }
        let Some(text) = text.or_else(|| bounded_text(node, limit)) else { continue };
        if text.is_empty() || text.len() > SHORT_LINE || !may_hold_date(&text) {
            continue;
        }
        // Under the headline, before the prose, the header is the article's own whatever its
        // layout classes say ("post-card__meta", page-builder widgets, a side column); only
        // related lists, comments and navigation stay foreign.
        let foreign = if after { foreign_in_header(node, wrappers) } else { foreign(node, wrappers) };
        if foreign
            || in_link_item(node)
            || in_teaser(node, &text, wrappers)
            || labelled_updated(node, &text)
            || labelled_other(node, &text)
        {
            continue;
        }
        // Around the headline an element's class does not say it holds the article's date (a
        // teaser's may sit there), so a date that needs the page's context to be read is not.
        if let Some(at) = text_date(&text, None) {
            return Some(at);
        }
    }
    None
}

static SUBHEADINGS: Lazy<Matcher> = Lazy::new(|| Matcher::new("h2, h3").expect("subheading selector"));

/// Where the headline sits among `nodes`: the first `<h1>`, else (on a page that sets its
/// headline in a lower heading) the first `<h2>`/`<h3>` whose words open the page's `<title>`.
fn headline_position(title: Option<&str>, nodes: &[NodeRef]) -> Option<usize> {
    if let Some(at) = nodes.iter().position(|n| n.has_name("h1")) {
        return Some(at);
    }
    let title = title?.to_lowercase();
    nodes.iter().position(|n| {
        n.is_match(&SUBHEADINGS) && {
            let h = squash(&n.text()).to_lowercase();
            h.split_whitespace().count() >= 3 && title.starts_with(&h)
        }
    })
}

static PROSE_ELEMENTS: Lazy<Matcher> =
    Lazy::new(|| Matcher::new("p, blockquote, li, pre, table").expect("prose selector"));

/// The block is prose rather than a wrapper: a paragraph-like element, or one whose own text
/// (outside its child elements) is long.
fn prose_block(node: &NodeRef) -> bool {
    node.is_match(&PROSE_ELEMENTS)
        || node.children_it(false).filter(|c| c.is_text()).map(|t| t.text().trim().len()).sum::<usize>()
            > PROSE / 2
}

static LIST_ITEM: Lazy<Matcher> = Lazy::new(|| Matcher::new("li").expect("list item selector"));

/// The date belongs to an item of a list of links (a post list: "<li><a>Title</a> <span>
/// March 3, 2024</span></li>"): the date is the linked page's.
fn in_link_item(node: &NodeRef) -> bool {
    // A link around the date itself (a permalink, a day archive) is the page's own, not a title.
    let around_date: Vec<NodeId> =
        node.ancestors_it(Some(3)).filter(|a| a.has_name("a")).map(|a| a.id).collect();
    let linked_title = |n: &NodeRef, words: usize| {
        n.descendants_it().any(|d| {
            d.has_name("a") && !around_date.contains(&d.id) && d.text().split_whitespace().count() >= words
        })
    };
    // A short wrapper around such an item (the `<ul>` of a one-item list) holds a headline-long
    // link itself; a byline's link to its author is shorter.
    linked_title(node, 4)
        || std::iter::once(*node)
            .chain(node.ancestors_it(Some(3)))
            .any(|a| a.is_match(&LIST_ITEM) && linked_title(&a, 3))
}

static LINKED_HEADING: Lazy<Matcher> =
    Lazy::new(|| Matcher::new("h2 a[href], h3 a[href], h4 a[href]").expect("linked heading selector"));

/// Ancestors searched for a teaser's linked heading: a teaser is a small block.
const TEASER_DEPTH: usize = 4;

/// A teaser's text is short: a title, a date, a line of summary.
const TEASER_TEXT: usize = 400;

/// The date sits in a teaser: a small block, not around the page's headline, headed by a link
/// to another page ("<article><h2><a href=…>Other story</a></h2><time>…</time></article>").
/// `text` is the node's own text, whitespace collapsed.
fn in_teaser(node: &NodeRef, text: &str, wrappers: &[NodeId]) -> bool {
    // A card that is one link: the link holds a title as well as the date. A link around the
    // date alone (a permalink, a day archive) is the page's own.
    let own = text.len();
    let linked_card = node
        .ancestors_it(Some(TEASER_DEPTH + 2))
        .any(|a| a.has_name("a") && bounded_text(&a, TEASER_TEXT).is_some_and(|t| t.len() > own + 20));
    linked_card
        || node
            .ancestors_it(Some(TEASER_DEPTH))
            .take_while(|a| !wrappers.contains(&a.id))
            .take_while(|a| bounded_text(a, TEASER_TEXT).is_some())
            .any(|a| a.descendants_it().any(|d| d.has_name("a") && d.is_match(&LINKED_HEADING)))
}

/// Containers that hold others' dates even right under a headline.
static FOREIGN_IN_HEADER: Lazy<Matcher> = Lazy::new(|| {
    Matcher::new(
        "nav, footer, form, [class*='related'], [class*='recommend'], [class*='comment'], \
         [class*='popular'], [class*='trending'], [class*='sidebar'], [id*='related'], \
         [id*='comment'], [id*='sidebar'], [id*='footer']",
    )
    .expect("foreign-in-header selector")
});

fn foreign_in_header(node: &NodeRef, wrappers: &[NodeId]) -> bool {
    std::iter::once(*node)
        .chain(node.ancestors_it(None))
        .any(|a| a.is_match(&FOREIGN_IN_HEADER) && !wrappers.contains(&a.id))
}

/// The node's text when it is short enough to be a date element's (collapsed, at most
/// [`MAX_DATE_TEXT`] bytes); longer texts are paragraphs that happen to hold a date.
fn short_text(node: &NodeRef) -> Option<String> {
    bounded_text(node, MAX_DATE_TEXT).filter(|t| t.len() <= MAX_DATE_TEXT)
}

/// The node's text, whitespace collapsed, or `None` once it holds more than `limit`
/// bytes outside whitespace (its collapsed text is then longer than `limit` too).
fn bounded_text(node: &NodeRef, limit: usize) -> Option<String> {
    let mut raw = String::new();
    let mut solid = 0;
    for text in node.descendants_it() {
        // Read in place: `text()` copies each text node out.
        text.query(|n| {
            if let NodeData::Text { contents } = &n.data {
                solid += contents.split_whitespace().map(str::len).sum::<usize>();
                if solid <= limit {
                    raw.push_str(contents);
                }
            }
        });
        if solid > limit {
            return None;
        }
    }
    Some(squash(&raw))
}

/// The bytes of the node's text outside whitespace and the ASCII digits among them, or `None`
/// once there are more than `limit` of the former ([`bounded_text`] without the text).
fn text_extent(node: &NodeRef, limit: usize) -> Option<(usize, usize)> {
    let (mut solid, mut digits) = (0, 0);
    for text in node.descendants_it() {
        // The text is read in place: `text()` copies it out.
        text.query(|n| {
            if let NodeData::Text { contents } = &n.data {
                for word in contents.split_whitespace() {
                    solid += word.len();
                    digits += word.bytes().filter(u8::is_ascii_digit).count();
                }
            }
        });
        if solid > limit {
            return None;
        }
    }
    Some((solid, digits))
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
fn headline_wrappers(h1s: &[NodeRef]) -> Vec<NodeId> {
    let mut ids = Vec::new();
    for h1 in h1s {
        for a in std::iter::once(*h1).chain(h1.ancestors_it(None)) {
            if !ids.contains(&a.id) {
                ids.push(a.id);
            }
        }
    }
    ids
}

/// Words before a date that make it something other than the page's publication: opening
/// hours, an event, a deadline, an offer's end, a build's stamp or a copyright line
/// ("© 2010-2018 Example Ltd. <span class=CompileDate>24-Nov-2021</span>").
const NOT_PUBLICATION: &[&str] =
    &["today", "hours", "deadline", "expires", "ends ", "event", "register", "compile", "©"];

/// A label before the element's date, in its own text or its parent's, says the date is not a
/// publication ("Today's hours: <span>March 3, 2024</span>").
fn labelled_other(node: &NodeRef, text: &str) -> bool {
    let own = dates::find_date(text).map_or(text, |m| &text[..m.range.start]);
    let parent = node.parent().and_then(|p| short_text(&p));
    let before = parent.as_deref().and_then(|p| p.find(text).map(|at| &p[..at])).unwrap_or("");
    // The element's own names, its ancestors' and, for a short wrapper, its children's
    // ("<div><p id='todays-date'>…</p></div>").
    let inner = node.descendants_it().filter(|d| d.is_element()).take(8);
    let named = std::iter::once(*node).chain(node.ancestors_it(Some(3))).chain(inner).map(|a| attr_text(&a));
    [own.to_string(), before.to_string()].into_iter().chain(named).any(|b| {
        let b = b.to_lowercase();
        NOT_PUBLICATION.iter().any(|w| b.contains(w))
    })
}

/// A date in a short header text: a whole (optionally labelled) date line, or a date inside a
/// byline such as "By Ana Ruiz | March 3, 2024".
fn text_date(text: &str, order: Option<&NumericOrder>) -> Option<DateTime<FixedOffset>> {
    if let Some(at) = parse(text) {
        return Some(at);
    }
    if let Some((day_first, month_first)) = dates::numeric_readings(text) {
        return order?.resolve(day_first, month_first).map(|d| d.fixed_offset());
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
        short_text(&a).is_some_and(|around| {
            update_label_before(around.find(text).map_or(around.as_str(), |at| &around[..at]))
        })
    })
}

/// A "Published" heading or label stands just before the element's date (in its parent or
/// grandparent), so the date is this page's even inside a sidebar: "<h4>Published</h4><time>".
fn labelled_published(node: &NodeRef) -> bool {
    let Some(own) = bounded_text(node, MAX_DATE_TEXT) else { return false };
    node.ancestors_it(Some(2)).any(|a| {
        let Some(around) = bounded_text(&a, MAX_DATE_TEXT) else { return false };
        let before = around.find(&own).map_or(around.as_str(), |at| &around[..at]).to_lowercase();
        // "Ferry line publishes its timetable": a headline's verb, not a label.
        let publish = ["publish", "posted"]
            .iter()
            .flat_map(|w| before.match_indices(w))
            .filter(|(at, w)| !before[at + w.len()..].starts_with("es"))
            .map(|(at, _)| at)
            .max();
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
    // "2023 Jan 7", the citation (Highwire) style.
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y %b %d") {
        return Some(d.and_time(NaiveTime::MIN).and_utc().fixed_offset());
    }
    dates::parse_published(s).map(|d: DateTime<Utc>| d.fixed_offset())
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
