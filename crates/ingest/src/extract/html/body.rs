//! The article body. When the page declares a container that names the article's text itself
//! (`itemprop=articleBody`, `.entry-content`, ...; see [`container`]), that container is read
//! directly, its furniture boxes skipped and its link-dense lines and edges dropped
//! ([`density`]). Otherwise wiretrace's own content scorer ([`scorer`]: Readability's rules in
//! one walk over the parsed tree) picks the content subtree, unless its text is far shorter
//! than a broad declared container (`<article>`, `<main>`: then the scorer has dropped sections
//! of the article and the container's text is taken). wiretrace then removes what either keeps
//! but a news reader does not want: share prompts, newsletter boxes, "READ MORE" teasers, photo
//! credits, a repeated headline (the furniture rules of scraped plain text), a second rendering
//! of the text (a run of paragraphs repeated word for word), an author bio (named by the byline
//! or the metadata's authors, with little after it) or tag list after the article, and the runs
//! of whole-link lines (teasers, menus) that open or close it.

use dom_query::Document;
use once_cell::sync::Lazy;
use regex::Regex;

use super::density::{self, LinkTexts};
use super::{container, scorer};
use crate::extract::boilerplate::is_boilerplate;
use crate::extract::{byline, dates};

/// Bylines and date lines sit in the first few blocks of a body; later ones are prose.
const HEADER_BLOCKS: usize = 4;

pub struct Body {
    pub text: String,
    /// The first byline element's text, for pages whose metadata names no author.
    pub byline: Option<String>,
    /// A declared container or the scorer found the article's text (rather than nothing).
    pub readable: bool,
    /// The scorer's own text when a broad declared container's replaced it: the page type is
    /// judged on what the scorer found (a listing's container is full of teaser cards).
    pub scored_text: Option<String>,
    /// The page's link texts.
    pub links: LinkTexts,
}

/// The scorer's text under this share of the declared container's words has lost part of the
/// article. (The other way round, the scorer's text far longer than the container, the
/// container is usually a menu or a teaser: the scorer's pick is kept.)
const SHORT_SHARE: f64 = 0.5;

/// The body of the page `doc`: the declared container when it names the article's text,
/// else the scorer's pick, or a broad declared container when the scorer's text is far
/// shorter.
pub fn extract(doc: Document, authors: &[String]) -> Body {
    let declared = container::find(&doc);
    let links = LinkTexts::collect(&doc);
    if let Some(d) = declared.as_ref().filter(|d| d.specific) {
        let byline = dom_byline(&doc);
        let names = Names::new(byline.as_deref(), authors);
        return Body {
            text: cut_author_bio(density::prune_edges(&d.marked), &names),
            byline,
            readable: true,
            scored_text: None,
            links,
        };
    }
    let scored = scorer::extract(&doc);
    let byline = dom_byline(&doc);
    let names = Names::new(byline.as_deref(), authors);
    let text = cut_author_bio(density::unmark(&scored.marked), &names);
    let mut body =
        Body { readable: scored.found && !text.trim().is_empty(), text, byline, scored_text: None, links };
    if let Some(declared) = declared {
        if lost_sections(body.text.split_whitespace().count(), declared.words) {
            let text = cut_author_bio(density::prune(&declared.marked), &names);
            body.scored_text = Some(std::mem::replace(&mut body.text, text));
        }
    }
    body
}

/// Verbs that open an author's biography after the name.
const BIO_VERBS: &str =
    "is|was|has|started|writes|covers|holds|joined|serves|works|leads|founded|brings|specializes|specialises|loves";

/// A paragraph that opens with a person's name and a verb of a biography: "Ana Ruiz is a
/// reporter ...", "Ana Ruiz, PhD, has covered ...", "Ana is a reporter ...".
static BIO_OPENING: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"^\W*((?:\p{{Lu}}[\w'’.-]*\s+){{0,3}}\p{{Lu}}[\w'’.-]*)(?:\s*\([^)]{{1,40}}\))?(?:,\s*\p{{Lu}}[\w.]*)?,?\s+(?:{BIO_VERBS})\s"
    ))
    .expect("bio opening")
});

/// The line above an author's bio that names the author's role: "Contributing Writer".
static ROLE_LINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^\W*(?:contributing |staff |senior )?(?:writer|editor|author|reporter|contributor)\b")
        .expect("role line")
});

/// An author's bio starts only past this share of the body's text: earlier, a paragraph
/// about a person is the article's own.
const BIO_FROM: f64 = 0.6;

/// The most words of the name line that may head an author's bio.
const MAX_NAME_LINE_WORDS: usize = 6;

/// An author box is short: a "bio" followed by more words than this is a section of the
/// article about its author (an interview's subject, a guest post's appendix).
const MAX_AFTER_BIO_WORDS: usize = 150;

/// The names the page gives its authors: the byline element's text and the metadata's
/// authors (a page may state either).
pub(super) struct Names {
    /// Every name's words, for "is this word part of an author's name".
    all: String,
    /// The metadata's authors of two words or more.
    full: Vec<String>,
}

impl Names {
    pub(super) fn new(byline: Option<&str>, authors: &[String]) -> Names {
        let mut all = byline.unwrap_or_default().to_string();
        for author in authors {
            all.push(' ');
            all.push_str(author);
        }
        let full = authors.iter().filter(|a| a.split_whitespace().nth(1).is_some()).cloned().collect();
        Names { all, full }
    }

    /// The line is an author's name alone, or opens with an author's first name and a verb
    /// of a biography ("Ana is a reporter ...").
    fn heads_bio(&self, line: &str, named: Option<&str>) -> bool {
        let line = line.trim();
        self.full.iter().any(|author| {
            line == author
                || named.is_some_and(|n| author.split_whitespace().next() == Some(n) && !n.contains(' '))
        })
    }
}

/// Drops the author's bio that closes the body (and the rest of the author box after it): a
/// paragraph past [`BIO_FROM`] of the text, with at most [`MAX_AFTER_BIO_WORDS`] words after
/// it, that opens with an author's name and a verb of a biography, or is an author's full
/// name alone. A line before it that is just that name (the author box's heading) or the
/// author's role goes with it.
fn cut_author_bio(text: String, names: &Names) -> String {
    if names.all.trim().is_empty() {
        return text;
    }
    let lines: Vec<&str> = text.lines().collect();
    // Positions are weighed by bytes, not words: counting words on every line costs more.
    let total = text.len();
    let mut seen = 0;
    for (i, line) in lines.iter().enumerate() {
        let past = seen as f64 >= BIO_FROM * total as f64;
        seen += line.len() + 1;
        // Most lines are ruled out by their first word before the pattern runs.
        let first_word =
            line.split_whitespace().next().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
        if !past || !first_word.is_some_and(|w| !w.is_empty() && names.all.contains(w)) {
            continue;
        }
        let name = BIO_OPENING.captures(line).and_then(|c| c.get(1)).map(|m| m.as_str());
        let named: Vec<&str> = name.map(|n| n.split_whitespace().collect()).unwrap_or_default();
        // A name line alone is also how a listicle heads each entry ("Kings Park / Kings Park
        // is ..."): the name must be an author's. One capitalised word is as often a section's
        // subject ("Kotlin has ..."): it must be an author's first name.
        let bylined = named.len() >= 2 && named.iter().all(|w| names.all.contains(w));
        let extended = names.heads_bio(line, name);
        if !bylined && !extended {
            continue;
        }
        let after: usize = lines[i + 1..].iter().map(|l| l.split_whitespace().count()).sum();
        if after > MAX_AFTER_BIO_WORDS {
            continue;
        }
        let previous = lines[..i].iter().rposition(|l| !l.trim().is_empty());
        let heading = previous.filter(|&p| {
            let words = lines[p].split_whitespace().count();
            (!named.is_empty()
                && words <= MAX_NAME_LINE_WORDS
                && lines[p].split_whitespace().take(named.len()).eq(named.iter().copied()))
                || (extended && words <= 4 && ROLE_LINE.is_match(lines[p]))
        });
        let cut = heading.unwrap_or(i);
        return lines[..cut].join("\n");
    }
    text
}

/// Class or id fragments of the element holding the byline (Readability's list).
const BYLINE_NAMES: &[&str] = &["byline", "author", "dateline", "writtenby", "p-author"];

/// A byline longer than this is a bio or a box of posts, not a byline.
const MAX_BYLINE_CHARS: usize = 100;

/// The first byline element of the page, as Readability would find it: `rel=author`,
/// `itemprop=author` or a class or id naming a byline, with a short text.
fn dom_byline(doc: &Document) -> Option<String> {
    for node in doc.root().descendants_it() {
        if !node.is_element() {
            continue;
        }
        let named = |attr: &str| {
            node.attr(attr).is_some_and(|v| {
                let v = v.to_ascii_lowercase();
                BYLINE_NAMES.iter().any(|n| v.contains(n))
            })
        };
        let byline = node.attr("rel").is_some_and(|r| &*r == "author")
            || node.attr("itemprop").is_some_and(|p| p.contains("author"))
            || named("class")
            || named("id");
        if !byline {
            continue;
        }
        let text = node.text();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() && text.chars().count() < MAX_BYLINE_CHARS {
            return Some(text);
        }
    }
    None
}

/// The scorer's text of `picked` words has lost part of a declared container of `declared`
/// words (furniture already left out of both).
fn lost_sections(picked: usize, declared: usize) -> bool {
    (picked as f64) < SHORT_SHARE * declared as f64
}

/// Paragraphs of the body, one per blank-line-separated block, without furniture lines or a
/// leading copy of the headline.
pub fn clean(text: &str, title: Option<&str>, links: &LinkTexts) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    // Each paragraph's words, counted once for the rules that weigh positions by words.
    let mut words: Vec<usize> = Vec::new();
    for line in text.lines() {
        let line_words: Vec<&str> = line.split_whitespace().collect();
        let line = line_words.join(" ");
        if line.is_empty() || is_boilerplate(&line) {
            continue;
        }
        if paragraphs.is_empty() && title.is_some_and(|t| t == line) {
            continue;
        }
        // The byline and dateline are metadata, read from the markup; not article text.
        if paragraphs.len() < HEADER_BLOCKS
            && line_words.len() <= 12
            && (byline::by_line(&line).is_some() || dates::date_line(&line).is_some())
        {
            continue;
        }
        // A caption scraped twice (image alt text and caption) appears back to back.
        if paragraphs.last().is_some_and(|p| *p == line) {
            continue;
        }
        paragraphs.push(line);
        words.push(line_words.len());
    }
    drop_repeated_runs(&mut paragraphs, &mut words);
    cut_tail(&mut paragraphs, &words);
    words.truncate(paragraphs.len());
    cut_dated_teasers(&mut paragraphs, &words);
    trim_link_edges(&mut paragraphs, links);
    paragraphs.join("\n\n")
}

/// Paragraphs of at least this many words count towards a repeated run.
const REPEATED_MIN_WORDS: usize = 6;

/// A run of this many repeated paragraphs (of [`REPEATED_MIN_WORDS`] or more) is a second
/// rendering of the text, not a refrain.
const REPEATED_RUN: usize = 5;

/// Drops the runs of paragraphs that repeat earlier ones word for word, when a run holds
/// [`REPEATED_RUN`] such paragraphs: the same article rendered again for another screen size
/// (page builders ship a desktop, a tablet and a phone copy, hidden by style sheets) or a
/// carousel's cloned slides. A quote or a heading said twice is a single repeat and stays.
fn drop_repeated_runs(paragraphs: &mut Vec<String>, words: &mut Vec<usize>) {
    let mut seen: std::collections::HashSet<&str> =
        std::collections::HashSet::with_capacity(paragraphs.len());
    let repeated: Vec<bool> = paragraphs.iter().map(|p| !seen.insert(p.as_str())).collect();
    let mut keep = vec![true; paragraphs.len()];
    let mut i = 0;
    while i < paragraphs.len() {
        if !repeated[i] {
            i += 1;
            continue;
        }
        let end = (i..paragraphs.len()).find(|&j| !repeated[j]).unwrap_or(paragraphs.len());
        if (i..end).filter(|&j| words[j] >= REPEATED_MIN_WORDS).count() >= REPEATED_RUN {
            keep[i..end].iter_mut().for_each(|k| *k = false);
        }
        i = end;
    }
    if keep.iter().all(|&k| k) {
        return;
    }
    let mut flags = keep.iter();
    paragraphs.retain(|_| *flags.next().unwrap_or(&true));
    let mut flags = keep.iter();
    words.retain(|_| *flags.next().unwrap_or(&true));
}

/// Drops the runs of whole-link lines that open and close the body: teasers for other
/// stories, tag lists and menus around the article. A run of links inside the article (a list
/// of sources, say) stays.
fn trim_link_edges(paragraphs: &mut Vec<String>, links: &LinkTexts) {
    let end = paragraphs.iter().rposition(|p| !links.is_link(p)).map_or(0, |i| i + 1);
    paragraphs.truncate(end);
    let start = paragraphs.iter().position(|p| !links.is_link(p)).unwrap_or(paragraphs.len());
    paragraphs.drain(..start);
}

/// Headings of the boxes that follow an article inside its container: the author's bio, tag
/// lists, other posts. Everything from such a heading on is not the article.
static TAIL_HEADING: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)^(about the authors?|written by|recent posts|related (posts|articles|stories|content)|tags)\W*$",
    )
    .expect("tail heading")
});

/// A tail heading counts only past this share of the body's words: near the top it heads a
/// section of the article itself.
const TAIL_FROM: f64 = 0.4;

/// Drops a tail heading past [`TAIL_FROM`] of the body and every paragraph after it.
fn cut_tail(paragraphs: &mut Vec<String>, words: &[usize]) {
    let total: usize = words.iter().sum();
    let mut seen = 0;
    for (i, p) in paragraphs.iter().enumerate() {
        if seen as f64 >= TAIL_FROM * total as f64 && TAIL_HEADING.is_match(p) {
            paragraphs.truncate(i);
            return;
        }
        seen += words[i];
    }
}

/// Dated teasers (a title, its date line, an excerpt) count only past this share of the
/// body's words: near the top, date lines head the entries of a timeline or a live blog.
const TEASERS_FROM: f64 = 0.5;

/// Two date lines at most this many paragraphs apart are two teasers' dates.
const TEASER_SPAN: usize = 3;

/// A date line ("Published: March 27, 2025 at 10:04 am") has at most this many words.
const MAX_DATE_LINE_WORDS: usize = 8;

/// Drops a list of dated teasers for other posts that closes the body: from the title before
/// the first of two date-only lines [`TEASER_SPAN`] or fewer paragraphs apart, past
/// [`TEASERS_FROM`] of the words. An article's own paragraphs are not headed by bare dates.
fn cut_dated_teasers(paragraphs: &mut Vec<String>, words: &[usize]) {
    let total: usize = words.iter().sum();
    let mut seen = 0;
    let mut last_date: Option<usize> = None;
    for (i, p) in paragraphs.iter().enumerate() {
        let past = seen as f64 >= TEASERS_FROM * total as f64;
        // Every date line has a digit (its day or year): the date pattern runs on few lines.
        let past = past && words[i] <= MAX_DATE_LINE_WORDS && p.bytes().any(|b| b.is_ascii_digit());
        seen += words[i];
        if !past || dates::date_line(p).is_none() {
            continue;
        }
        if let Some(first) = last_date.filter(|&d| i - d <= TEASER_SPAN) {
            paragraphs.truncate(first.saturating_sub(1));
            return;
        }
        last_date = Some(i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_container_wins_only_when_the_scorer_kept_under_half() {
        assert!(lost_sections(0, 200));
        assert!(lost_sections(99, 200));
        assert!(!lost_sections(100, 200));
        assert!(!lost_sections(900, 200));
    }

    #[test]
    fn an_author_bio_after_the_article_is_cut_but_not_a_section_near_the_top() {
        let story = "The ferry ran again on Monday after a week of storms kept it in port. ".repeat(4);
        let text = format!("{story}\n\n{story}\n\nAbout the Author\n\nAna Ruiz covers the harbour.");
        let cleaned = clean(&text, None, &LinkTexts::default());
        assert!(cleaned.ends_with("kept it in port."), "{cleaned}");
        let early = format!("Tags\n\n{story}");
        assert!(clean(&early, None, &LinkTexts::default()).starts_with("Tags"));
    }

    #[test]
    fn the_bylined_authors_bio_closing_the_body_is_cut() {
        let story = "The ferry ran again on Monday after a week of storms kept it in port. ".repeat(6);
        let text = format!(
            "{story}\n{story}\nMarta Lindqvist\nMarta Lindqvist is a reporter who covers the coast \
             for the Harbour Post.\nFollow her on the radio."
        );
        let cut = cut_author_bio(text.clone(), &Names::new(Some("By Marta Lindqvist"), &[]));
        assert!(cut.trim_end().ends_with("kept it in port."), "{cut}");
        // No byline names her: a listicle entry headed by a name is kept.
        assert_eq!(cut_author_bio(text.clone(), &Names::new(None, &[])), text);
        // Near the top, a paragraph about the byline's author is the article's own.
        let early = format!("Marta Lindqvist is a reporter who sailed on the ferry.\n{story}\n{story}");
        assert_eq!(cut_author_bio(early.clone(), &Names::new(Some("Marta Lindqvist"), &[])), early);
    }

    #[test]
    fn dated_teasers_for_other_posts_after_the_article_are_cut() {
        let story = [
            "The ferry ran again on Monday after a week of storms kept it in port.",
            "Its captain said the crossing was rough but the passengers were calm.",
            "The harbour board will meet on Friday to weigh repairs to the old pier.",
            "A second ferry is due to join the route in the spring, the board said.",
        ]
        .join("\n\n");
        let teasers = "Storm season ends early\n\nMarch 29, 2025\n\nThe coast guard said the \
            season was over.\n\nNew pier opens\n\nMarch 27, 2025\n\nThe town opened its pier.";
        let links = LinkTexts::default();
        assert_eq!(clean(&format!("{story}\n\n{teasers}"), None, &links), story);
        // One date line is a date inside the article.
        let one = format!("{story}\n\nMarch 29, 2025\n\nThe board met again.");
        assert!(clean(&one, None, &links).ends_with("The board met again."));
    }

    #[test]
    fn whole_link_lines_go_at_the_edges_only() {
        let doc = Document::from(
            "<a href=/a>Storm closes coast road</a><a href=/b>Ferry cancelled</a><a href=/c>Board report</a>",
        );
        let links = LinkTexts::collect(&doc);
        let story = "The ferry ran again on Monday after a week of storms kept it in port.";
        let text = format!("Storm closes coast road\n{story}\nBoard report\n{story}\nFerry cancelled");
        assert_eq!(clean(&text, None, &links), format!("{story}\n\nBoard report\n\n{story}"));
    }

    #[test]
    fn an_article_split_into_sections_is_read_whole() {
        let section = |heading: &str, item: &str| {
            format!(
                "<section><h2>{heading}</h2><p>The harbour board met on {heading} to weigh the \
                 repairs.</p><ul><li>{item} one</li><li>{item} two</li><li>{item} three</li></ul>\
                 </section>"
            )
        };
        let long = "The tide gauge at the old pier read higher than at any time since records \
            began, and the board said the sea wall would be raised along its whole length. "
            .repeat(6);
        let html = format!(
            "<html><body><nav><a href=/>Home</a></nav><article>{}{}{}<section><h2>Budget</h2>\
             <p>{long}</p><p>{long}</p></section></article><footer>Contact us</footer></body></html>",
            section("Monday", "Pump"),
            section("Tuesday", "Gate"),
            section("Wednesday", "Crane"),
        );
        let body = extract(Document::from(html.as_str()), &[]);
        for part in ["Monday", "Gate two", "Wednesday", "sea wall"] {
            assert!(body.text.contains(part), "{part} missing from {}", body.text);
        }
        assert!(!body.text.contains("Contact us"));
    }
}
