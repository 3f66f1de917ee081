use std::sync::Arc;

use ahash::{AHashMap, AHashSet};
use chrono::{DateTime, Utc};
use wiretrace_core::{Article, ArticleId, EntityKind, Mention};
use wiretrace_text::{fold, is_stopword, tokens};

/// What other stages know about the articles that text alone does not show.
#[derive(Clone, Debug, Default)]
pub struct ClusterSignals {
    /// Pairs of articles that share copied passages: the same report, so the same story.
    pub copied: Vec<(ArticleId, ArticleId)>,
    /// Per article, the names it mentions (people, organisations, places), any spelling.
    pub entities: AHashMap<ArticleId, Vec<String>>,
    /// Per article, who it is about (see [`Particulars`]); articles without are compared on
    /// text and names alone.
    pub particulars: AHashMap<ArticleId, Particulars>,
}

/// Who an article is about, from the kinds of the names the tagger found in it, and how much
/// money its lead names. Compared only inside a topic, where every article tells the same kind
/// of news and what is left to tell two events apart is their people, places and sums.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Particulars {
    /// The people its lead (headline and first sentence or two: its first 400 characters)
    /// names, as hashes of their folded name words, sorted and deduplicated, so that
    /// `Vincent Jackson` and `Jackson` meet. Two reports of one event lead with the same people, whatever they
    /// recall further down; two arrests at one club, two title fights of one champion's
    /// challengers, lead with different ones.
    pub lead_people: Box<[u64]>,
    /// Every person and place it names (keys as in [`ClusterSignals::entities`]), sorted and
    /// deduplicated: inside a topic, sharing them says more than sharing an organisation (the
    /// club, the ministry, the company every report of the topic names).
    pub people_and_places: Box<[u64]>,
    /// The sums of money its headline and lead state, in units (any currency): two heists in
    /// one city, two offers to one player, are told apart by how much. Filled from the text by
    /// the clusterer, not by the caller.
    pub lead_sums: Box<[f32]>,
}

/// Inside a topic, similarity is multiplied by this for two articles whose headlines and leads
/// state sums of money, no two of them within [`SUMS_APART_RATIO`] of each other. Reports of
/// one heist or one offer round, convert and update its sum, but not tenfold; two heists in
/// one city, two offers to one player, are told apart by how much even when their words and
/// names agree. On ECB+ dev anything from 0.35 to 0.5 gives the same clustering.
const SUMS_APART_FACTOR: f32 = 0.5;

/// How far apart two sums may be and still be the same sum told twice: currencies differ (the
/// sums are compared in whatever currency each report states), estimates are revised.
const SUMS_APART_RATIO: f32 = 3.0;

/// Sums of money in an article's headline and lead: a figure with a scale word (`85 million`,
/// `2.5m`, `200 mn`) next to a currency (`$`, `€`, `£`, `euros`, `dollars`, `pounds`), in
/// units of whatever currency it is stated in. Sums without a scale word (a `$500` fine) are
/// left out: too common to tell events apart.
pub(crate) fn lead_sums(article: &Article) -> Box<[f32]> {
    static SUM: once_cell::sync::Lazy<regex::Regex> = once_cell::sync::Lazy::new(|| {
        regex::Regex::new(
            r"(?i)(?P<cur>[$€£]|\b(?:us|eur|gbp|usd)\s?\$?)?\s?(?P<num>\d+(?:\s?[.,]\s?\d+)?)\s?-?\s?(?P<scale>million|billion|mn|bn|m)\b(?:\s?-?\s?(?P<word>euros?|dollars?|pounds?|sterling))?",
        )
        .expect("a valid sum pattern")
    });
    let lead: String = article.text.chars().take(LEAD_CHARS).collect();
    let mut sums: Vec<f32> = Vec::new();
    for text in article.title.iter().map(String::as_str).chain([lead.as_str()]) {
        for c in SUM.captures_iter(text) {
            if c.name("cur").is_none() && c.name("word").is_none() {
                continue;
            }
            let num: String = c["num"].chars().filter(|c| !c.is_whitespace()).collect();
            // `1,200 million` groups thousands; `1,5m` is a decimal comma.
            let num = match num.split_once(',') {
                Some((_, after)) if after.len() == 3 => num.replace(',', ""),
                _ => num.replace(',', "."),
            };
            let Ok(n) = num.parse::<f32>() else { continue };
            let scale = match c["scale"].to_lowercase().as_str() {
                "billion" | "bn" => 1e9,
                _ => 1e6,
            };
            sums.push(n * scale);
        }
    }
    sums.sort_by(f32::total_cmp);
    sums.dedup();
    sums.into_boxed_slice()
}

/// Whether two lists of sums both hold some and none of them close.
fn sums_apart(a: &[f32], b: &[f32]) -> bool {
    !a.is_empty()
        && !b.is_empty()
        && !a.iter().any(|&x| b.iter().any(|&y| x.max(y) <= SUMS_APART_RATIO * x.min(y)))
}

/// How far into an article's text its lead reaches, in characters: a headline and a first
/// sentence or two, where a report says whom its event is about.
const LEAD_CHARS: usize = 400;

/// Inside a topic, similarity is multiplied by this for two articles whose leads name people
/// and none in common. Not a veto: reports of one event sometimes lead with different people
/// (a spokesman, a witness), and their words can still carry them together.
const LEAD_PEOPLE_APART_FACTOR: f32 = 0.7;

/// Inside a topic, a shared person or place counts this many times a shared organisation in the
/// overlap of names.
const PEOPLE_AND_PLACES_WEIGHT: f32 = 2.0;

impl Particulars {
    /// An article's particulars from its tagged mentions (char offsets into its text).
    pub fn from_mentions<'m>(mentions: impl IntoIterator<Item = &'m Mention>) -> Particulars {
        let mut lead_people = Vec::new();
        let mut people_and_places = Vec::new();
        for m in mentions {
            match m.kind {
                EntityKind::Person => {
                    if m.span.start < LEAD_CHARS {
                        lead_people.extend(
                            tokens(&m.text)
                                .iter()
                                .filter(|t| is_content_word(&t.norm))
                                .map(|t| entity_key(&t.norm)),
                        );
                    }
                    people_and_places.push(entity_key(&m.text));
                }
                EntityKind::Location => people_and_places.push(entity_key(&m.text)),
                EntityKind::Organization | EntityKind::Misc => {}
            }
        }
        let finish = |mut keys: Vec<u64>| {
            keys.sort_unstable();
            keys.dedup();
            keys.into_boxed_slice()
        };
        Particulars {
            lead_people: finish(lead_people),
            people_and_places: finish(people_and_places),
            ..Default::default()
        }
    }

    /// Whether both leads name people, and none in common.
    fn lead_people_apart(&self, other: &Particulars) -> bool {
        let (a, b) = (&self.lead_people, &other.lead_people);
        !a.is_empty() && !b.is_empty() && sorted_shared(a, b) == 0
    }
}

/// How many keys two sorted, deduplicated lists share.
pub(crate) fn sorted_shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// Weights of the blend; the entity share rewards articles naming the same people and places
/// even when their wording differs (a rewrite, a translation of the same event).
const TEXT_WEIGHT: f32 = 0.75;
const ENTITY_WEIGHT: f32 = 0.25;
/// How fast similarity fades with the time between two articles: past `window_days` it halves
/// every `half_life_days`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeScale {
    pub window_days: f32,
    pub half_life_days: f32,
}

impl TimeScale {
    /// A story lives for days: reports three days apart are still the same news cycle.
    pub const STORY: TimeScale = TimeScale { window_days: 3.0, half_life_days: 7.0 };
    /// An event is a day's development: the next day's reports are usually a new event.
    pub const EVENT: TimeScale = TimeScale { window_days: 1.0, half_life_days: 1.0 };
}
/// Articles whose latest years differ this much, the later one not recalling the earlier's
/// year, are about different events...
const YEARS_APART: i32 = 2;
/// ...unless their words agree four times more than usual.
const YEARS_APART_FACTOR: f32 = 0.25;
/// Terms found in more than this many articles add cost and almost no evidence.
const MAX_POSTINGS: usize = 5000;

/// The per-article vectors clustering compares.
pub struct ArticleFeatures {
    /// Sparse TF-IDF vector per article (by index), L2-normalised, sorted by term id. A map,
    /// so that features re-weighted within one group (see [`Self::within`]) cost in proportion
    /// to the group, not to every article.
    vectors: AHashMap<usize, Vec<(u32, f32)>>,
    /// Term weights recomputed inside a group (a topic): the level where the particulars of an
    /// event count (see [`Particulars`]).
    local: bool,
    /// What does not change when term weights are recomputed for a group (see [`Self::within`]).
    shared: Arc<Shared>,
}

struct Shared {
    /// Per article, (term, log-scaled term frequency), for re-weighting within a group.
    frequencies: Vec<Vec<(u32, f32)>>,
    /// Global inverse document frequency per term id.
    idf: Vec<f32>,
    /// The years each article is set in: reports of events years apart are different stories
    /// even when their words agree (two earthquakes, two trials), unless the later one recalls
    /// the earlier's year (see [`Years`]).
    latest_year: Vec<Years>,
    /// Hashes of each article's folded entity names.
    entities: Vec<AHashSet<u64>>,
    /// Who each article is about, compared only by features made [`ArticleFeatures::within`].
    particulars: Vec<Particulars>,
    published: Vec<Option<DateTime<Utc>>>,
    copied: AHashSet<(usize, usize)>,
}

impl ArticleFeatures {
    pub fn build(articles: &[Article], signals: &ClusterSignals) -> Self {
        let mut vocabulary: AHashMap<String, u32> = AHashMap::new();
        let mut counts: Vec<AHashMap<u32, f32>> = Vec::with_capacity(articles.len());
        let mut df: AHashMap<u32, u32> = AHashMap::new();
        for article in articles {
            let mut tf: AHashMap<u32, f32> = AHashMap::new();
            for (norm, weight) in term_weights(article) {
                let next = vocabulary.len() as u32;
                let id = *vocabulary.entry(norm).or_insert(next);
                tf.insert(id, weight);
            }
            for id in tf.keys() {
                *df.entry(*id).or_default() += 1;
            }
            counts.push(tf);
        }
        let n = articles.len() as f32;
        let mut idf = vec![0.0f32; vocabulary.len()];
        for (&id, &count) in &df {
            idf[id as usize] = ((n + 1.0) / (count as f32 + 1.0)).ln() + 1.0;
        }
        let frequencies: Vec<Vec<(u32, f32)>> = counts
            .into_iter()
            .map(|tf| {
                let mut f: Vec<(u32, f32)> = tf.into_iter().collect();
                f.sort_unstable_by_key(|(id, _)| *id);
                f
            })
            .collect();
        let vectors = frequencies
            .iter()
            .enumerate()
            .map(|(i, f)| (i, normalised(f.iter().map(|&(id, w)| (id, w * idf[id as usize])))))
            .collect();
        let index: AHashMap<&str, usize> =
            articles.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
        let entities = articles
            .iter()
            .map(|a| {
                signals
                    .entities
                    .get(&a.id)
                    .map(|names| names.iter().map(|n| entity_key(n)).collect())
                    .unwrap_or_default()
            })
            .collect();
        let copied = signals
            .copied
            .iter()
            .filter_map(|(a, b)| Some((*index.get(a.as_str())?, *index.get(b.as_str())?)))
            .map(|(a, b)| (a.min(b), a.max(b)))
            .collect();
        let latest_year = articles.iter().map(latest_year).collect();
        let particulars = articles
            .iter()
            .map(|a| {
                let mut p = signals.particulars.get(&a.id).cloned().unwrap_or_default();
                p.lead_sums = lead_sums(a);
                p
            })
            .collect();
        let shared = Shared {
            frequencies,
            idf,
            latest_year,
            entities,
            particulars,
            published: articles.iter().map(|a| a.published).collect(),
            copied,
        };
        ArticleFeatures { vectors, local: false, shared: Arc::new(shared) }
    }

    /// Features from parts the caller already holds: the stream clusterer keeps per-article
    /// term frequencies and running document frequencies, so a neighbourhood is weighted as
    /// the whole stream would weigh it, not as if it were the only articles seen.
    pub(crate) fn from_parts(parts: FeatureParts) -> Self {
        let FeatureParts { frequencies, idf, latest_year, entities, particulars, published, copied } = parts;
        let vectors = frequencies
            .iter()
            .enumerate()
            .map(|(i, f)| (i, normalised(f.iter().map(|&(id, w)| (id, w * idf[id as usize])))))
            .collect();
        let shared = Shared { frequencies, idf, latest_year, entities, particulars, published, copied };
        ArticleFeatures { vectors, local: false, shared: Arc::new(shared) }
    }

    /// The same features with term weights recomputed within `members`: words every member
    /// uses (the topic: "earthquake", "rehab") weigh nothing, words that set some members apart
    /// (the other boxer's name, the town) weigh most. Articles outside `members` get empty
    /// vectors.
    pub fn within(&self, members: &[usize]) -> ArticleFeatures {
        let mut local_df: AHashMap<u32, u32> = AHashMap::new();
        for &m in members {
            for &(id, _) in &self.shared.frequencies[m] {
                *local_df.entry(id).or_default() += 1;
            }
        }
        let n = members.len() as f32;
        let mut vectors = AHashMap::with_capacity(members.len());
        for &m in members {
            let vector = normalised(self.shared.frequencies[m].iter().map(|&(id, w)| {
                let local_idf = ((n + 1.0) / (local_df[&id] as f32 + 1.0)).ln();
                (id, w * local_idf * self.shared.idf[id as usize])
            }));
            vectors.insert(m, vector);
        }
        ArticleFeatures { vectors, local: true, shared: Arc::clone(&self.shared) }
    }

    /// An article's vector; empty for an article outside the group these features cover.
    fn vector(&self, article: usize) -> &[(u32, f32)] {
        self.vectors.get(&article).map_or(&[], Vec::as_slice)
    }

    /// Similarity of two articles in [0, 1].
    pub fn similarity(&self, a: usize, b: usize) -> f32 {
        let dot = sparse_dot(self.vector(a), self.vector(b));
        self.blend(a, b, dot, TimeScale::STORY)
    }

    fn blend(&self, a: usize, b: usize, cosine: f32, time: TimeScale) -> f32 {
        if self.shared.copied.contains(&(a.min(b), a.max(b))) {
            return 1.0;
        }
        let (ea, eb) = (&self.shared.entities[a], &self.shared.entities[b]);
        let entity_overlap = if ea.is_empty() || eb.is_empty() {
            None
        } else {
            let shared = ea.intersection(eb).count() as f32;
            let all = ea.union(eb).count() as f32;
            if self.local {
                // Weighted Jaccard: each shared or named person or place counts extra.
                let (pa, pb) = (
                    &self.shared.particulars[a].people_and_places,
                    &self.shared.particulars[b].people_and_places,
                );
                let extra = PEOPLE_AND_PLACES_WEIGHT - 1.0;
                let shared_pp = sorted_shared(pa, pb) as f32;
                let all_pp = (pa.len() + pb.len()) as f32 - shared_pp;
                Some((shared + extra * shared_pp) / (all + extra * all_pp))
            } else {
                Some(shared / all)
            }
        };
        let s = blend(
            cosine,
            entity_overlap,
            (self.shared.latest_year[a], self.shared.latest_year[b]),
            (self.shared.published[a], self.shared.published[b]),
            time,
        );
        if !self.local {
            return s;
        }
        let (pa, pb) = (&self.shared.particulars[a], &self.shared.particulars[b]);
        let mut s = s;
        if pa.lead_people_apart(pb) {
            s *= LEAD_PEOPLE_APART_FACTOR;
        }
        if sums_apart(&pa.lead_sums, &pb.lead_sums) {
            s *= SUMS_APART_FACTOR;
        }
        s
    }

    /// Pairs among `members` whose similarity reaches `min`, found through an inverted index
    /// over terms so unrelated pairs are never scored.
    pub fn edges(&self, members: &[usize], min: f32, time: TimeScale) -> Vec<(usize, usize, f32)> {
        let mut postings: AHashMap<u32, Vec<(usize, f32)>> = AHashMap::new();
        for &m in members {
            for &(term, w) in self.vector(m) {
                postings.entry(term).or_default().push((m, w));
            }
        }
        let mut out = Vec::new();
        let mut dots: AHashMap<usize, f32> = AHashMap::new();
        for &m in members {
            dots.clear();
            for &(term, w) in self.vector(m) {
                let list = &postings[&term];
                if list.len() > MAX_POSTINGS {
                    continue;
                }
                for &(other, wo) in list {
                    if other > m {
                        *dots.entry(other).or_default() += w * wo;
                    }
                }
            }
            for (&other, &dot) in &dots {
                let s = self.blend(m, other, dot, time);
                if s >= min {
                    out.push((m, other, s));
                }
            }
        }
        // Copied pairs always count, even when their wording drifted.
        let in_group: AHashSet<usize> = members.iter().copied().collect();
        let scored: AHashSet<(usize, usize)> = out.iter().map(|e| (e.0, e.1)).collect();
        for &(a, b) in &self.shared.copied {
            if in_group.contains(&a) && in_group.contains(&b) && !scored.contains(&(a, b)) {
                out.push((a, b, 1.0));
            }
        }
        out.sort_by_key(|e| (e.0, e.1));
        out
    }
}

/// What [`ArticleFeatures::from_parts`] takes; term ids are dense (indices into `idf`) and each
/// frequency list is sorted by term id.
pub(crate) struct FeatureParts {
    pub frequencies: Vec<Vec<(u32, f32)>>,
    pub idf: Vec<f32>,
    pub latest_year: Vec<Years>,
    pub entities: Vec<AHashSet<u64>>,
    pub particulars: Vec<Particulars>,
    pub published: Vec<Option<DateTime<Utc>>>,
    pub copied: AHashSet<(usize, usize)>,
}

/// The blend of two articles' evidence that every similarity goes through: text cosine, the
/// Jaccard overlap of their entities (`None` when either names none: the text speaks alone),
/// then discounts for years and days apart.
pub(crate) fn blend(
    cosine: f32,
    entity_overlap: Option<f32>,
    years: (Years, Years),
    published: (Option<DateTime<Utc>>, Option<DateTime<Utc>>),
    time: TimeScale,
) -> f32 {
    let mut s = TEXT_WEIGHT * cosine + ENTITY_WEIGHT * entity_overlap.unwrap_or(cosine);
    if years.0.apart(&years.1) {
        s *= YEARS_APART_FACTOR;
    }
    if let (Some(ta), Some(tb)) = published {
        let days = (ta - tb).num_minutes().unsigned_abs() as f32 / 1440.0;
        if days > time.window_days {
            s *= 0.5f32.powf((days - time.window_days) / time.half_life_days);
        }
    }
    s
}

/// One entity name as clustering compares it: folded (case, accents), hashed.
pub(crate) fn entity_key(name: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(fold(name).as_bytes())
}

/// An article's content words with their log-scaled frequency (the title counting twice), names
/// boosted (see [`NAME_BOOST`]).
pub(crate) fn term_weights(article: &Article) -> Vec<(String, f32)> {
    // (count, capitalised mid-sentence, lower-case) per word.
    let mut counts: AHashMap<String, (f32, u32, u32)> = AHashMap::new();
    let title = article.title.as_deref().unwrap_or("");
    for token in tokens(title) {
        if is_content_word(&token.norm) {
            counts.entry(token.norm).or_default().0 += 2.0;
        }
    }
    let text = article.text.as_str();
    for token in tokens(text) {
        if !is_content_word(&token.norm) {
            continue;
        }
        let case = name_case(text, token.start);
        let entry = counts.entry(token.norm).or_default();
        entry.0 += 1.0;
        match case {
            Some(true) => entry.1 += 1,
            Some(false) => entry.2 += 1,
            None => {}
        }
    }
    counts
        .into_iter()
        .map(|(norm, (c, caps, lower))| {
            let w = 1.0 + c.ln();
            (norm, if caps > lower { w * NAME_BOOST } else { w })
        })
        .collect()
}

/// How much more a name (a word written capitalised inside sentences) weighs than other words:
/// what tells two events of one kind apart is their particulars, the town, the people, the
/// company, and those are written as names.
const NAME_BOOST: f32 = 2.0;

/// Whether the word at `start` is capitalised (`Some(true)`), lower-case (`Some(false)`), or
/// opens a sentence, where case says nothing (`None`).
fn name_case(text: &str, start: usize) -> Option<bool> {
    let first = text[start..].chars().next()?;
    if !first.is_alphabetic() {
        return None;
    }
    let before = text[..start].trim_end_matches([' ', '"', '\'', '(', '\u{201c}', '\u{2018}']);
    match before.chars().next_back() {
        None | Some('.' | '!' | '?' | ':' | '\n') => None,
        _ => Some(first.is_uppercase()),
    }
}

/// Whether a token counts as a content word for clustering.
pub(crate) fn is_content_word(norm: &str) -> bool {
    !(norm.len() < 3 || is_stopword(norm) || norm.bytes().all(|b| b.is_ascii_digit()))
}

fn normalised(weights: impl Iterator<Item = (u32, f32)>) -> Vec<(u32, f32)> {
    let mut v: Vec<(u32, f32)> = weights.filter(|(_, w)| *w > 0.0).collect();
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt().max(f32::EPSILON);
    v.iter_mut().for_each(|(_, w)| *w /= norm);
    v
}

/// The years an article is set in: the year it reports from, and every year its text recalls.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Years {
    /// The publication year, or failing that the latest year the text mentions; `None` when
    /// neither says.
    pub latest: Option<i32>,
    /// Bit `y - FIRST_YEAR` set for each year the text mentions.
    mentioned: u64,
}

/// The span of years an article's text is read for (a `u64` of bits).
const FIRST_YEAR: i32 = 1980;
const LAST_YEAR: i32 = 2039;

impl Years {
    fn mentions(&self, year: i32) -> bool {
        (FIRST_YEAR..=LAST_YEAR).contains(&year) && self.mentioned & (1 << (year - FIRST_YEAR)) != 0
    }

    /// Whether two articles report from years far apart and the later one does not recall the
    /// earlier's year: a follow-up (the trial, the anniversary, the repair) names the year of
    /// the event it follows, a second event of the same kind rarely does.
    fn apart(&self, other: &Years) -> bool {
        let (Some(a), Some(b)) = (self.latest, other.latest) else {
            return false;
        };
        if (a - b).abs() < YEARS_APART {
            return false;
        }
        let (earlier, later) = if a < b { (a, other) } else { (b, self) };
        !later.mentions(earlier)
    }
}

/// The publication year, or failing that the latest year (1980-2039) the text mentions, with
/// every year the text mentions. A year mentioned later than publication is a forecast, so
/// publication wins when present.
pub(crate) fn latest_year(article: &Article) -> Years {
    use chrono::Datelike;
    let mut years = Years::default();
    for year in tokens(&article.text)
        .iter()
        .filter(|t| t.norm.len() == 4)
        .filter_map(|t| t.norm.parse::<i32>().ok())
        .filter(|y| (FIRST_YEAR..=LAST_YEAR).contains(y))
    {
        years.mentioned |= 1 << (year - FIRST_YEAR);
        years.latest = years.latest.max(Some(year));
    }
    if let Some(p) = article.published {
        years.latest = Some(p.year());
    }
    years
}

fn sparse_dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(id: &str, text: &str) -> Article {
        Article::new(id, text)
    }

    #[test]
    fn copied_pairs_are_fully_similar_and_always_edges() {
        let articles = [art("a", "Harbour cranes stood idle."), art("b", "Orchestra season opens.")];
        let signals = ClusterSignals { copied: vec![("b".into(), "a".into())], ..Default::default() };
        let f = ArticleFeatures::build(&articles, &signals);
        assert_eq!(f.similarity(0, 1), 1.0);
        assert_eq!(f.edges(&[0, 1], 0.5, TimeScale::STORY), vec![(0, 1, 1.0)]);
    }

    #[test]
    fn names_inside_sentences_weigh_more() {
        let a = art(
            "a",
            "Rescuers in Valmora searched the rubble. The quake hit Valmora at dawn and rescuers worked on.",
        );
        let weights: AHashMap<String, f32> = term_weights(&a).into_iter().collect();
        // Both words occur twice; only the town is written as a name inside a sentence.
        assert_eq!(weights["valmora"], NAME_BOOST * weights["rescuers"]);
        assert_eq!(name_case("The quake", 0), None, "a sentence opening says nothing");
        assert_eq!(name_case("hit Valmora", 4), Some(true));
        assert_eq!(name_case("hit the town", 4), Some(false));
    }

    fn mention(kind: EntityKind, start: usize, text: &str) -> Mention {
        Mention {
            article: "x".into(),
            span: wiretrace_core::Span::new(start, start + text.len()),
            text: text.into(),
            kind,
        }
    }

    #[test]
    fn particulars_keep_the_people_of_the_lead() {
        let p = Particulars::from_mentions(&[
            mention(EntityKind::Person, 10, "Oren Vasko"),
            mention(EntityKind::Organization, 40, "Harbour Rovers"),
            mention(EntityKind::Location, 60, "Port Estrel"),
            mention(EntityKind::Person, LEAD_CHARS + 5, "Ilse Marn"),
        ]);
        let words: Vec<u64> = ["oren", "vasko"].iter().map(|w| entity_key(w)).collect();
        assert!(words.iter().all(|w| p.lead_people.contains(w)));
        assert_eq!(p.lead_people.len(), 2, "a person named after the lead is not who it is about");
        assert_eq!(p.people_and_places.len(), 3, "every person and place, not the club");
        // A surname alone meets the full name; someone else does not.
        let surname = Particulars::from_mentions(&[mention(EntityKind::Person, 0, "Vasko")]);
        let other = Particulars::from_mentions(&[mention(EntityKind::Person, 0, "Ilse Marn")]);
        assert!(!p.lead_people_apart(&surname));
        assert!(p.lead_people_apart(&other));
        assert!(!p.lead_people_apart(&Particulars::default()), "naming no one says nothing");
    }

    #[test]
    fn lead_sums_are_figures_with_a_scale_and_a_currency() {
        let mut a = art(
            "a",
            "Robbers took jewels worth $2.6 million from a shop on Estrel Avenue, 40 m from the \
            police station, the second raid this year after a 85 million euros heist; 300 people \
            were evacuated and a £1,5m reward was offered; the insurer put the loss at $1,200 million.",
        );
        a.title = Some("Ram-raiders hit Estrel jeweller for €2 mn".into());
        let sums: Vec<f32> = lead_sums(&a).to_vec();
        assert_eq!(sums, vec![1.5e6, 2e6, 2.6e6, 85e6, 1.2e9], "metres and head counts are not money");
        let late = art("b", &format!("{} The insurer paid $9 million.", "Quiet day. ".repeat(60)));
        assert!(lead_sums(&late).is_empty(), "a sum after the lead is not what the report is about");
    }

    #[test]
    fn leads_stating_far_apart_sums_are_less_similar_inside_a_topic_only() {
        let heist =
            |sum: &str| format!("Armed robbers stole diamonds worth {sum} from a jeweller on Estrel Avenue.");
        let articles = [
            art("a", &heist("85 million euros")),
            art("b", &heist("95 million euros")),
            art("c", &heist("2 million euros")),
            art("d", "Shoppers crowded Estrel Avenue for the winter sales."),
        ];
        let f = ArticleFeatures::build(&articles, &ClusterSignals::default());
        assert!((f.similarity(0, 1) - f.similarity(0, 2)).abs() < 1e-6, "topics are found on words alone");
        // A revised estimate is the same sum; a fortieth of it is another heist.
        let local = f.within(&[0, 1, 2, 3]);
        let ratio = local.similarity(0, 2) / local.similarity(0, 1);
        assert!((ratio - SUMS_APART_FACTOR).abs() < 1e-5, "{ratio}");
        assert!(sums_apart(&[2e6], &[85e6, 95e6]) && !sums_apart(&[85e6], &[108e6]));
        assert!(!sums_apart(&[], &[85e6]), "stating no sum says nothing");
    }

    #[test]
    fn leads_naming_different_people_are_less_similar_inside_a_topic_only() {
        let articles = [
            art("a", "Harbour Rovers defender Oren Vasko was arrested on suspicion of drink-driving after a late match."),
            art("b", "Harbour Rovers winger Ilse Marn was arrested on suspicion of drink-driving after a late match."),
            art("c", "Harbour Rovers fans gathered outside the stadium for the season opener."),
        ];
        let person = |name: &str| Particulars::from_mentions(&[mention(EntityKind::Person, 25, name)]);
        let mut signals = ClusterSignals::default();
        let plain = ArticleFeatures::build(&articles, &signals);
        signals.particulars.insert("a".into(), person("Oren Vasko"));
        signals.particulars.insert("b".into(), person("Ilse Marn"));
        let told = ArticleFeatures::build(&articles, &signals);
        let global = (told.similarity(0, 1), plain.similarity(0, 1));
        assert!((global.0 - global.1).abs() < 1e-5, "topics are found on words and names: {global:?}");
        let (plain, told) = (plain.within(&[0, 1, 2]), told.within(&[0, 1, 2]));
        let ratio = told.similarity(0, 1) / plain.similarity(0, 1);
        assert!((ratio - LEAD_PEOPLE_APART_FACTOR).abs() < 1e-5, "{ratio}");
    }

    #[test]
    fn inside_a_topic_a_shared_person_counts_more_than_a_shared_club() {
        let text = "The club confirmed the transfer on Friday.";
        let articles = [art("a", text), art("b", text), art("c", text)];
        let mut signals = ClusterSignals::default();
        for (id, names) in [("a", ["Harbour Rovers", "Oren Vasko"]), ("b", ["Harbour Rovers", "Ilse Marn"])] {
            signals.entities.insert(id.into(), names.iter().map(|n| n.to_string()).collect());
        }
        signals.entities.insert("c".into(), vec!["Oren Vasko".into(), "Valmora City".into()]);
        let pp = |names: &[&str]| Particulars {
            lead_people: Box::default(),
            people_and_places: {
                let mut k: Vec<u64> = names.iter().map(|n| entity_key(n)).collect();
                k.sort_unstable();
                k.into_boxed_slice()
            },
            ..Particulars::default()
        };
        signals.particulars.insert("a".into(), pp(&["Oren Vasko"]));
        signals.particulars.insert("b".into(), pp(&["Ilse Marn"]));
        signals.particulars.insert("c".into(), pp(&["Oren Vasko"]));
        let f = ArticleFeatures::build(&articles, &signals);
        // Globally both pairs share one name of three.
        assert_eq!(f.similarity(0, 1), f.similarity(0, 2));
        let local = f.within(&[0, 1, 2]);
        assert!(local.similarity(0, 2) > local.similarity(0, 1));
    }

    #[test]
    fn time_apart_lowers_similarity() {
        let text = "Dockworkers at Port Estrel walked out over pay, halting grain exports.";
        let mut a = art("a", text);
        let mut b = art("b", text);
        let mut c = art("c", text);
        a.published = "2025-03-01T10:00:00Z".parse().ok();
        b.published = "2025-03-02T10:00:00Z".parse().ok();
        c.published = "2025-04-20T10:00:00Z".parse().ok();
        let f = ArticleFeatures::build(&[a, b, c], &ClusterSignals::default());
        assert!(f.similarity(0, 1) > 0.95);
        assert!(f.similarity(0, 2) < 0.1, "{}", f.similarity(0, 2));
    }

    #[test]
    fn years_apart_split_unless_the_later_report_recalls_the_earlier_year() {
        let event = art("a", "A gunman shot a deputy outside a Merrow Heights bakery in June 2011.");
        let trial = art(
            "b",
            "In 2014 a jury sentenced the gunman who shot a deputy outside a Merrow Heights bakery in 2011.",
        );
        let repeat = art("c", "In 2014 a gunman shot a deputy outside a Merrow Heights bakery.");
        let f = ArticleFeatures::build(&[event, trial, repeat], &ClusterSignals::default());
        assert!(
            f.similarity(0, 1) > 2.0 * f.similarity(0, 2),
            "{} {}",
            f.similarity(0, 1),
            f.similarity(0, 2)
        );
        let years = latest_year(&art("d", "Built in 1999, rebuilt in 2012."));
        assert_eq!(years.latest, Some(2012));
        assert!(years.mentions(1999) && !years.mentions(2005));
    }
}
