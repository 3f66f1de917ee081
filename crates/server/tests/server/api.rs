//! The JSON API: answers, error codes, the OpenAPI document.

use axum::http::StatusCode;
use wiretrace_core::Story;
use wiretrace_server::{router, AppState, ArticleView, QuoteList, SearchResults, StoryList};

use crate::fixtures::{analyse_into, app, get};

fn assert_error(answer: &crate::fixtures::Answer, status: StatusCode, code: &str) {
    assert_eq!(answer.status, status, "{}", answer.body);
    let body = answer.json();
    assert_eq!(body["code"], code, "{}", answer.body);
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()), "{}", answer.body);
    assert!(answer.headers["content-type"].to_str().unwrap().starts_with("application/json"));
}

#[tokio::test]
async fn story_list_holds_both_stories_most_recent_first_or_by_size() {
    let (app, calder) = app();
    let answer = get(&app, "/api/stories").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let list: StoryList = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(list.total, 2);
    assert_eq!(list.stories[0].id, calder, "the flood is the latest story");
    assert_eq!(list.stories[0].articles, 4);

    let by_size: StoryList =
        serde_json::from_str(&get(&app, "/api/stories?sort=size&limit=1").await.body).unwrap();
    assert_eq!((by_size.total, by_size.stories.len(), by_size.stories[0].id), (2, 1, calder));
    let second: StoryList = serde_json::from_str(&get(&app, "/api/stories?offset=1").await.body).unwrap();
    assert_eq!(second.stories.len(), 1);
    assert_ne!(second.stories[0].id, calder);
}

#[tokio::test]
async fn a_story_is_the_core_story_json() {
    let (app, calder) = app();
    let answer = get(&app, &format!("/api/stories/{calder}")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let story: Story = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(story.id, calder);
    assert_eq!(story.articles.len(), 4);
    assert!(!story.reuse.is_empty(), "the copies of the wire report are linked");
    assert!(story.quotes.iter().any(|q| q.text.contains("six gates")), "{:?}", story.quotes);
}

#[tokio::test]
async fn missing_and_malformed_story_ids_have_their_own_codes() {
    let (app, _) = app();
    assert_error(&get(&app, "/api/stories/9999").await, StatusCode::NOT_FOUND, "story_not_found");
    assert_error(&get(&app, "/api/stories/abc").await, StatusCode::BAD_REQUEST, "bad_story_id");
    assert_error(&get(&app, "/api/stories/-1").await, StatusCode::BAD_REQUEST, "bad_story_id");
}

#[tokio::test]
async fn an_article_comes_with_its_reuse_links_quotes_and_story() {
    let (app, calder) = app();
    let answer = get(&app, "/api/articles/wire-calder").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let view: ArticleView = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(view.article.outlet.as_deref(), Some("Meridian Wire"));
    assert_eq!(view.story, Some(calder));
    assert!(view.reuse.iter().any(|l| l.a == "post-calder" || l.b == "post-calder"), "{:?}", view.reuse);
    assert!(!view.quotes.is_empty());
    assert_error(
        &get(&app, "/api/articles/no-such-article").await,
        StatusCode::NOT_FOUND,
        "article_not_found",
    );
}

#[tokio::test]
async fn quotes_filter_by_speaker_story_and_article() {
    let (app, calder) = app();
    let all: QuoteList = serde_json::from_str(&get(&app, "/api/quotes").await.body).unwrap();
    assert!(all.total >= 5, "{:?}", all.quotes);
    let okonkwo: QuoteList =
        serde_json::from_str(&get(&app, "/api/quotes?speaker=okonkwo").await.body).unwrap();
    assert!(okonkwo.total >= 4, "{:?}", okonkwo.quotes);
    assert!(okonkwo.quotes.iter().all(|q| q.speaker.as_deref().unwrap().contains("Okonkwo")));
    let in_story: QuoteList =
        serde_json::from_str(&get(&app, &format!("/api/quotes?story={calder}")).await.body).unwrap();
    assert!(in_story.quotes.iter().all(|q| q.article != "ridge-strike"));
    let one: QuoteList =
        serde_json::from_str(&get(&app, "/api/quotes?article=ridge-strike&limit=1").await.body).unwrap();
    assert_eq!(one.quotes.len(), 1);
    assert_eq!(one.quotes[0].article, "ridge-strike");

    assert_error(&get(&app, "/api/quotes?limit=0").await, StatusCode::BAD_REQUEST, "bad_parameter");
    assert_error(&get(&app, "/api/quotes?limit=lots").await, StatusCode::BAD_REQUEST, "bad_parameter");
    assert_error(&get(&app, "/api/quotes?colour=red").await, StatusCode::BAD_REQUEST, "bad_parameter");
    assert_error(&get(&app, "/api/quotes?story=9999").await, StatusCode::NOT_FOUND, "story_not_found");
    assert_error(&get(&app, "/api/quotes?article=nope").await, StatusCode::NOT_FOUND, "article_not_found");
}

#[tokio::test]
async fn search_finds_articles_by_words_and_refuses_an_empty_query() {
    let (app, calder) = app();
    let answer = get(&app, "/api/search?q=flood%20barrier").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let results: SearchResults = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(results.query, "flood barrier");
    assert!(
        results.hits.iter().any(|h| h.article == "wire-calder" && h.story == Some(calder)),
        "{:?}",
        results.hits
    );
    assert!(results.hits.iter().all(|h| h.article != "ridge-strike"));
    // Accents folded: "senor" finds "Señor".
    let folded: SearchResults = serde_json::from_str(&get(&app, "/api/search?q=senor").await.body).unwrap();
    assert_eq!(folded.hits.len(), 1);
    // FTS syntax is plain text, never an error.
    assert_eq!(get(&app, "/api/search?q=%22unbalanced%20AND%20(").await.status, StatusCode::OK);

    assert_error(&get(&app, "/api/search").await, StatusCode::BAD_REQUEST, "missing_query");
    assert_error(&get(&app, "/api/search?q=%20").await, StatusCode::BAD_REQUEST, "missing_query");
    assert_error(&get(&app, "/api/search?q=x&limit=100000").await, StatusCode::BAD_REQUEST, "bad_parameter");
}

#[tokio::test]
async fn unknown_api_routes_answer_json_not_a_page() {
    let (app, _) = app();
    assert_error(&get(&app, "/api/nothing/here").await, StatusCode::NOT_FOUND, "not_found");
    assert_error(&get(&app, "/api").await, StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test]
async fn the_openapi_document_describes_every_api_route_and_each_answers() {
    let (app, calder) = app();
    let answer = get(&app, "/api/openapi.json").await;
    assert_eq!(answer.status, StatusCode::OK);
    let doc = answer.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    assert_eq!(paths.len(), 6, "{paths:?}");
    for path in paths {
        let uri = path.replace("{id}", if path.contains("articles") { "wire-calder" } else { "0" });
        let uri = if uri.contains("stories/0") { uri.replace('0', &calder.to_string()) } else { uri };
        let uri = if uri == "/api/search" { "/api/search?q=calder".to_owned() } else { uri };
        let answer = get(&app, &uri).await;
        assert_eq!(answer.status, StatusCode::OK, "{uri}: {}", answer.body);
        // Every documented 200 schema is a component that exists.
        let schema_ref =
            &doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"];
        if let Some(r) = schema_ref.as_str() {
            let name = r.trim_start_matches("#/components/schemas/");
            assert!(doc["components"]["schemas"][name].is_object(), "{r} is not in components");
        }
    }
    for code in [
        "story_not_found",
        "article_not_found",
        "bad_story_id",
        "missing_query",
        "bad_parameter",
        "internal_error",
    ] {
        assert!(doc["info"]["description"].as_str().unwrap().contains(code), "{code} undocumented");
    }
}

#[tokio::test]
async fn an_internal_error_is_logged_not_shown() {
    // A story row whose JSON is corrupt makes the store fail on read.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.db");
    let mut store = wiretrace_store::Store::open(&path).unwrap();
    analyse_into(&mut store);
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE stories SET json = '{\"secret_table\": ' ", []).unwrap();
    drop(conn);

    let app = router(AppState::open(&path, 2).unwrap());
    for uri in ["/api/stories/1", "/api/stories"] {
        let answer = get(&app, uri).await;
        assert_error(&answer, StatusCode::INTERNAL_SERVER_ERROR, "internal_error");
        for leak in ["secret_table", "corrupt", "json", "sqlite", "EOF"] {
            assert!(
                !answer.body.to_lowercase().contains(&leak.to_lowercase()),
                "{uri} leaks {leak}: {}",
                answer.body
            );
        }
    }
    let page = get(&app, "/stories/1").await;
    assert_eq!(page.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(!page.body.contains("secret_table") && !page.body.contains("corrupt"), "{}", page.body);
}
