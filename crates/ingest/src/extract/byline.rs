//! Bylines: "By Jane Doe", "By Jane Doe and John Roe", "By Jane Doe, Harbour Ledger", and a
//! bare name on its own line ("Jane Doe") in a page's header, which the caller only accepts
//! next to a date line (a name line alone is too easily a short headline).

use wiretrace_text::media::{known_outlet, outlet_at};
use wiretrace_text::{fold, is_stopword};

/// A byline is a short line; "By the time the water receded, ..." is prose.
const MAX_BYLINE_CHARS: usize = 120;

/// Lower-case particles inside names (Ana de la Cruz, Jan van Dijk).
const PARTICLES: &[&str] = &[
    "de", "del", "della", "da", "dos", "das", "van", "von", "der", "den", "la", "le", "al", "el", "bin",
    "ibn", "du", "di", "y",
];

/// Words that make a capitalised phrase something other than a name.
const NOT_NAME_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "gmt",
    "utc",
    "am",
    "pm",
    "news",
    "staff",
    "reporter",
    "correspondent",
    "editor",
    "writer",
    "desk",
    "agency",
    "agencies",
    "updated",
    "published",
    "posted",
    "read",
    "min",
    "mins",
    "minutes",
    "world",
    "politics",
    "business",
    "sport",
    "sports",
    "opinion",
    "video",
    "live",
];

/// The names in a "By ..." line, or `None` when the line is not a byline.
pub fn by_line(line: &str) -> Option<Vec<String>> {
    let line = line.trim();
    if line.chars().count() > MAX_BYLINE_CHARS {
        return None;
    }
    let rest = strip_by(line)?;
    let mut names = Vec::new();
    // "Jane Doe and John Roe", "Jane Doe, John Roe & Ana Ruiz", "Jane Doe, Harbour Ledger".
    for (i, part) in split_names(rest).into_iter().enumerate() {
        if let Some(name) = person_name(part, 4) {
            names.push(name);
        } else if i == 0 {
            return None;
        }
        // Later parts that are not names are an outlet or a role ("Senior Reporter"): skip.
    }
    (!names.is_empty()).then_some(names)
}

/// A line that is nothing but a person's name of two or three words.
pub fn bare_name(line: &str) -> Option<String> {
    let line = line.trim();
    if line.chars().count() > 40 {
        return None;
    }
    person_name(line, 3)
}

fn strip_by(line: &str) -> Option<&str> {
    let (head, rest) = line.split_once(char::is_whitespace)?;
    head.eq_ignore_ascii_case("by").then_some(rest.trim())
}

fn split_names(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    for chunk in s.split([',', ';', '&']) {
        let mut rest = chunk;
        while let Some(i) = rest.find(" and ") {
            parts.push(rest[..i].trim());
            rest = &rest[i + 5..];
        }
        parts.push(rest.trim());
    }
    parts.retain(|p| !p.is_empty());
    parts
}

/// `s` as a person's name of 2..=`max_words` words, normalised to single spaces.
fn person_name(s: &str, max_words: usize) -> Option<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let capitalised: Vec<&&str> =
        words.iter().filter(|w| !PARTICLES.contains(&w.to_lowercase().as_str())).collect();
    if capitalised.len() < 2 || words.len() > max_words + 2 || capitalised.len() > max_words {
        return None;
    }
    let is_outlet =
        known_outlet(s).is_some() || outlet_at(s).is_some_and(|(_, len)| len == s.trim_end().len());
    if is_outlet {
        return None;
    }
    for (i, word) in words.iter().enumerate() {
        let lower = word.to_lowercase();
        if PARTICLES.contains(&lower.as_str()) {
            // A particle never starts or ends a name.
            if i == 0 || i + 1 == words.len() {
                return None;
            }
            continue;
        }
        if !name_word(word) {
            return None;
        }
        let folded = fold(word.trim_end_matches('.'));
        if is_stopword(&folded) || NOT_NAME_WORDS.contains(&folded.as_str()) {
            return None;
        }
    }
    Some(words.join(" "))
}

/// "Jane", "O'Neil", "Smith-Jones", "J.", "McAdam", "MARQUES" (bylines are often in capitals).
fn name_word(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() {
        return false;
    }
    let rest: Vec<char> = chars.collect();
    if rest == ['.'] {
        return true;
    }
    !rest.is_empty()
        && rest.iter().all(|&c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.'))
        && rest.iter().any(|c| c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_by_lines() {
        assert_eq!(by_line("By Ana Ruiz"), Some(vec!["Ana Ruiz".to_string()]));
        assert_eq!(
            by_line("By Ana Ruiz and Tomas van der Berg"),
            Some(vec!["Ana Ruiz".to_string(), "Tomas van der Berg".to_string()])
        );
        assert_eq!(by_line("BY ANA RUIZ, Harbour Ledger"), Some(vec!["ANA RUIZ".to_string()]));
        assert_eq!(by_line("By J. Okafor, Senior Correspondent"), Some(vec!["J. Okafor".to_string()]));
    }

    #[test]
    fn prose_starting_with_by_is_not_a_byline() {
        assert_eq!(by_line("By the time the water receded, the bridge was gone."), None);
        assert_eq!(by_line("By Monday Night"), None);
        assert_eq!(by_line("By contrast"), None);
        assert_eq!(by_line("Bystanders Fled"), None);
    }

    #[test]
    fn bare_names() {
        assert_eq!(bare_name("Mirela Costa"), Some("Mirela Costa".to_string()));
        assert_eq!(bare_name("Ana de la Cruz"), Some("Ana de la Cruz".to_string()));
        assert_eq!(bare_name("World News"), None);
        assert_eq!(bare_name("Dam holds"), None);
        assert_eq!(bare_name("The Harbour Ledger"), None);
        assert_eq!(bare_name("Friday 12 March"), None);
        assert_eq!(bare_name("Port Estrel: the dam holds"), None);
    }
}
