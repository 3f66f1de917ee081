//! End to end in headless Chromium: the demo corpus is analysed and served on a loopback port,
//! a story page is opened, its graph, quotes and timeline checked, a timeline link clicked
//! through to an article, and both pages saved as screenshots. A hostile article is served
//! too, and the browser must not run anything from it.
//!
//! Chromium is driven over the DevTools protocol (a WebSocket). Without a `chromium` binary
//! (or `$CHROMIUM`) the test says so and passes, so `cargo test` works on any machine; CI
//! installs Debian's `chromium`. Screenshots go to `$WIRETRACE_E2E_SCREENSHOTS`, else
//! `<target>/tmp/wiretrace-e2e/`.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Value};
use tungstenite::{Message, WebSocket};
use wiretrace_pipeline::{Input, Pipeline};
use wiretrace_server::AppState;
use wiretrace_store::Store;

use crate::fixtures::CORPUS;

const TIMEOUT: Duration = Duration::from_secs(30);

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// The demo corpus (as `wiretrace demo` reads it) plus the hostile fixture, analysed.
fn demo_store(dir: &Path) -> PathBuf {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/demo");
    let mut inputs: Vec<Input> = std::fs::read_dir(&corpus)
        .expect("corpus/demo exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "jsonl"))
        .map(Input::Path)
        .collect();
    inputs.sort_by_key(|i| format!("{i:?}"));
    inputs.push(Input::Bytes { name: "hostile.jsonl".into(), bytes: CORPUS.as_bytes().to_vec() });
    let path = dir.join("demo.db");
    let mut store = Store::open(&path).unwrap();
    Pipeline::new(&mut store).run(&inputs).unwrap();
    path
}

/// Serves `db` on a free loopback port from a thread of its own; the address.
fn serve(db: &Path) -> String {
    let state = AppState::open(db, 2).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime =
            tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap().to_string()).unwrap();
            wiretrace_server::serve(listener, state, std::future::pending()).await.unwrap();
        });
    });
    rx.recv_timeout(TIMEOUT).expect("the server starts")
}

/// Kills the browser when the test ends, however it ends.
struct Browser(Child);

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A DevTools session on one page.
struct Cdp {
    socket: WebSocket<TcpStream>,
    next_id: u64,
    session: Option<String>,
}

impl Cdp {
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(session) = &self.session {
            message["sessionId"] = json!(session);
        }
        self.socket.send(Message::text(message.to_string())).unwrap();
        let deadline = Instant::now() + TIMEOUT;
        loop {
            assert!(Instant::now() < deadline, "no answer to {method}");
            let Message::Text(text) = self.socket.read().unwrap() else { continue };
            let answer: Value = serde_json::from_str(&text).unwrap();
            if answer["id"] == id {
                assert!(answer.get("error").is_none(), "{method}: {answer}");
                return answer["result"].clone();
            }
        }
    }

    /// Evaluates `expression` in the page; its JSON value.
    fn eval(&mut self, expression: &str) -> Value {
        let result = self.call("Runtime.evaluate", json!({"expression": expression, "returnByValue": true}));
        assert!(result.get("exceptionDetails").is_none(), "{expression}: {result}");
        result["result"]["value"].clone()
    }

    /// Waits until `expression` is true in the page.
    fn wait_for(&mut self, expression: &str) {
        let deadline = Instant::now() + TIMEOUT;
        while self.eval(expression) != json!(true) {
            assert!(Instant::now() < deadline, "timed out waiting for {expression}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn screenshot(&mut self, path: &Path) {
        let shot =
            self.call("Page.captureScreenshot", json!({"format": "png", "captureBeyondViewport": true}));
        let png = base64::engine::general_purpose::STANDARD.decode(shot["data"].as_str().unwrap()).unwrap();
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        std::fs::write(path, png).unwrap();
    }
}

fn launch(chromium: &Path, profile: &Path) -> (Browser, Cdp) {
    let child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1280,1600",
            "--remote-debugging-port=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("about:blank")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut browser = Browser(child);
    // Chromium prints "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID".
    let stderr = browser.0.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(at) = line.find("ws://") {
                let _ = tx.send(line[at..].trim().to_owned());
            }
        }
    });
    let url = rx.recv_timeout(TIMEOUT).expect("chromium prints its DevTools address");
    let host = url.trim_start_matches("ws://").split('/').next().unwrap().to_owned();
    let stream = TcpStream::connect(&host).unwrap();
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    let (socket, _) = tungstenite::client(url.as_str(), stream).unwrap();
    (browser, Cdp { socket, next_id: 0, session: None })
}

#[test]
fn a_story_page_in_a_real_browser() {
    let Some(chromium) = chromium() else {
        eprintln!(
            "SKIPPED browser test: no chromium on PATH (apt-get install chromium, or set CHROMIUM=/path)"
        );
        return;
    };
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let db = demo_store(dir.path());
    let (story_id, hostile_story) = {
        let store = Store::open(&db).unwrap();
        // The demo's biggest story: the defectors' appeal and its copies.
        let biggest = store.stories().unwrap().into_iter().max_by_key(|s| s.articles.len()).unwrap();
        (biggest.id, store.story_of_article("hostile").unwrap().unwrap())
    };
    let addr = serve(&db);
    let shots = std::env::var_os("WIRETRACE_E2E_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("wiretrace-e2e"));
    std::fs::create_dir_all(&shots).unwrap();

    let (_browser, mut cdp) = launch(&chromium, &dir.path().join("profile"));
    let target = cdp.call("Target.createTarget", json!({"url": format!("http://{addr}/stories/{story_id}")}));
    let attached =
        cdp.call("Target.attachToTarget", json!({"targetId": target["targetId"], "flatten": true}));
    cdp.session = Some(attached["sessionId"].as_str().unwrap().to_owned());
    cdp.call("Page.enable", json!({}));
    cdp.wait_for("document.readyState === 'complete' && location.pathname.startsWith('/stories/')");

    let seen = cdp.eval(
        "({
            title: document.querySelector('h1').textContent,
            graph: !!document.querySelector('#graph svg.provenance'),
            graphNodes: document.querySelectorAll('svg.provenance g.node.article').length,
            graphWidth: document.querySelector('svg.provenance').getBoundingClientRect().width,
            copyEdges: document.querySelectorAll('svg.provenance path.copy').length,
            quotes: document.querySelectorAll('#quotes li.quote').length,
            speakers: document.querySelectorAll('#quotes .speaker h3').length,
            timeline: document.querySelectorAll('#timeline ol.timeline li').length,
            origins: document.querySelector('#independent-origins').textContent,
            stylesheet: getComputedStyle(document.querySelector('mark, .timeline, body')).fontFamily.length > 0,
        })",
    );
    eprintln!("story page: {seen}");
    assert!(seen["graph"].as_bool().unwrap(), "graph drawn: {seen}");
    assert!(seen["graphNodes"].as_u64().unwrap() >= 3, "{seen}");
    assert!(seen["graphWidth"].as_f64().unwrap() > 300.0, "the graph has a size: {seen}");
    assert!(seen["copyEdges"].as_u64().unwrap() >= 1, "copied passages drawn: {seen}");
    assert!(seen["quotes"].as_u64().unwrap() >= 1, "{seen}");
    assert!(seen["speakers"].as_u64().unwrap() >= 1, "{seen}");
    assert_eq!(seen["timeline"], seen["graphNodes"], "every article on the timeline: {seen}");
    assert!(seen["origins"].as_str().unwrap().trim().parse::<usize>().unwrap() >= 1);
    cdp.screenshot(&shots.join("story.png"));

    // Click through, as a reader would, to the first article of the timeline.
    let href = cdp.eval(
        "(() => { const a = document.querySelector('#timeline a.article-link'); a.click(); return a.getAttribute('href'); })()",
    );
    let href = href.as_str().unwrap().to_owned();
    cdp.wait_for(&format!(
        "location.pathname === {} && document.readyState === 'complete' && !!document.querySelector('#text')",
        json!(href)
    ));
    let article = cdp.eval(
        "({
            marks: document.querySelectorAll('#text mark.copied').length,
            links: [...document.querySelectorAll('#text a.pmark')].map(a => a.getAttribute('href')),
            crumb: !!document.querySelector('.crumb a'),
        })",
    );
    eprintln!("article page {href}: {article}");
    assert!(article["marks"].as_u64().unwrap() >= 1, "copied passages marked: {article}");
    assert!(article["crumb"].as_bool().unwrap(), "links back to its story");
    cdp.screenshot(&shots.join("article.png"));

    // Follow a passage link to its counterpart: the anchor must exist there.
    if let Some(link) = article["links"].as_array().and_then(|l| l.first()).and_then(Value::as_str) {
        cdp.call("Page.navigate", json!({"url": format!("http://{addr}{link}")}));
        let anchor = link.split('#').nth(1).unwrap();
        cdp.wait_for(&format!(
            "document.readyState === 'complete' && !!document.getElementById({})",
            json!(anchor)
        ));
    }

    // The hostile article and its story: nothing it carries may run.
    for page in ["/articles/hostile".to_owned(), format!("/stories/{hostile_story}")] {
        cdp.call("Page.navigate", json!({"url": format!("http://{addr}{page}")}));
        cdp.wait_for(&format!("location.pathname === {} && document.readyState === 'complete'", json!(page)));
        let state = cdp.eval(
            "({ pwned: typeof window.__pwned, scripts: document.scripts.length,
                jsLinks: [...document.querySelectorAll('a')].filter(a => (a.getAttribute('href') || '').trim().toLowerCase().startsWith('javascript:')).length })",
        );
        assert_eq!(state, json!({"pwned": "undefined", "scripts": 0, "jsLinks": 0}), "{page}");
    }
    cdp.screenshot(&shots.join("hostile.png"));
    eprintln!("screenshots in {} ({:.1?} in all)", shots.display(), started.elapsed());
}
