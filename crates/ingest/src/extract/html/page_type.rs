//! Is the page an article? Listings (section fronts, tag pages, search results), forum threads,
//! product pages and other pages (services, documentation) are reported as such, not stored:
//! their text would join stories as if it were reporting.
//!
//! Article or not is the page-type model's call ([`page_model`], trained by
//! `wiretrace train page-type` over the features of [`page_features`]: declarations, URL shape,
//! DOM shape, the extracted body); for a page that is not an article, the model's kind
//! ensembles name it (listing, forum, product, other). Declarations enter the model as features
//! rather than deciding alone whether a page is an article: on WCXB dev none of the non-article
//! ones is unambiguous (pages declaring a JSON-LD `Product` include articles reviewing one;
//! `DiscussionForumPosting` and `Comment` sit on articles with comments). Once the model has
//! said "not an article", a JSON-LD `Product` or `CollectionPage` names the kind. A page with
//! almost no links (a feed item wrapped as a page, a hand-made page) is outside what the model
//! learned from: its declarations, else its shape, decide.

use super::metadata::{Metadata, ARTICLE_TYPES};
use super::page_features;
use super::page_model::{self, PageTypeModel};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageType {
    Article,
    Listing,
    Forum,
    Product,
    Other,
}

impl PageType {
    pub fn label(self) -> &'static str {
        match self {
            PageType::Article => "article",
            PageType::Listing => "listing",
            PageType::Forum => "forum",
            PageType::Product => "product",
            PageType::Other => "other",
        }
    }
}

/// The page type from the page's metadata and its feature vector ([`page_features::vector`]);
/// `readable` and `words`: whether the content scorer found prose, and how many words.
pub fn classify(meta: &Metadata, readable: bool, words: usize, features: &[f32]) -> PageType {
    if meta.links < FEW_LINKS {
        // Outside what the model learned from: published sites link to their sections from
        // every page (23 of WCXB dev's 1,497 pages link fewer than 10 times). Such a page is
        // a feed item's content wrapped as a page or a hand-made page: what it declares
        // decides, else its shape.
        let has = |types: &[&str]| meta.ld_types.iter().any(|t| types.contains(&t.as_str()));
        if has(ARTICLE_TYPES) || meta.og_type.as_deref() == Some("article") {
            return PageType::Article;
        }
        if meta.ld_types.is_empty() && meta.og_type.is_none() {
            return by_shape(meta, readable, words);
        }
    }
    classify_with(&page_model::MODEL, meta, features)
}

/// Fewer links than this, and the page is not one the model learned from.
const FEW_LINKS: usize = 10;

/// A bare page by its shape: prose in an `<article>`, or dated, or signed, is an article.
fn by_shape(meta: &Metadata, readable: bool, words: usize) -> PageType {
    if !readable || words < 50 {
        return if meta.cards >= 6 { PageType::Listing } else { PageType::Other };
    }
    if meta.price_marks >= 3 {
        return PageType::Product;
    }
    if meta.comment_forms && meta.has_article_element {
        return PageType::Forum;
    }
    if meta.cards >= 10 {
        return PageType::Listing;
    }
    if meta.has_article_element || meta.published.is_some() || !meta.authors.is_empty() {
        return PageType::Article;
    }
    PageType::Other
}

pub(super) fn classify_with(model: &PageTypeModel, meta: &Metadata, features: &[f32]) -> PageType {
    if model.kinds.is_empty() {
        // No trained model yet (bootstrapping `wiretrace train page-type`).
        return if model.article.score(features) > 0.0 { PageType::Article } else { declared_kind(meta) };
    }
    match model.kind(features) {
        "article" => PageType::Article,
        "listing" => PageType::Listing,
        "forum" => PageType::Forum,
        "product" => PageType::Product,
        _ => PageType::Other,
    }
}

/// What a page that is not an article declares itself to be, when no model says.
fn declared_kind(meta: &Metadata) -> PageType {
    let has = |types: &[&str]| meta.ld_types.iter().any(|t| types.contains(&t.as_str()));
    if has(&["product", "productgroup"]) || meta.og_type.as_deref() == Some("product") {
        return PageType::Product;
    }
    if has(&["discussionforumposting", "qapage"]) {
        return PageType::Forum;
    }
    if has(&["collectionpage", "itemlist", "searchresultspage"]) {
        return PageType::Listing;
    }
    PageType::Other
}

/// The feature names the committed model must have been trained on.
pub fn feature_names() -> Vec<String> {
    page_features::names()
}

#[cfg(test)]
mod tests {
    use super::super::page_model::{kind_of, Ensemble, Node, PageTypeModel, TrainOptions, MODEL};
    use super::super::{extract_html, extract_html_with_features};
    use super::*;

    const PROSE: &str = "The harbour board met on Tuesday evening to weigh the cost of dredging the \
        northern channel, which silt has narrowed every winter since the breakwater was extended. \
        Engineers told the board that a full dredge would take eleven weeks and close the ferry berth \
        for at least three of them, a delay the island council says its shops cannot absorb.";

    fn article_page() -> String {
        let paragraphs: String =
            (0..8).map(|i| format!("<p>{PROSE} Point {i} was raised by a member.</p>\n")).collect();
        format!(
            r#"<html lang="en"><head><title>Harbour board delays dredging vote | Quay Gazette</title>
            <meta property="og:type" content="article">
            <link rel="canonical" href="https://quaygazette.example/news/2031/04/12/harbour-board-delays-dredging-vote">
            <script type="application/ld+json">{{"@type":"NewsArticle","headline":"Harbour board delays dredging vote",
            "datePublished":"2031-04-12T18:00:00+01:00","author":{{"@type":"Person","name":"Ines Varga"}}}}</script>
            </head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
            <article><h1>Harbour board delays dredging vote</h1><p class="byline">By Ines Varga</p>
            <time datetime="2031-04-12T18:00:00+01:00">12 April 2031</time>{paragraphs}</article>
            <footer><a href="/about">About</a></footer></body></html>"#
        )
    }

    fn listing_page() -> String {
        let cards: String = (0..30)
            .map(|i| {
                format!(
                    r#"<li class="card teaser"><a href="/news/2031/04/{i:02}/story-number-{i}"><img alt="">
                    <h3 class="card__title">Council weighs plan number {i} for the old quay</h3></a>
                    <span class="card__date">{i} April 2031</span></li>"#
                )
            })
            .collect();
        format!(
            r#"<html lang="en"><head><title>Local news | Quay Gazette</title>
            <meta property="og:type" content="website">
            <link rel="canonical" href="https://quaygazette.example/category/local/">
            <script type="application/ld+json">{{"@type":"CollectionPage","name":"Local news"}}</script>
            </head><body><nav class="menu"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
            <main><h1>Local news</h1><ul class="grid">{cards}</ul>
            <div class="pagination"><a href="?page=2">Next</a></div></main></body></html>"#
        )
    }

    fn forum_page() -> String {
        let posts: String = (0..12)
            .map(|i| {
                format!(
                    r#"<div class="post message" id="post-{i}"><div class="author">member{i}</div>
                    <div class="post-body bbcode">Has anyone fitted the new tiller arm to a 1998 dinghy? Mine
                    rattles at speed and the shop says the bushing is fine. Reply {i}.</div>
                    <a class="reply" href="/forums/thread/4411/reply?quote={i}">Quote</a></div>"#
                )
            })
            .collect();
        format!(
            r#"<html lang="en"><head><title>Tiller arm rattles at speed - Dinghy Owners Forum</title>
            <link rel="canonical" href="https://dinghyowners.example/forums/thread/4411-tiller-arm-rattles">
            <script type="application/ld+json">{{"@type":"DiscussionForumPosting","headline":"Tiller arm rattles at speed"}}</script>
            </head><body><nav class="breadcrumb"><a href="/forums">Forums</a> <a href="/forums/repairs">Repairs</a></nav>
            <h1>Tiller arm rattles at speed</h1><div class="thread">{posts}</div>
            <form action="/forums/thread/4411/post" class="reply-form"><textarea name="message"></textarea>
            <button>Post reply</button></form></body></html>"#
        )
    }

    fn product_page() -> String {
        r#"<html lang="en"><head><title>Folding oak deck chair | Harbour Home Store</title>
            <meta property="og:type" content="product">
            <link rel="canonical" href="https://harbourhome.example/product/folding-oak-deck-chair">
            <script type="application/ld+json">{"@type":"Product","name":"Folding oak deck chair",
            "offers":{"@type":"Offer","price":"89.00","priceCurrency":"EUR"}}</script>
            </head><body><nav class="menu"><a href="/">Home</a> <a href="/garden">Garden</a></nav>
            <div class="product-detail"><h1>Folding oak deck chair</h1>
            <span class="price" itemprop="price">89.00 EUR</span><span class="stock">In stock</span>
            <form action="/cart/add" class="add-to-cart"><select name="colour"><option>Natural</option></select>
            <input type="number" name="qty" value="1"><button name="add-to-cart">Add to cart</button></form>
            <div class="product-description"><p>Solid oak, folds flat, weatherproof oil finish.</p>
            <ul><li>Seat height 38 cm</li><li>Weight 6 kg</li><li>Two-year guarantee</li></ul></div></div>
            <section class="related-products"><h2>You may also like</h2>
            <div class="product-card"><a href="/product/oak-side-table">Oak side table</a><span class="price">49.00 EUR</span></div>
            <div class="product-card"><a href="/product/deck-cushion">Deck cushion</a><span class="price">19.00 EUR</span></div>
            </section></body></html>"#
            .to_string()
    }

    fn documentation_page() -> String {
        let sections: String = (0..6)
            .map(|i| {
                format!(
                    r#"<h2 id="step-{i}">Step {i}: configure the tide source</h2>
                    <p>Set <code>tide.source</code> to the station you read from. The value is a station code.</p>
                    <pre><code>tidekit config set tide.source STATION_{i}</code></pre>
                    <table><tr><th>Option</th><th>Default</th></tr><tr><td>interval</td><td>600</td></tr></table>"#
                )
            })
            .collect();
        format!(
            r#"<html lang="en"><head><title>Configuration - TideKit 4.2 documentation</title>
            <link rel="canonical" href="https://tidekit.example/docs/4.2/configuration.html">
            </head><body><nav class="sidebar-nav toc"><ul><li><a href="/docs/4.2/install.html">Install</a></li>
            <li><a href="/docs/4.2/configuration.html">Configuration</a></li><li><a href="/docs/4.2/api.html">API</a></li>
            </ul></nav><main class="docs-content"><h1>Configuration</h1>{sections}</main>
            <footer><span class="version">v4.2</span></footer></body></html>"#
        )
    }

    #[test]
    fn a_news_article_is_an_article() {
        assert_eq!(extract_html(&article_page(), None).page_type, PageType::Article);
    }

    #[test]
    fn a_page_of_teaser_cards_is_a_listing() {
        assert_eq!(extract_html(&listing_page(), None).page_type, PageType::Listing);
    }

    #[test]
    fn a_forum_thread_is_a_forum_page() {
        assert_eq!(extract_html(&forum_page(), None).page_type, PageType::Forum);
    }

    #[test]
    fn a_shop_page_is_a_product_page() {
        assert_eq!(extract_html(&product_page(), None).page_type, PageType::Product);
    }

    #[test]
    fn a_documentation_page_is_not_an_article() {
        assert_eq!(extract_html(&documentation_page(), None).page_type, PageType::Other);
    }

    #[test]
    fn a_feed_item_wrapped_as_a_page_is_judged_by_its_shape() {
        let item = format!("<html><body><article><p>{PROSE}</p></article></body></html>");
        assert_eq!(extract_html(&item, None).page_type, PageType::Article);
        let menu = "<html><body><p>Opening hours: nine to five.</p></body></html>";
        assert_eq!(extract_html(menu, None).page_type, PageType::Other);
    }

    #[test]
    fn the_committed_model_was_trained_on_these_features() {
        assert_eq!(MODEL.features, feature_names(), "retrain: wiretrace train page-type DIR --out ...");
        assert_eq!(MODEL.kinds.len(), 4);
        let (_, features) = extract_html_with_features(&article_page(), None);
        assert_eq!(features.len(), feature_names().len());
    }

    #[test]
    fn trees_route_by_threshold() {
        let e = Ensemble {
            base: 0.5,
            trees: vec![vec![Node::Split(1, 2.0, 1, 2), Node::Leaf(-3.0), Node::Leaf(4.0)]],
        };
        assert_eq!(e.score(&[0.0, 2.0]), -2.5);
        assert_eq!(e.score(&[0.0, 2.5]), 4.5);
    }

    #[test]
    fn training_learns_a_separable_rule() {
        // Article when feature 0 is high; the kind of the rest follows feature 1.
        let xs: Vec<Vec<f32>> = (0..200).map(|i| vec![(i % 10) as f32, (i % 7) as f32]).collect();
        let kinds: Vec<&str> = xs
            .iter()
            .map(|x| {
                if x[0] >= 5.0 {
                    "article"
                } else if x[1] >= 3.0 {
                    "forum"
                } else {
                    "listing"
                }
            })
            .collect();
        let names = vec!["a".to_string(), "b".to_string()];
        let model = PageTypeModel::train(
            names,
            &xs,
            &kinds,
            &TrainOptions { trees: 30, kind_trees: 30, ..TrainOptions::default() },
        );
        for (x, k) in xs.iter().zip(&kinds) {
            assert_eq!(model.kind(x), *k, "{x:?}");
        }
        assert_eq!(kind_of("collection"), "listing");
        assert_eq!(kind_of("service"), "other");
    }
}
