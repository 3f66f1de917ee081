//! A deliberately small language guess: English or unknown. English prose is dense in function
//! words; other languages (and lists of names) are not.

use wiretrace_text::{is_stopword, tokens};

/// Too few words to judge.
const MIN_WORDS: usize = 5;
/// English news prose runs at 35-50% function words by the shared stopword list; Spanish or
/// German text under 10%.
const MIN_STOPWORD_SHARE: f64 = 0.2;

/// `Some("en")` when `text` reads as English.
pub fn detect(text: &str) -> Option<String> {
    let words: Vec<String> =
        tokens(text).into_iter().map(|t| t.norm).filter(|w| w.chars().any(char::is_alphabetic)).collect();
    if words.len() < MIN_WORDS {
        return None;
    }
    let function_words = words.iter().filter(|w| is_stopword(w)).count();
    (function_words as f64 / words.len() as f64 >= MIN_STOPWORD_SHARE).then(|| "en".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_prose_is_en() {
        assert_eq!(
            detect("The dam held overnight, and officials said that the river was falling."),
            Some("en".into())
        );
    }

    #[test]
    fn other_languages_and_short_texts_are_unknown() {
        assert_eq!(
            detect("La presa resistió durante la noche, según dijeron los funcionarios del puerto."),
            None
        );
        assert_eq!(detect("Dam holds"), None);
    }
}
