//! The store through its public API. Fixtures are fictional: a Lantern Wire report on a
//! harbour strike in Port Estrel, and the outlets that carry it.

use chrono::{DateTime, TimeZone, Utc};
use wiretrace_core::{
    Article, AttributionCue, CueKind, Direction, EntityKind, Event, Mention, Origin, OriginKind, Passage,
    Quote, QuoteKind, Rejection, ReuseLink, Span, Stage, Story,
};
use wiretrace_store::{DuplicateReason, Error, Inserted, Store, SCHEMA_VERSION};

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2031, 4, day, hour, 0, 0).unwrap()
}

fn wire_report() -> Article {
    let mut article = Article::new(
        "lantern-001",
        "PORT ESTREL (Lantern Wire) - Dockworkers voted on Tuesday to end a nine-day strike.\n\n\
         \"We got what we came for,\" union leader Ilse Marqués told Lantern Wire.",
    );
    article.source = "feeds/lantern.jsonl:1".into();
    article.title = Some("Port Estrel dockworkers end strike".into());
    article.url = Some("https://lanternwire.example/estrel-strike".into());
    article.outlet = Some("Lantern Wire".into());
    article.published = Some(at(1, 9));
    article.authors = vec!["Tomas Veld".into(), "Ana Rook".into()];
    article.language = Some("en".into());
    article
}

fn rewrite() -> Article {
    let mut article = Article::new(
        "gazette-014",
        "Dockworkers voted on Tuesday to end a nine-day strike, Lantern Wire reported.\n\n\
         Shipping lines said cranes would restart by the weekend.",
    );
    article.title = Some("Strike over at Port Estrel".into());
    article.url = Some("https://www.harbourgazette.example/news/strike-over/".into());
    article.outlet = Some("Harbour Gazette".into());
    article.published = Some(at(1, 14));
    article
}

fn opinion() -> Article {
    let mut article = Article::new("courier-203", "The strike showed how little the port authority listens.");
    article.title = Some("What the strike taught us".into());
    article
}

fn store_with(articles: &[Article]) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    for article in articles {
        assert_eq!(store.insert_article(article).unwrap(), Inserted::New);
    }
    store
}

fn story(title: &str, articles: &[&str], last: Option<DateTime<Utc>>) -> Story {
    Story {
        id: 999,
        title: title.into(),
        summary: Some(format!("{title}, in short.")),
        first_published: last,
        last_published: last,
        articles: articles.iter().map(|a| a.to_string()).collect(),
        outlets: vec!["Lantern Wire".into()],
        events: vec![Event {
            title: title.into(),
            articles: articles.iter().map(|a| a.to_string()).collect(),
            first_published: last,
        }],
        origins: vec![Origin {
            name: "Lantern Wire".into(),
            kind: OriginKind::Attributed,
            articles: articles.iter().map(|a| a.to_string()).collect(),
        }],
        independent_origins: 1,
        quotes: Vec::new(),
        entities: Vec::new(),
        reuse: Vec::new(),
        claims: Vec::new(),
    }
}

#[test]
fn articles_round_trip_in_publication_order() {
    let store = store_with(&[opinion(), rewrite(), wire_report()]);
    assert_eq!(store.article_count().unwrap(), 3);
    assert_eq!(store.article("lantern-001").unwrap(), Some(wire_report()));
    assert_eq!(store.article("gazette-014").unwrap(), Some(rewrite()));
    assert_eq!(store.article("nobody-000").unwrap(), None);
    // Dated first in time order, the undated opinion piece last.
    assert_eq!(store.articles().unwrap(), vec![wire_report(), rewrite(), opinion()]);
}

#[test]
fn sub_second_times_survive_and_order() {
    let mut early = Article::new("early", "first body");
    early.published = Some(Utc.timestamp_opt(1_900_000_000, 123_456_789).unwrap());
    let mut late = Article::new("late", "second body");
    late.published = Some(Utc.timestamp_opt(1_900_000_000, 900_000_000).unwrap());
    let store = store_with(&[late.clone(), early.clone()]);
    assert_eq!(store.articles().unwrap(), vec![early, late]);
}

#[test]
fn duplicates_by_id_content_and_canonical_url_write_nothing() {
    let mut store = store_with(&[wire_report(), rewrite()]);

    let mut same_id = opinion();
    same_id.id = "lantern-001".into();
    assert_eq!(
        store.insert_article(&same_id).unwrap(),
        Inserted::Duplicate { existing: "lantern-001".into(), reason: DuplicateReason::SameId }
    );

    // Re-scraped with other line breaks and a new id: the same body.
    let mut rescraped = wire_report();
    rescraped.id = "lantern-001-copy".into();
    rescraped.url = None;
    rescraped.text = rescraped.text.replace("\n\n", "\n");
    assert_eq!(
        store.insert_article(&rescraped).unwrap(),
        Inserted::Duplicate { existing: "lantern-001".into(), reason: DuplicateReason::SameContent }
    );

    let mut tracked = opinion();
    tracked.id = "gazette-014-tracked".into();
    tracked.url = Some("https://WWW.HarbourGazette.example/news/strike-over?utm_source=x#top".into());
    assert_eq!(
        store.insert_article(&tracked).unwrap(),
        Inserted::Duplicate { existing: "gazette-014".into(), reason: DuplicateReason::SameUrl }
    );

    assert_eq!(store.article_count().unwrap(), 2);
    assert_eq!(store.article("lantern-001").unwrap(), Some(wire_report()));
    assert_eq!(store.search("authority", 10).unwrap(), Vec::<String>::new());
}

#[test]
fn example_url_from_the_brief_is_one_page() {
    let mut first = Article::new("a", "one body");
    first.url = Some("https://example.com/a".into());
    let mut second = Article::new("b", "another body");
    second.url = Some("https://WWW.Example.com/a/?utm_source=x#top".into());
    let mut store = store_with(&[first]);
    assert!(matches!(
        store.insert_article(&second).unwrap(),
        Inserted::Duplicate { reason: DuplicateReason::SameUrl, existing } if existing == "a"
    ));
}

fn link(a: &str, b: &str, direction: Direction, passages: Vec<Passage>) -> ReuseLink {
    ReuseLink { a: a.into(), b: b.into(), direction, passages }
}

fn passage(a_start: usize, b_start: usize, len: usize, similarity: f32) -> Passage {
    Passage { a_start, a_end: a_start + len, b_start, b_end: b_start + len, similarity }
}

#[test]
fn reuse_links_round_trip_and_upsert_by_pair() {
    let mut store = store_with(&[wire_report(), rewrite(), opinion()]);
    let first = link(
        "gazette-014",
        "lantern-001",
        Direction::BToA,
        vec![passage(0, 28, 54, 1.0), passage(60, 90, 12, 0.83)],
    );
    let second = link("courier-203", "gazette-014", Direction::Unknown, vec![passage(4, 6, 9, 0.61)]);
    store.put_reuse_links(&[first.clone(), second.clone()]).unwrap();
    assert_eq!(store.reuse_links().unwrap(), vec![second.clone(), first.clone()]);
    assert_eq!(store.reuse_links_for("lantern-001").unwrap(), vec![first]);
    assert_eq!(
        store.reuse_links_for("gazette-014").unwrap().len(),
        2,
        "gazette-014 is `a` of one link and `b` of the other"
    );

    let replaced = link("gazette-014", "lantern-001", Direction::Unknown, vec![passage(1, 2, 3, 0.5)]);
    store.put_reuse_links(std::slice::from_ref(&replaced)).unwrap();
    assert_eq!(store.reuse_links().unwrap(), vec![second, replaced]);
}

#[test]
fn a_link_against_the_convention_is_stored_flipped() {
    let mut store = store_with(&[wire_report(), rewrite()]);
    let backwards = ReuseLink {
        a: "lantern-001".into(),
        b: "gazette-014".into(),
        direction: Direction::AToB,
        passages: vec![Passage { a_start: 28, a_end: 82, b_start: 0, b_end: 54, similarity: 0.9 }],
    };
    store.put_reuse_links(&[backwards]).unwrap();
    assert_eq!(
        store.reuse_links().unwrap(),
        vec![ReuseLink {
            a: "gazette-014".into(),
            b: "lantern-001".into(),
            direction: Direction::BToA,
            passages: vec![Passage { a_start: 0, a_end: 54, b_start: 28, b_end: 82, similarity: 0.9 }],
        }]
    );
}

#[test]
fn records_of_unknown_articles_are_refused_and_nothing_is_written() {
    let mut store = store_with(&[wire_report()]);
    let err = store
        .put_reuse_links(&[
            link("gazette-014", "lantern-001", Direction::Unknown, vec![]),
            link("lantern-001", "zz-ghost", Direction::Unknown, vec![]),
        ])
        .unwrap_err();
    assert!(matches!(&err, Error::UnknownArticle(id) if id == "gazette-014"), "{err}");
    assert!(store.reuse_links().unwrap().is_empty());

    let cue = AttributionCue {
        article: "zz-ghost".into(),
        origin: "Lantern Wire".into(),
        kind: CueKind::Told,
        span: Span::new(0, 4),
    };
    assert!(matches!(
        store.put_cues("zz-ghost", std::slice::from_ref(&cue)),
        Err(Error::UnknownArticle(id)) if id == "zz-ghost"
    ));
    assert!(matches!(
        store.put_cues("lantern-001", &[cue]),
        Err(Error::ArticleMismatch { found, .. }) if found == "zz-ghost"
    ));
    assert!(store.cues().unwrap().is_empty());
}

#[test]
fn cues_round_trip_and_are_replaced_per_article() {
    let mut store = store_with(&[wire_report(), rewrite()]);
    let cue = |article: &str, kind, start| AttributionCue {
        article: article.into(),
        origin: "Lantern Wire".into(),
        kind,
        span: Span::new(start, start + 12),
    };
    let wire = vec![cue("lantern-001", CueKind::Dateline, 13), cue("lantern-001", CueKind::Told, 150)];
    let gazette = vec![cue("gazette-014", CueKind::AccordingTo, 62)];
    store.put_cues("lantern-001", &wire).unwrap();
    store.put_cues("gazette-014", &gazette).unwrap();
    assert_eq!(store.cues().unwrap(), [gazette.clone(), wire.clone()].concat());

    let fewer = vec![cue("lantern-001", CueKind::WithFiles, 3)];
    store.put_cues("lantern-001", &fewer).unwrap();
    assert_eq!(store.cues().unwrap(), [gazette, fewer].concat());
}

fn quote(article: &str, text: &str, speaker: Option<(&str, usize)>) -> Quote {
    Quote {
        article: article.into(),
        text: text.into(),
        span: Span::new(10, 10 + text.chars().count()),
        speaker: speaker.map(|(name, _)| name.to_string()),
        speaker_span: speaker.map(|(name, start)| Span::new(start, start + name.chars().count())),
        medium: speaker.map(|_| "Lantern Wire".to_string()),
        kind: if speaker.is_some() { QuoteKind::Direct } else { QuoteKind::Indirect },
    }
}

#[test]
fn quotes_round_trip_and_are_replaced_per_article() {
    let mut store = store_with(&[wire_report(), rewrite()]);
    let wire = vec![
        quote("lantern-001", "We got what we came for,", Some(("Ilse Marqués", 120))),
        quote("lantern-001", "the cranes would restart", None),
    ];
    let gazette = vec![quote("gazette-014", "cranes would restart by the weekend", None)];
    store.put_quotes("lantern-001", &wire).unwrap();
    store.put_quotes("gazette-014", &gazette).unwrap();
    assert_eq!(store.quotes().unwrap(), [gazette.clone(), wire.clone()].concat());
    assert_eq!(store.quotes_for("lantern-001").unwrap(), wire);

    store.put_quotes("lantern-001", &[]).unwrap();
    assert_eq!(store.quotes_for("lantern-001").unwrap(), vec![]);
    assert_eq!(store.quotes().unwrap(), gazette);
}

#[test]
fn mentions_round_trip_and_are_replaced_per_article() {
    let mut store = store_with(&[wire_report(), rewrite()]);
    let mention = |article: &str, text: &str, kind, start: usize| Mention {
        article: article.into(),
        span: Span::new(start, start + text.chars().count()),
        text: text.into(),
        kind,
    };
    let wire = vec![
        mention("lantern-001", "PORT ESTREL", EntityKind::Location, 0),
        mention("lantern-001", "Ilse Marqués", EntityKind::Person, 120),
        mention("lantern-001", "Lantern Wire", EntityKind::Organization, 13),
    ];
    let gazette = vec![mention("gazette-014", "Port Estrel", EntityKind::Misc, 5)];
    store.put_mentions("gazette-014", &gazette).unwrap();
    store.put_mentions("lantern-001", &wire).unwrap();
    assert_eq!(store.mentions().unwrap(), [gazette.clone(), wire].concat());

    let one = vec![mention("lantern-001", "Marqués", EntityKind::Person, 125)];
    store.put_mentions("lantern-001", &one).unwrap();
    assert_eq!(store.mentions().unwrap(), [gazette, one].concat());
}

#[test]
fn story_ids_are_stable_fresh_and_never_reused() {
    let ferry = Article::new("pier-777", "Unrelated: a ferry timetable changes.");
    let column = Article::new("courier-150", "An earlier column on port fees.");
    let mut store = store_with(&[wire_report(), rewrite(), opinion(), ferry, column]);

    let first = store
        .replace_stories(vec![
            story("Strike ends", &["lantern-001", "gazette-014"], Some(at(1, 14))),
            story("Port authority criticised", &["courier-203"], None),
        ])
        .unwrap();
    let strike_id = first[0].id;
    let opinion_id = first[1].id;
    assert_ne!(strike_id, opinion_id);
    assert!(first.iter().all(|s| s.id != 999), "input ids are ignored");

    // Second run: the strike story grows, keyed by the same article; a new story appears; the
    // opinion story now starts with an earlier column, so its key changed.
    let second = store
        .replace_stories(vec![
            story("Strike ends, cranes restart", &["lantern-001", "gazette-014"], Some(at(2, 8))),
            story("Ferry timetable", &["pier-777"], Some(at(3, 8))),
            story("Port authority criticised", &["courier-150", "courier-203"], None),
        ])
        .unwrap();
    assert_eq!(second[0].id, strike_id);
    let (ferry_id, rekeyed_id) = (second[1].id, second[2].id);
    let old_max = opinion_id.max(strike_id);
    assert_eq!(ferry_id, old_max + 1);
    assert_eq!(rekeyed_id, old_max + 2);
    assert_eq!(store.story(strike_id).unwrap().unwrap().title, "Strike ends, cranes restart");
    assert_eq!(store.story(opinion_id).unwrap(), None);
    assert_eq!(store.story_of_article("courier-203").unwrap(), Some(rekeyed_id));

    // Third run: the opinion piece keys a story again and gets its first id back; the ferry
    // story is gone and its id is not handed to the next new story.
    let third = store
        .replace_stories(vec![
            story("Port authority criticised", &["courier-203"], None),
            story("Port fees", &["courier-150"], None),
            story("Ferry timetable, revised", &["pier-777"], Some(at(4, 8))),
        ])
        .unwrap();
    assert_eq!(third[0].id, opinion_id);
    assert_eq!(third[1].id, rekeyed_id);
    assert_eq!(third[2].id, ferry_id);
    let fourth = store.replace_stories(vec![story("Strike ends", &["gazette-014"], None)]).unwrap();
    assert_eq!(fourth[0].id, old_max + 3, "ids are never reused");
    assert_eq!(store.stories().unwrap(), fourth);
    assert_eq!(store.story_of_article("gazette-014").unwrap(), Some(old_max + 3));
    assert_eq!(store.story_of_article("lantern-001").unwrap(), None);
}

#[test]
fn stories_round_trip_newest_first_and_by_article() {
    let mut store = store_with(&[wire_report(), rewrite(), opinion()]);
    let mut strike = story("Strike ends", &["lantern-001", "gazette-014"], Some(at(1, 14)));
    strike.reuse = vec![link("gazette-014", "lantern-001", Direction::BToA, vec![passage(0, 28, 54, 1.0)])];
    let undated = story("Port authority criticised", &["courier-203"], None);
    let stored = store.replace_stories(vec![undated.clone(), strike.clone()]).unwrap();
    let (undated_id, strike_id) = (stored[0].id, stored[1].id);
    // Everything but the id comes back as given.
    assert_eq!(stored[1], Story { id: strike_id, ..strike });
    assert_eq!(store.story(strike_id).unwrap().as_ref(), Some(&stored[1]));
    assert_eq!(store.story(9_999).unwrap(), None);
    assert_eq!(
        store.stories().unwrap().iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![strike_id, undated_id]
    );
    assert_eq!(store.story_of_article("gazette-014").unwrap(), Some(strike_id));
    assert_eq!(store.story_of_article("courier-203").unwrap(), Some(undated_id));
}

#[test]
fn two_stories_with_one_key_are_refused_and_old_stories_stay() {
    let mut store = store_with(&[wire_report(), rewrite()]);
    let kept = store.replace_stories(vec![story("Strike ends", &["lantern-001"], None)]).unwrap();
    let err = store
        .replace_stories(vec![
            story("One", &["gazette-014"], None),
            story("Two", &["gazette-014", "lantern-001"], None),
        ])
        .unwrap_err();
    assert!(matches!(&err, Error::DuplicateStoryKey(key) if key == "gazette-014"), "{err}");
    assert_eq!(store.stories().unwrap(), kept);
}

#[test]
fn search_folds_accents_and_covers_titles_bodies_and_quotes() {
    let mut store = store_with(&[wire_report(), rewrite(), opinion()]);
    assert_eq!(store.search("marques", 10).unwrap(), vec!["lantern-001"]);
    assert_eq!(store.search("MARQUÉS union", 10).unwrap(), vec!["lantern-001"]);
    assert_eq!(store.search("taught", 10).unwrap(), vec!["courier-203"], "title hit");
    let strike = store.search("strike", 10).unwrap();
    assert_eq!(strike.len(), 3);
    assert_eq!(store.search("strike", 2).unwrap().len(), 2);
    assert_eq!(store.search("crane*", 10).unwrap(), vec!["gazette-014"]);

    // A word only in a quote finds the quote's article; replacing the quotes unindexes it.
    store.put_quotes("courier-203", &[quote("courier-203", "Zephyrine tides ahead", None)]).unwrap();
    assert_eq!(store.search("zephyrine", 10).unwrap(), vec!["courier-203"]);
    store.put_quotes("courier-203", &[]).unwrap();
    assert!(store.search("zephyrine", 10).unwrap().is_empty());
}

#[test]
fn search_treats_syntax_as_text() {
    let store = store_with(&[wire_report(), rewrite()]);
    for query in [
        "\"unbalanced",
        "strike AND",
        "NOT strike",
        "(strike",
        "col:strike",
        "strike^ -",
        "\"",
        "*",
        "",
        "   ",
    ] {
        assert!(store.search(query, 10).is_ok(), "{query:?}");
    }
    assert_eq!(store.search("\"Marqués", 10).unwrap(), vec!["lantern-001"]);
    assert_eq!(store.search("\"nine-day strike\" cranes", 10).unwrap(), vec!["gazette-014"]);
    assert!(store.search("\"strike nine-day\"", 10).unwrap().is_empty(), "a phrase keeps order");
    assert!(store.search("\" *", 10).unwrap().is_empty());
}

#[test]
fn rejections_are_logged_with_time() {
    let mut store = Store::open_in_memory().unwrap();
    let before = Utc::now();
    let rejections = vec![
        Rejection {
            source: "feeds/lantern.jsonl:7".into(),
            stage: Stage::Read,
            reason: "line is not JSON".into(),
        },
        Rejection {
            source: "pages/empty.html".into(),
            stage: Stage::Extract,
            reason: "no article body".into(),
        },
    ];
    store.record_rejections(&rejections).unwrap();
    let logged = store.rejections().unwrap();
    assert_eq!(logged.iter().map(|r| r.rejection.clone()).collect::<Vec<_>>(), rejections);
    assert!(logged.iter().all(|r| r.recorded_at >= before));
}

#[test]
fn a_failed_transaction_leaves_nothing_and_a_good_one_keeps_all() {
    let mut store = Store::open_in_memory().unwrap();
    let result: Result<(), Error> = store.transaction(|store| {
        store.insert_article(&wire_report())?;
        store.put_cues("zz-ghost", &[])?;
        Ok(())
    });
    assert!(matches!(result, Err(Error::UnknownArticle(_))));
    assert_eq!(store.article_count().unwrap(), 0);
    assert!(store.search("marques", 10).unwrap().is_empty(), "index rolled back too");

    store
        .transaction(|store| {
            store.insert_article(&wire_report())?;
            // An inner failure rolls back only its own part.
            let inner = store.transaction(|store| {
                store.insert_article(&rewrite())?;
                Err::<(), _>(Error::Corrupt("fictional inner failure".into()))
            });
            assert!(inner.is_err());
            store.insert_article(&opinion())
        })
        .unwrap();
    let ids: Vec<String> = store.articles().unwrap().into_iter().map(|a| a.id).collect();
    assert_eq!(ids, vec!["lantern-001", "courier-203"]);
}

#[test]
fn a_panic_inside_a_transaction_rolls_back_and_the_store_stays_usable() {
    let mut store = Store::open_in_memory().unwrap();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = store.transaction(|store| {
            store.insert_article(&wire_report())?;
            panic!("fictional bug in a caller");
            #[allow(unreachable_code)]
            Ok(())
        });
    }));
    assert!(outcome.is_err());
    assert_eq!(store.article_count().unwrap(), 0);
    assert_eq!(store.insert_article(&wire_report()).unwrap(), Inserted::New);
    drop(store);
}

#[test]
fn ten_thousand_articles_in_one_transaction() {
    let mut store = Store::open_in_memory().unwrap();
    let start = std::time::Instant::now();
    store
        .transaction(|store| {
            for i in 0..10_000 {
                let mut article = Article::new(
                    format!("bulk-{i:05}"),
                    format!("Bulletin {i}: the Port Estrel ferry ran on time, harbour master Oda Brun said."),
                );
                article.url = Some(format!("https://bulletins.example/{i}"));
                article.published = Some(at(1 + (i % 28) as u32, 0));
                assert_eq!(store.insert_article(&article)?, Inserted::New);
            }
            Ok(())
        })
        .unwrap();
    let elapsed = start.elapsed();
    assert_eq!(store.article_count().unwrap(), 10_000);
    // Generous for a debug build on a shared machine; a regression to one commit per row or
    // unprepared statements takes far longer.
    assert!(elapsed.as_secs() < 20, "took {elapsed:?}");
    eprintln!("10k inserts: {elapsed:?}");
}

#[test]
fn reopening_a_file_keeps_data_without_migrating_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wiretrace.db");
    {
        let mut store = Store::open(&path).unwrap();
        store.insert_article(&wire_report()).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.article("lantern-001").unwrap(), Some(wire_report()));
    assert_eq!(store.search("marques", 5).unwrap(), vec!["lantern-001"]);
    drop(store);

    let conn = rusqlite::Connection::open(&path).unwrap();
    let applied: i64 =
        conn.query_row("SELECT COUNT(*) FROM schema_migrations", [], |row| row.get(0)).unwrap();
    assert_eq!(applied, i64::from(SCHEMA_VERSION), "each migration recorded once");
    let journal: String = conn.query_row("PRAGMA journal_mode", [], |row| row.get(0)).unwrap();
    assert_eq!(journal, "wal");
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wiretrace.db");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, '2040-01-01T00:00:00Z')",
        [SCHEMA_VERSION + 1],
    )
    .unwrap();
    drop(conn);
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, Error::NewerSchema { found, supported } if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION),
        "{err}"
    );
}

#[test]
fn an_older_database_is_migrated_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wiretrace.db");
    // A database from before the first migration: only the bookkeeping table, empty.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
    )
    .unwrap();
    drop(conn);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.insert_article(&opinion()).unwrap(), Inserted::New);
}

#[test]
fn a_file_that_is_not_a_database_is_an_open_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "These are meeting notes, not a database. ".repeat(100)).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(&err, Error::Open { path: p, .. } if p == &path), "{err}");
    assert!(err.to_string().contains("notes.db"));
}
