//! Named entities against CoNLL-format data (`word POS chunk NER`, IOB tags, `-DOCSTART-`
//! lines): entity-level precision, recall and F1 per type and overall, as conlleval counts
//! them (an entity is right only when its first token, last token and type all match), and
//! the tagger's speed on one core.
//!
//! ```no_run
//! let docs = wiretrace_eval::ner::read_conll("dev.txt".as_ref()).unwrap();
//! let model = wiretrace_entities::embedded_model().unwrap();
//! let s = wiretrace_eval::ner::score(model, &docs);
//! println!("F1 {:.4}", s.overall.f1);
//! ```

use std::path::Path;
use std::time::Instant;

use wiretrace_core::EntityKind;
use wiretrace_entities::conll::{parse, Document, Prf, Score, TYPES};
use wiretrace_entities::Model;

/// The figures of one run.
#[derive(Clone, Debug)]
pub struct NerScores {
    pub overall: Prf,
    pub per_type: Vec<(EntityKind, Prf)>,
    pub score: Score,
    pub tokens: usize,
    pub tokens_per_second: f64,
}

/// Reads a CoNLL file.
pub fn read_conll(path: &Path) -> wiretrace_entities::Result<Vec<Document>> {
    parse(&std::fs::read_to_string(path)?)
}

/// Tags every document with `model` (one thread) and scores it against the gold entities.
pub fn score(model: &Model, docs: &[Document]) -> NerScores {
    let started = Instant::now();
    let predicted: Vec<_> = docs.iter().map(|d| model.tag_document(d)).collect();
    let seconds = started.elapsed().as_secs_f64();
    let mut score = Score::default();
    for (doc, pred) in docs.iter().zip(&predicted) {
        for (s, p) in doc.sentences.iter().zip(pred) {
            score.add(&s.entities, p);
        }
    }
    let tokens = docs.iter().map(Document::tokens).sum();
    NerScores {
        overall: score.prf(None),
        per_type: TYPES.iter().map(|&k| (k, score.prf(Some(k)))).collect(),
        score,
        tokens,
        tokens_per_second: tokens as f64 / seconds.max(1e-9),
    }
}
