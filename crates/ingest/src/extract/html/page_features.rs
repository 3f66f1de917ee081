//! What the page-type model sees of a page: a fixed vector of numbers read from the page's
//! declarations ([`Metadata`]), its URL, the shape of its DOM (one walk over the nodes, counting
//! tags, class words and how much of the text sits in links) and the body that was extracted.
//!
//! Counts enter as `ln(1 + n)`: a listing differs from an article by having tens of cards rather
//! than a few, and the model's splits should not hinge on the exact number.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use dom_query::{local_name, Document, Element, LocalName, NodeData, NodeId};
use once_cell::sync::Lazy;

use super::metadata::{Metadata, ARTICLE_TYPES};

/// Counts read from the DOM in one walk, before the body extraction prunes it.
#[derive(Clone, Debug, Default)]
pub struct Shape {
    tags: [u32; TAGS.len()],
    classes: [u32; CLASS_GROUPS.len()],
    /// Bytes of visible text under `<body>`, and of that, inside `<a>`, `<p>`, `<li>`.
    text: u32,
    link_text: u32,
    paragraph_text: u32,
    list_text: u32,
    /// Whitespace-separated words of visible text under `<body>`.
    words: u32,
    /// Paragraphs holding a sentence or more (>= 25 words outside links).
    long_paragraphs: u32,
}

/// Elements counted, in feature order.
const TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "li",
    "a",
    "img",
    "form",
    "input",
    "textarea",
    "button",
    "select",
    "table",
    "pre",
    "code",
    "article",
    "section",
    "nav",
    "aside",
    "footer",
    "time",
    "blockquote",
    "figure",
    "dl",
    "iframe",
    "label",
    "main",
];

/// Groups of class/id parts (case-insensitive substrings), one count per group: the number of
/// elements whose `class` or `id` holds a part of the group.
const CLASS_GROUPS: &[(&str, &[&str])] = &[
    ("comment", &["comment", "reply", "respond", "disqus"]),
    ("forum", &["forum", "thread", "topic", "bbcode", "vote", "answer", "question", "signature"]),
    ("product", &["product", "price", "cart", "basket", "checkout", "sku", "stock", "add-to", "buy"]),
    ("listing", &["card", "teaser", "tile", "grid", "list-item", "pagination", "pager", "archive", "result"]),
    ("article", &["article", "entry", "story", "post-content", "byline", "author", "dateline", "headline"]),
    ("share", &["share", "social"]),
    ("docs", &["docs", "documentation", "toc", "sphinx", "highlight", "admonition", "api-", "version"]),
    ("nav", &["nav", "menu", "breadcrumb"]),
    ("service", &["hero", "cta", "pricing", "testimonial", "feature", "plan", "contact", "banner"]),
    ("related", &["related", "recommend", "more-"]),
    ("date", &["date", "time", "publish"]),
];

static CLASS_PARTS: Lazy<(AhoCorasick, Vec<usize>)> = Lazy::new(|| {
    let mut parts = Vec::new();
    let mut group_of = Vec::new();
    for (g, (_, words)) in CLASS_GROUPS.iter().enumerate() {
        for w in *words {
            parts.push(*w);
            group_of.push(g);
        }
    }
    let ac = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(MatchKind::LeftmostFirst)
        .build(parts)
        .expect("class parts");
    (ac, group_of)
});

/// Where the element sits in [`TAGS`] (names compared as interned atoms, not as strings).
fn tag_index(name: &LocalName) -> Option<usize> {
    Some(match *name {
        local_name!("p") => 0,
        local_name!("h1") => 1,
        local_name!("h2") => 2,
        local_name!("h3") => 3,
        local_name!("h4") => 4,
        local_name!("li") => 5,
        local_name!("a") => 6,
        local_name!("img") => 7,
        local_name!("form") => 8,
        local_name!("input") => 9,
        local_name!("textarea") => 10,
        local_name!("button") => 11,
        local_name!("select") => 12,
        local_name!("table") => 13,
        local_name!("pre") => 14,
        local_name!("code") => 15,
        local_name!("article") => 16,
        local_name!("section") => 17,
        local_name!("nav") => 18,
        local_name!("aside") => 19,
        local_name!("footer") => 20,
        local_name!("time") => 21,
        local_name!("blockquote") => 22,
        local_name!("figure") => 23,
        local_name!("dl") => 24,
        local_name!("iframe") => 25,
        local_name!("label") => 26,
        local_name!("main") => 27,
        _ => return None,
    })
}

/// Runs of non-blank bytes (blank: a space or a control byte): the starts of words, counted
/// pairwise so that the loop carries no state and vectorises.
fn count_words(text: &[u8]) -> u32 {
    let Some(&first) = text.first() else { return 0 };
    let starts: u32 = text.iter().zip(&text[1..]).map(|(a, b)| u32::from((*a <= b' ') & (*b > b' '))).sum();
    starts + u32::from(first > b' ')
}

/// Elements whose text is never shown.
fn hidden(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("script")
            | local_name!("style")
            | local_name!("noscript")
            | local_name!("template")
            | local_name!("svg")
            | local_name!("head")
            | local_name!("title")
    )
}

impl Shape {
    /// One depth-first walk over the document's nodes, one look-up of each node.
    pub fn read(doc: &Document) -> Shape {
        let mut shape = Shape::default();
        let tree = &doc.tree;
        let mut stack: Vec<Step> = vec![Step::Enter(doc.root().id, Flags::default())];
        // Words outside links in the open `<p>` (the parser never nests paragraphs).
        let mut paragraph_words = 0u32;
        let mut seen = ClassGroups::default();
        while let Some(step) = stack.pop() {
            let (id, flags) = match step {
                Step::Enter(id, flags) => (id, flags),
                Step::ParagraphEnd => {
                    if paragraph_words >= 25 {
                        shape.long_paragraphs += 1;
                    }
                    paragraph_words = 0;
                    continue;
                }
            };
            tree.query_node(&id, |n| {
                if let Some(next) = n.next_sibling {
                    stack.push(Step::Enter(next, flags));
                }
                match &n.data {
                    NodeData::Text { contents } if flags.body && !flags.hidden => {
                        shape.count_text(contents.as_bytes(), flags, &mut paragraph_words);
                    }
                    NodeData::Element(el) => {
                        let child_flags = shape.count_element(el, flags, &mut seen);
                        if child_flags.paragraph && !flags.paragraph {
                            stack.push(Step::ParagraphEnd);
                        }
                        if let Some(first) = n.first_child {
                            stack.push(Step::Enter(first, child_flags));
                        }
                    }
                    NodeData::Document | NodeData::Fragment => {
                        if let Some(first) = n.first_child {
                            stack.push(Step::Enter(first, flags));
                        }
                    }
                    _ => {}
                }
            });
        }
        shape
    }

    fn count_text(&mut self, text: &[u8], flags: Flags, paragraph_words: &mut u32) {
        let len = text.len() as u32;
        let words = count_words(text);
        self.text += len;
        self.words += words;
        if flags.link {
            self.link_text += len;
        }
        if flags.paragraph {
            self.paragraph_text += len;
            if !flags.link {
                *paragraph_words += words;
            }
        }
        if flags.list {
            self.list_text += len;
        }
    }

    /// Counts the element; returns the flags of its children.
    fn count_element(&mut self, el: &Element, flags: Flags, seen: &mut ClassGroups) -> Flags {
        let name = &el.name.local;
        if let Some(i) = tag_index(name) {
            self.tags[i] += 1;
        }
        let mut groups = 0u32;
        for a in el.attrs.iter() {
            if matches!(a.name.local, local_name!("class") | local_name!("id")) && !a.value.is_empty() {
                groups |= seen.of(&a.value);
            }
        }
        while groups != 0 {
            self.classes[groups.trailing_zeros() as usize] += 1;
            groups &= groups - 1;
        }
        let mut child = flags;
        match *name {
            local_name!("body") => child.body = true,
            local_name!("a") => child.link = true,
            local_name!("p") => child.paragraph = true,
            local_name!("li") => child.list = true,
            _ if hidden(name) => child.hidden = true,
            _ => {}
        }
        child
    }
}

/// The class groups of each distinct `class`/`id` value met in the walk: pages repeat their
/// class names (a listing's forty cards), and the automaton costs more than the look-up.
#[derive(Default)]
struct ClassGroups(HashMap<u64, u32, BuildHasherDefault<Prehashed>>);

impl ClassGroups {
    fn of(&mut self, value: &str) -> u32 {
        // FNV-1a: the values are short.
        let key = value
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
        *self.0.entry(key).or_insert_with(|| {
            let (ac, group_of) = &*CLASS_PARTS;
            ac.find_iter(value).fold(0, |groups, m| groups | 1 << group_of[m.pattern().as_usize()])
        })
    }
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

enum Step {
    Enter(NodeId, Flags),
    /// Popped after a `<p>`'s subtree: its word count is settled then.
    ParagraphEnd,
}

#[derive(Clone, Copy, Debug, Default)]
struct Flags {
    body: bool,
    link: bool,
    paragraph: bool,
    list: bool,
    hidden: bool,
}

/// The feature names, in vector order; the model file names them too and must agree.
pub fn names() -> Vec<String> {
    let mut names: Vec<String> = FIXED.iter().map(|s| s.to_string()).collect();
    names.extend(TAGS.iter().map(|t| format!("tag_{t}")));
    names.extend(CLASS_GROUPS.iter().map(|(g, _)| format!("class_{g}")));
    names
}

/// Features other than the tag and class counts, in vector order.
const FIXED: &[&str] = &[
    "ld_article",
    "ld_news",
    "ld_tech",
    "ld_product",
    "ld_forum",
    "ld_comment",
    "ld_listing",
    "ld_webpage_only",
    "ld_service",
    "ld_faq_howto",
    "og_article",
    "og_website",
    "og_product",
    "published",
    "authors",
    "article_element",
    "links",
    "cards",
    "comment_forms",
    "price_marks",
    "readable",
    "scored_words",
    "body_words",
    "body_paragraphs",
    "body_words_per_paragraph",
    "body_sentence_marks",
    "body_share_of_page",
    "page_words",
    "link_text_share",
    "paragraph_text_share",
    "list_text_share",
    "long_paragraphs",
    "title_words",
    "title_has_separator",
    "h1_count",
    "url_known",
    "url_depth",
    "url_date",
    "url_slug_words",
    "url_query",
    "url_html_suffix",
    "url_numeric_id",
    "url_product",
    "url_listing",
    "url_forum",
    "url_docs",
    "url_article",
    "url_service",
    "url_root",
];

fn ln(n: impl Into<f64>) -> f32 {
    (1.0 + n.into()).ln() as f32
}

fn flag(b: bool) -> f32 {
    if b {
        1.0
    } else {
        0.0
    }
}

/// The page's feature vector. `scored_words`: the words the content scorer found (a listing's
/// declared container is full of teasers; the scorer's pick tells prose from them); `text`: the
/// body as extracted.
pub fn vector(meta: &Metadata, shape: &Shape, readable: bool, scored_words: usize, text: &str) -> Vec<f32> {
    let has = |types: &[&str]| meta.ld_types.iter().any(|t| types.contains(&t.as_str()));
    let og = meta.og_type.as_deref().unwrap_or("");
    let paragraphs: Vec<&str> = text.split("\n\n").filter(|p| !p.trim().is_empty()).collect();
    let body_words = text.split_whitespace().count();
    let sentence_marks = text.matches(['.', '!', '?']).count();
    let page_words = shape.words.max(1) as f64;
    let text_bytes = shape.text.max(1) as f64;
    let title = meta.html_title.as_deref().unwrap_or("");
    let url = UrlShape::read(meta.url.as_deref());
    let mut v = vec![
        flag(has(ARTICLE_TYPES)),
        flag(has(&["newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle"])),
        flag(has(&["techarticle", "softwareapplication", "apireference"])),
        flag(has(&["product", "offer", "aggregateoffer", "productgroup", "individualproduct"])),
        flag(has(&["discussionforumposting", "qapage", "question"])),
        flag(has(&["comment", "answer"])),
        flag(has(&["collectionpage", "itemlist", "searchresultspage"])),
        flag(!meta.ld_types.is_empty() && !has(ARTICLE_TYPES) && has(&["webpage"])),
        flag(has(&["service", "localbusiness", "professionalservice", "store", "offercatalog"])),
        flag(has(&["faqpage", "howto", "course", "event", "recipe"])),
        flag(og == "article"),
        flag(og == "website"),
        flag(og == "product" || og.starts_with("product.")),
        flag(meta.published.is_some()),
        flag(!meta.authors.is_empty()),
        flag(meta.has_article_element),
        ln(meta.links as f64),
        ln(meta.cards as f64),
        flag(meta.comment_forms),
        ln(meta.price_marks as f64),
        flag(readable),
        ln(scored_words as f64),
        ln(body_words as f64),
        ln(paragraphs.len() as f64),
        (body_words as f64 / paragraphs.len().max(1) as f64).min(300.0) as f32,
        (sentence_marks as f64 * 20.0 / body_words.max(1) as f64).min(5.0) as f32,
        (body_words as f64 / page_words).min(1.5) as f32,
        ln(shape.words),
        (shape.link_text as f64 / text_bytes) as f32,
        (shape.paragraph_text as f64 / text_bytes) as f32,
        (shape.list_text as f64 / text_bytes) as f32,
        ln(shape.long_paragraphs),
        title.split_whitespace().count() as f32,
        flag(title.contains(" | ") || title.contains(" - ") || title.contains(" – ")),
        meta.h1.len() as f32,
        flag(url.known),
        url.depth as f32,
        flag(url.date),
        url.slug_words as f32,
        flag(url.query),
        flag(url.html_suffix),
        flag(url.numeric_id),
        flag(url.has(&["product", "products", "shop", "store", "item", "dp", "p", "buy"])),
        flag(url.has(&[
            "tag",
            "tags",
            "category",
            "categories",
            "topics",
            "section",
            "archive",
            "archives",
            "page",
            "search",
            "author",
            "list",
        ])),
        flag(url.has(&[
            "forum",
            "forums",
            "thread",
            "threads",
            "topic",
            "community",
            "discussion",
            "discussions",
            "questions",
            "t",
            "viewtopic.php",
            "showthread.php",
        ])),
        flag(url.has(&[
            "docs",
            "doc",
            "documentation",
            "guide",
            "guides",
            "manual",
            "api",
            "reference",
            "help",
            "support",
            "kb",
            "wiki",
            "learn",
            "tutorial",
        ])),
        flag(
            url.has(&["news", "blog", "article", "articles", "story", "stories", "post", "posts", "opinion"]),
        ),
        flag(url.has(&[
            "service",
            "services",
            "pricing",
            "about",
            "contact",
            "solutions",
            "features",
            "plans",
        ])),
        flag(url.known && url.depth == 0),
    ];
    debug_assert_eq!(v.len(), FIXED.len());
    v.extend(shape.tags.iter().map(|&n| ln(n)));
    v.extend(shape.classes.iter().map(|&n| ln(n)));
    v
}

/// The shape of the page's URL path.
#[derive(Default)]
struct UrlShape {
    known: bool,
    /// Lower-case path segments.
    segments: Vec<String>,
    depth: usize,
    date: bool,
    slug_words: usize,
    query: bool,
    html_suffix: bool,
    numeric_id: bool,
}

impl UrlShape {
    fn read(url: Option<&str>) -> UrlShape {
        let Some(url) = url else { return UrlShape::default() };
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let path = rest.find('/').map_or("", |at| &rest[at..]);
        let (path, query) = match path.split_once('?') {
            Some((p, q)) => (p, !q.is_empty()),
            None => (path, false),
        };
        let path = path.split('#').next().unwrap_or("");
        let segments: Vec<String> =
            path.split('/').filter(|s| !s.is_empty()).map(|s| s.to_ascii_lowercase()).collect();
        let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let year = |s: &str| s.len() == 4 && numeric(s) && (s.starts_with("19") || s.starts_with("20"));
        let date = segments.windows(2).any(|w| year(&w[0]) && numeric(&w[1]) && w[1].len() <= 2)
            || segments.iter().any(|s| {
                // 2024-05-12 or 20240512 inside a segment
                s.as_bytes().windows(10).any(|w| {
                    w[..4].iter().all(u8::is_ascii_digit)
                        && w[4] == b'-'
                        && w[5..7].iter().all(u8::is_ascii_digit)
                        && w[7] == b'-'
                        && w[8..].iter().all(u8::is_ascii_digit)
                })
            });
        let last = segments.last().map(String::as_str).unwrap_or("");
        let slug = last.rsplit_once('.').map_or(last, |(stem, _)| stem);
        UrlShape {
            known: true,
            depth: segments.len(),
            date,
            slug_words: slug.split(['-', '_']).filter(|w| !w.is_empty()).count().min(30),
            query,
            html_suffix: last.ends_with(".html") || last.ends_with(".htm"),
            numeric_id: segments.iter().any(|s| s.len() >= 4 && numeric(s) && !year(s))
                || slug.split(['-', '_']).any(|w| w.len() >= 5 && numeric(w)),
            segments,
        }
    }

    /// A path segment is one of `words`.
    fn has(&self, words: &[&str]) -> bool {
        self.segments.iter().any(|s| words.contains(&s.as_str()))
    }
}

#[cfg(test)]
mod cost {
    use std::io::Read;
    use std::time::Instant;

    use dom_query::Document;

    use super::Shape;

    /// The cost of the DOM walk on WCXB dev pages (`cargo test --release -p wiretrace-ingest
    /// shape_walk_cost -- --ignored --nocapture`); skipped when the data is absent.
    #[test]
    #[ignore]
    fn shape_walk_cost() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/wcxb/dev/html");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("skipped: no WCXB dev pages at {}", dir.display());
            return;
        };
        let mut docs = Vec::new();
        for e in entries.flatten().take(400) {
            let mut raw = Vec::new();
            let file = std::fs::File::open(e.path()).expect("page");
            flate2::read::MultiGzDecoder::new(file).read_to_end(&mut raw).expect("gzip");
            docs.push(Document::from(&*super::super::raw_text::strip(&crate::decode_html(&raw, None))));
        }
        let rounds: usize = std::env::var("ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(5);
        let started = Instant::now();
        let mut words = 0u64;
        for _ in 0..rounds {
            for doc in &docs {
                words += u64::from(Shape::read(doc).words);
            }
        }
        let nodes: usize = docs.iter().map(|d| d.tree.len()).sum();
        let elements: usize =
            docs.iter().map(|d| d.root().descendants_it().filter(|n| n.is_element()).count()).sum();
        eprintln!("{} nodes, {} elements per page", nodes / docs.len(), elements / docs.len());
        let per_page = started.elapsed().as_secs_f64() / (rounds * docs.len()).max(1) as f64;
        eprintln!("Shape::read: {:.1} µs per page over {} pages ({words} words)", per_page * 1e6, docs.len());
    }
}

#[cfg(test)]
mod tests {
    use dom_query::LocalName;

    use super::*;

    #[test]
    fn words_are_runs_of_non_blank_bytes() {
        assert_eq!(count_words(b""), 0);
        assert_eq!(count_words(b"  \n "), 0);
        assert_eq!(count_words(b"one"), 1);
        assert_eq!(count_words(b" two  words\n"), 2);
        assert_eq!(count_words("tr\u{e8}s bien, merci".as_bytes()), 3);
    }

    #[test]
    fn every_counted_tag_has_its_index() {
        for (i, t) in TAGS.iter().enumerate() {
            assert_eq!(tag_index(&LocalName::from(*t)), Some(i), "{t}");
        }
        assert_eq!(tag_index(&LocalName::from("div")), None);
    }

    #[test]
    fn url_shapes() {
        let u = UrlShape::read(Some("https://x.example/news/2031/04/12/dam-holds-after-storm?ref=rss"));
        assert!(u.known && u.date && u.query);
        assert_eq!(u.slug_words, 4);
        assert!(u.has(&["news"]));
        let u = UrlShape::read(Some("https://x.example/forums/thread/44118-tiller-arm"));
        assert!(!u.date && u.numeric_id && u.has(&["forums"]));
        let u = UrlShape::read(Some("https://x.example/"));
        assert_eq!(u.depth, 0);
        assert!(!UrlShape::read(None).known);
    }

    #[test]
    fn the_walk_counts_link_text_and_long_paragraphs() {
        let long = "word ".repeat(30);
        let doc = Document::from(format!(
            r#"<html><head><title>T</title></head><body><p>{long}</p><p>short <a href="/x">link text</a></p>
            <div class="comment-list"><script>var hidden = 1;</script></div></body></html>"#
        ));
        let shape = Shape::read(&doc);
        assert_eq!(shape.long_paragraphs, 1);
        assert_eq!(shape.words, 30 + 3);
        assert_eq!(shape.link_text, "link text".len() as u32);
        assert_eq!(shape.tags[tag_index(&LocalName::from("p")).unwrap()], 2);
        assert_eq!(shape.classes[0], 1, "one element with a comment class");
    }

    #[test]
    fn the_vector_has_a_value_per_name() {
        let doc = Document::from("<html><body><p>Hello there.</p></body></html>");
        let shape = Shape::read(&doc);
        let v = vector(&Metadata::default(), &shape, true, 2, "Hello there.");
        assert_eq!(v.len(), names().len());
    }
}
