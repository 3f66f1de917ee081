//! Extraction from scraped article text: which lines are the headline, the byline, the date, the
//! URL and the site's furniture, and which are the article.
//!
//! A line is the unit throughout: scrapers put one paragraph per line, and every metadata cue
//! (a date line, a byline, a copyright line) occupies a line of its own. Metadata is only read
//! from such lines, from the trailer and copyright cues, from a dateline at the start of the
//! first paragraph and from the URL: a date in the middle of prose ("On March 2, ...") is what
//! the article talks about, not when it was published.

mod boilerplate;
mod byline;
pub(crate) mod dates;
mod headline;
pub(crate) mod html;
mod language;
mod outlet;

use chrono::{DateTime, Utc};
use once_cell::sync::Lazy;
use regex::Regex;
use wiretrace_core::Article;
use wiretrace_text::fold;

use dates::DateLabel;

/// Metadata the caller already knows (a JSONL record's fields): it shapes extraction, e.g. a
/// known title is removed from the text only where the text repeats it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Known {
    pub title: Option<String>,
    pub url: Option<String>,
}

/// Extraction from plain scraped text: metadata plus boilerplate removal. Never fails; an
/// article with nothing left has an empty `text` (readers turn that into a rejection).
pub fn parse_plain_text(id: &str, source: &str, raw: &str) -> Article {
    extract(id, source, raw, &Known::default())
}

/// How much to trust where a publication date was read; lower wins, then the earlier line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum DateCue {
    /// `Published: DATE`
    Labelled,
    /// a line that is only a date
    Line,
    /// `first appeared on X on DATE`
    Appeared,
    /// `PLACE, DATE (Wire) -` at the start of the first paragraph
    Dateline,
    Url,
    /// `Updated: DATE`: later than publication, used only when nothing else dates the page
    Updated,
}

/// How much to trust where the outlet's name was read; lower wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum OutletCue {
    Appeared,
    Copyright,
    Readers,
    Url,
}

#[derive(Default)]
struct Found {
    url: Option<String>,
    dates: Vec<(DateCue, DateTime<Utc>)>,
    outlets: Vec<(OutletCue, String)>,
    authors: Vec<String>,
}

impl Found {
    fn published(&self) -> Option<DateTime<Utc>> {
        // min_by_key keeps the first of equals, so ties go to the earlier line.
        self.dates.iter().min_by_key(|(cue, _)| *cue).map(|(_, d)| *d)
    }

    fn outlet(&self) -> Option<String> {
        self.outlets.iter().min_by_key(|(cue, _)| *cue).map(|(_, o)| o.clone())
    }

    fn add_authors(&mut self, names: Vec<String>) {
        for name in names {
            if !self.authors.contains(&name) {
                self.authors.push(name);
            }
        }
    }
}

struct Line {
    text: String,
    keep: bool,
    /// Held a date (a line the bare-name byline rule looks next to).
    dated: bool,
}

pub(crate) fn extract(id: &str, source: &str, raw: &str, known: &Known) -> Article {
    let mut lines: Vec<Line> = raw
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .map(|text| Line { text, keep: true, dated: false })
        .collect();
    let mut found = Found { url: known.url.clone(), ..Found::default() };

    for line in &mut lines {
        classify(line, &mut found);
    }
    drop_repeated_lines(&mut lines);
    bare_name_bylines(&mut lines, &mut found);
    let title = take_title(&mut lines, known.title.as_deref());

    // A standfirst may sit above the paragraph that carries the dateline.
    let opening = lines.iter().filter(|l| l.keep).take(2);
    if let Some(date) = opening.filter_map(|l| dateline(&l.text)).next() {
        found.dates.push((DateCue::Dateline, date));
    }
    if let Some(url) = &found.url {
        if let Some(date) = dates::url_date(url) {
            found.dates.push((DateCue::Url, date));
        }
        if let Some(name) = outlet::host_outlet(url) {
            let readable = outlet::name_for_host(&name, raw).unwrap_or(name);
            found.outlets.push((OutletCue::Url, readable));
        }
    }

    let text = lines.iter().filter(|l| l.keep).map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n\n");
    Article {
        id: id.to_string(),
        source: source.to_string(),
        title,
        url: found.url.clone(),
        outlet: found.outlet(),
        published: found.published(),
        authors: found.authors.clone(),
        language: language::detect(&text),
        text,
    }
}

/// Reads what a single line says (URL, trailer, copyright, date, byline) and drops the line if
/// it is metadata or furniture.
fn classify(line: &mut Line, found: &mut Found) {
    let text = line.text.as_str();
    if let Some(url) = outlet::url_line(text) {
        found.url.get_or_insert(url);
        line.keep = false;
        return;
    }
    if boilerplate::is_boilerplate(text) {
        // Cues are only read from furniture lines: "first appeared on" in prose may be about
        // anything ("the idea first appeared on Twitter").
        if let Some((name, date)) = outlet::appeared_on(text) {
            found.outlets.push((OutletCue::Appeared, name));
            if let Some(date) = date {
                found.dates.push((DateCue::Appeared, date));
            }
        }
        if let Some(name) = outlet::copyright(text) {
            found.outlets.push((OutletCue::Copyright, name));
        }
        if let Some(name) = outlet::readers_cue(text) {
            found.outlets.push((OutletCue::Readers, name));
        }
        line.keep = false;
        return;
    }
    if let Some(meta) = meta_line(text) {
        for (label, date) in meta.dates {
            let cue = match label {
                DateLabel::Published if meta.labelled => DateCue::Labelled,
                DateLabel::Published => DateCue::Line,
                DateLabel::Updated => DateCue::Updated,
            };
            if let Some(date) = date {
                found.dates.push((cue, date));
                line.dated = true;
            }
        }
        found.add_authors(meta.authors);
        line.keep = false;
    }
}

/// What a metadata line ("March 4, 2021", "By Ana Ruiz | Published: March 4, 2021 | 3 min
/// read") holds.
struct Meta {
    dates: Vec<(DateLabel, Option<DateTime<Utc>>)>,
    labelled: bool,
    authors: Vec<String>,
}

static READING_TIME: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^\d+\s*(min|mins|minute|minutes)\s*(read|watch|listen)$").expect("reading time")
});
static LABELLED: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?i)^(first |originally )?(published|posted)\b").expect("labelled"));

/// `line` as a metadata line: every `|`/`•`/`·`-separated part of it is a (labelled) date, a
/// byline, a reading time, or a bare name beside a date.
fn meta_line(line: &str) -> Option<Meta> {
    let parts: Vec<&str> = line.split(['|', '•', '·']).map(str::trim).filter(|p| !p.is_empty()).collect();
    let mut meta = Meta { dates: Vec::new(), labelled: false, authors: Vec::new() };
    let mut names = Vec::new();
    for part in &parts {
        if let Some(date) = dates::date_line(part) {
            meta.labelled |= LABELLED.is_match(part);
            meta.dates.push(date);
        } else if let Some(authors) = byline::by_line(part) {
            meta.authors.extend(authors);
        } else if let Some(name) = byline::bare_name(part) {
            names.push(name);
        } else if !READING_TIME.is_match(part) {
            return None;
        }
    }
    // "Ana Ruiz | March 4, 2021": a bare name counts only beside a date on the same line.
    if !names.is_empty() {
        if meta.dates.is_empty() {
            return None;
        }
        meta.authors.extend(names);
    }
    Some(meta)
}

/// A line repeated verbatim right after itself is a photo caption scraped twice (as image text
/// and as caption); neither copy is article text. A repeated paragraph of real text loses both
/// copies too, which costs little: its words are still in the source.
fn drop_repeated_lines(lines: &mut [Line]) {
    let mut i = 0;
    while i < lines.len() {
        let mut j = i + 1;
        while j < lines.len() && lines[j].text == lines[i].text {
            j += 1;
        }
        if j - i > 1 && lines[i].keep {
            for line in &mut lines[i..j] {
                line.keep = false;
            }
        }
        i = j;
    }
}

/// Lines before the first paragraph of prose are the page header (headline, standfirst,
/// byline, date, kicker).
fn header_end(lines: &[Line]) -> usize {
    lines
        .iter()
        .position(|l| {
            let words = l.text.split_whitespace().count();
            let sentence_end = l.text.ends_with(['.', '!', '?', '"', '”', '’', ')']);
            l.keep && (words >= 30 || (words >= 12 && sentence_end))
        })
        .unwrap_or(lines.len())
}

/// A name alone on a header line, next to a date line, is the byline ("Ana Ruiz" above "Friday
/// 05 March 2021 10:00 GMT"). Without the date beside it, a two-word line is as likely a kicker.
fn bare_name_bylines(lines: &mut [Line], found: &mut Found) {
    let end = header_end(lines);
    for i in 0..end {
        if !lines[i].keep {
            continue;
        }
        let beside_date = (i > 0 && lines[i - 1].dated) || lines.get(i + 1).is_some_and(|l| l.dated);
        if !beside_date {
            continue;
        }
        if let Some(name) = byline::bare_name(&lines[i].text) {
            found.add_authors(vec![name]);
            lines[i].keep = false;
        }
    }
}

/// The headline: the first remaining line, when it reads as one; section labels above it go.
/// A title the caller already knows is only removed where the text starts with it.
fn take_title(lines: &mut [Line], known: Option<&str>) -> Option<String> {
    let known = known.map(str::trim).filter(|k| !k.is_empty());
    let mut labels = Vec::new();
    let mut title = None;
    for i in 0..lines.len() {
        if !lines[i].keep {
            continue;
        }
        let text = lines[i].text.as_str();
        let matches_known = known.is_some_and(|k| fold(text.trim_start_matches('#').trim()) == fold(k));
        if !matches_known && headline::section_label(text) {
            labels.push(i);
            continue;
        }
        title = match known {
            Some(k) => matches_known.then(|| k.to_string()),
            None => headline::headline(text),
        };
        // A one-paragraph article whose headline is its whole text keeps it as text too.
        let more_text = lines.iter().enumerate().any(|(j, l)| j != i && l.keep && !labels.contains(&j));
        if title.is_some() && more_text {
            lines[i].keep = false;
            for &j in &labels {
                lines[j].keep = false;
            }
        }
        break;
    }
    known.map(str::to_string).or(title)
}

static PLACE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3},\s+){1,2}").expect("place")
});
static AFTER_DATELINE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^\s*(?:\(|:|—|–|-|$)").expect("after dateline"));

/// "PORT ESTREL, March 4, 2021 (BNC) - ..." or "March 4, 2021 — ...": the date a wire story
/// carries at the start of its first paragraph. A dateline without a year gives nothing.
fn dateline(paragraph: &str) -> Option<DateTime<Utc>> {
    let start = PLACE.find(paragraph).map_or(0, |m| m.end());
    let rest = &paragraph[start..];
    let m = dates::date_at_start(rest)?;
    AFTER_DATELINE.is_match(&rest[m.range.end..]).then_some(m.at)
}

#[cfg(test)]
mod tests;
