//! The subject of a sentence's main clause, read from its start: the last resort for a
//! partial quote that no reporting or characterising verb introduces. In news copy such a
//! quote is almost always the words of the one the sentence is about (`Trump tells his
//! supporters to "go vote"`, `The senator has long mocked the "so-called reforms"`).

use std::ops::Range;

use crate::clause::{tokenize, Kind, Tok};
use crate::cue::Cue;
use crate::lexicon::{
    breaks_phrase, is_capitalised, is_characterising_verb, is_determiner, is_inner_preposition, is_not_name,
    is_pronoun, is_reporting_verb, is_title, may_sit_before_verb, norm,
};
use crate::medium;

/// Words that open a fronted phrase ending at the first comma ("In recent weeks, ...").
const FRONTED: &[&str] = &[
    "after",
    "amid",
    "as",
    "at",
    "before",
    "by",
    "despite",
    "during",
    "following",
    "for",
    "from",
    "in",
    "last",
    "on",
    "since",
    "this",
    "under",
    "when",
    "while",
    "with",
    "without",
    "earlier",
    "later",
    "speaking",
    "asked",
    "according",
    "to",
    "of",
    "if",
    "although",
    "though",
    "because",
    "once",
];

/// Fronted words that open a clause with a subject of its own.
const SUBORDINATING: &[&str] =
    &["although", "as", "because", "if", "once", "since", "though", "when", "while"];

/// Words that may open a sentence before its subject without a comma.
const LINKS: &[&str] = &[
    "and",
    "but",
    "yet",
    "so",
    "even",
    "still",
    "also",
    "then",
    "however",
    "conversely",
    "meanwhile",
    "instead",
];

/// Pronoun contractions that carry the subject: "He's claiming".
fn pronoun_part(text: &str, tok: &Tok) -> Option<Range<usize>> {
    let w = tok.text(text);
    let base = w.split(['\'', '’']).next().unwrap_or(w);
    (base.len() < w.len() && is_pronoun(base)).then(|| tok.start..tok.start + base.len())
}

/// A lower-case word that can follow a subject as its verb (or an adverb before it).
fn verb_like(w: &str) -> bool {
    let n = norm(w);
    if is_capitalised(w) {
        return false;
    }
    if may_sit_before_verb(w)
        || is_reporting_verb(w)
        || is_characterising_verb(w)
        || matches!(n.as_str(), "is" | "was" | "has" | "had" | "have" | "are" | "were" | "will" | "would")
    {
        return true;
    }
    !breaks_phrase(w)
        && !is_inner_preposition(&n)
        && !matches!(n.as_str(), "to" | "by" | "about" | "against" | "like")
        && (n.ends_with("ed") || (n.ends_with('s') && !n.ends_with("ss") && n.len() > 3))
}

/// The subject of the sentence running from `range.start` to a quote's opening mark at
/// `range.end`, with the word after it as the cue's verb. `quoted` are the words between
/// marks, which hold no subject.
pub(crate) fn sentence_subject(text: &str, range: Range<usize>, quoted: &[Range<usize>]) -> Option<Cue> {
    let mut toks: Vec<Tok> = tokenize(text, range.clone());
    let in_quote = |t: &Tok| quoted.iter().any(|q| q.start <= t.start && t.end <= q.end);
    let mut i = 0;
    while let Some(t) = toks.get(i) {
        let n = norm(t.text(text));
        if (t.is_word() && LINKS.contains(&n.as_str())) || t.is(',') || t.is('—') {
            i += 1;
        } else if t.is_word() && FRONTED.contains(&n.as_str()) {
            // A fronted phrase may end inside a title's marks: `On "Face the Nation," Rook said`.
            match toks[i..].iter().take(32).position(|t| t.is(',')) {
                Some(comma) => {
                    i += comma + 1;
                    while toks.get(i).is_some_and(|t| t.is('”') || t.is('"')) {
                        i += 1;
                    }
                }
                // No comma before the quote: the quote sits in the fronted clause itself
                // (`Though she called it "a mess", ...`), whose own subject speaks.
                None if SUBORDINATING.contains(&n.as_str()) => i += 1,
                None => return None,
            }
        } else {
            break;
        }
    }
    // The subject itself holds no quoted words.
    if let Some(q) = toks[i.min(toks.len())..].iter().position(in_quote) {
        toks.truncate(i + q);
    }
    let first = toks.get(i).filter(|t| t.is_word())?;
    let w = first.text(text);
    if let Some(subject) = pronoun_part(text, first) {
        return Some(cue(text, subject, first.end, range.end));
    }
    let (subject, next) = if is_pronoun(w) {
        if matches!(norm(w).as_str(), "it" | "you") {
            return None;
        }
        (first.start..first.end, i + 1)
    } else if is_capitalised(w) && !is_determiner(w) && !is_not_name(w) {
        named_phrase(text, &toks, i)?
    } else if is_determiner(w) {
        described_phrase(text, &toks, i)?
    } else {
        return None;
    };
    // After a name or pronoun any lower-case word but a preposition reads as the verb ("Rook
    // and Vale call"); after a description only one that looks like a verb.
    let named = !is_determiner(w);
    let verb = toks.get(next).filter(|t| {
        let v = t.text(text);
        let n = norm(v);
        t.is_word()
            && (verb_like(v)
                || (named
                    && !is_capitalised(v)
                    && !breaks_phrase(v)
                    && !is_inner_preposition(&n)
                    && !matches!(n.as_str(), "to" | "by" | "about" | "against" | "like")))
    })?;
    Some(cue(text, subject, verb.start, range.end))
}

/// `Bemoaning the "rigged tides," Rook left the quay`, `After calling it "a farce," she left`:
/// a quote inside a participle phrase that opens its sentence belongs to the main clause's
/// subject, after the phrase's comma. `before` runs from the sentence start to the quote's
/// opening mark, `after` from its last words to the sentence end.
pub(crate) fn participle_subject(
    text: &str,
    before: Range<usize>,
    after: Range<usize>,
    quoted: &[Range<usize>],
) -> Option<Cue> {
    let toks = tokenize(text, before);
    let words: Vec<&str> = toks.iter().filter(|t| t.is_word()).map(|t| t.text(text)).collect();
    let is_participle = |w: &str| w.len() > 5 && norm(w).ends_with("ing");
    let opens = match words.as_slice() {
        // A capitalised "-ing" word is a name as often ("Manning"), unless an object follows.
        [first, next, ..] if is_capitalised(first) && is_participle(first) => {
            is_determiner(next) || matches!(norm(next).as_str(), "it" | "them" | "him")
        }
        [first, second, ..] => {
            matches!(norm(first).as_str(), "after" | "before" | "while" | "by" | "despite")
                && !is_capitalised(second)
                && is_participle(second)
        }
        _ => false,
    };
    if !opens || toks.iter().any(|t| t.is(',') || t.is(';')) {
        return None;
    }
    let comma = text[after.clone()].find(',')?;
    let rest = &text[after.start + comma..after.end];
    let skipped = rest.len() - rest.trim_start_matches([',', '"', '”', '’', '\'', ' ']).len();
    let main = after.start + comma + skipped..after.end;
    sentence_subject(text, main.clone(), quoted).filter(|c| c.subject.start == main.start)
}

/// Whether a subject names one speaker: a name, "he", "she", "I", or a description with a
/// singular head; not "they", "we" or "the protesters".
pub(crate) fn is_one_speaker(text: &str, subject: Range<usize>) -> bool {
    let toks = tokenize(text, subject);
    let Some(last) = toks.iter().rev().find(|t| t.is_word()) else {
        return false;
    };
    let w = last.text(text);
    let n = norm(w);
    if toks.iter().filter(|t| t.is_word()).count() == 1 && is_pronoun(w) {
        return matches!(n.as_str(), "he" | "she" | "i");
    }
    is_capitalised(w) || !n.ends_with('s') || n.ends_with("ss")
}

fn cue(text: &str, subject: Range<usize>, verb_at: usize, end: usize) -> Cue {
    let verb_end = text[verb_at..end].find(char::is_whitespace).map_or(end, |e| verb_at + e);
    let verb = verb_at..verb_end.max(verb_at);
    Cue { medium: medium::in_clause(text, verb.start..end), subject, verb }
}

/// A run of capitalised words (`Senate Minority Leader Harry Reid`), with a bracketed label
/// (`(D-Nev.)`), an appositive between commas (`Dean, a medical doctor,`) or a second name
/// (`Obama and Clinton`). Returns the name and the index of the word after the phrase.
fn named_phrase(text: &str, toks: &[Tok], from: usize) -> Option<(Range<usize>, usize)> {
    let mut j = from;
    let mut end = toks[from].end;
    while let Some(t) = toks.get(j) {
        let w = t.text(text);
        if t.is_word() && (is_capitalised(w) || (j > from && matches!(norm(w).as_str(), "of" | "and"))) {
            if !is_capitalised(w) && !toks.get(j + 1).is_some_and(|n| is_capitalised(n.text(text))) {
                break;
            }
            end = t.end;
            j += 1;
        } else {
            break;
        }
    }
    // A lone sentence-opening title or common word ("President said") names no one.
    if j == from + 1 && is_title(toks[from].text(text)) {
        return None;
    }
    if toks.get(j).is_some_and(|t| t.is('(')) {
        j += toks[j..].iter().take(8).position(|t| t.is(')'))? + 1;
    }
    if toks.get(j).is_some_and(|t| t.is(',')) {
        let close = toks[j + 1..].iter().take(16).position(|t| t.is(','))? + j + 1;
        if toks[j + 1..close]
            .iter()
            .any(|t| !t.is_word() && !matches!(t.kind, Kind::Punct('-' | '.' | '\'' | '’')))
        {
            return None;
        }
        j = close + 1;
    }
    Some((toks[from].start..end, j))
}

/// A determiner phrase (`The Republican nominee`, `Small groups of protesters`, `A document
/// on the campaign's website`) up to the word that reads as its verb.
fn described_phrase(text: &str, toks: &[Tok], from: usize) -> Option<(Range<usize>, usize)> {
    let mut j = from + 1;
    while let Some(t) = toks.get(j).filter(|t| t.is_word()) {
        if j - from > 8 {
            return None;
        }
        let w = t.text(text);
        if j > from + 1 && verb_like(w) && !is_inner_preposition(&norm(w)) {
            return Some((toks[from].start..toks[j - 1].end, j));
        }
        if breaks_phrase(w) || is_pronoun(w) {
            return None;
        }
        j += 1;
    }
    // `His former partner at Lenox, Ada Rook, called`: the name between commas.
    if toks.get(j).is_some_and(|t| t.is(',')) && toks.get(j + 1).is_some_and(|t| is_capitalised(t.text(text)))
    {
        let run = toks[j + 1..].iter().take_while(|t| t.is_word() && is_capitalised(t.text(text))).count();
        if toks.get(j + 1 + run).is_some_and(|t| t.is(',')) {
            return Some((toks[j + 1].start..toks[j + run].end, j + run + 2));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(text: &str) -> Option<String> {
        let open = text.rfind('“').unwrap();
        // Titles in marks before the quote are quoted words.
        let quoted: Vec<Range<usize>> = text[..open]
            .match_indices('“')
            .filter_map(|(at, _)| text[at..open].find('”').map(|end| at + '“'.len_utf8()..at + end))
            .collect();
        sentence_subject(text, 0..open, &quoted).map(|c| text[c.subject].to_string())
    }

    #[test]
    fn reads_the_subject_of_a_sentence_with_a_partial_quote() {
        assert_eq!(subject("Ada Rook tells her crew at the harbour to “hold fast”"), Some("Ada Rook".into()));
        assert_eq!(subject("He’s claiming that the tide is “a big problem”"), Some("He".into()));
        assert_eq!(
            subject("In recent weeks, Mayor Ines Calder (D-Estrel) has gone after the council as “a circus”"),
            Some("Mayor Ines Calder".into())
        );
        assert_eq!(
            subject("The harbour master also outlined his plan and vowed to punish “those who fish”"),
            Some("The harbour master".into())
        );
        assert_eq!(subject("Rook and Vale call them “lone boats”"), Some("Rook and Vale".into()));
        assert_eq!(subject("Though she called the ruling “a farce”"), Some("she".into()));
        assert_eq!(
            subject("With the harbour board increasingly worried about a lack of boats for the long winter season, Mayor Ines Calder is rolling out a new message: “"),
            Some("Mayor Ines Calder".into())
        );
        assert_eq!(
            subject("Even Estrel, the port’s only rival, said it was “opposed”"),
            Some("Estrel".into())
        );
        assert_eq!(
            subject("His old partner at Lenox, Ada B. Rook, called him a master. “"),
            Some("Ada B. Rook".into())
        );
        assert_eq!(
            subject(
                "On “Harbour Tonight,” Sen. Ines Calder (Est.), who lost the race, named three reasons. “"
            ),
            Some("Sen. Ines Calder".into())
        );
    }

    #[test]
    fn finds_no_subject_where_the_sentence_has_none_to_give() {
        assert_eq!(subject("It was “a mess” all week"), None);
        assert_eq!(subject("To the crowd’s “delight” the boats came in"), None);
    }
}
