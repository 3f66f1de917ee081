//! Which leading line of a scraped page is its headline, and which short lines above it are
//! section labels ("World", "Latin America") rather than text.

/// Headlines are short; a longer line is the first paragraph of a page that has none.
const MAX_HEADLINE_CHARS: usize = 180;
const MAX_HEADLINE_WORDS: usize = 30;
/// Fewer words than this is a label or kicker, not a headline.
const MIN_HEADLINE_WORDS: usize = 3;

/// `line` as a headline: a short line that starts like a sentence and does not end like one
/// (headlines carry no full stop; a question or exclamation mark is fine). A Markdown heading
/// marker is dropped from the returned title.
pub fn headline(line: &str) -> Option<String> {
    let line = line.trim_start_matches('#').trim();
    let words = line.split_whitespace().count();
    if !(MIN_HEADLINE_WORDS..=MAX_HEADLINE_WORDS).contains(&words)
        || line.chars().count() > MAX_HEADLINE_CHARS
        || line.contains("://")
    {
        return None;
    }
    let first = line.chars().next()?;
    let starts_well =
        first.is_uppercase() || first.is_ascii_digit() || matches!(first, '"' | '“' | '‘' | '\'');
    let last = line.chars().last()?;
    let ends_well = !matches!(last, '.' | ':' | ';' | ',' | '-' | '—' | '–') || line.ends_with("...");
    (starts_well && ends_well).then(|| line.to_string())
}

/// A kicker or section label above a headline: one or two words, no sentence punctuation, no
/// digits ("America", "World News", "EXCLUSIVE").
pub fn section_label(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (1..MIN_HEADLINE_WORDS).contains(&words)
        && line.chars().count() <= 30
        && line.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '&' | '-' | '\'' | '’' | '/'))
        && line.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines_are_short_unpunctuated_lines() {
        assert_eq!(
            headline("Estrel dam holds after a night of record rain"),
            Some("Estrel dam holds after a night of record rain".into())
        );
        assert_eq!(
            headline("Will the Estrel dam hold? Engineers say 'yes'"),
            Some("Will the Estrel dam hold? Engineers say 'yes'".into())
        );
        assert_eq!(headline("# Dam holds after rain"), Some("Dam holds after rain".into()));
        assert_eq!(headline("The dam held overnight, officials said."), None);
        assert_eq!(headline("The official added:"), None);
        assert_eq!(headline("World"), None);
        assert_eq!(headline(&"word ".repeat(40)), None);
        assert_eq!(headline("https://harbourledger.example/a/b c"), None);
    }

    #[test]
    fn section_labels() {
        assert!(section_label("America"));
        assert!(section_label("World News"));
        assert!(!section_label("Estrel dam holds firm"));
        assert!(!section_label("5 years"));
        assert!(!section_label("Ends."));
    }
}
