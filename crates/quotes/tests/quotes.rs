//! End-to-end behaviour of `extract_quotes` on small fictional articles.

use proptest::prelude::*;
use wiretrace_core::{Article, Quote, QuoteKind};
use wiretrace_quotes::extract_quotes;

fn quotes(text: &str) -> (Article, Vec<Quote>) {
    let article = Article::new("t", text);
    let quotes = extract_quotes(&article);
    (article, quotes)
}

fn direct(quotes: &[Quote]) -> Vec<&Quote> {
    quotes.iter().filter(|q| q.kind == QuoteKind::Direct).collect()
}

#[test]
fn two_speakers_in_one_paragraph_with_straight_and_curly_marks() {
    let (article, all) = quotes(
        "Port Estrel reopened its harbour on Monday.\n\n\"The gates stay open all night,\" harbour master Ada Rook said. “We will check every boat twice,” Ben Tull told reporters.",
    );
    let q = direct(&all);
    assert_eq!(q.len(), 2);
    assert_eq!(q[0].text, "The gates stay open all night");
    assert_eq!(q[0].speaker.as_deref(), Some("Ada Rook"));
    assert_eq!(q[0].span.slice(&article.text), "The gates stay open all night,");
    assert_eq!(q[1].speaker.as_deref(), Some("Ben Tull"));
    assert_eq!(q[1].medium, None, "reporters are no medium");
    assert_eq!(q[1].span.slice(&article.text), "We will check every boat twice,");
}

#[test]
fn split_quote_is_one_quote_spanning_both_parts() {
    let (article, all) = quotes("\"They're worried,\" Carson said. \"There is no question about it.\"");
    let q = direct(&all);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].text, "They're worried ... There is no question about it.");
    assert_eq!(
        q[0].span.slice(&article.text),
        "They're worried,\" Carson said. \"There is no question about it."
    );
    assert_eq!(q[0].speaker.as_deref(), Some("Carson"));
}

#[test]
fn quote_over_paragraphs_is_one_quote() {
    let (article, all) = quotes(
        "Mayor Ines Calder spoke at the dock.\n\n“The water rose faster than any model said it would.\n\n“We had two hours, not two days,” she said.",
    );
    let q = direct(&all);
    assert_eq!(q.len(), 1);
    assert_eq!(
        q[0].text,
        "The water rose faster than any model said it would. We had two hours, not two days"
    );
    let slice = q[0].span.slice(&article.text);
    assert!(slice.starts_with("The water rose") && slice.ends_with("not two days,"));
    assert_eq!(q[0].speaker.as_deref(), Some("Ines Calder"));
    assert_eq!(q[0].speaker_span.unwrap().slice(&article.text), "she");
}

#[test]
fn unbalanced_mark_stops_at_the_paragraph_end() {
    let (article, all) = quotes(
        "Ada Rook said: \"The pumps failed at dawn and nobody came.\n\nThe storm moved north on Tuesday, officials said.",
    );
    let q = direct(&all);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].span.slice(&article.text), "The pumps failed at dawn and nobody came.");
    assert!(all.iter().any(|q| q.kind == QuoteKind::Indirect && q.text.starts_with("The storm")));
}

#[test]
fn scare_quotes_and_titles_are_not_quotes() {
    let (_, all) = quotes(
        "The rebels call their march a quest for \"freedom\" and sing \"Song of the Salt Road\" at night.",
    );
    assert!(direct(&all).is_empty(), "{all:?}");
}

#[test]
fn pronoun_and_title_resolve_to_the_full_name() {
    let (article, all) = quotes(
        "Defence minister Ramon Okafor Diaz addressed the troops.\n\n\"There will be no retreat from the northern bank,\" Mr Okafor said.\n\n\"Nobody here wants another winter like the last one,\" he added.",
    );
    let q = direct(&all);
    assert_eq!(q.len(), 2);
    assert_eq!(q[0].speaker.as_deref(), Some("Ramon Okafor Diaz"));
    assert_eq!(q[0].speaker_span.unwrap().slice(&article.text), "Mr Okafor");
    assert_eq!(q[1].speaker.as_deref(), Some("Ramon Okafor Diaz"));
    assert_eq!(q[1].speaker_span.unwrap().slice(&article.text), "he");
}

#[test]
fn medium_from_told_and_from_a_closing_credit() {
    let (_, all) = quotes(
        "\"We are asking for boats, not soldiers,\" Lena Marsh told BNC.\n\nThe rescuers say they are tired. \"We have not slept since Friday,\" Omar Vey said. -BNC",
    );
    let q = direct(&all);
    assert_eq!(q.len(), 2);
    assert_eq!(q[0].medium.as_deref(), Some("BNC"));
    assert_eq!(q[1].speaker.as_deref(), Some("Omar Vey"));
    assert_eq!(q[1].medium.as_deref(), Some("BNC"));
}

#[test]
fn descriptive_speaker_is_kept_and_medium_read_from_an_outlet_name() {
    let (article, all) = quotes(
        "“These are the first pebbles before the rocks start rolling,” a senior harbour official told the Harbour Ledger.",
    );
    let q = direct(&all);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].speaker.as_deref(), Some("a senior harbour official"));
    assert_eq!(q[0].speaker_span.unwrap().slice(&article.text), "a senior harbour official");
    assert_eq!(q[0].medium.as_deref(), Some("Harbour Ledger"));
}

#[test]
fn speaker_from_a_reporting_sentence_ending_with_a_colon() {
    let (_, all) = quotes(
        "The council's spokeswoman, Vera Holm, said in a statement:\n\n\"The bridge will stay closed until the engineers are satisfied.\"",
    );
    let q = direct(&all);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].speaker.as_deref(), Some("Vera Holm"));
}

#[test]
fn indirect_quotes_need_a_reporting_verb_and_that() {
    let (article, all) = quotes(
        "Ada Rook warned BNC that the dam would not survive another flood. The dam, which is old, holds the lake.",
    );
    assert_eq!(all.len(), 1);
    let q = &all[0];
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.text, "the dam would not survive another flood");
    assert_eq!(q.span.slice(&article.text), q.text);
    assert_eq!(q.speaker.as_deref(), Some("Ada Rook"));
    assert_eq!(q.medium.as_deref(), Some("BNC"));
}

#[test]
fn offsets_count_chars_in_accented_text() {
    let (article, all) =
        quotes("«Ya no hay vuelta atrás», dijo. “Señora Núñez will decide soon,” Marqués said.");
    let q = direct(&all);
    let last = q.last().unwrap();
    assert_eq!(last.span.slice(&article.text), "Señora Núñez will decide soon,");
    assert_eq!(last.speaker.as_deref(), Some("Marqués"));
}

fn check_spans(text: &str) -> Result<(), TestCaseError> {
    let article = Article::new("p", text);
    let total = text.chars().count();
    for q in extract_quotes(&article) {
        prop_assert!(q.span.start <= q.span.end && q.span.end <= total);
        let slice = q.span.slice(text);
        // The slice starts with the quote's first piece: up to the first mark or line break.
        let first = slice
            .split(['"', '“', '”', '«', '»', '\n'])
            .next()
            .unwrap_or("")
            .trim_end_matches([',', '—', '–'])
            .trim_end();
        prop_assert!(q.text.starts_with(first), "{:?} vs {:?}", q.text, slice);
        if let Some(s) = q.speaker_span {
            prop_assert!(s.end <= total);
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn spans_stay_inside_and_slice_to_the_quote_text(
        pieces in prop::collection::vec(
            prop::sample::select(vec![
                "\"", "“", "”", "‘", "’", "«", "»", ", ", ". ", "\n\n", " said", " told BNC", " he",
                "Ada Rook", "Mr Rook", " we will go", " Núñez ", "–", "-BNC", ": ", " that the dam held",
                "The official", " warned", " ñ ", "…",
            ]),
            0..40,
        )
    ) {
        check_spans(&pieces.concat())?;
    }
}

#[test]
fn partial_quote_takes_the_subject_of_a_characterising_verb() {
    let (_, all) = quotes("Harbour chief Ada Rook called the ruling a \"huge win\" for the port.");
    let q = direct(&all);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].text, "huge win");
    assert_eq!(q[0].speaker.as_deref(), Some("Ada Rook"));
}

#[test]
fn cue_later_in_the_quote_sentence_gives_the_speaker() {
    let (_, all) = quotes("Mayor Ines Calder spoke to the crowd at the harbour wall.\n\n“The only way the dam holds is with new steel” for the spillway, she said.");
    let q = direct(&all);
    assert_eq!(q[0].speaker.as_deref(), Some("Ines Calder"));
}

#[test]
fn horizontal_bar_signature_names_the_speaker() {
    let (_, all) = quotes(
        "”The ferry has not run on time once this winter, and nobody answers the phone.” ― Tomas Veld",
    );
    let q = direct(&all);
    assert_eq!(q[0].speaker.as_deref(), Some("Tomas Veld"));
}

#[test]
fn programme_names_after_an_outlet_are_not_quotes() {
    let (_, all) =
        quotes("Ada Rook told BNC's \"Harbour Morning Show\" that the gates would open on Friday.");
    assert!(direct(&all).is_empty());
}

#[test]
fn tagged_people_resolve_a_short_name() {
    use wiretrace_core::{EntityKind, Mention, Span};
    let text =
        "PORT ESTREL HARBOUR REPORT BY ADA ROOK-VELD\n\nThe gates will stay shut, Rook-Veld said on Monday.";
    let article = Article::new("t", text);
    let start = text.find("ADA").unwrap();
    let people = [Mention {
        article: "t".into(),
        span: Span::new(start, start + "ADA ROOK-VELD".len()),
        text: "ADA ROOK-VELD".into(),
        kind: EntityKind::Person,
    }];
    let with = wiretrace_quotes::extract_quotes_with_people(&article, &people);
    assert_eq!(with[0].speaker.as_deref(), Some("ADA ROOK-VELD"));
    let without = extract_quotes(&article);
    assert_eq!(without[0].speaker.as_deref(), Some("Rook-Veld"));
}
