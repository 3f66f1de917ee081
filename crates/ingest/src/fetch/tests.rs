//! Every test talks to a server started here on 127.0.0.1, never to the internet.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

use super::*;

/// A tiny HTTP/1.1 server: `route(path, request headers)` returns the raw response (status
/// line, headers, body) or `None` to hang without answering (a timeout).
pub(crate) fn serve(route: impl Fn(&str, &str) -> Option<String> + Send + Sync + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let route = Arc::new(route);
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let route = Arc::clone(&route);
            thread::spawn(move || answer(stream, &*route));
        }
    });
    format!("http://{addr}")
}

fn answer(mut stream: TcpStream, route: &(dyn Fn(&str, &str) -> Option<String> + Send + Sync)) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    let mut headers = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        headers.push_str(&line);
    }
    let path = first.split_whitespace().nth(1).unwrap_or("/").to_string();
    match route(&path, &headers) {
        Some(response) => {
            let _ = stream.write_all(response.as_bytes());
        }
        None => thread::sleep(Duration::from_secs(3)),
    }
}

pub(crate) fn ok(content_type: &str, body: &str, extra: &str) -> String {
    format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n{body}", body.len())
}

fn fetcher() -> Fetcher {
    Fetcher::new(FetchConfig {
        timeout: Duration::from_millis(500),
        max_bytes: 1000,
        ..FetchConfig::default()
    })
}

#[test]
fn status_errors_name_the_status() {
    let base = serve(|path, _| {
        Some(match path {
            "/missing" => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".into(),
            _ => {
                "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".into()
            }
        })
    });
    let mut f = fetcher();
    assert_eq!(
        f.fetch(&format!("{base}/missing")),
        Err(FetchError::Status { status: 404, url: format!("{base}/missing") })
    );
    assert!(matches!(f.fetch(&format!("{base}/broken")), Err(FetchError::Status { status: 500, .. })));
}

#[test]
fn a_silent_server_times_out() {
    let base = serve(|_, _| None);
    let started = std::time::Instant::now();
    assert_eq!(fetcher().fetch(&format!("{base}/slow")), Err(FetchError::Timeout(format!("{base}/slow"))));
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[test]
fn redirect_loops_and_chains_are_bounded() {
    let base = serve(|path, _| {
        let to = match path {
            "/a" => "/b",
            "/b" => "/a",
            p if p.starts_with("/hop") => {
                let n: u32 = p[4..].parse().unwrap_or(0);
                return Some(format!("HTTP/1.1 302 Found\r\nLocation: /hop{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", n + 1));
            }
            "/ftp" => "ftp://files.example/x",
            _ => return Some(ok("text/html", "<p>done</p>", "")),
        };
        Some(format!(
            "HTTP/1.1 301 Moved\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ))
    });
    let mut f = fetcher();
    assert_eq!(f.fetch(&format!("{base}/a")), Err(FetchError::RedirectLoop(format!("{base}/a"))));
    assert!(matches!(f.fetch(&format!("{base}/hop0")), Err(FetchError::TooManyRedirects { max: 5, .. })));
    assert_eq!(f.fetch(&format!("{base}/ftp")), Err(FetchError::Scheme("ftp://files.example/x".into())));
}

#[test]
fn only_http_and_https_are_fetched() {
    assert!(matches!(fetcher().fetch("file:///etc/passwd"), Err(FetchError::Scheme(_))));
    assert!(matches!(fetcher().fetch("javascript:alert(1)"), Err(FetchError::Scheme(_))));
}

#[test]
fn oversized_bodies_are_refused() {
    let base = serve(|path, _| {
        let body = "x".repeat(5000);
        Some(if path == "/declared" {
            ok("text/html", &body, "")
        } else {
            // No Content-Length: the cap applies while reading.
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n{body}")
        })
    });
    let mut f = fetcher();
    assert!(matches!(f.fetch(&format!("{base}/declared")), Err(FetchError::TooLarge { limit: 1000, .. })));
    assert!(matches!(f.fetch(&format!("{base}/streamed")), Err(FetchError::TooLarge { limit: 1000, .. })));
}

#[test]
fn polling_again_sends_validators_and_gets_304() {
    let requests = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&requests);
    let base = serve(move |_, headers| {
        log.lock().unwrap().push(headers.to_lowercase());
        Some(if headers.to_lowercase().contains("if-none-match: \"v1\"") {
            "HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n".into()
        } else {
            ok(
                "application/rss+xml",
                "<rss></rss>",
                "ETag: \"v1\"\r\nLast-Modified: Thu, 04 Mar 2021 10:00:00 GMT\r\n",
            )
        })
    });
    let mut f = fetcher();
    let url = format!("{base}/feed.xml");
    assert!(matches!(f.fetch(&url), Ok(Fetched::Body { .. })));
    assert_eq!(f.fetch(&url), Ok(Fetched::NotModified));
    let requests = requests.lock().unwrap();
    assert!(requests[0].contains("user-agent: wiretrace/"));
    assert!(requests[1].contains("if-modified-since: thu, 04 mar 2021 10:00:00 gmt"));
}
