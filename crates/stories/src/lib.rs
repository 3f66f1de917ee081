//! Stories and events: which articles tell the same story, and the developments within it.
//!
//! [`cluster`] groups articles by a blend of text similarity (TF-IDF cosine over content
//! words), shared named entities (inside a topic, by kind: see [`Particulars`]), copied
//! passages and closeness in time; [`events`] splits a story into its developments with a stricter threshold; [`assemble`] builds the
//! `wiretrace_core::Story` a report shows from the other stages' output (origins, quotes,
//! entities), which the pipeline hands in: this crate never calls another stage.
//! [`StreamClusterer`] places articles one at a time, for stores that grow (see `stream.rs`).
//!
//! ```
//! use wiretrace_core::Article;
//! use wiretrace_stories::{cluster, ClusterSignals, Thresholds};
//! let articles = vec![
//!     Article::new("a", "Floodwaters breached the Estrel dam overnight, forcing thousands from riverside homes in Port Estrel."),
//!     Article::new("b", "Thousands fled riverside homes in Port Estrel after floodwaters breached the Estrel dam."),
//!     Article::new("c", "The national football league postponed its championship final because of a stadium dispute."),
//! ];
//! let groups = cluster(&articles, &ClusterSignals::default(), Thresholds::default());
//! assert_eq!(groups, vec![vec![0, 1], vec![2]]);
//! ```

mod assemble;
mod claims;
mod similarity;
mod stream;

pub use assemble::{assemble, group_quotes, StoryParts};
pub use claims::extract_claims;
pub use similarity::{ArticleFeatures, ClusterSignals, Particulars, TimeScale};
pub use stream::{Placement, StreamClusterer, StreamConfig, StreamStats, StreamStoryId};

use ahash::AHashMap;
use wiretrace_core::Article;

/// Similarity thresholds, tuned on the seeds, the demo corpus and ECB+ dev topics.
#[derive(Clone, Copy, Debug)]
pub struct Thresholds {
    /// Joining a topic: articles about the same kind of thing (two earthquakes, one country's
    /// crisis), on global term weights.
    pub topic: f32,
    /// Staying one story within a topic, on term weights recomputed inside the topic.
    pub story: f32,
    /// Staying one event within a story, with time counted in days.
    pub event: f32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { topic: 0.07, story: 0.05, event: 0.2 }
    }
}

/// Groups articles (indices into `articles`) into stories: every article in exactly one group,
/// groups ordered by their first member, members ascending.
///
/// Two levels of average linkage. First articles are grouped into topics on global term
/// weights, entities, copied passages and time. Then each topic is split into stories on term
/// weights recomputed inside the topic: once every article is about an earthquake, the words
/// that still differ (the town, the magnitude, the year) decide which earthquake. Average
/// linkage (two groups merge when the mean similarity over *all* their cross pairs reaches the
/// threshold, a missing pair counting 0) keeps one shared name from chaining two different
/// events together, which single linkage would do. Inside a topic, stories left apart then
/// join at half the threshold when they are nearly as close to each other as each is inside
/// (fragments of one event), which two events of one kind are not. At each level a final pass
/// lets an article left alone join the group it is closest to on average, when it has any link
/// to it. Names (words written capitalised inside sentences) weigh double: the particulars of
/// an event, its town, people and company, are names. Inside a topic the kinds of the tagged
/// names count too (see [`Particulars`]): two articles whose leads name people, none in common,
/// are less alike (two arrests at one club, two challengers of one champion), and a shared
/// person or place counts double in the overlap of names, a shared organisation once. Two
/// articles whose headlines and leads state sums of money, none within 3x of each other, are
/// half as alike inside a topic (two jewel heists in one city, a 2 million and an 85 million one).
pub fn cluster(articles: &[Article], signals: &ClusterSignals, thresholds: Thresholds) -> Vec<Vec<usize>> {
    let features = ArticleFeatures::build(articles, signals);
    cluster_features(&features, articles.len(), thresholds)
}

/// [`cluster`] over features already built.
pub fn cluster_features(features: &ArticleFeatures, n: usize, thresholds: Thresholds) -> Vec<Vec<usize>> {
    let all: Vec<usize> = (0..n).collect();
    let topic_edges = features.edges(&all, thresholds.topic * 0.5, TimeScale::STORY);
    let topics = adopt_small(
        agglomerate(&all, &topic_edges, thresholds.topic),
        &topic_edges,
        thresholds.topic * LONE_BAR,
        1,
    );
    let mut stories = Vec::new();
    for topic in topics {
        // Two articles are too few to tell what is common to the topic from what differs.
        if topic.len() < 3 {
            stories.push(topic);
            continue;
        }
        let local = features.within(&topic);
        let edges = local.edges(&topic, thresholds.story * 0.5, TimeScale::STORY);
        stories.extend(adopt_small(
            // Then fragments left apart join at half the threshold when they cohere.
            agglomerate_cohesive(
                agglomerate(&topic, &edges, thresholds.story),
                &edges,
                thresholds.story * 0.5,
                COHESION,
            ),
            &edges,
            thresholds.story * LONE_BAR,
            SMALL_STORY,
        ));
    }
    stories.sort();
    stories
}

/// How close two fragments of a topic must be, relative to how close each is inside, to join
/// below the story threshold (see [`agglomerate_cohesive`]).
const COHESION: f32 = 0.5;

/// Share of a level's threshold (topic, story) that a lone article's mean similarity to a group
/// of that level must reach for it to join: an article left alone while related articles
/// grouped is more often a short or oddly worded report of one of their events than an event of
/// its own (on ECB+ dev, lone articles were mostly split-off members of a larger event).
const LONE_BAR: f32 = 0.25;

/// Moves each group of at most `small_group` articles into the larger group it is closest to on
/// average (over `edges`, a missing pair counting 0), when that mean reaches `bar`.
fn adopt_small(
    mut groups: Vec<Vec<usize>>,
    edges: &[(usize, usize, f32)],
    bar: f32,
    small_group: usize,
) -> Vec<Vec<usize>> {
    let group_of: AHashMap<usize, usize> =
        groups.iter().enumerate().flat_map(|(g, members)| members.iter().map(move |&m| (m, g))).collect();
    let sizes: Vec<usize> = groups.iter().map(Vec::len).collect();
    let mut sums: AHashMap<(usize, usize), f32> = AHashMap::new();
    for &(a, b, s) in edges {
        let (ga, gb) = (group_of[&a], group_of[&b]);
        for (small, other) in [(ga, gb), (gb, ga)] {
            if sizes[small] <= small_group && sizes[other] > sizes[small] {
                *sums.entry((small, other)).or_default() += s;
            }
        }
    }
    let mut best: AHashMap<usize, (f32, usize)> = AHashMap::new();
    for (&(small, g), &sum) in &sums {
        let mean = sum / (sizes[g] * sizes[small]) as f32;
        let entry = best.entry(small).or_insert((mean, g));
        if mean > entry.0 || (mean == entry.0 && g < entry.1) {
            *entry = (mean, g);
        }
    }
    let mut moves: Vec<(usize, usize)> =
        best.into_iter().filter(|&(_, (mean, _))| mean >= bar).map(|(small, (_, g))| (small, g)).collect();
    moves.sort_unstable();
    for (small, g) in moves {
        // A small group joins only a group that has not itself moved away.
        if groups[g].len() >= sizes[g] {
            let moved = std::mem::take(&mut groups[small]);
            groups[g].extend(moved);
        }
    }
    groups.retain(|g| !g.is_empty());
    for g in &mut groups {
        g.sort_unstable();
    }
    groups.sort();
    groups
}

/// Within a topic, stories this small count as left behind by their event (see
/// [`adopt_small`]); across topics only lone articles do, as two articles that agree with each
/// other more than with anything else are likelier a story of their own.
const SMALL_STORY: usize = 3;

/// Splits one story (indices into the same `articles` given to [`ArticleFeatures::build`])
/// into events: the same blend, but time counts in days rather than weeks, so the next day's
/// development is a new event even when its wording is close.
pub fn events(features: &ArticleFeatures, story: &[usize], threshold: f32) -> Vec<Vec<usize>> {
    agglomerate(story, &features.edges(story, threshold * 0.5, TimeScale::EVENT), threshold)
}

/// Exact average linkage (UPGMA) over a sparse graph: repeatedly merges the two groups with
/// the highest mean cross similarity while it reaches `threshold`. A heap with lazy deletion
/// keeps each merge at O(neighbours · log E).
fn agglomerate(members: &[usize], edges: &[(usize, usize, f32)], threshold: f32) -> Vec<Vec<usize>> {
    let singles: Vec<Vec<usize>> = members.iter().map(|&m| vec![m]).collect();
    agglomerate_cohesive(singles, edges, threshold, 0.0)
}

/// [`agglomerate`] from `initial` groups, where two groups of two or more merge only when their
/// mean cross similarity also reaches `cohesion` times the lower of their own mean internal
/// similarities (0 turns the check off). Fragments of one event are about as close to each
/// other as within themselves; two events of one kind share the topic's words but far less than
/// each shares inside.
fn agglomerate_cohesive(
    initial: Vec<Vec<usize>>,
    edges: &[(usize, usize, f32)],
    threshold: f32,
    cohesion: f32,
) -> Vec<Vec<usize>> {
    use std::cmp::Ordering;
    use std::collections::BinaryHeap;

    #[derive(PartialEq)]
    struct Candidate(f32, usize, usize);
    impl Eq for Candidate {}
    impl PartialOrd for Candidate {
        fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
            Some(self.cmp(other))
        }
    }
    impl Ord for Candidate {
        // Highest mean first; ties broken by the smaller ids so results do not depend on
        // hash order.
        fn cmp(&self, other: &Self) -> Ordering {
            self.0.total_cmp(&other.0).then_with(|| (other.1, other.2).cmp(&(self.1, self.2)))
        }
    }

    // Each group is keyed by its first member.
    let group_of: AHashMap<usize, usize> =
        initial.iter().flat_map(|g| g.iter().map(move |&m| (m, g[0]))).collect();
    let mut groups: AHashMap<usize, Vec<usize>> = initial.into_iter().map(|g| (g[0], g)).collect();
    let mut internal: AHashMap<usize, f32> = AHashMap::new();
    // Sum of similarities between two live groups, both directions stored for neighbour walks.
    let mut between: AHashMap<usize, AHashMap<usize, f32>> = AHashMap::new();
    for &(a, b, s) in edges {
        let (Some(&ga), Some(&gb)) = (group_of.get(&a), group_of.get(&b)) else { continue };
        if a == b {
            continue;
        }
        if ga == gb {
            *internal.entry(ga).or_default() += s;
        } else {
            *between.entry(ga).or_default().entry(gb).or_default() += s;
            *between.entry(gb).or_default().entry(ga).or_default() += s;
        }
    }
    let mean = |groups: &AHashMap<usize, Vec<usize>>, sum: f32, a: usize, b: usize| {
        sum / (groups[&a].len() * groups[&b].len()) as f32
    };
    let mut heap = BinaryHeap::new();
    for (&a, row) in &between {
        for (&b, &sum) in row {
            if a < b {
                heap.push(Candidate(mean(&groups, sum, a, b), a, b));
            }
        }
    }
    while let Some(Candidate(m, a, b)) = heap.pop() {
        if m < threshold {
            break;
        }
        // Stale entry: a group merged away, or its mean changed since it was pushed.
        let Some(sum) = between.get(&a).and_then(|row| row.get(&b)).copied() else { continue };
        if !groups.contains_key(&a) || !groups.contains_key(&b) || mean(&groups, sum, a, b) != m {
            continue;
        }
        let (na, nb) = (groups[&a].len(), groups[&b].len());
        if cohesion > 0.0 && na >= 2 && nb >= 2 {
            let within =
                |g: usize, k: usize| internal.get(&g).copied().unwrap_or(0.0) / (k * (k - 1) / 2) as f32;
            let (wa, wb) = (within(a, na), within(b, nb));
            if m < cohesion * wa.min(wb) {
                continue;
            }
        }
        let (keep, gone) = if na >= nb { (a, b) } else { (b, a) };
        let inner = internal.remove(&a).unwrap_or(0.0) + internal.remove(&b).unwrap_or(0.0) + sum;
        internal.insert(keep, inner);
        let moved = groups.remove(&gone).unwrap_or_default();
        groups.get_mut(&keep).expect("live group").extend(moved);
        let gone_row = between.remove(&gone).unwrap_or_default();
        for (other, sum) in gone_row {
            if let Some(row) = between.get_mut(&other) {
                row.remove(&gone);
            }
            if other != keep {
                *between.entry(keep).or_default().entry(other).or_default() += sum;
                *between.entry(other).or_default().entry(keep).or_default() += sum;
            }
        }
        if let Some(row) = between.get_mut(&keep) {
            row.remove(&gone);
        }
        // The kept group grew: every mean it takes part in changed.
        for (&other, &sum) in between.get(&keep).into_iter().flatten() {
            let (x, y) = (keep.min(other), keep.max(other));
            heap.push(Candidate(mean(&groups, sum, x, y), x, y));
        }
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().collect();
    for g in &mut out {
        g.sort_unstable();
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_linkage_does_not_chain() {
        // 0-1 and 1-2 are close, 0-2 unrelated: single linkage would chain all three; average
        // linkage keeps 2 out because its mean similarity to {0,1} is (0.5 + 0) / 2.
        let edges = [(0, 1, 0.9), (1, 2, 0.5)];
        assert_eq!(agglomerate(&[0, 1, 2], &edges, 0.4), vec![vec![0, 1], vec![2]]);
        assert_eq!(agglomerate(&[0, 1, 2], &edges, 0.2), vec![vec![0, 1, 2]]);
    }

    #[test]
    fn lone_articles_join_the_nearest_story_when_linked_enough() {
        // 0 and 1 form a story; 2 leans on it (mean 0.3 over two members), 3 on nothing.
        let groups = vec![vec![0, 1], vec![2], vec![3]];
        let edges = [(0, 1, 0.9), (0, 2, 0.4), (1, 2, 0.2)];
        assert_eq!(adopt_small(groups.clone(), &edges, 0.25, 1), vec![vec![0, 1, 2], vec![3]]);
        assert_eq!(adopt_small(groups.clone(), &edges, 0.35, 1), groups);
    }

    #[test]
    fn small_groups_join_a_larger_one_only_up_to_the_given_size() {
        // {3, 4} leans on {0, 1, 2} with mean (0.6 + 0.6) / 6 = 0.2.
        let groups = vec![vec![0, 1, 2], vec![3, 4]];
        let edges = [(0, 1, 0.9), (1, 2, 0.9), (0, 2, 0.9), (3, 4, 0.9), (2, 3, 0.6), (2, 4, 0.6)];
        assert_eq!(adopt_small(groups.clone(), &edges, 0.1, 2), vec![vec![0, 1, 2, 3, 4]]);
        assert_eq!(adopt_small(groups.clone(), &edges, 0.1, 1), groups);
        assert_eq!(adopt_small(groups.clone(), &edges, 0.3, 2), groups);
    }

    #[test]
    fn fragments_join_only_when_they_cohere() {
        // {0,1} and {2,3}: tight pairs (0.8 inside) 0.3 apart on average; {4,5} is as tight
        // but only 0.3 from {0,1} too. A fragment of one event is as close to its other part as
        // inside; here 0.3 < 0.5 * 0.8, so nothing joins, while looser pairs would.
        let edges = [(0, 1, 0.8), (2, 3, 0.8), (0, 2, 0.3), (1, 3, 0.3), (0, 3, 0.3), (1, 2, 0.3)];
        let pairs = vec![vec![0, 1], vec![2, 3]];
        assert_eq!(agglomerate_cohesive(pairs.clone(), &edges, 0.2, 0.5), pairs);
        assert_eq!(agglomerate_cohesive(pairs.clone(), &edges, 0.2, 0.0), vec![vec![0, 1, 2, 3]]);
        let loose = [(0, 1, 0.5), (2, 3, 0.5), (0, 2, 0.3), (1, 3, 0.3), (0, 3, 0.3), (1, 2, 0.3)];
        assert_eq!(agglomerate_cohesive(pairs, &loose, 0.2, 0.5), vec![vec![0, 1, 2, 3]]);
    }

    /// Two drink-driving arrests at one club, two reports each, and an unrelated report: the
    /// articles, their signals without and with particulars, and a story threshold that shows
    /// the difference.
    pub(crate) fn two_arrests() -> (Vec<Article>, ClusterSignals, ClusterSignals, Thresholds) {
        use wiretrace_core::{EntityKind, Mention, Span};
        // The second arrest's reports recall the first one further down, as reports do: on
        // words and names alone the four tell one story.
        const CLUB: &str =
            " The club said it was aware of the incident and would not comment further while the \
            police inquiry continued. Harbour Rovers have run a programme with the city council for \
            years that offers players a driver after late matches, and the manager said the squad \
            would be reminded of it before the next fixture at the Estrel ground.";
        let recall = " It is the club's second such arrest this month, after defender Oren Vasko.";
        let reports = [
            ("a", "Harbour Rovers defender Oren Vasko was arrested on suspicion of drink-driving early on Sunday.".to_string() + CLUB),
            ("b", "Police arrested Harbour Rovers defender Oren Vasko on suspicion of drink-driving on Sunday.".to_string() + CLUB),
            ("c", "Harbour Rovers winger Ilse Marn was arrested on suspicion of drink-driving early on Friday.".to_string() + CLUB + recall),
            ("d", "Police arrested Harbour Rovers winger Ilse Marn on suspicion of drink-driving on Friday.".to_string() + CLUB + recall),
            ("e", "The league opened its new season with a derby between Valmora City and Port Estrel.".to_string()),
        ];
        let articles: Vec<Article> =
            reports.iter().map(|(id, text)| Article::new(*id, text.as_str())).collect();
        let mut plain = ClusterSignals::default();
        let mut told = ClusterSignals::default();
        for (id, text) in reports.iter().take(4) {
            let mentions: Vec<Mention> = ["Oren Vasko", "Ilse Marn"]
                .iter()
                .flat_map(|person| text.match_indices(person))
                .map(|(start, person)| Mention {
                    article: id.to_string(),
                    span: Span::new(start, start + person.len()),
                    text: person.to_string(),
                    kind: EntityKind::Person,
                })
                .collect();
            let names: Vec<String> =
                mentions.iter().map(|m| m.text.clone()).chain(["Harbour Rovers".into()]).collect();
            plain.entities.insert(id.to_string(), names.clone());
            told.entities.insert(id.to_string(), names);
            told.particulars.insert(id.to_string(), Particulars::from_mentions(&mentions));
        }
        // These short reports are far closer than ECB+ articles: a story threshold between
        // their cross similarity with and without the rule (about 0.43 and 0.29) shows it.
        (articles, plain, told, Thresholds { story: 0.35, ..Thresholds::default() })
    }

    #[test]
    fn two_arrests_at_one_club_stay_apart_by_whom_their_leads_name() {
        let (articles, plain, told, thresholds) = two_arrests();
        assert_eq!(cluster(&articles, &plain, thresholds), vec![vec![0, 1, 2, 3], vec![4]]);
        assert_eq!(cluster(&articles, &told, thresholds), vec![vec![0, 1], vec![2, 3], vec![4]]);
    }

    #[test]
    fn lone_articles_are_stories_of_one() {
        assert_eq!(agglomerate(&[4, 7], &[], 0.3), vec![vec![4], vec![7]]);
    }
}
