//! `stories-bench N [SEED]`: streams N synthetic articles, grouped into planted stories spread
//! over weeks, through the incremental story clusterer and prints one JSON line: articles/s
//! (clustering time only, text generation excluded), peak resident memory, the number of
//! stories found and planted, and BCubed scores against the planted stories.
//!
//! The corpus is self-contained (no data files): a background vocabulary of made-up words drawn
//! with a Zipf law, so common words are common across all stories, and per story a few names,
//! places and topic words that its articles repeat, as news reports of one event do. Story
//! sizes follow a long tail (most stories hold a handful of articles, a few hold hundreds) and
//! each story's articles fall within a few days of its start. Most stories are about someone
//! somewhere: a lead person and place drawn from shared pools (so a person leads several stories
//! over the weeks, as people in the news do), which its reports usually name in their lead and
//! hand in as tagged mentions ([`Particulars`]), so the benchmark exercises the person rule the
//! pipeline uses; the other stories name no one in the lead, or a passer-by.
//! `bench/stories/run.sh` runs 10k, 100k and 1M.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use wiretrace_bench::{peak_rss_bytes, Rng};
use wiretrace_core::{Article, EntityKind, Mention, Span};
use wiretrace_stories::{Particulars, StreamClusterer, StreamConfig};

const BACKGROUND_WORDS: usize = 30_000;
const WORDS_PER_ARTICLE: std::ops::RangeInclusive<usize> = 120..=260;
/// Share of an article's words that come from its story's own words.
const STORY_SHARE: f64 = 0.2;
const STORY_WORDS: usize = 24;
const STORY_NAMES: usize = 5;
const SPAN_DAYS: i64 = 56;
/// People and places the stories' leads are drawn from: fewer than stories, so the same person
/// or town leads several stories over the weeks.
const PEOPLE: usize = 20_000;
const PLACES: usize = 2_000;
/// Share of stories about a named person (the rest: a storm, a market, a league table).
const STORIES_WITH_A_LEAD_PERSON: f64 = 0.7;
/// Share of a story's reports that lead with its person (the rest lead with a spokesman or a
/// witness instead: someone from the pool).
const LEADS_WITH_THE_PERSON: f64 = 0.85;
/// Share of reports in stories without a lead person that still name someone in their lead.
const PASSER_BY: f64 = 0.3;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(10_000);
    let seed: u64 = args.next().map(|a| a.parse()).transpose()?.unwrap_or(7);
    let mut rng = Rng::new(seed);

    let background: Vec<String> = (0..BACKGROUND_WORDS).map(|_| word(&mut rng)).collect();
    // Zipf(1) over the background by inverse CDF over cumulative weights.
    let cumulative: Vec<f64> = background
        .iter()
        .enumerate()
        .scan(0.0, |acc, (r, _)| {
            *acc += 1.0 / (r as f64 + 1.0);
            Some(*acc)
        })
        .collect();
    let total = *cumulative.last().expect("a background vocabulary");
    let people: Vec<String> = (0..PEOPLE)
        .map(|_| format!("{} {}", capitalised(&word(&mut rng)), capitalised(&word(&mut rng))))
        .collect();
    let places: Vec<String> = (0..PLACES).map(|_| capitalised(&word(&mut rng))).collect();

    // Plan the stories: sizes from a long tail, starts spread over the span.
    let start: DateTime<Utc> = Utc.with_ymd_and_hms(2025, 1, 6, 0, 0, 0).single().expect("a valid date");
    let mut plan: Vec<(i64, u32)> = Vec::with_capacity(n); // (minute offset, story)
    let mut stories: Vec<Planted> = Vec::new();
    while plan.len() < n {
        let size = (1.0 / (1.0 - rng.below(1_000_000) as f64 / 1_000_000.0)).powf(1.3) as usize;
        let size = size.clamp(1, 400).min(n - plan.len());
        let story = stories.len() as u32;
        let begin = rng.below((SPAN_DAYS * 1440) as usize) as i64;
        for _ in 0..size {
            // Most reports within a day or two, a tail over a week.
            let offset = (rng.below(1440 * 2) + if rng.chance(0.2) { rng.below(1440 * 6) } else { 0 }) as i64;
            plan.push((begin + offset, story));
        }
        stories.push(Planted {
            words: (0..STORY_WORDS).map(|_| word(&mut rng)).collect(),
            names: (0..STORY_NAMES).map(|_| capitalised(&word(&mut rng))).collect(),
            person: rng.chance(STORIES_WITH_A_LEAD_PERSON).then(|| rng.below(PEOPLE) as u32),
            place: rng.below(PLACES) as u32,
        });
    }
    plan.sort_unstable();

    // The planted stories' vocabulary is the generator's, not the clusterer's: reported apart.
    let generator_mb = peak_rss_bytes().map(|b| b as f64 / (1024.0 * 1024.0));
    let mut stream = StreamClusterer::new(StreamConfig::default());
    let mut clustering = Duration::ZERO;
    let mut text = String::new();
    for (i, &(minute, story)) in plan.iter().enumerate() {
        let planted = &stories[story as usize];
        text.clear();
        let mut named: Vec<String> = Vec::new();
        let mut mentions: Vec<Mention> = Vec::new();
        // The lead: who (usually), where (always).
        let lead_person = match planted.person {
            Some(p) if rng.chance(LEADS_WITH_THE_PERSON) => Some(p as usize),
            Some(_) => Some(rng.below(PEOPLE)),
            None if rng.chance(PASSER_BY) => Some(rng.below(PEOPLE)),
            None => None,
        };
        if let Some(p) = lead_person {
            mention(&mut text, &mut named, &mut mentions, &people[p], EntityKind::Person);
        }
        mention(&mut text, &mut named, &mut mentions, &places[planted.place as usize], EntityKind::Location);
        let words = rng.between(*WORDS_PER_ARTICLE.start(), *WORDS_PER_ARTICLE.end());
        for k in 0..words {
            if rng.chance(STORY_SHARE) {
                if rng.chance(0.3) {
                    let name = &planted.names[rng.below(STORY_NAMES)];
                    text.push_str(name);
                    if !named.contains(name) {
                        named.push(name.clone());
                    }
                } else if rng.chance(0.05) {
                    // Further down, the story's person again (or a stand-in when it has none).
                    let p = planted.person.map_or_else(|| rng.below(PEOPLE), |p| p as usize);
                    mention(&mut text, &mut named, &mut mentions, &people[p], EntityKind::Person);
                    continue;
                } else {
                    text.push_str(&planted.words[rng.below(STORY_WORDS)]);
                }
            } else {
                let x = rng.below(1 << 30) as f64 / (1u64 << 30) as f64 * total;
                let r = cumulative.partition_point(|&c| c < x).min(BACKGROUND_WORDS - 1);
                text.push_str(&background[r]);
            }
            text.push(if k % 17 == 16 { '.' } else { ' ' });
        }
        let mut article = Article::new(format!("a{i}"), text.as_str());
        article.published = Some(start + chrono::Duration::minutes(minute));
        let began = Instant::now();
        // Building the particulars is the pipeline's work per article too: timed.
        let particulars = Particulars::from_mentions(&mentions);
        stream.push_with_particulars(&article, &named, &particulars, &[]);
        clustering += began.elapsed();
    }

    let predicted: Vec<u32> = (0..plan.len()).map(|i| stream.story_of(i)).collect();
    let gold: Vec<u32> = plan.iter().map(|p| p.1).collect();
    let (precision, recall) = bcubed(&predicted, &gold);
    let found = stream.groups().len();
    let seconds = clustering.as_secs_f64();
    let work = stream.stats();
    println!(
        "{}",
        serde_json::json!({
            "articles": plan.len(),
            "seconds": seconds,
            "articles_per_second": plan.len() as f64 / seconds.max(1e-9),
            "peak_rss_mb": peak_rss_bytes().map(|b| b as f64 / (1024.0 * 1024.0)),
            "generator_rss_mb": generator_mb,
            "stories_found": found,
            "stories_planted": stories.len(),
            "bcubed_precision": precision,
            "bcubed_recall": recall,
            "bcubed_f1": 2.0 * precision * recall / (precision + recall).max(1e-12),
            "work": {
                "unmatched": work.unmatched,
                "new_stories": work.new_stories,
                "joins": work.joins,
                "checkpoint_reclusters": work.checkpoint_reclusters,
                "contested_reclusters": work.contested_reclusters,
                "scored_pairs": work.scored_pairs,
                "reclustered_articles": work.reclustered_articles,
            },
        })
    );
    Ok(())
}

struct Planted {
    words: Vec<String>,
    names: Vec<String>,
    /// Whom its reports lead with (an index into the people pool), if anyone.
    person: Option<u32>,
    /// Where it happens (an index into the places pool).
    place: u32,
}

/// Writes a tagged name into the text, as the entity tagger would have found it.
fn mention(
    text: &mut String,
    named: &mut Vec<String>,
    mentions: &mut Vec<Mention>,
    name: &str,
    kind: EntityKind,
) {
    let begin = text.len(); // ASCII: bytes are chars
    text.push_str(name);
    text.push(' ');
    mentions.push(Mention {
        article: String::new(),
        span: Span::new(begin, begin + name.len()),
        text: name.to_string(),
        kind,
    });
    if !named.iter().any(|n| n == name) {
        named.push(name.to_string());
    }
}

/// A pronounceable made-up word of two to four syllables.
fn word(rng: &mut Rng) -> String {
    const ONSETS: [&str; 16] =
        ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "tr", "st"];
    const VOWELS: [&str; 6] = ["a", "e", "i", "o", "u", "ai"];
    (0..rng.between(2, 4)).map(|_| format!("{}{}", ONSETS[rng.below(16)], VOWELS[rng.below(6)])).collect()
}

fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// BCubed precision and recall of `predicted` against `gold` labels.
fn bcubed(predicted: &[u32], gold: &[u32]) -> (f64, f64) {
    let mut pred_size: HashMap<u32, usize> = HashMap::new();
    let mut gold_size: HashMap<u32, usize> = HashMap::new();
    let mut both: HashMap<(u32, u32), usize> = HashMap::new();
    for (&p, &g) in predicted.iter().zip(gold) {
        *pred_size.entry(p).or_default() += 1;
        *gold_size.entry(g).or_default() += 1;
        *both.entry((p, g)).or_default() += 1;
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for (&p, &g) in predicted.iter().zip(gold) {
        let overlap = both[&(p, g)] as f64;
        precision += overlap / pred_size[&p] as f64;
        recall += overlap / gold_size[&g] as f64;
    }
    let n = predicted.len().max(1) as f64;
    (precision / n, recall / n)
}
