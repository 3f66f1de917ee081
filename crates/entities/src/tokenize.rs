//! Article text into sentences of tokens the way CoNLL tokenized Reuters: punctuation apart,
//! a possessive `'s` as its own token, hyphenated words, dotted acronyms (`U.S.`), numbers
//! (`1,200.50`) and abbreviations (`Gen.`) whole. Each token keeps its byte range.

use std::ops::Range;

use wiretrace_text::sentences;

use crate::conll::Sentence;

/// One sentence: CoNLL-style words and where each sits in the text (bytes).
pub(crate) struct TokenizedSentence {
    pub(crate) sentence: Sentence,
    pub(crate) ranges: Vec<Range<usize>>,
}

/// Abbreviations that keep their dot (lower case, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "adm", "capt", "cmdr", "co", "col", "corp", "cpl", "dr", "gen", "gov", "inc", "jr", "lt", "ltd", "maj",
    "mr", "mrs", "ms", "mt", "no", "pres", "prof", "rep", "rev", "sen", "sgt", "sr", "st", "supt", "jan",
    "feb", "aug", "sept", "sep", "oct", "nov", "dec", "vs", "bros",
];

pub(crate) fn tokenize(text: &str) -> Vec<TokenizedSentence> {
    let mut out = Vec::new();
    for range in sentences(text) {
        let mut words = Vec::new();
        let mut ranges = Vec::new();
        for r in tokens_in(text, range) {
            words.push(plain(&text[r.clone()]));
            ranges.push(r);
        }
        if !words.is_empty() {
            out.push(TokenizedSentence { sentence: Sentence { words, entities: Vec::new() }, ranges });
        }
    }
    out
}

/// Typographic quotes and apostrophes as CoNLL writes them.
fn plain(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            '’' | '‘' => '\'',
            '“' | '”' | '«' | '»' => '"',
            '–' | '—' => '-',
            c => c,
        })
        .collect()
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn tokens_in(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let s = &text[range.clone()];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let byte = |k: usize| chars.get(k).map_or(s.len(), |&(b, _)| b);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(range.start + byte(i)..range.start + byte(i + 1));
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + 1;
        while let Some(c) = at(j) {
            if c.is_alphanumeric() {
                j += 1;
                continue;
            }
            let prev = at(j - 1).unwrap_or(' ');
            let next = at(j + 1);
            let joins = match c {
                '-' | '&' => next.is_some_and(char::is_alphanumeric),
                ',' | ':' | '/' => prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()),
                '.' => {
                    next.is_some_and(|n| n.is_ascii_digit()) && prev.is_ascii_digit()
                        || next.is_some_and(char::is_alphabetic)
                            && at(j + 2) == Some('.')
                            && single_letter_before(&chars, j)
                }
                c if is_apostrophe(c) => {
                    // Inner apostrophes join (`O'Neill`), but not a possessive `'s`.
                    let possessive =
                        matches!(next, Some('s' | 'S')) && !at(j + 2).is_some_and(char::is_alphanumeric);
                    !possessive && next.is_some_and(char::is_alphanumeric)
                }
                _ => false,
            };
            if !joins {
                break;
            }
            j += 1;
        }
        // The dot of an acronym, an initial or an abbreviation stays with its word.
        if at(j) == Some('.') {
            let word = &s[byte(start)..byte(j)];
            let lower = word.to_lowercase();
            let dotted =
                word.contains('.') || (word.chars().count() == 1 && word.chars().all(char::is_uppercase));
            if dotted || ABBREVIATIONS.contains(&lower.as_str()) {
                j += 1;
                // `U.S.-backed` is one word.
                if at(j) == Some('-') && at(j + 1).is_some_and(char::is_alphanumeric) {
                    j += 1;
                    while at(j).is_some_and(|c| c.is_alphanumeric() || c == '-') {
                        j += 1;
                    }
                }
            }
        }
        out.push(range.start + byte(start)..range.start + byte(j));
        // A possessive: `'s` (or a bare `'` after a plural) becomes its own token.
        if at(j).is_some_and(is_apostrophe) {
            let next = at(j + 1);
            if matches!(next, Some('s' | 'S')) && !at(j + 2).is_some_and(char::is_alphanumeric) {
                out.push(range.start + byte(j)..range.start + byte(j + 2));
                j += 2;
            }
        }
        i = j;
    }
    out
}

fn single_letter_before(chars: &[(usize, char)], dot: usize) -> bool {
    dot >= 1 && chars[dot - 1].1.is_alphabetic() && (dot < 2 || !chars[dot - 2].1.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text).into_iter().flat_map(|t| t.sentence.words).collect()
    }

    #[test]
    fn splits_like_conll() {
        assert_eq!(
            words("Gen. Ana Vesk’s U.S.-backed plan cost $1,200.50 (about 3.5%), O'Neill said."),
            [
                "Gen.",
                "Ana",
                "Vesk",
                "'s",
                "U.S.-backed",
                "plan",
                "cost",
                "$",
                "1,200.50",
                "(",
                "about",
                "3.5",
                "%",
                ")",
                ",",
                "O'Neill",
                "said",
                "."
            ]
        );
        assert_eq!(words("The U.S. and J. Brenn met."), ["The", "U.S.", "and", "J.", "Brenn", "met", "."]);
    }

    #[test]
    fn ranges_point_at_the_words() {
        let text = "«Señal» — José Ñúñez en Bogotá.\nSecond line’s end";
        for t in tokenize(text) {
            for (w, r) in t.sentence.words.iter().zip(&t.ranges) {
                assert_eq!(*w, plain(&text[r.clone()]));
            }
        }
    }
}
