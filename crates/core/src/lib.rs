//! The types that cross wiretrace's stage boundaries.
//!
//! Every stage (ingest, reuse, quotes, entities, stories) takes and returns these types and
//! nothing else, so stages never depend on one another: only `wiretrace-pipeline` knows their
//! order. This crate does no I/O.
//!
//! **Offsets.** Every [`Span`] counts Unicode scalar values (`char`s) of [`Article::text`], the
//! stored, cleaned body. That is what users and the JSON output see; stage code that works in
//! bytes converts at its boundary (see `wiretrace_text::CharOffsets`).
//!
//! ```
//! use wiretrace_core::{Article, Span};
//! let article = Article::new("a1", "Port Estrel, March 3: the dam held.");
//! let span = Span::new(0, 11);
//! assert_eq!(span.slice(&article.text), "Port Estrel");
//! ```

mod article;
mod entity;
mod provenance;
mod quote;
mod reject;
mod story;

pub use article::{content_hash, Article, ArticleId};
pub use entity::{Entity, EntityKind, Mention};
pub use provenance::{AttributionCue, CueKind, Direction, Origin, OriginKind, Passage, ReuseLink};
pub use quote::{Quote, QuoteKind};
pub use reject::{Rejection, Stage};
pub use story::{Claim, Event, QuoteVariant, Story, StoryId, StoryQuote};

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of `char` offsets into an article's text.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Whether the two spans share at least one char.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers. Slow (walks the string); for display and tests, not hot loops.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        let mut indices = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len()));
        let start = indices.nth(self.start).unwrap_or(text.len());
        let end = if self.end == self.start {
            start
        } else {
            indices.nth(self.end - self.start - 1).unwrap_or(text.len())
        };
        &text[start..end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_counts_chars_not_bytes() {
        let text = "Señor Marqués dijo";
        assert_eq!(Span::new(6, 13).slice(text), "Marqués");
        assert_eq!(Span::new(14, 18).slice(text), "dijo");
        assert_eq!(Span::new(3, 3).slice(text), "");
    }

    #[test]
    fn overlap_is_strict_on_touching_ends() {
        assert!(!Span::new(0, 5).overlaps(&Span::new(5, 9)));
        assert!(Span::new(0, 6).overlaps(&Span::new(5, 9)));
    }
}
