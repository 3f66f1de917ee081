use serde::{Deserialize, Serialize};

use crate::{ArticleId, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// words between quote marks
    Direct,
    /// reported speech with a cue: `Bolton warned that ...`
    Indirect,
}

/// One quote in one article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Quote {
    pub article: ArticleId,
    /// The quoted words without the marks; split quotes joined with ` ... `.
    pub text: String,
    /// From the first quoted char to the last, marks excluded.
    pub span: Span,
    /// Who said it, as the article names them (resolved to the fullest form in the article).
    pub speaker: Option<String>,
    pub speaker_span: Option<Span>,
    /// The outlet the words were given to (`told CNN` gives `CNN`).
    pub medium: Option<String>,
    pub kind: QuoteKind,
}
