//! Finds passages articles share, the direction of copying, and the origins of their reporting.
//!
//! Articles are cut into folded words (`U.S.` = `US`) and 5-word shingles, winnowed so about a
//! fifth of them are kept; an inverted index from those hashes to articles finds candidate
//! pairs (incrementally with [`ReuseIndex`], or over a whole corpus read from an
//! [`ArticleSource`] with [`find_reuse_batch`], which keeps no text in memory), and a local
//! alignment seeded by the shared shingles confirms them, allowing changed, inserted and
//! dropped words inside a passage. Stock phrases ("officials said on Tuesday") are too short to
//! make a passage, so they never link articles. Each link gets a [`Direction`] from attribution
//! cues, publication times and containment ([`direction`]); [`origins`] groups the articles by
//! the wire, broadcaster or outlet whose reporting they carry.
//!
//! ```
//! use wiretrace_core::{Article, Direction};
//! use wiretrace_reuse::{attribution_cues, find_reuse};
//!
//! let wire = "Two former Valdorian soldiers who crossed into Brennick last year say hundreds \
//!             of serving troops are ready to turn against the president in the capital.";
//! let mut original = Article::new("bnc-1", wire);
//! original.outlet = Some("BNC".into());
//! let copy = Article::new(
//!     "ledger-7",
//!     format!("{wire} -BNC\n\nThe Harbour Ledger could not verify the claims."),
//! );
//! let links = find_reuse(&[original, copy.clone()]);
//! assert_eq!(links.len(), 1);
//! // The copy signs off with "-BNC" and bnc-1 is BNC's article: bnc-1 is the source.
//! assert_eq!(links[0].direction, Direction::AToB);
//! let span = links[0].passages[0].b();
//! assert!(span.slice(&copy.text).starts_with("Two former Valdorian soldiers"));
//! assert_eq!(attribution_cues(&copy)[0].origin, "BNC");
//! ```

mod align;
mod batch;
mod cues;
mod direction;
mod fingerprint;
mod index;
mod origins;

pub use batch::{find_reuse_batch, ArticleSource, BatchReport};
pub use cues::attribution_cues;
pub use direction::direction;
pub use index::{ReuseConfig, ReuseIndex};
pub use origins::origins;
pub use wiretrace_core::{AttributionCue, CueKind, Direction, Origin, OriginKind, Passage, ReuseLink};

use wiretrace_core::Article;

/// All links among `articles`: each pair once, `a < b` by id, passages sorted by `a_start`,
/// links sorted by `(a, b)`. The same result as inserting the articles into a [`ReuseIndex`] one
/// by one and querying each before inserting it, computed in parallel by [`find_reuse_batch`].
pub fn find_reuse(articles: &[Article]) -> Vec<ReuseLink> {
    find_reuse_batch(articles, 0, &ReuseConfig::default()).0
}
