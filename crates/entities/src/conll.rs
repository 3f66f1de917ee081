//! CoNLL-2003 data (`word POS chunk NER` a line, IOB2 or IOB1 tags, a blank line between
//! sentences, `-DOCSTART-` between documents) and entity spans in the conlleval sense.

use std::ops::Range;

use wiretrace_core::EntityKind;

use crate::error::{Error, Result};

/// The four CoNLL entity types, in the order used throughout the tagger.
pub const TYPES: [EntityKind; 4] =
    [EntityKind::Person, EntityKind::Organization, EntityKind::Location, EntityKind::Misc];

/// Index of a kind in [`TYPES`].
pub fn type_index(kind: EntityKind) -> usize {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Organization => 1,
        EntityKind::Location => 2,
        EntityKind::Misc => 3,
    }
}

/// An entity over tokens `range` of one sentence.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EntitySpan {
    pub range: Range<usize>,
    pub kind: EntityKind,
}

/// One sentence: its words and, when labelled, its entities.
#[derive(Clone, Debug, Default)]
pub struct Sentence {
    pub words: Vec<String>,
    pub entities: Vec<EntitySpan>,
}

/// A document: the unit within which the tagger shares evidence (a name seen in full earlier).
#[derive(Clone, Debug, Default)]
pub struct Document {
    pub sentences: Vec<Sentence>,
}

impl Document {
    pub fn tokens(&self) -> usize {
        self.sentences.iter().map(|s| s.words.len()).sum()
    }
}

/// Reads CoNLL text into documents. A file without `-DOCSTART-` is one document.
pub fn parse(text: &str) -> Result<Vec<Document>> {
    let mut docs = vec![Document::default()];
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let flush = |docs: &mut Vec<Document>, words: &mut Vec<String>, tags: &mut Vec<String>| {
        if !words.is_empty() {
            let entities = spans_from_iob(tags);
            let doc = docs.last_mut().expect("at least one document");
            doc.sentences.push(Sentence { words: std::mem::take(words), entities });
            tags.clear();
        }
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            flush(&mut docs, &mut words, &mut tags);
            continue;
        }
        let mut cols = line.split_whitespace();
        let word = cols.next().unwrap_or_default();
        if word == "-DOCSTART-" {
            flush(&mut docs, &mut words, &mut tags);
            if docs.last().is_some_and(|d| !d.sentences.is_empty()) {
                docs.push(Document::default());
            }
            continue;
        }
        let tag =
            cols.last().ok_or_else(|| Error::Conll { line: n + 1, reason: format!("no tag in {line:?}") })?;
        if tag != "O" && parse_tag(tag).is_none() {
            return Err(Error::Conll { line: n + 1, reason: format!("unknown tag {tag:?}") });
        }
        words.push(word.to_string());
        tags.push(tag.to_string());
    }
    flush(&mut docs, &mut words, &mut tags);
    docs.retain(|d| !d.sentences.is_empty());
    Ok(docs)
}

fn parse_tag(tag: &str) -> Option<(char, EntityKind)> {
    let (prefix, kind) = tag.split_once('-')?;
    let kind = match kind {
        "PER" => EntityKind::Person,
        "ORG" => EntityKind::Organization,
        "LOC" => EntityKind::Location,
        "MISC" => EntityKind::Misc,
        _ => return None,
    };
    let p = match prefix {
        "B" | "I" | "E" | "S" | "L" | "U" => prefix.chars().next()?,
        _ => return None,
    };
    Some((p, kind))
}

/// Entity spans of IOB tags as conlleval reads them: an entity starts at a `B-`, at an `I-`
/// after `O`, or at a change of type, and runs while `I-` tags of its type follow.
pub fn spans_from_iob<S: AsRef<str>>(tags: &[S]) -> Vec<EntitySpan> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let parsed = parse_tag(tag.as_ref());
        let continues = matches!((parsed, open), (Some(('I', k)), Some((_, o))) if k == o);
        if continues {
            continue;
        }
        if let Some((start, kind)) = open.take() {
            out.push(EntitySpan { range: start..i, kind });
        }
        if let Some((_, kind)) = parsed {
            open = Some((i, kind));
        }
    }
    if let Some((start, kind)) = open {
        out.push(EntitySpan { range: start..tags.len(), kind });
    }
    out
}

/// Entity-level counts as conlleval keeps them: an entity is right when its tokens and type
/// both match.
#[derive(Clone, Debug, Default)]
pub struct Score {
    /// Per type (order of [`TYPES`]): correct, predicted, gold.
    pub counts: [[usize; 3]; 4],
}

/// Precision, recall and F1.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Score {
    pub fn add(&mut self, gold: &[EntitySpan], predicted: &[EntitySpan]) {
        for g in gold {
            self.counts[type_index(g.kind)][2] += 1;
        }
        for p in predicted {
            let c = &mut self.counts[type_index(p.kind)];
            c[1] += 1;
            if gold.contains(p) {
                c[0] += 1;
            }
        }
    }

    /// One type's figures, or all types' when `kind` is `None`.
    pub fn prf(&self, kind: Option<EntityKind>) -> Prf {
        let [correct, predicted, gold] = match kind {
            Some(k) => self.counts[type_index(k)],
            None => self.counts.iter().fold([0; 3], |a, c| [a[0] + c[0], a[1] + c[1], a[2] + c[2]]),
        };
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let (precision, recall) = (ratio(correct, predicted), ratio(correct, gold));
        let f1 =
            if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        Prf { precision, recall, f1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_sentences_and_spans() {
        let text = "-DOCSTART- -X- -X- O\n\nAldo NNP B-NP B-PER\nBrenn NNP I-NP I-PER\nvisited VBD B-VP O\n\
                    Port NNP B-NP B-LOC\nEstrel NNP I-NP I-LOC\n. . O O\n\n-DOCSTART- -X- -X- O\n\n\
                    Valdoria NNP B-NP I-ORG\nBank NNP I-NP I-ORG\nrose VBD B-VP O\n";
        let docs = parse(text).unwrap();
        assert_eq!(docs.len(), 2);
        let s = &docs[0].sentences[0];
        assert_eq!(s.words.len(), 6);
        assert_eq!(
            s.entities,
            [
                EntitySpan { range: 0..2, kind: EntityKind::Person },
                EntitySpan { range: 3..5, kind: EntityKind::Location }
            ]
        );
        // IOB1: an `I-` after `O` opens an entity.
        assert_eq!(
            docs[1].sentences[0].entities,
            [EntitySpan { range: 0..2, kind: EntityKind::Organization }]
        );
    }

    #[test]
    fn score_counts_exact_spans_only() {
        let per = |r: Range<usize>| EntitySpan { range: r, kind: EntityKind::Person };
        let mut s = Score::default();
        s.add(&[per(0..2), per(4..5)], &[per(0..2), per(4..6)]);
        let all = s.prf(None);
        assert_eq!((all.precision, all.recall, all.f1), (0.5, 0.5, 0.5));
        assert_eq!(s.prf(Some(EntityKind::Location)).f1, 0.0);
    }

    #[test]
    fn a_bad_tag_names_its_line() {
        let err = parse("Aldo NNP B-NP B-PERSON\n").unwrap_err();
        assert!(err.to_string().contains("line 1"), "{err}");
    }
}
