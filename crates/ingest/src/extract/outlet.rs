//! The outlet that published a copy, read from the page's own cues: a "first appeared on X"
//! trailer, a copyright line, a "follow other X readers" prompt, or the host of its URL.

use chrono::{DateTime, Utc};
use once_cell::sync::Lazy;
use regex::Regex;

use super::dates::find_date;

/// Hosts whose readable name differs from the host; any other host is shown as it is
/// (without `www.`), which is deterministic and still tells outlets apart.
const KNOWN_HOSTS: &[(&str, &str)] = &[
    ("apnews.com", "Associated Press"),
    ("aljazeera.com", "Al Jazeera"),
    ("bbc.co.uk", "BBC"),
    ("bbc.com", "BBC"),
    ("bloomberg.com", "Bloomberg"),
    ("cbsnews.com", "CBS News"),
    ("cnn.com", "CNN"),
    ("foxnews.com", "Fox News"),
    ("ft.com", "Financial Times"),
    ("globalnews.ca", "Global News"),
    ("independent.co.uk", "The Independent"),
    ("latestly.com", "LatestLY"),
    ("nbcnews.com", "NBC News"),
    ("npr.org", "NPR"),
    ("nytimes.com", "The New York Times"),
    ("politico.com", "Politico"),
    ("reuters.com", "Reuters"),
    ("theguardian.com", "The Guardian"),
    ("washingtonpost.com", "The Washington Post"),
    ("wsj.com", "The Wall Street Journal"),
    ("zerohedge.com", "ZeroHedge"),
];

static APPEARED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)\b(?:first|originally)\s+(?:appeared|published|ran)\s+(?:on|in|at)\s+(?P<rest>.+)")
        .expect("appeared pattern")
});

static COPYRIGHT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)^(?:©|\(c\)|copyright\b)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\b)?\s*,?\s*(?P<name>[^,.|;:]+)",
    )
    .expect("copyright pattern")
});

static READERS: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\b[Ff]ollow other (?P<name>\p{Lu}[\p{L}&'’ -]{0,40}?) readers\b").expect("readers pattern")
});

static URL_LINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:(?:source|url|link|original|via)\s*:\s*)?(?P<url>(?:https?://|www\.)\S+)$")
        .expect("url line pattern")
});

/// An outlet name is a few words; anything longer is a sentence the pattern ran into.
const MAX_OUTLET_WORDS: usize = 6;

/// "(... first appeared on X on DATE ...)": the outlet, and the date when the cue gives one.
pub fn appeared_on(line: &str) -> Option<(String, Option<DateTime<Utc>>)> {
    let rest = APPEARED.captures(line)?.name("rest")?.as_str();
    let (name, date) = match find_date(rest) {
        Some(m) if rest[..m.range.start].trim_end().ends_with(" on") => {
            let before = rest[..m.range.start].trim_end();
            (before[..before.len() - 3].trim(), Some(m.at))
        }
        _ => {
            let first = rest.split_whitespace().next().unwrap_or("").trim_end_matches(['.', ',', ';', ')']);
            if looks_like_host(first) {
                (first, None)
            } else {
                let end = rest.find(['.', ',', ';', ')', '(']).unwrap_or(rest.len());
                let name = rest[..end].trim();
                (name.split(" on ").next().unwrap_or(name).trim(), None)
            }
        }
    };
    outlet_name(name).map(|n| (n, date))
}

/// "© 2021 Harbour Ledger, a division of ..." / "Copyright 2021 Meridian Press. All rights
/// reserved." gives the name.
pub fn copyright(line: &str) -> Option<String> {
    let name = COPYRIGHT.captures(line)?.name("name")?.as_str().trim();
    let name = name
        .trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace())
        .trim_end_matches(" All rights reserved")
        .trim_end_matches(" all rights reserved");
    outlet_name(name)
}

/// "follow other Ledger readers": sites name themselves in their comment prompts.
pub fn readers_cue(line: &str) -> Option<String> {
    outlet_name(READERS.captures(line)?.name("name")?.as_str())
}

/// The URL of a line that is only a URL (optionally labelled `Source:`).
pub fn url_line(line: &str) -> Option<String> {
    let url = URL_LINE.captures(line.trim())?.name("url")?.as_str();
    Some(url.trim_end_matches(['.', ',', ')']).to_string())
}

/// The outlet a URL's host names: a known readable name, else the host without `www.`.
pub fn host_outlet(url: &str) -> Option<String> {
    let host = host(url)?;
    for (known, name) in KNOWN_HOSTS {
        if host == *known || host.ends_with(&format!(".{known}")) {
            return Some((*name).to_string());
        }
    }
    Some(host)
}

/// The readable name a page gives its own host: on `lowlandgazette.example`, the words "The
/// Lowland Gazette" in its text. Matches capitalised runs whose letters spell the host's
/// first label, so nothing is guessed when the page never writes its name.
pub fn name_for_host(host: &str, text: &str) -> Option<String> {
    let label: String = host.split('.').next()?.chars().filter(char::is_ascii_alphanumeric).collect();
    if label.len() < 4 {
        return None;
    }
    let words: Vec<&str> =
        text.split(|c: char| !(c.is_alphanumeric() || c == '\'')).filter(|w| !w.is_empty()).collect();
    for start in 0..words.len() {
        let mut compact = String::new();
        for (n, word) in words[start..words.len().min(start + 5)].iter().enumerate() {
            if !word.chars().next().is_some_and(char::is_uppercase) {
                break;
            }
            compact.extend(word.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase));
            let name = words[start..=start + n].join(" ");
            if compact == label {
                return Some(name);
            }
            if compact == format!("the{label}")
                || (start > 0 && words[start - 1] == "The" && compact == label)
            {
                return Some(name);
            }
            if !label.starts_with(&compact) && !format!("the{label}").starts_with(&compact) {
                break;
            }
        }
    }
    None
}

fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit('@').next()?;
    let host = authority.split(':').next()?.to_lowercase();
    let host = ["www.", "m.", "amp.", "mobile."]
        .iter()
        .find_map(|p| host.strip_prefix(p))
        .unwrap_or(&host)
        .to_string();
    (host.contains('.') && !host.starts_with('.')).then_some(host)
}

fn looks_like_host(s: &str) -> bool {
    s.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-') && s.contains('.')
}

fn outlet_name(name: &str) -> Option<String> {
    let name = name.trim().trim_matches(|c: char| matches!(c, '"' | '“' | '”' | '\'' | '(' | ')'));
    let words = name.split_whitespace().count();
    let starts_well = name.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if (1..=MAX_OUTLET_WORDS).contains(&words) && starts_well {
        return Some(name.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    // "first appeared on coastline.example" names the outlet by its host.
    if words == 1 && looks_like_host(name) {
        return host_outlet(name);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appeared_on_gives_outlet_and_date() {
        let (name, date) = appeared_on(
            "(The above story first appeared on Coastline Daily on Mar 5, 2021 02:14 AM IST. For more news, log on to coastline.example).",
        )
        .unwrap();
        assert_eq!(name, "Coastline Daily");
        assert_eq!(date.unwrap().to_rfc3339(), "2021-03-04T20:44:00+00:00");
        let (name, date) = appeared_on("This article originally appeared in The Harbour Ledger.").unwrap();
        assert_eq!(name, "The Harbour Ledger");
        assert_eq!(date, None);
        assert_eq!(appeared_on("The dam first appeared on maps in 1902."), None);
    }

    #[test]
    fn copyright_lines_name_the_outlet() {
        assert_eq!(
            copyright("© 2021 Harbour Ledger, a division of Estrel Media Inc."),
            Some("Harbour Ledger".into())
        );
        assert_eq!(
            copyright("Copyright 2021 Meridian Press. All rights reserved."),
            Some("Meridian Press".into())
        );
        assert_eq!(copyright("Copyright © Meridian Press 2021"), Some("Meridian Press".into()));
        assert_eq!(copyright("The copyright law changed."), None);
    }

    #[test]
    fn readers_prompt_names_the_site() {
        assert_eq!(
            readers_cue(
                "Join thought-provoking conversations, follow other Ledger readers and see their replies"
            ),
            Some("Ledger".into())
        );
    }

    #[test]
    fn host_names_come_from_the_page_text() {
        let text = "Add your voice and follow other Coastline Herald readers. © The Lowland Gazette";
        assert_eq!(name_for_host("coastlineherald.example", text), Some("Coastline Herald".into()));
        assert_eq!(name_for_host("lowlandgazette.example", text), Some("The Lowland Gazette".into()));
        assert_eq!(name_for_host("harbourledger.example", text), None);
    }

    #[test]
    fn url_lines_and_hosts() {
        assert_eq!(
            url_line("https://www.harbourledger.example/news/2021-03-04/dam-holds"),
            Some("https://www.harbourledger.example/news/2021-03-04/dam-holds".into())
        );
        assert_eq!(
            url_line("Source: https://meridian.example/a/1"),
            Some("https://meridian.example/a/1".into())
        );
        assert_eq!(url_line("See https://meridian.example/a/1 for more"), None);
        assert_eq!(
            host_outlet("https://www.harbourledger.example/news/1"),
            Some("harbourledger.example".into())
        );
        assert_eq!(host_outlet("https://edition.cnn.com/2021/03/04/x"), Some("CNN".into()));
        assert_eq!(host_outlet("not a url"), None);
    }
}
