//! `reuse-run`: finds every reuse link in a `reuse-gen` corpus with wiretrace's batch path and
//! scores it against the planted pairs.
//!
//! ```text
//! reuse-run --corpus DIR/corpus.jsonl --truth DIR/truth.tsv [--min-shared N] [--window N]
//!           [--max-posting N] [--sample-above N]
//! ```
//!
//! The flags override the [`ReuseConfig`] fields of those names (for experiments; the
//! benchmark runs the defaults).
//!
//! Texts stay on disk: the run finds the byte offset of each line (one parallel scan for
//! newlines) and reads an article again whenever the batch needs it (the page cache, not this
//! process, holds the file). Prints one JSON object on stdout: `articles`, `seconds`, `articles_per_s`, `peak_rss_mb`, `recall`,
//! `precision`, `found`, `gold`, recall per kind of pair, the batch report, and
//! `links_digest`, a hash of every link, direction and passage, to tell whether a change to
//! the code changed the results. Time covers reading the corpus and finding the links, not
//! scoring.

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
        // Small enough that a corpus of 10,000 articles (24 MB) splits evenly between threads.
        const SEGMENT: u64 = 2 << 20;
        let ends: Vec<Vec<u64>> = (0..len.div_ceil(SEGMENT))
            .into_par_iter()
            // One buffer per task, not per segment: fresh memory costs a page fault per page.
            .map_init(Vec::new, |buf: &mut Vec<u8>, s| -> std::io::Result<Vec<u64>> {
                let start = s * SEGMENT;
                buf.resize((len - start).min(SEGMENT) as usize, 0);
                file.read_exact_at(buf, start)?;
                Ok(memchr::memchr_iter(b'\n', buf).map(|i| start + i as u64 + 1).collect())
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
        let line = SCRATCH.with_borrow_mut(|s| {
            s.line.resize((end - start) as usize, 0);
            self.file.read_exact_at(&mut s.line, start).ok()?;
            scan_line(&s.line).or_else(|| serde_json::from_slice(&s.line).ok())
        })?;
        let mut article = Article::new(line.id, line.text);
        article.outlet = line.outlet;
        Some(Cow::Owned(article))
    }

    fn with_text(&self, doc: u32, f: &mut dyn FnMut(&str)) -> bool {
        SCRATCH.with_borrow_mut(|s| {
            let (start, end) = (self.offsets[doc as usize], self.offsets[doc as usize + 1]);
            if start < s.block_start || end > s.block_start + s.block.len() as u64 {
                let file_end = *self.offsets.last().unwrap_or(&0);
                let len = (end - start).max(BLOCK.min(file_end - start));
                s.block.resize(len as usize, 0);
                s.block_start = start;
                if self.file.read_exact_at(&mut s.block, start).is_err() {
                    s.block.clear();
                    return false;
                }
            }
            let line = &s.block[(start - s.block_start) as usize..(end - s.block_start) as usize];
            if let Some(text) = scan_text(line, &mut s.skipped, &mut s.text) {
                f(text);
                return true;
            }
            match serde_json::from_slice::<Line>(line) {
                Ok(line) => {
                    f(&line.text);
                    true
                }
                Err(_) => false,
            }
        })
    }
}

/// The text of a line as `reuse-gen` writes it (see [`scan_line`]), unescaped into `out`,
/// without building its id and outlet; `None` for any other line.
fn scan_text<'o>(buf: &[u8], skipped: &mut Vec<u8>, out: &'o mut Vec<u8>) -> Option<&'o str> {
    let rest = buf.strip_prefix(br#"{"id":"#)?;
    let rest = scan_string_into(rest, skipped)?;
    let rest = rest.strip_prefix(br#","outlet":"#)?;
    let rest = match rest.strip_prefix(b"null") {
        Some(rest) => rest,
        None => scan_string_into(rest, skipped)?,
    };
    let rest = rest.strip_prefix(br#","text":"#)?;
    let rest = scan_string_into(rest, out)?;
    let rest = rest.strip_prefix(b"}")?;
    if !rest.iter().all(|b| matches!(b, b'\n' | b'\r')) {
        return None;
    }
    std::str::from_utf8(out).ok()
}

/// Buffers [`JsonlSource`] reuses on each thread instead of allocating them per read.
#[derive(Default)]
struct TextScratch {
    /// Bytes `block_start..block_start + block.len()` of the file.
    block: Vec<u8>,
    block_start: u64,
    /// One line read on its own (aligning reads articles out of file order).
    line: Vec<u8>,
    skipped: Vec<u8>,
    text: Vec<u8>,
}

/// Bytes [`JsonlSource::with_text`] reads at once: indexing asks for articles in file order,
/// so one read serves about a hundred of them, where a read per article spent more time in
/// the kernel than in parsing.
const BLOCK: u64 = 256 << 10;

thread_local! {
    static SCRATCH: std::cell::RefCell<TextScratch> = std::cell::RefCell::default();
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
    let (text, rest) = scan_string_with_capacity(rest, rest.len())?;
    let rest = rest.strip_prefix(b"}")?;
    rest.iter().all(|b| matches!(b, b'\n' | b'\r')).then_some(Line { id, outlet, text })
}

/// The JSON string opening `buf` (at its quote), unescaped, and what follows it; `None` when
/// it is not a valid JSON string.
fn scan_string(buf: &[u8]) -> Option<(String, &[u8])> {
    // Escapes only shorten a string, so up to the first quote is exact unless an escaped
    // quote comes first (then the buffer grows); the rest of the line would make every id
    // and outlet as large as the whole line.
    scan_string_with_capacity(buf, memchr::memchr(b'"', &buf[1.min(buf.len())..]).unwrap_or(buf.len()))
}

/// [`scan_string`] into a buffer of `capacity` bytes: the rest of the line for the last field,
/// whose text holds escaped quotes that would make it grow several times.
fn scan_string_with_capacity(buf: &[u8], capacity: usize) -> Option<(String, &[u8])> {
    let mut out: Vec<u8> = Vec::with_capacity(capacity);
    let rest = scan_string_into(buf, &mut out)?;
    Some((String::from_utf8(out).ok()?, rest))
}

/// [`scan_string`] into `out` (cleared first), as bytes: valid UTF-8 when the input line is.
fn scan_string_into<'b>(buf: &'b [u8], out: &mut Vec<u8>) -> Option<&'b [u8]> {
    out.clear();
    let mut rest = buf.strip_prefix(b"\"")?;
    loop {
        let at = memchr::memchr2(b'"', b'\\', rest)?;
        let run = &rest[..at];
        // JSON forbids raw control chars in strings; serde_json rejects them too.
        // A fold rather than `any`: it runs on whole vectors, where an early exit went byte
        // by byte.
        if run.iter().fold(false, |bad, &b| bad | (b < 0x20)) {
            return None;
        }
        out.extend_from_slice(run);
        if rest[at] == b'"' {
            return Some(&rest[at + 1..]);
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
            "--max-posting" => {
                config.max_posting = args.next().context("--max-posting needs a number")?.parse()?
            }
            "--sample-above" => {
                config.sample_above = args.next().context("--sample-above needs a number")?.parse()?
            }
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

    // One hash of every link, direction and passage, to tell two runs' results apart.
    let digest = links.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, l| {
        let numbers = l.passages.iter().flat_map(|p| {
            [p.a_start, p.a_end, p.b_start, p.b_end]
                .map(|x| x as u64)
                .into_iter()
                .chain([u64::from(p.similarity.to_bits())])
        });
        let bytes = l.a.bytes().chain([0]).chain(l.b.bytes()).chain([0, l.direction as u8]);
        bytes.map(u64::from).chain(numbers).fold(h, |h, x| (h ^ x).wrapping_mul(0x100_0000_01b3))
    });
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
        "links_digest": format!("{digest:016x}"),
        "batch": {
            "unreadable": report.unreadable,
            "hashes": report.hashes,
            "shared_postings": report.shared_postings,
            "key_pairs": report.key_pairs,
            "candidate_pairs": report.candidate_pairs,
            "aligned_reads": report.aligned_reads,
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
                let (mut skipped, mut out) = (Vec::new(), Vec::new());
                assert_eq!(scan_text(line.as_bytes(), &mut skipped, &mut out), Some(text), "{line}");
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
            assert!(scan_text(line.as_bytes(), &mut Vec::new(), &mut Vec::new()).is_none(), "{line}");
        }
    }
}
