//! People, organisations and places: mention tagging and one entity per spelling.
//!
//! [`tag_mentions`] finds the named mentions of one article (a rule-based tagger for now, see
//! `tagger.rs`); [`resolve_entities`] folds the mentions of one story into entities, so that
//! `Guaidó`, `Guaido`, `Guiado`, `Mr Guaido` and `Juan Guaido` are one person.
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
//! assert_eq!(elena.mentions, 3);
//! assert_eq!(elena.articles, ["a", "b"]);
//! ```

mod lexicon;
mod normalize;
mod tagger;

pub use normalize::resolve_entities;
pub use tagger::tag_mentions;
