//! Fetching pages and feeds over HTTP(S), politely and within bounds: a User-Agent that says
//! who is asking, a timeout on every request, a cap on the body size, redirects followed by
//! hand (at most [`FetchConfig::max_redirects`], loops named as such), and conditional GET
//! (`If-None-Match` / `If-Modified-Since` from the last answer) so polling a feed again costs
//! a `304 Not Modified` when nothing changed.
//!
//! Blocking on purpose (`ureq`): fetching happens at the edge, one request at a time per feed,
//! and stage code stays synchronous.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::time::Duration;

/// Why a URL gave nothing. The messages become rejection reasons.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum FetchError {
    #[error("unsupported URL scheme in {0:?}: only http and https are fetched")]
    Scheme(String),
    #[error("HTTP {status} from {url}")]
    Status { status: u16, url: String },
    #[error("timed out fetching {0}")]
    Timeout(String),
    #[error("redirect loop at {0}")]
    RedirectLoop(String),
    #[error("more than {max} redirects from {url}")]
    TooManyRedirects { max: u32, url: String },
    #[error("response from {url} is over {limit} bytes")]
    TooLarge { limit: usize, url: String },
    #[error("cannot fetch {url}: {message}")]
    Transport { url: String, message: String },
}

#[derive(Clone, Debug)]
pub struct FetchConfig {
    pub timeout: Duration,
    pub max_bytes: usize,
    pub max_redirects: u32,
    pub user_agent: String,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            timeout: Duration::from_secs(20),
            max_bytes: crate::MAX_PAGE_BYTES,
            max_redirects: 5,
            user_agent: format!(
                "wiretrace/{} (news provenance research; +https://github.com/wiretrace)",
                env!("CARGO_PKG_VERSION")
            ),
        }
    }
}

/// A successful answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fetched {
    /// The body, with the URL it finally came from (after redirects) and its `Content-Type`.
    Body { url: String, content_type: Option<String>, bytes: Vec<u8> },
    /// `304`: unchanged since the last fetch of this URL.
    NotModified,
}

/// Validators from the last answer for a URL, sent back on the next request.
#[derive(Clone, Debug, Default)]
struct Validators {
    etag: Option<String>,
    last_modified: Option<String>,
}

pub struct Fetcher {
    agent: ureq::Agent,
    config: FetchConfig,
    validators: HashMap<String, Validators>,
}

impl Default for Fetcher {
    fn default() -> Self {
        Fetcher::new(FetchConfig::default())
    }
}

impl Fetcher {
    pub fn new(config: FetchConfig) -> Self {
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(config.timeout)
            .timeout(config.timeout)
            .redirects(0)
            .user_agent(&config.user_agent)
            .build();
        Fetcher { agent, config, validators: HashMap::new() }
    }

    /// GETs `url`, conditionally when it was fetched before.
    pub fn fetch(&mut self, url: &str) -> Result<Fetched, FetchError> {
        self.get(url, true)
    }

    /// GETs `url` unconditionally (an article page seen for the first time).
    pub fn fetch_fresh(&mut self, url: &str) -> Result<Fetched, FetchError> {
        self.get(url, false)
    }

    fn get(&mut self, url: &str, conditional: bool) -> Result<Fetched, FetchError> {
        check_scheme(url)?;
        let mut current = url.to_string();
        let mut seen = HashSet::from([current.clone()]);
        for _ in 0..=self.config.max_redirects {
            let mut request = self.agent.get(&current);
            if conditional {
                if let Some(v) = self.validators.get(url) {
                    if let Some(etag) = &v.etag {
                        request = request.set("If-None-Match", etag);
                    }
                    if let Some(lm) = &v.last_modified {
                        request = request.set("If-Modified-Since", lm);
                    }
                }
            }
            let response = match request.call() {
                Ok(r) => r,
                Err(ureq::Error::Status(status, _)) => {
                    return Err(FetchError::Status { status, url: current })
                }
                Err(ureq::Error::Transport(t)) => return Err(transport(&current, &t)),
            };
            let status = response.status();
            if status == 304 {
                return Ok(Fetched::NotModified);
            }
            if (300..400).contains(&status) {
                let location = response.header("Location").ok_or_else(|| FetchError::Transport {
                    url: current.clone(),
                    message: format!("{status} without Location"),
                })?;
                let next = resolve(&current, location);
                check_scheme(&next)?;
                if !seen.insert(next.clone()) {
                    return Err(FetchError::RedirectLoop(next));
                }
                current = next;
                continue;
            }
            let validators = Validators {
                etag: response.header("ETag").map(str::to_string),
                last_modified: response.header("Last-Modified").map(str::to_string),
            };
            let content_type = response.header("Content-Type").map(str::to_string);
            let limit = self.config.max_bytes;
            if let Some(length) = response.header("Content-Length").and_then(|l| l.parse::<usize>().ok()) {
                if length > limit {
                    return Err(FetchError::TooLarge { limit, url: current });
                }
            }
            let mut bytes = Vec::new();
            response
                .into_reader()
                .take(limit as u64 + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| io_error(&current, &e))?;
            if bytes.len() > limit {
                return Err(FetchError::TooLarge { limit, url: current });
            }
            self.validators.insert(url.to_string(), validators);
            return Ok(Fetched::Body { url: current, content_type, bytes });
        }
        Err(FetchError::TooManyRedirects { max: self.config.max_redirects, url: url.to_string() })
    }
}

fn check_scheme(url: &str) -> Result<(), FetchError> {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        Ok(())
    } else {
        Err(FetchError::Scheme(url.to_string()))
    }
}

fn transport(url: &str, t: &ureq::Transport) -> FetchError {
    let message = t.to_string();
    let timed_out = std::error::Error::source(t)
        .and_then(|s| s.downcast_ref::<std::io::Error>())
        .is_some_and(|e| matches!(e.kind(), std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock))
        || message.contains("timed out")
        || message.contains("too slow");
    if timed_out {
        FetchError::Timeout(url.to_string())
    } else {
        FetchError::Transport { url: url.to_string(), message }
    }
}

fn io_error(url: &str, e: &std::io::Error) -> FetchError {
    if matches!(e.kind(), std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock)
        || e.to_string().contains("too slow")
    {
        FetchError::Timeout(url.to_string())
    } else {
        FetchError::Transport { url: url.to_string(), message: e.to_string() }
    }
}

/// A `Location` made absolute against the URL that sent it.
fn resolve(base: &str, location: &str) -> String {
    if location.contains("://") {
        return location.to_string();
    }
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..].find('/').map_or(base.len(), |i| scheme_end + i);
    if let Some(rest) = location.strip_prefix("//") {
        return format!("{}{rest}", &base[..scheme_end]);
    }
    if location.starts_with('/') {
        return format!("{}{location}", &base[..host_end]);
    }
    let dir_end = base.rfind('/').filter(|&i| i >= host_end).map_or(base.len(), |i| i + 1);
    let dir = &base[..dir_end];
    if dir.ends_with('/') {
        format!("{dir}{location}")
    } else {
        format!("{dir}/{location}")
    }
}

#[cfg(test)]
pub(crate) mod tests;
