//! A small fictional corpus run through the real pipeline, and request helpers.
//!
//! The Calder flood story: a wire report (Meridian Wire), two outlets that copy it (one word
//! for word, one lightly edited), and a hostile article whose every field tries to inject
//! markup or script. A second, unrelated story (a mine strike) makes the lists non-trivial.

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use tower::ServiceExt;
use wiretrace_pipeline::{Input, Pipeline};
use wiretrace_server::{router, AppState};
use wiretrace_store::Store;

pub const CORPUS: &str = r#"{"id": "wire-calder", "outlet": "Meridian Wire", "title": "Calder flood barrier closed as river hits forty-year high", "url": "https://meridianwire.example/calder-barrier", "published": "2025-03-05T06:00:00Z", "text": "Engineers closed the Calder flood barrier on Tuesday night as the river rose to its highest level in forty years, the regional water board said.\n\n\"We have never had to close all six gates at once, and tonight we did,\" board chair Miriam Okonkwo-Hale told Meridian Wire.\n\nAbout 2,300 homes in the lower town of Calder Mouth were told to prepare to leave if the water topped the barrier before the morning tide."}
{"id": "post-calder", "outlet": "Valley Post", "title": "All six Calder flood gates shut overnight", "url": "https://valleypost.example/news/calder-gates", "published": "2025-03-05T06:40:00Z", "text": "Residents of Calder Mouth filled sandbags at the community hall until midnight.\n\nEngineers closed the Calder flood barrier on Tuesday night as the river rose to its highest level in forty years, the regional water board said.\n\n\"We have never had to close all six gates at once, and tonight we did,\" board chair Miriam Okonkwo-Hale told Meridian Wire.\n\nAbout 2,300 homes in the lower town of Calder Mouth were told to prepare to leave if the water topped the barrier before the morning tide."}
{"id": "times-calder", "outlet": "Northgate Times", "title": "Calder barrier holds back record river", "url": "https://northgatetimes.example/calder", "published": "2025-03-05T07:10:00Z", "text": "Señor Álvaro Petit, who runs the ferry café by the quay, watched the gates close.\n\nEngineers shut the Calder flood barrier on Tuesday night as the river rose to its highest level in forty years, the regional water board said.\n\n\"We have never had to close all six gates at once, and tonight we did,\" board chair Miriam Okonkwo-Hale told Meridian Wire.\n\nAbout 2,300 homes in the lower town of Calder Mouth were told to prepare to leave if the water topped the barrier before the morning tide."}
{"id": "hostile", "outlet": "<b onmouseover=alert(1)>Evil Outlet</b>", "title": "<script>window.__pwned=1</script>Calder <img src=x onerror=window.__pwned=2> barrier", "url": "javascript:window.__pwned=3", "published": "2025-03-05T08:00:00Z", "text": "<script>window.__pwned=4</script><img src=x onerror=\"window.__pwned=5\"> <a href=\"javascript:window.__pwned=6\">read more</a>\n\nEngineers closed the Calder flood barrier on Tuesday night as the river rose to its highest level in forty years, the regional water board said.\n\n\"We have never had to close all six gates at once, and tonight we did,\" board chair Miriam Okonkwo-Hale told Meridian Wire.\n\nAbout 2,300 homes in the lower town of Calder Mouth were told to prepare to leave if the water topped the barrier before the morning tide."}
{"id": "ridge-strike", "outlet": "Lowland Gazette", "title": "Sable Ridge miners vote to strike over shift pay", "published": "2025-02-11T09:00:00Z", "text": "Miners at the Sable Ridge copper pit voted by a wide margin on Monday to strike from next week over pay for night shifts.\n\n\"Nobody goes underground for free,\" union steward Dario Vell said after the count.\n\nThe pit's owner, Halvard Metals, said it would meet the union on Thursday."}
"#;

/// The corpus, analysed into `store`.
pub fn analyse_into(store: &mut Store) {
    let inputs = vec![Input::Bytes { name: "calder.jsonl".into(), bytes: CORPUS.as_bytes().to_vec() }];
    let summary = Pipeline::new(store).run(&inputs).expect("the pipeline runs on the fixture");
    assert_eq!(summary.new_articles, 5, "every fixture article is read: {:?}", summary.rejections);
}

pub fn store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    analyse_into(&mut store);
    store
}

/// The server over the analysed fixture, and the id of the Calder flood story.
pub fn app() -> (Router, u64) {
    let store = store();
    let calder = store.story_of_article("wire-calder").unwrap().expect("the wire report is in a story");
    (router(AppState::from_store(store)), calder)
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

pub async fn get(app: &Router, uri: &str) -> Answer {
    let response = app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Answer { status, headers, body: String::from_utf8(bytes.to_vec()).unwrap() }
}
