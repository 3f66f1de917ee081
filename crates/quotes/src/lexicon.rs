//! The closed word lists that attribution rests on: reporting verbs, the words that may sit
//! between a subject and its verb, titles before names, and the words that end a noun phrase.
//! Lists are lower-case; callers compare [`norm`]ed words.

use std::collections::HashSet;

use once_cell::sync::Lazy;

/// Verbs that introduce what someone said, in the forms news copy uses.
const REPORTING_VERBS: &[&str] = &[
    "acknowledged",
    "acknowledges",
    "added",
    "adds",
    "admitted",
    "admits",
    "agreed",
    "alleged",
    "alleges",
    "announced",
    "announces",
    "answered",
    "argued",
    "argues",
    "asked",
    "asks",
    "asserted",
    "asserts",
    "boasted",
    "bragged",
    "cautioned",
    "charged",
    "claimed",
    "claims",
    "commented",
    "complained",
    "conceded",
    "concedes",
    "concluded",
    "confirmed",
    "confirms",
    "contended",
    "contends",
    "countered",
    "declared",
    "declares",
    "demanded",
    "demands",
    "disclosed",
    "emphasised",
    "emphasized",
    "explained",
    "explains",
    "insisted",
    "insists",
    "joked",
    "lamented",
    "maintained",
    "maintains",
    "noted",
    "notes",
    "observed",
    "pleaded",
    "pledged",
    "posted",
    "predicted",
    "promised",
    "quipped",
    "recalled",
    "recalls",
    "reiterated",
    "remarked",
    "replied",
    "reported",
    "reports",
    "responded",
    "retorted",
    "revealed",
    "said",
    "say",
    "says",
    "shouted",
    "stated",
    "states",
    "stressed",
    "stresses",
    "suggested",
    "tell",
    "tells",
    "testified",
    "told",
    "tweeted",
    "urged",
    "urges",
    "vowed",
    "vows",
    "warned",
    "warns",
    "wondered",
    "wrote",
    "writes",
    "yelled",
    "yells",
    "shouts",
    "screamed",
    "sang",
    "sings",
    "chanted",
    "whispered",
    "mused",
    "read",
    "reads",
];

/// Reporting verbs that take an object before their "that"-clause ("warned the government
/// that"); the others only allow a time or place phrase there ("said on Tuesday that").
const OBJECT_VERBS: &[&str] =
    &["reminded", "tell", "tells", "told", "urged", "warned", "warns", "assured", "informed"];

/// Verbs that report speech only when a colon follows ("Rook continued: ...").
const COLON_VERBS: &[&str] = &["continued", "continues", "went", "goes", "began", "concluded", "added"];

/// Participles that mark a quote as attributed without naming who ("a note saying").
/// Verbs that characterise or borrow someone's words without reporting them outright ("Pepper
/// called the ruling a \"huge win\"", "Rook urged the council to \"act now\""): enough to
/// give a quote in the same sentence its speaker, never enough for reported speech.
const CHARACTERISING_VERBS: &[&str] = &[
    "accused",
    "attacked",
    "blamed",
    "blasted",
    "branded",
    "called",
    "calls",
    "characterized",
    "characterised",
    "chimed",
    "cited",
    "compared",
    "criticized",
    "criticised",
    "decried",
    "defended",
    "denounced",
    "described",
    "describes",
    "dismissed",
    "dubbed",
    "encouraged",
    "hailed",
    "labeled",
    "labelled",
    "lauded",
    "mocked",
    "pointed",
    "praised",
    "referred",
    "refers",
    "slammed",
    "termed",
    "thanked",
    "touted",
    "urged",
    "urges",
    "vowed",
    "welcomed",
    "questioned",
    "rejected",
    "ridiculed",
    "lambasted",
    "credited",
    "expressed",
    "offered",
    "used",
    "uses",
    "invoked",
    "echoed",
    "repeated",
];

const WEAK_CUES: &[&str] = &["saying", "telling", "writing", "adding", "asking", "quoted"];

/// Words allowed between a subject and its reporting verb ("Smith has also said").
const BETWEEN_SUBJECT_AND_VERB: &[&str] = &[
    "again",
    "also",
    "already",
    "earlier",
    "had",
    "has",
    "have",
    "later",
    "once",
    "previously",
    "recently",
    "then",
    "would",
    "will",
    "since",
    "just",
    "subsequently",
    "further",
    "still",
    "now",
    "even",
    "often",
    "never",
    "always",
    "first",
];

/// Words that open a noun phrase; walking backwards, a subject stops after one of these.
const DETERMINERS: &[&str] = &[
    "a", "an", "another", "both", "each", "every", "her", "his", "its", "many", "my", "one", "our",
    "several", "some", "the", "their", "these", "this", "those", "two", "three", "four", "your", "most",
    "all", "other", "no",
];

/// Words that cannot be part of a speaker's noun phrase; walking backwards stops before them.
const PHRASE_BREAKS: &[&str] = &[
    "after", "although", "am", "are", "as", "be", "because", "been", "before", "being", "but", "by", "can",
    "could", "did", "do", "does", "if", "is", "it's", "may", "might", "nor", "not", "or", "should", "since",
    "so", "than", "that", "though", "to", "unless", "until", "was", "were", "what", "when", "where",
    "whereas", "which", "while", "who", "whom", "whose", "why", "yet", "said", "says", "told", "and", "then",
    "also", "has", "had", "have", "will", "would", "however",
];

/// Words that may not open a subject read after a closing quote mark (`," but the report`).
const NOT_SUBJECT_START: &[&str] = &[
    "after", "and", "as", "at", "because", "before", "but", "by", "for", "from", "if", "in", "into", "is",
    "it's", "of", "on", "or", "since", "so", "than", "that", "then", "though", "to", "was", "were", "when",
    "where", "which", "while", "who", "with", "yet", "he's", "she's", "there", "this", "what",
];

/// Words that end a speaker read after an inverted verb (`said Smith on Tuesday`).
const AFTER_SPEAKER: &[&str] = &[
    "about",
    "adding",
    "after",
    "and",
    "as",
    "at",
    "before",
    "because",
    "during",
    "earlier",
    "from",
    "in",
    "last",
    "later",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "on",
    "that",
    "this",
    "to",
    "today",
    "tonight",
    "when",
    "where",
    "which",
    "while",
    "who",
    "with",
    "yesterday",
    "according",
    "recently",
    "told",
    "but",
    "referring",
    "speaking",
    "via",
];

/// Words that may stand between a "said"-type verb and its "that" ("said on Tuesday that").
const TIME_OR_PLACE: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "last",
    "this",
    "earlier",
    "yesterday",
    "today",
    "recently",
    "previously",
    "repeatedly",
    "later",
    "again",
    "also",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "publicly",
    "privately",
    "separately",
];

/// Words after a verb that make it no speech: "declared himself president".
const REFLEXIVES: &[&str] = &["himself", "herself", "itself", "themselves", "myself", "ourselves"];

/// Words that close a time phrase stuck to a subject ("Bolton on Sunday warned").
const TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "week",
    "month",
    "year",
    "today",
    "yesterday",
    "morning",
    "evening",
    "night",
    "weekend",
];

/// Prepositions that may link a noun phrase to its head ("the head of the agency").
const INNER_PREPOSITIONS: &[&str] =
    &["of", "in", "at", "for", "from", "with", "on", "by", "through", "into", "across", "around", "near"];

const PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it", "you"];

/// Titles and roles written before a name; the resolved speaker drops them.
const TITLES: &[&str] = &[
    "adm",
    "admiral",
    "ambassador",
    "attorney",
    "capt",
    "captain",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "col",
    "colonel",
    "commissioner",
    "congressman",
    "congresswoman",
    "congresswomen",
    "councillor",
    "councilman",
    "councilwoman",
    "cpl",
    "deputy",
    "director",
    "dr",
    "father",
    "gen",
    "general",
    "gov",
    "governor",
    "judge",
    "justice",
    "king",
    "lt",
    "maj",
    "major",
    "mayor",
    "minister",
    "miss",
    "mr",
    "mrs",
    "ms",
    "pope",
    "premier",
    "president",
    "prime",
    "prince",
    "princess",
    "prof",
    "professor",
    "queen",
    "rep",
    "representative",
    "rev",
    "reverend",
    "secretary",
    "sen",
    "senator",
    "sgt",
    "sheikh",
    "sir",
    "speaker",
    "vice",
];

/// Words that mark a capitalised run as an organisation or a thing, not a person.
const NOT_PERSON: &[&str] = &[
    "administration",
    "agency",
    "army",
    "assembly",
    "authority",
    "association",
    "bank",
    "city",
    "commission",
    "committee",
    "company",
    "congress",
    "council",
    "county",
    "court",
    "department",
    "force",
    "forces",
    "foundation",
    "government",
    "group",
    "guard",
    "house",
    "institute",
    "league",
    "ministry",
    "national",
    "news",
    "office",
    "organization",
    "organisation",
    "palace",
    "parliament",
    "party",
    "police",
    "regime",
    "republic",
    "senate",
    "service",
    "states",
    "street",
    "times",
    "union",
    "university",
];

/// Capitalised words that open sentences or dates but never names.
const NOT_NAME: &[&str] = &[
    "a",
    "according",
    "after",
    "also",
    "an",
    "and",
    "april",
    "as",
    "at",
    "august",
    "before",
    "but",
    "by",
    "december",
    "despite",
    "during",
    "february",
    "for",
    "friday",
    "from",
    "he",
    "her",
    "his",
    "i",
    "in",
    "it",
    "january",
    "july",
    "june",
    "march",
    "may",
    "monday",
    "most",
    "mr",
    "mrs",
    "ms",
    "my",
    "november",
    "october",
    "on",
    "only",
    "though",
    "although",
    "while",
    "when",
    "if",
    "read",
    "saturday",
    "september",
    "she",
    "since",
    "some",
    "state",
    "sunday",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "thursday",
    "to",
    "tuesday",
    "two",
    "watch",
    "we",
    "wednesday",
    "when",
    "while",
    "with",
    "yesterday",
];

/// Lower-case connectors inside personal names ("Nicolas de la Cruz").
const NAME_PARTICLES: &[&str] =
    &["al", "bin", "da", "de", "del", "della", "der", "di", "dos", "du", "la", "le", "van", "von", "y"];

/// The word as the lists spell it: lower case, typographic apostrophe straightened, a final
/// abbreviation dot and a possessive dropped.
pub(crate) fn norm(word: &str) -> String {
    let lower = word.to_lowercase().replace('’', "'");
    let lower = lower.strip_suffix('.').unwrap_or(&lower);
    lower.to_string()
}

/// A list as a set, built on first use: lookups run for every word around every quote.
macro_rules! set {
    ($list:ident) => {{
        static SET: Lazy<HashSet<&'static str>> = Lazy::new(|| $list.iter().copied().collect());
        &*SET
    }};
}

fn has(list: &HashSet<&'static str>, word: &str) -> bool {
    // Most words are already in list form: look them up without building a new string.
    let bare = word.strip_suffix('.').unwrap_or(word);
    if bare.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'' || b == b'-') {
        return list.contains(bare);
    }
    list.contains(norm(word).as_str())
}

pub(crate) fn is_reporting_verb(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase) && has(set!(REPORTING_VERBS), word)
}

pub(crate) fn takes_object(word: &str) -> bool {
    has(set!(OBJECT_VERBS), word)
}

pub(crate) fn is_characterising_verb(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase) && has(set!(CHARACTERISING_VERBS), word)
}

pub(crate) fn is_colon_verb(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase) && has(set!(COLON_VERBS), word)
}

/// A reporting verb opening a sentence in inverted order: "Said Ellis: ...".
pub(crate) fn is_capitalised_reporting_verb(word: &str) -> bool {
    is_capitalised(word) && has(set!(REPORTING_VERBS), word)
}

pub(crate) fn is_weak_cue(word: &str) -> bool {
    has(set!(WEAK_CUES), word)
}

pub(crate) fn may_sit_before_verb(word: &str) -> bool {
    let n = norm(word);
    // "reportedly", "publicly", "repeatedly": adverbs of manner or report.
    BETWEEN_SUBJECT_AND_VERB.contains(&n.as_str())
        || (n.len() > 4 && n.ends_with("ly") && word.chars().next().is_some_and(char::is_lowercase))
}

pub(crate) fn is_determiner(word: &str) -> bool {
    has(set!(DETERMINERS), word)
}

pub(crate) fn breaks_phrase(word: &str) -> bool {
    has(set!(PHRASE_BREAKS), word)
}

pub(crate) fn cannot_open_subject(word: &str) -> bool {
    has(set!(NOT_SUBJECT_START), word)
}

pub(crate) fn ends_inverted_speaker(word: &str) -> bool {
    has(set!(AFTER_SPEAKER), word)
}

pub(crate) fn is_time_or_place(word: &str) -> bool {
    has(set!(TIME_OR_PLACE), word)
}

pub(crate) fn is_reflexive(word: &str) -> bool {
    has(set!(REFLEXIVES), word)
}

pub(crate) fn is_time_word(word: &str) -> bool {
    has(set!(TIME_WORDS), word)
}

pub(crate) fn is_inner_preposition(word: &str) -> bool {
    INNER_PREPOSITIONS.contains(&word)
}

pub(crate) fn is_pronoun(word: &str) -> bool {
    has(set!(PRONOUNS), word)
}

pub(crate) fn is_title(word: &str) -> bool {
    has(set!(TITLES), word)
}

pub(crate) fn is_not_person(word: &str) -> bool {
    has(set!(NOT_PERSON), word)
}

pub(crate) fn is_not_name(word: &str) -> bool {
    has(set!(NOT_NAME), word)
}

pub(crate) fn is_name_particle(word: &str) -> bool {
    NAME_PARTICLES.contains(&word)
}

pub(crate) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reporting_verbs_are_lower_case_words_only() {
        assert!(is_reporting_verb("said"));
        assert!(is_reporting_verb("warned"));
        // Capitalised, "Told" opens a headline or a name, not a cue.
        assert!(!is_reporting_verb("Told"));
        assert!(!is_reporting_verb("believed"));
    }

    #[test]
    fn norm_drops_abbreviation_dot_and_curly_apostrophe() {
        assert_eq!(norm("Gen."), "gen");
        assert_eq!(norm("It’s"), "it's");
        assert!(is_title("Mr."));
        assert!(is_title("Congresswoman"));
    }
}
