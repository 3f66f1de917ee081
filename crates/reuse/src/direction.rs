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

/// Every folded spelling a text cue naming `outlet` could use: its canonical form and, for a
/// known outlet, all its aliases. A cue's origin is either a known outlet's canonical name,
/// read from one of its aliases in the text, or words of the text itself; either way the
/// folded text holds one of these (folding works char by char, so the fold of a part of the
/// text is a part of the folded text).
pub(crate) fn outlet_spellings(outlet: &str) -> Vec<String> {
    let canonical = canonical_outlet(outlet);
    let mut spellings: Vec<String> =
        wiretrace_text::media::known_aliases(&canonical).map(str::to_string).collect();
    spellings.push(canonical);
    spellings.sort_unstable();
    spellings.dedup();
    spellings
}

/// Whether `text` may hold a cue crediting the outlet spelled `spellings` (see
/// [`outlet_spellings`]): `false` only when its folded form holds none of them, and then
/// [`credits`] with its cues is `false` for that outlet, so the cues need not be computed.
/// Plain ASCII text folds to its lowercase, searched without building it.
pub(crate) fn may_credit(text: &str, spellings: &[String]) -> bool {
    let ascii = spellings.iter().all(|s| s.is_ascii());
    if ascii && spellings.iter().any(|s| contains_ascii_nocase(text.as_bytes(), s.as_bytes())) {
        return true;
    }
    // Chars of the General Punctuation block (curly quotes, dashes) fold into no letter or
    // digit, and no char folds into nothing next to them: a spelling of letters and digits
    // only is in the folded text just when it is in the text itself, ignoring case.
    let alphanumeric = spellings.iter().all(|s| s.bytes().all(|b| b.is_ascii_alphanumeric()));
    if ascii && (text.is_ascii() || alphanumeric && only_punctuation_beyond_ascii(text)) {
        return false;
    }
    // Chars beyond ASCII may fold into a spelling ("Agence France‑Presse" with a
    // non-breaking hyphen).
    let folded = fold(text);
    spellings.iter().any(|s| memchr::memmem::find(folded.as_bytes(), s.as_bytes()).is_some())
}

/// Whether every char of `text` beyond ASCII is in the General Punctuation block
/// (U+2000 to U+206F).
fn only_punctuation_beyond_ascii(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    loop {
        // Eight bytes at a time up to the next one beyond ASCII: the byte loop was most of
        // the cost of the whole check.
        while at + 8 <= bytes.len() {
            let mut eight = [0u8; 8];
            eight.copy_from_slice(&bytes[at..at + 8]);
            let high = u64::from_le_bytes(eight) & 0x8080_8080_8080_8080;
            if high != 0 {
                at += (high.trailing_zeros() / 8) as usize;
                break;
            }
            at += 8;
        }
        let Some(skip) = bytes[at..].iter().position(|&b| !b.is_ascii()) else { return true };
        at += skip;
        let c = text[at..].chars().next().unwrap_or_default();
        if !('\u{2000}'..='\u{206F}').contains(&c) {
            return false;
        }
        at += c.len_utf8();
    }
}

/// Whether `hay` holds `needle` (lowercase ASCII) ignoring ASCII case: a byte search for the
/// needle's rarest byte in English text, both cases, then a comparison around each hit.
fn contains_ascii_nocase(hay: &[u8], needle: &[u8]) -> bool {
    if needle.is_empty() {
        return true;
    }
    if needle.len() > hay.len() {
        return false;
    }
    // Letters from most to least common in English; digits and punctuation are rarer still.
    const COMMON: &[u8] = b"etaoinshrdlcumwfgypbvkjxqz";
    let rarity = |b: u8| COMMON.iter().position(|&c| c == b).unwrap_or(COMMON.len());
    let (at, &rare) = needle.iter().enumerate().max_by_key(|&(_, &b)| rarity(b)).expect("not empty");
    let (lo, hi) = (rare.to_ascii_lowercase(), rare.to_ascii_uppercase());
    let last_start = hay.len() - needle.len();
    memchr::memchr2_iter(lo, hi, &hay[at..=last_start + at])
        .any(|i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
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

    #[test]
    fn texts_that_may_credit_an_outlet_hold_one_of_its_spellings() {
        let ap = outlet_spellings("The Associated Press");
        assert!(ap.contains(&"ap".to_string()) && ap.contains(&"associated press".to_string()));
        assert!(may_credit("the pilots told the ASSOCIATED PRESS.", &ap));
        assert!(may_credit("the pilots told AP.", &ap));
        let bnc = outlet_spellings("www.bnc.com");
        assert_eq!(bnc, ["bnc"]);
        assert!(may_credit("Grain ships wait. -BnC", &bnc));
        assert!(!may_credit("Grain ships wait off the breakwater.", &bnc));
        assert!(!may_credit("Grain ships wait off the “breakwater”.", &bnc));
        assert!(may_credit("Grain ships wait off the “breakwater” —BNC", &bnc));
        assert!(may_credit("Grain ships wait. —B\u{0301}NC", &bnc), "a combining mark folds into nothing");
        assert!(may_credit("Grain ships wait. —ＢNC", &bnc) == (fold("ＢNC").contains("bnc")));
        assert!(only_punctuation_beyond_ascii("“Grain” ships — all of them — wait off the long breakwater…"));
        assert!(!only_punctuation_beyond_ascii(
            "“Grain” ships — all of them — wait off the long breakwater é"
        ));
        assert!(!only_punctuation_beyond_ascii("é"));
        let spaced = outlet_spellings("Harbour Ledger");
        assert!(may_credit("told the Harbour\u{2009}Ledger", &spaced), "a thin space folds into a space");
        // Chars that fold into the name count too.
        let afp = outlet_spellings("AFP");
        assert!(may_credit("according to Agence France\u{2011}Presse", &afp));
        assert!(may_credit("according to Agence France-Presse", &afp));
        assert!(!may_credit("according to the agency in Brennick", &afp));
        let accented = outlet_spellings("Diário Ledger");
        assert!(may_credit("told the DIARIO LEDGER", &accented));
        assert!(may_credit("told the Diário Ledger", &accented));
    }

    #[test]
    fn ascii_search_ignores_case_and_finds_names_at_either_end() {
        assert!(contains_ascii_nocase(b"outlet17", b"outlet17"));
        assert!(contains_ascii_nocase(b"via OUTLET17", b"outlet17"));
        assert!(!contains_ascii_nocase(b"outlet1", b"outlet17"));
        assert!(!contains_ascii_nocase(b"outlet18 outlet71", b"outlet17"));
    }
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
