use serde::{Deserialize, Serialize};

use crate::{ArticleId, Span};

/// One passage two articles share: where it sits in each, and how alike the two copies are
/// (1.0 verbatim, lower for light edits).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Passage {
    pub a_start: usize,
    pub a_end: usize,
    pub b_start: usize,
    pub b_end: usize,
    pub similarity: f32,
}

impl Passage {
    pub fn a(&self) -> Span {
        Span::new(self.a_start, self.a_end)
    }
    pub fn b(&self) -> Span {
        Span::new(self.b_start, self.b_end)
    }
}

/// Who copied whom, as far as the evidence allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Direction {
    /// `a` is the earlier text; `b` carries it.
    #[serde(rename = "a->b")]
    AToB,
    #[serde(rename = "b->a")]
    BToA,
    #[serde(rename = "unknown")]
    Unknown,
}

/// All passages shared by two articles. By convention `a < b` (ids compared as strings), so a
/// pair appears once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReuseLink {
    pub a: ArticleId,
    pub b: ArticleId,
    pub direction: Direction,
    pub passages: Vec<Passage>,
}

impl ReuseLink {
    /// Total chars of `a` covered by shared passages.
    pub fn shared_chars_a(&self) -> usize {
        self.passages.iter().map(|p| p.a_end - p.a_start).sum()
    }
}

/// How an article names the source of its reporting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CueKind {
    /// `... told CNN`, `in an interview with Reuters`
    Told,
    /// a trailing `-CNN` at the end of a paragraph
    Dash,
    /// `according to Reuters`, `reports Reuters`, `a report by CNN`
    AccordingTo,
    /// `With files from Reuters`
    WithFiles,
    /// a dateline `(AP)` / `(Reuters)`
    Dateline,
    /// a photo or handout credit (`via REUTERS`): the outlet's material is used, weakly
    Credit,
}

/// One place where an article attributes its reporting to a wire, broadcaster or outlet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AttributionCue {
    pub article: ArticleId,
    /// The origin named, in its canonical spelling (`Reuters`, `CNN`).
    pub origin: String,
    pub kind: CueKind,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OriginKind {
    /// a wire service or broadcaster named by attribution cues
    Attributed,
    /// the outlet's own reporting: no cue and no copied passages point elsewhere
    OwnReporting,
}

/// A source of reporting (wire service, broadcaster or outlet) and the articles that carry it.
/// Articles may carry several origins (a story with files from two wires).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Origin {
    pub name: String,
    pub kind: OriginKind,
    pub articles: Vec<ArticleId>,
}
