//! Whole-page fixtures, each imitating a kind of scraped page. All text is invented.

use super::*;

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// An aggregator rewrite: a dateline without a year, and a trailer naming the outlet and time.
const AGGREGATOR: &str = "\
Port Estrel, March 4: Engineers at the Estrel dam want the regional government to fund new floodgates before the spring rains. According to a report by BNC, two senior engineers said the spillway had been running at capacity for a week.

\"We are asking for the gates now, not after the next flood,\" chief engineer Mirela Costa told BNC.

The request came as the water board announced an inspection of every dam in the valley.

(The above story first appeared on Coastline Daily on Mar 5, 2021 02:14 AM IST. For more news and updates on politics, world, sports, entertainment and lifestyle, log on to our website coastline.example).
";

#[test]
fn aggregator_trailer_gives_outlet_and_date() {
    let a = parse_plain_text("agg", "agg.txt", AGGREGATOR);
    assert_eq!(a.title, None, "a dateline paragraph is not a headline");
    assert_eq!(a.outlet.as_deref(), Some("Coastline Daily"));
    assert_eq!(a.published, Some(utc("2021-03-04T20:44:00Z")));
    assert!(a.text.starts_with("Port Estrel, March 4: Engineers"));
    assert!(a.text.ends_with("every dam in the valley."));
    assert!(!a.text.contains("first appeared"));
    assert_eq!(a.text.matches("\n\n").count(), 2);
    assert_eq!(a.language.as_deref(), Some("en"));
}

/// A broadcaster's page: date and update lines over the headline, teasers, a photo caption
/// with its credit, attribution to a wire, a copyright line and comment prompts.
const BROADCASTER: &str = "\
March 4, 2021 9:05 pm
Updated: March 5, 2021 3:13 pm

Estrel water board says dam inspections will start next week

WATCH: Floodwater reaches the old bridge in Port Estrel


The regional water board says inspections of every dam in the Estrel valley will begin next week, after engineers warned of strain on the main spillway.

Story continues below

In a statement published on Thursday, the board said it \u{201c}takes the warnings seriously\u{201d} and would report within a month.

READ MORE: Port Estrel mayor calls for calm as river rises

On March 2, a section of embankment near the old bridge slipped into the river, but no one was hurt.

Water board chair Tomas Berg walks along the spillway in Port Estrel, March 3, 2021.

Estrel Water Board/Handout via REUTERS

Over 300 homes sit below the dam, according to figures seen by Reuters.

\u{2014} With files from Reuters

\u{a9} 2021 Harbour Ledger, a division of Estrel Media Inc.

Report an error


Want to discuss? Please read our Commenting Policy first.
";

#[test]
fn broadcaster_page_loses_its_furniture_but_keeps_attribution() {
    let a = parse_plain_text("bc", "bc.txt", BROADCASTER);
    assert_eq!(a.title.as_deref(), Some("Estrel water board says dam inspections will start next week"));
    assert_eq!(
        a.published,
        Some(utc("2021-03-04T21:05:00Z")),
        "the first date line wins over the update and over dates in prose"
    );
    assert_eq!(a.outlet.as_deref(), Some("Harbour Ledger"));
    assert!(a.authors.is_empty());
    for gone in [
        "WATCH:",
        "READ MORE:",
        "Story continues below",
        "Handout via REUTERS",
        "\u{a9} 2021",
        "Report an error",
        "Commenting Policy",
        "Updated:",
        "dam inspections will start next week",
    ] {
        assert!(!a.text.contains(gone), "{gone} should be gone");
    }
    assert!(a.text.ends_with("\u{2014} With files from Reuters"));
    assert!(a.text.contains("\u{201c}takes the warnings seriously\u{201d}"));
    assert!(a.text.contains("On March 2, a section of embankment"));
    assert!(a.text.contains("Port Estrel, March 3, 2021."), "a caption is kept");
    assert_eq!(a.text.split("\n\n").count(), 6);
}

/// A newspaper page: headline, standfirst, a bare-name byline beside a GMT date line, a
/// related-story teaser, and a comment and log-in wall at the end.
const NEWSPAPER: &str = "\
Estrel valley officials 'in direct talks with dam engineers', says council source

Disclosure comes a week after the dam's spillway ran at capacity

Mirela Costa
Friday 05 March 2021 18:38 GMT
Port Estrel: Mayor calls for calm as river rises

Officials in the Estrel valley are holding direct talks with the engineers who run the dam, according to a new report.

\u{201c}We believe the worst is behind us,\u{201d} a council source told the Harbour Ledger.

Join our commenting forum

Join thought-provoking conversations, follow other Ledger readers and see their replies


Thank you for registering

Please refresh the page or navigate to another page on the site to be automatically logged inPlease refresh your browser to be logged in
";

#[test]
fn newspaper_byline_beside_gmt_date() {
    let a = parse_plain_text("np", "np.txt", NEWSPAPER);
    assert_eq!(
        a.title.as_deref(),
        Some("Estrel valley officials 'in direct talks with dam engineers', says council source")
    );
    assert_eq!(a.authors, ["Mirela Costa"]);
    assert_eq!(a.published, Some(utc("2021-03-05T18:38:00Z")));
    assert_eq!(a.outlet.as_deref(), Some("Ledger"));
    let paragraphs: Vec<&str> = a.text.split("\n\n").collect();
    assert_eq!(
        paragraphs,
        [
            "Disclosure comes a week after the dam's spillway ran at capacity",
            "Port Estrel: Mayor calls for calm as river rises",
            "Officials in the Estrel valley are holding direct talks with the engineers who run the dam, according to a new report.",
            "\u{201c}We believe the worst is behind us,\u{201d} a council source told the Harbour Ledger.",
        ]
    );
}

/// A wire-copy page with a section label, a relative time, a caption scraped twice, empty date
/// labels and a share prompt; the only date is in the caption (prose), so none is published.
const SECTION_PAGE: &str = "\
Europe
3 years ago

Water board holds direct talks with dam engineers

Chief engineer Mirela Costa speaks to reporters at the Estrel dam in Port Estrel, March 3, 2021.
Chief engineer Mirela Costa speaks to reporters at the Estrel dam in Port Estrel, March 3, 2021.

Published :

Updated :

The regional water board is holding direct talks with the engineers who run the Estrel dam, a board official told BNC on Thursday.

Share this news
";

#[test]
fn section_label_relative_time_and_doubled_caption_are_dropped() {
    let a = parse_plain_text("sec", "sec.txt", SECTION_PAGE);
    assert_eq!(a.title.as_deref(), Some("Water board holds direct talks with dam engineers"));
    assert_eq!(a.published, None, "a date in a caption is not a publication date");
    assert_eq!(a.outlet, None);
    assert_eq!(
        a.text,
        "The regional water board is holding direct talks with the engineers who run the Estrel dam, a board official told BNC on Thursday."
    );
}

/// A blog-style repost: headline, "By" byline with two names, the URL last, a trailing dash
/// attribution.
const REPOST: &str = "\
Estrel Engineers Coordinate Over Group Chats; Ask Council For \"Real\" Floodgates
By Ana Ruiz and Tomas van der Berg
Engineers at the Estrel dam have asked the council for new floodgates, and say they are in contact with colleagues at other dams.
\"We are not asking for money for ourselves,\" Mirela Costa said. -BNC
On March 2 a section of embankment slipped into the river.
https://www.riverwatch.example/news/2021-03-05/estrel-engineers-coordinate
";

#[test]
fn repost_reads_url_byline_and_url_date() {
    let a = parse_plain_text("rp", "rp.txt", REPOST);
    assert_eq!(
        a.title.as_deref(),
        Some("Estrel Engineers Coordinate Over Group Chats; Ask Council For \"Real\" Floodgates")
    );
    assert_eq!(a.authors, ["Ana Ruiz", "Tomas van der Berg"]);
    assert_eq!(
        a.url.as_deref(),
        Some("https://www.riverwatch.example/news/2021-03-05/estrel-engineers-coordinate")
    );
    assert_eq!(a.outlet.as_deref(), Some("riverwatch.example"));
    assert_eq!(a.published, Some(utc("2021-03-05T00:00:00Z")));
    assert!(a.text.contains("Mirela Costa said. -BNC"));
    assert!(!a.text.contains("https://"));
    assert_eq!(a.text.split("\n\n").count(), 3);
}

#[test]
fn standalone_date_line_beats_trailer_and_url() {
    let page = "\
Dam inspections begin in the Estrel valley
Published: March 6, 2021
Inspectors began work at the Estrel dam on Saturday, the water board said.
(The above story first appeared on Coastline Daily on Mar 7, 2021 10:00 AM IST.)
https://riverwatch.example/2021/03/08/inspections
";
    let a = parse_plain_text("d", "d.txt", page);
    assert_eq!(a.published, Some(utc("2021-03-06T00:00:00Z")));
    assert_eq!(a.outlet.as_deref(), Some("Coastline Daily"));

    let without_line = page.replace("Published: March 6, 2021\n", "");
    let a = parse_plain_text("d", "d.txt", &without_line);
    assert_eq!(a.published, Some(utc("2021-03-07T04:30:00Z")));

    let url_only = "Inspectors began work at the Estrel dam on Saturday, the water board said.\nhttps://riverwatch.example/2021/03/08/inspections\n";
    let a = parse_plain_text("d", "d.txt", url_only);
    assert_eq!(a.published, Some(utc("2021-03-08T00:00:00Z")));
}

#[test]
fn wire_dateline_with_a_year_dates_the_story() {
    let page = "PORT ESTREL, March 4, 2021 (BNC) - The Estrel dam held overnight after record rain, the water board said on Thursday.\nMore rain is forecast for the weekend.";
    let a = parse_plain_text("w", "w.txt", page);
    assert_eq!(a.published, Some(utc("2021-03-04T00:00:00Z")));
    assert!(a.text.starts_with("PORT ESTREL, March 4, 2021 (BNC) - The"));

    let with_standfirst =
        format!("Dam holds after record rain\nEngineers say the spillway ran at capacity\n{page}");
    let a = parse_plain_text("w", "w.txt", &with_standfirst);
    assert_eq!(a.published, Some(utc("2021-03-04T00:00:00Z")));
    assert_eq!(a.title.as_deref(), Some("Dam holds after record rain"));

    let later = "The dam held overnight, the water board said.\nMore rain is forecast.\nMarch 4, 2021 - a day to remember, residents said.";
    assert_eq!(parse_plain_text("w", "w.txt", later).published, None);
}

#[test]
fn an_update_line_alone_is_used_rather_than_nothing() {
    let page = "Updated: March 5, 2021 3:13 pm\nThe dam held overnight, the water board said on Thursday.";
    let a = parse_plain_text("u", "u.txt", page);
    assert_eq!(a.published, Some(utc("2021-03-05T15:13:00Z")));
}

#[test]
fn no_date_is_invented() {
    let page = "The dam held on March 4, 2021, the water board said.\nOn Jan. 21, 2021, engineers first raised the alarm.";
    let a = parse_plain_text("n", "n.txt", page);
    assert_eq!(a.published, None);
}

#[test]
fn whitespace_collapses_but_words_and_quotes_stay() {
    let page = "  The dam\u{a0} held,\t\u{201c}for now\u{201d}, the board\u{2019}s chair said.  \r\n\r\n\r\n  Engineers disagreed.  ";
    let a = parse_plain_text("ws", "ws.txt", page);
    assert_eq!(
        a.text,
        "The dam held, \u{201c}for now\u{201d}, the board\u{2019}s chair said.\n\nEngineers disagreed."
    );
}

#[test]
fn meta_line_with_byline_date_and_reading_time() {
    let page = "\
Engineers warn of strain on Estrel spillway
By Ana Ruiz | Published: March 4, 2021 9:05 pm EST | 3 min read
Engineers warned on Thursday that the Estrel spillway had run at capacity for a week, the water board said.";
    let a = parse_plain_text("m", "m.txt", page);
    assert_eq!(a.authors, ["Ana Ruiz"]);
    assert_eq!(a.published, Some(utc("2021-03-05T02:05:00Z")));
    assert!(a.text.starts_with("Engineers warned"));
    assert_eq!(a.text.split("\n\n").count(), 1);
}

#[test]
fn a_two_word_teaser_without_a_date_beside_it_is_not_a_byline() {
    let page = "\
Engineers warn of strain on Estrel spillway
Spillway Latest
Engineers warned on Thursday that the Estrel spillway had run at capacity for a week, the water board said.";
    let a = parse_plain_text("t", "t.txt", page);
    assert!(a.authors.is_empty());
    assert!(a.text.starts_with("Spillway Latest"));
}

#[test]
fn known_title_is_removed_only_where_the_text_repeats_it() {
    let known = Known { title: Some("Dam holds".into()), url: None };
    let a = extract("k", "k", "Dam holds\nThe dam held overnight.", &known);
    assert_eq!(a.title.as_deref(), Some("Dam holds"));
    assert_eq!(a.text, "The dam held overnight.");
    let a = extract("k", "k", "Night of rain\nThe dam held overnight.", &known);
    assert_eq!(a.title.as_deref(), Some("Dam holds"));
    assert_eq!(a.text, "Night of rain\n\nThe dam held overnight.");
}

#[test]
fn an_all_furniture_page_has_no_text() {
    let a = parse_plain_text("f", "f.txt", "Share this story\nAdvertisement\nSign up for our newsletter\n");
    assert_eq!(a.text, "");
    assert_eq!(a.language, None);
}
