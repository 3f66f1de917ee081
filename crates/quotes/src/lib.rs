//! Quotes with their speaker and the medium they were given to.
//!
//! [`extract_quotes`] reads one article: quote marks are paired (split quotes, quotes over
//! several paragraphs, mixed `"`/`”` pairs and stray marks handled; a block excerpt opened by
//! a mark that never closes gives the quotes inside it; a transcript turn `"HOST: ...` is a
//! quote of its label), the reporting cue beside each quote gives its speaker and medium
//! (`," Carson told BNC`, `Carson said: "`), a quote without a cue takes the speaker of the
//! quote or the sentence before (a cue, or a sentence about one person: `Carson made the
//! following comment:`), a partial quote no verb introduces takes the subject of its own
//! sentence (`Carson tells the crew to "hold fast"`), and speakers are resolved within the
//! article ("Mr Carson" and "he" become "Ada Carson"; "he" after a sentence opened by another
//! person is that person). Reported speech without marks (`Carson warned that ...`, `...,
//! Carson said.`) is returned as [`QuoteKind::Indirect`].
//!
//! ```
//! use wiretrace_core::{Article, QuoteKind};
//! use wiretrace_quotes::extract_quotes;
//!
//! let article = Article::new(
//!     "a1",
//!     "Harbour pilot Ada Carson spoke on Monday.\n\n\
//!      \"They're worried,\" Ms Carson told BNC. \"There is no question about it.\"",
//! );
//! let quotes = extract_quotes(&article);
//! assert_eq!(quotes.len(), 1);
//! let quote = &quotes[0];
//! assert_eq!(quote.text, "They're worried ... There is no question about it.");
//! assert_eq!(quote.speaker.as_deref(), Some("Ada Carson"));
//! assert_eq!(quote.speaker_span.unwrap().slice(&article.text), "Ms Carson");
//! assert_eq!(quote.medium.as_deref(), Some("BNC"));
//! assert_eq!(quote.kind, QuoteKind::Direct);
//! ```

mod clause;
mod cue;
mod direct;
mod indirect;
mod lexicon;
mod marks;
mod medium;
mod speaker;
mod subject;

use std::ops::Range;

use wiretrace_core::{Article, EntityKind, Mention, Quote, QuoteKind, Span};
use wiretrace_text::{paragraphs, sentences, CharOffsets};

use crate::direct::Draft;
use crate::speaker::Resolver;

/// How many paragraphs back a medium may be carried from an earlier cue of the same speaker.
const CARRY_PARAGRAPHS: usize = 2;

/// A quote with the stretches of text it is made of: one span per paragraph and per part of
/// a split quote, marks excluded (the words between the parts, such as the cue, are not in
/// any part). `quote.span` runs from the first part's start to the last part's end.
#[derive(Clone, Debug, PartialEq)]
pub struct QuoteParts {
    pub quote: Quote,
    pub parts: Vec<Span>,
}

/// Every direct and indirect quote of `article`, sorted by where it starts.
pub fn extract_quotes(article: &Article) -> Vec<Quote> {
    extract_quotes_with_people(article, &[])
}

/// [`extract_quotes`] with the article's person mentions (from an entity tagger) as extra
/// evidence: a mention marks a name worth resolving short forms and pronouns to, even where
/// the capitalisation rules alone would not see one.
pub fn extract_quotes_with_people(article: &Article, people: &[Mention]) -> Vec<Quote> {
    extract_quote_parts(article, people).into_iter().map(|q| q.quote).collect()
}

/// The quotes of `article` with their parts; `people` as for [`extract_quotes_with_people`].
pub fn extract_quote_parts(article: &Article, people: &[Mention]) -> Vec<QuoteParts> {
    let text = article.text.as_str();
    let paras = paragraphs(text);
    let quoted = marks::find(text, &paras);
    let mut drafts: Vec<(Draft, QuoteKind)> =
        direct::drafts(text, &paras, &quoted).into_iter().map(|d| (d, QuoteKind::Direct)).collect();
    drafts.extend(indirect::drafts(text, &paras).into_iter().map(|d| (d, QuoteKind::Indirect)));

    // Every reporting sentence feeds resolution (pronouns look back at the latest speaker)
    // and lends its medium to later quotes of the same speaker.
    let inner: Vec<Range<usize>> = quoted.iter().flat_map(|q| q.parts.clone()).collect();
    let sentence_cues: Vec<cue::Cue> =
        sentences(text).into_iter().flat_map(|s| cue::in_sentence(text, s, &inner)).collect();
    let subjects: Vec<Range<usize>> = sentence_cues
        .iter()
        .map(|c| c.subject.clone())
        .chain(drafts.iter().filter_map(|(d, _)| d.cue.as_ref().map(|c| c.subject.clone())))
        .collect();
    let offsets = CharOffsets::new(text);
    let people: Vec<Range<usize>> = people
        .iter()
        .filter(|m| m.kind == EntityKind::Person && m.article == article.id)
        .map(|m| offsets.to_byte(m.span.start)..offsets.to_byte(m.span.end))
        .filter(|r| r.start < r.end && r.end <= text.len())
        .collect();
    let resolved = Resolver::new(text, &paras, &people).resolve_all(&subjects);
    let name_of = |c: &cue::Cue| resolved.get(&(c.subject.start, c.subject.end)).cloned();
    let para_of = |at: usize| paras.partition_point(|p| p.end < at);

    let span = |r: Range<usize>| Span::new(offsets.to_char(r.start), offsets.to_char(r.end));
    let mut quotes: Vec<QuoteParts> = drafts
        .into_iter()
        .map(|(draft, kind)| {
            let speaker = draft.cue.as_ref().and_then(name_of);
            let carried = || {
                let cue = draft.cue.as_ref()?;
                sentence_cues
                    .iter()
                    .rev()
                    .filter(|c| c.verb.start < cue.verb.start.min(draft.pieces[0].start))
                    .take_while(|c| para_of(c.verb.start) + CARRY_PARAGRAPHS >= draft.last_para)
                    .find(|c| c.medium.is_some() && name_of(c) == speaker)
                    .and_then(|c| c.medium.clone())
            };
            let medium = draft
                .cue
                .as_ref()
                .and_then(|c| c.medium.clone())
                .or_else(|| draft.credit.clone())
                .or_else(carried);
            let first = draft.pieces[0].clone();
            let last = draft.pieces[draft.pieces.len() - 1].clone();
            let quote = Quote {
                article: article.id.clone(),
                text: joined(text, &draft),
                span: span(first.start..last.end),
                speaker,
                speaker_span: draft.cue.as_ref().map(|c| span(c.subject.clone())),
                medium,
                kind,
            };
            QuoteParts { quote, parts: draft.pieces.iter().map(|p| span(p.clone())).collect() }
        })
        .collect();
    quotes.sort_by_key(|q| (q.quote.span.start, q.quote.span.end));
    quotes
}

/// The quoted words: split parts joined with " ... ", paragraphs with a space, and the comma
/// that hands over to the cue dropped.
fn joined(text: &str, draft: &Draft) -> String {
    let mut out = String::new();
    let n = draft.pieces.len();
    for (i, piece) in draft.pieces.iter().enumerate() {
        if i > 0 {
            out.push_str(if draft.splits[i - 1] { " ... " } else { " " });
        }
        let words = &text[piece.clone()];
        let next_is_split = i + 1 < n && draft.splits[i];
        if next_is_split || i + 1 == n {
            out.push_str(words.trim_end_matches([',', '—', '–']).trim_end());
        } else {
            out.push_str(words);
        }
    }
    out
}
