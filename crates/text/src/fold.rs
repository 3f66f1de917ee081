use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Folds one char for matching: lowercase, accents stripped, typographic quotes, dashes and
/// spaces mapped to their ASCII forms. Pushes zero or more chars (`ß` gives `ss`).
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => out.push('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' | '\u{2033}' => {
            out.push('"')
        }
        '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => out.push(' '),
        '\u{00DF}' => out.push_str("ss"),
        '\u{00E6}' | '\u{00C6}' => out.push_str("ae"),
        '\u{0153}' | '\u{0152}' => out.push_str("oe"),
        '\u{00F8}' | '\u{00D8}' => out.push('o'),
        '\u{0142}' | '\u{0141}' => out.push('l'),
        _ => decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                for l in d.to_lowercase() {
                    out.push(l);
                }
            }
        }),
    }
}

/// Folds a string for matching (see [`fold_char`]). `Guaidó` and `GUAIDO` fold alike.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    // Runs of ASCII (nearly all of English text) are lowercased in bulk, not char by char.
    while !rest.is_empty() {
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            fold_char(c, &mut out);
            rest = chars.as_str();
        }
    }
    out
}

/// English function words, sorted: too common to carry evidence of copying or topic.
pub const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "against",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "day",
    "did",
    "do",
    "does",
    "during",
    "each",
    "for",
    "friday",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "last",
    "me",
    "monday",
    "more",
    "most",
    "my",
    "new",
    "no",
    "nor",
    "not",
    "of",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "own",
    "s",
    "said",
    "same",
    "saturday",
    "says",
    "she",
    "should",
    "so",
    "some",
    "such",
    "sunday",
    "t",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "three",
    "through",
    "thursday",
    "to",
    "told",
    "too",
    "tuesday",
    "two",
    "under",
    "until",
    "up",
    "us",
    "very",
    "was",
    "we",
    "wednesday",
    "week",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "year",
    "years",
    "you",
    "your",
];

/// Whether a folded word is a function word (see [`STOPWORDS`]).
pub fn is_stopword(folded: &str) -> bool {
    STOPWORDS.binary_search(&folded).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopword_list_is_sorted_for_binary_search() {
        let mut sorted = STOPWORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOPWORDS);
        assert!(is_stopword("the"));
        assert!(!is_stopword("dam"));
    }

    #[test]
    fn fold_strips_accents_and_typography() {
        assert_eq!(fold("Marqués—ÉLAN ‘x’"), "marques-elan 'x'");
        assert_eq!(fold("Straße"), "strasse");
    }

    #[test]
    fn fold_of_a_string_is_the_fold_of_each_char() {
        for text in [
            "",
            "Plain ASCII, Mixed CASE.",
            "ÉLAN",
            "a\u{212A}b’C—d\u{00A0}Æ",
            "Señora Quillan’s “harbour” 😀 PIER",
        ] {
            let mut expected = String::new();
            for c in text.chars() {
                fold_char(c, &mut expected);
            }
            assert_eq!(fold(text), expected, "{text}");
        }
    }
}
