//! Recognising the names of news organisations, for attribution cues ("told CNN", "according
//! to Reuters") and quote media. Known names come from a short list with aliases; unknown
//! names are accepted when they look like an outlet (an acronym such as `BNC`, or capitalised
//! words ending in News, Press, Times, ...).

use crate::fold;

/// (canonical name, folded aliases). The canonical name is what reports show.
const KNOWN: &[(&str, &[&str])] = &[
    ("Reuters", &["reuters", "thomson reuters"]),
    ("Associated Press", &["associated press", "ap", "the associated press"]),
    ("Agence France-Presse", &["agence france-presse", "agence france presse", "afp"]),
    ("Bloomberg", &["bloomberg", "bloomberg news"]),
    ("CNN", &["cnn"]),
    ("BBC", &["bbc", "bbc news"]),
    ("NBC News", &["nbc", "nbc news"]),
    ("CBS News", &["cbs", "cbs news"]),
    ("ABC News", &["abc", "abc news"]),
    ("Fox News", &["fox news", "fox"]),
    ("MSNBC", &["msnbc"]),
    ("NPR", &["npr"]),
    ("Al Jazeera", &["al jazeera"]),
    ("The New York Times", &["new york times", "the new york times", "nyt"]),
    ("The Washington Post", &["washington post", "the washington post"]),
    ("The Wall Street Journal", &["wall street journal", "the wall street journal", "wsj"]),
    ("The Guardian", &["guardian", "the guardian"]),
    ("Financial Times", &["financial times", "the financial times", "ft"]),
    ("Politico", &["politico"]),
    ("Axios", &["axios"]),
    ("La Nacion", &["la nacion"]),
    ("Xinhua", &["xinhua"]),
    ("TASS", &["tass"]),
    ("Dow Jones", &["dow jones"]),
    ("Sky News", &["sky news"]),
    ("Deutsche Welle", &["deutsche welle", "dw"]),
    ("EFE", &["efe"]),
    ("ANSA", &["ansa"]),
    ("Kyodo", &["kyodo", "kyodo news"]),
    ("Yonhap", &["yonhap"]),
    ("Press Trust of India", &["press trust of india", "pti"]),
    ("United Press International", &["united press international", "upi"]),
];

/// Last words that mark a capitalised phrase as an outlet's name.
const OUTLET_HEADS: &[&str] = &[
    "agency",
    "broadcasting",
    "channel",
    "chronicle",
    "daily",
    "dispatch",
    "gazette",
    "herald",
    "journal",
    "ledger",
    "magazine",
    "media",
    "network",
    "news",
    "newswire",
    "observer",
    "post",
    "press",
    "radio",
    "review",
    "service",
    "star",
    "telegraph",
    "television",
    "times",
    "today",
    "tribune",
    "tv",
    "wire",
];

/// Lower-case words that describe an outlet before its name ("Argentine newspaper La Nacion").
const DESCRIPTORS: &[&str] = &[
    "agency",
    "broadcaster",
    "channel",
    "daily",
    "magazine",
    "network",
    "news",
    "newspaper",
    "outlet",
    "paper",
    "radio",
    "station",
    "television",
    "the",
    "tv",
    "weekly",
    "wire",
];

/// Acronyms in capitals that are not outlets ("told US officials").
const NOT_OUTLETS: &[&str] = &[
    "UN", "US", "USA", "UK", "EU", "NATO", "IMF", "FBI", "CIA", "AM", "PM", "GMT", "IST", "EST", "UTC",
    "CEO", "MP", "TV",
];

/// The canonical name of a known outlet, if `phrase` is one of its spellings.
pub fn known_outlet(phrase: &str) -> Option<&'static str> {
    let folded = fold(phrase.trim().trim_end_matches(['.', ',', ':', ';']));
    KNOWN.iter().find(|(_, aliases)| aliases.contains(&folded.as_str())).map(|(name, _)| *name)
}

/// The folded aliases of every known outlet whose canonical name folds to `folded` (none for
/// an unknown name): the spellings a text may use for that outlet.
pub fn known_aliases(folded: &str) -> impl Iterator<Item = &'static str> + '_ {
    // A known outlet's canonical name folds to one of its aliases (a test checks the list), so
    // only those holding `folded` need the fold.
    KNOWN
        .iter()
        .filter(move |(name, aliases)| aliases.contains(&folded) && fold(name) == folded)
        .flat_map(|(_, aliases)| aliases.iter().copied())
}

/// Reads an outlet name from the start of `text` (the words after "told", "according to",
/// "-"). Returns the canonical name and the byte length of `text` it covers, descriptors
/// included. `None` when the words there do not name an outlet ("told reporters").
pub fn outlet_at(text: &str) -> Option<(String, usize)> {
    // Skip lower-case descriptors and adjectives of nationality: "the Argentine newspaper".
    let mut offset = 0;
    let words = word_spans(text);
    let mut first = 0;
    while first < words.len() {
        let (s, e) = words[first];
        let w = &text[s..e];
        let lower = w.to_lowercase();
        let is_descriptor =
            DESCRIPTORS.contains(&lower.as_str()) && w.chars().next().is_some_and(char::is_lowercase);
        // "Argentine newspaper": an adjective of place before a descriptor.
        let is_nationality = w.chars().next().is_some_and(char::is_uppercase)
            && words.get(first + 1).is_some_and(|&(s2, e2)| {
                DESCRIPTORS.contains(&text[s2..e2].to_lowercase().as_str())
                    && text[s2..e2].chars().next().is_some_and(char::is_lowercase)
            });
        if is_descriptor || is_nationality || (lower == "the" && first == 0) {
            first += 1;
            offset = e;
        } else {
            break;
        }
    }
    let _ = offset;
    // The capitalised run that follows (allowing "of", "de", "la" inside).
    let mut last = None;
    let mut i = first;
    while i < words.len() {
        let (s, e) = words[i];
        let w = &text[s..e];
        // Words must be adjacent (separated by spaces only).
        if i > first {
            let gap = &text[words[i - 1].1..s];
            if !gap.chars().all(|c| c == ' ') || gap.is_empty() {
                break;
            }
        }
        let cap = w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let joiner = matches!(w, "of" | "de" | "la" | "del" | "and" | "&");
        if cap {
            last = Some(i);
        } else if !(joiner && i > first) {
            break;
        }
        i += 1;
    }
    let last = last?;
    let (start, end) = (words[first].0, words[last].1);
    let phrase = &text[start..end];
    // The longest known prefix wins ("Reuters on Tuesday" -> Reuters).
    for j in (first..=last).rev() {
        let candidate = &text[start..words[j].1];
        if let Some(name) = known_outlet(candidate) {
            return Some((name.to_string(), words[j].1));
        }
    }
    // BNC, TV5, but not a year or a number ("told 2023").
    let is_acronym = |w: &str| {
        (2..=6).contains(&w.len())
            && w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && w.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && !NOT_OUTLETS.contains(&w)
    };
    if first == last && is_acronym(phrase) {
        return Some((phrase.to_string(), end));
    }
    for j in (first..=last).rev() {
        let head = text[words[j].0..words[j].1].to_lowercase();
        if OUTLET_HEADS.contains(&head.as_str()) && j > first
            || (OUTLET_HEADS.contains(&head.as_str()) && is_acronym(&text[words[first].0..words[first].1]))
        {
            return Some((text[start..words[j].1].to_string(), words[j].1));
        }
    }
    // "the Harbour Ledger" style names were handled above; an acronym followed by more words
    // ("BNC on Tuesday") still names the acronym.
    let first_word = &text[words[first].0..words[first].1];
    if is_acronym(first_word) {
        return Some((first_word.to_string(), words[first].1));
    }
    None
}

fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric() || c == '&' || c == '-' && start.is_some();
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
                if matches!(c, '.' | ',' | ';' | ':' | '"' | '“' | '”' | '(' | ')' | '\n') {
                    break;
                }
            }
            (false, None) if matches!(c, '.' | ',' | ';' | ':' | '"' | '“' | '”' | '(' | ')' | '\n') => {
                break
            }
            _ => {}
        }
        if out.len() >= 8 {
            break;
        }
    }
    if let Some(s) = start {
        if out.len() < 8 {
            out.push((s, text.len()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str) -> Option<String> {
        outlet_at(text).map(|(n, _)| n)
    }

    #[test]
    fn reads_known_and_unknown_outlets() {
        assert_eq!(name("CNN they are in contact"), Some("CNN".into()));
        assert_eq!(name("Reuters in an interview"), Some("Reuters".into()));
        assert_eq!(name("the Associated Press."), Some("Associated Press".into()));
        assert_eq!(name("Argentine newspaper La Nacion on Tuesday."), Some("La Nacion".into()));
        assert_eq!(name("BNC: \"We will"), Some("BNC".into()));
        assert_eq!(name("the Harbour Ledger on Monday"), Some("Harbour Ledger".into()));
        assert_eq!(name("Meridian Press in an interview"), Some("Meridian Press".into()));
    }

    #[test]
    fn canonical_names_fold_to_one_of_their_aliases() {
        for (name, aliases) in KNOWN {
            assert!(aliases.contains(&fold(name).as_str()), "{name}");
        }
    }

    #[test]
    fn known_aliases_list_every_spelling_of_a_folded_name() {
        let ap: Vec<&str> = known_aliases("associated press").collect();
        assert_eq!(ap, ["associated press", "ap", "the associated press"]);
        assert_eq!(known_aliases("harbour ledger").count(), 0);
    }

    #[test]
    fn rejects_people_and_generic_words() {
        assert_eq!(name("reporters on Monday"), None);
        assert_eq!(name("US officials"), None);
        assert_eq!(name("Elena Marques that"), None);
        assert_eq!(name("the committee"), None);
        assert_eq!(name("2023 that the mine"), None);
    }
}
