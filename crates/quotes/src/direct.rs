//! Direct quotes: quoted stretches with the cue beside them, split quotes joined, quotes
//! without a cue given the speaker of the sentence before, scare quotes and titles dropped.

use std::ops::Range;

use crate::clause::{sentence_end, sentence_start, tokenize};
use crate::cue::{self, Cue};
use crate::lexicon::{is_capitalised, is_pronoun, norm};
use crate::marks::Quoted;
use crate::medium;
use crate::subject;

/// A quote before its speaker is resolved. Byte offsets.
#[derive(Clone, Debug)]
pub(crate) struct Draft {
    /// The quoted words: one range per paragraph and per part of a split quote.
    pub pieces: Vec<Range<usize>>,
    /// For each piece after the first, whether it starts a new part of a split quote (joined
    /// with " ... ") rather than continuing over a paragraph break (joined with a space).
    pub splits: Vec<bool>,
    pub cue: Option<Cue>,
    /// Where the quote ends, for the medium carried from an earlier cue.
    pub last_para: usize,
    /// A credit closing the quote's paragraph (`-BNC`), used when the cue names no medium.
    pub credit: Option<String>,
}

/// The longest cue sentence between the parts of a split quote. PolNeAR joins parts even
/// across long cue sentences, so this only stops runaway joins.
const MAX_CUE_WORDS: usize = 30;

struct Side {
    before: Range<usize>,
    after: Range<usize>,
    cue: Option<Cue>,
    /// The cue came from the words after the closing mark.
    cue_after: bool,
    weak: bool,
    /// The cue sits right by the quote, enough to make even a short quote speech.
    near: bool,
}

fn word_count(text: &str, range: Range<usize>) -> usize {
    tokenize(text, range).iter().filter(|t| t.is_word()).count()
}

fn read_sides(
    text: &str,
    paras: &[Range<usize>],
    quoted: &[Quoted],
    qi: usize,
    inner: &[Range<usize>],
) -> Side {
    let q = &quoted[qi];
    let first = &paras[q.first_para];
    let last = &paras[q.last_para];
    let floor = match qi.checked_sub(1).map(|p| &quoted[p]) {
        Some(prev) if prev.last_para == q.first_para => prev.close,
        _ => first.start,
    };
    let limit = match quoted.get(qi + 1) {
        Some(next) if next.first_para == q.last_para => next.open,
        _ => last.end,
    };
    let start = sentence_start(text, floor, q.open);
    let before = start..q.open;
    let after = q.close..sentence_end(text, q.close, limit.max(q.close));
    if let Some(label) = &q.label {
        // A transcript turn: the label is the speaker, its colon the cue.
        let cue = Cue { subject: label.clone(), verb: label.end..label.end + 1, medium: None };
        return Side { before, after, cue: Some(cue), cue_after: false, weak: false, near: true };
    }
    let mut reading = cue::Reading::default();
    let inner_last = &text[q.parts[q.parts.len() - 1].clone()];
    // `"We won." Next sentence`: a period inside the marks ends the sentence.
    let ended =
        inner_last.ends_with('.') && text[after.clone()].trim_start().starts_with(|c: char| c.is_uppercase());
    if !ended && !q.single {
        reading = cue::after_quote(text, after.clone());
    }
    // A quote that ends its sentence keeps the next sentence's cue for the next quote.
    let sentence = start..if ended { q.close } else { after.end };
    if let Some(cue) = reading.cue {
        return Side { before, after, cue: Some(cue), cue_after: true, weak: true, near: true };
    }
    let mut b = cue::before_quote(text, before.clone(), sentence.clone());
    if let Some(buried) = b.cue.as_ref().and_then(|c| outer_cue(text, start, c, inner)) {
        b.cue = Some(buried);
    }
    if b.cue.is_none() && !q.single {
        // `"A" for good reason, she said.`, `Rook, in a speech that "B", said`: a cue elsewhere
        // in the quote's own sentence, the nearest one.
        let nearest = cue::in_sentence(text, sentence.clone(), inner).into_iter().min_by_key(|c| {
            if c.verb.start >= q.close {
                c.verb.start - q.close
            } else {
                q.open - c.verb.end.min(q.open)
            }
        });
        if let Some(cue) = nearest {
            let cue_after = cue.verb.start >= q.close;
            return Side { before, after, cue: Some(cue), cue_after, weak: true, near: false };
        }
        if let Some(cue) = cue::characterising(text, sentence, q.open, inner) {
            return Side { before, after, cue: Some(cue), cue_after: false, weak: true, near: false };
        }
    }
    let near = b.cue.as_ref().is_some_and(|c| word_count(text, c.verb.end..q.open) <= 8);
    Side { before, after, cue: b.cue, cue_after: false, weak: b.weak || reading.weak, near }
}

/// `Rook said the storms and floods demand that we "act now"`: a cue whose subject is a
/// common noun or "they" inside what an earlier reporting verb of the sentence reports is
/// part of the reported words; the quote is the earlier speaker's. A named inner subject
/// (`Rook said Vale told her "..."`) keeps its own quote.
fn outer_cue(text: &str, sentence_start: usize, inner_cue: &Cue, quoted: &[Range<usize>]) -> Option<Cue> {
    let toks = tokenize(text, inner_cue.subject.clone());
    let words: Vec<&str> = toks.iter().filter(|t| t.is_word()).map(|t| t.text(text)).collect();
    let head = words.last()?;
    let buried = if words.len() == 1 && is_pronoun(head) {
        matches!(norm(head).as_str(), "they" | "it")
    } else {
        !words.iter().any(|w| is_capitalised(w))
    };
    if !buried || inner_cue.subject.start <= sentence_start {
        return None;
    }
    cue::in_sentence(text, sentence_start..inner_cue.subject.start, quoted).into_iter().find(|c| {
        c.verb.end <= inner_cue.subject.start
            && text[c.verb.end..inner_cue.subject.start].split_whitespace().count() <= 12
    })
}

/// Long enough or attributed enough to be speech, not a scare quote or a title. `borrowed`:
/// the sentence is about one speaker, whose words a short quote may be.
fn is_speech(text: &str, group: &[&Quoted], attributed: bool, near: bool, borrowed: bool) -> bool {
    let ranges: Vec<Range<usize>> = group.iter().flat_map(|q| q.parts.clone()).collect();
    let words: usize = ranges.iter().map(|r| word_count(text, r.clone())).sum();
    if group.iter().all(|q| q.single) && words < 4 {
        return false;
    }
    // PolNeAR-style news attributes even one-word borrowings ("called them \"deplorables\"")
    // when a speaker is in the sentence.
    if words <= 3 {
        return near || attributed || borrowed;
    }
    if attributed {
        return true;
    }
    // "Hearts of the Northern Coast": every long word capitalised makes it a title.
    let long: Vec<&str> = ranges
        .iter()
        .flat_map(|r| text[r.clone()].split_whitespace())
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    !(long.len() >= 2 && long.iter().all(|w| is_capitalised(w)))
}

/// Words a speaker could have said: letters, not a link, a handle or a number, and not all
/// capitalised (a name, a nickname or a title).
fn is_plain_words(words: &str) -> bool {
    let lettered: Vec<&str> =
        words.split_whitespace().filter(|w| w.chars().next().is_some_and(char::is_alphabetic)).collect();
    let pronoun =
        lettered.len() == 1 && crate::lexicon::is_pronoun(lettered[0].trim_end_matches(['.', ',', '!', '?']));
    !words.contains(['/', '@', '#']) && lettered.iter().any(|w| !is_capitalised(w)) && !pronoun
}

/// A show or venue named after "on", "to" or "told" (`told "Fox and Friends,"`, `on "Face the
/// Nation"`): a short title-case stretch, never speech.
fn is_programme(text: &str, group: &[&Quoted]) -> bool {
    let [q] = group else {
        return false;
    };
    let words: Vec<&str> = q.parts.iter().flat_map(|r| text[r.clone()].split_whitespace()).collect();
    let titled = !words.is_empty()
        && words.len() <= 6
        && words
            .iter()
            .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
            .all(|w| is_capitalised(w));
    let before = text[..q.open].split_whitespace().next_back().unwrap_or_default();
    // `MSNBC's "Morning Joe"`: an outlet's programme.
    let outlets = is_capitalised(before) && (before.ends_with("'s") || before.ends_with("’s"));
    titled && (outlets || matches!(norm(before).as_str(), "on" | "to" | "told" | "with" | "at"))
}

/// The direct quotes of `text`, from its quoted stretches.
pub(crate) fn drafts(text: &str, paras: &[Range<usize>], quoted: &[Quoted]) -> Vec<Draft> {
    let inner: Vec<Range<usize>> = quoted.iter().flat_map(|q| q.parts.clone()).collect();
    let sides: Vec<Side> = (0..quoted.len()).map(|qi| read_sides(text, paras, quoted, qi, &inner)).collect();
    // Split quotes: consecutive stretches of one paragraph sharing a cue, or a cue-less
    // stretch opening the sentence right after a quote attributed by a trailing cue.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for qi in 0..quoted.len() {
        if let Some(group) = groups.last_mut() {
            let pj = *group.last().expect("groups are never empty");
            let lead = group[0];
            let same_para = quoted[pj].last_para == quoted[qi].first_para;
            // `"A," Rook said, "B."`: nothing but the cue between the parts.
            let same_cue = match (&sides[lead].cue, &sides[qi].cue) {
                (Some(a), Some(b)) => {
                    a.verb == b.verb && word_count(text, a.verb.end.max(a.subject.end)..quoted[qi].open) == 0
                }
                _ => false,
            };
            // `"A," Rook said. "B."`: B opens the sentence right after the cue sentence.
            let continues = sides[qi].cue.is_none()
                && sides[pj].cue_after
                && word_count(text, sides[pj].after.clone()) <= MAX_CUE_WORDS
                && word_count(text, sides[qi].before.clone()) == 0
                && text[sides[pj].after.end..quoted[qi].open].trim().is_empty();
            if same_para && !quoted[qi].single && (same_cue || continues) {
                group.push(qi);
                continue;
            }
        }
        groups.push(vec![qi]);
    }

    let mut out: Vec<Draft> = Vec::new();
    let mut kept: Vec<(usize, bool)> = Vec::new(); // (last stretch, has cue) of each draft
    for group in groups {
        let lead = group[0];
        let members: Vec<&Quoted> = group.iter().map(|&i| &quoted[i]).collect();
        let attributed = group.iter().any(|&i| sides[i].cue.is_some() || sides[i].weak);
        let near = group.iter().any(|&i| sides[i].near);
        // A short partial quote in a sentence about one speaker is that speaker's words
        // ("Rook called the plan \"a folly\""); plain words, not a name, a title or a link.
        let subject_cue = if group.iter().all(|&i| sides[i].cue.is_none()) {
            // From the sentence's own start, past earlier quotes in it (`Rook called it "A"
            // and urged them to "B"`).
            let q = &quoted[lead];
            let from = sentence_start(text, paras[q.first_para].start, q.open);
            subject::sentence_subject(text, from..q.open, &inner)
        } else {
            None
        };
        let participle = {
            let q = &quoted[lead];
            let from = sentence_start(text, paras[q.first_para].start, q.open);
            // The phrase's comma may sit inside the marks: `the "rigged tide tables," Rook`.
            let part = q.parts[q.parts.len() - 1].clone();
            let last_words = part.start + text[part].trim_end_matches([',', ' ']).len();
            subject::participle_subject(text, from..q.open, last_words..sides[lead].after.end, &inner)
        };
        let borrowed = [&subject_cue, &participle]
            .iter()
            .any(|c| c.as_ref().is_some_and(|c| subject::is_one_speaker(text, c.subject.clone())))
            && members.iter().all(|q| !q.single && q.parts.iter().all(|r| is_plain_words(&text[r.clone()])));
        if !is_speech(text, &members, attributed, near, borrowed) || is_programme(text, &members) {
            continue;
        }
        let mut cue = group.iter().find_map(|&i| sides[i].cue.clone());
        if cue.is_none() && word_count(text, sides[lead].before.clone()) == 0 {
            cue = previous_sentence_cue(text, paras, quoted, &sides, lead, &out, &kept, &inner);
        }
        if cue.is_none() {
            // A partial quote no verb introduces: the words of the one the sentence is about.
            cue = subject_cue;
        }
        if cue.as_ref().is_none_or(|c| c.subject.start < quoted[lead].open) {
            // An opening participle phrase has no subject of its own: any subject read
            // before the quote is a misreading of it.
            if let Some(main) = participle.clone() {
                cue = Some(main);
            }
        }
        let mut pieces = Vec::new();
        let mut splits = Vec::new();
        for (n, q) in members.iter().enumerate() {
            for (k, part) in q.parts.iter().enumerate() {
                if !pieces.is_empty() {
                    splits.push(k == 0 && n > 0);
                }
                pieces.push(part.clone());
            }
        }
        let last = members[members.len() - 1];
        let credit = medium::closing_credit(text, paras[last.last_para].clone())
            .filter(|&(_, dash)| dash >= last.close)
            .map(|(name, _)| name);
        kept.push((group[group.len() - 1], cue.is_some()));
        out.push(Draft { pieces, splits, cue, last_para: last.last_para, credit });
    }
    out
}

/// For a quote opening its sentence with no cue: the speaker of the sentence before, when it
/// is an attributed quote (a quote continued in a new paragraph) or a reporting sentence
/// (`The official added:`).
#[allow(clippy::too_many_arguments)]
fn previous_sentence_cue(
    text: &str,
    paras: &[Range<usize>],
    quoted: &[Quoted],
    sides: &[Side],
    lead: usize,
    out: &[Draft],
    kept: &[(usize, bool)],
    inner: &[Range<usize>],
) -> Option<Cue> {
    let q = &quoted[lead];
    let para = &paras[q.first_para];
    let end = sides[lead].before.start;
    // The sentence's own final stop must not count as the end of the one before it.
    let last_char = |at: usize| text[..at].char_indices().next_back().map_or(0, |(i, _)| i);
    let prev = if end > para.start {
        let stop = para.start.max(text[..end].trim_end().len());
        sentence_start(text, para.start, last_char(stop).max(para.start))..stop
    } else {
        let pp = paras.get(q.first_para.checked_sub(1)?)?;
        sentence_start(text, pp.start, last_char(pp.end).max(pp.start))..pp.end
    };
    if prev.is_empty() {
        return None;
    }
    // The previous quote, when it ends inside that sentence, or earlier in this paragraph
    // with only its cue between (`"A," said Rep. G.K. Rook, head of the caucus. "B."`), and
    // has a speaker.
    if let (Some(draft), Some(&(last, true))) = (out.last(), kept.last()) {
        let close = quoted[last].close;
        let in_prev = close >= prev.start && close <= prev.end + 1;
        let same_para = quoted[last].last_para == q.first_para
            && close <= q.open
            && word_count(text, close..q.open) <= MAX_CUE_WORDS;
        if in_prev || same_para {
            return draft.cue.clone();
        }
    }
    if let Some(cue) = cue::in_sentence(text, prev.clone(), inner).pop() {
        return Some(cue);
    }
    // A sentence about one speaker right before, in the same paragraph or closing the one
    // before with a colon (`Rook made the following comment:`): the quote goes on with them.
    let colon = text[prev.clone()].trim_end().ends_with(':');
    if end > para.start || colon {
        return subject::sentence_subject(text, prev, inner)
            .filter(|c| subject::is_one_speaker(text, c.subject.clone()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::marks;
    use wiretrace_text::paragraphs;

    fn run(text: &str) -> Vec<(Vec<&str>, Option<&str>)> {
        let paras = paragraphs(text);
        let quoted = marks::find(text, &paras);
        drafts(text, &paras, &quoted)
            .into_iter()
            .map(|d| {
                let pieces = d.pieces.iter().map(|r| &text[r.clone()]).collect();
                (pieces, d.cue.map(|c| &text[c.subject]))
            })
            .collect()
    }

    #[test]
    fn split_quote_with_cue_between_sentences_is_one() {
        let text = "\"They're worried,\" Carson said. \"There is no question about it.\"";
        assert_eq!(run(text), [(vec!["They're worried,", "There is no question about it."], Some("Carson"))]);
    }

    #[test]
    fn a_cue_buried_in_reported_words_gives_way_to_the_outer_speaker() {
        let text = "Harbour master Ada Rook said the spate of storms and floods demands that the town \"build higher walls.\"";
        assert_eq!(run(text), [(vec!["build higher walls."], Some("Harbour master Ada Rook"))]);
        let text =
            "The board's notice stated they had already warned they would \"close the quay for good.\"";
        assert_eq!(run(text), [(vec!["close the quay for good."], Some("The board's notice"))]);
        // A named inner speaker keeps the quote.
        let text = "Ada Rook said Ben Tull told her the quay would \"close for good.\"";
        assert_eq!(run(text), [(vec!["close for good."], Some("Ben Tull"))]);
    }

    #[test]
    fn a_quote_in_an_opening_participle_phrase_is_the_main_subjects() {
        let text = "Bemoaning the \"rigged tide tables,\" Ada Rook accused the board of bias.";
        assert_eq!(run(text), [(vec!["rigged tide tables,"], Some("Ada Rook"))]);
        let text = "After calling the quay \"a rotten disgrace,\" she walked out of the hearing.";
        assert_eq!(run(text), [(vec!["a rotten disgrace,"], Some("she"))]);
    }

    #[test]
    fn two_speakers_in_one_paragraph_stay_apart() {
        let text =
            "\"The gates stay shut,\" Ada Rook said. \"We will open them tomorrow,\" Ben Tull replied.";
        assert_eq!(
            run(text),
            [
                (vec!["The gates stay shut,"], Some("Ada Rook")),
                (vec!["We will open them tomorrow,"], Some("Ben Tull"))
            ]
        );
    }

    #[test]
    fn scare_quotes_and_titles_are_dropped() {
        let text = "They fight for \"freedom\" and watch \"Hearts of the Northern Coast\" nightly. She said the plan was \"a mistake.\"";
        assert_eq!(run(text), [(vec!["a mistake."], Some("She"))]);
    }

    #[test]
    fn short_partial_quotes_take_the_subject_of_their_sentence() {
        let text = "Ada Rook tells her crew at the harbour to \"hold fast\" and to \"keep calm\" tonight.";
        assert_eq!(run(text), [(vec!["hold fast"], Some("Ada Rook")), (vec!["keep calm"], Some("Ada Rook"))]);
        // Not a scare quote of a crowd, a name in marks or a link.
        let text = "They fight for \"freedom\" here. Ada Rook stuck \"pic.example/x\" on the hull and met Ines \"Cia\" Vale.";
        assert_eq!(run(text), []);
    }

    #[test]
    fn quote_after_a_sentence_about_one_speaker_is_theirs() {
        let text =
            "His old partner at Lenox, Ada B. Rook, called him a master. \"He saw deals nobody else could.\"";
        assert_eq!(run(text), [(vec!["He saw deals nobody else could."], Some("Ada B. Rook"))]);
        let text = "On May 2, Rook made the following comment:\n\n“The tide will turn within the year.”";
        assert_eq!(run(text), [(vec!["The tide will turn within the year."], Some("Rook"))]);
    }

    #[test]
    fn second_part_after_a_cue_with_initials_keeps_the_speaker() {
        let text = "“A bad day,” said Rep. A.B. Rook (D-Est.), head of the caucus. “It is a disgrace.”";
        let got = run(text);
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].1, Some("Rep. A.B"));
    }

    #[test]
    fn transcript_turns_take_their_label() {
        let text = "Partial transcript:\n\n\"HOST: Will it open?\n\n\"ROOK: It will.\n\n\"On time, too.";
        assert_eq!(
            run(text),
            [(vec!["Will it open?"], Some("HOST")), (vec!["It will.", "On time, too."], Some("ROOK"))]
        );
    }

    #[test]
    fn cueless_paragraph_quote_takes_the_previous_speaker() {
        let text =
            "“We will hold the line,” Mr Dobrev said.\n\n“Nobody here wants another winter like that one.”";
        let got = run(text);
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].1, Some("Mr Dobrev"));
    }
}
