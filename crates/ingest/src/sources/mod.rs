//! Source kinds: plain scraped text and JSONL. The file name's extension picks the kind; the
//! decoding checks (empty, binary, UTF-8) are the same for all.

mod jsonl;
mod plain;

use std::path::Path;

use crate::decode::decode;
use crate::ReadOutcome;

/// The format of a source, by file extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `.txt`, `.text`, `.md`, and any other extension whose bytes decode as text.
    PlainText,
    /// `.jsonl`, `.ndjson`: one article per line.
    Jsonl,
}

impl Format {
    pub fn of(name: &str) -> Format {
        let ext = Path::new(name).extension().map(|e| e.to_string_lossy().to_lowercase());
        match ext.as_deref() {
            Some("jsonl" | "ndjson") => Format::Jsonl,
            _ => Format::PlainText,
        }
    }
}

/// See [`crate::read_bytes`].
pub fn read_bytes(name: &str, source: &str, bytes: &[u8]) -> ReadOutcome {
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(err) => return ReadOutcome::rejected(err.into_rejection(source)),
    };
    let stem = Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| name.to_string());
    match Format::of(name) {
        Format::PlainText => plain::read(&stem, source, text),
        Format::Jsonl => jsonl::read(&stem, source, text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_picks_the_format() {
        assert_eq!(Format::of("a.jsonl"), Format::Jsonl);
        assert_eq!(Format::of("dir/a.NDJSON"), Format::Jsonl);
        assert_eq!(Format::of("a.txt"), Format::PlainText);
        assert_eq!(Format::of("a.md"), Format::PlainText);
        assert_eq!(Format::of("a.scraped"), Format::PlainText);
        assert_eq!(Format::of("README"), Format::PlainText);
    }
}
