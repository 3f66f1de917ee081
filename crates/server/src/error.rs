//! The server's errors: [`Error`] for what stops it (bind, serve, store), and [`Problem`], what
//! went wrong with one request before it becomes a JSON error or an error page.

use std::net::SocketAddr;

use axum::http::StatusCode;

/// What can stop the server or fail inside a request.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot listen on {addr}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("the server stopped")]
    Serve(#[source] std::io::Error),
    #[error("store")]
    Store(#[from] wiretrace_store::Error),
    /// A store task panicked or was cancelled.
    #[error("store worker failed: {0}")]
    Worker(String),
}

pub type Result<T> = std::result::Result<T, Error>;

/// Why one request got no answer. The codes are part of the API and never change meaning.
#[derive(Debug)]
pub(crate) enum Problem {
    /// 404: `code` names what is missing (`story_not_found`, `article_not_found`, `not_found`).
    NotFound { code: &'static str, message: String },
    /// 400: the request is malformed (`bad_story_id`, `missing_query`, `bad_parameter`).
    BadRequest { code: &'static str, message: String },
    /// 500: logged in full, answered with a generic message.
    Internal(Error),
}

impl Problem {
    pub fn story_not_found(id: impl std::fmt::Display) -> Self {
        Problem::NotFound { code: "story_not_found", message: format!("no story with id {id}") }
    }

    pub fn article_not_found(id: &str) -> Self {
        Problem::NotFound { code: "article_not_found", message: format!("no article with id {id:?}") }
    }

    pub fn bad(code: &'static str, message: impl Into<String>) -> Self {
        Problem::BadRequest { code, message: message.into() }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Problem::NotFound { .. } => StatusCode::NOT_FOUND,
            Problem::BadRequest { .. } => StatusCode::BAD_REQUEST,
            Problem::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Problem::NotFound { code, .. } | Problem::BadRequest { code, .. } => code,
            Problem::Internal(_) => "internal_error",
        }
    }

    /// What the client is told. An internal error is logged here, with its whole chain, and
    /// the client learns nothing about it beyond the fact.
    pub fn public_message(&self) -> String {
        match self {
            Problem::NotFound { message, .. } | Problem::BadRequest { message, .. } => message.clone(),
            Problem::Internal(err) => {
                tracing::error!(error = %error_chain(err), "request failed");
                "internal error; the server log has the details".to_owned()
            }
        }
    }
}

impl From<Error> for Problem {
    fn from(err: Error) -> Self {
        Problem::Internal(err)
    }
}

fn error_chain(err: &dyn std::error::Error) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}
