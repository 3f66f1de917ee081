//! Scores HTML extraction against WCXB (web-content-extraction-benchmark): `DIR/html/*.html.gz`
//! pages and `DIR/ground-truth/*.json` labels.
//!
//! Body text is scored as WCXB's `evaluate.py` does: lower-case, `\w+` tokens, multiset overlap
//! of predicted and reference tokens; precision = overlap / predicted, recall = overlap /
//! reference, F1 per page, averaged over pages (an empty reference scores 1 when the prediction
//! is empty too, else 0). Body, title, author and date are scored on the pages labelled
//! `article`, whatever page type wiretrace gives them; page-type accuracy (article or not) is
//! over all pages.

use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use once_cell::sync::Lazy;
use regex::Regex;
use serde::Serialize;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;
use wiretrace_ingest::{decode_html, extract_html, Page, PageType};
use wiretrace_text::fold;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {path}: {message}")]
    Read { path: PathBuf, message: String },
    #[error("no pages in {0} (expected html/*.html.gz and ground-truth/*.json)")]
    NoPages(PathBuf),
}

/// The scores `wiretrace eval extract` prints.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ExtractScores {
    pub body_precision: f64,
    pub body_recall: f64,
    pub body_f1: f64,
    /// Share of article pages with a labelled title whose extracted title equals it (whitespace
    /// collapsed, typographic quotes and apostrophes read as plain ones, both sides in Unicode
    /// compatibility form (NFKC: "…" is "...", a full-width "？" is "?"): labellers type `'` and
    /// "..." where the page prints `’` and "…", and that is not an extraction error).
    pub title_exact: f64,
    /// Share of article pages whose extracted authors are the labelled ones (same words, any
    /// order; no author on both sides counts as a match).
    pub author_match: f64,
    /// Share of article pages with a labelled date whose extracted date has the same day.
    pub date_exact: f64,
    /// Article pages labelled without a date that were given one.
    pub dates_invented: usize,
    /// Share of all pages whose article/not-article verdict matches the label.
    pub page_type_accuracy: f64,
    /// Pages read (all types).
    pub pages: usize,
    pub articles: usize,
    /// Pages extracted per second of one thread's CPU time (wall-clock time where the OS does
    /// not report it); reading and decompressing excluded.
    pub pages_per_second: f64,
}

/// One page's label.
struct Truth {
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
    body: String,
    article: bool,
}

/// Per-page result, for `--verbose` listings and tuning.
#[derive(Clone, Debug, Serialize)]
pub struct PageResult {
    pub id: String,
    pub labelled_type: String,
    pub page_type: PageType,
    pub body_precision: f64,
    pub body_recall: f64,
    pub body_f1: f64,
    pub title_ok: bool,
    pub date_ok: Option<bool>,
}

/// One page of a WCXB-style folder: its id, its label file (JSON) and the page's bytes.
pub struct LabelledPage {
    pub id: String,
    pub label: Value,
    pub html: Vec<u8>,
}

/// The pages of a WCXB-style folder (`DIR/ground-truth/ID.json`, `DIR/html/ID.html.gz`), in id
/// order, decompressed; used by the eval and by `wiretrace train page-type`.
pub fn read_labelled_pages(dir: &Path) -> Result<Vec<LabelledPage>, Error> {
    let truth_dir = dir.join("ground-truth");
    let mut ids: Vec<String> = fs::read_dir(&truth_dir)
        .map_err(|e| Error::Read { path: truth_dir.clone(), message: e.to_string() })?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".json")).map(str::to_string))
        .collect();
    ids.sort();
    let mut pages = Vec::new();
    for id in ids {
        let label_path = truth_dir.join(format!("{id}.json"));
        let html_path = dir.join("html").join(format!("{id}.html.gz"));
        let read_error = |path: &Path, message: String| Error::Read { path: path.to_path_buf(), message };
        let bytes = fs::read(&label_path).map_err(|e| read_error(&label_path, e.to_string()))?;
        let label: Value =
            serde_json::from_slice(&bytes).map_err(|e| read_error(&label_path, e.to_string()))?;
        let mut html = Vec::new();
        let file = fs::File::open(&html_path).map_err(|e| read_error(&html_path, e.to_string()))?;
        flate2::read::MultiGzDecoder::new(file)
            .read_to_end(&mut html)
            .map_err(|e| read_error(&html_path, e.to_string()))?;
        pages.push(LabelledPage { id, label, html });
    }
    if pages.is_empty() {
        return Err(Error::NoPages(dir.to_path_buf()));
    }
    Ok(pages)
}

/// Extracts every page of a WCXB-style folder (timed) and scores each against its label.
pub fn evaluate_dir(dir: &Path) -> Result<(ExtractScores, Vec<PageResult>), Error> {
    let loaded: Vec<(String, Truth, Vec<u8>)> = read_labelled_pages(dir)?
        .into_iter()
        .map(|page| (page.id, truth_of(&page.label), page.html))
        .collect();
    let started = Instant::now();
    let cpu_started = thread_cpu_seconds();
    let pages: Vec<Page> =
        loaded.iter().map(|(_, _, raw)| extract_html(&decode_html(raw, None), None)).collect();
    let seconds = match (cpu_started, thread_cpu_seconds()) {
        (Some(from), Some(to)) if to > from => to - from,
        _ => started.elapsed().as_secs_f64(),
    };
    Ok(score(&loaded, &pages, seconds))
}

/// CPU time this thread has run, in seconds (Linux `schedstat`, nanoseconds): on a machine
/// shared with other work, wall-clock time measures the neighbours as much as the extractor.
/// `None` elsewhere, and the caller falls back to wall-clock time.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(nanos as f64 / 1e9)
}

fn score(
    loaded: &[(String, Truth, Vec<u8>)],
    pages: &[Page],
    seconds: f64,
) -> (ExtractScores, Vec<PageResult>) {
    let mut s = ExtractScores { pages: pages.len(), ..ExtractScores::default() };
    let (mut titled, mut titles_ok, mut dated, mut dates_ok, mut authors_ok, mut type_ok) =
        (0, 0, 0, 0, 0, 0);
    let mut results = Vec::new();
    for ((id, truth, _), page) in loaded.iter().zip(pages) {
        if truth.article == (page.page_type == PageType::Article) {
            type_ok += 1;
        }
        let mut result = PageResult {
            id: id.clone(),
            labelled_type: if truth.article { "article".into() } else { "other".into() },
            page_type: page.page_type,
            body_precision: 0.0,
            body_recall: 0.0,
            body_f1: 0.0,
            title_ok: false,
            date_ok: None,
        };
        if !truth.article {
            results.push(result);
            continue;
        }
        s.articles += 1;
        let (p, r, f) = body_scores(&page.text, &truth.body);
        s.body_precision += p;
        s.body_recall += r;
        s.body_f1 += f;
        (result.body_precision, result.body_recall, result.body_f1) = (p, r, f);
        if let Some(title) = &truth.title {
            titled += 1;
            result.title_ok = page.title.as_deref().is_some_and(|t| squash(t) == squash(title));
            titles_ok += usize::from(result.title_ok);
        }
        if authors_equal(&page.authors, truth.author.as_deref()) {
            authors_ok += 1;
        }
        let got = page.published.map(|d| d.format("%Y-%m-%d").to_string());
        match &truth.date {
            Some(day) => {
                dated += 1;
                let ok = got.as_deref() == Some(day.as_str());
                dates_ok += usize::from(ok);
                result.date_ok = Some(ok);
            }
            None => s.dates_invented += usize::from(got.is_some()),
        }
        results.push(result);
    }
    let share = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    let articles = s.articles.max(1) as f64;
    s.body_precision /= articles;
    s.body_recall /= articles;
    s.body_f1 /= articles;
    s.title_exact = share(titles_ok, titled);
    s.author_match = share(authors_ok, s.articles);
    s.date_exact = share(dates_ok, dated);
    s.page_type_accuracy = share(type_ok, s.pages);
    s.pages_per_second = if seconds > 0.0 { s.pages as f64 / seconds } else { 0.0 };
    (s, results)
}

static WORD: Lazy<Regex> = Lazy::new(|| Regex::new(r"\w+").expect("word"));

/// Precision, recall and F1 of predicted against reference body tokens (WCXB's definition).
pub fn body_scores(predicted: &str, reference: &str) -> (f64, f64, f64) {
    let predicted = predicted.to_lowercase();
    let reference = reference.to_lowercase();
    let pred: Vec<&str> = WORD.find_iter(&predicted).map(|m| m.as_str()).collect();
    let refs: Vec<&str> = WORD.find_iter(&reference).map(|m| m.as_str()).collect();
    if refs.is_empty() {
        let s = if pred.is_empty() { 1.0 } else { 0.0 };
        return (s, s, s);
    }
    if pred.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for t in &refs {
        *counts.entry(t).or_default() += 1;
    }
    let mut overlap = 0;
    for t in &pred {
        if let Some(c) = counts.get_mut(t) {
            if *c > 0 {
                *c -= 1;
                overlap += 1;
            }
        }
    }
    let p = overlap as f64 / pred.len() as f64;
    let r = overlap as f64 / refs.len() as f64;
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

/// Same people: the folded words of the names, ignoring order, "by" and "and".
fn authors_equal(got: &[String], truth: Option<&str>) -> bool {
    let words = |s: &str| {
        let mut w: Vec<String> = fold(s)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && *w != "by" && *w != "and")
            .map(str::to_string)
            .collect();
        w.sort();
        w
    };
    match truth.map(str::trim).filter(|t| !t.is_empty()) {
        None => got.is_empty(),
        Some(t) => words(&got.join(" ")) == words(t),
    }
}

fn squash(s: &str) -> String {
    let plain: String = s
        .nfkc()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            c => c,
        })
        .collect();
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn truth_of(v: &Value) -> Truth {
    let gt = &v["ground_truth"];
    let text = |key: &str| gt[key].as_str().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let date = text("publish_date").and_then(|d| {
        let day = d.get(..10)?;
        (day.len() == 10 && day.as_bytes()[4] == b'-' && day.as_bytes()[7] == b'-').then(|| day.to_string())
    });
    Truth {
        title: text("title"),
        author: text("author"),
        date,
        body: text("main_content").unwrap_or_default(),
        article: v["_internal"]["page_type"]["primary"].as_str() == Some("article"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_scores_count_the_multiset_overlap() {
        let (p, r, f) = body_scores("The dam held, the board said", "the dam held overnight");
        assert!((p - 0.5).abs() < 1e-9);
        assert!((r - 0.75).abs() < 1e-9);
        assert!((f - 0.6).abs() < 1e-9);
        assert_eq!(body_scores("", ""), (1.0, 1.0, 1.0));
        assert_eq!(body_scores("words", ""), (0.0, 0.0, 0.0));
    }

    #[test]
    fn authors_match_in_any_order() {
        assert!(authors_equal(&["Tomas Berg".into(), "Ana Ruiz".into()], Some("Ana Ruiz and Tomas Berg")));
        assert!(authors_equal(&[], None));
        assert!(!authors_equal(&["Ana Ruiz".into()], None));
    }

    #[test]
    fn titles_compare_with_plain_quotes_and_collapsed_spaces() {
        assert_eq!(
            squash("Harbour\u{2019}s  \u{201C}last\u{201D} ferry"),
            squash("Harbour's \"last\" ferry")
        );
        assert_ne!(squash("Harbour's last ferry | Tide Gazette"), squash("Harbour's last ferry"));
        assert_eq!(squash("Harbour guide to\u{2026} tides\u{ff1f}"), squash("Harbour guide to... tides?"));
    }
}
