//! The HTML pages: what they show, and that nothing from an article can run.

use axum::http::StatusCode;

use crate::fixtures::{app, get, Answer};

fn assert_page(answer: &Answer) {
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(answer.headers["content-type"].to_str().unwrap().starts_with("text/html"));
    let csp = answer.headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("default-src 'none'") && !csp.contains("script-src"),
        "scripts are never allowed: {csp}"
    );
}

/// Nothing that could run: no script element, no event handler attribute, no script URL.
/// Text `<` is escaped, so every `<` left opens a real tag, whose attributes are read here.
fn assert_inert(html: &str) {
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap();
        let name = tag.split(|c: char| c.is_whitespace() || c == '/').next().unwrap().to_lowercase();
        assert!(
            !["script", "img", "iframe", "object", "embed", "b"].contains(&name.as_str()),
            "a <{name}> got through: <{tag}>"
        );
        for (attr, value) in attributes(tag) {
            assert!(!attr.starts_with("on"), "an event handler got through: <{tag}>");
            if attr == "href" || attr == "src" {
                assert!(
                    !value.trim().to_lowercase().starts_with("javascript:"),
                    "a script URL got through: <{tag}>"
                );
            }
        }
    }
}

/// The `name="value"` pairs of a tag's inside (maud always quotes values).
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag.split_once(char::is_whitespace).map_or("", |(_, r)| r);
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].trim().rsplit(char::is_whitespace).next().unwrap().to_lowercase();
        let after = rest[eq + 1..].trim_start();
        let (value, tail) = match after.strip_prefix('"') {
            Some(quoted) => quoted.split_once('"').unwrap_or((quoted, "")),
            None => after.split_once(char::is_whitespace).unwrap_or((after, "")),
        };
        out.push((name, value.to_owned()));
        rest = tail;
    }
    out
}

#[tokio::test]
async fn the_front_page_lists_recent_and_biggest_stories_with_a_search_box() {
    let (app, calder) = app();
    let page = get(&app, "/").await;
    assert_page(&page);
    assert!(page.body.contains("id=\"recent\"") && page.body.contains("id=\"biggest\""));
    assert!(page.body.contains(&format!("href=\"/stories/{calder}\"")));
    assert!(page.body.contains("Sable Ridge miners"));
    assert!(page.body.contains("<form class=\"search\" action=\"/search\" method=\"get\""));
    assert_inert(&page.body);
}

#[tokio::test]
async fn the_story_page_shows_graph_timeline_quotes_and_origins() {
    let (app, calder) = app();
    let page = get(&app, &format!("/stories/{calder}")).await;
    assert_page(&page);
    let html = &page.body;
    assert!(html.contains("<svg class=\"provenance\""), "the provenance graph");
    assert_eq!(html.matches("<g class=\"node article\">").count(), 4);
    assert!(html.contains("class=\"copy\"") || html.contains("class=\"copy unknown\""), "copy edges");
    assert!(html.contains("<ol class=\"timeline\">"));
    // Timeline in time order: the wire report before its copies.
    let wire = html.find("Meridian Wire</span>").expect("wire in the timeline");
    let post = html.find("Valley Post</span>").expect("copy in the timeline");
    assert!(wire < post);
    assert!(html.contains("id=\"quotes\""));
    assert!(html.contains("Miriam Okonkwo-Hale"));
    assert!(html.contains("We have never had to close all six gates"));
    assert!(html.contains("id=\"independent-origins\""));
    assert!(html.contains("id=\"entities\""));
    assert_inert(html);
}

#[tokio::test]
async fn the_article_page_marks_copied_passages_and_links_each_to_its_counterpart() {
    let (app, _) = app();
    let page = get(&app, "/articles/post-calder").await;
    assert_page(&page);
    assert!(page.body.contains("<mark class=\"copied"), "copied passages are marked");
    // Follow every passage link and find its anchor on the other side.
    let links: Vec<(String, String)> = page
        .body
        .split("<a class=\"pmark\" id=\"")
        .skip(1)
        .map(|rest| {
            let id = rest.split('"').next().unwrap().to_owned();
            let href = rest.split("href=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
            (id, href)
        })
        .collect();
    assert!(!links.is_empty());
    for (id, href) in links {
        assert!(id.starts_with('p'));
        let (path, anchor) = href.split_once('#').unwrap_or_else(|| panic!("{href} has no anchor"));
        let other = get(&app, path).await;
        assert_page(&other);
        assert!(other.body.contains(&format!("id=\"{anchor}\"")), "{path} has no anchor {anchor}");
        let back = format!("href=\"/articles/post-calder#{id}\"");
        assert!(other.body.contains(&back), "{path} has no link back: {back}");
    }
}

#[tokio::test]
async fn char_offsets_hold_after_accented_text() {
    // "Señor Álvaro Petit ... café" precedes the copied passage: byte offsets would cut it wrong.
    let (app, _) = app();
    let page = get(&app, "/articles/times-calder").await;
    assert_page(&page);
    let marked: Vec<&str> = page
        .body
        .split("<mark class=\"copied")
        .skip(1)
        .map(|m| m.split_once('>').unwrap().1.split("</mark>").next().unwrap())
        .collect();
    assert!(!marked.is_empty());
    let joined = marked.join("");
    assert!(joined.contains("as the river rose to its highest level"), "{joined}");
    assert!(!joined.contains("café"), "the local colour is not copied: {joined}");
}

#[tokio::test]
async fn hostile_article_text_is_shown_as_text_and_never_runs() {
    let (app, calder) = app();
    let page = get(&app, "/articles/hostile").await;
    assert_page(&page);
    assert_inert(&page.body);
    assert!(page.body.contains("&lt;script&gt;window.__pwned=4&lt;/script&gt;"), "shown as text");
    assert!(
        page.body.contains("<span class=\"source unlinked\">javascript:window.__pwned=3</span>"),
        "URL not a link"
    );
    assert!(page.body.contains("&lt;b onmouseover=alert(1)&gt;Evil Outlet&lt;/b&gt;"));
    for uri in
        [format!("/stories/{calder}"), "/".into(), "/search?q=calder".into(), "/search?q=%3Cscript%3E".into()]
    {
        let page = get(&app, &uri).await;
        assert_page(&page);
        assert_inert(&page.body);
    }
    // The real links stay links.
    let wire = get(&app, "/articles/wire-calder").await;
    assert!(wire.body.contains("<a class=\"source\" href=\"https://meridianwire.example/calder-barrier\""));
}

#[tokio::test]
async fn search_page_works_as_a_plain_form() {
    let (app, _) = app();
    let page = get(&app, "/search?q=copper%20pit").await;
    assert_page(&page);
    assert!(page.body.contains("href=\"/articles/ridge-strike\""));
    assert!(page.body.contains("value=\"copper pit\""), "the box keeps the query");
    let empty = get(&app, "/search").await;
    assert_page(&empty);
    let none = get(&app, "/search?q=zeppelin").await;
    assert!(none.body.contains("Nothing found"));
}

#[tokio::test]
async fn missing_pages_are_pages() {
    let (app, _) = app();
    for (uri, status) in [
        ("/stories/9999", StatusCode::NOT_FOUND),
        ("/articles/nope", StatusCode::NOT_FOUND),
        ("/no/such/page", StatusCode::NOT_FOUND),
        ("/stories/abc", StatusCode::BAD_REQUEST),
    ] {
        let page = get(&app, uri).await;
        assert_eq!(page.status, status, "{uri}");
        assert!(page.headers["content-type"].to_str().unwrap().starts_with("text/html"), "{uri}");
        assert!(page.body.contains("<h1>"), "{uri}");
    }
}
