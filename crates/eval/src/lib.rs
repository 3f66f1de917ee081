//! Scores wiretrace's stages against labelled data sets: one module per stage, each with the
//! metric its field uses (BCubed for clustering, conlleval for NER, citron's span scores for
//! quotes, WCXB's word overlap for extraction).
//!
//! ```
//! use wiretrace_eval::clusters::score_clusters;
//! let gold = ["a", "a", "b", "b"];
//! let predicted = [1, 1, 2, 3];
//! let s = score_clusters(&predicted, &gold);
//! assert_eq!(s.bcubed_precision, 1.0);
//! assert!(s.bcubed_recall < 1.0);
//! ```

pub mod clusters;
pub mod extract;
pub mod ner;
pub mod quotes;
