//! Text primitives every stage shares: folding (accents, case, typographic marks), char/byte
//! offset conversion, paragraphs, sentences, word tokens and shingle hashes.
//!
//! Work happens in byte offsets (fast, what `str` slicing wants); [`CharOffsets`] converts to
//! the char offsets that `wiretrace_core::Span` promises users.
//!
//! ```
//! use wiretrace_text::{fold, tokens};
//! assert_eq!(fold("Guaidó’s “plan”"), "guaido's \"plan\"");
//! let words: Vec<_> = tokens("The U.S. said").into_iter().map(|t| t.norm).collect();
//! assert_eq!(words, ["the", "us", "said"]);
//! ```

mod fold;
pub mod media;
mod offsets;
mod segment;
mod shingle;

pub use fold::{fold, fold_char, is_stopword, STOPWORDS};
pub use offsets::CharOffsets;
pub use segment::{paragraphs, sentences, tokens, Token};
pub use shingle::{hash_str, shingles};
