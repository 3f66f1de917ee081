//! Indirect quotes: reported speech without marks, in the two shapes news copy uses most,
//! `Ada Rook warned that the dam would fail` and `The dam will fail, Ada Rook said.` Sentences
//! holding quote marks are left to the direct quotes.

use std::ops::Range;

use wiretrace_text::sentences;

use crate::clause::tokenize;
use crate::cue::{cue_at_start, subject_before, Cue};
use crate::direct::Draft;
use crate::lexicon::{is_reporting_verb, is_time_or_place, norm, takes_object};
use crate::medium;

const MARKS: &[char] = &['"', '“', '”', '«', '»', '‘'];

/// The indirect quotes of `text`; `paras` are its paragraphs.
pub(crate) fn drafts(text: &str, paras: &[Range<usize>]) -> Vec<Draft> {
    let mut out = Vec::new();
    for sentence in sentences(text) {
        if text[sentence.clone()].contains(MARKS) {
            continue;
        }
        let found = that_clause(text, sentence.clone()).or_else(|| trailing_cue(text, sentence.clone()));
        if let Some((clause, cue)) = found {
            let para = paras.partition_point(|p| p.end < clause.start);
            let credit =
                paras.get(para).and_then(|p| medium::closing_credit(text, p.clone())).map(|(name, _)| name);
            out.push(Draft {
                pieces: vec![clause],
                splits: Vec::new(),
                cue: Some(cue),
                last_para: para,
                credit,
            });
        }
    }
    out
}

/// The sentence's end without its final period and any closing credit (`... -BNC`).
fn clause_end(text: &str, sentence: Range<usize>) -> usize {
    let mut end = sentence.end;
    if let Some((_, dash)) = medium::closing_credit(text, sentence.clone()) {
        end = dash;
    }
    sentence.start + text[sentence.start..end].trim_end().trim_end_matches(['.', ';']).trim_end().len()
}

/// `SUBJECT VERB [object or time] that CLAUSE`.
fn that_clause(text: &str, sentence: Range<usize>) -> Option<(Range<usize>, Cue)> {
    let toks = tokenize(text, sentence.clone());
    for (v, t) in toks.iter().enumerate() {
        if !t.is_word() || !is_reporting_verb(t.text(text)) {
            continue;
        }
        let verb = t.text(text);
        let Some(that) = toks[v + 1..]
            .iter()
            .take(7)
            .position(|t| t.is_word() && norm(t.text(text)) == "that")
            .map(|p| v + 1 + p)
        else {
            continue;
        };
        let between = &toks[v + 1..that];
        let plain = between.iter().all(|t| t.is_word() && !is_reporting_verb(t.text(text)));
        let fits = between.is_empty()
            || takes_object(verb)
            || between.first().is_some_and(|t| is_time_or_place(t.text(text)));
        if !plain || !fits {
            continue;
        }
        let Some(subject) = subject_before(text, &toks, v) else {
            continue;
        };
        let end = clause_end(text, sentence.clone());
        let start = toks.get(that + 1)?.start;
        if start >= end || tokenize(text, start..end).iter().filter(|t| t.is_word()).count() < 3 {
            continue;
        }
        let medium = medium::in_clause(text, t.start..toks[that].start)
            .or_else(|| medium::fronted(text, sentence.start..subject.start));
        let cue = Cue { subject, verb: t.start..t.end, medium };
        return Some((start..end, cue));
    }
    None
}

/// `CLAUSE, SUBJECT VERB [a few words].` — the cue closes the sentence.
fn trailing_cue(text: &str, sentence: Range<usize>) -> Option<(Range<usize>, Cue)> {
    let end = clause_end(text, sentence.clone());
    let toks = tokenize(text, sentence.start..end);
    for c in (0..toks.len()).rev() {
        if !toks[c].is(',') {
            continue;
        }
        let Some(cue) = cue_at_start(text, &toks[c + 1..], end, false) else {
            continue;
        };
        let tail = &toks[c + 1..];
        let verb_at = tail.iter().position(|t| t.start == cue.verb.start)?;
        let rest = &tail[verb_at + 1..];
        let short = rest.len() <= 8 && rest.iter().all(|t| t.is_word() && norm(t.text(text)) != "that");
        let clause_words = toks[..c].iter().filter(|t| t.is_word()).count();
        if short && clause_words >= 4 {
            return Some((sentence.start..toks[c].start, cue));
        }
        return None;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiretrace_text::paragraphs;

    fn run(text: &str) -> Vec<(&str, &str, Option<String>)> {
        drafts(text, &paragraphs(text))
            .into_iter()
            .map(|d| {
                let cue = d.cue.unwrap();
                (&text[d.pieces[0].clone()], &text[cue.subject], cue.medium)
            })
            .collect()
    }

    #[test]
    fn that_clauses_with_objects_and_media() {
        let text = "Ada Rook warned the council that the dam would fail within a year.\n\nA pilot, who asked not to be named, told BNC that the runway was closed.";
        assert_eq!(
            run(text),
            [
                ("the dam would fail within a year", "Ada Rook", None),
                ("the runway was closed", "A pilot", Some("BNC".to_string()))
            ]
        );
    }

    #[test]
    fn trailing_cue_closes_the_sentence() {
        let text = "The harbour will reopen on Friday after repairs, a port official said.";
        assert_eq!(run(text), [("The harbour will reopen on Friday after repairs", "a port official", None)]);
    }

    #[test]
    fn not_every_that_is_reported_speech() {
        let text = "Ada Rook said the display demonstrated to everyone that she was ready. The ship that sank, which was old, carried grain.";
        assert!(run(text).is_empty());
    }
}
