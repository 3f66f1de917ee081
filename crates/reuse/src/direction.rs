//! Who copied whom, for one linked pair.
//!
//! Three kinds of evidence, in this order of trust:
//!
//! 1. **Attribution.** An article that credits the shared reporting to an outlet ("-BNC",
//!    "told BNC", "according to BNC") copied from the other article if the other article *is*
//!    that outlet. Photo credits do not count: a wire photo says nothing about the text.
//! 2. **Time.** The earlier publication is the source. Equal or missing times say nothing.
//! 3. **Containment**, used only when 1 and 2 are both silent. When one article is almost
//!    entirely made of the shared passages (at least 80% of its text) and the other is mostly
//!    other material (at most 50% shared), the contained one is taken as the source: outlets
//!    take a wire report and add their own intro, background and other sources around it,
//!    while the reverse (a wire cutting a compiled article down to one thread) is rare. The
//!    opposite case, a truncated copy of a longer original, does happen (excerpts on
//!    aggregators), which is why containment never overrides time or attribution.
//!
//! When attribution and time point opposite ways, or attribution points both ways, the answer
//! is [`Direction::Unknown`]: a wrong arrow is worse than none.

use wiretrace_core::{Article, AttributionCue, CueKind, Direction, Passage};
use wiretrace_text::fold;
use wiretrace_text::media::known_outlet;

/// Share of an article's chars the passages must cover to call it contained.
const CONTAINED: f64 = 0.8;
/// Share the other article may have covered at most, for containment to speak.
const CONTAINER: f64 = 0.5;

/// Who copied whom (see the module docs for the rules). `passages` are those of the link
/// between `a` and `b` (`a_*` offsets into `a`); `cues_a` and `cues_b` the attribution cues of
/// each.
pub fn direction(
    a: &Article,
    b: &Article,
    passages: &[Passage],
    cues_a: &[AttributionCue],
    cues_b: &[AttributionCue],
) -> Direction {
    let votes = [attribution_vote(a, b, cues_a, cues_b), time_vote(a, b)];
    let mut verdict: Option<Direction> = None;
    for vote in votes.into_iter().flatten() {
        match (verdict, vote) {
            (_, Direction::Unknown) => return Direction::Unknown,
            (Some(v), d) if v != d => return Direction::Unknown,
            _ => verdict = Some(vote),
        }
    }
    verdict.or_else(|| containment_vote(a, b, passages)).unwrap_or(Direction::Unknown)
}

/// `Some(Unknown)` when both articles credit each other (contradiction).
fn attribution_vote(
    a: &Article,
    b: &Article,
    cues_a: &[AttributionCue],
    cues_b: &[AttributionCue],
) -> Option<Direction> {
    let a_credits_b = credits(cues_a, b);
    let b_credits_a = credits(cues_b, a);
    match (a_credits_b, b_credits_a) {
        (true, true) => Some(Direction::Unknown),
        (true, false) => Some(Direction::BToA),
        (false, true) => Some(Direction::AToB),
        (false, false) => None,
    }
}

/// Whether some text cue names the outlet that published `other`.
fn credits(cues: &[AttributionCue], other: &Article) -> bool {
    let Some(outlet) = other.outlet.as_deref().map(canonical_outlet) else {
        return false;
    };
    cues.iter().filter(|c| c.kind != CueKind::Credit).any(|c| canonical_outlet(&c.origin) == outlet)
}

/// A comparable form of an outlet's name: canonical spelling for known outlets ("AP" and "The
/// Associated Press" agree), a web domain reduced to its name ("www.bnc.com" is "bnc"), folded.
pub(crate) fn canonical_outlet(name: &str) -> String {
    let trimmed = name.trim();
    let folded = fold(trimmed);
    let bare = folded.strip_prefix("www.").unwrap_or(&folded);
    let bare = [".com", ".co.uk", ".org", ".net", ".news", ".co", ".tv"]
        .iter()
        .find_map(|suffix| bare.strip_suffix(suffix))
        .unwrap_or(bare);
    known_outlet(bare).map_or_else(|| bare.to_string(), fold)
}

fn time_vote(a: &Article, b: &Article) -> Option<Direction> {
    match (a.published, b.published) {
        (Some(ta), Some(tb)) if ta < tb => Some(Direction::AToB),
        (Some(ta), Some(tb)) if tb < ta => Some(Direction::BToA),
        _ => None,
    }
}

fn containment_vote(a: &Article, b: &Article, passages: &[Passage]) -> Option<Direction> {
    let coverage = |text: &str, shared: usize| {
        let len = text.chars().count();
        (len > 0).then(|| shared as f64 / len as f64)
    };
    let cov_a = coverage(&a.text, passages.iter().map(|p| p.a().len()).sum())?;
    let cov_b = coverage(&b.text, passages.iter().map(|p| p.b().len()).sum())?;
    if cov_a >= CONTAINED && cov_b <= CONTAINER {
        Some(Direction::AToB)
    } else if cov_b >= CONTAINED && cov_a <= CONTAINER {
        Some(Direction::BToA)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn article(id: &str, outlet: Option<&str>, hour: Option<u32>, text: &str) -> Article {
        let mut a = Article::new(id, text);
        a.outlet = outlet.map(str::to_string);
        a.published = hour.map(|h| Utc.with_ymd_and_hms(2025, 3, 3, h, 0, 0).unwrap());
        a
    }

    fn cue(article: &str, origin: &str, kind: CueKind) -> AttributionCue {
        AttributionCue {
            article: article.into(),
            origin: origin.into(),
            kind,
            span: wiretrace_core::Span::new(0, 3),
        }
    }

    #[test]
    fn earlier_article_is_the_source() {
        let a = article("a", None, Some(9), "x");
        let b = article("b", None, Some(11), "x");
        assert_eq!(direction(&a, &b, &[], &[], &[]), Direction::AToB);
        assert_eq!(direction(&b, &a, &[], &[], &[]), Direction::BToA);
        let c = article("c", None, Some(9), "x");
        assert_eq!(direction(&a, &c, &[], &[], &[]), Direction::Unknown);
    }

    #[test]
    fn crediting_the_other_outlet_makes_a_copy() {
        let a = article("a", Some("Rampart Daily"), None, "x");
        let b = article("b", Some("www.bnc.com"), None, "x");
        let cues_a = [cue("a", "BNC", CueKind::Dash)];
        assert_eq!(direction(&a, &b, &[], &cues_a, &[]), Direction::BToA);
        // A photo credit alone proves nothing about the text.
        let credit = [cue("a", "BNC", CueKind::Credit)];
        assert_eq!(direction(&a, &b, &[], &credit, &[]), Direction::Unknown);
    }

    #[test]
    fn time_against_attribution_is_unknown() {
        // a says it carries BNC's reporting but claims to be older than BNC's article.
        let a = article("a", Some("Rampart Daily"), Some(8), "x");
        let b = article("b", Some("BNC"), Some(10), "x");
        let cues_a = [cue("a", "BNC", CueKind::Told)];
        assert_eq!(direction(&a, &b, &[], &cues_a, &[]), Direction::Unknown);
    }

    #[test]
    fn contained_text_is_the_source_when_nothing_else_speaks() {
        let short = "w".repeat(100);
        let long = "w".repeat(400);
        let a = article("a", None, None, &short);
        let b = article("b", None, None, &long);
        let p = Passage { a_start: 0, a_end: 90, b_start: 200, b_end: 290, similarity: 1.0 };
        assert_eq!(direction(&a, &b, std::slice::from_ref(&p), &[], &[]), Direction::AToB);
        // Both mostly shared: no containment signal.
        let a2 = article("a", None, None, &"w".repeat(95));
        let b2 = article("b", None, None, &"w".repeat(100));
        let p2 = Passage { b_start: 0, b_end: 90, ..p };
        assert_eq!(direction(&a2, &b2, &[p2], &[], &[]), Direction::Unknown);
    }

    #[test]
    fn outlet_names_compare_canonically() {
        assert_eq!(canonical_outlet("The Associated Press"), canonical_outlet("AP"));
        assert_eq!(canonical_outlet("bnc.com"), canonical_outlet("BNC"));
        assert_ne!(canonical_outlet("BNC"), canonical_outlet("CNN"));
    }
}
