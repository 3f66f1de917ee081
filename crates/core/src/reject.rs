use serde::{Deserialize, Serialize};
use std::fmt;

/// The stage that turned an input away.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Read,
    Extract,
    Store,
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Stage::Read => "read",
            Stage::Extract => "extract",
            Stage::Store => "store",
        })
    }
}

/// An input that could not become an article, and why. Rejections are data: they are counted
/// and reported, and the batch goes on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Rejection {
    /// The file (and for JSONL, `:line`) that was turned away.
    pub source: String,
    pub stage: Stage,
    pub reason: String,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({})", self.source, self.reason, self.stage)
    }
}
