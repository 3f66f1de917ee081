//! Site furniture that scrapers keep with the article: share and comment prompts, sign-up and
//! log-in walls, teasers for other stories, copyright lines, photo credits, relative times.
//!
//! Matching is by whole line (one paragraph) and case-insensitive. Word boundaries are ASCII
//! ones (`(?-u:\b)`): a Unicode boundary keeps the regex engine off its DFA for any line with
//! a curly quote or an accent, and every pattern's words are ASCII. Most patterns only apply to
//! short lines, so a real paragraph that happens to start with "Watch" or mention a newsletter
//! survives. Attribution lines ("— With files from Reuters", a trailing "-CNN") are not
//! furniture: later stages read provenance from them.

use once_cell::sync::Lazy;
use regex::RegexSet;

/// Furniture lines are short; a paragraph longer than this is prose whatever it starts with.
const SHORT: usize = 200;

/// Patterns that identify a line whatever its length: they only match exact furniture.
static ANY_LENGTH: Lazy<RegexSet> = Lazy::new(|| {
    RegexSet::new([
        // Navigation and share buttons scraped as lone words.
        r"(?i)^(share|tweet|email|e-mail|print|comments?|save|facebook|twitter|x|whatsapp|linkedin|reddit|pinterest|telegram|copy link|close|next|previous|back to top|menu|search|button|loading( \w+)?(\.*|…))\W*$",
        // Teaser links and page furniture scraped as a line of their own.
        r"(?i)^(read more|learn more|see more|show more|view more|find out more|table of contents|contents)\W*$",
        r"(?i)^(advertisement|advertising|sponsored|sponsored content|promoted|ad|paid content)$",
        r"(?i)^story continues below( advertisement)?\.?$",
        r"(?i)^advertisement\s*[-–—:]?\s*(continue|story continues) reading( below)?\W*$",
        // A label left alone on its line once the name beside it was read as metadata.
        r"(?i)^(edited|reviewed|fact[- ]checked|written|medically reviewed) by\W*$",
        r"(?i)^(just now|yesterday|today)$",
        r"(?i)^(?:(?:posted|published|updated)\s+)?(?:\d+|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago$",
        r"(?i)^report (an error|a typo|a correction|this (article|comment|ad))\.?$",
        r"(?i)^want to discuss\?",
        r"(?i)^thank you for (registering|subscribing|signing up|reading|your feedback)(?-u:\b)",
        r"(?i)^please (refresh|log ?in|sign ?in|register|subscribe|enable javascript|turn off your ad ?blocker|whitelist)(?-u:\b)",
        // "(The above story first appeared on X on DATE. ...)": its outlet and date are read
        // before the line goes.
        r"(?i)^\(?\s*(?:the above|this) (?:story|article|report|piece|content) (?:has )?(?:first |originally )?(?:appeared|was (?:first |originally )?published)(?-u:\b)",
    ])
    .expect("boilerplate patterns")
});

/// Patterns that only count on a short line.
static SHORT_ONLY: Lazy<RegexSet> = Lazy::new(|| {
    RegexSet::new([
        r"(?i)^share (this|on|via|the|article|story|news)(?-u:\b)",
        r"(?i)^(read more|read also|also read|more on this|watch|watch more|watch live|related|see also|listen|recommended|trending|must read|don't miss|don’t miss|click here|video|photos|gallery)\s*:",
        r"(?i)^(continue reading|click here|tap here|follow us|follow @\w+|download (the|our) app|get (the|our) app|skip (to|ad)(?-u:\b))",
        r"(?i)^(you (might|may) also like|more from|most (read|popular|viewed|shared)|related (articles|stories|coverage|topics|news))(?-u:\b)",
        r"(?i)(?-u:\b)commenting (forum|policy|guidelines)(?-u:\b)",
        r"(?i)^join (our|the) (conversation|discussion|community|commenting)(?-u:\b)",
        // Calls to follow the writer elsewhere: "Follow me on Instagram: ...".
        r"(?i)^(follow|join|find|connect with) (me|us) on(?-u:\b)",
        r"(?i)^join (our|the) (facebook group|mailing list|email list)(?-u:\b)",
        // Reading times and the editors' credit lines of a header.
        r"(?i)^(\d+\s*(min|mins|minutes?)\.?\s*(read|reading time)|(reading time|read time|time to read)\s*:?\s*\d+\s*(min|mins|minutes?)\.?)$",
        r"(?i)^(edited|reviewed|fact[- ]checked|written|medically reviewed) by:?\s+[^.!?]{1,40}$",
        r"(?i)^join thought-provoking conversations(?-u:\b)",
        r"(?i)^(view|show|hide|load|read|see) (all |the )?(\d+ )?comments?(?-u:\b)",
        r"(?i)^(\d+ comments?|comments? \(\d+\))$",
        r"(?i)^(sign up|subscribe|register|log ?in|sign ?in|create (a free |an )?account|already (a subscriber|have an account)|not a subscriber)(?-u:\b)",
        r"(?i)(sign up|subscribe|inbox|get (our|the)|delivered)(?-u:\b).*(?-u:\b)newsletters?(?-u:\b)|(?-u:\b)newsletters?(?-u:\b).*(?-u:\b)(sign up|subscribe|inbox|delivered)(?-u:\b)",
        r"(?i)^(©|\(c\)\s|copyright(?-u:\b))",
        r"(?i)(?-u:\b)all rights reserved\.?$",
        // Photo credits: "Photo: ...", "Harbour Pictures/Handout via REUTERS", "... / AFP".
        r"(?i)^\(?\s*(photo|photograph|image|picture|file photo|photo credit|image credit|credit|source image)s?\s*:",
        r"(?i)^(photo|photograph|image|picture|illustration)s? (by|via|courtesy of)\s[^.!?]*$",
        r"(?i)^jump to(?-u:\b)",
        r"(?i)(?-u:\b)please share (it|this)(?-u:\b)",
        r"(?i)^[^.!?]*(/|(?-u:\b)via\s+|(?-u:\b)credit:\s*)\s*(reuters|ap|ap photo|afp|afp photo|epa|epa-efe|getty images?|shutterstock|handout|anadolu|xinhua|pool)\.?$",
        r"(?i)^(courtesy( of)?|getty images|ap photo|afp photo|reuters photo)(?-u:\b)[^.!?]*$",
        r"(?i)^(image|photo|video)\s+(source|credit)(?-u:\b)",
    ])
    .expect("short boilerplate patterns")
});

/// Whether a whole (whitespace-collapsed) line is site furniture.
pub fn is_boilerplate(line: &str) -> bool {
    let line = line.trim();
    // Bytes bound chars from above, so only a line longer in bytes needs counting.
    let short = line.len() <= SHORT || line.chars().count() <= SHORT;
    if !short && !may_be_long_furniture(line) {
        // Most body lines are long paragraphs: skip both pattern sets for them.
        return false;
    }
    ANY_LENGTH.is_match(line) || (short && SHORT_ONLY.is_match(line))
}

/// Openings of the only `ANY_LENGTH` patterns a line over `SHORT` characters can match (the
/// others are lone words and fixed phrases); a cheap byte test ahead of the pattern set.
fn may_be_long_furniture(line: &str) -> bool {
    const OPENINGS: &[&str] = &["thank you for", "please ", "want to discuss", "(", "the above", "this "];
    let head = &line.as_bytes()[..line.len().min(16)];
    OPENINGS.iter().any(|o| head.len() >= o.len() && head[..o.len()].eq_ignore_ascii_case(o.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_prompts_teasers_and_credits() {
        for line in [
            "Share this story",
            "Share on Facebook",
            "Join our commenting forum",
            "Join thought-provoking conversations, follow other Ledger readers and see their replies",
            "Thank you for registering",
            "Please refresh the page or navigate to another page on the site to be logged in",
            "Want to discuss? Please read our Commenting Policy first.",
            "Sign up for the Morning Tide newsletter",
            "Log in to keep reading",
            "Story continues below",
            "ADVERTISEMENT",
            "READ MORE: Port Estrel mayor calls for calm",
            "WATCH: Floodwater reaches the old bridge",
            "© 2021 Harbour Ledger, a division of Estrel Media Inc.",
            "Copyright 2021 Meridian Press. All rights reserved.",
            "Report an error",
            "Learn more",
            "Read more »",
            "Back to top ↑",
            "Loading paragraph...",
            "5 years ago",
            "an hour ago",
            "Estrel Water Board/Handout via REUTERS",
            "Photo: Ana Ruiz",
            "(Credit: Ana Ruiz)",
            "Image by Tomas Berg via Harbour Weddings",
            "Advertisement - Continue Reading Below",
            "Jump to section",
            "If you like it, please share it!",
            "Edited by",
            "Follow me on Instagram: @harbourcook",
            "8 min read",
            "Reading time: 4 minutes",
            "Fact-checked by: Lena Holm",
            "Join our mailing list for the week's tide tables",
            "(The above story first appeared on Coastline Daily on Mar 5, 2021 02:14 AM IST. For more news log on to our website)",
        ] {
            assert!(is_boilerplate(line), "{line}");
        }
    }

    #[test]
    fn keeps_prose_and_attribution() {
        for line in [
            "— With files from Reuters",
            "Officials said the dam held overnight. -BNC",
            "Watch crews worked through the night to shore up the dam, officials said.",
            "The mayor shared a photo of the spillway on social media.",
            "Residents who subscribe to the council's alert service got a warning at 2 am.",
            "Copy editors at the Harbour Ledger declined to comment.",
            "Read more about the dam on the council's site.",
            "12",
            "Edited by a committee of harbour pilots, the report runs to 300 pages.",
            "Photographs by the survey team show the breach widening over the week.",
            "Follow the river road north and the dam comes into view.",
            "In 2019, a report on the dam said it was unsafe. Photo: not included.",
        ] {
            assert!(!is_boilerplate(line), "{line}");
        }
    }

    #[test]
    fn long_paragraphs_are_never_furniture_by_a_short_rule() {
        let long = format!("Watch: {}", "the river rose again. ".repeat(12));
        assert!(long.len() > SHORT);
        assert!(!is_boilerplate(&long));
        let long_prompt = format!("Please log in to keep reading. {}", "The river rose again. ".repeat(12));
        assert!(long_prompt.len() > SHORT);
        assert!(is_boilerplate(&long_prompt));
        let long_note = format!("(This story first appeared on Coastline Daily. {})", "More. ".repeat(40));
        assert!(is_boilerplate(&long_note));
    }
}
