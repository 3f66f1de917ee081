//! The OpenAPI 3 document of `/api/`. Paths are written here by hand; the schemas are
//! generated from the very types the handlers serialize, so they cannot drift from the answers.

use schemars::gen::SchemaSettings;
use serde_json::{json, Value};
use wiretrace_core::Story;

use crate::api::{ErrorBody, MAX_LIMIT};
use crate::views::{ArticleView, QuoteList, SearchResults, StoryList};

pub fn document() -> Value {
    let mut gen = SchemaSettings::openapi3().into_generator();
    let refs = [
        ("StoryList", serde_json::to_value(gen.subschema_for::<StoryList>())),
        ("Story", serde_json::to_value(gen.subschema_for::<Story>())),
        ("ArticleView", serde_json::to_value(gen.subschema_for::<ArticleView>())),
        ("QuoteList", serde_json::to_value(gen.subschema_for::<QuoteList>())),
        ("SearchResults", serde_json::to_value(gen.subschema_for::<SearchResults>())),
        ("ErrorBody", serde_json::to_value(gen.subschema_for::<ErrorBody>())),
    ];
    let mut r = serde_json::Map::new();
    for (name, value) in refs {
        r.insert(name.to_owned(), value.unwrap_or(Value::Null));
    }
    let components = serde_json::to_value(gen.take_definitions()).unwrap_or(Value::Null);

    let ok = |schema: &Value, what: &str| json!({"description": what, "content": {"application/json": {"schema": schema}}});
    let err = |what: &str| ok(&r["ErrorBody"], what);
    let limit = |default: usize| {
        json!({"name": "limit", "in": "query", "required": false,
               "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": default}})
    };
    let offset = json!({"name": "offset", "in": "query", "required": false,
                        "schema": {"type": "integer", "minimum": 0, "default": 0}});

    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "wiretrace API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Stories with provenance: articles, copied passages, origins, quotes. \
                Errors answer {\"code\", \"message\"}; codes are stable: story_not_found, \
                article_not_found, not_found, bad_story_id, missing_query, bad_parameter, \
                internal_error (5xx answers never carry internal detail)."
        },
        "paths": {
            "/api/stories": {"get": {
                "summary": "Stories, most recent (or biggest) first",
                "operationId": "listStories",
                "parameters": [
                    {"name": "sort", "in": "query", "required": false,
                     "schema": {"type": "string", "enum": ["recent", "size"], "default": "recent"}},
                    limit(50), offset
                ],
                "responses": {"200": ok(&r["StoryList"], "one page of story digests"),
                              "400": err("bad_parameter")}
            }},
            "/api/stories/{id}": {"get": {
                "summary": "One story with its provenance",
                "operationId": "getStory",
                "parameters": [{"name": "id", "in": "path", "required": true,
                                "schema": {"type": "integer", "minimum": 0}}],
                "responses": {"200": ok(&r["Story"], "the story (schema/story.schema.json)"),
                              "400": err("bad_story_id"), "404": err("story_not_found")}
            }},
            "/api/articles/{id}": {"get": {
                "summary": "One article with its reuse links and quotes",
                "operationId": "getArticle",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": ok(&r["ArticleView"], "the article"),
                              "404": err("article_not_found")}
            }},
            "/api/quotes": {"get": {
                "summary": "Quotes, filtered by story, article or speaker",
                "operationId": "listQuotes",
                "parameters": [
                    {"name": "story", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 0}},
                    {"name": "article", "in": "query", "required": false, "schema": {"type": "string"}},
                    {"name": "speaker", "in": "query", "required": false, "schema": {"type": "string"},
                     "description": "speaker name contains this, case ignored"},
                    limit(100), offset
                ],
                "responses": {"200": ok(&r["QuoteList"], "one page of quotes"),
                              "400": err("bad_parameter"),
                              "404": err("story_not_found or article_not_found")}
            }},
            "/api/search": {"get": {
                "summary": "Full-text search over article titles, bodies and quotes",
                "operationId": "search",
                "parameters": [
                    {"name": "q", "in": "query", "required": true, "schema": {"type": "string"},
                     "description": "every word must occur; word* is a prefix; \"words in a row\""},
                    limit(20)
                ],
                "responses": {"200": ok(&r["SearchResults"], "matching articles, best first"),
                              "400": err("missing_query or bad_parameter")}
            }},
            "/api/openapi.json": {"get": {
                "summary": "This document",
                "operationId": "openapi",
                "responses": {"200": {"description": "OpenAPI 3 document",
                                      "content": {"application/json": {"schema": {"type": "object"}}}}}
            }}
        },
        "components": {"schemas": components}
    })
}
