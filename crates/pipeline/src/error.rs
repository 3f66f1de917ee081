/// Why a run stopped. Bad *input* never stops a run (it becomes a `Rejection`); only the store
/// failing does.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] wiretrace_store::Error),
}

pub type Result<T> = std::result::Result<T, Error>;
