//! The JSON API under `/api/`. Every failure answers `{"code": ..., "message": ...}` with a
//! code from [`ErrorBody`]'s list; the OpenAPI document (`/api/openapi.json`) describes it all.

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use wiretrace_core::{Story, StoryId};

use crate::error::Problem;
use crate::state::AppState;
use crate::views::{self, ArticleView, QuoteList, SearchResults, StoryList};

/// The body of every error answer.
#[derive(Debug, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ErrorBody {
    /// Stable: `story_not_found`, `article_not_found`, `not_found`, `bad_story_id`,
    /// `missing_query`, `bad_parameter`, `internal_error`.
    pub code: String,
    /// For people; may change.
    pub message: String,
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = ErrorBody { code: self.code().to_owned(), message: self.public_message() };
        (self.status(), Json(body)).into_response()
    }
}

type ApiResult<T> = Result<Json<T>, Problem>;

/// The most a list answer holds, so one request cannot ask for the whole store.
pub const MAX_LIMIT: usize = 500;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoriesParams {
    #[serde(default)]
    sort: StorySort,
    limit: Option<usize>,
    #[serde(default)]
    offset: usize,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StorySort {
    /// Most recently updated first.
    #[default]
    Recent,
    /// Most articles first.
    Size,
}

pub async fn stories(
    State(state): State<AppState>,
    params: Result<Query<StoriesParams>, QueryRejection>,
) -> ApiResult<StoryList> {
    let Query(params) = params.map_err(bad_query)?;
    let limit = check_limit(params.limit, 50)?;
    let digests = state.digests().await?;
    let mut order: Vec<&views::StoryDigest> = digests.iter().collect();
    if params.sort == StorySort::Size {
        // Stable: equal sizes stay most recent first.
        order.sort_by_key(|d| std::cmp::Reverse(d.articles));
    }
    let stories = order.into_iter().skip(params.offset).take(limit).cloned().collect();
    Ok(Json(StoryList { total: digests.len(), stories }))
}

pub async fn story(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult<Story> {
    let id = story_id(id)?;
    match state.with_store(move |store| Ok(store.story(id)?)).await? {
        Some(story) => Ok(Json(story)),
        None => Err(Problem::story_not_found(id)),
    }
}

pub async fn article(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult<ArticleView> {
    let Path(id) = id.map_err(|e| Problem::bad("bad_parameter", e.body_text()))?;
    let key = id.clone();
    match state.with_store(move |store| views::article_view(store, &key)).await? {
        Some(view) => Ok(Json(view)),
        None => Err(Problem::article_not_found(&id)),
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotesParams {
    /// Only the quotes of this story's articles.
    story: Option<StoryId>,
    /// Only this article's quotes.
    article: Option<String>,
    /// Only quotes whose speaker contains this, case ignored.
    speaker: Option<String>,
    limit: Option<usize>,
    #[serde(default)]
    offset: usize,
}

pub async fn quotes(
    State(state): State<AppState>,
    params: Result<Query<QuotesParams>, QueryRejection>,
) -> ApiResult<QuoteList> {
    let Query(params) = params.map_err(bad_query)?;
    let limit = check_limit(params.limit, 100)?;
    let all = state.all_quotes().await?;
    let story_articles = match params.story {
        Some(id) => match state.with_store(move |store| Ok(store.story(id)?)).await? {
            Some(story) => Some(story.articles),
            None => return Err(Problem::story_not_found(id)),
        },
        None => None,
    };
    if let Some(article) = params.article.clone() {
        let exists = state.with_store(move |store| Ok(store.article(&article)?.is_some())).await?;
        if !exists {
            return Err(Problem::article_not_found(params.article.as_deref().unwrap_or_default()));
        }
    }
    let speaker = params.speaker.as_deref().map(str::to_lowercase);
    let matching: Vec<_> = all
        .iter()
        .filter(|q| params.article.as_ref().is_none_or(|a| &q.article == a))
        .filter(|q| story_articles.as_ref().is_none_or(|ids| ids.contains(&q.article)))
        .filter(|q| {
            speaker
                .as_ref()
                .is_none_or(|s| q.speaker.as_ref().is_some_and(|name| name.to_lowercase().contains(s)))
        })
        .collect();
    let quotes = matching.iter().skip(params.offset).take(limit).map(|q| (*q).clone()).collect();
    Ok(Json(QuoteList { total: matching.len(), quotes }))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchParams {
    q: Option<String>,
    limit: Option<usize>,
}

pub async fn search(
    State(state): State<AppState>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> ApiResult<SearchResults> {
    let Query(params) = params.map_err(bad_query)?;
    let limit = check_limit(params.limit, 20)?;
    let query = params.q.unwrap_or_default();
    if query.trim().is_empty() {
        return Err(Problem::bad("missing_query", "give the words to search for as ?q="));
    }
    Ok(Json(state.with_store(move |store| views::search(store, &query, limit)).await?))
}

pub async fn openapi() -> Json<serde_json::Value> {
    Json(crate::openapi::document())
}

pub async fn not_found() -> Problem {
    Problem::NotFound { code: "not_found", message: "no such API route; see /api/openapi.json".to_owned() }
}

/// Parses a story id ourselves, so a bad one gets its own code rather than axum's text.
pub(crate) fn story_id(id: Result<Path<String>, PathRejection>) -> Result<StoryId, Problem> {
    let Path(raw) = id.map_err(|e| Problem::bad("bad_story_id", e.body_text()))?;
    raw.parse().map_err(|_| Problem::bad("bad_story_id", format!("story ids are whole numbers, not {raw:?}")))
}

fn bad_query(rejection: QueryRejection) -> Problem {
    Problem::bad("bad_parameter", rejection.body_text())
}

fn check_limit(limit: Option<usize>, default: usize) -> Result<usize, Problem> {
    match limit {
        None => Ok(default),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        Some(n) => {
            Err(Problem::bad("bad_parameter", format!("limit must be between 1 and {MAX_LIMIT}, not {n}")))
        }
    }
}
