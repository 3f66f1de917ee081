//! The HTML pages: rendered on the server with maud (which escapes every interpolated value),
//! no JavaScript anywhere, one stylesheet.

mod article;
mod list;
mod story;

pub use article::article;
pub use list::{index, search};
pub use story::story;

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use maud::{html, Markup, DOCTYPE};

use crate::error::Problem;
use crate::views::is_web_url;

/// A [`Problem`] answered as a page rather than JSON.
pub struct PageProblem(pub Problem);

impl From<Problem> for PageProblem {
    fn from(p: Problem) -> Self {
        PageProblem(p)
    }
}

impl From<crate::Error> for PageProblem {
    fn from(e: crate::Error) -> Self {
        PageProblem(Problem::Internal(e))
    }
}

impl IntoResponse for PageProblem {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let heading = match status {
            StatusCode::NOT_FOUND => "Not found",
            StatusCode::BAD_REQUEST => "Bad request",
            _ => "Something went wrong",
        };
        let message = self.0.public_message();
        let page = layout(
            heading,
            "",
            html! {
                h1 { (heading) }
                p.error { (message) }
                p { a href="/" { "All stories" } }
            },
        );
        (status, page).into_response()
    }
}

type PageResult = Result<Markup, PageProblem>;

pub async fn not_found() -> PageProblem {
    PageProblem(Problem::NotFound { code: "not_found", message: "There is no page here.".to_owned() })
}

pub async fn stylesheet() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "max-age=3600")], STYLE)
}

const STYLE: &str = include_str!("style.css");

/// The frame of every page: header with the search box, then `body`.
fn layout(title: &str, query: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · wiretrace" }
                link rel="stylesheet" href="/assets/style.css";
            }
            body {
                header.top {
                    a.home href="/" { "wiretrace" }
                    (search_form(query))
                }
                main { (body) }
                footer { "wiretrace · " a href="/api/openapi.json" { "JSON API" } }
            }
        }
    }
}

fn search_form(query: &str) -> Markup {
    html! {
        form.search action="/search" method="get" role="search" {
            input type="search" name="q" value=(query) placeholder="Search articles and quotes" aria-label="Search";
            button type="submit" { "Search" }
        }
    }
}

fn date(t: Option<DateTime<Utc>>) -> Markup {
    html! {
        @match t {
            Some(t) => time datetime=(t.to_rfc3339()) { (t.format("%Y-%m-%d %H:%M")) },
            None => span.undated { "undated" },
        }
    }
}

/// An article's URL: a link when it is http(s), text otherwise (it comes from the article).
fn source_url(url: &str) -> Markup {
    html! {
        @if is_web_url(url) {
            a.source href=(url) rel="nofollow noopener noreferrer" { (url) }
        } @else {
            span.source.unlinked { (url) }
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
