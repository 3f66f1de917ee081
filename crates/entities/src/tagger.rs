//! Mentions of one article from the trained model (`model/ner.bin.gz`, embedded in the
//! binary): the article is tokenized as CoNLL was, tagged as one document (so a name seen in
//! full earlier informs its surname later), and each entity is mapped back to char offsets.

use once_cell::sync::Lazy;
use wiretrace_core::{Article, EntityKind, Mention, Span};
use wiretrace_text::{fold, CharOffsets};

use crate::conll::Document;
use crate::lexicon::{is_first_name, is_honorific};
use crate::model::Model;
use crate::tokenize::tokenize;

/// The committed model, trained by `wiretrace train ner`.
static MODEL_BYTES: &[u8] = include_bytes!("../model/ner.bin.gz");

static MODEL: Lazy<Option<Model>> = Lazy::new(|| Model::from_bytes(MODEL_BYTES).ok());

/// The model embedded in the binary (`None` only in a build without a trained model).
pub fn embedded_model() -> Option<&'static Model> {
    MODEL.as_ref()
}

/// Named mentions in one article (char offsets into `Article.text`), sorted by span start.
pub fn tag_mentions(article: &Article) -> Vec<Mention> {
    match embedded_model() {
        Some(model) => tag_with(model, article),
        None => Vec::new(),
    }
}

/// [`tag_mentions`] with a given model.
pub fn tag_with(model: &Model, article: &Article) -> Vec<Mention> {
    let text = article.text.as_str();
    let tokenized = tokenize(text);
    let doc = Document { sentences: tokenized.iter().map(|t| t.sentence.clone()).collect() };
    let tagged = model.tag_document(&doc);
    let offsets = CharOffsets::new(text);
    let mut mentions = Vec::new();
    for (t, spans) in tokenized.iter().zip(tagged) {
        for mut e in spans {
            // A common given name opening a two- or three-word name makes it a person, whatever
            // the gazetteer said of the surname (`Ana Reyes`, not a place).
            if e.range.len() >= 2
                && e.range.len() <= 3
                && e.kind != EntityKind::Person
                && is_first_name(&fold(&t.sentence.words[e.range.start]))
            {
                e.kind = EntityKind::Person;
            }
            // The project keeps an honorific inside a person's span (`Mr Brenn`); CoNLL does not.
            let first = match e.range.start.checked_sub(1) {
                Some(h) if e.kind == EntityKind::Person && is_honorific(&fold(&t.sentence.words[h])) => h,
                _ => e.range.start,
            };
            let start = t.ranges[first].start;
            let end = t.ranges[e.range.end - 1].end;
            mentions.push(Mention {
                article: article.id.clone(),
                span: Span::new(offsets.to_char(start), offsets.to_char(end)),
                text: text[start..end].to_string(),
                kind: e.kind,
            });
        }
    }
    mentions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tagged(text: &str) -> Vec<(String, &'static str)> {
        let mentions = tag_mentions(&Article::new("t", text));
        for m in &mentions {
            assert_eq!(m.span.slice(text), m.text, "{m:?}");
        }
        mentions.into_iter().map(|m| (m.text, m.kind.as_str())).collect()
    }

    fn has(tags: &[(String, &str)], text: &str, kind: &str) -> bool {
        tags.iter().any(|(t, k)| t == text && *k == kind)
    }

    #[test]
    fn the_embedded_model_loads() {
        assert!(embedded_model().is_some_and(|m| m.features() > 1000));
    }

    #[test]
    fn clear_cases_get_their_kind() {
        let tags = tagged(
            "President Aldo Brenn told reporters in London on Tuesday that the European Union \
             would act. Brenn said the Valdoria Workers Party had not been consulted.",
        );
        assert!(has(&tags, "Aldo Brenn", "PER"), "{tags:?}");
        assert!(has(&tags, "Brenn", "PER"), "{tags:?}");
        assert!(has(&tags, "London", "LOC"), "{tags:?}");
        assert!(has(&tags, "European Union", "ORG"), "{tags:?}");
        assert!(!tags.iter().any(|(t, _)| t == "Tuesday" || t.starts_with("President")), "{tags:?}");
    }

    #[test]
    fn honorific_and_possessive_spans() {
        let text = "Mr Brenn’s plan was praised by Ms. Ferrat Lind in Paris.";
        let tags = tagged(text);
        assert!(has(&tags, "Mr Brenn", "PER"), "{tags:?}");
        assert!(has(&tags, "Ms. Ferrat Lind", "PER"), "{tags:?}");
        assert!(has(&tags, "Paris", "LOC"), "{tags:?}");
    }

    #[test]
    fn offsets_count_chars_in_accented_text() {
        let text = "«Señal» — Elena Marqués met José Ñúñez in Bogotá on Friday.";
        let mentions = tag_mentions(&Article::new("a", text));
        let texts: Vec<&str> = mentions.iter().map(|m| m.text.as_str()).collect();
        assert!(texts.contains(&"Elena Marqués") && texts.contains(&"Bogotá"), "{texts:?}");
        for m in &mentions {
            assert_eq!(m.span.slice(text), m.text, "{m:?}");
        }
        assert!(mentions.windows(2).all(|w| w[0].span.start <= w[1].span.start));
    }
}
