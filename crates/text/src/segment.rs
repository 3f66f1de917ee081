use std::ops::Range;

use crate::fold::fold_char;

/// Byte ranges of the paragraphs of `text`: its non-blank lines, trimmed. Ingest stores one
/// paragraph per line group, so a line is the unit here.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), '\n'))) {
        if c == '\n' {
            let line = &text[line_start..i];
            let trimmed_start = line_start + (line.len() - line.trim_start().len());
            let trimmed_end = line_start + line.trim_end().len();
            if trimmed_start < trimmed_end {
                out.push(trimmed_start..trimmed_end);
            }
            line_start = i + 1;
        }
    }
    out
}

/// Words whose trailing period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "adm", "apr", "aug", "capt", "cmdr", "co", "col", "corp", "cpl", "dec", "dept", "dr", "e.g", "etc",
    "feb", "gen", "gov", "i.e", "inc", "jan", "jr", "jul", "jun", "lt", "ltd", "maj", "mar", "mr", "mrs",
    "ms", "mt", "no", "nov", "oct", "pres", "prof", "rep", "rev", "sen", "sep", "sept", "sgt", "sr", "st",
    "supt", "vs",
];

/// Byte ranges of the sentences of `text`, never crossing a line break. A sentence ends at `.`,
/// `!` or `?` (with any closing quotes or brackets) before a space and an upper-case letter,
/// digit or opening quote, unless the period ends an abbreviation or an initial.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for para in paragraphs(text) {
        let p = &text[para.clone()];
        let chars: Vec<(usize, char)> = p.char_indices().collect();
        let mut start = 0usize;
        let mut i = 0;
        while i < chars.len() {
            let (_, c) = chars[i];
            if matches!(c, '.' | '!' | '?') {
                let mut j = i + 1;
                while j < chars.len() && matches!(chars[j].1, '"' | '\'' | '”' | '’' | ')' | ']') {
                    j += 1;
                }
                let space = j < chars.len() && chars[j].1.is_whitespace();
                let mut k = j;
                while k < chars.len() && chars[k].1.is_whitespace() {
                    k += 1;
                }
                let next_opens = k < chars.len() && {
                    let n = chars[k].1;
                    n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '“' | '‘' | '\'' | '(')
                };
                if space && next_opens && !(c == '.' && ends_with_abbreviation(p, chars[i].0)) {
                    let end = if j < chars.len() { chars[j].0 } else { p.len() };
                    out.push(para.start + chars[start].0..para.start + end);
                    start = k;
                    i = k;
                    continue;
                }
            }
            i += 1;
        }
        if start < chars.len() {
            out.push(para.start + chars[start].0..para.end);
        }
    }
    out
}

fn ends_with_abbreviation(p: &str, period_at: usize) -> bool {
    let before = &p[..period_at];
    let word_start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // An initial ("J. Smith") or a dotted acronym ("U.S.", "U.N.").
    let letters: Vec<&str> = word.split('.').collect();
    if letters.iter().all(|l| l.chars().count() == 1 && l.chars().all(char::is_uppercase)) {
        return true;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.binary_search(&lower.as_str()).is_ok()
}

/// A word of the text: where it is (bytes) and its folded form (accents, case and apostrophes
/// gone; dotted acronyms joined, so `U.S.` and `US` both give `us`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub norm: String,
}

/// The words of `text` (see [`Token`]).
pub fn tokens(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut norm = String::new();
        fold_char(c, &mut norm);
        let mut end = start + c.len_utf8();
        let mut run_len = 1; // chars in the current dot-separated piece
        loop {
            match iter.peek().copied() {
                Some((i, n)) if n.is_alphanumeric() => {
                    fold_char(n, &mut norm);
                    end = i + n.len_utf8();
                    run_len += 1;
                    iter.next();
                }
                // An apostrophe inside a word (Venezuela's, don't) joins, and is dropped.
                Some((i, '\'' | '’')) if next_is_alnum(text, i + if bytes[i] == b'\'' { 1 } else { 3 }) => {
                    iter.next();
                }
                // U.S. / U.N.: a single letter, a dot, another single letter.
                Some((i, '.')) if run_len == 1 && c.is_alphabetic() && dotted_letter_follows(text, i + 1) => {
                    iter.next();
                    run_len = 0;
                    let _ = i;
                }
                _ => break,
            }
        }
        // Keep the acronym's final dot out of the token span only if it was not consumed.
        out.push(Token { start, end, norm });
    }
    out
}

fn next_is_alnum(text: &str, at: usize) -> bool {
    text.get(at..).and_then(|s| s.chars().next()).is_some_and(char::is_alphanumeric)
}

fn dotted_letter_follows(text: &str, at: usize) -> bool {
    let mut rest = text.get(at..).unwrap_or("").chars();
    matches!((rest.next(), rest.next()), (Some(l), after) if l.is_alphabetic() && !after.is_some_and(char::is_alphanumeric))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_texts(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn sentences_respect_abbreviations_and_quotes() {
        let text = "Mr. Okafor met Gen. Tamsin Vale in the U.S. capital. \"We agreed,\" he said. \"Will it hold?\" she asked.\nNew line here";
        assert_eq!(
            sentence_texts(text),
            [
                "Mr. Okafor met Gen. Tamsin Vale in the U.S. capital.",
                "\"We agreed,\" he said.",
                "\"Will it hold?\" she asked.",
                "New line here"
            ]
        );
    }

    #[test]
    fn tokens_fold_and_join_acronyms() {
        let toks = tokens("Valdoria’s U.S.-backed plan, 4,000 troops. A. Reyes");
        let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(norms, ["valdorias", "us", "backed", "plan", "4", "000", "troops", "a", "reyes"]);
        let text = "Valdoria’s U.S.-backed";
        let first = &tokens(text)[0];
        assert_eq!(&text[first.start..first.end], "Valdoria’s");
    }

    #[test]
    fn paragraphs_skip_blank_lines_and_trim() {
        let text = "  One.\n\n\tTwo two.  \n";
        let paras: Vec<&str> = paragraphs(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(paras, ["One.", "Two two."]);
    }
}
