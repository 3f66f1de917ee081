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
    let s = &text[range.clone()];
    // Runs for every stretch around every quote: read chars in place, no copy of the text.
    let char_at = |b: usize| s[b..].chars().next();
    let mut out = Vec::with_capacity(s.len() / 5 + 1);
    let mut b = 0;
    while let Some(c) = char_at(b) {
        if c.is_whitespace() {
            b += c.len_utf8();
            continue;
        }
        if !c.is_alphanumeric() {
            let at = range.start + b;
            out.push(Tok { start: at, end: at + c.len_utf8(), kind: Kind::Punct(c) });
            b += c.len_utf8();
            continue;
        }
        let mut e = b + c.len_utf8();
        while let Some(c) = char_at(e) {
            // An apostrophe, hyphen or dot between two letters joins them ("U.S.", "don't").
            let joins = matches!(c, '\'' | '’' | '-' | '.' | '‑')
                && char_at(e + c.len_utf8()).is_some_and(char::is_alphanumeric);
            if !(c.is_alphanumeric() || joins) {
                break;
            }
            e += c.len_utf8();
        }
        let mut end = e;
        if char_at(e) == Some('.') {
            let word = &s[b..e];
            let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            if initial || DOTTED.contains(&norm(word).as_str()) {
                end += 1;
            }
        }
        out.push(Tok { start: range.start + b, end: range.start + end, kind: Kind::Word });
        b = end;
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
