//! Reading a directory that mixes good sources with every kind of bad one: the good ones become
//! articles, each bad one one rejection naming its file, and the walk goes on.

use std::fs;
use std::path::Path;

use wiretrace_core::Stage;
use wiretrace_ingest::{read_bytes, read_path};

const GOOD_PAGE: &str = "\
Estrel dam holds after night of record rain
By Ana Ruiz
March 4, 2021 9:05 pm
The dam above Port Estrel held overnight, the water board said on Thursday.
Share this story
";

const FEED: &str = concat!(
    r#"{"id": "hl-1", "title": "Spillway reopens", "text": "The spillway reopened on Friday after repairs, the board said."}"#,
    "\n\n",
    r#"{"text": "Engineers said the gates would be tested again next week.""#,
    "\n",
    r#"{"outlet": "Harbour Ledger", "text": "Inspectors will visit every dam in the valley this month, officials said."}"#,
    "\n",
);

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

#[test]
fn a_mixed_directory_reads_good_files_and_rejects_bad_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write(dir, "a_good.txt", GOOD_PAGE.as_bytes());
    write(dir, "b_feed.jsonl", FEED.as_bytes());
    write(dir, "c_empty.txt", b"");
    write(dir, "d_photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    write(dir, "e_latin1.txt", b"Se\xf1or Marques said the dam held.");
    write(dir, "f_furniture.txt", b"Share this story\nAdvertisement\n");
    write(
        dir,
        "nested/g_bom.md",
        "\u{feff}The gates were tested on Saturday, the water board said.".as_bytes(),
    );
    write(dir, "nested/h_notes.scraped", b"Inspectors found no cracks in the dam wall, the board said.");
    write(dir, ".hidden.txt", b"Not an article at all, just an editor's scratch file.");
    write(dir, ".git/config", b"[core]");

    let out = read_path(dir);

    let ids: Vec<&str> = out.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a_good", "hl-1", "b_feed-4", "g_bom", "h_notes"]);

    let good = &out.articles[0];
    assert_eq!(good.title.as_deref(), Some("Estrel dam holds after night of record rain"));
    assert_eq!(good.authors, ["Ana Ruiz"]);
    assert_eq!(good.text, "The dam above Port Estrel held overnight, the water board said on Thursday.");
    assert_eq!(good.source, dir.join("a_good.txt").display().to_string());
    assert_eq!(out.articles[2].outlet.as_deref(), Some("Harbour Ledger"));
    assert!(out.articles[3].text.starts_with("The gates"), "the BOM is stripped");

    let source = |name: &str| dir.join(name).display().to_string();
    let rejections: Vec<(String, Stage, String)> =
        out.rejections.iter().map(|r| (r.source.clone(), r.stage, r.reason.clone())).collect();
    assert_eq!(rejections.len(), 5, "{rejections:#?}");
    assert_eq!(rejections[0].0, format!("{}:3", source("b_feed.jsonl")));
    assert!(rejections[0].2.starts_with("not JSON: "), "{}", rejections[0].2);
    assert_eq!(
        rejections[1..],
        [
            (source("c_empty.txt"), Stage::Read, "empty file".to_string()),
            (source("d_photo.png"), Stage::Read, "binary file, not text".to_string()),
            (source("e_latin1.txt"), Stage::Read, "invalid UTF-8 at byte 2".to_string()),
            (
                source("f_furniture.txt"),
                Stage::Extract,
                "no article text after removing boilerplate".to_string()
            ),
        ]
    );
}

#[test]
fn a_missing_path_is_one_rejection() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("no-such-corpus");
    let out = read_path(&missing);
    assert!(out.articles.is_empty());
    assert_eq!(out.rejections.len(), 1);
    assert_eq!(out.rejections[0].reason, "no such file or directory");
    assert_eq!(out.rejections[0].stage, Stage::Read);
}

#[test]
fn a_single_file_path_reads_that_file() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "one.text", GOOD_PAGE.as_bytes());
    let out = read_path(&tmp.path().join("one.text"));
    assert_eq!(out.articles.len(), 1);
    assert_eq!(out.articles[0].id, "one");
    assert!(out.rejections.is_empty());
}

#[test]
fn bytes_in_memory_read_like_files() {
    let out = read_bytes("demo/feed.ndjson", "demo corpus: feed.ndjson", FEED.as_bytes());
    assert_eq!(out.articles.len(), 2);
    assert_eq!(out.articles[1].id, "feed-4");
    assert_eq!(out.articles[1].source, "demo corpus: feed.ndjson:4");
    assert_eq!(out.rejections[0].source, "demo corpus: feed.ndjson:3");
}
