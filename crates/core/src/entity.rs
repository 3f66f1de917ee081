use serde::{Deserialize, Serialize};

use crate::{ArticleId, Span};

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum EntityKind {
    #[serde(rename = "PER")]
    Person,
    #[serde(rename = "ORG")]
    Organization,
    #[serde(rename = "LOC")]
    Location,
    #[serde(rename = "MISC")]
    Misc,
}

impl EntityKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityKind::Person => "PER",
            EntityKind::Organization => "ORG",
            EntityKind::Location => "LOC",
            EntityKind::Misc => "MISC",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "PER" => EntityKind::Person,
            "ORG" => EntityKind::Organization,
            "LOC" => EntityKind::Location,
            "MISC" => EntityKind::Misc,
            _ => return None,
        })
    }
}

/// One place an article names an entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Mention {
    pub article: ArticleId,
    pub span: Span,
    /// The words as written (`Guiado`, `Mr Maduro`).
    pub text: String,
    pub kind: EntityKind,
}

/// One entity within a story: every spelling folded into one canonical name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Entity {
    /// The fullest, most common spelling (`Juan Guaidó`).
    pub name: String,
    pub kind: EntityKind,
    /// Every other spelling seen (`Guaido`, `Guiado`, `Mr Guaido`).
    pub variants: Vec<String>,
    pub mentions: usize,
    pub articles: Vec<ArticleId>,
}
