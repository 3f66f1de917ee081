use ahash::{AHashMap, AHashSet};
use wiretrace_core::{
    Article, ArticleId, Entity, Event, Origin, Quote, QuoteKind, QuoteVariant, ReuseLink, Story, StoryQuote,
};
use wiretrace_text::{fold, sentences, tokens};

use crate::similarity::ArticleFeatures;

/// Everything a story is made of, gathered by the pipeline from the other stages.
pub struct StoryParts<'a> {
    /// All articles clustering saw; `members` and `events` index into it.
    pub articles: &'a [Article],
    pub features: &'a ArticleFeatures,
    pub members: &'a [usize],
    pub events: &'a [Vec<usize>],
    pub origins: Vec<Origin>,
    pub quotes: Vec<&'a Quote>,
    pub entities: Vec<Entity>,
    pub links: Vec<ReuseLink>,
}

/// The longest summary line a report shows.
const SUMMARY_CHARS: usize = 280;

/// Builds the story report from its parts. The id is 0: the store assigns it.
pub fn assemble(parts: StoryParts<'_>) -> Story {
    let by_time = |idx: &mut Vec<usize>| {
        idx.sort_by(|&x, &y| {
            let (a, b) = (&parts.articles[x], &parts.articles[y]);
            a.published
                .is_none()
                .cmp(&b.published.is_none())
                .then(a.published.cmp(&b.published))
                .then(a.id.cmp(&b.id))
        })
    };
    let mut members = parts.members.to_vec();
    by_time(&mut members);
    let ids = |idx: &[usize]| idx.iter().map(|&i| parts.articles[i].id.clone()).collect::<Vec<_>>();

    // The most central article speaks for the story: it shares most with the others.
    let central = *members
        .iter()
        .max_by(|&&x, &&y| {
            let score = |i: usize| {
                members.iter().filter(|&&j| j != i).map(|&j| parts.features.similarity(i, j)).sum::<f32>()
            };
            score(x).total_cmp(&score(y)).then(y.cmp(&x))
        })
        .expect("a story has at least one article");
    let title = headline(&parts.articles[central])
        .or_else(|| members.iter().find_map(|&i| headline(&parts.articles[i])))
        .unwrap_or_else(|| first_sentence(&parts.articles[central].text, 100));
    let summary =
        Some(first_sentence(&parts.articles[central].text, SUMMARY_CHARS)).filter(|s| !s.is_empty());

    let mut events: Vec<Event> = parts
        .events
        .iter()
        .map(|event| {
            let mut idx = event.clone();
            by_time(&mut idx);
            let first = &parts.articles[idx[0]];
            Event {
                title: idx
                    .iter()
                    .find_map(|&i| headline(&parts.articles[i]))
                    .unwrap_or_else(|| first_sentence(&first.text, 100)),
                articles: ids(&idx),
                first_published: idx.iter().filter_map(|&i| parts.articles[i].published).min(),
            }
        })
        .collect();
    events.sort_by(|a, b| {
        a.first_published
            .is_none()
            .cmp(&b.first_published.is_none())
            .then(a.first_published.cmp(&b.first_published))
            .then(a.articles.cmp(&b.articles))
    });

    let mut outlets: Vec<String> = Vec::new();
    for &i in &members {
        if let Some(o) = &parts.articles[i].outlet {
            if !outlets.contains(o) {
                outlets.push(o.clone());
            }
        }
    }
    let mut quotes = group_quotes(&parts.quotes, &parts.origins);
    name_speakers(&mut quotes, &parts.entities);
    let in_time_order: Vec<&Article> = members.iter().map(|&i| &parts.articles[i]).collect();
    let claims = crate::claims::extract_claims(&in_time_order, &parts.origins);
    Story {
        id: 0,
        title,
        summary,
        first_published: members.iter().filter_map(|&i| parts.articles[i].published).min(),
        last_published: members.iter().filter_map(|&i| parts.articles[i].published).max(),
        articles: ids(&members),
        outlets,
        events,
        independent_origins: parts.origins.len(),
        origins: parts.origins,
        quotes,
        entities: parts.entities,
        reuse: parts.links,
        claims,
    }
}

/// Speakers named as the story's people are named: "Sergeant Iván Corbel", "Ivan Corbel" and
/// "Corbel" are the entity "Iván Corbel". Descriptions ("a senior official") stay as they are.
fn name_speakers(quotes: &mut [StoryQuote], entities: &[Entity]) {
    let mut by_spelling: AHashMap<String, &str> = AHashMap::new();
    for e in entities.iter().filter(|e| e.kind == wiretrace_core::EntityKind::Person) {
        for spelling in std::iter::once(&e.name).chain(&e.variants) {
            by_spelling.entry(fold(spelling)).or_insert(e.name.as_str());
        }
    }
    for q in quotes {
        let Some(speaker) = &q.speaker else { continue };
        let words: Vec<&str> = speaker.split_whitespace().collect();
        // Drop leading titles one word at a time: "Sergeant Iván Corbel" -> "Iván Corbel".
        let known =
            (0..words.len()).find_map(|skip| by_spelling.get(&fold(&words[skip..].join(" "))).copied());
        if let Some(name) = known {
            q.speaker = Some(name.to_string());
        }
    }
}

fn headline(article: &Article) -> Option<String> {
    article.title.clone().filter(|t| !t.trim().is_empty())
}

fn first_sentence(text: &str, max_chars: usize) -> String {
    let s = sentences(text).into_iter().next().map(|r| text[r].to_string()).unwrap_or_default();
    if s.chars().count() <= max_chars {
        return s;
    }
    let mut cut: String = s.chars().take(max_chars - 1).collect();
    if let Some(space) = cut.rfind(' ') {
        cut.truncate(space);
    }
    cut.push('…');
    cut
}

/// Share of the shorter quote's words that must recur in the longer for two quotes to be one
/// quote carried twice: survives "[to]" insertions, trimmed ends and changed punctuation.
const SAME_QUOTE_CONTAINMENT: f32 = 0.8;
/// Quotes shorter than this are too generic to identify across outlets ("freedom").
const MIN_QUOTE_WORDS: usize = 4;

/// Folds the direct quotes of a story's articles into one quote with variants per distinct
/// utterance, and counts the independent origins behind each.
///
/// Outlets split and trim quotes differently (one carries `"A ... B"`, another only `"B"`), so
/// quotes are compared part by part: each part of a split quote is an utterance of its own.
pub fn group_quotes(quotes: &[&Quote], origins: &[Origin]) -> Vec<StoryQuote> {
    struct Part<'q> {
        quote: &'q Quote,
        text: &'q str,
        words: Vec<String>,
    }
    let parts: Vec<Part> = quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Direct)
        .flat_map(|q| q.text.split(" ... ").map(move |text| (q, text.trim())))
        .map(|(q, text)| Part { quote: q, text, words: tokens(text).into_iter().map(|t| t.norm).collect() })
        .filter(|p| p.words.len() >= MIN_QUOTE_WORDS)
        .collect();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        match groups
            .iter_mut()
            .find(|g| g.iter().any(|&j| containment(&part.words, &parts[j].words) >= SAME_QUOTE_CONTAINMENT))
        {
            Some(g) => g.push(i),
            None => groups.push(vec![i]),
        }
    }
    let source_of = origin_sources(origins);
    let mut out: Vec<StoryQuote> = groups
        .into_iter()
        .map(|g| {
            let most_common = |values: Vec<String>| -> Option<String> {
                let mut counts: Vec<(String, usize)> = Vec::new();
                for v in values {
                    match counts.iter_mut().find(|(k, _)| fold(k) == fold(&v)) {
                        Some((_, c)) => *c += 1,
                        None => counts.push((v, 1)),
                    }
                }
                // Most frequent; on a tie the longer (fuller) form.
                counts
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then(a.0.len().cmp(&b.0.len())))
                    .map(|(k, _)| k)
            };
            let text =
                most_common(g.iter().map(|&i| parts[i].text.to_string()).collect()).unwrap_or_default();
            let mut articles: Vec<ArticleId> = Vec::new();
            let mut variants: Vec<QuoteVariant> = Vec::new();
            for &i in &g {
                let p = &parts[i];
                if !articles.contains(&p.quote.article) {
                    articles.push(p.quote.article.clone());
                }
                if p.text != text
                    && !variants.iter().any(|v| v.article == p.quote.article && v.text == p.text)
                {
                    variants
                        .push(QuoteVariant { article: p.quote.article.clone(), text: p.text.to_string() });
                }
            }
            let sources: AHashSet<usize> =
                articles.iter().map(|a| source_of.get(a.as_str()).copied().unwrap_or(usize::MAX)).collect();
            StoryQuote {
                text,
                speaker: most_common(g.iter().filter_map(|&i| parts[i].quote.speaker.clone()).collect()),
                medium: most_common(g.iter().filter_map(|&i| parts[i].quote.medium.clone()).collect()),
                independent_origins: sources.len(),
                articles,
                variants,
            }
        })
        .collect();
    out.sort_by_key(|q| std::cmp::Reverse(q.articles.len()));
    out
}

/// Which independent source each article belongs to: articles that share any origin are one
/// source (union of overlapping origins), so a quote carried by a Reuters copy and by an
/// article citing both Reuters and AP counts once, not twice.
pub(crate) fn origin_sources(origins: &[Origin]) -> AHashMap<&str, usize> {
    let mut source_of: AHashMap<&str, usize> = AHashMap::new();
    let mut parent: Vec<usize> = (0..origins.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (n, origin) in origins.iter().enumerate() {
        for a in &origin.articles {
            match source_of.get(a.as_str()) {
                Some(&m) => {
                    let (x, y) = (root(&mut parent, m), root(&mut parent, n));
                    parent[x] = y;
                }
                None => {
                    source_of.insert(a.as_str(), n);
                }
            }
        }
    }
    source_of.into_iter().map(|(a, n)| (a, root(&mut parent, n))).collect()
}

fn containment(a: &[String], b: &[String]) -> f32 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut pool: AHashMap<&str, usize> = AHashMap::new();
    for w in long {
        *pool.entry(w.as_str()).or_default() += 1;
    }
    let hits = short
        .iter()
        .filter(|w| match pool.get_mut(w.as_str()) {
            Some(c) if *c > 0 => {
                *c -= 1;
                true
            }
            _ => false,
        })
        .count();
    hits as f32 / short.len().max(1) as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiretrace_core::{OriginKind, Span};

    fn quote(article: &str, text: &str, speaker: Option<&str>) -> Quote {
        Quote {
            article: article.into(),
            text: text.into(),
            span: Span::new(0, text.chars().count()),
            speaker: speaker.map(Into::into),
            speaker_span: None,
            medium: Some("BNC".into()),
            kind: QuoteKind::Direct,
        }
    }

    #[test]
    fn one_quote_across_outlets_with_an_insertion_is_one_quote_with_a_variant() {
        let q1 = quote("a", "We do not want foreign troops on our soil", Some("Elena Marqués"));
        let q2 = quote("b", "We do not want foreign troops [to land] on our soil", None);
        let q3 = quote("c", "The harvest will be late this year", Some("Tomas Reyes"));
        let origins = vec![
            Origin {
                name: "BNC".into(),
                kind: OriginKind::Attributed,
                articles: vec!["a".into(), "b".into()],
            },
            Origin {
                name: "Valdoria Today".into(),
                kind: OriginKind::OwnReporting,
                articles: vec!["c".into()],
            },
        ];
        let grouped = group_quotes(&[&q1, &q2, &q3], &origins);
        assert_eq!(grouped.len(), 2);
        assert_eq!(grouped[0].articles, ["a", "b"]);
        assert_eq!(grouped[0].speaker.as_deref(), Some("Elena Marqués"));
        assert_eq!(grouped[0].variants.len(), 1);
        assert_eq!(grouped[0].independent_origins, 1);
        assert_eq!(grouped[1].articles, ["c"]);
    }

    #[test]
    fn split_quotes_match_their_parts_carried_separately() {
        let joined =
            quote("a", "The bridge will reopen by June ... Nobody should drive on it before then", None);
        let first = quote("b", "The bridge will reopen by June", Some("Mayor Ilse Varga"));
        let second = quote("b", "Nobody should drive on it before then", Some("Mayor Ilse Varga"));
        let grouped = group_quotes(&[&joined, &first, &second], &[]);
        assert_eq!(grouped.len(), 2, "{grouped:?}");
        assert!(grouped.iter().all(|q| q.articles == ["a", "b"]));
        assert!(grouped.iter().all(|q| q.speaker.as_deref() == Some("Mayor Ilse Varga")));
    }

    #[test]
    fn articles_sharing_an_origin_are_one_source_for_a_quote() {
        let q1 = quote("a", "We will not sign this treaty today", None);
        let q2 = quote("b", "We will not sign this treaty today", None);
        let q3 = quote("c", "We will not sign this treaty today", None);
        let origin = |name: &str, ids: &[&str]| Origin {
            name: name.into(),
            kind: OriginKind::Attributed,
            articles: ids.iter().map(|s| s.to_string()).collect(),
        };
        // a carries Meridian Press; b carries Meridian Press and AWS; c only its own reporting.
        let origins =
            [origin("Meridian Press", &["a", "b"]), origin("AWS", &["b"]), origin("Courier", &["c"])];
        assert_eq!(group_quotes(&[&q1, &q2, &q3], &origins)[0].independent_origins, 2);
    }

    #[test]
    fn speakers_take_the_entity_name_without_titles() {
        let mut quotes = group_quotes(
            &[
                &quote("a", "We want radios and medicine, not troops", Some("Sergeant Iván Corbel")),
                &quote("b", "The count in January was not clean at all", Some("a senior official")),
            ],
            &[],
        );
        let entity = Entity {
            name: "Iván Corbel".into(),
            kind: wiretrace_core::EntityKind::Person,
            variants: vec!["Ivan Corbel".into(), "Corbel".into()],
            mentions: 3,
            articles: vec!["a".into()],
        };
        name_speakers(&mut quotes, &[entity]);
        let speakers: Vec<_> = quotes.iter().map(|q| q.speaker.clone().unwrap()).collect();
        assert_eq!(speakers, ["Iván Corbel", "a senior official"]);
    }

    #[test]
    fn short_scare_quotes_are_left_out() {
        let q = quote("a", "freedom", None);
        assert!(group_quotes(&[&q], &[]).is_empty());
    }

    #[test]
    fn long_first_sentences_are_cut_at_a_word() {
        let s = first_sentence("Floodwaters breached the dam overnight and thousands fled. More later.", 30);
        assert_eq!(s, "Floodwaters breached the dam…");
    }
}
