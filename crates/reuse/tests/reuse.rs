//! Reuse detection end to end on small fictional articles: a wire report about a dock strike
//! in Port Estrel, the outlets that carry it (verbatim, lightly edited, reordered), and
//! unrelated reports on the same topic that share only stock phrases.

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use wiretrace_core::{Article, CueKind, Direction, OriginKind, ReuseLink};
use wiretrace_reuse::{attribution_cues, find_reuse, origins, ReuseIndex};

const P1: &str = "Dockworkers in Port Estrel walked off the job on Monday, halting grain exports for the second time this month after the port authority again failed to pay three weeks of overdue wages.";
const P2: &str = "\"We have loaded every ship that came into this harbour for eleven years, and now they tell us to wait for our money like beggars,\" said Tomas Verrill, a crane operator and union steward.";
const P3: &str = "The authority blamed a frozen transfer from the Valdorian finance ministry and promised to settle the arrears by Friday, but union leaders said they had heard the same promise twice since January.";
const P4: &str = "Eleven bulk carriers were anchored outside the breakwater on Monday evening, and shipping agents warned that demurrage charges could reach four hundred thousand crowns a day.";

fn article(id: &str, outlet: &str, paras: &[&str]) -> Article {
    let mut a = Article::new(id, paras.join("\n\n"));
    a.outlet = Some(outlet.to_string());
    a
}

fn at_hour(mut a: Article, hour: u32) -> Article {
    a.published = Some(Utc.with_ymd_and_hms(2025, 3, 3, hour, 0, 0).unwrap());
    a
}

/// The wire's own report.
fn wire() -> Article {
    let lead = format!("PORT ESTREL (BNC) \u{2014} {P1}");
    article("bnc-strike", "BNC", &[&lead, P2, P3, P4])
}

/// Two outlets that say they carry the wire, and one that copies it silently.
fn ledger_copy() -> Article {
    article(
        "ledger-strike",
        "Harbour Ledger",
        &[
            "Port Estrel, March 3: The harbour was silent on Monday.",
            P1,
            P2,
            P3,
            "\u{2014} With files from BNC",
        ],
    )
}

fn gazette_copy() -> Article {
    article("gazette-strike", "Lowland Gazette", &[P1, P2, &format!("{P4} -BNC")])
}

fn beacon_silent_copy() -> Article {
    article(
        "beacon-strike",
        "Daily Beacon",
        &[P1, P3, "The Daily Beacon will follow the strike as it develops."],
    )
}

/// Same topic, own words; shares only stock phrases with the wire.
fn courier_own_report() -> Article {
    article(
        "courier-strike",
        "Estrel Courier",
        &[
            "Officials said on Tuesday that talks between the port authority and the dockers' union would resume in the afternoon.",
            "The port authority said in a statement that it regretted the disruption. The finance ministry said on Tuesday it was reviewing the transfer.",
            "Grain traders in the capital said prices had already risen by a tenth since the weekend, officials said on Tuesday.",
        ],
    )
}

fn link_between<'l>(links: &'l [ReuseLink], a: &str, b: &str) -> Option<&'l ReuseLink> {
    links.iter().find(|l| l.a == a && l.b == b)
}

fn pairs(links: &[ReuseLink]) -> Vec<(String, String)> {
    links.iter().map(|l| (l.a.clone(), l.b.clone())).collect()
}

#[test]
fn verbatim_copy_is_found_with_matching_offsets() {
    let (w, c) = (wire(), beacon_silent_copy());
    let links = find_reuse(&[w.clone(), c.clone()]);
    let link = link_between(&links, "beacon-strike", "bnc-strike").expect("linked");
    // Paragraphs P1 and P3 are adjacent in the copy but not in the wire: two passages.
    assert_eq!(link.passages.len(), 2, "{:?}", link.passages);
    for p in &link.passages {
        assert_eq!(p.similarity, 1.0);
        assert_eq!(p.a().slice(&c.text), p.b().slice(&w.text));
    }
    assert_eq!(link.passages[0].a().slice(&c.text), P1.trim_end_matches('.'));
    assert!(link.passages[1].b().slice(&w.text).starts_with("The authority blamed"));
}

#[test]
fn light_edits_still_link() {
    let edited_p1 = P1.replace("Dockworkers", "Dock workers in the port city").replace("halting", "stopping");
    let edited_p3 = "The authority blamed a frozen transfer from the Valdorian finance ministry and promised to settle the arrears by Friday.";
    let edited_p2 = P2.replace("Tomas Verrill", "Tomas Verill");
    let mut w = wire();
    w.text = w.text.replace("eleven years", "eleven years at the U.S. grain terminal");
    let copy = article(
        "rampart-strike",
        "Rampart Daily",
        &[&edited_p1, &edited_p2.replace("eleven years", "eleven years at the US grain terminal"), edited_p3],
    );
    let links = find_reuse(&[copy.clone(), w.clone()]);
    let link = link_between(&links, "bnc-strike", "rampart-strike").expect("linked");
    let shared: usize = link.passages.iter().map(|p| p.b().len()).sum();
    assert!(
        shared * 10 >= copy.text.chars().count() * 8,
        "most of the copy should be shared: {:?}",
        link.passages
    );
    assert!(link.passages.iter().any(|p| p.similarity < 1.0));
    assert!(link.passages.iter().all(|p| p.similarity > 0.7));
    let joined: String = link.passages.iter().map(|p| p.b().slice(&copy.text)).collect();
    assert!(joined.contains("US grain terminal"), "{joined}");
}

#[test]
fn reordered_paragraphs_give_separate_passages() {
    let shuffled = article("shuffled", "Valdoria Today", &[P4, P2, P1]);
    let links = find_reuse(&[wire(), shuffled.clone()]);
    let link = link_between(&links, "bnc-strike", "shuffled").expect("linked");
    assert_eq!(link.passages.len(), 3, "{:?}", link.passages);
    assert!(link.passages.windows(2).all(|w| w[0].a_end <= w[1].a_start));
    // In the wire's order, so the copy's spans go backwards.
    assert!(link.passages[0].b_start > link.passages[2].b_start);
}

#[test]
fn stock_phrases_do_not_link() {
    let links = find_reuse(&[wire(), courier_own_report(), beacon_silent_copy()]);
    assert!(pairs(&links).iter().all(|(a, b)| a != "courier-strike" && b != "courier-strike"), "{links:?}");
    assert_eq!(links.len(), 1);
}

#[test]
fn one_short_shared_quote_does_not_link() {
    let quote = "\"We will not load a single sack until we are paid,\" Verrill said.";
    let a = article(
        "quote-a",
        "Harbour Ledger",
        &[quote, "The strike entered its second day as ships queued beyond the lighthouse."],
    );
    let b = article("quote-b", "Estrel Courier", &["Union members gathered at the gate before dawn.", quote]);
    assert!(find_reuse(&[a, b]).is_empty());
}

#[test]
fn direction_from_publication_times() {
    let early = at_hour(wire(), 8);
    let late = at_hour(beacon_silent_copy(), 11);
    let links = find_reuse(&[late, early]);
    // a = beacon-strike (smaller id) is the later one: the wire is the source.
    assert_eq!(links[0].direction, Direction::BToA);
}

#[test]
fn direction_from_a_dash_cue() {
    // No times: the gazette signs off "-BNC" and the other article is BNC's.
    let links = find_reuse(&[gazette_copy(), wire()]);
    let link = link_between(&links, "bnc-strike", "gazette-strike").expect("linked");
    assert_eq!(link.direction, Direction::AToB);
}

#[test]
fn incremental_query_finds_only_copies() {
    let mut index = ReuseIndex::new();
    index.insert(&wire());
    index.insert(&courier_own_report());
    index.insert(&article(
        "ferry",
        "Coastline Herald",
        &["The Orla ferry ran aground off Cape Midden on Sunday night; all ninety passengers were taken off by lifeboat before dawn, the coastguard said."],
    ));
    assert_eq!(index.len(), 3);
    let links = index.query(&ledger_copy());
    assert_eq!(pairs(&links), [("bnc-strike".into(), "ledger-strike".into())]);
    assert_eq!(index.len(), 3, "query must not insert");
}

#[test]
fn cues_name_the_wire_in_every_form() {
    let wire_cues = attribution_cues(&wire());
    assert_eq!(wire_cues.len(), 1);
    assert_eq!((wire_cues[0].origin.as_str(), wire_cues[0].kind), ("BNC", CueKind::Dateline));
    let ledger = attribution_cues(&ledger_copy());
    assert_eq!(ledger.len(), 1);
    assert_eq!(ledger[0].kind, CueKind::WithFiles);
    let gazette = attribution_cues(&gazette_copy());
    assert_eq!(gazette.len(), 1);
    assert_eq!(gazette[0].kind, CueKind::Dash);
    assert!(attribution_cues(&beacon_silent_copy()).is_empty());
}

#[test]
fn wire_copies_share_one_origin() {
    let articles = [ledger_copy(), gazette_copy(), beacon_silent_copy(), courier_own_report()];
    let links = find_reuse(&articles);
    let cues: Vec<_> = articles.iter().flat_map(attribution_cues).collect();
    let got = origins(&articles, &links, &cues);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].name, "BNC");
    assert_eq!(got[0].kind, OriginKind::Attributed);
    assert_eq!(got[0].articles, ["beacon-strike", "gazette-strike", "ledger-strike"]);
    assert_eq!(got[1].name, "Estrel Courier");
    assert_eq!(got[1].kind, OriginKind::OwnReporting);
    assert_eq!(got[1].articles, ["courier-strike"]);
}

/// Builds an article from a choice of stock paragraphs plus filler words.
fn assemble(id: usize, picks: &[usize], filler: &str) -> Article {
    const POOL: [&str; 5] = [P1, P2, P3, P4, "Señora Quillan’s office said the “U.S. envoy” would arrive in Port Estrel before the weekend to meet the striking dockers."];
    let mut paras: Vec<&str> = picks.iter().map(|&i| POOL[i % POOL.len()]).collect();
    paras.push(filler);
    Article::new(format!("art{id}"), paras.join("\n\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn passages_stay_inside_both_texts_and_pairs_are_symmetric(
        docs in prop::collection::vec(
            (prop::collection::vec(0usize..5, 0..4), "[a-zé ]{0,60}"),
            2..6,
        )
    ) {
        let articles: Vec<Article> = docs
            .iter()
            .enumerate()
            .map(|(i, (picks, filler))| assemble(i, picks, filler))
            .collect();
        let links = find_reuse(&articles);
        for link in &links {
            prop_assert!(link.a < link.b);
            let a = articles.iter().find(|x| x.id == link.a).unwrap();
            let b = articles.iter().find(|x| x.id == link.b).unwrap();
            let (len_a, len_b) = (a.text.chars().count(), b.text.chars().count());
            for p in &link.passages {
                prop_assert!(p.a_start < p.a_end && p.a_end <= len_a);
                prop_assert!(p.b_start < p.b_end && p.b_end <= len_b);
                prop_assert!((0.0..=1.0).contains(&p.similarity));
            }
            for w in link.passages.windows(2) {
                prop_assert!(w[0].a_end <= w[1].a_start);
            }
            for (i, p) in link.passages.iter().enumerate() {
                for q in &link.passages[i + 1..] {
                    prop_assert!(!p.b().overlaps(&q.b()));
                }
            }
        }
        let mut reversed = articles.clone();
        reversed.reverse();
        prop_assert_eq!(find_reuse(&reversed), links);
    }
}
