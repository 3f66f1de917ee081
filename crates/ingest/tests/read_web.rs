//! Web inputs through the public entry points: HTML files (plain and gzipped), bad pages, and
//! the size cap.

use std::io::Write;

use wiretrace_core::Stage;
use wiretrace_ingest::{read_bytes, read_path, MAX_PAGE_BYTES};

const PAGE: &str = "<html lang=\"en\"><head><title>Dam holds | Harbour Ledger</title><meta property=\"og:type\" content=\"article\"></head><body><article><h1>Dam holds</h1><p>The dam above Port Estrel held overnight after the heaviest rain in forty years, the water board said on Thursday, as engineers checked the spillway for damage.</p><p>Residents of the lower town were allowed back into their homes at dawn, and the board said the river would fall through the weekend if the forecast held.</p><p>The board will publish its inspection report next week, a spokeswoman said.</p></article></body></html>";

#[test]
fn html_and_gzipped_html_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dam.html"), PAGE).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(PAGE.as_bytes()).unwrap();
    std::fs::write(dir.path().join("dam2.html.gz"), gz.finish().unwrap()).unwrap();
    std::fs::write(dir.path().join("broken.html.gz"), b"\x1f\x8b\x08\x00garbage").unwrap();
    let out = read_path(dir.path());
    let ids: Vec<&str> = out.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["dam", "dam2"]);
    assert_eq!(out.articles[0].title.as_deref(), Some("Dam holds"));
    assert_eq!(out.rejections.len(), 1);
    assert!(out.rejections[0].reason.starts_with("truncated or corrupt gzip"));
}

#[test]
fn a_huge_page_is_rejected_not_truncated() {
    let huge = format!("<html><body><p>{}</p></body></html>", "word ".repeat(MAX_PAGE_BYTES / 4));
    assert!(huge.len() > MAX_PAGE_BYTES);
    let out = read_bytes("huge.html", "huge.html", huge.as_bytes());
    assert_eq!(out.rejections[0].reason, format!("too large: over {MAX_PAGE_BYTES} bytes"));
}

#[test]
fn malformed_and_empty_pages_are_rejections() {
    let out = read_bytes("bad.html", "bad.html", b"<html><body><div><p>unclosed <b>tags <<<>>>");
    assert!(out.articles.is_empty());
    assert_eq!(out.rejections[0].stage, Stage::Extract);
    let out = read_bytes("empty.html", "empty.html", b"   ");
    assert_eq!(out.rejections[0].reason, "empty file");
}

#[test]
fn plain_text_still_reads_as_before() {
    let text = "Estrel dam holds after night of record rain\nThe dam above Port Estrel held overnight, the water board said.";
    let out = read_bytes("note.txt", "note.txt", text.as_bytes());
    assert_eq!(out.articles[0].title.as_deref(), Some("Estrel dam holds after night of record rain"));
    assert_eq!(out.articles[0].text, "The dam above Port Estrel held overnight, the water board said.");
}
