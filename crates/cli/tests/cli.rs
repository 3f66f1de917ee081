//! The `wiretrace` binary as a user runs it: the demo report, exit codes, bad input, re-runs.
//! Snapshots (insta) hold what the user sees; paths are redacted.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn wiretrace(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wiretrace"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the wiretrace binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn demo_json(dir: &Path) -> Vec<Value> {
    let out = wiretrace(&dir.join("w.db"), &["demo", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

/// Finds the story holding an article.
fn story_of<'a>(stories: &'a [Value], article: &str) -> &'a Value {
    stories
        .iter()
        .find(|s| s["articles"].as_array().unwrap().iter().any(|a| a.as_str().unwrap().starts_with(article)))
        .unwrap_or_else(|| panic!("no story holds {article}"))
}

#[test]
fn demo_text_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = wiretrace(&dir.path().join("w.db"), &["demo"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    insta::assert_snapshot!("demo_text", stdout(&out));
    insta::assert_snapshot!("demo_summary", stderr(&out));
}

#[test]
fn demo_markdown_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = wiretrace(&dir.path().join("w.db"), &["demo", "--format", "md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    insta::assert_snapshot!("demo_md", stdout(&out));
}

#[test]
fn demo_groups_the_wire_copies_into_their_stories() {
    let dir = tempfile::tempdir().unwrap();
    let stories = demo_json(dir.path());
    // The dock strike: three copies of one Allied Wire Service report, one origin.
    let dock = story_of(&stories, "009");
    let dock_ids: Vec<&str> =
        dock["articles"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    assert_eq!(dock_ids.len(), 3, "{dock_ids:?}");
    assert!(dock_ids.iter().all(|id| ["009", "010", "011"].iter().any(|p| id.starts_with(p))));
    assert_eq!(dock["independent_origins"], 1);
    // The mine strike, a day later in the same country, is another story.
    assert!(!std::ptr::eq(dock, story_of(&stories, "012")));
    // The military crisis: BNC and Meridian Press both among its origins.
    let crisis = story_of(&stories, "001");
    let origins: Vec<&str> =
        crisis["origins"].as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap()).collect();
    assert!(origins.contains(&"BNC") && origins.contains(&"Meridian Press"), "{origins:?}");
    assert!(crisis["independent_origins"].as_u64().unwrap() >= 2);
}

#[test]
fn rerunning_stores_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let first = demo_json(dir.path());
    let db = dir.path().join("w.db");
    let again = wiretrace(&db, &["demo", "--format", "json"]);
    assert!(stderr(&again).contains("0 new, 15 already stored"), "{}", stderr(&again));
    let second: Vec<Value> = serde_json::from_str(&stdout(&again)).unwrap();
    assert_eq!(first, second, "a re-run changes no story, not even its id");
}

#[test]
fn bad_inputs_are_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(inputs.join("good.txt"), "Harbour pilots in Port Estrel refused night shifts on Monday, saying the channel lights had failed for a week and no repair crew had come.").unwrap();
    std::fs::write(inputs.join("empty.txt"), "").unwrap();
    std::fs::write(inputs.join("latin1.txt"), b"Caf\xe9 owners protest\n").unwrap();
    std::fs::write(inputs.join("feed.jsonl"), "{\"id\":\"j1\",\"text\":\"The ferry to Orla ran aground on a sandbar; all forty passengers were brought ashore by lifeboat crews.\"}\nnot json\n{\"id\":\"j3\"}\n").unwrap();
    let db = dir.path().join("w.db");
    let missing = dir.path().join("missing.txt");
    let out =
        wiretrace(&db, &["analyze", inputs.to_str().unwrap(), missing.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "some input was rejected: {}", stderr(&out));
    let err = stderr(&out).replace(dir.path().to_str().unwrap(), "[TMP]");
    insta::assert_snapshot!("bad_inputs_stderr", err);
    let stories: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let read: usize = stories.iter().map(|s| s["articles"].as_array().unwrap().len()).sum();
    assert_eq!(read, 2, "good.txt and j1 are stored");
}

#[test]
fn story_by_id_and_unknown_story() {
    let dir = tempfile::tempdir().unwrap();
    let stories = demo_json(dir.path());
    let db = dir.path().join("w.db");
    let id = stories[0]["id"].as_u64().unwrap().to_string();
    let one = wiretrace(&db, &["story", &id, "--format", "json"]);
    assert_eq!(one.status.code(), Some(0));
    let story: Value = serde_json::from_str(&stdout(&one)).unwrap();
    assert_eq!(story, stories[0]);
    let none = wiretrace(&db, &["story", "9999"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(stderr(&none).contains("no story 9999"));
    let listed = wiretrace(&db, &["stories"]);
    assert_eq!(stdout(&listed).lines().count(), stories.len());
}

#[test]
fn stories_filter_by_search_and_day_and_sort_by_size() {
    let dir = tempfile::tempdir().unwrap();
    let stories = demo_json(dir.path());
    let db = dir.path().join("w.db");
    let ids = |args: &[&str]| -> Vec<u64> {
        let out = wiretrace(&db, &[&["stories", "--format", "json"], args].concat());
        let listed: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
        listed.iter().map(|s| s["id"].as_u64().unwrap()).collect()
    };
    // "ferry" (any case) appears only in the ferry rescue story.
    let ferry = story_of(&stories, "014")["id"].as_u64().unwrap();
    assert_eq!(ids(&["--search", "FERRY"]), [ferry]);
    assert_eq!(ids(&["--search", "\"unbalanced"]), Vec::<u64>::new());
    // The mine strike (11-12 March) is the only story with news after 11 March.
    let mine = story_of(&stories, "012")["id"].as_u64().unwrap();
    assert_eq!(ids(&["--since", "2025-03-11"]), [mine]);
    let by_size = ids(&["--sort", "size"]);
    let sizes: Vec<usize> = by_size
        .iter()
        .map(|id| stories.iter().find(|s| s["id"] == *id).unwrap()["articles"].as_array().unwrap().len())
        .collect();
    assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
    let bad_day = wiretrace(&db, &["stories", "--since", "11/03/2025"]);
    assert_eq!(bad_day.status.code(), Some(2));
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = wiretrace(&dir.path().join("w.db"), &["analyze"]);
    assert_eq!(out.status.code(), Some(2));
    let out = wiretrace(&dir.path().join("w.db"), &["stories", "--format", "yaml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_store_that_is_not_sqlite_is_an_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("not.db");
    std::fs::write(&db, "this is not a database file, just text long enough to have a header").unwrap();
    let out = wiretrace(&db, &["stories"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: cannot open the store"), "{}", stderr(&out));
}

#[test]
fn quiet_prints_nothing_on_success() {
    let dir = tempfile::tempdir().unwrap();
    let out = wiretrace(&dir.path().join("w.db"), &["-q", "demo"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
}

#[test]
fn schema_file_matches_the_types() {
    let out = wiretrace(Path::new("unused.db"), &["schema"]);
    let committed =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/story.schema.json"))
            .unwrap();
    assert_eq!(
        stdout(&out),
        committed,
        "run `wiretrace schema > schema/story.schema.json` and review the change"
    );
}
