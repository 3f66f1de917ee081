use super::*;

const ARTICLE: &str = r#"<!doctype html>
<html lang="en-GB"><head>
<title>Dam holds after night of record rain | Harbour Ledger</title>
<meta property="og:site_name" content="Harbour Ledger">
<meta property="og:type" content="article">
<link rel="canonical" href="https://harbourledger.example/2021/03/04/dam-holds">
<meta property="article:modified_time" content="2021-03-06T10:00:00Z">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Dam holds after night of record rain","datePublished":"2021-03-04T21:05:00+00:00","dateModified":"2021-03-06T10:00:00Z","author":[{"@type":"Person","name":"Ana Ruiz"},{"@type":"Person","name":"Tomas Berg"}],"publisher":{"@type":"Organization","name":"Harbour Ledger"}}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<article>
<h1>Dam holds after night of record rain</h1>
<p class="byline">By Ana Ruiz and Tomas Berg</p>
<p>The dam above Port Estrel held overnight after the heaviest rain in forty years, the water board said on Thursday, as engineers checked the spillway for damage.</p>
<p>Residents of the lower town were allowed back into their homes at dawn, and the board said the river would fall through the weekend if the forecast held.</p>
<p>Share this story</p>
<p>The board will publish its inspection report next week, a spokeswoman said, adding that the reservoir was still a metre above its usual level.</p>
</article>
<aside><h3>Related</h3><ul><li><a href="/a">Storm closes coast road</a></li><li><a href="/b">Ferry cancelled</a></li></ul></aside>
<footer>© 2021 Harbour Ledger. All rights reserved.</footer>
</body></html>"#;

#[test]
fn reads_body_and_metadata_of_a_news_page() {
    let page = extract_html(ARTICLE, None);
    assert_eq!(page.page_type, PageType::Article);
    assert_eq!(page.title.as_deref(), Some("Dam holds after night of record rain"));
    assert_eq!(page.authors, ["Ana Ruiz", "Tomas Berg"]);
    assert_eq!(page.published.unwrap().to_rfc3339(), "2021-03-04T21:05:00+00:00");
    assert_eq!(page.outlet.as_deref(), Some("Harbour Ledger"));
    assert_eq!(page.url.as_deref(), Some("https://harbourledger.example/2021/03/04/dam-holds"));
    assert_eq!(page.language.as_deref(), Some("en"));
    assert!(page.text.starts_with("The dam above Port Estrel"), "{}", page.text);
    assert!(page.text.contains("\n\nResidents of the lower town"));
    for furniture in ["Share this story", "cookies", "Ferry cancelled", "All rights reserved"] {
        assert!(!page.text.contains(furniture), "{furniture} left in {}", page.text);
    }
}

#[test]
fn a_page_without_a_stated_date_gets_none() {
    let undated = ARTICLE.replace(r#""datePublished":"2021-03-04T21:05:00+00:00","#, "").replace(
        "https://harbourledger.example/2021/03/04/dam-holds",
        "https://harbourledger.example/dam-holds",
    );
    let page = extract_html(&undated, None);
    // Only a modification date is stated: it is not the publication date.
    assert_eq!(page.published, None);
}

#[test]
fn title_suffix_goes_without_an_h1() {
    let page = "<html><head><title>Ferry service resumes on the northern route - Meridian Post</title><meta property='og:site_name' content='Meridian Post'></head><body><p>x</p></body></html>";
    assert_eq!(
        extract_html(page, None).title.as_deref(),
        Some("Ferry service resumes on the northern route")
    );
}

#[test]
fn a_listing_is_not_an_article() {
    let mut page = String::from("<html><head><title>News | Harbour Ledger</title></head><body><ul>");
    for i in 0..40 {
        page.push_str(&format!(
            "<li class='card'><a href='/story-{i}'>Headline number {i} about the harbour</a></li>"
        ));
    }
    page.push_str("</ul></body></html>");
    assert_eq!(extract_html(&page, None).page_type, PageType::Listing);
}

#[test]
fn a_product_page_is_not_an_article() {
    let page = r#"<html><head><script type="application/ld+json">{"@type":"Product","name":"Rain gauge","offers":{"@type":"Offer","price":"19.99"}}</script></head><body><h1>Rain gauge</h1><p>A sturdy gauge for the garden.</p></body></html>"#;
    assert_eq!(extract_html(page, None).page_type, PageType::Product);
}

#[test]
fn malformed_html_does_not_panic() {
    for page in ["<html><body><p>unclosed <div><span>", "<<<>>>", "", "<p>", "</html></body><p>late"] {
        let _ = extract_html(page, None);
    }
}

/// A page with only the given head and header markup around a body long enough to be an article.
fn dated_page(head: &str, header: &str, aside: &str) -> String {
    format!(
        r#"<html lang="en"><head><title>Ferry returns to Isle Marn</title>{head}</head><body>
<article><h1>Ferry returns to Isle Marn</h1>{header}
<p>The ferry to Isle Marn sailed again on Monday after three weeks in dry dock, the harbour office said, and the first crossing carried forty passengers and a van of post.</p>
<p>Islanders had relied on a small launch for supplies while the hull was repaired, and the council said it would review how long such repairs should take in future.</p>
</article>{aside}</body></html>"#
    )
}

#[test]
fn the_day_is_the_one_the_page_states_in_its_own_offset() {
    let head = r#"<meta property="article:published_time" content="2024-03-03T22:30:00-05:00">"#;
    let page = extract_html(&dated_page(head, "", ""), None);
    let published = page.published.unwrap();
    assert_eq!(published.format("%Y-%m-%d").to_string(), "2024-03-03");
    assert_eq!(published.to_utc().to_rfc3339(), "2024-03-04T03:30:00+00:00");
    let compact = r#"<meta itemprop="datePublished" content="2024-03-03T22:30:00-0500">"#;
    let page = extract_html(&dated_page(compact, "", ""), None);
    assert_eq!(page.published.unwrap().format("%Y-%m-%d").to_string(), "2024-03-03");
}

#[test]
fn a_date_printed_in_the_header_is_read_when_the_markup_has_none() {
    let header = r#"<div class="post-date">Published March 5, 2024</div>"#;
    let page = extract_html(&dated_page("", header, ""), None);
    assert_eq!(page.published.unwrap().format("%Y-%m-%d").to_string(), "2024-03-05");
    let time = r#"<p class="byline">By Ana Ruiz | <time datetime="2024-03-06T09:00:00Z">6 March</time></p>"#;
    let page = extract_html(&dated_page("", time, ""), None);
    assert_eq!(page.published.unwrap().format("%Y-%m-%d").to_string(), "2024-03-06");
}

#[test]
fn printed_update_dates_and_related_lists_give_no_date() {
    let updated =
        r#"<span class="meta">Last updated <time datetime="2024-03-07T09:00:00Z">Mar 7, 2024</time></span>"#;
    assert_eq!(extract_html(&dated_page("", updated, ""), None).published, None);
    let related = r#"<aside class="related"><a href="/x">Harbour fees rise</a> <span class="date">March 1, 2024</span></aside>"#;
    assert_eq!(extract_html(&dated_page("", "", related), None).published, None);
    let modified = r#"<meta property="article:modified_time" content="2024-03-08T10:00:00Z">"#;
    assert_eq!(extract_html(&dated_page(modified, "", ""), None).published, None);
}

#[test]
fn a_bare_date_line_under_the_headline_is_read() {
    let header = r#"<div class="hero"><p>Ana Ruiz<br>
4 August 2023</p></div>"#;
    let page = extract_html(&dated_page("", header, ""), None);
    assert_eq!(page.published.unwrap().format("%Y-%m-%d").to_string(), "2023-08-04");
    let range = r#"<div><p>Dates: 2023-08-04 - 2023-08-09</p></div>"#;
    assert_eq!(extract_html(&dated_page("", range, ""), None).published, None);
    let active = r#"<div class="note">Last active <span>August 9, 2023</span></div>"#;
    assert_eq!(extract_html(&dated_page("", active, ""), None).published, None);
}

#[test]
fn the_label_nearest_before_a_date_decides_and_page_wrappers_are_not_sidebars() {
    // "Published … | Updated …": the first date is the publication.
    let both = r#"<p class="dates">March 2, 2024 | Updated March 9, 2024</p>"#;
    let page = extract_html(&dated_page("", both, ""), None);
    assert_eq!(page.published.unwrap().format("%Y-%m-%d").to_string(), "2024-03-02");
    // A layout class naming the sidebar on the wrapper that also holds the headline.
    let html = dated_page("", r#"<div class="story-date"><span>March 4, 2024</span></div>"#, "")
        .replace("<article>", r#"<div class="story-with-sidebar"><article>"#)
        .replace("</article>", "</article></div>");
    assert_eq!(extract_html(&html, None).published.unwrap().format("%Y-%m-%d").to_string(), "2024-03-04");
    // A revision date from the page's version control is not the publication.
    let revision = r#"<span class="git-revision-date">March 11, 2024</span>"#;
    assert_eq!(extract_html(&dated_page("", revision, ""), None).published, None);
}

#[test]
fn publication_meta_in_other_vocabularies_is_read_but_never_a_modified_one() {
    let head = r#"<meta name="w-published-date" content="2024-03-12">"#;
    let page = extract_html(&dated_page(head, "", ""), None);
    assert_eq!(page.published.unwrap().format("%Y-%m-%d").to_string(), "2024-03-12");
    let head = r#"<meta name="published-date-modified" content="2024-03-13">"#;
    assert_eq!(extract_html(&dated_page(head, "", ""), None).published, None);
}

#[test]
fn a_capitalised_headline_takes_the_declared_case_and_entities_are_read() {
    let html = r#"<html><head><title>Ferry Returns To Isle Marn &amp;#038; Skerry | Harbour Ledger</title>
<meta property="og:title" content="Ferry returns to Isle Marn">
<meta property="og:site_name" content="Harbour Ledger"></head><body><article><h1>FERRY RETURNS TO ISLE MARN</h1>
<p>The ferry to Isle Marn sailed again on Monday after three weeks in dry dock, the harbour office said, and the first crossing carried forty passengers and a van of post.</p>
</article></body></html>"#;
    assert_eq!(extract_html(html, None).title.as_deref(), Some("Ferry returns to Isle Marn"));
    let html = html
        .replace(r#"<meta property="og:title" content="Ferry returns to Isle Marn">"#, "")
        .replace("<h1>FERRY RETURNS TO ISLE MARN</h1>", "");
    assert_eq!(extract_html(&html, None).title.as_deref(), Some("Ferry Returns To Isle Marn & Skerry"));
}

#[test]
fn a_date_labelled_published_counts_even_in_a_sidebar() {
    let sidebar = r#"<aside class="post-sidebar"><h4>Published</h4><p><time datetime="2024-03-14T12:00:00Z">March 14, 2024</time></p></aside>"#;
    let page = extract_html(&dated_page("", "", sidebar), None);
    assert_eq!(page.published.unwrap().format("%Y-%m-%d").to_string(), "2024-03-14");
    let iso = r#"<p class="byline"><span class="publicationTime">2024-03-15T23:10+02:00</span></p>"#;
    let page = extract_html(&dated_page("", iso, ""), None);
    assert_eq!(page.published.unwrap().format("%Y-%m-%d").to_string(), "2024-03-15");
}

#[test]
fn a_review_label_in_a_neighbouring_element_marks_a_later_date() {
    let header = r#"<div class="field"><div class="field__label">Date last reviewed:</div><div class="field__item"><time datetime="2024-03-16T12:00:00Z">March 2024</time></div></div>"#;
    assert_eq!(extract_html(&dated_page("", header, ""), None).published, None);
}

#[test]
fn opening_hours_and_event_dates_are_not_the_publication() {
    let hours = r#"<p>Open today: <span class="date">March 14, 2024</span>, 9 am to 5 pm</p>"#;
    assert_eq!(extract_html(&dated_page("", hours, ""), None).published, None);
    let named = r#"<div class="garden-hours"><div class="garden-hours__date">March 14, 2024</div></div>"#;
    assert_eq!(extract_html(&dated_page("", named, ""), None).published, None);
    let events =
        r#"<ul class="events"><li><div class="date">April 2, 2024</div><h2>Harbour fair</h2></li></ul>"#;
    assert_eq!(extract_html(&dated_page("", events, ""), None).published, None);
}

#[test]
fn a_webpage_date_alone_is_not_the_article_date() {
    // Site-wide JSON-LD gives every page, articles or not, a WebPage date: weak evidence.
    let head = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage","datePublished":"2019-12-12T14:07:03+00:00","dateModified":"2024-01-02T10:00:00+00:00"}]}</script>"#;
    assert_eq!(extract_html(&dated_page(head, "", ""), None).published, None);
}

#[test]
fn dotted_and_run_together_dates_in_the_header_are_read() {
    let dotted = r#"<div class="post-date">17.05.2021</div>"#;
    let page = extract_html(&dated_page("", dotted, ""), None);
    assert_eq!(page.published.unwrap().format("%Y-%m-%d").to_string(), "2021-05-17");
    let joined = r#"<div class="meta">Posted on April 13, 2023<span>Tags: harbour</span></div>"#;
    let page = extract_html(&dated_page("", joined, ""), None);
    assert_eq!(page.published.unwrap().format("%Y-%m-%d").to_string(), "2023-04-13");
}

/// A page whose `<title>` and Open Graph title differ from its visible `<h1>`.
fn titled_page(head: &str, h1s: &str) -> String {
    format!(
        r#"<html lang="en"><head>{head}</head><body>{h1s}
<article><p>The ferry to Isle Marn sailed again on Monday after three weeks in dry dock, the harbour office said, and the first crossing carried forty passengers and a van of post.</p>
<p>Islanders had relied on a small launch for supplies while the hull was repaired, and the council said it would review how long such repairs should take in future.</p>
</article></body></html>"#
    )
}

#[test]
fn the_visible_headline_wins_over_a_reworded_declared_title() {
    let head = r#"<title>Isle Marn Ferry Back in 2024 - Top 5 Crossing Tips | Marn Gazette</title>
<meta property="og:title" content="Isle Marn Ferry Back in 2024 - Top 5 Crossing Tips">"#;
    let page = extract_html(
        &titled_page(head, "<h1>Top 5: Ferry Crossing Tips for Isle Marn (tried by islanders)</h1>"),
        None,
    );
    assert_eq!(page.title.as_deref(), Some("Top 5: Ferry Crossing Tips for Isle Marn (tried by islanders)"));
}

#[test]
fn a_logo_h1_is_skipped_and_an_unrelated_h1_loses_to_the_declared_title() {
    let head = r#"<title>Ferry returns to Isle Marn | Marn Gazette</title>
<meta property="og:site_name" content="Marn Gazette">"#;
    let logo = "<h1>Marn Gazette</h1><h1>Ferry returns to Isle Marn</h1>";
    assert_eq!(
        extract_html(&titled_page(head, logo), None).title.as_deref(),
        Some("Ferry returns to Isle Marn")
    );
    let unrelated = "<h1>Subscribe today</h1>";
    assert_eq!(
        extract_html(&titled_page(head, unrelated), None).title.as_deref(),
        Some("Ferry returns to Isle Marn")
    );
}

#[test]
fn a_named_article_body_is_read_directly_without_its_teasers() {
    let story = "The harbour board voted on Tuesday to raise the sea wall by a metre along the old \
        pier, a repair the engineers said could not wait for another winter of storms. ";
    let html = format!(
        "<html><head><title>Sea wall to rise | Coastline Daily</title></head><body>\
         <nav><a href=/>Home</a></nav>\
         <div class=\"post-byline\">By Mira Okafor</div>\
         <div class=\"entry-content\">\
         <p><a href=/tides>Tide tables</a></p>\
         <p>{story}{story}</p><h2>The cost</h2><p>{story}</p>\
         <p>Residents can read the <a href=/plan>full plan</a> at the library, the board said.</p>\
         <ul><li><a href=/a>Ferry timetable changes for spring</a></li>\
         <li><a href=/b>New lifeboat named after a local pilot</a></li></ul>\
         </div><footer>Contact us</footer></body></html>"
    );
    let page = extract_html(&html, None);
    assert!(page.text.starts_with("The harbour board voted"), "{}", page.text);
    assert!(page.text.contains("\n\nThe cost\n\n"), "{}", page.text);
    assert!(page.text.ends_with("at the library, the board said."), "{}", page.text);
    for teaser in ["Tide tables", "Ferry timetable", "lifeboat", "Contact us"] {
        assert!(!page.text.contains(teaser), "{teaser} left in {}", page.text);
    }
    assert_eq!(page.authors, ["Mira Okafor"]);
}

#[test]
fn link_runs_around_a_readability_body_go_but_a_list_of_sources_inside_stays() {
    let para = |s: &str| {
        format!(
            "<p>{s} The harbour board met on Monday, and it agreed, after a long debate, to raise \
             the sea wall, repair the pier and dredge the channel before the winter storms.</p>"
        )
    };
    let html = format!(
        "<html><body><div id=page><div class=story>{}{}<ul><li><a href=/r>Board report</a></li>\
         <li><a href=/m>Minutes of the meeting</a></li></ul>{}\
         <p><a href=/x>Storm closes the coast road again</a></p></div></div></body></html>",
        para("First."),
        para("Second."),
        para("Third."),
    );
    let page = extract_html(&html, None);
    assert!(page.text.contains("Minutes of the meeting"), "{}", page.text);
    assert!(!page.text.contains("coast road"), "{}", page.text);
}

/// Paragraphs of a fictional story for the body rules below.
const HARBOUR: &[&str] = &[
    "The harbour board voted on Tuesday to raise the sea wall along the whole of the old pier, after a winter in which the tide twice came over it.",
    "Work will start in April, the board said, and the pier will stay open to walkers while the boats move to the new basin for the summer.",
    "Fishermen, who had asked for the wall since the storms of last year, said the plan came late but welcomed it all the same.",
    "The cost, put at four million crowns, will be shared by the town, the region and the port authority, which will raise mooring fees.",
    "Engineers will first survey the foundations of the pier, laid in stone more than a century ago, before any new concrete is poured.",
    "The market traders on the quay asked the board to keep the road along the pier open during the works, and the board agreed to try.",
];

fn paragraphs(range: std::ops::Range<usize>) -> String {
    HARBOUR[range].iter().map(|p| format!("<p>{p}</p>")).collect()
}

#[test]
fn streamed_boxes_are_read_in_the_slots_of_the_container() {
    // React's streaming server leaves slots in the layout and sends each section last, in a
    // hidden box of its own (one box may hold the slot of another).
    let slots: String = (0..5)
        .map(|i| format!("<template id=\"B:{i}\"></template><div>Loading paragraph...</div>"))
        .collect();
    let boxes: String = (0..5)
        .map(|i| {
            let nested = if i == 4 { "<template id=\"P:5\"></template>" } else { "" };
            format!("<div hidden id=\"S:{i}\"><div class=rich><p>{}</p>{nested}</div></div>", HARBOUR[i])
        })
        .collect();
    let html = format!(
        "<html><body><nav><a href=/>Home</a></nav><main><h1>Sea wall to be raised</h1>\
         <p class=byline>By Ana Ruiz</p>{slots}<p>Harbour terms: a basin is a sheltered dock.</p></main>\
         {boxes}<div hidden id=\"S:5\"><p>{}</p></div></body></html>",
        HARBOUR[5]
    );
    let page = extract_html(&html, None);
    for p in HARBOUR {
        assert_eq!(page.text.matches(p).count(), 1, "{p} not read once in {}", page.text);
    }
}

#[test]
fn caption_author_and_disclaimer_boxes_inside_the_container_are_left_out() {
    let html = format!(
        "<html><body><div class=entry-content>{}<div class=photo-caption>The old pier at low tide, \
         seen from the harbour master's office on Monday morning.</div>{}<div class=post-author>\
         Ana Ruiz writes about the coast and its towns for the Ledger.</div>\
         <p class=affiliate-disclaimer>We may earn a commission when you book a ferry through \
         the links on this page.</p></div></body></html>",
        paragraphs(0..3),
        paragraphs(3..6),
    );
    let page = extract_html(&html, None);
    assert!(page.text.contains(HARBOUR[5]), "{}", page.text);
    for furniture in ["low tide", "writes about the coast", "commission"] {
        assert!(!page.text.contains(furniture), "{furniture} kept in {}", page.text);
    }
}

#[test]
fn a_second_rendering_of_the_text_is_read_once_but_a_repeated_line_stays() {
    // Page builders ship the same text again for other screen sizes, hidden by style sheets.
    let story = paragraphs(0..6);
    let html = format!(
        "<html><body><div class=entry-content><div class=desktop>{story}</div>\
         <div class=phone>{story}</div></div></body></html>"
    );
    let page = extract_html(&html, None);
    assert_eq!(page.text.matches(HARBOUR[0]).count(), 1, "{}", page.text);
    assert!(page.text.contains(HARBOUR[5]), "{}", page.text);
    // One paragraph said twice (a pull quote) is not a second rendering.
    let quoted = format!(
        "<html><body><div class=entry-content>{}<blockquote><p>{}</p></blockquote>{}</div></body></html>",
        paragraphs(0..3),
        HARBOUR[1],
        paragraphs(3..6),
    );
    assert_eq!(extract_html(&quoted, None).text.matches(HARBOUR[1]).count(), 2);
}

#[test]
fn the_metadata_authors_bio_closing_the_body_is_cut_but_not_one_before_an_appendix() {
    let page = |after: &str| {
        format!(
            "<html><head><meta name=author content=\"Marta Lindqvist\"></head><body>\
             <div class=entry-content>{}<p>Marta Lindqvist</p><p>Contributing Writer</p>\
             <p>Marta is a reporter who has sailed every ferry route on the coast.</p>{after}</div>\
             </body></html>",
            paragraphs(0..6),
        )
    };
    let text = extract_html(&page(""), None).text;
    assert!(text.trim_end().ends_with(HARBOUR[5]), "{text}");
    // An appendix follows: the "bio" is a section of the article.
    let appendix = format!("<h2>Appendix: the ferry timetable</h2>{}", paragraphs(0..6));
    let text = extract_html(&page(&appendix), None).text;
    assert!(text.contains("Marta is a reporter"), "{text}");
}
