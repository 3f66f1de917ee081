//! Features of the blocks of a body (its paragraphs, list items and headings, one per line of
//! the text the body stage kept), for the block filter ([`super::block_model`]): how long the
//! block is and where it sits, whether it is a link's text, how it reads (punctuation, digits,
//! capitals, function words, code), and which kinds of furniture its own words or the heading
//! above it name ("Related posts", "FAQ", "References", "About the author", ...), and where the
//! block sits in the page's markup ([`Markup`]: its element, the kinds of box its ancestors'
//! classes and ids name, its share of link words, how often the page repeats it).
//!
//! The body's rules work on lines of text, their markup gone: [`Markup`] is one walk over the
//! page that files each line of text under the line itself, and a block is looked up by its
//! text (96% of WCXB dev's body blocks are found).

use std::collections::HashMap;

use aho_corasick::AhoCorasick;
use dom_query::{Document, NodeRef};
use once_cell::sync::Lazy;

use super::density::LinkTexts;

/// Kinds of furniture and the phrases that name them (matched case-insensitively anywhere in a
/// block; a heading's phrases then stand for the blocks under it).
const GROUPS: &[(&str, &[&str])] = &[
    (
        "related",
        &[
            "related",
            "read more",
            "read next",
            "more from",
            "you may also",
            "you might also",
            "recommended",
            "popular",
            "trending",
            "latest",
            "more stories",
            "see also",
            "also read",
            "don't miss",
            "most read",
            "up next",
            "keep reading",
            "other posts",
            "more articles",
        ],
    ),
    ("faq", &["faq", "frequently asked", "questions"]),
    (
        "references",
        &["references", "sources", "bibliography", "further reading", "citations", "footnotes", "resources"],
    ),
    ("about", &["about the author", "about us", "author", "biography", "about "]),
    ("comments", &["comment", "replies", "reply", "discussion", "leave a"]),
    (
        "promo",
        &[
            "subscribe",
            "newsletter",
            "sign up",
            "follow us",
            "share",
            "download",
            "join ",
            "free ",
            "contact",
            "book now",
            "shop",
            "buy ",
            "offer",
            "click here",
            "learn more",
        ],
    ),
    (
        "legal",
        &[
            "disclaimer",
            "copyright",
            "\u{a9}",
            "all rights reserved",
            "privacy",
            "terms of",
            "cookie",
            "affiliate",
            "sponsored",
            "advertis",
        ],
    ),
    ("testimonial", &["testimonial", "review", "what our", "customers", "clients"]),
    ("tags", &["tags", "categories", "filed under", "topics", "posted in"]),
    ("contents", &["table of contents", "contents", "in this article", "jump to"]),
    ("media", &["photo", "image", "video", "getty", "credit", "caption", "watch"]),
];

static PHRASES: Lazy<(AhoCorasick, Vec<usize>)> = Lazy::new(|| {
    let mut phrases = Vec::new();
    let mut group_of = Vec::new();
    for (g, (_, words)) in GROUPS.iter().enumerate() {
        for w in *words {
            phrases.push(*w);
            group_of.push(g);
        }
    }
    let ac = AhoCorasick::builder().ascii_case_insensitive(true).build(&phrases).expect("furniture phrases");
    (ac, group_of)
});

/// Words that make up much of any prose (and little of menus, captions or code).
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "and", "to", "in", "is", "it", "that", "for", "on", "with", "as", "was", "are",
    "be", "by", "this", "at", "or", "from", "but", "not", "have", "has", "they", "their", "which", "we",
    "you", "he", "she", "his", "her", "its", "were", "been", "will", "can", "would", "more",
];

/// A block of this many words or more that ends a sentence is prose.
const PROSE_WORDS: usize = 25;

/// A heading-like block has at most this many words and no closing full stop.
const HEADING_WORDS: usize = 12;

/// Features of one block that do not depend on its neighbours.
#[derive(Clone, Copy, Default)]
struct Own {
    words: usize,
    chars: usize,
    link: bool,
    heading: bool,
    groups: u32,
}

/// Feature names in vector order.
pub fn names() -> Vec<String> {
    let mut names: Vec<String> = [
        "words",
        "chars",
        "index",
        "index_from_end",
        "blocks",
        "body_words",
        "words_before_share",
        "words_after",
        "link",
        "heading",
        "ends_full_stop",
        "ends_question",
        "ends_colon",
        "opens_quote",
        "digit_share",
        "capital_word_share",
        "punctuation_share",
        "code_share",
        "function_word_share",
        "mean_word_chars",
        "title_word_share",
        "repeats",
        "prev_words",
        "next_words",
        "prev_link",
        "next_link",
        "prev_heading",
        "next_heading",
        "blocks_since_heading",
        "heading_words_above",
        "links_after",
        "headings_after",
        "prose_after",
        "prose_before",
        "words_after_last_prose",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for (g, _) in GROUPS {
        names.push(format!("own_{g}"));
    }
    for (g, _) in GROUPS {
        names.push(format!("heading_{g}"));
    }
    names.extend(["found", "tag", "line_words", "link_word_share", "occurrences"].map(str::to_string));
    for t in TAGS.iter().take(ONE_HOT_TAGS) {
        names.push(format!("is_{t}"));
    }
    for t in CONTEXT_TAGS {
        names.push(format!("in_{t}"));
    }
    for (g, _) in CLASS_WORDS {
        names.push(format!("class_{g}"));
    }
    names
}

/// One feature vector per block, in the order of [`names`].
pub fn vectors(blocks: &[String], title: Option<&str>, links: &LinkTexts, markup: &Markup) -> Vec<Vec<f32>> {
    let (ac, group_of) = &*PHRASES;
    let own: Vec<Own> = blocks
        .iter()
        .map(|b| {
            let words = b.split_whitespace().count();
            let last = b.chars().last().unwrap_or(' ');
            let mut groups = 0u32;
            for m in ac.find_iter(b.as_str()) {
                groups |= 1 << group_of[m.pattern().as_usize()];
            }
            Own {
                words,
                chars: b.chars().count(),
                link: links.is_link(b),
                heading: words <= HEADING_WORDS && !matches!(last, '.' | '!' | '"' | '\u{201d}' | ';' | ','),
                groups,
            }
        })
        .collect();
    let title_words: Vec<String> = title.map(lower_words).unwrap_or_default();
    let total: usize = own.iter().map(|o| o.words).sum();
    let n = blocks.len();
    // Counted from the end: how many link-text blocks and headings follow each block.
    let mut links_after = vec![0usize; n];
    let mut headings_after = vec![0usize; n];
    for i in (0..n.saturating_sub(1)).rev() {
        links_after[i] = links_after[i + 1] + usize::from(own[i + 1].link);
        headings_after[i] = headings_after[i + 1] + usize::from(own[i + 1].heading);
    }
    // Prose blocks (long, ending a sentence) before and after each block: furniture gathers
    // past the article's last paragraph and before its first.
    let prose: Vec<bool> = blocks
        .iter()
        .zip(&own)
        .map(|(b, o)| o.words >= PROSE_WORDS && b.ends_with(['.', '!', '?', '"', '\u{201d}']))
        .collect();
    let mut prose_after = vec![0usize; n];
    for i in (0..n.saturating_sub(1)).rev() {
        prose_after[i] = prose_after[i + 1] + usize::from(prose[i + 1]);
    }
    let last_prose = prose.iter().rposition(|p| *p);
    let mut prose_before = 0usize;
    let mut counts: HashMap<&str, usize> = HashMap::with_capacity(n);
    for b in blocks {
        *counts.entry(b.as_str()).or_default() += 1;
    }
    let mut seen = 0usize;
    let mut last_heading: Option<usize> = None;
    let mut out = Vec::with_capacity(n);
    for (i, block) in blocks.iter().enumerate() {
        let o = own[i];
        let mut v = Vec::with_capacity(32 + 2 * GROUPS.len());
        let (mut digits, mut punctuation, mut code, mut letters) = (0, 0, 0, 0);
        for c in block.chars() {
            if c.is_ascii_digit() {
                digits += 1;
            } else if c.is_alphabetic() {
                letters += 1;
            } else if matches!(
                c,
                '{' | '}' | '(' | ')' | ';' | '=' | '<' | '>' | '_' | '[' | ']' | '$' | '/' | '\\'
            ) {
                code += 1;
                punctuation += 1;
            } else if !c.is_whitespace() {
                punctuation += 1;
            }
        }
        let (mut function, mut capital_words, mut in_title) = (0, 0, 0);
        for w in block.split_whitespace() {
            if w.chars().next().is_some_and(char::is_uppercase) {
                capital_words += 1;
            }
            let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
            if bare.len() <= 5 && FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(bare)) {
                function += 1;
            }
            if !title_words.is_empty() && title_words.iter().any(|t| t.eq_ignore_ascii_case(bare)) {
                in_title += 1;
            }
        }
        let words = o.words.max(1) as f32;
        let chars = o.chars.max(1) as f32;
        let last = block.chars().last().unwrap_or(' ');
        let first = block.chars().next().unwrap_or(' ');
        let repeats = counts.get(block.as_str()).map_or(0, |c| c - 1);
        let prev = i.checked_sub(1).map(|p| own[p]);
        let next = own.get(i + 1).copied();
        let since = last_heading.map_or(i + 1, |h| i - h);
        let above = last_heading.map(|h| own[h]).unwrap_or_default();
        v.extend([
            o.words as f32,
            o.chars as f32,
            i as f32,
            (n - 1 - i) as f32,
            n as f32,
            total as f32,
            seen as f32 / total.max(1) as f32,
            (total - seen - o.words) as f32,
            f32::from(u8::from(o.link)),
            f32::from(u8::from(o.heading)),
            f32::from(u8::from(matches!(last, '.' | '!' | '"' | '\u{201d}'))),
            f32::from(u8::from(last == '?')),
            f32::from(u8::from(last == ':')),
            f32::from(u8::from(matches!(first, '"' | '\u{201c}' | '\u{2018}' | '\''))),
            digits as f32 / chars,
            capital_words as f32 / words,
            punctuation as f32 / chars,
            code as f32 / chars,
            function as f32 / words,
            letters as f32 / words,
            in_title as f32 / words,
            repeats as f32,
            prev.map_or(-1.0, |p| p.words as f32),
            next.map_or(-1.0, |p| p.words as f32),
            prev.map_or(-1.0, |p| f32::from(u8::from(p.link))),
            next.map_or(-1.0, |p| f32::from(u8::from(p.link))),
            prev.map_or(-1.0, |p| f32::from(u8::from(p.heading))),
            next.map_or(-1.0, |p| f32::from(u8::from(p.heading))),
            since as f32,
            last_heading.map_or(-1.0, |_| above.words as f32),
            links_after[i] as f32,
            headings_after[i] as f32,
            prose_after[i] as f32,
            prose_before as f32,
            match last_prose {
                Some(l) if l < i => (seen - own[..=l].iter().map(|o| o.words).sum::<usize>()) as f32,
                _ => -1.0,
            },
        ]);
        for g in 0..GROUPS.len() {
            v.push(f32::from(u8::from(o.groups & (1 << g) != 0)));
        }
        for g in 0..GROUPS.len() {
            v.push(f32::from(u8::from(above.groups & (1 << g) != 0)));
        }
        let placed = markup.get(block);
        let at = placed.copied().unwrap_or_default();
        v.extend([
            f32::from(u8::from(placed.is_some())),
            f32::from(at.tag),
            at.words as f32,
            at.link_words as f32 / at.words.max(1) as f32,
            at.count as f32,
        ]);
        for t in 0..ONE_HOT_TAGS {
            v.push(f32::from(u8::from(usize::from(at.tag) == t + 1)));
        }
        for c in 0..CONTEXT_TAGS.len() {
            v.push(f32::from(u8::from(at.contexts & (1 << c) != 0)));
        }
        for g in 0..CLASS_WORDS.len() {
            v.push(f32::from(u8::from(at.classes & (1 << g) != 0)));
        }
        out.push(v);
        seen += o.words;
        prose_before += usize::from(prose[i]);
        if o.heading {
            last_heading = Some(i);
        }
    }
    out
}

fn lower_words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| w.len() > 3)
        .collect()
}

/// Where a line of a page's text sits in its markup: the element that holds it and what
/// its ancestors are.
#[derive(Clone, Copy, Debug, Default)]
pub struct Placement {
    /// Index into [`TAGS`] + 1 of the innermost block element (0: none of them).
    tag: u8,
    /// Bits of [`CLASS_WORDS`] groups named by the class or id of the line's ancestors.
    classes: u32,
    /// Bits of [`CONTEXT_TAGS`] among its ancestors.
    contexts: u32,
    words: u32,
    link_words: u32,
    /// How many times the line occurs on the page.
    count: u32,
}

/// Elements whose text makes a line; the innermost one names the line's kind.
const TAGS: &[&str] = &[
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "td",
    "th",
    "blockquote",
    "figcaption",
    "dd",
    "dt",
    "div",
    "section",
    "article",
    "tr",
    "caption",
    "summary",
    "details",
    "header",
    "footer",
    "aside",
    "main",
    "ul",
    "ol",
    "dl",
    "table",
    "figure",
    "label",
    "button",
    "form",
    "nav",
];

/// The first tags of [`TAGS`] (the text elements, `p` to `div`) that have a feature of their
/// own.
const ONE_HOT_TAGS: usize = 16;

/// Ancestors that say what kind of box a line is in.
const CONTEXT_TAGS: &[&str] = &[
    "aside",
    "footer",
    "nav",
    "header",
    "form",
    "figure",
    "table",
    "ul",
    "ol",
    "blockquote",
    "details",
    "a",
];

/// Groups of words of class and id values (`related-posts`, `author-bio`, `faq-item`, ...).
const CLASS_WORDS: &[(&str, &[&str])] = &[
    (
        "related",
        &["related", "recommend", "more-", "popular", "trending", "teaser", "card", "latest", "next"],
    ),
    ("share", &["share", "social", "follow"]),
    ("author", &["author", "bio", "byline", "profile"]),
    ("caption", &["caption", "credit", "figure", "image", "photo", "media", "gallery", "video"]),
    ("faq", &["faq", "accordion", "question", "toggle", "collapse"]),
    ("promo", &["cta", "newsletter", "subscribe", "signup", "promo", "banner", "button", "btn", "offer"]),
    ("ads", &["sponsor", "advert", "-ad", "ad-", "ads"]),
    ("testimonial", &["testimonial", "review", "quote", "rating"]),
    ("comment", &["comment", "reply", "respond", "disqus"]),
    ("side", &["sidebar", "widget", "aside", "rail"]),
    ("foot", &["footer", "bottom", "copyright", "legal", "disclaimer"]),
    ("nav", &["nav", "menu", "breadcrumb", "pagination", "toc", "table-of-contents"]),
    ("meta", &["meta", "tags", "categor", "date", "time"]),
    ("notes", &["reference", "footnote", "citation", "source", "notes"]),
    ("box", &["box", "callout", "note", "alert", "highlight", "info", "tip"]),
    ("code", &["code", "highlight", "syntax", "prism", "hljs"]),
    (
        "body",
        &[
            "entry-content",
            "article-body",
            "post-content",
            "article-content",
            "story-body",
            "post-body",
            "articlebody",
        ],
    ),
    ("hidden", &["hidden", "visually", "sr-only", "screen-reader", "modal", "popup"]),
];

static CLASS_PHRASES: Lazy<(AhoCorasick, Vec<usize>)> = Lazy::new(|| {
    let mut phrases = Vec::new();
    let mut group_of = Vec::new();
    for (g, (_, words)) in CLASS_WORDS.iter().enumerate() {
        for w in *words {
            phrases.push(*w);
            group_of.push(g);
        }
    }
    let ac = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::Standard)
        .build(&phrases)
        .expect("class words");
    (ac, group_of)
});

/// The page's lines (whitespace collapsed) and where each first occurs in the markup.
#[derive(Debug, Default)]
pub struct Markup(HashMap<String, Placement>);

/// A walk's context at an element.
#[derive(Clone, Copy, Default)]
struct Context {
    tag: u8,
    classes: u32,
    contexts: u32,
    in_link: bool,
}

impl Markup {
    /// One walk over the page's elements.
    pub fn read(doc: &Document) -> Markup {
        enum Step<'a> {
            Open(NodeRef<'a>, Context),
            Close,
        }
        let (ac, group_of) = &*CLASS_PHRASES;
        let mut lines: HashMap<String, Placement> = HashMap::new();
        let mut buf = String::new();
        let mut line = Placement::default();
        let flush = |buf: &mut String, line: &mut Placement, lines: &mut HashMap<String, Placement>| {
            let text: String = {
                let mut t = String::with_capacity(buf.len());
                for w in buf.split_whitespace() {
                    if !t.is_empty() {
                        t.push(' ');
                    }
                    t.push_str(w);
                }
                t
            };
            buf.clear();
            if !text.is_empty() {
                let entry = lines.entry(text).or_insert(Placement { count: 0, ..*line });
                entry.count += 1;
            }
            *line = Placement::default();
        };
        let mut steps: Vec<Step> =
            doc.root().children().into_iter().rev().map(|n| Step::Open(n, Context::default())).collect();
        while let Some(step) = steps.pop() {
            match step {
                Step::Open(node, ctx) => {
                    if node.is_text() {
                        let text = node.text();
                        if buf.trim().is_empty() {
                            line = Placement {
                                tag: ctx.tag,
                                classes: ctx.classes,
                                contexts: ctx.contexts,
                                ..line
                            };
                        }
                        let words = text.split_whitespace().count() as u32;
                        line.words += words;
                        if ctx.in_link {
                            line.link_words += words;
                        }
                        buf.push_str(&text);
                        continue;
                    }
                    if !node.is_element() {
                        continue;
                    }
                    let Some(name) = node.node_name() else { continue };
                    if matches!(&*name, "head" | "script" | "style" | "template" | "noscript" | "svg") {
                        continue;
                    }
                    let mut inner = ctx;
                    for attr in ["class", "id"] {
                        if let Some(v) = node.attr(attr) {
                            for m in ac.find_iter(&*v) {
                                inner.classes |= 1 << group_of[m.pattern().as_usize()];
                            }
                        }
                    }
                    if let Some(c) = CONTEXT_TAGS.iter().position(|t| *t == &*name) {
                        inner.contexts |= 1 << c;
                    }
                    if &*name == "a" {
                        inner.in_link = true;
                    }
                    let tag = TAGS.iter().position(|t| *t == &*name);
                    if let Some(t) = tag {
                        flush(&mut buf, &mut line, &mut lines);
                        inner.tag = t as u8 + 1;
                        steps.push(Step::Close);
                    } else if &*name == "br" || &*name == "hr" {
                        flush(&mut buf, &mut line, &mut lines);
                    }
                    steps.extend(node.children().into_iter().rev().map(|n| Step::Open(n, inner)));
                }
                Step::Close => flush(&mut buf, &mut line, &mut lines),
            }
        }
        flush(&mut buf, &mut line, &mut lines);
        Markup(lines)
    }

    fn get(&self, block: &str) -> Option<&Placement> {
        self.0.get(block)
    }
}
