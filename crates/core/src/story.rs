use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{ArticleId, Entity, Origin, ReuseLink};

/// A story's number in the store. Stable across re-runs: the store keys it by the story's
/// first article.
pub type StoryId = u64;

/// A development within a story (defectors ask for arms / secret talks / direct contact).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Event {
    /// The headline of the event's earliest article.
    pub title: String,
    pub articles: Vec<ArticleId>,
    pub first_published: Option<DateTime<Utc>>,
}

/// How one outlet carries a quote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct QuoteVariant {
    pub article: ArticleId,
    pub text: String,
}

/// One quote across the story's articles: the same words carried by several outlets are one
/// quote with variants.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StoryQuote {
    pub text: String,
    pub speaker: Option<String>,
    pub medium: Option<String>,
    pub articles: Vec<ArticleId>,
    /// The copies whose wording differs from `text`.
    pub variants: Vec<QuoteVariant>,
    /// How many independent origins carry the quote.
    pub independent_origins: usize,
}

/// A number a story reports ("over 4,000 low-ranking officers deserted") and who states it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Claim {
    /// The sentence that states it, from the earliest article carrying it.
    pub text: String,
    /// The number as written ("4,000", "1 million per cent", "212").
    pub number: String,
    pub articles: Vec<ArticleId>,
    /// Who the articles attribute it to ("Reuters", "the coastguard"), else the origins of the
    /// articles that carry it.
    pub sources: Vec<String>,
    pub independent_origins: usize,
}

/// A story with its provenance: the shape of `wiretrace story --format json` (see
/// `schema/story.schema.json`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Story {
    pub id: StoryId,
    pub title: String,
    pub summary: Option<String>,
    pub first_published: Option<DateTime<Utc>>,
    pub last_published: Option<DateTime<Utc>>,
    pub articles: Vec<ArticleId>,
    pub outlets: Vec<String>,
    pub events: Vec<Event>,
    pub origins: Vec<Origin>,
    pub independent_origins: usize,
    pub quotes: Vec<StoryQuote>,
    pub entities: Vec<Entity>,
    pub reuse: Vec<ReuseLink>,
    /// Numbers the story reports, with their sources.
    #[serde(default)]
    pub claims: Vec<Claim>,
}
