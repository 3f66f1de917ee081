//! wiretrace's web pages and JSON API, served from the store the pipeline writes.
//!
//! People would rather look at a story's provenance than read it as text. This crate serves,
//! rendered on the server and readable without JavaScript:
//!
//! - `/`: the most recent and the biggest stories, and a search box (`/search?q=`);
//! - `/stories/{id}`: title, summary, a timeline of the articles by outlet, the provenance graph
//!   (origins → articles, edges for copied passages) as inline SVG, the independent-origin
//!   count, quotes by speaker with their variants and the outlets that carry each, top
//!   entities, and claims when the story has them;
//! - `/articles/{id}`: the text with its copied passages highlighted, each linked to its
//!   counterpart in the other article (`/articles/{other}#p3`);
//! - `/api/...`: the same data as JSON (see `/api/openapi.json`), with stable error codes
//!   (`{"code": "story_not_found", "message": ...}`) and no internal detail in 5xx answers.
//!
//! Article text is untrusted: every page escapes it (maud escapes by default), URLs are links
//! only when they are `http(s)`, and a `Content-Security-Policy` forbids scripts outright.
//!
//! ```
//! use axum::body::Body;
//! use axum::http::Request;
//! use tower::ServiceExt;
//! use wiretrace_server::{router, AppState};
//! use wiretrace_store::Store;
//!
//! # tokio::runtime::Runtime::new().unwrap().block_on(async {
//! let app = router(AppState::from_store(Store::open_in_memory().unwrap()));
//! let answer = app.oneshot(Request::get("/api/stories/7").body(Body::empty()).unwrap()).await.unwrap();
//! assert_eq!(answer.status(), 404); // {"code": "story_not_found", ...}
//! # });
//! ```

mod api;
mod error;
mod graph;
mod highlight;
mod openapi;
mod pages;
mod state;
mod views;

use std::net::SocketAddr;

use axum::http::{header, HeaderValue};
use axum::response::Response;
use axum::routing::get;
use axum::Router;

pub use error::{Error, Result};
pub use state::AppState;
pub use views::{ArticleView, QuoteList, SearchHit, SearchResults, StoryDigest, StoryList};

/// Every route the server answers, pages and API.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::index))
        .route("/search", get(pages::search))
        .route("/stories/{id}", get(pages::story))
        .route("/articles/{id}", get(pages::article))
        .route("/assets/style.css", get(pages::stylesheet))
        .route("/api/stories", get(api::stories))
        .route("/api/stories/{id}", get(api::story))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/quotes", get(api::quotes))
        .route("/api/search", get(api::search))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api", get(api::not_found))
        .route("/api/{*rest}", get(api::not_found))
        .fallback(pages::not_found)
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// Serves `state` on `listener` until `shutdown` resolves (Ctrl-C in the CLI).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<()> {
    axum::serve(listener, router(state)).with_graceful_shutdown(shutdown).await.map_err(Error::Serve)
}

/// Binds `addr`, naming it in the error when that fails (port taken, no permission).
pub async fn bind(addr: SocketAddr) -> Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(addr).await.map_err(|source| Error::Bind { addr, source })
}

/// Defence in depth behind escaping: should article text ever slip through unescaped, the
/// browser still refuses to run scripts, load foreign resources or be framed.
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
             base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}
