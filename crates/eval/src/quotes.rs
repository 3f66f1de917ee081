//! Scoring direct quotes and their speakers against PolNeAR (BRAT standoff: `DIR/text/*.txt`
//! and `DIR/attributions/*.ann`, where `T` lines are `Source`, `Cue` and `Content` spans in
//! chars, `start end[;start end]`, and `E` lines tie one attribution's spans together).
//!
//! # What is scored
//!
//! * **Gold quotes** are the PolNeAR attributions whose Content holds a double quote mark
//!   (`"`, `“`, `”`, `«`, `»`). PolNeAR's Content often frames a partial quote with the reported
//!   clause around it (`that the team wanted to "keep it quiet"`); a direct quote is the words
//!   between the marks, so the gold span of a quote is, in each fragment of its Content that
//!   holds a mark, the stretch from the first mark to the last (from a lone opening mark to the
//!   fragment's end, from the fragment's start to a lone closing mark). Marks are read in order
//!   over all the fragments of one Content, so a fragment without marks between an opening
//!   and a closing one (PolNeAR cuts long quotes at sentences) is quoted throughout, and the
//!   marks of the paragraph before the Content say whether it starts inside a quote (a
//!   transcript turn `"ROOK: ...` whose Content begins after the label). The framing words of a
//!   partial quote are reported speech and are not scored here.
//! * **Predictions** are the extractor's [`QuoteKind::Direct`] quotes, each the union of its
//!   parts (the cue between the parts of a split quote is in no part). Indirect quotes are not
//!   scored. A prediction whose words overlap no gold quote but do overlap a gold Content
//!   without marks (a single-mark quote, a quote nested in reported speech that PolNeAR
//!   annotated without its marks) is **set aside**: neither right nor wrong, and counted in
//!   [`QuoteScores::set_aside`] so the reader sees how many. A prediction overlapping no gold
//!   Content at all is a false positive (a title, scare quote or unannotated quote).
//! * **Tokens** are maximal runs of letters and digits (apostrophes and hyphens between
//!   letters join a run); quote marks and punctuation are not tokens, so the gold's marks and
//!   the prediction's lack of them do not matter.
//!
//! # The figures (as BBC's citron defines them)
//!
//! * Overlap: precision = predicted tokens inside some gold quote / predicted tokens;
//!   recall = gold tokens inside some prediction / gold tokens; `span_f1_overlap` their
//!   harmonic mean. `span_precision` and `span_recall` are these overlap figures.
//! * Exact: a prediction matches a gold quote exactly when both hold the same tokens; each
//!   prediction matches at most one gold quote and the other way round; `span_f1_exact` is the
//!   F1 of those matches (a prediction without an exact match is a false positive, a gold quote
//!   without one a false negative).
//! * Speed: the extractor alone (the tagger's people are found first), the fastest of
//!   [`SPEED_PASSES`] passes over the split, in MB of text per second of the thread's own CPU
//!   time (wall time where the system does not report it): the speed of one core.
//! * Failures: each gold quote that went wrong, by its worst failure (missed, boundary, no
//!   speaker, wrong speaker), and each prediction that is spurious (overlaps no gold Content)
//!   or overruns (finds a gold quote but runs past it: the words that cost precision).
//! * Speaker accuracy, over all gold quotes (a missed quote counts as wrong): the prediction
//!   sharing the most tokens with the gold quote has a speaker span overlapping the gold
//!   Source, or a speaker naming the same person (a capitalised word of the gold Source other
//!   than a title is a word of the predicted speaker's name). Gold quotes without a Source are
//!   left out of this figure and counted in [`QuoteScores::gold_without_source`].

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;
use wiretrace_core::{Article, EntityKind, Mention, QuoteKind};
use wiretrace_quotes::{extract_quote_parts, QuoteParts};

/// What can go wrong reading a PolNeAR folder.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path}:{line}: cannot parse span list {spans:?}")]
    Spans { path: PathBuf, line: usize, spans: String },
    #[error("{path}: span {start}..{end} lies outside its text of {len} chars")]
    OutOfText { path: PathBuf, start: usize, end: usize, len: usize },
    #[error("{dir}: no `text/*.txt` files with matching `attributions/*.ann`")]
    Empty { dir: PathBuf },
}

pub type Result<T> = std::result::Result<T, Error>;

/// How many times the extractor runs over the split for its speed; the fastest pass counts.
pub const SPEED_PASSES: usize = 5;

const MARKS: &[char] = &['"', '“', '”', '«', '»'];

/// One annotated attribution. Char offsets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoldAttribution {
    pub content: Vec<Range<usize>>,
    pub source: Vec<Range<usize>>,
    pub cue: Vec<Range<usize>>,
}

/// One PolNeAR document.
#[derive(Clone, Debug)]
pub struct GoldDocument {
    pub name: String,
    pub text: String,
    pub attributions: Vec<GoldAttribution>,
}

/// Reads `dir/text/NAME.txt` with `dir/attributions/NAME_XXXX.ann` (the suffix is PolNeAR's
/// annotator tag), sorted by name.
pub fn read_polnear(dir: &Path) -> Result<Vec<GoldDocument>> {
    let read_dir = |d: PathBuf| -> Result<Vec<PathBuf>> {
        let entries = std::fs::read_dir(&d).map_err(|source| Error::Read { path: d.clone(), source })?;
        let mut out: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        out.sort();
        Ok(out)
    };
    let anns: Vec<PathBuf> = read_dir(dir.join("attributions"))?
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "ann"))
        .collect();
    let mut docs = Vec::new();
    for text_path in read_dir(dir.join("text"))? {
        let Some(stem) = text_path.file_stem().and_then(|s| s.to_str()).map(str::to_string) else {
            continue;
        };
        if text_path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let Some(ann_path) = anns.iter().find(|a| {
            a.file_stem().and_then(|s| s.to_str()).is_some_and(|s| {
                s == stem || s.strip_prefix(stem.as_str()).is_some_and(|rest| rest.starts_with('_'))
            })
        }) else {
            continue;
        };
        let read =
            |p: &Path| std::fs::read_to_string(p).map_err(|source| Error::Read { path: p.into(), source });
        let text = read(&text_path)?;
        let attributions = parse_ann(&read(ann_path)?, ann_path, text.chars().count())?;
        docs.push(GoldDocument { name: stem, text, attributions });
    }
    if docs.is_empty() {
        return Err(Error::Empty { dir: dir.into() });
    }
    Ok(docs)
}

/// The attributions of one `.ann` file; `len` is the text's length in chars.
pub fn parse_ann(ann: &str, path: &Path, len: usize) -> Result<Vec<GoldAttribution>> {
    let mut spans: HashMap<&str, (&str, Vec<Range<usize>>)> = HashMap::new();
    let mut events: Vec<Vec<(&str, &str)>> = Vec::new();
    for (n, line) in ann.lines().enumerate() {
        let fields: Vec<&str> = line.split('\t').collect();
        let (Some(id), Some(body)) = (fields.first(), fields.get(1)) else {
            continue;
        };
        if id.starts_with('T') {
            let Some((label, list)) = body.split_once(' ') else {
                continue;
            };
            let bad = || Error::Spans { path: path.into(), line: n + 1, spans: list.to_string() };
            let mut ranges = Vec::new();
            for piece in list.split(';') {
                let (a, b) = piece.trim().split_once(' ').ok_or_else(bad)?;
                let (start, end): (usize, usize) =
                    (a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?);
                if start > end || end > len {
                    return Err(Error::OutOfText { path: path.into(), start, end, len });
                }
                ranges.push(start..end);
            }
            spans.insert(id, (label, ranges));
        } else if id.starts_with('E') {
            events.push(body.split_whitespace().filter_map(|p| p.split_once(':')).collect());
        }
    }
    let mut out = Vec::new();
    for event in events {
        let mut gold = GoldAttribution::default();
        for (_, target) in event {
            let Some((label, ranges)) = spans.get(target) else {
                continue;
            };
            match *label {
                "Content" => gold.content.extend(ranges.iter().cloned()),
                "Source" => gold.source.extend(ranges.iter().cloned()),
                "Cue" => gold.cue.extend(ranges.iter().cloned()),
                _ => {}
            }
        }
        if !gold.content.is_empty() {
            out.push(gold);
        }
    }
    Ok(out)
}

/// Word tokens of `chars[range]` as char ranges: runs of letters and digits, joined across an
/// apostrophe or hyphen between two of them.
fn tokens(chars: &[char], range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = range.start;
    while i < range.end {
        if !chars[i].is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < range.end
            && (chars[i].is_alphanumeric()
                || (matches!(chars[i], '\'' | '’' | '-')
                    && i + 1 < range.end
                    && chars[i + 1].is_alphanumeric()
                    && i > start))
        {
            i += 1;
        }
        out.push(start..i);
    }
    out
}

/// Which quotes are open, innermost last, as marks are read in order.
#[derive(Clone, Debug, Default)]
struct MarkStack(Vec<char>);

impl MarkStack {
    /// Reads the mark `chars[i]`. A closing mark of the other family closes the innermost
    /// quote when no quote of its own family is open (writers mix `"` and `”`), and a straight
    /// mark inside a curly quote closes it when it stands where only a closing mark can.
    fn read(&mut self, chars: &[char], i: usize) {
        let closing_shape = i > 0
            && !chars[i - 1].is_whitespace()
            && chars.get(i + 1).is_none_or(|n| n.is_whitespace() || n.is_ascii_punctuation());
        match chars[i] {
            '“' | '«' => self.0.push(chars[i]),
            '”' | '»' => {
                let own = if chars[i] == '”' { '“' } else { '«' };
                match self.0.iter().rposition(|&c| c == own) {
                    Some(at) => self.0.truncate(at),
                    None => {
                        self.0.pop();
                    }
                }
            }
            '"' => match self.0.last() {
                Some('"') => {
                    self.0.pop();
                }
                Some(_) if closing_shape && !self.0.contains(&'"') => {
                    self.0.pop();
                }
                _ => self.0.push('"'),
            },
            _ => {}
        }
    }
}

/// The quoted stretches of one Content (see the module docs): the words inside quote marks,
/// marks read in order over all its fragments, so a fragment without marks between an
/// opening and a closing one is quoted throughout. A Content that starts inside a quote (its
/// opening mark left out of the span, or a transcript paragraph opened by a mark before the
/// speaker's label) is quoted from its start: the marks of its paragraph before it are read
/// first, and a first mark that can only close says so too.
fn quoted_stretches(chars: &[char], content: &[Range<usize>]) -> Vec<Range<usize>> {
    let is_mark = |i: usize| MARKS.contains(&chars[i]);
    let mut fragments: Vec<Range<usize>> = content.to_vec();
    fragments.sort_by_key(|f| f.start);
    let Some(first_mark) = fragments.iter().flat_map(|f| f.clone()).find(|&i| is_mark(i)) else {
        return Vec::new();
    };
    let begin = fragments[0].start;
    let para_start = chars[..begin].iter().rposition(|&c| c == '\n').map_or(0, |p| p + 1);
    let mut stack = MarkStack::default();
    for i in para_start..begin {
        if is_mark(i) {
            stack.read(chars, i);
        }
    }
    let opening = matches!(chars[first_mark], '“' | '«')
        || (chars[first_mark] == '"'
            && (first_mark == begin
                || chars[first_mark - 1].is_whitespace()
                || chars[first_mark - 1] == '('));
    if stack.0.is_empty() && !opening {
        stack.0.push(if chars[first_mark] == '"' { '"' } else { '“' });
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    for fragment in &fragments {
        let mut run: Option<usize> = None;
        for i in fragment.clone() {
            if is_mark(i) {
                if let Some(start) = run.take() {
                    out.push(start..i);
                }
                stack.read(chars, i);
                continue;
            }
            if !stack.0.is_empty() && run.is_none() {
                run = Some(i);
            }
        }
        if let Some(start) = run {
            out.push(start..fragment.end);
        }
    }
    out.retain(|r| r.start < r.end);
    out
}

/// How a gold quote or a prediction fared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Failure {
    /// No prediction shares a token with the gold quote.
    Missed,
    /// Found, but the prediction's words differ from the gold's.
    Boundary,
    /// Found, with no speaker.
    NoSpeaker,
    /// Found, with a speaker who is not the gold Source.
    WrongSpeaker,
    /// A prediction overlapping no gold Content.
    Spurious,
    /// A prediction that finds a gold quote but runs past it: its words outside every gold
    /// quote cost span precision.
    Overrun,
}

/// One failure, for people to read.
#[derive(Clone, Debug, Serialize)]
pub struct FailureCase {
    pub document: String,
    pub kind: Failure,
    /// The gold quote's words (the prediction's for a spurious one), shortened.
    pub gold: String,
    pub predicted: Option<String>,
    pub gold_source: Option<String>,
    pub predicted_speaker: Option<String>,
}

/// The figures of one run; see the module docs for their definitions.
#[derive(Clone, Debug, Default, Serialize)]
pub struct QuoteScores {
    pub span_precision: f64,
    pub span_recall: f64,
    pub span_f1_overlap: f64,
    pub span_precision_exact: f64,
    pub span_recall_exact: f64,
    pub span_f1_exact: f64,
    pub speaker_accuracy: f64,
    pub gold_quotes: usize,
    /// Direct predictions scored (those set aside excluded).
    pub predicted_quotes: usize,
    pub set_aside: usize,
    pub gold_without_source: usize,
    pub documents: usize,
    pub bytes: usize,
    pub mb_per_second: f64,
    /// How many gold quotes (or predictions, for `spurious`) failed in each way.
    pub failures: Vec<(Failure, usize)>,
    #[serde(skip)]
    pub cases: Vec<FailureCase>,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The words of a span, shortened for a report.
fn excerpt(chars: &[char], ranges: &[Range<usize>]) -> String {
    let s: String = ranges
        .iter()
        .map(|r| chars[r.clone()].iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" | ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if s.chars().count() > 160 {
        let head: String = s.chars().take(157).collect();
        format!("{head}...")
    } else {
        s
    }
}

const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "rep",
    "gov",
    "gen",
    "president",
    "senator",
    "governor",
    "the",
    "a",
    "an",
    "former",
    "secretary",
    "candidate",
    "nominee",
    "democratic",
    "republican",
    "gop",
    "retired",
    "lt",
    "gen",
    "rep",
    "sen",
    "gov",
    "vice",
    "house",
    "speaker",
];

/// The gold Source and the predicted speaker name the same person: the surname of the
/// Source's first name (the last word of its first run of capitalised words, titles left out)
/// is a word of the predicted speaker.
fn same_person(gold_source: &str, speaker: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '.' || c == '-'))
            .map(|w| w.trim_end_matches("'s").trim_end_matches("’s").trim_matches('.').to_string())
            .collect()
    };
    let mut surname = None;
    for w in words(gold_source) {
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        if capital && !TITLES.contains(&w.to_lowercase().as_str()) {
            surname = Some(w.to_lowercase());
        } else if surname.is_some() {
            break;
        }
    }
    let Some(surname) = surname else {
        return false;
    };
    words(speaker).iter().any(|w| w.to_lowercase() == surname)
}

/// Runs the extractor over `docs` and scores it; `keep_cases` failure cases are kept for
/// the report.
pub fn score(docs: &[GoldDocument]) -> QuoteScores {
    // The pipeline hands the quote stage the tagger's people; so does the evaluation. Tagging
    // runs first and is not counted in the quote stage's speed.
    let articles: Vec<Article> = docs.iter().map(|d| Article::new(d.name.clone(), d.text.clone())).collect();
    let people: Vec<Vec<Mention>> = articles
        .iter()
        .map(|a| {
            wiretrace_entities::tag_mentions(a).into_iter().filter(|m| m.kind == EntityKind::Person).collect()
        })
        .collect();
    // The fastest of a few passes: the split is small, and one pass on a shared machine
    // measures the neighbours as much as the extractor.
    let mut predicted_by_doc: Vec<Vec<QuoteParts>> = Vec::new();
    let mut elapsed = f64::INFINITY;
    for _ in 0..SPEED_PASSES {
        let started = Instant::now();
        let cpu_before = thread_cpu_seconds();
        predicted_by_doc = articles
            .iter()
            .zip(&people)
            .map(|(article, people)| extract_quote_parts(article, people))
            .collect();
        let pass = match (cpu_before, thread_cpu_seconds()) {
            (Some(a), Some(b)) if b > a => b - a,
            _ => started.elapsed().as_secs_f64(),
        };
        elapsed = elapsed.min(pass);
    }

    let mut s = QuoteScores { documents: docs.len(), ..QuoteScores::default() };
    let (mut overlap_pred, mut pred_tokens, mut overlap_gold, mut gold_tokens) = (0, 0, 0, 0);
    let (mut exact_tp, mut exact_pred_tp, mut speakers_right, mut speakers_scored) = (0, 0, 0, 0);
    let mut failures: HashMap<Failure, usize> = HashMap::new();
    for (doc, predicted) in docs.iter().zip(predicted_by_doc) {
        s.bytes += doc.text.len();
        let chars: Vec<char> = doc.text.chars().collect();
        let n = chars.len();
        // Which gold quote (by index) and which other gold content cover each char.
        let golds: Vec<(&GoldAttribution, Vec<Range<usize>>)> = doc
            .attributions
            .iter()
            .filter_map(|g| {
                let stretches: Vec<Range<usize>> = quoted_stretches(&chars, &g.content);
                (!stretches.is_empty()).then_some((g, stretches))
            })
            .collect();
        let mut in_gold = vec![false; n];
        let mut in_other_content = vec![false; n];
        for g in &doc.attributions {
            for f in &g.content {
                in_other_content[f.clone()].iter_mut().for_each(|b| *b = true);
            }
        }
        let gold_toks: Vec<Vec<Range<usize>>> = golds
            .iter()
            .map(|(_, stretches)| stretches.iter().flat_map(|r| tokens(&chars, r.clone())).collect())
            .collect();
        for toks in &gold_toks {
            for t in toks {
                in_gold[t.start] = true;
            }
        }
        let preds: Vec<(&QuoteParts, Vec<Range<usize>>)> = predicted
            .iter()
            .filter(|p| p.quote.kind == QuoteKind::Direct)
            .map(|p| (p, p.parts.iter().flat_map(|r| tokens(&chars, r.start..r.end.min(n))).collect()))
            .collect();
        let mut kept: Vec<usize> = Vec::new();
        for (i, (p, toks)) in preds.iter().enumerate() {
            let hits_gold = toks.iter().any(|t| in_gold[t.start]);
            if !hits_gold && toks.iter().any(|t| in_other_content[t.start]) {
                s.set_aside += 1;
                continue;
            }
            kept.push(i);
            if !hits_gold {
                *failures.entry(Failure::Spurious).or_default() += 1;
                s.cases.push(FailureCase {
                    document: doc.name.clone(),
                    kind: Failure::Spurious,
                    gold: String::new(),
                    predicted: Some(excerpt(&chars, &spans_of(p))),
                    gold_source: None,
                    predicted_speaker: p.quote.speaker.clone(),
                });
            }
        }
        for &i in &kept {
            let outside = preds[i].1.iter().filter(|t| !in_gold[t.start]).count();
            if outside > 0 && outside < preds[i].1.len() {
                *failures.entry(Failure::Overrun).or_default() += 1;
                s.cases.push(FailureCase {
                    document: doc.name.clone(),
                    kind: Failure::Overrun,
                    gold: format!("{outside} of {} words outside", preds[i].1.len()),
                    predicted: Some(excerpt(&chars, &spans_of(preds[i].0))),
                    gold_source: None,
                    predicted_speaker: preds[i].0.quote.speaker.clone(),
                });
            }
        }
        let mut in_pred = vec![false; n];
        for &i in &kept {
            pred_tokens += preds[i].1.len();
            for t in &preds[i].1 {
                in_pred[t.start] = true;
                overlap_pred += usize::from(in_gold[t.start]);
            }
        }
        // Exact: the predictions sharing a token with the gold quote hold exactly its tokens
        // (PolNeAR puts several partial quotes of one sentence under one Content).
        let mut exact_pred = vec![false; preds.len()];
        let mut exact = vec![false; golds.len()];
        for (gi, gt) in gold_toks.iter().enumerate() {
            gold_tokens += gt.len();
            overlap_gold += gt.iter().filter(|t| in_pred[t.start]).count();
            let touching: Vec<usize> =
                kept.iter().copied().filter(|&pi| preds[pi].1.iter().any(|t| gt.contains(t))).collect();
            let mut union: Vec<&Range<usize>> = touching.iter().flat_map(|&pi| &preds[pi].1).collect();
            union.sort_by_key(|r| r.start);
            union.dedup();
            if !touching.is_empty() && union.len() == gt.len() && union.iter().zip(gt).all(|(a, b)| *a == b) {
                exact[gi] = true;
                exact_tp += 1;
                touching.iter().for_each(|&pi| exact_pred[pi] = true);
            }
        }
        exact_pred_tp += exact_pred.iter().filter(|&&e| e).count();
        // Speakers, and why each gold quote failed.
        for (gi, ((gold, stretches), gt)) in golds.iter().zip(&gold_toks).enumerate() {
            let best = kept
                .iter()
                .map(|&pi| (pi, preds[pi].1.iter().filter(|t| gt.contains(t)).count()))
                .filter(|&(_, shared)| shared > 0)
                .max_by_key(|&(pi, shared)| (shared, std::cmp::Reverse(pi)))
                .map(|(pi, _)| preds[pi].0);
            let source_text = (!gold.source.is_empty()).then(|| excerpt(&chars, &gold.source));
            let speaker_right = match (best, &source_text) {
                (Some(p), Some(source)) => {
                    let by_span = p
                        .quote
                        .speaker_span
                        .is_some_and(|sp| gold.source.iter().any(|g| sp.start < g.end && g.start < sp.end));
                    by_span || p.quote.speaker.as_deref().is_some_and(|sp| same_person(source, sp))
                }
                _ => false,
            };
            if source_text.is_some() {
                speakers_scored += 1;
                speakers_right += usize::from(speaker_right);
            } else {
                s.gold_without_source += 1;
            }
            let kind = match best {
                None => Some(Failure::Missed),
                Some(p) if source_text.is_some() && !speaker_right => {
                    Some(if p.quote.speaker.is_none() { Failure::NoSpeaker } else { Failure::WrongSpeaker })
                }
                Some(_) if !exact[gi] => Some(Failure::Boundary),
                _ => None,
            };
            if let Some(kind) = kind {
                *failures.entry(kind).or_default() += 1;
                s.cases.push(FailureCase {
                    document: doc.name.clone(),
                    kind,
                    gold: excerpt(&chars, stretches),
                    predicted: best.map(|p| excerpt(&chars, &spans_of(p))),
                    gold_source: source_text,
                    predicted_speaker: best.and_then(|p| p.quote.speaker.clone()),
                });
            }
        }
        s.gold_quotes += golds.len();
        s.predicted_quotes += kept.len();
    }
    s.span_precision = ratio(overlap_pred, pred_tokens);
    s.span_recall = ratio(overlap_gold, gold_tokens);
    s.span_f1_overlap = f1(s.span_precision, s.span_recall);
    s.span_precision_exact = ratio(exact_pred_tp, s.predicted_quotes);
    s.span_recall_exact = ratio(exact_tp, s.gold_quotes);
    s.span_f1_exact = f1(s.span_precision_exact, s.span_recall_exact);
    s.speaker_accuracy = ratio(speakers_right, speakers_scored);
    s.mb_per_second = s.bytes as f64 / 1e6 / elapsed.max(1e-9);
    let mut failures: Vec<(Failure, usize)> = failures.into_iter().collect();
    failures.sort();
    s.failures = failures;
    s
}

/// The CPU time this thread has run, where the system tells it (Linux's schedstat, in
/// nanoseconds): speed per core, not counting the time other processes held the core.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(nanos as f64 / 1e9)
}

fn spans_of(p: &QuoteParts) -> Vec<Range<usize>> {
    p.parts.iter().map(|s| s.start..s.end).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, ann: &str) -> GoldDocument {
        let attributions = parse_ann(ann, Path::new("t.ann"), text.chars().count()).unwrap();
        GoldDocument { name: "t".into(), text: text.into(), attributions }
    }

    /// Char offsets of `needle` in `text`.
    fn at(text: &str, needle: &str) -> (usize, usize) {
        let b = text.find(needle).unwrap();
        let start = text[..b].chars().count();
        (start, start + needle.chars().count())
    }

    fn ann(text: &str, parts: &[(&str, &str)]) -> String {
        let mut out = String::new();
        let mut ids = Vec::new();
        for (i, (label, needle)) in parts.iter().enumerate() {
            let (s, e) = at(text, needle);
            out.push_str(&format!("T{}\t{label} {s} {e}\t{needle}\n", i + 1));
            ids.push(format!("{label}:T{}", i + 1));
        }
        out.push_str(&format!("E1\t{}\n", ids.join(" ")));
        out
    }

    #[test]
    fn parses_discontinuous_spans_and_events() {
        let text = "“We stay,” Ada Rook said. “All of us.”";
        let a = "T1\tSource 11 19\tAda Rook\nT2\tContent 0 10;26 38\tx\nT3\tCue 20 24\tsaid\nE1\tAttribution:T9 Content:T2 Source:T1 Cue:T3\n";
        let d = doc(text, a);
        assert_eq!(d.attributions.len(), 1);
        assert_eq!(d.attributions[0].content, vec![0..10, 26..38]);
        assert_eq!(d.attributions[0].source, vec![11..19]);
        assert!(parse_ann("T1\tContent 0 99\tx\n", Path::new("t.ann"), 10).is_err());
    }

    #[test]
    fn the_quoted_stretch_of_a_partial_quote_leaves_its_frame_out() {
        let text = "Rook said that the harbour would \"stay open all winter.\"";
        let chars: Vec<char> = text.chars().collect();
        let (s, e) = at(text, "that the harbour would \"stay open all winter.\"");
        let r = quoted_stretches(&chars, std::slice::from_ref(&(s..e)));
        assert_eq!(chars[r[0].clone()].iter().collect::<String>(), "stay open all winter.");
        let text = "called it “a mess” and “a waste";
        let chars: Vec<char> = text.chars().collect();
        let r = quoted_stretches(&chars, std::slice::from_ref(&(0..chars.len())));
        let got: Vec<String> = r.into_iter().map(|r| chars[r].iter().collect()).collect();
        assert_eq!(got, ["a mess", "a waste"]);
    }

    #[test]
    fn a_content_fragment_between_the_marks_is_quoted_throughout() {
        let text = "“It floods. Every spring. Every year,” Rook said.";
        let chars: Vec<char> = text.chars().collect();
        let (a, _) = at(text, "“It floods.");
        let (b, _) = at(text, "Every spring.");
        let (c, d) = at(text, "Every year,”");
        let got: Vec<String> = quoted_stretches(&chars, &[a..b - 1, b..c - 1, c..d])
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect();
        assert_eq!(got, ["It floods.", "Every spring.", "Every year,"]);
    }

    #[test]
    fn a_transcript_turn_with_a_title_inside_is_quoted_from_its_start() {
        let text = "\"ROOK: We watched “Tide Hour” and left.";
        let chars: Vec<char> = text.chars().collect();
        let (s, e) = at(text, "We watched “Tide Hour” and left.");
        let got: String = quoted_stretches(&chars, std::slice::from_ref(&(s..e)))
            .into_iter()
            .map(|r| chars[r].iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("|");
        assert_eq!(got, "We watched |Tide Hour| and left.");
    }

    #[test]
    fn a_found_quote_with_its_speaker_scores_full_marks() {
        let text = "Harbour master Ada Rook spoke on Monday.\n\n“The gates stay open all night,” Rook said.";
        let a = ann(
            text,
            &[("Content", "“The gates stay open all night,”"), ("Source", "Rook said"), ("Cue", "said")],
        );
        // The Source above covers "Rook said"; make it the name only.
        let a = a.replace(&format!("Source {} {}", at(text, "Rook said").0, at(text, "Rook said").1), &{
            let (s, e) = at(text, "Rook said");
            format!("Source {} {}", s, e - 5)
        });
        let s = score(&[doc(text, &a)]);
        assert_eq!(s.gold_quotes, 1);
        assert_eq!(s.predicted_quotes, 1);
        assert_eq!(s.span_f1_overlap, 1.0);
        assert_eq!(s.span_f1_exact, 1.0);
        assert_eq!(s.speaker_accuracy, 1.0);
        assert!(s.failures.is_empty());
    }

    #[test]
    fn unannotated_quotes_are_spurious_and_missed_ones_count_against_speakers() {
        let text = "“We leave at dawn,” Ben Tull said.\n\nShe watched “Hearts of the Northern Coast and Other Long Stories” again, and the crew said nothing.";
        let a = ann(text, &[("Content", "“We leave at dawn,”"), ("Source", "Ben Tull")]);
        let s = score(&[doc(text, &a)]);
        assert_eq!(s.gold_quotes, 1);
        assert_eq!(s.speaker_accuracy, 1.0);
        assert!(s.span_precision <= 1.0);
        let b = ann(text, &[("Content", "the crew said nothing"), ("Source", "Ben Tull")]);
        let s = score(&[doc(text, &b)]);
        assert_eq!(s.gold_quotes, 0, "a content without marks is no gold quote");
    }

    #[test]
    fn same_person_ignores_titles() {
        assert!(same_person("Mr. Trump", "Donald Trump"));
        assert!(!same_person("Mr. Pence", "Donald Trump"));
        assert!(!same_person("the Republican nominee", "Republican nominee Donald Trump"));
        assert!(same_person("Retired Lt. Gen. Michael Flynn, a top surrogate", "Michael Flynn"));
        assert!(!same_person("Christina Lastra", "Christina Olidem"));
    }
}
