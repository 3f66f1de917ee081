//! Turning a cue's subject as written ("Mr Padrino", "he", "a senior official") into the
//! speaker a reader would name: short names and titles to the fullest form the article gives,
//! pronouns to the latest named speaker, descriptions kept as they are.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use wiretrace_text::{fold, media::known_outlet};

use crate::clause::{sentence_start, tokenize};
use crate::lexicon::{
    is_capitalised, is_determiner, is_inner_preposition, is_name_particle, is_not_name, is_not_person,
    is_pronoun, is_title, norm,
};

/// What kind of speaker a subject is.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Class {
    /// A name with titles dropped: "Mr. Tamsin Vale" gives "Tamsin Vale".
    Name(String),
    /// Several named people: "Rook and Vale".
    Group(String),
    Pronoun {
        plural: bool,
    },
    /// "I", "we", "you", "it": kept as written.
    Deictic(String),
    /// "the 35-year-old": a person named nearby.
    Age(String),
    Description(String),
}

/// Capitalised runs of the article that look like names, with where they start.
struct Names {
    runs: Vec<(usize, Vec<String>)>,
    /// Names a tagger marked as people (folded): persons even when the word lists disagree.
    people: HashSet<Vec<String>>,
}

fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .or_else(|| word.strip_suffix('\''))
        .or_else(|| word.strip_suffix('’'))
        .unwrap_or(word)
}

fn is_possessive(word: &str) -> bool {
    strip_possessive(word).len() != word.len()
}

/// The name inside a capitalised run: after any possessive ("Venezuela's President ...") and
/// leading titles or sentence words, with a final possessive dropped.
fn name_of(run: &[&str]) -> Option<Vec<String>> {
    let last_possessive = run[..run.len().saturating_sub(1)].iter().rposition(|w| is_possessive(w));
    let mut words = &run[last_possessive.map_or(0, |p| p + 1)..];
    while let Some(first) = words.first() {
        if is_title(first) || is_not_name(first) || !is_capitalised(first) {
            words = &words[1..];
        } else {
            break;
        }
    }
    let (last, rest) = words.split_last()?;
    let mut out: Vec<String> = rest.iter().map(|w| w.trim_end_matches('.').to_string()).collect();
    out.push(strip_possessive(last).to_string());
    Some(out)
}

fn folded(words: &[String]) -> Vec<String> {
    words.iter().map(|w| fold(w)).collect()
}

fn looks_personal(words: &[String]) -> bool {
    !words.iter().any(|w| is_not_person(w)) && known_outlet(&words.join(" ")).is_none()
}

/// A line in Title Case is a headline; its capitals say nothing about names.
fn is_headline(text: &str, para: Range<usize>) -> bool {
    let long: Vec<&str> = text[para]
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    long.len() >= 3 && long.iter().filter(|w| is_capitalised(w)).count() * 10 >= long.len() * 7
}

impl Names {
    fn new(text: &str, paras: &[Range<usize>], people: &[Range<usize>]) -> Self {
        let mut runs = Vec::new();
        for para in paras.iter().filter(|p| !is_headline(text, (*p).clone())) {
            let toks = tokenize(text, para.clone());
            let mut run: Vec<(usize, &str)> = Vec::new();
            for (i, t) in toks.iter().enumerate() {
                let w = t.text(text);
                let continues = t.is_word()
                    && (is_capitalised(w)
                        || (is_name_particle(w)
                            && !run.is_empty()
                            && toks.get(i + 1).is_some_and(|n| is_capitalised(n.text(text)))));
                if continues {
                    run.push((t.start, w));
                }
                if !continues
                    || is_possessive(w) && i + 1 < toks.len() && !is_capitalised(toks[i + 1].text(text))
                {
                    flush(&mut runs, &mut run);
                }
            }
            flush(&mut runs, &mut run);
        }
        let mut known = HashSet::new();
        for mention in people {
            let toks = tokenize(text, mention.clone());
            let words: Vec<&str> = toks.iter().filter(|t| t.is_word()).map(|t| t.text(text)).collect();
            let Some(name) = (!words.is_empty()).then(|| name_of(&words)).flatten() else {
                continue;
            };
            known.insert(folded(&name));
            // A tagged name the capitalisation rules missed (a headline, a lower-case particle).
            if !runs.iter().any(|(start, words)| *start == mention.start && *words == name) {
                runs.push((mention.start, name));
            }
        }
        runs.sort_by_key(|(start, _)| *start);
        Names { runs, people: known }
    }

    fn is_person(&self, words: &[String]) -> bool {
        self.people.contains(&folded(words)) || looks_personal(words)
    }

    /// The longest name before `at` that ends with `short` or, for one word, holds it as a
    /// surname ("Padrino" in "Vladimir Padrino Lopez").
    fn fullest(&self, short: &[String], at: usize) -> Option<&[String]> {
        let want = folded(short);
        self.runs
            .iter()
            .filter(|(start, words)| {
                *start <= at && words.len() > want.len() && words.len() <= 5 && self.is_person(words)
            })
            .filter(|(_, words)| {
                let have = folded(words);
                have.ends_with(&want) || (want.len() == 1 && have[1..].contains(&want[0]))
            })
            .max_by_key(|(start, words)| (words.len(), std::cmp::Reverse(*start)))
            .map(|(_, words)| words.as_slice())
    }

    /// The latest name before `at` that opens its sentence (the sentence's subject), in the
    /// paragraph of `at` or the one before, with where it starts; a person's when `person`.
    fn latest_subject(
        &self,
        text: &str,
        paras: &[Range<usize>],
        at: usize,
        person: bool,
    ) -> Option<(usize, Vec<String>)> {
        let here = paras.partition_point(|p| p.end < at);
        let floor = paras.get(here.saturating_sub(1)).map_or(0, |p| p.start);
        self.runs
            .iter()
            .rev()
            .skip_while(|(start, _)| *start >= at)
            .take_while(|(start, _)| *start >= floor)
            .filter(|(start, words)| {
                // One capitalised word opening a sentence is a name only when the article
                // gives it in full earlier or a tagger marked it.
                let named = words.len() >= 2
                    || self.people.contains(&folded(words))
                    || self.fullest(words, *start).is_some();
                words.len() <= 5 && named && (!person || self.is_person(words))
            })
            .find(|(start, _)| {
                let para = &paras[paras.partition_point(|p| p.end < *start).min(paras.len() - 1)];
                sentence_start(text, para.start.min(*start), *start) == *start
            })
            .map(|(start, words)| {
                let full = if person { self.fullest(words, *start) } else { None };
                (*start, full.unwrap_or(words).to_vec())
            })
    }

    /// The latest person-looking name of two words or more before `at`.
    fn latest_person(&self, at: usize) -> Option<&[String]> {
        self.runs
            .iter()
            .rev()
            .find(|(start, words)| *start < at && (2..=4).contains(&words.len()) && self.is_person(words))
            .map(|(_, words)| words.as_slice())
    }
}

fn flush(runs: &mut Vec<(usize, Vec<String>)>, run: &mut Vec<(usize, &str)>) {
    if let Some(&(start, _)) = run.first() {
        let words: Vec<&str> = run.iter().map(|&(_, w)| w).collect();
        if let Some(name) = name_of(&words) {
            runs.push((start, name));
        }
    }
    run.clear();
}

fn classify(text: &str, span: Range<usize>) -> Class {
    let toks = tokenize(text, span.clone());
    let words: Vec<&str> = toks.iter().filter(|t| t.is_word()).map(|t| t.text(text)).collect();
    let as_written = || {
        let s = &text[span.clone()];
        match words.first() {
            Some(first) if is_determiner(first) && is_capitalised(first) => {
                let mut out = first.to_lowercase();
                out.push_str(&s[first.len()..]);
                out
            }
            _ => s.to_string(),
        }
    };
    if words.len() == 1 && is_pronoun(words[0]) {
        return match norm(words[0]).as_str() {
            "he" | "she" => Class::Pronoun { plural: false },
            "they" => Class::Pronoun { plural: true },
            _ => Class::Deictic(words[0].to_string()),
        };
    }
    if words.len() == 2 && norm(words[0]) == "the" && words[1].ends_with("-year-old") {
        return Class::Age(as_written());
    }
    if words.windows(3).any(|w| w[1] == "and" && is_capitalised(w[0]) && is_capitalised(w[2])) {
        return Class::Group(as_written());
    }
    match words.last() {
        Some(last) if is_capitalised(last) => {
            let start =
                words.iter().rposition(|w| !(is_capitalised(w) || is_name_particle(w))).map_or(0, |p| p + 1);
            // "the report in BNC", "documents seen by BNC": the head is the common noun.
            let object = start >= 2
                && is_inner_preposition(&norm(words[start - 1]))
                && words[..start - 1].iter().any(|w| !is_capitalised(w) && !is_determiner(w));
            match name_of(&words[start..]) {
                Some(name) if !object => Class::Name(name.join(" ")),
                _ => Class::Description(as_written()),
            }
        }
        _ => Class::Description(as_written()),
    }
}

/// Resolves every subject of an article in reading order, so pronouns see the speakers
/// before them.
pub(crate) struct Resolver<'t> {
    text: &'t str,
    paras: Vec<Range<usize>>,
    names: Names,
}

impl<'t> Resolver<'t> {
    /// `people`: byte ranges of person mentions from a tagger, possibly none.
    pub fn new(text: &'t str, paras: &[Range<usize>], people: &[Range<usize>]) -> Self {
        Resolver { text, paras: paras.to_vec(), names: Names::new(text, paras, people) }
    }

    fn para_of(&self, at: usize) -> usize {
        self.paras.partition_point(|p| p.end < at)
    }

    /// The speaker for each subject span (byte ranges), keyed by the span.
    pub fn resolve_all(&self, spans: &[Range<usize>]) -> HashMap<(usize, usize), String> {
        let mut order: Vec<Range<usize>> = spans.to_vec();
        order.sort_by_key(|r| (r.start, r.end));
        order.dedup();
        let mut out = HashMap::new();
        // (where, resolved name, is a person) of the named speakers seen so far.
        let mut named: Vec<(usize, String, bool)> = Vec::new();
        let mut plural: Option<String> = None;
        // (head noun, description) of the descriptive speakers seen so far.
        let mut described: Vec<(String, String)> = Vec::new();
        for span in order {
            let class = classify(self.text, span.clone());
            let resolved = match class {
                Class::Name(name) => {
                    let short: Vec<String> = name.split(' ').map(str::to_string).collect();
                    let full = self.names.fullest(&short, span.start).map_or(name, |words| words.join(" "));
                    let words: Vec<String> = full.split(' ').map(str::to_string).collect();
                    named.push((span.start, full.clone(), self.names.is_person(&words)));
                    full
                }
                Class::Group(group) => {
                    plural = Some(group.clone());
                    group
                }
                Class::Pronoun { plural: false } => {
                    let speaker = named.iter().rev().find(|(_, _, person)| *person);
                    // A person who opened a sentence since the last speaker is who "he" is
                    // now (`Rook scolded him: "...," she said`).
                    let subject = self.names.latest_subject(self.text, &self.paras, span.start, true);
                    match (speaker, subject) {
                        (Some((at, _, _)), Some((start, words))) if start > *at => words.join(" "),
                        (None, Some((_, words))) => words.join(" "),
                        (Some((_, name, _)), _) => name.clone(),
                        (None, None) => self
                            .names
                            .latest_person(span.start)
                            .map(|w| w.join(" "))
                            .unwrap_or_else(|| self.text[span.clone()].to_string()),
                    }
                }
                Class::Pronoun { plural: true } => {
                    plural.clone().unwrap_or_else(|| self.text[span.clone()].to_string())
                }
                // "what it called": the body that opened the sentence.
                Class::Deictic(word) if norm(&word) == "it" => self
                    .names
                    .latest_subject(self.text, &self.paras, span.start, false)
                    .filter(|(start, _)| sentence_start(self.text, *start, span.start) == *start)
                    .map_or(word, |(_, words)| words.join(" ")),
                Class::Deictic(word) => word,
                Class::Age(description) => {
                    let here = self.para_of(span.start);
                    named
                        .iter()
                        .rev()
                        .find(|(at, _, person)| *person && here - self.para_of(*at).min(here) <= 3)
                        .map_or(description, |(_, name, _)| name.clone())
                }
                Class::Description(description) => {
                    let words: Vec<&str> = description.split_whitespace().collect();
                    let head = words.last().map(|w| norm(w)).unwrap_or_default();
                    if head.ends_with('s') && !head.ends_with("ss") {
                        plural = Some(description.clone());
                    }
                    // "the official" after "a senior harbour official": the same person.
                    let earlier = (words.len() == 2 && words[0] == "the")
                        .then(|| described.iter().rev().find(|(h, _)| *h == head))
                        .flatten()
                        .map(|(_, d)| d.clone());
                    match earlier {
                        Some(fuller) => fuller,
                        None => {
                            described.push((head, description.clone()));
                            description
                        }
                    }
                }
            };
            out.insert((span.start, span.end), resolved);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiretrace_text::paragraphs;

    fn resolve(text: &str, subjects: &[&str]) -> Vec<String> {
        let spans: Vec<Range<usize>> = subjects
            .iter()
            .map(|s| {
                let (needle, nth) = s.split_once('#').map_or((*s, 0), |(n, k)| (n, k.parse().unwrap()));
                let at = text.match_indices(needle).nth(nth).unwrap().0;
                at..at + needle.len()
            })
            .collect();
        let resolver = Resolver::new(text, &paragraphs(text), &[]);
        let map = resolver.resolve_all(&spans);
        spans.iter().map(|r| map[&(r.start, r.end)].clone()).collect()
    }

    #[test]
    fn titles_and_short_names_take_the_fullest_earlier_form() {
        let text =
            "Defence minister Ramon Okafor Diaz spoke.\n\nLater Mr Okafor said no. Gen. Tamsin Vale agreed.";
        assert_eq!(resolve(text, &["Mr Okafor", "Gen. Tamsin Vale"]), ["Ramon Okafor Diaz", "Tamsin Vale"]);
    }

    #[test]
    fn pronouns_take_the_latest_named_speaker() {
        let text = "Ines Calder said the dam held. The mayor of Port Estrel arrived. Later he said more.";
        assert_eq!(resolve(text, &["Ines Calder", "he"]), ["Ines Calder", "Ines Calder"]);
    }

    #[test]
    fn descriptions_stay_and_short_ones_take_the_earlier_fuller_one() {
        let text = "A senior harbour official said so. The official added more.";
        assert_eq!(
            resolve(text, &["A senior harbour official", "The official"]),
            ["a senior harbour official", "a senior harbour official"]
        );
        let text = "The report in BNC says so. Documents seen by BNC say more.";
        assert_eq!(
            resolve(text, &["The report in BNC", "Documents seen by BNC"]),
            ["the report in BNC", "Documents seen by BNC"]
        );
    }

    #[test]
    fn a_pronoun_after_a_new_sentence_subject_is_that_person() {
        let text = "“It floods,” said Ben Tull.\n\nSenator Ines Calder scolded him: “Not again,” she said.";
        assert_eq!(resolve(text, &["Ben Tull", "she"]), ["Ben Tull", "Ines Calder"]);
        let text = "The Harbour Council on Friday condemned what it called a disgrace.";
        assert_eq!(resolve(text, &["it"]), ["Harbour Council"]);
    }

    #[test]
    fn organisations_are_not_pronoun_antecedents() {
        let text = "Dara Moss spoke first. The Harbour Authority said no. Then she said yes.";
        assert_eq!(resolve(text, &["The Harbour Authority", "she"]), ["Harbour Authority", "Dara Moss"]);
    }
}
