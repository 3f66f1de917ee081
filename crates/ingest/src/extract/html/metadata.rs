//! What a page says about itself in its markup: JSON-LD, `<meta>` tags (Open Graph, Dublin
//! Core, Parse.ly, `itemprop`), `<link rel=canonical>`, `<html lang>`, the `<h1>`.
//!
//! The publication date is settled in `published`.

use aho_corasick::AhoCorasick;
use chrono::{DateTime, FixedOffset};
use dom_query::{Document, Matcher, NodeRef};
use once_cell::sync::Lazy;
use regex::Regex;
use serde_json::Value;
use wiretrace_text::fold;

use super::published::{self, LdDates};
use crate::extract::{dates, outlet};

const AUTHOR_META: &[&str] = &[
    "name=author",
    "property=article:author",
    "name=parsely-author",
    "name=sailthru.author",
    "name=dc.creator",
    "name=byl",
];

/// JSON-LD types whose `datePublished`, `headline` and `author` describe the article itself.
pub(super) const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "techarticle",
    "scholarlyarticle",
    "liveblogposting",
    "posting",
    "socialmediaposting",
    "report",
];

#[derive(Clone, Debug, Default)]
pub struct Metadata {
    pub url: Option<String>,
    pub og_title: Option<String>,
    pub ld_headline: Option<String>,
    pub html_title: Option<String>,
    pub h1: Vec<String>,
    /// An `<h1>` that is a link to the site's front page: the site's name set as a heading,
    /// kept out of `h1`.
    pub site_heading: Option<String>,
    pub site_name: Option<String>,
    pub publisher: Option<String>,
    pub authors: Vec<String>,
    /// The publication time in the page's own offset (see `published`).
    pub published: Option<DateTime<FixedOffset>>,
    /// Publication dates the JSON-LD states.
    pub ld_dates: LdDates,
    pub language: Option<String>,
    pub og_type: Option<String>,
    /// Every JSON-LD `@type` on the page, lower-case.
    pub ld_types: Vec<String>,
    pub has_article_element: bool,
    /// `<a>` elements on the page.
    pub links: usize,
    /// Elements that look like items of a list of articles or products (cards, teasers).
    pub cards: usize,
    pub comment_forms: bool,
    pub price_marks: usize,
}

pub fn read(doc: &Document, url_hint: Option<&str>) -> Metadata {
    let mut meta = Metadata::default();
    let marks = shape(doc, &mut meta);
    for script in marks.scripts.iter().filter(|s| s.is_match(&LD_JSON)) {
        if let Ok(value) = serde_json::from_str::<Value>(script.text().trim()) {
            json_ld(&value, &mut meta, 0);
        }
    }
    let heads = Heads::read(&marks.heads);
    meta.url = heads
        .canonical
        .clone()
        .or_else(|| heads.meta("property=og:url"))
        .and_then(|u| absolute(&u, url_hint))
        .or_else(|| url_hint.map(str::to_string));
    meta.og_title = heads
        .meta("property=og:title")
        .or_else(|| heads.meta("name=twitter:title"))
        .map(|t| repair_mojibake(&t));
    meta.html_title = marks.title.map(|t| repair_mojibake(&squash(&t.text()))).filter(|t| !t.is_empty());
    let (home, h1): (Vec<&NodeRef>, Vec<&NodeRef>) = marks.h1.iter().partition(|h| links_home(h));
    meta.site_heading = home.first().map(|h| squash(&h.text()));
    meta.h1 = h1
        .iter()
        .map(|h| repair_mojibake(&squash(&heading_text(h))))
        .filter(|h| !h.is_empty())
        .take(3)
        .collect();
    meta.ld_headline = meta.ld_headline.map(|h| repair_mojibake(&h));
    meta.site_name = heads.meta("property=og:site_name").or_else(|| heads.meta("name=application-name"));
    meta.og_type = heads.meta("property=og:type").map(|t| t.to_lowercase());

    let body = marks.body.map_or(&[][..], |at| &marks.elements[at + 1..]);
    let title = meta.html_title.as_deref();
    let lang = marks.html.and_then(|h| h.attr("lang"));
    let page = published::PageMarks {
        body_node: marks.body.map(|at| marks.elements[at]),
        body,
        dates: &marks.dates,
        h1: &marks.h1,
        date_published: &marks.date_published,
        title,
        lang: lang.as_deref(),
    };
    meta.published = published::published(&page, &heads.metas, &meta.ld_dates, meta.url.as_deref());
    if meta.authors.is_empty() {
        for sel in AUTHOR_META {
            if let Some(a) = heads.meta(sel).filter(|a| !looks_like_url(a)) {
                meta.authors = split_authors(&a);
                break;
            }
        }
    }
    if meta.authors.is_empty() {
        if let Some(first) =
            marks.author_names.iter().map(|a| squash(&a.text())).find(|a| !a.is_empty() && a.len() < 80)
        {
            meta.authors = split_authors(&first);
        }
    }
    meta.language = marks
        .html
        .and_then(|h| h.attr("lang"))
        .map(|l| l.to_string())
        .or(marks.content_language)
        .and_then(|l| language_code(&l));
    meta
}

static LD_JSON: Lazy<Matcher> =
    Lazy::new(|| Matcher::new("script[type='application/ld+json']").expect("JSON-LD selector"));

/// Elements the metadata reads, gathered in the same walk as the page's shape.
#[derive(Default)]
struct Landmarks<'a> {
    /// Every `<script>` (the JSON-LD ones are told apart by their selector).
    scripts: Vec<NodeRef<'a>>,
    /// `<meta content>` and `<link rel>`, in document order.
    heads: Vec<NodeRef<'a>>,
    /// The first `<title>` and `<html>`.
    title: Option<NodeRef<'a>>,
    html: Option<NodeRef<'a>>,
    h1: Vec<NodeRef<'a>>,
    /// Elements that print a date, for the date scan ([`published::is_date_element`]).
    dates: Vec<NodeRef<'a>>,
    /// Every element in document order, and where `<body>` sits among them: the elements after
    /// it are its descendants (the parser moves anything after `</body>` inside it).
    elements: Vec<NodeRef<'a>>,
    body: Option<usize>,
    /// `itemprop=datePublished` elements.
    date_published: Vec<NodeRef<'a>>,
    /// `rel=author` elements and `itemprop=name` elements inside an `itemprop=author` one.
    author_names: Vec<NodeRef<'a>>,
    /// The first `<meta http-equiv=content-language>`'s content.
    content_language: Option<String>,
}

/// The page's shape (article element, links, cards, comment forms, price marks), counted in one
/// walk over the elements rather than one selector pass each: these counts only decide the page
/// type, and five whole-tree selector walks cost more than the metadata they serve. The same
/// walk gathers the elements the rest of the metadata reads ([`Landmarks`]).
fn shape<'a>(doc: &'a Document, meta: &mut Metadata) -> Landmarks<'a> {
    let mut marks = Landmarks::default();
    for node in doc.root().descendants_it() {
        // Names and attributes are read in place (`node_name` and `attr` copy them out), in
        // one pass over each element's attributes.
        let Some(el) = node.element_ref() else { continue };
        let name = &*el.name.local;
        let mut attrs = Attrs::default();
        for a in el.attrs.iter() {
            let value = Some(&*a.value);
            match &*a.name.local {
                "class" => attrs.class = value,
                "id" => attrs.id = value,
                "itemprop" => attrs.itemprop = value,
                "rel" => attrs.rel = value,
                "href" => attrs.href = value,
                "content" => attrs.content = value,
                "action" => attrs.action = value,
                "name" => attrs.name = value,
                "http-equiv" => attrs.http_equiv = value,
                _ => {}
            }
        }
        let class = attrs.class.unwrap_or("");
        let words = class_words(class);
        if name == "time"
            || words & DATE_WORDS != 0
            || attrs.id.is_some_and(|id| published::DATE_IDS.iter().any(|p| id.contains(p)))
        {
            marks.dates.push(node);
        }
        let itemprop = attrs.itemprop;
        if itemprop == Some("datePublished") {
            marks.date_published.push(node);
        }
        if attrs.rel.is_some_and(|r| r.eq_ignore_ascii_case("author"))
            || itemprop == Some("name")
                && node.ancestors_it(None).any(|a| a.attr("itemprop").is_some_and(|p| &*p == "author"))
        {
            marks.author_names.push(node);
        }
        if name == "body" && marks.body.is_none() {
            marks.body = Some(marks.elements.len());
        }
        marks.elements.push(node);
        match name {
            "script" => marks.scripts.push(node),
            "meta" if attrs.content.is_some() => {
                if marks.content_language.is_none()
                    && attrs.http_equiv.is_some_and(|h| h.eq_ignore_ascii_case("content-language"))
                {
                    marks.content_language = attrs.content.map(str::to_string);
                }
                marks.heads.push(node)
            }
            "link" if attrs.rel.is_some() => marks.heads.push(node),
            "title" if marks.title.is_none() => marks.title = Some(node),
            "html" if marks.html.is_none() => marks.html = Some(node),
            "h1" => marks.h1.push(node),
            "article" => meta.has_article_element = true,
            "a" if attrs.href.is_some() => meta.links += 1,
            "form" if attrs.action.is_some_and(|a| a.contains("reply") || a.contains("post")) => {
                meta.comment_forms = true
            }
            _ => {}
        }
        if words & CARD_WORDS != 0 || (name == "li" && words & PRODUCT != 0) {
            meta.cards += 1;
        }
        if words & FORUM_WORDS != 0 {
            meta.comment_forms = true;
        }
        if itemprop == Some("price") || words & PRICE_WORDS != 0 || attrs.name == Some("add-to-cart") {
            meta.price_marks += 1;
        }
    }
    marks
}

/// The attributes the page-shape walk reads.
#[derive(Default)]
struct Attrs<'a> {
    class: Option<&'a str>,
    id: Option<&'a str>,
    itemprop: Option<&'a str>,
    rel: Option<&'a str>,
    href: Option<&'a str>,
    content: Option<&'a str>,
    action: Option<&'a str>,
    name: Option<&'a str>,
    http_equiv: Option<&'a str>,
}

/// Parts of class names the walk looks for (case-sensitive substrings), one bit each: the date
/// element classes ([`published::DATE_CLASSES`]) first, then these.
const SHAPE_CLASSES: &[&str] =
    &["card", "teaser", "product-item", "post-item", "product", "thread", "forum", "price", "add-to-cart"];
const DATE_WORDS: u32 = (1 << published::DATE_CLASSES.len()) - 1;
const fn shape_bit(i: usize) -> u32 {
    1 << (published::DATE_CLASSES.len() + i)
}
const CARD_WORDS: u32 = shape_bit(0) | shape_bit(1) | shape_bit(2) | shape_bit(3);
const PRODUCT: u32 = shape_bit(4);
const FORUM_WORDS: u32 = shape_bit(5) | shape_bit(6);
const PRICE_WORDS: u32 = shape_bit(7) | shape_bit(8);

/// All the class parts in one automaton: a dozen `contains` per element cost more than the
/// rest of the walk.
static CLASS_PARTS: Lazy<AhoCorasick> =
    Lazy::new(|| AhoCorasick::new(published::DATE_CLASSES.iter().chain(SHAPE_CLASSES)).expect("class parts"));

/// Which of the class parts the class attribute holds, as bits.
fn class_words(class: &str) -> u32 {
    // Most classes hold none of the parts: the plain search has a fast (SIMD) prefilter that the
    // overlapping one lacks.
    if class.is_empty() || !CLASS_PARTS.is_match(class) {
        return 0;
    }
    CLASS_PARTS.find_overlapping_iter(class).fold(0, |bits, m| bits | 1 << m.pattern().as_u32())
}

impl Metadata {
    /// The headline: the `<h1>` when the page's own title repeats it (the `<title>` usually
    /// adds " | Site"), else the page title with its site suffix cut, else the first `<h1>`;
    /// what follows a " | " in it is cut too ([`before_pipe`]), and a short tagline after a dash
    /// ([`without_tagline`]).
    pub fn title(&self) -> Option<String> {
        // A trailing pilcrow is the permalink a documentation generator puts in the heading.
        self.title_as_found()
            .map(|t| without_tagline(before_pipe(t.trim_end_matches(['¶', ' ']))).to_string())
    }

    fn title_as_found(&self) -> Option<String> {
        let found = [self.ld_headline.as_deref(), self.og_title.as_deref(), self.html_title.as_deref()];
        // A headline the CMS cut at a length limit mid-phrase ("Ferry returns (and why") when
        // another declared title holds it whole is no headline.
        let declared = found.map(|d| d.filter(|d| !cut_short(d, &found)));
        let site = self.site_name.as_deref().or(self.publisher.as_deref());
        // The declared titles without their site names: "Dam holds | Harbour Ledger" -> "Dam holds".
        let stripped: Vec<String> =
            declared.iter().flatten().map(|d| unescape(&strip_site_suffix(d, site))).collect();
        for h1 in &self.h1 {
            if names_site(h1, site, self.html_title.as_deref()) {
                continue;
            }
            // An `<h1>` that repeats the whole document title, site name and all.
            let h1 = &strip_named_site(h1, site, self.html_title.as_deref());
            let h = fold(h1);
            // An `<h1>` whose apostrophes and colons a charset conversion turned into "?"
            // ("Ferry timetable? Islander? Guide"): the declared spelling is the headline.
            if h1.contains(['?', '\u{fffd}']) {
                if let Some(same) = stripped.iter().find(|d| lossy_copy(h1, d)) {
                    return Some(same.clone());
                }
            }
            // The same words declared in the markup in another case: the `<h1>` was set in
            // capitals (or title case) by the page's style; the declared spelling is the headline.
            let lower = h1.to_lowercase();
            if let Some(same) = declared.iter().flatten().find(|d| d.to_lowercase() == lower) {
                return Some((*same).to_string());
            }
            // Only an `<h1>` in one case throughout was surely restyled; a mixed-case one is
            // spelled as its writer meant.
            let one_case = !h1.chars().any(char::is_lowercase) || !h1.chars().any(char::is_uppercase);
            if let Some(same) = stripped.iter().find(|d| one_case && d.to_lowercase() == lower) {
                return Some(same.clone());
            }
            // A one-case `<h1>` that is the first part of a declared title ("HISTORY OF TEA" and
            // "History of tea | Origin, Facts | Site"), also when the style's line break ate a
            // space ("WEEKENDFERRY GUIDE").
            let bare = |s: &str| s.split_whitespace().collect::<String>().to_lowercase();
            if let Some(part) = declared
                .iter()
                .flatten()
                .map(|d| unescape(first_part(d)))
                .find(|p| one_case && p.split_whitespace().count() >= 2 && bare(p) == bare(h1))
            {
                return Some(part);
            }
            // The `<h1>` puts a label or a date before the declared headline ("Blog: Dam holds",
            // "Mar 3 2024 Dam holds"): the declared headline is the headline.
            if let Some(inner) = stripped.iter().find(|d| {
                let d = fold(d);
                d.split_whitespace().count() >= 3
                    && h.strip_suffix(&d).is_some_and(|label| {
                        let label = label.trim();
                        label.ends_with(':') && label.split_whitespace().count() <= 2
                            || dates::whole_date(label).is_some()
                            || dates::date_line(label).is_some()
                    })
            }) {
                return Some(inner.clone());
            }
            // A one-case `<h1>` with the words of a declared title but one ("BEST FERRY PASSES
            // IN 2031" and "Best Ferry Passes 2031"): restyled, and the declared spelling is
            // the headline.
            if let Some(same) =
                stripped.iter().find(|d| one_case && words(h1).len() >= 4 && words_apart(h1, d) <= 1)
            {
                return Some(same.clone());
            }
            if h.split_whitespace().count() >= 2
                && declared.iter().flatten().any(|d| {
                    let d = fold(d);
                    d == h || d.starts_with(&h) || d.contains(&h)
                })
            {
                return Some(h1.clone());
            }
        }
        // The page's visible headline is its `<h1>`, even when the markup declares a different
        // (search-tuned) title, as long as it is about the same thing: a third of its words
        // appear in a declared title. An `<h1>` that is the site's logo or name is skipped.
        let declared_words: Vec<String> = declared.iter().flatten().flat_map(|d| words(d)).collect();
        for h1 in &self.h1 {
            let own = words(h1);
            if own.is_empty() || names_site(h1, site, self.html_title.as_deref()) {
                continue;
            }
            // "Harbour Ledger reveals the island's best walks" under the title "Best walks on
            // Isle Marn | Harbour Ledger": a heading that names its own site is a promotion.
            if !declared_words.is_empty() && mentions_site(&own, site, self.html_title.as_deref()) {
                continue;
            }
            // A heading in capitals that is no restyled declared title (the rules above would
            // have read it as one) and says less than the page's mixed-case declared headline is
            // a banner or section label ("SUPPORTING ISLAND FERRIES").
            let capitals = own.len() >= 2 && !h1.chars().any(char::is_lowercase);
            if capitals
                && declared
                    .iter()
                    .flatten()
                    .any(|d| d.chars().any(char::is_lowercase) && words(d).len() > own.len())
            {
                continue;
            }
            let shared = own.iter().filter(|w| declared_words.contains(w)).count();
            if declared_words.is_empty() || (shared * 3 >= own.len() && shared >= own.len().min(2)) {
                return Some(h1.clone());
            }
        }
        if let Some(d) = declared.iter().flatten().find(|d| !d.trim().is_empty()) {
            // "Harbour Notes: Ferry timetable returns" on a page whose `<h1>` is "Harbour Notes".
            let d = self.site_heading.as_deref().and_then(|h| blog_prefixed(d, h)).unwrap_or(d);
            return Some(unescape(&strip_site_suffix(d, site)));
        }
        self.h1.first().cloned()
    }

    pub fn outlet(&self) -> Option<String> {
        self.site_name
            .clone()
            .or_else(|| self.publisher.clone())
            .or_else(|| self.url.as_deref().and_then(outlet::host_outlet))
    }
}

/// Folded words of a title, without punctuation.
fn words(s: &str) -> Vec<String> {
    fold(s).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// A headline's part before its first " | ": what a pipe adds to a headline is a site, section
/// or keyword list ("Best ferry passes in 2031 | Top 12 Operators | Marn Gazette") even when
/// the site's name is not declared. A first part under three words is a brand or section
/// name that leads: the headline follows it when that has four words or more ("Ferrytime |
/// Plan your crossing to Isle Marn"), else the title is kept whole ("Ferrytime | Crossings").
fn before_pipe(title: &str) -> &str {
    match title.split_once(" | ") {
        Some((head, _)) if head.split_whitespace().count() >= 3 => head.trim_end(),
        Some((_, rest)) => {
            let next = rest.split_once(" | ").map_or(rest, |(next, _)| next).trim();
            if next.split_whitespace().count() >= 4 {
                next
            } else {
                title
            }
        }
        None => title,
    }
}

/// "Gym plans for complete beginners — Strength Training" -> "Gym plans for complete beginners":
/// a short capitalised part after the headline's last dash is a tagline the site adds to its
/// titles (the cut [`strip_site_suffix`] makes on declared titles, made here on the `<h1>` that
/// repeats one too). A part in lower case goes on with the sentence ("… of 2024 — and what
/// comes next"), and a headline under four words keeps its tail ("Best Kettles – My Picks").
fn without_tagline(title: &str) -> &str {
    for sep in [" - ", " – ", " — "] {
        let Some((head, tail)) = title.rsplit_once(sep) else { continue };
        let tail_words = tail.split_whitespace().count();
        if (1..=3).contains(&tail_words)
            && tail.trim_start().starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            && head.split_whitespace().count() >= 4
        {
            return head.trim_end();
        }
    }
    title
}

/// `title` is cut short: a bracket opens and never closes ("Ferry returns (and why"), and
/// another of the page's declared titles starts with it and goes on.
fn cut_short(title: &str, declared: &[Option<&str>]) -> bool {
    let open = |o: char, c: char| title.matches(o).count() > title.matches(c).count();
    (open('(', ')') || open('[', ']'))
        && declared.iter().flatten().any(|d| d.len() > title.len() && d.starts_with(title))
}

/// `damaged` is `title` after a lossy charset conversion: the same characters but that each
/// "?" (or U+FFFD) stands for one or two others ("Islander? Guide" for "Islander's Guide"),
/// and at least one of them is not a "?" in `title`.
fn lossy_copy(damaged: &str, title: &str) -> bool {
    fn matches(d: &[char], t: &[char]) -> bool {
        match d.split_first() {
            None => t.is_empty(),
            Some(('?' | '\u{fffd}', rest)) => (1..=2)
                .any(|n| t.len() >= n && t[..n].iter().all(|c| !c.is_whitespace()) && matches(rest, &t[n..])),
            Some((c, rest)) => t.first() == Some(c) && matches(rest, &t[1..]),
        }
    }
    let d: Vec<char> = damaged.chars().collect();
    let t: Vec<char> = title.chars().collect();
    // Each mark tries two widths: a few marks bound the search.
    damaged != title && d.iter().filter(|c| matches!(c, '?' | '\u{fffd}')).count() <= 6 && matches(&d, &t)
}

/// How many words one title has that the other lacks (as multisets, case and punctuation
/// ignored).
fn words_apart(a: &str, b: &str) -> usize {
    let mut theirs = words(b);
    let mut apart = 0;
    for w in words(a) {
        match theirs.iter().position(|t| *t == w) {
            Some(i) => {
                theirs.swap_remove(i);
            }
            None => apart += 1,
        }
    }
    apart + theirs.len()
}

/// `h1` is the site's name (a logo set as the page's `<h1>`): it is the declared site name, or
/// the part of the `<title>` after its last separator ("Ferry returns | Marn Gazette"). A
/// name before the separator is not told apart from a short headline, so it is not tried.
fn names_site(h1: &str, site: Option<&str>, html_title: Option<&str>) -> bool {
    let h = fold(h1);
    if site.is_some_and(|s| fold(s) == h) {
        return true;
    }
    html_title.is_some_and(|t| {
        SEPARATORS.iter().any(|sep| t.rsplit_once(sep).is_some_and(|(_, tail)| fold(tail.trim()) == h))
    })
}

/// A heading's text, a line break read as a space ("Ferry guide<br>for islanders").
fn heading_text(h: &NodeRef) -> String {
    let mut text = String::new();
    for node in h.descendants_it() {
        if node.is_text() {
            text.push_str(&node.text());
        } else if node.has_name("br") {
            text.push(' ');
        }
    }
    text
}

/// The words of a heading hold the site's name (the declared one, or a short last part of the
/// `<title>`) as a whole.
fn mentions_site(heading: &[String], site: Option<&str>, html_title: Option<&str>) -> bool {
    let tail = html_title
        .and_then(|t| SEPARATORS.iter().find_map(|sep| t.rsplit_once(sep)).map(|(_, tail)| tail))
        .filter(|tail| tail.split_whitespace().count() <= 3);
    [site, tail].into_iter().flatten().any(|name| {
        let name = words(name);
        name.concat().chars().count() >= 3 && heading.windows(name.len()).any(|w| w == name.as_slice())
    })
}

/// The `<h1>`'s text is all one link to the site's front page ("<h1><a href='/'>Harbour
/// Notes</a></h1>"): the site's name, set as the heading of every page of a blog template.
fn links_home(h1: &NodeRef) -> bool {
    let text = squash(&h1.text());
    !text.is_empty()
        && h1.descendants_it().any(|a| {
            a.has_name("a")
                && a.attr("href").is_some_and(|href| {
                    let href = href.trim();
                    let path = href
                        .split_once("://")
                        .map_or(href, |(_, rest)| rest.find('/').map_or("", |at| &rest[at..]));
                    matches!(path, "" | "/")
                })
                && squash(&a.text()) == text
        })
}

/// "Harbour Notes: Ferry timetable returns" with the site heading "Harbour Notes": a blog's
/// pages set its name before their `<title>`. The headline after the name (at
/// least three words), else `None`.
fn blog_prefixed<'t>(title: &'t str, h1: &str) -> Option<&'t str> {
    let rest = title
        .get(h1.len()..)
        .filter(|_| title.get(..h1.len()).is_some_and(|n| n.eq_ignore_ascii_case(h1)))?;
    // "Harbour Notes: Ferry…", "Harbour Notes | Ferry…", "harbournotes.com Ferry…"
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    let rest = SEPARATORS.iter().find_map(|sep| rest.strip_prefix(sep)).unwrap_or(rest);
    let rest = rest.strip_prefix(' ')?.trim_start();
    (rest.split_whitespace().count() >= 2).then_some(rest)
}

/// The part of a title before its first separator ("Dam holds | Region | Site" -> "Dam holds").
fn first_part(title: &str) -> &str {
    SEPARATORS.iter().filter_map(|sep| title.find(sep)).min().map_or(title, |at| title[..at].trim())
}

/// A title (or byline) whose UTF-8 was read as Latin-1 or Windows-1252 on its way into the page
/// ("Investorâ\u{80}\u{99}s", "Investorâ€™s"), read back as UTF-8. A title with any other
/// character, or whose bytes are not UTF-8, is left as it is.
fn repair_mojibake(title: &str) -> String {
    if title.is_ascii() || !title.chars().any(|c| ('\u{c2}'..='\u{f4}').contains(&c)) {
        return title.to_string();
    }
    let mut bytes = Vec::with_capacity(title.len());
    for c in title.chars() {
        let byte = match c {
            '\0'..='\u{ff}' => c as u8,
            _ => match WINDOWS_1252_HIGH.iter().position(|&w| w == c) {
                Some(at) => 0x80 + at as u8,
                None => return title.to_string(),
            },
        };
        bytes.push(byte);
    }
    String::from_utf8(bytes).unwrap_or_else(|_| title.to_string())
}

/// The characters Windows-1252 puts at bytes 0x80-0x9F (`\0` where it has none).
const WINDOWS_1252_HIGH: [char; 32] = [
    '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0', '‘', '’', '“',
    '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
];

/// A title whose entities were escaped twice by its CMS (`&amp;#038;` in the source, `&#038;`
/// after parsing), with the common entities read once more.
fn unescape(title: &str) -> String {
    if !title.contains('&') {
        return title.to_string();
    }
    const ENTITIES: &[(&str, &str)] = &[
        ("&#038;", "&"),
        ("&#38;", "&"),
        ("&quot;", "\""),
        ("&#039;", "'"),
        ("&#39;", "'"),
        ("&#8217;", "\u{2019}"),
        ("&#8216;", "\u{2018}"),
        ("&#8220;", "\u{201c}"),
        ("&#8221;", "\u{201d}"),
        ("&#8211;", "\u{2013}"),
        ("&#8212;", "\u{2014}"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&nbsp;", " "),
        ("&amp;", "&"),
    ];
    let mut out = title.to_string();
    for (entity, text) in ENTITIES {
        out = out.replace(entity, text);
    }
    // Other numeric references: "&#x26;", "&#8230;".
    let out = NUMERIC_ENTITY.replace_all(&out, |c: &regex::Captures| {
        let code = match (c.get(1), c.get(2)) {
            (Some(hex), _) => u32::from_str_radix(hex.as_str(), 16).ok(),
            (_, Some(dec)) => dec.as_str().parse().ok(),
            _ => None,
        };
        code.and_then(char::from_u32).map_or_else(|| c[0].to_string(), String::from)
    });
    squash(&out)
}

static NUMERIC_ENTITY: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));").expect("numeric entity"));

const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " // ", " • "];

/// "Dam holds – Harbour Ledger" as an `<h1>` -> "Dam holds": a trailing part that names the
/// site (its declared name, or the part the `<title>` ends with) is cut.
fn strip_named_site(h1: &str, site: Option<&str>, html_title: Option<&str>) -> String {
    // The `<title>`'s last part names the site only when the title adds it to the headline.
    let title_tail = html_title.filter(|t| fold(t) != fold(h1)).and_then(|t| {
        SEPARATORS.iter().filter_map(|sep| t.rsplit_once(sep).map(|(_, tail)| fold(tail.trim()))).next()
    });
    SEPARATORS
        .iter()
        .find_map(|sep| {
            let (head, tail) = h1.rsplit_once(sep)?;
            let t = fold(tail.trim());
            // A site's name is short; a longer tail the title repeats is a subtitle.
            let named = site.is_some_and(|s| fold(s) == t)
                || (title_tail.as_deref() == Some(t.as_str()) && t.split_whitespace().count() <= 3);
            (named && head.split_whitespace().count() >= 2).then(|| head.trim().to_string())
        })
        .unwrap_or_else(|| h1.to_string())
}

/// "Dam holds after record rain | Harbour Ledger" -> "Dam holds after record rain". A part is cut
/// when it names the site, or when it is short and the rest is clearly the headline.
pub fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let title = squash(title);
    for sep in SEPARATORS {
        let Some((head, tail)) = title.rsplit_once(sep) else { continue };
        let names_site = site.is_some_and(|s| {
            let (s, t) = (fold(s), fold(tail));
            !s.is_empty() && (s == t || s.contains(&t) || t.contains(&s))
        });
        // "Game changer | Shopname.com": a host name is the site whatever the headline's length.
        let host = !tail.contains(' ') && tail.contains('.') && tail.chars().any(char::is_alphabetic);
        if names_site
            || host
            || (tail.split_whitespace().count() <= 3 && head.split_whitespace().count() >= 4)
        {
            return head.trim().to_string();
        }
        // "Harbour Ledger | Dam holds after record rain", "Harbour Ledger | ledger.example.com - Dam
        // holds after record rain"
        if let Some((head, tail)) = title.split_once(sep) {
            let names_site = site.is_some_and(|s| fold(s) == fold(head))
                || head.split_whitespace().count() <= 4
                    && head.split_whitespace().last().is_some_and(is_host);
            if names_site {
                return tail.trim().to_string();
            }
        }
    }
    title
}

/// "ledger.example.com": a host name under a common top-level domain (so "Node.js" is not one).
fn is_host(word: &str) -> bool {
    const TLDS: &[&str] = &[
        "com", "org", "net", "io", "co", "uk", "de", "fr", "info", "ai", "news", "ca", "au", "us", "eu",
        "edu", "gov",
    ];
    word.rsplit_once('.').is_some_and(|(name, tld)| {
        !name.is_empty()
            && name.chars().any(char::is_alphabetic)
            && TLDS.contains(&tld.to_lowercase().as_str())
    })
}

/// Names from a byline string: "By Ana Ruiz and Tomas Berg" -> ["Ana Ruiz", "Tomas Berg"].
/// The byline's label ("Written by", "Author:") and what follows the names in the same line
/// (a date, "Published on …", a reading time) are not names.
pub fn split_authors(byline: &str) -> Vec<String> {
    let byline = repair_mojibake(&unescape(&squash(byline)));
    let byline = strip_byline_label(&byline);
    let byline = match BYLINE_END.find(byline) {
        // A glued date or title starts after the name's last letter ("Ana RuizMarch 2").
        Some(m) if byline[m.start()..].starts_with(|c: char| c.is_ascii_lowercase()) => {
            &byline[..m.start() + 1]
        }
        Some(m) => &byline[..m.start()],
        None => byline,
    };
    let mut names = Vec::new();
    for part in byline.split([',', ';', '|', '&', '·']).flat_map(|p| p.split(" and ")) {
        let name = strip_byline_label(part.trim()).trim_end_matches(['-', '–', '—', ':']).trim();
        if !name.is_empty() && is_name_like(name) && !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    names
}

/// Where a byline's names end: a date ("Mar 27", "2025/4/29", "30 Sep 2022"), a label of one
/// ("Published on", glued to the name when the markup put no space: "Ana RuizPublished",
/// "Ana RuizMarch 2"), or the writer's job title ("Ana Ruiz Founder", "Ana RuizSenior Editor").
static BYLINE_END: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)published|updated|posted on|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}|(?-i:[a-z](?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b)|\b\d{4}[/-]\d{1,2}|\b\d+\s+min(?:ute)?s?\b|(?-i:(?:[a-z]|\s)(?:Co-)?(?:Founder|Head|Senior|Chief|Editor|Staff Writer|Writer|Reporter|Contributor|Former|Lead)\b)",
    )
    .expect("byline end pattern")
});

/// "Written by Ana Ruiz", "Author: Ana Ruiz", "ByAna Ruiz" (no space in the markup) -> "Ana
/// Ruiz". "Byron Lee" keeps its name: a glued label needs a capital after it.
fn strip_byline_label(s: &str) -> &str {
    for label in ["written by", "authored by", "author:", "author", "by"] {
        let Some(head) = s.get(..label.len()) else { continue };
        if !head.eq_ignore_ascii_case(label) {
            continue;
        }
        let rest = &s[label.len()..];
        if rest.starts_with([' ', ':']) || rest.starts_with(char::is_uppercase) {
            return rest.trim_start_matches([' ', ':']);
        }
    }
    s
}

/// A byline part that can be a name: it has letters, and is not a bare form label ("Name *")
/// or a user handle ("jdoe", "ana-ruiz": no capital anywhere).
fn is_name_like(name: &str) -> bool {
    name.chars().any(char::is_alphabetic)
        && name.chars().any(char::is_uppercase)
        && !name.ends_with('*')
        && !name.eq_ignore_ascii_case("the author")
}

/// ISO 639-1 from a language tag (`en-GB` -> `en`).
fn language_code(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_lowercase();
    (primary.len() == 2 || primary.len() == 3)
        .then_some(primary)
        .filter(|p| p.chars().all(|c| c.is_ascii_alphabetic()))
}

/// The language of a text without a declared one; `None` when whatlang is unsure.
pub fn detect_language(text: &str) -> Option<String> {
    let info = whatlang::detect(text)?;
    if !info.is_reliable() {
        return None;
    }
    let code = info.lang().code();
    // whatlang speaks ISO 639-3; the rest of wiretrace (and `<html lang>`) speaks 639-1.
    let short = match code {
        "eng" => "en",
        "spa" => "es",
        "fra" => "fr",
        "deu" => "de",
        "ita" => "it",
        "por" => "pt",
        "nld" => "nl",
        "rus" => "ru",
        "ukr" => "uk",
        "pol" => "pl",
        "tur" => "tr",
        "ara" => "ar",
        "cmn" => "zh",
        "jpn" => "ja",
        "kor" => "ko",
        "hin" => "hi",
        "swe" => "sv",
        "dan" => "da",
        "nob" => "no",
        "fin" => "fi",
        other => other,
    };
    Some(short.to_string())
}

fn json_ld(value: &Value, meta: &mut Metadata, depth: usize) {
    if depth > 4 {
        return;
    }
    match value {
        Value::Array(items) => items.iter().for_each(|v| json_ld(v, meta, depth + 1)),
        Value::Object(fields) => {
            if let Some(graph) = fields.get("@graph") {
                json_ld(graph, meta, depth + 1);
            }
            let types: Vec<String> = match fields.get("@type") {
                Some(Value::String(t)) => vec![t.to_lowercase()],
                Some(Value::Array(ts)) => {
                    ts.iter().filter_map(Value::as_str).map(str::to_lowercase).collect()
                }
                _ => Vec::new(),
            };
            let is_article = types.iter().any(|t| ARTICLE_TYPES.contains(&t.as_str()));
            meta.ld_types.extend(types.iter().cloned());
            if is_article {
                if meta.ld_dates.article.is_none() {
                    meta.ld_dates.article =
                        fields.get("datePublished").and_then(Value::as_str).map(str::to_string);
                }
                if meta.ld_headline.is_none() {
                    meta.ld_headline = fields.get("headline").and_then(Value::as_str).map(squash);
                }
                if meta.authors.is_empty() {
                    meta.authors = ld_names(fields.get("author"));
                }
                if meta.publisher.is_none() {
                    meta.publisher = ld_names(fields.get("publisher")).into_iter().next();
                }
            }
            if types.iter().any(|t| t == "webpage") && meta.ld_dates.webpage.is_none() {
                // A WebPage's date is kept for callers but never taken as the article's: site-wide markup
                // gives every page one.
                meta.ld_dates.webpage =
                    fields.get("datePublished").and_then(Value::as_str).map(str::to_string);
            }
            if let Some(main) = fields.get("mainEntity") {
                json_ld(main, meta, depth + 1);
            }
        }
        _ => {}
    }
}

fn ld_names(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) if !looks_like_url(s) => split_authors(s),
        Some(Value::Object(o)) => {
            o.get("name").and_then(Value::as_str).map(split_authors).unwrap_or_default()
        }
        Some(Value::Array(items)) => {
            let mut names = Vec::new();
            for item in items {
                for name in ld_names(Some(item)) {
                    if !names.contains(&name) {
                        names.push(name);
                    }
                }
            }
            names
        }
        _ => Vec::new(),
    }
}

/// The page's `<meta>` tags and canonical link, read once: metadata and the date scan look up
/// a dozen vocabularies in them.
struct Heads {
    /// (`attribute=key`, content): the key from `property`, `name` or `itemprop`, lower-cased.
    metas: Vec<(String, String)>,
    canonical: Option<String>,
}

impl Heads {
    /// `tags` are the page's `<meta content>` and `<link rel>` elements.
    fn read(tags: &[NodeRef]) -> Heads {
        let mut heads = Heads { metas: Vec::new(), canonical: None };
        for node in tags {
            if node.has_name("link") {
                if heads.canonical.is_none()
                    && node
                        .attr("rel")
                        .is_some_and(|r| r.split_whitespace().any(|t| t.eq_ignore_ascii_case("canonical")))
                {
                    heads.canonical = node.attr("href").map(|h| squash(&h)).filter(|h| !h.is_empty());
                }
                continue;
            }
            let Some((attr, key)) =
                ["property", "name", "itemprop"].iter().find_map(|a| node.attr(a).map(|k| (*a, k)))
            else {
                continue;
            };
            if let Some(content) = node.attr("content") {
                heads.metas.push((format!("{attr}={}", key.trim().to_lowercase()), content.to_string()));
            }
        }
        heads
    }

    /// The first non-empty content of the `<meta>` with this `attribute=key`.
    fn meta(&self, key: &str) -> Option<String> {
        self.metas.iter().filter(|(k, _)| k == key).map(|(_, c)| squash(c)).find(|c| !c.is_empty())
    }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn looks_like_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with('/')
}

/// `href` made absolute against the page's own URL when it is relative.
fn absolute(href: &str, base: Option<&str>) -> Option<String> {
    if href.starts_with("http://") || href.starts_with("https://") {
        return Some(href.to_string());
    }
    let base = base?;
    let scheme_end = base.find("://")? + 3;
    let host_end = base[scheme_end..].find('/').map_or(base.len(), |i| scheme_end + i);
    if let Some(rest) = href.strip_prefix("//") {
        return Some(format!("{}{rest}", &base[..scheme_end]));
    }
    href.starts_with('/').then(|| format!("{}{href}", &base[..host_end]))
}

#[cfg(test)]
mod tests {
    use dom_query::NodeId;

    use super::*;

    #[test]
    fn the_walk_finds_the_date_elements_the_selectors_match() {
        let selectors = "time, [class*='date'], [class*='Date'], [class*='publish'], \
            [class*='Publish'], [class*='ublication'], [class*='posted'], [class*='byline'], \
            [class*='timestamp'], [class*='meta'], [id*='date'], [id*='publish']";
        let doc = Document::from(
            "<div class=post-meta><span class=byline>By Ana</span><time>Mar 3</time></div>\
             <p class=DATE>x</p><p class=updated-Date>y</p><p id=pubdate>z</p><p id=Date>w</p>\
             <p class='card republication'>v</p><p data-date=1>u</p><p class=card>t</p>",
        );
        let marks = shape(&doc, &mut Metadata::default());
        let walked: Vec<NodeId> = marks.dates.iter().map(|n| n.id).collect();
        let selected: Vec<NodeId> = doc.select(selectors).nodes().iter().map(|n| n.id).collect();
        assert_eq!(walked, selected);
        assert_eq!(walked.len(), 6);
    }

    #[test]
    fn the_walk_counts_cards_prices_and_forum_marks() {
        let doc = Document::from(
            "<div class='story-card'>a</div><li class=product>b</li><p class=product>c</p>\
             <span itemprop=price>3</span><button name=add-to-cart>d</button><div class=forum-post>e</div>",
        );
        let mut meta = Metadata::default();
        shape(&doc, &mut meta);
        assert_eq!((meta.cards, meta.price_marks, meta.comment_forms), (2, 2, true));
    }
}
