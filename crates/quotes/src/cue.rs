//! Reporting cues: a subject and a reporting verb next to a quote (`," Carson said`,
//! `," said Carson`, `Carson told BNC: "`, `according to Carson`), or anywhere in a sentence
//! (`a source said`) for the sentences that introduce or resolve a quote.

use std::ops::Range;

use crate::clause::{tokenize, Kind, Tok};
use crate::lexicon::{
    breaks_phrase, cannot_open_subject, ends_inverted_speaker, is_capitalised, is_capitalised_reporting_verb,
    is_characterising_verb, is_colon_verb, is_determiner, is_inner_preposition, is_pronoun, is_reflexive,
    is_reporting_verb, is_time_word, is_weak_cue, may_sit_before_verb, norm,
};
use crate::medium;

/// Who, by which verb, to which medium. Byte offsets into the article text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Cue {
    /// The subject as written (appositives left out).
    pub subject: Range<usize>,
    pub verb: Range<usize>,
    pub medium: Option<String>,
}

/// What the words on one side of a quote say about it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Reading {
    pub cue: Option<Cue>,
    /// A reporting word without a readable subject ("a note saying"): the quote is speech,
    /// not a scare quote, but its speaker is unknown here.
    pub weak: bool,
}

/// Prepositions after which a noun phrase is an object, never the verb's subject.
const OBJECT_MARKERS: &[&str] = &["to", "by", "about", "against", "than", "like"];

/// The cue that follows a closing mark, if the words right after it are one. `range` runs
/// from the closing mark to the end of the sentence.
pub(crate) fn after_quote(text: &str, range: Range<usize>) -> Reading {
    let toks = tokenize(text, range.clone());
    let mut i = 0;
    while i < toks.len() && i < 2 && toks[i].kind != Kind::Word {
        if !(toks[i].is(',') || toks[i].is('—') || toks[i].is('–') || toks[i].is('-') || toks[i].is('―'))
        {
            return Reading::default();
        }
        i += 1;
    }
    if i > 0 && !toks[0].is(',') {
        if let Some(cue) = dash_signature(text, &toks[i..], toks[0].start..toks[i - 1].end) {
            return Reading { cue: Some(cue), weak: true };
        }
    }
    let cue = cue_at_start(text, &toks[i..], range.end, true);
    let weak = cue.is_none() && toks.get(i).is_some_and(|t| t.is_word() && is_weak_cue(t.text(text)));
    Reading { cue, weak }
}

/// `"..." ― Ada Rook`: a dash and a bare name closing the quote's sentence.
fn dash_signature(text: &str, toks: &[Tok], dash: Range<usize>) -> Option<Cue> {
    let words: Vec<&Tok> = toks.iter().filter(|t| t.is_word()).collect();
    let all_names = !words.is_empty()
        && words.len() <= 6
        && toks.iter().all(|t| {
            (t.is_word() && (is_capitalised(t.text(text)) || t.text(text).len() <= 3))
                || matches!(t.kind, Kind::Punct('.' | ','))
        });
    if !all_names || !is_capitalised(words[0].text(text)) {
        return None;
    }
    let subject = words[0].start..words[words.len() - 1].end;
    // "-BNC" closing a paragraph is a credit (a medium), not a speaker.
    if medium::outlet_named(text, subject.clone()).is_some() {
        return None;
    }
    Some(Cue { subject, verb: dash, medium: None })
}

/// A cue made by the first words of `toks`: `X said`, `said X`, `according to X`. Right
/// after a closing mark (`after_mark`), "continued" and its kind report too (`," she
/// continued.`).
pub(crate) fn cue_at_start(text: &str, toks: &[Tok], clause_end: usize, after_mark: bool) -> Option<Cue> {
    let first = toks.first().filter(|t| t.is_word())?;
    let w = first.text(text);
    if norm(w) == "according" && toks.get(1).is_some_and(|t| norm(t.text(text)) == "to") {
        let subject = noun_phrase_after(text, toks, 2)?;
        let medium = medium::outlet_named(text, subject.clone());
        return Some(Cue { verb: first.start..toks[1].end, subject, medium });
    }
    // `," per the club's bylaws.`: "per" credits a source as "according to" does.
    if norm(w) == "per" && after_mark {
        let subject = noun_phrase_after(text, toks, 1)?;
        let medium = medium::outlet_named(text, subject.clone());
        return Some(Cue { verb: first.start..first.end, subject, medium });
    }
    // `," as a ministry memo put it.`: the source of the words the sentence borrows.
    if norm(w) == "as" && after_mark {
        if let Some(cue) = as_put_it(text, toks) {
            return Some(cue);
        }
    }
    if is_reporting_verb(w) {
        let subject = noun_phrase_after(text, toks, 1)?;
        let medium = medium::in_clause(text, first.start..clause_end);
        return Some(Cue { subject, verb: first.start..first.end, medium });
    }
    if cannot_open_subject(w) {
        return None;
    }
    let mut words = 0;
    let mut subject_end: Option<usize> = None;
    let mut j = 0;
    while j < toks.len() {
        let t = toks[j];
        if t.is_word() {
            let w = t.text(text);
            if words > 0 && (is_reporting_verb(w) || (after_mark && is_colon_verb(w))) {
                let subject = toks[0].start..subject_end.unwrap_or(toks[j - 1].end);
                return Some(Cue {
                    subject,
                    verb: t.start..t.end,
                    medium: medium::in_clause(text, t.start..clause_end),
                });
            }
            let joins_names = norm(w) == "and"
                && words > 0
                && subject_end.is_none()
                && is_capitalised(toks[j - 1].text(text))
                && toks.get(j + 1).is_some_and(|n| is_capitalised(n.text(text)));
            if joins_names {
                words += 1;
            } else if words > 0 && may_sit_before_verb(w) {
                subject_end.get_or_insert(toks[j - 1].end);
            } else if subject_end.is_some() || words >= 8 || breaks_phrase(w) {
                return None;
            } else {
                words += 1;
            }
        } else if t.is('(') && words > 0 && subject_end.is_none() {
            // A party label or office in brackets: `Rep. Ada Rook (D-Estrel) said`.
            let close = toks[j + 1..].iter().take(8).position(|t| t.is(')')).map(|p| j + 1 + p)?;
            j = close;
        } else if t.is(',') && words > 0 && subject_end.is_none() {
            // An appositive: `Fabiana Rosales, a 26-year-old journalist, told ...`.
            subject_end = Some(toks[j - 1].end);
            let close = toks[j + 1..].iter().take(14).position(|t| t.is(',')).map(|p| j + 1 + p)?;
            if toks[j + 1..close]
                .iter()
                .any(|t| !t.is_word() && !matches!(t.kind, Kind::Punct('-' | '.' | '(' | ')')))
            {
                return None;
            }
            j = close;
            // A second appositive: `Ana Ruiz, the attorney general, one of the plaintiffs, said`.
            while toks.get(j + 1).is_some_and(|n| {
                let w = n.text(text);
                n.is_word()
                    && (is_determiner(w) || !is_capitalised(w))
                    && !is_reporting_verb(w)
                    && !may_sit_before_verb(w)
            }) {
                let Some(close) = toks[j + 1..].iter().take(14).position(|t| t.is(',')).map(|p| j + 1 + p)
                else {
                    break;
                };
                if toks[j + 1..close]
                    .iter()
                    .any(|t| !t.is_word() && !matches!(t.kind, Kind::Punct('-' | '.')))
                {
                    break;
                }
                j = close;
            }
        } else if !(t.is('-') && words > 0) {
            return None;
        }
        j += 1;
    }
    None
}

/// `as NP put it` (or `phrased it`, `described it`) right after a quote, `toks[0]` being "as".
fn as_put_it(text: &str, toks: &[Tok]) -> Option<Cue> {
    let verb = toks.iter().take(10).position(|t| {
        t.is_word() && matches!(norm(t.text(text)).as_str(), "put" | "phrased" | "described" | "framed")
    })?;
    let closes = toks.get(verb + 1).is_some_and(|t| t.is_word() && norm(t.text(text)) == "it");
    if verb < 2 || !closes || toks[1..verb].iter().any(|t| !t.is_word()) {
        return None;
    }
    let subject = toks[1].start..toks[verb - 1].end;
    Some(Cue {
        medium: medium::outlet_named(text, subject.clone()),
        subject,
        verb: toks[verb].start..toks[verb].end,
    })
}

/// The speaker after an inverted verb or "according to": `said Ana Ruiz, the mayor`.
fn noun_phrase_after(text: &str, toks: &[Tok], from: usize) -> Option<Range<usize>> {
    let mut end = None;
    for (k, t) in toks.iter().enumerate().skip(from) {
        if !t.is_word() || k - from >= 8 {
            break;
        }
        let w = t.text(text);
        if k > from && (ends_inverted_speaker(w) || is_reporting_verb(w)) {
            break;
        }
        if k == from && cannot_open_subject(w) && !is_determiner(w) {
            return None;
        }
        end = Some(t.end);
    }
    Some(toks.get(from)?.start..end?)
}

/// The cue nearest before an opening mark (`Carson told BNC: "`, `Carson said the plan was
/// "`). `range` runs from the sentence start to the mark.
pub(crate) fn before_quote(text: &str, range: Range<usize>, sentence: Range<usize>) -> Reading {
    let toks = tokenize(text, range.clone());
    let mut weak = false;
    for v in (0..toks.len()).rev() {
        let t = toks[v];
        if !t.is_word() {
            continue;
        }
        let w = t.text(text);
        if norm(w) == "according" && toks.get(v + 1).is_some_and(|n| norm(n.text(text)) == "to") {
            if let Some(cue) = cue_at_start(text, &toks[v..], range.end, false) {
                return Reading { cue: Some(cue), weak: true };
            }
        }
        if v == 0 && is_capitalised_reporting_verb(w) {
            // "Said Ellis: ..." opens the sentence with the verb.
            if let Some(subject) = noun_phrase_after(text, &toks, 1) {
                return Reading {
                    cue: Some(Cue {
                        medium: medium::in_clause(text, subject.end..range.end),
                        subject,
                        verb: t.start..t.end,
                    }),
                    weak: true,
                };
            }
        }
        if is_weak_cue(w) {
            weak = true;
            // "Trump boasted on stage, saying": only a name right before the participle.
            if let Some(subject) = name_before(text, &toks, v) {
                return Reading { cue: Some(Cue { subject, verb: t.start..t.end, medium: None }), weak };
            }
        }
        if is_cue_verb(text, &toks, v) {
            weak = true;
            if let Some(subject) = subject_before(text, &toks, v) {
                let medium = medium::in_clause(text, t.start..range.end)
                    .or_else(|| medium::fronted(text, sentence.start..subject.start));
                return Reading { cue: Some(Cue { subject, verb: t.start..t.end, medium }), weak };
            }
        }
    }
    Reading { cue: None, weak }
}

/// A reporting verb, or a verb that reports only before a colon ("Rook continued:").
fn is_cue_verb(text: &str, toks: &[Tok], v: usize) -> bool {
    let w = toks[v].text(text);
    // "Rook continued: ..." or, right before the mark, "Rook continued, ...".
    is_reporting_verb(w)
        || (is_colon_verb(w)
            && toks.get(v + 1).is_some_and(|n| n.is(':') || (n.is(',') && v + 2 == toks.len())))
}

/// The capitalised name right before `toks[v]`, without anything else of the phrase.
fn name_before(text: &str, toks: &[Tok], v: usize) -> Option<Range<usize>> {
    let last = v.checked_sub(1)?;
    let mut first = None;
    for k in (0..=last).rev() {
        let t = toks[k];
        if !t.is_word() || !is_capitalised(t.text(text)) || is_determiner(t.text(text)) {
            break;
        }
        first = Some(k);
    }
    let first = first?;
    // "tweets early Friday saying": a day is no speaker.
    if toks[first..=last].iter().any(|t| is_time_word(t.text(text))) {
        return None;
    }
    // A lone sentence-opening word ("Often, saying") is no name.
    if first == 0 && first == last && is_title_or_common(text, &toks[first]) {
        return None;
    }
    Some(toks[first].start..toks[last].end)
}

fn is_title_or_common(text: &str, tok: &Tok) -> bool {
    crate::lexicon::is_not_name(tok.text(text)) || crate::lexicon::is_title(tok.text(text))
}

/// The subject of the first characterising verb ("called", "urged", "described") before
/// `before` in the sentence, outside `quoted`: the speaker of a partial quote that no
/// reporting verb introduces.
pub(crate) fn characterising(
    text: &str,
    sentence: Range<usize>,
    before: usize,
    quoted: &[Range<usize>],
) -> Option<Cue> {
    let toks = tokenize(text, sentence.start..before);
    for (v, t) in toks.iter().enumerate() {
        let w = t.text(text);
        if !t.is_word() || !(is_characterising_verb(w) || is_weak_cue(w) || is_reporting_verb(w)) {
            continue;
        }
        if quoted.iter().any(|q| q.start <= t.start && t.end <= q.end) {
            continue;
        }
        if let Some(subject) = subject_before(text, &toks, v) {
            if quoted.iter().any(|q| q.start < subject.end && subject.start < q.end) || is_weak_cue(w) {
                continue;
            }
            let medium = medium::in_clause(text, t.start..before);
            return Some(Cue { subject, verb: t.start..t.end, medium });
        }
    }
    None
}

/// Every cue in a sentence whose verb lies outside `quoted` (the words between marks).
pub(crate) fn in_sentence(text: &str, sentence: Range<usize>, quoted: &[Range<usize>]) -> Vec<Cue> {
    let toks = tokenize(text, sentence.clone());
    let mut out = Vec::new();
    for (v, t) in toks.iter().enumerate() {
        if !t.is_word() || !is_cue_verb(text, &toks, v) {
            continue;
        }
        if quoted.iter().any(|q| q.start <= t.start && t.end <= q.end) {
            continue;
        }
        if let Some(subject) = subject_before(text, &toks, v) {
            if quoted.iter().any(|q| q.start < subject.end && subject.start < q.end) {
                continue;
            }
            let clause_end = toks[v + 1..].iter().find(|t| !t.is_word()).map_or(sentence.end, |t| t.start);
            let medium = medium::in_clause(text, t.start..clause_end)
                .or_else(|| medium::fronted(text, sentence.start..subject.start));
            out.push(Cue { subject, verb: t.start..t.end, medium });
        }
    }
    out
}

/// The subject of the verb at `toks[v]`, read backwards: auxiliaries and adverbs skipped
/// (`has also said`), an appositive or relative clause between commas skipped (`Gabbard, who
/// is running, said`), then a noun phrase up to its determiner or a clause boundary.
pub(crate) fn subject_before(text: &str, toks: &[Tok], v: usize) -> Option<Range<usize>> {
    if toks.get(v + 1).is_some_and(|t| t.is_word() && is_reflexive(t.text(text))) {
        // "declared himself president" reports no words.
        return None;
    }
    let mut j = v.checked_sub(1)?;
    while toks[j].is_word() && may_sit_before_verb(toks[j].text(text)) {
        j = j.checked_sub(1)?;
    }
    // A time phrase between subject and verb: "Bolton on Sunday warned".
    if toks[j].is_word() && is_time_word(toks[j].text(text)) {
        let k = j.checked_sub(1)?;
        let lead = norm(toks[k].text(text));
        if toks[k].is_word() && matches!(lead.as_str(), "on" | "last" | "this" | "that" | "early" | "late") {
            j = k.checked_sub(1)?;
        } else if is_capitalised(toks[j].text(text)) {
            j = k;
        }
        while toks[j].is_word() && may_sit_before_verb(toks[j].text(text)) {
            j = j.checked_sub(1)?;
        }
    }
    // A party label or office in brackets: `Rep. Ada Rook (D-Estrel) said`.
    let mut bracket_end = None;
    if toks[j].is(')') {
        let open = (j.saturating_sub(8)..j).rev().find(|&k| toks[k].is('('))?;
        bracket_end = Some(toks[j].end);
        j = open.checked_sub(1)?;
    }
    if toks[j].is(',') {
        let relative = (0..j).rev().find(|&k| {
            toks[k].is(',')
                && toks.get(k + 1).is_some_and(|n| {
                    matches!(norm(n.text(text)).as_str(), "who" | "whose" | "which" | "whom")
                })
        });
        let appositive = (0..j).rev().find(|&k| toks[k].is(',')).filter(|&k| {
            j - k <= 12
                && toks.get(k + 1).is_some_and(|n| {
                    let w = n.text(text);
                    n.is_word()
                        && (is_determiner(w)
                            || w.starts_with(|c: char| c.is_ascii_digit())
                            || (!is_capitalised(w) && !breaks_phrase(w))
                            || norm(w) == "however")
                })
        });
        let previous = (0..j).rev().find(|&k| toks[k].is(','));
        if relative.is_none() && appositive.is_none() {
            // "The council's spokeswoman, Vera Holm, said": the name between commas.
            let k = previous?;
            let chunk = &toks[k + 1..j];
            let named = !chunk.is_empty()
                && chunk.len() <= 4
                && chunk.iter().all(|t| t.is_word() && is_capitalised(t.text(text)));
            return named.then(|| chunk[0].start..chunk[chunk.len() - 1].end);
        }
        let k = relative.or(appositive)?;
        j = k.checked_sub(1)?;
    }
    let last = toks[j];
    if !last.is_word() {
        return None;
    }
    let end = bracket_end.unwrap_or(last.end);
    if is_pronoun(last.text(text)) {
        return Some(last.start..end);
    }
    let mut first = j;
    let mut count = 0;
    let mut k = j as isize;
    while k >= 0 {
        let t = toks[k as usize];
        if !t.is_word() {
            break;
        }
        let w = t.text(text);
        let n = norm(w);
        if n == "and" && count > 0 {
            // "Martinez and Azuaje said": a pair of names, not a new clause.
            let left_named =
                k > 0 && toks[k as usize - 1].is_word() && is_capitalised(toks[k as usize - 1].text(text));
            if !(left_named && is_capitalised(toks[first].text(text))) {
                break;
            }
        } else if OBJECT_MARKERS.contains(&n.as_str()) {
            // "the soldiers speaking to CNN said": CNN is an object, the subject is unknown.
            return None;
        } else if breaks_phrase(w) || is_pronoun(w) || is_reporting_verb(w) {
            break;
        } else if !is_capitalised(w) && n.len() > 4 && n.ends_with("ing") {
            return None;
        }
        first = k as usize;
        count += 1;
        if count >= 12 {
            break;
        }
        if is_determiner(w) {
            let before = (k as usize)
                .checked_sub(1)
                .map(|b| toks[b])
                .filter(|b| b.is_word())
                .map(|b| norm(b.text(text)));
            match before.as_deref() {
                // "the head of the agency": the phrase goes on through "of".
                Some("of") => {}
                // "defectors who appeared in one broadcast say": the phrase found is an
                // object inside a longer subject that cannot be read safely.
                Some(p) if is_inner_preposition(p) => return None,
                _ => break,
            }
        }
        k -= 1;
    }
    // A determiner alone ("a statement calling") is no speaker.
    if count == 0 || (count == 1 && is_determiner(toks[first].text(text))) {
        return None;
    }
    // A phrase that starts with a preposition ("in Caracas") is no subject.
    let lead = norm(toks[first].text(text));
    if matches!(lead.as_str(), "of" | "in" | "at" | "for" | "from" | "with" | "on") {
        return None;
    }
    Some(toks[first].start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after(text: &str) -> Option<(String, Option<String>)> {
        after_quote(text, 0..text.len()).cue.map(|c| (text[c.subject].to_string(), c.medium))
    }

    fn before(text: &str) -> Option<String> {
        before_quote(text, 0..text.len(), 0..text.len()).cue.map(|c| text[c.subject].to_string())
    }

    #[test]
    fn per_and_as_put_it_credit_a_source_after_a_closing_mark() {
        assert_eq!(after(", per the guild's bylaws."), Some(("the guild's bylaws".into(), None)));
        assert_eq!(after(", as a harbour board memo put it."), Some(("a harbour board memo".into(), None)));
        assert_eq!(after(", as she put it."), Some(("she".into(), None)));
        assert_eq!(after(", as put forward by the board."), None);
        assert_eq!(after(", as the tide rose."), None);
    }

    #[test]
    fn reads_subject_and_medium_after_a_closing_mark() {
        assert_eq!(after(", Orla Finch told BNC."), Some(("Orla Finch".into(), Some("BNC".into()))));
        assert_eq!(after(", he said."), Some(("he".into(), None)));
        assert_eq!(
            after(", Ines Calder, a 41-year-old nurse, told the Harbour Ledger on Monday."),
            Some(("Ines Calder".into(), Some("Harbour Ledger".into())))
        );
        assert_eq!(after(", said Mr. Dobrev, the mayor."), Some(("Mr. Dobrev".into(), None)));
        assert_eq!(
            after(", Ana Ruiz, the attorney general of Estrel, one of the ports suing the board, said on Monday."),
            Some(("Ana Ruiz".into(), None))
        );
        assert_eq!(after(", she continued."), Some(("she".into(), None)));
        assert_eq!(after(", the official has also said."), Some(("the official".into(), None)));
        assert_eq!(after(", but the report in BNC says so"), None);
        assert_eq!(after(" and the harbour is closed"), None);
    }

    #[test]
    fn reads_subject_before_an_opening_mark() {
        assert_eq!(before("The official added: "), Some("The official".into()));
        assert_eq!(
            before("Senator Ada Rook, who is running for governor, said last week: "),
            Some("Senator Ada Rook".into())
        );
        assert_eq!(before("In a statement, the ministry said the plan was "), Some("the ministry".into()));
        assert_eq!(before("The protesters marched to the "), None);
        assert_eq!(before("The crew speaking to BNC said they were "), None);
    }
}
