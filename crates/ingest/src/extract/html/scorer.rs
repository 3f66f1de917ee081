//! wiretrace's own content scorer: which subtree of a page holds the article's text, when the
//! page declares no container that names it (see [`super::container`]).
//!
//! The rules are Readability's (paragraphs score their parent and, less, their ancestors by
//! length and commas; class and id names weigh for or against; link text discounts; the best
//! candidate is widened to its parent when its rivals share one, and its sibling paragraphs
//! join it; boxes inside it that look like lists of links, forms or image strips are left out),
//! but they run on the already-parsed tree without changing it, in one walk: every element's
//! text, link text, commas and counts of paragraphs, images, list items, inputs and embeds are
//! summed bottom-up as the walk closes it, so no subtree's text is counted twice and no selector
//! is matched. A second walk reads the text of the chosen subtree only.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use dom_query::{Document, NodeData, NodeId, NodeRef};
use once_cell::sync::Lazy;

use super::container;

/// What the scorer found: the text of the article's subtree (link text marked for
/// [`super::density`]), or nothing when no element scored.
pub struct Scored {
    pub marked: String,
    /// A content element won (rather than nothing at all, or the page's `<body>` as a whole).
    pub found: bool,
}

/// Kinds of element the rules tell apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
    P,
    Div,
    Section,
    Pre,
    Td,
    Blockquote,
    H1,
    Heading,
    Th,
    Ul,
    Ol,
    Li,
    ListPart,
    Form,
    Table,
    Figure,
    A,
    Img,
    Input,
    Embed,
    Body,
    Html,
    OtherBlock,
    Inline,
}

impl Tag {
    fn of(name: &str) -> Tag {
        match name {
            "p" => Tag::P,
            "div" => Tag::Div,
            "section" | "article" | "main" => Tag::Section,
            "pre" => Tag::Pre,
            "td" => Tag::Td,
            "blockquote" => Tag::Blockquote,
            "h1" => Tag::H1,
            "h2" | "h3" | "h4" | "h5" | "h6" => Tag::Heading,
            "th" => Tag::Th,
            "ul" => Tag::Ul,
            "ol" => Tag::Ol,
            "li" => Tag::Li,
            "dl" | "dd" | "dt" | "address" => Tag::ListPart,
            "form" | "fieldset" => Tag::Form,
            "table" => Tag::Table,
            "figure" => Tag::Figure,
            "a" => Tag::A,
            "img" | "picture" => Tag::Img,
            "input" => Tag::Input,
            "object" | "embed" | "video" | "audio" => Tag::Embed,
            "body" => Tag::Body,
            "html" => Tag::Html,
            "header" | "hgroup" | "center" | "details" => Tag::OtherBlock,
            _ => Tag::Inline,
        }
    }

    /// Block elements in Readability's sense: a `<div>` holding none of them is a paragraph.
    fn is_block(self) -> bool {
        !matches!(self, Tag::Inline | Tag::A | Tag::Input | Tag::Embed | Tag::Body | Tag::Html)
    }

    /// Elements whose own text is scored as a paragraph.
    fn is_paragraph(self) -> bool {
        matches!(self, Tag::P | Tag::Pre | Tag::Td | Tag::Section | Tag::Heading)
    }

    /// Readability's starting score of a candidate by its kind.
    fn base_score(self) -> f32 {
        match self {
            Tag::Div => 5.0,
            Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
            Tag::ListPart | Tag::Ol | Tag::Ul | Tag::Li | Tag::Form => -3.0,
            Tag::H1 | Tag::Heading | Tag::Th => -5.0,
            _ => 0.0,
        }
    }
}

/// Elements never read: their text is neither scored nor kept.
const SKIPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "nav",
    "aside",
    "footer",
    "button",
    "select",
    "textarea",
    "dialog",
    "head",
    "title",
    "meta",
    "link",
    "canvas",
    "map",
    "figcaption",
    "label",
    "option",
];

/// ARIA roles of boxes that are never the article.
const SKIPPED_ROLES: &[&str] =
    &["menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"];

const UNLIKELY: u8 = 1;
const MAYBE: u8 = 2;
const NEGATIVE: u8 = 4;
const POSITIVE: u8 = 8;

/// Class and id fragments and what they say (Readability's lists, with news furniture added).
const NAME_HINTS: &[(&str, u8)] = &[
    ("-ad-", UNLIKELY | NEGATIVE),
    ("ai2html", UNLIKELY),
    ("banner", UNLIKELY | NEGATIVE),
    ("breadcrumb", UNLIKELY),
    ("combx", UNLIKELY | NEGATIVE),
    ("comment", UNLIKELY | NEGATIVE),
    ("community", UNLIKELY),
    ("cover-wrap", UNLIKELY),
    ("disqus", UNLIKELY),
    ("extra", UNLIKELY),
    ("footer", UNLIKELY | NEGATIVE),
    ("gdpr", UNLIKELY | NEGATIVE),
    ("header", UNLIKELY),
    ("legends", UNLIKELY),
    ("menu", UNLIKELY),
    ("related", UNLIKELY | NEGATIVE),
    ("remark", UNLIKELY),
    ("replies", UNLIKELY),
    ("rss", UNLIKELY),
    ("shoutbox", UNLIKELY | NEGATIVE),
    ("sidebar", UNLIKELY | NEGATIVE),
    ("skyscraper", UNLIKELY | NEGATIVE),
    ("social", UNLIKELY),
    ("sponsor", UNLIKELY | NEGATIVE),
    ("supplemental", UNLIKELY),
    ("ad-break", UNLIKELY),
    ("agegate", UNLIKELY),
    ("pagination", UNLIKELY | POSITIVE),
    ("pager", UNLIKELY),
    ("popup", UNLIKELY),
    ("yom-remote", UNLIKELY),
    ("newsletter", UNLIKELY | NEGATIVE),
    ("cookie", UNLIKELY | NEGATIVE),
    ("and", MAYBE),
    ("article", MAYBE | POSITIVE),
    ("body", MAYBE | POSITIVE),
    ("column", MAYBE),
    ("content", MAYBE | POSITIVE),
    ("main", MAYBE | POSITIVE),
    ("mathjax", MAYBE),
    ("shadow", MAYBE),
    ("hidden", NEGATIVE),
    ("com-", NEGATIVE),
    ("contact", NEGATIVE),
    ("masthead", NEGATIVE),
    ("media", NEGATIVE),
    ("meta", NEGATIVE),
    ("outbrain", NEGATIVE),
    ("promo", NEGATIVE),
    ("scroll", NEGATIVE),
    ("share", NEGATIVE),
    ("shopping", NEGATIVE),
    ("tags", NEGATIVE),
    ("widget", NEGATIVE),
    ("entry", POSITIVE),
    ("hentry", POSITIVE),
    ("h-entry", POSITIVE),
    ("page", POSITIVE),
    ("post", POSITIVE),
    ("text", POSITIVE),
    ("blog", POSITIVE),
    ("story", POSITIVE),
];

static HINTS: Lazy<AhoCorasick> = Lazy::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(NAME_HINTS.iter().map(|(p, _)| p))
        .expect("name hints")
});

/// The hints a class or id value gives.
fn hints(value: &str) -> u8 {
    HINTS.find_overlapping_iter(value).fold(0, |acc, m| acc | NAME_HINTS[m.pattern().as_usize()].1)
}

/// Readability's class weight: +25 for a content name, -25 for a furniture name, for the class
/// and the id each.
fn weight_of(hints: u8) -> f32 {
    let mut w = 0.0;
    if hints & NEGATIVE != 0 {
        w -= 25.0;
    }
    if hints & POSITIVE != 0 {
        w += 25.0;
    }
    w
}

/// One element of the walk, with its subtree's sums.
#[derive(Clone, Debug)]
struct Block {
    node: NodeId,
    parent: u32,
    /// One past the last descendant's index (elements are stored in document order).
    end: u32,
    tag: Tag,
    weight: f32,
    class_hash: u64,
    /// Characters of text, whitespace runs counted as one space.
    chars: u32,
    /// Characters of link text (in-page `#` links count 0.3).
    link_chars: f32,
    commas: u32,
    heading_chars: u32,
    list_chars: u32,
    paragraphs: u32,
    images: u32,
    items: u32,
    inputs: u32,
    embeds: u32,
    /// Headings that are links: the titles of teaser cards.
    card_titles: u32,
    has_block: bool,
    in_figure: bool,
    /// Some text of the subtree ends a sentence.
    sentence: bool,
    /// The text not inside a block child since the last block child (Readability wraps such
    /// runs of a `<div>` in paragraphs of their own).
    run_chars: u32,
    run_commas: u32,
    score: f32,
    candidate: bool,
}

const NO_PARENT: u32 = u32::MAX;

/// Paragraphs shorter than this are not scored.
const MIN_PARAGRAPH: u32 = 25;

struct Walk {
    blocks: Vec<Block>,
    /// Open elements, innermost last.
    open: Vec<u32>,
    /// Subtrees left out of the text: skipped furniture (0) and boxes cleaned out of the
    /// article (their characters: a box holding most of the article is not cleaned out).
    dropped: HashMap<NodeId, u32>,
    body: Option<u32>,
}

impl Walk {
    fn credit(&mut self, from_depth: usize, score: f32) {
        for level in 0..5 {
            let Some(depth) = from_depth.checked_sub(level) else { break };
            let i = self.open[depth] as usize;
            if matches!(self.blocks[i].tag, Tag::Html) {
                break;
            }
            let b = &mut self.blocks[i];
            if !b.candidate {
                b.candidate = true;
                b.score = b.tag.base_score() + b.weight;
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            b.score += score / divider;
        }
    }

    fn paragraph_score(chars: u32, commas: u32) -> f32 {
        1.0 + (commas + 1) as f32 + (chars / 100).min(3) as f32
    }

    /// Scores the text run of the innermost open element when it is a `<div>` with blocks.
    fn flush_run(&mut self) {
        let Some(&top) = self.open.last() else { return };
        let b = &mut self.blocks[top as usize];
        let (chars, commas) = (b.run_chars, b.run_commas);
        b.run_chars = 0;
        b.run_commas = 0;
        if b.tag == Tag::Div && chars >= MIN_PARAGRAPH {
            b.paragraphs += 1;
            let depth = self.open.len() - 1;
            self.credit(depth, Self::paragraph_score(chars, commas));
        }
    }

    fn text(&mut self, chars: u32, commas: u32, sentence: bool) {
        if chars == 0 {
            return;
        }
        // Link text is counted when its `<a>` closes.
        if let Some(&top) = self.open.last() {
            let b = &mut self.blocks[top as usize];
            b.chars += chars;
            b.commas += commas;
            b.sentence |= sentence;
            b.run_chars += chars;
            b.run_commas += commas;
        }
    }

    fn open_element(&mut self, node: NodeId, tag: Tag, weight: f32, class_hash: u64) {
        // A block child ends its `<div>` parent's run of loose text.
        if tag.is_block() {
            if let Some(&top) = self.open.last() {
                if self.blocks[top as usize].tag == Tag::Div {
                    self.flush_run();
                }
                self.blocks[top as usize].has_block = true;
            }
        }
        let parent = self.open.last().copied().unwrap_or(NO_PARENT);
        let in_figure = tag == Tag::Figure || (parent != NO_PARENT && self.blocks[parent as usize].in_figure);
        let index = self.blocks.len() as u32;
        if tag == Tag::Body && self.body.is_none() {
            self.body = Some(index);
        }
        self.blocks.push(Block {
            node,
            parent,
            end: index + 1,
            tag,
            weight,
            class_hash,
            chars: 0,
            link_chars: 0.0,
            commas: 0,
            heading_chars: 0,
            list_chars: 0,
            paragraphs: 0,
            images: u32::from(tag == Tag::Img),
            items: u32::from(tag == Tag::Li),
            inputs: u32::from(tag == Tag::Input),
            embeds: u32::from(tag == Tag::Embed),
            card_titles: 0,
            has_block: false,
            in_figure,
            sentence: false,
            run_chars: 0,
            run_commas: 0,
            score: 0.0,
            candidate: false,
        });
        self.open.push(index);
    }

    fn close_element(&mut self) {
        let depth = self.open.len() - 1;
        let index = self.open[depth];
        let i = index as usize;
        let tag = self.blocks[i].tag;
        if tag == Tag::Div && self.blocks[i].has_block {
            self.flush_run();
        }
        self.blocks[i].end = self.blocks.len() as u32;
        let as_paragraph = tag.is_paragraph() || (tag == Tag::Div && !self.blocks[i].has_block);
        {
            let b = &mut self.blocks[i];
            if matches!(tag, Tag::P) || (tag == Tag::Div && !b.has_block && b.chars > 0) {
                b.paragraphs += 1;
            }
            if matches!(tag, Tag::H1 | Tag::Heading) {
                b.heading_chars = b.chars;
                if b.chars > 0 && b.link_chars >= 0.8 * b.chars as f32 {
                    b.card_titles = 1;
                }
            }
            if matches!(tag, Tag::Ul | Tag::Ol) {
                b.list_chars = b.chars;
            }
            if tag == Tag::A {
                b.link_chars = b.chars as f32;
            }
        }
        if as_paragraph && self.blocks[i].chars >= MIN_PARAGRAPH && depth > 0 {
            let b = &self.blocks[i];
            let score = Self::paragraph_score(b.chars, b.commas);
            self.credit(depth - 1, score);
        }
        if cleaned_out(&self.blocks[i]) {
            self.dropped.insert(self.blocks[i].node, self.blocks[i].chars);
        }
        self.open.pop();
        // Sums go up to the parent.
        if let Some(&p) = self.open.last() {
            let b = self.blocks[i].clone();
            let parent = &mut self.blocks[p as usize];
            parent.chars += b.chars;
            parent.link_chars += b.link_chars;
            parent.commas += b.commas;
            parent.heading_chars += b.heading_chars;
            parent.list_chars += b.list_chars;
            parent.paragraphs += b.paragraphs;
            parent.images += b.images;
            parent.items += b.items;
            parent.inputs += b.inputs;
            parent.embeds += b.embeds;
            parent.card_titles += b.card_titles;
            parent.sentence |= b.sentence;
            if parent.tag == Tag::Div && !tag.is_block() {
                parent.run_chars += b.chars;
                parent.run_commas += b.commas;
            }
            if tag.is_block() {
                parent.has_block = true;
            }
        }
    }
}

/// Teaser cards from this many on make a box a list of other pages.
const MIN_CARDS: u32 = 3;

/// Readability's conditional cleaning of a box inside the article: left out when its names
/// say furniture or, with few commas, when it is more images, list items, inputs, embeds or
/// link text than prose.
fn cleaned_out(b: &Block) -> bool {
    let boxed = matches!(b.tag, Tag::Div | Tag::Section | Tag::Ul | Tag::Ol) && b.has_block;
    // Several headings that are links: a list of teaser cards for other pages.
    if boxed && b.card_titles >= MIN_CARDS && b.card_titles * 2 >= b.paragraphs {
        return true;
    }
    let considered = matches!(b.tag, Tag::Form | Tag::Table | Tag::Ul) || (b.tag == Tag::Div && b.has_block);
    if !considered {
        return false;
    }
    let chars = b.chars.max(1) as f32;
    let link_density = b.link_chars / chars;
    // A furniture name on a box of several paragraphs of prose is a page builder's wrapper
    // (`elementor-widget-container`), not furniture.
    let prose = b.chars >= 150 && link_density < 0.25;
    if b.weight < 0.0 && !prose {
        return true;
    }
    if b.commas >= 10 {
        return false;
    }
    let is_list = matches!(b.tag, Tag::Ul | Tag::Ol) || b.list_chars as f32 / chars > 0.9;
    let p = b.paragraphs as f32;
    let img = b.images as f32;
    let li = b.items as f32 - 100.0;
    let heading_density = b.heading_chars as f32 / chars;
    (!b.in_figure && b.images > 1 && p / img < 0.5)
        || (!is_list && li > p)
        || b.inputs as f32 > (p / 3.0).floor()
        || (!is_list
            && heading_density < 0.9
            && b.chars < 25
            && (b.images == 0 || b.images > 2)
            && !b.in_figure)
        || (!is_list && b.weight < 25.0 && link_density > 0.2)
        || (b.weight >= 25.0 && link_density > 0.5)
        || (b.embeds == 1 && b.chars < 75)
        || b.embeds > 1
}

/// Characters (whitespace runs as one space), commas and whether a sentence ends in `text`.
fn text_stats(text: &str) -> (u32, u32, bool) {
    let (mut chars, mut commas) = (0u32, 0u32);
    let mut space = true;
    let mut sentence = false;
    let mut last_period = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !space {
                chars += 1;
                space = true;
            }
            if last_period {
                sentence = true;
            }
            last_period = false;
            continue;
        }
        space = false;
        chars += 1;
        last_period = c == '.';
        if matches!(
            c,
            ',' | '\u{060C}'
                | '\u{FE50}'
                | '\u{FE10}'
                | '\u{FE11}'
                | '\u{2E41}'
                | '\u{2E34}'
                | '\u{2E32}'
                | '\u{FF0C}'
        ) {
            commas += 1;
        }
    }
    if last_period {
        sentence = true;
    }
    if space && chars > 0 {
        chars -= 1;
    }
    (chars, commas, sentence)
}

/// A box holding this share of the article's text or more is the article, whatever its
/// names and links say (Readability reaches the same by running again without its cleaning
/// when the first run finds too little text).
const MAX_CLEANED_SHARE: f32 = 0.5;

/// What the walk needs of one node, read under one borrow of the tree.
enum Seen {
    Element { tag: Tag, skip: bool, weight: f32, class_hash: u64 },
    Text { chars: u32, commas: u32, sentence: bool },
    Other,
}

fn read_element(el: &dom_query::Element, strip_unlikely: bool) -> Seen {
    let name = &*el.name.local;
    if SKIPPED.contains(&name) {
        return Seen::Element { tag: Tag::Inline, skip: true, weight: 0.0, class_hash: 0 };
    }
    let mut tag = Tag::of(name);
    // An anchor without `href` (a bookmark, a script's hook) is not a link: its text counts
    // as prose, as the link marking of [`container`] and [`super::density`] has it.
    if tag == Tag::A && !el.attrs.iter().any(|a| &*a.name.local == "href") {
        tag = Tag::Inline;
    }
    let mut skip = false;
    let (mut hidden, mut streamed) = (false, false);
    let mut class_hints = 0u8;
    let mut id_hints = 0u8;
    let mut class_hash = 0u64;
    for a in &el.attrs {
        match &*a.name.local {
            "class" => {
                class_hints = hints(&a.value);
                class_hash = hash(&a.value);
            }
            "id" => {
                id_hints = hints(&a.value);
                streamed = a.value.starts_with("S:");
            }
            "role" => skip |= SKIPPED_ROLES.contains(&&*a.value),
            "hidden" => hidden = true,
            "aria-hidden" => skip |= &*a.value == "true",
            "style" => {
                let style = a.value.to_ascii_lowercase();
                let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
                skip |= style.contains("display:none") || style.contains("visibility:hidden");
            }
            _ => {}
        }
    }
    // React's streamed server rendering sends a page's content late, in `<div hidden
    // id="S:0">`, for a script to move into place: that box is shown, not hidden.
    skip |= hidden && !streamed;
    let both = class_hints | id_hints;
    if strip_unlikely
        && both & UNLIKELY != 0
        && both & MAYBE == 0
        && !matches!(tag, Tag::Body | Tag::A | Tag::Html)
    {
        skip = true;
    }
    let weight = weight_of(class_hints) + weight_of(id_hints);
    if matches!(tag, Tag::H1 | Tag::Heading) && weight < 0.0 {
        skip = true;
    }
    Seen::Element { tag, skip, weight, class_hash }
}

fn hash(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// Below this many characters the article found is too short to trust: the walk runs again
/// with the boxes whose names look unlikely kept in (Readability's second attempt; a layout
/// class like `sidebar-layout` on the page's main column is common).
const MIN_ARTICLE_CHARS: usize = 500;

/// Scores the page and reads the text of the article's subtree.
pub fn extract(doc: &Document) -> Scored {
    let first = attempt(doc, true);
    if first.marked.len() >= MIN_ARTICLE_CHARS {
        return first;
    }
    let second = attempt(doc, false);
    if second.marked.len() > first.marked.len() {
        second
    } else {
        first
    }
}

fn attempt(doc: &Document, strip_unlikely: bool) -> Scored {
    let walk = walk(doc, strip_unlikely);
    let Some(picked) = pick(&walk) else { return Scored { marked: String::new(), found: false } };
    let roots: Vec<NodeRef> =
        picked.iter().map(|&i| NodeRef::new(walk.blocks[i as usize].node, &doc.tree)).collect();
    let dropped = &walk.dropped;
    let total: u32 = picked.iter().map(|&i| walk.blocks[i as usize].chars).sum();
    let marked = container::marked_text(&roots, &|node, name| {
        dropped.get(&node.id).is_some_and(|&chars| (chars as f32) < MAX_CLEANED_SHARE * total as f32)
            || container::is_noise(node, name)
    });
    Scored { marked, found: true }
}

fn walk(doc: &Document, strip_unlikely: bool) -> Walk {
    let tree = &doc.tree;
    let mut w =
        Walk { blocks: Vec::with_capacity(2048), open: Vec::new(), dropped: HashMap::new(), body: None };
    // Each open element with the sibling to go on with once it closes.
    let mut frames: Vec<Option<NodeId>> = Vec::new();
    let mut cur = tree.root().first_child().map(|n| n.id);
    'walk: while let Some(id) = cur {
        let (first_child, next_sibling, seen) = tree
            .query_node(&id, |n| {
                let seen = match &n.data {
                    NodeData::Element(el) => read_element(el, strip_unlikely),
                    NodeData::Text { contents } => {
                        let (chars, commas, sentence) = text_stats(contents);
                        Seen::Text { chars, commas, sentence }
                    }
                    _ => Seen::Other,
                };
                (n.first_child, n.next_sibling, seen)
            })
            .unwrap_or((None, None, Seen::Other));
        match seen {
            Seen::Element { skip: true, .. } => {
                w.dropped.insert(id, 0);
            }
            Seen::Element { tag, weight, class_hash, .. } => {
                w.open_element(id, tag, weight, class_hash);
                if first_child.is_some() {
                    frames.push(next_sibling);
                    cur = first_child;
                    continue;
                }
                w.close_element();
            }
            Seen::Text { chars, commas, sentence } => w.text(chars, commas, sentence),
            Seen::Other => {}
        }
        let mut next = next_sibling;
        while next.is_none() {
            let Some(after) = frames.pop() else { break 'walk };
            w.close_element();
            next = after;
        }
        cur = next;
    }
    w
}

/// Readability's final score: the content score less its share of link text.
fn final_score(b: &Block) -> f32 {
    let density = if b.chars == 0 { 0.0 } else { b.link_chars / b.chars as f32 };
    b.score * (1.0 - density.min(1.0))
}

/// The best candidate grows to its parent when the parent's other text (at least
/// `EXTRA_MIN_SHARE` of the candidate's, in two paragraphs or more) has links for under
/// `EXTRA_LINK_SHARE` of its characters.
const EXTRA_LINK_SHARE: f32 = 0.1;
const EXTRA_MIN_SHARE: f32 = 0.2;

/// How many rivals sharing an ancestor make that ancestor the article.
const MIN_RIVALS: usize = 3;

/// The article's elements (the best candidate and the siblings that join it), in document
/// order; `None` when nothing scored or only the page's `<body>` did.
fn pick(w: &Walk) -> Option<Vec<u32>> {
    let blocks = &w.blocks;
    let scores: Vec<(u32, f32)> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.candidate)
        .map(|(i, b)| (i as u32, final_score(b)))
        .collect();
    let score_of = |i: u32| {
        let b = &blocks[i as usize];
        b.candidate.then(|| final_score(b))
    };
    let mut top5: Vec<(u32, f32)> = Vec::with_capacity(6);
    for &(i, s) in &scores {
        let at = top5.iter().position(|&(_, t)| s > t).unwrap_or(top5.len());
        if at < 5 {
            top5.insert(at, (i, s));
            top5.truncate(5);
        }
    }
    let &(mut top, top_score) = top5.first()?;
    let is_body = |i: u32| Some(i) == w.body || blocks[i as usize].tag == Tag::Html;
    if is_body(top) {
        // The article's paragraphs sit right in the page's body: all of it is read.
        return Some(vec![top]);
    }
    let contains = |a: u32, d: u32| a < d && d < blocks[a as usize].end;
    // Rivals nearly as good as the best, sharing an ancestor: the article is that ancestor.
    let rivals: Vec<u32> =
        top5[1..].iter().filter(|&&(_, s)| s / top_score >= 0.75).map(|&(i, _)| i).collect();
    if rivals.len() >= MIN_RIVALS {
        let mut ancestor = blocks[top as usize].parent;
        while ancestor != NO_PARENT && !is_body(ancestor) {
            if rivals.iter().filter(|&&r| contains(ancestor, r)).count() >= MIN_RIVALS {
                top = ancestor;
                break;
            }
            ancestor = blocks[ancestor as usize].parent;
        }
    }
    // A parent scoring better than the best (its score summed from several children) wins.
    let mut last = score_of(top).unwrap_or(0.0);
    let threshold = last / 3.0;
    let mut parent = blocks[top as usize].parent;
    while parent != NO_PARENT && !is_body(parent) {
        let Some(parent_score) = score_of(parent) else {
            parent = blocks[parent as usize].parent;
            continue;
        };
        if parent_score < threshold {
            break;
        }
        if parent_score > last {
            top = parent;
            break;
        }
        last = parent_score;
        parent = blocks[parent as usize].parent;
    }
    // An only child stands for its parent.
    loop {
        let parent = blocks[top as usize].parent;
        if parent == NO_PARENT || is_body(parent) || children(blocks, parent).count() != 1 {
            break;
        }
        top = parent;
    }
    // Readability scores nodes one at a time: an article split into sibling blocks (a text
    // block, a picture, another text block) can lose all but its best block. An ancestor whose
    // text beyond the best block is prose (few links, paragraphs of its own) is the article.
    loop {
        let parent = blocks[top as usize].parent;
        if parent == NO_PARENT || is_body(parent) {
            break;
        }
        let (p, t) = (&blocks[parent as usize], &blocks[top as usize]);
        let extra_chars = p.chars.saturating_sub(t.chars);
        let extra_links = (p.link_chars - t.link_chars).max(0.0);
        let extra_paragraphs = p.paragraphs.saturating_sub(t.paragraphs);
        let prose = extra_chars == 0
            || (extra_paragraphs >= 2
                && extra_links < EXTRA_LINK_SHARE * extra_chars as f32
                && extra_chars as f32 >= EXTRA_MIN_SHARE * t.chars as f32);
        if !prose {
            break;
        }
        top = parent;
    }
    let top_score = score_of(top).unwrap_or(0.0);
    let parent = blocks[top as usize].parent;
    if parent == NO_PARENT {
        return Some(vec![top]);
    }
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = blocks[top as usize].class_hash;
    let picked = children(blocks, parent)
        .filter(|&s| {
            if s == top {
                return true;
            }
            let b = &blocks[s as usize];
            let bonus = if top_class != 0 && b.class_hash == top_class { top_score * 0.2 } else { 0.0 };
            if score_of(s).is_some_and(|sc| sc + bonus >= threshold) {
                return true;
            }
            if b.tag == Tag::P || (b.tag == Tag::Div && !b.has_block) {
                let density = if b.chars == 0 { 0.0 } else { b.link_chars / b.chars as f32 };
                return (b.chars > 80 && density < 0.25)
                    || (b.chars < 80 && b.chars > 0 && density == 0.0 && b.sentence);
            }
            false
        })
        .collect();
    Some(picked)
}

/// The element children of `parent` in the walk's order.
fn children(blocks: &[Block], parent: u32) -> impl Iterator<Item = u32> + '_ {
    let end = blocks[parent as usize].end;
    let mut next = parent + 1;
    std::iter::from_fn(move || {
        if next >= end {
            return None;
        }
        let this = next;
        next = blocks[this as usize].end;
        Some(this)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::density;

    fn text_of(html: &str) -> Scored {
        extract(&Document::from(html))
    }

    const PARAGRAPHS: &[&str] = &[
        "The harbour board voted on Tuesday to raise the sea wall along the whole of the old pier, \
         after a winter in which the tide twice came over it and flooded the fish market.",
        "Work will start in April, the board said, and the pier will stay open to walkers, though \
         the boats that tie up along its outer side will move to the new basin for the summer.",
        "Fishermen, who had asked for the wall since the storms of last year, said the plan came late, \
         but welcomed it; the market's traders said they would wait to see the bill.",
        "The cost, put at four million crowns, will be shared by the town, the region and the port \
         authority, which said it would raise mooring fees by a tenth to pay its part.",
    ];

    fn story() -> String {
        PARAGRAPHS.iter().map(|p| format!("<p>{p}</p>")).collect()
    }

    #[test]
    fn the_story_is_read_without_the_boxes_around_it() {
        let html = format!(
            "<html><body>\
             <div class=site-header><ul class=menu><li><a href=/>Home</a></li><li><a href=/news>News</a></li>\
             <li><a href=/sport>Sport</a></li></ul></div>\
             <nav><a href=/a>World</a> <a href=/b>Business</a></nav>\
             <div class=layout><div class=main-column><h1>Sea wall to be raised</h1>{}\
             <div class=newsletter-signup><p>Get the Harbour Ledger in your inbox every morning, with \
             the news of the coast, the weather and the tides.</p><form><input type=email></form></div>\
             <div class=related-stories><h3>Related</h3><ul><li><a href=/c>Storm closes the coast road \
             for a second night</a></li><li><a href=/d>Ferry cancelled as the gales return</a></li>\
             <li><a href=/e>Board report on the old pier</a></li></ul></div>\
             <div id=comments><h3>Comments</h3><div class=comment><p>Old Pete, who has fished here forty \
             years, says the wall is too low, and he has said so at every meeting, twice.</p></div></div>\
             </div>\
             <div class=sidebar><h3>Most read</h3><ul><li><a href=/f>Lighthouse keeper retires after \
             thirty years at the point</a></li><li><a href=/g>Tide tables for the week</a></li></ul></div>\
             </div><footer><p>Harbour Ledger, 12 Quay Street, Port Estrel. All rights reserved, \
             including the right of reproduction.</p></footer></body></html>",
            story()
        );
        let scored = text_of(&html);
        assert!(scored.found);
        let text = density::unmark(&scored.marked);
        for p in PARAGRAPHS {
            assert!(text.contains(p), "missing {p} in {text}");
        }
        for furniture in
            ["Home", "World", "inbox", "Ferry cancelled", "Old Pete", "Lighthouse", "Quay Street"]
        {
            assert!(!text.contains(furniture), "{furniture} kept in {text}");
        }
    }

    #[test]
    fn a_story_split_over_sibling_blocks_is_read_whole() {
        let blocks: String = PARAGRAPHS
            .iter()
            .enumerate()
            .map(|(i, p)| {
                format!("<div class=\"text-block block-{i}\"><p>{p}</p></div><div class=ad-slot></div>")
            })
            .collect();
        let html = format!(
            "<html><body><div class=top><a href=/>Harbour Ledger</a></div><div class=story>\
             <h1>Sea wall to be raised</h1>{blocks}</div><div class=more><a href=/x>More news from the \
             coast and the islands</a></div></body></html>"
        );
        let text = density::unmark(&text_of(&html).marked);
        for p in PARAGRAPHS {
            assert!(text.contains(p), "missing {p} in {text}");
        }
        assert!(!text.contains("More news"), "{text}");
    }

    #[test]
    fn loose_text_in_a_div_is_scored_like_paragraphs() {
        let loose = PARAGRAPHS.join("<br><br>");
        let html = format!(
            "<html><body><div class=menu-bar><a href=/>Home</a></div><div id=art>{loose}<div class=pic>\
             <img src=a.jpg></div>{}</div></body></html>",
            PARAGRAPHS[0]
        );
        let text = density::unmark(&text_of(&html).marked);
        assert!(text.contains(PARAGRAPHS[3]), "{text}");
        assert!(!text.contains("Home"), "{text}");
    }

    #[test]
    fn teaser_cards_after_the_story_are_left_out() {
        let cards: String = (0..4)
            .map(|i| {
                format!(
                    "<div class=item><h3><a href=/p{i}>Harbour post number {i}</a></h3><p>March {i}, 2021</p>\
                     <p>A short excerpt of the post about the harbour, which the reader can follow to its own \
                     page for the rest.</p></div>"
                )
            })
            .collect();
        let html = format!(
            "<html><body><div class=wrap><div class=entry><h1>Sea wall to be raised</h1>{}\
             <div class=list>{cards}</div></div></div></body></html>",
            story()
        );
        let text = density::unmark(&text_of(&html).marked);
        assert!(text.contains(PARAGRAPHS[3]), "{text}");
        assert!(!text.contains("Harbour post number"), "{text}");
        assert!(!text.contains("short excerpt"), "{text}");
    }

    #[test]
    fn headings_in_anchors_without_href_are_not_teaser_cards() {
        let regions: String = ["North", "South", "East"]
            .iter()
            .map(|r| {
                format!(
                    "<div class=region><h3><a><strong>{r} quay</strong></a></h3><p>On the {r} quay \
                     the wall goes up first.</p></div>"
                )
            })
            .collect();
        let html = format!(
            "<html><body><div class=wrap><div class=entry><h1>Sea wall to be raised</h1>{}\
             <div class=regions>{regions}</div></div></div></body></html>",
            story()
        );
        let text = density::unmark(&text_of(&html).marked);
        assert!(text.contains(PARAGRAPHS[3]), "{text}");
        assert!(text.contains("On the East quay"), "{text}");
    }

    #[test]
    fn content_streamed_in_a_hidden_box_for_a_script_to_place_is_read() {
        let html = format!(
            "<html><body><nav><a href=/>Home</a> <a href=/news>News</a></nav><main><div id=B:0>\
             <p>Loading the story, please wait a moment.</p></div></main>\
             <div hidden id=modal><p>Sign in to the Harbour Ledger to save this story and to \
             follow the writers you like.</p></div>\
             <div hidden id=S:0><div class=story><h1>Sea wall to be raised</h1>{}</div></div>\
             </body></html>",
            story()
        );
        let text = density::unmark(&text_of(&html).marked);
        assert!(text.contains(PARAGRAPHS[0]) && text.contains(PARAGRAPHS[3]), "{text}");
        assert!(!text.contains("Sign in"), "{text}");
    }

    #[test]
    fn a_page_of_links_has_no_article() {
        let cards: String = (0..30)
            .map(|i| {
                format!("<li><a href=/s{i}>Headline number {i} about the harbour and the boats</a></li>")
            })
            .collect();
        let html = format!("<html><body><ul class=cards>{cards}</ul></body></html>");
        let scored = text_of(&html);
        assert!(!scored.found || density::unmark(&scored.marked).split_whitespace().count() < 50);
    }

    #[test]
    fn text_is_measured_with_whitespace_runs_as_one_space() {
        assert_eq!(text_stats("  a,  b.\n c "), (7, 1, true));
        assert_eq!(text_stats("no end"), (6, 0, false));
        assert_eq!(hints("main-content") & (MAYBE | POSITIVE), MAYBE | POSITIVE);
        assert_eq!(hints("Related-Posts") & UNLIKELY, UNLIKELY);
    }
}
