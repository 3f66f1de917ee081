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
