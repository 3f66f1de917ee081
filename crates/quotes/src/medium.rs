//! The medium a quote was given to: the outlet after "told", "in an interview with", "wrote
//! in", "according to", or a dateline-style "-BNC" closing the paragraph. Outlet names are
//! read and canonicalised by `wiretrace_text::media`.

use std::ops::Range;

use wiretrace_text::media::outlet_at;

use crate::clause::tokenize;
use crate::lexicon::{norm, takes_object};

/// Words after which an outlet's name may follow in a cue's clause.
const BEFORE_OUTLET: &[&str] = &["told", "tells", "tell", "in", "on", "to", "with", "for", "via"];

/// Nouns that make a fronted phrase a medium ("In an interview with BNC, ...").
const VENUES: &[&str] = &[
    "interview",
    "op-ed",
    "opinion",
    "piece",
    "column",
    "article",
    "editorial",
    "broadcast",
    "appearance",
    "essay",
    "podcast",
];

/// The outlet named in the first words of a cue's clause (`told BNC on Monday`, `said in an
/// interview with the Harbour Ledger`), before any "that"-clause.
pub(crate) fn in_clause(text: &str, range: Range<usize>) -> Option<String> {
    let toks = tokenize(text, range.clone());
    // "warned BNC that": an object verb's object may be the outlet.
    if let Some(first) = toks.first().filter(|t| t.is_word() && takes_object(t.text(text))) {
        if let Some((name, _)) = outlet_at(text[first.end..range.end].trim_start()) {
            return Some(name);
        }
    }
    for t in toks.iter().take(10) {
        if !t.is_word() {
            if t.is(':') || t.is(',') {
                continue;
            }
            break;
        }
        let w = norm(t.text(text));
        if w == "that" {
            break;
        }
        if BEFORE_OUTLET.contains(&w.as_str()) {
            if let Some((name, _)) = outlet_at(text[t.end..range.end].trim_start()) {
                return Some(name);
            }
        }
    }
    None
}

/// The outlet in a phrase before the subject, only when the phrase names a venue: "In an
/// opinion piece published in the Harbour Ledger, the 35-year-old said".
pub(crate) fn fronted(text: &str, range: Range<usize>) -> Option<String> {
    let toks = tokenize(text, range.clone());
    let venue = toks.iter().position(|t| t.is_word() && VENUES.contains(&norm(t.text(text)).as_str()))?;
    for t in &toks[venue + 1..] {
        if t.is_word() && BEFORE_OUTLET.contains(&norm(t.text(text)).as_str()) {
            if let Some((name, _)) = outlet_at(text[t.end..range.end].trim_start()) {
                return Some(name);
            }
        }
    }
    None
}

/// The outlet when the whole phrase is one (`according to BNC`), not a person.
pub(crate) fn outlet_named(text: &str, range: Range<usize>) -> Option<String> {
    let phrase = &text[range];
    let (name, len) = outlet_at(phrase)?;
    phrase[len..].trim().is_empty().then_some(name)
}

/// A paragraph closed by a credit such as `-BNC` or `— BNC`: the outlet and the byte where
/// the dash sits.
pub(crate) fn closing_credit(text: &str, para: Range<usize>) -> Option<(String, usize)> {
    let p = text[para.clone()].trim_end();
    let dash = p.rfind(['-', '—', '–'])?;
    let before = p[..dash].chars().next_back();
    if !before.is_some_and(|c| c.is_whitespace() || matches!(c, '.' | '"' | '”' | '!' | '?')) {
        return None;
    }
    let rest = p[dash..].trim_start_matches(['-', '—', '–']).trim_start();
    if rest.is_empty() || rest.split_whitespace().count() > 4 {
        return None;
    }
    let (name, len) = outlet_at(rest)?;
    rest[len..].trim().is_empty().then_some((name, para.start + dash))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clause(text: &str) -> Option<String> {
        in_clause(text, 0..text.len())
    }

    #[test]
    fn reads_outlets_in_cue_clauses() {
        assert_eq!(clause(" BNC on Monday."), None);
        assert_eq!(clause("told BNC on Monday."), Some("BNC".into()));
        assert_eq!(clause(" in an interview with the Harbour Ledger"), Some("Harbour Ledger".into()));
        assert_eq!(clause(" on Tuesday in Port Estrel."), None);
        assert_eq!(clause(" reporters that the BNC crew left"), None);
    }

    #[test]
    fn fronted_phrase_needs_a_venue() {
        let text = "In an opinion piece published in Meridian Press on Monday, ";
        assert_eq!(fronted(text, 0..text.len()), Some("Meridian Press".into()));
        let text = "In Port Estrel on Monday, ";
        assert_eq!(fronted(text, 0..text.len()), None);
    }

    #[test]
    fn closing_credit_must_be_the_whole_tail() {
        let text = "\"We leave,\" she said. -BNC";
        assert_eq!(closing_credit(text, 0..text.len()).map(|c| c.0), Some("BNC".into()));
        let text = "A well-known road - closed for repairs";
        assert_eq!(closing_credit(text, 0..text.len()), None);
    }
}
