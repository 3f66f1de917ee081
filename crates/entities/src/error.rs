//! The one error type of the crate.

/// What can go wrong reading labelled data or a model.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("line {line} of the CoNLL data: {reason}")]
    Conll { line: usize, reason: String },
    #[error("the NER model is unreadable: {0}")]
    Model(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

pub type Result<T> = std::result::Result<T, Error>;
