//! Attribution cues: the places where an article names the wire, broadcaster or outlet whose
//! reporting it carries ("told CNN", "-CNN", "according to Reuters", "(AP)", "via REUTERS").
//!
//! A lead phrase is found by pattern; the outlet after it is read by
//! [`wiretrace_text::media::outlet_at`], which also decides that "told reporters" or "according
//! to the minister" name no outlet.

use std::ops::Range;

use once_cell::sync::Lazy;
use regex::Regex;
use regex_automata::meta::Regex as MetaRegex;
use wiretrace_core::{Article, AttributionCue, CueKind, Span};
use wiretrace_text::media::{known_outlet, outlet_at};
use wiretrace_text::CharOffsets;

/// Lead phrases followed by the outlet's name, with the kind of cue they make.
const LEAD_KINDS: [(&str, CueKind); 5] = [
    (
        r"told|telling|spoke to|spoke with|speaking to|speaking with|in remarks to|interviewed by|(?:in|during|said in|told in) an? (?:\w+ )?interview (?:with|to)",
        CueKind::Told,
    ),
    (
        r"according to (?:a|the) (?:new |recent )?report (?:by|from|in|on)|according to|reports|reported by|(?:a|the) report (?:by|from|in|on)|(?:a|an|the) (?:article|story|broadcast) (?:by|from|in|on)|seen by|obtained by|reviewed by|cited by|quoted by",
        CueKind::AccordingTo,
    ),
    (r"with (?:additional )?(?:files|reporting|material|input) (?:from|by)", CueKind::WithFiles),
    (r"via", CueKind::Credit),
    (r"(?:photo|photograph|picture|image|file photo)s?\s*(?::|by|courtesy of|credit:)", CueKind::Credit),
];

/// All lead phrases in one pattern, group `i + 1` for `LEAD_KINDS[i]`: one pass over the text
/// instead of one per kind. No two kinds start with the same word, so a match is the one each
/// kind's own pattern would find.
///
/// Built without a literal prefilter: the phrases start with words on every line of news
/// ("the", "a", "in", "said", "with"), so a prefilter stops every few bytes and restarts the
/// automaton; one pass of the lazy DFA over the text costs a few times less.
static LEADS: Lazy<MetaRegex> = Lazy::new(|| leads_pattern("(?i)"));

/// [`LEADS`] without case folding, run on the text lowercased (ASCII only, so offsets stay
/// put): a much smaller automaton, hence faster, and the same matches, since the patterns are
/// lowercase ASCII and the only other chars `(?i)` folds into ASCII letters (the Kelvin sign
/// and the long s) send a text to [`LEADS`] itself.
static LEADS_LOWER: Lazy<MetaRegex> = Lazy::new(|| leads_pattern(""));

fn leads_pattern(flags: &str) -> MetaRegex {
    let groups: Vec<String> = LEAD_KINDS.iter().map(|(pattern, _)| format!("({pattern})")).collect();
    MetaRegex::builder()
        .configure(MetaRegex::config().auto_prefilter(false))
        .build(&format!(r"{flags}(?-u:\b)(?:{})\s+", groups.join("|")))
        .expect("valid cue pattern")
}

/// An outlet's name before "reported": "Reuters reported", "the Associated Press reported".
static REPORTED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?-u:\b)((?:[Tt]he )?[A-Z][\w&.\-]*(?: [A-Z][\w&.\-]*){0,3}) (?:reported|reports|has reported|said in a report)(?-u:\b)")
        .expect("valid pattern")
});

/// A parenthesised name: a dateline "(Reuters)" or "WASHINGTON (AP) -".
static PARENTHESISED: Lazy<Regex> = Lazy::new(|| Regex::new(r"\(([^()\n]{2,40})\)").expect("valid pattern"));

/// A wire photo credit: "REUTERS/Ana Ruiz", "(AP Photo/Ana Ruiz)".
static PHOTO_CREDIT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?-u:\b)([A-Z][A-Za-z]+)(?:/[A-Z][a-z]| Photo(?-u:\b))").expect("valid pattern")
});

/// Dashes that open a trailing "-CNN" sign-off.
const DASHES: [char; 4] = ['-', '\u{2013}', '\u{2014}', '\u{2012}'];

/// Every attribution cue in `article`, sorted by position; spans are char offsets of the lead
/// phrase through the outlet's name. Cues never overlap; where two readings of the same words
/// compete, the one that is not a photo credit wins.
pub fn attribution_cues(article: &Article) -> Vec<AttributionCue> {
    let text = article.text.as_str();
    let mut found: Vec<(usize, usize, String, CueKind)> = Vec::new();

    let lower;
    // Two substring searches: a search for either char decodes the text char by char.
    let folds_into_ascii =
        ["\u{212A}", "\u{17F}"].iter().any(|c| memchr::memmem::find(text.as_bytes(), c.as_bytes()).is_some());
    let (leads, haystack) = if folds_into_ascii {
        (&*LEADS, text)
    } else {
        lower = text.to_ascii_lowercase();
        (&*LEADS_LOWER, lower.as_str())
    };
    for c in leads.captures_iter(haystack) {
        let (Some(m), Some(kind)) = (
            c.get_match(),
            (1..=LEAD_KINDS.len()).find(|&g| c.get_group(g).is_some()).map(|g| LEAD_KINDS[g - 1].1),
        ) else {
            continue;
        };
        let Some((name, len)) = outlet_at(&text[m.end()..]) else {
            continue;
        };
        // Photo credits name wires, never a person: "via Twitter" or "via Ana Ruiz" is not one.
        if kind == CueKind::Credit && known_outlet(&name).is_none() {
            continue;
        }
        found.push((m.start(), m.end() + len, name, kind));
    }

    // Each pattern below needs a literal (" report", "(", "/" or " Photo"): only the lines
    // holding it are searched (the patterns never cross a line), found by a fast substring
    // search instead of running the regex over the whole text.
    for line in lines_with(text, &[" report"]) {
        for c in REPORTED.captures_iter(&text[line.clone()]) {
            let Some(g) = c.get(1) else { continue };
            let (g_start, g_end) = (line.start + g.start(), line.start + g.end());
            if let Some((start, name)) = outlet_ending_at(text, g_start, g_end) {
                found.push((start, g_end, name, CueKind::AccordingTo));
            }
        }
    }

    for c in PARENTHESISED.captures_iter(if text.contains('(') { text } else { "" }) {
        let (Some(whole), Some(inner)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let Some((name, len)) = outlet_at(inner.as_str()) else {
            continue;
        };
        if len != inner.as_str().trim_end().len() {
            continue;
        }
        // "(UNICEF)" is an acronym, not a dateline; a dash after it or a known wire makes it one.
        let dash_follows = text[whole.end()..].trim_start_matches(' ').starts_with(DASHES);
        if dash_follows || known_outlet(inner.as_str()).is_some() {
            found.push((whole.start(), whole.end(), name, CueKind::Dateline));
        }
    }

    for line in lines_with(text, &["/", " Photo"]) {
        for c in PHOTO_CREDIT.captures_iter(&text[line.clone()]) {
            let Some(g) = c.get(1) else { continue };
            if let Some(name) = known_outlet(g.as_str()) {
                found.push((line.start + g.start(), line.start + g.end(), name.to_string(), CueKind::Credit));
            }
        }
    }

    // The paragraphs of `wiretrace_text::paragraphs` (non-blank lines, trimmed), cut with a
    // fast newline search and without collecting them.
    let mut line_start = 0;
    for line in text.split('\n') {
        let (start, end) =
            (line_start + (line.len() - line.trim_start().len()), line_start + line.trim_end().len());
        line_start += line.len() + 1;
        if start >= end {
            continue;
        }
        if let Some((dash, name)) = trailing_dash(&text[start..end]) {
            found.push((start + dash, end, name, CueKind::Dash));
        }
    }

    // A name needs a letter: "- 2019" ends a paragraph but names nobody.
    found.retain(|f| f.2.chars().any(char::is_alphabetic));

    // Prefer text cues over photo credits, then longer spans, when they overlap.
    found.sort_by(|x, y| {
        (x.3 == CueKind::Credit)
            .cmp(&(y.3 == CueKind::Credit))
            .then((y.1 - y.0).cmp(&(x.1 - x.0)))
            .then(x.0.cmp(&y.0))
    });
    let mut kept: Vec<(usize, usize, String, CueKind)> = Vec::new();
    for f in found {
        if !kept.iter().any(|k| f.0 < k.1 && k.0 < f.1) {
            kept.push(f);
        }
    }
    kept.sort_by_key(|k| (k.0, k.1));
    if kept.is_empty() {
        return Vec::new();
    }

    let offsets = CharOffsets::new(text);
    kept.into_iter()
        .map(|(start, end, origin, kind)| AttributionCue {
            article: article.id.clone(),
            origin,
            kind,
            span: Span::new(offsets.to_char(start), offsets.to_char(end)),
        })
        .collect()
}

/// The lines of `text` (byte ranges, without their newline) that hold one of `needles`, in
/// order, each once.
fn lines_with(text: &str, needles: &[&str]) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut lines: Vec<Range<usize>> = Vec::new();
    for needle in needles {
        for at in memchr::memmem::find_iter(bytes, needle.as_bytes()) {
            if lines.last().is_some_and(|l| l.contains(&at)) {
                continue;
            }
            let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
            let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
            lines.push(start..end);
        }
    }
    lines.sort_unstable_by_key(|l| l.start);
    lines.dedup();
    lines
}

/// The outlet named by the words of `text[from..to]` that end at `to`: tries "On Tuesday
/// Reuters", then "Tuesday Reuters", then "Reuters". Returns the start of the name and its
/// canonical spelling.
fn outlet_ending_at(text: &str, from: usize, to: usize) -> Option<(usize, String)> {
    let phrase = &text[from..to];
    let starts = std::iter::once(0).chain(phrase.match_indices(' ').map(|(i, _)| i + 1));
    for s in starts {
        let candidate = &phrase[s..];
        if let Some((name, len)) = outlet_at(candidate) {
            if len == candidate.len() {
                return Some((from + s, name));
            }
        }
    }
    None
}

/// A paragraph that ends by signing off with an outlet ("... intervention. -CNN"): the byte
/// offset of the dash in the paragraph and the outlet's name.
fn trailing_dash(para: &str) -> Option<(usize, String)> {
    let dash_at = last_dash(para)?;
    let dash = para[dash_at..].chars().next()?;
    let name = para[dash_at + dash.len_utf8()..].trim().trim_end_matches(['.', ')']);
    if name.is_empty() || name.chars().count() > 40 {
        return None;
    }
    // The dash must stand apart from the word before it: "U.S.-backed" is no sign-off.
    let before = para[..dash_at].chars().next_back();
    if before.is_some_and(|c| !(c.is_whitespace() || matches!(c, '.' | '"' | '\u{201D}' | ')'))) {
        return None;
    }
    let (outlet, len) = outlet_at(name)?;
    (len == name.len()).then_some((dash_at, outlet))
}

/// Byte offset of the last of [`DASHES`] in `para`: a backward search for `-` and for the lead
/// byte of the other three (U+2012 to U+2014 are E2 80 92 to E2 80 94), where walking back
/// char by char decoded every paragraph whole.
fn last_dash(para: &str) -> Option<usize> {
    let bytes = para.as_bytes();
    memchr::memchr2_iter(b'-', 0xE2, bytes)
        .rev()
        .find(|&at| bytes[at] == b'-' || matches!(bytes.get(at + 1..at + 3), Some([0x80, 0x92..=0x94])))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues(text: &str) -> Vec<(String, CueKind, String)> {
        let article = Article::new("t", text);
        attribution_cues(&article)
            .into_iter()
            .map(|c| (c.origin, c.kind, c.span.slice(text).to_string()))
            .collect()
    }

    fn one(text: &str) -> (String, CueKind, String) {
        let found = cues(text);
        assert_eq!(found.len(), 1, "{text:?} gave {found:?}");
        found.into_iter().next().expect("one cue")
    }

    #[test]
    fn a_lead_at_the_end_of_a_line_reads_the_outlet_on_the_next() {
        let found =
            cues("The harbour master later told\nCNN on Monday.\n\nOfficials, speaking to\n  BNC, declined.");
        let origins: Vec<&str> = found.iter().map(|c| c.0.as_str()).collect();
        assert!(origins.contains(&"CNN"), "{found:?}");
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn leads_match_alike_in_any_case() {
        for text in ["The captain TOLD CNN on Monday.", "According To Reuters, the pier closed."] {
            let lower = text.to_ascii_lowercase();
            let folded: Vec<(usize, usize)> = LEADS.find_iter(text).map(|m| (m.start(), m.end())).collect();
            let plain: Vec<(usize, usize)> =
                LEADS_LOWER.find_iter(&lower).map(|m| (m.start(), m.end())).collect();
            assert_eq!(folded, plain, "{text}");
            assert!(!folded.is_empty());
        }
        assert_eq!(one("The captain TOLD CNN on Monday.").0, "CNN");
    }

    #[test]
    fn told_forms() {
        assert_eq!(
            one("\"We will hold the line,\" Captain Orrin Dask told CNN on Monday."),
            ("CNN".into(), CueKind::Told, "told CNN".into())
        );
        assert_eq!(
            one("Her husband is ready, Mira Solenne told Argentine newspaper La Nacion on Tuesday."),
            ("La Nacion".into(), CueKind::Told, "told Argentine newspaper La Nacion".into())
        );
        assert_eq!(
            one("The minister said in an interview with Reuters that talks had stalled.").1,
            CueKind::Told
        );
        assert_eq!(
            one("Colonel Arvid Penn, interviewed by Reuters after defecting, said he feared for his family.")
                .2,
            "interviewed by Reuters"
        );
        assert_eq!(one("But the sailors speaking to BNC said they would not return.").0, "BNC");
    }

    #[test]
    fn told_reporters_is_no_cue() {
        assert!(cues("The harbour master told reporters the pier was closed.").is_empty());
        assert!(cues("According to the minister, the pier is closed.").is_empty());
    }

    #[test]
    fn according_to_forms() {
        let forms = [
            ("Ferries were cancelled, according to Reuters.", "according to Reuters"),
            (
                "Ferries were cancelled, according to the Associated Press.",
                "according to the Associated Press",
            ),
            ("Ferries were cancelled at dawn, reports Reuters.", "reports Reuters"),
            ("According to a report by CNN, the ferries were cancelled.", "According to a report by CNN"),
            ("The report in CNN says the ferries were cancelled.", "The report in CNN"),
            ("Over 900 sailors deserted, according to documents seen by Reuters.", "seen by Reuters"),
            ("The Meridian Press reported that the ferries were cancelled.", "The Meridian Press"),
        ];
        for (text, span) in forms {
            let found = cues(text);
            assert!(
                found.iter().any(|(_, k, s)| *k == CueKind::AccordingTo && s == span),
                "{text:?} gave {found:?}"
            );
        }
    }

    #[test]
    fn the_last_dash_is_found_among_other_punctuation() {
        for para in ["a - b – c — d ‒ e", "“quoted” ’ plain", "x—", "—x", "a-b’c–", ""] {
            let slow = para.char_indices().rev().find(|(_, c)| DASHES.contains(c)).map(|(i, _)| i);
            assert_eq!(last_dash(para), slow, "{para}");
        }
    }

    #[test]
    fn dash_sign_offs() {
        let text = "Officials warned that no option was off the table. -BNC\n\nThe pier stayed shut. – CNN\n\nThey want more — BNC\n\nA U.S.-backed plan.";
        let found = cues(text);
        let dashes: Vec<(&str, &str)> =
            found.iter().filter(|c| c.1 == CueKind::Dash).map(|c| (c.0.as_str(), c.2.as_str())).collect();
        assert_eq!(dashes, [("BNC", "-BNC"), ("CNN", "– CNN"), ("BNC", "— BNC")]);
    }

    #[test]
    fn with_files_datelines_and_credits() {
        assert_eq!(
            one("Valcarcel's rival held rallies.\n\n— With files from Reuters"),
            ("Reuters".into(), CueKind::WithFiles, "With files from Reuters".into())
        );
        assert_eq!(
            one("PORT ESTREL (Reuters) - The dam held overnight."),
            ("Reuters".into(), CueKind::Dateline, "(Reuters)".into())
        );
        assert_eq!(one("PORT ESTREL (AP) — The dam held.").0, "Associated Press");
        assert_eq!(
            one("Estrel Palace/Handout via REUTERS"),
            ("Reuters".into(), CueKind::Credit, "via REUTERS".into())
        );
        assert_eq!(one("A crowd gathers (AP Photo/Lena Orr)").1, CueKind::Credit);
        assert!(cues("Aid arrived from the agency (UNICEF) on Friday.").is_empty());
        assert!(cues("They coordinate via WhatsApp groups.").is_empty());
    }

    #[test]
    fn spans_count_chars() {
        let text = "Señora Quillan’s aide told CNN: “no”.";
        let article = Article::new("t", text);
        let found = attribution_cues(&article);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.slice(text), "told CNN");
        assert_eq!(found[0].article, "t");
    }
}
