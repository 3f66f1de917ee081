//! Claims: the numbers a story reports ("over 4,000 low-ranking officers deserted") and who
//! states them, across the story's articles. A number carried by several articles is one claim
//! with all its sources, so a reader sees whether it rests on one report or several.

use ahash::{AHashMap, AHashSet};
use once_cell::sync::Lazy;
use regex::Regex;
use wiretrace_core::{Article, ArticleId, Claim, Origin};
use wiretrace_text::media::outlet_at;
use wiretrace_text::{fold, sentences};

use crate::assemble::origin_sources;

/// A number worth reporting: grouped digits or a figure with a scale word. Years, times and
/// days of the month are filtered out after matching (see [`is_reportable`]).
static NUMBER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)\b\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:\s+(?:million|billion|thousand|per\s?cent|percent))?\b|\b\d+(?:\.\d+)?(?:\s*(?:%|per\s?cent|percent)|\s+(?:million|billion|thousand|trillion)\b(?:\s+(?:per\s?cent|percent))?)|\b\d{2,}\b",
    )
    .expect("number pattern")
});
static MONTH: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$").expect("month")
});
static ACCORDING_TO: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?i)\baccording to (?:the |a |an )?([^,.;:]{3,60})").expect("according to"));
static SEEN_BY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)\b(?:seen|obtained|reported|reviewed|told|confirmed) (?:by |to )?").expect("seen by")
});
static SAID: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?:^|[,.;]\s+|\s)((?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+|(?:an?|the)\s+(?:\w+\s+){0,3}(?:official|spokesman|spokeswoman|spokesperson|source|police|ministry|coastguard))\s+(?:said|says|told|reported|estimated)\b")
        .expect("said")
});

/// Most claims a story reports: the best-supported first.
const MAX_CLAIMS: usize = 20;

/// The claims of a story's articles (the articles in time order).
pub fn extract_claims(articles: &[&Article], origins: &[Origin]) -> Vec<Claim> {
    struct Found {
        key: String,
        number: String,
        text: String,
        article: ArticleId,
        source: Option<String>,
    }
    let mut found: Vec<Found> = Vec::new();
    for article in articles {
        let text = article.text.as_str();
        for range in sentences(text) {
            let sentence = &text[range.clone()];
            let source = stated_by(sentence);
            for m in NUMBER.find_iter(sentence) {
                if !is_reportable(sentence, m.start(), m.end()) {
                    continue;
                }
                let digits: String =
                    m.as_str().chars().filter(|c| c.is_ascii_alphanumeric() || *c == '.').collect();
                // Within one story a large number is one fact however it is phrased ("300
                // soldiers", "300 junior officers", "tops 300 names"); a small one needs the
                // word it counts to tell "14 governments" from "14 years".
                let large = digits.parse::<f64>().map_or(true, |n| n >= 100.0);
                let what = if large { String::new() } else { next_word(&sentence[m.end()..]) };
                found.push(Found {
                    key: format!("{}|{}", fold(&digits), what),
                    number: m.as_str().to_string(),
                    text: sentence.to_string(),
                    article: article.id.clone(),
                    source: source.clone(),
                });
            }
        }
    }
    let source_of = origin_sources(origins);
    let origin_names = |article: &str| -> Vec<String> {
        origins.iter().filter(|o| o.articles.iter().any(|a| a == article)).map(|o| o.name.clone()).collect()
    };
    let mut order: Vec<String> = Vec::new();
    let mut groups: AHashMap<String, Vec<Found>> = AHashMap::new();
    for f in found {
        if !groups.contains_key(&f.key) {
            order.push(f.key.clone());
        }
        groups.entry(f.key.clone()).or_default().push(f);
    }
    let mut claims: Vec<Claim> = order
        .into_iter()
        .filter_map(|key| groups.remove(&key))
        .map(|group| {
            let mut articles: Vec<ArticleId> = Vec::new();
            let mut sources: Vec<String> = Vec::new();
            for f in &group {
                if !articles.contains(&f.article) {
                    articles.push(f.article.clone());
                }
                let named = f.source.clone().map(|s| vec![s]).unwrap_or_else(|| origin_names(&f.article));
                for s in named {
                    if !sources.iter().any(|x| fold(x) == fold(&s)) {
                        sources.push(s);
                    }
                }
            }
            let independent: AHashSet<usize> =
                articles.iter().map(|a| source_of.get(a.as_str()).copied().unwrap_or(usize::MAX)).collect();
            Claim {
                text: group[0].text.clone(),
                number: group[0].number.clone(),
                articles,
                sources,
                independent_origins: independent.len(),
            }
        })
        .collect();
    claims.sort_by_key(|c| std::cmp::Reverse(c.articles.len()));
    claims.truncate(MAX_CLAIMS);
    claims
}

/// Filters out what the number pattern catches but nobody would call a claim: years, times of
/// day, days of the month, ages in "the 35-year-old", and numbers inside words or URLs.
fn is_reportable(sentence: &str, start: usize, end: usize) -> bool {
    let number = &sentence[start..end];
    let before = &sentence[..start];
    let after = &sentence[end..];
    let plain: String = number.chars().filter(char::is_ascii_digit).collect();
    let is_year = number.len() == 4 && (1900..2100).contains(&plain.parse::<u32>().unwrap_or(0));
    let clock = after.trim_start().to_lowercase();
    let is_time = after.starts_with(':')
        || before.ends_with(':')
        || ["a.m", "p.m", "am ", "pm ", "am.", "pm.", "o'clock", "gmt", "utc"]
            .iter()
            .any(|w| clock.starts_with(w));
    let is_day =
        MONTH.is_match(before) || after.trim_start().starts_with("th ") || after.starts_with("-year-old");
    let in_word = before.ends_with(|c: char| c.is_alphanumeric() || c == '/' || c == '-' || c == '.')
        || after.starts_with(|c: char| c.is_alphabetic() || c == '/');
    // A bare small number must count something ("40 ships"), not end a range ("10 to 15.").
    let counts_something =
        number.contains([',', ' ', '%']) || after.trim_start().starts_with(|c: char| c.is_alphabetic());
    let ends_range = before.trim_end().ends_with(" to") || before.trim_end().ends_with('-');
    !(is_year || is_time || is_day || in_word || ends_range) && counts_something
}

/// The folded word after a number ("14 governments" -> "governments"): enough to keep two
/// small counts in one story apart.
fn next_word(after: &str) -> String {
    after
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .find(|w| !w.is_empty())
        .map(fold)
        .unwrap_or_default()
}

/// Who a sentence says states it: "according to X", "seen by Reuters", "X said".
fn stated_by(sentence: &str) -> Option<String> {
    // "according to documents seen by Reuters": the outlet, not the documents.
    for m in SEEN_BY.find_iter(sentence) {
        if let Some((name, _)) = outlet_at(&sentence[m.end()..]) {
            return Some(name);
        }
    }
    if let Some(c) = ACCORDING_TO.captures(sentence) {
        let phrase = c[1].trim();
        return Some(outlet_at(phrase).map(|(name, _)| name).unwrap_or_else(|| phrase.to_string()));
    }
    SAID.captures(sentence)
        .map(|c| c[1].trim().to_string())
        .filter(|s| !matches!(s.as_str(), "He" | "She" | "They" | "It" | "We" | "I"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiretrace_core::OriginKind;

    fn article(id: &str, text: &str) -> Article {
        Article::new(id, text)
    }

    #[test]
    fn a_number_carried_by_two_copies_is_one_claim_with_its_source() {
        let a = article("a", "More than 1,200 dockworkers walked out on Monday, according to figures seen by the Allied Wire Service. The 41-year-old leader spoke at 10:30.");
        let b = article("b", "Some 1,200 dockworkers stopped work, the port authority said.");
        let origins = vec![Origin {
            name: "Allied Wire Service".into(),
            kind: OriginKind::Attributed,
            articles: vec!["a".into(), "b".into()],
        }];
        let claims = extract_claims(&[&a, &b], &origins);
        assert_eq!(claims.len(), 1, "{claims:?}");
        assert_eq!(claims[0].number, "1,200");
        assert_eq!(claims[0].articles, ["a", "b"]);
        assert_eq!(claims[0].independent_origins, 1);
        assert!(claims[0].sources.contains(&"Allied Wire Service".to_string()), "{:?}", claims[0].sources);
    }

    #[test]
    fn a_large_number_phrased_differently_is_one_claim() {
        let a = article("a", "More than 300 soldiers have promised to switch sides.");
        let b = article("b", "The roster already tops 300 names, he said.");
        let claims = extract_claims(&[&a, &b], &[]);
        assert_eq!(claims.len(), 1, "{claims:?}");
        assert_eq!(claims[0].articles, ["a", "b"]);
    }

    #[test]
    fn years_times_days_and_ages_are_not_claims() {
        let a = article(
            "a",
            "In 2019, on March 21 at 10:30, the 35-year-old said the 3rd plan failed at 11 p.m. sharp.",
        );
        assert!(extract_claims(&[&a], &[]).is_empty());
    }

    #[test]
    fn percentages_and_millions_are_claims() {
        let a = article("a", "Inflation reached 900 per cent and 3 million people left, officials said.");
        let numbers: Vec<String> = extract_claims(&[&a], &[]).into_iter().map(|c| c.number).collect();
        assert_eq!(numbers, ["900 per cent", "3 million"]);
        let b = article("b", "Prices rose 1 million per cent. Drills run from Feb. 10 to 15.");
        let numbers: Vec<String> = extract_claims(&[&b], &[]).into_iter().map(|c| c.number).collect();
        assert_eq!(numbers, ["1 million per cent"]);
    }
}
