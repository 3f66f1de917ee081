//! Words and punctuation of a stretch of text, and the sentence bounds around a quote. The
//! text crate's sentences split inside quotes (`"We agreed," he said. "Will it hold?"`), so
//! attribution finds its own bounds outside the marks.

use std::ops::Range;

use crate::lexicon::norm;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Punct(char),
}

/// A word or a punctuation char; byte offsets into the whole article text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

impl Tok {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    pub fn is(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// Abbreviations whose dot belongs to the word ("Mr.", "Gen.").
const DOTTED: &[&str] = &[
    "adm", "capt", "cmdr", "col", "cpl", "dr", "gen", "gov", "jr", "lt", "maj", "mr", "mrs", "ms", "prof",
    "rep", "rev", "sen", "sgt", "sr", "st", "supt", "pres", "u.s", "u.k", "u.n", "jan", "feb", "aug", "sept",
    "oct", "nov", "dec",
];

/// The words and punctuation of `text[range]`.
pub(crate) fn tokenize(text: &str, range: Range<usize>) -> Vec<Tok> {
    let mut out = Vec::new();
    let s = &text[range.clone()];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (b, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Tok {
                start: range.start + b,
                end: range.start + b + c.len_utf8(),
                kind: Kind::Punct(c),
            });
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            let joins = matches!(c, '\'' | '’' | '-' | '.' | '‑')
                && chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
            if c.is_alphanumeric() || joins {
                j += 1;
            } else {
                break;
            }
        }
        let end_b = chars.get(j).map_or(s.len(), |&(b, _)| b);
        let mut end = end_b;
        if chars.get(j).is_some_and(|&(_, c)| c == '.') {
            let word = &s[b..end_b];
            let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            if initial || DOTTED.contains(&norm(word).as_str()) {
                end += 1;
                j += 1;
            }
        }
        out.push(Tok { start: range.start + b, end: range.start + end, kind: Kind::Word });
        i = j;
    }
    out
}

/// Whether the `.`, `!` or `?` at byte `at` ends a sentence: followed by space (or closing
/// marks then space) and not closing an abbreviation or initial.
fn ends_sentence(text: &str, at: usize) -> bool {
    let c = text[at..].chars().next().unwrap_or(' ');
    if !matches!(c, '.' | '!' | '?' | ';') {
        return false;
    }
    let after = &text[at + c.len_utf8()..];
    let next = after.chars().next();
    if next.is_some_and(|n| !n.is_whitespace()) {
        return false;
    }
    if c == '.' {
        let before = &text[..at];
        let word_start = before
            .rfind(|ch: char| !(ch.is_alphanumeric() || ch == '.'))
            .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
        let word = &before[word_start..];
        let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        if initial || DOTTED.contains(&norm(word).as_str()) {
            return false;
        }
    }
    true
}

/// Where the sentence holding byte `to` starts, no earlier than `floor`.
pub(crate) fn sentence_start(text: &str, floor: usize, to: usize) -> usize {
    let mut start = floor;
    for (i, _) in text[floor..to].char_indices() {
        if ends_sentence(text, floor + i) {
            start = floor + i + 1;
        }
    }
    start + (text[start..to].len() - text[start..to].trim_start().len())
}

/// Where the sentence running from `from` ends (after its final punctuation), no later than
/// `limit`.
pub(crate) fn sentence_end(text: &str, from: usize, limit: usize) -> usize {
    for (i, c) in text[from..limit].char_indices() {
        if ends_sentence(text, from + i) {
            return from + i + c.len_utf8();
        }
    }
    limit
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text, 0..text.len()).into_iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn abbreviations_keep_their_dot_and_punctuation_stands_alone() {
        assert_eq!(
            words("Gen. Tamsin Vale’s view, he said: “no”"),
            ["Gen.", "Tamsin", "Vale’s", "view", ",", "he", "said", ":", "“", "no", "”"]
        );
        assert_eq!(words("U.S. ends."), ["U.S.", "ends", "."]);
    }

    #[test]
    fn sentence_bounds_skip_titles() {
        let text = "It rained. Mr. Okafor said so. Then it stopped.";
        let said = text.find("said").unwrap();
        assert_eq!(sentence_start(text, 0, said), 11);
        assert_eq!(&text[11..sentence_end(text, said, text.len())], "Mr. Okafor said so.");
    }
}
