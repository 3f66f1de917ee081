//! People, organisations and places: mention tagging and one entity per spelling.
//!
//! [`tag_mentions`] finds the named mentions of one article with a tagger trained on CoNLL
//! news by this crate's own code (a structured averaged perceptron, see `train.rs`; the model
//! ships inside the binary); [`resolve_entities`] folds the mentions of one story into
//! entities, so that `Guaidó`, `Guaido`, `Guiado`, `Mr Guaido` and `Juan Guaido` are one person.
//!
//! ```
//! use wiretrace_core::{Article, EntityKind};
//! use wiretrace_entities::{resolve_entities, tag_mentions};
//!
//! let a = Article::new("a", "Port Estrel mayor Elena Marqués said the dam held.");
//! let b = Article::new("b", "Ms Marques told the Harbour Times that Elena Marques was right.");
//! let mut mentions = tag_mentions(&a);
//! mentions.extend(tag_mentions(&b));
//! let entities = resolve_entities(&mentions);
//! let elena = entities.iter().find(|e| e.name == "Elena Marqués").unwrap();
//! assert_eq!(elena.kind, EntityKind::Person);
//! assert_eq!(elena.articles, ["a", "b"]);
//! ```

pub mod conll;
mod error;
mod features;
mod lexicon;
mod model;
mod normalize;
mod tagger;
mod tokenize;
mod train;

pub use error::{Error, Result};
pub use model::Model;
pub use normalize::resolve_entities;
pub use tagger::{embedded_model, tag_mentions, tag_with};
pub use train::{train, EpochReport, TrainOptions, TrainReport};
