//! `reuse-run`: finds every reuse link in a `reuse-gen` corpus with wiretrace's batch path and
//! scores it against the planted pairs.
//!
//! ```text
//! reuse-run --corpus DIR/corpus.jsonl --truth DIR/truth.tsv [--min-shared N] [--window N]
//! ```
//!
//! `--min-shared` and `--window` override [`ReuseConfig::min_shared_shingles`] and
//! [`ReuseConfig::window`] (for experiments; the
//! benchmark runs the defaults).
//!
//! Texts stay on disk: the run finds the byte offset of each line (one parallel scan for
//! newlines) and reads an article again whenever the batch needs it (the page cache, not this
//! process, holds the file). Prints one JSON object on stdout: `articles`, `seconds`, `articles_per_s`, `peak_rss_mb`, `recall`,
//! `precision`, `found`, `gold`, recall per kind of pair, and the batch report. Time covers
//! reading the corpus and finding the links, not scoring.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::fs::{self, File};
use std::os::unix::fs::FileExt;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use serde::Deserialize;
use wiretrace_bench::peak_rss_bytes;
use wiretrace_core::Article;
use wiretrace_reuse::{find_reuse_batch, ArticleSource, ReuseConfig};

#[derive(Deserialize)]
struct Line {
    id: String,
    #[serde(default)]
    outlet: Option<String>,
    text: String,
}

/// A JSONL file read line by line on demand.
struct JsonlSource {
    file: File,
    /// Start of each line, plus the end of the file.
    offsets: Vec<u64>,
}

impl JsonlSource {
    /// Opens `path` and finds where each line starts: the file is read once, in parallel
    /// segments, looking only for newlines.
    fn open(path: &PathBuf) -> Result<Self> {
        let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        let len = file.metadata()?.len();
        const SEGMENT: u64 = 16 << 20;
        let ends: Vec<Vec<u64>> = (0..len.div_ceil(SEGMENT))
            .into_par_iter()
            .map(|s| -> std::io::Result<Vec<u64>> {
                let start = s * SEGMENT;
                let mut buf = vec![0u8; (len - start).min(SEGMENT) as usize];
                file.read_exact_at(&mut buf, start)?;
                Ok(memchr::memchr_iter(b'\n', &buf).map(|i| start + i as u64 + 1).collect())
            })
            .collect::<std::io::Result<_>>()?;
        let mut offsets = vec![0u64];
        offsets.extend(ends.into_iter().flatten());
        if *offsets.last().unwrap_or(&0) < len {
            offsets.push(len);
        }
        Ok(JsonlSource { file, offsets })
    }
}

impl ArticleSource for JsonlSource {
    fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    fn article(&self, doc: u32) -> Option<Cow<'_, Article>> {
        let (start, end) = (self.offsets[doc as usize], self.offsets[doc as usize + 1]);
        let mut buf = vec![0u8; (end - start) as usize];
        self.file.read_exact_at(&mut buf, start).ok()?;
        let line = scan_line(&buf).or_else(|| serde_json::from_slice(&buf).ok())?;
        let mut article = Article::new(line.id, line.text);
        article.outlet = line.outlet;
        Some(Cow::Owned(article))
    }
}

/// A line as `reuse-gen` writes it (`{"id":"..","outlet":"..","text":".."}`, keys in that
/// order, compact), read by a byte scan: a general JSON parse of every line, twice per
/// article, was a few percent of the run. Anything else (other key order, spacing, an
/// invalid escape) gives `None`, and the caller falls back to `serde_json`, so any valid line
/// is read alike either way.
fn scan_line(buf: &[u8]) -> Option<Line> {
    let rest = buf.strip_prefix(br#"{"id":"#)?;
    let (id, rest) = scan_string(rest)?;
    let rest = rest.strip_prefix(br#","outlet":"#)?;
    let (outlet, rest) = match rest.strip_prefix(b"null") {
        Some(rest) => (None, rest),
        None => scan_string(rest).map(|(o, rest)| (Some(o), rest))?,
    };
    let rest = rest.strip_prefix(br#","text":"#)?;
    let (text, rest) = scan_string(rest)?;
    let rest = rest.strip_prefix(b"}")?;
    rest.iter().all(|b| matches!(b, b'\n' | b'\r')).then_some(Line { id, outlet, text })
}

/// The JSON string opening `buf` (at its quote), unescaped, and what follows it; `None` when
/// it is not a valid JSON string.
fn scan_string(buf: &[u8]) -> Option<(String, &[u8])> {
    let mut rest = buf.strip_prefix(b"\"")?;
    // Escapes only shorten a string, so up to the first quote is exact unless an escaped
    // quote comes first (then the buffer grows); the rest of the line would make every id
    // and outlet as large as the whole line.
    let mut out: Vec<u8> = Vec::with_capacity(memchr::memchr(b'"', rest).unwrap_or(rest.len()));
    loop {
        let at = memchr::memchr2(b'"', b'\\', rest)?;
        let run = &rest[..at];
        // JSON forbids raw control chars in strings; serde_json rejects them too.
        if run.iter().any(|&b| b < 0x20) {
            return None;
        }
        out.extend_from_slice(run);
        if rest[at] == b'"' {
            return Some((String::from_utf8(out).ok()?, &rest[at + 1..]));
        }
        let esc = *rest.get(at + 1)?;
        rest = &rest[at + 2..];
        let c = match esc {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let (hi, after) = hex4(rest)?;
                rest = after;
                if (0xD800..0xDC00).contains(&hi) {
                    let (lo, after) = hex4(rest.strip_prefix(b"\\u")?)?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return None;
                    }
                    rest = after;
                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))?
                } else {
                    char::from_u32(hi)?
                }
            }
            _ => return None,
        };
        let mut utf8 = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
    }
}

/// Four hex digits opening `buf`, and what follows them.
fn hex4(buf: &[u8]) -> Option<(u32, &[u8])> {
    let digits = std::str::from_utf8(buf.get(..4)?).ok()?;
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    Some((u32::from_str_radix(digits, 16).ok()?, &buf[4..]))
}

fn main() -> Result<()> {
    let mut corpus: Option<PathBuf> = None;
    let mut truth: Option<PathBuf> = None;
    let mut config = ReuseConfig::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--corpus" => corpus = args.next().map(Into::into),
            "--truth" => truth = args.next().map(Into::into),
            "--min-shared" => {
                config.min_shared_shingles = args.next().context("--min-shared needs a number")?.parse()?
            }
            "--window" => config.window = args.next().context("--window needs a number")?.parse()?,
            _ => bail!("usage: reuse-run --corpus FILE --truth FILE (unknown {a})"),
        }
    }
    let (Some(corpus), Some(truth)) = (corpus, truth) else {
        bail!("usage: reuse-run --corpus FILE --truth FILE");
    };

    let started = Instant::now();
    let source = JsonlSource::open(&corpus)?;
    let (links, report) = find_reuse_batch(&source, 0, &config);
    let seconds = started.elapsed().as_secs_f64();
    let peak = peak_rss_bytes();

    let found: HashSet<(u64, u64)> = links
        .iter()
        .filter_map(|l| {
            let (a, b) = (l.a.parse::<u64>().ok()?, l.b.parse::<u64>().ok()?);
            Some((a.min(b), a.max(b)))
        })
        .collect();
    let mut gold: HashSet<(u64, u64)> = HashSet::new();
    let mut by_kind: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for line in
        fs::read_to_string(&truth).with_context(|| format!("cannot read {}", truth.display()))?.lines()
    {
        let mut parts = line.split('\t');
        let (Some(a), Some(b), Some(kind)) = (parts.next(), parts.next(), parts.next()) else { continue };
        let pair = (a.parse::<u64>()?, b.parse::<u64>()?);
        gold.insert(pair);
        let entry = by_kind.entry(kind.to_string()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(found.contains(&pair));
    }
    let hits = found.intersection(&gold).count();
    let recall = if gold.is_empty() { 1.0 } else { hits as f64 / gold.len() as f64 };
    let precision = if found.is_empty() { 1.0 } else { hits as f64 / found.len() as f64 };
    for (i, fp) in found.difference(&gold).take(3).enumerate() {
        eprintln!("false positive {i}: {fp:?}");
    }
    for (i, fnp) in gold.difference(&found).take(3).enumerate() {
        eprintln!("missed {i}: {fnp:?}");
    }
    let recall_by_kind: BTreeMap<&str, f64> =
        by_kind.iter().map(|(k, &(n, hit))| (k.as_str(), hit as f64 / n as f64)).collect();
    let out = serde_json::json!({
        "tool": "wiretrace",
        "articles": report.articles,
        "seconds": seconds,
        "articles_per_s": report.articles as f64 / seconds,
        "peak_rss_mb": peak.map(|b| b as f64 / 1_048_576.0),
        "recall": recall,
        "precision": precision,
        "found": found.len(),
        "gold": gold.len(),
        "recall_by_kind": recall_by_kind,
        "batch": {
            "unreadable": report.unreadable,
            "hashes": report.hashes,
            "shared_postings": report.shared_postings,
            "candidate_pairs": report.candidate_pairs,
            "links": report.links,
        },
    });
    println!("{out}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde_line(line: &str) -> Option<(String, Option<String>, String)> {
        serde_json::from_str::<Line>(line).ok().map(|l| (l.id, l.outlet, l.text))
    }

    #[test]
    fn scanned_lines_read_as_serde_reads_them() {
        let texts = [
            "plain words",
            "quote \" and backslash \\ and slash / in Port Estrel",
            "lines\n\nand\ttabs\r\u{8}\u{c}",
            "Señora Quillan’s “harbour” 😀 pier",
            "",
        ];
        for text in texts {
            for outlet in [Some("outlet7"), None] {
                let line = serde_json::json!({"id": "42", "outlet": outlet, "text": text}).to_string();
                let scanned = scan_line(line.as_bytes()).map(|l| (l.id, l.outlet, l.text));
                assert_eq!(scanned, serde_line(&line), "{line}");
                assert!(scanned.is_some());
            }
        }
        // Escapes serde_json writes only for control chars, and the surrogate pairs others write.
        let line = r#"{"id":"1","outlet":"o","text":"a\u00e9\ud83d\ude00\u2019b\/"}"#;
        assert_eq!(scan_line(line.as_bytes()).map(|l| l.text).as_deref(), Some("aé😀’b/"));
    }

    #[test]
    fn lines_the_scan_cannot_read_are_left_to_serde() {
        for line in [
            r#"{"outlet":"o","id":"1","text":"t"}"#,
            r#"{"id": "1", "outlet": "o", "text": "t"}"#,
            r#"{"id":"1","outlet":"o","text":"bad \x escape"}"#,
            r#"{"id":"1","outlet":"o","text":"lone \ud83d surrogate"}"#,
            "{\"id\":\"1\",\"outlet\":\"o\",\"text\":\"raw\ttab\"}",
            r#"{"id":"1","outlet":"o","text":"t","extra":1}"#,
        ] {
            assert!(scan_line(line.as_bytes()).is_none(), "{line}");
        }
    }
}
